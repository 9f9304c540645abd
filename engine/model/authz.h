/*
** authz.h — a tenant's authorization objects: directory-role assignments
** (active, and PIM-eligible), Conditional Access policies (the user
** conditions and grant controls) and the application permissions of
** service principals, with the vocabularies they are written in.
**
** The vocabularies are Microsoft's: the built-in roles by display name and
** template id (the permissions reference, "Microsoft Entra built-in
** roles"), Graph's conditionalAccessGuestOrExternalUserTypes flags and
** builtInControls, and the Microsoft Graph application permissions whose
** app role ids an export names. The scenario validator and the importer
** read them here, so each is written once.
**
** The objects are facts about the directory that the provisioning engine
** never reads: they are written to the run database (tables
** role_assignments, ca_policies, app_permissions, engine/store/schema.c)
** for the lint rules. A role assignment carries the instant it was made,
** so a rule evaluated at an instant sees only those made by then.
**
** Ownership: the tables are static; the writers copy every string they
** are given into the store.
*/
#ifndef TS_AUTHZ_H
#define TS_AUTHZ_H
#include <stddef.h>
#include "world.h"

/* A built-in directory role. bPrivileged: Microsoft labels it PRIVILEGED. */
typedef struct AuthzRole {
  const char *zName;        /* "Global Administrator" */
  const char *zTemplateId;  /* "62e90394-69f5-4237-9190-012177145e10" */
  int bPrivileged;
} AuthzRole;

/* The role whose display name (in any case) or template id is z, or NULL. */
const AuthzRole *authz_role_find(const char *z);
/* The table of roles, *pn of them, in name order. */
const AuthzRole *authz_roles(int *pn);

/* Is z a GUID (8-4-4-4-12 hexadecimal digits)? */
int authz_is_guid(const char *z);

/* Graph's conditionalAccessGuestOrExternalUserTypes, as bits. */
#define AUTHZ_GUEST_NONE              0x01
#define AUTHZ_GUEST_INTERNAL          0x02   /* internalGuest */
#define AUTHZ_GUEST_B2B_GUEST         0x04   /* b2bCollaborationGuest */
#define AUTHZ_GUEST_B2B_MEMBER        0x08   /* b2bCollaborationMember: CTS's users */
#define AUTHZ_GUEST_DIRECT_CONNECT    0x10   /* b2bDirectConnectUser */
#define AUTHZ_GUEST_OTHER_EXTERNAL    0x20   /* otherExternalUser */
#define AUTHZ_GUEST_SERVICE_PROVIDER  0x40   /* serviceProvider */

/* The bit of flag name z (exact case), or 0. */
unsigned authz_guest_type_bit(const char *z);
/* The flag names, NULL-terminated, in Graph's order. */
const char *const *authz_guest_type_names(void);
/* Bits m as Graph writes the flags ("internalGuest,b2bCollaborationGuest"),
** into z[n]; returns z. */
char *authz_guest_types_format(unsigned m, char *z, size_t n);

/* The builtInControls of conditionalAccessGrantControls, NULL-terminated;
** whether z is one of them. */
const char *const *authz_control_names(void);
int authz_control_known(const char *z);

/* A Microsoft Graph application permission (an app role of the Microsoft
** Graph service principal). */
typedef struct AuthzPermission {
  const char *zValue;       /* "Policy.ReadWrite.CrossTenantAccess" */
  const char *zId;          /* its app role id */
} AuthzPermission;

/* The permission whose value is z (exact case), or whose app role id is
** z (any case); NULL when tenantsim does not list it. */
const AuthzPermission *authz_permission_find(const char *z);
/* The values of the listed permissions, NULL-terminated. */
const char *const *authz_permission_names(void);

/* ------------------------------------------------------------- writers */

/* One directory-role assignment. */
typedef struct AuthzAssignment {
  const char *zTemplateId;  /* the role's template id */
  const AuthzRole *pRole;   /* the built-in role, NULL when not listed */
  int bGroup;               /* the principal is a group (idx), else a user (id) */
  int64_t idPrincipal;
  int bEligible;            /* PIM eligibility, else an active assignment */
  const char *zScope;       /* directoryScopeId, "/" for the whole tenant */
  const char *zPath;        /* the JSON path of what made it, or NULL */
} AuthzAssignment;

/* Record assignment a in tenant iTenant at w->tNow; bAudit: an admin made
** it during the run, so the tenant's audit log gets RoleManagement's rows
** ("Add member to role", "Add scoped member to role", or PIM's "Add
** eligible member to role in PIM requested (permanent)" and "... completed
** (permanent)"). Errors latch in the store. */
void authz_assign_role(World *w, int iTenant, const AuthzAssignment *a, int bAudit);

/* One Conditional Access policy; the lists are comma-separated, users and
** groups by object id, roles by template id, tenants by tenant id (NULL:
** not given; zIncludeTenants "all" for membershipKind all). */
typedef struct AuthzCaPolicy {
  const char *zDisplayName, *zState;
  const char *zIncludeUsers, *zExcludeUsers, *zIncludeGroups, *zExcludeGroups;
  const char *zIncludeRoles, *zExcludeRoles;
  unsigned mIncludeGuests, mExcludeGuests;   /* AUTHZ_GUEST_*; 0: not given */
  const char *zIncludeTenants, *zExcludeTenants;
  const char *zGrantOperator, *zGrantControls;
  const char *zPath;
} AuthzCaPolicy;

/* Record policy p of tenant iTenant (its iOrd-th). */
void authz_add_ca_policy(World *w, int iTenant, int iOrd, const AuthzCaPolicy *p);

/* Record that service principal zName (appId zAppId, may be NULL) of
** tenant iTenant holds application permission zValue (zId: its app role
** id, NULL when not listed); zPath its JSON path. */
void authz_add_app_permission(World *w, int iTenant, const char *zName, const char *zAppId,
                              const char *zValue, const char *zId, const char *zPath);

#endif
