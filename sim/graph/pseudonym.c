/*
** pseudonym.c — seeded pseudonyms for a scenario's personal data (see
** pseudonym.h for what is replaced, what is kept and why).
**
** The pass runs on a copy of the document, in four steps, so that nothing
** depends on the order in which the scenario lists things:
**
**   1. collect  every explicit user (tenants' users and hired users) into
**               aUser, indexed by "tenant<US>key"; every population key
**               prefix; and, walking every reference (filters, "where",
**               "set", expect), every original a pseudonym will be needed
**               for. Malformed input is refused here, before anything is
**               rewritten.
**   2. identify each user's person (pseudonym.h) and draw its names; a
**               person is a pure function of (seed, identity, the words
**               of all original names: a drawn name that is an original
**               one is drawn again). The seen
**               maps remember, per attribute kind, which user held each
**               original value (the user with the smallest identity when
**               several did), so that a filter value can follow the user.
**   3. resolve  identifiers that must be unique — local parts (global),
**               keys (per tenant), employee ids (global) — by visiting the
**               originals in sorted order: each takes its first candidate
**               not yet taken, so the smallest original keeps the plain
**               form and the result depends only on the set of originals.
**   4. apply    rewrite users, tenant ids and references, then swap the
**               copy's members into the caller's root.
**
** Every hash is a stream of engine/base/rng.c: rng_stream(seed, "purpose:value").
** The purpose prefix keeps the draws for a person, a key suffix, an
** employee id and a tenant id independent even for equal text.
**
** The steps live in the files pseudonymInt.h lists; this file holds the
** API, the order of the steps and the walk over the document that finds
** the users (step 1) and the references (steps 1 and 4).
**
** Memory: everything the pass allocates is owned by the Pseudo context and
** released by context_free(); strings of the document are read through
** pointers only until they are rewritten (the user's original key is
** copied because resolution outlives the rewrite of "key").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "pseudonym.h"
#include "pseudonymInt.h"

/* ---------------------------------------------------------------------
** Walking the references: filters, attribute objects, key lists. The same
** walk collects (step 1) and rewrites (step 4).
*/
/* Scoping filter groups pFilters (an array, or NULL). */
static int walk_filters(Pseudo *p, cJSON *pFilters, const char *zPath){
  cJSON *g, *c, *pClauses;
  char zG[256], zC[320];
  int rc = TS_OK, i = 0, k;
  if( pFilters==NULL ) return TS_OK;
  if( !cJSON_IsArray(pFilters) ) return tserr_set(p->pErr, TS_ERR, "%s: expected an array", zPath);
  cJSON_ArrayForEach(g, pFilters){
    snprintf(zG, sizeof(zG), "%s[%d]", zPath, i++);
    if( (rc = pseudonym_ctx_obj(p, g, zG))!=TS_OK ) return rc;
    if( (rc = pseudonym_ctx_arr(p, g, "clauses", zG, &pClauses))!=TS_OK ) return rc;
    k = 0;
    cJSON_ArrayForEach(c, pClauses){
      const char *zAttr, *zOp;
      snprintf(zC, sizeof(zC), "%s.clauses[%d]", zG, k++);
      if( (rc = pseudonym_ctx_obj(p, c, zC))!=TS_OK ) return rc;
      if( (rc = pseudonym_ctx_str(p, c, "attribute", 0, zC, &zAttr))!=TS_OK ) return rc;
      if( (rc = pseudonym_ctx_str(p, c, "operator", 0, zC, &zOp))!=TS_OK ) return rc;
      if( pseudonym_ctx_kind(zAttr)<0 ) continue;
      /* A pattern cannot be rewritten reliably: kept (pseudonym.h). */
      if( zOp && strstr(zOp, "REGEX") ) continue;
      strncat(zC, ".value", sizeof(zC) - strlen(zC) - 1);
      rc = pseudonym_refs_item(p, pseudonym_ctx_kind(zAttr), cJSON_GetObjectItemCaseSensitive(c, "value"),
                      zOp && (strcmp(zOp, "&")==0 || strcmp(zOp, "!&")==0), zC);
      if( rc ) return rc;
    }
  }
  return rc;
}

/* An object of attribute -> value ("set", "where"); a "manager" in it is a
** key of zManagerTenant. */
static int walk_attrs(Pseudo *p, cJSON *pObj, const char *zManagerTenant, const char *zPath){
  cJSON *c;
  char zSub[320];
  int rc = TS_OK;
  if( pObj==NULL ) return TS_OK;
  if( (rc = pseudonym_ctx_obj(p, pObj, zPath))!=TS_OK ) return rc;
  for(c=pObj->child; c && rc==TS_OK; c=c->next){
    snprintf(zSub, sizeof(zSub), "%s.%s", zPath, c->string);
    if( pseudonym_ctx_kind(c->string)>=0 ) rc = pseudonym_refs_item(p, pseudonym_ctx_kind(c->string), c, 0, zSub);
    else if( strcmp(c->string, "manager")==0 ) rc = pseudonym_refs_key(p, zManagerTenant, c, zSub);
  }
  return rc;
}

/* A list of user keys of zTenant ("users" of a timeline action); the
** user objects of a hire are users, handled with the tenants' users. */
static int walk_key_list(Pseudo *p, const char *zTenant, cJSON *pList, const char *zPath){
  cJSON *c;
  char zSub[320];
  int rc = TS_OK, i = 0;
  cJSON_ArrayForEach(c, pList){
    snprintf(zSub, sizeof(zSub), "%s[%d]", zPath, i++);
    if( cJSON_IsObject(c) ) continue;
    if( (rc = pseudonym_refs_key(p, zTenant, c, zSub))!=TS_OK ) break;
  }
  return rc;
}

/* The notification recipients of a job or a set_secrets (mails). */
static int walk_notify(Pseudo *p, cJSON *pObj, const char *zPath){
  cJSON *pN = cJSON_GetObjectItemCaseSensitive(pObj, "notifications");
  char zSub[320];
  if( !cJSON_IsObject(pN) ) return TS_OK;
  snprintf(zSub, sizeof(zSub), "%s.notifications.recipients", zPath);
  return pseudonym_refs_item(p, K_MAIL, cJSON_GetObjectItemCaseSensitive(pN, "recipients"),
                             PSEUDO_LIST_MAIL, zSub);
}

/* One timeline entry. Its users belong to "tenant", else to the job's
** source; a target_update's "set" edits target users. */
static int walk_action(Pseudo *p, cJSON *a, const char *zPath){
  const char *zAction, *zTenant, *zJob, *zSrc, *zTgt;
  cJSON *pList, *pSample;
  char zSub[300];
  int rc;
  if( (rc = pseudonym_ctx_obj(p, a, zPath))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, a, "action", 0, zPath, &zAction))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, a, "tenant", 0, zPath, &zTenant))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, a, "job", 0, zPath, &zJob))!=TS_OK ) return rc;
  pseudonym_ctx_job(p, zJob, &zSrc, &zTgt);
  if( zTenant==NULL ) zTenant = zSrc;
  if( (rc = pseudonym_ctx_arr(p, a, "users", zPath, &pList))!=TS_OK ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.users", zPath);
  if( (rc = walk_key_list(p, zTenant, pList, zSub))!=TS_OK ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.user", zPath);
  rc = pseudonym_refs_key(p, zTenant, cJSON_GetObjectItemCaseSensitive(a, "user"), zSub);
  if( rc ) return rc;
  pSample = cJSON_GetObjectItemCaseSensitive(a, "sample");
  if( cJSON_IsObject(pSample) ){
    snprintf(zSub, sizeof(zSub), "%s.sample.where", zPath);
    rc = walk_attrs(p, cJSON_GetObjectItemCaseSensitive(pSample, "where"), zTenant, zSub);
    if( rc ) return rc;
  }
  snprintf(zSub, sizeof(zSub), "%s.set", zPath);
  rc = walk_attrs(p, cJSON_GetObjectItemCaseSensitive(a, "set"),
                   zAction && strcmp(zAction, "target_update")==0 ? zTgt : zTenant, zSub);
  if( rc ) return rc;
  if( (rc = walk_notify(p, a, zPath))!=TS_OK ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.scopingFilters", zPath);
  return walk_filters(p, cJSON_GetObjectItemCaseSensitive(a, "scopingFilters"), zSub);
}

/* One instant expectation (metric strings name no user). */
static int walk_expect(Pseudo *p, cJSON *e, const char *zPath){
  const char *zJob, *zSrc, *zTgt, *zAttr;
  char zSub[300];
  int rc;
  if( !cJSON_IsObject(e) ) return TS_OK;
  if( (rc = pseudonym_ctx_str(p, e, "job", 0, zPath, &zJob))!=TS_OK ) return rc;
  if( (rc = pseudonym_ctx_str(p, e, "attribute", 0, zPath, &zAttr))!=TS_OK ) return rc;
  pseudonym_ctx_job(p, zJob, &zSrc, &zTgt);
  snprintf(zSub, sizeof(zSub), "%s.user", zPath);
  if( (rc = pseudonym_refs_key(p, zSrc, cJSON_GetObjectItemCaseSensitive(e, "user"), zSub))!=TS_OK ){
    return rc;
  }
  if( pseudonym_ctx_kind(zAttr)<0 ) return TS_OK;
  snprintf(zSub, sizeof(zSub), "%s.equals", zPath);
  return pseudonym_refs_item(p, pseudonym_ctx_kind(zAttr), cJSON_GetObjectItemCaseSensitive(e, "equals"), 0, zSub);
}

/* The user keys a tenant's authorization objects name: role assignments'
** principals (not a group's) and Conditional Access users; and its groups'
** owners. */
static int walk_authz(Pseudo *p, cJSON *t, const char *zPath){
  static const char *const azList[] = { "includeUsers", "excludeUsers" };
  const char *zTenant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "key"));
  cJSON *c, *pUsers;
  char zSub[320];
  int rc = TS_OK, i = 0, k;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t, "roleAssignments")){
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "principalType"));
    snprintf(zSub, sizeof(zSub), "%s.roleAssignments[%d].principal", zPath, i++);
    if( zType && strcmp(zType, "Group")==0 ) continue;
    rc = pseudonym_refs_key(p, zTenant, cJSON_GetObjectItemCaseSensitive(c, "principal"), zSub);
    if( rc ) return rc;
  }
  i = 0;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t, "conditionalAccessPolicies")){
    pUsers = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c, "conditions"), "users");
    for(k=0; k<2 && rc==TS_OK; k++){
      snprintf(zSub, sizeof(zSub), "%s.conditionalAccessPolicies[%d].conditions.users.%s", zPath, i,
               azList[k]);
      rc = walk_key_list(p, zTenant, cJSON_GetObjectItemCaseSensitive(pUsers, azList[k]), zSub);
    }
    if( rc ) return rc;
    i++;
  }
  i = 0;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(t, "groups")){
    snprintf(zSub, sizeof(zSub), "%s.groups[%d].owners", zPath, i++);
    rc = walk_key_list(p, zTenant, cJSON_GetObjectItemCaseSensitive(c, "owners"), zSub);
    if( rc ) return rc;
  }
  return TS_OK;
}

/* Every reference outside the users themselves. */
static int walk_refs(Pseudo *p){
  cJSON *pArr, *c;
  char zPath[64], zSub[128];
  int rc, i;
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "tenants", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "tenants[%d]", i++);
    if( (rc = walk_authz(p, c, zPath))!=TS_OK ) return rc;
  }
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "jobs", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    const char *zSrc;
    cJSON *pAssign, *pUsers = NULL;
    snprintf(zPath, sizeof(zPath), "jobs[%d]", i++);
    if( (rc = pseudonym_ctx_obj(p, c, zPath))!=TS_OK ) return rc;
    if( (rc = pseudonym_ctx_str(p, c, "source", 0, zPath, &zSrc))!=TS_OK ) return rc;
    pAssign = cJSON_GetObjectItemCaseSensitive(c, "assignments");
    snprintf(zSub, sizeof(zSub), "%s.assignments", zPath);
    if( pAssign && (rc = pseudonym_ctx_obj(p, pAssign, zSub))!=TS_OK ) return rc;
    if( pAssign && (rc = pseudonym_ctx_arr(p, pAssign, "users", zSub, &pUsers))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.assignments.users", zPath);
    if( (rc = walk_key_list(p, zSrc, pUsers, zSub))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.scopingFilters", zPath);
    rc = walk_filters(p, cJSON_GetObjectItemCaseSensitive(c, "scopingFilters"), zSub);
    if( rc==TS_OK ) rc = walk_notify(p, c, zPath);
    if( rc ) return rc;
  }
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "timeline", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "timeline[%d]", i++);
    if( (rc = walk_action(p, c, zPath))!=TS_OK ) return rc;
  }
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "expect", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "expect[%d]", i++);
    if( (rc = walk_expect(p, c, zPath))!=TS_OK ) return rc;
  }
  return TS_OK;
}

/* ---------------------------------------------------------------------
** Step 1: the users of tenants and of "hire" actions, and the population
** key prefixes.
*/
static int collect_users(Pseudo *p){
  cJSON *pArr, *c, *pList, *q;
  char zPath[64], zSub[96];
  const char *zTenant, *z;
  int rc, i;
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "tenants", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "tenants[%d]", i++);
    if( (rc = pseudonym_ctx_obj(p, c, zPath))!=TS_OK ) return rc;
    if( (rc = pseudonym_ctx_str(p, c, "key", 0, zPath, &zTenant))!=TS_OK ) return rc;
    if( zTenant==NULL ) return tserr_set(p->pErr, TS_ERR, "%s.key: missing", zPath);
    if( (rc = pseudonym_ctx_str(p, c, "tenantId", 1, zPath, &z))!=TS_OK ) return rc;
    if( (rc = pseudonym_ctx_arr(p, c, "users", zPath, &pList))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.users", zPath);
    if( (rc = pseudonym_users_list(p, pList, zTenant, zSub))!=TS_OK ) return rc;
    if( (rc = pseudonym_ctx_arr(p, c, "populations", zPath, &pList))!=TS_OK ) return rc;
    cJSON_ArrayForEach(q, pList){
      if( (rc = pseudonym_users_prefix_add(p, zTenant, q))!=TS_OK ) return rc;
    }
  }
  if( (rc = pseudonym_ctx_arr(p, p->pRoot, "timeline", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "timeline[%d]", i++);
    z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "action"));
    zTenant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
    if( z==NULL || strcmp(z, "hire")!=0 || zTenant==NULL ) continue;
    if( (rc = pseudonym_ctx_arr(p, c, "users", zPath, &pList))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.users", zPath);
    if( (rc = pseudonym_users_list(p, pList, zTenant, zSub))!=TS_OK ) return rc;
    q = cJSON_GetObjectItemCaseSensitive(c, "population");
    if( q && (rc = pseudonym_users_prefix_add(p, zTenant, q))!=TS_OK ) return rc;
  }
  return TS_OK;
}

/* ---------------------------------------------------------------------
** API.
*/
static void context_free(Pseudo *p){
  int i;
  for(i=0; i<p->nPerson; i++){
    mem_free(p->aPerson[i].zId);
    if( p->azLocal ) mem_free(p->azLocal[i]);
  }
  for(i=0; i<p->nUser; i++){
    mem_free(p->aUser[i].zKey);
    if( p->azNewKey ) mem_free(p->azNewKey[i]);
  }
  for(i=0; i<p->nEmp; i++){
    mem_free(p->azEmp[i]);
    if( p->azNewEmp ) mem_free(p->azNewEmp[i]);
  }
  for(i=0; i<K_SEEN; i++) hmap_free(&p->aSeen[i]);
  hmap_free(&p->banned);
  mem_free(p->aPerson);
  mem_free(p->azLocal);
  mem_free(p->aUser);
  mem_free(p->azNewKey);
  mem_free(p->azEmp);
  mem_free(p->azNewEmp);
  mem_free(p->aPrefix);
  hmap_free(&p->personIdx);
  hmap_free(&p->userIdx);
  hmap_free(&p->empIdx);
}

int pseudonym_scenario(cJSON *pScn, uint64_t seed, TsErr *pErr){
  Pseudo p;
  cJSON *pSwap;
  int rc, i;
  if( !cJSON_IsObject(pScn) ) return tserr_set(pErr, TS_ERR, "pseudonymize: the scenario is not an object");
  memset(&p, 0, sizeof(p));
  p.seed = seed;
  p.pErr = pErr;
  hmap_init(&p.personIdx);
  hmap_init(&p.userIdx);
  hmap_init(&p.empIdx);
  hmap_init(&p.banned);
  for(i=0; i<K_SEEN; i++) hmap_init(&p.aSeen[i]);
  p.pRoot = cJSON_Duplicate(pScn, 1);
  if( p.pRoot==NULL ){ rc = pseudonym_ctx_nomem(&p); goto free_context; }
  if( (rc = collect_users(&p))!=TS_OK ) goto free_context;
  if( (rc = pseudonym_names_ban(&p))!=TS_OK ) goto free_context;
  if( (rc = pseudonym_users_identify(&p))!=TS_OK ) goto free_context;
  if( (rc = walk_refs(&p))!=TS_OK ) goto free_context;
  if( (rc = pseudonym_unique_resolve(&p))!=TS_OK ) goto free_context;
  p.bApply = 1;
  /* References first: they look users up by their original keys, and
  ** identity and home look-ups read the users' original values. */
  if( (rc = walk_refs(&p))!=TS_OK ) goto free_context;
  for(i=0; i<p.nUser && rc==TS_OK; i++) rc = pseudonym_users_apply(&p, i);
  if( rc==TS_OK ) rc = pseudonym_users_tenant_ids(&p);
  if( rc ) goto free_context;
  pSwap = pScn->child;
  pScn->child = p.pRoot->child;
  p.pRoot->child = pSwap;
free_context:
  cJSON_Delete(p.pRoot);
  context_free(&p);
  return rc;
}
