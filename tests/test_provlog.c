/*
** test_provlog.c — the provisioning log: rows written by a cycle carry the
** facts of Graph's provisioningSteps, and the renderers turn them into
** Graph's provisioningStep and modifiedProperty shapes.
*/
#include <check.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "provlog.h"
#include "provjson.h"
#include "suites.h"

static cJSON *render_steps(const ProvFacts *f){
  StrBuf b;
  cJSON *p;
  strbuf_init(&b);
  provjson_steps(f, &b);
  ck_assert(!b.bErr);
  p = cJSON_Parse(strbuf_str(&b));
  ck_assert_msg(p!=NULL, "not JSON: %s", strbuf_str(&b));
  strbuf_free(&b);
  return p;
}

static const char *str_at(const cJSON *pStep, const char *zKey){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pStep, zKey);
  ck_assert_msg(cJSON_IsString(c), "%s is not a string", zKey);
  return c->valuestring;
}

static ProvFacts created(void){
  ProvFacts f;
  memset(&f, 0, sizeof(f));
  f.zStatus = "success"; f.zAction = "create"; f.zChangeType = "Add";
  f.zSourceDisplay = "Alice \"Al\" Adams"; f.zSourceObjectId = "obj-1"; f.zSourceNetId = "1000ABCD";
  f.zTargetTenant = "fabrikam";
  f.bActive = 1; f.bAssigned = 1; f.bFilter = 1;
  f.zMatch = "none"; f.zExportStep = "EntryExportAdd";
  return f;
}

START_TEST(test_created_user_has_import_scoping_matching_and_export_steps){
  ProvFacts f = created();
  cJSON *p = render_steps(&f);
  const cJSON *s;
  ck_assert_int_eq(cJSON_GetArraySize(p), 4);
  s = cJSON_GetArrayItem(p, 0);
  ck_assert_str_eq(str_at(s, "name"), "EntryImportAdd");
  ck_assert_str_eq(str_at(s, "provisioningStepType"), "import");
  ck_assert_str_eq(str_at(s, "description"),
                   "Received User 'Alice \"Al\" Adams' change of type (Add) from Azure Active Directory");
  ck_assert_str_eq(str_at(cJSON_GetObjectItemCaseSensitive(s, "details"), "netId"), "1000ABCD");
  s = cJSON_GetArrayItem(p, 1);
  ck_assert_str_eq(str_at(s, "provisioningStepType"), "scoping");
  ck_assert_str_eq(str_at(s, "status"), "success");
  ck_assert_str_eq(str_at(cJSON_GetObjectItemCaseSensitive(s, "details"),
                          "Assigned to the application"), "True");
  s = cJSON_GetArrayItem(p, 2);
  ck_assert_str_eq(str_at(s, "provisioningStepType"), "matching");
  ck_assert_str_eq(str_at(s, "name"), "EntrySynchronizationAdd");
  ck_assert_ptr_nonnull(strstr(str_at(s, "description"), "no matching User was found"));
  s = cJSON_GetArrayItem(p, 3);
  ck_assert_str_eq(str_at(s, "name"), "EntryExportAdd");
  ck_assert_str_eq(str_at(s, "provisioningStepType"), "export");
  ck_assert_ptr_nonnull(strstr(str_at(s, "description"), "was created"));
  ck_assert_str_eq(str_at(cJSON_GetObjectItemCaseSensitive(s, "details"), "ReportableIdentifier"),
                   "Alice \"Al\" Adams");
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_out_of_scope_user_has_skipped_scoping_with_reason_and_no_export){
  ProvFacts f = created();
  cJSON *p;
  const cJSON *s;
  f.zMatch = NULL; f.zExportStep = NULL; f.bAssigned = 0;
  f.zSkipReason = "unassigned"; f.zStatus = "skipped"; f.zAction = "other";
  f.zReason = "The User is out of scope";
  p = render_steps(&f);
  ck_assert_int_eq(cJSON_GetArraySize(p), 3);
  s = cJSON_GetArrayItem(p, 1);
  ck_assert_str_eq(str_at(s, "status"), "skipped");
  ck_assert_str_eq(str_at(cJSON_GetObjectItemCaseSensitive(s, "details"), "SkipReason"), "unassigned");
  s = cJSON_GetArrayItem(p, 2);
  ck_assert_str_eq(str_at(s, "name"), "EntrySynchronizationSkip");
  ck_assert_str_eq(str_at(s, "description"), "The User is out of scope");
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_soft_delete_export_is_described_as_soft_deleted){
  ProvFacts f = created();
  cJSON *p;
  f.zAction = "delete"; f.zExportStep = "EntryExportUpdateSoftDelete"; f.zMatch = NULL;
  f.zSkipReason = "deleted"; f.zChangeType = "Delete";
  p = render_steps(&f);
  ck_assert_ptr_nonnull(strstr(str_at(cJSON_GetArrayItem(p, 2), "description"), "soft-deleted"));
  ck_assert_ptr_nonnull(strstr(str_at(cJSON_GetArrayItem(p, 0), "description"), "(Delete)"));
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_modified_properties_render_as_graph_objects){
  StrBuf b;
  cJSON *p, *c;
  strbuf_init(&b);
  ck_assert_int_eq(provjson_modified("[[\"department\",\"Sales\",\"Ops\"],"
                                         "[\"mail\",null,\"a@b.c\"]]", &b), 0);
  p = cJSON_Parse(strbuf_str(&b));
  ck_assert_ptr_nonnull(p);
  ck_assert_int_eq(cJSON_GetArraySize(p), 2);
  c = cJSON_GetArrayItem(p, 0);
  ck_assert_str_eq(str_at(c, "displayName"), "department");
  ck_assert_str_eq(str_at(c, "oldValue"), "Sales");
  ck_assert_str_eq(str_at(c, "newValue"), "Ops");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(p, 1), "oldValue")));
  cJSON_Delete(p);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_modified("[]", &b), 0);
  ck_assert_str_eq(strbuf_str(&b), "[]");
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_modified("{\"not\":\"an array\"}", &b), -1);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_modified("[[\"only-two\",null]]", &b), -1);
  strbuf_free(&b);
}
END_TEST

Suite *provlog_suite(void){
  Suite *s = suite_create("provlog");
  TCase *tc = tcase_create("render");
  tcase_add_test(tc, test_created_user_has_import_scoping_matching_and_export_steps);
  tcase_add_test(tc, test_out_of_scope_user_has_skipped_scoping_with_reason_and_no_export);
  tcase_add_test(tc, test_soft_delete_export_is_described_as_soft_deleted);
  tcase_add_test(tc, test_modified_properties_render_as_graph_objects);
  suite_add_tcase(s, tc);
  return s;
}
