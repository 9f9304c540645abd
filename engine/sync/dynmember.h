/*
** dynmember.h — the dynamic membership processor: it applies what the
** rules of dynamic groups (engine/model/dyngroup.h) say about users whose
** attributes changed, as the directory does in the background.
**
** A membership it adds or removes is an ordinary one: the audit row
** "GroupManagement / Add member to group" (or Remove) is written with the
** initiator DYNMEMBER_ACTOR, and the sync jobs are told as for an
** administrator's change (admin_member_by), so a dynamic scope group's
** change moves users into or out of a job's scope at its next cycle and a
** target group's change moves what its members may do.
*/
#ifndef TS_DYNMEMBER_H
#define TS_DYNMEMBER_H
#include "world.h"

/* The service principal that writes dynamic groups' membership changes in
** the audit log. Not in Microsoft's documentation: a Microsoft support
** engineer's account (README, "Where tenantsim had to choose"). */
#define DYNMEMBER_ACTOR "Microsoft Approval Management"

/* The memberships of every dynamic group at the start of the run, set as
** the directory's initial state (no audit rows, no change rows); the queue
** of pending evaluations is then emptied. Nonzero when out of memory. */
int dynmember_initial(World *w);

/* Evaluate every user due at w->tNow against the dynamic groups of its
** tenant whose processing is on. Returns the number of memberships added
** or removed. */
int64_t dynmember_due(World *w);

#endif
