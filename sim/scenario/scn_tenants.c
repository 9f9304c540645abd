/*
** scn_tenants.c — validation of the "tenants" section: tenant headers
** (key, domain, clouds, licences), explicit users, populations and groups,
** recording user and group keys in the tenant symbol table (scn_val.c) so
** that later parts can check references. Also validates user objects of
** timeline hires (scn_actions.c).
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
#include "jsonloc.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
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
  {
    const char *zG = scn_val_str(v, zPath, p, "guestInviteSetting", 0);
    int64_t nQ;
    if( zG && strcmp(zG, "allowed")!=0 && strcmp(zG, "mostRestrictive")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "guestInviteSetting");
      scn_val_err(v, zSub, "expected \"allowed\" or \"mostRestrictive\", found \"%s\"", zG);
    }
    scn_val_int(v, zPath, p, "objectQuota", 0, 1, 1e9, &nQ);
    scn_tenants_clouds(v, zPath, p);
    scn_val_bool(v, zPath, p, "crossCloudSync", &i);
  }
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
