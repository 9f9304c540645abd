/*
** graph_mto.h — Graph's multitenant organization into the scenario's
** "multiTenantOrganization" (README, scenario format).
**
** Documents:
**   GET /tenantRelationships/multiTenantOrganization/tenants
**       multiTenantOrganizationMember collection: tenantId, role, state
**   GET /tenantRelationships/multiTenantOrganization/templates/
**       multiTenantOrganizationIdentitySyncPolicyTemplate: userSyncInbound,
**       templateApplicationLevel
**   GET /tenantRelationships/multiTenantOrganization/templates/
**       multiTenantOrganizationPartnerConfigurationTemplate:
**       automaticUserConsentSettings, inboundTrust, templateApplicationLevel
** Members are matched to the imported tenants by tenantId (a pending one
** keeps "state": "pending": it joins with an mto_join); a member that is
** neither is a warning (its partners cannot be told apart) and so is a
** removed one. A template is the tenant's whose export it is. What
** tenantsim does not model (B2B collaboration and direct-connect
** templates' settings) is a warning with its path; a wrong type or an
** unknown enum value is an error with its path.
**
** Ownership: graph_mto_import_* build into *ppMto (a new object the
** caller owns, created at the first document) and return TS_OK or
** TS_NOMEM.
*/
#ifndef TS_GRAPH_MTO_H
#define TS_GRAPH_MTO_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "graph_policy.h"

/* The organization's tenants (aT[nT]: the imported tenants' keys and ids). */
int graph_mto_import_tenants(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                             const GraphTenantRef *aT, int nT, cJSON **ppMto);

/* A template of tenant zTenantKey: bIdentitySync 1 for the identity-sync
** template, 0 for the partner-configuration one. */
int graph_mto_import_template(JsonLoc *g, const char *zFile, const cJSON *pDoc, int bIdentitySync,
                              const char *zTenantKey, cJSON **ppMto);

#endif
