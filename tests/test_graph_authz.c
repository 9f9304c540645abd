/*
** test_graph_authz.c — the specification of sim/graph/graph_authz.c:
** Graph role assignments, PIM eligibility schedules, Conditional Access
** policies and app role assignments as a scenario tenant's
** authorization objects, principals resolved to keys, what is not
** modelled warned with its path, malformed documents refused with theirs.
**
** Inline documents are written with ' in place of " (see json()).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "graph_authz.h"
#include "graph_policy_fixture.h"
#include "suites.h"
#include "tserr.h"

static int has_msg(const JsonLoc *g, const char *zNeedle){
  return g->msgs.z && strstr(g->msgs.z, zNeedle)!=NULL;
}
#define HAS(pG, zWant) ck_assert_msg(has_msg((pG), (zWant)), "no \"%s\" in:\n%s", (zWant), (pG)->msgs.z ? (pG)->msgs.z : "")

/* A resolved directory: users u1 (alice), u2 (bob), group g1 (Admins). */
static void dir_of(JsonLoc *g, GraphDir *d){
  cJSON *pUsers = json("{'value': [{'id': 'u1', 'userPrincipalName': 'alice@c.com'},"
                     " {'id': 'u2', 'userPrincipalName': 'bob@c.com'}]}");
  cJSON *pGroups = json("{'value': [{'id': 'g1', 'displayName': 'Admins', 'securityEnabled': true}]}");
  graph_users_init(d);
  ck_assert_int_eq(graph_users_add_users(g, d, "u.json", pUsers), TS_OK);
  ck_assert_int_eq(graph_users_add_groups(g, d, "g.json", pGroups), TS_OK);
  ck_assert_int_eq(graph_users_resolve(g, d, NULL, "con"), TS_OK);
  cJSON_Delete(pUsers);
  cJSON_Delete(pGroups);
}

/* Import zDoc of kind e and attach the result to a tenant object, which
** the caller deletes. */
static cJSON *imported(JsonLoc *g, const GraphDir *d, GraphAuthzKind e, const char *zDoc){
  GraphAuthz a;
  cJSON *pDoc = json(zDoc), *t = cJSON_CreateObject();
  memset(&a, 0, sizeof(a));
  ck_assert_int_eq(graph_authz_import(g, &a, e, d, "con", "x.json", pDoc), TS_OK);
  ck_assert_int_eq(graph_authz_attach(&a, t), TS_OK);
  graph_authz_free(&a);
  cJSON_Delete(pDoc);
  return t;
}

START_TEST(test_role_assignments_name_principals_and_roles){
  JsonLoc g;
  GraphDir d;
  cJSON *t;
  jsonloc_init(&g, 0);
  dir_of(&g, &d);
  t = imported(&g, &d, GRAPH_AUTHZ_ROLES, "{'@odata.context': 'x', 'value': ["
    " {'id': 'r1', 'principalId': 'u1', 'roleDefinitionId': '62e90394-69f5-4237-9190-012177145e10',"
    "  'directoryScopeId': '/'},"
    " {'id': 'r2', 'principalId': 'g1', 'roleDefinitionId': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',"
    "  'directoryScopeId': '/administrativeUnits/au1', 'principal': {'id': 'g1'}},"
    " {'id': 'r3', 'principalId': 'sp1', 'roleDefinitionId': '62e90394-69f5-4237-9190-012177145e10'},"
    " {'id': 'r4', 'principalId': 'u2', 'roleDefinitionId': '62e90394-69f5-4237-9190-012177145e10',"
    "  'appScopeId': 'app-1'},"
    " {'id': 'r1', 'principalId': 'u1', 'roleDefinitionId': '62e90394-69f5-4237-9190-012177145e10',"
    "  'directoryScopeId': '/', 'condition': 'x'}]}");
  assert_json(t, "{'roleAssignments':[{'role':'Global Administrator','principal':'alice',"
    "'principalType':'User','assignment':'active'},{'role':'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',"
    "'principal':'Admins','principalType':'Group','assignment':'active',"
    "'directoryScopeId':'/administrativeUnits/au1'}]}");
  ck_assert_int_eq(g.nErr, 0);
  HAS(&g, "x.json: $.value[2].principalId: warning: principal sp1 is not among the imported users or groups of con");
  HAS(&g, "x.json: $.value[3].appScopeId: warning: an assignment scoped to an application");
  HAS(&g, "x.json: $.value[4].condition: warning: role assignment property condition is not modelled");
  cJSON_Delete(t);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_eligibility_schedules_are_eligible_assignments){
  JsonLoc g;
  GraphDir d;
  cJSON *t;
  jsonloc_init(&g, 0);
  dir_of(&g, &d);
  t = imported(&g, &d, GRAPH_AUTHZ_ELIGIBILITY, "{'value': ["
    " {'id': 'e1', 'principalId': 'u2', 'roleDefinitionId': '194ae4cb-b126-40b2-bd5b-6091b380977d',"
    "  'directoryScopeId': '/', 'status': 'Provisioned', 'memberType': 'Direct',"
    "  'scheduleInfo': {'startDateTime': '2026-01-01T00:00:00Z', 'expiration': {'type': 'afterDuration',"
    "  'duration': 'P180D'}}},"
    " {'id': 'e2', 'principalId': 'u1', 'roleDefinitionId': '194ae4cb-b126-40b2-bd5b-6091b380977d',"
    "  'memberType': 'Inherited'},"
    " {'id': 'e3', 'principalId': 'u1', 'roleDefinitionId': '194ae4cb-b126-40b2-bd5b-6091b380977d',"
    "  'status': 'Revoked'}]}");
  assert_json(t, "{'roleAssignments':[{'role':'Security Administrator','principal':'bob',"
    "'principalType':'User','assignment':'eligible'}]}");
  HAS(&g, "x.json: $.value[0].scheduleInfo.expiration.type: warning: a time-bound eligibility (afterDuration)"
          " is imported as permanent");
  HAS(&g, "x.json: $.value[1].memberType: warning: memberType Inherited");
  HAS(&g, "x.json: $.value[2].status: warning: status Revoked");
  cJSON_Delete(t);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_conditional_access_policies_keep_users_guests_and_grants){
  JsonLoc g;
  GraphDir d;
  cJSON *t;
  jsonloc_init(&g, 0);
  dir_of(&g, &d);
  t = imported(&g, &d, GRAPH_AUTHZ_CA, "{'value': [{'id': 'p1', 'templateId': null,"
    " 'displayName': 'Guests', 'state': 'enabledForReportingButNotEnforced', 'sessionControls': {'signInFrequency': {}},"
    " 'conditions': {'clientAppTypes': ['all'], 'locations': {'includeLocations': ['All']},"
    "  'applications': {'includeApplications': ['All'], 'excludeApplications': []},"
    "  'users': {'includeUsers': ['All', 'u9'], 'excludeUsers': ['u1'], 'includeGroups': ['g1'],"
    "   'excludeRoles': ['62e90394-69f5-4237-9190-012177145e10', 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'],"
    "   'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'b2bCollaborationGuest,internalGuest',"
    "    'externalTenants': {'@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants',"
    "     'membershipKind': 'enumerated', 'members': ['0f0e0d0c-0b0a-4909-8807-060504030201']}},"
    "   'excludeGuestsOrExternalUsers': null}},"
    " 'grantControls': {'operator': 'AND', 'builtInControls': ['mfa', 'riskRemediation'],"
    "  'termsOfUse': ['t1'], 'authenticationStrength@odata.context': 'x', 'authenticationStrength': null}}]}");
  assert_json(t, "{'conditionalAccessPolicies':[{'displayName':'Guests',"
    "'state':'enabledForReportingButNotEnforced','conditions':{'users':{'includeUsers':['All'],"
    "'excludeUsers':['alice'],'includeGroups':['Admins'],'excludeRoles':['Global Administrator',"
    "'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'],'includeGuestsOrExternalUsers':{'guestOrExternalUserTypes':"
    "'internalGuest,b2bCollaborationGuest','externalTenants':{'membershipKind':'enumerated','members':"
    "['0f0e0d0c-0b0a-4909-8807-060504030201']}}}},'grantControls':{'operator':'AND','builtInControls':['mfa']}}]}");
  ck_assert_int_eq(g.nErr, 0);
  HAS(&g, "x.json: $.value[0].conditions.users.includeUsers[1]: warning: user u9 is not among the imported users");
  HAS(&g, "x.json: $.value[0].sessionControls: warning: policy property sessionControls is not modelled");
  HAS(&g, "x.json: $.value[0].conditions.locations: warning: policy property conditions.locations is not modelled");
  HAS(&g, "x.json: $.value[0].grantControls.termsOfUse: warning: policy property grantControls.termsOfUse");
  HAS(&g, "x.json: $.value[0].grantControls.builtInControls[1]: warning: built-in control riskRemediation is not modelled");
  /* all applications and every client app restrict nothing: no word */
  ck_assert(!has_msg(&g, "applications"));
  ck_assert(!has_msg(&g, "clientAppTypes"));
  cJSON_Delete(t);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_app_permissions_one_service_principal_per_principal){
  JsonLoc g;
  GraphAuthz a;
  cJSON *pDoc1 = json("{'value': [{'appRoleId': '338163d7-f101-4c92-94ba-ca46fe52447c', 'principalId': 's1',"
    "  'principalDisplayName': 'Robot', 'principalType': 'ServicePrincipal', 'resourceDisplayName': 'Microsoft Graph'},"
    " {'appRoleId': '00000000-0000-0000-0000-000000000000', 'principalId': 's1', 'resourceDisplayName': 'Some API'},"
    " {'appRoleId': '338163d7-f101-4c92-94ba-ca46fe52447c', 'principalId': 'u1', 'principalType': 'User'}]}");
  cJSON *pDoc2 = json("{'appRoleId': '9b50c33d-700f-43b1-b2eb-87e89b703581', 'principalId': 's1',"
    " 'principalDisplayName': 'Robot', 'principalType': 'ServicePrincipal'}");
  cJSON *t = cJSON_CreateObject();
  jsonloc_init(&g, 0);
  memset(&a, 0, sizeof(a));
  ck_assert_int_eq(graph_authz_import(&g, &a, GRAPH_AUTHZ_APP_PERMS, NULL, "con", "p1.json", pDoc1), TS_OK);
  ck_assert_int_eq(graph_authz_import(&g, &a, GRAPH_AUTHZ_APP_PERMS, NULL, "con", "p2.json", pDoc2), TS_OK);
  ck_assert_int_eq(graph_authz_import(&g, &a, GRAPH_AUTHZ_APP_PERMS, NULL, "con", "p2.json", pDoc2), TS_OK);
  ck_assert_int_eq(graph_authz_attach(&a, t), TS_OK);
  assert_json(t, "{'servicePrincipals':[{'displayName':'Robot','applicationPermissions':"
    "['Policy.ReadWrite.CrossTenantAccess','Synchronization.ReadWrite.All']}]}");
  HAS(&g, "p1.json: $.value[1].appRoleId: warning: app role 00000000-0000-0000-0000-000000000000 of Some API"
          " is not an application permission tenantsim lists");
  HAS(&g, "p1.json: $.value[2].principalType: warning: an app role assigned to a User is not an application permission");
  graph_authz_free(&a);
  cJSON_Delete(t);
  cJSON_Delete(pDoc1);
  cJSON_Delete(pDoc2);
  jsonloc_free(&g);
}
END_TEST

/* The fixture file zName (tests/fixtures/graph) imported as kind e. */
static void import_file(JsonLoc *g, const GraphDir *d, GraphAuthzKind e, const char *zName){
  cJSON *pDoc = fixture(zName);
  GraphAuthz a;
  memset(&a, 0, sizeof(a));
  ck_assert_int_eq(graph_authz_import(g, &a, e, d, "con", zName, pDoc), TS_OK);
  graph_authz_free(&a);
  cJSON_Delete(pDoc);
}

START_TEST(test_malformed_documents_are_refused_with_their_paths){
  JsonLoc g;
  GraphDir d;
  jsonloc_init(&g, 0);
  dir_of(&g, &d);
  import_file(&g, &d, GRAPH_AUTHZ_ROLES, "bad-role-assignments.json");
  HAS(&g, "bad-role-assignments.json: $.value[0].principalId: error: expected a string, found a number");
  HAS(&g, "bad-role-assignments.json: $.value[1].roleDefinitionId: error: expected a role definition id (a GUID),"
          " found \"Global Administrator\"");
  HAS(&g, "bad-role-assignments.json: $.value[2]: error: expected an object, found a string");
  HAS(&g, "bad-role-assignments.json: $.value[3].roleDefinitionId: error:");
  import_file(&g, &d, GRAPH_AUTHZ_CA, "bad-ca-policies.json");
  HAS(&g, "bad-ca-policies.json: $.value[0].state: error: expected \"enabled\", \"disabled\" or"
          " \"enabledForReportingButNotEnforced\", found \"on\"");
  HAS(&g, "bad-ca-policies.json: $.value[1].conditions.users.includeUsers[0]: error: expected a string, found a number");
  HAS(&g, "bad-ca-policies.json: $.value[1].conditions.users.includeGuestsOrExternalUsers.guestOrExternalUserTypes:"
          " error: unknown guest or external user type \"b2bMember\"");
  HAS(&g, "bad-ca-policies.json: $.value[1].conditions.users.excludeGuestsOrExternalUsers.externalTenants"
          ".membershipKind: error: expected \"all\" or \"enumerated\", found \"some\"");
  HAS(&g, "bad-ca-policies.json: $.value[1].grantControls.operator: error: expected \"AND\" or \"OR\", found \"XOR\"");
  HAS(&g, "bad-ca-policies.json: $.value[1].grantControls.builtInControls: error:");
  HAS(&g, "bad-ca-policies.json: $.value[2].conditions: error:");
  import_file(&g, &d, GRAPH_AUTHZ_APP_PERMS, "bad-app-permissions.json");
  HAS(&g, "bad-app-permissions.json: $.value: error: expected the collection's array of objects, found an object");
  ck_assert(jsonloc_failed(&g));
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

/* Every allocation failure is TS_NOMEM (or a recorded bNoMem), no leak. */
START_TEST(test_alloc_failures){
  static const char *const azDoc[] = {
    "{'value': [{'principalId': 'u1', 'roleDefinitionId': '62e90394-69f5-4237-9190-012177145e10',"
    " 'odd': 1}, {'principalId': 'g1', 'roleDefinitionId': '194ae4cb-b126-40b2-bd5b-6091b380977d',"
    " 'directoryScopeId': '/au'}]}",
    "{'principalId': 'u2', 'roleDefinitionId': '194ae4cb-b126-40b2-bd5b-6091b380977d',"
    " 'scheduleInfo': {'expiration': {'type': 'afterDateTime'}}}",
    "{'displayName': 'p', 'state': 'enabled', 'sessionControls': {'x': 1}, 'conditions': {'users':"
    " {'includeUsers': ['All', 'u1'], 'includeGroups': ['g1'], 'includeRoles': ['62e90394-69f5-4237-9190-012177145e10'],"
    " 'includeGuestsOrExternalUsers': {'guestOrExternalUserTypes': 'internalGuest', 'externalTenants':"
    " {'membershipKind': 'enumerated', 'members': ['0f0e0d0c-0b0a-4909-8807-060504030201']}}}},"
    " 'grantControls': {'operator': 'OR', 'builtInControls': ['mfa']}}",
    "{'value': [{'appRoleId': '9b50c33d-700f-43b1-b2eb-87e89b703581', 'principalId': 's1',"
    " 'principalDisplayName': 'R'}, {'appRoleId': '338163d7-f101-4c92-94ba-ca46fe52447c', 'principalId': 's1'}]}",
  };
  cJSON *apDoc[4];
  cJSON_Hooks hooks;
  long n;
  int bDone = 0, k;
  for(k=0; k<4; k++) apDoc[k] = json(azDoc[k]);
  hooks.malloc_fn = mem_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(&hooks);
  for(n=1; n<4000 && !bDone; n++){
    JsonLoc g;
    GraphDir d;
    GraphAuthz a;
    cJSON *t;
    int rc = TS_OK;
    long nBefore;
    jsonloc_init(&g, 0);
    dir_of(&g, &d);
    memset(&a, 0, sizeof(a));
    t = cJSON_CreateObject();
    ck_assert_ptr_nonnull(t);
    nBefore = mem_fail_count();
    mem_fail_after(n);
    for(k=0; k<4 && rc==TS_OK; k++){
      rc = graph_authz_import(&g, &a, (GraphAuthzKind)k, &d, "con", "x.json", apDoc[k]);
    }
    if( rc==TS_OK ) rc = graph_authz_attach(&a, t);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      ck_assert(!g.bNoMem);
      ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "roleAssignments")), 3);
      ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "servicePrincipals")), 1);
      bDone = 1;
    }
    graph_authz_free(&a);
    cJSON_Delete(t);
    graph_users_free(&d);
    jsonloc_free(&g);
  }
  cJSON_InitHooks(NULL);
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
  for(k=0; k<4; k++) cJSON_Delete(apDoc[k]);
}
END_TEST

Suite *graph_authz_suite(void){
  Suite *s = suite_create("graph_authz");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 180);
  tcase_add_test(tc, test_role_assignments_name_principals_and_roles);
  tcase_add_test(tc, test_eligibility_schedules_are_eligible_assignments);
  tcase_add_test(tc, test_conditional_access_policies_keep_users_guests_and_grants);
  tcase_add_test(tc, test_app_permissions_one_service_principal_per_principal);
  tcase_add_test(tc, test_malformed_documents_are_refused_with_their_paths);
  tcase_add_test(tc, test_alloc_failures);
  suite_add_tcase(s, tc);
  return s;
}
