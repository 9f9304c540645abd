/*
** graph_groups.c — Graph groups, their members, owners and administrative
** units, and the sync configuration's app role assignments, into a
** GraphDir (graph_groups.h).
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "tserr.h"
#include "dyngroup.h"
#include "graph_stream.h"
#include "graph_usersInt.h"
#include "graph_groups.h"

/* ------------------------------------------------------------ groups */

/* The scenario group type of a Graph group, or NULL (error recorded). */
static const char *group_type(JsonLoc *g, const char *zFile, const char *zPath,
                              const cJSON *pGroup){
  const cJSON *pTypes = jsonloc_array(g, zFile, zPath, pGroup, "groupTypes", 0), *c;
  int bUnified = 0;
  int bSec = jsonloc_bool(g, zFile, zPath, pGroup, "securityEnabled");
  int bMail = jsonloc_bool(g, zFile, zPath, pGroup, "mailEnabled");
  char zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( pTypes ) cJSON_ArrayForEach(c, pTypes){
    if( !cJSON_IsString(c) ){
      char zP[TS_JSONPATH_MAX];
      jsonloc_path_key(zSub, sizeof(zSub), zPath, "groupTypes");
      jsonloc_path_idx(zP, sizeof(zP), zSub, i);
      jsonloc_error(g, zFile, zP, "expected a string, found %s", jsonloc_type_name(c));
    }
    i++;
    if( cJSON_IsString(c) && strcmp(c->valuestring, "Unified")==0 ) bUnified = 1;
  }
  if( bUnified ) return "Microsoft365";
  if( bMail==1 ) return bSec==1 ? "MailEnabledSecurity" : "Distribution";
  return "Security";
}

/* Is "DynamicMembership" among the groupTypes of pGroup? */
static int group_is_dynamic(const cJSON *pGroup){
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(pGroup, "groupTypes")){
    if( cJSON_IsString(c) && strcmp(c->valuestring, "DynamicMembership")==0 ) return 1;
  }
  return 0;
}

/* A dynamic group's membershipRule (and processing state) into the
** scenario group pOut. A rule tenantsim cannot evaluate is reported and the
** group imported as an assigned one, with the members the export lists.
** Nonzero when out of memory. */
static int group_rule(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *pGroup,
                      const char *zType, cJSON *pOut){
  const char *zRule = jsonloc_string(g, zFile, zPath, pGroup, "membershipRule", 0);
  const char *zState = jsonloc_string(g, zFile, zPath, pGroup, "membershipRuleProcessingState", 0);
  char zSub[TS_JSONPATH_MAX];
  DynRule *pRule = NULL;
  DynError e;
  int rc;
  if( !group_is_dynamic(pGroup) ) return 0;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "membershipRule");
  if( zRule==NULL ){
    jsonloc_warn(g, zFile, zSub, "a DynamicMembership group without its membershipRule (select"
                 " it in the export): imported as an assigned group");
    return 0;
  }
  if( strcmp(zType, "Security")!=0 && strcmp(zType, "Microsoft365")!=0 ){
    jsonloc_warn(g, zFile, zSub, "a %s group cannot be dynamic in tenantsim (dynamic membership"
                 " is for security and Microsoft 365 groups): imported as an assigned group with"
                 " the members the export lists", zType);
    return 0;
  }
  rc = dynrule_compile(zRule, dyngroup_resolve, NULL, &pRule, &e);
  dynrule_free(pRule);
  if( rc==TS_NOMEM ) return 1;
  if( rc ){
    jsonloc_warn(g, zFile, zSub, "this rule cannot be evaluated by tenantsim (at character %d:"
                 " %s): imported as an assigned group with the members the export lists",
                 e.iCol, e.zMsg);
    return 0;
  }
  if( cJSON_AddStringToObject(pOut, "membershipRule", zRule)==NULL ) return 1;
  if( zState && strcmp(zState, "Paused")==0
   && cJSON_AddStringToObject(pOut, "membershipRuleProcessingState", "Paused")==NULL ) return 1;
  return 0;
}

static int group_translate(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                           const cJSON *pGroup, void *pCtx){
  GraphUnmodelled *pUnm = pCtx;
  static const char *const azKnown[] = {
    "id", "displayName", "groupTypes", "securityEnabled", "mailEnabled", "mailNickname",
    "membershipRule", "membershipRuleProcessingState", "originTenantInfo", NULL
  };
  const char *zId = jsonloc_string(g, zFile, zPath, pGroup, "id", 1);
  const char *zName = jsonloc_string(g, zFile, zPath, pGroup, "displayName", 0);
  const char *zNick = jsonloc_string(g, zFile, zPath, pGroup, "mailNickname", 0);
  const char *zType;
  const cJSON *c;
  cJSON *pOut;
  char zKey[128], zSub[TS_JSONPATH_MAX];
  if( zId==NULL ) return TS_OK;
  if( hmap_get(&d->groupById, zId, NULL) ){
    jsonloc_warn(g, zFile, zPath, "group %s appears twice; the first kept", zId);
    return TS_OK;
  }
  zType = group_type(g, zFile, zPath, pGroup);
  for(c=pGroup->child; c; c=c->next){
    int k;
    if( c->string[0]=='@' || !graph_has_content(c) ) continue;
    for(k=0; azKnown[k] && strcmp(azKnown[k], c->string)!=0; k++){}
    if( azKnown[k] ) continue;
    jsonloc_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( graph_unmodelled_add(pUnm, c->string, zSub) ) return TS_NOMEM;
  }
  if( graph_users_arrays(d) ) return TS_NOMEM;
  if( (pOut = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  if( graph_users_make_key(&d->groupKeys, zNick ? zNick : zName, zId, zKey, sizeof(zKey))
   || cJSON_AddStringToObject(pOut, "key", zKey)==NULL
   || (zName && cJSON_AddStringToObject(pOut, "displayName", zName)==NULL)
   || cJSON_AddStringToObject(pOut, "type", zType)==NULL
   || group_rule(g, zFile, zPath, pGroup, zType, pOut)
   || mem_grow_int((void**)&d->apGroup, d->nGroup, &d->nGroupAlloc, sizeof(cJSON*))
   || hmap_put(&d->groupById, zId, d->nGroup) ){
    cJSON_Delete(pOut);
    return TS_NOMEM;
  }
  d->apGroup[d->nGroup++] = pOut;
  cJSON_AddItemToArray(d->pGroups, pOut);
  return TS_OK;
}

int graph_groups_add(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc){
  return graph_users_translate_each(g, d, zFile, pDoc, group_translate, "group");
}

/* ----------------------------------------------------------- members */

/* Record one member (pCtx: the group's Graph id): a user, or a nested
** group (kept as the group's "memberGroups" when it is imported too). */
static int member_record(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                         const cJSON *pObj, void *pCtx){
  const char *zGroupId = pCtx;
  const char *zId = jsonloc_string(g, zFile, zPath, pObj, "id", 1);
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pObj, "@odata.type"));
  int bGroup = zType && strcmp(zType, "#microsoft.graph.group")==0;
  GraphMember *m;
  if( zId==NULL ) return TS_OK;
  if( zType && !bGroup && strcmp(zType, "#microsoft.graph.user")!=0 ){
    jsonloc_warn(g, zFile, zPath, "member %s is a %s: only users and groups are modelled as"
              " members; ignored", zId, zType[0]=='#' ? zType+1 : zType);
    return TS_OK;
  }
  if( mem_grow_int((void**)&d->aMember, d->nMember, &d->nMemberAlloc, sizeof(GraphMember)) ){
    return TS_NOMEM;
  }
  m = &d->aMember[d->nMember];
  m->bGroup = bGroup;
  m->zGroupId = graph_users_intern(d, &d->zLastGroup, zGroupId);
  m->zMemberId = graph_users_strdup(d, zId);
  m->zFile = graph_users_intern(d, &d->zLastFile, zFile);
  m->zPath = graph_users_strdup(d, zPath);
  if( m->zGroupId==NULL || m->zMemberId==NULL || m->zFile==NULL || m->zPath==NULL ) return TS_NOMEM;
  d->nMember++;
  return TS_OK;
}

int graph_groups_add_members(JsonLoc *g, GraphDir *d, const char *zFile,
                          const char *zGroupId, const cJSON *pDoc){
  return graph_users_each(g, d, zFile, pDoc, (void*)zGroupId, member_record);
}

int graph_groups_stream_members(JsonLoc *g, GraphDir *d, const char *zFile, const char *zGroupId,
                                const char *zText, size_t nText){
  GraphStreamMark m;
  int nMember = d->nMember, rc;
  graph_stream_mark(g, &m);
  rc = graph_users_stream_each(g, d, zFile, zText, nText, (void*)zGroupId, member_record);
  if( rc==GRAPH_STREAM_NO ){
    d->nMember = nMember;      /* their strings stay in the arena until graph_users_free */
    graph_stream_rewind(g, &m);
  }
  return rc;
}

/* Append zKey to the array member zName (a literal, not copied) of pObj
** (created when missing), unless it is there already. */
int graph_groups_add_unique(cJSON *pObj, const char *zName, const char *zKey){
  cJSON *a = graph_users_obj_get(pObj, zName), *c;
  if( a==NULL && graph_users_put_static(pObj, zName, a = cJSON_CreateArray()) ) return TS_NOMEM;
  cJSON_ArrayForEach(c, a){
    if( cJSON_IsString(c) && strcmp(c->valuestring, zKey)==0 ) return TS_OK;
  }
  if( !cJSON_AddItemToArray(a, cJSON_CreateString(zKey)) ) return TS_NOMEM;
  return TS_OK;
}

/* ------------------------------------------------- group protection */

/* One owner of group zGroupId (pCtx); users are resolved already. */
static int owner_add(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                     const cJSON *pObj, void *pCtx){
  const char *zGroupId = pCtx;
  const char *zId = jsonloc_string(g, zFile, zPath, pObj, "id", 1);
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pObj, "@odata.type"));
  int64_t iG, iU;
  if( zId==NULL ) return TS_OK;
  if( !hmap_get(&d->groupById, zGroupId, &iG) ){
    jsonloc_warn(g, zFile, zPath, "group %s is not among the imported groups; its owners are"
                 " ignored", zGroupId);
    return TS_OK;
  }
  if( zType && strcmp(zType, "#microsoft.graph.user")!=0 ){
    jsonloc_warn(g, zFile, zPath, "an owner of type %s is not modelled (users are); ignored", zType);
    return TS_OK;
  }
  if( !hmap_get(&d->userById, zId, &iU) ){
    jsonloc_warn(g, zFile, zPath, "owner %s of group %s is not among the imported users; ignored",
                 zId, graph_users_item_key(d->apGroup[iG]));
    return TS_OK;
  }
  return graph_groups_add_unique(d->apGroup[iG], "owners", graph_users_item_key(d->aRec[iU].pUser));
}

int graph_groups_add_owners(JsonLoc *g, GraphDir *d, const char *zFile,
                           const char *zGroupId, const cJSON *pDoc){
  return graph_users_each(g, d, zFile, pDoc, (void*)zGroupId, owner_add);
}

/* Member pObj (at zPath) of a restricted administrative unit: a group
** among the imported ones is marked; users and devices protect nothing. */
static int unit_member_mark(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                            const cJSON *pObj){
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pObj, "@odata.type"));
  const char *zId = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pObj, "id"));
  int64_t iG;
  if( zType && strcmp(zType, "#microsoft.graph.group")!=0 ) return TS_OK;   /* users, devices */
  if( zId==NULL ){
    jsonloc_error(g, zFile, zPath, "expected a directory object with an id");
    return TS_OK;
  }
  if( !hmap_get(&d->groupById, zId, &iG) ){
    if( zType ) jsonloc_warn(g, zFile, zPath, "group %s is not among the imported groups; ignored", zId);
    return TS_OK;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(d->apGroup[iG], "restrictedManagementUnit");
  return cJSON_AddTrueToObject(d->apGroup[iG], "restrictedManagementUnit") ? TS_OK : TS_NOMEM;
}

/* One administrative unit (pCtx: is bMembersApart set?): a restricted one
** marks its member groups; every unit with an id is remembered for the
** member documents that may follow. */
static int admin_unit(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                      const cJSON *pObj, void *pCtx){
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zEl[TS_JSONPATH_MAX];
  int bRestricted = jsonloc_bool(g, zFile, zPath, pObj, "isMemberManagementRestricted"), k = 0;
  int bApart = *(const int*)pCtx, rc = TS_OK;
  const char *zId = jsonloc_string(g, zFile, zPath, pObj, "id", bApart);
  a = jsonloc_array(g, zFile, zPath, pObj, "members", 0);
  if( zId && hmap_put(&d->unitById, zId, bRestricted==1) ) return TS_NOMEM;
  if( bRestricted<1 ) return TS_OK;          /* an ordinary unit protects nothing */
  if( a==NULL ){
    if( !bApart ){
      jsonloc_warn(g, zFile, zPath, "a restricted administrative unit without its members"
                   " ($expand=members): no group is marked");
    }
    return TS_OK;
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "members");
  cJSON_ArrayForEach(c, a){
    jsonloc_path_idx(zEl, sizeof(zEl), zSub, k++);
    if( (rc = unit_member_mark(g, d, zFile, zEl, c))!=TS_OK ) break;
  }
  return rc;
}

int graph_groups_add_admin_units(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                                int bMembersApart){
  return graph_users_each(g, d, zFile, pDoc, &bMembersApart, admin_unit);
}

/* One member of unit zUnitId (pCtx). */
static int admin_unit_member(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                             const cJSON *pObj, void *pCtx){
  const char *zUnitId = pCtx;
  int64_t bRestricted;
  if( !hmap_get(&d->unitById, zUnitId, &bRestricted) ){
    jsonloc_warn(g, zFile, zPath, "administrative unit %s is not among the imported units; its"
                 " members are ignored", zUnitId);
    return TS_OK;
  }
  return bRestricted ? unit_member_mark(g, d, zFile, zPath, pObj) : TS_OK;
}

int graph_groups_add_admin_unit_members(JsonLoc *g, GraphDir *d, const char *zFile,
                                       const char *zUnitId, const cJSON *pDoc){
  return graph_users_each(g, d, zFile, pDoc, (void*)zUnitId, admin_unit_member);
}

/* ------------------------------------------------------- assignments */



/* One appRoleAssignment (pCtx: the job's "assignments" object). */
static int assignment_add(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                          const cJSON *pObj, void *pCtx){
  cJSON *pAssign = pCtx;
  const char *zId = jsonloc_string(g, zFile, zPath, pObj, "principalId", 1);
  const char *zType = jsonloc_string(g, zFile, zPath, pObj, "principalType", 1);
  int64_t i;
  char zSub[TS_JSONPATH_MAX];
  if( zId==NULL || zType==NULL ) return TS_OK;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "principalId");
  if( strcmp(zType, "User")==0 ){
    if( !hmap_get(&d->userById, zId, &i) ){
      jsonloc_warn(g, zFile, zSub, "assigned user %s is not among the imported users; ignored", zId);
      return TS_OK;
    }
    return graph_groups_add_unique(pAssign, "users", graph_users_item_key(d->aRec[i].pUser));
  }
  if( strcmp(zType, "Group")==0 ){
    if( !hmap_get(&d->groupById, zId, &i) ){
      jsonloc_warn(g, zFile, zSub, "assigned group %s is not among the imported groups; ignored", zId);
      return TS_OK;
    }
    return graph_groups_add_unique(pAssign, "groups", graph_users_item_key(d->apGroup[i]));
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "principalType");
  jsonloc_warn(g, zFile, zSub, "a %s assignment is not modelled (users and groups are); ignored", zType);
  return TS_OK;
}

int graph_groups_add_assignments(JsonLoc *g, GraphDir *d, const char *zFile,
                              const cJSON *pDoc, cJSON *pJob){
  cJSON *pAssign = cJSON_GetObjectItemCaseSensitive(pJob, "assignments");
  if( pAssign==NULL && (pAssign = cJSON_AddObjectToObject(pJob, "assignments"))==NULL ){
    return TS_NOMEM;
  }
  return graph_users_each(g, d, zFile, pDoc, pAssign, assignment_add);
}
