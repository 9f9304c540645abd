/*
** test_scn_access.c — the specification of the scenario format's sign-in
** story: the register_mfa and sign_in timeline actions, a user's
** "mfaRegistered", and detections over the sign-in log ("log": "signin").
** Each check reads the scenario as it stands at the action's instant; every
** refusal names the place (a JSON path) and says what is wrong, with a
** suggestion when a value is close to a valid one.
**
** Inline scenarios are written with ' in place of " (scn() swaps them).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "access.h"
#include "mem.h"
#include "scenario.h"
#include "strbuf.h"
#include "suites.h"
#include "tserr.h"
#include "scenario_fixture.h"

/* contoso (alice, and bob, declared without an MFA method) syncs into
** fabrikam by c2f; evil's job e2f is declared "created": false; zTimeline
** and zDetections are the two arrays. Static buffer. */
static const char *story(const char *zTimeline, const char *zDetections){
  static char zBuf[8192];
  int n = snprintf(zBuf, sizeof(zBuf),
    "{'name': 'access', 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
    "              'users': [{'key': 'alice'}, {'key': 'bob', 'mfaRegistered': false}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'},"
    "             {'key': 'evil', 'domain': 'evil.example', 'users': [{'key': 'op1'}]}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'users': ['alice', 'bob']}},"
    "          {'key': 'e2f', 'source': 'evil', 'target': 'fabrikam', 'created': false,"
    "           'assignments': {'users': ['op1']}}],"
    " 'timeline': [{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}%s%s],"
    " 'detections': %s}", zTimeline[0] ? ", " : "", zTimeline, zDetections ? zDetections : "[]");
  ck_assert_msg(n>0 && (size_t)n<sizeof(zBuf), "inline scenario too long for the test buffer");
  return scn(zBuf);
}

/* ------------------------------------------------------ register_mfa */

START_TEST(test_register_mfa_checks_who_and_which_method){
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'users': ['alice']}", NULL),
                 "timeline[1].tenant", "missing; expected a string");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['carol']}", NULL),
                 "timeline[1].users[0]", "no user \"carol\" in tenant contoso");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso'}", NULL),
                 "timeline[1]", "missing \"users\" (a list of user keys), \"sample\", \"membersOf\"");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['alice'], 'by': 'Admin'}", NULL),
                 "timeline[1].by", "unknown \"Admin\" (did you mean \"admin\"?)");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['alice'], 'by': 'helpdesk'}", NULL),
                 "timeline[1].by", "expected \"user\" (self-service) or \"admin\", found \"helpdesk\"");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['alice'], 'method': 'fido'}", NULL),
                 "timeline[1].method", "unknown method \"fido\" (did you mean \"fido2\"?)");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['alice'], 'method': 'email'}", NULL),
                 "timeline[1].method", "unknown method \"email\"; expected one of: microsoftAuthenticator,"
                 " phone, fido2");
  expectRejected(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                       " 'users': ['alice'], 'methods': 'fido2'}", NULL),
                 "timeline[1].methods", "unknown key \"methods\" (did you mean \"method\"?)");
  expectRejected(story("{'at': 'PT1H', 'action': 'registr_mfa', 'tenant': 'contoso', 'users': ['alice']}", NULL),
                 "timeline[1].action", "unknown action \"registr_mfa\" (did you mean \"register_mfa\"?)");
}
END_TEST

START_TEST(test_register_mfa_fills_the_method_and_who){
  Scenario *p = parseOk(story("{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso',"
                              " 'users': ['alice']},"
                              " {'at': 'PT2H', 'action': 'register_mfa', 'tenant': 'contoso',"
                              " 'sample': {'count': 1}, 'by': 'admin', 'method': 'phone'}", NULL));
  /* the timeline in time order: the create_job at P1D comes last */
  ck_assert_int_eq(p->aAction[0].eKind, SCN_REGISTER_MFA);
  ck_assert_str_eq(p->aAction[0].zMethod, "microsoftAuthenticator");
  ck_assert_int_eq(p->aAction[0].bByAdmin, 0);
  ck_assert_str_eq(p->aAction[1].zMethod, "phone");
  ck_assert_int_eq(p->aAction[1].bByAdmin, 1);
  ck_assert_int_eq(p->aAction[1].sel.bSample, 1);
  ck_assert_int_eq(p->aTenant[0].aUser[0].bMfaGiven, 0);
  ck_assert_int_eq(p->aTenant[0].aUser[1].bMfaGiven, 1);
  ck_assert_int_eq(p->aTenant[0].aUser[1].bMfa, 0);
  scenario_free(p);
}
END_TEST

START_TEST(test_mfa_registered_is_a_boolean_of_a_home_user){
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
                     " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
                     "              'users': [{'key': 'alice', 'mfaRegistered': 'yes'}]},"
                     "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
                     " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}"),
                 "tenants[0].users[0].mfaRegistered", "expected true or false, found a string");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
                     " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'users': [{'key': 'alice'}]},"
                     "             {'key': 'fabrikam', 'domain': 'fabrikam.com',"
                     "              'users': [{'key': 'g', 'homeUser': 'contoso:alice', 'mfaRegistered': true}]}],"
                     " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}"),
                 "tenants[1].users[0].mfaRegistered", "a B2B user signs in with its home identity");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
                     " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com',"
                     "              'users': [{'key': 'alice', 'mfaRegisterd': false}]},"
                     "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
                     " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}"),
                 "tenants[0].users[0].mfaRegisterd", "did you mean \"mfaRegistered\"?");
}
END_TEST

/* ----------------------------------------------------------- sign_in */

START_TEST(test_sign_in_names_a_user_of_the_jobs_source_at_its_instant){
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f'}", NULL),
                 "timeline[1].user", "missing; expected a string");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c3f', 'user': 'alice'}", NULL),
                 "timeline[1].job", "no job \"c3f\"");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'op1'}", NULL),
                 "timeline[1].user", "no user \"op1\" in tenant contoso (at this point of the scenario)");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'dave'},"
                       " {'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'dave'}]}",
                       NULL),
                 "timeline[1].user", "no user \"dave\" in tenant contoso (at this point of the scenario)");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'users': ['alice']}", NULL),
                 "timeline[1].users", "unknown key \"users\" (did you mean \"user\"?)");
}
END_TEST

START_TEST(test_sign_in_device_claims_are_checked){
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'alice',"
                       " 'device': 'compliannt'}", NULL),
                 "timeline[1].device", "unknown device claim \"compliannt\" (did you mean \"compliant\"?)");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'alice',"
                       " 'device': ['compliant', 'managed']}", NULL),
                 "timeline[1].device[1]", "expected a device claim: \"compliant\" or \"hybridJoined\"");
  expectRejected(story("{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'alice',"
                       " 'device': true}", NULL),
                 "timeline[1].device", "expected \"compliant\", \"hybridJoined\" or a list of both, found a Boolean");
}
END_TEST

START_TEST(test_sign_in_fills_the_user_and_claims_and_outlives_the_job){
  Scenario *p = parseOk(story(
    "{'at': 'PT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'alice', 'device': 'hybridJoined'},"
    " {'at': 'PT2H', 'action': 'sign_in', 'job': 'c2f', 'user': 'bob', 'device': ['compliant', 'hybridJoined']},"
    " {'at': 'PT3H', 'action': 'sign_in', 'job': 'e2f', 'user': 'op1'},"
    " {'at': 'P2D', 'action': 'delete_job', 'job': 'c2f'},"
    " {'at': 'P2DT1H', 'action': 'sign_in', 'job': 'c2f', 'user': 'alice'}", NULL));
  ck_assert_int_eq(p->nAction, 6);
  ck_assert_int_eq(p->aAction[0].eKind, SCN_SIGN_IN);
  ck_assert_str_eq(p->aAction[0].zUser, "alice");
  ck_assert_uint_eq(p->aAction[0].mDevice, ACCESS_DEVICE_HYBRID);
  ck_assert_uint_eq(p->aAction[1].mDevice, ACCESS_DEVICE_COMPLIANT|ACCESS_DEVICE_HYBRID);
  ck_assert_int_eq(p->aAction[2].iJob, 1);        /* before e2f is created: allowed */
  ck_assert_uint_eq(p->aAction[2].mDevice, 0);
  ck_assert_int_eq(p->aAction[5].eKind, SCN_SIGN_IN);   /* after c2f is deleted: allowed */
  scenario_free(p);
}
END_TEST

/* ------------------------------------------------ the sign-in log */

START_TEST(test_signin_detections_have_the_sign_in_logs_fields){
  expectRejected(story("", "[{'id': 'd', 'log': 'signin', 'category': 'UserManagement'}]"),
                 "detections[0].category", "\"category\" is a field of the audit log");
  expectRejected(story("", "[{'id': 'd', 'log': 'provisioning', 'tenant': 'fabrikam'}]"),
                 "detections[0].tenant", "\"tenant\" is a field of the audit and signin logs");
  expectRejected(story("", "[{'id': 'd', 'result': 'success'}]"),
                 "detections[0].result", "\"result\" is a field of the signin log");
  expectRejected(story("", "[{'id': 'd', 'log': 'signins'}]"),
                 "detections[0].log", "expected \"audit\", \"provisioning\" or \"signin\", found"
                 " \"signins\" (did you mean \"signin\"?)");
  expectRejected(story("", "[{'id': 'd', 'log': 'signin', 'homeTenant': 'contosso'}]"),
                 "detections[0].homeTenant", "no tenant \"contosso\"");
  expectRejected(story("", "[{'id': 'd', 'log': 'signin', 'crossTenantAccessType': 'b2bcollaboration'}]"),
                 "detections[0].crossTenantAccessType", "(did you mean \"b2bCollaboration\"?)");
  expectRejected(story("", "[{'id': 'd', 'log': 'signin', 'result': 'blocked'}]"),
                 "detections[0].result", "expected a sign-in result: success, failure or interrupted,"
                 " found \"blocked\"");
  expectRejected(story("", "[{'id': 'd', 'log': 'audit', 'job': 'c2f'}]"),
                 "detections[0].job", "\"job\" is a field of the provisioning log");
}
END_TEST

START_TEST(test_signin_detection_fills_the_model){
  Scenario *p = parseOk(story("", "[{'id': 'd', 'log': 'signin', 'tenant': 'fabrikam',"
    " 'homeTenant': 'contoso', 'crossTenantAccessType': 'b2bCollaboration', 'result': 'success',"
    " 'contains': 'satisfied by claim'}, {'id': 'e', 'activity': 'Add user'}]"));
  ck_assert_str_eq(p->aDetect[0].zLog, "signin");
  ck_assert_int_eq(p->aDetect[0].iTenant, 1);
  ck_assert_int_eq(p->aDetect[0].iHomeTenant, 0);
  ck_assert_str_eq(p->aDetect[0].zAccessType, "b2bCollaboration");
  ck_assert_str_eq(p->aDetect[0].zResult, "success");
  ck_assert_str_eq(p->aDetect[1].zLog, "audit");
  ck_assert_int_eq(p->aDetect[1].iHomeTenant, -1);
  scenario_free(p);
}
END_TEST

START_TEST(test_the_sign_in_story_loads_with_every_allocation_failing){
  long n;
  Scenario *p = loadFailingEachAllocation(NULL, story(
    "{'at': 'PT1H', 'action': 'register_mfa', 'tenant': 'contoso', 'users': ['bob'], 'by': 'admin'},"
    " {'at': 'PT2H', 'action': 'sign_in', 'job': 'c2f', 'user': 'bob', 'device': ['compliant']}",
    "[{'id': 'd', 'log': 'signin', 'tenant': 'fabrikam', 'result': 'success'}]"), &n);
  ck_assert_int_eq(p->nAction, 3);
  ck_assert_int_gt(n, 10);
  scenario_free(p);
}
END_TEST

Suite *scn_access_suite(void){
  Suite *s = suite_create("scn_access");
  TCase *tc = tcase_create("validate");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_register_mfa_checks_who_and_which_method);
  tcase_add_test(tc, test_register_mfa_fills_the_method_and_who);
  tcase_add_test(tc, test_mfa_registered_is_a_boolean_of_a_home_user);
  tcase_add_test(tc, test_sign_in_names_a_user_of_the_jobs_source_at_its_instant);
  tcase_add_test(tc, test_sign_in_device_claims_are_checked);
  tcase_add_test(tc, test_sign_in_fills_the_user_and_claims_and_outlives_the_job);
  tcase_add_test(tc, test_signin_detections_have_the_sign_in_logs_fields);
  tcase_add_test(tc, test_signin_detection_fills_the_model);
  tcase_add_test(tc, test_the_sign_in_story_loads_with_every_allocation_failing);
  suite_add_tcase(s, tc);
  return s;
}
