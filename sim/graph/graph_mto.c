/*
** graph_mto.c — the multitenant organization from Graph (graph_mto.h).
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "graph_mto.h"

/* The organization object, created on first use. NULL on OOM. */
static cJSON *mto(cJSON **ppMto){
  if( *ppMto==NULL ) *ppMto = cJSON_CreateObject();
  return *ppMto;
}

/* Array member zKey of p, created on first use. NULL on OOM. */
static cJSON *array_of(cJSON *p, const char *zKey){
  cJSON *a = cJSON_GetObjectItemCaseSensitive(p, zKey);
  return a ? a : cJSON_AddArrayToObject(p, zKey);
}

typedef struct TenantsCtx { const GraphTenantRef *aT; int nT; cJSON *pList; } TenantsCtx;

static int one_member(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pArg){
  TenantsCtx *c = pArg;
  const char *zId = jsonloc_string(g, zFile, zPath, p, "tenantId", 1);
  const char *zRole = jsonloc_string(g, zFile, zPath, p, "role", 0);
  const char *zState = jsonloc_string(g, zFile, zPath, p, "state", 0);
  const char *zName = jsonloc_string(g, zFile, zPath, p, "displayName", 0);
  char zSub[TS_JSONPATH_MAX];
  cJSON *pItem;
  int i;
  if( zId==NULL ) return TS_OK;
  if( zRole && strcmp(zRole, "owner")!=0 && strcmp(zRole, "member")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "role");
    jsonloc_error(g, zFile, zSub, "expected \"owner\" or \"member\", found \"%s\"", zRole);
    return TS_OK;
  }
  if( zState && strcmp(zState, "removed")==0 ){
    jsonloc_warn(g, zFile, zPath, "tenant %s has left the organization (state removed); ignored", zId);
    return TS_OK;
  }
  for(i=0; i<c->nT; i++) if( strcasecmp(c->aT[i].zTenantId, zId)==0 ) break;
  if( i==c->nT ){
    jsonloc_warn(g, zFile, zPath, "tenant %s%s%s%s is a member of the organization but not one"
                 " of the imported tenants; lint reads only these", zId, zName ? " (" : "",
                 zName ? zName : "", zName ? ")" : "");
    return TS_OK;
  }
  if( (pItem = cJSON_CreateObject())==NULL
   || !cJSON_AddStringToObject(pItem, "tenant", c->aT[i].zKey)
   || !cJSON_AddStringToObject(pItem, "role", zRole ? zRole : "member")
   || (zState && strcmp(zState, "pending")==0
       && !cJSON_AddStringToObject(pItem, "state", "pending")) ){
    cJSON_Delete(pItem);
    return TS_NOMEM;
  }
  cJSON_AddItemToArray(c->pList, pItem);
  return TS_OK;
}

int graph_mto_import_tenants(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                             const GraphTenantRef *aT, int nT, cJSON **ppMto){
  TenantsCtx c;
  cJSON *p = mto(ppMto);
  if( p==NULL ) return TS_NOMEM;
  c.aT = aT;
  c.nT = nT;
  if( (c.pList = array_of(p, "tenants"))==NULL ) return TS_NOMEM;
  return graph_each(g, zFile, pDoc, &c, one_member);
}

/* The Boolean members azField of object zParent of p, copied into pOut's
** zParent object; a member of zParent not in azField is a warning. */
static int copy_flags(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p,
                      const char *zParent, const char *const *azField, cJSON *pOut){
  const cJSON *q = jsonloc_object(g, zFile, zPath, p, zParent, 0), *c;
  char zSub[TS_JSONPATH_MAX], zMember[TS_JSONPATH_MAX];
  cJSON *pObj = NULL;
  int k;
  if( q==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zParent);
  cJSON_ArrayForEach(c, q){
    int bKnown = 0;
    for(k=0; azField[k]; k++) bKnown |= strcmp(c->string, azField[k])==0;
    if( !bKnown && graph_has_content(c) && c->string[0]!='@' ){
      jsonloc_path_key(zMember, sizeof(zMember), zSub, c->string);
      jsonloc_warn(g, zFile, zMember, "%s.%s is not modelled by tenantsim; ignored", zParent, c->string);
    }
  }
  for(k=0; azField[k]; k++){
    int v = jsonloc_bool(g, zFile, zSub, q, azField[k]);
    if( v<0 ) continue;
    if( pObj==NULL ){
      if( (pObj = cJSON_AddObjectToObject(pOut, zParent))==NULL ) return TS_NOMEM;
    }
    if( !cJSON_AddBoolToObject(pObj, azField[k], v) ) return TS_NOMEM;
  }
  return TS_OK;
}

/* templateApplicationLevel, checked against Graph's flags. */
static int copy_level(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, cJSON *pOut){
  static const char *const azLevel[] = { "none", "newPartners", "existingPartners", NULL };
  const char *z = jsonloc_string(g, zFile, zPath, p, "templateApplicationLevel", 0), *c;
  char zSub[TS_JSONPATH_MAX], zPart[40];
  if( z==NULL ) return TS_OK;
  for(c=z; *c; ){
    size_t n = strcspn(c, ",");
    int k, bOk = 0;
    while( n && c[n-1]==' ' ) n--;
    snprintf(zPart, sizeof(zPart), "%.*s", (int)(n<sizeof(zPart)-1 ? n : sizeof(zPart)-1), c);
    for(k=0; azLevel[k]; k++) bOk |= strcmp(zPart, azLevel[k])==0;
    if( !bOk ){
      jsonloc_path_key(zSub, sizeof(zSub), zPath, "templateApplicationLevel");
      jsonloc_error(g, zFile, zSub, "unknown level \"%s\"; expected none, newPartners or"
                    " existingPartners, comma-separated", zPart);
      return TS_OK;
    }
    c += strcspn(c, ",");
    if( *c==',' ) c++;
    while( *c==' ' ) c++;
  }
  return cJSON_AddStringToObject(pOut, "templateApplicationLevel", z) ? TS_OK : TS_NOMEM;
}

int graph_mto_import_template(JsonLoc *g, const char *zFile, const cJSON *pDoc, int bIdentitySync,
                              const char *zTenantKey, cJSON **ppMto){
  static const char *const azSync[] = { "isSyncAllowed", NULL };
  static const char *const azConsent[] = { "inboundAllowed", "outboundAllowed", NULL };
  static const char *const azTrust[] = {
    "isMfaAccepted", "isCompliantDeviceAccepted", "isHybridAzureADJoinedDeviceAccepted", NULL
  };
  static const char *const azKnownSync[] = { "id", "userSyncInbound", "templateApplicationLevel", NULL };
  static const char *const azKnownPartner[] = {
    "id", "automaticUserConsentSettings", "inboundTrust", "templateApplicationLevel", NULL
  };
  const char *const *azKnown = bIdentitySync ? azKnownSync : azKnownPartner;
  cJSON *p = mto(ppMto), *aTemplates, *pEntry = NULL, *pOut, *c;
  char zSub[TS_JSONPATH_MAX];
  int rc, k;
  if( p==NULL ) return TS_NOMEM;
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected a %s template object, found %s",
                  bIdentitySync ? "multiTenantOrganizationIdentitySyncPolicyTemplate"
                                : "multiTenantOrganizationPartnerConfigurationTemplate",
                  jsonloc_type_name(pDoc));
    return TS_OK;
  }
  if( (aTemplates = array_of(p, "templates"))==NULL ) return TS_NOMEM;
  cJSON_ArrayForEach(c, aTemplates){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
    if( zT && strcmp(zT, zTenantKey)==0 ){ pEntry = c; break; }
  }
  if( pEntry==NULL ){
    if( (pEntry = cJSON_CreateObject())==NULL ) return TS_NOMEM;
    cJSON_AddItemToArray(aTemplates, pEntry);
    if( !cJSON_AddStringToObject(pEntry, "tenant", zTenantKey) ) return TS_NOMEM;
  }
  if( cJSON_GetObjectItemCaseSensitive(pEntry, bIdentitySync ? "identitySync" : "partnerConfiguration") ){
    jsonloc_error(g, zFile, "$", "a second %s template for tenant %s",
                  bIdentitySync ? "identity-sync" : "partner-configuration", zTenantKey);
    return TS_OK;
  }
  pOut = cJSON_AddObjectToObject(pEntry, bIdentitySync ? "identitySync" : "partnerConfiguration");
  if( pOut==NULL ) return TS_NOMEM;
  cJSON_ArrayForEach(c, pDoc){
    int bKnown = c->string[0]=='@';
    for(k=0; azKnown[k]; k++) bKnown |= strcmp(c->string, azKnown[k])==0;
    if( !bKnown && graph_has_content(c) ){
      jsonloc_path_key(zSub, sizeof(zSub), "$", c->string);
      jsonloc_warn(g, zFile, zSub, "template property %s is not modelled by tenantsim; ignored",
                   c->string);
    }
  }
  if( bIdentitySync ){
    rc = copy_flags(g, zFile, "$", pDoc, "userSyncInbound", azSync, pOut);
  }else{
    rc = copy_flags(g, zFile, "$", pDoc, "automaticUserConsentSettings", azConsent, pOut);
    if( rc==TS_OK ) rc = copy_flags(g, zFile, "$", pDoc, "inboundTrust", azTrust, pOut);
  }
  if( rc==TS_OK ) rc = copy_level(g, zFile, "$", pDoc, pOut);
  return rc;
}
