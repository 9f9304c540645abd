/*
** test_scope.c — the specification of engine/scope.c: who a job
** provisions (entra-facts §5, §14.3).
**
** Only live internal members of the source are eligible: a B2B user
** (alternativeSecurityIds set, or created by invitation) or a userType
** Guest is out as not_internal_member, a deleted user as deleted. With
** "sync only assigned" a user must be assigned directly or be a direct
** member of an assigned group; "sync all" takes everyone. Scoping filters:
** clauses of a filter group are ANDed, groups ORed, no groups lets everyone
** pass. String operators are case-sensitive and every operator but IS NULL
** and IS NOT NULL is false on a null or empty value.
*/
#include <check.h>
#include "mem.h"
#include "engine_fixture.h"
#include "run_fixture.h"
#include <sqlite3.h>
#include "suites.h"

/* scope_eval for user id; returns 1 in scope, 0 out, with *pe the reason. */
static int evalUser(Fixture *f, int64_t id, OutReason *pe){
  return scope_eval(&f->w, fx_job(f), world_user(&f->w, id), pe);
}

static Clause clause(int iAttr, ScopeOp eOp, char *zValue){
  Clause c;
  c.iAttr = iAttr;
  c.eOp = eOp;
  c.zValue = zValue;
  c.pRegex = NULL;
  return c;
}

/* A clause that owns a copy of its value and is prepared for evaluation
** (its pattern compiled); release with scope_clause_clear. */
static Clause owned(ScopeOp eOp, const char *zValue){
  Clause c = clause(A_DEPARTMENT, eOp, NULL);
  if( zValue ){
    c.zValue = mem_strdup(zValue);
    ck_assert_ptr_nonnull(c.zValue);
  }
  ck_assert_int_eq(scope_clause_prepare(&c), 0);
  return c;
}

/* ---------------------------------------------------------------------
** Eligibility: live internal members only.
*/

START_TEST(test_assigned_internal_member_is_in_scope){
  Fixture f;
  OutReason e = OUT_FILTERED;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 1);
  ck_assert_int_eq(e, OUT_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_b2b_user_with_alternative_security_id_is_not_an_internal_member){
  Fixture f;
  OutReason e = OUT_NONE;
  const char *az[A_COUNT];
  int64_t id;
  fx_open(&f, 0);
  memset(az, 0, sizeof(az));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = "guest_tailspin.com#EXT#@contoso.com";
  az[A_USER_TYPE] = "Member";
  /* Home identity set, no creation type, userType Member: the altSecId
  ** alone makes the user external. */
  id = directory_user_add(&f.w, FX_SOURCE, "guest", az, "00030000A1B2C3D4", NULL, -1);
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_NOT_INTERNAL_MEMBER);
  ck_assert_str_eq(scope_reason_name(e), "not_internal_member");
  fx_close(&f);
}
END_TEST

START_TEST(test_user_created_by_invitation_is_not_an_internal_member){
  Fixture f;
  OutReason e = OUT_NONE;
  const char *az[A_COUNT];
  int64_t id;
  fx_open(&f, 0);
  memset(az, 0, sizeof(az));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = "invited_tailspin.com#EXT#@contoso.com";
  az[A_USER_TYPE] = "Member";
  id = directory_user_add(&f.w, FX_SOURCE, "invited", az, NULL, "Invitation", -1);
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_NOT_INTERNAL_MEMBER);
  fx_close(&f);
}
END_TEST

START_TEST(test_internal_guest_is_not_an_internal_member){
  Fixture f;
  OutReason e = OUT_NONE;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "intern");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_USER_TYPE, "Guest"), 0);
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_NOT_INTERNAL_MEMBER);
  fx_close(&f);
}
END_TEST

START_TEST(test_deleted_user_is_out_of_scope_as_deleted){
  Fixture f;
  OutReason e = OUT_NONE;
  int64_t idSoft, idPurged;
  fx_open(&f, 0);
  idSoft = fx_user(&f, "left");
  idPurged = fx_user(&f, "gone");
  fx_assign(&f, idSoft);
  fx_assign(&f, idPurged);
  directory_user_soft_delete(&f.w, idSoft);
  directory_user_soft_delete(&f.w, idPurged);
  directory_user_purge(&f.w, idPurged);
  ck_assert_int_eq(evalUser(&f, idSoft, &e), 0);
  ck_assert_int_eq(e, OUT_DELETED);
  ck_assert_str_eq(scope_reason_name(e), "deleted");
  e = OUT_NONE;
  ck_assert_int_eq(evalUser(&f, idPurged, &e), 0);
  ck_assert_int_eq(e, OUT_DELETED);
  fx_close(&f);
}
END_TEST

START_TEST(test_disabled_user_stays_in_scope){
  Fixture f;
  OutReason e = OUT_FILTERED;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "onleave");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 1);
  ck_assert_int_eq(e, OUT_NONE);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Assignment: direct, or direct member of an assigned group; or sync all.
*/

START_TEST(test_unassigned_user_is_out_of_scope_when_syncing_only_assigned){
  Fixture f;
  OutReason e = OUT_NONE;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "bob");
  ck_assert_int_eq(scope_is_assigned(&f.w, fx_job(&f), world_user(&f.w, id)), 0);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_UNASSIGNED);
  ck_assert_str_eq(scope_reason_name(e), "unassigned");
  fx_close(&f);
}
END_TEST

START_TEST(test_directly_assigned_user_counts_as_assigned){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  ck_assert_int_eq(scope_is_assigned(&f.w, fx_job(&f), world_user(&f.w, id)), 1);
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(scope_is_assigned(&f.w, fx_job(&f), world_user(&f.w, id)), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_direct_member_of_an_assigned_group_is_in_scope){
  Fixture f;
  OutReason e = OUT_UNASSIGNED;
  int64_t id;
  int iGroup;
  fx_open(&f, 0);
  id = fx_user(&f, "carol");
  iGroup = directory_group_add(&f.w, FX_SOURCE, "sales", "Sales", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iGroup, id), 1);
  ck_assert_int_eq(job_assign_group(&f.w, fx_job(&f), iGroup, 1), 1);
  ck_assert_int_eq(scope_is_assigned(&f.w, fx_job(&f), world_user(&f.w, id)), 1);
  ck_assert_int_eq(evalUser(&f, id, &e), 1);
  ck_assert_int_eq(e, OUT_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_member_of_an_unassigned_group_only_is_out_of_scope){
  Fixture f;
  OutReason e = OUT_NONE;
  int64_t idIn, idOther;
  int iAssigned, iOther;
  fx_open(&f, 0);
  idIn = fx_user(&f, "carol");
  idOther = fx_user(&f, "dave");
  iAssigned = directory_group_add(&f.w, FX_SOURCE, "sales", "Sales", "Security");
  iOther = directory_group_add(&f.w, FX_SOURCE, "sales-emea", "Sales EMEA", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iAssigned, idIn), 1);
  ck_assert_int_eq(directory_member_add(&f.w, iOther, idOther), 1);
  ck_assert_int_eq(job_assign_group(&f.w, fx_job(&f), iAssigned, 1), 1);
  /* Group membership does not cascade: only iAssigned's direct members. */
  ck_assert_int_eq(evalUser(&f, idOther, &e), 0);
  ck_assert_int_eq(e, OUT_UNASSIGNED);
  ck_assert_int_eq(evalUser(&f, idIn, &e), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_sync_all_includes_unassigned_users){
  Fixture f;
  OutReason e = OUT_UNASSIGNED;
  int64_t id;
  fx_open(&f, 1);
  id = fx_user(&f, "erin");
  ck_assert_int_eq(scope_is_assigned(&f.w, fx_job(&f), world_user(&f.w, id)), 0);
  ck_assert_int_eq(evalUser(&f, id, &e), 1);
  ck_assert_int_eq(e, OUT_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_sync_all_still_excludes_b2b_users){
  Fixture f;
  OutReason e = OUT_NONE;
  int64_t id;
  fx_open(&f, 1);
  id = fx_user(&f, "visitor");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_USER_TYPE, "Guest"), 0);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_NOT_INTERNAL_MEMBER);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Scoping filter groups.
*/

START_TEST(test_no_filter_groups_lets_every_user_pass){
  Fixture f;
  OutReason e = OUT_FILTERED;
  int64_t id;
  fx_open(&f, 1);
  id = fx_user(&f, "frank");
  /* Even a user with hardly any attributes set. */
  ck_assert_int_eq(directory_user_set(&f.w, id, A_DEPARTMENT, NULL), 0);
  ck_assert_int_eq(directory_user_set(&f.w, id, A_CITY, NULL), 0);
  ck_assert_int_eq(fx_job(&f)->nFilter, 0);
  ck_assert_int_eq(evalUser(&f, id, &e), 1);
  ck_assert_int_eq(e, OUT_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_clauses_of_a_filter_group_are_anded){
  Fixture f;
  OutReason e = OUT_NONE;
  Clause a[2];
  int64_t idBoth, idOne;
  fx_open(&f, 1);
  idBoth = fx_user(&f, "oslo-sales");
  idOne = fx_user(&f, "bergen-sales");
  ck_assert_int_eq(directory_user_set(&f.w, idOne, A_CITY, "Bergen"), 0);
  a[0] = clause(A_DEPARTMENT, OP_EQUALS, "Sales");
  a[1] = clause(A_CITY, OP_EQUALS, "Oslo");
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "Oslo sales", a, 2), 0);
  ck_assert_int_eq(evalUser(&f, idBoth, &e), 1);
  ck_assert_int_eq(evalUser(&f, idOne, &e), 0);
  ck_assert_int_eq(e, OUT_FILTERED);
  ck_assert_str_eq(scope_reason_name(e), "filtered");
  fx_close(&f);
}
END_TEST

START_TEST(test_filter_groups_are_ored){
  Fixture f;
  OutReason e = OUT_NONE;
  Clause c;
  int64_t idSalesBergen, idMarketingOslo, idMarketingBergen;
  fx_open(&f, 1);
  idSalesBergen = fx_user(&f, "sales-bergen");
  idMarketingOslo = fx_user(&f, "marketing-oslo");
  idMarketingBergen = fx_user(&f, "marketing-bergen");
  ck_assert_int_eq(directory_user_set(&f.w, idSalesBergen, A_CITY, "Bergen"), 0);
  ck_assert_int_eq(directory_user_set(&f.w, idMarketingOslo, A_DEPARTMENT, "Marketing"), 0);
  ck_assert_int_eq(directory_user_set(&f.w, idMarketingBergen, A_DEPARTMENT, "Marketing"), 0);
  ck_assert_int_eq(directory_user_set(&f.w, idMarketingBergen, A_CITY, "Bergen"), 0);
  c = clause(A_DEPARTMENT, OP_EQUALS, "Sales");
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "sales", &c, 1), 0);
  c = clause(A_CITY, OP_EQUALS, "Oslo");
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "oslo", &c, 1), 0);
  ck_assert_int_eq(evalUser(&f, idSalesBergen, &e), 1);
  ck_assert_int_eq(evalUser(&f, idMarketingOslo, &e), 1);
  ck_assert_int_eq(evalUser(&f, idMarketingBergen, &e), 0);
  ck_assert_int_eq(e, OUT_FILTERED);
  fx_close(&f);
}
END_TEST

START_TEST(test_filter_is_checked_after_assignment){
  Fixture f;
  OutReason e = OUT_NONE;
  Clause c;
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "marketing");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_DEPARTMENT, "Marketing"), 0);
  c = clause(A_DEPARTMENT, OP_EQUALS, "Sales");
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "sales", &c, 1), 0);
  /* Unassigned and failing the filter: the assignment is the reason. */
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_UNASSIGNED);
  fx_assign(&f, id);
  ck_assert_int_eq(evalUser(&f, id, &e), 0);
  ck_assert_int_eq(e, OUT_FILTERED);
  fx_close(&f);
}
END_TEST

START_TEST(test_filter_clause_reads_the_users_attribute){
  Fixture f;
  OutReason e = OUT_NONE;
  Clause c;
  int64_t idNoDept, idDept;
  fx_open(&f, 1);
  idNoDept = fx_user(&f, "nodept");
  idDept = fx_user(&f, "dept");
  ck_assert_int_eq(directory_user_set(&f.w, idNoDept, A_DEPARTMENT, NULL), 0);
  c = clause(A_DEPARTMENT, OP_IS_NULL, NULL);
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "no department", &c, 1), 0);
  ck_assert_int_eq(evalUser(&f, idNoDept, &e), 1);
  ck_assert_int_eq(evalUser(&f, idDept, &e), 0);
  ck_assert_int_eq(e, OUT_FILTERED);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Operators.
*/

START_TEST(test_operators_are_found_by_their_exact_portal_names){
  ck_assert_int_eq(scope_op_find("EQUALS"), OP_EQUALS);
  ck_assert_int_eq(scope_op_find("NOT EQUALS"), OP_NOT_EQUALS);
  ck_assert_int_eq(scope_op_find("IS TRUE"), OP_IS_TRUE);
  ck_assert_int_eq(scope_op_find("IS FALSE"), OP_IS_FALSE);
  ck_assert_int_eq(scope_op_find("IS NULL"), OP_IS_NULL);
  ck_assert_int_eq(scope_op_find("IS NOT NULL"), OP_IS_NOT_NULL);
  ck_assert_int_eq(scope_op_find("equals"), -1);
  ck_assert_int_eq(scope_op_find("NOT_EQUALS"), -1);
  ck_assert_str_eq(scope_op_name(OP_IS_NOT_NULL), "IS NOT NULL");
  ck_assert_int_eq(scope_op_is_unary(OP_EQUALS), 0);
  ck_assert_int_eq(scope_op_is_unary(OP_NOT_EQUALS), 0);
  ck_assert_int_eq(scope_op_is_unary(OP_IS_TRUE), 1);
  ck_assert_int_eq(scope_op_is_unary(OP_IS_NULL), 1);
}
END_TEST

START_TEST(test_equals_is_exact_and_case_sensitive){
  Clause c = clause(A_DEPARTMENT, OP_EQUALS, "Sales");
  ck_assert_int_eq(scope_clause_eval(&c, "Sales"), 1);
  ck_assert_int_eq(scope_clause_eval(&c, "sales"), 0);
  ck_assert_int_eq(scope_clause_eval(&c, "SALES"), 0);
  ck_assert_int_eq(scope_clause_eval(&c, "Sales "), 0);
  ck_assert_int_eq(scope_clause_eval(&c, "Sale"), 0);
}
END_TEST

START_TEST(test_not_equals_is_case_sensitive){
  Clause c = clause(A_DEPARTMENT, OP_NOT_EQUALS, "Sales");
  ck_assert_int_eq(scope_clause_eval(&c, "Sales"), 0);
  ck_assert_int_eq(scope_clause_eval(&c, "sales"), 1);
  ck_assert_int_eq(scope_clause_eval(&c, "Marketing"), 1);
}
END_TEST

START_TEST(test_is_true_holds_only_for_a_true_boolean){
  Clause c = clause(A_ACCOUNT_ENABLED, OP_IS_TRUE, NULL);
  ck_assert_int_eq(scope_clause_eval(&c, ATTR_TRUE), 1);
  ck_assert_int_eq(scope_clause_eval(&c, ATTR_FALSE), 0);
}
END_TEST

START_TEST(test_is_false_holds_only_for_a_false_boolean){
  Clause c = clause(A_ACCOUNT_ENABLED, OP_IS_FALSE, NULL);
  ck_assert_int_eq(scope_clause_eval(&c, ATTR_FALSE), 1);
  ck_assert_int_eq(scope_clause_eval(&c, ATTR_TRUE), 0);
}
END_TEST

START_TEST(test_is_null_holds_for_a_null_or_empty_value){
  Clause c = clause(A_DEPARTMENT, OP_IS_NULL, NULL);
  ck_assert_int_eq(scope_clause_eval(&c, NULL), 1);
  ck_assert_int_eq(scope_clause_eval(&c, ""), 1);
  ck_assert_int_eq(scope_clause_eval(&c, "Sales"), 0);
}
END_TEST

START_TEST(test_is_not_null_holds_only_for_a_non_empty_value){
  Clause c = clause(A_DEPARTMENT, OP_IS_NOT_NULL, NULL);
  ck_assert_int_eq(scope_clause_eval(&c, NULL), 0);
  ck_assert_int_eq(scope_clause_eval(&c, ""), 0);
  ck_assert_int_eq(scope_clause_eval(&c, "Sales"), 1);
}
END_TEST

START_TEST(test_null_or_empty_value_fails_every_operator_but_the_null_tests){
  static const ScopeOp aOp[] = { OP_EQUALS, OP_NOT_EQUALS, OP_IS_TRUE, OP_IS_FALSE };
  size_t i;
  for(i=0; i<sizeof(aOp)/sizeof(aOp[0]); i++){
    Clause c = clause(A_DEPARTMENT, aOp[i], scope_op_is_unary(aOp[i]) ? NULL : "Sales");
    ck_assert_msg(scope_clause_eval(&c, NULL)==0, "%s on null", scope_op_name(aOp[i]));
    ck_assert_msg(scope_clause_eval(&c, "")==0, "%s on empty", scope_op_name(aOp[i]));
  }
}
END_TEST

/* ---------------------------------------------------------------------
** The rest of the portal's operators (expressions.md section 4).
*/
START_TEST(test_regex_match_finds_the_documented_domain_pattern){
  Clause c = owned(OP_REGEX_MATCH, ".*\\@domain.com");
  ck_assert(scope_clause_eval(&c, "jo@domain.com"));
  ck_assert(!scope_clause_eval(&c, "jo@other.com"));
  ck_assert(!scope_clause_eval(&c, NULL));
  scope_clause_clear(&c);
}
END_TEST

START_TEST(test_regex_match_searches_unanchored_like_dotnet_is_match){
  Clause c = owned(OP_REGEX_MATCH, "([1-9][0-9])");
  ck_assert(scope_clause_eval(&c, "42"));
  ck_assert(scope_clause_eval(&c, "100"));     /* the docs' "10 to 99" only holds for 2 digits */
  ck_assert(!scope_clause_eval(&c, "7"));
  scope_clause_clear(&c);
}
END_TEST

START_TEST(test_regex_match_is_case_sensitive){
  Clause c = owned(OP_REGEX_MATCH, "^sales$");
  ck_assert(scope_clause_eval(&c, "sales"));
  ck_assert(!scope_clause_eval(&c, "Sales"));
  scope_clause_clear(&c);
}
END_TEST

START_TEST(test_not_regex_match_is_false_on_null_or_empty){
  Clause c = owned(OP_NOT_REGEX_MATCH, ".*\\@domain.com");
  ck_assert(scope_clause_eval(&c, "jo@other.com"));
  ck_assert(!scope_clause_eval(&c, "jo@domain.com"));
  ck_assert(!scope_clause_eval(&c, NULL));
  ck_assert(!scope_clause_eval(&c, ""));
  scope_clause_clear(&c);
}
END_TEST

START_TEST(test_greater_than_compares_integers_and_rejects_non_integers){
  Clause c = owned(OP_GREATER_THAN, "5");
  Clause d = owned(OP_GREATER_THAN_OR_EQUALS, "5");
  ck_assert(scope_clause_eval(&c, "7"));
  ck_assert(!scope_clause_eval(&c, "5"));
  ck_assert(scope_clause_eval(&c, "10"));      /* numeric, not "10" < "5" as text */
  ck_assert(!scope_clause_eval(&c, "x"));
  ck_assert(!scope_clause_eval(&c, "7.5"));
  ck_assert(scope_clause_eval(&d, "5"));
  ck_assert(!scope_clause_eval(&d, "4"));
  ck_assert(scope_clause_eval(&d, "-0") == 0);
  scope_clause_clear(&c);
  scope_clause_clear(&d);
}
END_TEST

START_TEST(test_includes_and_ends_with_are_case_sensitive_substring_tests){
  Clause c = owned(OP_INCLUDES, "ales");
  Clause d = owned(OP_ENDS_WITH, "@contoso.com");
  ck_assert(scope_clause_eval(&c, "Sales"));
  ck_assert(!scope_clause_eval(&c, "SALES"));
  ck_assert(scope_clause_eval(&d, "amy@contoso.com"));
  ck_assert(!scope_clause_eval(&d, "amy@Contoso.com"));
  ck_assert(!scope_clause_eval(&d, "com"));
  scope_clause_clear(&c);
  scope_clause_clear(&d);
}
END_TEST

START_TEST(test_ampersand_tests_that_the_value_occurs_in_the_clause_value){
  Clause c = owned(OP_AND, "Sales,Marketing,Support");
  Clause d = owned(OP_NOT_AND, "Sales,Marketing,Support");
  ck_assert(scope_clause_eval(&c, "Marketing"));
  ck_assert(!scope_clause_eval(&c, "Finance"));
  ck_assert(!scope_clause_eval(&c, NULL));
  ck_assert(scope_clause_eval(&d, "Finance"));
  ck_assert(!scope_clause_eval(&d, "Sales"));
  ck_assert(!scope_clause_eval(&d, ""));
  scope_clause_clear(&c);
  scope_clause_clear(&d);
}
END_TEST

START_TEST(test_restricted_attributes_cannot_be_scoping_attributes){
  ck_assert_ptr_nonnull(scope_attr_forbidden("userType"));
  ck_assert_ptr_nonnull(scope_attr_forbidden("manager"));
  ck_assert_ptr_nonnull(scope_attr_forbidden("appRoleAssignments"));
  ck_assert_ptr_nonnull(strstr(scope_attr_forbidden("employeeHireDate"), "date"));
  ck_assert_ptr_null(scope_attr_forbidden("department"));
}
END_TEST

START_TEST(test_clause_values_are_checked_for_their_operator){
  char zWhy[200];
  ck_assert_int_eq(scope_value_check(OP_REGEX_MATCH, "([a-z]", zWhy, sizeof(zWhy)), -1);
  ck_assert_ptr_nonnull(strstr(zWhy, "does not compile"));
  ck_assert_int_eq(scope_value_check(OP_REGEX_MATCH, "[a-z]+", zWhy, sizeof(zWhy)), 0);
  ck_assert_int_eq(scope_value_check(OP_GREATER_THAN, "ten", zWhy, sizeof(zWhy)), -1);
  ck_assert_ptr_nonnull(strstr(zWhy, "integers"));
  ck_assert_int_eq(scope_value_check(OP_GREATER_THAN, "10", zWhy, sizeof(zWhy)), 0);
  ck_assert_int_eq(scope_op_find("Greater_Than_OR_EQUALS"), OP_GREATER_THAN_OR_EQUALS);
  ck_assert_int_eq(scope_op_find("!&"), OP_NOT_AND);
  ck_assert_int_eq(scope_op_find("greater_than"), -1);
}
END_TEST

/* A scenario's filter group keeps every clause, however many: the last of
** seventy is the one that leaves Sales only. */
START_TEST(test_every_clause_of_a_long_filter_group_counts){
  StrBuf b;
  char zDb[64];
  sqlite3 *db;
  sqlite3_stmt *p;
  int i, n = -1;
  strbuf_init(&b);
  strbuf_append(&b, "{\"name\":\"clauses\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"PT2H\","
    "\"tenants\":[{\"key\":\"s\",\"domain\":\"s.example\",\"users\":[{\"key\":\"a\",\"department\":\"Sales\"},"
    "{\"key\":\"b\",\"department\":\"Finance\"}]},{\"key\":\"t\",\"domain\":\"t.example\"}],"
    "\"policies\":[{\"tenant\":\"t\",\"partner\":\"s\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
    "\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"s\",\"automaticUserConsentSettings\":"
    "{\"outboundAllowed\":true}}],\"jobs\":[{\"key\":\"j\",\"source\":\"s\",\"target\":\"t\",\"scope\":\"all\","
    "\"scopingFilters\":[{\"title\":\"long\",\"clauses\":[");
  for(i=0; i<69; i++){
    strbuf_append(&b, "{\"attribute\":\"department\",\"operator\":\"IS NOT NULL\"},");
  }
  strbuf_append(&b, "{\"attribute\":\"department\",\"operator\":\"EQUALS\",\"value\":\"Sales\"}]}]}]}");
  ck_assert(!b.bErr);
  fixture_run("tenantsim-scope", "clauses.json", strbuf_str(&b), zDb, sizeof(zDb));
  strbuf_free(&b);
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                                          " WHERE t.key='t' AND u.created_by_job IS NOT NULL", -1, &p, NULL), SQLITE_OK);
  if( sqlite3_step(p)==SQLITE_ROW ) n = sqlite3_column_int(p, 0);
  sqlite3_finalize(p);
  sqlite3_close(db);
  unlink(zDb);
  ck_assert_int_eq(n, 1);
}
END_TEST

Suite *scope_suite(void){
  Suite *s = suite_create("scope");
  TCase *tcElig = tcase_create("eligibility");
  TCase *tcAssign = tcase_create("assignment");
  TCase *tcFilter = tcase_create("filters");
  TCase *tcOp = tcase_create("operators");

  tcase_add_test(tcElig, test_assigned_internal_member_is_in_scope);
  tcase_add_test(tcElig, test_b2b_user_with_alternative_security_id_is_not_an_internal_member);
  tcase_add_test(tcElig, test_user_created_by_invitation_is_not_an_internal_member);
  tcase_add_test(tcElig, test_internal_guest_is_not_an_internal_member);
  tcase_add_test(tcElig, test_deleted_user_is_out_of_scope_as_deleted);
  tcase_add_test(tcElig, test_disabled_user_stays_in_scope);
  suite_add_tcase(s, tcElig);

  tcase_add_test(tcAssign, test_unassigned_user_is_out_of_scope_when_syncing_only_assigned);
  tcase_add_test(tcAssign, test_directly_assigned_user_counts_as_assigned);
  tcase_add_test(tcAssign, test_direct_member_of_an_assigned_group_is_in_scope);
  tcase_add_test(tcAssign, test_member_of_an_unassigned_group_only_is_out_of_scope);
  tcase_add_test(tcAssign, test_sync_all_includes_unassigned_users);
  tcase_add_test(tcAssign, test_sync_all_still_excludes_b2b_users);
  suite_add_tcase(s, tcAssign);

  tcase_add_test(tcFilter, test_no_filter_groups_lets_every_user_pass);
  tcase_add_test(tcFilter, test_clauses_of_a_filter_group_are_anded);
  tcase_add_test(tcFilter, test_filter_groups_are_ored);
  tcase_add_test(tcFilter, test_filter_is_checked_after_assignment);
  tcase_add_test(tcFilter, test_every_clause_of_a_long_filter_group_counts);
  tcase_add_test(tcFilter, test_filter_clause_reads_the_users_attribute);
  suite_add_tcase(s, tcFilter);

  tcase_add_test(tcOp, test_operators_are_found_by_their_exact_portal_names);
  tcase_add_test(tcOp, test_equals_is_exact_and_case_sensitive);
  tcase_add_test(tcOp, test_not_equals_is_case_sensitive);
  tcase_add_test(tcOp, test_is_true_holds_only_for_a_true_boolean);
  tcase_add_test(tcOp, test_is_false_holds_only_for_a_false_boolean);
  tcase_add_test(tcOp, test_is_null_holds_for_a_null_or_empty_value);
  tcase_add_test(tcOp, test_is_not_null_holds_only_for_a_non_empty_value);
  tcase_add_test(tcOp, test_null_or_empty_value_fails_every_operator_but_the_null_tests);
  tcase_add_test(tcOp, test_regex_match_finds_the_documented_domain_pattern);
  tcase_add_test(tcOp, test_regex_match_searches_unanchored_like_dotnet_is_match);
  tcase_add_test(tcOp, test_regex_match_is_case_sensitive);
  tcase_add_test(tcOp, test_not_regex_match_is_false_on_null_or_empty);
  tcase_add_test(tcOp, test_greater_than_compares_integers_and_rejects_non_integers);
  tcase_add_test(tcOp, test_includes_and_ends_with_are_case_sensitive_substring_tests);
  tcase_add_test(tcOp, test_ampersand_tests_that_the_value_occurs_in_the_clause_value);
  tcase_add_test(tcOp, test_restricted_attributes_cannot_be_scoping_attributes);
  tcase_add_test(tcOp, test_clause_values_are_checked_for_their_operator);
  suite_add_tcase(s, tcOp);
  return s;
}
