/*
** arena.h — many small allocations with one owner and one free.
**
** A structure built once and then only read (the typed scenario model)
** allocates its parts from an Arena instead of one mem_malloc each: the
** owner frees them all together with arena_free(), so no part needs an
** ownership rule of its own. Blocks come from mem_malloc (an allocation
** failure is a NULL from arena_alloc, never a crash); every allocation is
** zeroed and aligned for any C object.
*/
#ifndef TS_ARENA_H
#define TS_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;
typedef struct Arena {
  ArenaBlock *pHead;       /* the newest block, with room left; owned */
  size_t nUsed;            /* bytes used in pHead */
} Arena;

/* An empty arena (no memory is allocated until the first arena_alloc). */
void arena_init(Arena *p);

/* n zeroed bytes that live until arena_free(p), or NULL when memory ran
** out (the arena is then as it was). n==0 returns a valid, unique
** pointer. */
void *arena_alloc(Arena *p, size_t n);

/* An array of n elements of sz bytes (zeroed); NULL on overflow or when
** memory ran out. */
void *arena_array(Arena *p, size_t n, size_t sz);

/* Free every allocation of p; p is empty again. */
void arena_free(Arena *p);

#endif
