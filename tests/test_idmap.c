/*
** test_idmap.c — the specification of engine/base/idmap.c: ids are found
** by the string their record holds (read back through the callback), a put
** under an existing string replaces the id, a delete leaves a tombstone
** that look-ups step over, the map grows past any size, ids out of range
** are refused, and an allocation failure leaves the map as it was.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "idmap.h"
#include "mem.h"
#include "suites.h"

#define N_REC 30000
typedef struct Recs { char az[N_REC+1][24]; } Recs;

static const char *rec_key(const void *pCtx, int64_t id){
  return ((const Recs*)pCtx)->az[id];
}

static Recs *recs_new(int n){
  static Recs r;
  int i;
  for(i=1; i<=n; i++) snprintf(r.az[i], sizeof(r.az[i]), "user-%d", i);
  return &r;
}

START_TEST(test_an_id_is_found_by_the_string_its_record_holds){
  Recs *r = recs_new(3);
  IdMap m;
  int64_t v = 0;
  idmap_init(&m, rec_key, r);
  ck_assert_int_eq(idmap_get(&m, "user-1", &v), 0);
  ck_assert_int_eq(idmap_put(&m, r->az[1], 1), 0);
  ck_assert_int_eq(idmap_put(&m, r->az[2], 2), 0);
  ck_assert_int_eq(idmap_get(&m, "user-2", &v), 1);
  ck_assert_int_eq(v, 2);
  ck_assert_int_eq(idmap_get(&m, "user-3", NULL), 0);
  ck_assert_int_eq(idmap_get(&m, "User-2", NULL), 0);      /* case-sensitive */
  /* A second record with the same string takes the entry over. */
  strcpy(r->az[3], "user-2");
  ck_assert_int_eq(idmap_put(&m, r->az[3], 3), 0);
  ck_assert_int_eq(idmap_get(&m, "user-2", &v), 1);
  ck_assert_int_eq(v, 3);
  ck_assert_uint_eq(m.nLive, 2);
  idmap_free(&m);
}
END_TEST

START_TEST(test_a_deleted_string_is_gone_and_its_neighbours_are_still_found){
  Recs *r = recs_new(200);
  IdMap m;
  int64_t v;
  int i;
  idmap_init(&m, rec_key, r);
  for(i=1; i<=200; i++) ck_assert_int_eq(idmap_put(&m, r->az[i], i), 0);
  for(i=1; i<=200; i+=2) ck_assert_int_eq(idmap_del(&m, r->az[i]), 1);
  ck_assert_int_eq(idmap_del(&m, "user-1"), 0);
  for(i=1; i<=200; i++){
    ck_assert_int_eq(idmap_get(&m, r->az[i], &v), i%2==0);
    if( i%2==0 ) ck_assert_int_eq(v, i);
  }
  ck_assert_uint_eq(m.nLive, 100);
  idmap_free(&m);
}
END_TEST

START_TEST(test_many_ids_survive_growth_at_a_sane_load){
  Recs *r = recs_new(N_REC);
  IdMap m;
  int64_t v;
  int i;
  idmap_init(&m, rec_key, r);
  for(i=1; i<=N_REC; i++){
    size_t nBefore = m.nSlot;
    ck_assert_int_eq(idmap_put(&m, r->az[i], i), 0);
    if( m.nSlot!=nBefore ) ck_assert_uint_lt(m.nLive*2, m.nSlot+2);
  }
  ck_assert_uint_lt(m.nUsed*4, m.nSlot*3);
  ck_assert_uint_ge(m.nLive*8, m.nSlot*3 - 8);
  for(i=1; i<=N_REC; i++){
    ck_assert_int_eq(idmap_get(&m, r->az[i], &v), 1);
    ck_assert_int_eq(v, i);
  }
  idmap_free(&m);
}
END_TEST

START_TEST(test_ids_out_of_range_are_refused){
  Recs *r = recs_new(1);
  IdMap m;
  idmap_init(&m, rec_key, r);
  ck_assert_int_eq(idmap_put(&m, "x", 0), -1);
  ck_assert_int_eq(idmap_put(&m, "x", -5), -1);
  ck_assert_int_eq(idmap_put(&m, "x", (int64_t)1<<32), -1);
  ck_assert_uint_eq(m.nLive, 0);
  idmap_free(&m);
}
END_TEST

START_TEST(test_a_failed_put_leaves_the_map_as_it_was){
  Recs *r = recs_new(40);
  long n;
  int nFailed = 0;
  for(n=1; n<50; n++){
    IdMap m;
    int i, rc = 0;
    idmap_init(&m, rec_key, r);
    mem_fail_after(n);
    for(i=1; i<=40 && rc==0; i++) rc = idmap_put(&m, r->az[i], i);
    mem_fail_after(0);
    if( rc==0 ){ idmap_free(&m); break; }
    nFailed++;
    ck_assert_uint_eq(m.nLive, (size_t)(i-2));
    for(i=i-2; i>=1; i--) ck_assert_int_eq(idmap_get(&m, r->az[i], NULL), 1);
    idmap_free(&m);
  }
  ck_assert_int_gt(nFailed, 0);
  ck_assert_int_lt(n, 50);
}
END_TEST

Suite *idmap_suite(void){
  Suite *s = suite_create("idmap");
  TCase *tc = tcase_create("map");
  tcase_add_test(tc, test_an_id_is_found_by_the_string_its_record_holds);
  tcase_add_test(tc, test_a_deleted_string_is_gone_and_its_neighbours_are_still_found);
  tcase_add_test(tc, test_many_ids_survive_growth_at_a_sane_load);
  tcase_add_test(tc, test_ids_out_of_range_are_refused);
  tcase_add_test(tc, test_a_failed_put_leaves_the_map_as_it_was);
  suite_add_tcase(s, tc);
  return s;
}
