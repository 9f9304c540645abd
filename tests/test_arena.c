/*
** test_arena.c — the specification of engine/base/arena.c: allocations
** are zeroed, aligned and distinct, survive until arena_free, requests
** larger than a block get a block of their own, overflowing sizes are
** refused, and an allocation failure is a NULL that leaves the arena
** usable.
*/
#include <check.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "arena.h"
#include "mem.h"
#include "suites.h"

START_TEST(test_allocations_are_zeroed_aligned_and_distinct){
  Arena a;
  unsigned char *p[100];
  int i, k;
  arena_init(&a);
  for(i=0; i<100; i++){
    p[i] = arena_alloc(&a, (size_t)(i%7)*13 + 1);
    ck_assert_ptr_nonnull(p[i]);
    ck_assert_uint_eq((uintptr_t)p[i] % alignof(max_align_t), 0);
    for(k=0; k<(i%7)*13+1; k++) ck_assert_uint_eq(p[i][k], 0);
    memset(p[i], 0xAB, (size_t)(i%7)*13 + 1);
  }
  for(i=1; i<100; i++) ck_assert_ptr_ne(p[i], p[i-1]);
  /* earlier allocations were not overwritten by later ones */
  for(i=0; i<100; i++) ck_assert_uint_eq(p[i][0], 0xAB);
  arena_free(&a);
  ck_assert_ptr_null(a.pHead);
}
END_TEST

START_TEST(test_a_large_request_gets_a_block_of_its_own){
  Arena a;
  char *pSmall, *pBig, *pAfter;
  arena_init(&a);
  pSmall = arena_alloc(&a, 10);
  pBig = arena_alloc(&a, 100000);
  ck_assert_ptr_nonnull(pSmall);
  ck_assert_ptr_nonnull(pBig);
  memset(pBig, 1, 100000);
  pAfter = arena_alloc(&a, 10);
  ck_assert_ptr_nonnull(pAfter);
  ck_assert_int_eq(pSmall[0], 0);
  ck_assert_int_eq(pAfter[0], 0);
  arena_free(&a);
}
END_TEST

START_TEST(test_zero_bytes_is_a_valid_unique_pointer){
  Arena a;
  void *p, *q;
  arena_init(&a);
  p = arena_alloc(&a, 0);
  q = arena_alloc(&a, 0);
  ck_assert_ptr_nonnull(p);
  ck_assert_ptr_ne(p, q);
  arena_free(&a);
}
END_TEST

START_TEST(test_an_overflowing_array_is_refused){
  Arena a;
  arena_init(&a);
  ck_assert_ptr_null(arena_array(&a, SIZE_MAX/2, 4));
  ck_assert_ptr_null(arena_alloc(&a, SIZE_MAX - 3));
  ck_assert_ptr_nonnull(arena_array(&a, 3, 4));
  arena_free(&a);
}
END_TEST

START_TEST(test_allocation_failure_is_null_and_the_arena_stays_usable){
  Arena a;
  int *p;
  arena_init(&a);
  mem_fail_after(1);
  ck_assert_ptr_null(arena_alloc(&a, 8));
  mem_fail_after(0);
  ck_assert_ptr_null(a.pHead);
  p = arena_alloc(&a, sizeof(int));
  ck_assert_ptr_nonnull(p);
  *p = 5;
  mem_fail_after(1);
  /* fits the existing block: no allocation, no failure */
  ck_assert_ptr_nonnull(arena_alloc(&a, 8));
  ck_assert_ptr_null(arena_alloc(&a, 100000));
  mem_fail_after(0);
  ck_assert_int_eq(*p, 5);
  arena_free(&a);
}
END_TEST

Suite *arena_suite(void){
  Suite *s = suite_create("arena");
  TCase *tc = tcase_create("arena");
  tcase_add_test(tc, test_allocations_are_zeroed_aligned_and_distinct);
  tcase_add_test(tc, test_a_large_request_gets_a_block_of_its_own);
  tcase_add_test(tc, test_zero_bytes_is_a_valid_unique_pointer);
  tcase_add_test(tc, test_an_overflowing_array_is_refused);
  tcase_add_test(tc, test_allocation_failure_is_null_and_the_arena_stays_usable);
  suite_add_tcase(s, tc);
  return s;
}
