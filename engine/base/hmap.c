/*
** hmap.c — string-keyed hash map with linear probing (see hmap.h).
**
** Invariant: nSlot is zero or a power of two and nUsed (live + tombstones)
** stays below 3/4 of nSlot, so every probe sequence reaches an empty slot.
** A resize doubles until the live keys fill less than half the slots, so
** the load runs between 3/8 and 3/4 (at 24 bytes a slot, a map of a
** million users' keys takes 32 to 64 MiB).
*/
#include <string.h>
#include "mem.h"
#include "fnv.h"
#include "hmap.h"

static char hmapTombMark;
#define HMAP_TOMB (&hmapTombMark)

static uint64_t hmap_hash(const char *z){
  return fnv64_str(FNV64_OFFSET, z);
}

void hmap_init(HMap *m){ memset(m, 0, sizeof(*m)); }

void hmap_free(HMap *m){
  size_t i;
  for(i=0; i<m->nSlot; i++){
    if( m->a[i].zKey && m->a[i].zKey!=HMAP_TOMB ) mem_free(m->a[i].zKey);
  }
  mem_free(m->a);
  hmap_init(m);
}

static HMapSlot *hmap_find(const HMap *m, const char *zKey, uint64_t h){
  size_t i, n;
  if( m->nSlot==0 ) return NULL;
  for(i=h&(m->nSlot-1), n=0; n<m->nSlot; n++, i=(i+1)&(m->nSlot-1)){
    HMapSlot *s = &m->a[i];
    if( s->zKey==NULL ) return NULL;
    if( s->zKey!=HMAP_TOMB && s->h==h && strcmp(s->zKey, zKey)==0 ) return s;
  }
  return NULL;
}

static int hmap_resize(HMap *m, size_t nNew){
  HMapSlot *aOld = m->a;
  size_t nOld = m->nSlot, i;
  HMapSlot *aNew = mem_calloc(nNew, sizeof(HMapSlot));
  if( aNew==NULL ) return -1;
  m->a = aNew; m->nSlot = nNew; m->nUsed = m->nLive = 0;
  for(i=0; i<nOld; i++){
    HMapSlot *s = &aOld[i];
    if( s->zKey && s->zKey!=HMAP_TOMB ){
      size_t j = s->h & (nNew-1);
      while( aNew[j].zKey ) j = (j+1)&(nNew-1);
      aNew[j] = *s;
      m->nUsed++; m->nLive++;
    }
  }
  mem_free(aOld);
  return 0;
}

/* Insert zKey (hash h, not in m) with v. 0, or -1 when out of memory. */
static int hmap_insert(HMap *m, const char *zKey, uint64_t h, int64_t v){
  size_t j;
  char *zCopy;
  if( (m->nUsed+1)*4 >= m->nSlot*3 ){
    size_t nNew = m->nSlot ? m->nSlot : 16;
    while( (m->nLive+1)*2 >= nNew ) nNew *= 2;
    if( hmap_resize(m, nNew) ) return -1;
  }
  zCopy = mem_strdup(zKey);
  if( zCopy==NULL ) return -1;
  j = h & (m->nSlot-1);
  while( m->a[j].zKey && m->a[j].zKey!=HMAP_TOMB ) j = (j+1)&(m->nSlot-1);
  if( m->a[j].zKey==NULL ) m->nUsed++;
  m->a[j].zKey = zCopy; m->a[j].h = h; m->a[j].v = v;
  m->nLive++;
  return 0;
}

int hmap_put(HMap *m, const char *zKey, int64_t v){
  uint64_t h = hmap_hash(zKey);
  HMapSlot *s = hmap_find(m, zKey, h);
  if( s ){ s->v = v; return 0; }
  return hmap_insert(m, zKey, h, v);
}

int hmap_add(HMap *m, const char *zKey, int64_t v, int64_t *pOld){
  uint64_t h = hmap_hash(zKey);
  HMapSlot *s = hmap_find(m, zKey, h);
  if( s ){
    if( pOld ) *pOld = s->v;
    return 0;
  }
  return hmap_insert(m, zKey, h, v) ? -1 : 1;
}

int hmap_get(const HMap *m, const char *zKey, int64_t *pv){
  HMapSlot *s = hmap_find(m, zKey, hmap_hash(zKey));
  if( s==NULL ) return 0;
  if( pv ) *pv = s->v;
  return 1;
}

int hmap_del(HMap *m, const char *zKey){
  HMapSlot *s = hmap_find(m, zKey, hmap_hash(zKey));
  if( s==NULL ) return 0;
  mem_free(s->zKey);
  s->zKey = HMAP_TOMB;
  m->nLive--;
  return 1;
}

