/*
** report_verdict.c — the answer first: one to five sentences, computed from
** the rest of the Report, that every format prints before its evidence.
**
**   1. The targets: how many are in step with their sources at the end and
**      since when ("2 of 3 targets in step by Day 2 14:10"); for each one
**      that is not, how many pairs are out of step and why — the cause of
**      the job's problem (report_problem.c) or the reason the pairs are
**      held or open (out_of_step), at most three reasons per target.
**   2. Jobs with a problem that sentence 1 did not name.
**   3. Convergence: converged changes with their p50 and p95 (censored
**      quantiles say "> end of run" and the share still open), and the
**      changes held, never converged, reverted.
**   4. Accounts left behind: disabled by sync, orphaned by reason,
**      pre-existing.
** Nothing is said that the Report does not hold: the tests compare each
** sentence's numbers with the database.
*/
#include <stdio.h>
#include <string.h>
#include "simtime.h"
#include "reportInt.h"

#define VERDICT_WHYS 3           /* reasons named per target */

/* Is an out_of_step reason the job's own state (named by its problem)? */
static int verdict_job_level(const char *zReason){
  static const char *const az[] = {
    "job_deleted", "job_disabled", "job_paused", "escrows_pruned", "job_not_started",
    "policy_check_failed", "staged_delete", "job_quarantined",
  };
  size_t i;
  for(i=0; i<sizeof(az)/sizeof(az[0]); i++) if( strcmp(az[i], zReason)==0 ) return 1;
  return 0;
}

static int verdict_add(Report *p, StrBuf *sb, int *pnAlloc, TsErr *pErr){
  char *z;
  int rc;
  if( sb->n==0 && !sb->bErr ) return TS_OK;
  strbuf_appendc(sb, '.');
  rc = report_take(sb, &z, pErr);
  if( rc ) return rc;
  if( mem_grow_int((void**)&p->azVerdict, p->nVerdict, pnAlloc, sizeof(char*)) ){
    mem_free(z);
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  p->azVerdict[p->nVerdict++] = z;
  return TS_OK;
}

/* The why of one out-of-step group, for people. */
static void verdict_why(StrBuf *sb, const ReportWhy *y, const ReportJob *j, int *pbNamed){
  char zN[REPORT_TEXT_SIZE];
  if( j && j->prob.zKind && verdict_job_level(y->zReason) ){
    if( *pbNamed ) return;                 /* the job's cause is said once */
    strbuf_printf(sb, "job %s %s", j->zJob, j->prob.zCause);
    *pbNamed = 1;
    return;
  }
  strbuf_printf(sb, "%s %s %s (%s", report_format_count(y->n, zN, sizeof(zN)),
                y->n==1 ? "pair" : "pairs", y->zReason,
                report_why_text(y->zReason) ? report_why_text(y->zReason) : y->zReason);
  if( y->zDetail && strcmp(y->zReason, "export_failed")==0 ) strbuf_printf(sb, ": %s", y->zDetail);
  if( y->zJob ) strbuf_printf(sb, "; job %s", y->zJob);
  strbuf_append(sb, ")");
}

static void verdict_targets(const Report *p, StrBuf *sb, int *abNamed){
  int i, k, nIn = 0, bBy = 0;
  int64_t tBy = 0;
  char zDay[REPORT_TEXT_SIZE], zN[REPORT_TEXT_SIZE];
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    if( t->nOutOfStep ) continue;
    nIn++;
    if( t->bDrifted && (!bBy || t->tInStep>tBy) ){ tBy = t->tInStep; bBy = 1; }
  }
  if( p->nTarget==0 ){
    strbuf_append(sb, "No job has a target tenant");
    return;
  }
  if( nIn==p->nTarget && p->nTarget==1 ){
    strbuf_printf(sb, "%s in step", p->aTarget[0].zTenant);
  }else if( nIn==p->nTarget ){
    strbuf_printf(sb, "All %d targets in step", p->nTarget);
  }else if( nIn>0 ){
    strbuf_printf(sb, "%d of %d targets in step", nIn, p->nTarget);
  }
  if( nIn>0 ){
    if( bBy ) strbuf_printf(sb, " by %s", report_format_day(p, tBy, zDay, sizeof(zDay)));
    else strbuf_append(sb, " throughout (no change put them out of step)");
  }
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    if( t->nOutOfStep==0 ) continue;
    strbuf_append(sb, sb->n ? "; " : "");
    strbuf_printf(sb, "%s out of step at the end (%s %s): ", t->zTenant,
                  report_format_count(t->nOutOfStep, zN, sizeof(zN)),
                  t->nOutOfStep==1 ? "pair" : "pairs");
    for(k=0; k<t->nWhy && k<VERDICT_WHYS; k++){
      const ReportJob *j = report_job(p, t->aWhy[k].zJob);
      size_t nBefore = sb->n;
      if( k>0 ) strbuf_append(sb, ", ");
      {
        size_t nMark = sb->n;
        verdict_why(sb, &t->aWhy[k], j, j ? &abNamed[j - p->aJob] : &(int){0});
        if( sb->n==nMark ) sb->n = nBefore;   /* nothing new: drop the comma */
      }
    }
    if( t->nWhy>VERDICT_WHYS ){
      int64_t nMore = 0;
      for(k=VERDICT_WHYS; k<t->nWhy; k++) nMore += t->aWhy[k].n;
      strbuf_printf(sb, ", and %s more", report_format_count(nMore, zN, sizeof(zN)));
    }
  }
  if( sb->z ) sb->z[sb->n] = 0;
}

static void verdict_convergence(const Report *p, StrBuf *sb){
  const ReportConv *c = &p->conv;
  const ReportLatency *l = &c->lat;
  char zA[REPORT_TEXT_SIZE], zB[REPORT_TEXT_SIZE], z50[REPORT_TEXT_SIZE], z95[REPORT_TEXT_SIZE];
  int64_t nPm;
  if( c->nChanges==0 ){
    strbuf_append(sb, "No source change put a target out of step");
    return;
  }
  strbuf_printf(sb, "%s of %s %s converged", report_format_count(c->nConverged, zA, sizeof(zA)),
                report_format_count(c->nChanges, zB, sizeof(zB)),
                c->nChanges==1 ? "change" : "changes");
  if( l->n+l->nCensored>0 ){
    report_format_quantile(l, l->p50, l->bCensor50, z50, sizeof(z50));
    report_format_quantile(l, l->p95, l->bCensor95, z95, sizeof(z95));
    strbuf_printf(sb, " (p50 %s, p95 %s", z50, z95);
    nPm = report_censored_permille(l);
    if( l->bCensor95 || l->bCensor50 ){
      strbuf_printf(sb, ": %lld.%lld %% of them still open at the end",
                    (long long)(nPm/10), (long long)(nPm%10));
    }
    strbuf_append(sb, ")");
  }
  if( c->nHeld ){
    strbuf_printf(sb, "; %s held by the service", report_format_count(c->nHeld, zA, sizeof(zA)));
  }
  if( c->nNever ){
    strbuf_printf(sb, "; %s never converged", report_format_count(c->nNever, zA, sizeof(zA)));
  }
  if( c->nReverted ){
    strbuf_printf(sb, "; %s reverted at the source before %s applied",
                  report_format_count(c->nReverted, zA, sizeof(zA)),
                  c->nReverted==1 ? "it was" : "they were");
  }
  if( c->nSuperseded ){
    strbuf_printf(sb, "; %s superseded by a later change",
                  report_format_count(c->nSuperseded, zA, sizeof(zA)));
  }
}

static void verdict_accounts(const Report *p, StrBuf *sb){
  char zN[REPORT_TEXT_SIZE];
  int i;
  if( p->nDisabled ){
    strbuf_printf(sb, "%s %s disabled by sync (as designed; not orphans); ",
                  report_format_count(p->nDisabled, zN, sizeof(zN)),
                  p->nDisabled==1 ? "account" : "accounts");
  }
  if( p->nOrphan==0 ){
    strbuf_append(sb, "no orphaned guest accounts");
  }else{
    strbuf_printf(sb, "%s orphaned guest %s (", report_format_count(p->nOrphan, zN, sizeof(zN)),
                  p->nOrphan==1 ? "account" : "accounts");
    for(i=0; i<p->nOrphanReason; i++){
      strbuf_printf(sb, "%s%s %s", i ? ", " : "",
                    report_format_count(p->aOrphanReason[i].n, zN, sizeof(zN)),
                    p->aOrphanReason[i].zName);
    }
    strbuf_append(sb, ")");
  }
  if( p->nPreexisting ){
    strbuf_printf(sb, "; %s pre-existing guest %s with no known home identity",
                  report_format_count(p->nPreexisting, zN, sizeof(zN)),
                  p->nPreexisting==1 ? "account" : "accounts");
  }
  /* Capitalise the sentence's first letter (only ASCII starts it). */
  if( sb->n && sb->z[0]>='a' && sb->z[0]<='z' ) sb->z[0] = (char)(sb->z[0]-'a'+'A');
}

/* The detections that did not fire, by id (when the scenario has some):
** what a security team would want to know first. */
static void verdict_detections(const Report *p, StrBuf *sb){
  int i, nMissed = 0;
  for(i=0; i<p->nDetect; i++) nMissed += !p->aDetect[i].bDetected;
  if( p->nDetect==1 ){
    strbuf_printf(sb, "Detection %s %s", p->aDetect[0].zId, nMissed ? "did not fire" : "fired");
    return;
  }
  if( nMissed==0 ){
    strbuf_printf(sb, "All %d detections fired", p->nDetect);
    return;
  }
  strbuf_printf(sb, "%d of %d detections did not fire:", nMissed, p->nDetect);
  for(i=0; i<p->nDetect; i++){
    if( !p->aDetect[i].bDetected ) strbuf_printf(sb, " %s%s", p->aDetect[i].zId,
                                                 --nMissed ? "," : "");
  }
}

int report_verdict_load(Report *p, TsErr *pErr){
  StrBuf sb;
  int *abNamed = mem_calloc((size_t)(p->nJob ? p->nJob : 1), sizeof(int));
  int nAlloc = 0, i, nOther = 0, rc;
  if( abNamed==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  strbuf_init(&sb);
  verdict_targets(p, &sb, abNamed);
  rc = verdict_add(p, &sb, &nAlloc, pErr);
  for(i=0; rc==TS_OK && i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    if( j->prob.zKind==NULL || abNamed[i] ) continue;
    strbuf_printf(&sb, "%s %s %s", nOther++ ? "Also, job" : "Job", j->zJob, j->prob.zCause);
    rc = verdict_add(p, &sb, &nAlloc, pErr);
  }
  if( rc==TS_OK ){
    verdict_convergence(p, &sb);
    rc = verdict_add(p, &sb, &nAlloc, pErr);
  }
  if( rc==TS_OK ){
    verdict_accounts(p, &sb);
    rc = verdict_add(p, &sb, &nAlloc, pErr);
  }
  if( rc==TS_OK && p->nDetect ){
    verdict_detections(p, &sb);
    rc = verdict_add(p, &sb, &nAlloc, pErr);
  }
  if( rc==TS_OK && report_lint_count(p, -1, NULL, NULL)>0 ){
    char zSum[REPORT_TEXT_SIZE*8];
    strbuf_append(&sb, report_lint_summary(p, zSum, sizeof(zSum)));
    rc = verdict_add(p, &sb, &nAlloc, pErr);
  }
  strbuf_free(&sb);
  mem_free(abNamed);
  return rc;
}
