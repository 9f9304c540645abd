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

/* Group iG assigned and synced at 0, unassigned at 1000 and deleted by
** the cycle at 2400; returns its target group. */
static int gx_synced_then_unassigned(Fixture *f, int iG){
  int iTG;
  job_assign_group(&f->w, fx_job(f), iG, 1);
  ck_assert(fx_cycle(f, 0));
  iTG = gx_target(f, iG);
  ck_assert_int_ge(iTG, 0);
  f->w.tNow = 1000;
  job_assign_group(&f->w, fx_job(f), iG, 0);
  ck_assert(fx_cycle(f, 2400));
  ck_assert_int_ge(f->w.aGroup[iTG].tDeleted, 0);
  return iTG;
}

/* "Soft deletion for cloud security groups introduces a safety mechanism
** that allows administrators to recover deleted groups within a 30-day
** retention period. When a cloud security group is deleted, it is not
** immediately removed from the directory; instead, it enters a
** soft-deleted state" (Entra what's new, November 2025, public preview;
** cts-2026.md §1 row 11). With groupSoftDelete on, a group group sync
** deletes is soft-deleted, and assigned again within the retention it is
** restored — the same object, as a user "is restored in the target tenant"
** when it "meets the scoping condition again within 30 days of soft
** deletion" (overview; tenantsim's choice for groups). */
START_TEST(test_a_soft_deleted_group_assigned_again_within_the_retention_is_restored){
  Fixture f;
  int iG, iTG;
  char zId[TS_GUID_SIZE];
  fx_open(&f, 0);
  gx_allow(&f);
  f.w.params.bGroupSoftDelete = 1;
  iG = gx_group(&f, "falcon", "Security", 2);
  iTG = gx_synced_then_unassigned(&f, iG);
  snprintf(zId, sizeof(zId), "%s", f.w.aGroup[iTG].zObjectId);
  ck_assert_int_lt(f.w.aGroup[iTG].tPurged, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT purged_at IS NULL AND deleted_at=%d FROM groups WHERE idx=%d",
                          (int)f.w.aGroup[iTG].tDeleted, iTG), 1);
  ck_assert_int_eq(gx_members(&f, iTG), 0);
  f.w.tNow = 3000;
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 4800));
  ck_assert_int_eq(gx_target(&f, iG), iTG);
  ck_assert_str_eq(f.w.aGroup[iTG].zObjectId, zId);
  ck_assert_int_lt(f.w.aGroup[iTG].tDeleted, 0);
  ck_assert_int_eq(gx_members(&f, iTG), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT deleted_at IS NULL FROM groups WHERE idx=%d", iTG), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND action='update' AND status='success' AND change_type='Update'"
                              " AND modified_properties='[[\"IsSoftDeleted\",\"True\",\"False\"],"
                              "[\"members\",\"-0\",\"+2\"]]'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE category='GroupManagement'"
                              " AND activity='Restore group' AND actor='Microsoft.Azure.SyncFabric'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM groups WHERE tenant=%d", FX_TARGET), 1);
  /* the purge queue entry of the restored group is void */
  f.w.tNow = f.w.params.softDeleteRetention + 5000;
  ck_assert_int_eq(directory_purge_due(&f.w), 0);
  ck_assert_int_lt(f.w.aGroup[iTG].tPurged, 0);
  fx_close(&f);
}
END_TEST

/* The same soft-deleted group after the 30 days: hard-deleted, and a
** later assignment creates a new group, a new object. */
START_TEST(test_a_soft_deleted_group_is_purged_after_the_retention_and_then_created_anew){
  Fixture f;
  int iG, iTG, iNew;
  SimTime tDue;
  fx_open(&f, 0);
  gx_allow(&f);
  f.w.params.bGroupSoftDelete = 1;
  iG = gx_group(&f, "falcon", "Security", 2);
  iTG = gx_synced_then_unassigned(&f, iG);
  tDue = f.w.aGroup[iTG].tDeleted + f.w.params.softDeleteRetention;
  f.w.tNow = tDue - 1;
  directory_purge_due(&f.w);                   /* the unassigned members' users */
  ck_assert_int_lt(f.w.aGroup[iTG].tPurged, 0);
  ck_assert_int_eq(directory_next_purge(&f.w), tDue);
  f.w.tNow = tDue;
  ck_assert_int_eq(directory_purge_due(&f.w), 1);
  ck_assert_int_eq(f.w.aGroup[iTG].tPurged, tDue);
  ck_assert_int_eq(fx_int(&f, "SELECT purged_at FROM groups WHERE idx=%d", iTG), tDue);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity='Hard Delete group'"
                              " AND actor='Microsoft Entra ID'"), 1);
  f.w.tNow = tDue + 100;
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, tDue + 2400));
  iNew = gx_target(&f, iG);
  ck_assert_int_ge(iNew, 0);
  ck_assert_int_ne(iNew, iTG);
  ck_assert_str_ne(f.w.aGroup[iNew].zObjectId, f.w.aGroup[iTG].zObjectId);
  ck_assert_int_eq(gx_members(&f, iNew), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                              " AND action='create'"), 2);
  fx_close(&f);
}
END_TEST

/* groupSoftDelete off (the default, as the feature is a preview): the
** deleted group is gone at once and cannot come back; a new assignment
** creates another object. */
START_TEST(test_by_default_a_deleted_group_is_gone_at_once){
  Fixture f;
  int iG, iTG, iNew;
  fx_open(&f, 0);
  gx_allow(&f);
  ck_assert_int_eq(f.w.params.bGroupSoftDelete, 0);
  iG = gx_group(&f, "falcon", "Security", 1);
  iTG = gx_synced_then_unassigned(&f, iG);
  ck_assert_int_eq(f.w.aGroup[iTG].tPurged, f.w.aGroup[iTG].tDeleted);
  ck_assert_int_eq(fx_int(&f, "SELECT purged_at=deleted_at FROM groups WHERE idx=%d", iTG), 1);
  f.w.tNow = f.w.params.softDeleteRetention + 5000;
  directory_purge_due(&f.w);                   /* users only: no group is queued */
  ck_assert_int_eq(directory_next_purge(&f.w), -1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity='Hard Delete group'"), 0);
  f.w.tNow += 3000;
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, f.w.tNow + 1800));
  iNew = gx_target(&f, iG);
  ck_assert_int_ne(iNew, iTG);
  ck_assert_str_ne(f.w.aGroup[iNew].zObjectId, f.w.aGroup[iTG].zObjectId);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity='Restore group'"), 0);
  fx_close(&f);
}
END_TEST

/* Graph beta crossTenantResource: originId "ID of the original object in
** the source Microsoft Entra tenant the object was synchronized from",
** originTenantId "ID of the source Microsoft Entra tenant"; "This
** information is only populated for objects that are synchronized using
** cross-tenant synchronization" (cts-2026.md §1 row 2). */
START_TEST(test_a_synced_group_carries_the_origin_of_its_source_group){
  Fixture f;
  int iG, iTG;
  char z[64];
  fx_open(&f, 0);
  gx_allow(&f);
  iG = gx_group(&f, "falcon", "Security", 1);
  job_assign_group(&f.w, fx_job(&f), iG, 1);
  ck_assert(fx_cycle(&f, 0));
  iTG = gx_target(&f, iG);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT origin_id FROM groups WHERE idx=%d", iTG),
                   f.w.aGroup[iG].zObjectId);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT origin_tenant_id FROM groups WHERE idx=%d",
                           iTG), f.w.aTenant[FX_SOURCE].zTenantId);
  /* only the objects cross-tenant sync made */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM groups WHERE origin_id IS NOT NULL"), 1);
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
  tcase_add_test(tc, test_a_soft_deleted_group_assigned_again_within_the_retention_is_restored);
  tcase_add_test(tc, test_a_soft_deleted_group_is_purged_after_the_retention_and_then_created_anew);
  tcase_add_test(tc, test_by_default_a_deleted_group_is_gone_at_once);
  tcase_add_test(tc, test_a_synced_group_carries_the_origin_of_its_source_group);
  suite_add_tcase(s, tc);
  return s;
}
