/*
** graph_import.c — warnings, errors and JSON paths shared by the Graph
** importers (graph_import.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "graph_import.h"

void gimp_init(GraphImport *g, int bStrict){
  memset(g, 0, sizeof(*g));
  g->bStrict = bStrict;
  strbuf_init(&g->msgs);
}

void gimp_free(GraphImport *g){
  strbuf_free(&g->msgs);
  memset(g, 0, sizeof(*g));
}

static void gimp_add(GraphImport *g, const char *zKind, const char *zFile,
                     const char *zPath, const char *zFmt, va_list ap){
  char zMsg[1024];
  if( g->nMsg>=GIMP_MAX_MESSAGES ){
    if( g->nMsg==GIMP_MAX_MESSAGES ){
      strbuf_printf(&g->msgs, "(further messages are not shown)\n");
      g->nMsg++;
    }
    return;
  }
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  if( zFile==NULL ){
    strbuf_printf(&g->msgs, "%s: %s\n", zKind, zMsg);
  }else{
    strbuf_printf(&g->msgs, "%s: %s: %s: %s\n", zFile, zPath && zPath[0] ? zPath : "$", zKind, zMsg);
  }
  if( g->msgs.bErr ) g->bNoMem = 1;
  g->nMsg++;
}

void gimp_warn(GraphImport *g, const char *zFile, const char *zPath, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  g->nWarn++;
  gimp_add(g, g->bStrict ? "error (--strict)" : "warning", zFile, zPath, zFmt, ap);
  va_end(ap);
}

void gimp_error(GraphImport *g, const char *zFile, const char *zPath, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  g->nErr++;
  gimp_add(g, "error", zFile, zPath, zFmt, ap);
  va_end(ap);
}

void gimp_fail(GraphImport *g, const char *zMsg){
  g->nErr++;
  if( g->nMsg<GIMP_MAX_MESSAGES ){
    strbuf_printf(&g->msgs, "%s\n", zMsg);
    if( g->msgs.bErr ) g->bNoMem = 1;
    g->nMsg++;
  }
}

int gimp_failed(const GraphImport *g){
  return g->nErr>0 || g->bNoMem || (g->bStrict && g->nWarn>0);
}

void gimp_path_key(char *z, size_t n, const char *zParent, const char *zKey){
  const char *p;
  int bPlain = zKey[0]!=0;
  for(p=zKey; *p; p++){
    if( !((*p>='a' && *p<='z') || (*p>='A' && *p<='Z') || (*p>='0' && *p<='9')
          || *p=='_' || *p=='@' || *p=='.') ) bPlain = 0;
  }
  if( bPlain && strchr(zKey, '.')==NULL ){
    snprintf(z, n, "%s.%s", zParent[0] ? zParent : "$", zKey);
  }else{
    snprintf(z, n, "%s[\"%s\"]", zParent[0] ? zParent : "$", zKey);
  }
}

void gimp_path_idx(char *z, size_t n, const char *zParent, int i){
  snprintf(z, n, "%s[%d]", zParent[0] ? zParent : "$", i);
}

int gimp_put(cJSON *pObj, const char *zKey, cJSON *pItem){
  if( pItem==NULL ) return -1;
  if( zKey ? !cJSON_AddItemToObject(pObj, zKey, pItem) : !cJSON_AddItemToArray(pObj, pItem) ){
    cJSON_Delete(pItem);
    return -1;
  }
  return 0;
}

const char *gimp_json_type(const cJSON *p){
  if( p==NULL ) return "nothing";
  if( cJSON_IsString(p) ) return "a string";
  if( cJSON_IsNumber(p) ) return "a number";
  if( cJSON_IsBool(p) ) return "a Boolean";
  if( cJSON_IsNull(p) ) return "null";
  if( cJSON_IsArray(p) ) return "an array";
  if( cJSON_IsObject(p) ) return "an object";
  return "an invalid value";
}

/* The member zKey of pObj; records an error when it is missing but
** required. NULL for a missing member or JSON null. */
static const cJSON *gimp_member(GraphImport *g, const char *zFile, const char *zPath,
                                const cJSON *pObj, const char *zKey, int bRequired,
                                const char *zWhat){
  const cJSON *c = cJSON_IsObject(pObj) ? cJSON_GetObjectItemCaseSensitive(pObj, zKey) : NULL;
  if( c==NULL || cJSON_IsNull(c) ){
    if( bRequired ){
      char zSub[512];
      gimp_path_key(zSub, sizeof(zSub), zPath, zKey);
      gimp_error(g, zFile, zSub, "expected %s, found %s", zWhat, c ? "null" : "nothing");
    }
    return NULL;
  }
  return c;
}

static void gimp_mistyped(GraphImport *g, const char *zFile, const char *zPath,
                          const char *zKey, const char *zWhat, const cJSON *c){
  char zSub[512];
  gimp_path_key(zSub, sizeof(zSub), zPath, zKey);
  gimp_error(g, zFile, zSub, "expected %s, found %s", zWhat, gimp_json_type(c));
}

const char *gimp_string(GraphImport *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = gimp_member(g, zFile, zPath, pObj, zKey, bRequired, "a string");
  if( c && !cJSON_IsString(c) ){
    gimp_mistyped(g, zFile, zPath, zKey, "a string", c);
    return NULL;
  }
  return c ? c->valuestring : NULL;
}

const cJSON *gimp_object(GraphImport *g, const char *zFile, const char *zPath,
                         const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = gimp_member(g, zFile, zPath, pObj, zKey, bRequired, "an object");
  if( c && !cJSON_IsObject(c) ){
    gimp_mistyped(g, zFile, zPath, zKey, "an object", c);
    return NULL;
  }
  return c;
}

const cJSON *gimp_array(GraphImport *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = gimp_member(g, zFile, zPath, pObj, zKey, bRequired, "an array");
  if( c && !cJSON_IsArray(c) ){
    gimp_mistyped(g, zFile, zPath, zKey, "an array", c);
    return NULL;
  }
  return c;
}

int gimp_bool(GraphImport *g, const char *zFile, const char *zPath,
              const cJSON *pObj, const char *zKey){
  const cJSON *c = gimp_member(g, zFile, zPath, pObj, zKey, 0, "true or false");
  if( c==NULL ) return -1;
  if( !cJSON_IsBool(c) ){
    gimp_mistyped(g, zFile, zPath, zKey, "true or false", c);
    return -1;
  }
  return cJSON_IsTrue(c) ? 1 : 0;
}

const cJSON *gimp_items(GraphImport *g, const char *zFile, const cJSON *pDoc, int *pbSingle){
  const cJSON *pValue;
  *pbSingle = 0;
  if( !cJSON_IsObject(pDoc) ){
    gimp_error(g, zFile, "$", "expected a Graph object or a collection"
               " ({\"value\": [...]}), found %s", gimp_json_type(pDoc));
    return NULL;
  }
  pValue = cJSON_GetObjectItemCaseSensitive(pDoc, "value");
  if( pValue==NULL ){
    *pbSingle = 1;
    return pDoc;
  }
  if( !cJSON_IsArray(pValue) ){
    gimp_error(g, zFile, "$.value", "expected the collection's array of objects, found %s",
               gimp_json_type(pValue));
    return NULL;
  }
  return pValue;
}
