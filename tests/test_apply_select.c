/*
** test_apply_select.c — how timeline actions select users (sim/apply.c,
** sim/scenario/scn_actions.c): "membersOf" takes every live member of a
** group at the action's instant, "usersOf" the users an earlier entry
** selected or hired, so that a story can disable exactly the people it
** later unassigns; and what the validator refuses. Also the target's
** external-user leave setting, which target_leave meets.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

static const char *story(const char *zTimeline){
  static char zBuf[6000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'sel', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'groups': [{'key': 'wave'}, {'key': 'all'}],"
    "              'populations': [{'count': 6, 'keyPrefix': 'u', 'groups': ['all']},"
    "                              {'count': 3, 'keyPrefix': 'w', 'groups': ['all', 'wave']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['all']}}],"
    " 'timeline': [%s]}", zTimeline);
  return scn(zBuf);
}

START_TEST(test_members_of_takes_the_whole_group_at_the_instant){
  char zDb[64];
  fixture_run("tssel", "sel.json", story(
    "{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'membersOf': 'wave'},"
    "{'at': 'PT2H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'wave', 'users': ['u1']},"
    "{'at': 'PT3H', 'action': 'terminate', 'tenant': 'contoso', 'membersOf': 'wave'}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT objects FROM timeline WHERE seq=1"), 3);
  /* the terminate takes the member added in between too */
  ck_assert_int_eq(q1(zDb, "SELECT objects FROM timeline WHERE seq=3"), 4);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE key IN ('w1','w2','w3','u1')"
                           " AND deleted_at=3*3600"), 4);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM timeline_users WHERE action=0"), 3);
  unlink(zDb);
}
END_TEST

START_TEST(test_users_of_takes_what_an_earlier_entry_selected){
  char zDb[64];
  fixture_run("tssel", "sel.json", story(
    "{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'sample': {'count': 2, 'group': 'all'}},"
    "{'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'population': {'count': 2, 'keyPrefix': 'h', 'groups': ['all']}},"
    "{'at': 'PT5H', 'action': 'unassign', 'job': 'c2f', 'usersOf': 0},"
    "{'at': 'PT6H', 'action': 'terminate', 'tenant': 'contoso', 'usersOf': 1}"), zDb, sizeof(zDb));
  /* the same two users the sample drew */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM timeline_users a JOIN timeline_users b"
                           " ON b.user_id=a.user_id WHERE a.action=0 AND b.action=2"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM timeline_users WHERE action=2"), 2);
  /* and the two hires */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE key LIKE 'h%' AND deleted_at=6*3600"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT objects FROM timeline WHERE seq=4"), 2);
  unlink(zDb);
}
END_TEST

START_TEST(test_the_validator_refuses_bad_selectors){
  expectRejected(story("{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'membersOf': 'nope'}"),
                 "timeline[0].membersOf", "no group \"nope\" in tenant contoso");
  expectRejected(story("{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'membersOf': 'wave',"
                       " 'users': ['u1']}"),
                 "timeline[0]", "give one of \"users\", \"sample\", \"membersOf\" and \"usersOf\"");
  /* a later entry, even one earlier in the file */
  expectRejected(story("{'at': 'PT3H', 'action': 'terminate', 'tenant': 'contoso', 'usersOf': 1},"
                       "{'at': 'PT4H', 'action': 'disable', 'tenant': 'contoso', 'users': ['u1']}"),
                 "timeline[0].usersOf", "timeline[1] does not run before this action");
  expectRejected(story("{'at': 'PT1H', 'action': 'start_job', 'job': 'c2f'},"
                       "{'at': 'PT2H', 'action': 'disable', 'tenant': 'contoso', 'usersOf': 0}"),
                 "timeline[1].usersOf", "timeline[0] (start_job) selects no users");
  expectRejected(story("{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'users': ['u1']},"
                       "{'at': 'PT2H', 'action': 'disable', 'tenant': 'fabrikam', 'usersOf': 0}"),
                 "timeline[1].usersOf", "selects users of contoso, not of fabrikam");
  expectRejected(story("{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'usersOf': 'first'}"),
                 "timeline[0].usersOf", "expected the position of an earlier timeline entry");
}
END_TEST

/* "Users who leave the target organization are re-provisioned in the next
** cycle if still in scope; target can prevent leaving via External user
** leave settings" (entra-facts §6.4, S2 step 14). */
START_TEST(test_a_target_that_blocks_leaving_keeps_its_external_users){
  char zDb[64], z[400];
  fixture_run("tssel", "sel.json", story(
    "{'at': 'PT1H', 'action': 'set_tenant', 'tenant': 'fabrikam', 'allowExternalIdentitiesToLeave': false},"
    "{'at': 'PT2H', 'action': 'target_leave', 'job': 'c2f', 'users': ['u1', 'u2']},"
    "{'at': 'PT3H', 'action': 'set_tenant', 'tenant': 'fabrikam', 'allowExternalIdentitiesToLeave': true},"
    "{'at': 'PT4H', 'action': 'target_leave', 'job': 'c2f', 'users': ['u1']}"), zDb, sizeof(zDb));
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE seq=2", z, sizeof(z)),
                   "2 users synced by c2f could not leave fabrikam: it does not allow external"
                   " users to leave (allowExternalIdentitiesToLeave false)");
  ck_assert_int_eq(q1(zDb, "SELECT objects FROM timeline WHERE seq=2"), 0);
  /* once allowed, u1's account leaves at PT4H (and the job creates it again) */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users t JOIN links l ON 1 JOIN users s"
                           " ON s.id=l.source_user WHERE s.key='u1' AND t.alt_sec_id=l.alt_sec_id"
                           " AND t.purged_at=4*3600"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users t JOIN tenants n ON n.idx=t.tenant"
                           " WHERE n.key='fabrikam' AND t.purged_at IS NOT NULL"), 1);
  unlink(zDb);
}
END_TEST

Suite *apply_select_suite(void){
  Suite *s = suite_create("apply_select");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_members_of_takes_the_whole_group_at_the_instant);
  tcase_add_test(tc, test_users_of_takes_what_an_earlier_entry_selected);
  tcase_add_test(tc, test_the_validator_refuses_bad_selectors);
  tcase_add_test(tc, test_a_target_that_blocks_leaving_keeps_its_external_users);
  suite_add_tcase(s, tc);
  return s;
}
