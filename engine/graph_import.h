/*
** graph_import.h — what the Microsoft Graph importers share: the list of
** warnings and errors, and JSON paths into the documents being read.
**
** tenantsim reads configuration exported from Graph (users, groups,
** synchronizationSchema, cross-tenant access policies, secrets) and turns
** it into a scenario (engine/graph_*.c; the command is sim/importcmd.c).
** Everything the simulator cannot model is reported, never dropped in
** silence: gimp_warn() records a warning ("FILE: PATH: message"), which
** becomes an error when the import is strict; gimp_error() records input
** that is invalid in any case. The importers keep going after either, so
** that one run lists every problem; the command decides what to print.
**
** Paths are JSONPath-style: "$" is the document, then ".key" (or
** ["key"] when the name is not a plain identifier) and "[index]", e.g.
** $.value[3].mail.
**
** Ownership: a GraphImport owns its message buffers; gimp_free releases
** them. The importers own nothing of it.
*/
#ifndef TS_GRAPH_IMPORT_H
#define TS_GRAPH_IMPORT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "strbuf.h"
#include "tserr.h"

/* Most messages kept; the rest are counted. */
#define GIMP_MAX_MESSAGES 200

typedef struct GraphImport {
  int bStrict;        /* warnings are errors */
  int nWarn;          /* warnings recorded (strict: counted as errors too) */
  int nErr;           /* errors recorded */
  int bNoMem;         /* an allocation failed somewhere */
  StrBuf msgs;        /* one line per message, "FILE: PATH: warning: ..." */
  int nMsg;           /* lines in msgs */
} GraphImport;

void gimp_init(GraphImport *g, int bStrict);
void gimp_free(GraphImport *g);

/* Something valid that tenantsim cannot model (or models approximately).
** zFile NULL: the message concerns the import as a whole (no place). */
void gimp_warn(GraphImport *g, const char *zFile, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;

/* Input that is wrong: a missing or mistyped property, an unknown enum. */
void gimp_error(GraphImport *g, const char *zFile, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;

/* Record an error message that already names its place (a JSON syntax
** error "FILE:LINE:COLUMN: ..."), as it is. */
void gimp_fail(GraphImport *g, const char *zMsg);

/* Has anything been recorded that fails the import (an error, a strict
** warning, or an allocation failure)? */
int gimp_failed(const GraphImport *g);

/* JSON paths: zParent + ".key" / "[i]" into z (truncated to n). */
void gimp_path_key(char *z, size_t n, const char *zParent, const char *zKey);
void gimp_path_idx(char *z, size_t n, const char *zParent, int i);

/* Add pItem as member zKey of object pObj, or append it to array pObj
** when zKey is NULL. pItem is consumed either way: 0, or -1 (pItem freed)
** when it is NULL (a failed create) or memory ran out. */
int gimp_put(cJSON *pObj, const char *zKey, cJSON *pItem);

/* "a string", "a number", "null", ... for messages. */
const char *gimp_json_type(const cJSON *p);

/* Typed look-ups that record an error when the member has the wrong type.
** A missing member or JSON null gives NULL (bRequired: an error too). */
const char *gimp_string(GraphImport *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired);
const cJSON *gimp_object(GraphImport *g, const char *zFile, const char *zPath,
                         const cJSON *pObj, const char *zKey, int bRequired);
const cJSON *gimp_array(GraphImport *g, const char *zFile, const char *zPath,
                        const cJSON *pObj, const char *zKey, int bRequired);
/* A Boolean member: 1 true, 0 false, -1 missing or null (or mistyped,
** with an error recorded). */
int gimp_bool(GraphImport *g, const char *zFile, const char *zPath,
              const cJSON *pObj, const char *zKey);

/* The items of a Graph document that may be a collection response
** ({"value": [...]}, any @odata.* members) or a single entity: returns
** the "value" array, or pDoc itself with *pbSingle set. NULL (and an
** error) when the document is neither an object nor has a usable value. */
const cJSON *gimp_items(GraphImport *g, const char *zFile, const cJSON *pDoc, int *pbSingle);

#endif
