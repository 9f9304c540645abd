/*
** access.h — what a synced account's sign-in into its resource tenant gets
** past: the MFA methods users have registered in their home tenant, and a
** minimal access evaluation in the resource tenant.
**
** MFA registration. A user either has an authentication method registered
** for MFA in its home tenant or not. The state is a row of the run
** database (table mfa_registrations) per declaration ("mfaRegistered" of a
** user object) and per register_mfa action; a user without a row has one
** (tenantsim's default, README "Where tenantsim had to choose"). A
** registration by the user or by an admin is audited in the user's tenant
** as UserManagement "User registered security info" / "Admin registered
** security info" (Microsoft's audit activity reference, Authentication
** Methods).
**
** Access evaluation. The account is the home user's B2B user in the
** resource tenant (found by its alternativeSecurityIds, so it does not
** matter which job made it). Before Conditional Access the home account
** must be live and enabled (else 50034 UserAccountNotFound, 50057
** UserDisabled), and so must the account (50020 UserUnauthorized, 50057).
** Then every Conditional Access policy of the resource tenant (table
** ca_policies, in order) is read:
**   - disabled: result notEnabled, nothing evaluated;
**   - its user conditions: included by includeUsers (All;
**     GuestsOrExternalUsers, which every B2B account is; the account's own
**     object id), includeGroups (a group the account is a direct member
**     of), includeRoles (a role it holds actively, directly or through a
**     group) or includeGuestsOrExternalUsers (the account's type —
**     b2bCollaborationMember for userType Member, b2bCollaborationGuest
**     otherwise — among guestOrExternalUserTypes, and its home tenant's id
**     among externalTenants, or externalTenants all or not given); not
**     excluded by the exclude* twins. Other conditions (applications,
**     platforms, locations, risk) are not modelled: every policy is taken
**     to cover the application signed in to;
**   - its grant controls, operator AND (all) or OR (any; the default); no
**     control: satisfied. mfa is satisfied only when the resource tenant's
**     inbound trust for the home tenant (its partner configuration, else
**     its default policy: policy_effective) accepts MFA claims and the home
**     user has a method registered; compliantDevice and domainJoinedDevice
**     only when inbound trust accepts that device claim and the sign-in
**     presents it. MFA or a device state established in the resource
**     tenant itself is not modelled: without the trusted claim the control
**     fails. block never passes; approvedApplication, compliantApplication
**     and passwordChange are not modelled and never pass.
** A policy in state enabledForReportingButNotEnforced is evaluated the same
** way and recorded with Graph's reportOnly* results, but decides nothing.
** The sign-in fails if an enforced policy that applies is not satisfied:
** with 53003 (block), else 53000/53001/53002 (a device or app control),
** else the MFA interrupt (50076 when the claim is not trusted, 50079 when
** the home user has no method) — the strongest over all policies, the
** first in policy order on a tie.
**
** The row (table sign_ins) is shaped after Graph's signIn resource; which
** of its values are assumed is in README ("The sign-in log").
**
** Ownership: an AccessSignIn owns its policies' display names and the
** array; access_sign_in_free releases both. Writers copy what they bind.
*/
#ifndef TS_ACCESS_H
#define TS_ACCESS_H
#include "tslimits.h"
#include "strbuf.h"
#include "world.h"

/* Who registers a method: the scenario's declaration (no audit row), the
** user (self-service), or an administrator for the user. */
typedef enum AccessBy { ACCESS_BY_DECLARED, ACCESS_BY_USER, ACCESS_BY_ADMIN } AccessBy;

/* The authentication methods a user can register for MFA, as Graph's
** authenticationMethod types name them (microsoftAuthenticator, phone,
** fido2, ...), NULL-terminated; whether z is one. */
const char *const *access_method_names(void);
int access_method_known(const char *z);

/* Record at w->tNow that user idUser has (bRegistered 1) or has no
** method; zMethod names it (NULL: not said). A registration by the user
** or an admin is audited in the user's tenant. Errors latch in the store. */
void access_set_mfa(World *w, int64_t idUser, int bRegistered, AccessBy eBy, const char *zMethod);
/* Whether user idUser has a method registered now: its last row, or 1. */
int access_mfa_registered(World *w, int64_t idUser);

/* The device claims a sign-in presents (the home tenant's device state). */
#define ACCESS_DEVICE_COMPLIANT 0x1   /* compliant (deviceDetail.isCompliant) */
#define ACCESS_DEVICE_HYBRID    0x2   /* Microsoft Entra hybrid joined */

/* One Conditional Access policy of the resource tenant as it bore on a
** sign-in (an appliedConditionalAccessPolicy). */
typedef struct AccessPolicy {
  char zId[TS_GUID_SIZE];  /* derived from the tenant id and the ordinal */
  char *zDisplayName;
  const char *zResult;     /* Graph's appliedConditionalAccessPolicyResult */
  int bEnforced;           /* state enabled */
  int bReportOnly;         /* state enabledForReportingButNotEnforced */
  int bApplies;            /* its user conditions include the account */
  int bSatisfied;          /* it applies and its grant controls pass */
  int bNeedsMfa;           /* it applies and MFA is what it asks for */
  int nError;              /* the sign-in error it gives when not satisfied */
  char zControls[200];     /* enforcedGrantControls, as JSON array items */
  char zWhy[TS_REASON_MAX];/* what it found, in words */
} AccessPolicy;

/* A sign-in of the home user idHome into tenant iResource, evaluated. */
typedef struct AccessSignIn {
  int iResource, iHome;
  int64_t idHome;
  int64_t idAccount;       /* its live account in iResource, 0: none */
  unsigned mDevice;        /* ACCESS_DEVICE_* claims presented */
  const char *zUserType;   /* member | guest (NULL without an account) */
  int nError;              /* 0 on success, else the AADSTS code */
  const char *zErrorName;  /* its name (UserDisabled ...), NULL on success */
  const char *zFailureReason;   /* its documented description */
  const char *zResult;     /* success | failure | interrupted */
  const char *zCaStatus;   /* conditionalAccessStatus */
  const char *zRequirement;/* authenticationRequirement */
  const char *zAdditional; /* status.additionalDetails, or NULL */
  const char *zPreCa;      /* why Conditional Access was not reached, or NULL */
  AccessPolicy *aPolicy;   /* the tenant's policies, in order */
  int nPolicy, nPolicyAlloc;
} AccessSignIn;

/* Evaluate a sign-in of home user idHome (of tenant iHome) into tenant
** iResource at w->tNow, presenting device claims mDevice, into *p (which
** the caller frees with access_sign_in_free, whatever the outcome).
** Returns 0, or TS_NOMEM with w->bNoMem set. */
int access_evaluate(World *w, int iResource, int iHome, int64_t idHome, unsigned mDevice,
                    AccessSignIn *p);
void access_sign_in_free(AccessSignIn *p);

/* What s found, in words ("success; Require MFA for guests: MFA satisfied
** by contoso's claim (inbound trust)"): the policies that apply, the
** report-only ones too when bReportOnly; appended to *pOut. */
void access_describe(World *w, const AccessSignIn *s, int bReportOnly, StrBuf *pOut);

/* Evaluate the sign-in (as access_evaluate) and write its row into the
** resource tenant's sign-in log (its detail: access_describe with the
** report-only policies); a line without them into zSummary[n].
** Returns 1 when it succeeded, 0 when it did not, -1 when memory ran out
** (w->bNoMem set). */
int access_sign_in(World *w, int iResource, int iHome, int64_t idHome, unsigned mDevice,
                   char *zSummary, size_t n);

#endif
