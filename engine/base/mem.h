/*
** mem.h — the one allocator wrapper under all of tenantsim.
**
** Every allocation in engine/, sim/ and reports/ goes through these calls
** (cJSON is hooked to them too), so a test can make the Nth allocation fail
** with mem_fail_after() and check that the failure is reported, not crashed
** on. mem_malloc/mem_realloc return NULL on failure like the C library;
** mem_strdup(NULL) returns NULL. mem_free(NULL) is a no-op.
*/
#ifndef TS_MEM_H
#define TS_MEM_H
#include <stddef.h>
#include <stdint.h>

void *mem_malloc(size_t n);
void *mem_calloc(size_t nmemb, size_t n);
void *mem_realloc(void *p, size_t n);
void  mem_free(void *p);
char *mem_strdup(const char *z);
char *mem_strndup(const char *z, size_t n);

/* Make room for element n of the array *pa of sz-byte elements, of which
** *pnAlloc are allocated: when full it doubles (16 at first) and the new
** elements are zeroed. 0, or -1 when memory ran out (the array is then as
** it was). mem_grow_int is the same for int counts. */
int mem_grow(void **pa, int64_t n, int64_t *pnAlloc, size_t sz);
int mem_grow_int(void **pa, int n, int *pnAlloc, size_t sz);
/* The same for a large array whose every element is set when it is added:
** it grows by half and leaves the new elements as they are, so the pages
** beyond the last element are never touched (a million users' records
** would otherwise be doubled and zeroed ahead of need). */
int mem_grow_lazy(void **pa, int64_t n, int64_t *pnAlloc, size_t sz);

/* How many allocations have failed so far in this process (so that a
** caller of a library that reports failure vaguely, such as cJSON's parser,
** can tell memory exhaustion from bad input). */
long mem_fail_count(void);

/* Make allocation number n (counting from the next call, 1-based) and every
** later one fail; n<=0 turns fault injection off. For tests only. */
void mem_fail_after(long n);

#endif
