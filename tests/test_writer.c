/*
** test_writer.c — the specification of engine/store/writer.c and of the
** store's background mode (store_background): queued statements run in
** the order they were queued with exactly the values they were given, a
** failure stops the writer and is reported with its statement, a record
** larger than a chunk goes through whole, and a store whose queue runs out
** of memory writes every row in line instead: the database is the same
** whichever allocation fails.
*/
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "writer.h"
#include "store.h"
#include "suites.h"

static sqlite3 *open_mem(void){
  sqlite3 *db = NULL;
  ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t(a INTEGER, b TEXT, c REAL,"
                                " d TEXT NOT NULL)", NULL, NULL, NULL), SQLITE_OK);
  return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *zSql){
  sqlite3_stmt *s = NULL;
  ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &s, NULL), SQLITE_OK);
  return s;
}

static int64_t q1(sqlite3 *db, const char *zSql){
  sqlite3_stmt *s = prepare(db, zSql);
  int64_t v = -1;
  if( sqlite3_step(s)==SQLITE_ROW ) v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

START_TEST(test_a_record_binds_each_kind_of_value_to_its_parameter){
  sqlite3 *db = open_mem();
  sqlite3_stmt *s = prepare(db, "SELECT ?1, typeof(?2), ?3, ?4, length(CAST(?4 AS BLOB))");
  WriterRec r;
  memset(&r, 0, sizeof(r));
  ck_assert_int_eq(writer_rec_text(&r, 4, "ab\0cd", 5), 0);   /* length given: the NUL kept */
  ck_assert_int_eq(writer_rec_int(&r, 1, -9000000000LL), 0);
  ck_assert_int_eq(writer_rec_null(&r, 2), 0);
  ck_assert_int_eq(writer_rec_double(&r, 3, 2.5), 0);
  writer_rec_bind(&r, s);
  ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
  ck_assert_int_eq(sqlite3_column_int64(s, 0), -9000000000LL);
  ck_assert_str_eq((const char*)sqlite3_column_text(s, 1), "null");
  ck_assert(sqlite3_column_double(s, 2)==2.5);
  ck_assert_int_eq(sqlite3_column_bytes(s, 3), 5);
  ck_assert_int_eq(sqlite3_column_int(s, 4), 5);
  sqlite3_finalize(s);
  /* a NULL text is SQL NULL; a NUL-terminated one is read to its end */
  writer_rec_reset(&r);
  s = prepare(db, "SELECT typeof(?1), ?2");
  ck_assert_int_eq(writer_rec_text(&r, 1, NULL, -1), 0);
  ck_assert_int_eq(writer_rec_text(&r, 2, "hello", -1), 0);
  writer_rec_bind(&r, s);
  ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
  ck_assert_str_eq((const char*)sqlite3_column_text(s, 0), "null");
  ck_assert_str_eq((const char*)sqlite3_column_text(s, 1), "hello");
  sqlite3_finalize(s);
  writer_rec_free(&r);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_queued_rows_arrive_in_order_with_their_values){
  sqlite3 *db = open_mem();
  sqlite3_stmt *ins = prepare(db, "INSERT INTO t(a, b, c, d) VALUES(?1, ?2, ?3, ?4)");
  sqlite3_stmt *upd = prepare(db, "UPDATE t SET b=?2 WHERE a=?1");
  Writer *w = writer_start(db);
  WriterRec r;
  char z[32];
  int i;
  ck_assert_ptr_nonnull(w);
  memset(&r, 0, sizeof(r));
  for(i=1; i<=50000; i++){
    writer_rec_reset(&r);
    snprintf(z, sizeof(z), "row %d", i);
    writer_rec_int(&r, 1, i);
    writer_rec_text(&r, 2, z, -1);
    writer_rec_double(&r, 3, i/2.0);
    writer_rec_text(&r, 4, "d", -1);
    ck_assert_int_eq(writer_queue(w, ins, &r), 0);
    if( i%1000==0 ){
      /* an update of a row queued just before must find it */
      writer_rec_reset(&r);
      writer_rec_int(&r, 1, i);
      writer_rec_text(&r, 2, "updated", -1);
      ck_assert_int_eq(writer_queue(w, upd, &r), 0);
    }
  }
  /* a record that leaves a parameter out gives it NULL, not the value the
  ** statement's previous record gave it */
  writer_rec_reset(&r);
  writer_rec_int(&r, 1, 50001);
  writer_rec_text(&r, 4, "d", -1);
  ck_assert_int_eq(writer_queue(w, ins, &r), 0);
  writer_drain(w);
  ck_assert_int_eq(writer_error(w, z, sizeof(z)), 0);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE a=50001 AND b IS NULL AND c IS NULL"), 1);
  ck_assert_int_eq(q1(db, "DELETE FROM t WHERE a=50001 RETURNING 1"), 1);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t"), 50000);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE rowid<>a"), 0);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE b='updated'"), 50);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE b<>'updated' AND b<>'row '||a"), 0);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE c*2<>a"), 0);
  writer_stop(w);
  writer_rec_free(&r);
  sqlite3_finalize(ins);
  sqlite3_finalize(upd);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_a_record_larger_than_a_chunk_goes_through_whole_and_in_order){
  sqlite3 *db = open_mem();
  sqlite3_stmt *ins = prepare(db, "INSERT INTO t(a, d) VALUES(?1, ?2)");
  Writer *w = writer_start(db);
  WriterRec r;
  size_t nBig = 3*1024*1024;
  char *zBig = mem_malloc(nBig + 1);
  int i;
  ck_assert_ptr_nonnull(w);
  ck_assert_ptr_nonnull(zBig);
  memset(zBig, 'x', nBig);
  zBig[nBig] = 0;
  memset(&r, 0, sizeof(r));
  for(i=1; i<=3; i++){
    writer_rec_reset(&r);
    writer_rec_int(&r, 1, i);
    writer_rec_text(&r, 2, i==2 ? zBig : "small", -1);
    ck_assert_int_eq(writer_queue(w, ins, &r), 0);
  }
  writer_stop(w);   /* stopping drains */
  ck_assert_int_eq(q1(db, "SELECT length(d) FROM t WHERE a=2"), (int64_t)nBig);
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t WHERE rowid=a"), 3);
  mem_free(zBig);
  writer_rec_free(&r);
  sqlite3_finalize(ins);
  sqlite3_close(db);
}
END_TEST

START_TEST(test_a_failing_statement_is_reported_and_nothing_after_it_runs){
  sqlite3 *db = open_mem();
  sqlite3_stmt *ins = prepare(db, "INSERT INTO t(a, d) VALUES(?1, ?2)");
  Writer *w = writer_start(db);
  WriterRec r;
  char zErr[512];
  int i;
  ck_assert_ptr_nonnull(w);
  memset(&r, 0, sizeof(r));
  for(i=1; i<=10; i++){
    writer_rec_reset(&r);
    writer_rec_int(&r, 1, i);
    writer_rec_text(&r, 2, i==4 ? NULL : "d", -1);   /* row 4 breaks NOT NULL */
    ck_assert_int_eq(writer_queue(w, ins, &r), 0);
  }
  writer_drain(w);
  ck_assert_int_eq(writer_error(w, zErr, sizeof(zErr)), SQLITE_CONSTRAINT);
  ck_assert_ptr_nonnull(strstr(zErr, "database error in INSERT INTO t(a, d)"));
  ck_assert_ptr_nonnull(strstr(zErr, "NOT NULL"));
  ck_assert_int_eq(q1(db, "SELECT count(*) FROM t"), 3);
  writer_stop(w);
  writer_rec_free(&r);
  sqlite3_finalize(ins);
  sqlite3_close(db);
}
END_TEST

/* ------------------------------------------------------ the store's side */

static const char zSqlT[] = "CREATE TABLE IF NOT EXISTS w(a INTEGER PRIMARY KEY, b TEXT, c INTEGER)";
static const char zSqlIns[] = "INSERT INTO w(a, b, c) VALUES(?1, ?2, ?3)";
static const char zSqlBump[] = "UPDATE w SET c=c+1 WHERE a=?1";
static const char zSqlCount[] = "SELECT count(*), total(c), max(length(b)) FROM w";

/* Write n rows through store s (in the background when bBg), reading the
** table back halfway (a query waits for the queue). */
static int64_t write_rows(Store *s, int n, int bBg){
  char z[64];
  int64_t nHalf = -1;
  int i;
  store_background(s, bBg);
  for(i=1; i<=n; i++){
    StoreStmt *p = store_write(s, zSqlIns);
    snprintf(z, sizeof(z), "value %d", i*7);
    store_put_int(p, 1, i);
    store_put_text(p, 2, z);
    store_put_opt_int(p, 3, i, i%3==0);
    store_run(s, p);
    if( i%5==0 ){
      p = store_write(s, zSqlBump);
      store_put_int(p, 1, i-1);
      store_run(s, p);
    }
    if( i==n/2 ){
      sqlite3_stmt *q = store_stmt(s, zSqlCount);
      if( q && sqlite3_step(q)==SQLITE_ROW ) nHalf = sqlite3_column_int64(q, 0);
    }
  }
  store_background(s, 0);
  return nHalf;
}

static void open_store(const char *zPath, Store **pp){
  TsErr err;
  unlink(zPath);
  ck_assert_int_eq(store_create(zPath, pp, &err), TS_OK);
  ck_assert_int_eq(store_exec(*pp, zSqlT), 0);
}

static void table_of(Store *s, int64_t a[3]){
  sqlite3_stmt *q = store_stmt(s, zSqlCount);
  ck_assert_ptr_nonnull(q);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  a[0] = sqlite3_column_int64(q, 0);
  a[1] = (int64_t)sqlite3_column_double(q, 1);
  a[2] = sqlite3_column_int64(q, 2);
  sqlite3_reset(q);
}

START_TEST(test_the_background_writes_the_same_rows_as_writing_in_line){
  char zA[64], zB[64];
  Store *a = NULL, *b = NULL;
  int64_t ta[3], tb[3];
  snprintf(zA, sizeof(zA), "/tmp/tenantsim-writer-a-%ld.db", (long)getpid());
  snprintf(zB, sizeof(zB), "/tmp/tenantsim-writer-b-%ld.db", (long)getpid());
  open_store(zA, &a);
  open_store(zB, &b);
  ck_assert_int_eq(write_rows(a, 20000, 0), 10000);
  ck_assert_int_eq(write_rows(b, 20000, 1), 10000);   /* the query saw every row queued before it */
  table_of(a, ta);
  table_of(b, tb);
  ck_assert_int_eq(ta[0], 20000);
  ck_assert_int_eq(ta[0], tb[0]);
  ck_assert_int_eq(ta[1], tb[1]);
  ck_assert_int_eq(ta[2], tb[2]);
  ck_assert_int_eq(store_failed(b), 0);
  store_close(a);
  store_close(b);
  unlink(zA);
  unlink(zB);
}
END_TEST

START_TEST(test_a_queued_failure_is_latched_at_the_next_wait){
  char zA[64];
  Store *s = NULL;
  TsErr err;
  StoreStmt *p;
  snprintf(zA, sizeof(zA), "/tmp/tenantsim-writer-f-%ld.db", (long)getpid());
  open_store(zA, &s);
  store_background(s, 1);
  p = store_write(s, zSqlIns);
  store_put_int(p, 1, 1);
  store_run(s, p);
  p = store_write(s, zSqlIns);
  store_put_int(p, 1, 1);          /* the same primary key: fails in the writer */
  ck_assert_int_eq(store_run(s, p), 0);   /* queued: not known yet */
  ck_assert_ptr_nonnull(store_db(s));     /* waits for the queue */
  ck_assert_int_ne(store_failed(s), 0);
  ck_assert_int_eq(store_error(s, &err), TS_IOERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "database error in INSERT INTO w"));
  ck_assert_int_eq(store_run(s, store_write(s, zSqlIns)), -1);   /* latched */
  store_close(s);
  unlink(zA);
}
END_TEST

/* The reader indexes: built on the writer thread in two parts
** (store_index_logs, then store_finish), or all by store_finish; either
** way every index exists, and a row written after the logs' indexes is in
** them. */
START_TEST(test_the_reader_indexes_are_built_in_two_parts_or_at_once){
  char zA[64];
  Store *s = NULL;
  int bEarly;
  static const char zCount[] = "SELECT count(*) FROM sqlite_schema WHERE type='index'"
                               " AND sql IS NOT NULL";
  snprintf(zA, sizeof(zA), "/tmp/tenantsim-writer-i-%ld.db", (long)getpid());
  for(bEarly=0; bEarly<2; bEarly++){
    int64_t nBefore;
    open_store(zA, &s);
    ck_assert_int_eq(store_begin(s), 0);
    nBefore = q1(store_db(s), zCount);
    store_background(s, 1);
    if( bEarly ){
      store_index_logs(s);
      ck_assert_int_eq(store_exec(s, "INSERT INTO links(job, source_user, target_user, alt_sec_id,"
                                  " how, linked_at) VALUES(0, 1, 7, 'a', 'created', 0)"), 0);
      ck_assert_int_eq(q1(store_db(s), "SELECT count(*) FROM sqlite_schema WHERE name='users_tenant'"), 0);
      ck_assert_int_eq(q1(store_db(s), "SELECT count(*) FROM sqlite_schema WHERE name='links_target'"), 1);
    }
    store_background(s, 0);
    store_finish(s);
    ck_assert_int_eq(store_failed(s), 0);
    ck_assert_int_eq(q1(store_db(s), zCount) - nBefore, 9);
    if( bEarly ){
      ck_assert_int_eq(q1(store_db(s), "SELECT count(*) FROM links INDEXED BY links_target"
                                       " WHERE target_user=7"), 1);
    }
    store_close(s);
    unlink(zA);
  }
}
END_TEST

/* A large text is not copied into the queue: its statement waits for the
** queue and runs in line, in its place among the others. */
START_TEST(test_a_large_text_runs_in_line_in_its_place){
  static const char zSqlOther[] = "INSERT INTO w(a, b, c) VALUES(?1, 'other', ?2)";
  char zA[64];
  Store *s = NULL;
  StoreStmt *pBig, *pSmall;
  size_t nBig = 200*1024;
  char *zBig = mem_malloc(nBig + 1);
  sqlite3_stmt *q;
  int i;
  ck_assert_ptr_nonnull(zBig);
  memset(zBig, 'y', nBig);
  zBig[nBig] = 0;
  snprintf(zA, sizeof(zA), "/tmp/tenantsim-writer-l-%ld.db", (long)getpid());
  open_store(zA, &s);
  store_background(s, 1);
  for(i=1; i<=3; i++){
    pSmall = store_write(s, zSqlOther);
    store_put_int(pSmall, 1, i);
    store_put_int(pSmall, 2, i);
    store_run(s, pSmall);
  }
  pBig = store_write(s, zSqlIns);
  store_put_int(pBig, 1, 4);
  store_put_text(pBig, 2, zBig);        /* from here pBig runs in line */
  pSmall = store_write(s, zSqlOther);   /* built and queued in between */
  store_put_int(pSmall, 1, 5);
  store_put_int(pSmall, 2, 5);
  store_run(s, pSmall);
  store_put_int(pBig, 3, 4);            /* a value after the large one */
  ck_assert_int_eq(store_run(s, pBig), 0);
  pSmall = store_write(s, zSqlOther);
  store_put_int(pSmall, 1, 6);
  store_put_int(pSmall, 2, 6);
  store_run(s, pSmall);
  store_background(s, 0);
  ck_assert_int_eq(store_failed(s), 0);
  q = store_stmt(s, "SELECT group_concat(a || ':' || length(b) || ':' || coalesce(c, 'null'), ' ')"
                    " FROM (SELECT * FROM w ORDER BY rowid)");
  ck_assert_ptr_nonnull(q);
  ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
  ck_assert_str_eq((const char*)sqlite3_column_text(q, 0),
                   "1:5:1 2:5:2 3:5:3 4:204800:4 5:5:5 6:5:6");
  sqlite3_reset(q);
  store_close(s);
  mem_free(zBig);
  unlink(zA);
}
END_TEST

START_TEST(test_each_failed_allocation_of_the_background_still_writes_every_row){
  char zA[64];
  Store *s = NULL;
  int64_t t0[3];
  long k;
  snprintf(zA, sizeof(zA), "/tmp/tenantsim-writer-m-%ld.db", (long)getpid());
  open_store(zA, &s);
  write_rows(s, 3000, 0);
  table_of(s, t0);
  store_close(s);
  ck_assert_int_eq(t0[0], 3000);
  for(k=1; k<=12; k++){
    int64_t t[3];
    open_store(zA, &s);
    mem_fail_after(k);   /* allocation k and every later one fail */
    write_rows(s, 3000, 1);
    mem_fail_after(0);
    ck_assert_int_eq(store_failed(s), 0);
    table_of(s, t);
    ck_assert_int_eq(t[0], t0[0]);
    ck_assert_int_eq(t[1], t0[1]);
    ck_assert_int_eq(t[2], t0[2]);
    store_close(s);
  }
  unlink(zA);
}
END_TEST

Suite *writer_suite(void){
  Suite *s = suite_create("writer");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_a_record_binds_each_kind_of_value_to_its_parameter);
  tcase_add_test(tc, test_queued_rows_arrive_in_order_with_their_values);
  tcase_add_test(tc, test_a_record_larger_than_a_chunk_goes_through_whole_and_in_order);
  tcase_add_test(tc, test_a_failing_statement_is_reported_and_nothing_after_it_runs);
  tcase_add_test(tc, test_the_background_writes_the_same_rows_as_writing_in_line);
  tcase_add_test(tc, test_a_queued_failure_is_latched_at_the_next_wait);
  tcase_add_test(tc, test_a_large_text_runs_in_line_in_its_place);
  tcase_add_test(tc, test_the_reader_indexes_are_built_in_two_parts_or_at_once);
  tcase_add_test(tc, test_each_failed_allocation_of_the_background_still_writes_every_row);
  suite_add_tcase(s, tc);
  return s;
}
