/*
** directory.h — the directory objects of every tenant: tenants and their
** verified domains, users, groups and direct group memberships (of users,
** and of groups in groups), in memory and in the store.
**
** These are the low-level writes; they do not tell the sync jobs about the
** change (admin.h does that for source-side changes an administrator makes,
** cycle.c for writes the provisioning engine makes in a target).
** All functions write at w->tNow inside the caller's transaction.
*/
#ifndef TS_DIRECTORY_H
#define TS_DIRECTORY_H
#include "world.h"

/* A soft-deleted user (or group) due for hard deletion. Entries are
** appended in deletion order with a fixed retention, so the queue is
** sorted by tDue. */
struct PurgeEntry {
  int64_t id;              /* the user, or -(index+1) for a group */
  SimTime tDeleted;        /* the deletion it belongs to (a restore voids it) */
  SimTime tDue;
};


/* Add a tenant. zTenantId NULL draws a GUID from the ids stream. Returns
** the tenant index, or -1 on allocation failure (w->bNoMem set). */
int directory_tenant_add(World *w, const char *zKey, const char *zTenantId,
                   const char *zDomain, const char *zCloud, unsigned mLicence);

/* Verified domains (Graph's domain resources with isVerified true).
** A tenant's are the domains the scenario declares, its own domain, and
** every domain an internal user's userPrincipalName uses: Entra accepts a
** UPN only at a verified domain of the tenant, so a user there shows the
** domain verified (B2B users, whose UPNs are #EXT# ones, do not count).
** directory_tenant_add verifies the tenant's domain, directory_user_add
** and directory_user_set an internal user's UPN domain. Names are kept in
** lower case (DNS names are case-insensitive) and a domain stays verified
** for the rest of the run. A source user whose mail is at no verified
** domain of its tenant is not created in a target (faults.h). */
typedef enum DomainSource {
  DOMAIN_DECLARED = 1,     /* the scenario's verifiedDomains */
  DOMAIN_TENANT,           /* the tenant's own domain */
  DOMAIN_UPN               /* an internal user's userPrincipalName */
} DomainSource;

/* Is z a domain name as DNS writes one: at most 253 characters, two or
** more labels separated by dots, each 1 to 63 letters, digits and '-',
** neither starting nor ending with '-', no trailing dot? (An
** internationalised name is given in its xn-- form.) */
int directory_domain_is_name(const char *z);

/* The longest domain name DNS allows. */
#define DIRECTORY_DOMAIN_MAX 253

/* zDomain in lower case (ASCII letters only: no locale) into
** z[DIRECTORY_DOMAIN_MAX+1]; 0, or -1 when it is too long to be a domain. */
int directory_domain_lower(const char *zDomain, char *z);

/* Verify zDomain in tenant iTenant (case folded; a name longer than 253
** characters is no domain and is ignored). Returns 1 when newly verified,
** 0 when it already was, -1 on allocation failure (w->bNoMem set). */
int directory_domain_add(World *w, int iTenant, const char *zDomain, DomainSource eFrom);

/* Is zDomain (any case) a verified domain of tenant iTenant? */
int directory_domain_verified(const World *w, int iTenant, const char *zDomain);

/* The domain of address zAddr: what follows its last '@', or NULL when
** it has none or nothing follows it. Points into zAddr. */
const char *directory_domain_of(const char *zAddr);

/* Users live in the world during a run: the users table is their end
** state, written once by directory_users_save when the run ends, not a row
** kept in step with every change (a fifth of the statements a run ran).
** The functions below change the world only; user_extensions is still
** written as extensions change. */

/* Add a user to tenant iTenant. azAttr (A_COUNT entries, NULL = unset) is
** copied. zKey NULL for users created by a job (iCreatedByJob >= 0).
** zAltSecId is the home identity of a B2B user (NULL for an internal
** user, who gets a fresh netId instead). Returns the new user id, or -1 on
** allocation failure. The pointer of any earlier User may move. */
int64_t directory_user_add(World *w, int iTenant, const char *zKey,
                     const char *const *azAttr, const char *zAltSecId,
                     const char *zCreationType, int iCreatedByJob);

/* The B2B user job iJob creates in tenant iTenant for source user pSource:
** invited, with pSource's home identity and, in the same users row, its
** origin (directory_user_set_origin). As directory_user_add otherwise. */
int64_t directory_user_add_synced(World *w, int iTenant, const char *const *azAttr,
                                  int iJob, const User *pSource);

/* Redeem a pending B2B invitation: the user gets home identity zAltSecId
** and externalUserState Accepted. 0, or -1 on allocation failure. */
int directory_user_redeem(World *w, int64_t id, const char *zAltSecId);

/* Mark a B2B user added by the scenario as a pending invitation. */
void directory_user_pending(World *w, int64_t id);

/* Set one attribute, a catalog attribute or a registered extension
** (world_attr_find), zValue copied; NULL clears it. Returns 0, or -1 on
** allocation failure. */
int directory_user_set(World *w, int64_t id, int iAttr, const char *zValue);

/* Write every user's row (users table) from the world: INSERT OR REPLACE,
** so it may be called again (the engine's tests do, to query the table
** mid-run). Returns 0, or -1 when the store failed (store_error says why). */
int directory_users_save(World *w);

/* Soft-delete a user now; it is hard-deleted (purged) when
** params.softDeleteRetention has passed unless restored first. */
void directory_user_soft_delete(World *w, int64_t id);
void directory_user_restore(World *w, int64_t id);
void directory_user_purge(World *w, int64_t id);

/* The instant of the next due hard deletion, or -1 when none is pending. */
SimTime directory_next_purge(const World *w);
/* Hard-delete every user (and soft-deleted group) whose retention ended
** at or before tNow. Returns the number purged. */
int64_t directory_purge_due(World *w);

/* Add a group; returns its index or -1. */
int directory_group_add(World *w, int iTenant, const char *zKey,
                  const char *zDisplayName, const char *zType);
/* Add a group a job creates from source group zSourceId (its object id):
** the new group's id is derived from the seed, target and source, not from
** run order. Returns its index or -1. */
int directory_group_add_from(World *w, int iTenant, const char *zKey,
                       const char *zDisplayName, const char *zType, const char *zSourceId);
/* A group is deleted now. bSoft 0: hard-deleted at once (tPurged too);
** bSoft 1: soft-deleted, restorable until params.softDeleteRetention has
** passed, when directory_purge_due hard-deletes it ("Hard Delete group")
** unless directory_group_restore brought it back first. Memberships are
** the caller's (a deleted group has none: groupsync.c removes them). */
void directory_group_delete(World *w, int iG, int bSoft);
/* Restore soft-deleted group iG (tDeleted >= 0, tPurged < 0). */
void directory_group_restore(World *w, int iG);

/* The origin of an object cross-tenant sync manages in a target (Graph
** beta originTenantInfo, a crossTenantResource: originId "ID of the
** original object in the source Microsoft Entra tenant the object was
** synchronized from", originTenantId "ID of the source Microsoft Entra
** tenant"): written to the run database only (users / groups origin_id,
** origin_tenant_id), which the Graph-shaped exports read; nothing in the
** engine reads it back. A user's origin is source user pSource (its object
** id, its tenant's id), kept as User.idOrigin until directory_users_save. */
void directory_user_set_origin(World *w, int64_t id, const User *pSource);
void directory_group_set_origin(World *w, int iG, const char *zOriginId,
                                const char *zOriginTenantId);

/* Membership changes; return 1 if the membership changed, 0 if it was
** already so, -1 on allocation failure. Each is recorded with its instant
** (group_member_history) as well as in the end state (group_members). */
int directory_member_add(World *w, int iGroup, int64_t idUser);
int directory_member_remove(World *w, int iGroup, int64_t idUser);
int directory_is_member(const User *u, int iGroup);

/* Nested groups: group iMember becomes (or stops being) a direct member
** of group iGroup, in the same tenant. Membership does not pass through:
** the users of iMember do not become members of iGroup (User.aGroup stays
** direct), as Entra's "direct members" of a group are. The caller
** guarantees that iGroup is not iMember and that iMember does not already
** contain iGroup through nested groups (the scenario validator refuses
** such a cycle). Same returns as directory_member_add; recorded in
** group_group_members. */
int directory_group_member_add(World *w, int iGroup, int iMember);
int directory_group_member_remove(World *w, int iGroup, int iMember);
int directory_is_group_member(const World *w, int iGroup, int iMember);

/* The B2B user principal name CTS gives a target user for source UPN zUpn:
** "alias_domain#EXT#@targetdomain". Written into z[n]. */
void directory_external_upn(const char *zUpn, const char *zTargetDomain, char *z, size_t n);

#endif
