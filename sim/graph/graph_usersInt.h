/*
** graph_usersInt.h — what graph_users.c, graph_groups.c and graph_resolve.c
** share about a GraphDir: a pending membership, copies into the GraphDir's
** arena, scenario keys, cJSON look-ups, and walking a document's objects.
** Defined in graph_users.c, except graph_groups_add_unique (graph_groups.c).
*/
#ifndef TS_GRAPH_USERS_INT_H
#define TS_GRAPH_USERS_INT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "hmap.h"
#include "graph_users.h"

/* A membership or nothing else: group zGroupId has direct member zMemberId,
** a user, or a group nested in it (bGroup). Strings in the GraphDir's
** arena. */
struct GraphMember {
  const char *zGroupId;
  const char *zMemberId;
  int bGroup;
  const char *zFile, *zPath;  /* where the member was read, for messages */
};

/* A copy of z in d's arena, or NULL when memory ran out. */
const char *graph_users_strdup(GraphDir *d, const char *z);
/* The same for a string that repeats from one object to the next (a
** document's name, a group's id), *pzLast the copy made last time: copied
** once while it repeats. */
const char *graph_users_intern(GraphDir *d, const char **pzLast, const char *z);
/* Make sure d's scenario arrays exist. TS_OK or TS_NOMEM. */
int graph_users_arrays(GraphDir *d);
/* A key made of zFrom (up to '@' or the end): key-safe characters kept,
** others '_', numbered "-2", "-3" ... when taken in pKeys, which it is
** then added to. zOut holds at least 128 bytes. TS_OK or TS_NOMEM. */
int graph_users_make_key(HMap *pKeys, const char *zFrom, const char *zFallback,
                         char *zOut, size_t nOut);
/* cJSON_GetObjectItemCaseSensitive(p, zName), comparing first bytes first. */
cJSON *graph_users_obj_get(const cJSON *p, const char *zName);
/* The "key" of a scenario user or group object. */
const char *graph_users_item_key(const cJSON *pItem);
/* Add pItem under zName, a string that lives as long as the program (not
** copied). TS_OK, or TS_NOMEM with pItem freed. */
int graph_users_put_static(cJSON *pObj, const char *zName, cJSON *pItem);
/* Lower-case copy of z into zOut (truncated). */
void graph_users_lower_copy(char *zOut, size_t nOut, const char *z);

/* One object of a document: xOne(g, d, zFile, zPath, pItem, pCtx). */
typedef int (*GraphDirOne)(JsonLoc*, GraphDir*, const char*, const char*, const cJSON*, void*);
/* xOne for each object of pDoc (a list page or one object): graph_each. */
int graph_users_each(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                     void *pCtx, GraphDirOne xOne);
/* graph_users_each with a GraphUnmodelled as pCtx, reported as zNoun's
** properties ("user", "group") once the document is read. */
int graph_users_translate_each(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                               GraphDirOne xTranslate, const char *zNoun);
/* The same over a document's text, one object at a time: graph_stream_each
** (GRAPH_STREAM_NO when the caller must parse it whole instead). */
int graph_users_stream_each(JsonLoc *g, GraphDir *d, const char *zFile, const char *zText,
                            size_t nText, void *pCtx, GraphDirOne xOne);

/* Append zKey to the array member zName (a literal, not copied) of pObj
** (created when missing), unless it is there already. TS_OK or TS_NOMEM. */
int graph_groups_add_unique(cJSON *pObj, const char *zName, const char *zKey);

#endif
