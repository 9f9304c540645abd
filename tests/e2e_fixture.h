/*
** e2e_fixture.h — what the end-to-end suites share: the tenantsim binary
** under test ($TENANTSIM, which the Makefile sets to the plain or the
** sanitizer build), shell commands, one-value SQLite queries, whole files.
*/
#ifndef TS_E2E_FIXTURE_H
#define TS_E2E_FIXTURE_H
#include <check.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Make a fresh temporary directory /tmp/<zPrefix>-XXXXXX into zDir. */
static inline void e2e_mkdir(char *zDir, size_t n, const char *zPrefix){
  snprintf(zDir, n, "/tmp/%s-XXXXXX", zPrefix);
  ck_assert_ptr_nonnull(mkdtemp(zDir));
}

/* Remove directory zDir and everything in it. */
static inline void e2e_rmdir(const char *zDir){
  char zCmd[300];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  if( system(zCmd)!=0 ) fprintf(stderr, "could not remove %s\n", zDir);
}

static inline const char *bin(void){
  const char *z = getenv("TENANTSIM");
  return z && z[0] ? z : "./tenantsim";
}

/* Run a shell command; return its exit status (or -1). */
static inline int sh(const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 1, 2)))
#endif
  ;
static inline int sh(const char *zFmt, ...){
  char zCmd[2048];
  va_list ap;
  int rc;
  va_start(ap, zFmt);
  vsnprintf(zCmd, sizeof(zCmd), zFmt, ap);
  va_end(ap);
  rc = system(zCmd);
  if( rc==-1 || !WIFEXITED(rc) ) return -1;
  return WEXITSTATUS(rc);
}

/* The single integer a query returns. */
static inline long long q1(const char *zDb, const char *zSql){
  sqlite3 *db;
  sqlite3_stmt *p;
  long long v = -999;
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg(sqlite3_prepare_v2(db, zSql, -1, &p, NULL)==SQLITE_OK, "bad SQL: %s", zSql);
  if( sqlite3_step(p)==SQLITE_ROW ) v = sqlite3_column_int64(p, 0);
  sqlite3_finalize(p);
  sqlite3_close(db);
  return v;
}

/* The text value of a query (first column of the first row) into z[n];
** "" for no row or NULL. */
static inline const char *qtext(const char *zDb, const char *zSql, char *z, size_t n){
  sqlite3 *db;
  sqlite3_stmt *p;
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg(sqlite3_prepare_v2(db, zSql, -1, &p, NULL)==SQLITE_OK, "bad SQL: %s", zSql);
  z[0] = 0;
  if( sqlite3_step(p)==SQLITE_ROW && sqlite3_column_text(p, 0) ){
    snprintf(z, n, "%s", (const char*)sqlite3_column_text(p, 0));
  }
  sqlite3_finalize(p);
  sqlite3_close(db);
  return z;
}

#endif
