/*
** test_lifecycle.c — the specification of a target user's lifecycle under
** a sync job: the rules in the head comments of engine/cycle.c and
** engine/desired.h (entra-facts §6, §7, §14.5).
**
**   in scope, no target           -> create a B2B user (never for a
**                                    disabled user); a B2B user holding the
**                                    source's home identity is taken over,
**                                    an internal user never
**   in scope, target soft-deleted -> restore within the 30-day retention;
**                                    after it a new user is created
**   in scope, target live         -> update the Always-flowing values that
**                                    differ; null source values never flow;
**                                    accountEnabled False is a disable
**   out of scope, target live     -> soft delete, unless the user was
**                                    disabled (and its target too) first
**   otherwise                     -> skipped
** Incremental cycles evaluate only users changed since the watermark.
** A source change that makes a pair drift opens a changes row that closes
** when the target matches again; a paused job or a blocked policy leaves
** it open; total drift returning to zero is marked in the metrics.
*/
#include <check.h>
#include "engine_fixture.h"
#include "suites.h"

#define HOUR SIMTIME_HOUR
#define DAY  SIMTIME_DAY
#define SYNC_FABRIC "Microsoft.Azure.SyncFabric"

/* The action of the newest provisioning-log row of source user id. */
static const char *lastAction(Fixture *f, int64_t id, char *z, size_t n){
  return fx_text(f, z, n, "SELECT action FROM provisioning_log WHERE source_user=%lld"
                          " ORDER BY id DESC LIMIT 1", (long long)id);
}

static int64_t targetCount(Fixture *f){
  return fx_int(f, "SELECT count(*) FROM users WHERE tenant=%d", FX_TARGET);
}

/* ---------------------------------------------------------------------
** Create.
*/

START_TEST(test_assigned_enabled_user_is_created_as_a_b2b_member){
  Fixture f;
  char z[256];
  int64_t id, idT;
  const User *u, *t;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);

  idT = fx_target(&f, id);
  ck_assert_int_gt(idT, 0);
  u = world_user(&f.w, id);
  t = world_user(&f.w, idT);
  ck_assert_int_eq(t->iTenant, FX_TARGET);
  ck_assert(user_is_live(t));
  ck_assert_str_eq(world_user_creation_type(t), "Invitation");
  ck_assert_str_eq(t->zAltSecId, u->zNetId);
  ck_assert_str_eq(world_user_attr(&f.w, t, A_USER_TYPE), "Member");
  ck_assert_str_eq(world_user_attr(&f.w, t, A_SHOW_IN_ADDRESS_LIST), ATTR_TRUE);
  ck_assert_str_eq(world_user_attr(&f.w, t, A_USER_PRINCIPAL_NAME), "alice_contoso.com#EXT#@fabrikam.com");
  ck_assert_str_eq(world_user_attr(&f.w, t, A_MAIL), "alice@contoso.com");
  ck_assert_str_eq(world_user_attr(&f.w, t, A_DEPARTMENT), "Sales");
  ck_assert_str_eq(world_user_attr(&f.w, t, A_ACCOUNT_ENABLED), ATTR_TRUE);
  ck_assert_int_eq(t->idLinkSource, id);

  ck_assert_int_eq(targetCount(&f), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT creation_type FROM users WHERE id=%lld",
                           (long long)idT), "Invitation");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT user_type FROM users WHERE id=%lld",
                           (long long)idT), "Member");
  ck_assert_int_eq(fx_int(&f, "SELECT show_in_address_list FROM users WHERE id=%lld",
                          (long long)idT), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT user_principal_name FROM users"
                           " WHERE id=%lld", (long long)idT), "alice_contoso.com#EXT#@fabrikam.com");
  ck_assert_int_eq(fx_int(&f, "SELECT t.alt_sec_id=s.net_id FROM users t, users s"
                              " WHERE t.id=%lld AND s.id=%lld", (long long)idT, (long long)id), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT how FROM links WHERE source_user=%lld"
                           " AND target_user=%lld", (long long)id, (long long)idT), "created");
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "create");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT status FROM provisioning_log"
                           " WHERE source_user=%lld", (long long)id), "success");
  fx_close(&f);
}
END_TEST

START_TEST(test_target_writes_are_audited_as_sync_fabric){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  const User *t = world_user(&f.w, fx_target(&f, id));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE tenant=%d"
                              " AND activity='Add user' AND actor='%q' AND target_id='%q'",
                          FX_TARGET, SYNC_FABRIC, t->zObjectId), 1);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT actor FROM audit_log WHERE tenant=%d"
                           " AND activity='Update user' ORDER BY id DESC LIMIT 1",
                           FX_TARGET), SYNC_FABRIC);
  fx_close(&f);
}
END_TEST

/* The users table is the world's end state, written by
** directory_users_save (the run calls it once at its end): a row holds the
** latest values, the deletion and purge instants and the origin, and a
** second save replaces the rows instead of adding to them. */
START_TEST(test_users_rows_are_written_from_the_world){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice"), idT = fx_target(&f, id);
  const int64_t nUser = f.w.nUser;
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users"), nUser);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT origin_id FROM users WHERE id=%lld",
                           (long long)idT), world_user(&f.w, id)->zObjectId);
  ck_assert_int_eq(directory_user_set(&f.w, id, A_JOB_TITLE, "Chef"), 0);
  f.w.tNow = HOUR;
  directory_user_soft_delete(&f.w, id);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT job_title FROM users WHERE id=%lld",
                           (long long)id), "Chef");
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at FROM users WHERE id=%lld", (long long)id), HOUR);
  directory_user_restore(&f.w, id);
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at IS NULL AND purged_at IS NULL FROM users"
                              " WHERE id=%lld", (long long)id), 1);
  f.w.tNow = 2*HOUR;
  directory_user_soft_delete(&f.w, id);
  directory_user_purge(&f.w, id);
  ck_assert_int_eq(fx_int(&f, "SELECT purged_at FROM users WHERE id=%lld", (long long)id), 2*HOUR);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users"), nUser);
  fx_close(&f);
}
END_TEST

START_TEST(test_disabled_user_is_not_created){
  Fixture f;
  char z[64];
  int64_t id;
  fx_open(&f, 0);
  id = fx_user(&f, "onleave");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert_int_eq(targetCount(&f), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links"), 0);
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "other");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT status FROM provisioning_log"
                           " WHERE source_user=%lld", (long long)id), "skipped");
  fx_close(&f);
}
END_TEST

START_TEST(test_out_of_scope_user_without_target_is_skipped){
  Fixture f;
  char z[64];
  Clause c;
  int64_t id;
  fx_open(&f, 0);
  c.iAttr = A_DEPARTMENT;
  c.eOp = OP_EQUALS;
  c.zValue = "Sales";
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "sales", &c, 1), 0);
  id = fx_user(&f, "marketer");
  ck_assert_int_eq(directory_user_set(&f.w, id, A_DEPARTMENT, "Marketing"), 0);
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert_int_eq(targetCount(&f), 0);
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "other");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT status FROM provisioning_log"
                           " WHERE source_user=%lld", (long long)id), "skipped");
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Update.
*/

START_TEST(test_attribute_change_is_exported_as_an_update_of_that_attribute){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_int_eq(fx_target(&f, id), idT);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_JOB_TITLE), "Director");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT job_title FROM users WHERE id=%lld",
                           (long long)idT), "Director");
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "update");
  /* Only the values that differ are written. */
  ck_assert_int_eq(fx_int(&f, "SELECT modified_properties LIKE '%%\"jobTitle\"%%'"
                              " AND modified_properties NOT LIKE '%%\"department\"%%'"
                              " FROM provisioning_log WHERE action='update'"), 1);
  ck_assert_int_eq(targetCount(&f), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_null_source_value_does_not_flow){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_DEPARTMENT, NULL), 0);
  ck_assert_ptr_null(world_user_attr(&f.w, world_user(&f.w, id), A_DEPARTMENT));
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_DEPARTMENT), "Sales");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT department FROM users WHERE id=%lld",
                           (long long)idT), "Sales");
  fx_close(&f);
}
END_TEST

START_TEST(test_disabling_the_source_user_flows_as_a_disable){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_ACCOUNT_ENABLED), ATTR_FALSE);
  ck_assert_int_eq(fx_int(&f, "SELECT account_enabled FROM users WHERE id=%lld",
                          (long long)idT), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at IS NULL FROM users WHERE id=%lld",
                          (long long)idT), 1);
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "disable");
  ck_assert_int_eq(fx_job(&f)->stats.nDisable, 1);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Deprovisioning: soft delete when going out of scope.
*/

/* Assert that target user idT was soft-deleted by the newest 'delete' row
** of source user id, in memory and in the database. */
static void expectSoftDeleted(Fixture *f, int64_t id, int64_t idT){
  char z[64];
  const User *t = world_user(&f->w, idT);
  int64_t tAt;
  ck_assert_str_eq(lastAction(f, id, z, sizeof(z)), "delete");
  tAt = fx_int(f, "SELECT activity_at FROM provisioning_log WHERE source_user=%lld"
                  " AND action='delete'", (long long)id);
  ck_assert_int_eq(t->tDeleted, tAt);
  ck_assert_int_lt(t->tPurged, 0);
  ck_assert_int_eq(fx_int(f, "SELECT deleted_at FROM users WHERE id=%lld", (long long)idT), tAt);
  ck_assert_int_eq(fx_int(f, "SELECT purged_at IS NULL FROM users WHERE id=%lld",
                          (long long)idT), 1);
}

START_TEST(test_unassigned_user_is_soft_deleted){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT reason FROM desired WHERE source_user=%lld",
                           (long long)id), "unassigned");
  fx_close(&f);
}
END_TEST

/* SkipOutOfScopeDeletions "prevents disabling for other apps but does not
** work for cross-tenant synchronization" (entra-facts §5.4; S13, S7): by
** default the unassigned user is soft-deleted all the same; with the model
** parameter skipOutOfScopeDeletions "honoured" (S13 read for CTS) it stays,
** held, while a user deleted at the source still goes. */
START_TEST(test_skip_out_of_scope_deletions_is_ignored_unless_honoured){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice"), idT = fx_target(&f, id), idB, idBT;
  fx_job(&f)->bSkipOos = 1;
  f.w.tNow = HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  fx_close(&f);
  /* honoured: the unassigned user is kept, the deleted one is not */
  id = fx_synced_user(&f, "alice");
  idT = fx_target(&f, id);
  f.w.params.bSkipOosHonoured = 1;
  fx_job(&f)->bSkipOos = 1;
  idB = fx_user(&f, "bob");
  fx_assign(&f, idB);
  ck_assert_int_eq(fx_cycle(&f, HOUR), 1);
  idBT = fx_target(&f, idB);
  f.w.tNow = 2*HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  admin_delete(&f.w, idB);
  ck_assert_int_eq(fx_cycle(&f, 3*HOUR), 1);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE source_user=%lld"
                              " AND held='skip_out_of_scope_deletions'", (long long)id), 1);
  ck_assert_int_ge(world_user(&f.w, idBT)->tDeleted, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_removed_from_an_assigned_group_is_soft_deleted){
  Fixture f;
  int64_t id, idT;
  int iGroup;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  iGroup = directory_group_add(&f.w, FX_SOURCE, "sales", "Sales", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iGroup, id), 1);
  ck_assert_int_eq(job_assign_group(&f.w, fx_job(&f), iGroup, 1), 1);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  idT = fx_target(&f, id);
  ck_assert_int_gt(idT, 0);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_member(&f.w, iGroup, id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_failing_the_filter_after_a_change_is_soft_deleted){
  Fixture f;
  char z[64];
  Clause c;
  int64_t id, idT;
  fx_open(&f, 0);
  c.iAttr = A_DEPARTMENT;
  c.eOp = OP_EQUALS;
  c.zValue = "Sales";
  ck_assert_int_eq(job_add_filter_group(&f.w, fx_job(&f), "sales", &c, 1), 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  idT = fx_target(&f, id);
  ck_assert_int_gt(idT, 0);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_DEPARTMENT, "Marketing"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT reason FROM desired WHERE source_user=%lld",
                           (long long)id), "filtered");
  fx_close(&f);
}
END_TEST

START_TEST(test_user_deleted_at_the_source_is_soft_deleted){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_delete(&f.w, id), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT reason FROM desired WHERE source_user=%lld",
                           (long long)id), "deleted");
  fx_close(&f);
}
END_TEST

/* The documented edge case (entra-facts §7): a user disabled and synced
** disabled, then taken out of scope, is left alone. */
START_TEST(test_disabled_then_unassigned_user_is_not_deleted){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_ACCOUNT_ENABLED), ATTR_FALSE);
  f.w.tNow = 3*HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 4*HOUR), 1);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at IS NULL FROM users WHERE id=%lld",
                          (long long)idT), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT held FROM links WHERE source_user=%lld",
                           (long long)id), "disabled_then_out_of_scope");
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "other");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='delete'"), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_disabled_then_removed_from_the_assigned_group_is_not_deleted){
  Fixture f;
  char z[64];
  int64_t id, idT;
  int iGroup;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  iGroup = directory_group_add(&f.w, FX_SOURCE, "sales", "Sales", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iGroup, id), 1);
  ck_assert_int_eq(job_assign_group(&f.w, fx_job(&f), iGroup, 1), 1);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  f.w.tNow = 3*HOUR;
  ck_assert_int_eq(admin_member(&f.w, iGroup, id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 4*HOUR), 1);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT held FROM links WHERE source_user=%lld",
                           (long long)id), "disabled_then_out_of_scope");
  fx_close(&f);
}
END_TEST

START_TEST(test_disabled_and_unassigned_before_the_disable_synced_is_soft_deleted){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  /* The target is still enabled when the user goes out of scope. */
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  expectSoftDeleted(&f, id, idT);
  ck_assert_int_eq(fx_int(&f, "SELECT held IS NULL FROM links WHERE source_user=%lld",
                          (long long)id), 1);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Restore and purge.
*/

START_TEST(test_user_back_in_scope_within_retention_is_restored){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_int_ge(world_user(&f.w, idT)->tDeleted, 0);

  f.w.tNow = 10*DAY;
  ck_assert_int_eq(directory_purge_due(&f.w), 0);
  fx_assign(&f, id);
  ck_assert_int_eq(fx_cycle(&f, 10*DAY + HOUR), 1);
  ck_assert_int_eq(fx_target(&f, id), idT);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at IS NULL FROM users WHERE id=%lld",
                          (long long)idT), 1);
  ck_assert_int_eq(targetCount(&f), 1);
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "update");
  ck_assert_int_eq(fx_int(&f, "SELECT modified_properties LIKE '%%IsSoftDeleted%%'"
                              " FROM provisioning_log WHERE source_user=%lld"
                              " ORDER BY id DESC LIMIT 1", (long long)id), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_restored_at_the_source_within_retention_gets_the_same_target_back){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_delete(&f.w, id), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_int_ge(world_user(&f.w, idT)->tDeleted, 0);
  f.w.tNow = 5*DAY;
  ck_assert_int_eq(admin_restore(&f.w, id), 1);
  ck_assert_int_eq(fx_cycle(&f, 5*DAY + HOUR), 1);
  ck_assert_int_eq(fx_target(&f, id), idT);
  ck_assert(user_is_live(world_user(&f.w, idT)));
  ck_assert_int_eq(targetCount(&f), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_back_in_scope_after_retention_gets_a_new_target_user){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id), idNew;
  SimTime tDeleted;
  f.w.tNow = HOUR;
  ck_assert_int_eq(job_assign_user(&f.w, fx_job(&f), id, 0), 1);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  tDeleted = world_user(&f.w, idT)->tDeleted;
  ck_assert_int_ge(tDeleted, 0);

  f.w.tNow = tDeleted + 30*DAY + HOUR;
  ck_assert_int_eq(directory_purge_due(&f.w), 1);
  ck_assert_int_eq(world_user(&f.w, idT)->tPurged, f.w.tNow);
  fx_assign(&f, id);
  ck_assert_int_eq(fx_cycle(&f, f.w.tNow + HOUR), 1);
  idNew = fx_target(&f, id);
  ck_assert_int_gt(idNew, 0);
  ck_assert_int_ne(idNew, idT);
  ck_assert(user_is_live(world_user(&f.w, idNew)));
  ck_assert_int_ge(world_user(&f.w, idT)->tPurged, 0);
  ck_assert_int_eq(targetCount(&f), 2);
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "create");
  ck_assert_int_eq(fx_int(&f, "SELECT target_user FROM links WHERE source_user=%lld",
                          (long long)id), idNew);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Target-side edits (entra-facts §6.4).
*/

START_TEST(test_target_edit_persists_until_the_next_source_change){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t idT = fx_target(&f, id);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_target_update(&f.w, idT, A_JOB_TITLE, "Edited in fabrikam"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_JOB_TITLE), "Edited in fabrikam");

  f.w.tNow = 3*HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_CITY, "Bergen"), 0);
  ck_assert_int_eq(fx_cycle(&f, 4*HOUR), 1);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_JOB_TITLE), "Engineer");
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idT), A_CITY), "Bergen");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT job_title FROM users WHERE id=%lld",
                           (long long)idT), "Engineer");
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Matching on alternativeSecurityIds (entra-facts §6.1).
*/

START_TEST(test_existing_b2b_user_with_the_home_identity_is_taken_over){
  Fixture f;
  char z[64], zNet[64];
  const char *az[A_COUNT];
  int64_t id, idGuest;
  const User *t;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  snprintf(zNet, sizeof(zNet), "%s", world_user(&f.w, id)->zNetId);
  memset(az, 0, sizeof(az));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = "alice_contoso.com#EXT#@fabrikam.com";
  az[A_DISPLAY_NAME] = "Alice (invited)";
  az[A_USER_TYPE] = "Guest";
  idGuest = directory_user_add(&f.w, FX_TARGET, "alice-guest", az, zNet, "Invitation", -1);
  ck_assert_int_gt(idGuest, 0);
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);

  ck_assert_int_eq(fx_target(&f, id), idGuest);
  ck_assert_int_eq(targetCount(&f), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT how FROM links WHERE source_user=%lld",
                           (long long)id), "matched");
  t = world_user(&f.w, idGuest);
  ck_assert_str_eq(world_user_attr(&f.w, t, A_USER_TYPE), "Guest");      /* userType flows on create only */
  ck_assert_str_eq(world_user_attr(&f.w, t, A_DISPLAY_NAME), "alice");   /* Always values are taken over */
  ck_assert_str_eq(world_user_attr(&f.w, t, A_DEPARTMENT), "Sales");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT user_type FROM users WHERE id=%lld",
                           (long long)idGuest), "Guest");
  ck_assert_str_eq(lastAction(&f, id, z, sizeof(z)), "update");
  fx_close(&f);
}
END_TEST

START_TEST(test_internal_target_user_with_the_same_upn_and_mail_is_never_matched){
  Fixture f;
  char z[64];
  const char *az[A_COUNT];
  int64_t id, idInternal, idT;
  const User *pInternal;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  memset(az, 0, sizeof(az));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = "alice@contoso.com";
  az[A_MAIL] = "alice@contoso.com";
  az[A_DISPLAY_NAME] = "Alice (fabrikam)";
  az[A_JOB_TITLE] = "Fabrikam role";
  az[A_USER_TYPE] = "Member";
  idInternal = directory_user_add(&f.w, FX_TARGET, "alice-internal", az, NULL, NULL, -1);
  ck_assert_int_gt(idInternal, 0);
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);

  /* Never matched: the invitation collides with the internal user's proxy
  ** address, and the create fails with the documented code. */
  idT = fx_target(&f, id);
  ck_assert_int_eq(idT, 0);
  ck_assert_int_eq(targetCount(&f), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT error_code FROM provisioning_log"
                           " WHERE source_user=%lld", (long long)id),
                   "InvitationCreationFailureAmbiguousUser");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links"), 0);
  pInternal = world_user(&f.w, idInternal);
  ck_assert_ptr_null(world_user_creation_type(pInternal));
  ck_assert_int_lt(pInternal->iLinkJob, 0);
  ck_assert_str_eq(world_user_attr(&f.w, pInternal, A_JOB_TITLE), "Fabrikam role");
  ck_assert_str_eq(world_user_attr(&f.w, pInternal, A_DISPLAY_NAME), "Alice (fabrikam)");
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Incremental cycles.
*/

START_TEST(test_incremental_cycle_evaluates_only_users_changed_since_the_watermark){
  Fixture f;
  char z[64];
  int64_t idA, idB, idC;
  fx_open(&f, 0);
  idA = fx_user(&f, "alice");
  idB = fx_user(&f, "bob");
  idC = fx_user(&f, "carol");
  fx_assign(&f, idA);
  fx_assign(&f, idB);
  fx_assign(&f, idC);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT kind FROM cycles WHERE id=1"), "initial");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE cycle=1"), 3);

  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, idB, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT kind FROM cycles WHERE id=2"), "incremental");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE cycle=2"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT source_user FROM provisioning_log WHERE cycle=2"), idB);

  /* Nothing changed since the second cycle began. */
  ck_assert_int_eq(fx_cycle(&f, 3*HOUR), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE cycle=3"), 0);
  fx_close(&f);
}
END_TEST

/* ---------------------------------------------------------------------
** Convergence bookkeeping (desired.h).
*/

START_TEST(test_source_change_opens_a_change_row_that_the_export_closes){
  Fixture f;
  char z[64];
  int64_t id = fx_synced_user(&f, "alice");
  int64_t tExport;
  /* The assignment's change closed when the user was created. */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM changes WHERE converged_at IS NULL"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT converged_at FROM changes WHERE source_user=%lld",
                          (long long)id),
                   fx_int(&f, "SELECT activity_at FROM provisioning_log WHERE action='create'"));

  f.w.tNow = HOUR;
  f.w.zCause = "update";
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM changes WHERE at=%d AND source_user=%lld"
                              " AND converged_at IS NULL", HOUR, (long long)id), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT cause FROM changes WHERE at=%d", HOUR),
                   "update");
  ck_assert_int_eq(pair_get(&f.w, fx_job(&f), id)->nOpen, 1);

  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  tExport = fx_int(&f, "SELECT activity_at FROM provisioning_log WHERE action='update'");
  ck_assert_int_gt(tExport, 2*HOUR);
  ck_assert_int_eq(fx_int(&f, "SELECT converged_at FROM changes WHERE at=%d", HOUR), tExport);
  ck_assert_int_eq(pair_get(&f.w, fx_job(&f), id)->nOpen, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_superseded_changes_converge_with_the_newest){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t tExport;
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  f.w.tNow = HOUR + 600;
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Vice President"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM changes WHERE at>=%d"
                              " AND converged_at IS NULL", HOUR), 2);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  tExport = fx_int(&f, "SELECT activity_at FROM provisioning_log WHERE action='update'");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM changes WHERE at>=%d"
                              " AND converged_at=%lld", HOUR, (long long)tExport), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_change_outside_the_mapping_opens_no_change_row){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t nBefore = fx_int(&f, "SELECT count(*) FROM changes");
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_COMPANY_NAME, "Contoso Ltd"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM changes"), nBefore);
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_paused_job_leaves_the_change_open){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t tExport;
  f.w.tNow = HOUR;
  job_pause(&f.w, fx_job(&f));
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  /* No cycle is due while paused, however long we wait. */
  ck_assert_int_eq(fx_job(&f)->tNextCycle, -1);
  f.w.tNow = 7*DAY;
  ck_assert_int_eq(fx_int(&f, "SELECT converged_at IS NULL FROM changes WHERE at=%d", HOUR), 1);
  ck_assert_int_eq(f.w.nDriftTotal, 1);

  /* Resuming lets the next cycle close it. */
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(fx_job(&f)->tNextCycle, 7*DAY);
  ck_assert_int_eq(fx_cycle(&f, 7*DAY), 1);
  tExport = fx_int(&f, "SELECT activity_at FROM provisioning_log WHERE action='update'");
  ck_assert_int_eq(fx_int(&f, "SELECT converged_at FROM changes WHERE at=%d", HOUR), tExport);
  fx_close(&f);
}
END_TEST

START_TEST(test_blocked_policy_leaves_the_change_open){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  f.w.tNow = HOUR;
  admin_policy(&f.w, FX_SOURCE, FX_TARGET, PF_OUTBOUND_AUTO_REDEEM, 0);
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 0);
  ck_assert_int_eq(fx_cycle(&f, 3*HOUR), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT converged_at IS NULL FROM changes WHERE at=%d", HOUR), 1);
  ck_assert_int_eq(f.w.nDriftTotal, 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_drift_returns_to_zero_after_convergence_and_is_marked){
  Fixture f;
  int64_t id = fx_synced_user(&f, "alice");
  int64_t tExport;
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  f.w.tNow = HOUR;
  ck_assert_int_eq(admin_update(&f.w, id, A_JOB_TITLE, "Director"), 0);
  ck_assert_int_eq(f.w.nDriftTotal, 1);
  ck_assert_int_eq(f.w.aTenant[FX_TARGET].nDrift, 1);
  ck_assert_int_eq(pair_get(&f.w, fx_job(&f), id)->bDrift, 1);

  ck_assert_int_eq(fx_cycle(&f, 2*HOUR), 1);
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  ck_assert_int_eq(f.w.aTenant[FX_TARGET].nDrift, 0);
  tExport = fx_int(&f, "SELECT activity_at FROM provisioning_log WHERE action='update'");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM metrics WHERE name='drift_zero'"
                              " AND tenant=-1 AND t=%lld", (long long)tExport), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT value FROM metrics WHERE name='drift' AND tenant=-1"
                              " ORDER BY t DESC LIMIT 1"), 0);
  fx_close(&f);
}
END_TEST

Suite *lifecycle_suite(void){
  Suite *s = suite_create("lifecycle");
  TCase *tcCreate = tcase_create("create");
  TCase *tcUpdate = tcase_create("update");
  TCase *tcDelete = tcase_create("deprovision");
  TCase *tcRestore = tcase_create("restore");
  TCase *tcMatch = tcase_create("matching");
  TCase *tcIncr = tcase_create("incremental");
  TCase *tcConv = tcase_create("convergence");

  tcase_add_test(tcCreate, test_assigned_enabled_user_is_created_as_a_b2b_member);
  tcase_add_test(tcCreate, test_target_writes_are_audited_as_sync_fabric);
  tcase_add_test(tcCreate, test_users_rows_are_written_from_the_world);
  tcase_add_test(tcCreate, test_disabled_user_is_not_created);
  tcase_add_test(tcCreate, test_out_of_scope_user_without_target_is_skipped);
  suite_add_tcase(s, tcCreate);

  tcase_add_test(tcUpdate, test_attribute_change_is_exported_as_an_update_of_that_attribute);
  tcase_add_test(tcUpdate, test_null_source_value_does_not_flow);
  tcase_add_test(tcUpdate, test_disabling_the_source_user_flows_as_a_disable);
  tcase_add_test(tcUpdate, test_target_edit_persists_until_the_next_source_change);
  suite_add_tcase(s, tcUpdate);

  tcase_add_test(tcDelete, test_unassigned_user_is_soft_deleted);
  tcase_add_test(tcDelete, test_skip_out_of_scope_deletions_is_ignored_unless_honoured);
  tcase_add_test(tcDelete, test_user_removed_from_an_assigned_group_is_soft_deleted);
  tcase_add_test(tcDelete, test_user_failing_the_filter_after_a_change_is_soft_deleted);
  tcase_add_test(tcDelete, test_user_deleted_at_the_source_is_soft_deleted);
  tcase_add_test(tcDelete, test_disabled_then_unassigned_user_is_not_deleted);
  tcase_add_test(tcDelete, test_disabled_then_removed_from_the_assigned_group_is_not_deleted);
  tcase_add_test(tcDelete, test_disabled_and_unassigned_before_the_disable_synced_is_soft_deleted);
  suite_add_tcase(s, tcDelete);

  tcase_add_test(tcRestore, test_user_back_in_scope_within_retention_is_restored);
  tcase_add_test(tcRestore, test_user_restored_at_the_source_within_retention_gets_the_same_target_back);
  tcase_add_test(tcRestore, test_user_back_in_scope_after_retention_gets_a_new_target_user);
  suite_add_tcase(s, tcRestore);

  tcase_add_test(tcMatch, test_existing_b2b_user_with_the_home_identity_is_taken_over);
  tcase_add_test(tcMatch, test_internal_target_user_with_the_same_upn_and_mail_is_never_matched);
  suite_add_tcase(s, tcMatch);

  tcase_add_test(tcIncr, test_incremental_cycle_evaluates_only_users_changed_since_the_watermark);
  suite_add_tcase(s, tcIncr);

  tcase_add_test(tcConv, test_source_change_opens_a_change_row_that_the_export_closes);
  tcase_add_test(tcConv, test_superseded_changes_converge_with_the_newest);
  tcase_add_test(tcConv, test_change_outside_the_mapping_opens_no_change_row);
  tcase_add_test(tcConv, test_paused_job_leaves_the_change_open);
  tcase_add_test(tcConv, test_blocked_policy_leaves_the_change_open);
  tcase_add_test(tcConv, test_drift_returns_to_zero_after_convergence_and_is_marked);
  suite_add_tcase(s, tcConv);
  return s;
}
