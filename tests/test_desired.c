/*
** test_desired.c — the specification of engine/desired.c and of what the
** reports make of it: every source change ends converged, superseded,
** reverted, held or never (desired.h); percentiles count the open ones as
** longer than the run; each pair out of step at the end has a reason;
** each job and target its in-step instant; a failing job names the tenant
** and the setting to fix; guest accounts fall in three classes.
**
** Each test runs a small scenario (tenants contoso -> fabrikam, job c2f,
** cycles every PT40M from 0) into its own database and asserts on its
** tables with SQL and on the Report built from it.
*/
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "report.h"
#include "e2e_fixture.h"
#include "run_fixture.h"
#include "suites.h"

/* ================================================================ fixture */

/* The scenario: contoso's users a1..a5 (group team) synced to fabrikam by
** job c2f; zMore is inserted into the job object (extra keys), zTimeline
** is the timeline array's contents, zExtraTenant more keys of fabrikam. */
static void runWith(char *zDb, size_t n, const char *zParams, const char *zJobMore,
                    const char *zTimeline, const char *zTargetMore, const char *zPolicies){
  char zScn[8192];
  snprintf(zScn, sizeof(zScn),
    "{\"name\":\"desired-unit\",\"seed\":3,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"P1D\","
    " \"parameters\":{%s},"
    " \"tenants\":["
    "  {\"key\":\"contoso\",\"domain\":\"contoso.com\",\"groups\":[{\"key\":\"team\"},{\"key\":\"later\"}],"
    "   \"users\":["
    "    {\"key\":\"a1\",\"displayName\":\"A One\",\"groups\":[\"team\"]},"
    "    {\"key\":\"a2\",\"displayName\":\"A Two\",\"groups\":[\"team\"]},"
    "    {\"key\":\"a3\",\"displayName\":\"A Three\",\"groups\":[\"team\"]},"
    "    {\"key\":\"a4\",\"displayName\":\"A Four\",\"groups\":[\"team\"]},"
    "    {\"key\":\"a5\",\"displayName\":\"A Five\",\"groups\":[\"team\"]}],"
    "   \"populations\":[{\"count\":40,\"keyPrefix\":\"b\",\"groups\":[\"later\"]}]},"
    "  {\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"%s}],"
    " \"policies\":[%s],"
    " \"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\","
    "   \"assignments\":{\"groups\":[\"team\"]}%s}],"
    " \"timeline\":[%s]}",
    zParams ? zParams : "", zTargetMore ? zTargetMore : "",
    zPolicies ? zPolicies :
      "{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
      "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},"
      "{\"tenant\":\"contoso\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}",
    zJobMore ? zJobMore : "", zTimeline ? zTimeline : "");
  fixture_run("tsdesired", "desired-unit", zScn, zDb, n);
}

static Report *reportOf(const char *zDb, Store **ppStore){
  Store *pStore = NULL;
  Report *p = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_msg(store_open_readonly(zDb, &pStore, &err)==TS_OK, "%s", err.zMsg);
  ck_assert_msg(report_build(pStore, &p, &err)==TS_OK, "report_build: %s", err.zMsg);
  *ppStore = pStore;
  return p;
}

static char *textOf(const Report *p){
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(report_text_write(p, f), 0);
  fclose(f);
  return z;
}

/* ================================================================ outcomes */

START_TEST(test_a_change_undone_at_the_source_before_a_cycle_is_reverted_not_a_sample){
  char zDb[64];
  Store *pStore;
  Report *p;
  /* Cycles at 0, PT40M, PT1H20M: the delete and the restore both fall
  ** between the last two, so the target never saw the delete. */
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT50M\",\"action\":\"terminate\",\"tenant\":\"contoso\",\"users\":[\"a1\"]},"
          "{\"at\":\"PT55M\",\"action\":\"restore\",\"tenant\":\"contoso\",\"users\":[\"a1\"]}",
          NULL, NULL);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1 AND outcome='reverted'"
                          " AND closed_at=3300 AND closed_by=2 AND converged_at IS NULL"), 1);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->conv.nReverted, 1);
  ck_assert_int_eq(p->conv.lat.n, 5);                   /* the five initial creates only */
  ck_assert_int_eq(p->conv.nConverged, 5);
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_superseded_change_converges_with_the_later_one_as_one_sample){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT50M\",\"action\":\"update\",\"tenant\":\"contoso\",\"users\":[\"a2\"],"
          " \"set\":{\"jobTitle\":\"Lead\"}},"
          "{\"at\":\"PT55M\",\"action\":\"update\",\"tenant\":\"contoso\",\"users\":[\"a2\"],"
          " \"set\":{\"jobTitle\":\"Head\"}}",
          NULL, NULL);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1 AND outcome='superseded'"
                          " AND closed_at=3300 AND closed_by=2"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=2 AND outcome='converged'"), 1);
  /* Both carry the instant the target matched the later value. */
  ck_assert_int_eq(q1(zDb, "SELECT count(DISTINCT converged_at) FROM changes WHERE action IN (1,2)"), 1);
  ck_assert_int_ge(q1(zDb, "SELECT converged_at FROM changes WHERE action=2"), 4800);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->conv.nSuperseded, 1);
  ck_assert_int_eq(p->conv.lat.n, 6);                   /* 5 creates + the later change */
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_changes_of_a_paused_job_are_held_and_its_p95_is_censored){
  char zDb[64];
  Store *pStore;
  Report *p;
  const ReportJob *j;
  char *zText;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT1H\",\"action\":\"pause_job\",\"job\":\"c2f\"},"
          "{\"at\":\"PT2H\",\"action\":\"assign\",\"job\":\"c2f\",\"groups\":[\"later\"]}",
          NULL, NULL);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=2 AND outcome='held'"
                          " AND reason='job_paused'"), 40);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM out_of_step WHERE reason='job_paused' AND held=1"), 40);
  p = reportOf(zDb, &pStore);
  j = &p->aJob[0];
  ck_assert_int_eq(j->conv.nHeld, 40);
  ck_assert_int_eq(j->conv.lat.n, 5);
  ck_assert(j->conv.lat.bCensor95);                     /* never "fast" */
  ck_assert(j->conv.lat.bCensor50);
  ck_assert_int_eq(j->conv.nOutOfStep, 40);
  ck_assert_str_eq(j->prob.zKind, "paused");
  ck_assert_int_eq(j->prob.tSince, 3600);
  zText = textOf(p);
  ck_assert_ptr_nonnull(strstr(zText, "p95 > end of run"));
  ck_assert_ptr_nonnull(strstr(zText, "fabrikam out of step at the end (40 pairs): job c2f was paused on Day 1 09:00"));
  free(zText);
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_delete_staged_over_the_threshold_is_held_not_converged){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, ",\"deleteThreshold\":2",
          "{\"at\":\"PT50M\",\"action\":\"unassign\",\"job\":\"c2f\",\"groups\":[\"team\"]}",
          NULL, NULL);
  ck_assert_int_gt(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE action='stagedDelete'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1"), 5);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1 AND outcome='held'"
                          " AND reason='staged_delete'"), 5);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE converged_at IS NOT NULL AND action=1"), 0);
  p = reportOf(zDb, &pStore);
  ck_assert_str_eq(p->aJob[0].prob.zKind, "too_many_deletes");
  ck_assert_ptr_nonnull(strstr(p->aJob[0].prob.zCause, "would have removed 5 objects, over the"
                                                       " accidental-deletion threshold of 2"));
  ck_assert_ptr_nonnull(strstr(p->aJob[0].prob.zFix, "ForceDeletes"));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* ================================================================ out of step */

START_TEST(test_a_target_admins_edit_is_out_of_step_without_a_change){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT2H\",\"action\":\"target_update\",\"job\":\"c2f\",\"users\":[\"a3\"],"
          " \"set\":{\"displayName\":\"Contractor\"}}",
          NULL, NULL);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM changes WHERE action=1"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM out_of_step WHERE reason='target_edited' AND held=0"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT drift_final FROM tenants WHERE key='fabrikam'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT in_step_at IS NULL FROM tenants WHERE key='fabrikam'"), 1);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->aTarget[0].nOutOfStep, 1);
  ck_assert_str_eq(p->aTarget[0].aWhy[0].zReason, "target_edited");
  ck_assert_ptr_nonnull(strstr(p->azVerdict[0], "fabrikam out of step at the end (1 pair)"));
  ck_assert_ptr_nonnull(strstr(p->azVerdict[0], "CTS does not read the target"));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_in_step_is_when_drift_last_returned_to_zero){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT3H\",\"action\":\"update\",\"tenant\":\"contoso\",\"users\":[\"a4\"],"
          " \"set\":{\"department\":\"Sales\"}}",
          NULL, NULL);
  /* The update converges in the 03:20 cycle: that is the last return to 0. */
  ck_assert_int_eq(q1(zDb, "SELECT in_step_at FROM jobs WHERE key='c2f'"),
                   q1(zDb, "SELECT converged_at FROM changes WHERE action=1"));
  ck_assert_int_eq(q1(zDb, "SELECT in_step_at FROM tenants WHERE key='fabrikam'"),
                   q1(zDb, "SELECT converged_at FROM changes WHERE action=1"));
  ck_assert_int_gt(q1(zDb, "SELECT in_step_at FROM jobs WHERE key='c2f'"), 3*3600);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->aTarget[0].nOutOfStep, 0);
  ck_assert(p->aTarget[0].bDrifted);
  ck_assert_int_eq(p->aTarget[0].tInStep, q1(zDb, "SELECT in_step_at FROM tenants WHERE key='fabrikam'"));
  ck_assert_ptr_nonnull(strstr(p->azVerdict[0], "fabrikam in step by Day 1 "));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* ================================================================ causes */

START_TEST(test_a_failing_policy_check_names_the_tenant_and_the_setting){
  char zDb[64], z[400];
  Store *pStore;
  Report *p;
  const ReportProblem *r;
  /* fabrikam accepts auto-redemption but does not allow inbound sync. */
  runWith(zDb, sizeof(zDb), NULL, NULL, NULL, NULL,
          "{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
          "{\"inboundAllowed\":true}},"
          "{\"tenant\":\"contoso\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}");
  ck_assert_str_eq(qtext(zDb, "SELECT t.key||' '||p.key||' '||g.setting FROM gate_checks g"
                           " JOIN tenants t ON t.idx=g.tenant JOIN tenants p ON p.idx=g.partner",
                      z, sizeof(z)), "fabrikam contoso userSyncInbound.isSyncAllowed");
  ck_assert_int_eq(q1(zDb, "SELECT gate_since FROM jobs"), 0);
  p = reportOf(zDb, &pStore);
  r = &p->aJob[0].prob;
  ck_assert_str_eq(r->zKind, "policy_check_failed");
  ck_assert_str_eq(r->zCode, "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
  ck_assert_ptr_nonnull(strstr(r->zMessage, "The target tenant has not enabled inbound synchronization"));
  ck_assert_int_eq(r->nSetting, 1);
  ck_assert_ptr_nonnull(strstr(r->zCause, "target fabrikam userSyncInbound.isSyncAllowed is false"
                                          " — set it to true"));
  ck_assert_ptr_nonnull(strstr(r->zFix, "in fabrikam's cross-tenant access settings for contoso"
                                        " (inbound), set userSyncInbound.isSyncAllowed to true"));
  ck_assert_ptr_nonnull(strstr(p->azVerdict[0], "job c2f failed its policy check from Day 1 08:00"));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_job_quarantined_too_long_shows_disabled){
  char zDb[64], z[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), "\"quarantineDisableAfter\":\"PT6H\"", NULL, NULL, NULL,
          "{\"tenant\":\"contoso\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}");
  ck_assert_str_eq(qtext(zDb, "SELECT status_code||' '||schedule_state FROM jobs", z, sizeof(z)),
                   "Quarantine Disabled");
  ck_assert_int_gt(q1(zDb, "SELECT disabled_at FROM jobs"), 6*3600);
  p = reportOf(zDb, &pStore);
  ck_assert_str_eq(p->aJob[0].zStatus, "Disabled");
  ck_assert_str_eq(p->aJob[0].prob.zKind, "disabled");
  ck_assert_ptr_nonnull(strstr(p->aJob[0].prob.zCause, "disabled by the service"));
  ck_assert_ptr_nonnull(strstr(p->aJob[0].prob.zCause, "policy check"));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM out_of_step WHERE reason='job_disabled'"), 5);
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* ================================================================ accounts */

/* The verdict sentence that contains zWord ("" when none does). */
static const char *verdictWith(const Report *p, const char *zWord){
  int i;
  for(i=0; i<p->nVerdict; i++) if( strstr(p->azVerdict[i], zWord) ) return p->azVerdict[i];
  return "";
}

START_TEST(test_a_guest_whose_home_is_outside_the_scenario_is_preexisting){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, NULL, NULL,
          ",\"users\":[{\"key\":\"old\",\"mail\":\"old.guest@elsewhere.example\","
          "\"invitation\":\"accepted\"}]", NULL);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->nPreexisting, 1);
  ck_assert_int_eq(p->nOrphan, 0);
  ck_assert_str_eq(p->aPreexisting[0].zReason, "home_identity_unknown");
  ck_assert_str_eq(p->aPreexisting[0].zTargetTenant, "fabrikam");
  ck_assert_ptr_nonnull(strstr(verdictWith(p, "pre-existing"), "1 pre-existing guest account"));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_disabled_users_account_is_disabled_by_sync_not_orphaned){
  char zDb[64];
  Store *pStore;
  Report *p;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT1H\",\"action\":\"disable\",\"tenant\":\"contoso\",\"users\":[\"a5\"]}",
          NULL, NULL);
  p = reportOf(zDb, &pStore);
  ck_assert_int_eq(p->nDisabled, 1);
  ck_assert_int_eq(p->nOrphan, 0);
  ck_assert_ptr_nonnull(strstr(verdictWith(p, "disabled by sync"), "1 account disabled by sync"));
  ck_assert_ptr_nonnull(strstr(verdictWith(p, "disabled by sync"), "no orphaned guest accounts"));
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* ================================================================ narrative */

/* A fix is followed to the job whose check reads it, not to whichever
** job's cycle comes next. */
START_TEST(test_a_policy_fix_is_credited_to_the_job_it_affects){
  char zDb[64];
  Store *pStore;
  Report *p;
  int i, nFix = 0;
  runWith(zDb, sizeof(zDb), NULL, NULL,
          "{\"at\":\"PT3H\",\"action\":\"set_policy\",\"tenant\":\"fabrikam\",\"partner\":\"contoso\","
          " \"field\":\"userSyncInbound.isSyncAllowed\",\"value\":true}",
          NULL,
          "{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
          "{\"inboundAllowed\":true}},"
          "{\"tenant\":\"contoso\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}");
  p = reportOf(zDb, &pStore);
  for(i=0; i<p->nLine; i++){
    const ReportLine *l = &p->aLine[i];
    if( l->iSeq!=1 || l->zJob==NULL ) continue;
    nFix++;
    ck_assert_str_eq(l->zJob, "c2f");
    ck_assert_ptr_nonnull(strstr(l->zText, "its checks now pass"));
    /* The quarantine back-off put the next cycle well after the fix. */
    ck_assert_ptr_nonnull(strstr(l->zText, "quarantine back-off"));
    ck_assert_ptr_nonnull(strstr(l->zText, "5 waiting changes into step"));
  }
  ck_assert_int_eq(nFix, 1);
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* ================================================================ memory */

/* A scenario that takes every path of desired_finish, the census of
** actions and the report's problems and narrative: a policy fix, a move,
** a pause with held changes, a staged delete is not needed here. */
static const char zOomScenario[] =
  "{\"name\":\"desired-oom\",\"seed\":5,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"PT8H\","
  " \"tenants\":["
  "  {\"key\":\"contoso\",\"domain\":\"contoso.com\",\"groups\":[{\"key\":\"team\"}],"
  "   \"users\":[{\"key\":\"a1\",\"groups\":[\"team\"]},{\"key\":\"a2\",\"groups\":[\"team\"]},"
  "    {\"key\":\"a3\",\"groups\":[\"team\"]}]},"
  "  {\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\","
  "   \"users\":[{\"key\":\"old\",\"mail\":\"old@x.example\",\"invitation\":\"accepted\"}]}],"
  " \"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
  "   {\"inboundAllowed\":true}},"
  "  {\"tenant\":\"contoso\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
  " \"faults\":[{\"tenant\":\"fabrikam\",\"kind\":\"transient\",\"from\":\"PT3H\",\"until\":\"PT4H\","
  "   \"rate\":0.5,\"errorCode\":\"TooManyRequests\"}],"
  " \"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\","
  "   \"assignments\":{\"groups\":[\"team\"]}}],"
  " \"timeline\":["
  "  {\"at\":\"PT1H\",\"action\":\"set_policy\",\"tenant\":\"fabrikam\",\"partner\":\"contoso\","
  "   \"field\":\"userSyncInbound.isSyncAllowed\",\"value\":true,\"note\":\"fixed\"},"
  "  {\"at\":\"PT3H\",\"action\":\"move\",\"tenant\":\"contoso\",\"users\":[\"a1\",\"a2\"],"
  "   \"department\":\"Sales\"},"
  "  {\"at\":\"PT5H\",\"action\":\"pause_job\",\"job\":\"c2f\"},"
  "  {\"at\":\"PT6H\",\"action\":\"terminate\",\"tenant\":\"contoso\",\"users\":[\"a3\"]}]}";

/* Fail every allocation of a run in turn, then of its report and writers:
** each failure is reported as out of memory (never a crash, never a
** half-built result; the sanitizer build checks for leaks). */
START_TEST(test_every_allocation_failure_of_a_run_and_its_reports_is_reported){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  char zDb[64];
  Store *pStore = NULL;
  Report *p = NULL;
  long n;
  int rc = -1, k;
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("desired-oom", zOomScenario, &pScn, &errs, &err), TS_OK);
  strbuf_free(&errs);
  n = fixture_run_failing_each_allocation(pScn, "tsdesoom", zDb, sizeof(zDb));
  ck_assert_int_gt(n, 100);
  scenario_free(pScn);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  for(n=1; n<100000; n++){
    mem_fail_after(n);
    rc = report_build(pStore, &p, &err);
    mem_fail_after(0);
    if( rc==TS_OK ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld of the report: rc %d (%s)", n, rc, err.zMsg);
    ck_assert_ptr_null(p);
  }
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_gt(p->nLine, 5);
  for(k=0; k<4; k++){
    for(n=1; n<100000; n++){
      char *z = NULL;
      size_t nz = 0;
      FILE *out = open_memstream(&z, &nz);
      mem_fail_after(n);
      rc = k==0 ? report_text_write(p, out) : k==1 ? report_json_write(p, out)
         : k==2 ? report_md_write(p, pStore, out) : report_html_write(p, pStore, out);
      mem_fail_after(0);
      fclose(out);
      free(z);
      ck_assert(rc==0 || rc==-1);
      if( rc==0 ) break;
    }
    ck_assert_int_eq(rc, 0);
  }
  report_free(p);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

Suite *desired_suite(void){
  Suite *s = suite_create("desired");
  TCase *tc = tcase_create("desired"), *tcOom;
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_a_change_undone_at_the_source_before_a_cycle_is_reverted_not_a_sample);
  tcase_add_test(tc, test_a_superseded_change_converges_with_the_later_one_as_one_sample);
  tcase_add_test(tc, test_changes_of_a_paused_job_are_held_and_its_p95_is_censored);
  tcase_add_test(tc, test_a_delete_staged_over_the_threshold_is_held_not_converged);
  tcase_add_test(tc, test_a_target_admins_edit_is_out_of_step_without_a_change);
  tcase_add_test(tc, test_in_step_is_when_drift_last_returned_to_zero);
  tcase_add_test(tc, test_a_failing_policy_check_names_the_tenant_and_the_setting);
  tcase_add_test(tc, test_a_job_quarantined_too_long_shows_disabled);
  tcase_add_test(tc, test_a_guest_whose_home_is_outside_the_scenario_is_preexisting);
  tcase_add_test(tc, test_a_disabled_users_account_is_disabled_by_sync_not_orphaned);
  tcase_add_test(tc, test_a_policy_fix_is_credited_to_the_job_it_affects);
  suite_add_tcase(s, tc);
  tcOom = tcase_create("oom");
  tcase_set_timeout(tcOom, 600);
  tcase_add_test(tcOom, test_every_allocation_failure_of_a_run_and_its_reports_is_reported);
  suite_add_tcase(s, tcOom);
  return s;
}
