/*
** world.c — creating, freeing and looking things up in the World
** (see world.h), plus the two cross-cutting writers every module uses:
** the audit log and the drift metric samples.
*/
#include <string.h>
#include "mem.h"
#include "mapping.h"
#include "scope.h"
#include "world.h"

void world_default_params(SimParams *p){
  p->interval = 40*SIMTIME_MINUTE;
  p->rCreateMinMinutes = 0.01;
  p->rCreateMaxMinutes = 0.08;
  p->rMatchRatio = 0.5;
  p->rSkipRatio = 0.05;
  p->cycleOverhead = SIMTIME_MINUTE;
  p->softDeleteRetention = 30*SIMTIME_DAY;
  p->metricInterval = 5*SIMTIME_MINUTE;
  p->bEscrowBackoff = 0;
  p->escrowLifetime = 28*SIMTIME_DAY;
  p->nQuarMinFailures = 5000;
  p->rQuarProportion = 0.40;
  p->nQuarBase = 40000;
  p->nQuarTotal = 60000;
  p->quarMaxInterval = SIMTIME_DAY;
  p->quarDisableAfter = 28*SIMTIME_DAY;
  p->notificationDelay = SIMTIME_HOUR;
  p->bDeleteThresholdMet = 0;
}

int world_create(World *w, const char *zDbPath, uint64_t seed,
                 SimTime tStartEpoch, TsErr *pErr){
  int rc;
  memset(w, 0, sizeof(*w));
  world_default_params(&w->params);
  w->seed = seed;
  w->tStartEpoch = tStartEpoch;
  w->tLastMetric = -1;
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

static void user_clear(User *u){
  int i;
  mem_free(u->zKey);
  for(i=0; i<A_COUNT; i++) mem_free(u->azAttr[i]);
  for(i=0; i<u->nExt; i++) mem_free(u->azExt[i]);
  mem_free(u->azExt);
  mem_free(u->zNetId);
  mem_free(u->zAltSecId);
  mem_free(u->aGroup);
}

static void job_clear(Job *j){
  int i, k;
  mem_free(j->zKey);
  mem_free(j->aGroupAssign);
  for(i=0; i<j->nFilter; i++){
    for(k=0; k<j->aFilter[i].nClause; k++) scope_clause_clear(&j->aFilter[i].aClause[k]);
    mem_free(j->aFilter[i].aClause);
    mem_free(j->aFilter[i].zTitle);
  }
  mem_free(j->aFilter);
  mapping_free(j->aMap, j->nMap);
  mem_free(j->zGateError);
  mem_free(j->aPair);
  mem_free(j->aDirty);
  mem_free(j->aEscrow);
  mem_free(j->aGPair);
  mem_free(j->aGDirty);
  mem_free(j->run.aWork);
}

void world_free(World *w){
  int64_t i;
  for(i=0; i<w->nUser; i++) user_clear(&w->aUser[i]);
  mem_free(w->aUser);
  for(i=0; i<w->nTenant; i++){
    Tenant *t = &w->aTenant[i];
    mem_free(t->zKey); mem_free(t->zDomain); mem_free(t->zCloud);
    hmap_free(&t->keys); hmap_free(&t->altSec); hmap_free(&t->internalMail); hmap_free(&t->b2bMail);
  }
  mem_free(w->aTenant);
  for(i=0; i<w->nGroup; i++){
    mem_free(w->aGroup[i].zKey); mem_free(w->aGroup[i].zDisplayName);
    mem_free(w->aGroup[i].zType);
  }
  mem_free(w->aGroup);
  mem_free(w->aPolicy);
  for(i=0; i<w->nExtName; i++) mem_free(w->azExtName[i]);
  mem_free(w->azExtName);
  mem_free(w->aPurge);
  for(i=0; i<w->nFault; i++) mem_free(w->aFault[i].zCode);
  mem_free(w->aFault);
  hmap_free(&w->objectIds);
  hmap_free(&w->extIdx);
  strbuf_free(&w->sbModified);
  for(i=0; i<w->nJob; i++) job_clear(&w->aJob[i]);
  mem_free(w->aJob);
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

int world_job_find(const World *w, const char *zKey){
  int i;
  for(i=0; i<w->nJob; i++){
    if( strcmp(w->aJob[i].zKey, zKey)==0 ) return i;
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
    w->bMemFail = 1;
    return -1;
  }
  w->azExtName[w->nExtName] = mem_strdup(zName);
  if( w->azExtName[w->nExtName]==NULL ){ w->bMemFail = 1; return -1; }
  if( hmap_put(&w->extIdx, zName, w->nExtName) ){
    mem_free(w->azExtName[w->nExtName]);
    w->bMemFail = 1;
    return -1;
  }
  return A_COUNT + w->nExtName++;
}

const char *world_attr_name(const World *w, int iAttr){
  if( iAttr<A_COUNT ) return attr_info(iAttr)->zName;
  return w->azExtName[iAttr-A_COUNT];
}

const char *user_attr(const User *u, int iAttr){
  if( iAttr<A_COUNT ) return u->azAttr[iAttr];
  iAttr -= A_COUNT;
  return iAttr<u->nExt ? u->azExt[iAttr] : NULL;
}

User *world_user_by_object_id(World *w, const char *zObjectId){
  int64_t v;
  return zObjectId && hmap_get(&w->objectIds, zObjectId, &v) ? world_user(w, v) : NULL;
}

User *world_user(World *w, int64_t id){
  return (id>=1 && id<=w->nUser) ? &w->aUser[id-1] : NULL;
}

int64_t world_user_find(const World *w, int iTenant, const char *zKey){
  int64_t v;
  if( iTenant<0 || iTenant>=w->nTenant ) return -1;
  return hmap_get(&w->aTenant[iTenant].keys, zKey, &v) ? v : -1;
}

static const char zSqlAudit[] =
  "INSERT INTO audit_log(at, tenant, category, activity, actor, target_type,"
  " target_id, target_name, result, detail) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,'success',?9)";

void world_audit(World *w, int iTenant, const char *zCategory,
                 const char *zActivity, const char *zActor,
                 const char *zTargetType, const char *zTargetId,
                 const char *zTargetName, const char *zDetail){
  sqlite3_stmt *p = store_stmt(w->pStore, zSqlAudit);
  if( p==NULL ) return;
  sqlite3_bind_int64(p, 1, w->tNow);
  sqlite3_bind_int(p, 2, iTenant);
  store_bind_text(p, 3, zCategory);
  store_bind_text(p, 4, zActivity);
  store_bind_text(p, 5, zActor);
  store_bind_text(p, 6, zTargetType);
  store_bind_text(p, 7, zTargetId);
  store_bind_text(p, 8, zTargetName);
  store_bind_text(p, 9, zDetail);
  store_run(w->pStore, p);
}

static const char zSqlMetric[] =
  "INSERT OR REPLACE INTO metrics(t, tenant, name, value) VALUES(?1, ?2, ?3, ?4)";

static void world_metric(World *w, int iTenant, const char *zName, int64_t v){
  sqlite3_stmt *p = store_stmt(w->pStore, zSqlMetric);
  if( p==NULL ) return;
  sqlite3_bind_int64(p, 1, w->tNow);
  sqlite3_bind_int(p, 2, iTenant);
  store_bind_text(p, 3, zName);
  sqlite3_bind_int64(p, 4, v);
  store_run(w->pStore, p);
}

void world_sample_drift(World *w){
  int i, j;
  w->tLastMetric = w->tNow;
  for(i=0; i<w->nTenant; i++){
    int bTarget = 0;
    for(j=0; j<w->nJob; j++) if( w->aJob[j].iTarget==i ) bTarget = 1;
    if( bTarget ) world_metric(w, i, "drift", w->aTenant[i].nDrift);
  }
  world_metric(w, -1, "drift", w->nDriftTotal);
}

void world_mark_drift_zero(World *w){
  world_metric(w, -1, "drift_zero", 0);
}
