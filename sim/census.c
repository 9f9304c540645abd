/*
** census.c — what a timeline action did to each job (see census.h).
*/
#include <string.h>
#include "policy.h"
#include "mem.h"
#include "desired.h"
#include "directory.h"
#include "census.h"

static const char zSqlTimelineJob[] =
  "INSERT INTO timeline_jobs(seq, job, in_scope, gate_before, gate_after)"
  " VALUES(?1,?2,?3,?4,?5)";

void census_init(Census *c, World *w){
  memset(c, 0, sizeof(*c));
  c->nAny = -1;
  c->aJob = mem_calloc((size_t)(w->nJob ? w->nJob : 1), sizeof(ActionJob));
  if( c->aJob==NULL ){ w->bNoMem = 1; return; }
}

void census_free(Census *c){
  mem_free(c->aId);
  mem_free(c->aIn);
  mem_free(c->aJob);
}

/* Take the users aId[0..n) (copied) and note, per job, which of them are
** in its scope now (before the action). */
void census_before(Census *c, World *w, const int64_t *aId, int64_t n){
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
void census_job_users(Census *c, World *w, const Job *j){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1)), n = 0, id;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=1; id<=w->nUser; id++) if( w->aUser[id-1].iTenant==j->iSource ) a[n++] = id;
  census_before(c, w, a, n);
  mem_free(a);
}

/* Users iFirst..w->nUser, created by the action (a hire): in no scope
** before it. */
void census_new_users(Census *c, World *w, int64_t iFirst){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser-iFirst+2)), n = 0, id;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=iFirst; id<=w->nUser; id++) a[n++] = id;
  census_before(c, w, a, n);
  mem_free(a);
}

/* After the action: count, per job and for all jobs together, the users
** in scope before or after it. */
void census_after(Census *c, World *w){
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
void census_gates(Census *c, World *w, int bAfter){
  int k;
  for(k=0; c->aJob && k<w->nJob; k++){
    GateResult g;
    if( !c->aJob[k].bGate ) continue;
    policy_gate_check(w, w->aJob[k].iSource, w->aJob[k].iTarget, w->aJob[k].bCrossCloud, &g);
    if( bAfter ) c->aJob[k].zGateAfter = g.zCode;
    else c->aJob[k].zGateBefore = g.zCode;
  }
}

void census_write(Census *c, World *w, const Job *j){
  int k;
  if( c->aJob==NULL ) return;
  if( j ) c->aJob[j - w->aJob].bConcerned = 1;
  for(k=0; k<w->nJob; k++){
    const ActionJob *a = &c->aJob[k];
    StoreStmt *s;
    if( !a->bConcerned && !a->bGate ) continue;
    s = store_write(w->pStore, zSqlTimelineJob);
    if( s==NULL ) return;
    store_put_int(s, 1, w->iAction);
    store_put_int(s, 2, k);
    store_put_opt_int(s, 3, a->nInScope, c->aIn==NULL);
    store_put_text(s, 4, a->zGateBefore);
    store_put_text(s, 5, a->zGateAfter);
    store_run(w->pStore, s);
  }
}


/* The users of the source tenant of j who are direct members of the groups
** listed in pGroups (an assignment of groups concerns them). */
void census_group_members(Census *c, World *w, const Job *j, const ScnKeys *pGroups){
  int64_t *a = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1)), n = 0, id;
  int k;
  if( a==NULL ){ w->bNoMem = 1; return; }
  for(id=1; id<=w->nUser; id++){
    const User *u = &w->aUser[id-1];
    if( u->iTenant!=j->iSource ) continue;
    for(k=0; k<pGroups->n; k++){
      int iG = world_group_find(w, j->iSource, pGroups->az[k]);
      if( iG>=0 && directory_is_member(u, iG) ){ a[n++] = id; break; }
    }
  }
  census_before(c, w, a, n);
  mem_free(a);
}

/* Mark the jobs a set_policy or set_tenant action bears on. */
void census_mark_gates(Census *c, World *w, int bPolicy, int iTenant, int iPartner, int iField){
  int k;
  for(k=0; c->aJob && k<w->nJob; k++){
    const Job *j = &w->aJob[k];
    int f;
    c->aJob[k].bGate = 0;
    if( !job_exists(j) ) continue;
    if( bPolicy ){
      for(f = iField<0 ? 0 : iField; f<=(iField<0 ? PF_COUNT-1 : iField); f++){
        c->aJob[k].bGate |= policy_field_concerns(w, j->iSource, j->iTarget, j->bGroupSync,
                                                  iTenant, iPartner, (PolicyField)f);
      }
    }else{
      c->aJob[k].bGate = j->iSource==iTenant || j->iTarget==iTenant;
    }
  }
}
