/*
** test_graph_schema.c — a job's synchronizationSchema to and from the
** scenario's mapping, scopingFilters and groupProvisioning: what is read,
** what is reported (with the JSON path) and left out, hostile input, the
** export's shape, and that import(export(J)) gives J back byte for byte.
**
** The documents in tests/fixtures/graph/ are copies of
** /work/shared/reference/graph-examples/ (see that folder's README).
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "mem.h"
#include "strbuf.h"
#include "jsonloc.h"
#include "graph_schema.h"
#include "jsonfile.h"
#include "scenario.h"
#include "suites.h"

#define FIX "tests/fixtures/graph/"
#define OM "$.synchronizationRules[0].objectMappings[0]"
#define AM(i) OM ".attributeMappings[" #i "]"

/* ------------------------------------------------------------ helpers */

/* z with every ' turned into " (a new string the caller frees). */
static char *q(const char *z){
  char *zOut = mem_strdup(z), *p;
  ck_assert_ptr_nonnull(zOut);
  for(p=zOut; *p; p++) if( *p=='\'' ) *p = '"';
  return zOut;
}

static cJSON *t_parse(const char *zJson){
  char *z = q(zJson);
  cJSON *p = cJSON_Parse(z);
  ck_assert_msg(p!=NULL, "test JSON does not parse: %s", z);
  mem_free(z);
  return p;
}

static cJSON *t_load(const char *zFile){
  StrBuf text;
  cJSON *p = NULL;
  TsErr err;
  strbuf_init(&text);
  ck_assert_int_eq(jsonfile_read(zFile, &text, &err), TS_OK);
  ck_assert_int_eq(jsonfile_parse(zFile, strbuf_str(&text), &p, &err), TS_OK);
  strbuf_free(&text);
  return p;
}

/* A schema with one rule and one User mapping whose attributeMappings are
** zAMs (a JSON array, ' for ") and whose further members are zExtra
** (",\"scope\": ..." or ""). */
static cJSON *t_schema(const char *zAMs, const char *zExtra){
  StrBuf b;
  cJSON *p;
  strbuf_init(&b);
  strbuf_printf(&b, "{'synchronizationRules': [{'name': 'USER_INBOUND_USER', 'objectMappings': [{"
                "'name': 'Provision Azure Active Directory Users', 'enabled': true,"
                " 'sourceObjectName': 'User', 'targetObjectName': 'User',"
                " 'attributeMappings': %s%s}]}]}", zAMs, zExtra);
  p = t_parse(strbuf_str(&b));
  strbuf_free(&b);
  return p;
}

/* The first object mapping of the first rule of pDoc. */
static cJSON *t_user_om(cJSON *pDoc){
  return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
    cJSON_GetObjectItemCaseSensitive(pDoc, "synchronizationRules"), 0), "objectMappings"), 0);
}

/* Import pDoc into a fresh job object (returned) with g initialised. */
static cJSON *t_import(const cJSON *pDoc, JsonLoc *g, int *pRc){
  cJSON *pJob = cJSON_CreateObject();
  jsonloc_init(g, 0);
  *pRc = graph_schema_import(g, "s.json", pDoc, pJob);
  return pJob;
}

static const char *t_msgs(const JsonLoc *g){ return strbuf_str(&g->msgs); }

/* Is there a message line containing "PATH: KIND: TEXT..."? */
static void t_expect(const JsonLoc *g, const char *zPath, const char *zKind, const char *zText){
  char zWant[1024];
  snprintf(zWant, sizeof(zWant), "s.json: %s: %s: %s", zPath, zKind, zText);
  ck_assert_msg(strstr(t_msgs(g), zWant)!=NULL, "expected\n  %s\nin\n%s", zWant, t_msgs(g));
}

static char *t_print(const cJSON *pJob, const char *zKey){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pJob, zKey);
  char *z = p ? cJSON_PrintUnformatted(p) : mem_strdup("(absent)");
  ck_assert_ptr_nonnull(z);
  return z;
}

/* Member zKey of pJob printed equals zWant (' for "). */
static void t_member_is(const cJSON *pJob, const char *zKey, const char *zWant){
  char *z = t_print(pJob, zKey), *w = q(zWant);
  ck_assert_msg(strcmp(z, w)==0, "%s:\n  got  %s\n  want %s", zKey, z, w);
  mem_free(z);
  mem_free(w);
}

/* Does the scenario validator accept the imported job (mapping and
** scopingFilters) as it stands? */
static void t_validates(const cJSON *pJob){
  cJSON *pScn = t_parse("{'name': 'imported', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
                        " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com'},"
                        "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
                        " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}");
  cJSON *pJ = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pScn, "jobs"), 0);
  const char *azKeys[] = { "mapping", "scopingFilters" };
  Scenario *p = NULL;
  StrBuf errs;
  TsErr err;
  char *z;
  int i, rc;
  for(i=0; i<2; i++){
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(pJob, azKeys[i]);
    if( c ) cJSON_AddItemToObject(pJ, azKeys[i], cJSON_Duplicate(c, 1));
  }
  z = cJSON_PrintUnformatted(pScn);
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_parse("imported.json", z, &p, &errs, &err);
  ck_assert_msg(rc==TS_OK, "the scenario validator refuses the import:\n%s%s", strbuf_str(&errs), err.zMsg);
  scenario_free(p);
  strbuf_free(&errs);
  cJSON_free(z);
  cJSON_Delete(pScn);
}

static const cJSON *t_attr(const cJSON *pJob, int i){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(pJob, "mapping"),
                                                     "attributes");
  return cJSON_GetArrayItem(a, i);
}

static int t_nattr(const cJSON *pJob){
  return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
    cJSON_GetObjectItemCaseSensitive(pJob, "mapping"), "attributes"));
}

static void t_attr_is(const cJSON *pJob, int i, const char *zWant){
  char *z = cJSON_PrintUnformatted(t_attr(pJob, i)), *w = q(zWant);
  ck_assert_msg(z && strcmp(z, w)==0, "attributes[%d]:\n  got  %s\n  want %s", i, z, w);
  cJSON_free(z);
  mem_free(w);
}

/* Import the one attributeMapping zAM; returns the job. */
static cJSON *t_one(const char *zAM, JsonLoc *g, int *pRc){
  StrBuf b;
  cJSON *pDoc, *pJob;
  strbuf_init(&b);
  strbuf_printf(&b, "[%s]", zAM);
  pDoc = t_schema(strbuf_str(&b), "");
  pJob = t_import(pDoc, g, pRc);
  cJSON_Delete(pDoc);
  strbuf_free(&b);
  return pJob;
}

/* ------------------------------------------------------------ fixtures */

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

/* ------------------------------------------------------------ memory */

START_TEST(test_allocation_failures_give_nomem_without_leaks){
  cJSON *pDoc = t_load(FIX "SYNTHETIC-xts-default-schema-reconstructed.json");
  cJSON *pOM = t_user_om(pDoc);
  cJSON *pJobIn = t_parse("{'mapping':{'attributes':[{'target':'city','type':'Expression','expression':"
    "'ToLower([city])'},{'target':'state','type':'None','defaultValue':'x'}],"
    "'targetObjectActions':{'delete':false}},'groupProvisioning':true,"
    "'scopingFilters':[{'title':'t','clauses':[{'attribute':'mail','operator':'EQUALS','value':'a'},"
    "{'attribute':'city','operator':'IS NULL'}]}]}");
  cJSON_Hooks hooks;
  long n;
  int bImportDone = 0, bExportDone = 0;
  cJSON_ReplaceItemInObjectCaseSensitive(pOM, "scope", t_parse(
    "{'groups': [{'name': 'a', 'clauses': [{'operatorName': 'EQUALS', 'sourceOperandName': 'mail',"
    " 'targetOperand': {'values': ['x']}}, {'operatorName': 'IS NULL', 'sourceOperandName': 'dirSyncEnabled'}]},"
    " {'name': 'b', 'clauses': [{'operatorName': 'EQUALS', 'sourceOperandName': 'dirSyncEnabled',"
    " 'targetOperand': {'values': ['x']}}]}]}"));
  hooks.malloc_fn = mem_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(&hooks);
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
  cJSON_InitHooks(NULL);
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
  TCase *tcAttr = tcase_create("attribute mappings");
  TCase *tcScope = tcase_create("scope");
  TCase *tcHostile = tcase_create("hostile input");
  TCase *tcExport = tcase_create("export");
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
  tcase_add_test(tcScope, test_scope_groups_become_scoping_filters);
  tcase_add_test(tcScope, test_scope_mistakes_are_errors_with_their_paths);
  tcase_add_test(tcScope, test_always_true_group_means_no_filter_and_forbidden_attributes_drop_their_group);
  tcase_add_test(tcHostile, test_wrong_types_at_every_level_are_errors_not_crashes);
  tcase_add_test(tcHostile, test_explicit_nulls_are_accepted_for_object_members);
  tcase_add_test(tcHostile, test_a_hundred_thousand_attribute_mappings_import_in_linear_time);
  tcase_set_timeout(tcHostile, 300);
  tcase_add_test(tcExport, test_default_job_exports_the_azure2azure_shape);
  tcase_add_test(tcExport, test_export_merges_entries_into_the_default_as_the_runner_does);
  tcase_add_test(tcExport, test_import_of_export_gives_the_job_back);
  tcase_add_test(tcMem, test_allocation_failures_give_nomem_without_leaks);
  tcase_set_timeout(tcMem, 300);
  suite_add_tcase(s, tcFix);
  suite_add_tcase(s, tcObj);
  suite_add_tcase(s, tcAttr);
  suite_add_tcase(s, tcScope);
  suite_add_tcase(s, tcHostile);
  suite_add_tcase(s, tcExport);
  suite_add_tcase(s, tcMem);
  return s;
}
