/*
** graph_users.c — a GraphDir (graph_users.h): its set-up, the Graph users
** it translates into scenario users, the helpers graph_groups.c and
** graph_resolve.c share (graph_usersInt.h), the tenant's domain and the
** arrays handed over at the end.
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
#include "graph_usersInt.h"

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
const char *graph_users_strdup(GraphDir *d, const char *z){
  size_t n = strlen(z) + 1;
  char *zCopy = arena_alloc(&d->strings, n);
  return zCopy ? memcpy(zCopy, z, n) : NULL;
}

/* The same for a string that repeats from one object to the next (a
** document's name, a group's id), *pzLast the copy made last time: copied
** once while it repeats. */
const char *graph_users_intern(GraphDir *d, const char **pzLast, const char *z){
  if( *pzLast==NULL || strcmp(*pzLast, z)!=0 ) *pzLast = graph_users_strdup(d, z);
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
int graph_users_arrays(GraphDir *d){
  if( d->pUsers==NULL && (d->pUsers = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  if( d->pGroups==NULL && (d->pGroups = cJSON_CreateArray())==NULL ) return TS_NOMEM;
  return TS_OK;
}


/* A key made of zFrom (up to '@' or the end): key-safe characters kept,
** others become '_', numbered "-2", "-3" ... when taken in pKeys, which it
** is then added to. zOut holds at least 128 bytes. */
int graph_users_make_key(HMap *pKeys, const char *zFrom, const char *zFallback,
                        char *zOut, size_t nOut){
  size_t i, n = 0;
  int k, r;
  if( zFrom==NULL || zFrom[0]==0 || zFrom[0]=='@' ) zFrom = zFallback;
  for(i=0; zFrom[i] && zFrom[i]!='@' && n<64; i++){
    unsigned char c = (unsigned char)zFrom[i];
    zOut[n++] = (char)(isalnum(c) || c=='-' || c=='_' || c=='.' ? c : '_');
  }
  zOut[n] = 0;
  if( n==0 ) snprintf(zOut, nOut, "object");
  if( (r = hmap_add(pKeys, zOut, 1, NULL))==0 ){
    char zBase[80];
    snprintf(zBase, sizeof(zBase), "%s", zOut);
    for(k=2; r==0; k++){
      snprintf(zOut, nOut, "%s-%d", zBase, k);
      r = hmap_add(pKeys, zOut, 1, NULL);
    }
  }
  return r<0 ? TS_NOMEM : TS_OK;
}

/* cJSON_GetObjectItemCaseSensitive(p, zName), comparing the first bytes
** before whole names. */
cJSON *graph_users_obj_get(const cJSON *p, const char *zName){
  cJSON *c;
  for(c=p->child; c && c->string; c=c->next){
    if( c->string[0]==zName[0] && strcmp(c->string, zName)==0 ) return c;
  }
  return NULL;
}

/* The "key" of a scenario user or group object. */
const char *graph_users_item_key(const cJSON *pItem){
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pItem, "key"));
}

/* ------------------------------------------------------------- users */

/* Is pUser (Graph) a B2B user: a guest invited from another organisation? */
static int user_is_b2b(const cJSON *pUser){
  const char *zType = cJSON_GetStringValue(graph_users_obj_get(pUser, "userType"));
  const char *zCreation = cJSON_GetStringValue(graph_users_obj_get(pUser, "creationType"));
  const char *zUpn = cJSON_GetStringValue(graph_users_obj_get(pUser, "userPrincipalName"));
  if( zCreation && strcmp(zCreation, "Invitation")==0 ) return 1;
  if( zUpn && strstr(zUpn, "#EXT#") ) return 1;
  return zType && strcmp(zType, "Guest")==0 && zUpn && strstr(zUpn, "#EXT#");
}

/* Add pItem under zName, a string that lives as long as the program (the
** property table's names): not copied, since every user has them. TS_OK,
** or TS_NOMEM with pItem freed. */
int graph_users_put_static(cJSON *pObj, const char *zName, cJSON *pItem){
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
        return graph_users_put_static(pOut, zScn, cJSON_CreateString(c->valuestring));
      }
      break;
    case UP_BOOL:
      if( !cJSON_IsBool(c) ){
        jsonloc_error(g, zFile, lazy_path(zSub, sizeof(zSub), zPath, zName),
                      "expected true, false or null, found %s", jsonloc_type_name(c));
      }else{
        return graph_users_put_static(pOut, zScn, cJSON_CreateBool(cJSON_IsTrue(c)));
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
        return graph_users_put_static(pOut, zScn, cJSON_CreateString(c->child->valuestring));
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
  const cJSON *c = graph_users_obj_get(pUser, zKey);
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
    snprintf(zKey, sizeof(zKey), "%s", graph_users_item_key(d->aRec[iOld].pUser));
  }else if( graph_users_make_key(&d->userKeys, zUpn, zId, zKey, sizeof(zKey)) ){
    rc = TS_NOMEM; goto free_user;
  }
  if( (rc = graph_users_put_static(pOut, "key", cJSON_CreateString(zKey)))!=TS_OK ) goto free_user;
  /* Graph's mail null means "no mail"; the scenario's default is the UPN. */
  c = graph_users_obj_get(pUser, "mail");
  if( (c==NULL || cJSON_IsNull(c))
   && (rc = graph_users_put_static(pOut, "mail", cJSON_CreateNull()))!=TS_OK ) goto free_user;
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
  if( bB2B && !graph_users_obj_get(pOut, "userType")
   && (rc = graph_users_put_static(pOut, "userType", cJSON_CreateString("Guest")))!=TS_OK ) goto free_user;
  /* Keep the Graph object for B2B resolution: the scenario user is
  ** annotated there (graph_users_resolve) and the markers removed. */
  if( bB2B ){
    const char *zState = cJSON_GetStringValue(graph_users_obj_get(pUser, "externalUserState"));
    if( (rc = graph_users_put_static(pOut, "@b2b", cJSON_CreateString(zState ? zState : "")))!=TS_OK ) goto free_user;
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
  if( graph_users_arrays(d)
   || mem_grow_int((void**)&d->aRec, d->nUser, &d->nUserAlloc, sizeof(GraphUserRec)) ){
    rc = TS_NOMEM; goto free_user;
  }
  {
    GraphUserRec *r = &d->aRec[d->nUser];
    r->zId = graph_users_strdup(d, zId);
    r->zFile = graph_users_intern(d, &d->zLastFile, zFile);
    r->zPath = graph_users_strdup(d, zPath);
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

int graph_users_each(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                    void *pUnm,
                    int (*xOne)(JsonLoc*, GraphDir*, const char*, const char*,
                                const cJSON*, void*)){
  DirEach e;
  e.d = d;
  e.pUnm = pUnm;
  e.xOne = xOne;
  return graph_each(g, zFile, pDoc, &e, dir_one);
}

int graph_users_stream_each(JsonLoc *g, GraphDir *d, const char *zFile, const char *zText,
                            size_t nText, void *pCtx, GraphDirOne xOne){
  DirEach e;
  e.d = d;
  e.pUnm = pCtx;
  e.xOne = xOne;
  return graph_stream_each(g, zFile, zText, nText, &e, dir_one);
}

int graph_users_translate_each(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                               GraphDirOne xTranslate, const char *zNoun){
  GraphUnmodelled u;
  int rc;
  graph_unmodelled_init(&u);
  rc = graph_users_each(g, d, zFile, pDoc, &u, xTranslate);
  if( rc==TS_OK ) graph_unmodelled_report(g, zFile, &u, zNoun);
  graph_unmodelled_free(&u);
  return rc;
}

int graph_users_add_users(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc){
  return graph_users_translate_each(g, d, zFile, pDoc, user_translate, "user");
}

/* Forget the users added after the first nUser (a document streamed in
** part, to be read again whole). */
static void users_rewind(GraphDir *d, int nUser){
  while( d->nUser>nUser ){
    GraphUserRec *r = &d->aRec[--d->nUser];
    hmap_del(&d->userById, r->zId);
    hmap_del(&d->userKeys, graph_users_item_key(r->pUser));
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

/* Lower-case copy of z into zOut (truncated). */
void graph_users_lower_copy(char *zOut, size_t nOut, const char *z){
  size_t i;
  for(i=0; z[i] && i+1<nOut; i++) zOut[i] = (char)tolower((unsigned char)z[i]);
  zOut[i] = 0;
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
      const char *zUpn = cJSON_GetStringValue(graph_users_obj_get(u, "userPrincipalName"));
      const char *zAt = zUpn ? strrchr(zUpn, '@') : NULL;
      char zLow[256];
      if( d->aRec[i].bMarked!=bB2B ) continue;
      if( zAt==NULL || zAt[1]==0 ) continue;
      graph_users_lower_copy(zLow, sizeof(zLow), zAt+1);
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
  if( graph_users_arrays(d) ) return TS_NOMEM;
  *ppUsers = d->pUsers;
  *ppGroups = d->pGroups;
  d->pUsers = NULL;
  d->pGroups = NULL;
  return TS_OK;
}
