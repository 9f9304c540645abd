/*
** test_lint_authz.c — the specification of reports/lint_authz.c: each of
** XTS-T07, T08, S04, G01 and G02 fires on a minimal scenario and stays
** silent on its fixed twin, with its objects, setting, value and the JSON
** path of the object that made the finding; role assignments made during
** the run count from their instant; lint.ignore accepts them.
**
** The base story (no finding at all): contoso syncs its group g (u1, u2,
** u3) into fabrikam, whose partner policy allows it and nothing else;
** root is a contoso user outside g; fabrikam has five internal users
** a1..a5; accidental-deletion prevention is at 2 and every log exported.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "lint.h"
#include "lint_authz.h"
#include "lint_fixture.h"
#include "mem.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"

typedef struct Story {
  const char *zContoso;     /* extra members of contoso's tenant object */
  const char *zFabrikam;    /* extra members of fabrikam's */
  const char *zJob;         /* extra members of the job */
  const char *zTimeline;    /* the timeline's entries */
  const char *zLint;        /* the lint section, NULL: none */
} Story;

static const char *story(const Story *s){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lintauthz', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT3H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [{'key': 'g', 'restrictedManagementUnit': true}], 'users': [{'key': 'root'}],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}]%s},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com',"
    "              'populations': [{'count': 5, 'keyPrefix': 'a'}]%s},"
    "             {'key': 'third', 'domain': 'third.example',"
    "              'tenantId': '0f0e0d0c-0b0a-4909-8807-060504030201'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}, 'deleteThreshold': 2, " LINT_FX_NOTIFY "%s}],"
    " 'timeline': [%s]%s%s}",
    s->zContoso ? s->zContoso : "", s->zFabrikam ? s->zFabrikam : "", s->zJob ? s->zJob : "",
    s->zTimeline ? s->zTimeline : "", s->zLint ? ", 'lint': " : "", s->zLint ? s->zLint : "");
  return scn(zBuf);
}

/* Lint the run of story s at t; the caller lint_frees *r. */
static void lintOf(const Story *s, SimTime t, LintResult *r){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  fixture_run("tslintauthz", "lintauthz.json", story(s), zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(lint_run(pStore, t, NULL, 0, r, &err)==TS_OK, "lint: %s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
}

/* Exactly n findings in r, all of rule zId (n may be 0); the first. */
static const LintFinding *only(const LintResult *r, const char *zId, int n){
  int i;
  for(i=0; i<r->nFinding; i++){
    ck_assert_msg(strcmp(r->aFinding[i].pRule->zId, zId)==0, "unexpected %s: %s",
                  r->aFinding[i].pRule->zId, r->aFinding[i].zMessage);
  }
  ck_assert_msg(r->nFinding==n, "%s: %d findings, not %d", zId, r->nFinding, n);
  return n ? &r->aFinding[0] : NULL;
}

/* The story s must give n findings of zId at t (the first into *pf,
** copied: r is freed), or none. */
static void expect(const Story *s, SimTime t, const char *zId, int n, LintFinding *pf, LintResult *r){
  const LintFinding *f;
  lintOf(s, t, r);
  f = only(r, zId, n);
  if( f && pf ) *pf = *f;
}

START_TEST(test_the_base_story_has_no_finding){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  expect(&s, -1, "none", 0, NULL, &r);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------------ XTS-T07 */

START_TEST(test_t07_a_synced_member_given_a_role_from_that_instant){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['u2'],"
                " 'role': 'Global Administrator', 'assignment': 'eligible'}";
  expect(&s, -1, "XTS-T07", 1, &f, &r);
  ck_assert_int_eq(f.eSeverity, LINT_CRITICAL);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPartner, "contoso");
  ck_assert_str_eq(f.zJob, "c2f");
  ck_assert_str_eq(f.zSetting, "directoryRole");
  ck_assert_str_eq(f.zValue, "Global Administrator (eligible)");
  ck_assert_str_eq(f.zPath, "$.timeline[0]");
  ck_assert_msg(strstr(f.zMessage, "u2_contoso.com#EXT#@fabrikam.com, synced from contoso by job c2f")!=NULL,
                "%s", f.zMessage);
  lint_free(&r);
  /* before the action: nothing */
  expect(&s, 30*60, "XTS-T07", 0, NULL, &r);
  lint_free(&r);
  /* the fixed twin: the role goes to an account of fabrikam itself */
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'tenant': 'fabrikam', 'users': ['a1'],"
                " 'role': 'Global Reader'}";
  expect(&s, -1, "XTS-T07", 0, NULL, &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_t07_a_declared_b2b_user_the_job_takes_over){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = ", 'users': [{'key': 'u1-ext', 'homeUser': 'contoso:u1'}],"
                " 'roleAssignments': [{'role': 'Directory Readers', 'principal': 'u1-ext'}]";
  expect(&s, -1, "XTS-T07", 1, &f, &r);
  /* a role Microsoft does not label privileged: high, not critical */
  ck_assert_int_eq(f.eSeverity, LINT_HIGH);
  ck_assert_str_eq(f.zPath, "$.tenants[1].roleAssignments[0]");
  lint_free(&r);
  /* the twin: the same role on a guest no job manages */
  s.zFabrikam = ", 'users': [{'key': 'guest', 'invitation': 'accepted', 'mail': 'x@else.example'}],"
                " 'roleAssignments': [{'role': 'Directory Readers', 'principal': 'guest'}]";
  expect(&s, -1, "XTS-T07", 0, NULL, &r);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------------ XTS-T08 */

#define CA(zTypes, zMore) \
  ", 'conditionalAccessPolicies': [{'displayName': 'MFA for guests', 'state': 'enabled'," \
  "  'conditions': {'users': {'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': '" zTypes "'" \
  zMore "}}}, 'grantControls': {'operator': 'OR', 'builtInControls': ['mfa']}}]"

START_TEST(test_t08_a_guest_keyed_policy_that_synced_members_escape){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = CA("internalGuest,b2bCollaborationGuest", "");
  expect(&s, -1, "XTS-T08", 1, &f, &r);
  ck_assert_int_eq(f.eSeverity, LINT_HIGH);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPartner, "contoso");
  ck_assert_str_eq(f.zJob, "c2f");
  ck_assert_str_eq(f.zValue, "internalGuest,b2bCollaborationGuest");
  ck_assert_str_eq(f.zPath, "$.tenants[1].conditionalAccessPolicies[0].conditions.users"
                            ".includeGuestsOrExternalUsers.guestOrExternalUserTypes");
  ck_assert_msg(strstr(f.zMessage, "\"MFA for guests\"")!=NULL, "%s", f.zMessage);
  /* it says how many synced members it misses: the three the job carries */
  ck_assert_msg(strstr(f.zMessage, "it misses the 3 external members (userType Member) job c2f"
                       " has brought in from contoso")!=NULL, "%s", f.zMessage);
  lint_free(&r);
  /* before the first cycle there are none yet */
  expect(&s, 0, "XTS-T08", 1, &f, &r);
  ck_assert_msg(strstr(f.zMessage, "the users job c2f brings in from contoso are external members"
                       " and escape it")!=NULL, "%s", f.zMessage);
  lint_free(&r);
  /* enumerated external tenants that name the source: still a finding */
  s.zFabrikam = CA("b2bCollaborationGuest", ", 'externalTenants': {'membershipKind': 'enumerated',"
                   " 'members': ['third', 'contoso']}");
  expect(&s, -1, "XTS-T08", 1, NULL, &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_t08_fixed_twins_are_silent){
  static const char *const azTwin[] = {
    CA("b2bCollaborationGuest,b2bCollaborationMember", ""),
    CA("b2bCollaborationGuest", ", 'externalTenants': {'membershipKind': 'enumerated',"
       " 'members': ['0f0e0d0c-0b0a-4909-8807-060504030201']}"),
    ", 'conditionalAccessPolicies': [{'displayName': 'all', 'state': 'enabled', 'conditions':"
    "  {'users': {'includeUsers': ['All'], 'includeGuestsOrExternalUsers':"
    "   {'guestOrExternalUserTypes': 'b2bCollaborationGuest'}}}}]",
    ", 'conditionalAccessPolicies': [{'displayName': 'off', 'state': 'disabled', 'conditions':"
    "  {'users': {'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'b2bCollaborationGuest'}}}}]",
  };
  Story s;
  LintResult r;
  size_t i;
  memset(&s, 0, sizeof(s));
  for(i=0; i<sizeof(azTwin)/sizeof(azTwin[0]); i++){
    s.zFabrikam = azTwin[i];
    expect(&s, -1, "XTS-T08", 0, NULL, &r);
    lint_free(&r);
  }
  /* a job that maps its users to Guest: they are b2bCollaborationGuest */
  s.zFabrikam = CA("b2bCollaborationGuest", "");
  s.zJob = ", 'mapping': {'attributes': [{'target': 'userType', 'type': 'Constant', 'value': 'Guest',"
           " 'flowType': 'ObjectAddOnly'}]}";
  expect(&s, -1, "XTS-T08", 0, NULL, &r);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------------ XTS-S04 */

START_TEST(test_s04_a_source_admin_the_job_carries){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  s.zContoso = ", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'u3'}]";
  expect(&s, -1, "XTS-S04", 1, &f, &r);
  ck_assert_int_eq(f.eSeverity, LINT_HIGH);
  ck_assert_str_eq(f.zTenant, "contoso");
  ck_assert_str_eq(f.zPartner, "fabrikam");
  ck_assert_str_eq(f.zJob, "c2f");
  ck_assert_str_eq(f.zValue, "Global Administrator");
  ck_assert_str_eq(f.zPath, "$.tenants[0].roleAssignments[0]");
  lint_free(&r);
  /* the twin: the admin is not in the job's scope */
  s.zContoso = ", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'root'}]";
  expect(&s, -1, "XTS-S04", 0, NULL, &r);
  lint_free(&r);
  /* through a group: the assigned group's members hold the role */
  s.zContoso = ", 'roleAssignments': [{'role': 'Groups Administrator', 'principal': 'g',"
               " 'principalType': 'Group'}]";
  expect(&s, -1, "XTS-S04", 3, &f, &r);
  ck_assert_int_eq(f.eSeverity, LINT_MEDIUM);
  ck_assert_msg(strstr(f.zMessage, "through group")!=NULL, "%s", f.zMessage);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------------ XTS-G01 */

START_TEST(test_g01_an_application_that_can_change_cross_tenant_sync){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = ", 'servicePrincipals': [{'displayName': 'robot', 'appId':"
                " '11111111-2222-4333-8444-555555555555', 'applicationPermissions':"
                " ['User.Read.All', 'Policy.ReadWrite.CrossTenantAccess']}]";
  expect(&s, -1, "XTS-G01", 1, &f, &r);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_ptr_null(f.zPartner);
  ck_assert_str_eq(f.zValue, "Policy.ReadWrite.CrossTenantAccess");
  ck_assert_str_eq(f.zPath, "$.tenants[1].servicePrincipals[0].applicationPermissions[1]");
  lint_free(&r);
  s.zFabrikam = ", 'servicePrincipals': [{'displayName': 'robot', 'applicationPermissions':"
                " ['Synchronization.Read.All', 'Policy.Read.All']}]";
  expect(&s, -1, "XTS-G01", 0, NULL, &r);
  lint_free(&r);
}
END_TEST

/* ------------------------------------------------------------ XTS-G02 */

#define ADMINS(zLast) \
  ", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'a1'}," \
  "  {'role': 'Global Administrator', 'principal': 'a2'}," \
  "  {'role': 'Security Administrator', 'principal': 'a3'}," \
  "  {'role': 'Hybrid Identity Administrator', 'principal': 'a4'}," \
  "  {'role': 'Security Administrator', 'principal': 'a1'}" zLast "]"

START_TEST(test_g02_more_standing_cts_admins_than_the_limit){
  Story s;
  LintResult r;
  LintFinding f;
  memset(&s, 0, sizeof(s));
  ck_assert_int_eq(LINT_AUTHZ_STANDING_MAX, 4);
  s.zFabrikam = ADMINS(", {'role': 'Cloud Application Administrator', 'principal': 'a5'}");
  expect(&s, -1, "XTS-G02", 1, &f, &r);
  ck_assert_int_eq(f.eSeverity, LINT_MEDIUM);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zValue, "5");
  ck_assert_str_eq(f.zPath, "$.tenants[1].roleAssignments");
  ck_assert_msg(strstr(f.zMessage, "(Cloud Application Administrator 1, Global Administrator 2,"
                       " Hybrid Identity Administrator 1, Security Administrator 2)")!=NULL, "%s", f.zMessage);
  lint_free(&r);
  /* the twins: the fifth eligible in PIM, or a role that cannot change CTS */
  s.zFabrikam = ADMINS(", {'role': 'Cloud Application Administrator', 'principal': 'a5',"
                       " 'assignment': 'eligible'}");
  expect(&s, -1, "XTS-G02", 0, NULL, &r);
  lint_free(&r);
  s.zFabrikam = ADMINS(", {'role': 'Groups Administrator', 'principal': 'a5'}");
  expect(&s, -1, "XTS-G02", 0, NULL, &r);
  lint_free(&r);
  /* a fifth standing admin given during the run counts from then on */
  s.zFabrikam = ADMINS("");
  s.zTimeline = "{'at': 'PT2H', 'action': 'assign_role', 'tenant': 'fabrikam', 'users': ['a5'],"
                " 'role': 'Application Administrator'}";
  expect(&s, 3600, "XTS-G02", 0, NULL, &r);
  lint_free(&r);
  expect(&s, -1, "XTS-G02", 1, NULL, &r);
  lint_free(&r);
}
END_TEST

START_TEST(test_a_group_role_is_held_by_its_members_while_they_are_members){
  Story s;
  LintResult r;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  /* a1..a4 hold standing CTS roles; the group ops holds one too, and a5
  ** joins it at PT2H and leaves at PT2H30M */
  s.zFabrikam = ", 'groups': [{'key': 'ops'}]"
                ADMINS(", {'role': 'Global Administrator', 'principal': 'ops', 'principalType': 'Group'}");
  s.zTimeline = "{'at': 'PT2H', 'action': 'add_member', 'tenant': 'fabrikam', 'group': 'ops', 'users': ['a5']},"
                " {'at': 'PT2H30M', 'action': 'remove_member', 'tenant': 'fabrikam', 'group': 'ops',"
                "  'users': ['a5']}";
  expect(&s, 3600, "XTS-G02", 0, NULL, &r);
  lint_free(&r);
  expect(&s, 2*3600+60, "XTS-G02", 1, NULL, &r);
  lint_free(&r);
  expect(&s, -1, "XTS-G02", 0, NULL, &r);
  lint_free(&r);
  /* lint over time saw it exactly while a5 was a member */
  fixture_run("tslintauthz", "lintauthz.json", story(&s), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-G02'"
                           " AND first_seen=7200 AND cleared=9000"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g"
                           " ON g.idx=m.group_idx WHERE g.key='ops' AND m.added_at=7200"
                           " AND m.removed_at=9000"), 1);
  unlink(zDb);
}
END_TEST

/* ---------------------------------------------------------- together */

START_TEST(test_lint_ignore_accepts_authorization_findings){
  Story s;
  LintResult r;
  int i;
  memset(&s, 0, sizeof(s));
  s.zFabrikam = ADMINS(", {'role': 'Global Administrator', 'principal': 'a5'}")
                CA("b2bCollaborationGuest", "");
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['u1'],"
                " 'role': 'User Administrator'}";
  s.zLint = "{'ignore': [{'rule': 'XTS-T07', 'tenant': 'fabrikam', 'job': 'c2f', 'reason': 'contractor desk'},"
            " {'rule': 'XTS-G02', 'tenant': 'contoso', 'reason': 'not fabrikam'}]}";
  lintOf(&s, -1, &r);
  ck_assert_int_eq(r.nFinding, 3);
  for(i=0; i<r.nFinding; i++){
    const LintFinding *f = &r.aFinding[i];
    if( strcmp(f->pRule->zId, "XTS-T07")==0 ) ck_assert_str_eq(f->zSuppressed, "contractor desk");
    else ck_assert_ptr_null(f->zSuppressed);
  }
  /* in rule order: G02, T07, T08 */
  ck_assert_str_eq(r.aFinding[0].pRule->zId, "XTS-G02");
  ck_assert_str_eq(r.aFinding[1].pRule->zId, "XTS-T07");
  ck_assert_str_eq(r.aFinding[2].pRule->zId, "XTS-T08");
  ck_assert_int_eq(lint_count_at_least(&r, LINT_CRITICAL), 0);
  ck_assert_int_eq(lint_count_at_least(&r, LINT_HIGH), 1);
  lint_free(&r);
}
END_TEST

/* The four findings, the first and last with their paths. */
static int fourWithPaths(const LintResult *r){
  ck_assert_int_eq(r->nFinding, 4);
  return r->aFinding[0].zPath!=NULL && r->aFinding[3].zPath!=NULL;
}

START_TEST(test_lint_survives_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zContoso = ", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'u3'}]";
  s.zFabrikam = ADMINS(", {'role': 'Global Administrator', 'principal': 'a5'}")
                ", 'servicePrincipals': [{'displayName': 'robot', 'applicationPermissions':"
                " ['Synchronization.ReadWrite.All']}]";
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['u1'],"
                " 'role': 'User Administrator'}";
  fixture_run("tslintauthz", "lintauthz.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, fourWithPaths);
  unlink(zDb);
}
END_TEST

Suite *lint_authz_suite(void){
  Suite *s = suite_create("lint_authz");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_the_base_story_has_no_finding);
  tcase_add_test(tc, test_t07_a_synced_member_given_a_role_from_that_instant);
  tcase_add_test(tc, test_t07_a_declared_b2b_user_the_job_takes_over);
  tcase_add_test(tc, test_t08_a_guest_keyed_policy_that_synced_members_escape);
  tcase_add_test(tc, test_t08_fixed_twins_are_silent);
  tcase_add_test(tc, test_s04_a_source_admin_the_job_carries);
  tcase_add_test(tc, test_g01_an_application_that_can_change_cross_tenant_sync);
  tcase_add_test(tc, test_g02_more_standing_cts_admins_than_the_limit);
  tcase_add_test(tc, test_a_group_role_is_held_by_its_members_while_they_are_members);
  tcase_add_test(tc, test_lint_ignore_accepts_authorization_findings);
  tcase_add_test(tc, test_lint_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
