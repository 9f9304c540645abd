/*
** graph_users.c — Graph users, groups, members and assignments into
** scenario tenants (graph_users.h).
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "attr.h"
#include "mem.h"
#include "tserr.h"
#include "digraph.h"
#include "dyngroup.h"
#include "graph_stream.h"
#include "graph_users.h"

/* A membership or nothing else: group zGroupId has direct member zMemberId,
** a user, or a group nested in it (bGroup). */
struct GraphMember {
  const char *zGroupId;
  const char *zMemberId;
  int bGroup;
  const char *zFile, *zPath;  /* where the member was read, for messages */
};

/* How one Graph user property becomes scenario attributes. */
enum { UP_STRING, UP_BOOL, UP_DATE, UP_FIRST, UP_ONPREM_EXT, UP_MANAGER, UP_META, UP_ORIGIN };

static const struct { const char *zGraph; const char *zScn; int eKind; } aUserProp[] = {
  { "accountEnabled",     "accountEnabled",     UP_BOOL },
  { "userPrincipalName",  "userPrincipalName",  UP_STRING },
  { "mail",               "mail",               UP_STRING },
  { "mailNickname",       "mailNickname",       UP_STRING },
  { "displayName",        "displayName",        UP_STRING },
  { "givenName",          "givenName",          UP_STRING },
  { "surname",            "surname",            UP_STRING },
  { "department",         "department",         UP_STRING },
  { "jobTitle",           "jobTitle",           UP_STRING },
  { "employeeId",         "employeeId",         UP_STRING },
  { "companyName",        "companyName",        UP_STRING },
  { "streetAddress",      "streetAddress",      UP_STRING },
  { "city",               "city",               UP_STRING },
  { "state",              "state",              UP_STRING },
  { "postalCode",         "postalCode",         UP_STRING },
  { "country",            "country",            UP_STRING },
  { "officeLocation",     "physicalDeliveryOfficeName", UP_STRING },
  { "preferredLanguage",  "preferredLanguage",  UP_STRING },
  { "usageLocation",      "usageLocation",      UP_STRING },
  { "showInAddressList",  "showInAddressList",  UP_BOOL },
  { "userType",           "userType",           UP_STRING },
  { "employeeHireDate",   "employeeHireDate",   UP_DATE },
  { "businessPhones",     "telephoneNumber",    UP_FIRST },
  { "onPremisesExtensionAttributes", NULL,      UP_ONPREM_EXT },
  { "manager",            NULL,                 UP_MANAGER },
  /* read to classify B2B users, not attributes of the scenario */
  { "id",                 NULL,                 UP_META },
  { "creationType",       NULL,                 UP_META },
  { "externalUserState",  NULL,                 UP_META },
  /* beta: set by cross-tenant sync on the users it manages (what
  ** `export --users` writes); the run derives it, the scenario has no
  ** place for it */
  { "originTenantInfo",   NULL,                 UP_ORIGIN },
};

/* ------------------------------------------------------------ set-up */

void graph_users_init(GraphDir *d){
  memset(d, 0, sizeof(*d));
  hmap_init(&d->userById);
  hmap_init(&d->groupById);
  hmap_init(&d->userKeys);
  hmap_init(&d->groupKeys);
  hmap_init(&d->unitById);
  arena_init(&d->strings);
}

static void rec_clear(GraphUserRec *r){
  mem_free(r->zManager);
  memset(r, 0, sizeof(*r));
}

/* A copy of z in d's arena, or NULL when memory ran out. */
static const char *dir_strdup(GraphDir *d, const char *z){
  size_t n = strlen(z) + 1;
  char *zCopy = arena_alloc(&d->strings, n);
  return zCopy ? memcpy(zCopy, z, n) : NULL;
}

/* The same for a string that repeats from one object to the next (a
** document's name, a group's id), *pzLast the copy made last time: copied
** once while it repeats. */
static const char *dir_intern(GraphDir *d, const char **pzLast, const char *z){
  if( *pzLast==NULL || strcmp(*pzLast, z)!=0 ) *pzLast = dir_strdup(d, z);
  return *pzLast;
}

void graph_users_free(GraphDir *d){
  int i;
  cJSON_Delete(d->pUsers);
  cJSON_Delete(d->pGroups);
  for(i=0; i<d->nUser; i++) rec_clear(&d->aRec[i]);
  mem_free(d->aRec);
  mem_free(d->apGroup);
  mem_free(d->aMember);
  hmap_free(&d->userById);
  hmap_free(&d->groupById);
  hmap_free(&d->userKeys);
  hmap_free(&d->groupKeys);
  hmap_free(&d->unitById);
  arena_free(&d->strings);
  memset(d, 0, sizeof(*d));
}

/* Make sure the arrays exist (lazily, so that an unused GraphDir costs
** nothing). TS_OK or TS_NOMEM. */
static int dir_arrays(GraphDir *d){
  if( d->pUsers==NULL && (d->pUsers = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  if( d->pGroups==NULL && (d->pGroups = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  return TS_OK;
}


/* A key made of zFrom (up to '@' or the end): key-safe characters kept,
** others become '_', numbered "-2", "-3" ... when taken in pKeys, which it
** is then added to. zOut holds at least 128 bytes. */
static int dir_make_key(HMap *pKeys, const char *zFrom, const char *zFallback,
                        char *zOut, size_t nOut){
  size_t i, n = 0;
  int k;
  if( zFrom==NULL || zFrom[0]==0 || zFrom[0]=='@' ) zFrom = zFallback;
  for(i=0; zFrom[i] && zFrom[i]!='@' && n<64; i++){
    unsigned char c = (unsigned char)zFrom[i];
    zOut[n++] = (char)(isalnum(c) || c=='-' || c=='_' || c=='.' ? c : '_');
  }
  zOut[n] = 0;
  if( n==0 ) snprintf(zOut, nOut, "object");
  if( hmap_get(pKeys, zOut, NULL) ){
    char zBase[80];
    snprintf(zBase, sizeof(zBase), "%s", zOut);
    for(k=2; ; k++){
      snprintf(zOut, nOut, "%s-%d", zBase, k);
      if( !hmap_get(pKeys, zOut, NULL) ) break;
    }
  }
  return hmap_put(pKeys, zOut, 1) ? TS_NOMEM : TS_OK;
}

/* cJSON_GetObjectItemCaseSensitive(p, zName), comparing the first bytes
** before whole names. */
static cJSON *obj_get(const cJSON *p, const char *zName){
  cJSON *c;
  for(c=p->child; c && c->string; c=c->next){
    if( c->string[0]==zName[0] && strcmp(c->string, zName)==0 ) return c;
  }
  return NULL;
}

/* The "key" of a scenario user or group object. */
static const char *item_key(const cJSON *pItem){
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pItem, "key"));
}

/* ------------------------------------------------------------- users */

/* Is pUser (Graph) a B2B user: a guest invited from another organisation? */
static int user_is_b2b(const cJSON *pUser){
  const char *zType = cJSON_GetStringValue(obj_get(pUser, "userType"));
  const char *zCreation = cJSON_GetStringValue(obj_get(pUser, "creationType"));
  const char *zUpn = cJSON_GetStringValue(obj_get(pUser, "userPrincipalName"));
  if( zCreation && strcmp(zCreation, "Invitation")==0 ) return 1;
  if( zUpn && strstr(zUpn, "#EXT#") ) return 1;
  return zType && strcmp(zType, "Guest")==0 && zUpn && strstr(zUpn, "#EXT#");
}

/* Add pItem under zName, a string that lives as long as the program (the
** property table's names): not copied, since every user has them. TS_OK,
** or TS_NOMEM with pItem freed. */
static int put_static(cJSON *pObj, const char *zName, cJSON *pItem){
  if( pItem==NULL ) return TS_NOMEM;
  if( !cJSON_AddItemToObjectCS(pObj, zName, pItem) ){
    cJSON_Delete(pItem);
    return TS_NOMEM;
  }
  return TS_OK;
}

/* The path of member zKey of zParent in zBuf, made when first asked for:
** a user's paths are needed only for its messages. */
static const char *lazy_path(char *zBuf, size_t nBuf, const char *zParent, const char *zKey){
  if( zBuf[0]==0 ) jsonloc_path_key(zBuf, nBuf, zParent, zKey);
  return zBuf;
}

/* The index in aUserProp of Graph property zName, or -1. */
static int user_prop(const char *zName){
  int k;
  for(k=0; k<(int)(sizeof(aUserProp)/sizeof(aUserProp[0])); k++){
    const char *z = aUserProp[k].zGraph;
    if( z[0]==zName[0] && strcmp(z, zName)==0 ) return k;
  }
  return -1;
}

/* Add the scenario attributes of one onPremisesExtensionAttributes object,
** member zKey of the user at zUserPath. */
static int user_onprem_ext(JsonLoc *g, const char *zFile, const char *zUserPath, const char *zKey,
                           const cJSON *pExt, cJSON *pOut, GraphUnmodelled *pUnm){
  const cJSON *c;
  char zPath[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX];
  zPath[0] = 0;
  if( !cJSON_IsObject(pExt) ){
    jsonloc_error(g, zFile, lazy_path(zPath, sizeof(zPath), zUserPath, zKey),
                  "expected an object of extensionAttribute1..15, found %s", jsonloc_type_name(pExt));
    return TS_OK;
  }
  for(c=pExt->child; c; c=c->next){
    if( cJSON_IsNull(c) ) continue;
    if( strncmp(c->string, "extensionAttribute", 18)!=0 || !attr_is_extension(c->string) ){
      if( graph_unmodelled_add_key(pUnm, c->string, lazy_path(zPath, sizeof(zPath), zUserPath, zKey)) ){
        return TS_NOMEM;
      }
      continue;
    }
    if( !cJSON_IsString(c) ){
      jsonloc_path_key(zSub, sizeof(zSub), lazy_path(zPath, sizeof(zPath), zUserPath, zKey), c->string);
      jsonloc_error(g, zFile, zSub, "expected a string or null, found %s", jsonloc_type_name(c));
      continue;
    }
    if( cJSON_AddStringToObject(pOut, c->string, c->valuestring)==NULL ) return TS_NOMEM;
  }
  return TS_OK;
}

/* Member c (Graph property zName, an extension or unknown one) of the user
** at zPath into pOut, or into the unmodelled set. */
static int user_other_prop(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *c,
                           cJSON *pOut, GraphUnmodelled *pUnm){
  const char *zName = c->string;
  char zSub[TS_JSONPATH_MAX];
  if( attr_is_extension(zName) && strncmp(zName, "extension_", 10)==0 ){
    if( cJSON_IsNull(c) ) return TS_OK;
    if( !cJSON_IsString(c) ){
      jsonloc_path_key(zSub, sizeof(zSub), zPath, zName);
      jsonloc_warn(g, zFile, zSub, "only single-valued string extension attributes are"
                " modelled (found %s); ignored", jsonloc_type_name(c));
      return TS_OK;
    }
    return cJSON_AddStringToObject(pOut, zName, c->valuestring)==NULL ? TS_NOMEM : TS_OK;
  }
  if( graph_has_content(c) ) return graph_unmodelled_add_key(pUnm, zName, zPath);
  return TS_OK;
}

/* Member c, property aUserProp[k] of the user at zPath, into pOut; a
** manager's id into *pzManager (owned). */
static int user_prop_put(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *c, int k,
                         cJSON *pOut, GraphUnmodelled *pUnm, char **pzManager){
  const char *zName = c->string, *zScn = aUserProp[k].zScn;
  char zSub[TS_JSONPATH_MAX];
  zSub[0] = 0;
  switch( aUserProp[k].eKind ){
    case UP_STRING:
    case UP_DATE:
      if( !cJSON_IsString(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected a string or null, found %s", jsonloc_type_name(c));
      }else if( strcmp(zName, "userType")==0 && strcmp(c->valuestring, "Member")!=0
             && strcmp(c->valuestring, "Guest")!=0 ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected \"Member\" or \"Guest\", found \"%s\"", c->valuestring);
      }else{
        return put_static(pOut, zScn, cJSON_CreateString(c->valuestring));
      }
      break;
    case UP_BOOL:
      if( !cJSON_IsBool(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected true, false or null, found %s", jsonloc_type_name(c));
      }else{
        return put_static(pOut, zScn, cJSON_CreateBool(cJSON_IsTrue(c)));
      }
      break;
    case UP_FIRST:
      if( !cJSON_IsArray(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected an array of strings, found %s", jsonloc_type_name(c));
      }else if( c->child ){
        char zFirst[520];
        if( !cJSON_IsString(c->child) ){
          jsonloc_path_idx(zFirst, sizeof(zFirst), lazy_path(zSub, sizeof(zSub), zPath, zName), 0);
          jsonloc_error(g, zFile, zFirst, "expected a string, found %s", jsonloc_type_name(c->child));
          break;
        }
        if( c->child->next ){
          jsonloc_path_idx(zFirst, sizeof(zFirst), lazy_path(zSub, sizeof(zSub), zPath, zName), 1);
          if( graph_unmodelled_add(pUnm, "businessPhones (beyond the first)", zFirst) ) return TS_NOMEM;
        }
        return put_static(pOut, zScn, cJSON_CreateString(c->child->valuestring));
      }
      break;
    case UP_ONPREM_EXT:
      return user_onprem_ext(g, zFile, zPath, zName, c, pOut, pUnm);
    case UP_MANAGER: {
      const char *zMgr = jsonloc_string(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName), c, "id", 1);
      if( zMgr && (*pzManager = mem_strdup(zMgr))==NULL ) return TS_NOMEM;
      break;
    }
    case UP_ORIGIN:
      if( !cJSON_IsObject(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected an object or null, found %s", jsonloc_type_name(c));
      }
      break;
    default:
      if( !cJSON_IsString(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected a string or null, found %s", jsonloc_type_name(c));
      }
      break;
  }
  return TS_OK;
}

/* jsonloc_string(g, zFile, zPath, pUser, zKey, bRequired): a string member
** found directly, anything else (and its message) left to jsonloc. */
static const char *user_string(JsonLoc *g, const char *zFile, const char *zPath,
                               const cJSON *pUser, const char *zKey, int bRequired){
  const cJSON *c = obj_get(pUser, zKey);
  if( cJSON_IsString(c) ) return c->valuestring;
  return jsonloc_string(g, zFile, zPath, pUser, zKey, bRequired);
}

/* Translate one Graph user (at zPath of zFile) into a new scenario user. */
static int user_translate(JsonLoc *g, GraphDir *d, const char *zFile, const char *zPath,
                          const cJSON *pUser, void *pCtx){
  GraphUnmodelled *pUnm = pCtx;
  const char *zUpn = user_string(g, zFile, zPath, pUser, "userPrincipalName", 0);
  /* a $select without id still names the user by its UPN */
  const char *zId = user_string(g, zFile, zPath, pUser, "id", zUpn==NULL);
  if( zId==NULL ) zId = zUpn;
  const cJSON *c;
  cJSON *pOut = NULL;
  char zKey[128];
  int rc = TS_OK, bDup, bB2B;
  int64_t iOld = 0;
  char *zManager = NULL;

  if( zId==NULL ) return TS_OK;
  /* A user seen before (overlapping pages) is translated again only to
  ** compare: the same user says nothing, a different one is warned. */
  bDup = hmap_get(&d->userById, zId, &iOld);
  if( (pOut = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  if( bDup ){
    snprintf(zKey, sizeof(zKey), "%s", item_key(d->aRec[iOld].pUser));
  }else if( dir_make_key(&d->userKeys, zUpn, zId, zKey, sizeof(zKey)) ){
    rc = TS_NOMEM; goto free_user;
  }
  if( (rc = put_static(pOut, "key", cJSON_CreateString(zKey)))!=TS_OK ) goto free_user;
  /* Graph's mail null means "no mail"; the scenario's default is the UPN. */
  c = obj_get(pUser, "mail");
  if( (c==NULL || cJSON_IsNull(c))
   && (rc = put_static(pOut, "mail", cJSON_CreateNull()))!=TS_OK ) goto free_user;
  for(c=pUser->child; c; c=c->next){
    int k;
    if( c->string[0]=='@' ) continue;                 /* @odata.type, @odata.context ... */
    if( (k = user_prop(c->string))<0 ){
      rc = user_other_prop(g, zFile, zPath, c, pOut, pUnm);
    }else if( !cJSON_IsNull(c) ){
      rc = user_prop_put(g, zFile, zPath, c, k, pOut, pUnm, &zManager);
    }
    if( rc!=TS_OK ) goto free_user;
  }
  bB2B = user_is_b2b(pUser);
  if( bB2B && !obj_get(pOut, "userType")
   && (rc = put_static(pOut, "userType", cJSON_CreateString("Guest")))!=TS_OK ) goto free_user;
  /* Keep the Graph object for B2B resolution: the scenario user is
  ** annotated there (graph_users_resolve) and the markers removed. */
  if( bB2B ){
    const char *zState = cJSON_GetStringValue(obj_get(pUser, "externalUserState"));
    if( (rc = put_static(pOut, "@b2b", cJSON_CreateString(zState ? zState : "")))!=TS_OK ) goto free_user;
  }
  if( bDup ){
    const char *zOldMgr = d->aRec[iOld].zManager;
    int bSameMgr = zManager==NULL ? zOldMgr==NULL : zOldMgr && strcmp(zManager, zOldMgr)==0;
    if( !bSameMgr || !cJSON_Compare(pOut, d->aRec[iOld].pUser, 1) ){
      jsonloc_warn(g, zFile, zPath, "user %s appears twice with different values; the first (%s:"
                " %s) is kept", zId, d->aRec[iOld].zFile, d->aRec[iOld].zPath);
    }
    goto free_user;
  }
  if( dir_arrays(d)
   || mem_grow_int((void**)&d->aRec, d->nUser, &d->nUserAlloc, sizeof(GraphUserRec)) ){
    rc = TS_NOMEM; goto free_user;
  }
  {
    GraphUserRec *r = &d->aRec[d->nUser];
    r->zId = dir_strdup(d, zId);
    r->zFile = dir_intern(d, &d->zLastFile, zFile);
    r->zPath = dir_strdup(d, zPath);
    if( r->zId==NULL || r->zFile==NULL || r->zPath==NULL || hmap_put(&d->userById, zId, d->nUser) ){
      rec_clear(r);
      rc = TS_NOMEM; goto free_user;
    }
    r->zManager = zManager;
    r->bMarked = bB2B;
    zManager = NULL;
  }
  d->aRec[d->nUser++].pUser = pOut;
  cJSON_AddItemToArray(d->pUsers, pOut);
  pOut = NULL;
free_user:
  mem_free(zManager);
  cJSON_Delete(pOut);
  return rc;
}

/* graph_each over pDoc with d and pUnm for xOne. */
typedef struct DirEach {
  GraphDir *d;
  void *pUnm;
  int (*xOne)(JsonLoc*, GraphDir*, const char*, const char*, const cJSON*, void*);
} DirEach;

static int dir_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *pItem, void *pCtx){
  DirEach *e = pCtx;
  return e->xOne(g, e->d, zFile, zPath, pItem, e->pUnm);
}

static int dir_each(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                    void *pUnm,
                    int (*xOne)(JsonLoc*, GraphDir*, const char*, const char*,
                                const cJSON*, void*)){
  DirEach e;
  e.d = d;
  e.pUnm = pUnm;
  e.xOne = xOne;
  return graph_each(g, zFile, pDoc, &e, dir_one);
}

int graph_users_add_users(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc){
  GraphUnmodelled u;
  int rc;
  graph_unmodelled_init(&u);
  rc = dir_each(g, d, zFile, pDoc, &u, user_translate);
  if( rc==TS_OK ) graph_unmodelled_report(g, zFile, &u, "user");
  graph_unmodelled_free(&u);
  return rc;
}

/* Forget the users added after the first nUser (a document streamed in
** part, to be read again whole). */
static void users_rewind(GraphDir *d, int nUser){
  while( d->nUser>nUser ){
    GraphUserRec *r = &d->aRec[--d->nUser];
    hmap_del(&d->userById, r->zId);
    hmap_del(&d->userKeys, item_key(r->pUser));
    cJSON_Delete(cJSON_DetachItemViaPointer(d->pUsers, r->pUser));
    rec_clear(r);
  }
}

int graph_users_stream_users(JsonLoc *g, GraphDir *d, const char *zFile, const char *zText,
                             size_t nText){
  GraphUnmodelled u;
  GraphStreamMark m;
  DirEach e;
  int nUser = d->nUser, rc;
  graph_stream_mark(g, &m);
  graph_unmodelled_init(&u);
  e.d = d;
  e.pUnm = &u;
  e.xOne = user_translate;
  rc = graph_stream_each(g, zFile, zText, nText, &e, dir_one);
  if( rc==GRAPH_STREAM_NO ){
    users_rewind(d, nUser);
    graph_stream_rewind(g, &m);
  }else if( rc==TS_OK ){
    graph_unmodelled_report(g, zFile, &u, "user");
  }
  graph_unmodelled_free(&u);
  return rc;
}

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
  if( dir_arrays(d) ) return TS_NOMEM;
  if( (pOut = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  if( dir_make_key(&d->groupKeys, zNick ? zNick : zName, zId, zKey, sizeof(zKey))
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

int graph_users_add_groups(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc){
  GraphUnmodelled u;
  int rc;
  graph_unmodelled_init(&u);
  rc = dir_each(g, d, zFile, pDoc, &u, group_translate);
  if( rc==TS_OK ) graph_unmodelled_report(g, zFile, &u, "group");
  graph_unmodelled_free(&u);
  return rc;
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
  m->zGroupId = dir_intern(d, &d->zLastGroup, zGroupId);
  m->zMemberId = dir_strdup(d, zId);
  m->zFile = dir_intern(d, &d->zLastFile, zFile);
  m->zPath = dir_strdup(d, zPath);
  if( m->zGroupId==NULL || m->zMemberId==NULL || m->zFile==NULL || m->zPath==NULL ) return TS_NOMEM;
  d->nMember++;
  return TS_OK;
}

int graph_users_add_members(JsonLoc *g, GraphDir *d, const char *zFile,
                          const char *zGroupId, const cJSON *pDoc){
  return dir_each(g, d, zFile, pDoc, (void*)zGroupId, member_record);
}

int graph_users_stream_members(JsonLoc *g, GraphDir *d, const char *zFile, const char *zGroupId,
                               const char *zText, size_t nText){
  GraphStreamMark m;
  DirEach e;
  int nMember = d->nMember, rc;
  graph_stream_mark(g, &m);
  e.d = d;
  e.pUnm = (void*)zGroupId;
  e.xOne = member_record;
  rc = graph_stream_each(g, zFile, zText, nText, &e, dir_one);
  if( rc==GRAPH_STREAM_NO ){
    d->nMember = nMember;      /* their strings stay in the arena until graph_users_free */
    graph_stream_rewind(g, &m);
  }
  return rc;
}

/* Append zKey to the array member zName (a literal, not copied) of pObj
** (created when missing), unless it is there already. */
static int add_unique(cJSON *pObj, const char *zName, const char *zKey){
  cJSON *a = obj_get(pObj, zName), *c;
  if( a==NULL && put_static(pObj, zName, a = cJSON_CreateArray()) ) return TS_NOMEM;
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
                 zId, item_key(d->apGroup[iG]));
    return TS_OK;
  }
  return add_unique(d->apGroup[iG], "owners", item_key(d->aRec[iU].pUser));
}

int graph_users_add_owners(JsonLoc *g, GraphDir *d, const char *zFile,
                           const char *zGroupId, const cJSON *pDoc){
  return dir_each(g, d, zFile, pDoc, (void*)zGroupId, owner_add);
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

int graph_users_add_admin_units(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                                int bMembersApart){
  return dir_each(g, d, zFile, pDoc, &bMembersApart, admin_unit);
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

int graph_users_add_admin_unit_members(JsonLoc *g, GraphDir *d, const char *zFile,
                                       const char *zUnitId, const cJSON *pDoc){
  return dir_each(g, d, zFile, pDoc, (void*)zUnitId, admin_unit_member);
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
    return add_unique(pAssign, "users", item_key(d->aRec[i].pUser));
  }
  if( strcmp(zType, "Group")==0 ){
    if( !hmap_get(&d->groupById, zId, &i) ){
      jsonloc_warn(g, zFile, zSub, "assigned group %s is not among the imported groups; ignored", zId);
      return TS_OK;
    }
    return add_unique(pAssign, "groups", item_key(d->apGroup[i]));
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "principalType");
  jsonloc_warn(g, zFile, zSub, "a %s assignment is not modelled (users and groups are); ignored", zType);
  return TS_OK;
}

int graph_users_add_assignments(JsonLoc *g, GraphDir *d, const char *zFile,
                              const cJSON *pDoc, cJSON *pJob){
  cJSON *pAssign = cJSON_GetObjectItemCaseSensitive(pJob, "assignments");
  if( pAssign==NULL && (pAssign = cJSON_AddObjectToObject(pJob, "assignments"))==NULL ){
    return TS_NOMEM;
  }
  return dir_each(g, d, zFile, pDoc, pAssign, assignment_add);
}

/* ----------------------------------------------------------- resolve */

/* Lower-case copy of z into zOut (truncated). */
static void lower_copy(char *zOut, size_t nOut, const char *z){
  size_t i;
  for(i=0; z[i] && i+1<nOut; i++) zOut[i] = (char)tolower((unsigned char)z[i]);
  zOut[i] = 0;
}

/* A lower-case copy of all of z (caller frees), NULL when out of memory. */
static char *lower_dup(const char *z){
  char *zLow = mem_strdup(z), *p;
  if( zLow ) for(p=zLow; *p; p++) *p = (char)tolower((unsigned char)*p);
  return zLow;
}

/* Look up z, lower-cased in full, in pMap: 1 found (*pi set), 0 not
** found, -1 out of memory. */
static int lower_get(const HMap *pMap, const char *z, int64_t *pi){
  char *zLow = lower_dup(z);
  int b;
  if( zLow==NULL ) return -1;
  b = hmap_get(pMap, zLow, pi);
  mem_free(zLow);
  return b;
}

/* The home UPN of a B2B UPN "alias_domain#EXT#@tenant": "alias@domain"
** (caller frees); NULL when zUpn is not of that form. *pbNoMem is set
** when memory ran out. */
static char *b2b_home_upn(const char *zUpn, int *pbNoMem){
  const char *zExt = zUpn ? strstr(zUpn, "#EXT#") : NULL;
  const char *zUnder = NULL, *p;
  char *zHome;
  if( zExt==NULL ) return NULL;
  for(p=zUpn; p<zExt; p++) if( *p=='_' ) zUnder = p;
  if( zUnder==NULL || zUnder==zUpn || zUnder+1==zExt ) return NULL;
  if( (zHome = mem_strndup(zUpn, (size_t)(zExt-zUpn)))==NULL ){ *pbNoMem = 1; return NULL; }
  zHome[zUnder-zUpn] = '@';
  return zHome;
}

/* Map the lower-cased UPNs and mails of d's internal users to indexes. */
static int home_index(const GraphDir *d, HMap *pMap){
  int i;
  for(i=0; i<d->nUser; i++){
    static const char *const azKey[] = { "userPrincipalName", "mail" };
    int k;
    if( d->aRec[i].bMarked ) continue;
    for(k=0; k<2; k++){
      const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d->aRec[i].pUser, azKey[k]));
      char *zLow;
      int rc = TS_OK;
      if( z==NULL ) continue;
      if( (zLow = lower_dup(z))==NULL ) return TS_NOMEM;
      if( !hmap_get(pMap, zLow, NULL) && hmap_put(pMap, zLow, i) ) rc = TS_NOMEM;
      mem_free(zLow);
      if( rc ) return rc;
    }
  }
  return TS_OK;
}

/* Settle user u's B2B marker: a home identity, a pending invitation, or
** a guest without a home identity. */
static int resolve_b2b(JsonLoc *g, cJSON *u, GraphUserRec *r, const GraphDir *pHome,
                       const HMap *pHomeMap, const char *zHomeKey){
  cJSON *pMark = cJSON_DetachItemFromObjectCaseSensitive(u, "@b2b");
  const char *zUpn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "userPrincipalName"));
  const char *zMail = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "mail"));
  char *zHomeUpn;
  char zRef[600];
  int64_t i = -1;
  int rc = TS_OK, bNoMem = 0, b;
  r->bMarked = 0;
  if( pMark==NULL ) return TS_OK;
  if( pHome==NULL ) goto free_mark;                 /* guests of the source are not synced */
  if( strcmp(pMark->valuestring, "PendingAcceptance")==0 ){
    cJSON_DeleteItemFromObjectCaseSensitive(u, "userType");
    if( cJSON_AddStringToObject(u, "invitation", "pending")==NULL ) rc = TS_NOMEM;
    goto free_mark;
  }
  if( (zHomeUpn = b2b_home_upn(zUpn, &bNoMem))!=NULL ){
    b = lower_get(pHomeMap, zHomeUpn, &i);
    mem_free(zHomeUpn);
    if( b<0 ){ rc = TS_NOMEM; goto free_mark; }
    if( b==0 ) i = -1;
  }
  if( bNoMem ){ rc = TS_NOMEM; goto free_mark; }
  if( i<0 && zMail ){
    if( (b = lower_get(pHomeMap, zMail, &i))<0 ){ rc = TS_NOMEM; goto free_mark; }
    if( b==0 ) i = -1;
  }
  if( i<0 ){
    /* Possibly an orphaned guest account already (its source identity
    ** gone), or a guest from another organisation: either way no job of
    ** the scenario can match it by its home identity. */
    jsonloc_warn(g, r->zFile, r->zPath, "B2B user %s: its home identity is not among the %s"
              " users (an orphaned guest account already, or a guest of another"
              " organisation); imported as a redeemed invitation without a home identity",
              item_key(u), zHomeKey);
    if( cJSON_AddStringToObject(u, "invitation", "accepted")==NULL ) rc = TS_NOMEM;
    goto free_mark;
  }
  snprintf(zRef, sizeof(zRef), "%s:%s", zHomeKey, item_key(pHome->aRec[i].pUser));
  if( cJSON_AddStringToObject(u, "homeUser", zRef)==NULL ) rc = TS_NOMEM;
free_mark:
  cJSON_Delete(pMark);
  return rc;
}

/* Nest member group m in group iG (both imported) as iG's "memberGroups",
** unless it is iG itself or would close a cycle through the groups nested
** so far (pNest), which a scenario refuses: warned and left out. */
static int resolve_member_group(JsonLoc *g, GraphDir *d, const GraphMember *m, int iG,
                                Digraph *pNest){
  int64_t iM;
  int rc;
  if( !hmap_get(&d->groupById, m->zMemberId, &iM) ){
    jsonloc_warn(g, m->zFile, m->zPath, "member group %s of group %s is not among the imported"
                 " groups; ignored", m->zMemberId, item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( (int)iM==iG ){
    jsonloc_warn(g, m->zFile, m->zPath, "group %s is listed as a member of itself; ignored",
                 item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( (rc = digraph_reaches(pNest, (int)iM, iG))<0 ) return TS_NOMEM;
  if( rc ){
    jsonloc_warn(g, m->zFile, m->zPath, "group %s already contains group %s through its member"
                 " groups; nesting it there too would make a cycle, which a scenario cannot"
                 " hold: ignored", item_key(d->apGroup[iM]), item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( digraph_add(pNest, iG, (int)iM)<0 ) return TS_NOMEM;
  return add_unique(d->apGroup[iG], "memberGroups", item_key(d->apGroup[iM]));
}

int graph_users_resolve(JsonLoc *g, GraphDir *d, const GraphDir *pHome,
                      const char *zHomeKey){
  HMap home;
  Digraph nest;
  int i, rc = TS_OK;
  hmap_init(&home);
  digraph_init(&nest);
  /* the home identities are looked up only for B2B users */
  for(i=0; i<d->nUser && !d->aRec[i].bMarked; i++){}
  if( pHome && i<d->nUser && (rc = home_index(pHome, &home))!=TS_OK ) goto free_home;
  for(i=0; i<d->nMember; i++){
    const GraphMember *m = &d->aMember[i];
    int64_t iG, iU;
    if( !hmap_get(&d->groupById, m->zGroupId, &iG) ){
      jsonloc_warn(g, m->zFile, m->zPath, "group %s is not among the imported groups; its members"
                " are ignored", m->zGroupId);
      continue;
    }
    if( m->bGroup ){
      /* a dynamic group has no member groups: its rule decides its members */
      if( !cJSON_GetObjectItemCaseSensitive(d->apGroup[iG], "membershipRule")
       && (rc = resolve_member_group(g, d, m, (int)iG, &nest))!=TS_OK ) goto free_home;
      continue;
    }
    if( !hmap_get(&d->userById, m->zMemberId, &iU) ){
      jsonloc_warn(g, m->zFile, m->zPath, "member %s of group %s is not among the imported users;"
                " ignored", m->zMemberId, item_key(d->apGroup[iG]));
      continue;
    }
    if( cJSON_GetObjectItemCaseSensitive(d->apGroup[iG], "membershipRule") ){
      continue;       /* a dynamic group: its rule decides, as the run will */
    }
    if( (rc = add_unique(d->aRec[iU].pUser, "groups", item_key(d->apGroup[iG])))!=TS_OK ) goto free_home;
  }
  for(i=0; i<d->nUser; i++){
    int64_t iM;
    GraphUserRec *r = &d->aRec[i];
    if( r->zManager ){
      if( !hmap_get(&d->userById, r->zManager, &iM) ){
        jsonloc_warn(g, r->zFile, r->zPath, "manager %s is not among the imported users;"
                  " the manager reference is ignored", r->zManager);
      }else if( put_static(r->pUser, "manager", cJSON_CreateString(item_key(d->aRec[iM].pUser))) ){
        rc = TS_NOMEM; goto free_home;
      }
    }
    if( r->bMarked && (rc = resolve_b2b(g, r->pUser, r, pHome, &home, zHomeKey))!=TS_OK ) goto free_home;
  }
free_home:
  hmap_free(&home);
  digraph_free(&nest);
  return rc;
}

const char *graph_users_domain(GraphDir *d){
  HMap count;
  int i, bB2B;
  int64_t nBest = 0, n, nRun = 0;
  const char *zBest = NULL;
  char zRun[256];
  hmap_init(&count);
  /* internal users' domains first; B2B users' (#EXT#@tenant) only when
  ** there is no internal user */
  for(bB2B=0; bB2B<2 && zBest==NULL; bB2B++){
    for(i=0; i<d->nUser; i++){
      const cJSON *u = d->aRec[i].pUser;
      const char *zUpn = cJSON_GetStringValue(obj_get(u, "userPrincipalName"));
      const char *zAt = zUpn ? strrchr(zUpn, '@') : NULL;
      char zLow[256];
      if( d->aRec[i].bMarked!=bB2B ) continue;
      if( zAt==NULL || zAt[1]==0 ) continue;
      lower_copy(zLow, sizeof(zLow), zAt+1);
      /* users come in runs of one domain: a run's count is kept here and
      ** put in the map only when the run ends */
      if( nRun>0 && strcmp(zLow, zRun)==0 ){
        n = nRun;
      }else{
        if( nRun>0 && hmap_put(&count, zRun, nRun) ) break;
        if( !hmap_get(&count, zLow, &n) ) n = 0;
        memcpy(zRun, zLow, sizeof(zRun));
      }
      nRun = n+1;
      /* ties go to the domain seen first, so the result is stable */
      if( n+1>nBest ){
        nBest = n+1;
        snprintf(d->zDomain, sizeof(d->zDomain), "%s", zLow);
        zBest = d->zDomain;
      }
    }
    if( nRun>0 && hmap_put(&count, zRun, nRun)==0 ) nRun = 0;
  }
  hmap_free(&count);
  return zBest;
}

int graph_users_take(GraphDir *d, cJSON **ppUsers, cJSON **ppGroups){
  *ppUsers = *ppGroups = NULL;
  if( dir_arrays(d) ) return TS_NOMEM;
  *ppUsers = d->pUsers;
  *ppGroups = d->pGroups;
  d->pUsers = NULL;
  d->pGroups = NULL;
  return TS_OK;
}
