/*
** test_targetproc.c — the specification of the target-side processes that
** fight cross-tenant sync (engine/sync/targetproc.h and the timeline
** actions lifecycle_workflow, access_review and target_restore): each
** test quotes the rule it holds the run to, from Microsoft's articles
** (MicrosoftDocs/entra-docs) or tenantsim's fact sheets
** (../shared/reference/entra-facts.md, cts-2026.md).
**
** The story: contoso syncs ann, bob and cat (group g) into fabrikam with
** the default mapping, or with userType Guest (bGuest), or with group
** provisioning on (bGroups). The first cycle runs at the start; cycles
** follow every 40 minutes. Runs are in-process (runner_run), and
** assertions read the run database.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "e2e_fixture.h"
#include "mem.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "suites.h"

#define DAY 86400

typedef struct Story {
  int bGuest;              /* map userType to the constant Guest */
  int bGroups;             /* group provisioning on (and the licence for it) */
  const char *zParams;     /* the parameters object's members, or NULL */
  const char *zDuration;   /* default P3D */
  const char *zTimeline;
} Story;

static const char *story(const Story *s){
  static char zBuf[8000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'targetproc', 'start': '2026-01-05T09:00:00Z', 'duration': '%s',%s%s%s"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "              'groups': [{'key': 'g', 'displayName': 'Project G'}, {'key': 'h'}],"
    "              'users': [{'key': 'ann', 'groups': ['g']}, {'key': 'bob', 'groups': ['g']},"
    "                        {'key': 'cat', 'groups': ['g']}, {'key': 'dan', 'groups': ['h']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
    " 'policies': [{'tenant': 'fabrikam', 'automaticUserConsentSettings': {'inboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso', 'userSyncInbound': {'isSyncAllowed': true},"
    "               'groupSyncInbound': {'isSyncAllowed': true}},"
    "              {'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'assignments': {'groups': ['g']}%s%s}],"
    " 'timeline': [%s]}",
    s->zDuration ? s->zDuration : "P3D",
    s->zParams ? " 'parameters': {" : "", s->zParams ? s->zParams : "", s->zParams ? "}," : "",
    s->bGuest ? ", 'mapping': {'attributes': [{'target': 'userType', 'type': 'Constant',"
                " 'value': 'Guest'}]}" : "",
    s->bGroups ? ", 'groupProvisioning': true" : "",
    s->zTimeline ? s->zTimeline : "");
  return scn(zBuf);
}

static char zDb[64];

static void run(const Story *s){
  fixture_run("tstproc", "targetproc.json", story(s), zDb, sizeof(zDb));
}

static void teardown(void){ if( zDb[0] ) unlink(zDb); zDb[0] = 0; }

static long long qn(const char *zFmt, ...){
  char zSql[2000];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zSql, sizeof(zSql), zFmt, ap);
  va_end(ap);
  return q1(zDb, zSql);
}

static const char *qs(char *z, size_t n, const char *zFmt, ...){
  char zSql[2000];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zSql, sizeof(zSql), zFmt, ap);
  va_end(ap);
  return qtext(zDb, zSql, z, n);
}

/* The id of the target user job c2f created for source key zKey (the
** first, when there were several). */
#define TARGET_OF(zKey) \
  "(SELECT t.id FROM users t JOIN users s ON s.net_id=t.alt_sec_id" \
  " WHERE s.key='" zKey "' AND t.tenant=1 ORDER BY t.id LIMIT 1)"

/* How many audit rows of fabrikam's have activity zActivity by zActor. */
static long long audits(const char *zActivity, const char *zActor){
  return qn("SELECT count(*) FROM audit_log WHERE tenant=1 AND activity='%s' AND actor='%s'",
            zActivity, zActor);
}

/* ------------------------------------------------- lifecycle workflows */

/* "Lifecycle Workflows support automating the disabling and deleting of
** users once they are inactive for a set period of time" (id-governance,
** lifecycle-workflow-inactive-users.md). What CTS does about it:
** "Target admin blocking sign-in persists until a change is detected in
** the source, at which point CTS re-enables the user" (entra-facts §6.4
** [S1]); CTS "does not query the target for changes". */
START_TEST(test_inactive_user_disabled_by_a_workflow_is_enabled_again_at_its_next_source_change){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann', 'bob'],"
                " 'workflow': 'Offboard inactive guests'},"
                "{'at': 'P2D', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Engineer'}}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='lifecycle_workflow'"),
                   "lifecycle workflow \"Offboard inactive guests\" of fabrikam disables 2 inactive"
                   " users synced by c2f");
  /* the run, then each user, as the workflow's audit rows */
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT group_concat(category || '/' || activity, '; ') FROM"
                      " (SELECT * FROM audit_log WHERE tenant=1 AND actor='Lifecycle Workflows'"
                      " ORDER BY id)"),
                   "WorkflowManagement/Schedule workflow execution started;"
                   " UserManagement/Disable account; UserManagement/Disable account;"
                   " WorkflowManagement/Schedule workflow execution completed");
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE detail='2 users processed'"
                      " AND target_name='Offboard inactive guests'"), 1);
  /* no cycle touches them before the source changes */
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>%d"
                      " AND activity_at<%d AND action!='other'", DAY, 2*DAY), 0);
  /* ann's change re-enables her; bob stays disabled, out of step */
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT modified_properties FROM provisioning_log"
                      " WHERE activity_at>%d AND target_user=" TARGET_OF("ann"), 2*DAY),
                   "[[\"accountEnabled\",\"False\",\"True\"],[\"jobTitle\",null,\"Engineer\"]]");
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("ann")), 1);
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("bob")), 0);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT reason || ' ' || held FROM out_of_step"
                      " WHERE target_user=" TARGET_OF("bob")), "target_edited 0");
}
END_TEST

/* The "Delete user account" task: "Allows cloud-only user accounts to be
** deleted" (lifecycle-workflow-tasks.md). A user deleted in the target is
** not restored by the next cycle: "After soft deleting a synchronized user
** in the target tenant, the user isn't restored during the next
** synchronization cycle" (entra-facts §7 [S2]). */
START_TEST(test_inactive_user_deleted_by_a_workflow_is_not_restored){
  Story s;
  char z[200];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann'],"
                " 'task': 'delete'},"
                "{'at': 'P2D', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Engineer'}}";
  run(&s);
  ck_assert_int_eq(qn("SELECT deleted_at FROM users WHERE id=" TARGET_OF("ann")), DAY);
  ck_assert_int_eq(audits("Delete user", "Lifecycle Workflows"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Restore user'"), 0);
  ck_assert_int_ge(qn("SELECT count(*) FROM provisioning_log WHERE activity_at>%d"
                      " AND error_code='InvalidAnchor'", 2*DAY), 1);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT reason FROM out_of_step"), "target_deleted");
}
END_TEST

/* "Disable user account: Allows cloud-only user accounts to be disabled.
** Users with Microsoft Entra role assignments aren't supported, nor are
** users with membership or ownership of role-assignable groups"
** (lifecycle-workflow-tasks.md). */
START_TEST(test_workflow_leaves_synced_users_holding_a_directory_role){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT12H', 'action': 'assign_role', 'job': 'c2f', 'users': ['ann'],"
                " 'role': 'Global Administrator'},"
                "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann', 'bob']}";
  run(&s);
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("ann")), 1);
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("bob")), 0);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='lifecycle_workflow'"),
                   "lifecycle workflow \"Disable inactive users\" of fabrikam disables 1 inactive"
                   " user synced by c2f; 1 user left alone (holds a directory role, which the task"
                   " does not support)");
}
END_TEST

/* ------------------------------------------------------ access reviews */

/* "Remove user's membership from the resource: This option removes a
** denied guest user's access to the group or application being reviewed.
** They can still sign in to the tenant and won't lose any other access"
** (create-access-review.md). The group is one group sync manages: it
** makes the target group's members the source group's provisioned
** members whenever it evaluates the group, which it does when the source
** group's members change. */
START_TEST(test_membership_removed_by_a_review_comes_back_when_group_sync_next_evaluates_the_group){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.bGroups = 1;
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann', 'dan'],"
                " 'group': 'g', 'review': 'Project G quarterly'},"
                "{'at': 'P2D', 'action': 'remove_member', 'tenant': 'contoso', 'group': 'g',"
                " 'users': ['cat']}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='access_review'"),
                   "access review \"Project G quarterly\" of fabrikam removes 1 denied user synced"
                   " by c2f from its group synced from g; 1 user left alone (no live account in"
                   " the target)");
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT group_concat(category || '/' || activity, '; ') FROM"
                      " (SELECT * FROM audit_log WHERE tenant=1 AND actor='Access Reviews' ORDER BY id)"),
                   "Policy/Access review ended; UserManagement/Auto apply review;"
                   " GroupManagement/Remove member from group");
  /* ann keeps her account, enabled; she is out of the group until the
  ** source group changes, then group sync puts her back */
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("ann")), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM group_member_history WHERE user_id=" TARGET_OF("ann")
                      " AND removed_at=%d", DAY), 1);
  ck_assert_int_eq(qn("SELECT min(added_at) FROM group_member_history WHERE user_id="
                      TARGET_OF("ann") " AND added_at>%d", DAY), 2*DAY + 60);
  ck_assert_int_eq(qn("SELECT count(*) FROM group_members WHERE user_id=" TARGET_OF("ann")), 1);
}
END_TEST

/* "Block user from signing-in for 30 days, then remove user from the
** tenant: ... If no action is taken on the disabled guest user after 30
** days, they're deleted from the tenant" (create-access-review.md); the
** option "is only available if the access review is scoped to include
** only guest users". And for synced users: "typically Microsoft doesn't
** recommend removing denied guest users automatically from access
** reviews. Cross-tenant synchronization reprovisions the users if they're
** in the synchronization scope" (cross-tenant-synchronization-
** governance.md, the parameter accessReviewRemoval's default). */
START_TEST(test_guest_removed_by_a_review_after_30_days_is_reprovisioned_while_in_scope){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.bGuest = 1;
  s.zDuration = "P35D";
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann', 'bob'],"
                " 'apply': 'disableAndDeleteUser'},"
                "{'at': 'P20D', 'action': 'update', 'tenant': 'contoso', 'users': ['bob'],"
                " 'set': {'jobTitle': 'Engineer'}}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='access_review'"),
                   "access review \"Review of synced users\" of fabrikam blocks 2 denied guests"
                   " synced by c2f from signing in, to remove them from the tenant in 30 days");
  ck_assert_int_eq(audits("Disable account", "Access Reviews"), 2);
  /* bob's source change enabled him again (CTS): action was taken, he stays */
  ck_assert_int_eq(qn("SELECT deleted_at IS NULL AND account_enabled FROM users WHERE id="
                      TARGET_OF("bob")), 1);
  /* ann is deleted at the end of her block, and the job restores her at
  ** its next cycle, enabled */
  ck_assert_int_eq(qn("SELECT at FROM audit_log WHERE activity='Delete user' AND actor='Access Reviews'"),
                   31*DAY);
  ck_assert_int_eq(audits("Delete user", "Access Reviews"), 1);
  ck_assert_int_eq(qn("SELECT at - %d BETWEEN 0 AND 4800 FROM audit_log WHERE activity='Restore user'"
                      " AND actor='Microsoft.Azure.SyncFabric'", 31*DAY), 1);
  ck_assert_int_eq(qn("SELECT deleted_at IS NULL AND account_enabled FROM users WHERE id="
                      TARGET_OF("ann")), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE tenant=1"), 3);   /* no duplicate */
  ck_assert_int_eq(qn("SELECT count(*) FROM out_of_step"), 0);
}
END_TEST

/* Members (the default mapping's userType) are not in a review "scoped to
** include only guest users", the only one offering the block-and-remove
** option. */
START_TEST(test_review_blocking_denied_guests_leaves_synced_members_alone){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'apply': 'disableAndDeleteUser'}";
  run(&s);
  ck_assert_int_eq(qn("SELECT account_enabled FROM users WHERE id=" TARGET_OF("ann")), 1);
  ck_assert_int_eq(qn("SELECT objects FROM timeline WHERE action='access_review'"), 0);
  ck_assert_ptr_nonnull(strstr(qs(z, sizeof(z), "SELECT summary FROM timeline"),
                               "1 user left alone (not a guest (userType Member), so not in a"
                               " review of guest users only)"));
}
END_TEST

/* The other reading: a user deleted directly in the target "isn't
** restored during the next synchronization cycle" (entra-facts §7 [S2]);
** accessReviewRemoval "notRestored" follows it. */
START_TEST(test_review_removal_is_not_restored_when_the_parameter_says_so){
  Story s;
  char z[200];
  memset(&s, 0, sizeof(s));
  s.bGuest = 1;
  s.zDuration = "P33D";
  s.zParams = "'accessReviewRemoval': 'notRestored'";
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'apply': 'disableAndDeleteUser'}";
  run(&s);
  ck_assert_int_eq(qn("SELECT deleted_at FROM users WHERE id=" TARGET_OF("ann")), 31*DAY);
  ck_assert_int_eq(qn("SELECT count(*) FROM audit_log WHERE activity='Restore user'"), 0);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT reason FROM out_of_step"), "target_deleted");
}
END_TEST

/* ------------------------------------------------- backup and recovery */

/* The recovery model (backup-difference-report-recovery-model.md):
** "Object was updated | Backup and Recovery updates the object to the
** backup value"; "Object was soft-deleted | ... restores the object";
** "Object was added | ... soft-deletes the object"; "Backups are created
** automatically once per day and retained for up to five days"; "Manager
** and sponsor changes aren't in scope" (scope-supported-objects-
** limitations.md). How CTS reacts is unconfirmed (cts-2026.md row 10):
** by default (backupRecovery "untilSourceChange") a recovery is a
** target-side write the job learns nothing of. */
START_TEST(test_recovery_rolls_synced_users_back_to_the_backup_by_the_recovery_model){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zDuration = "P4D";
  s.zTimeline = "{'at': 'PT2H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Lead'}},"
                "{'at': 'P1DT1H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Director'}},"
                "{'at': 'P1DT2H', 'action': 'target_delete', 'job': 'c2f', 'users': ['bob']},"
                "{'at': 'P1DT3H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'g',"
                " 'users': ['dan']},"
                "{'at': 'P2D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann', 'bob', 'dan'],"
                " 'backup': 'P1DT30M'}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='target_restore'"),
                   "Backup and Recovery in fabrikam recovers 3 users synced by c2f to the backup of"
                   " Day 2 09:00");
  /* updated: the backup's value, which the job leaves until ann changes */
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT job_title FROM users WHERE id=" TARGET_OF("ann")), "Lead");
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT detail FROM audit_log WHERE activity='Update user'"
                      " AND actor='Microsoft Entra Backup and Recovery'"), "jobTitle");
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT reason FROM out_of_step WHERE target_user="
                      TARGET_OF("ann")), "target_edited");
  /* soft-deleted by an admin: restored, and the job's link works again */
  ck_assert_int_eq(qn("SELECT deleted_at IS NULL FROM users WHERE id=" TARGET_OF("bob")), 1);
  ck_assert_int_eq(audits("Restore user", "Microsoft Entra Backup and Recovery"), 1);
  /* added since the backup: soft-deleted, and not restored by the job */
  ck_assert_int_eq(qn("SELECT deleted_at FROM users WHERE id=" TARGET_OF("dan")), 2*DAY);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT reason FROM out_of_step WHERE target_user="
                      TARGET_OF("dan")), "target_deleted");
  ck_assert_int_eq(qn("SELECT count(*) FROM out_of_step"), 2);
}
END_TEST

/* The other reading of the unconfirmed reaction: backupRecovery
** "nextCycle" has the job re-evaluate the recovered users at its next
** cycle, which writes the source's values back. */
START_TEST(test_recovery_is_undone_by_the_next_cycle_when_the_parameter_says_so){
  Story s;
  char z[200];
  memset(&s, 0, sizeof(s));
  s.zParams = "'backupRecovery': 'nextCycle'";
  s.zTimeline = "{'at': 'PT2H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Lead'}},"
                "{'at': 'P1DT1H', 'action': 'update', 'tenant': 'contoso', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Director'}},"
                "{'at': 'P2D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P1D'}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT job_title FROM users WHERE id=" TARGET_OF("ann")),
                   "Director");
  ck_assert_int_eq(qn("SELECT count(*) FROM provisioning_log WHERE action='update' AND activity_at"
                      " BETWEEN %d AND %d", 2*DAY, 2*DAY + 2400), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM changes WHERE cause='target_restore'"
                      " AND outcome='converged'"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM out_of_step"), 0);
}
END_TEST

/* "Microsoft Entra Backup and Recovery doesn't support the recovery or
** re-creation of hard-deleted objects" (overview.md). A user who left the
** target is hard-deleted; the job provisions a new one, added since the
** backup, which the recovery soft-deletes. */
START_TEST(test_recovery_cannot_bring_back_a_hard_deleted_user){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'P1DT1H', 'action': 'target_leave', 'job': 'c2f', 'users': ['ann']},"
                "{'at': 'P2D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P1D'}";
  run(&s);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE tenant=1 AND purged_at IS NOT NULL"), 1);
  ck_assert_int_eq(qn("SELECT count(*) FROM users WHERE tenant=1 AND deleted_at=%d", 2*DAY), 1);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='target_restore'"),
                   "Backup and Recovery in fabrikam recovers 1 user synced by c2f to the backup of"
                   " Day 2 09:00");
}
END_TEST

/* A recovery at the instant of its own backup finds nothing changed. */
START_TEST(test_recovery_to_the_backup_just_taken_changes_nothing){
  Story s;
  char z[400];
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'PT12H', 'action': 'target_update', 'job': 'c2f', 'users': ['ann'],"
                " 'set': {'jobTitle': 'Edited'}},"
                "{'at': 'P1D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann', 'bob']}";
  run(&s);
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT job_title FROM users WHERE id=" TARGET_OF("ann")), "Edited");
  ck_assert_str_eq(qs(z, sizeof(z), "SELECT summary FROM timeline WHERE action='target_restore'"),
                   "Backup and Recovery in fabrikam recovers 0 users synced by c2f to the backup of"
                   " Day 2 09:00; 2 users left alone (already so)");
}
END_TEST

/* ----------------------------------------------------------- validation */

START_TEST(test_target_processes_are_validated_with_their_paths){
  Story s;
  memset(&s, 0, sizeof(s));
  s.zTimeline = "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann'],"
                " 'task': 'disabel'}";
  expectRejected(story(&s), "timeline[0].task", "unknown \"disabel\" (did you mean \"disable\"?)");
  s.zTimeline = "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f'}";
  expectRejected(story(&s), "timeline[0].users", "missing");
  s.zTimeline = "{'at': 'P1D', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['zed']}";
  expectRejected(story(&s), "timeline[0].users[0]", "zed");
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann']}";
  expectRejected(story(&s), "timeline[0].group", "missing: \"removeAccess\" (the default"
                 " \"apply\") removes the denied users' membership of the reviewed group");
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'group': 'g'}";
  expectRejected(story(&s), "timeline[0].group", "does not provision groups");
  s.bGroups = 1;
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'group': 'nope'}";
  expectRejected(story(&s), "timeline[0].group", "no group \"nope\" in tenant contoso");
  s.zTimeline = "{'at': 'P1D', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'apply': 'removeUser'}";
  expectRejected(story(&s), "timeline[0].apply", "removeAccess, disableAndDeleteUser");
  s.zTimeline = "{'at': 'P1D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P2D'}";
  expectRejected(story(&s), "timeline[0].backup", "before the recovery");
  s.zDuration = "P9D";
  s.zTimeline = "{'at': 'P8D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P3D'}";
  expectRejected(story(&s), "timeline[0].backup", "the last 5 days: the oldest at this point was"
                 " taken at P4D");
  s.zTimeline = "{'at': 'P8D', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P4D', 'group': 'g'}";
  expectRejected(story(&s), "timeline[0].group", "unknown key \"group\"; expected one of: at,"
                 " action, note, job, users, backup");
}
END_TEST

START_TEST(test_backups_are_daily_from_the_start_and_default_to_the_latest){
  Story s;
  Scenario *p;
  memset(&s, 0, sizeof(s));
  s.zDuration = "P9D";
  s.zTimeline = "{'at': 'P8DT5H', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann']},"
                "{'at': 'P8DT5H', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann'],"
                " 'backup': 'P4DT23H'},"
                "{'at': 'P8DT6H', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann']},"
                "{'at': 'P8DT6H', 'action': 'access_review', 'job': 'c2f', 'users': ['ann'],"
                " 'apply': 'disableAndDeleteUser'}";
  p = parseOk(story(&s));
  ck_assert_int_eq(p->aAction[0].eKind, SCN_TARGET_RESTORE);
  ck_assert_int_eq(p->aAction[0].tBackup, 8*DAY);
  ck_assert_int_eq(p->aAction[1].tBackup, 4*DAY);
  ck_assert_int_eq(p->aAction[2].eKind, SCN_LIFECYCLE_WORKFLOW);
  ck_assert_int_eq(p->aAction[2].iMode, 0);
  ck_assert_str_eq(p->aAction[2].zProcess, "Disable inactive users");
  ck_assert_int_eq(p->aAction[3].eKind, SCN_ACCESS_REVIEW);
  ck_assert_int_eq(p->aAction[3].iMode, 1);
  ck_assert_ptr_null(p->aAction[3].zGroup);
  scenario_free(p);
}
END_TEST

/* ------------------------------------------------------- out of memory */

/* A run with all three processes, each allocation failing in turn: every
** failure is reported as out of memory, none crashes or leaks (ASan). */
START_TEST(test_a_run_of_the_processes_survives_each_failed_allocation){
  Story s;
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  char zOom[64];
  long n;
  memset(&s, 0, sizeof(s));
  s.bGuest = 1;
  s.zDuration = "P2D";
  s.zTimeline = "{'at': 'PT3H', 'action': 'lifecycle_workflow', 'job': 'c2f', 'users': ['ann']},"
                "{'at': 'PT4H', 'action': 'access_review', 'job': 'c2f', 'users': ['bob'],"
                " 'apply': 'disableAndDeleteUser'},"
                "{'at': 'P1DT1H', 'action': 'target_restore', 'job': 'c2f', 'users': ['ann', 'cat']}";
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("tp-oom", story(&s), &pScn, &errs, &err), TS_OK);
  strbuf_free(&errs);
  n = fixture_run_failing_each_allocation(pScn, "tstproc-oom", zOom, sizeof(zOom));
  ck_assert_int_gt(n, 100);
  scenario_free(pScn);
  ck_assert_int_eq(q1(zOom, "SELECT count(*) FROM timeline"), 3);
  unlink(zOom);
}
END_TEST

Suite *targetproc_suite(void){
  Suite *s = suite_create("targetproc");
  TCase *tcLcw = tcase_create("lifecycle workflows");
  TCase *tcReview = tcase_create("access reviews");
  TCase *tcBackup = tcase_create("backup and recovery");
  TCase *tcCheck = tcase_create("validation");
  tcase_add_checked_fixture(tcLcw, NULL, teardown);
  tcase_add_test(tcLcw, test_inactive_user_disabled_by_a_workflow_is_enabled_again_at_its_next_source_change);
  tcase_add_test(tcLcw, test_inactive_user_deleted_by_a_workflow_is_not_restored);
  tcase_add_test(tcLcw, test_workflow_leaves_synced_users_holding_a_directory_role);
  suite_add_tcase(s, tcLcw);
  tcase_add_checked_fixture(tcReview, NULL, teardown);
  tcase_set_timeout(tcReview, 60);
  tcase_add_test(tcReview, test_membership_removed_by_a_review_comes_back_when_group_sync_next_evaluates_the_group);
  tcase_add_test(tcReview, test_guest_removed_by_a_review_after_30_days_is_reprovisioned_while_in_scope);
  tcase_add_test(tcReview, test_review_blocking_denied_guests_leaves_synced_members_alone);
  tcase_add_test(tcReview, test_review_removal_is_not_restored_when_the_parameter_says_so);
  suite_add_tcase(s, tcReview);
  tcase_add_checked_fixture(tcBackup, NULL, teardown);
  tcase_add_test(tcBackup, test_recovery_rolls_synced_users_back_to_the_backup_by_the_recovery_model);
  tcase_add_test(tcBackup, test_recovery_is_undone_by_the_next_cycle_when_the_parameter_says_so);
  tcase_add_test(tcBackup, test_recovery_cannot_bring_back_a_hard_deleted_user);
  tcase_add_test(tcBackup, test_recovery_to_the_backup_just_taken_changes_nothing);
  suite_add_tcase(s, tcBackup);
  tcase_set_timeout(tcCheck, 300);
  tcase_add_test(tcCheck, test_target_processes_are_validated_with_their_paths);
  tcase_add_test(tcCheck, test_backups_are_daily_from_the_start_and_default_to_the_latest);
  tcase_add_test(tcCheck, test_a_run_of_the_processes_survives_each_failed_allocation);
  suite_add_tcase(s, tcCheck);
  return s;
}
