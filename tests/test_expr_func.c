/*
** test_expr_func.c — the specification of the functions of expr_func.c
** (lists, Booleans, the random and flow functions, SelectUniqueValue), the
** null and multi-value rules every function follows, and evaluation under
** allocation failure.
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

START_TEST(test_bitand_ands_two_integers){
  EV("BitAnd(&HF, &HF7)", "", "7");
  EV("BitAnd(\"12\", 10)", "", "8");
  EV("BitAnd([flags], 2)", "flags=514", "2");
  EV("BitAnd([missing], 2)", "", "(null)");
  EV("BitAnd(\"x\", 1)", "", "error: column 1: BitAnd: argument 1 (value1) must be an integer, found \"x\"");
}
END_TEST

START_TEST(test_cbool_is_true_for_non_zero_and_true){
  EV("CBool([attribute1] = [attribute2])", "attribute1=a;attribute2=a", "True");
  EV("CBool([attribute1] = [attribute2])", "attribute1=a;attribute2=b", "False");
  EV("CBool(5)", "", "True");
  EV("CBool(\"0\")", "", "False");
  EV("CBool(\"true\")", "", "True");
  EV("CBool([missing])", "", "False");
  EV("CBool(\"abc\")", "", "error: column 1: CBool: expected a Boolean or a number, found \"abc\"");
}
END_TEST

START_TEST(test_coalesce_returns_the_first_non_null){
  EV("Coalesce([mail],[userPrincipalName])", "userPrincipalName=John.Doe@contoso.com", "John.Doe@contoso.com");
  EV("Coalesce([mail],[userPrincipalName])", "mail=m@x;userPrincipalName=u@x", "m@x");
  EV("Coalesce([a],[b],\"\")", "", "");
  EV("Coalesce([a],[b])", "", "(null)");
  EV("Coalesce([a],[b], )", "", "(null)");
  /* Empty is not null (REF's wording; SFG's skipping of "" is not followed). */
  EV("Coalesce([mail],[userPrincipalName])", "mail=;userPrincipalName=u@x", "");
  EV("Coalesce([p], \"x\")", "p=a|b", "[a|b]");
}
END_TEST

START_TEST(test_count_counts_values){
  EV("Count([proxyAddresses])", "proxyAddresses=a|b|c", "3");
  EV("Count([mail])", "mail=x", "1");
  EV("Count([missing])", "", "0");
  EV("Count(Split(\"a,b,c,d\", \",\"))", "", "4");
}
END_TEST

START_TEST(test_guid_is_a_lower_case_v4_guid_from_the_seeded_stream){
  Rng a;
  char z1[64], z2[64];
  int k;
  rng_stream(&a, 42, "expr");
  snprintf(z1, sizeof(z1), "%s", t_run("Guid()", "", NULL, &a, NOW_EPOCH));
  ck_assert_int_eq((int)strlen(z1), 36);
  for(k=0; k<36; k++){
    if( k==8 || k==13 || k==18 || k==23 ) ck_assert_int_eq(z1[k], '-');
    else ck_assert_ptr_nonnull(strchr("0123456789abcdef", z1[k]));
  }
  ck_assert_int_eq(z1[14], '4');
  rng_stream(&a, 42, "expr");
  ck_assert_str_eq(t_run("Guid()", "", NULL, &a, NOW_EPOCH), z1);
  snprintf(z2, sizeof(z2), "%s", t_run("Guid()", "", NULL, &a, NOW_EPOCH));
  ck_assert_str_ne(z2, z1);
  rng_stream(&a, 43, "expr");
  ck_assert_str_ne(t_run("Guid()", "", NULL, &a, NOW_EPOCH), z1);
  ck_assert_str_eq(ev("Guid()", ""), "error: column 1: Guid: no random stream in the evaluation environment");
}
END_TEST

START_TEST(test_ignore_flow_if_null_or_empty_drops_the_attribute){
  const char *zSw = "IgnoreFlowIfNullOrEmpty(Switch([prefix], \"\", \"3443\", \"Dr.\", \"3444\", \"Prof.\", "
                    "\"3445\", \"Prof. Dr.\"))";
  EV("IgnoreFlowIfNullOrEmpty([department])", "", "(ignore flow)");
  EV("IgnoreFlowIfNullOrEmpty([department])", "department=", "(ignore flow)");
  EV("IgnoreFlowIfNullOrEmpty([department])", "department=Sales", "Sales");
  EV(zSw, "prefix=3444", "Prof.");
  EV(zSw, "prefix=9999", "(ignore flow)");
  EV("Join(\",\", \"a\", IgnoreFlowIfNullOrEmpty([x]))", "", "(ignore flow)");
  EV("IgnoreFlowIfNullOrEmpty([p])", "p=a|b", "[a|b]");
}
END_TEST

START_TEST(test_iif_returns_the_branch_its_condition_picks){
  EV("IIF([country]=\"USA\",[country],[departmentName])", "country=USA;departmentName=Sales", "USA");
  EV("IIF([country]=\"USA\",[country],[departmentName])", "country=NO;departmentName=Sales", "Sales");
  EV("IIF([StatusRehire]=1, \"Rehire\", \"New\")", "StatusRehire=1", "Rehire");
  EV("IIF([StatusRehire]<>1, \"New\", \"Rehire\")", "StatusRehire=01", "Rehire");
  EV("IIF(InStr([mail], \"@\")=0, \"bad\", \"ok\")", "mail=a@b", "ok");
  EV("IIF(IsPresent([x]), \"yes\", \"no\")", "", "no");
  EV("IIF(\"True\", \"t\", \"f\")", "", "t");
  EV("IIF(\"abc\", \"t\", \"f\")", "", "error: column 1: IIF: expected a Boolean or a number, found \"abc\"");
}
END_TEST

START_TEST(test_iif_nests_for_and_and_or){
  const char *zAnd = "IIF([country]=\"USA\",IIF([state]=\"CA\",\"True\",\"False\"),\"False\")";
  const char *zOr = "IIF([country]=\"USA\",\"True\",IIF([country]=\"CAN\",\"True\",\"False\"))";
  EV(zAnd, "country=USA;state=CA", "True");
  EV(zAnd, "country=USA;state=WA", "False");
  EV(zAnd, "country=CAN;state=CA", "False");
  EV(zOr, "country=CAN", "True");
  EV(zOr, "country=MEX", "False");
}
END_TEST

START_TEST(test_iif_evaluates_only_the_chosen_branch){
  EV("IIF(\"True\", \"kept\", IgnoreAttributeFlow)", "", "kept");
  EV("IIF(\"False\", \"kept\", IgnoreAttributeFlow)", "", "(ignore flow)");
  EV("IIF([active]=\"False\", IgnoreObjectFlow, \"x\")", "active=False", "(ignore object)");
  EV("IIF(\"True\", \"ok\", CDate(\"garbage\"))", "", "ok");
}
END_TEST

START_TEST(test_iif_on_a_null_attribute_compares_as_empty){
  EV("IIF([country]=\"\", \"Other\", [country])", "", "Other");
  EV("IIF([country]=\"USA\", \"US\", \"Other\")", "", "Other");
  EV("IIF([flag], \"t\", \"f\")", "", "f");
}
END_TEST

START_TEST(test_isnull_isnullorempty_ispresent_isstring){
  EV("IsNull([x])", "", "True");
  EV("IsNull([x])", "x=", "False");
  EV("IsNullOrEmpty([x])", "", "True");
  EV("IsNullOrEmpty([x])", "x=", "True");
  EV("IsNullOrEmpty([x])", "x=a", "False");
  EV("IsPresent([x])", "", "False");
  EV("IsPresent([x])", "x=", "False");
  EV("IsPresent([x])", "x=a", "True");
  EV("IsPresent([p])", "p=a|b", "True");
  EV("IsString([x])", "x=a", "True");
  EV("IsString([x])", "", "False");
  EV("IsString([p])", "p=a|b", "False");
  EV("IsString(Count([p]))", "", "True");
  EV("Switch(IsPresent([jobTitle]), \"DefaultValue\", \"True\", [jobTitle])", "jobTitle=Dev", "Dev");
  EV("Switch(IsPresent([jobTitle]), \"DefaultValue\", \"True\", [jobTitle])", "", "DefaultValue");
}
END_TEST

START_TEST(test_item_is_one_based_and_errors_out_of_range){
  const char *zP = "proxyAddresses=SMTP:a@x|smtp:b@x|smtp:c@x";
  EV("Item([proxyAddresses], 1)", zP, "SMTP:a@x");
  EV("Item([proxyAddresses], \"3\")", zP, "smtp:c@x");
  EV("Item([proxyAddresses], 0)", zP, "error: column 1: Item: index 0 is out of range (the value has 3 entries; the first is 1)");
  EV("Item([proxyAddresses], 4)", zP, "error: column 1: Item: index 4 is out of range (the value has 3 entries; the first is 1)");
  EV("Item([mail], 1)", "mail=m@x", "m@x");
  EV("Item([mail], 2)", "mail=m@x", "error: column 1: Item: index 2 is out of range (the value has 1 entry; the first is 1)");
  EV("Item([missing], 1)", "", "(null)");
}
END_TEST

START_TEST(test_join_skips_empty_and_null_sources){
  EV("Join(\", \", \"\", [surname], [givenName])", "surname=Doe;givenName=John", "Doe, John");
  EV("Join(\"1@\", \"a\", \"b\")", "", "a1@b");
  EV("Join(\";\", [proxy], \"x\")", "proxy=a||b", "a;b;x");
  EV("Join(\",\", [missing], \"x\", [missing2])", "", "x");
  EV("Join(\",\", [missing])", "", "");
  EV("Join(\"\", [givenName], \".\", [surname])", "surname=Doe;givenName=John", "John.Doe");
  EV("Join([sep], \"a\", \"b\")", "", "ab");
}
END_TEST

START_TEST(test_not_inverts_true_and_false){
  EV("Not(\"True\")", "", "False");
  EV("Not(\"False\")", "", "True");
  EV("Not(\"true\")", "", "False");
  EV("Not(\"x\")", "", "True");
  EV("Not([missing])", "", "True");
  EV("Not(IsPresent([a]))", "a=1", "False");
  EV("Not([accountEnabled])", "accountEnabled=True", "False");
}
END_TEST

START_TEST(test_randomstring_meets_its_minimums_from_the_seeded_stream){
  Rng a;
  char z1[300];
  int k, nDigit = 0, nLower = 0, nUpper = 0, nSpecial = 0;
  rng_stream(&a, 7, "expr");
  snprintf(z1, sizeof(z1), "%s", t_run("RandomString(6,3,0,0,3)", "", NULL, &a, NOW_EPOCH));
  ck_assert_int_eq((int)strlen(z1), 6);
  for(k=0; z1[k]; k++){
    nDigit += z1[k]>='0' && z1[k]<='9';
    nLower += z1[k]>='a' && z1[k]<='z';
  }
  ck_assert_int_eq(nDigit, 3);
  ck_assert_int_eq(nLower, 3);
  rng_stream(&a, 7, "expr");
  ck_assert_str_eq(t_run("RandomString(6,3,0,0,3)", "", NULL, &a, NOW_EPOCH), z1);
  rng_stream(&a, 8, "expr");
  ck_assert_str_ne(t_run("RandomString(6,3,0,0,3)", "", NULL, &a, NOW_EPOCH), z1);

  rng_stream(&a, 9, "expr");
  for(k=0; k<50; k++){
    const char *z = t_run("RandomString(10,2,2,2,1,\"?,\")", "", NULL, &a, NOW_EPOCH);
    int j;
    ck_assert_int_eq((int)strlen(z), 10);
    nDigit = nLower = nUpper = nSpecial = 0;
    for(j=0; z[j]; j++){
      if( z[j]>='0' && z[j]<='9' ) nDigit++;
      else if( z[j]>='a' && z[j]<='z' ) nLower++;
      else if( z[j]>='A' && z[j]<='Z' ) nUpper++;
      else{ nSpecial++; ck_assert_ptr_null(strchr("?,", z[j])); }
    }
    ck_assert_int_ge(nDigit, 2);
    ck_assert_int_ge(nSpecial, 2);
    ck_assert_int_ge(nUpper, 2);
    ck_assert_int_ge(nLower, 1);
  }
  ck_assert_int_eq((int)strlen(t_run("Redact(RandomString(6,3,0,0,3))", "", NULL, &a, NOW_EPOCH)), 6);
}
END_TEST

START_TEST(test_randomstring_rejects_impossible_requests){
  Rng a;
  rng_stream(&a, 1, "expr");
  ck_assert_str_eq(t_run("RandomString(257,0,0,0,0)", "", NULL, &a, NOW_EPOCH),
                   "error: column 1: RandomString: Length must be between 1 and 256, found 257");
  ck_assert_str_eq(t_run("RandomString(4,2,2,1,0)", "", NULL, &a, NOW_EPOCH),
                   "error: column 1: RandomString: the minimums add up to 5, more than Length 4");
  ck_assert_str_eq(t_run("RandomString(4,1,1,1,2)", "", NULL, &a, NOW_EPOCH),
                   "error: column 1: RandomString: the minimums add up to 5, more than Length 4");
  ck_assert_str_eq(t_run("RandomString(4,1,0,0,0,\"0123456789\")", "", NULL, &a, NOW_EPOCH),
                   "error: column 1: RandomString: CharactersToAvoid excludes every character MinimumNumbers asks for");
  ck_assert_str_eq(t_run("RandomString(4,-1,0,0,0)", "", NULL, &a, NOW_EPOCH),
                   "error: column 1: RandomString: MinimumNumbers must be between 0 and 256, found -1");
  ck_assert_str_eq(ev("RandomString(4,1,0,0,0)", ""),
                   "error: column 1: RandomString: no random stream in the evaluation environment");
}
END_TEST

START_TEST(test_redact_passes_the_value_and_flags_the_result){
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  ExprResult r;
  t_parse(&gObj, "userPrincipalName=jo@contoso.com");
  t_env(&env, &gObj, NULL, NOW_EPOCH);
  ck_assert_int_eq(expr_compile("Redact([userPrincipalName])", &p, &err), 0);
  ck_assert_int_eq(expr_eval(p, &env, &r, &err), 0);
  ck_assert_int_eq(r.eOutcome, EXPR_VALUE);
  ck_assert_str_eq(r.azValue[0], "jo@contoso.com");
  ck_assert_int_eq(r.bRedact, 1);
  expr_result_free(&r);
  expr_free(p);
  ck_assert_int_eq(expr_compile("[userPrincipalName]", &p, &err), 0);
  ck_assert_int_eq(expr_eval(p, &env, &r, &err), 0);
  ck_assert_int_eq(r.bRedact, 0);
  expr_result_free(&r);
  expr_free(p);
  EV("Redact(\"StringToBeRedacted\")", "", "StringToBeRedacted");
}
END_TEST

START_TEST(test_remove_duplicates_keeps_first_occurrences){
  EV("RemoveDuplicates([p])", "p=a|b|a|c|b", "[a|b|c]");
  EV("RemoveDuplicates([p])", "p=a|A", "[a|A]");
  EV("RemoveDuplicates([p])", "p=x|x", "x");
  EV("RemoveDuplicates([mail])", "mail=m", "m");
  EV("RemoveDuplicates([missing])", "", "(null)");
  EV("Count(RemoveDuplicates(Split(\"a,b,a\", \",\")))", "", "2");
}
END_TEST

START_TEST(test_select_unique_value_skips_taken_candidates){
  static const char *const azNone[] = { NULL };
  static const char *const azOne[] = { "John.Smith@contoso.com", NULL };
  static const char *const azTwo[] = { "John.Smith@contoso.com", "J.Smith@contoso.com", NULL };
  static const char *const azAll[] = { "John.Smith@contoso.com", "J.Smith@contoso.com",
                                       "Jo.Smith@contoso.com", NULL };
  const char *zE =
    "SelectUniqueValue(\n"
    "  Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\", [firstName], [lastName]))), \"contoso.com\"),\n"
    "  Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\", Left([firstName],1), [lastName]))), \"contoso.com\"),\n"
    "  Join(\"@\", NormalizeDiacritics(StripSpaces(Join(\".\", Left([firstName],2), [lastName]))), \"contoso.com\")\n"
    ")";
  const char *zA = "firstName=John;lastName=Smith";
  ck_assert_str_eq(t_run(zE, zA, azNone, NULL, NOW_EPOCH), "John.Smith@contoso.com");
  ck_assert_str_eq(t_run(zE, zA, azOne, NULL, NOW_EPOCH), "J.Smith@contoso.com");
  ck_assert_int_eq(gObj.nTakenCalls, 2);
  ck_assert_str_eq(t_run(zE, zA, azTwo, NULL, NOW_EPOCH), "Jo.Smith@contoso.com");
  ck_assert_str_eq(t_run(zE, zA, azAll, NULL, NOW_EPOCH), "(escrow)");
  ck_assert_int_eq(gObj.nTakenCalls, 3);
  ck_assert_str_eq(t_run(zE, "firstName=Zo\xC3\xAB;lastName=Van Dyke", azNone, NULL, NOW_EPOCH),
                   "Zoe.VanDyke@contoso.com");
}
END_TEST

START_TEST(test_select_unique_value_skips_empty_rules_and_needs_one_value){
  EV("SelectUniqueValue([missing], \"\", \"c\")", "", "c");
  EV("SelectUniqueValue([missing], \"\")", "", "(null)");
  EV("SelectUniqueValue([p], \"c\")", "p=a|b", "error: column 1: SelectUniqueValue: rule 1 gave 2 values; expected one");
}
END_TEST

START_TEST(test_single_app_role_assignment_and_complex_roles){
  EV("SingleAppRoleAssignment([appRoleAssignments])", "appRoleAssignments=Admin|User", "Admin");
  EV("SingleAppRoleAssignment([appRoleAssignments])", "", "(null)");
  EV("AppRoleAssignmentsComplex([appRoleAssignments])", "appRoleAssignments=Admin|Say \"hi\"",
     "[{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"displayName\":\"Admin\",\"value\":\"Admin\"}|"
     "{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"displayName\":\"Say \\\"hi\\\"\","
     "\"value\":\"Say \\\"hi\\\"\"}]");
  EV("AppRoleAssignmentsComplex([appRoleAssignments])", "", "(null)");
}
END_TEST

START_TEST(test_split_makes_a_multi_valued_result_without_trimming){
  EV("Split([extensionAttribute5], \",\")", "extensionAttribute5=PermissionSetOne, PermissionSetTwo",
     "[PermissionSetOne| PermissionSetTwo]");
  EV("Split(\"a,,b\", \",\")", "", "[a||b]");
  EV("Split(\"a--b\", \"--\")", "", "[a|b]");
  EV("Split(\"abc\", \",\")", "", "abc");
  EV("Split(\"abc\", \"\")", "", "abc");
  EV("Split([missing], \",\")", "", "(null)");
  EV("Item(Split(\"a,b,c\", \",\"), 2)", "", "b");
}
END_TEST

START_TEST(test_switch_matches_keys_case_sensitively){
  const char *zE = "Switch([country], \"Unknown\", \"USA\", \"America\", \"CAN\", \"Canada\")";
  EV(zE, "country=CAN", "Canada");
  EV(zE, "country=usa", "Unknown");
  EV(zE, "", "Unknown");
  EV("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "statusFlag=", "0");
  EV("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "", "0");
  EV("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "statusFlag=true", "1");
  EV("Switch([statusFlag], \"Default Value\", \"true\", \"1\", \"\", \"0\")", "statusFlag=x", "Default Value");
  EV("Switch([Active], , \"1\", \"Active\")", "Active=0", "(null)");
  EV("Switch([Active], \"\", \"1\", \"Active\")", "Active=0", "");
  EV("Switch(\"a\", IgnoreAttributeFlow, \"a\", \"x\")", "", "x");
  EV("Switch([n], \"d\", 1, \"one\")", "n=1", "one");
}
END_TEST

START_TEST(test_switch_needs_keys_in_pairs){
  CE("Switch([a], \"d\", \"k\", \"v\", \"k2\")",
     "column 32: expected an even number of arguments for Switch(source, defaultValue, key1, value1, key2, "
     "value2, ...), found 5 (a key without a value)");
  CE("Switch([a], \"d\", \"k\")",
     "column 21: expected at least 4 arguments for Switch(source, defaultValue, key1, value1, key2, value2, "
     "...), found 3");
  EV("Switch([p], \"d\", \"a\", \"b\")", "p=a|b",
     "error: column 1: Switch: a multi-valued operand (2 values) cannot be matched");
}
END_TEST

/* REF's IsPresent example is written for Entra Connect's Switch(cond1,
** val1, ...); under the provisioning Switch(source, default, key, value,
** ...) it means: source IsPresent([directManager]), default [directManager],
** then key IsPresent([skiplevelManager]) -> [skiplevelManager], key
** IsPresent([director]) -> [director]. We follow the provisioning rule. */
START_TEST(test_ispresent_reference_example_follows_provisioning_switch){
  const char *zE = "Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),"
                   "[skiplevelManager], IsPresent([director]),[director])";
  EV(zE, "directManager=Ann;skiplevelManager=Bob", "Bob");
  EV(zE, "directManager=Ann", "Ann");
  EV(zE, "skiplevelManager=Bob;director=Dee", "(null)");   /* no key equals "False": default is null */
  EV(zE, "", "(null)");
}
END_TEST

START_TEST(test_empty_string_inputs_stay_empty_and_null_inputs_follow_the_null_rules){
  static const struct { const char *zExpr, *zEmpty, *zNull; } a[] = {
    { "Append(%s, \"x\")",                  "x",      "x" },
    { "ConvertToBase64(%s)",                 "",       "(null)" },
    { "ConvertToUTF8Hex(%s)",                "",       "(null)" },
    { "CStr(%s)",                            "",       "(null)" },
    { "InStr(%s, \"a\")",                    "0",      "0" },
    { "Left(%s, 2)",                         "",       "" },
    { "Mid(%s, 1, 2)",                       "",       "" },
    { "NormalizeDiacritics(%s)",             "",       "(null)" },
    { "PCase(%s)",                           "",       "(null)" },
    { "Replace(%s, \"a\", , , \"b\", , )",   "",       "(null)" },
    { "Replace(%s, , \"a\", , \"b\", , )",   "",       "(null)" },
    { "Split(%s, \",\")",                    "",       "(null)" },
    { "StripSpaces(%s)",                     "",       "(null)" },
    { "ToLower(%s)",                         "",       "(null)" },
    { "ToUpper(%s)",                         "",       "(null)" },
    { "Word(%s, 1, \" \")",                  "",       "" },
    { "Join(\",\", %s)",                     "",       "" },
    { "Switch(%s, \"d\", \"\", \"empty\")",    "empty",  "empty" },
    { "Coalesce(%s, \"d\")",                 "",       "d" },
    { "IsNull(%s)",                          "False",  "True" },
    { "IsNullOrEmpty(%s)",                   "True",   "True" },
    { "IsPresent(%s)",                       "False",  "False" },
    { "IsString(%s)",                        "True",   "False" },
    { "Count(%s)",                           "1",      "0" },
    { "Not(%s)",                             "True",   "True" },
    { "CBool(%s)",                           "error: column 1: CBool: expected a Boolean or a number, found \"\"", "False" },
    { "CDate(%s)",                           "error: column 1: CDate: argument 1 (expression) is not a date/time: \"\"", "(null)" },
    { "RemoveDuplicates(%s)",                "",       "(null)" },
    { "Redact(%s)",                          "",       "(null)" },
    { "SingleAppRoleAssignment(%s)",         "",       "(null)" },
    { "IgnoreFlowIfNullOrEmpty(%s)",         "(ignore flow)", "(ignore flow)" },
  };
  char z[256];
  size_t k;
  for(k=0; k<sizeof(a)/sizeof(a[0]); k++){
    snprintf(z, sizeof(z), a[k].zExpr, "[v]");
    ck_assert_msg(strcmp(ev(z, "v="), a[k].zEmpty)==0, "%s with \"\": %s", z, zRes);
    ck_assert_msg(strcmp(ev(z, ""), a[k].zNull)==0, "%s with null: %s", z, zRes);
  }
}
END_TEST

START_TEST(test_single_value_functions_reject_multi_valued_arguments){
  EV("DateAdd(\"d\", [n], Now())", "n=1|2", "error: column 1: DateAdd: argument 2 (value) must be an integer, found 2 values");
  EV("Join([sep], \"a\", \"b\")", "sep=,|;", "error: column 1: Join: argument 1 (separator) has 2 values; expected a single value");
  EV("Split([p], \",\")", "p=a,b|c", "error: column 1: Split: argument 1 (source) has 2 values; expected a single value");
}
END_TEST

/* Make allocation n fail for every n up to the first run that needs no
** failure: each run must either succeed or report TS_NOMEM, and leave
** nothing allocated (ASan's leak check runs at the end of the test). */
static void t_fail_each_allocation(const char *zExpr, const char *zAttrs){
  long n;
  int bDone = 0;
  Rng a;
  t_parse(&gObj, zAttrs);
  for(n=1; n<5000 && !bDone; n++){
    Expr *p = NULL;
    TsErr err;
    ExprEnv env;
    ExprResult r;
    int rc;
    long nFailedBefore = mem_fail_count();
    rng_stream(&a, 5, "expr");
    t_env(&env, &gObj, &a, NOW_EPOCH);
    mem_fail_after(n);
    rc = expr_compile(zExpr, &p, &err);
    if( rc==TS_OK ){
      rc = expr_eval(p, &env, &r, &err);
      expr_result_free(&r);
    }
    mem_fail_after(0);
    expr_free(p);
    if( rc!=TS_OK ){
      ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
    }
    if( mem_fail_count()==nFailedBefore ){
      ck_assert_int_eq(rc, TS_OK);
      bDone = 1;
    }
  }
  ck_assert_int_eq(bDone, 1);
}

START_TEST(test_allocation_failures_are_reported_not_crashed_on){
  t_fail_each_allocation(
    "Join(\"@\", PCase(Replace(NormalizeDiacritics(ToLower(Item([p], 2))), , \"(?<u>[a-z]+)(\\\\d*)\", , "
    "\"${u}.$2\", , )), Replace([mail], , \"@(?<d>.*)\", \"d\", \"x\", , ), RandomString(8,1,1,1,1), "
    "FormatDateTime(Now(), , \"M/d/yyyy h:mm:ss tt\", \"yyyy-MM-dd\"), Split(\"a,b\", \",\"), "
    "AppRoleAssignmentsComplex([p]), Switch([mail], \"d\", \"k\", \"v\"), Coalesce([x], Guid()))",
    "p=\xC3\x89mile|Zo\xC3\xAB" "42|c;mail=jo@contoso.com");
  t_fail_each_allocation("Replace(Left([p], 3), , [re], , \"$0$0\", , )", "p=abc|de;re=[a-z]");
  t_fail_each_allocation("Join(\",\", \"a\", \"b\", \"c\", \"d\", \"e\", \"f\", \"g\", \"h\", \"i\")", "");
}
END_TEST

Suite *expr_func_suite(void){
  Suite *s = suite_create("expr_func");
  TCase *tcFunctions = tcase_create("functions");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcFunctions, test_bitand_ands_two_integers);
  tcase_add_test(tcFunctions, test_cbool_is_true_for_non_zero_and_true);
  tcase_add_test(tcFunctions, test_coalesce_returns_the_first_non_null);
  tcase_add_test(tcFunctions, test_count_counts_values);
  tcase_add_test(tcFunctions, test_guid_is_a_lower_case_v4_guid_from_the_seeded_stream);
  tcase_add_test(tcFunctions, test_ignore_flow_if_null_or_empty_drops_the_attribute);
  tcase_add_test(tcFunctions, test_iif_returns_the_branch_its_condition_picks);
  tcase_add_test(tcFunctions, test_iif_nests_for_and_and_or);
  tcase_add_test(tcFunctions, test_iif_evaluates_only_the_chosen_branch);
  tcase_add_test(tcFunctions, test_iif_on_a_null_attribute_compares_as_empty);
  tcase_add_test(tcFunctions, test_isnull_isnullorempty_ispresent_isstring);
  tcase_add_test(tcFunctions, test_item_is_one_based_and_errors_out_of_range);
  tcase_add_test(tcFunctions, test_join_skips_empty_and_null_sources);
  tcase_add_test(tcFunctions, test_not_inverts_true_and_false);
  tcase_add_test(tcFunctions, test_randomstring_meets_its_minimums_from_the_seeded_stream);
  tcase_add_test(tcFunctions, test_randomstring_rejects_impossible_requests);
  tcase_add_test(tcFunctions, test_redact_passes_the_value_and_flags_the_result);
  tcase_add_test(tcFunctions, test_remove_duplicates_keeps_first_occurrences);
  tcase_add_test(tcFunctions, test_select_unique_value_skips_taken_candidates);
  tcase_add_test(tcFunctions, test_select_unique_value_skips_empty_rules_and_needs_one_value);
  tcase_add_test(tcFunctions, test_single_app_role_assignment_and_complex_roles);
  tcase_add_test(tcFunctions, test_split_makes_a_multi_valued_result_without_trimming);
  tcase_add_test(tcFunctions, test_switch_matches_keys_case_sensitively);
  tcase_add_test(tcFunctions, test_switch_needs_keys_in_pairs);
  tcase_add_test(tcFunctions, test_single_value_functions_reject_multi_valued_arguments);
  tcase_add_test(tcFunctions, test_ispresent_reference_example_follows_provisioning_switch);
  tcase_add_test(tcFunctions, test_empty_string_inputs_stay_empty_and_null_inputs_follow_the_null_rules);
  suite_add_tcase(s, tcFunctions);

  tcase_add_test(tcOom, test_allocation_failures_are_reported_not_crashed_on);
  tcase_set_timeout(tcOom, 60);
  suite_add_tcase(s, tcOom);
  return s;
}
