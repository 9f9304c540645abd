/*
** mem.c — the allocator wrapper (see mem.h), with fault injection for tests.
*/
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"

/* Atomic, because a run's writer thread and a report's second scan
** allocate beside the main thread. */
static atomic_long nFailAfter;   /* 0: off; else allocations left before failing */
static atomic_long nFailed;      /* allocations that failed (injected or real) */

static int mem_should_fail(void){
  long n = atomic_load_explicit(&nFailAfter, memory_order_relaxed);
  while( n>0 ){
    if( n==1 ){
      atomic_fetch_add(&nFailed, 1);
      return 1;
    }
    if( atomic_compare_exchange_weak(&nFailAfter, &n, n-1) ) return 0;
  }
  return 0;
}

long mem_fail_count(void){ return atomic_load(&nFailed); }

/* Count a real allocation failure too. */
static void *mem_check(void *p){
  if( p==NULL ) atomic_fetch_add(&nFailed, 1);
  return p;
}

void mem_fail_after(long n){ atomic_store(&nFailAfter, n>0 ? n : 0); }

void *mem_malloc(size_t n){
  if( mem_should_fail() ) return NULL;
  return mem_check(malloc(n ? n : 1));
}

void *mem_calloc(size_t nmemb, size_t n){
  if( mem_should_fail() ) return NULL;
  return mem_check(calloc(nmemb ? nmemb : 1, n ? n : 1));
}

void *mem_realloc(void *p, size_t n){
  if( mem_should_fail() ) return NULL;
  return mem_check(realloc(p, n ? n : 1));
}

void mem_free(void *p){ free(p); }

char *mem_strndup(const char *z, size_t n){
  char *zNew;
  if( z==NULL ) return NULL;
  zNew = mem_malloc(n+1);
  if( zNew ){ memcpy(zNew, z, n); zNew[n] = 0; }
  return zNew;
}

char *mem_strdup(const char *z){
  return z ? mem_strndup(z, strlen(z)) : NULL;
}

int mem_grow(void **pa, int64_t n, int64_t *pnAlloc, size_t sz){
  int64_t nNew;
  void *aNew;
  if( n < *pnAlloc ) return 0;
  nNew = *pnAlloc ? *pnAlloc*2 : 16;
  aNew = mem_realloc(*pa, (size_t)nNew*sz);
  if( aNew==NULL ) return -1;
  memset((char*)aNew + (size_t)*pnAlloc*sz, 0, (size_t)(nNew-*pnAlloc)*sz);
  *pa = aNew;
  *pnAlloc = nNew;
  return 0;
}

int mem_grow_lazy(void **pa, int64_t n, int64_t *pnAlloc, size_t sz){
  int64_t nNew;
  void *aNew;
  if( n < *pnAlloc ) return 0;
  nNew = *pnAlloc ? *pnAlloc + *pnAlloc/2 : 16;
  if( (uint64_t)nNew > SIZE_MAX/sz ) return -1;
  aNew = mem_realloc(*pa, (size_t)nNew*sz);
  if( aNew==NULL ) return -1;
  *pa = aNew;
  *pnAlloc = nNew;
  return 0;
}

int mem_grow_int(void **pa, int n, int *pnAlloc, size_t sz){
  int64_t nAlloc = *pnAlloc;
  int rc = mem_grow(pa, n, &nAlloc, sz);
  *pnAlloc = (int)nAlloc;
  return rc;
}
