/*
** provlog.c — provisioning-log rows and their Graph rendering (provlog.h).
**
** Step names and descriptions follow what the service shows for
** cross-tenant synchronization (entra-facts §11.1): EntryImport,
** EntrySynchronizationScoping with the details "Active in the source
** system", "Assigned to the application", "Scope sync all", "Scoping
** filter evaluation passed"; the matching step; EntryExportAdd /
** EntryExportUpdate / EntryExportUpdateSoftDelete; and
** EntrySynchronizationSkipped when nothing is exported.
*/
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "scope.h"
#include "provlog.h"

static const char zSqlProv[] =
  "INSERT INTO provisioning_log(activity_at, job, cycle, change_id, action, status,"
  " error_code, reason, source_user, target_user, source_display, target_display,"
  " duration_ms, change_type, scope_active, scope_assigned, scope_filter, skip_reason,"
  " match_result, export_step, modified_properties)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)";

static const char *display_of(const User *u){
  if( u==NULL ) return NULL;
  if( u->azAttr[A_DISPLAY_NAME] ) return u->azAttr[A_DISPLAY_NAME];
  if( u->azAttr[A_USER_PRINCIPAL_NAME] ) return u->azAttr[A_USER_PRINCIPAL_NAME];
  return u->zObjectId;
}

void provlog_write(World *w, Job *j, const ProvEntry *e){
  char zChange[37];
  sqlite3_stmt *s;
  int bActive = attr_is_true(e->pSource->azAttr[A_ACCOUNT_ENABLED]) && e->eOut!=OUT_DELETED;
  rng_guid(&w->rngIds, zChange);
  s = store_stmt(w->pStore, zSqlProv);
  if( s==NULL ) return;
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
  store_bind_text(s, 11, display_of(e->pSource));
  store_bind_text(s, 12, display_of(e->pTarget));
  sqlite3_bind_int64(s, 13, e->msDuration);
  store_bind_text(s, 14, e->zImportType);
  sqlite3_bind_int(s, 15, bActive);
  sqlite3_bind_int(s, 16, e->bAssigned);
  sqlite3_bind_int(s, 17, e->eOut!=OUT_FILTERED);
  store_bind_text(s, 18, e->bInScope ? NULL : scope_reason_name(e->eOut));
  store_bind_text(s, 19, e->zMatch);
  store_bind_text(s, 20, e->zExportStep);
  store_bind_text(s, 21, e->zModified ? e->zModified : "[]");
  store_run(w->pStore, s);
}

/* ------------------------------------------------------------------
** Rendering in Graph's shapes.
*/
static void step_open(StrBuf *b, const char *zName, const char *zType,
                      const char *zStatus, const char *zDesc){
  if( b->n && b->z[b->n-1]!='[' ) strbuf_appendc(b, ',');
  strbuf_append(b, "{\"name\":");
  strbuf_json_string(b, zName);
  strbuf_append(b, ",\"provisioningStepType\":");
  strbuf_json_string(b, zType);
  strbuf_append(b, ",\"status\":");
  strbuf_json_string(b, zStatus);
  strbuf_append(b, ",\"description\":");
  strbuf_json_string(b, zDesc);
  strbuf_append(b, ",\"details\":{");
}

static void detail(StrBuf *b, const char *zKey, const char *zVal){
  if( b->z[b->n-1]!='{' ) strbuf_appendc(b, ',');
  strbuf_json_string(b, zKey);
  strbuf_appendc(b, ':');
  strbuf_json_string(b, zVal ? zVal : "");
}

static const char *tf(int b){ return b ? "True" : "False"; }

void provlog_steps_json(const ProvFacts *f, StrBuf *b){
  char zDesc[600];
  const char *zName = f->zSourceDisplay ? f->zSourceDisplay : "";
  const char *zAction = f->zAction ? f->zAction : "";
  int bInScope = f->zSkipReason==NULL;
  strbuf_appendc(b, '[');

  snprintf(zDesc, sizeof(zDesc), "Received User '%s' change of type (%s) from"
           " Azure Active Directory", zName, f->zChangeType ? f->zChangeType : "Update");
  step_open(b, "EntryImport", "import", "success", zDesc);
  detail(b, "objectId", f->zSourceObjectId);
  detail(b, "alternativeSecurityIds", "None");
  detail(b, "netId", f->zSourceNetId);
  strbuf_append(b, "}}");

  step_open(b, "EntrySynchronizationScoping", "scoping", bInScope ? "success" : "skipped",
            "Determine if User in scope by evaluating against each scoping filter");
  detail(b, "Active in the source system", tf(f->bActive));
  detail(b, "Assigned to the application", tf(f->bAssigned));
  detail(b, "Scope sync all", tf(f->bSyncAll));
  detail(b, "Scoping filter evaluation passed", tf(f->bFilter));
  if( !bInScope ) detail(b, "SkipReason", f->zSkipReason);
  strbuf_append(b, "}}");

  if( f->zMatch ){
    step_open(b, "EntryMatch", "matching", "success",
              strcmp(f->zMatch, "matched")==0
              ? "Matched User in Azure Active Directory (target tenant) on alternativeSecurityIds"
              : "No matching User found in Azure Active Directory (target tenant) on"
                " alternativeSecurityIds");
    strbuf_append(b, "}}");
  }
  if( f->zExportStep ){
    snprintf(zDesc, sizeof(zDesc), "User '%s' was %s in Azure Active Directory"
             " (target tenant) %s", zName,
             strcmp(zAction, "create")==0 ? "created" :
             strcmp(zAction, "delete")==0 ? "soft-deleted" :
             strcmp(zAction, "disable")==0 ? "disabled" : "updated",
             f->zTargetTenant ? f->zTargetTenant : "");
    step_open(b, f->zExportStep, "export", f->zStatus ? f->zStatus : "success", zDesc);
  }else{
    step_open(b, "EntrySynchronizationSkipped", "processing", "skipped",
              f->zReason ? f->zReason : "No change needed");
  }
  strbuf_append(b, "}}]");
}

int provlog_modified_json(const char *zCompact, StrBuf *b){
  cJSON *pArr = cJSON_Parse(zCompact ? zCompact : "[]");
  const cJSON *t;
  int rc = 0;
  if( !cJSON_IsArray(pArr) ){ rc = -1; goto out; }
  strbuf_appendc(b, '[');
  cJSON_ArrayForEach(t, pArr){
    const cJSON *pName = cJSON_GetArrayItem(t, 0);
    const cJSON *pOld = cJSON_GetArrayItem(t, 1), *pNew = cJSON_GetArrayItem(t, 2);
    if( !cJSON_IsString(pName) || cJSON_GetArraySize(t)!=3 ){ rc = -1; goto out; }
    if( t!=pArr->child ) strbuf_appendc(b, ',');
    strbuf_append(b, "{\"displayName\":");
    strbuf_json_string(b, pName->valuestring);
    strbuf_append(b, ",\"oldValue\":");
    if( cJSON_IsString(pOld) ) strbuf_json_string(b, pOld->valuestring); else strbuf_append(b, "null");
    strbuf_append(b, ",\"newValue\":");
    if( cJSON_IsString(pNew) ) strbuf_json_string(b, pNew->valuestring); else strbuf_append(b, "null");
    strbuf_appendc(b, '}');
  }
  strbuf_appendc(b, ']');
out:
  cJSON_Delete(pArr);
  return rc;
}
