/*
** test_queue.c — the specification of sim/queue.c: events leave the queue
** ordered by time, then priority, then the order they were pushed in, so a
** run is deterministic; the queue copies events, owns only its array and
** survives a failed allocation unchanged.
*/
#include <check.h>
#include <stdint.h>
#include "mem.h"
#include "queue.h"
#include "suites.h"

static Event eventAt(SimTime t, int prio, int kind){
  Event e;
  e.t = t;
  e.prio = prio;
  e.seq = 0;
  e.kind = kind;
  e.a = 0;
  e.b = 0;
  e.p = NULL;
  return e;
}

static void pushOk(Queue *q, SimTime t, int prio, int kind){
  Event e = eventAt(t, prio, kind);
  ck_assert_int_eq(queue_push(q, &e), 0);
}

/* Pop one event, which must exist, and return its kind. */
static int popKind(Queue *q){
  Event e;
  ck_assert_int_eq(queue_pop(q, &e), 0);
  return e.kind;
}

/* A small fixed generator, so this suite does not depend on sim/rng.c. */
static uint64_t testXorshift(uint64_t *pX){
  *pX ^= *pX << 13;
  *pX ^= *pX >> 7;
  *pX ^= *pX << 17;
  return *pX;
}

START_TEST(test_new_queue_is_empty){
  Queue q;
  Event e = eventAt(99, 9, 9);
  queue_init(&q);
  ck_assert_uint_eq(queue_size(&q), 0);
  ck_assert_ptr_null(queue_peek(&q));
  ck_assert_int_eq(queue_pop(&q, &e), -1);
  ck_assert_int_eq(e.t, 99);      /* the caller's event is left alone */
  ck_assert_int_eq(e.kind, 9);
  queue_free(&q);
}
END_TEST

START_TEST(test_events_pop_in_time_order){
  Queue q;
  queue_init(&q);
  pushOk(&q, 30, 0, 3);
  pushOk(&q, 10, 0, 1);
  pushOk(&q, 50, 0, 5);
  pushOk(&q, 20, 0, 2);
  pushOk(&q, 40, 0, 4);
  ck_assert_int_eq(popKind(&q), 1);
  ck_assert_int_eq(popKind(&q), 2);
  ck_assert_int_eq(popKind(&q), 3);
  ck_assert_int_eq(popKind(&q), 4);
  ck_assert_int_eq(popKind(&q), 5);
  ck_assert_uint_eq(queue_size(&q), 0);
  queue_free(&q);
}
END_TEST

START_TEST(test_events_at_the_same_time_pop_lower_priority_number_first){
  Queue q;
  queue_init(&q);
  pushOk(&q, 100, 2, 2);
  pushOk(&q, 100, -1, 0);
  pushOk(&q, 100, 1, 1);
  ck_assert_int_eq(popKind(&q), 0);
  ck_assert_int_eq(popKind(&q), 1);
  ck_assert_int_eq(popKind(&q), 2);
  queue_free(&q);
}
END_TEST

START_TEST(test_time_beats_priority_and_priority_beats_insertion_order){
  Queue q;
  queue_init(&q);
  pushOk(&q, 20, 0, 4);   /* later time wins over a better priority */
  pushOk(&q, 10, 5, 2);
  pushOk(&q, 10, 1, 0);
  pushOk(&q, 10, 5, 3);   /* same (t, prio) as kind 2: pushed after it */
  pushOk(&q, 10, 1, 1);
  ck_assert_int_eq(popKind(&q), 0);
  ck_assert_int_eq(popKind(&q), 1);
  ck_assert_int_eq(popKind(&q), 2);
  ck_assert_int_eq(popKind(&q), 3);
  ck_assert_int_eq(popKind(&q), 4);
  queue_free(&q);
}
END_TEST

START_TEST(test_simultaneous_events_pop_in_insertion_order){
  Queue q;
  int i;
  queue_init(&q);
  /* Interleave 1000 equal-key events with decoys so the heap has to
  ** reshuffle; the equal ones must still come out in push order. */
  for(i=0; i<1000; i++){
    pushOk(&q, 500, 3, i);
    if( i%7==0 ) pushOk(&q, 900, 0, -1);
    if( i%11==0 ) pushOk(&q, 500, 4, -2);
  }
  for(i=0; i<1000; i++){
    ck_assert_int_eq(popKind(&q), i);
  }
  while( queue_size(&q)>0 ) ck_assert_int_lt(popKind(&q), 0);
  queue_free(&q);
}
END_TEST

START_TEST(test_push_assigns_increasing_seq_overwriting_the_callers){
  Queue q;
  Event e = eventAt(5, 0, 0), out;
  uint64_t i;
  queue_init(&q);
  for(i=0; i<3; i++){
    e.seq = 999;
    ck_assert_int_eq(queue_push(&q, &e), 0);
  }
  ck_assert_uint_eq(e.seq, 999);  /* the caller's copy is not written */
  for(i=0; i<3; i++){
    ck_assert_int_eq(queue_pop(&q, &out), 0);
    ck_assert_uint_eq(out.seq, i);
  }
  queue_free(&q);
}
END_TEST

START_TEST(test_payload_is_copied_intact){
  Queue q;
  int target = 0;
  Event e = eventAt(7, 2, 42), out;
  e.a = INT64_MIN;
  e.b = INT64_MAX;
  e.p = &target;
  queue_init(&q);
  ck_assert_int_eq(queue_push(&q, &e), 0);
  e.kind = 0;                     /* changing the original changes nothing */
  ck_assert_int_eq(queue_pop(&q, &out), 0);
  ck_assert_int_eq(out.t, 7);
  ck_assert_int_eq(out.prio, 2);
  ck_assert_int_eq(out.kind, 42);
  ck_assert_int_eq(out.a, INT64_MIN);
  ck_assert_int_eq(out.b, INT64_MAX);
  ck_assert_ptr_eq(out.p, &target);
  queue_free(&q);
}
END_TEST

START_TEST(test_ten_thousand_random_pushes_pop_sorted){
  Queue q;
  Event prev, cur;
  uint64_t x = 0x9e3779b97f4a7c15u;
  int64_t sumIn = 0, sumOut = 0;
  int i;
  queue_init(&q);
  for(i=0; i<10000; i++){
    /* few distinct times and priorities, so ties are common */
    Event e = eventAt((SimTime)(testXorshift(&x) % 200),
                      (int)(testXorshift(&x) % 4) - 1, i);
    e.a = i;
    sumIn += i;
    ck_assert_int_eq(queue_push(&q, &e), 0);
  }
  ck_assert_uint_eq(queue_size(&q), 10000);
  ck_assert_int_eq(queue_pop(&q, &prev), 0);
  sumOut = prev.a;
  for(i=1; i<10000; i++){
    ck_assert_int_eq(queue_pop(&q, &cur), 0);
    ck_assert_int_le(prev.t, cur.t);
    if( prev.t==cur.t ){
      ck_assert_int_le(prev.prio, cur.prio);
      if( prev.prio==cur.prio ) ck_assert_uint_lt(prev.seq, cur.seq);
    }
    ck_assert_int_eq(cur.a, cur.kind);
    sumOut += cur.a;
    prev = cur;
  }
  ck_assert_int_eq(sumOut, sumIn);   /* every event came out, none twice */
  ck_assert_int_eq(queue_pop(&q, &cur), -1);
  queue_free(&q);
}
END_TEST

START_TEST(test_pushing_during_a_run_keeps_time_monotonic){
  /* The simulator's pattern: pop an event, push follow-ups later on. */
  Queue q;
  Event e;
  uint64_t x = 12345;
  SimTime tLast = 0;
  int nPopped = 0;
  queue_init(&q);
  pushOk(&q, 0, 0, 0);
  while( queue_pop(&q, &e)==0 ){
    int j;
    ck_assert_int_ge(e.t, tLast);
    tLast = e.t;
    nPopped++;
    if( nPopped>=5000 ) continue;
    for(j=0; j<2 && queue_size(&q)<500; j++){
      pushOk(&q, e.t + (SimTime)(testXorshift(&x) % 60), 0, nPopped);
    }
  }
  ck_assert_int_ge(nPopped, 5000);
  queue_free(&q);
}
END_TEST

START_TEST(test_peek_returns_the_least_event_without_removing_it){
  Queue q;
  const Event *p;
  queue_init(&q);
  pushOk(&q, 20, 0, 2);
  pushOk(&q, 10, 0, 1);
  p = queue_peek(&q);
  ck_assert_ptr_nonnull(p);
  ck_assert_int_eq(p->t, 10);
  ck_assert_int_eq(p->kind, 1);
  ck_assert_uint_eq(queue_size(&q), 2);
  ck_assert_int_eq(queue_peek(&q)->kind, 1);
  ck_assert_int_eq(popKind(&q), 1);
  ck_assert_int_eq(queue_peek(&q)->kind, 2);
  queue_free(&q);
}
END_TEST

START_TEST(test_size_counts_pushes_minus_pops){
  Queue q;
  int i;
  queue_init(&q);
  for(i=0; i<100; i++) pushOk(&q, i, 0, i);
  ck_assert_uint_eq(queue_size(&q), 100);
  for(i=0; i<40; i++) popKind(&q);
  ck_assert_uint_eq(queue_size(&q), 60);
  ck_assert_int_eq(queue_pop(&q, NULL), 0);   /* NULL discards the event */
  ck_assert_uint_eq(queue_size(&q), 59);
  queue_free(&q);
}
END_TEST

START_TEST(test_failed_allocation_leaves_the_queue_unchanged){
  Queue q;
  Event e = eventAt(0, 0, 0);
  int rc = 0, nPushed = 0, i;
  queue_init(&q);

  mem_fail_after(1);
  rc = queue_push(&q, &e);
  mem_fail_after(0);
  ck_assert_int_eq(rc, -1);             /* the very first array fails */
  ck_assert_uint_eq(queue_size(&q), 0);
  ck_assert_ptr_null(queue_peek(&q));

  /* Push descending times (each new event becomes the root) with
  ** allocation failing, until the array has to grow and cannot. */
  pushOk(&q, 1000000, 0, 0);
  nPushed = 1;
  while( nPushed<100000 ){
    e = eventAt(1000000 - nPushed, 0, nPushed);
    mem_fail_after(1);
    rc = queue_push(&q, &e);
    mem_fail_after(0);
    if( rc!=0 ) break;
    nPushed++;
  }
  ck_assert_int_eq(rc, -1);
  ck_assert_uint_eq(queue_size(&q), (size_t)nPushed);
  ck_assert_int_eq(queue_peek(&q)->kind, nPushed-1);

  /* The failed push used no seq number: the retry gets the next one. */
  e = eventAt(-1, 0, -1);
  ck_assert_int_eq(queue_push(&q, &e), 0);
  ck_assert_uint_eq(queue_peek(&q)->seq, (uint64_t)nPushed);
  ck_assert_int_eq(popKind(&q), -1);
  for(i=nPushed-1; i>=0; i--) ck_assert_int_eq(popKind(&q), i);
  ck_assert_uint_eq(queue_size(&q), 0);
  queue_free(&q);
}
END_TEST

START_TEST(test_freed_queue_is_empty_and_reusable){
  Queue q;
  int i;
  queue_init(&q);
  for(i=0; i<50; i++) pushOk(&q, i, 0, i);
  queue_free(&q);
  ck_assert_uint_eq(queue_size(&q), 0);
  ck_assert_ptr_null(queue_peek(&q));
  pushOk(&q, 3, 0, 7);
  ck_assert_int_eq(popKind(&q), 7);
  queue_free(&q);
  queue_free(&q);                 /* freeing twice is harmless */
}
END_TEST

Suite *queue_suite(void){
  Suite *s = suite_create("queue");
  TCase *tc = tcase_create("order");
  tcase_add_test(tc, test_new_queue_is_empty);
  tcase_add_test(tc, test_events_pop_in_time_order);
  tcase_add_test(tc, test_events_at_the_same_time_pop_lower_priority_number_first);
  tcase_add_test(tc, test_time_beats_priority_and_priority_beats_insertion_order);
  tcase_add_test(tc, test_simultaneous_events_pop_in_insertion_order);
  tcase_add_test(tc, test_push_assigns_increasing_seq_overwriting_the_callers);
  tcase_add_test(tc, test_payload_is_copied_intact);
  tcase_add_test(tc, test_ten_thousand_random_pushes_pop_sorted);
  tcase_add_test(tc, test_pushing_during_a_run_keeps_time_monotonic);
  tcase_add_test(tc, test_peek_returns_the_least_event_without_removing_it);
  tcase_add_test(tc, test_size_counts_pushes_minus_pops);
  tcase_add_test(tc, test_failed_allocation_leaves_the_queue_unchanged);
  tcase_add_test(tc, test_freed_queue_is_empty_and_reusable);
  suite_add_tcase(s, tc);
  return s;
}
