/*
** report_build.c — computing a Report from a run database (report.h:
** report_build).
**
** Everything here is a read of the tables engine/store/schema.c defines;
** nothing is written and nothing is printed. Each section of the report
** has one loader (header, convergence, targets, drift, orphans, jobs,
** totals) with its SQL beside it, prepared through the Store's statement
** cache; the jobs' problems, the narrative and the verdict have files of
** their own (report_problem.c, report_narrative.c, report_verdict.c), and
** the helpers they share are report.c's. Every query that can return more
** than one row has an ORDER BY that fixes a total order, so a database
** always yields the same Report, byte for byte once written.
**
** Convergence. The outcomes of changes are the engine's (desired.h):
** converged changes are the latency samples; held and never-converged
** ones are open at the end and enter the percentiles as right-censored
** (report.h: ReportLatency); superseded and reverted ones are counted and
** left out. The pairs out of step at the end come from out_of_step, the
** in-step instants from jobs.in_step_at and tenants.in_step_at.
**
** Guest accounts left behind, in three classes:
**   orphaned — a live target user linked to a source user, no link of
**       which is justified (a link (job, source user) is justified when the
**       source user is live and desired.state is 'present'), and which is
**       not a disable carried out by design. For each, the source's state
**       and the first reason that applies for it still being there:
**         links.held (e.g. disabled_then_out_of_scope) — the job held back
**             the deletion on purpose; the held value itself is the reason;
**         job_deleted            — the job's configuration was deleted: it
**                                  justifies no one, and removes no one
**                                  (source state in_scope when the source
**                                  user was still in its scope then);
**         job_paused             — the job's status is Paused;
**         job_not_started        — the job never started (started_at NULL);
**         target_disallowed_sync — the job's policy check fails (gate_error);
**         pending_next_cycle     — no cycle of the job began at or after the
**                                  moment the pair stopped being justified,
**                                  or a cycle was still running at the end;
**         not_deprovisioned      — a cycle ran since and it is still there.
**   disabled_by_sync — the source user is disabled and so is its target
**       account: CTS only blocks sign-in (reason source_disabled). Listed,
**       not counted as orphans. A disable that never reached the target is
**       an orphan with one of the job reasons above.
**   preexisting — a B2B user declared in the scenario (so present before
**       the run) that redeemed with a home identity outside the scenario
**       ("invitation": "accepted", what the importer makes of a guest whose
**       home is not among the source users), no job ever linked, still live
**       at the end: an orphan already when the run began (reason
**       home_identity_unknown).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "simtime.h"
#include "reportInt.h"
#include "report_scan.h"

/* ============================================================ numbers */

/* Parse a whole decimal integer. 0 on success, -1 if z is not one. */
static int report_parse_i64(const char *z, int64_t *pv){
  char *zEnd = NULL;
  long long v;
  if( z==NULL || z[0]==0 ) return -1;
  errno = 0;
  v = strtoll(z, &zEnd, 10);
  if( errno || *zEnd ) return -1;
  *pv = (int64_t)v;
  return 0;
}

/* Is z a decimal number as JSON writes one: digits, no leading zero?
** (A seed is checked as text because it may exceed int64.) */
static int report_is_digits(const char *z){
  if( z==NULL || z[0]==0 || (z[0]=='0' && z[1]!=0) ) return 0;
  for(; *z; z++) if( *z<'0' || *z>'9' ) return 0;
  return 1;
}

/* ============================================================ header */

static const char zSqlInfo[] = "SELECT value FROM run_info WHERE key=?1";

/* Read run_info(zKey) into *pz, NULL when the key is absent. Returns TS_OK
** or TS_IOERR/TS_NOMEM. If bRequired, an absent key is TS_ERR. */
static int report_info(Store *pStore, const char *zKey, int bRequired,
                       char **pz, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlInfo, pErr);
  int rc = TS_OK;
  *pz = NULL;
  if( pStmt==NULL ) return TS_IOERR;
  store_bind_text(pStmt, 1, zKey);
  switch( report_step(pStore, pStmt, pErr) ){
    case SQLITE_ROW:
      rc = report_col(pStmt, 0, pz, pErr);
      break;
    case SQLITE_DONE:
      if( bRequired ){
        rc = tserr_set(pErr, TS_ERR, "the run database has no run_info '%s'"
                       " (not a finished tenantsim run)", zKey);
      }
      break;
    default:
      rc = TS_IOERR;
  }
  sqlite3_reset(pStmt);
  return rc;
}

static int report_load_header(Store *pStore, Report *p, TsErr *pErr){
  char *zEndT = NULL;
  char zWhy[TS_REASON_MAX];
  int rc;
  rc = report_info(pStore, "version", 0, &p->zVersion, pErr);
  if( rc==TS_OK ) rc = report_info(pStore, "scenario", 1, &p->zScenario, pErr);
  if( rc==TS_OK ) rc = report_info(pStore, "seed", 1, &p->zSeed, pErr);
  if( rc==TS_OK ) rc = report_info(pStore, "start", 1, &p->zStart, pErr);
  if( rc==TS_OK ) rc = report_info(pStore, "duration", 0, &p->zDuration, pErr);
  if( rc==TS_OK ) rc = report_info(pStore, "end_t", 1, &zEndT, pErr);
  if( rc ) goto out_free_end;
  if( !report_is_digits(p->zSeed) ){
    rc = tserr_set(pErr, TS_ERR, "run_info 'seed' is not a decimal number: \"%s\"",
                   p->zSeed);
    goto out_free_end;
  }
  zWhy[0] = 0;
  if( simtime_parse_instant(p->zStart, &p->tStartEpoch, zWhy, sizeof(zWhy)) ){
    rc = tserr_set(pErr, TS_ERR, "run_info 'start' is not an ISO instant (%s): \"%s\"",
                   zWhy, p->zStart);
    goto out_free_end;
  }
  if( report_parse_i64(zEndT, &p->tEnd) || p->tEnd<0 ){
    rc = tserr_set(pErr, TS_ERR, "run_info 'end_t' is not a number of seconds: \"%s\"",
                   zEndT);
    goto out_free_end;
  }
out_free_end:
  mem_free(zEndT);
  return rc;
}

/* ============================================================ convergence */

/* Out of step at the end by reason (and, for the whole run, by job), with
** the most frequent detail of each group. */
static const char zSqlWhy[] =
  "SELECT j.key, o.reason, max(o.held), count(*),"
  "  (SELECT o2.detail FROM out_of_step o2 WHERE o2.job=o.job AND o2.reason=o.reason"
  "     AND o2.detail IS NOT NULL GROUP BY o2.detail ORDER BY count(*) DESC, o2.detail LIMIT 1)"
  "  FROM out_of_step o JOIN jobs j ON j.idx=o.job"
  " WHERE (?1<0 OR o.job=?1) AND (?2<0 OR j.target=?2)"
  " GROUP BY o.job, o.reason ORDER BY count(*) DESC, j.key, o.reason";
static const char zSqlJobInStep[] =
  "SELECT COALESCE(drift_final,0), in_step_at IS NOT NULL OR COALESCE(drift_final,0)>0,"
  "       COALESCE(in_step_at,0) FROM jobs WHERE idx=?1";

/* Nearest-rank quantile q (percent) of n samples and nCensored censored
** ones: the rank, 1-based, or 0 when there is nothing to rank. */
static int64_t report_rank(int64_t q, int64_t n){
  return (q*n + 99)/100;           /* ceil(q/100*n) in integers: no rounding */
}

/* Pairs out of step by reason into *paWhy: for job iJob (iJob>=0, zJob
** left NULL), or for every job into target iTarget (iTarget>=0), or for
** the whole run. */
static int report_load_why(Store *pStore, int64_t iJob, int64_t iTarget,
                    ReportWhy **paWhy, int *pnWhy, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlWhy, pErr);
  int nAlloc = 0, e, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  sqlite3_bind_int64(pStmt, 1, iJob);
  sqlite3_bind_int64(pStmt, 2, iTarget);
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    ReportWhy *y;
    if( mem_grow_int((void**)paWhy, *pnWhy, &nAlloc, sizeof(ReportWhy)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    y = &(*paWhy)[(*pnWhy)++];
    memset(y, 0, sizeof(*y));
    y->bHeld = sqlite3_column_int(pStmt, 2);
    y->n = sqlite3_column_int64(pStmt, 3);
    if( iJob<0 ) rc = report_col(pStmt, 0, &y->zJob, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 1, &y->zReason, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 4, &y->zDetail, pErr);
    if( rc ) break;
  }
  sqlite3_reset(pStmt);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  return rc;
}

/* A latency of the scan as SQL read it (a NULL difference reads 0). */
static int64_t report_lat(int64_t d){ return d==INT64_MIN ? 0 : d; }

/* Fill pConv's counts, latency and reasons out of step for job iJob, or
** for every change when iJob<0; pSum holds its changes' sums (report_scan).
** The latencies come sorted, so the nearest-rank percentiles are simply
** the samples of their rank. */
static int report_load_conv(Store *pStore, int64_t iJob, const ReportScanJob *pSum,
                            ReportConv *pConv, TsErr *pErr){
  ReportLatency *l = &pConv->lat;
  int64_t nAll, iRank50, iRank95;
  int i, rc;

  pConv->nChanges = pSum->anOutcome[0];
  pConv->nConverged = pSum->anOutcome[1];
  pConv->nSuperseded = pSum->anOutcome[2];
  pConv->nReverted = pSum->anOutcome[3];
  pConv->nHeld = pSum->anOutcome[4];
  pConv->nNever = pSum->anOutcome[5];
  l->nCensored = pConv->nHeld + pConv->nNever;
  nAll = pConv->nConverged + l->nCensored;
  iRank50 = report_rank(50, nAll);
  iRank95 = report_rank(95, nAll);
  l->bCensor50 = iRank50>pConv->nConverged;
  l->bCensor95 = iRank95>pConv->nConverged;
  l->bCensorMax = l->nCensored>0;
  l->n = pSum->nLat;
  if( l->n>0 ){
    if( iRank50>=1 && iRank50<=l->n ) l->p50 = report_lat(pSum->aLat[iRank50-1]);
    if( iRank95>=1 && iRank95<=l->n ) l->p95 = report_lat(pSum->aLat[iRank95-1]);
    l->max = report_lat(pSum->aLat[l->n-1]);
  }
  rc = report_load_why(pStore, iJob, -1, &pConv->aWhy, &pConv->nWhy, pErr);
  if( rc==TS_OK && iJob>=0 ){
    int64_t bDrifted = 0, *apStep[3];
    apStep[0] = &pConv->nOutOfStep; apStep[1] = &bDrifted; apStep[2] = &pConv->tInStep;
    rc = report_row_ints(pStore, zSqlJobInStep, iJob, apStep, 3, pErr);
    pConv->bDrifted = bDrifted!=0;
  }else if( rc==TS_OK ){
    for(i=0; i<pConv->nWhy; i++) pConv->nOutOfStep += pConv->aWhy[i].n;
  }
  return rc;
}


/* ============================================================ targets */

static const char zSqlTargets[] =
  "SELECT idx, key, COALESCE(drift_final,0),"
  "       in_step_at IS NOT NULL OR COALESCE(drift_final,0)>0, COALESCE(in_step_at,0)"
  "  FROM tenants WHERE idx IN (SELECT target FROM jobs) ORDER BY idx";

static int report_load_targets(Store *pStore, Report *p, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlTargets, pErr);
  int nAlloc = 0, e, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  /* report_load_why uses another statement: this one can stay open. */
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    ReportTarget *t;
    if( mem_grow_int((void**)&p->aTarget, p->nTarget, &nAlloc, sizeof(ReportTarget)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    t = &p->aTarget[p->nTarget++];
    memset(t, 0, sizeof(*t));
    t->nOutOfStep = sqlite3_column_int64(pStmt, 2);
    t->bDrifted = sqlite3_column_int(pStmt, 3);
    t->tInStep = sqlite3_column_int64(pStmt, 4);
    rc = report_col(pStmt, 1, &t->zTenant, pErr);
    if( rc==TS_OK ){
      rc = report_load_why(pStore, -1, sqlite3_column_int64(pStmt, 0), &t->aWhy, &t->nWhy, pErr);
    }
    if( rc ) break;
  }
  sqlite3_reset(pStmt);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  return rc;
}

/* ============================================================ drift */

static const char zSqlDriftFinal[] =
  "SELECT value FROM metrics WHERE name='drift' AND tenant=-1"
  " ORDER BY t DESC LIMIT 1";
static const char zSqlDriftZero[] =
  "SELECT DISTINCT t FROM metrics WHERE name='drift_zero' ORDER BY t";
static const char zSqlLastAction[] =
  "SELECT max(at) IS NOT NULL, COALESCE(max(at), 0) FROM timeline";

/* Read the drift_zero instants into p->aZeroAt. */
static int report_load_zero_at(Store *pStore, Report *p, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlDriftZero, pErr);
  int nAlloc = 0, e, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    if( mem_grow_int((void**)&p->aZeroAt, p->nZeroAt, &nAlloc, sizeof(int64_t)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    p->aZeroAt[p->nZeroAt++] = sqlite3_column_int64(pStmt, 0);
  }
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  sqlite3_reset(pStmt);
  return rc;
}

/* The final drift, the instants it reached zero, the last timeline action
** and how long after it drift settled at zero. */
static int report_load_drift(Store *pStore, Report *p, TsErr *pErr){
  int64_t bLast = 0;
  int64_t *apFinal[1], *apLast[2];
  int i, rc;

  apFinal[0] = &p->nDriftFinal;
  apLast[0] = &bLast;
  apLast[1] = &p->tLastAction;
  rc = report_row_ints(pStore, zSqlDriftFinal, -1, apFinal, 1, pErr);
  if( rc==TS_OK ) rc = report_load_zero_at(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlLastAction, -1, apLast, 2, pErr);
  if( rc ) goto done;
  p->bLastAction = bLast!=0;

  /* Settled: the first return to zero at or after the last action; with
  ** none, drift that ends at zero never left it (0), otherwise never. */
  for(i=0; p->bLastAction && i<p->nZeroAt; i++){
    if( p->aZeroAt[i]>=p->tLastAction ){
      p->bSettled = 1;
      p->nSettle = p->aZeroAt[i] - p->tLastAction;
      break;
    }
  }
  if( !p->bSettled && p->nDriftFinal==0 ){
    p->bSettled = 1;
    p->nSettle = 0;
  }
done:
  return rc;
}

/* ============================================================ orphans */

/* Live, linked target users none of whose links is justified (see the head
** comment), one row per link; a target user with several such links comes
** out once, with the link of the lowest job index. The links that are not
** justified themselves (few: most pairs are in step) are found first, by
** one merge of links and desired (report_orphan_cand.c, into
** temp.report_cand); only their target users are read, and asked (through
** links_target) whether another link justifies them. Each job's cycle
** summary is computed once. */
static const char zSqlOrphans[] =
  "WITH"
  "  cyc(job, last_began, running) AS ("
  "    SELECT job, max(began), max(ended IS NULL) FROM cycles GROUP BY job)"
  "SELECT tt.key, tu.object_id, tu.user_principal_name, tu.display_name,"
  "       st.key, su.key, j.key, l.held,"
  "       (su.deleted_at IS NOT NULL OR su.purged_at IS NOT NULL),"
  "       COALESCE(su.deleted_at, su.purged_at), d.state, d.reason,"
  "       COALESCE(d.since, l.linked_at), j.status_code, j.started_at, j.gate_error,"
  "       cyc.last_began, COALESCE(cyc.running, 0), tu.id, tu.account_enabled, j.deleted_at"
  "  FROM temp.report_cand c"
  "  CROSS JOIN links l ON l.job=c.job AND l.source_user=c.source_user"
  "  JOIN users su ON su.id=l.source_user"
  "  JOIN users tu ON tu.id=l.target_user"
  "  JOIN jobs j ON j.idx=l.job"
  "  JOIN tenants tt ON tt.idx=tu.tenant"
  "  JOIN tenants st ON st.idx=su.tenant"
  "  LEFT JOIN desired d ON d.job=l.job AND d.source_user=l.source_user"
  "  LEFT JOIN cyc ON cyc.job=l.job"
  " WHERE tu.deleted_at IS NULL AND tu.purged_at IS NULL"
  "   AND NOT EXISTS (SELECT 1 FROM links l2"
  "      JOIN users s2 ON s2.id=l2.source_user"
  "      JOIN desired d2 ON d2.job=l2.job AND d2.source_user=l2.source_user"
  "      JOIN jobs j2 ON j2.idx=l2.job AND j2.deleted_at IS NULL"
  "     WHERE l2.target_user=tu.id AND s2.deleted_at IS NULL AND s2.purged_at IS NULL"
  "       AND d2.state='present')"
  " ORDER BY tt.key, tu.user_principal_name, tu.object_id, tu.id, l.job";

/* Columns of zSqlOrphans. */
enum {
  OC_TARGET_TENANT, OC_OBJECT_ID, OC_UPN, OC_DISPLAY_NAME,
  OC_SOURCE_TENANT, OC_SOURCE_USER, OC_JOB, OC_HELD,
  OC_SOURCE_GONE, OC_SOURCE_GONE_AT, OC_STATE, OC_STATE_REASON,
  OC_SINCE, OC_STATUS, OC_STARTED_AT, OC_GATE_ERROR,
  OC_LAST_BEGAN, OC_RUNNING, OC_TARGET_ID, OC_TARGET_ENABLED, OC_JOB_DELETED
};

/* The source's state of the current orphan row, and since when the pair
** has not been justified (*ptSince). Static or column storage: copy it. */
static const char *report_source_state(sqlite3_stmt *pStmt, int64_t *ptSince){
  const char *zState = (const char*)sqlite3_column_text(pStmt, OC_STATE);
  const char *zReason = (const char*)sqlite3_column_text(pStmt, OC_STATE_REASON);
  *ptSince = sqlite3_column_int64(pStmt, OC_SINCE);
  if( sqlite3_column_int(pStmt, OC_SOURCE_GONE) ){
    *ptSince = sqlite3_column_int64(pStmt, OC_SOURCE_GONE_AT);
    return "deleted";
  }
  if( zState==NULL ) return "unknown";     /* a link without a desired row */
  if( sqlite3_column_type(pStmt, OC_JOB_DELETED)!=SQLITE_NULL && strcmp(zState, "present")==0 ){
    *ptSince = sqlite3_column_int64(pStmt, OC_JOB_DELETED);
    return "in_scope";                     /* when the configuration went */
  }
  if( strcmp(zState, "absent")==0 ) return zReason && zReason[0] ? zReason : "absent";
  return zState;                           /* 'disabled' */
}

/* Why the orphan of the current row was never removed (head comment). */
static const char *report_orphan_reason(sqlite3_stmt *pStmt, const char *zSourceState,
                                        int64_t tSince){
  const char *zHeld = (const char*)sqlite3_column_text(pStmt, OC_HELD);
  const char *zStatus = (const char*)sqlite3_column_text(pStmt, OC_STATUS);
  if( zHeld && zHeld[0] ) return zHeld;
  if( sqlite3_column_type(pStmt, OC_JOB_DELETED)!=SQLITE_NULL ) return "job_deleted";
  /* A disabled source user whose disable reached the target: by design. If
  ** the target account is still enabled, the job failed to act: say why. */
  if( strcmp(zSourceState, "disabled")==0 && sqlite3_column_int(pStmt, OC_TARGET_ENABLED)==0 ){
    return "source_disabled";
  }
  if( zStatus && strcmp(zStatus, "Paused")==0 ) return "job_paused";
  if( sqlite3_column_type(pStmt, OC_STARTED_AT)==SQLITE_NULL ) return "job_not_started";
  if( sqlite3_column_type(pStmt, OC_GATE_ERROR)!=SQLITE_NULL ) return "target_disallowed_sync";
  if( sqlite3_column_type(pStmt, OC_LAST_BEGAN)==SQLITE_NULL
   || sqlite3_column_int64(pStmt, OC_LAST_BEGAN)<tSince
   || sqlite3_column_int(pStmt, OC_RUNNING) ){
    return "pending_next_cycle";
  }
  return "not_deprovisioned";
}


/* Fill orphan o from the current row of zSqlOrphans. */
static int report_orphan_fill(sqlite3_stmt *pStmt, const Report *p, ReportOrphan *o,
                              TsErr *pErr){
  const char *zSourceState;
  int rc;
  zSourceState = report_source_state(pStmt, &o->tSince);
  o->nAge = p->tEnd - o->tSince;
  rc = report_col(pStmt, OC_TARGET_TENANT, &o->zTargetTenant, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_OBJECT_ID, &o->zObjectId, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_UPN, &o->zUpn, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_DISPLAY_NAME, &o->zDisplayName, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_SOURCE_TENANT, &o->zSourceTenant, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_SOURCE_USER, &o->zSourceUser, pErr);
  if( rc==TS_OK ) rc = report_col(pStmt, OC_JOB, &o->zJob, pErr);
  /* The reason may point into the row (links.held): copy before stepping. */
  if( rc==TS_OK ){
    rc = report_dup(report_orphan_reason(pStmt, zSourceState, o->tSince),
                    &o->zReason, pErr);
  }
  if( rc==TS_OK ) rc = report_dup(zSourceState, &o->zSourceState, pErr);
  return rc;
}

static int report_cmp_name(const void *a, const void *b){
  return strcmp(*(const char *const*)a, *(const char *const*)b);
}

/* Count the orphans by reason into p->aOrphanReason, sorted by reason. */
static int report_count_reasons(Report *p, TsErr *pErr){
  const char **azReason = NULL;
  int i, rc = TS_OK;
  if( p->nOrphan==0 ) return TS_OK;
  azReason = mem_malloc((size_t)p->nOrphan*sizeof(char*));
  p->aOrphanReason = mem_calloc((size_t)p->nOrphan, sizeof(ReportCount));
  if( azReason==NULL || p->aOrphanReason==NULL ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    goto out_free_reasons;
  }
  for(i=0; i<p->nOrphan; i++) azReason[i] = p->aOrphan[i].zReason;
  qsort(azReason, (size_t)p->nOrphan, sizeof(char*), report_cmp_name);
  for(i=0; i<p->nOrphan; i++){
    if( i>0 && strcmp(azReason[i], azReason[i-1])==0 ){
      p->aOrphanReason[p->nOrphanReason-1].n++;
      continue;
    }
    p->aOrphanReason[p->nOrphanReason].n = 1;
    rc = report_dup(azReason[i], &p->aOrphanReason[p->nOrphanReason++].zName, pErr);
    if( rc ) goto out_free_reasons;
  }
out_free_reasons:
  mem_free(azReason);
  return rc;
}

/* B2B users the scenario declared whose home identity is outside it
** (redeemed elsewhere: no alt_sec_id), never linked by a job, still live:
** the candidates of the scan's one pass over users (report_scan.h), each
** looked up by id, then ordered by target tenant, upn, object id, id. */
static const char zSqlPreexisting[] =
  "SELECT tt.key, u.object_id, u.user_principal_name, u.display_name"
  "  FROM users u JOIN tenants tt ON tt.idx=u.tenant"
  " WHERE u.id=?1 AND NOT EXISTS (SELECT 1 FROM links WHERE target_user=?1)";

typedef struct PreRow { ReportOrphan o; int64_t id; } PreRow;

/* SQLite's BINARY order: NULL first, then bytes. */
static int report_cmp_text(const char *a, const char *b){
  if( a==NULL || b==NULL ) return (a!=NULL) - (b!=NULL);
  return strcmp(a, b);
}

static int report_cmp_pre(const void *pa, const void *pb){
  const PreRow *a = pa, *b = pb;
  int c = report_cmp_text(a->o.zTargetTenant, b->o.zTargetTenant);
  if( c==0 ) c = report_cmp_text(a->o.zUpn, b->o.zUpn);
  if( c==0 ) c = report_cmp_text(a->o.zObjectId, b->o.zObjectId);
  if( c==0 && a->id!=b->id ) c = a->id<b->id ? -1 : 1;
  return c;
}

static int report_load_preexisting(Store *pStore, const ReportScan *pScan, Report *p,
                                   TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlPreexisting, pErr);
  PreRow *aRow = NULL;
  int nRow = 0, nAlloc = 0, e = SQLITE_DONE, rc = TS_OK, i;
  int64_t k;
  if( pStmt==NULL ) return TS_IOERR;
  for(k=0; rc==TS_OK && k<pScan->nPreId; k++){
    PreRow *r;
    sqlite3_bind_int64(pStmt, 1, pScan->aPreId[k]);
    e = report_step(pStore, pStmt, pErr);
    if( e!=SQLITE_ROW ){
      if( e<0 ) rc = TS_IOERR;
      sqlite3_reset(pStmt);
      continue;
    }
    if( mem_grow_int((void**)&aRow, nRow, &nAlloc, sizeof(PreRow)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      sqlite3_reset(pStmt);
      break;
    }
    r = &aRow[nRow++];
    memset(r, 0, sizeof(*r));
    r->id = pScan->aPreId[k];
    r->o.tSince = 0;                        /* before the run began */
    r->o.nAge = p->tEnd;
    rc = report_col(pStmt, 0, &r->o.zTargetTenant, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 1, &r->o.zObjectId, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 2, &r->o.zUpn, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 3, &r->o.zDisplayName, pErr);
    if( rc==TS_OK ) rc = report_dup("home_identity_unknown", &r->o.zReason, pErr);
    if( rc==TS_OK ) rc = report_dup("unknown", &r->o.zSourceState, pErr);
    sqlite3_reset(pStmt);
  }
  if( rc==TS_OK && nRow>0 ){
    p->aPreexisting = mem_malloc(sizeof(ReportOrphan)*(size_t)nRow);
    if( p->aPreexisting==NULL ) rc = tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  if( rc==TS_OK ){
    if( nRow>1 ) qsort(aRow, (size_t)nRow, sizeof(PreRow), report_cmp_pre);
    for(i=0; i<nRow; i++) p->aPreexisting[i] = aRow[i].o;
    p->nPreexisting = nRow;
  }else{
    for(i=0; i<nRow; i++) report_orphan_clear(&aRow[i].o);
  }
  mem_free(aRow);
  return rc;
}

static int report_load_orphans(Store *pStore, const ReportScan *pScan, Report *p, TsErr *pErr){
  sqlite3_stmt *pStmt;
  int nAlloc = 0, nAllocDis = 0, e;
  int rc = report_orphan_cand_load(pStore, pScan->aGoneId, pScan->nGoneId, pErr);
  int64_t idPrev = -1;
  if( rc ) return rc;
  pStmt = report_stmt(pStore, zSqlOrphans, pErr);
  if( pStmt==NULL ) return TS_IOERR;
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    int64_t id = sqlite3_column_int64(pStmt, OC_TARGET_ID);
    ReportOrphan o;
    if( id==idPrev ) continue;
    idPrev = id;
    memset(&o, 0, sizeof(o));
    rc = report_orphan_fill(pStmt, p, &o, pErr);
    if( rc==TS_OK && strcmp(o.zReason, "source_disabled")==0 ){
      if( mem_grow_int((void**)&p->aDisabled, p->nDisabled, &nAllocDis, sizeof(ReportOrphan)) ){
        rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      }else{
        p->aDisabled[p->nDisabled++] = o;
        continue;
      }
    }else if( rc==TS_OK ){
      if( mem_grow_int((void**)&p->aOrphan, p->nOrphan, &nAlloc, sizeof(ReportOrphan)) ){
        rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      }else{
        p->aOrphan[p->nOrphan++] = o;
        continue;
      }
    }
    report_orphan_clear(&o);
    break;
  }
  sqlite3_reset(pStmt);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  if( rc==TS_OK ) rc = report_count_reasons(p, pErr);
  if( rc==TS_OK ) rc = report_load_preexisting(pStore, pScan, p, pErr);
  return rc;
}

/* ============================================================ jobs */

static const char zSqlJobs[] =
  "SELECT j.idx, j.key, j.job_id, s.key, t.key, j.scope,"
  "       CASE WHEN j.deleted_at IS NOT NULL THEN 'Deleted'"
  "            WHEN j.disabled_at IS NOT NULL AND j.schedule_state='Disabled'"
  "            THEN 'Disabled' ELSE j.status_code END, j.gate_error,"
  "       COALESCE(j.created_at, -1), COALESCE(j.deleted_at, -1)"
  "  FROM jobs j"
  "  LEFT JOIN tenants s ON s.idx=j.source"
  "  LEFT JOIN tenants t ON t.idx=j.target"
  " ORDER BY j.idx";
static const char zSqlJobCycles[] =
  "SELECT COALESCE(sum(kind='initial'),0), COALESCE(sum(kind='incremental'),0),"
  "       COALESCE(sum(state='Failed'),0),"
  "       COALESCE(sum(ended IS NULL AND state IS NULL),0), count(*)"
  "  FROM cycles WHERE job=?1";
/* The job's most frequent provisioning error codes (failures and
** warnings; skips are not errors), copied from its sums. */
static int report_job_errors(const ReportScanJob *pSum, ReportJob *j, TsErr *pErr){
  int i, rc = TS_OK;
  j->aError = mem_calloc(REPORT_TOP_ERRORS, sizeof(ReportCount));
  if( j->aError==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  for(i=0; i<pSum->nError && i<REPORT_TOP_ERRORS && rc==TS_OK; i++){
    ReportCount *c = &j->aError[j->nError++];
    c->n = pSum->aError[i].n;
    rc = report_dup(pSum->aError[i].zName, &c->zName, pErr);
  }
  return rc;
}

/* Everything the report says about job iJob, whose row is current in
** pRow (a zSqlJobs statement); pScan holds the sums of every job. */
static int report_job_fill(Store *pStore, const ReportScan *pScan, sqlite3_stmt *pRow,
                           ReportJob *j, TsErr *pErr){
  int64_t iJob = sqlite3_column_int64(pRow, 0);
  const ReportScanJob *pSum = report_scan_job(pScan, iJob);
  int64_t *apCycles[5];
  int rc;
  j->iIdx = iJob;
  apCycles[0] = &j->nCycInitial;   apCycles[1] = &j->nCycIncremental;
  apCycles[2] = &j->nCycFailed;    apCycles[3] = &j->nCycUnfinished;
  apCycles[4] = &j->nCycTotal;
  j->nCreate = pSum->anExport[0];  j->nUpdate = pSum->anExport[1];
  j->nDisable = pSum->anExport[2]; j->nDelete = pSum->anExport[3];
  j->nSkipped = pSum->anExport[4]; j->nFailures = pSum->anExport[5];
  rc = report_col(pRow, 1, &j->zJob, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 2, &j->zJobId, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 3, &j->zSource, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 4, &j->zTarget, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 5, &j->zScope, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 6, &j->zStatus, pErr);
  if( rc==TS_OK ) rc = report_col(pRow, 7, &j->zGateError, pErr);
  j->tCreated = sqlite3_column_int64(pRow, 8);
  j->tDeleted = sqlite3_column_int64(pRow, 9);
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlJobCycles, iJob, apCycles, 5, pErr);
  if( rc==TS_OK ) rc = report_job_errors(pSum, j, pErr);
  if( rc==TS_OK ) rc = report_dup(j->zJob, &j->conv.zJob, pErr);
  if( rc==TS_OK ) rc = report_load_conv(pStore, iJob, pSum, &j->conv, pErr);
  return rc;
}

static int report_load_jobs(Store *pStore, const ReportScan *pScan, Report *p, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlJobs, pErr);
  int nAlloc = 0, e, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  /* The per-job statements are distinct from zSqlJobs, so it can stay
  ** open while they run. */
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    if( mem_grow_int((void**)&p->aJob, p->nJob, &nAlloc, sizeof(ReportJob)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    memset(&p->aJob[p->nJob], 0, sizeof(ReportJob));
    rc = report_job_fill(pStore, pScan, pStmt, &p->aJob[p->nJob++], pErr);
    if( rc ) break;
  }
  sqlite3_reset(pStmt);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  return rc;
}

/* ============================================================ totals */

/* The two counts of users come from the scan's one pass over users. */
static const char zSqlTotals[] = "SELECT count(*) FROM timeline";

static int report_load_totals(Store *pStore, const ReportScan *pScan, Report *p, TsErr *pErr){
  int64_t *apOut[1];
  p->nSourceUsers = pScan->nSourceUsers;
  p->nTargetB2bLive = pScan->nB2bLive;
  p->nProvLog = pScan->nLogRows;
  p->nAuditLog = pScan->nAuditRows;
  apOut[0] = &p->nTimeline;
  return report_row_ints(pStore, zSqlTotals, -1, apOut, 1, pErr);
}

/* ============================================================ API */

int report_build(Store *pStore, Report **ppReport, TsErr *pErr){
  Report *p;
  ReportScan scan;
  int rc;
  *ppReport = NULL;
  memset(&scan, 0, sizeof(scan));
  p = mem_calloc(1, sizeof(Report));
  if( p==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  rc = report_load_header(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_scan_all(pStore, &scan, p->tStartEpoch, pErr);
  if( rc==TS_OK ) rc = report_load_conv(pStore, -1, report_scan_job(&scan, -1), &p->conv, pErr);
  if( rc==TS_OK ) rc = report_load_targets(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_load_drift(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_load_orphans(pStore, &scan, p, pErr);
  if( rc==TS_OK ) rc = report_load_jobs(pStore, &scan, p, pErr);
  if( rc==TS_OK ) rc = report_problem_load(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_load_totals(pStore, &scan, p, pErr);
  if( rc==TS_OK ) rc = report_narrative_load(pStore, p, &scan, pErr);
  if( rc==TS_OK ){                          /* the HTML's, kept past the scan */
    p->anTenantOwn = scan.anTenantOwn;
    p->nTenantOwn = scan.nTenantOwn;
    scan.anTenantOwn = NULL;
    p->anCreatedLive = scan.anCreatedLive;
    p->nCreatedLive = scan.nCreatedLive;
    scan.anCreatedLive = NULL;
    p->aLat = scan.all.aLat;
    p->nLat = scan.all.nLat;
    scan.all.aLat = NULL;
    p->aRunError = scan.all.aError;
    p->nRunError = scan.all.nError;
    scan.all.aError = NULL;
    scan.all.nError = 0;
  }
  report_scan_free(&scan);
  if( rc==TS_OK ) rc = report_detect_load(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_lint_load(pStore, p, pErr);
  if( rc==TS_OK ) rc = report_verdict_load(p, pErr);
  if( rc ) report_free(p);
  else *ppReport = p;
  return rc;
}
