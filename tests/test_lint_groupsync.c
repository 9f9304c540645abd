/*
** test_lint_groupsync.c — the specification of reports/lint_groupsync.c:
** XTS-T05 fires when a group cross-tenant sync created holds a directory
** role, from the assignment's instant until the group goes, naming the
** group, the job and the partner; XTS-T06 fires whenever a policy allows
** the beta role-enabled group sync, once per policy that sets it. Each
** stays silent on its fixed twin.
**
** The base story: contoso (Governance) syncs its group g (u1..u3) into
** fabrikam with group provisioning; fabrikam allows user and group sync
** from contoso and, unless a test says otherwise, role-enabled group sync
** (zRoleSync); fabrikam's own group ops has a1. u1..u3 are assigned
** directly too (unassigning g deletes only the group). Every log is
** exported and the deletion threshold is set, so that nothing else fires.
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
  const char *zRoleSync;    /* fabrikam's partner policy's role-enabled sync, NULL: true */
  const char *zPolicies;    /* more policies, or NULL */
  const char *zTimeline;    /* the timeline's entries */
} Story;

static const char *story(const Story *s){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lintgs', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT6H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'g', 'displayName': 'Project G', 'restrictedManagementUnit': true}],"
    "              'populations': [{'count': 3, 'keyPrefix': 'u', 'groups': ['g']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com', 'groups': [{'key': 'ops'}],"
    "              'users': [{'key': 'a1', 'groups': ['ops']}]}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}, 'groupSyncInbound': {'isSyncAllowed': true},"
    "               'roleEnabledGroupSyncInbound': {'isSyncAllowed': %s}}%s%s],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'groupProvisioning': true,"
    "           'assignments': {'groups': ['g'], 'users': ['u1', 'u2', 'u3']}, 'deleteThreshold': 2,"
    "           " LINT_FX_NOTIFY "}],"
    " 'timeline': [%s]}",
    s->zRoleSync ? s->zRoleSync : "true", s->zPolicies ? ", " : "", s->zPolicies ? s->zPolicies : "",
    s->zTimeline ? s->zTimeline : "");
  return scn(zBuf);
}

/* Lint the run of story s at t (the caller lint_frees *r); with zDb, the
** run's database is kept there (the caller unlinks it). */
static void lintOf(const Story *s, SimTime t, LintResult *r, char *zDb, size_t nDb){
  lint_fx_lint("tslintgs", story(s), t, r, zDb, nDb);
}

#define findings lint_fx_count

/* Every finding of r is of a rule the space-separated list zRules names. */
static void onlyRules(const LintResult *r, const char *zRules){
  int i;
  for(i=0; i<r->nFinding; i++){
    const char *z = r->aFinding[i].pRule->zId;
    ck_assert_msg(strstr(zRules, z)!=NULL, "unexpected %s: %s", z, r->aFinding[i].zMessage);
  }
}

#define ROLE_TO(zAt, zRole) \
  "{'at': '" zAt "', 'action': 'assign_role', 'job': 'c2f', 'groups': ['g'], 'role': '" zRole "'}"

/* ------------------------------------------------------------ XTS-T05 */

START_TEST(test_t05_a_synced_group_given_a_role_from_that_instant){
  Story s;
  LintResult r;
  LintFinding f = {0};
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zTimeline = ROLE_TO("PT1H", "Application Administrator");
  lintOf(&s, -1, &r, zDb, sizeof(zDb));
  onlyRules(&r, "XTS-T05 XTS-T06 XTS-T07");
  ck_assert_int_eq(findings(&r, "XTS-T05", &f), 1);
  ck_assert_int_eq(f.eSeverity, LINT_CRITICAL);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPartner, "contoso");
  ck_assert_str_eq(f.zJob, "c2f");
  ck_assert_str_eq(f.zGroup, "g");
  ck_assert_str_eq(f.zSetting, "directoryRole");
  ck_assert_str_eq(f.zValue, "Application Administrator");
  ck_assert_str_eq(f.zPath, "$.timeline[0]");
  ck_assert_msg(strstr(f.zMessage, "group g (Project G), which job c2f created in fabrikam from"
                       " contoso's group of that name, holds Application Administrator")!=NULL,
                "%s", f.zMessage);
  lint_free(&r);
  /* over the run: from the assignment on, and the members hold it too (T07) */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T05' AND group_key='g'"
                           " AND first_seen=3600 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT min(first_seen) FROM lint_findings WHERE rule='XTS-T07'"), 3600);
  unlink(zDb);
  /* before it: nothing */
  lintOf(&s, 1800, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T05", NULL), 0);
  lint_free(&r);
  /* an eligible role Microsoft does not label privileged: high */
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'groups': ['g'],"
                " 'role': 'Directory Readers', 'assignment': 'eligible'}";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T05", &f), 1);
  ck_assert_int_eq(f.eSeverity, LINT_HIGH);
  ck_assert_str_eq(f.zValue, "Directory Readers (eligible)");
  lint_free(&r);
}
END_TEST

START_TEST(test_t05_fixed_twins_are_silent){
  Story s;
  LintResult r;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  /* the role on fabrikam's own group */
  s.zTimeline = "{'at': 'PT1H', 'action': 'assign_role', 'tenant': 'fabrikam', 'groups': ['ops'],"
                " 'role': 'Application Administrator'}";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T05", NULL), 0);
  lint_free(&r);
  /* the synced group is unassigned and deleted: the finding clears then */
  s.zTimeline = ROLE_TO("PT1H", "Application Administrator") ","
                " {'at': 'PT2H', 'action': 'unassign', 'job': 'c2f', 'groups': ['g']}";
  lintOf(&s, -1, &r, zDb, sizeof(zDb));
  ck_assert_int_eq(findings(&r, "XTS-T05", NULL), 0);
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T05' AND first_seen=3600"
                           " AND cleared=(SELECT deleted_at FROM groups WHERE created_by_job=0)"), 1);
  ck_assert_int_gt(q1(zDb, "SELECT deleted_at FROM groups WHERE created_by_job=0"), 7200);
  unlink(zDb);
}
END_TEST

/* ------------------------------------------------------------ XTS-T06 */

START_TEST(test_t06_a_policy_allowing_role_enabled_group_sync){
  Story s;
  LintResult r;
  LintFinding f = {0};
  char zDb[64];
  memset(&s, 0, sizeof(s));
  lintOf(&s, -1, &r, NULL, 0);
  onlyRules(&r, "XTS-T06");
  ck_assert_int_eq(findings(&r, "XTS-T06", &f), 1);
  ck_assert_int_eq(f.eSeverity, LINT_CRITICAL);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_str_eq(f.zPartner, "contoso");
  ck_assert_ptr_null(f.zJob);
  ck_assert_str_eq(f.zSetting, "roleEnabledGroupSyncInbound.isSyncAllowed");
  ck_assert_str_eq(f.zValue, "true");
  ck_assert_str_eq(f.zPath, "$.policies[1].roleEnabledGroupSyncInbound.isSyncAllowed");
  lint_free(&r);
  /* the fixed twin */
  s.zRoleSync = "false";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(r.nFinding, 0);
  lint_free(&r);
  /* set during the run: from that instant, at the set_policy's path */
  s.zTimeline = "{'at': 'PT2H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
                " 'field': 'roleEnabledGroupSyncInbound.isSyncAllowed', 'value': true}";
  lintOf(&s, -1, &r, zDb, sizeof(zDb));
  ck_assert_int_eq(findings(&r, "XTS-T06", &f), 1);
  ck_assert_str_eq(f.zPath, "$.timeline[0].value");
  lint_free(&r);
  ck_assert_int_eq(q1(zDb, "SELECT first_seen FROM lint_findings WHERE rule='XTS-T06'"), 7200);
  unlink(zDb);
}
END_TEST

START_TEST(test_t06_a_default_policy_is_one_finding_for_every_tenant){
  Story s;
  LintResult r;
  LintFinding f = {0};
  memset(&s, 0, sizeof(s));
  s.zRoleSync = "null";
  s.zPolicies = "{'tenant': 'fabrikam', 'groupSyncInbound': {'isSyncAllowed': true},"
                " 'roleEnabledGroupSyncInbound': {'isSyncAllowed': true}}";
  lintOf(&s, -1, &r, NULL, 0);
  ck_assert_int_eq(findings(&r, "XTS-T06", &f), 1);
  ck_assert_str_eq(f.zTenant, "fabrikam");
  ck_assert_ptr_null(f.zPartner);
  ck_assert_str_eq(f.zPath, "$.policies[2].roleEnabledGroupSyncInbound.isSyncAllowed");
  ck_assert_msg(strstr(f.zMessage, "default policy")!=NULL, "%s", f.zMessage);
  lint_free(&r);
}
END_TEST

/* T06 and a whole T05: its group and path. */
static int groupFindingWhole(const LintResult *r){
  LintFinding f = {0};
  ck_assert_int_eq(findings(r, "XTS-T06", NULL), 1);
  return findings(r, "XTS-T05", &f)==1 && f.zGroup!=NULL && f.zPath!=NULL;
}

START_TEST(test_lint_survives_every_failed_allocation){
  Story s;
  char zDb[64];
  memset(&s, 0, sizeof(s));
  s.zTimeline = ROLE_TO("PT1H", "Global Administrator");
  fixture_run("tslintgs", "lint.json", story(&s), zDb, sizeof(zDb));
  lint_fx_every_failed_allocation(zDb, groupFindingWhole);
  unlink(zDb);
}
END_TEST

Suite *lint_groupsync_suite(void){
  Suite *s = suite_create("lint_groupsync");
  TCase *tc = tcase_create("rules");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_t05_a_synced_group_given_a_role_from_that_instant);
  tcase_add_test(tc, test_t05_fixed_twins_are_silent);
  tcase_add_test(tc, test_t06_a_policy_allowing_role_enabled_group_sync);
  tcase_add_test(tc, test_t06_a_default_policy_is_one_finding_for_every_tenant);
  tcase_add_test(tc, test_lint_survives_every_failed_allocation);
  suite_add_tcase(s, tc);
  return s;
}
