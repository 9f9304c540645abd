/*
** pseudonym_users.c — the explicit users (tenants' users and hired
** users): registration with the checks of the members the pass reads
** (step 1), each user's person and the seen maps (step 2), and the rewrite
** of the users and the tenant ids (step 4).
**
** It touches the context's users, prefixes, persons and seen maps, and
** the user and tenant objects of the working copy.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "authz.h"
#include "pseudonymInt.h"

/* ---------------------------------------------------------------------
** Step 1: users and population prefixes (pseudonym.c finds them).
*/
int pseudonym_users_prefix_add(Pseudo *p, const char *zTenant, cJSON *pPop){
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pPop, "keyPrefix"));
  void *a = p->aPrefix;
  int rc;
  if( z==NULL || zTenant==NULL ) return TS_OK;
  rc = pseudonym_ctx_grow(p, &a, &p->nPrefixAlloc, p->nPrefix, sizeof(PseudoPrefix));
  p->aPrefix = a;
  if( rc ) return rc;
  p->aPrefix[p->nPrefix].zTenant = zTenant;
  p->aPrefix[p->nPrefix++].zPrefix = z;
  return TS_OK;
}

/* Register explicit user pUser of tenant zTenant, checking the members
** the pass reads or rewrites. */
static int user_add(Pseudo *p, cJSON *pUser, const char *zTenant, const char *zDomain,
                         const char *zPath){
  PseudoUser *u;
  const char *zKey, *z;
  StrBuf b;
  void *a = p->aUser;
  int rc, i;
  if( (rc = pseudonym_ctx_obj(p, pUser, zPath))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, pUser, "key", 0, zPath, &zKey))!=TS_OK ) return rc;
  if( zKey==NULL ) return tserr_set(p->pErr, TS_ERR, "%s.key: missing", zPath);
  for(i=0; i<K_COUNT; i++){
    if( (rc = pseudonym_ctx_str(p, pUser, pseudonym_ctx_kind_name(i), 1, zPath, &z))!=TS_OK ) return rc;
  }
  if( (rc = pseudonym_ctx_str(p, pUser, "homeUser", 0, zPath, &z))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, pUser, "manager", 1, zPath, &z))!=TS_OK ) return rc;
  rc = pseudonym_ctx_grow(p, &a, &p->nUserAlloc, p->nUser, sizeof(PseudoUser));
  p->aUser = a;
  if( rc ) return rc;
  strbuf_init(&b);
  pseudonym_ctx_tenant_key(&b, zTenant, zKey);
  if( b.bErr ){ rc = pseudonym_ctx_nomem(p); goto free_buf; }
  if( hmap_get(&p->userIdx, strbuf_str(&b), NULL) ){
    rc = tserr_set(p->pErr, TS_ERR, "%s.key: user key \"%s\" is used twice in tenant %s",
                   zPath, zKey, zTenant);
    goto free_buf;
  }
  u = &p->aUser[p->nUser];
  memset(u, 0, sizeof(*u));
  u->pUser = pUser;
  u->zTenant = zTenant;
  u->zDomain = zDomain;
  u->iPerson = -1;
  if( (u->zKey = mem_strdup(zKey))==NULL ){ rc = pseudonym_ctx_nomem(p); goto free_buf; }
  if( hmap_put(&p->userIdx, strbuf_str(&b), p->nUser) ){
    mem_free(u->zKey);
    rc = pseudonym_ctx_nomem(p);
    goto free_buf;
  }
  p->nUser++;
free_buf:
  strbuf_free(&b);
  return rc;
}

/* The users of array pUsers (NULL: none) of tenant zTenant. */
int pseudonym_users_list(Pseudo *p, cJSON *pUsers, const char *zTenant, const char *zPath){
  cJSON *t = pseudonym_ctx_tenant(p, zTenant), *c;
  const char *zDomain = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "domain"));
  char zSub[300];
  int rc = TS_OK, i = 0;
  cJSON_ArrayForEach(c, pUsers){
    snprintf(zSub, sizeof(zSub), "%s[%d]", zPath, i++);
    if( (rc = user_add(p, c, zTenant, zDomain, zSub))!=TS_OK ) break;
  }
  return rc;
}

/* ---------------------------------------------------------------------
** Step 2: persons and the seen maps.
*/
/* Append user iUser's identity (pseudonym.h); B2B users follow homeUser,
** at most a few hops (a home may itself be a B2B user elsewhere). */
static int identity(Pseudo *p, int iUser, int nHop, StrBuf *pOut){
  cJSON *pUser = p->aUser[iUser].pUser;
  const char *zHome = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "homeUser"));
  const char *zUpn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "userPrincipalName"));
  const char *zMail = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "mail"));
  const char *zColon = zHome ? strchr(zHome, ':') : NULL;
  size_t n0 = pOut->n;
  if( zColon && nHop<8 ){
    StrBuf t;
    int rc, iHome = -1;
    strbuf_init(&t);
    strbuf_appendn(&t, zHome, (size_t)(zColon - zHome));
    rc = t.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_user_find(p, strbuf_str(&t), zColon+1, &iHome);
    strbuf_free(&t);
    if( rc ) return rc;
    if( iHome>=0 ) return identity(p, iHome, nHop+1, pOut);
  }
  if( zUpn && zUpn[0] ){
    pseudonym_names_addr_identity(zUpn, pOut);
  }else if( cJSON_GetObjectItemCaseSensitive(pUser, "invitation") && zMail && zMail[0] ){
    pseudonym_names_addr_identity(zMail, pOut);
  }else{
    strbuf_append(pOut, p->aUser[iUser].zKey);
    if( p->aUser[iUser].zDomain ){
      strbuf_appendc(pOut, '@');
      strbuf_append(pOut, p->aUser[iUser].zDomain);
    }
    if( !pOut->bErr ) pseudonym_ctx_lower(pOut->z + n0);
  }
  return pOut->bErr ? pseudonym_ctx_nomem(p) : TS_OK;
}

/* Remember that user iUser held value z of kind eKind; of several users,
** the one with the smallest identity wins, whatever their order. */
static int seen(Pseudo *p, int eKind, const char *z, int iUser){
  StrBuf key;
  int64_t v;
  int rc = TS_OK;
  if( pseudonym_names_keep(eKind, z) ) return TS_OK;
  strbuf_init(&key);
  if( eKind==K_UPN || eKind==K_MAIL ) pseudonym_names_addr_identity(z, &key);
  else strbuf_append(&key, z);
  if( key.bErr ){ rc = pseudonym_ctx_nomem(p); goto free_key; }
  if( hmap_get(&p->aSeen[eKind], strbuf_str(&key), &v)
   && strcmp(p->aPerson[p->aUser[v].iPerson].zId, p->aPerson[p->aUser[iUser].iPerson].zId)<=0 ){
    goto free_key;
  }
  if( hmap_put(&p->aSeen[eKind], strbuf_str(&key), iUser) ) rc = pseudonym_ctx_nomem(p);
free_key:
  strbuf_free(&key);
  return rc;
}

int pseudonym_users_identify(Pseudo *p){
  StrBuf id;
  int rc = TS_OK, i, k;
  strbuf_init(&id);
  for(i=0; i<p->nUser && rc==TS_OK; i++){
    strbuf_reset(&id);
    if( (rc = identity(p, i, 0, &id))!=TS_OK ) break;
    rc = pseudonym_names_person_add(p, strbuf_str(&id), &p->aUser[i].iPerson);
  }
  for(i=0; i<p->nUser && rc==TS_OK; i++){
    for(k=0; k<K_COUNT && rc==TS_OK; k++){
      const char *z = cJSON_GetStringValue(
          cJSON_GetObjectItemCaseSensitive(p->aUser[i].pUser, pseudonym_ctx_kind_name(k)));
      if( z==NULL ) continue;
      rc = k==K_EMPID ? (pseudonym_names_keep(k, z) ? TS_OK : pseudonym_names_emp_add(p, z)) : seen(p, k, z, i);
    }
  }
  strbuf_free(&id);
  return rc;
}

/* ---------------------------------------------------------------------
** Step 4: rewriting users and tenant ids.
*/
/* Contact details of a person: telephoneNumber keeps its format with every
** digit drawn anew; streetAddress becomes "<1-199> <Surname> Street". Both
** are functions of the seed and the original value. */
static int contact(Pseudo *p, cJSON *pUser){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pUser, "telephoneNumber");
  StrBuf out;
  Rng r;
  int rc = TS_OK;
  strbuf_init(&out);
  if( cJSON_IsString(c) && c->valuestring[0] ){
    const char *z;
    if( (rc = pseudonym_ctx_stream(p, &r, "phone", c->valuestring, strlen(c->valuestring)))!=TS_OK ) goto free_out;
    for(z=c->valuestring; *z; z++){
      strbuf_appendc(&out, *z>='0' && *z<='9' ? (char)('0' + rng_below(&r, 10)) : *z);
    }
    if( (rc = out.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_set(p, c, strbuf_str(&out)))!=TS_OK ) goto free_out;
  }
  c = cJSON_GetObjectItemCaseSensitive(pUser, "streetAddress");
  if( cJSON_IsString(c) && c->valuestring[0] ){
    if( (rc = pseudonym_ctx_stream(p, &r, "street", c->valuestring, strlen(c->valuestring)))!=TS_OK ) goto free_out;
    strbuf_reset(&out);
    pseudonym_names_street(p, &r, &out);
    rc = out.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_set(p, c, strbuf_str(&out));
  }
free_out:
  strbuf_free(&out);
  return rc;
}

int pseudonym_users_apply(Pseudo *p, int iUser){
  PseudoUser *u = &p->aUser[iUser];
  PseudoName name;
  StrBuf out;
  cJSON *c;
  char zPath[128];
  int rc = TS_OK, k;
  pseudonym_names_of(p, u->iPerson, &name);
  strbuf_init(&out);
  for(k=0; k<K_COUNT && rc==TS_OK; k++){
    c = cJSON_GetObjectItemCaseSensitive(u->pUser, pseudonym_ctx_kind_name(k));
    if( !cJSON_IsString(c) ) continue;
    strbuf_reset(&out);
    if( pseudonym_names_keep(k, c->valuestring) ) continue;
    if( k==K_EMPID ){
      int64_t v;
      if( !hmap_get(&p->empIdx, c->valuestring, &v) ) continue;
      strbuf_append(&out, p->azNewEmp[v]);
    }else{
      pseudonym_names_format(k, c->valuestring, &name, &out);
    }
    rc = out.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_set(p, c, strbuf_str(&out));
  }
  if( rc==TS_OK ) rc = contact(p, u->pUser);
  if( rc==TS_OK ){
    rc = pseudonym_ctx_set(p, cJSON_GetObjectItemCaseSensitive(u->pUser, "key"), p->azNewKey[iUser]);
  }
  c = cJSON_GetObjectItemCaseSensitive(u->pUser, "homeUser");
  if( rc==TS_OK && cJSON_IsString(c) && strchr(c->valuestring, ':') ){
    const char *zColon = strchr(c->valuestring, ':');
    int iHome = -1;
    strbuf_reset(&out);
    strbuf_appendn(&out, c->valuestring, (size_t)(zColon - c->valuestring));
    rc = out.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_user_find(p, strbuf_str(&out), zColon+1, &iHome);
    if( rc==TS_OK && iHome>=0 ){
      strbuf_appendc(&out, ':');
      strbuf_append(&out, p->azNewKey[iHome]);
      rc = out.bErr ? pseudonym_ctx_nomem(p) : pseudonym_ctx_set(p, c, strbuf_str(&out));
    }
  }
  if( rc==TS_OK ){
    snprintf(zPath, sizeof(zPath), "%s user %s manager", u->zTenant, u->zKey);
    rc = pseudonym_refs_key(p, u->zTenant, cJSON_GetObjectItemCaseSensitive(u->pUser, "manager"), zPath);
  }
  strbuf_free(&out);
  return rc;
}

/* Tenant id item c (a string; anything else is kept): the GUID of the
** seed and the lower-cased original. */
static int tenant_id(Pseudo *p, cJSON *c){
  StrBuf b;
  char zGuid[TS_GUID_SIZE];
  if( !cJSON_IsString(c) ) return TS_OK;
  strbuf_init(&b);
  strbuf_append(&b, "tenantId:");
  strbuf_append(&b, c->valuestring);
  if( b.bErr ){ strbuf_free(&b); return pseudonym_ctx_nomem(p); }
  pseudonym_ctx_lower(b.z);
  rng_guid_of(p->seed, strbuf_str(&b), zGuid);
  strbuf_free(&b);
  return pseudonym_ctx_set(p, c, zGuid);
}

/* tenants[].tenantId, and the tenant ids Conditional Access policies
** enumerate (externalTenants.members), so that an id naming a tenant of
** the scenario still names it. Keys there are kept. */
int pseudonym_users_tenant_ids(Pseudo *p){
  static const char *const azSide[] = { "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers" };
  cJSON *t, *pol, *m;
  int rc, k;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(p->pRoot, "tenants")){
    if( (rc = tenant_id(p, cJSON_GetObjectItemCaseSensitive(t, "tenantId")))!=TS_OK ) return rc;
    cJSON_ArrayForEach(pol, cJSON_GetObjectItemCaseSensitive(t, "conditionalAccessPolicies")){
      cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(
                        cJSON_GetObjectItemCaseSensitive(pol, "conditions"), "users");
      for(k=0; k<2; k++){
        cJSON *pExt = cJSON_GetObjectItemCaseSensitive(
                        cJSON_GetObjectItemCaseSensitive(pUsers, azSide[k]), "externalTenants");
        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(pExt, "members")){
          if( !authz_is_guid(cJSON_GetStringValue(m)) ) continue;
          if( (rc = tenant_id(p, m))!=TS_OK ) return rc;
        }
      }
    }
  }
  return TS_OK;
}
