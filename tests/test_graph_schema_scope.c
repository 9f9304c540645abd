/*
** test_graph_schema_scope.c — a schema's scope (sim/graph/graph_schema_scope.c):
** scope groups become scoping filters, mistakes are errors with their
** paths, an always-true group means no filter, and a group on a forbidden
** attribute is dropped.
*/
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "graph_schema_fixture.h"
#include "suites.h"


/* ------------------------------------------------------------ scope */

static cJSON *t_scoped(const char *zScope, JsonLoc *g, int *pRc){
  StrBuf b;
  cJSON *pDoc, *pJob;
  strbuf_init(&b);
  strbuf_printf(&b, ", 'scope': %s", zScope);
  pDoc = t_schema("[]", strbuf_str(&b));
  pJob = t_import(pDoc, g, pRc);
  cJSON_Delete(pDoc);
  strbuf_free(&b);
  return pJob;
}

START_TEST(test_scope_groups_become_scoping_filters){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_scoped(
    "{'groups': [{'name': 'Sales', 'clauses': ["
    "   {'operatorName': 'EQUALS', 'sourceOperandName': 'department', 'targetOperand': {'values': ['Sales', 'Ops']}},"
    "   {'operatorName': 'IS TRUE', 'sourceOperandName': 'accountEnabled', 'targetOperand': null},"
    "   {'operatorName': 'IS NULL', 'sourceOperandName': 'dirSyncEnabled'}]},"
    "  {'clauses': [{'operatorName': 'REGEX MATCH', 'sourceOperandName': 'mail',"
    "   'targetOperand': {'values': ['^a.*@contoso\\\\.com$']}}]}],"
    " 'inputFilterGroups': [{'name': 'x', 'clauses': []}], 'categoryFilterGroups': null}", &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  ck_assert_int_eq(g.nWarn, 3);
  t_expect(&g, OM ".scope.inputFilterGroups", "warning", "inputFilterGroups (experimental) is not modelled");
  t_expect(&g, OM ".scope.groups[0].clauses[0].targetOperand.values", "warning", "more than one value;"
           " tenantsim compares with the first only");
  t_expect(&g, OM ".scope.groups[0].clauses[2].sourceOperandName", "warning", "dirSyncEnabled is not"
           " modelled: no simulated user has a value, so this IS NULL clause is always true and is left out");
  t_member_is(pJob, "scopingFilters", "[{'title':'Sales','clauses':["
    "{'attribute':'department','operator':'EQUALS','value':'Sales'},"
    "{'attribute':'accountEnabled','operator':'IS TRUE'}]},"
    "{'clauses':[{'attribute':'mail','operator':'REGEX MATCH','value':'^a.*@contoso\\\\.com$'}]}]");
  t_validates(pJob);
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_scope_mistakes_are_errors_with_their_paths){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_scoped(
    "{'groups': [{'name': 'a', 'clauses': ["
    "   {'operatorName': 'LIKE', 'sourceOperandName': 'department', 'targetOperand': {'values': ['x']}},"
    "   {'operatorName': 'REGEX MATCH', 'sourceOperandName': 'mail', 'targetOperand': {'values': ['(']}},"
    "   {'operatorName': 'EQUALS', 'sourceOperandName': 'mail', 'targetOperand': {'value': 'x'}},"
    "   {'operatorName': 'EQUALS', 'sourceOperandName': 'mail', 'targetOperand': null},"
    "   {'operatorName': 'Greater_Than', 'sourceOperandName': 'employeeId', 'targetOperand': {'values': ['ten']}},"
    "   {'operatorName': 'EQUALS', 'targetOperand': {'values': [3]}}]},"
    "  {'name': 'b', 'clauses': []}, {'name': 'c'}, 'd']}", &g, &rc);
  ck_assert_int_eq(rc, TS_ERR);
  t_expect(&g, OM ".scope.groups[0].clauses[0].operatorName", "error", "unknown operatorName \"LIKE\";"
           " expected one of EQUALS, NOT EQUALS");
  t_expect(&g, OM ".scope.groups[0].clauses[1].targetOperand.values[0]", "error", "the pattern does not compile");
  t_expect(&g, OM ".scope.groups[0].clauses[2].targetOperand.values", "error", "expected an array, found nothing");
  t_expect(&g, OM ".scope.groups[0].clauses[3].targetOperand", "error", "operator EQUALS needs a value"
           " in targetOperand.values");
  t_expect(&g, OM ".scope.groups[0].clauses[4].targetOperand.values[0]", "error", "Greater_Than compares"
           " integers; \"ten\" is not one");
  t_expect(&g, OM ".scope.groups[0].clauses[5].sourceOperandName", "error", "expected a string, found nothing");
  t_expect(&g, OM ".scope.groups[1].clauses", "error", "a filter group needs at least one clause");
  t_expect(&g, OM ".scope.groups[2].clauses", "error", "expected an array, found nothing");
  t_expect(&g, OM ".scope.groups[3]", "error", "expected a filterGroup object, found a string");
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_always_true_group_means_no_filter_and_forbidden_attributes_drop_their_group){
  JsonLoc g;
  int rc;
  cJSON *pJob = t_scoped(
    "{'groups': [{'clauses': [{'operatorName': 'EQUALS', 'sourceOperandName': 'userType',"
    "   'targetOperand': {'values': ['Member']}}]},"
    "  {'clauses': [{'operatorName': 'IS NULL', 'sourceOperandName': 'dirSyncEnabled'}]}]}", &g, &rc);
  ck_assert_int_eq(rc, TS_OK);
  t_expect(&g, OM ".scope.groups[0].clauses[0].sourceOperandName", "warning", "userType cannot be a"
           " scoping attribute");
  t_expect(&g, OM ".scope.groups[1]", "warning", "every clause of this group is always true");
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pJob, "scopingFilters"));
  cJSON_Delete(pJob);
  jsonloc_free(&g);
}
END_TEST

Suite *graph_schema_scope_suite(void){
  Suite *s = suite_create("graph_schema_scope");
  TCase *tcScope = tcase_create("scope");
  tcase_add_test(tcScope, test_scope_groups_become_scoping_filters);
  tcase_add_test(tcScope, test_scope_mistakes_are_errors_with_their_paths);
  tcase_add_test(tcScope, test_always_true_group_means_no_filter_and_forbidden_attributes_drop_their_group);
  suite_add_tcase(s, tcScope);
  return s;
}
