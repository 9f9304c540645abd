/*
** strbuf.h — a growable NUL-terminated string builder.
**
** A StrBuf owns its buffer (z); strbuf_free() releases it. An allocation
** failure is sticky: the buffer stops growing, bErr is set and further
** appends are ignored, so callers may append freely and test bErr once.
*/
#ifndef TS_STRBUF_H
#define TS_STRBUF_H
#include <stddef.h>
#include <stdio.h>

typedef struct StrBuf {
  char *z;        /* contents, always NUL-terminated once anything appended */
  size_t n;       /* bytes used, not counting the NUL */
  size_t nAlloc;  /* bytes allocated */
  int bErr;       /* an allocation failed */
} StrBuf;

void strbuf_init(StrBuf *p);
void strbuf_free(StrBuf *p);
void strbuf_reset(StrBuf *p);                 /* empty it, keep the buffer */
void strbuf_append(StrBuf *p, const char *z); /* z==NULL appends nothing */
void strbuf_appendn(StrBuf *p, const char *z, size_t n);
void strbuf_appendc(StrBuf *p, char c);
void strbuf_printf(StrBuf *p, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 2, 3)))
#endif
  ;
/* Append z as a JSON string literal (quotes included, escaped), escaped
** exactly as SQLite's JSON functions escape it (\b \f \n \r \t, other
** control characters as \u00xx, nothing else), so a value that goes into
** the run database and comes out of json_array() is the same text. */
void strbuf_json_string(StrBuf *p, const char *z);
/* Append z with the XML/HTML metacharacters & < > " ' escaped as entities
** (z==NULL appends nothing): safe in element text and quoted attributes. */
void strbuf_xml_text(StrBuf *p, const char *z);
/* The same for the n bytes at z (z==NULL appends nothing). */
void strbuf_xml_textn(StrBuf *p, const char *z, size_t n);
/* Return the contents ("" if nothing was appended); still owned by p. */
const char *strbuf_str(const StrBuf *p);
/* Write the contents to out and flush it. Returns 0, or -1 on an earlier
** allocation failure (nothing is written then) or a write error. */
int strbuf_write(const StrBuf *p, FILE *out);
/* Hand the buffer to the caller (free with mem_free), leave p empty.
** Returns NULL on an earlier allocation failure. */
char *strbuf_take(StrBuf *p);

#endif
