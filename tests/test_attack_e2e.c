/*
** test_attack_e2e.c — end-to-end tests of the actions that change what
** exists, as the binary runs them: partner configurations added and
** deleted (and the audit rows Microsoft documents for them), jobs created
** and deleted by the timeline, a target admin's deletion of synced users,
** a job's settings saved, and the shipped A1 scenario (rogue-partner.json)
** that puts them together. Assertions read the run database, the JSON
** report and `tenantsim trust`.
**
** The binary is $TENANTSIM (the Makefile sets it to the plain or the
** sanitizer build); each test works in its own temporary directory.
*/
#include <check.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "e2e_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

static char zDir[256];
static char zDb[300];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-attack"); }
static void teardown(void){ e2e_rmdir(zDir); }

/* Run scenario zText (' for ") from zDir/x.json into zDir/x.db (zDb) and
** zDir/x.json's report zDir/x.report.json. */
static void runInline(const char *zText){
  char zPath[320];
  FILE *f;
  snprintf(zPath, sizeof(zPath), "%s/x.json", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs(scn(zText), f);
  fclose(f);
  ck_assert_msg(sh("%s run %s --db %s/x.db --json %s/x.report.json --quiet > %s/x.out 2>&1",
                   bin(), zPath, zDir, zDir, zDir)==0, "the run failed: see %s/x.out", zDir);
  snprintf(zDb, sizeof(zDb), "%s/x.db", zDir);
}

/* The number a query returns, the query built from a format. */
static long long qn(const char *zFmt, ...){
  char zSql[2000];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zSql, sizeof(zSql), zFmt, ap);
  va_end(ap);
  return q1(zDb, zSql);
}

/* The audit rows of tenant zTenant with activity zActivity (category zCat). */
static long long audits(const char *zTenant, const char *zCat, const char *zActivity){
  return qn("SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
            " WHERE t.key='%s' AND a.category='%s' AND a.activity='%s'", zTenant, zCat, zActivity);
}

/* Does `tenantsim trust zDb --at zAt` print a line containing zWhat? */
static int trustSays(const char *zAt, const char *zWhat){
  return sh("%s trust %s --at %s | grep -qF -- '%s'", bin(), zDb, zAt, zWhat)==0;
}

/* ------------------------------------------------- the A1 scenario */

START_TEST(test_rogue_partner_is_audited_in_the_victim_and_reappears_only_after_a_restart){
  char z[600];
  ck_assert_int_eq(e2e_run_scenario(zDir, "scenarios/rogue-partner.json", "rp", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/rp.db", zDir);
  /* Woodgrove's audit log: the backdoor, then the defence, in this order. */
  qtext(zDb, "SELECT group_concat(at || ' ' || activity, '; ') FROM ("
             " SELECT a.at, a.activity FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
             " WHERE t.key='woodgrove' AND a.category LIKE 'CrossTenant%' ORDER BY a.id)",
        z, sizeof(z));
  ck_assert_str_eq(z, "7200 Add a partner to cross-tenant access setting;"
                      " 7260 Create a partner cross-tenant identity sync setting;"
                      " 7320 Update a partner cross-tenant access setting;"
                      " 172800 Update a partner cross-tenant identity sync setting;"
                      " 183600 Delete a partner cross-tenant identity sync setting;"
                      " 183600 Delete partner specific cross-tenant access setting");
  ck_assert_int_eq(audits("woodgrove", "CrossTenantAccessSettings",
                          "Add a partner to cross-tenant access setting"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Add a partner to"
                      " cross-tenant access setting' AND detail NOT LIKE 'tenantId=%%-%%'"), 0);
  /* evil: set_policy on a partner it had no configuration for adds it first. */
  ck_assert_int_eq(qn("SELECT (SELECT min(id) FROM audit_log WHERE tenant=1 AND activity="
                      "'Add a partner to cross-tenant access setting') < (SELECT min(id) FROM"
                      " audit_log WHERE tenant=1 AND activity='Update a partner cross-tenant"
                      " access setting')"), 1);
  /* The job exists from its create_job (PT3H5M) only. */
  ck_assert_int_eq(qn("SELECT created_at FROM jobs WHERE key='evil-to-woodgrove'"), 11100);
  ck_assert_int_eq(qn("SELECT deleted_at IS NULL FROM jobs WHERE key='evil-to-woodgrove'"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM cycles WHERE job=0 AND began<11100"), 0);
  ck_assert_int_eq(audits("evil", "ApplicationManagement", "Add service principal"), 1);
  ck_assert_int_eq(audits("evil", "ProvisioningManagement", "Add provisioning configuration"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE at<11100 AND tenant=1"
                      " AND category IN ('ProvisioningManagement', 'ApplicationManagement')"), 0);
  /* Two accounts pushed; deleted by hand at P1D; not restored by the cycles
  ** before the restart; two new accounts after it, within one cycle. */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 4);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND deleted_at=86400"), 2);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND created_at>=97200"
                      " AND created_at<97200+2400"), 2);
  ck_assert_int_eq(qn("SELECT count(DISTINCT object_id) FROM users WHERE created_by_job=0"), 4);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Restore user'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>86400"
                      " AND activity_at<97200"), 0);
  /* Sync switched off at P2D: the accounts stay until the defenders delete
  ** them by hand at P2DT2H; CTS deletes nothing. */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND created_at>=97200"
                      " AND deleted_at=180000"), 2);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Delete user'"
                      " AND actor='Microsoft.Azure.SyncFabric'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Delete user'"
                      " AND actor='admin' AND tenant=0"), 4);
  /* Every row the sync service writes in Woodgrove carries its appId. */
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE actor='Microsoft.Azure.SyncFabric'"
                      " AND actor_app_id='00000014-0000-0000-c000-000000000000'"), 4);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE actor<>'Microsoft.Azure.SyncFabric'"
                      " AND actor_app_id IS NOT NULL"), 0);
  /* The instant expectations held; the partner's last history row inherits
  ** everything. */
  ck_assert_int_eq(qn("SELECT count(*) FROM expectations WHERE passed=0"), 0);
  ck_assert_int_ge(qn("SELECT count(*) FROM expectations"), 8);
  ck_assert_int_eq(qn("SELECT coalesce(inbound_auto_redeem, user_sync_inbound, 9) FROM"
                      " policy_history WHERE tenant=0 AND partner=1 ORDER BY seq DESC LIMIT 1"), 9);
  ck_assert_int_eq(qn("SELECT count(*) FROM policies WHERE tenant=0 AND partner=1"), 0);
  /* Trust at each stage. */
  ck_assert(trustSays("PT1H", "0 trust paths"));
  ck_assert(trustSays("PT2H30M", "PROBLEM no job uses it"));
  ck_assert(trustSays("PT2H30M", "0 jobs"));
  ck_assert(trustSays("PT4H", "job evil-to-woodgrove: Active, assigned scope, 2 users"));
  ck_assert(trustSays("end", "user sync no, group sync no"));
  /* Lint found the backdoor the moment inbound sync was allowed (PT2H1M,
  ** critical with auto-redemption) until evil's job used it (PT3H5M). */
  ck_assert_int_eq(qn("SELECT count(*) FROM lint_findings WHERE rule='XTS-T01'"
                      " AND tenant='woodgrove' AND partner='evil' AND severity='critical'"
                      " AND first_seen=7260 AND cleared=11100"), 1);
}
END_TEST

START_TEST(test_shipped_attack_scenarios_meet_their_expectations){
  ck_assert_int_eq(sh("%s test scenarios/rogue-partner.json scenarios/rogue-partner-unseen.json"
                      " > %s/t.out", bin(), zDir), 0);
  ck_assert_int_eq(sh("grep -q '^37 passed, 0 failed$' %s/t.out", zDir), 0);
  /* the unseen variant's victim exports no audit log */
  ck_assert_int_eq(e2e_run_scenario(zDir, "scenarios/rogue-partner-unseen.json", "u", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/u.db", zDir);
  ck_assert_int_eq(qn("SELECT count(*) FROM log_exports WHERE tenant=0 AND log='AuditLogs'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE tenant=0 AND activity='Add a partner"
                      " to cross-tenant access setting'"), 1);
}
END_TEST

/* ------------------------------------------------- partners */

/* fabrikam trusts contoso in a declared partner configuration with user
** sync; its default policy allows auto-redemption only. */
#define PARTNER_STORY(zTimeline) \
  "{'name': 'partner', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D'," \
  " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'users': [{'key': 'ann'}]}," \
  "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}," \
  "             {'key': 'tailspin', 'domain': 'tailspin.example'}]," \
  " 'policies': [{'tenant': 'fabrikam', 'automaticUserConsentSettings': {'inboundAllowed': true}}," \
  "              {'tenant': 'fabrikam', 'partner': 'contoso'," \
  "               'userSyncInbound': {'isSyncAllowed': true}}," \
  "              {'tenant': 'contoso', 'partner': 'fabrikam'," \
  "               'automaticUserConsentSettings': {'outboundAllowed': true}}]," \
  " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'," \
  "           'assignments': {'users': ['ann']}}]," \
  " 'timeline': " zTimeline "}"

START_TEST(test_removed_partner_reads_the_default_policy){
  runInline(PARTNER_STORY(
    "[{'at': 'PT2H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'contoso'},"
    " {'at': 'PT3H', 'action': 'add_partner', 'tenant': 'fabrikam', 'partner': 'tailspin'},"
    " {'at': 'PT4H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'tailspin'}]"));
  /* the declared configuration had an identity sync setting: both go */
  ck_assert_int_eq(audits("fabrikam", "CrossTenantAccessSettings",
                          "Delete partner specific cross-tenant access setting"), 2);
  ck_assert_int_eq(audits("fabrikam", "CrossTenantIdentitySyncSettings",
                          "Delete a partner cross-tenant identity sync setting"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Delete a partner"
                      " cross-tenant identity sync setting' AND target_name='contoso' AND at=7200"), 1);
  /* the job provisioned ann, then its checks read fabrikam's default:
  ** user sync unset (false) */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND deleted_at IS NULL"), 1);
  ck_assert_int_gt(qn("SELECT count(*) FROM cycles WHERE job=0 AND began>7200 AND state='Failed'"
                      " AND error_code='AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM cycles WHERE job=0 AND began>7200 AND state<>'Failed'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM policies WHERE tenant=1 AND partner IS NOT NULL"), 0);
  ck_assert(trustSays("PT1H", "user sync yes (partner policy)"));
  ck_assert(trustSays("PT3H", "inbound auto-redeem yes (default policy), user sync no"));
  ck_assert(trustSays("PT3H", "PROBLEM sync blocked"));
  /* export --policies: fabrikam has no partners left */
  ck_assert_int_eq(sh("%s export %s --policies --tenant fabrikam > %s/p.json", bin(), zDb, zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"partners\":[[:space:]]*\\[\\]' %s/p.json", zDir), 0);
}
END_TEST

START_TEST(test_first_identity_sync_setting_is_created_then_updated){
  char z[600];
  runInline(PARTNER_STORY(
    "[{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'tailspin',"
    "  'field': 'inboundTrust.isMfaAccepted', 'value': true},"
    " {'at': 'PT2H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'tailspin',"
    "  'field': 'groupSyncInbound.isSyncAllowed', 'value': false},"
    " {'at': 'PT3H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'tailspin',"
    "  'field': 'userSyncInbound.isSyncAllowed', 'value': true},"
    " {'at': 'PT4H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
    "  'field': 'userSyncInbound.isSyncAllowed', 'value': false}]"));
  qtext(zDb, "SELECT group_concat(at || ' ' || activity, '; ') FROM (SELECT at, activity"
             " FROM audit_log WHERE tenant=1 AND category LIKE 'CrossTenant%' ORDER BY id)",
        z, sizeof(z));
  ck_assert_str_eq(z, "3600 Add a partner to cross-tenant access setting;"
                      " 3600 Update a partner cross-tenant access setting;"
                      " 7200 Create a partner cross-tenant identity sync setting;"
                      " 10800 Update a partner cross-tenant identity sync setting;"
                      " 14400 Update a partner cross-tenant identity sync setting");
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE category='CrossTenantIdentitySyncSettings'"
                      " AND activity LIKE 'Create%%' AND detail='groupSyncInbound.isSyncAllowed=false'"), 1);
}
END_TEST

/* ------------------------------------------------- jobs */

/* contoso's job to fabrikam, declared for creation later (zJob: its
** members after "created", assignments included), over 1,000 users in
** group all; zTimeline. */
#define JOB_STORY(zJob, zTimeline) \
  "{'name': 'jobs', 'start': '2026-01-05T09:00:00Z', 'duration': 'P2D'," \
  " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'all'}]," \
  "              'populations': [{'count': 1000, 'keyPrefix': 'u', 'groups': ['all']}]}," \
  "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}]," \
  " 'policies': [{'tenant': 'fabrikam', 'partner': 'contoso'," \
  "               'automaticUserConsentSettings': {'inboundAllowed': true}," \
  "               'userSyncInbound': {'isSyncAllowed': true}}," \
  "              {'tenant': 'contoso', 'partner': 'fabrikam'," \
  "               'automaticUserConsentSettings': {'outboundAllowed': true}}]," \
  " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'created': false," \
  "           " zJob "}]," \
  " 'timeline': " zTimeline "}"

START_TEST(test_created_job_runs_nothing_before_it_exists_and_starts_as_declared){
  runInline(JOB_STORY("'assignments': {'groups': ['all']}, 'start': 'PT20H'",
    "[{'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'new1', 'groups': ['all']}]},"
    " {'at': 'PT12H', 'action': 'create_job', 'job': 'c2f'}]"));
  ck_assert_int_eq(qn("SELECT created_at FROM jobs"), 43200);
  ck_assert_int_eq(qn("SELECT started_at FROM jobs"), 72000);
  ck_assert_int_eq(qn("SELECT min(began) FROM cycles"), 72000);
  /* nothing of the job before it exists: no assignment, change or desired
  ** state from the hire at PT2H */
  ck_assert_int_eq(qn("SELECT count(*) FROM changes WHERE at<43200"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE at<43200 AND tenant=0"
                      " AND activity LIKE '%%app role%%'"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE at=43200 AND tenant=0"
                      " AND activity='Add app role assignment to group'"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM changes WHERE at=43200 AND cause='create_job'"), 1001);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Enable/start provisioning"
                      " configuration' AND at=72000"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 1001);
  ck_assert(trustSays("PT11H", "0 jobs"));
  ck_assert(!trustSays("PT11H", "job c2f"));
  ck_assert(trustSays("PT13H", "job c2f: NotRun"));
  ck_assert(trustSays("end", "job c2f: Active"));
}
END_TEST

START_TEST(test_deleted_job_stops_at_once_and_leaves_its_users){
  char z[60];
  runInline(JOB_STORY("'assignments': {'groups': ['all']}",
    "[{'at': 'PT1M', 'action': 'create_job', 'job': 'c2f'},"
    " {'at': 'PT9M', 'action': 'delete_job', 'job': 'c2f'},"
    " {'at': 'PT10H', 'action': 'terminate', 'tenant': 'contoso', 'users': ['u1']}]"));
  /* the initial cycle was still running: it ends unfinished, nothing is
  ** exported after the deletion and no cycle begins again */
  ck_assert_int_eq(qn("SELECT deleted_at FROM jobs"), 540);
  ck_assert_int_eq(qn("SELECT count(*) FROM cycles WHERE ended IS NULL"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM cycles WHERE began>540"), 0);
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>540"), 0);
  ck_assert_int_gt(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 10);
  ck_assert_int_lt(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 1000);
  ck_assert_int_eq(audits("contoso", "ProvisioningManagement", "Delete provisioning configuration"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT schedule_state FROM jobs", z, sizeof(z)), "Disabled");
  /* no clean-up: every user it created is still there, u1's too */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND deleted_at IS NOT NULL"), 0);
  /* the report: Deleted, when, no problem; its users are orphans */
  ck_assert_int_eq(sh("grep -q '\"status\": \"Deleted\"' %s/x.report.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"deleted_at\": \"2026-01-05T09:09:00Z\"' %s/x.report.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"created_at\": \"2026-01-05T09:01:00Z\"' %s/x.report.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"problem\": null' %s/x.report.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'configuration created Day 1 09:01, deleted Day 1 09:09' %s/x.out",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"job_deleted\": %lld' %s/x.report.json",
                      qn("SELECT count(*) FROM users WHERE created_by_job=0"), zDir), 0);
  ck_assert(trustSays("PT5M", "job c2f"));
  ck_assert(!trustSays("PT10M", "job c2f"));
}
END_TEST

START_TEST(test_set_secrets_saves_the_threshold_notifications_and_a_scope_reaching_users_at_a_restart){
  runInline(JOB_STORY("'scope': 'assigned', 'assignments': {'users': ['u1', 'u2']}",
    "[{'at': 'PT1M', 'action': 'create_job', 'job': 'c2f'},"
    " {'at': 'PT2H', 'action': 'set_secrets', 'job': 'c2f', 'scope': 'all', 'deleteThreshold': 5},"
    " {'at': 'PT10H', 'action': 'restart_job', 'job': 'c2f'},"
    " {'at': 'P1D', 'action': 'set_secrets', 'job': 'c2f', 'deleteThreshold': null,"
    "  'notifications': {'enabled': true, 'recipients': 'soc@contoso.com'}}]"));
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Update provisioning setting"
                      " or credentials' AND detail='SyncAll=true, DeleteThresholdEnabled=true,"
                      " DeleteThresholdValue=5' AND at=7200"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Update provisioning setting"
                      " or credentials' AND detail='DeleteThresholdEnabled=false,"
                      " NotificationEnabled=true, Recipients=soc@contoso.com' AND at=86400"), 1);
  ck_assert_int_eq(qn("SELECT delete_threshold IS NULL AND scope='all' FROM jobs"), 1);
  /* the new scope waits for the restart's initial cycle */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND created_at<36000"), 2);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 1000);
  ck_assert_int_eq(qn("SELECT count(*) FROM changes WHERE cause='set_secrets'"), 998);
  /* export --secrets says what the run ends with */
  ck_assert_int_eq(sh("%s export %s --secrets > %s/s.json", bin(), zDb, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'DeleteThresholdEnabled\\\\\":false' %s/s.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'Enabled\\\\\":true,\\\\\"Recipients\\\\\":\\\\\"soc@contoso.com' %s/s.json",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -A1 '\"SyncAll\"' %s/s.json | grep -q '\"true\"'", zDir), 0);
}
END_TEST

/* ------------------------------------------------- target_delete */

START_TEST(test_user_deleted_in_the_target_is_not_restored_and_fails_with_InvalidAnchor){
  runInline(PARTNER_STORY(
    "[{'at': 'PT2H', 'action': 'target_delete', 'job': 'c2f', 'users': ['ann']},"
    " {'at': 'PT4H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
    "  'set': {'department': 'Sales'}},"
    " {'at': 'PT10H', 'action': 'restart_job', 'job': 'c2f', 'resetScope': 'Full'}]"));
  ck_assert_int_eq(audits("fabrikam", "UserManagement", "Delete user"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Delete user' AND actor='admin'"), 1);
  /* the next cycles leave it deleted; the source change fails to reach it */
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>7200"
                      " AND activity_at<14400"), 0);
  ck_assert_int_ge(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>14400"
                      " AND activity_at<36000 AND status='failure' AND error_code='InvalidAnchor'"), 2);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Restore user'"), 0);
  ck_assert_int_eq(qn("SELECT deleted_at FROM users WHERE created_by_job=0 ORDER BY id LIMIT 1"), 7200);
  /* resetScope Full breaks the link: a new user, the deleted one stays */
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0"), 2);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE created_by_job=0 AND created_at>=36000"
                      " AND deleted_at IS NULL"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>36000"
                      " AND error_code='InvalidAnchor'"), 0);
}
END_TEST

START_TEST(test_user_deleted_in_the_target_is_out_of_step_as_target_deleted){
  char z[60];
  runInline(PARTNER_STORY(
    "[{'at': 'PT2H', 'action': 'target_delete', 'job': 'c2f', 'users': ['ann']}]"));
  ck_assert_str_eq(qtext(zDb, "SELECT reason || ' ' || held FROM out_of_step", z, sizeof(z)),
                   "target_deleted 1");
  ck_assert_int_eq(sh("grep -q 'deleted in the target (by an admin, a workflow or a recovery);"
                      " CTS does not restore it' %s/x.out || grep -q 'target_deleted' %s/x.out",
                      zDir, zDir), 0);
}
END_TEST

Suite *attack_e2e_suite(void){
  Suite *s = suite_create("attack_e2e");
  TCase *tcA1 = tcase_create("rogue partner");
  TCase *tcPartner = tcase_create("partners");
  TCase *tcJob = tcase_create("jobs");
  TCase *tcTarget = tcase_create("target delete");

  tcase_add_checked_fixture(tcA1, setup, teardown);
  tcase_set_timeout(tcA1, 300);
  tcase_add_test(tcA1, test_rogue_partner_is_audited_in_the_victim_and_reappears_only_after_a_restart);
  tcase_add_test(tcA1, test_shipped_attack_scenarios_meet_their_expectations);
  suite_add_tcase(s, tcA1);

  tcase_add_checked_fixture(tcPartner, setup, teardown);
  tcase_set_timeout(tcPartner, 120);
  tcase_add_test(tcPartner, test_removed_partner_reads_the_default_policy);
  tcase_add_test(tcPartner, test_first_identity_sync_setting_is_created_then_updated);
  suite_add_tcase(s, tcPartner);

  tcase_add_checked_fixture(tcJob, setup, teardown);
  tcase_set_timeout(tcJob, 300);
  tcase_add_test(tcJob, test_created_job_runs_nothing_before_it_exists_and_starts_as_declared);
  tcase_add_test(tcJob, test_deleted_job_stops_at_once_and_leaves_its_users);
  tcase_add_test(tcJob, test_set_secrets_saves_the_threshold_notifications_and_a_scope_reaching_users_at_a_restart);
  suite_add_tcase(s, tcJob);

  tcase_add_checked_fixture(tcTarget, setup, teardown);
  tcase_set_timeout(tcTarget, 120);
  tcase_add_test(tcTarget, test_user_deleted_in_the_target_is_not_restored_and_fails_with_InvalidAnchor);
  tcase_add_test(tcTarget, test_user_deleted_in_the_target_is_out_of_step_as_target_deleted);
  suite_add_tcase(s, tcTarget);
  return s;
}
