/*
** mto.c — the multitenant organization in memory and in the store (see
** mto.h). A tenant's state is one byte per tenant index; the template
** settings are one array in the order the scenario gives them, which is
** the order a join applies them in.
*/
#include <string.h>
#include "mem.h"
#include "tslimits.h"
#include "store.h"
#include "mto.h"

enum { ST_NONE, ST_PENDING, ST_ACTIVE };

struct Mto {
  unsigned char *aState;   /* per tenant index: ST_* */
  int nState;
  MtoSetting *aSet; int nSet, nSetAlloc;
};

static const char zSqlMember[] =
  "INSERT INTO mto_members(tenant, role, joined_at) VALUES(?1,?2,?3)";
static const char zSqlJoined[] = "UPDATE mto_members SET joined_at=?2 WHERE tenant=?1";
static const char zSqlTemplate[] =
  "INSERT INTO mto_templates(tenant, template, setting, value, application_level, path)"
  " VALUES(?1,?2,?3,?4,?5,?6)";

unsigned mto_level(const char *zLevel){
  static const struct { const char *z; unsigned m; } aWord[] = {
    { "newPartners", MTO_NEW_PARTNERS }, { "existingPartners", MTO_EXISTING_PARTNERS },
    { "none", 0 }
  };
  unsigned m = 0;
  size_t k;
  if( zLevel==NULL ) return MTO_NEW_PARTNERS|MTO_EXISTING_PARTNERS;
  while( *zLevel ){
    size_t n = strcspn(zLevel, ",");
    for(k=0; k<sizeof(aWord)/sizeof(aWord[0]); k++){
      if( strlen(aWord[k].z)==n && strncmp(aWord[k].z, zLevel, n)==0 ) m |= aWord[k].m;
    }
    zLevel += n + (zLevel[n]==',');
  }
  return m;
}

/* The organization, created on first use with room for every tenant. */
static Mto *mto_get(World *w){
  Mto *p = w->pMto;
  if( p ) return p;
  if( (p = mem_calloc(1, sizeof(Mto)))==NULL ) return NULL;
  if( (p->aState = mem_calloc((size_t)(w->nTenant+1), 1))==NULL ){
    mem_free(p);
    return NULL;
  }
  p->nState = w->nTenant;
  w->pMto = p;
  return p;
}

int mto_member_add(World *w, int iTenant, int bOwner, int bActive){
  Mto *p = mto_get(w);
  StoreStmt *s;
  if( p==NULL ){ w->bNoMem = 1; return -1; }
  ts_assert( iTenant>=0 && iTenant<p->nState );
  p->aState[iTenant] = bActive ? ST_ACTIVE : ST_PENDING;
  if( (s = store_write(w->pStore, zSqlMember))!=NULL ){
    store_put_int(s, 1, iTenant);
    store_put_text(s, 2, bOwner ? "owner" : "member");
    store_put_opt_int(s, 3, 0, !bActive);
    store_run(w->pStore, s);
  }
  return 0;
}

int mto_template_add(World *w, const MtoSetting *pSet, const char *zLevel, const char *zPath){
  Mto *p = mto_get(w);
  StoreStmt *s;
  if( p==NULL || mem_grow_int((void**)&p->aSet, p->nSet, &p->nSetAlloc, sizeof(MtoSetting)) ){
    w->bNoMem = 1;
    return -1;
  }
  p->aSet[p->nSet++] = *pSet;
  if( (s = store_write(w->pStore, zSqlTemplate))!=NULL ){
    store_put_int(s, 1, pSet->iTenant);
    store_put_text(s, 2, pSet->bIdentitySync ? "identitySync" : "partnerConfiguration");
    store_put_text(s, 3, policy_field_name(pSet->eField));
    store_put_int(s, 4, pSet->v);
    store_put_text(s, 5, zLevel ? zLevel : "newPartners,existingPartners");
    store_put_text(s, 6, zPath);
    store_run(w->pStore, s);
  }
  return 0;
}

static int mto_state(const World *w, int iTenant){
  const Mto *p = w->pMto;
  return p && iTenant>=0 && iTenant<p->nState ? p->aState[iTenant] : ST_NONE;
}

int mto_is_active(const World *w, int iTenant){ return mto_state(w, iTenant)==ST_ACTIVE; }
int mto_is_pending(const World *w, int iTenant){ return mto_state(w, iTenant)==ST_PENDING; }

void mto_activate(World *w, int iTenant){
  StoreStmt *s;
  ts_assert( mto_is_pending(w, iTenant) );
  w->pMto->aState[iTenant] = ST_ACTIVE;
  if( (s = store_write(w->pStore, zSqlJoined))!=NULL ){
    store_put_int(s, 1, iTenant);
    store_put_int(s, 2, w->tNow);
    store_run(w->pStore, s);
  }
}

const MtoSetting *mto_settings(const World *w, int *pn){
  *pn = w->pMto ? w->pMto->nSet : 0;
  return w->pMto ? w->pMto->aSet : NULL;
}

void mto_free(Mto *p){
  if( p==NULL ) return;
  mem_free(p->aState);
  mem_free(p->aSet);
  mem_free(p);
}
