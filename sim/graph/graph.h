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

/* Add pItem as member zKey of object pObj, or append it to array pObj
** when zKey is NULL. pItem is consumed either way: 0, or -1 (pItem freed)
** when it is NULL (a failed create) or memory ran out. */
int graph_put(cJSON *pObj, const char *zKey, cJSON *pItem);

/* The items of a Graph document that may be a collection response
** ({"value": [...]}, any @odata.* members) or a single entity: returns
** the "value" array, or pDoc itself with *pbSingle set. NULL (and an
** error) when the document is neither an object nor has a usable value. */
const cJSON *graph_items(JsonLoc *g, const char *zFile, const cJSON *pDoc, int *pbSingle);

#endif
