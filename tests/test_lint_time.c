/*
** test_lint_time.c — the specification of the lint findings over a run
** (reports/lint_time.c, engine/sync/job_history.c, reports/report_lint.c,
** reports/diff_lint.c): a finding is recorded from the instant the change
** that made it lands to the instant the change that fixes it does, with
** the JSON path of the timeline action; time alone makes a stuck job; the
** reports show the findings and expectations can read them; a diff names
** the findings a change adds or removes.
**
** The story: contoso syncs its three assigned users into fabrikam, with
** accidental-deletion prevention at 2 and every log exported, so nothing
** is found until the timeline breaks something.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "diff.h"
#include "lint.h"
#include "lint_fixture.h"
#include "mem.h"
#include "report.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"

#define NO_DELETE "{'create': true, 'update': true, 'delete': false}"
#define ALL_ACTIONS "{'create': true, 'update': true, 'delete': true}"

static const char *story(const char *zJob, const char *zTimeline, const char *zDuration){
  static char zBuf[4000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lint-time', 'start': '2026-01-05T09:00:00Z', 'duration': '%s',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [{'key': 'g', 'restrictedManagementUnit': true}],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}],"
    "              'logExport': ['AuditLogs', 'ProvisioningLogs']},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com',"
    "              'logExport': ['AuditLogs', 'ProvisioningLogs']}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}, 'deleteThreshold': 2, " LINT_FX_NOTIFY "%s}],"
    " 'timeline': [%s]}", zDuration, zJob, zTimeline);
  return scn(zBuf);
}

/* Delete removed from the job's actions at P1D and given back at P2D. */
static const char *breakAndFix(void){
  return story("", "{'at': 'P1D', 'action': 'set_mapping', 'job': 'c2f',"
                   " 'mapping': {'targetObjectActions': " NO_DELETE "}},"
                   "{'at': 'P2D', 'action': 'set_mapping', 'job': 'c2f',"
                   " 'mapping': {'targetObjectActions': " ALL_ACTIONS "}}", "P3D");
}

static Store *runOf(const char *zText, char *zDb, size_t n){
  Store *pStore = NULL;
  TsErr err;
  fixture_run("tslintt", "lint-time.json", zText, zDb, n);
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  return pStore;
}

static int64_t intOf(Store *pStore, const char *zSql){
  sqlite3_stmt *s;
  int64_t v = -999;
  ck_assert_int_eq(sqlite3_prepare_v2(store_db(pStore), zSql, -1, &s, NULL), SQLITE_OK);
  if( sqlite3_step(s)==SQLITE_ROW ){
    v = sqlite3_column_type(s, 0)==SQLITE_NULL ? -1 : sqlite3_column_int64(s, 0);
  }
  sqlite3_finalize(s);
  return v;
}

static const char *textOf(Store *pStore, const char *zSql, char *z, size_t n){
  sqlite3_stmt *s;
  z[0] = 0;
  ck_assert_int_eq(sqlite3_prepare_v2(store_db(pStore), zSql, -1, &s, NULL), SQLITE_OK);
  if( sqlite3_step(s)==SQLITE_ROW && sqlite3_column_text(s, 0) ){
    snprintf(z, n, "%s", (const char*)sqlite3_column_text(s, 0));
  }
  sqlite3_finalize(s);
  return z;
}

START_TEST(test_a_finding_lasts_from_the_change_that_made_it_to_the_one_that_fixed_it){
  char zDb[64], z[200];
  Store *pStore = runOf(breakAndFix(), zDb, sizeof(zDb));
  ck_assert_int_eq(intOf(pStore, "SELECT count(*) FROM lint_findings"), 1);
  ck_assert_str_eq(textOf(pStore, "SELECT rule FROM lint_findings", z, sizeof(z)), "XTS-S07");
  ck_assert_int_eq(intOf(pStore, "SELECT first_seen FROM lint_findings"), 86400);
  ck_assert_int_eq(intOf(pStore, "SELECT cleared FROM lint_findings"), 2*86400);
  ck_assert_str_eq(textOf(pStore, "SELECT path FROM lint_findings", z, sizeof(z)),
                   "$.timeline[0].mapping.targetObjectActions");
  ck_assert_str_eq(textOf(pStore, "SELECT value FROM lint_findings", z, sizeof(z)), "Create,Update");
  /* the job's settings over time: declared, broken, fixed */
  ck_assert_int_eq(intOf(pStore, "SELECT count(*) FROM job_history"), 3);
  ck_assert_int_eq(intOf(pStore, "SELECT object_actions_action FROM job_history WHERE at=86400"), 0);
  ck_assert_int_eq(intOf(pStore, "SELECT delete_threshold_action FROM job_history WHERE at=86400"), -1);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_lint_at_an_instant_reads_the_job_settings_in_force_then){
  char zDb[64];
  Store *pStore = runOf(breakAndFix(), zDb, sizeof(zDb));
  SimTime at[] = { 12*3600, 86400 + 3600, -1 };
  int want[] = { 0, 1, 0 }, i;
  for(i=0; i<3; i++){
    LintResult r;
    TsErr err;
    tserr_clear(&err);
    ck_assert_int_eq(lint_run(pStore, at[i], NULL, 0, &r, &err), TS_OK);
    ck_assert_msg(r.nFinding==want[i], "at %lld: %d findings", (long long)at[i], r.nFinding);
    if( want[i] ){
      ck_assert_str_eq(r.aFinding[0].pRule->zId, "XTS-S07");
      ck_assert_str_eq(r.aFinding[0].zPath, "$.timeline[0].mapping.targetObjectActions");
    }
    lint_free(&r);
  }
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_quarantine_becomes_a_stuck_job_a_week_after_it_began){
  char zDb[64];
  Store *pStore = runOf(story("", "{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam',"
                              " 'partner': 'contoso', 'field': 'userSyncInbound.isSyncAllowed',"
                              " 'value': false}", "P10D"), zDb, sizeof(zDb));
  int64_t tBegan = intOf(pStore, "SELECT min(began) FROM quarantines");
  ck_assert_int_gt(tBegan, 0);
  ck_assert_int_eq(intOf(pStore, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S10'"), 1);
  ck_assert_int_eq(intOf(pStore, "SELECT first_seen FROM lint_findings WHERE rule='XTS-S10'"),
                   tBegan + LINT_STUCK_DAYS*86400);
  ck_assert_int_eq(intOf(pStore, "SELECT cleared FROM lint_findings WHERE rule='XTS-S10'"), -1);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* Write report p in format k (0 text, 1 json, 2 md, 3 html) to a string. */
static char *reportText(const Report *p, Store *pStore, int k){
  char *z = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&z, &n);
  int rc = k==0 ? report_text_write(p, out) : k==1 ? report_json_write(p, out)
         : k==2 ? report_md_write(p, pStore, out) : report_html_write(p, pStore, out);
  fclose(out);
  ck_assert_int_eq(rc, 0);
  return z;
}

START_TEST(test_the_reports_show_the_findings_and_expectations_read_them){
  char zDb[64], zActual[200];
  Store *pStore = runOf(story(", 'mapping': {'targetObjectActions': " NO_DELETE "}", "", "P1D"),
                        zDb, sizeof(zDb));
  Report *p = NULL;
  TsErr err;
  char *zText, *zJson, *zMd, *zHtml;
  cJSON *pDoc;
  int bPass = 0;
  tserr_clear(&err);
  ck_assert_int_eq(report_build(pStore, &p, &err), TS_OK);
  ck_assert_int_eq(p->nFinding, 1);
  ck_assert_int_eq(p->aFinding[0].bCleared, 0);
  zText = reportText(p, pStore, 0);
  zJson = reportText(p, pStore, 1);
  zMd = reportText(p, pStore, 2);
  zHtml = reportText(p, pStore, 3);
  ck_assert_ptr_nonnull(strstr(zText, "1 security finding stands at the end: 1 high."));
  ck_assert_ptr_nonnull(strstr(zMd, "## Security findings"));
  ck_assert_ptr_nonnull(strstr(zMd, "| high | `XTS-S07` no-delete-action | job c2f | Day 1 09:00 | stands |"));
  ck_assert_ptr_nonnull(strstr(zHtml, "<section id=\"security\">"));
  ck_assert_ptr_nonnull(strstr(zHtml, "class=\"sev sev-high\">high</span>"));
  pDoc = cJSON_Parse(zJson);
  ck_assert_ptr_nonnull(pDoc);
  ck_assert_int_eq(scn_expect_metric(pDoc, "security.by_rule.XTS-S07.first_seen_seconds == PT0S",
                                     zActual, sizeof(zActual), &bPass), 0);
  ck_assert_msg(bPass, "actual %s", zActual);
  ck_assert_int_eq(scn_expect_metric(pDoc, "security.by_severity.high == 1", zActual,
                                     sizeof(zActual), &bPass), 0);
  ck_assert(bPass);
  /* a rule that never fired reads 0, not "no such metric" */
  ck_assert_int_eq(scn_expect_metric(pDoc, "security.by_rule.XTS-T01.standing == 0", zActual,
                                     sizeof(zActual), &bPass), 0);
  ck_assert_msg(bPass, "actual %s", zActual);
  ck_assert_int_eq(scn_expect_metric(pDoc, "security.standing == 0", zActual, sizeof(zActual),
                                     &bPass), 0);
  ck_assert(!bPass);
  cJSON_Delete(pDoc);
  free(zText); free(zJson); free(zMd); free(zHtml);
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* A count from run s. */
static int64_t countOf(Store *s, const char *zSql){
  sqlite3_stmt *q = NULL;
  int64_t n = -1;
  ck_assert_int_eq(sqlite3_prepare_v2(store_db(s), zSql, -1, &q, NULL), SQLITE_OK);
  if( sqlite3_step(q)==SQLITE_ROW ) n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return n;
}

/* Run A (Delete off: XTS-S07 stands) and run B (the fixed twin). */
static void twoRuns(Store **ppA, char *zA, Store **ppB, char *zB, size_t n){
  *ppA = runOf(story(", 'mapping': {'targetObjectActions': " NO_DELETE "}", "", "P1D"), zA, n);
  *ppB = runOf(story("", "", "P1D"), zB, n);
}

START_TEST(test_a_diff_names_the_findings_a_change_adds_or_removes){
  char zA[64], zB[64];
  Store *pA, *pB;
  twoRuns(&pA, zA, &pB, zB, sizeof(zA));
  Diff *d = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_int_eq(diff_build(pA, pB, &d, &err), TS_OK);
  ck_assert_int_eq(d->nFinding, 1);
  ck_assert_int_eq(d->nAdded, 0);
  ck_assert_str_eq(d->aFinding[0].zRule, "XTS-S07");
  ck_assert_str_eq(d->aFinding[0].zAbout, "job c2f");
  diff_free(d);
  ck_assert_int_eq(diff_build(pB, pA, &d, &err), TS_OK);
  ck_assert_int_eq(d->nFinding, 1);
  ck_assert_int_eq(d->nAdded, 1);
  diff_free(d);
  ck_assert_int_eq(diff_build(pA, pA, &d, &err), TS_OK);
  ck_assert_int_eq(d->nFinding, 0);
  /* a run against itself through one Store: every pair read once from
  ** each side, none differs */
  ck_assert_int_eq(d->nUser, 0);
  ck_assert_int_gt(d->nPairs, 0);
  ck_assert_int_eq(d->nPairs, countOf(pA, "SELECT count(*) FROM desired"));
  diff_free(d);
  store_close(pA);
  store_close(pB);
  unlink(zA);
  unlink(zB);
}
END_TEST

START_TEST(test_a_diff_survives_every_failed_allocation){
  char zA[64], zB[64];
  Store *pA, *pB;
  twoRuns(&pA, zA, &pB, zB, sizeof(zA));
  long n;
  int rc = -1;
  for(n=1; n<20000 && rc!=TS_OK; n++){
    Diff *d = NULL;
    TsErr err;
    tserr_clear(&err);
    mem_fail_after(n);
    rc = diff_build(pA, pB, &d, &err);
    mem_fail_after(0);
    if( rc==TS_OK ){
      ck_assert_int_eq(d->nFinding, 1);
      diff_free(d);
    }else{
      ck_assert_ptr_null(d);
      ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
    }
  }
  ck_assert_int_eq(rc, TS_OK);
  store_close(pA);
  store_close(pB);
  unlink(zA);
  unlink(zB);
}
END_TEST

Suite *lint_time_suite(void){
  Suite *s = suite_create("lint_time");
  TCase *tc = tcase_create("lint_time");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_a_finding_lasts_from_the_change_that_made_it_to_the_one_that_fixed_it);
  tcase_add_test(tc, test_lint_at_an_instant_reads_the_job_settings_in_force_then);
  tcase_add_test(tc, test_a_quarantine_becomes_a_stuck_job_a_week_after_it_began);
  tcase_add_test(tc, test_the_reports_show_the_findings_and_expectations_read_them);
  tcase_add_test(tc, test_a_diff_names_the_findings_a_change_adds_or_removes);
  tcase_add_test(tc, test_a_diff_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
