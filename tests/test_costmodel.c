/*
** test_costmodel.c — how long a cycle takes: the cost model of
** engine/sync/costmodel.h as the cycles of engine/sync/cycle.c charge it.
**
** Every test fixes the per-cycle rate (costPerObjectMinutes [0.05, 0.05]),
** so that a skip costs exactly 0.05 * skipCostRatio (0.05) minutes =
** 150 ms, and compares two worlds that differ only in the changes it
** counts: cycle durations are whole seconds, so the counts are chosen to
** make whole seconds of skips.
*/
#include "engine_fixture.h"
#include "costmodel.h"
#include "suites.h"

#define RATE 0.05             /* minutes per created object */
#define SKIP_MS 150           /* RATE * skipCostRatio, in milliseconds */
#define N_OUT 40              /* out-of-scope changes: 40 * 150 ms = 6 s */
#define N_IN 3                /* assigned users */

/* A world whose job (sync-all when bSyncAll) syncs N_IN assigned members
** u1..u3 and sees nOutside source users it never provisions: unassigned
** members under "sync only assigned", guests (never in scope: B2B and
** guest users of the source are not) under sync-all. The rate is fixed
** and the initial cycle has run at 0. */
static void open_world(Fixture *f, int bSyncAll, int nOutside){
  char zKey[32];
  int i;
  fx_open(f, bSyncAll);
  f->w.params.rCreateMinMinutes = f->w.params.rCreateMaxMinutes = RATE;
  for(i=1; i<=nOutside; i++){
    int64_t id;
    snprintf(zKey, sizeof(zKey), "o%d", i);
    id = fx_user(f, zKey);
    if( bSyncAll ) ck_assert_int_eq(directory_user_set(&f->w, id, A_USER_TYPE, "Guest"), 0);
  }
  fx_assign_users(f, N_IN);
  ck_assert_int_eq(fx_cycle(f, 0), 1);
}

/* Change u1 (in scope) and nChanged of the users outside the scope at
** 1000 s, run the incremental cycle at 2400 s and return its duration in
** seconds. */
static int64_t incremental_seconds(Fixture *f, int nChanged){
  char zKey[32];
  int i;
  f->w.tNow = 1000;
  ck_assert_int_eq(admin_update(&f->w, world_user_find(&f->w, FX_SOURCE, "u1"), A_DEPARTMENT,
                                "Finance"), 0);
  for(i=1; i<=nChanged; i++){
    snprintf(zKey, sizeof(zKey), "o%d", i);
    ck_assert_int_eq(admin_update(&f->w, world_user_find(&f->w, FX_SOURCE, zKey), A_DEPARTMENT,
                                  "Finance"), 0);
  }
  ck_assert_int_eq(fx_cycle(f, 2400), 1);
  return fx_int(f, "SELECT ended-began FROM cycles WHERE kind='incremental' AND began=2400");
}

/* How many seconds longer the incremental cycle is when N_OUT users
** outside the scope changed than when none did (open_world and
** incremental_seconds, each in a world of its own). The world with the
** changes stays open in *pWith for the caller to inspect and close. */
static int64_t seconds_added(int bSyncAll, Fixture *pWith){
  Fixture f;
  int64_t sWithout;
  open_world(&f, bSyncAll, N_OUT);
  sWithout = incremental_seconds(&f, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count_out_of_scope FROM cycles WHERE began=2400"), 0);
  fx_close(&f);
  open_world(pWith, bSyncAll, N_OUT);
  return incremental_seconds(pWith, N_OUT) - sWithout;
}

START_TEST(test_a_skip_costs_skip_cost_ratio_of_a_create){
  Fixture f;
  fx_open(&f, 0);
  ck_assert_int_eq(costmodel_object_ms(&f.w, RATE, COST_SKIP), SKIP_MS);
  ck_assert_int_eq(costmodel_object_ms(&f.w, RATE, COST_CREATE), 3000);
  ck_assert_int_eq(costmodel_object_ms(&f.w, RATE, COST_WRITE), 1500);
  fx_close(&f);
}
END_TEST

/* S10 (Check the status of user provisioning, "How long will it take to
** provision users?"): "Changes to users or groups that aren't in scope for
** provisioning (ex: new users created in the tenant or group memberships
** updated) can impact performance as the service will need to evaluate
** the change and skip it." Under "sync only assigned" the service does not
** process those users as objects, but it reads and skips their changes:
** each costs a skip, and the cycle writes no provisioning-log row for it
** (README, "Where tenantsim had to choose"). */
START_TEST(test_out_of_scope_changes_lengthen_an_assigned_incremental_cycle_by_a_skip_each){
  Fixture b;
  ck_assert_int_eq(seconds_added(0, &b), N_OUT*SKIP_MS/1000);
  ck_assert_int_eq(fx_int(&b, "SELECT count_out_of_scope FROM cycles WHERE began=2400"), N_OUT);
  ck_assert_int_eq(fx_int(&b, "SELECT count(*) FROM provisioning_log p JOIN cycles c"
                              " ON c.id=p.cycle WHERE c.began=2400"), 1);   /* u1 only */
  ck_assert_int_eq(fx_int(&b, "SELECT count_imported FROM cycles WHERE began=2400"), 1);
  fx_close(&b);
}
END_TEST

/* S10, the same sentence: "This is particularly important when the scope
** is 'sync all users and groups'"; S20 (How to analyze the provisioning
** logs): "You might see skipped events for users who aren't in scope ...
** especially when the sync scope is set to all users and groups." With
** sync-all the changed users outside the scope are objects of the cycle:
** a skip each, and a skipped row each. */
START_TEST(test_out_of_scope_changes_lengthen_a_sync_all_incremental_cycle_by_a_skip_each){
  Fixture b;
  ck_assert_int_eq(seconds_added(1, &b), N_OUT*SKIP_MS/1000);
  ck_assert_int_eq(fx_int(&b, "SELECT count(*) FROM provisioning_log p JOIN cycles c"
                              " ON c.id=p.cycle WHERE c.began=2400 AND p.status='skipped'"
                              " AND p.skip_reason='not_internal_member'"), N_OUT);
  ck_assert_int_eq(fx_int(&b, "SELECT count_out_of_scope FROM cycles WHERE began=2400"), 0);
  fx_close(&b);
}
END_TEST

/* S10's example of such a change, "new users created in the tenant": a
** user hired outside an assigned job's scope costs the job a skip; one
** assigned later is created by the job as usual. */
START_TEST(test_a_user_hired_outside_an_assigned_scope_costs_a_skip){
  Fixture f;
  const char *az[A_COUNT];
  char zUpn[64];
  int i;
  int64_t id = 0;
  open_world(&f, 0, 0);
  memset(az, 0, sizeof(az));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_TYPE] = "Member";
  f.w.tNow = 1000;
  for(i=0; i<N_OUT; i++){
    snprintf(zUpn, sizeof(zUpn), "hire%d@" FX_SOURCE_DOMAIN, i);
    az[A_USER_PRINCIPAL_NAME] = zUpn;
    id = admin_hire(&f.w, FX_SOURCE, zUpn, az);
    ck_assert_int_gt(id, 0);
  }
  ck_assert_int_eq(fx_cycle(&f, 2400), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count_out_of_scope FROM cycles WHERE began=2400"), N_OUT);
  /* No object was processed: overhead (PT1M) and the skips alone. */
  ck_assert_int_eq(fx_int(&f, "SELECT ended-began FROM cycles WHERE began=2400"),
                   60 + N_OUT*SKIP_MS/1000);
  fx_assign(&f, id);
  ck_assert_int_eq(fx_cycle(&f, 4800), 1);
  ck_assert_int_gt(fx_target(&f, id), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count_out_of_scope FROM cycles WHERE began=4800"), 0);
  fx_close(&f);
}
END_TEST

/* The initial cycle of "sync only assigned" reads the assigned users only
** (S10's formula counts "assigned users, groups, and group members"):
** changes made before it to users outside the scope cost it nothing. */
START_TEST(test_an_assigned_initial_cycle_does_not_charge_for_users_outside_its_scope){
  Fixture f;
  int i;
  char zKey[32];
  fx_open(&f, 0);
  f.w.params.rCreateMinMinutes = f.w.params.rCreateMaxMinutes = RATE;
  for(i=1; i<=N_OUT; i++){
    snprintf(zKey, sizeof(zKey), "o%d", i);
    fx_user(&f, zKey);
  }
  fx_assign_users(&f, N_IN);
  for(i=1; i<=N_OUT; i++){
    snprintf(zKey, sizeof(zKey), "o%d", i);
    admin_update(&f.w, world_user_find(&f.w, FX_SOURCE, zKey), A_DEPARTMENT, "Finance");
  }
  ck_assert_int_eq(fx_cycle(&f, 0), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count_out_of_scope FROM cycles WHERE kind='initial'"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT ended-began FROM cycles WHERE kind='initial'"),
                   60 + N_IN*3);                    /* three creates of 3 s */
  fx_close(&f);
}
END_TEST

Suite *costmodel_suite(void){
  Suite *s = suite_create("costmodel");
  TCase *tc = tcase_create("out_of_scope");
  tcase_add_test(tc, test_a_skip_costs_skip_cost_ratio_of_a_create);
  tcase_add_test(tc, test_out_of_scope_changes_lengthen_an_assigned_incremental_cycle_by_a_skip_each);
  tcase_add_test(tc, test_out_of_scope_changes_lengthen_a_sync_all_incremental_cycle_by_a_skip_each);
  tcase_add_test(tc, test_a_user_hired_outside_an_assigned_scope_costs_a_skip);
  tcase_add_test(tc, test_an_assigned_initial_cycle_does_not_charge_for_users_outside_its_scope);
  suite_add_tcase(s, tc);
  return s;
}
