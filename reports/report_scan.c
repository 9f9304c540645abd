/*
** report_scan.c — one pass over changes and one over provisioning_log
** for the sums of every job (see report_scan.h), beside the pass over
** users (report_scan_users.c) on a second connection in a second thread:
** the two read different tables, so on two cores the report takes about
** as long as the longer of them.
**
** Each pass is a plain scan of its table in rowid order (no index, no
** sort): a row adds to the sums of its job and of the whole run. What SQL
** ordered before (the latencies, the error codes) is sorted here by the
** same rule, so the figures are the ones the per-job queries gave, byte
** for byte.
**
** May touch: the run database, read only.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "report_scan.h"

/* Job indexes are the positions of the scenario's jobs (a few hundred at
** most); anything beyond this is not a run's database. */
#define REPORT_SCAN_MAX_JOB 1000000

static const char zSqlScanChanges[] =
  "SELECT job, outcome, converged_at - at, action IS NULL, at, converged_at, reason FROM changes";
static const char zSqlScanLog[] =
  "SELECT job, status, action, error_code, object_type='Group' AND status='success',"
  "       action='stagedDelete', cycle, activity_at FROM provisioning_log";

/* The sums of job iJob, growing the table to hold it; NULL when iJob is
** out of range or memory ran out (pErr says which). */
static ReportScanJob *scan_slot(ReportScan *p, int64_t iJob, TsErr *pErr){
  if( iJob<0 || iJob>=REPORT_SCAN_MAX_JOB ){
    tserr_set(pErr, TS_ERR, "the run database names job %lld, not a job a run writes",
              (long long)iJob);
    return NULL;
  }
  if( iJob>=p->nJob ){
    ReportScanJob *a = mem_realloc(p->aJob, sizeof(ReportScanJob)*(size_t)(iJob+1));
    if( a==NULL ){
      tserr_set(pErr, TS_NOMEM, "out of memory");
      return NULL;
    }
    memset(&a[p->nJob], 0, sizeof(ReportScanJob)*(size_t)(iJob+1-p->nJob));
    p->aJob = a;
    p->nJob = iJob+1;
  }
  return &p->aJob[iJob];
}

static int scan_is(const unsigned char *z, const char *zWord){
  return z && strcmp((const char*)z, zWord)==0;
}

static int scan_add_lat(ReportScanJob *s, int64_t d){
  if( mem_grow((void**)&s->aLat, s->nLat, &s->nLatAlloc, sizeof(int64_t)) ) return -1;
  s->aLat[s->nLat++] = d;
  return 0;
}

/* Add one change (outcome z, latency d) to s. 0, or -1 out of memory. */
static int scan_change(ReportScanJob *s, const unsigned char *z, int64_t d){
  static const char *const azOutcome[5] = { "converged", "superseded", "reverted", "held", "never" };
  int i;
  s->anOutcome[0]++;
  if( z==NULL ) return 0;
  for(i=0; i<5; i++){
    if( strcmp((const char*)z, azOutcome[i])==0 ){
      s->anOutcome[i+1]++;
      return i==0 ? scan_add_lat(s, d) : 0;
    }
  }
  return 0;
}

static int scan_same(const char *a, const char *b){
  return a==NULL || b==NULL ? a==b : strcmp(a, b)==0;
}

/* Count name z (NULL is a name too) in the list *pa: a linear search, as
** the names are a few dozen words of the engine's vocabulary (error codes,
** out-of-step reasons). TS_OK or TS_NOMEM. */
static int scan_count(ReportCount **pa, int *pn, int *pnAlloc, const char *z, TsErr *pErr){
  int i;
  for(i=0; i<*pn; i++){
    if( scan_same((*pa)[i].zName, z) ){
      (*pa)[i].n++;
      return TS_OK;
    }
  }
  if( mem_grow_int((void**)pa, *pn, pnAlloc, sizeof(ReportCount)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  (*pa)[*pn].n = 1;
  if( report_dup(z, &(*pa)[*pn].zName, pErr) ) return TS_NOMEM;
  (*pn)++;
  return TS_OK;
}

/* Add the current changes row, a change of the initial assignment, to s. */
static int scan_initial(ReportScanJob *s, sqlite3_stmt *q, TsErr *pErr){
  static const char *const azOutcome[5] = { "converged", "superseded", "reverted", "held", "never" };
  const char *z = (const char*)sqlite3_column_text(q, 1);
  int64_t t = sqlite3_column_int64(q, 4);
  int i;
  if( s->nInitial==0 || t<s->tInitialFirst ) s->tInitialFirst = t;
  s->nInitial++;
  for(i=0; z && i<5; i++){
    if( strcmp(z, azOutcome[i])!=0 ) continue;
    s->anInitial[i]++;
    if( i==0 && sqlite3_column_type(q, 5)!=SQLITE_NULL ){
      int64_t tConv = sqlite3_column_int64(q, 5);
      if( tConv>s->tInitialLast ) s->tInitialLast = tConv;   /* instants are >= 0 */
    }
    if( i>=3 ){
      return scan_count(&s->aInitialWhy, &s->nInitialWhy, &s->nInitialWhyAlloc,
                        (const char*)sqlite3_column_text(q, 6), pErr);
    }
    break;
  }
  return TS_OK;
}

/* Add one provisioning_log row to s. TS_OK or TS_NOMEM. */
static int scan_log(ReportScanJob *s, const unsigned char *zStatus, const unsigned char *zAction,
                    const unsigned char *zError, TsErr *pErr){
  if( scan_is(zStatus, "success") ){
    if( scan_is(zAction, "create") ) s->anExport[0]++;
    else if( scan_is(zAction, "update") ) s->anExport[1]++;
    else if( scan_is(zAction, "disable") ) s->anExport[2]++;
    else if( scan_is(zAction, "delete") ) s->anExport[3]++;
    return TS_OK;
  }
  if( scan_is(zStatus, "skipped") ){
    s->anExport[4]++;
    return TS_OK;
  }
  if( scan_is(zStatus, "failure") ) s->anExport[5]++;
  else if( !scan_is(zStatus, "warning") ) return TS_OK;
  return zError ? scan_count(&s->aError, &s->nError, &s->nErrorAlloc, (const char*)zError, pErr)
                : TS_OK;
}

static int scan_cmp_lat(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return (x>y) - (x<y);
}

/* Count descending, then name (NULL first): the order of the SQL it
** replaces. */
static int scan_cmp_count(const void *a, const void *b){
  const ReportCount *x = a, *y = b;
  if( x->n!=y->n ) return x->n > y->n ? -1 : 1;
  if( x->zName==NULL || y->zName==NULL ) return (x->zName!=NULL) - (y->zName!=NULL);
  return strcmp(x->zName, y->zName);
}

static void scan_sort(ReportScanJob *s){
  if( s->nLat>1 ) qsort(s->aLat, (size_t)s->nLat, sizeof(int64_t), scan_cmp_lat);
  if( s->nError>1 ) qsort(s->aError, (size_t)s->nError, sizeof(ReportCount), scan_cmp_count);
  if( s->nInitialWhy>1 ){
    qsort(s->aInitialWhy, (size_t)s->nInitialWhy, sizeof(ReportCount), scan_cmp_count);
  }
}

/* The latency of the current changes row: SQL's NULL (a converged change
** without converged_at) sorts first and reads as 0, as it did in SQL. */
static int64_t scan_col_lat(sqlite3_stmt *q){
  return sqlite3_column_type(q, 2)==SQLITE_NULL ? INT64_MIN : sqlite3_column_int64(q, 2);
}

/* Add the current changes row to its job's sums and the run's. */
static int scan_change_row(ReportScan *p, sqlite3_stmt *q, TsErr *pErr){
  ReportScanJob *s = scan_slot(p, sqlite3_column_int64(q, 0), pErr);
  const unsigned char *z = sqlite3_column_text(q, 1);
  int64_t d = scan_col_lat(q);
  if( s==NULL ) return pErr->rc;
  if( scan_change(s, z, d) || scan_change(&p->all, z, d) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  return sqlite3_column_int(q, 3) ? scan_initial(s, q, pErr) : TS_OK;
}

/* Keep the current row, a group written by group sync, as a group sync of
** its own (scan_fold folds them). */
static int scan_group_row(ReportScan *p, sqlite3_stmt *q, TsErr *pErr){
  const unsigned char *zAction = sqlite3_column_text(q, 2);
  ReportGroupSync *g;
  if( mem_grow((void**)&p->aGroupSync, p->nGroupSync, &p->nGroupSyncAlloc, sizeof(*g)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  g = &p->aGroupSync[p->nGroupSync++];
  memset(g, 0, sizeof(*g));
  g->iJob = sqlite3_column_int64(q, 0);
  g->bNoCycle = sqlite3_column_type(q, 6)==SQLITE_NULL;
  g->iCycle = sqlite3_column_int64(q, 6);
  g->tFirst = g->tLast = sqlite3_column_int64(q, 7);
  g->nCreate = scan_is(zAction, "create");
  g->nUpdate = scan_is(zAction, "update");
  g->nDelete = scan_is(zAction, "delete");
  return TS_OK;
}

/* Count the current row, a stagedDelete, for its cycle (folded later). */
static int scan_staged_row(ReportScan *p, sqlite3_stmt *q, TsErr *pErr){
  ReportStaged *r;
  if( sqlite3_column_type(q, 6)==SQLITE_NULL ) return TS_OK;   /* of no cycle */
  if( mem_grow((void**)&p->aStaged, p->nStaged, &p->nStagedAlloc, sizeof(*r)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  r = &p->aStaged[p->nStaged++];
  r->iCycle = sqlite3_column_int64(q, 6);
  r->n = 1;
  return TS_OK;
}

/* Add the current provisioning_log row to its job's sums and the run's. */
static int scan_log_row(ReportScan *p, sqlite3_stmt *q, TsErr *pErr){
  ReportScanJob *s = scan_slot(p, sqlite3_column_int64(q, 0), pErr);
  const unsigned char *zStatus = sqlite3_column_text(q, 1);
  const unsigned char *zAction = sqlite3_column_text(q, 2);
  const unsigned char *zError = sqlite3_column_text(q, 3);
  int rc = s ? scan_log(s, zStatus, zAction, zError, pErr) : pErr->rc;
  p->nLogRows++;
  if( rc==TS_OK ) rc = scan_log(&p->all, zStatus, zAction, zError, pErr);
  if( rc==TS_OK && sqlite3_column_int(q, 4) ) rc = scan_group_row(p, q, pErr);
  if( rc==TS_OK && sqlite3_column_int(q, 5) ) rc = scan_staged_row(p, q, pErr);
  return rc;
}

/* Step query zSql to its end, handing each row to xRow. */
static int scan_pass(Store *pStore, ReportScan *p, const char *zSql,
                     int (*xRow)(ReportScan*, sqlite3_stmt*, TsErr*), TsErr *pErr){
  sqlite3_stmt *q = report_stmt(pStore, zSql, pErr);
  int e = SQLITE_DONE, rc = TS_OK;
  if( q==NULL ) return TS_IOERR;
  while( rc==TS_OK && (e = report_step(pStore, q, pErr))==SQLITE_ROW ) rc = xRow(p, q, pErr);
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  sqlite3_reset(q);
  return rc;
}

/* Group syncs by job, then cycle (no cycle first), as GROUP BY gave them. */
static int scan_cmp_group_key(const void *a, const void *b){
  const ReportGroupSync *x = a, *y = b;
  if( x->iJob!=y->iJob ) return x->iJob<y->iJob ? -1 : 1;
  if( x->bNoCycle!=y->bNoCycle ) return x->bNoCycle ? -1 : 1;
  if( !x->bNoCycle && x->iCycle!=y->iCycle ) return x->iCycle<y->iCycle ? -1 : 1;
  return 0;
}

/* Group syncs by first instant, then job and cycle. */
static int scan_cmp_group(const void *a, const void *b){
  const ReportGroupSync *x = a, *y = b;
  if( x->tFirst!=y->tFirst ) return x->tFirst<y->tFirst ? -1 : 1;
  return scan_cmp_group_key(a, b);
}

static int scan_cmp_staged(const void *a, const void *b){
  const ReportStaged *x = a, *y = b;
  return x->iCycle<y->iCycle ? -1 : x->iCycle>y->iCycle;
}

/* Fold the rows of one group sync, and of one cycle's stagedDelete,
** into one entry each, in the order report_scan.h states. */
static void scan_fold(ReportScan *p){
  int64_t i, nOut = 0;
  if( p->nGroupSync>1 ){
    qsort(p->aGroupSync, (size_t)p->nGroupSync, sizeof(ReportGroupSync), scan_cmp_group_key);
  }
  for(i=0; i<p->nGroupSync; i++){
    ReportGroupSync *g = nOut>0 ? &p->aGroupSync[nOut-1] : NULL, *r = &p->aGroupSync[i];
    if( g && scan_cmp_group_key(g, r)==0 ){
      if( r->tFirst<g->tFirst ) g->tFirst = r->tFirst;
      if( r->tLast>g->tLast ) g->tLast = r->tLast;
      g->nCreate += r->nCreate;
      g->nUpdate += r->nUpdate;
      g->nDelete += r->nDelete;
    }else{
      p->aGroupSync[nOut++] = *r;
    }
  }
  p->nGroupSync = nOut;
  if( p->nGroupSync>1 ){
    qsort(p->aGroupSync, (size_t)p->nGroupSync, sizeof(ReportGroupSync), scan_cmp_group);
  }
  if( p->nStaged>1 ) qsort(p->aStaged, (size_t)p->nStaged, sizeof(ReportStaged), scan_cmp_staged);
  for(i=0, nOut=0; i<p->nStaged; i++){
    if( nOut>0 && p->aStaged[nOut-1].iCycle==p->aStaged[i].iCycle ) p->aStaged[nOut-1].n++;
    else p->aStaged[nOut++] = p->aStaged[i];
  }
  p->nStaged = nOut;
}

int64_t report_scan_staged(const ReportScan *pScan, int64_t iCycle){
  int64_t lo = 0, hi = pScan->nStaged;
  while( lo<hi ){
    int64_t mid = lo + (hi-lo)/2;
    if( pScan->aStaged[mid].iCycle<iCycle ) lo = mid+1;
    else hi = mid;
  }
  return lo<pScan->nStaged && pScan->aStaged[lo].iCycle==iCycle ? pScan->aStaged[lo].n : 0;
}

/* The passes over changes and provisioning_log into *pScan. */
static int scan_load(Store *pStore, ReportScan *pScan, TsErr *pErr){
  int64_t i;
  int rc;
  rc = scan_pass(pStore, pScan, zSqlScanChanges, scan_change_row, pErr);
  if( rc==TS_OK ) rc = scan_pass(pStore, pScan, zSqlScanLog, scan_log_row, pErr);
  if( rc ) return rc;
  scan_fold(pScan);
  scan_sort(&pScan->all);
  for(i=0; i<pScan->nJob; i++) scan_sort(&pScan->aJob[i]);
  return TS_OK;
}

static const char zSqlCountAudit[] = "SELECT count(*) FROM audit_log";

/* The pass over users, then the count of audit_log (a walk of its every
** page): what runs beside the other passes. */
static int scan_side(Store *pStore, ReportScan *pScan, int64_t tStartEpoch, TsErr *pErr){
  int64_t *apOut[1];
  int rc = report_scan_users(pStore, pScan, tStartEpoch, pErr);
  apOut[0] = &pScan->nAuditRows;
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlCountAudit, -1, apOut, 1, pErr);
  return rc;
}

/* The side passes, on a connection of their own in a thread of their own. */
typedef struct ScanSide {
  Store *pStore;           /* the second connection, owned */
  ReportScan *pScan;
  int64_t tStartEpoch;
  int rc;
  TsErr err;
} ScanSide;

static void *scan_side_main(void *pArg){
  ScanSide *u = pArg;
  u->rc = scan_side(u->pStore, u->pScan, u->tStartEpoch, &u->err);
  return NULL;
}

int report_scan_all(Store *pStore, ReportScan *pScan, int64_t tStartEpoch, TsErr *pErr){
  sqlite3 *db = store_db(pStore);
  const char *zPath = sqlite3_db_filename(db, "main");
  ScanSide u;
  pthread_t th;
  int bThread = 0, rc;
  memset(pScan, 0, sizeof(*pScan));
  memset(&u, 0, sizeof(u));
  /* A second connection sees what is committed: only when this one has no
  ** transaction open does it see the same rows. */
  if( zPath && zPath[0] && sqlite3_get_autocommit(db)
   && store_open_readonly(zPath, &u.pStore, &u.err)==TS_OK ){
    u.pScan = pScan;
    u.tStartEpoch = tStartEpoch;
    bThread = pthread_create(&th, NULL, scan_side_main, &u)==0;
    if( !bThread ) store_close(u.pStore);
  }
  rc = scan_load(pStore, pScan, pErr);
  if( bThread ){
    pthread_join(th, NULL);
    store_close(u.pStore);
    if( rc==TS_OK && u.rc ){
      *pErr = u.err;
      rc = u.rc;
    }
  }else if( rc==TS_OK ){
    rc = scan_side(pStore, pScan, tStartEpoch, pErr);
  }
  return rc;
}

const ReportScanJob *report_scan_job(const ReportScan *pScan, int64_t iJob){
  static const ReportScanJob empty;
  if( iJob<0 ) return &pScan->all;
  return iJob<pScan->nJob ? &pScan->aJob[iJob] : &empty;
}

static void scan_job_free(ReportScanJob *s){
  int i;
  mem_free(s->aLat);
  for(i=0; i<s->nError; i++) mem_free(s->aError[i].zName);
  mem_free(s->aError);
  for(i=0; i<s->nInitialWhy; i++) mem_free(s->aInitialWhy[i].zName);
  mem_free(s->aInitialWhy);
}

void report_scan_free(ReportScan *pScan){
  int64_t i;
  scan_job_free(&pScan->all);
  for(i=0; i<pScan->nJob; i++) scan_job_free(&pScan->aJob[i]);
  mem_free(pScan->aJob);
  mem_free(pScan->aPurge);
  mem_free(pScan->aGroupSync);
  mem_free(pScan->aStaged);
  mem_free(pScan->aPreId);
  mem_free(pScan->aGoneId);
  mem_free(pScan->anTenantOwn);
  mem_free(pScan->anCreatedLive);
  memset(pScan, 0, sizeof(*pScan));
}
