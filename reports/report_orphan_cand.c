/*
** report_orphan_cand.c — the links the report's orphans query starts from
** (reportInt.h: report_orphan_cand_load): every link of an existing job
** that the job does not justify, because its desired state is not
** 'present' (or it has no desired row), its job is deleted, or its source
** user is gone (deleted or purged).
**
** links and desired share their primary key (job, source_user), so one
** merge of the two tables in that order finds them, reading each once; the
** gone users come from the report's pass over users. The same set was a
** query probing desired and users for each link: a million index look-ups
** at a million users, a fifth of the report. The candidates go to the
** temporary table report_cand, in key order.
**
** May touch: the run database, read only; its temporary tables.
*/
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "reportInt.h"

static const char zSqlCandCreate[] =
  "CREATE TEMP TABLE IF NOT EXISTS report_cand(job INTEGER, source_user INTEGER,"
  " PRIMARY KEY(job, source_user)) WITHOUT ROWID";
static const char zSqlCandClear[] = "DELETE FROM temp.report_cand";
static const char zSqlCandAdd[] =
  "INSERT OR IGNORE INTO temp.report_cand(job, source_user) VALUES(?1, ?2)";
static const char zSqlCandJobs[] =
  "SELECT idx, deleted_at IS NOT NULL FROM jobs ORDER BY idx";
static const char zSqlCandLinks[] =
  "SELECT job, source_user FROM links NOT INDEXED ORDER BY job, source_user";
static const char zSqlCandDesired[] =
  "SELECT job, source_user, state IS 'present' FROM desired ORDER BY job, source_user";

/* The jobs: their indexes ascending and whether each is deleted. */
typedef struct CandJobs {
  int64_t *aIdx;
  unsigned char *abDeleted;
  int64_t n;
} CandJobs;

static void cand_jobs_free(CandJobs *p){
  mem_free(p->aIdx);
  mem_free(p->abDeleted);
}

static int cand_jobs_load(Store *pStore, CandJobs *p, TsErr *pErr){
  sqlite3_stmt *q = report_stmt(pStore, zSqlCandJobs, pErr);
  int64_t nAlloc = 0, nAllocDel = 0;
  int e, rc = TS_OK;
  memset(p, 0, sizeof(*p));
  if( q==NULL ) return TS_IOERR;
  while( (e = report_step(pStore, q, pErr))==SQLITE_ROW ){
    if( mem_grow((void**)&p->aIdx, p->n, &nAlloc, sizeof(int64_t))
     || mem_grow((void**)&p->abDeleted, p->n, &nAllocDel, 1) ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
    p->aIdx[p->n] = sqlite3_column_int64(q, 0);
    p->abDeleted[p->n] = (unsigned char)sqlite3_column_int(q, 1);
    p->n++;
  }
  sqlite3_reset(q);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  return rc;
}

/* Position of v in the ascending a[n], or -1. */
static int64_t cand_find(const int64_t *a, int64_t n, int64_t v){
  int64_t lo = 0, hi = n;
  while( lo<hi ){
    int64_t mid = lo + (hi-lo)/2;
    if( a[mid]==v ) return mid;
    if( a[mid]<v ) lo = mid+1; else hi = mid;
  }
  return -1;
}

static int cand_add(Store *pStore, int64_t iJob, int64_t idSource, TsErr *pErr){
  sqlite3_stmt *s = report_stmt(pStore, zSqlCandAdd, pErr);
  int e;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, iJob);
  sqlite3_bind_int64(s, 2, idSource);
  e = report_step(pStore, s, pErr);
  sqlite3_reset(s);
  return e<0 ? TS_IOERR : TS_OK;
}

/* The next row of desired (qD) into *pJob, *pUser, *pbPresent; returns
** report_step's result. */
static int cand_desired_next(Store *pStore, sqlite3_stmt *qD, int64_t *pJob, int64_t *pUser,
                             int *pbPresent, TsErr *pErr){
  int e = report_step(pStore, qD, pErr);
  if( e==SQLITE_ROW ){
    *pJob = sqlite3_column_int64(qD, 0);
    *pUser = sqlite3_column_int64(qD, 1);
    *pbPresent = sqlite3_column_int(qD, 2);
  }
  return e;
}

/* Walk links and desired together; add the candidates. */
static int cand_merge(Store *pStore, const CandJobs *pJobs, const int64_t *aGone,
                      int64_t nGone, TsErr *pErr){
  sqlite3_stmt *qL = report_stmt(pStore, zSqlCandLinks, pErr);
  sqlite3_stmt *qD = qL ? report_stmt(pStore, zSqlCandDesired, pErr) : NULL;
  int64_t dJob = 0, dUser = 0;
  int eL = SQLITE_DONE, eD, bPresent = 0, rc = TS_OK;
  if( qD==NULL ) return TS_IOERR;
  eD = cand_desired_next(pStore, qD, &dJob, &dUser, &bPresent, pErr);
  while( eD>=0 && (eL = report_step(pStore, qL, pErr))==SQLITE_ROW ){
    int64_t iJob = sqlite3_column_int64(qL, 0), idSource = sqlite3_column_int64(qL, 1), k;
    int bJustified;
    /* desired up to this link's key */
    while( eD==SQLITE_ROW && (dJob<iJob || (dJob==iJob && dUser<idSource)) ){
      eD = cand_desired_next(pStore, qD, &dJob, &dUser, &bPresent, pErr);
    }
    if( eD<0 ) break;
    if( (k = cand_find(pJobs->aIdx, pJobs->n, iJob))<0 ) continue;   /* no such job */
    bJustified = eD==SQLITE_ROW && dJob==iJob && dUser==idSource && bPresent
              && !pJobs->abDeleted[k] && cand_find(aGone, nGone, idSource)<0;
    if( !bJustified && (rc = cand_add(pStore, iJob, idSource, pErr))!=TS_OK ) break;
  }
  sqlite3_reset(qL);
  sqlite3_reset(qD);
  if( rc==TS_OK && (eD<0 || eL<0) ) rc = TS_IOERR;
  return rc;
}

int report_orphan_cand_load(Store *pStore, const int64_t *aGone, int64_t nGone, TsErr *pErr){
  CandJobs jobs;
  /* statements without parameters or rows: report_row_ints with none */
  int rc = report_row_ints(pStore, zSqlCandCreate, -1, NULL, 0, pErr);
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlCandClear, -1, NULL, 0, pErr);
  if( rc ) return rc;
  rc = cand_jobs_load(pStore, &jobs, pErr);
  if( rc==TS_OK ) rc = cand_merge(pStore, &jobs, aGone, nGone, pErr);
  cand_jobs_free(&jobs);
  return rc;
}
