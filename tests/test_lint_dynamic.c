/*
** test_lint_dynamic.c — the lint rules about dynamic groups
** (reports/lint_dynamic.c, and the dynamic-scope-group half of XTS-S03 in
** reports/lint_scope.c): each fires on a minimal scenario and stays silent
** on its fixed twin; S08 follows the mapping over time.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "lint.h"
#include "lint_fixture.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"

typedef struct Story {
  const char *zTgtRule;     /* fabrikam's dynamic group's rule (\' for "), NULL: none */
  const char *zSrcRule;     /* contoso's scope group's rule, NULL: an assigned group */
  const char *zMapping;     /* the job's "mapping" member, or NULL */
  const char *zTimeline;
} Story;

static const char *story(const Story *s){
  static char zBuf[8000];
  char zSrcGroup[400], zTgtGroup[600];
  if( s->zSrcRule ){
    snprintf(zSrcGroup, sizeof(zSrcGroup), "{'key': 'g', 'restrictedManagementUnit': true,"
             " 'membershipRule': '%s'}", s->zSrcRule);
  }else{
    snprintf(zSrcGroup, sizeof(zSrcGroup), "{'key': 'g', 'restrictedManagementUnit': true}");
  }
  zTgtGroup[0] = 0;
  if( s->zTgtRule ){
    snprintf(zTgtGroup, sizeof(zTgtGroup), ", 'groups': [{'key': 'td', 'displayName': 'Exempt',"
             " 'membershipRule': '%s'}]", s->zTgtRule);
  }
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lintdyn', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT6H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [%s],"
    "              'users': [{'key': 'u1', 'department': 'Sales'%s}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'%s}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'deleteThreshold': 2,"
    "           'assignments': {'groups': ['g']}%s%s}],"
    " 'timeline': [%s]}",
    zSrcGroup, s->zSrcRule ? "" : ", 'groups': ['g']", zTgtGroup,
    s->zMapping ? ", " : "", s->zMapping ? s->zMapping : "", s->zTimeline ? s->zTimeline : "");
  return scn(zBuf);
}

static void lintOf(const Story *s, SimTime t, LintResult *r, char *zDb, size_t nDb){
  lint_fx_lint("tslintdyn", story(s), t, r, zDb, nDb);
}

#define findings lint_fx_count

/* A mapping like the default, without department. */
#define NO_DEPARTMENT \
  "'mapping': {'attributes': [{'target': 'department', 'type': 'None'}]}"

START_TEST(test_s08_a_target_rule_on_a_mapped_attribute){
  Story s;
  LintResult r;
  LintFinding f = {0};
  memset(&s, 0, sizeof(s));
  s.zTgtRule = "user.department -eq \\'Sales\\'";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-S08", &f), 1);
  ck_assert_int_eq(f.eSeverity, LINT_HIGH);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPartner, "contoso");
  ck_assert_str_eq(f.zJob, "c2f");
  ck_assert_str_eq(f.zGroup, "td");
  ck_assert_str_eq(f.zSetting, "membershipRule");
  ck_assert_str_eq(f.zValue, "user.department -eq \"Sales\"");
  ck_assert_str_eq(f.zPath, "$.tenants[1].groups[0].membershipRule");
  ck_assert_msg(strstr(f.zMessage, "reads department, which job c2f writes from contoso")!=NULL,
                "%s", f.zMessage);
  lint_free(&r);
}
END_TEST

START_TEST(test_s08_fixed_twins_are_silent){
  Story s;
  LintResult r;
  memset(&s, 0, sizeof(s));
  /* the job does not write department */
  s.zTgtRule = "user.department -eq \\'Sales\\'";
  s.zMapping = NO_DEPARTMENT;
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-S08", NULL), 0);
  lint_free(&r);
  /* the rule reads what no job writes */
  s.zMapping = NULL;
  s.zTgtRule = "user.extensionAttribute9 -eq \\'kiosk\\'";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-S08", NULL), 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_s08_follows_the_mapping_over_time){
  Story s;
  LintResult r;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zTgtRule = "user.department -eq \\'Sales\\'";
  s.zMapping = NO_DEPARTMENT;
  s.zTimeline = "{'at': 'PT2H', 'action': 'set_mapping', 'job': 'c2f', 'mapping': {'attributes': ["
                " {'target': 'department', 'type': 'Direct', 'source': 'department'}]}}";
  lintOf(&s, 3600, &r, zDb, sizeof(zDb));
  ck_assert_int_eq(findings(&r, "XTS-S08", NULL), 0);
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT first_seen FROM lint_findings WHERE rule='XTS-S08' AND group_key='td'"),
                   7200);
  unlink(zDb);
}
END_TEST

START_TEST(test_t08_a_guest_keyed_dynamic_group){
  Story s;
  LintResult r;
  LintFinding f = {0};
  int i, n = 0;
  memset(&s, 0, sizeof(s));
  s.zTgtRule = "(user.userType -eq \\'Guest\\') -and (user.accountEnabled -eq true)";
  lintOf(&s, -1, &r, NULL, 0);
  for(i=0; i<r.nFinding; i++){
    if( strcmp(r.aFinding[i].pRule->zId, "XTS-T08")==0 && r.aFinding[i].zGroup ){
      f = r.aFinding[i];
      n++;
    }
  }
  ck_assert_int_eq(n, 1);
  ck_assert_str_eq(f.zGroup, "td");
  ck_assert_msg(strstr(f.zMessage, "admits users by userType Guest")!=NULL, "%s", f.zMessage);
  lint_free(&r);
  /* its twin keys on Member: silent */
  s.zTgtRule = "user.userType -eq \\'Member\\'";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T08", NULL), 0);
  lint_free(&r);
  /* and a rule that excludes guests is not guest-keyed */
  s.zTgtRule = "user.userType -ne \\'Guest\\'";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T08", NULL), 0);
  lint_free(&r);
}
END_TEST

START_TEST(test_s03_a_dynamic_scope_group_reads_attributes){
  Story s;
  LintResult r;
  LintFinding f = {0};
  memset(&s, 0, sizeof(s));
  s.zSrcRule = "user.department -eq \\'Sales\\' -and user.objectId -ne null";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-S03", &f), 1);
  ck_assert_str_eq(f.zSetting, "membershipRule.department");
  ck_assert_str_eq(f.zGroup, "g");
  ck_assert_str_eq(f.zPath, "$.tenants[0].groups[0].membershipRule");
  lint_free(&r);
  /* its assigned twin: silent */
  s.zSrcRule = NULL;
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-S03", NULL), 0);
  lint_free(&r);
}
END_TEST

static int whole(const LintResult *r){
  return findings(r, "XTS-S08", NULL)==1;
}

START_TEST(test_s08_under_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zTgtRule = "user.department -eq \\'Sales\\'";
  fixture_run("tslintdyn", "lint.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, whole);
  unlink(zDb);
}
END_TEST

Suite *lint_dynamic_suite(void){
  Suite *s = suite_create("lint_dynamic");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_s08_a_target_rule_on_a_mapped_attribute);
  tcase_add_test(tc, test_s08_fixed_twins_are_silent);
  tcase_add_test(tc, test_s08_follows_the_mapping_over_time);
  tcase_add_test(tc, test_t08_a_guest_keyed_dynamic_group);
  tcase_add_test(tc, test_s03_a_dynamic_scope_group_reads_attributes);
  tcase_add_test(tc, test_s08_under_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
