/*
** scn_mto.c — the scenario's "multiTenantOrganization": the tenants of the
** multitenant organization and the templates each keeps for its partners
** (Graph's multiTenantOrganization, multiTenantOrganizationMember and the
** identity-sync and partner-configuration templates). Checked here,
** written to mto_members and mto_templates when the world is built; the
** lint rules read them (XTS-T02, XTS-T11). The engine does not apply the
** templates: a partner configuration is what the scenario declares.
**
**   "multiTenantOrganization": {
**     "displayName": "Contoso group",
**     "tenants": [{"tenant": "contoso", "role": "owner"}, {"tenant": "fabrikam"}],
**     "templates": [{"tenant": "fabrikam",
**       "identitySync": {"userSyncInbound": {"isSyncAllowed": true},
**                        "templateApplicationLevel": "newPartners,existingPartners"},
**       "partnerConfiguration": {"inboundTrust": {"isMfaAccepted": true},
**                                "automaticUserConsentSettings": {"inboundAllowed": true},
**                                "templateApplicationLevel": "newPartners"}}]}
*/
#include <stdio.h>
#include <string.h>
#include "store.h"
#include "directory.h"
#include "scenarioInt.h"

static const char *const azMtoKeys[] = { "displayName", "tenants", "templates", NULL };
static const char *const azMemberKeys[] = { "tenant", "role", NULL };
static const char *const azTemplateKeys[] = { "tenant", "identitySync", "partnerConfiguration", NULL };
static const char *const azSyncKeys[] = { "userSyncInbound", "templateApplicationLevel", NULL };
static const char *const azPartnerKeys[] = {
  "automaticUserConsentSettings", "inboundTrust", "templateApplicationLevel", NULL
};

/* The Boolean settings of each template: parent member, setting. */
typedef struct Setting { const char *zParent, *zField; } Setting;
static const Setting aSync[] = { { "userSyncInbound", "isSyncAllowed" }, { NULL, NULL } };
static const Setting aPartner[] = {
  { "automaticUserConsentSettings", "inboundAllowed" },
  { "automaticUserConsentSettings", "outboundAllowed" },
  { "inboundTrust", "isMfaAccepted" },
  { "inboundTrust", "isCompliantDeviceAccepted" },
  { "inboundTrust", "isHybridAzureADJoinedDeviceAccepted" },
  { NULL, NULL }
};

/* A tenant key of the scenario, named once in array a before entry p. */
static void val_tenant(Val *v, const char *zPath, const cJSON *p, const cJSON *a,
                       const char *zWhat){
  const char *zT = scn_val_str(v, zPath, p, "tenant", 1);
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  if( zT==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
  if( scn_val_tenant_index(v, zT)<0 ){
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
    return;
  }
  cJSON_ArrayForEach(c, a){
    const char *z;
    if( c==p ) break;
    z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
    if( z && strcmp(z, zT)==0 ){
      scn_val_err(v, zSub, "tenant \"%s\" already has %s", zT, zWhat);
      return;
    }
  }
}

/* templateApplicationLevel: Graph's flags, comma-separated. */
static void val_level(Val *v, const char *zPath, const cJSON *p){
  static const char *const azLevel[] = { "none", "newPartners", "existingPartners", NULL };
  const char *z = scn_val_str(v, zPath, p, "templateApplicationLevel", 0);
  char zSub[TS_JSONPATH_MAX], zPart[40];
  if( z==NULL ) return;
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
      return;
    }
    z += n + (z[n]==',');
  }
}

/* One template object (identitySync or partnerConfiguration). */
static void val_template(Val *v, const char *zPath, const cJSON *p, const char *const *azKeys,
                         const Setting *aSet){
  char zSub[TS_JSONPATH_MAX];
  int i;
  if( p==NULL || !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azKeys);
  val_level(v, zPath, p);
  for(i=0; aSet[i].zParent; i++){
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(p, aSet[i].zParent);
    int b;
    if( q==NULL ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, aSet[i].zParent);
    if( !scn_val_is_object(v, zSub, q) ) continue;
    (void)scn_val_bool(v, zSub, q, aSet[i].zField, &b);
  }
}

void scn_mto_check(Val *v, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "multiTenantOrganization"), *a, *c;
  char zPath[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( p==NULL || !scn_val_is_object(v, "multiTenantOrganization", p) ) return;
  scn_val_keys(v, "multiTenantOrganization", p, azMtoKeys);
  (void)scn_val_str(v, "multiTenantOrganization", p, "displayName", 0);
  a = scn_val_array(v, "multiTenantOrganization", p, "tenants", 1);
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zRole;
    scn_val_path_idx(zPath, sizeof(zPath), "multiTenantOrganization.tenants", i++);
    if( !scn_val_is_object(v, zPath, c) ) continue;
    scn_val_keys(v, zPath, c, azMemberKeys);
    val_tenant(v, zPath, c, a, "an entry in the organization");
    zRole = scn_val_str(v, zPath, c, "role", 0);
    if( zRole && strcmp(zRole, "owner")!=0 && strcmp(zRole, "member")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "role");
      scn_val_err(v, zSub, "expected \"owner\" or \"member\", found \"%s\"", zRole);
    }
  }
  a = scn_val_array(v, "multiTenantOrganization", p, "templates", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "multiTenantOrganization.templates", i++);
    if( !scn_val_is_object(v, zPath, c) ) continue;
    scn_val_keys(v, zPath, c, azTemplateKeys);
    val_tenant(v, zPath, c, a, "templates");
    scn_val_path_key(zSub, sizeof(zSub), zPath, "identitySync");
    val_template(v, zSub, cJSON_GetObjectItemCaseSensitive(c, "identitySync"), azSyncKeys, aSync);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "partnerConfiguration");
    val_template(v, zSub, cJSON_GetObjectItemCaseSensitive(c, "partnerConfiguration"),
                 azPartnerKeys, aPartner);
  }
}

static const char zSqlMember[] = "INSERT INTO mto_members(tenant, role) VALUES(?1,?2)";
static const char zSqlTemplate[] =
  "INSERT INTO mto_templates(tenant, template, setting, value, application_level, path)"
  " VALUES(?1,?2,?3,?4,?5,?6)";

/* The Boolean settings template p sets, as rows. */
static void build_template(World *w, int iTenant, const cJSON *p, const char *zTemplate,
                           const Setting *aSet, const char *zPath){
  const char *zLevel;
  int i;
  if( p==NULL ) return;
  zLevel = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "templateApplicationLevel"));
  for(i=0; aSet[i].zParent; i++){
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p,
                       aSet[i].zParent), aSet[i].zField);
    char zSetting[100], zSub[TS_JSONPATH_MAX];
    sqlite3_stmt *s;
    if( !cJSON_IsBool(q) ) continue;
    snprintf(zSetting, sizeof(zSetting), "%s.%s", aSet[i].zParent, aSet[i].zField);
    snprintf(zSub, sizeof(zSub), "%s.%s.%s", zPath, zTemplate, zSetting);
    if( (s = store_stmt(w->pStore, zSqlTemplate))==NULL ) return;
    sqlite3_bind_int(s, 1, iTenant);
    store_bind_text(s, 2, zTemplate);
    store_bind_text(s, 3, zSetting);
    sqlite3_bind_int(s, 4, cJSON_IsTrue(q));
    /* Graph's default: newPartners,existingPartners */
    store_bind_text(s, 5, zLevel ? zLevel : "newPartners,existingPartners");
    store_bind_text(s, 6, zSub);
    store_run(w->pStore, s);
  }
}

void scn_mto_build(World *w, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "multiTenantOrganization"), *c;
  char zPath[TS_JSONPATH_MAX];
  int i = 0;
  if( p==NULL ) return;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p, "tenants")){
    const char *zRole = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "role"));
    int iT = world_tenant_find(w, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant")));
    sqlite3_stmt *s = store_stmt(w->pStore, zSqlMember);
    if( s==NULL || iT<0 ) continue;
    sqlite3_bind_int(s, 1, iT);
    store_bind_text(s, 2, zRole ? zRole : "member");
    store_run(w->pStore, s);
  }
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p, "templates")){
    int iT = world_tenant_find(w, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant")));
    snprintf(zPath, sizeof(zPath), "$.multiTenantOrganization.templates[%d]", i++);
    if( iT<0 ) continue;
    build_template(w, iT, cJSON_GetObjectItemCaseSensitive(c, "identitySync"), "identitySync",
                   aSync, zPath);
    build_template(w, iT, cJSON_GetObjectItemCaseSensitive(c, "partnerConfiguration"),
                   "partnerConfiguration", aPartner, zPath);
  }
}
