/*
** test_expr_regex.c — the specification of the regular-expression helper
** for scoping filters (expr_regex.c): search semantics, bad patterns, reuse
** of a compiled pattern, allocation failure.
** Shared fixture and the ev()/EV/CE conventions: expr_fixture.h.
*/
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "mem.h"
#include "rng.h"
#include "suites.h"
#include "expr_fixture.h"

START_TEST(test_regex_match_is_an_unanchored_case_sensitive_search){
  TsErr err;
  ck_assert_int_eq(expr_regex_match(".*\\@domain.com", "jo@domain.com", &err), 1);
  ck_assert_int_eq(expr_regex_match(".*\\@domain.com", "jo@other.com", &err), 0);
  ck_assert_int_eq(expr_regex_match("(1[0-9][0-9][0-9][0-9][0-9][0-9])", "1500000", &err), 1);
  ck_assert_int_eq(expr_regex_match("(1[0-9][0-9][0-9][0-9][0-9][0-9])", "999999", &err), 0);
  ck_assert_int_eq(expr_regex_match("([1-9][0-9])", "42", &err), 1);
  ck_assert_int_eq(expr_regex_match("([1-9][0-9])", "100", &err), 1);
  ck_assert_int_eq(expr_regex_match("^sales$", "Sales", &err), 0);
  ck_assert_int_eq(expr_regex_match("(?i)^sales$", "Sales", &err), 1);
  ck_assert_int_eq(expr_regex_match("^\\d+$", "\xD9\xA3", &err), 1);   /* Arabic-Indic 3, as in .NET */
  ck_assert_int_eq(expr_regex_match("a.c", "a\nc", &err), 0);
  ck_assert_int_eq(expr_regex_match("^x$", "x\n", &err), 1);
  ck_assert_int_eq(expr_regex_match("x", NULL, &err), 0);
  ck_assert_int_eq(expr_regex_match("b", "a\xFF" "b", &err), 1);
}
END_TEST

START_TEST(test_regex_match_reports_a_bad_pattern){
  TsErr err;
  tserr_clear(&err);
  ck_assert_int_eq(expr_regex_match("([1-9]", "1", &err), -1);
  ck_assert_str_eq(err.zMsg, "character 7: missing closing parenthesis");
  ck_assert_int_eq(expr_regex_match("[a-z-[aeiou]", "b", &err), 1);
  ck_assert_int_eq(expr_regex_match("(?<=a+)b", "ab", &err), -1);
}
END_TEST

START_TEST(test_a_compiled_regex_is_reused){
  ExprRegex *p = NULL;
  TsErr err;
  ck_assert_int_eq(expr_regex_compile("^(?<user>[^@]+)@contoso\\.com$", &p, &err), 0);
  ck_assert_int_eq(expr_regex_search(p, "jo@contoso.com", &err), 1);
  ck_assert_int_eq(expr_regex_search(p, "jo@contoso.comx", &err), 0);
  ck_assert_int_eq(expr_regex_search(p, "", &err), 0);
  expr_regex_free(p);
  expr_regex_free(NULL);
  ck_assert_int_eq(expr_regex_compile("(", &p, &err), TS_ERR);
  ck_assert_ptr_null(p);
}
END_TEST

START_TEST(test_regex_helper_survives_allocation_failures){
  long n;
  for(n=1; n<200; n++){
    TsErr err;
    int r;
    mem_fail_after(n);
    r = expr_regex_match("^(?<a>x+)y$", "xxy", &err);
    mem_fail_after(0);
    ck_assert(r==1 || r==-1);
    if( r==1 ) break;
  }
  ck_assert_int_lt(n, 200);
}
END_TEST

Suite *expr_regex_suite(void){
  Suite *s = suite_create("expr_regex");
  TCase *tcMatch = tcase_create("match");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcMatch, test_regex_match_is_an_unanchored_case_sensitive_search);
  tcase_add_test(tcMatch, test_regex_match_reports_a_bad_pattern);
  tcase_add_test(tcMatch, test_a_compiled_regex_is_reused);
  suite_add_tcase(s, tcMatch);

  tcase_add_test(tcOom, test_regex_helper_survives_allocation_failures);
  tcase_set_timeout(tcOom, 60);
  suite_add_tcase(s, tcOom);
  return s;
}
