/*
** report_detect.c — the scenario's detections evaluated on the run's logs
** (reportInt.h, report_detect_load), as a SIEM that receives the tenants'
** exported log categories would evaluate them.
**
** A detection reads the audit, the provisioning or the sign-in log. An
** entry counts when it matches every field the detection gives (exactly;
** "contains" is a substring of the entry's details in any case, as KQL's
** contains), is at or after the detection's "after", and sits in a log
** its tenant exports: a tenant's AuditLogs for its audit entries, the job's
** source tenant's ProvisioningLogs for a job's provisioning entries (the
** job and its logs live in the source tenant), the resource tenant's
** SignInLogs for a sign-in. The detection fires at the first
** entry that makes "count" entries within "within" (any time when not
** given). Matching entries in logs that are not exported are counted
** apart, so the report can say what a SIEM could not see.
*/
#include <stdio.h>
#include <string.h>
#include "simtime.h"
#include "reportInt.h"

static const char zSqlHasTable[] =
  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='detections'";
static const char zSqlHasSignIns[] =
  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='sign_ins'";
static const char zSqlSignInCounts[] =
  "SELECT count(*), count(*) FILTER (WHERE result='success'),"
  " count(*) FILTER (WHERE result='interrupted'), count(*) FILTER (WHERE result='failure')"
  " FROM sign_ins";

static const char zSqlDetections[] =
  "SELECT d.idx, d.id, d.name, d.log, coalesce(t.key, j.key), d.count,"
  "       coalesce(d.within_s, -1), d.after_t"
  "  FROM detections d LEFT JOIN tenants t ON t.idx=d.tenant LEFT JOIN jobs j ON j.idx=d.job"
  " ORDER BY d.idx";

/* Matching audit entries of detection ?1, in time order. Columns: at,
** whether a SIEM receives the entry, what the evidence sentence says. */
static const char zSqlAudit[] =
  "SELECT a.at, EXISTS(SELECT 1 FROM log_exports x WHERE x.tenant=a.tenant"
  "                    AND x.log='AuditLogs'),"
  "       a.category || ' / ' || a.activity || coalesce(' on ' || a.target_name, '')"
  "       || ' by ' || a.actor || ' in ' || t.key"
  "  FROM detections d, audit_log a JOIN tenants t ON t.idx=a.tenant"
  " WHERE d.idx=?1 AND a.at>=d.after_t"
  "   AND (d.tenant IS NULL OR a.tenant=d.tenant)"
  "   AND (d.category IS NULL OR a.category=d.category)"
  "   AND (d.activity IS NULL OR a.activity=d.activity)"
  "   AND (d.actor IS NULL OR a.actor=d.actor)"
  "   AND (d.target IS NULL OR a.target_name=d.target OR a.target_id=d.target)"
  "   AND (d.contains IS NULL OR instr(lower(coalesce(a.detail,'') || char(10)"
  "        || coalesce(a.target_name,'')), lower(d.contains))>0)"
  " ORDER BY a.at, a.id";

static const char zSqlProvisioning[] =
  "SELECT p.activity_at, EXISTS(SELECT 1 FROM log_exports x WHERE x.tenant=j.source"
  "                             AND x.log='ProvisioningLogs'),"
  "       'provisioning ' || p.action || ' (' || p.status || ') of '"
  "       || coalesce(p.target_display, p.source_display, 'an object') || ' by job ' || j.key"
  "  FROM detections d, provisioning_log p JOIN jobs j ON j.idx=p.job"
  " WHERE d.idx=?1 AND p.activity_at>=d.after_t"
  "   AND (d.job IS NULL OR p.job=d.job)"
  "   AND (d.action IS NULL OR p.action=d.action)"
  "   AND (d.status IS NULL OR p.status=d.status)"
  "   AND (d.contains IS NULL OR instr(lower(p.modified_properties || char(10)"
  "        || coalesce(p.reason,'') || char(10) || coalesce(p.error_code,'')),"
  "        lower(d.contains))>0)"
  " ORDER BY p.activity_at, p.id";

/* The sign-in log: a row is in its resource tenant's SignInLogs. */
static const char zSqlSignIn[] =
  "SELECT g.at, EXISTS(SELECT 1 FROM log_exports x WHERE x.tenant=g.tenant"
  "                    AND x.log='SignInLogs'),"
  "       'sign-in (' || g.result || ') of ' || coalesce(g.user_principal_name, 'a user')"
  "       || ' from ' || h.key || ' in ' || t.key"
  "  FROM detections d, sign_ins g JOIN tenants t ON t.idx=g.tenant JOIN tenants h ON h.idx=g.home_tenant"
  " WHERE d.idx=?1 AND g.at>=d.after_t"
  "   AND (d.tenant IS NULL OR g.tenant=d.tenant)"
  "   AND (d.home_tenant IS NULL OR g.home_tenant=d.home_tenant)"
  "   AND (d.access_type IS NULL OR g.cross_tenant_access_type=d.access_type)"
  "   AND (d.result IS NULL OR g.result=d.result)"
  "   AND (d.contains IS NULL OR instr(lower(coalesce(g.user_principal_name,'') || char(10)"
  "        || g.applied_policies || char(10) || coalesce(g.failure_reason,'') || char(10)"
  "        || coalesce(g.additional_details,'') || char(10) || g.detail), lower(d.contains))>0)"
  " ORDER BY g.at, g.id";

/* Walk the matching entries of detection iIdx once: count those a SIEM
** receives (d->nSeen) and those it does not (d->nHidden), and find when d
** fires (a sliding window over the received entries' instants). */
static int detect_scan(Store *pStore, ReportDetect *d, int64_t iIdx, TsErr *pErr){
  sqlite3_stmt *s = report_stmt(pStore, strcmp(d->zLog, "provisioning")==0 ? zSqlProvisioning
                                : strcmp(d->zLog, "signin")==0 ? zSqlSignIn : zSqlAudit, pErr);
  int64_t *aAt = NULL, nAlloc = 0, lo = 0;
  int e, rc = TS_OK;
  if( s==NULL ) return pErr->rc;
  sqlite3_bind_int64(s, 1, iIdx);
  while( (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    int64_t t = sqlite3_column_int64(s, 0);
    if( !sqlite3_column_int(s, 1) ){
      d->nHidden++;
      continue;
    }
    if( !d->bDetected ){
      if( mem_grow((void**)&aAt, d->nSeen, &nAlloc, sizeof(int64_t)) ){
        rc = tserr_set(pErr, TS_NOMEM, "out of memory");
        break;
      }
      aAt[d->nSeen] = t;
      while( d->tWithin>=0 && t - aAt[lo] > d->tWithin ) lo++;
      if( d->nSeen - lo + 1 >= d->nCount ){
        d->bDetected = 1;
        d->tDetected = t;
        rc = report_col(s, 2, &d->zEvidence, pErr);
        if( rc ) break;
      }
    }
    d->nSeen++;
  }
  if( e!=SQLITE_ROW && e!=SQLITE_DONE && rc==TS_OK ) rc = pErr->rc;
  sqlite3_reset(s);
  mem_free(aAt);
  return rc;
}

int report_detect_load(Store *pStore, Report *p, TsErr *pErr){
  int64_t nTable = 0, *apOut[4];
  sqlite3_stmt *s;
  int e, rc, k;
  apOut[0] = &nTable;
  rc = report_row_ints(pStore, zSqlHasSignIns, -1, apOut, 1, pErr);
  for(k=0; k<4; k++) apOut[k] = &p->aSignIn[k];
  if( rc==TS_OK && nTable ) rc = report_row_ints(pStore, zSqlSignInCounts, -1, apOut, 4, pErr);
  apOut[0] = &nTable;
  nTable = 0;
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlHasTable, -1, apOut, 1, pErr);
  if( rc || nTable==0 ) return rc;        /* a database from before detections */
  if( (s = report_stmt(pStore, zSqlDetections, pErr))==NULL ) return pErr->rc;
  while( rc==TS_OK && (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    ReportDetect *d;
    void *pNew = mem_realloc(p->aDetect, sizeof(ReportDetect)*(size_t)(p->nDetect+1));
    if( pNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    p->aDetect = pNew;
    d = &p->aDetect[p->nDetect++];
    memset(d, 0, sizeof(*d));
    if( (rc = report_col(s, 1, &d->zId, pErr))!=TS_OK
     || (rc = report_col(s, 2, &d->zName, pErr))!=TS_OK
     || (rc = report_col(s, 3, &d->zLog, pErr))!=TS_OK
     || (rc = report_col(s, 4, &d->zScope, pErr))!=TS_OK ) break;
    d->nCount = sqlite3_column_int64(s, 5);
    d->tWithin = sqlite3_column_int64(s, 6);
    d->tAfter = sqlite3_column_int64(s, 7);
    rc = detect_scan(pStore, d, sqlite3_column_int64(s, 0), pErr);
  }
  if( rc==TS_OK && e!=SQLITE_DONE ) rc = pErr->rc ? pErr->rc : TS_IOERR;
  sqlite3_reset(s);
  return rc;
}

/* See report.h. */
char *report_detect_outcome(const Report *p, const ReportDetect *d, char *z, size_t n){
  char zAt[REPORT_TEXT_SIZE], zSpan[REPORT_TEXT_SIZE], zN[REPORT_TEXT_SIZE];
  if( d->bDetected ){
    snprintf(z, n, "fired %s, %s after %s", report_format_day(p, d->tDetected, zAt, sizeof(zAt)),
             simtime_format_span(d->tDetected - d->tAfter, zSpan, sizeof(zSpan)),
             report_format_day(p, d->tAfter, zN, sizeof(zN)));
  }else if( d->nHidden>0 ){
    snprintf(z, n, "did not fire: %s matching entr%s in logs not exported to a SIEM",
             report_format_count(d->nHidden, zN, sizeof(zN)), d->nHidden==1 ? "y is" : "ies are");
  }else{
    snprintf(z, n, "did not fire: %s of %lld matching entries",
             report_format_count(d->nSeen, zN, sizeof(zN)), (long long)d->nCount);
  }
  return z;
}
