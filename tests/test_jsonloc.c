/*
** test_jsonloc.c — the specification of engine/base/jsonloc.c: JSON paths
** as messages write them, type names, typed look-ups that record a located
** error for a missing or mistyped member, warnings that --strict turns
** into errors, and a message list that stops growing at its limit; and of
** engine/base/jsonloc_locate.c: the line and column where a path's value
** stands in a document's text.
*/
#include <check.h>
#include <stdlib.h>
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

/* jsonloc_locate on the NUL-terminated document z. */
static int locate(const char *z, const char *zPath, int *pLine, int *pCol){
  return jsonloc_locate(z, strlen(z), zPath, pLine, pCol);
}

/* Locating zPath in z[n] returns rcWant with the place iLineWant:iColWant. */
static void assert_at_n(const char *z, size_t n, const char *zPath,
                        int rcWant, int iLineWant, int iColWant){
  int iLine = 0, iCol = 0;
  int rc = jsonloc_locate(z, n, zPath, &iLine, &iCol);
  ck_assert_msg(rc==rcWant && iLine==iLineWant && iCol==iColWant,
                "%s: %d at %d:%d, expected %d at %d:%d",
                zPath, rc, iLine, iCol, rcWant, iLineWant, iColWant);
}

static void assert_at(const char *z, const char *zPath, int rcWant, int iLineWant, int iColWant){
  assert_at_n(z, strlen(z), zPath, rcWant, iLineWant, iColWant);
}

/* The 1-based column where zNeedle first occurs in a one-line text z. */
static int column_of(const char *z, const char *zNeedle){
  const char *p = strstr(z, zNeedle);
  ck_assert_ptr_nonnull(p);
  return (int)(p-z) + 1;
}

static const char *zPolicies =
  "{\n"
  "  \"policies\": [\n"
  "    {\"id\": 1},\n"
  "    {\"userSyncInbound\": {\"isSyncAllowed\": true}}\n"
  "  ]\n"
  "}\n";

START_TEST(test_the_document_is_located_at_its_first_value){
  assert_at("{}", "$", 0, 1, 1);
  assert_at(" \n\t [1]\n", "$", 0, 2, 3);
  assert_at("  7", "", 0, 1, 3);
}
END_TEST

START_TEST(test_a_member_is_located_at_its_value_not_its_key){
  assert_at(zPolicies, "$.policies", 0, 2, 15);
  assert_at(zPolicies, "$.policies[1].userSyncInbound.isSyncAllowed", 0, 4, 43);
  assert_at(zPolicies, "$.policies[0].id", 0, 3, 12);
}
END_TEST

START_TEST(test_an_index_counts_the_elements_before_it){
  const char *z = "{\"timeline\":[10, \"x\", [1,2], {\"a\":1}, null]}";
  assert_at(z, "$.timeline[0]", 0, 1, 14);
  assert_at(z, "$.timeline[2][1]", 0, 1, 26);
  assert_at(z, "$.timeline[3]", 0, 1, 30);
  assert_at(z, "$.timeline[4]", 0, 1, 39);
}
END_TEST

START_TEST(test_a_bracketed_name_may_hold_any_character){
  const char *z = "{\"odd key\":[ \"v\" ], \"odd\":0}";
  char zKey[TS_JSONPATH_MAX], zPath[TS_JSONPATH_MAX];
  jsonloc_path_key(zKey, sizeof(zKey), "$", "odd key");
  jsonloc_path_idx(zPath, sizeof(zPath), zKey, 0);
  ck_assert_str_eq(zPath, "$[\"odd key\"][0]");
  assert_at(z, zPath, 0, 1, 14);
  assert_at(z, "$[\"odd\"]", 0, 1, 27);
  assert_at(z, "$.odd", 0, 1, 27);
}
END_TEST

START_TEST(test_keys_are_compared_after_their_escapes_are_decoded){
  const char *z = "{\"a\\\"b\":1, \"a\\\\b\":2, \"\\u0041\\/b\":3, \"\\u00e9t\\u00E9\":4,"
                  " \"\\ud83d\\ude00\":5, \"\\ud800\":6}";
  static const struct { const char *zKey; const char *zValue; } aCase[] = {
    { "a\"b",                  "1," },
    { "a\\b",                  "2," },
    { "A/b",                   "3," },
    { "\xc3\xa9t\xc3\xa9",     "4," },   /* été */
    { "\xf0\x9f\x98\x80",      "5," },   /* U+1F600, a surrogate pair */
  };
  char zPath[TS_JSONPATH_MAX];
  size_t i;
  for(i=0; i<sizeof(aCase)/sizeof(aCase[0]); i++){
    jsonloc_path_key(zPath, sizeof(zPath), "$", aCase[i].zKey);
    assert_at(z, zPath, 0, 1, column_of(z, aCase[i].zValue));
  }
  /* The escape's own spelling is not the name, and a lone surrogate
  ** names nothing a path can hold. */
  assert_at(z, "$[\"\\u0041\\/b\"]", 1, 1, 1);
  assert_at(z, "$[\"\\ud800\"]", 1, 1, 1);
}
END_TEST

START_TEST(test_a_missing_step_gives_its_deepest_existing_ancestor){
  assert_at(zPolicies, "$.policies[1].userSyncInbound.nope.deeper", 1, 4, 25);
  assert_at(zPolicies, "$.absent", 1, 1, 1);
  /* A step into a number, or a key asked of an array, finds nothing. */
  assert_at(zPolicies, "$.policies[0].id.x", 1, 3, 12);
  assert_at(zPolicies, "$.policies.id", 1, 2, 15);
  assert_at(zPolicies, "$[0]", 1, 1, 1);
}
END_TEST

START_TEST(test_an_index_past_the_end_gives_the_array){
  assert_at(zPolicies, "$.policies[2]", 1, 2, 15);
  assert_at("{\"a\":[]}", "$.a[0]", 1, 1, 6);
  assert_at("[1]", "$[2147483647]", 1, 1, 1);
}
END_TEST

START_TEST(test_a_key_at_another_depth_does_not_match){
  assert_at("{\"a\":{\"b\":1},\"b\":2}", "$.b", 0, 1, 18);
  assert_at("{\"a\":[{\"b\":1}],\"b\":2}", "$.b", 0, 1, 20);
  assert_at("{\"a\":{\"b\":1}}", "$.b", 1, 1, 1);
  /* Nor does a string value that reads like the key. */
  assert_at("{\"x\":\"b\",\"b\":3}", "$.b", 0, 1, 14);
  /* Nor a key that the path's name begins, or that begins it. */
  assert_at("{\"ab\":1,\"a\":2}", "$.a", 0, 1, 13);
  assert_at("{\"a\":1}", "$.ab", 1, 1, 1);
  /* Of two equal keys the first is taken, as cJSON's look-ups do. */
  assert_at("{\"a\":1,\"a\":2}", "$.a", 0, 1, 6);
}
END_TEST

START_TEST(test_invalid_json_is_refused_wherever_the_error_is){
  static const char *azBad[] = {
    "", "   ", "{", "[", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[1 2]",
    "{,}", "{1:2}", "01", "[01]", "-", "1.", "1e", "1e+", ".5", "+1", "tru", "nul",
    "True", "\"ab", "\"a\tb\"", "\"a\nb\"", "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"",
    "1 2", "{}x", "{}}", "[]]", "\xEF\xBB", "'a'",
    "{\"a\":1, \"b\":}",        /* the error is after the path's value */
  };
  size_t i;
  int iLine = -7, iCol = -7;
  for(i=0; i<sizeof(azBad)/sizeof(azBad[0]); i++){
    ck_assert_msg(locate(azBad[i], "$", &iLine, &iCol)==-1, "accepted: %s", azBad[i]);
  }
  ck_assert_int_eq(locate("{\"a\":1, \"b\":}", "$.a", &iLine, &iCol), -1);
  ck_assert_int_eq(iLine, -7);
  ck_assert_int_eq(iCol, -7);
  ck_assert_int_eq(jsonloc_locate(NULL, 0, "$", &iLine, &iCol), -1);
}
END_TEST

START_TEST(test_a_string_that_is_not_a_path_is_refused){
  static const char *azBad[] = {
    "a", "$a", "$.", "$..a", "$.a b", "$[", "$[]", "$[x]", "$[-1]", "$[1", "$[\"a]",
    "$[\"a\"", "$[\"a\"]x", "$[2147483648]", "$.a]",
  };
  size_t i;
  int iLine = 0, iCol = 0;
  for(i=0; i<sizeof(azBad)/sizeof(azBad[0]); i++){
    ck_assert_msg(locate("{\"a\":[1]}", azBad[i], &iLine, &iCol)==-1, "a path: %s", azBad[i]);
  }
  ck_assert_int_eq(locate("{\"a\":[1]}", NULL, &iLine, &iCol), -1);
  assert_at("{\"a\":[1]}", "$.a[0]", 0, 1, 7);
}
END_TEST

/* Each prefix is copied into a buffer of exactly its length, without a
** NUL, so that a read past n is one the sanitizer build reports. */
START_TEST(test_a_truncated_text_is_refused_without_reading_past_its_end){
  const char *z = "{\"a\":[1,-2.5e3],\"b\":\"x\\\"y\\u0041\",\"c\":true}";
  size_t n = strlen(z), k;
  char *zBuf;
  for(k=0; k<=n; k++){
    zBuf = malloc(k ? k : 1);
    ck_assert_ptr_nonnull(zBuf);
    memcpy(zBuf, z, k);
    if( k==n ){
      assert_at_n(zBuf, k, "$.c", 0, 1, column_of(z, "true"));
    }else{
      assert_at_n(zBuf, k, "$.c", -1, 0, 0);
    }
    free(zBuf);
  }
  zBuf = malloc(2);
  ck_assert_ptr_nonnull(zBuf);
  memcpy(zBuf, "12", 2);
  assert_at_n(zBuf, 2, "$", 0, 1, 1);
  free(zBuf);
  /* n shorter than the string: what follows z[n] is not read. */
  assert_at_n("[1]]]", 3, "$[0]", 0, 1, 2);
  assert_at_n("[1]", 2, "$", -1, 0, 0);
}
END_TEST

START_TEST(test_crlf_is_one_line_break_and_a_bom_is_not_a_column){
  const char *z = "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n";
  assert_at(z, "$.a", 0, 2, 8);
  assert_at(z, "$.b[0]", 0, 4, 5);
  /* A lone CR ends a line too; "\n\r\n" is two line breaks. */
  assert_at("[\r1,\n\r\n2]", "$[1]", 0, 4, 1);
  assert_at("\xEF\xBB\xBF{\"a\":1}", "$.a", 0, 1, 6);
  assert_at("\xEF\xBB\xBF\n [2]", "$[0]", 0, 2, 3);
}
END_TEST

/* nDepth arrays, each the only element of the one around it. */
static char *nested_arrays(int nDepth){
  char *z = malloc((size_t)nDepth*2 + 1);
  ck_assert_ptr_nonnull(z);
  memset(z, '[', (size_t)nDepth);
  memset(z+nDepth, ']', (size_t)nDepth);
  z[nDepth*2] = 0;
  return z;
}

START_TEST(test_nesting_deeper_than_the_limit_is_refused_not_followed){
  char zPath[JSONLOC_MAX_DEPTH*3 + 2];
  char *z;
  cJSON *p;
  int i;

  z = nested_arrays(JSONLOC_MAX_DEPTH);
  strcpy(zPath, "$");
  for(i=1; i<JSONLOC_MAX_DEPTH; i++) strcat(zPath, "[0]");
  assert_at(z, zPath, 0, 1, JSONLOC_MAX_DEPTH);
  strcat(zPath, "[0]");
  assert_at(z, zPath, 1, 1, JSONLOC_MAX_DEPTH);
  p = cJSON_Parse(z);   /* cJSON reads what jsonloc_locate reads ... */
  ck_assert_ptr_nonnull(p);
  cJSON_Delete(p);
  free(z);

  z = nested_arrays(JSONLOC_MAX_DEPTH+1);
  assert_at(z, "$", -1, 0, 0);
  p = cJSON_Parse(z);   /* ... and refuses what it refuses */
  ck_assert_ptr_null(p);
  free(z);

  z = nested_arrays(100000);
  assert_at(z, "$[0]", -1, 0, 0);
  free(z);
}
END_TEST

Suite *jsonloc_suite(void){
  Suite *s = suite_create("jsonloc");
  TCase *tcPath = tcase_create("path");
  TCase *tcGet = tcase_create("lookup");
  TCase *tcMsg = tcase_create("messages");
  TCase *tcPos = tcase_create("locate");
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
  tcase_add_test(tcPos, test_the_document_is_located_at_its_first_value);
  tcase_add_test(tcPos, test_a_member_is_located_at_its_value_not_its_key);
  tcase_add_test(tcPos, test_an_index_counts_the_elements_before_it);
  tcase_add_test(tcPos, test_a_bracketed_name_may_hold_any_character);
  tcase_add_test(tcPos, test_keys_are_compared_after_their_escapes_are_decoded);
  tcase_add_test(tcPos, test_a_missing_step_gives_its_deepest_existing_ancestor);
  tcase_add_test(tcPos, test_an_index_past_the_end_gives_the_array);
  tcase_add_test(tcPos, test_a_key_at_another_depth_does_not_match);
  tcase_add_test(tcPos, test_invalid_json_is_refused_wherever_the_error_is);
  tcase_add_test(tcPos, test_a_string_that_is_not_a_path_is_refused);
  tcase_add_test(tcPos, test_a_truncated_text_is_refused_without_reading_past_its_end);
  tcase_add_test(tcPos, test_crlf_is_one_line_break_and_a_bom_is_not_a_column);
  tcase_add_test(tcPos, test_nesting_deeper_than_the_limit_is_refused_not_followed);
  suite_add_tcase(s, tcPos);
  return s;
}
