/*
** scn_val.c — the scenario validator's toolkit (see scenarioInt.h): the
** error recorder, JSON paths, suggestions for typos, typed member
** look-ups that report a wrong type, and the tenant symbol table (user
** keys and generated key ranges). Touches only the Val it is given.
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "jsonloc.h"
#include "suggest.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
#include "scenarioInt.h"

void scn_val_err(Val *v, const char *zPath, const char *zFmt, ...){
  char zMsg[600];
  va_list ap;
  v->nErr++;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  if( v->nErr==1 ){
    tserr_set(v->pErr, TS_ERR, "%s: %s: %s", v->pScn->zFile, zPath, zMsg);
  }
  if( v->nErr<=VAL_MAX_ERRORS && v->pErrs ){
    strbuf_printf(v->pErrs, "%s: %s: %s\n", v->pScn->zFile, zPath, zMsg);
  }else if( v->nErr==VAL_MAX_ERRORS+1 && v->pErrs ){
    strbuf_printf(v->pErrs, "%s: more errors follow; fix these first\n", v->pScn->zFile);
  }
}

void scn_val_warn(Val *v, const char *zPath, const char *zFmt, ...){
  char zMsg[600];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  strbuf_printf(&v->pScn->warnings, "%s: %s: warning: %s\n", v->pScn->zFile, zPath, zMsg);
  if( v->pScn->warnings.bErr ) v->bNoMem = 1;
}

/* ---------------------------------------------------------------------
** Small helpers: paths, type names, suggestions.
*/
/* Paths are built by copying with truncation: a path longer than its
** buffer is cut short, which only shortens a message. */
static void path_cat(char *z, size_t n, const char *zParent, const char *zSep,
                     const char *zChild, const char *zEnd){
  const char *az[4];
  size_t k = 0;
  int i;
  az[0] = zParent; az[1] = zSep; az[2] = zChild; az[3] = zEnd;
  for(i=0; i<4; i++){
    const char *zS = az[i];
    while( zS && *zS && k+1<n ) z[k++] = *zS++;
  }
  z[k] = 0;
}
void scn_val_path_key(char *z, size_t n, const char *zParent, const char *zKey){
  path_cat(z, n, zParent, zParent[0] ? "." : "", zKey, NULL);
}
void scn_val_path_idx(char *z, size_t n, const char *zParent, int i){
  char zNum[16];
  int k = (int)sizeof(zNum)-1;
  unsigned u = (unsigned)(i<0 ? 0 : i);
  zNum[k] = 0;
  do{ zNum[--k] = (char)('0' + u%10); u /= 10; }while( u && k>0 );
  path_cat(z, n, zParent, "[", zNum+k, "]");
}

/* The closest of azCand (NULL-terminated) to z, or NULL if none is close. */
const char *scn_val_suggest(const char *z, const char *const *azCand){
  const char *zBest = NULL;
  int nBest = 3, i;
  for(i=0; azCand[i]; i++){
    int d = suggest_distance(z, azCand[i]);
    if( d<nBest ){ nBest = d; zBest = azCand[i]; }
  }
  return zBest;
}

void scn_val_join_list(char *z, size_t n, const char *const *az){
  size_t k = 0;
  int i;
  z[0] = 0;
  for(i=0; az[i] && k+1<n; i++){
    k += (size_t)snprintf(z+k, n-k, "%s%s", i ? ", " : "", az[i]);
  }
}

/* Report keys of object p that are not in azAllowed; reject duplicates. */
void scn_val_keys(Val *v, const char *zPath, const cJSON *p, const char *const *azAllowed){
  const cJSON *c, *d;
  char zSub[TS_JSONPATH_MAX], zList[800];
  for(c=p->child; c; c=c->next){
    int i;
    for(i=0; azAllowed[i]; i++) if( strcmp(azAllowed[i], c->string)==0 ) break;
    scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( azAllowed[i]==NULL ){
      const char *zSug = scn_val_suggest(c->string, azAllowed);
      scn_val_join_list(zList, sizeof(zList), azAllowed);
      if( zSug ) scn_val_err(v, zSub, "unknown key \"%s\" (did you mean \"%s\"?)", c->string, zSug);
      else scn_val_err(v, zSub, "unknown key \"%s\"; expected one of: %s", c->string, zList);
    }
    for(d=p->child; d!=c; d=d->next){
      if( strcmp(d->string, c->string)==0 ){
        scn_val_err(v, zSub, "duplicate key \"%s\"", c->string);
        break;
      }
    }
  }
}

/* Reject duplicate keys in an object whose keys are not fixed (a "set",
** "where" or "attributes" object): JSON parsers disagree on which wins. */
const cJSON *scn_val_member(const cJSON *p, const char *zKey){
  const cJSON *c;
  if( p==NULL ) return NULL;
  for(c=p->child; c && c->string; c=c->next){
    if( c->string[0]==zKey[0] && strcmp(c->string, zKey)==0 ) return c;
  }
  return NULL;
}

void scn_val_unique_keys(Val *v, const char *zPath, const cJSON *p){
  const cJSON *c, *d;
  char zSub[TS_JSONPATH_MAX];
  for(c=p->child; c; c=c->next){
    for(d=p->child; d!=c; d=d->next){
      if( d->string[0]==c->string[0] && strcmp(d->string, c->string)==0 ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
        scn_val_err(v, zSub, "duplicate key \"%s\"", c->string);
        break;
      }
    }
  }
}

int scn_val_is_object(Val *v, const char *zPath, const cJSON *p){
  if( cJSON_IsObject(p) ) return 1;
  scn_val_err(v, zPath, "expected an object, found %s", jsonloc_type_name(p));
  return 0;
}

/* String member zKey of p: NULL (with an error if bRequired) when absent
** or of the wrong type. */
const char *scn_val_str(Val *v, const char *zPath, const cJSON *p,
                           const char *zKey, int bRequired){
  const cJSON *c = scn_val_member(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  /* the path is made only for a message */
  if( cJSON_IsString(c) && (!bRequired || c->valuestring[0]) ) return c->valuestring;
  if( c==NULL && !bRequired ) return NULL;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) scn_val_err(v, zSub, "missing; expected a string");
    return NULL;
  }
  if( !cJSON_IsString(c) ){
    scn_val_err(v, zSub, "expected a string, found %s", jsonloc_type_name(c));
    return NULL;
  }
  if( bRequired && c->valuestring[0]==0 ){
    scn_val_err(v, zSub, "expected a non-empty string");
    return NULL;
  }
  return c->valuestring;
}

/* Integer member in [lo, hi]; returns 1 and *pv when present and valid. */
int scn_val_int(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                   int bRequired, double lo, double hi, int64_t *pv){
  const cJSON *c = scn_val_member(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) scn_val_err(v, zSub, "missing; expected an integer");
    return 0;
  }
  if( !cJSON_IsNumber(c) ){
    scn_val_err(v, zSub, "expected an integer, found %s", jsonloc_type_name(c));
    return 0;
  }
  /* Range first: casting a double outside int64 is undefined behaviour. */
  if( !(c->valuedouble>=lo && c->valuedouble<=hi) ){
    double x = c->valuedouble;
    scn_val_err(v, zSub, (x>-1e15 && x<1e15) ? "expected an integer from %.0f to %.0f, found %.0f"
                                         : "expected an integer from %.0f to %.0f, found %g",
            lo, hi, x);
    return 0;
  }
  if( c->valuedouble!=(double)(int64_t)c->valuedouble ){
    scn_val_err(v, zSub, "expected an integer, found %g", c->valuedouble);
    return 0;
  }
  *pv = (int64_t)c->valuedouble;
  return 1;
}

int scn_val_bool(Val *v, const char *zPath, const cJSON *p, const char *zKey, int *pb){
  const cJSON *c = scn_val_member(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL ) return 0;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !cJSON_IsBool(c) ){
    scn_val_err(v, zSub, "expected true or false, found %s", jsonloc_type_name(c));
    return 0;
  }
  *pb = cJSON_IsTrue(c);
  return 1;
}

/* Array member; NULL with an error when present but not an array. */
const cJSON *scn_val_array(Val *v, const char *zPath, const cJSON *p,
                              const char *zKey, int bRequired){
  const cJSON *c = scn_val_member(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  if( cJSON_IsArray(c) ) return c;
  if( c==NULL && !bRequired ) return NULL;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) scn_val_err(v, zSub, "missing; expected an array");
    return NULL;
  }
  if( !cJSON_IsArray(c) ){
    scn_val_err(v, zSub, "expected an array, found %s", jsonloc_type_name(c));
    return NULL;
  }
  return c;
}

int scn_val_duration(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                        int bRequired, SimTime *pT){
  const char *z = scn_val_str(v, zPath, p, zKey, bRequired);
  char zWhy[TS_REASON_MAX], zSub[TS_JSONPATH_MAX];
  if( z==NULL ) return 0;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  if( simtime_parse_duration(z, pT, zWhy, sizeof(zWhy)) ){
    scn_val_err(v, zSub, "\"%s\" is not an ISO-8601 duration such as PT40M or P14D: %s", z, zWhy);
    return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------------
** Symbol tables.
*/
ValTenant *scn_val_tenant(Val *v, const char *zKey){
  int i;
  if( zKey==NULL ) return NULL;
  for(i=0; i<v->nTenant; i++) if( strcmp(v->aTenant[i].zKey, zKey)==0 ) return &v->aTenant[i];
  return NULL;
}

int scn_val_tenant_index(Val *v, const char *zKey){
  ValTenant *t = scn_val_tenant(v, zKey);
  return t ? (int)(t - v->aTenant) : -1;
}

static int range_has(const ValTenant *t, const char *z){
  int i;
  for(i=0; i<t->nRange; i++){
    size_t nP = strlen(t->aRange[i].zPrefix);
    const char *zNum = z + nP;
    char *zEnd;
    long long n;
    if( strncmp(z, t->aRange[i].zPrefix, nP)!=0 || !isdigit((unsigned char)zNum[0]) ) continue;
    if( zNum[0]=='0' ) continue;
    errno = 0;
    n = strtoll(zNum, &zEnd, 10);
    if( *zEnd==0 && errno==0 && n>=1 && n<=t->aRange[i].n ) return 1;
  }
  return 0;
}

int scn_val_user_known(const ValTenant *t, const char *z){
  return hmap_get(&t->users, z, NULL) || range_has(t, z);
}

int scn_val_group_dynamic(const ValTenant *t, const char *zKey){
  int64_t k;
  return hmap_get(&t->groups, zKey, &k) && (k & 1);
}

int scn_val_group_index(const ValTenant *t, const char *zKey){
  int64_t k;
  return hmap_get(&t->groups, zKey, &k) ? (int)(k/2) : -1;
}

/* Does a population prefix collide with existing keys or ranges? */
int scn_val_range_collides(const ValTenant *t, const char *zPrefix){
  int i;
  size_t k, nP = strlen(zPrefix);
  for(i=0; i<t->nRange; i++){
    const char *zO = t->aRange[i].zPrefix;
    size_t nO = strlen(zO);
    if( strncmp(zO, zPrefix, nO<nP ? nO : nP)==0 ) return 1;
  }
  for(k=0; k<t->users.nSlot; k++){
    const char *z = t->users.a[k].zKey;
    if( z && hmap_get(&t->users, z, NULL) && strncmp(z, zPrefix, nP)==0
     && isdigit((unsigned char)z[nP]) ) return 1;
  }
  return 0;
}

int scn_val_add_range(Val *v, ValTenant *t, const char *zPrefix, int64_t n){
  KeyRange *aNew = mem_realloc(t->aRange, (size_t)(t->nRange+1)*sizeof(KeyRange));
  if( aNew==NULL ){ v->bNoMem = 1; return -1; }
  t->aRange = aNew;
  t->aRange[t->nRange].zPrefix = mem_strdup(zPrefix);
  if( t->aRange[t->nRange].zPrefix==NULL ){ v->bNoMem = 1; return -1; }
  t->aRange[t->nRange++].n = n;
  return 0;
}

int scn_val_when(const Scenario *p, const char *z, SimTime *pT, char *zWhy, size_t nWhy){
  SimTime t;
  char zW[160];
  if( z[0]=='P' || (z[0]=='-' && z[1]=='P') ){
    if( simtime_parse_duration(z, &t, zW, sizeof(zW)) ){
      snprintf(zWhy, nWhy, "\"%s\" is not a valid offset: %s", z, zW);
      return -1;
    }
  }else{
    if( simtime_parse_instant(z, &t, zW, sizeof(zW)) ){
      snprintf(zWhy, nWhy, "\"%s\" is not an instant such as 2026-01-05T09:00:00Z or an"
               " offset such as P1DT2H: %s", z, zW);
      return -1;
    }
    t -= p->tStartEpoch;
  }
  if( t<0 || t>p->duration ){
    char zA[32], zB[32];
    snprintf(zWhy, nWhy, "\"%s\" is outside the scenario (%s, lasting %s)", z,
             simtime_format_instant(p->tStartEpoch, zA, sizeof(zA)),
             simtime_format_duration(p->duration, zB, sizeof(zB)));
    return -1;
  }
  *pT = t;
  return 0;
}

/* ---------------------------------------------------------------------
** Filling the model.
*/
void *scn_val_alloc(Val *v, size_t n, size_t sz){
  void *p = arena_array(&v->pScn->arena, n ? n : 1, sz);
  if( p==NULL ) v->bNoMem = 1;
  return p;
}

void scn_val_key_list(Val *v, const cJSON *a, ScnKeys *pOut){
  const cJSON *c;
  pOut->n = 0;
  pOut->az = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(char*));
  if( pOut->az==NULL ) return;
  cJSON_ArrayForEach(c, a){
    if( cJSON_IsString(c) ) pOut->az[pOut->n++] = c->valuestring;
  }
}
