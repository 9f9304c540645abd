/*
** test_ondemand.c — on-demand provisioning (engine/sync/cycle_on_demand.h):
** one user, at once, outside the cycle schedule, with the documented
** limits; every outcome leaves its provisioning-log row, and the on-demand
** report (reports/ondemand.h) prints the steps from it.
*/
#include "engine_fixture.h"
#include "cycle_on_demand.h"
#include "ondemand.h"
#include "mem.h"
#include "suites.h"

/* The number of on-demand provisioning-log rows matching zWhere. */
static int64_t odRows(Fixture *f, const char *zWhere){
  return fx_int(f, "SELECT count(*) FROM provisioning_log p JOIN cycles c ON c.id=p.cycle"
                   " WHERE c.kind='onDemand' AND %s", zWhere);
}

/* The on-demand report of f's latest on-demand provisioning prints the
** one step zStep ("EntryImport (import)") as failed, and the error zCode. */
static void reportShowsOneFailedStep(Fixture *f, const char *zStep, const char *zCode){
  char z[2048], zWant[128];
  FILE *fp = tmpfile();
  TsErr e;
  size_t k;
  ck_assert_ptr_nonnull(fp);
  tserr_clear(&e);
  ck_assert_int_eq(ondemand_steps_write(f->w.pStore, fp, &e), TS_OK);
  rewind(fp);
  k = fread(z, 1, sizeof(z)-1, fp);
  z[k] = 0;
  fclose(fp);
  snprintf(zWant, sizeof(zWant), "1. %s: failure", zStep);
  ck_assert_msg(strstr(z, zWant)!=NULL, "no \"%s\" in:\n%s", zWant, z);
  ck_assert_ptr_null(strstr(z, "2. "));
  snprintf(zWant, sizeof(zWant), "error: %s", zCode);
  ck_assert_msg(strstr(z, zWant)!=NULL, "no \"%s\" in:\n%s", zWant, z);
}

START_TEST(test_on_demand_provisions_one_user_at_once_without_a_cycle){
  Fixture f;
  const char *zOut = NULL;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "amy");
  fx_assign(&f, id);
  f.w.tNow = 500;
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_int_gt(fx_target(&f, id), 0);
  ck_assert_ptr_nonnull(strstr(zOut, "exported"));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='onDemand' AND began=500"
                              " AND ended=500 AND state='Succeeded' AND count_exported=1"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log p JOIN cycles c ON c.id=p.cycle"
                              " WHERE c.kind='onDemand' AND p.action='create' AND p.duration_ms<30000"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind<>'onDemand'"), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_on_demand_does_not_disturb_a_running_cycle){
  Fixture f;
  Job *j;
  SimTime tNext;
  int64_t a, b;
  const char *zOut;
  fx_open(&f, 0);
  a = fx_user(&f, "amy");
  b = fx_user(&f, "bob");
  fx_assign(&f, a);
  fx_assign(&f, b);
  j = fx_job(&f);
  f.w.tNow = 0;
  ck_assert_int_eq(cycle_begin(&f.w, j), 0);
  ck_assert_int_eq(cycle_step(&f.w, j, 0, 61, &tNext), 0);      /* paused after amy */
  ck_assert_int_eq(cycle_on_demand(&f.w, j, b, &zOut), 0);
  ck_assert(j->run.bRunning);
  while( cycle_step(&f.w, j, f.w.tNow, INT64_MAX, &tNext)==0 ) f.w.tNow = tNext;
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='initial' AND ended IS NOT NULL"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  fx_close(&f);
}
END_TEST

/* S14 (On-demand provisioning in Microsoft Entra ID, known limitations):
** "On-demand provisioning supports disabling users that have been
** unassigned from the application. However, it doesn't support disabling
** or deleting users that have been disabled or deleted from Microsoft
** Entra ID. Those users don't appear when you search for a user." A synced
** user disabled at the source is not found: its target user stays
** enabled, and the request leaves a failed row (UserNotFound, stopped at
** import). */
START_TEST(test_on_demand_does_not_find_a_user_disabled_in_the_source){
  Fixture f;
  const char *zOut;
  int64_t id = fx_synced_user(&f, "amy"), idT = fx_target(&f, id);
  f.w.tNow = 600;
  ck_assert_int_eq(admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_str_eq(zOut, "user not found: disabled in the source");
  ck_assert(attr_is_true(world_user_attr(&f.w, world_user(&f.w, idT), A_ACCOUNT_ENABLED)));
  ck_assert_int_eq(odRows(&f, "p.status='failure' AND p.error_code='UserNotFound'"
                              " AND p.stop_step='import' AND p.action='other'"
                              " AND p.reason LIKE '%%disabled in the source%%'"
                              " AND p.reason LIKE '%%do not appear when you search%%'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='onDemand'"
                              " AND state='Failed' AND error_code='UserNotFound'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='disable'"), 0);
  reportShowsOneFailedStep(&f, "EntryImport (import)", "UserNotFound");
  fx_close(&f);
}
END_TEST

/* S14, the same limitation: a user deleted in the source is not found
** either, and the target user is not deleted on demand. */
START_TEST(test_on_demand_does_not_find_a_user_deleted_in_the_source){
  Fixture f;
  const char *zOut;
  int64_t id = fx_synced_user(&f, "amy"), idT = fx_target(&f, id);
  f.w.tNow = 600;
  ck_assert_int_eq(admin_delete(&f.w, id), 1);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_str_eq(zOut, "user not found: deleted in the source");
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(odRows(&f, "p.status='failure' AND p.error_code='UserNotFound'"
                              " AND p.stop_step='import' AND p.change_type='Delete'"
                              " AND p.reason LIKE '%%deleted in the source%%'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='onDemand' AND state='Failed'"
                              " AND error_code='UserNotFound'"), 1);
  fx_close(&f);
}
END_TEST

/* S14: on demand "supports disabling users that have been unassigned from
** the application": an unassigned, still enabled user is found and
** deprovisioned as a cycle would (for CTS a soft delete, entra-facts §6). */
START_TEST(test_on_demand_deprovisions_a_user_unassigned_from_the_job){
  Fixture f;
  const char *zOut;
  int64_t id = fx_synced_user(&f, "amy"), idT = fx_target(&f, id);
  f.w.tNow = 600;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_ptr_nonnull(strstr(zOut, "exported"));
  ck_assert(!user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(odRows(&f, "p.action='delete' AND p.status='success' AND p.stop_step IS NULL"), 1);
  fx_close(&f);
}
END_TEST

/* S14, step 1: the test connection "is shown only when it fails". A failed
** policy check leaves a failed row stopped at the connection test, with
** the check's code, and provisions nothing. The user is searched for
** before the connection is tested (S14's steps: search, then Provision):
** once disabled, the same user is not found, although the connection test
** would still fail. */
START_TEST(test_on_demand_reports_a_failed_connection_test){
  Fixture f;
  const char *zOut;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "amy");
  fx_assign(&f, id);
  policy_set(&f.w, FX_SOURCE, FX_TARGET, PF_OUTBOUND_AUTO_REDEEM, 0);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_ptr_nonnull(strstr(zOut, "Test connection failed"));
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert_int_eq(odRows(&f, "p.status='failure' AND p.stop_step='connection'"
                              " AND p.error_code=c.error_code AND p.reason=c.error_message"), 1);
  reportShowsOneFailedStep(&f, "TestConnection (processing)",
                           "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_str_eq(zOut, "user not found: disabled in the source");
  reportShowsOneFailedStep(&f, "EntryImport (import)", "UserNotFound");
  fx_close(&f);
}
END_TEST

/* S14, cross-tenant synchronization pivot: "On-demand provisioning of
** groups is not supported for cross-tenant synchronization." The refusal
** leaves a Group row: failure, EntityTypeNotSupported, stopped at import. */
START_TEST(test_on_demand_of_a_group_is_refused_with_a_log_row){
  Fixture f;
  const char *zOut;
  int iG;
  fx_open(&f, 0);
  iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "Project Falcon", "Security");
  ck_assert_int_ge(iG, 0);
  ck_assert_int_eq(cycle_on_demand_group(&f.w, fx_job(&f), iG, &zOut), 0);
  ck_assert_ptr_nonnull(strstr(zOut, "EntityTypeNotSupported"));
  ck_assert_int_eq(odRows(&f, "p.object_type='Group' AND p.status='failure'"
                              " AND p.error_code='EntityTypeNotSupported' AND p.stop_step='import'"
                              " AND p.source_user IS NULL AND p.source_display='Project Falcon'"
                              " AND p.reason LIKE '%%cannot be provisioned on demand%%'"), 1);
  ck_assert_int_eq(odRows(&f, "p.source_group=0"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='onDemand' AND state='Failed'"
                              " AND error_code='EntityTypeNotSupported'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM groups WHERE tenant=%d", FX_TARGET), 0);
  reportShowsOneFailedStep(&f, "EntryImport (import)", "EntityTypeNotSupported");
  fx_close(&f);
}
END_TEST

/* Every allocation of a refused group's on-demand request failing in
** turn: out of memory is reported, and once allocations succeed the row
** is written once. */
START_TEST(test_a_refused_group_survives_every_failed_allocation){
  long n;
  int bDone = 0;
  for(n=1; n<100 && !bDone; n++){
    Fixture f;
    const char *zOut;
    int iG, rc;
    fx_open(&f, 0);
    iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "Project Falcon", "Security");
    mem_fail_after(n);
    rc = cycle_on_demand_group(&f.w, fx_job(&f), iG, &zOut);
    mem_fail_after(0);
    if( rc<0 ){
      ck_assert_int_eq(f.w.bNoMem, 1);
      f.w.bNoMem = 0;
      engine_close(&f.w);
      continue;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(odRows(&f, "p.object_type='Group'"), 1);
    bDone = 1;
    fx_close(&f);
  }
  ck_assert_msg(bDone, "the request never succeeded");
  ck_assert_int_gt(n, 1);
}
END_TEST

START_TEST(test_on_demand_restore_of_a_soft_deleted_user_creates_a_duplicate){
  Fixture f;
  const char *zOut;
  int64_t id, idFirst;
  fx_open(&f, 0);
  id = fx_user(&f, "amy");
  fx_assign(&f, id);
  ck_assert(fx_cycle(&f, 0));
  idFirst = fx_target(&f, id);
  job_assign_user(&f.w, fx_job(&f), id, 0);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_ge(world_user(&f.w, idFirst)->tDeleted, 0);
  job_assign_user(&f.w, fx_job(&f), id, 1);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_int_ne(fx_target(&f, id), idFirst);
  ck_assert_int_ge(world_user(&f.w, idFirst)->tDeleted, 0);      /* still soft-deleted */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='warning'"
                              " AND reason LIKE '%%duplicate%%'"), 1);
  fx_close(&f);
}
END_TEST

Suite *ondemand_suite(void){
  Suite *s = suite_create("ondemand");
  TCase *tc = tcase_create("ondemand");
  tcase_add_test(tc, test_on_demand_provisions_one_user_at_once_without_a_cycle);
  tcase_add_test(tc, test_on_demand_does_not_disturb_a_running_cycle);
  tcase_add_test(tc, test_on_demand_does_not_find_a_user_disabled_in_the_source);
  tcase_add_test(tc, test_on_demand_does_not_find_a_user_deleted_in_the_source);
  tcase_add_test(tc, test_on_demand_deprovisions_a_user_unassigned_from_the_job);
  tcase_add_test(tc, test_on_demand_reports_a_failed_connection_test);
  tcase_add_test(tc, test_on_demand_of_a_group_is_refused_with_a_log_row);
  tcase_add_test(tc, test_a_refused_group_survives_every_failed_allocation);
  tcase_add_test(tc, test_on_demand_restore_of_a_soft_deleted_user_creates_a_duplicate);
  suite_add_tcase(s, tc);
  return s;
}
