/*
** test_provlog.c — the provisioning log: rows written by a cycle carry the
** facts of Graph's provisioningSteps, and the renderers turn them into
** Graph's provisioningStep and modifiedProperty shapes. A create's
** properties are stored as names and values, and the provisioning_log
** view gives back the same triples as a row stored in full.
*/
#include <check.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "engine_fixture.h"
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
  /* A create stored as names and values renders as its triples would. */
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created(NULL, "[\"mail\",\"city\"]", "[\"a@b.c\",null]", &b), 0);
  ck_assert_str_eq(strbuf_str(&b), "[{\"displayName\":\"mail\",\"oldValue\":null,"
                   "\"newValue\":\"a@b.c\"},{\"displayName\":\"city\",\"oldValue\":null,"
                   "\"newValue\":null}]");
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_modified("[[\"mail\",null,\"a@b.c\"],[\"city\",null,null]]", &b), 0);
  ck_assert_str_eq(strbuf_str(&b), "[{\"displayName\":\"mail\",\"oldValue\":null,"
                   "\"newValue\":\"a@b.c\"},{\"displayName\":\"city\",\"oldValue\":null,"
                   "\"newValue\":null}]");
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created(NULL, "[\"mail\"]", "[\"a\",\"b\"]", &b), -1);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created(NULL, "[1]", "[\"a\"]", &b), -1);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created(NULL, NULL, "[\"a\"]", &b), -1);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created(NULL, "[\"n\"]", "[7]", &b), -1);
  strbuf_reset(&b);
  ck_assert_int_eq(provjson_created_triples(NULL, "[\"n\",\"m\"]", "[\"\\b\",null]", &b), 0);
  ck_assert_str_eq(strbuf_str(&b), "[[\"n\",null,\"\\b\"],[\"m\",null,null]]");
  /* One cache across rows: the same list parsed once, another replaces it. */
  {
    ProvNames names;
    memset(&names, 0, sizeof(names));
    strbuf_reset(&b);
    ck_assert_int_eq(provjson_created_triples(&names, "[\"n\"]", "[\"1\"]", &b), 0);
    ck_assert_ptr_nonnull(names.pArr);
    ck_assert_int_eq(provjson_created_triples(&names, "[\"n\"]", "[\"2\"]", &b), 0);
    ck_assert_int_eq(provjson_created_triples(&names, "[\"m\",\"n\"]", "[\"3\",null]", &b), 0);
    ck_assert_str_eq(names.zText, "[\"m\",\"n\"]");
    ck_assert_int_eq(provjson_created_triples(&names, "[\"m\",\"n\"]", "[\"4\"]", &b), -1);
    ck_assert_str_eq(strbuf_str(&b), "[[\"n\",null,\"1\"]][[\"n\",null,\"2\"]]"
                     "[[\"m\",null,\"3\"],[\"n\",null,null]]");
    provjson_names_free(&names);
    ck_assert_ptr_null(names.zText);
  }
  strbuf_free(&b);
}
END_TEST


/* Every control character, a quote, a backslash, a slash and UTF-8. */
static const char zHostile[] =
  "\x01\x02\x03\x04\x05\x06\x07\b\t\n\x0b\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
  "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\"\\/ Zo\xc3\xab \xe2\x9c\x93";

/* Two users created in one cycle, the first with zHostile as its
** department; the view's modified_properties of both rows go to z1, z2. */
static void two_creates(Fixture *f, char *z1, char *z2, size_t n){
  int64_t a, b;
  fx_open(f, 0);
  a = fx_user(f, "amy");
  b = fx_user(f, "bob");
  directory_user_set(&f->w, a, A_DEPARTMENT, zHostile);
  fx_assign(f, a);
  fx_assign(f, b);
  job_start(&f->w, fx_job(f));
  ck_assert(fx_cycle(f, 0));
  ck_assert_int_eq(fx_int(f, "SELECT count(*) FROM provisioning_log WHERE action='create'"), 2);
  fx_text(f, z1, n, "SELECT modified_properties FROM provisioning_log WHERE source_user=%lld",
          (long long)a);
  fx_text(f, z2, n, "SELECT modified_properties FROM provisioning_log WHERE source_user=%lld",
          (long long)b);
}

START_TEST(test_creates_are_stored_as_one_name_list_and_their_values){
  Fixture f;
  char z1[4096], z2[4096];
  two_creates(&f, z1, z2, sizeof(z1));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM property_lists"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log_rows WHERE action='create'"
                              " AND modified_properties IS NULL AND property_list=1"
                              " AND json_valid(created_values)"), 2);
  /* The view's text: SQLite's escapes, the same as the engine's. */
  ck_assert_ptr_nonnull(strstr(z1, "[\"department\",null,\"\\u0001\\u0002\\u0003\\u0004\\u0005"
                                   "\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e"));
  ck_assert_ptr_nonnull(strstr(z1, "\\u001f\\\"\\\\/ Zo\xc3\xab \xe2\x9c\x93\"]"));
  ck_assert_ptr_nonnull(strstr(z2, "[\"department\",null,\"Sales\"]"));
  ck_assert_int_eq(z1[0], '[');
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log p, json_each(p.modified_properties) e"
                              " WHERE json_extract(e.value, '$[0]')='department'"
                              " AND json_extract(e.value, '$[2]')=%Q", zHostile), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_a_create_stored_in_full_reads_the_same_through_the_view){
  Fixture f;
  char zC1[4096], zC2[4096], zF1[4096], zF2[4096];
  two_creates(&f, zC1, zC2, sizeof(zC1));
  fx_close(&f);
  ck_assert_int_eq(setenv("TENANTSIM_FULL_PROPERTIES", "1", 1), 0);
  two_creates(&f, zF1, zF2, sizeof(zF1));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM property_lists"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log_rows"
                              " WHERE created_values IS NOT NULL"), 0);
  fx_close(&f);
  unsetenv("TENANTSIM_FULL_PROPERTIES");
  ck_assert_str_eq(zC1, zF1);
  ck_assert_str_eq(zC2, zF2);
}
END_TEST

/* A row holds its properties one way: in full, or as a list and values. */
START_TEST(test_a_row_holds_its_properties_in_full_or_as_list_and_values){
  static const char zIns[] = "INSERT INTO provisioning_log_rows(activity_at, job, cycle,"
    " change_id, action, status, duration_ms, change_type, scope_active, scope_assigned,"
    " scope_filter, modified_properties, property_list, created_values)"
    " VALUES(0,0,0,'x','create','success',1,'Add',1,1,1,%s)";
  const char *az[] = { "'[]',1,'[\"a\"]'", "NULL,NULL,NULL", "NULL,1,NULL" };
  char zSql[512];
  size_t i;
  Fixture f;
  fx_open(&f, 0);
  for(i=0; i<sizeof(az)/sizeof(az[0]); i++){
    snprintf(zSql, sizeof(zSql), zIns, az[i]);
    ck_assert_int_eq(sqlite3_exec(store_db(f.w.pStore), zSql, NULL, NULL, NULL), SQLITE_CONSTRAINT);
  }
  fx_close(&f);
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
  tc = tcase_create("storage");
  tcase_add_test(tc, test_creates_are_stored_as_one_name_list_and_their_values);
  tcase_add_test(tc, test_a_create_stored_in_full_reads_the_same_through_the_view);
  tcase_add_test(tc, test_a_row_holds_its_properties_in_full_or_as_list_and_values);
  suite_add_tcase(s, tc);
  return s;
}
