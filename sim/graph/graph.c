/*
** graph.c — helpers the Graph translators share (graph.h).
*/
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
