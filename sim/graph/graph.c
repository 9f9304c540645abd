/*
** graph.c — helpers the Graph translators share (graph.h): collection
** pages, and the report of what a document holds that tenantsim does not
** model.
*/
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "graph.h"

int graph_put(cJSON *pObj, const char *zKey, cJSON *pItem){
  if( pItem==NULL ) return -1;
  if( zKey ? !cJSON_AddItemToObject(pObj, zKey, pItem) : !cJSON_AddItemToArray(pObj, pItem) ){
    cJSON_Delete(pItem);
    return -1;
  }
  return 0;
}

const cJSON *graph_items(JsonLoc *g, const char *zFile, const cJSON *pDoc, int *pbSingle){
  const cJSON *pValue;
  *pbSingle = 0;
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected a Graph object or a collection"
               " ({\"value\": [...]}), found %s", jsonloc_type_name(pDoc));
    return NULL;
  }
  pValue = cJSON_GetObjectItemCaseSensitive(pDoc, "value");
  if( pValue==NULL ){
    *pbSingle = 1;
    return pDoc;
  }
  if( !cJSON_IsArray(pValue) ){
    jsonloc_error(g, zFile, "$.value", "expected the collection's array of objects, found %s",
               jsonloc_type_name(pValue));
    return NULL;
  }
  return pValue;
}

int graph_each_item(JsonLoc *g, const char *zFile, int i, const cJSON *pItem, void *pCtx,
                    int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                                const cJSON *pItem, void *pCtx)){
  char zPath[64];
  jsonloc_path_idx(zPath, sizeof(zPath), "$.value", i);
  if( !cJSON_IsObject(pItem) ){
    jsonloc_error(g, zFile, zPath, "expected an object, found %s", jsonloc_type_name(pItem));
    return TS_OK;
  }
  return xOne(g, zFile, zPath, pItem, pCtx);
}

int graph_each(JsonLoc *g, const char *zFile, const cJSON *pDoc, void *pCtx,
               int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                           const cJSON *pItem, void *pCtx)){
  int bSingle, i = 0, rc = TS_OK;
  const cJSON *pItems = graph_items(g, zFile, pDoc, &bSingle), *c;
  if( pItems==NULL ) return TS_OK;
  if( bSingle ) return xOne(g, zFile, "$", pItems, pCtx);
  cJSON_ArrayForEach(c, pItems){
    if( (rc = graph_each_item(g, zFile, i++, c, pCtx, xOne))!=TS_OK ) break;
  }
  return rc;
}

int graph_has_content(const cJSON *c){
  if( c==NULL || cJSON_IsNull(c) ) return 0;
  if( cJSON_IsString(c) ) return c->valuestring[0]!=0;
  if( cJSON_IsArray(c) || cJSON_IsObject(c) ) return c->child!=NULL;
  return 1;
}

/* ---------------------------------------------- unmodelled properties */

void graph_unmodelled_init(GraphUnmodelled *u){ memset(u, 0, sizeof(*u)); hmap_init(&u->seen); }

void graph_unmodelled_free(GraphUnmodelled *u){
  int i;
  for(i=0; i<u->n; i++){ mem_free(u->a[i].zName); mem_free(u->a[i].zPath); }
  mem_free(u->a);
  hmap_free(&u->seen);
}

int graph_unmodelled_add(GraphUnmodelled *u, const char *zName, const char *zPath){
  int64_t i;
  GraphUnmProp *e;
  if( hmap_get(&u->seen, zName, &i) ){ u->a[i].nCount++; return TS_OK; }
  if( mem_grow_int((void**)&u->a, u->n, &u->nAlloc, sizeof(GraphUnmProp)) ) return TS_NOMEM;
  e = &u->a[u->n];
  e->zName = mem_strdup(zName);
  e->zPath = mem_strdup(zPath);
  e->nCount = 1;
  if( e->zName==NULL || e->zPath==NULL || hmap_put(&u->seen, zName, u->n) ){
    mem_free(e->zName); mem_free(e->zPath);
    memset(e, 0, sizeof(*e));
    return TS_NOMEM;
  }
  u->n++;
  return TS_OK;
}

int graph_unmodelled_add_key(GraphUnmodelled *u, const char *zKey, const char *zParent){
  char zPath[TS_JSONPATH_MAX];
  int64_t i;
  if( hmap_get(&u->seen, zKey, &i) ){ u->a[i].nCount++; return TS_OK; }
  jsonloc_path_key(zPath, sizeof(zPath), zParent, zKey);
  return graph_unmodelled_add(u, zKey, zPath);
}

void graph_unmodelled_report(JsonLoc *g, const char *zFile, const GraphUnmodelled *u,
                             const char *zWhat){
  int i;
  for(i=0; i<u->n; i++){
    if( u->a[i].nCount>1 ){
      jsonloc_warn(g, zFile, u->a[i].zPath, "%s property %s is not modelled by tenantsim;"
                " ignored (%d %ss, first shown)", zWhat, u->a[i].zName, u->a[i].nCount, zWhat);
    }else{
      jsonloc_warn(g, zFile, u->a[i].zPath, "%s property %s is not modelled by tenantsim;"
                " ignored", zWhat, u->a[i].zName);
    }
  }
}
