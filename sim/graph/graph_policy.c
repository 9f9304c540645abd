/*
** graph_policy.c — cross-tenant access policies from Microsoft Graph
** (graph_policy.h), and the settings table and JSON builders that
** graph_policy_export.c shares (graph_policyInt.h).
**
** Import works on drafts: the nine settings tenantsim models, as
** tri-states (-1 inherit, 0, 1), for each (tenant, partner) pair a call
** touches. A draft starts from the pair's entry already in the policies
** array, takes the document's settings (later values win) and is written
** back as a whole new entry at the end, so the array never holds a
** half-merged one and the member order does not depend on the order of
** the files. Documents name tenants by id and the drafts by key; with two
** tenants a call touches at most three pairs (one default, two partners).
**
** Everything else in the document is checked against a table of the
** members Graph documents for the object (MemberRule): each kind says how
** to validate the member and when it is worth a warning.
*/
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "authz.h"
#include "graph_policy.h"
#include "graph_policyInt.h"

/* ---------------------------------------------------------------------
** The settings tenantsim models (PV_*, graph_policyInt.h): object and
** field of each.
*/
static const struct { const char *zObj, *zField; } aPv[PV_N] = {
  { "automaticUserConsentSettings", "inboundAllowed" },
  { "automaticUserConsentSettings", "outboundAllowed" },
  { "userSyncInbound", "isSyncAllowed" },
  { "groupSyncInbound", "isSyncAllowed" },
  { "roleEnabledGroupSyncInbound", "isSyncAllowed" },
  { "inboundTrust", "isMfaAccepted" },
  { "inboundTrust", "isCompliantDeviceAccepted" },
  { "inboundTrust", "isHybridAzureADJoinedDeviceAccepted" },
  { "inboundTrust", "isCompliantNetworkAccepted" },
};

const char *graph_policy_pv_field(int i){ return aPv[i].zField; }

void graph_policy_pv_read(const cJSON *pEntry, signed char *a){
  int i;
  for(i=0; i<PV_N; i++){
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(pEntry, aPv[i].zObj);
    const cJSON *c = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, aPv[i].zField) : NULL;
    a[i] = cJSON_IsBool(c) ? (signed char)cJSON_IsTrue(c) : -1;
  }
}

static int same_key(const char *zA, const char *zB){
  return (zA==NULL && zB==NULL) || (zA && zB && strcmp(zA, zB)==0);
}

/* ---------------------------------------------------------------------
** Building JSON. A failure is sticky in *pbNoMem: later calls do nothing
** but free what they were given, so builders read straight through and
** test the flag once.
*/
cJSON *graph_policy_jput(cJSON *pObj, const char *zKey, cJSON *pItem, int *pbNoMem){
  if( pObj==NULL || *pbNoMem ){
    cJSON_Delete(pItem);
    *pbNoMem = 1;
    return NULL;
  }
  if( graph_put(pObj, zKey, pItem) ){
    *pbNoMem = 1;
    return NULL;
  }
  return pItem;
}

/* JSON true/false for 0/1, null for -1 (inherit). */
cJSON *graph_policy_jtri(int v){
  return v<0 ? cJSON_CreateNull() : cJSON_CreateBool(v);
}

/* ---------------------------------------------------------------------
** Import state.
*/
typedef struct Draft {
  const char *zTenant;    /* owner key (borrowed) */
  const char *zPartner;   /* partner key (borrowed), NULL for the default */
  signed char a[PV_N];    /* -1 inherit, 0 false, 1 true */
  char zExtApp[TS_GUID_SIZE];  /* externalCloudAuthorizedApplicationId, "" none */
  cJSON *pOld;            /* the pair's entry in the policies array, or NULL */
} Draft;

#define POL_MAX_DRAFT 3

typedef struct PolImport {
  JsonLoc *g;
  const char *zFile;
  cJSON *pPolicies;
  Draft aDraft[POL_MAX_DRAFT];
  int nDraft;
  int nErr0;              /* g->nErr when the call began */
  int bNoMem;
  int iPartnerSeen;       /* partners of one document: the first's index
                          ** in aT plus one, 0 before the first */
} PolImport;

static void pol_begin(PolImport *p, JsonLoc *g, const char *zFile, cJSON *pPolicies){
  memset(p, 0, sizeof(*p));
  p->g = g;
  p->zFile = zFile;
  p->pPolicies = pPolicies;
  p->nErr0 = g->nErr;
}

/* The draft of (zTenant, zPartner), started from its entry in the
** policies array when there is one. */
static Draft *draft_get(PolImport *p, const char *zTenant, const char *zPartner){
  Draft *d;
  cJSON *e;
  int i;
  for(i=0; i<p->nDraft; i++){
    d = &p->aDraft[i];
    if( strcmp(d->zTenant, zTenant)==0 && same_key(d->zPartner, zPartner) ) return d;
  }
  if( p->nDraft==POL_MAX_DRAFT ) return NULL;   /* two tenants never need more */
  d = &p->aDraft[p->nDraft++];
  memset(d, 0, sizeof(*d));
  d->zTenant = zTenant;
  d->zPartner = zPartner;
  memset(d->a, -1, sizeof(d->a));
  cJSON_ArrayForEach(e, p->pPolicies){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "tenant"));
    const char *zP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "partner"));
    if( zT && strcmp(zT, zTenant)==0 && same_key(zP, zPartner) ){
      d->pOld = e;
      graph_policy_pv_read(e, d->a);
      snprintf(d->zExtApp, sizeof(d->zExtApp), "%s", cJSON_GetStringValue(
          cJSON_GetObjectItemCaseSensitive(e, "externalCloudAuthorizedApplicationId")) ?
          cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "externalCloudAuthorizedApplicationId")) : "");
      break;
    }
  }
  return d;
}

static const char *tri_name(int v){ return v<0 ? "unset" : v ? "true" : "false"; }

/* Set setting i of d to v (0/1) from the member at zPath. In a default,
** false is the unset value. A different earlier value is overridden with
** a warning. */
static void draft_set(PolImport *p, Draft *d, int i, int v, const char *zPath){
  if( d->zPartner==NULL && v==0 ) v = -1;
  if( d->a[i]>=0 && d->a[i]!=v ){
    if( d->zPartner ){
      jsonloc_warn(p->g, p->zFile, zPath, "%s overrides %s given earlier for %s's policy for %s",
                tri_name(v), tri_name(d->a[i]), d->zTenant, d->zPartner);
    }else{
      jsonloc_warn(p->g, p->zFile, zPath, "%s overrides %s given earlier for %s's default policy",
                tri_name(v), tri_name(d->a[i]), d->zTenant);
    }
  }
  d->a[i] = (signed char)v;
}

/* Write d back as a new entry in place of its old one (or appended). */
static void draft_store(PolImport *p, Draft *d){
  int bNoMem = 0, i;
  cJSON *e = cJSON_CreateObject();
  graph_policy_jput(e, "tenant", cJSON_CreateString(d->zTenant), &bNoMem);
  if( d->zPartner ) graph_policy_jput(e, "partner", cJSON_CreateString(d->zPartner), &bNoMem);
  for(i=0; i<PV_N && !bNoMem; i++){
    cJSON *o;
    if( d->a[i]<0 ) continue;
    o = cJSON_GetObjectItemCaseSensitive(e, aPv[i].zObj);
    if( o==NULL ) o = graph_policy_jput(e, aPv[i].zObj, cJSON_CreateObject(), &bNoMem);
    graph_policy_jput(o, aPv[i].zField, cJSON_CreateBool(d->a[i]), &bNoMem);
  }
  if( d->zExtApp[0] ){
    graph_policy_jput(e, "externalCloudAuthorizedApplicationId", cJSON_CreateString(d->zExtApp),
                      &bNoMem);
  }
  if( e==NULL || bNoMem ) goto out_nomem;
  if( d->pOld ){
    cJSON_ReplaceItemViaPointer(p->pPolicies, d->pOld, e);   /* cannot fail: no allocation */
    d->pOld = e;
  }else{
    if( !cJSON_AddItemToArray(p->pPolicies, e) ) goto out_nomem;
    d->pOld = e;
  }
  return;
out_nomem:
  cJSON_Delete(e);
  p->bNoMem = 1;
}

static int pol_end(PolImport *p){
  int i;
  for(i=0; i<p->nDraft && !p->bNoMem; i++) draft_store(p, &p->aDraft[i]);
  if( p->bNoMem || p->g->bNoMem ){
    p->g->bNoMem = 1;
    return TS_NOMEM;
  }
  return p->g->nErr>p->nErr0 ? TS_ERR : TS_OK;
}

/* ---------------------------------------------------------------------
** Validating what tenantsim does not model.
*/
static int is_odata(const char *zKey){
  return strncmp(zKey, "@odata.", 7)==0;
}

static int in_list(const char *z, const char *const *az){
  int i;
  for(i=0; az[i]; i++) if( strcmp(z, az[i])==0 ) return 1;
  return 0;
}

/* An enum-valued string member (NULL when absent or null); an error when
** it is not one of azEnum. */
static const char *pol_enum(PolImport *p, const char *zPath, const cJSON *pObj,
                            const char *zKey, const char *const *azEnum, int bRequired){
  const char *z = jsonloc_string(p->g, p->zFile, zPath, pObj, zKey, bRequired);
  if( z && !in_list(z, azEnum) ){
    char zSub[TS_JSONPATH_MAX];
    jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
    if( azEnum[3] ){
      jsonloc_error(p->g, p->zFile, zSub, "expected \"%s\", \"%s\", \"%s\" or \"%s\", found \"%s\"",
                 azEnum[0], azEnum[1], azEnum[2], azEnum[3], z);
    }else{
      jsonloc_error(p->g, p->zFile, zSub, "expected \"%s\", \"%s\" or \"%s\", found \"%s\"",
                 azEnum[0], azEnum[1], azEnum[2], z);
    }
    return NULL;
  }
  return z;
}

static const char *const azAccessType[] = { "allowed", "blocked", "unknownFutureValue", NULL };
static const char *const azTargetType[] = { "user", "group", "application", "unknownFutureValue", NULL };

/* Check a crossTenantAccessPolicyTargetConfiguration at zPath. Returns 1
** when it is {"accessType": zAccess, "targets": [{"target": zTarget,
** "targetType": zType}]} exactly (zAccess NULL: never). */
static int pol_target_config(PolImport *p, const char *zPath, const cJSON *pConf,
                             const char *zAccess, const char *zTarget, const char *zType){
  const char *zAT;
  const cJSON *pTargets, *t, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int bDefault, i = 0, nTarget = 0, bTargetOk = 0;
  if( !cJSON_IsObject(pConf) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected an object (accessType and targets), found %s",
               jsonloc_type_name(pConf));
    return 0;
  }
  zAT = pol_enum(p, zPath, pConf, "accessType", azAccessType, 0);
  pTargets = jsonloc_array(p->g, p->zFile, zPath, pConf, "targets", 0);
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "targets");
  cJSON_ArrayForEach(t, pTargets){
    const char *zT, *zTT;
    jsonloc_path_idx(zE, sizeof(zE), zSub, i++);
    if( !cJSON_IsObject(t) ){
      jsonloc_error(p->g, p->zFile, zE, "expected a target object, found %s", jsonloc_type_name(t));
      continue;
    }
    zT = jsonloc_string(p->g, p->zFile, zE, t, "target", 1);
    zTT = pol_enum(p, zE, t, "targetType", azTargetType, 1);
    nTarget++;
    bTargetOk = zT && zTT && zTarget && strcmp(zT, zTarget)==0 && strcmp(zTT, zType)==0;
  }
  bDefault = zAccess && zAT && strcmp(zAT, zAccess)==0 && nTarget==1 && bTargetOk;
  cJSON_ArrayForEach(c, pConf){
    if( !in_list(c->string, (const char *const[]){ "accessType", "targets", NULL }) ) bDefault = 0;
  }
  return bDefault;
}

/* Check a crossTenantAccessPolicyB2BSetting (or, with bDevices, a
** crossTenantAccessPolicyTenantRestrictions) at zPath. Returns 1 when
** users and applications are both zAccess for all (zAccess NULL: never). */
static int pol_b2b(PolImport *p, const char *zPath, const cJSON *pSet, const char *zAccess, int bDevices){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  int bDefault = 1, bUsers = 0, bApps = 0;
  cJSON_ArrayForEach(c, pSet){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( strcmp(c->string, "usersAndGroups")==0 ){
      bUsers = 1;
      if( !pol_target_config(p, zSub, c, zAccess, "AllUsers", "user") ) bDefault = 0;
    }else if( strcmp(c->string, "applications")==0 ){
      bApps = 1;
      if( !pol_target_config(p, zSub, c, zAccess, "AllApplications", "application") ) bDefault = 0;
    }else if( bDevices && strcmp(c->string, "devices")==0 ){
      if( !cJSON_IsNull(c) ){
        if( !cJSON_IsObject(c) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected an object or null, found %s", jsonloc_type_name(c));
        }
        bDefault = 0;
      }
    }else if( !is_odata(c->string) ){
      bDefault = 0;
    }
  }
  return bDefault && bUsers && bApps && zAccess;
}

/* The invitationRedemptionIdentityProviderConfiguration a default has
** until an administrator changes it [I: Graph's documented example]. */
static int pol_idp_is_default(const cJSON *pConf){
  static const char *const azOrder[] = {
    "externalFederation", "azureActiveDirectory", "socialIdentityProviders", NULL
  };
  const cJSON *pOrder = cJSON_GetObjectItemCaseSensitive(pConf, "primaryIdentityProviderPrecedenceOrder");
  const char *zFallback = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pConf, "fallbackIdentityProvider"));
  const cJSON *c;
  int i = 0;
  if( !cJSON_IsArray(pOrder) || zFallback==NULL || strcmp(zFallback, "defaultConfiguredIdp")!=0 ) return 0;
  cJSON_ArrayForEach(c, pOrder){
    if( azOrder[i]==NULL || !cJSON_IsString(c) || strcmp(c->valuestring, azOrder[i])!=0 ) return 0;
    i++;
  }
  return azOrder[i]==NULL && cJSON_GetArraySize(pConf)==2;
}

/* ---------------------------------------------------------------------
** Member rules. Each object Graph documents gets a table of its members;
** a member not in it (and not @odata.*) is warned about as unknown.
*/
typedef enum MemberKind {
  MK_SKIP,        /* known, carries nothing to import or check (tenantId, id) */
  MK_STRING,      /* a string or null, not imported (displayName) */
  MK_BOOL,        /* true, false or null, not imported (isServiceDefault) */
  MK_EXTAPP,      /* a GUID or null: externalCloudAuthorizedApplicationId, carried */
  MK_SETTINGS,    /* modelled settings aPv[iFirst .. iFirst+nField-1] */
  MK_IDSYNC,      /* identitySynchronization */
  MK_B2B,         /* crossTenantAccessPolicyB2BSetting; default: zAccess for all */
  MK_RESTRICT,    /* tenantRestrictions; default: blocked for all */
  MK_FLAG,        /* Boolean or null; true → warning */
  MK_INOUT,       /* inboundOutboundPolicyConfiguration not modelled (iFirst, nField as settings) */
  MK_OBJECT,      /* an object or null; set (default: not the service default) → warning */
  MK_CLOUDS,      /* allowedCloudEndpoints */
  MK_DEFAULT      /* the "default" of a crossTenantAccessPolicy */
} MemberKind;

typedef struct MemberRule {
  const char *zName;
  MemberKind eKind;
  int mWhere;             /* RW_PARTNER, RW_DEFAULT: in which configuration */
  int iFirst, nField;     /* MK_SETTINGS */
  const char *zAccess;    /* MK_B2B in a default: the service default's accessType */
} MemberRule;

#define RW_PARTNER 1
#define RW_DEFAULT 2
#define RW_BOTH    3

/* crossTenantAccessPolicyConfigurationPartner and ...Default. */
static const MemberRule aConfigRules[] = {
  { "tenantId", MK_SKIP, RW_PARTNER, 0, 0, NULL },
  { "deletedDateTime", MK_SKIP, RW_PARTNER, 0, 0, NULL },
  { "identitySynchronization", MK_IDSYNC, RW_PARTNER, 0, 0, NULL },
  { "isServiceProvider", MK_FLAG, RW_PARTNER, 0, 0, NULL },
  { "isInMultiTenantOrganization", MK_FLAG, RW_PARTNER, 0, 0, NULL },
  { "blockServiceProviderOutboundAccess", MK_FLAG, RW_PARTNER, 0, 0, NULL },
  { "isServiceDefault", MK_BOOL, RW_DEFAULT, 0, 0, NULL },
  { "id", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "displayName", MK_STRING, RW_BOTH, 0, 0, NULL },
  { "automaticUserConsentSettings", MK_SETTINGS, RW_BOTH, PV_IN, 2, NULL },
  { "inboundTrust", MK_SETTINGS, RW_BOTH, PV_MFA, 4, NULL },
  { "b2bCollaborationInbound", MK_B2B, RW_BOTH, 0, 0, "allowed" },
  { "b2bCollaborationOutbound", MK_B2B, RW_BOTH, 0, 0, "allowed" },
  { "b2bDirectConnectInbound", MK_B2B, RW_BOTH, 0, 0, "blocked" },
  { "b2bDirectConnectOutbound", MK_B2B, RW_BOTH, 0, 0, "blocked" },
  { "tenantRestrictions", MK_RESTRICT, RW_BOTH, 0, 0, "blocked" },
  { "crossCloudMeetingConfiguration", MK_INOUT, RW_BOTH, PV_IN, 2, NULL },
  { "protectedContentSharing", MK_INOUT, RW_BOTH, PV_IN, 2, NULL },
  { "invitationRedemptionIdentityProviderConfiguration", MK_OBJECT, RW_BOTH, 0, 0, NULL },
  { "m365CollaborationInbound", MK_OBJECT, RW_BOTH, 0, 0, NULL },
  { "m365CollaborationOutbound", MK_OBJECT, RW_BOTH, 0, 0, NULL },
  { NULL, MK_SKIP, 0, 0, 0, NULL }
};

static const MemberRule aIdSyncRules[] = {
  { "tenantId", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "displayName", MK_STRING, RW_BOTH, 0, 0, NULL },
  { "userSyncInbound", MK_SETTINGS, RW_BOTH, PV_USER, 1, NULL },
  { "groupSyncInbound", MK_SETTINGS, RW_BOTH, PV_GROUP, 1, NULL },
  { "roleEnabledGroupSyncInbound", MK_SETTINGS, RW_BOTH, PV_ROLE_GROUP, 1, NULL },
  { "externalCloudAuthorizedApplicationId", MK_EXTAPP, RW_PARTNER, 0, 0, NULL },
  { NULL, MK_SKIP, 0, 0, 0, NULL }
};

/* crossTenantAccessPolicy's own members ("partners" is the partner importer's). */
static const MemberRule aPolicyRules[] = {
  { "id", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "partners", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "definition", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "isOrganizationDefault", MK_SKIP, RW_BOTH, 0, 0, NULL },
  { "displayName", MK_STRING, RW_BOTH, 0, 0, NULL },
  { "description", MK_STRING, RW_BOTH, 0, 0, NULL },
  { "deletedDateTime", MK_STRING, RW_BOTH, 0, 0, NULL },
  { "allowedCloudEndpoints", MK_CLOUDS, RW_BOTH, 0, 0, NULL },
  { "default", MK_DEFAULT, RW_BOTH, 0, 0, NULL },
  { "templates", MK_OBJECT, RW_BOTH, 0, 0, NULL },
  { NULL, MK_SKIP, 0, 0, 0, NULL }
};

static const char zNotModelled[] = "not modelled by tenantsim (it simulates synchronization only); ignored";

static void pol_members(PolImport *p, const char *zPath, const cJSON *pObj,
                        const MemberRule *aRule, Draft *d, const char *zTenantId);

/* MK_SETTINGS: an object of Booleans, null members inherit. MK_INOUT:
** the same shape ({"inboundAllowed", "outboundAllowed"}) for something not
** modelled, where a partner's null and a default's false are unset. */
static void pol_settings(PolImport *p, const char *zPath, const cJSON *pSet,
                         const MemberRule *r, Draft *d){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  if( !cJSON_IsObject(pSet) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected an object or null, found %s", jsonloc_type_name(pSet));
    return;
  }
  cJSON_ArrayForEach(c, pSet){
    int i, iHit = -1;
    for(i=r->iFirst; i<r->iFirst+r->nField; i++) if( strcmp(c->string, aPv[i].zField)==0 ) iHit = i;
    jsonloc_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( iHit<0 ){
      if( !is_odata(c->string) ){
        jsonloc_warn(p->g, p->zFile, zSub, "unknown member \"%s\"; ignored", c->string);
      }
      continue;
    }
    if( cJSON_IsNull(c) ) continue;
    if( !cJSON_IsBool(c) ){
      jsonloc_error(p->g, p->zFile, zSub, "expected true, false or null, found %s", jsonloc_type_name(c));
      continue;
    }
    if( r->eKind==MK_INOUT ){
      if( d->zPartner || cJSON_IsTrue(c) ) jsonloc_warn(p->g, p->zFile, zSub, "%s", zNotModelled);
      continue;
    }
    if( d->zPartner==NULL && iHit<=PV_OUT && cJSON_IsTrue(c) ){
      jsonloc_warn(p->g, p->zFile, zSub, "read-only and always false in a default configuration;"
                " imported as true");
    }
    draft_set(p, d, iHit, cJSON_IsTrue(c), zSub);
  }
}

/* MK_IDSYNC: the identitySynchronization expanded in a partner. */
static void pol_idsync(PolImport *p, const char *zPath, const cJSON *pSync, Draft *d,
                       const char *zTenantId){
  const char *zId;
  if( !cJSON_IsObject(pSync) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected an object or null, found %s", jsonloc_type_name(pSync));
    return;
  }
  zId = jsonloc_string(p->g, p->zFile, zPath, pSync, "tenantId", 0);
  if( zId && strcasecmp(zId, zTenantId)!=0 ){
    char zSub[TS_JSONPATH_MAX];
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "tenantId");
    jsonloc_error(p->g, p->zFile, zSub, "identity synchronization of tenant %s inside the partner"
               " configuration of %s", zId, zTenantId);
    return;
  }
  pol_members(p, zPath, pSync, aIdSyncRules, d, zTenantId);
}

/* MK_CLOUDS: allowedCloudEndpoints, the tenant's Microsoft cloud settings. */
static void pol_clouds(PolImport *p, const char *zPath, const cJSON *pList){
  const cJSON *c;
  char zE[TS_JSONPATH_MAX];
  int i = 0;
  if( !cJSON_IsArray(pList) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected an array of strings, found %s", jsonloc_type_name(pList));
    return;
  }
  cJSON_ArrayForEach(c, pList){
    jsonloc_path_idx(zE, sizeof(zE), zPath, i++);
    if( !cJSON_IsString(c) ){
      jsonloc_error(p->g, p->zFile, zE, "expected a string, found %s", jsonloc_type_name(c));
    }
  }
  if( i>0 ){
    jsonloc_warn(p->g, p->zFile, zPath, "Microsoft cloud settings are not policies in tenantsim:"
              " give them as the tenant's \"cloudSettings\"; ignored");
  }
}

static void pol_default(PolImport *p, const char *zPath, const cJSON *pDefault, Draft *d);

/* Check every member of pObj against aRule, importing the modelled
** settings into d. zTenantId: the partner's id (NULL for a default). */
static void pol_members(PolImport *p, const char *zPath, const cJSON *pObj,
                        const MemberRule *aRule, Draft *d, const char *zTenantId){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  cJSON_ArrayForEach(c, pObj){
    const MemberRule *r;
    int bDefault = d->zPartner==NULL;
    int mWhere = bDefault ? RW_DEFAULT : RW_PARTNER;
    for(r=aRule; r->zName && (strcmp(r->zName, c->string)!=0 || !(r->mWhere & mWhere)); r++){}
    jsonloc_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( r->zName==NULL ){
      if( !is_odata(c->string) ){
        jsonloc_warn(p->g, p->zFile, zSub, "unknown member \"%s\" (not in tenantsim's model of"
                  " this object); ignored", c->string);
      }
      continue;
    }
    if( cJSON_IsNull(c) ) continue;     /* Graph's null: inherit, or nothing set */
    switch( r->eKind ){
      case MK_SKIP:
        break;
      case MK_STRING:
        if( !cJSON_IsString(c) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected a string or null, found %s", jsonloc_type_name(c));
        }
        break;
      case MK_EXTAPP:
        if( !cJSON_IsString(c) || !authz_is_guid(c->valuestring) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected an application id (a GUID) or null,"
                        " found %s", cJSON_IsString(c) ? c->valuestring : jsonloc_type_name(c));
        }else{
          snprintf(d->zExtApp, sizeof(d->zExtApp), "%s", c->valuestring);
        }
        break;
      case MK_BOOL:
      case MK_FLAG:
        if( !cJSON_IsBool(c) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected true, false or null, found %s", jsonloc_type_name(c));
        }else if( r->eKind==MK_FLAG && cJSON_IsTrue(c) ){
          jsonloc_warn(p->g, p->zFile, zSub, "%s", zNotModelled);
        }
        break;
      case MK_SETTINGS:
      case MK_INOUT:
        pol_settings(p, zSub, c, r, d);
        break;
      case MK_IDSYNC:
        pol_idsync(p, zSub, c, d, zTenantId);
        break;
      case MK_B2B:
      case MK_RESTRICT:
        if( !cJSON_IsObject(c) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected an object or null, found %s", jsonloc_type_name(c));
        }else if( !pol_b2b(p, zSub, c, bDefault ? r->zAccess : NULL, r->eKind==MK_RESTRICT) ){
          if( bDefault ){
            jsonloc_warn(p->g, p->zFile, zSub, "differs from the service default (%s for all users"
                      " and applications), the only setting tenantsim models; ignored", r->zAccess);
          }else{
            jsonloc_warn(p->g, p->zFile, zSub, "%s", zNotModelled);
          }
        }
        break;
      case MK_OBJECT:
        if( !cJSON_IsObject(c) ){
          jsonloc_error(p->g, p->zFile, zSub, "expected an object or null, found %s", jsonloc_type_name(c));
        }else if( !(bDefault && strcmp(c->string, "invitationRedemptionIdentityProviderConfiguration")==0
                    && pol_idp_is_default(c)) ){
          jsonloc_warn(p->g, p->zFile, zSub, "%s", zNotModelled);
        }
        break;
      case MK_CLOUDS:
        pol_clouds(p, zSub, c);
        break;
      case MK_DEFAULT:
        pol_default(p, zSub, c, d);
        break;
    }
  }
}

static void pol_default(PolImport *p, const char *zPath, const cJSON *pDefault, Draft *d){
  if( !cJSON_IsObject(pDefault) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected the default configuration object, found %s",
               jsonloc_type_name(pDefault));
    return;
  }
  pol_members(p, zPath, pDefault, aConfigRules, d, NULL);
}

/* A crossTenantAccessPolicy rather than one of its configurations? */
static int is_policy_doc(const cJSON *pDoc){
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pDoc, "@odata.type"));
  return cJSON_GetObjectItemCaseSensitive(pDoc, "partners")!=NULL
      || cJSON_GetObjectItemCaseSensitive(pDoc, "default")!=NULL
      || cJSON_GetObjectItemCaseSensitive(pDoc, "allowedCloudEndpoints")!=NULL
      || (zType && strcmp(zType, "#microsoft.graph.crossTenantAccessPolicy")==0);
}

/* ---------------------------------------------------------------------
** Import API.
*/
int graph_policy_import_default(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                                const char *zOwnerKey, cJSON *pPolicies){
  PolImport pi;
  Draft *d;
  pol_begin(&pi, g, zFile, pPolicies);
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected a default configuration or a crossTenantAccessPolicy"
               " object, found %s", jsonloc_type_name(pDoc));
    return pol_end(&pi);
  }
  d = draft_get(&pi, zOwnerKey, NULL);
  if( is_policy_doc(pDoc) ){
    pol_members(&pi, "$", pDoc, aPolicyRules, d, NULL);
    /* A policy document without a default (or with a null one) says
    ** nothing of it. */
    if( !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(pDoc, "default")) ) pi.nDraft = 0;
  }else{
    pol_members(&pi, "$", pDoc, aConfigRules, d, NULL);
  }
  return pol_end(&pi);
}

/* Is this entry a lone crossTenantIdentitySyncPolicyPartner? */
static int is_idsync_only(const cJSON *pItem){
  return (cJSON_GetObjectItemCaseSensitive(pItem, "userSyncInbound")
          || cJSON_GetObjectItemCaseSensitive(pItem, "groupSyncInbound")
          || cJSON_GetObjectItemCaseSensitive(pItem, "roleEnabledGroupSyncInbound"))
      && !cJSON_GetObjectItemCaseSensitive(pItem, "automaticUserConsentSettings")
      && !cJSON_GetObjectItemCaseSensitive(pItem, "identitySynchronization");
}

/* One partner configuration (or identity-sync policy) at zPath. */
static void pol_partner(PolImport *p, const char *zPath, const cJSON *pItem,
                        const GraphTenantRef *aT){
  const char *zId, *zDeleted;
  char zSub[TS_JSONPATH_MAX];
  int iP = -1, k;
  Draft *d;
  if( !cJSON_IsObject(pItem) ){
    jsonloc_error(p->g, p->zFile, zPath, "expected a partner configuration object, found %s",
               jsonloc_type_name(pItem));
    return;
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "tenantId");
  if( cJSON_GetObjectItemCaseSensitive(pItem, "tenantId")==NULL && is_idsync_only(pItem) ){
    jsonloc_error(p->g, p->zFile, zSub, "missing: an identity synchronization PUT body names its"
               " partner only in the URL; add the partner's \"tenantId\"");
    return;
  }
  zId = jsonloc_string(p->g, p->zFile, zPath, pItem, "tenantId", 1);
  if( zId==NULL ) return;
  for(k=0; k<2; k++){
    if( strcasecmp(zId, aT[k].zTenantId)!=0 ) continue;
    if( iP>=0 ){
      jsonloc_error(p->g, p->zFile, zSub, "tenant %s is both %s and %s: a tenant cannot be its own"
                 " partner", zId, aT[0].zKey, aT[1].zKey);
      return;
    }
    iP = k;
  }
  if( iP<0 ){
    jsonloc_warn(p->g, p->zFile, zSub, "tenant %s is neither %s (%s) nor %s (%s); this partner"
              " configuration is not imported", zId, aT[0].zKey, aT[0].zTenantId,
              aT[1].zKey, aT[1].zTenantId);
    return;
  }
  /* One document is one tenant's configuration: its partners are all the
  ** other tenant, or the document would make a tenant its own partner. */
  if( p->iPartnerSeen && p->iPartnerSeen!=iP+1 ){
    jsonloc_error(p->g, p->zFile, zSub, "partner %s is %s, but an earlier partner of this document"
               " is %s: one document holds one tenant's partners, and a tenant cannot be its"
               " own partner", zId, aT[iP].zKey, aT[p->iPartnerSeen-1].zKey);
    return;
  }
  p->iPartnerSeen = iP+1;
  zDeleted = jsonloc_string(p->g, p->zFile, zPath, pItem, "deletedDateTime", 0);
  if( zDeleted ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "deletedDateTime");
    jsonloc_warn(p->g, p->zFile, zSub, "a partner configuration deleted at %s no longer applies;"
              " not imported", zDeleted);
    return;
  }
  d = draft_get(p, aT[1-iP].zKey, aT[iP].zKey);
  if( d==NULL ) return;
  pol_members(p, zPath, pItem, is_idsync_only(pItem) ? aIdSyncRules : aConfigRules, d, zId);
}

int graph_policy_import_partners(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                                 const GraphTenantRef *aT, int nT, cJSON *pPolicies){
  PolImport pi;
  const cJSON *pItems, *c;
  const char *zBase = "$.value";
  char zPath[TS_JSONPATH_MAX];
  int bSingle = 0, i = 0;
  pol_begin(&pi, g, zFile, pPolicies);
  if( nT!=2 ){
    jsonloc_error(g, zFile, "$", "partner configurations are imported between two tenants,"
               " not %d", nT);
    return pol_end(&pi);
  }
  if( cJSON_IsObject(pDoc) && is_policy_doc(pDoc) ){
    zBase = "$.partners";
    pItems = jsonloc_array(g, zFile, "$", pDoc, "partners", 0);
  }else{
    pItems = graph_items(g, zFile, pDoc, &bSingle);
  }
  if( bSingle ){
    pol_partner(&pi, "$", pItems, aT);
  }else{
    cJSON_ArrayForEach(c, pItems){
      jsonloc_path_idx(zPath, sizeof(zPath), zBase, i++);
      pol_partner(&pi, zPath, c, aT);
    }
  }
  return pol_end(&pi);
}
