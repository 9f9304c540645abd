/*
** test_strpool.c — the specification of engine/base/strpool.c: a string
** added is an equal, stable copy; NULL stays NULL; equal strings may share
** one copy; long strings and many blocks work; an allocation failure is a
** NULL and leaves the pool usable.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "strpool.h"
#include "suites.h"

START_TEST(test_a_string_added_is_an_equal_copy_and_null_stays_null){
  StrPool p;
  char z[16] = "Engineering";
  const char *zA;
  strpool_init(&p);
  ck_assert_ptr_null(strpool_add(&p, NULL));
  zA = strpool_add(&p, z);
  ck_assert_ptr_nonnull(zA);
  ck_assert_ptr_ne(zA, z);
  strcpy(z, "Sales");
  ck_assert_str_eq(zA, "Engineering");
  ck_assert_str_eq(strpool_add(&p, ""), "");
  strpool_free(&p);
  ck_assert_ptr_null(p.apBlock);
  ck_assert_uint_eq(p.nBlock, 0);
}
END_TEST

/* A ref names the same string as the pointer; 0 is NULL and no string's
** ref; refs stay valid across blocks, long strings included. */
START_TEST(test_a_ref_names_its_string_and_zero_is_null){
  StrPool p;
  static StrRef ar[50000];
  char z[40], zLong[6000];
  StrRef rLong, rNull = 99;
  int i;
  strpool_init(&p);
  ck_assert_int_eq(strpool_put(&p, NULL, &rNull), 0);
  ck_assert_uint_eq(rNull, 0);
  ck_assert_ptr_null(strpool_str(&p, 0));
  memset(zLong, 'L', sizeof(zLong)-1);
  zLong[sizeof(zLong)-1] = 0;
  ck_assert_int_eq(strpool_put(&p, zLong, &rLong), 0);   /* a long one first */
  for(i=0; i<50000; i++){
    snprintf(z, sizeof(z), "%08d-object", i);
    ck_assert_int_eq(strpool_put(&p, z, &ar[i]), 0);
    ck_assert_uint_ne(ar[i], 0);
  }
  ck_assert_uint_gt(p.nBlock, 3);
  for(i=0; i<50000; i++){
    snprintf(z, sizeof(z), "%08d-object", i);
    ck_assert_str_eq(strpool_str(&p, ar[i]), z);
  }
  ck_assert_str_eq(strpool_str(&p, rLong), zLong);
  ck_assert_uint_ne(rLong, 0);
  strpool_free(&p);
}
END_TEST

/* A value added again right after shares the first copy. */
START_TEST(test_an_equal_recent_string_shares_its_copy){
  StrPool p;
  const char *zA, *zB;
  strpool_init(&p);
  zA = strpool_add(&p, "True");
  zB = strpool_add(&p, "True");
  ck_assert_ptr_eq(zA, zB);
  ck_assert_ptr_ne(strpool_add(&p, "False"), zA);
  strpool_free(&p);
}
END_TEST

/* Pointers stay valid while blocks are added: 200,000 strings (many
** blocks) and a 10,000-byte one, every one still equal to what was added. */
START_TEST(test_strings_stay_valid_across_many_blocks){
  StrPool p;
  static const char *az[200000];
  char z[32], zLong[10001];
  const char *zL;
  int i;
  strpool_init(&p);
  memset(zLong, 'x', sizeof(zLong)-1);
  zLong[sizeof(zLong)-1] = 0;
  for(i=0; i<200000; i++){
    snprintf(z, sizeof(z), "user%d@contoso.com", i);
    az[i] = strpool_add(&p, z);
    ck_assert_ptr_nonnull(az[i]);
    if( i==1000 ){ zL = strpool_add(&p, zLong); ck_assert_ptr_nonnull(zL); }
  }
  for(i=0; i<200000; i++){
    snprintf(z, sizeof(z), "user%d@contoso.com", i);
    ck_assert_str_eq(az[i], z);
  }
  ck_assert_str_eq(zL, zLong);
  ck_assert_uint_gt(p.nBytes, 200000*18);
  strpool_free(&p);
}
END_TEST

/* Each allocation failing in turn gives NULL, never a crash, and the pool
** takes strings again once memory is back. */
START_TEST(test_an_allocation_failure_is_a_null_and_the_pool_still_works){
  long n;
  int nFailed = 0;
  for(n=1; n<10; n++){
    StrPool p;
    const char *z;
    char zLong[5000];
    memset(zLong, 'y', sizeof(zLong)-1);
    zLong[sizeof(zLong)-1] = 0;
    strpool_init(&p);
    mem_fail_after(n);
    z = strpool_add(&p, "a");
    if( z ) z = strpool_add(&p, zLong);
    mem_fail_after(0);
    if( z==NULL ) nFailed++;
    ck_assert_str_eq(strpool_add(&p, "after"), "after");
    strpool_free(&p);
  }
  ck_assert_int_gt(nFailed, 0);
}
END_TEST

Suite *strpool_suite(void){
  Suite *s = suite_create("strpool");
  TCase *tc = tcase_create("pool");
  tcase_add_test(tc, test_a_string_added_is_an_equal_copy_and_null_stays_null);
  tcase_add_test(tc, test_a_ref_names_its_string_and_zero_is_null);
  tcase_add_test(tc, test_an_equal_recent_string_shares_its_copy);
  tcase_add_test(tc, test_strings_stay_valid_across_many_blocks);
  tcase_add_test(tc, test_an_allocation_failure_is_a_null_and_the_pool_still_works);
  suite_add_tcase(s, tc);
  return s;
}
