/*
** lint.c — the lint rules (lint.h), recording a finding (lintInt.h), and
** the rules about policies, jobs and log export; lint_run.c evaluates
** them. Policy rules walk the trust graph at the instant; job rules query
** the job's settings in force then (job_history). Each finding's JSON path is found in the
** scenario the run stored (run_info 'scenario_json'): the timeline action
** that last set the value before the instant, else the declaration.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "tslimits.h"
#include "reportInt.h"
#include "trust.h"
#include "lint.h"
#include "lintInt.h"


static const LintRule aRule[] = {
  { "XTS-G01", "risky-app-perms", LINT_HIGH,
    "an application holding Policy.ReadWrite.CrossTenantAccess or Synchronization.ReadWrite.All"
    " can add a partner, allow inbound sync or rescope a job with no signed-in user and no MFA",
    "remove the application permission, or grant it only to an application whose credentials"
    " and owners are governed like a Global Administrator's",
    "https://github.com/cisagov/ScubaGear/blob/main/PowerShell/ScubaGear/schemas/RiskyAppPermissions.json" },
  { "XTS-G02", "standing-cts-admins", LINT_MEDIUM,
    "every standing holder of a role that can change cross-tenant sync is an account whose"
    " compromise adds a partner or pushes accounts at once, without an activation to notice",
    "make these role assignments eligible in Privileged Identity Management and keep the"
    " standing ones to emergency access accounts",
    "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/best-practices" },
  { "XTS-G03", "blind-control-plane", LINT_MEDIUM,
    "no SIEM receives this tenant's audit or provisioning log, so a partner added, a scope"
    " changed or a mass delete goes unseen",
    "export AuditLogs and ProvisioningLogs (the tenant's logExport) and alert on partner,"
    " identity-sync and provisioning-configuration changes",
    "https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-integrate-activity-logs-with-azure-monitor-logs" },
  { "XTS-S01", "sync-all-scope", LINT_HIGH,
    "with \"Sync all users and groups\" any member of the source, new or changed, is pushed"
    " into the target",
    "set the job's scope to \"Sync only assigned users and groups\" and assign a group",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-configure" },
  { "XTS-S02", "scope-group-unprotected", LINT_HIGH,
    "whoever can add members to a group assigned to the job decides who is pushed into"
    " the target: with no restricted management unit that is every Groups Administrator,"
    " User Administrator and owner",
    "put the scope groups in a restricted management unit and keep their owners few",
    "https://learn.microsoft.com/en-us/entra/architecture/multi-tenant-common-considerations" },
  { "XTS-S03", "scope-by-writable-attr", LINT_MEDIUM,
    "a scoping filter on a user attribute hands the job's scope to whoever writes that"
    " attribute: an attacker who can edit a user brings it in scope (or takes it out, which"
    " deprovisions it)",
    "scope by assigned groups kept in a restricted management unit, or filter only on"
    " attributes a protected process alone writes",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/how-provisioning-works" },
  { "XTS-S04", "privileged-in-scope", LINT_HIGH,
    "a privileged account of the source becomes an account in the target too: one compromise"
    " then spans both tenants",
    "take directory-role holders and emergency access accounts out of the job's scope",
    "https://learn.microsoft.com/en-us/entra/architecture/multi-tenant-common-considerations" },
  { "XTS-S05", "deletion-guard-off", LINT_MEDIUM,
    "a scope mistake or an attacker's filter can soft-delete every synced account at once",
    "turn accidental-deletion prevention on with a threshold below the number of users the"
    " job carries",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/accidental-deletions" },
  { "XTS-S06", "no-quarantine-email", LINT_LOW,
    "with the notification e-mail off or sent to no one, a quarantine or an accidental-deletion"
    " trip tells nobody: the job stops deprovisioning until someone happens to look",
    "turn on \"Send an email notification when a failure occurs\" with a monitored address,"
    " and alert on the Quarantine audit activity in a SIEM",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-quarantine-status" },
  { "XTS-S07", "no-delete-action", LINT_HIGH,
    "leavers are never soft-deleted in the target: their accounts stay there as orphaned"
    " external members",
    "enable the Delete target object action",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/skip-out-of-scope-deletions" },
  { "XTS-S08", "attribute-drives-target-access", LINT_HIGH,
    "a target dynamic group that reads an attribute the job writes takes its members from the"
    " source: whoever sets that attribute there (an HR feed, a User Administrator, an"
    " attacker) puts users in the group, and gets what the group grants",
    "key the target group on an attribute the job does not write (or make it an assigned"
    " group), or stop mapping the attribute",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-governance" },
  { "XTS-S09", "data-exposure", LINT_LOW,
    "the users a job shows in a target's address list are listed to everyone in that"
    " organization: across an organization boundary that is data the overview's GDPR note"
    " asks to minimize",
    "map showInAddressList to False (or leave it out) for partners outside the multitenant"
    " organization",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-S10", "stuck-job", LINT_MEDIUM,
    "a job quarantined for days or disabled no longer deprovisions anyone: leavers keep"
    " their access in the target",
    "fix the cause the quarantine names and restart the job",
    "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/application-provisioning-quarantine-status" },
  { "XTS-S12", "cross-cloud-surface", LINT_LOW,
    "a Microsoft cloud enabled with no partner there, or cross-cloud synchronization enabled"
    " with no job using it, is a door nobody uses: whoever adds a partner or a job later"
    " finds it open",
    "remove the cloud from the Microsoft cloud settings (allowedCloudEndpoints), or switch"
    " cross-cloud synchronization off, until a partner in that cloud needs it",
    "https://learn.microsoft.com/en-us/entra/external-id/cross-cloud-settings" },
  { "XTS-T01", "dangling-inbound-sync", LINT_HIGH,
    "inbound user sync that no job uses lets whoever administers sync in the partner push"
    " accounts in at any time: the end state of a CTS backdoor",
    "set userSyncInbound.isSyncAllowed to false for this partner (and in the default policy)",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-configure-target" },
  { "XTS-T02", "cross-org-sync", LINT_MEDIUM,
    "inbound sync from a tenant outside the multitenant organization gives an outside"
    " organization's administrators a say over accounts in this one",
    "sync only with members of the organization, or record why this partner is trusted"
    " (lint.ignore with its reason)",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-T03", "default-trusts-all", LINT_HIGH,
    "the default policy accepts MFA or device claims from every external tenant, however"
    " weak its own controls",
    "trust claims only in the partner policies of tenants you have assessed",
    "https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-settings-b2b-collaboration" },
  { "XTS-T04", "sync-plus-mfa-trust", LINT_HIGH,
    "a compromise of the partner satisfies this tenant's Conditional Access MFA or device"
    " requirements for every account it syncs in",
    "accept the partner's MFA or device claims only where the partner's controls are"
    " assessed, and require MFA registered in this tenant for synced users otherwise",
    "https://learn.microsoft.com/en-us/entra/external-id/cross-tenant-access-overview" },
  { "XTS-T05", "group-sync-into-privilege", LINT_HIGH,
    "the members of a group cross-tenant sync created are whoever the partner puts in its source"
    " group: a role given to the group is the partner's to hand out",
    "remove the role from the synced group and give it to a group of this tenant whose"
    " membership this tenant controls",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-T06", "role-enabled-group-sync", LINT_CRITICAL,
    "role-enabled group sync lets groups the partner controls arrive as groups that can hold"
    " directory roles; Microsoft documents neither its behaviour nor a need for it",
    "set roleEnabledGroupSyncInbound.isSyncAllowed to false (or null) for the partner and in"
    " the default policy",
    "https://learn.microsoft.com/en-us/graph/api/resources/crosstenantidentitysyncpolicypartner" },
  { "XTS-T07", "synced-member-privileged", LINT_CRITICAL,
    "an account the partner tenant controls holds a directory role here: whoever compromises"
    " or administers the partner acts as this tenant's administrator",
    "remove the role assignment (active or eligible) from the synced account; give the person"
    " a role on an account of this tenant instead",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-T08", "guest-only-controls", LINT_HIGH,
    "cross-tenant sync creates external members (b2bCollaborationMember), so a policy keyed on"
    " guest types does not apply to them",
    "add b2bCollaborationMember to the policy's guestOrExternalUserTypes, or include All users",
    "https://learn.microsoft.com/en-us/graph/api/resources/conditionalaccessguestsorexternalusers" },
  { "XTS-T09", "usertype-always-member", LINT_MEDIUM,
    "a userType mapping set to Member with flow Always promotes every matched guest to"
    " member at its next update",
    "set the userType mapping's flowType to ObjectAddOnly (apply on creation only)",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-T10", "target-fights-sync", LINT_MEDIUM,
    "a target process that edits, disables or removes the accounts a job manages is undone"
    " by the job: the source stays the authority, and each side's work is lost",
    "change the account in the source (or take it out of the job's scope), and keep access"
    " reviews and lifecycle workflows in the target away from synced accounts",
    "https://learn.microsoft.com/en-us/entra/identity/multi-tenant-organizations/cross-tenant-synchronization-overview" },
  { "XTS-T11", "mto-template-autotrust", LINT_MEDIUM,
    "a template applied to new partners trusts every tenant that joins the multitenant"
    " organization, before anyone has assessed it",
    "set the template's templateApplicationLevel to none or existingPartners, or leave the"
    " setting null, and configure each new partner after review",
    "https://learn.microsoft.com/en-us/graph/api/resources/multitenantorganizationpartnerconfigurationtemplate" },
  { "XTS-T12", "stale-partner", LINT_LOW,
    "an inbound sync relationship nobody uses is still a door: whoever administers sync in"
    " the partner can push accounts through it",
    "switch the partner's inbound user sync off (and delete its job) once the relationship"
    " has ended; review the cross-tenant access activity regularly",
    "https://learn.microsoft.com/en-us/entra/architecture/multi-tenant-common-considerations" },
  { "XTS-T13", "restorable-sync-policy", LINT_INFO,
    "a deleted identity-sync policy can be restored for 30 days: the partner's sync is not"
    " gone for good until then",
    "delete the policy from policies/deletedItems/crossTenantSyncPolicyPartners as well when"
    " the removal must be final",
    "https://learn.microsoft.com/en-us/graph/api/resources/policydeletableitem?view=graph-rest-beta" },
};
#define N_RULE ((int)(sizeof(aRule)/sizeof(aRule[0])))

static const char *const azSeverity[] = { "info", "low", "medium", "high", "critical" };

const LintRule *lint_rules(int *pn){
  *pn = N_RULE;
  return aRule;
}

const LintRule *lint_rule_find(const char *zId){
  int i;
  for(i=0; zId && i<N_RULE; i++){
    if( strcasecmp(aRule[i].zId, zId)==0 ) return &aRule[i];
  }
  return NULL;
}

const char *lint_severity_name(LintSeverity e){
  return (unsigned)e < 5 ? azSeverity[e] : "?";
}

int lint_severity_parse(const char *z, LintSeverity *pe){
  int i;
  for(i=0; z && i<5; i++){
    if( strcasecmp(z, azSeverity[i])==0 ){ *pe = (LintSeverity)i; return 0; }
  }
  return -1;
}

int lint_count_at_least(const LintResult *r, LintSeverity e){
  int i, n = 0;
  for(i=0; i<r->nFinding; i++){
    n += r->aFinding[i].eSeverity >= e && r->aFinding[i].zSuppressed==NULL;
  }
  return n;
}

int lint_count_suppressed(const LintResult *r){
  int i, n = 0;
  for(i=0; i<r->nFinding; i++) n += r->aFinding[i].zSuppressed!=NULL;
  return n;
}

/* ---------------------------------------------------------------- state */


static int rule_wanted(const Linter *L, const LintRule *p){
  int i;
  if( L->nRule==0 ) return 1;
  for(i=0; i<L->nRule; i++) if( strcasecmp(L->azRule[i], p->zId)==0 ) return 1;
  return 0;
}

SimTime lint_entry_at(const Linter *L, const cJSON *p){
  const char *zAt = lint_jstr(p, "at");
  SimTime t;
  if( zAt==NULL ) return -1;
  if( simtime_parse_duration(zAt, &t, NULL, 0)==0 ) return t;
  if( simtime_parse_instant(zAt, &t, NULL, 0)==0 ) return t - L->r->tStartEpoch;
  return -1;
}

int lint_setting_int(const cJSON *pScn, const char *zName, int iDefault){
  const cJSON *p = pScn ? cJSON_GetObjectItemCaseSensitive(pScn, "lint") : NULL;
  const cJSON *n = p ? cJSON_GetObjectItemCaseSensitive(p, zName) : NULL;
  return cJSON_IsNumber(n) ? n->valueint : iDefault;
}

const char *lint_dup(Linter *L, const char *z){
  size_t n;
  char *zCopy;
  if( z==NULL ) return NULL;
  n = strlen(z);
  zCopy = arena_alloc(&L->r->arena, n+1);
  if( zCopy==NULL ){ L->bNoMem = 1; return NULL; }
  memcpy(zCopy, z, n);
  return zCopy;
}


/* Record one finding (strings copied). */
LintFinding *lint_add(Linter *L, const LintRule *p, LintSeverity e, const char *zTenant,
                      const char *zPartner, const char *zJob, const char *zSetting,
                      const char *zValue, const char *zPath, const char *zMessage){
  LintFinding *f;
  if( !rule_wanted(L, p) ) return NULL;
  if( L->r->nFinding==L->nAlloc ){
    int nNew = L->nAlloc ? 2*L->nAlloc : 16;
    LintFinding *aNew = arena_array(&L->r->arena, (size_t)nNew, sizeof(LintFinding));
    if( aNew==NULL ){ L->bNoMem = 1; return NULL; }
    if( L->r->nFinding ) memcpy(aNew, L->r->aFinding, (size_t)L->r->nFinding*sizeof(LintFinding));
    L->r->aFinding = aNew;
    L->nAlloc = nNew;
  }
  f = &L->r->aFinding[L->r->nFinding++];
  f->pRule = p;
  f->eSeverity = e;
  f->zTenant = lint_dup(L, zTenant);
  f->zPartner = lint_dup(L, zPartner);
  f->zJob = lint_dup(L, zJob);
  f->zSetting = lint_dup(L, zSetting);
  f->zValue = lint_dup(L, zValue);
  f->zPath = zPath && zPath[0] ? lint_dup(L, zPath) : NULL;
  f->zMessage = lint_dup(L, zMessage);
  f->zGroup = NULL;
  return f;
}

/* ------------------------------------------------------------ JSON paths */

const char *lint_jstr(const cJSON *p, const char *zKey){
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, zKey);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int same(const char *a, const char *b){
  return (a==NULL && b==NULL) || (a && b && strcmp(a, b)==0);
}

static const char zSqlTemplatePath[] =
  "SELECT m.path FROM mto_templates m JOIN tenants t ON t.idx=m.tenant"
  " WHERE t.key=?1 AND m.setting=?2";

/* The path of zTenant's template setting zField (the mto_join that
** applied it set the policy), into z; 0 when there is none. */
static int template_path(Linter *L, const char *zTenant, const char *zField, char *z, size_t n){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlTemplatePath, L->pErr);
  int bFound = 0;
  if( s==NULL ) return 0;
  store_bind_text(s, 1, zTenant);
  store_bind_text(s, 2, zField);
  if( sqlite3_step(s)==SQLITE_ROW && sqlite3_column_text(s, 0) ){
    snprintf(z, n, "%s", (const char*)sqlite3_column_text(s, 0));
    bFound = 1;
  }
  sqlite3_reset(s);
  return bFound;
}

/* The path of policy setting zField of (zTenant, zPartner): the last
** set_policy of the timeline that set it before t (or the template that
** a later mto_join of either tenant applied), else the declared policy;
** "" when neither exists. */
void lint_policy_path(Linter *L, const char *zTenant, const char *zPartner,
                      const char *zField, char *z, size_t n){
  const cJSON *p, *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "timeline") : NULL;
  int i = 0, iBest = -1;
  SimTime tBest = -1, tJoin = -1;
  z[0] = 0;
  cJSON_ArrayForEach(p, a){
    const char *zAction = lint_jstr(p, "action");
    SimTime t = lint_entry_at(L, p);
    if( t<0 || t>L->r->t ){
      /* not yet */
    }else if( same(zAction, "set_policy") && same(lint_jstr(p, "tenant"), zTenant)
     && same(lint_jstr(p, "partner"), zPartner) && same(lint_jstr(p, "field"), zField) ){
      if( t>=tBest ){ iBest = i; tBest = t; }
    }else if( zPartner && same(zAction, "mto_join")
           && (same(lint_jstr(p, "tenant"), zTenant) || same(lint_jstr(p, "tenant"), zPartner)) ){
      if( t>tJoin ) tJoin = t;
    }
    i++;
  }
  if( tJoin>tBest && template_path(L, zTenant, zField, z, n) ) return;
  if( iBest>=0 ){
    snprintf(z, n, "$.timeline[%d].value", iBest);
    return;
  }
  i = 0;
  a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "policies") : NULL;
  cJSON_ArrayForEach(p, a){
    if( same(lint_jstr(p, "tenant"), zTenant) && same(lint_jstr(p, "partner"), zPartner) ){
      snprintf(z, n, "$.policies[%d].%s", i, zField);
      return;
    }
    i++;
  }
}

/* The element of the scenario's array zArray whose "key" is zKey, and its
** index in *pi; NULL when there is none. */
static const cJSON *keyed(Linter *L, const char *zArray, const char *zKey, int *pi){
  const cJSON *p, *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, zArray) : NULL;
  int i = 0;
  cJSON_ArrayForEach(p, a){
    if( same(lint_jstr(p, "key"), zKey) ){
      *pi = i;
      return p;
    }
    i++;
  }
  return NULL;
}

/* The path of job zJob's declaration, with zSuffix (".scope"). */
void lint_job_path(Linter *L, const char *zJob, const char *zSuffix, char *z, size_t n){
  int i;
  z[0] = 0;
  if( keyed(L, "jobs", zJob, &i) ) snprintf(z, n, "$.jobs[%d]%s", i, zSuffix);
}

/* The path of tenant zTenant's member zMember, or of the tenant when it
** has no such member. */
void lint_tenant_path(Linter *L, const char *zTenant, const char *zMember, char *z, size_t n){
  int i;
  const cJSON *p = keyed(L, "tenants", zTenant, &i);
  z[0] = 0;
  if( p==NULL ) return;
  if( cJSON_GetObjectItemCaseSensitive(p, zMember) ) snprintf(z, n, "$.tenants[%d].%s", i, zMember);
  else snprintf(z, n, "$.tenants[%d]", i);
}

/* ---------------------------------------------------------- policy rules */

void lint_trust_rules(Linter *L, const TrustGraph *g){
  static const TrustField aClaim[] = {
    TF_TRUST_MFA, TF_TRUST_COMPLIANT, TF_TRUST_HYBRID, TF_TRUST_NETWORK
  };
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int i, k;
  for(i=0; i<g->nEdge; i++){
    const TrustEdge *e = &g->aEdge[i];
    const char *zT = g->aNode[e->iTo].zKey;
    int bEvery = g->aNode[e->iFrom].bEvery;
    const char *zP = bEvery ? NULL : g->aNode[e->iFrom].zKey;
    if( g->aNode[e->iTo].bEvery ) continue;
    if( e->mProblem & TRUST_P_DANGLING ){
      const char *zPolicyPartner = e->a[TF_USER_SYNC].eFrom==TRUST_DEFAULT ? NULL : zP;
      lint_policy_path(L, zT, zPolicyPartner, "userSyncInbound.isSyncAllowed", zPath, sizeof(zPath));
      trust_problem_text(g, e, TRUST_P_DANGLING, zMsg, sizeof(zMsg));
      lint_add(L, lint_rule_find("XTS-T01"), e->a[TF_INBOUND_REDEEM].v ? LINT_CRITICAL : LINT_HIGH, zT, zP,
          NULL, "userSyncInbound.isSyncAllowed", "true", zPath[0] ? zPath : NULL, zMsg);
    }
    for(k=0; k<(int)(sizeof(aClaim)/sizeof(aClaim[0])); k++){
      const TrustSetting *s = &e->a[aClaim[k]];
      if( !s->v ) continue;
      if( bEvery ){
        snprintf(zMsg, sizeof(zMsg), "%s's default policy accepts %s from every external tenant",
                 zT, trust_field_path(aClaim[k]));
        lint_policy_path(L, zT, NULL, trust_field_path(aClaim[k]), zPath, sizeof(zPath));
        lint_add(L, lint_rule_find("XTS-T03"), LINT_HIGH, zT, NULL, NULL, trust_field_path(aClaim[k]), "true",
            zPath[0] ? zPath : NULL, zMsg);
      }else if( e->a[TF_USER_SYNC].v ){
        trust_problem_text(g, e, TRUST_P_CLAIMS_TRUSTED, zMsg, sizeof(zMsg));
        lint_policy_path(L, zT, s->eFrom==TRUST_DEFAULT ? NULL : zP, trust_field_path(aClaim[k]),
                    zPath, sizeof(zPath));
        lint_add(L, lint_rule_find("XTS-T04"), LINT_HIGH, zT, zP, NULL, trust_field_path(aClaim[k]), "true",
            zPath[0] ? zPath : NULL, zMsg);
      }
    }
  }
}

/* ------------------------------------------------------------- job rules */

/* Job facts at ?1: key, source key, target key, and from the job's
** settings in force (job_history): scope, object actions, threshold (NULL:
** off) and whether userType is forced to Member; disabled, the start and
** reason of the quarantine open at ?1 (NULL: none); then for each of the
** four settings the timeline action that set it (NULL: the declaration). A job has no settings
** before its declaration takes effect, nor before the timeline creates it
** or after it deletes it. The users a job carries come from
** the trust graph, so that lint and trust count them the same way. */
static const char zSqlJobs[] =
  "SELECT j.key, s.key, t.key, h.scope, h.object_actions, h.delete_threshold,"
  "  h.usertype_always, j.disabled_at IS NOT NULL AND j.disabled_at<=?1, q.began, q.reason,"
  "  h.scope_action, h.object_actions_action, h.delete_threshold_action, h.usertype_action"
  "  FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants t ON t.idx=j.target"
  LINT_JOB_SETTINGS_AT
  "  LEFT JOIN quarantines q ON q.id=(SELECT max(x.id) FROM quarantines x WHERE x.job=j.idx"
  "                                   AND x.began<=?1 AND (x.ended IS NULL OR x.ended>?1))"
  " WHERE " TRUST_JOB_EXISTS
  " ORDER BY j.idx";

/* Tenants that run or receive a job and what they do not export. */
static const char zSqlBlind[] =
  "SELECT t.key, group_concat(need.log, ', ') FROM tenants t,"
  "  (SELECT 'AuditLogs' AS log UNION ALL SELECT 'ProvisioningLogs') need"
  " WHERE EXISTS(SELECT 1 FROM jobs j WHERE (j.source=t.idx OR (j.target=t.idx AND need.log='AuditLogs'))"
  "               AND " TRUST_JOB_EXISTS ")"
  "   AND NOT EXISTS(SELECT 1 FROM log_exports x WHERE x.tenant=t.idx AND x.log=need.log)"
  " GROUP BY t.idx ORDER BY t.idx";


/* The users job zJob carries at the graph's instant (0 for no such job). */
static int64_t job_users(const TrustGraph *g, const char *zJob){
  int i, k;
  for(i=0; zJob && i<g->nEdge; i++){
    for(k=0; k<g->aEdge[i].nJob; k++){
      if( strcmp(g->aEdge[i].aJob[k].zKey, zJob)==0 ) return g->aEdge[i].aJob[k].nUsers;
    }
  }
  return 0;
}

void lint_job_setting_path(Linter *L, const char *zJob, int iAction, const char *zMember,
                           char *z, size_t n){
  const cJSON *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "timeline") : NULL;
  const cJSON *p = iAction>=0 ? cJSON_GetArrayItem(a, iAction) : NULL;
  char zSuffix[128];               /* a setting's member path is short */
  const char *zAt = zMember;
  size_t k = 0;
  int iJob;
  z[0] = 0;
  if( p==NULL ){
    if( (p = keyed(L, "jobs", zJob, &iJob))==NULL ) return;
    iAction = -1;
  }
  /* the longest prefix of zMember the entry has */
  while( *zAt && k+1<sizeof(zSuffix) ){
    const char *zEnd = strchr(zAt, '.');
    size_t nPart = zEnd ? (size_t)(zEnd - zAt) : strlen(zAt);
    char zPart[64];
    const cJSON *q;
    if( nPart>=sizeof(zPart) ) break;
    memcpy(zPart, zAt, nPart);
    zPart[nPart] = 0;
    if( (q = cJSON_GetObjectItemCaseSensitive(p, zPart))==NULL ) break;
    k += (size_t)snprintf(zSuffix+k, sizeof(zSuffix)-k, ".%s", zPart);
    if( k>=sizeof(zSuffix) ) break;
    p = q;
    zAt += nPart + (zEnd!=NULL);
  }
  zSuffix[k<sizeof(zSuffix) ? k : sizeof(zSuffix)-1] = 0;
  if( iAction>=0 ) snprintf(z, n, "$.timeline[%d]%s", iAction, zSuffix);
  else snprintf(z, n, "$.jobs[%d]%s", iJob, zSuffix);
}

/* Column i as a timeline position, -1 when NULL (the declaration). */
static int action_of(sqlite3_stmt *s, int i){
  return sqlite3_column_type(s, i)==SQLITE_NULL ? -1 : sqlite3_column_int(s, i);
}

int lint_job_rules(Linter *L, const TrustGraph *g){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlJobs, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE], zVal[64], zN[32];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zJob = (const char*)sqlite3_column_text(s, 0);
    const char *zSrc = (const char*)sqlite3_column_text(s, 1);
    const char *zTgt = (const char*)sqlite3_column_text(s, 2);
    const char *zScope = (const char*)sqlite3_column_text(s, 3);
    const char *zAct = (const char*)sqlite3_column_text(s, 4);
    int64_t nCarried = job_users(g, zJob);
    if( zJob==NULL || zSrc==NULL || zTgt==NULL ) continue;
    if( zScope && strcmp(zScope, "all")==0 ){
      lint_job_setting_path(L, zJob, action_of(s, 10), "scope", zPath, sizeof(zPath));
      snprintf(zMsg, sizeof(zMsg), "job %s syncs every user and group of %s into %s", zJob, zSrc, zTgt);
      lint_add(L, lint_rule_find("XTS-S01"), LINT_HIGH, zSrc, zTgt, zJob, "scope", "all", zPath, zMsg);
    }
    if( sqlite3_column_type(s, 5)==SQLITE_NULL ){
      lint_job_setting_path(L, zJob, action_of(s, 12), "", zPath, sizeof(zPath));
      if( nCarried>0 ){
        snprintf(zMsg, sizeof(zMsg), "job %s has accidental-deletion prevention off: nothing stops"
                 " it soft-deleting all %s users it carries", zJob,
                 report_format_count(nCarried, zVal, sizeof(zVal)));
      }else{
        snprintf(zMsg, sizeof(zMsg), "job %s has accidental-deletion prevention off: nothing will"
                 " stop it soft-deleting every user it syncs", zJob);
      }
      lint_add(L, lint_rule_find("XTS-S05"), LINT_MEDIUM, zSrc, zTgt, zJob, "deleteThreshold", "off", zPath, zMsg);
    }else if( sqlite3_column_int64(s, 5) >= nCarried && nCarried>0 ){
      lint_job_setting_path(L, zJob, action_of(s, 12), "deleteThreshold", zPath, sizeof(zPath));
      snprintf(zVal, sizeof(zVal), "%lld", (long long)sqlite3_column_int64(s, 5));
      snprintf(zMsg, sizeof(zMsg), "job %s's deletion threshold %s is at or above the %s users"
               " it carries: it can never trip", zJob, zVal,
               report_format_count(nCarried, zN, sizeof(zN)));
      lint_add(L, lint_rule_find("XTS-S05"), LINT_MEDIUM, zSrc, zTgt, zJob, "deleteThreshold", zVal, zPath, zMsg);
    }
    if( zAct && strstr(zAct, "Delete")==NULL ){
      lint_job_setting_path(L, zJob, action_of(s, 11), "mapping.targetObjectActions", zPath, sizeof(zPath));
      snprintf(zMsg, sizeof(zMsg), "job %s never deletes: %s's leavers stay in %s", zJob, zSrc, zTgt);
      lint_add(L, lint_rule_find("XTS-S07"), LINT_HIGH, zSrc, zTgt, zJob, "targetObjectActions", zAct, zPath, zMsg);
    }
    if( sqlite3_column_int(s, 6) ){
      lint_job_setting_path(L, zJob, action_of(s, 13), "mapping", zPath, sizeof(zPath));
      snprintf(zMsg, sizeof(zMsg), "job %s maps userType to the constant Member with flow Always", zJob);
      lint_add(L, lint_rule_find("XTS-T09"), LINT_MEDIUM, zSrc, NULL, zJob,
               "userType.flowType", "Always", zPath, zMsg);
    }
    if( sqlite3_column_int(s, 7) ){
      snprintf(zMsg, sizeof(zMsg), "job %s is disabled: it no longer deprovisions anyone in %s", zJob, zTgt);
      lint_add(L, lint_rule_find("XTS-S10"), LINT_MEDIUM, zSrc, zTgt, zJob, "status", "Disabled", NULL, zMsg);
    }else if( sqlite3_column_type(s, 8)!=SQLITE_NULL
           && L->r->t - sqlite3_column_int64(s, 8) >= (int64_t)LINT_STUCK_DAYS*SIMTIME_DAY ){
      const char *zWhy = (const char*)sqlite3_column_text(s, 9);
      snprintf(zMsg, sizeof(zMsg), "job %s has been in quarantine for %lld days (%s)", zJob,
               (long long)((L->r->t - sqlite3_column_int64(s, 8))/SIMTIME_DAY), zWhy ? zWhy : "no reason recorded");
      lint_add(L, lint_rule_find("XTS-S10"), LINT_MEDIUM, zSrc, zTgt, zJob, "status", "Quarantine", NULL, zMsg);
    }
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* Tenants a SIEM cannot see (G03). */
int lint_log_rules(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlBlind, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zT = (const char*)sqlite3_column_text(s, 0);
    snprintf(zMsg, sizeof(zMsg), "%s does not export %s to a SIEM", zT,
             (const char*)sqlite3_column_text(s, 1));
    lint_tenant_path(L, zT, "logExport", zPath, sizeof(zPath));
    lint_add(L, lint_rule_find("XTS-G03"), LINT_MEDIUM, zT, NULL, NULL, "logExport",
        (const char*)sqlite3_column_text(s, 1), zPath[0] ? zPath : NULL, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

void lint_free(LintResult *r){
  arena_free(&r->arena);
  memset(r, 0, sizeof(*r));
}

/* The path of group zGroup of tenant zTenant's declaration, with zMember
** when the declaration has it; "" when the scenario does not declare it. */
void lint_group_path(Linter *L, const char *zTenant, const char *zGroup, const char *zMember,
                       char *z, size_t n){
  const cJSON *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "tenants") : NULL, *t, *g;
  int i = 0, k;
  z[0] = 0;
  cJSON_ArrayForEach(t, a){
    if( zTenant && lint_jstr(t, "key") && strcmp(lint_jstr(t, "key"), zTenant)==0 ){
      k = 0;
      cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(t, "groups")){
        if( lint_jstr(g, "key") && strcmp(lint_jstr(g, "key"), zGroup)==0 ){
          if( cJSON_GetObjectItemCaseSensitive(g, zMember) ){
            snprintf(z, n, "$.tenants[%d].groups[%d].%s", i, k, zMember);
          }else{
            snprintf(z, n, "$.tenants[%d].groups[%d]", i, k);
          }
          return;
        }
        k++;
      }
      return;
    }
    i++;
  }
}

/* Is zName an item of the comma-separated list zList? */
int lint_list_has(const char *zList, const char *zName){
  size_t n = strlen(zName);
  const char *z = zList;
  while( z && *z ){
    const char *e = strchr(z, ',');
    size_t k = e ? (size_t)(e - z) : strlen(z);
    if( k==n && strncmp(z, zName, n)==0 ) return 1;
    z = e ? e+1 : NULL;
  }
  return 0;
}
