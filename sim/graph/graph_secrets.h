/*
** graph_secrets.h — a cross-tenant sync job's synchronization secrets
** (GET/PUT /servicePrincipals/{id}/synchronization/secrets) to and from
** the scenario job's settings.
**
** The secrets are {"value": [{"key": synchronizationSecret, "value":
** string}]}. Two carry what tenantsim models: SyncAll ("true"/"false" in
** any case) is the job's "scope" ("all" or "assigned"), and
** SyncNotificationSettings, itself JSON inside the string, holds the
** accidental-deletion prevention: DeleteThresholdEnabled true makes
** DeleteThresholdValue the job's "deleteThreshold"; false removes it; and
** the notification e-mail: Enabled and Recipients become the job's
** "notifications" {"enabled", "recipients"} (removed when off with no
** address, the portal's default).
** CompanyId must be the target tenant's id, AuthenticationType
** "SyncPolicy". Other secrets are warned about by key only: their values
** are never copied into a message.
*/
#ifndef TS_GRAPH_SECRETS_H
#define TS_GRAPH_SECRETS_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "tserr.h"

/* Read the secrets document pDoc and set "scope" / "deleteThreshold" /
** "notifications" on
** the scenario job object pJob (members already there are updated in
** place; a setting the document does not carry is left alone). Warnings
** (with the JSON path) for what is valid but not modelled: secrets cross-
** tenant sync does not use, SkipOutOfScopeDeletions "True", HumanResourcesLookaheadQueryEnabled,
** unknown SyncNotificationSettings members, a CompanyId other than
** zTargetTenantId (NULL: not checked), a DeleteThresholdValue of 0 (the
** scenario accepts it; Entra's portal asks for a positive number).
** Errors: value not an array, an entry not {"key": string, "value":
** string}, SyncNotificationSettings not a JSON object (with the position
** in the string), Enabled not a Boolean or Recipients not a string (the
** addresses themselves are checked by the scenario validator), DeleteThresholdValue not an integer from 0 to
** 1,000,000,000 (the scenario's range), SyncAll or SkipOutOfScopeDeletions
** not a Boolean string. TS_OK; TS_ERR when this call recorded an error;
** TS_NOMEM (g->bNoMem set). pDoc stays the caller's. */
int graph_secrets_import(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                         const char *zTargetTenantId, cJSON *pJob);

/* The PUT body for job pJob (a validated scenario job):
** AuthenticationType "SyncPolicy", CompanyId zTargetTenantId,
** SyncNotificationSettings {"Enabled":...,"Recipients":...,
** "DeleteThresholdEnabled":...,"DeleteThresholdValue":...} as a JSON
** string (Recipients only when the job has an address), SyncAll
** "true"/"false".
** *ppDoc receives a new document the caller frees with cJSON_Delete.
** TS_OK; TS_ERR when scope or deleteThreshold is not what the scenario
** validator accepts; TS_NOMEM. *ppDoc is NULL on failure. */
int graph_secrets_export(const cJSON *pJob, const char *zTargetTenantId, cJSON **ppDoc, TsErr *pErr);

#endif
