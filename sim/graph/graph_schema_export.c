/*
** graph_schema_export.c — graph_schema_export (graph_schema.h): a scenario
** job's mapping, scoping filters and group provisioning as the
** synchronizationSchema Graph would hold, ready to PUT. The matching entry
** AltSecIdFromNetId([netId]) is built by hand (graph_schema.c's head
** comment says why).
*/
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "expr_graph.h"
#include "graph_schema.h"
#include "graph_schemaInt.h"
#include "mapping.h"
#include "mem.h"
#include "strbuf.h"

/* ---------------------------------------------------------------------
** Export.
*/

/* {"expression", "name", "parameters": [], "type"} of an Attribute or
** Constant source. NULL when memory ran out. */
static cJSON *gs_simple_source(const char *zType, const char *zName){
  cJSON *o = cJSON_CreateObject();
  StrBuf b;
  int rc;
  strbuf_init(&b);
  if( zType[0]=='C' ) expr_graph_quote(&b, zName); else strbuf_printf(&b, "[%s]", zName);
  rc = b.bErr || gs_add_str(o, "expression", strbuf_str(&b)) || gs_add_str(o, "name", zName)
    || graph_put(o, "parameters", cJSON_CreateArray()) || gs_add_str(o, "type", zType);
  strbuf_free(&b);
  if( rc ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* The engine's matching source, AltSecIdFromNetId([netId]), as the
** Azure2Azure template has it. */
static cJSON *gs_match_source(void){
  cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(), *p = cJSON_CreateObject();
  if( graph_put(p, "key", cJSON_CreateString("source"))
   || graph_put(p, "value", gs_simple_source("Attribute", "netId")) ){
    cJSON_Delete(p);
    p = NULL;
  }
  if( p==NULL || graph_put(a, NULL, p) ){
    cJSON_Delete(a);
    a = NULL;
  }
  if( a==NULL || gs_add_str(o, "expression", GS_MATCH_EXPR) || gs_add_str(o, "name", "AltSecIdFromNetId") ){
    cJSON_Delete(a);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "parameters", a) || gs_add_str(o, "type", "Function") ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* An attributeMapping with every member, in Graph's order; pSource (a
** source object or JSON null) is consumed. NULL on OOM, or when pSource
** is NULL (its own allocation failed). */
static cJSON *gs_am(const char *zTarget, const char *zDefault, int bAddOnly, int iMatch,
                    cJSON *pSource){
  cJSON *o = pSource ? cJSON_CreateObject() : NULL;
  if( gs_add_str(o, "defaultValue", zDefault)
   || graph_put(o, "exportMissingReferences", cJSON_CreateFalse())
   || gs_add_str(o, "flowBehavior", "FlowWhenChanged")
   || gs_add_str(o, "flowType", bAddOnly ? "ObjectAddOnly" : "Always")
   || graph_put(o, "matchingPriority", cJSON_CreateNumber(iMatch)) ){
    cJSON_Delete(pSource);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "source", pSource) || gs_add_str(o, "targetAttributeName", zTarget) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* One scenario mapping entry (validated) as an attributeMapping, appended
** to aOut. TS_OK, TS_ERR (expression) or TS_NOMEM, message in pErr. */
static int gs_export_entry(const cJSON *c, cJSON *aOut, TsErr *pErr){
  const char *zTarget = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "type"));
  const char *zFlow = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "flowType"));
  const char *zDef = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "defaultValue"));
  cJSON *pSrc;
  if( zTarget==NULL || zType==NULL ) return tserr_set(pErr, TS_ERR, "a mapping entry without target or type");
  if( strcmp(zType, "Direct")==0 || strcmp(zType, "Constant")==0 ){
    int bConst = zType[0]=='C';
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, bConst ? "value" : "source"));
    if( z==NULL ) return tserr_set(pErr, TS_ERR, "mapping to %s: no %s", zTarget, bConst ? "value" : "source");
    pSrc = gs_simple_source(bConst ? "Constant" : "Attribute", z);
    if( pSrc==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  }else if( strcmp(zType, "Expression")==0 ){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "expression"));
    int rc;
    if( z==NULL ) return tserr_set(pErr, TS_ERR, "mapping to %s: no expression", zTarget);
    rc = expr_graph_source(z, &pSrc, pErr);
    if( rc ){
      if( rc==TS_ERR ){
        char zMsg[sizeof(pErr->zMsg)];
        snprintf(zMsg, sizeof(zMsg), "%s", pErr->zMsg);
        tserr_set(pErr, TS_ERR, "mapping to %s: %s", zTarget, zMsg);
      }
      return rc;
    }
  }else{
    pSrc = cJSON_CreateNull();      /* None: the default value alone */
  }
  if( graph_put(aOut, NULL, gs_am(zTarget, zDef, zFlow && strcmp(zFlow, "ObjectAddOnly")==0, 0, pSrc)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  return TS_OK;
}

/* The default mapping's entry e in the scenario form (a new object). */
static cJSON *gs_default_entry(const MapEntry *e){
  cJSON *o = cJSON_CreateObject();
  int bConst = e->eType==MAP_CONSTANT;
  if( gs_add_str(o, "target", attr_info(e->iTarget)->zName)
   || gs_add_str(o, "type", bConst ? "Constant" : "Direct")
   || gs_add_str(o, bConst ? "value" : "source", bConst ? e->zConst : attr_info(e->iSource)->zName)
   || (e->eFlow==FLOW_OBJECT_ADD_ONLY && gs_add_str(o, "flowType", "ObjectAddOnly")) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* The job's attribute mappings in the scenario form, merged with the
** default as sim/runner.c build_mapping merges them, into *ppList (a new
** array). TS_OK or TS_NOMEM. */
static int gs_merged_entries(const cJSON *pMapping, cJSON **ppList){
  const cJSON *pAttrs = cJSON_GetObjectItemCaseSensitive(pMapping, "attributes"), *c;
  cJSON *aList = cJSON_CreateArray(), **apSlot = NULL;
  MapEntry *aDef = NULL;
  int nDef = 0, n = 0, i, rc = TS_OK;
  HMap idx;
  hmap_init(&idx);
  *ppList = NULL;
  if( aList==NULL ) return TS_NOMEM;
  if( !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pMapping, "replace"))
   && mapping_default(&aDef, &nDef) ){
    rc = TS_NOMEM;
    goto free_slots;
  }
  apSlot = mem_calloc((size_t)(nDef + cJSON_GetArraySize(pAttrs) + 1), sizeof(cJSON*));
  if( apSlot==NULL ){ rc = TS_NOMEM; goto free_slots; }
  for(i=0; i<nDef; i++){
    apSlot[n++] = gs_default_entry(&aDef[i]);
    if( apSlot[i]==NULL || hmap_put(&idx, attr_info(aDef[i].iTarget)->zName, i) ){
      rc = TS_NOMEM;
      goto free_slots;
    }
  }
  cJSON_ArrayForEach(c, pAttrs){
    const char *zTarget = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
    cJSON *pCopy = cJSON_Duplicate(c, 1);
    int64_t k;
    if( pCopy==NULL ){ rc = TS_NOMEM; goto free_slots; }
    if( zTarget && hmap_get(&idx, zTarget, &k) ){
      cJSON_Delete(apSlot[k]);
      apSlot[k] = pCopy;
    }else{
      apSlot[n] = pCopy;
      if( zTarget && hmap_put(&idx, zTarget, n) ){ n++; rc = TS_NOMEM; goto free_slots; }
      n++;
    }
  }
  for(i=0; i<n; i++){
    cJSON *p = apSlot[i];
    apSlot[i] = NULL;
    if( graph_put(aList, NULL, p) ){ rc = TS_NOMEM; goto free_slots; }
  }
free_slots:
  if( apSlot ){
    for(i=0; i<n; i++) cJSON_Delete(apSlot[i]);
    mem_free(apSlot);
  }
  if( aDef ) mapping_free(aDef, nDef);
  hmap_free(&idx);
  if( rc ){
    cJSON_Delete(aList);
    return rc;
  }
  *ppList = aList;
  return TS_OK;
}

/* The job's scopingFilters as a Graph filter, or JSON null. */
static cJSON *gs_export_scope(const cJSON *pFilters){
  const cJSON *f, *k;
  cJSON *o, *aGroups;
  if( cJSON_GetArraySize(pFilters)==0 ) return cJSON_CreateNull();
  o = cJSON_CreateObject();
  aGroups = cJSON_CreateArray();
  if( graph_put(o, "groups", aGroups) ) goto out_nomem;
  cJSON_ArrayForEach(f, pFilters){
    cJSON *g = cJSON_CreateObject(), *aC = cJSON_CreateArray();
    const char *zTitle = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "title"));
    if( graph_put(aGroups, NULL, g) ){ cJSON_Delete(aC); goto out_nomem; }
    if( graph_put(g, "clauses", aC) || gs_add_str(g, "name", zTitle ? zTitle : "") ) goto out_nomem;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(f, "clauses")){
      const char *zAttr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "attribute"));
      const char *zOp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "operator"));
      const char *zVal = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "value"));
      cJSON *c = cJSON_CreateObject(), *pOperand = NULL;
      if( graph_put(aC, NULL, c) || gs_add_str(c, "operatorName", zOp)
       || gs_add_str(c, "sourceOperandName", zAttr) ) goto out_nomem;
      if( zVal ){
        cJSON *aV = cJSON_CreateArray();
        pOperand = cJSON_CreateObject();
        if( graph_put(pOperand, "values", aV) ){ cJSON_Delete(pOperand); goto out_nomem; }
        if( graph_put(aV, NULL, cJSON_CreateString(zVal)) ){ cJSON_Delete(pOperand); goto out_nomem; }
      }else{
        pOperand = cJSON_CreateNull();
      }
      if( graph_put(c, "targetOperand", pOperand) ) goto out_nomem;
    }
  }
  if( graph_put(o, "inputFilterGroups", cJSON_CreateArray())
   || graph_put(o, "categoryFilterGroups", cJSON_CreateArray()) ) goto out_nomem;
  return o;
out_nomem:
  cJSON_Delete(o);
  return NULL;
}

/* An objectMapping with its members in Graph's order; aAttrs and pScope
** are consumed. NULL on OOM. */
static cJSON *gs_object_mapping(cJSON *aAttrs, int bEnabled, const char *zFlowTypes,
                                const char *zName, cJSON *pScope, const char *zObject){
  cJSON *o = cJSON_CreateObject();
  if( graph_put(o, "attributeMappings", aAttrs) ){
    cJSON_Delete(pScope);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "enabled", cJSON_CreateBool(bEnabled)) || gs_add_str(o, "flowTypes", zFlowTypes)
   || graph_put(o, "metadata", cJSON_CreateArray()) || gs_add_str(o, "name", zName) ){
    cJSON_Delete(pScope);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "scope", pScope) || gs_add_str(o, "sourceObjectName", zObject)
   || gs_add_str(o, "targetObjectName", zObject) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* "Add, Update, Delete" with only the members in m. */
static void gs_flow_text(unsigned m, char *z, size_t n){
  snprintf(z, n, "%s%s%s%s%s", (m & GS_ADD) ? "Add" : "",
           (m & GS_ADD) && (m & (GS_UPDATE|GS_DELETE)) ? ", " : "",
           (m & GS_UPDATE) ? "Update" : "",
           (m & GS_UPDATE) && (m & GS_DELETE) ? ", " : "",
           (m & GS_DELETE) ? "Delete" : "");
}

/* The Group mapping tenantsim's group sync amounts to. */
static cJSON *gs_group_object_mapping(unsigned mUser){
  cJSON *a = cJSON_CreateArray();
  if( graph_put(a, NULL, gs_am("displayName", NULL, 0, 0, gs_simple_source("Attribute", "displayName")))
   || graph_put(a, NULL, gs_am("members", NULL, 0, 0, gs_simple_source("Attribute", "members"))) ){
    cJSON_Delete(a);
    return NULL;
  }
  return gs_object_mapping(a, 1, (mUser & GS_DELETE) ? "Add, Update, Delete" : "Add, Update",
                           GS_GROUP_MAP, cJSON_CreateNull(), "Group");
}

int graph_schema_export(const cJSON *pJob, const char *zJobId, cJSON **ppSchema, TsErr *pErr){
  const cJSON *pMapping = cJSON_GetObjectItemCaseSensitive(pJob, "mapping");
  const cJSON *pActs = cJSON_GetObjectItemCaseSensitive(pMapping, "targetObjectActions");
  const cJSON *c;
  cJSON *pSchema = NULL, *aRules = NULL, *pRule = NULL, *aOM = NULL, *aAttrs = NULL;
  cJSON *aEntries = NULL, *pScope, *pUserOM;
  unsigned m = GS_ALL;
  char zFlow[64];
  int rc = TS_OK;
  *ppSchema = NULL;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "create")) ) m &= ~GS_ADD;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "update")) ) m &= ~GS_UPDATE;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "delete")) ) m &= ~GS_DELETE;
  rc = gs_merged_entries(pMapping, &aEntries);
  if( rc ) goto free_lists;
  aAttrs = cJSON_CreateArray();
  if( graph_put(aAttrs, NULL, gs_am("alternativeSecurityIds", NULL, 0, 1, gs_match_source()))
   || graph_put(aAttrs, NULL, gs_am("IsSoftDeleted", NULL, 0, 0, gs_simple_source("Attribute", "IsSoftDeleted"))) ){
    rc = TS_NOMEM;
    goto free_lists;
  }
  cJSON_ArrayForEach(c, aEntries){
    rc = gs_export_entry(c, aAttrs, pErr);
    if( rc ) goto free_lists;
  }
  /* Each container is created where it is added, so that a failure
  ** leaves nothing outside pSchema. */
  pSchema = cJSON_CreateObject();
  if( gs_add_str(pSchema, "id", zJobId)
   || graph_put(pSchema, "synchronizationRules", aRules = cJSON_CreateArray())
   || graph_put(pSchema, "directories", cJSON_CreateArray())
   || graph_put(aRules, NULL, pRule = cJSON_CreateObject()) ){ rc = TS_NOMEM; goto free_lists; }
  if( graph_put(pRule, "containerFilter", cJSON_CreateNull())
   || graph_put(pRule, "editable", cJSON_CreateTrue())
   || graph_put(pRule, "groupFilter", cJSON_CreateNull())
   || gs_add_str(pRule, "id", GS_RULE_ID)
   || graph_put(pRule, "metadata", cJSON_CreateArray())
   || gs_add_str(pRule, "name", GS_RULE_NAME)
   || graph_put(pRule, "objectMappings", aOM = cJSON_CreateArray())
   || graph_put(pRule, "priority", cJSON_CreateNumber(1))
   || gs_add_str(pRule, "sourceDirectoryName", GS_SOURCE_DIR)
   || gs_add_str(pRule, "targetDirectoryName", GS_TARGET_DIR) ){ rc = TS_NOMEM; goto free_lists; }
  /* No action at all is a disabled mapping (the import's reading of one). */
  gs_flow_text(m ? m : GS_ALL, zFlow, sizeof(zFlow));
  pScope = gs_export_scope(cJSON_GetObjectItemCaseSensitive(pJob, "scopingFilters"));
  if( pScope==NULL ){ rc = TS_NOMEM; goto free_lists; }
  pUserOM = gs_object_mapping(aAttrs, m!=0, zFlow, GS_USER_MAP, pScope, "User");
  aAttrs = NULL;                     /* consumed */
  if( graph_put(aOM, NULL, pUserOM) ){ rc = TS_NOMEM; goto free_lists; }
  if( cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pJob, "groupProvisioning"))
   && graph_put(aOM, NULL, gs_group_object_mapping(m)) ){
    rc = TS_NOMEM;
    goto free_lists;
  }
free_lists:
  cJSON_Delete(aEntries);
  cJSON_Delete(aAttrs);
  if( rc ){
    cJSON_Delete(pSchema);
    if( rc==TS_NOMEM ) tserr_set(pErr, TS_NOMEM, "out of memory");
    return rc;
  }
  *ppSchema = pSchema;
  return TS_OK;
}

