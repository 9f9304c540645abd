/*
** audit.h — the audit log of every tenant (table audit_log).
**
** Each administrator action and each write the provisioning service makes
** in a target is one row, with Entra's category and activity names
** ("UserManagement" "Add user", "ProvisioningManagement" "Quarantine" ...)
** and the actor (Microsoft.Azure.SyncFabric for CTS writes in a target).
** A row whose actor is the SyncFabric application also carries its appId
** (Graph's initiatedBy.app.appId; security-posture.md §5 cites public
** service-principal listings for the value); no other actor's appId is
** known, so theirs stays NULL.
*/
#ifndef TS_AUDIT_H
#define TS_AUDIT_H
#include "world.h"
#include "audit.h"

/* The application that writes CTS's changes in a target, and its appId. */
#define AUDIT_ACTOR_SYNC  "Microsoft.Azure.SyncFabric"
#define AUDIT_SYNC_APP_ID "00000014-0000-0000-c000-000000000000"

/* Add an audit-log row for tenant iTenant at w->tNow (strings may be NULL
** where the columns allow it; they are copied by the store). */
void audit_write(World *w, int iTenant, const char *zCategory,
                 const char *zActivity, const char *zActor,
                 const char *zTargetType, const char *zTargetId,
                 const char *zTargetName, const char *zDetail);

#endif
