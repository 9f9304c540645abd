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
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "test_util.h"

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

/* ---- run databases and JSON reports (test_e2e.c, test_cli_e2e.c) */


/* Write the rows of every table and view that zWhere selects from
** sqlite_schema, in a fixed order, to zOut. */
static inline void dump_db_where(const char *zDb, const char *zOut, const char *zWhere){
  sqlite3 *db;
  sqlite3_stmt *pT, *p;
  char zList[400];
  FILE *f = fopen(zOut, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  snprintf(zList, sizeof(zList), "SELECT name FROM sqlite_schema WHERE %s ORDER BY name", zWhere);
  ck_assert_int_eq(sqlite3_prepare_v2(db, zList, -1, &pT, NULL), SQLITE_OK);
  while( sqlite3_step(pT)==SQLITE_ROW ){
    char zSql[400];
    int i, n, k;
    snprintf(zSql, sizeof(zSql), "SELECT * FROM \"%s\"", (const char*)sqlite3_column_text(pT, 0));
    ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &p, NULL), SQLITE_OK);
    n = sqlite3_column_count(p);
    sqlite3_finalize(p);
    k = (int)strlen(zSql);
    for(i=1; i<=n && k<(int)sizeof(zSql)-8; i++){
      k += snprintf(zSql+k, sizeof(zSql)-(size_t)k, "%s%d", i==1 ? " ORDER BY " : ",", i);
    }
    ck_assert_int_eq(sqlite3_prepare_v2(db, zSql, -1, &p, NULL), SQLITE_OK);
    fprintf(f, "table %s\n", (const char*)sqlite3_column_text(pT, 0));
    while( sqlite3_step(p)==SQLITE_ROW ){
      for(i=0; i<n; i++){
        const unsigned char *z = sqlite3_column_text(p, i);
        fprintf(f, "%s%s", i ? "|" : "", z ? (const char*)z : "NULL");
      }
      fputc('\n', f);
    }
    sqlite3_finalize(p);
  }
  sqlite3_finalize(pT);
  sqlite3_close(db);
  fclose(f);
}

/* Write every table's and view's rows, in a fixed order, to zOut: equal
** files mean equal database contents. */
static inline void dump_db(const char *zDb, const char *zOut){
  dump_db_where(zDb, zOut, "type IN ('table','view')");
}

/* The JSON document in the file at zPath, or NULL when it does not parse
** (free with cJSON_Delete). */
static inline cJSON *read_json(const char *zPath){
  char *z = tu_slurp(zPath, NULL);
  cJSON *p = cJSON_Parse(z);
  free(z);
  return p;
}

static inline long long jnum(const cJSON *p, const char *zA, const char *zB){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zA);
  if( zB ) c = cJSON_GetObjectItemCaseSensitive(c, zB);
  ck_assert_msg(cJSON_IsNumber(c), "%s.%s is not a number", zA, zB ? zB : "");
  return (long long)c->valuedouble;
}

static inline int e2e_run_scenario(const char *zDir, const char *zScn, const char *zName,
                                   const char *zExtra){
  return sh("%s run %s --db %s/%s.db --json %s/%s.json --quiet %s > %s/%s.out 2>&1",
            bin(), zScn, zDir, zName, zDir, zName, zExtra ? zExtra : "", zDir, zName);
}

/* Run shipped scenario scenarios/<zName>.json into zDir/<zName>.db (its
** path into zDb[n]) with its JSON report; return the parsed report (the
** caller cJSON_Deletes it). */
static inline cJSON *e2e_run_shipped(const char *zDir, const char *zName, char *zDb, size_t n){
  char zJson[300];
  char *z;
  cJSON *pDoc;
  snprintf(zDb, n, "%s/%s.db", zDir, zName);
  snprintf(zJson, sizeof(zJson), "%s/%s.json", zDir, zName);
  ck_assert_int_eq(sh("%s run scenarios/%s.json --db %s --json %s --quiet > /dev/null",
                      bin(), zName, zDb, zJson), 0);
  z = tu_slurp(zJson, NULL);
  pDoc = cJSON_Parse(z);
  free(z);
  ck_assert_ptr_nonnull(pDoc);
  return pDoc;
}

/* Detection zId of JSON report pDoc (the test fails when it has none),
** and whether it fired. */
static inline const cJSON *e2e_detection(const cJSON *pDoc, const char *zId){
  const cJSON *d;
  cJSON_ArrayForEach(d, cJSON_GetObjectItem(pDoc, "detections")){
    if( strcmp(cJSON_GetObjectItem(d, "id")->valuestring, zId)==0 ) return d;
  }
  ck_abort_msg("no detection %s", zId);
  return NULL;
}
static inline int e2e_fired(const cJSON *pDoc, const char *zId){
  return cJSON_IsTrue(cJSON_GetObjectItem(e2e_detection(pDoc, zId), "detected"));
}

#endif
