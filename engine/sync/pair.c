/*
** pair.c — the (job, source user) records and the dirty queue (pair.h).
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
