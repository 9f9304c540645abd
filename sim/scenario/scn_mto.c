/*
** scn_mto.c — the scenario's "multiTenantOrganization": the tenants of the
** multitenant organization (active, or pending until an mto_join), the
** limit of active tenants, and the templates each keeps for its partners
** (Graph's multiTenantOrganization, multiTenantOrganizationMember and the
** identity-sync and partner-configuration templates). Checked here into
** the typed model (ScnMto) before the timeline, so that an mto_join is
** checked against the organization as it stands at its point; built into
** the world's organization (engine/model/mto.h), which writes mto_members
** and mto_templates; the lint rules read them (XTS-T02, XTS-T11). A
** template is applied when a tenant joins (admin_mto_join); a declared
** active member's partner configurations are what the scenario declares.
**
**   "multiTenantOrganization": {
**     "displayName": "Contoso group", "tenantLimit": 100, "createdWith": "graph",
**     "tenants": [{"tenant": "contoso", "role": "owner"}, {"tenant": "fabrikam"},
**                 {"tenant": "woodgrove", "state": "pending"}],
**     "templates": [{"tenant": "fabrikam",
**       "identitySync": {"userSyncInbound": {"isSyncAllowed": true},
**                        "templateApplicationLevel": "newPartners,existingPartners"},
**       "partnerConfiguration": {"inboundTrust": {"isMfaAccepted": true},
**                                "automaticUserConsentSettings": {"inboundAllowed": true},
**                                "templateApplicationLevel": "newPartners"}}]}
*/
#include <stdio.h>
#include <string.h>
#include "mto.h"
#include "scenarioInt.h"

static const char *const azMtoKeys[] = {
  "displayName", "tenantLimit", "createdWith", "tenants", "templates", NULL
};
static const char *const azMemberKeys[] = { "tenant", "role", "state", NULL };
static const char *const azTemplateKeys[] = { "tenant", "identitySync", "partnerConfiguration", NULL };
static const char *const azSyncKeys[] = { "userSyncInbound", "templateApplicationLevel", NULL };
static const char *const azPartnerKeys[] = {
  "automaticUserConsentSettings", "inboundTrust", "templateApplicationLevel", NULL
};

/* The Boolean settings of each template: parent member, setting, and the
** partner policy field it amends. */
typedef struct Setting { const char *zParent, *zField; PolicyField eField; } Setting;
static const Setting aSync[] = {
  { "userSyncInbound", "isSyncAllowed", PF_USER_SYNC_INBOUND }, { NULL, NULL, 0 }
};
static const Setting aPartner[] = {
  { "automaticUserConsentSettings", "inboundAllowed", PF_INBOUND_AUTO_REDEEM },
  { "automaticUserConsentSettings", "outboundAllowed", PF_OUTBOUND_AUTO_REDEEM },
  { "inboundTrust", "isMfaAccepted", PF_TRUST_MFA },
  { "inboundTrust", "isCompliantDeviceAccepted", PF_TRUST_COMPLIANT },
  { "inboundTrust", "isHybridAzureADJoinedDeviceAccepted", PF_TRUST_HYBRID },
  { NULL, NULL, 0 }
};
#define MTO_SETTINGS_PER_ENTRY 6   /* aSync and aPartner together */

/* A tenant key of the scenario, named once in array a before entry p;
** its index, or -1. */
static int val_tenant(Val *v, const char *zPath, const cJSON *p, const cJSON *a,
                      const char *zWhat){
  const char *zT = scn_val_str(v, zPath, p, "tenant", 1);
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  if( zT==NULL ) return -1;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
  if( scn_val_tenant_index(v, zT)<0 ){
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
    return -1;
  }
  cJSON_ArrayForEach(c, a){
    const char *z;
    if( c==p ) break;
    z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
    if( z && strcmp(z, zT)==0 ){
      scn_val_err(v, zSub, "tenant \"%s\" already has %s", zT, zWhat);
      return -1;
    }
  }
  return scn_val_tenant_index(v, zT);
}

/* templateApplicationLevel: Graph's flags, comma-separated; the text, or
** NULL when not given. */
static const char *val_level(Val *v, const char *zPath, const cJSON *p){
  static const char *const azLevel[] = { "none", "newPartners", "existingPartners", NULL };
  const char *zLevel = scn_val_str(v, zPath, p, "templateApplicationLevel", 0), *z = zLevel;
  char zSub[TS_JSONPATH_MAX], zPart[40];
  if( z==NULL ) return NULL;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "templateApplicationLevel");
  while( *z ){
    size_t n = strcspn(z, ",");
    int k, bOk = 0;
    snprintf(zPart, sizeof(zPart), "%.*s", (int)(n<sizeof(zPart)-1 ? n : sizeof(zPart)-1), z);
    for(k=0; azLevel[k]; k++) bOk |= strcmp(zPart, azLevel[k])==0;
    if( !bOk ){
      const char *zNear = scn_val_suggest(zPart, azLevel);
      if( zNear ) scn_val_err(v, zSub, "unknown level \"%s\" (did you mean \"%s\"?)", zPart, zNear);
      else scn_val_err(v, zSub, "unknown level \"%s\"; expected none, newPartners or"
                       " existingPartners, comma-separated", zPart);
      return NULL;
    }
    z += n + (z[n]==',');
  }
  return zLevel;
}

/* One template object (identitySync or partnerConfiguration) of tenant
** iTenant: its settings appended to m->aSetting. zRoot is the entry's
** path in the "$." form the lint findings name. */
static void val_template(Val *v, const char *zPath, const cJSON *p, const char *const *azKeys,
                         const Setting *aSet, int iTenant, const char *zRoot,
                         const char *zTemplate, ScnMto *m){
  char zSub[TS_JSONPATH_MAX];
  const char *zLevel;
  int i;
  if( p==NULL || !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azKeys);
  zLevel = val_level(v, zPath, p);
  for(i=0; aSet[i].zParent; i++){
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(p, aSet[i].zParent);
    ScnMtoSetting *e;
    char *zSet;
    int b, k;
    if( q==NULL ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, aSet[i].zParent);
    if( !scn_val_is_object(v, zSub, q) ) continue;
    /* "only applied to partner configuration properties where the
    ** corresponding template property has a non-null value" */
    if( !scn_val_bool(v, zSub, q, aSet[i].zField, &b) || iTenant<0 ) continue;
    k = snprintf(zSub, sizeof(zSub), "%s.%s.%s.%s", zRoot, zTemplate, aSet[i].zParent,
                 aSet[i].zField);
    if( (zSet = scn_val_alloc(v, (size_t)k+1, 1))==NULL ) return;
    memcpy(zSet, zSub, (size_t)k+1);
    e = &m->aSetting[m->nSetting++];
    e->iTenant = iTenant;
    e->bIdentitySync = aSet==aSync;
    e->eField = aSet[i].eField;
    e->v = b;
    e->zLevel = zLevel;
    e->mLevel = mto_level(zLevel);
    e->zPath = zSet;
  }
}

/* The organization's tenants into m, and the active ones into the
** validator's table; the limit at the declaration. */
static void val_members(Val *v, const cJSON *p, ScnMto *m){
  const cJSON *a = scn_val_array(v, "multiTenantOrganization", p, "tenants", 1), *c;
  char zPath[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( a==NULL ) return;
  if( (m->aMember = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a)+1, sizeof(ScnMtoMember)))==NULL
   || (v->aMtoActive = scn_val_alloc(v, (size_t)v->nTenant+1, 1))==NULL ) return;
  cJSON_ArrayForEach(c, a){
    const char *zRole, *zState;
    int iT;
    scn_val_path_idx(zPath, sizeof(zPath), "multiTenantOrganization.tenants", i++);
    if( !scn_val_is_object(v, zPath, c) ) continue;
    scn_val_keys(v, zPath, c, azMemberKeys);
    iT = val_tenant(v, zPath, c, a, "an entry in the organization");
    zRole = scn_val_str(v, zPath, c, "role", 0);
    zState = scn_val_str(v, zPath, c, "state", 0);
    if( zRole && strcmp(zRole, "owner")!=0 && strcmp(zRole, "member")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "role");
      scn_val_err(v, zSub, "expected \"owner\" or \"member\", found \"%s\"", zRole);
    }
    if( zState && strcmp(zState, "active")!=0 && strcmp(zState, "pending")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "state");
      scn_val_err(v, zSub, "expected \"active\" or \"pending\" (a tenant the owner added that"
                  " joins with an mto_join), found \"%s\"", zState);
    }
    if( iT<0 ) continue;
    m->aMember[m->nMember].iTenant = iT;
    m->aMember[m->nMember].bOwner = zRole && strcmp(zRole, "owner")==0;
    m->aMember[m->nMember].bPending = zState && strcmp(zState, "pending")==0;
    if( !m->aMember[m->nMember].bPending ){ v->aMtoActive[iT] = 1; v->nMtoActive++; }
    m->nMember++;
  }
  /* "Maximum number of active tenants, including the owner tenant | 100
  ** ... In the Microsoft Graph APIs, the default limit of 100 tenants is
  ** only enforced at the time of joining. In Microsoft 365 admin center,
  ** the default limit is enforced at multitenant organization creation
  ** time and at time of joining." (multitenant organization overview) */
  if( v->nMtoActive > m->nTenantLimit ){
    scn_val_err(v, "multiTenantOrganization.tenants", "%d active tenants, more than the"
                " organization's limit of %d active tenants including the owner: the limit is"
                " enforced each time a tenant joins, so no organization has more; raise"
                " \"tenantLimit\" (Microsoft raises it on a support request) or declare the"
                " others \"state\": \"pending\"", v->nMtoActive, m->nTenantLimit);
  }else if( m->bM365 && m->nMember > m->nTenantLimit ){
    scn_val_err(v, "multiTenantOrganization.tenants", "%d tenants, more than the limit of %d:"
                " an organization created in the Microsoft 365 admin center (\"createdWith\":"
                " \"m365AdminCenter\") meets the limit at creation time as well as at joining;"
                " with the Microsoft Graph APIs (\"graph\") the owner may add more pending"
                " tenants, and the limit is enforced only when one joins", m->nMember,
                m->nTenantLimit);
  }
}

void scn_mto_check(Val *v, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "multiTenantOrganization"), *a, *c;
  char zPath[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX], zRoot[TS_JSONPATH_MAX];
  const char *zWith;
  ScnMto *m;
  int64_t n;
  int i = 0;
  if( p==NULL || !scn_val_is_object(v, "multiTenantOrganization", p) ) return;
  scn_val_keys(v, "multiTenantOrganization", p, azMtoKeys);
  (void)scn_val_str(v, "multiTenantOrganization", p, "displayName", 0);
  if( (m = scn_val_alloc(v, 1, sizeof(ScnMto)))==NULL ) return;
  m->nTenantLimit = MTO_DEFAULT_TENANT_LIMIT;
  if( scn_val_int(v, "multiTenantOrganization", p, "tenantLimit", 0, 1, 1e6, &n) ){
    if( n<MTO_DEFAULT_TENANT_LIMIT ){
      scn_val_err(v, "multiTenantOrganization.tenantLimit", "expected at least %d: the default"
                  " limit of active tenants is %d, and a support request raises it, never lowers"
                  " it", MTO_DEFAULT_TENANT_LIMIT, MTO_DEFAULT_TENANT_LIMIT);
    }else{
      m->nTenantLimit = (int)n;
    }
  }
  zWith = scn_val_str(v, "multiTenantOrganization", p, "createdWith", 0);
  if( zWith && strcmp(zWith, "graph")!=0 && strcmp(zWith, "m365AdminCenter")!=0 ){
    scn_val_err(v, "multiTenantOrganization.createdWith", "expected \"graph\" (the Microsoft"
                " Graph APIs or PowerShell) or \"m365AdminCenter\", found \"%s\"", zWith);
  }
  m->bM365 = zWith && strcmp(zWith, "m365AdminCenter")==0;
  val_members(v, p, m);
  a = scn_val_array(v, "multiTenantOrganization", p, "templates", 0);
  if( a && (m->aSetting = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a)*MTO_SETTINGS_PER_ENTRY+1,
                                        sizeof(ScnMtoSetting)))==NULL ) return;
  if( a ) cJSON_ArrayForEach(c, a){
    int iT;
    scn_val_path_idx(zPath, sizeof(zPath), "multiTenantOrganization.templates", i);
    snprintf(zRoot, sizeof(zRoot), "$.multiTenantOrganization.templates[%d]", i++);
    if( !scn_val_is_object(v, zPath, c) ) continue;
    scn_val_keys(v, zPath, c, azTemplateKeys);
    iT = val_tenant(v, zPath, c, a, "templates");
    scn_val_path_key(zSub, sizeof(zSub), zPath, "identitySync");
    val_template(v, zSub, cJSON_GetObjectItemCaseSensitive(c, "identitySync"), azSyncKeys, aSync,
                 iT, zRoot, "identitySync", m);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "partnerConfiguration");
    val_template(v, zSub, cJSON_GetObjectItemCaseSensitive(c, "partnerConfiguration"),
                 azPartnerKeys, aPartner, iT, zRoot, "partnerConfiguration", m);
  }
  v->pScn->pMto = m;
}

/* One direction of a join, as admin_mto_join makes it: iTenant's
** configuration for iPartner exists from now on, and the settings of
** iTenant's templates for that kind of partner are set. */
static void join_pair(Val *v, const char *zPath, int iTenant, int iPartner){
  const ScnMto *m = v->pScn->pMto;
  unsigned char *pCfg = scn_policy_partner_cfg(v, iTenant, iPartner);
  unsigned mKind;
  int i;
  if( pCfg==NULL ) return;
  mKind = *pCfg ? MTO_EXISTING_PARTNERS : MTO_NEW_PARTNERS;
  *pCfg = 1;
  for(i=0; i<m->nSetting; i++){
    const ScnMtoSetting *e = &m->aSetting[i];
    if( e->iTenant==iTenant && (e->mLevel & mKind) ){
      scn_policy_set(v, zPath, iTenant, iPartner, e->eField, e->v);
    }
  }
}

void scn_mto_join(Val *v, const char *zPath, ScnAction *a){
  const ScnMto *m = v->pScn->pMto;
  const char *zT = v->aTenant[a->iTenant].zKey;
  char zSub[TS_JSONPATH_MAX];
  int i, k;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
  if( m==NULL ){
    scn_val_err(v, zSub, "the scenario declares no multiTenantOrganization for %s to join", zT);
    return;
  }
  if( v->aMtoActive==NULL ) return;                     /* out of memory, reported */
  for(i=0; i<m->nMember && m->aMember[i].iTenant!=a->iTenant; i++){}
  if( i==m->nMember ){
    scn_val_err(v, zSub, "%s is not in multiTenantOrganization.tenants: the owner adds a tenant"
                " (\"state\": \"pending\") before it can join", zT);
  }else if( v->aMtoActive[a->iTenant] ){
    scn_val_err(v, zSub, "%s is an active member of the organization at this point already"
                " (declared active, or joined by an earlier mto_join)", zT);
  }else if( v->nMtoActive >= m->nTenantLimit ){
    scn_val_err(v, zSub, "the organization has %d active tenants, its limit (the owner"
                " included): %s cannot join. The limit is enforced at the time of joining,"
                " whether the organization was created with the Microsoft Graph APIs or in the"
                " Microsoft 365 admin center; a support request raises it (\"tenantLimit\")",
                v->nMtoActive, zT);
  }else{
    v->aMtoActive[a->iTenant] = 1;
    v->nMtoActive++;
    for(k=0; k<v->nTenant; k++){
      if( k==a->iTenant || !v->aMtoActive[k] ) continue;
      join_pair(v, zPath, k, a->iTenant);
      join_pair(v, zPath, a->iTenant, k);
    }
  }
}

void scn_mto_build(World *w, const Scenario *pScn){
  const ScnMto *m = pScn->pMto;
  int i;
  if( m==NULL ) return;
  for(i=0; i<m->nMember; i++){
    const ScnMtoMember *e = &m->aMember[i];
    if( mto_member_add(w, e->iTenant, e->bOwner, !e->bPending) ) return;
  }
  for(i=0; i<m->nSetting; i++){
    const ScnMtoSetting *e = &m->aSetting[i];
    MtoSetting s;
    s.iTenant = e->iTenant;
    s.bIdentitySync = e->bIdentitySync;
    s.eField = e->eField;
    s.v = e->v;
    s.mLevel = e->mLevel;
    if( mto_template_add(w, &s, e->zLevel, e->zPath) ) return;
  }
}
