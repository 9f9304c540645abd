/*
** test_attack_lateral_e2e.c — the shipped attack A2 scenarios
** (scenarios/lateral-movement.json and its -blind twin), run with the
** binary and asserted on the database: the audit entries the attack leaves
** in the source, the accounts it pushes and when, the trust path that
** carries them, and which detections fire with and without log export.
*/
#include "e2e_fixture.h"
#include "suites.h"

static char zDir[64];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tsa2"); }
static void teardown(void){ e2e_rmdir(zDir); }

/* The attack's traces, the same in both variants. */
static void expectTraces(const char *zDb){
  /* P1DT2H10M: mallory joins the assigned group, by an admin, in contoso */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='contoso' AND a.at=94200 AND a.category='GroupManagement'"
                           " AND a.activity='Add member to group' AND a.target_name='Fabrikam project'"
                           " AND a.detail='mallory@contoso.com'"), 1);
  /* P1DT2H15M: eve is assigned to the sync app directly */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='contoso' AND a.at=94500"
                           " AND a.activity='Add app role assignment grant to user'"
                           " AND a.target_name='eve@contoso.com'"), 1);
  /* eve is created on demand at once; mallory waits for the next cycle */
  ck_assert_int_eq(q1(zDb, "SELECT p.activity_at FROM provisioning_log p JOIN users u ON u.id=p.source_user"
                           " WHERE u.key='eve' AND p.action='create' AND p.status='success'"), 94560);
  ck_assert_int_eq(q1(zDb, "SELECT c.kind='onDemand' FROM provisioning_log p JOIN users u"
                           " ON u.id=p.source_user JOIN cycles c ON c.id=p.cycle"
                           " WHERE u.key='eve' AND p.action='create'"), 1);
  {
    long long t = q1(zDb, "SELECT p.activity_at FROM provisioning_log p JOIN users u"
                          " ON u.id=p.source_user WHERE u.key='mallory' AND p.action='create'"
                          " AND p.status='success'");
    ck_assert_int_gt(t, 94560);
    ck_assert_int_le(t, 94200 + 40*60 + 5*60);  /* within one 40-minute cycle */
  }
  /* both are external members of fabrikam, in the sync service's name */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                           " WHERE t.key='fabrikam' AND u.created_by_job IS NOT NULL"
                           " AND u.user_type='Member' AND u.deleted_at IS NULL"), 62);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity='Add user'"
                           " AND a.actor='Microsoft.Azure.SyncFabric' AND a.at>=94200"), 2);
}

START_TEST(test_the_attack_pushes_two_accounts_and_the_source_siem_sees_it){
  char zDb[200], zOut[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "lateral-movement", zDb, sizeof(zDb)), *pTrust, *e;
  char *z;
  expectTraces(zDb);
  ck_assert_int_eq(e2e_fired(pDoc, "scope-group-member"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "sync-app-assignment"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "account-pushed"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "target-new-external"), 1);
  /* lint names the door the attack used, from the start: the assigned
  ** group is in no restricted management unit (XTS-S02); besides, the
  ** job's notification e-mail is off (XTS-S06, the default) */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE cleared IS NULL"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S06' AND setting='notifications.enabled'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S02'"
                           " AND job='contoso-to-fabrikam' AND group_key='project'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  /* the one trust path, carrying the project and the two accounts */
  snprintf(zOut, sizeof(zOut), "%s/trust.json", zDir);
  ck_assert_int_eq(sh("%s trust %s --format json --output %s", bin(), zDb, zOut), 0);
  z = tu_slurp(zOut, NULL);
  pTrust = cJSON_Parse(z);
  free(z);
  ck_assert_ptr_nonnull(pTrust);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(pTrust, "edges")), 1);
  e = cJSON_GetArrayItem(cJSON_GetObjectItem(pTrust, "edges"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(e, "from")->valuestring, "contoso");
  ck_assert_str_eq(cJSON_GetObjectItem(e, "to")->valuestring, "fabrikam");
  ck_assert_int_eq(cJSON_GetObjectItem(e, "users")->valueint, 62);
  cJSON_Delete(pTrust);
  cJSON_Delete(pDoc);
}
END_TEST

START_TEST(test_without_log_export_the_source_detects_nothing){
  char zDb[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "lateral-movement-blind", zDb, sizeof(zDb));
  expectTraces(zDb);                 /* the same attack, the same entries */
  ck_assert_int_eq(e2e_fired(pDoc, "scope-group-member"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "sync-app-assignment"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "account-pushed"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "target-new-external"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-G03'"
                           " AND tenant='contoso' AND first_seen=0 AND cleared IS NULL"), 1);
  cJSON_Delete(pDoc);
}
END_TEST

Suite *attack_lateral_e2e_suite(void){
  Suite *s = suite_create("attack_lateral_e2e");
  TCase *tc = tcase_create("lateral");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_the_attack_pushes_two_accounts_and_the_source_siem_sees_it);
  tcase_add_test(tc, test_without_log_export_the_source_detects_nothing);
  suite_add_tcase(s, tc);
  return s;
}
