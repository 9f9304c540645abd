/*
** pair.c — the (job, source user) and (job, source group) records and
** their dirty queues (pair.h).
*/
#include <string.h>
#include "mem.h"
#include "job.h"
#include "pair.h"

Pair *pair_get(World *w, Job *j, int64_t id){
  if( id>j->nPair ){
    int64_t nNew = j->nPair ? j->nPair : 64;
    Pair *aNew;
    while( nNew<w->nUser || nNew<id ) nNew *= 2;
    aNew = mem_realloc(j->aPair, (size_t)nNew*sizeof(Pair));
    if( aNew==NULL ){ w->bNoMem = 1; return NULL; }
    memset(aNew+j->nPair, 0, (size_t)(nNew-j->nPair)*sizeof(Pair));
    j->aPair = aNew;
    j->nPair = nNew;
  }
  return &j->aPair[id-1];
}

void pair_mark_dirty(World *w, Job *j, int64_t id){
  Pair *p = pair_get(w, j, id);
  if( p==NULL || p->bDirty ) return;
  if( mem_grow((void**)&j->aDirty, j->nDirty, &j->nDirtyAlloc, sizeof(int64_t)) ){
    w->bNoMem = 1;
    return;
  }
  j->aDirty[j->nDirty++] = id;
  p->bDirty = 1;
}

GroupPair *pair_group_get(World *w, Job *j, int iG){
  if( iG>=j->nGPair ){
    int nNew = j->nGPair ? j->nGPair : 8;
    GroupPair *aNew;
    while( nNew<=iG || nNew<w->nGroup ) nNew *= 2;
    aNew = mem_realloc(j->aGPair, sizeof(GroupPair)*(size_t)nNew);
    if( aNew==NULL ){ w->bNoMem = 1; return NULL; }
    memset(aNew+j->nGPair, 0, sizeof(GroupPair)*(size_t)(nNew-j->nGPair));
    j->aGPair = aNew;
    j->nGPair = nNew;
  }
  return &j->aGPair[iG];
}

void pair_group_mark_dirty(World *w, Job *j, int iG){
  GroupPair *g = pair_group_get(w, j, iG);
  if( g==NULL || g->bDirty ) return;
  if( mem_grow_int((void**)&j->aGDirty, j->nGDirty, &j->nGDirtyAlloc, sizeof(int)) ){
    w->bNoMem = 1;
    return;
  }
  j->aGDirty[j->nGDirty++] = iG;
  g->bDirty = 1;
}
