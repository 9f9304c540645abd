/*
** pseudonym_unique.c — step 3 of the pass: identifiers that must stay
** unique (local parts over the whole scenario, keys within a tenant,
** employee ids over the whole scenario), resolved so that the outcome
** depends only on the set of originals (pseudonym.h, DETERMINISM).
**
** It fills the context's azLocal, azNewKey and azNewEmp.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "pseudonymInt.h"

/* Longest hex suffix of a local part (16 = all of hSuffix) and how many
** attempts the resolver makes for keys and employee ids. */
#define PSEUDO_LOCAL_HEX  6
#define PSEUDO_MAX_KEY_TRY 9
#define PSEUDO_MAX_EMP_TRY 64

/* ---------------------------------------------------------------------
** Step 3: unique identifiers. resolve visits the items sorted by
** (scope, original) and gives each its first candidate not yet taken in
** its scope; xCand writes candidate k of item i, or says to skip it or
** that there are no more.
*/
#define CAND_OK   0
#define CAND_SKIP 1
#define CAND_END  2

typedef struct PseudoItem {
  const char *zScope;   /* uniqueness scope, "" for the whole scenario */
  const char *zOrig;    /* the original; with the scope, the sort order */
  int i;                /* the caller's index */
} PseudoItem;

typedef int (*PseudoCand)(Pseudo *p, int i, int k, StrBuf *pOut);

static int item_cmp(const void *a, const void *b){
  const PseudoItem *x = a, *y = b;
  int c = strcmp(x->zScope, y->zScope);
  return c ? c : strcmp(x->zOrig, y->zOrig);
}

/* Resolve n items into azOut[item.i] (owned by the caller afterwards). */
static int resolve(Pseudo *p, PseudoItem *a, int n, PseudoCand xCand, char **azOut,
                         const char *zWhat){
  HMap taken;
  StrBuf cand, key;
  int rc = TS_OK, j, k, e;
  hmap_init(&taken);
  strbuf_init(&cand);
  strbuf_init(&key);
  qsort(a, (size_t)n, sizeof(PseudoItem), item_cmp);
  for(j=0; j<n && rc==TS_OK; j++){
    for(k=0; ; k++){
      strbuf_reset(&cand);
      e = xCand(p, a[j].i, k, &cand);
      if( e==CAND_END ){
        rc = tserr_set(p->pErr, TS_ERR, "pseudonymize: the %s pseudonym of \"%s\" collides with"
                       " another even after disambiguation", zWhat, a[j].zOrig);
        break;
      }
      if( e==CAND_SKIP ) continue;
      strbuf_reset(&key);
      strbuf_append(&key, a[j].zScope);
      strbuf_appendc(&key, PSEUDO_SEP);
      strbuf_append(&key, strbuf_str(&cand));
      if( cand.bErr || key.bErr ){ rc = pseudonym_ctx_nomem(p); break; }
      if( hmap_get(&taken, strbuf_str(&key), NULL) ) continue;
      if( hmap_put(&taken, strbuf_str(&key), 1)
       || (azOut[a[j].i] = mem_strdup(strbuf_str(&cand)))==NULL ){
        rc = pseudonym_ctx_nomem(p);
      }
      break;
    }
  }
  strbuf_free(&key);
  strbuf_free(&cand);
  hmap_free(&taken);
  return rc;
}


/* Local part candidates: "given.surname." and 6, 8, ... 16 hex digits. */
static int local_cand(Pseudo *p, int i, int k, StrBuf *pOut){
  const PseudoPerson *pp = &p->aPerson[i];
  if( PSEUDO_LOCAL_HEX + 2*k > 16 ) return CAND_END;
  pseudonym_names_base(pp, pOut);
  pseudonym_ctx_hex(pOut, pp->hSuffix, PSEUDO_LOCAL_HEX + 2*k);
  return CAND_OK;
}

/* Key candidates: the person's local part, then "given.surname." and 4,
** 6, ... letters drawn from a hash of the tenant and original key. Those
** hold no digit, so they can never fall in a population's key range (a
** prefix, then a digit), which the local part itself might: appending to
** it could never leave such a range. */
static int key_cand(Pseudo *p, int i, int k, StrBuf *pOut){
  const PseudoUser *u = &p->aUser[i];
  const PseudoPerson *pp = &p->aPerson[u->iPerson];
  int j;
  if( k>=PSEUDO_MAX_KEY_TRY ) return CAND_END;
  if( k==0 ){
    strbuf_append(pOut, p->azLocal[u->iPerson]);
  }else{
    StrBuf s;
    Rng r;
    int rc;
    strbuf_init(&s);
    pseudonym_ctx_tenant_key(&s, u->zTenant, u->zKey);
    rc = s.bErr ? TS_NOMEM : pseudonym_ctx_stream(p, &r, "key", strbuf_str(&s), s.n);
    strbuf_free(&s);
    if( rc ){ pOut->bErr = 1; return CAND_OK; }
    pseudonym_names_base(pp, pOut);
    for(j=0; j<2*k+2; j++) strbuf_appendc(pOut, (char)('a' + rng_below(&r, 26)));
  }
  if( pOut->bErr ) return CAND_OK;
  for(j=0; j<p->nPrefix; j++){
    size_t n = strlen(p->aPrefix[j].zPrefix);
    if( strcmp(p->aPrefix[j].zTenant, u->zTenant)==0
     && strncmp(pOut->z, p->aPrefix[j].zPrefix, n)==0
     && pOut->z[n]>='0' && pOut->z[n]<='9' ) return CAND_SKIP;
  }
  return CAND_OK;
}

/* Employee id candidates: digits, as many as the original has (one more
** every 8 tries), drawn from a hash of the try number and the original. */
static int emp_cand(Pseudo *p, int i, int k, StrBuf *pOut){
  const char *z = p->azEmp[i];
  size_t n = strlen(z) + (size_t)(k/8), j;
  char zPurpose[32];
  Rng r;
  if( k>=PSEUDO_MAX_EMP_TRY ) return CAND_END;
  snprintf(zPurpose, sizeof(zPurpose), "employeeId:%d", k);
  if( pseudonym_ctx_stream(p, &r, zPurpose, z, strlen(z)) ){ pOut->bErr = 1; return CAND_OK; }
  for(j=0; j<n; j++) strbuf_appendc(pOut, (char)('0' + rng_below(&r, 10)));
  return CAND_OK;
}

int pseudonym_unique_resolve(Pseudo *p){
  PseudoItem *a;
  int n = p->nPerson > p->nUser ? p->nPerson : p->nUser, i, rc;
  if( p->nEmp > n ) n = p->nEmp;
  a = mem_malloc((size_t)(n ? n : 1)*sizeof(PseudoItem));
  p->azLocal = mem_calloc((size_t)(p->nPerson ? p->nPerson : 1), sizeof(char*));
  p->azNewKey = mem_calloc((size_t)(p->nUser ? p->nUser : 1), sizeof(char*));
  p->azNewEmp = mem_calloc((size_t)(p->nEmp ? p->nEmp : 1), sizeof(char*));
  if( a==NULL || p->azLocal==NULL || p->azNewKey==NULL || p->azNewEmp==NULL ){
    rc = pseudonym_ctx_nomem(p);
    goto free_array;
  }
  for(i=0; i<p->nPerson; i++){ a[i].zScope = ""; a[i].zOrig = p->aPerson[i].zId; a[i].i = i; }
  rc = resolve(p, a, p->nPerson, local_cand, p->azLocal, "local part");
  if( rc ) goto free_array;
  for(i=0; i<p->nUser; i++){
    a[i].zScope = p->aUser[i].zTenant;
    a[i].zOrig = p->aUser[i].zKey;
    a[i].i = i;
  }
  rc = resolve(p, a, p->nUser, key_cand, p->azNewKey, "key");
  if( rc ) goto free_array;
  for(i=0; i<p->nEmp; i++){ a[i].zScope = ""; a[i].zOrig = p->azEmp[i]; a[i].i = i; }
  rc = resolve(p, a, p->nEmp, emp_cand, p->azNewEmp, "employeeId");
free_array:
  mem_free(a);
  return rc;
}
