/*
** test_hmap.c — the specification of engine/base/hmap.c: keys are copied,
** a put replaces, a delete leaves a tombstone that look-ups step over and
** that a later put may reuse, the map grows past any size at a load
** between 3/8 and 3/4, an add inserts only a new key, and an
** allocation failure leaves it as it was.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "hmap.h"
#include "mem.h"
#include "suites.h"

START_TEST(test_an_empty_map_finds_nothing){
  HMap m;
  int64_t v = 7;
  hmap_init(&m);
  ck_assert_int_eq(hmap_get(&m, "x", &v), 0);
  ck_assert_int_eq(v, 7);
  ck_assert_int_eq(hmap_del(&m, "x"), 0);
  hmap_free(&m);
}
END_TEST

START_TEST(test_put_copies_the_key_and_replaces_the_value){
  HMap m;
  char zKey[8] = "alice";
  int64_t v = 0;
  hmap_init(&m);
  ck_assert_int_eq(hmap_put(&m, zKey, 1), 0);
  strcpy(zKey, "bob");                 /* the map kept its own copy */
  ck_assert_int_eq(hmap_get(&m, "alice", &v), 1);
  ck_assert_int_eq(v, 1);
  ck_assert_int_eq(hmap_get(&m, "bob", NULL), 0);
  ck_assert_int_eq(hmap_put(&m, "alice", 2), 0);
  ck_assert_int_eq(hmap_get(&m, "alice", &v), 1);
  ck_assert_int_eq(v, 2);
  ck_assert_uint_eq(m.nLive, 1);
  hmap_free(&m);
}
END_TEST

START_TEST(test_keys_are_case_sensitive){
  HMap m;
  hmap_init(&m);
  ck_assert_int_eq(hmap_put(&m, "Key", 1), 0);
  ck_assert_int_eq(hmap_get(&m, "key", NULL), 0);
  ck_assert_int_eq(hmap_get(&m, "Key", NULL), 1);
  hmap_free(&m);
}
END_TEST

START_TEST(test_a_deleted_key_is_gone_and_its_neighbours_are_still_found){
  HMap m;
  char z[32];
  int64_t v;
  int i;
  hmap_init(&m);
  for(i=0; i<100; i++){ snprintf(z, sizeof(z), "k%d", i); ck_assert_int_eq(hmap_put(&m, z, i), 0); }
  for(i=0; i<100; i+=2){ snprintf(z, sizeof(z), "k%d", i); ck_assert_int_eq(hmap_del(&m, z), 1); }
  for(i=0; i<100; i++){
    snprintf(z, sizeof(z), "k%d", i);
    ck_assert_int_eq(hmap_get(&m, z, &v), i%2);
    if( i%2 ) ck_assert_int_eq(v, i);
  }
  ck_assert_uint_eq(m.nLive, 50);
  snprintf(z, sizeof(z), "k%d", 4);
  ck_assert_int_eq(hmap_put(&m, z, 44), 0);
  ck_assert_int_eq(hmap_get(&m, z, &v), 1);
  ck_assert_int_eq(v, 44);
  hmap_free(&m);
}
END_TEST

/* Growth keeps every entry and the load below 3/4 (hmap.c's invariant). */
START_TEST(test_many_keys_survive_growth){
  HMap m;
  char z[32];
  int64_t v;
  int i;
  hmap_init(&m);
  for(i=0; i<20000; i++){ snprintf(z, sizeof(z), "user-%d", i); ck_assert_int_eq(hmap_put(&m, z, -i), 0); }
  ck_assert_uint_eq(m.nLive, 20000);
  ck_assert_uint_lt(m.nUsed*4, m.nSlot*3);
  ck_assert_uint_eq(m.nSlot & (m.nSlot-1), 0);
  for(i=0; i<20000; i++){
    snprintf(z, sizeof(z), "user-%d", i);
    ck_assert_int_eq(hmap_get(&m, z, &v), 1);
    ck_assert_int_eq(v, -i);
  }
  hmap_free(&m);
}
END_TEST

/* After a resize the live keys fill less than half the slots, and a map
** is never emptier than 3/8 once it has grown past its first table. */
START_TEST(test_growth_keeps_the_load_between_three_eighths_and_three_quarters){
  HMap m;
  char z[32];
  int i;
  hmap_init(&m);
  for(i=0; i<100000; i++){
    size_t nBefore = m.nSlot;
    snprintf(z, sizeof(z), "k%d", i);
    ck_assert_int_eq(hmap_put(&m, z, i), 0);
    if( m.nSlot!=nBefore ) ck_assert_uint_lt(m.nLive*2, m.nSlot+2);
    if( m.nSlot>16 ) ck_assert_uint_ge(m.nLive*8, m.nSlot*3 - 8);
  }
  hmap_free(&m);
}
END_TEST

/* hmap_add inserts only what is not there, and says which it did. */
START_TEST(test_add_inserts_only_a_new_key){
  HMap m;
  int64_t v = 0, vOld = -1;
  hmap_init(&m);
  ck_assert_int_eq(hmap_add(&m, "alice", 1, &vOld), 1);
  ck_assert_int_eq(vOld, -1);
  ck_assert_int_eq(hmap_add(&m, "alice", 2, &vOld), 0);
  ck_assert_int_eq(vOld, 1);
  ck_assert_int_eq(hmap_get(&m, "alice", &v), 1);
  ck_assert_int_eq(v, 1);                        /* the value kept */
  ck_assert_int_eq(hmap_add(&m, "bob", 3, NULL), 1);
  ck_assert_uint_eq(m.nLive, 2);
  mem_fail_after(1);
  ck_assert_int_eq(hmap_add(&m, "carol", 4, NULL), -1);   /* its key copy fails */
  mem_fail_after(0);
  ck_assert_int_eq(hmap_get(&m, "carol", NULL), 0);
  ck_assert_uint_eq(m.nLive, 2);
  hmap_free(&m);
}
END_TEST

/* A put that cannot allocate fails with -1 and leaves the map as it was. */
START_TEST(test_a_failed_put_leaves_the_map_as_it_was){
  long n;
  int nFailed = 0;
  for(n=1; n<200; n++){
    HMap m;
    char z[32];
    int i, rc = 0;
    hmap_init(&m);
    mem_fail_after(n);
    for(i=0; i<40 && rc==0; i++){ snprintf(z, sizeof(z), "k%d", i); rc = hmap_put(&m, z, i); }
    mem_fail_after(0);
    if( rc==0 ){ hmap_free(&m); break; }
    nFailed++;
    ck_assert_int_eq(rc, -1);
    ck_assert_uint_eq(m.nLive, (size_t)(i-1));
    for(i=i-2; i>=0; i--){
      int64_t v;
      snprintf(z, sizeof(z), "k%d", i);
      ck_assert_int_eq(hmap_get(&m, z, &v), 1);
      ck_assert_int_eq(v, i);
    }
    hmap_free(&m);
  }
  ck_assert_int_gt(nFailed, 0);
  ck_assert_int_lt(n, 200);
}
END_TEST

Suite *hmap_suite(void){
  Suite *s = suite_create("hmap");
  TCase *tc = tcase_create("map");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_an_empty_map_finds_nothing);
  tcase_add_test(tc, test_put_copies_the_key_and_replaces_the_value);
  tcase_add_test(tc, test_keys_are_case_sensitive);
  tcase_add_test(tc, test_a_deleted_key_is_gone_and_its_neighbours_are_still_found);
  tcase_add_test(tc, test_many_keys_survive_growth);
  tcase_add_test(tc, test_growth_keeps_the_load_between_three_eighths_and_three_quarters);
  tcase_add_test(tc, test_add_inserts_only_a_new_key);
  suite_add_tcase(s, tc);
  tcase_add_test(tcOom, test_a_failed_put_leaves_the_map_as_it_was);
  suite_add_tcase(s, tcOom);
  return s;
}
