/*
** graph_schema.c — synchronizationSchema import (graph_schema.h): the rules,
** their object mappings and metadata; graph_schemaInt.h lists the files
** that read attribute mappings and scopes, and the one that exports.
**
** The importer reads the one object mapping that matters to tenantsim, the
** User→User mapping, into a scenario "mapping" with "replace": true (the
** schema lists every mapping; nothing is inherited from the default), its
** scope into "scopingFilters", and an enabled Group→Group mapping into
** "groupProvisioning". It never recurses over the input except through a
** source tree limited to EXPR_MAX_DEPTH levels, and keeps every pass over
** a collection linear (targets already mapped sit in a hash map), so huge
** or deeply nested documents cost time in proportion to their size.
**
** Choices where Microsoft documents nothing (each is also a warning text):
**  - A disabled User mapping ("enabled": false) provisions nobody in the
**    service; it is imported with targetObjectActions create, update and
**    delete all false, which is the closest tenantsim can come. Export
**    writes such a job as "enabled": false. A missing "enabled" counts as
**    true.
**  - flowTypes: members are split on commas and trimmed; empty members and
**    "None" add nothing; a missing flowTypes means Add, Update, Delete.
**  - "defaultValue": "" is the portal's empty "Default value if null" box
**    and is dropped (in tenantsim an empty default would write "" on
**    create, which the service does not do for an empty box).
**  - A mapping whose source is null acts, in Graph, as a constant default;
**    tenantsim's nearest entry is type None with the defaultValue, which
**    fills the attribute on creation and whenever it is empty.
**  - When a source's name and its "expression" disagree ([mail] named
**    "givenName"), the expression wins, with a warning. An expression that
**    is exactly one attribute reference or one canonical string constant
**    becomes a Direct or Constant entry, so that export and import agree
**    whatever shape Graph gives such expressions.
**  - Unknown metadata keys are warnings, not errors: the key list is an
**    open set in practice. Rule metadata is not read.
**  - Scoping clauses on an attribute tenantsim does not model are
**    constant (no simulated user has a value there): IS NULL is dropped as
**    always true, anything else drops its group as always false. A clause on
**    an attribute the service does not accept for scoping (userType,
**    manager, dates) drops its group too. A group left with no clause is
**    always true, so the whole filter is: it is imported as no filter.
**  - Group→Group mappings are read for on/off only; tenantsim's group sync
**    creates security groups with the source's displayName and provisioned
**    direct members, so export writes exactly those two attribute mappings
**    and import warns when a schema's group mapping asks for anything else.
**    Group sync follows the job's delete action, and always creates and
**    updates.
**  - The matching entry AltSecIdFromNetId([netId]) is built by hand on
**    export: AltSecIdFromNetId is internal to the service and not part of
**    the expression language tenantsim compiles.
*/
#include <stdio.h>
#include <string.h>
#include "attr.h"
#include "graph_schema.h"
#include "graph_schemaInt.h"
#include "hmap.h"
#include "mem.h"
#include "strbuf.h"

/* ---------------------------------------------------------------------
** Import.
*/


/* The flow-type bits of an objectMapping's flowTypes flags string. */
static unsigned gs_flow_types(GsImp *s, const char *zPath, const cJSON *pOM){
  char zSub[TS_JSONPATH_MAX];
  const char *z = jsonloc_string(s->g, s->zFile, zPath, pOM, "flowTypes", 0);
  unsigned m = 0;
  if( z==NULL ) return GS_ALL;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowTypes");
  while( *z ){
    const char *zEnd = strchr(z, ',');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    while( n>0 && (*z==' ' || *z=='\t') ){ z++; n--; }
    while( n>0 && (z[n-1]==' ' || z[n-1]=='\t') ) n--;
    if( n==3 && memcmp(z, "Add", 3)==0 ) m |= GS_ADD;
    else if( n==6 && memcmp(z, "Update", 6)==0 ) m |= GS_UPDATE;
    else if( n==6 && memcmp(z, "Delete", 6)==0 ) m |= GS_DELETE;
    else if( n>0 && !(n==4 && memcmp(z, "None", 4)==0) ){
      jsonloc_error(s->g, s->zFile, zSub, "unknown flow type \"%.*s\"; expected Add, Update"
                 " or Delete, separated by commas", n>100 ? 100 : (int)n, z);
    }
    if( zEnd==NULL ) break;
    z = zEnd + 1;
  }
  return m;
}

/* A metadata value without the JSON quotes the service wraps some in. */
static int gs_meta_is(const char *zVal, const char *zWord){
  size_t n = strlen(zWord), nv = strlen(zVal);
  if( nv==n+2 && zVal[0]=='"' && zVal[nv-1]=='"' ) return memcmp(zVal+1, zWord, n)==0;
  return strcmp(zVal, zWord)==0;
}

/* An objectMapping's metadata: warn about what changes behaviour. */
static void gs_om_metadata(GsImp *s, const char *zPath, const cJSON *pOM){
  const cJSON *a = jsonloc_array(s->g, s->zFile, zPath, pOM, "metadata", 0), *c;
  char zArr[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX], zV[TS_JSONPATH_MAX];
  int i = 0;
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "metadata");
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zKey, *zVal;
    jsonloc_path_idx(zE, sizeof(zE), zArr, i++);
    if( !cJSON_IsObject(c) ){
      jsonloc_error(s->g, s->zFile, zE, "expected a {\"key\", \"value\"} object, found %s",
                 jsonloc_type_name(c));
      continue;
    }
    zKey = jsonloc_string(s->g, s->zFile, zE, c, "key", 1);
    zVal = jsonloc_string(s->g, s->zFile, zE, c, "value", 0);
    if( zKey==NULL ) continue;
    if( zVal==NULL ) zVal = "";
    jsonloc_path_key(zV, sizeof(zV), zE, "value");
    if( strcmp(zKey, "Disposition")==0 ){
      if( gs_meta_is(zVal, "Discard") || gs_meta_is(zVal, "Escrow") ){
        jsonloc_warn(s->g, s->zFile, zV, "Disposition %s is not modelled: tenantsim provisions"
                  " these objects normally", zVal);
      }else if( !gs_meta_is(zVal, "Normal") ){
        jsonloc_error(s->g, s->zFile, zV, "unknown Disposition %s; expected \"Normal\","
                   " \"Discard\" or \"Escrow\"", zVal);
      }
    }else if( strcmp(zKey, "EscrowBehavior")==0 ){
      if( gs_meta_is(zVal, "IgnoreLookupReferenceResolutionFailure") ){
        jsonloc_warn(s->g, s->zFile, zV, "EscrowBehavior IgnoreLookupReferenceResolutionFailure"
                  " is not modelled: an unresolved manager escrows the object as by default");
      }else if( !gs_meta_is(zVal, "Default") ){
        jsonloc_error(s->g, s->zFile, zV, "unknown EscrowBehavior %s; expected \"Default\" or"
                   " \"IgnoreLookupReferenceResolutionFailure\"", zVal);
      }
    }else if( strcmp(zKey, "DisableMonitoringForChanges")==0
           || strcmp(zKey, "ExcludeFromReporting")==0 || strcmp(zKey, "Unsynchronized")==0 ){
      if( attr_is_true(zVal) || gs_meta_is(zVal, "true") || gs_meta_is(zVal, "True") ){
        jsonloc_warn(s->g, s->zFile, zV, "%s true is not modelled", zKey);
      }
    }else if( strcmp(zKey, "OriginalJoiningProperty")==0 ){
      if( zVal[0] ){
        jsonloc_warn(s->g, s->zFile, zV, "OriginalJoiningProperty is not modelled: tenantsim"
                  " matches on alternativeSecurityIds only");
      }
    }else if( strcmp(zKey, "IsCustomerDefined")!=0 ){
      jsonloc_warn(s->g, s->zFile, zE, "unknown objectMapping metadata key \"%s\" ignored", zKey);
    }
  }
}

/* containerFilter / groupFilter of a rule: an object whose list member
** zList must be empty, or null. */
static void gs_rule_filter(GsImp *s, const char *zPath, const cJSON *pRule,
                           const char *zKey, const char *zList){
  const cJSON *f = jsonloc_object(s->g, s->zFile, zPath, pRule, zKey, 0), *a;
  char zSub[TS_JSONPATH_MAX];
  if( f==NULL ) return;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
  a = jsonloc_array(s->g, s->zFile, zSub, f, zList, 0);
  if( a && cJSON_GetArraySize(a)>0 ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: cross-tenant synchronization"
              " scopes users by assignment and scoping filters only", zKey);
  }
}

/* Is pSrc the engine's matching source AltSecIdFromNetId([netId])? */
/* The User→User object mapping: its attribute mappings, flow types and
** scope into *ppMapping and *ppFilters (new objects, or NULL). */
static void gs_user_mapping(GsImp *s, const char *zPath, const cJSON *pOM,
                            cJSON **ppMapping, cJSON **ppFilters){
  const cJSON *a, *c;
  cJSON *pMap = NULL, *aOut = NULL;
  char zArr[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  HMap seen;
  unsigned m;
  int i = 0;
  *ppMapping = NULL;
  hmap_init(&seen);
  m = gs_flow_types(s, zPath, pOM);
  if( jsonloc_bool(s->g, s->zFile, zPath, pOM, "enabled")==0 ){
    jsonloc_path_key(zE, sizeof(zE), zPath, "enabled");
    jsonloc_warn(s->g, s->zFile, zE, "the User mapping is disabled, so the service provisions no"
              " user with it; imported with targetObjectActions create, update and delete all"
              " false");
    m = 0;
  }
  gs_om_metadata(s, zPath, pOM);
  a = jsonloc_array(s->g, s->zFile, zPath, pOM, "attributeMappings", 0);
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "attributeMappings");
  aOut = cJSON_CreateArray();
  if( aOut==NULL ) goto out_nomem;
  if( a ) cJSON_ArrayForEach(c, a){
    jsonloc_path_idx(zE, sizeof(zE), zArr, i);
    graph_schema_attr_mapping(s, zE, i, c, &seen, aOut);
    i++;
    if( s->bNoMem ) goto out_nomem;
  }
  pMap = cJSON_CreateObject();
  if( graph_put(pMap, "replace", cJSON_CreateTrue()) ) goto out_nomem;
  if( graph_put(pMap, "attributes", aOut) ){ aOut = NULL; goto out_nomem; }
  aOut = NULL;
  if( m!=GS_ALL ){
    cJSON *o = cJSON_CreateObject();
    if( graph_put(o, "create", cJSON_CreateBool((m & GS_ADD)!=0))
     || graph_put(o, "update", cJSON_CreateBool((m & GS_UPDATE)!=0))
     || graph_put(o, "delete", cJSON_CreateBool((m & GS_DELETE)!=0)) ){
      cJSON_Delete(o);
      goto out_nomem;
    }
    if( graph_put(pMap, "targetObjectActions", o) ) goto out_nomem;
  }
  graph_schema_scope_import(s, zPath, pOM, ppFilters);
  *ppMapping = pMap;
  hmap_free(&seen);
  return;
out_nomem:
  s->bNoMem = 1;
  cJSON_Delete(aOut);
  cJSON_Delete(pMap);
  hmap_free(&seen);
}

/* Are a Group mapping's attribute mappings what tenantsim's group sync
** does: [displayName] → displayName and [members] → members, nothing else? */
static int gs_group_plain(const cJSON *a){
  const cJSON *c;
  int mSeen = 0;
  cJSON_ArrayForEach(c, a){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "targetAttributeName"));
    const cJSON *pSrc = cJSON_GetObjectItemCaseSensitive(c, "source");
    const char *zN = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "name"));
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "type"));
    int bit;
    if( zT==NULL || zN==NULL || strcmp(zT, zN)!=0 || (zType && strcmp(zType, "Attribute")!=0) ) return 0;
    if( strcmp(zT, "displayName")==0 ) bit = 1;
    else if( strcmp(zT, "members")==0 ) bit = 2;
    else return 0;
    if( mSeen & bit ) return 0;
    mSeen |= bit;
  }
  return mSeen==3;
}

/* A Group→Group object mapping: 1 if it is enabled (group provisioning
** on), else 0. What tenantsim does not model is reported. */
static int gs_group_mapping(GsImp *s, const char *zPath, const cJSON *pOM){
  const cJSON *a, *pScope;
  char zSub[TS_JSONPATH_MAX];
  unsigned m = gs_flow_types(s, zPath, pOM);
  int bEnabled = jsonloc_bool(s->g, s->zFile, zPath, pOM, "enabled")!=0;
  gs_om_metadata(s, zPath, pOM);
  if( !bEnabled ) return 0;
  if( (m & (GS_ADD|GS_UPDATE))!=(GS_ADD|GS_UPDATE) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowTypes");
    jsonloc_warn(s->g, s->zFile, zSub, "tenantsim's group sync always creates and updates groups;"
              " it deletes them when the User mapping's Delete is on");
  }
  a = jsonloc_array(s->g, s->zFile, zPath, pOM, "attributeMappings", 0);
  if( a && !gs_group_plain(a) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "attributeMappings");
    jsonloc_warn(s->g, s->zFile, zSub, "group attribute mappings are not imported: tenantsim's"
              " group sync creates security groups with the source's displayName and its"
              " provisioned direct members");
  }
  pScope = jsonloc_object(s->g, s->zFile, zPath, pOM, "scope", 0);
  if( pScope ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "scope");
    jsonloc_warn(s->g, s->zFile, zSub, "group scoping filters are not modelled: every assigned"
              " group is provisioned");
  }
  return 1;
}

static int gs_is(const char *z, const char *zWord){ return z && strcmp(z, zWord)==0; }

/* First pass: the User→User object mapping to import (the first enabled
** one, else the first), as rule and mapping indexes; -1 when none. */
static void gs_find_user(const cJSON *aRules, int *piRule, int *piOM){
  const cJSON *r, *o;
  int i = 0, bEnabled = 0;
  *piRule = *piOM = -1;
  cJSON_ArrayForEach(r, aRules){
    int j = 0;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "objectMappings");
    if( !cJSON_IsArray(a) ){ i++; continue; }
    cJSON_ArrayForEach(o, a){
      if( cJSON_IsObject(o)
       && gs_is(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "sourceObjectName")), "User")
       && gs_is(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "targetObjectName")), "User") ){
        int bOn = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "enabled"));
        if( *piRule<0 || (bOn && !bEnabled) ){
          *piRule = i; *piOM = j; bEnabled = bOn;
        }
        if( bEnabled ) return;
      }
      j++;
    }
    i++;
  }
}

/* Object mapping o at zOP: the User mapping at zUser (the one imported)
** into *ppMapping and *ppFilters, an enabled Group mapping into *pbGroups;
** any other is a warning. */
static void gs_object_mapping(GsImp *s, const char *zOP, const cJSON *o, const char *zUser,
                              cJSON **ppMapping, cJSON **ppFilters, int *pbGroups){
  const char *zSrc, *zTgt, *zOM;
  int bInternal;
  if( !cJSON_IsObject(o) ){
    jsonloc_error(s->g, s->zFile, zOP, "expected an objectMapping object, found %s", jsonloc_type_name(o));
    return;
  }
  zOM = jsonloc_string(s->g, s->zFile, zOP, o, "name", 0);
  zSrc = jsonloc_string(s->g, s->zFile, zOP, o, "sourceObjectName", 1);
  zTgt = jsonloc_string(s->g, s->zFile, zOP, o, "targetObjectName", 1);
  if( zSrc==NULL || zTgt==NULL ) return;
  bInternal = zOM==NULL || zOM[0]==0;
  if( gs_is(zSrc, "User") && gs_is(zTgt, "User") ){
    if( strcmp(zOP, zUser)!=0 ){
      jsonloc_warn(s->g, s->zFile, zOP, "another User to User object mapping; tenantsim imports one,"
                " the first enabled (%s)", zUser);
      return;
    }
    if( bInternal ){
      jsonloc_warn(s->g, s->zFile, zOP, "the User mapping has no name (the service's internal"
                " mappings have none); read all the same");
    }
    gs_user_mapping(s, zOP, o, ppMapping, ppFilters);
  }else if( gs_is(zSrc, "Group") && gs_is(zTgt, "Group") ){
    if( bInternal ){
      jsonloc_warn(s->g, s->zFile, zOP, "the Group mapping has no name (the service's internal"
                " mappings have none); read all the same");
    }
    if( gs_group_mapping(s, zOP, o) ){
      if( *pbGroups ){
        jsonloc_warn(s->g, s->zFile, zOP, "another enabled Group to Group object mapping; group"
                  " provisioning is on or off for the job");
      }
      *pbGroups = 1;
    }
  }else{
    jsonloc_warn(s->g, s->zFile, zOP, "%sobject mapping from %s to %s is not modelled: tenantsim"
              " synchronizes users and groups", bInternal ? "internal (unnamed) " : "",
              zSrc, zTgt);
  }
}

int graph_schema_import(JsonLoc *g, const char *zFile, const cJSON *pDoc, cJSON *pJob){
  GsImp s;
  const cJSON *aRules, *r;
  cJSON *pMapping = NULL, *pFilters = NULL;
  char zRP[TS_JSONPATH_MAX], zOP[TS_JSONPATH_MAX], zArr[TS_JSONPATH_MAX], zUser[TS_JSONPATH_MAX];
  int iRule, iOM, i = 0, bGroups = 0;
  s.g = g;
  s.zFile = zFile;
  s.bNoMem = 0;
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected a synchronizationSchema object, found %s", jsonloc_type_name(pDoc));
    goto free_parts;
  }
  aRules = jsonloc_array(g, zFile, "$", pDoc, "synchronizationRules", 1);
  if( aRules==NULL ) goto free_parts;
  gs_find_user(aRules, &iRule, &iOM);
  if( iRule<0 ){
    jsonloc_error(g, zFile, "$.synchronizationRules", "no objectMapping from User to User in any"
               " rule: tenantsim imports the user mapping of cross-tenant synchronization");
  }
  zUser[0] = 0;
  if( iRule>=0 ){
    jsonloc_path_idx(zRP, sizeof(zRP), "$.synchronizationRules", iRule);
    jsonloc_path_key(zArr, sizeof(zArr), zRP, "objectMappings");
    jsonloc_path_idx(zUser, sizeof(zUser), zArr, iOM);
  }
  cJSON_ArrayForEach(r, aRules){
    const cJSON *a, *o;
    const char *zName;
    int j = 0;
    jsonloc_path_idx(zRP, sizeof(zRP), "$.synchronizationRules", i);
    if( !cJSON_IsObject(r) ){
      jsonloc_error(g, zFile, zRP, "expected a synchronizationRule object, found %s", jsonloc_type_name(r));
      i++;
      continue;
    }
    zName = jsonloc_string(g, zFile, zRP, r, "name", 0);
    gs_rule_filter(&s, zRP, r, "containerFilter", "includedContainers");
    gs_rule_filter(&s, zRP, r, "groupFilter", "includedGroups");
    jsonloc_array(g, zFile, zRP, r, "metadata", 0);
    if( i==iRule && !gs_is(zName, GS_RULE_NAME) ){
      char zSub[TS_JSONPATH_MAX];
      jsonloc_path_key(zSub, sizeof(zSub), zRP, "name");
      jsonloc_warn(g, zFile, zSub, "the rule holding the User mapping is named %s, not "
                GS_RULE_NAME " as in cross-tenant synchronization; read all the same",
                zName ? zName : "(nothing)");
    }
    a = jsonloc_array(g, zFile, zRP, r, "objectMappings", 0);
    jsonloc_path_key(zArr, sizeof(zArr), zRP, "objectMappings");
    if( a ) cJSON_ArrayForEach(o, a){
      jsonloc_path_idx(zOP, sizeof(zOP), zArr, j++);
      gs_object_mapping(&s, zOP, o, zUser, &pMapping, &pFilters, &bGroups);
      if( s.bNoMem ) goto free_parts;
    }
    i++;
  }
  if( pMapping==NULL ) goto free_parts;
  if( gs_set(pJob, "mapping", pMapping) ){ pMapping = NULL; s.bNoMem = 1; goto free_parts; }
  pMapping = NULL;
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, "scopingFilters");
  if( pFilters && graph_put(pJob, "scopingFilters", pFilters) ){ pFilters = NULL; s.bNoMem = 1; goto free_parts; }
  pFilters = NULL;
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, "groupProvisioning");
  if( bGroups && graph_put(pJob, "groupProvisioning", cJSON_CreateTrue()) ) s.bNoMem = 1;
free_parts:
  cJSON_Delete(pMapping);
  cJSON_Delete(pFilters);
  if( s.bNoMem || g->bNoMem ) return TS_NOMEM;
  return jsonloc_failed(g) ? TS_ERR : TS_OK;
}
