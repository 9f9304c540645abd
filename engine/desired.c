/*
** desired.c — desired state, drift and change tracking (see desired.h).
*/
#include <string.h>
#include "mem.h"
#include "mapping.h"
#include "scope.h"
#include "job.h"
#include "desired.h"

Pair *desired_pair(World *w, Job *j, int64_t id){
  if( id>j->nPair ){
    int64_t nNew = j->nPair ? j->nPair : 64;
    Pair *aNew;
    while( nNew<w->nUser || nNew<id ) nNew *= 2;
    aNew = mem_realloc(j->aPair, (size_t)nNew*sizeof(Pair));
    if( aNew==NULL ){ w->bMemFail = 1; return NULL; }
    memset(aNew+j->nPair, 0, (size_t)(nNew-j->nPair)*sizeof(Pair));
    j->aPair = aNew;
    j->nPair = nNew;
  }
  return &j->aPair[id-1];
}

Desired desired_state(World *w, const Job *j, const User *u, OutReason *peReason){
  if( !scope_eval(w, j, u, peReason) ) return DESIRED_ABSENT;
  return attr_is_true(u->azAttr[A_ACCOUNT_ENABLED]) ? DESIRED_PRESENT : DESIRED_IF_PRESENT;
}

/* One pass over the entries that define the desired values (Always-flowing
** and not volatile): their fingerprint in *pH and whether target t (may be
** NULL) holds every value that flows, returned. */
static int desired_values(World *w, const Job *j, const User *u, const User *t,
                          Desired e, uint64_t *pH){
  uint64_t h = 1469598103934665603ULL ^ (uint64_t)(e+1);
  int i, bMatch = t!=NULL;
  if( e!=DESIRED_ABSENT ){
    for(i=0; i<j->nMap; i++){
      const MapEntry *m = &j->aMap[i];
      MapValue v;
      const char *z;
      if( m->eFlow!=FLOW_ALWAYS || m->bVolatile ) continue;
      mapping_eval(w, j, m, u, t, 0, &v);
      h = (h ^ (uint64_t)(i+1)) * 1099511628211ULL;
      if( v.e==MV_VALUE ){
        for(z=v.z; *z; z++) h = (h ^ (unsigned char)*z) * 1099511628211ULL;
        if( bMatch ){
          const char *zT = user_attr(t, m->iTarget);
          if( zT==NULL || strcmp(zT, v.z)!=0 ) bMatch = 0;
        }
      }
      mapping_value_clear(&v);
    }
  }
  *pH = h;
  return bMatch;
}

int desired_matches(World *w, Job *j, const User *u, Desired eDesired){
  Pair *p = desired_pair(w, j, u->id);
  User *t = p && p->iTarget ? world_user(w, p->iTarget) : NULL;
  int bLive = t && user_is_live(t);
  uint64_t h;
  switch( eDesired ){
    case DESIRED_ABSENT:  return !bLive;
    case DESIRED_PRESENT: return bLive && desired_values(w, j, u, t, eDesired, &h);
    default:              return !bLive || desired_values(w, j, u, t, eDesired, &h);
  }
}

static const char zSqlDesired[] =
  "INSERT OR REPLACE INTO desired(job, source_user, state, reason, since)"
  " VALUES(?1,?2,?3,?4,?5)";
static const char zSqlChangeOpen[] =
  "INSERT INTO changes(at, job, source_user, cause) VALUES(?1,?2,?3,?4)";
/* A pair's open changes are its last nOpen rows, all with rowid >=
** iFirstOpen; the common single open change is closed by rowid alone. */
static const char zSqlChangeCloseOne[] =
  "UPDATE changes SET converged_at=?1 WHERE id=?2";
static const char zSqlChangeClose[] =
  "UPDATE changes SET converged_at=?1 WHERE job=?2 AND source_user=?3"
  " AND id>=?4 AND converged_at IS NULL";

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
  sqlite3_stmt *s;
  if( p->bRow && p->eDesired==eDesired && p->eReason==eReason ) return;
  if( !p->bRow && eDesired==DESIRED_ABSENT ) return;
  p->bRow = 1;
  p->eDesired = (uint8_t)eDesired;
  p->eReason = (uint8_t)eReason;
  s = store_stmt(w->pStore, zSqlDesired);
  if( s==NULL ) return;
  sqlite3_bind_int(s, 1, iJob);
  sqlite3_bind_int64(s, 2, id);
  store_bind_text(s, 3, desired_name(eDesired));
  store_bind_text(s, 4, eDesired==DESIRED_ABSENT ? scope_reason_name(eReason) : NULL);
  sqlite3_bind_int64(s, 5, w->tNow);
  store_run(w->pStore, s);
}

void desired_update(World *w, Job *j, int64_t id, const char *zCause){
  User *u = world_user(w, id);
  Pair *p = desired_pair(w, j, id);
  int iJob = (int)(j - w->aJob);
  OutReason eReason;
  Desired eDesired;
  uint64_t h;
  int bMatch;
  sqlite3_stmt *s;
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
      s = store_stmt(w->pStore, zSqlChangeOpen);
      if( s ){
        sqlite3_bind_int64(s, 1, w->tNow);
        sqlite3_bind_int(s, 2, iJob);
        sqlite3_bind_int64(s, 3, id);
        store_bind_text(s, 4, zCause);
        store_run(w->pStore, s);
        if( p->nOpen==0 ) p->iFirstOpen = sqlite3_last_insert_rowid(store_db(w->pStore));
      }
      p->nOpen++;
    }
    if( !p->bDrift ){
      p->bDrift = 1;
      w->aTenant[j->iTarget].nDrift++;
      w->nDriftTotal++;
    }
  }else{
    if( p->bDrift ){
      p->bDrift = 0;
      w->aTenant[j->iTarget].nDrift--;
      if( --w->nDriftTotal==0 ) world_mark_drift_zero(w);
    }
    if( p->nOpen==1 ){
      s = store_stmt(w->pStore, zSqlChangeCloseOne);
      if( s ){
        sqlite3_bind_int64(s, 1, w->tNow);
        sqlite3_bind_int64(s, 2, p->iFirstOpen);
        store_run(w->pStore, s);
      }
    }else if( p->nOpen>1 ){
      s = store_stmt(w->pStore, zSqlChangeClose);
      if( s ){
        sqlite3_bind_int64(s, 1, w->tNow);
        sqlite3_bind_int(s, 2, iJob);
        sqlite3_bind_int64(s, 3, id);
        sqlite3_bind_int64(s, 4, p->iFirstOpen);
        store_run(w->pStore, s);
      }
    }
    p->nOpen = 0;
  }
  p->hDesired = h;
}

void desired_source_changed(World *w, int64_t id, const char *zCause){
  User *u = world_user(w, id);
  int i;
  for(i=0; i<w->nJob; i++){
    if( w->aJob[i].iSource!=u->iTenant ) continue;
    job_mark_dirty(w, &w->aJob[i], id);
    desired_update(w, &w->aJob[i], id, zCause);
  }
}

void desired_target_changed(World *w, int64_t idTarget){
  User *t = world_user(w, idTarget);
  if( t->iLinkJob>=0 && t->idLinkSource>0 ){
    desired_update(w, &w->aJob[t->iLinkJob], t->idLinkSource, NULL);
  }
}
