/*
** policy.h — cross-tenant access policies and the three policy gates.
**
** Each tenant has a default policy and may have one partner policy per
** other tenant. A partner field left unset (-1) inherits the default; an
** unset default is false (Graph: automaticUserConsentSettings and
** identitySynchronization default to false/absent). [entra-facts §9]
** A partner configuration exists from its declaration (or policy_add)
** until policy_remove; while none exists the partner reads the default.
*/
#ifndef TS_POLICY_H
#define TS_POLICY_H
#include "world.h"

/* One tri-state policy field: -1 not configured (inherit), 0 false, 1 true. */
struct Policy {
  int iTenant;
  int iPartner;            /* -1: the tenant's default policy */
  signed char inboundAutoRedeem, outboundAutoRedeem, userSyncInbound;
  signed char trustMfa, trustCompliant, trustHybrid, groupSyncInbound;
  signed char roleGroupSyncInbound, trustCompliantNetwork;
  unsigned char bSyncSetting;  /* partner: its identity sync setting (Graph's
                               ** identitySynchronization) exists, once
                               ** userSyncInbound, groupSyncInbound or
                               ** roleEnabledGroupSyncInbound is set */
  char zExtCloudAppId[TS_GUID_SIZE]; /* identity sync (beta, cross-cloud):
                               ** externalCloudAuthorizedApplicationId, "" unset */
};


/* Policy fields a scenario can set, by their Graph paths. */
typedef enum PolicyField {
  PF_INBOUND_AUTO_REDEEM,    /* automaticUserConsentSettings.inboundAllowed */
  PF_OUTBOUND_AUTO_REDEEM,   /* automaticUserConsentSettings.outboundAllowed */
  PF_USER_SYNC_INBOUND,      /* userSyncInbound.isSyncAllowed */
  PF_TRUST_MFA,              /* inboundTrust.isMfaAccepted */
  PF_TRUST_COMPLIANT,        /* inboundTrust.isCompliantDeviceAccepted */
  PF_TRUST_HYBRID,           /* inboundTrust.isHybridAzureADJoinedDeviceAccepted */
  PF_GROUP_SYNC_INBOUND,     /* groupSyncInbound.isSyncAllowed (beta) */
  PF_ROLE_GROUP_SYNC_INBOUND,/* roleEnabledGroupSyncInbound.isSyncAllowed (beta;
                             ** recorded for lint, the engine syncs no
                             ** role-assignable group) */
  PF_TRUST_COMPLIANT_NETWORK,/* inboundTrust.isCompliantNetworkAccepted (beta) */
  PF_COUNT
} PolicyField;

/* Field by its Graph path (exact case), or -1. */
int policy_field_find(const char *zPath);
const char *policy_field_name(PolicyField f);
/* Is f a setting of the partner's identity synchronization (Graph's
** crossTenantIdentitySyncPolicyPartner) rather than of its access policy? */
int policy_field_is_sync(PolicyField f);

/* The policy of tenant iTenant for partner iPartner (-1 = default),
** created unset if missing; NULL on allocation failure. */
Policy *policy_get(World *w, int iTenant, int iPartner);

/* Set the partner identity sync setting's externalCloudAuthorizedApplicationId
** (Graph beta, cross-cloud; "identifier of the authorized application in
** the external cloud"). tenantsim carries it (policies table, export) and
** reads nothing from it: Microsoft documents no behaviour. zId a GUID, or
** NULL to clear it. */
void policy_set_ext_cloud_app(World *w, int iTenant, int iPartner, const char *zId);

/* The policy of iTenant for iPartner (-1 = default) if it exists, else
** NULL (a partner without a configuration reads the default). */
Policy *policy_find(World *w, int iTenant, int iPartner);

/* Add iTenant's configuration for partner iPartner, every field inherited,
** and write its row and its history row; NULL on allocation failure. */
Policy *policy_add(World *w, int iTenant, int iPartner);

/* Delete iTenant's configuration for partner iPartner (with its identity
** sync setting): the partner reads the default policy from now on, and the
** history says so with a row whose every field is inherited. Returns 1 if
** it had an identity sync setting, 0 if not, -1 if there was none at all. */
int policy_remove(World *w, int iTenant, int iPartner);

/* Set a field (v: -1 unset, 0, 1) and write the policy row. */
void policy_set(World *w, int iTenant, int iPartner, PolicyField f, int v);

/* Effective value of a field of iTenant's policy towards iPartner. */
int policy_effective(World *w, int iTenant, int iPartner, PolicyField f);

/* The cloud bit of a cloud name ("commercial", "usgov", "china"), or 0. */
unsigned policy_cloud_bit(const char *zCloud);

/* Is synchronization from cloud zSource to cloud zTarget supported? 1 yes
** (same cloud, or one of the documented cross-cloud pairs), 0 no. */
int policy_cloud_pair_ok(const char *zSource, const char *zTarget);

/* One setting that makes a job's checks fail: the tenant that must change
** it, the partner tenant a cross-tenant access setting is about (-1 for a
** tenant-wide or configuration setting) and the setting's name: a policy
** field's Graph path, or "crossCloud" (the job's configuration),
** "cloudSettings" or "crossCloudSync" (tenant settings). */
typedef struct GateSetting {
  int iTenant;
  int iPartner;
  const char *zSetting;    /* static */
} GateSetting;

/* The outcome of a job's connection test and policy check. zCode and
** zMessage (static strings) are the documented error of the first check
** that fails, NULL when all pass; aSetting lists every failing setting of
** every check in the service's order, so that fixing them all makes the
** checks pass. */
typedef struct GateResult {
  const char *zCode;
  const char *zMessage;
  GateSetting aSetting[6];
  int nSetting;
} GateResult;

/* The connection test of the job from iSource to iTarget (bCrossCloud: its
** configuration is set up across clouds): for a cross-cloud job, the configuration
** must be marked cross-cloud (else ExternalTenantNotFound), the source must
** have the target's cloud enabled (ExternalTenantNotFound) and the target
** must have the source's cloud enabled and cross-cloud synchronization on
** (else AzureActiveDirectoryTokenExpired); then the three policy gates:
** target inbound sync allowed, target inbound auto-redemption, source
** outbound auto-redemption (AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure
** with the target-side or the source-side message). Returns 0 when all
** pass; otherwise 1. *pRes is filled either way. */
int policy_gate_check(World *w, int iSource, int iTarget, int bCrossCloud, GateResult *pRes);

/* Does a change of policy field f of tenant iTenant towards iPartner (-1:
** its default policy) bear on the checks, or the group sync (bGroupSync),
** of the job from iSource to iTarget? */
int policy_field_concerns(World *w, int iSource, int iTarget, int bGroupSync,
                          int iTenant, int iPartner, PolicyField f);

#endif
