/*
** bench_measure.c — the clocks of `make bench`, what it reads of a run
** database (rows per table, the end of each job's initial cycle) and the
** two baselines it times in the same process as the run:
**   narrow   — as many rows as the run wrote, 5 narrow columns, one
**              prepared statement in one transaction: what SQLite costs
**              per row at its cheapest;
**   own rows — the run's own rows re-inserted into its own schema, one
**              prepared INSERT per table in one transaction, then the
**              reader indexes: the floor for any program writing exactly
**              the rows the run wrote.
** Both use the run database's pragmas (store.c). A ratio run/baseline is
** meaningful on a noisy machine because the three are timed minutes apart
** in one process; CPU seconds are steadier than wall seconds.
**
** May touch: the databases it is given (read, or created and removed).
*/
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include "bench.h"
#include "mem.h"
#include "schema.h"
#include "store.h"


void bench_measure_now(BenchClock *p){
  struct timespec ts;
  struct rusage ru;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  getrusage(RUSAGE_SELF, &ru);
  p->rWall = (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
  p->rCpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec/1e6
          + (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec/1e6;
}

BenchClock bench_measure_since(const BenchClock *p0){
  BenchClock t;
  bench_measure_now(&t);
  t.rWall -= p0->rWall;
  t.rCpu -= p0->rCpu;
  return t;
}

double bench_measure_peak_mib(void){
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss/1024.0;   /* Linux: kilobytes */
}

static const char zSqlTables[] =
  "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

int bench_measure_rows(const char *zDb, BenchRows *p){
  sqlite3 *db = NULL;
  sqlite3_stmt *pList = NULL;
  int nAlloc = 0, rc = -1;
  memset(p, 0, sizeof(*p));
  if( sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL)!=SQLITE_OK ) goto out_close;
  if( sqlite3_prepare_v2(db, zSqlTables, -1, &pList, NULL)!=SQLITE_OK ) goto out_close;
  while( sqlite3_step(pList)==SQLITE_ROW ){
    char zSql[128];
    sqlite3_stmt *pCount = NULL;
    BenchTable *t;
    if( mem_grow_int((void**)&p->a, p->n+1, &nAlloc, sizeof(BenchTable)) ) goto out_close;
    t = &p->a[p->n++];
    snprintf(t->zName, sizeof(t->zName), "%s", (const char*)sqlite3_column_text(pList, 0));
    snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM \"%s\"", t->zName);
    t->nRows = 0;
    if( sqlite3_prepare_v2(db, zSql, -1, &pCount, NULL)==SQLITE_OK && sqlite3_step(pCount)==SQLITE_ROW ){
      t->nRows = sqlite3_column_int64(pCount, 0);
    }
    sqlite3_finalize(pCount);
    p->nTotal += t->nRows;
  }
  rc = 0;
out_close:
  sqlite3_finalize(pList);
  sqlite3_close(db);
  if( rc ) bench_measure_rows_free(p);
  return rc;
}

void bench_measure_rows_free(BenchRows *p){
  mem_free(p->a);
  memset(p, 0, sizeof(*p));
}

/* Each job's first initial cycle (the lowest id of its kind). */
static const char zSqlInitial[] =
  "SELECT c.ended, c.state FROM cycles c"
  " JOIN (SELECT min(id) AS id FROM cycles WHERE kind='initial' GROUP BY job) f ON c.id=f.id";

int bench_measure_initial(const char *zDb, BenchInitial *p){
  sqlite3 *db = NULL;
  sqlite3_stmt *s = NULL;
  int rc = -1;
  memset(p, 0, sizeof(*p));
  p->tFirst = -1;
  if( sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL)!=SQLITE_OK ) goto out_close;
  if( sqlite3_prepare_v2(db, zSqlInitial, -1, &s, NULL)!=SQLITE_OK ) goto out_close;
  while( sqlite3_step(s)==SQLITE_ROW ){
    const unsigned char *zState = sqlite3_column_text(s, 1);
    p->nJob++;
    if( sqlite3_column_type(s, 0)==SQLITE_NULL ){ p->nUnfinished++; continue; }
    if( zState==NULL || strcmp((const char*)zState, "Succeeded")!=0 ) p->nNotSucceeded++;
    {
      SimTime t = sqlite3_column_int64(s, 0);
      if( p->tFirst<0 || t<p->tFirst ) p->tFirst = t;
      if( t>p->tLast ) p->tLast = t;
    }
  }
  sqlite3_finalize(s);
  s = NULL;
  if( sqlite3_prepare_v2(db, "SELECT count(*) FROM cycles", -1, &s, NULL)==SQLITE_OK
   && sqlite3_step(s)==SQLITE_ROW ){
    p->nCycles = sqlite3_column_int64(s, 0);
  }
  rc = 0;
out_close:
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rc;
}

int bench_measure_narrow(const char *zDb, long long nRows, BenchClock *pT){
  sqlite3 *db = NULL;
  sqlite3_stmt *p = NULL;
  BenchClock t0;
  long long i;
  char zText[64];
  int rc = -1;
  unlink(zDb);
  if( sqlite3_open(zDb, &db)!=SQLITE_OK ) goto out_close;
  if( sqlite3_exec(db, store_pragma_sql(), NULL, NULL, NULL)!=SQLITE_OK
   || sqlite3_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT, d INTEGER)",
                   NULL, NULL, NULL)!=SQLITE_OK ) goto out_close;
  bench_measure_now(&t0);
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  if( sqlite3_prepare_v2(db, "INSERT INTO t(a, b, c, d) VALUES(?1, ?2, ?3, ?4)", -1, &p, NULL) )
    goto out_close;
  for(i=0; i<nRows; i++){
    snprintf(zText, sizeof(zText), "user%lld@contoso.com", i);
    sqlite3_bind_int64(p, 1, i);
    sqlite3_bind_text(p, 2, zText, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, "d3b07384-d9a0-4c9b-8f3e-1c2d3e4f5a6b", -1, SQLITE_STATIC);
    sqlite3_bind_int64(p, 4, i*7);
    sqlite3_step(p);
    sqlite3_reset(p);
  }
  if( sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)!=SQLITE_OK ) goto out_close;
  *pT = bench_measure_since(&t0);
  rc = 0;
out_close:
  sqlite3_finalize(p);
  sqlite3_close(db);
  unlink(zDb);
  return rc;
}

/* One pass over every table of pS: with pD, each row inserted into the
** same table of pD; without, each row only read. */
static void copy_pass(sqlite3 *pS, sqlite3 *pD){
  sqlite3_stmt *pList = NULL;
  if( sqlite3_prepare_v2(pS, zSqlTables, -1, &pList, NULL)!=SQLITE_OK ) return;
  while( sqlite3_step(pList)==SQLITE_ROW ){
    const char *zTab = (const char*)sqlite3_column_text(pList, 0);
    char zSql[4096];
    sqlite3_stmt *pSel = NULL, *pIns = NULL;
    int n, k, off;
    snprintf(zSql, sizeof(zSql), "SELECT * FROM \"%s\"", zTab);
    if( sqlite3_prepare_v2(pS, zSql, -1, &pSel, NULL)!=SQLITE_OK ) continue;
    n = sqlite3_column_count(pSel);
    if( pD ){
      off = snprintf(zSql, sizeof(zSql), "INSERT OR REPLACE INTO \"%s\" VALUES(", zTab);
      for(k=0; k<n && off<(int)sizeof(zSql)-4; k++) off += snprintf(zSql+off, sizeof(zSql)-(size_t)off, "%s?", k ? "," : "");
      snprintf(zSql+off, sizeof(zSql)-(size_t)off, ")");
      sqlite3_prepare_v2(pD, zSql, -1, &pIns, NULL);
    }
    while( sqlite3_step(pSel)==SQLITE_ROW ){
      if( pIns==NULL ){
        for(k=0; k<n; k++) (void)sqlite3_column_value(pSel, k);
        continue;
      }
      for(k=0; k<n; k++) sqlite3_bind_value(pIns, k+1, sqlite3_column_value(pSel, k));
      sqlite3_step(pIns);
      sqlite3_reset(pIns);
    }
    sqlite3_finalize(pSel);
    sqlite3_finalize(pIns);
  }
  sqlite3_finalize(pList);
}

int bench_measure_own_rows(const char *zSrc, const char *zDst,
                           BenchClock *pInsert, BenchClock *pIndex){
  sqlite3 *pS = NULL, *pD = NULL;
  BenchClock t0, tRead, tAll;
  int rc = -1;
  unlink(zDst);
  if( sqlite3_open_v2(zSrc, &pS, SQLITE_OPEN_READONLY, NULL)!=SQLITE_OK ) goto out_close;
  if( sqlite3_open(zDst, &pD)!=SQLITE_OK ) goto out_close;
  if( sqlite3_exec(pD, store_pragma_sql(), NULL, NULL, NULL)!=SQLITE_OK
   || sqlite3_exec(pD, schema_sql(), NULL, NULL, NULL)!=SQLITE_OK ) goto out_close;
  bench_measure_now(&t0);
  copy_pass(pS, NULL);
  tRead = bench_measure_since(&t0);
  bench_measure_now(&t0);
  sqlite3_exec(pD, "BEGIN", NULL, NULL, NULL);
  copy_pass(pS, pD);
  if( sqlite3_exec(pD, "COMMIT", NULL, NULL, NULL)!=SQLITE_OK ) goto out_close;
  tAll = bench_measure_since(&t0);
  pInsert->rWall = tAll.rWall - tRead.rWall;
  pInsert->rCpu = tAll.rCpu - tRead.rCpu;
  bench_measure_now(&t0);
  if( sqlite3_exec(pD, schema_index_sql(), NULL, NULL, NULL)!=SQLITE_OK ) goto out_close;
  *pIndex = bench_measure_since(&t0);
  rc = 0;
out_close:
  sqlite3_close(pS);
  sqlite3_close(pD);
  unlink(zDst);
  return rc;
}
