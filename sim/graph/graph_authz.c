/*
** graph_authz.c — role assignments, Conditional Access policies and
** application permissions from Graph into scenario tenants
** (graph_authz.h), and directory roles with their members as role
** assignments. The vocabularies (roles, guest types, controls,
** permissions) are engine/model/authz.h's, so an import and the scenario
** validator agree on them.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "authz.h"
#include "mem.h"
#include "graph_authz.h"

/* What every translator of this file reads. */
typedef struct Ctx {
  const GraphDir *d;
  const char *zTenant;
  int bEligible;
  cJSON *pOut;
  GraphUnmodelled unm;
  const char *zRole;        /* directory-role members: the role's scenario name */
  GraphAuthz *a;            /* directory roles: where their ids are kept */
} Ctx;

/* Is z one of the NULL-terminated az? */
static int one_of(const char *z, const char *const *az){
  int i;
  for(i=0; z && az[i]; i++) if( strcmp(z, az[i])==0 ) return 1;
  return 0;
}

/* Is zKey a member to take in silence: metadata (@odata.*, a key with
** "@"), ids and timestamps? */
static int is_metadata(const char *zKey, const char *const *azMeta){
  return strchr(zKey, '@')!=NULL || one_of(zKey, azMeta);
}

/* Record every member of p with content that is neither in azKnown nor
** metadata as unmodelled (zPrefix names the kind in the warning). */
static int note_unmodelled(Ctx *c, const char *zPath, const cJSON *p, const char *const *azKnown,
                           const char *zPrefix){
  static const char *const azMeta[] = {
    "id", "createdDateTime", "modifiedDateTime", "deletedDateTime", "templateId", NULL
  };
  const cJSON *m;
  char zSub[TS_JSONPATH_MAX], zName[200];
  for(m=p->child; m; m=m->next){
    if( is_metadata(m->string, azMeta) || !graph_has_content(m) ) continue;
    if( azKnown && is_metadata(m->string, azKnown) ) continue;
    jsonloc_path_key(zSub, sizeof(zSub), zPath, m->string);
    snprintf(zName, sizeof(zName), "%s%s", zPrefix, m->string);
    if( graph_unmodelled_add(&c->unm, zName, zSub) ) return TS_NOMEM;
  }
  return TS_OK;
}

/* The scenario key of user (bGroup 0) or group Graph id zId of d, or NULL. */
static const char *key_of(const GraphDir *d, const char *zId, int bGroup){
  int64_t i;
  const cJSON *p;
  if( bGroup ){
    if( !hmap_get(&d->groupById, zId, &i) ) return NULL;
    p = d->apGroup[i];
  }else{
    if( !hmap_get(&d->userById, zId, &i) ) return NULL;
    p = d->aRec[i].pUser;
  }
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "key"));
}

/* A role id of Graph as the scenario names it: a listed role's display
** name, else the id (NULL, with an error, when it is no GUID). */
static const char *role_name(JsonLoc *g, const char *zFile, const char *zPath, const char *zId){
  const AuthzRole *r = authz_role_find(zId);
  if( !authz_is_guid(zId) ){
    jsonloc_error(g, zFile, zPath, "expected a role definition id (a GUID), found \"%s\"", zId);
    return NULL;
  }
  return r ? r->zName : zId;
}

/* Is there an item in a equal to p? */
static int has_equal(const cJSON *a, const cJSON *p){
  const cJSON *c;
  cJSON_ArrayForEach(c, a) if( cJSON_Compare(c, p, 1) ) return 1;
  return 0;
}

/* ----------------------------------------------------- role assignments */

/* Append the scenario assignment of role zRole to principal zKey (a group
** when bGroup) at directory scope zScope (NULL or "/": the whole tenant)
** to c->pOut, unless an equal one is there: pages of one listing may
** overlap, and a directory role's members repeat its assignments. */
static int role_item_add(Ctx *c, const char *zRole, const char *zKey, int bGroup,
                         const char *zScope){
  cJSON *pItem;
  if( (pItem = cJSON_CreateObject())==NULL
   || !cJSON_AddStringToObject(pItem, "role", zRole)
   || !cJSON_AddStringToObject(pItem, "principal", zKey)
   || !cJSON_AddStringToObject(pItem, "principalType", bGroup ? "Group" : "User")
   || !cJSON_AddStringToObject(pItem, "assignment", c->bEligible ? "eligible" : "active")
   || (zScope && strcmp(zScope, "/")!=0 && !cJSON_AddStringToObject(pItem, "directoryScopeId", zScope)) ){
    cJSON_Delete(pItem);
    return TS_NOMEM;
  }
  if( has_equal(c->pOut, pItem) ){ cJSON_Delete(pItem); return TS_OK; }
  return graph_put(c->pOut, NULL, pItem) ? TS_NOMEM : TS_OK;
}

static int role_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pCtx){
  static const char *const azKnown[] = {
    "principalId", "roleDefinitionId", "directoryScopeId", "appScopeId", "principal",
    "roleDefinition", "directoryScope", "appScope", "memberType", "status", "scheduleInfo",
    "createdUsing", "startDateTime", "endDateTime", "roleEligibilityScheduleId",
    "resourceScope",      /* beta's deprecated twin of directoryScopeId */
    NULL
  };
  Ctx *c = pCtx;
  const char *zPrincipal = jsonloc_string(g, zFile, zPath, p, "principalId", 1);
  const char *zRoleId = jsonloc_string(g, zFile, zPath, p, "roleDefinitionId", 1);
  const char *zScope = jsonloc_string(g, zFile, zPath, p, "directoryScopeId", 0);
  const char *zAppScope = jsonloc_string(g, zFile, zPath, p, "appScopeId", 0);
  const char *zMember = jsonloc_string(g, zFile, zPath, p, "memberType", 0);
  const char *zStatus = jsonloc_string(g, zFile, zPath, p, "status", 0);
  const cJSON *pInfo = jsonloc_object(g, zFile, zPath, p, "scheduleInfo", 0);
  const char *zEnd = jsonloc_string(g, zFile, zPath, p, "endDateTime", 0);
  const char *zRole, *zKey;
  char zSub[TS_JSONPATH_MAX];
  int bGroup = 0;
  if( note_unmodelled(c, zPath, p, azKnown, "") ) return TS_NOMEM;
  if( zPrincipal==NULL || zRoleId==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "roleDefinitionId");
  if( (zRole = role_name(g, zFile, zSub, zRoleId))==NULL ) return TS_OK;
  if( zAppScope && zAppScope[0] && strcmp(zAppScope, "/")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "appScopeId");
    jsonloc_warn(g, zFile, zSub, "an assignment scoped to an application (appScopeId) is not"
                 " modelled; ignored");
    return TS_OK;
  }
  if( zMember && strcmp(zMember, "Direct")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "memberType");
    jsonloc_warn(g, zFile, zSub, "memberType %s: the eligibility comes from a group, whose own"
                 " schedule is what is imported; ignored", zMember);
    return TS_OK;
  }
  if( zStatus && strcmp(zStatus, "Provisioned")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "status");
    jsonloc_warn(g, zFile, zSub, "status %s: not a provisioned schedule; ignored", zStatus);
    return TS_OK;
  }
  if( pInfo ){
    const cJSON *pExp = cJSON_GetObjectItemCaseSensitive(pInfo, "expiration");
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pExp, "type"));
    if( zType && strcmp(zType, "noExpiration")!=0 ){
      char zInfo[TS_JSONPATH_MAX], zExp[TS_JSONPATH_MAX];
      jsonloc_path_key(zInfo, sizeof(zInfo), zPath, "scheduleInfo");
      jsonloc_path_key(zExp, sizeof(zExp), zInfo, "expiration");
      jsonloc_path_key(zSub, sizeof(zSub), zExp, "type");
      jsonloc_warn(g, zFile, zSub, "a time-bound eligibility (%s) is imported as permanent", zType);
    }
  }
  if( zEnd ){
    /* a schedule instance (roleEligibilityScheduleInstances) ends at its endDateTime */
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "endDateTime");
    jsonloc_warn(g, zFile, zSub, "a time-bound %s (until %s) is imported as permanent",
                 c->bEligible ? "eligibility" : "assignment", zEnd);
  }
  if( (zKey = key_of(c->d, zPrincipal, 0))==NULL && (zKey = key_of(c->d, zPrincipal, 1))!=NULL ) bGroup = 1;
  if( zKey==NULL ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "principalId");
    jsonloc_warn(g, zFile, zSub, "principal %s is not among the imported users or groups of %s"
                 " (a service principal, or an object not exported); the assignment is ignored",
                 zPrincipal, c->zTenant);
    return TS_OK;
  }
  return role_item_add(c, zRole, zKey, bGroup, zScope);
}

/* A context for the objects of tenant zTenant (directory d) into pOut. */
static void ctx_init(Ctx *c, const GraphDir *d, const char *zTenant, cJSON *pOut){
  memset(c, 0, sizeof(*c));
  c->d = d;
  c->zTenant = zTenant;
  c->pOut = pOut;
}

/* Run xOne over pDoc with context c, reporting what it did not model as
** zWhat properties. */
static int each(JsonLoc *g, Ctx *c, const char *zFile, const cJSON *pDoc, const char *zWhat,
                int (*xOne)(JsonLoc*, const char*, const char*, const cJSON*, void*)){
  int rc;
  graph_unmodelled_init(&c->unm);
  rc = graph_each(g, zFile, pDoc, c, xOne);
  if( rc==TS_OK ) graph_unmodelled_report(g, zFile, &c->unm, zWhat);
  graph_unmodelled_free(&c->unm);
  return rc;
}

/* ---------------------------------------------------- directory roles */

/* A member p of the directory role c->zRole: an active assignment of the
** role to that user or group, at the whole tenant. */
static int dir_role_member(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p,
                           void *pCtx){
  Ctx *c = pCtx;
  const char *zId = jsonloc_string(g, zFile, zPath, p, "id", 1);
  const char *zType = jsonloc_string(g, zFile, zPath, p, "@odata.type", 0);
  const char *zKey = NULL;
  int bGroup = 0;
  if( zId==NULL ) return TS_OK;
  if( zType && strcmp(zType, "#microsoft.graph.user")!=0 && strcmp(zType, "#microsoft.graph.group")!=0 ){
    jsonloc_warn(g, zFile, zPath, "a member of type %s holds directory role %s: not modelled"
                 " (users and groups are); ignored", zType, c->zRole);
    return TS_OK;
  }
  if( zType==NULL || strcmp(zType, "#microsoft.graph.user")==0 ) zKey = key_of(c->d, zId, 0);
  if( zKey==NULL && (zType==NULL || strcmp(zType, "#microsoft.graph.group")==0) ){
    if( (zKey = key_of(c->d, zId, 1))!=NULL ) bGroup = 1;
  }
  if( zKey==NULL ){
    jsonloc_warn(g, zFile, zPath, "member %s of directory role %s is not among the imported users"
                 " or groups of %s; ignored", zId, c->zRole, c->zTenant);
    return TS_OK;
  }
  return role_item_add(c, c->zRole, zKey, bGroup, NULL);
}

/* A scoped membership p of the directory role c->zRole (a
** scopedRoleMembership: the role over one administrative unit): an
** active assignment at directory scope /administrativeUnits/{id}. */
static int dir_role_scoped_member(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p,
                                  void *pCtx){
  static const char *const azKnown[] = { "administrativeUnitId", "roleId", "roleMemberInfo", NULL };
  Ctx *c = pCtx;
  const char *zUnit = jsonloc_string(g, zFile, zPath, p, "administrativeUnitId", 1);
  const cJSON *pInfo = jsonloc_object(g, zFile, zPath, p, "roleMemberInfo", 1);
  const char *zId, *zKey;
  char zSub[TS_JSONPATH_MAX], zScope[TS_JSONPATH_MAX];
  int bGroup = 0;
  if( note_unmodelled(c, zPath, p, azKnown, "") ) return TS_NOMEM;
  if( pInfo==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "roleMemberInfo");
  if( (zId = jsonloc_string(g, zFile, zSub, pInfo, "id", 1))==NULL || zUnit==NULL ) return TS_OK;
  /* Graph documents the member as a user; a group is looked for too */
  if( (zKey = key_of(c->d, zId, 0))==NULL && (zKey = key_of(c->d, zId, 1))!=NULL ) bGroup = 1;
  if( zKey==NULL ){
    jsonloc_warn(g, zFile, zSub, "member %s of directory role %s is not among the imported users"
                 " or groups of %s; ignored", zId, c->zRole, c->zTenant);
    return TS_OK;
  }
  snprintf(zScope, sizeof(zScope), "/administrativeUnits/%s", zUnit);
  return role_item_add(c, c->zRole, zKey, bGroup, zScope);
}

/* One directoryRole p: its id is remembered with the role's scenario
** name (c->a->pDirRoles), and its members, when expanded, are assigned. */
static int dir_role_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pCtx){
  static const char *const azKnown[] = { "roleTemplateId", "displayName", "description", "members", NULL };
  Ctx *c = pCtx;
  const char *zId = jsonloc_string(g, zFile, zPath, p, "id", 1);
  const char *zTemplate = jsonloc_string(g, zFile, zPath, p, "roleTemplateId", 1);
  const cJSON *pMembers = jsonloc_array(g, zFile, zPath, p, "members", 0), *m;
  char zSub[TS_JSONPATH_MAX], zEl[TS_JSONPATH_MAX];
  int rc = TS_OK, k = 0;
  if( note_unmodelled(c, zPath, p, azKnown, "") ) return TS_NOMEM;
  if( zId==NULL || zTemplate==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "roleTemplateId");
  if( (c->zRole = role_name(g, zFile, zSub, zTemplate))==NULL ) return TS_OK;
  if( c->a->pDirRoles==NULL && (c->a->pDirRoles = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  cJSON_DeleteItemFromObjectCaseSensitive(c->a->pDirRoles, zId);
  if( !cJSON_AddStringToObject(c->a->pDirRoles, zId, c->zRole) ) return TS_NOMEM;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "members");
  cJSON_ArrayForEach(m, pMembers){
    jsonloc_path_idx(zEl, sizeof(zEl), zSub, k++);
    if( !cJSON_IsObject(m) ){
      jsonloc_error(g, zFile, zEl, "expected an object, found %s", jsonloc_type_name(m));
    }else if( (rc = dir_role_member(g, zFile, zEl, m, c))!=TS_OK ){
      break;
    }
  }
  return rc;
}

/* Run xOne over pDoc for directory roles of a (zRole: whose members),
** reporting what it did not model as zWhat properties. */
static int dir_role_each(JsonLoc *g, GraphAuthz *a, const GraphDir *d, const char *zTenant,
                         const char *zFile, const cJSON *pDoc, const char *zRole, const char *zWhat,
                         int (*xOne)(JsonLoc*, const char*, const char*, const cJSON*, void*)){
  Ctx c;
  if( a->pRoles==NULL && (a->pRoles = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  ctx_init(&c, d, zTenant, a->pRoles);
  c.a = a;
  c.zRole = zRole;
  return each(g, &c, zFile, pDoc, zWhat, xOne);
}

int graph_authz_add_directory_roles(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                    const char *zTenant, const char *zFile, const cJSON *pDoc){
  return dir_role_each(g, a, d, zTenant, zFile, pDoc, NULL, "directory role", dir_role_one);
}

/* The members (bScoped: the scoped memberships) of role zRoleId. */
static int dir_role_members(JsonLoc *g, GraphAuthz *a, const GraphDir *d, const char *zTenant,
                            const char *zFile, const char *zRoleId, const cJSON *pDoc, int bScoped){
  const char *zRole = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a->pDirRoles, zRoleId));
  if( zRole==NULL ){
    jsonloc_warn(g, zFile, "$", "directory role %s is not among the imported directory roles of"
                 " %s; its members are ignored", zRoleId, zTenant);
    return TS_OK;
  }
  return dir_role_each(g, a, d, zTenant, zFile, pDoc, zRole,
                       bScoped ? "scoped role membership" : "directory role member",
                       bScoped ? dir_role_scoped_member : dir_role_member);
}

int graph_authz_add_directory_role_members(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                           const char *zTenant, const char *zFile,
                                           const char *zRoleId, const cJSON *pDoc){
  return dir_role_members(g, a, d, zTenant, zFile, zRoleId, pDoc, 0);
}

int graph_authz_add_directory_role_scoped_members(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                                  const char *zTenant, const char *zFile,
                                                  const char *zRoleId, const cJSON *pDoc){
  return dir_role_members(g, a, d, zTenant, zFile, zRoleId, pDoc, 1);
}


/* ------------------------------------------------- Conditional Access */

static const char *const azSpecialUsers[] = { "All", "None", "GuestsOrExternalUsers", NULL };

/* A list zKey of Graph users object pUsers (eKind 0 users, 1 groups, 2
** roles) as scenario keys, into pOut (when not empty). */
static int ca_list(JsonLoc *g, Ctx *c, const char *zFile, const char *zPath, const cJSON *pUsers,
                   const char *zKey, int eKind, cJSON *pOut){
  const cJSON *a = jsonloc_array(g, zFile, zPath, pUsers, zKey, 0), *m;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  cJSON *pList;
  int i = 0;
  if( a==NULL || a->child==NULL ) return TS_OK;
  if( (pList = cJSON_AddArrayToObject(pOut, zKey))==NULL ) return TS_NOMEM;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
  cJSON_ArrayForEach(m, a){
    const char *z = cJSON_GetStringValue(m), *zOut = NULL;
    jsonloc_path_idx(zE, sizeof(zE), zSub, i++);
    if( z==NULL ){
      jsonloc_error(g, zFile, zE, "expected a string, found %s", jsonloc_type_name(m));
      continue;
    }
    if( eKind==2 ) zOut = role_name(g, zFile, zE, z);
    else if( eKind==0 && one_of(z, azSpecialUsers) ) zOut = z;
    else if( (zOut = key_of(c->d, z, eKind))==NULL ){
      jsonloc_warn(g, zFile, zE, "%s %s is not among the imported %s of %s; left out of the policy",
                   eKind ? "group" : "user", z, eKind ? "groups" : "users", c->zTenant);
    }
    if( zOut && graph_put(pList, NULL, cJSON_CreateString(zOut)) ) return TS_NOMEM;
  }
  return TS_OK;
}

/* includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers (zKey). */
static int ca_guests(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *pUsers,
                     const char *zKey, cJSON *pOut){
  const cJSON *o = jsonloc_object(g, zFile, zPath, pUsers, zKey, 0), *e, *m, *a;
  const char *zTypes, *zKind;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX], zNorm[300], zName[64];
  unsigned mTypes = 0;
  cJSON *pG, *pT, *pMembers;
  int i = 0;
  if( o==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( (zTypes = jsonloc_string(g, zFile, zSub, o, "guestOrExternalUserTypes", 1))==NULL ) return TS_OK;
  jsonloc_path_key(zE, sizeof(zE), zSub, "guestOrExternalUserTypes");
  while( 1 ){
    size_t k = strcspn(zTypes, ","), b = 0, n = k;
    while( b<n && zTypes[b]==' ' ) b++;
    while( n>b && zTypes[n-1]==' ' ) n--;
    snprintf(zName, sizeof(zName), "%.*s", (int)(n-b<63 ? n-b : 63), zTypes+b);
    if( authz_guest_type_bit(zName)==0 ){
      jsonloc_error(g, zFile, zE, "unknown guest or external user type \"%s\"", zName);
      return TS_OK;
    }
    mTypes |= authz_guest_type_bit(zName);
    if( zTypes[k]==0 ) break;
    zTypes += k+1;
  }
  if( (pG = cJSON_AddObjectToObject(pOut, zKey))==NULL
   || !cJSON_AddStringToObject(pG, "guestOrExternalUserTypes",
                               authz_guest_types_format(mTypes, zNorm, sizeof(zNorm))) ) return TS_NOMEM;
  if( (e = jsonloc_object(g, zFile, zSub, o, "externalTenants", 0))==NULL ) return TS_OK;
  jsonloc_path_key(zE, sizeof(zE), zSub, "externalTenants");
  if( (zKind = jsonloc_string(g, zFile, zE, e, "membershipKind", 1))==NULL ) return TS_OK;
  if( strcmp(zKind, "all")!=0 && strcmp(zKind, "enumerated")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zE, "membershipKind");
    jsonloc_error(g, zFile, zSub, "expected \"all\" or \"enumerated\", found \"%s\"", zKind);
    return TS_OK;
  }
  if( (pT = cJSON_AddObjectToObject(pG, "externalTenants"))==NULL
   || !cJSON_AddStringToObject(pT, "membershipKind", zKind) ) return TS_NOMEM;
  if( strcmp(zKind, "all")==0 ) return TS_OK;
  if( (pMembers = cJSON_AddArrayToObject(pT, "members"))==NULL ) return TS_NOMEM;
  jsonloc_path_key(zSub, sizeof(zSub), zE, "members");
  if( (a = jsonloc_array(g, zFile, zE, e, "members", 1))!=NULL && a->child==NULL ){
    jsonloc_error(g, zFile, zSub, "membershipKind \"enumerated\" with no members");
  }
  cJSON_ArrayForEach(m, a){
    char zM[TS_JSONPATH_MAX];
    jsonloc_path_idx(zM, sizeof(zM), zSub, i++);
    if( !authz_is_guid(cJSON_GetStringValue(m)) ){
      jsonloc_error(g, zFile, zM, "expected a tenant id (a GUID)");
    }else if( graph_put(pMembers, NULL, cJSON_CreateString(m->valuestring)) ){
      return TS_NOMEM;
    }
  }
  return TS_OK;
}

/* "conditions" of policy p into pPolicy; TS_ERR when it is unusable. */
static int ca_conditions(JsonLoc *g, Ctx *c, const char *zFile, const char *zPath, const cJSON *p,
                         cJSON *pPolicy){
  static const char *const azLists[] = {
    "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles"
  };
  static const char *const azUsersKnown[] = {
    "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles",
    "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers", NULL
  };
  static const char *const azCondKnown[] = { "users", "applications", "clientAppTypes", NULL };
  const cJSON *pCond = jsonloc_object(g, zFile, zPath, p, "conditions", 1), *pUsers, *pApps, *pTypes;
  char zSub[TS_JSONPATH_MAX], zU[TS_JSONPATH_MAX];
  cJSON *pC, *pU;
  int i, rc;
  if( pCond==NULL ) return TS_ERR;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "conditions");
  if( (pUsers = jsonloc_object(g, zFile, zSub, pCond, "users", 1))==NULL ) return TS_ERR;
  /* all applications and all client apps restrict nothing: no warning */
  pApps = cJSON_GetObjectItemCaseSensitive(pCond, "applications");
  pTypes = cJSON_GetObjectItemCaseSensitive(pCond, "clientAppTypes");
  if( graph_has_content(pApps) ){
    const cJSON *pInc = cJSON_GetObjectItemCaseSensitive(pApps, "includeApplications"), *m;
    int bAll = cJSON_GetArraySize(pInc)==1 && cJSON_GetStringValue(cJSON_GetArrayItem(pInc, 0))
            && strcmp(cJSON_GetArrayItem(pInc, 0)->valuestring, "All")==0;
    for(m=pApps->child; bAll && m; m=m->next){
      if( m!=pInc && strchr(m->string, '@')==NULL && graph_has_content(m) ) bAll = 0;
    }
    jsonloc_path_key(zU, sizeof(zU), zSub, "applications");
    if( !bAll && graph_unmodelled_add(&c->unm, "conditions.applications", zU) ) return TS_NOMEM;
  }
  if( graph_has_content(pTypes) && !(cJSON_GetArraySize(pTypes)==1
      && strcmp(cJSON_GetStringValue(cJSON_GetArrayItem(pTypes, 0)) ? cJSON_GetArrayItem(pTypes, 0)->valuestring
                : "", "all")==0) ){
    jsonloc_path_key(zU, sizeof(zU), zSub, "clientAppTypes");
    if( graph_unmodelled_add(&c->unm, "conditions.clientAppTypes", zU) ) return TS_NOMEM;
  }
  if( note_unmodelled(c, zSub, pCond, azCondKnown, "conditions.") ) return TS_NOMEM;
  jsonloc_path_key(zU, sizeof(zU), zSub, "users");
  if( note_unmodelled(c, zU, pUsers, azUsersKnown, "conditions.users.") ) return TS_NOMEM;
  if( (pC = cJSON_AddObjectToObject(pPolicy, "conditions"))==NULL
   || (pU = cJSON_AddObjectToObject(pC, "users"))==NULL ) return TS_NOMEM;
  for(i=0; i<6; i++){
    if( (rc = ca_list(g, c, zFile, zU, pUsers, azLists[i], i/2, pU))!=TS_OK ) return rc;
  }
  if( (rc = ca_guests(g, zFile, zU, pUsers, "includeGuestsOrExternalUsers", pU))!=TS_OK ) return rc;
  return ca_guests(g, zFile, zU, pUsers, "excludeGuestsOrExternalUsers", pU);
}

/* "grantControls" of policy p into pPolicy. */
static int ca_grant(JsonLoc *g, Ctx *c, const char *zFile, const char *zPath, const cJSON *p,
                    cJSON *pPolicy){
  static const char *const azKnown[] = { "operator", "builtInControls", NULL };
  const cJSON *o = jsonloc_object(g, zFile, zPath, p, "grantControls", 0), *a, *m;
  char zSub[TS_JSONPATH_MAX], zL[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  const char *zOp;
  cJSON *pG, *pList;
  int i = 0;
  if( o==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "grantControls");
  if( note_unmodelled(c, zSub, o, azKnown, "grantControls.") ) return TS_NOMEM;
  if( (pG = cJSON_AddObjectToObject(pPolicy, "grantControls"))==NULL ) return TS_NOMEM;
  if( (zOp = jsonloc_string(g, zFile, zSub, o, "operator", 0))!=NULL ){
    if( strcmp(zOp, "AND")!=0 && strcmp(zOp, "OR")!=0 ){
      jsonloc_path_key(zE, sizeof(zE), zSub, "operator");
      jsonloc_error(g, zFile, zE, "expected \"AND\" or \"OR\", found \"%s\"", zOp);
    }else if( !cJSON_AddStringToObject(pG, "operator", zOp) ){
      return TS_NOMEM;
    }
  }
  if( (a = jsonloc_array(g, zFile, zSub, o, "builtInControls", 0))==NULL ) return TS_OK;
  if( (pList = cJSON_AddArrayToObject(pG, "builtInControls"))==NULL ) return TS_NOMEM;
  jsonloc_path_key(zL, sizeof(zL), zSub, "builtInControls");
  cJSON_ArrayForEach(m, a){
    const char *z = cJSON_GetStringValue(m);
    jsonloc_path_idx(zE, sizeof(zE), zL, i++);
    if( z==NULL ) jsonloc_error(g, zFile, zE, "expected a string, found %s", jsonloc_type_name(m));
    else if( !authz_control_known(z) ) jsonloc_warn(g, zFile, zE, "built-in control %s is not modelled; ignored", z);
    else if( graph_put(pList, NULL, cJSON_CreateString(z)) ) return TS_NOMEM;
  }
  return TS_OK;
}

static int ca_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pCtx){
  static const char *const azKnown[] = { "displayName", "state", "conditions", "grantControls", NULL };
  static const char *const azStates[] = { "enabled", "disabled", "enabledForReportingButNotEnforced", NULL };
  Ctx *c = pCtx;
  const char *zName = jsonloc_string(g, zFile, zPath, p, "displayName", 1);
  const char *zState = jsonloc_string(g, zFile, zPath, p, "state", 1);
  char zSub[TS_JSONPATH_MAX];
  cJSON *pPolicy;
  int rc;
  if( note_unmodelled(c, zPath, p, azKnown, "") ) return TS_NOMEM;
  if( zState && !one_of(zState, azStates) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "state");
    jsonloc_error(g, zFile, zSub, "expected \"enabled\", \"disabled\" or"
                  " \"enabledForReportingButNotEnforced\", found \"%s\"", zState);
    zState = NULL;
  }
  if( zName==NULL || zState==NULL ) return TS_OK;
  if( (pPolicy = cJSON_CreateObject())==NULL
   || !cJSON_AddStringToObject(pPolicy, "displayName", zName)
   || !cJSON_AddStringToObject(pPolicy, "state", zState) ){
    cJSON_Delete(pPolicy);
    return TS_NOMEM;
  }
  rc = ca_conditions(g, c, zFile, zPath, p, pPolicy);
  if( rc==TS_OK ) rc = ca_grant(g, c, zFile, zPath, p, pPolicy);
  if( rc!=TS_OK ){
    cJSON_Delete(pPolicy);
    return rc==TS_ERR ? TS_OK : rc;
  }
  return graph_put(c->pOut, NULL, pPolicy) ? TS_NOMEM : TS_OK;
}


/* -------------------------------------------- application permissions */

static int perm_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pCtx){
  static const char *const azKnown[] = {
    "appRoleId", "principalId", "principalDisplayName", "principalType", "resourceDisplayName",
    "resourceId", NULL
  };
  Ctx *c = pCtx;
  const char *zRoleId = jsonloc_string(g, zFile, zPath, p, "appRoleId", 1);
  const char *zPrincipal = jsonloc_string(g, zFile, zPath, p, "principalId", 1);
  const char *zName = jsonloc_string(g, zFile, zPath, p, "principalDisplayName", 0);
  const char *zType = jsonloc_string(g, zFile, zPath, p, "principalType", 0);
  const char *zResource = jsonloc_string(g, zFile, zPath, p, "resourceDisplayName", 0);
  const AuthzPermission *pPerm;
  char zSub[TS_JSONPATH_MAX];
  cJSON *pSp = NULL, *pList, *it;
  if( note_unmodelled(c, zPath, p, azKnown, "") ) return TS_NOMEM;
  if( zRoleId==NULL || zPrincipal==NULL ) return TS_OK;
  if( zType && strcmp(zType, "ServicePrincipal")!=0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "principalType");
    jsonloc_warn(g, zFile, zSub, "an app role assigned to a %s is not an application permission;"
                 " ignored", zType);
    return TS_OK;
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "appRoleId");
  if( (pPerm = authz_permission_find(zRoleId))==NULL || !authz_is_guid(zRoleId) ){
    jsonloc_warn(g, zFile, zSub, "app role %s of %s is not an application permission tenantsim"
                 " lists; ignored", zRoleId, zResource ? zResource : "its resource");
    return TS_OK;
  }
  cJSON_ArrayForEach(it, c->pOut){
    const char *zId = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "@principalId"));
    if( zId && strcmp(zId, zPrincipal)==0 ){ pSp = it; break; }
  }
  if( pSp==NULL ){
    if( (pSp = cJSON_CreateObject())==NULL
     || !cJSON_AddStringToObject(pSp, "@principalId", zPrincipal)
     || !cJSON_AddStringToObject(pSp, "displayName", zName ? zName : zPrincipal)
     || !cJSON_AddArrayToObject(pSp, "applicationPermissions") ){
      cJSON_Delete(pSp);
      return TS_NOMEM;
    }
    if( graph_put(c->pOut, NULL, pSp) ) return TS_NOMEM;
  }
  pList = cJSON_GetObjectItemCaseSensitive(pSp, "applicationPermissions");
  cJSON_ArrayForEach(it, pList) if( strcmp(it->valuestring, pPerm->zValue)==0 ) return TS_OK;
  return graph_put(pList, NULL, cJSON_CreateString(pPerm->zValue)) ? TS_NOMEM : TS_OK;
}

/* ---------------------------------------------------------------- API */

int graph_authz_import(JsonLoc *g, GraphAuthz *a, GraphAuthzKind e, const GraphDir *d,
                       const char *zTenant, const char *zFile, const cJSON *pDoc){
  cJSON **pp = e==GRAPH_AUTHZ_CA ? &a->pCa : e==GRAPH_AUTHZ_APP_PERMS ? &a->pSps : &a->pRoles;
  Ctx c;
  if( *pp==NULL && (*pp = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  ctx_init(&c, d, zTenant, *pp);
  switch( e ){
    case GRAPH_AUTHZ_ROLES:
      return each(g, &c, zFile, pDoc, "role assignment", role_one);
    case GRAPH_AUTHZ_ELIGIBILITY:
      c.bEligible = 1;
      return each(g, &c, zFile, pDoc, "role eligibility", role_one);
    case GRAPH_AUTHZ_CA:
      return each(g, &c, zFile, pDoc, "policy", ca_one);
    case GRAPH_AUTHZ_APP_PERMS:
      return each(g, &c, zFile, pDoc, "app role assignment", perm_one);
  }
  return TS_OK;
}

/* Move *pp into pTenant as zKey when it has items. */
static int attach(cJSON **pp, cJSON *pTenant, const char *zKey){
  cJSON *p = *pp;
  *pp = NULL;
  if( p==NULL || p->child==NULL ){ cJSON_Delete(p); return TS_OK; }
  return graph_put(pTenant, zKey, p) ? TS_NOMEM : TS_OK;
}

int graph_authz_attach(GraphAuthz *a, cJSON *pTenant){
  cJSON *it;
  int rc;
  /* the principal ids that told service principals apart go */
  cJSON_ArrayForEach(it, a->pSps) cJSON_DeleteItemFromObjectCaseSensitive(it, "@principalId");
  rc = attach(&a->pRoles, pTenant, "roleAssignments");
  if( rc==TS_OK ) rc = attach(&a->pCa, pTenant, "conditionalAccessPolicies");
  if( rc==TS_OK ) rc = attach(&a->pSps, pTenant, "servicePrincipals");
  return rc;
}

void graph_authz_free(GraphAuthz *a){
  cJSON_Delete(a->pDirRoles);
  cJSON_Delete(a->pRoles);
  cJSON_Delete(a->pCa);
  cJSON_Delete(a->pSps);
  memset(a, 0, sizeof(*a));
}
