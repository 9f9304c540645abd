/*
** test_graph_policy.c — importing cross-tenant access policies
** (sim/graph/graph_policy.c): the Graph examples one by one, merging
** partner and identity-sync files, the default's service test, hostile
** input and every failed allocation of the policy and secrets importers.
** The export is test_graph_policy_export.c's, the secrets
** test_graph_secrets.c's.
**
** The Graph examples are copies of /work/shared/reference/graph-examples
** in tests/fixtures/graph/ (TS_FIXTURES names another fixtures folder).
** Fabrikam (the examples' 9c5d131d-...) is the source, Contoso the target;
** a partner file read from Contoso's side names Fabrikam.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "mem_fixture.h"
#include "jsonloc.h"
#include "graph_policy.h"
#include "graph_secrets.h"
#include "jsonfile.h"
#include "mem.h"
#include "suites.h"
#include "graph_policy_fixture.h"

/* ------------------------------------------ the examples, one by one */

START_TEST(test_untouched_service_default_imports_without_warnings){
  JsonLoc g;
  cJSON *pDoc = fixture("xtap-default-get.json"), *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_default(&g, "d.json", pDoc, "contoso", pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso'}]");
  ck_assert_int_eq(g.nWarn, 0);
  ck_assert_int_eq(g.nErr, 0);
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* Import zName's partners into an empty array: the result must be rcWant
** and zExpected, with no message (zLine NULL) or exactly zLine. */
static void expect_partners(const char *zName, int rcWant, const char *zExpected, const char *zLine){
  JsonLoc g;
  cJSON *pPol;
  jsonloc_init(&g, 0);
  pPol = import_partners_file(&g, zName, rcWant);
  assert_json(pPol, zExpected);
  ck_assert_msg(g.nWarn + g.nErr==(zLine ? 1 : 0), "%s", strbuf_str(&g.msgs));
  if( zLine ) ck_assert_line(&g, zLine);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}

START_TEST(test_partner_get_warns_only_of_direct_connect){
  expect_partners("xtap-partner-get.json", TS_OK, "[{'tenant':'contoso','partner':'fabrikam'}]",
                  "xtap-partner-get.json: $.b2bDirectConnectInbound: warning: not modelled by"
                  " tenantsim (it simulates synchronization only); ignored");
}
END_TEST

START_TEST(test_identity_sync_get_allows_inbound_user_sync){
  expect_partners("xtap-identitysync-get.json", TS_OK,
    "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true}}]", NULL);
}
END_TEST

START_TEST(test_partner_list_with_expanded_identity_sync){
  expect_partners("xtap-partners-expand-identitysync.json", TS_OK,
    "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true}}]", NULL);
}
END_TEST

START_TEST(test_identity_sync_put_body_without_tenant_id_is_an_error){
  expect_partners("xtap-identitysync-put-body-beta-groups.json", TS_ERR, "[]",
                  "xtap-identitysync-put-body-beta-groups.json: $.tenantId: error: missing: an"
                  " identity synchronization PUT body names its partner only in the URL; add the"
                  " partner's \"tenantId\"");
}
END_TEST

/* Import fixture zName with its tenantId set to zTenantId: no message,
** the policies zExpected. */
static void expect_with_tenant_id(const char *zName, const char *zTenantId, const char *zExpected){
  JsonLoc g;
  cJSON *pDoc = fixture(zName), *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  cJSON_DeleteItemFromObject(pDoc, "tenantId");
  cJSON_AddStringToObject(pDoc, "tenantId", zTenantId);
  ck_assert_int_eq(graph_policy_import_partners(&g, zName, pDoc, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, zExpected);
  ck_assert_msg(g.nWarn + g.nErr==0, "%s", strbuf_str(&g.msgs));
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}

START_TEST(test_identity_sync_put_body_with_tenant_id_sets_user_and_group_sync){
  expect_with_tenant_id("xtap-identitysync-put-body-beta-groups.json", FABRIKAM_ID,
    "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true},"
    "'groupSyncInbound':{'isSyncAllowed':true}}]");
}
END_TEST

START_TEST(test_partner_of_neither_tenant_is_skipped_with_a_warning){
  expect_partners("xtap-partner-create-response.json", TS_OK, "[]",
                  "xtap-partner-create-response.json: $.tenantId: warning: tenant {sourceTenantId}"
                  " is neither fabrikam (" FABRIKAM_ID ") nor contoso (" CONTOSO_ID "); this partner"
                  " configuration is not imported");
}
END_TEST

START_TEST(test_create_response_for_a_known_tenant_is_an_all_inherit_partner){
  expect_with_tenant_id("xtap-partner-create-response.json", CONTOSO_ID,
                        "[{'tenant':'fabrikam','partner':'contoso'}]");
}
END_TEST

START_TEST(test_deleted_partner_is_skipped_with_a_warning){
  static const GraphTenantRef aT[2] = {
    { "fabrikam", "01d0e717-bc90-46ba-94a9-71b4a811fddb" }, { "contoso", CONTOSO_ID }
  };
  JsonLoc g;
  cJSON *pDoc = fixture("xtap-partner-deleteditem-beta.json"), *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "del.json", pDoc, aT, 2, pPol), TS_OK);
  assert_json(pPol, "[]");
  ck_assert_int_eq(g.nWarn, 1);
  ck_assert_line(&g, "del.json: $.deletedDateTime: warning: a partner configuration deleted at"
                 " 2025-06-18T22:58:04Z no longer applies; not imported");
  /* Undeleted, its other members are all the service's unset values. */
  cJSON_DeleteItemFromObject(pDoc, "deletedDateTime");
  jsonloc_free(&g);
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "del.json", pDoc, aT, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam'}]");
  ck_assert_int_eq(g.nWarn + g.nErr, 0);
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------------------- merging */

START_TEST(test_partner_and_identity_sync_files_fill_one_entry){
  JsonLoc g;
  cJSON *pA = fixture("xtap-partner-get.json"), *pB = fixture("xtap-identitysync-get.json");
  cJSON *pPol = json("[{'tenant':'fabrikam','automaticUserConsentSettings':{'outboundAllowed':true}}]");
  jsonloc_init(&g, 0);
  cJSON_ReplaceItemInObject(pA, "automaticUserConsentSettings",
                            json("{'inboundAllowed':true,'outboundAllowed':null}"));
  ck_assert_int_eq(graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pPol), TS_OK);
  ck_assert_int_eq(graph_policy_import_partners(&g, "b.json", pB, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'fabrikam','automaticUserConsentSettings':{'outboundAllowed':true}},"
              "{'tenant':'contoso','partner':'fabrikam','automaticUserConsentSettings':{'inboundAllowed':true},"
              "'userSyncInbound':{'isSyncAllowed':true}}]");
  ck_assert_int_eq(g.nWarn, 1);  /* direct connect, in a.json */
  cJSON_Delete(pA);
  cJSON_Delete(pB);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_a_later_different_value_wins_with_a_warning){
  JsonLoc g;
  cJSON *pA = json("{'tenantId':'" FABRIKAM_ID "','userSyncInbound':{'isSyncAllowed':true}}");
  cJSON *pB = json("{'tenantId':'" FABRIKAM_ID "','userSyncInbound':{'isSyncAllowed':false}}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pPol), TS_OK);
  ck_assert_int_eq(graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pPol), TS_OK);
  ck_assert_int_eq(g.nWarn, 0);    /* the same value again is no conflict */
  ck_assert_int_eq(graph_policy_import_partners(&g, "b.json", pB, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':false}}]");
  ck_assert_int_eq(g.nWarn, 1);
  ck_assert_line(&g, "b.json: $.userSyncInbound.isSyncAllowed: warning: false overrides true given"
                 " earlier for contoso's policy for fabrikam");
  cJSON_Delete(pA);
  cJSON_Delete(pB);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_null_inherits_and_does_not_overwrite){
  JsonLoc g;
  cJSON *pA = json("{'tenantId':'" CONTOSO_ID "','inboundTrust':{'isMfaAccepted':true,"
                   "'isCompliantDeviceAccepted':null,'isHybridAzureADJoinedDeviceAccepted':false}}");
  cJSON *pB = json("{'tenantId':'" CONTOSO_ID "','inboundTrust':null,"
                   "'automaticUserConsentSettings':{'inboundAllowed':null,'outboundAllowed':true}}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pPol), TS_OK);
  ck_assert_int_eq(graph_policy_import_partners(&g, "b.json", pB, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'fabrikam','partner':'contoso',"
              "'automaticUserConsentSettings':{'outboundAllowed':true},"
              "'inboundTrust':{'isMfaAccepted':true,'isHybridAzureADJoinedDeviceAccepted':false}}]");
  ck_assert_int_eq(g.nWarn + g.nErr, 0);
  cJSON_Delete(pA);
  cJSON_Delete(pB);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_tenant_ids_compare_without_case){
  JsonLoc g;
  cJSON *pA = json("{'tenantId':'9C5D131D-B1C3-4FC4-9E3F-C6557947D551','userSyncInbound':{'isSyncAllowed':true}}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true}}]");
  cJSON_Delete(pA);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_two_tenants_with_one_id_make_a_partner_its_own_owner){
  static const GraphTenantRef aT[2] = { { "fabrikam", FABRIKAM_ID }, { "contoso", FABRIKAM_ID } };
  JsonLoc g;
  cJSON *pPol;
  jsonloc_init(&g, 0);
  {
    cJSON *pDoc = fixture("xtap-identitysync-get.json");
    pPol = cJSON_CreateArray();
    ck_assert_int_eq(graph_policy_import_partners(&g, "s.json", pDoc, aT, 2, pPol), TS_ERR);
    cJSON_Delete(pDoc);
  }
  assert_json(pPol, "[]");
  ck_assert_line(&g, "s.json: $.tenantId: error: tenant " FABRIKAM_ID " is both fabrikam and contoso:"
                 " a tenant cannot be its own partner");
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------ the default's service test */

START_TEST(test_changed_default_warns_at_each_change){
  JsonLoc g;
  cJSON *pDoc = fixture("xtap-default-get.json"), *pPol = cJSON_CreateArray();
  cJSON *pTarget;
  jsonloc_init(&g, 0);
  pTarget = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
              pDoc, "b2bCollaborationInbound"), "usersAndGroups"), "targets"), 0);
  cJSON_ReplaceItemInObject(pTarget, "target", cJSON_CreateString("c3a1b2d4-0000-4000-8000-000000000001"));
  cJSON_ReplaceItemInObject(pTarget, "targetType", cJSON_CreateString("group"));
  cJSON_ReplaceItemInObject(pDoc, "isServiceDefault", cJSON_CreateFalse());
  cJSON_AddItemToObject(pDoc, "automaticUserConsentSettings",
                        json("{'inboundAllowed':false,'outboundAllowed':true}"));
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(pDoc, "inboundTrust"), "isMfaAccepted", cJSON_CreateTrue());
  cJSON_AddItemToObject(pDoc, "tenantRestrictions", json("{'usersAndGroups':{'accessType':'blocked',"
    "'targets':[{'target':'AllUsers','targetType':'user'}]},'applications':{'accessType':'blocked',"
    "'targets':[{'target':'AllApplications','targetType':'application'}]},'devices':null}"));
  cJSON_AddItemToObject(pDoc, "invitationRedemptionIdentityProviderConfiguration",
    json("{'primaryIdentityProviderPrecedenceOrder':['externalFederation','azureActiveDirectory',"
         "'socialIdentityProviders'],'fallbackIdentityProvider':'defaultConfiguredIdp'}"));
  cJSON_AddItemToObject(pDoc, "newFeatureSetting", cJSON_CreateTrue());
  ck_assert_int_eq(graph_policy_import_default(&g, "d.json", pDoc, "contoso", pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','automaticUserConsentSettings':{'outboundAllowed':true},"
              "'inboundTrust':{'isMfaAccepted':true}}]");
  ck_assert_int_eq(g.nWarn, 3);
  ck_assert_line(&g, "d.json: $.b2bCollaborationInbound: warning: differs from the service default"
                 " (allowed for all users and applications), the only setting tenantsim models; ignored");
  ck_assert_line(&g, "d.json: $.automaticUserConsentSettings.outboundAllowed: warning: read-only and"
                 " always false in a default configuration; imported as true");
  ck_assert_line(&g, "d.json: $.newFeatureSetting: warning: unknown member \"newFeatureSetting\" (not in"
                 " tenantsim's model of this object); ignored");
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_unmodelled_partner_settings_warn_with_their_paths){
  JsonLoc g;
  cJSON *pDoc = json("{'value':[{'tenantId':'" FABRIKAM_ID "','isServiceProvider':true,"
    "'isInMultiTenantOrganization':false,'blockServiceProviderOutboundAccess':null,"
    "'crossCloudMeetingConfiguration':{'inboundAllowed':true,'outboundAllowed':null},"
    "'protectedContentSharing':{'inboundAllowed':null,'outboundAllowed':null},"
    "'tenantRestrictions':{'usersAndGroups':{'accessType':'allowed','targets':[]}},"
    "'m365CollaborationInbound':{'x':1},"
    "'identitySynchronization':{'tenantId':'" FABRIKAM_ID "',"
    "'userSyncInbound':{'isSyncAllowed':true,'isNew':1}}}]}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "p.json", pDoc, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true}}]");
  ck_assert_int_eq(g.nWarn, 5);
  ck_assert_line(&g, "p.json: $.value[0].isServiceProvider: warning: not modelled by tenantsim (it"
                 " simulates synchronization only); ignored");
  ck_assert_line(&g, "p.json: $.value[0].crossCloudMeetingConfiguration.inboundAllowed: warning: not"
                 " modelled by tenantsim (it simulates synchronization only); ignored");
  ck_assert_line(&g, "p.json: $.value[0].tenantRestrictions: warning: not modelled by tenantsim (it"
                 " simulates synchronization only); ignored");
  ck_assert_line(&g, "p.json: $.value[0].m365CollaborationInbound: warning: not modelled by tenantsim"
                 " (it simulates synchronization only); ignored");
  ck_assert_line(&g, "p.json: $.value[0].identitySynchronization.userSyncInbound.isNew: warning:"
                 " unknown member \"isNew\"; ignored");
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* The 2026 beta identity-sync field externalCloudAuthorizedApplicationId
** (cts-2026.md §1.1: carry it in cross-cloud partner policies) is kept
** when it is an application id and refused with its path when not. */
START_TEST(test_external_cloud_application_id_is_carried){
  JsonLoc g;
  cJSON *pDoc = json("{'value':[{'tenantId':'" FABRIKAM_ID "','identitySynchronization':{"
    "'tenantId':'" FABRIKAM_ID "','externalCloudAuthorizedApplicationId':"
    "'5e1b1c7a-6a3b-4f0e-9d3a-2c1f0e9b8a7d','userSyncInbound':{'isSyncAllowed':true}}}]}");
  cJSON *pBad = json("{'value':[{'tenantId':'" FABRIKAM_ID "','identitySynchronization':{"
    "'tenantId':'" FABRIKAM_ID "','externalCloudAuthorizedApplicationId':'abc'}}]}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "p.json", pDoc, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true},"
              "'externalCloudAuthorizedApplicationId':'5e1b1c7a-6a3b-4f0e-9d3a-2c1f0e9b8a7d'}]");
  ck_assert_int_eq(g.nWarn, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "q.json", pBad, aTenants, 2, pPol), TS_ERR);
  ck_assert_line(&g, "q.json: $.value[0].identitySynchronization.externalCloudAuthorizedApplicationId:"
                 " error: expected an application id (a GUID) or null, found abc");
  cJSON_Delete(pDoc);
  cJSON_Delete(pBad);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_policy_document_allowed_cloud_endpoints_point_to_cloud_settings){
  JsonLoc g;
  cJSON *pDoc = json("{'displayName':'CrossTenantAccessPolicy','definition':['x'],"
                     "'allowedCloudEndpoints':['microsoftonline.us'],'default':null,'partners':[]}");
  cJSON *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_default(&g, "x.json", pDoc, "contoso", pPol), TS_OK);
  ck_assert_int_eq(graph_policy_import_partners(&g, "x.json", pDoc, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[]");    /* no default in the document: none imported */
  ck_assert_int_eq(g.nWarn, 1);
  ck_assert_line(&g, "x.json: $.allowedCloudEndpoints: warning: Microsoft cloud settings are not"
                 " policies in tenantsim: give them as the tenant's \"cloudSettings\"; ignored");
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------------------- hostile input */

/* Import zDoc as partners; expect one error, the line zLine. */
static void expect_partner_error(const char *zDoc, const char *zLine){
  JsonLoc g;
  cJSON *pDoc = json(zDoc), *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_partners(&g, "h.json", pDoc, aTenants, 2, pPol), TS_ERR);
  ck_assert_msg(g.nErr==1, "%d errors:\n%s", g.nErr, strbuf_str(&g.msgs));
  ck_assert_line(&g, zLine);
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}

#define FAB "'tenantId':'" FABRIKAM_ID "'"

START_TEST(test_wrong_types_at_each_level_are_errors_with_paths){
  expect_partner_error("[1]", "h.json: $: error: expected a Graph object or a collection"
                       " ({\"value\": [...]}), found an array");
  expect_partner_error("{'value':{}}", "h.json: $.value: error: expected the collection's array"
                       " of objects, found an object");
  expect_partner_error("{'value':['x']}", "h.json: $.value[0]: error: expected a partner"
                       " configuration object, found a string");
  expect_partner_error("{'partners':7}", "h.json: $.partners: error: expected an array, found a number");
  expect_partner_error("{'tenantId':5}", "h.json: $.tenantId: error: expected a string, found a number");
  expect_partner_error("{'inboundTrust':null}", "h.json: $.tenantId: error: expected a string,"
                       " found nothing");
  expect_partner_error("{" FAB ",'automaticUserConsentSettings':'yes'}",
                       "h.json: $.automaticUserConsentSettings: error: expected an object or null,"
                       " found a string");
  expect_partner_error("{" FAB ",'automaticUserConsentSettings':{'inboundAllowed':'yes'}}",
                       "h.json: $.automaticUserConsentSettings.inboundAllowed: error: expected true,"
                       " false or null, found a string");
  expect_partner_error("{" FAB ",'identitySynchronization':[]}",
                       "h.json: $.identitySynchronization: error: expected an object or null,"
                       " found an array");
  expect_partner_error("{" FAB ",'identitySynchronization':{'userSyncInbound':{'isSyncAllowed':1}}}",
                       "h.json: $.identitySynchronization.userSyncInbound.isSyncAllowed: error:"
                       " expected true, false or null, found a number");
  expect_partner_error("{" FAB ",'identitySynchronization':{'tenantId':'" CONTOSO_ID "'}}",
                       "h.json: $.identitySynchronization.tenantId: error: identity synchronization"
                       " of tenant " CONTOSO_ID " inside the partner configuration of " FABRIKAM_ID);
  expect_partner_error("{" FAB ",'isServiceProvider':'no'}",
                       "h.json: $.isServiceProvider: error: expected true, false or null, found a string");
  expect_partner_error("{" FAB ",'b2bCollaborationInbound':{'applications':{'targets':{}}}}",
                       "h.json: $.b2bCollaborationInbound.applications.targets: error: expected an"
                       " array, found an object");
  expect_partner_error("{" FAB ",'b2bCollaborationInbound':{'applications':{'targets':[{'target':"
                       "'Office365','targetType':'robot'}]}}}",
                       "h.json: $.b2bCollaborationInbound.applications.targets[0].targetType: error:"
                       " expected \"user\", \"group\", \"application\" or \"unknownFutureValue\","
                       " found \"robot\"");
  expect_partner_error("{" FAB ",'crossCloudMeetingConfiguration':{'inboundAllowed':0}}",
                       "h.json: $.crossCloudMeetingConfiguration.inboundAllowed: error: expected"
                       " true, false or null, found a number");
  expect_partner_error("{" FAB ",'deletedDateTime':3}",
                       "h.json: $.deletedDateTime: error: expected a string, found a number");
}
END_TEST

START_TEST(test_unknown_access_type_is_an_error){
  expect_partner_error("{" FAB ",'b2bDirectConnectInbound':{'usersAndGroups':{'accessType':'maybe',"
                       "'targets':[{'target':'AllUsers','targetType':'user'}]}}}",
                       "h.json: $.b2bDirectConnectInbound.usersAndGroups.accessType: error: expected"
                       " \"allowed\", \"blocked\" or \"unknownFutureValue\", found \"maybe\"");
}
END_TEST

START_TEST(test_default_of_wrong_type_is_an_error){
  JsonLoc g;
  cJSON *pDoc = json("{'default':[]}"), *pPol = cJSON_CreateArray();
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_policy_import_default(&g, "d.json", pDoc, "contoso", pPol), TS_ERR);
  ck_assert_line(&g, "d.json: $.default: error: expected the default configuration object, found an array");
  cJSON_Delete(pDoc);
  pDoc = json("'text'");
  ck_assert_int_eq(graph_policy_import_default(&g, "d.json", pDoc, "contoso", pPol), TS_ERR);
  ck_assert_line(&g, "d.json: $: error: expected a default configuration or a crossTenantAccessPolicy"
                 " object, found a string");
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* One document is one tenant's partners: naming both tenants is an error. */
START_TEST(test_a_document_naming_both_tenants_is_an_error){
  expect_partner_error("{'value':[{'tenantId':'" FABRIKAM_ID "','automaticUserConsentSettings':"
    "{'inboundAllowed':true}},{'tenantId':'" CONTOSO_ID "','automaticUserConsentSettings':"
    "{'inboundAllowed':true}}]}",
    "h.json: $.value[1].tenantId: error: partner " CONTOSO_ID " is contoso, but an earlier partner"
    " of this document is fabrikam: one document holds one tenant's partners, and a tenant"
    " cannot be its own partner");
}
END_TEST

START_TEST(test_hundred_thousand_partners_import_in_linear_time){
  JsonLoc g;
  cJSON *pDoc = cJSON_CreateObject(), *pList = cJSON_AddArrayToObject(pDoc, "value");
  cJSON *pPol = cJSON_CreateArray();
  int i;
  for(i=0; i<100000; i++){
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "tenantId", i%2 ? FABRIKAM_ID : "00000000-0000-4000-8000-000000000000");
    cJSON_AddItemToObject(p, "identitySynchronization", json("{'userSyncInbound':{'isSyncAllowed':true}}"));
    cJSON_AddItemToArray(pList, p);
  }
  jsonloc_init(&g, 0);
  /* a quadratic step would exceed the test case's timeout */
  ck_assert_int_eq(graph_policy_import_partners(&g, "big.json", pDoc, aTenants, 2, pPol), TS_OK);
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true}}]");
  ck_assert_int_eq(g.nWarn, 50000);                  /* every unknown tenant counted ... */
  ck_assert_int_eq(g.nMsg, JSONLOC_MAX_MESSAGES + 1);   /* ... but only the first ones kept */
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------------- allocation failure */

/* One run of every import and export, the Nth allocation failing. Returns
** the first result that is not TS_OK (all must be TS_OK or TS_NOMEM). */
static int run_all_failing_at(long iFail){
  JsonLoc g;
  TsErr err;
  cJSON *pPartner = fixture("xtap-partner-get.json"), *pSync = fixture("xtap-identitysync-get.json");
  cJSON *pDef = fixture("xtap-default-get.json"), *pSecrets = fixture("secrets-get-with-delete-threshold.json");
  cJSON *pPol = json("[{'tenant':'contoso','partner':'fabrikam','inboundTrust':{'isMfaAccepted':true}}]");
  cJSON *pJob = json("{'key':'j','scope':'all'}");
  cJSON *pOut = NULL;
  int aRc[6], i, rc = TS_OK;
  jsonloc_init(&g, 0);
  mem_fail_after(iFail);
  aRc[0] = graph_policy_import_partners(&g, "p.json", pPartner, aTenants, 2, pPol);
  aRc[1] = graph_policy_import_partners(&g, "s.json", pSync, aTenants, 2, pPol);
  aRc[2] = graph_policy_import_default(&g, "d.json", pDef, "contoso", pPol);
  aRc[3] = graph_policy_export(pPol, "contoso", aTenants, 2, &pOut, &err);
  cJSON_Delete(pOut);
  aRc[4] = graph_secrets_import(&g, "x.json", pSecrets, CONTOSO_ID, pJob);
  aRc[5] = graph_secrets_export(pJob, CONTOSO_ID, &pOut, &err);
  mem_fail_after(0);
  cJSON_Delete(pOut);
  for(i=0; i<6; i++){
    ck_assert_msg(aRc[i]==TS_OK || aRc[i]==TS_NOMEM, "allocation %ld failing: call %d gave %d",
                  iFail, i, aRc[i]);
    if( aRc[i]!=TS_OK && rc==TS_OK ) rc = aRc[i];
  }
  if( rc==TS_OK ){
    assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true},"
                "'inboundTrust':{'isMfaAccepted':true}},{'tenant':'contoso'}]");
  }
  cJSON_Delete(pPartner);
  cJSON_Delete(pSync);
  cJSON_Delete(pDef);
  cJSON_Delete(pSecrets);
  cJSON_Delete(pPol);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
  return rc;
}

START_TEST(test_failed_allocation_is_reported_as_no_memory_at_every_point){
  long iFail;
  int rc = TS_NOMEM;
  mfx_cjson_hooks(1);
  for(iFail=1; iFail<20000 && rc!=TS_OK; iFail++) rc = run_all_failing_at(iFail);
  mfx_cjson_hooks(0);
  ck_assert_msg(rc==TS_OK, "still failing after %ld allocations", iFail);
  ck_assert_int_gt(iFail, 10);
}
END_TEST

Suite *graph_policy_suite(void){
  Suite *s = suite_create("graph_policy");
  TCase *tc = tcase_create("policies");
  TCase *tcBig = tcase_create("large");
  tcase_add_test(tc, test_untouched_service_default_imports_without_warnings);
  tcase_add_test(tc, test_partner_get_warns_only_of_direct_connect);
  tcase_add_test(tc, test_identity_sync_get_allows_inbound_user_sync);
  tcase_add_test(tc, test_partner_list_with_expanded_identity_sync);
  tcase_add_test(tc, test_identity_sync_put_body_without_tenant_id_is_an_error);
  tcase_add_test(tc, test_identity_sync_put_body_with_tenant_id_sets_user_and_group_sync);
  tcase_add_test(tc, test_partner_of_neither_tenant_is_skipped_with_a_warning);
  tcase_add_test(tc, test_create_response_for_a_known_tenant_is_an_all_inherit_partner);
  tcase_add_test(tc, test_deleted_partner_is_skipped_with_a_warning);
  tcase_add_test(tc, test_partner_and_identity_sync_files_fill_one_entry);
  tcase_add_test(tc, test_a_later_different_value_wins_with_a_warning);
  tcase_add_test(tc, test_null_inherits_and_does_not_overwrite);
  tcase_add_test(tc, test_tenant_ids_compare_without_case);
  tcase_add_test(tc, test_two_tenants_with_one_id_make_a_partner_its_own_owner);
  tcase_add_test(tc, test_changed_default_warns_at_each_change);
  tcase_add_test(tc, test_unmodelled_partner_settings_warn_with_their_paths);
  tcase_add_test(tc, test_external_cloud_application_id_is_carried);
  tcase_add_test(tc, test_policy_document_allowed_cloud_endpoints_point_to_cloud_settings);
  tcase_add_test(tc, test_wrong_types_at_each_level_are_errors_with_paths);
  tcase_add_test(tc, test_unknown_access_type_is_an_error);
  tcase_add_test(tc, test_default_of_wrong_type_is_an_error);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcBig, 120);
  tcase_add_test(tcBig, test_hundred_thousand_partners_import_in_linear_time);
  tcase_add_test(tcBig, test_a_document_naming_both_tenants_is_an_error);
  tcase_add_test(tcBig, test_failed_allocation_is_reported_as_no_memory_at_every_point);
  suite_add_tcase(s, tcBig);
  return s;
}
