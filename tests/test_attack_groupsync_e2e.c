/*
** test_attack_groupsync_e2e.c — the shipped attacks A5 and A4 of the
** security half, run with the binary and asserted on the database and
** the reports:
**
**   scenarios/synced-group-privilege.json (and its -blind twin): a role
**   given to the group group sync created holds for whoever the source
**   adds to the group — the role assignment, the audit rows in both
**   tenants, the attacker's account joining the target group in the sync
**   service's name, T05/T06/T07 over time, the detections with and
**   without the target's log export;
**   scenarios/external-member-blind-spot.json: 300 external members that
**   guest-keyed controls miss — userType Member, the role grant, the
**   leaver left behind (orphan report), T08/S07/T07, and guest-keyed
**   detections that see nothing.
*/
#include "e2e_fixture.h"
#include "suites.h"

static char zDir[64];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tsa5"); }
static void teardown(void){ e2e_rmdir(zDir); }

/* ------------------------------------------------------------- A5 */

/* The attack's traces, the same in both variants. */
static void expectA5Traces(const char *zDb){
  char z[400];
  /* the role: on the target group the job created from falcon, at P1DT1H */
  ck_assert_str_eq(qtext(zDb, "SELECT r.principal_type||'|'||g.key||'|'||t.key||'|'||r.role_name||'|'"
                         "||r.assignment||'|'||r.assigned_at||'|'||r.path FROM role_assignments r"
                         " JOIN groups g ON g.idx=r.principal JOIN tenants t ON t.idx=r.tenant"
                         " WHERE g.created_by_job=0", z, sizeof(z)),
                   "Group|falcon|fabrikam|Application Administrator|active|90000|$.timeline[0]");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM role_assignments"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.at=90000 AND a.category='RoleManagement'"
                           " AND a.activity='Add member to role' AND a.actor='admin'"
                           " AND a.target_type='Group' AND a.target_name='Project Falcon'"), 1);
  /* the attacker joins the source group, by an admin, in contoso */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='contoso' AND a.category='GroupManagement'"
                           " AND a.activity='Add member to group' AND a.target_name='Project Falcon'"
                           " AND a.detail='mallory@contoso.com' AND a.at=180600"), 1);
  /* the next cycle creates her in fabrikam and adds her to the synced
  ** group, in the sync service's name, within one cycle */
  {
    long long t = q1(zDb, "SELECT a.at FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                          " WHERE t.key='fabrikam' AND a.category='GroupManagement'"
                          " AND a.activity='Add member to group' AND a.target_name='Project Falcon'"
                          " AND a.actor='Microsoft.Azure.SyncFabric'"
                          " AND a.actor_app_id='00000014-0000-0000-c000-000000000000'"
                          " AND a.detail='mallory_contoso.com#EXT#@fabrikam.com'");
    ck_assert_int_gt(t, 180600);
    ck_assert_int_le(t, 180600 + 40*60);
    ck_assert_int_eq(q1(zDb, "SELECT m.added_at FROM group_member_history m JOIN groups g ON g.idx=m.group_idx"
                             " JOIN users u ON u.id=m.user_id WHERE g.created_by_job=0"
                             " AND u.user_principal_name='mallory_contoso.com#EXT#@fabrikam.com'"
                             " AND m.removed_at IS NULL"), t);
  }
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                           " WHERE g.created_by_job=0"), 41);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                           " WHERE t.key='fabrikam' AND u.user_type='Member' AND u.created_by_job=0"), 41);
  /* lint over the run */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T06' AND tenant='fabrikam'"
                           " AND partner='contoso' AND first_seen=0 AND cleared IS NULL"
                           " AND path='$.policies[0].roleEnabledGroupSyncInbound.isSyncAllowed'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T05' AND severity='critical'"
                           " AND tenant='fabrikam' AND partner='contoso' AND job='contoso-to-fabrikam'"
                           " AND group_key='falcon' AND path='$.timeline[0]' AND first_seen=90000"
                           " AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT first_seen FROM lint_findings WHERE rule='XTS-T07'"), 90000);
}

/* Does `tenantsim lint DB --at zAt` name mallory's account in a T07 finding? */
static int malloryPrivilegedAt(const char *zDb, const char *zAt){
  return sh("%s lint %s --at %s --rule XTS-T07 --format text | grep -q 'mallory_contoso.com#EXT#@fabrikam.com"
            ", synced from contoso by job contoso-to-fabrikam, holds Application Administrator in"
            " fabrikam through group Project Falcon'", bin(), zDb, zAt)==0;
}

START_TEST(test_a_role_on_the_synced_group_goes_to_whoever_the_source_adds){
  char zDb[200], zOut[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "synced-group-privilege", zDb, sizeof(zDb)), *pTrust, *e, *v;
  char *z;
  expectA5Traces(zDb);
  ck_assert_int_eq(e2e_fired(pDoc, "role-to-synced-group"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "source-group-member"), 1);
  ck_assert_int_eq(e2e_fired(pDoc, "privileged-group-member"), 1);
  ck_assert_int_eq(cJSON_GetObjectItem(e2e_detection(pDoc, "source-group-member"),
                                       "time_to_detect_seconds")->valueint, 0);
  /* mallory holds the role from the cycle that adds her, not before */
  ck_assert_int_eq(malloryPrivilegedAt(zDb, "P2DT2H15M"), 0);
  ck_assert_int_eq(malloryPrivilegedAt(zDb, "P2DT3H"), 1);
  /* the trust path shows the role-enabled group sync */
  snprintf(zOut, sizeof(zOut), "%s/trust.json", zDir);
  ck_assert_int_eq(sh("%s trust %s --format json --output %s", bin(), zDb, zOut), 0);
  z = tu_slurp(zOut, NULL);
  pTrust = cJSON_Parse(z);
  free(z);
  ck_assert_ptr_nonnull(pTrust);
  e = cJSON_GetArrayItem(cJSON_GetObjectItem(pTrust, "edges"), 0);
  v = cJSON_GetObjectItem(cJSON_GetObjectItem(e, "settings"), "inbound.roleEnabledGroupSyncInbound.isSyncAllowed");
  ck_assert_ptr_nonnull(v);
  ck_assert_int_eq(cJSON_IsTrue(cJSON_GetObjectItem(v, "value")), 1);
  ck_assert_str_eq(cJSON_GetObjectItem(v, "from")->valuestring, "partner");
  cJSON_Delete(pTrust);
  cJSON_Delete(pDoc);
  /* and `tenantsim test` holds the scenario's own expectations */
  ck_assert_int_eq(sh("%s test scenarios/synced-group-privilege.json > /dev/null", bin()), 0);
}
END_TEST

START_TEST(test_without_the_targets_audit_log_only_the_source_sees_it){
  char zDb[200];
  cJSON *pDoc = e2e_run_shipped(zDir, "synced-group-privilege-blind", zDb, sizeof(zDb));
  expectA5Traces(zDb);                 /* the same attack, the same entries */
  ck_assert_int_eq(e2e_fired(pDoc, "role-to-synced-group"), 0);
  ck_assert_int_eq(e2e_fired(pDoc, "privileged-group-member"), 0);
  ck_assert_int_eq(cJSON_GetObjectItem(e2e_detection(pDoc, "privileged-group-member"),
                                       "entries_not_exported")->valueint, 1);
  ck_assert_int_eq(e2e_fired(pDoc, "source-group-member"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-G03'"
                           " AND tenant='fabrikam' AND first_seen=0 AND cleared IS NULL"), 1);
  cJSON_Delete(pDoc);
}
END_TEST

/* ------------------------------------------------------------- A4 */

START_TEST(test_external_members_escape_guest_keyed_controls_and_nothing_fires){
  char zDb[200], z[600];
  cJSON *pDoc = e2e_run_shipped(zDir, "external-member-blind-spot", zDb, sizeof(zDb)), *pOrphans, *o, *d;
  /* 300 external members: userType Member, created by the job */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                           " WHERE t.key='fabrikam' AND u.created_by_job=0 AND u.user_type='Member'"
                           " AND u.creation_type='Invitation'"), 300);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users u JOIN tenants t ON t.idx=u.tenant"
                           " WHERE t.key='fabrikam' AND u.user_type='Guest'"), 0);
  /* no guest event of any kind in fabrikam's audit log */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity IN ('Invite external user',"
                           " 'Redeem external user invite')"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.activity='Add user'"
                           " AND a.actor='Microsoft.Azure.SyncFabric'"), 300);
  /* the role grant at P14D, to emp42's member account */
  ck_assert_str_eq(qtext(zDb, "SELECT u.user_principal_name||'|'||u.user_type||'|'||r.role_name||'|'"
                         "||r.assigned_at||'|'||r.path FROM role_assignments r JOIN users u"
                         " ON u.id=r.principal WHERE r.principal_type='User'", z, sizeof(z)),
                   "emp42_contoso.com#EXT#@fabrikam.com|Member|Security Administrator|1209600|$.timeline[1]");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log a JOIN tenants t ON t.idx=a.tenant"
                           " WHERE t.key='fabrikam' AND a.category='RoleManagement'"
                           " AND a.activity='Add member to role' AND a.at=1209600"
                           " AND a.target_name='emp42_contoso.com#EXT#@fabrikam.com'"), 1);
  /* the leaver: deleted in contoso at P7D, still enabled in fabrikam */
  ck_assert_int_eq(q1(zDb, "SELECT deleted_at FROM users WHERE key='emp17'"), 7*86400);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE user_principal_name="
                           "'emp17_contoso.com#EXT#@fabrikam.com' AND deleted_at IS NULL AND account_enabled=1"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE activity='Delete user'"), 1);
  pOrphans = cJSON_GetObjectItem(pDoc, "orphans");
  ck_assert_int_eq(cJSON_GetObjectItem(pOrphans, "count")->valueint, 1);
  o = cJSON_GetArrayItem(cJSON_GetObjectItem(pOrphans, "items"), 0);
  ck_assert_ptr_nonnull(o);
  ck_assert_str_eq(cJSON_GetObjectItem(o, "source_user")->valuestring, "emp17");
  ck_assert_str_eq(cJSON_GetObjectItem(o, "source_state")->valuestring, "deleted");
  /* the orphan report's CSV names her too */
  ck_assert_int_eq(sh("%s export %s --csv %s/csv && grep -q 'emp17_contoso.com#EXT#@fabrikam.com'"
                      " %s/csv/orphans.csv > /dev/null", bin(), zDb, zDir, zDir), 0);
  /* lint: the blind spot from the start, the privileged member from P14D */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T08' AND first_seen=0"
                           " AND cleared IS NULL AND path='$.tenants[1].conditionalAccessPolicies[0]"
                           ".conditions.users.includeGuestsOrExternalUsers.guestOrExternalUserTypes'"
                           " AND message LIKE '%it misses the 300 external members (userType Member)%'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S07' AND first_seen=0"
                           " AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T07' AND severity='critical'"
                           " AND first_seen=1209600 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-S06' AND setting='notifications.enabled'"
                           " AND first_seen=0 AND cleared IS NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings"), 4);
  /* nothing fires: no detection, none of them even saw an entry */
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(pDoc, "detections")){
    ck_assert_int_eq(cJSON_IsTrue(cJSON_GetObjectItem(d, "detected")), 0);
    ck_assert_int_eq(cJSON_GetObjectItem(d, "entries_seen")->valueint, 0);
  }
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(pDoc, "detections")), 3);
  cJSON_Delete(pDoc);
  ck_assert_int_eq(sh("%s test scenarios/external-member-blind-spot.json > /dev/null", bin()), 0);
}
END_TEST

Suite *attack_groupsync_e2e_suite(void){
  Suite *s = suite_create("attack_groupsync_e2e");
  TCase *tc = tcase_create("attacks");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 180);
  tcase_add_test(tc, test_a_role_on_the_synced_group_goes_to_whoever_the_source_adds);
  tcase_add_test(tc, test_without_the_targets_audit_log_only_the_source_sees_it);
  tcase_add_test(tc, test_external_members_escape_guest_keyed_controls_and_nothing_fires);
  suite_add_tcase(s, tc);
  return s;
}
