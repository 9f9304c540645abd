/*
** report_scan_users.c — the report's user figures from one pass over
** users (see report_scan.h).
**
** The totals' two counts, the narrative's hard deletions per tenant and
** day, the users present before the run, the HTML's users per tenant and
** the trust paths' users each job created (live at the end) were five
** queries, each a scan of the whole table (the biggest of a
** run: a million users are about 1 GiB), and the orphans looked up the
** user of every link to see whether it was gone. One plain scan in rowid
** order feeds them all; the deletions are grouped and ordered here by the
** rule the SQL had (GROUP BY tenant and day, ORDER BY the first instant,
** then tenant), so the figures are the same byte for byte.
**
** May touch: the run database, read only.
*/
#include <stdlib.h>
#include <string.h>
#include "report_scan.h"

/* Tenant and job indexes are the positions of the scenario's tenants and
** jobs (a few hundred at most); anything beyond this is not a run's
** database. */
#define REPORT_SCAN_MAX_TENANT 1000000

/* The run's end (a constant subquery: SQLite evaluates it once). */
#define SCAN_END "(SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t')"

static const char zSqlScanUsers[] =
  "SELECT tenant, creation_type, deleted_at IS NULL AND purged_at IS NULL,"
  "       CASE WHEN deleted_at IS NOT NULL THEN purged_at END,"
  "       created_by_job IS NULL AND alt_sec_id IS NULL AND external_user_state='Accepted',"
  "       id, created_by_job,"
  "       created_at<=" SCAN_END " AND (deleted_at IS NULL OR deleted_at>" SCAN_END ")"
  "  FROM users";

/* Rows by tenant, day, then instant: a group's rows are neighbours and its
** first is its earliest. */
static int users_cmp_row(const void *a, const void *b){
  const ReportPurge *x = a, *y = b;
  if( x->iTenant!=y->iTenant ) return x->iTenant<y->iTenant ? -1 : 1;
  if( x->iDay!=y->iDay ) return x->iDay<y->iDay ? -1 : 1;
  if( x->tFirst!=y->tFirst ) return x->tFirst<y->tFirst ? -1 : 1;
  return 0;
}

/* Groups by first instant, then tenant (the narrative's order). */
static int users_cmp_group(const void *a, const void *b){
  const ReportPurge *x = a, *y = b;
  if( x->tFirst!=y->tFirst ) return x->tFirst<y->tFirst ? -1 : 1;
  if( x->iTenant!=y->iTenant ) return x->iTenant<y->iTenant ? -1 : 1;
  return 0;
}

/* Add one to (*pa)[i], growing *pa (of *pn counts) with zeros as needed;
** zWhat names what i indexes. TS_OK, TS_ERR for an index no run writes,
** TS_NOMEM. */
static int users_count(int64_t **pa, int64_t *pn, int64_t i, const char *zWhat, TsErr *pErr){
  if( i<0 || i>=REPORT_SCAN_MAX_TENANT ){
    return tserr_set(pErr, TS_ERR, "the run database names %s %lld, not a %s a run"
                     " writes", zWhat, (long long)i, zWhat);
  }
  if( i>=*pn ){
    int64_t *a = mem_realloc(*pa, sizeof(int64_t)*(size_t)(i+1));
    if( a==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
    memset(&a[*pn], 0, sizeof(int64_t)*(size_t)(i+1-*pn));
    *pa = a;
    *pn = i+1;
  }
  (*pa)[i]++;
  return TS_OK;
}

/* Fold the sorted rows of p->aPurge (n of 1 each) into their groups. */
static void users_group(ReportScan *p){
  int64_t i, nOut = 0;
  if( p->nPurge>1 ) qsort(p->aPurge, (size_t)p->nPurge, sizeof(ReportPurge), users_cmp_row);
  for(i=0; i<p->nPurge; i++){
    ReportPurge *g = nOut>0 ? &p->aPurge[nOut-1] : NULL;
    if( g && g->iTenant==p->aPurge[i].iTenant && g->iDay==p->aPurge[i].iDay ){
      g->n++;
    }else{
      p->aPurge[nOut++] = p->aPurge[i];
    }
  }
  p->nPurge = nOut;
  if( p->nPurge>1 ) qsort(p->aPurge, (size_t)p->nPurge, sizeof(ReportPurge), users_cmp_group);
}

int report_scan_users(Store *pStore, ReportScan *p, int64_t tStartEpoch, TsErr *pErr){
  sqlite3_stmt *q = report_stmt(pStore, zSqlScanUsers, pErr);
  int e = SQLITE_DONE, rc = TS_OK;
  if( q==NULL ) return TS_IOERR;
  while( (e = report_step(pStore, q, pErr))==SQLITE_ROW ){
    const unsigned char *zType = sqlite3_column_text(q, 1);
    if( zType==NULL ){
      p->nSourceUsers++;
      rc = users_count(&p->anTenantOwn, &p->nTenantOwn, sqlite3_column_int64(q, 0), "tenant", pErr);
      if( rc ) break;
    }else if( strcmp((const char*)zType, "Invitation")==0 && sqlite3_column_int(q, 2) ){
      p->nB2bLive++;
      if( sqlite3_column_int(q, 4) ){
        if( mem_grow((void**)&p->aPreId, p->nPreId, &p->nPreIdAlloc, sizeof(int64_t)) ){
          rc = tserr_set(pErr, TS_NOMEM, "out of memory");
          break;
        }
        p->aPreId[p->nPreId++] = sqlite3_column_int64(q, 5);
      }
    }
    if( sqlite3_column_type(q, 6)!=SQLITE_NULL && sqlite3_column_int(q, 7) ){
      rc = users_count(&p->anCreatedLive, &p->nCreatedLive, sqlite3_column_int64(q, 6), "job",
                       pErr);
      if( rc ) break;
    }
    if( !sqlite3_column_int(q, 2) ){
      if( mem_grow((void**)&p->aGoneId, p->nGoneId, &p->nGoneIdAlloc, sizeof(int64_t)) ){
        rc = tserr_set(pErr, TS_NOMEM, "out of memory");
        break;
      }
      p->aGoneId[p->nGoneId++] = sqlite3_column_int64(q, 5);
    }
    if( sqlite3_column_type(q, 3)!=SQLITE_NULL ){
      ReportPurge *r;
      if( mem_grow((void**)&p->aPurge, p->nPurge, &p->nPurgeAlloc, sizeof(ReportPurge)) ){
        rc = tserr_set(pErr, TS_NOMEM, "out of memory");
        break;
      }
      r = &p->aPurge[p->nPurge++];
      r->iTenant = sqlite3_column_int64(q, 0);
      r->tFirst = sqlite3_column_int64(q, 3);
      r->iDay = (tStartEpoch + r->tFirst)/86400;
      r->n = 1;
    }
  }
  if( rc==TS_OK && e<0 ) rc = TS_IOERR;
  sqlite3_reset(q);
  if( rc==TS_OK ) users_group(p);
  return rc;
}
