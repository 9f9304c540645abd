/*
** test_dynrule.c — the specification of Entra dynamic membership rules
** (dynrule.c): every operator both ways, precedence, quoting, null and
** Boolean values, lists, regular expressions and their budget, case,
** every refusal with its column and message, the attribute list, the
** guest-keyed test, and allocation failure during compilation.
**
** The fixture: a resolver over the attr.h catalog (names without regard
** to case, as the service reads them) plus extensionAttribute1..15 and
** one directory extension, and a user that is an array of values indexed
** by attribute id.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "attr.h"
#include "dynrule.h"
#include "mem.h"
#include "suites.h"

#define X_EXT_OFFICE (A_COUNT + 15)   /* after extensionAttribute1..15 */
#define N_FX_ATTR    (A_COUNT + 16)
#define FX_DIR_EXT   "extension_c272a57b722d4eb29bfe327874ae79cb_OfficeNumber"

typedef struct FxUser { const char *az[N_FX_ATTR]; } FxUser;

static int fx_resolve(void *pCtx, const char *zProp){
  int i;
  (void)pCtx;
  for(i=0; i<A_COUNT; i++) if( strcasecmp(attr_info(i)->zName, zProp)==0 ) return i;
  if( strncasecmp(zProp, "extensionAttribute", 18)==0 ){
    char zCanon[32];
    snprintf(zCanon, sizeof(zCanon), "extensionAttribute%s", zProp+18);
    if( attr_is_extension(zCanon) ) return A_COUNT + atoi(zProp+18) - 1;
  }
  if( strcasecmp(zProp, FX_DIR_EXT)==0 ) return X_EXT_OFFICE;
  return -1;
}

static const char *fx_get(void *pCtx, int iAttr){
  return ((FxUser*)pCtx)->az[iAttr];
}

/* Compile zRule (it must compile) and evaluate it for u. */
static int ev(const char *zRule, FxUser *u){
  DynRule *p = NULL;
  DynError e;
  int rc = dynrule_compile(zRule, fx_resolve, NULL, &p, &e);
  int r;
  ck_assert_msg(rc==TS_OK, "%s: column %d: %s", zRule, e.iCol, e.zMsg);
  r = dynrule_match(p, fx_get, u);
  dynrule_free(p);
  return r;
}

/* zRule must be refused at column iCol with message zMsg. */
static void refused(const char *zRule, int iCol, const char *zMsg){
  DynRule *p = (DynRule*)&p;
  DynError e;
  int rc = dynrule_compile(zRule, fx_resolve, NULL, &p, &e);
  ck_assert_msg(rc==TS_ERR, "%s: compiled (rc %d)", zRule, rc);
  ck_assert_ptr_null(p);
  ck_assert_str_eq(e.zMsg, zMsg);
  ck_assert_msg(e.iCol==iCol, "%s: column %d, expected %d (%s)", zRule, e.iCol, iCol, e.zMsg);
}

static FxUser sales(void){
  FxUser u;
  memset(&u, 0, sizeof(u));
  u.az[A_DEPARTMENT] = "Sales";
  u.az[A_CITY] = "London";
  u.az[A_DISPLAY_NAME] = "David Jones";
  u.az[A_USER_TYPE] = "Member";
  u.az[A_ACCOUNT_ENABLED] = "True";
  u.az[A_MAIL] = "david@contoso.com";
  u.az[A_EMPLOYEE_HIRE_DATE] = "2024-03-01T09:00:00Z";
  return u;
}

/* ------------------------------------------------------------ operators */

START_TEST(test_each_comparison_operator_holds_and_fails){
  FxUser u = sales();
  ck_assert_int_eq(ev("user.department -eq \"Sales\"", &u), 1);
  ck_assert_int_eq(ev("user.department -eq \"Sale\"", &u), 0);
  ck_assert_int_eq(ev("user.department -ne \"HR\"", &u), 1);
  ck_assert_int_eq(ev("user.department -ne \"Sales\"", &u), 0);
  ck_assert_int_eq(ev("user.mail -startsWith \"david@\"", &u), 1);
  ck_assert_int_eq(ev("user.mail -startsWith \"contoso\"", &u), 0);
  ck_assert_int_eq(ev("user.mail -notStartsWith \"contoso\"", &u), 1);
  ck_assert_int_eq(ev("user.mail -notStartsWith \"david\"", &u), 0);
  ck_assert_int_eq(ev("user.mail -endsWith \"@contoso.com\"", &u), 1);
  ck_assert_int_eq(ev("user.mail -endsWith \"@fabrikam.com\"", &u), 0);
  ck_assert_int_eq(ev("user.mail -notEndsWith \"@fabrikam.com\"", &u), 1);
  ck_assert_int_eq(ev("user.mail -notEndsWith \"contoso.com\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -contains \"vid J\"", &u), 1);
  ck_assert_int_eq(ev("user.displayName -contains \"Smith\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -notContains \"Smith\"", &u), 1);
  ck_assert_int_eq(ev("user.displayName -notContains \"Jones\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -match \"^Da.*\"", &u), 1);
  ck_assert_int_eq(ev("user.displayName -match \"^vid\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -notMatch \"^vid\"", &u), 1);
  ck_assert_int_eq(ev("user.displayName -notMatch \"Jon\"", &u), 0);
  ck_assert_int_eq(ev("user.city -in [\"Paris\",\"London\"]", &u), 1);
  ck_assert_int_eq(ev("user.city -in [\"Paris\",\"Lagos\"]", &u), 0);
  ck_assert_int_eq(ev("user.city -notIn [\"Paris\", \"Lagos\"]", &u), 1);
  ck_assert_int_eq(ev("user.city -notIn [\"London\"]", &u), 0);
  ck_assert_int_eq(ev("user.employeeHireDate -ge 2024-01-01T00:00:00Z", &u), 1);
  ck_assert_int_eq(ev("user.employeeHireDate -ge \"2024-06-01T00:00:00Z\"", &u), 0);
  ck_assert_int_eq(ev("user.employeeHireDate -le 2024-03-01T09:00:00Z", &u), 1);
  ck_assert_int_eq(ev("user.employeeHireDate -le 2020-06-10T18:13:20Z", &u), 0);
}
END_TEST

/* The documented -match examples: a search, not anchored unless the
** pattern says so; and regular expressions ignore case. */
START_TEST(test_match_searches_without_regard_to_case){
  FxUser u = sales();
  u.az[A_DISPLAY_NAME] = "aDa";
  ck_assert_int_eq(ev("user.displayName -match \"^Da.*\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -match \"Da.*\"", &u), 1);
  u.az[A_DISPLAY_NAME] = "David";
  ck_assert_int_eq(ev("user.displayName -match \".*vid\"", &u), 1);
  ck_assert_int_eq(ev("user.displayName -match \"^DAVID$\"", &u), 1);
  u.az[A_DISPLAY_NAME] = "Da";
  ck_assert_int_eq(ev("user.displayName -match \".*vid\"", &u), 0);
  u.az[A_USER_PRINCIPAL_NAME] = "jo@domain.ext";
  ck_assert_int_eq(ev("user.userPrincipalName -match \"@domain.ext$\"", &u), 1);
  ck_assert_int_eq(ev("user.userPrincipalName -match \".*@domain.ext\"", &u), 1);
}
END_TEST

/* ^(a+)+$ on a's and a b backtracks exponentially: PCRE2's budget stops
** it, and the comparison is false both ways (a plain non-match would
** make -notMatch true). */
START_TEST(test_catastrophic_backtracking_matches_neither_way){
  FxUser u = sales();
  u.az[A_DISPLAY_NAME] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab";
  ck_assert_int_eq(ev("user.displayName -match \"^(a+)+$\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -notMatch \"^(a+)+$\"", &u), 0);
  ck_assert_int_eq(ev("user.displayName -notMatch \"^a+$\"", &u), 1);
  u.az[A_DISPLAY_NAME] = "aaaa";
  ck_assert_int_eq(ev("user.displayName -match \"^(a+)+$\"", &u), 1);
}
END_TEST

/* ----------------------------------------------------------- precedence */

/* Documented, highest first: comparisons, -not, -and, -or. */
START_TEST(test_and_binds_tighter_than_or){
  FxUser u = sales();   /* Sales, London */
  ck_assert_int_eq(ev("user.department -eq \"Sales\" -or user.department -eq \"HR\" -and user.city -eq \"Paris\"", &u), 1);
  ck_assert_int_eq(ev("(user.department -eq \"Sales\" -or user.department -eq \"HR\") -and user.city -eq \"Paris\"", &u), 0);
  ck_assert_int_eq(ev("user.city -eq \"Paris\" -and user.department -eq \"HR\" -or user.department -eq \"Sales\"", &u), 1);
  ck_assert_int_eq(ev("user.city -eq \"Paris\" -and (user.department -eq \"HR\" -or user.department -eq \"Sales\")", &u), 0);
}
END_TEST

START_TEST(test_not_binds_tighter_than_and_and_looser_than_comparisons){
  FxUser u = sales();
  /* (-not HR) -and Paris: false; -not (HR -and Paris) would be true */
  ck_assert_int_eq(ev("-not user.department -eq \"HR\" -and user.city -eq \"Paris\"", &u), 0);
  ck_assert_int_eq(ev("-not (user.department -eq \"HR\" -and user.city -eq \"Paris\")", &u), 1);
  ck_assert_int_eq(ev("-not user.department -eq \"Sales\"", &u), 0);
  ck_assert_int_eq(ev("-not -not user.department -eq \"Sales\"", &u), 1);
  ck_assert_int_eq(ev("(user.department -eq \"Sales\") -and -not (user.jobTitle -startsWith \"SDE\")", &u), 1);
  u.az[A_JOB_TITLE] = "SDE II";
  ck_assert_int_eq(ev("(user.department -eq \"Sales\") -and -not (user.jobTitle -startsWith \"SDE\")", &u), 0);
  ck_assert_int_eq(ev("((((user.department -eq \"Sales\"))))", &u), 1);
}
END_TEST

/* ----------------------------------------------------- values and quoting */

START_TEST(test_backtick_escapes_a_quote_and_two_single_quotes_are_one){
  FxUser u = sales();
  u.az[A_DEPARTMENT] = "\"Sales\"";
  ck_assert_int_eq(ev("user.department -eq \"`\"Sales`\"\"", &u), 1);
  ck_assert_int_eq(ev("user.department -eq \"Sales\"", &u), 0);
  u.az[A_SURNAME] = "O'Brien";
  ck_assert_int_eq(ev("user.surname -eq 'O''Brien'", &u), 1);
  ck_assert_int_eq(ev("user.surname -eq \"O''Brien\"", &u), 1);
  ck_assert_int_eq(ev("user.surname -eq \"O'Brien\"", &u), 1);
  u.az[A_SURNAME] = "a`b";
  ck_assert_int_eq(ev("user.surname -eq \"a``b\"", &u), 1);
  ck_assert_int_eq(ev("user.surname -in ['x', \"A``B\"]", &u), 1);
}
END_TEST

/* An unset attribute and "" are null; quoted "null" is text; every
** negated operator is its positive one negated, also on unset values. */
START_TEST(test_null_is_unset_or_empty){
  FxUser u = sales();
  ck_assert_int_eq(ev("user.jobTitle -eq null", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -ne null", &u), 0);
  ck_assert_int_eq(ev("user.department -eq null", &u), 0);
  ck_assert_int_eq(ev("user.department -ne NULL", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -eq \"null\"", &u), 0);
  ck_assert_int_eq(ev("user.jobTitle -eq \"\"", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -ne \"Engineer\"", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -notContains \"x\"", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -notIn [\"x\"]", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -startsWith \"x\"", &u), 0);
  ck_assert_int_eq(ev("user.jobTitle -match \"^$\"", &u), 1);
  u.az[A_JOB_TITLE] = "";
  ck_assert_int_eq(ev("user.jobTitle -eq null", &u), 1);
  u.az[A_JOB_TITLE] = "Null";
  ck_assert_int_eq(ev("user.jobTitle -eq \"null\"", &u), 1);
  ck_assert_int_eq(ev("user.jobTitle -eq null", &u), 0);
  ck_assert_int_eq(ev("user.employeeHireDate -ge 2000-01-01T00:00:00Z", &(FxUser){ {0} }), 0);
}
END_TEST

START_TEST(test_booleans_read_true_and_false_in_any_case){
  FxUser u = sales();
  ck_assert_int_eq(ev("user.accountEnabled -eq true", &u), 1);
  ck_assert_int_eq(ev("user.accountEnabled -eq TRUE", &u), 1);
  ck_assert_int_eq(ev("user.accountEnabled -eq false", &u), 0);
  ck_assert_int_eq(ev("user.accountEnabled -ne true", &u), 0);
  u.az[A_ACCOUNT_ENABLED] = "false";
  ck_assert_int_eq(ev("user.accountEnabled -eq true", &u), 0);
  ck_assert_int_eq(ev("user.accountEnabled -eq false", &u), 1);
  ck_assert_int_eq(ev("user.accountEnabled -eq \"False\"", &u), 1);
  u.az[A_ACCOUNT_ENABLED] = NULL;
  ck_assert_int_eq(ev("user.accountEnabled -eq true", &u), 0);
  ck_assert_int_eq(ev("user.accountEnabled -eq false", &u), 0);
  ck_assert_int_eq(ev("user.accountEnabled -ne true", &u), 1);
}
END_TEST

START_TEST(test_in_lists_hold_strings_and_numbers_without_regard_to_case){
  FxUser u = sales();
  u.az[A_DEPARTMENT] = "50016";
  ck_assert_int_eq(ev("user.department -in [\"50001\",\"50002\",\"50016\",\"51100\"]", &u), 1);
  ck_assert_int_eq(ev("user.department -in [50001, 50016]", &u), 1);
  ck_assert_int_eq(ev("user.department -in [50001]", &u), 0);
  ck_assert_int_eq(ev("user.department -eq 50016", &u), 1);
  ck_assert_int_eq(ev("user.city -in [\"LONDON\"]", &u), 1);
  ck_assert_int_eq(ev("user.city -in [ 'paris' , 'london' ]", &u), 1);
}
END_TEST

START_TEST(test_operators_and_keywords_ignore_case_and_the_hyphen){
  FxUser u = sales();
  ck_assert_int_eq(ev("USER.Department -EQ \"sales\"", &u), 1);
  ck_assert_int_eq(ev("user.department -Eq \"SALES\"", &u), 1);
  ck_assert_int_eq(ev("user.DEPARTMENT eq \"Sales\"", &u), 1);
  ck_assert_int_eq(ev("user.city -eq \"Lagos\" or user.city -startswith \"Lon\"", &u), 1);
  ck_assert_int_eq(ev("user.city -eq \"Lagos\" OR user.city -STARTSWITH \"Lag\"", &u), 0);
  ck_assert_int_eq(ev("not user.city -eq \"Lagos\" and user.department -NOTIN [\"HR\"]", &u), 1);
  ck_assert_int_eq(ev("user.mail -contains \"CONTOSO\"", &u), 1);
  ck_assert_int_eq(ev("\n  user.city -eq \"London\"\r\n\t-and user.department -eq \"Sales\"  ", &u), 1);
}
END_TEST

START_TEST(test_extension_properties_and_direct_reports_resolve){
  FxUser u = sales();
  u.az[A_COUNT + 14] = "Marketing";
  u.az[X_EXT_OFFICE] = "123";
  u.az[A_MANAGER] = "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb";
  ck_assert_int_eq(ev("(user.extensionAttribute15 -eq \"Marketing\")", &u), 1);
  ck_assert_int_eq(ev("user.extensionAttribute1 -eq null", &u), 1);
  ck_assert_int_eq(ev("user." FX_DIR_EXT " -eq \"123\"", &u), 1);
  ck_assert_int_eq(ev("Direct Reports for \"AAAAAAAA-0000-1111-2222-bbbbbbbbbbbb\"", &u), 1);
  ck_assert_int_eq(ev("direct reports FOR \"aaaaaaaa-0000-1111-2222-cccccccccccc\"", &u), 0);
}
END_TEST

/* --------------------------------------------------------------- errors */

START_TEST(test_misspelt_operators_suggest_the_right_one){
  refused("user.department -equals \"Sales\"", 17, "unknown operator \"-equals\" (did you mean -eq?)");
  refused("user.department -startWith \"S\"", 17, "unknown operator \"-startWith\" (did you mean -startsWith?)");
  refused("user.department -notequals \"S\"", 17, "unknown operator \"-notequals\" (did you mean -ne?)");
  refused("user.department equals \"S\"", 17, "unknown operator \"equals\" (did you mean -eq?)");
  refused("user.city -eq \"a\" -adn user.city -eq \"b\"", 19, "unknown operator \"-adn\" (did you mean -and?)");
  refused("user.city -eq \"a\" -xyzzy user.city -eq \"b\"", 19,
          "unknown operator \"-xyzzy\"; expected -and or -or between expressions");
  refused("user.city == \"a\"", 11, "unexpected \"==\" (did you mean -eq?)");
  refused("user.city -eq \"a\" && user.city -eq \"b\"", 19, "unexpected \"&&\" (did you mean -and?)");
  refused("user.mail \xE2\x80\x93ne null", 11, "a dash (\xE2\x80\x93) before an operator: write a hyphen (-)");
  refused("user.mail -not null", 11,
          "-not is not a comparison: to test for a value write -ne null, to negate a comparison put -not before it");
  refused("user.city \"London\"", 11,
          "expected a comparison operator such as -eq after user.city, found \"\"London\"\"");
  refused("user.city -and user.city -eq \"b\"", 11,
          "expected a comparison operator such as -eq after user.city, found -and");
}
END_TEST

START_TEST(test_rules_tenantsim_cannot_evaluate_are_refused){
  refused("device.deviceOSType -eq \"iPad\"", 1,
          "device rules are not supported: tenantsim's dynamic groups hold users (user.<property>)");
  refused("(user.proxyAddresses -any (_ -startsWith \"contoso\"))", 7,
          "user.proxyAddresses is multi-valued: tenantsim does not evaluate multi-valued properties (-any, -all)");
  refused("user.assignedPlans -all (assignedPlan.servicePlanId -eq null)", 6,
          "user.assignedPlans is multi-valued: tenantsim does not evaluate multi-valued properties (-any, -all)");
  refused("user.department -any (_ -eq \"x\")", 17,
          "-any applies to a multi-valued property: tenantsim does not evaluate multi-valued properties");
  refused("user.memberOf -any (group.objectId -in ['aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb'])", 6,
          "user.memberOf rules are not supported: tenantsim does not evaluate group membership inside a rule");
  refused("user.employeeHireDate -ge system.now -plus p1d", 27,
          "system.now is not supported: tenantsim evaluates rules without a clock;"
          " compare with a fixed instant such as 2020-06-10T18:13:20Z");
  refused("user.objectId -ne null", 6, "user.objectId is a property Entra documents that tenantsim does not model");
}
END_TEST

START_TEST(test_unknown_properties_suggest_a_known_one){
  refused("user.departmnet -eq \"Sales\"", 6, "unknown user property departmnet (did you mean department?)");
  refused("user.invalidProperty -eq \"Value\"", 6, "unknown user property invalidProperty");
  refused("user.extensionAttribute16 -eq \"x\"", 6, "unknown user property extensionAttribute16");
  refused("department -eq \"Sales\"", 1, "expected a user property (user.<property>), found \"department\"");
  refused("user. -eq \"x\"", 6, "expected a property name after \"user.\"");
  refused("user.manager.department -eq \"x\"", 6, "expected a property name after \"user.\"");
}
END_TEST

START_TEST(test_malformed_rules_are_refused_where_they_go_wrong){
  refused("", 1, "the rule is empty");
  refused("   ", 4, "the rule is empty");
  refused("user.department -eq", 20, "expected a value after -eq");
  refused("user.department -eq \"Sales", 21, "unterminated string: the \" at column 21 is never closed");
  refused("user.surname -eq 'O''Brien", 18, "unterminated string: the ' at column 18 is never closed");
  refused("(user.department -eq \"Sales\"", 1, "unbalanced parentheses: the ( at column 1 is never closed");
  refused("user.department -eq \"Sales\")", 28, "unbalanced parentheses: this ) has no (");
  refused("(user.department -eq \"Sales\") (user.department -eq \"Marketing\")", 31,
          "expected -and or -or between expressions, found \"(\"");
  refused("user.department -eq \"Sales\" -and", 33, "expected a comparison after -and");
  refused("user.department -eq \"Sales\" -or ()", 34, "expected a comparison before )");
  refused("-and user.city -eq \"x\"", 1, "expected a comparison before -and");
  refused("user.department -eq Sales", 21, "a text value goes in double quotes: \"Sales\"");
  refused("user.department -eq `\"Sales`\"", 21,
          "a backtick escapes a character inside quotes only: write the value in double quotes");
  refused("user.department -eq \"a\" user.city -eq \"b\"", 25,
          "expected -and or -or between expressions, found \"user.city\"");
  refused("Direct Reports for \"x\" -and user.city -eq \"b\"", 24,
          "a Direct Reports rule cannot be combined with other expressions");
  refused("Direct Reports \"x\"", 16, "expected Direct Reports for \"<object id of the manager>\"");
}
END_TEST

START_TEST(test_type_mismatches_are_refused){
  refused("(user.accountEnabled -contains true)", 32, "-contains compares text; true is a Boolean: use -eq or -ne");
  refused("user.mail -startsWith null", 23, "-startsWith compares text; null is tested with -eq or -ne");
  refused("user.city -in \"London\"", 15, "-in takes a list in brackets, such as [\"a\",\"b\"]");
  refused("user.city -eq [\"London\"]", 15, "a list [...] goes with -in or -notIn, not -eq");
  refused("user.city -in []", 15, "an empty list: -in and -notIn need at least one value");
  refused("user.city -in [\"a\" \"b\"]", 20, "expected , or ] in the list, found \"\"b\"\"");
  refused("user.city -in [\"a\", true]", 21, "expected a quoted value in the list, found \"true\"");
  refused("user.city -in [\"a\"", 15, "unbalanced brackets: the [ at column 15 is never closed");
  refused("user.employeeHireDate -ge \"soon\"", 27,
          "-ge compares instants: \"soon\": expected a 4-digit year at the start (YYYY-MM-DDTHH:MM:SSZ)");
  refused("(user.userPrincipalName -match \"*@domain.ext\")", 32,
          "bad regular expression: quantifier does not follow a repeatable item at character 1 of the pattern");
}
END_TEST

/* 3,072 characters, counted as characters (UTF-8 é is one). */
START_TEST(test_rules_longer_than_3072_characters_are_refused){
  static char z[3*DYNRULE_MAX_LEN];
  const char *zHead = "user.department -eq \"";
  size_t nHead = strlen(zHead), i, nChar;
  DynRule *p = NULL;
  DynError e;
  FxUser u = sales();
  strcpy(z, zHead);
  for(i=nHead, nChar=nHead; nChar<DYNRULE_MAX_LEN-1; nChar++){ z[i++] = '\xC3'; z[i++] = '\xA9'; }
  z[i++] = '"'; z[i] = 0;
  ck_assert_int_eq(dynrule_compile(z, fx_resolve, NULL, &p, &e), TS_OK);
  ck_assert_int_eq(dynrule_match(p, fx_get, &u), 0);
  dynrule_free(p);
  z[i++] = ' '; z[i] = 0;
  refused(z, DYNRULE_MAX_LEN + 1, "the rule is 3073 characters long; at most 3072 are allowed");
}
END_TEST

/* The deepest nesting a 3,072-character rule can hold compiles and
** evaluates (the parser and the evaluator recurse once per level). */
START_TEST(test_the_deepest_nesting_compiles){
  static char z[DYNRULE_MAX_LEN + 1];
  const char *zCore = "user.city -eq \"London\"";
  size_t nCore = strlen(zCore), nDepth = (DYNRULE_MAX_LEN - nCore)/2, i;
  FxUser u = sales();
  for(i=0; i<nDepth; i++){ z[i] = '('; z[nDepth + nCore + i] = ')'; }
  memcpy(z + nDepth, zCore, nCore);
  z[2*nDepth + nCore] = 0;
  ck_assert_int_eq(ev(z, &u), 1);
  for(i=0; i+5<=DYNRULE_MAX_LEN - nCore; i+=5) memcpy(z + i, "-not ", 5);
  strcpy(z + i, zCore);
  ck_assert_int_eq(ev(z, &u), ((i/5) % 2)==0);
}
END_TEST

/* Columns count characters, not bytes. */
START_TEST(test_error_columns_count_characters){
  refused("user.surname -eq \"\xC3\xA9\xC3\xA9\" -adn user.city -eq \"b\"", 23,
          "unknown operator \"-adn\" (did you mean -and?)");
}
END_TEST

/* ------------------------------------------------- attributes, lint test */

START_TEST(test_attrs_are_distinct_in_order_of_first_use){
  DynRule *p = NULL;
  DynError e;
  int a[4] = { -1, -1, -1, -1 };
  ck_assert_int_eq(dynrule_compile("user.city -eq \"a\" -or (user.Department -eq \"b\" -and user.city -ne \"c\")"
                                   " -or user.extensionAttribute3 -eq null -or user.department -eq \"d\"",
                                   fx_resolve, NULL, &p, &e), TS_OK);
  ck_assert_int_eq(dynrule_attrs(p, a, 4), 3);
  ck_assert_int_eq(a[0], A_CITY);
  ck_assert_int_eq(a[1], A_DEPARTMENT);
  ck_assert_int_eq(a[2], A_COUNT + 2);
  ck_assert_int_eq(a[3], -1);
  a[0] = a[1] = -1;
  ck_assert_int_eq(dynrule_attrs(p, a, 1), 3);
  ck_assert_int_eq(a[0], A_CITY);
  ck_assert_int_eq(a[1], -1);
  dynrule_free(p);
}
END_TEST

static int tests_guest(const char *zRule){
  DynRule *p = NULL;
  DynError e;
  int r;
  ck_assert_int_eq(dynrule_compile(zRule, fx_resolve, NULL, &p, &e), TS_OK);
  r = dynrule_tests_value(p, A_USER_TYPE, "Guest");
  dynrule_free(p);
  return r;
}

START_TEST(test_tests_value_finds_comparisons_that_admit_the_value){
  ck_assert_int_eq(tests_guest("user.userType -eq \"Guest\""), 1);
  ck_assert_int_eq(tests_guest("user.department -eq \"Sales\" -and user.userType -eq \"guest\""), 1);
  ck_assert_int_eq(tests_guest("user.userType -in [\"Member\", \"GUEST\"]"), 1);
  ck_assert_int_eq(tests_guest("-not (user.userType -ne \"Guest\")"), 1);
  ck_assert_int_eq(tests_guest("user.userType -eq \"Member\""), 0);
  ck_assert_int_eq(tests_guest("user.userType -ne \"Guest\""), 0);
  ck_assert_int_eq(tests_guest("user.userType -notIn [\"Guest\"]"), 0);
  ck_assert_int_eq(tests_guest("-not (user.userType -eq \"Guest\")"), 0);
  ck_assert_int_eq(tests_guest("(user.department -eq \"Sales\") -and -not (user.userType -eq \"Guest\")"), 0);
  ck_assert_int_eq(tests_guest("user.department -eq \"Guest\""), 0);
  ck_assert_int_eq(tests_guest("user.userType -startsWith \"Guest\""), 0);
  ck_assert_int_eq(tests_guest("user.userType -eq null"), 0);
  ck_assert_int_eq(dynrule_tests_value(NULL, A_USER_TYPE, "Guest"), 0);
}
END_TEST

/* -------------------------------------------------------------- memory */

/* Every allocation of a compilation failing in turn: TS_NOMEM, no rule,
** nothing leaked (ASan's run checks that); then the rule compiles and
** evaluates. */
START_TEST(test_compile_survives_every_failed_allocation){
  const char *zRule = "(user.displayName -match \"^Da\" -or user.city -in [\"Paris\", 'London', 42])"
                      " -and -not user.department -notMatch \"s$\" -and user.jobTitle -eq null";
  FxUser u = sales();
  long n;
  int bDone = 0;
  for(n=1; n<500 && !bDone; n++){
    DynRule *p = (DynRule*)&p;
    DynError e;
    int rc;
    mem_fail_after(n);
    rc = dynrule_compile(zRule, fx_resolve, NULL, &p, &e);
    mem_fail_after(0);
    if( rc==TS_NOMEM ){
      ck_assert_ptr_null(p);
      ck_assert_str_eq(e.zMsg, "out of memory compiling a membership rule");
      continue;
    }
    ck_assert_int_eq(rc, TS_OK);
    ck_assert_int_eq(dynrule_match(p, fx_get, &u), 1);
    dynrule_free(p);
    bDone = 1;
  }
  ck_assert_msg(bDone, "the rule never compiled");
  ck_assert_int_gt(n, 8);
}
END_TEST

Suite *dynrule_suite(void){
  Suite *s = suite_create("dynrule");
  TCase *tcOp = tcase_create("operators");
  TCase *tcVal = tcase_create("values");
  TCase *tcErr = tcase_create("errors");
  TCase *tcUse = tcase_create("uses");

  tcase_add_test(tcOp, test_each_comparison_operator_holds_and_fails);
  tcase_add_test(tcOp, test_match_searches_without_regard_to_case);
  tcase_add_test(tcOp, test_catastrophic_backtracking_matches_neither_way);
  tcase_add_test(tcOp, test_and_binds_tighter_than_or);
  tcase_add_test(tcOp, test_not_binds_tighter_than_and_and_looser_than_comparisons);
  suite_add_tcase(s, tcOp);

  tcase_add_test(tcVal, test_backtick_escapes_a_quote_and_two_single_quotes_are_one);
  tcase_add_test(tcVal, test_null_is_unset_or_empty);
  tcase_add_test(tcVal, test_booleans_read_true_and_false_in_any_case);
  tcase_add_test(tcVal, test_in_lists_hold_strings_and_numbers_without_regard_to_case);
  tcase_add_test(tcVal, test_operators_and_keywords_ignore_case_and_the_hyphen);
  tcase_add_test(tcVal, test_extension_properties_and_direct_reports_resolve);
  suite_add_tcase(s, tcVal);

  tcase_add_test(tcErr, test_misspelt_operators_suggest_the_right_one);
  tcase_add_test(tcErr, test_rules_tenantsim_cannot_evaluate_are_refused);
  tcase_add_test(tcErr, test_unknown_properties_suggest_a_known_one);
  tcase_add_test(tcErr, test_malformed_rules_are_refused_where_they_go_wrong);
  tcase_add_test(tcErr, test_type_mismatches_are_refused);
  tcase_add_test(tcErr, test_rules_longer_than_3072_characters_are_refused);
  tcase_add_test(tcErr, test_error_columns_count_characters);
  tcase_add_test(tcErr, test_the_deepest_nesting_compiles);
  suite_add_tcase(s, tcErr);

  tcase_add_test(tcUse, test_attrs_are_distinct_in_order_of_first_use);
  tcase_add_test(tcUse, test_tests_value_finds_comparisons_that_admit_the_value);
  tcase_add_test(tcUse, test_compile_survives_every_failed_allocation);
  suite_add_tcase(s, tcUse);
  return s;
}
