/*
** test_mapping.c — attribute mappings as the provisioning engine applies
** them: mapping types (Direct, Constant, Expression, None), flow types,
** defaults, target object actions, directory extension attributes,
** expression failures and SelectUniqueValue, and saving a changed mapping
** or filter (which starts a new initial cycle).
*/
#include "mem.h"
#include "mapping.h"
#include "expr.h"
#include "engine_fixture.h"
#include "suites.h"

/* Replace (or add) the job's mapping for target attribute zTarget. zArg
** is the source attribute (Direct), the value (Constant) or the
** expression text (Expression). When bChange the save is a change to a
** configured job (audit, new initial cycle). */
static void mx_map(Fixture *f, const char *zTarget, MapType eType, const char *zArg,
                   FlowType eFlow, const char *zDefault, unsigned mActions, int bChange){
  Job *j = fx_job(f);
  MapEntry *a = NULL, *e;
  int n = 0, i;
  int iTarget = world_attr_find(&f->w, zTarget, 1);
  ck_assert_int_ge(iTarget, 0);
  /* Keep earlier customisations: start from a copy of the job's entries. */
  a = mem_calloc((size_t)j->nMap+1, sizeof(MapEntry));
  ck_assert_ptr_nonnull(a);
  for(i=0; i<j->nMap; i++){
    a[i] = j->aMap[i];
    a[i].zConst = j->aMap[i].zConst ? mem_strdup(j->aMap[i].zConst) : NULL;
    a[i].zDefault = j->aMap[i].zDefault ? mem_strdup(j->aMap[i].zDefault) : NULL;
    a[i].zExpr = j->aMap[i].zExpr ? mem_strdup(j->aMap[i].zExpr) : NULL;
    a[i].pExpr = NULL;
    if( a[i].zExpr ){
      TsErr err;
      ck_assert_int_eq(expr_compile(a[i].zExpr, &a[i].pExpr, &err), TS_OK);
    }
  }
  n = j->nMap;
  for(i=0; i<n; i++) if( a[i].iTarget==iTarget ) break;
  if( i==n ) n++;
  e = &a[i];
  if( i<j->nMap ) mapping_free_entry(e);
  memset(e, 0, sizeof(*e));
  e->iTarget = iTarget;
  e->eType = eType;
  e->eFlow = eFlow;
  if( zDefault ) e->zDefault = mem_strdup(zDefault);
  if( eType==MAP_DIRECT ) e->iSource = world_attr_find(&f->w, zArg, 1);
  if( eType==MAP_CONSTANT ) e->zConst = mem_strdup(zArg);
  if( eType==MAP_EXPRESSION ){
    TsErr err;
    e->zExpr = mem_strdup(zArg);
    ck_assert_msg(expr_compile(zArg, &e->pExpr, &err)==TS_OK, "%s", err.zMsg);
    e->bVolatile = expr_uses_function(e->pExpr, "Guid") || expr_uses_function(e->pExpr, "Now")
                || expr_uses_function(e->pExpr, "RandomString")
                || expr_uses_function(e->pExpr, "SelectUniqueValue");
  }
  job_set_mapping(&f->w, j, a, n, mActions, bChange);
}

#define ALL_ACTIONS (OBJ_ACT_CREATE|OBJ_ACT_UPDATE|OBJ_ACT_DELETE)

/* Open a fixture with user zKey assigned, after mapping changes made by
** the caller; returns the source user id. */
static int64_t mx_user(Fixture *f, const char *zKey){
  int64_t id = fx_user(f, zKey);
  fx_assign(f, id);
  return id;
}

static const char *target_attr(Fixture *f, int64_t idSource, const char *zAttr){
  int64_t idT = fx_target(f, idSource);
  ck_assert_int_gt(idT, 0);
  return world_user_attr(&f->w, world_user(&f->w, idT), world_attr_find(&f->w, zAttr, 0));
}

START_TEST(test_expression_mapping_writes_its_value_on_create){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "displayName", MAP_EXPRESSION,
         "Join(\"\", [givenName], \" (\", [department], \")\")", FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "displayName"), "amy (Sales)");
  fx_close(&f);
}
END_TEST

START_TEST(test_constant_mapping_writes_the_constant){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "companyName", MAP_CONSTANT, "Contoso Ltd", FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "companyName"), "Contoso Ltd");
  fx_close(&f);
}
END_TEST

START_TEST(test_default_value_is_used_on_create_only){
  Fixture f;
  int64_t id, idT;
  fx_open(&f, 0);
  mx_map(&f, "jobTitle", MAP_DIRECT, "jobTitle", FLOW_ALWAYS, "Contoso staff", ALL_ACTIONS, 0);
  id = fx_user(&f, "amy");
  directory_user_set(&f.w, id, A_JOB_TITLE, NULL);
  fx_assign(&f, id);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "jobTitle"), "Contoso staff");
  idT = fx_target(&f, id);
  admin_target_update(&f.w, idT, A_JOB_TITLE, "Hand edited");
  admin_update(&f.w, id, A_CITY, "Bergen");          /* a source change */
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, id, "city"), "Bergen");
  ck_assert_str_eq(target_attr(&f, id, "jobTitle"), "Hand edited");
  fx_close(&f);
}
END_TEST

START_TEST(test_object_add_only_mapping_flows_on_creation_only){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "department", MAP_DIRECT, "department", FLOW_OBJECT_ADD_ONLY, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  admin_update(&f.w, id, A_DEPARTMENT, "Finance");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, id, "department"), "Sales");
  /* ...and a change of an ObjectAddOnly attribute is no drift. */
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_none_mapping_only_fills_an_empty_target_attribute){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "companyName", MAP_NONE, NULL, FLOW_ALWAYS, "Unknown company", ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  directory_user_set(&f.w, id, A_COMPANY_NAME, "Contoso");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "companyName"), "Unknown company");
  admin_target_update(&f.w, fx_target(&f, id), A_COMPANY_NAME, "Edited");
  admin_update(&f.w, id, A_CITY, "Bergen");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, id, "companyName"), "Edited");
  fx_close(&f);
}
END_TEST

START_TEST(test_ignore_flow_if_null_or_empty_leaves_the_target_value){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "jobTitle", MAP_EXPRESSION, "IgnoreFlowIfNullOrEmpty([jobTitle])",
         FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "jobTitle"), "Engineer");
  admin_update(&f.w, id, A_JOB_TITLE, "");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, id, "jobTitle"), "Engineer");
  fx_close(&f);
}
END_TEST

START_TEST(test_create_action_off_creates_nobody){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "city", MAP_DIRECT, "city", FLOW_ALWAYS, NULL, OBJ_ACT_UPDATE|OBJ_ACT_DELETE, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='skipped'"
                              " AND reason LIKE 'Create is not an enabled%%'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM jobs WHERE object_actions='Update,Delete'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_update_action_off_leaves_synced_users_unchanged){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  mx_map(&f, "city", MAP_DIRECT, "city", FLOW_ALWAYS, NULL, OBJ_ACT_CREATE|OBJ_ACT_DELETE, 0);
  admin_update(&f.w, id, A_CITY, "Bergen");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, id, "city"), "Oslo");
  fx_close(&f);
}
END_TEST

START_TEST(test_delete_action_off_keeps_out_of_scope_users_and_marks_them_held){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "city", MAP_DIRECT, "city", FLOW_ALWAYS, NULL, OBJ_ACT_CREATE|OBJ_ACT_UPDATE, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  job_assign_user(&f.w, fx_job(&f), id, 0);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert(user_is_live(world_user(&f.w, fx_target(&f, id))));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE held='delete_action_disabled'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_directory_extension_attribute_flows_to_the_target){
  Fixture f;
  const char *zExt = "extension_7f3c8a1e2b9d4c6fa0e1d2c3b4a59687_costCenter";
  int64_t id;
  int iExt;
  fx_open(&f, 0);
  iExt = world_attr_find(&f.w, zExt, 1);
  ck_assert_int_ge(iExt, A_COUNT);
  mx_map(&f, zExt, MAP_DIRECT, zExt, FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  directory_user_set(&f.w, id, iExt, "CC-42");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, zExt), "CC-42");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM user_extensions WHERE user_id=%lld"
                              " AND name='%q' AND value='CC-42'", (long long)fx_target(&f, id), zExt), 1);
  ck_assert_int_eq(world_attr_find(&f.w, "extension_nothex_costCenter", 1), -1);
  fx_close(&f);
}
END_TEST

START_TEST(test_failing_expression_fails_the_object_and_retries_it_next_cycle){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "jobTitle", MAP_EXPRESSION, "CDate([jobTitle])", FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='failure'"
                              " AND error_code='ExpressionEvaluationFailed' AND action='create'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE state='EntryLevelErrors'"
                              " AND count_escrowed=1"), 1);
  ck_assert_int_eq(fx_job(&f)->nEscrowOpen, 1);   /* escrowed: retried next cycle */
  ck_assert_int_eq(fx_int(&f, "SELECT attempts FROM escrows"), 1);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='failure'"), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT attempts FROM escrows"), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_select_unique_value_takes_the_first_free_candidate_then_escrows){
  Fixture f;
  int64_t a, b, c;
  fx_open(&f, 0);
  mx_map(&f, "mailNickname", MAP_EXPRESSION,
         "SelectUniqueValue(Join(\".\", [givenName], [surname]), Join(\"\", Left([givenName], 1), [surname]))",
         FLOW_OBJECT_ADD_ONLY, NULL, ALL_ACTIONS, 0);
  a = fx_user(&f, "amy1");
  b = fx_user(&f, "amy2");
  c = fx_user(&f, "amy3");
  directory_user_set(&f.w, a, A_GIVEN_NAME, "Amy");
  directory_user_set(&f.w, b, A_GIVEN_NAME, "Amy");
  directory_user_set(&f.w, c, A_GIVEN_NAME, "Amy");
  fx_assign(&f, a); fx_assign(&f, b); fx_assign(&f, c);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, a, "mailNickname"), "Amy.Tester");
  ck_assert_str_eq(target_attr(&f, b, "mailNickname"), "ATester");
  ck_assert_int_eq(fx_target(&f, c), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='failure'"
                              " AND error_code='SelectUniqueValueExhausted'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_saving_a_mapping_starts_an_initial_cycle_that_rewrites_users){
  Fixture f;
  int64_t id;
  Job *j;
  fx_open(&f, 0);
  id = mx_user(&f, "amy");
  j = fx_job(&f);
  job_start(&f.w, j);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(j->bNeedInitial, 0);
  f.w.tNow = 3000;
  mx_map(&f, "displayName", MAP_EXPRESSION, "ToUpper([displayName])", FLOW_ALWAYS, NULL,
         ALL_ACTIONS, 1);
  ck_assert_int_eq(j->bNeedInitial, 1);
  ck_assert_int_eq(j->tNextCycle, 3000);
  ck_assert_int_eq(f.w.nDriftTotal, 1);                 /* the target now differs */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE"
                              " activity='Update attribute mappings or scope'"), 1);
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE kind='initial'"), 2);
  ck_assert_str_eq(target_attr(&f, id, "displayName"), "AMY");
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_saving_filters_starts_an_initial_cycle_that_removes_filtered_users){
  Fixture f;
  Clause c;
  int64_t id;
  Job *j;
  fx_open(&f, 0);
  id = mx_user(&f, "amy");
  j = fx_job(&f);
  job_start(&f.w, j);
  ck_assert(fx_cycle(&f, 0));
  f.w.tNow = 3000;
  job_clear_filters(&f.w, j);
  memset(&c, 0, sizeof(c));
  c.iAttr = A_DEPARTMENT;
  c.eOp = OP_REGEX_MATCH;
  c.zValue = "^Eng";
  ck_assert_int_eq(job_add_filter_group(&f.w, j, "engineers", &c, 1), 0);
  job_config_changed(&f.w, j);
  ck_assert_int_eq(j->bNeedInitial, 1);
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_ge(world_user(&f.w, fx_target(&f, id))->tDeleted, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_volatile_expression_is_not_counted_as_drift){
  Fixture f;
  fx_open(&f, 0);
  mx_map(&f, "employeeId", MAP_EXPRESSION, "Guid()", FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_expression_mapped_to_upn_is_written_in_b2b_form){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "userPrincipalName", MAP_EXPRESSION, "Join(\"@\", [givenName], \"contoso.com\")",
         FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = mx_user(&f, "amy");
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "userPrincipalName"), "amy_contoso.com#EXT#@fabrikam.com");
  fx_close(&f);
}
END_TEST

START_TEST(test_redacted_value_flows_but_the_log_shows_redact){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  mx_map(&f, "employeeId", MAP_EXPRESSION, "Redact([employeeId])", FLOW_ALWAYS, NULL, ALL_ACTIONS, 0);
  id = fx_user(&f, "amy");
  directory_user_set(&f.w, id, A_EMPLOYEE_ID, "E-SECRET-1");
  fx_assign(&f, id);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(target_attr(&f, id, "employeeId"), "E-SECRET-1");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log"
                              " WHERE modified_properties LIKE '%%E-SECRET%%'"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE modified_properties"
                              " LIKE '%%[\"employeeId\",null,\"[Redact]\"]%%'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_manager_flows_as_the_managers_target_user){
  Fixture f;
  int64_t amy, boss;
  fx_open(&f, 0);
  amy = mx_user(&f, "amy");
  boss = mx_user(&f, "boss");
  directory_user_set(&f.w, amy, A_MANAGER, world_user(&f.w, boss)->zObjectId);
  ck_assert(fx_cycle(&f, 0));
  /* amy (id order first) was exported before her manager had a target user:
  ** she is provisioned without a manager. */
  ck_assert_ptr_null(target_attr(&f, amy, "manager"));
  /* A change to amy brings the reference in, now that the boss is there. */
  admin_update(&f.w, amy, A_CITY, "Bergen");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_str_eq(target_attr(&f, amy, "manager"), world_user(&f.w, fx_target(&f, boss))->zObjectId);
  /* Removing the manager at the source does not clear it in the target. */
  admin_update(&f.w, amy, A_MANAGER, NULL);
  admin_update(&f.w, amy, A_CITY, "Oslo");
  ck_assert(fx_cycle(&f, 4800));
  ck_assert_str_eq(target_attr(&f, amy, "manager"), world_user(&f.w, fx_target(&f, boss))->zObjectId);
  fx_close(&f);
}
END_TEST

START_TEST(test_manager_out_of_scope_leaves_the_user_without_one){
  Fixture f;
  int64_t amy, boss;
  fx_open(&f, 0);
  boss = fx_user(&f, "boss");                 /* not assigned */
  amy = mx_user(&f, "amy");
  directory_user_set(&f.w, amy, A_MANAGER, world_user(&f.w, boss)->zObjectId);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_gt(fx_target(&f, amy), 0);
  ck_assert_ptr_null(target_attr(&f, amy, "manager"));
  ck_assert_int_eq(f.w.nDriftTotal, 0);      /* a reference is no drift */
  fx_close(&f);
}
END_TEST

START_TEST(test_manager_is_not_synced_across_clouds){
  Fixture f;
  int64_t amy, boss;
  fx_open(&f, 0);
  mem_free(f.w.aTenant[FX_TARGET].zCloud);
  f.w.aTenant[FX_TARGET].zCloud = mem_strdup("usgov");
  f.w.aTenant[FX_TARGET].bCrossCloudSync = 1;
  f.w.aTenant[FX_TARGET].mCloudSettings = CLOUD_COMMERCIAL;
  f.w.aTenant[FX_SOURCE].mCloudSettings = CLOUD_USGOV;
  fx_job(&f)->bCrossCloud = 1;
  boss = mx_user(&f, "boss");
  amy = mx_user(&f, "amy");
  directory_user_set(&f.w, amy, A_MANAGER, world_user(&f.w, boss)->zObjectId);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_gt(fx_target(&f, amy), 0);
  ck_assert_ptr_null(target_attr(&f, amy, "manager"));
  fx_close(&f);
}
END_TEST

Suite *mapping_suite(void){
  Suite *s = suite_create("mapping");
  TCase *tc = tcase_create("mapping");
  tcase_add_test(tc, test_expression_mapping_writes_its_value_on_create);
  tcase_add_test(tc, test_constant_mapping_writes_the_constant);
  tcase_add_test(tc, test_default_value_is_used_on_create_only);
  tcase_add_test(tc, test_object_add_only_mapping_flows_on_creation_only);
  tcase_add_test(tc, test_none_mapping_only_fills_an_empty_target_attribute);
  tcase_add_test(tc, test_ignore_flow_if_null_or_empty_leaves_the_target_value);
  tcase_add_test(tc, test_create_action_off_creates_nobody);
  tcase_add_test(tc, test_update_action_off_leaves_synced_users_unchanged);
  tcase_add_test(tc, test_delete_action_off_keeps_out_of_scope_users_and_marks_them_held);
  tcase_add_test(tc, test_directory_extension_attribute_flows_to_the_target);
  tcase_add_test(tc, test_failing_expression_fails_the_object_and_retries_it_next_cycle);
  tcase_add_test(tc, test_select_unique_value_takes_the_first_free_candidate_then_escrows);
  tcase_add_test(tc, test_saving_a_mapping_starts_an_initial_cycle_that_rewrites_users);
  tcase_add_test(tc, test_saving_filters_starts_an_initial_cycle_that_removes_filtered_users);
  tcase_add_test(tc, test_volatile_expression_is_not_counted_as_drift);
  tcase_add_test(tc, test_expression_mapped_to_upn_is_written_in_b2b_form);
  tcase_add_test(tc, test_redacted_value_flows_but_the_log_shows_redact);
  tcase_add_test(tc, test_manager_flows_as_the_managers_target_user);
  tcase_add_test(tc, test_manager_out_of_scope_leaves_the_user_without_one);
  tcase_add_test(tc, test_manager_is_not_synced_across_clouds);
  suite_add_tcase(s, tc);
  return s;
}
