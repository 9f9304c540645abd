/*
** export_dir.h — a finished run's directory objects in Microsoft Graph's
** shapes: one tenant's users or groups as the run ends, as Graph beta's
** GET /users and GET /groups list them ({"@odata.context": ...,
** "value": [...]}), so that `tenantsim import --users` / `--groups` reads
** them back.
**
** Only live objects are listed (a soft-deleted one is among Graph's
** deletedItems, not in /users or /groups). Users carry the attributes the
** run models under their Graph names (physicalDeliveryOfficeName as
** officeLocation, telephoneNumber as businessPhones[0], the manager as
** {"id": ...} as with $expand=manager($select=id)), creationType and
** externalUserState; groups their displayName, groupTypes, mailEnabled,
** securityEnabled and a dynamic group's rule. An object cross-tenant sync
** created or matched in the target also carries originTenantInfo
** (crossTenantResource: originId, originTenantId; its information "is
** only populated for objects that are synchronized using cross-tenant
** synchronization or multitenant organizations"). Graph returns it only
** when selected ($select=originTenantInfo); the export writes it always.
** Unset properties are left out; rows come in creation order, so the
** same database always gives the same document.
**
** Ownership: *ppDoc is a new cJSON document the caller deletes.
*/
#ifndef TS_EXPORT_DIR_H
#define TS_EXPORT_DIR_H
#include <cjson/cJSON.h>
#include "store.h"
#include "tserr.h"

/* The users (bGroups 0) or groups (1) of tenant zTenant (a key), or with
** zTenant NULL of the target of the run's first job. TS_OK; TS_ERR for an
** unknown tenant (pErr names the tenants); TS_IOERR; TS_NOMEM. */
int export_dir(Store *pStore, const char *zTenant, int bGroups, cJSON **ppDoc, TsErr *pErr);

#endif
