/*
** test_scn_actions.c — the specification of the timeline actions that
** change what exists (sim/scenario/scn_actions.c): partner configurations
** (add_partner, remove_partner, and set_policy, which adds one), jobs
** declared "created": false (create_job, delete_job), a target admin's
** deletion (target_delete) and a job's settings (set_secrets, and a job's
** notification e-mail). Each check
** reads the scenario as it stands at the action's instant; every refusal
** names the place (a JSON path) and says what is wrong.
**
** Inline scenarios are written with ' in place of " (scn() swaps them).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "policy.h"
#include "scenario.h"
#include "strbuf.h"
#include "suites.h"
#include "tserr.h"
#include "scenario_fixture.h"

/* contoso (alice, bob) syncs to fabrikam (job c2f, from the start, with
** fabrikam's partner configuration for contoso declared); evil (op1, op2)
** has job e2f towards fabrikam, declared "created": false with zE2f's
** members added; zTimeline is the timeline array. Static buffer. */
static const char *withJobs(const char *zE2f, const char *zTimeline){
  static char zBuf[8192];
  int n = snprintf(zBuf, sizeof(zBuf),
    "{'name': 'acts', 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'eng'}], 'users': [{'key': 'alice'}, {'key': 'bob'}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'},"
    "             {'key': 'evil', 'domain': 'evil.example',"
    "              'users': [{'key': 'op1'}, {'key': 'op2'}]}],"
    " 'policies': [{'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'groupProvisioning': true, 'assignments': {'groups': ['eng']}},"
    "          {'key': 'e2f', 'source': 'evil', 'target': 'fabrikam', 'created': false,"
    "           'assignments': {'users': ['op1', 'op2']}%s%s}],"
    " 'timeline': %s}", zE2f ? ", " : "", zE2f ? zE2f : "", zTimeline);
  ck_assert_msg(n>0 && (size_t)n<sizeof(zBuf), "inline scenario too long for the test buffer");
  return scn(zBuf);
}

/* The e2f job created at P1D, and then the actions zMore (a JSON list's
** members, or ""). */
static const char *afterCreate(const char *zMore){
  static char zBuf[4096];
  snprintf(zBuf, sizeof(zBuf), "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}%s%s]",
           zMore[0] ? ", " : "", zMore);
  return withJobs(NULL, zBuf);
}

/* ------------------------------------------------------ partners */

START_TEST(test_add_partner_of_a_declared_configuration_is_refused){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'contoso'}"),
                 "timeline[1].partner", "fabrikam already has a partner configuration for"
                 " contoso at this point (Graph refuses a second one: 409"
                 " Request_MultipleObjectsWithSameKeyValue)");
}
END_TEST

START_TEST(test_set_policy_adds_the_partner_so_a_later_add_partner_is_refused){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam',"
                             " 'partner': 'evil', 'field': 'userSyncInbound.isSyncAllowed',"
                             " 'value': true},"
                             " {'at': 'PT2H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'evil'}"),
                 "timeline[2].partner", "fabrikam already has a partner configuration for evil");
}
END_TEST

START_TEST(test_remove_partner_without_a_configuration_is_refused){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'evil'}"),
                 "timeline[1].partner", "fabrikam has no partner configuration for evil at this"
                 " point (declare one in \"policies\", or add it with add_partner or set_policy"
                 " first)");
  /* removed once, it is gone: the second removal is refused */
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'contoso'},"
                             " {'at': 'PT2H', 'action': 'remove_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'contoso'}"),
                 "timeline[2].partner", "fabrikam has no partner configuration for contoso");
}
END_TEST

START_TEST(test_partner_removed_can_be_added_again){
  Scenario *p = parseOk(afterCreate(
    "{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'contoso'},"
    " {'at': 'PT2H', 'action': 'add_partner', 'tenant': 'fabrikam', 'partner': 'contoso'}"));
  ck_assert_int_eq(p->aAction[0].eKind, SCN_REMOVE_PARTNER);
  ck_assert_int_eq(p->aAction[1].eKind, SCN_ADD_PARTNER);
  ck_assert_str_eq(p->aAction[1].zPartner, "contoso");
  ck_assert_int_eq(p->aAction[1].iPartner, 0);
  ck_assert_int_eq(p->aAction[1].iTenant, 1);
  scenario_free(p);
}
END_TEST

START_TEST(test_partner_must_be_another_known_tenant){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'northwind'}"),
                 "timeline[1].partner", "no tenant \"northwind\"");
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'fabrikam'}"),
                 "timeline[1].partner", "a tenant cannot be its own partner");
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'remove_partner', 'tenant': 'fabrikam'}"),
                 "timeline[1].partner", "missing");
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                             " 'partner': 'evil', 'field': 'userSyncInbound.isSyncAllowed'}"),
                 "timeline[1].field", "unknown key \"field\"");
}
END_TEST

/* ------------------------------------------------------ jobs */

START_TEST(test_job_declared_not_created_needs_a_create_job){
  expectRejected(withJobs(NULL, "[]"), "jobs[1].created", "job e2f is declared with \"created\":"
                 " false, but no create_job in the timeline creates it");
}
END_TEST

START_TEST(test_action_naming_a_job_before_its_creation_is_refused_at_its_path){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'start_job', 'job': 'e2f'}"),
                 "timeline[1].job", "job e2f does not exist yet at this point: it is declared"
                 " with \"created\": false and created later, by timeline[0]");
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'assign', 'job': 'e2f', 'users': ['op1']}"),
                 "timeline[1].job", "job e2f does not exist yet");
  /* at the same instant, before it in the file: still before it */
  expectRejected(withJobs(NULL, "[{'at': 'P1D', 'action': 'target_delete', 'job': 'e2f',"
                                " 'users': ['op1']},"
                                " {'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}]"),
                 "timeline[0].job", "job e2f does not exist yet");
}
END_TEST

START_TEST(test_create_job_creates_only_a_job_declared_for_it_once){
  expectRejected(afterCreate("{'at': 'PT1H', 'action': 'create_job', 'job': 'c2f'}"),
                 "timeline[1].job", "job c2f exists from the start; declare it with \"created\":"
                 " false for create_job to create it");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'create_job', 'job': 'e2f'}"),
                 "timeline[1].job", "job e2f was already created by timeline[0]");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'create_job', 'job': 'nope'}"),
                 "timeline[1].job", "no job \"nope\"");
}
END_TEST

START_TEST(test_action_naming_a_deleted_job_is_refused){
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'delete_job', 'job': 'c2f'},"
                             " {'at': 'P2DT1H', 'action': 'restart_job', 'job': 'c2f'}"),
                 "timeline[2].job", "job c2f no longer exists at this point: timeline[1] deleted it");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'delete_job', 'job': 'e2f'},"
                             " {'at': 'P2DT1H', 'action': 'delete_job', 'job': 'e2f'}"),
                 "timeline[2].job", "job e2f no longer exists at this point: timeline[1] deleted it");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'delete_job', 'job': 'e2f'},"
                             " {'at': 'P2DT1H', 'action': 'create_job', 'job': 'e2f'}"),
                 "timeline[2].job", "job e2f was already created and deleted by timeline[1]");
}
END_TEST

START_TEST(test_a_job_cannot_start_before_it_is_created){
  expectRejected(withJobs("'start': 'PT1H'", "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}]"),
                 "jobs[1].start", "job e2f would start before timeline[0] creates it; leave"
                 " \"start\" out to start it when it is created, or give a later instant");
  /* a later start, or none at all, is fine */
  scenario_free(parseOk(withJobs("'start': 'P2D'",
                                 "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}]")));
  scenario_free(parseOk(withJobs("'start': false",
                                 "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'},"
                                 " {'at': 'P2D', 'action': 'start_job', 'job': 'e2f'}]")));
}
END_TEST

START_TEST(test_create_job_carries_the_declaration_it_creates){
  Scenario *p = parseOk(withJobs("'start': 'P2D'",
                                 "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'}]"));
  ck_assert_int_eq(p->nJob, 2);
  ck_assert_int_eq(p->aJob[0].bCreated, 1);
  ck_assert_int_eq(p->aJob[1].bCreated, 0);
  ck_assert_int_eq(p->aJob[1].bStartGiven, 1);
  ck_assert_int_eq(p->aAction[0].eKind, SCN_CREATE_JOB);
  ck_assert_ptr_eq(p->aAction[0].pCreate, &p->aJob[1]);
  ck_assert_int_eq(p->aAction[0].iJob, 1);
  scenario_free(p);
}
END_TEST

/* ------------------------------------------------ target_delete, set_secrets */

START_TEST(test_target_delete_names_users_of_the_jobs_source){
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'target_delete', 'job': 'c2f',"
                             " 'users': ['op1']}"),
                 "timeline[1].users[0]", "no user \"op1\" in tenant contoso");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'target_delete', 'job': 'c2f'}"),
                 "timeline[1].users", "missing");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'target_delete', 'job': 'c2f',"
                             " 'users': ['alice'], 'set': {'jobTitle': 'x'}}"),
                 "timeline[1].set", "unknown key \"set\"");
}
END_TEST

START_TEST(test_set_secrets_needs_a_setting_with_a_valid_value){
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'c2f'}"),
                 "timeline[1]", "set_secrets needs at least one of deleteThreshold (an integer,"
                 " or null to turn accidental-deletion prevention off), scope, notifications and skipOutOfScopeDeletions");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f',"
                             " 'deleteThreshold': -5}"),
                 "timeline[1].deleteThreshold", "expected an integer from 0 to 1000000000");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f',"
                             " 'scope': 'everyone'}"),
                 "timeline[1].scope", "expected \"assigned\" or \"all\", found \"everyone\"");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f',"
                             " 'deleteTreshold': 5}"),
                 "timeline[1].deleteTreshold", "(did you mean \"deleteThreshold\"?)");
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f',"
                             " 'scope': 'all', 'notificationEmail': 'a@b.c'}"),
                 "timeline[1].notificationEmail", "unknown key \"notificationEmail\"");
}
END_TEST

/* The notification e-mail, in a job or a set_secrets: located errors. */
START_TEST(test_notifications_are_a_switch_and_addresses){
  static const struct { const char *zNotify, *zWhere, *zWhat; } aBad[] = {
    { "true", "notifications", "expected an object, found a Boolean" },
    { "{}", "notifications", "expected \"enabled\", \"recipients\" or both" },
    { "{'enabled': 'yes'}", "notifications.enabled", "expected true or false" },
    { "{'recipient': 'a@b.com'}", "notifications.recipient", "(did you mean \"recipients\"?)" },
    { "{'recipients': ['a@b.com']}", "notifications.recipients", "expected a string" },
    { "{'recipients': 'ops'}", "notifications.recipients",
      "\"ops\" is not an e-mail address (name@domain; separate addresses with \";\" or \",\")" },
    { "{'recipients': 'a@b.com;; c@d.com'}", "notifications.recipients", "\"\" is not an e-mail address" },
    { "{'recipients': 'a@b.com;'}", "notifications.recipients",
      "an address is missing after the last separator" },
    { "{'recipients': 'a b@c.com'}", "notifications.recipients", "\"a b@c.com\" is not" },
    { "{'recipients': 'a@b@c.com'}", "notifications.recipients", "\"a@b@c.com\" is not" },
  };
  char zAct[300], zMember[300], zWhere[128];
  size_t i;
  for(i=0; i<sizeof(aBad)/sizeof(aBad[0]); i++){
    snprintf(zAct, sizeof(zAct), "{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f',"
             " 'notifications': %s}", aBad[i].zNotify);
    snprintf(zWhere, sizeof(zWhere), "timeline[1].%s", aBad[i].zWhere);
    expectRejected(afterCreate(zAct), zWhere, aBad[i].zWhat);
    snprintf(zMember, sizeof(zMember), "'notifications': %s", aBad[i].zNotify);
    snprintf(zWhere, sizeof(zWhere), "jobs[1].%s", aBad[i].zWhere);
    expectRejected(withJobs(zMember, "[]"), zWhere, aBad[i].zWhat);
  }
}
END_TEST

START_TEST(test_notifications_fill_the_job_and_the_action){
  Scenario *p = parseOk(withJobs("'notifications': {'enabled': true,"
                                 " 'recipients': ' ops@evil.example , sec@evil.example '}",
    "[{'at': 'P1D', 'action': 'create_job', 'job': 'e2f'},"
    " {'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f', 'notifications': {'enabled': false}},"
    " {'at': 'P2DT1H', 'action': 'set_secrets', 'job': 'c2f', 'notifications': {'recipients': ''}}]"));
  ck_assert_int_eq(p->aJob[0].notify.bEnabled, -1);       /* not given: the default, off */
  ck_assert_ptr_null(p->aJob[0].notify.zRecipients);
  ck_assert_int_eq(p->aJob[1].notify.bEnabled, 1);
  ck_assert_str_eq(p->aJob[1].notify.zRecipients, " ops@evil.example , sec@evil.example ");
  ck_assert_int_eq(p->aAction[1].notify.bEnabled, 0);
  ck_assert_ptr_null(p->aAction[1].notify.zRecipients);   /* left as it is */
  ck_assert_int_eq(p->aAction[2].notify.bEnabled, -1);
  ck_assert_str_eq(p->aAction[2].notify.zRecipients, "");
  scenario_free(p);
}
END_TEST

START_TEST(test_set_secrets_scope_all_is_refused_for_a_group_provisioning_job){
  expectRejected(afterCreate("{'at': 'P2D', 'action': 'set_secrets', 'job': 'c2f',"
                             " 'scope': 'all'}"),
                 "timeline[1].scope", "job c2f provisions groups, which needs the scope \"Sync"
                 " only assigned users and groups\" (\"assigned\")");
}
END_TEST

START_TEST(test_set_secrets_fills_scope_and_threshold){
  Scenario *p = parseOk(afterCreate(
    "{'at': 'P2D', 'action': 'set_secrets', 'job': 'e2f', 'scope': 'all', 'deleteThreshold': 7},"
    " {'at': 'P2DT1H', 'action': 'set_secrets', 'job': 'e2f', 'deleteThreshold': null},"
    " {'at': 'P2DT2H', 'action': 'set_secrets', 'job': 'c2f', 'scope': 'assigned'}"));
  ck_assert_int_eq(p->aAction[1].iScope, 1);
  ck_assert_int_eq(p->aAction[1].nThreshold, 7);
  ck_assert_int_eq(p->aAction[2].iScope, -1);
  ck_assert_int_eq(p->aAction[2].nThreshold, -1);
  ck_assert_int_eq(p->aAction[3].iScope, 0);
  ck_assert_int_eq(p->aAction[3].nThreshold, -2);
  scenario_free(p);
}
END_TEST

/* ---------------------------------------------------------------- oom */

/* Every new action in one scenario, loaded with each allocation failing in
** turn: out of memory every time, nothing leaked (the asan build checks),
** then success. */
START_TEST(test_new_actions_load_survives_every_failed_allocation){
  const char *zText = afterCreate(
    "{'at': 'PT1H', 'action': 'add_partner', 'tenant': 'fabrikam', 'partner': 'evil'},"
    " {'at': 'PT2H', 'action': 'set_policy', 'tenant': 'evil', 'partner': 'fabrikam',"
    "  'field': 'automaticUserConsentSettings.outboundAllowed', 'value': true},"
    " {'at': 'P1DT1H', 'action': 'target_delete', 'job': 'e2f', 'users': ['op1']},"
    " {'at': 'P1DT2H', 'action': 'set_secrets', 'job': 'e2f', 'deleteThreshold': 3,"
    "  'notifications': {'enabled': true, 'recipients': 'ops@evil.example'}},"
    " {'at': 'P2D', 'action': 'delete_job', 'job': 'e2f'},"
    " {'at': 'P2DT1H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'evil'}");
  char *zCopy = mem_strdup(zText);
  Scenario *p;
  long n;
  ck_assert_ptr_nonnull(zCopy);
  p = loadFailingEachAllocation(NULL, zCopy, &n);
  ck_assert_int_eq(p->nAction, 7);
  ck_assert_int_eq(p->aAction[6].eKind, SCN_REMOVE_PARTNER);
  scenario_free(p);
  mem_free(zCopy);
  ck_assert_int_gt(n, 20);
}
END_TEST

/* ------------------------------------------------ beta policy fields */

/* contoso syncs to fabrikam; fabrikam's policies are zPolicies (members
** of the "policies" array after contoso's outbound one). */
static const char *withPolicies(const char *zPolicies, const char *zTimeline){
  static char zBuf[4096];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'pol', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'users': [{'key': 'alice'}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}}%s%s],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'users': ['alice']}}],"
    " 'timeline': [%s]}", zPolicies[0] ? ", " : "", zPolicies, zTimeline);
  return scn(zBuf);
}

#define ROLE_SYNC(v) "'roleEnabledGroupSyncInbound': {'isSyncAllowed': " v "}"
#define GROUP_SYNC(v) "'groupSyncInbound': {'isSyncAllowed': " v "}"
#define SET(at, zPartner, zField, v) \
  "{'at': '" at "', 'action': 'set_policy', 'tenant': 'fabrikam', " zPartner \
  " 'field': '" zField "', 'value': " v "}"

START_TEST(test_role_enabled_group_sync_needs_group_sync_in_the_declaration){
  Scenario *p;
  expectRejected(withPolicies("{'tenant': 'fabrikam', 'partner': 'contoso', " ROLE_SYNC("true") "}", ""),
                 "policies[1].roleEnabledGroupSyncInbound.isSyncAllowed",
                 "Graph rejects roleEnabledGroupSyncInbound unless group sync is allowed for the partner");
  expectRejected(withPolicies("{'tenant': 'fabrikam', 'partner': 'contoso', " GROUP_SYNC("false") ", "
                              ROLE_SYNC("true") "}, {'tenant': 'fabrikam', " GROUP_SYNC("true") "}", ""),
                 "policies[1].roleEnabledGroupSyncInbound.isSyncAllowed", "give this policy");
  /* with group sync, its own or the default's it inherits: accepted */
  p = parseOk(withPolicies("{'tenant': 'fabrikam', 'partner': 'contoso', " GROUP_SYNC("true") ", "
                           ROLE_SYNC("true") "}", ""));
  ck_assert_int_eq(p->aPolicy[1].nField, 2);
  ck_assert_int_eq(p->aPolicy[1].aField[1].eField, PF_ROLE_GROUP_SYNC_INBOUND);
  ck_assert_int_eq(p->aPolicy[1].aField[1].v, 1);
  scenario_free(p);
  p = parseOk(withPolicies("{'tenant': 'fabrikam', 'partner': 'contoso', " ROLE_SYNC("true") "},"
                           " {'tenant': 'fabrikam', " GROUP_SYNC("true") "}", ""));
  scenario_free(p);
  /* false or null needs nothing */
  p = parseOk(withPolicies("{'tenant': 'fabrikam', 'partner': 'contoso', " ROLE_SYNC("null") "}", ""));
  scenario_free(p);
}
END_TEST

START_TEST(test_role_enabled_group_sync_needs_group_sync_at_each_set_policy){
  Scenario *p;
  expectRejected(withPolicies("", SET("PT1H", "'partner': 'contoso',",
                                      "roleEnabledGroupSyncInbound.isSyncAllowed", "true")),
                 "timeline[0].value", "set groupSyncInbound.isSyncAllowed to true first");
  /* in order: group sync, then role-enabled: accepted; group sync off
  ** while role-enabled stays on: refused */
  p = parseOk(withPolicies("", SET("PT1H", "'partner': 'contoso',", "groupSyncInbound.isSyncAllowed", "true") ","
                               SET("PT2H", "'partner': 'contoso',", "roleEnabledGroupSyncInbound.isSyncAllowed", "true")));
  ck_assert_int_eq(p->aAction[1].eField, PF_ROLE_GROUP_SYNC_INBOUND);
  scenario_free(p);
  expectRejected(withPolicies("", SET("PT1H", "'partner': 'contoso',", "groupSyncInbound.isSyncAllowed", "true") ","
                                  SET("PT2H", "'partner': 'contoso',", "roleEnabledGroupSyncInbound.isSyncAllowed", "true") ","
                                  SET("PT3H", "'partner': 'contoso',", "groupSyncInbound.isSyncAllowed", "null")),
                 "timeline[2].value", "fabrikam allows role-enabled group sync for contoso, which needs"
                 " group sync; set roleEnabledGroupSyncInbound.isSyncAllowed to false first");
  /* a default's group sync the partner inherits counts, and so does
  ** turning it off */
  expectRejected(withPolicies("{'tenant': 'fabrikam', " GROUP_SYNC("true") "}",
                              SET("PT2H", "'partner': 'contoso',", "roleEnabledGroupSyncInbound.isSyncAllowed", "true") ","
                              SET("PT3H", "", "groupSyncInbound.isSyncAllowed", "false")),
                 "timeline[1].value", "fabrikam allows role-enabled group sync for contoso");
  /* remove_partner takes both away: accepted */
  p = parseOk(withPolicies("{'tenant': 'fabrikam', " GROUP_SYNC("true") "}",
                           SET("PT2H", "'partner': 'contoso',", "roleEnabledGroupSyncInbound.isSyncAllowed", "true") ","
                           "{'at': 'PT3H', 'action': 'remove_partner', 'tenant': 'fabrikam', 'partner': 'contoso'},"
                           SET("PT4H", "", "groupSyncInbound.isSyncAllowed", "false")));
  scenario_free(p);
}
END_TEST

START_TEST(test_compliant_network_trust_is_a_policy_field){
  Scenario *p = parseOk(withPolicies("{'tenant': 'fabrikam', 'inboundTrust': {'isCompliantNetworkAccepted': true}}",
                                     SET("PT1H", "'partner': 'contoso',", "inboundTrust.isCompliantNetworkAccepted", "false")));
  ck_assert_int_eq(p->aPolicy[1].aField[0].eField, PF_TRUST_COMPLIANT_NETWORK);
  ck_assert_int_eq(p->aAction[0].eField, PF_TRUST_COMPLIANT_NETWORK);
  ck_assert_str_eq(policy_field_name(PF_TRUST_COMPLIANT_NETWORK), "inboundTrust.isCompliantNetworkAccepted");
  scenario_free(p);
  expectRejected(withPolicies("", SET("PT1H", "", "inboundTrust.isCompliantNetworkAccept", "true")),
                 "timeline[0].field", "(did you mean \"inboundTrust.isCompliantNetworkAccepted\"?)");
}
END_TEST

Suite *scn_actions_suite(void){
  Suite *s = suite_create("scn_actions");
  TCase *tcPartner = tcase_create("partners");
  TCase *tcJob = tcase_create("jobs");
  TCase *tcTarget = tcase_create("target and settings");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcPartner, test_add_partner_of_a_declared_configuration_is_refused);
  tcase_add_test(tcPartner, test_set_policy_adds_the_partner_so_a_later_add_partner_is_refused);
  tcase_add_test(tcPartner, test_remove_partner_without_a_configuration_is_refused);
  tcase_add_test(tcPartner, test_partner_removed_can_be_added_again);
  tcase_add_test(tcPartner, test_partner_must_be_another_known_tenant);
  tcase_add_test(tcPartner, test_role_enabled_group_sync_needs_group_sync_in_the_declaration);
  tcase_add_test(tcPartner, test_role_enabled_group_sync_needs_group_sync_at_each_set_policy);
  tcase_add_test(tcPartner, test_compliant_network_trust_is_a_policy_field);
  suite_add_tcase(s, tcPartner);

  tcase_add_test(tcJob, test_job_declared_not_created_needs_a_create_job);
  tcase_add_test(tcJob, test_action_naming_a_job_before_its_creation_is_refused_at_its_path);
  tcase_add_test(tcJob, test_create_job_creates_only_a_job_declared_for_it_once);
  tcase_add_test(tcJob, test_action_naming_a_deleted_job_is_refused);
  tcase_add_test(tcJob, test_a_job_cannot_start_before_it_is_created);
  tcase_add_test(tcJob, test_create_job_carries_the_declaration_it_creates);
  suite_add_tcase(s, tcJob);

  tcase_add_test(tcTarget, test_target_delete_names_users_of_the_jobs_source);
  tcase_add_test(tcTarget, test_set_secrets_needs_a_setting_with_a_valid_value);
  tcase_add_test(tcTarget, test_set_secrets_scope_all_is_refused_for_a_group_provisioning_job);
  tcase_add_test(tcTarget, test_set_secrets_fills_scope_and_threshold);
  tcase_add_test(tcTarget, test_notifications_are_a_switch_and_addresses);
  tcase_add_test(tcTarget, test_notifications_fill_the_job_and_the_action);
  suite_add_tcase(s, tcTarget);

  tcase_set_timeout(tcOom, 300);
  tcase_add_test(tcOom, test_new_actions_load_survives_every_failed_allocation);
  suite_add_tcase(s, tcOom);
  return s;
}
