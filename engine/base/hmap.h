/*
** hmap.h — an open-addressing hash map from strings to int64 values.
**
** Used for the engine's look-ups by key: user keys per tenant, the target
** tenant's alternativeSecurityIds. The map copies keys (it owns them);
** values are plain integers. Deletion leaves a tombstone.
*/
#ifndef TS_HMAP_H
#define TS_HMAP_H
#include <stdint.h>
#include <stddef.h>

typedef struct HMapSlot {
  char *zKey;          /* NULL: empty; HMAP_TOMB: deleted */
  uint64_t h;
  int64_t v;
} HMapSlot;

typedef struct HMap {
  HMapSlot *a;
  size_t nSlot, nUsed, nLive;
} HMap;

void hmap_init(HMap *m);
void hmap_free(HMap *m);
/* Insert or replace. 0 on success, -1 when out of memory. */
int hmap_put(HMap *m, const char *zKey, int64_t v);
/* Insert zKey with v unless it is there: 1 when added, 0 when it was there
** already (its value kept, and put in *pOld unless pOld is NULL), -1 when
** out of memory (the map is then as it was). One look-up, where
** hmap_get then hmap_put take two. */
int hmap_add(HMap *m, const char *zKey, int64_t v, int64_t *pOld);
/* 1 and *pv set when found, else 0. pv may be NULL. */
int hmap_get(const HMap *m, const char *zKey, int64_t *pv);
/* Remove; 1 if it was there. */
int hmap_del(HMap *m, const char *zKey);

#endif
