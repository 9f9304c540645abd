/*
** pseudonym_ctx.c — the small helpers every file of the pseudonymizer
** uses (pseudonymInt.h): the out-of-memory error, array growth, composite
** map keys, ASCII lower-casing, hash streams, the personal attribute
** kinds, and typed access to the working copy's members.
**
** It touches only the context's error, seed and working copy.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "pseudonymInt.h"

/* The attribute names of the kinds K_UPN .. K_EMPID. */
static const char *const azKindAttr[K_COUNT] = {
  "userPrincipalName", "mail", "mailNickname", "displayName", "givenName", "surname",
  "employeeId"
};

int pseudonym_ctx_nomem(Pseudo *p){
  return tserr_set(p->pErr, TS_NOMEM, "pseudonymize: out of memory");
}

/* Make room for element n of an array of sz-byte elements. */
int pseudonym_ctx_grow(Pseudo *p, void **pa, int *pnAlloc, int n, size_t sz){
  return mem_grow_int(pa, n, pnAlloc, sz) ? pseudonym_ctx_nomem(p) : TS_OK;
}

/* Append the composite map key "zTenant<US>zKey". */
void pseudonym_ctx_tenant_key(StrBuf *pOut, const char *zTenant, const char *zKey){
  strbuf_append(pOut, zTenant);
  strbuf_appendc(pOut, PSEUDO_SEP);
  strbuf_append(pOut, zKey);
}

/* ASCII lower-casing in place: UTF-8 bytes above 0x7f are left alone. */
void pseudonym_ctx_lower(char *z){
  for(; z && *z; z++) if( *z>='A' && *z<='Z' ) *z = (char)(*z - 'A' + 'a');
}


/* rng_stream of seed and "zPurpose:zValue" (zValue n bytes). */
int pseudonym_ctx_stream(Pseudo *p, Rng *r, const char *zPurpose, const char *zValue, size_t n){
  StrBuf b;
  int rc = TS_OK;
  strbuf_init(&b);
  strbuf_append(&b, zPurpose);
  strbuf_appendc(&b, ':');
  strbuf_appendn(&b, zValue, n);
  if( b.bErr ) rc = pseudonym_ctx_nomem(p);
  else rng_stream(r, p->seed, strbuf_str(&b));
  strbuf_free(&b);
  return rc;
}

/* Append the top nHex hex digits of h (nHex <= 16). */
void pseudonym_ctx_hex(StrBuf *pOut, uint64_t h, int nHex){
  static const char aHex[] = "0123456789abcdef";
  int i;
  for(i=0; i<nHex; i++) strbuf_appendc(pOut, aHex[(h >> (60 - 4*i)) & 15]);
}


/* The kind of attribute zName, or -1 when it is not personal data. */
const char *pseudonym_ctx_kind_name(int eKind){
  return azKindAttr[eKind];
}

int pseudonym_ctx_kind(const char *zName){
  int i;
  for(i=0; zName && i<K_COUNT; i++) if( strcmp(zName, azKindAttr[i])==0 ) return i;
  return -1;
}

/* Set string item pItem to z (cJSON's allocator, so the tree owns it). */
int pseudonym_ctx_set(Pseudo *p, cJSON *pItem, const char *z){
  if( cJSON_SetValuestring(pItem, z)==NULL ) return pseudonym_ctx_nomem(p);
  return TS_OK;
}

/* Member zKey of object pObj when it is a string; TS_ERR naming zPath when
** it is there but neither a string nor (if bNull) null. */
int pseudonym_ctx_str(Pseudo *p, const cJSON *pObj, const char *zKey, int bNull,
                     const char *zPath, const char **pz){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  *pz = NULL;
  if( c==NULL || (bNull && cJSON_IsNull(c)) ) return TS_OK;
  if( !cJSON_IsString(c) ){
    return tserr_set(p->pErr, TS_ERR, "%s.%s: expected a string%s", zPath, zKey,
                     bNull ? " or null" : "");
  }
  *pz = c->valuestring;
  return TS_OK;
}

/* Member zKey of pObj as an array (NULL when absent); TS_ERR otherwise. */
int pseudonym_ctx_arr(Pseudo *p, const cJSON *pObj, const char *zKey, const char *zPath,
                     cJSON **ppArr){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  *ppArr = NULL;
  if( c==NULL ) return TS_OK;
  if( !cJSON_IsArray(c) ) return tserr_set(p->pErr, TS_ERR, "%s.%s: expected an array", zPath, zKey);
  *ppArr = c;
  return TS_OK;
}

/* Is pObj an object? TS_ERR naming zPath otherwise. */
int pseudonym_ctx_obj(Pseudo *p, const cJSON *pObj, const char *zPath){
  if( cJSON_IsObject(pObj) ) return TS_OK;
  return tserr_set(p->pErr, TS_ERR, "%s: expected an object", zPath);
}

/* Index of the explicit user zKey of tenant zTenant, or -1. */
int pseudonym_ctx_user_find(Pseudo *p, const char *zTenant, const char *zKey, int *piUser){
  StrBuf b;
  int64_t v = -1;
  strbuf_init(&b);
  pseudonym_ctx_tenant_key(&b, zTenant, zKey);
  if( b.bErr ){ strbuf_free(&b); return pseudonym_ctx_nomem(p); }
  if( !hmap_get(&p->userIdx, strbuf_str(&b), &v) ) v = -1;
  strbuf_free(&b);
  *piUser = (int)v;
  return TS_OK;
}

/* The tenant object with key zTenant, or NULL. */
cJSON *pseudonym_ctx_tenant(Pseudo *p, const char *zTenant){
  cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(p->pRoot, "tenants")){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "key"));
    if( z && zTenant && strcmp(z, zTenant)==0 ) return t;
  }
  return NULL;
}

/* Source and target tenant keys of job zJob (NULL when unknown). */
void pseudonym_ctx_job(Pseudo *p, const char *zJob, const char **pzSrc, const char **pzTgt){
  cJSON *j;
  *pzSrc = *pzTgt = NULL;
  cJSON_ArrayForEach(j, cJSON_GetObjectItemCaseSensitive(p->pRoot, "jobs")){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "key"));
    if( z && zJob && strcmp(z, zJob)==0 ){
      *pzSrc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "source"));
      *pzTgt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "target"));
      return;
    }
  }
}
