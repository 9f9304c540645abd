/*
** jsonprint.c — a cJSON tree written as cJSON_Print writes it (see
** jsonprint.h).
**
** The layout is cJSON's formatted one (cJSON 1.7): an object is '{', a
** newline, then each member on its own line — as many tabs as the depth
** inside it, the key, ':', a tab, the value, ',' unless last, a newline —
** and the closing '}' after the tabs of the depth outside it; an array is
** '[' elements separated by ", " ']' on one line, and counts as a level of
** depth for the objects inside it. Strings escape '"', '\\' and every byte
** below 32 (\b \f \n \r \t by name, the others as \u00xx), and keep every
** other byte as it is. Numbers (and raw items) are printed by cJSON itself
** into a small buffer, so that their digits are cJSON's.
**
** May touch: the FILE it is given.
*/
#include <string.h>
#include "mem.h"
#include "jsonprint.h"

#define OUT_BUFFER 65536

/* The output buffer, flushed to f when full; rc is the first failure. */
typedef struct Out {
  FILE *f;
  size_t n;
  int rc;
  char a[OUT_BUFFER];
} Out;

static void out_flush(Out *o){
  if( o->n && o->rc==TS_OK && fwrite(o->a, 1, o->n, o->f)!=o->n ) o->rc = TS_IOERR;
  o->n = 0;
}

static void out_bytes(Out *o, const void *p, size_t n){
  if( o->n + n > OUT_BUFFER ){
    out_flush(o);
    if( n > OUT_BUFFER ){
      if( o->rc==TS_OK && fwrite(p, 1, n, o->f)!=n ) o->rc = TS_IOERR;
      return;
    }
  }
  memcpy(o->a + o->n, p, n);
  o->n += n;
}

static void out_byte(Out *o, char c){
  if( o->n==OUT_BUFFER ) out_flush(o);
  o->a[o->n++] = c;
}

static void out_tabs(Out *o, int n){
  while( n-- > 0 ) out_byte(o, '\t');
}

/* z (NULL: empty) as a JSON string, escaped as cJSON escapes it. */
static void out_string(Out *o, const char *z){
  static const char azHex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char*)(z ? z : ""), *pRun = p;
  out_byte(o, '"');
  for(; *p; p++){
    char zEsc[6];
    size_t nEsc = 2;
    if( *p>31 && *p!='"' && *p!='\\' ) continue;
    out_bytes(o, pRun, (size_t)(p - pRun));
    pRun = p+1;
    zEsc[0] = '\\';
    switch( *p ){
      case '"':  zEsc[1] = '"'; break;
      case '\\': zEsc[1] = '\\'; break;
      case '\b': zEsc[1] = 'b'; break;
      case '\f': zEsc[1] = 'f'; break;
      case '\n': zEsc[1] = 'n'; break;
      case '\r': zEsc[1] = 'r'; break;
      case '\t': zEsc[1] = 't'; break;
      default:
        zEsc[1] = 'u'; zEsc[2] = '0'; zEsc[3] = '0';
        zEsc[4] = azHex[*p>>4]; zEsc[5] = azHex[*p&15];
        nEsc = 6;
        break;
    }
    out_bytes(o, zEsc, nEsc);
  }
  out_bytes(o, pRun, (size_t)(p - pRun));
  out_byte(o, '"');
}

/* A number as cJSON prints it. */
static void out_number(Out *o, const cJSON *p){
  char zNum[64];
  if( !cJSON_PrintPreallocated((cJSON*)p, zNum, (int)sizeof(zNum), 0) ){
    if( o->rc==TS_OK ) o->rc = TS_ERR;
    return;
  }
  out_bytes(o, zNum, strlen(zNum));
}

/* p, whose container is at depth iDepth (cJSON's p->depth when it
** reaches p). */
static void out_value(Out *o, const cJSON *p, int iDepth){
  const cJSON *c;
  switch( p->type & 0xFF ){
    case cJSON_NULL:   out_bytes(o, "null", 4); break;
    case cJSON_False:  out_bytes(o, "false", 5); break;
    case cJSON_True:   out_bytes(o, "true", 4); break;
    case cJSON_Number: out_number(o, p); break;
    case cJSON_String: out_string(o, p->valuestring); break;
    case cJSON_Raw:
      if( p->valuestring==NULL ){ if( o->rc==TS_OK ) o->rc = TS_ERR; break; }
      out_bytes(o, p->valuestring, strlen(p->valuestring));
      break;
    case cJSON_Array:
      out_byte(o, '[');
      for(c=p->child; c; c=c->next){
        out_value(o, c, iDepth+1);
        if( c->next ) out_bytes(o, ", ", 2);
      }
      out_byte(o, ']');
      break;
    case cJSON_Object:
      out_bytes(o, "{\n", 2);
      for(c=p->child; c; c=c->next){
        out_tabs(o, iDepth+1);
        out_string(o, c->string);
        out_bytes(o, ":\t", 2);
        out_value(o, c, iDepth+1);
        if( c->next ) out_byte(o, ',');
        out_byte(o, '\n');
      }
      out_tabs(o, iDepth);
      out_byte(o, '}');
      break;
    default:
      if( o->rc==TS_OK ) o->rc = TS_ERR;
      break;
  }
}

int jsonprint_write(FILE *f, const cJSON *p){
  Out *o = mem_malloc(sizeof(Out));
  int rc;
  if( o==NULL ) return TS_NOMEM;
  o->f = f;
  o->n = 0;
  o->rc = p ? TS_OK : TS_ERR;
  if( p ) out_value(o, p, 0);
  out_flush(o);
  rc = o->rc;
  mem_free(o);
  return rc;
}
