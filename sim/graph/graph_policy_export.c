/*
** graph_policy_export.c — graph_policy_export (graph_policy.h): a tenant's
** cross-tenant access policy, its default and its partners (with
** identitySynchronization expanded), in Graph's shape, from the scenario's
** policies array.
*/
#include <string.h>
#include "tslimits.h"
#include "graph_policy.h"
#include "graph_policyInt.h"

/* ---------------------------------------------------------------------
** Export.
*/

/* {"usersAndGroups": {accessType, AllUsers}, "applications": {accessType,
** AllApplications}}: the service default B2B setting. */
static cJSON *b2b_default(const char *zAccess, int *pbNoMem){
  static const struct { const char *zMember, *zTarget, *zType; } aPart[] = {
    { "usersAndGroups", "AllUsers", "user" },
    { "applications", "AllApplications", "application" },
  };
  cJSON *pSet = cJSON_CreateObject();
  size_t i;
  for(i=0; i<sizeof(aPart)/sizeof(aPart[0]); i++){
    cJSON *pConf = graph_policy_jput(pSet, aPart[i].zMember, cJSON_CreateObject(), pbNoMem);
    cJSON *pTargets, *pTarget;
    graph_policy_jput(pConf, "accessType", cJSON_CreateString(zAccess), pbNoMem);
    pTargets = graph_policy_jput(pConf, "targets", cJSON_CreateArray(), pbNoMem);
    pTarget = graph_policy_jput(pTargets, NULL, cJSON_CreateObject(), pbNoMem);
    graph_policy_jput(pTarget, "target", cJSON_CreateString(aPart[i].zTarget), pbNoMem);
    graph_policy_jput(pTarget, "targetType", cJSON_CreateString(aPart[i].zType), pbNoMem);
  }
  if( pSet==NULL ) *pbNoMem = 1;
  return pSet;
}

/* Settings aPv[iFirst .. iFirst+n-1] as an object, inherited ones null.
** With bNullIfUnset, null instead of an object when none is set. */
static cJSON *settings_json(const signed char *a, int iFirst, int n, int bNullIfUnset, int *pbNoMem){
  cJSON *o;
  int i, bAny = 0;
  for(i=iFirst; i<iFirst+n; i++) if( a[i]>=0 ) bAny = 1;
  if( !bAny && bNullIfUnset ) return cJSON_CreateNull();
  o = cJSON_CreateObject();
  for(i=iFirst; i<iFirst+n; i++) graph_policy_jput(o, graph_policy_pv_field(i), graph_policy_jtri(a[i]), pbNoMem);
  return o;
}

static cJSON *export_default(const signed char *a, int *pbNoMem){
  cJSON *pDef = cJSON_CreateObject();
  signed char aFalse[PV_N];
  int i, bChanged = 0;
  for(i=0; i<PV_N; i++){
    aFalse[i] = a[i]>0;          /* a default's unset is false */
    if( a[i]>0 ) bChanged = 1;
  }
  graph_policy_jput(pDef, "isServiceDefault", cJSON_CreateBool(!bChanged), pbNoMem);
  graph_policy_jput(pDef, "inboundTrust", settings_json(aFalse, PV_MFA, a[PV_NETWORK]>0 ? 4 : 3, 0,
                    pbNoMem), pbNoMem);
  graph_policy_jput(pDef, "automaticUserConsentSettings", settings_json(aFalse, PV_IN, 2, 0, pbNoMem), pbNoMem);
  graph_policy_jput(pDef, "b2bCollaborationOutbound", b2b_default("allowed", pbNoMem), pbNoMem);
  graph_policy_jput(pDef, "b2bCollaborationInbound", b2b_default("allowed", pbNoMem), pbNoMem);
  graph_policy_jput(pDef, "b2bDirectConnectOutbound", b2b_default("blocked", pbNoMem), pbNoMem);
  graph_policy_jput(pDef, "b2bDirectConnectInbound", b2b_default("blocked", pbNoMem), pbNoMem);
  if( pDef==NULL ) *pbNoMem = 1;
  return pDef;
}

/* A partner configuration in the member order of Graph's create response,
** with identitySynchronization expanded. */
static cJSON *export_partner(const signed char *a, const char *zPartnerKey, const char *zTenantId,
                             const char *zExtApp, int *pbNoMem){
  static const char *const azNull[] = {
    "b2bCollaborationOutbound", "b2bCollaborationInbound", "b2bDirectConnectOutbound",
    "b2bDirectConnectInbound", "tenantRestrictions", NULL
  };
  signed char aInherit[PV_N];
  cJSON *pP = cJSON_CreateObject(), *pSync;
  int i;
  memset(aInherit, -1, sizeof(aInherit));
  graph_policy_jput(pP, "tenantId", cJSON_CreateString(zTenantId), pbNoMem);
  graph_policy_jput(pP, "isServiceProvider", cJSON_CreateNull(), pbNoMem);
  /* the beta isCompliantNetworkAccepted (PV_MFA+3) only when set */
  graph_policy_jput(pP, "inboundTrust", settings_json(a, PV_MFA, a[PV_NETWORK]>=0 ? 4 : 3, 1, pbNoMem),
                    pbNoMem);
  for(i=0; azNull[i]; i++) graph_policy_jput(pP, azNull[i], cJSON_CreateNull(), pbNoMem);
  graph_policy_jput(pP, "crossCloudMeetingConfiguration", settings_json(aInherit, PV_IN, 2, 0, pbNoMem), pbNoMem);
  graph_policy_jput(pP, "automaticUserConsentSettings", settings_json(a, PV_IN, 2, 0, pbNoMem), pbNoMem);
  if( a[PV_USER]<0 && a[PV_GROUP]<0 && a[PV_ROLE_GROUP]<0 && zExtApp==NULL ){
    graph_policy_jput(pP, "identitySynchronization", cJSON_CreateNull(), pbNoMem);
  }else{
    pSync = graph_policy_jput(pP, "identitySynchronization", cJSON_CreateObject(), pbNoMem);
    graph_policy_jput(pSync, "tenantId", cJSON_CreateString(zTenantId), pbNoMem);
    graph_policy_jput(pSync, "displayName", cJSON_CreateString(zPartnerKey), pbNoMem);
    graph_policy_jput(pSync, "userSyncInbound", settings_json(a, PV_USER, 1, 0, pbNoMem), pbNoMem);
    if( a[PV_GROUP]>=0 ){
      graph_policy_jput(pSync, "groupSyncInbound", settings_json(a, PV_GROUP, 1, 0, pbNoMem), pbNoMem);
    }
    if( a[PV_ROLE_GROUP]>=0 ){
      graph_policy_jput(pSync, "roleEnabledGroupSyncInbound", settings_json(a, PV_ROLE_GROUP, 1, 0,
                        pbNoMem), pbNoMem);
    }
    if( zExtApp ){
      graph_policy_jput(pSync, "externalCloudAuthorizedApplicationId", cJSON_CreateString(zExtApp),
                        pbNoMem);
    }
  }
  if( pP==NULL ) *pbNoMem = 1;
  return pP;
}

static const char *tenant_id_of(const GraphTenantRef *aT, int nT, const char *zKey){
  int i;
  for(i=0; i<nT; i++) if( strcmp(aT[i].zKey, zKey)==0 ) return aT[i].zTenantId;
  return NULL;
}

int graph_policy_export(const cJSON *pPolicies, const char *zOwnerKey,
                        const GraphTenantRef *aT, int nT, cJSON **ppDoc, TsErr *pErr){
  cJSON *pDoc = cJSON_CreateObject(), *pPartners = NULL;
  const cJSON *e;
  int rc = TS_OK, bNoMem = 0, i = 0;
  graph_policy_jput(pDoc, "@odata.context", cJSON_CreateString("https://graph.microsoft.com/v1.0/$metadata"
       "#policies/crossTenantAccessPolicy(default(),partners(identitySynchronization()))/$entity"),
       &bNoMem);
  graph_policy_jput(pDoc, "displayName", cJSON_CreateString("CrossTenantAccessPolicy"), &bNoMem);
  /* The default first, as Graph writes the relationships. */
  cJSON_ArrayForEach(e, pPolicies){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "tenant"));
    signed char a[PV_N];
    if( zT==NULL || strcmp(zT, zOwnerKey)!=0 || cJSON_GetObjectItemCaseSensitive(e, "partner") ){
      i++;
      continue;
    }
    graph_policy_pv_read(e, a);
    if( a[PV_USER]>0 || a[PV_GROUP]>0 || a[PV_ROLE_GROUP]>0 ){
      rc = tserr_set(pErr, TS_ERR, "policies[%d].%s: Entra sets identity synchronization per"
                     " partner only; a default policy's true cannot be exported", i,
                     a[PV_USER]>0 ? "userSyncInbound" : a[PV_GROUP]>0 ? "groupSyncInbound"
                     : "roleEnabledGroupSyncInbound");
      goto out_fail;
    }
    graph_policy_jput(pDoc, "default", export_default(a, &bNoMem), &bNoMem);
    break;
  }
  pPartners = graph_policy_jput(pDoc, "partners", cJSON_CreateArray(), &bNoMem);
  i = 0;
  cJSON_ArrayForEach(e, pPolicies){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "tenant"));
    const char *zP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "partner"));
    const char *zId;
    signed char a[PV_N];
    i++;
    if( zT==NULL || zP==NULL || strcmp(zT, zOwnerKey)!=0 ) continue;
    zId = tenant_id_of(aT, nT, zP);
    if( zId==NULL ){
      rc = tserr_set(pErr, TS_ERR, "policies[%d].partner: no tenant id for tenant \"%s\"", i-1, zP);
      goto out_fail;
    }
    graph_policy_pv_read(e, a);
    graph_policy_jput(pPartners, NULL, export_partner(a, zP, zId, cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(e, "externalCloudAuthorizedApplicationId")), &bNoMem),
        &bNoMem);
  }
  if( pDoc==NULL || bNoMem ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory while writing the cross-tenant access policy of %s",
                   zOwnerKey);
    goto out_fail;
  }
  *ppDoc = pDoc;
  return TS_OK;
out_fail:
  cJSON_Delete(pDoc);
  *ppDoc = NULL;
  return rc;
}

