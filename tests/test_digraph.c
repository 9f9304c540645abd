/*
** test_digraph.c — the directed graph under the nested-group checks
** (engine/base/digraph.c): edges added once and removed, reachability
** through any number of edges (and a node reaching itself), and a failed
** allocation that leaves the graph as it was.
*/
#include <check.h>
#include "mem.h"
#include "digraph.h"
#include "suites.h"

START_TEST(test_edges_are_added_once_and_removed){
  Digraph g;
  digraph_init(&g);
  ck_assert_int_eq(digraph_add(&g, 0, 3), 1);
  ck_assert_int_eq(digraph_add(&g, 0, 3), 0);
  ck_assert_int_eq(g.nNode, 4);            /* room for both ends */
  ck_assert_int_eq(digraph_add(&g, 0, 1), 1);
  ck_assert_int_eq(digraph_add(&g, 0, 2), 1);
  ck_assert_int_eq(digraph_remove(&g, 0, 1), 1);
  ck_assert_int_eq(digraph_remove(&g, 0, 1), 0);
  ck_assert_int_eq(digraph_remove(&g, 9, 1), 0);
  /* the order of the remaining edges is kept */
  ck_assert_int_eq(g.aNode[0].nTo, 2);
  ck_assert_int_eq(g.aNode[0].aTo[0], 3);
  ck_assert_int_eq(g.aNode[0].aTo[1], 2);
  digraph_free(&g);
  ck_assert_int_eq(g.nNode, 0);
}
END_TEST

START_TEST(test_a_path_of_any_length_reaches){
  Digraph g;
  int i;
  digraph_init(&g);
  for(i=0; i<1000; i++) ck_assert_int_eq(digraph_add(&g, i, i+1), 1);
  ck_assert_int_eq(digraph_add(&g, 5, 2000), 1);
  ck_assert_int_eq(digraph_reaches(&g, 0, 1000), 1);
  ck_assert_int_eq(digraph_reaches(&g, 3, 2000), 1);
  ck_assert_int_eq(digraph_reaches(&g, 1000, 0), 0);    /* edges have a direction */
  ck_assert_int_eq(digraph_reaches(&g, 6, 2000), 0);
  ck_assert_int_eq(digraph_reaches(&g, 7, 7), 1);       /* a node reaches itself */
  ck_assert_int_eq(digraph_reaches(&g, 5000, 1), 0);    /* never named */
  ck_assert_int_eq(digraph_reaches(&g, 1, 5000), 0);
  /* a diamond and a cycle terminate */
  ck_assert_int_eq(digraph_add(&g, 1000, 0), 1);
  ck_assert_int_eq(digraph_reaches(&g, 1000, 999), 1);
  ck_assert_int_eq(digraph_reaches(&g, 1000, 1500), 0);
  digraph_free(&g);
}
END_TEST

/* A failed allocation is -1 and leaves the edges as they were; a search
** that cannot allocate says -1 rather than a wrong answer. */
START_TEST(test_a_failed_allocation_leaves_the_graph_as_it_was){
  long n;
  int nFailed = 0;
  for(n=1; n<100; n++){
    Digraph g;
    int i, rc = 1;
    digraph_init(&g);
    mem_fail_after(n);
    for(i=0; i<40 && rc>0; i++) rc = digraph_add(&g, i%5, i+1);
    mem_fail_after(0);
    if( rc>0 ){
      mem_fail_after(1);
      ck_assert_int_eq(digraph_reaches(&g, 0, 36), -1);
      mem_fail_after(0);
      ck_assert_int_eq(digraph_reaches(&g, 0, 36), 1);
      digraph_free(&g);
      break;
    }
    nFailed++;
    ck_assert_int_eq(rc, -1);
    for(i=i-2; i>=0; i--) ck_assert_int_eq(digraph_reaches(&g, i%5, i+1), 1);
    digraph_free(&g);
  }
  ck_assert_int_gt(nFailed, 0);
  ck_assert_int_lt(n, 100);
}
END_TEST

Suite *digraph_suite(void){
  Suite *s = suite_create("digraph");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_edges_are_added_once_and_removed);
  tcase_add_test(tc, test_a_path_of_any_length_reaches);
  tcase_add_test(tc, test_a_failed_allocation_leaves_the_graph_as_it_was);
  suite_add_tcase(s, tc);
  return s;
}
