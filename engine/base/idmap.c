/*
** idmap.c — string-to-id index with linear probing, keys read back
** through a callback (see idmap.h).
**
** Invariant, as in hmap.c: nSlot is zero or a power of two, nUsed (live +
** tombstones) stays below 3/4 of nSlot, and a resize doubles until the
** live ids fill less than half the slots. A probe compares the 32-bit
** hash first and reads an id's string only when the hashes agree.
*/
#include <string.h>
#include "mem.h"
#include "fnv.h"
#include "idmap.h"

#define IDMAP_TOMB UINT32_MAX

static uint32_t idmap_hash(const char *z){ return fnv32(z, strlen(z)); }

void idmap_init(IdMap *m, IdMapKey xKey, const void *pCtx){
  memset(m, 0, sizeof(*m));
  m->xKey = xKey;
  m->pCtx = pCtx;
}

void idmap_free(IdMap *m){
  mem_free(m->a);
  idmap_init(m, m->xKey, m->pCtx);
}

static IdMapSlot *idmap_find(const IdMap *m, const char *zKey, uint32_t h){
  size_t i, n;
  if( m->nSlot==0 ) return NULL;
  for(i=h&(m->nSlot-1), n=0; n<m->nSlot; n++, i=(i+1)&(m->nSlot-1)){
    IdMapSlot *s = &m->a[i];
    if( s->id==0 ) return NULL;
    if( s->id!=IDMAP_TOMB && s->h==h && strcmp(m->xKey(m->pCtx, s->id), zKey)==0 ) return s;
  }
  return NULL;
}

static int idmap_resize(IdMap *m, size_t nNew){
  IdMapSlot *aOld = m->a, *aNew;
  size_t nOld = m->nSlot, i;
  aNew = mem_calloc(nNew, sizeof(IdMapSlot));
  if( aNew==NULL ) return -1;
  m->a = aNew; m->nSlot = nNew; m->nUsed = m->nLive = 0;
  for(i=0; i<nOld; i++){
    IdMapSlot *s = &aOld[i];
    if( s->id!=0 && s->id!=IDMAP_TOMB ){
      size_t j = s->h & (nNew-1);
      while( aNew[j].id ) j = (j+1)&(nNew-1);
      aNew[j] = *s;
      m->nUsed++; m->nLive++;
    }
  }
  mem_free(aOld);
  return 0;
}

int idmap_put(IdMap *m, const char *zKey, int64_t id){
  uint32_t h = idmap_hash(zKey);
  IdMapSlot *s;
  size_t j;
  if( id<=0 || id>=(int64_t)IDMAP_TOMB ) return -1;
  s = idmap_find(m, zKey, h);
  if( s ){ s->id = (uint32_t)id; return 0; }
  if( (m->nUsed+1)*4 >= m->nSlot*3 ){
    size_t nNew = m->nSlot ? m->nSlot : 16;
    while( (m->nLive+1)*2 >= nNew ) nNew *= 2;
    if( idmap_resize(m, nNew) ) return -1;
  }
  j = h & (m->nSlot-1);
  while( m->a[j].id!=0 && m->a[j].id!=IDMAP_TOMB ) j = (j+1)&(m->nSlot-1);
  if( m->a[j].id==0 ) m->nUsed++;
  m->a[j].h = h;
  m->a[j].id = (uint32_t)id;
  m->nLive++;
  return 0;
}

int idmap_get(const IdMap *m, const char *zKey, int64_t *pId){
  IdMapSlot *s = idmap_find(m, zKey, idmap_hash(zKey));
  if( s==NULL ) return 0;
  if( pId ) *pId = s->id;
  return 1;
}

int idmap_del(IdMap *m, const char *zKey){
  IdMapSlot *s = idmap_find(m, zKey, idmap_hash(zKey));
  if( s==NULL ) return 0;
  s->id = IDMAP_TOMB;
  m->nLive--;
  return 1;
}
