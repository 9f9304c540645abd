/*
** test_expr_parse.c — the specification of the grammar, the parser's exact
** error columns and compile-time limits (expr_parse.c), the flow outcomes
** and the evaluation environment (expr.c, expr_node.c), and compilation
** under allocation failure.
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

START_TEST(test_string_escapes_quote_and_backslash_and_keep_other_backslashes){
  EV("\"Company name: \\\"Contoso\\\"\"", "", "Company name: \"Contoso\"");
  EV("\"a\\\\b\"", "", "a\\b");
  EV("\"\\+49\"", "", "\\+49");
  EV("\"\\d{10}\"", "", "\\d{10}");
  EV("\"ends with backslash\\\\\"", "", "ends with backslash\\");
  EV("\"\"", "", "");
}
END_TEST

START_TEST(test_numbers_are_string_constants_and_hex_is_an_integer){
  EV("1000", "", "1000");
  EV("-10", "", "-10");
  EV("007", "", "007");
  EV("&HF7", "", "247");
  EV("Join(\"\", 1000, \"x\")", "", "1000x");
}
END_TEST

START_TEST(test_whitespace_and_newlines_are_allowed_between_tokens){
  EV("Switch\n  (\n    [Municipality],\t\"x\",\r\n    \"Oslo\", \"NO\"\n  )", "Municipality=Oslo", "NO");
  EV("  Append (  [a] , \"b\" )  ", "a=a", "ab");
  EV("SelectUniqueValue (\"a\", \"b\")", "", "a");
}
END_TEST

START_TEST(test_a_lone_attribute_or_constant_is_an_expression){
  EV("[mail]", "mail=jo@contoso.com", "jo@contoso.com");
  EV("[mail]", "", "(null)");
  EV("[proxyAddresses]", "proxyAddresses=a|b", "[a|b]");
  EV("\"United States\"", "", "United States");
  EV("[extension_abc_Dept]", "extension_abc_Dept=R&D", "R&D");
}
END_TEST

START_TEST(test_attribute_names_are_case_sensitive){
  EV("[Mail]", "mail=jo@contoso.com", "(null)");
}
END_TEST

START_TEST(test_comparisons_yield_booleans){
  EV("[a]=[b]", "a=x;b=x", "True");
  EV("[a]<>[b]", "a=x;b=x", "False");
  EV("\"10\" > \"9\"", "", "True");
  EV("\"b\" > \"a\"", "", "True");
  EV("\"B\" = \"b\"", "", "False");
  EV("5 >= 5", "", "True");
  EV("4 <= 5", "", "True");
  EV("4 < -5", "", "False");
  EV("[missing] = \"\"", "", "True");
  EV("CDate(\"2021-01-01\") < Now()", "", "True");
}
END_TEST

START_TEST(test_a_multi_valued_operand_cannot_be_compared){
  EV("[p]=\"a\"", "p=a|b", "error: column 1: comparison: cannot compare a multi-valued operand (2 values)");
}
END_TEST

START_TEST(test_attribute_names_are_listed_once_in_order){
  Expr *p = NULL;
  TsErr err;
  ck_assert_int_eq(expr_compile("Join(\"@\", [givenName], [surname], [givenName], "
                                "Replace([tel], , \"(?<n>\\\\d+)\", \"n\", , [mobile], ))", &p, &err), 0);
  ck_assert_int_eq(expr_attr_count(p), 4);
  ck_assert_str_eq(expr_attr_name(p, 0), "givenName");
  ck_assert_str_eq(expr_attr_name(p, 1), "surname");
  ck_assert_str_eq(expr_attr_name(p, 2), "tel");
  ck_assert_str_eq(expr_attr_name(p, 3), "mobile");
  ck_assert_ptr_null(expr_attr_name(p, 4));
  ck_assert_int_eq(expr_uses_function(p, "Replace"), 1);
  ck_assert_int_eq(expr_uses_function(p, "Join"), 1);
  ck_assert_int_eq(expr_uses_function(p, "Now"), 0);
  expr_free(p);
}
END_TEST

START_TEST(test_missing_close_paren_reports_the_end_column){
  CE("ToLower([mail]", "column 15: expected ',' or ')', found end of expression");
  CE("Join(\",\", ToLower([a]), [b]", "column 28: expected ',' or ')', found end of expression");
}
END_TEST

START_TEST(test_unterminated_string_reports_where_it_starts){
  CE("Join(\",\", \"abc", "column 15: expected '\"' to close the string that starts at column 11, "
     "found end of expression");
  CE("\"a\\\"", "column 5: expected '\"' to close the string that starts at column 1, found end of expression");
}
END_TEST

START_TEST(test_unterminated_attribute_reports_where_it_starts){
  CE("ToLower([mail", "column 14: expected ']' to close the attribute name that starts at column 9, "
     "found end of expression");
  CE("ToLower([])", "column 10: expected an attribute name, found ']'");
}
END_TEST

START_TEST(test_unknown_function_is_a_compile_error){
  CE("Foo([a])", "column 1: expected a known function, found unknown function 'Foo'");
  CE("Join(\",\", Trim([a]))", "column 11: expected a known function, found unknown function 'Trim'");
}
END_TEST

START_TEST(test_function_names_are_case_sensitive_and_the_right_spelling_is_named){
  CE("tolower([a])", "column 1: expected a known function (names are case-sensitive: ToLower), found 'tolower'");
  CE("IsNullorEmpty([a])", "column 1: expected a known function (names are case-sensitive: IsNullOrEmpty), "
     "found 'IsNullorEmpty'");
  CE("switch([a], \"\", \"1\", \"2\")", "column 1: expected a known function (names are case-sensitive: Switch), "
     "found 'switch'");
  CE("InStr(\"a\", \"b\", 1, vbtextcompare)", "column 20: expected a known constant (names are case-sensitive: "
     "vbTextCompare), found 'vbtextcompare'");
}
END_TEST

START_TEST(test_too_many_arguments_points_at_the_first_extra_one){
  CE("Left(\"a\", 1, 2)", "column 14: expected 2 arguments for Left(String, NumChars), found 3");
  CE("Now(1)", "column 5: expected 0 arguments for Now(), found 1");
  CE("ToLower([a], \"en-US\", )", "column 23: expected 1 or 2 arguments for ToLower(source, culture), found 3");
  CE("FormatDateTime([a], , \"yyyy\", \"yy\", \"x\")",
     "column 37: expected 3 or 4 arguments for FormatDateTime(source, dateTimeStyles, inputFormat, "
     "outputFormat), found 5");
  CE("Replace([a], \"x\", , , \"y\", , , \"z\")",
     "column 32: expected 1 to 7 arguments for Replace(source, oldValue, regexPattern, regexGroupName, "
     "replacementValue, replacementAttributeName, template), found 8");
}
END_TEST

START_TEST(test_too_few_arguments_points_at_the_close_paren){
  CE("Left(\"a\")", "column 9: expected 2 arguments for Left(String, NumChars), found 1");
  CE("ToLower()", "column 9: expected 1 or 2 arguments for ToLower(source, culture), found 0");
  CE("Join(\",\")", "column 9: expected at least 2 arguments for Join(separator, source1, source2, ...), found 1");
  CE("FormatDateTime([a], \"yyyy\")",
     "column 27: expected 3 or 4 arguments for FormatDateTime(source, dateTimeStyles, inputFormat, "
     "outputFormat), found 2");
  CE("RandomString(6, 3, 0, 0)",
     "column 24: expected 5 or 6 arguments for RandomString(Length, MinimumNumbers, MinimumSpecialCharacters, "
     "MinimumCapital, MinimumLowerCase, CharactersToAvoid), found 4");
}
END_TEST

START_TEST(test_a_required_argument_cannot_be_omitted){
  CE("Left(, 3)", "column 6: expected a value for argument 1 (String) of Left, found ','");
  CE("Mid([a], 1, )", "column 13: expected a value for argument 3 (length) of Mid, found ')'");
  CE("FormatDateTime([a], , \"yyyy-MM-dd\")",
     "column 21: expected a value for argument 2 (inputFormat) of FormatDateTime, found ','");
  CE("Switch(, \"d\", \"k\", \"v\")", "column 8: expected a value for argument 1 (source) of Switch, found ','");
}
END_TEST

START_TEST(test_select_unique_value_only_at_the_top_level){
  CE("Join(\",\", SelectUniqueValue(\"a\", \"b\"))",
     "column 11: expected SelectUniqueValue only as the whole expression, found it nested in Join");
  CE("SelectUniqueValue(SelectUniqueValue(\"a\", \"b\"), \"c\")",
     "column 19: expected SelectUniqueValue only as the whole expression, found it nested in SelectUniqueValue");
  CE("SelectUniqueValue(\"a\", \"b\") = \"a\"",
     "column 1: expected SelectUniqueValue only as the whole expression, found it in a comparison");
  CE("SelectUniqueValue(\"a\")",
     "column 22: expected at least 2 arguments for SelectUniqueValue(uniqueValueRule1, uniqueValueRule2, ...), "
     "found 1");
}
END_TEST

START_TEST(test_expressions_are_limited_to_10000_characters){
  static char z[10002+8];
  memset(z, 'x', sizeof(z));
  z[0] = '"';
  z[9999] = '"';
  z[10000] = 0;
  ck_assert_int_eq((int)strlen(ev(z, "")), 9998);
  ck_assert_int_eq(zRes[0], 'x');
  z[9999] = 'x';
  z[10000] = '"';
  z[10001] = 0;
  ck_assert_str_eq(ev(z, ""), "compile: column 10001: expected at most 10000 characters, found more");
}
END_TEST

START_TEST(test_the_limit_and_columns_count_characters_not_bytes){
  CE("Join(\"\xC3\xA9\xC3\xA9\", [a]", "column 15: expected ',' or ')', found end of expression");
  CE("Join(\"\xC3\xA9\", [a] \xC3\xA9)", "column 15: expected ',' or ')', found '\xC3\xA9'");
}
END_TEST

START_TEST(test_stray_characters_are_reported_where_they_stand){
  CE("ToLower([a]) x", "column 14: expected end of expression, found 'x'");
  CE("ToLower([a]))", "column 13: expected end of expression, found ')'");
  CE("ToLower([a] @)", "column 13: expected ',' or ')', found '@'");
  CE("ToLower(@)", "column 9: expected a function call, attribute, string or number, found '@'");
  CE("", "column 1: expected a function call, attribute, string or number, found end of expression");
  CE("   ", "column 4: expected a function call, attribute, string or number, found end of expression");
  CE("[a] = [b] = [c]", "column 11: expected end of expression, found '='");
  CE("Mid([a], 1.5, 2)", "column 11: expected ',' or ')', found '.'");
  CE("Join(\",\",\n[a]\n#)", "column 15: expected ',' or ')', found '#'");
  CE("Join(\",\", [a]\t\x01)", "column 15: expected ',' or ')', found character U+0001");
}
END_TEST

START_TEST(test_ampersand_concatenation_is_not_part_of_the_language){
  CE("\"t-\" & [alias]", "column 6: expected end of expression (there is no & operator: use Join), found '&'");
  CE("IIF([e]=\"Intern\",\"t-\" & [alias],[alias])",
     "column 23: expected ',' or ')' (there is no & operator: use Join or Append), found '&'");
}
END_TEST

START_TEST(test_hex_numbers_need_digits){
  CE("BitAnd(&HF, &HG)", "column 15: expected a hexadecimal digit after '&H', found 'G'");
  CE("BitAnd(&F, 1)", "column 9: expected 'H' after '&' (a hexadecimal number is written &HFF), found 'F'");
  CE("&H8000000000000000", "column 1: expected a hexadecimal number no larger than &H7FFFFFFFFFFFFFFF, "
     "found a larger one");
  CE("-x", "column 2: expected a digit after '-', found 'x'");
}
END_TEST

START_TEST(test_names_and_constants_must_be_known){
  CE("Now", "column 4: expected '(' after the function name Now, found end of expression");
  CE("Join(\",\", Guid , \"a\")", "column 16: expected '(' after the function name Guid, found ','");
  CE("Join(\",\", foo)", "column 11: expected a function call, attribute, string or number, found unknown name 'foo'");
  CE("ToLower(vbTextCompare)", "column 9: expected a value, found the compare constant vbTextCompare "
     "(only InStr's compareType takes it)");
  CE("vbBinaryCompare", "column 1: expected a value, found the compare constant vbBinaryCompare "
     "(only InStr's compareType takes it)");
  CE("InStr(\"a\", \"b\", 1, \"vbTextCompare\")", "column 20: expected vbBinaryCompare or vbTextCompare, "
     "found a string");
}
END_TEST

START_TEST(test_nesting_is_limited){
  static char z[2048];
  int k;
  z[0] = 0;
  for(k=0; k<EXPR_MAX_DEPTH; k++) strcat(z, "ToLower(");
  strcat(z, "\"A\"");
  for(k=0; k<EXPR_MAX_DEPTH; k++) strcat(z, ")");
  EV(z, "", "a");
  z[0] = 0;
  for(k=0; k<EXPR_MAX_DEPTH+1; k++) strcat(z, "ToLower(");
  strcat(z, "\"A\"");
  for(k=0; k<EXPR_MAX_DEPTH+1; k++) strcat(z, ")");
  CE(z, "column 801: expected at most 100 nested function calls, found more");
}
END_TEST

START_TEST(test_compile_failure_leaves_no_expression){
  Expr *p = (Expr*)&p;
  TsErr err;
  ck_assert_int_eq(expr_compile("Left(", &p, &err), TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_int_eq(err.rc, TS_ERR);
  expr_free(NULL);
  expr_result_free(NULL);
}
END_TEST

START_TEST(test_flow_keywords_produce_their_outcomes){
  EV("IgnoreAttributeFlow", "", "(ignore flow)");
  EV("IgnoreObjectFlow", "", "(ignore object)");
  EV("Switch([type], \"x\", \"Guest\", IgnoreObjectFlow)", "type=Guest", "(ignore object)");
}
END_TEST

START_TEST(test_an_environment_without_attributes_sees_only_nulls){
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  ExprResult r;
  memset(&env, 0, sizeof(env));
  ck_assert_int_eq(expr_compile("Coalesce([mail], \"none\")", &p, &err), 0);
  ck_assert_int_eq(expr_eval(p, &env, &r, NULL), 0);
  ck_assert_int_eq(r.eOutcome, EXPR_VALUE);
  ck_assert_int_eq(r.nValue, 1);
  ck_assert_str_eq(r.azValue[0], "none");
  expr_result_free(&r);
  ck_assert_int_eq(r.eOutcome, EXPR_NULL);
  ck_assert_int_eq(r.nValue, 0);
  expr_free(p);
}
END_TEST

static int t_attr_fails(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal){
  (void)pCtx; (void)zName; (void)pazVal; (void)pnVal;
  return 1;
}

START_TEST(test_a_failing_attribute_lookup_is_an_error){
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  ExprResult r;
  memset(&env, 0, sizeof(env));
  env.xAttr = t_attr_fails;
  ck_assert_int_eq(expr_compile("ToLower([mail])", &p, &err), 0);
  ck_assert_int_eq(expr_eval(p, &env, &r, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "column 9: attribute [mail] could not be read");
  ck_assert_int_eq(r.eOutcome, EXPR_NULL);
  expr_result_free(&r);
  expr_free(p);
}
END_TEST

START_TEST(test_a_compiled_expression_evaluates_many_times){
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  ExprResult r;
  int k;
  ck_assert_int_eq(expr_compile("Replace(ToLower([mail]), , \"@(?<d>.*)$\", \"d\", \"fabrikam.com\", , )",
                                &p, &err), 0);
  for(k=0; k<3; k++){
    t_parse(&gObj, k==1 ? "mail=Bo@Contoso.com" : "mail=Al@Contoso.com");
    t_env(&env, &gObj, NULL, NOW_EPOCH);
    ck_assert_int_eq(expr_eval(p, &env, &r, &err), 0);
    ck_assert_str_eq(r.azValue[0], k==1 ? "bo@fabrikam.com" : "al@fabrikam.com");
    expr_result_free(&r);
  }
  expr_free(p);
}
END_TEST

/* Compilation under allocation failure: each failing allocation gives
** TS_NOMEM and no expression, until a run needs no failure. */
START_TEST(test_compile_survives_allocation_failures){
  long n;
  for(n=1; n<5000; n++){
    Expr *p = NULL;
    TsErr err;
    int rc;
    mem_fail_after(n);
    rc = expr_compile("Switch([a], \"d\", \"k\", IIF([b]=\"x\", Left([c], 2), "
                      "Replace([d], , \"(?<u>a+)\", , \"$1\", , )))", &p, &err);
    mem_fail_after(0);
    if( rc==TS_OK ){
      ck_assert_ptr_nonnull(p);
      expr_free(p);
      break;
    }
    ck_assert_int_eq(rc, TS_NOMEM);
    ck_assert_ptr_null(p);
  }
  ck_assert_int_lt(n, 5000);
}
END_TEST

Suite *expr_parse_suite(void){
  Suite *s = suite_create("expr_parse");
  TCase *tcGrammar = tcase_create("grammar");
  TCase *tcParseErrors = tcase_create("parse errors");
  TCase *tcEnvironment = tcase_create("environment");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcGrammar, test_string_escapes_quote_and_backslash_and_keep_other_backslashes);
  tcase_add_test(tcGrammar, test_numbers_are_string_constants_and_hex_is_an_integer);
  tcase_add_test(tcGrammar, test_whitespace_and_newlines_are_allowed_between_tokens);
  tcase_add_test(tcGrammar, test_a_lone_attribute_or_constant_is_an_expression);
  tcase_add_test(tcGrammar, test_attribute_names_are_case_sensitive);
  tcase_add_test(tcGrammar, test_comparisons_yield_booleans);
  tcase_add_test(tcGrammar, test_a_multi_valued_operand_cannot_be_compared);
  tcase_add_test(tcGrammar, test_attribute_names_are_listed_once_in_order);
  suite_add_tcase(s, tcGrammar);

  tcase_add_test(tcParseErrors, test_missing_close_paren_reports_the_end_column);
  tcase_add_test(tcParseErrors, test_unterminated_string_reports_where_it_starts);
  tcase_add_test(tcParseErrors, test_unterminated_attribute_reports_where_it_starts);
  tcase_add_test(tcParseErrors, test_unknown_function_is_a_compile_error);
  tcase_add_test(tcParseErrors, test_function_names_are_case_sensitive_and_the_right_spelling_is_named);
  tcase_add_test(tcParseErrors, test_too_many_arguments_points_at_the_first_extra_one);
  tcase_add_test(tcParseErrors, test_too_few_arguments_points_at_the_close_paren);
  tcase_add_test(tcParseErrors, test_a_required_argument_cannot_be_omitted);
  tcase_add_test(tcParseErrors, test_select_unique_value_only_at_the_top_level);
  tcase_add_test(tcParseErrors, test_expressions_are_limited_to_10000_characters);
  tcase_add_test(tcParseErrors, test_the_limit_and_columns_count_characters_not_bytes);
  tcase_add_test(tcParseErrors, test_stray_characters_are_reported_where_they_stand);
  tcase_add_test(tcParseErrors, test_ampersand_concatenation_is_not_part_of_the_language);
  tcase_add_test(tcParseErrors, test_hex_numbers_need_digits);
  tcase_add_test(tcParseErrors, test_names_and_constants_must_be_known);
  tcase_add_test(tcParseErrors, test_nesting_is_limited);
  tcase_add_test(tcParseErrors, test_compile_failure_leaves_no_expression);
  suite_add_tcase(s, tcParseErrors);

  tcase_add_test(tcEnvironment, test_flow_keywords_produce_their_outcomes);
  tcase_add_test(tcEnvironment, test_an_environment_without_attributes_sees_only_nulls);
  tcase_add_test(tcEnvironment, test_a_failing_attribute_lookup_is_an_error);
  tcase_add_test(tcEnvironment, test_a_compiled_expression_evaluates_many_times);
  suite_add_tcase(s, tcEnvironment);

  tcase_add_test(tcOom, test_compile_survives_allocation_failures);
  tcase_set_timeout(tcOom, 60);
  suite_add_tcase(s, tcOom);
  return s;
}
