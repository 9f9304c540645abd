/*
** test_lint_cloud.c — the specification of reports/lint_cloud.c and of the
** cloud settings' history it reads: XTS-S12 fires for a tenant whose
** Microsoft cloud settings enable a cloud where it has no partner
** configuration and no job (one finding naming every such cloud), and for
** a target with cross-cloud synchronization on that no job from another
** cloud uses; a partner or a job there silences it; it follows set_tenant,
** remove_partner and add_partner over time (lint --at before and after).
**
** The base story: contoso (commercial, Governance) syncs its three
** assigned users into fabrikam (commercial) with every setting that keeps
** the other rules silent; gov is an Azure Government tenant with nothing
** configured. zContoso and zGov add members to those tenants' objects.
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
  const char *zContoso;     /* more members of contoso's tenant object, or NULL */
  const char *zGov;         /* more members of gov's, or NULL */
  const char *zPolicies;    /* more policies, or NULL */
  const char *zJobs;        /* more jobs, or NULL */
  const char *zTimeline;    /* the timeline's entries */
} Story;

static const char *story(const Story *s){
  static char zBuf[6000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lintcloud', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT3H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'g', 'restrictedManagementUnit': true}],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}]%s},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'},"
    "             {'key': 'gov', 'domain': 'contoso.us', 'cloud': 'usgov'%s}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}%s%s],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}, 'deleteThreshold': 2, " LINT_FX_NOTIFY "}%s%s],"
    " 'timeline': [%s]}",
    s->zContoso ? s->zContoso : "", s->zGov ? s->zGov : "",
    s->zPolicies ? ", " : "", s->zPolicies ? s->zPolicies : "",
    s->zJobs ? ", " : "", s->zJobs ? s->zJobs : "", s->zTimeline ? s->zTimeline : "");
  return scn(zBuf);
}

static void lintOf(const Story *s, SimTime t, LintResult *r, char *zDb, size_t nDb){
  lint_fx_story("lintcloud.json", story(s), t, r, zDb, nDb);
}

/* The number of XTS-S12 findings of story s at t (each low, about a
** tenant alone); the first's strings copied into *p. */
typedef struct S12 { char zTenant[32], zSetting[32], zValue[64], zPath[128], zMsg[512]; } S12;
static int s12(const Story *s, SimTime t, S12 *p){
  LintResult r;
  LintFinding f = {0};
  int n;
  lintOf(s, t, &r, NULL, 0);
  n = lint_fx_findings(&r, "XTS-S12", &f);
  memset(p, 0, sizeof(*p));
  if( n ){
    ck_assert_int_eq(f.eSeverity, LINT_LOW);
    ck_assert_ptr_null(f.zPartner);
    ck_assert_ptr_null(f.zJob);
    snprintf(p->zTenant, sizeof(p->zTenant), "%s", f.zTenant);
    snprintf(p->zSetting, sizeof(p->zSetting), "%s", f.zSetting);
    snprintf(p->zValue, sizeof(p->zValue), "%s", f.zValue);
    snprintf(p->zPath, sizeof(p->zPath), "%s", f.zPath ? f.zPath : "");
    snprintf(p->zMsg, sizeof(p->zMsg), "%s", f.zMessage);
  }
  lint_free(&r);
  return n;
}

/* gov, configured to sync in from contoso (its half of a cross-cloud
** pair): cloud settings, cross-cloud sync, its partner configuration. */
#define GOV_READY ", 'cloudSettings': ['commercial'], 'crossCloudSync': true"
#define GOV_PARTNER "{'tenant': 'gov', 'partner': 'contoso', 'userSyncInbound': {'isSyncAllowed': true}," \
                    " 'automaticUserConsentSettings': {'inboundAllowed': true}}"
#define C2G_JOB "{'key': 'c2g', 'source': 'contoso', 'target': 'gov', 'crossCloud': true," \
                " 'assignments': {'groups': ['g']}, 'deleteThreshold': 2, " LINT_FX_NOTIFY "}"

/* ------------------------------------------------------------ XTS-S12 */

START_TEST(test_s12_a_cloud_enabled_with_no_partner_there){
  Story s;
  S12 f;
  LintResult r;
  memset(&s, 0, sizeof(s));
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(r.nFinding, 0);             /* the base story is silent */
  lint_free(&r);
  s.zContoso = ", 'cloudSettings': ['usgov', 'china']";
  ck_assert_int_eq(s12(&s, -1, &f), 1);
  ck_assert_str_eq(f.zTenant, "contoso");
  ck_assert_str_eq(f.zSetting, "cloudSettings");
  ck_assert_str_eq(f.zValue, "usgov,china");
  ck_assert_str_eq(f.zPath, "$.tenants[0].cloudSettings");
  ck_assert_msg(strstr(f.zMsg, "contoso enables the usgov,china clouds in its Microsoft cloud settings"
                       " (allowedCloudEndpoints microsoftonline.us, partner.microsoftonline.cn) but has"
                       " no partner configuration and no job there")!=NULL, "%s", f.zMsg);
  /* its own cloud in the list is no surface */
  s.zContoso = ", 'cloudSettings': ['commercial']";
  ck_assert_int_eq(s12(&s, -1, &f), 0);
}
END_TEST

START_TEST(test_s12_fixed_twins_a_partner_or_a_job_there_are_silent){
  Story s;
  S12 f;
  memset(&s, 0, sizeof(s));
  /* a partner configuration for gov, though it allows nothing */
  s.zContoso = ", 'cloudSettings': ['usgov', 'china']";
  s.zPolicies = "{'tenant': 'contoso', 'partner': 'gov'}";
  ck_assert_int_eq(s12(&s, -1, &f), 1);
  ck_assert_str_eq(f.zValue, "china");          /* china is still unused */
  s.zContoso = ", 'cloudSettings': ['usgov']";
  ck_assert_int_eq(s12(&s, -1, &f), 0);
  /* gov's side: enabled for commercial, cross-cloud sync on, and the
  ** job from contoso uses both (contoso has its partner for gov) */
  s.zContoso = ", 'cloudSettings': ['usgov']";
  s.zGov = GOV_READY;
  s.zPolicies = "{'tenant': 'contoso', 'partner': 'gov',"
                " 'automaticUserConsentSettings': {'outboundAllowed': true}}, " GOV_PARTNER;
  s.zJobs = C2G_JOB;
  ck_assert_int_eq(s12(&s, -1, &f), 0);
  /* without the job, gov's partner configuration still covers its cloud
  ** setting, but cross-cloud sync is used by no one */
  s.zJobs = NULL;
  ck_assert_int_eq(s12(&s, -1, &f), 1);
  ck_assert_str_eq(f.zTenant, "gov");
  ck_assert_str_eq(f.zSetting, "crossCloudSync");
  ck_assert_str_eq(f.zValue, "true");
  ck_assert_str_eq(f.zPath, "$.tenants[2].crossCloudSync");
  ck_assert_msg(strstr(f.zMsg, "gov has cross-cloud synchronization on (a service principal with"
                       " User.ReadWrite.CrossCloud) but no job from another cloud syncs into it")!=NULL,
                "%s", f.zMsg);
}
END_TEST

START_TEST(test_s12_cross_cloud_sync_in_a_job_from_the_same_cloud_only){
  Story s;
  S12 f;
  memset(&s, 0, sizeof(s));
  /* fabrikam receives a job, but from its own cloud */
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_tenant', 'tenant': 'fabrikam', 'crossCloudSync': true}";
  ck_assert_int_eq(s12(&s, 1800, &f), 0);
  ck_assert_int_eq(s12(&s, -1, &f), 1);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPath, "$.timeline[0].crossCloudSync");
}
END_TEST

/* set_tenant enables two clouds at PT1H and removes them at PT2H: lint
** --at reads the settings in force, the path is the action, the findings
** timeline has the finding from the one to the other, and tenant_history
** keeps each state with the action that set each setting. */
START_TEST(test_s12_follows_set_tenant_over_time){
  Story s;
  S12 f;
  LintResult r;
  char zDb[64], zText[64];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_tenant', 'tenant': 'contoso', 'cloudSettings': ['usgov', 'china']},"
                " {'at': 'PT2H', 'action': 'set_tenant', 'tenant': 'contoso', 'cloudSettings': []},"
                " {'at': 'PT2H30M', 'action': 'set_tenant', 'tenant': 'contoso', 'guestInviteSetting': 'allowed'}";
  ck_assert_int_eq(s12(&s, 1800, &f), 0);
  ck_assert_int_eq(s12(&s, 5400, &f), 1);
  ck_assert_str_eq(f.zValue, "usgov,china");
  ck_assert_str_eq(f.zPath, "$.timeline[0].cloudSettings");
  ck_assert_int_eq(s12(&s, -1, &f), 0);
  lintOf(&s, -1, &r, zDb, sizeof(zDb));
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S12' AND first_seen=3600"
                           " AND cleared=7200 AND path='$.timeline[0].cloudSettings'"), 1);
  /* a row per tenant at the start, one per change (none for the guest
  ** invitation setting, which is not a cloud setting) */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM tenant_history WHERE at=0 AND cloud_settings_action IS NULL"), 3);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM tenant_history"), 5);
  ck_assert_str_eq(qtext(zDb, "SELECT cloud_settings FROM tenant_history WHERE at=3600", zText, sizeof(zText)),
                   "usgov,china");
  ck_assert_int_eq(q1(zDb, "SELECT cloud_settings_action FROM tenant_history WHERE at=3600"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT cloud_settings_action FROM tenant_history WHERE at=7200"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT cross_cloud_sync_action IS NULL FROM tenant_history WHERE at=7200"), 1);
  unlink(zDb);
}
END_TEST

/* Removing the only partner there opens the finding; adding one back
** closes it (policy_history marks the removal). */
START_TEST(test_s12_follows_remove_partner_and_add_partner){
  Story s;
  S12 f;
  LintResult r;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zContoso = ", 'cloudSettings': ['usgov']";
  s.zPolicies = "{'tenant': 'contoso', 'partner': 'gov'}";
  s.zTimeline = "{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'contoso', 'partner': 'gov'},"
                " {'at': 'PT2H', 'action': 'add_partner', 'tenant': 'contoso', 'partner': 'gov'}";
  ck_assert_int_eq(s12(&s, 1800, &f), 0);
  ck_assert_int_eq(s12(&s, 5400, &f), 1);
  ck_assert_str_eq(f.zPath, "$.tenants[0].cloudSettings");
  lintOf(&s, -1, &r, zDb, sizeof(zDb));
  ck_assert_int_eq(lint_fx_findings(&r, "XTS-S12", NULL), 0);
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S12' AND first_seen=3600"
                           " AND cleared=7200"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM policy_history WHERE removed=1 AND at=3600"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM policy_history WHERE removed=1"), 1);
  unlink(zDb);
}
END_TEST

static int cloudFindingWhole(const LintResult *r){
  LintFinding f = {0};
  ck_assert_int_eq(r->nFinding, 2);
  return lint_fx_findings(r, "XTS-S12", &f)==2 && f.zPath!=NULL && f.zMessage!=NULL;
}

START_TEST(test_lint_survives_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zContoso = ", 'cloudSettings': ['china']";
  s.zGov = ", 'crossCloudSync': true";
  fixture_run("tslintcloud", "lintcloud.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, cloudFindingWhole);
  unlink(zDb);
}
END_TEST

Suite *lint_cloud_suite(void){
  Suite *s = suite_create("lint_cloud");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_s12_a_cloud_enabled_with_no_partner_there);
  tcase_add_test(tc, test_s12_fixed_twins_a_partner_or_a_job_there_are_silent);
  tcase_add_test(tc, test_s12_cross_cloud_sync_in_a_job_from_the_same_cloud_only);
  tcase_add_test(tc, test_s12_follows_set_tenant_over_time);
  tcase_add_test(tc, test_s12_follows_remove_partner_and_add_partner);
  tcase_add_test(tc, test_lint_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
