/*
** test_graph_policy_export.c — the scenario's policies exported as Graph's
** crossTenantAccessPolicy shapes (sim/graph/graph_policy_export.c): the
** shapes written, what Graph cannot say refused, and import, export,
** import giving the same document.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "graph_policy_fixture.h"
#include "suites.h"


/* ------------------------------------------------------------ export */

START_TEST(test_export_writes_graph_shapes){
  cJSON *pPol = json("[{'tenant':'contoso','inboundTrust':{'isMfaAccepted':true}},"
    "{'tenant':'contoso','partner':'fabrikam','automaticUserConsentSettings':{'inboundAllowed':true},"
    "'userSyncInbound':{'isSyncAllowed':true}},"
    "{'tenant':'fabrikam','partner':'contoso','automaticUserConsentSettings':{'outboundAllowed':true},"
    "'groupSyncInbound':{'isSyncAllowed':false}}]");
  cJSON *pDoc = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_int_eq(graph_policy_export(pPol, "contoso", aTenants, 2, &pDoc, &err), TS_OK);
  assert_json(pDoc, "{'@odata.context':'https://graph.microsoft.com/v1.0/$metadata#policies/"
    "crossTenantAccessPolicy(default(),partners(identitySynchronization()))/$entity',"
    "'displayName':'CrossTenantAccessPolicy',"
    "'default':{'isServiceDefault':false,'inboundTrust':{'isMfaAccepted':true,'isCompliantDeviceAccepted':false,"
    "'isHybridAzureADJoinedDeviceAccepted':false},'automaticUserConsentSettings':{'inboundAllowed':false,"
    "'outboundAllowed':false},"
    "'b2bCollaborationOutbound':{'usersAndGroups':{'accessType':'allowed','targets':[{'target':'AllUsers',"
    "'targetType':'user'}]},'applications':{'accessType':'allowed','targets':[{'target':'AllApplications',"
    "'targetType':'application'}]}},"
    "'b2bCollaborationInbound':{'usersAndGroups':{'accessType':'allowed','targets':[{'target':'AllUsers',"
    "'targetType':'user'}]},'applications':{'accessType':'allowed','targets':[{'target':'AllApplications',"
    "'targetType':'application'}]}},"
    "'b2bDirectConnectOutbound':{'usersAndGroups':{'accessType':'blocked','targets':[{'target':'AllUsers',"
    "'targetType':'user'}]},'applications':{'accessType':'blocked','targets':[{'target':'AllApplications',"
    "'targetType':'application'}]}},"
    "'b2bDirectConnectInbound':{'usersAndGroups':{'accessType':'blocked','targets':[{'target':'AllUsers',"
    "'targetType':'user'}]},'applications':{'accessType':'blocked','targets':[{'target':'AllApplications',"
    "'targetType':'application'}]}}},"
    "'partners':[{'tenantId':'" FABRIKAM_ID "','isServiceProvider':null,'inboundTrust':null,"
    "'b2bCollaborationOutbound':null,'b2bCollaborationInbound':null,'b2bDirectConnectOutbound':null,"
    "'b2bDirectConnectInbound':null,'tenantRestrictions':null,"
    "'crossCloudMeetingConfiguration':{'inboundAllowed':null,'outboundAllowed':null},"
    "'automaticUserConsentSettings':{'inboundAllowed':true,'outboundAllowed':null},"
    "'identitySynchronization':{'tenantId':'" FABRIKAM_ID "','displayName':'fabrikam',"
    "'userSyncInbound':{'isSyncAllowed':true}}}]}");
  cJSON_Delete(pDoc);
  ck_assert_int_eq(graph_policy_export(pPol, "fabrikam", aTenants, 2, &pDoc, &err), TS_OK);
  assert_json(cJSON_GetObjectItem(pDoc, "partners"), "[{'tenantId':'" CONTOSO_ID "',"
    "'isServiceProvider':null,'inboundTrust':null,"
    "'b2bCollaborationOutbound':null,'b2bCollaborationInbound':null,'b2bDirectConnectOutbound':null,"
    "'b2bDirectConnectInbound':null,'tenantRestrictions':null,"
    "'crossCloudMeetingConfiguration':{'inboundAllowed':null,'outboundAllowed':null},"
    "'automaticUserConsentSettings':{'inboundAllowed':null,'outboundAllowed':true},"
    "'identitySynchronization':{'tenantId':'" CONTOSO_ID "','displayName':'contoso',"
    "'userSyncInbound':{'isSyncAllowed':null},'groupSyncInbound':{'isSyncAllowed':false}}}]");
  ck_assert_ptr_null(cJSON_GetObjectItem(pDoc, "default"));
  cJSON_Delete(pDoc);
  cJSON_Delete(pPol);
}
END_TEST

START_TEST(test_export_refuses_what_graph_cannot_say){
  cJSON *pPol = json("[{'tenant':'contoso','partner':'fabrikam'},"
                     "{'tenant':'contoso','userSyncInbound':{'isSyncAllowed':true}}]");
  cJSON *pDoc = (cJSON *)1;
  TsErr err;
  tserr_clear(&err);
  ck_assert_int_eq(graph_policy_export(pPol, "contoso", aTenants, 2, &pDoc, &err), TS_ERR);
  ck_assert_ptr_null(pDoc);
  ck_assert_str_eq(err.zMsg, "policies[1].userSyncInbound: Entra sets identity synchronization per"
                   " partner only; a default policy's true cannot be exported");
  cJSON_DeleteItemFromArray(pPol, 1);
  ck_assert_int_eq(graph_policy_export(pPol, "contoso", aTenants+1, 1, &pDoc, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "policies[0].partner: no tenant id for tenant \"fabrikam\"");
  cJSON_Delete(pPol);
}
END_TEST

/* Import the examples from both sides, export each tenant's policy,
** import the exports: the policies arrays must print the same. */
START_TEST(test_import_export_import_round_trip_is_identical){
  JsonLoc g;
  cJSON *pFirst = cJSON_CreateArray(), *pSecond = cJSON_CreateArray();
  cJSON *pDef = fixture("xtap-default-get.json"), *pA = fixture("xtap-partner-get.json");
  cJSON *pB = fixture("xtap-identitysync-get.json");
  cJSON *pC = json("{'tenantId':'" CONTOSO_ID "','automaticUserConsentSettings':{'inboundAllowed':null,"
                   "'outboundAllowed':true},'inboundTrust':{'isMfaAccepted':false,"
                   "'isCompliantDeviceAccepted':true,'isHybridAzureADJoinedDeviceAccepted':null},"
                   "'identitySynchronization':{'tenantId':'" CONTOSO_ID "','userSyncInbound':null,"
                   "'groupSyncInbound':{'isSyncAllowed':true}}}");
  cJSON *pFabDefault = json("{'isServiceDefault':false,'automaticUserConsentSettings':{'inboundAllowed':false,"
                            "'outboundAllowed':true},'inboundTrust':{'isMfaAccepted':true}}");
  size_t k;
  const char *azOwner[2] = { "contoso", "fabrikam" };
  jsonloc_init(&g, 0);
  cJSON_ReplaceItemInObject(pA, "automaticUserConsentSettings",
                            json("{'inboundAllowed':true,'outboundAllowed':null}"));
  graph_policy_import_default(&g, "d.json", pDef, "contoso", pFirst);
  graph_policy_import_partners(&g, "a.json", pA, aTenants, 2, pFirst);
  graph_policy_import_partners(&g, "b.json", pB, aTenants, 2, pFirst);
  graph_policy_import_default(&g, "fd.json", pFabDefault, "fabrikam", pFirst);
  graph_policy_import_partners(&g, "c.json", pC, aTenants, 2, pFirst);
  ck_assert_int_eq(g.nErr, 0);
  for(k=0; k<2; k++){
    cJSON *pDoc = NULL;
    TsErr err;
    ck_assert_int_eq(graph_policy_export(pFirst, azOwner[k], aTenants, 2, &pDoc, &err), TS_OK);
    ck_assert_int_eq(graph_policy_import_default(&g, "e.json", pDoc, azOwner[k], pSecond), TS_OK);
    ck_assert_int_eq(graph_policy_import_partners(&g, "e.json", pDoc, aTenants, 2, pSecond), TS_OK);
    cJSON_Delete(pDoc);
  }
  assert_same_json(pFirst, pSecond);
  assert_json(pFirst, "[{'tenant':'contoso'},{'tenant':'contoso','partner':'fabrikam',"
    "'automaticUserConsentSettings':{'inboundAllowed':true},'userSyncInbound':{'isSyncAllowed':true}},"
    "{'tenant':'fabrikam','automaticUserConsentSettings':{'outboundAllowed':true},"
    "'inboundTrust':{'isMfaAccepted':true}},{'tenant':'fabrikam','partner':'contoso',"
    "'automaticUserConsentSettings':{'outboundAllowed':true},'groupSyncInbound':{'isSyncAllowed':true},"
    "'inboundTrust':{'isMfaAccepted':false,'isCompliantDeviceAccepted':true}}]");
  cJSON_Delete(pFirst);
  cJSON_Delete(pSecond);
  cJSON_Delete(pDef);
  cJSON_Delete(pA);
  cJSON_Delete(pB);
  cJSON_Delete(pC);
  cJSON_Delete(pFabDefault);
  jsonloc_free(&g);
}
END_TEST

/* The beta settings: roleEnabledGroupSyncInbound in the identity sync
** setting, isCompliantNetworkAccepted in inboundTrust; imported, and
** exported only when set, so that a v1.0 export without them is unchanged. */
START_TEST(test_beta_settings_import_and_export_only_when_set){
  JsonLoc g;
  cJSON *pDoc = NULL, *pSecond = cJSON_CreateArray(), *p;
  cJSON *pPol = cJSON_CreateArray();
  cJSON *pIn = json("{'tenantId':'" FABRIKAM_ID "','inboundTrust':{'isMfaAccepted':null,"
                    "'isCompliantNetworkAccepted':true},'identitySynchronization':{'tenantId':'"
                    FABRIKAM_ID "','userSyncInbound':{'isSyncAllowed':true},"
                    "'groupSyncInbound':{'isSyncAllowed':true},"
                    "'roleEnabledGroupSyncInbound':{'isSyncAllowed':true},"
                    "'externalCloudAuthorizedApplicationId':'5e1b1c7a-6a3b-4f0e-9d3a-2c1f0e9b8a7d'}}");
  TsErr err;
  jsonloc_init(&g, 0);
  tserr_clear(&err);
  ck_assert_int_eq(graph_policy_import_partners(&g, "p.json", pIn, aTenants, 2, pPol), TS_OK);
  ck_assert_msg(g.nWarn + g.nErr==0, "%s", strbuf_str(&g.msgs));
  assert_json(pPol, "[{'tenant':'contoso','partner':'fabrikam','userSyncInbound':{'isSyncAllowed':true},"
              "'groupSyncInbound':{'isSyncAllowed':true},'roleEnabledGroupSyncInbound':{'isSyncAllowed':true},"
              "'inboundTrust':{'isCompliantNetworkAccepted':true},"
              "'externalCloudAuthorizedApplicationId':'5e1b1c7a-6a3b-4f0e-9d3a-2c1f0e9b8a7d'}]");
  ck_assert_int_eq(graph_policy_export(pPol, "contoso", aTenants, 2, &pDoc, &err), TS_OK);
  p = cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "partners"), 0);
  assert_json(cJSON_GetObjectItem(p, "inboundTrust"), "{'isMfaAccepted':null,'isCompliantDeviceAccepted':null,"
              "'isHybridAzureADJoinedDeviceAccepted':null,'isCompliantNetworkAccepted':true}");
  assert_json(cJSON_GetObjectItem(cJSON_GetObjectItem(p, "identitySynchronization"),
                                  "roleEnabledGroupSyncInbound"), "{'isSyncAllowed':true}");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(p,
                   "identitySynchronization"), "externalCloudAuthorizedApplicationId")),
                   "5e1b1c7a-6a3b-4f0e-9d3a-2c1f0e9b8a7d");
  ck_assert_int_eq(graph_policy_import_partners(&g, "e.json", pDoc, aTenants, 2, pSecond), TS_OK);
  assert_same_json(pPol, pSecond);
  cJSON_Delete(pDoc);
  /* a default cannot carry it */
  cJSON_AddItemToArray(pPol, json("{'tenant':'contoso','roleEnabledGroupSyncInbound':{'isSyncAllowed':true}}"));
  ck_assert_int_eq(graph_policy_export(pPol, "contoso", aTenants, 2, &pDoc, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "policies[1].roleEnabledGroupSyncInbound: Entra sets identity"
                   " synchronization per partner only; a default policy's true cannot be exported");
  cJSON_Delete(pPol);
  cJSON_Delete(pSecond);
  cJSON_Delete(pIn);
  jsonloc_free(&g);
}
END_TEST

Suite *graph_policy_export_suite(void){
  Suite *s = suite_create("graph_policy_export");
  TCase *tc = tcase_create("policies");
  tcase_add_test(tc, test_export_writes_graph_shapes);
  tcase_add_test(tc, test_export_refuses_what_graph_cannot_say);
  tcase_add_test(tc, test_import_export_import_round_trip_is_identical);
  tcase_add_test(tc, test_beta_settings_import_and_export_only_when_set);
  suite_add_tcase(s, tc);
  return s;
}
