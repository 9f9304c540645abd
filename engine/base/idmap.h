/*
** idmap.h — a hash index from strings to the ids of the records that
** hold them.
**
** The world finds users by key, object id, mail and home identity: a map
** from a string to a user id, where the string is a field of that user.
** An IdMap stores no strings: a slot is 8 bytes (a 32-bit hash and the
** id), and the string of an id is read back through the xKey callback
** given at init. The caller keeps each id's string equal to the string it
** was put under while the id is in the map (remove it before changing
** the field, put it again after). Ids are 1 .. 2^32-1.
*/
#ifndef TS_IDMAP_H
#define TS_IDMAP_H
#include <stdint.h>
#include <stddef.h>

/* The string id is in the map under (never NULL while it is there). */
typedef const char *(*IdMapKey)(const void *pCtx, int64_t id);

typedef struct IdMapSlot {
  uint32_t h;          /* hash of the key */
  uint32_t id;         /* 0: empty; IDMAP_TOMB: deleted */
} IdMapSlot;

typedef struct IdMap {
  IdMapSlot *a;        /* nSlot slots, owned */
  size_t nSlot, nUsed, nLive;
  IdMapKey xKey;
  const void *pCtx;
} IdMap;

/* An empty map whose ids' strings xKey(pCtx, id) gives. */
void idmap_init(IdMap *m, IdMapKey xKey, const void *pCtx);
void idmap_free(IdMap *m);
/* Map zKey to id (replacing the id it mapped to). 0, or -1 when out of
** memory or id is out of range (the map is then as it was). */
int idmap_put(IdMap *m, const char *zKey, int64_t id);
/* 1 and *pId set when found, else 0. pId may be NULL. */
int idmap_get(const IdMap *m, const char *zKey, int64_t *pId);
/* Remove zKey; 1 if it was there. */
int idmap_del(IdMap *m, const char *zKey);

#endif
