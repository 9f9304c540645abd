/*
** strpool.c — a string pool of 64 KiB blocks with a recent-value cache
** (see strpool.h).
**
** Short strings are appended, NUL-terminated and unaligned, to the
** current block; one that does not fit starts a new current block. A
** string longer than STRPOOL_LONG gets a block of its own, so the current
** block keeps its room. Blocks never move in apBlock (a ref names its
** block by index). Byte 0 of block 0, always a short-string block, is
** never a string's start, so a ref is never 0. The cache is direct-mapped
** by hash: a hit names the earlier copy, a miss replaces the entry. Which
** copy a caller gets never shows in any output: only the text does.
*/
#include <string.h>
#include "mem.h"
#include "fnv.h"
#include "strpool.h"

#define STRPOOL_BLOCK  ((size_t)1 << STRPOOL_BLOCK_BITS)
#define STRPOOL_LONG   4096        /* longer strings get their own block */
#define STRPOOL_RECENT 4096        /* cache entries (a power of two) */
#define STRPOOL_MAX_BLOCKS ((uint32_t)1 << (32 - STRPOOL_BLOCK_BITS))

/* A cache entry: the string's full hash rejects most misses without
** reading the string (a random place in the pool). */
struct StrPoolRecent {
  StrRef r;                        /* 0: empty */
  uint32_t h;
};

void strpool_init(StrPool *p){ memset(p, 0, sizeof(*p)); }

/* A new block of nSize bytes at index nBlock; NULL when memory ran out or
** the pool is full. */
static char *strpool_block(StrPool *p, size_t nSize){
  char *b;
  if( p->nBlock>=STRPOOL_MAX_BLOCKS ) return NULL;
  if( p->nBlock==p->nBlockAlloc ){
    uint32_t nNew = p->nBlockAlloc ? p->nBlockAlloc*2 : 64;
    char **aNew = mem_realloc(p->apBlock, sizeof(char*)*nNew);
    if( aNew==NULL ) return NULL;
    p->apBlock = aNew;
    p->nBlockAlloc = nNew;
  }
  b = mem_malloc(nSize);
  if( b==NULL ) return NULL;
  p->nBytes += nSize;
  return b;
}

static StrRef strpool_ref_of(uint32_t iBlock, size_t iOff){
  return (iBlock<<STRPOOL_BLOCK_BITS) | (uint32_t)iOff;
}

/* Start a short-string block as the current one; -1 when out of memory. */
static int strpool_new_current(StrPool *p){
  char *b = strpool_block(p, STRPOOL_BLOCK);
  if( b==NULL ) return -1;
  p->iCur = p->nBlock;
  p->apBlock[p->nBlock++] = b;
  p->nUsed = p->iCur==0 ? 1 : 0;          /* ref 0 stays NULL */
  return 0;
}

int strpool_put(StrPool *p, const char *z, StrRef *pRef){
  size_t n;
  uint32_t hFull, h;
  StrRef r;
  *pRef = 0;
  if( z==NULL ) return 0;
  n = strlen(z);
  hFull = fnv32(z, n);
  h = hFull & (STRPOOL_RECENT-1);
  if( p->aRecent==NULL ){
    /* Without the cache the pool still works, only without sharing. */
    p->aRecent = mem_calloc(STRPOOL_RECENT, sizeof(struct StrPoolRecent));
  }
  if( p->aRecent && p->aRecent[h].r && p->aRecent[h].h==hFull
   && strcmp(strpool_str(p, p->aRecent[h].r), z)==0 ){
    *pRef = p->aRecent[h].r;
    return 0;
  }
  if( p->nBlock==0 && strpool_new_current(p) ) return -1;
  if( n+1 > STRPOOL_LONG ){
    char *b = strpool_block(p, n+1);
    if( b==NULL ) return -1;
    memcpy(b, z, n+1);
    r = strpool_ref_of(p->nBlock, 0);
    p->apBlock[p->nBlock++] = b;
  }else{
    if( STRPOOL_BLOCK - p->nUsed < n+1 && strpool_new_current(p) ) return -1;
    memcpy(p->apBlock[p->iCur] + p->nUsed, z, n+1);
    r = strpool_ref_of(p->iCur, p->nUsed);
    p->nUsed += n+1;
  }
  if( p->aRecent ){ p->aRecent[h].r = r; p->aRecent[h].h = hFull; }
  *pRef = r;
  return 0;
}

const char *strpool_add(StrPool *p, const char *z){
  StrRef r;
  if( strpool_put(p, z, &r) ) return NULL;
  return strpool_str(p, r);
}

void strpool_free(StrPool *p){
  uint32_t i;
  for(i=0; i<p->nBlock; i++) mem_free(p->apBlock[i]);
  mem_free(p->apBlock);
  mem_free(p->aRecent);
  strpool_init(p);
}
