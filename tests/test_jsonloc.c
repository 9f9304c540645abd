/*
** test_jsonloc.c — the specification of engine/base/jsonloc.c: JSON paths
** as messages write them, type names, typed look-ups that record a located
** error for a missing or mistyped member, warnings that --strict turns
** into errors, and a message list that stops growing at its limit.
*/
#include <check.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "jsonloc.h"
#include "suites.h"
#include "tslimits.h"

START_TEST(test_paths_use_dots_for_plain_keys_and_brackets_otherwise){
  char z[TS_JSONPATH_MAX];
  jsonloc_path_key(z, sizeof(z), "", "value");
  ck_assert_str_eq(z, "$.value");
  jsonloc_path_idx(z, sizeof(z), "$.value", 3);
  ck_assert_str_eq(z, "$.value[3]");
  jsonloc_path_key(z, sizeof(z), "$.value[3]", "@odata.type");
  ck_assert_str_eq(z, "$.value[3][\"@odata.type\"]");
  jsonloc_path_key(z, sizeof(z), "$", "display name");
  ck_assert_str_eq(z, "$[\"display name\"]");
  jsonloc_path_key(z, sizeof(z), "$", "");
  ck_assert_str_eq(z, "$[\"\"]");
}
END_TEST

START_TEST(test_a_long_path_is_cut_not_overflowed){
  char z[8];
  jsonloc_path_key(z, sizeof(z), "$.aaaaaaaa", "bbbbbbbb");
  ck_assert_uint_eq(strlen(z), sizeof(z)-1);
}
END_TEST

START_TEST(test_type_names_read_as_english){
  cJSON *p = cJSON_Parse("[\"s\", 1, true, null, [], {}]");
  ck_assert_str_eq(jsonloc_type_name(NULL), "nothing");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 0)), "a string");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 1)), "a number");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 2)), "a Boolean");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 3)), "null");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 4)), "an array");
  ck_assert_str_eq(jsonloc_type_name(cJSON_GetArrayItem(p, 5)), "an object");
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_typed_lookups_return_members_of_the_right_type){
  JsonLoc g;
  cJSON *p = cJSON_Parse("{\"s\":\"x\",\"o\":{},\"a\":[1],\"t\":true,\"f\":false,\"n\":null}");
  jsonloc_init(&g, 0);
  ck_assert_str_eq(jsonloc_string(&g, "f.json", "$", p, "s", 1), "x");
  ck_assert_ptr_nonnull(jsonloc_object(&g, "f.json", "$", p, "o", 1));
  ck_assert_ptr_nonnull(jsonloc_array(&g, "f.json", "$", p, "a", 1));
  ck_assert_int_eq(jsonloc_bool(&g, "f.json", "$", p, "t"), 1);
  ck_assert_int_eq(jsonloc_bool(&g, "f.json", "$", p, "f"), 0);
  ck_assert_int_eq(jsonloc_bool(&g, "f.json", "$", p, "n"), -1);
  ck_assert_int_eq(jsonloc_bool(&g, "f.json", "$", p, "absent"), -1);
  ck_assert_ptr_null(jsonloc_string(&g, "f.json", "$", p, "absent", 0));
  ck_assert_ptr_null(jsonloc_string(&g, "f.json", "$", p, "n", 0));
  ck_assert_int_eq(jsonloc_failed(&g), 0);
  ck_assert_int_eq(g.nMsg, 0);
  jsonloc_free(&g);
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_a_missing_or_mistyped_member_is_a_located_error){
  JsonLoc g;
  cJSON *p = cJSON_Parse("{\"value\":[{\"id\":5,\"mail\":null}]}");
  const cJSON *pUser = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "value"), 0);
  jsonloc_init(&g, 0);
  ck_assert_ptr_null(jsonloc_string(&g, "users.json", "$.value[0]", pUser, "id", 1));
  ck_assert_ptr_null(jsonloc_string(&g, "users.json", "$.value[0]", pUser, "mail", 1));
  ck_assert_ptr_null(jsonloc_object(&g, "users.json", "$.value[0]", pUser, "manager", 1));
  ck_assert_int_eq(jsonloc_bool(&g, "users.json", "$.value[0]", pUser, "id"), -1);
  ck_assert_int_eq(g.nErr, 4);
  ck_assert_int_ne(jsonloc_failed(&g), 0);
  ck_assert_str_eq(strbuf_str(&g.msgs),
    "users.json: $.value[0].id: error: expected a string, found a number\n"
    "users.json: $.value[0].mail: error: expected a string, found null\n"
    "users.json: $.value[0].manager: error: expected an object, found nothing\n"
    "users.json: $.value[0].id: error: expected true or false, found a number\n");
  jsonloc_free(&g);
  cJSON_Delete(p);
}
END_TEST

START_TEST(test_warnings_fail_only_when_strict){
  JsonLoc g;
  jsonloc_init(&g, 0);
  jsonloc_warn(&g, "a.json", "$.x", "cannot model %s", "this");
  jsonloc_warn(&g, NULL, NULL, "about the whole import");
  ck_assert_int_eq(jsonloc_failed(&g), 0);
  ck_assert_str_eq(strbuf_str(&g.msgs),
    "a.json: $.x: warning: cannot model this\n"
    "warning: about the whole import\n");
  jsonloc_free(&g);

  jsonloc_init(&g, 1);
  jsonloc_warn(&g, "a.json", "", "cannot model it");
  ck_assert_int_ne(jsonloc_failed(&g), 0);
  ck_assert_str_eq(strbuf_str(&g.msgs), "a.json: $: error (--strict): cannot model it\n");
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_a_syntax_message_is_kept_as_it_is){
  JsonLoc g;
  jsonloc_init(&g, 0);
  jsonloc_fail(&g, "a.json:3:14: expected ',' or '}'");
  ck_assert_int_ne(jsonloc_failed(&g), 0);
  ck_assert_str_eq(strbuf_str(&g.msgs), "a.json:3:14: expected ',' or '}'\n");
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_messages_stop_at_the_limit_and_say_so){
  JsonLoc g;
  const char *z, *zLast;
  int i, nLine = 0;
  jsonloc_init(&g, 0);
  for(i=0; i<JSONLOC_MAX_MESSAGES+50; i++) jsonloc_error(&g, "a.json", "$", "error %d", i);
  ck_assert_int_eq(g.nErr, JSONLOC_MAX_MESSAGES+50);
  for(z=strbuf_str(&g.msgs); *z; z++) nLine += *z=='\n';
  ck_assert_int_eq(nLine, JSONLOC_MAX_MESSAGES+1);
  zLast = strstr(strbuf_str(&g.msgs), "(further messages are not shown)\n");
  ck_assert_ptr_nonnull(zLast);
  ck_assert_str_eq(zLast, "(further messages are not shown)\n");
  jsonloc_free(&g);
}
END_TEST

Suite *jsonloc_suite(void){
  Suite *s = suite_create("jsonloc");
  TCase *tcPath = tcase_create("path");
  TCase *tcGet = tcase_create("lookup");
  TCase *tcMsg = tcase_create("messages");
  tcase_add_test(tcPath, test_paths_use_dots_for_plain_keys_and_brackets_otherwise);
  tcase_add_test(tcPath, test_a_long_path_is_cut_not_overflowed);
  tcase_add_test(tcPath, test_type_names_read_as_english);
  suite_add_tcase(s, tcPath);
  tcase_add_test(tcGet, test_typed_lookups_return_members_of_the_right_type);
  tcase_add_test(tcGet, test_a_missing_or_mistyped_member_is_a_located_error);
  suite_add_tcase(s, tcGet);
  tcase_add_test(tcMsg, test_warnings_fail_only_when_strict);
  tcase_add_test(tcMsg, test_a_syntax_message_is_kept_as_it_is);
  tcase_add_test(tcMsg, test_messages_stop_at_the_limit_and_say_so);
  suite_add_tcase(s, tcMsg);
  return s;
}
