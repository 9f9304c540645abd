/*
** test_ondemand.c — on-demand provisioning: one user, at once, outside the
** cycle schedule, with the documented limits.
*/
#include "engine_fixture.h"
#include "suites.h"

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

START_TEST(test_on_demand_cannot_find_a_user_deleted_in_the_source){
  Fixture f;
  const char *zOut;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "amy");
  fx_assign(&f, id);
  admin_delete(&f.w, id);
  ck_assert_int_eq(cycle_on_demand(&f.w, fx_job(&f), id, &zOut), 0);
  ck_assert_ptr_nonnull(strstr(zOut, "not found"));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='onDemand' AND state='Failed'"
                              " AND error_code='UserNotFound'"), 1);
  fx_close(&f);
}
END_TEST

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
  fx_close(&f);
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
  tcase_add_test(tc, test_on_demand_cannot_find_a_user_deleted_in_the_source);
  tcase_add_test(tc, test_on_demand_reports_a_failed_connection_test);
  tcase_add_test(tc, test_on_demand_restore_of_a_soft_deleted_user_creates_a_duplicate);
  suite_add_tcase(s, tc);
  return s;
}
