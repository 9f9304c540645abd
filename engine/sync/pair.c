/*
** pair.c — the (job, source user) and (job, source group) records and
** their dirty queues (pair.h).
*/
#include <string.h>
#include "mem.h"
#include "job.h"
#include "pair.h"

Pair *pair_get(World *w, Job *j, int64_t id){
  int64_t iPage = (id-1)/PAIR_PAGE;
  if( iPage>=j->nPairPage ){
    int64_t nNew = j->nPairPage ? j->nPairPage : 8;
    Pair **apNew;
    while( nNew<=iPage ) nNew *= 2;
    apNew = mem_realloc(j->apPairPage, (size_t)nNew*sizeof(Pair*));
    if( apNew==NULL ){ w->bNoMem = 1; return NULL; }
    memset(apNew+j->nPairPage, 0, (size_t)(nNew-j->nPairPage)*sizeof(Pair*));
    j->apPairPage = apNew;
    j->nPairPage = nNew;
  }
  if( j->apPairPage[iPage]==NULL ){
    j->apPairPage[iPage] = mem_calloc(PAIR_PAGE, sizeof(Pair));
    if( j->apPairPage[iPage]==NULL ){ w->bNoMem = 1; return NULL; }
  }
  return &j->apPairPage[iPage][(id-1)%PAIR_PAGE];
}

Pair *pair_peek(const Job *j, int64_t id){
  int64_t iPage = (id-1)/PAIR_PAGE;
  if( id<1 || iPage>=j->nPairPage || j->apPairPage[iPage]==NULL ) return NULL;
  return &j->apPairPage[iPage][(id-1)%PAIR_PAGE];
}

int64_t pair_end(const Job *j){
  int64_t n = j->nPairPage;
  while( n>0 && j->apPairPage[n-1]==NULL ) n--;
  return n*PAIR_PAGE + 1;
}

void pair_free_all(Job *j){
  int64_t i;
  for(i=0; i<j->nPairPage; i++) mem_free(j->apPairPage[i]);
  mem_free(j->apPairPage);
  j->apPairPage = NULL;
  j->nPairPage = 0;
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
