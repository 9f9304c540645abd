/*
** dyngroup.c — dynamic groups' rules and the queue of users due for
** evaluation (see dyngroup.h). Reads and writes the World and the groups
** row; never changes a membership (engine/sync/dynmember.c does).
*/
#include <string.h>
#include <strings.h>
#include "mem.h"
#include "strbuf.h"
#include "dyngroup.h"

int dyngroup_resolve(void *pCtx, const char *zProp){
  World *w = pCtx;
  int i = attr_find(zProp);
  if( i>=0 ) return i;
  for(i=0; i<A_COUNT; i++){
    if( strcasecmp(attr_info(i)->zName, zProp)==0 ) return i;
  }
  if( strcasecmp(zProp, "objectId")==0 ) return DYNGROUP_ATTR_OBJECT_ID;
  if( w==NULL ) return attr_is_extension(zProp) ? A_COUNT : -1;
  return world_attr_find(w, zProp, 1);
}

/* The bit of tenant mDynAttr standing for attribute iAttr. */
static uint64_t attr_bit(int iAttr){
  return iAttr>=0 && iAttr<63 ? (uint64_t)1<<iAttr : (uint64_t)1<<63;
}

static const char zSqlRule[] =
  "UPDATE groups SET membership_rule=?2, rule_attributes=?3, rule_state=?4, rule_guest_keyed=?5"
  " WHERE idx=?1";

int dyngroup_set_rule(World *w, int iGroup, const char *zRule, int bPaused, DynError *pErr){
  Group *g = &w->aGroup[iGroup];
  Tenant *t = &w->aTenant[g->iTenant];
  DynRule *p = NULL;
  int aAttr[64], n, i, rc;
  StrBuf sb;
  StoreStmt *s;
  rc = dynrule_compile(zRule, dyngroup_resolve, w, &p, pErr);
  if( w->bNoMem ){ dynrule_free(p); return TS_NOMEM; }
  if( rc ) return rc;
  if( g->pRule==NULL ) t->nDynamic++;
  dynrule_free(g->pRule);
  g->pRule = p;
  g->bRulePaused = bPaused;
  n = dynrule_attrs(p, aAttr, (int)(sizeof(aAttr)/sizeof(aAttr[0])));
  if( n>(int)(sizeof(aAttr)/sizeof(aAttr[0])) ){
    t->mDynAttr = ~(uint64_t)0;        /* a rule that long reads "everything" */
    n = (int)(sizeof(aAttr)/sizeof(aAttr[0]));
  }
  strbuf_init(&sb);
  for(i=0; i<n; i++){
    if( aAttr[i]!=DYNGROUP_ATTR_OBJECT_ID ) t->mDynAttr |= attr_bit(aAttr[i]);
    if( i ) strbuf_appendc(&sb, ',');
    strbuf_append(&sb, aAttr[i]==DYNGROUP_ATTR_OBJECT_ID ? "objectId" : world_attr_name(w, aAttr[i]));
  }
  if( sb.bErr ){
    strbuf_free(&sb);
    w->bNoMem = 1;
    return TS_NOMEM;
  }
  if( (s = store_write(w->pStore, zSqlRule))!=NULL ){
    store_put_int(s, 1, iGroup);
    store_put_text(s, 2, zRule);
    store_put_text(s, 3, strbuf_str(&sb));
    store_put_text(s, 4, bPaused ? "Paused" : "On");
    store_put_int(s, 5, dynrule_tests_value(p, A_USER_TYPE, "Guest"));
    store_run(w->pStore, s);
  }
  strbuf_free(&sb);
  return TS_OK;
}

/* DynGet over a user of a world. */
typedef struct DynUser { const World *w; const User *u; } DynUser;
static const char *user_get(void *pCtx, int iAttr){
  const DynUser *d = pCtx;
  if( iAttr==DYNGROUP_ATTR_OBJECT_ID ) return d->u->zObjectId;
  return world_user_attr(d->w, d->u, iAttr);
}

int dyngroup_matches(const World *w, int iGroup, const User *u){
  const Group *g = &w->aGroup[iGroup];
  DynUser d;
  if( g->pRule==NULL || !user_is_live(u) || g->iTenant!=u->iTenant ) return 0;
  d.w = w; d.u = u;
  return dynrule_match(g->pRule, user_get, &d);
}

void dyngroup_touch(World *w, int64_t id, int iAttr){
  const User *u = world_user(w, id);
  const Tenant *t = &w->aTenant[u->iTenant];
  DynPending *e;
  if( t->nDynamic==0 || (iAttr>=0 && !(t->mDynAttr & attr_bit(iAttr))) ) return;
  if( w->iDynHead>0 && w->iDynHead==w->nDyn ){
    w->iDynHead = w->nDyn = 0;         /* drained: reuse the array from the start */
  }
  if( mem_grow((void**)&w->aDyn, w->nDyn, &w->nDynAlloc, sizeof(DynPending)) ){
    w->bNoMem = 1;
    return;
  }
  e = &w->aDyn[w->nDyn++];
  e->id = id;
  e->tDue = w->tNow + w->params.dynamicMembershipDelay;
}

void dyngroup_clear_queue(World *w){
  w->nDyn = w->iDynHead = 0;
}

SimTime dyngroup_next_due(const World *w){
  return w->iDynHead<w->nDyn ? w->aDyn[w->iDynHead].tDue : -1;
}

int64_t dyngroup_pop_due(World *w){
  if( w->iDynHead>=w->nDyn || w->aDyn[w->iDynHead].tDue>w->tNow ) return 0;
  return w->aDyn[w->iDynHead++].id;
}
