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
**
** A string is also named by a 4-byte StrRef (block and offset; 0 is
** NULL), half the size of a pointer: a user record holds its two dozen
** attribute values as refs.
*/
#ifndef TS_STRPOOL_H
#define TS_STRPOOL_H
#include <stddef.h>
#include <stdint.h>

#define STRPOOL_BLOCK_BITS 16      /* a block holds 2^16 bytes */

typedef uint32_t StrRef;           /* 0: NULL */

typedef struct StrPool {
  char **apBlock;          /* blocks, each owned, never moved in the array */
  uint32_t nBlock, nBlockAlloc;
  uint32_t iCur;           /* the block that takes the next short string */
  size_t nUsed;            /* bytes used in apBlock[iCur] */
  struct StrPoolRecent *aRecent; /* dedupe cache, STRPOOL_RECENT entries
                           ** (a ref and its string's hash), or NULL */
  size_t nBytes;           /* bytes of every block (a figure for reports) */
} StrPool;

/* An empty pool (nothing is allocated until the first string). */
void strpool_init(StrPool *p);

/* Put a copy of z into the pool and name it in *pRef (NULL gives 0); an
** equal string put before may be named instead. 0, or -1 when memory ran
** out or the pool is full (4 GiB; the pool is then as it was). */
int strpool_put(StrPool *p, const char *z, StrRef *pRef);

/* The string r names (NULL for 0), valid until strpool_free(p). */
static inline const char *strpool_str(const StrPool *p, StrRef r){
  return r ? p->apBlock[r>>STRPOOL_BLOCK_BITS] + (r & ((1u<<STRPOOL_BLOCK_BITS)-1)) : NULL;
}

/* strpool_put() as a pointer: the copy, or NULL (z NULL, or memory ran
** out with z non-NULL). */
const char *strpool_add(StrPool *p, const char *z);

/* Free every string of p; p is empty again. */
void strpool_free(StrPool *p);

#endif
