/*
** test_attack_attribute_e2e.c — the shipped attack A5, attribute script,
** run with the binary and asserted on the database and the report:
** scenarios/source-attribute-privilege.json (and its -blind twin). A
** department set in the source reaches the target at the next cycle, the
** target's dynamic group takes the user in after the dynamic-membership
** delay, and the Conditional Access policy that excludes the group no
** longer asks for MFA; XTS-S08 from the start; the detections with and
** without the target's log export.
*/
#include "e2e_fixture.h"
#include "suites.h"

static char zDir[64];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tsa5attr"); }
static void teardown(void){ e2e_rmdir(zDir); }

/* The attack's traces, the same in both variants. */
static void expectTraces(const char *zDb){
  char z[400];
  int64_t tWrite;
  /* the sync service writes the department in fabrikam, naming it */
  tWrite = q1(zDb, "SELECT a.at FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                   " WHERE t.key='fabrikam' AND a.activity='Update user'"
                   " AND a.actor='Microsoft.Azure.SyncFabric'"
                   " AND a.detail='contoso-to-fabrikam; modified properties: department'"
                   " AND a.target_name LIKE 'dave%'");
  ck_assert_int_gt(tWrite, 86400+3900);
  ck_assert_int_lt(tWrite, 86400+3900+2400+600);
  /* the dynamic group takes dave's account in dynamicMembershipDelay later */
  ck_assert_str_eq(qtext(zDb, "SELECT a.actor||'|'||a.target_name||'|'||a.detail FROM audit_log a"
                         " JOIN tenants t ON t.idx=a.tenant WHERE t.key='fabrikam'"
                         " AND a.activity='Add member to group' AND a.at>0", z, sizeof(z)),
                   "Microsoft Approval Management|MFA exempt: retail kiosks|"
                   "dave_contoso.com#EXT#@fabrikam.com");
  ck_assert_int_eq(q1(zDb, "SELECT a.at FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity='Add member to group' AND a.at>0"),
                   tWrite+600);
  /* the kiosks were members from the start, as the directory's state */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.key='kiosk-exempt' AND m.added_at=0"), 2);
  /* MFA stops the first sign-in; after the membership no policy applies */
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(s.at||':'||s.conditional_access_status||':'"
                         "||coalesce(s.error_code, ''), ' ') FROM sign_ins s", z, sizeof(z)),
                   "90000:failure:50076 97200:notApplied:0");
}

START_TEST(test_a_source_attribute_opens_the_targets_mfa_exemption){
  char zDb[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "source-attribute-privilege", zDb, sizeof(zDb));
  expectTraces(zDb);
  ck_assert_int_eq(e2e_fired(pDoc, "source-department-change"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "synced-department-change"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "exempt-group-member"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "external-signin-without-mfa"), 1);
  /* lint named the dynamic group on a synced attribute from the start */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S08'"
                           " AND tenant='fabrikam' AND partner='contoso' AND group_key='kiosk-exempt'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE key='kiosk-exempt'"
                           " AND rule_attributes='department' AND rule_state='On'"), 1);
  cJSON_Delete(pDoc);
  ck_assert_int_eq(sh("%s test scenarios/source-attribute-privilege.json > /dev/null", bin()), 0);
}
END_TEST

START_TEST(test_without_the_targets_logs_only_the_source_sees_it){
  char zDb[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "source-attribute-privilege-blind", zDb, sizeof(zDb));
  expectTraces(zDb);                  /* the same attack, the same entries */
  ck_assert_int_eq(e2e_fired(pDoc, "source-department-change"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "synced-department-change"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "exempt-group-member"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "external-signin-without-mfa"), 0);
  ck_assert_int_eq(cJSON_GetObjectItem(e2e_detection(pDoc, "exempt-group-member"),
                                       "entries_not_exported")->valueint, 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-G03'"
                           " AND tenant='fabrikam' AND first_seen=0 AND cleared IS NULL"), 1);
  cJSON_Delete(pDoc);
}
END_TEST

Suite *attack_attribute_e2e_suite(void){
  Suite *s = suite_create("attack_attribute_e2e");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_a_source_attribute_opens_the_targets_mfa_exemption);
  tcase_add_test(tc, test_without_the_targets_logs_only_the_source_sees_it);
  suite_add_tcase(s, tc);
  return s;
}
