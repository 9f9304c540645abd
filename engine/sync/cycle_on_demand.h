/*
** cycle_on_demand.h — on-demand provisioning (entra-facts §2.6, S14): one
** source user provisioned by a job at once, outside the cycle schedule,
** with the same import, scope, match and action as a cycle (cycle.c's),
** recorded as a cycle of kind 'onDemand' without disturbing a running
** cycle.
**
** As documented, and each with its provisioning-log row (stop_step names
** where it stopped when it stopped before scoping):
**   - a user disabled or deleted in the source is not found ("Those users
**     don't appear when you search for a user"): UserNotFound, stop_step
**     import, nothing changes in the target;
**   - the search comes first, then the test connection: a failed policy
**     check is reported with its code, stop_step connection;
**   - a user unassigned from the application is deprovisioned as a cycle
**     would (on demand "supports disabling users that have been
**     unassigned");
**   - restoring a soft-deleted target user is not supported: a duplicate
**     user is created (status warning);
**   - a group cannot be provisioned on demand by cross-tenant
**     synchronization: EntityTypeNotSupported, a Group row, stop_step
**     import.
** The outcome's one-line summary goes to j's own buffer
** (Job.zOnDemandOutcome), valid until j's next on-demand provisioning or
** job_add.
*/
#ifndef TS_CYCLE_ON_DEMAND_H
#define TS_CYCLE_ON_DEMAND_H
#include "world.h"

/* Provision source user id by job j at w->tNow; *pzOutcome is set to the
** summary. Returns 0, or -1 when memory ran out. */
int cycle_on_demand(World *w, Job *j, int64_t id, const char **pzOutcome);

/* A request to provision source group iGroup by j on demand at w->tNow:
** refused, as cross-tenant synchronization documents, with its
** provisioning-log row. *pzOutcome is set to the summary. Returns 0, or -1
** when memory ran out. */
int cycle_on_demand_group(World *w, Job *j, int iGroup, const char **pzOutcome);

#endif
