/*
** runner.c — build the world from a scenario and run the event loop
** (see runner.h).
**
** Tenants, users, groups, policies, mappings, filters and faults are
** built by the scenario's own parts (scn_tenants.c, scn_jobs.c); the jobs,
** the event queue, timeline actions (one apply function per action kind),
** expectations, the progress line and run_info are here. The scenario
** was validated, so the JSON is read without re-checking types;
** references are resolved against the world.
** Randomness: populations draw from the "population" stream, sampled
** selections in timeline actions from "selection", cycle timing from
** "timing" and identifiers from "ids" and "runIds" (world.c), so adding a
** population does not move, say, the cycle timings.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mem.h"
#include "engine.h"
#include "audit.h"
#include "admin.h"
#include "cycle.h"
#include "desired.h"
#include "directory.h"
#include "expr.h"
#include "faults.h"
#include "job.h"
#include "mapping.h"
#include "policy.h"
#include "queue.h"
#include "scope.h"
#include "runner.h"

enum { EV_ACTION = 1, EV_JOB_START, EV_CYCLE, EV_CYCLE_STEP, EV_PURGE, EV_EXPECT };
enum { PRIO_ACTION = 0, PRIO_JOB_START = 1, PRIO_CYCLE = 2, PRIO_PURGE = 3, PRIO_EXPECT = 9 };

typedef struct JobSched {
  SimTime tQueued;         /* instant of the queued EV_CYCLE, -1 if none */
  int64_t gen;             /* generation of the valid EV_CYCLE event */
} JobSched;

typedef struct Runner {
  World w;
  const Scenario *pScn;
  Queue q;
  JobSched *aSched;
  SimTime tPurgeQueued;
  int64_t nGen;
  RunStats *pStats;
  FILE *pProgress;
  double rWallStart;       /* monotonic seconds when the run began */
  double rLastProgress;    /* when the progress line was last written */
  int bWorld;
} Runner;


static int runner_push(Runner *r, SimTime t, int prio, int kind, int64_t a, int64_t b){
  Event e;
  memset(&e, 0, sizeof(e));
  e.t = t; e.prio = prio; e.kind = kind; e.a = a; e.b = b;
  if( queue_push(&r->q, &e) ){ r->w.bNoMem = 1; return -1; }
  return 0;
}



static int build_job(Runner *r, const cJSON *p, TsErr *pErr){
  World *w = &r->w;
  const char *zKey = cJSON_GetObjectItemCaseSensitive(p, "key")->valuestring;
  int iS = world_tenant_find(w, cJSON_GetObjectItemCaseSensitive(p, "source")->valuestring);
  int iT = world_tenant_find(w, cJSON_GetObjectItemCaseSensitive(p, "target")->valuestring);
  const char *zScope = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "scope"));
  const cJSON *pAssign = cJSON_GetObjectItemCaseSensitive(p, "assignments");
  const cJSON *pFilters = cJSON_GetObjectItemCaseSensitive(p, "scopingFilters");
  const cJSON *pStart = cJSON_GetObjectItemCaseSensitive(p, "start");
  const cJSON *pMapping = cJSON_GetObjectItemCaseSensitive(p, "mapping");
  const cJSON *c;
  int iJob = job_add(w, zKey, iS, iT, zScope && strcmp(zScope, "all")==0, pErr);
  Job *j;
  if( iJob<0 ) return -1;
  j = &w->aJob[iJob];
  j->bCrossCloud = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "crossCloud"));
  j->bGroupSync = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "groupProvisioning"));
  if( scn_jobs_build_filters(w, j, pFilters) ) return -1;
  if( cJSON_GetObjectItemCaseSensitive(p, "deleteThreshold") ){
    deletion_set_threshold(w, j, (int64_t)cJSON_GetObjectItemCaseSensitive(p, "deleteThreshold")->valuedouble);
  }
  if( pMapping ){
    MapEntry *aMap;
    int nMap;
    unsigned mActs;
    int rc = scn_jobs_build_mapping(w, pMapping, &aMap, &nMap, &mActs, pErr);
    if( rc ) return -1;
    job_set_mapping(w, j, aMap, nMap, mActs, 0);
  }
  w->zCause = "initial assignment";
  if( pAssign ){
    const cJSON *l = cJSON_GetObjectItemCaseSensitive(pAssign, "users");
    if( l ) cJSON_ArrayForEach(c, l){
      job_assign_user(w, j, world_user_find(w, iS, c->valuestring), 1);
    }
    l = cJSON_GetObjectItemCaseSensitive(pAssign, "groups");
    if( l ) cJSON_ArrayForEach(c, l){
      job_assign_group(w, j, world_group_find(w, iS, c->valuestring), 1);
    }
  }
  if( j->bSyncAll ){
    int64_t id;
    for(id=1; id<=w->nUser; id++){
      if( w->aUser[id-1].iTenant==iS ) desired_update(w, j, id, w->zCause);
    }
  }
  w->zCause = NULL;
  if( !cJSON_IsFalse(pStart) ){
    SimTime t = 0;
    if( pStart ){
      char zWhy[160];
      scenario_when(r->pScn, pStart->valuestring, &t, zWhy, sizeof(zWhy));
    }
    runner_push(r, t, PRIO_JOB_START, EV_JOB_START, iJob, 0);
  }
  return 0;
}

/* The run_info rows that say what was run. */
static int build_info(Runner *r, const RunOptions *pOpt, TsErr *pErr){
  World *w = &r->w;
  const cJSON *pRoot = r->pScn->pRoot;
  const char *zDesc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pRoot, "description"));
  char zBuf[64];
  char *zJson;
  store_set_info(w->pStore, "scenario", r->pScn->zName);
  store_set_info(w->pStore, "description", zDesc ? zDesc : "");
  snprintf(zBuf, sizeof(zBuf), "%llu", (unsigned long long)w->seed);
  store_set_info(w->pStore, "seed", zBuf);
  store_set_info(w->pStore, "start", simtime_format_instant(r->pScn->tStartEpoch, zBuf, sizeof(zBuf)));
  store_set_info(w->pStore, "duration", simtime_format_duration(r->pScn->duration, zBuf, sizeof(zBuf)));
  store_set_info(w->pStore, "version", pOpt->zVersion ? pOpt->zVersion : "");
  zJson = cJSON_PrintUnformatted(pRoot);
  if( zJson==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  store_set_info(w->pStore, "scenario_json", zJson);
  cJSON_free(zJson);
  return TS_OK;
}



static int build_world(Runner *r, const RunOptions *pOpt, TsErr *pErr){
  World *w = &r->w;
  const cJSON *pRoot = r->pScn->pRoot, *t, *c;
  int i, rc;
  rc = build_info(r, pOpt, pErr);
  if( rc ) return rc;
  if( scn_tenants_build(&r->w, cJSON_GetObjectItemCaseSensitive(pRoot, "tenants")) ) goto oom;
  c = cJSON_GetObjectItemCaseSensitive(pRoot, "policies");
  if( c ) cJSON_ArrayForEach(t, c) scn_jobs_build_policy(&r->w, t);
  if( scn_jobs_build_faults(&r->w, r->pScn, cJSON_GetObjectItemCaseSensitive(pRoot, "faults")) ) goto oom;
  c = cJSON_GetObjectItemCaseSensitive(pRoot, "jobs");
  cJSON_ArrayForEach(t, c){
    if( build_job(r, t, pErr) ) return pErr && pErr->rc ? pErr->rc : TS_NOMEM;
  }
  if( w->bNoMem ) goto oom;
  r->aSched = mem_calloc((size_t)(w->nJob ? w->nJob : 1), sizeof(JobSched));
  if( r->aSched==NULL ) goto oom;
  for(i=0; i<w->nJob; i++) r->aSched[i].tQueued = -1;
  desired_sample_drift(w);
  return TS_OK;
oom:
  return tserr_set(pErr, TS_NOMEM, "out of memory while building the world");
}

/* ---------------------------------------------------------------------
** Timeline actions.
*/

/* Collect the users an action selects ("users" keys or a "sample") into
** *paId (caller frees). eFilter: 0 live, 1 live and enabled, 2 live and
** disabled, 3 soft-deleted and not purged. */
static int64_t select_users(Runner *r, int iTenant, const cJSON *p, int eFilter, int64_t **paId){
  World *w = &r->w;
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
  const cJSON *pSample = cJSON_GetObjectItemCaseSensitive(p, "sample");
  int64_t *a, n = 0, id, nWant, i;
  *paId = NULL;
  if( pUsers ){
    const cJSON *c;
    a = mem_malloc(sizeof(int64_t)*(size_t)(cJSON_GetArraySize(pUsers)+1));
    if( a==NULL ){ w->bNoMem = 1; return 0; }
    cJSON_ArrayForEach(c, pUsers){
      id = world_user_find(w, iTenant, c->valuestring);
      if( id>0 ) a[n++] = id;
    }
    *paId = a;
    return n;
  }
  if( pSample==NULL ) return 0;
  {
    const char *zG = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSample, "group"));
    const cJSON *pWhere = cJSON_GetObjectItemCaseSensitive(pSample, "where");
    int iG = zG ? world_group_find(w, iTenant, zG) : -1;
    a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1));
    if( a==NULL ){ w->bNoMem = 1; return 0; }
    for(id=1; id<=w->nUser; id++){
      User *u = &w->aUser[id-1];
      int bEnabled = attr_is_true(u->azAttr[A_ACCOUNT_ENABLED]);
      const cJSON *c;
      if( u->iTenant!=iTenant || u->zCreationType ) continue;
      if( eFilter==3 ){ if( u->tDeleted<0 || u->tPurged>=0 ) continue; }
      else if( !user_is_live(u) ) continue;
      if( eFilter==1 && !bEnabled ) continue;
      if( eFilter==2 && bEnabled ) continue;
      if( iG>=0 && !directory_is_member(u, iG) ) continue;
      if( pWhere ){
        for(c=pWhere->child; c; c=c->next){
          int iA = world_attr_find(w, c->string, 1);
          const char *zV = iA>=0 ? world_user_attr(u, iA) : NULL;
          if( zV==NULL || strcmp(zV, c->valuestring)!=0 ) break;
        }
        if( c ) continue;
      }
      a[n++] = id;
    }
    /* Partial Fisher-Yates: the first nWant entries become the sample. */
    nWant = (int64_t)cJSON_GetObjectItemCaseSensitive(pSample, "count")->valuedouble;
    if( nWant>n ) nWant = n;
    for(i=0; i<nWant; i++){
      int64_t k = i + (int64_t)rng_below(&w->rngSelection, (uint64_t)(n-i));
      int64_t x = a[i]; a[i] = a[k]; a[k] = x;
    }
    n = nWant;
  }
  /* Apply in id order, whatever order the sample was drawn in. */
  for(i=1; i<n; i++){
    int64_t x = a[i], k = i-1;
    while( k>=0 && a[k]>x ){ a[k+1] = a[k]; k--; }
    a[k+1] = x;
  }
  *paId = a;
  return n;
}

static const char zSqlTimeline[] =
  "INSERT INTO timeline(seq, at, action, summary, objects, job, note, in_scope)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)";
static const char zSqlTimelineJob[] =
  "INSERT INTO timeline_jobs(seq, job, in_scope, gate_before, gate_after)"
  " VALUES(?1,?2,?3,?4,?5)";

/* Record carried-out action w->iAction; j is the job it concerns, or NULL;
** nInScope < 0 when the action selects no users. */
static void timeline_row(World *w, const char *zAction, const char *zSummary, int64_t n,
                         const Job *j, const char *zNote, int64_t nInScope){
  sqlite3_stmt *s = store_stmt(w->pStore, zSqlTimeline);
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, w->iAction);
  sqlite3_bind_int64(s, 2, w->tNow);
  store_bind_text(s, 3, zAction);
  store_bind_text(s, 4, zSummary);
  sqlite3_bind_int64(s, 5, n);
  store_bind_opt_int(s, 6, j ? (int64_t)(j - w->aJob) : 0, j==NULL);
  store_bind_text(s, 7, zNote);
  store_bind_opt_int(s, 8, nInScope, nInScope<0);
  store_run(w->pStore, s);
}

/* "1 user" / "2 users": n and the noun, singular or plural (zPlural). */
static const char *plural(int64_t n, const char *zOne, const char *zMany){
  return n==1 ? zOne : zMany;
}

/* ---------------------------------------------------------------------
** What an action did to each job: which of the users it selected were in
** a job's scope (before or after it), and how the checks of the jobs that
** read a changed policy or tenant setting came out before and after.
*/
typedef struct ActionJob {
  int64_t nInScope;        /* -1: the action selected no users */
  const char *zGateBefore, *zGateAfter;   /* static; NULL: passing */
  int bGate;               /* the action's setting bears on this job */
  int bConcerned;          /* write a timeline_jobs row */
} ActionJob;

typedef struct Census {
  int64_t *aId;            /* the users (owned) */
  int64_t nId;
  uint8_t *aIn;            /* nId*nJob: 1 in scope before, 2 after */
  ActionJob *aJob;         /* nJob */
  int64_t nAny;            /* users in some job's scope; -1: no users */
} Census;

static void census_init(Census *c, World *w){
  memset(c, 0, sizeof(*c));
  c->nAny = -1;
  c->aJob = mem_calloc((size_t)(w->nJob ? w->nJob : 1), sizeof(ActionJob));
  if( c->aJob==NULL ){ w->bNoMem = 1; return; }
}

static void census_free(Census *c){
  mem_free(c->aId);
  mem_free(c->aIn);
  mem_free(c->aJob);
}

/* Take the users aId[0..n) (copied) and note, per job, which of them are
** in its scope now (before the action). */
static void census_before(Census *c, World *w, const int64_t *aId, int64_t n){
  int64_t i;
  int k;
  if( c->aJob==NULL || c->aId ) return;
  c->aId = mem_malloc(sizeof(int64_t)*(size_t)(n ? n : 1));
  c->aIn = mem_calloc((size_t)(n ? n : 1)*(size_t)(w->nJob ? w->nJob : 1), 1);
  if( c->aId==NULL || c->aIn==NULL ){ w->bNoMem = 1; return; }
  if( n ) memcpy(c->aId, aId, sizeof(int64_t)*(size_t)n);
  c->nId = n;
  for(i=0; i<n; i++){
    for(k=0; k<w->nJob; k++){
      if( desired_in_scope(&w->aJob[k], aId[i]) ) c->aIn[i*w->nJob+k] |= 1;
    }
  }
}

/* Every source user of job j (a change to the job's own rules). */
static void census_job_users(Census *c, World *w, const Job *j){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1)), n = 0, id;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=1; id<=w->nUser; id++) if( w->aUser[id-1].iTenant==j->iSource ) a[n++] = id;
  census_before(c, w, a, n);
  mem_free(a);
}

/* Users iFirst..w->nUser, created by the action (a hire): in no scope
** before it. */
static void census_new_users(Census *c, World *w, int64_t iFirst){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser-iFirst+2)), n = 0, id;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=iFirst; id<=w->nUser; id++) a[n++] = id;
  census_before(c, w, a, n);
  mem_free(a);
}

/* After the action: count, per job and for all jobs together, the users
** in scope before or after it. */
static void census_after(Census *c, World *w){
  int64_t i;
  int k;
  if( c->aJob==NULL || c->aIn==NULL ) return;
  c->nAny = 0;
  for(k=0; k<w->nJob; k++) c->aJob[k].nInScope = 0;
  for(i=0; i<c->nId; i++){
    int bAny = 0;
    for(k=0; k<w->nJob; k++){
      uint8_t m = c->aIn[i*w->nJob+k];
      if( desired_in_scope(&w->aJob[k], c->aId[i]) ) m |= 2;
      if( m ){
        c->aJob[k].nInScope++;
        c->aJob[k].bConcerned = 1;
        bAny = 1;
      }
    }
    c->nAny += bAny;
  }
}

/* The checks of the jobs a setting bears on, before (bAfter 0) or after. */
static void census_gates(Census *c, World *w, int bAfter){
  int k;
  for(k=0; c->aJob && k<w->nJob; k++){
    GateResult g;
    if( !c->aJob[k].bGate ) continue;
    policy_gate_check(w, w->aJob[k].iSource, w->aJob[k].iTarget, w->aJob[k].bCrossCloud, &g);
    if( bAfter ) c->aJob[k].zGateAfter = g.zCode;
    else c->aJob[k].zGateBefore = g.zCode;
  }
}

static void census_write(Census *c, World *w, const Job *j){
  int k;
  if( c->aJob==NULL ) return;
  if( j ) c->aJob[j - w->aJob].bConcerned = 1;
  for(k=0; k<w->nJob; k++){
    const ActionJob *a = &c->aJob[k];
    sqlite3_stmt *s;
    if( !a->bConcerned && !a->bGate ) continue;
    s = store_stmt(w->pStore, zSqlTimelineJob);
    if( s==NULL ) return;
    sqlite3_bind_int64(s, 1, w->iAction);
    sqlite3_bind_int(s, 2, k);
    store_bind_opt_int(s, 3, a->nInScope, c->aIn==NULL);
    store_bind_text(s, 4, a->zGateBefore);
    store_bind_text(s, 5, a->zGateAfter);
    store_run(w->pStore, s);
  }
}

/* Apply "set" of p to user id (as source admin, or target admin). */
static void apply_set(World *w, const cJSON *p, int64_t id, int bTarget){
  const cJSON *c, *pSet = cJSON_GetObjectItemCaseSensitive(p, "set");
  for(c=pSet->child; c; c=c->next){
    const char *z;
    scn_tenants_attr_value(c, &z);
    int iAttr = world_attr_find(w, c->string, 1);
    if( iAttr<0 ) return;
    if( iAttr==A_MANAGER && z ){
      /* A manager is given by user key; the attribute holds its object id. */
      User *u = world_user(w, id);
      int64_t idM = world_user_find(w, u->iTenant, z);
      z = idM>0 ? world_user(w, idM)->zObjectId : NULL;
    }
    if( bTarget ) admin_target_update(w, id, iAttr, z);
    else admin_update(w, id, iAttr, z);
  }
}

/* The users of the source tenant of j who are direct members of the groups
** listed in pGroups (an assignment of groups concerns them). */
static void census_group_members(Census *c, World *w, const Job *j, const cJSON *pGroups){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1)), n = 0, id;
  const cJSON *g;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=1; id<=w->nUser; id++){
    const User *u = &w->aUser[id-1];
    if( u->iTenant!=j->iSource ) continue;
    cJSON_ArrayForEach(g, pGroups){
      int iG = world_group_find(w, j->iSource, g->valuestring);
      if( iG>=0 && directory_is_member(u, iG) ){ a[n++] = id; break; }
    }
  }
  census_before(c, w, a, n);
  mem_free(a);
}

/* Mark the jobs a set_policy or set_tenant action bears on. */
static void census_mark_gates(Census *c, World *w, const char *zAction, int iTenant,
                              int iPartner, int iField){
  int k;
  for(k=0; c->aJob && k<w->nJob; k++){
    const Job *j = &w->aJob[k];
    if( strcmp(zAction, "set_policy")==0 ){
      c->aJob[k].bGate = policy_field_concerns(w, j->iSource, j->iTarget, j->bGroupSync,
                                                    iTenant, iPartner, (PolicyField)iField);
    }else{
      c->aJob[k].bGate = j->iSource==iTenant || j->iTarget==iTenant;
    }
  }
}

/* One timeline action being applied: what every action's apply reads
** (the entry, its tenant and job) and what it leaves for the timeline row
** (n objects changed, the summary, users selected in aId, owned). */
typedef struct Act {
  Runner *r;
  World *w;
  const cJSON *p;          /* the timeline entry (validated) */
  ScnActionKind eKind;
  const char *zAction;     /* its name */
  const char *zTenant;     /* "tenant", or NULL */
  const char *zJob;        /* "job", or NULL */
  int iTenant;             /* the tenant's index, or -1 */
  Job *j;                  /* the job, or NULL */
  int64_t *aId;            /* users selected (mem_malloc), or NULL */
  int64_t n;               /* objects the action changed */
  char zSummary[400];
  Census census;
} Act;

static void apply_hire(Act *a){
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(a->p, "users"), *c;
  int64_t iFirst = a->w->nUser+1;
  if( pUsers ){
    cJSON_ArrayForEach(c, pUsers){ if( scn_tenants_build_user(a->w, a->iTenant, c, 1)>0 ) a->n++; }
  }else{
    a->n = scn_tenants_build_population(a->w, a->iTenant, cJSON_GetObjectItemCaseSensitive(a->p, "population"), 1);
  }
  census_new_users(&a->census, a->w, iFirst);
  snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s hired in %s", (long long)a->n,
           plural(a->n, "user", "users"), a->zTenant);
}

/* terminate, restore, disable, enable, update, move: an admin edit of
** each selected user of the tenant. */
static void apply_user_edit(Act *a){
  World *w = a->w;
  int eFilter = a->eKind==SCN_DISABLE ? 1 : a->eKind==SCN_ENABLE ? 2 : a->eKind==SCN_RESTORE ? 3 : 0;
  int64_t i;
  a->n = select_users(a->r, a->iTenant, a->p, eFilter, &a->aId);
  census_before(&a->census, w, a->aId, a->n);
  for(i=0; i<a->n; i++){
    int64_t id = a->aId[i];
    switch( a->eKind ){
      case SCN_TERMINATE: admin_delete(w, id); break;
      case SCN_RESTORE:   admin_restore(w, id); break;
      case SCN_DISABLE:   admin_update(w, id, A_ACCOUNT_ENABLED, ATTR_FALSE); break;
      case SCN_ENABLE:    admin_update(w, id, A_ACCOUNT_ENABLED, ATTR_TRUE); break;
      case SCN_MOVE:      admin_update(w, id, A_DEPARTMENT,
                    cJSON_GetObjectItemCaseSensitive(a->p, "department")->valuestring); break;
      default:            apply_set(w, a->p, id, 0); break;
    }
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "%s: %lld %s in %s", a->zAction, (long long)a->n,
           plural(a->n, "user", "users"), a->zTenant);
}

/* assign, unassign: users or groups of the job's source tenant. */
static void apply_assign(Act *a){
  World *w = a->w;
  Job *j = a->j;
  int bAssign = a->eKind==SCN_ASSIGN;
  const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(a->p, "groups"), *c;
  int64_t i, k;
  if( pGroups ){
    census_group_members(&a->census, w, j, pGroups);
    cJSON_ArrayForEach(c, pGroups){
      if( job_assign_group(w, j, world_group_find(w, j->iSource, c->valuestring), bAssign)>0 ) a->n++;
    }
    snprintf(a->zSummary, sizeof(a->zSummary), "%s %lld %s %s job %s", a->zAction, (long long)a->n,
             plural(a->n, "group", "groups"), bAssign ? "to" : "from", a->zJob);
    return;
  }
  k = select_users(a->r, j->iSource, a->p, 0, &a->aId);
  census_before(&a->census, w, a->aId, k);
  for(i=0; i<k; i++) if( job_assign_user(w, j, a->aId[i], bAssign)>0 ) a->n++;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s %lld %s %s job %s", a->zAction, (long long)a->n,
           plural(a->n, "user", "users"), bAssign ? "to" : "from", a->zJob);
}

/* add_member, remove_member */
static void apply_member(Act *a){
  World *w = a->w;
  int bAdd = a->eKind==SCN_ADD_MEMBER;
  const char *zG = cJSON_GetObjectItemCaseSensitive(a->p, "group")->valuestring;
  int iG = world_group_find(w, a->iTenant, zG);
  int64_t i, k = select_users(a->r, a->iTenant, a->p, 0, &a->aId);
  census_before(&a->census, w, a->aId, k);
  for(i=0; i<k; i++) if( admin_member(w, iG, a->aId[i], bAdd)>0 ) a->n++;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s: %lld %s %s group %s in %s",
           a->zAction, (long long)a->n, plural(a->n, "user", "users"),
           bAdd ? "added to" : "removed from", zG, a->zTenant);
}

static void apply_set_policy(Act *a){
  World *w = a->w;
  const char *zP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a->p, "partner"));
  const char *zF = cJSON_GetObjectItemCaseSensitive(a->p, "field")->valuestring;
  int v = scn_jobs_tri(cJSON_GetObjectItemCaseSensitive(a->p, "value"));
  int iP = zP ? world_tenant_find(w, zP) : -1;
  census_mark_gates(&a->census, w, a->zAction, a->iTenant, iP, policy_field_find(zF));
  census_gates(&a->census, w, 0);
  admin_policy(w, a->iTenant, iP, (PolicyField)policy_field_find(zF), v);
  census_gates(&a->census, w, 1);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s sets %s towards %s to %s", a->zTenant, zF,
           zP ? zP : "all (default)", v<0 ? "null" : v ? "true" : "false");
}

static void apply_start_job(Act *a){
  job_start(a->w, a->j); a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s started", a->zJob);
}

static void apply_pause_job(Act *a){
  job_pause(a->w, a->j); a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s paused", a->zJob);
}

static void apply_set_tenant(Act *a){
  World *w = a->w;
  census_mark_gates(&a->census, w, a->zAction, a->iTenant, -1, -1);
  census_gates(&a->census, w, 0);
  scn_tenants_apply_settings(w, a->iTenant, a->p);
  census_gates(&a->census, w, 1);
  audit_write(w, a->iTenant, "CrossTenantAccessSettings", "Update the company default"
              " cross-tenant access setting", "admin", "Tenant", w->aTenant[a->iTenant].zTenantId,
              a->zTenant, "cloud, guest invitation or quota settings");
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "tenant settings of %s changed", a->zTenant);
}

static void apply_allow_deletes(Act *a){
  job_restart(a->w, a->j, RESET_FORCE_DELETES);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "deletes allowed for job %s (restart with ForceDeletes)",
           a->zJob);
}

static void apply_restart_job(Act *a){
  const char *zScope = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a->p, "resetScope"));
  unsigned m = zScope ? 0 : RESET_PORTAL;
  char zName[64];
  while( zScope && *zScope ){
    size_t k = strcspn(zScope, ",");
    snprintf(zName, sizeof(zName), "%.*s", (int)k, zScope);
    m |= (unsigned)job_reset_flag(zName);
    zScope += k + (zScope[k]==',');
  }
  job_restart(a->w, a->j, m);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s restarted", a->zJob);
}

static void apply_set_mapping(Act *a){
  World *w = a->w;
  Job *j = a->j;
  MapEntry *aMap;
  int nMap;
  unsigned mActs;
  TsErr err;
  tserr_clear(&err);
  census_job_users(&a->census, w, j);
  if( scn_jobs_build_mapping(w, cJSON_GetObjectItemCaseSensitive(a->p, "mapping"), &aMap, &nMap, &mActs, &err) ){
    w->bNoMem = 1;     /* the mapping was validated: only memory can fail */
  }else{
    job_set_mapping(w, j, aMap, nMap, mActs, 1);
  }
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "attribute mappings of job %s saved (%d %s);"
           " the next cycle is an initial cycle", a->zJob, j->nMap,
           plural(j->nMap, "entry", "entries"));
}

static void apply_set_filters(Act *a){
  World *w = a->w;
  Job *j = a->j;
  census_job_users(&a->census, w, j);
  job_clear_filters(w, j);
  if( scn_jobs_build_filters(w, j, cJSON_GetObjectItemCaseSensitive(a->p, "scopingFilters")) ) w->bNoMem = 1;
  job_config_changed(w, j);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "scoping filters of job %s saved (%d %s);"
           " the next cycle is an initial cycle", a->zJob, j->nFilter,
           plural(j->nFilter, "group", "groups"));
}

static void apply_on_demand(Act *a){
  World *w = a->w;
  const char *zUser = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a->p, "user"));
  const char *zOutcome = "";
  if( zUser==NULL ){
    snprintf(a->zSummary, sizeof(a->zSummary), "on-demand provisioning of group %s by %s:"
             " EntityTypeNotSupported (groups cannot be provisioned on demand)",
             cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a->p, "group")), a->zJob);
    return;
  }
  if( cycle_on_demand(w, a->j, world_user_find(w, a->j->iSource, zUser), &zOutcome) ) w->bNoMem = 1;
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "on-demand provisioning of %s by %s: %s",
           zUser, a->zJob, zOutcome);
}

/* target_leave, target_update: the target side of users given by their
** source key. */
static void apply_target(Act *a){
  World *w = a->w;
  Job *j = a->j;
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(a->p, "users"), *c;
  int bLeave = a->eKind==SCN_TARGET_LEAVE;
  int64_t i, k = 0;
  a->aId = mem_malloc(sizeof(int64_t)*(size_t)(cJSON_GetArraySize(pUsers)+1));
  if( a->aId==NULL ) w->bNoMem = 1;
  cJSON_ArrayForEach(c, pUsers){
    int64_t id = world_user_find(w, j->iSource, c->valuestring);
    if( id>0 && a->aId ) a->aId[k++] = id;
  }
  census_before(&a->census, w, a->aId, k);
  for(i=0; i<k; i++){
    Pair *pr = pair_get(w, j, a->aId[i]);
    if( pr==NULL || !pr->iTarget ) continue;
    if( bLeave ){
      if( admin_target_leave(w, pr->iTarget) ) a->n++;
    }else{
      apply_set(w, a->p, pr->iTarget, 1);
      a->n++;
    }
  }
  if( bLeave ){
    snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s synced by %s %s %s", (long long)a->n,
             plural(a->n, "user", "users"), a->zJob, plural(a->n, "leaves", "leave"),
             w->aTenant[j->iTarget].zKey);
  }else{
    snprintf(a->zSummary, sizeof(a->zSummary), "target admin of %s edits %lld %s synced by %s",
             w->aTenant[j->iTarget].zKey, (long long)a->n, plural(a->n, "user", "users"), a->zJob);
  }
}

/* How each action kind (scenario.h) is applied; the names, keys and checks
** are the rows of scn_actions.c. */
static void (*const aApply[SCN_ACTION_COUNT])(Act*) = {
  [SCN_HIRE] = apply_hire,
  [SCN_TERMINATE] = apply_user_edit, [SCN_RESTORE] = apply_user_edit,
  [SCN_DISABLE] = apply_user_edit,   [SCN_ENABLE] = apply_user_edit,
  [SCN_UPDATE] = apply_user_edit,    [SCN_MOVE] = apply_user_edit,
  [SCN_ASSIGN] = apply_assign,       [SCN_UNASSIGN] = apply_assign,
  [SCN_ADD_MEMBER] = apply_member,   [SCN_REMOVE_MEMBER] = apply_member,
  [SCN_SET_POLICY] = apply_set_policy,
  [SCN_START_JOB] = apply_start_job, [SCN_PAUSE_JOB] = apply_pause_job,
  [SCN_RESTART_JOB] = apply_restart_job,
  [SCN_TARGET_UPDATE] = apply_target, [SCN_TARGET_LEAVE] = apply_target,
  [SCN_SET_MAPPING] = apply_set_mapping, [SCN_SET_FILTERS] = apply_set_filters,
  [SCN_ALLOW_DELETES] = apply_allow_deletes,
  [SCN_SET_TENANT] = apply_set_tenant,
  [SCN_PROVISION_ON_DEMAND] = apply_on_demand,
};

/* Apply timeline action pAct and record its row (and census). */
static void run_action(Runner *r, const ScnAction *pAct){
  World *w = &r->w;
  const cJSON *p = pAct->pJson;
  const char *zNote = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "note"));
  Act a;
  memset(&a, 0, sizeof(a));
  a.r = r;
  a.w = w;
  a.p = p;
  a.eKind = pAct->eKind;
  a.zAction = scn_actions_name(pAct->eKind);
  a.zTenant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "tenant"));
  a.zJob = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "job"));
  a.iTenant = a.zTenant ? world_tenant_find(w, a.zTenant) : -1;
  a.j = a.zJob ? &w->aJob[job_find(w, a.zJob)] : NULL;

  w->zCause = a.zAction;
  w->iAction = ++w->nAction;
  census_init(&a.census, w);
  aApply[a.eKind](&a);
  if( zNote ){
    size_t k = strlen(a.zSummary);
    snprintf(a.zSummary+k, sizeof(a.zSummary)-k, " — %s", zNote);
  }
  census_after(&a.census, w);
  timeline_row(w, a.zAction, a.zSummary, a.n, a.j, zNote, a.census.nAny);
  census_write(&a.census, w, a.j);
  census_free(&a.census);
  mem_free(a.aId);
  w->zCause = NULL;
  w->iAction = 0;
  desired_sample_drift(w);
}

/* ---------------------------------------------------------------------
** Expectations checked at an instant.
*/
static const char zSqlExpect[] =
  "INSERT INTO expectations(at, description, actual, passed) VALUES(?1,?2,?3,?4)";

/* Check instant expectation p (validated) now and record the result. */
static void check_expectation(Runner *r, const cJSON *p){
  World *w = &r->w;
  Job *j = &w->aJob[job_find(w, cJSON_GetObjectItemCaseSensitive(p, "job")->valuestring)];
  const char *zStatus = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "status"));
  const char *zUser = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "user"));
  const char *zAt = cJSON_GetObjectItemCaseSensitive(p, "at")->valuestring;
  char zDesc[400], zActual[300];
  int bPass;
  sqlite3_stmt *s;
  if( zStatus ){
    snprintf(zDesc, sizeof(zDesc), "job %s is %s at %s", j->zKey, zStatus, zAt);
    snprintf(zActual, sizeof(zActual), "%s", job_status_name(j));
    bPass = strcmp(zActual, zStatus)==0;
  }else{
    int64_t id = world_user_find(w, j->iSource, zUser);
    Pair *pr = id>0 ? pair_get(w, j, id) : NULL;
    User *t = pr && pr->iTarget ? world_user(w, pr->iTarget) : NULL;
    const char *zState = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "state"));
    const char *zAttr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "attribute"));
    const char *zNow = t==NULL || t->tPurged>=0 ? "absent" : t->tDeleted>=0 ? "softDeleted" : "exists";
    if( zState ){
      snprintf(zDesc, sizeof(zDesc), "%s's user in %s %s at %s", zUser,
               w->aTenant[j->iTarget].zKey, strcmp(zState, "exists")==0 ? "exists"
               : strcmp(zState, "softDeleted")==0 ? "is soft-deleted" : "is absent", zAt);
      snprintf(zActual, sizeof(zActual), "%s", zNow);
      bPass = strcmp(zState, zNow)==0;
    }else{
      const char *zWant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "equals"));
      int iAttr = world_attr_find(w, zAttr, 1);
      const char *zHas = t && user_is_live(t) && iAttr>=0 ? world_user_attr(t, iAttr) : NULL;
      snprintf(zDesc, sizeof(zDesc), "%s's user in %s has %s = %s at %s", zUser,
               w->aTenant[j->iTarget].zKey, zAttr, zWant ? zWant : "null", zAt);
      snprintf(zActual, sizeof(zActual), "%s", t==NULL ? "(no target user)" : zHas ? zHas : "null");
      bPass = (zWant==NULL && zHas==NULL && t) || (zWant && zHas && strcmp(zWant, zHas)==0);
    }
  }
  s = store_stmt(w->pStore, zSqlExpect);
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, w->tNow);
  store_bind_text(s, 2, zDesc);
  store_bind_text(s, 3, zActual);
  sqlite3_bind_int(s, 4, bPass);
  store_run(w->pStore, s);
}

/* ---------------------------------------------------------------------
** The event loop.
*/

/* Queue what the handled event made due: job cycles and hard deletions. */
static void runner_schedule(Runner *r){
  World *w = &r->w;
  SimTime tPurge;
  int i;
  for(i=0; i<w->nJob; i++){
    Job *j = &w->aJob[i];
    JobSched *s = &r->aSched[i];
    if( j->tNextCycle>=0 && j->tNextCycle!=s->tQueued ){
      s->gen = ++r->nGen;
      s->tQueued = j->tNextCycle;
      runner_push(r, j->tNextCycle, PRIO_CYCLE, EV_CYCLE, i, s->gen);
    }else if( j->tNextCycle<0 ){
      s->tQueued = -1;
    }
  }
  tPurge = directory_next_purge(w);
  if( tPurge>=0 && tPurge!=r->tPurgeQueued ){
    r->tPurgeQueued = tPurge;
    runner_push(r, tPurge, PRIO_PURGE, EV_PURGE, 0, 0);
  }
}

static void runner_cycle(Runner *r, const Event *e, SimTime tEnd){
  World *w = &r->w;
  Job *j = &w->aJob[e->a];
  const Event *pNext;
  SimTime tNext = 0, tLimit;
  int rc;
  if( e->kind==EV_CYCLE ){
    if( e->b!=r->aSched[e->a].gen || j->run.bRunning || j->tNextCycle<0 ) return;
    r->aSched[e->a].tQueued = -1;
    cycle_begin(w, j);
    r->pStats->nCycles++;
    if( !j->run.bRunning ) return;
  }
  pNext = queue_peek(&r->q);
  tLimit = pNext ? pNext->t : tEnd+1;
  if( tLimit>tEnd+1 ) tLimit = tEnd+1;
  rc = cycle_step(w, j, e->t, tLimit, &tNext);
  if( rc==0 && tNext<=tEnd ) runner_push(r, tNext, PRIO_CYCLE, EV_CYCLE_STEP, e->a, 0);
}

/* Monotonic wall-clock seconds: used only for the progress line's ETA,
** never for anything written to the database or a report. */
static double wall_seconds(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

/* The progress line (a terminal only): simulated day, users, cycles,
** objects processed, drift and an ETA extrapolated from the wall time spent
** per simulated second so far. At most five lines a second. */
static void runner_progress(Runner *r, int bFinal){
  World *w = &r->w;
  double rNow, rEta;
  int64_t nObjects = 0;
  int i;
  char zEta[40], zNow[32], zEnd[32];
  if( r->pProgress==NULL ) return;
  rNow = wall_seconds();
  if( !bFinal && r->rLastProgress>=0 && rNow - r->rLastProgress < 0.2 ) return;
  r->rLastProgress = rNow;
  for(i=0; i<w->nJob; i++){
    const JobStats *st = &w->aJob[i].stats;
    nObjects += st->nCreate + st->nUpdate + st->nDelete + st->nDisable + st->nOther
              + st->nSkipped + st->nFailure;
  }
  if( bFinal ){
    snprintf(zEta, sizeof(zEta), "done in %.1fs", rNow - r->rWallStart);
  }else if( w->tNow>0 ){
    rEta = (rNow - r->rWallStart) * (double)(r->pScn->duration - w->tNow) / (double)w->tNow;
    if( rEta<60 ) snprintf(zEta, sizeof(zEta), "ETA %.0fs", rEta);
    else snprintf(zEta, sizeof(zEta), "ETA %ldm%02lds", (long)rEta/60, (long)rEta%60);
  }else{
    snprintf(zEta, sizeof(zEta), "ETA -");
  }
  /* The reports' notation: "Day N HH:MM", Day 1 the start day (UTC). */
  fprintf(r->pProgress, "\r[tenantsim] %s of %s  users %lld  cycles %lld  objects %lld  drift %lld  %s   %s",
          simtime_format_day(w->tStartEpoch, w->tNow, zNow, sizeof(zNow)),
          simtime_format_day(w->tStartEpoch, r->pScn->duration, zEnd, sizeof(zEnd)),
          (long long)w->nUser, (long long)r->pStats->nCycles, (long long)nObjects,
          (long long)w->nDriftTotal, zEta, bFinal ? "\n" : "");
  fflush(r->pProgress);
}

/* Store the scenario with a provision_on_demand action at its end added. */
static int record_on_demand(World *w, const Scenario *pScn, const RunOptions *pOpt){
  cJSON *pRoot = cJSON_Duplicate(pScn->pRoot, 1), *pTimeline, *pAct;
  char zAt[40], *zJson;
  if( pRoot==NULL ) return -1;
  pTimeline = cJSON_GetObjectItemCaseSensitive(pRoot, "timeline");
  if( pTimeline==NULL ) pTimeline = cJSON_AddArrayToObject(pRoot, "timeline");
  pAct = cJSON_CreateObject();
  if( pTimeline==NULL || pAct==NULL ){ cJSON_Delete(pAct); cJSON_Delete(pRoot); return -1; }
  cJSON_AddItemToArray(pTimeline, pAct);
  cJSON_AddStringToObject(pAct, "at", simtime_format_duration(pScn->duration, zAt, sizeof(zAt)));
  cJSON_AddStringToObject(pAct, "action", "provision_on_demand");
  cJSON_AddStringToObject(pAct, "job", pOpt->zOnDemandJob);
  cJSON_AddStringToObject(pAct, "user", pOpt->zOnDemandUser);
  zJson = cJSON_PrintUnformatted(pRoot);
  cJSON_Delete(pRoot);
  if( zJson==NULL ) return -1;
  store_set_info(w->pStore, "scenario_json", zJson);
  cJSON_free(zJson);
  return 0;
}

/* The provision on demand asked for on the command line (--user/--job),
** at the end of the run. Returns TS_ERR (no such job or user: the open
** transaction is rolled back) or TS_NOMEM. */
static int run_on_demand(Runner *r, const RunOptions *pOpt, TsErr *pErr){
  World *w = &r->w;
  int iJob = job_find(w, pOpt->zOnDemandJob);
  int64_t id = iJob>=0 ? world_user_find(w, w->aJob[iJob].iSource, pOpt->zOnDemandUser) : -1;
  const char *zOut = "";
  if( iJob<0 ){
    store_rollback(w->pStore);
    return tserr_set(pErr, TS_ERR, "no job \"%s\" in this run", pOpt->zOnDemandJob);
  }
  if( id<0 ){
    store_rollback(w->pStore);
    return tserr_set(pErr, TS_ERR, "no user \"%s\" in tenant %s, the source of job %s",
                   pOpt->zOnDemandUser, w->aTenant[w->aJob[iJob].iSource].zKey, pOpt->zOnDemandJob);
  }
  if( cycle_on_demand(w, &w->aJob[iJob], id, &zOut) ) w->bNoMem = 1;
  snprintf(r->pStats->zOnDemand, sizeof(r->pStats->zOnDemand), "%s", zOut);
  {
    char zSummary[400];
    snprintf(zSummary, sizeof(zSummary), "on-demand provisioning of %s by %s: %s",
             pOpt->zOnDemandUser, pOpt->zOnDemandJob, zOut);
    w->iAction = ++w->nAction;
    timeline_row(w, "provision_on_demand", zSummary, 1, &w->aJob[iJob], NULL, -1);
    w->iAction = 0;
  }
  /* Keep the on-demand in the stored scenario, so that a later replay of
  ** this database (another provision-on-demand) includes it. */
  if( record_on_demand(w, r->pScn, pOpt) ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  return TS_OK;
}

/* Queue each expectation (an EV_EXPECT event) at its instant. */
static void runner_push_expectations(Runner *r){
  const cJSON *pExpect = cJSON_GetObjectItemCaseSensitive(r->pScn->pRoot, "expect"), *c;
  int k = 0;
  if( pExpect ) cJSON_ArrayForEach(c, pExpect){
    if( cJSON_IsObject(c) ){
      SimTime t = 0;
      char zWhy[160];
      scenario_when(r->pScn, cJSON_GetObjectItemCaseSensitive(c, "at")->valuestring, &t, zWhy, sizeof(zWhy));
      runner_push(r, t, PRIO_EXPECT, EV_EXPECT, k, 0);
    }
    k++;
  }
}

int runner_run(const Scenario *pScn, const RunOptions *pOpt, RunStats *pStats, TsErr *pErr){
  Runner r;
  World *w = &r.w;
  Event e;
  SimTime tEnd = pScn->duration;
  int rc, i;
  char zBuf[32];

  memset(&r, 0, sizeof(r));
  memset(pStats, 0, sizeof(*pStats));
  r.pScn = pScn;
  r.pStats = pStats;
  r.pProgress = pOpt->pProgress;
  r.tPurgeQueued = -1;
  r.rWallStart = wall_seconds();
  r.rLastProgress = -1;
  queue_init(&r.q);
  pStats->seed = pOpt->bSeed ? pOpt->seed : pScn->seed;
  rc = engine_open(w, pOpt->zDbPath, pStats->seed, pScn->tStartEpoch, pErr);
  if( rc ) goto out;
  r.bWorld = 1;
  w->params = pScn->params;

  store_begin(w->pStore);
  rc = build_world(&r, pOpt, pErr);
  for(i=0; rc==TS_OK && i<pScn->nAction; i++){
    runner_push(&r, pScn->aAction[i].t, PRIO_ACTION, EV_ACTION, i, 0);
  }
  if( rc==TS_OK ) runner_push_expectations(&r);
  if( rc==TS_OK ) runner_schedule(&r);
  if( rc ){ store_rollback(w->pStore); goto out; }
  rc = store_commit(w->pStore, pErr);
  if( rc ) goto out;

  while( queue_pop(&r.q, &e)==0 ){
    if( e.t>tEnd ) break;
    w->tNow = e.t;
    pStats->nEvents++;
    store_begin(w->pStore);
    switch( e.kind ){
      case EV_ACTION:    run_action(&r, &pScn->aAction[e.a]); break;
      case EV_JOB_START: job_start(w, &w->aJob[e.a]); break;
      case EV_PURGE:     directory_purge_due(w); r.tPurgeQueued = -1; break;
      case EV_EXPECT:
        check_expectation(&r, cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pScn->pRoot,
                                                                            "expect"), (int)e.a));
        break;
      default:           runner_cycle(&r, &e, tEnd); break;
    }
    runner_schedule(&r);
    if( w->bNoMem ){
      store_rollback(w->pStore);
      rc = tserr_set(pErr, TS_NOMEM, "out of memory at %s into the run",
                     simtime_format_duration(w->tNow, zBuf, sizeof(zBuf)));
      goto out;
    }
    rc = store_commit(w->pStore, pErr);
    if( rc ) goto out;
    runner_progress(&r, 0);
  }

  /* The end of the run: close unfinished cycles, save the final state. */
  w->tNow = tEnd;
  store_begin(w->pStore);
  if( pOpt->zOnDemandJob && pOpt->zOnDemandUser ){
    rc = run_on_demand(&r, pOpt, pErr);
    if( rc ) goto out;
  }
  desired_finish(w);
  for(i=0; i<w->nJob; i++){
    cycle_abandon(w, &w->aJob[i]);
    job_save(w, &w->aJob[i]);
  }
  desired_sample_drift(w);
  snprintf(zBuf, sizeof(zBuf), "%lld", (long long)tEnd);
  store_set_info(w->pStore, "end_t", zBuf);
  store_finish(w->pStore);
  rc = store_commit(w->pStore, pErr);
  pStats->nUsers = w->nUser;
  runner_progress(&r, 1);

out:
  if( r.bWorld ) engine_close(w);
  mem_free(r.aSched);
  queue_free(&r.q);
  return rc;
}
