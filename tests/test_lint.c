/*
** test_lint.c — the specification of reports/lint*.c: each rule fires on
** a minimal scenario and stays silent on its fixed twin, the base story
** below, which has no finding at all. Findings carry their objects,
** setting, value and JSON path; SARIF has the 2.1.0 members code scanning
** requires; --rule keeps the rules asked for; the Markdown page answers
** first and no string breaks its tables (the HTML page has its own suite,
** test_html_lint.c).
**
** The base story: contoso syncs its three assigned users into fabrikam
** (partner policies allow it and nothing else), with accidental-deletion
** prevention at 2, the notification e-mail on and every log exported.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "lint.h"
#include "lint_fixture.h"
#include "mem.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"

typedef struct Story {
  const char *zFabrikam;    /* extra members of fabrikam's tenant object */
  const char *zPolicies;    /* extra policies */
  const char *zJob;         /* extra members of the job */
  const char *zJobs;        /* extra jobs */
  const char *zTimeline;    /* the timeline's entries */
  const char *zDuration;
  const char *zFabPolicy;   /* extra members of fabrikam's policy for contoso */
  const char *zThreshold;   /* the job's deleteThreshold member ("" none); default 2 */
  const char *zLint;        /* the scenario's lint section, NULL: none */
  const char *zGroup;       /* contoso's group g; default in a restricted
                            ** management unit, with no owner */
  const char *zMto;         /* the multiTenantOrganization, NULL: none */
} Story;

static const char *story(const Story *s){
  static char zBuf[6000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lint', 'start': '2026-01-05T09:00:00Z', 'duration': '%s',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [%s],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'%s},"
    "             {'key': 'third', 'domain': 'third.example'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}%s}%s],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}, " LINT_FX_NOTIFY "%s%s}%s],"
    " 'timeline': [%s]%s%s%s%s}",
    s->zDuration ? s->zDuration : "PT2H",
    s->zGroup ? s->zGroup : "{'key': 'g', 'restrictedManagementUnit': true}",
    s->zFabrikam ? s->zFabrikam : "",
    s->zFabPolicy ? s->zFabPolicy : "", s->zPolicies ? s->zPolicies : "",
    s->zThreshold ? s->zThreshold : ", 'deleteThreshold': 2",
    s->zJob ? s->zJob : "", s->zJobs ? s->zJobs : "",
    s->zTimeline ? s->zTimeline : "", s->zLint ? ", 'lint': " : "", s->zLint ? s->zLint : "",
    s->zMto ? ", 'multiTenantOrganization': " : "", s->zMto ? s->zMto : "");
  return scn(zBuf);
}

/* Lint the run of story s at t (every rule); the caller lint_frees *r. */
static void lintOf(const Story *s, SimTime t, LintResult *r){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  fixture_run("tslint", "lint.json", story(s), zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(lint_run(pStore, t, NULL, 0, r, &err)==TS_OK, "lint: %s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
}

/* The findings of rule zId in r, the first into *ppF. */
static int count(const LintResult *r, const char *zId, const LintFinding **ppF){
  int i, n = 0;
  for(i=0; i<r->nFinding; i++){
    if( strcmp(r->aFinding[i].pRule->zId, zId)==0 ){
      if( n++==0 && ppF ) *ppF = &r->aFinding[i];
    }
  }
  return n;
}

START_TEST(test_the_base_story_has_no_finding){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  lintOf(&s, -1, &r);
  ck_assert_msg(r.nFinding==0, "%d findings, the first %s: %s", r.nFinding,
                r.nFinding ? r.aFinding[0].pRule->zId : "", r.nFinding ? r.aFinding[0].zMessage : "");
  lint_free(&r);
}
END_TEST

/* One rule's story: it must give exactly n findings of zId, the first
** with setting zSetting and a path starting zPath (NULL: no path). */
static const LintFinding *expect_rule(const Story *s, SimTime t, const char *zId, int n,
                                      const char *zSetting, const char *zPath, LintResult *r){
  const LintFinding *f = NULL;
  lintOf(s, t, r);
  ck_assert_msg(count(r, zId, &f)==n, "%s: %d findings", zId, count(r, zId, NULL));
  ck_assert_msg(r->nFinding==n, "%d findings in all, not only %s", r->nFinding, zId);
  ck_assert_str_eq(f->zSetting, zSetting);
  if( zPath ){
    ck_assert_ptr_nonnull(f->zPath);
    ck_assert_msg(strncmp(f->zPath, zPath, strlen(zPath))==0, "path %s", f->zPath);
  }else{
    ck_assert_ptr_null(f->zPath);
  }
  return f;
}

START_TEST(test_t01_inbound_sync_no_job_uses){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zPolicies = ", {'tenant': 'fabrikam', 'partner': 'third',"
                "   'userSyncInbound': {'isSyncAllowed': true}}";
  f = expect_rule(&s, -1, "XTS-T01", 1, "userSyncInbound.isSyncAllowed",
                  "$.policies[2].userSyncInbound.isSyncAllowed", &r);
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zPartner, "third");
  ck_assert_int_eq(f->eSeverity, LINT_HIGH);
  lint_free(&r);
  /* With inbound automatic redemption as well: critical. */
  s.zPolicies = ", {'tenant': 'fabrikam', 'partner': 'third',"
                "   'automaticUserConsentSettings': {'inboundAllowed': true},"
                "   'userSyncInbound': {'isSyncAllowed': true}}";
  f = expect_rule(&s, -1, "XTS-T01", 1, "userSyncInbound.isSyncAllowed", "$.policies[2]", &r);
  ck_assert_int_eq(f->eSeverity, LINT_CRITICAL);
  lint_free(&r);
}
END_TEST

START_TEST(test_t01_follows_the_policy_in_force_at_the_instant){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'third',"
                " 'field': 'userSyncInbound.isSyncAllowed', 'value': true}";
  lintOf(&s, 30*60, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  expect_rule(&s, -1, "XTS-T01", 1, "userSyncInbound.isSyncAllowed", "$.timeline[0].value", &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_t03_default_policy_trusts_every_tenants_mfa){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zPolicies = ", {'tenant': 'fabrikam', 'inboundTrust': {'isMfaAccepted': true}}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T03", &f), 1);
  ck_assert_str_eq(f->zSetting, "inboundTrust.isMfaAccepted");
  ck_assert_str_eq(f->zPath, "$.policies[2].inboundTrust.isMfaAccepted");
  ck_assert_ptr_null(f->zPartner);
  /* contoso, which syncs in, inherits the trust: T04, pointing at the
  ** default policy that grants it. */
  ck_assert_int_eq(count(&r, "XTS-T04", &f), 1);
  ck_assert_str_eq(f->zPartner, "contoso");
  ck_assert_str_eq(f->zPath, "$.policies[2].inboundTrust.isMfaAccepted");
  ck_assert_int_eq(r.nFinding, 2);
  lint_free(&r);
}
END_TEST

START_TEST(test_t04_synced_partner_whose_device_claims_are_trusted){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zFabPolicy = ", 'inboundTrust': {'isCompliantDeviceAccepted': true}";
  f = expect_rule(&s, -1, "XTS-T04", 1, "inboundTrust.isCompliantDeviceAccepted",
                  "$.policies[1].inboundTrust.isCompliantDeviceAccepted", &r);
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zPartner, "contoso");
  lint_free(&r);
}
END_TEST

START_TEST(test_t09_usertype_member_always){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'mapping': {'attributes': [{'target': 'userType', 'type': 'Constant',"
           " 'value': 'Member', 'flowType': 'Always'}]}";
  expect_rule(&s, -1, "XTS-T09", 1, "userType.flowType", "$.jobs[0].mapping", &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_s01_sync_all){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scope': 'all'";
  expect_rule(&s, -1, "XTS-S01", 1, "scope", "$.jobs[0].scope", &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_s05_deletion_guard_off_or_above_the_population){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zThreshold = "";
  f = expect_rule(&s, -1, "XTS-S05", 1, "deleteThreshold", "$.jobs[0]", &r);
  ck_assert_str_eq(f->zValue, "off");
  lint_free(&r);
  /* 3 is not below the 3 users the job carries: it can never trip. */
  s.zThreshold = ", 'deleteThreshold': 3";
  f = expect_rule(&s, -1, "XTS-S05", 1, "deleteThreshold", "$.jobs[0].deleteThreshold", &r);
  ck_assert_str_eq(f->zValue, "3");
  lint_free(&r);
}
END_TEST

START_TEST(test_s07_no_delete_action){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'mapping': {'targetObjectActions': {'create': true, 'update': true, 'delete': false}}";
  f = expect_rule(&s, -1, "XTS-S07", 1, "targetObjectActions", "$.jobs[0].mapping", &r);
  ck_assert_str_eq(f->zValue, "Create,Update");
  ck_assert_str_eq(f->zJob, "c2f");
  lint_free(&r);
}
END_TEST

START_TEST(test_s10_quarantined_for_a_week){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  s.zDuration = "P10D";
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
                " 'field': 'userSyncInbound.isSyncAllowed', 'value': false}";
  lintOf(&s, 2*86400, &r);
  ck_assert_int_eq(count(&r, "XTS-S10", NULL), 0);
  lint_free(&r);
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-S10", NULL), 1);
  lint_free(&r);
}
END_TEST

START_TEST(test_s02_a_scope_group_outside_a_restricted_management_unit){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zGroup = "{'key': 'g', 'displayName': 'Partner pilot'}";
  f = expect_rule(&s, -1, "XTS-S02", 1, "restrictedManagementUnit", "$.tenants[0].groups[0]", &r);
  ck_assert_str_eq(f->zGroup, "g");
  ck_assert_str_eq(f->zJob, "c2f");
  ck_assert_str_eq(f->zTenant, "contoso");
  ck_assert_str_eq(f->zValue, "false");
  ck_assert_ptr_nonnull(strstr(f->zMessage, "Partner pilot"));
  lint_free(&r);
}
END_TEST

START_TEST(test_s02_a_scope_group_with_more_owners_than_allowed){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zGroup = "{'key': 'g', 'restrictedManagementUnit': true, 'owners': ['u1', 'u2', 'u3']}";
  f = expect_rule(&s, -1, "XTS-S02", 1, "owners", "$.tenants[0].groups[0].owners", &r);
  ck_assert_str_eq(f->zValue, "u1,u2,u3");
  ck_assert_ptr_nonnull(strstr(f->zMessage, "has 3 owners (more than 2)"));
  lint_free(&r);
  /* the scenario may allow more; and an ignore entry may name the group */
  s.zLint = "{'maxScopeGroupOwners': 3}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  s.zLint = "{'ignore': [{'rule': 'XTS-S02', 'group': 'g', 'reason': 'owners are the project leads'}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 1);
  ck_assert_str_eq(r.aFinding[0].zSuppressed, "owners are the project leads");
  lint_free(&r);
  s.zLint = "{'ignore': [{'rule': 'XTS-S02', 'group': 'other', 'reason': 'another group'}]}";
  lintOf(&s, -1, &r);
  ck_assert_ptr_null(r.aFinding[0].zSuppressed);
  lint_free(&r);
}
END_TEST

START_TEST(test_s02_a_group_is_found_from_the_instant_it_is_assigned){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = "";
  s.zGroup = "{'key': 'g', 'restrictedManagementUnit': true}, {'key': 'late'}";
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign', 'job': 'c2f', 'groups': ['late']}";
  lintOf(&s, 1800, &r);
  ck_assert_int_eq(count(&r, "XTS-S02", NULL), 0);
  lint_free(&r);
  lintOf(&s, 3600, &r);
  ck_assert_int_eq(count(&r, "XTS-S02", NULL), 1);
  ck_assert_str_eq(r.aFinding[0].zGroup, "late");
  lint_free(&r);
}
END_TEST

static char *invalid(const char *zText);

#define MTO_CF "{'tenants': [{'tenant': 'contoso', 'role': 'owner'}, {'tenant': 'fabrikam'}]"

START_TEST(test_t02_a_member_syncs_in_from_outside_the_organization){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zMto = MTO_CF "}";
  lintOf(&s, -1, &r);                       /* contoso and fabrikam: both members */
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  s.zPolicies = ", {'tenant': 'fabrikam', 'partner': 'third',"
                "   'userSyncInbound': {'isSyncAllowed': true}}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T02", &f), 1);
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zPartner, "third");
  ck_assert_str_eq(f->zPath, "$.policies[2].userSyncInbound.isSyncAllowed");
  lint_free(&r);
  /* without an organization, inside and outside cannot be told apart */
  s.zMto = NULL;
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T02", NULL), 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_t11_a_template_trusts_whoever_joins){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  /* Graph's default level applies the template to new partners */
  s.zMto = MTO_CF ", 'templates': [{'tenant': 'fabrikam',"
           " 'identitySync': {'userSyncInbound': {'isSyncAllowed': true}}}]}";
  f = expect_rule(&s, -1, "XTS-T11", 1, "identitySync.userSyncInbound.isSyncAllowed",
                  "$.multiTenantOrganization.templates[0].identitySync.userSyncInbound.isSyncAllowed", &r);
  ck_assert_int_eq(f->eSeverity, LINT_MEDIUM);
  lint_free(&r);
  /* sync and MFA trust for every newcomer: high */
  s.zMto = MTO_CF ", 'templates': [{'tenant': 'fabrikam',"
           " 'identitySync': {'userSyncInbound': {'isSyncAllowed': true}},"
           " 'partnerConfiguration': {'inboundTrust': {'isMfaAccepted': true}}}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T11", &f), 2);
  ck_assert_int_eq(f->eSeverity, LINT_HIGH);
  lint_free(&r);
  /* applied to existing partners only, or set to false: nothing to find */
  s.zMto = MTO_CF ", 'templates': [{'tenant': 'fabrikam',"
           " 'identitySync': {'userSyncInbound': {'isSyncAllowed': true},"
           "                  'templateApplicationLevel': 'existingPartners'},"
           " 'partnerConfiguration': {'inboundTrust': {'isMfaAccepted': false}}}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_an_organization_names_tenants_roles_and_levels_it_knows){
  Story s;
  char *z;
  memset(&s, 0, sizeof(s));
  s.zMto = "{'tenants': [{'tenant': 'contoso', 'role': 'boss'}, {'tenant': 'nowhere'},"
           " {'tenant': 'contoso'}], 'templates': [{'tenant': 'fabrikam',"
           " 'identitySync': {'templateApplicationLevel': 'newPartner'},"
           " 'partnerConfiguration': {'inboundTrust': {'isMfaAccepted': 'yes'}}}], 'name': 'x'}";
  z = invalid(story(&s));
  ck_assert_msg(strstr(z, "multiTenantOrganization.tenants[0].role: expected \"owner\" or \"member\"")
                !=NULL, "%s", z);
  ck_assert_msg(strstr(z, "multiTenantOrganization.tenants[1].tenant: no tenant \"nowhere\"")!=NULL,
                "%s", z);
  ck_assert_msg(strstr(z, "multiTenantOrganization.tenants[2].tenant: tenant \"contoso\" already has")
                !=NULL, "%s", z);
  ck_assert_msg(strstr(z, "templates[0].identitySync.templateApplicationLevel: unknown level"
                          " \"newPartner\" (did you mean \"newPartners\"?)")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "templates[0].partnerConfiguration.inboundTrust.isMfaAccepted")!=NULL,
                "%s", z);
  ck_assert_msg(strstr(z, "multiTenantOrganization.name: unknown key")!=NULL, "%s", z);
  mem_free(z);
}
END_TEST

START_TEST(test_t12_a_partner_whose_jobs_went_quiet){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zDuration = "P40D";
  s.zLint = "{'stalePartnerDays': 30}";
  lintOf(&s, 20*86400, &r);
  ck_assert_int_eq(count(&r, "XTS-T12", NULL), 0);
  lint_free(&r);
  lintOf(&s, 35*86400, &r);
  ck_assert_int_eq(count(&r, "XTS-T12", &f), 1);
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zPartner, "contoso");
  ck_assert_int_eq(f->eSeverity, LINT_LOW);
  ck_assert_ptr_nonnull(strstr(f->zMessage, "exported nothing for 34 days"));
  lint_free(&r);
  /* a relationship in use: an update every 20 days keeps it fresh */
  s.zTimeline = "{'at': 'P20D', 'action': 'update', 'tenant': 'contoso', 'users': ['u1'],"
                " 'set': {'jobTitle': 'Lead'}}";
  lintOf(&s, 35*86400, &r);
  ck_assert_int_eq(count(&r, "XTS-T12", NULL), 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_t13_a_removed_partners_sync_policy_is_restorable_for_30_days){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zDuration = "P32D";
  s.zTimeline = "{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'contoso'}";
  lintOf(&s, 2*3600, &r);
  ck_assert_int_eq(count(&r, "XTS-T13", &f), 1);
  ck_assert_str_eq(f->zPath, "$.timeline[0]");
  ck_assert_int_eq(f->eSeverity, LINT_LOW);      /* it allowed sync */
  ck_assert_ptr_nonnull(strstr(f->zMessage, "can be restored for 30 more days"));
  lint_free(&r);
  lintOf(&s, 31*86400 + 2*3600, &r);
  ck_assert_int_eq(count(&r, "XTS-T13", NULL), 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_s09_users_shown_in_the_address_book_of_an_outside_tenant){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zMto = "{'tenants': [{'tenant': 'contoso', 'role': 'owner'}]}";  /* fabrikam is outside */
  f = expect_rule(&s, -1, "XTS-S09", 1, "showInAddressList", "$.jobs[0]", &r);
  ck_assert_str_eq(f->zJob, "c2f");
  ck_assert_str_eq(f->zPartner, "fabrikam");
  lint_free(&r);
  /* the fixed twin: the mapping keeps them out of the address list */
  s.zJob = ", 'mapping': {'attributes': [{'target': 'showInAddressList', 'type': 'Constant',"
           " 'value': 'False'}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  /* inside the organization it is what the organization is for */
  s.zJob = NULL;
  s.zMto = MTO_CF "}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_s03_a_scope_that_depends_on_an_attribute){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scopingFilters': [{'title': 'sales', 'clauses': ["
           "{'attribute': 'department', 'operator': 'EQUALS', 'value': 'Sales'},"
           "{'attribute': 'country', 'operator': 'EQUALS', 'value': 'DE'}]},"
           " {'title': 'or', 'clauses': [{'attribute': 'department', 'operator': 'EQUALS', 'value': 'HR'}]}]";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-S03", &f), 2);            /* department once, country */
  ck_assert_int_eq(r.nFinding, 2);
  ck_assert_str_eq(f->zSetting, "scopingFilters.department");
  ck_assert_str_eq(f->zPath, "$.jobs[0].scopingFilters");
  ck_assert_str_eq(r.aFinding[1].zValue, "country");
  lint_free(&r);
  /* saved by the timeline: found from that instant, at that action */
  s.zJob = NULL;
  s.zTimeline = "{'at': 'PT1H', 'action': 'set_filters', 'job': 'c2f', 'scopingFilters': [{'title': 't',"
                " 'clauses': [{'attribute': 'jobTitle', 'operator': 'EQUALS', 'value': 'x'}]}]}";
  lintOf(&s, 1800, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  f = expect_rule(&s, 3600, "XTS-S03", 1, "scopingFilters.jobTitle", "$.timeline[0].scopingFilters", &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_t10_target_admins_edit_or_remove_synced_users){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT30M', 'action': 'target_update', 'job': 'c2f', 'users': ['u1', 'u2'],"
                " 'set': {'jobTitle': 'Contractor'}},"
                "{'at': 'PT1H', 'action': 'target_leave', 'job': 'c2f', 'users': ['u3']}";
  lintOf(&s, 20*60, &r);                   /* before any target edit */
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  lintOf(&s, 45*60, &r);
  ck_assert_int_eq(count(&r, "XTS-T10", &f), 1);
  ck_assert_str_eq(f->zSetting, "target_update");
  ck_assert_str_eq(f->zValue, "2");
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zPath, "$.timeline[0]");
  ck_assert_int_eq(f->eSeverity, LINT_MEDIUM);
  lint_free(&r);
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T10", NULL), 2);
  ck_assert_str_eq(r.aFinding[0].zSetting, "target_leave");  /* the departure */
  ck_assert_int_eq(r.aFinding[0].eSeverity, LINT_LOW);
  ck_assert_str_eq(r.aFinding[0].zPath, "$.timeline[1]");
  lint_free(&r);
}
END_TEST

/* T10's "LCW half": "a target lifecycle workflow disables inactive CTS
** users" (security-posture.md XTS-T10); CTS re-enables them at their next
** source change (entra-facts §6.4). */
START_TEST(test_t10_a_lifecycle_workflow_disables_synced_users){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT30M', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['u1', 'u2']}";
  lintOf(&s, 20*60, &r);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  f = expect_rule(&s, -1, "XTS-T10", 1, "lifecycle_workflow", "$.timeline[0]", &r);
  ck_assert_str_eq(f->zValue, "2");
  ck_assert_int_eq(f->eSeverity, LINT_MEDIUM);
  ck_assert_ptr_nonnull(strstr(f->zMessage, "a lifecycle workflow in fabrikam disabled or deleted 2"
                                            " of job c2f's users as inactive"));
  lint_free(&r);
}
END_TEST

/* T10's "review half": "a target access review auto-applies 'remove
** denied' to CTS-managed users"; "Cross-tenant synchronization reprovisions
** the users if they're in the synchronization scope" (governance article). */
START_TEST(test_t10_an_access_review_removes_denied_synced_users){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'mapping': {'attributes': [{'target': 'userType', 'type': 'Constant', 'value': 'Guest'}]}";
  s.zTimeline = "{'at': 'PT30M', 'action': 'access_review', 'job': 'c2f', 'users': ['u3'],"
                " 'apply': 'disableAndDeleteUser'}";
  f = expect_rule(&s, -1, "XTS-T10", 1, "access_review", "$.timeline[0]", &r);
  ck_assert_str_eq(f->zValue, "1");
  ck_assert_int_eq(f->eSeverity, LINT_MEDIUM);
  ck_assert_ptr_nonnull(strstr(f->zMessage, "Microsoft does not recommend removing denied synced"
                                            " users automatically"));
  lint_free(&r);
  /* a review that removed nothing (synced members are not in a review of
  ** guests) is no fight */
  s.zJob = NULL;
  lintOf(&s, -1, &r);
  ck_assert_int_eq(count(&r, "XTS-T10", NULL), 0);
  lint_free(&r);
}
END_TEST

/* A recovery rolls synced users back behind the job's back; one created
** since the backup is soft-deleted and not restored by the job. */
START_TEST(test_t10_a_backup_recovery_rolls_synced_users_back){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT1H', 'action': 'target_restore', 'job': 'c2f', 'users': ['u1']}";
  lintOf(&s, -1, &r);
  /* (u1's account is gone, so XTS-S05 finds the threshold of 2 too high) */
  ck_assert_int_eq(count(&r, "XTS-T10", &f), 1);
  ck_assert_str_eq(f->zSetting, "target_restore");
  ck_assert_str_eq(f->zPath, "$.timeline[0]");
  ck_assert_int_eq(f->eSeverity, LINT_LOW);
  ck_assert_ptr_nonnull(strstr(f->zMessage, "a Backup and Recovery recovery in fabrikam rolled 1 of"
                                            " job c2f's users back to a backup"));
  lint_free(&r);
}
END_TEST

START_TEST(test_g03_a_tenant_that_exports_no_audit_log){
  Story s;
  LintResult r;
  const LintFinding *f;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = ", 'logExport': ['SignInLogs']";
  f = expect_rule(&s, -1, "XTS-G03", 1, "logExport", "$.tenants[1].logExport", &r);
  ck_assert_str_eq(f->zTenant, "fabrikam");
  ck_assert_str_eq(f->zValue, "AuditLogs");
  lint_free(&r);
}
END_TEST

/* r written in format e (free with free()). */
static char *written(const LintResult *r, LintFormat e, const char *zText){
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  TsErr err;
  tserr_clear(&err);
  ck_assert_int_eq(lint_fmt_write(r, e, zText ? "lint.json" : NULL, zText,
                                  zText ? strlen(zText) : 0, f, &err), TS_OK);
  fclose(f);
  return z;
}

START_TEST(test_sarif_has_the_members_code_scanning_requires){
  Story s;
  LintResult r;
  cJSON *pDoc, *pRun, *pRes, *pLoc;
  char *z;
  int nRule;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scope': 'all'";
  lintOf(&s, -1, &r);
  z = written(&r, LINT_SARIF, story(&s));
  pDoc = cJSON_Parse(z);
  ck_assert_ptr_nonnull(pDoc);
  ck_assert_str_eq(cJSON_GetObjectItem(pDoc, "version")->valuestring, "2.1.0");
  pRun = cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "runs"), 0);
  ck_assert_ptr_nonnull(pRun);
  lint_rules(&nRule);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pRun, "tool"),
                   "driver"), "name")->valuestring, "tenantsim");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(
                   cJSON_GetObjectItem(pRun, "tool"), "driver"), "rules")), nRule);
  pRes = cJSON_GetArrayItem(cJSON_GetObjectItem(pRun, "results"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(pRes, "ruleId")->valuestring, "XTS-S01");
  ck_assert_str_eq(cJSON_GetObjectItem(pRes, "level")->valuestring, "error");
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(pRes, "message"), "text"));
  pLoc = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pRes, "locations"), 0),
                             "physicalLocation");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pLoc, "artifactLocation"), "uri")
                   ->valuestring, "lint.json");
  /* The story is one line: the region is line 1, at the scope's value. */
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pLoc, "region"), "startLine")->valueint, 1);
  ck_assert_int_gt(cJSON_GetObjectItem(cJSON_GetObjectItem(pLoc, "region"), "startColumn")->valueint, 1);
  cJSON_Delete(pDoc);
  free(z);
  lint_free(&r);
}
END_TEST

START_TEST(test_rule_selection_and_severity_counts){
  Story s;
  LintResult r;
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  static const char *const azOnly[] = { "XTS-S07" };
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scope': 'all', 'mapping': {'targetObjectActions': {'delete': false}}";
  fixture_run("tslint", "lint.json", story(&s), zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_int_eq(lint_run(pStore, -1, NULL, 0, &r, &err), TS_OK);
  ck_assert_int_eq(r.nFinding, 2);
  ck_assert_int_eq(lint_count_at_least(&r, LINT_HIGH), 2);
  ck_assert_int_eq(lint_count_at_least(&r, LINT_CRITICAL), 0);
  lint_free(&r);
  ck_assert_int_eq(lint_run(pStore, -1, azOnly, 1, &r, &err), TS_OK);
  ck_assert_int_eq(r.nFinding, 1);
  ck_assert_str_eq(r.aFinding[0].pRule->zId, "XTS-S07");
  lint_free(&r);
  store_close(pStore);
  unlink(zDb);
  ck_assert_ptr_null(lint_rule_find("XTS-X99"));
  ck_assert_ptr_nonnull(lint_rule_find("xts-t01"));
}
END_TEST

/* Every finding, each with its path. */
static int twoWithPaths(const LintResult *r){
  ck_assert_int_eq(r->nFinding, 2);
  return r->aFinding[0].zPath!=NULL && r->aFinding[1].zPath!=NULL;
}

START_TEST(test_lint_survives_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scope': 'all'";
  s.zFabPolicy = ", 'inboundTrust': {'isMfaAccepted': true}";
  fixture_run("tslint", "lint.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, twoWithPaths);
  unlink(zDb);
}
END_TEST

START_TEST(test_ignored_findings_are_reported_as_suppressed){
  Story s;
  LintResult r;
  const LintFinding *f = NULL;
  char *z;
  memset(&s, 0, sizeof(s));
  s.zJob = ", 'scope': 'all'";
  s.zThreshold = "";
  s.zLint = "{'ignore': [{'rule': 'XTS-S01', 'job': 'c2f', 'reason': 'the whole of contoso"
            " moves to fabrikam'}, {'rule': 'XTS-S05', 'tenant': 'third', 'reason': 'not this tenant'}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 2);
  ck_assert_int_eq(count(&r, "XTS-S01", &f), 1);
  ck_assert_str_eq(f->zSuppressed, "the whole of contoso moves to fabrikam");
  ck_assert_int_eq(count(&r, "XTS-S05", &f), 1);
  ck_assert_ptr_null(f->zSuppressed);
  ck_assert_int_eq(lint_count_suppressed(&r), 1);
  /* --fail-on counts only what stands: S01 (high) is accepted. */
  ck_assert_int_eq(lint_count_at_least(&r, LINT_HIGH), 0);
  ck_assert_int_eq(lint_count_at_least(&r, LINT_MEDIUM), 1);
  z = written(&r, LINT_TEXT, NULL);
  ck_assert_msg(strstr(z, "1 suppressed by the scenario's lint.ignore")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "SUPPRESSED by lint.ignore: the whole of contoso")!=NULL, "%s", z);
  free(z);
  z = written(&r, LINT_SARIF, NULL);
  ck_assert_msg(strstr(z, "\"suppressions\":[{\"kind\":\"inSource\",\"justification\":"
                "\"the whole of contoso moves to fabrikam\"}]")!=NULL, "%s", z);
  free(z);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------ the two pages */

/* A lint.ignore reason with everything that could break a Markdown table
** or an HTML page: a cell separator, an end tag, a script, a line break,
** a backslash (written for story(), whose ' become "). */
#define HOSTILE_REASON "a | b </td><script>alert(1)</script>\\nline two \\\\ end"
/* The same in a Markdown table cell (report_md_text). */
#define HOSTILE_REASON_MD "a \\| b &lt;/td>&lt;script>alert(1)&lt;/script><br>line two \\\\ end"

/* Three findings: XTS-T01 critical (fabrikam lets third sync in, with
** inbound auto-redemption, and no job uses it), XTS-S01 high (scope all,
** suppressed with HOSTILE_REASON), XTS-S05 medium (no deletion guard). */
static void pageStory(Story *s){
  memset(s, 0, sizeof(*s));
  s->zPolicies = ", {'tenant': 'fabrikam', 'partner': 'third',"
                 "   'automaticUserConsentSettings': {'inboundAllowed': true},"
                 "   'userSyncInbound': {'isSyncAllowed': true}}";
  s->zJob = ", 'scope': 'all'";
  s->zThreshold = "";
  s->zLint = "{'ignore': [{'rule': 'XTS-S01', 'reason': '" HOSTILE_REASON "'}]}";
}

static int starts(const char *z, const char *zPrefix){
  return z && strncmp(z, zPrefix, strlen(zPrefix))==0;
}

/* The cell separators of Markdown table row z (up to its line's end): the
** '|' that no backslash escapes. */
static int md_separators(const char *z){
  int n = 0;
  for(; *z && *z!='\n'; z++){
    if( *z=='\\' && z[1] && z[1]!='\n' ) z++;
    else if( *z=='|' ) n++;
  }
  return n;
}

/* The table rows (header and separator excluded) of section zHead of
** Markdown page z, each of which must have nCol cells; the first row's
** start into *pzFirst. */
static int md_rows(const char *z, const char *zHead, int nCol, const char **pzFirst){
  const char *zAt = strstr(z, zHead), *zEnd;
  int n = 0, nLine = 0;
  ck_assert_msg(zAt!=NULL, "no %s in:\n%s", zHead, z);
  zAt += strlen(zHead);
  zEnd = strstr(zAt, "\n## ");
  if( zEnd==NULL ) zEnd = zAt + strlen(zAt);
  for(; zAt && zAt<zEnd; zAt = strchr(zAt, '\n'), zAt = zAt ? zAt+1 : NULL){
    if( zAt[0]!='|' ) continue;
    ck_assert_msg(md_separators(zAt)==nCol+1, "a row of %d cells, not %d: %.200s",
                  md_separators(zAt)-1, nCol, zAt);
    if( nLine++<2 ) continue;
    if( n++==0 && pzFirst ) *pzFirst = zAt;
  }
  return n;
}

START_TEST(test_markdown_page_answers_first_then_a_row_per_finding){
  Story s;
  LintResult r;
  const char *zRow = NULL;
  char *z;
  pageStory(&s);
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 3);
  z = written(&r, LINT_MD, NULL);
  ck_assert_msg(starts(z, "# Lint: lint at Day 1 11:00 (2026-01-05T11:00:00Z), the end of the run\n\n**2 findings**: 1 critical,"
                " 0 high, 1 medium, 0 low, 0 info; 1 suppressed by the scenario's lint.ignore.\n"),
                "%s", z);
  /* The findings that stand, critical first; each of six cells. */
  ck_assert_int_eq(md_rows(z, "\n## Findings\n", 6, &zRow), 2);
  ck_assert_msg(starts(zRow, "| **critical** | XTS-T01 dangling-inbound-sync | tenant fabrikam,"
                " partner third | userSyncInbound.isSyncAllowed = true |"
                " $.policies[2].userSyncInbound.isSyncAllowed | "), "%.300s", zRow);
  zRow = strchr(zRow, '\n') + 1;
  ck_assert_msg(starts(zRow, "| medium | XTS-S05 deletion-guard-off | tenant contoso, partner"
                " fabrikam, job c2f | deleteThreshold = off | $.jobs[0] | "), "%.300s", zRow);
  /* The suppressed one, in its own table, with its reason: never hidden. */
  ck_assert_int_eq(md_rows(z, "\n## Suppressed by lint.ignore (1)\n", 7, &zRow), 1);
  ck_assert_msg(starts(zRow, "| **high** | XTS-S01 sync-all-scope | "), "%.300s", zRow);
  ck_assert_msg(strstr(zRow, "| " HOSTILE_REASON_MD " |\n")!=NULL, "%.300s", zRow);
  /* Then the rules, in the order of the page. */
  ck_assert_ptr_nonnull(strstr(z, "### XTS-T01 dangling-inbound-sync\n\nUsually high; here 1 finding.\n"));
  ck_assert_ptr_nonnull(strstr(z, "### XTS-S01 sync-all-scope\n\nUsually high; here 0 findings and"
                               " 1 suppressed.\n"));
  ck_assert_msg(strstr(z, "### XTS-T01") < strstr(z, "### XTS-S05")
                && strstr(z, "### XTS-S05") < strstr(z, "### XTS-S01"), "%s", z);
  ck_assert_ptr_nonnull(strstr(z, "- **Source:** <https://learn.microsoft.com/"));
  ck_assert_ptr_null(strstr(z, "<script"));
  free(z);
  lint_free(&r);
}
END_TEST

/* A result made by hand, with what no scenario can hold (the validator
** admits only letters, digits, - _ . in keys and names): '|', '<', line
** breaks and a backslash in every string of a finding. */
static void hostileResult(LintResult *r, LintFinding *f){
  static const char zEvil[] = "t|1\n<b>x</b>\\";
  memset(r, 0, sizeof(*r));
  memset(f, 0, sizeof(*f));
  r->zScenario = "s|<i>";
  r->t = 3600;
  f->pRule = lint_rule_find("XTS-S05");
  f->eSeverity = LINT_LOW;
  f->zTenant = f->zPartner = f->zJob = zEvil;
  f->zSetting = f->zValue = f->zPath = f->zMessage = zEvil;
  r->nFinding = 1;
  r->aFinding = f;
}

START_TEST(test_markdown_cells_hold_any_string){
  LintResult r;
  LintFinding f;
  const char *zRow = NULL;
  char *z;
  hostileResult(&r, &f);
  z = written(&r, LINT_MD, NULL);
  ck_assert_msg(starts(z, "# Lint: s|&lt;i> at Day 1 01:00 (1970-01-01T01:00:00Z)\n\n**1 finding**: 0 critical, 0 high,"
                " 0 medium, 1 low, 0 info; none suppressed.\n"), "%s", z);
  ck_assert_int_eq(md_rows(z, "\n## Findings\n", 6, &zRow), 1);
  ck_assert_msg(strstr(zRow, "| tenant t\\|1<br>&lt;b>x&lt;/b>\\\\, partner t\\|1")!=NULL,
                "%.400s", zRow);
  ck_assert_ptr_null(strstr(z, "<b>"));
  ck_assert_ptr_null(strstr(z, "<i>"));
  free(z);
}
END_TEST

START_TEST(test_pages_survive_every_failed_allocation){
  Story s;
  LintResult r;
  LintFormat e;
  pageStory(&s);
  lintOf(&s, -1, &r);
  for(e=LINT_MD; e<=LINT_HTML; e++){
    long n;
    int bDone = 0;
    for(n=1; !bDone && n<1000; n++){
      char *z = NULL;
      size_t nOut = 0;
      FILE *f = open_memstream(&z, &nOut);
      TsErr err;
      int rc;
      tserr_clear(&err);
      mem_fail_after(n);
      rc = lint_fmt_write(&r, e, NULL, NULL, 0, f, &err);
      mem_fail_after(0);
      fclose(f);
      if( rc==TS_OK ){
        bDone = 1;
        ck_assert_ptr_nonnull(strstr(z, "XTS-S01"));
      }else{
        /* Nothing half-written. */
        ck_assert_int_eq(rc, TS_NOMEM);
        ck_assert_uint_eq(nOut, 0);
      }
      free(z);
    }
    ck_assert_msg(bDone, "format %s never completed", lint_fmt_name(e));
  }
  lint_free(&r);
}
END_TEST

START_TEST(test_format_names_parse_back){
  LintFormat e, eBack;
  for(e=LINT_TEXT; e<LINT_FORMAT_COUNT; e++){
    ck_assert_int_eq(lint_fmt_parse(lint_fmt_name(e), &eBack), 0);
    ck_assert_int_eq(eBack, e);
  }
  ck_assert_ptr_null(lint_fmt_name(LINT_FORMAT_COUNT));
  ck_assert_int_eq(lint_fmt_parse("markdown", &eBack), -1);
  ck_assert_int_eq(lint_fmt_parse("md", &eBack), 0);
  ck_assert_int_eq(eBack, LINT_MD);
}
END_TEST

/* The validator's messages for scenario zText (which must be invalid). */
static char *invalid(const char *zText){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  char *z;
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("lint.json", zText, &pScn, &errs, &err), TS_ERR);
  z = strbuf_take(&errs);
  ck_assert_ptr_nonnull(z);
  return z;
}

START_TEST(test_an_ignore_entry_names_a_rule_and_gives_its_reason){
  Story s;
  char *z;
  memset(&s, 0, sizeof(s));
  s.zLint = "{'ignore': [{'rule': 'XTS-S5', 'reason': 'r'}, {'rule': 'XTS-S01', 'reason': ''},"
            " {'rule': 'XTS-S01', 'job': 'nojob', 'reason': 'r'}], 'ignored': []}";
  z = invalid(story(&s));
  ck_assert_msg(strstr(z, "lint.ignore[0].rule: no lint rule \"XTS-S5\" (did you mean \"XTS-S05\"?)")
                !=NULL, "%s", z);
  ck_assert_msg(strstr(z, "lint.ignore[1].reason: expected a non-empty string")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "lint.ignore[2].job: no job \"nojob\"")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "lint.ignored: unknown key \"ignored\" (did you mean \"ignore\"?)")!=NULL,
                "%s", z);
  mem_free(z);
}
END_TEST

Suite *lint_suite(void){
  Suite *s = suite_create("lint");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_the_base_story_has_no_finding);
  tcase_add_test(tc, test_t01_inbound_sync_no_job_uses);
  tcase_add_test(tc, test_t01_follows_the_policy_in_force_at_the_instant);
  tcase_add_test(tc, test_t03_default_policy_trusts_every_tenants_mfa);
  tcase_add_test(tc, test_t04_synced_partner_whose_device_claims_are_trusted);
  tcase_add_test(tc, test_t09_usertype_member_always);
  tcase_add_test(tc, test_s01_sync_all);
  tcase_add_test(tc, test_s05_deletion_guard_off_or_above_the_population);
  tcase_add_test(tc, test_s07_no_delete_action);
  tcase_add_test(tc, test_s10_quarantined_for_a_week);
  tcase_add_test(tc, test_s02_a_scope_group_outside_a_restricted_management_unit);
  tcase_add_test(tc, test_s02_a_scope_group_with_more_owners_than_allowed);
  tcase_add_test(tc, test_s02_a_group_is_found_from_the_instant_it_is_assigned);
  tcase_add_test(tc, test_t02_a_member_syncs_in_from_outside_the_organization);
  tcase_add_test(tc, test_t11_a_template_trusts_whoever_joins);
  tcase_add_test(tc, test_an_organization_names_tenants_roles_and_levels_it_knows);
  tcase_add_test(tc, test_t12_a_partner_whose_jobs_went_quiet);
  tcase_add_test(tc, test_t13_a_removed_partners_sync_policy_is_restorable_for_30_days);
  tcase_add_test(tc, test_s09_users_shown_in_the_address_book_of_an_outside_tenant);
  tcase_add_test(tc, test_s03_a_scope_that_depends_on_an_attribute);
  tcase_add_test(tc, test_t10_target_admins_edit_or_remove_synced_users);
  tcase_add_test(tc, test_t10_a_lifecycle_workflow_disables_synced_users);
  tcase_add_test(tc, test_t10_an_access_review_removes_denied_synced_users);
  tcase_add_test(tc, test_t10_a_backup_recovery_rolls_synced_users_back);
  tcase_add_test(tc, test_g03_a_tenant_that_exports_no_audit_log);
  tcase_add_test(tc, test_sarif_has_the_members_code_scanning_requires);
  tcase_add_test(tc, test_rule_selection_and_severity_counts);
  tcase_add_test(tc, test_lint_survives_every_failed_allocation);
  tcase_add_test(tc, test_ignored_findings_are_reported_as_suppressed);
  tcase_add_test(tc, test_an_ignore_entry_names_a_rule_and_gives_its_reason);
  tcase_add_test(tc, test_markdown_page_answers_first_then_a_row_per_finding);
  tcase_add_test(tc, test_markdown_cells_hold_any_string);
  tcase_add_test(tc, test_pages_survive_every_failed_allocation);
  tcase_add_test(tc, test_format_names_parse_back);
  suite_add_tcase(s, tc);
  return s;
}
