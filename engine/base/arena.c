/*
** arena.c — a bump allocator over a list of blocks (see arena.h).
**
** Blocks are ARENA_BLOCK bytes, or bigger for one large request; a
** request that does not fit the head block starts a new one, and the rest
** of the old block is left unused (the arena serves structures built once,
** so the waste is bounded by one request per block).
*/
#include <stdalign.h>
#include <stdint.h>
#include <string.h>
#include "mem.h"
#include "tslimits.h"
#include "arena.h"

#define ARENA_BLOCK 16384          /* bytes of a block's payload */
#define ARENA_ALIGN alignof(max_align_t)

struct ArenaBlock {
  ArenaBlock *pNext;               /* the older block */
  size_t nSize;                    /* payload bytes */
  alignas(max_align_t) unsigned char aData[];
};

void arena_init(Arena *p){
  p->pHead = NULL;
  p->nUsed = 0;
}

void *arena_alloc(Arena *p, size_t n){
  size_t nNeed = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
  void *pRet;
  if( nNeed==0 ) nNeed = ARENA_ALIGN;
  if( nNeed<n ) return NULL;                       /* n near SIZE_MAX */
  if( p->pHead==NULL || p->pHead->nSize - p->nUsed < nNeed ){
    size_t nSize = nNeed>ARENA_BLOCK ? nNeed : ARENA_BLOCK;
    ArenaBlock *b;
    if( nSize > SIZE_MAX - sizeof(ArenaBlock) ) return NULL;
    b = mem_malloc(sizeof(ArenaBlock) + nSize);
    if( b==NULL ) return NULL;
    b->pNext = p->pHead;
    b->nSize = nSize;
    p->pHead = b;
    p->nUsed = 0;
  }
  ts_assert( p->nUsed % ARENA_ALIGN==0 );
  pRet = p->pHead->aData + p->nUsed;
  p->nUsed += nNeed;
  memset(pRet, 0, n);
  return pRet;
}

void *arena_array(Arena *p, size_t n, size_t sz){
  if( sz && n > SIZE_MAX/sz ) return NULL;
  return arena_alloc(p, n*sz);
}

void arena_free(Arena *p){
  ArenaBlock *b = p->pHead;
  while( b ){
    ArenaBlock *pNext = b->pNext;
    mem_free(b);
    b = pNext;
  }
  arena_init(p);
}
