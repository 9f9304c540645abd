/*
** report_events.c — the service's own events as lines of the narrative
** (report_narrativeInt.h): fault windows, quarantine entry and exit (with
** the cycles that ran meanwhile and the longest back-off interval), a job
** disabled after four weeks, episodes of failing exports (escrowed and
** retried), deletions held as stagedDelete, hard deletions at the end of
** the soft-delete retention (per tenant and day), groups created, updated
** and deleted by group sync, and the instant each target came into step
** for good.
**
** Each is read from the store with the statement beside its writer; each
** line sorts after the timeline actions of its instant, in the order the
** events are collected (NARR_EVENT + Narr.nEvent).
*/
#include <stdio.h>
#include <string.h>
#include "simtime.h"
#include "report_narrativeInt.h"
#include "report_scan.h"

static const char zSqlFaults[] =
  "SELECT t.key, f.kind, f.from_t, f.until_t, f.rate, f.factor, f.error_code"
  "  FROM faults f JOIN tenants t ON t.idx=f.tenant ORDER BY f.from_t, f.idx";

static void narr_faults(Narr *n){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlFaults);
  while( s && n->rc==0 && report_narr_row(n, s) ){
    const char *zKind = report_narr_col(s, 1);
    int64_t tFrom = sqlite3_column_int64(s, 2);
    int k = report_narr_begin(n, tFrom, 0, NARR_EVENT + (++n->nEvent), "fault", NULL, NULL, NULL);
    if( report_narr_is(zKind, "outage") ){
      strbuf_printf(&n->sb, "outage in %s: every export fails with %s", report_narr_col(s, 0),
                    report_narr_col(s, 6) ? report_narr_col(s, 6) : "an error");
    }else if( report_narr_is(zKind, "transient") ){
      strbuf_printf(&n->sb, "transient errors in %s: ", report_narr_col(s, 0));
      report_narr_count(n, k, "rate_percent", (int64_t)(sqlite3_column_double(s, 4)*100.0 + 0.5));
      strbuf_printf(&n->sb, " %% of exports fail with %s",
                    report_narr_col(s, 6) ? report_narr_col(s, 6) : "an error");
    }else{
      strbuf_printf(&n->sb, "throttling in %s: each object takes ", report_narr_col(s, 0));
      report_narr_count(n, k, "factor", (int64_t)(sqlite3_column_double(s, 5) + 0.5));
      report_narr_text(n, " times as long");
    }
    if( sqlite3_column_type(s, 3)==SQLITE_NULL ){
      report_narr_text(n, ", and it does not end within the run");
    }else{
      report_narr_text(n, ", until ");
      report_narr_time(n, k, "until", sqlite3_column_int64(s, 3));
    }
    report_narr_end(n, k);
  }
}

static const char zSqlQuarantines[] =
  "SELECT q.job, j.key, q.reason, q.began, q.ended, q.ended_by,"
  "  (SELECT c.error_code FROM cycles c WHERE c.job=q.job AND c.began=q.began"
  "     AND c.state='Failed' ORDER BY c.id LIMIT 1),"
  "  (SELECT c.count_escrowed FROM cycles c WHERE c.job=q.job AND c.ended=q.began"
  "     AND c.kind<>'onDemand' ORDER BY c.id DESC LIMIT 1),"
  "  (SELECT c.count_imported FROM cycles c WHERE c.job=q.job AND c.ended=q.began"
  "     AND c.kind<>'onDemand' ORDER BY c.id DESC LIMIT 1)"
  "  FROM quarantines q JOIN jobs j ON j.idx=q.job ORDER BY q.began, q.id";
/* Cycles of a job in [?2, ?3) and the longest interval between the starts
** of two of them. */
static const char zSqlBackoff[] =
  "SELECT count(*), COALESCE(max(gap),0) FROM (SELECT began - lag(began) OVER"
  "   (ORDER BY began, id) AS gap FROM cycles WHERE job=?1 AND began>=?2 AND began<?3"
  "   AND kind<>'onDemand')";

static void narr_quarantines(Narr *n){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlQuarantines);
  while( s && n->rc==0 && report_narr_row(n, s) ){
    int64_t iJob = sqlite3_column_int64(s, 0);
    const char *zJob = report_narr_col(s, 1), *zReason = report_narr_col(s, 2);
    const char *zBy = report_narr_col(s, 5);
    int64_t tBegan = sqlite3_column_int64(s, 3);
    int bEnded = sqlite3_column_type(s, 4)!=SQLITE_NULL;
    int64_t tEnded = bEnded ? sqlite3_column_int64(s, 4) : n->p->tEnd;
    int k = report_narr_begin(n, tBegan, 0, NARR_EVENT + (++n->nEvent), "quarantine", zJob, NULL, NULL);
    sqlite3_stmt *b;
    strbuf_printf(&n->sb, "quarantined (%s)", zReason);
    if( report_narr_is(zReason, "EncounteredQuarantineException") && report_narr_col(s, 6) ){
      strbuf_printf(&n->sb, ": its checks failed (%s)", report_narr_col(s, 6));
    }else if( sqlite3_column_type(s, 7)!=SQLITE_NULL && !report_narr_is(zReason, "TooManyDeletes") ){
      report_narr_text(n, ": ");
      report_narr_count(n, k, "failed", sqlite3_column_int64(s, 7));
      report_narr_text(n, " of ");
      report_narr_count(n, k, "objects", sqlite3_column_int64(s, 8));
      report_narr_text(n, " objects of a cycle failed");
    }else if( report_narr_is(zReason, "TooManyDeletes") ){
      report_narr_text(n, ": a cycle would remove more than the accidental-deletion threshold allows");
    }
    b = report_narr_stmt(n, zSqlBackoff);
    if( b ){
      sqlite3_bind_int64(b, 1, iJob);
      sqlite3_bind_int64(b, 2, tBegan);
      sqlite3_bind_int64(b, 3, tEnded);
      if( report_narr_row(n, b) ){
        int64_t nCyc = sqlite3_column_int64(b, 0), nGap = sqlite3_column_int64(b, 1);
        sqlite3_reset(b);
        report_narr_text(n, bEnded ? "; until it left quarantine " : "; until the end ");
        report_narr_count(n, k, "cycles", nCyc);
        strbuf_printf(&n->sb, " cycle%s ran", report_narr_s(nCyc));
        if( nCyc>1 ){
          report_narr_text(n, ", backing off to one every ");
          report_narr_span(n, k, "longest_interval", nGap);
        }
      }
    }
    report_narr_end(n, k);
    /* A change of reason is the start of the next row; say only real exits. */
    if( bEnded && !report_narr_is(zBy, "reason changed") ){
      k = report_narr_begin(n, tEnded, 0, NARR_EVENT + (++n->nEvent), "quarantine_end", zJob,
                            NULL, NULL);
      strbuf_printf(&n->sb, "left quarantine (%s) after ", zBy ? zBy : "ended");
      report_narr_span(n, k, "quarantined_for", tEnded - tBegan);
      report_narr_end(n, k);
    }
  }
}

static const char zSqlDisabled[] =
  "SELECT key, disabled_at FROM jobs WHERE disabled_at IS NOT NULL ORDER BY disabled_at, idx";

static void narr_disabled(Narr *n){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlDisabled);
  while( s && n->rc==0 && report_narr_row(n, s) ){
    int k = report_narr_begin(n, sqlite3_column_int64(s, 1), 0, NARR_EVENT + (++n->nEvent),
                       "disabled", report_narr_col(s, 0), NULL, NULL);
    report_narr_text(n, "disabled by the service after more than four weeks in quarantine;"
              " no cycle runs until it is started again");
    report_narr_end(n, k);
  }
}

/* Cycles that failed exports (escrowed) or held removals (stagedDelete),
** in job and time order; the stagedDelete counts (column 6 is a place
** holder) come from the report's one pass over provisioning_log. */
static const char zSqlTrouble[] =
  "SELECT c.job, j.key, c.id, c.began, COALESCE(c.ended, c.began), c.count_escrowed,"
  "  0, j.delete_threshold"
  "  FROM cycles c JOIN jobs j ON j.idx=c.job"
  " WHERE c.kind<>'onDemand' ORDER BY c.job, c.began, c.id";
/* The rows of an episode: job ?1, cycles ?2..?3, which began at or after
** ?4 and ended by ?5 (the time span uses the log's index). */
static const char zSqlEscrowEpisode[] =
  "SELECT count(DISTINCT source_user),"
  "  (SELECT l2.error_code FROM provisioning_log l2 WHERE l2.job=?1 AND l2.status='failure'"
  "     AND l2.activity_at BETWEEN ?4 AND ?5 AND l2.cycle BETWEEN ?2 AND ?3"
  "     GROUP BY l2.error_code ORDER BY count(*) DESC, l2.error_code LIMIT 1)"
  "  FROM provisioning_log WHERE job=?1 AND status='failure' AND activity_at BETWEEN ?4 AND ?5"
  "   AND cycle BETWEEN ?2 AND ?3";
static const char zSqlStagedUsers[] =
  "SELECT count(DISTINCT source_user) FROM provisioning_log WHERE job=?1"
  " AND action='stagedDelete' AND activity_at BETWEEN ?4 AND ?5 AND cycle BETWEEN ?2 AND ?3";

/* Gaps between failing cycles up to this long keep one episode going. */
#define NARR_EPISODE_GAP (6*SIMTIME_HOUR)

typedef struct NarrEpisode {
  int64_t iJob, idFirst, idLast, tFirst, tLast, n, nCycles, nMax, nThreshold;
  char zJob[128];
  int bOpen;
} NarrEpisode;

/* Run episode query zSql (?1 job, ?2..?3 cycle ids, ?4..?5 times) for e:
** its first column is returned, its second (if any) copied to z[nz]. */
static int64_t narr_episode_query(Narr *n, const char *zSql, const NarrEpisode *e,
                                  char *z, size_t nz){
  sqlite3_stmt *s = report_narr_stmt(n, zSql);
  int64_t v = 0;
  if( z ) z[0] = 0;
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, e->iJob);
  sqlite3_bind_int64(s, 2, e->idFirst);
  sqlite3_bind_int64(s, 3, e->idLast);
  sqlite3_bind_int64(s, 4, e->tFirst);
  sqlite3_bind_int64(s, 5, e->tLast);
  if( report_narr_row(n, s) ){
    v = sqlite3_column_int64(s, 0);
    if( z ) snprintf(z, nz, "%s", report_narr_col(s, 1) ? report_narr_col(s, 1) : "");
    sqlite3_reset(s);
  }
  return v;
}

static void narr_escrow_line(Narr *n, const NarrEpisode *e){
  int k = report_narr_begin(n, e->tFirst, 0, NARR_EVENT + (++n->nEvent), "escrow", e->zJob, NULL, NULL);
  char zCode[96];
  int64_t nUsers = narr_episode_query(n, zSqlEscrowEpisode, e, zCode, sizeof(zCode));
  report_narr_count(n, k, "failed", e->n);
  strbuf_printf(&n->sb, " export%s failed (%s most often) in ", report_narr_s(e->n), zCode);
  report_narr_count(n, k, "cycles", e->nCycles);
  strbuf_printf(&n->sb, " cycle%s, for ", report_narr_s(e->nCycles));
  report_narr_count(n, k, "users", nUsers);
  strbuf_printf(&n->sb, " user%s, until ", report_narr_s(nUsers));
  report_narr_time(n, k, "until", e->tLast);
  report_narr_text(n, "; each was escrowed and retried");
  report_narr_end(n, k);
}

static void narr_staged_line(Narr *n, const NarrEpisode *e){
  int k = report_narr_begin(n, e->tFirst, 0, NARR_EVENT + (++n->nEvent), "staged_delete",
                            e->zJob, NULL, NULL);
  int64_t nUsers = narr_episode_query(n, zSqlStagedUsers, e, NULL, 0);
  report_narr_text(n, "a cycle would remove ");
  report_narr_count(n, k, "removals", e->nMax);
  report_narr_text(n, " users, over the accidental-deletion threshold of ");
  report_narr_count(n, k, "threshold", e->nThreshold);
  report_narr_text(n, ": the removals of ");
  report_narr_count(n, k, "users", nUsers);
  strbuf_printf(&n->sb, " user%s were held as stagedDelete in ", report_narr_s(nUsers));
  report_narr_count(n, k, "cycles", e->nCycles);
  strbuf_printf(&n->sb, " cycle%s, until ", report_narr_s(e->nCycles));
  report_narr_time(n, k, "until", e->tLast);
  report_narr_end(n, k);
}

static void narr_trouble(Narr *n){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlTrouble);
  NarrEpisode esc, stg;
  memset(&esc, 0, sizeof(esc));
  memset(&stg, 0, sizeof(stg));
  while( s && n->rc==0 && report_narr_row(n, s) ){
    int64_t iJob = sqlite3_column_int64(s, 0), id = sqlite3_column_int64(s, 2);
    int64_t tB = sqlite3_column_int64(s, 3), tE = sqlite3_column_int64(s, 4);
    int64_t nEsc = sqlite3_column_int64(s, 5), nStg = report_scan_staged(n->pScan, sqlite3_column_int64(s, 2));
    /* A new job, a long quiet gap, or (staged) one cycle without: an end. */
    if( esc.bOpen && (esc.iJob!=iJob || (nEsc && tB - esc.tLast > NARR_EPISODE_GAP)) ){
      narr_escrow_line(n, &esc);
      esc.bOpen = 0;
    }
    if( stg.bOpen && (stg.iJob!=iJob || nStg==0) ){
      narr_staged_line(n, &stg);
      stg.bOpen = 0;
    }
    if( nEsc ){
      if( !esc.bOpen ){
        memset(&esc, 0, sizeof(esc));
        esc.bOpen = 1;
        esc.iJob = iJob;
        esc.idFirst = id;
        esc.tFirst = tB;
        snprintf(esc.zJob, sizeof(esc.zJob), "%s", report_narr_col(s, 1));
      }
      esc.idLast = id;
      esc.tLast = tE;
      esc.n += nEsc;
      esc.nCycles++;
    }
    if( nStg ){
      if( !stg.bOpen ){
        memset(&stg, 0, sizeof(stg));
        stg.bOpen = 1;
        stg.iJob = iJob;
        stg.idFirst = id;
        stg.tFirst = tB;
        stg.nThreshold = sqlite3_column_int64(s, 7);
        snprintf(stg.zJob, sizeof(stg.zJob), "%s", report_narr_col(s, 1));
      }
      stg.idLast = id;
      stg.tLast = tE;
      stg.nCycles++;
      if( nStg>stg.nMax ) stg.nMax = nStg;
    }
  }
  if( esc.bOpen ) narr_escrow_line(n, &esc);
  if( stg.bOpen ) narr_staged_line(n, &stg);
}

/* Hard deletions at the end of the soft-delete retention, per tenant and
** day, from the report's one pass over users (report_scan.h). */
static const char zSqlTenantKey[] = "SELECT key FROM tenants WHERE idx=?1";

static void narr_purges(Narr *n){
  int64_t i;
  for(i=0; i<n->pScan->nPurge && n->rc==0; i++){
    const ReportPurge *g = &n->pScan->aPurge[i];
    sqlite3_stmt *s = report_narr_stmt(n, zSqlTenantKey);
    int k;
    if( s==NULL ) break;
    sqlite3_bind_int64(s, 1, g->iTenant);
    if( report_narr_row(n, s) ){            /* a user of no tenant: not a run's */
      k = report_narr_begin(n, g->tFirst, 0, NARR_EVENT + (++n->nEvent),
                            "hard_delete", NULL, NULL, NULL);
      report_narr_count(n, k, "purged", g->n);
      strbuf_printf(&n->sb, " soft-deleted user%s of %s hard-deleted this day: the end of the"
                    " soft-delete retention", report_narr_s(g->n), report_narr_col(s, 0));
      report_narr_end(n, k);
    }
    sqlite3_reset(s);
  }
}

/* Groups written by group sync, per job and cycle, from the report's one
** pass over provisioning_log (report_scan.h). */
static const char zSqlGroupJob[] =
  "SELECT j.key, t.key FROM jobs j JOIN tenants t ON t.idx=j.target WHERE j.idx=?1";
static const char zSqlGroupNames[] =
  "SELECT DISTINCT g.display_name FROM provisioning_log l JOIN groups g ON g.idx=l.target_group"
  " WHERE l.job=?2 AND l.activity_at BETWEEN ?3 AND ?4 AND l.cycle=?1"
  "   AND l.object_type='Group' AND l.status='success' ORDER BY g.display_name";

/* The names of the groups of sync g, in brackets after the sentence. */
static void narr_group_names(Narr *n, const ReportGroupSync *g){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlGroupNames);
  int nName = 0;
  if( s==NULL ) return;
  if( g->bNoCycle ) sqlite3_bind_null(s, 1);
  else sqlite3_bind_int64(s, 1, g->iCycle);
  sqlite3_bind_int64(s, 2, g->iJob);
  sqlite3_bind_int64(s, 3, g->tFirst);
  sqlite3_bind_int64(s, 4, g->tLast);
  while( report_narr_row(n, s) ){
    report_narr_text(n, nName++ ? ", " : " (");
    report_narr_text(n, report_narr_col(s, 0));
  }
  if( nName ) report_narr_text(n, ")");
}

static void narr_groups(Narr *n){
  static const char *const azVerb[] = { "created", "updated", "deleted" };
  int64_t j;
  for(j=0; j<n->pScan->nGroupSync && n->rc==0; j++){
    const ReportGroupSync *g = &n->pScan->aGroupSync[j];
    const int64_t anVerb[3] = { g->nCreate, g->nUpdate, g->nDelete };
    sqlite3_stmt *s = report_narr_stmt(n, zSqlGroupJob);
    int i, k, nSaid = 0;
    if( s==NULL ) break;
    sqlite3_bind_int64(s, 1, g->iJob);
    if( !report_narr_row(n, s) ) continue;  /* a job a run does not write */
    k = report_narr_begin(n, g->tFirst, 0, NARR_EVENT + (++n->nEvent), "groups",
                          report_narr_col(s, 0), NULL, NULL);
    for(i=0; i<3; i++){
      if( anVerb[i]==0 ) continue;
      report_narr_text(n, nSaid++ ? ", " : "group sync ");
      report_narr_text(n, azVerb[i]);
      report_narr_text(n, " ");
      report_narr_count(n, k, azVerb[i], anVerb[i]);
      strbuf_printf(&n->sb, " group%s", report_narr_s(anVerb[i]));
    }
    strbuf_printf(&n->sb, " in %s", report_narr_col(s, 1));
    sqlite3_reset(s);
    narr_group_names(n, g);
    report_narr_end(n, k);
  }
}

/* Each target that came into step for good. */
static void narr_in_step(Narr *n){
  int i;
  for(i=0; i<n->p->nTarget && n->rc==0; i++){
    const ReportTarget *t = &n->p->aTarget[i];
    int k;
    if( t->nOutOfStep || !t->bDrifted ) continue;
    k = report_narr_begin(n, t->tInStep, 0, NARR_EVENT + (++n->nEvent), "in_step", NULL, NULL, NULL);
    strbuf_printf(&n->sb, "%s in step with its sources from here to the end of the run", t->zTenant);
    report_narr_end(n, k);
  }
}

/* ============================================================ API */

void report_events_load(Narr *n){
  narr_faults(n);
  narr_quarantines(n);
  narr_disabled(n);
  narr_trouble(n);
  narr_purges(n);
  narr_groups(n);
  narr_in_step(n);
}
