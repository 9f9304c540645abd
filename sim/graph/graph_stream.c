/*
** graph_stream.c — a Graph collection page read one item at a time (see
** graph_stream.h).
**
** The walk follows the grammar cJSON's parser applies to a document, for
** the two levels it reads itself (the page object and its "value" array):
** whitespace is every byte up to 32, an object is '{' (key ':' value)
** separated by ',' '}', an array '[' values separated by ',' ']', and
** after the page only whitespace may follow. Every key and value is parsed
** by cJSON itself, at the position the whole-document parse would reach,
** so that it accepts and decodes exactly the same text. What could differ
** is refused (GRAPH_STREAM_NO):
**   - a byte order mark where a value starts (cJSON skips one at the
**     start of each parse it is given, the whole document only at its start);
**   - an item nested 997 levels or more (cJSON's limit of 1000 counts from
**     the document's root, two levels above the items);
**   - anything the walk does not expect: then the whole-document parse
**     decides, and its message is the one reported.
**
** May touch: nothing but its arguments (cJSON allocates through mem.h).
*/
#include <string.h>
#include "mem.h"
#include "graph.h"
#include "graph_stream.h"

/* The deepest an item may nest (an object or array counts one level) and
** still be read here: cJSON refuses depth 1000 from the root, the items
** start at depth 2, and the margin costs nothing. */
#define STREAM_MAX_ITEM_DEPTH 990

typedef struct Stream {
  const unsigned char *z;  /* the document */
  size_t n, i;             /* its length, the position reached */
} Stream;

static void stream_skip_ws(Stream *s){
  while( s->i<s->n && s->z[s->i]<=32 ) s->i++;
}

/* Is the byte at the position c? */
static int stream_at(const Stream *s, unsigned char c){
  return s->i<s->n && s->z[s->i]==c;
}

/* Parse one value at the position with cJSON and step over it: *pp the
** value (the caller frees it). TS_OK, TS_NOMEM, or GRAPH_STREAM_NO. */
static int stream_value(Stream *s, cJSON **pp){
  long nFailBefore = mem_fail_count();
  const char *zEnd = NULL;
  *pp = NULL;
  if( s->n - s->i>=3 && memcmp(s->z + s->i, "\xEF\xBB\xBF", 3)==0 ) return GRAPH_STREAM_NO;
  *pp = cJSON_ParseWithLengthOpts((const char*)s->z + s->i, s->n - s->i, &zEnd, 0);
  if( *pp==NULL ) return mem_fail_count()!=nFailBefore ? TS_NOMEM : GRAPH_STREAM_NO;
  s->i = (size_t)((const unsigned char*)zEnd - s->z);
  return TS_OK;
}

/* Is p nested more than nMax levels (objects and arrays)? */
static int too_deep(const cJSON *p, int nMax){
  const cJSON *c;
  if( !cJSON_IsObject(p) && !cJSON_IsArray(p) ) return 0;
  if( nMax<=0 ) return 1;
  for(c=p->child; c; c=c->next) if( too_deep(c, nMax-1) ) return 1;
  return 0;
}

/* The items of the array at the position, each to xOne. */
static int stream_items(Stream *s, JsonLoc *g, const char *zFile, void *pCtx,
                        int (*xOne)(JsonLoc*, const char*, const char*, const cJSON*, void*)){
  int i = 0, rc;
  s->i++;                                      /* '[' */
  stream_skip_ws(s);
  if( stream_at(s, ']') ){ s->i++; return TS_OK; }
  for(;;){
    cJSON *pItem;
    size_t iStart;
    stream_skip_ws(s);
    iStart = s->i;
    if( (rc = stream_value(s, &pItem))!=TS_OK ) return rc;
    /* each level takes two bytes of text at least: a short item (every
    ** user) cannot be too deep, and is not walked to find out */
    if( s->i - iStart > 2*STREAM_MAX_ITEM_DEPTH && too_deep(pItem, STREAM_MAX_ITEM_DEPTH) ){
      cJSON_Delete(pItem);
      return GRAPH_STREAM_NO;
    }
    rc = graph_each_item(g, zFile, i++, pItem, pCtx, xOne);
    cJSON_Delete(pItem);
    if( rc!=TS_OK ) return rc;
    stream_skip_ws(s);
    if( stream_at(s, ']') ){ s->i++; return TS_OK; }
    if( !stream_at(s, ',') ) return GRAPH_STREAM_NO;
    s->i++;
  }
}

int graph_stream_each(JsonLoc *g, const char *zFile, const char *zText, size_t nText, void *pCtx,
                      int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                                  const cJSON *pItem, void *pCtx)){
  Stream s;
  int bSeen = 0, rc;
  s.z = (const unsigned char*)zText;
  s.n = nText;
  s.i = 0;
  /* jsonfile_parse skips one byte order mark; a second is cJSON's to judge */
  if( s.n>=3 && memcmp(s.z, "\xEF\xBB\xBF", 3)==0 ) s.i = 3;
  stream_skip_ws(&s);
  if( !stream_at(&s, '{') ) return GRAPH_STREAM_NO;
  s.i++;
  for(;;){
    cJSON *pKey, *pValue;
    int bItems;
    stream_skip_ws(&s);
    if( !stream_at(&s, '"') ) return GRAPH_STREAM_NO;   /* also {}: no "value" */
    if( (rc = stream_value(&s, &pKey))!=TS_OK ) return rc;
    bItems = !bSeen && strcmp(pKey->valuestring, "value")==0;
    cJSON_Delete(pKey);
    stream_skip_ws(&s);
    if( !stream_at(&s, ':') ) return GRAPH_STREAM_NO;
    s.i++;
    stream_skip_ws(&s);
    if( bItems ){
      /* the first "value" is the one graph_items reads */
      if( !stream_at(&s, '[') ) return GRAPH_STREAM_NO;
      bSeen = 1;
      if( (rc = stream_items(&s, g, zFile, pCtx, xOne))!=TS_OK ) return rc;
    }else{
      if( (rc = stream_value(&s, &pValue))!=TS_OK ) return rc;
      cJSON_Delete(pValue);
    }
    stream_skip_ws(&s);
    if( stream_at(&s, '}') ) break;
    if( !stream_at(&s, ',') ) return GRAPH_STREAM_NO;
    s.i++;
  }
  s.i++;
  stream_skip_ws(&s);
  return bSeen && s.i==s.n ? TS_OK : GRAPH_STREAM_NO;
}

void graph_stream_mark(const JsonLoc *g, GraphStreamMark *m){
  m->nWarn = g->nWarn;
  m->nErr = g->nErr;
  m->nMsg = g->nMsg;
  m->nText = g->msgs.n;
}

void graph_stream_rewind(JsonLoc *g, const GraphStreamMark *m){
  g->nWarn = m->nWarn;
  g->nErr = m->nErr;
  g->nMsg = m->nMsg;
  if( g->msgs.z ){
    g->msgs.n = m->nText;
    g->msgs.z[m->nText] = 0;
  }
}
