/*
** scn_jobs.c — validation of "policies", "jobs" (attribute mappings,
** scoping filters, assignment, schedule, thresholds) and "faults", and the
** job symbol table that timeline actions refer to.
**
** Then builds policies, attribute mappings, scoping filters and fault
** windows into a World (the runner builds the jobs themselves).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "jsonloc.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
#include "engine.h"
#include "audit.h"
#include "admin.h"
#include "cycle.h"
#include "desired.h"
#include "directory.h"
#include "faults.h"
#include "mapping.h"
#include "scenarioInt.h"

/* ---------------------------------------------------------------------
** Policies and jobs.
*/
static const char *const azPolicyKeys[] = {
  "tenant", "partner", "automaticUserConsentSettings", "userSyncInbound", "groupSyncInbound",
  "inboundTrust", NULL
};
static const char *const azConsentKeys[] = { "inboundAllowed", "outboundAllowed", NULL };
static const char *const azSyncKeys[] = { "isSyncAllowed", NULL };
static const char *const azTrustKeys[] = {
  "isMfaAccepted", "isCompliantDeviceAccepted", "isHybridAzureADJoinedDeviceAccepted", NULL
};

static void val_policy_part(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                            const char *const *azKeys){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  int i, b;
  if( c==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !scn_val_is_object(v, zSub, c) ) return;
  scn_val_keys(v, zSub, c, azKeys);
  for(i=0; azKeys[i]; i++){
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, azKeys[i]);
    if( f && !cJSON_IsNull(f) ) scn_val_bool(v, zSub, c, azKeys[i], &b);
  }
}

void scn_jobs_policy(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll){
  const char *zT, *zP;
  const cJSON *q;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azPolicyKeys);
  zT = scn_val_str(v, zPath, p, "tenant", 1);
  zP = scn_val_str(v, zPath, p, "partner", 0);
  if( zT && !scn_val_tenant(v, zT) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  if( zP && !scn_val_tenant(v, zP) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "partner");
    scn_val_err(v, zSub, "no tenant \"%s\"", zP);
  }else if( zP && zT && strcmp(zP, zT)==0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "partner");
    scn_val_err(v, zSub, "a tenant cannot be its own partner");
  }
  for(q=pAll->child; zT && q && q!=p; q=q->next){
    const char *zQT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "tenant"));
    const char *zQP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "partner"));
    if( zQT && strcmp(zQT, zT)==0 && ((zQP==NULL && zP==NULL) || (zQP && zP && strcmp(zQP, zP)==0)) ){
      scn_val_err(v, zPath, "a second policy of tenant %s for %s; give each (tenant, partner)"
              " one policy", zT, zP ? zP : "the default");
      break;
    }
  }
  val_policy_part(v, zPath, p, "automaticUserConsentSettings", azConsentKeys);
  val_policy_part(v, zPath, p, "userSyncInbound", azSyncKeys);
  val_policy_part(v, zPath, p, "groupSyncInbound", azSyncKeys);
  val_policy_part(v, zPath, p, "inboundTrust", azTrustKeys);
}

static const char *const azJobKeys[] = {
  "key", "source", "target", "scope", "assignments", "scopingFilters", "mapping", "start",
  "deleteThreshold", "crossCloud", "groupProvisioning", NULL
};
static const char *const azMappingKeys[] = { "replace", "attributes", "targetObjectActions", NULL };
static const char *const azActionsKeys[] = { "create", "update", "delete", NULL };
static const char *const azEntryKeys[] = {
  "target", "type", "source", "value", "expression", "flowType", "defaultValue",
  "matchingPriority", NULL
};

/* Is zName an attribute a mapping or expression may read? */
int scn_jobs_attr_known(const char *zName){
  return attr_find(zName)>=0 || attr_is_extension(zName);
}

/* One attribute mapping entry. */
static void val_map_entry(Val *v, const char *zPath, const cJSON *p){
  const char *zTarget, *zType, *zFlow;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azEntryKeys);
  zTarget = scn_val_str(v, zPath, p, "target", 1);
  zType = scn_val_str(v, zPath, p, "type", 1);
  zFlow = scn_val_str(v, zPath, p, "flowType", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "target");
  if( cJSON_GetObjectItemCaseSensitive(p, "matchingPriority")
   || (zTarget && strcmp(zTarget, "alternativeSecurityIds")==0) ){
    scn_val_err(v, cJSON_GetObjectItemCaseSensitive(p, "matchingPriority") ? zPath : zSub,
            "schemaInvalid: the matching attribute (alternativeSecurityIds, matching precedence"
            " 1) cannot be changed, and no other matching attribute can be added");
  }else if( zTarget && (strcmp(zTarget, "otherMails")==0 || strcmp(zTarget, "proxyAddresses")==0) ){
    scn_val_err(v, zSub, "%s cannot be a target attribute of cross-tenant synchronization", zTarget);
  }else if( zTarget && strcmp(zTarget, "IsSoftDeleted")==0 ){
    scn_val_err(v, zSub, "IsSoftDeleted is managed by the provisioning engine and cannot be mapped");
  }else if( zTarget && !scn_jobs_attr_known(zTarget) ){
    scn_val_err(v, zSub, "unknown target attribute \"%s\"", zTarget);
  }
  if( zFlow && strcmp(zFlow, "Always")!=0 && strcmp(zFlow, "ObjectAddOnly")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "flowType");
    scn_val_err(v, zSub, "expected \"Always\" or \"ObjectAddOnly\" (only during object creation),"
            " found \"%s\"", zFlow);
  }
  {
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(p, "defaultValue");
    if( d && !cJSON_IsString(d) && !cJSON_IsNull(d) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "defaultValue");
      scn_val_err(v, zSub, "expected a string or null, found %s", jsonloc_type_name(d));
    }
  }
  if( zType==NULL ) return;
  if( strcmp(zType, "Direct")==0 ){
    const char *zSrc = scn_val_str(v, zPath, p, "source", 1);
    if( zSrc && !scn_jobs_attr_known(zSrc) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "source");
      scn_val_err(v, zSub, "unknown source attribute \"%s\"", zSrc);
    }
  }else if( strcmp(zType, "Constant")==0 ){
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "value");
    if( !cJSON_IsString(c) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "value");
      scn_val_err(v, zSub, "a Constant mapping needs a string value, found %s", jsonloc_type_name(c));
    }
  }else if( strcmp(zType, "Expression")==0 ){
    const char *zExpr = scn_val_str(v, zPath, p, "expression", 1);
    Expr *pExpr = NULL;
    TsErr err;
    int i;
    if( zExpr==NULL ) return;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "expression");
    tserr_clear(&err);
    if( expr_compile(zExpr, &pExpr, &err) ){
      if( err.rc==TS_NOMEM ) v->bNoMem = 1;
      else scn_val_err(v, zSub, "%s", err.zMsg);
      return;
    }
    for(i=0; i<expr_attr_count(pExpr); i++){
      if( !scn_jobs_attr_known(expr_attr_name(pExpr, i)) ){
        scn_val_err(v, zSub, "unknown attribute [%s]", expr_attr_name(pExpr, i));
      }
    }
    if( expr_uses_function(pExpr, "SelectUniqueValue") && (zFlow==NULL || strcmp(zFlow, "Always")==0) ){
      scn_val_err(v, zSub, "SelectUniqueValue is for object creation only: give this mapping"
                       " \"flowType\": \"ObjectAddOnly\"");
    }
    expr_free(pExpr);
  }else if( strcmp(zType, "None")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "type");
    scn_val_err(v, zSub, "expected \"Direct\", \"Constant\", \"Expression\" or \"None\", found"
            " \"%s\"", zType);
  }
}

/* A job's "mapping" object (also the argument of set_mapping). */
void scn_jobs_mapping(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0, b;
  HMap seen;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azMappingKeys);
  scn_val_bool(v, zPath, p, "replace", &b);
  a = scn_val_array(v, zPath, p, "attributes", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "attributes");
  hmap_init(&seen);               /* targets so far: linear in the entries */
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    val_map_entry(v, zE, c);
    if( zT==NULL || !cJSON_IsObject(c) ) continue;
    if( hmap_get(&seen, zT, NULL) ){
      scn_val_err(v, zE, "a second mapping for target attribute %s", zT);
    }else if( hmap_put(&seen, zT, 1) ){
      v->bNoMem = 1;
    }
  }
  hmap_free(&seen);
  c = cJSON_GetObjectItemCaseSensitive(p, "targetObjectActions");
  if( c ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "targetObjectActions");
    if( scn_val_is_object(v, zSub, c) ){
      scn_val_keys(v, zSub, c, azActionsKeys);
      for(i=0; azActionsKeys[i]; i++) scn_val_bool(v, zSub, c, azActionsKeys[i], &b);
    }
  }
}
static const char *const azAssignKeys[] = { "users", "groups", NULL };
static const char *const azFilterKeys[] = { "title", "clauses", NULL };
static const char *const azClauseKeys[] = { "attribute", "operator", "value", NULL };

static void val_clause(Val *v, const char *zPath, const cJSON *p){
  const char *zAttr, *zOp;
  char zSub[TS_JSONPATH_MAX];
  int iOp = -1, iAttr;
  const cJSON *pVal;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azClauseKeys);
  zAttr = scn_val_str(v, zPath, p, "attribute", 1);
  zOp = scn_val_str(v, zPath, p, "operator", 1);
  if( zAttr ){
    const char *zWhy;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "attribute");
    iAttr = attr_find(zAttr);
    if( (zWhy = scope_attr_forbidden(zAttr))!=NULL ){
      scn_val_err(v, zSub, "%s cannot be a scoping attribute: %s", zAttr, zWhy);
    }else if( iAttr<0 && !attr_is_extension(zAttr) ){
      scn_val_err(v, zSub, "unknown attribute \"%s\" (extension attributes are written"
                       " extension_<appId>_<name> or extensionAttribute1..15)", zAttr);
    }
  }
  if( zOp ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "operator");
    iOp = scope_op_find(zOp);
    if( iOp<0 ){
      scn_val_err(v, zSub, "unknown operator \"%s\"; expected one of %s", zOp, scope_op_list());
    }
  }
  pVal = cJSON_GetObjectItemCaseSensitive(p, "value");
  scn_val_path_key(zSub, sizeof(zSub), zPath, "value");
  if( iOp>=0 && scope_op_is_unary((ScopeOp)iOp) && pVal ){
    scn_val_err(v, zSub, "operator %s takes no value", zOp);
  }else if( iOp>=0 && !scope_op_is_unary((ScopeOp)iOp) && !cJSON_IsString(pVal) ){
    scn_val_err(v, zSub, "operator %s needs a string value, found %s", zOp, jsonloc_type_name(pVal));
  }else if( iOp>=0 && cJSON_IsString(pVal) ){
    char zWhy[300];
    int rc = scope_value_check((ScopeOp)iOp, pVal->valuestring, zWhy, sizeof(zWhy));
    if( rc==-2 ) v->bNoMem = 1;
    else if( rc ) scn_val_err(v, zSub, "%s", zWhy);
  }
}

/* Check a list of user keys of tenant t at path zPath. */
void scn_jobs_user_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t){
  const cJSON *c;
  char zE[TS_JSONPATH_MAX];
  int i = 0;
  cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zE, sizeof(zE), zPath, i++);
    if( !cJSON_IsString(c) ) scn_val_err(v, zE, "expected a user key, found %s", jsonloc_type_name(c));
    else if( t && !scn_val_user_known(t, c->valuestring) ){
      scn_val_err(v, zE, "no user \"%s\" in tenant %s (at this point of the scenario)",
              c->valuestring, t->zKey);
    }
  }
}

void scn_jobs_group_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t){
  const cJSON *c;
  char zE[TS_JSONPATH_MAX];
  int i = 0;
  cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zE, sizeof(zE), zPath, i++);
    if( !cJSON_IsString(c) ) scn_val_err(v, zE, "expected a group key, found %s", jsonloc_type_name(c));
    else if( t && !hmap_get(&t->groups, c->valuestring, NULL) ){
      scn_val_err(v, zE, "no group \"%s\" in tenant %s", c->valuestring, t->zKey);
    }
  }
}

/* The "scopingFilters" array of p (a job or a set_filters action). */
void scn_jobs_filters(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a = scn_val_array(v, zPath, p, "scopingFilters", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    const cJSON *l, *k;
    int j = 0;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "scopingFilters");
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( !scn_val_is_object(v, zE, c) ) continue;
    scn_val_keys(v, zE, c, azFilterKeys);
    scn_val_str(v, zE, c, "title", 0);
    l = scn_val_array(v, zE, c, "clauses", 1);
    if( l && cJSON_GetArraySize(l)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zE, "clauses");
      scn_val_err(v, zSub, "expected at least one clause");
    }
    if( l ) cJSON_ArrayForEach(k, l){
      char zC[600], zCl[600];
      scn_val_path_key(zCl, sizeof(zCl), zE, "clauses");
      scn_val_path_idx(zC, sizeof(zC), zCl, j++);
      val_clause(v, zC, k);
    }
  }
}

/* The licence bits of a tenants[] object (P1 when not given). */
static unsigned val_licences(const cJSON *pTenant){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(pTenant, "licences"), *c;
  unsigned m = 0;
  if( !cJSON_IsArray(a) ) return LIC_P1;
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    if( z==NULL ) continue;
    if( strcmp(z, "P1")==0 ) m |= LIC_P1;
    else if( strcmp(z, "P2")==0 ) m |= LIC_P2;
    else if( strcmp(z, "Governance")==0 ) m |= LIC_GOVERNANCE;
    else if( strcmp(z, "Suite")==0 ) m |= LIC_SUITE;
  }
  return m;
}

/* The clouds and licences of the pair ts -> tt allow this job (and its
** group provisioning when bGroups, with scope zScope). */
static void val_job_pair(Val *v, const char *zPath, const ValTenant *ts, const ValTenant *tt,
                         int bGroups, const char *zScope){
  char zSub[TS_JSONPATH_MAX];
  const cJSON *pS = ts->pNode, *pT = tt->pNode;
  const char *zCs = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pS, "cloud"));
  const char *zCt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pT, "cloud"));
  unsigned mLic = val_licences(pS);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "target");
  if( !policy_cloud_pair_ok(zCs, zCt) ){
    scn_val_err(v, zSub, "synchronization from the %s cloud to the %s cloud is not supported"
            " (cross-cloud pairs: commercial to usgov, usgov to commercial, commercial"
            " to china)", zCs ? zCs : "commercial", zCt ? zCt : "commercial");
  }else if( policy_cloud_bit(zCs)!=policy_cloud_bit(zCt) && !(mLic & (LIC_GOVERNANCE|LIC_SUITE)) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "source");
    scn_val_err(v, zSub, "cross-cloud synchronization needs Microsoft Entra ID Governance or"
            " Microsoft Entra Suite licences in the source tenant %s", ts->zKey);
  }
  if( bGroups ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "groupProvisioning");
    if( !(mLic & (LIC_GOVERNANCE|LIC_SUITE)) ){
      scn_val_err(v, zSub, "group synchronization needs Microsoft Entra ID Governance or"
              " Microsoft Entra Suite licences in the source tenant %s", ts->zKey);
    }else if( policy_cloud_bit(zCs)!=policy_cloud_bit(zCt) ){
      scn_val_err(v, zSub, "groups are not synchronized across clouds");
    }else if( zScope && strcmp(zScope, "all")==0 ){
      scn_val_err(v, zSub, "group synchronization needs the scope \"Sync only assigned users"
              " and groups\" (\"assigned\")");
    }
  }
  if( !(mLic & (LIC_P1|LIC_P2|LIC_SUITE)) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "source");
    scn_val_err(v, zSub, "cross-tenant synchronization needs Microsoft Entra ID P1 (or P2, or"
            " Microsoft Entra Suite) licences in the source tenant %s", ts->zKey);
  }
}

void scn_jobs_check(Val *v, const char *zPath, const cJSON *p){
  const char *zKey, *zSrc, *zTgt, *zScope, *zStart;
  const cJSON *a, *c;
  ValTenant *ts, *tt;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azJobKeys);
  zKey = scn_val_str(v, zPath, p, "key", 1);
  zSrc = scn_val_str(v, zPath, p, "source", 1);
  zTgt = scn_val_str(v, zPath, p, "target", 1);
  ts = scn_val_tenant(v, zSrc);
  tt = scn_val_tenant(v, zTgt);
  if( zSrc && !ts ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "source"); scn_val_err(v, zSub, "no tenant \"%s\"", zSrc); }
  if( zTgt && !tt ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "target"); scn_val_err(v, zSub, "no tenant \"%s\"", zTgt); }
  if( ts && ts==tt ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "target");
    scn_val_err(v, zSub, "source and target must be different tenants");
  }
  zScope = scn_val_str(v, zPath, p, "scope", 0);
  if( zScope && strcmp(zScope, "assigned")!=0 && strcmp(zScope, "all")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "scope");
    scn_val_err(v, zSub, "expected \"assigned\" or \"all\", found \"%s\"", zScope);
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "start");
  if( c && !cJSON_IsFalse(c) ){
    char zWhy[160];
    SimTime t;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "start");
    zStart = cJSON_GetStringValue(c);
    if( zStart==NULL ) scn_val_err(v, zSub, "expected an instant, an offset such as PT1H, or false");
    else if( scn_val_when(v->pScn, zStart, &t, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
  }
  a = cJSON_GetObjectItemCaseSensitive(p, "assignments");
  if( a ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "assignments");
    if( scn_val_is_object(v, zSub, a) ){
      const cJSON *l;
      scn_val_keys(v, zSub, a, azAssignKeys);
      if( (l = scn_val_array(v, zSub, a, "users", 0))!=NULL ){
        scn_val_path_key(zE, sizeof(zE), zSub, "users");
        scn_jobs_user_list(v, zE, l, ts);
      }
      if( (l = scn_val_array(v, zSub, a, "groups", 0))!=NULL ){
        scn_val_path_key(zE, sizeof(zE), zSub, "groups");
        scn_jobs_group_list(v, zE, l, ts);
      }
    }
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "mapping");
  if( c ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "mapping");
    scn_jobs_mapping(v, zSub, c);
  }
  {
    int64_t nThr;
    int bCross = 0;
    scn_val_int(v, zPath, p, "deleteThreshold", 0, 0, 1e9, &nThr);
    int bGroups = 0;
    scn_val_bool(v, zPath, p, "crossCloud", &bCross);
    scn_val_bool(v, zPath, p, "groupProvisioning", &bGroups);
    if( ts && tt ) val_job_pair(v, zPath, ts, tt, bGroups, zScope);
  }
  scn_jobs_filters(v, zPath, p);
  if( zKey ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
    for(i=0; i<v->nJob; i++){
      if( strcmp(v->azJob[i], zKey)==0 ){ scn_val_err(v, zSub, "job key \"%s\" is used twice", zKey); return; }
      if( ts && tt && v->aJobSrc[i]==(int)(ts-v->aTenant) && v->aJobTgt[i]==(int)(tt-v->aTenant) ){
        scn_val_err(v, zSub, "job %s repeats the pair %s -> %s of job %s; the service allows one"
                " configuration per source and target", zKey, ts->zKey, tt->zKey, v->azJob[i]);
        return;
      }
    }
    v->azJob[v->nJob] = zKey;
    v->aJobSrc[v->nJob] = ts ? (int)(ts-v->aTenant) : -1;
    v->aJobTgt[v->nJob] = tt ? (int)(tt-v->aTenant) : -1;
    v->nJob++;
  }
}

int scn_jobs_job_find(Val *v, const char *zKey){
  int i;
  for(i=0; zKey && i<v->nJob; i++) if( strcmp(v->azJob[i], zKey)==0 ) return i;
  return -1;
}

static const char *const azFaultKeys[] = {
  "tenant", "kind", "from", "until", "rate", "errorCode", "factor", NULL
};

/* One injected fault window. */
void scn_jobs_fault(Val *v, const char *zPath, const cJSON *p){
  const char *zT, *zKind, *zFrom, *zUntil, *zCode;
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  SimTime tFrom = 0, tUntil = 0;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azFaultKeys);
  zT = scn_val_str(v, zPath, p, "tenant", 1);
  if( zT && !scn_val_tenant(v, zT) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  zKind = scn_val_str(v, zPath, p, "kind", 1);
  zFrom = scn_val_str(v, zPath, p, "from", 1);
  zUntil = scn_val_str(v, zPath, p, "until", 1);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "from");
  if( zFrom && scn_val_when(v->pScn, zFrom, &tFrom, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "until");
  if( zUntil && scn_val_when(v->pScn, zUntil, &tUntil, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
  else if( zFrom && zUntil && tUntil<=tFrom ) scn_val_err(v, zSub, "expected an end after \"from\"");
  zCode = scn_val_str(v, zPath, p, "errorCode", 0);
  if( zKind==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "kind");
  if( strcmp(zKind, "outage")==0 || strcmp(zKind, "transient")==0 ){
    if( zCode && strcmp(zCode, "TooManyRequests")!=0 && strcmp(zCode, "InternalServerError")!=0
     && strcmp(zCode, "Timeout")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "errorCode");
      scn_val_err(v, zSub, "expected TooManyRequests, InternalServerError or Timeout, found \"%s\"", zCode);
    }
    if( zKind[0]=='t' ){
      c = cJSON_GetObjectItemCaseSensitive(p, "rate");
      scn_val_path_key(zSub, sizeof(zSub), zPath, "rate");
      if( !cJSON_IsNumber(c) || c->valuedouble<=0 || c->valuedouble>1 ){
        scn_val_err(v, zSub, "a transient fault needs a failure rate in (0, 1]");
      }
    }
  }else if( strcmp(zKind, "throttle")==0 ){
    c = cJSON_GetObjectItemCaseSensitive(p, "factor");
    scn_val_path_key(zSub, sizeof(zSub), zPath, "factor");
    if( !cJSON_IsNumber(c) || c->valuedouble<1 || c->valuedouble>1000 ){
      scn_val_err(v, zSub, "throttling needs a slow-down factor from 1 to 1000");
    }
  }else{
    scn_val_err(v, zSub, "expected \"outage\", \"transient\" or \"throttle\", found \"%s\"", zKind);
  }
}

/* ---------------------------------------------------------------------
** Building the policies, mappings, filters and faults of a validated scenario.
** The JSON was validated above, so it is read without re-checking.
*/
int scn_jobs_tri(const cJSON *c){
  if( c==NULL || cJSON_IsNull(c) ) return -1;
  return cJSON_IsTrue(c) ? 1 : 0;
}

void scn_jobs_build_policy(World *w, const cJSON *p){
  int iT = world_tenant_find(w, cJSON_GetObjectItemCaseSensitive(p, "tenant")->valuestring);
  const char *zP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "partner"));
  int iP = zP ? world_tenant_find(w, zP) : -1;
  static const struct { const char *zObj, *zField; PolicyField f; } aMap[] = {
    { "automaticUserConsentSettings", "inboundAllowed", PF_INBOUND_AUTO_REDEEM },
    { "automaticUserConsentSettings", "outboundAllowed", PF_OUTBOUND_AUTO_REDEEM },
    { "userSyncInbound", "isSyncAllowed", PF_USER_SYNC_INBOUND },
    { "groupSyncInbound", "isSyncAllowed", PF_GROUP_SYNC_INBOUND },
    { "inboundTrust", "isMfaAccepted", PF_TRUST_MFA },
    { "inboundTrust", "isCompliantDeviceAccepted", PF_TRUST_COMPLIANT },
    { "inboundTrust", "isHybridAzureADJoinedDeviceAccepted", PF_TRUST_HYBRID },
  };
  size_t i;
  policy_get(w, iT, iP);
  for(i=0; i<sizeof(aMap)/sizeof(aMap[0]); i++){
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(p, aMap[i].zObj);
    const cJSON *c = o ? cJSON_GetObjectItemCaseSensitive(o, aMap[i].zField) : NULL;
    if( c ) policy_set(w, iT, iP, aMap[i].f, scn_jobs_tri(c));
  }
  /* Record the policy row even when every field inherits. */
  if( !cJSON_GetObjectItemCaseSensitive(p, "automaticUserConsentSettings")
   && !cJSON_GetObjectItemCaseSensitive(p, "userSyncInbound")
   && !cJSON_GetObjectItemCaseSensitive(p, "groupSyncInbound")
   && !cJSON_GetObjectItemCaseSensitive(p, "inboundTrust") ){
    policy_set(w, iT, iP, PF_TRUST_MFA, -1);
  }
}

/* Build the mapping a "mapping" object describes: the CTS default with the
** given entries replacing or extending it (or only the entries, with
** "replace": true). The caller owns *paMap. 0 or a TS_* code. */
int scn_jobs_build_mapping(World *w, const cJSON *pMapping, MapEntry **paMap, int *pnMap,
                         unsigned *pmActions, TsErr *pErr){
  const cJSON *pAttrs = cJSON_GetObjectItemCaseSensitive(pMapping, "attributes");
  const cJSON *pActs = cJSON_GetObjectItemCaseSensitive(pMapping, "targetObjectActions");
  const cJSON *c;
  MapEntry *a = NULL;
  int *aSlot = NULL, nSlot = 0;
  int n = 0, i, rc = TS_OK;
  static const struct { const char *zKey; unsigned m; } aAct[] = {
    { "create", OBJ_ACT_CREATE }, { "update", OBJ_ACT_UPDATE }, { "delete", OBJ_ACT_DELETE },
  };
  *pmActions = OBJ_ACT_CREATE|OBJ_ACT_UPDATE|OBJ_ACT_DELETE;
  for(i=0; pActs && i<3; i++){
    if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, aAct[i].zKey)) ) *pmActions &= ~aAct[i].m;
  }
  if( !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pMapping, "replace"))
   && mapping_default(&a, &n) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  /* the default's targets are catalog attributes: index them first */
  if( (aSlot = mem_malloc(sizeof(int)*(size_t)A_COUNT))==NULL ){
    mapping_free(a, n);
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  nSlot = A_COUNT;
  for(i=0; i<nSlot; i++) aSlot[i] = -1;
  for(i=0; i<n; i++) aSlot[a[i].iTarget] = i;
  if( pAttrs ) cJSON_ArrayForEach(c, pAttrs){
    const char *zType = cJSON_GetObjectItemCaseSensitive(c, "type")->valuestring;
    const char *zFlow = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "flowType"));
    const char *zDef = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "defaultValue"));
    int iTarget = world_attr_find(w, cJSON_GetObjectItemCaseSensitive(c, "target")->valuestring, 1);
    MapEntry *e;
    if( iTarget<0 ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    /* the entry for this target so far: aSlot maps attribute ids to
    ** entries, so a mapping of any size is merged in linear time */
    if( iTarget>=nSlot ){
      int nNew = iTarget+64, k;
      int *aNew = mem_realloc(aSlot, sizeof(int)*(size_t)nNew);
      if( aNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
      for(k=nSlot; k<nNew; k++) aNew[k] = -1;
      aSlot = aNew;
      nSlot = nNew;
    }
    i = aSlot[iTarget]>=0 ? aSlot[iTarget] : n;
    if( i==n ){
      MapEntry *aNew = mem_realloc(a, sizeof(MapEntry)*(size_t)(n+1));
      if( aNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
      a = aNew;
      memset(&a[n], 0, sizeof(MapEntry));
      n++;
      aSlot[iTarget] = i;
    }else{
      mapping_free_entry(&a[i]);
    }
    e = &a[i];
    e->iTarget = iTarget;
    e->eFlow = zFlow && strcmp(zFlow, "ObjectAddOnly")==0 ? FLOW_OBJECT_ADD_ONLY : FLOW_ALWAYS;
    if( zDef && (e->zDefault = mem_strdup(zDef))==NULL ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break;
    }
    if( strcmp(zType, "Direct")==0 ){
      e->eType = MAP_DIRECT;
      e->iSource = world_attr_find(w, cJSON_GetObjectItemCaseSensitive(c, "source")->valuestring, 1);
      if( e->iSource<0 ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    }else if( strcmp(zType, "Constant")==0 ){
      e->eType = MAP_CONSTANT;
      e->zConst = mem_strdup(cJSON_GetObjectItemCaseSensitive(c, "value")->valuestring);
      if( e->zConst==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    }else if( strcmp(zType, "Expression")==0 ){
      const char *zExpr = cJSON_GetObjectItemCaseSensitive(c, "expression")->valuestring;
      int k;
      e->eType = MAP_EXPRESSION;
      e->zExpr = mem_strdup(zExpr);
      if( e->zExpr==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
      rc = expr_compile(zExpr, &e->pExpr, pErr);
      if( rc ) break;
      for(k=0; k<expr_attr_count(e->pExpr); k++){
        if( world_attr_find(w, expr_attr_name(e->pExpr, k), 1)<0 ){
          rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break;
        }
      }
      if( rc ) break;
      e->bVolatile = expr_uses_function(e->pExpr, "Now") || expr_uses_function(e->pExpr, "Guid")
                  || expr_uses_function(e->pExpr, "RandomString")
                  || expr_uses_function(e->pExpr, "SelectUniqueValue");
    }else{
      e->eType = MAP_NONE;
    }
  }
  mem_free(aSlot);
  if( rc ){
    mapping_free(a, n);
    return rc;
  }
  *paMap = a;
  *pnMap = n;
  return TS_OK;
}

/* Replace job j's filter groups with those of the JSON array pFilters. */
int scn_jobs_build_filters(World *w, Job *j, const cJSON *pFilters){
  const cJSON *c;
  if( pFilters ) cJSON_ArrayForEach(c, pFilters){
    const cJSON *k, *pClauses = cJSON_GetObjectItemCaseSensitive(c, "clauses");
    int nMax = cJSON_GetArraySize(pClauses), n = 0, rc;
    /* every clause counts: a group cut short would scope more users in */
    Clause *aClause = mem_calloc((size_t)(nMax>0 ? nMax : 1), sizeof(Clause));
    if( aClause==NULL ){ w->bNoMem = 1; return -1; }
    cJSON_ArrayForEach(k, pClauses){
      aClause[n].iAttr = world_attr_find(w, cJSON_GetObjectItemCaseSensitive(k, "attribute")->valuestring, 1);
      aClause[n].pRegex = NULL;
      aClause[n].eOp = (ScopeOp)scope_op_find(cJSON_GetObjectItemCaseSensitive(k, "operator")->valuestring);
      aClause[n].zValue = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "value"));
      if( aClause[n].iAttr<0 ){ mem_free(aClause); return -1; }
      n++;
    }
    rc = job_add_filter_group(w, j, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "title")),
                              aClause, n);
    mem_free(aClause);
    if( rc ) return -1;
  }
  return 0;
}

/* The injected fault windows. Returns nonzero when out of memory. */
int scn_jobs_build_faults(World *w, const Scenario *pScn, const cJSON *pFaults){
  const cJSON *t;
  if( pFaults ) cJSON_ArrayForEach(t, pFaults){
    const char *zKind = cJSON_GetObjectItemCaseSensitive(t, "kind")->valuestring;
    const char *zCode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "errorCode"));
    const cJSON *pRate = cJSON_GetObjectItemCaseSensitive(t, "rate");
    const cJSON *pFactor = cJSON_GetObjectItemCaseSensitive(t, "factor");
    SimTime tFrom = 0, tUntil = 0;
    char zWhy[160];
    scn_val_when(pScn, cJSON_GetObjectItemCaseSensitive(t, "from")->valuestring, &tFrom, zWhy, sizeof(zWhy));
    scn_val_when(pScn, cJSON_GetObjectItemCaseSensitive(t, "until")->valuestring, &tUntil, zWhy, sizeof(zWhy));
    if( faults_add(w, world_tenant_find(w, cJSON_GetObjectItemCaseSensitive(t, "tenant")->valuestring),
                   zKind[0]=='o' ? FAULT_OUTAGE : zKind[0]=='t' && zKind[1]=='r' ? FAULT_TRANSIENT : FAULT_THROTTLE,
                   tFrom, tUntil, pRate ? pRate->valuedouble : 1.0, pFactor ? pFactor->valuedouble : 1.0,
                   zKind[1]=='h' ? NULL : (zCode ? zCode : "InternalServerError")) ) return 1;
  }
  return 0;
}
