/*
** test_policy.c — the specification of engine/policy.c: cross-tenant
** access policies and the three policy gates (entra-facts §9, §14.8).
**
** A partner policy's unset field inherits the tenant's default; an unset
** default is false. A job runs only while the target allows inbound user
** sync and inbound auto-redemption from the source and the source allows
** outbound auto-redemption to the target; otherwise its cycle fails with
** AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure, provisions
** nothing, and users synced earlier are left exactly as they are.
*/
#include <check.h>
#include "engine_fixture.h"
#include "suites.h"

#define GATE_CODE "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure"
#define TARGET_MESSAGE \
  "The target tenant has not enabled inbound synchronization with this tenant." \
  " Please request the target tenant admin to enable the inbound synchronization" \
  " on their cross-tenant access policy."
#define SOURCE_MESSAGE \
  "The source tenant has not enabled automatic user consent with the target" \
  " tenant. Please enable the outbound cross-tenant access policy for automatic" \
  " user consent in the source tenant."

/* The checks of job j: 0 or 1, the documented code and message. */
static int gate(World *w, const Job *j, const char **pzCode, const char **pzMsg){
  GateResult r;
  int rc = policy_gate_check(w, j->iSource, j->iTarget, j->bCrossCloud, &r);
  *pzCode = r.zCode;
  *pzMsg = r.zMessage;
  return rc;
}

/* Set every gate but eMissing (PF_COUNT: all of them). */
static void allowAllBut(Fixture *f, PolicyField eMissing){
  if( eMissing!=PF_USER_SYNC_INBOUND )
    policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  if( eMissing!=PF_INBOUND_AUTO_REDEEM )
    policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 1);
  if( eMissing!=PF_OUTBOUND_AUTO_REDEEM )
    policy_set(&f->w, FX_SOURCE, FX_TARGET, PF_OUTBOUND_AUTO_REDEEM, 1);
}

/* Check the gates of the fixture's job with every gate but eMissing set. */
static void expectGateFailure(PolicyField eMissing, const char *zMessage){
  Fixture f;
  const char *zCode = NULL, *zMsg = NULL;
  fx_open_world(&f);
  allowAllBut(&f, eMissing);
  fx_add_job(&f, 0);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 1);
  ck_assert_str_eq(zCode, GATE_CODE);
  ck_assert_str_eq(zMsg, zMessage);
  fx_close(&f);
}

/* ---------------------------------------------------------------------
** Inheritance.
*/

START_TEST(test_unset_partner_field_inherits_the_default){
  Fixture f;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, -1, PF_USER_SYNC_INBOUND, 1);
  /* A partner policy exists, configuring another field only. */
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 1);
  ck_assert_int_eq(policy_get(&f.w, FX_TARGET, FX_SOURCE)->userSyncInbound, -1);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND), 1);
  /* No partner policy at all inherits the default too. */
  policy_set(&f.w, FX_SOURCE, -1, PF_OUTBOUND_AUTO_REDEEM, 1);
  ck_assert_int_eq(policy_effective(&f.w, FX_SOURCE, FX_TARGET, PF_OUTBOUND_AUTO_REDEEM), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_set_partner_field_overrides_the_default){
  Fixture f;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, -1, PF_INBOUND_AUTO_REDEEM, 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 0);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 0);
  /* Unsetting the partner field makes it inherit again. */
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, -1);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_unset_default_means_false){
  Fixture f;
  int i;
  fx_open_world(&f);
  /* No policy at all. */
  for(i=0; i<PF_COUNT; i++){
    ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, (PolicyField)i), 0);
  }
  /* A default and a partner policy that leave the field unset. */
  policy_set(&f.w, FX_TARGET, -1, PF_TRUST_MFA, 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_COMPLIANT, 1);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND), 0);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_policy_row_stores_unset_fields_as_null){
  Fixture f;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  policy_set(&f.w, FX_TARGET, -1, PF_INBOUND_AUTO_REDEEM, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT user_sync_inbound FROM policies"
                              " WHERE tenant=%d AND partner=%d", FX_TARGET, FX_SOURCE), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT inbound_auto_redeem IS NULL FROM policies"
                              " WHERE tenant=%d AND partner=%d", FX_TARGET, FX_SOURCE), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT inbound_auto_redeem FROM policies"
                              " WHERE tenant=%d AND partner IS NULL", FX_TARGET), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policies WHERE tenant=%d", FX_TARGET), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_policy_history_keeps_every_state_with_its_instant){
  Fixture f;
  fx_open_world(&f);
  f.w.tNow = 0;
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  f.w.tNow = 3600;
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 1);
  f.w.tNow = 7200;
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policy_history WHERE tenant=%d", FX_TARGET), 3);
  /* the whole row after each change: at PT1H sync is still on, MFA now trusted */
  ck_assert_int_eq(fx_int(&f, "SELECT user_sync_inbound*10 + trust_mfa FROM policy_history"
                              " WHERE at=3600"), 11);
  /* the state in force at an instant: the last row at or before it */
  ck_assert_int_eq(fx_int(&f, "SELECT user_sync_inbound FROM policy_history WHERE at<=%d"
                              " ORDER BY seq DESC LIMIT 1", 5000), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT user_sync_inbound FROM policy_history WHERE at<=%d"
                              " ORDER BY seq DESC LIMIT 1", 7200), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_removed_partner_configuration_reads_the_default_from_then_on){
  Fixture f;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, -1, PF_INBOUND_AUTO_REDEEM, 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 0);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 1);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 0);
  f.w.tNow = 3600;
  /* it had no identity sync setting; a second removal finds nothing */
  ck_assert_int_eq(policy_remove(&f.w, FX_TARGET, FX_SOURCE), 0);
  ck_assert_int_eq(policy_remove(&f.w, FX_TARGET, FX_SOURCE), -1);
  ck_assert_ptr_null(policy_find(&f.w, FX_TARGET, FX_SOURCE));
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 1);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA), 0);
  /* the default stays; the partner's row goes; its history says so */
  ck_assert_ptr_nonnull(policy_find(&f.w, FX_TARGET, -1));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policies WHERE tenant=%d", FX_TARGET), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policy_history WHERE at=3600 AND tenant=%d"
                              " AND partner=%d AND coalesce(inbound_auto_redeem, outbound_auto_redeem,"
                              " user_sync_inbound, trust_mfa, trust_compliant_device,"
                              " trust_hybrid_joined, group_sync_inbound) IS NULL", FX_TARGET,
                          FX_SOURCE), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_added_partner_inherits_every_field_and_sync_fields_create_its_sync_setting){
  Fixture f;
  Policy *p;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, -1, PF_USER_SYNC_INBOUND, 1);
  p = policy_add(&f.w, FX_TARGET, FX_SOURCE);
  ck_assert_ptr_nonnull(p);
  ck_assert_int_eq(p->bSyncSetting, 0);
  ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policies WHERE tenant=%d AND partner=%d"
                              " AND user_sync_inbound IS NULL", FX_TARGET, FX_SOURCE), 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 1);
  ck_assert_int_eq(policy_find(&f.w, FX_TARGET, FX_SOURCE)->bSyncSetting, 0);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_GROUP_SYNC_INBOUND, 0);
  ck_assert_int_eq(policy_find(&f.w, FX_TARGET, FX_SOURCE)->bSyncSetting, 1);
  ck_assert_int_eq(policy_remove(&f.w, FX_TARGET, FX_SOURCE), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_beta_fields_are_recorded_and_role_enabled_sync_is_an_identity_sync_setting){
  Fixture f;
  fx_open_world(&f);
  ck_assert_int_eq(policy_field_find("roleEnabledGroupSyncInbound.isSyncAllowed"),
                   PF_ROLE_GROUP_SYNC_INBOUND);
  ck_assert_int_eq(policy_field_find("inboundTrust.isCompliantNetworkAccepted"),
                   PF_TRUST_COMPLIANT_NETWORK);
  ck_assert_int_eq(policy_field_is_sync(PF_ROLE_GROUP_SYNC_INBOUND), 1);
  ck_assert_int_eq(policy_field_is_sync(PF_TRUST_COMPLIANT_NETWORK), 0);
  f.w.tNow = 60;
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_COMPLIANT_NETWORK, 1);
  ck_assert_int_eq(policy_find(&f.w, FX_TARGET, FX_SOURCE)->bSyncSetting, 0);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_ROLE_GROUP_SYNC_INBOUND, 1);
  ck_assert_int_eq(policy_find(&f.w, FX_TARGET, FX_SOURCE)->bSyncSetting, 1);
  ck_assert_int_eq(fx_int(&f, "SELECT role_group_sync_inbound*10 + trust_compliant_network"
                              " FROM policies WHERE tenant=%d AND partner=%d", FX_TARGET, FX_SOURCE), 11);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM policy_history WHERE at=60 AND"
                              " role_group_sync_inbound IS NULL AND trust_compliant_network=1"), 1);
  /* neither bears on a job's checks: the engine does not read them */
  ck_assert_int_eq(policy_field_concerns(&f.w, FX_SOURCE, FX_TARGET, 1, FX_TARGET, FX_SOURCE,
                                         PF_ROLE_GROUP_SYNC_INBOUND), 0);
  ck_assert_int_eq(policy_field_concerns(&f.w, FX_SOURCE, FX_TARGET, 1, FX_TARGET, FX_SOURCE,
                                         PF_TRUST_COMPLIANT_NETWORK), 0);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** The three gates.
*/

START_TEST(test_all_three_gates_set_pass){
  Fixture f;
  const char *zCode = NULL, *zMsg = NULL;
  fx_open_world(&f);
  allowAllBut(&f, PF_COUNT);
  fx_add_job(&f, 0);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_no_policies_fail_the_gate){
  Fixture f;
  const char *zCode = NULL, *zMsg = NULL;
  fx_open_world(&f);
  fx_add_job(&f, 0);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 1);
  ck_assert_str_eq(zCode, GATE_CODE);
  fx_close(&f);
}
END_TEST

START_TEST(test_missing_target_inbound_sync_fails_with_the_target_message){
  expectGateFailure(PF_USER_SYNC_INBOUND, TARGET_MESSAGE);
}
END_TEST

START_TEST(test_missing_target_inbound_auto_redeem_fails_with_the_target_message){
  expectGateFailure(PF_INBOUND_AUTO_REDEEM, TARGET_MESSAGE);
}
END_TEST

START_TEST(test_missing_source_outbound_auto_redeem_fails_with_the_source_message){
  expectGateFailure(PF_OUTBOUND_AUTO_REDEEM, SOURCE_MESSAGE);
}
END_TEST

START_TEST(test_gates_accept_settings_inherited_from_default_policies){
  Fixture f;
  const char *zCode = NULL, *zMsg = NULL;
  fx_open_world(&f);
  policy_set(&f.w, FX_TARGET, -1, PF_USER_SYNC_INBOUND, 1);
  policy_set(&f.w, FX_TARGET, -1, PF_INBOUND_AUTO_REDEEM, 1);
  policy_set(&f.w, FX_SOURCE, -1, PF_OUTBOUND_AUTO_REDEEM, 1);
  fx_add_job(&f, 0);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_auto_redeem_in_the_wrong_direction_does_not_open_the_gate){
  Fixture f;
  const char *zCode = NULL, *zMsg = NULL;
  fx_open_world(&f);
  /* Target outbound and source inbound instead of the other way round. */
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_OUTBOUND_AUTO_REDEEM, 1);
  policy_set(&f.w, FX_SOURCE, FX_TARGET, PF_INBOUND_AUTO_REDEEM, 1);
  fx_add_job(&f, 0);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 1);
  ck_assert_str_eq(zMsg, TARGET_MESSAGE);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 1);
  ck_assert_int_eq(gate(&f.w, fx_job(&f), &zCode, &zMsg), 1);
  ck_assert_str_eq(zMsg, SOURCE_MESSAGE);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Gates and cycles.
*/

START_TEST(test_cycle_started_while_the_gate_fails_is_failed_and_provisions_nothing){
  Fixture f;
  char z[256];
  int64_t idA, idB;
  fx_open_world(&f);
  allowAllBut(&f, PF_OUTBOUND_AUTO_REDEEM);
  fx_add_job(&f, 0);
  idA = fx_user(&f, "alice");
  idB = fx_user(&f, "bob");
  fx_assign(&f, idA);
  fx_assign(&f, idB);
  job_start(&f.w, fx_job(&f));

  ck_assert_int_eq(fx_cycle(&f, 0), 0);
  ck_assert_int_eq(fx_job(&f)->run.bRunning, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles"), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT state FROM cycles"), "Failed");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT error_code FROM cycles"), GATE_CODE);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT error_message FROM cycles"), SOURCE_MESSAGE);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT gate_error FROM jobs"), GATE_CODE);
  ck_assert_str_eq(fx_job(&f)->zGateError, GATE_CODE);
  /* Nothing provisioned. */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE tenant=%d", FX_TARGET), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links"), 0);
  ck_assert_int_eq(fx_target(&f, idA), 0);
  ck_assert_int_eq(fx_target(&f, idB), 0);
  /* The job retries at the next interval. */
  ck_assert_int_eq(fx_job(&f)->tNextCycle, fx_job(&f)->interval);
  fx_close(&f);
}
END_TEST

START_TEST(test_passing_gate_after_a_failure_clears_the_gate_error){
  Fixture f;
  int64_t id;
  fx_open_world(&f);
  allowAllBut(&f, PF_USER_SYNC_INBOUND);
  fx_add_job(&f, 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 0);
  f.w.tNow = 600;
  admin_policy(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  ck_assert_int_eq(fx_cycle(&f, fx_job(&f)->tNextCycle), 1);
  ck_assert_ptr_null(fx_job(&f)->zGateError);
  ck_assert_int_eq(fx_int(&f, "SELECT gate_error IS NULL FROM jobs"), 1);
  ck_assert_int_gt(fx_target(&f, id), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_disabling_inbound_sync_leaves_synced_users_untouched_and_fails_later_cycles){
  Fixture f;
  char z[256];
  int64_t idA, idB, idTA, idTB;
  fx_open(&f, 0);
  idA = fx_user(&f, "alice");
  idB = fx_user(&f, "bob");
  fx_assign(&f, idA);
  fx_assign(&f, idB);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  idTA = fx_target(&f, idA);
  idTB = fx_target(&f, idB);
  ck_assert_int_gt(idTA, 0);
  ck_assert_int_gt(idTB, 0);

  /* The target severs inbound sync; then the source changes alice and
  ** unassigns bob, which would otherwise update and soft-delete. */
  f.w.tNow = SIMTIME_HOUR;
  admin_policy(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 0);
  ck_assert_int_eq(admin_update(&f.w, idA, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), idB, 0), 1);

  ck_assert_int_eq(fx_cycle(&f, 2*SIMTIME_HOUR), 0);
  ck_assert_int_eq(fx_cycle(&f, 3*SIMTIME_HOUR), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE state='Failed'"
                              " AND error_code='%s' AND began>0", GATE_CODE), 2);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT error_message FROM cycles"
                           " ORDER BY id DESC LIMIT 1"), TARGET_MESSAGE);

  /* Both target users are live and unchanged. */
  ck_assert(user_is_live(world_user(&f.w, idTA)));
  ck_assert(user_is_live(world_user(&f.w, idTB)));
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idTA), A_JOB_TITLE), "Engineer");
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idTA), A_ACCOUNT_ENABLED), ATTR_TRUE);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE tenant=%d"
                              " AND deleted_at IS NULL AND purged_at IS NULL", FX_TARGET), 2);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT job_title FROM users WHERE id=%lld",
                           (long long)idTA), "Engineer");
  /* Only the initial cycle ever wrote provisioning-log rows. */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log"
                              " WHERE activity_at>=%d", SIMTIME_HOUR), 0);
  fx_close(&f);
}
END_TEST

Suite *policy_suite(void){
  Suite *s = suite_create("policy");
  TCase *tcInherit = tcase_create("inheritance");
  TCase *tcGate = tcase_create("gates");
  TCase *tcCycle = tcase_create("cycles");

  tcase_add_test(tcInherit, test_unset_partner_field_inherits_the_default);
  tcase_add_test(tcInherit, test_set_partner_field_overrides_the_default);
  tcase_add_test(tcInherit, test_unset_default_means_false);
  tcase_add_test(tcInherit, test_policy_history_keeps_every_state_with_its_instant);
  tcase_add_test(tcInherit, test_policy_row_stores_unset_fields_as_null);
  tcase_add_test(tcInherit, test_removed_partner_configuration_reads_the_default_from_then_on);
  tcase_add_test(tcInherit, test_added_partner_inherits_every_field_and_sync_fields_create_its_sync_setting);
  tcase_add_test(tcInherit, test_beta_fields_are_recorded_and_role_enabled_sync_is_an_identity_sync_setting);
  suite_add_tcase(s, tcInherit);

  tcase_add_test(tcGate, test_all_three_gates_set_pass);
  tcase_add_test(tcGate, test_no_policies_fail_the_gate);
  tcase_add_test(tcGate, test_missing_target_inbound_sync_fails_with_the_target_message);
  tcase_add_test(tcGate, test_missing_target_inbound_auto_redeem_fails_with_the_target_message);
  tcase_add_test(tcGate, test_missing_source_outbound_auto_redeem_fails_with_the_source_message);
  tcase_add_test(tcGate, test_gates_accept_settings_inherited_from_default_policies);
  tcase_add_test(tcGate, test_auto_redeem_in_the_wrong_direction_does_not_open_the_gate);
  suite_add_tcase(s, tcGate);

  tcase_add_test(tcCycle, test_cycle_started_while_the_gate_fails_is_failed_and_provisions_nothing);
  tcase_add_test(tcCycle, test_passing_gate_after_a_failure_clears_the_gate_error);
  tcase_add_test(tcCycle, test_disabling_inbound_sync_leaves_synced_users_untouched_and_fails_later_cycles);
  suite_add_tcase(s, tcCycle);
  return s;
}
