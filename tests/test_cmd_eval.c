/*
** test_cmd_eval.c — `tenantsim eval`: one JSON value on stdout and exit 0,
** or a located message on stderr and exit 2.
*/
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "suites.h"

typedef struct Ran {
  int rc;
  char zOut[4096];
  char zErr[4096];
} Ran;

/* Run eval with the NULL-terminated argument list; capture both streams. */
static Ran run(const char *zFirst, ...){
  Ran r;
  char *azArg[32];
  int n = 0;
  va_list ap;
  FILE *fOut = tmpfile(), *fErr = tmpfile();
  size_t k;
  const char *z;
  ck_assert_ptr_nonnull(fOut);
  ck_assert_ptr_nonnull(fErr);
  va_start(ap, zFirst);
  for(z=zFirst; z && n<31; z=va_arg(ap, const char*)) azArg[n++] = (char*)z;
  va_end(ap);
  azArg[n] = NULL;
  memset(&r, 0, sizeof(r));
  r.rc = cmd_eval_entry.xExec(n, azArg, fOut, fErr);
  rewind(fOut); rewind(fErr);
  k = fread(r.zOut, 1, sizeof(r.zOut)-1, fOut); r.zOut[k] = 0;
  k = fread(r.zErr, 1, sizeof(r.zErr)-1, fErr); r.zErr[k] = 0;
  fclose(fOut); fclose(fErr);
  return r;
}

START_TEST(test_eval_prints_one_json_string){
  Ran r = run("--attr", "givenName=Amy", "--attr", "surname=Ng",
              "Join(\".\", ToLower([givenName]), ToLower([surname]))", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "\"amy.ng\"\n");
  ck_assert_str_eq(r.zErr, "");
}
END_TEST

START_TEST(test_eval_prints_null_when_the_attribute_would_not_flow){
  Ran r = run("IgnoreFlowIfNullOrEmpty([department])", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "null\n");
  r = run("[department]", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "null\n");
}
END_TEST

START_TEST(test_eval_prints_an_array_for_a_multi_valued_result){
  Ran r = run("--attr", "tags=a,b,c", "Split([tags], \",\")", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "[\"a\", \"b\", \"c\"]\n");
}
END_TEST

START_TEST(test_eval_reads_attributes_from_an_input_file_and_attr_overrides_it){
  char zPath[] = "/tmp/tenantsim-eval-XXXXXX";
  int fd = mkstemp(zPath);
  FILE *f;
  Ran r;
  ck_assert_int_ge(fd, 0);
  f = fdopen(fd, "w");
  fputs("{\"givenName\": \"Zoë\", \"surname\": \"Ångström\", \"proxyAddresses\": [\"SMTP:a@x\", \"smtp:b@x\"],"
        " \"manager\": null}", f);
  fclose(f);
  r = run("--input", zPath, "Count([proxyAddresses])", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "\"2\"\n");
  r = run("--input", zPath, "NormalizeDiacritics(Join(\" \", [givenName], [surname]))", NULL);
  ck_assert_str_eq(r.zOut, "\"Zoe Angstrom\"\n");
  r = run("--input", zPath, "--attr", "givenName=Eva", "[givenName]", NULL);
  ck_assert_str_eq(r.zOut, "\"Eva\"\n");
  unlink(zPath);
}
END_TEST

START_TEST(test_eval_now_reads_the_given_instant){
  Ran r = run("--now", "2026-03-16T07:00:00Z", "Now()", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "\"3/16/2026 7:00:00 AM\"\n");
}
END_TEST

START_TEST(test_eval_guid_is_reproducible_for_a_seed){
  Ran a = run("--seed", "7", "Guid()", NULL);
  Ran b = run("--seed", "7", "Guid()", NULL);
  Ran c = run("--seed", "8", "Guid()", NULL);
  ck_assert_int_eq(a.rc, 0);
  ck_assert_str_eq(a.zOut, b.zOut);
  ck_assert_str_ne(a.zOut, c.zOut);
  ck_assert_int_eq((int)strlen(a.zOut), 36+3);
}
END_TEST

START_TEST(test_eval_select_unique_value_skips_existing_values){
  Ran r = run("--attr", "givenName=John", "--attr", "surname=Smith",
              "--existing", "John.Smith@contoso.com",
              "SelectUniqueValue(Join(\"@\", Join(\".\", [givenName], [surname]), \"contoso.com\"),"
              " Join(\"@\", Join(\".\", Left([givenName], 1), [surname]), \"contoso.com\"))", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "\"J.Smith@contoso.com\"\n");
  r = run("--attr", "a=x", "--existing", "x", "--existing", "y",
          "SelectUniqueValue([a], \"y\")", NULL);
  ck_assert_int_eq(r.rc, 0);
  ck_assert_str_eq(r.zOut, "null\n");
  ck_assert_ptr_nonnull(strstr(r.zErr, "escrowed"));
}
END_TEST

START_TEST(test_eval_parse_error_names_the_column_and_exits_2){
  Ran r = run("Join(\",\", [a]", NULL);
  ck_assert_int_eq(r.rc, 2);
  ck_assert_str_eq(r.zOut, "");
  ck_assert_ptr_nonnull(strstr(r.zErr, "column 14"));
  r = run("toLower([a])", NULL);
  ck_assert_int_eq(r.rc, 2);
  ck_assert_ptr_nonnull(strstr(r.zErr, "ToLower"));
}
END_TEST

START_TEST(test_eval_usage_errors_exit_2){
  ck_assert_int_eq(run(NULL).rc, 2);
  ck_assert_int_eq(run("--attr", "novalue", "[a]", NULL).rc, 2);
  ck_assert_int_eq(run("--now", "2026-02-30T00:00:00Z", "Now()", NULL).rc, 2);
  ck_assert_int_eq(run("--input", "/nonexistent/x.json", "[a]", NULL).rc, 2);
  ck_assert_int_eq(run("[a]", "[b]", NULL).rc, 2);
  ck_assert_int_eq(run("--bogus", "[a]", NULL).rc, 2);
}
END_TEST

Suite *cmd_eval_suite(void){
  Suite *s = suite_create("cmd_eval");
  TCase *tc = tcase_create("eval");
  tcase_add_test(tc, test_eval_prints_one_json_string);
  tcase_add_test(tc, test_eval_prints_null_when_the_attribute_would_not_flow);
  tcase_add_test(tc, test_eval_prints_an_array_for_a_multi_valued_result);
  tcase_add_test(tc, test_eval_reads_attributes_from_an_input_file_and_attr_overrides_it);
  tcase_add_test(tc, test_eval_now_reads_the_given_instant);
  tcase_add_test(tc, test_eval_guid_is_reproducible_for_a_seed);
  tcase_add_test(tc, test_eval_select_unique_value_skips_existing_values);
  tcase_add_test(tc, test_eval_parse_error_names_the_column_and_exits_2);
  tcase_add_test(tc, test_eval_usage_errors_exit_2);
  suite_add_tcase(s, tc);
  return s;
}
