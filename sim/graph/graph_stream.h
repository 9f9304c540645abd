/*
** graph_stream.h — a Graph collection page read one item at a time.
**
** A users page of a million users is half a gigabyte of JSON; parsed whole
** it becomes some twenty million cJSON nodes, most of the import's memory
** and time. graph_stream_each walks the text of a page instead and parses
** each item of its "value" array alone (with cJSON, as the whole document
** would be parsed), hands it to the translator and frees it before the
** next, so memory no longer grows with the page.
**
** It is an optimisation that must not show: a document it is not sure to
** read exactly as cJSON would read it whole (invalid JSON anywhere, not an
** object with a "value" array, a second byte order mark, an item nested
** close to cJSON's depth limit) makes it stop with GRAPH_STREAM_NO; the
** caller then undoes what the items did (graph_stream_mark/rewind for the
** messages, its own for its state) and parses the document whole, so the
** messages (FILE:LINE:COLUMN of a syntax error among them) stay what they
** were.
*/
#ifndef TS_GRAPH_STREAM_H
#define TS_GRAPH_STREAM_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "jsonloc.h"

/* Returned when the text must be parsed whole instead (nothing of the
** walk may be kept). Distinct from every TS_* status. */
#define GRAPH_STREAM_NO 100

/* As graph_each(g, zFile, <zText parsed>, pCtx, xOne) for a collection
** page: xOne for every item of the first "value" array, with its path
** "$.value[i]" (an item that is not an object gets graph_each's error).
** zText is the whole document, nText bytes, NUL-terminated (as
** jsonfile_read leaves it). Returns TS_OK, TS_NOMEM, the first other
** status of xOne, or GRAPH_STREAM_NO (see above). */
int graph_stream_each(JsonLoc *g, const char *zFile, const char *zText, size_t nText, void *pCtx,
                      int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                                  const cJSON *pItem, void *pCtx));

/* What g has recorded so far, to go back to: graph_stream_rewind(g, m)
** forgets every message and count recorded after graph_stream_mark(g, m). */
typedef struct GraphStreamMark {
  int nWarn, nErr, nMsg;
  size_t nText;
} GraphStreamMark;
void graph_stream_mark(const JsonLoc *g, GraphStreamMark *m);
void graph_stream_rewind(JsonLoc *g, const GraphStreamMark *m);

#endif
