/*
** provlog.c — provisioning-log rows (see provlog.h).
**
** Step names and descriptions follow what the service shows for
** cross-tenant synchronization (entra-facts §11.1): EntryImport*,
** EntrySynchronizationScoping, EntryExport*, EntrySynchronizationSkipped.
*/
#include <stdio.h>
#include "strbuf.h"
#include "scope.h"
#include "provlog.h"

static const char zSqlProv[] =
  "INSERT INTO provisioning_log(activity_at, job, cycle, change_id, action, status,"
  " error_code, reason, source_user, target_user, duration_ms, steps,"
  " modified_properties) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)";

static void step(StrBuf *b, const char *zName, const char *zType,
                 const char *zStatus, const char *zDesc){
  if( b->n>1 ) strbuf_appendc(b, ',');
  strbuf_append(b, "{\"name\":");
  strbuf_json_string(b, zName);
  strbuf_append(b, ",\"provisioningStepType\":");
  strbuf_json_string(b, zType);
  strbuf_append(b, ",\"status\":");
  strbuf_json_string(b, zStatus);
  strbuf_append(b, ",\"description\":");
  strbuf_json_string(b, zDesc);
}

static void detail(StrBuf *b, int bFirst, const char *zKey, const char *zVal){
  if( !bFirst ) strbuf_appendc(b, ',');
  strbuf_json_string(b, zKey);
  strbuf_appendc(b, ':');
  strbuf_json_string(b, zVal);
}

void provlog_write(World *w, Job *j, const ProvEntry *e){
  StrBuf *b = &w->sbSteps;
  char zChange[37], zDesc[512];
  const char *zName = e->pSource->azAttr[A_DISPLAY_NAME];
  const char *zTarget = w->aTenant[j->iTarget].zKey;
  sqlite3_stmt *s;
  if( zName==NULL ) zName = e->pSource->azAttr[A_USER_PRINCIPAL_NAME];
  if( zName==NULL ) zName = e->pSource->zObjectId;
  strbuf_reset(b);
  strbuf_appendc(b, '[');

  snprintf(zDesc, sizeof(zDesc), "Received User '%s' change of type (%s) from"
           " Azure Active Directory", zName, e->zImportType);
  step(b, "EntryImport", "import", "success", zDesc);
  strbuf_append(b, ",\"details\":{");
  detail(b, 1, "objectId", e->pSource->zObjectId);
  detail(b, 0, "alternativeSecurityIds", "None");
  detail(b, 0, "netId", e->pSource->zNetId ? e->pSource->zNetId : "");
  strbuf_append(b, "}}");

  step(b, "EntrySynchronizationScoping", "scoping", e->bInScope ? "success" : "skipped",
       "Determine if User in scope by evaluating against each scoping filter");
  strbuf_append(b, ",\"details\":{");
  detail(b, 1, "Active in the source system",
         attr_is_true(e->pSource->azAttr[A_ACCOUNT_ENABLED]) && e->eOut!=OUT_DELETED
         ? "True" : "False");
  detail(b, 0, "Assigned to the application", e->bAssigned ? "True" : "False");
  detail(b, 0, "Scope sync all", j->bSyncAll ? "True" : "False");
  detail(b, 0, "Scoping filter evaluation passed",
         e->eOut==OUT_FILTERED ? "False" : "True");
  if( !e->bInScope ) detail(b, 0, "SkipReason", scope_reason_name(e->eOut));
  strbuf_append(b, "}}");

  if( e->zMatch ){
    step(b, "EntryMatch", "matching", "success", e->zMatch);
    strbuf_append(b, ",\"details\":{}}");
  }
  if( e->zExportStep ){
    snprintf(zDesc, sizeof(zDesc), "User '%s' was %s in Azure Active Directory"
             " (target tenant) %s", zName,
             e->zAction[0]=='c' ? "created" : e->zAction[0]=='d' && e->zAction[1]=='e'
             ? "soft-deleted" : "updated", zTarget);
    step(b, e->zExportStep, "export", e->zStatus, zDesc);
    strbuf_append(b, ",\"details\":{}}");
  }else{
    step(b, "EntrySynchronizationSkipped", "processing", "skipped",
         e->zReason ? e->zReason : "No change needed");
    strbuf_append(b, ",\"details\":{}}");
  }
  strbuf_appendc(b, ']');

  rng_guid(&w->rngIds, zChange);
  s = store_stmt(w->pStore, zSqlProv);
  if( s ){
    sqlite3_bind_int64(s, 1, w->tNow);
    sqlite3_bind_int(s, 2, (int)(j - w->aJob));
    sqlite3_bind_int64(s, 3, j->run.iRow);
    store_bind_text(s, 4, zChange);
    store_bind_text(s, 5, e->zAction);
    store_bind_text(s, 6, e->zStatus);
    store_bind_text(s, 7, e->zErrorCode);
    store_bind_text(s, 8, e->zReason);
    sqlite3_bind_int64(s, 9, e->pSource->id);
    store_bind_opt_int(s, 10, e->pTarget ? e->pTarget->id : 0, e->pTarget==NULL);
    sqlite3_bind_int64(s, 11, e->msDuration);
    if( b->bErr ) w->bMemFail = 1;
    store_bind_text(s, 12, strbuf_str(b));
    store_bind_text(s, 13, e->zModified ? e->zModified : "[]");
    store_run(w->pStore, s);
  }
}
