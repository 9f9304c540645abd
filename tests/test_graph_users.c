/*
** test_graph_users.c — the specification of sim/graph/graph_users.c: Graph
** users, groups, members and app role assignments as scenario tenants.
**
** Inline documents are written with ' in place of " (see js()).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "mem_fixture.h"
#include "jsonloc.h"
#include "graph_users.h"
#include "graph_groups.h"
#include "graph_resolve.h"
#include "mem.h"
#include "suites.h"
#include "tserr.h"

/* Parse z with ' turned into " (owned by the caller). */
static cJSON *js(const char *z){
  static char zBuf[8192];
  size_t i, n = strlen(z);
  cJSON *p;
  ck_assert(n<sizeof(zBuf));
  for(i=0; i<=n; i++) zBuf[i] = z[i]=='\'' ? '"' : z[i];
  p = cJSON_Parse(zBuf);
  ck_assert_msg(p!=NULL, "test JSON does not parse: %s", zBuf);
  return p;
}

/* Compact JSON of p with " turned into ', in a static buffer. */
static const char *sj(const cJSON *p){
  static char zBuf[8192];
  char *z = cJSON_PrintUnformatted(p);
  size_t i;
  ck_assert(z!=NULL && strlen(z)<sizeof(zBuf));
  for(i=0; z[i]; i++) zBuf[i] = z[i]=='"' ? '\'' : z[i];
  zBuf[i] = 0;
  cJSON_free(z);
  return zBuf;
}

/* Does the message log of g contain zNeedle? */
static int has_msg(const JsonLoc *g, const char *zNeedle){
  return g->msgs.z && strstr(g->msgs.z, zNeedle)!=NULL;
}

/* Add zDoc as users to d, resolve (d as the source) and return the users
** array (owned by the caller). */
static cJSON *users_of(JsonLoc *g, const char *zDoc){
  GraphDir d;
  cJSON *pDoc = js(zDoc), *pUsers, *pGroups;
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(g, &d, "u.json", pDoc), TS_OK);
  ck_assert_int_eq(graph_resolve(g, &d, NULL, "src"), TS_OK);
  ck_assert_int_eq(graph_users_take(&d, &pUsers, &pGroups), TS_OK);
  cJSON_Delete(pGroups);
  graph_users_free(&d);
  cJSON_Delete(pDoc);
  return pUsers;
}

START_TEST(test_user_properties){
  JsonLoc g;
  cJSON *p;
  jsonloc_init(&g, 0);
  p = users_of(&g, "{'value': [{'id': 'a1', 'userPrincipalName': 'Ann.Lee@contoso.com',"
    " 'mail': 'ann@contoso.com', 'accountEnabled': false, 'officeLocation': 'B2',"
    " 'businessPhones': ['+1 555', '+1 556'], 'onPremisesExtensionAttributes':"
    " {'extensionAttribute3': 'x3', 'extensionAttribute16': 'bad', 'extensionAttribute4': null},"
    " 'extension_0123456789abcdef0123456789abcdef_tier': 'gold', 'createdDateTime': '2020-01-01T00:00:00Z',"
    " '@odata.type': '#microsoft.graph.user'}]}");
  ck_assert_str_eq(sj(p), "[{'key':'Ann.Lee','userPrincipalName':'Ann.Lee@contoso.com',"
    "'mail':'ann@contoso.com','accountEnabled':false,'physicalDeliveryOfficeName':'B2',"
    "'telephoneNumber':'+1 555','extensionAttribute3':'x3',"
    "'extension_0123456789abcdef0123456789abcdef_tier':'gold'}]");
  ck_assert_int_eq(g.nErr, 0);
  ck_assert_int_eq(g.nWarn, 3);
  ck_assert(has_msg(&g, "u.json: $.value[0].businessPhones[1]: warning: user property businessPhones (beyond the first)"));
  ck_assert(has_msg(&g, "u.json: $.value[0].onPremisesExtensionAttributes.extensionAttribute16: warning:"));
  ck_assert(has_msg(&g, "u.json: $.value[0].createdDateTime: warning: user property createdDateTime is not modelled"));
  cJSON_Delete(p);
  jsonloc_free(&g);
}
END_TEST

/* Graph's mail null means no mail; the scenario's default would be the UPN. */
START_TEST(test_mail_null_kept){
  JsonLoc g;
  cJSON *p;
  jsonloc_init(&g, 0);
  p = users_of(&g, "{'id': 'a1', 'userPrincipalName': 'x@c.com', 'mail': null}");
  ck_assert_str_eq(sj(p), "[{'key':'x','mail':null,'userPrincipalName':'x@c.com'}]");
  cJSON_Delete(p);
  p = users_of(&g, "{'id': 'a2', 'userPrincipalName': 'y@c.com'}");
  ck_assert_str_eq(sj(p), "[{'key':'y','mail':null,'userPrincipalName':'y@c.com'}]");
  cJSON_Delete(p);
  ck_assert_int_eq(g.nWarn+g.nErr, 0);
  jsonloc_free(&g);
}
END_TEST

/* One warning per property and document, with the count and first path. */
START_TEST(test_unmodelled_aggregated){
  JsonLoc g;
  cJSON *p;
  jsonloc_init(&g, 0);
  p = users_of(&g, "{'value': [{'id': '1', 'userPrincipalName': 'a@c.com', 'otherMails': ['q@x']},"
    " {'id': '2', 'userPrincipalName': 'b@c.com', 'otherMails': []},"
    " {'id': '3', 'userPrincipalName': 'c@c.com', 'otherMails': ['r@x']}]}");
  ck_assert_int_eq(g.nWarn, 1);
  ck_assert(has_msg(&g, "u.json: $.value[0].otherMails: warning: user property otherMails is"
                        " not modelled by tenantsim; ignored (2 users, first shown)"));
  cJSON_Delete(p);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_keys_unique_and_safe){
  JsonLoc g;
  cJSON *p;
  jsonloc_init(&g, 0);
  p = users_of(&g, "{'value': [{'id': '1', 'userPrincipalName': 'o\\u0027brien@c.com'},"
    " {'id': '2', 'userPrincipalName': 'o_brien@d.com'}, {'id': '3', 'userPrincipalName': 'o_brien@e.com'},"
    " {'id': '1', 'userPrincipalName': 'dup@c.com'}]}");
  ck_assert_int_eq(cJSON_GetArraySize(p), 3);
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(p, 0), 0)->valuestring, "o_brien");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(p, 1), 0)->valuestring, "o_brien-2");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(p, 2), 0)->valuestring, "o_brien-3");
  ck_assert(has_msg(&g, "u.json: $.value[3]: warning: user 1 appears twice with different values;"
                        " the first (u.json: $.value[0]) is kept"));
  cJSON_Delete(p);
  jsonloc_free(&g);
}
END_TEST

/* Overlapping pages: the same user again says nothing. */
START_TEST(test_overlapping_pages){
  JsonLoc g;
  GraphDir d;
  cJSON *p1 = js("{'value': [{'id': '1', 'userPrincipalName': 'a@c.com', 'department': 'X',"
                 " 'manager': {'id': '2'}}, {'id': '2', 'userPrincipalName': 'b@c.com'}]}");
  cJSON *p2 = js("{'value': [{'id': '2', 'userPrincipalName': 'b@c.com'},"
                 " {'id': '1', 'userPrincipalName': 'a@c.com', 'department': 'X', 'manager': {'id': '2'}}]}");
  cJSON *p3 = js("{'value': [{'id': '1', 'userPrincipalName': 'a@c.com', 'department': 'X'}]}");
  cJSON *pU, *pG;
  jsonloc_init(&g, 1);
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "p1.json", p1), TS_OK);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "p2.json", p2), TS_OK);
  ck_assert_msg(!jsonloc_failed(&g), "%s", g.msgs.z ? g.msgs.z : "");
  ck_assert_int_eq(graph_users_add_users(&g, &d, "p3.json", p3), TS_OK);   /* its manager is gone */
  ck_assert(has_msg(&g, "p3.json: $.value[0]: error (--strict): user 1 appears twice with different"
                        " values; the first (p1.json: $.value[0]) is kept"));
  ck_assert_int_eq(graph_resolve(&g, &d, NULL, "s"), TS_OK);
  ck_assert_int_eq(graph_users_take(&d, &pU, &pG), TS_OK);
  ck_assert_int_eq(cJSON_GetArraySize(pU), 2);
  cJSON_Delete(pU); cJSON_Delete(pG);
  cJSON_Delete(p1); cJSON_Delete(p2); cJSON_Delete(p3);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

/* Wrong types anywhere are located errors, never a crash. */
START_TEST(test_user_type_errors){
  static const struct { const char *zDoc; const char *zMsg; } a[] = {
    { "[]", "u.json: $: error: expected a Graph object or a collection" },
    { "{'value': {'id': 1}}", "u.json: $.value: error: expected the collection's array of objects, found an object" },
    { "{'value': [7]}", "u.json: $.value[0]: error: expected an object, found a number" },
    { "{'value': [{'id': 5}]}", "u.json: $.value[0].id: error: expected a string, found a number" },
    { "{'value': [{'displayName': 'x'}]}", "u.json: $.value[0].id: error: expected a string, found nothing" },
    { "{'id': 'a', 'accountEnabled': 'yes'}", "u.json: $.accountEnabled: error: expected true, false or null, found a string" },
    { "{'id': 'a', 'department': ['x']}", "u.json: $.department: error: expected a string or null, found an array" },
    { "{'id': 'a', 'userType': 'Alien'}", "u.json: $.userType: error: expected \"Member\" or \"Guest\", found \"Alien\"" },
    { "{'id': 'a', 'businessPhones': 'x'}", "u.json: $.businessPhones: error: expected an array of strings" },
    { "{'id': 'a', 'businessPhones': [1]}", "u.json: $.businessPhones[0]: error: expected a string, found a number" },
    { "{'id': 'a', 'onPremisesExtensionAttributes': 3}", "u.json: $.onPremisesExtensionAttributes: error: expected an object" },
    { "{'id': 'a', 'onPremisesExtensionAttributes': {'extensionAttribute1': true}}",
      "u.json: $.onPremisesExtensionAttributes.extensionAttribute1: error: expected a string or null, found a Boolean" },
    { "{'id': 'a', 'manager': 'b'}", "u.json: $.manager.id: error: expected a string, found nothing" },
    { "{'id': 'a', 'userPrincipalName': 'a@c.com', 'department': 'x\\u0001\\u00e9'}", "" },
    { "{'id': 'a', 'extension_0123456789abcdef0123456789abcdef_x': ['a', 'b']}",
      "u.json: $.extension_0123456789abcdef0123456789abcdef_x: warning: only single-valued string extension attributes" },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    JsonLoc g;
    GraphDir d;
    cJSON *pDoc = js(a[i].zDoc);
    jsonloc_init(&g, 0);
    graph_users_init(&d);
    ck_assert_int_eq(graph_users_add_users(&g, &d, "u.json", pDoc), TS_OK);
    if( a[i].zMsg[0] ) ck_assert_msg(has_msg(&g, a[i].zMsg), "%s: got %s", a[i].zDoc, g.msgs.z ? g.msgs.z : "nothing");
    else ck_assert_int_eq(g.nErr+g.nWarn, 0);
    graph_users_free(&d);
    jsonloc_free(&g);
    cJSON_Delete(pDoc);
  }
}
END_TEST

/* Groups, members in any order, nested groups, strangers, assignments.
**
** Nested groups are kept as they are in Entra: a group member of a group
** becomes the group's "memberGroups", not a flattening of its users into
** the outer group, because "The assignment doesn't cascade to nested
** groups" (Configure cross-tenant synchronization, step 7) and the
** provisioning service "can only read and provision users that are
** immediate members of an explicitly assigned group" (How Application
** Provisioning works, "Nested groups"). A member group that is not
** imported, the group itself, and one that would close a cycle are warned
** and left out (a scenario cannot hold them). */
START_TEST(test_groups_members_assignments){
  JsonLoc g;
  GraphDir d;
  cJSON *pJob = cJSON_CreateObject(), *pUsers, *pGroups;
  cJSON *pMembers = js("{'value': [{'@odata.type': '#microsoft.graph.user', 'id': 'u1'},"
    " {'@odata.type': '', 'id': 'odd'},"
    " {'@odata.type': '#microsoft.graph.group', 'id': 'g2'}, {'@odata.type': '#microsoft.graph.user', 'id': 'zz'},"
    " {'@odata.type': '#microsoft.graph.user', 'id': 'u1'}, {'@odata.type': '#microsoft.graph.group', 'id': 'g8'}]}");
  cJSON *pMembers2 = js("{'value': [{'@odata.type': '#microsoft.graph.group', 'id': 'g1'},"
    " {'@odata.type': '#microsoft.graph.group', 'id': 'g2'}, {'@odata.type': '#microsoft.graph.device', 'id': 'd1'}]}");
  cJSON *pUsersDoc = js("{'value': [{'id': 'u1', 'userPrincipalName': 'a@c.com'},"
    " {'id': 'u2', 'userPrincipalName': 'b@c.com'}]}");
  cJSON *pGroupsDoc = js("{'value': [{'id': 'g1', 'displayName': 'Wave 1', 'mailNickname': 'wave1',"
    " 'groupTypes': [], 'securityEnabled': true, 'mailEnabled': false},"
    " {'id': 'g2', 'displayName': 'All Staff', 'groupTypes': ['Unified'], 'mailEnabled': true},"
    " {'id': 'g3', 'displayName': 'DL', 'groupTypes': [], 'securityEnabled': false, 'mailEnabled': true},"
    " {'id': 'g4', 'displayName': 'Sec Mail', 'groupTypes': ['DynamicMembership'], 'securityEnabled': true,"
    "  'mailEnabled': true, 'membershipRule': 'user.department -eq x'},"
    " {'id': 'g5', 'displayName': 'Sales dyn', 'groupTypes': ['DynamicMembership'], 'securityEnabled': true,"
    "  'mailEnabled': false, 'membershipRule': 'user.department -eq \\'Sales\\'',"
    "  'membershipRuleProcessingState': 'Paused'},"
    " {'id': 'g6', 'displayName': 'Devices', 'groupTypes': ['DynamicMembership'], 'securityEnabled': true,"
    "  'mailEnabled': false, 'membershipRule': 'device.deviceOSType -eq \\'iPad\\''}]}");
  cJSON *pMembers5 = js("{'value': [{'@odata.type': '#microsoft.graph.user', 'id': 'u2'}]}");
  cJSON *pAssign = js("{'value': [{'principalId': 'g1', 'principalType': 'Group'},"
    " {'principalId': 'u2', 'principalType': 'User'}, {'principalId': 'u9', 'principalType': 'User'},"
    " {'principalId': 's1', 'principalType': 'ServicePrincipal'}]}");
  jsonloc_init(&g, 0);
  graph_users_init(&d);
  ck_assert_int_eq(graph_groups_add_members(&g, &d, "m.json", "g1", pMembers), TS_OK);
  ck_assert_int_eq(graph_groups_add_members(&g, &d, "m9.json", "g9", pMembers), TS_OK);
  ck_assert_int_eq(graph_groups_add_members(&g, &d, "m5.json", "g5", pMembers5), TS_OK);
  ck_assert_int_eq(graph_groups_add_members(&g, &d, "m2.json", "g2", pMembers2), TS_OK);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "u.json", pUsersDoc), TS_OK);
  ck_assert_int_eq(graph_groups_add(&g, &d, "g.json", pGroupsDoc), TS_OK);
  ck_assert_int_eq(graph_groups_add_assignments(&g, &d, "a.json", pAssign, pJob), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &d, NULL, "src"), TS_OK);
  ck_assert_int_eq(graph_users_take(&d, &pUsers, &pGroups), TS_OK);
  ck_assert_str_eq(sj(pUsers), "[{'key':'a','mail':null,'userPrincipalName':'a@c.com','groups':['wave1']},"
                               "{'key':'b','mail':null,'userPrincipalName':'b@c.com'}]");
  ck_assert_str_eq(sj(pGroups), "[{'key':'wave1','displayName':'Wave 1','type':'Security',"
    "'memberGroups':['All_Staff']},"
    "{'key':'All_Staff','displayName':'All Staff','type':'Microsoft365'},"
    "{'key':'DL','displayName':'DL','type':'Distribution'},"
    "{'key':'Sec_Mail','displayName':'Sec Mail','type':'MailEnabledSecurity'},"
    "{'key':'Sales_dyn','displayName':'Sales dyn','type':'Security',"
    "'membershipRule':'user.department -eq \\'Sales\\'','membershipRuleProcessingState':'Paused'},"
    "{'key':'Devices','displayName':'Devices','type':'Security'}]");
  ck_assert_str_eq(sj(pJob), "{'assignments':{'groups':['wave1'],'users':['b']}}");
  ck_assert_int_eq(g.nErr, 0);
  ck_assert(has_msg(&g, "m.json: $.value[1]: warning: member odd is a : only users and groups"));
  ck_assert(!has_msg(&g, "m.json: $.value[2]:"));
  ck_assert(has_msg(&g, "m.json: $.value[5]: warning: member group g8 of group wave1 is not among"
                        " the imported groups; ignored"));
  ck_assert(has_msg(&g, "m2.json: $.value[0]: warning: group wave1 already contains group All_Staff"
                        " through its member groups"));
  ck_assert(has_msg(&g, "m2.json: $.value[1]: warning: group All_Staff is listed as a member of itself"));
  ck_assert(has_msg(&g, "m2.json: $.value[2]: warning: member d1 is a microsoft.graph.device: only"
                        " users and groups are modelled as members"));
  ck_assert(has_msg(&g, "m.json: $.value[3]: warning: member zz of group wave1 is not among the imported users"));
  ck_assert(has_msg(&g, "g.json: $.value[3].membershipRule: warning: a MailEnabledSecurity group cannot be dynamic"));
  ck_assert(has_msg(&g, "g.json: $.value[5].membershipRule: warning: this rule cannot be evaluated by tenantsim"));
  ck_assert(has_msg(&g, "m9.json: $.value[0]: warning: group g9 is not among the imported groups"));
  ck_assert(has_msg(&g, "a.json: $.value[2].principalId: warning: assigned user u9 is not among"));
  ck_assert(has_msg(&g, "a.json: $.value[3].principalType: warning: a ServicePrincipal assignment is not modelled"));
  cJSON_Delete(pUsers); cJSON_Delete(pGroups); cJSON_Delete(pJob);
  cJSON_Delete(pMembers); cJSON_Delete(pUsersDoc); cJSON_Delete(pGroupsDoc); cJSON_Delete(pAssign);
  cJSON_Delete(pMembers5); cJSON_Delete(pMembers2);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

/* Target B2B users: home found by #EXT# UPN or mail, pending, unknown home. */
START_TEST(test_b2b_resolution){
  JsonLoc g;
  GraphDir src, tgt;
  cJSON *pSrc = js("{'value': [{'id': 's1', 'userPrincipalName': 'Ann@fab.com', 'mail': 'ann@fab.com'},"
    " {'id': 's2', 'userPrincipalName': 'bo@fab.com', 'mail': 'bo.x@fab.com'}]}");
  cJSON *pTgt = js("{'value': ["
    " {'id': 't1', 'userPrincipalName': 'ann_fab.com#EXT#@con.onmicrosoft.com', 'userType': 'Member',"
    "  'creationType': 'Invitation', 'externalUserState': 'Accepted'},"
    " {'id': 't2', 'userPrincipalName': 'weird#EXT#@con.onmicrosoft.com', 'mail': 'bo.x@fab.com',"
    "  'userType': 'Guest', 'creationType': 'Invitation', 'externalUserState': 'Accepted'},"
    " {'id': 't3', 'userPrincipalName': 'cy_fab.com#EXT#@con.onmicrosoft.com', 'userType': 'Guest',"
    "  'creationType': 'Invitation', 'externalUserState': 'PendingAcceptance'},"
    " {'id': 't4', 'userPrincipalName': 'dee_fab.com#EXT#@con.onmicrosoft.com', 'userType': 'Member',"
    "  'creationType': 'Invitation', 'externalUserState': 'Accepted'},"
    " {'id': 't5', 'userPrincipalName': 'eve@con.com', 'userType': 'Member'}]}");
  cJSON *pU, *pG;
  jsonloc_init(&g, 0);
  graph_users_init(&src);
  graph_users_init(&tgt);
  ck_assert_int_eq(graph_users_add_users(&g, &src, "s.json", pSrc), TS_OK);
  ck_assert_int_eq(graph_users_add_users(&g, &tgt, "t.json", pTgt), TS_OK);
  ck_assert_str_eq(graph_users_domain(&src), "fab.com");
  ck_assert_str_eq(graph_users_domain(&tgt), "con.com");    /* internal users first */
  ck_assert_int_eq(graph_resolve(&g, &src, NULL, "fab"), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &tgt, &src, "fab"), TS_OK);
  ck_assert_int_eq(graph_users_take(&tgt, &pU, &pG), TS_OK);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 0), "homeUser")->valuestring, "fab:Ann");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 1), "homeUser")->valuestring, "fab:bo");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 2), "invitation")->valuestring, "pending");
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 2), "userType"));
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 3), "invitation")->valuestring, "accepted");
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 4), "invitation"));
  ck_assert_ptr_null(strstr(sj(pU), "@b2b"));
  ck_assert(has_msg(&g, "t.json: $.value[3]: warning: B2B user dee_fab.com_EXT_: its home identity"
                        " is not among the fab users"));
  ck_assert_int_eq(g.nWarn, 1);
  cJSON_Delete(pU); cJSON_Delete(pG);
  cJSON_Delete(pSrc); cJSON_Delete(pTgt);
  graph_users_free(&src); graph_users_free(&tgt);
  jsonloc_free(&g);
}
END_TEST

/* Home UPNs are compared whole, however long. */
START_TEST(test_long_home_upns){
  JsonLoc g;
  GraphDir src, tgt;
  StrBuf b;
  cJSON *pSrc, *pTgt, *pU, *pG;
  char zLong[700];
  memset(zLong, 'x', 600);
  zLong[600] = 0;
  strbuf_init(&b);
  strbuf_printf(&b, "{\"value\":[{\"id\":\"s1\",\"userPrincipalName\":\"%sa@fab.com\"},"
                "{\"id\":\"s2\",\"userPrincipalName\":\"%sb@fab.com\"}]}", zLong, zLong);
  pSrc = cJSON_Parse(strbuf_str(&b));
  strbuf_reset(&b);
  strbuf_printf(&b, "{\"value\":[{\"id\":\"t1\",\"userPrincipalName\":\"%sb_fab.com#EXT#@c.onmicrosoft.com\","
                "\"creationType\":\"Invitation\",\"externalUserState\":\"Accepted\"}]}", zLong);
  pTgt = cJSON_Parse(strbuf_str(&b));
  ck_assert(pSrc && pTgt);
  jsonloc_init(&g, 0);
  graph_users_init(&src);
  graph_users_init(&tgt);
  ck_assert_int_eq(graph_users_add_users(&g, &src, "s.json", pSrc), TS_OK);
  ck_assert_int_eq(graph_users_add_users(&g, &tgt, "t.json", pTgt), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &src, NULL, "fab"), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &tgt, &src, "fab"), TS_OK);
  ck_assert_int_eq(graph_users_take(&tgt, &pU, &pG), TS_OK);
  /* keys are cut at 64 characters; the second is numbered */
  ck_assert_ptr_nonnull(strstr(cJSON_GetObjectItem(cJSON_GetArrayItem(pU, 0), "homeUser")->valuestring, "-2"));
  cJSON_Delete(pU); cJSON_Delete(pG); cJSON_Delete(pSrc); cJSON_Delete(pTgt);
  graph_users_free(&src); graph_users_free(&tgt);
  jsonloc_free(&g);
  strbuf_free(&b);
}
END_TEST

/* 50,000 users in one page: linear (a quadratic step would time out), no error. */
START_TEST(test_huge_page){
  StrBuf b;
  JsonLoc g;
  GraphDir d;
  cJSON *pDoc, *pU, *pG;
  int i;
  strbuf_init(&b);
  strbuf_append(&b, "{\"value\":[");
  for(i=0; i<50000; i++){
    strbuf_printf(&b, "%s{\"id\":\"u%d\",\"userPrincipalName\":\"u%d@c.com\",\"department\":\"D%d\"}",
                  i ? "," : "", i, i, i%7);
  }
  strbuf_append(&b, "]}");
  pDoc = cJSON_Parse(strbuf_str(&b));
  ck_assert_ptr_nonnull(pDoc);
  jsonloc_init(&g, 0);
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "big.json", pDoc), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &d, NULL, "s"), TS_OK);
  ck_assert_int_eq(graph_users_take(&d, &pU, &pG), TS_OK);
  ck_assert_int_eq(cJSON_GetArraySize(pU), 50000);
  ck_assert_int_eq(g.nWarn+g.nErr, 0);
  cJSON_Delete(pU); cJSON_Delete(pG); cJSON_Delete(pDoc);
  graph_users_free(&d);
  jsonloc_free(&g);
  strbuf_free(&b);
}
END_TEST

/* Administrative units whose members come apart (EntraExporter's
** AdministrativeUnits/<id>/Members/...): a restricted unit marks the
** groups among its members, an ordinary one nothing; members of a unit
** not imported are warned; a unit needs its id to be found. */
START_TEST(test_admin_unit_members_apart){
  JsonLoc g;
  GraphDir d;
  cJSON *pUsers, *pGroups;
  cJSON *pUsersDoc = js("{'value': [{'id': 'u1', 'userPrincipalName': 'a@c.com'}]}");
  cJSON *pGroupsDoc = js("{'value': [{'id': 'g1', 'displayName': 'Scope'}, {'id': 'g2', 'displayName': 'Other'},"
    " {'id': 'g3', 'displayName': 'Third'}]}");
  cJSON *pUnit1 = js("{'id': 'au1', 'displayName': 'CTS', 'isMemberManagementRestricted': true}");
  cJSON *pUnit2 = js("{'id': 'au2', 'displayName': 'Paris', 'isMemberManagementRestricted': false}");
  cJSON *pUnitNoId = js("{'displayName': 'Nameless', 'isMemberManagementRestricted': true}");
  cJSON *pUnitExpanded = js("{'id': 'au4', 'isMemberManagementRestricted': true}");
  cJSON *pM1 = js("{'@odata.type': '#microsoft.graph.group', 'id': 'g1'}");
  cJSON *pM1User = js("{'@odata.type': '#microsoft.graph.user', 'id': 'u1'}");
  cJSON *pM1Page = js("{'value': [{'id': 'g3'}, {'@odata.type': '#microsoft.graph.group', 'id': 'g9'}]}");
  cJSON *pM2 = js("{'@odata.type': '#microsoft.graph.group', 'id': 'g2'}");
  jsonloc_init(&g, 0);
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "u.json", pUsersDoc), TS_OK);
  ck_assert_int_eq(graph_groups_add(&g, &d, "g.json", pGroupsDoc), TS_OK);
  ck_assert_int_eq(graph_resolve(&g, &d, NULL, "src"), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_units(&g, &d, "au1.json", pUnit1, 1), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_units(&g, &d, "au2.json", pUnit2, 1), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_unit_members(&g, &d, "m1.json", "au1", pM1), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_unit_members(&g, &d, "m1u.json", "au1", pM1User), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_unit_members(&g, &d, "m1p.json", "au1", pM1Page), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_unit_members(&g, &d, "m2.json", "au2", pM2), TS_OK);
  ck_assert_int_eq(graph_groups_add_admin_unit_members(&g, &d, "m9.json", "au9", pM2), TS_OK);
  /* without its members, a restricted unit is warned only when they were to be expanded */
  ck_assert_int_eq(graph_groups_add_admin_units(&g, &d, "au4.json", pUnitExpanded, 0), TS_OK);
  ck_assert_int_eq(g.nErr, 0);
  ck_assert(has_msg(&g, "au4.json: $: warning: a restricted administrative unit without its members"));
  ck_assert(!has_msg(&g, "au1.json"));
  ck_assert(has_msg(&g, "m1p.json: $.value[1]: warning: group g9 is not among the imported groups; ignored"));
  ck_assert(has_msg(&g, "m9.json: $: warning: administrative unit au9 is not among the imported units;"
                        " its members are ignored"));
  ck_assert(!has_msg(&g, "m1u.json"));
  ck_assert(!has_msg(&g, "m2.json"));
  ck_assert_int_eq(graph_users_take(&d, &pUsers, &pGroups), TS_OK);
  ck_assert_str_eq(sj(pGroups), "[{'key':'Scope','displayName':'Scope','type':'Security',"
    "'restrictedManagementUnit':true},{'key':'Other','displayName':'Other','type':'Security'},"
    "{'key':'Third','displayName':'Third','type':'Security','restrictedManagementUnit':true}]");
  /* with its members apart, a unit must say which it is */
  ck_assert_int_eq(graph_groups_add_admin_units(&g, &d, "au3.json", pUnitNoId, 1), TS_OK);
  ck_assert(has_msg(&g, "au3.json: $.id: error: expected a string, found nothing"));
  cJSON_Delete(pUsers); cJSON_Delete(pGroups);
  cJSON_Delete(pUsersDoc); cJSON_Delete(pGroupsDoc); cJSON_Delete(pUnit1); cJSON_Delete(pUnit2);
  cJSON_Delete(pUnitNoId); cJSON_Delete(pUnitExpanded); cJSON_Delete(pM1); cJSON_Delete(pM1User);
  cJSON_Delete(pM1Page); cJSON_Delete(pM2);
  graph_users_free(&d);
  jsonloc_free(&g);
}
END_TEST

/* Every allocation failure is TS_NOMEM (or a recorded bNoMem), no leak. */
START_TEST(test_alloc_failures){
  cJSON *pSrc = js("{'value': [{'id': 's1', 'userPrincipalName': 'ann@fab.com', 'otherMails': ['x'],"
    " 'onPremisesExtensionAttributes': {'extensionAttribute1': 'a'}, 'manager': {'id': 's2'}},"
    " {'id': 's2', 'userPrincipalName': 'bo@fab.com'}]}");
  cJSON *pTgt = js("{'value': [{'id': 't1', 'userPrincipalName': 'ann_fab.com#EXT#@c.onmicrosoft.com',"
    " 'creationType': 'Invitation', 'externalUserState': 'Accepted'}]}");
  cJSON *pGroups = js("{'id': 'g1', 'displayName': 'W'}");
  cJSON *pMembers = js("{'id': 's1'}");
  cJSON *pUnit = js("{'id': 'au1', 'isMemberManagementRestricted': true}");
  cJSON *pUnitMember = js("{'@odata.type': '#microsoft.graph.group', 'id': 'g1'}");
  long n;
  int bDone = 0;
  mfx_cjson_hooks(1);
  for(n=1; n<2000 && !bDone; n++){
    JsonLoc g;
    GraphDir src, tgt;
    cJSON *pJob, *pU = NULL, *pG = NULL;
    int rc;
    long nBefore = mem_fail_count();
    jsonloc_init(&g, 0);
    graph_users_init(&src);
    graph_users_init(&tgt);
    pJob = cJSON_CreateObject();
    mem_fail_after(n);
    rc = graph_users_add_users(&g, &src, "s.json", pSrc);
    if( rc==TS_OK ) rc = graph_users_add_users(&g, &tgt, "t.json", pTgt);
    if( rc==TS_OK ) rc = graph_groups_add(&g, &src, "g.json", pGroups);
    if( rc==TS_OK ) rc = graph_groups_add_members(&g, &src, "m.json", "g1", pMembers);
    if( rc==TS_OK ) rc = graph_resolve(&g, &src, NULL, "s");
    if( rc==TS_OK ) rc = graph_resolve(&g, &tgt, &src, "s");
    if( rc==TS_OK ) rc = graph_groups_add_admin_units(&g, &src, "au.json", pUnit, 1);
    if( rc==TS_OK ) rc = graph_groups_add_admin_unit_members(&g, &src, "aum.json", "au1", pUnitMember);
    if( rc==TS_OK ) rc = graph_users_take(&tgt, &pU, &pG);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      ck_assert(!g.bNoMem);
      ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(src.apGroup[0], "restrictedManagementUnit")));
      bDone = 1;
    }
    cJSON_Delete(pU); cJSON_Delete(pG); cJSON_Delete(pJob);
    graph_users_free(&src); graph_users_free(&tgt);
    jsonloc_free(&g);
  }
  mfx_cjson_hooks(0);
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
  cJSON_Delete(pSrc); cJSON_Delete(pTgt); cJSON_Delete(pGroups); cJSON_Delete(pMembers);
  cJSON_Delete(pUnit); cJSON_Delete(pUnitMember);
}
END_TEST

Suite *graph_users_suite(void){
  Suite *s = suite_create("graph_users");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 180);
  tcase_add_test(tc, test_user_properties);
  tcase_add_test(tc, test_mail_null_kept);
  tcase_add_test(tc, test_unmodelled_aggregated);
  tcase_add_test(tc, test_keys_unique_and_safe);
  tcase_add_test(tc, test_overlapping_pages);
  tcase_add_test(tc, test_user_type_errors);
  tcase_add_test(tc, test_groups_members_assignments);
  tcase_add_test(tc, test_b2b_resolution);
  tcase_add_test(tc, test_long_home_upns);
  tcase_add_test(tc, test_huge_page);
  tcase_add_test(tc, test_admin_unit_members_apart);
  tcase_add_test(tc, test_alloc_failures);
  suite_add_tcase(s, tc);
  return s;
}
