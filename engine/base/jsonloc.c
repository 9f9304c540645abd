/*
** jsonloc.c — located messages and typed look-ups in JSON (jsonloc.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "jsonloc.h"

void jsonloc_init(JsonLoc *g, int bStrict){
  memset(g, 0, sizeof(*g));
  g->bStrict = bStrict;
  strbuf_init(&g->msgs);
}

void jsonloc_free(JsonLoc *g){
  strbuf_free(&g->msgs);
  memset(g, 0, sizeof(*g));
}

static void jsonloc_add(JsonLoc *g, const char *zKind, const char *zFile,
                     const char *zPath, const char *zFmt, va_list ap){
  char zMsg[1024];
  if( g->nMsg>=JSONLOC_MAX_MESSAGES ){
    if( g->nMsg==JSONLOC_MAX_MESSAGES ){
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

void jsonloc_warn(JsonLoc *g, const char *zFile, const char *zPath, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  g->nWarn++;
  jsonloc_add(g, g->bStrict ? "error (--strict)" : "warning", zFile, zPath, zFmt, ap);
  va_end(ap);
}

void jsonloc_error(JsonLoc *g, const char *zFile, const char *zPath, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  g->nErr++;
  jsonloc_add(g, "error", zFile, zPath, zFmt, ap);
  va_end(ap);
}

void jsonloc_fail(JsonLoc *g, const char *zMsg){
  g->nErr++;
  if( g->nMsg<JSONLOC_MAX_MESSAGES ){
    strbuf_printf(&g->msgs, "%s\n", zMsg);
    if( g->msgs.bErr ) g->bNoMem = 1;
    g->nMsg++;
  }
}

int jsonloc_failed(const JsonLoc *g){
  return g->nErr>0 || g->bNoMem || (g->bStrict && g->nWarn>0);
}

void jsonloc_path_key(char *z, size_t n, const char *zParent, const char *zKey){
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

void jsonloc_path_idx(char *z, size_t n, const char *zParent, int i){
  snprintf(z, n, "%s[%d]", zParent[0] ? zParent : "$", i);
}

const char *jsonloc_type_name(const cJSON *p){
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
static const cJSON *jsonloc_member(JsonLoc *g, const char *zFile, const char *zPath,
                                const cJSON *pObj, const char *zKey, int bRequired,
                                const char *zWhat){
  const cJSON *c = cJSON_IsObject(pObj) ? cJSON_GetObjectItemCaseSensitive(pObj, zKey) : NULL;
  if( c==NULL || cJSON_IsNull(c) ){
    if( bRequired ){
      char zSub[TS_JSONPATH_MAX];
      jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
      jsonloc_error(g, zFile, zSub, "expected %s, found %s", zWhat, c ? "null" : "nothing");
    }
    return NULL;
  }
  return c;
}

static void jsonloc_mistyped(JsonLoc *g, const char *zFile, const char *zPath,
                          const char *zKey, const char *zWhat, const cJSON *c){
  char zSub[TS_JSONPATH_MAX];
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
  jsonloc_error(g, zFile, zSub, "expected %s, found %s", zWhat, jsonloc_type_name(c));
}

const char *jsonloc_string(JsonLoc *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = jsonloc_member(g, zFile, zPath, pObj, zKey, bRequired, "a string");
  if( c && !cJSON_IsString(c) ){
    jsonloc_mistyped(g, zFile, zPath, zKey, "a string", c);
    return NULL;
  }
  return c ? c->valuestring : NULL;
}

const cJSON *jsonloc_object(JsonLoc *g, const char *zFile, const char *zPath,
                         const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = jsonloc_member(g, zFile, zPath, pObj, zKey, bRequired, "an object");
  if( c && !cJSON_IsObject(c) ){
    jsonloc_mistyped(g, zFile, zPath, zKey, "an object", c);
    return NULL;
  }
  return c;
}

const cJSON *jsonloc_array(JsonLoc *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired){
  const cJSON *c = jsonloc_member(g, zFile, zPath, pObj, zKey, bRequired, "an array");
  if( c && !cJSON_IsArray(c) ){
    jsonloc_mistyped(g, zFile, zPath, zKey, "an array", c);
    return NULL;
  }
  return c;
}

int jsonloc_bool(JsonLoc *g, const char *zFile, const char *zPath,
              const cJSON *pObj, const char *zKey){
  const cJSON *c = jsonloc_member(g, zFile, zPath, pObj, zKey, 0, "true or false");
  if( c==NULL ) return -1;
  if( !cJSON_IsBool(c) ){
    jsonloc_mistyped(g, zFile, zPath, zKey, "true or false", c);
    return -1;
  }
  return cJSON_IsTrue(c) ? 1 : 0;
}
