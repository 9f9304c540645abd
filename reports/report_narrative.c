/*
** report_narrative.c — the story of the run, line by line (report.h:
** ReportLine), for the Markdown lab report, the HTML page and the JSON.
**
** Each timeline action gets a line (its summary and note as the scenario
** gave them, and how many of the users it selected were in some job's
** scope) followed by one line per job it concerned (timeline_jobs): how
** the job's checks came out for a policy or tenant setting it reads, the
** changes the action opened for that job (changes.action) by outcome, the
** job's first cycle after it (and the first to pass, if that one failed),
** and what the first passing cycle exported after a change of the job's
** control or rules. A change is credited only to the action that caused
** it and only to its own job, so a fix in one tenant is never reported as
** picked up by another job's cycle.
**
** The service's own events (fault windows, quarantines, disabled jobs,
** failing exports, staged and hard deletions, group sync, targets in
** step) are lines of their own, written by report_events.c; this file
** collects both and sorts them by instant, actions before events.
**
** Every number a line's text states is one of its facts (count, instant
** or duration), written by the same call that prints it (report_narr.c),
** so a test can check the text against the facts and the facts against
** the database. Instants are "Day N HH:MM" throughout, durations
** "1 h 29 m".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simtime.h"
#include "report_narrativeInt.h"
#include "report_scan.h"

/* ============================================================ cycles */

static const char zSqlFirstCycle[] =
  "SELECT id, began, ended, kind, state, error_code FROM cycles"
  " WHERE job=?1 AND began>=?2 AND kind<>'onDemand' AND (?3=0 OR state IS NOT 'Failed')"
  " ORDER BY began, id LIMIT 1";
static const char zSqlCycleExports[] =
  "SELECT COALESCE(sum(status='success' AND action='create'),0),"
  "       COALESCE(sum(status='success' AND action='update'),0),"
  "       COALESCE(sum(status='success' AND action='disable'),0),"
  "       COALESCE(sum(status='success' AND action='delete'),0),"
  "       COALESCE(sum(action='stagedDelete'),0), COALESCE(sum(status='failure'),0)"
  "  FROM provisioning_log WHERE job=?2 AND activity_at BETWEEN ?3 AND ?4 AND cycle=?1"
  "   AND object_type='User'";

/* The first cycle of job iJob beginning at or after t (bPassing: the first
** that did not fail its checks): 1 with its row in *pc, or 0. */
typedef struct NarrCycle {
  int64_t id, iJob, tBegan, tEnded;
  int bEnded, bFailed, bInitial;
  char zError[96];
} NarrCycle;

static int narr_cycle(Narr *n, int64_t iJob, int64_t t, int bPassing, NarrCycle *pc){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlFirstCycle);
  int bFound = 0;
  memset(pc, 0, sizeof(*pc));
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, iJob);
  sqlite3_bind_int64(s, 2, t);
  sqlite3_bind_int(s, 3, bPassing);
  if( report_narr_row(n, s) ){
    bFound = 1;
    pc->iJob = iJob;
    pc->id = sqlite3_column_int64(s, 0);
    pc->tBegan = sqlite3_column_int64(s, 1);
    pc->bEnded = sqlite3_column_type(s, 2)!=SQLITE_NULL;
    pc->tEnded = sqlite3_column_int64(s, 2);
    pc->bInitial = report_narr_col(s, 3) && strcmp(report_narr_col(s, 3), "initial")==0;
    pc->bFailed = report_narr_col(s, 4) && strcmp(report_narr_col(s, 4), "Failed")==0;
    snprintf(pc->zError, sizeof(pc->zError), "%s", report_narr_col(s, 5) ? report_narr_col(s, 5) : "");
    sqlite3_reset(s);
  }
  return bFound;
}

/* A job's interval, and whether it was quarantined at t. */
static const char zSqlJobAt[] =
  "SELECT j.interval_s, EXISTS(SELECT 1 FROM quarantines q WHERE q.job=j.idx AND q.began<=?2"
  "   AND (q.ended IS NULL OR q.ended>?2)) FROM jobs j WHERE j.idx=?1";

/* When the cycle that follows an action at t comes more than an interval
** later, say how much later and why. */
static void narr_wait(Narr *n, int k, int64_t iJob, int64_t t, int64_t tCycle){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlJobAt);
  int64_t nInterval;
  int bQuar;
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, iJob);
  sqlite3_bind_int64(s, 2, t);
  if( !report_narr_row(n, s) ) return;
  nInterval = sqlite3_column_int64(s, 0);
  bQuar = sqlite3_column_int(s, 1);
  sqlite3_reset(s);
  if( tCycle - t <= nInterval ) return;
  report_narr_text(n, " (");
  report_narr_span(n, k, "waited", tCycle - t);
  report_narr_text(n, bQuar ? " later: quarantine back-off)" : " later)");
}

/* "; its next cycle, Day X (initial), failed its checks (CODE); the first
** to pass began Day Y" — and return the first passing cycle in *pPass. */
static int narr_pickup(Narr *n, int k, int64_t iJob, int64_t t, NarrCycle *pPass){
  NarrCycle c;
  if( !narr_cycle(n, iJob, t, 0, &c) ){
    report_narr_text(n, "; no cycle of the job ran after it");
    return 0;
  }
  report_narr_text(n, "; its next cycle began ");
  report_narr_time(n, k, "next_cycle_at", c.tBegan);
  if( c.bInitial ) report_narr_text(n, " (initial)");
  narr_wait(n, k, iJob, t, c.tBegan);
  if( !c.bFailed ){
    *pPass = c;
    return 1;
  }
  strbuf_printf(&n->sb, " and failed its checks (%s)", c.zError);
  if( !narr_cycle(n, iJob, t, 1, pPass) ){
    report_narr_text(n, "; none passed by the end");
    return 0;
  }
  report_narr_text(n, "; the first to pass began ");
  report_narr_time(n, k, "passing_cycle_at", pPass->tBegan);
  return 1;
}

/* What passing cycle c exported, as "; it created 3, updated 2, ...". */
static void narr_exports(Narr *n, int k, const NarrCycle *c){
  static const char *const azWhat[] = { "created", "updated", "disabled", "deleted",
                                        "held as stagedDelete", "failed" };
  static const char *const azFact[] = { "created", "updated", "disabled", "deleted",
                                        "staged", "failed" };
  sqlite3_stmt *s = report_narr_stmt(n, zSqlCycleExports);
  int i, nSaid = 0;
  int64_t a[6];
  if( s==NULL ) return;
  /* The log is indexed by job and time: the cycle's span finds its rows. */
  sqlite3_bind_int64(s, 1, c->id);
  sqlite3_bind_int64(s, 2, c->iJob);
  sqlite3_bind_int64(s, 3, c->tBegan);
  sqlite3_bind_int64(s, 4, c->bEnded ? c->tEnded : n->p->tEnd);
  if( !report_narr_row(n, s) ) return;
  for(i=0; i<6; i++) a[i] = sqlite3_column_int64(s, i);
  sqlite3_reset(s);
  for(i=0; i<6; i++){
    if( a[i]==0 ) continue;
    report_narr_text(n, nSaid++ ? ", " : "; that cycle ");
    report_narr_text(n, azWhat[i]);
    report_narr_text(n, " ");
    report_narr_count(n, k, azFact[i], a[i]);
  }
  if( nSaid==0 ) report_narr_text(n, "; that cycle exported nothing");
  if( c->bEnded ){
    report_narr_text(n, " and ended ");
    report_narr_time(n, k, "cycle_ended_at", c->tEnded);
  }else{
    report_narr_text(n, " and was still running at the end");
  }
}

/* ============================================================ actions */

static const char zSqlTimeline[] =
  "SELECT seq, at, action, summary, note, in_scope, objects FROM timeline ORDER BY at, seq";
static const char zSqlActionJobs[] =
  "SELECT tj.job, j.key, tj.in_scope, tj.gate_before, tj.gate_after, j.target"
  "  FROM timeline_jobs tj JOIN jobs j ON j.idx=tj.job WHERE tj.seq=?1 ORDER BY tj.job";
static const char zSqlActionChanges[] =
  "SELECT count(*), COALESCE(sum(outcome='converged'),0),"
  "       max(CASE WHEN outcome='converged' THEN converged_at END),"
  "       COALESCE(sum(outcome='superseded'),0), COALESCE(sum(outcome='reverted'),0),"
  "       COALESCE(sum(outcome='held'),0), COALESCE(sum(outcome='never'),0),"
  "       (SELECT c2.reason FROM changes c2 WHERE c2.action IS ?1 AND c2.job=?2"
  "          AND c2.outcome IN ('held','never') GROUP BY c2.reason"
  "          ORDER BY count(*) DESC, c2.reason LIMIT 1)"
  "  FROM changes WHERE action IS ?1 AND job=?2";
/* Older changes of the job that the first passing cycle after a fix
** brought into step. */
static const char zSqlWaiting[] =
  "SELECT count(*) FROM changes WHERE job=?1 AND at<?2 AND outcome='converged'"
  " AND converged_at>=?3 AND converged_at<=?4";
/* Earlier changes of the job that this action undid at the source. */
static const char zSqlUndone[] =
  "SELECT count(*) FROM changes WHERE closed_by=?2 AND closed_by IS NOT NULL"
  " AND job=?1 AND outcome='reverted' AND action IS NOT ?2";
static const char zSqlDriftAt[] =
  "SELECT COALESCE((SELECT value FROM metrics WHERE name='drift' AND tenant=?1 AND t<?2"
  "   ORDER BY t DESC LIMIT 1), 0),"
  "  COALESCE((SELECT value FROM metrics WHERE name='drift' AND tenant=?1 AND t<=?2"
  "   ORDER BY t DESC LIMIT 1), 0)";

/* Is the action a change of the job's control or rules (its result is
** what the next passing cycle exports)? */
static int narr_is_control(const char *zAction){
  return report_narr_is(zAction, "start_job") || report_narr_is(zAction, "restart_job")
      || report_narr_is(zAction, "allow_deletes") || report_narr_is(zAction, "set_mapping")
      || report_narr_is(zAction, "set_filters") || report_narr_is(zAction, "create_job")
      || report_narr_is(zAction, "set_secrets");
}

/* The changes an action opened for one job, by outcome. */
typedef struct NarrChanges {
  int64_t nAll, nConv, nSup, nRev, nHeld, nNever, tLast;
  char zReason[64];        /* most frequent reason of held and never */
} NarrChanges;

static void narr_changes_of(Narr *n, int64_t iSeq, int64_t iJob, NarrChanges *c){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlActionChanges);
  memset(c, 0, sizeof(*c));
  if( s==NULL ) return;
  if( iSeq>0 ) sqlite3_bind_int64(s, 1, iSeq);      /* 0: the initial assignment (NULL) */
  sqlite3_bind_int64(s, 2, iJob);
  if( !report_narr_row(n, s) ) return;
  c->nAll = sqlite3_column_int64(s, 0);
  c->nConv = sqlite3_column_int64(s, 1);
  c->tLast = sqlite3_column_int64(s, 2);
  c->nSup = sqlite3_column_int64(s, 3);
  c->nRev = sqlite3_column_int64(s, 4);
  c->nHeld = sqlite3_column_int64(s, 5);
  c->nNever = sqlite3_column_int64(s, 6);
  snprintf(c->zReason, sizeof(c->zReason), "%s", report_narr_col(s, 7) ? report_narr_col(s, 7) : "");
  sqlite3_reset(s);
}

/* "N changes put a target out of step" */
static void narr_changes_head(Narr *n, int k, const NarrChanges *c){
  report_narr_count(n, k, "changes", c->nAll);
  strbuf_printf(&n->sb, " change%s put a target out of step", report_narr_s(c->nAll));
}

/* How those changes ended: "; 40 converged by Day 4 14:01; 1 superseded ..." */
static void narr_changes_outcome(Narr *n, int k, const NarrChanges *c){
  if( c->nConv ){
    report_narr_text(n, "; ");
    report_narr_count(n, k, "converged", c->nConv);
    report_narr_text(n, " converged by ");
    report_narr_time(n, k, "converged_by", c->tLast);
  }
  if( c->nSup ){
    report_narr_text(n, "; ");
    report_narr_count(n, k, "superseded", c->nSup);
    report_narr_text(n, " superseded by a later change");
  }
  if( c->nRev ){
    report_narr_text(n, "; ");
    report_narr_count(n, k, "reverted", c->nRev);
    report_narr_text(n, c->nRev==1 ? " reverted at the source before it was applied"
                            : " reverted at the source before they were applied");
  }
  if( c->nHeld ){
    report_narr_text(n, "; ");
    report_narr_count(n, k, "held", c->nHeld);
    strbuf_printf(&n->sb, " held by the service at the end (%s)", c->zReason);
  }
  if( c->nNever ){
    report_narr_text(n, "; ");
    report_narr_count(n, k, "never", c->nNever);
    strbuf_printf(&n->sb, " never converged (%s)", c->zReason);
  }
}

/* The target-side processes (targetproc.h): a lifecycle workflow, an
** access review, a Backup and Recovery recovery. */
static int narr_is_target_process(const char *zAction){
  return report_narr_is(zAction, "lifecycle_workflow") || report_narr_is(zAction, "access_review")
      || report_narr_is(zAction, "target_restore");
}

/* What the job does about a target-side change of action zAction, after
** "the target's drift went from a to b". */
static const char *narr_target_edit_why(const char *zAction){
  if( report_narr_is(zAction, "target_delete") ){
    return ": CTS does not restore a user deleted in the target";
  }
  if( report_narr_is(zAction, "lifecycle_workflow") ){
    return ": CTS does not read the target, so a user the workflow disabled stays disabled"
           " until the source user changes, and one it deleted is not restored";
  }
  if( report_narr_is(zAction, "access_review") ){
    return ": CTS does not read the target, so a blocked user stays blocked until the source"
           " user changes; a removed group membership comes back when group sync next"
           " evaluates the group";
  }
  if( report_narr_is(zAction, "target_restore") ){
    return ": CTS does not read the target, so recovered values stay until the source user"
           " changes (tenantsim's assumption, parameter backupRecovery)";
  }
  return ": CTS does not read the target, so an edit stays until the source user changes";
}

/* The line of job iJob under action iSeq (row of zSqlActionJobs in s). */
static void narr_action_job(Narr *n, sqlite3_stmt *pJob, int64_t iSeq, int64_t t,
                            const char *zAction, int iSub){
  int64_t iJob = sqlite3_column_int64(pJob, 0);
  const char *zJob = report_narr_col(pJob, 1);
  int bGate = report_narr_is(zAction, "set_policy") || report_narr_is(zAction, "set_tenant")
            || report_narr_is(zAction, "add_partner") || report_narr_is(zAction, "remove_partner");
  int bTargetEdit = report_narr_is(zAction, "target_update")
                 || report_narr_is(zAction, "target_delete") || narr_is_target_process(zAction);
  const char *zBefore = report_narr_col(pJob, 3), *zAfter = report_narr_col(pJob, 4);
  NarrChanges chg;
  NarrCycle pass;
  int k = report_narr_begin(n, t, iSeq, iSeq*1000+iSub, zAction, zJob, NULL, NULL);
  if( k<0 ) return;
  if( bGate ){
    if( zBefore && !zAfter ) strbuf_printf(&n->sb, "its checks now pass (they failed with %s)", zBefore);
    else if( !zBefore && zAfter ) strbuf_printf(&n->sb, "its checks now fail (%s)", zAfter);
    else if( zBefore ) strbuf_printf(&n->sb, "its checks still fail (%s)", zAfter);
    else report_narr_text(n, "its checks still pass");
  }
  narr_changes_of(n, iSeq, iJob, &chg);
  if( chg.nAll ){
    report_narr_text(n, bGate ? "; " : "");
    narr_changes_head(n, k, &chg);
  }else if( !bGate && sqlite3_column_type(pJob, 2)!=SQLITE_NULL && !narr_is_control(zAction)
          && !report_narr_is(zAction, "target_delete") ){
    int64_t nIn = sqlite3_column_int64(pJob, 2);
    report_narr_count(n, k, "in_scope", nIn);
    strbuf_printf(&n->sb, " selected user%s in its scope; no target change needed", report_narr_s(nIn));
  }
  {
    sqlite3_stmt *s = report_narr_stmt(n, zSqlUndone);
    if( s ){
      sqlite3_bind_int64(s, 1, iJob);
      sqlite3_bind_int64(s, 2, iSeq);
      if( report_narr_row(n, s) ){
        int64_t nUndone = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if( nUndone ){
          report_narr_text(n, n->sb.n ? "; it undid " : "it undid ");
          report_narr_count(n, k, "undone", nUndone);
          strbuf_printf(&n->sb, " earlier change%s before the service applied %s",
                        report_narr_s(nUndone),
                        nUndone==1 ? "it" : "them");
        }
      }
    }
  }
  if( report_narr_is(zAction, "pause_job") ){
    report_narr_text(n, n->sb.n ? "; " : "");
    report_narr_text(n, "no cycle starts until the job is started again");
  }else if( report_narr_is(zAction, "delete_job") ){
    report_narr_text(n, n->sb.n ? "; " : "");
    report_narr_text(n, "no cycle runs any more, and the users it provisioned stay in the target");
  }else if( bTargetEdit ){
    sqlite3_stmt *s = report_narr_stmt(n, zSqlDriftAt);
    if( s ){
      sqlite3_bind_int64(s, 1, sqlite3_column_int64(pJob, 5));
      sqlite3_bind_int64(s, 2, t);
      if( report_narr_row(n, s) ){
        int64_t a = sqlite3_column_int64(s, 0), b = sqlite3_column_int64(s, 1);
        sqlite3_reset(s);
        report_narr_text(n, n->sb.n ? "; " : "");
        report_narr_text(n, "the target's drift went from ");
        report_narr_count(n, k, "drift_before", a);
        report_narr_text(n, " to ");
        report_narr_count(n, k, "drift_after", b);
        report_narr_text(n, narr_target_edit_why(zAction));
      }
    }
  }else if( chg.nAll>0 || bGate || narr_is_control(zAction) ){
    if( narr_pickup(n, k, iJob, t, &pass) ){
      if( narr_is_control(zAction) ) narr_exports(n, k, &pass);
      if( bGate && zBefore && !zAfter && pass.bEnded ){
        sqlite3_stmt *s = report_narr_stmt(n, zSqlWaiting);
        if( s ){
          sqlite3_bind_int64(s, 1, iJob);
          sqlite3_bind_int64(s, 2, t);
          sqlite3_bind_int64(s, 3, pass.tBegan);
          sqlite3_bind_int64(s, 4, pass.tEnded);
          if( report_narr_row(n, s) ){
            int64_t nWait = sqlite3_column_int64(s, 0);
            sqlite3_reset(s);
            if( nWait ){
              report_narr_text(n, "; it brought ");
              report_narr_count(n, k, "waiting_converged", nWait);
              strbuf_printf(&n->sb, " waiting change%s into step by ", report_narr_s(nWait));
              report_narr_time(n, k, "cycle_ended_at", pass.tEnded);
            }
          }
        }
      }
    }
  }
  if( chg.nAll ) narr_changes_outcome(n, k, &chg);
  /* Drop a leading "; " left by a first clause that said nothing. */
  if( n->sb.n>=2 && n->sb.z[0]==';' && n->sb.z[1]==' ' ){
    memmove(n->sb.z, n->sb.z+2, n->sb.n-1);
    n->sb.n -= 2;
  }
  report_narr_end(n, k);
}

/* The summary without its note (runner.c appends " — note"). */
static char *narr_summary(const char *zSummary, const char *zNote){
  size_t nS = zSummary ? strlen(zSummary) : 0, nN = zNote ? strlen(zNote) : 0;
  if( zSummary==NULL ) return NULL;
  if( zNote && nS>=nN+5 && strcmp(zSummary+nS-nN, zNote)==0
   && memcmp(zSummary+nS-nN-5, " \xe2\x80\x94 ", 5)==0 ){
    return mem_strndup(zSummary, nS-nN-5);
  }
  return mem_strdup(zSummary);
}

static void narr_actions(Narr *n){
  sqlite3_stmt *s = report_narr_stmt(n, zSqlTimeline);
  while( s && n->rc==0 && report_narr_row(n, s) ){
    int64_t iSeq = sqlite3_column_int64(s, 0), t = sqlite3_column_int64(s, 1);
    const char *zAction = report_narr_col(s, 2);
    char *zSummary = narr_summary(report_narr_col(s, 3), report_narr_col(s, 4));
    sqlite3_stmt *pJobs;
    int k, iSub = 1;
    if( zSummary==NULL ){
      n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
      break;
    }
    k = report_narr_begin(n, t, iSeq, iSeq*1000, zAction, NULL, zSummary, report_narr_col(s, 4));
    mem_free(zSummary);
    if( k>=0 && sqlite3_column_type(s, 5)!=SQLITE_NULL ){
      int64_t nIn = sqlite3_column_int64(s, 5), nSel = sqlite3_column_int64(s, 6);
      int bRules = report_narr_is(zAction, "set_mapping") || report_narr_is(zAction, "set_filters");
      if( bRules ){
        report_narr_count(n, k, "in_scope", nIn);
        strbuf_printf(&n->sb, " source user%s in the job's scope before or after the change",
                      report_narr_s(nIn));
      }else if( nIn==0 && nSel>0 ){
        strbuf_printf(&n->sb, "none of %s in the scope of any job", nSel==1 ? "it is" : "them is");
      }else if( nIn<nSel ){
        report_narr_count(n, k, "in_scope", nIn);
        report_narr_text(n, " of them in the scope of a job, ");
        report_narr_count(n, k, "not_in_scope", nSel-nIn);
        report_narr_text(n, " in none");
      }
    }
    report_narr_end(n, k);
    pJobs = report_narr_stmt(n, zSqlActionJobs);
    if( pJobs==NULL ) break;
    sqlite3_bind_int64(pJobs, 1, iSeq);
    while( n->rc==0 && report_narr_row(n, pJobs) ){
      narr_action_job(n, pJobs, iSeq, t, zAction, iSub++);
    }
    if( n->rc ) sqlite3_reset(pJobs);
  }
  if( s && n->rc ) sqlite3_reset(s);
}

/* The initial assignment: the changes no timeline action caused, per job
** (by index), from the job's first one; their sums come from the report's
** one pass over changes (report_scan.h). */
static void narr_initial(Narr *n){
  int i;
  for(i=0; i<n->p->nJob && n->rc==0; i++){
    const ReportJob *j = &n->p->aJob[i];
    const ReportScanJob *s = report_scan_job(n->pScan, j->iIdx);
    NarrChanges chg;
    NarrCycle pass;
    int k;
    if( s->nInitial==0 ) continue;
    memset(&chg, 0, sizeof(chg));
    chg.nAll = s->nInitial;
    chg.nConv = s->anInitial[0];
    chg.nSup = s->anInitial[1];
    chg.nRev = s->anInitial[2];
    chg.nHeld = s->anInitial[3];
    chg.nNever = s->anInitial[4];
    chg.tLast = s->tInitialLast;
    if( s->nInitialWhy>0 && s->aInitialWhy[0].zName ){
      snprintf(chg.zReason, sizeof(chg.zReason), "%s", s->aInitialWhy[0].zName);
    }
    k = report_narr_begin(n, s->tInitialFirst, 0, j->iIdx, "initial", j->zJob, NULL, NULL);
    report_narr_text(n, "initial assignment: ");
    narr_changes_head(n, k, &chg);
    narr_pickup(n, k, j->iIdx, s->tInitialFirst, &pass);
    narr_changes_outcome(n, k, &chg);
    report_narr_end(n, k);
  }
}


/* ============================================================ API */

static int narr_cmp(const void *a, const void *b){
  const ReportLine *x = a, *y = b;
  if( x->t!=y->t ) return x->t<y->t ? -1 : 1;
  if( x->iOrder!=y->iOrder ) return x->iOrder<y->iOrder ? -1 : 1;
  return 0;
}

int report_narrative_load(Store *pStore, Report *p, const ReportScan *pScan, TsErr *pErr){
  Narr n;
  memset(&n, 0, sizeof(n));
  n.p = p;
  n.pScan = pScan;
  n.pStore = pStore;
  n.pErr = pErr;
  strbuf_init(&n.sb);
  narr_initial(&n);
  narr_actions(&n);
  report_events_load(&n);
  strbuf_free(&n.sb);
  /* Every key is distinct (events are numbered), so qsort's order is total. */
  if( n.rc==TS_OK && p->nLine>1 ) qsort(p->aLine, (size_t)p->nLine, sizeof(ReportLine), narr_cmp);
  return n.rc;
}

