/*
** scenario.c — parse and validate a scenario script (see scenario.h).
**
** Validation walks the document once, carrying the JSON path of the node
** it is looking at, and records every problem (up to VAL_MAX_ERRORS)
** rather than stopping at the first: fixing a scenario should take one
** round trip. References are resolved against symbol tables built in the
** same order the runner will create objects: tenants, their groups and
** users (explicit, then populations), policies, jobs, and the timeline in
** time order, where hires add keys that later actions may use.
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "mem.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
#include "scenario.h"
#include "jsonfile.h"

#define VAL_MAX_ERRORS 50
#define VAL_MAX_POPULATION 1000000

/* Keys of one tenant, as the validator knows them at a point in time. */
typedef struct KeyRange { char *zPrefix; int64_t n; } KeyRange;
typedef struct ValTenant {
  const char *zKey;
  const char *zDomain;
  const cJSON *pNode;      /* its tenants[] object */
  HMap users;              /* explicit user keys -> 1 (B2B: 2) */
  HMap groups;             /* group keys */
  KeyRange *aRange; int nRange;
} ValTenant;

typedef struct Val {
  Scenario *pScn;
  StrBuf *pErrs;
  int nErr;
  TsErr *pErr;
  ValTenant *aTenant; int nTenant;
  const char **azJob; int *aJobSrc; int *aJobTgt; int nJob;
  int64_t nUsers;          /* users created so far (limit check) */
  int bNoMem;
} Val;

static void val_err(Val *v, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
static void val_err(Val *v, const char *zPath, const char *zFmt, ...){
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
static void path_key(char *z, size_t n, const char *zParent, const char *zKey){
  path_cat(z, n, zParent, zParent[0] ? "." : "", zKey, NULL);
}
static void path_idx(char *z, size_t n, const char *zParent, int i){
  char zNum[16];
  int k = (int)sizeof(zNum)-1;
  unsigned u = (unsigned)(i<0 ? 0 : i);
  zNum[k] = 0;
  do{ zNum[--k] = (char)('0' + u%10); u /= 10; }while( u && k>0 );
  path_cat(z, n, zParent, "[", zNum+k, "]");
}

static const char *json_type(const cJSON *p){
  if( p==NULL ) return "nothing";
  if( cJSON_IsString(p) ) return "a string";
  if( cJSON_IsNumber(p) ) return "a number";
  if( cJSON_IsBool(p) ) return "a Boolean";
  if( cJSON_IsNull(p) ) return "null";
  if( cJSON_IsArray(p) ) return "an array";
  if( cJSON_IsObject(p) ) return "an object";
  return "an invalid value";
}

/* Levenshtein distance, capped: used only to suggest a likely key. */
static int edit_distance(const char *a, const char *b){
  int la = (int)strlen(a), lb = (int)strlen(b), i, j;
  int aRow[64], aPrev[64];
  if( la>=63 || lb>=63 ) return 99;
  for(j=0; j<=lb; j++) aPrev[j] = j;
  for(i=1; i<=la; i++){
    aRow[0] = i;
    for(j=1; j<=lb; j++){
      int c = aPrev[j-1] + (tolower((unsigned char)a[i-1])!=tolower((unsigned char)b[j-1]));
      if( aPrev[j]+1<c ) c = aPrev[j]+1;
      if( aRow[j-1]+1<c ) c = aRow[j-1]+1;
      aRow[j] = c;
    }
    memcpy(aPrev, aRow, sizeof(int)*(size_t)(lb+1));
  }
  return aPrev[lb];
}

/* The closest of azCand (NULL-terminated) to z, or NULL if none is close. */
static const char *suggest(const char *z, const char *const *azCand){
  const char *zBest = NULL;
  int nBest = 3, i;
  for(i=0; azCand[i]; i++){
    int d = edit_distance(z, azCand[i]);
    if( d<nBest ){ nBest = d; zBest = azCand[i]; }
  }
  return zBest;
}

static void join_list(char *z, size_t n, const char *const *az){
  size_t k = 0;
  int i;
  z[0] = 0;
  for(i=0; az[i] && k+1<n; i++){
    k += (size_t)snprintf(z+k, n-k, "%s%s", i ? ", " : "", az[i]);
  }
}

/* Report keys of object p that are not in azAllowed; reject duplicates. */
static void val_keys(Val *v, const char *zPath, const cJSON *p, const char *const *azAllowed){
  const cJSON *c, *d;
  char zSub[TS_JSONPATH_MAX], zList[800];
  for(c=p->child; c; c=c->next){
    int i;
    for(i=0; azAllowed[i]; i++) if( strcmp(azAllowed[i], c->string)==0 ) break;
    path_key(zSub, sizeof(zSub), zPath, c->string);
    if( azAllowed[i]==NULL ){
      const char *zSug = suggest(c->string, azAllowed);
      join_list(zList, sizeof(zList), azAllowed);
      if( zSug ) val_err(v, zSub, "unknown key \"%s\" (did you mean \"%s\"?)", c->string, zSug);
      else val_err(v, zSub, "unknown key \"%s\"; expected one of: %s", c->string, zList);
    }
    for(d=p->child; d!=c; d=d->next){
      if( strcmp(d->string, c->string)==0 ){
        val_err(v, zSub, "duplicate key \"%s\"", c->string);
        break;
      }
    }
  }
}

/* Reject duplicate keys in an object whose keys are not fixed (a "set",
** "where" or "attributes" object): JSON parsers disagree on which wins. */
static void val_unique_keys(Val *v, const char *zPath, const cJSON *p){
  const cJSON *c, *d;
  char zSub[TS_JSONPATH_MAX];
  for(c=p->child; c; c=c->next){
    for(d=p->child; d!=c; d=d->next){
      if( strcmp(d->string, c->string)==0 ){
        path_key(zSub, sizeof(zSub), zPath, c->string);
        val_err(v, zSub, "duplicate key \"%s\"", c->string);
        break;
      }
    }
  }
}

static int val_is_object(Val *v, const char *zPath, const cJSON *p){
  if( cJSON_IsObject(p) ) return 1;
  val_err(v, zPath, "expected an object, found %s", json_type(p));
  return 0;
}

/* String member zKey of p: NULL (with an error if bRequired) when absent
** or of the wrong type. */
static const char *val_str(Val *v, const char *zPath, const cJSON *p,
                           const char *zKey, int bRequired){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) val_err(v, zSub, "missing; expected a string");
    return NULL;
  }
  if( !cJSON_IsString(c) ){
    val_err(v, zSub, "expected a string, found %s", json_type(c));
    return NULL;
  }
  if( bRequired && c->valuestring[0]==0 ){
    val_err(v, zSub, "expected a non-empty string");
    return NULL;
  }
  return c->valuestring;
}

/* Integer member in [lo, hi]; returns 1 and *pv when present and valid. */
static int val_int(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                   int bRequired, double lo, double hi, int64_t *pv){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) val_err(v, zSub, "missing; expected an integer");
    return 0;
  }
  if( !cJSON_IsNumber(c) ){
    val_err(v, zSub, "expected an integer, found %s", json_type(c));
    return 0;
  }
  /* Range first: casting a double outside int64 is undefined behaviour. */
  if( !(c->valuedouble>=lo && c->valuedouble<=hi) ){
    double x = c->valuedouble;
    val_err(v, zSub, (x>-1e15 && x<1e15) ? "expected an integer from %.0f to %.0f, found %.0f"
                                         : "expected an integer from %.0f to %.0f, found %g",
            lo, hi, x);
    return 0;
  }
  if( c->valuedouble!=(double)(int64_t)c->valuedouble ){
    val_err(v, zSub, "expected an integer, found %g", c->valuedouble);
    return 0;
  }
  *pv = (int64_t)c->valuedouble;
  return 1;
}

static int val_bool(Val *v, const char *zPath, const cJSON *p, const char *zKey, int *pb){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL ) return 0;
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !cJSON_IsBool(c) ){
    val_err(v, zSub, "expected true or false, found %s", json_type(c));
    return 0;
  }
  *pb = cJSON_IsTrue(c);
  return 1;
}

/* Array member; NULL with an error when present but not an array. */
static const cJSON *val_array(Val *v, const char *zPath, const cJSON *p,
                              const char *zKey, int bRequired){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( c==NULL ){
    if( bRequired ) val_err(v, zSub, "missing; expected an array");
    return NULL;
  }
  if( !cJSON_IsArray(c) ){
    val_err(v, zSub, "expected an array, found %s", json_type(c));
    return NULL;
  }
  return c;
}

static int val_duration(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                        int bRequired, SimTime *pT){
  const char *z = val_str(v, zPath, p, zKey, bRequired);
  char zWhy[160], zSub[TS_JSONPATH_MAX];
  if( z==NULL ) return 0;
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( simtime_parse_duration(z, pT, zWhy, sizeof(zWhy)) ){
    val_err(v, zSub, "\"%s\" is not an ISO-8601 duration such as PT40M or P14D: %s", z, zWhy);
    return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------------
** Symbol tables.
*/
static ValTenant *val_tenant(Val *v, const char *zKey){
  int i;
  if( zKey==NULL ) return NULL;
  for(i=0; i<v->nTenant; i++) if( strcmp(v->aTenant[i].zKey, zKey)==0 ) return &v->aTenant[i];
  return NULL;
}

static int val_tenant_index(Val *v, const char *zKey){
  ValTenant *t = val_tenant(v, zKey);
  return t ? (int)(t - v->aTenant) : -1;
}

/* Does key z fall in one of t's population ranges (prefix + 1..n)? */
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

static int val_user_known(const ValTenant *t, const char *z){
  return hmap_get(&t->users, z, NULL) || range_has(t, z);
}

/* Does a population prefix collide with existing keys or ranges? */
static int range_collides(const ValTenant *t, const char *zPrefix){
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

static int val_add_range(Val *v, ValTenant *t, const char *zPrefix, int64_t n){
  KeyRange *aNew = mem_realloc(t->aRange, (size_t)(t->nRange+1)*sizeof(KeyRange));
  if( aNew==NULL ){ v->bNoMem = 1; return -1; }
  t->aRange = aNew;
  t->aRange[t->nRange].zPrefix = mem_strdup(zPrefix);
  if( t->aRange[t->nRange].zPrefix==NULL ){ v->bNoMem = 1; return -1; }
  t->aRange[t->nRange++].n = n;
  return 0;
}

/* ---------------------------------------------------------------------
** Users, populations, groups, tenants.
*/
/* Keys of a user object besides the attribute names of the catalog. */
static const char *const azUserExtraKeys[] = { "key", "groups", "homeUser", "invitation", NULL };

/* Report keys of user object p that are neither extra keys nor catalog
** attributes, suggesting the closest; reject duplicates. */
static void val_user_keys(Val *v, const char *zPath, const cJSON *p){
  /* Room for every extra key, every catalog attribute and the NULL. */
  static const char *azAll[A_COUNT + sizeof(azUserExtraKeys)/sizeof(azUserExtraKeys[0])];
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  int i, n = 0;
  for(i=0; azUserExtraKeys[i]; i++) azAll[n++] = azUserExtraKeys[i];
  for(i=0; i<A_COUNT; i++) azAll[n++] = attr_info(i)->zName;
  azAll[n] = NULL;
  for(c=p->child; c; c=c->next){
    const char *zSug;
    for(i=0; azAll[i]; i++) if( strcmp(azAll[i], c->string)==0 ) break;
    if( azAll[i] || attr_is_extension(c->string) ) continue;
    path_key(zSub, sizeof(zSub), zPath, c->string);
    zSug = suggest(c->string, azAll);
    if( zSug ) val_err(v, zSub, "unknown key \"%s\" (did you mean \"%s\"?)", c->string, zSug);
    else val_err(v, zSub, "unknown key \"%s\"; expected key, groups, homeUser or a user"
                 " attribute such as department or jobTitle", c->string);
  }
  val_unique_keys(v, zPath, p);
}

static int is_key_text(const char *z){
  if( z==NULL || *z==0 ) return 0;
  for(; *z; z++){
    if( !isalnum((unsigned char)*z) && *z!='-' && *z!='_' && *z!='.' ) return 0;
  }
  return 1;
}

/* Validate the attributes of user or population object p (not "key"). */
static void val_user_attrs(Val *v, const char *zPath, const cJSON *p, int bPopulation){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  for(c=p->child; c; c=c->next){
    int iAttr = attr_find(c->string);
    if( iAttr<0 && attr_is_extension(c->string) ){
      path_key(zSub, sizeof(zSub), zPath, c->string);
      if( bPopulation && cJSON_IsObject(c) ) continue;
      if( !cJSON_IsString(c) && !cJSON_IsNull(c) ){
        val_err(v, zSub, "expected a string or null (multi-valued extension attributes are"
                         " not supported), found %s", json_type(c));
      }
      continue;
    }
    if( iAttr<0 ) continue;
    path_key(zSub, sizeof(zSub), zPath, c->string);
    if( attr_info(iAttr)->eType==ATTR_BOOL ){
      if( !cJSON_IsBool(c) ) val_err(v, zSub, "expected true or false, found %s", json_type(c));
    }else if( bPopulation && cJSON_IsObject(c) ){
      const cJSON *w;
      if( c->child==NULL ) val_err(v, zSub, "expected at least one value with a weight");
      for(w=c->child; w; w=w->next){
        char zW[600];
        path_key(zW, sizeof(zW), zSub, w->string);
        if( !cJSON_IsNumber(w) || !(w->valuedouble>0) || w->valuedouble>1e9 ){
          val_err(v, zW, "expected a positive weight, found %s", json_type(w));
        }
      }
    }else if( !cJSON_IsString(c) && !cJSON_IsNull(c) ){
      val_err(v, zSub, "expected a string%s or null, found %s",
              bPopulation ? " (or an object of value: weight)" : "", json_type(c));
    }
    if( attr_info(iAttr)->eType==ATTR_DATE && cJSON_IsString(c) ){
      SimTime tDate;
      char zWhy[160];
      if( simtime_parse_instant(c->valuestring, &tDate, zWhy, sizeof(zWhy)) ){
        val_err(v, zSub, "expected an instant such as 2026-01-05T00:00:00Z: %s", zWhy);
      }
    }
    if( iAttr==A_USER_TYPE && cJSON_IsString(c)
     && strcmp(c->valuestring, "Member")!=0 && strcmp(c->valuestring, "Guest")!=0 ){
      val_err(v, zSub, "expected \"Member\" or \"Guest\", found \"%s\"", c->valuestring);
    }
  }
}

/* A "manager" member of object p (a user, or a set) names a user key of t
** known at this point of the scenario. */
static void val_manager_ref(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "manager");
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL || cJSON_IsNull(c) || t==NULL ) return;
  path_key(zSub, sizeof(zSub), zPath, "manager");
  if( !cJSON_IsString(c) ) return;             /* the type error is reported already */
  if( !val_user_known(t, c->valuestring) ){
    val_err(v, zSub, "no user \"%s\" in tenant %s to be the manager", c->valuestring, t->zKey);
  }
}

/* Group references of a user/population: array of group keys of t. */
static void val_group_refs(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const cJSON *a = val_array(v, zPath, p, "groups", 0), *c;
  char zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( a==NULL ) return;
  cJSON_ArrayForEach(c, a){
    char zP[TS_JSONPATH_MAX];
    path_key(zSub, sizeof(zSub), zPath, "groups");
    path_idx(zP, sizeof(zP), zSub, i++);
    if( !cJSON_IsString(c) ) val_err(v, zP, "expected a group key, found %s", json_type(c));
    else if( !hmap_get(&t->groups, c->valuestring, NULL) ){
      val_err(v, zP, "no group \"%s\" in tenant %s", c->valuestring, t->zKey);
    }
  }
}

/* One explicit user (tenant users[] or a hire). */
static void val_user(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bHire){
  const char *zKey, *zHome;
  char zSub[TS_JSONPATH_MAX];
  if( !val_is_object(v, zPath, p) ) return;
  val_user_keys(v, zPath, p);
  zKey = val_str(v, zPath, p, "key", 1);
  path_key(zSub, sizeof(zSub), zPath, "key");
  if( zKey && !is_key_text(zKey) ){
    val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( zKey && val_user_known(t, zKey) ){
    val_err(v, zSub, "user key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( zKey && hmap_put(&t->users, zKey, 1) ){
    v->bNoMem = 1;
  }
  val_user_attrs(v, zPath, p, 0);
  val_group_refs(v, zPath, p, t);
  {
    const char *zInv = val_str(v, zPath, p, "invitation", 0);
    path_key(zSub, sizeof(zSub), zPath, "invitation");
    if( zInv && strcmp(zInv, "pending")!=0 && strcmp(zInv, "accepted")!=0 ){
      val_err(v, zSub, "expected \"pending\" (a B2B user invited by hand who never redeemed)"
                       " or \"accepted\" (one who redeemed, with a home identity outside the"
                       " scenario)");
    }else if( zInv && (bHire || cJSON_GetObjectItemCaseSensitive(p, "homeUser")) ){
      val_err(v, zSub, "an invitation is a B2B user declared in a tenant, without homeUser");
    }
  }
  zHome = val_str(v, zPath, p, "homeUser", 0);
  if( zHome ){
    const char *zColon = strchr(zHome, ':');
    path_key(zSub, sizeof(zSub), zPath, "homeUser");
    if( bHire ){
      val_err(v, zSub, "a hire creates an internal user; homeUser is only for B2B users"
                       " declared in a tenant");
    }else if( zColon==NULL ){
      val_err(v, zSub, "expected \"tenant:userkey\", found \"%s\"", zHome);
    }else{
      char zTen[128];
      ValTenant *h;
      snprintf(zTen, sizeof(zTen), "%.*s", (int)(zColon-zHome), zHome);
      h = val_tenant(v, zTen);
      if( h==NULL ) val_err(v, zSub, "no tenant \"%s\"", zTen);
      else if( h==t ) val_err(v, zSub, "a B2B user's home tenant must be another tenant");
      else if( !val_user_known(h, zColon+1) ){
        val_err(v, zSub, "no user \"%s\" in tenant %s", zColon+1, zTen);
      }
    }
  }
  v->nUsers++;
}

static const char *const azPopKeys[] = {
  "count", "keyPrefix", "groups", "disabledFraction", "attributes", NULL
};

static void val_population(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  int64_t n = 0;
  const char *zPrefix;
  const cJSON *pAttrs, *c;
  char zSub[TS_JSONPATH_MAX];
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azPopKeys);
  if( val_int(v, zPath, p, "count", 1, 1, VAL_MAX_POPULATION, &n) ){
    if( v->nUsers + n > SCENARIO_MAX_USERS ){
      path_key(zSub, sizeof(zSub), zPath, "count");
      val_err(v, zSub, "the scenario would create more than %d users", SCENARIO_MAX_USERS);
    }
    v->nUsers += n;
  }
  zPrefix = val_str(v, zPath, p, "keyPrefix", 1);
  path_key(zSub, sizeof(zSub), zPath, "keyPrefix");
  if( zPrefix && !is_key_text(zPrefix) ){
    val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zPrefix);
  }else if( zPrefix && range_collides(t, zPrefix) ){
    val_err(v, zSub, "prefix \"%s\" overlaps keys already used in tenant %s", zPrefix, t->zKey);
  }else if( zPrefix && n>0 ){
    val_add_range(v, t, zPrefix, n);
  }
  val_group_refs(v, zPath, p, t);
  c = cJSON_GetObjectItemCaseSensitive(p, "disabledFraction");
  if( c && (!cJSON_IsNumber(c) || c->valuedouble<0 || c->valuedouble>1) ){
    path_key(zSub, sizeof(zSub), zPath, "disabledFraction");
    val_err(v, zSub, "expected a number from 0 to 1, found %s", json_type(c));
  }
  pAttrs = cJSON_GetObjectItemCaseSensitive(p, "attributes");
  if( pAttrs ){
    static const char *azAttrNames[A_COUNT+1];
    int i;
    path_key(zSub, sizeof(zSub), zPath, "attributes");
    if( !val_is_object(v, zSub, pAttrs) ) return;
    val_unique_keys(v, zSub, pAttrs);
    for(i=0; i<A_COUNT; i++) azAttrNames[i] = attr_info(i)->zName;
    azAttrNames[A_COUNT] = NULL;
    for(c=pAttrs->child; c; c=c->next){
      if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
        char zA[600];
        const char *zSug = suggest(c->string, azAttrNames);
        path_key(zA, sizeof(zA), zSub, c->string);
        if( zSug ) val_err(v, zA, "unknown attribute \"%s\" (did you mean \"%s\"?)", c->string, zSug);
        else val_err(v, zA, "unknown attribute \"%s\"", c->string);
      }
    }
    val_user_attrs(v, zSub, pAttrs, 1);
    if( cJSON_GetObjectItemCaseSensitive(pAttrs, "manager") ){
      char zM[600];
      path_key(zM, sizeof(zM), zSub, "manager");
      val_err(v, zM, "a population cannot set manager; give managers to individual users"
                     " or with an update action");
    }
  }
}

static const char *const azGroupKeys[] = { "key", "displayName", "type", NULL };

static void val_group(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const char *zKey, *zType;
  char zSub[TS_JSONPATH_MAX];
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azGroupKeys);
  val_str(v, zPath, p, "displayName", 0);
  zType = val_str(v, zPath, p, "type", 0);
  if( zType && strcmp(zType, "Security")!=0 && strcmp(zType, "Microsoft365")!=0
   && strcmp(zType, "MailEnabledSecurity")!=0 && strcmp(zType, "Distribution")!=0 ){
    path_key(zSub, sizeof(zSub), zPath, "type");
    val_err(v, zSub, "expected \"Security\", \"Microsoft365\", \"MailEnabledSecurity\" or"
            " \"Distribution\", found \"%s\"", zType);
  }
  zKey = val_str(v, zPath, p, "key", 1);
  if( zKey==NULL ) return;
  path_key(zSub, sizeof(zSub), zPath, "key");
  if( !is_key_text(zKey) ){
    val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( hmap_get(&t->groups, zKey, NULL) ){
    val_err(v, zSub, "group key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( hmap_put(&t->groups, zKey, 1) ){
    v->bNoMem = 1;
  }
}

static const char *const azTenantKeys[] = {
  "key", "tenantId", "domain", "cloud", "licences", "users", "groups", "populations",
  "guestInviteSetting", "objectQuota", "cloudSettings", "crossCloudSync", NULL
};

/* A "cloudSettings" array: clouds enabled for collaboration with this one. */
static void val_clouds(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a = val_array(v, zPath, p, "cloudSettings", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  path_key(zSub, sizeof(zSub), zPath, "cloudSettings");
  if( a ) cJSON_ArrayForEach(c, a){
    path_idx(zE, sizeof(zE), zSub, i++);
    if( !cJSON_IsString(c) || policy_cloud_bit(c->valuestring)==0 ){
      val_err(v, zE, "expected \"commercial\", \"usgov\" or \"china\"");
    }
  }
}

static int is_guid(const char *z){
  int i;
  if( strlen(z)!=36 ) return 0;
  for(i=0; i<36; i++){
    if( i==8 || i==13 || i==18 || i==23 ){ if( z[i]!='-' ) return 0; }
    else if( !isxdigit((unsigned char)z[i]) ) return 0;
  }
  return 1;
}

/* First pass over tenants: keys, scalar fields, groups. */
static void val_tenant_header(Val *v, const char *zPath, const cJSON *p){
  const char *zKey, *zCloud, *zId;
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX];
  int i;
  ValTenant *t;
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azTenantKeys);
  const char *zDomain;
  zKey = val_str(v, zPath, p, "key", 1);
  zDomain = val_str(v, zPath, p, "domain", 1);
  for(i=0; zDomain && i<v->nTenant; i++){
    if( v->aTenant[i].zDomain && strcasecmp(v->aTenant[i].zDomain, zDomain)==0 ){
      path_key(zSub, sizeof(zSub), zPath, "domain");
      val_err(v, zSub, "domain \"%s\" is already the domain of tenant %s", zDomain,
              v->aTenant[i].zKey);
      break;
    }
  }
  zCloud = val_str(v, zPath, p, "cloud", 0);
  if( zCloud && strcmp(zCloud, "commercial")!=0 && strcmp(zCloud, "usgov")!=0
   && strcmp(zCloud, "china")!=0 ){
    path_key(zSub, sizeof(zSub), zPath, "cloud");
    val_err(v, zSub, "expected \"commercial\", \"usgov\" or \"china\", found \"%s\"", zCloud);
  }
  {
    const char *zG = val_str(v, zPath, p, "guestInviteSetting", 0);
    int64_t nQ;
    if( zG && strcmp(zG, "allowed")!=0 && strcmp(zG, "mostRestrictive")!=0 ){
      path_key(zSub, sizeof(zSub), zPath, "guestInviteSetting");
      val_err(v, zSub, "expected \"allowed\" or \"mostRestrictive\", found \"%s\"", zG);
    }
    val_int(v, zPath, p, "objectQuota", 0, 1, 1e9, &nQ);
    val_clouds(v, zPath, p);
    val_bool(v, zPath, p, "crossCloudSync", &i);
  }
  zId = val_str(v, zPath, p, "tenantId", 0);
  if( zId && !is_guid(zId) ){
    path_key(zSub, sizeof(zSub), zPath, "tenantId");
    val_err(v, zSub, "expected a GUID such as 00000000-0000-0000-0000-000000000000");
  }
  for(i=0; zId && i<v->nTenant; i++){
    const char *zOther = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(v->aTenant[i].pNode, "tenantId"));
    if( zOther && strcasecmp(zOther, zId)==0 ){
      path_key(zSub, sizeof(zSub), zPath, "tenantId");
      val_err(v, zSub, "tenant id %s is already the id of tenant %s", zId, v->aTenant[i].zKey);
      break;
    }
  }
  a = val_array(v, zPath, p, "licences", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    char zL[TS_JSONPATH_MAX];
    path_key(zSub, sizeof(zSub), zPath, "licences");
    path_idx(zL, sizeof(zL), zSub, i++);
    if( !cJSON_IsString(c) || (strcmp(c->valuestring, "P1")!=0 && strcmp(c->valuestring, "P2")!=0
        && strcmp(c->valuestring, "Governance")!=0 && strcmp(c->valuestring, "Suite")!=0) ){
      val_err(v, zL, "expected \"P1\", \"P2\", \"Governance\" or \"Suite\"");
    }
  }
  if( zKey==NULL ) return;
  path_key(zSub, sizeof(zSub), zPath, "key");
  if( !is_key_text(zKey) ){
    val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
    return;
  }
  if( val_tenant(v, zKey) ){
    val_err(v, zSub, "tenant key \"%s\" is used twice", zKey);
    return;
  }
  t = &v->aTenant[v->nTenant++];
  memset(t, 0, sizeof(*t));
  t->zKey = zKey;
  t->zDomain = zDomain;
  t->pNode = p;
  hmap_init(&t->users);
  hmap_init(&t->groups);
  a = val_array(v, zPath, p, "groups", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    path_key(zSub, sizeof(zSub), zPath, "groups");
    {
      char zG[TS_JSONPATH_MAX];
      path_idx(zG, sizeof(zG), zSub, i++);
      val_group(v, zG, c, t);
    }
  }
}

/* Second and third passes: internal users and populations (bB2B 0), then
** B2B users (bB2B 1), whose homeUser may name a user of any tenant. */
static void val_tenant_users(Val *v, const char *zPath, const cJSON *p, int bB2B){
  ValTenant *t;
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( !cJSON_IsObject(p) ) return;
  t = val_tenant(v, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "key")));
  if( t==NULL || t->pNode!=p ) return;    /* a duplicate tenant: reported already */
  a = val_array(v, zPath, p, "users", 0);
  path_key(zSub, sizeof(zSub), zPath, "users");
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    int bHome = cJSON_IsObject(c) && cJSON_GetObjectItemCaseSensitive(c, "homeUser")!=NULL;
    path_idx(zE, sizeof(zE), zSub, i++);
    if( bHome==bB2B ) val_user(v, zE, c, t, 0);
    /* Managers may be declared anywhere in the tenant: check them last. */
    if( bB2B && cJSON_IsObject(c) ) val_manager_ref(v, zE, c, t);
  }
  if( bB2B ) return;
  a = val_array(v, zPath, p, "populations", 0);
  path_key(zSub, sizeof(zSub), zPath, "populations");
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zE, sizeof(zE), zSub, i++); val_population(v, zE, c, t); }
}

/* ---------------------------------------------------------------------
** Policies and jobs.
*/
static const char *const azPolicyKeys[] = {
  "tenant", "partner", "automaticUserConsentSettings", "userSyncInbound", "groupSyncInbound",
  "inboundTrust", NULL
};
static const char *const azConsentKeys[] = { "inboundAllowed", "outboundAllowed", NULL };
static const char *const azSyncKeys[] = { "isSyncAllowed", NULL };
static const char *const azTrustKeys[] = {
  "isMfaAccepted", "isCompliantDeviceAccepted", "isHybridAzureADJoinedDeviceAccepted", NULL
};

static void val_policy_part(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                            const char *const *azKeys){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  char zSub[TS_JSONPATH_MAX];
  int i, b;
  if( c==NULL ) return;
  path_key(zSub, sizeof(zSub), zPath, zKey);
  if( !val_is_object(v, zSub, c) ) return;
  val_keys(v, zSub, c, azKeys);
  for(i=0; azKeys[i]; i++){
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, azKeys[i]);
    if( f && !cJSON_IsNull(f) ) val_bool(v, zSub, c, azKeys[i], &b);
  }
}

static void val_policy(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll){
  const char *zT, *zP;
  const cJSON *q;
  char zSub[TS_JSONPATH_MAX];
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azPolicyKeys);
  zT = val_str(v, zPath, p, "tenant", 1);
  zP = val_str(v, zPath, p, "partner", 0);
  if( zT && !val_tenant(v, zT) ){
    path_key(zSub, sizeof(zSub), zPath, "tenant");
    val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  if( zP && !val_tenant(v, zP) ){
    path_key(zSub, sizeof(zSub), zPath, "partner");
    val_err(v, zSub, "no tenant \"%s\"", zP);
  }else if( zP && zT && strcmp(zP, zT)==0 ){
    path_key(zSub, sizeof(zSub), zPath, "partner");
    val_err(v, zSub, "a tenant cannot be its own partner");
  }
  for(q=pAll->child; zT && q && q!=p; q=q->next){
    const char *zQT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "tenant"));
    const char *zQP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "partner"));
    if( zQT && strcmp(zQT, zT)==0 && ((zQP==NULL && zP==NULL) || (zQP && zP && strcmp(zQP, zP)==0)) ){
      val_err(v, zPath, "a second policy of tenant %s for %s; give each (tenant, partner)"
              " one policy", zT, zP ? zP : "the default");
      break;
    }
  }
  val_policy_part(v, zPath, p, "automaticUserConsentSettings", azConsentKeys);
  val_policy_part(v, zPath, p, "userSyncInbound", azSyncKeys);
  val_policy_part(v, zPath, p, "groupSyncInbound", azSyncKeys);
  val_policy_part(v, zPath, p, "inboundTrust", azTrustKeys);
}

static const char *const azJobKeys[] = {
  "key", "source", "target", "scope", "assignments", "scopingFilters", "mapping", "start",
  "deleteThreshold", "crossCloud", "groupProvisioning", NULL
};
static const char *const azMappingKeys[] = { "replace", "attributes", "targetObjectActions", NULL };
static const char *const azActionsKeys[] = { "create", "update", "delete", NULL };
static const char *const azEntryKeys[] = {
  "target", "type", "source", "value", "expression", "flowType", "defaultValue",
  "matchingPriority", NULL
};

/* Is zName an attribute a mapping or expression may read? */
static int val_attr_known(const char *zName){
  return attr_find(zName)>=0 || attr_is_extension(zName);
}

/* One attribute mapping entry. */
static void val_map_entry(Val *v, const char *zPath, const cJSON *p){
  const char *zTarget, *zType, *zFlow;
  char zSub[TS_JSONPATH_MAX];
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azEntryKeys);
  zTarget = val_str(v, zPath, p, "target", 1);
  zType = val_str(v, zPath, p, "type", 1);
  zFlow = val_str(v, zPath, p, "flowType", 0);
  path_key(zSub, sizeof(zSub), zPath, "target");
  if( cJSON_GetObjectItemCaseSensitive(p, "matchingPriority")
   || (zTarget && strcmp(zTarget, "alternativeSecurityIds")==0) ){
    val_err(v, cJSON_GetObjectItemCaseSensitive(p, "matchingPriority") ? zPath : zSub,
            "schemaInvalid: the matching attribute (alternativeSecurityIds, matching precedence"
            " 1) cannot be changed, and no other matching attribute can be added");
  }else if( zTarget && (strcmp(zTarget, "otherMails")==0 || strcmp(zTarget, "proxyAddresses")==0) ){
    val_err(v, zSub, "%s cannot be a target attribute of cross-tenant synchronization", zTarget);
  }else if( zTarget && strcmp(zTarget, "IsSoftDeleted")==0 ){
    val_err(v, zSub, "IsSoftDeleted is managed by the provisioning engine and cannot be mapped");
  }else if( zTarget && !val_attr_known(zTarget) ){
    val_err(v, zSub, "unknown target attribute \"%s\"", zTarget);
  }
  if( zFlow && strcmp(zFlow, "Always")!=0 && strcmp(zFlow, "ObjectAddOnly")!=0 ){
    path_key(zSub, sizeof(zSub), zPath, "flowType");
    val_err(v, zSub, "expected \"Always\" or \"ObjectAddOnly\" (only during object creation),"
            " found \"%s\"", zFlow);
  }
  {
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(p, "defaultValue");
    if( d && !cJSON_IsString(d) && !cJSON_IsNull(d) ){
      path_key(zSub, sizeof(zSub), zPath, "defaultValue");
      val_err(v, zSub, "expected a string or null, found %s", json_type(d));
    }
  }
  if( zType==NULL ) return;
  if( strcmp(zType, "Direct")==0 ){
    const char *zSrc = val_str(v, zPath, p, "source", 1);
    if( zSrc && !val_attr_known(zSrc) ){
      path_key(zSub, sizeof(zSub), zPath, "source");
      val_err(v, zSub, "unknown source attribute \"%s\"", zSrc);
    }
  }else if( strcmp(zType, "Constant")==0 ){
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "value");
    if( !cJSON_IsString(c) ){
      path_key(zSub, sizeof(zSub), zPath, "value");
      val_err(v, zSub, "a Constant mapping needs a string value, found %s", json_type(c));
    }
  }else if( strcmp(zType, "Expression")==0 ){
    const char *zExpr = val_str(v, zPath, p, "expression", 1);
    Expr *pExpr = NULL;
    TsErr err;
    int i;
    if( zExpr==NULL ) return;
    path_key(zSub, sizeof(zSub), zPath, "expression");
    tserr_clear(&err);
    if( expr_compile(zExpr, &pExpr, &err) ){
      if( err.rc==TS_NOMEM ) v->bNoMem = 1;
      else val_err(v, zSub, "%s", err.zMsg);
      return;
    }
    for(i=0; i<expr_attr_count(pExpr); i++){
      if( !val_attr_known(expr_attr_name(pExpr, i)) ){
        val_err(v, zSub, "unknown attribute [%s]", expr_attr_name(pExpr, i));
      }
    }
    if( expr_uses_function(pExpr, "SelectUniqueValue") && (zFlow==NULL || strcmp(zFlow, "Always")==0) ){
      val_err(v, zSub, "SelectUniqueValue is for object creation only: give this mapping"
                       " \"flowType\": \"ObjectAddOnly\"");
    }
    expr_free(pExpr);
  }else if( strcmp(zType, "None")!=0 ){
    path_key(zSub, sizeof(zSub), zPath, "type");
    val_err(v, zSub, "expected \"Direct\", \"Constant\", \"Expression\" or \"None\", found"
            " \"%s\"", zType);
  }
}

/* A job's "mapping" object (also the argument of set_mapping). */
static void val_mapping(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0, b;
  HMap seen;
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azMappingKeys);
  val_bool(v, zPath, p, "replace", &b);
  a = val_array(v, zPath, p, "attributes", 0);
  path_key(zSub, sizeof(zSub), zPath, "attributes");
  hmap_init(&seen);               /* targets so far: linear in the entries */
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
    path_idx(zE, sizeof(zE), zSub, i++);
    val_map_entry(v, zE, c);
    if( zT==NULL || !cJSON_IsObject(c) ) continue;
    if( hmap_get(&seen, zT, NULL) ){
      val_err(v, zE, "a second mapping for target attribute %s", zT);
    }else if( hmap_put(&seen, zT, 1) ){
      v->bNoMem = 1;
    }
  }
  hmap_free(&seen);
  c = cJSON_GetObjectItemCaseSensitive(p, "targetObjectActions");
  if( c ){
    path_key(zSub, sizeof(zSub), zPath, "targetObjectActions");
    if( val_is_object(v, zSub, c) ){
      val_keys(v, zSub, c, azActionsKeys);
      for(i=0; azActionsKeys[i]; i++) val_bool(v, zSub, c, azActionsKeys[i], &b);
    }
  }
}
static const char *const azAssignKeys[] = { "users", "groups", NULL };
static const char *const azFilterKeys[] = { "title", "clauses", NULL };
static const char *const azClauseKeys[] = { "attribute", "operator", "value", NULL };

static void val_clause(Val *v, const char *zPath, const cJSON *p){
  const char *zAttr, *zOp;
  char zSub[TS_JSONPATH_MAX];
  int iOp = -1, iAttr;
  const cJSON *pVal;
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azClauseKeys);
  zAttr = val_str(v, zPath, p, "attribute", 1);
  zOp = val_str(v, zPath, p, "operator", 1);
  if( zAttr ){
    const char *zWhy;
    path_key(zSub, sizeof(zSub), zPath, "attribute");
    iAttr = attr_find(zAttr);
    if( (zWhy = scope_attr_forbidden(zAttr))!=NULL ){
      val_err(v, zSub, "%s cannot be a scoping attribute: %s", zAttr, zWhy);
    }else if( iAttr<0 && !attr_is_extension(zAttr) ){
      val_err(v, zSub, "unknown attribute \"%s\" (extension attributes are written"
                       " extension_<appId>_<name> or extensionAttribute1..15)", zAttr);
    }
  }
  if( zOp ){
    path_key(zSub, sizeof(zSub), zPath, "operator");
    iOp = scope_op_find(zOp);
    if( iOp<0 ){
      val_err(v, zSub, "unknown operator \"%s\"; expected one of %s", zOp, scope_op_list());
    }
  }
  pVal = cJSON_GetObjectItemCaseSensitive(p, "value");
  path_key(zSub, sizeof(zSub), zPath, "value");
  if( iOp>=0 && scope_op_is_unary((ScopeOp)iOp) && pVal ){
    val_err(v, zSub, "operator %s takes no value", zOp);
  }else if( iOp>=0 && !scope_op_is_unary((ScopeOp)iOp) && !cJSON_IsString(pVal) ){
    val_err(v, zSub, "operator %s needs a string value, found %s", zOp, json_type(pVal));
  }else if( iOp>=0 && cJSON_IsString(pVal) ){
    char zWhy[300];
    int rc = scope_value_check((ScopeOp)iOp, pVal->valuestring, zWhy, sizeof(zWhy));
    if( rc==-2 ) v->bNoMem = 1;
    else if( rc ) val_err(v, zSub, "%s", zWhy);
  }
}

/* Check a list of user keys of tenant t at path zPath. */
static void val_user_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t){
  const cJSON *c;
  char zE[TS_JSONPATH_MAX];
  int i = 0;
  cJSON_ArrayForEach(c, a){
    path_idx(zE, sizeof(zE), zPath, i++);
    if( !cJSON_IsString(c) ) val_err(v, zE, "expected a user key, found %s", json_type(c));
    else if( t && !val_user_known(t, c->valuestring) ){
      val_err(v, zE, "no user \"%s\" in tenant %s (at this point of the scenario)",
              c->valuestring, t->zKey);
    }
  }
}

static void val_group_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t){
  const cJSON *c;
  char zE[TS_JSONPATH_MAX];
  int i = 0;
  cJSON_ArrayForEach(c, a){
    path_idx(zE, sizeof(zE), zPath, i++);
    if( !cJSON_IsString(c) ) val_err(v, zE, "expected a group key, found %s", json_type(c));
    else if( t && !hmap_get(&t->groups, c->valuestring, NULL) ){
      val_err(v, zE, "no group \"%s\" in tenant %s", c->valuestring, t->zKey);
    }
  }
}

/* The "scopingFilters" array of p (a job or a set_filters action). */
static void val_filters(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a = val_array(v, zPath, p, "scopingFilters", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    const cJSON *l, *k;
    int j = 0;
    path_key(zSub, sizeof(zSub), zPath, "scopingFilters");
    path_idx(zE, sizeof(zE), zSub, i++);
    if( !val_is_object(v, zE, c) ) continue;
    val_keys(v, zE, c, azFilterKeys);
    val_str(v, zE, c, "title", 0);
    l = val_array(v, zE, c, "clauses", 1);
    if( l && cJSON_GetArraySize(l)==0 ){
      path_key(zSub, sizeof(zSub), zE, "clauses");
      val_err(v, zSub, "expected at least one clause");
    }
    if( l ) cJSON_ArrayForEach(k, l){
      char zC[600], zCl[600];
      path_key(zCl, sizeof(zCl), zE, "clauses");
      path_idx(zC, sizeof(zC), zCl, j++);
      val_clause(v, zC, k);
    }
  }
}

/* The licence bits of a tenants[] object (P1 when not given). */
static unsigned val_licences(const cJSON *pTenant){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(pTenant, "licences"), *c;
  unsigned m = 0;
  if( !cJSON_IsArray(a) ) return LIC_P1;
  cJSON_ArrayForEach(c, a){
    const char *z = cJSON_GetStringValue(c);
    if( z==NULL ) continue;
    if( strcmp(z, "P1")==0 ) m |= LIC_P1;
    else if( strcmp(z, "P2")==0 ) m |= LIC_P2;
    else if( strcmp(z, "Governance")==0 ) m |= LIC_GOVERNANCE;
    else if( strcmp(z, "Suite")==0 ) m |= LIC_SUITE;
  }
  return m;
}

static void val_job(Val *v, const char *zPath, const cJSON *p){
  const char *zKey, *zSrc, *zTgt, *zScope, *zStart;
  const cJSON *a, *c;
  ValTenant *ts, *tt;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azJobKeys);
  zKey = val_str(v, zPath, p, "key", 1);
  zSrc = val_str(v, zPath, p, "source", 1);
  zTgt = val_str(v, zPath, p, "target", 1);
  ts = val_tenant(v, zSrc);
  tt = val_tenant(v, zTgt);
  if( zSrc && !ts ){ path_key(zSub, sizeof(zSub), zPath, "source"); val_err(v, zSub, "no tenant \"%s\"", zSrc); }
  if( zTgt && !tt ){ path_key(zSub, sizeof(zSub), zPath, "target"); val_err(v, zSub, "no tenant \"%s\"", zTgt); }
  if( ts && ts==tt ){
    path_key(zSub, sizeof(zSub), zPath, "target");
    val_err(v, zSub, "source and target must be different tenants");
  }
  zScope = val_str(v, zPath, p, "scope", 0);
  if( zScope && strcmp(zScope, "assigned")!=0 && strcmp(zScope, "all")!=0 ){
    path_key(zSub, sizeof(zSub), zPath, "scope");
    val_err(v, zSub, "expected \"assigned\" or \"all\", found \"%s\"", zScope);
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "start");
  if( c && !cJSON_IsFalse(c) ){
    char zWhy[160];
    SimTime t;
    path_key(zSub, sizeof(zSub), zPath, "start");
    zStart = cJSON_GetStringValue(c);
    if( zStart==NULL ) val_err(v, zSub, "expected an instant, an offset such as PT1H, or false");
    else if( scenario_when(v->pScn, zStart, &t, zWhy, sizeof(zWhy)) ) val_err(v, zSub, "%s", zWhy);
  }
  a = cJSON_GetObjectItemCaseSensitive(p, "assignments");
  if( a ){
    path_key(zSub, sizeof(zSub), zPath, "assignments");
    if( val_is_object(v, zSub, a) ){
      const cJSON *l;
      val_keys(v, zSub, a, azAssignKeys);
      if( (l = val_array(v, zSub, a, "users", 0))!=NULL ){
        path_key(zE, sizeof(zE), zSub, "users");
        val_user_list(v, zE, l, ts);
      }
      if( (l = val_array(v, zSub, a, "groups", 0))!=NULL ){
        path_key(zE, sizeof(zE), zSub, "groups");
        val_group_list(v, zE, l, ts);
      }
    }
  }
  c = cJSON_GetObjectItemCaseSensitive(p, "mapping");
  if( c ){
    path_key(zSub, sizeof(zSub), zPath, "mapping");
    val_mapping(v, zSub, c);
  }
  {
    int64_t nThr;
    int bCross = 0;
    val_int(v, zPath, p, "deleteThreshold", 0, 0, 1e9, &nThr);
    int bGroups = 0;
    val_bool(v, zPath, p, "crossCloud", &bCross);
    val_bool(v, zPath, p, "groupProvisioning", &bGroups);
    if( ts && tt ){
      const cJSON *pS = ts->pNode, *pT = tt->pNode;
      const char *zCs = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pS, "cloud"));
      const char *zCt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pT, "cloud"));
      unsigned mLic = val_licences(pS);
      path_key(zSub, sizeof(zSub), zPath, "target");
      if( !policy_cloud_pair_ok(zCs, zCt) ){
        val_err(v, zSub, "synchronization from the %s cloud to the %s cloud is not supported"
                " (cross-cloud pairs: commercial to usgov, usgov to commercial, commercial"
                " to china)", zCs ? zCs : "commercial", zCt ? zCt : "commercial");
      }else if( policy_cloud_bit(zCs)!=policy_cloud_bit(zCt) && !(mLic & (LIC_GOVERNANCE|LIC_SUITE)) ){
        path_key(zSub, sizeof(zSub), zPath, "source");
        val_err(v, zSub, "cross-cloud synchronization needs Microsoft Entra ID Governance or"
                " Microsoft Entra Suite licences in the source tenant %s", ts->zKey);
      }
      if( bGroups ){
        path_key(zSub, sizeof(zSub), zPath, "groupProvisioning");
        if( !(mLic & (LIC_GOVERNANCE|LIC_SUITE)) ){
          val_err(v, zSub, "group synchronization needs Microsoft Entra ID Governance or"
                  " Microsoft Entra Suite licences in the source tenant %s", ts->zKey);
        }else if( policy_cloud_bit(zCs)!=policy_cloud_bit(zCt) ){
          val_err(v, zSub, "groups are not synchronized across clouds");
        }else if( zScope && strcmp(zScope, "all")==0 ){
          val_err(v, zSub, "group synchronization needs the scope \"Sync only assigned users"
                  " and groups\" (\"assigned\")");
        }
      }
      if( !(mLic & (LIC_P1|LIC_P2|LIC_SUITE)) ){
        path_key(zSub, sizeof(zSub), zPath, "source");
        val_err(v, zSub, "cross-tenant synchronization needs Microsoft Entra ID P1 (or P2, or"
                " Microsoft Entra Suite) licences in the source tenant %s", ts->zKey);
      }
    }
  }
  val_filters(v, zPath, p);
  if( zKey ){
    path_key(zSub, sizeof(zSub), zPath, "key");
    for(i=0; i<v->nJob; i++){
      if( strcmp(v->azJob[i], zKey)==0 ){ val_err(v, zSub, "job key \"%s\" is used twice", zKey); return; }
      if( ts && tt && v->aJobSrc[i]==(int)(ts-v->aTenant) && v->aJobTgt[i]==(int)(tt-v->aTenant) ){
        val_err(v, zSub, "job %s repeats the pair %s -> %s of job %s; the service allows one"
                " configuration per source and target", zKey, ts->zKey, tt->zKey, v->azJob[i]);
        return;
      }
    }
    v->azJob[v->nJob] = zKey;
    v->aJobSrc[v->nJob] = ts ? (int)(ts-v->aTenant) : -1;
    v->aJobTgt[v->nJob] = tt ? (int)(tt-v->aTenant) : -1;
    v->nJob++;
  }
}

static int val_job_find(Val *v, const char *zKey){
  int i;
  for(i=0; zKey && i<v->nJob; i++) if( strcmp(v->azJob[i], zKey)==0 ) return i;
  return -1;
}

/* ---------------------------------------------------------------------
** Timeline.
*/
static const char *const azActionNames[] = {
  "hire", "terminate", "restore", "disable", "enable", "update", "move", "assign",
  "unassign", "add_member", "remove_member", "set_policy", "start_job", "pause_job",
  "restart_job", "target_update", "set_mapping", "set_filters", "allow_deletes",
  "set_tenant", "target_leave", "provision_on_demand", NULL
};

/* Keys each action accepts beyond "at", "action" and "note". */
static const char *const *action_keys(const char *zAction){
  static const char *const azHire[] = { "at", "action", "note", "tenant", "users", "population", NULL };
  static const char *const azSel[] = { "at", "action", "note", "tenant", "users", "sample", NULL };
  static const char *const azUpd[] = { "at", "action", "note", "tenant", "users", "sample", "set", NULL };
  static const char *const azMove[] = { "at", "action", "note", "tenant", "users", "sample", "department", NULL };
  static const char *const azAssign[] = { "at", "action", "note", "job", "users", "groups", "sample", NULL };
  static const char *const azMember[] = { "at", "action", "note", "tenant", "group", "users", "sample", NULL };
  static const char *const azPolicy[] = { "at", "action", "note", "tenant", "partner", "field", "value", NULL };
  static const char *const azJob[] = { "at", "action", "note", "job", NULL };
  static const char *const azRestart[] = { "at", "action", "note", "job", "resetScope", NULL };
  if( strcmp(zAction, "restart_job")==0 ) return azRestart;
  static const char *const azTarget[] = { "at", "action", "note", "job", "users", "set", NULL };
  static const char *const azSetMap[] = { "at", "action", "note", "job", "mapping", NULL };
  static const char *const azSetFilt[] = { "at", "action", "note", "job", "scopingFilters", NULL };
  static const char *const azLeave[] = { "at", "action", "note", "job", "users", NULL };
  static const char *const azOnDemand[] = { "at", "action", "note", "job", "user", "group", NULL };
  if( strcmp(zAction, "provision_on_demand")==0 ) return azOnDemand;
  if( strcmp(zAction, "target_leave")==0 ) return azLeave;
  static const char *const azSetTenant[] = { "at", "action", "note", "tenant", "guestInviteSetting",
    "objectQuota", "cloudSettings", "crossCloudSync", NULL };
  if( strcmp(zAction, "set_tenant")==0 ) return azSetTenant;
  if( strcmp(zAction, "set_mapping")==0 ) return azSetMap;
  if( strcmp(zAction, "set_filters")==0 ) return azSetFilt;
  if( strcmp(zAction, "hire")==0 ) return azHire;
  if( strcmp(zAction, "update")==0 ) return azUpd;
  if( strcmp(zAction, "move")==0 ) return azMove;
  if( strcmp(zAction, "assign")==0 || strcmp(zAction, "unassign")==0 ) return azAssign;
  if( strcmp(zAction, "add_member")==0 || strcmp(zAction, "remove_member")==0 ) return azMember;
  if( strcmp(zAction, "set_policy")==0 ) return azPolicy;
  if( strcmp(zAction, "target_update")==0 ) return azTarget;
  if( strncmp(zAction, "start_", 6)==0 || strncmp(zAction, "pause_", 6)==0
   || strcmp(zAction, "allow_deletes")==0 ) return azJob;
  return azSel;
}

static const char *const azSampleKeys[] = { "count", "group", "where", NULL };

/* Validate "users" / "sample" selecting users of tenant t; one required
** unless bOptional. */
static void val_selector(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bOptional){
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
  const cJSON *pSample = cJSON_GetObjectItemCaseSensitive(p, "sample");
  char zSub[TS_JSONPATH_MAX];
  int64_t n;
  if( pUsers && pSample ){
    val_err(v, zPath, "give either \"users\" or \"sample\", not both");
    return;
  }
  if( !pUsers && !pSample ){
    if( !bOptional ) val_err(v, zPath, "missing \"users\" (a list of user keys) or \"sample\"");
    return;
  }
  if( pUsers ){
    path_key(zSub, sizeof(zSub), zPath, "users");
    if( !cJSON_IsArray(pUsers) ) val_err(v, zSub, "expected an array of user keys, found %s", json_type(pUsers));
    else if( cJSON_GetArraySize(pUsers)==0 ) val_err(v, zSub, "expected at least one user key");
    else val_user_list(v, zSub, pUsers, t);
    return;
  }
  path_key(zSub, sizeof(zSub), zPath, "sample");
  if( !val_is_object(v, zSub, pSample) ) return;
  val_keys(v, zSub, pSample, azSampleKeys);
  val_int(v, zSub, pSample, "count", 1, 1, VAL_MAX_POPULATION, &n);
  {
    const char *zG = val_str(v, zSub, pSample, "group", 0);
    const cJSON *pWhere = cJSON_GetObjectItemCaseSensitive(pSample, "where"), *c;
    char zE[600];
    if( zG && t && !hmap_get(&t->groups, zG, NULL) ){
      path_key(zE, sizeof(zE), zSub, "group");
      val_err(v, zE, "no group \"%s\" in tenant %s", zG, t->zKey);
    }
    if( pWhere ){
      path_key(zE, sizeof(zE), zSub, "where");
      if( val_is_object(v, zE, pWhere) ) val_unique_keys(v, zE, pWhere);
      if( cJSON_IsObject(pWhere) ) for(c=pWhere->child; c; c=c->next){
        char zW[700];
        path_key(zW, sizeof(zW), zE, c->string);
        if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
          val_err(v, zW, "unknown attribute \"%s\"", c->string);
        }
        else if( !cJSON_IsString(c) ) val_err(v, zW, "expected a string, found %s", json_type(c));
      }
    }
  }
}

/* Validate a "set" object of attribute -> value (string, Boolean, null). */
static void val_set(Val *v, const char *zPath, const cJSON *p){
  const cJSON *pSet = cJSON_GetObjectItemCaseSensitive(p, "set"), *c;
  char zSub[TS_JSONPATH_MAX];
  path_key(zSub, sizeof(zSub), zPath, "set");
  if( pSet==NULL ){ val_err(v, zSub, "missing; expected an object of attribute: value"); return; }
  if( !val_is_object(v, zSub, pSet) ) return;
  val_unique_keys(v, zSub, pSet);
  if( pSet->child==NULL ) val_err(v, zSub, "expected at least one attribute");
  for(c=pSet->child; c; c=c->next){
    if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
      char zA[600];
      path_key(zA, sizeof(zA), zSub, c->string);
      val_err(v, zA, "unknown attribute \"%s\"", c->string);
    }
  }
  val_user_attrs(v, zSub, pSet, 0);
}

static ValTenant *val_tenant_ref(Val *v, const char *zPath, const cJSON *p, const char *zKey){
  const char *z = val_str(v, zPath, p, zKey, 1);
  ValTenant *t = val_tenant(v, z);
  char zSub[TS_JSONPATH_MAX];
  if( z && t==NULL ){
    path_key(zSub, sizeof(zSub), zPath, zKey);
    val_err(v, zSub, "no tenant \"%s\"", z);
  }
  return t;
}

static void val_action(Val *v, const char *zPath, const cJSON *p, const char *zAction){
  ValTenant *t;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  const cJSON *c;
  int i, iJob;
  val_keys(v, zPath, p, action_keys(zAction));
  if( strcmp(zAction, "hire")==0 ){
    const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
    const cJSON *pPop = cJSON_GetObjectItemCaseSensitive(p, "population");
    t = val_tenant_ref(v, zPath, p, "tenant");
    if( (pUsers==NULL)==(pPop==NULL) ){
      val_err(v, zPath, "a hire needs either \"users\" (a list of user objects) or"
                        " \"population\" (a generated population)");
      return;
    }
    if( t==NULL ) return;
    if( pUsers ){
      path_key(zSub, sizeof(zSub), zPath, "users");
      if( !cJSON_IsArray(pUsers) ){ val_err(v, zSub, "expected an array of user objects"); return; }
      i = 0;
      cJSON_ArrayForEach(c, pUsers){
        path_idx(zE, sizeof(zE), zSub, i++);
        val_user(v, zE, c, t, 1);
        if( cJSON_IsObject(c) ) val_manager_ref(v, zE, c, t);
      }
    }else{
      path_key(zSub, sizeof(zSub), zPath, "population");
      val_population(v, zSub, pPop, t);
    }
  }else if( strcmp(zAction, "assign")==0 || strcmp(zAction, "unassign")==0 ){
    const char *zJob = val_str(v, zPath, p, "job", 1);
    const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(p, "groups");
    iJob = val_job_find(v, zJob);
    if( zJob && iJob<0 ){ path_key(zSub, sizeof(zSub), zPath, "job"); val_err(v, zSub, "no job \"%s\"", zJob); }
    t = iJob>=0 && v->aJobSrc[iJob]>=0 ? &v->aTenant[v->aJobSrc[iJob]] : NULL;
    if( pGroups ){
      path_key(zSub, sizeof(zSub), zPath, "groups");
      if( cJSON_GetObjectItemCaseSensitive(p, "users") || cJSON_GetObjectItemCaseSensitive(p, "sample") ){
        val_err(v, zPath, "give \"groups\" or users, not both");
      }else if( !cJSON_IsArray(pGroups) || cJSON_GetArraySize(pGroups)==0 ){
        val_err(v, zSub, "expected a non-empty array of group keys");
      }else{
        val_group_list(v, zSub, pGroups, t);
      }
    }else{
      val_selector(v, zPath, p, t, 0);
    }
  }else if( strcmp(zAction, "add_member")==0 || strcmp(zAction, "remove_member")==0 ){
    const char *zG;
    t = val_tenant_ref(v, zPath, p, "tenant");
    zG = val_str(v, zPath, p, "group", 1);
    if( t && zG && !hmap_get(&t->groups, zG, NULL) ){
      path_key(zSub, sizeof(zSub), zPath, "group");
      val_err(v, zSub, "no group \"%s\" in tenant %s", zG, t->zKey);
    }
    val_selector(v, zPath, p, t, 0);
  }else if( strcmp(zAction, "set_policy")==0 ){
    const char *zF, *zP;
    const cJSON *pV = cJSON_GetObjectItemCaseSensitive(p, "value");
    ValTenant *tp;
    t = val_tenant_ref(v, zPath, p, "tenant");
    zP = val_str(v, zPath, p, "partner", 0);
    tp = val_tenant(v, zP);
    path_key(zSub, sizeof(zSub), zPath, "partner");
    if( zP && tp==NULL ) val_err(v, zSub, "no tenant \"%s\"", zP);
    else if( tp && tp==t ) val_err(v, zSub, "a tenant cannot be its own partner");
    zF = val_str(v, zPath, p, "field", 1);
    if( zF && policy_field_find(zF)<0 ){
      path_key(zSub, sizeof(zSub), zPath, "field");
      val_err(v, zSub, "unknown policy field \"%s\"; expected one of"
              " automaticUserConsentSettings.inboundAllowed, automaticUserConsentSettings."
              "outboundAllowed, userSyncInbound.isSyncAllowed, groupSyncInbound.isSyncAllowed,"
              " inboundTrust.isMfaAccepted,"
              " inboundTrust.isCompliantDeviceAccepted,"
              " inboundTrust.isHybridAzureADJoinedDeviceAccepted", zF);
    }
    path_key(zSub, sizeof(zSub), zPath, "value");
    if( !cJSON_IsBool(pV) && !cJSON_IsNull(pV) ){
      val_err(v, zSub, "expected true, false or null, found %s", json_type(pV));
    }
  }else if( strcmp(zAction, "start_job")==0 || strcmp(zAction, "pause_job")==0
         || strcmp(zAction, "restart_job")==0 || strcmp(zAction, "allow_deletes")==0 ){
    const char *zJob = val_str(v, zPath, p, "job", 1);
    const char *zScope = val_str(v, zPath, p, "resetScope", 0);
    if( zJob && val_job_find(v, zJob)<0 ){
      path_key(zSub, sizeof(zSub), zPath, "job");
      val_err(v, zSub, "no job \"%s\"", zJob);
    }
    while( zScope ){
      char zName[64];
      size_t k = strcspn(zScope, ",");
      snprintf(zName, sizeof(zName), "%.*s", (int)(k<63 ? k : 63), zScope);
      if( job_reset_flag(zName)<0 ){
        path_key(zSub, sizeof(zSub), zPath, "resetScope");
        val_err(v, zSub, "unknown resetScope \"%s\"; expected a comma list of None,"
                " ConnectorDataStore, Escrows, Watermark, QuarantineState, Full, ForceDeletes", zName);
        break;
      }
      if( zScope[k]==0 ) break;
      zScope += k+1;
    }
  }else if( strcmp(zAction, "provision_on_demand")==0 ){
    const char *zJob = val_str(v, zPath, p, "job", 1);
    const char *zUser = val_str(v, zPath, p, "user", 0);
    const char *zGroup = val_str(v, zPath, p, "group", 0);
    iJob = val_job_find(v, zJob);
    if( zJob && iJob<0 ){ path_key(zSub, sizeof(zSub), zPath, "job"); val_err(v, zSub, "no job \"%s\"", zJob); }
    t = iJob>=0 && v->aJobSrc[iJob]>=0 ? &v->aTenant[v->aJobSrc[iJob]] : NULL;
    if( (zUser==NULL)==(zGroup==NULL) ){
      val_err(v, zPath, "give the \"user\" (a key) or the \"group\" to provision on demand");
    }else if( zUser && t && !val_user_known(t, zUser) ){
      path_key(zSub, sizeof(zSub), zPath, "user");
      val_err(v, zSub, "no user \"%s\" in tenant %s (at this point of the scenario)", zUser, t->zKey);
    }else if( zGroup && t && !hmap_get(&t->groups, zGroup, NULL) ){
      path_key(zSub, sizeof(zSub), zPath, "group");
      val_err(v, zSub, "no group \"%s\" in tenant %s", zGroup, t->zKey);
    }
  }else if( strcmp(zAction, "set_tenant")==0 ){
    const char *zG;
    int64_t nQ;
    int b;
    val_tenant_ref(v, zPath, p, "tenant");
    zG = val_str(v, zPath, p, "guestInviteSetting", 0);
    if( zG && strcmp(zG, "allowed")!=0 && strcmp(zG, "mostRestrictive")!=0 ){
      path_key(zSub, sizeof(zSub), zPath, "guestInviteSetting");
      val_err(v, zSub, "expected \"allowed\" or \"mostRestrictive\", found \"%s\"", zG);
    }
    val_int(v, zPath, p, "objectQuota", 0, 0, 1e9, &nQ);
    val_clouds(v, zPath, p);
    val_bool(v, zPath, p, "crossCloudSync", &b);
    if( !cJSON_GetObjectItemCaseSensitive(p, "guestInviteSetting")
     && !cJSON_GetObjectItemCaseSensitive(p, "objectQuota")
     && !cJSON_GetObjectItemCaseSensitive(p, "cloudSettings")
     && !cJSON_GetObjectItemCaseSensitive(p, "crossCloudSync") ){
      val_err(v, zPath, "set_tenant needs at least one of guestInviteSetting, objectQuota,"
                        " cloudSettings, crossCloudSync");
    }
  }else if( strcmp(zAction, "set_mapping")==0 || strcmp(zAction, "set_filters")==0 ){
    const char *zJob = val_str(v, zPath, p, "job", 1);
    if( zJob && val_job_find(v, zJob)<0 ){
      path_key(zSub, sizeof(zSub), zPath, "job");
      val_err(v, zSub, "no job \"%s\"", zJob);
    }
    if( zAction[4]=='m' ){
      const cJSON *m = cJSON_GetObjectItemCaseSensitive(p, "mapping");
      path_key(zSub, sizeof(zSub), zPath, "mapping");
      if( m==NULL ) val_err(v, zSub, "missing; expected the job's new mapping object");
      else val_mapping(v, zSub, m);
    }else{
      if( !cJSON_GetObjectItemCaseSensitive(p, "scopingFilters") ){
        path_key(zSub, sizeof(zSub), zPath, "scopingFilters");
        val_err(v, zSub, "missing; expected the job's new scoping filters ([] removes them)");
      }
      val_filters(v, zPath, p);
    }
  }else if( strcmp(zAction, "target_update")==0 || strcmp(zAction, "target_leave")==0 ){
    const char *zJob = val_str(v, zPath, p, "job", 1);
    const cJSON *pUsers;
    iJob = val_job_find(v, zJob);
    if( zJob && iJob<0 ){ path_key(zSub, sizeof(zSub), zPath, "job"); val_err(v, zSub, "no job \"%s\"", zJob); }
    t = iJob>=0 && v->aJobSrc[iJob]>=0 ? &v->aTenant[v->aJobSrc[iJob]] : NULL;
    pUsers = val_array(v, zPath, p, "users", 1);
    if( pUsers ){
      path_key(zSub, sizeof(zSub), zPath, "users");
      val_user_list(v, zSub, pUsers, t);
    }
    if( zAction[7]=='u' ) val_set(v, zPath, p);
  }else{
    /* terminate, restore, disable, enable, update, move */
    t = val_tenant_ref(v, zPath, p, "tenant");
    val_selector(v, zPath, p, t, 0);
    if( strcmp(zAction, "update")==0 ){
      val_set(v, zPath, p);
      {
        const cJSON *pSet = cJSON_GetObjectItemCaseSensitive(p, "set");
        char zS[TS_JSONPATH_MAX];
        path_key(zS, sizeof(zS), zPath, "set");
        if( cJSON_IsObject(pSet) ) val_manager_ref(v, zS, pSet, t);
      }
    }
    if( strcmp(zAction, "move")==0 ) val_str(v, zPath, p, "department", 1);
  }
}

static int action_cmp(const void *a, const void *b){
  const ScnAction *x = a, *y = b;
  if( x->t!=y->t ) return x->t<y->t ? -1 : 1;
  return x->iIndex - y->iIndex;
}

static void val_timeline(Val *v, const cJSON *pRoot){
  const cJSON *a = val_array(v, "", pRoot, "timeline", 0), *c;
  Scenario *s = v->pScn;
  char zPath[64], zSub[128], zWhy[160], zList[400];
  int i = 0, n;
  if( a==NULL ) return;
  n = cJSON_GetArraySize(a);
  s->aAction = mem_calloc((size_t)(n ? n : 1), sizeof(ScnAction));
  if( s->aAction==NULL ){ v->bNoMem = 1; return; }
  cJSON_ArrayForEach(c, a){
    const char *zAt, *zAction;
    SimTime t;
    path_idx(zPath, sizeof(zPath), "timeline", i++);
    if( !val_is_object(v, zPath, c) ) continue;
    zAt = val_str(v, zPath, c, "at", 1);
    zAction = val_str(v, zPath, c, "action", 1);
    if( zAt==NULL || zAction==NULL ) continue;
    path_key(zSub, sizeof(zSub), zPath, "at");
    if( scenario_when(s, zAt, &t, zWhy, sizeof(zWhy)) ){ val_err(v, zSub, "%s", zWhy); continue; }
    {
      int k;
      for(k=0; azActionNames[k]; k++) if( strcmp(azActionNames[k], zAction)==0 ) break;
      if( azActionNames[k]==NULL ){
        const char *zSug = suggest(zAction, azActionNames);
        path_key(zSub, sizeof(zSub), zPath, "action");
        join_list(zList, sizeof(zList), azActionNames);
        if( zSug ) val_err(v, zSub, "unknown action \"%s\" (did you mean \"%s\"?)", zAction, zSug);
        else val_err(v, zSub, "unknown action \"%s\"; expected one of: %s", zAction, zList);
        continue;
      }
    }
    s->aAction[s->nAction].t = t;
    s->aAction[s->nAction].iIndex = i-1;
    s->aAction[s->nAction].pJson = c;
    s->nAction++;
  }
  qsort(s->aAction, (size_t)s->nAction, sizeof(ScnAction), action_cmp);
  /* Validate the actions in the order they will run, so that a reference to
  ** a user hired later is caught. */
  for(i=0; i<s->nAction; i++){
    path_idx(zPath, sizeof(zPath), "timeline", s->aAction[i].iIndex);
    val_action(v, zPath, s->aAction[i].pJson,
               cJSON_GetObjectItemCaseSensitive(s->aAction[i].pJson, "action")->valuestring);
  }
}

/* ---------------------------------------------------------------------
** Top level.
*/
static const char *const azTopKeys[] = {
  "name", "description", "seed", "start", "duration", "parameters", "tenants",
  "policies", "jobs", "faults", "timeline", "expect", NULL
};
static const char *const azExpectKeys[] = {
  "at", "job", "status", "user", "state", "attribute", "equals", NULL
};

/* Is z a comparison operator of a metric expectation? */
static int expect_op_ok(const char *z, size_t n){
  static const char *const az[] = { "==", "!=", "<=", ">=", "<", ">", NULL };
  int i;
  for(i=0; az[i]; i++) if( strlen(az[i])==n && strncmp(az[i], z, n)==0 ) return 1;
  return 0;
}

/* One expectation: "path op value" or an instant object. */
static void val_expect(Val *v, const char *zPath, const cJSON *p){
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  if( cJSON_IsString(p) ){
    const char *z = p->valuestring, *zOp, *zVal;
    size_t nOp;
    zOp = strchr(z, ' ');
    if( zOp==NULL ){ val_err(v, zPath, "expected \"metric op value\", e.g. \"orphans.count == 0\""); return; }
    while( *zOp==' ' ) zOp++;
    nOp = strcspn(zOp, " ");
    zVal = zOp + nOp;
    while( *zVal==' ' ) zVal++;
    if( !expect_op_ok(zOp, nOp) ){
      val_err(v, zPath, "unknown comparison in \"%s\"; expected ==, !=, <, <=, > or >=", z);
    }else if( *zVal==0 ){
      val_err(v, zPath, "\"%s\" has no value to compare with", z);
    }else if( strncmp(z, "convergence.", 12)!=0 && strncmp(z, "drift.", 6)!=0
           && strncmp(z, "orphans.", 8)!=0 && strncmp(z, "totals.", 7)!=0
           && strncmp(z, "jobs.", 5)!=0 ){
      val_err(v, zPath, "unknown metric in \"%s\"; metrics start with convergence., drift.,"
              " orphans., totals. or jobs.", z);
    }
    return;
  }
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azExpectKeys);
  {
    const char *zAt = val_str(v, zPath, p, "at", 1);
    const char *zJob = val_str(v, zPath, p, "job", 1);
    const char *zStatus = val_str(v, zPath, p, "status", 0);
    const char *zUser = val_str(v, zPath, p, "user", 0);
    const char *zState = val_str(v, zPath, p, "state", 0);
    const char *zAttr = val_str(v, zPath, p, "attribute", 0);
    SimTime t;
    int iJob = val_job_find(v, zJob);
    path_key(zSub, sizeof(zSub), zPath, "at");
    if( zAt && scenario_when(v->pScn, zAt, &t, zWhy, sizeof(zWhy)) ) val_err(v, zSub, "%s", zWhy);
    if( zJob && iJob<0 ){ path_key(zSub, sizeof(zSub), zPath, "job"); val_err(v, zSub, "no job \"%s\"", zJob); }
    if( (zStatus==NULL)==(zUser==NULL) ){
      val_err(v, zPath, "expect either a job \"status\" or a \"user\" (source key) with"
                        " \"state\" or \"attribute\"/\"equals\"");
    }else if( zStatus && strcmp(zStatus, "NotRun")!=0 && strcmp(zStatus, "Active")!=0
           && strcmp(zStatus, "Paused")!=0 && strcmp(zStatus, "Quarantine")!=0
           && strcmp(zStatus, "Disabled")!=0 ){
      path_key(zSub, sizeof(zSub), zPath, "status");
      val_err(v, zSub, "expected NotRun, Active, Paused, Quarantine or Disabled, found \"%s\"", zStatus);
    }else if( zUser ){
      if( iJob>=0 && v->aJobSrc[iJob]>=0 && !val_user_known(&v->aTenant[v->aJobSrc[iJob]], zUser) ){
        path_key(zSub, sizeof(zSub), zPath, "user");
        val_err(v, zSub, "no user \"%s\" in the job's source tenant", zUser);
      }
      if( (zState==NULL)==(zAttr==NULL) ){
        val_err(v, zPath, "give \"state\" (exists, absent, softDeleted) or \"attribute\" and \"equals\"");
      }else if( zState && strcmp(zState, "exists")!=0 && strcmp(zState, "absent")!=0
             && strcmp(zState, "softDeleted")!=0 ){
        path_key(zSub, sizeof(zSub), zPath, "state");
        val_err(v, zSub, "expected exists, absent or softDeleted, found \"%s\"", zState);
      }else if( zAttr && !val_attr_known(zAttr) ){
        path_key(zSub, sizeof(zSub), zPath, "attribute");
        val_err(v, zSub, "unknown attribute \"%s\"", zAttr);
      }else if( zAttr && !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(p, "equals"))
             && !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(p, "equals")) ){
        path_key(zSub, sizeof(zSub), zPath, "equals");
        val_err(v, zSub, "expected the attribute's value (a string) or null");
      }
    }
  }
}
static const char *const azFaultKeys[] = {
  "tenant", "kind", "from", "until", "rate", "errorCode", "factor", NULL
};

/* One injected fault window. */
static void val_fault(Val *v, const char *zPath, const cJSON *p){
  const char *zT, *zKind, *zFrom, *zUntil, *zCode;
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  SimTime tFrom = 0, tUntil = 0;
  if( !val_is_object(v, zPath, p) ) return;
  val_keys(v, zPath, p, azFaultKeys);
  zT = val_str(v, zPath, p, "tenant", 1);
  if( zT && !val_tenant(v, zT) ){
    path_key(zSub, sizeof(zSub), zPath, "tenant");
    val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  zKind = val_str(v, zPath, p, "kind", 1);
  zFrom = val_str(v, zPath, p, "from", 1);
  zUntil = val_str(v, zPath, p, "until", 1);
  path_key(zSub, sizeof(zSub), zPath, "from");
  if( zFrom && scenario_when(v->pScn, zFrom, &tFrom, zWhy, sizeof(zWhy)) ) val_err(v, zSub, "%s", zWhy);
  path_key(zSub, sizeof(zSub), zPath, "until");
  if( zUntil && scenario_when(v->pScn, zUntil, &tUntil, zWhy, sizeof(zWhy)) ) val_err(v, zSub, "%s", zWhy);
  else if( zFrom && zUntil && tUntil<=tFrom ) val_err(v, zSub, "expected an end after \"from\"");
  zCode = val_str(v, zPath, p, "errorCode", 0);
  if( zKind==NULL ) return;
  path_key(zSub, sizeof(zSub), zPath, "kind");
  if( strcmp(zKind, "outage")==0 || strcmp(zKind, "transient")==0 ){
    if( zCode && strcmp(zCode, "TooManyRequests")!=0 && strcmp(zCode, "InternalServerError")!=0
     && strcmp(zCode, "Timeout")!=0 ){
      path_key(zSub, sizeof(zSub), zPath, "errorCode");
      val_err(v, zSub, "expected TooManyRequests, InternalServerError or Timeout, found \"%s\"", zCode);
    }
    if( zKind[0]=='t' ){
      c = cJSON_GetObjectItemCaseSensitive(p, "rate");
      path_key(zSub, sizeof(zSub), zPath, "rate");
      if( !cJSON_IsNumber(c) || c->valuedouble<=0 || c->valuedouble>1 ){
        val_err(v, zSub, "a transient fault needs a failure rate in (0, 1]");
      }
    }
  }else if( strcmp(zKind, "throttle")==0 ){
    c = cJSON_GetObjectItemCaseSensitive(p, "factor");
    path_key(zSub, sizeof(zSub), zPath, "factor");
    if( !cJSON_IsNumber(c) || c->valuedouble<1 || c->valuedouble>1000 ){
      val_err(v, zSub, "throttling needs a slow-down factor from 1 to 1000");
    }
  }else{
    val_err(v, zSub, "expected \"outage\", \"transient\" or \"throttle\", found \"%s\"", zKind);
  }
}
/* One parameter against its row of the table (params.h); sets the field
** when the value is valid. */
static void val_param(Val *v, const cJSON *p, const ParamInfo *e){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, e->zName);
  char *pBase = (char*)&v->pScn->params;
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL ) return;
  path_key(zSub, sizeof(zSub), "parameters", e->zName);
  switch( e->eKind ){
    case PK_DURATION: {
      SimTime t;
      if( !val_duration(v, "parameters", p, e->zName, 0, &t) ) return;
      if( e->zExpect && t<(SimTime)e->rMin ){ val_err(v, zSub, "expected %s", e->zExpect); return; }
      memcpy(pBase + e->iField, &t, sizeof(t));
      break;
    }
    case PK_INT: {
      int64_t n;
      if( val_int(v, "parameters", p, e->zName, 0, e->rMin, e->rMax, &n) ){
        memcpy(pBase + e->iField, &n, sizeof(n));
      }
      break;
    }
    case PK_REAL: {
      double x = cJSON_IsNumber(c) ? c->valuedouble : 0;
      if( !cJSON_IsNumber(c) || x>e->rMax || (e->bMinIncluded ? x<e->rMin : x<=e->rMin) ){
        val_err(v, zSub, "expected %s", e->zExpect);
      }else memcpy(pBase + e->iField, &x, sizeof(x));
      break;
    }
    case PK_RANGE: {
      const cJSON *lo = cJSON_GetArrayItem(c, 0), *hi = cJSON_GetArrayItem(c, 1);
      if( !cJSON_IsArray(c) || cJSON_GetArraySize(c)!=2 || !cJSON_IsNumber(lo) || !cJSON_IsNumber(hi)
       || lo->valuedouble<=e->rMin || hi->valuedouble<lo->valuedouble || hi->valuedouble>e->rMax ){
        val_err(v, zSub, "expected %s", e->zExpect);
      }else{
        memcpy(pBase + e->iField, &lo->valuedouble, sizeof(double));
        memcpy(pBase + e->iField2, &hi->valuedouble, sizeof(double));
      }
      break;
    }
    case PK_CHOICE: {
      const char *z = val_str(v, "parameters", p, e->zName, 0);
      int k = z ? params_choice(e, z) : -1;
      if( z && k<0 ) val_err(v, zSub, "expected %s, found \"%s\"", e->zExpect, z);
      else if( z ) memcpy(pBase + e->iField, &k, sizeof(k));
      break;
    }
  }
}

/* The "parameters" object: each key a row of params_table(). */
static void val_params(Val *v, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "parameters");
  const char *azKey[64];
  int i, n;
  const ParamInfo *aInfo = params_table(&n);
  if( p==NULL || !val_is_object(v, "parameters", p) ) return;
  ts_assert( n<(int)(sizeof(azKey)/sizeof(azKey[0])) );
  for(i=0; i<n; i++) azKey[i] = aInfo[i].zName;
  azKey[n] = NULL;
  val_keys(v, "parameters", p, azKey);
  for(i=0; i<n; i++) val_param(v, p, &aInfo[i]);
}

int scenario_when(const Scenario *p, const char *z, SimTime *pT, char *zWhy, size_t nWhy){
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

static void val_free(Val *v){
  int i, k;
  for(i=0; i<v->nTenant; i++){
    hmap_free(&v->aTenant[i].users);
    hmap_free(&v->aTenant[i].groups);
    for(k=0; k<v->aTenant[i].nRange; k++) mem_free(v->aTenant[i].aRange[k].zPrefix);
    mem_free(v->aTenant[i].aRange);
  }
  mem_free(v->aTenant);
  mem_free(v->azJob);
  mem_free(v->aJobSrc);
  mem_free(v->aJobTgt);
}

int scenario_parse(const char *zFile, const char *zText, Scenario **ppScn,
                   StrBuf *pErrs, TsErr *pErr){
  Scenario *s;
  Val v;
  const cJSON *a, *c;
  char zPath[64], zWhy[160];
  int rc = TS_OK, i, n;
  int64_t seed;

  *ppScn = NULL;
  s = mem_calloc(1, sizeof(Scenario));
  if( s==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  params_default(&s->params);
  s->seed = 1;
  s->zFile = mem_strdup(zFile);
  memset(&v, 0, sizeof(v));
  v.pScn = s;
  v.pErrs = pErrs;
  v.pErr = pErr;
  if( s->zFile==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); goto out; }

  rc = jsonfile_parse(zFile, zText, &s->pRoot, pErr);
  if( rc ){
    if( rc==TS_ERR && pErrs ) strbuf_printf(pErrs, "%s\n", pErr ? pErr->zMsg : "invalid JSON");
    goto out;
  }
  if( !cJSON_IsObject(s->pRoot) ){
    val_err(&v, "(root)", "expected the scenario object, found %s", json_type(s->pRoot));
    goto done;
  }
  val_keys(&v, "", s->pRoot, azTopKeys);
  s->zName = val_str(&v, "", s->pRoot, "name", 1);
  if( s->zName && !is_key_text(s->zName) ){
    val_err(&v, "name", "\"%s\": a scenario name uses letters, digits, '-', '_' and '.'"
                        " only (it names the database file)", s->zName);
  }
  val_str(&v, "", s->pRoot, "description", 0);
  if( val_int(&v, "", s->pRoot, "seed", 0, 0, 9007199254740991.0, &seed) ) s->seed = (uint64_t)seed;
  {
    const char *zStart = val_str(&v, "", s->pRoot, "start", 1);
    if( zStart && simtime_parse_instant(zStart, &s->tStartEpoch, zWhy, sizeof(zWhy)) ){
      val_err(&v, "start", "\"%s\" is not an instant such as 2026-01-05T09:00:00Z: %s", zStart, zWhy);
      goto done;
    }
    if( zStart==NULL ) goto done;
  }
  if( !val_duration(&v, "", s->pRoot, "duration", 1, &s->duration) ) goto done;
  if( s->duration<=0 || s->duration>3650*(SimTime)SIMTIME_DAY ){
    val_err(&v, "duration", "expected a duration from PT1S to P3650D");
    goto done;
  }
  val_params(&v, s->pRoot);

  a = val_array(&v, "", s->pRoot, "tenants", 1);
  n = a ? cJSON_GetArraySize(a) : 0;
  if( a && n<2 ) val_err(&v, "tenants", "expected at least two tenants (a source and a target)");
  v.aTenant = mem_calloc((size_t)(n ? n : 1), sizeof(ValTenant));
  if( v.aTenant==NULL ){ v.bNoMem = 1; goto done; }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "tenants", i++); val_tenant_header(&v, zPath, c); }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "tenants", i++); val_tenant_users(&v, zPath, c, 0); }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "tenants", i++); val_tenant_users(&v, zPath, c, 1); }

  a = val_array(&v, "", s->pRoot, "policies", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "policies", i++); val_policy(&v, zPath, c, a); }

  a = val_array(&v, "", s->pRoot, "jobs", 1);
  n = a ? cJSON_GetArraySize(a) : 0;
  if( a && n==0 ) val_err(&v, "jobs", "expected at least one job");
  v.azJob = mem_calloc((size_t)(n ? n : 1), sizeof(char*));
  v.aJobSrc = mem_calloc((size_t)(n ? n : 1), sizeof(int));
  v.aJobTgt = mem_calloc((size_t)(n ? n : 1), sizeof(int));
  if( !v.azJob || !v.aJobSrc || !v.aJobTgt ){ v.bNoMem = 1; goto done; }
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "jobs", i++); val_job(&v, zPath, c); }

  a = val_array(&v, "", s->pRoot, "faults", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "faults", i++); val_fault(&v, zPath, c); }

  val_timeline(&v, s->pRoot);

  a = val_array(&v, "", s->pRoot, "expect", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ path_idx(zPath, sizeof(zPath), "expect", i++); val_expect(&v, zPath, c); }

done:
  if( v.bNoMem ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory while validating %s", zFile);
  }else if( v.nErr ){
    rc = TS_ERR;
  }
out:
  val_free(&v);
  if( rc ){
    scenario_free(s);
  }else{
    *ppScn = s;
  }
  (void)val_tenant_index;
  return rc;
}

int scenario_load(const char *zFile, Scenario **ppScn, StrBuf *pErrs, TsErr *pErr){
  StrBuf b;
  int rc;
  *ppScn = NULL;
  strbuf_init(&b);
  rc = jsonfile_read(zFile, &b, pErr);
  if( rc==TS_OK ){
    rc = scenario_parse(zFile, strbuf_str(&b), ppScn, pErrs, pErr);
  }else if( rc!=TS_NOMEM && pErrs ){
    strbuf_printf(pErrs, "%s\n", pErr ? pErr->zMsg : "cannot read");
  }
  strbuf_free(&b);
  return rc;
}

void scenario_free(Scenario *p){
  if( p==NULL ) return;
  cJSON_Delete(p->pRoot);
  mem_free(p->aAction);
  mem_free(p->zFile);
  mem_free(p);
}
