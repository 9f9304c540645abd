/*
** test_progress.c — the progress line (sim/progress.c): its ETA is a pure
** function of the work done, the work left and the wall time, the work
** left is measured from what is scheduled and known, and each count is
** named for what it counts.
*/
#include <check.h>
#include <string.h>
#include "engine_fixture.h"
#include "mem.h"
#include "progress.h"
#include "suites.h"

START_TEST(test_eta_is_the_wall_time_per_unit_done_times_the_units_left){
  ProgressWork w;
  memset(&w, 0, sizeof(w));
  /* nothing done: no rate to go by */
  ck_assert(progress_eta(&w, 3.0) < 0);
  /* 100 objects in 2 s, 300 left: 6 s */
  w.nObjDone = 100;
  w.nObjLeft = 300;
  ck_assert_double_eq_tol(progress_eta(&w, 2.0), 6.0, 1e-9);
  /* the work left, not the time left: the same 100 done with 0 left is 0 s */
  w.nObjLeft = 0;
  ck_assert_double_eq_tol(progress_eta(&w, 2.0), 0.0, 1e-9);
  /* a cycle costs PROGRESS_CYCLE_COST objects of its own */
  memset(&w, 0, sizeof(w));
  w.nCycleDone = 2;
  w.nCycleLeft = 1;
  w.nObjLeft = PROGRESS_CYCLE_COST;
  ck_assert_double_eq_tol(progress_eta(&w, 1.0), 1.0, 1e-9);
}
END_TEST

/* Issue 14: a 43 s run opened with "ETA 176 min", extrapolated from the
** simulated time: one initial cycle of most of the users early in a long
** scenario looked like a tiny fraction of the run. From the work, the
** same moment gives the right order of magnitude. */
START_TEST(test_eta_after_an_early_initial_cycle_is_not_inflated_by_a_long_duration){
  ProgressWork w;
  double rEta;
  memset(&w, 0, sizeof(w));
  w.nObjDone = 20000;           /* the initial cycle, done in 4 s */
  w.nCycleDone = 1;
  w.nObjLeft = 500;             /* a few new starters still to come */
  w.nCycleLeft = 1500;          /* and the incremental cycles of 42 days */
  rEta = progress_eta(&w, 4.0);
  ck_assert(rEta > 10.0 && rEta < 30.0);
}
END_TEST

START_TEST(test_eta_text_uses_seconds_minutes_or_hours){
  char z[32];
  ck_assert_str_eq(progress_eta_text(-1, z, sizeof(z)), "ETA -");
  ck_assert_str_eq(progress_eta_text(42.4, z, sizeof(z)), "ETA 42s");
  ck_assert_str_eq(progress_eta_text(185, z, sizeof(z)), "ETA 3m05s");
  ck_assert_str_eq(progress_eta_text(7620, z, sizeof(z)), "ETA 2h07m");
}
END_TEST

/* Counts of a run started 2026-01-05T09:00:00Z, now at Day 2 10:00, ending
** Day 7 09:00: nSrc and nTgt users, nCyc cycles done of nCycAll, nObj
** objects of nObjAll, drift nDrift. */
static void counts(ProgressCounts *c, int64_t nSrc, int64_t nTgt, int64_t nCyc, int64_t nCycAll,
                   int64_t nObj, int64_t nObjAll, int64_t nDrift){
  memset(c, 0, sizeof(*c));
  c->tStartEpoch = 1767603600;
  c->tNow = 86400 + 3600;
  c->tEnd = 6*86400;
  c->nSourceUsers = nSrc;
  c->nTargetUsers = nTgt;
  c->nDrift = nDrift;
  c->work.nCycleDone = nCyc;
  c->work.nCycleLeft = nCycAll - nCyc;
  c->work.nObjDone = nObj;
  c->work.nObjLeft = nObjAll - nObj;
}

START_TEST(test_line_names_each_count_for_what_it_counts){
  ProgressCounts c;
  char z[400];
  counts(&c, 1000, 412, 2, 10, 30, 100, 3);
  ck_assert_str_eq(progress_line(&c, "ETA 5s", z, sizeof(z)),
                   "[tenantsim] Day 2 10:00 of Day 7 09:00  source users 1000  target users 412"
                   "  cycles 2/~10  objects 30/~100  drift 3  ETA 5s");
}
END_TEST

/* A line as wide as the terminal or wider would wrap, and "\r" could not
** rewrite it: narrower terminals get the instants, objects and ETA, cut at
** the width if even that is too wide. */
START_TEST(test_line_fits_the_terminal){
  ProgressCounts c;
  char z[400], zFull[400];
  counts(&c, 100000, 101400, 12, 30, 50000, 101400, 0);
  progress_line(&c, "ETA 5s", zFull, sizeof(zFull));
  ck_assert_uint_gt(strlen(zFull), 80);
  ck_assert_str_eq(progress_line_fit(&c, "ETA 5s", 0, z, sizeof(z)), zFull);
  ck_assert_str_eq(progress_line_fit(&c, "ETA 5s", (int)strlen(zFull)+1, z, sizeof(z)), zFull);
  ck_assert_str_eq(progress_line_fit(&c, "ETA 5s", 80, z, sizeof(z)),
                   "[tenantsim] Day 2 10:00 of Day 7 09:00  objects 50000/~101400  ETA 5s");
  ck_assert_str_eq(progress_line_fit(&c, "ETA 5s", 30, z, sizeof(z)),
                   "[tenantsim] Day 2 10:00 of Da");
  ck_assert_uint_eq(strlen(progress_line_fit(&c, "ETA 5s", 1, z, sizeof(z))), 0);
}
END_TEST

/* The work left of one job that has not had its initial cycle: 37 cycles
** in a day at the 40-minute interval, and the assigned source users. */
START_TEST(test_work_left_counts_the_scheduled_cycles_and_the_scope_of_the_initial_cycle){
  Fixture f;
  Scenario scn;
  Progress p;
  ProgressWork w;
  Job *j;
  int i;
  char zKey[16];
  fx_open(&f, 0);
  for(i=0; i<10; i++){
    int64_t id;
    snprintf(zKey, sizeof(zKey), "u%d", i);
    id = fx_user(&f, zKey);
    if( i<4 ) fx_assign(&f, id);
  }
  j = fx_job(&f);
  job_start(&f.w, j);
  j->interval = 2400;
  j->tNextCycle = 0;
  memset(&scn, 0, sizeof(scn));
  scn.duration = 86400;
  progress_open(&p, stderr, &f.w, &scn);
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nCycleDone, 0);
  ck_assert_int_eq(w.nCycleLeft, 1 + 86400/2400);
  ck_assert_int_eq(w.nObjDone, 0);
  ck_assert_int_eq(w.nObjLeft, 4);              /* only the assigned ones */
  /* halfway, the cycles still to come */
  f.w.tNow = 43200;
  j->tNextCycle = 43200;
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nCycleLeft, 1 + 43200/2400);
  /* with "sync all" every source user is in the initial cycle's scope; the
  ** estimate is made once, until that cycle begins */
  progress_close(&p);
  progress_open(&p, stderr, &f.w, &scn);
  j->bSyncAll = 1;
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nObjLeft, 10);
  progress_close(&p);
  fx_close(&f);
}
END_TEST

/* After the initial cycle: its objects are done, the next cycle has the
** changed users of the queue, and nothing is estimated once the run ends. */
START_TEST(test_work_done_and_left_after_the_initial_cycle){
  Fixture f;
  Scenario scn;
  Progress p;
  ProgressWork w;
  Job *j;
  fx_open(&f, 0);
  fx_assign_users(&f, 5);
  j = fx_job(&f);
  memset(&scn, 0, sizeof(scn));
  scn.duration = 86400;
  progress_open(&p, stderr, &f.w, &scn);
  f.w.tNow = 0;
  ck_assert_int_eq(cycle_begin(&f.w, j), 0);
  progress_cycle_begun(&p, j);
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nCycleDone, 1);
  ck_assert_int_eq(w.nObjDone + w.nObjLeft, 5);
  {
    SimTime tNext = 0;
    while( cycle_step(&f.w, j, f.w.tNow, INT64_MAX, &tNext)==0 ) f.w.tNow = tNext;
  }
  ck_assert_int_eq(j->run.bRunning, 0);
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nObjDone, 5);
  ck_assert_int_eq(w.nObjLeft, 0);
  ck_assert_int_gt(w.nCycleLeft, 0);
  f.w.tNow = 86400;
  j->tNextCycle = 86400 + 2400;
  progress_measure(&p, &w);
  ck_assert_int_eq(w.nCycleLeft, 0);
  progress_close(&p);
  fx_close(&f);
}
END_TEST

/* Its caches are optional: with each of progress_open's allocations
** failing in turn, the work measured is the same, only counted afresh. */
START_TEST(test_work_left_is_the_same_when_an_allocation_fails){
  Fixture f;
  Scenario scn;
  Progress p;
  ProgressWork want, got;
  long n;
  fx_open(&f, 0);
  fx_assign_users(&f, 3);
  fx_job(&f)->interval = 2400;
  fx_job(&f)->tNextCycle = 0;
  memset(&scn, 0, sizeof(scn));
  scn.duration = 86400;
  progress_open(&p, stderr, &f.w, &scn);
  progress_measure(&p, &want);
  progress_close(&p);
  for(n=1; n<=2; n++){
    mem_fail_after(n);
    progress_open(&p, stderr, &f.w, &scn);
    mem_fail_after(0);
    progress_measure(&p, &got);
    progress_measure(&p, &got);
    ck_assert_int_eq(got.nObjLeft, want.nObjLeft);
    ck_assert_int_eq(got.nCycleLeft, want.nCycleLeft);
    progress_close(&p);
  }
  ck_assert_int_eq(want.nObjLeft, 3);
  fx_close(&f);
}
END_TEST

Suite *progress_suite(void){
  Suite *s = suite_create("progress");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_eta_is_the_wall_time_per_unit_done_times_the_units_left);
  tcase_add_test(tc, test_eta_after_an_early_initial_cycle_is_not_inflated_by_a_long_duration);
  tcase_add_test(tc, test_eta_text_uses_seconds_minutes_or_hours);
  tcase_add_test(tc, test_line_names_each_count_for_what_it_counts);
  tcase_add_test(tc, test_line_fits_the_terminal);
  tcase_add_test(tc, test_work_left_counts_the_scheduled_cycles_and_the_scope_of_the_initial_cycle);
  tcase_add_test(tc, test_work_done_and_left_after_the_initial_cycle);
  tcase_add_test(tc, test_work_left_is_the_same_when_an_allocation_fails);
  suite_add_tcase(s, tc);
  return s;
}
