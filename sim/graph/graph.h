/*
** graph.h — what the Microsoft Graph translators share beyond jsonloc.h.
**
** tenantsim reads configuration exported from Graph (users, groups,
** synchronizationSchema, cross-tenant access policies, secrets) and turns
** it into a scenario (sim/graph/graph_*.c; the commands are sim/cli's
** import and export); everything the simulator cannot model is reported
** through a JsonLoc, never dropped in silence.
*/
#ifndef TS_GRAPH_H
#define TS_GRAPH_H
#include <cjson/cJSON.h>
#include "jsonloc.h"
#include "hmap.h"

/* Add pItem as member zKey of object pObj, or append it to array pObj
** when zKey is NULL. pItem is consumed either way: 0, or -1 (pItem freed)
** when it is NULL (a failed create) or memory ran out. */
int graph_put(cJSON *pObj, const char *zKey, cJSON *pItem);

/* The items of a Graph document that may be a collection response
** ({"value": [...]}, any @odata.* members) or a single entity: returns
** the "value" array, or pDoc itself with *pbSingle set. NULL (and an
** error) when the document is neither an object nor has a usable value. */
const cJSON *graph_items(JsonLoc *g, const char *zFile, const cJSON *pDoc, int *pbSingle);

/* Call xOne(g, zFile, zPath, pItem, pCtx) for every item of pDoc (a page,
** whose items must be objects, or one object) with its path ("$" or
** "$.value[i]"); stops at the first status other than TS_OK and returns it. */
int graph_each(JsonLoc *g, const char *zFile, const cJSON *pDoc, void *pCtx,
               int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                           const cJSON *pItem, void *pCtx));

/* Item i of a page, as graph_each hands it on: xOne with its path
** "$.value[i]", or (TS_OK) an error when it is not an object. */
int graph_each_item(JsonLoc *g, const char *zFile, int i, const cJSON *pItem, void *pCtx,
                    int (*xOne)(JsonLoc*, const char *zFile, const char *zPath,
                                const cJSON *pItem, void *pCtx));

/* Is the value worth a warning when dropped: not null, "", [] or {}? */
int graph_has_content(const cJSON *c);

/* Properties of one document that tenantsim does not model: each name
** with its first path and count, reported once per document ("user
** property otherMails is not modelled by tenantsim; ignored (2 users,
** first shown)"). The set owns its strings; free it with
** graph_unmodelled_free. add returns TS_OK or TS_NOMEM. */
typedef struct GraphUnmProp {
  char *zName, *zPath;
  int nCount;
} GraphUnmProp;
typedef struct GraphUnmodelled {
  HMap seen;              /* property -> index into a */
  GraphUnmProp *a;
  int n, nAlloc;
} GraphUnmodelled;
void graph_unmodelled_init(GraphUnmodelled *u);
void graph_unmodelled_free(GraphUnmodelled *u);
int graph_unmodelled_add(GraphUnmodelled *u, const char *zName, const char *zPath);
/* The same for member zKey of the object at zParent, whose path is made
** only the first time the property is seen (a page of a million users
** with one unmodelled property builds one path, not a million). */
int graph_unmodelled_add_key(GraphUnmodelled *u, const char *zKey, const char *zParent);
/* One warning per property, zWhat naming the kind of object ("user"). */
void graph_unmodelled_report(JsonLoc *g, const char *zFile, const GraphUnmodelled *u,
                             const char *zWhat);

#endif
