/*
** lint_notify.c — the lint rule about noticing a stopped job (lint.h,
** lintInt.h):
**   XTS-S06 no-quarantine-email: a job whose notification e-mail
**     (SyncNotificationSettings Enabled and Recipients) is off or goes to
**     no address at the instant. The e-mail is the one notice the service
**     itself gives of a quarantine, an accidental-deletion trip
**     (TooManyDeletes) included (entra-facts §3.4, §4). Low while the
**     source exports its audit log (a SIEM can alert on the Quarantine
**     activity); medium when it does not, and nothing would tell anyone.
** It reads job_history (the settings in force) and log_exports.
*/
#include <stdio.h>
#include "tslimits.h"
#include "reportInt.h"
#include "lintInt.h"
#include "trust.h"

/* The jobs existing at ?1 whose notification e-mail is off or has no
** address: key, source, target, enabled, the action that last set it
** (NULL: the declaration), and whether the source exports AuditLogs. */
static const char zSqlNotify[] =
  "SELECT j.key, s.key, t.key, h.notify_enabled, h.notify_action,"
  "  EXISTS(SELECT 1 FROM log_exports x WHERE x.tenant=j.source AND x.log='AuditLogs')"
  "  FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants t ON t.idx=j.target"
  LINT_JOB_SETTINGS_AT
  " WHERE (h.notify_enabled=0 OR h.notify_recipients=0) AND " TRUST_JOB_EXISTS
  " ORDER BY j.idx";

int lint_notify_rules(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlNotify, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zJob = (const char*)sqlite3_column_text(s, 0);
    const char *zSrc = (const char*)sqlite3_column_text(s, 1);
    const char *zTgt = (const char*)sqlite3_column_text(s, 2);
    int bOn = sqlite3_column_int(s, 3), bSiem = sqlite3_column_int(s, 5);
    int iAction = sqlite3_column_type(s, 4)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 4);
    const char *zSetting = bOn ? "notifications.recipients" : "notifications.enabled";
    if( zJob==NULL || zSrc==NULL || zTgt==NULL ) continue;
    lint_job_setting_path(L, zJob, iAction, zSetting, zPath, sizeof(zPath));
    snprintf(zMsg, sizeof(zMsg), "job %s %s: a quarantine or an accidental-deletion trip"
             " stops its sync into %s and nobody is told%s", zJob,
             bOn ? "sends its notification e-mail to no address" : "has its notification e-mail off",
             zTgt, bSiem ? "" : ", and no SIEM receives its audit log either");
    lint_add(L, lint_rule_find("XTS-S06"), bSiem ? LINT_LOW : LINT_MEDIUM, zSrc, zTgt, zJob,
             zSetting, bOn ? "none" : "false", zPath, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}
