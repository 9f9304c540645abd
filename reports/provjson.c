/*
** provjson.c — a provisioning-log row in Graph's shapes (provjson.h).
**
** Step names and descriptions follow the service's records (entra-facts
** §11.1 and the examples in shared/reference/graph-examples):
** EntryImportAdd / EntryImportUpdate / EntryImportDelete;
** EntrySynchronizationScoping with the details "Active in the source
** system", "Assigned to the application", "Scope sync all", "Scoping
** filter evaluation passed"; the matching step EntrySynchronizationAdd
** ("will be created ... no matching User was found") or
** EntrySynchronizationUpdate; the export EntryExportAdd /
** EntryExportUpdate / EntryExportUpdateSoftDelete with its
** ReportableIdentifier; and EntrySynchronizationSkip when nothing is
** exported. An on-demand provisioning that stopped before scoping has the
** one step it failed at: EntryImport (import: the object was not found, or
** is a group) or TestConnection (processing: the portal's "Test
** connection" step, whose log shape Microsoft does not document), with
** the row's reason as its description.
*/
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "provjson.h"

static void step_open(StrBuf *b, const char *zName, const char *zType,
                      const char *zStatus, const char *zDesc){
  if( !b->bErr && b->n && b->z[b->n-1]!='[' ) strbuf_appendc(b, ',');
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
  if( b->bErr || b->n==0 ) return;       /* an earlier allocation failed */
  if( b->z[b->n-1]!='{' ) strbuf_appendc(b, ',');
  strbuf_json_string(b, zKey);
  strbuf_appendc(b, ':');
  strbuf_json_string(b, zVal ? zVal : "");
}

static const char *tf(int b){ return b ? "True" : "False"; }

void provjson_steps(const ProvFacts *f, StrBuf *b){
  char zDesc[700], zName[64];
  const char *zUser = f->zSourceDisplay ? f->zSourceDisplay : "";
  const char *zAction = f->zAction ? f->zAction : "";
  const char *zChange = f->zChangeType ? f->zChangeType : "Update";
  int bInScope = f->zSkipReason==NULL;
  const char *zType = f->zObjectType ? f->zObjectType : "User";
  strbuf_appendc(b, '[');
  if( f->zStopStep ){
    int bImport = strcmp(f->zStopStep, "import")==0;
    step_open(b, bImport ? "EntryImport" : "TestConnection", bImport ? "import" : "processing",
              "failure", f->zReason ? f->zReason : "");
    if( bImport ) detail(b, "objectId", f->zSourceObjectId);
    strbuf_append(b, "}}]");
    return;
  }

  snprintf(zName, sizeof(zName), "EntryImport%s", zChange);
  snprintf(zDesc, sizeof(zDesc), "Received %s '%s' change of type (%s) from"
           " Azure Active Directory", zType, zUser, zChange);
  step_open(b, zName, "import", "success", zDesc);
  detail(b, "objectId", f->zSourceObjectId);
  detail(b, "alternativeSecurityIds", "None");
  detail(b, "netId", f->zSourceNetId);
  strbuf_append(b, "}}");

  step_open(b, "EntrySynchronizationScoping", "scoping", bInScope ? "success" : "skipped",
            strcmp(zType, "Group")==0
            ? "Determine if Group in scope by evaluating against each scoping filter"
            : "Determine if User in scope by evaluating against each scoping filter");
  detail(b, "Active in the source system", tf(f->bActive));
  detail(b, "Assigned to the application", tf(f->bAssigned));
  detail(b, "Scope sync all", tf(f->bSyncAll));
  detail(b, "Scoping filter evaluation passed", tf(f->bFilter));
  if( !bInScope ) detail(b, "SkipReason", f->zSkipReason);
  strbuf_append(b, "}}");

  if( f->zMatch ){
    int bMatched = strcmp(f->zMatch, "matched")==0;
    if( bMatched ){
      snprintf(zDesc, sizeof(zDesc), "%s '%s' will be updated in Azure Active Directory"
               " (target tenant) (a matching %s was found in Azure Active Directory (target"
               " tenant))", zType, zUser, zType);
    }else{
      snprintf(zDesc, sizeof(zDesc), "%s '%s' will be created in Azure Active Directory"
               " (target tenant) (%s is active and assigned in Azure Active Directory, but no"
               " matching %s was found in Azure Active Directory (target tenant))", zType, zUser,
               zType, zType);
    }
    step_open(b, bMatched ? "EntrySynchronizationUpdate" : "EntrySynchronizationAdd",
              "matching", "success", zDesc);
    strbuf_append(b, "}}");
  }
  if( f->zExportStep ){
    int bFailed = f->zStatus && strcmp(f->zStatus, "failure")==0;
    const char *zVerb = strcmp(zAction, "create")==0 ? "create" :
                        strcmp(zAction, "delete")==0 ? "soft-delete" :
                        strcmp(zAction, "disable")==0 ? "disable" : "update";
    if( bFailed ){
      snprintf(zDesc, sizeof(zDesc), "Failed to %s %s '%s' in Azure Active Directory"
               " (target tenant)", zVerb, zType, zUser);
    }else{
      snprintf(zDesc, sizeof(zDesc), "%s '%s' was %s in Azure Active Directory"
               " (target tenant)", zType, zUser,
               zVerb[0]=='c' ? "created" : zVerb[0]=='s' ? "soft-deleted" :
               zVerb[0]=='d' ? "disabled" : "updated");
    }
    step_open(b, f->zExportStep, "export", f->zStatus ? f->zStatus : "success", zDesc);
    detail(b, "ReportableIdentifier", zUser);
  }else{
    step_open(b, "EntrySynchronizationSkip", "export", "skipped",
              f->zReason ? f->zReason : "No change needed");
  }
  strbuf_append(b, "}}]");
}

/* Append one modifiedProperty object (a comma first unless bFirst). */
static void modified_item(StrBuf *b, int bFirst, const char *zName, const cJSON *pOld,
                          const cJSON *pNew){
  if( !bFirst ) strbuf_appendc(b, ',');
  strbuf_append(b, "{\"displayName\":");
  strbuf_json_string(b, zName);
  strbuf_append(b, ",\"oldValue\":");
  if( cJSON_IsString(pOld) ) strbuf_json_string(b, pOld->valuestring); else strbuf_append(b, "null");
  strbuf_append(b, ",\"newValue\":");
  if( cJSON_IsString(pNew) ) strbuf_json_string(b, pNew->valuestring); else strbuf_append(b, "null");
  strbuf_appendc(b, '}');
}

int provjson_modified(const char *zCompact, StrBuf *b){
  cJSON *pArr = cJSON_Parse(zCompact ? zCompact : "[]");
  const cJSON *t;
  int rc = 0;
  if( !cJSON_IsArray(pArr) ){ rc = -1; goto free_array; }
  strbuf_appendc(b, '[');
  cJSON_ArrayForEach(t, pArr){
    const cJSON *pName = cJSON_GetArrayItem(t, 0);
    if( !cJSON_IsString(pName) || cJSON_GetArraySize(t)!=3 ){ rc = -1; goto free_array; }
    modified_item(b, t==pArr->child, pName->valuestring, cJSON_GetArrayItem(t, 1),
                  cJSON_GetArrayItem(t, 2));
  }
  strbuf_appendc(b, ']');
free_array:
  cJSON_Delete(pArr);
  return rc;
}

void provjson_names_free(ProvNames *p){
  mem_free(p->zText);
  cJSON_Delete(p->pArr);
  memset(p, 0, sizeof(*p));
}

/* The parsed names zNames: pCache's when it holds them, else a new parse
** that pCache keeps (*ppOwn NULL) or, without a cache or memory for its
** copy, that the caller must delete (*ppOwn). NULL when zNames does not
** parse. */
static const cJSON *created_names(ProvNames *pCache, const char *zNames, cJSON **ppOwn){
  cJSON *pArr;
  char *zCopy;
  *ppOwn = NULL;
  if( zNames==NULL ) return NULL;
  if( pCache && pCache->zText && strcmp(pCache->zText, zNames)==0 ) return pCache->pArr;
  if( (pArr = cJSON_Parse(zNames))==NULL ) return NULL;
  if( pCache==NULL || (zCopy = mem_strdup(zNames))==NULL ){
    *ppOwn = pArr;
    return pArr;
  }
  provjson_names_free(pCache);
  pCache->zText = zCopy;
  pCache->pArr = pArr;
  return pArr;
}

/* Render the create zNames/zValues as modifiedProperties (bGraph) or as
** the stored [name, null, value] triples. */
static int provjson_created_as(ProvNames *pCache, const char *zNames, const char *zValues,
                               int bGraph, StrBuf *b){
  cJSON *pOwn = NULL;
  const cJSON *pNames = created_names(pCache, zNames, &pOwn);
  cJSON *pValues = cJSON_Parse(zValues ? zValues : "");
  const cJSON *n, *v;
  int rc = 0;
  if( !cJSON_IsArray(pNames) || !cJSON_IsArray(pValues)
   || cJSON_GetArraySize(pNames)!=cJSON_GetArraySize(pValues) ){
    rc = -1;
    goto free_arrays;
  }
  strbuf_appendc(b, '[');
  for(n=pNames->child, v=pValues->child; n && v; n=n->next, v=v->next){
    if( !cJSON_IsString(n) || !(cJSON_IsString(v) || cJSON_IsNull(v)) ){
      rc = -1;                 /* the engine stores names and strings or null */
      goto free_arrays;
    }
    if( bGraph ){
      modified_item(b, n==pNames->child, n->valuestring, NULL, v);
      continue;
    }
    strbuf_append(b, n==pNames->child ? "[" : ",[");
    strbuf_json_string(b, n->valuestring);
    strbuf_append(b, ",null,");
    if( cJSON_IsString(v) ) strbuf_json_string(b, v->valuestring); else strbuf_append(b, "null");
    strbuf_appendc(b, ']');
  }
  strbuf_appendc(b, ']');
free_arrays:
  cJSON_Delete(pOwn);
  cJSON_Delete(pValues);
  return rc;
}

int provjson_created(ProvNames *pCache, const char *zNames, const char *zValues, StrBuf *b){
  return provjson_created_as(pCache, zNames, zValues, 1, b);
}

int provjson_created_triples(ProvNames *pCache, const char *zNames, const char *zValues,
                             StrBuf *b){
  return provjson_created_as(pCache, zNames, zValues, 0, b);
}
