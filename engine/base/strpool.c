/*
** strpool.c — a string pool of large blocks with a recent-value cache
** (see strpool.h).
**
** Strings are appended, NUL-terminated and unaligned, to the head block; a
** string that does not fit starts a new block (a long one gets a block of
** its own, linked behind the head so the head keeps its room). The cache
** is direct-mapped by hash: a hit returns the earlier copy, a miss
** replaces the entry. Which copy a caller gets never shows in any output:
** only the text does.
*/
#include <stdint.h>
#include <string.h>
#include "mem.h"
#include "strpool.h"

#define STRPOOL_BLOCK  65536       /* payload bytes of a block */
#define STRPOOL_LONG   4096        /* longer strings get their own block */
#define STRPOOL_RECENT 4096        /* cache entries (a power of two) */

struct StrPoolBlock {
  StrPoolBlock *pNext;             /* the older block */
  size_t nSize;                    /* payload bytes */
  char aData[];
};

void strpool_init(StrPool *p){ memset(p, 0, sizeof(*p)); }

static StrPoolBlock *strpool_block(StrPool *p, size_t nSize){
  StrPoolBlock *b;
  if( nSize > SIZE_MAX - sizeof(StrPoolBlock) ) return NULL;
  b = mem_malloc(sizeof(StrPoolBlock) + nSize);
  if( b==NULL ) return NULL;
  b->nSize = nSize;
  p->nBytes += nSize;
  return b;
}

static uint32_t strpool_hash(const char *z, size_t n){
  uint32_t h = 2166136261u;
  size_t i;
  for(i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 16777619u; }
  return h;
}

const char *strpool_add(StrPool *p, const char *z){
  size_t n;
  uint32_t h;
  char *zCopy;
  if( z==NULL ) return NULL;
  n = strlen(z);
  h = strpool_hash(z, n) & (STRPOOL_RECENT-1);
  if( p->azRecent==NULL ){
    /* Without the cache the pool still works, only without sharing. */
    p->azRecent = mem_calloc(STRPOOL_RECENT, sizeof(const char*));
  }
  if( p->azRecent && p->azRecent[h] && strcmp(p->azRecent[h], z)==0 ){
    return p->azRecent[h];
  }
  if( n+1 > STRPOOL_LONG ){
    StrPoolBlock *b = strpool_block(p, n+1);
    if( b==NULL ) return NULL;
    if( p->pHead ){ b->pNext = p->pHead->pNext; p->pHead->pNext = b; }
    else{ b->pNext = NULL; p->pHead = b; p->nUsed = n+1; }
    zCopy = b->aData;
  }else{
    if( p->pHead==NULL || p->pHead->nSize - p->nUsed < n+1 ){
      StrPoolBlock *b = strpool_block(p, STRPOOL_BLOCK);
      if( b==NULL ) return NULL;
      b->pNext = p->pHead;
      p->pHead = b;
      p->nUsed = 0;
    }
    zCopy = p->pHead->aData + p->nUsed;
    p->nUsed += n+1;
  }
  memcpy(zCopy, z, n+1);
  if( p->azRecent ) p->azRecent[h] = zCopy;
  return zCopy;
}

void strpool_free(StrPool *p){
  StrPoolBlock *b = p->pHead;
  while( b ){
    StrPoolBlock *pNext = b->pNext;
    mem_free(b);
    b = pNext;
  }
  mem_free(p->azRecent);
  strpool_init(p);
}
