/*
** test_report_json.c — the specification of reports/report_json.c: the
** JSON report is the same bytes for the same database, does not depend on
** row order or ids, parses, and has its documented fields in order.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "report.h"
#include "report_fixture.h"
#include "suites.h"

/* ================================================================ JSON */


START_TEST(test_json_is_identical_for_the_same_database){
  Rfx f;
  Report *p1, *p2;
  char *z1, *z2, *zText1, *zText2;
  TsErr err;
  rfx_open(&f);
  rfx_populate(&f, 0);
  p1 = rfx_report(f.pStore);
  z1 = rfx_write_of(p1, 1);
  zText1 = rfx_write_of(p1, 0);
  /* Read again through a fresh read-only connection, as `tenantsim report`. */
  store_close(f.pStore);
  tserr_clear(&err);
  ck_assert_msg(store_open_readonly(f.zPath, &f.pStore, &err)==0, "%s", err.zMsg);
  p2 = rfx_report(f.pStore);
  z2 = rfx_write_of(p2, 1);
  zText2 = rfx_write_of(p2, 0);
  ck_assert_str_eq(z1, z2);
  ck_assert_str_eq(zText1, zText2);
  ck_assert_ptr_nonnull(strstr(z1, "\"count\": 5"));   /* orphans: it is not empty */
  free(z1); free(z2); free(zText1); free(zText2);
  report_free(p1);
  report_free(p2);
  rfx_close(&f);
}
END_TEST

START_TEST(test_json_does_not_depend_on_row_order_or_ids){
  Rfx f1, f2;
  Report *p1, *p2;
  char *z1, *z2;
  rfx_open(&f1);
  rfx_open(&f2);
  rfx_populate(&f1, 0);
  rfx_populate(&f2, 1);
  p1 = rfx_report(f1.pStore);
  p2 = rfx_report(f2.pStore);
  z1 = rfx_write_of(p1, 1);
  z2 = rfx_write_of(p2, 1);
  ck_assert_str_eq(z1, z2);
  free(z1);
  free(z2);
  report_free(p1);
  report_free(p2);
  rfx_close(&f1);
  rfx_close(&f2);
}
END_TEST

START_TEST(test_json_parses_and_has_required_fields){
  static const char *const azTop[] = {
    "tenantsim_version", "scenario", "seed", "start", "end", "duration", "verdict",
    "convergence", "orphans", "jobs", "narrative", "detections", "sign_ins", "security",
    "totals"
  };
  static const char *const azItem[] = {
    "target_tenant", "object_id", "user_principal_name", "display_name",
    "source_tenant", "source_user", "job", "reason", "source_state",
    "orphaned_since", "age_seconds"
  };
  Rfx f;
  Report *p;
  cJSON *pDoc, *pKey, *pJob, *pItem;
  char *z;
  size_t i;
  rfx_open(&f);
  rfx_populate(&f, 0);
  p = rfx_report(f.pStore);
  z = rfx_write_of(p, 1);
  ck_assert_int_eq(z[strlen(z)-1], '\n');
  ck_assert_int_eq(strncmp(z, "{\n  \"tenantsim_version\": \"0.9.0\",\n", 34), 0);
  free(z);
  pDoc = rfx_json_of(p);
  /* Keys in the documented order. */
  for(i=0, pKey=pDoc->child; i<sizeof(azTop)/sizeof(azTop[0]); i++, pKey=pKey->next){
    ck_assert_ptr_nonnull(pKey);
    ck_assert_str_eq(pKey->string, azTop[i]);
  }
  ck_assert_ptr_null(pKey);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "seed"), 42);
  ck_assert_str_eq(rfx_str_at(pDoc, "scenario"), "unit");
  ck_assert_int_eq((int)rfx_num_at(pDoc, "convergence.changes"), 8);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "convergence.never_converged"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(rfx_at(pDoc, "convergence.by_job")), 2);
  /* 7 converged, 1 open: p50 is known, p95 (rank 8 of 8) is censored. */
  ck_assert(cJSON_IsNumber(rfx_at(pDoc, "convergence.latency_seconds.p50")));
  ck_assert(cJSON_IsString(rfx_at(pDoc, "convergence.latency.p50")));
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency_seconds.p95")));
  ck_assert(cJSON_IsTrue(rfx_at(pDoc, "convergence.censored.p95")));
  ck_assert(cJSON_IsArray(rfx_at(pDoc, "verdict")));
  ck_assert(cJSON_IsArray(rfx_at(pDoc, "narrative")));
  ck_assert(cJSON_IsArray(rfx_at(pDoc, "convergence.drift.zero_at")));
  ck_assert_int_eq((int)rfx_num_at(pDoc, "orphans.count"), 5);
  ck_assert_int_eq(cJSON_GetArraySize(rfx_at(pDoc, "orphans.items")), 5);
  pItem = cJSON_GetArrayItem(rfx_at(pDoc, "orphans.items"), 0);
  for(i=0, pKey=pItem->child; i<sizeof(azItem)/sizeof(azItem[0]); i++, pKey=pKey->next){
    ck_assert_ptr_nonnull(pKey);
    ck_assert_str_eq(pKey->string, azItem[i]);
  }
  pJob = cJSON_GetArrayItem(rfx_at(pDoc, "jobs"), 1);
  ck_assert_str_eq(rfx_str_at(pJob, "job"), "src-to-alpha");
  ck_assert_str_eq(rfx_str_at(pJob, "gate_error"), "TargetTenantDisallowsSync");
  ck_assert_str_eq(rfx_str_at(pJob, "target"), "alpha");
  ck_assert_int_eq((int)rfx_num_at(pJob, "cycles.failed"), 1);
  ck_assert_int_eq((int)rfx_num_at(pJob, "failures"), 1);
  ck_assert(cJSON_IsNull(rfx_at(cJSON_GetArrayItem(rfx_at(pDoc, "jobs"), 0), "gate_error")));
  ck_assert_int_eq((int)rfx_num_at(pDoc, "totals.source_users"), 6);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "totals.target_b2b_users_live"), 6);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "totals.timeline_actions"), 1);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

Suite *report_json_suite(void){
  Suite *s = suite_create("report_json");
  TCase *tc = tcase_create("report");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_json_is_identical_for_the_same_database);
  tcase_add_test(tc, test_json_does_not_depend_on_row_order_or_ids);
  tcase_add_test(tc, test_json_parses_and_has_required_fields);
  suite_add_tcase(s, tc);
  return s;
}
