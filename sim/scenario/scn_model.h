/*
** scn_model.h — the typed scenario model: what scenario_parse() makes of
** a valid scenario, and all that the runner reads of it.
**
** Validation is the parse: each check in sim/scenario/ fills the part of
** the model it has just checked, so a value is read from the JSON in one
** place only. The model is filled only as far as the scenario is valid;
** a Scenario is handed out only when every check passed, so the runner
** reads it without checking again.
**
** References stay as keys (user and group keys are resolved against the
** world when an object is created, because hires add users as the run
** goes); tenants and jobs, which exist from t=0, also carry their index
** (the order of "tenants" and "jobs", which is the world's order).
**
** Ownership: every array below is allocated from the Scenario's arena and
** every string points into its parsed JSON (pRoot) or is static; all of it
** lives exactly as long as the Scenario (scenario_free).
*/
#ifndef TS_SCN_MODEL_H
#define TS_SCN_MODEL_H
#include <stdint.h>
#include "simtime.h"
#include "faults.h"
#include "mapping.h"
#include "policy.h"
#include "scope.h"
#include "authz.h"
#include "mto.h"

/* A list of user or group keys. */
typedef struct ScnKeys {
  const char **az;
  int n;
} ScnKeys;

/* One value of a population's weighted choice. */
typedef struct ScnChoice {
  const char *zValue;
  double rWeight;          /* > 0 */
} ScnChoice;

/* An attribute given a value: by a user object, a population template, a
** "set" or a sample's "where". */
typedef struct ScnAttr {
  const char *zName;       /* catalog or directory-extension attribute */
  int iAttr;               /* its catalog index (attr.h), -1: an extension */
  const char *zValue;      /* text, ATTR_TRUE / ATTR_FALSE, or NULL for null */
  ScnChoice *aChoice;      /* a population's weighted choice (zValue unused) */
  int nChoice;
} ScnAttr;

typedef enum ScnInvitation { SCN_INV_NONE, SCN_INV_PENDING, SCN_INV_ACCEPTED } ScnInvitation;

/* An explicit user: of a tenant's "users", or hired by the timeline. */
typedef struct ScnUser {
  const char *zKey;
  ScnAttr *aAttr;          /* catalog attributes but manager, then extensions,
                           ** each in document order as given */
  int nAttr;
  int bManager;            /* "manager" is given (zManager NULL: null) */
  const char *zManager;    /* the manager's user key */
  int iHomeTenant;         /* a B2B user's home tenant, or -1 */
  const char *zHomeUser;   /* ... and the key of the home user there */
  ScnInvitation eInvitation;
  ScnKeys groups;          /* groups of the tenant it is a member of */
  int bMfaGiven, bMfa;     /* "mfaRegistered" is given, and its value */
} ScnUser;

/* A generated population. */
typedef struct ScnPopulation {
  int64_t nCount;
  const char *zKeyPrefix;
  double rDisabled;        /* share of disabled accounts, 0..1 */
  ScnAttr *aAttr;          /* the "attributes" template, document order */
  int nAttr;
  ScnKeys groups;
} ScnPopulation;

/* The settings a tenant entry and a set_tenant action share; each is
** applied only when given. */
typedef struct ScnSettings {
  int bCloudSettings;      /* "cloudSettings" given: mCloudSettings */
  unsigned mCloudSettings; /* policy_cloud_bit() bits */
  int bCrossCloudSync;     /* -1 not given, else 0/1 */
  int eGuestInvites;       /* -1 not given, 0 "allowed", 1 "mostRestrictive" */
  int64_t nObjectQuota;    /* -1 not given */
  int bAllowLeave;         /* "allowExternalIdentitiesToLeave": -1 not given */
} ScnSettings;

typedef struct ScnGroup {
  const char *zKey;
  const char *zDisplayName;  /* or NULL */
  const char *zType;         /* or NULL (Security) */
  ScnKeys owners;            /* "owners": user keys of the tenant */
  int bRestricted;           /* "restrictedManagementUnit": in a restricted
                             ** management unit (isMemberManagementRestricted) */
  const char *zRule;         /* "membershipRule": a dynamic group's rule, or NULL */
  int bRulePaused;           /* "membershipRuleProcessingState": "Paused" */
  ScnKeys memberGroups;      /* "memberGroups": groups of the tenant nested
                             ** in this one (never a cycle, none when dynamic) */
} ScnGroup;

/* The Microsoft Entra diagnostic-setting log categories a tenant sends to
** its SIEM (scn_tenants.c names them); a detection sees only those. */
#define SCN_LOG_AUDIT        0x01   /* AuditLogs */
#define SCN_LOG_SIGNIN       0x02   /* SignInLogs */
#define SCN_LOG_PROVISIONING 0x04   /* ProvisioningLogs */
#define SCN_LOG_GRAPH        0x08   /* MicrosoftGraphActivityLogs */
#define SCN_LOG_ALL          0x0f

/* A directory-role assignment: a tenant's roleAssignments[] entry, or
** what an assign_role action gives (scn_authz.c). */
typedef struct ScnRoleAssign {
  const char *zTemplateId; /* the role's template id */
  const AuthzRole *pRole;  /* the built-in role, NULL when not listed */
  const char *zPrincipal;  /* a user or group key (NULL in assign_role) */
  int bGroup;              /* the principal is a group */
  int bEligible;           /* "assignment": "eligible" (PIM), else active */
  const char *zScope;      /* "directoryScopeId", "/" when not given */
} ScnRoleAssign;

/* includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers. */
typedef struct ScnGuests {
  unsigned mTypes;         /* AUTHZ_GUEST_* bits; 0: not given */
  int eTenants;            /* externalTenants: 0 not given, 1 all, 2 enumerated */
  ScnKeys tenants;         /* enumerated: tenant keys or tenant ids */
} ScnGuests;

/* A Conditional Access policy's user conditions and grant controls. */
typedef struct ScnCaPolicy {
  const char *zDisplayName, *zState;
  ScnKeys aList[6];        /* include/exclude Users, Groups, Roles (SCN_CA_*) */
  ScnGuests include, exclude;
  const char *zOperator;   /* grantControls.operator, or NULL */
  ScnKeys controls;        /* grantControls.builtInControls */
} ScnCaPolicy;
enum { SCN_CA_INCLUDE_USERS, SCN_CA_EXCLUDE_USERS, SCN_CA_INCLUDE_GROUPS,
       SCN_CA_EXCLUDE_GROUPS, SCN_CA_INCLUDE_ROLES, SCN_CA_EXCLUDE_ROLES };

/* A service principal and its application permissions (by value). */
typedef struct ScnServicePrincipal {
  const char *zDisplayName, *zAppId;
  ScnKeys permissions;
} ScnServicePrincipal;

typedef struct ScnTenant {
  const char *zKey;
  const char *zTenantId;   /* or NULL: derived */
  const char *zDomain;
  const char *zCloud;      /* or NULL: commercial */
  unsigned mLicences;      /* LIC_* bits (P1 when not given) */
  unsigned mLogExport;     /* SCN_LOG_* bits ("logExport"; all when not given) */
  ScnKeys domains;         /* "verifiedDomains" besides domain and the
                           ** internal users' UPN domains (directory.h) */
  ScnSettings settings;
  ScnGroup *aGroup; int nGroup;
  ScnUser *aUser; int nUser;           /* document order */
  ScnPopulation *aPop; int nPop;
  ScnRoleAssign *aRole; int nRole;     /* "roleAssignments" */
  ScnCaPolicy *aCa; int nCa;           /* "conditionalAccessPolicies" */
  ScnServicePrincipal *aSp; int nSp;   /* "servicePrincipals" */
} ScnTenant;

/* One policies[] entry: the fields it gives, in PolicyField order. */
typedef struct ScnPolicy {
  int iTenant;
  int iPartner;            /* -1: the tenant's default policy */
  int nField;
  struct { PolicyField eField; int v; } aField[PF_COUNT];   /* v: 1, 0, -1 null */
  const char *zExtCloudAppId;  /* "externalCloudAuthorizedApplicationId", or NULL */
} ScnPolicy;

/* One entry of a mapping's "attributes". */
typedef struct ScnMapEntry {
  const char *zTarget;
  MapType eType;
  FlowType eFlow;
  const char *zSource;     /* MAP_DIRECT */
  const char *zConst;      /* MAP_CONSTANT */
  const char *zExpr;       /* MAP_EXPRESSION */
  const char *zDefault;    /* or NULL */
} ScnMapEntry;

/* A "mapping" object: entries over the default, or instead of it. */
typedef struct ScnMapping {
  int bReplace;
  unsigned mActions;       /* OBJ_ACT_* bits of targetObjectActions */
  ScnMapEntry *aEntry; int nEntry;
} ScnMapping;

typedef struct ScnClause {
  const char *zAttr;
  ScopeOp eOp;
  const char *zValue;      /* NULL for a unary operator */
} ScnClause;

/* One scoping-filter group: its clauses are ANDed. */
typedef struct ScnFilter {
  const char *zTitle;      /* or NULL */
  ScnClause *aClause; int nClause;
} ScnFilter;

typedef struct ScnFilters {
  ScnFilter *a; int n;
} ScnFilters;

/* A job's or a set_secrets' "notifications" (SyncNotificationSettings
** Enabled and Recipients): each part applied only when given. */
typedef struct ScnNotify {
  int bEnabled;            /* -1 not given, else 0/1 */
  const char *zRecipients; /* NULL: not given; "" none */
} ScnNotify;

typedef struct ScnJob {
  const char *zKey;
  int iSource, iTarget;
  int bSyncAll;            /* scope "all" */
  int bCrossCloud, bGroupSync;
  int64_t nDeleteThreshold;  /* -1: the default */
  int bSkipOos;            /* "skipOutOfScopeDeletions" */
  ScnNotify notify;        /* "notifications" (not given: off, no address) */
  ScnMapping *pMapping;    /* NULL: the default mapping */
  ScnFilters filters;
  ScnKeys assignUsers, assignGroups;
  int bStart;              /* false: not started by the scenario */
  SimTime tStart;
  int bStartGiven;         /* "start" gives an instant */
  int bCreated;            /* false ("created": false): the configuration
                           ** exists only from the timeline's create_job */
} ScnJob;

typedef struct ScnFault {
  int iTenant;
  FaultKind eKind;
  SimTime tFrom, tUntil;
  double rRate;            /* transient failure rate; 1 otherwise */
  double rFactor;          /* throttling slow-down; 1 otherwise */
  const char *zErrorCode;  /* NULL for throttling */
} ScnFault;

/* A detection: a predicate over the audit, provisioning or sign-in log
** that a SIEM receiving the tenants' exported logs would evaluate
** (reports/report_detect.c). NULL strings match anything. */
typedef struct ScnDetect {
  const char *zId;
  const char *zName;       /* or NULL */
  const char *zLog;        /* audit | provisioning | signin (static) */
  int iTenant;             /* audit, signin: whose log, -1 any tenant */
  int iJob;                /* provisioning: which job's, -1 any */
  const char *zCategory, *zActivity, *zActor, *zTarget;   /* audit, exact */
  const char *zAction, *zStatus;                          /* provisioning, exact */
  int iHomeTenant;         /* signin: the user's home tenant, -1 any */
  const char *zAccessType, *zResult;                      /* signin, exact */
  const char *zContains;   /* in the entry's details, any case */
  int64_t nCount;          /* entries needed (>= 1) ... */
  SimTime tWithin;         /* ... within this window, -1: any time */
  SimTime tAfter;          /* entries before this instant do not count */
} ScnDetect;

/* The multitenant organization ("multiTenantOrganization"). */
typedef struct ScnMtoMember {
  int iTenant;
  int bOwner;              /* role owner (else member) */
  int bPending;            /* state pending: it joins with an mto_join */
} ScnMtoMember;

/* One Boolean setting a tenant's template gives (MtoSetting's fields). */
typedef struct ScnMtoSetting {
  int iTenant;
  int bIdentitySync;       /* identitySync, else partnerConfiguration */
  PolicyField eField;
  int v;
  const char *zLevel;      /* templateApplicationLevel as written, or NULL */
  unsigned mLevel;         /* its MTO_* flags (mto.h) */
  const char *zPath;       /* "$.multiTenantOrganization.templates[0]...." */
} ScnMtoSetting;

typedef struct ScnMto {
  int nTenantLimit;        /* "tenantLimit": active tenants allowed (100) */
  int bM365;               /* "createdWith": "m365AdminCenter" (else graph) */
  ScnMtoMember *aMember; int nMember;
  ScnMtoSetting *aSetting; int nSetting;   /* in the order given */
} ScnMto;

/* A selection of users: by key, or a seeded sample. */
typedef struct ScnSelect {
  int bUsers;              /* "users" is given */
  ScnKeys users;
  int bSample;             /* "sample" is given */
  int64_t nCount;
  const char *zGroup;      /* sample members of this group only, or NULL */
  ScnAttr *aWhere; int nWhere;   /* and with these attribute values */
  const char *zMembersOf;  /* "membersOf": every member of this group, or NULL */
  int iUsersOf;            /* "usersOf": the users timeline entry N selected
                           ** (its position in the timeline array), or -1 */
} ScnSelect;

#endif
