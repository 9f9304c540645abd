/*
** scn_jobs.c — validation of "policies", "jobs" (attribute mappings,
** scoping filters, assignment, schedule, thresholds) and "faults", and the
** job symbol table that timeline actions refer to. Each check fills its
** ScnPolicy, ScnJob, ScnMapping, ScnFilters or ScnFault (scn_model.h).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "attr.h"
#include "authz.h"
#include "policy.h"
#include "scope.h"
#include "faults.h"
#include "mapping.h"
#include "jsonloc.h"
#include "expr.h"
#include "scenarioInt.h"

/* ---------------------------------------------------------------------
** Policies and jobs.
*/
static const char *const azPolicyKeys[] = {
  "tenant", "partner", "automaticUserConsentSettings", "userSyncInbound", "groupSyncInbound",
  "roleEnabledGroupSyncInbound", "inboundTrust", "externalCloudAuthorizedApplicationId", NULL
};
static const char *const azConsentKeys[] = { "inboundAllowed", "outboundAllowed", NULL };
static const char *const azSyncKeys[] = { "isSyncAllowed", NULL };
static const char *const azTrustKeys[] = {
  "isMfaAccepted", "isCompliantDeviceAccepted", "isHybridAzureADJoinedDeviceAccepted",
  "isCompliantNetworkAccepted", NULL
};

/* One part of a policy (zKey, an object of the Boolean fields azKeys, each
** also null), its fields added to *pP: aField[i] is the PolicyField of
** azKeys[i]. */
static void val_policy_part(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                            const char *const *azKeys, const PolicyField *aField,
                            ScnPolicy *pP){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  int i, b;
  if( c==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !scn_val_is_object(v, zSub, c) ) return;
  scn_val_keys(v, zSub, c, azKeys);
  for(i=0; azKeys[i]; i++){
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, azKeys[i]);
    if( f==NULL ) continue;
    if( !cJSON_IsNull(f) && !scn_val_bool(v, zSub, c, azKeys[i], &b) ) continue;
    ts_assert( pP->nField<PF_COUNT );
    pP->aField[pP->nField].eField = aField[i];
    pP->aField[pP->nField].v = cJSON_IsNull(f) ? -1 : cJSON_IsTrue(f);
    pP->nField++;
  }
}

void scn_jobs_policy(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll,
                     ScnPolicy *pP){
  static const PolicyField aConsent[] = { PF_INBOUND_AUTO_REDEEM, PF_OUTBOUND_AUTO_REDEEM };
  static const PolicyField aUserSync[] = { PF_USER_SYNC_INBOUND };
  static const PolicyField aGroupSync[] = { PF_GROUP_SYNC_INBOUND };
  static const PolicyField aRoleSync[] = { PF_ROLE_GROUP_SYNC_INBOUND };
  static const PolicyField aTrust[] = {
    PF_TRUST_MFA, PF_TRUST_COMPLIANT, PF_TRUST_HYBRID, PF_TRUST_COMPLIANT_NETWORK
  };
  const char *zT, *zP;
  const cJSON *q;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azPolicyKeys);
  zT = scn_val_str(v, zPath, p, "tenant", 1);
  zP = scn_val_str(v, zPath, p, "partner", 0);
  pP->iTenant = scn_val_tenant_index(v, zT);
  pP->iPartner = scn_val_tenant_index(v, zP);
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
  val_policy_part(v, zPath, p, "automaticUserConsentSettings", azConsentKeys, aConsent, pP);
  val_policy_part(v, zPath, p, "userSyncInbound", azSyncKeys, aUserSync, pP);
  val_policy_part(v, zPath, p, "groupSyncInbound", azSyncKeys, aGroupSync, pP);
  val_policy_part(v, zPath, p, "roleEnabledGroupSyncInbound", azSyncKeys, aRoleSync, pP);
  val_policy_part(v, zPath, p, "inboundTrust", azTrustKeys, aTrust, pP);
  pP->zExtCloudAppId = scn_val_str(v, zPath, p, "externalCloudAuthorizedApplicationId", 0);
  if( pP->zExtCloudAppId ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "externalCloudAuthorizedApplicationId");
    if( zP==NULL ){
      scn_val_err(v, zSub, "only a partner's identity sync setting has it (Graph has no default"
                  " identity synchronization); give \"partner\"");
    }else if( !authz_is_guid(pP->zExtCloudAppId) ){
      scn_val_err(v, zSub, "expected an application id (a GUID), found \"%s\"", pP->zExtCloudAppId);
    }
  }
  /* A policy that gives no part is still a policy row: every field
  ** inherits (setting one to null records it). */
  if( !cJSON_GetObjectItemCaseSensitive(p, "automaticUserConsentSettings")
   && !cJSON_GetObjectItemCaseSensitive(p, "userSyncInbound")
   && !cJSON_GetObjectItemCaseSensitive(p, "groupSyncInbound")
   && !cJSON_GetObjectItemCaseSensitive(p, "roleEnabledGroupSyncInbound")
   && !cJSON_GetObjectItemCaseSensitive(p, "inboundTrust") ){
    pP->aField[0].eField = PF_TRUST_MFA;
    pP->aField[0].v = -1;
    pP->nField = 1;
  }
}

static const char *const azJobKeys[] = {
  "key", "source", "target", "scope", "assignments", "scopingFilters", "mapping", "start",
  "deleteThreshold", "crossCloud", "groupProvisioning", "created", "notifications",
  "skipOutOfScopeDeletions", NULL
};
static const char *const azNotifyKeys[] = { "enabled", "recipients", NULL };
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
static void val_map_entry(Val *v, const char *zPath, const cJSON *p, ScnMapEntry *e){
  const char *zTarget, *zType, *zFlow;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azEntryKeys);
  zTarget = scn_val_str(v, zPath, p, "target", 1);
  zType = scn_val_str(v, zPath, p, "type", 1);
  zFlow = scn_val_str(v, zPath, p, "flowType", 0);
  e->zTarget = zTarget;
  e->eFlow = zFlow && strcmp(zFlow, "ObjectAddOnly")==0 ? FLOW_OBJECT_ADD_ONLY : FLOW_ALWAYS;
  e->zDefault = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "defaultValue"));
  e->eType = MAP_NONE;
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
    e->eType = MAP_DIRECT;
    e->zSource = zSrc;
    if( zSrc && !scn_jobs_attr_known(zSrc) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "source");
      scn_val_err(v, zSub, "unknown source attribute \"%s\"", zSrc);
    }
  }else if( strcmp(zType, "Constant")==0 ){
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "value");
    e->eType = MAP_CONSTANT;
    e->zConst = cJSON_GetStringValue(c);
    if( !cJSON_IsString(c) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "value");
      scn_val_err(v, zSub, "a Constant mapping needs a string value, found %s", jsonloc_type_name(c));
    }
  }else if( strcmp(zType, "Expression")==0 ){
    const char *zExpr = scn_val_str(v, zPath, p, "expression", 1);
    Expr *pExpr = NULL;
    TsErr err;
    int i;
    e->eType = MAP_EXPRESSION;
    e->zExpr = zExpr;
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
ScnMapping *scn_jobs_mapping(Val *v, const char *zPath, const cJSON *p){
  static const unsigned aAct[] = { OBJ_ACT_CREATE, OBJ_ACT_UPDATE, OBJ_ACT_DELETE };
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0, b = 0;
  HMap seen;
  ScnMapping *m;
  if( !scn_val_is_object(v, zPath, p) ) return NULL;
  if( (m = scn_val_alloc(v, 1, sizeof(ScnMapping)))==NULL ) return NULL;
  m->mActions = OBJ_ACT_CREATE|OBJ_ACT_UPDATE|OBJ_ACT_DELETE;
  scn_val_keys(v, zPath, p, azMappingKeys);
  if( scn_val_bool(v, zPath, p, "replace", &b) ) m->bReplace = b;
  a = scn_val_array(v, zPath, p, "attributes", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "attributes");
  if( a && (m->aEntry = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnMapEntry)))==NULL ){
    return NULL;
  }
  hmap_init(&seen);               /* targets so far: linear in the entries */
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    val_map_entry(v, zE, c, &m->aEntry[m->nEntry++]);
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
      for(i=0; azActionsKeys[i]; i++){
        if( scn_val_bool(v, zSub, c, azActionsKeys[i], &b) && !b ) m->mActions &= ~aAct[i];
      }
    }
  }
  return m;
}
static const char *const azAssignKeys[] = { "users", "groups", NULL };
static const char *const azFilterKeys[] = { "title", "clauses", NULL };
static const char *const azClauseKeys[] = { "attribute", "operator", "value", NULL };

static void val_clause(Val *v, const char *zPath, const cJSON *p, ScnClause *pC){
  const char *zAttr, *zOp;
  char zSub[TS_JSONPATH_MAX];
  int iOp = -1, iAttr;
  const cJSON *pVal;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azClauseKeys);
  zAttr = scn_val_str(v, zPath, p, "attribute", 1);
  zOp = scn_val_str(v, zPath, p, "operator", 1);
  pC->zAttr = zAttr;
  pC->zValue = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "value"));
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
    pC->eOp = (ScopeOp)(iOp>=0 ? iOp : 0);
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
    char zWhy[TS_REASON_MAX];
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
void scn_jobs_filters(Val *v, const char *zPath, const cJSON *p, ScnFilters *pF){
  const cJSON *a = scn_val_array(v, zPath, p, "scopingFilters", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( a && (pF->a = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnFilter)))==NULL ) return;
  if( a ) cJSON_ArrayForEach(c, a){
    const cJSON *l, *k;
    ScnFilter *g = &pF->a[pF->n++];
    int j = 0;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "scopingFilters");
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( !scn_val_is_object(v, zE, c) ) continue;
    scn_val_keys(v, zE, c, azFilterKeys);
    g->zTitle = scn_val_str(v, zE, c, "title", 0);
    l = scn_val_array(v, zE, c, "clauses", 1);
    if( l && (g->aClause = scn_val_alloc(v, (size_t)cJSON_GetArraySize(l), sizeof(ScnClause)))==NULL ){
      return;
    }
    if( l && cJSON_GetArraySize(l)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zE, "clauses");
      scn_val_err(v, zSub, "expected at least one clause");
    }
    if( l ) cJSON_ArrayForEach(k, l){
      char zC[TS_JSONPATH_MAX], zCl[TS_JSONPATH_MAX];
      scn_val_path_key(zCl, sizeof(zCl), zE, "clauses");
      scn_val_path_idx(zC, sizeof(zC), zCl, j++);
      val_clause(v, zC, k, &g->aClause[g->nClause++]);
    }
  }
}

/* The clouds and licences of the pair ts -> tt allow this job (and its
** group provisioning when bGroups, with scope zScope). */
static void val_job_pair(Val *v, const char *zPath, const ValTenant *ts, const ValTenant *tt,
                         int bGroups, const char *zScope){
  char zSub[TS_JSONPATH_MAX];
  const char *zCs = ts->pModel->zCloud, *zCt = tt->pModel->zCloud;
  unsigned mLic = ts->pModel->mLicences;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "target");
  if( !policy_cloud_pair_ok(zCs, zCt) ){
    scn_val_err(v, zSub, "synchronization from the %s cloud to the %s cloud is not supported"
            " (cross-cloud pairs: commercial to usgov, usgov to commercial, commercial"
            " to china)", zCs ? zCs : "commercial", zCt ? zCt : "commercial");
  }else if( policy_cloud_bit(zCs)!=policy_cloud_bit(zCt) && !(mLic & (LIC_GOVERNANCE|LIC_SUITE)) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "source");
    scn_val_err(v, zSub, "cross-cloud synchronization needs Microsoft Entra ID Governance or"
            " Microsoft Entra Suite licences in the source tenant %s", ts->zKey);
  }else if( policy_cloud_bit(zCs)==CLOUD_CHINA && policy_cloud_bit(zCt)==CLOUD_CHINA ){
    /* Entra's what's new, February 2026: "Microsoft Entra Provisioning
    ** Service available in Microsoft Azure operated by 21Vianet ...
    ** Cross-tenant sync between China tenants"; the overview (ms.date
    ** 2026-04-27) still says "Cross-tenant synchronization isn't supported
    ** within the Microsoft Azure operated by 21Vianet cloud". tenantsim
    ** follows the newer entry and says so. */
    scn_val_warn(v, zSub, "synchronization between two tenants of Microsoft Azure operated by"
            " 21Vianet (china to china) is allowed, as Entra's what's new of February 2026"
            " announces (\"Cross-tenant sync between China tenants\"); the cross-tenant"
            " synchronization overview (2026-04-27) still says it isn't supported within the"
            " 21Vianet cloud: the documentation conflicts");
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

/* Is z[0..n) name@domain: one "@", something on both sides, no blank? */
static int is_address(const char *z, size_t n){
  const char *zAt = memchr(z, '@', n);
  size_t i;
  if( zAt==NULL || zAt==z || zAt==z+n-1 || memchr(zAt+1, '@', (size_t)(z+n-zAt-1)) ) return 0;
  for(i=0; i<n; i++) if( z[i]==' ' || z[i]=='\t' ) return 0;
  return 1;
}

void scn_jobs_notify(Val *v, const char *zPath, const cJSON *p, ScnNotify *pN){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "notifications");
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  const char *z;
  int b;
  pN->bEnabled = -1;
  pN->zRecipients = NULL;
  if( c==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "notifications");
  if( !scn_val_is_object(v, zSub, c) ) return;
  scn_val_keys(v, zSub, c, azNotifyKeys);
  if( c->child==NULL ) scn_val_err(v, zSub, "expected \"enabled\", \"recipients\" or both");
  if( scn_val_bool(v, zSub, c, "enabled", &b) ) pN->bEnabled = b;
  if( (z = scn_val_str(v, zSub, c, "recipients", 0))==NULL ) return;
  scn_val_path_key(zE, sizeof(zE), zSub, "recipients");
  pN->zRecipients = z;
  while( *z ){
    size_t n = strcspn(z, ";,"), i = 0;
    while( i<n && (z[i]==' ' || z[i]=='\t') ) i++;
    while( n>i && (z[n-1]==' ' || z[n-1]=='\t') ) n--;
    if( !is_address(z+i, n-i) ){
      scn_val_err(v, zE, "\"%.*s\" is not an e-mail address (name@domain; separate"
                  " addresses with \";\" or \",\")", (int)(n-i), z+i);
      return;
    }
    z += strcspn(z, ";,");
    if( *z && *++z==0 ){
      scn_val_err(v, zE, "an address is missing after the last separator");
      return;
    }
  }
}

void scn_jobs_check(Val *v, const char *zPath, const cJSON *p, ScnJob *pJ){
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
  pJ->zKey = zKey;
  pJ->iSource = ts ? (int)(ts - v->aTenant) : -1;
  pJ->iTarget = tt ? (int)(tt - v->aTenant) : -1;
  pJ->nDeleteThreshold = -1;
  if( zSrc && !ts ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "source"); scn_val_err(v, zSub, "no tenant \"%s\"", zSrc); }
  if( zTgt && !tt ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "target"); scn_val_err(v, zSub, "no tenant \"%s\"", zTgt); }
  if( ts && ts==tt ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "target");
    scn_val_err(v, zSub, "source and target must be different tenants");
  }
  zScope = scn_val_str(v, zPath, p, "scope", 0);
  pJ->bSyncAll = zScope && strcmp(zScope, "all")==0;
  if( zScope && strcmp(zScope, "assigned")!=0 && strcmp(zScope, "all")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "scope");
    scn_val_err(v, zSub, "expected \"assigned\" or \"all\", found \"%s\"", zScope);
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "start");
  pJ->bStart = !cJSON_IsFalse(c);
  if( c && !cJSON_IsFalse(c) ){
    char zWhy[TS_REASON_MAX];
    SimTime t;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "start");
    zStart = cJSON_GetStringValue(c);
    if( zStart==NULL ) scn_val_err(v, zSub, "expected an instant, an offset such as PT1H, or false");
    else if( scn_val_when(v->pScn, zStart, &t, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
    else{ pJ->tStart = t; pJ->bStartGiven = 1; }
  }
  pJ->bCreated = 1;
  scn_val_bool(v, zPath, p, "created", &pJ->bCreated);
  a = cJSON_GetObjectItemCaseSensitive(p, "assignments");
  if( a ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "assignments");
    if( scn_val_is_object(v, zSub, a) ){
      const cJSON *l;
      scn_val_keys(v, zSub, a, azAssignKeys);
      if( (l = scn_val_array(v, zSub, a, "users", 0))!=NULL ){
        scn_val_path_key(zE, sizeof(zE), zSub, "users");
        scn_jobs_user_list(v, zE, l, ts);
        scn_val_key_list(v, l, &pJ->assignUsers);
      }
      if( (l = scn_val_array(v, zSub, a, "groups", 0))!=NULL ){
        scn_val_path_key(zE, sizeof(zE), zSub, "groups");
        scn_jobs_group_list(v, zE, l, ts);
        scn_val_key_list(v, l, &pJ->assignGroups);
      }
    }
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "mapping");
  if( c ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "mapping");
    pJ->pMapping = scn_jobs_mapping(v, zSub, c);
  }
  {
    int64_t nThr;
    int bCross = 0;
    int bGroups = 0;
    if( scn_val_int(v, zPath, p, "deleteThreshold", 0, 0, 1e9, &nThr) ) pJ->nDeleteThreshold = nThr;
    scn_val_bool(v, zPath, p, "crossCloud", &bCross);
    scn_val_bool(v, zPath, p, "groupProvisioning", &bGroups);
    scn_val_bool(v, zPath, p, "skipOutOfScopeDeletions", &pJ->bSkipOos);
    pJ->bCrossCloud = bCross;
    pJ->bGroupSync = bGroups;
    if( ts && tt ) val_job_pair(v, zPath, ts, tt, bGroups, zScope);
  }
  scn_jobs_filters(v, zPath, p, &pJ->filters);
  scn_jobs_notify(v, zPath, p, &pJ->notify);
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

const ScnJob *scn_jobs_declared(Val *v, int iJob){
  int k;
  for(k=0; iJob>=0 && k<v->pScn->nJob; k++){
    if( v->pScn->aJob[k].zKey==v->azJob[iJob] ) return &v->pScn->aJob[k];
  }
  return NULL;
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
void scn_jobs_fault(Val *v, const char *zPath, const cJSON *p, ScnFault *pF){
  const char *zT, *zKind, *zFrom, *zUntil, *zCode;
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  SimTime tFrom = 0, tUntil = 0;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azFaultKeys);
  zT = scn_val_str(v, zPath, p, "tenant", 1);
  pF->iTenant = scn_val_tenant_index(v, zT);
  /* rate and factor are read whatever the kind (each kind checks its own) */
  c = cJSON_GetObjectItemCaseSensitive(p, "rate");
  pF->rRate = c ? c->valuedouble : 1.0;
  c = cJSON_GetObjectItemCaseSensitive(p, "factor");
  pF->rFactor = c ? c->valuedouble : 1.0;
  if( zT && !scn_val_tenant(v, zT) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  zKind = scn_val_str(v, zPath, p, "kind", 1);
  zFrom = scn_val_str(v, zPath, p, "from", 1);
  zUntil = scn_val_str(v, zPath, p, "until", 0);
  tUntil = FAULTS_NO_END;                /* no "until": it outlasts the run */
  scn_val_path_key(zSub, sizeof(zSub), zPath, "from");
  if( zFrom && scn_val_when(v->pScn, zFrom, &tFrom, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "until");
  if( zUntil && scn_val_when(v->pScn, zUntil, &tUntil, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
  else if( zFrom && zUntil && tUntil<=tFrom ) scn_val_err(v, zSub, "expected an end after \"from\"");
  zCode = scn_val_str(v, zPath, p, "errorCode", 0);
  pF->tFrom = tFrom;
  pF->tUntil = tUntil;
  if( zKind==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "kind");
  if( strcmp(zKind, "outage")==0 || strcmp(zKind, "transient")==0 ){
    pF->eKind = zKind[0]=='o' ? FAULT_OUTAGE : FAULT_TRANSIENT;
    pF->zErrorCode = zCode ? zCode : "InternalServerError";
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
    pF->eKind = FAULT_THROTTLE;
    c = cJSON_GetObjectItemCaseSensitive(p, "factor");
    scn_val_path_key(zSub, sizeof(zSub), zPath, "factor");
    if( !cJSON_IsNumber(c) || c->valuedouble<1 || c->valuedouble>1000 ){
      scn_val_err(v, zSub, "throttling needs a slow-down factor from 1 to 1000");
    }
  }else{
    scn_val_err(v, zSub, "expected \"outage\", \"transient\" or \"throttle\", found \"%s\"", zKind);
  }
}
