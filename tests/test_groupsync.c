/*
** test_groupsync.c — cross-tenant group synchronization: assigned groups
** become static security groups in the target with the provisioned direct
** members, follow membership changes, are deleted when unassigned (counted
** by the deletion threshold), and are skipped when group provisioning is
** off, the target does not allow it, or the type is not supported.
*/
#include "groupsync.h"
#include "engine_fixture.h"
#include "suites.h"

/* A group of the source with members u1..un (all enabled). */
static int gx_group(Fixture *f, const char *zKey, const char *zType, int n){
  int iG = directory_group_add(&f->w, FX_SOURCE, zKey, zKey, zType);
  int i;
  ck_assert_int_ge(iG, 0);
  for(i=1; i<=n; i++){
    char zUser[32];
    snprintf(zUser, sizeof(zUser), "%s-u%d", zKey, i);
    directory_member_add(&f->w, iG, fx_user(f, zUser));
  }
  return iG;
}

static void gx_allow(Fixture *f){
  policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_GROUP_SYNC_INBOUND, 1);
  fx_job(f)->bGroupSync = 1;
}

/* The target group linked to source group iG, or -1. */
static int gx_target(Fixture *f, int iG){
  Job *j = fx_job(f);
  return iG<j->nGPair && j->aGPair[iG].iTarget ? j->aGPair[iG].iTarget-1 : -1;
}

static int gx_members(Fixture *f, int iTG){
  return (int)fx_int(f, "SELECT count(*) FROM group_members WHERE group_idx=%d", iTG);
}

START_TEST(test_assigned_group_becomes_a_static_security_group_with_its_members){
  Fixture f;
  int iG, iTG;
  fx_open(&f, 0);
  gx_allow(&f);
  iG = gx_group(&f, "falcon", "Microsoft365", 4);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  iTG = gx_target(&f, iG);
  ck_assert_int_ge(iTG, 0);
  ck_assert_int_eq(f.w.aGroup[iTG].iTenant, FX_TARGET);
  ck_assert_str_eq(f.w.aGroup[iTG].zType, "Security");
  ck_assert_int_eq(gx_members(&f, iTG), 4);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND action='create' AND status='success' AND change_type='Add'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE category='GroupManagement'"
                              " AND activity='Add group' AND actor='Microsoft.Azure.SyncFabric'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_membership_changes_follow_in_the_next_cycle){
  Fixture f;
  int iG, iTG;
  int64_t idNew;
  fx_open(&f, 0);
  gx_allow(&f);
  iG = gx_group(&f, "falcon", "Security", 3);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  iTG = gx_target(&f, iG);
  idNew = fx_user(&f, "newbie");
  f.w.tNow = 1000;
  admin_member(&f.w, iG, idNew, 1);
  admin_member(&f.w, iG, world_user_find(&f.w, FX_SOURCE, "falcon-u1"), 0);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(gx_members(&f, iTG), 3);
  ck_assert(directory_is_member(world_user(&f.w, fx_target(&f, idNew)), iTG));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND action='update' AND modified_properties LIKE '%%members%%'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_members_not_provisioned_are_left_out){
  Fixture f;
  int iG;
  int64_t idOff;
  fx_open(&f, 0);
  gx_allow(&f);
  iG = gx_group(&f, "falcon", "Security", 3);
  idOff = world_user_find(&f.w, FX_SOURCE, "falcon-u2");
  directory_user_set(&f.w, idOff, A_ACCOUNT_ENABLED, ATTR_FALSE);   /* never created */
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(gx_members(&f, gx_target(&f, iG)), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_unassigned_group_is_deleted_in_the_target){
  Fixture f;
  int iG, iTG;
  fx_open(&f, 0);
  gx_allow(&f);
  iG = gx_group(&f, "falcon", "Security", 2);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  iTG = gx_target(&f, iG);
  f.w.tNow = 1000;
  job_assign_group(&f.w, fx_job(&f), iG, 0);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_ge(f.w.aGroup[iTG].tDeleted, 0);
  ck_assert_int_eq(gx_members(&f, iTG), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND action='delete'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_group_deletions_count_towards_the_deletion_threshold){
  Fixture f;
  int iG;
  fx_open(&f, 0);
  gx_allow(&f);
  deletion_set_threshold(&f.w, fx_job(&f), 2);
  iG = gx_group(&f, "falcon", "Security", 2);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  f.w.tNow = 1000;
  job_assign_group(&f.w, fx_job(&f), iG, 0);   /* 2 users + 1 group to remove */
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='stagedDelete'"), 3);
  ck_assert_int_eq(fx_job(&f)->eQuarReason, QR_TOO_MANY_DELETES);
  fx_close(&f);
}
END_TEST

START_TEST(test_group_provisioning_off_skips_groups_as_entity_type_not_supported){
  Fixture f;
  int iG;
  fx_open(&f, 0);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_GROUP_SYNC_INBOUND, 1);
  iG = gx_group(&f, "falcon", "Security", 2);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(gx_target(&f, iG), -1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND status='skipped' AND error_code='EntityTypeNotSupported'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_target_without_group_sync_inbound_and_unsupported_types_are_skipped){
  Fixture f;
  int iG, iDl;
  fx_open(&f, 0);
  fx_job(&f)->bGroupSync = 1;                   /* the target does not allow it */
  iG = gx_group(&f, "falcon", "Security", 1);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(gx_target(&f, iG), -1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_GROUP_SYNC_INBOUND, 1);
  iDl = gx_group(&f, "dl", "Distribution", 1);
  f.w.tNow = 1000;
  job_assign_group(&f.w, fx_job(&f), iDl, 1);
  job_restart(&f.w, fx_job(&f), RESET_WATERMARK);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_ge(gx_target(&f, iG), 0);
  ck_assert_int_eq(gx_target(&f, iDl), -1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND reason LIKE 'This group type cannot be synchronized%%'"), 1);
  fx_close(&f);
}
END_TEST

Suite *groupsync_suite(void){
  Suite *s = suite_create("groupsync");
  TCase *tc = tcase_create("groups");
  tcase_add_test(tc, test_assigned_group_becomes_a_static_security_group_with_its_members);
  tcase_add_test(tc, test_membership_changes_follow_in_the_next_cycle);
  tcase_add_test(tc, test_members_not_provisioned_are_left_out);
  tcase_add_test(tc, test_unassigned_group_is_deleted_in_the_target);
  tcase_add_test(tc, test_group_deletions_count_towards_the_deletion_threshold);
  tcase_add_test(tc, test_group_provisioning_off_skips_groups_as_entity_type_not_supported);
  tcase_add_test(tc, test_target_without_group_sync_inbound_and_unsupported_types_are_skipped);
  suite_add_tcase(s, tc);
  return s;
}
