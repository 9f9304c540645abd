/*
** directory.c — tenants and their verified domains, users, groups and
** memberships (see directory.h).
**
** Write-through: each function changes the in-memory object and issues the
** matching INSERT/UPDATE through the store, so memory and database agree at
** every commit. Statements for the attribute columns are generated once
** from the attribute catalog (attr.c) so column lists cannot drift apart.
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "tslimits.h"
#include "audit.h"
#include "strbuf.h"
#include "directory.h"
#include "dyngroup.h"

static const char zSqlTenant[] =
  "INSERT INTO tenants(idx, key, tenant_id, domain, cloud, licences)"
  " VALUES(?1,?2,?3,?4,?5,?6)";

static char *dup_or_fail(World *w, const char *z, int *pbFail){
  char *zNew;
  if( z==NULL ) return NULL;
  zNew = mem_strdup(z);
  if( zNew==NULL ){ w->bNoMem = 1; *pbFail = 1; }
  return zNew;
}

/* z in the world's string pool (users' strings live there until the world
** is freed), or NULL with *pbFail set when memory ran out. */
static const char *pool_or_fail(World *w, const char *z, int *pbFail){
  const char *zNew;
  if( z==NULL ) return NULL;
  zNew = strpool_add(&w->strings, z);
  if( zNew==NULL ){ w->bNoMem = 1; *pbFail = 1; }
  return zNew;
}


/* The licence list as text ("P1,Governance"), into z[n]. No allocation:
** a failure here would silently drop licences. */
static void licence_text(unsigned m, char *z, size_t n){
  snprintf(z, n, "%s%s%s%s", (m & LIC_P1) ? ",P1" : "", (m & LIC_P2) ? ",P2" : "",
           (m & LIC_GOVERNANCE) ? ",Governance" : "", (m & LIC_SUITE) ? ",Suite" : "");
  if( z[0]==',' ) memmove(z, z+1, strlen(z));
}

/* ------------------------------------------------------ verified domains */

static const char zSqlDomain[] =
  "INSERT INTO tenant_domains(tenant, domain, source, added_at) VALUES(?1,?2,?3,?4)";

int directory_domain_is_name(const char *z){
  size_t n, nLabel = 0, nDot = 0;
  int bAlpha = 0;              /* the current label has a non-digit */
  char cPrev = '.';
  if( z==NULL ) return 0;
  for(n=0; z[n]; n++){
    char c = z[n];
    if( c=='.' ){
      if( nLabel==0 || cPrev=='-' ) return 0;
      nLabel = 0;
      bAlpha = 0;
      nDot++;
    }else if( (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9') || c=='-' ){
      if( (c=='-' && nLabel==0) || ++nLabel>63 ) return 0;
      if( c<'0' || c>'9' ) bAlpha = 1;
    }else{
      return 0;
    }
    cPrev = c;
  }
  /* an all-digit last label would make "10.0.0.1" a domain */
  return n<=DIRECTORY_DOMAIN_MAX && nDot>0 && nLabel>0 && cPrev!='-' && bAlpha;
}

const char *directory_domain_of(const char *zAddr){
  const char *zAt = zAddr ? strrchr(zAddr, '@') : NULL;
  return zAt && zAt[1] ? zAt+1 : NULL;
}

int directory_domain_lower(const char *zDomain, char *z){
  size_t i;
  for(i=0; zDomain[i]; i++){
    char c = zDomain[i];
    if( i>=DIRECTORY_DOMAIN_MAX ) return -1;
    z[i] = (c>='A' && c<='Z') ? (char)(c - 'A' + 'a') : c;
  }
  z[i] = 0;
  return 0;
}

int directory_domain_add(World *w, int iTenant, const char *zDomain, DomainSource eFrom){
  static const char *const azFrom[] = { NULL, "scenario", "domain", "userPrincipalName" };
  Tenant *t = &w->aTenant[iTenant];
  char z[DIRECTORY_DOMAIN_MAX+1];
  StoreStmt *p;
  if( zDomain==NULL || directory_domain_lower(zDomain, z)
   || hmap_get(&t->verifiedDomains, z, NULL) ) return 0;
  if( hmap_put(&t->verifiedDomains, z, eFrom) ){ w->bNoMem = 1; return -1; }
  p = store_write(w->pStore, zSqlDomain);
  if( p ){
    store_put_int(p, 1, iTenant);
    store_put_text(p, 2, z);
    store_put_text(p, 3, azFrom[eFrom]);
    store_put_int(p, 4, w->tNow);
    store_run(w->pStore, p);
  }
  return 1;
}

int directory_domain_verified(const World *w, int iTenant, const char *zDomain){
  char z[DIRECTORY_DOMAIN_MAX+1];
  return zDomain && directory_domain_lower(zDomain, z)==0
      && hmap_get(&w->aTenant[iTenant].verifiedDomains, z, NULL);
}

/* An internal user's UPN shows its domain verified (directory.h); a B2B
** user's does not, nor an #EXT# UPN however the user was declared. */
static int directory_upn_domain(World *w, const User *u, const char *zUpn){
  if( u->bInvited || u->zAltSecId || zUpn==NULL || strstr(zUpn, "#EXT#") ) return 0;
  return directory_domain_add(w, u->iTenant, directory_domain_of(zUpn), DOMAIN_UPN)<0 ? -1 : 0;
}

int directory_tenant_add(World *w, const char *zKey, const char *zTenantId,
                   const char *zDomain, const char *zCloud, unsigned mLicence){
  Tenant *t;
  int bFail = 0;
  char zLic[64];
  StoreStmt *p;
  if( mem_grow_int((void**)&w->aTenant, w->nTenant, &w->nTenantAlloc, sizeof(Tenant)) ){
    w->bNoMem = 1;
    return -1;
  }
  t = &w->aTenant[w->nTenant];
  memset(t, 0, sizeof(*t));
  t->zKey = dup_or_fail(w, zKey, &bFail);
  t->zDomain = dup_or_fail(w, zDomain, &bFail);
  t->zCloud = dup_or_fail(w, zCloud ? zCloud : "commercial", &bFail);
  t->mLicence = mLicence;
  t->tInStep = -1;
  t->driftRow.t = t->driftRow.v = t->driftRow.vBefore = -1;
  if( zTenantId ) snprintf(t->zTenantId, sizeof(t->zTenantId), "%s", zTenantId);
  else rng_guid(&w->rngIds, t->zTenantId);
  idmap_init(&t->keys, world_user_key, w);
  idmap_init(&t->altSec, world_user_alt_sec_id, w);
  idmap_init(&t->internalMail, world_user_mail, w);
  idmap_init(&t->b2bMail, world_user_mail, w);
  hmap_init(&t->verifiedDomains);
  w->nTenant++;
  if( bFail ) return -1;
  licence_text(mLicence, zLic, sizeof(zLic));
  p = store_write(w->pStore, zSqlTenant);
  if( p ){
    store_put_int(p, 1, w->nTenant-1);
    store_put_text(p, 2, t->zKey);
    store_put_text(p, 3, t->zTenantId);
    store_put_text(p, 4, t->zDomain);
    store_put_text(p, 5, t->zCloud);
    store_put_text(p, 6, zLic);
    store_run(w->pStore, p);
  }
  if( directory_domain_add(w, w->nTenant-1, zDomain, DOMAIN_TENANT)<0 ) return -1;
  return w->nTenant-1;
}

/* The users row, written from the world by directory_users_save. */
static char zSqlUserSave[2048];

static void directory_sql_init(void){
  size_t k;
  int i;
  if( zSqlUserSave[0] ) return;
  /* Built in the static buffer itself: no allocation that could fail and
  ** leave a partial statement behind. */
  k = (size_t)snprintf(zSqlUserSave, sizeof(zSqlUserSave),
        "INSERT OR REPLACE INTO users(id, tenant, key, object_id, net_id, alt_sec_id,"
        " creation_type, external_user_state, created_at, created_by_job,"
        " origin_id, origin_tenant_id, deleted_at, purged_at");
  for(i=0; i<A_COUNT && k<sizeof(zSqlUserSave); i++){
    k += (size_t)snprintf(zSqlUserSave+k, sizeof(zSqlUserSave)-k, ", %s", attr_info(i)->zColumn);
  }
  if( k<sizeof(zSqlUserSave) ){
    k += (size_t)snprintf(zSqlUserSave+k, sizeof(zSqlUserSave)-k,
                          ") VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14");
  }
  for(i=0; i<A_COUNT && k<sizeof(zSqlUserSave); i++){
    k += (size_t)snprintf(zSqlUserSave+k, sizeof(zSqlUserSave)-k, ",?%d", 15+i);
  }
  if( k<sizeof(zSqlUserSave) ) snprintf(zSqlUserSave+k, sizeof(zSqlUserSave)-k, ")");
}

static void bind_attr(StoreStmt *p, int iCol, int iAttr, const char *z){
  if( z && attr_info(iAttr)->eType==ATTR_BOOL ){
    store_put_int(p, iCol, attr_is_true(z));
  }else{
    store_put_text(p, iCol, z);
  }
}

/* directory_user_add, and for a user a job creates its origin pOrigin
** (the source user) in the same row, so the row is written once. */
static int64_t user_add(World *w, int iTenant, const char *zKey,
                        const char *const *azAttr, const char *zAltSecId,
                        const char *zCreationType, int iCreatedByJob, const User *pOrigin){
  User *u;
  int i, bFail = 0;
  const char *zMail;
  char zNet[17];
  char zOid[TS_GUID_SIZE];
  if( mem_grow_lazy((void**)&w->aUser, w->nUser, &w->nUserAlloc, sizeof(User)) ){
    w->bNoMem = 1;
    return -1;
  }
  if( zCreationType==NULL ){
    Tenant *t = &w->aTenant[iTenant];
    if( mem_grow((void**)&t->aOwnUser, t->nOwnUser, &t->nOwnUserAlloc, sizeof(int64_t)) ){
      w->bNoMem = 1;
      return -1;
    }
    t->aOwnUser[t->nOwnUser++] = w->nUser+1;
  }
  u = &w->aUser[w->nUser];
  memset(u, 0, sizeof(*u));
  u->id = w->nUser+1;
  u->iTenant = iTenant;
  u->tCreated = w->tNow;
  u->tDeleted = -1;
  u->tPurged = -1;
  u->iCreatedByJob = iCreatedByJob;
  u->iLinkJob = -1;
  u->bInvited = zCreationType!=NULL;
  if( iCreatedByJob>=0 && zAltSecId ){
    /* Named by target and source identity, not drawn in run order: a diff
    ** of two runs then sees the same object under the same id. */
    char zName[200];
    int64_t v;
    int k;
    snprintf(zName, sizeof(zName), "user:%s:%s", w->aTenant[iTenant].zTenantId, zAltSecId);
    rng_guid_of(w->seed, zName, zOid);
    /* A second user for the same identity (a user re-created after it
    ** left, or was deleted there) is another object: the n-th gets the
    ** n-th name. */
    for(k=2; idmap_get(&w->objectIds, zOid, &v); k++){
      snprintf(zName, sizeof(zName), "user:%s:%s:%d", w->aTenant[iTenant].zTenantId, zAltSecId, k);
      rng_guid_of(w->seed, zName, zOid);
    }
  }else{
    rng_guid(&w->rngIds, zOid);
  }
  w->nUser++;
  u->zObjectId = pool_or_fail(w, zOid, &bFail);
  u->zKey = pool_or_fail(w, zKey, &bFail);
  for(i=0; i<A_COUNT && !bFail; i++){
    if( strpool_put(&w->strings, azAttr[i], &u->aAttr[i]) ){ w->bNoMem = 1; bFail = 1; }
  }
  if( zAltSecId ){
    u->zAltSecId = pool_or_fail(w, zAltSecId, &bFail);
  }else{
    /* A PUID-like 16-hex-digit home identity. */
    snprintf(zNet, sizeof(zNet), "%016llX",
             (unsigned long long)(rng_next(&w->rngIds) | 0x1000000000000000ULL));
    u->zNetId = pool_or_fail(w, zNet, &bFail);
  }
  if( bFail ){ u->zObjectId = ""; w->bNoMem = 1; return -1; }
  if( zKey && idmap_put(&w->aTenant[iTenant].keys, u->zKey, u->id) ) bFail = 1;
  if( !bFail && idmap_put(&w->objectIds, u->zObjectId, u->id) ) bFail = 1;
  if( !bFail && zAltSecId && idmap_put(&w->aTenant[iTenant].altSec, u->zAltSecId, u->id) ) bFail = 1;
  zMail = world_user_attr(w, u, A_MAIL);
  if( !bFail && zMail
   && idmap_put(zCreationType ? &w->aTenant[iTenant].b2bMail : &w->aTenant[iTenant].internalMail,
               zMail, u->id) ) bFail = 1;
  u->eExternal = zCreationType ? USER_EXT_ACCEPTED : USER_EXT_NONE;
  w->aTenant[iTenant].nObjects++;
  if( bFail ){ w->bNoMem = 1; return -1; }
  if( directory_upn_domain(w, u, world_user_attr(w, u, A_USER_PRINCIPAL_NAME)) ) return -1;

  if( pOrigin ) u->idOrigin = (uint32_t)pOrigin->id;
  dyngroup_touch(w, u->id, -1);
  return u->id;
}

int directory_users_save(World *w){
  int64_t i;
  directory_sql_init();
  for(i=0; i<w->nUser; i++){
    const User *u = &w->aUser[i];
    const User *o = u->idOrigin ? world_user(w, u->idOrigin) : NULL;
    StoreStmt *p = store_write(w->pStore, zSqlUserSave);
    int k;
    if( p==NULL ) return -1;
    store_put_int(p, 1, u->id);
    store_put_int(p, 2, u->iTenant);
    store_put_text(p, 3, u->zKey);
    store_put_text(p, 4, u->zObjectId);
    store_put_text(p, 5, u->zNetId);
    store_put_text(p, 6, u->zAltSecId);
    store_put_text(p, 7, world_user_creation_type(u));
    store_put_text(p, 8, world_user_external_state(u));
    store_put_int(p, 9, u->tCreated);
    store_put_opt_int(p, 10, u->iCreatedByJob, u->iCreatedByJob<0);
    if( o ){
      store_put_text(p, 11, o->zObjectId);
      store_put_text(p, 12, w->aTenant[o->iTenant].zTenantId);
    }
    store_put_opt_int(p, 13, u->tDeleted, u->tDeleted<0);
    store_put_opt_int(p, 14, u->tPurged, u->tPurged<0);
    for(k=0; k<A_COUNT; k++) bind_attr(p, 15+k, k, world_user_attr(w, u, k));
    if( store_run(w->pStore, p) ) return -1;
  }
  return 0;
}

int64_t directory_user_add(World *w, int iTenant, const char *zKey,
                     const char *const *azAttr, const char *zAltSecId,
                     const char *zCreationType, int iCreatedByJob){
  return user_add(w, iTenant, zKey, azAttr, zAltSecId, zCreationType, iCreatedByJob, NULL);
}

int64_t directory_user_add_synced(World *w, int iTenant, const char *const *azAttr,
                                  int iJob, const User *pSource){
  /* pSource may move with the user array: copy what the row needs first. */
  User src = *pSource;
  return user_add(w, iTenant, NULL, azAttr, src.zNetId, "Invitation", iJob, &src);
}

static const char zSqlExtSet[] =
  "INSERT OR REPLACE INTO user_extensions(user_id, name, value) VALUES(?1,?2,?3)";
static const char zSqlExtDel[] =
  "DELETE FROM user_extensions WHERE user_id=?1 AND name=?2";

/* Set extension attribute k of user u (zNew: a string of the pool). */
static int directory_ext_set(World *w, User *u, int k, const char *zNew){
  StoreStmt *p;
  if( k>=u->nExt ){
    const char **azNew = mem_realloc(u->azExt, sizeof(char*)*(size_t)(k+1));
    if( azNew==NULL ){ w->bNoMem = 1; return -1; }
    memset(azNew+u->nExt, 0, sizeof(char*)*(size_t)(k+1-u->nExt));
    u->azExt = azNew;
    u->nExt = k+1;
  }
  u->azExt[k] = zNew;
  p = store_write(w->pStore, zNew ? zSqlExtSet : zSqlExtDel);
  if( p ){
    store_put_int(p, 1, u->id);
    store_put_text(p, 2, w->azExtName[k]);
    if( zNew ) store_put_text(p, 3, zNew);
    store_run(w->pStore, p);
  }
  return 0;
}

int directory_user_set(World *w, int64_t id, int iAttr, const char *zValue){
  User *u = world_user(w, id);
  const char *zNew;
  StrRef rNew;
  if( strpool_put(&w->strings, zValue, &rNew) ){ w->bNoMem = 1; return -1; }
  zNew = strpool_str(&w->strings, rNew);
  dyngroup_touch(w, id, iAttr);
  if( iAttr>=A_COUNT ) return directory_ext_set(w, u, iAttr-A_COUNT, zNew);
  if( iAttr==A_MAIL ){
    /* The map reads u's mail: out under the old value, in under the new. */
    Tenant *t = &w->aTenant[u->iTenant];
    IdMap *m = u->bInvited ? &t->b2bMail : &t->internalMail;
    int64_t v;
    const char *zOld = world_user_attr(w, u, A_MAIL);
    if( zOld && idmap_get(m, zOld, &v) && v==id ) idmap_del(m, zOld);
    u->aAttr[A_MAIL] = rNew;
    if( zNew && idmap_put(m, zNew, id) ){ w->bNoMem = 1; return -1; }
  }
  if( iAttr==A_USER_PRINCIPAL_NAME && directory_upn_domain(w, u, zNew) ) return -1;
  u->aAttr[iAttr] = rNew;
  return 0;
}

int directory_user_redeem(World *w, int64_t id, const char *zAltSecId){
  User *u = world_user(w, id);
  const char *zNew = strpool_add(&w->strings, zAltSecId);
  IdMap *m = &w->aTenant[u->iTenant].altSec;
  int64_t v;
  if( zNew==NULL ){ w->bNoMem = 1; return -1; }
  /* The map reads u's home identity: out under the old one, in under the
  ** new (a pending user has none). */
  if( u->zAltSecId && idmap_get(m, u->zAltSecId, &v) && v==id ) idmap_del(m, u->zAltSecId);
  u->zAltSecId = zNew;
  u->eExternal = USER_EXT_ACCEPTED;
  if( idmap_put(m, zNew, id) ){ w->bNoMem = 1; return -1; }
  return 0;
}

void directory_user_pending(World *w, int64_t id){
  User *u = world_user(w, id);
  u->eExternal = USER_EXT_PENDING;
}

void directory_user_soft_delete(World *w, int64_t id){
  User *u = world_user(w, id);
  u->tDeleted = w->tNow;
  dyngroup_touch(w, id, -1);
  if( mem_grow((void**)&w->aPurge, w->nPurge, &w->nPurgeAlloc, sizeof(PurgeEntry))==0 ){
    PurgeEntry *e = &w->aPurge[w->nPurge++];
    e->id = id;
    e->tDeleted = w->tNow;
    e->tDue = w->tNow + w->params.softDeleteRetention;
    /* Deletions come in time order and the retention is fixed: sorted. */
    ts_assert( w->nPurge<2 || e[-1].tDue<=e->tDue );
  }else{
    w->bNoMem = 1;
  }
}

void directory_user_restore(World *w, int64_t id){
  User *u = world_user(w, id);
  u->tDeleted = -1;
  dyngroup_touch(w, id, -1);
}

void directory_user_purge(World *w, int64_t id){
  User *u = world_user(w, id);
  u->tPurged = w->tNow;
  w->aTenant[u->iTenant].nObjects--;
  if( world_user_attr(w, u, A_MAIL) ){
    int64_t v;
    Tenant *t = &w->aTenant[u->iTenant];
    IdMap *m = u->bInvited ? &t->b2bMail : &t->internalMail;
    if( idmap_get(m, world_user_attr(w, u, A_MAIL), &v) && v==id ) idmap_del(m, world_user_attr(w, u, A_MAIL));
  }
  if( u->zAltSecId ){
    int64_t v;
    Tenant *t = &w->aTenant[u->iTenant];
    if( idmap_get(&t->altSec, u->zAltSecId, &v) && v==id ) idmap_del(&t->altSec, u->zAltSecId);
  }
}

static const char zSqlGroup[] =
  "INSERT INTO groups(idx, tenant, key, object_id, display_name, group_type,"
  " security_enabled) VALUES(?1,?2,?3,?4,?5,?6,?7)";
static const char zSqlGroupDeleted[] = "UPDATE groups SET deleted_at=?2 WHERE idx=?1";
static const char zSqlGroupPurged[] = "UPDATE groups SET purged_at=?2 WHERE idx=?1";
static const char zSqlGroupOrigin[] =
  "UPDATE groups SET origin_id=?2, origin_tenant_id=?3 WHERE idx=?1";

/* Set a time column of group iG (zSql: ?1 the index, ?2 the time) to t,
** or to NULL when bNull. */
static void group_set_time(World *w, const char *zSql, int iG, SimTime t, int bNull){
  StoreStmt *p = store_write(w->pStore, zSql);
  if( p==NULL ) return;
  store_put_int(p, 1, iG);
  store_put_opt_int(p, 2, t, bNull);
  store_run(w->pStore, p);
}

void directory_user_set_origin(World *w, int64_t id, const User *pSource){
  world_user(w, id)->idOrigin = (uint32_t)pSource->id;
}

void directory_group_set_origin(World *w, int iG, const char *zOriginId,
                                const char *zOriginTenantId){
  StoreStmt *p = store_write(w->pStore, zSqlGroupOrigin);
  if( p==NULL ) return;
  store_put_int(p, 1, iG);
  store_put_text(p, 2, zOriginId);
  store_put_text(p, 3, zOriginTenantId);
  store_run(w->pStore, p);
}

void directory_group_delete(World *w, int iG, int bSoft){
  Group *g = &w->aGroup[iG];
  g->tDeleted = w->tNow;
  group_set_time(w, zSqlGroupDeleted, iG, w->tNow, 0);
  if( !bSoft ){
    g->tPurged = w->tNow;
    group_set_time(w, zSqlGroupPurged, iG, w->tNow, 0);
  }else if( mem_grow((void**)&w->aPurge, w->nPurge, &w->nPurgeAlloc, sizeof(PurgeEntry))==0 ){
    PurgeEntry *e = &w->aPurge[w->nPurge++];
    e->id = -(int64_t)iG - 1;
    e->tDeleted = w->tNow;
    e->tDue = w->tNow + w->params.softDeleteRetention;
    ts_assert( w->nPurge<2 || e[-1].tDue<=e->tDue );
  }else{
    w->bNoMem = 1;
  }
}

void directory_group_restore(World *w, int iG){
  Group *g = &w->aGroup[iG];
  ts_assert( g->tDeleted>=0 && g->tPurged<0 );
  g->tDeleted = -1;
  group_set_time(w, zSqlGroupDeleted, iG, 0, 1);
}

int directory_group_add(World *w, int iTenant, const char *zKey,
                  const char *zDisplayName, const char *zType){
  return directory_group_add_from(w, iTenant, zKey, zDisplayName, zType, NULL);
}

int directory_group_add_from(World *w, int iTenant, const char *zKey,
                       const char *zDisplayName, const char *zType, const char *zSourceId){
  Group *g;
  int bFail = 0;
  StoreStmt *p;
  if( mem_grow_int((void**)&w->aGroup, w->nGroup, &w->nGroupAlloc, sizeof(Group)) ){
    w->bNoMem = 1;
    return -1;
  }
  g = &w->aGroup[w->nGroup++];
  memset(g, 0, sizeof(*g));
  g->iTenant = iTenant;
  g->zKey = dup_or_fail(w, zKey, &bFail);
  g->zDisplayName = dup_or_fail(w, zDisplayName ? zDisplayName : zKey, &bFail);
  g->zType = dup_or_fail(w, zType ? zType : "Security", &bFail);
  g->iCreatedByJob = -1;
  g->tDeleted = -1;
  g->tPurged = -1;
  if( zSourceId ){
    char zName[200];
    snprintf(zName, sizeof(zName), "group:%s:%s", w->aTenant[iTenant].zTenantId, zSourceId);
    rng_guid_of(w->seed, zName, g->zObjectId);
  }else{
    rng_guid(&w->rngIds, g->zObjectId);
  }
  if( bFail ) return -1;
  p = store_write(w->pStore, zSqlGroup);
  if( p ){
    store_put_int(p, 1, w->nGroup-1);
    store_put_int(p, 2, iTenant);
    store_put_text(p, 3, g->zKey);
    store_put_text(p, 4, g->zObjectId);
    store_put_text(p, 5, g->zDisplayName);
    store_put_text(p, 6, g->zType);
    store_put_int(p, 7, 1);
    store_run(w->pStore, p);
  }
  return w->nGroup-1;
}

int directory_is_member(const User *u, int iGroup){
  int i;
  for(i=0; i<u->nGroup; i++) if( u->aGroup[i]==iGroup ) return 1;
  return 0;
}

/* The memberships over the run (group_members is the view of those that
** have not ended). A membership removed and added again at one instant
** leaves no interval. */
static const char zSqlHistoryAdd[] =
  "INSERT OR REPLACE INTO group_member_history(group_idx, user_id, added_at) VALUES(?1, ?2, ?3)";
static const char zSqlHistoryDel[] =
  "UPDATE group_member_history SET removed_at=?3"
  " WHERE group_idx=?1 AND user_id=?2 AND removed_at IS NULL";

/* Run zSql on (iGroup, idUser: a user id, or a member group's index), and
** the instant when bAt. */
static void member_row(World *w, const char *zSql, int iGroup, int64_t idUser, int bAt){
  StoreStmt *p = store_write(w->pStore, zSql);
  if( p==NULL ) return;
  store_put_int(p, 1, iGroup);
  store_put_int(p, 2, idUser);
  if( bAt ) store_put_int(p, 3, w->tNow);
  store_run(w->pStore, p);
}

int directory_member_add(World *w, int iGroup, int64_t idUser){
  User *u = world_user(w, idUser);
  if( directory_is_member(u, iGroup) ) return 0;
  if( u->nGroup==u->nGroupAlloc ){
    /* Most users are in a group or two: start at 2, not mem_grow's 16. */
    int nNew = u->nGroupAlloc ? u->nGroupAlloc*2 : 2;
    int *aNew = mem_realloc(u->aGroup, sizeof(int)*(size_t)nNew);
    if( aNew==NULL ){ w->bNoMem = 1; return -1; }
    u->aGroup = aNew;
    u->nGroupAlloc = nNew;
  }
  u->aGroup[u->nGroup++] = iGroup;
  member_row(w, zSqlHistoryAdd, iGroup, idUser, 1);
  return 1;
}

int directory_member_remove(World *w, int iGroup, int64_t idUser){
  User *u = world_user(w, idUser);
  int i;
  for(i=0; i<u->nGroup; i++){
    if( u->aGroup[i]==iGroup ) break;
  }
  if( i==u->nGroup ) return 0;
  u->aGroup[i] = u->aGroup[--u->nGroup];
  member_row(w, zSqlHistoryDel, iGroup, idUser, 1);
  return 1;
}

int directory_is_group_member(const World *w, int iGroup, int iMember){
  const Group *g = &w->aGroup[iGroup];
  int i;
  for(i=0; i<g->nMemberGroup; i++) if( g->aMemberGroup[i]==iMember ) return 1;
  return 0;
}

static const char zSqlGroupMemberAdd[] =
  "INSERT INTO group_group_members(group_idx, member_group_idx) VALUES(?1, ?2)";
static const char zSqlGroupMemberDel[] =
  "DELETE FROM group_group_members WHERE group_idx=?1 AND member_group_idx=?2";

int directory_group_member_add(World *w, int iGroup, int iMember){
  Group *g = &w->aGroup[iGroup];
  ts_assert( iGroup!=iMember && g->iTenant==w->aGroup[iMember].iTenant );
  if( directory_is_group_member(w, iGroup, iMember) ) return 0;
  if( mem_grow_int((void**)&g->aMemberGroup, g->nMemberGroup, &g->nMemberGroupAlloc, sizeof(int)) ){
    w->bNoMem = 1;
    return -1;
  }
  g->aMemberGroup[g->nMemberGroup++] = iMember;
  member_row(w, zSqlGroupMemberAdd, iGroup, iMember, 0);
  return 1;
}

int directory_group_member_remove(World *w, int iGroup, int iMember){
  Group *g = &w->aGroup[iGroup];
  int i;
  for(i=0; i<g->nMemberGroup && g->aMemberGroup[i]!=iMember; i++){}
  if( i==g->nMemberGroup ) return 0;
  /* keep the declared order: reports list member groups as given */
  memmove(g->aMemberGroup+i, g->aMemberGroup+i+1, sizeof(int)*(size_t)(g->nMemberGroup-i-1));
  g->nMemberGroup--;
  member_row(w, zSqlGroupMemberDel, iGroup, iMember, 0);
  return 1;
}

void directory_external_upn(const char *zUpn, const char *zTargetDomain, char *z, size_t n){
  size_t i = 0;
  for(; zUpn && *zUpn && i+1<n; zUpn++) z[i++] = (*zUpn=='@') ? '_' : *zUpn;
  z[i] = 0;
  snprintf(z+i, n-i, "#EXT#@%s", zTargetDomain);
}

/* A group's entry of the purge queue (id -(index+1)): hard-delete the
** group unless a restore voided the deletion. Returns 1 if purged. */
static int group_purge_due(World *w, const PurgeEntry *e){
  int iG = (int)(-e->id - 1);
  Group *g = &w->aGroup[iG];
  if( g->tDeleted!=e->tDeleted || g->tPurged>=0 ) return 0;
  group_set_time(w, zSqlGroupPurged, iG, w->tNow, 0);
  g->tPurged = w->tNow;
  audit_write(w, g->iTenant, "GroupManagement", "Hard Delete group", "Microsoft Entra ID",
              "Group", g->zObjectId, g->zDisplayName, "soft-delete retention ended");
  return 1;
}

SimTime directory_next_purge(const World *w){
  return w->iPurgeHead<w->nPurge ? w->aPurge[w->iPurgeHead].tDue : -1;
}

int64_t directory_purge_due(World *w){
  int64_t n = 0;
  while( w->iPurgeHead<w->nPurge && w->aPurge[w->iPurgeHead].tDue<=w->tNow ){
    PurgeEntry *e = &w->aPurge[w->iPurgeHead++];
    User *u;
    ts_assert( w->iPurgeHead<=w->nPurge );
    if( e->id<0 ){
      n += group_purge_due(w, e);
      continue;
    }
    u = world_user(w, e->id);
    if( u->tDeleted==e->tDeleted && u->tPurged<0 ){
      directory_user_purge(w, e->id);
      audit_write(w, u->iTenant, "UserManagement", "Hard Delete user",
                  "Microsoft Entra ID", "User", u->zObjectId,
                  world_user_attr(w, u, A_USER_PRINCIPAL_NAME), "soft-delete retention ended");
      n++;
    }
  }
  return n;
}
