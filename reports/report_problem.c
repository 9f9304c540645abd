/*
** report_problem.c — why a job is not running normally at the end of the
** run, and what to do about it (report.h: ReportProblem).
**
** A deleted job has none (its status says Deleted). Otherwise the first
** that applies, in this order:
**   disabled               the service disabled it after four weeks in
**                          quarantine (jobs.disabled_at)
**   not_started            never started (started_at NULL)
**   escrows_pruned         paused by the service: its initial cycle reached
**                          an escrow threshold and its escrows were pruned
**   paused                 paused by an administrator (paused_at)
**   policy_check_failed    the policy check fails (gate_error), with the
**   connection_test_failed failing settings of gate_checks; the connection
**                          test of a cross-cloud job fails the same way
**   too_many_deletes       quarantined: a cycle would remove more objects
**                          than the accidental-deletion threshold
**   quarantined            quarantined by an escrow threshold
** Each problem gets a cause and a fix written for people, built here once
** so that every format says the same words; the documented error code and
** message come from the cycles and quarantines of the database. A disabled
** job whose policy check also fails says both.
*/
#include <stdio.h>
#include <string.h>
#include "simtime.h"
#include "reportInt.h"

/* The instant escrows were pruned is read (a scan of audit_log) only for
** a job they were pruned from: every job's scan was a tenth of the report
** of a million users, and a 198-job hub's made 198 of them. */
static const char zSqlJobState[] =
  "SELECT j.status_code, j.schedule_state, j.started_at, j.paused_at, j.gate_error,"
  "       j.gate_since, j.gate_message, j.quarantine_reason, j.escrows_pruned,"
  "       j.delete_threshold, j.disabled_at, j.target, j.deleted_at,"
  "       (SELECT q.began FROM quarantines q WHERE q.job=j.idx AND q.ended IS NULL"
  "          ORDER BY q.began DESC, q.id DESC LIMIT 1),"
  "       (SELECT q.reason FROM quarantines q WHERE q.job=j.idx"
  "          ORDER BY q.began DESC, q.id DESC LIMIT 1),"
  "       CASE WHEN j.status_code='Paused' AND j.escrows_pruned THEN"
  "         (SELECT min(a.at) FROM audit_log a WHERE a.activity='Process escrow'"
  "            AND a.target_name=j.key AND a.at>=COALESCE(j.started_at,0)) END"
  "  FROM jobs j WHERE j.idx=?1";
enum {
  JS_STATUS, JS_SCHEDULE, JS_STARTED, JS_PAUSED, JS_GATE, JS_GATE_SINCE, JS_GATE_MSG,
  JS_QUAR_REASON, JS_PRUNED, JS_THRESHOLD, JS_DISABLED, JS_TARGET, JS_DELETED, JS_QUAR_BEGAN,
  JS_LAST_QUAR, JS_PRUNED_AT
};
static const char zSqlGateChecks[] =
  "SELECT t.key, p.key, g.setting, t.cloud, (SELECT o.cloud FROM tenants o WHERE o.idx ="
  "   CASE WHEN g.tenant=j.source THEN j.target ELSE j.source END)"
  "  FROM gate_checks g JOIN jobs j ON j.idx=g.job JOIN tenants t ON t.idx=g.tenant"
  "  LEFT JOIN tenants p ON p.idx=g.partner WHERE g.job=?1 ORDER BY g.ord";
/* The cycle whose end opened the current quarantine: its counts and the
** most frequent error of its failed exports. */
static const char zSqlQuarCycle[] =
  "SELECT c.count_imported, c.count_escrowed, c.id,"
  "  (SELECT l.error_code FROM provisioning_log l WHERE l.job=c.job"
  "     AND l.activity_at BETWEEN c.began AND c.ended AND l.cycle=c.id AND l.status='failure'"
  "     GROUP BY l.error_code ORDER BY count(*) DESC, l.error_code LIMIT 1),"
  "  (SELECT count(*) FROM provisioning_log l WHERE l.job=c.job"
  "     AND l.activity_at BETWEEN c.began AND c.ended AND l.cycle=c.id"
  "     AND l.action='stagedDelete')"
  "  FROM cycles c WHERE c.job=?1 AND c.ended=?2 AND c.kind<>'onDemand'"
  " ORDER BY c.id DESC LIMIT 1";
/* A fault window of the target around an instant. */
static const char zSqlFaultAt[] =
  "SELECT f.kind, f.from_t, f.until_t, f.error_code FROM faults f"
  " WHERE f.tenant=?1 AND f.from_t<=?2 AND (f.until_t IS NULL OR f.until_t>?3)"
  "   AND f.kind<>'throttle'"
  " ORDER BY f.from_t, f.idx LIMIT 1";

/* The cloud a tenantsim cloud name stands for, in the portal's words. */
static const char *report_cloud_name(const char *z){
  if( z && strcmp(z, "usgov")==0 ) return "Microsoft Azure Government (usgov)";
  if( z && strcmp(z, "china")==0 ) return "Microsoft Azure operated by 21Vianet (china)";
  return "Microsoft Azure commercial (commercial)";
}

/* Append to pCause what is wrong with setting s (one of the job's failing
** checks) and the short fix, and to pFix the fix in full. j names the job;
** zCloud is the tenant's own cloud, zOther the other side's. */
static void report_setting_text(StrBuf *pCause, StrBuf *pFix, const ReportJob *j,
                                const ReportSetting *s, const char *zOtherCloud){
  const char *zRole = j->zTarget && strcmp(s->zTenant, j->zTarget)==0 ? "target" : "source";
  const char *zSet = s->zSetting;
  if( strcmp(zSet, "crossCloud")==0 ){
    strbuf_printf(pCause, "configuration %s is not set up across Microsoft clouds"
                  " (crossCloud is false) — tick it", j->zJob);
    strbuf_printf(pFix, "on configuration %s in %s, tick \"Setup cross-tenant synchronization"
                  " across Microsoft clouds\" (crossCloud: true)", j->zJob, s->zTenant);
  }else if( strcmp(zSet, "cloudSettings")==0 ){
    strbuf_printf(pCause, "%s %s does not enable the other cloud in its Microsoft cloud"
                  " settings — enable %s", zRole, s->zTenant, report_cloud_name(zOtherCloud));
    strbuf_printf(pFix, "in %s's Microsoft cloud settings, enable %s", s->zTenant,
                  report_cloud_name(zOtherCloud));
  }else if( strcmp(zSet, "crossCloudSync")==0 ){
    strbuf_printf(pCause, "target %s has not turned on cross-cloud synchronization"
                  " (crossCloudSync is false) — turn it on", s->zTenant);
    strbuf_printf(pFix, "in %s, turn on cross-cloud synchronization (crossCloudSync: true)",
                  s->zTenant);
  }else{
    int bOut = strstr(zSet, "outbound")!=NULL;
    strbuf_printf(pCause, "%s %s %s is false — set it to true", zRole, s->zTenant, zSet);
    strbuf_printf(pFix, "in %s's cross-tenant access settings for %s (%s), set %s to true",
                  s->zTenant, s->zPartner ? s->zPartner : "every tenant (default)",
                  bOut ? "outbound" : "inbound", zSet);
  }
}

/* The failing settings of job iJob into j->prob, and the cause and fix
** of a failing check into pCause/pFix (appended). */
static int report_gate_problem(Store *pStore, int64_t iJob, ReportJob *j, int64_t tSince,
                               const Report *p, StrBuf *pCause, StrBuf *pFix, TsErr *pErr){
  ReportProblem *r = &j->prob;
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlGateChecks, pErr);
  int nAlloc = 0, e, rc = TS_OK;
  char zDay[REPORT_TEXT_SIZE];
  int bCloud = strcmp(j->zGateError, "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure")!=0;
  if( pStmt==NULL ) return TS_IOERR;
  strbuf_printf(pCause, "failed its %s from %s (", bCloud ? "connection test" : "policy check",
                report_format_day(p, tSince, zDay, sizeof(zDay)));
  sqlite3_bind_int64(pStmt, 1, iJob);
  while( (e = report_step(pStore, pStmt, pErr))==SQLITE_ROW ){
    ReportSetting *s;
    if( mem_grow_int((void**)&r->aSetting, r->nSetting, &nAlloc, sizeof(ReportSetting)) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    s = &r->aSetting[r->nSetting++];
    memset(s, 0, sizeof(*s));
    rc = report_col(pStmt, 0, &s->zTenant, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 1, &s->zPartner, pErr);
    if( rc==TS_OK ) rc = report_col(pStmt, 2, &s->zSetting, pErr);
    if( rc ) break;
    if( r->nSetting>1 ){
      strbuf_append(pCause, "; ");
      strbuf_append(pFix, "; ");
    }
    report_setting_text(pCause, pFix, j, s, (const char*)sqlite3_column_text(pStmt, 4));
  }
  sqlite3_reset(pStmt);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  if( r->nSetting==0 ) strbuf_append(pCause, j->zGateError);
  strbuf_append(pCause, ")");
  return rc;
}

/* The cause of an escrow or deletion quarantine that began at tBegan. */
static int report_quarantine_cause(Store *pStore, int64_t iJob, const ReportJob *j,
                                   sqlite3_stmt *pJob, int64_t tBegan, const Report *p,
                                   StrBuf *pCause, StrBuf *pFix, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlQuarCycle, pErr);
  const char *zReason = (const char*)sqlite3_column_text(pJob, JS_QUAR_REASON);
  int bDeletes = zReason && strcmp(zReason, "TooManyDeletes")==0;
  char zDay[REPORT_TEXT_SIZE], zN[REPORT_TEXT_SIZE], zM[REPORT_TEXT_SIZE];
  int e;
  if( pStmt==NULL ) return TS_IOERR;
  strbuf_printf(pCause, "was quarantined (%s) from %s", zReason ? zReason : "quarantine",
                report_format_day(p, tBegan, zDay, sizeof(zDay)));
  sqlite3_bind_int64(pStmt, 1, iJob);
  sqlite3_bind_int64(pStmt, 2, tBegan);
  e = report_step(pStore, pStmt, pErr);
  if( e<0 ) return TS_IOERR;
  if( e==SQLITE_ROW && bDeletes ){
    strbuf_printf(pCause, ": a cycle would have removed %s objects, over the"
                  " accidental-deletion threshold of %s; the removals are held as stagedDelete",
                  report_format_count(sqlite3_column_int64(pStmt, 4), zN, sizeof(zN)),
                  report_format_count(sqlite3_column_int64(pJob, JS_THRESHOLD), zM, sizeof(zM)));
  }else if( e==SQLITE_ROW ){
    const char *zCode = (const char*)sqlite3_column_text(pStmt, 3);
    strbuf_printf(pCause, ": %s of %s objects failed in one cycle",
                  report_format_count(sqlite3_column_int64(pStmt, 1), zN, sizeof(zN)),
                  report_format_count(sqlite3_column_int64(pStmt, 0), zM, sizeof(zM)));
    if( zCode ) strbuf_printf(pCause, ", most with %s", zCode);
  }
  sqlite3_reset(pStmt);
  if( bDeletes ){
    strbuf_append(pFix, "review the staged deletions (provisioning log, action stagedDelete):"
                  " if they are intended, allow deletes (restart with ForceDeletes); if not,"
                  " undo the change at the source");
    return TS_OK;
  }
  /* An injected outage or error window of the target explains it. */
  pStmt = report_stmt(pStore, zSqlFaultAt, pErr);
  if( pStmt==NULL ) return TS_IOERR;
  sqlite3_bind_int64(pStmt, 1, sqlite3_column_int64(pJob, JS_TARGET));
  sqlite3_bind_int64(pStmt, 2, tBegan);
  sqlite3_bind_int64(pStmt, 3, tBegan - 86400);
  e = report_step(pStore, pStmt, pErr);
  if( e<0 ) return TS_IOERR;
  if( e==SQLITE_ROW ){
    char zUntil[REPORT_TEXT_SIZE];
    if( sqlite3_column_type(pStmt, 2)==SQLITE_NULL ) snprintf(zUntil, sizeof(zUntil), "beyond the run");
    else report_format_day(p, sqlite3_column_int64(pStmt, 2), zUntil, sizeof(zUntil));
    strbuf_printf(pCause, " — %s %s in %s from %s to %s",
                  strcmp((const char*)sqlite3_column_text(pStmt, 0), "outage")==0
                    ? "an outage" : "transient errors",
                  sqlite3_column_text(pStmt, 3) ? (const char*)sqlite3_column_text(pStmt, 3) : "",
                  j->zTarget, report_format_day(p, sqlite3_column_int64(pStmt, 1), zDay, sizeof(zDay)),
                  zUntil);
  }
  sqlite3_reset(pStmt);
  strbuf_append(pFix, "find why the exports fail (the provisioning log's error codes); the job"
                " leaves quarantine after a cycle without failures, or at once when it is"
                " restarted");
  return TS_OK;
}

static int report_problem_of(Store *pStore, const Report *p, int64_t iJob, ReportJob *j,
                             TsErr *pErr){
  ReportProblem *r = &j->prob;
  sqlite3_stmt *pStmt = report_stmt(pStore, zSqlJobState, pErr);
  StrBuf cause, fix;
  const char *zKind = NULL, *zCode = NULL, *zMsg = NULL;
  char zDay[REPORT_TEXT_SIZE];
  int rc = TS_OK, e;
  if( pStmt==NULL ) return TS_IOERR;
  sqlite3_bind_int64(pStmt, 1, iJob);
  e = report_step(pStore, pStmt, pErr);
  if( e<0 ) return TS_IOERR;
  if( e!=SQLITE_ROW ){ sqlite3_reset(pStmt); return TS_OK; }
  strbuf_init(&cause);
  strbuf_init(&fix);
#define JS_NULL(c) (sqlite3_column_type(pStmt, (c))==SQLITE_NULL)
#define JS_TEXT(c) ((const char*)sqlite3_column_text(pStmt, (c)))
#define JS_INT(c)  sqlite3_column_int64(pStmt, (c))
  if( !JS_NULL(JS_DELETED) ){
    /* no problem: the configuration is gone (its status says Deleted) */
  }else if( !JS_NULL(JS_DISABLED) && strcmp(JS_TEXT(JS_SCHEDULE), "Disabled")==0 ){
    zKind = "disabled";
    r->tSince = JS_INT(JS_DISABLED);
    zCode = JS_TEXT(JS_LAST_QUAR);
    strbuf_printf(&cause, "was disabled by the service on %s after more than four weeks in"
                  " quarantine (%s)", report_format_day(p, r->tSince, zDay, sizeof(zDay)),
                  zCode ? zCode : "quarantine");
    strbuf_append(&fix, "fix what quarantined it, then start the job");
    if( !JS_NULL(JS_GATE) ){
      strbuf_append(&cause, "; it ");
      strbuf_append(&fix, ": ");
      rc = report_gate_problem(pStore, iJob, j, JS_INT(JS_GATE_SINCE), p, &cause, &fix, pErr);
    }
  }else if( JS_NULL(JS_STARTED) && strcmp(JS_TEXT(JS_STATUS), "NotRun")==0 ){
    zKind = "not_started";
    r->tSince = 0;
    strbuf_append(&cause, "was never started");
    strbuf_append(&fix, "start the job (Start provisioning)");
  }else if( strcmp(JS_TEXT(JS_STATUS), "Paused")==0 && JS_INT(JS_PRUNED) ){
    zKind = "escrows_pruned";
    r->tSince = JS_NULL(JS_PRUNED_AT) ? 0 : JS_INT(JS_PRUNED_AT);
    zCode = "escrowsPruned";
    strbuf_printf(&cause, "was paused by the service on %s: its initial cycle reached an"
                  " escrow threshold, and its escrows were pruned",
                  report_format_day(p, r->tSince, zDay, sizeof(zDay)));
    strbuf_append(&fix, "fix the failing exports (the provisioning log's error codes), then"
                  " start the job");
  }else if( strcmp(JS_TEXT(JS_STATUS), "Paused")==0 ){
    zKind = "paused";
    r->tSince = JS_NULL(JS_PAUSED) ? 0 : JS_INT(JS_PAUSED);
    strbuf_printf(&cause, "was paused on %s", report_format_day(p, r->tSince, zDay, sizeof(zDay)));
    strbuf_append(&fix, "start the job (Start provisioning) to resume");
  }else if( !JS_NULL(JS_GATE) ){
    zKind = strcmp(JS_TEXT(JS_GATE), "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure")==0
          ? "policy_check_failed" : "connection_test_failed";
    r->tSince = JS_INT(JS_GATE_SINCE);
    zCode = JS_TEXT(JS_GATE);
    zMsg = JS_TEXT(JS_GATE_MSG);
    rc = report_gate_problem(pStore, iJob, j, r->tSince, p, &cause, &fix, pErr);
  }else if( strcmp(JS_TEXT(JS_STATUS), "Quarantine")==0 && !JS_NULL(JS_QUAR_BEGAN) ){
    zCode = JS_TEXT(JS_QUAR_REASON);
    zKind = zCode && strcmp(zCode, "TooManyDeletes")==0 ? "too_many_deletes" : "quarantined";
    r->tSince = JS_INT(JS_QUAR_BEGAN);
    rc = report_quarantine_cause(pStore, iJob, j, pStmt, r->tSince, p, &cause, &fix, pErr);
  }
  if( rc==TS_OK && zKind ){
    rc = report_dup(zKind, &r->zKind, pErr);
    if( rc==TS_OK ) rc = report_dup(zCode, &r->zCode, pErr);
    if( rc==TS_OK ) rc = report_dup(zMsg, &r->zMessage, pErr);
    if( rc==TS_OK ) rc = report_take(&cause, &r->zCause, pErr);
    if( rc==TS_OK ) rc = report_take(&fix, &r->zFix, pErr);
  }
#undef JS_NULL
#undef JS_TEXT
#undef JS_INT
  sqlite3_reset(pStmt);
  strbuf_free(&cause);
  strbuf_free(&fix);
  return rc;
}

int report_problem_load(Store *pStore, Report *p, TsErr *pErr){
  int i, rc = TS_OK;
  for(i=0; rc==TS_OK && i<p->nJob; i++){
    rc = report_problem_of(pStore, p, p->aJob[i].iIdx, &p->aJob[i], pErr);
  }
  return rc;
}
