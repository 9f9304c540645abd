/*
** mto.h — the multitenant organization (Graph multiTenantOrganization):
** its tenants, each with its role and state (pending until it joins, then
** active), and the settings of the templates each tenant keeps for its
** partners in the organization (the identity-sync template and the
** partner-configuration template), in memory and in the store
** (mto_members, mto_templates).
**
** The templates' rule ("Multitenant organization templates"): when a
** tenant joins, the cross-tenant access settings of every active tenant
** for the newcomer, and the newcomer's for every active tenant, are
** generated when they do not exist yet (the partner is "new"; one that
** has settings already is "existing") and then amended by the template
** settings whose templateApplicationLevel names that kind of partner; a
** template property left null changes nothing. This module keeps the
** organization and answers which settings apply; admin_mto_join
** (engine/sync/admin.h) carries a join out through the administrators'
** path, so that the audit log and the policy history record it.
**
** Ownership: the World owns its organization (w->pMto, created by the
** first mto_member_add or mto_template_add, freed by mto_free from
** world_free). All writes
** happen at w->tNow in the caller's transaction.
*/
#ifndef TS_MTO_H
#define TS_MTO_H
#include "policy.h"
#include "world.h"

/* templateApplicationLevel flags. */
#define MTO_NEW_PARTNERS       0x1
#define MTO_EXISTING_PARTNERS  0x2

/* The default limit of active tenants, the owner included ("Maximum
** number of active tenants, including the owner tenant | 100"); a support
** request raises it. */
#define MTO_DEFAULT_TENANT_LIMIT 100

/* One Boolean setting of a tenant's template. */
typedef struct MtoSetting {
  int iTenant;             /* whose template it is */
  int bIdentitySync;       /* the identity-sync template, else the
                           ** partner-configuration template */
  PolicyField eField;      /* the partner setting it amends */
  int v;                   /* 0 or 1 */
  unsigned mLevel;         /* MTO_* flags: the partners it is applied to */
} MtoSetting;

/* The flags of Graph's templateApplicationLevel text ("newPartners,
** existingPartners", "none"); NULL is Graph's default, both. Unknown
** words are ignored (the scenario validator refuses them). */
unsigned mto_level(const char *zLevel);

/* Add tenant iTenant to the organization: bOwner its role (owner or
** member), bActive 1 for a member from the start, 0 for a pending one.
** Writes its mto_members row. 0, or -1 out of memory (w->bNoMem). */
int mto_member_add(World *w, int iTenant, int bOwner, int bActive);

/* Add one template setting (copied); zLevel is the template's
** templateApplicationLevel as written (NULL: the default) and zPath the
** setting's JSON path in the scenario, both for its mto_templates row.
** 0, or -1 out of memory. */
int mto_template_add(World *w, const MtoSetting *s, const char *zLevel, const char *zPath);

/* Is iTenant an active member now? A pending one? (0 without an
** organization.) */
int mto_is_active(const World *w, int iTenant);
int mto_is_pending(const World *w, int iTenant);

/* The pending tenant iTenant becomes active now (its joined_at). */
void mto_activate(World *w, int iTenant);

/* The template settings, in the order they were added; *pn their number
** (0 and NULL without an organization). */
const MtoSetting *mto_settings(const World *w, int *pn);

void mto_free(Mto *p);

#endif
