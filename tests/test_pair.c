/*
** test_pair.c — the (job, user) and (job, group) pair records and the
** dirty queues (pair.h): pair_get makes a zeroed record in a page of its
** own id range only, pair_peek never allocates, pair_mark_dirty queues a user once until the cycle
** takes the queue, and the same for groups; running out of memory is
** reported, never crashed on.
*/
#include "pair.h"
#include "mem.h"
#include "engine_fixture.h"
#include "suites.h"

START_TEST(test_get_makes_zeroed_records_page_by_page){
  Fixture f;
  Job *j;
  Pair *p;
  int64_t id;
  fx_open(&f, 0);
  j = fx_job(&f);
  for(id=1; id<=70; id++){
    char zKey[32];
    snprintf(zKey, sizeof(zKey), "u%lld", (long long)id);
    fx_user(&f, zKey);
  }
  ck_assert_int_eq(pair_end(j), 1);
  ck_assert_ptr_null(pair_peek(j, 3));                  /* never asked for */
  p = pair_get(&f.w, j, 3);
  ck_assert_ptr_nonnull(p);
  ck_assert_ptr_eq(pair_peek(j, 3), p);
  ck_assert_int_eq(pair_end(j), PAIR_PAGE+1);           /* one page */
  ck_assert_int_eq(p->iTarget, 0);
  ck_assert_int_eq(p->bDirty, 0);
  ck_assert_int_eq(p->nOpen, 0);
  p->iTarget = 99;
  ck_assert_ptr_eq(pair_get(&f.w, j, 3), p);             /* no growth: same record */
  ck_assert_int_eq(pair_get(&f.w, j, 3)->iTarget, 99);
  /* An id pages away makes only its own page, and what was there stays
  ** where it was. */
  p = pair_get(&f.w, j, 40*PAIR_PAGE+5);
  ck_assert_ptr_nonnull(p);
  ck_assert_int_eq(p->iTarget, 0);
  ck_assert_ptr_null(pair_peek(j, 20*PAIR_PAGE));
  ck_assert_int_eq(pair_end(j), 41*PAIR_PAGE+1);
  ck_assert_int_eq(pair_get(&f.w, j, 3)->iTarget, 99);
  pair_get(&f.w, j, 3)->iTarget = 0;
  fx_close(&f);
}
END_TEST

START_TEST(test_mark_dirty_queues_a_user_once){
  Fixture f;
  Job *j;
  int64_t a, b;
  fx_open(&f, 0);
  j = fx_job(&f);
  a = fx_user(&f, "alice");
  b = fx_user(&f, "bob");
  ck_assert_int_eq(j->nDirty, 0);
  pair_mark_dirty(&f.w, j, b);
  pair_mark_dirty(&f.w, j, a);
  pair_mark_dirty(&f.w, j, b);
  ck_assert_int_eq(j->nDirty, 2);
  ck_assert_int_eq(j->aDirty[0], b);
  ck_assert_int_eq(j->aDirty[1], a);
  ck_assert_int_eq(pair_get(&f.w, j, a)->bDirty, 1);
  ck_assert_int_eq(pair_get(&f.w, j, b)->bDirty, 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_an_incremental_cycle_takes_the_queue){
  Fixture f;
  Job *j;
  int64_t id;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, j);
  ck_assert(fx_cycle(&f, 0));                         /* the initial cycle */
  ck_assert_int_eq(j->nDirty, 0);
  f.w.tNow = 100;
  admin_update(&f.w, id, A_DEPARTMENT, "Finance");
  ck_assert_int_eq(j->nDirty, 1);
  ck_assert_int_eq(pair_get(&f.w, j, id)->bDirty, 1);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(j->nDirty, 0);
  ck_assert_int_eq(pair_get(&f.w, j, id)->bDirty, 0);
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, fx_target(&f, id)), A_DEPARTMENT), "Finance");
  fx_close(&f);
}
END_TEST

START_TEST(test_group_pairs_grow_and_queue_once){
  Fixture f;
  Job *j;
  GroupPair *g;
  int iG;
  fx_open(&f, 0);
  j = fx_job(&f);
  iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "falcon", "Security");
  ck_assert_int_ge(iG, 0);
  g = pair_group_get(&f.w, j, iG);
  ck_assert_ptr_nonnull(g);
  ck_assert_int_ge(j->nGPair, f.w.nGroup);
  ck_assert_int_eq(g->iTarget, 0);
  ck_assert_int_eq(g->bDirty, 0);
  pair_group_mark_dirty(&f.w, j, iG);
  pair_group_mark_dirty(&f.w, j, iG);
  ck_assert_int_eq(j->nGDirty, 1);
  ck_assert_int_eq(j->aGDirty[0], iG);
  ck_assert_int_eq(pair_group_get(&f.w, j, iG)->bDirty, 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_pairs_survive_running_out_of_memory){
  long n;
  int bDone = 0;
  for(n=1; n<100 && !bDone; n++){
    Fixture f;
    Job *j;
    int64_t id;
    int iG;
    fx_open(&f, 0);
    j = fx_job(&f);
    id = fx_user(&f, "alice");
    iG = directory_group_add(&f.w, FX_SOURCE, "falcon", "falcon", "Security");
    mem_fail_after(n);
    pair_mark_dirty(&f.w, j, id);
    pair_group_mark_dirty(&f.w, j, iG);
    mem_fail_after(0);
    if( f.w.bNoMem ){
      /* What was queued is consistent with its flags. */
      ck_assert(j->nDirty==0 || (j->nDirty==1 && pair_peek(j, id)->bDirty));
      ck_assert(j->nGDirty==0 || (j->nGDirty==1 && j->aGPair[iG].bDirty));
      f.w.bNoMem = 0;
      engine_close(&f.w);
      continue;
    }
    ck_assert_int_eq(j->nDirty, 1);
    ck_assert_int_eq(j->nGDirty, 1);
    bDone = 1;
    fx_close(&f);
  }
  ck_assert_msg(bDone, "queueing never succeeded");
  ck_assert_int_gt(n, 4);          /* four allocations had to fail first */
}
END_TEST

Suite *pair_suite(void){
  Suite *s = suite_create("pair");
  TCase *tc = tcase_create("pair");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_get_makes_zeroed_records_page_by_page);
  tcase_add_test(tc, test_mark_dirty_queues_a_user_once);
  tcase_add_test(tc, test_an_incremental_cycle_takes_the_queue);
  tcase_add_test(tc, test_group_pairs_grow_and_queue_once);
  suite_add_tcase(s, tc);
  tcase_add_test(tcOom, test_pairs_survive_running_out_of_memory);
  suite_add_tcase(s, tcOom);
  return s;
}
