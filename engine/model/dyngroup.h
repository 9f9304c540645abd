/*
** dyngroup.h — dynamic groups: groups whose members their membershipRule
** decides (dynrule.h), and the queue of users whose memberships are due to
** be evaluated again.
**
** "When an attribute changes for a user or device, all dynamic group rules
** in the organization are processed for membership changes" (Microsoft
** Entra, "Create or edit a dynamic group"). The service does this
** asynchronously and documents no delay; tenantsim evaluates a changed
** user params.dynamicMembershipDelay after the change (an assumption, see
** README). A user is queued only when its tenant has dynamic groups and
** the change touches an attribute one of their rules reads. A paused rule
** (membershipRuleProcessingState "Paused") is not evaluated; members stay
** as they are.
**
** This module keeps the rules and the queue; applying a due evaluation —
** which changes memberships and tells the sync jobs — is the provisioning
** engine's (engine/sync/dynmember.h).
**
** Ownership: the World owns each group's DynRule (released by world_free)
** and the queue.
*/
#ifndef TS_DYNGROUP_H
#define TS_DYNGROUP_H
#include "dynrule.h"
#include "world.h"

/* A user whose memberships are due for evaluation at tDue. The delay is one
** parameter, so entries are appended in due order. */
struct DynPending {
  int64_t id;
  SimTime tDue;
};

/* The pseudo-attribute id of user.objectId (a rule's "every user" idiom,
** user.objectId -ne null): not a catalog attribute, read from the user. */
#define DYNGROUP_ATTR_OBJECT_ID 0x7ffffff0

/* The attribute id of rule property zProp (any case): a catalog attribute,
** an extension (registered in w), objectId; -1 when unknown. pCtx is the
** World, or NULL to check a rule without one (every extension is then
** A_COUNT). Usable as a DynResolve. */
int dyngroup_resolve(void *pCtx, const char *zProp);

/* Make group iGroup dynamic with rule zRule (paused when bPaused), and
** write its rule, the attributes it reads and its state to the groups
** row. TS_OK; TS_ERR with *pErr for a rule that does not compile (the
** scenario validator has refused it already); TS_NOMEM. */
int dyngroup_set_rule(World *w, int iGroup, const char *zRule, int bPaused, DynError *pErr);

/* Does user u satisfy the rule of dynamic group iGroup? A user that is
** not live never does. */
int dyngroup_matches(const World *w, int iGroup, const User *u);

/* Attribute iAttr of user id changed (-1: the user was created, deleted
** or restored): queue it when a dynamic group of its tenant may care. */
void dyngroup_touch(World *w, int64_t id, int iAttr);

/* Forget every queued user (after the initial memberships are computed). */
void dyngroup_clear_queue(World *w);

/* When the next queued evaluation is due, or -1 when none is. */
SimTime dyngroup_next_due(const World *w);

/* The next user due at or before w->tNow, removed from the queue; 0 when
** none is due. */
int64_t dyngroup_pop_due(World *w);

#endif
