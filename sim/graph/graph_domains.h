/*
** graph_domains.h — Graph domains (GET /domains, or EntraExporter's
** Domains folder with one domain per file) into a scenario tenant's
** "verifiedDomains".
**
** A domain resource's id is the domain's name and isVerified says whether
** the tenant has proven it owns it. The verified ones are appended to the
** caller's array for the tenant, in lower case and each once; unverified
** ones are left out: to tenantsim they are domains the tenant does not
** have, so a source user whose mail is at one is not created in a target
** (engine/sync/faults.h). The other properties of a domain (its
** authentication type, default and initial flags, password policy,
** supported services, DNS state) bear on nothing tenantsim simulates and
** are taken in silence; a property Graph does not document for a domain
** is warned once per document. A document that is neither a domain nor a
** page of them, an id that is not a domain name, and an isVerified that
** is missing or not a Boolean are errors with file and JSON path.
*/
#ifndef TS_GRAPH_DOMAINS_H
#define TS_GRAPH_DOMAINS_H
#include <cjson/cJSON.h>
#include "graph.h"

/* Append the verified domains of pDoc (read from zFile) to the array
** pDomains, which the caller owns. TS_OK, or TS_NOMEM; bad input is
** recorded in g. */
int graph_domains_import(JsonLoc *g, const char *zFile, const cJSON *pDoc, cJSON *pDomains);

#endif
