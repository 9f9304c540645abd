/*
** admin.h — what tenant administrators do: the source-side changes a
** scenario's timeline makes (hire, update, terminate, restore, group
** membership), target-side edits, and policy changes.
**
** Each call changes the directory or policy, writes the admin's audit-log
** row, and tells the sync jobs: the user is queued for their next
** incremental cycle and its desired state re-evaluated (opening change rows
** with cause w->zCause). Writes happen at w->tNow in the caller's
** transaction.
*/
#ifndef TS_ADMIN_H
#define TS_ADMIN_H
#include "policy.h"
#include "world.h"

/* Create a source user (azAttr as for directory_user_add). Returns its id or -1. */
int64_t admin_hire(World *w, int iTenant, const char *zKey, const char *const *azAttr);
/* Set one attribute of a user; no-op when unchanged. 0 or -1 (OOM). */
int admin_update(World *w, int64_t id, int iAttr, const char *zValue);
/* Soft-delete (terminate) or restore a user. Return 1 if changed, 0 if not. */
int admin_delete(World *w, int64_t id);
int admin_restore(World *w, int64_t id);
/* Add/remove a direct group member: 1 changed, 0 already so, -1 OOM. */
int admin_member(World *w, int iGroup, int64_t id, int bAdd);
/* The same change made by zActor (the audit row's initiator) for cause
** zCause (the change rows'): dynamic membership (dynmember.h). */
int admin_member_by(World *w, int iGroup, int64_t id, int bAdd, const char *zActor,
                    const char *zCause);
/* Nest group iMember in group iGroup (bAdd) or take it out: 1 changed, 0
** already so, -1 OOM. The audit row names iGroup as the target and the
** member group by its display name. The members of iMember do not become
** members of iGroup, so no user's scope changes; a group-sync job that
** has iGroup assigned re-reads it in its next cycle. The caller guarantees
** no cycle (directory_group_member_add). */
int admin_group_member(World *w, int iGroup, int iMember, int bAdd);
/* Set a policy field of iTenant towards iPartner (-1 = default). A
** partner without a configuration is added first (admin_partner_add), as
** the portal does; the first userSyncInbound or groupSyncInbound of a
** partner creates its identity sync setting ("Create a partner
** cross-tenant identity sync setting"), later ones update it. */
void admin_policy(World *w, int iTenant, int iPartner, PolicyField f, int v);
/* Add iTenant's configuration for partner iPartner, every setting
** inherited from the default ("Add a partner to cross-tenant access
** setting"): 1 added, 0 it exists already, -1 out of memory. */
int admin_partner_add(World *w, int iTenant, int iPartner);
/* Delete it, with its identity sync setting ("Delete partner specific
** cross-tenant access setting", and "Delete a partner cross-tenant
** identity sync setting" when there was one): 1 deleted, 0 none. */
int admin_partner_remove(World *w, int iTenant, int iPartner);
/* A B2B user leaves the target organization: the account is removed (hard
** deleted), and the job that linked it is told, so that its next cycle
** provisions the user again while in scope. Returns 1, or 0 if gone. */
int admin_target_leave(World *w, int64_t id);

/* A target administrator deletes a synced B2B user of the target (a soft
** delete). The job that linked it is not told: CTS does not read the
** target, and it does not restore a user deleted there (cycle.h). Returns
** 1, or 0 if the user was not live. */
int admin_target_delete(World *w, int64_t id);

/* A target administrator edits a (B2B) user of the target directly. */
int admin_target_update(World *w, int64_t id, int iAttr, const char *zValue);

/* Tenant iTenant, pending in the multitenant organization (mto.h), joins
** it now: "Tenant joining MultiTenantOrg tenant" (MultiTenantOrgTenant) in
** its audit log; then, for every other active tenant k in index order,
** k's settings for iTenant and iTenant's for k are added when missing
** (admin_partner_add: a new partner; one that had a configuration is an
** existing partner) and each setting of the tenant's templates whose
** templateApplicationLevel names that kind of partner is written with
** admin_policy ("only applied to partner configuration properties where
** the corresponding template property has a non-null value": a template
** holds only the settings it gives). Returns the number of settings
** written, or -1 out of memory. */
int admin_mto_join(World *w, int iTenant);

#endif
