/*
** test_graph_schema_export.c — a scenario job exported as a
** synchronizationSchema (sim/graph/graph_schema_export.c): the Azure2Azure
** shape, entries merged into the default as the runner merges them, and
** import(export(J)) giving J back byte for byte.
*/
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "graph_schema_fixture.h"
#include "suites.h"


/* ------------------------------------------------------------ export */

static cJSON *t_export(const cJSON *pJob){
  cJSON *pSchema = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_msg(graph_schema_export(pJob, "Azure2Azure.x.y", &pSchema, &err)==TS_OK, "%s", err.zMsg);
  ck_assert_ptr_nonnull(pSchema);
  return pSchema;
}

/* The member names of object p, in order, comma-separated. */
static void t_keys_are(const cJSON *p, const char *zWant){
  StrBuf b;
  const cJSON *c;
  strbuf_init(&b);
  for(c=p ? p->child : NULL; c; c=c->next) strbuf_printf(&b, "%s%s", b.n ? "," : "", c->string);
  ck_assert_msg(strcmp(strbuf_str(&b), zWant)==0, "members %s, want %s", strbuf_str(&b), zWant);
  strbuf_free(&b);
}

START_TEST(test_default_job_exports_the_azure2azure_shape){
  cJSON *pJob = t_parse("{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}");
  cJSON *pSchema = t_export(pJob);
  const cJSON *pRule = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pSchema, "synchronizationRules"), 0);
  const cJSON *aOM = cJSON_GetObjectItemCaseSensitive(pRule, "objectMappings");
  const cJSON *pOM = cJSON_GetArrayItem(aOM, 0), *a, *c;
  char *z;
  t_keys_are(pSchema, "id,synchronizationRules,directories");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSchema, "id")), "Azure2Azure.x.y");
  t_keys_are(pRule, "containerFilter,editable,groupFilter,id,metadata,name,objectMappings,priority,"
             "sourceDirectoryName,targetDirectoryName");
  z = cJSON_PrintUnformatted(pRule);
  ck_assert(strstr(z, "{\"containerFilter\":null,\"editable\":true,\"groupFilter\":null,"
                      "\"id\":\"df8df8d1-9e6e-40d3-b8df-09bbb402db7e\",\"metadata\":[],"
                      "\"name\":\"USER_INBOUND_USER\",")==z);
  ck_assert(strstr(z, "\"priority\":1,\"sourceDirectoryName\":\"Azure Active Directory\","
                      "\"targetDirectoryName\":\"Azure Active Directory (target tenant)\"}")!=NULL);
  cJSON_free(z);
  ck_assert_int_eq(cJSON_GetArraySize(aOM), 1);
  t_keys_are(pOM, "attributeMappings,enabled,flowTypes,metadata,name,scope,sourceObjectName,targetObjectName");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pOM, "flowTypes")), "Add, Update, Delete");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pOM, "name")),
                   "Provision Azure Active Directory Users");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(pOM, "scope")));
  a = cJSON_GetObjectItemCaseSensitive(pOM, "attributeMappings");
  ck_assert_int_eq(cJSON_GetArraySize(a), 2+21);
  cJSON_ArrayForEach(c, a){
    t_keys_are(c, "defaultValue,exportMissingReferences,flowBehavior,flowType,matchingPriority,"
               "source,targetAttributeName");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "flowBehavior")), "FlowWhenChanged");
  }
  z = cJSON_PrintUnformatted(cJSON_GetArrayItem(a, 0));
  ck_assert_str_eq(z, "{\"defaultValue\":null,\"exportMissingReferences\":false,\"flowBehavior\":"
    "\"FlowWhenChanged\",\"flowType\":\"Always\",\"matchingPriority\":1,\"source\":{\"expression\":"
    "\"AltSecIdFromNetId([netId])\",\"name\":\"AltSecIdFromNetId\",\"parameters\":[{\"key\":\"source\","
    "\"value\":{\"expression\":\"[netId]\",\"name\":\"netId\",\"parameters\":[],\"type\":\"Attribute\"}}],"
    "\"type\":\"Function\"},\"targetAttributeName\":\"alternativeSecurityIds\"}");
  cJSON_free(z);
  z = cJSON_PrintUnformatted(cJSON_GetArrayItem(a, 1));
  ck_assert(strstr(z, "\"source\":{\"expression\":\"[IsSoftDeleted]\",\"name\":\"IsSoftDeleted\","
                      "\"parameters\":[],\"type\":\"Attribute\"},\"targetAttributeName\":\"IsSoftDeleted\"}"));
  cJSON_free(z);
  z = cJSON_PrintUnformatted(cJSON_GetArrayItem(a, 2+19));
  ck_assert_str_eq(z, "{\"defaultValue\":null,\"exportMissingReferences\":false,\"flowBehavior\":"
    "\"FlowWhenChanged\",\"flowType\":\"ObjectAddOnly\",\"matchingPriority\":0,\"source\":{\"expression\":"
    "\"\\\"Member\\\"\",\"name\":\"Member\",\"parameters\":[],\"type\":\"Constant\"},"
    "\"targetAttributeName\":\"userType\"}");
  cJSON_free(z);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pSchema, "directories")), 0);
  cJSON_Delete(pSchema);
  cJSON_Delete(pJob);
}
END_TEST

START_TEST(test_export_merges_entries_into_the_default_as_the_runner_does){
  cJSON *pJob = t_parse("{'mapping': {'attributes': ["
    "{'target': 'extension_0123456789abcdef0123456789abcdef_cost', 'type': 'Constant', 'value': 'say \\'hi\\' \\\\o/'},"
    "{'target': 'city', 'type': 'None', 'defaultValue': 'Paris'}],"
    " 'targetObjectActions': {'create': true, 'update': false, 'delete': false}},"
    " 'scopingFilters': [{'clauses': [{'attribute': 'department', 'operator': 'IS NOT NULL'},"
    "   {'attribute': 'mail', 'operator': 'ENDS_WITH', 'value': '@contoso.com'}]}],"
    " 'groupProvisioning': true}");
  cJSON *pSchema = t_export(pJob);
  const cJSON *aOM = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
    cJSON_GetObjectItemCaseSensitive(pSchema, "synchronizationRules"), 0), "objectMappings");
  const cJSON *pOM = cJSON_GetArrayItem(aOM, 0), *pGroup = cJSON_GetArrayItem(aOM, 1);
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(pOM, "attributeMappings");
  char *z;
  ck_assert_int_eq(cJSON_GetArraySize(a), 2+21+1);
  z = cJSON_PrintUnformatted(cJSON_GetArrayItem(a, 4));   /* city stays in its place */
  ck_assert_str_eq(z, "{\"defaultValue\":\"Paris\",\"exportMissingReferences\":false,\"flowBehavior\":"
    "\"FlowWhenChanged\",\"flowType\":\"Always\",\"matchingPriority\":0,\"source\":null,"
    "\"targetAttributeName\":\"city\"}");
  cJSON_free(z);
  z = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(a, 23), "source"));
  ck_assert_str_eq(z, "{\"expression\":\"\\\"say \\\\\\\"hi\\\\\\\" \\\\\\\\o/\\\"\",\"name\":\"say \\\"hi\\\" \\\\o/\","
                      "\"parameters\":[],\"type\":\"Constant\"}");
  cJSON_free(z);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pOM, "flowTypes")), "Add");
  z = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(pOM, "scope"));
  ck_assert_str_eq(z, "{\"groups\":[{\"clauses\":[{\"operatorName\":\"IS NOT NULL\",\"sourceOperandName\":"
    "\"department\",\"targetOperand\":null},{\"operatorName\":\"ENDS_WITH\",\"sourceOperandName\":\"mail\","
    "\"targetOperand\":{\"values\":[\"@contoso.com\"]}}],\"name\":\"\"}],\"inputFilterGroups\":[],"
    "\"categoryFilterGroups\":[]}");
  cJSON_free(z);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pGroup, "name")),
                   "Provision Azure Active Directory Groups");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pGroup, "sourceObjectName")), "Group");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pGroup, "flowTypes")), "Add, Update");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pGroup, "attributeMappings")), 2);
  cJSON_Delete(pSchema);
  cJSON_Delete(pJob);
}
END_TEST

/* An exported job warns of nothing, except that a job with every action
** off is a disabled mapping. */
static void t_no_warning_but_disabled(const JsonLoc *g){
  ck_assert_msg(g->nWarn==0 || (g->nWarn==1 && strstr(t_msgs(g), "the User mapping is disabled")),
                "%s", t_msgs(g));
}

/* import(export(J)) == J for the mapping and filters of J = import(S). */
static void t_round_trip(const cJSON *pJob0){
  cJSON *pS1 = t_export(pJob0), *pS2;
  JsonLoc g;
  int rc;
  cJSON *pJ1 = t_import(pS1, &g, &rc), *pJ2;
  const char *azKey[] = { "mapping", "scopingFilters", "groupProvisioning" };
  int i;
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  jsonloc_free(&g);
  pS2 = t_export(pJ1);
  pJ2 = t_import(pS2, &g, &rc);
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  t_no_warning_but_disabled(&g);
  for(i=0; i<3; i++){
    char *z1 = t_print(pJ1, azKey[i]), *z2 = t_print(pJ2, azKey[i]);
    ck_assert_msg(strcmp(z1, z2)==0, "%s changed:\n  %s\n  %s", azKey[i], z1, z2);
    mem_free(z1);
    mem_free(z2);
  }
  t_validates(pJ1);
  cJSON_Delete(pJ1);
  cJSON_Delete(pJ2);
  cJSON_Delete(pS1);
  cJSON_Delete(pS2);
  jsonloc_free(&g);
}

/* J itself comes back, not just a fixed point. */
static void t_round_trip_exact(const char *zJob){
  cJSON *pJ0 = t_parse(zJob), *pS = t_export(pJ0);
  JsonLoc g;
  int rc;
  cJSON *pJ1 = t_import(pS, &g, &rc);
  const char *azKey[] = { "mapping", "scopingFilters", "groupProvisioning" };
  int i;
  ck_assert_msg(rc==TS_OK, "%s", t_msgs(&g));
  t_no_warning_but_disabled(&g);
  for(i=0; i<3; i++){
    char *z0 = t_print(pJ0, azKey[i]), *z1 = t_print(pJ1, azKey[i]);
    ck_assert_msg(strcmp(z0, z1)==0, "%s changed:\n  %s\n  %s", azKey[i], z0, z1);
    mem_free(z0);
    mem_free(z1);
  }
  t_round_trip(pJ0);
  cJSON_Delete(pJ0);
  cJSON_Delete(pJ1);
  cJSON_Delete(pS);
  jsonloc_free(&g);
}

START_TEST(test_import_of_export_gives_the_job_back){
  cJSON *pDoc = t_load(FIX "SYNTHETIC-xts-default-schema-reconstructed.json");
  JsonLoc g;
  int rc;
  cJSON *pJob = t_import(pDoc, &g, &rc), *pDefault;
  t_round_trip(pJob);                           /* the default schema */
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
  pDefault = t_parse("{'key': 'x'}");           /* the engine's default mapping */
  t_round_trip(pDefault);
  cJSON_Delete(pDefault);
  t_round_trip_exact("{'mapping':{'replace':true,'attributes':["
    "{'target':'displayName','type':'Expression','expression':'Join(\\'\\', [displayName], \\' (\\', [department], \\')\\')'},"
    "{'target':'companyName','type':'Expression','expression':'Switch([country], \\'Contoso\\', \\'US\\', \\'Contoso Inc.\\')'},"
    "{'target':'jobTitle','type':'Direct','source':'jobTitle','defaultValue':'Contoso staff'},"
    "{'target':'mailNickname','type':'Expression','expression':'SelectUniqueValue(Join(\\'.\\', [givenName], [surname]), [mail])','flowType':'ObjectAddOnly'},"
    "{'target':'extension_7f3c8a1e2b9d4c6fa0e1d2c3b4a59687_costCenter','type':'Direct','source':'extension_7f3c8a1e2b9d4c6fa0e1d2c3b4a59687_costCenter'},"
    "{'target':'department','type':'None','defaultValue':'n/a'},"
    "{'target':'state','type':'Constant','value':'a \\\\\\'q\\\\\\' b \\\\\\\\ c'},"
    "{'target':'city','type':'Constant','value':''},"
    "{'target':'usageLocation','type':'Expression','expression':' [country] '}],"
    "'targetObjectActions':{'create':true,'update':true,'delete':false}}}");
  t_round_trip_exact("{'mapping':{'replace':true,'attributes':[],"
    "'targetObjectActions':{'create':false,'update':false,'delete':false}}}");
  t_round_trip_exact("{'mapping':{'replace':true,'attributes':[],"
    "'targetObjectActions':{'create':false,'update':true,'delete':true}},"
    "'scopingFilters':[{'title':'Sales','clauses':[{'attribute':'department','operator':'EQUALS','value':'Sales'},"
    "{'attribute':'accountEnabled','operator':'IS TRUE'},{'attribute':'employeeId','operator':'Greater_Than','value':'10'}]},"
    "{'clauses':[{'attribute':'mail','operator':'NOT REGEX MATCH','value':'^x\\\\\\\\d+'},"
    "{'attribute':'extension_7f3c8a1e2b9d4c6fa0e1d2c3b4a59687_costCenter','operator':'IS NOT NULL'}]},"
    "{'title':'never true (unmodelled attributes)','clauses':[{'attribute':'accountEnabled','operator':'IS NULL'}]}],"
    "'groupProvisioning':true}");
}
END_TEST

Suite *graph_schema_export_suite(void){
  Suite *s = suite_create("graph_schema_export");
  TCase *tcExport = tcase_create("export");
  tcase_add_test(tcExport, test_default_job_exports_the_azure2azure_shape);
  tcase_add_test(tcExport, test_export_merges_entries_into_the_default_as_the_runner_does);
  tcase_add_test(tcExport, test_import_of_export_gives_the_job_back);
  suite_add_tcase(s, tcExport);
  return s;
}
