/*
** test_dyngroup.c — dynamic groups in a run (engine/model/dyngroup.c,
** engine/sync/dynmember.c) and in the scenario format: initial members,
** a changed attribute followed after the delay with its audit row, a
** dynamic scope group moving users into a job's scope, a target dynamic
** group taking in the users a job writes, paused rules, deleted users, and
** what the validator refuses.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

/* Contoso (rule zSrcRule on group "dyn", assigned to job c2f when
** bScope, else group "fixed") syncs into fabrikam (rule zTgtRule on
** group "tdyn", NULL: none), with timeline zTimeline. */
static const char *story(const char *zSrcRule, int bScope, const char *zTgtRule,
                         const char *zTimeline){
  static char zBuf[8000];
  char zTgtGroups[600];
  zTgtGroups[0] = 0;
  if( zTgtRule ){
    snprintf(zTgtGroups, sizeof(zTgtGroups), ", 'groups': [{'key': 'tdyn', 'displayName':"
             " 'Target dynamic', 'membershipRule': '%s'}]", zTgtRule);
  }
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'dyn', 'start': '2026-01-05T09:00:00Z', 'duration': 'P2D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [{'key': 'dyn', 'displayName': 'Sales (dynamic)', 'membershipRule': '%s'},"
    "                         {'key': 'fixed', 'displayName': 'Fixed'}],"
    "              'users': [{'key': 'ann', 'department': 'Sales', 'groups': ['fixed']},"
    "                        {'key': 'bob', 'department': 'Sales', 'groups': ['fixed']},"
    "                        {'key': 'cy', 'department': 'Ops', 'groups': ['fixed']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'%s}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['%s']}}],"
    " 'timeline': [%s]}",
    zSrcRule, zTgtGroups, bScope ? "dyn" : "fixed", zTimeline ? zTimeline : "");
  return scn(zBuf);
}


/* A rule text for story(): the JSON needs \" inside the string. */
static const char *rule(const char *z){
  static char zBuf[4][400];
  static int i;
  char *p = zBuf[i++ % 4];
  size_t k = 0;
  for(; *z && k+3<sizeof(zBuf[0]); z++){
    if( *z=='"' ){ p[k++] = '\\'; p[k++] = '\''; }
    else p[k++] = *z;
  }
  p[k] = 0;
  return p;
}

static void run(const char *zText, char *zDb, size_t n){
  fixture_run("tsdyn", "dyn.json", zText, zDb, n);
}

START_TEST(test_initial_members_are_the_users_the_rule_matches){
  char zDb[64];
  run(story(rule("user.department -eq \"sales\""), 0, NULL, NULL), zDb, sizeof(zDb));
  /* values compare without regard to case */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.key='dyn'"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.key='dyn' AND m.added_at=0"), 2);
  /* the initial state is no one's change */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Add member to group'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE key='dyn' AND rule_state='On'"
                           " AND rule_attributes='department' AND rule_guest_keyed=0"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE key='fixed' AND membership_rule IS NULL"), 1);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_changed_attribute_changes_membership_after_the_delay){
  char zDb[64];
  run(story(rule("user.department -eq \"Sales\""), 0, NULL,
            "{'at': 'PT1H', 'action': 'update', 'tenant': 'contoso', 'users': ['cy'],"
            " 'set': {'department': 'Sales'}},"
            "{'at': 'PT2H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
            " 'set': {'department': 'Ops'}},"
            "{'at': 'PT3H', 'action': 'update', 'tenant': 'contoso', 'users': ['bob'],"
            " 'set': {'jobTitle': 'Lead'}}"), zDb, sizeof(zDb));
  /* cy joins ten minutes (dynamicMembershipDelay) after the change */
  ck_assert_int_eq(q1(zDb, "SELECT m.added_at FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN users u ON u.id=m.user_id WHERE g.key='dyn' AND u.key='cy'"), 3600+600);
  ck_assert_int_eq(q1(zDb, "SELECT m.removed_at FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN users u ON u.id=m.user_id WHERE g.key='dyn' AND u.key='ann'"), 7200+600);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Add member to group'"
                           " AND actor='Microsoft Approval Management' AND target_name='Sales (dynamic)'"
                           " AND at=4200"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Remove member from group'"
                           " AND actor='Microsoft Approval Management' AND at=7800"), 1);
  /* a change of an attribute no rule reads changes nothing */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE actor='Microsoft Approval Management'"), 2);
  unlink(zDb);
}
END_TEST

/* "Losing dynamic membership is a deprovisioning event" and static or
** dynamic groups may be assigned (entra-facts §5.1, S8 "How Application
** Provisioning works", S2). */
START_TEST(test_a_dynamic_scope_group_moves_users_into_and_out_of_scope){
  char zDb[64];
  run(story(rule("user.department -eq \"Sales\""), 1, NULL,
            "{'at': 'PT6H', 'action': 'update', 'tenant': 'contoso', 'users': ['cy'],"
            " 'set': {'department': 'Sales'}},"
            "{'at': 'PT8H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
            " 'set': {'department': 'Ops'}}"), zDb, sizeof(zDb));
  /* ann and bob from the initial cycle, cy after joining */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM links l JOIN users u ON u.id=l.source_user"
                           " WHERE u.key IN ('ann','bob') AND l.linked_at<6*3600"), 2);
  ck_assert_int_ge(q1(zDb, "SELECT l.linked_at FROM links l JOIN users u ON u.id=l.source_user"
                           " WHERE u.key='cy'"), 6*3600+600);
  /* leaving the dynamic group is a deprovisioning event */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM desired d JOIN users u ON u.id=d.source_user"
                           " WHERE u.key='ann' AND d.state='absent' AND d.reason='unassigned'"), 1);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_target_dynamic_group_takes_in_the_users_a_job_writes){
  char zDb[64];
  run(story(rule("user.department -eq \"Sales\""), 0, rule("user.department -eq \"Ops\""),
            "{'at': 'P1D', 'action': 'update', 'tenant': 'contoso', 'users': ['bob'],"
            " 'set': {'department': 'Ops'}}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN users u ON u.id=m.user_id JOIN tenants t ON t.idx=u.tenant"
                           " WHERE g.key='tdyn' AND t.key='fabrikam'"), 2);
  /* bob: after the cycle that wrote his department, plus the delay */
  ck_assert_int_gt(q1(zDb, "SELECT m.added_at FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN links l ON l.target_user=m.user_id JOIN users u ON u.id=l.source_user"
                           " WHERE g.key='tdyn' AND u.key='bob'"), 86400+600);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity='Add member to group'"
                           " AND a.actor='Microsoft Approval Management'"), 2);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_paused_rule_keeps_its_members){
  char zDb[64];
  const char *z = story(rule("user.department -eq \"Sales\""), 0, NULL,
                        "{'at': 'PT1H', 'action': 'update', 'tenant': 'contoso', 'users': ['cy'],"
                        " 'set': {'department': 'Sales'}}");
  char zText[8000];
  char *p;
  snprintf(zText, sizeof(zText), "%s", z);
  p = strstr(zText, "\"membershipRule\"");
  ck_assert_ptr_nonnull(p);
  memmove(p+strlen("\"membershipRuleProcessingState\": \"Paused\", "), p, strlen(p)+1);
  memcpy(p, "\"membershipRuleProcessingState\": \"Paused\", ",
         strlen("\"membershipRuleProcessingState\": \"Paused\", "));
  run(zText, zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.key='dyn'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE key='dyn' AND rule_state='Paused'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE actor='Microsoft Approval Management'"), 0);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_deleted_user_leaves_and_a_restored_one_returns){
  char zDb[64];
  run(story(rule("user.department -eq \"Sales\""), 0, NULL,
            "{'at': 'PT1H', 'action': 'terminate', 'tenant': 'contoso', 'users': ['ann']},"
            "{'at': 'PT3H', 'action': 'restore', 'tenant': 'contoso', 'users': ['ann']}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN users u ON u.id=m.user_id WHERE g.key='dyn' AND u.key='ann'"
                           " AND ((m.added_at=0 AND m.removed_at=4200) OR (m.added_at=11400"
                           " AND m.removed_at IS NULL))"), 2);
  unlink(zDb);
}
END_TEST

START_TEST(test_the_validator_refuses_what_a_dynamic_group_cannot_be){
  const char *zGood = rule("user.department -eq \"Sales\"");
  /* a rule that does not compile, located in the rule */
  expectRejected(story(rule("user.department -eq \"Sales"), 0, NULL, NULL),
                 "tenants[0].groups[0].membershipRule", "at character");
  /* a user listing it as a group */
  {
    char zText[8000];
    char *p;
    snprintf(zText, sizeof(zText), "%s", story(zGood, 0, NULL, NULL));
    p = strstr(zText, "\"groups\": [\"fixed\"]");
    ck_assert_ptr_nonnull(p);
    memcpy(p, "\"groups\": [\"dyn\"]  ", strlen("\"groups\": [\"dyn\"]  "));
    expectRejected(zText, "tenants[0].users[0].groups[0]", "group dyn is dynamic");
  }
  /* members by hand */
  expectRejected(story(zGood, 0, NULL, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'contoso',"
                       " 'group': 'dyn', 'users': ['cy']}"),
                 "timeline[0].group", "group dyn is dynamic");
  /* a directory role */
  expectRejected(story(zGood, 0, NULL, "{'at': 'PT1H', 'action': 'assign_role', 'tenant': 'contoso',"
                       " 'groups': ['dyn'], 'role': 'Global Reader'}"),
                 "timeline[0].groups[0]", "role-assignable");
}
END_TEST

START_TEST(test_the_validator_checks_type_licence_and_state){
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D', 'tenants': [{'key': 'a', 'domain': 'a.com',"
                     " 'groups': [{'key': 'd', 'type': 'Distribution', 'membershipRule':"
                     " 'user.city -eq \\'Oslo\\''}]}]}"),
                 "tenants[0].groups[0].membershipRule", "a Distribution group cannot be dynamic");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D', 'tenants': [{'key': 'a', 'domain': 'a.com',"
                     " 'licences': ['Governance'],"
                     " 'groups': [{'key': 'd', 'membershipRule': 'user.city -eq \\'Oslo\\''}]}]}"),
                 "tenants[0].groups[0].membershipRule", "need Microsoft Entra ID P1");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D', 'tenants': [{'key': 'a', 'domain': 'a.com',"
                     " 'groups': [{'key': 'd', 'membershipRuleProcessingState': 'Paused'}]}]}"),
                 "tenants[0].groups[0].membershipRuleProcessingState", "only a dynamic group");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D', 'tenants': [{'key': 'a', 'domain': 'a.com',"
                     " 'groups': [{'key': 'd', 'membershipRule': 'user.city -eq \\'Oslo\\'',"
                     " 'membershipRuleProcessingState': 'Stopped'}]}]}"),
                 "tenants[0].groups[0].membershipRuleProcessingState", "expected \"On\" or \"Paused\"");
}
END_TEST

Suite *dyngroup_suite(void){
  Suite *s = suite_create("dyngroup");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_initial_members_are_the_users_the_rule_matches);
  tcase_add_test(tc, test_a_changed_attribute_changes_membership_after_the_delay);
  tcase_add_test(tc, test_a_dynamic_scope_group_moves_users_into_and_out_of_scope);
  tcase_add_test(tc, test_a_target_dynamic_group_takes_in_the_users_a_job_writes);
  tcase_add_test(tc, test_a_paused_rule_keeps_its_members);
  tcase_add_test(tc, test_a_deleted_user_leaves_and_a_restored_one_returns);
  tcase_add_test(tc, test_the_validator_refuses_what_a_dynamic_group_cannot_be);
  tcase_add_test(tc, test_the_validator_checks_type_licence_and_state);
  suite_add_tcase(s, tc);
  return s;
}
