/*
** scenario.c — parse and validate a scenario script (see scenario.h).
**
** Validation walks the document once, carrying the JSON path of the node
** it is looking at, and records every problem (up to VAL_MAX_ERRORS)
** rather than stopping at the first: fixing a scenario should take one
** round trip. References are resolved against symbol tables built in the
** same order the runner will create objects: tenants, their groups and
** users (explicit, then populations), policies, jobs, and the timeline in
** time order, where hires add keys that later actions may use.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "jsonloc.h"
#include "scenarioInt.h"
#include "jsonfile.h"

static int action_cmp(const void *a, const void *b){
  const ScnAction *x = a, *y = b;
  if( x->t!=y->t ) return x->t<y->t ? -1 : 1;
  return x->iIndex - y->iIndex;
}

static void val_timeline(Val *v, const cJSON *pRoot){
  const cJSON *a = scn_val_array(v, "", pRoot, "timeline", 0), *c;
  Scenario *s = v->pScn;
  char zPath[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX], zWhy[TS_REASON_MAX];
  int i = 0, n;
  if( a==NULL ) return;
  n = cJSON_GetArraySize(a);
  s->aAction = scn_val_alloc(v, (size_t)n, sizeof(ScnAction));
  if( s->aAction==NULL ) return;
  cJSON_ArrayForEach(c, a){
    const char *zAt, *zAction;
    SimTime t;
    int eKind;
    scn_val_path_idx(zPath, sizeof(zPath), "timeline", i++);
    if( !scn_val_is_object(v, zPath, c) ) continue;
    zAt = scn_val_str(v, zPath, c, "at", 1);
    zAction = scn_val_str(v, zPath, c, "action", 1);
    if( zAt==NULL || zAction==NULL ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "at");
    if( scn_val_when(s, zAt, &t, zWhy, sizeof(zWhy)) ){ scn_val_err(v, zSub, "%s", zWhy); continue; }
    eKind = scn_actions_find(zAction);
    if( eKind<0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "action");
      scn_actions_unknown(v, zSub, zAction);
      continue;
    }
    s->aAction[s->nAction].t = t;
    s->aAction[s->nAction].iIndex = i-1;
    s->aAction[s->nAction].pJson = c;
    s->aAction[s->nAction].eKind = (ScnActionKind)eKind;
    s->nAction++;
  }
  qsort(s->aAction, (size_t)s->nAction, sizeof(ScnAction), action_cmp);
  /* Validate the actions in the order they will run, so that a reference to
  ** a user hired later is caught. */
  for(i=0; i<s->nAction; i++){
    scn_val_path_idx(zPath, sizeof(zPath), "timeline", s->aAction[i].iIndex);
    scn_actions_check(v, zPath, &s->aAction[i]);
  }
}

/* ---------------------------------------------------------------------
** Top level.
*/
static const char *const azTopKeys[] = {
  "name", "description", "seed", "start", "duration", "parameters", "tenants",
  "policies", "jobs", "faults", "timeline", "expect", "detections", "lint",
  "multiTenantOrganization", NULL
};

/* One parameter against its row of the table (params.h); sets the field
** when the value is valid. */
static void val_param(Val *v, const cJSON *p, const ParamInfo *e){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, e->zName);
  char *pBase = (char*)&v->pScn->params;
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), "parameters", e->zName);
  switch( e->eKind ){
    case PK_DURATION: {
      SimTime t;
      if( !scn_val_duration(v, "parameters", p, e->zName, 0, &t) ) return;
      if( e->zExpect && t<(SimTime)e->rMin ){ scn_val_err(v, zSub, "expected %s", e->zExpect); return; }
      memcpy(pBase + e->iField, &t, sizeof(t));
      break;
    }
    case PK_INT: {
      int64_t n;
      if( scn_val_int(v, "parameters", p, e->zName, 0, e->rMin, e->rMax, &n) ){
        memcpy(pBase + e->iField, &n, sizeof(n));
      }
      break;
    }
    case PK_REAL: {
      double x = cJSON_IsNumber(c) ? c->valuedouble : 0;
      if( !cJSON_IsNumber(c) || x>e->rMax || (e->bMinIncluded ? x<e->rMin : x<=e->rMin) ){
        scn_val_err(v, zSub, "expected %s", e->zExpect);
      }else memcpy(pBase + e->iField, &x, sizeof(x));
      break;
    }
    case PK_RANGE: {
      const cJSON *lo = cJSON_GetArrayItem(c, 0), *hi = cJSON_GetArrayItem(c, 1);
      if( !cJSON_IsArray(c) || cJSON_GetArraySize(c)!=2 || !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi)
       || lo->valuedouble<=e->rMin || hi->valuedouble<lo->valuedouble || hi->valuedouble>e->rMax ){
        scn_val_err(v, zSub, "expected %s", e->zExpect);
      }else{
        memcpy(pBase + e->iField, &lo->valuedouble, sizeof(double));
        memcpy(pBase + e->iField2, &hi->valuedouble, sizeof(double));
      }
      break;
    }
    case PK_CHOICE: {
      const char *z = scn_val_str(v, "parameters", p, e->zName, 0);
      int k = z ? params_choice(e, z) : -1;
      if( z && k<0 ) scn_val_err(v, zSub, "expected %s, found \"%s\"", e->zExpect, z);
      else if( z ) memcpy(pBase + e->iField, &k, sizeof(k));
      break;
    }
  }
}

/* The "parameters" object: each key a row of params_table(). */
static void val_params(Val *v, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "parameters");
  const char *azKey[64];
  int i, n;
  const ParamInfo *aInfo = params_table(&n);
  if( p==NULL || !scn_val_is_object(v, "parameters", p) ) return;
  ts_assert( n<(int)(sizeof(azKey)/sizeof(azKey[0])) );
  for(i=0; i<n; i++) azKey[i] = aInfo[i].zName;
  azKey[n] = NULL;
  scn_val_keys(v, "parameters", p, azKey);
  for(i=0; i<n; i++) val_param(v, p, &aInfo[i]);
}

int scenario_when(const Scenario *p, const char *z, SimTime *pT, char *zWhy, size_t nWhy){
  return scn_val_when(p, z, pT, zWhy, nWhy);
}

static void val_free(Val *v){
  int i, k;
  for(i=0; i<v->nTenant; i++){
    hmap_free(&v->aTenant[i].users);
    hmap_free(&v->aTenant[i].groups);
    digraph_free(&v->aTenant[i].nest);
    for(k=0; k<v->aTenant[i].nRange; k++) mem_free(v->aTenant[i].aRange[k].zPrefix);
    mem_free(v->aTenant[i].aRange);
  }
  mem_free(v->aTenant);
  mem_free(v->azJob);
  mem_free(v->aJobSrc);
  mem_free(v->aJobTgt);
}

/* A new empty Scenario named zFile, or NULL when out of memory. */
static Scenario *scenario_new(const char *zFile){
  Scenario *s = mem_calloc(1, sizeof(Scenario));
  if( s==NULL ) return NULL;
  params_default(&s->params);
  arena_init(&s->arena);
  strbuf_init(&s->warnings);
  s->seed = 1;
  if( (s->zFile = mem_strdup(zFile))==NULL ){
    scenario_free(s);
    return NULL;
  }
  return s;
}

/* Validate the document s->pRoot into s: every problem to pErrs, the
** result as scenario_parse's (bCheckOnly: see Val). */
static int scenario_validate(Scenario *s, int bCheckOnly, StrBuf *pErrs, TsErr *pErr){
  const char *zFile = s->zFile;
  Val v;
  const cJSON *a, *c;
  char zPath[TS_JSONPATH_MAX], zWhy[TS_REASON_MAX];
  int rc = TS_OK, i, n;
  int64_t seed;

  memset(&v, 0, sizeof(v));
  v.pScn = s;
  v.pErrs = pErrs;
  v.pErr = pErr;
  v.bCheckOnly = bCheckOnly;
  if( !cJSON_IsObject(s->pRoot) ){
    scn_val_err(&v, "(root)", "expected the scenario object, found %s", jsonloc_type_name(s->pRoot));
    goto done;
  }
  scn_val_keys(&v, "", s->pRoot, azTopKeys);
  s->zName = scn_val_str(&v, "", s->pRoot, "name", 1);
  if( s->zName && !scn_tenants_is_key_text(s->zName) ){
    scn_val_err(&v, "name", "\"%s\": a scenario name uses letters, digits, '-', '_' and '.'"
                        " only (it names the database file)", s->zName);
  }
  s->zDescription = scn_val_str(&v, "", s->pRoot, "description", 0);
  if( scn_val_int(&v, "", s->pRoot, "seed", 0, 0, 9007199254740991.0, &seed) ) s->seed = (uint64_t)seed;
  {
    const char *zStart = scn_val_str(&v, "", s->pRoot, "start", 1);
    if( zStart && simtime_parse_instant(zStart, &s->tStartEpoch, zWhy, sizeof(zWhy)) ){
      scn_val_err(&v, "start", "\"%s\" is not an instant such as 2026-01-05T09:00:00Z: %s", zStart, zWhy);
      goto done;
    }
    if( zStart==NULL ) goto done;
  }
  if( !scn_val_duration(&v, "", s->pRoot, "duration", 1, &s->duration) ) goto done;
  if( s->duration<=0 || s->duration>3650*(SimTime)SIMTIME_DAY ){
    scn_val_err(&v, "duration", "expected a duration from PT1S to P3650D");
    goto done;
  }
  val_params(&v, s->pRoot);

  a = scn_val_array(&v, "", s->pRoot, "tenants", 1);
  n = a ? cJSON_GetArraySize(a) : 0;
  if( a && n<2 ) scn_val_err(&v, "tenants", "expected at least two tenants (a source and a target)");
  v.aTenant = mem_calloc((size_t)(n ? n : 1), sizeof(ValTenant));
  s->aTenant = scn_val_alloc(&v, (size_t)n, sizeof(ScnTenant));
  if( v.aTenant==NULL || s->aTenant==NULL ){ v.bNoMem = 1; goto done; }
  s->nTenant = n;
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "tenants", i);
    scn_tenants_header(&v, zPath, c, &s->aTenant[i++]);
  }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "tenants", i);
    scn_tenants_users(&v, zPath, c, 0, &s->aTenant[i++]);
  }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "tenants", i);
    scn_tenants_users(&v, zPath, c, 1, &s->aTenant[i++]);
  }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "tenants", i);
    scn_authz_tenant(&v, zPath, c, &s->aTenant[i++]);
  }

  a = scn_val_array(&v, "", s->pRoot, "policies", 0);
  i = 0;
  if( a && (s->aPolicy = scn_val_alloc(&v, (size_t)cJSON_GetArraySize(a), sizeof(ScnPolicy)))==NULL ) goto done;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "policies", i++);
    scn_jobs_policy(&v, zPath, c, a, &s->aPolicy[s->nPolicy++]);
  }
  scn_policy_declared(&v);

  a = scn_val_array(&v, "", s->pRoot, "jobs", 1);
  n = a ? cJSON_GetArraySize(a) : 0;
  if( a && n==0 ) scn_val_err(&v, "jobs", "expected at least one job");
  v.azJob = mem_calloc((size_t)(n ? n : 1), sizeof(char*));
  v.aJobSrc = mem_calloc((size_t)(n ? n : 1), sizeof(int));
  v.aJobTgt = mem_calloc((size_t)(n ? n : 1), sizeof(int));
  s->aJob = scn_val_alloc(&v, (size_t)n, sizeof(ScnJob));
  if( !v.azJob || !v.aJobSrc || !v.aJobTgt || !s->aJob ){ v.bNoMem = 1; goto done; }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "jobs", i++);
    scn_jobs_check(&v, zPath, c, &s->aJob[s->nJob++]);
  }

  a = scn_val_array(&v, "", s->pRoot, "faults", 0);
  i = 0;
  if( a && (s->aFault = scn_val_alloc(&v, (size_t)cJSON_GetArraySize(a), sizeof(ScnFault)))==NULL ) goto done;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "faults", i++);
    scn_jobs_fault(&v, zPath, c, &s->aFault[s->nFault++]);
  }

  scn_mto_check(&v, s->pRoot);
  val_timeline(&v, s->pRoot);
  scn_actions_finish(&v);

  a = scn_val_array(&v, "", s->pRoot, "expect", 0);
  i = 0;
  if( a && (s->aExpect = scn_val_alloc(&v, (size_t)cJSON_GetArraySize(a), sizeof(ScnExpect)))==NULL ) goto done;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "expect", i++);
    scn_expect_check(&v, zPath, c, &s->aExpect[s->nExpect++]);
  }

  a = scn_val_array(&v, "", s->pRoot, "detections", 0);
  i = 0;
  if( a && (s->aDetect = scn_val_alloc(&v, (size_t)cJSON_GetArraySize(a), sizeof(ScnDetect)))==NULL ) goto done;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "detections", i++);
    scn_detect_check(&v, zPath, c, a, &s->aDetect[s->nDetect++]);
  }
  scn_lint_check(&v, s->pRoot);

done:
  if( v.bNoMem ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory while validating %s", zFile);
  }else if( v.nErr ){
    rc = TS_ERR;
  }
  val_free(&v);
  return rc;
}

int scenario_parse(const char *zFile, const char *zText, Scenario **ppScn,
                   StrBuf *pErrs, TsErr *pErr){
  Scenario *s;
  int rc;
  *ppScn = NULL;
  if( (s = scenario_new(zFile))==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  rc = jsonfile_parse(zFile, zText, &s->pRoot, pErr);
  if( rc ){
    if( rc==TS_ERR && pErrs ) strbuf_printf(pErrs, "%s\n", pErr ? pErr->zMsg : "invalid JSON");
  }else{
    rc = scenario_validate(s, 0, pErrs, pErr);
  }
  if( rc ){
    scenario_free(s);
  }else{
    *ppScn = s;
  }
  return rc;
}

int scenario_check_json(const char *zFile, const cJSON *pRoot, StrBuf *pErrs, TsErr *pErr){
  Scenario *s = scenario_new(zFile);
  int rc;
  if( s==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  s->pRoot = (cJSON*)pRoot;          /* only read, and handed back below */
  rc = scenario_validate(s, 1, pErrs, pErr);
  s->pRoot = NULL;
  scenario_free(s);
  return rc;
}

int scenario_load(const char *zFile, Scenario **ppScn, StrBuf *pErrs, TsErr *pErr){
  StrBuf b;
  int rc;
  *ppScn = NULL;
  strbuf_init(&b);
  rc = jsonfile_read(zFile, &b, pErr);
  if( rc==TS_OK ){
    rc = scenario_parse(zFile, strbuf_str(&b), ppScn, pErrs, pErr);
  }else if( rc!=TS_NOMEM && pErrs ){
    strbuf_printf(pErrs, "%s\n", pErr ? pErr->zMsg : "cannot read");
  }
  strbuf_free(&b);
  return rc;
}

char *scenario_json(const Scenario *p, const char *zOnDemandJob, const char *zOnDemandUser){
  cJSON *pRoot, *pTimeline, *pAct;
  char zAt[40], *zJson;
  if( zOnDemandJob==NULL ) return cJSON_PrintUnformatted(p->pRoot);
  if( (pRoot = cJSON_Duplicate(p->pRoot, 1))==NULL ) return NULL;
  pTimeline = cJSON_GetObjectItemCaseSensitive(pRoot, "timeline");
  if( pTimeline==NULL ) pTimeline = cJSON_AddArrayToObject(pRoot, "timeline");
  pAct = cJSON_CreateObject();
  if( pTimeline==NULL || pAct==NULL ){ cJSON_Delete(pAct); cJSON_Delete(pRoot); return NULL; }
  cJSON_AddItemToArray(pTimeline, pAct);
  cJSON_AddStringToObject(pAct, "at", simtime_format_duration(p->duration, zAt, sizeof(zAt)));
  cJSON_AddStringToObject(pAct, "action", "provision_on_demand");
  cJSON_AddStringToObject(pAct, "job", zOnDemandJob);
  cJSON_AddStringToObject(pAct, "user", zOnDemandUser);
  zJson = cJSON_PrintUnformatted(pRoot);
  cJSON_Delete(pRoot);
  return zJson;
}

void scenario_free(Scenario *p){
  if( p==NULL ) return;
  cJSON_Delete(p->pRoot);
  arena_free(&p->arena);
  strbuf_free(&p->warnings);
  mem_free(p->zFile);
  mem_free(p);
}
