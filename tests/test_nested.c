/*
** test_nested.c — nested groups (a group that is a member of a group) in
** a run and in the scenario format: an assigned outer group brings its
** direct members into a job's scope and never the members of a group
** nested in it, whether declared ("memberGroups") or nested on the
** timeline (add_member/remove_member "groups"); group sync does not nest
** a member group in the target; and what the validator refuses (a group
** in itself, a cycle, a dynamic outer group, an unknown group), each at
** its JSON path.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

/* Contoso syncs into fabrikam. Group wave1 ("Wave 1", assigned to job c2f
** with zAssigned) nests zNest (a memberGroups list, "" for none); ann is a
** member of wave1, bob of team only, cy of both. bGroupSync turns group
** provisioning on (with the licence and the target's consent). */
static const char *story(const char *zNest, const char *zAssigned, int bGroupSync,
                         const char *zTimeline){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'nested', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'wave1', 'displayName': 'Wave 1'%s%s%s},"
    "                         {'key': 'team', 'displayName': 'Team'}],"
    "              'users': [{'key': 'ann', 'groups': ['wave1']},"
    "                        {'key': 'bob', 'groups': ['team']},"
    "                        {'key': 'cy', 'groups': ['wave1', 'team']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}%s}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'%s,"
    "           'assignments': {'groups': [%s]}}],"
    " 'timeline': [%s]}",
    zNest[0] ? ", 'memberGroups': [" : "", zNest, zNest[0] ? "]" : "",
    bGroupSync ? ", 'groupSyncInbound': {'isSyncAllowed': true}" : "",
    bGroupSync ? ", 'groupProvisioning': true" : "", zAssigned, zTimeline ? zTimeline : "");
  return scn(zBuf);
}

static void run(const char *zText, char *zDb, size_t n){
  fixture_run("tsnest", "nested.json", zText, zDb, n);
}

/* Links of job c2f for source user zKey. */
static long long linked(const char *zDb, const char *zKey){
  char zSql[300];
  snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM links l JOIN users u ON u.id=l.source_user"
           " WHERE u.key='%s'", zKey);
  return q1(zDb, zSql);
}

/* Is source user zKey's desired state 'present' (in scope)? */
static long long present(const char *zDb, const char *zKey){
  char zSql[300];
  snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM desired d JOIN users u ON u.id=d.source_user"
           " WHERE u.key='%s' AND d.state='present'", zKey);
  return q1(zDb, zSql);
}

/* "If you select a group to assign to the configuration, only users that
** are direct members in the group will be in scope for provisioning. You
** can select a static group or a dynamic group. The assignment doesn't
** cascade to nested groups." (Configure cross-tenant synchronization,
** step 7; entra-facts §5.1 [S2]) — and: "The Microsoft Entra user
** provisioning service can't read or provision users in nested groups.
** The service can only read and provision users that are immediate members
** of an explicitly assigned group." (How Application Provisioning works in
** Microsoft Entra ID, "Nested groups" [S8]) */
START_TEST(test_an_assigned_outer_group_brings_its_direct_members_and_not_a_nested_groups){
  char zDb[64];
  run(story("'team'", "'wave1'", 0, NULL), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_group_members n JOIN groups o ON o.idx=n.group_idx"
                           " JOIN groups i ON i.idx=n.member_group_idx WHERE o.key='wave1' AND i.key='team'"), 1);
  /* wave1's members are its direct members: team's are not among them */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.key='wave1'"), 2);
  ck_assert_int_eq(linked(zDb, "ann"), 1);
  ck_assert_int_eq(present(zDb, "ann"), 1);
  ck_assert_int_eq(linked(zDb, "cy"), 1);       /* a direct member, whatever else */
  ck_assert_int_eq(linked(zDb, "bob"), 0);      /* only in the nested group */
  ck_assert_int_eq(present(zDb, "bob"), 0);
  /* declared nesting is the initial state, no administrator's change */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Add member to group'"), 0);
  unlink(zDb);
}
END_TEST

/* The same rule when an administrator nests the group on the timeline:
** the nesting is audited ("Add member to group" on the outer group, the
** member group named), and no one comes into scope through it. */
START_TEST(test_a_group_nested_on_the_timeline_brings_no_one_into_scope){
  char zDb[64];
  char z[200];
  run(story("", "'wave1'", 0,
            "{'at': 'PT2H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'wave1',"
            " 'groups': ['team']},"
            "{'at': 'PT5H', 'action': 'remove_member', 'tenant': 'contoso', 'group': 'wave1',"
            " 'groups': ['team']},"
            "{'at': 'PT8H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'team',"
            " 'users': ['ann'], 'groups': ['wave1']}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='contoso' AND a.activity='Add member to group' AND a.at=7200"
                           " AND a.target_type='Group' AND a.target_name='Wave 1' AND a.detail='Team'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Remove member from group'"
                           " AND at=18000 AND target_name='Wave 1' AND detail='Team'"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE at=7200", z, sizeof(z)),
                   "add_member: 0 users and 1 group added to group wave1 in contoso");
  ck_assert_int_eq(q1(zDb, "SELECT objects FROM timeline WHERE at=28800"), 2);
  /* at the end wave1 is nested in team (the last entry), not the reverse */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_group_members n JOIN groups o ON o.idx=n.group_idx"
                           " JOIN groups i ON i.idx=n.member_group_idx WHERE o.key='team' AND i.key='wave1'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_group_members"), 1);
  ck_assert_int_eq(linked(zDb, "bob"), 0);
  ck_assert_int_eq(present(zDb, "bob"), 0);
  ck_assert_int_eq(linked(zDb, "ann"), 1);
  unlink(zDb);
}
END_TEST

/* Group sync: "Nested groups aren't supported" (cross-tenant
** synchronization overview, "What are the restrictions for synchronizing
** groups?" [S1]); "Provisioning nested groups beyond the first level is not
** supported." (Known issues [S15]). A synced group's target group gets the
** provisioned direct user members; a member group is not nested in it,
** even when it is synced as a group of its own, and the group's log row
** counts it as memberGroupsNotProvisioned (tenantsim's choice, README). */
START_TEST(test_group_sync_does_not_nest_a_member_group_in_the_target){
  char zDb[64];
  run(story("'team'", "'wave1', 'team'", 1, NULL), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_links"), 2);
  /* Wave 1 in fabrikam: ann and cy; Team: bob and cy */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN group_links l ON l.target_group=m.group_idx"
                           " JOIN groups s ON s.idx=l.source_group WHERE s.key='wave1'"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN group_links l ON l.target_group=m.group_idx"
                           " JOIN groups s ON s.idx=l.source_group WHERE s.key='team'"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_group_members n JOIN groups g ON g.idx=n.group_idx"
                           " JOIN tenants t ON t.idx=g.tenant WHERE t.key='fabrikam'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN groups s ON s.idx=p.source_group"
                           " WHERE p.object_type='Group' AND s.key='wave1' AND p.action='create'"
                           " AND p.modified_properties LIKE '%[\"memberGroupsNotProvisioned\",null,\"1\"]%'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN groups s ON s.idx=p.source_group"
                           " WHERE p.object_type='Group' AND s.key='team'"
                           " AND p.modified_properties LIKE '%memberGroupsNotProvisioned%'"), 0);
  unlink(zDb);
}
END_TEST

/* A group nested on the timeline is re-read by group sync in the next
** cycle: no member changes, the left-out member group counted. */
START_TEST(test_group_sync_reads_a_group_nested_later){
  char zDb[64];
  run(story("", "'wave1'", 1,
            "{'at': 'PT3H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'wave1',"
            " 'groups': ['team']}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log p JOIN groups s ON s.idx=p.source_group"
                           " WHERE p.object_type='Group' AND s.key='wave1' AND p.activity_at>10800"
                           " AND p.status='skipped'"
                           " AND p.modified_properties LIKE '%memberGroupsNotProvisioned%'"), 1);
  ck_assert_int_eq(linked(zDb, "bob"), 0);
  unlink(zDb);
}
END_TEST

/* A minimal tenant with groups zGroups and the timeline zTimeline. */
static const char *groups(const char *zGroups, const char *zTimeline){
  static char zBuf[4000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'a', 'domain': 'a.com', 'groups': [%s], 'users': [{'key': 'u'}]},"
    "             {'key': 'b', 'domain': 'b.com'}],"
    " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b', 'assignments': {'users': ['u']}}],"
    " 'timeline': [%s]}", zGroups, zTimeline ? zTimeline : "");
  return scn(zBuf);
}

/* Entra: a group's members may be groups, but never the group itself nor
** a group that (through its own member groups) contains it; a dynamic
** group's members are the users its membershipRule matches, so it has no
** member groups. */
START_TEST(test_the_validator_refuses_self_cycles_dynamic_and_unknown_member_groups){
  expectRejected(groups("{'key': 'g1', 'memberGroups': ['nope']}", NULL),
                 "tenants[0].groups[0].memberGroups[0]", "no group \"nope\" in tenant a");
  expectRejected(groups("{'key': 'g1', 'memberGroups': ['g1']}", NULL),
                 "tenants[0].groups[0].memberGroups[0]", "group g1 cannot be a member of itself");
  expectRejected(groups("{'key': 'g1', 'memberGroups': ['g2']}, {'key': 'g2', 'memberGroups': ['g1']}", NULL),
                 "tenants[0].groups[1].memberGroups[0]", "group g1 already contains g2 through its"
                 " member groups: nesting g1 in g2 would make a cycle");
  /* a longer cycle, declared before the groups it names */
  expectRejected(groups("{'key': 'g3', 'memberGroups': ['g1']}, {'key': 'g1', 'memberGroups': ['g2']},"
                        " {'key': 'g2', 'memberGroups': ['x', 'g3']}, {'key': 'x'}", NULL),
                 "tenants[0].groups[2].memberGroups[1]", "would make a cycle");
  expectRejected(groups("{'key': 'g1', 'memberGroups': [7]}", NULL),
                 "tenants[0].groups[0].memberGroups[0]", "expected a group key, found a number");
  expectRejected(groups("{'key': 'd', 'membershipRule': 'user.city -eq \\'Oslo\\'', 'memberGroups': ['g2']},"
                        " {'key': 'g2'}", NULL),
                 "tenants[0].groups[0].memberGroups", "a dynamic group cannot have member groups");
  /* a dynamic group may itself be nested in an assigned one; a diamond is no cycle */
  scenario_free(parseOk(groups("{'key': 'g1', 'memberGroups': ['d', 'g2', 'g3']},"
                               " {'key': 'd', 'membershipRule': 'user.city -eq \\'Oslo\\''},"
                               " {'key': 'g2', 'memberGroups': ['g4']}, {'key': 'g3', 'memberGroups': ['g4']},"
                               " {'key': 'g4'}", NULL)));
}
END_TEST

/* The timeline is checked in time order against the nesting at that point. */
START_TEST(test_the_validator_follows_nesting_along_the_timeline){
  const char *zG = "{'key': 'g1', 'memberGroups': ['g2']}, {'key': 'g2'},"
                   " {'key': 'd', 'membershipRule': 'user.city -eq \\'Oslo\\''}";
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2',"
                            " 'groups': ['g1']}"),
                 "timeline[0].groups[0]", "group g1 already contains g2");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2',"
                            " 'groups': ['g2']}"),
                 "timeline[0].groups[0]", "cannot be a member of itself");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2',"
                            " 'groups': ['zz']}"),
                 "timeline[0].groups[0]", "no group \"zz\" in tenant a");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'd',"
                            " 'groups': ['g2']}"),
                 "timeline[0].group", "group d is dynamic");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2',"
                            " 'groups': 'g1'}"),
                 "timeline[0].groups", "expected an array of group keys");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2',"
                            " 'groups': []}"),
                 "timeline[0].groups", "expected at least one group key");
  expectRejected(groups(zG, "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2'}"),
                 "timeline[0]", "missing \"users\"");
  /* out of document order: the later entry (in time) closes the cycle */
  expectRejected(groups("{'key': 'g1'}, {'key': 'g2'}",
                        "{'at': 'PT3H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2', 'groups': ['g1']},"
                        "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g1', 'groups': ['g2']}"),
                 "timeline[0].groups[0]", "would make a cycle");
  /* taken out first, the reverse nesting is allowed */
  scenario_free(parseOk(groups(zG,
    "{'at': 'PT1H', 'action': 'remove_member', 'tenant': 'a', 'group': 'g1', 'groups': ['g2']},"
    "{'at': 'PT2H', 'action': 'add_member', 'tenant': 'a', 'group': 'g2', 'groups': ['g1'], 'users': ['u']}")));
}
END_TEST

/* Every allocation of a load with nested groups may fail, and is reported. */
START_TEST(test_a_load_with_nested_groups_survives_each_failing_allocation){
  long n;
  Scenario *p = loadFailingEachAllocation(NULL, groups("{'key': 'g1', 'memberGroups': ['g2', 'g3']},"
    " {'key': 'g2', 'memberGroups': ['g3']}, {'key': 'g3'}, {'key': 'g4'}",
    "{'at': 'PT1H', 'action': 'add_member', 'tenant': 'a', 'group': 'g3', 'groups': ['g4']}"), &n);
  ck_assert_int_gt(n, 1);
  scenario_free(p);
}
END_TEST

Suite *nested_suite(void){
  Suite *s = suite_create("nested");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_an_assigned_outer_group_brings_its_direct_members_and_not_a_nested_groups);
  tcase_add_test(tc, test_a_group_nested_on_the_timeline_brings_no_one_into_scope);
  tcase_add_test(tc, test_group_sync_does_not_nest_a_member_group_in_the_target);
  tcase_add_test(tc, test_group_sync_reads_a_group_nested_later);
  tcase_add_test(tc, test_the_validator_refuses_self_cycles_dynamic_and_unknown_member_groups);
  tcase_add_test(tc, test_the_validator_follows_nesting_along_the_timeline);
  tcase_add_test(tc, test_a_load_with_nested_groups_survives_each_failing_allocation);
  suite_add_tcase(s, tc);
  return s;
}
