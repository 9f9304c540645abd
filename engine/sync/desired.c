/*
** desired.c — desired state, drift and change tracking (see desired.h).
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "fnv.h"
#include "tslimits.h"
#include "mapping.h"
#include "scope.h"
#include "job.h"
#include "quarantine.h"
#include "desired.h"

/* The desired state of source user u for job j (*peReason: why out of
** scope). */
static Desired desired_state(World *w, const Job *j, const User *u, OutReason *peReason){
  if( !scope_eval(w, j, u, peReason) ) return DESIRED_ABSENT;
  return attr_is_true(world_user_attr(w, u, A_ACCOUNT_ENABLED)) ? DESIRED_PRESENT : DESIRED_IF_PRESENT;
}

/* One pass over the entries that define the desired values (Always-flowing
** and not volatile): their fingerprint in *pH and whether target t (may be
** NULL) holds every value that flows, returned. */
static int desired_values(World *w, const Job *j, const User *u, const User *t,
                          Desired e, uint64_t *pH){
  uint64_t h = FNV64_OFFSET ^ (uint64_t)(e+1);
  int i, bMatch = t!=NULL;
  if( e!=DESIRED_ABSENT ){
    for(i=0; i<j->nMap; i++){
      const MapEntry *m = &j->aMap[i];
      MapValue v;
      if( m->eFlow!=FLOW_ALWAYS || m->bVolatile ) continue;
      mapping_eval(w, j, m, u, t, 0, &v);
      h = fnv64_fold(h, (uint64_t)(i+1));
      if( v.e==MV_VALUE ){
        h = fnv64_str(h, v.z);
        if( bMatch ){
          const char *zT = world_user_attr(w, t, m->iTarget);
          if( zT==NULL || strcmp(zT, v.z)!=0 ) bMatch = 0;
        }
      }
      mapping_value_clear(&v);
    }
  }
  *pH = h;
  return bMatch;
}

static const char zSqlDesired[] =
  "INSERT OR REPLACE INTO desired(job, source_user, state, reason, since)"
  " VALUES(?1,?2,?3,?4,?5)";
static const char zSqlChangeOpen[] =
  "INSERT INTO changes(at, job, source_user, cause, action, id) VALUES(?1,?2,?3,?4,?5,?6)";
/* A pair's open changes are its last nOpen rows, all with rowid >=
** iFirstOpen; only the newest has no outcome yet (the older ones were
** superseded). The common single open change is closed by rowid alone. */
static const char zSqlChangeSupersede[] =
  "UPDATE changes SET outcome='superseded', closed_at=?1, closed_by=?5"
  " WHERE job=?2 AND source_user=?3 AND id>=?4 AND outcome IS NULL";
static const char zSqlChangeConvergeOne[] =
  "UPDATE changes SET outcome='converged', converged_at=?1, closed_at=?1 WHERE id=?2";
static const char zSqlChangeConverge[] =
  "UPDATE changes SET converged_at=?1, outcome=coalesce(outcome, 'converged'),"
  " closed_at=coalesce(closed_at, ?1)"
  " WHERE job=?2 AND source_user=?3 AND id>=?4 AND converged_at IS NULL";
static const char zSqlChangeRevertOne[] =
  "UPDATE changes SET outcome='reverted', closed_at=?1, closed_by=?5 WHERE id=?2";
static const char zSqlChangeRevert[] =
  "UPDATE changes SET outcome='reverted', closed_at=?1, closed_by=?5"
  " WHERE job=?2 AND source_user=?3 AND id>=?4 AND outcome IS NULL";

/* A change written once, whole, when it closes (or when the run ends). */
static const char zSqlChangeRow[] =
  "INSERT INTO changes(id, at, job, source_user, cause, action, outcome, converged_at,"
  " closed_at, closed_by, reason) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)";

/* The event opening a change now (1-based into w->aChangeEvent), the last
** one when it is the same; 0 when there is no room for one, and the change
** is then written at once. */
static uint32_t desired_event(World *w, const char *zCause){
  ChangeEvent *e;
  if( w->nChangeEvent>0 ){
    e = &w->aChangeEvent[w->nChangeEvent-1];
    if( e->at==w->tNow && e->zCause==zCause && e->iAction==w->iAction ){
      return (uint32_t)w->nChangeEvent;
    }
  }
  if( w->nChangeEvent>=(int64_t)UINT32_MAX
   || mem_grow((void**)&w->aChangeEvent, w->nChangeEvent, &w->nChangeEventAlloc,
               sizeof(ChangeEvent)) ){
    return 0;
  }
  e = &w->aChangeEvent[w->nChangeEvent++];
  e->at = w->tNow;
  e->zCause = zCause;
  e->iAction = w->iAction;
  return (uint32_t)w->nChangeEvent;
}

/* Write pair p's waiting change (p->iPend) as it ends: zOutcome (NULL:
** still open), converged and closed at tConverged and tClosed (<0: not),
** closed by timeline action iClosedBy (<=0: none), with zReason. */
static void desired_write_pending(World *w, int iJob, int64_t id, Pair *p, const char *zOutcome,
                                  SimTime tConverged, SimTime tClosed, int64_t iClosedBy,
                                  const char *zReason){
  const ChangeEvent *e = &w->aChangeEvent[p->iPend-1];
  StoreStmt *s = store_write(w->pStore, zSqlChangeRow);
  p->iPend = 0;
  store_put_int(s, 1, p->iFirstOpen);
  store_put_int(s, 2, e->at);
  store_put_int(s, 3, iJob);
  store_put_int(s, 4, id);
  store_put_text(s, 5, e->zCause);
  store_put_opt_int(s, 6, e->iAction, e->iAction<=0);
  store_put_text(s, 7, zOutcome);
  store_put_opt_int(s, 8, tConverged, tConverged<0);
  store_put_opt_int(s, 9, tClosed, tClosed<0);
  store_put_opt_int(s, 10, iClosedBy, iClosedBy<=0);
  store_put_text(s, 11, zReason);
  store_run(w->pStore, s);
}

void desired_flush(World *w){
  int i;
  for(i=0; i<w->nJob; i++){
    Job *j = &w->aJob[i];
    int64_t id, idEnd = pair_end(j);
    for(id=1; id<idEnd; id++){
      Pair *p = pair_peek(j, id);
      if( p && p->iPend ) desired_write_pending(w, i, id, p, NULL, -1, -1, 0, NULL);
    }
  }
}

void desired_free(World *w){
  mem_free(w->aChangeEvent);
  w->aChangeEvent = NULL;
  w->nChangeEvent = w->nChangeEventAlloc = 0;
}

static const char *desired_name(Desired e){
  switch( e ){
    case DESIRED_PRESENT:    return "present";
    case DESIRED_IF_PRESENT: return "disabled";
    default:                 return "absent";
  }
}

/* Keep the desired table in step; pairs never in scope get no row. */
static void desired_write_state(World *w, int iJob, Pair *p, int64_t id,
                                Desired eDesired, OutReason eReason){
  StoreStmt *s;
  if( p->bRow && p->eDesired==eDesired && p->eReason==eReason ) return;
  if( !p->bRow && eDesired==DESIRED_ABSENT ) return;
  p->bRow = 1;
  p->eDesired = (uint8_t)eDesired;
  p->eReason = (uint8_t)eReason;
  s = store_write(w->pStore, zSqlDesired);
  if( s==NULL ) return;
  store_put_int(s, 1, iJob);
  store_put_int(s, 2, id);
  store_put_text(s, 3, desired_name(eDesired));
  store_put_text(s, 4, eDesired==DESIRED_ABSENT ? scope_reason_name(eReason) : NULL);
  store_put_int(s, 5, w->tNow);
  store_run(w->pStore, s);
}

/* Run one of the change statements on pair (iJob, id): by rowid (zOne,
** ?1 = tNow, ?2 = rowid) when it has a single open change, else by pair
** (zMany, ?1 = tNow, ?2 job, ?3 user, ?4 first open rowid); ?5 is the
** timeline action being applied, if the statement has it. */
static void desired_change_stmt(World *w, int iJob, int64_t id, const Pair *p,
                                const char *zOne, const char *zMany){
  StoreStmt *s = store_write(w->pStore, p->nOpen==1 && zOne ? zOne : zMany);
  if( s==NULL ) return;
  store_put_int(s, 1, w->tNow);
  if( p->nOpen==1 && zOne ){
    store_put_int(s, 2, p->iFirstOpen);
  }else{
    store_put_int(s, 2, iJob);
    store_put_int(s, 3, id);
    store_put_int(s, 4, p->iFirstOpen);
  }
  if( store_param_count(s)>=5 ) store_put_opt_int(s, 5, w->iAction, w->iAction<=0);
  store_run(w->pStore, s);
}

static void desired_mark_drift_zero(World *w);

/* Pair p of job j started (bDrift) or stopped drifting at tNow. */
static void desired_count_drift(World *w, Job *j, Pair *p, int bDrift){
  Tenant *t = &w->aTenant[j->iTarget];
  p->bDrift = (uint8_t)bDrift;
  if( bDrift ){
    t->nDrift++;
    j->nDrift++;
    w->nDriftTotal++;
    return;
  }
  if( --t->nDrift==0 ) t->tInStep = w->tNow;
  if( --j->nDrift==0 ) j->tInStep = w->tNow;
  if( --w->nDriftTotal==0 ) desired_mark_drift_zero(w);
}

void desired_update(World *w, Job *j, int64_t id, const char *zCause){
  User *u = world_user(w, id);
  Pair *p = pair_get(w, j, id);
  int iJob = (int)(j - w->aJob);
  OutReason eReason;
  Desired eDesired;
  uint64_t h;
  int bMatch;
  StoreStmt *s;
  /* A configuration that does not exist (yet, or any more) has no say:
  ** a deleted one's pairs keep the state they had. */
  if( !job_exists(j) ) return;
  if( p==NULL ) return;
  eDesired = desired_state(w, j, u, &eReason);
  desired_write_state(w, iJob, p, id, eDesired, eReason);
  {
    User *t = p->iTarget ? world_user(w, p->iTarget) : NULL;
    int bLive = t && user_is_live(t);
    int bValues = desired_values(w, j, u, bLive ? t : NULL, eDesired, &h);
    bMatch = eDesired==DESIRED_ABSENT ? !bLive
           : eDesired==DESIRED_PRESENT ? bLive && bValues
           : !bLive || bValues;
  }
  if( !bMatch ){
    if( zCause && (!p->bDrift || h!=p->hDesired) ){
      /* A new change replaces the pair's open one, if any. */
      if( p->iPend ){
        desired_write_pending(w, iJob, id, p, "superseded", -1, w->tNow, w->iAction, NULL);
      }else if( p->nOpen>0 ){
        desired_change_stmt(w, iJob, id, p, NULL, zSqlChangeSupersede);
      }
      /* A pair's only open change waits in the pair until it closes, and is
      ** written once, whole; one that supersedes another is written now
      ** (the rows it supersedes are updated, as rows). */
      if( p->nOpen==0 && (p->iPend = desired_event(w, zCause))!=0 ){
        p->iFirstOpen = ++w->nChangeRow;
      }else if( (s = store_write(w->pStore, zSqlChangeOpen))!=NULL ){
        store_put_int(s, 1, w->tNow);
        store_put_int(s, 2, iJob);
        store_put_int(s, 3, id);
        store_put_text(s, 4, zCause);
        store_put_opt_int(s, 5, w->iAction, w->iAction<=0);
        store_put_int(s, 6, ++w->nChangeRow);
        store_run(w->pStore, s);
        if( p->nOpen==0 ) p->iFirstOpen = w->nChangeRow;
      }
      p->nOpen++;
    }
    if( !p->bDrift ) desired_count_drift(w, j, p, 1);
  }else{
    if( p->bDrift ) desired_count_drift(w, j, p, 0);
    /* The target matches: written there (converged), or the source came
    ** back to what the target holds (reverted). */
    if( p->iPend ){
      if( zCause ) desired_write_pending(w, iJob, id, p, "reverted", -1, w->tNow, w->iAction, NULL);
      else desired_write_pending(w, iJob, id, p, "converged", w->tNow, w->tNow, 0, NULL);
    }else if( p->nOpen>0 ){
      if( zCause ) desired_change_stmt(w, iJob, id, p, zSqlChangeRevertOne, zSqlChangeRevert);
      else desired_change_stmt(w, iJob, id, p, zSqlChangeConvergeOne, zSqlChangeConverge);
    }
    p->nOpen = 0;
  }
  p->hDesired = h;
}

int desired_in_scope(const Job *j, int64_t id){
  const Pair *p = pair_peek(j, id);
  return p && p->eDesired!=DESIRED_ABSENT;
}

/* ------------------------------------------------------------ the end */

static const char zSqlOutOfStep[] =
  "INSERT INTO out_of_step(job, source_user, target_user, reason, held, detail)"
  " VALUES(?1,?2,?3,?4,?5,?6)";
static const char zSqlChangeEnd[] =
  "UPDATE changes SET outcome=?1, reason=?2 WHERE job=?3 AND source_user=?4"
  " AND id>=?5 AND outcome IS NULL";
static const char zSqlEscrowCodes[] =
  "UPDATE out_of_step SET detail=(SELECT e.error_code FROM escrows e"
  " WHERE e.job=out_of_step.job AND e.source_user=out_of_step.source_user)"
  " WHERE reason='export_failed'";
static const char zSqlLinkHeld[] =
  "SELECT held FROM links WHERE job=?1 AND source_user=?2";
static const char zSqlJobDrift[] =
  "UPDATE jobs SET drift_final=?2, in_step_at=?3 WHERE idx=?1";
static const char zSqlTenantDrift[] =
  "UPDATE tenants SET drift_final=?2, in_step_at=?3 WHERE idx=?1";

/* Why pair p (of source user u) of job j is out of step at the end: the
** reason (static) and whether the service holds it back on purpose
** (*pbHeld); *pzDetail a detail or NULL. Job-level reasons come first: a
** job that does not run cannot fix any pair. */
static const char *desired_why(World *w, const Job *j, const Pair *p, const User *u,
                               int bInRun, int *pbHeld, const char **pzDetail){
  const User *t = p->iTarget ? world_user(w, p->iTarget) : NULL;
  int bLive = t && user_is_live(t);
  *pbHeld = 1;
  *pzDetail = NULL;
  if( j->bDeleted ) return "job_deleted";
  if( j->bDisabled ) return "job_disabled";
  if( j->eStatus==JOB_PAUSED ) return j->bEscrowsPruned ? "escrows_pruned" : "job_paused";
  if( !j->bScheduled && j->eStatus==JOB_NOT_RUN && !j->run.bRunning ) return "job_not_started";
  if( j->zGateError ){ *pzDetail = j->zGateError; return "policy_check_failed"; }
  if( j->eQuarReason==QR_TOO_MANY_DELETES && bLive
   && (p->eDesired==DESIRED_ABSENT || !attr_is_true(world_user_attr(w, u, A_ACCOUNT_ENABLED))) ){
    return "staged_delete";
  }
  if( j->eQuarReason!=QR_NONE && j->eQuarReason!=QR_TOO_MANY_DELETES ){
    *pzDetail = quarantine_reason_name(j->eQuarReason);
    return "job_quarantined";
  }
  if( p->bTargetDeleted && t && !bLive && p->eDesired!=DESIRED_ABSENT ) return "target_deleted";
  if( p->bHeld ) return "link_held";       /* links.held names it */
  if( p->eDesired!=DESIRED_ABSENT && !bLive && !(j->mObjectActions & OBJ_ACT_CREATE) && t==NULL ){
    return "create_action_disabled";
  }
  if( p->eDesired!=DESIRED_ABSENT && t && !(j->mObjectActions & OBJ_ACT_UPDATE) ){
    return "update_action_disabled";
  }
  *pbHeld = 0;
  if( p->bEscrow ) return "export_failed";
  if( bInRun ) return "cycle_in_progress";
  if( p->bDirty ) return "pending_next_cycle";
  if( p->bUpnStale ){
    *pbHeld = 1;
    return "upn_waits_for_initial_cycle";
  }
  if( p->nOpen==0 ) return "target_edited";
  return "not_applied";
}

/* Copy links.held of pair (iJob, id) into z[n]; 1 if it has one. */
static int desired_link_held(World *w, int iJob, int64_t id, char *z, size_t n){
  sqlite3_stmt *s = store_stmt(w->pStore, zSqlLinkHeld);
  int bFound = 0;
  if( s==NULL ) return 0;
  sqlite3_bind_int(s, 1, iJob);
  sqlite3_bind_int64(s, 2, id);
  if( sqlite3_step(s)==SQLITE_ROW && sqlite3_column_text(s, 0) ){
    snprintf(z, n, "%s", (const char*)sqlite3_column_text(s, 0));
    bFound = 1;
  }
  sqlite3_reset(s);
  return bFound;
}

/* Write the end state of job j's drifting pairs. */
static void desired_finish_job(World *w, Job *j){
  int iJob = (int)(j - w->aJob);
  const CycleRun *r = &j->run;
  char zHeld[64];
  int64_t id, i, idEnd;
  StoreStmt *s;
  uint8_t *aInRun = NULL;
  /* The users a running cycle has not reached yet. */
  if( r->bRunning && r->iWork<r->nWork ){
    aInRun = mem_calloc((size_t)(w->nUser ? w->nUser : 1), 1);
    if( aInRun==NULL ){ w->bNoMem = 1; return; }
    for(i=r->iWork; i<r->nWork; i++){
      if( r->aWork[i]>0 && r->aWork[i]<=w->nUser ) aInRun[r->aWork[i]-1] = 1;
    }
  }
  idEnd = pair_end(j);
  for(id=1; id<idEnd && id<=w->nUser; id++){
    Pair *p = pair_peek(j, id);
    const char *zWhy, *zDetail;
    int bHeld;
    if( p==NULL || !p->bDrift ) continue;
    zWhy = desired_why(w, j, p, world_user(w, id), aInRun && aInRun[id-1], &bHeld, &zDetail);
    if( strcmp(zWhy, "link_held")==0 && desired_link_held(w, iJob, id, zHeld, sizeof(zHeld)) ){
      zWhy = zHeld;
    }
    s = store_write(w->pStore, zSqlOutOfStep);
    if( s==NULL ) break;
    store_put_int(s, 1, iJob);
    store_put_int(s, 2, id);
    store_put_opt_int(s, 3, p->iTarget, p->iTarget==0);
    store_put_text(s, 4, zWhy);
    store_put_int(s, 5, bHeld);
    store_put_text(s, 6, zDetail);
    store_run(w->pStore, s);
    if( p->nOpen==0 ) continue;
    if( p->iPend ){
      desired_write_pending(w, iJob, id, p, bHeld ? "held" : "never", -1, -1, 0, zWhy);
      continue;
    }
    s = store_write(w->pStore, zSqlChangeEnd);
    if( s==NULL ) break;
    store_put_text(s, 1, bHeld ? "held" : "never");
    store_put_text(s, 2, zWhy);
    store_put_int(s, 3, iJob);
    store_put_int(s, 4, id);
    store_put_int(s, 5, p->iFirstOpen);
    store_run(w->pStore, s);
  }
  mem_free(aInRun);
  s = store_write(w->pStore, zSqlJobDrift);
  if( s==NULL ) return;
  store_put_int(s, 1, iJob);
  store_put_int(s, 2, j->nDrift);
  store_put_opt_int(s, 3, j->tInStep, j->nDrift>0 || j->tInStep<0);
  store_run(w->pStore, s);
}

void desired_finish(World *w){
  StoreStmt *s;
  int i, k;
  for(i=0; i<w->nJob; i++) desired_finish_job(w, &w->aJob[i]);
  desired_flush(w);   /* the changes of pairs the loop did not reach */
  store_run(w->pStore, store_write(w->pStore, zSqlEscrowCodes));
  for(i=0; i<w->nTenant; i++){
    const Tenant *t = &w->aTenant[i];
    for(k=0; k<w->nJob && w->aJob[k].iTarget!=i; k++){}
    if( k==w->nJob ) continue;            /* not a target */
    s = store_write(w->pStore, zSqlTenantDrift);
    if( s==NULL ) return;
    store_put_int(s, 1, i);
    store_put_int(s, 2, t->nDrift);
    store_put_opt_int(s, 3, t->tInStep, t->nDrift>0 || t->tInStep<0);
    store_run(w->pStore, s);
  }
}

void desired_source_changed(World *w, int64_t id, const char *zCause){
  User *u = world_user(w, id);
  int i;
  for(i=0; i<w->nJob; i++){
    if( w->aJob[i].iSource!=u->iTenant || !job_exists(&w->aJob[i]) ) continue;
    pair_mark_dirty(w, &w->aJob[i], id);
    desired_update(w, &w->aJob[i], id, zCause);
  }
}

void desired_target_changed(World *w, int64_t idTarget){
  User *t = world_user(w, idTarget);
  if( t->iLinkJob>=0 && t->idLinkSource>0 ){
    desired_update(w, &w->aJob[t->iLinkJob], t->idLinkSource, NULL);
  }
}

/* ------------------------------------------------------------ drift samples */

static const char zSqlMetric[] =
  "INSERT OR REPLACE INTO metrics(t, tenant, name, value) VALUES(?1, ?2, ?3, ?4)";

static void desired_metric(World *w, int iTenant, const char *zName, int64_t v){
  StoreStmt *p = store_write(w->pStore, zSqlMetric);
  if( p==NULL ) return;
  store_put_int(p, 1, w->tNow);
  store_put_int(p, 2, iTenant);
  store_put_text(p, 3, zName);
  store_put_int(p, 4, v);
  store_run(w->pStore, p);
}

#ifdef TS_DEBUG
/* The total is the sum of the targets' drift, and of the jobs'. */
static int desired_drift_adds_up(const World *w){
  int64_t nT = 0, nJ = 0;
  int i;
  for(i=0; i<w->nTenant; i++) nT += w->aTenant[i].nDrift;
  for(i=0; i<w->nJob; i++) nJ += w->aJob[i].nDrift;
  return nT==w->nDriftTotal && nJ==w->nDriftTotal;
}
#endif

static const char zSqlMetricDel[] =
  "DELETE FROM metrics WHERE name=?1 AND tenant=?2 AND t=?3";

/* A drift row for iTenant (-1: the total) of value v at tNow, unless the
** series' last row already holds v (when bAlways is 0). A row written
** earlier at this instant is replaced, or removed when v is back to the
** value before it, so consecutive rows of a series always differ. */
static void desired_metric_drift(World *w, int iTenant, int64_t v, DriftSeries *r, int bAlways){
  if( !bAlways && r->v==v ) return;
  if( r->t==w->tNow && !bAlways && r->vBefore==v ){
    StoreStmt *p = store_write(w->pStore, zSqlMetricDel);
    if( p ){
      store_put_text(p, 1, "drift");
      store_put_int(p, 2, iTenant);
      store_put_int(p, 3, w->tNow);
      store_run(w->pStore, p);
    }
    r->v = v;
    r->t = -1;
    return;
  }
  desired_metric(w, iTenant, "drift", v);
  if( r->t!=w->tNow ) r->vBefore = r->v;
  r->v = v;
  r->t = w->tNow;
}

/* The drift samples: a row per target tenant and one for the total when
** the value changed since that series' last row (drift is a step series:
** the value at t is the last row at or before t), every row when bFinal. */
static void desired_sample(World *w, int bFinal){
  int i;
  ts_assert( desired_drift_adds_up(w) );
  w->tLastMetric = w->tNow;
  /* Jobs are only ever added (a deleted job keeps its slot), so the
  ** tenants some job targets are noted once per job, not per sample. */
  for(; w->nJobTargetNoted<w->nJob; w->nJobTargetNoted++){
    w->aTenant[w->aJob[w->nJobTargetNoted].iTarget].bJobTarget = 1;
  }
  for(i=0; i<w->nTenant; i++){
    Tenant *t = &w->aTenant[i];
    if( t->bJobTarget ) desired_metric_drift(w, i, t->nDrift, &t->driftRow, bFinal);
  }
  desired_metric_drift(w, -1, w->nDriftTotal, &w->driftRowTotal, bFinal);
}

void desired_sample_drift(World *w){ desired_sample(w, 0); }
void desired_sample_drift_final(World *w){ desired_sample(w, 1); }

static void desired_mark_drift_zero(World *w){
  desired_metric(w, -1, "drift_zero", 0);
}
