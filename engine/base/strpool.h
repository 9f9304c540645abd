/*
** strpool.h — strings that live as long as their pool, copied into large
** blocks and freed all together.
**
** The world's user records hold many short strings (names, addresses,
** identities) and keep them until the run ends: one allocation each cost
** 16 bytes of allocator overhead per string and, at exit, one free each.
** A StrPool copies each string once into a block of many and frees the
** blocks together; a string replaced during the run stays in the pool
** until then. A small cache of recent strings lets equal values (a
** department, a country, "True") share one copy. Pointers returned are
** stable for the pool's life and must not be written through.
*/
#ifndef TS_STRPOOL_H
#define TS_STRPOOL_H
#include <stddef.h>

typedef struct StrPoolBlock StrPoolBlock;
typedef struct StrPool {
  StrPoolBlock *pHead;     /* the block strings are appended to; owned */
  size_t nUsed;            /* bytes used in pHead */
  const char **azRecent;   /* dedupe cache, STRPOOL_RECENT entries, or NULL */
  size_t nBytes;           /* bytes of every block (a figure for reports) */
} StrPool;

/* An empty pool (nothing is allocated until the first string). */
void strpool_init(StrPool *p);

/* A copy of z (NULL gives NULL) that lives until strpool_free(p); an
** equal string added before may be returned instead. NULL with z non-NULL
** when memory ran out (the pool is then as it was). */
const char *strpool_add(StrPool *p, const char *z);

/* Free every string of p; p is empty again. */
void strpool_free(StrPool *p);

#endif
