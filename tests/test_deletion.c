/*
** test_deletion.c — accidental-deletion prevention (deletion.h): a cycle's
** deletes and disables of users and groups are counted against the
** threshold before anything is exported; over it the removals are staged
** (stagedDelete, queued again), the job is quarantined for TooManyDeletes,
** and ForceDeletes lets exactly one cycle carry them out. The boundary
** (met or exceeded) is a parameter.
*/
#include "deletion.h"
#include "mem.h"
#include "engine_fixture.h"
#include "suites.h"

/* n synced users, then all unassigned: the next cycle wants n deletions. */
static void dx_mass_unassign(Fixture *f, int n){
  int64_t id;
  fx_assign_users(f, n);
  ck_assert(fx_cycle(f, 0));
  for(id=1; id<=f->w.nUser; id++){
    if( f->w.aUser[id-1].iTenant==FX_SOURCE ) job_assign_user(&f->w, fx_job(f), id, 0);
  }
}

START_TEST(test_deletions_over_the_threshold_are_staged_and_quarantine_the_job){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  deletion_set_threshold(&f.w, fx_job(&f), 3);
  dx_mass_unassign(&f, 5);
  j = fx_job(&f);
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='stagedDelete'"), 5);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"
                              " AND deleted_at IS NULL"), 5);
  ck_assert_int_eq(j->eQuarReason, QR_TOO_MANY_DELETES);
  /* The job's notification e-mail is off (the default): nobody is told. */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM notifications"), 0);
  /* Allow deletes: restart with ForceDeletes; the next cycle deletes them. */
  f.w.tNow = 4000;
  job_restart(&f.w, j, RESET_FORCE_DELETES);
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  ck_assert(fx_cycle(&f, 4000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='delete'"), 5);
  ck_assert_int_eq(j->bForceDeletes, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_deletion_threshold_boundary_is_a_parameter){
  Fixture f, g;
  fx_open(&f, 0);
  deletion_set_threshold(&f.w, fx_job(&f), 5);
  dx_mass_unassign(&f, 5);
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='delete'"), 5);
  fx_close(&f);
  fx_open(&g, 0);
  g.w.params.bDeleteThresholdMet = 1;
  deletion_set_threshold(&g.w, fx_job(&g), 5);
  dx_mass_unassign(&g, 5);
  ck_assert(fx_cycle(&g, 3000));
  ck_assert_int_eq(fx_int(&g, "SELECT count(*) FROM provisioning_log WHERE action='delete'"), 0);
  ck_assert_int_eq(fx_job(&g)->eQuarReason, QR_TOO_MANY_DELETES);
  fx_close(&g);
}
END_TEST

START_TEST(test_disables_count_towards_the_deletion_threshold){
  Fixture f;
  int64_t id;
  fx_open(&f, 0);
  deletion_set_threshold(&f.w, fx_job(&f), 2);
  fx_assign_users(&f, 3);
  ck_assert(fx_cycle(&f, 0));
  for(id=1; id<=3; id++) admin_update(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE);
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='stagedDelete'"), 3);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"
                              " AND account_enabled=1"), 3);
  fx_close(&f);
}
END_TEST


START_TEST(test_set_threshold_turns_prevention_on_and_off_and_writes_the_job_row){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  ck_assert_int_eq(j->bDeleteThreshold, 0);
  deletion_set_threshold(&f.w, j, 7);
  ck_assert_int_eq(j->bDeleteThreshold, 1);
  ck_assert_int_eq(j->nDeleteThreshold, 7);
  ck_assert_int_eq(fx_int(&f, "SELECT delete_threshold FROM jobs WHERE idx=0"), 7);
  deletion_set_threshold(&f.w, j, 0);
  ck_assert_int_eq(j->bDeleteThreshold, 1);
  ck_assert_int_eq(fx_int(&f, "SELECT delete_threshold FROM jobs WHERE idx=0"), 0);
  deletion_set_threshold(&f.w, j, -1);
  ck_assert_int_eq(j->bDeleteThreshold, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT delete_threshold IS NULL FROM jobs WHERE idx=0"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_removal_says_delete_disable_or_nothing){
  Fixture f;
  Job *j;
  int64_t a, b, c;
  fx_open(&f, 0);
  fx_assign_users(&f, 3);
  j = fx_job(&f);
  ck_assert(fx_cycle(&f, 0));
  a = 1; b = 2; c = 3;
  ck_assert_int_eq(deletion_user_removal(&f.w, j, a), DELETION_NONE);     /* in step */
  job_assign_user(&f.w, j, a, 0);
  ck_assert_int_eq(deletion_user_removal(&f.w, j, a), DELETION_DELETE);   /* unassigned */
  directory_user_set(&f.w, b, A_ACCOUNT_ENABLED, ATTR_FALSE);
  ck_assert_int_eq(deletion_user_removal(&f.w, j, b), DELETION_DISABLE);  /* blocked sign-in */
  /* Disabled (target disabled too), then out of scope: left as it is. */
  directory_user_set(&f.w, c, A_ACCOUNT_ENABLED, ATTR_FALSE);
  directory_user_set(&f.w, fx_target(&f, c), A_ACCOUNT_ENABLED, ATTR_FALSE);
  job_assign_user(&f.w, j, c, 0);
  ck_assert_int_eq(deletion_user_removal(&f.w, j, c), DELETION_NONE);
  /* ... unless it is deleted in the source. */
  directory_user_soft_delete(&f.w, c);
  ck_assert_int_eq(deletion_user_removal(&f.w, j, c), DELETION_DELETE);
  /* Without the Delete and Update object actions nothing is removed. */
  j->mObjectActions = OBJ_ACT_CREATE;
  ck_assert_int_eq(deletion_user_removal(&f.w, j, a), DELETION_NONE);
  ck_assert_int_eq(deletion_user_removal(&f.w, j, b), DELETION_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_without_a_live_target_is_no_removal){
  Fixture f;
  Job *j;
  int64_t id;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  ck_assert_ptr_nonnull(pair_get(&f.w, j, id));
  ck_assert_int_eq(deletion_user_removal(&f.w, j, id), DELETION_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_group_removal_needs_group_sync_and_an_unassigned_linked_group){
  Fixture f;
  Job *j;
  int iG, iTG;
  fx_open(&f, 0);
  j = fx_job(&f);
  iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "falcon", "Security");
  iTG = directory_group_add(&f.w, FX_TARGET, "falcon-t", "falcon", "Security");
  ck_assert_int_ge(iG, 0);
  ck_assert_int_ge(iTG, 0);
  ck_assert_int_eq(deletion_group_removal(&f.w, j, iG), DELETION_NONE);   /* not linked */
  pair_group_get(&f.w, j, iG)->iTarget = iTG+1;
  ck_assert_int_eq(deletion_group_removal(&f.w, j, iG), DELETION_NONE);   /* group sync off */
  j->bGroupSync = 1;
  ck_assert_int_eq(deletion_group_removal(&f.w, j, iG), DELETION_DELETE);
  job_assign_group(&f.w, j, iG, 1);
  ck_assert_int_eq(deletion_group_removal(&f.w, j, iG), DELETION_NONE);   /* assigned */
  job_assign_group(&f.w, j, iG, 0);
  f.w.aGroup[iTG].tDeleted = 0;
  ck_assert_int_eq(deletion_group_removal(&f.w, j, iG), DELETION_NONE);   /* already gone */
  fx_close(&f);
}
END_TEST

START_TEST(test_cycle_begin_counts_only_with_prevention_on_and_no_force_deletes){
  Fixture f;
  Job *j;
  int64_t aWork[3] = { 1, 2, 3 };
  fx_open(&f, 0);
  fx_assign_users(&f, 3);
  j = fx_job(&f);
  ck_assert(fx_cycle(&f, 0));
  job_assign_user(&f.w, j, 1, 0);
  job_assign_user(&f.w, j, 2, 0);
  memset(&j->run, 0, sizeof(j->run));
  j->run.aWork = aWork;
  j->run.nWork = 3;
  deletion_cycle_begin(&f.w, j);                 /* prevention off */
  ck_assert_int_eq(j->run.nRemovals, 0);
  ck_assert_int_eq(j->run.bStaging, 0);
  deletion_set_threshold(&f.w, j, 2);
  deletion_cycle_begin(&f.w, j);
  ck_assert_int_eq(j->run.nRemovals, 2);
  ck_assert_int_eq(j->run.bStaging, 0);          /* 2 does not exceed 2 */
  j->run.nRemovals = 0;
  f.w.params.bDeleteThresholdMet = 1;
  deletion_cycle_begin(&f.w, j);
  ck_assert_int_eq(j->run.bStaging, 1);          /* ... but meets it */
  memset(&j->run, 0, sizeof(j->run));
  j->run.aWork = aWork;
  j->run.nWork = 3;
  j->bForceDeletes = 1;
  deletion_cycle_begin(&f.w, j);
  ck_assert_int_eq(j->run.nRemovals, 0);
  ck_assert_int_eq(j->run.bStaging, 0);
  j->run.aWork = NULL;                           /* not the job's to free */
  fx_close(&f);
}
END_TEST

START_TEST(test_cycle_end_spends_force_deletes_and_quarantines_a_staging_cycle){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  j->bForceDeletes = 1;
  ck_assert_int_eq(deletion_cycle_end(&f.w, j), 0);
  ck_assert_int_eq(j->bForceDeletes, 0);
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  deletion_set_threshold(&f.w, j, 1);
  j->run.bStaging = 1;
  j->run.nRemovals = 4;
  ck_assert_int_eq(deletion_cycle_end(&f.w, j), 1);
  ck_assert_int_eq(j->eQuarReason, QR_TOO_MANY_DELETES);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM quarantines WHERE reason='TooManyDeletes'"
                              " AND detail LIKE '4 deletions and disables%%threshold is 1'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_a_staged_user_is_queued_again_with_the_reason){
  Fixture f;
  Job *j;
  char z[TS_REASON_MAX];
  int64_t id;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  deletion_set_threshold(&f.w, j, 3);
  j->run.nRemovals = 9;
  j->nDirty = 0;
  deletion_stage_user(&f.w, j, id, "disable", z, sizeof(z));
  ck_assert_str_eq(z, "The disable is held: this cycle would remove 9 objects, over the"
                      " accidental deletion threshold of 3");
  ck_assert_int_eq(j->nDirty, 1);
  ck_assert_int_eq(j->aDirty[0], id);
  deletion_staged_reason(j, "delete", z, 20);
  ck_assert_str_eq(z, "The delete is held:");
  fx_close(&f);
}
END_TEST

START_TEST(test_staging_survives_running_out_of_memory){
  long n;
  int bDone = 0;
  for(n=1; n<100 && !bDone; n++){
    Fixture f;
    Job *j;
    char z[TS_REASON_MAX];
    int64_t id;
    int iG;
    fx_open(&f, 0);
    j = fx_job(&f);
    id = fx_user(&f, "alice");
    iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "falcon", "Security");
    mem_fail_after(n);
    deletion_stage_user(&f.w, j, id, "delete", z, sizeof(z));
    deletion_group_removal(&f.w, j, iG);
    mem_fail_after(0);
    if( f.w.bNoMem ){
      ck_assert(j->nDirty==0 || (j->nDirty==1 && j->aDirty[0]==id));
      f.w.bNoMem = 0;
      engine_close(&f.w);
      continue;
    }
    ck_assert_int_eq(j->nDirty, 1);
    ck_assert_int_ge(j->nGPair, iG+1);
    bDone = 1;
    fx_close(&f);
  }
  ck_assert_msg(bDone, "staging never succeeded");
  ck_assert_int_gt(n, 2);
}
END_TEST

Suite *deletion_suite(void){
  Suite *s = suite_create("deletion");
  TCase *tcRule = tcase_create("threshold");
  TCase *tcUnit = tcase_create("functions");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tcRule, test_deletions_over_the_threshold_are_staged_and_quarantine_the_job);
  tcase_add_test(tcRule, test_deletion_threshold_boundary_is_a_parameter);
  tcase_add_test(tcRule, test_disables_count_towards_the_deletion_threshold);
  suite_add_tcase(s, tcRule);
  tcase_add_test(tcUnit, test_set_threshold_turns_prevention_on_and_off_and_writes_the_job_row);
  tcase_add_test(tcUnit, test_user_removal_says_delete_disable_or_nothing);
  tcase_add_test(tcUnit, test_user_without_a_live_target_is_no_removal);
  tcase_add_test(tcUnit, test_group_removal_needs_group_sync_and_an_unassigned_linked_group);
  tcase_add_test(tcUnit, test_cycle_begin_counts_only_with_prevention_on_and_no_force_deletes);
  tcase_add_test(tcUnit, test_cycle_end_spends_force_deletes_and_quarantines_a_staging_cycle);
  tcase_add_test(tcUnit, test_a_staged_user_is_queued_again_with_the_reason);
  suite_add_tcase(s, tcUnit);
  tcase_add_test(tcOom, test_staging_survives_running_out_of_memory);
  suite_add_tcase(s, tcOom);
  return s;
}
