/*
** scn_tenants.c — validation of the "tenants" section: tenant headers
** (key, domain, clouds, licences), explicit users, populations and groups,
** recording user and group keys in the tenant symbol table (scn_val.c) so
** that later parts can check references. Also validates user objects of
** timeline hires and the "set" of updates (scn_actions.c). Each check
** fills its ScnTenant, ScnUser, ScnPopulation or ScnSettings (scn_model.h).
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "attr.h"
#include "policy.h"
#include "authz.h"
#include "directory.h"
#include "dyngroup.h"
#include "jsonloc.h"
#include "scenarioInt.h"

/* ---------------------------------------------------------------------
** Users, populations, groups, tenants.
*/
/* Keys of a user object besides the attribute names of the catalog. */
static const char *const azUserExtraKeys[] = {
  "key", "groups", "homeUser", "invitation", "mfaRegistered", NULL
};

/* Report keys of user object p that are neither extra keys nor catalog
** attributes, suggesting the closest; reject duplicates. */
/* The extra keys, then every catalog attribute's name, then NULL: filled
** on first use (the names are constants), so that a million users do not
** each copy the catalog. */
static const char *const *user_key_names(void){
  static const char *azAll[A_COUNT + sizeof(azUserExtraKeys)/sizeof(azUserExtraKeys[0])];
  int i, n = 0;
  if( azAll[0]==NULL ){
    for(i=0; azUserExtraKeys[i]; i++) azAll[n++] = azUserExtraKeys[i];
    for(i=0; i<A_COUNT; i++) azAll[n++] = attr_info(i)->zName;
    azAll[n] = NULL;
  }
  return azAll;
}

/* The index of zName in user_key_names(), or -1; the first character is
** compared before the rest, as nearly every name differs there. */
static int user_key_index(const char *zName){
  const char *const *az = user_key_names();
  int i;
  for(i=0; az[i]; i++) if( az[i][0]==zName[0] && strcmp(az[i], zName)==0 ) return i;
  return -1;
}

/* attr_find(zName), by user_key_index. */
static int attr_index(const char *zName){
  int i = user_key_index(zName), nExtra = (int)(sizeof(azUserExtraKeys)/sizeof(azUserExtraKeys[0])) - 1;
  return i>=nExtra ? i-nExtra : -1;
}

static void val_user_keys(Val *v, const char *zPath, const cJSON *p){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  for(c=p->child; c; c=c->next){
    const char *zSug;
    if( user_key_index(c->string)>=0 || attr_is_extension(c->string) ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
    zSug = scn_val_suggest(c->string, user_key_names());
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

/* A JSON attribute value as attribute text: strings as they are, Booleans
** as True/False, null as NULL (static or owned by c). */
static const char *attr_value(const cJSON *c){
  if( cJSON_IsString(c) ) return c->valuestring;
  if( cJSON_IsBool(c) ) return cJSON_IsTrue(c) ? ATTR_TRUE : ATTR_FALSE;
  return NULL;
}

/* Attribute member c (catalog index iAttr or -1) as model entry *e; a
** population's weighted choice as its list of values. */
static void attr_fill(Val *v, const cJSON *c, int iAttr, ScnAttr *e){
  e->zName = c->string;
  e->iAttr = iAttr;
  e->zValue = attr_value(c);
  if( cJSON_IsObject(c) ){
    const cJSON *w;
    int n = cJSON_GetArraySize(c);
    e->aChoice = scn_val_alloc(v, (size_t)n, sizeof(ScnChoice));
    if( e->aChoice==NULL ) return;
    for(w=c->child; w; w=w->next){
      e->aChoice[e->nChoice].zValue = w->string;
      e->aChoice[e->nChoice].rWeight = w->valuedouble;
      e->nChoice++;
    }
  }
}

/* Validate the attributes of user or population object p (not "key")
** and collect them, in document order, into *paAttr. */
void scn_tenants_user_attrs(Val *v, const char *zPath, const cJSON *p, int bPopulation,
                            ScnAttr **paAttr, int *pnAttr){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX];
  int bCollect = !v->bCheckOnly || bPopulation;
  *pnAttr = 0;
  *paAttr = NULL;
  if( bCollect && (*paAttr = scn_val_alloc(v, (size_t)cJSON_GetArraySize(p), sizeof(ScnAttr)))==NULL ) return;
  for(c=p->child; c; c=c->next){
    int iAttr = attr_index(c->string);
    const AttrInfo *pInfo;
    if( bCollect && (iAttr>=0 || attr_is_extension(c->string)) ) attr_fill(v, c, iAttr, &(*paAttr)[(*pnAttr)++]);
    if( iAttr<0 && attr_is_extension(c->string) ){
      if( bPopulation && cJSON_IsObject(c) ) continue;
      if( !cJSON_IsString(c) && !cJSON_IsNull(c) ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
        scn_val_err(v, zSub, "expected a string or null (multi-valued extension attributes are"
                         " not supported), found %s", jsonloc_type_name(c));
      }
      continue;
    }
    if( iAttr<0 ) continue;
    pInfo = attr_info(iAttr);
    /* the common case, a string attribute holding a string, needs no path */
    if( pInfo->eType!=ATTR_BOOL && pInfo->eType!=ATTR_DATE && iAttr!=A_USER_TYPE
     && cJSON_IsString(c) ) continue;
    scn_val_path_key(zSub, sizeof(zSub), zPath, c->string);
    if( pInfo->eType==ATTR_BOOL ){
      if( !cJSON_IsBool(c) ) scn_val_err(v, zSub, "expected true or false, found %s", jsonloc_type_name(c));
    }else if( bPopulation && cJSON_IsObject(c) ){
      const cJSON *w;
      if( c->child==NULL ) scn_val_err(v, zSub, "expected at least one value with a weight");
      for(w=c->child; w; w=w->next){
        char zW[TS_JSONPATH_MAX];
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
      char zWhy[TS_REASON_MAX];
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
  const cJSON *c = scn_val_member(p, "manager");
  char zSub[TS_JSONPATH_MAX];
  if( c==NULL || cJSON_IsNull(c) || t==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "manager");
  if( !cJSON_IsString(c) ) return;             /* the type error is reported already */
  if( !scn_val_user_known(t, c->valuestring) ){
    scn_val_err(v, zSub, "no user \"%s\" in tenant %s to be the manager", c->valuestring, t->zKey);
  }
}

/* Group references of a user/population: array of group keys of t. */
static void val_group_refs(Val *v, const char *zPath, const cJSON *p, ValTenant *t,
                           ScnKeys *pOut){
  const cJSON *a = scn_val_array(v, zPath, p, "groups", 0), *c;
  char zSub[TS_JSONPATH_MAX];
  int i = 0;
  if( a==NULL ) return;
  scn_val_key_list(v, a, pOut);
  cJSON_ArrayForEach(c, a){
    char zP[TS_JSONPATH_MAX];
    scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
    scn_val_path_idx(zP, sizeof(zP), zSub, i++);
    if( !cJSON_IsString(c) ) scn_val_err(v, zP, "expected a group key, found %s", jsonloc_type_name(c));
    else if( !hmap_get(&t->groups, c->valuestring, NULL) ){
      scn_val_err(v, zP, "no group \"%s\" in tenant %s", c->valuestring, t->zKey);
    }else if( scn_val_group_dynamic(t, c->valuestring) ){
      scn_val_err(v, zP, "group %s is dynamic: its membershipRule decides its members, and"
                  " a user cannot be made one by hand; give the user the attributes the rule"
                  " reads", c->valuestring);
    }
  }
}

/* One explicit user (tenant users[] or a hire). */
void scn_tenants_user(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bHire,
                      ScnUser *pU){
  const char *zKey, *zHome;
  const cJSON *pMgr;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  val_user_keys(v, zPath, p);
  zKey = scn_val_str(v, zPath, p, "key", 1);
  pU->zKey = zKey;
  pU->iHomeTenant = -1;
  pMgr = scn_val_member(p, "manager");
  pU->bManager = pMgr!=NULL;
  pU->zManager = cJSON_GetStringValue(pMgr);
  if( zKey && !scn_tenants_is_key_text(zKey) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( zKey && scn_val_user_known(t, zKey) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
    scn_val_err(v, zSub, "user key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( zKey && hmap_put(&t->users, zKey, 1) ){
    v->bNoMem = 1;
  }
  scn_tenants_user_attrs(v, zPath, p, 0, &pU->aAttr, &pU->nAttr);
  val_group_refs(v, zPath, p, t, &pU->groups);
  {
    const char *zInv = scn_val_str(v, zPath, p, "invitation", 0);
    pU->eInvitation = zInv==NULL ? SCN_INV_NONE
                    : strcmp(zInv, "pending")==0 ? SCN_INV_PENDING : SCN_INV_ACCEPTED;
    if( zInv ) scn_val_path_key(zSub, sizeof(zSub), zPath, "invitation");
    if( zInv && strcmp(zInv, "pending")!=0 && strcmp(zInv, "accepted")!=0 ){
      scn_val_err(v, zSub, "expected \"pending\" (a B2B user invited by hand who never redeemed)"
                       " or \"accepted\" (one who redeemed, with a home identity outside the"
                       " scenario)");
    }else if( zInv && (bHire || scn_val_member(p, "homeUser")) ){
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
      }else{
        pU->iHomeTenant = (int)(h - v->aTenant);
        pU->zHomeUser = zColon+1;
      }
    }
  }
  if( scn_val_member(p, "mfaRegistered") ){
    pU->bMfaGiven = scn_val_bool(v, zPath, p, "mfaRegistered", &pU->bMfa);
    if( zHome || pU->eInvitation!=SCN_INV_NONE ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "mfaRegistered");
      scn_val_err(v, zSub, "a B2B user signs in with its home identity: give mfaRegistered"
                  " to the home user, in its own tenant");
    }
  }
  v->nUsers++;
}

static const char *const azPopKeys[] = {
  "count", "keyPrefix", "groups", "disabledFraction", "attributes", NULL
};

void scn_tenants_population(Val *v, const char *zPath, const cJSON *p, ValTenant *t,
                            ScnPopulation *pP){
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
    pP->nCount = n;
  }
  zPrefix = scn_val_str(v, zPath, p, "keyPrefix", 1);
  pP->zKeyPrefix = zPrefix;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "keyPrefix");
  if( zPrefix && !scn_tenants_is_key_text(zPrefix) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zPrefix);
  }else if( zPrefix && scn_val_range_collides(t, zPrefix) ){
    scn_val_err(v, zSub, "prefix \"%s\" overlaps keys already used in tenant %s", zPrefix, t->zKey);
  }else if( zPrefix && n>0 ){
    scn_val_add_range(v, t, zPrefix, n);
  }
  val_group_refs(v, zPath, p, t, &pP->groups);
  c = cJSON_GetObjectItemCaseSensitive(p, "disabledFraction");
  pP->rDisabled = cJSON_IsNumber(c) ? c->valuedouble : 0.0;
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
        char zA[TS_JSONPATH_MAX];
        const char *zSug = scn_val_suggest(c->string, azAttrNames);
        scn_val_path_key(zA, sizeof(zA), zSub, c->string);
        if( zSug ) scn_val_err(v, zA, "unknown attribute \"%s\" (did you mean \"%s\"?)", c->string, zSug);
        else scn_val_err(v, zA, "unknown attribute \"%s\"", c->string);
      }
    }
    scn_tenants_user_attrs(v, zSub, pAttrs, 1, &pP->aAttr, &pP->nAttr);
    if( cJSON_GetObjectItemCaseSensitive(pAttrs, "manager") ){
      char zM[TS_JSONPATH_MAX];
      scn_val_path_key(zM, sizeof(zM), zSub, "manager");
      scn_val_err(v, zM, "a population cannot set manager; give managers to individual users"
                     " or with an update action");
    }
  }
}

static const char *const azGroupKeys[] = {
  "key", "displayName", "type", "owners", "restrictedManagementUnit", "membershipRule",
  "membershipRuleProcessingState", "memberGroups", NULL
};

/* A dynamic group's "membershipRule" and "membershipRuleProcessingState". */
static void val_group_rule(Val *v, const char *zPath, const cJSON *p, const ValTenant *t,
                           ScnGroup *pG){
  const char *zState = scn_val_str(v, zPath, p, "membershipRuleProcessingState", 0);
  char zSub[TS_JSONPATH_MAX];
  DynRule *pRule = NULL;
  DynError e;
  int rc;
  pG->zRule = scn_val_str(v, zPath, p, "membershipRule", 0);
  if( zState ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "membershipRuleProcessingState");
    if( strcmp(zState, "On")!=0 && strcmp(zState, "Paused")!=0 ){
      scn_val_err(v, zSub, "expected \"On\" or \"Paused\", found \"%s\"", zState);
    }else if( pG->zRule==NULL ){
      scn_val_err(v, zSub, "only a dynamic group (one with a \"membershipRule\") has a"
                  " processing state");
    }
    pG->bRulePaused = strcmp(zState, "Paused")==0;
  }
  if( pG->zRule==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "membershipRule");
  rc = dynrule_compile(pG->zRule, dyngroup_resolve, NULL, &pRule, &e);
  dynrule_free(pRule);
  if( rc==TS_NOMEM ){
    v->bNoMem = 1;
  }else if( rc ){
    scn_val_err(v, zSub, "at character %d: %s", e.iCol, e.zMsg);
  }
  if( pG->zType && strcmp(pG->zType, "Security")!=0 && strcmp(pG->zType, "Microsoft365")!=0 ){
    scn_val_err(v, zSub, "a %s group cannot be dynamic: dynamic membership is for security"
                " and Microsoft 365 groups", pG->zType);
  }
  if( t->pModel && !(t->pModel->mLicences & (LIC_P1|LIC_P2|LIC_SUITE)) ){
    scn_val_err(v, zSub, "dynamic groups need Microsoft Entra ID P1 (or P2) in tenant %s;"
                " add it to its \"licences\"", t->zKey);
  }
}

static void val_group(Val *v, const char *zPath, const cJSON *p, ValTenant *t, ScnGroup *pG){
  const char *zKey, *zType;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azGroupKeys);
  pG->zDisplayName = scn_val_str(v, zPath, p, "displayName", 0);
  scn_val_bool(v, zPath, p, "restrictedManagementUnit", &pG->bRestricted);
  scn_val_key_list(v, scn_val_array(v, zPath, p, "owners", 0), &pG->owners);
  zType = scn_val_str(v, zPath, p, "type", 0);
  pG->zType = zType;
  if( zType && strcmp(zType, "Security")!=0 && strcmp(zType, "Microsoft365")!=0
   && strcmp(zType, "MailEnabledSecurity")!=0 && strcmp(zType, "Distribution")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "type");
    scn_val_err(v, zSub, "expected \"Security\", \"Microsoft365\", \"MailEnabledSecurity\" or"
            " \"Distribution\", found \"%s\"", zType);
  }
  val_group_rule(v, zPath, p, t, pG);
  scn_val_key_list(v, scn_val_array(v, zPath, p, "memberGroups", 0), &pG->memberGroups);
  if( pG->zRule && cJSON_GetObjectItemCaseSensitive(p, "memberGroups") ){
    /* Entra: a dynamic group's members are the users its rule matches */
    scn_val_path_key(zSub, sizeof(zSub), zPath, "memberGroups");
    scn_val_err(v, zSub, "a dynamic group cannot have member groups: its membershipRule"
                " decides its members");
  }
  zKey = scn_val_str(v, zPath, p, "key", 1);
  pG->zKey = zKey;
  if( zKey==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "key");
  if( !scn_tenants_is_key_text(zKey) ){
    scn_val_err(v, zSub, "\"%s\": keys use letters, digits, '-', '_' and '.' only", zKey);
  }else if( hmap_get(&t->groups, zKey, NULL) ){
    scn_val_err(v, zSub, "group key \"%s\" is already used in tenant %s", zKey, t->zKey);
  }else if( hmap_put(&t->groups, zKey, SCN_GROUP_VALUE(pG - t->pModel->aGroup, pG->zRule!=NULL)) ){
    v->bNoMem = 1;
  }
}

static const char *const azTenantKeys[] = {
  "key", "tenantId", "domain", "cloud", "licences", "users", "groups", "populations",
  "guestInviteSetting", "objectQuota", "cloudSettings", "crossCloudSync",
  "allowExternalIdentitiesToLeave", "logExport", "verifiedDomains",
  "roleAssignments", "conditionalAccessPolicies", "servicePrincipals", NULL
};

/* The diagnostic-setting log categories of Microsoft Entra ID that a
** "logExport" may name, with their SCN_LOG_* bits. */
static const struct { const char *zName; unsigned m; } aLogCategory[] = {
  { "AuditLogs", SCN_LOG_AUDIT }, { "SignInLogs", SCN_LOG_SIGNIN },
  { "ProvisioningLogs", SCN_LOG_PROVISIONING }, { "MicrosoftGraphActivityLogs", SCN_LOG_GRAPH },
};

/* "logExport": the log categories tenant p sends to its SIEM; every
** category when not given (tenantsim's assumption, README). */
static void val_log_export(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT){
  const cJSON *a = scn_val_array(v, zPath, p, "logExport", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  pT->mLogExport = a ? 0 : SCN_LOG_ALL;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "logExport");
  if( a ) cJSON_ArrayForEach(c, a){
    size_t k;
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    for(k=0; k<sizeof(aLogCategory)/sizeof(aLogCategory[0]); k++){
      if( cJSON_IsString(c) && strcmp(c->valuestring, aLogCategory[k].zName)==0 ) break;
    }
    if( k==sizeof(aLogCategory)/sizeof(aLogCategory[0]) ){
      const char *azName[sizeof(aLogCategory)/sizeof(aLogCategory[0]) + 1];
      const char *zSug;
      for(k=0; k<sizeof(aLogCategory)/sizeof(aLogCategory[0]); k++) azName[k] = aLogCategory[k].zName;
      azName[k] = NULL;
      zSug = cJSON_IsString(c) ? scn_val_suggest(c->valuestring, azName) : NULL;
      if( zSug ) scn_val_err(v, zE, "expected a log category; did you mean \"%s\"?", zSug);
      else scn_val_err(v, zE, "expected a log category: \"AuditLogs\", \"SignInLogs\","
                       " \"ProvisioningLogs\" or \"MicrosoftGraphActivityLogs\"");
    }else{
      pT->mLogExport |= aLogCategory[k].m;
    }
  }
}

/* Is domain zDomain the domain, or one of the verifiedDomains, of tenant
** model t? */
static int tenant_has_domain(const ScnTenant *t, const char *zDomain){
  int i;
  if( t->zDomain && strcasecmp(t->zDomain, zDomain)==0 ) return 1;
  for(i=0; i<t->domains.n; i++) if( strcasecmp(t->domains.az[i], zDomain)==0 ) return 1;
  return 0;
}

/* The tenant among the first v->nTenant whose domain or verifiedDomains
** hold zDomain, or NULL: Entra verifies a domain in one tenant only. */
static const ValTenant *domain_owner(const Val *v, const char *zDomain){
  int i;
  for(i=0; i<v->nTenant; i++){
    if( v->aTenant[i].pModel && tenant_has_domain(v->aTenant[i].pModel, zDomain) ){
      return &v->aTenant[i];
    }
  }
  return NULL;
}

/* "verifiedDomains": domain names, each once, verified in no other tenant.
** The tenant's own domain may be listed (it is verified anyway). */
static void val_verified_domains(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT){
  const cJSON *a = scn_val_array(v, zPath, p, "verifiedDomains", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0, k;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "verifiedDomains");
  if( a && (pT->domains.az = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(char*)))==NULL ){
    return;
  }
  if( a ) cJSON_ArrayForEach(c, a){
    const ValTenant *o;
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( !cJSON_IsString(c) ){
      scn_val_err(v, zE, "expected a domain name such as contoso.com, found %s",
                  jsonloc_type_name(c));
      continue;
    }
    if( !directory_domain_is_name(c->valuestring) ){
      scn_val_err(v, zE, "\"%s\" is not a domain name: labels of letters, digits and '-'"
                  " (at most 63 each, no '-' first or last) joined by dots, such as"
                  " contoso.com", c->valuestring);
      continue;
    }
    for(k=0; k<pT->domains.n; k++) if( strcasecmp(pT->domains.az[k], c->valuestring)==0 ) break;
    if( k<pT->domains.n ){
      scn_val_err(v, zE, "domain \"%s\" is listed twice", c->valuestring);
    }else if( (o = domain_owner(v, c->valuestring))!=NULL ){
      scn_val_err(v, zE, "domain \"%s\" is already verified in tenant %s: a domain is"
                  " verified in one tenant only", c->valuestring, o->zKey);
    }else{
      pT->domains.az[pT->domains.n++] = c->valuestring;
    }
  }
}

/* A "cloudSettings" array: clouds enabled for collaboration with this one. */
static void val_clouds(Val *v, const char *zPath, const cJSON *p, ScnSettings *pS){
  const cJSON *a = scn_val_array(v, zPath, p, "cloudSettings", 0), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "cloudSettings");
  if( a ) pS->bCloudSettings = 1;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( !cJSON_IsString(c) || policy_cloud_bit(c->valuestring)==0 ){
      scn_val_err(v, zE, "expected \"commercial\", \"usgov\" or \"china\"");
    }else{
      pS->mCloudSettings |= policy_cloud_bit(c->valuestring);
    }
  }
}

/* The settings a tenant entry and set_tenant share: guestInviteSetting,
** objectQuota (at least nQuotaMin), cloudSettings, crossCloudSync and
** allowExternalIdentitiesToLeave (the external collaboration setting "allow
** external users to remove themselves from organizations"). */
void scn_tenants_settings(Val *v, const char *zPath, const cJSON *p, int64_t nQuotaMin,
                          ScnSettings *pS){
  char zSub[TS_JSONPATH_MAX];
  const char *zG = scn_val_str(v, zPath, p, "guestInviteSetting", 0);
  int64_t nQ;
  int b;
  pS->eGuestInvites = zG==NULL ? -1 : strcmp(zG, "mostRestrictive")==0;
  pS->bCrossCloudSync = -1;
  pS->nObjectQuota = -1;
  pS->bAllowLeave = -1;
  if( zG && strcmp(zG, "allowed")!=0 && strcmp(zG, "mostRestrictive")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "guestInviteSetting");
    scn_val_err(v, zSub, "expected \"allowed\" or \"mostRestrictive\", found \"%s\"", zG);
  }
  if( scn_val_int(v, zPath, p, "objectQuota", 0, nQuotaMin, 1e9, &nQ) ) pS->nObjectQuota = nQ;
  val_clouds(v, zPath, p, pS);
  if( scn_val_bool(v, zPath, p, "crossCloudSync", &b) ) pS->bCrossCloudSync = b;
  if( scn_val_bool(v, zPath, p, "allowExternalIdentitiesToLeave", &b) ) pS->bAllowLeave = b;
}

/* First pass over tenants: keys, scalar fields, groups. */
void scn_tenants_header(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT){
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
  pT->zKey = zKey;
  pT->zDomain = zDomain;
  for(i=0; zDomain && i<v->nTenant; i++){
    if( v->aTenant[i].zDomain && strcasecmp(v->aTenant[i].zDomain, zDomain)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "domain");
      scn_val_err(v, zSub, "domain \"%s\" is already the domain of tenant %s", zDomain,
              v->aTenant[i].zKey);
      break;
    }
    if( v->aTenant[i].pModel && tenant_has_domain(v->aTenant[i].pModel, zDomain) ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "domain");
      scn_val_err(v, zSub, "domain \"%s\" is already verified in tenant %s (its"
                  " verifiedDomains): a domain is verified in one tenant only", zDomain,
                  v->aTenant[i].zKey);
      break;
    }
  }
  val_verified_domains(v, zPath, p, pT);
  zCloud = scn_val_str(v, zPath, p, "cloud", 0);
  if( zCloud && strcmp(zCloud, "commercial")!=0 && strcmp(zCloud, "usgov")!=0
   && strcmp(zCloud, "china")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "cloud");
    scn_val_err(v, zSub, "expected \"commercial\", \"usgov\" or \"china\", found \"%s\"", zCloud);
  }
  pT->zCloud = zCloud;
  scn_tenants_settings(v, zPath, p, 1, &pT->settings);
  val_log_export(v, zPath, p, pT);
  zId = scn_val_str(v, zPath, p, "tenantId", 0);
  pT->zTenantId = zId;
  if( zId && !authz_is_guid(zId) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenantId");
    scn_val_err(v, zSub, "expected a GUID such as 00000000-0000-0000-0000-000000000000");
  }
  for(i=0; zId && i<v->nTenant; i++){
    const char *zOther = v->aTenant[i].pModel->zTenantId;
    if( zOther && strcasecmp(zOther, zId)==0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "tenantId");
      scn_val_err(v, zSub, "tenant id %s is already the id of tenant %s", zId, v->aTenant[i].zKey);
      break;
    }
  }
  a = scn_val_array(v, zPath, p, "licences", 0);
  pT->mLicences = a ? 0 : LIC_P1;     /* CTS needs P1; assume it unless told */
  i = 0;
  if( a ) cJSON_ArrayForEach(c, a){
    char zL[TS_JSONPATH_MAX];
    scn_val_path_key(zSub, sizeof(zSub), zPath, "licences");
    scn_val_path_idx(zL, sizeof(zL), zSub, i++);
    if( !cJSON_IsString(c) || (strcmp(c->valuestring, "P1")!=0 && strcmp(c->valuestring, "P2")!=0
        && strcmp(c->valuestring, "Governance")!=0 && strcmp(c->valuestring, "Suite")!=0) ){
      scn_val_err(v, zL, "expected \"P1\", \"P2\", \"Governance\" or \"Suite\"");
    }else{
      pT->mLicences |= strcmp(c->valuestring, "P1")==0 ? LIC_P1 : strcmp(c->valuestring, "P2")==0
          ? LIC_P2 : strcmp(c->valuestring, "Governance")==0 ? LIC_GOVERNANCE : LIC_SUITE;
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
  t->pModel = pT;
  hmap_init(&t->users);
  hmap_init(&t->groups);
  digraph_init(&t->nest);
  a = scn_val_array(v, zPath, p, "groups", 0);
  i = 0;
  if( a && (pT->aGroup = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnGroup)))==NULL ) return;
  if( a ) cJSON_ArrayForEach(c, a){
    char zG[TS_JSONPATH_MAX];
    scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
    scn_val_path_idx(zG, sizeof(zG), zSub, i++);
    val_group(v, zG, c, t, &pT->aGroup[pT->nGroup++]);
  }
}

/* Every group owner is a user of the tenant (run once all are known). */
static void check_owners(Val *v, const char *zPath, const cJSON *p, const ValTenant *t){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(p, "groups"), *g;
  char zG[TS_JSONPATH_MAX], zO[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX];
  int i = 0, k;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
  cJSON_ArrayForEach(g, a){
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(g, "owners"), *c;
    scn_val_path_idx(zG, sizeof(zG), zSub, i++);
    scn_val_path_key(zO, sizeof(zO), zG, "owners");
    k = 0;
    if( cJSON_IsArray(o) ) cJSON_ArrayForEach(c, o){
      scn_val_path_idx(zE, sizeof(zE), zO, k++);
      if( !cJSON_IsString(c) ) scn_val_err(v, zE, "expected a user key, found %s", jsonloc_type_name(c));
      else if( !scn_val_user_known(t, c->valuestring) ){
        scn_val_err(v, zE, "no user \"%s\" in tenant %s", c->valuestring, t->zKey);
      }
    }
  }
}

void scn_tenants_nest(Val *v, const char *zPath, ValTenant *t, const char *zGroup,
                      const char *zMember, int bAdd){
  int iG = scn_val_group_index(t, zGroup), iM = scn_val_group_index(t, zMember), rc;
  ts_assert( iG>=0 );
  if( iM<0 ){
    scn_val_err(v, zPath, "no group \"%s\" in tenant %s", zMember, t->zKey);
  }else if( iM==iG ){
    scn_val_err(v, zPath, "group %s cannot be a member of itself", zGroup);
  }else if( !bAdd ){
    digraph_remove(&t->nest, iG, iM);
  }else if( (rc = digraph_reaches(&t->nest, iM, iG))<0 ){
    v->bNoMem = 1;
  }else if( rc ){
    scn_val_err(v, zPath, "group %s already contains %s through its member groups: nesting %s"
                " in %s would make a cycle, and a group cannot contain itself", zMember, zGroup,
                zMember, zGroup);
  }else if( digraph_add(&t->nest, iG, iM)<0 ){
    v->bNoMem = 1;
  }
}

/* Every "memberGroups" entry names another group of the tenant, and no
** group contains itself through them (run once all groups are known). */
static void check_member_groups(Val *v, const char *zPath, const cJSON *p, ValTenant *t){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(p, "groups"), *g;
  char zG[TS_JSONPATH_MAX], zM[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX], zSub[TS_JSONPATH_MAX];
  int i = 0, k;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
  cJSON_ArrayForEach(g, a){
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(g, "memberGroups"), *c;
    const char *zKey = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(g, "key"));
    int bOwn = zKey && scn_val_group_index(t, zKey)==i;   /* not a duplicate key */
    scn_val_path_idx(zG, sizeof(zG), zSub, i++);
    scn_val_path_key(zM, sizeof(zM), zG, "memberGroups");
    k = 0;
    if( !cJSON_IsArray(m) || !bOwn || scn_val_group_dynamic(t, zKey) ) continue;
    cJSON_ArrayForEach(c, m){
      scn_val_path_idx(zE, sizeof(zE), zM, k++);
      if( !cJSON_IsString(c) ) scn_val_err(v, zE, "expected a group key, found %s", jsonloc_type_name(c));
      else scn_tenants_nest(v, zE, t, zKey, c->valuestring, 1);
    }
  }
}

/* Second and third passes: internal users and populations (bB2B 0), then
** B2B users (bB2B 1), whose homeUser may name a user of any tenant. */
void scn_tenants_users(Val *v, const char *zPath, const cJSON *p, int bB2B, ScnTenant *pT){
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
  /* the users in document order: each pass fills its own slots */
  if( a && pT->aUser==NULL ){
    pT->aUser = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnUser));
    if( pT->aUser==NULL ) return;
    pT->nUser = cJSON_GetArraySize(a);
  }
  if( a ) cJSON_ArrayForEach(c, a){
    int bHome = cJSON_IsObject(c) && scn_val_member(c, "homeUser")!=NULL;
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    if( bHome==bB2B ) scn_tenants_user(v, zE, c, t, 0, &pT->aUser[i-1]);
    /* Managers may be declared anywhere in the tenant: check them last. */
    if( bB2B && cJSON_IsObject(c) ) scn_tenants_manager_ref(v, zE, c, t);
  }
  if( bB2B ){
    check_owners(v, zPath, p, t);
    check_member_groups(v, zPath, p, t);
    return;
  }
  a = scn_val_array(v, zPath, p, "populations", 0);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "populations");
  i = 0;
  if( a && (pT->aPop = scn_val_alloc(v, (size_t)cJSON_GetArraySize(a), sizeof(ScnPopulation)))==NULL ) return;
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    scn_tenants_population(v, zE, c, t, &pT->aPop[pT->nPop++]);
  }
}

