/*
** groupsync.h — cross-tenant group synchronization (entra-facts §8).
**
** Security and Microsoft 365 groups assigned to a job become static
** security groups in the target, with the direct members the job has
** provisioned (members not provisioned are left out; nested groups are
** not followed). It needs the job's "Provision Microsoft Entra ID Groups"
** mapping (off by default: assigned groups are then skipped with
** EntityTypeNotSupported) and the target's groupSyncInbound.isSyncAllowed
** (off: group sync stops, synced groups are left as they are). Mail-enabled
** security and distribution groups are not supported. A group that is
** unassigned is deleted in the target (what the service does is not
** documented: tenantsim's assumption), and such deletions count toward
** the accidental-deletion threshold (deletion.h).
**
** Groups are processed in the same cycle as users, after them, so that a
** new member is provisioned before memberships are resolved: the cycle's
** work list carries a group as the negative id -(index+1).
*/
#ifndef TS_GROUPSYNC_H
#define TS_GROUPSYNC_H
#include "world.h"

/* The source groups of u assigned to j are queued (a member of them was
** provisioned, removed or changed membership). */
void groupsync_member_changed(World *w, Job *j, const User *u);
/* Append j's groups to a cycle's work list (all assigned or linked groups
** for an initial cycle, the queued ones otherwise); returns the new length.
** aWork must have room for w->nGroup more entries. */
int64_t groupsync_work(World *w, Job *j, int bInitial, int64_t *aWork, int64_t nWork);
/* Evaluate and export group iG; returns its cost in milliseconds. */
int64_t groupsync_object(World *w, Job *j, int iG);
/* Write the provisioning-log row of group iG refused on demand in j's
** current (on-demand) run: status failure, EntityTypeNotSupported, reason
** zReason (copied by SQLite), stop_step import. */
void groupsync_on_demand_refused(World *w, Job *j, int iG, const char *zReason);

#endif
