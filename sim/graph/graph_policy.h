/*
** graph_policy.h — cross-tenant access policies (XTAP) between Microsoft
** Graph's shapes and the scenario's "policies" array.
**
** A scenario policy entry is
**   {"tenant": owner key, "partner": partner key (absent: the default),
**    "automaticUserConsentSettings": {"inboundAllowed", "outboundAllowed"},
**    "userSyncInbound": {"isSyncAllowed"}, "groupSyncInbound": {"isSyncAllowed"},
**    "roleEnabledGroupSyncInbound": {"isSyncAllowed"} (beta),
**    "inboundTrust": {"isMfaAccepted", "isCompliantDeviceAccepted",
**                     "isHybridAzureADJoinedDeviceAccepted",
**                     "isCompliantNetworkAccepted" (beta)}}
** with every setting optional (absent inherits the default; an unset
** default is false). Graph writes "inherit" as null, so a null becomes an
** absent member; in a default, false is the unset value, so only a
** default's true settings are written.
**
** The importers merge into the array by (tenant, partner): a partner file
** and an identity-synchronization file for the same pair fill one entry,
** which is rebuilt in the member order above. A setting given again with
** another value takes the later value, with a warning at its path; a null
** never overwrites. Everything Graph carries that tenantsim does not model
** (B2B collaboration and direct connect, tenant restrictions, service
** provider and multitenant-organization flags, cross-cloud meetings, ...)
** is a warning with its path when it is set to anything but the service
** default; an unknown member is a warning too (Graph adds properties over
** time); a mistyped member or an unknown enum value is an error.
**
** Import results: TS_OK; TS_ERR when the call recorded an error in g
** (warnings do not change the result: see jsonloc_failed for --strict);
** TS_NOMEM (g->bNoMem set) when an allocation failed — pPolicies then
** holds every entry either as before or as completed, never a half-built
** one. The caller owns pDoc and pPolicies; nothing is kept.
*/
#ifndef TS_GRAPH_POLICY_H
#define TS_GRAPH_POLICY_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "tserr.h"

/* A scenario tenant key and its Entra tenant id (a GUID, compared without
** regard to case). Both strings are borrowed. */
typedef struct GraphTenantRef { const char *zKey; const char *zTenantId; } GraphTenantRef;

/* The default configuration of tenant zOwnerKey (GET .../crossTenantAccessPolicy/default),
** or a crossTenantAccessPolicy document (as graph_policy_export writes it),
** of which this reads "default" and the policy's own members — its
** "partners" are graph_policy_import_partners' part. A default that is the
** untouched service default imports as {"tenant": zOwnerKey} and warns of
** nothing. automaticUserConsentSettings is read-only false in Entra's
** default: a true there is imported with a warning. */
int graph_policy_import_default(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                                const char *zOwnerKey, cJSON *pPolicies);

/* Partner configurations into pPolicies. pDoc is one
** crossTenantAccessPolicyConfigurationPartner (GET partners/{id}, with or
** without "identitySynchronization" expanded), a collection {"value":
** [...]} of them, a lone crossTenantIdentitySyncPolicyPartner (it has
** userSyncInbound, groupSyncInbound or roleEnabledGroupSyncInbound and no
** automaticUserConsentSettings),
** or a crossTenantAccessPolicy document with a "partners" array.
** aT holds the two tenants of the import (nT must be 2): the owner of a
** partner entry is the one whose id is not the entry's tenantId. A tenantId
** that is neither is a warning and the entry is skipped; one that is both
** (the two tenants share an id) is an error, and so is an
** identitySynchronization whose tenantId is not its partner's. A deleted
** partner configuration (deletedDateTime set, from policies/deletedItems)
** no longer applies in Entra: it is skipped with a warning. A PUT body
** for identitySynchronization carries no tenantId (it is in the URL): that
** is an error, the body cannot be placed. */
int graph_policy_import_partners(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                                 const GraphTenantRef *aT, int nT, cJSON *pPolicies);

/* The crossTenantAccessPolicy document of tenant zOwnerKey, built from a
** validated scenario "policies" array (pPolicies may be NULL: no policies):
**   {"@odata.context": ..., "displayName": "CrossTenantAccessPolicy",
**    "default": {...} only when the scenario has a default for the owner,
**    "partners": [partner configurations with identitySynchronization expanded]}
** in Graph's member order. The default carries the service-default B2B
** settings (the only ones tenantsim models), so the importers read it back
** without warnings unless it sets consent, which Entra's default cannot.
** A partner's inherited (absent) settings are written as Graph writes
** them, null; "identitySynchronization" is null when no sync setting is
** given, and the beta members ("groupSyncInbound",
** "roleEnabledGroupSyncInbound", inboundTrust's "isCompliantNetworkAccepted")
** appear only when set.
** aT maps tenant keys to tenant ids (every partner must be there).
** *ppDoc receives a new document the caller frees with cJSON_Delete.
** TS_OK; TS_ERR when the scenario says what Graph cannot (user, group or
** role-enabled group sync on a default policy: Entra sets identity synchronization per
** partner only) or a partner has no tenant id in aT, with the policy's
** path in pErr; TS_NOMEM. *ppDoc is NULL on failure. */
int graph_policy_export(const cJSON *pPolicies, const char *zOwnerKey,
                        const GraphTenantRef *aT, int nT, cJSON **ppDoc, TsErr *pErr);

#endif
