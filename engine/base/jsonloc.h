/*
** jsonloc.h — located messages about JSON documents: the one toolkit for
** every reader of JSON input that must say where a problem is (the Graph
** importers, the expression translator; no domain knowledge here).
**
** A reader keeps going after a problem, so that one pass lists every one;
** jsonloc_warn() records something valid that the reader cannot take as
** it is ("FILE: PATH: warning: message"), an error when the reader is
** strict; jsonloc_error() records input that is invalid in any case. The
** caller decides what to print.
**
** Paths are JSONPath-style: "$" is the document, then ".key" (or
** ["key"] when the name is not a plain identifier) and "[index]", e.g.
** $.value[3].mail.
**
** jsonloc_locate() (jsonloc_locate.c) goes the other way: from a path to
** the line and column where its value stands in the document's text, for
** reports that point into the file (a SARIF region).
**
** Ownership: a JsonLoc owns its message buffer; jsonloc_free releases it.
*/
#ifndef TS_JSONLOC_H
#define TS_JSONLOC_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "strbuf.h"
#include "tserr.h"

/* Most messages kept; the rest are counted. */
#define JSONLOC_MAX_MESSAGES 200

typedef struct JsonLoc {
  int bStrict;        /* warnings are errors */
  int nWarn;          /* warnings recorded (strict: counted as errors too) */
  int nErr;           /* errors recorded */
  int bNoMem;         /* an allocation failed somewhere */
  StrBuf msgs;        /* one line per message, "FILE: PATH: warning: ..." */
  int nMsg;           /* lines in msgs */
} JsonLoc;

void jsonloc_init(JsonLoc *g, int bStrict);
void jsonloc_free(JsonLoc *g);

/* Something valid that tenantsim cannot model (or models approximately).
** zFile NULL: the message concerns the import as a whole (no place). */
void jsonloc_warn(JsonLoc *g, const char *zFile, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;

/* Input that is wrong: a missing or mistyped property, an unknown enum. */
void jsonloc_error(JsonLoc *g, const char *zFile, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;

/* Record an error message that already names its place (a JSON syntax
** error "FILE:LINE:COLUMN: ..."), as it is. */
void jsonloc_fail(JsonLoc *g, const char *zMsg);

/* Has anything been recorded that fails the import (an error, a strict
** warning, or an allocation failure)? */
int jsonloc_failed(const JsonLoc *g);

/* JSON paths: zParent + ".key" / "[i]" into z (truncated to n). */
void jsonloc_path_key(char *z, size_t n, const char *zParent, const char *zKey);
void jsonloc_path_idx(char *z, size_t n, const char *zParent, int i);

/* The deepest nesting of arrays and objects jsonloc_locate() reads, the
** same as cJSON's CJSON_NESTING_LIMIT: a document cJSON parses can be
** located in, and a deeper one is refused instead of overflowing the C
** stack. */
#define JSONLOC_MAX_DEPTH 1000

/* Where the value at zPath (a path as jsonloc_path_key/idx write it; ""
** is "$") begins in the JSON text z[n]: its 1-based line and column (the
** column in bytes) go to *pLine and *pCol. A line ends at "\n", "\r\n"
** or a lone "\r"; a UTF-8 byte order mark before the document is not part
** of line 1. For an object member the place is its value's first byte
** (after the colon), not its key's; when a key occurs twice the first is
** taken, as cJSON's look-ups do.
**
** Returns 0 when the path was found; 1 when it does not exist, with the
** place of its deepest existing ancestor; -1, leaving *pLine and *pCol as
** they are, when z[n] is not one valid JSON text (RFC 8259; nested deeper
** than JSONLOC_MAX_DEPTH counts as invalid) or zPath is not a path. Reads
** no byte at or past z[n]; z needs no terminating NUL. Allocates nothing. */
int jsonloc_locate(const char *z, size_t n, const char *zPath, int *pLine, int *pCol);

/* "a string", "a number", "null", ... for messages. */
const char *jsonloc_type_name(const cJSON *p);

/* Typed look-ups that record an error when the member has the wrong type.
** A missing member or JSON null gives NULL (bRequired: an error too). */
const char *jsonloc_string(JsonLoc *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired);
const cJSON *jsonloc_object(JsonLoc *g, const char *zFile, const char *zPath,
                         const cJSON *pObj, const char *zKey, int bRequired);
const cJSON *jsonloc_array(JsonLoc *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired);
/* A Boolean member: 1 true, 0 false, -1 missing or null (or mistyped,
** with an error recorded). */
int jsonloc_bool(JsonLoc *g, const char *zFile, const char *zPath,
              const cJSON *pObj, const char *zKey);

#endif
