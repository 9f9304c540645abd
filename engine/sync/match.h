/*
** match.h — how a job finds the target user of a source user: the rule of
** the service (entra-facts §6.1; Microsoft: "Configure cross-tenant
** synchronization", step 9 and troubleshooting [S2]; "What is
** cross-tenant synchronization?", existing B2B users [S1]; provisioning
** log error codes [S20]).
**
** The service's rule. A source user is linked to at most one target user
** and keeps it. Without a link, the one matching attribute of the
** Azure2Azure template, alternativeSecurityIds = AltSecIdFromNetId(netId)
** (matching precedence 1, immutable), finds an existing B2B user of the
** target holding the source user's home identity: CTS takes it over.
** CTS never matches an internal user (member or guest) of the target. A
** pending invitation (invited by hand, never redeemed) has no
** alternativeSecurityIds, so the object is an Add; the invitation
** manager then finds that B2B user by mail and returns it, it is
** redeemed, and the UPN update of that first add is dropped until an
** on-demand provisioning or a restart (an initial cycle). Two source users
** with one mail who both need creating share one target user. When an
** internal user of the target holds the invited mail as a proxy address,
** the creation fails with InvitationCreationFailureAmbiguousUser.
**
** tenantsim's own readings:
**   - a link whose target was hard-deleted is not usable: the user is
**     matched again (and created when nothing matches);
**   - a B2B user found by alternativeSecurityIds but soft- or hard-deleted
**     is no match (matching reads the directory's users; a soft-deleted
**     one is among its deleted items), and the provisioning log's matching
**     step is then left empty; only a link the job still holds finds a
**     soft-deleted user (to restore it, cycle.h);
**   - the invitation manager's look-up is by mail only (not UPN), among
**     live B2B users of the target; a shared user stays linked to the
**     source user that came first (Tenant.b2bMail keeps one id per mail);
**   - an internal user "holds" a mail when it is its mail attribute
**     (Tenant.internalMail); other proxy addresses are not modelled.
*/
#ifndef TS_MATCH_H
#define TS_MATCH_H
#include <stddef.h>
#include "world.h"

typedef struct Job Job;
typedef struct Pair Pair;

/* Link source user u to target user t for job j (pair p): the pair, the
** target's back-link and the links row (zHow: "matched", "created",
** "matched by mail"). A held deprovisioning is released, and a deletion
** by a target admin (Pair.bTargetDeleted) forgotten. */
void match_link(World *w, Job *j, Pair *p, const User *u, User *t, const char *zHow);

/* The target user of in-scope source user u (pair p) for job j: the linked
** target when it is not hard-deleted, else a B2B user of the target whose
** alternativeSecurityIds is u's netId and which is live (linked now,
** "matched"), else NULL. *pzMatch is set to "matched" or "none" when the
** look-up ran ("none": nothing held u's netId), left alone otherwise. The
** result may be soft-deleted (a linked user); it is never hard-deleted. */
User *match_find(World *w, Job *j, Pair *p, const User *u, const char **pzMatch);

/* The invitation manager's look-up: a live B2B user of j's target whose
** mail is u's mail, or 0. Reads only. */
int64_t match_by_mail(World *w, const Job *j, const User *u);

/* Take over target user idT, found by match_by_mail, for source user u:
** a pending invitation is redeemed with u's netId, the pair is linked
** ("matched by mail") and its UPN update marked dropped (Pair.bUpnStale).
** Returns 1 when an invitation was redeemed, 0 when idT was already a
** redeemed B2B user (shared by two source users). */
int match_take_by_mail(World *w, Job *j, Pair *p, const User *u, int64_t idT);

/* InvitationCreationFailureAmbiguousUser when an internal user of target
** tenant iTarget holds zMail (with the reason in zReason[nReason]), else
** NULL (zMail NULL: NULL). */
const char *match_ambiguous_user(World *w, int iTarget, const char *zMail,
                                 char *zReason, size_t nReason);

#endif
