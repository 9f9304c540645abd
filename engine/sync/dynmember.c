/*
** dynmember.c — dynamic group memberships applied (see dynmember.h).
*/
#include "directory.h"
#include "dyngroup.h"
#include "admin.h"
#include "dynmember.h"

int dynmember_initial(World *w){
  int i;
  int64_t k;
  for(i=0; i<w->nGroup && !w->bNoMem; i++){
    const Group *g = &w->aGroup[i];
    if( g->pRule==NULL || g->bRulePaused ) continue;
    for(k=0; k<w->nUser && !w->bNoMem; k++){
      User *u = &w->aUser[k];
      if( u->iTenant==g->iTenant && dyngroup_matches(w, i, u) ){
        if( directory_member_add(w, i, u->id)<0 ) return 1;
      }
    }
  }
  dyngroup_clear_queue(w);
  return w->bNoMem;
}

/* One user against the dynamic groups of its tenant. */
static int64_t dynmember_user(World *w, int64_t id){
  User *u = world_user(w, id);
  int64_t n = 0;
  int i;
  for(i=0; i<w->nGroup; i++){
    const Group *g = &w->aGroup[i];
    int bIn, bWas;
    if( g->pRule==NULL || g->bRulePaused || g->iTenant!=u->iTenant || g->tDeleted>=0 ) continue;
    bIn = dyngroup_matches(w, i, u);
    bWas = directory_is_member(u, i);
    if( bIn==bWas ) continue;
    if( admin_member_by(w, i, id, bIn, DYNMEMBER_ACTOR, "dynamic_membership")>0 ) n++;
    u = world_user(w, id);
  }
  return n;
}

int64_t dynmember_due(World *w){
  int64_t id, n = 0;
  while( !w->bNoMem && (id = dyngroup_pop_due(w))!=0 ) n += dynmember_user(w, id);
  return n;
}
