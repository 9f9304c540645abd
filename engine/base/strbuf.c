/*
** strbuf.c — the growable string builder (see strbuf.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "strbuf.h"

void strbuf_init(StrBuf *p){ memset(p, 0, sizeof(*p)); }

void strbuf_free(StrBuf *p){
  mem_free(p->z);
  strbuf_init(p);
}

void strbuf_reset(StrBuf *p){
  p->n = 0;
  if( p->z ) p->z[0] = 0;
}

/* Make room for n more bytes plus the NUL; 0 on success. */
static int strbuf_grow(StrBuf *p, size_t n){
  size_t nNeed, nNew;
  char *zNew;
  if( p->bErr ) return -1;
  nNeed = p->n + n + 1;
  if( nNeed<=p->nAlloc ) return 0;
  nNew = p->nAlloc ? p->nAlloc : 64;
  while( nNew<nNeed ) nNew *= 2;
  zNew = mem_realloc(p->z, nNew);
  if( zNew==NULL ){ p->bErr = 1; return -1; }
  p->z = zNew;
  p->nAlloc = nNew;
  return 0;
}

void strbuf_appendn(StrBuf *p, const char *z, size_t n){
  if( z==NULL || strbuf_grow(p, n) ) return;
  memcpy(p->z+p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void strbuf_append(StrBuf *p, const char *z){
  if( z ) strbuf_appendn(p, z, strlen(z));
}

void strbuf_appendc(StrBuf *p, char c){ strbuf_appendn(p, &c, 1); }

void strbuf_printf(StrBuf *p, const char *zFmt, ...){
  va_list ap;
  int n;
  va_start(ap, zFmt);
  n = vsnprintf(NULL, 0, zFmt, ap);
  va_end(ap);
  if( n<0 || strbuf_grow(p, (size_t)n) ) return;
  va_start(ap, zFmt);
  vsnprintf(p->z+p->n, (size_t)n+1, zFmt, ap);
  va_end(ap);
  p->n += (size_t)n;
}

void strbuf_json_string(StrBuf *p, const char *z){
  const unsigned char *u = (const unsigned char*)(z ? z : "");
  strbuf_appendc(p, '"');
  while( *u ){
    const unsigned char *zRun = u;
    while( *u>=0x20 && *u!='"' && *u!='\\' ) u++;
    if( u>zRun ) strbuf_appendn(p, (const char*)zRun, (size_t)(u-zRun));
    if( *u==0 ) break;
    switch( *u ){
      case '"':  strbuf_append(p, "\\\""); break;
      case '\\': strbuf_append(p, "\\\\"); break;
      case '\n': strbuf_append(p, "\\n"); break;
      case '\r': strbuf_append(p, "\\r"); break;
      case '\t': strbuf_append(p, "\\t"); break;
      case '\b': strbuf_append(p, "\\b"); break;
      case '\f': strbuf_append(p, "\\f"); break;
      default:   strbuf_printf(p, "\\u%04x", *u); break;
    }
    u++;
  }
  strbuf_appendc(p, '"');
}

const char *strbuf_str(const StrBuf *p){ return p->z ? p->z : ""; }

char *strbuf_take(StrBuf *p){
  char *z = p->bErr ? NULL : p->z;
  if( p->bErr ) mem_free(p->z);
  if( z==NULL && !p->bErr ) z = mem_strdup("");
  strbuf_init(p);
  return z;
}

int strbuf_write(const StrBuf *p, FILE *out){
  if( p->bErr ) return -1;
  if( p->n && fwrite(p->z, 1, p->n, out)!=p->n ) return -1;
  return fflush(out)==0 ? 0 : -1;
}

void strbuf_xml_textn(StrBuf *p, const char *z, size_t n){
  size_t i, iRun = 0;
  if( z==NULL ) return;
  for(i=0; i<n; i++){
    const char *zEnt;
    switch( z[i] ){
      case '&':  zEnt = "&amp;";  break;
      case '<':  zEnt = "&lt;";   break;
      case '>':  zEnt = "&gt;";   break;
      case '"':  zEnt = "&quot;"; break;
      case '\'': zEnt = "&#39;";  break;
      default:   continue;
    }
    strbuf_appendn(p, z+iRun, i-iRun);
    strbuf_append(p, zEnt);
    iRun = i+1;
  }
  strbuf_appendn(p, z+iRun, n-iRun);
}

void strbuf_xml_text(StrBuf *p, const char *z){
  if( z ) strbuf_xml_textn(p, z, strlen(z));
}
