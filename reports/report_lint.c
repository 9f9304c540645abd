/*
** report_lint.c — the run's lint findings for the reports (reportInt.h,
** report_lint_load): the lint_findings rows lint_time.c wrote, and the
** sentence that sums them up.
*/
#include <stdio.h>
#include <string.h>
#include "reportInt.h"
#include "lint.h"

static const char zSqlHasTable[] =
  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='lint_findings'";

static const char zSqlFindings[] =
  "SELECT rule, severity, tenant, partner, job, setting, value, path, message, suppressed,"
  "       first_seen, cleared, group_key"
  "  FROM lint_findings"
  " ORDER BY cleared IS NOT NULL, CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
  "          WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, rule, first_seen, idx";

int report_lint_load(Store *pStore, Report *p, TsErr *pErr){
  int64_t nTable = 0, *apOut[1];
  sqlite3_stmt *s;
  int e = SQLITE_DONE, rc, i;
  apOut[0] = &nTable;
  rc = report_row_ints(pStore, zSqlHasTable, -1, apOut, 1, pErr);
  if( rc || nTable==0 ) return rc;
  p->bLint = 1;
  if( (s = report_stmt(pStore, zSqlFindings, pErr))==NULL ) return pErr->rc;
  while( rc==TS_OK && (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    ReportFinding *f;
    const LintRule *pRule;
    LintSeverity eSev = LINT_INFO;
    char **apz[10];
    void *pNew = mem_realloc(p->aFinding, sizeof(ReportFinding)*(size_t)(p->nFinding+1));
    if( pNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    p->aFinding = pNew;
    f = &p->aFinding[p->nFinding++];
    memset(f, 0, sizeof(*f));
    apz[0] = &f->zRule; apz[1] = &f->zSeverity; apz[2] = &f->zTenant; apz[3] = &f->zPartner;
    apz[4] = &f->zJob; apz[5] = &f->zSetting; apz[6] = &f->zValue; apz[7] = &f->zPath;
    apz[8] = &f->zMessage; apz[9] = &f->zSuppressed;
    for(i=0; rc==TS_OK && i<10; i++) rc = report_col(s, i, apz[i], pErr);
    if( rc ) break;
    pRule = lint_rule_find(f->zRule);
    rc = report_dup(pRule ? pRule->zName : "", &f->zName, pErr);
    if( f->zSeverity ) lint_severity_parse(f->zSeverity, &eSev);
    f->eSeverity = (int)eSev;
    f->tFirst = sqlite3_column_int64(s, 10);
    f->bCleared = sqlite3_column_type(s, 11)!=SQLITE_NULL;
    f->tCleared = f->bCleared ? sqlite3_column_int64(s, 11) : -1;
    if( rc==TS_OK ) rc = report_col(s, 12, &f->zGroup, pErr);
  }
  if( rc==TS_OK && e!=SQLITE_DONE ) rc = pErr->rc ? pErr->rc : TS_IOERR;
  sqlite3_reset(s);
  return rc;
}

int report_lint_count(const Report *p, int e, int *pnSuppressed, int *pnCleared){
  int i, n = 0, nSup = 0, nClr = 0;
  for(i=0; i<p->nFinding; i++){
    const ReportFinding *f = &p->aFinding[i];
    if( f->bCleared ) nClr++;
    else if( f->zSuppressed ) nSup++;
    else n += e<0 || f->eSeverity==e;
  }
  if( pnSuppressed ) *pnSuppressed = nSup;
  if( pnCleared ) *pnCleared = nClr;
  return n;
}

char *report_lint_summary(const Report *p, char *z, size_t n){
  int nSup, nClr, nStand = report_lint_count(p, -1, &nSup, &nClr), e;
  size_t k;
  const char *zSep = ": ";
  if( nStand==0 ){
    k = (size_t)snprintf(z, n, "No security finding stands at the end");
  }else{
    k = (size_t)snprintf(z, n, "%d security finding%s stand%s at the end", nStand,
                         nStand==1 ? "" : "s", nStand==1 ? "s" : "");
    for(e=LINT_CRITICAL; e>=LINT_INFO && k<n; e--){
      int c = report_lint_count(p, e, NULL, NULL);
      if( c==0 ) continue;
      k += (size_t)snprintf(z+k, n-k, "%s%d %s", zSep, c, lint_severity_name((LintSeverity)e));
      zSep = ", ";
    }
  }
  if( nSup && k<n ) k += (size_t)snprintf(z+k, n-k, "; %d suppressed", nSup);
  if( nClr && k<n ) snprintf(z+k, n-k, "; %d cleared during the run", nClr);
  return z;
}

char *report_lint_objects(const ReportFinding *f, char *z, size_t n){
  if( f->zJob && f->zGroup ) snprintf(z, n, "group %s of job %s", f->zGroup, f->zJob);
  else if( f->zJob ) snprintf(z, n, "job %s", f->zJob);
  else if( f->zPartner ) snprintf(z, n, "%s, partner %s", f->zTenant ? f->zTenant : "?", f->zPartner);
  else snprintf(z, n, "%s", f->zTenant ? f->zTenant : "");
  return z;
}

char *report_lint_cleared(const Report *p, const ReportFinding *f, char *z, size_t n){
  if( f->bCleared ) return report_format_day(p, f->tCleared, z, n);
  snprintf(z, n, "%s", f->zSuppressed ? "stands (suppressed)" : "stands");
  return z;
}
