/*
** runner.c — run a scenario: build its world, then the event loop (see
** runner.h).
**
** The world at t=0 is built from the typed scenario model by scn_build.c
** and timeline actions are carried out by apply.c; the event queue, job
** starts and cycles, hard deletions, instant expectations, run_info and
** the command line's provision on demand are here; the progress line is
** progress.c's.
** Nothing here reads the scenario's JSON but to store it in run_info.
** Randomness: populations draw from the "population" stream, sampled
** selections in timeline actions from "selection", cycle timing from
** "timing" and identifiers from "ids" and "runIds" (world.c), so adding a
** population does not move, say, the cycle timings.
*/
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "engine.h"
#include "audit.h"
#include "admin.h"
#include "cycle.h"
#include "cycle_on_demand.h"
#include "desired.h"
#include "directory.h"
#include "dyngroup.h"
#include "dynmember.h"
#include "expr.h"
#include "faults.h"
#include "job.h"
#include "job_history.h"
#include "tenant_history.h"
#include "mapping.h"
#include "policy.h"
#include "queue.h"
#include "scope.h"
#include "targetproc.h"
#include "apply.h"
#include "lint.h"
#include "progress.h"
#include "runner.h"

enum { EV_ACTION = 1, EV_JOB_START, EV_CYCLE, EV_CYCLE_STEP, EV_PURGE, EV_DYNAMIC, EV_EXPECT,
       EV_BACKUP, EV_REVIEW };
/* A backup is taken before the actions of its instant (a recovery at the
** instant of its own backup changes nothing). */
enum { PRIO_BACKUP = -1, PRIO_ACTION = 0, PRIO_JOB_START = 1, PRIO_CYCLE = 2, PRIO_PURGE = 3,
       PRIO_DYNAMIC = 4, PRIO_REVIEW = 5, PRIO_EXPECT = 9 };

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
  SimTime tDynQueued;      /* the dynamic-membership event queued, or -1 */
  SimTime tReviewQueued;   /* the access-review removal event queued, or -1 */
  int64_t nGen;
  RunStats *pStats;
  Progress progress;       /* the line on a terminal (progress.h) */
  int bWorld;
} Runner;


static int runner_push(Runner *r, SimTime t, int prio, int kind, int64_t a, int64_t b){
  Event e;
  memset(&e, 0, sizeof(e));
  e.t = t; e.prio = prio; e.kind = kind; e.a = a; e.b = b;
  if( queue_push(&r->q, &e) ){ r->w.bNoMem = 1; return -1; }
  return 0;
}



/* The run_info rows that say what was run. */
static int build_info(Runner *r, const RunOptions *pOpt, TsErr *pErr){
  World *w = &r->w;
  const char *zDesc = r->pScn->zDescription;
  char zBuf[64];
  char *zJson;
  store_set_info(w->pStore, "scenario", r->pScn->zName);
  store_set_info(w->pStore, "description", zDesc ? zDesc : "");
  snprintf(zBuf, sizeof(zBuf), "%llu", (unsigned long long)w->seed);
  store_set_info(w->pStore, "seed", zBuf);
  store_set_info(w->pStore, "start", simtime_format_instant(r->pScn->tStartEpoch, zBuf, sizeof(zBuf)));
  store_set_info(w->pStore, "duration", simtime_format_duration(r->pScn->duration, zBuf, sizeof(zBuf)));
  store_set_info(w->pStore, "version", pOpt->zVersion ? pOpt->zVersion : "");
  zJson = scenario_json(r->pScn, NULL, NULL);
  if( zJson==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  store_set_info(w->pStore, "scenario_json", zJson);
  mem_free(zJson);
  return TS_OK;
}



/* The world at t=0 (scn_build.c), the jobs' starts queued. */
static int build_world(Runner *r, const RunOptions *pOpt, TsErr *pErr){
  World *w = &r->w;
  const Scenario *pScn = r->pScn;
  int i, rc;
  rc = build_info(r, pOpt, pErr);
  if( rc ) return rc;
  rc = scn_build_world(w, pScn, pErr);
  if( rc ) return rc;
  for(i=0; i<w->nJob; i++) job_history_note(w, &w->aJob[i], -1);
  for(i=0; i<w->nTenant; i++) tenant_history_note(w, i, -1);
  for(i=0; i<pScn->nJob; i++){
    if( pScn->aJob[i].bStart ) runner_push(r, pScn->aJob[i].tStart, PRIO_JOB_START, EV_JOB_START, i, 0);
  }
  for(i=0; i<pScn->nAction; i++){
    const ScnAction *a = &pScn->aAction[i];
    if( a->eKind==SCN_TARGET_RESTORE ) runner_push(r, a->tBackup, PRIO_BACKUP, EV_BACKUP, i, 0);
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
** Expectations checked at an instant.
*/
static const char zSqlExpect[] =
  "INSERT INTO expectations(at, description, actual, passed) VALUES(?1,?2,?3,?4)";

/* Check instant expectation p now and record the result. */
static void check_expectation(Runner *r, const ScnExpect *p){
  World *w = &r->w;
  Job *j = &w->aJob[p->iJob];
  const char *zStatus = p->zStatus;
  const char *zUser = p->zUser;
  const char *zAt = p->zAt;
  char zDesc[400], zActual[300];
  int bPass;
  StoreStmt *s;
  if( zStatus ){
    snprintf(zDesc, sizeof(zDesc), "job %s is %s at %s", j->zKey, zStatus, zAt);
    snprintf(zActual, sizeof(zActual), "%s", job_status_name(j));
    bPass = strcmp(zActual, zStatus)==0;
  }else{
    int64_t id = world_user_find(w, j->iSource, zUser);
    Pair *pr = id>0 ? pair_get(w, j, id) : NULL;
    User *t = pr && pr->iTarget ? world_user(w, pr->iTarget) : NULL;
    const char *zState = p->zState;
    const char *zAttr = p->zAttr;
    const char *zNow = t==NULL || t->tPurged>=0 ? "absent" : t->tDeleted>=0 ? "softDeleted" : "exists";
    if( p->zMemberOf ){
      int iG = world_group_find(w, j->iSource, p->zMemberOf);
      GroupPair *gp = iG>=0 ? pair_group_get(w, j, iG) : NULL;
      int iTG = gp && gp->iTarget && w->aGroup[gp->iTarget-1].tDeleted<0 ? gp->iTarget-1 : -1;
      snprintf(zDesc, sizeof(zDesc), "%s's user in %s is a member of the group synced from %s at %s",
               zUser, w->aTenant[j->iTarget].zKey, p->zMemberOf, zAt);
      bPass = t && user_is_live(t) && iTG>=0 && directory_is_member(t, iTG);
      snprintf(zActual, sizeof(zActual), "%s", iTG<0 ? "(no synced group)" : t==NULL ? "(no target user)"
               : bPass ? "member" : "not a member");
    }else if( zState ){
      snprintf(zDesc, sizeof(zDesc), "%s's user in %s %s at %s", zUser,
               w->aTenant[j->iTarget].zKey, strcmp(zState, "exists")==0 ? "exists"
               : strcmp(zState, "softDeleted")==0 ? "is soft-deleted" : "is absent", zAt);
      snprintf(zActual, sizeof(zActual), "%s", zNow);
      bPass = strcmp(zState, zNow)==0;
    }else{
      const char *zWant = p->zEquals;
      int iAttr = world_attr_find(w, zAttr, 1);
      const char *zHas = t && user_is_live(t) && iAttr>=0 ? world_user_attr(w, t, iAttr) : NULL;
      snprintf(zDesc, sizeof(zDesc), "%s's user in %s has %s = %s at %s", zUser,
               w->aTenant[j->iTarget].zKey, zAttr, zWant ? zWant : "null", zAt);
      snprintf(zActual, sizeof(zActual), "%s", t==NULL ? "(no target user)" : zHas ? zHas : "null");
      bPass = (zWant==NULL && zHas==NULL && t) || (zWant && zHas && strcmp(zWant, zHas)==0);
    }
  }
  s = store_write(w->pStore, zSqlExpect);
  if( s==NULL ) return;
  store_put_int(s, 1, w->tNow);
  store_put_text(s, 2, zDesc);
  store_put_text(s, 3, zActual);
  store_put_int(s, 4, bPass);
  store_run(w->pStore, s);
}

/* ---------------------------------------------------------------------
** The event loop.
*/

/* Queue what the handled event made due: job cycles and hard deletions. */
static void runner_schedule(Runner *r){
  World *w = &r->w;
  SimTime tPurge, tDyn, tReview;
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
  tDyn = dyngroup_next_due(w);
  if( tDyn>=0 && tDyn!=r->tDynQueued ){
    r->tDynQueued = tDyn;
    runner_push(r, tDyn, PRIO_DYNAMIC, EV_DYNAMIC, 0, 0);
  }
  tReview = targetproc_next_due(w);
  if( tReview>=0 && tReview!=r->tReviewQueued ){
    r->tReviewQueued = tReview;
    runner_push(r, tReview, PRIO_REVIEW, EV_REVIEW, 0, 0);
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
    progress_cycle_begun(&r->progress, j);
    if( !j->run.bRunning ) return;
  }
  pNext = queue_peek(&r->q);
  tLimit = pNext ? pNext->t : tEnd+1;
  if( tLimit>tEnd+1 ) tLimit = tEnd+1;
  rc = cycle_step(w, j, e->t, tLimit, &tNext);
  if( rc==0 && tNext<=tEnd ) runner_push(r, tNext, PRIO_CYCLE, EV_CYCLE_STEP, e->a, 0);
}

/* Store the scenario with a provision_on_demand action at its end added. */
static int record_on_demand(World *w, const Scenario *pScn, const RunOptions *pOpt){
  char *zJson = scenario_json(pScn, pOpt->zOnDemandJob, pOpt->zOnDemandUser);
  if( zJson==NULL ) return -1;
  store_set_info(w->pStore, "scenario_json", zJson);
  mem_free(zJson);
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
    apply_timeline_row(w, "provision_on_demand", zSummary, 1, &w->aJob[iJob], NULL, -1);
    w->iAction = 0;
  }
  /* Keep the on-demand in the stored scenario, so that a later replay of
  ** this database (another provision-on-demand) includes it. */
  if( record_on_demand(w, r->pScn, pOpt) ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  return TS_OK;
}

/* Queue each expectation (an EV_EXPECT event) at its instant. */
static void runner_push_expectations(Runner *r){
  int k;
  for(k=0; k<r->pScn->nExpect; k++){
    const ScnExpect *e = &r->pScn->aExpect[k];
    if( e->zMetric==NULL ) runner_push(r, e->t, PRIO_EXPECT, EV_EXPECT, k, 0);
  }
}

int runner_run(const Scenario *pScn, const RunOptions *pOpt, RunStats *pStats, TsErr *pErr){
  Runner r;
  World *w = &r.w;
  Event e;
  TsErr eAct;
  SimTime tEnd = pScn->duration;
  int rc, i;
  char zBuf[32];

  memset(&r, 0, sizeof(r));
  memset(pStats, 0, sizeof(*pStats));
  tserr_clear(&eAct);
  r.pScn = pScn;
  r.pStats = pStats;
  r.tPurgeQueued = -1;
  r.tDynQueued = -1;
  r.tReviewQueued = -1;
  queue_init(&r.q);
  pStats->seed = pOpt->bSeed ? pOpt->seed : pScn->seed;
  rc = engine_open(w, pOpt->zDbPath, pStats->seed, pScn->tStartEpoch, pErr);
  if( rc ) goto close_world;
  r.bWorld = 1;
  w->params = pScn->params;

  store_begin(w->pStore);
  /* SQLite's half of the run overlaps the engine's: statements run on a
  ** writer thread, in order, so the database is the same as in line. */
  store_background(w->pStore, 1);
  rc = build_world(&r, pOpt, pErr);
  for(i=0; rc==TS_OK && i<pScn->nAction; i++){
    runner_push(&r, pScn->aAction[i].t, PRIO_ACTION, EV_ACTION, i, 0);
  }
  if( rc==TS_OK ) runner_push_expectations(&r);
  if( rc==TS_OK ) runner_schedule(&r);
  if( rc ){ store_rollback(w->pStore); goto close_world; }

  /* One write transaction for the whole run: the database is a temporary
  ** file renamed into place only when the run is complete, so a commit per
  ** event would buy no durability and cost a journal round each. */
  progress_open(&r.progress, pOpt->pProgress, w, pScn);
  while( queue_pop(&r.q, &e)==0 ){
    if( e.t>tEnd ) break;
    w->tNow = e.t;
    pStats->nEvents++;
    switch( e.kind ){
      case EV_ACTION:
        rc = apply_action(w, &pScn->aAction[e.a], &eAct);
        if( rc==TS_ERR ){
          /* an action the run cannot carry out: the scenario's error */
          store_rollback(w->pStore);
          rc = tserr_set(pErr, TS_ERR, "%s: %s", pScn->zFile, eAct.zMsg);
          goto close_world;
        }
        if( rc ) w->bNoMem = 1;
        /* A job's settings change only by actions (and at the start), so
        ** after an action on users alone there is nothing to note: 198
        ** jobs times every hire of a 100-tenant hub was 15 % of its run. */
        if( !apply_touches_users_only(pScn->aAction[e.a].eKind) ){
          for(i=0; i<w->nJob; i++) job_history_note(w, &w->aJob[i], pScn->aAction[e.a].iIndex);
        }
        for(i=0; i<w->nTenant; i++) tenant_history_note(w, i, pScn->aAction[e.a].iIndex);
        break;
      case EV_JOB_START: job_start(w, &w->aJob[e.a]); break;
      case EV_PURGE:     directory_purge_due(w); r.tPurgeQueued = -1; break;
      case EV_DYNAMIC:   dynmember_due(w); r.tDynQueued = -1; break;
      case EV_REVIEW:    targetproc_due(w); r.tReviewQueued = -1; break;
      case EV_BACKUP:    apply_backup(w, &pScn->aAction[e.a]); break;
      case EV_EXPECT:    check_expectation(&r, &pScn->aExpect[e.a]); break;
      default:           runner_cycle(&r, &e, tEnd); break;
    }
    runner_schedule(&r);
    if( w->bNoMem ){
      store_rollback(w->pStore);
      rc = tserr_set(pErr, TS_NOMEM, "out of memory at %s into the run",
                     simtime_format_duration(w->tNow, zBuf, sizeof(zBuf)));
      goto close_world;
    }
    if( store_failed(w->pStore) ){
      rc = store_error(w->pStore, pErr);
      store_rollback(w->pStore);
      goto close_world;
    }
    progress_show(&r.progress, 0);
  }

  /* The end of the run: close unfinished cycles, save the final state. */
  w->tNow = tEnd;
  if( pOpt->zOnDemandJob && pOpt->zOnDemandUser ){
    rc = run_on_demand(&r, pOpt, pErr);
    if( rc ) goto close_world;
  }
  desired_finish(w);
  for(i=0; i<w->nJob; i++){
    cycle_abandon(w, &w->aJob[i]);
    job_save(w, &w->aJob[i]);
  }
  desired_sample_drift_final(w);
  snprintf(zBuf, sizeof(zBuf), "%lld", (long long)tEnd);
  store_set_info(w->pStore, "end_t", zBuf);
  store_index_logs(w->pStore);  /* built by the writer thread while ... */
  directory_users_save(w);      /* ... users are written once, in their end state */
  store_background(w->pStore, 0);
  store_finish(w->pStore);
  rc = store_error(w->pStore, pErr);
  if( rc==TS_OK && w->bNoMem ) rc = tserr_set(pErr, TS_NOMEM, "out of memory at the end of the run");
  if( rc==TS_OK ) rc = lint_time_record(w->pStore, pErr);
  if( rc ){
    store_rollback(w->pStore);
    goto close_world;
  }
  rc = store_commit(w->pStore, pErr);
  pStats->nUsers = w->nUser;
  progress_show(&r.progress, 1);

close_world:
  progress_close(&r.progress);
  if( r.bWorld ) engine_close(w);
  mem_free(r.aSched);
  queue_free(&r.q);
  return rc;
}
