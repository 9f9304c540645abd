/*
** test_report_detect.c — the specification of reports/report_detect.c:
** a scenario's detections evaluated on its run as a SIEM receiving the
** tenants' exported logs would. An entry counts when it matches every
** field given, is at or after "after" and sits in an exported log; the
** detection fires at the entry that makes "count" entries within
** "within"; entries a SIEM never receives are counted apart.
**
** Every scenario here is one story: fabrikam lets evil sync users in at
** PT1H (an audited update of the identity sync setting it declared off),
** evil's job pushes two users from PT2H.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "report.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"

/* The story with fabrikam's logExport zExport (a JSON array, or NULL: not
** given) and the detections zDetections (a JSON array). */
static const char *story(const char *zExport, const char *zDetections){
  static char zBuf[6000];
  char zExp[200] = "";
  if( zExport ) snprintf(zExp, sizeof(zExp), ", 'logExport': %s", zExport);
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'detect', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'evil', 'domain': 'evil.example',"
    "              'populations': [{'count': 2, 'keyPrefix': 'op'}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'%s}],"
    " 'policies': [{'tenant': 'evil', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'evil',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': false}}],"
    " 'jobs': [{'key': 'push', 'source': 'evil', 'target': 'fabrikam', 'scope': 'all',"
    "           'start': 'PT2H'}],"
    " 'timeline': [{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam',"
    "               'partner': 'evil', 'field': 'userSyncInbound.isSyncAllowed', 'value': true}],"
    " 'detections': %s}", zExp, zDetections);
  return scn(zBuf);
}

/* Run zText and build its Report; the caller frees it. */
static Report *reportOf(const char *zText){
  char zDb[64];
  Store *pStore = NULL;
  Report *p = NULL;
  TsErr err;
  tserr_clear(&err);
  fixture_run("tsdetect", "detect.json", zText, zDb, sizeof(zDb));
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(report_build(pStore, &p, &err)==TS_OK, "report: %s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
  return p;
}

/* The detection of p with id zId. */
static const ReportDetect *detectOf(const Report *p, const char *zId){
  int i;
  for(i=0; i<p->nDetect; i++) if( strcmp(p->aDetect[i].zId, zId)==0 ) return &p->aDetect[i];
  ck_abort_msg("no detection %s", zId);
  return NULL;
}

START_TEST(test_audit_entry_fires_the_detection_at_its_instant){
  Report *p = reportOf(story(NULL,
    "[{'id': 'sync-on', 'tenant': 'fabrikam', 'category': 'CrossTenantIdentitySyncSettings',"
    "  'activity': 'Update a partner cross-tenant identity sync setting', 'contains': 'TRUE'}]"));
  const ReportDetect *d = detectOf(p, "sync-on");
  ck_assert_int_eq(d->bDetected, 1);
  ck_assert_int_eq(d->tDetected, 3600);
  ck_assert_int_eq(d->nSeen, 1);
  ck_assert_int_eq(d->nHidden, 0);
  ck_assert_ptr_nonnull(strstr(d->zEvidence, "on evil by admin in fabrikam"));
  report_free(p);
}
END_TEST

START_TEST(test_contains_that_is_absent_does_not_fire){
  Report *p = reportOf(story(NULL,
    "[{'id': 'sync-off', 'activity': 'Update a partner cross-tenant identity sync setting',"
    "  'contains': '=false'}]"));
  const ReportDetect *d = detectOf(p, "sync-off");
  ck_assert_int_eq(d->bDetected, 0);
  ck_assert_int_eq(d->nSeen, 0);
  ck_assert_ptr_null(d->zEvidence);
  report_free(p);
}
END_TEST

START_TEST(test_count_within_a_window_fires_at_the_entry_that_completes_it){
  Report *p = reportOf(story(NULL,
    "[{'id': 'two-adds', 'tenant': 'fabrikam', 'activity': 'Add user',"
    "  'actor': 'Microsoft.Azure.SyncFabric', 'count': 2, 'within': 'PT1H'},"
    " {'id': 'three-adds', 'tenant': 'fabrikam', 'activity': 'Add user', 'count': 3}]"));
  const ReportDetect *d = detectOf(p, "two-adds");
  ck_assert_int_eq(d->bDetected, 1);
  ck_assert_int_eq(d->nSeen, 2);
  ck_assert_int_ge(d->tDetected, 2*3600);
  /* only two users were pushed: three never happen */
  ck_assert_int_eq(detectOf(p, "three-adds")->bDetected, 0);
  ck_assert_int_eq(detectOf(p, "three-adds")->nSeen, 2);
  report_free(p);
}
END_TEST

START_TEST(test_a_window_counts_only_entries_close_together){
  /* entries naming evil: the policy change at PT1H, then the two adds a
  ** second apart from PT2H. Any two: the first add completes the pair;
  ** two within PT30M: only the second add does. */
  Report *p = reportOf(story(NULL,
    "[{'id': 'any', 'tenant': 'fabrikam', 'contains': 'evil', 'count': 2},"
    " {'id': 'close', 'tenant': 'fabrikam', 'contains': 'evil', 'count': 2, 'within': 'PT30M'}]"));
  const ReportDetect *pAny = detectOf(p, "any"), *pClose = detectOf(p, "close");
  ck_assert_int_eq(pAny->nSeen, 3);
  ck_assert_int_eq(pAny->bDetected, 1);
  ck_assert_int_eq(pClose->bDetected, 1);
  ck_assert_int_ge(pAny->tDetected, 2*3600);
  ck_assert_int_gt(pClose->tDetected, pAny->tDetected);
  report_free(p);
}
END_TEST

START_TEST(test_entries_before_after_do_not_count){
  Report *p = reportOf(story(NULL,
    "[{'id': 'late', 'activity': 'Update a partner cross-tenant identity sync setting',"
    "  'after': 'PT1H1S'}]"));
  ck_assert_int_eq(detectOf(p, "late")->bDetected, 0);
  ck_assert_int_eq(detectOf(p, "late")->nSeen, 0);
  ck_assert_int_eq(detectOf(p, "late")->tAfter, 3601);
  report_free(p);
}
END_TEST

START_TEST(test_a_log_that_is_not_exported_detects_nothing){
  Report *p = reportOf(story("['ProvisioningLogs']",
    "[{'id': 'sync-on', 'tenant': 'fabrikam',"
    "  'activity': 'Update a partner cross-tenant identity sync setting'}]"));
  const ReportDetect *d = detectOf(p, "sync-on");
  ck_assert_int_eq(d->bDetected, 0);
  ck_assert_int_eq(d->nSeen, 0);
  ck_assert_int_eq(d->nHidden, 1);
  report_free(p);
}
END_TEST

START_TEST(test_provisioning_entries_are_read_from_the_jobs_source){
  Report *p = reportOf(story("[]",
    "[{'id': 'creates', 'log': 'provisioning', 'job': 'push', 'action': 'create',"
    "  'status': 'success', 'count': 2},"
    " {'id': 'failures', 'log': 'provisioning', 'status': 'failure'}]"));
  const ReportDetect *d = detectOf(p, "creates");
  /* fabrikam exports nothing, but the job's log is evil's, which exports
  ** every category by default */
  ck_assert_int_eq(d->bDetected, 1);
  ck_assert_int_eq(d->nSeen, 2);
  ck_assert_ptr_nonnull(strstr(d->zEvidence, "by job push"));
  ck_assert_int_eq(detectOf(p, "failures")->bDetected, 0);
  report_free(p);
}
END_TEST

START_TEST(test_every_format_states_the_outcome_in_one_sentence){
  Report *p = reportOf(story("[]",
    "[{'id': 'sync-on', 'activity': 'Update a partner cross-tenant identity sync setting'},"
    " {'id': 'push', 'log': 'provisioning', 'action': 'create', 'count': 3},"
    " {'id': 'adds', 'tenant': 'fabrikam', 'activity': 'Add user', 'after': 'PT1H'}]"));
  char z[REPORT_OUTCOME_SIZE];
  /* the policy change is in fabrikam's audit log, which it does not export */
  ck_assert_str_eq(report_detect_outcome(p, detectOf(p, "sync-on"), z, sizeof(z)),
                   "did not fire: 1 matching entry is in logs not exported to a SIEM");
  ck_assert_str_eq(report_detect_outcome(p, detectOf(p, "push"), z, sizeof(z)),
                   "did not fire: 2 of 3 matching entries");
  ck_assert_str_eq(report_detect_outcome(p, detectOf(p, "adds"), z, sizeof(z)),
                   "did not fire: 2 matching entries are in logs not exported to a SIEM");
  report_free(p);
  p = reportOf(story(NULL, "[{'id': 'sync-on', 'contains': 'isSyncAllowed=true', 'after': 'PT30M'}]"));
  ck_assert_str_eq(report_detect_outcome(p, detectOf(p, "sync-on"), z, sizeof(z)),
                   "fired Day 1 10:00, 30 m after Day 1 09:30");
  report_free(p);
}
END_TEST

START_TEST(test_detections_keep_the_scenario_order){
  Report *p = reportOf(story(NULL,
    "[{'id': 'b', 'activity': 'Add user'}, {'id': 'a', 'activity': 'Nothing'}]"));
  ck_assert_int_eq(p->nDetect, 2);
  ck_assert_str_eq(p->aDetect[0].zId, "b");
  ck_assert_str_eq(p->aDetect[1].zId, "a");
  ck_assert_ptr_null(p->aDetect[0].zScope);
  report_free(p);
}
END_TEST

START_TEST(test_detection_load_survives_every_failed_allocation){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  long n;
  int bDone = 0;
  fixture_run("tsdetect", "detect.json", story(NULL,
    "[{'id': 'two-adds', 'activity': 'Add user', 'count': 2},"
    " {'id': 'sync', 'contains': 'true'}]"), zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  for(n=1; !bDone && n<5000; n++){
    Report *p = NULL;
    int rc;
    tserr_clear(&err);
    mem_fail_after(n);
    rc = report_build(pStore, &p, &err);
    mem_fail_after(0);
    if( rc==TS_OK ){
      bDone = 1;
      ck_assert_int_eq(p->nDetect, 2);
      report_free(p);
    }else{
      ck_assert_int_eq(rc, TS_NOMEM);
      ck_assert_ptr_null(p);
    }
  }
  ck_assert_msg(bDone, "the report never built");
  store_close(pStore);
  unlink(zDb);
}
END_TEST

Suite *report_detect_suite(void){
  Suite *s = suite_create("report_detect");
  TCase *tc = tcase_create("detections");
  TCase *tcOom = tcase_create("oom");
  tcase_set_timeout(tc, 60);
  tcase_set_timeout(tcOom, 120);
  tcase_add_test(tc, test_audit_entry_fires_the_detection_at_its_instant);
  tcase_add_test(tc, test_contains_that_is_absent_does_not_fire);
  tcase_add_test(tc, test_count_within_a_window_fires_at_the_entry_that_completes_it);
  tcase_add_test(tc, test_a_window_counts_only_entries_close_together);
  tcase_add_test(tc, test_entries_before_after_do_not_count);
  tcase_add_test(tc, test_a_log_that_is_not_exported_detects_nothing);
  tcase_add_test(tc, test_provisioning_entries_are_read_from_the_jobs_source);
  tcase_add_test(tc, test_every_format_states_the_outcome_in_one_sentence);
  tcase_add_test(tc, test_detections_keep_the_scenario_order);
  tcase_add_test(tcOom, test_detection_load_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcOom);
  return s;
}
