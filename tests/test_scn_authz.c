/*
** test_scn_authz.c — the specification of sim/scenario/scn_authz.c and
** engine/model/authz.c: a tenant's role assignments, Conditional Access
** policies and service principals' permissions are validated with located
** messages, reach the run database (role_assignments, ca_policies,
** app_permissions) with their JSON paths, and assign_role gives a synced
** user a role at its instant, audited as RoleManagement does.
**
** The base story: contoso syncs its group g (alice, bob) into fabrikam,
** where admin1 is an internal user and ops a group of fabrikam.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "mem_fixture.h"
#include "authz.h"
#include "e2e_fixture.h"
#include "mem.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

/* The base story with zContoso and zFabrikam as extra members of the two
** tenant objects and zTimeline as the timeline's entries. */
static const char *story(const char *zContoso, const char *zFabrikam, const char *zTimeline){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'authz', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT3H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'g'}],"
    "              'users': [{'key': 'alice', 'groups': ['g']}, {'key': 'bob', 'groups': ['g']},"
    "                        {'key': 'carol'}]%s},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com',"
    "              'tenantId': '3d0f5dba-6c3b-4b1e-9a43-1b2b0b6c1f77', 'groups': [{'key': 'ops'}],"
    "              'users': [{'key': 'admin1', 'groups': ['ops']}]%s}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}}],"
    " 'timeline': [%s]}",
    zContoso ? zContoso : "", zFabrikam ? zFabrikam : "", zTimeline ? zTimeline : "");
  return scn(zBuf);
}

/* The validator's messages for zText, which must be invalid (mem_free). */
static char *invalid(const char *zText){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("authz.json", zText, &pScn, &errs, &err), TS_ERR);
  ck_assert_ptr_null(pScn);
  return strbuf_take(&errs);
}

#define HAS(z, zNeedle) ck_assert_msg(strstr((z), (zNeedle))!=NULL, "no \"%s\" in:\n%s", (zNeedle), (z))

/* ------------------------------------------------------------- roles */

START_TEST(test_the_role_catalog_has_the_roles_that_matter_with_their_template_ids){
  static const struct { const char *zName, *zId; } a[] = {
    { "Global Administrator", "62e90394-69f5-4237-9190-012177145e10" },
    { "Security Administrator", "194ae4cb-b126-40b2-bd5b-6091b380977d" },
    { "Hybrid Identity Administrator", "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2" },
    { "Application Administrator", "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3" },
    { "Cloud Application Administrator", "158c047a-c907-4556-b7ef-446551a6b5f7" },
    { "Privileged Role Administrator", "e8611ab8-c189-46e8-94e1-60213ab1f814" },
    { "User Administrator", "fe930be7-5e62-47db-91af-98c3a49a38b1" },
    { "Groups Administrator", "fdd7a751-b60b-444a-984c-02652fe8fa1c" },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    const AuthzRole *r = authz_role_find(a[i].zName);
    ck_assert_msg(r!=NULL, "%s", a[i].zName);
    ck_assert_str_eq(r->zTemplateId, a[i].zId);
    ck_assert_ptr_eq(authz_role_find(a[i].zId), r);
  }
  ck_assert_ptr_eq(authz_role_find("global administrator"), authz_role_find("Global Administrator"));
  ck_assert_ptr_eq(authz_role_find("62E90394-69F5-4237-9190-012177145E10"), authz_role_find("Global Administrator"));
  ck_assert_int_eq(authz_role_find("Global Administrator")->bPrivileged, 1);
  ck_assert_int_eq(authz_role_find("Groups Administrator")->bPrivileged, 0);
  ck_assert_ptr_null(authz_role_find("Global Admin"));
  ck_assert_str_eq(authz_permission_find("9b50c33d-700f-43b1-b2eb-87e89b703581")->zValue,
                   "Synchronization.ReadWrite.All");
  ck_assert_str_eq(authz_permission_find("Policy.ReadWrite.CrossTenantAccess")->zId,
                   "338163d7-f101-4c92-94ba-ca46fe52447c");
}
END_TEST

START_TEST(test_guest_types_are_graph_flags){
  char z[200];
  ck_assert_uint_eq(authz_guest_type_bit("b2bCollaborationMember"), AUTHZ_GUEST_B2B_MEMBER);
  ck_assert_uint_eq(authz_guest_type_bit("B2bCollaborationMember"), 0);
  ck_assert_str_eq(authz_guest_types_format(AUTHZ_GUEST_B2B_GUEST|AUTHZ_GUEST_INTERNAL, z, sizeof(z)),
                   "internalGuest,b2bCollaborationGuest");
  ck_assert_int_eq(authz_control_known("mfa"), 1);
  ck_assert_int_eq(authz_control_known("MFA"), 0);
}
END_TEST

START_TEST(test_role_assignments_by_name_or_template_id_reach_the_database){
  char zDb[64], zT[200];
  fixture_run("tsauthz", "authz.json", story(
    ", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'alice'}]",
    ", 'roleAssignments': [{'role': 'security administrator', 'principal': 'admin1',"
    "   'assignment': 'eligible'},"
    "  {'role': '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', 'principal': 'ops', 'principalType': 'Group'},"
    "  {'role': '11111111-2222-4333-8444-555555555555', 'principal': 'admin1',"
    "   'directoryScopeId': '/administrativeUnits/x'}]", NULL), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM role_assignments"), 4);
  ck_assert_str_eq(qtext(zDb, "SELECT role_name||'|'||assignment||'|'||path FROM role_assignments"
                         " WHERE tenant=1 AND principal_type='User' AND directory_scope_id='/'", zT, sizeof(zT)),
                   "Security Administrator|eligible|$.tenants[1].roleAssignments[0]");
  ck_assert_str_eq(qtext(zDb, "SELECT r.role_name FROM role_assignments r JOIN groups g ON g.idx=r.principal"
                         " WHERE r.principal_type='Group' AND g.key='ops'", zT, sizeof(zT)),
                   "Hybrid Identity Administrator");
  /* a role tenantsim does not list: by its id, name and privilege unknown */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM role_assignments WHERE role_name IS NULL"
                           " AND privileged IS NULL AND directory_scope_id='/administrativeUnits/x'"), 1);
  /* declared assignments are there from the start and write no audit row */
  ck_assert_int_eq(q1(zDb, "SELECT max(assigned_at) FROM role_assignments"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE category='RoleManagement'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT principal FROM role_assignments WHERE tenant=0"),
                   q1(zDb, "SELECT id FROM users WHERE key='alice'"));
  unlink(zDb);
}
END_TEST

START_TEST(test_role_assignment_mistakes_are_located){
  char *z = invalid(story(NULL,
    ", 'roleAssignments': [{'role': 'Global Admin', 'principal': 'nobody'},"
    "  {'role': 'Global Adminstrator', 'principal': 'admin1', 'assignment': 'permanent',"
    "   'directoryScopeId': 'tenant'},"
    "  {'role': 'Reader', 'principal': 'ops', 'principalType': 'User'},"
    "  {'role': 'User Administrator', 'principal': 'admin1', 'assignment': 'eligible'},"
    "  {'role': 'User Administrator', 'principal': 'admin1', 'assignment': 'eligible', 'scope': '/'}]",
    NULL));
  HAS(z, "tenants[1].roleAssignments[0].role: unknown role \"Global Admin\" (did you mean \"Global Administrator\"?)");
  HAS(z, "tenants[1].roleAssignments[0].principal: no user or group \"nobody\" in tenant fabrikam");
  HAS(z, "tenants[1].roleAssignments[1].role: unknown role \"Global Adminstrator\" (did you mean \"Global Administrator\"?)");
  HAS(z, "tenants[1].roleAssignments[1].assignment: expected \"active\" or \"eligible\"");
  HAS(z, "tenants[1].roleAssignments[1].directoryScopeId: expected a directoryScopeId such as \"/\"");
  HAS(z, "tenants[1].roleAssignments[2].role: unknown role \"Reader\"; expected a built-in role's display name");
  HAS(z, "tenants[1].roleAssignments[2].principal: no user \"ops\" in tenant fabrikam");
  HAS(z, "tenants[1].roleAssignments[4].scope: unknown key \"scope\"");
  HAS(z, "tenants[1].roleAssignments[4]: the same role assignment as roleAssignments[3]");
  mem_free(z);
  /* a key that names a user and a group needs principalType */
  z = invalid(scn("{'name': 'both', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
                  " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'admin1'}],"
                  "   'users': [{'key': 'admin1'}],"
                  "   'roleAssignments': [{'role': 'Global Reader', 'principal': 'admin1'}]},"
                  "  {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
                  " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}"));
  HAS(z, "tenants[0].roleAssignments[0].principal: \"admin1\" is both a user and a group of tenant contoso; give principalType");
  mem_free(z);
}
END_TEST

/* ----------------------------------------------- Conditional Access */

#define CA_POLICY \
  ", 'conditionalAccessPolicies': [{'displayName': 'MFA for guests', 'state': 'enabled'," \
  "  'conditions': {'users': {'includeUsers': ['GuestsOrExternalUsers'], 'excludeUsers': ['admin1']," \
  "     'includeGroups': ['ops'], 'includeRoles': ['Global Administrator']," \
  "     'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'b2bCollaborationGuest, internalGuest'," \
  "        'externalTenants': {'membershipKind': 'enumerated', 'members': ['contoso'," \
  "           '0f0e0d0c-0b0a-4909-8807-060504030201']}}," \
  "     'excludeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'serviceProvider'," \
  "        'externalTenants': {'membershipKind': 'all'}}}}," \
  "  'grantControls': {'operator': 'OR', 'builtInControls': ['mfa', 'compliantDevice']}}]"

START_TEST(test_a_conditional_access_policy_is_stored_with_object_and_tenant_ids){
  char zDb[64], zT[400], zWant[400], zSql[300];
  fixture_run("tsauthz", "authz.json", story(NULL, CA_POLICY, NULL), zDb, sizeof(zDb));
  ck_assert_str_eq(qtext(zDb, "SELECT display_name||'|'||state||'|'||include_users||'|'||include_guest_types"
                         "||'|'||exclude_guest_types||'|'||exclude_external_tenants||'|'||grant_operator"
                         "||'|'||grant_controls||'|'||path FROM ca_policies", zT, sizeof(zT)),
                   "MFA for guests|enabled|GuestsOrExternalUsers|internalGuest,b2bCollaborationGuest|"
                   "serviceProvider|all|OR|mfa,compliantDevice|$.tenants[1].conditionalAccessPolicies[0]");
  /* keys become object ids and tenant ids, as in Graph */
  snprintf(zSql, sizeof(zSql), "SELECT object_id FROM users WHERE key='admin1'");
  ck_assert_str_eq(qtext(zDb, "SELECT exclude_users FROM ca_policies", zT, sizeof(zT)),
                   qtext(zDb, zSql, zWant, sizeof(zWant)));
  ck_assert_str_eq(qtext(zDb, "SELECT include_groups FROM ca_policies", zT, sizeof(zT)),
                   qtext(zDb, "SELECT object_id FROM groups WHERE key='ops'", zWant, sizeof(zWant)));
  ck_assert_str_eq(qtext(zDb, "SELECT include_roles FROM ca_policies", zT, sizeof(zT)),
                   "62e90394-69f5-4237-9190-012177145e10");
  ck_assert_str_eq(qtext(zDb, "SELECT include_external_tenants FROM ca_policies", zT, sizeof(zT)),
                   qtext(zDb, "SELECT tenant_id||',0f0e0d0c-0b0a-4909-8807-060504030201' FROM tenants"
                         " WHERE key='contoso'", zWant, sizeof(zWant)));
  unlink(zDb);
}
END_TEST

START_TEST(test_conditional_access_mistakes_are_located){
  char *z = invalid(story(NULL,
    ", 'conditionalAccessPolicies': [{'displayName': 'x', 'state': 'on',"
    "  'conditions': {'users': {'includeUsers': ['All', 'zed'], 'includeGroups': ['nog'],"
    "     'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'internalGuest,b2bColaborationGuest',"
    "        'externalTenants': {'membershipKind': 'enumerated', 'members': []}},"
    "     'excludeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'none,internalGuest',"
    "        'externalTenants': {'membershipKind': 'all', 'members': ['contoso']}}},"
    "   'applications': {'includeApplications': ['All']}},"
    "  'grantControls': {'operator': 'XOR', 'builtInControls': ['MFA', 'boom']}},"
    " {'displayName': 'y', 'state': 'disabled'}]", NULL));
  HAS(z, "conditionalAccessPolicies[0].state: expected \"enabled\", \"disabled\" or \"enabledForReportingButNotEnforced\", found \"on\"");
  HAS(z, "conditionalAccessPolicies[0].conditions.applications: unknown key \"applications\"");
  HAS(z, "conditionalAccessPolicies[0].conditions.users.includeUsers[1]: no user \"zed\" in tenant fabrikam");
  HAS(z, "conditionalAccessPolicies[0].conditions.users.includeGroups[0]: no group \"nog\" in tenant fabrikam");
  HAS(z, "includeGuestsOrExternalUsers.guestOrExternalUserTypes: unknown guest or external user type"
         " \"b2bColaborationGuest\" (did you mean \"b2bCollaborationGuest\"?)");
  HAS(z, "includeGuestsOrExternalUsers.externalTenants.members: membershipKind \"enumerated\" needs at least one member");
  HAS(z, "excludeGuestsOrExternalUsers.guestOrExternalUserTypes: \"none\" cannot be combined");
  HAS(z, "excludeGuestsOrExternalUsers.externalTenants.members: membershipKind \"all\" takes no members");
  HAS(z, "conditionalAccessPolicies[0].grantControls.operator: expected \"AND\" or \"OR\", found \"XOR\"");
  HAS(z, "grantControls.builtInControls[0]: unknown built-in control \"MFA\" (did you mean \"mfa\"?)");
  HAS(z, "grantControls.builtInControls[1]: expected a built-in control: block, mfa");
  HAS(z, "conditionalAccessPolicies[1].conditions: missing; expected {\"users\": {...}}");
  mem_free(z);
}
END_TEST

/* --------------------------------------------- service principals */

START_TEST(test_application_permissions_are_checked_and_stored){
  char zDb[64], zT[300];
  char *z = invalid(story(NULL,
    ", 'servicePrincipals': [{'displayName': 'robot', 'appId': 'not-a-guid',"
    "   'applicationPermissions': ['Synchronization.Readwrite.All', 'bad perm', 5]},"
    "  {'appId': '11111111-2222-4333-8444-555555555555'}]", NULL));
  HAS(z, "servicePrincipals[0].appId: expected an application id (a GUID)");
  HAS(z, "servicePrincipals[0].applicationPermissions[0]: unknown permission \"Synchronization.Readwrite.All\""
         " (did you mean \"Synchronization.ReadWrite.All\"?)");
  HAS(z, "servicePrincipals[0].applicationPermissions[1]: expected a permission value");
  HAS(z, "servicePrincipals[0].applicationPermissions[2]: expected a permission value");
  HAS(z, "servicePrincipals[1].displayName: missing; expected a string");
  HAS(z, "servicePrincipals[1].applicationPermissions: missing; expected an array");
  mem_free(z);
  fixture_run("tsauthz", "authz.json", story(NULL,
    ", 'servicePrincipals': [{'displayName': 'robot', 'appId': '11111111-2222-4333-8444-555555555555',"
    "   'applicationPermissions': ['Policy.ReadWrite.CrossTenantAccess', 'Reports.Read.All']}]", NULL),
    zDb, sizeof(zDb));
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(permission||'='||coalesce(app_role_id, '?')||'@'||path, ' ')"
                         " FROM app_permissions", zT, sizeof(zT)),
                   "Policy.ReadWrite.CrossTenantAccess=338163d7-f101-4c92-94ba-ca46fe52447c"
                   "@$.tenants[1].servicePrincipals[0].applicationPermissions[0]"
                   " Reports.Read.All=?@$.tenants[1].servicePrincipals[0].applicationPermissions[1]");
  unlink(zDb);
}
END_TEST

/* ------------------------------------------------------ assign_role */

START_TEST(test_assign_role_checks_its_fields_at_its_instant){
  char *z = invalid(story(NULL, NULL,
    "{'at': 'PT1H', 'action': 'assign_role', 'tenant': 'fabrikam', 'job': 'c2f', 'users': ['admin1'],"
    "  'role': 'Global Administrator'},"
    " {'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['dave'], 'role': 'Global Admin',"
    "  'assignment': 'timebound'},"
    " {'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'dave'}]},"
    " {'at': 'PT1H', 'action': 'assign_role', 'job': 'nojob', 'users': ['alice'], 'role': 'Global Reader'},"
    " {'at': 'PT1H', 'action': 'assign_role', 'tenant': 'fabrikam', 'users': [], 'role': 'Global Reader',"
    "  'group': 'ops'},"
    " {'at': 'PT1H', 'action': 'asign_role', 'tenant': 'fabrikam', 'users': ['admin1'], 'role': 'Global Reader'}"));
  HAS(z, "timeline[0]: give \"tenant\" (its users or groups, by key) or \"job\" (the users or groups"
         " it synced into its target, by source key), not both");
  HAS(z, "timeline[1].users[0]: no user \"dave\" in tenant contoso (at this point of the scenario)");
  HAS(z, "timeline[1].role: unknown role \"Global Admin\" (did you mean \"Global Administrator\"?)");
  HAS(z, "timeline[1].assignment: expected \"active\" or \"eligible\"");
  HAS(z, "timeline[3].job: no job \"nojob\"");
  HAS(z, "timeline[4].users: expected at least one user key");
  HAS(z, "timeline[4].group: unknown key \"group\"");
  HAS(z, "timeline[5].action: unknown action \"asign_role\" (did you mean \"assign_role\"?)");
  mem_free(z);
}
END_TEST

/* Contoso (Governance) syncs its groups g (alice, bob) and dl (a
** distribution list) into fabrikam with group provisioning; fabrikam
** allows user, group and role-enabled group sync (zSync: its policy's
** sync members, replacing those three), h is a third contoso group
** assigned by the timeline. */
static const char *syncedStory(const char *zSync, const char *zTimeline){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'authzg', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT6H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'g', 'displayName': 'Project G'}, {'key': 'h'},"
    "                         {'key': 'dl', 'type': 'Distribution'}],"
    "              'users': [{'key': 'alice', 'groups': ['g']}, {'key': 'bob', 'groups': ['g']},"
    "                        {'key': 'carol'}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com', 'groups': [{'key': 'ops'}],"
    "              'users': [{'key': 'admin1', 'groups': ['ops']}]}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true}, %s}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'groupProvisioning': true,"
    "           'assignments': {'groups': ['g', 'dl']}}],"
    " 'timeline': [%s]}",
    zSync ? zSync : "'userSyncInbound': {'isSyncAllowed': true}, 'groupSyncInbound': {'isSyncAllowed': true},"
                    " 'roleEnabledGroupSyncInbound': {'isSyncAllowed': true}", zTimeline);
  return scn(zBuf);
}

#define ROLE_TO(zAt, zGroups) \
  "{'at': '" zAt "', 'action': 'assign_role', 'job': 'c2f', 'groups': [" zGroups "]," \
  " 'role': 'Application Administrator'}"

START_TEST(test_assign_role_to_synced_groups_is_checked_at_its_instant){
  char *z = invalid(syncedStory(NULL,
    ROLE_TO("PT1H", "'dl', 'h', 'nogroup'") ","
    " {'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'groups': ['g'], 'users': ['alice'],"
    "  'role': 'Global Reader'},"
    " {'at': 'PT2H', 'action': 'assign', 'job': 'c2f', 'groups': ['h']},"
    " {'at': 'PT3H', 'action': 'unassign', 'job': 'c2f', 'groups': ['g']}," ROLE_TO("PT4H", "'h', 'g'") ","
    " {'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'groups': [], 'role': 'Global Reader'}"));
  HAS(z, "timeline[0].groups[0]: group dl is a Distribution group: group sync creates no group from"
         " it in fabrikam");
  HAS(z, "timeline[0].groups[1]: group h is not assigned to job c2f at this point: group sync creates"
         " target groups only for the groups assigned to the job");
  HAS(z, "timeline[0].groups[2]: no group \"nogroup\" in tenant contoso");
  HAS(z, "timeline[1]: give \"users\" or \"groups\", not both");
  HAS(z, "timeline[4].groups[1]: group g is not assigned to job c2f at this point");
  HAS(z, "timeline[5].groups: expected at least one group key");
  ck_assert_ptr_null(strstr(z, "timeline[4].groups[0]"));   /* h is assigned by then */
  mem_free(z);
  /* without group provisioning, or without role-enabled group sync at that
  ** point, there is no synced group that could hold a directory role */
  z = invalid(syncedStory("'userSyncInbound': {'isSyncAllowed': true}, 'groupSyncInbound': {'isSyncAllowed': true}",
                          ROLE_TO("PT1H", "'g'")));
  HAS(z, "timeline[0].groups: fabrikam can give a directory role only to a role-assignable group, and"
         " cross-tenant sync does not create role-assignable groups unless fabrikam allows role-enabled"
         " group sync from contoso (roleEnabledGroupSyncInbound.isSyncAllowed, Graph beta) at this point");
  mem_free(z);
  {
    Scenario *p = parseOk(syncedStory("'userSyncInbound': {'isSyncAllowed': true}, 'groupSyncInbound': {'isSyncAllowed': true}",
      "{'at': 'PT30M', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
      " 'field': 'roleEnabledGroupSyncInbound.isSyncAllowed', 'value': true}," ROLE_TO("PT1H", "'g'") ","
      " {'at': 'PT2H', 'action': 'assign_role', 'tenant': 'fabrikam', 'groups': ['ops'], 'role': 'Global Reader'}"));
    ck_assert_int_eq(p->aAction[1].bGroups, 1);
    ck_assert_str_eq(p->aAction[1].groups.az[0], "g");
    ck_assert_int_eq(p->aAction[2].bGroups, 1);
    scenario_free(p);
  }
}
END_TEST

/* syncedStory with timeline zTimeline (with ') and the expectations
** zExpect (JSON, with "). Static. */
static const char *withExpect(const char *zTimeline, const char *zExpect){
  static char zBuf[9000];
  const char *z = syncedStory(NULL, zTimeline);
  size_t n = strlen(z);
  snprintf(zBuf, sizeof(zBuf), "%.*s, \"expect\": [%s]}", (int)(n-1), z, zExpect);
  return zBuf;
}

START_TEST(test_member_of_expectations_name_a_group_the_job_syncs){
  char *z = invalid(withExpect("",
    "{\"at\": \"PT1H\", \"job\": \"c2f\", \"user\": \"alice\", \"memberOf\": \"nogroup\"},"
    "{\"at\": \"PT1H\", \"job\": \"c2f\", \"user\": \"alice\", \"memberOf\": \"g\","
    " \"state\": \"exists\"}"));
  HAS(z, "expect[0].memberOf: no group \"nogroup\" in the job's source tenant");
  HAS(z, "expect[1]: give \"state\" (exists, absent, softDeleted), \"attribute\" and \"equals\","
         " or \"memberOf\" (a source group the job syncs)");
  mem_free(z);
  {
    Scenario *p = parseOk(withExpect("", "{\"at\": \"PT1H\", \"job\": \"c2f\", \"user\": \"alice\","
                                     " \"memberOf\": \"g\"}"));
    ck_assert_str_eq(p->aExpect[0].zMemberOf, "g");
    scenario_free(p);
  }
}
END_TEST

static char zDir[256];
static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-authz"); }
static void teardown(void){ e2e_rmdir(zDir); }

/* A target admin gives synced users roles: the binary runs it, the audit
** log has RoleManagement's rows, the table the instant and the path. */
START_TEST(test_assign_role_e2e_audits_and_records_the_assignment){
  char zScn[300], zDb[300], zT[400];
  FILE *f;
  snprintf(zScn, sizeof(zScn), "%s/assign.json", zDir);
  snprintf(zDb, sizeof(zDb), "%s/assign.db", zDir);
  f = fopen(zScn, "w");
  ck_assert_ptr_nonnull(f);
  fputs(story(NULL, NULL,
    "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['alice', 'carol'],"
    "  'role': 'Global Administrator', 'note': 'help desk shortcut'},"
    " {'at': 'PT2H', 'action': 'assign_role', 'job': 'c2f', 'users': ['bob'],"
    "  'role': 'Security Administrator', 'assignment': 'eligible'},"
    " {'at': 'PT2H', 'action': 'assign_role', 'tenant': 'fabrikam', 'users': ['admin1'],"
    "  'role': 'Privileged Role Administrator', 'directoryScopeId': '/administrativeUnits/au1'}"), f);
  fclose(f);
  ck_assert_int_eq(sh("%s run %s --db %s --quiet >/dev/null 2>&1", bin(), zScn, zDb), 0);
  /* alice, synced at the first cycle, gets the role at PT1H; carol is not
  ** synced (not in g): no account to give it to */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM role_assignments"), 3);
  ck_assert_str_eq(qtext(zDb, "SELECT u.user_principal_name||'|'||r.assigned_at||'|'||r.assignment||'|'||r.path"
                         " FROM role_assignments r JOIN users u ON u.id=r.principal"
                         " WHERE r.role_name='Global Administrator'", zT, sizeof(zT)),
                   "alice_contoso.com#EXT#@fabrikam.com|3600|active|$.timeline[0]");
  ck_assert_int_eq(q1(zDb, "SELECT u.created_by_job FROM role_assignments r JOIN users u ON u.id=r.principal"
                           " WHERE r.role_name='Global Administrator'"), 0);
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE seq=1", zT, sizeof(zT)),
                   "Global Administrator assigned in fabrikam to 1 user synced by c2f; 1 has no synced"
                   " user there — help desk shortcut");
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(at||' '||activity||' '||target_name, '; ') FROM"
                         " (SELECT * FROM audit_log WHERE category='RoleManagement' ORDER BY id)", zT, sizeof(zT)),
                   "3600 Add member to role alice_contoso.com#EXT#@fabrikam.com; "
                   "7200 Add eligible member to role in PIM requested (permanent) bob_contoso.com#EXT#@fabrikam.com; "
                   "7200 Add eligible member to role in PIM completed (permanent) bob_contoso.com#EXT#@fabrikam.com; "
                   "7200 Add scoped member to role admin1@fabrikam.com");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE category='RoleManagement'"
                           " AND tenant=1 AND actor='admin' AND detail LIKE 'Role.DisplayName=%'"), 4);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Add scoped member to role'"
                           " AND detail LIKE '%directoryScopeId=/administrativeUnits/au1'"), 1);
}
END_TEST

/* A target admin gives the group a job synced a role: the target group
** holds it, audited as for users; its members hold it from then on, a
** member group sync adds later from the instant the cycle adds it. */
START_TEST(test_assign_role_to_a_synced_group_gives_it_to_the_target_group){
  char zScn[300], zDb[300], zT[600];
  FILE *f;
  snprintf(zScn, sizeof(zScn), "%s/group.json", zDir);
  snprintf(zDb, sizeof(zDb), "%s/group.db", zDir);
  f = fopen(zScn, "w");
  ck_assert_ptr_nonnull(f);
  fputs(withExpect(ROLE_TO("PT1H", "'g'") ","
        " {'at': 'PT2H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'g', 'users': ['carol']}",
        "{\"at\": \"PT2H1M\", \"job\": \"c2f\", \"user\": \"carol\", \"memberOf\": \"g\"},"
        " {\"at\": \"PT3H\", \"job\": \"c2f\", \"user\": \"carol\", \"memberOf\": \"g\"},"
        " {\"at\": \"PT3H\", \"job\": \"c2f\", \"user\": \"alice\", \"memberOf\": \"g\"}"), f);
  fclose(f);
  ck_assert_int_eq(sh("%s run %s --db %s --quiet >/dev/null 2>&1", bin(), zScn, zDb), 0);
  ck_assert_str_eq(qtext(zDb, "SELECT r.principal_type||'|'||g.key||'|'||t.key||'|'||g.created_by_job"
                         "||'|'||r.assigned_at||'|'||r.path FROM role_assignments r JOIN groups g"
                         " ON g.idx=r.principal JOIN tenants t ON t.idx=g.tenant", zT, sizeof(zT)),
                   "Group|g|fabrikam|0|3600|$.timeline[0]");
  ck_assert_str_eq(qtext(zDb, "SELECT a.at||' '||a.activity||' '||a.target_type||' '||a.target_name||' '||a.detail"
                         " FROM audit_log a WHERE a.category='RoleManagement'", zT, sizeof(zT)),
                   "3600 Add member to role Group Project G Role.DisplayName=Application Administrator,"
                   " Role.TemplateId=9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3");
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE seq=1", zT, sizeof(zT)),
                   "Application Administrator assigned in fabrikam to 1 group synced by c2f");
  /* carol joins at PT2H; the next cycle adds her account to the target
  ** group, by the sync service */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant WHERE"
                           " t.key='fabrikam' AND a.activity='Add member to group' AND a.actor="
                           "'Microsoft.Azure.SyncFabric' AND a.target_name='Project G' AND a.detail="
                           "'carol_contoso.com#EXT#@fabrikam.com' AND a.at>7200 AND a.at<=7200+2400+300"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " JOIN users u ON u.id=m.user_id WHERE g.tenant=1 AND g.key='g'"
                           " AND u.user_principal_name LIKE 'carol_%' AND m.added_at>7200"
                           " AND m.removed_at IS NULL"), 1);
  /* the memberOf expectations: created but not yet a member a minute after
  ** (the cycle adds groups after users), then a member */
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(at||' '||actual||' '||passed, '; ') FROM"
                         " (SELECT * FROM expectations ORDER BY idx)", zT, sizeof(zT)),
                   "7260 not a member 0; 10800 member 1; 10800 member 1");
  ck_assert_str_eq(qtext(zDb, "SELECT description FROM expectations ORDER BY idx LIMIT 1", zT, sizeof(zT)),
                   "carol's user in fabrikam is a member of the group synced from g at PT2H1M");
  /* lint: T07 (through the group) from the assignment */
  ck_assert_int_eq(q1(zDb, "SELECT min(first_seen) FROM lint_findings WHERE rule='XTS-T07'"), 3600);
}
END_TEST

/* assign_role to a synced group before its job has created it: the run
** stops with the action's path (validate cannot know when a cycle runs). */
START_TEST(test_assign_role_to_a_group_not_created_yet_fails_the_run_at_its_path){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  RunOptions opt;
  RunStats stats;
  char zDb[300];
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("authzg.json", syncedStory(NULL, ROLE_TO("PT10S", "'g'")), &pScn,
                                  &errs, &err), TS_OK);
  strbuf_free(&errs);
  snprintf(zDb, sizeof(zDb), "%s/early.db", zDir);
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "test";
  ck_assert_int_eq(runner_run(pScn, &opt, &stats, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "authzg.json: timeline[0].groups[0]: job c2f has not created a group in"
                   " fabrikam from g by Day 1 09:00 (PT10S): group sync creates it at the job's first"
                   " cycle after the group is assigned, once fabrikam allows group sync from contoso;"
                   " give the action a later \"at\"");
  scenario_free(pScn);
  /* and the binary says so, with the invalid-input status */
  {
    char zScn[300];
    FILE *f;
    snprintf(zScn, sizeof(zScn), "%s/early.json", zDir);
    f = fopen(zScn, "w");
    ck_assert_ptr_nonnull(f);
    fputs(syncedStory(NULL, ROLE_TO("PT10S", "'g'")), f);
    fclose(f);
    ck_assert_int_eq(sh("%s run %s --db %s/early2.db --quiet >%s/early.out 2>&1", bin(), zScn, zDir, zDir), 2);
    ck_assert_int_eq(sh("grep -q 'early.json: timeline\\[0\\].groups\\[0\\]: job c2f has not created' %s/early.out", zDir), 0);
    ck_assert_int_eq(sh("test -e %s/early2.db", zDir), 1);
  }
}
END_TEST

/* Every allocation of validating and running a scenario with every kind
** of authorization object failing in turn. */
START_TEST(test_every_failed_allocation_is_out_of_memory){
  const char *zText = story(", 'roleAssignments': [{'role': 'Global Administrator', 'principal': 'alice'}]",
    CA_POLICY ", 'servicePrincipals': [{'displayName': 'robot',"
    "   'applicationPermissions': ['Synchronization.ReadWrite.All']}]",
    "{'at': 'PT1H', 'action': 'assign_role', 'job': 'c2f', 'users': ['alice'], 'role': 'Global Reader'}");
  char *zCopy = strdup(zText), zDb[64];
  Scenario *pScn = NULL;
  long n;
  int rc = -1, fd;
  mfx_cjson_hooks(1);
  for(n=1; n<20000; n++){
    StrBuf errs;
    TsErr err;
    strbuf_init(&errs);
    tserr_clear(&err);
    mem_fail_after(n);
    rc = scenario_parse("authz.json", zCopy, &pScn, &errs, &err);
    mem_fail_after(0);
    strbuf_free(&errs);
    if( rc==TS_OK ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
  }
  mfx_cjson_hooks(0);
  ck_assert_int_eq(rc, TS_OK);
  snprintf(zDb, sizeof(zDb), "/tmp/tsauthzoom-XXXXXX");
  fd = mkstemp(zDb);
  ck_assert_int_ge(fd, 0);
  close(fd);
  for(n=1; n<200000; n++){
    RunOptions opt;
    RunStats stats;
    TsErr err;
    unlink(zDb);
    memset(&opt, 0, sizeof(opt));
    opt.zDbPath = zDb;
    opt.zVersion = "test";
    tserr_clear(&err);
    mem_fail_after(n);
    rc = runner_run(pScn, &opt, &stats, &err);
    mem_fail_after(0);
    if( rc==TS_OK ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld of the run: rc %d (%s)", n, rc, err.zMsg);
  }
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM role_assignments"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM ca_policies"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM app_permissions"), 1);
  scenario_free(pScn);
  unlink(zDb);
  free(zCopy);
}
END_TEST

Suite *scn_authz_suite(void){
  Suite *s = suite_create("scn_authz");
  TCase *tc = tcase_create("model");
  TCase *tcE2e = tcase_create("e2e");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_the_role_catalog_has_the_roles_that_matter_with_their_template_ids);
  tcase_add_test(tc, test_guest_types_are_graph_flags);
  tcase_add_test(tc, test_role_assignments_by_name_or_template_id_reach_the_database);
  tcase_add_test(tc, test_role_assignment_mistakes_are_located);
  tcase_add_test(tc, test_a_conditional_access_policy_is_stored_with_object_and_tenant_ids);
  tcase_add_test(tc, test_conditional_access_mistakes_are_located);
  tcase_add_test(tc, test_application_permissions_are_checked_and_stored);
  tcase_add_test(tc, test_assign_role_checks_its_fields_at_its_instant);
  tcase_add_test(tc, test_assign_role_to_synced_groups_is_checked_at_its_instant);
  tcase_add_test(tc, test_member_of_expectations_name_a_group_the_job_syncs);
  tcase_add_test(tc, test_every_failed_allocation_is_out_of_memory);
  suite_add_tcase(s, tc);
  tcase_add_checked_fixture(tcE2e, setup, teardown);
  tcase_set_timeout(tcE2e, 120);
  tcase_add_test(tcE2e, test_assign_role_e2e_audits_and_records_the_assignment);
  tcase_add_test(tcE2e, test_assign_role_to_a_synced_group_gives_it_to_the_target_group);
  tcase_add_test(tcE2e, test_assign_role_to_a_group_not_created_yet_fails_the_run_at_its_path);
  suite_add_tcase(s, tcE2e);
  return s;
}
