/*
** test_diff_rows.c — the specification of reports/diff_rows.c: the rows of
** a query read ahead on a second thread come out in the query's order with
** the texts sqlite3_column_text gives (NULL kept), through more batches
** than may be in flight at once; a step error and a lack of memory end the
** rows with their code; a consumer may stop early.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "diff_rows.h"
#include "suites.h"

/* 5,000 rows (ten times more than a batch, more than may be in flight):
** x, 'v' || x or NULL for every seventh, and x*x as text. */
static sqlite3_stmt *rows_query(sqlite3 **pDb, const char *zWhere){
  sqlite3_stmt *q = NULL;
  char zSql[512];
  ck_assert_int_eq(sqlite3_open(":memory:", pDb), SQLITE_OK);
  snprintf(zSql, sizeof(zSql),
           "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x<5000)"
           " SELECT x, CASE WHEN x%%7 THEN 'v' || x END, CAST(x*x AS TEXT) FROM n %s", zWhere);
  ck_assert_int_eq(sqlite3_prepare_v2(*pDb, zSql, -1, &q, NULL), SQLITE_OK);
  return q;
}

START_TEST(test_rows_arrive_in_order_with_their_texts){
  sqlite3 *db;
  sqlite3_stmt *q = rows_query(&db, "");
  DiffRows *p = diff_rows_start(q, 3, 0);
  const DiffRow *r;
  int rc, n = 0;
  ck_assert_ptr_nonnull(p);
  while( (r = diff_rows_next(p, &rc))!=NULL ){
    char z[32];
    n++;
    ck_assert_int_eq(rc, SQLITE_ROW);
    ck_assert_int_eq(r->iKey, n);
    snprintf(z, sizeof(z), "%d", n);
    ck_assert_str_eq(r->az[0], z);
    if( n%7 ){
      snprintf(z, sizeof(z), "v%d", n);
      ck_assert_str_eq(r->az[1], z);
    }else{
      ck_assert_ptr_null(r->az[1]);
    }
    snprintf(z, sizeof(z), "%lld", (long long)n*n);
    ck_assert_str_eq(r->az[2], z);
  }
  ck_assert_int_eq(rc, SQLITE_DONE);
  ck_assert_int_eq(n, 5000);
  ck_assert_ptr_null(diff_rows_next(p, &rc));   /* the end stays the end */
  ck_assert_int_eq(rc, SQLITE_DONE);
  diff_rows_stop(p);
  sqlite3_finalize(q);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_a_step_error_ends_the_rows_with_its_code){
  sqlite3 *db;
  /* json() of a malformed text fails at row 3,000 */
  sqlite3_stmt *q = NULL;
  DiffRows *p;
  const DiffRow *r;
  int rc, n = 0;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db,
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM n WHERE x<5000)"
    " SELECT x, CASE WHEN x=3000 THEN json('{bad') ELSE 'ok' END FROM n", -1, &q, NULL), SQLITE_OK);
  p = diff_rows_start(q, 2, 0);
  ck_assert_ptr_nonnull(p);
  while( (r = diff_rows_next(p, &rc))!=NULL ) n++;
  ck_assert_int_eq(n, 2999);
  ck_assert_int_eq(rc, SQLITE_ERROR);
  diff_rows_stop(p);
  sqlite3_finalize(q);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_a_consumer_may_stop_early){
  sqlite3 *db;
  sqlite3_stmt *q = rows_query(&db, "");
  DiffRows *p = diff_rows_start(q, 3, 0);
  int rc, i;
  ck_assert_ptr_nonnull(p);
  for(i=0; i<10; i++) ck_assert_ptr_nonnull(diff_rows_next(p, &rc));
  diff_rows_stop(p);   /* the reader is told, waits no more, and is joined */
  ck_assert_int_eq(sqlite3_reset(q), SQLITE_OK);
  sqlite3_finalize(q);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_each_failed_allocation_ends_the_rows_as_out_of_memory){
  long k;
  for(k=1; k<=40; k++){
    sqlite3 *db;
    sqlite3_stmt *q = rows_query(&db, "");
    DiffRows *p;
    int rc = SQLITE_DONE, n = 0;
    mem_fail_after(k);
    p = diff_rows_start(q, 3, 0);
    if( p ){
      while( diff_rows_next(p, &rc) ) n++;
      diff_rows_stop(p);
    }
    mem_fail_after(0);
    if( p && rc==SQLITE_DONE ) ck_assert_int_eq(n, 5000);
    else if( p ) ck_assert_int_eq(rc, SQLITE_NOMEM);
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
}
END_TEST

Suite *diff_rows_suite(void){
  Suite *s = suite_create("diff_rows");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_rows_arrive_in_order_with_their_texts);
  tcase_add_test(tc, test_a_step_error_ends_the_rows_with_its_code);
  tcase_add_test(tc, test_a_consumer_may_stop_early);
  tcase_add_test(tc, test_each_failed_allocation_ends_the_rows_as_out_of_memory);
  suite_add_tcase(s, tc);
  return s;
}
