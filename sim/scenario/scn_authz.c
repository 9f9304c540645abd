/*
** scn_authz.c — a tenant's authorization objects in the scenario format:
** check AND build, side by side, and the assign_role timeline action.
**
**   "roleAssignments": [{"role": "Global Administrator" | TEMPLATE-ID,
**       "principal": USER-OR-GROUP-KEY, "principalType": "User" | "Group",
**       "assignment": "active" | "eligible", "directoryScopeId": "/"}]
**   "conditionalAccessPolicies": [{"displayName": ..., "state": "enabled" |
**       "disabled" | "enabledForReportingButNotEnforced",
**       "conditions": {"users": {"includeUsers": [...], "excludeUsers": [...],
**           "includeGroups", "excludeGroups", "includeRoles", "excludeRoles",
**           "includeGuestsOrExternalUsers": {"guestOrExternalUserTypes":
**               "internalGuest,b2bCollaborationGuest", "externalTenants":
**               {"membershipKind": "all" | "enumerated", "members": [...]}},
**           "excludeGuestsOrExternalUsers": {...}}},
**       "grantControls": {"operator": "OR", "builtInControls": ["mfa"]}}]
**   "servicePrincipals": [{"displayName": ..., "appId": GUID,
**       "applicationPermissions": ["Synchronization.ReadWrite.All"]}]
**
** Graph's names throughout (conditionalAccessPolicy, conditionalAccessUsers,
** conditionalAccessGuestsOrExternalUsers, conditionalAccessGrantControls);
** users, groups and tenants are named by their scenario keys (a tenant
** outside the scenario by its id), roles by display name or template id.
** Unknown keys are errors, with a suggestion when one is close, as
** everywhere in the format.
**
** The checks fill the model (scn_model.h); scn_authz_build writes it into
** the run database at t=0 through engine/model/authz.h, and
** scn_authz_apply carries out an assign_role at its instant.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "jsonloc.h"
#include "job.h"
#include "pair.h"
#include "scenarioInt.h"

/* Is z one of the NULL-terminated az? */
static int one_of(const char *z, const char *const *az){
  int i;
  for(i=0; z && az[i]; i++) if( strcmp(z, az[i])==0 ) return 1;
  return 0;
}

/* ---------------------------------------------------------------------
** Roles.
*/
/* The role names for suggestions, NULL-terminated. */
static const char *const *role_names(void){
  static const char *az[64];
  int i, n;
  const AuthzRole *a = authz_roles(&n);
  for(i=0; i<n && i<63; i++) az[i] = a[i].zName;
  az[i] = NULL;
  return az;
}

/* A role named z, its closest name, or one that z begins ("Global Admin"). */
static const char *role_suggest(const char *z){
  const char *const *az = role_names();
  const char *zSug = scn_val_suggest(z, az);
  size_t n = strlen(z);
  int i;
  for(i=0; zSug==NULL && n>=4 && az[i]; i++){
    if( strncasecmp(az[i], z, n)==0 ) zSug = az[i];
  }
  return zSug;
}

/* Member zKey of p naming a role (required): into r's role. */
static void val_role_ref(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                         ScnRoleAssign *r){
  const char *z = scn_val_str(v, zPath, p, zKey, 1);
  char zSub[TS_JSONPATH_MAX];
  if( z==NULL ) return;
  r->pRole = authz_role_find(z);
  if( r->pRole ){ r->zTemplateId = r->pRole->zTemplateId; return; }
  if( authz_is_guid(z) ){ r->zTemplateId = z; return; }
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( role_suggest(z) ){
    scn_val_err(v, zSub, "unknown role \"%s\" (did you mean \"%s\"?)", z, role_suggest(z));
  }else{
    scn_val_err(v, zSub, "unknown role \"%s\"; expected a built-in role's display name such as"
                " \"Global Administrator\" or a role template id (a GUID)", z);
  }
}

/* "role", "assignment" and "directoryScopeId" of p into *r. */
static void val_role_fields(Val *v, const char *zPath, const cJSON *p, ScnRoleAssign *r){
  const char *zKind = scn_val_str(v, zPath, p, "assignment", 0);
  const char *zScope = scn_val_str(v, zPath, p, "directoryScopeId", 0);
  char zSub[TS_JSONPATH_MAX];
  val_role_ref(v, zPath, p, "role", r);
  r->bEligible = zKind && strcmp(zKind, "eligible")==0;
  if( zKind && !r->bEligible && strcmp(zKind, "active")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "assignment");
    scn_val_err(v, zSub, "expected \"active\" or \"eligible\" (a PIM eligibility), found \"%s\"", zKind);
  }
  r->zScope = zScope ? zScope : "/";
  if( zScope && zScope[0]!='/' ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "directoryScopeId");
    scn_val_err(v, zSub, "expected a directoryScopeId such as \"/\" (the whole tenant) or"
                " \"/administrativeUnits/{id}\", found \"%s\"", zScope);
  }
}

static const char *const azRoleKeys[] = {
  "role", "principal", "principalType", "assignment", "directoryScopeId", NULL
};

/* One roleAssignments[] entry of tenant t (index k) into *r. */
static void val_assignment(Val *v, const char *zPath, const cJSON *p, ValTenant *t,
                           const ScnTenant *pT, int k, ScnRoleAssign *r){
  const char *zP, *zType;
  char zSub[TS_JSONPATH_MAX];
  int bUser, bGroup, i;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azRoleKeys);
  val_role_fields(v, zPath, p, r);
  zP = scn_val_str(v, zPath, p, "principal", 1);
  zType = scn_val_str(v, zPath, p, "principalType", 0);
  if( zType && strcmp(zType, "User")!=0 && strcmp(zType, "Group")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "principalType");
    scn_val_err(v, zSub, "expected \"User\" or \"Group\", found \"%s\"", zType);
    return;
  }
  if( zP==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "principal");
  bUser = scn_val_user_known(t, zP) && (zType==NULL || zType[0]=='U');
  bGroup = hmap_get(&t->groups, zP, NULL) && (zType==NULL || zType[0]=='G');
  if( bUser && bGroup ){
    scn_val_err(v, zSub, "\"%s\" is both a user and a group of tenant %s; give principalType"
                " \"User\" or \"Group\"", zP, t->zKey);
    return;
  }
  if( !bUser && !bGroup ){
    scn_val_err(v, zSub, "no %s \"%s\" in tenant %s", zType ? (zType[0]=='U' ? "user" : "group")
                : "user or group", zP, t->zKey);
    return;
  }
  if( bGroup && scn_val_group_dynamic(t, zP) ){
    scn_val_err(v, zSub, "group %s is dynamic: Microsoft Entra gives directory roles only to"
                " role-assignable groups, and their membership must be assigned, not dynamic", zP);
    return;
  }
  r->zPrincipal = zP;
  r->bGroup = bGroup;
  for(i=0; i<k && r->zTemplateId; i++){
    const ScnRoleAssign *o = &pT->aRole[i];
    if( o->zPrincipal && o->zTemplateId && strcasecmp(o->zTemplateId, r->zTemplateId)==0
     && o->bGroup==r->bGroup && o->bEligible==r->bEligible && strcmp(o->zPrincipal, zP)==0
     && strcmp(o->zScope, r->zScope)==0 ){
      scn_val_err(v, zPath, "the same role assignment as roleAssignments[%d]", i);
      break;
    }
  }
}

/* ---------------------------------------------------------------------
** Conditional Access.
*/
static const char *const azSpecialUsers[] = { "All", "None", "GuestsOrExternalUsers", NULL };

/* A list of includeUsers ... excludeRoles (eList SCN_CA_*) of tenant t. */
static void val_ca_list(Val *v, const char *zPath, const cJSON *p, const char *zKey, int eList,
                        ValTenant *t, ScnKeys *pOut){
  const cJSON *a = scn_val_array(v, zPath, p, zKey, 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( a==NULL ) return;
  scn_val_key_list(v, a, pOut);
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( z==NULL ){
      scn_val_err(v, zE, "expected a string, found %s", jsonloc_type_name(c));
    }else if( eList<=SCN_CA_EXCLUDE_USERS ){
      if( !one_of(z, azSpecialUsers) && !scn_val_user_known(t, z) ){
        scn_val_err(v, zE, "no user \"%s\" in tenant %s; expected a user key, \"All\", \"None\""
                    " or \"GuestsOrExternalUsers\"", z, t->zKey);
      }
    }else if( eList<=SCN_CA_EXCLUDE_GROUPS ){
      if( !hmap_get(&t->groups, z, NULL) ) scn_val_err(v, zE, "no group \"%s\" in tenant %s", z, t->zKey);
    }else{
      if( authz_role_find(z)==NULL && !authz_is_guid(z) ){
        const char *zSug = role_suggest(z);
        if( zSug ) scn_val_err(v, zE, "unknown role \"%s\" (did you mean \"%s\"?)", z, zSug);
        else scn_val_err(v, zE, "unknown role \"%s\"; expected a built-in role's display name or"
                         " a role template id", z);
      }
    }
  }
}

static const char *const azGuestKeys[] = { "guestOrExternalUserTypes", "externalTenants", NULL };
static const char *const azTenantsKeys[] = { "membershipKind", "members", NULL };

/* The "externalTenants" member of guests object p into *g. */
static void val_external_tenants(Val *v, const char *zPath, const cJSON *p, ScnGuests *g){
  const cJSON *e = cJSON_GetObjectItemCaseSensitive(p, "externalTenants"), *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  const char *zKind;
  int i = 0;
  if( e==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "externalTenants");
  if( !scn_val_is_object(v, zSub, e) ) return;
  scn_val_keys(v, zSub, e, azTenantsKeys);
  zKind = scn_val_str(v, zSub, e, "membershipKind", 1);
  a = scn_val_array(v, zSub, e, "members", 0);
  if( zKind==NULL ) return;
  scn_val_path_key(zE, sizeof(zE), zSub, strcmp(zKind, "all")==0 ? "members" : "membershipKind");
  if( strcmp(zKind, "all")==0 ){
    g->eTenants = 1;
    if( a ) scn_val_err(v, zE, "membershipKind \"all\" takes no members");
    return;
  }
  if( strcmp(zKind, "enumerated")!=0 ){
    scn_val_err(v, zE, "expected \"all\" or \"enumerated\", found \"%s\"", zKind);
    return;
  }
  g->eTenants = 2;
  scn_val_path_key(zE, sizeof(zE), zSub, "members");
  if( a==NULL || cJSON_GetArraySize(a)==0 ){
    scn_val_err(v, zE, "membershipKind \"enumerated\" needs at least one member (a tenant key or id)");
    return;
  }
  scn_val_key_list(v, a, &g->tenants);
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    char zM[TS_JSONPATH_MAX];
    scn_val_path_idx(zM, sizeof(zM), zE, i++);
    if( z==NULL || (scn_val_tenant(v, z)==NULL && !authz_is_guid(z)) ){
      scn_val_err(v, zM, "expected a tenant key of the scenario or a tenant id (a GUID)");
    }
  }
}

/* includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers (zKey) of
** users object p into *g. */
static void val_guests(Val *v, const char *zPath, const cJSON *p, const char *zKey, ScnGuests *g){
  const cJSON *o = cJSON_GetObjectItemCaseSensitive(p, zKey);
  const char *zTypes;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  if( o==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !scn_val_is_object(v, zSub, o) ) return;
  scn_val_keys(v, zSub, o, azGuestKeys);
  zTypes = scn_val_str(v, zSub, o, "guestOrExternalUserTypes", 1);
  scn_val_path_key(zE, sizeof(zE), zSub, "guestOrExternalUserTypes");
  while( zTypes ){
    char zName[64];
    size_t k = strcspn(zTypes, ","), b = 0, e = k;
    unsigned m;
    while( b<e && zTypes[b]==' ' ) b++;
    while( e>b && zTypes[e-1]==' ' ) e--;
    snprintf(zName, sizeof(zName), "%.*s", (int)(e-b<63 ? e-b : 63), zTypes+b);
    m = authz_guest_type_bit(zName);
    if( m==0 ){
      const char *zSug = scn_val_suggest(zName, authz_guest_type_names());
      if( zSug ) scn_val_err(v, zE, "unknown guest or external user type \"%s\" (did you mean \"%s\"?)", zName, zSug);
      else scn_val_err(v, zE, "unknown guest or external user type \"%s\"; expected a comma list of"
                       " none, internalGuest, b2bCollaborationGuest, b2bCollaborationMember,"
                       " b2bDirectConnectUser, otherExternalUser, serviceProvider", zName);
      break;
    }
    g->mTypes |= m;
    if( zTypes[k]==0 ) break;
    zTypes += k+1;
  }
  if( (g->mTypes & AUTHZ_GUEST_NONE) && g->mTypes!=AUTHZ_GUEST_NONE ){
    scn_val_err(v, zE, "\"none\" cannot be combined with other types");
  }
  val_external_tenants(v, zSub, o, g);
}

static const char *const azCaKeys[] = { "displayName", "state", "conditions", "grantControls", NULL };
static const char *const azCondKeys[] = { "users", NULL };
static const char *const azUsersKeys[] = {
  "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles",
  "excludeRoles", "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers", NULL
};
static const char *const azGrantKeys[] = { "operator", "builtInControls", NULL };
static const char *const azCaStates[] = {
  "enabled", "disabled", "enabledForReportingButNotEnforced", NULL
};

/* "grantControls" of policy p into *c. */
static void val_grant(Val *v, const char *zPath, const cJSON *p, ScnCaPolicy *pc){
  const cJSON *o = cJSON_GetObjectItemCaseSensitive(p, "grantControls"), *a, *c;
  char zSub[TS_JSONPATH_MAX], zL[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( o==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "grantControls");
  if( !scn_val_is_object(v, zSub, o) ) return;
  scn_val_keys(v, zSub, o, azGrantKeys);
  pc->zOperator = scn_val_str(v, zSub, o, "operator", 0);
  if( pc->zOperator && strcmp(pc->zOperator, "AND")!=0 && strcmp(pc->zOperator, "OR")!=0 ){
    scn_val_path_key(zE, sizeof(zE), zSub, "operator");
    scn_val_err(v, zE, "expected \"AND\" or \"OR\", found \"%s\"", pc->zOperator);
  }
  if( (a = scn_val_array(v, zSub, o, "builtInControls", 0))==NULL ) return;
  scn_val_key_list(v, a, &pc->controls);
  scn_val_path_key(zL, sizeof(zL), zSub, "builtInControls");
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    scn_val_path_idx(zE, sizeof(zE), zL, i++);
    if( !authz_control_known(z) ){
      const char *zSug = z ? scn_val_suggest(z, authz_control_names()) : NULL;
      if( zSug ) scn_val_err(v, zE, "unknown built-in control \"%s\" (did you mean \"%s\"?)", z, zSug);
      else scn_val_err(v, zE, "expected a built-in control: block, mfa, compliantDevice,"
                       " domainJoinedDevice, approvedApplication, compliantApplication, passwordChange");
    }
  }
}

/* One conditionalAccessPolicies[] entry of tenant t into *pc. */
static void val_ca_policy(Val *v, const char *zPath, const cJSON *p, ValTenant *t, ScnCaPolicy *pc){
  static const char *const azList[] = {
    "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles"
  };
  const cJSON *pCond, *pUsers;
  char zSub[TS_JSONPATH_MAX], zU[TS_JSONPATH_MAX];
  int i;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azCaKeys);
  pc->zDisplayName = scn_val_str(v, zPath, p, "displayName", 1);
  pc->zState = scn_val_str(v, zPath, p, "state", 1);
  if( pc->zState && !one_of(pc->zState, azCaStates) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "state");
    scn_val_err(v, zSub, "expected \"enabled\", \"disabled\" or \"enabledForReportingButNotEnforced\","
                " found \"%s\"", pc->zState);
  }
  val_grant(v, zPath, p, pc);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "conditions");
  pCond = cJSON_GetObjectItemCaseSensitive(p, "conditions");
  if( pCond==NULL ){ scn_val_err(v, zSub, "missing; expected {\"users\": {...}}"); return; }
  if( !scn_val_is_object(v, zSub, pCond) ) return;
  scn_val_keys(v, zSub, pCond, azCondKeys);
  scn_val_path_key(zU, sizeof(zU), zSub, "users");
  pUsers = cJSON_GetObjectItemCaseSensitive(pCond, "users");
  if( pUsers==NULL ){ scn_val_err(v, zU, "missing; expected the policy's user conditions"); return; }
  if( !scn_val_is_object(v, zU, pUsers) ) return;
  scn_val_keys(v, zU, pUsers, azUsersKeys);
  for(i=0; i<6; i++) val_ca_list(v, zU, pUsers, azList[i], i, t, &pc->aList[i]);
  val_guests(v, zU, pUsers, "includeGuestsOrExternalUsers", &pc->include);
  val_guests(v, zU, pUsers, "excludeGuestsOrExternalUsers", &pc->exclude);
}

/* ---------------------------------------------------------------------
** Service principals.
*/
/* Could z be a permission value (Word.Word...)? */
static int looks_like_permission(const char *z){
  int bDot = 0;
  if( z==NULL || z[0]==0 || z[0]=='.' ) return 0;
  for(; *z; z++){
    if( *z=='.' ) bDot = 1;
    else if( !((*z>='a' && *z<='z') || (*z>='A' && *z<='Z') || (*z>='0' && *z<='9')
              || *z=='-' || *z=='_') ) return 0;
  }
  return bDot;
}

static const char *const azSpKeys[] = { "displayName", "appId", "applicationPermissions", NULL };

static void val_service_principal(Val *v, const char *zPath, const cJSON *p, ScnServicePrincipal *s){
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azSpKeys);
  s->zDisplayName = scn_val_str(v, zPath, p, "displayName", 1);
  s->zAppId = scn_val_str(v, zPath, p, "appId", 0);
  if( s->zAppId && !authz_is_guid(s->zAppId) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "appId");
    scn_val_err(v, zSub, "expected an application id (a GUID)");
  }
  if( (a = scn_val_array(v, zPath, p, "applicationPermissions", 1))==NULL ) return;
  scn_val_key_list(v, a, &s->permissions);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "applicationPermissions");
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    const char *zSug = z ? scn_val_suggest(z, authz_permission_names()) : NULL;
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( authz_permission_find(z) && strcmp(authz_permission_find(z)->zValue, z)==0 ) continue;
    /* a near miss of a listed permission would hide a finding: an error */
    if( zSug ) scn_val_err(v, zE, "unknown permission \"%s\" (did you mean \"%s\"?)", z, zSug);
    else if( !looks_like_permission(z) ){
      scn_val_err(v, zE, "expected a permission value such as \"Synchronization.ReadWrite.All\"");
    }
  }
}

/* ---------------------------------------------------------------------
** A tenant's members, and assign_role.
*/
void scn_authz_tenant(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT){
  ValTenant *t;
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( !cJSON_IsObject(p) ) return;
  t = scn_val_tenant(v, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "key")));
  if( t==NULL || t->pNode!=p ) return;    /* reported already */
  if( (a = scn_val_array(v, zPath, p, "roleAssignments", 0))!=NULL ){
    if( (pT->aRole = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnRoleAssign)))==NULL ) return;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "roleAssignments");
    i = 0;
    cJSON_ArrayForEach(c, a){
      scn_val_path_idx(zE, sizeof(zE), zSub, i);
      val_assignment(v, zE, c, t, pT, i, &pT->aRole[i]);
      pT->nRole = ++i;
    }
  }
  if( (a = scn_val_array(v, zPath, p, "conditionalAccessPolicies", 0))!=NULL ){
    if( (pT->aCa = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnCaPolicy)))==NULL ) return;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "conditionalAccessPolicies");
    cJSON_ArrayForEach(c, a){
      scn_val_path_idx(zE, sizeof(zE), zSub, pT->nCa);
      val_ca_policy(v, zE, c, t, &pT->aCa[pT->nCa++]);
    }
  }
  if( (a = scn_val_array(v, zPath, p, "servicePrincipals", 0))!=NULL ){
    if( (pT->aSp = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnServicePrincipal)))==NULL ) return;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "servicePrincipals");
    cJSON_ArrayForEach(c, a){
      scn_val_path_idx(zE, sizeof(zE), zSub, pT->nSp);
      val_service_principal(v, zE, c, &pT->aSp[pT->nSp++]);
    }
  }
}

const char *const scn_authz_assign_keys[] = {
  "at", "action", "note", "tenant", "job", "role", "users", "groups", "assignment",
  "directoryScopeId", NULL
};

/* Is group zKey assigned to job iJob at action a's point of the timeline:
** declared so, or given by the last assign or unassign of it before a? */
static int group_assigned(Val *v, const ScnJob *pJ, const ScnAction *a, const char *zKey){
  const ScnAction *b;
  int i, bIn = 0;
  for(i=0; i<pJ->assignGroups.n; i++) if( strcmp(pJ->assignGroups.az[i], zKey)==0 ) bIn = 1;
  for(b=v->pScn->aAction; b<a; b++){
    if( (b->eKind!=SCN_ASSIGN && b->eKind!=SCN_UNASSIGN) || b->iJob!=a->iJob || !b->bGroups ) continue;
    for(i=0; i<b->groups.n; i++) if( strcmp(b->groups.az[i], zKey)==0 ) bIn = b->eKind==SCN_ASSIGN;
  }
  return bIn;
}

/* The type of group zKey of tenant t as declared (NULL: Security). */
static const char *group_type(const ValTenant *t, const char *zKey){
  int i;
  for(i=0; t->pModel && i<t->pModel->nGroup; i++){
    if( strcmp(t->pModel->aGroup[i].zKey, zKey)==0 ) return t->pModel->aGroup[i].zType;
  }
  return NULL;
}

/* The "groups" of an assign_role of job a->iJob (source tenant t): groups
** the job synchronizes, whose target groups can hold a directory role. */
static void check_synced_groups(Val *v, const char *zPath, ScnAction *a, ValTenant *t){
  const ScnJob *pJ = scn_jobs_declared(v, a->iJob);
  const char *zSrc, *zTgt;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( pJ==NULL || t==NULL ) return;
  zSrc = v->aTenant[pJ->iSource].zKey;
  zTgt = v->aTenant[pJ->iTarget].zKey;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
  if( !pJ->bGroupSync ){
    scn_val_err(v, zSub, "job %s does not provision groups (\"groupProvisioning\" is off), so it"
                " creates no group in %s to give a role to", pJ->zKey, zTgt);
    return;
  }
  scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
  for(i=0; i<a->groups.n; i++){
    const char *zG = a->groups.az[i], *zType;
    scn_val_path_idx(zE, sizeof(zE), zSub, i);
    if( !hmap_get(&t->groups, zG, NULL) ) continue;      /* reported */
    zType = group_type(t, zG);
    if( zType && strcmp(zType, "Security")!=0 && strcmp(zType, "Microsoft365")!=0 ){
      scn_val_err(v, zE, "group %s is a %s group: group sync creates no group from it in %s (only"
                  " security and Microsoft 365 groups are synchronized)", zG, zType, zTgt);
    }else if( !group_assigned(v, pJ, a, zG) ){
      scn_val_err(v, zE, "group %s is not assigned to job %s at this point: group sync creates"
                  " target groups only for the groups assigned to the job", zG, pJ->zKey);
    }
  }
  /* Entra gives directory roles only to role-assignable groups, and
  ** cross-tenant sync does not create them [S1]; tenantsim's reading of the
  ** beta role-enabled group sync is that its groups can hold one. */
  if( !scn_policy_now(v, pJ->iTarget, pJ->iSource, PF_ROLE_GROUP_SYNC_INBOUND) ){
    scn_val_err(v, zSub, "%s can give a directory role only to a role-assignable group, and"
                " cross-tenant sync does not create role-assignable groups unless %s allows"
                " role-enabled group sync from %s (roleEnabledGroupSyncInbound.isSyncAllowed,"
                " Graph beta) at this point; allow it first, or give the role to the synced"
                " users (\"users\")", zTgt, zTgt, zSrc);
  }
}

/* The "groups" of a tenant's assign_role: a directory role needs a
** role-assignable group, which cannot be dynamic. */
static void check_dynamic_groups(Val *v, const char *zPath, const ScnAction *a, const ValTenant *t){
  char zE[TS_JSONPATH_MAX];
  int i;
  for(i=0; i<a->groups.n; i++){
    if( !scn_val_group_dynamic(t, a->groups.az[i]) ) continue;
    scn_val_path_idx(zE, sizeof(zE), zPath, i);
    scn_val_err(v, zE, "group %s is dynamic: Microsoft Entra gives directory roles only to"
                " role-assignable groups, and their membership must be assigned, not dynamic",
                a->groups.az[i]);
  }
}

void scn_authz_check_assign(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const char *zT = scn_val_str(v, zPath, p, "tenant", 0);
  const char *zJob = scn_val_str(v, zPath, p, "job", 0);
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
  const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(p, "groups");
  const cJSON *pList;
  ValTenant *t = NULL;
  char zSub[TS_JSONPATH_MAX];
  if( (a->pRole = scn_val_alloc(v, 1, sizeof(ScnRoleAssign)))==NULL ) return;
  val_role_fields(v, zPath, p, a->pRole);
  if( (zT==NULL)==(zJob==NULL) ){
    scn_val_err(v, zPath, "give \"tenant\" (its users or groups, by key) or \"job\" (the users or"
                " groups it synced into its target, by source key), not %s", zT ? "both" : "neither");
  }else if( zT && (t = scn_val_tenant(v, zT))==NULL ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }else if( zJob && a->iJob<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
    scn_val_err(v, zSub, "no job \"%s\"", zJob);
  }else if( zJob && v->aJobSrc[a->iJob]>=0 ){
    t = &v->aTenant[v->aJobSrc[a->iJob]];
  }
  if( pUsers && pGroups ){
    scn_val_err(v, zPath, "give \"users\" or \"groups\", not both");
    return;
  }
  if( pGroups==NULL && (pList = scn_val_array(v, zPath, p, "users", 1))==NULL ) return;
  if( pGroups && (pList = scn_val_array(v, zPath, p, "groups", 1))==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, pGroups ? "groups" : "users");
  if( cJSON_GetArraySize(pList)==0 ){
    scn_val_err(v, zSub, "expected at least one %s key", pGroups ? "group" : "user");
  }
  if( pGroups==NULL ){
    scn_jobs_user_list(v, zSub, pList, t);
    a->sel.bUsers = 1;
    scn_val_key_list(v, pList, &a->sel.users);
    return;
  }
  scn_jobs_group_list(v, zSub, pList, t);
  a->bGroups = 1;
  scn_val_key_list(v, pList, &a->groups);
  if( zJob && a->iJob>=0 ) check_synced_groups(v, zPath, a, t);
  else if( t ) check_dynamic_groups(v, zSub, a, t);
}

/* ---------------------------------------------------------------------
** Building.
*/
/* The users (or groups) of keys k of tenant iT by object id, or the
** special values, comma-joined into *b. */
static void join_objects(World *w, int iT, const ScnKeys *k, int eList, StrBuf *b){
  int i;
  for(i=0; i<k->n; i++){
    const char *z = k->az[i];
    if( i ) strbuf_appendc(b, ',');
    if( eList<=SCN_CA_EXCLUDE_USERS && one_of(z, azSpecialUsers) ){
      strbuf_append(b, z);
    }else if( eList<=SCN_CA_EXCLUDE_USERS ){
      int64_t id = world_user_find(w, iT, z);
      strbuf_append(b, id>0 ? world_user(w, id)->zObjectId : z);
    }else if( eList<=SCN_CA_EXCLUDE_GROUPS ){
      int iG = world_group_find(w, iT, z);
      strbuf_append(b, iG>=0 ? w->aGroup[iG].zObjectId : z);
    }else{
      const AuthzRole *r = authz_role_find(z);
      strbuf_append(b, r ? r->zTemplateId : z);
    }
  }
}

/* "all", or the tenant ids of g's enumerated tenants, into *b. */
static void join_tenants(World *w, const ScnGuests *g, StrBuf *b){
  int i;
  if( g->eTenants==1 ){ strbuf_append(b, "all"); return; }
  for(i=0; i<g->tenants.n; i++){
    int iT = world_tenant_find(w, g->tenants.az[i]);
    if( i ) strbuf_appendc(b, ',');
    strbuf_append(b, iT>=0 ? w->aTenant[iT].zTenantId : g->tenants.az[i]);
  }
}

/* Policy c of tenant iT (its k-th) into the run database. 0, or 1 on OOM. */
static int build_ca(World *w, int iT, int k, const ScnCaPolicy *c){
  StrBuf aB[11];
  AuthzCaPolicy p;
  const char **apList[6];
  int i, rc = 0;
  memset(&p, 0, sizeof(p));
  for(i=0; i<11; i++) strbuf_init(&aB[i]);
  apList[0] = &p.zIncludeUsers; apList[1] = &p.zExcludeUsers;
  apList[2] = &p.zIncludeGroups; apList[3] = &p.zExcludeGroups;
  apList[4] = &p.zIncludeRoles; apList[5] = &p.zExcludeRoles;
  for(i=0; i<6; i++){
    if( c->aList[i].az==NULL ) continue;
    join_objects(w, iT, &c->aList[i], i, &aB[i]);
    *apList[i] = aB[i].z ? aB[i].z : "";
  }
  if( c->include.eTenants ){ join_tenants(w, &c->include, &aB[6]); p.zIncludeTenants = strbuf_str(&aB[6]); }
  if( c->exclude.eTenants ){ join_tenants(w, &c->exclude, &aB[7]); p.zExcludeTenants = strbuf_str(&aB[7]); }
  for(i=0; i<c->controls.n; i++){
    if( i ) strbuf_appendc(&aB[8], ',');
    strbuf_append(&aB[8], c->controls.az[i]);
  }
  if( c->controls.az ) p.zGrantControls = aB[8].z ? aB[8].z : "";
  strbuf_printf(&aB[9], "$.tenants[%d].conditionalAccessPolicies[%d]", iT, k);
  p.zDisplayName = c->zDisplayName;
  p.zState = c->zState;
  p.mIncludeGuests = c->include.mTypes;
  p.mExcludeGuests = c->exclude.mTypes;
  p.zGrantOperator = c->zOperator;
  p.zPath = strbuf_str(&aB[9]);
  for(i=0; i<11; i++) if( aB[i].bErr ) rc = 1;
  if( rc==0 ) authz_add_ca_policy(w, iT, k, &p);
  for(i=0; i<11; i++) strbuf_free(&aB[i]);
  return rc;
}

int scn_authz_build(World *w, const Scenario *pScn){
  char zPath[TS_JSONPATH_MAX];
  int i, k, m;
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nRole; k++){
      const ScnRoleAssign *r = &t->aRole[k];
      AuthzAssignment x;
      memset(&x, 0, sizeof(x));
      x.zTemplateId = r->zTemplateId;
      x.pRole = r->pRole;
      x.bGroup = r->bGroup;
      x.idPrincipal = r->bGroup ? world_group_find(w, i, r->zPrincipal) : world_user_find(w, i, r->zPrincipal);
      x.bEligible = r->bEligible;
      x.zScope = r->zScope;
      snprintf(zPath, sizeof(zPath), "$.tenants[%d].roleAssignments[%d]", i, k);
      x.zPath = zPath;
      if( x.idPrincipal>=0 ) authz_assign_role(w, i, &x, 0);
    }
    for(k=0; k<t->nCa; k++) if( build_ca(w, i, k, &t->aCa[k]) ) return 1;
    for(k=0; k<t->nSp; k++){
      const ScnServicePrincipal *s = &t->aSp[k];
      for(m=0; m<s->permissions.n; m++){
        const AuthzPermission *pm = authz_permission_find(s->permissions.az[m]);
        snprintf(zPath, sizeof(zPath), "$.tenants[%d].servicePrincipals[%d].applicationPermissions[%d]",
                 i, k, m);
        authz_add_app_permission(w, i, s->zDisplayName, s->zAppId, s->permissions.az[m],
                                 pm ? pm->zId : NULL, zPath);
      }
    }
  }
  return 0;
}

/* The principal of assign_role a's group key zKey (its k-th), into *x:
** the tenant's group, or the target group job j created from the source
** group. TS_ERR (pErr set) when the job has none now. */
static int group_principal(World *w, const ScnAction *a, Job *j, int k, AuthzAssignment *x,
                           TsErr *pErr){
  const char *zKey = a->groups.az[k];
  int iG = world_group_find(w, j ? j->iSource : a->iTenant, zKey);
  GroupPair *gp = j && iG>=0 ? pair_group_get(w, j, iG) : NULL;
  char zDay[32], zAt[32], zGone[32];
  x->bGroup = 1;
  x->idPrincipal = iG;
  if( j==NULL ) return iG>=0 ? TS_OK : TS_ERR;
  if( gp && gp->iTarget && w->aGroup[gp->iTarget-1].tDeleted<0 ){
    x->idPrincipal = gp->iTarget-1;
    return TS_OK;
  }
  if( w->bNoMem ) return TS_NOMEM;
  simtime_format_day(w->tStartEpoch, w->tNow, zDay, sizeof(zDay));
  simtime_format_duration(w->tNow, zAt, sizeof(zAt));
  if( gp && gp->iTarget ){
    simtime_format_day(w->tStartEpoch, w->aGroup[gp->iTarget-1].tDeleted, zGone, sizeof(zGone));
    return tserr_set(pErr, TS_ERR, "timeline[%d].groups[%d]: the group job %s created in %s from"
                     " %s was deleted at %s: there is none to give a role to at %s (%s)",
                     a->iIndex, k, j->zKey, w->aTenant[j->iTarget].zKey, zKey, zGone, zDay, zAt);
  }
  return tserr_set(pErr, TS_ERR, "timeline[%d].groups[%d]: job %s has not created a group in %s"
                   " from %s by %s (%s): group sync creates it at the job's first cycle after the"
                   " group is assigned, once %s allows group sync from %s; give the action a"
                   " later \"at\"", a->iIndex, k, j->zKey, w->aTenant[j->iTarget].zKey, zKey,
                   zDay, zAt, w->aTenant[j->iTarget].zKey, w->aTenant[j->iSource].zKey);
}

int scn_authz_apply(World *w, const ScnAction *a, int64_t *pn, char *zSummary, size_t nSummary,
                    TsErr *pErr){
  const ScnRoleAssign *r = a->pRole;
  Job *j = a->iJob>=0 ? &w->aJob[a->iJob] : NULL;
  int iT = j ? j->iTarget : a->iTenant;
  int64_t n = 0, nMissing = 0;
  int nKey = a->bGroups ? a->groups.n : a->sel.users.n;
  char zPath[64];
  int i, rc;
  snprintf(zPath, sizeof(zPath), "$.timeline[%d]", a->iIndex);
  *pn = 0;
  for(i=0; i<nKey; i++){
    AuthzAssignment x;
    memset(&x, 0, sizeof(x));
    if( a->bGroups ){
      if( (rc = group_principal(w, a, j, i, &x, pErr))!=TS_OK ) return rc;
    }else{
      int64_t id = world_user_find(w, j ? j->iSource : iT, a->sel.users.az[i]);
      if( id>0 && j ){
        Pair *pr = pair_get(w, j, id);
        id = pr ? pr->iTarget : 0;
      }
      if( id<=0 || !user_is_live(world_user(w, id)) ){ nMissing++; continue; }
      x.idPrincipal = id;
    }
    x.zTemplateId = r->zTemplateId;
    x.pRole = r->pRole;
    x.bEligible = r->bEligible;
    x.zScope = r->zScope;
    x.zPath = zPath;
    authz_assign_role(w, iT, &x, 1);
    n++;
  }
  snprintf(zSummary, nSummary, "%s%s assigned in %s to %lld %s%s%s", r->pRole ? r->pRole->zName
           : r->zTemplateId, r->bEligible ? " (eligible)" : "", w->aTenant[iT].zKey, (long long)n,
           a->bGroups ? (n==1 ? "group" : "groups") : (n==1 ? "user" : "users"),
           j ? " synced by " : "", j ? j->zKey : "");
  if( nMissing ){
    size_t k = strlen(zSummary);
    snprintf(zSummary+k, nSummary-k, "; %lld %s no %s user there", (long long)nMissing,
             nMissing==1 ? "has" : "have", j ? "synced" : "live");
  }
  *pn = n;
  return TS_OK;
}
