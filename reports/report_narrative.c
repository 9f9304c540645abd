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
** The service's own events are lines of their own: fault windows,
** quarantine entry and exit (with the cycles that ran meanwhile and the
** longest back-off interval), a job disabled after four weeks, episodes of
** failing exports (escrowed and retried), deletions held as stagedDelete,
** hard deletions at the end of the soft-delete retention (per tenant and
** day), groups created, updated and deleted by group sync, and the instant
** each target came into step for good.
**
** Every number a line's text states is one of its facts (count, instant
** or duration), written by the same call that prints it, so a test can
** check the text against the facts and the facts against the database.
** Instants are "Day N HH:MM" throughout, durations "1 h 29 m".
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simtime.h"
#include "reportInt.h"

/* Events of the service sort after the actions of the same instant. */
#define NARR_EVENT 1000000000000LL

typedef struct Narr {
  Report *p;
  Store *pStore;
  TsErr *pErr;
  int rc;                  /* first failure */
  int nAlloc;
  int64_t nEvent;          /* events so far (their order at one instant) */
  StrBuf sb;               /* text of the line being written */
} Narr;

/* ============================================================ lines */

/* Start line k (its text goes to n->sb until narr_end). Returns its index,
** or -1 after a failure. */
static int narr_begin(Narr *n, int64_t t, int64_t iSeq, int64_t iOrder, const char *zKind,
                      const char *zJob, const char *zSummary, const char *zNote){
  Report *p = n->p;
  ReportLine *l;
  if( n->rc ) return -1;
  if( mem_grow_int((void**)&p->aLine, p->nLine, &n->nAlloc, sizeof(ReportLine)) ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return -1;
  }
  l = &p->aLine[p->nLine++];
  memset(l, 0, sizeof(*l));
  l->t = t;
  l->iSeq = iSeq;
  l->iOrder = iOrder;
  strbuf_reset(&n->sb);
  if( (n->rc = report_dup(zKind, &l->zKind, n->pErr))==TS_OK
   && (n->rc = report_dup(zJob, &l->zJob, n->pErr))==TS_OK
   && (n->rc = report_dup(zSummary, &l->zSummary, n->pErr))==TS_OK ){
    n->rc = report_dup(zNote, &l->zNote, n->pErr);
  }
  return n->rc ? -1 : p->nLine-1;
}

/* Finish line k: its text is what was appended since narr_begin. */
static void narr_end(Narr *n, int k){
  if( k<0 || n->rc ) return;
  if( n->sb.bErr ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return;
  }
  n->rc = report_dup(strbuf_str(&n->sb), &n->p->aLine[k].zText, n->pErr);
  strbuf_reset(&n->sb);
}

static void narr_fact(Narr *n, int k, const char *zName, char cKind, int64_t v){
  ReportLine *l;
  if( k<0 || n->rc ) return;
  l = &n->p->aLine[k];
  if( mem_grow_int((void**)&l->aFact, l->nFact, &l->nFactAlloc, sizeof(ReportFact)) ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return;
  }
  l->aFact[l->nFact].zName = zName;
  l->aFact[l->nFact].v = v;
  l->aFact[l->nFact].cKind = cKind;
  l->nFact++;
}

static void narr_text(Narr *n, const char *z){ strbuf_append(&n->sb, z); }

/* Append a count (with separators) and record it as fact zName. */
static void narr_count(Narr *n, int k, const char *zName, int64_t v){
  char z[32];
  strbuf_append(&n->sb, report_format_count(v, z, sizeof(z)));
  narr_fact(n, k, zName, 'n', v);
}

/* Append an instant ("Day N HH:MM") and record it. */
static void narr_time(Narr *n, int k, const char *zName, int64_t t){
  char z[32];
  strbuf_append(&n->sb, report_format_day(n->p, t, z, sizeof(z)));
  narr_fact(n, k, zName, 't', t);
}

/* Append a duration ("1 h 29 m") and record it. */
static void narr_span(Narr *n, int k, const char *zName, int64_t v){
  char z[32];
  strbuf_append(&n->sb, simtime_format_span(v, z, sizeof(z)));
  narr_fact(n, k, zName, 'd', v);
}

/* "s" unless v is 1. */
static const char *narr_s(int64_t v){ return v==1 ? "" : "s"; }

/* The statement for zSql, or NULL with the failure recorded. */
static sqlite3_stmt *narr_stmt(Narr *n, const char *zSql){
  sqlite3_stmt *s;
  if( n->rc ) return NULL;
  s = report_stmt(n->pStore, zSql, n->pErr);
  if( s==NULL ) n->rc = TS_IOERR;
  return s;
}

/* Step s: 1 for a row; 0 when done or failed (the failure recorded, s reset). */
static int narr_row(Narr *n, sqlite3_stmt *s){
  int e = report_step(n->pStore, s, n->pErr);
  if( e==SQLITE_ROW ) return 1;
  if( e<0 ) n->rc = TS_IOERR;
  sqlite3_reset(s);
  return 0;
}

static const char *narr_col(sqlite3_stmt *s, int i){
  return (const char*)sqlite3_column_text(s, i);
}

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
  sqlite3_stmt *s = narr_stmt(n, zSqlFirstCycle);
  int bFound = 0;
  memset(pc, 0, sizeof(*pc));
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, iJob);
  sqlite3_bind_int64(s, 2, t);
  sqlite3_bind_int(s, 3, bPassing);
  if( narr_row(n, s) ){
    bFound = 1;
    pc->iJob = iJob;
    pc->id = sqlite3_column_int64(s, 0);
    pc->tBegan = sqlite3_column_int64(s, 1);
    pc->bEnded = sqlite3_column_type(s, 2)!=SQLITE_NULL;
    pc->tEnded = sqlite3_column_int64(s, 2);
    pc->bInitial = narr_col(s, 3) && strcmp(narr_col(s, 3), "initial")==0;
    pc->bFailed = narr_col(s, 4) && strcmp(narr_col(s, 4), "Failed")==0;
    snprintf(pc->zError, sizeof(pc->zError), "%s", narr_col(s, 5) ? narr_col(s, 5) : "");
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
  sqlite3_stmt *s = narr_stmt(n, zSqlJobAt);
  int64_t nInterval;
  int bQuar;
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, iJob);
  sqlite3_bind_int64(s, 2, t);
  if( !narr_row(n, s) ) return;
  nInterval = sqlite3_column_int64(s, 0);
  bQuar = sqlite3_column_int(s, 1);
  sqlite3_reset(s);
  if( tCycle - t <= nInterval ) return;
  narr_text(n, " (");
  narr_span(n, k, "waited", tCycle - t);
  narr_text(n, bQuar ? " later: quarantine back-off)" : " later)");
}

/* "; its next cycle, Day X (initial), failed its checks (CODE); the first
** to pass began Day Y" — and return the first passing cycle in *pPass. */
static int narr_pickup(Narr *n, int k, int64_t iJob, int64_t t, NarrCycle *pPass){
  NarrCycle c;
  if( !narr_cycle(n, iJob, t, 0, &c) ){
    narr_text(n, "; no cycle of the job ran after it");
    return 0;
  }
  narr_text(n, "; its next cycle began ");
  narr_time(n, k, "next_cycle_at", c.tBegan);
  if( c.bInitial ) narr_text(n, " (initial)");
  narr_wait(n, k, iJob, t, c.tBegan);
  if( !c.bFailed ){
    *pPass = c;
    return 1;
  }
  strbuf_printf(&n->sb, " and failed its checks (%s)", c.zError);
  if( !narr_cycle(n, iJob, t, 1, pPass) ){
    narr_text(n, "; none passed by the end");
    return 0;
  }
  narr_text(n, "; the first to pass began ");
  narr_time(n, k, "passing_cycle_at", pPass->tBegan);
  return 1;
}

/* What passing cycle c exported, as "; it created 3, updated 2, ...". */
static void narr_exports(Narr *n, int k, const NarrCycle *c){
  static const char *const azWhat[] = { "created", "updated", "disabled", "deleted",
                                        "held as stagedDelete", "failed" };
  static const char *const azFact[] = { "created", "updated", "disabled", "deleted",
                                        "staged", "failed" };
  sqlite3_stmt *s = narr_stmt(n, zSqlCycleExports);
  int i, nSaid = 0;
  int64_t a[6];
  if( s==NULL ) return;
  /* The log is indexed by job and time: the cycle's span finds its rows. */
  sqlite3_bind_int64(s, 1, c->id);
  sqlite3_bind_int64(s, 2, c->iJob);
  sqlite3_bind_int64(s, 3, c->tBegan);
  sqlite3_bind_int64(s, 4, c->bEnded ? c->tEnded : n->p->tEnd);
  if( !narr_row(n, s) ) return;
  for(i=0; i<6; i++) a[i] = sqlite3_column_int64(s, i);
  sqlite3_reset(s);
  for(i=0; i<6; i++){
    if( a[i]==0 ) continue;
    narr_text(n, nSaid++ ? ", " : "; that cycle ");
    narr_text(n, azWhat[i]);
    narr_text(n, " ");
    narr_count(n, k, azFact[i], a[i]);
  }
  if( nSaid==0 ) narr_text(n, "; that cycle exported nothing");
  if( c->bEnded ){
    narr_text(n, " and ended ");
    narr_time(n, k, "cycle_ended_at", c->tEnded);
  }else{
    narr_text(n, " and was still running at the end");
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

static int narr_is(const char *z, const char *zA){ return z && strcmp(z, zA)==0; }

/* Is the action a change of the job's control or rules (its result is
** what the next passing cycle exports)? */
static int narr_is_control(const char *zAction){
  return narr_is(zAction, "start_job") || narr_is(zAction, "restart_job")
      || narr_is(zAction, "allow_deletes") || narr_is(zAction, "set_mapping")
      || narr_is(zAction, "set_filters");
}

/* The changes an action opened for one job, by outcome. */
typedef struct NarrChanges {
  int64_t nAll, nConv, nSup, nRev, nHeld, nNever, tLast;
  char zReason[64];        /* most frequent reason of held and never */
} NarrChanges;

static void narr_changes_of(Narr *n, int64_t iSeq, int64_t iJob, NarrChanges *c){
  sqlite3_stmt *s = narr_stmt(n, zSqlActionChanges);
  memset(c, 0, sizeof(*c));
  if( s==NULL ) return;
  if( iSeq>0 ) sqlite3_bind_int64(s, 1, iSeq);      /* 0: the initial assignment (NULL) */
  sqlite3_bind_int64(s, 2, iJob);
  if( !narr_row(n, s) ) return;
  c->nAll = sqlite3_column_int64(s, 0);
  c->nConv = sqlite3_column_int64(s, 1);
  c->tLast = sqlite3_column_int64(s, 2);
  c->nSup = sqlite3_column_int64(s, 3);
  c->nRev = sqlite3_column_int64(s, 4);
  c->nHeld = sqlite3_column_int64(s, 5);
  c->nNever = sqlite3_column_int64(s, 6);
  snprintf(c->zReason, sizeof(c->zReason), "%s", narr_col(s, 7) ? narr_col(s, 7) : "");
  sqlite3_reset(s);
}

/* "N changes put a target out of step" */
static void narr_changes_head(Narr *n, int k, const NarrChanges *c){
  narr_count(n, k, "changes", c->nAll);
  strbuf_printf(&n->sb, " change%s put a target out of step", narr_s(c->nAll));
}

/* How those changes ended: "; 40 converged by Day 4 14:01; 1 superseded ..." */
static void narr_changes_outcome(Narr *n, int k, const NarrChanges *c){
  if( c->nConv ){
    narr_text(n, "; ");
    narr_count(n, k, "converged", c->nConv);
    narr_text(n, " converged by ");
    narr_time(n, k, "converged_by", c->tLast);
  }
  if( c->nSup ){
    narr_text(n, "; ");
    narr_count(n, k, "superseded", c->nSup);
    narr_text(n, " superseded by a later change");
  }
  if( c->nRev ){
    narr_text(n, "; ");
    narr_count(n, k, "reverted", c->nRev);
    narr_text(n, c->nRev==1 ? " reverted at the source before it was applied"
                            : " reverted at the source before they were applied");
  }
  if( c->nHeld ){
    narr_text(n, "; ");
    narr_count(n, k, "held", c->nHeld);
    strbuf_printf(&n->sb, " held by the service at the end (%s)", c->zReason);
  }
  if( c->nNever ){
    narr_text(n, "; ");
    narr_count(n, k, "never", c->nNever);
    strbuf_printf(&n->sb, " never converged (%s)", c->zReason);
  }
}

/* The line of job iJob under action iSeq (row of zSqlActionJobs in s). */
static void narr_action_job(Narr *n, sqlite3_stmt *pJob, int64_t iSeq, int64_t t,
                            const char *zAction, int iSub){
  int64_t iJob = sqlite3_column_int64(pJob, 0);
  const char *zJob = narr_col(pJob, 1);
  int bGate = narr_is(zAction, "set_policy") || narr_is(zAction, "set_tenant");
  const char *zBefore = narr_col(pJob, 3), *zAfter = narr_col(pJob, 4);
  NarrChanges chg;
  NarrCycle pass;
  int k = narr_begin(n, t, iSeq, iSeq*1000+iSub, zAction, zJob, NULL, NULL);
  if( k<0 ) return;
  if( bGate ){
    if( zBefore && !zAfter ) strbuf_printf(&n->sb, "its checks now pass (they failed with %s)", zBefore);
    else if( !zBefore && zAfter ) strbuf_printf(&n->sb, "its checks now fail (%s)", zAfter);
    else if( zBefore ) strbuf_printf(&n->sb, "its checks still fail (%s)", zAfter);
    else narr_text(n, "its checks still pass");
  }
  narr_changes_of(n, iSeq, iJob, &chg);
  if( chg.nAll ){
    narr_text(n, bGate ? "; " : "");
    narr_changes_head(n, k, &chg);
  }else if( !bGate && sqlite3_column_type(pJob, 2)!=SQLITE_NULL && !narr_is_control(zAction) ){
    int64_t nIn = sqlite3_column_int64(pJob, 2);
    narr_count(n, k, "in_scope", nIn);
    strbuf_printf(&n->sb, " selected user%s in its scope; no target change needed", narr_s(nIn));
  }
  {
    sqlite3_stmt *s = narr_stmt(n, zSqlUndone);
    if( s ){
      sqlite3_bind_int64(s, 1, iJob);
      sqlite3_bind_int64(s, 2, iSeq);
      if( narr_row(n, s) ){
        int64_t nUndone = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if( nUndone ){
          narr_text(n, n->sb.n ? "; it undid " : "it undid ");
          narr_count(n, k, "undone", nUndone);
          strbuf_printf(&n->sb, " earlier change%s before the service applied %s", narr_s(nUndone),
                        nUndone==1 ? "it" : "them");
        }
      }
    }
  }
  if( narr_is(zAction, "pause_job") ){
    narr_text(n, n->sb.n ? "; " : "");
    narr_text(n, "no cycle starts until the job is started again");
  }else if( narr_is(zAction, "target_update") ){
    sqlite3_stmt *s = narr_stmt(n, zSqlDriftAt);
    if( s ){
      sqlite3_bind_int64(s, 1, sqlite3_column_int64(pJob, 5));
      sqlite3_bind_int64(s, 2, t);
      if( narr_row(n, s) ){
        int64_t a = sqlite3_column_int64(s, 0), b = sqlite3_column_int64(s, 1);
        sqlite3_reset(s);
        narr_text(n, n->sb.n ? "; " : "");
        narr_text(n, "the target's drift went from ");
        narr_count(n, k, "drift_before", a);
        narr_text(n, " to ");
        narr_count(n, k, "drift_after", b);
        narr_text(n, ": CTS does not read the target, so an edit stays until the source"
                  " user changes");
      }
    }
  }else if( chg.nAll>0 || bGate || narr_is_control(zAction) ){
    if( narr_pickup(n, k, iJob, t, &pass) ){
      if( narr_is_control(zAction) ) narr_exports(n, k, &pass);
      if( bGate && zBefore && !zAfter && pass.bEnded ){
        sqlite3_stmt *s = narr_stmt(n, zSqlWaiting);
        if( s ){
          sqlite3_bind_int64(s, 1, iJob);
          sqlite3_bind_int64(s, 2, t);
          sqlite3_bind_int64(s, 3, pass.tBegan);
          sqlite3_bind_int64(s, 4, pass.tEnded);
          if( narr_row(n, s) ){
            int64_t nWait = sqlite3_column_int64(s, 0);
            sqlite3_reset(s);
            if( nWait ){
              narr_text(n, "; it brought ");
              narr_count(n, k, "waiting_converged", nWait);
              strbuf_printf(&n->sb, " waiting change%s into step by ", narr_s(nWait));
              narr_time(n, k, "cycle_ended_at", pass.tEnded);
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
  narr_end(n, k);
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
  sqlite3_stmt *s = narr_stmt(n, zSqlTimeline);
  while( s && n->rc==0 && narr_row(n, s) ){
    int64_t iSeq = sqlite3_column_int64(s, 0), t = sqlite3_column_int64(s, 1);
    const char *zAction = narr_col(s, 2);
    char *zSummary = narr_summary(narr_col(s, 3), narr_col(s, 4));
    sqlite3_stmt *pJobs;
    int k, iSub = 1;
    if( zSummary==NULL ){
      n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
      break;
    }
    k = narr_begin(n, t, iSeq, iSeq*1000, zAction, NULL, zSummary, narr_col(s, 4));
    mem_free(zSummary);
    if( k>=0 && sqlite3_column_type(s, 5)!=SQLITE_NULL ){
      int64_t nIn = sqlite3_column_int64(s, 5), nSel = sqlite3_column_int64(s, 6);
      int bRules = narr_is(zAction, "set_mapping") || narr_is(zAction, "set_filters");
      if( bRules ){
        narr_count(n, k, "in_scope", nIn);
        strbuf_printf(&n->sb, " source user%s in the job's scope before or after the change", narr_s(nIn));
      }else if( nIn==0 && nSel>0 ){
        strbuf_printf(&n->sb, "none of %s in the scope of any job", nSel==1 ? "it is" : "them is");
      }else if( nIn<nSel ){
        narr_count(n, k, "in_scope", nIn);
        narr_text(n, " of them in the scope of a job, ");
        narr_count(n, k, "not_in_scope", nSel-nIn);
        narr_text(n, " in none");
      }
    }
    narr_end(n, k);
    pJobs = narr_stmt(n, zSqlActionJobs);
    if( pJobs==NULL ) break;
    sqlite3_bind_int64(pJobs, 1, iSeq);
    while( n->rc==0 && narr_row(n, pJobs) ){
      narr_action_job(n, pJobs, iSeq, t, zAction, iSub++);
    }
    if( n->rc ) sqlite3_reset(pJobs);
  }
  if( s && n->rc ) sqlite3_reset(s);
}

/* The initial assignment: the changes no timeline action caused, per job,
** from the job's first one. */
static const char zSqlInitial[] =
  "SELECT c.job, j.key, min(c.at) FROM changes c JOIN jobs j ON j.idx=c.job"
  " WHERE c.action IS NULL GROUP BY c.job ORDER BY c.job";

static void narr_initial(Narr *n){
  sqlite3_stmt *s = narr_stmt(n, zSqlInitial);
  while( s && n->rc==0 && narr_row(n, s) ){
    int64_t iJob = sqlite3_column_int64(s, 0), t = sqlite3_column_int64(s, 2);
    NarrChanges chg;
    NarrCycle pass;
    int k = narr_begin(n, t, 0, (int64_t)iJob, "initial", narr_col(s, 1), NULL, NULL);
    narr_changes_of(n, 0, iJob, &chg);
    narr_text(n, "initial assignment: ");
    narr_changes_head(n, k, &chg);
    narr_pickup(n, k, iJob, t, &pass);
    narr_changes_outcome(n, k, &chg);
    narr_end(n, k);
  }
}

/* ============================================================ events */

static const char zSqlFaults[] =
  "SELECT t.key, f.kind, f.from_t, f.until_t, f.rate, f.factor, f.error_code"
  "  FROM faults f JOIN tenants t ON t.idx=f.tenant ORDER BY f.from_t, f.idx";

static void narr_faults(Narr *n){
  sqlite3_stmt *s = narr_stmt(n, zSqlFaults);
  while( s && n->rc==0 && narr_row(n, s) ){
    const char *zKind = narr_col(s, 1);
    int64_t tFrom = sqlite3_column_int64(s, 2);
    int k = narr_begin(n, tFrom, 0, NARR_EVENT + (++n->nEvent), "fault", NULL, NULL, NULL);
    if( narr_is(zKind, "outage") ){
      strbuf_printf(&n->sb, "outage in %s: every export fails with %s", narr_col(s, 0),
                    narr_col(s, 6) ? narr_col(s, 6) : "an error");
    }else if( narr_is(zKind, "transient") ){
      strbuf_printf(&n->sb, "transient errors in %s: ", narr_col(s, 0));
      narr_count(n, k, "rate_percent", (int64_t)(sqlite3_column_double(s, 4)*100.0 + 0.5));
      strbuf_printf(&n->sb, " %% of exports fail with %s", narr_col(s, 6) ? narr_col(s, 6) : "an error");
    }else{
      strbuf_printf(&n->sb, "throttling in %s: each object takes ", narr_col(s, 0));
      narr_count(n, k, "factor", (int64_t)(sqlite3_column_double(s, 5) + 0.5));
      narr_text(n, " times as long");
    }
    narr_text(n, ", until ");
    narr_time(n, k, "until", sqlite3_column_int64(s, 3));
    narr_end(n, k);
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
  sqlite3_stmt *s = narr_stmt(n, zSqlQuarantines);
  while( s && n->rc==0 && narr_row(n, s) ){
    int64_t iJob = sqlite3_column_int64(s, 0);
    const char *zJob = narr_col(s, 1), *zReason = narr_col(s, 2), *zBy = narr_col(s, 5);
    int64_t tBegan = sqlite3_column_int64(s, 3);
    int bEnded = sqlite3_column_type(s, 4)!=SQLITE_NULL;
    int64_t tEnded = bEnded ? sqlite3_column_int64(s, 4) : n->p->tEnd;
    int k = narr_begin(n, tBegan, 0, NARR_EVENT + (++n->nEvent), "quarantine", zJob, NULL, NULL);
    sqlite3_stmt *b;
    strbuf_printf(&n->sb, "quarantined (%s)", zReason);
    if( narr_is(zReason, "EncounteredQuarantineException") && narr_col(s, 6) ){
      strbuf_printf(&n->sb, ": its checks failed (%s)", narr_col(s, 6));
    }else if( sqlite3_column_type(s, 7)!=SQLITE_NULL && !narr_is(zReason, "TooManyDeletes") ){
      narr_text(n, ": ");
      narr_count(n, k, "failed", sqlite3_column_int64(s, 7));
      narr_text(n, " of ");
      narr_count(n, k, "objects", sqlite3_column_int64(s, 8));
      narr_text(n, " objects of a cycle failed");
    }else if( narr_is(zReason, "TooManyDeletes") ){
      narr_text(n, ": a cycle would remove more than the accidental-deletion threshold allows");
    }
    b = narr_stmt(n, zSqlBackoff);
    if( b ){
      sqlite3_bind_int64(b, 1, iJob);
      sqlite3_bind_int64(b, 2, tBegan);
      sqlite3_bind_int64(b, 3, tEnded);
      if( narr_row(n, b) ){
        int64_t nCyc = sqlite3_column_int64(b, 0), nGap = sqlite3_column_int64(b, 1);
        sqlite3_reset(b);
        narr_text(n, bEnded ? "; until it left quarantine " : "; until the end ");
        narr_count(n, k, "cycles", nCyc);
        strbuf_printf(&n->sb, " cycle%s ran", narr_s(nCyc));
        if( nCyc>1 ){
          narr_text(n, ", backing off to one every ");
          narr_span(n, k, "longest_interval", nGap);
        }
      }
    }
    narr_end(n, k);
    /* A change of reason is the start of the next row; say only real exits. */
    if( bEnded && !narr_is(zBy, "reason changed") ){
      k = narr_begin(n, tEnded, 0, NARR_EVENT + (++n->nEvent), "quarantine_end", zJob, NULL, NULL);
      strbuf_printf(&n->sb, "left quarantine (%s) after ", zBy ? zBy : "ended");
      narr_span(n, k, "quarantined_for", tEnded - tBegan);
      narr_end(n, k);
    }
  }
}

static const char zSqlDisabled[] =
  "SELECT key, disabled_at FROM jobs WHERE disabled_at IS NOT NULL ORDER BY disabled_at, idx";

static void narr_disabled(Narr *n){
  sqlite3_stmt *s = narr_stmt(n, zSqlDisabled);
  while( s && n->rc==0 && narr_row(n, s) ){
    int k = narr_begin(n, sqlite3_column_int64(s, 1), 0, NARR_EVENT + (++n->nEvent),
                       "disabled", narr_col(s, 0), NULL, NULL);
    narr_text(n, "disabled by the service after more than four weeks in quarantine;"
              " no cycle runs until it is started again");
    narr_end(n, k);
  }
}

/* Cycles that failed exports (escrowed) or held removals (stagedDelete),
** in job and time order. */
static const char zSqlTrouble[] =
  "SELECT c.job, j.key, c.id, c.began, COALESCE(c.ended, c.began), c.count_escrowed,"
  "  COALESCE(st.n, 0), j.delete_threshold"
  "  FROM cycles c JOIN jobs j ON j.idx=c.job"
  "  LEFT JOIN (SELECT cycle, count(*) AS n FROM provisioning_log WHERE action='stagedDelete'"
  "             GROUP BY cycle) st ON st.cycle=c.id"
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
  sqlite3_stmt *s = narr_stmt(n, zSql);
  int64_t v = 0;
  if( z ) z[0] = 0;
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, e->iJob);
  sqlite3_bind_int64(s, 2, e->idFirst);
  sqlite3_bind_int64(s, 3, e->idLast);
  sqlite3_bind_int64(s, 4, e->tFirst);
  sqlite3_bind_int64(s, 5, e->tLast);
  if( narr_row(n, s) ){
    v = sqlite3_column_int64(s, 0);
    if( z ) snprintf(z, nz, "%s", narr_col(s, 1) ? narr_col(s, 1) : "");
    sqlite3_reset(s);
  }
  return v;
}

static void narr_escrow_line(Narr *n, const NarrEpisode *e){
  int k = narr_begin(n, e->tFirst, 0, NARR_EVENT + (++n->nEvent), "escrow", e->zJob, NULL, NULL);
  char zCode[96];
  int64_t nUsers = narr_episode_query(n, zSqlEscrowEpisode, e, zCode, sizeof(zCode));
  narr_count(n, k, "failed", e->n);
  strbuf_printf(&n->sb, " export%s failed (%s most often) in ", narr_s(e->n), zCode);
  narr_count(n, k, "cycles", e->nCycles);
  strbuf_printf(&n->sb, " cycle%s, for ", narr_s(e->nCycles));
  narr_count(n, k, "users", nUsers);
  strbuf_printf(&n->sb, " user%s, until ", narr_s(nUsers));
  narr_time(n, k, "until", e->tLast);
  narr_text(n, "; each was escrowed and retried");
  narr_end(n, k);
}

static void narr_staged_line(Narr *n, const NarrEpisode *e){
  int k = narr_begin(n, e->tFirst, 0, NARR_EVENT + (++n->nEvent), "staged_delete", e->zJob, NULL, NULL);
  int64_t nUsers = narr_episode_query(n, zSqlStagedUsers, e, NULL, 0);
  narr_text(n, "a cycle would remove ");
  narr_count(n, k, "removals", e->nMax);
  narr_text(n, " users, over the accidental-deletion threshold of ");
  narr_count(n, k, "threshold", e->nThreshold);
  narr_text(n, ": the removals of ");
  narr_count(n, k, "users", nUsers);
  strbuf_printf(&n->sb, " user%s were held as stagedDelete in ", narr_s(nUsers));
  narr_count(n, k, "cycles", e->nCycles);
  strbuf_printf(&n->sb, " cycle%s, until ", narr_s(e->nCycles));
  narr_time(n, k, "until", e->tLast);
  narr_end(n, k);
}

static void narr_trouble(Narr *n){
  sqlite3_stmt *s = narr_stmt(n, zSqlTrouble);
  NarrEpisode esc, stg;
  memset(&esc, 0, sizeof(esc));
  memset(&stg, 0, sizeof(stg));
  while( s && n->rc==0 && narr_row(n, s) ){
    int64_t iJob = sqlite3_column_int64(s, 0), id = sqlite3_column_int64(s, 2);
    int64_t tB = sqlite3_column_int64(s, 3), tE = sqlite3_column_int64(s, 4);
    int64_t nEsc = sqlite3_column_int64(s, 5), nStg = sqlite3_column_int64(s, 6);
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
        snprintf(esc.zJob, sizeof(esc.zJob), "%s", narr_col(s, 1));
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
        snprintf(stg.zJob, sizeof(stg.zJob), "%s", narr_col(s, 1));
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
** day (?1 is the start instant, for the day). */
static const char zSqlPurges[] =
  "SELECT t.key, min(u.purged_at), count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
  " WHERE u.purged_at IS NOT NULL AND u.deleted_at IS NOT NULL"
  " GROUP BY u.tenant, (?1 + u.purged_at)/86400 ORDER BY min(u.purged_at), u.tenant";

static void narr_purges(Narr *n){
  sqlite3_stmt *s = narr_stmt(n, zSqlPurges);
  if( s ) sqlite3_bind_int64(s, 1, n->p->tStartEpoch);
  while( s && n->rc==0 && narr_row(n, s) ){
    int64_t nUsers = sqlite3_column_int64(s, 2);
    int k = narr_begin(n, sqlite3_column_int64(s, 1), 0, NARR_EVENT + (++n->nEvent),
                       "hard_delete", NULL, NULL, NULL);
    narr_count(n, k, "purged", nUsers);
    strbuf_printf(&n->sb, " soft-deleted user%s of %s hard-deleted this day: the end of the"
                  " soft-delete retention", narr_s(nUsers), narr_col(s, 0));
    narr_end(n, k);
  }
}

/* Groups written by group sync, per job and cycle. */
static const char zSqlGroups[] =
  "SELECT l.job, j.key, l.cycle, min(l.activity_at), sum(l.action='create'),"
  "       sum(l.action='update'), sum(l.action='delete'), t.key, max(l.activity_at)"
  "  FROM provisioning_log l JOIN jobs j ON j.idx=l.job JOIN tenants t ON t.idx=j.target"
  " WHERE l.object_type='Group' AND l.status='success'"
  " GROUP BY l.job, l.cycle ORDER BY min(l.activity_at), l.job";
static const char zSqlGroupNames[] =
  "SELECT DISTINCT g.display_name FROM provisioning_log l JOIN groups g ON g.idx=l.target_group"
  " WHERE l.job=?2 AND l.activity_at BETWEEN ?3 AND ?4 AND l.cycle=?1"
  "   AND l.object_type='Group' AND l.status='success' ORDER BY g.display_name";

static void narr_groups(Narr *n){
  static const char *const azVerb[] = { "created", "updated", "deleted" };
  sqlite3_stmt *s = narr_stmt(n, zSqlGroups);
  while( s && n->rc==0 && narr_row(n, s) ){
    int k = narr_begin(n, sqlite3_column_int64(s, 3), 0, NARR_EVENT + (++n->nEvent), "groups",
                       narr_col(s, 1), NULL, NULL);
    sqlite3_stmt *g;
    int i, nSaid = 0, nName = 0;
    for(i=0; i<3; i++){
      int64_t v = sqlite3_column_int64(s, 4+i);
      if( v==0 ) continue;
      narr_text(n, nSaid++ ? ", " : "group sync ");
      narr_text(n, azVerb[i]);
      narr_text(n, " ");
      narr_count(n, k, azVerb[i], v);
      strbuf_printf(&n->sb, " group%s", narr_s(v));
    }
    strbuf_printf(&n->sb, " in %s", narr_col(s, 7));
    g = narr_stmt(n, zSqlGroupNames);
    if( g ){
      sqlite3_bind_int64(g, 1, sqlite3_column_int64(s, 2));
      sqlite3_bind_int64(g, 2, sqlite3_column_int64(s, 0));
      sqlite3_bind_int64(g, 3, sqlite3_column_int64(s, 3));
      sqlite3_bind_int64(g, 4, sqlite3_column_int64(s, 8));
      while( narr_row(n, g) ){
        narr_text(n, nName++ ? ", " : " (");
        narr_text(n, narr_col(g, 0));
      }
      if( nName ) narr_text(n, ")");
    }
    narr_end(n, k);
  }
}

/* Each target that came into step for good. */
static void narr_in_step(Narr *n){
  int i;
  for(i=0; i<n->p->nTarget && n->rc==0; i++){
    const ReportTarget *t = &n->p->aTarget[i];
    int k;
    if( t->nOutOfStep || !t->bDrifted ) continue;
    k = narr_begin(n, t->tInStep, 0, NARR_EVENT + (++n->nEvent), "in_step", NULL, NULL, NULL);
    strbuf_printf(&n->sb, "%s in step with its sources from here to the end of the run", t->zTenant);
    narr_end(n, k);
  }
}

/* ============================================================ API */

static int narr_cmp(const void *a, const void *b){
  const ReportLine *x = a, *y = b;
  if( x->t!=y->t ) return x->t<y->t ? -1 : 1;
  if( x->iOrder!=y->iOrder ) return x->iOrder<y->iOrder ? -1 : 1;
  return 0;
}

int report_narrative_load(Store *pStore, Report *p, TsErr *pErr){
  Narr n;
  memset(&n, 0, sizeof(n));
  n.p = p;
  n.pStore = pStore;
  n.pErr = pErr;
  strbuf_init(&n.sb);
  narr_initial(&n);
  narr_actions(&n);
  narr_faults(&n);
  narr_quarantines(&n);
  narr_disabled(&n);
  narr_trouble(&n);
  narr_purges(&n);
  narr_groups(&n);
  narr_in_step(&n);
  strbuf_free(&n.sb);
  /* Every key is distinct (events are numbered), so qsort's order is total. */
  if( n.rc==TS_OK && p->nLine>1 ) qsort(p->aLine, (size_t)p->nLine, sizeof(ReportLine), narr_cmp);
  return n.rc;
}
