/*
** report.c — what every part of the report shares (report.h, reportInt.h):
** the Store helpers with report_build's error contract, freeing a Report,
** and formatting instants, durations, counts and quantiles for people.
** It calls no other file of reports/, so the loaders and the writers can
** all use it.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simtime.h"
#include "reportInt.h"

/* ============================================================ helpers */

sqlite3_stmt *report_stmt(Store *pStore, const char *zSql, TsErr *pErr){
  sqlite3_stmt *pStmt = store_stmt(pStore, zSql);
  if( pStmt==NULL ){
    tserr_set(pErr, TS_IOERR, "cannot read the run database: %s",
              sqlite3_errmsg(store_db(pStore)));
  }
  return pStmt;
}

int report_step(Store *pStore, sqlite3_stmt *pStmt, TsErr *pErr){
  int rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW || rc==SQLITE_DONE ) return rc;
  tserr_set(pErr, TS_IOERR, "cannot read the run database: %s",
            sqlite3_errmsg(store_db(pStore)));
  sqlite3_reset(pStmt);
  return -1;
}

int report_dup(const char *z, char **pz, TsErr *pErr){
  *pz = NULL;
  if( z==NULL ) return TS_OK;
  *pz = mem_strdup(z);
  return *pz ? TS_OK : tserr_set(pErr, TS_NOMEM, "out of memory");
}

int report_col(sqlite3_stmt *pStmt, int i, char **pz, TsErr *pErr){
  return report_dup((const char*)sqlite3_column_text(pStmt, i), pz, pErr);
}

int report_take(StrBuf *sb, char **pz, TsErr *pErr){
  *pz = NULL;
  if( sb->bErr ){
    strbuf_free(sb);
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  *pz = strbuf_take(sb);
  return *pz ? TS_OK : tserr_set(pErr, TS_NOMEM, "out of memory");
}

int report_row_ints(Store *pStore, const char *zSql, int64_t iBind,
                    int64_t **apOut, int nCol, TsErr *pErr){
  sqlite3_stmt *pStmt = report_stmt(pStore, zSql, pErr);
  int i, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  if( iBind>=0 ) sqlite3_bind_int64(pStmt, 1, iBind);
  switch( report_step(pStore, pStmt, pErr) ){
    case SQLITE_ROW:
      for(i=0; i<nCol; i++) *apOut[i] = sqlite3_column_int64(pStmt, i);
      break;
    case SQLITE_DONE:
      break;
    default:
      rc = TS_IOERR;
  }
  sqlite3_reset(pStmt);
  return rc;
}

/* ============================================================ freeing */

void report_orphan_clear(ReportOrphan *o){
  mem_free(o->zTargetTenant);
  mem_free(o->zObjectId);
  mem_free(o->zUpn);
  mem_free(o->zDisplayName);
  mem_free(o->zSourceTenant);
  mem_free(o->zSourceUser);
  mem_free(o->zJob);
  mem_free(o->zReason);
  mem_free(o->zSourceState);
}

static void report_free_counts(ReportCount *a, int n){
  int i;
  for(i=0; i<n; i++) mem_free(a[i].zName);
  mem_free(a);
}

static void report_free_whys(ReportWhy *a, int n){
  int i;
  for(i=0; i<n; i++){
    mem_free(a[i].zReason);
    mem_free(a[i].zJob);
    mem_free(a[i].zDetail);
  }
  mem_free(a);
}

static void report_free_orphans(ReportOrphan *a, int n){
  int i;
  for(i=0; i<n; i++) report_orphan_clear(&a[i]);
  mem_free(a);
}

static void report_free_conv(ReportConv *c){
  mem_free(c->zJob);
  report_free_whys(c->aWhy, c->nWhy);
}

static void report_free_problem(ReportProblem *r){
  int i;
  mem_free(r->zKind);
  mem_free(r->zCode);
  mem_free(r->zMessage);
  mem_free(r->zCause);
  mem_free(r->zFix);
  for(i=0; i<r->nSetting; i++){
    mem_free(r->aSetting[i].zTenant);
    mem_free(r->aSetting[i].zPartner);
    mem_free(r->aSetting[i].zSetting);
  }
  mem_free(r->aSetting);
}

void report_line_clear(ReportLine *l){
  mem_free(l->zKind);
  mem_free(l->zJob);
  mem_free(l->zSummary);
  mem_free(l->zNote);
  mem_free(l->zText);
  mem_free(l->aFact);
}

void report_free(Report *p){
  int i;
  if( p==NULL ) return;
  mem_free(p->zVersion);
  mem_free(p->zScenario);
  mem_free(p->zSeed);
  mem_free(p->zStart);
  mem_free(p->zDuration);
  for(i=0; i<p->nVerdict; i++) mem_free(p->azVerdict[i]);
  mem_free(p->azVerdict);
  report_free_conv(&p->conv);
  for(i=0; i<p->nTarget; i++){
    mem_free(p->aTarget[i].zTenant);
    report_free_whys(p->aTarget[i].aWhy, p->aTarget[i].nWhy);
  }
  mem_free(p->aTarget);
  mem_free(p->aZeroAt);
  report_free_orphans(p->aOrphan, p->nOrphan);
  report_free_counts(p->aOrphanReason, p->nOrphanReason);
  report_free_orphans(p->aDisabled, p->nDisabled);
  report_free_orphans(p->aPreexisting, p->nPreexisting);
  mem_free(p->anTenantOwn);
  mem_free(p->anCreatedLive);
  mem_free(p->aLat);
  report_free_counts(p->aRunError, p->nRunError);
  for(i=0; i<p->nJob; i++){
    ReportJob *j = &p->aJob[i];
    mem_free(j->zJob);
    mem_free(j->zJobId);
    mem_free(j->zSource);
    mem_free(j->zTarget);
    mem_free(j->zScope);
    mem_free(j->zStatus);
    mem_free(j->zGateError);
    report_free_conv(&j->conv);
    report_free_counts(j->aError, j->nError);
    report_free_problem(&j->prob);
  }
  mem_free(p->aJob);
  for(i=0; i<p->nLine; i++) report_line_clear(&p->aLine[i]);
  mem_free(p->aLine);
  for(i=0; i<p->nDetect; i++){
    ReportDetect *d = &p->aDetect[i];
    mem_free(d->zId);
    mem_free(d->zName);
    mem_free(d->zLog);
    mem_free(d->zScope);
    mem_free(d->zEvidence);
  }
  mem_free(p->aDetect);
  for(i=0; i<p->nFinding; i++){
    ReportFinding *f = &p->aFinding[i];
    mem_free(f->zRule); mem_free(f->zName); mem_free(f->zSeverity);
    mem_free(f->zTenant); mem_free(f->zPartner); mem_free(f->zJob); mem_free(f->zGroup);
    mem_free(f->zSetting); mem_free(f->zValue); mem_free(f->zPath);
    mem_free(f->zMessage); mem_free(f->zSuppressed);
  }
  mem_free(p->aFinding);
  mem_free(p);
}

int64_t report_censored_permille(const ReportLatency *l){
  int64_t nAll = l->n + l->nCensored;
  return nAll ? (l->nCensored*1000 + nAll/2)/nAll : 0;
}

const ReportJob *report_job(const Report *p, const char *zJob){
  int i;
  for(i=0; zJob && i<p->nJob; i++) if( strcmp(p->aJob[i].zJob, zJob)==0 ) return &p->aJob[i];
  return NULL;
}

char *report_format_instant(const Report *p, int64_t t, char *z, size_t n){
  return simtime_format_instant(p->tStartEpoch + t, z, n);
}

char *report_format_day(const Report *p, int64_t t, char *z, size_t n){
  return simtime_format_day(p->tStartEpoch, t, z, n);
}

char *report_format_in_step(const Report *p, int64_t nOutOfStep, int bDrifted, int64_t tInStep,
                            char *z, size_t n){
  if( nOutOfStep ) snprintf(z, n, "never");
  else if( !bDrifted ) snprintf(z, n, "throughout");
  else report_format_day(p, tInStep, z, n);
  return z;
}

char *report_format_job_life(const Report *p, const ReportJob *j, char *z, size_t n){
  char zC[REPORT_TEXT_SIZE], zD[REPORT_TEXT_SIZE];
  if( j->tCreated>=0 ) report_format_day(p, j->tCreated, zC, sizeof(zC));
  if( j->tDeleted>=0 ) report_format_day(p, j->tDeleted, zD, sizeof(zD));
  snprintf(z, n, "%s%s%s%s%s", j->tCreated>=0 ? "created " : "", j->tCreated>=0 ? zC : "",
           j->tCreated>=0 && j->tDeleted>=0 ? ", " : "", j->tDeleted>=0 ? "deleted " : "",
           j->tDeleted>=0 ? zD : "");
  return z;
}

char *report_format_count(int64_t v, char *z, size_t n){
  char zDigits[REPORT_TEXT_SIZE], zOut[REPORT_TEXT_SIZE];
  uint64_t u = v<0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  int nDigit, i, k = 0;
  snprintf(zDigits, sizeof(zDigits), "%llu", (unsigned long long)u);
  nDigit = (int)strlen(zDigits);
  if( v<0 ) zOut[k++] = '-';
  for(i=0; i<nDigit; i++){
    if( i>0 && (nDigit-i)%3==0 ) zOut[k++] = ',';
    zOut[k++] = zDigits[i];
  }
  zOut[k] = 0;
  snprintf(z, n, "%s", zOut);
  return z;
}

char *report_format_quantile(const ReportLatency *l, int64_t v, int bCensored,
                             char *z, size_t n){
  if( l->n + l->nCensored==0 ) snprintf(z, n, "-");
  else if( bCensored ) snprintf(z, n, "> end of run");
  else simtime_format_span(v, z, n);
  return z;
}

/* The reasons of out_of_step (desired.c) in words. */
static const struct { const char *zReason; const char *zText; } aWhyText[] = {
  { "job_deleted", "the job's configuration was deleted" },
  { "job_disabled", "the job was disabled by the service" },
  { "job_paused", "the job is paused" },
  { "escrows_pruned", "the service paused the job and pruned its escrows" },
  { "job_not_started", "the job was never started" },
  { "policy_check_failed", "the job's policy check fails" },
  { "staged_delete", "deletions held over the accidental-deletion threshold" },
  { "job_quarantined", "the job is in quarantine" },
  { "disabled_then_out_of_scope", "disabled before leaving the scope: kept, disabled, by design" },
  { "delete_action_disabled", "Delete is not an enabled target object action" },
  { "skip_out_of_scope_deletions", "SkipOutOfScopeDeletions keeps it (model parameter honoured)" },
  { "create_action_disabled", "Create is not an enabled target object action" },
  { "update_action_disabled", "Update is not an enabled target object action" },
  { "export_failed", "the export fails and is retried" },
  { "cycle_in_progress", "the cycle running at the end has not reached them yet" },
  { "pending_next_cycle", "waiting for the next cycle" },
  { "upn_waits_for_initial_cycle", "a user matched by mail keeps its invitation UPN until an initial cycle" },
  { "target_edited", "edited in the target; CTS does not read the target" },
  { "target_deleted", "deleted in the target (by an admin, a workflow or a recovery); CTS does not restore it" },
  { "not_applied", "not applied" },
};

const char *report_why_text(const char *zReason){
  size_t i;
  for(i=0; zReason && i<sizeof(aWhyText)/sizeof(aWhyText[0]); i++){
    if( strcmp(aWhyText[i].zReason, zReason)==0 ) return aWhyText[i].zText;
  }
  return NULL;
}
