/*
** world.c — creating, freeing and looking things up in the World
** (see world.h).
*/
#include <string.h>
#include "mem.h"
#include "tslimits.h"
#include "policy.h"
#include "directory.h"
#include "dynrule.h"
#include "mto.h"
#include "world.h"

/* The string fields the world's IdMaps index users by (pCtx: the World). */
const char *world_user_object_id(const void *pCtx, int64_t id){
  return ((const World*)pCtx)->aUser[id-1].zObjectId;
}
const char *world_user_key(const void *pCtx, int64_t id){
  return ((const World*)pCtx)->aUser[id-1].zKey;
}
const char *world_user_mail(const void *pCtx, int64_t id){
  const World *w = pCtx;
  return world_user_attr(w, &w->aUser[id-1], A_MAIL);
}
const char *world_user_alt_sec_id(const void *pCtx, int64_t id){
  return ((const World*)pCtx)->aUser[id-1].zAltSecId;
}

int world_create(World *w, const char *zDbPath, uint64_t seed,
                 SimTime tStartEpoch, TsErr *pErr){
  int rc;
  memset(w, 0, sizeof(*w));
  params_default(&w->params);
  w->seed = seed;
  w->tStartEpoch = tStartEpoch;
  w->tLastMetric = -1;
  w->driftRowTotal.t = w->driftRowTotal.v = w->driftRowTotal.vBefore = -1;
  strpool_init(&w->strings);
  idmap_init(&w->objectIds, world_user_object_id, w);
  rng_stream(&w->rngIds, seed, "ids");
  rng_stream(&w->rngRunIds, seed, "runIds");
  rng_stream(&w->rngTiming, seed, "timing");
  rng_stream(&w->rngPopulation, seed, "population");
  rng_stream(&w->rngSelection, seed, "selection");
  rng_stream(&w->rngFaults, seed, "faults");
  rng_stream(&w->rngExpr, seed, "expressions");
  rc = store_create(zDbPath, &w->pStore, pErr);
  return rc;
}

/* A user's own arrays; its strings are the pool's. */
static void user_clear(User *u){
  mem_free(u->azExt);
  mem_free(u->aGroup);
}

void world_free(World *w){
  int64_t i;
  for(i=0; i<w->nUser; i++) user_clear(&w->aUser[i]);
  mem_free(w->aUser);
  for(i=0; i<w->nTenant; i++){
    Tenant *t = &w->aTenant[i];
    mem_free(t->zKey); mem_free(t->zDomain); mem_free(t->zCloud);
    idmap_free(&t->keys); idmap_free(&t->altSec); idmap_free(&t->internalMail); idmap_free(&t->b2bMail);
    hmap_free(&t->verifiedDomains);
    mem_free(t->aOwnUser);
  }
  mem_free(w->aTenant);
  for(i=0; i<w->nGroup; i++){
    mem_free(w->aGroup[i].zKey); mem_free(w->aGroup[i].zDisplayName);
    mem_free(w->aGroup[i].zType);
    dynrule_free(w->aGroup[i].pRule);
    mem_free(w->aGroup[i].aMemberGroup);
  }
  mem_free(w->aGroup);
  mem_free(w->aPolicy);
  for(i=0; i<w->nExtName; i++) mem_free(w->azExtName[i]);
  mem_free(w->azExtName);
  mem_free(w->aPurge);
  mem_free(w->aDyn);
  mto_free(w->pMto);
  idmap_free(&w->objectIds);
  hmap_free(&w->extIdx);
  strbuf_free(&w->sbModified);
  strbuf_free(&w->sbCreatedNames);
  strbuf_free(&w->sbCreatedValues);
  hmap_free(&w->propLists);
  strpool_free(&w->strings);
  store_close(w->pStore);
  memset(w, 0, sizeof(*w));
}

int world_tenant_find(const World *w, const char *zKey){
  int i;
  for(i=0; i<w->nTenant; i++){
    if( strcmp(w->aTenant[i].zKey, zKey)==0 ) return i;
  }
  return -1;
}

int world_group_find(const World *w, int iTenant, const char *zKey){
  int i;
  for(i=0; i<w->nGroup; i++){
    if( w->aGroup[i].iTenant==iTenant && strcmp(w->aGroup[i].zKey, zKey)==0 ) return i;
  }
  return -1;
}

int world_attr_find(World *w, const char *zName, int bRegister){
  int i = attr_find(zName);
  if( i>=0 ) return i;
  {
    int64_t k;
    if( hmap_get(&w->extIdx, zName, &k) ) return A_COUNT + (int)k;
  }
  if( !bRegister || !attr_is_extension(zName) ) return -1;
  if( mem_grow_int((void**)&w->azExtName, w->nExtName, &w->nExtNameAlloc, sizeof(char*)) ){
    w->bNoMem = 1;
    return -1;
  }
  w->azExtName[w->nExtName] = mem_strdup(zName);
  if( w->azExtName[w->nExtName]==NULL ){ w->bNoMem = 1; return -1; }
  if( hmap_put(&w->extIdx, zName, w->nExtName) ){
    mem_free(w->azExtName[w->nExtName]);
    w->bNoMem = 1;
    return -1;
  }
  return A_COUNT + w->nExtName++;
}

const char *world_attr_name(const World *w, int iAttr){
  if( iAttr<A_COUNT ) return attr_info(iAttr)->zName;
  return w->azExtName[iAttr-A_COUNT];
}

User *world_user_by_object_id(World *w, const char *zObjectId){
  int64_t v;
  return zObjectId && idmap_get(&w->objectIds, zObjectId, &v) ? world_user(w, v) : NULL;
}

User *world_user(World *w, int64_t id){
  ts_assert( id>=0 && id<=w->nUser );     /* 0 is "no user" */
  return (id>=1 && id<=w->nUser) ? &w->aUser[id-1] : NULL;
}

int64_t world_user_find(const World *w, int iTenant, const char *zKey){
  int64_t v;
  if( iTenant<0 || iTenant>=w->nTenant ) return -1;
  return idmap_get(&w->aTenant[iTenant].keys, zKey, &v) ? v : -1;
}
