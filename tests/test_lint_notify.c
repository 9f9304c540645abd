/*
** test_lint_notify.c — the specification of reports/lint_notify.c and of
** the notification e-mail it reads: XTS-S06 fires for a job whose
** notification e-mail is off (the portal's default) or goes to no
** address, low while its source exports the audit log, medium when not;
** it follows set_secrets over time (lint --at before and after, its path
** the action that turned it off); and the run mails a quarantine only to
** a job whose e-mail is on with an address.
**
** The base story: contoso syncs its three assigned users into fabrikam,
** with the deletion threshold at 2, every log exported, and the job's
** notifications as zNotify gives them (NULL: none declared, the default).
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "lint.h"
#include "lint_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

typedef struct Story {
  const char *zNotify;      /* the job's "notifications" value, NULL: not declared */
  const char *zContoso;     /* more members of contoso's tenant object, or NULL */
  const char *zTimeline;    /* the timeline's entries */
  const char *zDuration;    /* NULL: PT3H */
} Story;

static const char *story(const Story *s){
  static char zBuf[4000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lintnotify', 'start': '2026-01-05T09:00:00Z', 'duration': '%s',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [{'key': 'g', 'restrictedManagementUnit': true}],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}]%s},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}, 'deleteThreshold': 2%s%s}],"
    " 'timeline': [%s]}",
    s->zDuration ? s->zDuration : "PT3H", s->zContoso ? s->zContoso : "",
    s->zNotify ? ", 'notifications': " : "", s->zNotify ? s->zNotify : "",
    s->zTimeline ? s->zTimeline : "");
  return scn(zBuf);
}

static void lintOf(const Story *s, SimTime t, LintResult *r, char *zDb, size_t nDb){
  lint_fx_story("lintnotify.json", story(s), t, r, zDb, nDb);
}

/* Story s must give exactly one finding at t, XTS-S06's, about job c2f,
** with setting zSetting, value zValue and path zPath, of severity e. */
static void expectS06(const Story *s, SimTime t, const char *zSetting, const char *zValue,
                      const char *zPath, LintSeverity e){
  LintResult r;
  LintFinding f = {0};
  lintOf(s, t, &r, NULL, 0);
  ck_assert_int_eq(lint_fx_findings(&r, "XTS-S06", &f), 1);
  ck_assert_msg(r.nFinding==1, "%d findings, not only XTS-S06", r.nFinding);
  ck_assert_str_eq(f.zSetting, zSetting);
  ck_assert_str_eq(f.zValue, zValue);
  ck_assert_str_eq(f.zPath, zPath);
  ck_assert_int_eq(f.eSeverity, e);
  ck_assert_str_eq(f.zTenant, "contoso");
  ck_assert_str_eq(f.zPartner, "fabrikam");
  ck_assert_str_eq(f.zJob, "c2f");
  lint_free(&r);
}

/* Story s has no finding at the end. */
static void expectSilent(const Story *s){
  LintResult r;
  lintOf(s, -1, &r, NULL, 0);
  ck_assert_msg(r.nFinding==0, "%d findings, the first %s", r.nFinding,
                r.nFinding ? r.aFinding[0].zMessage : "");
  lint_free(&r);
}

#define NOTIFY_ON "{'enabled': true, 'recipients': 'ops@contoso.com'}"

/* ------------------------------------------------------------ XTS-S06 */

START_TEST(test_s06_a_job_that_keeps_the_default_mails_no_one){
  Story s;
  memset(&s, 0, sizeof(s));
  /* nothing declared: off, the portal's default; the path is the job */
  expectS06(&s, -1, "notifications.enabled", "false", "$.jobs[0]", LINT_LOW);
  /* declared off (with an address): the path is the switch */
  s.zNotify = "{'enabled': false, 'recipients': 'ops@contoso.com'}";
  expectS06(&s, -1, "notifications.enabled", "false", "$.jobs[0].notifications.enabled", LINT_LOW);
  /* the fixed twin: on, to an address */
  s.zNotify = NOTIFY_ON;
  expectSilent(&s);
}
END_TEST

START_TEST(test_s06_an_email_switched_on_to_no_address){
  Story s;
  memset(&s, 0, sizeof(s));
  s.zNotify = "{'enabled': true}";
  expectS06(&s, -1, "notifications.recipients", "none", "$.jobs[0].notifications", LINT_LOW);
  s.zNotify = "{'enabled': true, 'recipients': ''}";
  expectS06(&s, -1, "notifications.recipients", "none", "$.jobs[0].notifications.recipients",
            LINT_LOW);
  /* two addresses, either separator: silent */
  s.zNotify = "{'enabled': true, 'recipients': 'ops@contoso.com; soc@contoso.com'}";
  expectSilent(&s);
}
END_TEST

START_TEST(test_s06_is_medium_when_no_siem_receives_the_audit_log_either){
  Story s;
  LintResult r;
  LintFinding f = {0};
  memset(&s, 0, sizeof(s));
  s.zContoso = ", 'logExport': ['ProvisioningLogs']";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(lint_fx_findings(&r, "XTS-S06", &f), 1);
  ck_assert_int_eq(f.eSeverity, LINT_MEDIUM);
  ck_assert_msg(strstr(f.zMessage, "job c2f has its notification e-mail off: a quarantine or an"
                       " accidental-deletion trip stops its sync into fabrikam and nobody is told,"
                       " and no SIEM receives its audit log either")!=NULL, "%s", f.zMessage);
  ck_assert_int_eq(lint_fx_findings(&r, "XTS-G03", NULL), 1);
  lint_free(&r);
}
END_TEST

/* set_secrets turns it off at PT1H and on again at PT2H: lint --at reads
** the setting in force, the path is the action, the run's findings
** timeline has it from the one to the other; both are audited. */
START_TEST(test_s06_follows_set_secrets_over_time){
  Story s;
  LintResult r;
  LintFinding f = {0};
  char zDb[64], zText[200];
  memset(&s, 0, sizeof(s));
  s.zNotify = NOTIFY_ON;
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_secrets', 'job': 'c2f', 'notifications': {'enabled': false}},"
                " {'at': 'PT2H', 'action': 'set_secrets', 'job': 'c2f', 'notifications': {'enabled': true}}";
  lintOf(&s, 1800, &r, zDb, sizeof(zDb));
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S06' AND first_seen=3600"
                           " AND cleared=7200 AND path='$.timeline[0].notifications.enabled'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings"), 1);
  /* job_history: the switch and its action, the address kept */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM job_history WHERE at=3600 AND notify_enabled=0"
                           " AND notify_recipients=1 AND notify_action=0"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM job_history WHERE at=0 AND notify_enabled=1"
                           " AND notify_action IS NULL"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT detail FROM audit_log WHERE at=3600 AND activity="
                              "'Update provisioning setting or credentials'", zText, sizeof(zText)),
                   "NotificationEnabled=false, Recipients=ops@contoso.com");
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE at=3600", zText, sizeof(zText)),
                   "settings of job c2f saved: notification e-mail off");
  unlink(zDb);
  lintOf(&s, 5400, &r, NULL, 0);
  ck_assert_int_eq(lint_fx_findings(&r, "XTS-S06", &f), 1);
  ck_assert_str_eq(f.zPath, "$.timeline[0].notifications.enabled");
  lint_free(&r);
  expectSilent(&s);
}
END_TEST

/* The run e-mails the quarantine (a policy check that fails) only to a
** job whose e-mail is on with an address, and names the addresses. */
START_TEST(test_a_quarantine_is_mailed_only_when_the_email_is_on_with_an_address){
  static const struct { const char *zNotify; int nMail; } aCase[] = {
    { NULL, 0 }, { "{'enabled': true}", 0 }, { "{'enabled': false, 'recipients': 'ops@contoso.com'}", 0 },
    { NOTIFY_ON, 1 },
  };
  char zDb[64], zText[100];
  size_t i;
  for(i=0; i<sizeof(aCase)/sizeof(aCase[0]); i++){
    Story s;
    LintResult r;
    memset(&s, 0, sizeof(s));
    s.zNotify = aCase[i].zNotify;
    s.zTimeline = "{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
                  " 'field': 'userSyncInbound.isSyncAllowed', 'value': false}";
    lintOf(&s, -1, &r, zDb, sizeof(zDb));
    lint_free(&r);
    ck_assert_int_ge(q1(zDb, "SELECT count(*) FROM quarantines"), 1);
    ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM notifications"), aCase[i].nMail);
    if( aCase[i].nMail ){
      ck_assert_str_eq(qtext(zDb, "SELECT recipients FROM notifications", zText, sizeof(zText)),
                       "ops@contoso.com");
    }
    unlink(zDb);
  }
}
END_TEST

static int notifyFindingWhole(const LintResult *r){
  LintFinding f = {0};
  ck_assert_int_eq(r->nFinding, 1);
  return lint_fx_findings(r, "XTS-S06", &f)==1 && f.zPath!=NULL && f.zMessage!=NULL;
}

START_TEST(test_lint_survives_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zNotify = "{'enabled': true}";
  fixture_run("tslintnotify", "lintnotify.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, notifyFindingWhole);
  unlink(zDb);
}
END_TEST

Suite *lint_notify_suite(void){
  Suite *s = suite_create("lint_notify");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_s06_a_job_that_keeps_the_default_mails_no_one);
  tcase_add_test(tc, test_s06_an_email_switched_on_to_no_address);
  tcase_add_test(tc, test_s06_is_medium_when_no_siem_receives_the_audit_log_either);
  tcase_add_test(tc, test_s06_follows_set_secrets_over_time);
  tcase_add_test(tc, test_a_quarantine_is_mailed_only_when_the_email_is_on_with_an_address);
  tcase_add_test(tc, test_lint_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
