/*
** deletion.c — accidental-deletion prevention (the rule is in
** deletion.h): the threshold, the count of a cycle's removals, the staging
** of held removals and the TooManyDeletes quarantine. It reads the job's
** pairs and scope and changes only the job's run state, its queue and
** its quarantine.
*/
#include <stdio.h>
#include "attr.h"
#include "job.h"
#include "pair.h"
#include "quarantine.h"
#include "scope.h"
#include "deletion.h"

void deletion_set_threshold(World *w, Job *j, int64_t n){
  j->bDeleteThreshold = n>=0;
  j->nDeleteThreshold = n>=0 ? n : 0;
  job_save(w, j);
}

DeletionKind deletion_user_removal(World *w, const Job *j, int64_t id){
  const User *u = world_user(w, id);
  const Pair *p = pair_peek(j, id);
  const User *t = p && p->iTarget ? world_user(w, p->iTarget) : NULL;
  OutReason eOut;
  int bIn, bEnabled;
  if( t==NULL || !user_is_live(t) ) return DELETION_NONE;
  bIn = scope_eval(w, j, u, &eOut);
  bEnabled = attr_is_true(world_user_attr(w, u, A_ACCOUNT_ENABLED));
  if( bIn ){
    return !bEnabled && attr_is_true(world_user_attr(w, t, A_ACCOUNT_ENABLED))
        && (j->mObjectActions & OBJ_ACT_UPDATE) ? DELETION_DISABLE : DELETION_NONE;
  }
  /* A user disabled before going out of scope is left as is (cycle.c). */
  if( eOut!=OUT_DELETED && !bEnabled && !attr_is_true(world_user_attr(w, t, A_ACCOUNT_ENABLED)) ){
    return DELETION_NONE;
  }
  return (j->mObjectActions & OBJ_ACT_DELETE) ? DELETION_DELETE : DELETION_NONE;
}

DeletionKind deletion_group_removal(World *w, Job *j, int iG){
  GroupPair *g = pair_group_get(w, j, iG);
  if( g==NULL || !g->iTarget || !j->bGroupSync ) return DELETION_NONE;
  if( w->aGroup[g->iTarget-1].tDeleted>=0 ) return DELETION_NONE;
  return !scope_group_is_assigned(j, iG) && (j->mObjectActions & OBJ_ACT_DELETE)
         ? DELETION_DELETE : DELETION_NONE;
}

void deletion_cycle_begin(World *w, Job *j){
  CycleRun *r = &j->run;
  int64_t i;
  if( !j->bDeleteThreshold || j->bForceDeletes ) return;
  for(i=0; i<r->nWork; i++){
    int64_t id = r->aWork[i];
    DeletionKind e = id<0 ? deletion_group_removal(w, j, (int)(-id-1))
                          : deletion_user_removal(w, j, id);
    if( e!=DELETION_NONE ) r->nRemovals++;
  }
  r->bStaging = w->params.bDeleteThresholdMet ? r->nRemovals>=j->nDeleteThreshold
                                               : r->nRemovals>j->nDeleteThreshold;
}

void deletion_staged_reason(const Job *j, const char *zWhat, char *zBuf, size_t nBuf){
  snprintf(zBuf, nBuf, "The %s is held: this cycle would remove %lld objects,"
           " over the accidental deletion threshold of %lld", zWhat,
           (long long)j->run.nRemovals, (long long)j->nDeleteThreshold);
}

void deletion_stage_user(World *w, Job *j, int64_t id, const char *zWhat,
                         char *zBuf, size_t nBuf){
  deletion_staged_reason(j, zWhat, zBuf, nBuf);
  pair_mark_dirty(w, j, id);
}

int deletion_cycle_end(World *w, Job *j){
  char zDetail[TS_REASON_MAX];
  j->bForceDeletes = 0;
  if( !j->run.bStaging ) return 0;
  snprintf(zDetail, sizeof(zDetail), "%lld deletions and disables in one cycle; the"
           " accidental deletion threshold is %lld", (long long)j->run.nRemovals,
           (long long)j->nDeleteThreshold);
  quarantine_enter(w, j, QR_TOO_MANY_DELETES, zDetail);
  return 1;
}
