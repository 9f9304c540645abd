/*
** test_e2e.c — end-to-end tests of the shipped scenarios' stories: run the
** tenantsim binary on each and assert on the resulting SQLite database
** what its description promises (who is synced, held, quarantined,
** deleted, and when).
**
** The binary is $TENANTSIM (the Makefile sets it to the plain or the
** sanitizer build); scenarios are read from scenarios/ relative to the
** repository root, where `make check` runs. Each test works in its own
** temporary directory. The commands themselves are test_cli_e2e.c's.
*/
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "e2e_fixture.h"
#include "test_util.h"
#include "suites.h"

static char zDir[256];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-e2e"); }
static void teardown(void){ e2e_rmdir(zDir); }
#define run_scenario(zScn, zName, zExtra) e2e_run_scenario(zDir, zScn, zName, zExtra)


START_TEST(test_ma_onboarding_syncs_every_assigned_enabled_user){
  char zDb[300], zJson[300];
  cJSON *j;
  long long nTargetLive, nInScopeEnabled;
  ck_assert_int_eq(run_scenario("scenarios/ma-onboarding.json", "ma", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/ma.db", zDir);
  snprintf(zJson, sizeof(zJson), "%s/ma.json", zDir);
  /* 5,000 users in waves plus weekly hires. */
  ck_assert_int_ge(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                          " WHERE t.key='fabrikam' AND u.creation_type IS NULL"), 5000);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM cycles WHERE kind='initial'"), 1);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM cycles WHERE kind='incremental'"), 1000);
  /* Cycles never overlap. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM cycles a JOIN cycles b ON a.job=b.job"
                          " AND b.id=a.id+1 WHERE b.began < a.ended"), 0);
  /* Every live target user corresponds to an enabled, in-scope, live source
  ** user — except the one who was disabled before leaving her wave. */
  nTargetLive = q1(zDb, "SELECT count(*) FROM users WHERE creation_type='Invitation'"
                        " AND deleted_at IS NULL AND purged_at IS NULL");
  nInScopeEnabled = q1(zDb, "SELECT count(*) FROM desired d JOIN users s ON s.id=d.source_user"
                            " WHERE d.state='present' AND s.deleted_at IS NULL");
  ck_assert_int_eq(nTargetLive, nInScopeEnabled + 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links WHERE held='disabled_then_out_of_scope'"), 1);
  /* Every create ran the matching step, found nothing and exported an add. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE action='create'"
                          " AND (match_result<>'none' OR export_step<>'EntryExportAdd'"
                          " OR scope_assigned<>1 OR change_type<>'Add')"), 0);
  /* Leavers were soft-deleted in the target. */
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE action='delete'"
                          " AND status='success'"), 50);
  /* CTS writes in the target carry the SyncFabric actor. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                          " WHERE t.key='contoso' AND a.activity='Add user'"
                          " AND a.actor<>'Microsoft.Azure.SyncFabric'"), 0);
  /* The report agrees with the database. */
  j = read_json(zJson);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(jnum(j, "seed", NULL), 20260105);
  ck_assert_int_eq(jnum(j, "orphans", "count"), 1);
  ck_assert_int_eq(jnum(j, "convergence", "changes"), q1(zDb, "SELECT count(*) FROM changes"));
  ck_assert_int_eq(jnum(j, "convergence", "never_converged"),
                   q1(zDb, "SELECT count(*) FROM changes WHERE outcome='never'"));
  ck_assert_int_eq(jnum(j, "convergence", "held"),
                   q1(zDb, "SELECT count(*) FROM changes WHERE outcome='held'"));
  /* The one held change is w1-17's, kept by the documented hold. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes c JOIN users u ON u.id=c.source_user"
                          " WHERE c.outcome='held' AND c.reason='disabled_then_out_of_scope'"
                          " AND u.key='w1-17'"), 1);
  cJSON_Delete(j);
}
END_TEST

START_TEST(test_ma_onboarding_target_edit_persists_until_source_changes){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/ma-onboarding.json", "ma", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/ma.db", zDir);
  /* w1-42's jobTitle was edited in Contoso at P16DT11H, then a source change
  ** at P30DT9H made CTS write the source's values back. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users t JOIN links l ON l.target_user=t.id"
                          " JOIN users s ON s.id=l.source_user WHERE s.key='w1-42'"
                          " AND t.job_title=s.job_title"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON"
                          " s.id=p.source_user WHERE s.key='w1-42' AND p.action='update'"
                          " AND p.activity_at > 30*86400 AND p.modified_properties LIKE '%jobTitle%'"), 1);
}
END_TEST

START_TEST(test_termination_wave_outcomes){
  char zDb[300], zJson[300];
  cJSON *j, *pReasons;
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "tw", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/tw.db", zDir);
  snprintf(zJson, sizeof(zJson), "%s/tw.json", zDir);
  /* 300 disables flowed to Northwind as disables. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN jobs j ON j.idx=p.job"
                          " WHERE j.key='contoso-to-northwind' AND p.action='disable'"), 300);
  /* The 200 disabled-then-removed users were held, not deleted. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links WHERE held='disabled_then_out_of_scope'"), 200);
  /* Their log rows say why: scoping skipped them as unassigned, no export. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE skip_reason='unassigned'"
                          " AND export_step IS NULL AND action='other' AND status='skipped'"
                          " AND scope_active=0"), 200);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links l JOIN users t ON t.id=l.target_user"
                          " WHERE l.held IS NOT NULL AND t.deleted_at IS NOT NULL"), 0);
  /* The 80 deleted users were soft-deleted in Northwind; 70 were then
  ** hard-deleted after 30 days, the 10 restored ones came back. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users s WHERE s.creation_type IS NULL"
                          " AND s.purged_at IS NOT NULL"), 70);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE action='update'"
                          " AND modified_properties LIKE '%IsSoftDeleted%'"), 10);
  ck_assert_int_ge(q1(zDb, "SELECT count(*) FROM users t JOIN tenants n ON n.idx=t.tenant"
                          " WHERE n.key='northwind' AND t.purged_at IS NOT NULL"), 70);
  /* The paused Tailspin job did nothing after its pause. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM cycles c JOIN jobs j ON j.idx=c.job"
                          " WHERE j.key='contoso-to-tailspin' AND c.began > 6*86400+18*3600"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM jobs WHERE key='contoso-to-tailspin'"
                          " AND status_code='Paused'"), 1);
  j = read_json(zJson);
  ck_assert_ptr_nonnull(j);
  pReasons = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "orphans"), "by_reason");
  ck_assert_int_eq(jnum(pReasons, "disabled_then_out_of_scope", NULL), 200);
  ck_assert_int_gt(jnum(pReasons, "job_paused", NULL), 0);
  cJSON_Delete(j);
}
END_TEST

#define TARGET_OF(k) "SELECT %s FROM users s JOIN links l ON l.source_user=s.id" \
                     " JOIN users t ON t.id=l.target_user WHERE s.key='" k "'"

START_TEST(test_mapping_rollout_values_and_scope_follow_the_custom_mapping){
  char zDb[300], zJson[300], z[256], zSql[400];
  cJSON *j;
  ck_assert_int_eq(run_scenario("scenarios/mapping-rollout.json", "mr", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/mr.db", zDir);
  snprintf(zJson, sizeof(zJson), "%s/mr.json", zDir);
  /* Values come from the refined mapping saved on day 3. */
  snprintf(zSql, sizeof(zSql), TARGET_OF("zoe"), "t.display_name");
  ck_assert_str_eq(qtext(zDb, zSql, z, sizeof(z)), "Zoë ÅNGSTRÖM - Eng");
  snprintf(zSql, sizeof(zSql), TARGET_OF("zoe"), "t.mail_nickname");
  ck_assert_str_eq(qtext(zDb, zSql, z, sizeof(z)), "zoe.angstrom");
  /* Switch on country: SE is not a key, so the default applies. */
  snprintf(zSql, sizeof(zSql), TARGET_OF("zoe"), "t.company_name");
  ck_assert_str_eq(qtext(zDb, zSql, z, sizeof(z)), "Contoso International");
  snprintf(zSql, sizeof(zSql), TARGET_OF("nojob"), "t.company_name");
  ck_assert_str_eq(qtext(zDb, zSql, z, sizeof(z)), "Contoso Inc.");
  /* The default value filled the missing job title on creation. */
  snprintf(zSql, sizeof(zSql), TARGET_OF("nojob"), "t.job_title");
  ck_assert_str_eq(qtext(zDb, zSql, z, sizeof(z)), "Contoso staff");
  /* Every synced user's companyName agrees with the Switch. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links l JOIN users s ON s.id=l.source_user"
                          " JOIN users t ON t.id=l.target_user WHERE t.company_name <>"
                          " CASE s.country WHEN 'US' THEN 'Contoso Inc.' WHEN 'GB' THEN 'Contoso Ltd'"
                          " WHEN 'DE' THEN 'Contoso GmbH' ELSE 'Contoso International' END"), 0);
  /* The extension attribute flowed. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links l JOIN user_extensions se ON"
                          " se.user_id=l.source_user JOIN user_extensions te ON te.user_id=l.target_user"
                          " AND te.name=se.name WHERE te.value<>se.value"), 0);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM user_extensions e JOIN users u ON u.id=e.user_id"
                          " WHERE u.creation_type='Invitation'"), 100);
  /* Only Engineering, Sales and (from day 5) Marketing were provisioned. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE p.action='create' AND s.department NOT IN"
                          " ('Engineering','Sales','Marketing','Finance')"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE p.action='create' AND s.department='Marketing'"
                          " AND p.activity_at < 5*86400"), 0);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE p.action='create' AND s.department='Marketing'"), 10);
  /* Saving the mapping and the filters each started an initial cycle. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM cycles WHERE kind='initial'"), 3);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE"
                          " activity='Update attribute mappings or scope'"), 2);
  /* Delete was switched off: the 20 movers stay, held, and are orphans. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links WHERE held='delete_action_disabled'"), 20);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE action='delete'"), 0);
  j = read_json(zJson);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(jnum(cJSON_GetObjectItemCaseSensitive(j, "orphans"), "by_reason",
                        "delete_action_disabled"), 20);
  cJSON_Delete(j);
}
END_TEST

START_TEST(test_quarantine_outage_escrows_quarantines_and_recovers){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/quarantine-outage.json", "qo", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/qo.db", zDir);
  /* The outage failed the 6,000 moves; every failure was escrowed. */
  ck_assert_int_ge(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE status='failure'"
                          " AND error_code='InternalServerError'"), 6000);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE error_code='TooManyRequests'"), 0);
  /* One quarantine, for the documented reason, lifted by recovery after
  ** the outage ended (P3DT18H), with a notification. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM quarantines WHERE"
                          " reason='EncounteredEscrowProportionThreshold' AND ended_by='recovered'"
                          " AND ended >= 3*86400+18*3600"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM notifications WHERE kind='quarantine'"), 1);
  /* Quarantined cycles backed off: gaps between cycle starts grew. */
  ck_assert_int_gt(q1(zDb, "SELECT max(b.began - a.began) FROM cycles a JOIN cycles b ON b.id=a.id+1"
                          " WHERE a.began BETWEEN 2*86400+6*3600 AND 3*86400+18*3600"), 2*2400);
  /* Everything converged in the end and no escrow is left. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM escrows"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE converged_at IS NULL"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM jobs WHERE status_code='Active'"), 1);
}
END_TEST

/* Drift is a step series: within one series (a target tenant, or the
** total), consecutive rows hold different values, except the row every
** series gets at the end of the run; the total at the end is the sum of
** the tenants'. termination-wave drifts and converges many times. */
START_TEST(test_drift_rows_are_a_step_series_ending_at_the_end){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "tw", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/tw.db", zDir);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM metrics WHERE name='drift'"), 10);
  ck_assert_int_eq(q1(zDb,
    "SELECT count(*) FROM metrics a WHERE a.name='drift'"
    " AND a.t < (SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t')"
    " AND a.value=(SELECT b.value FROM metrics b WHERE b.name='drift' AND b.tenant=a.tenant"
    "              AND b.t<a.t ORDER BY b.t DESC LIMIT 1)"), 0);
  ck_assert_int_eq(q1(zDb,
    "SELECT count(DISTINCT tenant) FROM metrics WHERE name='drift'"
    " AND t=(SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t')"),
    q1(zDb, "SELECT count(DISTINCT tenant) FROM metrics WHERE name='drift'"));
  ck_assert_int_eq(q1(zDb,
    "SELECT value FROM metrics WHERE name='drift' AND tenant=-1 ORDER BY t DESC LIMIT 1"),
    q1(zDb, "SELECT sum(value) FROM metrics m WHERE name='drift' AND tenant>=0"
            " AND t=(SELECT max(t) FROM metrics WHERE name='drift' AND tenant=m.tenant)"));
}
END_TEST

START_TEST(test_deletion_threshold_holds_mass_deletes_until_allowed){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/deletion-threshold.json", "dt", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/dt.db", zDir);
  /* The mistaken EMEA unassignment deleted nobody. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE s.key LIKE 'emea%' AND p.action='delete'"), 0);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE s.key LIKE 'emea%' AND p.action='stagedDelete'"), 1199);
  /* Two TooManyDeletes quarantines: lifted by restart, then by ForceDeletes. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM quarantines WHERE reason='TooManyDeletes'"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM quarantines WHERE ended_by='restart ForceDeletes'"), 1);
  /* 300 leavers below the threshold and the 800 divested users were deleted. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE s.key LIKE 'amer%' AND p.action='delete'"), 300);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN users s ON s.id=p.source_user"
                          " WHERE s.key LIKE 'apac%' AND p.action='delete' AND p.activity_at >= 4*86400+3*3600"), 800);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Quarantine'"), 2);
}
END_TEST

START_TEST(test_policy_mistakes_quarantine_until_fixed_and_sync_off_leaves_users){
  char zDb[300], zJson[300], z[400];
  cJSON *j;
  ck_assert_int_eq(run_scenario("scenarios/policy-mistakes.json", "pm", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/pm.db", zDir);
  snprintf(zJson, sizeof(zJson), "%s/pm.json", zDir);
  /* Each mistake gives the documented code and its side's message. */
  ck_assert_str_eq(qtext(zDb, "SELECT c.error_code FROM cycles c JOIN jobs j ON j.idx=c.job"
                              " WHERE j.key='to-woodgrove' AND c.state='Failed' LIMIT 1", z, sizeof(z)),
                   "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
  ck_assert_ptr_nonnull(strstr(qtext(zDb, "SELECT c.error_message FROM cycles c JOIN jobs j ON"
                              " j.idx=c.job WHERE j.key='to-litware' AND c.state='Failed' LIMIT 1",
                              z, sizeof(z)), "The source tenant has not enabled automatic user consent"));
  /* Quarantined at once, lifted only after the fix. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM quarantines q JOIN jobs j ON j.idx=q.job"
                          " WHERE j.key='to-woodgrove' AND q.began=0 AND q.ended>=86400"
                          " AND q.reason='EncounteredQuarantineException'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT min(p.activity_at) >= 86400 FROM provisioning_log p JOIN jobs j"
                          " ON j.idx=p.job WHERE j.key='to-woodgrove'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT min(p.activity_at) >= 2*86400 FROM provisioning_log p JOIN jobs j"
                          " ON j.idx=p.job WHERE j.key='to-litware'"), 1);
  /* Fabrikam: sync off on day 3 leaves the 300 synced users untouched and
  ** exports nothing afterwards. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN jobs j ON j.idx=p.job"
                          " WHERE j.key='to-fabrikam' AND p.activity_at > 3*86400"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                          " WHERE t.key='fabrikam' AND u.deleted_at IS NULL"), 300);
  j = read_json(zJson);
  ck_assert_ptr_nonnull(j);
  ck_assert_int_eq(jnum(cJSON_GetObjectItemCaseSensitive(j, "orphans"), "by_reason",
                        "target_disallowed_sync"), 10);
  cJSON_Delete(j);
}
END_TEST

START_TEST(test_cross_cloud_connection_test_fails_until_both_sides_are_set_up){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/cross-cloud.json", "cc", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/cc.db", zDir);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM cycles c JOIN jobs j ON j.idx=c.job WHERE"
                          " j.key='to-gov' AND c.error_code='AzureActiveDirectoryTokenExpired'"), 0);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM cycles c JOIN jobs j ON j.idx=c.job WHERE"
                          " j.key='to-china' AND c.error_code='ExternalTenantNotFound'"), 0);
  /* Nothing crossed a cloud before its side was fixed; everyone after. */
  ck_assert_int_eq(q1(zDb, "SELECT min(p.activity_at) >= 86400 FROM provisioning_log p JOIN jobs j"
                          " ON j.idx=p.job WHERE j.key='to-gov'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT min(p.activity_at) >= 2*86400 FROM provisioning_log p JOIN jobs j"
                          " ON j.idx=p.job WHERE j.key='to-china'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                          " WHERE t.key='contoso-gov' AND u.creation_type='Invitation'"), 150);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                          " WHERE t.key='contoso-cn' AND u.creation_type='Invitation'"), 80);
}
END_TEST

START_TEST(test_group_sync_creates_groups_follows_members_and_deletes_on_unassign){
  char zDb[300];
  ck_assert_int_eq(run_scenario("scenarios/group-sync.json", "gs", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/gs.db", zDir);
  /* Falcon: 60 + 10 hired - 5 removed members in Contoso's security group. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                          " JOIN tenants t ON t.idx=g.tenant WHERE t.key='contoso' AND g.key='falcon'"), 65);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups g JOIN tenants t ON t.idx=g.tenant"
                          " WHERE t.key='contoso' AND g.group_type='Security' AND g.created_by_job=0"), 2);
  /* Marketing (a Microsoft 365 group) was deleted when unassigned on day 3. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups g JOIN tenants t ON t.idx=g.tenant"
                          " WHERE t.key='contoso' AND g.key='marketing' AND g.deleted_at>=3*86400"), 1);
  /* The distribution list was never created; Tailspin skipped its group. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups g JOIN tenants t ON t.idx=g.tenant"
                          " WHERE t.key='contoso' AND g.key='dl-all'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN jobs j ON j.idx=p.job"
                          " WHERE j.key='to-tailspin' AND p.error_code='EntityTypeNotSupported'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups g JOIN tenants t ON t.idx=g.tenant"
                          " WHERE t.key='tailspin'"), 0);
  /* Users still synced to Tailspin through the assigned group. */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                          " WHERE t.key='tailspin' AND u.deleted_at IS NULL"), 65);
}
END_TEST


Suite *e2e_suite(void){
  Suite *s = suite_create("e2e");
  TCase *tc = tcase_create("binary");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_ma_onboarding_syncs_every_assigned_enabled_user);
  tcase_add_test(tc, test_ma_onboarding_target_edit_persists_until_source_changes);
  tcase_add_test(tc, test_termination_wave_outcomes);
  tcase_add_test(tc, test_mapping_rollout_values_and_scope_follow_the_custom_mapping);
  tcase_add_test(tc, test_quarantine_outage_escrows_quarantines_and_recovers);
  tcase_add_test(tc, test_deletion_threshold_holds_mass_deletes_until_allowed);
  tcase_add_test(tc, test_drift_rows_are_a_step_series_ending_at_the_end);
  tcase_add_test(tc, test_policy_mistakes_quarantine_until_fixed_and_sync_off_leaves_users);
  tcase_add_test(tc, test_cross_cloud_connection_test_fails_until_both_sides_are_set_up);
  tcase_add_test(tc, test_group_sync_creates_groups_follows_members_and_deletes_on_unassign);
  suite_add_tcase(s, tc);
  return s;
}
