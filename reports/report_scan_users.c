/*
** report_scan_users.c — the report's user figures from one pass over
** users (see report_scan.h).
**
** The totals' two counts, the narrative's hard deletions per tenant and
** day, the users present before the run and the HTML's users per tenant
** were four queries, each a scan of the whole table (the biggest of a
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

/* Tenant indexes are the positions of the scenario's tenants (a few
** hundred at most); anything beyond this is not a run's database. */
#define REPORT_SCAN_MAX_TENANT 1000000

static const char zSqlScanUsers[] =
  "SELECT tenant, creation_type, deleted_at IS NULL AND purged_at IS NULL,"
  "       CASE WHEN deleted_at IS NOT NULL THEN purged_at END,"
  "       created_by_job IS NULL AND alt_sec_id IS NULL AND external_user_state='Accepted',"
  "       id FROM users";

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

/* Count a declared user of tenant iTenant: TS_OK, TS_ERR for an index no
** run writes, TS_NOMEM. */
static int users_own(ReportScan *p, int64_t iTenant, TsErr *pErr){
  if( iTenant<0 || iTenant>=REPORT_SCAN_MAX_TENANT ){
    return tserr_set(pErr, TS_ERR, "the run database names tenant %lld, not a tenant a run"
                     " writes", (long long)iTenant);
  }
  if( iTenant>=p->nTenantOwn ){
    int64_t *a = mem_realloc(p->anTenantOwn, sizeof(int64_t)*(size_t)(iTenant+1));
    if( a==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
    memset(&a[p->nTenantOwn], 0, sizeof(int64_t)*(size_t)(iTenant+1-p->nTenantOwn));
    p->anTenantOwn = a;
    p->nTenantOwn = iTenant+1;
  }
  p->anTenantOwn[iTenant]++;
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
      rc = users_own(p, sqlite3_column_int64(q, 0), pErr);
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
