/*
** test_attack_mfa_e2e.c — the shipped attack A3 scenarios
** (scenarios/compromised-source-mfa.json, its -unseen variant without log
** export and its -defended twin without MFA trust), run with the binary
** and asserted on the database: the registration audited in the source,
** the two sign-ins in the target's sign-in log with their Graph fields, no
** target audit row during the attack, the trust edge carrying MFA trust,
** lint's XTS-T04, and which detections fire with and without export.
*/
#include "e2e_fixture.h"
#include "suites.h"

static char zDir[64];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tsa3"); }
static void teardown(void){ e2e_rmdir(zDir); }

#define T_FIRST   92400    /* P1DT1H40M: the first sign-in */
#define T_SECOND  93000    /* P1DT1H50M: the second sign-in */

static cJSON *runShipped(const char *zName, char *zDb, size_t n){
  return e2e_run_shipped(zDir, zName, zDb, n);
}

static int fired(const cJSON *pDoc, const char *zId){ return e2e_fired(pDoc, zId); }

static int notExported(const cJSON *pDoc, const char *zId){
  return cJSON_GetObjectItem(e2e_detection(pDoc, zId), "entries_not_exported")->valueint;
}

/* The attack's traces common to every variant: the registration in
** Contoso's audit log, the two sign-ins in Fabrikam's sign-in log with
** Graph's fields, and nothing in Fabrikam's audit log while it lasts. */
static void expectTraces(const char *zDb){
  char z[300];
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='contoso' AND a.at=92700 AND a.category='UserManagement'"
                           " AND a.activity='User registered security info' AND a.actor='dave@contoso.com'"
                           " AND a.target_name='dave@contoso.com' AND a.detail='method=microsoftAuthenticator'"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(m.at||' '||m.registered||' '||m.registered_by, '; ')"
                              " FROM mfa_registrations m JOIN users u ON u.id=m.user_id WHERE u.key='dave'",
                         z, sizeof(z)), "0 0 declared; 92700 1 user");
  /* two sign-ins, in Fabrikam's log, from Contoso, by dave's external member */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM sign_ins g JOIN tenants r ON r.idx=g.tenant"
                           " JOIN tenants h ON h.idx=g.home_tenant JOIN users a ON a.id=g.account"
                           " WHERE r.key='fabrikam' AND h.key='contoso' AND g.home_tenant_id=h.tenant_id"
                           " AND g.resource_tenant_id=r.tenant_id AND g.user_id=a.object_id"
                           " AND a.tenant=r.idx AND a.created_by_job=0 AND a.user_type='Member'"
                           " AND g.user_principal_name='dave@contoso.com' AND g.user_type='member'"
                           " AND g.cross_tenant_access_type='b2bCollaboration' AND g.device_compliant=0"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM sign_ins WHERE at IN (92400, 93000)"), 2);
  /* Fabrikam's audit log: the accounts created at the start, nothing after */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.at>=92400"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity='Add user'"), 30);
}

/* The trust edge contoso -> fabrikam's isMfaAccepted, as `tenantsim trust`
** reports it: 1 or 0, from the partner configuration. */
static int edgeTrustsMfa(const char *zDb){
  char zOut[200];
  char *z;
  cJSON *pTrust, *e, *s;
  int b;
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
  ck_assert_int_eq(cJSON_GetObjectItem(e, "users")->valueint, 30);
  s = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "settings"), "inbound.inboundTrust.isMfaAccepted");
  ck_assert_str_eq(cJSON_GetObjectItem(s, "from")->valuestring, "partner");
  b = cJSON_IsTrue(cJSON_GetObjectItem(s, "value"));
  cJSON_Delete(pTrust);
  return b;
}

START_TEST(test_the_home_tenants_mfa_claim_lets_the_attacker_in){
  char zDb[200], z[2000];
  cJSON *pDoc = runShipped("compromised-source-mfa", zDb, sizeof(zDb)), *a;
  expectTraces(zDb);
  /* first: no method in Contoso to answer the claim with; then the claim */
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(at||' '||error_code||' '||result||' '"
                              "||conditional_access_status||' '||authentication_requirement, '; ')"
                              " FROM (SELECT * FROM sign_ins ORDER BY id)", z, sizeof(z)),
                   "92400 50079 interrupted failure multiFactorAuthentication; "
                   "93000 0 success success multiFactorAuthentication");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM sign_ins WHERE result='success'"
                           " AND additional_details='MFA requirement satisfied by claim in the token'"
                           " AND failure_reason IS NULL"), 1);
  qtext(zDb, "SELECT applied_policies FROM sign_ins WHERE at=93000", z, sizeof(z));
  a = cJSON_Parse(z);
  ck_assert_ptr_nonnull(a);
  ck_assert_int_eq(cJSON_GetArraySize(a), 3);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 0), "displayName")->valuestring,
                   "Require MFA for guests and external users");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 0), "result")->valuestring, "success");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 1), "result")->valuestring, "reportOnlyFailure");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 2), "result")->valuestring, "notApplied");
  cJSON_Delete(a);
  ck_assert_str_eq(qtext(zDb, "SELECT summary FROM timeline WHERE at=93000", z, sizeof(z)),
                   "dave@contoso.com signs in to fabrikam from contoso: success; Require MFA for guests"
                   " and external users: MFA satisfied by contoso's claim (inbound trust) — then signs"
                   " in to Fabrikam again");
  /* the trust that made it possible, and lint's finding from the start */
  ck_assert_int_eq(edgeTrustsMfa(zDb), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T04' AND tenant='fabrikam'"
                           " AND partner='contoso' AND setting='inboundTrust.isMfaAccepted'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  /* and the job's notification e-mail is off, as in a new configuration */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S06' AND setting='notifications.enabled'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE cleared IS NULL"), 2);
  /* both SIEMs see their half; Fabrikam's audit log has nothing to see */
  ck_assert_int_eq(fired(pDoc, "mfa-registered"), 1);
  ck_assert_int_eq(fired(pDoc, "signin-by-claim"), 1);
  ck_assert_int_eq(fired(pDoc, "target-audit-trail"), 0);
  ck_assert_int_eq(cJSON_GetObjectItem(e2e_detection(pDoc, "signin-by-claim"), "time_to_detect_seconds")->valueint,
                   T_SECOND - T_FIRST);
  ck_assert_str_eq(cJSON_GetObjectItem(e2e_detection(pDoc, "signin-by-claim"), "evidence")->valuestring,
                   "sign-in (success) of dave@contoso.com from contoso in fabrikam");
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "sign_ins"),
                                       "by_result"), "success")->valueint, 1);
  ck_assert_int_eq(sh("%s test scenarios/compromised-source-mfa.json > /dev/null", bin()), 0);
  cJSON_Delete(pDoc);
}
END_TEST

START_TEST(test_without_log_export_nothing_fires){
  char zDb[200];
  cJSON *pDoc = runShipped("compromised-source-mfa-unseen", zDb, sizeof(zDb));
  expectTraces(zDb);                 /* the same attack, the same entries */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM sign_ins WHERE at=93000 AND result='success'"), 1);
  ck_assert_int_eq(fired(pDoc, "mfa-registered"), 0);
  ck_assert_int_eq(fired(pDoc, "signin-by-claim"), 0);
  ck_assert_int_eq(notExported(pDoc, "mfa-registered"), 1);
  ck_assert_int_eq(notExported(pDoc, "signin-by-claim"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-G03' AND cleared IS NULL"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T04' AND cleared IS NULL"), 1);
  ck_assert_int_eq(sh("%s test scenarios/compromised-source-mfa-unseen.json > /dev/null", bin()), 0);
  cJSON_Delete(pDoc);
}
END_TEST

START_TEST(test_without_mfa_trust_the_same_sign_in_does_not_get_through){
  char zDb[200], z[400];
  cJSON *pDoc = runShipped("compromised-source-mfa-defended", zDb, sizeof(zDb));
  expectTraces(zDb);
  ck_assert_str_eq(qtext(zDb, "SELECT group_concat(at||' '||error_code||' '||result, '; ')"
                              " FROM (SELECT * FROM sign_ins ORDER BY id)", z, sizeof(z)),
                   "92400 50076 interrupted; 93000 50076 interrupted");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM sign_ins WHERE additional_details IS NOT NULL"), 0);
  ck_assert_ptr_nonnull(strstr(qtext(zDb, "SELECT detail FROM sign_ins WHERE at=93000", z, sizeof(z)),
                               "fabrikam does not accept contoso's MFA claim (inbound trust)"));
  ck_assert_int_eq(edgeTrustsMfa(zDb), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T04'"), 0);
  ck_assert_int_eq(fired(pDoc, "mfa-registered"), 1);
  ck_assert_int_eq(fired(pDoc, "signin-by-claim"), 0);
  ck_assert_int_eq(sh("%s test scenarios/compromised-source-mfa-defended.json > /dev/null", bin()), 0);
  cJSON_Delete(pDoc);
}
END_TEST

Suite *attack_mfa_e2e_suite(void){
  Suite *s = suite_create("attack_mfa_e2e");
  TCase *tc = tcase_create("mfa");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_the_home_tenants_mfa_claim_lets_the_attacker_in);
  tcase_add_test(tc, test_without_log_export_nothing_fires);
  tcase_add_test(tc, test_without_mfa_trust_the_same_sign_in_does_not_get_through);
  suite_add_tcase(s, tc);
  return s;
}
