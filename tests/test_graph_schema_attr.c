/*
** test_graph_schema_attr.c — a schema's attribute mappings to and from the
** scenario's mapping entries (sim/graph/graph_schema_attr.c): flow types and
** behaviours, expressions that must compile, function sources rendered,
** nesting limits, the engine's own entries, what the scenario would refuse,
** null sources and default values.
*/
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "graph_schema_fixture.h"
#include "suites.h"


/* ------------------------------------------------------------ attribute mappings */

START_TEST(test_unknown_flow_type_and_behaviour_enums_are_errors){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one("{'targetAttributeName': 'city', 'flowType': 'Sometimes', 'flowBehavior': 'Eager',"
                      " 'source': {'name': 'city', 'type': 'Attribute'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, AM(0) ".flowType", "error", "unknown flowType \"Sometimes\"; expected Always,"
           " ObjectAddOnly, MultiValueAddOnly, ValueAddOnly or AttributeAddOnly");
  t_expect(&g, AM(0) ".flowBehavior", "error", "unknown flowBehavior \"Eager\"");
  ck_assert_int_eq(t_nattr(pJob), 0);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_add_only_flow_types_and_flow_always_are_warned_and_imported_as_always){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one("{'targetAttributeName': 'city', 'flowType': 'AttributeAddOnly', 'flowBehavior':"
                      " 'FlowAlways', 'exportMissingReferences': true,"
                      " 'source': {'expression': '[city]', 'name': 'city', 'type': 'Attribute'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_eq(g.nWarn, 3);
  t_expect(&g, AM(0) ".flowType", "warning", "flowType AttributeAddOnly is not modelled; imported as Always");
  t_expect(&g, AM(0) ".flowBehavior", "warning", "flowBehavior FlowAlways is not modelled");
  t_expect(&g, AM(0) ".exportMissingReferences", "warning", "exportMissingReferences true is not modelled");
  t_attr_is(pJob, 0, "{'target':'city','type':'Direct','source':'city'}");
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_expression_that_does_not_compile_is_an_error_with_its_column){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one("{'targetAttributeName': 'mail', 'source': {'type': 'Function', 'name': 'Join',"
                      " 'expression': 'Join(\\'@\\', [mail]'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, AM(0) ".source.expression", "error", "column 17: expected");
  ck_assert_int_eq(t_nattr(pJob), 0);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_unsupported_function_is_an_error){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one("{'targetAttributeName': 'mail', 'source': {'type': 'Function', 'name': 'Frobnicate',"
                      " 'expression': 'Frobnicate([mail])'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, AM(0) ".source.expression", "error", "column 1:");
  ck_assert(strstr(t_msgs(&g), "Frobnicate")!=NULL);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_name_and_expression_that_disagree_take_the_expression){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one("{'targetAttributeName': 'mail', 'source': {'type': 'Attribute', 'name': 'mail',"
                      " 'expression': 'ToLower([mail])'}},"
                      "{'targetAttributeName': 'city', 'source': {'type': 'Attribute', 'name': 'mail',"
                      " 'expression': '[city]'}},"
                      "{'targetAttributeName': 'state', 'source': {'type': 'Constant', 'name': 'x',"
                      " 'expression': '\\'WA\\''}}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_eq(g.nWarn, 3);
  t_expect(&g, AM(0) ".source.expression", "warning", "the expression ToLower([mail]) disagrees with"
           " the attribute's name ([mail]); the expression is used");
  t_attr_is(pJob, 0, "{'target':'mail','type':'Expression','expression':'ToLower([mail])'}");
  t_attr_is(pJob, 1, "{'target':'city','type':'Direct','source':'city'}");
  t_attr_is(pJob, 2, "{'target':'state','type':'Constant','value':'WA'}");
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_function_source_without_text_is_rendered_and_compiled){
  JsonLoc g;
  int rc;
  const char *z;
  cJSON *pJob = t_one("{'targetAttributeName': 'mailNickname', 'source': {'type': 'Function', 'name': 'ToLower',"
                      " 'parameters': [{'key': 'source', 'value': {'name': 'mailNickname', 'type': 'Attribute'}}]}}",
                      &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t_attr(pJob, 0), "type")), "Expression");
  z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t_attr(pJob, 0), "expression"));
  ck_assert_msg(z && strncmp(z, "ToLower(", 8)==0 && strstr(z, "[mailNickname]"), "%s", z);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

/* A Function source nested n deep, with or without expression text. */
static cJSON *t_deep(int n){
  cJSON *pSrc = cJSON_CreateObject(), *p = pSrc;
  int i;
  for(i=0; i<n; i++){
    cJSON *a = cJSON_AddArrayToObject(p, "parameters"), *kv = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "name", "ToLower");
    cJSON_AddStringToObject(p, "type", "Function");
    cJSON_AddItemToArray(a, kv);
    cJSON_AddStringToObject(kv, "key", "source");
    p = cJSON_AddObjectToObject(kv, "value");
  }
  cJSON_AddStringToObject(p, "name", "mail");
  cJSON_AddStringToObject(p, "type", "Attribute");
  return pSrc;
}

START_TEST(test_deeply_nested_function_sources_are_errors_not_crashes){
  cJSON *pDoc = t_schema("[{'targetAttributeName': 'mail'}, {'targetAttributeName': 'city'}]", "");
  cJSON *a = cJSON_GetObjectItemCaseSensitive(t_user_om(pDoc), "attributeMappings");
  StrBuf b;
  JsonLoc g;
  int rc, i;
  cJSON *pJob;
  cJSON_AddItemToObject(cJSON_GetArrayItem(a, 0), "source", t_deep(20000));
  strbuf_init(&b);
  for(i=0; i<150; i++) strbuf_append(&b, "ToLower(");
  strbuf_append(&b, "[city]");
  for(i=0; i<150; i++) strbuf_append(&b, ")");
  {
    cJSON *pSrc = cJSON_CreateObject();
    cJSON_AddStringToObject(pSrc, "type", "Function");
    cJSON_AddStringToObject(pSrc, "expression", strbuf_str(&b));
    cJSON_AddItemToObject(cJSON_GetArrayItem(a, 1), "source", pSrc);
  }
  strbuf_free(&b);
  pJob = t_import(pDoc, &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, AM(0) ".source", "error", "function calls nested deeper than 100 levels");
  t_expect(&g, AM(1) ".source.expression", "error", "column");
  ck_assert_int_eq(t_nattr(pJob), 0);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_matching_and_soft_delete_entries_are_the_engines){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one(
    "{'targetAttributeName': 'alternativeSecurityIds', 'matchingPriority': 1, 'source': {'type': 'Function',"
    " 'name': 'AltSecIdFromNetId', 'parameters': [{'key': 'source', 'value': {'name': 'netId', 'type': 'Attribute'}}]}},"
    "{'targetAttributeName': 'IsSoftDeleted', 'source': {'name': 'IsSoftDeleted', 'type': 'Attribute'}},"
    "{'targetAttributeName': 'alternativeSecurityIds', 'matchingPriority': 1, 'source': {'name': 'mail'}},"
    "{'targetAttributeName': 'IsSoftDeleted', 'source': {'name': 'x', 'type': 'Constant'}},"
    "{'targetAttributeName': 'mail', 'matchingPriority': 2, 'source': {'name': 'mail'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_eq(g.nWarn, 3);
  t_expect(&g, AM(2), "warning", "the matching attribute cannot be changed (the service rejects"
           " extra matching attributes with schemaInvalid); tenantsim matches on"
           " alternativeSecurityIds from AltSecIdFromNetId([netId]) only; mapping skipped");
  t_expect(&g, AM(3), "warning", "IsSoftDeleted is managed by the provisioning engine");
  t_expect(&g, AM(4) ".matchingPriority", "warning", "the service rejects extra matching attributes");
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':[{'target':'mail','type':'Direct','source':'mail'}]}");
  t_validates(pJob);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_what_the_scenario_would_refuse_is_warned_and_skipped){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one(
    "{'targetAttributeName': 'otherMails', 'source': {'name': 'mail'}},"
    "{'targetAttributeName': 'mobile', 'source': {'name': 'mail'}},"
    "{'targetAttributeName': 'city', 'source': {'name': 'mobile'}},"
    "{'targetAttributeName': 'state', 'source': {'type': 'Function', 'expression': 'ToLower([mobile])'}},"
    "{'targetAttributeName': 'mailNickname', 'source': {'type': 'Function',"
    " 'expression': 'SelectUniqueValue([mail], [givenName])'}},"
    "{'targetAttributeName': 'displayName', 'flowType': 'ObjectAddOnly', 'source': {'type': 'Function',"
    " 'expression': 'SelectUniqueValue([mail], [givenName])'}},"
    "{'targetAttributeName': 'displayName', 'source': {'name': 'mail'}},"
    "{'targetAttributeName': 'extension_0123456789abcdef0123456789abcdef_cost', 'source':"
    " {'name': 'extension_0123456789abcdef0123456789abcdef_cost'}},"
    "{'targetAttributeName': 'jobTitle', 'source': {'name': 'employeeType'}}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  t_expect(&g, AM(0) ".targetAttributeName", "warning", "otherMails cannot be a target attribute"
           " of cross-tenant synchronization; mapping skipped");
  t_expect(&g, AM(1) ".targetAttributeName", "warning", "target attribute mobile is not modelled by"
           " tenantsim; mapping skipped");
  t_expect(&g, AM(2) ".source", "warning", "source attribute mobile is not modelled by tenantsim;"
           " mapping to city skipped");
  t_expect(&g, AM(3) ".source.expression", "warning", "the expression reads [mobile], an attribute"
           " tenantsim does not model; mapping to state skipped");
  t_expect(&g, AM(4) ".source.expression", "warning", "SelectUniqueValue is for object creation only");
  t_expect(&g, AM(6) ".targetAttributeName", "warning", "a second mapping for displayName (the first"
           " is attributeMappings[5]); skipped");
  t_expect(&g, AM(8) ".source", "warning", "source attribute employeeType is not modelled");
  ck_assert_int_eq(g.nWarn, 7);
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':["
    "{'target':'displayName','type':'Expression','expression':'SelectUniqueValue([mail], [givenName])',"
    "'flowType':'ObjectAddOnly'},"
    "{'target':'extension_0123456789abcdef0123456789abcdef_cost','type':'Direct',"
    "'source':'extension_0123456789abcdef0123456789abcdef_cost'}]}");
  t_validates(pJob);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_null_source_takes_the_default_value_or_is_skipped){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_one(
    "{'targetAttributeName': 'companyName', 'source': null, 'defaultValue': 'Contoso'},"
    "{'targetAttributeName': 'department', 'source': null, 'defaultValue': null},"
    "{'targetAttributeName': 'jobTitle', 'source': null, 'defaultValue': ''},"
    "{'targetAttributeName': 'city', 'source': {'name': 'city'}, 'defaultValue': ''},"
    "{'targetAttributeName': 'state', 'source': {'name': 'state'}, 'defaultValue': 'WA'}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_eq(g.nWarn, 2);
  t_expect(&g, AM(1) ".source", "warning", "no source and no defaultValue: nothing flows to"
           " department; mapping skipped");
  t_expect(&g, AM(2) ".source", "warning", "no source and no defaultValue");
  t_member_is(pJob, "mapping", "{'replace':true,'attributes':["
    "{'target':'companyName','type':'None','defaultValue':'Contoso'},"
    "{'target':'city','type':'Direct','source':'city'},"
    "{'target':'state','type':'Direct','source':'state','defaultValue':'WA'}]}");
  t_validates(pJob);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

Suite *graph_schema_attr_suite(void){
  Suite *s = suite_create("graph_schema_attr");
  TCase *tcAttr = tcase_create("attribute mappings");
  tcase_add_test(tcAttr, test_unknown_flow_type_and_behaviour_enums_are_errors);
  tcase_add_test(tcAttr, test_add_only_flow_types_and_flow_always_are_warned_and_imported_as_always);
  tcase_add_test(tcAttr, test_expression_that_does_not_compile_is_an_error_with_its_column);
  tcase_add_test(tcAttr, test_unsupported_function_is_an_error);
  tcase_add_test(tcAttr, test_name_and_expression_that_disagree_take_the_expression);
  tcase_add_test(tcAttr, test_function_source_without_text_is_rendered_and_compiled);
  tcase_add_test(tcAttr, test_deeply_nested_function_sources_are_errors_not_crashes);
  tcase_add_test(tcAttr, test_matching_and_soft_delete_entries_are_the_engines);
  tcase_add_test(tcAttr, test_what_the_scenario_would_refuse_is_warned_and_skipped);
  tcase_add_test(tcAttr, test_null_source_takes_the_default_value_or_is_skipped);
  suite_add_tcase(s, tcAttr);
  return s;
}
