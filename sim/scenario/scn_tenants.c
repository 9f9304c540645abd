/*
** scn_tenants.c — validation of the "tenants" section: tenant headers
** (key, domain, clouds, licences), explicit users, populations and groups,
** recording user and group keys in the tenant symbol table (scn_val.c) so
** that later parts can check references. Also validates user objects of
** timeline hires (scn_actions.c).
**
** Then builds them into a World (directory.h, admin.h for hires):
** populations draw names and weighted values from the "population"
** stream, in the order of the file.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "mem.h"
#include "jsonloc.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
#include "engine.h"
#include "audit.h"
#include "admin.h"
#include "cycle.h"
#include "desired.h"
#include "directory.h"
#include "faults.h"
#include "mapping.h"
#include "scenarioInt.h"

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
    scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
    zSug = scn_val_suggest(c->string, azAll);
    if( zSug ) scn_val_err(v, zSub, "unknown key \"%s\" (did you mean \"%s\"?)", c->string, zSug);
    else scn_val_err(v, zSub, "unknown key \"%s\"; expected key, groups, homeUser or a user"
                 " attribute such as department or jobTitle", c->string);
  }
  scn_val_unique_keys(v, zPath, p);
}

int scn_tenants_is_key_text(const char *z){
  if( z==NULL || *z==0 ) return 0;
  for(; *z; z++){
    if( !isalnum((unsigned char)*z) && *z!='-' && *z!='_' && *z!='.' ) return 0;
  }
  return 1;
}

/* Validate the attributes of user or population object p (not "key"). */
void scn_tenants_user_attrs(Val *v, const char *zPath, const cJSON *p, int bPopulation){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  for(c=p->child; c; c=c->next){
    int iAttr = attr_find(c->string);
    if( iAttr<0 && attr_is_extension(c->string) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
      if( bPopulation && cJSON_IsObject(c) ) continue;
      if( !cJSON_IsString(c) && !cJSON_IsNull(c) ){
        scn_val_err(v, zSub, "expected a string or null (multi-valued extension attributes are"
                         " not supported), found %s", jsonloc_type_name(c));
      }
      continue;
    }
    if( iAttr<0 ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( attr_info(iAttr)->eType==ATTR_BOOL ){
      if( !cJSON_IsBool(c) ) scn_val_err(v, zSub, "expected true or false, found %s", jsonloc_type_name(c));
    }else if( bPopulation && cJSON_IsObject(c) ){
      const cJSON *w;
      if( c->child==NULL ) scn_val_err(v, zSub, "expected at least one value with a weight");
      for(w=c->child; w; w=w->next){
        char zW[600];
        scn_val_path_key(zW, sizeof(zW), zSub, w->string);
        if( !cJSON_IsNumber(w) || !(w->valuedouble>0) || w->valuedouble>1e9 ){
          scn_val_err(v, zW, "expected a positive weight, found %s", jsonloc_type_name(w));
        }
      }
    }else if( !cJSON_IsString(c) && !cJSON_IsNull(c) ){
      scn_val_err(v, zSub, "expected a string%s or null, found %s",
              bPopulation ? " (or an object of value: weight)" : "", jsonloc_type_name(c));
    }
    if( attr_info(iAttr)->eType==ATTR_DATE && cJSON_IsString(c) ){
      SimTime tDate;
      char zWhy[160];
      if( simtime_parse_instant(c->valuestring, &tDate, zWhy, sizeof(zWhy)) ){
        scn_val_err(v, zSub, "expected an instant such as 2026-01-05T00:00:00Z: %s", zWhy);
      }
    }
    if( iAttr==A_USER_TYPE && cJSON_IsString(c)
     && strcmp(c->valuestring, "Member")!=0 && strcmp(c->valuestring, "Guest")!=0 ){
      scn_val_err(v, zSub, "expected \"Member\" or \"Guest\", found \"%s\"", c->valuestring);
    }
  }
}

/* A "manager" member of object p (a user, or a set) names a user key of t
** known at this point of the scenario. */
void scn_tenants_manager_ref(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "manager");
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL || cJSON_IsNull(c) || t==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "manager");
  if( !cJSON_IsString(c) ) return;             /* the type error is reported already */
  if( !scn_val_user_known(t, c->valuestring) ){
    scn_val_err(v, zSub, "no user \"%s\" in tenant %s to be the manager", c->valuestring, t->zKey);
  }
}

/* Group references of a user/population: array of group keys of t. */
static void val_group_refs(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const cJSON *a = scn_val_array(v, zPath, p, "groups", 0), *c;
  char zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( a==NULL ) return;
  cJSON_ArrayForEach(c, a){
    char zP[TS_JSONPATH_MAX];
    scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
    scn_val_path_idx(zP, sizeof(zP), zSub, i++);
    if( !cJSON_IsString(c) ) scn_val_err(v, zP, "expected a group key, found %s", jsonloc_type_name(c));
    else if( !hmap_get(&t->groups, c->valuestring, NULL) ){
      scn_val_err(v, zP, "no group \"%s\" in tenant %s", c->valuestring, t->zKey);
    }
  }
}

/* One explicit user (tenant users[] or a hire). */
void scn_tenants_user(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bHire){
  const char *zKey, *zHome;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  val_user_keys(v, zPath, p);
  zKey = scn_val_str(v, zPath, p, "key", 1);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
  if( zKey && !scn_tenants_is_key_text(zKey) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( zKey && scn_val_user_known(t, zKey) ){
    scn_val_err(v, zSub, "user key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( zKey && hmap_put(&t->users, zKey, 1) ){
    v->bNoMem = 1;
  }
  scn_tenants_user_attrs(v, zPath, p, 0);
  val_group_refs(v, zPath, p, t);
  {
    const char *zInv = scn_val_str(v, zPath, p, "invitation", 0);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "invitation");
    if( zInv && strcmp(zInv, "pending")!=0 && strcmp(zInv, "accepted")!=0 ){
      scn_val_err(v, zSub, "expected \"pending\" (a B2B user invited by hand who never redeemed)"
                       " or \"accepted\" (one who redeemed, with a home identity outside the"
                       " scenario)");
    }else if( zInv && (bHire || cJSON_GetObjectItemCaseSensitive(p, "homeUser")) ){
      scn_val_err(v, zSub, "an invitation is a B2B user declared in a tenant, without homeUser");
    }
  }
  zHome = scn_val_str(v, zPath, p, "homeUser", 0);
  if( zHome ){
    const char *zColon = strchr(zHome, ':');
    scn_val_path_key(zSub, sizeof(zSub), zPath, "homeUser");
    if( bHire ){
      scn_val_err(v, zSub, "a hire creates an internal user; homeUser is only for B2B users"
                       " declared in a tenant");
    }else if( zColon==NULL ){
      scn_val_err(v, zSub, "expected \"tenant:userkey\", found \"%s\"", zHome);
    }else{
      char zTen[128];
      ValTenant *h;
      snprintf(zTen, sizeof(zTen), "%.*s", (int)(zColon-zHome), zHome);
      h = scn_val_tenant(v, zTen);
      if( h==NULL ) scn_val_err(v, zSub, "no tenant \"%s\"", zTen);
      else if( h==t ) scn_val_err(v, zSub, "a B2B user's home tenant must be another tenant");
      else if( !scn_val_user_known(h, zColon+1) ){
        scn_val_err(v, zSub, "no user \"%s\" in tenant %s", zColon+1, zTen);
      }
    }
  }
  v->nUsers++;
}

static const char *const azPopKeys[] = {
  "count", "keyPrefix", "groups", "disabledFraction", "attributes", NULL
};

void scn_tenants_population(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  int64_t n = 0;
  const char *zPrefix;
  const cJSON *pAttrs, *c;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azPopKeys);
  if( scn_val_int(v, zPath, p, "count", 1, 1, VAL_MAX_POPULATION, &n) ){
    if( v->nUsers + n > SCENARIO_MAX_USERS ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "count");
      scn_val_err(v, zSub, "the scenario would create more than %d users", SCENARIO_MAX_USERS);
    }
    v->nUsers += n;
  }
  zPrefix = scn_val_str(v, zPath, p, "keyPrefix", 1);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "keyPrefix");
  if( zPrefix && !scn_tenants_is_key_text(zPrefix) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zPrefix);
  }else if( zPrefix && scn_val_range_collides(t, zPrefix) ){
    scn_val_err(v, zSub, "prefix \"%s\" overlaps keys already used in tenant %s", zPrefix, t->zKey);
  }else if( zPrefix && n>0 ){
    scn_val_add_range(v, t, zPrefix, n);
  }
  val_group_refs(v, zPath, p, t);
  c = cJSON_GetObjectItemCaseSensitive(p, "disabledFraction");
  if( c && (!cJSON_IsNumber(c) || c->valuedouble<0 || c->valuedouble>1) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "disabledFraction");
    scn_val_err(v, zSub, "expected a number from 0 to 1, found %s", jsonloc_type_name(c));
  }
  pAttrs = cJSON_GetObjectItemCaseSensitive(p, "attributes");
  if( pAttrs ){
    static const char *azAttrNames[A_COUNT+1];
    int i;
    scn_val_path_key(zSub, sizeof(zSub), zPath, "attributes");
    if( !scn_val_is_object(v, zSub, pAttrs) ) return;
    scn_val_unique_keys(v, zSub, pAttrs);
    for(i=0; i<A_COUNT; i++) azAttrNames[i] = attr_info(i)->zName;
    azAttrNames[A_COUNT] = NULL;
    for(c=pAttrs->child; c; c=c->next){
      if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
        char zA[600];
        const char *zSug = scn_val_suggest(c->string, azAttrNames);
        scn_val_path_key(zA, sizeof(zA), zSub, c->string);
        if( zSug ) scn_val_err(v, zA, "unknown attribute \"%s\" (did you mean \"%s\"?)", c->string, zSug);
        else scn_val_err(v, zA, "unknown attribute \"%s\"", c->string);
      }
    }
    scn_tenants_user_attrs(v, zSub, pAttrs, 1);
    if( cJSON_GetObjectItemCaseSensitive(pAttrs, "manager") ){
      char zM[600];
      scn_val_path_key(zM, sizeof(zM), zSub, "manager");
      scn_val_err(v, zM, "a population cannot set manager; give managers to individual users"
                     " or with an update action");
    }
  }
}

static const char *const azGroupKeys[] = { "key", "displayName", "type", NULL };

static void val_group(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const char *zKey, *zType;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azGroupKeys);
  scn_val_str(v, zPath, p, "displayName", 0);
  zType = scn_val_str(v, zPath, p, "type", 0);
  if( zType && strcmp(zType, "Security")!=0 && strcmp(zType, "Microsoft365")!=0
   && strcmp(zType, "MailEnabledSecurity")!=0 && strcmp(zType, "Distribution")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "type");
    scn_val_err(v, zSub, "expected \"Security\", \"Microsoft365\", \"MailEnabledSecurity\" or"
            " \"Distribution\", found \"%s\"", zType);
  }
  zKey = scn_val_str(v, zPath, p, "key", 1);
  if( zKey==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
  if( !scn_tenants_is_key_text(zKey) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( hmap_get(&t->groups, zKey, NULL) ){
    scn_val_err(v, zSub, "group key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( hmap_put(&t->groups, zKey, 1) ){
    v->bNoMem = 1;
  }
}

static const char *const azTenantKeys[] = {
  "key", "tenantId", "domain", "cloud", "licences", "users", "groups", "populations",
  "guestInviteSetting", "objectQuota", "cloudSettings", "crossCloudSync", NULL
};

/* A "cloudSettings" array: clouds enabled for collaboration with this one. */
void scn_tenants_clouds(Val *v, const char *zPath, const cJSON *p){
  const cJSON *a = scn_val_array(v, zPath, p, "cloudSettings", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "cloudSettings");
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( !cJSON_IsString(c) || policy_cloud_bit(c->valuestring)==0 ){
      scn_val_err(v, zE, "expected \"commercial\", \"usgov\" or \"china\"");
    }
  }
}

/* The settings a tenant entry and set_tenant share: guestInviteSetting,
** objectQuota (at least nQuotaMin), cloudSettings and crossCloudSync. */
void scn_tenants_settings(Val *v, const char *zPath, const cJSON *p, int64_t nQuotaMin){
  char zSub[TS_JSONPATH_MAX];
  const char *zG = scn_val_str(v, zPath, p, "guestInviteSetting", 0);
  int64_t nQ;
  int b;
  if( zG && strcmp(zG, "allowed")!=0 && strcmp(zG, "mostRestrictive")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "guestInviteSetting");
    scn_val_err(v, zSub, "expected \"allowed\" or \"mostRestrictive\", found \"%s\"", zG);
  }
  scn_val_int(v, zPath, p, "objectQuota", 0, nQuotaMin, 1e9, &nQ);
  scn_tenants_clouds(v, zPath, p);
  scn_val_bool(v, zPath, p, "crossCloudSync", &b);
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
void scn_tenants_header(Val *v, const char *zPath, const cJSON *p){
  const char *zKey, *zCloud, *zId;
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX];
  int i;
  ValTenant *t;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azTenantKeys);
  const char *zDomain;
  zKey = scn_val_str(v, zPath, p, "key", 1);
  zDomain = scn_val_str(v, zPath, p, "domain", 1);
  for(i=0; zDomain && i<v->nTenant; i++){
    if( v->aTenant[i].zDomain && strcasecmp(v->aTenant[i].zDomain, zDomain)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "domain");
      scn_val_err(v, zSub, "domain \"%s\" is already the domain of tenant %s", zDomain,
              v->aTenant[i].zKey);
      break;
    }
  }
  zCloud = scn_val_str(v, zPath, p, "cloud", 0);
  if( zCloud && strcmp(zCloud, "commercial")!=0 && strcmp(zCloud, "usgov")!=0
   && strcmp(zCloud, "china")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "cloud");
    scn_val_err(v, zSub, "expected \"commercial\", \"usgov\" or \"china\", found \"%s\"", zCloud);
  }
  scn_tenants_settings(v, zPath, p, 1);
  zId = scn_val_str(v, zPath, p, "tenantId", 0);
  if( zId && !is_guid(zId) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenantId");
    scn_val_err(v, zSub, "expected a GUID such as 00000000-0000-0000-0000-000000000000");
  }
  for(i=0; zId && i<v->nTenant; i++){
    const char *zOther = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(v->aTenant[i].pNode, "tenantId"));
    if( zOther && strcasecmp(zOther, zId)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "tenantId");
      scn_val_err(v, zSub, "tenant id %s is already the id of tenant %s", zId, v->aTenant[i].zKey);
      break;
    }
  }
  a = scn_val_array(v, zPath, p, "licences", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    char zL[TS_JSONPATH_MAX];
    scn_val_path_key(zSub, sizeof(zSub), zPath, "licences");
    scn_val_path_idx(zL, sizeof(zL), zSub, i++);
    if( !cJSON_IsString(c) || (strcmp(c->valuestring, "P1")!=0 && strcmp(c->valuestring, "P2")!=0
        && strcmp(c->valuestring, "Governance")!=0 && strcmp(c->valuestring, "Suite")!=0) ){
      scn_val_err(v, zL, "expected \"P1\", \"P2\", \"Governance\" or \"Suite\"");
    }
  }
  if( zKey==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
  if( !scn_tenants_is_key_text(zKey) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
    return;
  }
  if( scn_val_tenant(v, zKey) ){
    scn_val_err(v, zSub, "tenant key \"%s\" is used twice", zKey);
    return;
  }
  t = &v->aTenant[v->nTenant++];
  memset(t, 0, sizeof(*t));
  t->zKey = zKey;
  t->zDomain = zDomain;
  t->pNode = p;
  hmap_init(&t->users);
  hmap_init(&t->groups);
  a = scn_val_array(v, zPath, p, "groups", 0);
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
    {
      char zG[TS_JSONPATH_MAX];
      scn_val_path_idx(zG, sizeof(zG), zSub, i++);
      val_group(v, zG, c, t);
    }
  }
}

/* Second and third passes: internal users and populations (bB2B 0), then
** B2B users (bB2B 1), whose homeUser may name a user of any tenant. */
void scn_tenants_users(Val *v, const char *zPath, const cJSON *p, int bB2B){
  ValTenant *t;
  const cJSON *a, *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i;
  if( !cJSON_IsObject(p) ) return;
  t = scn_val_tenant(v, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "key")));
  if( t==NULL || t->pNode!=p ) return;    /* a duplicate tenant: reported already */
  a = scn_val_array(v, zPath, p, "users", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "users");
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    int bHome = cJSON_IsObject(c) && cJSON_GetObjectItemCaseSensitive(c, "homeUser")!=NULL;
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( bHome==bB2B ) scn_tenants_user(v, zE, c, t, 0);
    /* Managers may be declared anywhere in the tenant: check them last. */
    if( bB2B && cJSON_IsObject(c) ) scn_tenants_manager_ref(v, zE, c, t);
  }
  if( bB2B ) return;
  a = scn_val_array(v, zPath, p, "populations", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "populations");
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){ scn_val_path_idx(zE, sizeof(zE), zSub, i++); scn_tenants_population(v, zE, c, t); }
}

/* ---------------------------------------------------------------------
** Building the tenants, users and groups of a validated scenario.
** The JSON was validated above, so it is read without re-checking.
*/
/* Names for generated people: a fixed list keeps runs reproducible. */
static const char *const azGiven[] = {
  "Ada", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas",
  "Kara", "Luis", "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara",
  "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe", "Aiko", "Bruno", "Carmen", "Dara",
};
static const char *const azSurname[] = {
  "Okafor", "Smith", "Garcia", "Nguyen", "Kowalski", "Haddad", "Ito", "Murphy",
  "Rossi", "Schmidt", "Novak", "Silva", "Khan", "Larsen", "Moreau", "Petrov",
  "Tanaka", "Walsh", "Yilmaz", "Zhang", "Adeyemi", "Berg", "Costa", "Dubois",
};
#define N_GIVEN   (sizeof(azGiven)/sizeof(azGiven[0]))
#define N_SURNAME (sizeof(azSurname)/sizeof(azSurname[0]))

/* ---------------------------------------------------------------------
** Building users.
*/

/* See scenario.h. */
void scn_tenants_attr_value(const cJSON *c, const char **pz){
  if( cJSON_IsString(c) ) *pz = c->valuestring;
  else if( cJSON_IsBool(c) ) *pz = cJSON_IsTrue(c) ? ATTR_TRUE : ATTR_FALSE;
  else *pz = NULL;
}

static void add_to_groups(World *w, int iTenant, const cJSON *pGroups, int64_t id, int bAdmin){
  const cJSON *c;
  if( pGroups==NULL ) return;
  cJSON_ArrayForEach(c, pGroups){
    int iG = world_group_find(w, iTenant, c->valuestring);
    if( bAdmin ) admin_member(w, iG, id, 1);
    else directory_member_add(w, iG, id);
  }
}

/* Create one explicit user object p in tenant iTenant. bB2B: a B2B user
** declared with homeUser (created in the second pass). bHire: through the
** admin layer (a timeline hire) rather than as initial state. */
/* Set the directory extension attributes of object p on user id (after
** the user exists: they live beside the catalog attributes). */
static void set_extensions(World *w, const cJSON *p, int64_t id, int bAdmin){
  const cJSON *c;
  for(c=p ? p->child : NULL; c; c=c->next){
    const char *z;
    int iAttr;
    if( !attr_is_extension(c->string) || cJSON_IsObject(c) ) continue;
    iAttr = world_attr_find(w, c->string, 1);
    if( iAttr<0 ) return;
    scn_tenants_attr_value(c, &z);
    if( bAdmin ) admin_update(w, id, iAttr, z);
    else directory_user_set(w, id, iAttr, z);
  }
}

/* Set user id's manager from the "manager" key of object p (a user object
** or a set), as an administrator (bAdmin) or as initial state. */
static void set_manager(World *w, int iTenant, const cJSON *p, int64_t id, int bAdmin){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, "manager");
  const char *zObj = NULL;
  if( c==NULL ) return;
  if( cJSON_IsString(c) ){
    int64_t idM = world_user_find(w, iTenant, c->valuestring);
    if( idM>0 ) zObj = world_user(w, idM)->zObjectId;
  }
  if( bAdmin ) admin_update(w, id, A_MANAGER, zObj);
  else directory_user_set(w, id, A_MANAGER, zObj);
}

int64_t scn_tenants_build_user(World *w, int iTenant, const cJSON *p, int bHire){
  const char *az[A_COUNT];
  char zUpn[300];
  const cJSON *c;
  const char *zKey = cJSON_GetObjectItemCaseSensitive(p, "key")->valuestring;
  const char *zHome = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "homeUser"));
  const char *zAlt = NULL;
  int64_t id;
  memset(az, 0, sizeof(az));
  for(c=p->child; c; c=c->next){
    int i = attr_find(c->string);
    if( i>=0 && i!=A_MANAGER ) scn_tenants_attr_value(c, &az[i]);
  }
  if( !cJSON_GetObjectItemCaseSensitive(p, "userPrincipalName") ){
    snprintf(zUpn, sizeof(zUpn), "%s@%s", zKey, w->aTenant[iTenant].zDomain);
    az[A_USER_PRINCIPAL_NAME] = zUpn;
  }
  if( !cJSON_GetObjectItemCaseSensitive(p, "mail") ) az[A_MAIL] = az[A_USER_PRINCIPAL_NAME];
  if( !cJSON_GetObjectItemCaseSensitive(p, "displayName") ) az[A_DISPLAY_NAME] = zKey;
  if( !cJSON_GetObjectItemCaseSensitive(p, "mailNickname") ) az[A_MAIL_NICKNAME] = zKey;
  if( !cJSON_GetObjectItemCaseSensitive(p, "accountEnabled") ) az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  if( !cJSON_GetObjectItemCaseSensitive(p, "userType") ) az[A_USER_TYPE] = zHome ? "Guest" : "Member";
  if( cJSON_GetObjectItemCaseSensitive(p, "invitation") ){
    /* A guest invited by hand: no home identity known to any tenant of the
    ** scenario, and the B2B UPN is built from the mail. "pending": never
    ** redeemed; "accepted": redeemed (an identity tenantsim does not model,
    ** e.g. a guest whose home user is not among the imported ones). */
    int bPending = strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "invitation")),
                          "pending")==0;
    char zExt[300];
    if( !cJSON_GetObjectItemCaseSensitive(p, "userPrincipalName") && az[A_MAIL] ){
      directory_external_upn(az[A_MAIL], w->aTenant[iTenant].zDomain, zExt, sizeof(zExt));
      az[A_USER_PRINCIPAL_NAME] = zExt;
    }
    if( !cJSON_GetObjectItemCaseSensitive(p, "userType") ) az[A_USER_TYPE] = "Guest";
    id = directory_user_add(w, iTenant, zKey, az, NULL, "Invitation", -1);
    if( id>0 && bPending ) directory_user_pending(w, id);
  }else if( zHome ){
    const char *zColon = strchr(zHome, ':');
    char zTen[128];
    int iHome;
    snprintf(zTen, sizeof(zTen), "%.*s", (int)(zColon-zHome), zHome);
    iHome = world_tenant_find(w, zTen);
    zAlt = world_user(w, world_user_find(w, iHome, zColon+1))->zNetId;
    id = directory_user_add(w, iTenant, zKey, az, zAlt, "Invitation", -1);
  }else if( bHire ){
    id = admin_hire(w, iTenant, zKey, az);
  }else{
    id = directory_user_add(w, iTenant, zKey, az, NULL, NULL, -1);
  }
  if( id<0 ) return -1;
  set_extensions(w, p, id, bHire);
  if( bHire ) set_manager(w, iTenant, p, id, 1);
  add_to_groups(w, iTenant, cJSON_GetObjectItemCaseSensitive(p, "groups"), id, bHire);
  return id;
}

/* A weighted choice among the members of object p. */
static const char *weighted(Rng *pRng, const cJSON *p){
  const cJSON *c;
  double total = 0, x;
  for(c=p->child; c; c=c->next) total += c->valuedouble;
  x = rng_unit(pRng) * total;
  for(c=p->child; c; c=c->next){
    if( x < c->valuedouble ) return c->string;
    x -= c->valuedouble;
  }
  return p->child ? p->child->string : NULL;   /* rounding at the top end */
}

/* Generate a population into tenant iTenant. Returns users created, -1 OOM. */
int64_t scn_tenants_build_population(World *w, int iTenant, const cJSON *p, int bHire){
  int64_t n = (int64_t)cJSON_GetObjectItemCaseSensitive(p, "count")->valuedouble;
  const char *zPrefix = cJSON_GetObjectItemCaseSensitive(p, "keyPrefix")->valuestring;
  const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(p, "groups");
  const cJSON *pAttrs = cJSON_GetObjectItemCaseSensitive(p, "attributes");
  const cJSON *pDis = cJSON_GetObjectItemCaseSensitive(p, "disabledFraction");
  double rDisabled = pDis ? pDis->valuedouble : 0.0;
  const char *zDomain = w->aTenant[iTenant].zDomain;
  int64_t i;
  for(i=1; i<=n; i++){
    const char *az[A_COUNT];
    char zKey[160], zUpn[300], zName[80], zEmp[24];
    const char *zGiven = azGiven[rng_below(&w->rngPopulation, N_GIVEN)];
    const char *zSurname = azSurname[rng_below(&w->rngPopulation, N_SURNAME)];
    int bDisabled = rng_unit(&w->rngPopulation) < rDisabled;
    const cJSON *c;
    int64_t id;
    memset(az, 0, sizeof(az));
    snprintf(zKey, sizeof(zKey), "%s%lld", zPrefix, (long long)i);
    snprintf(zUpn, sizeof(zUpn), "%s@%s", zKey, zDomain);
    snprintf(zName, sizeof(zName), "%s %s", zGiven, zSurname);
    snprintf(zEmp, sizeof(zEmp), "E%07lld", (long long)(w->nUser+1));
    az[A_ACCOUNT_ENABLED] = bDisabled ? ATTR_FALSE : ATTR_TRUE;
    az[A_USER_PRINCIPAL_NAME] = zUpn;
    az[A_MAIL] = zUpn;
    az[A_MAIL_NICKNAME] = zKey;
    az[A_DISPLAY_NAME] = zName;
    az[A_GIVEN_NAME] = zGiven;
    az[A_SURNAME] = zSurname;
    az[A_EMPLOYEE_ID] = zEmp;
    az[A_USER_TYPE] = "Member";
    if( pAttrs ) for(c=pAttrs->child; c; c=c->next){
      int k = attr_find(c->string);
      if( k<0 ) continue;            /* an extension: set below */
      if( cJSON_IsObject(c) ) az[k] = weighted(&w->rngPopulation, c);
      else scn_tenants_attr_value(c, &az[k]);
    }
    id = bHire ? admin_hire(w, iTenant, zKey, az)
               : directory_user_add(w, iTenant, zKey, az, NULL, NULL, -1);
    if( id<0 ) return -1;
    if( pAttrs ) for(c=pAttrs->child; c; c=c->next){
      int k;
      const char *z;
      if( !attr_is_extension(c->string) ) continue;
      k = world_attr_find(w, c->string, 1);
      if( k<0 ) return -1;
      if( cJSON_IsObject(c) ) z = weighted(&w->rngPopulation, c);
      else scn_tenants_attr_value(c, &z);
      if( bHire ) admin_update(w, id, k, z); else directory_user_set(w, id, k, z);
    }
    add_to_groups(w, iTenant, pGroups, id, bHire);
  }
  return n;
}

/* ---------------------------------------------------------------------
** Building the world at t=0.
*/
static unsigned licences_of(const cJSON *p){
  const cJSON *c;
  unsigned m = 0;
  if( p==NULL ) return LIC_P1;     /* CTS needs P1; assume it unless told */
  cJSON_ArrayForEach(c, p){
    if( strcmp(c->valuestring, "P1")==0 ) m |= LIC_P1;
    else if( strcmp(c->valuestring, "P2")==0 ) m |= LIC_P2;
    else if( strcmp(c->valuestring, "Governance")==0 ) m |= LIC_GOVERNANCE;
    else m |= LIC_SUITE;
  }
  return m;
}

/* Cloud settings and cross-cloud sync of tenant iT from object p (a
** tenants[] entry or a set_tenant action); absent fields stay as they are. */
void scn_tenants_apply_settings(World *w, int iT, const cJSON *p){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(p, "cloudSettings"), *c;
  const cJSON *b = cJSON_GetObjectItemCaseSensitive(p, "crossCloudSync");
  const char *zG = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "guestInviteSetting"));
  const cJSON *q = cJSON_GetObjectItemCaseSensitive(p, "objectQuota");
  Tenant *t = &w->aTenant[iT];
  if( a ){
    t->mCloudSettings = 0;
    cJSON_ArrayForEach(c, a) t->mCloudSettings |= policy_cloud_bit(c->valuestring);
  }
  if( b ) t->bCrossCloudSync = cJSON_IsTrue(b);
  if( zG ) t->bGuestInvitesBlocked = strcmp(zG, "mostRestrictive")==0;
  if( q ) t->nObjectQuota = (int64_t)q->valuedouble;
}

/* The tenants with their settings, groups, users (internal users and
** populations, then B2B users, whose home identity must already exist)
** and managers. Returns nonzero when out of memory. */
int scn_tenants_build(World *w, const cJSON *pTenants){
  const cJSON *t, *c, *a;
  int i;
  cJSON_ArrayForEach(t, pTenants){
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(t, "objectQuota");
    const char *zGuest = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "guestInviteSetting"));
    int iT = directory_tenant_add(w, cJSON_GetObjectItemCaseSensitive(t, "key")->valuestring,
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "tenantId")),
                   cJSON_GetObjectItemCaseSensitive(t, "domain")->valuestring,
                   cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "cloud")),
                   licences_of(cJSON_GetObjectItemCaseSensitive(t, "licences")));
    if( iT<0 ) return 1;
    w->aTenant[iT].bGuestInvitesBlocked = strcmp("mostRestrictive", zGuest ? zGuest : "")==0;
    w->aTenant[iT].nObjectQuota = q ? (int64_t)q->valuedouble : 0;
    scn_tenants_apply_settings(w, iT, t);
  }
  i = 0;
  cJSON_ArrayForEach(t, pTenants){
    a = cJSON_GetObjectItemCaseSensitive(t, "groups");
    if( a ) cJSON_ArrayForEach(c, a){
      directory_group_add(w, i, cJSON_GetObjectItemCaseSensitive(c, "key")->valuestring,
                    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "displayName")),
                    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "type")));
    }
    i++;
  }
  i = 0;
  cJSON_ArrayForEach(t, pTenants){
    a = cJSON_GetObjectItemCaseSensitive(t, "users");
    if( a ) cJSON_ArrayForEach(c, a){
      if( !cJSON_GetObjectItemCaseSensitive(c, "homeUser") && scn_tenants_build_user(w, i, c, 0)<0 ) return 1;
    }
    a = cJSON_GetObjectItemCaseSensitive(t, "populations");
    if( a ) cJSON_ArrayForEach(c, a){
      if( scn_tenants_build_population(w, i, c, 0)<0 ) return 1;
    }
    i++;
  }
  i = 0;
  cJSON_ArrayForEach(t, pTenants){
    a = cJSON_GetObjectItemCaseSensitive(t, "users");
    if( a ) cJSON_ArrayForEach(c, a){
      if( cJSON_GetObjectItemCaseSensitive(c, "homeUser") && scn_tenants_build_user(w, i, c, 0)<0 ) return 1;
    }
    i++;
  }
  /* Managers, once every user they may name exists. */
  i = 0;
  cJSON_ArrayForEach(t, pTenants){
    a = cJSON_GetObjectItemCaseSensitive(t, "users");
    if( a ) cJSON_ArrayForEach(c, a){
      set_manager(w, i, c, world_user_find(w, i, cJSON_GetObjectItemCaseSensitive(c, "key")->valuestring), 0);
    }
    i++;
  }
  return 0;
}
