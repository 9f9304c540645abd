/*
** report_text.c — the Report as a short human-readable summary (report.h).
**
** The answer first: the verdict (report_verdict.c), then the evidence —
** each target tenant in step or not and why, how the source changes ended
** (converged, superseded, reverted, held, never) with the latency of the
** converged ones, drift, a fixed-width table of the jobs followed by each
** failing job's cause, documented message and fix, and the guest accounts
** left behind in their three classes (orphaned, disabled by sync,
** pre-existing), the first REPORT_TEXT_ORPHANS of each. Instants are
** "Day N HH:MM" (the header also gives the ISO instants), durations
** "1 h 29 m", counts with thousands separators. Built in a StrBuf and
** written in one go, so a write error is seen once, at the end.
*/
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"

#define REPORT_TEXT_ORPHANS 10   /* orphan rows listed before "... more" */
#define REPORT_TEXT_ERRORS   3   /* error codes shown per job */
#define REPORT_CELL        160   /* bytes per table cell (longer: cut) */
#define REPORT_TEXT_COLS    13   /* the widest table */

typedef char ReportCell[REPORT_CELL];

/* ============================================================ table */

/* Append a table of nRow rows (the first is the header) of nCol cells
** (nCol <= REPORT_TEXT_COLS), indented and separated by two spaces;
** zAlign[c] is 'r' for a right-aligned (numeric) column. The last column
** is not padded, so no line ends in blanks. */
static void report_text_table(StrBuf *pOut, int nCol, int nRow,
                              ReportCell *aCell, const char *zAlign){
  int aWidth[REPORT_TEXT_COLS];
  int r, c;
  for(c=0; c<nCol; c++){
    aWidth[c] = 0;
    for(r=0; r<nRow; r++){
      int n = (int)strlen(aCell[r*nCol+c]);
      if( n>aWidth[c] ) aWidth[c] = n;
    }
  }
  for(r=0; r<nRow; r++){
    for(c=0; c<nCol; c++){
      const char *z = aCell[r*nCol+c];
      strbuf_append(pOut, "  ");
      if( zAlign[c]=='r' ) strbuf_printf(pOut, "%*s", aWidth[c], z);
      else if( c==nCol-1 ) strbuf_append(pOut, z);
      else strbuf_printf(pOut, "%-*s", aWidth[c], z);
    }
    while( pOut->n>0 && !pOut->bErr && pOut->z[pOut->n-1]==' ' ) pOut->z[--pOut->n] = 0;
    strbuf_appendc(pOut, '\n');
  }
}

/* ============================================================ sections */

static void report_text_header(StrBuf *pOut, const Report *p){
  char zEnd[REPORT_TEXT_SIZE], zD1[REPORT_TEXT_SIZE], zD2[REPORT_TEXT_SIZE], zSpan[REPORT_TEXT_SIZE];
  strbuf_printf(pOut, "tenantsim %s report: scenario \"%s\", seed %s\n",
                p->zVersion ? p->zVersion : "(unknown version)",
                p->zScenario, p->zSeed);
  strbuf_printf(pOut, "Simulated %s (%s) to %s (%s): %s\n\n", p->zStart,
                report_format_day(p, 0, zD1, sizeof(zD1)),
                report_format_instant(p, p->tEnd, zEnd, sizeof(zEnd)),
                report_format_day(p, p->tEnd, zD2, sizeof(zD2)),
                simtime_format_span(p->tEnd, zSpan, sizeof(zSpan)));
}

static void report_text_verdict(StrBuf *pOut, const Report *p){
  int i;
  strbuf_append(pOut, "Verdict\n");
  for(i=0; i<p->nVerdict; i++) strbuf_printf(pOut, "  %s\n", p->azVerdict[i]);
  strbuf_append(pOut, "\n");
}


/* The reasons out of step as "reason n (job), ..." into z[n]. */
static void report_text_whys(const ReportWhy *a, int nWhy, char *z, size_t n){
  size_t k = 0;
  int i;
  char zN[REPORT_TEXT_SIZE];
  z[0] = 0;
  for(i=0; i<nWhy && k<n; i++){
    int m = snprintf(z+k, n-k, "%s%s %s%s%s%s", i ? ", " : "", a[i].zReason,
                     report_format_count(a[i].n, zN, sizeof(zN)),
                     a[i].zJob ? " (" : "", a[i].zJob ? a[i].zJob : "", a[i].zJob ? ")" : "");
    if( m<0 ) break;
    k += (size_t)m;
  }
}

static int report_text_targets(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "TARGET", "IN STEP SINCE", "OUT OF STEP", "WHY" };
  ReportCell *aCell;
  int i, c;
  if( p->nTarget==0 ) return 0;
  aCell = mem_calloc((size_t)(p->nTarget+1)*4, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<4; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    ReportCell *aRow = &aCell[(i+1)*4];
    snprintf(aRow[0], REPORT_CELL, "%s", t->zTenant);
    report_format_in_step(p, t->nOutOfStep, t->bDrifted, t->tInStep, aRow[1], REPORT_CELL);
    report_format_count(t->nOutOfStep, aRow[2], REPORT_CELL);
    report_text_whys(t->aWhy, t->nWhy, aRow[3], REPORT_CELL);
  }
  strbuf_append(pOut, "Targets\n");
  report_text_table(pOut, 4, p->nTarget+1, aCell, "llrl");
  strbuf_append(pOut, "\n");
  mem_free(aCell);
  return 0;
}

static void report_text_convergence(StrBuf *pOut, const Report *p){
  char z[7][REPORT_TEXT_SIZE], zAt[REPORT_TEXT_SIZE];
  const ReportConv *c = &p->conv;
  const ReportLatency *l = &c->lat;
  if( c->nChanges==0 ){
    strbuf_append(pOut, "Convergence: no source changes put a target out of step\n");
  }else{
    strbuf_printf(pOut, "Convergence: %s changes: %s converged, %s superseded, %s reverted,"
                  " %s held, %s never converged\n",
                  report_format_count(c->nChanges, z[0], sizeof(z[0])),
                  report_format_count(c->nConverged, z[1], sizeof(z[1])),
                  report_format_count(c->nSuperseded, z[2], sizeof(z[2])),
                  report_format_count(c->nReverted, z[3], sizeof(z[3])),
                  report_format_count(c->nHeld, z[4], sizeof(z[4])),
                  report_format_count(c->nNever, z[5], sizeof(z[5])));
    if( l->n+l->nCensored>0 ){
      int64_t nPm = report_censored_permille(l);
      strbuf_printf(pOut, "  latency p50 %s, p95 %s, max %s",
                    report_format_quantile(l, l->p50, l->bCensor50, z[0], sizeof(z[0])),
                    report_format_quantile(l, l->p95, l->bCensor95, z[1], sizeof(z[1])),
                    report_format_quantile(l, l->max, l->bCensorMax, z[2], sizeof(z[2])));
      if( l->nCensored ){
        strbuf_printf(pOut, " (%lld.%lld %% still open at the end)", (long long)(nPm/10),
                      (long long)(nPm%10));
      }
      strbuf_append(pOut, "\n");
    }
  }
  strbuf_printf(pOut, "Drift: %s pair%s out of step at the end",
                report_format_count(p->nDriftFinal, z[6], sizeof(z[6])),
                p->nDriftFinal==1 ? "" : "s");
  if( !p->bLastAction ){
    strbuf_append(pOut, "; no timeline actions\n");
  }else{
    report_format_day(p, p->tLastAction, zAt, sizeof(zAt));
    if( p->bSettled ){
      strbuf_printf(pOut, "; settled %s after the last action (%s)\n",
                    simtime_format_span(p->nSettle, z[0], sizeof(z[0])), zAt);
    }else{
      strbuf_printf(pOut, "; never settled after the last action (%s)\n", zAt);
    }
  }
  strbuf_append(pOut, "\n");
}

/* A table of accounts left behind (nShow of n), with zTitle above. */
static int report_text_accounts(StrBuf *pOut, const char *zTitle,
                                const ReportOrphan *a, int n){
  static const char *const azHead[] = {
    "TARGET", "USER", "JOB", "REASON", "SOURCE STATE", "AGE"
  };
  ReportCell *aCell;
  int nShow = n<REPORT_TEXT_ORPHANS ? n : REPORT_TEXT_ORPHANS;
  int i, c;
  strbuf_append(pOut, zTitle);
  if( nShow==0 ){
    strbuf_append(pOut, "\n");
    return 0;
  }
  aCell = mem_calloc((size_t)(nShow+1)*6, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<6; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<nShow; i++){
    const ReportOrphan *o = &a[i];
    ReportCell *aRow = &aCell[(i+1)*6];
    snprintf(aRow[0], REPORT_CELL, "%s", o->zTargetTenant);
    snprintf(aRow[1], REPORT_CELL, "%s", o->zUpn ? o->zUpn : o->zObjectId);
    snprintf(aRow[2], REPORT_CELL, "%s", o->zJob ? o->zJob : "-");
    snprintf(aRow[3], REPORT_CELL, "%s", o->zReason);
    snprintf(aRow[4], REPORT_CELL, "%s", o->zSourceState);
    simtime_format_span(o->nAge, aRow[5], REPORT_CELL);
  }
  report_text_table(pOut, 6, nShow+1, aCell, "llllll");
  if( n>nShow ){
    strbuf_printf(pOut, "  ... and %d more (all are in the JSON report)\n", n-nShow);
  }
  strbuf_append(pOut, "\n");
  mem_free(aCell);
  return 0;
}

static int report_text_orphans(StrBuf *pOut, const Report *p){
  StrBuf t;
  char zN[REPORT_TEXT_SIZE];
  int i, rc;
  strbuf_init(&t);
  strbuf_printf(&t, "Orphaned guest accounts: %s", report_format_count(p->nOrphan, zN, sizeof(zN)));
  for(i=0; i<p->nOrphanReason; i++){
    strbuf_printf(&t, "%s%s %s", i ? ", " : " (", p->aOrphanReason[i].zName,
                  report_format_count(p->aOrphanReason[i].n, zN, sizeof(zN)));
  }
  strbuf_append(&t, p->nOrphanReason ? ")\n" : "\n");
  rc = t.bErr ? -1 : report_text_accounts(pOut, strbuf_str(&t), p->aOrphan, p->nOrphan);
  strbuf_reset(&t);
  if( rc==0 && p->nDisabled ){
    strbuf_printf(&t, "Disabled by sync (the source user is disabled and so is its target"
                  " account, as designed; not orphans): %s\n",
                  report_format_count(p->nDisabled, zN, sizeof(zN)));
    rc = t.bErr ? -1 : report_text_accounts(pOut, strbuf_str(&t), p->aDisabled, p->nDisabled);
    strbuf_reset(&t);
  }
  if( rc==0 && p->nPreexisting ){
    strbuf_printf(&t, "Pre-existing guest accounts (their home identity is not among the"
                  " scenario's users; orphaned before the run began): %s\n",
                  report_format_count(p->nPreexisting, zN, sizeof(zN)));
    rc = t.bErr ? -1 : report_text_accounts(pOut, strbuf_str(&t), p->aPreexisting,
                                            p->nPreexisting);
  }
  strbuf_free(&t);
  return rc;
}

static int report_text_jobs(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "JOB", "SOURCE>TARGET", "STATUS", "CYCLES", "FAILED", "CREATE", "UPDATE",
    "DISABLE", "DELETE", "SKIPPED", "FAILURES", "P95 LATENCY", "IN STEP SINCE"
  };
  enum { NCOL = REPORT_TEXT_COLS };
  ReportCell *aCell;
  int i, k, c;
  strbuf_printf(pOut, "Jobs: %d\n", p->nJob);
  if( p->nJob==0 ) return 0;
  aCell = mem_calloc((size_t)(p->nJob+1)*NCOL, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<NCOL; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    const ReportLatency *l = &j->conv.lat;
    ReportCell *aRow = &aCell[(i+1)*NCOL];
    snprintf(aRow[0], REPORT_CELL, "%s", j->zJob);
    snprintf(aRow[1], REPORT_CELL, "%s>%s", j->zSource ? j->zSource : "?",
             j->zTarget ? j->zTarget : "?");
    snprintf(aRow[2], REPORT_CELL, "%s", j->zStatus);
    report_format_count(j->nCycTotal, aRow[3], REPORT_CELL);
    report_format_count(j->nCycFailed, aRow[4], REPORT_CELL);
    report_format_count(j->nCreate, aRow[5], REPORT_CELL);
    report_format_count(j->nUpdate, aRow[6], REPORT_CELL);
    report_format_count(j->nDisable, aRow[7], REPORT_CELL);
    report_format_count(j->nDelete, aRow[8], REPORT_CELL);
    report_format_count(j->nSkipped, aRow[9], REPORT_CELL);
    report_format_count(j->nFailures, aRow[10], REPORT_CELL);
    report_format_quantile(l, l->p95, l->bCensor95, aRow[11], REPORT_CELL);
    report_format_in_step(p, j->conv.nOutOfStep, j->conv.bDrifted, j->conv.tInStep,
                        aRow[12], REPORT_CELL);
  }
  report_text_table(pOut, NCOL, p->nJob+1, aCell, "lllrrrrrrrrll");
  mem_free(aCell);
  /* Why jobs failed or were held back, and what to do. */
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    char zLife[100];
    if( report_format_job_life(p, j, zLife, sizeof(zLife))[0] ){
      strbuf_printf(pOut, "  %s: configuration %s.\n", j->zJob, zLife);
    }
    if( j->prob.zKind ){
      strbuf_printf(pOut, "  %s %s.\n", j->zJob, j->prob.zCause);
      if( j->prob.zMessage ){
        strbuf_printf(pOut, "    %s: \"%s\"\n", j->prob.zCode, j->prob.zMessage);
      }
      strbuf_printf(pOut, "    Fix: %s.\n", j->prob.zFix);
    }
    if( j->nError==0 ) continue;
    strbuf_printf(pOut, "  %s top errors:", j->zJob);
    for(k=0; k<j->nError && k<REPORT_TEXT_ERRORS; k++){
      char zN[REPORT_TEXT_SIZE];
      strbuf_printf(pOut, "%s %s x%s", k ? "," : "", j->aError[k].zName,
                    report_format_count(j->aError[k].n, zN, sizeof(zN)));
    }
    strbuf_appendc(pOut, '\n');
  }
  strbuf_append(pOut, "\n");
  return 0;
}

/* The scenario's detections (nothing when it declares none). */
static int report_text_detections(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "DETECTION", "LOG", "OUTCOME", "EVIDENCE" };
  ReportCell *aCell;
  int i, c, nFired = 0;
  if( p->nDetect==0 ) return 0;
  aCell = mem_calloc((size_t)(p->nDetect+1)*4, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<4; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<p->nDetect; i++){
    const ReportDetect *d = &p->aDetect[i];
    ReportCell *aRow = &aCell[(i+1)*4];
    nFired += d->bDetected;
    snprintf(aRow[0], REPORT_CELL, "%s", d->zId);
    snprintf(aRow[1], REPORT_CELL, "%s%s%s", d->zLog, d->zScope ? " of " : "",
             d->zScope ? d->zScope : "");
    report_detect_outcome(p, d, aRow[2], REPORT_CELL);
    snprintf(aRow[3], REPORT_CELL, "%s", d->zEvidence ? d->zEvidence : "");
  }
  strbuf_printf(pOut, "Detections: %d of %d fired\n", nFired, p->nDetect);
  report_text_table(pOut, 4, p->nDetect+1, aCell, "llll");
  strbuf_append(pOut, "\n");
  mem_free(aCell);
  return 0;
}

/* The lint findings over the run (nothing for a database without them). */
static int report_text_lint(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "SEVERITY", "RULE", "ABOUT", "FIRST SEEN", "CLEARED", "FINDING" };
  char zSum[REPORT_TEXT_SIZE*8];
  ReportCell *aCell;
  int i, c;
  if( !p->bLint ) return 0;
  strbuf_printf(pOut, "Security findings: %s.\n", report_lint_summary(p, zSum, sizeof(zSum)));
  if( p->nFinding==0 ){
    strbuf_append(pOut, "\n");
    return 0;
  }
  aCell = mem_calloc((size_t)(p->nFinding+1)*6, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<6; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<p->nFinding; i++){
    const ReportFinding *f = &p->aFinding[i];
    ReportCell *aRow = &aCell[(i+1)*6];
    snprintf(aRow[0], REPORT_CELL, "%s", f->zSuppressed ? "suppressed" : f->zSeverity);
    snprintf(aRow[1], REPORT_CELL, "%s", f->zRule);
    report_lint_objects(f, aRow[2], REPORT_CELL);
    report_format_day(p, f->tFirst, aRow[3], REPORT_CELL);
    report_lint_cleared(p, f, aRow[4], REPORT_CELL);
    snprintf(aRow[5], REPORT_CELL, "%s", f->zMessage);
  }
  report_text_table(pOut, 6, p->nFinding+1, aCell, "llllll");
  strbuf_append(pOut, "\n");
  mem_free(aCell);
  return 0;
}

static void report_text_totals(StrBuf *pOut, const Report *p){
  char z[5][REPORT_TEXT_SIZE];
  strbuf_printf(pOut, "Totals: %s source users, %s live B2B users in targets,"
                " %s provisioning log rows,\n",
                report_format_count(p->nSourceUsers, z[0], sizeof(z[0])),
                report_format_count(p->nTargetB2bLive, z[1], sizeof(z[1])),
                report_format_count(p->nProvLog, z[2], sizeof(z[2])));
  strbuf_printf(pOut, "  %s audit log rows, %s timeline actions\n",
                report_format_count(p->nAuditLog, z[3], sizeof(z[3])),
                report_format_count(p->nTimeline, z[4], sizeof(z[4])));
}

/* ============================================================ API */

int report_text_write(const Report *p, FILE *out){
  StrBuf sb;
  int rc = -1;
  strbuf_init(&sb);
  report_text_header(&sb, p);
  report_text_verdict(&sb, p);
  if( report_text_targets(&sb, p) ) goto out_free;
  report_text_convergence(&sb, p);
  if( report_text_jobs(&sb, p) ) goto out_free;
  if( report_text_orphans(&sb, p) ) goto out_free;
  if( report_text_detections(&sb, p) ) goto out_free;
  if( report_text_lint(&sb, p) ) goto out_free;
  report_text_totals(&sb, p);
  rc = strbuf_write(&sb, out);
out_free:
  strbuf_free(&sb);
  return rc;
}
