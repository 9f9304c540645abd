/*
** graph_schema.h — a job's synchronizationSchema (Microsoft Graph) to and
** from the scenario's "mapping", "scopingFilters" and "groupProvisioning".
**
** Import reads the schema of a cross-tenant synchronization job as Graph
** returns it (GET .../jobs/{id}/schema, or the Azure2Azure template's) and
** sets those members on a scenario job object. Everything tenantsim cannot
** model is a located warning (jsonloc.h) and is left out, so that the
** scenario validator never fails later on something the importer let
** through; input that is wrong (a mistyped member, an unknown enum, an
** expression that does not compile) is an error.
**
** Export builds the schema a job's configuration amounts to, ready to PUT.
** Import of an export gives back the same mapping and scopingFilters, byte
** for byte (cJSON_PrintUnformatted), for any job that import produced.
**
** Choices where Microsoft documents nothing are listed at the head of
** graph_schema.c.
*/
#ifndef TS_GRAPH_SCHEMA_H
#define TS_GRAPH_SCHEMA_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "tserr.h"

/* Import synchronizationSchema pDoc (read from zFile, for messages) into
** the scenario job object pJob (the caller's): sets "mapping" (always
** {"replace": true, "attributes": [...]}, plus "targetObjectActions" when
** an action is off), "scopingFilters" (only when there is a filter) and
** "groupProvisioning": true (only when an enabled Group mapping exists),
** replacing members of those names. Warnings and errors go to g.
** Returns TS_OK; TS_ERR when jsonloc_failed(g) afterwards (pJob is still
** filled with what could be read); TS_NOMEM (pJob may be partly filled). */
int graph_schema_import(JsonLoc *g, const char *zFile, const cJSON *pDoc, cJSON *pJob);

/* Build in *ppSchema (a new object the caller frees with cJSON_Delete) the
** synchronizationSchema of scenario job pJob, which has been validated:
** its mapping (absent = the default; without "replace" = the default with
** its entries replaced or added, as the runner merges them), scoping
** filters and group provisioning. zJobId becomes the schema's id.
** Returns TS_OK; TS_ERR (an expression that does not compile: pJob was not
** validated) or TS_NOMEM with *ppSchema NULL and a message in pErr. */
int graph_schema_export(const cJSON *pJob, const char *zJobId, cJSON **ppSchema, TsErr *pErr);

#endif
