/*
** test_graph_schema.c — a job's synchronizationSchema to and from the
** scenario's mapping, scopingFilters and groupProvisioning: the fixture
** documents, object mappings (flow types, disabled mappings), hostile input
** and every failed allocation. Attribute mappings, scope and the export are
** test_graph_schema_attr.c, _scope.c and _export.c.
**
** The documents in tests/fixtures/graph/ are copies of
** /work/shared/reference/graph-examples/ (see that folder's README).
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mem_fixture.h"
#include "mem.h"
#include "strbuf.h"
#include "jsonloc.h"
#include "graph_schema.h"
#include "jsonfile.h"
#include "scenario.h"
#include "suites.h"
#include "graph_schema_fixture.h"

START_TEST(test_default_schema_imports_every_user_mapping_without_a_warning){
  cJSON *pDoc = t_load(FIX "SYNTHETIC-xts-default-schema-reconstructed.json");
  JsonLoc g;
  int rc, i;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_int_eq(g.nWarn, 0);
  ck_assert_int_eq(g.nErr, 0);
  /* 19 attribute mappings, less the matching one and IsSoftDeleted. */
  ck_assert_int_eq(t_nattr(pJob), 17);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(pJob, "mapping"), "replace")));
  t_attr_is(pJob, 0, "{'target':'accountEnabled','type':'Direct','source':'accountEnabled'}");
  t_attr_is(pJob, 12, "{'target':'manager','type':'Direct','source':'manager'}");
  t_attr_is(pJob, 14, "{'target':'showInAddressList','type':'Constant','value':'true'}");
  t_attr_is(pJob, 16, "{'target':'userType','type':'Constant','value':'Member','flowType':'ObjectAddOnly'}");
  for(i=0; i<17; i++){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t_attr(pJob, i), "target"));
    ck_assert_str_ne(z, "alternativeSecurityIds");
    ck_assert_str_ne(z, "IsSoftDeleted");
  }
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(pJob, "mapping"),
                                                      "targetObjectActions"));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pJob, "scopingFilters"));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pJob, "groupProvisioning"));
  t_validates(pJob);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_rule_without_object_mappings_is_an_error){
  cJSON *pDoc = t_load(FIX "xts-schema-header-partial.json");
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_int_eq(g.nErr, 1);
  t_expect(&g, "$.synchronizationRules", "error", "no objectMapping from User to User in any rule");
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pJob, "mapping"));
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_filter_on_an_unmodelled_attribute_scopes_no_one){
  cJSON *pDoc = t_load(FIX "SYNTHETIC-xts-default-schema-reconstructed.json");
  cJSON *pFilter = t_load(FIX "filter-example.json");
  cJSON *pOM = t_user_om(pDoc);
  JsonLoc g;
  int rc;
  cJSON *pJob;
  cJSON_ReplaceItemInObjectCaseSensitive(pOM, "scope", pFilter);
  pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_int_eq(g.nWarn, 2);
  t_expect(&g, OM ".scope.groups[0].clauses[0].sourceOperandName", "warning",
           "dirSyncEnabled is not modelled: no simulated user has a value, so this clause is"
           " always false and its filter group is left out");
  t_expect(&g, OM ".scope.groups", "warning", "every filter group is always false");
  t_member_is(pJob, "scopingFilters", "[{'title':'never true (unmodelled attributes)',"
              "'clauses':[{'attribute':'accountEnabled','operator':'IS NULL'}]}]");
  t_validates(pJob);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* The documented Salesforce objectMapping in a rule of its own. */
static cJSON *t_salesforce(void){
  cJSON *pOM = t_load(FIX "objectmapping-template-example-salesforce.json");
  cJSON *pDoc = t_parse("{'synchronizationRules': [{'name': 'USER_TO_USER', 'objectMappings': []}]}");
  cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(
    cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pDoc, "synchronizationRules"), 0),
    "objectMappings"), pOM);
  return pDoc;
}

START_TEST(test_salesforce_targets_are_reported_and_left_out){
  cJSON *pDoc = t_salesforce();
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_int_eq(g.nErr, 0);
  ck_assert_int_eq(g.nWarn, 8);
  t_expect(&g, "$.synchronizationRules[0].name", "warning", "the rule holding the User mapping is"
           " named USER_TO_USER, not USER_INBOUND_USER");
  t_expect(&g, AM(0) ".targetAttributeName", "warning", "target attribute IsActive is not modelled");
  t_expect(&g, AM(1) ".targetAttributeName", "warning", "target attribute Alias is not modelled");
  t_expect(&g, AM(2) ".targetAttributeName", "warning", "target attribute Email is not modelled");
  t_expect(&g, AM(3) ".targetAttributeName", "warning", "target attribute EmailEncodingKey is not modelled");
  t_expect(&g, AM(4) ".targetAttributeName", "warning", "target attribute LocaleSidKey is not modelled");
  t_expect(&g, AM(5) ".matchingPriority", "warning", "the service rejects extra matching attributes");
  t_expect(&g, AM(5) ".targetAttributeName", "warning", "target attribute Username is not modelled");
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':[]}");
  t_validates(pJob);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_salesforce_sources_aimed_at_entra_targets_survive_as_scenario_entries){
  cJSON *pDoc = t_salesforce();
  const char *azTarget[] = { "accountEnabled", "mailNickname", "mail", "department",
                             "preferredLanguage", "userPrincipalName" };
  cJSON *a = cJSON_GetObjectItemCaseSensitive(t_user_om(pDoc), "attributeMappings");
  JsonLoc g;
  int rc, i;
  cJSON *pJob;
  for(i=0; i<6; i++){
    cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetArrayItem(a, i), "targetAttributeName",
                                           cJSON_CreateString(azTarget[i]));
  }
  pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_int_eq(g.nWarn, 3);
  t_expect(&g, AM(0) ".source.expression", "warning", "the expression reads [IsSoftDeleted], an"
           " attribute tenantsim does not model; mapping to accountEnabled skipped");
  t_expect(&g, AM(5) ".matchingPriority", "warning", "the service rejects extra matching"
           " attributes with schemaInvalid; tenantsim matches on alternativeSecurityIds only;"
           " userPrincipalName is imported as an ordinary mapping");
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':["
    "{'target':'mailNickname','type':'Expression','expression':'Mid([userPrincipalName], 1, 8)'},"
    "{'target':'mail','type':'Direct','source':'mail'},"
    "{'target':'department','type':'None','defaultValue':'ISO-8859-1'},"
    "{'target':'preferredLanguage','type':'Expression','expression':"
    "'Replace([preferredLanguage], \\'-\\', , , \\'_\\', , )','defaultValue':'en_US'},"
    "{'target':'userPrincipalName','type':'Direct','source':'userPrincipalName'}]}");
  t_validates(pJob);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------------------------ object mappings */

START_TEST(test_flow_types_without_delete_switch_deletes_off){
  const char *az[] = { "Add, Update", "Add,Update", " Update ,Add " };
  int i;
  for(i=0; i<3; i++){
    char zExtra[100];
    JsonLoc g;
    int rc;
    cJSON *pDoc, *pJob;
    snprintf(zExtra, sizeof(zExtra), ", 'flowTypes': '%s'", az[i]);
    pDoc = t_schema("[]", zExtra);
    pJob = t_import(pDoc, &g, &rc);
    ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
    t_member_is(pJob, "mapping", "{'replace':true,'attributes':[],"
                "'targetObjectActions':{'create':true,'update':true,'delete':false}}");
    t_validates(pJob);
    cJSON_Delete(pJob);
    cJSON_Delete(pDoc);
    jsonloc_free(&g);
  }
}
END_TEST

START_TEST(test_unknown_flow_type_member_is_an_error){
  cJSON *pDoc = t_schema("[]", ", 'flowTypes': 'Add, Explode'");
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, OM ".flowTypes", "error", "unknown flow type \"Explode\"; expected Add, Update or Delete");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_disabled_user_mapping_switches_every_action_off){
  cJSON *pDoc = t_schema("[]", ", 'flowTypes': 'Add, Update, Delete'");
  cJSON *pOM = t_user_om(pDoc);
  JsonLoc g;
  int rc;
  cJSON *pJob;
  cJSON_ReplaceItemInObjectCaseSensitive(pOM, "enabled", cJSON_CreateFalse());
  pJob = t_import(pDoc, &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  t_expect(&g, OM ".enabled", "warning", "the User mapping is disabled, so the service provisions"
           " no user with it");
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':[],"
              "'targetObjectActions':{'create':false,'update':false,'delete':false}}");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_first_enabled_user_mapping_is_read_and_the_others_reported){
  cJSON *pDoc = t_parse(
    "{'synchronizationRules': ["
    " {'name': 'USER_INBOUND_USER', 'objectMappings': ["
    "  {'name': 'off', 'enabled': false, 'sourceObjectName': 'User', 'targetObjectName': 'User',"
    "   'attributeMappings': [{'targetAttributeName': 'city', 'source': {'name': 'city', 'type': 'Attribute'}}]},"
    "  {'name': '', 'sourceObjectName': 'ServicePrincipal', 'targetObjectName': 'ServicePrincipal'},"
    "  {'name': 'Provision Azure Active Directory Groups', 'enabled': true, 'sourceObjectName': 'Group',"
    "   'targetObjectName': 'Group', 'attributeMappings': ["
    "    {'targetAttributeName': 'displayName', 'source': {'name': 'displayName', 'type': 'Attribute'}},"
    "    {'targetAttributeName': 'members', 'source': {'name': 'members', 'type': 'Attribute'}}]}]},"
    " {'name': 'USER_INBOUND_USER', 'objectMappings': ["
    "  {'name': 'on', 'sourceObjectName': 'User', 'targetObjectName': 'User',"
    "   'attributeMappings': [{'targetAttributeName': 'state', 'source': {'name': 'state', 'type': 'Attribute'}}]},"
    "  {'name': 'again', 'sourceObjectName': 'User', 'targetObjectName': 'User'},"
    "  {'name': 'Groups 2', 'enabled': true, 'sourceObjectName': 'Group', 'targetObjectName': 'Group',"
    "   'attributeMappings': [{'targetAttributeName': 'mail', 'source': {'name': 'mail', 'type': 'Attribute'}}]}]}]}");
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':[{'target':'state','type':'Direct','source':'state'}]}");
  t_member_is(pJob, "groupProvisioning", "true");
  ck_assert_int_eq(g.nWarn, 5);
  t_expect(&g, "$.synchronizationRules[0].objectMappings[0]", "warning", "another User to User"
           " object mapping; tenantsim imports one, the first enabled"
           " ($.synchronizationRules[1].objectMappings[0])");
  t_expect(&g, "$.synchronizationRules[0].objectMappings[1]", "warning", "internal (unnamed) object"
           " mapping from ServicePrincipal to ServicePrincipal is not modelled");
  t_expect(&g, "$.synchronizationRules[1].objectMappings[1]", "warning", "another User to User");
  t_expect(&g, "$.synchronizationRules[1].objectMappings[2].attributeMappings", "warning",
           "group attribute mappings are not imported");
  t_expect(&g, "$.synchronizationRules[1].objectMappings[2]", "warning", "another enabled Group to"
           " Group object mapping");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_metadata_and_rule_filters_that_change_behaviour_are_reported){
  cJSON *pDoc = t_parse(
    "{'synchronizationRules': [{'name': 'USER_INBOUND_USER',"
    " 'containerFilter': {'includedContainers': ['OU=x']}, 'groupFilter': {'includedGroups': []},"
    " 'metadata': [{'key': 'supportsProvisionOnDemand', 'value': 'true'}],"
    " 'objectMappings': [{'name': 'u', 'sourceObjectName': 'User', 'targetObjectName': 'User',"
    "  'metadata': [{'key': 'Disposition', 'value': '\\'Discard\\''},"
    "               {'key': 'EscrowBehavior', 'value': '\\'IgnoreLookupReferenceResolutionFailure\\''},"
    "               {'key': 'Disposition', 'value': '\\'Normal\\''},"
    "               {'key': 'EscrowBehavior', 'value': '\\'Default\\''},"
    "               {'key': 'IsCustomerDefined', 'value': 'false'},"
    "               {'key': 'Disposition', 'value': '\\'Sideways\\''}]}]}]}");
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_int_eq(g.nWarn, 3);
  ck_assert_int_eq(g.nErr, 1);
  t_expect(&g, "$.synchronizationRules[0].containerFilter", "warning", "containerFilter is not modelled");
  t_expect(&g, OM ".metadata[0].value", "warning", "Disposition \"Discard\" is not modelled");
  t_expect(&g, OM ".metadata[1].value", "warning", "EscrowBehavior IgnoreLookupReferenceResolutionFailure");
  t_expect(&g, OM ".metadata[5].value", "error", "unknown Disposition \"Sideways\"");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* ------------------------------------------------------------ hostile input */

/* Import zDoc; expect rc and a message "PATH: KIND: TEXT". */
static void t_hostile(const char *zDoc, int rcWant, const char *zPath, const char *zKind, const char *zText){
  cJSON *pDoc = t_parse(zDoc);
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc);
  ck_assert_msg(rc==rcWant, "rc %d for %s:\n%s", rc, zDoc, t_msgs(&g));
  t_expect(&g, zPath, zKind, zText);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}

#define U_OM(x) "{'synchronizationRules': [{'objectMappings': [{'name': 'u', 'sourceObjectName': 'User'," \
                " 'targetObjectName': 'User'" x "}]}]}"

START_TEST(test_wrong_types_at_every_level_are_errors_not_crashes){
  t_hostile("[]", TS_ERR, "$", "error", "expected a synchronizationSchema object, found an array");
  t_hostile("{}", TS_ERR, "$.synchronizationRules", "error", "expected an array, found nothing");
  t_hostile("{'synchronizationRules': null}", TS_ERR, "$.synchronizationRules", "error",
            "expected an array, found null");
  t_hostile("{'synchronizationRules': 'USER_INBOUND_USER'}", TS_ERR, "$.synchronizationRules", "error",
            "expected an array, found a string");
  t_hostile("{'synchronizationRules': []}", TS_ERR, "$.synchronizationRules", "error",
            "no objectMapping from User to User");
  t_hostile("{'synchronizationRules': [7, " U_OM("") "]}", TS_ERR, "$.synchronizationRules[0]", "error",
            "expected a synchronizationRule object, found a number");
  t_hostile("{'synchronizationRules': [{'objectMappings': 'x'}]}", TS_ERR,
            "$.synchronizationRules[0].objectMappings", "error", "expected an array, found a string");
  t_hostile("{'synchronizationRules': [{'objectMappings': [null, {'sourceObjectName': 'User'}]}]}", TS_ERR,
            "$.synchronizationRules[0].objectMappings[0]", "error", "expected an objectMapping object, found null");
  t_hostile("{'synchronizationRules': [{'objectMappings': [{'sourceObjectName': 'User'}]}]}", TS_ERR,
            "$.synchronizationRules[0].objectMappings[0].targetObjectName", "error",
            "expected a string, found nothing");
  t_hostile(U_OM(", 'attributeMappings': {}"), TS_ERR, OM ".attributeMappings", "error",
            "expected an array, found an object");
  t_hostile(U_OM(", 'attributeMappings': ['city']"), TS_ERR, AM(0), "error",
            "expected an attributeMapping object, found a string");
  t_hostile(U_OM(", 'attributeMappings': [{'source': {'name': 'city'}}]"), TS_ERR,
            AM(0) ".targetAttributeName", "error", "expected a string, found nothing");
  t_hostile(U_OM(", 'attributeMappings': [{'targetAttributeName': 'city', 'source': ['city']}]"), TS_ERR,
            AM(0) ".source", "error", "expected an object, found an array");
  t_hostile(U_OM(", 'attributeMappings': [{'targetAttributeName': 'city', 'source': {'type': 'Attribute'}}]"),
            TS_ERR, AM(0) ".source.name", "error", "an Attribute source needs a string name");
  t_hostile(U_OM(", 'attributeMappings': [{'targetAttributeName': 'city', 'source': {'type': 'Lookup', 'name': 'x'}}]"),
            TS_ERR, AM(0) ".source.type", "error", "unknown source type \"Lookup\"");
  t_hostile(U_OM(", 'attributeMappings': [{'targetAttributeName': 'city', 'matchingPriority': '1',"
                 " 'source': {'name': 'city'}}]"), TS_ERR, AM(0) ".matchingPriority", "error",
            "expected a number, found a string");
  t_hostile(U_OM(", 'attributeMappings': [{'targetAttributeName': 'city', 'defaultValue': 5,"
                 " 'source': {'name': 'city'}}]"), TS_ERR, AM(0) ".defaultValue", "error",
            "expected a string, found a number");
  t_hostile(U_OM(", 'enabled': 'yes'"), TS_ERR, OM ".enabled", "error", "expected true or false, found a string");
  t_hostile(U_OM(", 'flowTypes': 7"), TS_ERR, OM ".flowTypes", "error", "expected a string, found a number");
  t_hostile(U_OM(", 'scope': 'all'"), TS_ERR, OM ".scope", "error", "expected an object, found a string");
  t_hostile(U_OM(", 'scope': {'groups': {}}"), TS_ERR, OM ".scope.groups", "error",
            "expected an array, found an object");
  t_hostile(U_OM(", 'metadata': [{'value': 'x'}]"), TS_ERR, OM ".metadata[0].key", "error",
            "expected a string, found nothing");
  t_hostile("{'synchronizationRules': [{'containerFilter': 'x', 'objectMappings': [{'name': 'u',"
            " 'sourceObjectName': 'User', 'targetObjectName': 'User'}]}]}", TS_ERR,
            "$.synchronizationRules[0].containerFilter", "error", "expected an object, found a string");
}
END_TEST

START_TEST(test_explicit_nulls_are_accepted_for_object_members){
  t_hostile("{'@odata.context': 'x', 'id': null, 'version': null, 'directories': null,"
            " 'synchronizationRules': [{'containerFilter': null, 'groupFilter': null, 'metadata': null,"
            " 'objectMappings': [{'name': 'u', 'sourceObjectName': 'User', 'targetObjectName': 'User',"
            " 'metadata': null, 'scope': null, 'flowTypes': null, 'enabled': null, 'attributeMappings': ["
            "  {'targetAttributeName': 'city', 'source': {'name': 'city', 'parameters': null,"
            "   'expression': null, 'type': null}, 'defaultValue': null, 'flowType': null,"
            "   'flowBehavior': null, 'matchingPriority': null, 'exportMissingReferences': null},"
            "  {'targetAttributeName': 'mobile', 'source': null}]}]}]}",
            TS_OK, AM(1) ".source", "warning", "no source and no defaultValue");
}
END_TEST

/* n attribute mappings to distinct extension attributes (bSame: all to
** the same one, every one after the first a duplicate). */
static cJSON *t_many(int n, int bSame){
  cJSON *pDoc = t_schema("[]", "");
  cJSON *a = cJSON_GetObjectItemCaseSensitive(t_user_om(pDoc), "attributeMappings");
  int i;
  for(i=0; i<n; i++){
    char zName[80];
    cJSON *am = cJSON_CreateObject(), *s;
    snprintf(zName, sizeof(zName), "extension_0123456789abcdef0123456789abcdef_a%d", bSame ? 0 : i);
    cJSON_AddStringToObject(am, "targetAttributeName", zName);
    s = cJSON_AddObjectToObject(am, "source");
    cJSON_AddStringToObject(s, "name", zName);
    cJSON_AddStringToObject(s, "type", "Attribute");
    ck_assert(cJSON_AddItemToArray(a, am));
  }
  return pDoc;
}

START_TEST(test_a_hundred_thousand_attribute_mappings_import_in_linear_time){
  int bSame;
  for(bSame=0; bSame<2; bSame++){
    cJSON *pDoc = t_many(100000, bSame);
    JsonLoc g;
    int rc;
    /* a quadratic step would exceed the test case's timeout; speed itself
    ** is measured by make bench, not asserted here */
    cJSON *pJob = t_import(pDoc, &g, &rc);
    ck_assert_int_eq(rc, TS_OK);
    ck_assert_int_eq(t_nattr(pJob), bSame ? 1 : 100000);
    ck_assert_int_eq(g.nWarn, bSame ? 99999 : 0);
    ck_assert_int_le(g.nMsg, JSONLOC_MAX_MESSAGES+1);
    cJSON_Delete(pJob);
    cJSON_Delete(pDoc);
    jsonloc_free(&g);
  }
}
END_TEST

/* ------------------------------------------------------------ memory */

START_TEST(test_allocation_failures_give_nomem_without_leaks){
  cJSON *pDoc = t_load(FIX "SYNTHETIC-xts-default-schema-reconstructed.json");
  cJSON *pOM = t_user_om(pDoc);
  cJSON *pJobIn = t_parse("{'mapping':{'attributes':[{'target':'city','type':'Expression','expression':"
    "'ToLower([city])'},{'target':'state','type':'None','defaultValue':'x'}],"
    "'targetObjectActions':{'delete':false}},'groupProvisioning':true,"
    "'scopingFilters':[{'title':'t','clauses':[{'attribute':'mail','operator':'EQUALS','value':'a'},"
    "{'attribute':'city','operator':'IS NULL'}]}]}");
  long n;
  int bImportDone = 0, bExportDone = 0;
  cJSON_ReplaceItemInObjectCaseSensitive(pOM, "scope", t_parse(
    "{'groups': [{'name': 'a', 'clauses': [{'operatorName': 'EQUALS', 'sourceOperandName': 'mail',"
    " 'targetOperand': {'values': ['x']}}, {'operatorName': 'IS NULL', 'sourceOperandName': 'dirSyncEnabled'}]},"
    " {'name': 'b', 'clauses': [{'operatorName': 'EQUALS', 'sourceOperandName': 'dirSyncEnabled',"
    " 'targetOperand': {'values': ['x']}}]}]}"));
  mfx_cjson_hooks(1);
  for(n=1; n<20000 && !(bImportDone && bExportDone); n++){
    long nBefore = mem_fail_count();
    JsonLoc g;
    cJSON *pJob = NULL, *pSchema = NULL;
    TsErr err;
    int rc1 = TS_OK, rc2 = TS_OK;
    if( !bImportDone ){
      jsonloc_init(&g, 0);
      pJob = cJSON_CreateObject();
      mem_fail_after(n);
      rc1 = pJob ? graph_schema_import(&g, "s.json", pDoc, pJob) : TS_NOMEM;
      mem_fail_after(0);
      ck_assert_msg(rc1==TS_OK || rc1==TS_NOMEM, "allocation %ld: rc %d\n%s", n, rc1, t_msgs(&g));
      if( mem_fail_count()==nBefore ){
        ck_assert_int_eq(rc1, TS_OK);
        bImportDone = 1;
      }
      cJSON_Delete(pJob);
      jsonloc_free(&g);
    }
    nBefore = mem_fail_count();
    if( !bExportDone ){
      tserr_clear(&err);
      mem_fail_after(n);
      rc2 = graph_schema_export(pJobIn, "id", &pSchema, &err);
      mem_fail_after(0);
      ck_assert_msg(rc2==TS_OK || rc2==TS_NOMEM, "allocation %ld: rc %d %s", n, rc2, err.zMsg);
      ck_assert((rc2==TS_OK)==(pSchema!=NULL));
      if( mem_fail_count()==nBefore ){
        ck_assert_int_eq(rc2, TS_OK);
        bExportDone = 1;
      }
      cJSON_Delete(pSchema);
    }
  }
  mfx_cjson_hooks(0);
  ck_assert(bImportDone && bExportDone);
  cJSON_Delete(pJobIn);
  cJSON_Delete(pDoc);
}
END_TEST

/* ------------------------------------------------------------ suite */

Suite *graph_schema_suite(void){
  Suite *s = suite_create("graph_schema");
  TCase *tcFix = tcase_create("fixtures");
  TCase *tcObj = tcase_create("object mappings");
  TCase *tcHostile = tcase_create("hostile input");
  TCase *tcMem = tcase_create("oom");
  tcase_add_test(tcFix, test_default_schema_imports_every_user_mapping_without_a_warning);
  tcase_add_test(tcFix, test_rule_without_object_mappings_is_an_error);
  tcase_add_test(tcFix, test_filter_on_an_unmodelled_attribute_scopes_no_one);
  tcase_add_test(tcFix, test_salesforce_targets_are_reported_and_left_out);
  tcase_add_test(tcFix, test_salesforce_sources_aimed_at_entra_targets_survive_as_scenario_entries);
  tcase_add_test(tcObj, test_flow_types_without_delete_switch_deletes_off);
  tcase_add_test(tcObj, test_unknown_flow_type_member_is_an_error);
  tcase_add_test(tcObj, test_disabled_user_mapping_switches_every_action_off);
  tcase_add_test(tcObj, test_first_enabled_user_mapping_is_read_and_the_others_reported);
  tcase_add_test(tcObj, test_metadata_and_rule_filters_that_change_behaviour_are_reported);
  tcase_add_test(tcHostile, test_wrong_types_at_every_level_are_errors_not_crashes);
  tcase_add_test(tcHostile, test_explicit_nulls_are_accepted_for_object_members);
  tcase_add_test(tcHostile, test_a_hundred_thousand_attribute_mappings_import_in_linear_time);
  tcase_set_timeout(tcHostile, 300);
  tcase_add_test(tcMem, test_allocation_failures_give_nomem_without_leaks);
  tcase_set_timeout(tcMem, 300);
  suite_add_tcase(s, tcFix);
  suite_add_tcase(s, tcObj);
  suite_add_tcase(s, tcHostile);
  suite_add_tcase(s, tcMem);
  return s;
}
