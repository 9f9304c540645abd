/*
** report_md.c — the Report as a Markdown page for training labs (report.h).
**
** Sections: the run; the verdict; the narrative (report_narrative.c: each
** timeline action with what followed for every job it concerned, and the
** service's own events, "Day N HH:MM" with Day 1 the start day, UTC); the
** targets and the convergence of each job; the jobs with each problem's
** cause, documented message and fix; the guest accounts left behind in
** their three classes. Everything comes from the Report, so the page says
** what the text and JSON reports say.
**
** Data from the database may hold anything (a display name with '|', a
** newline or "<script>"): table cells escape '|', '\', newlines and the
** HTML specials, and list text has its newlines folded into spaces, so a
** value can neither break the table nor inject markup. Built in a StrBuf
** and written in one go, like report_text.c.
*/
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"
#include "trust.h"

/* ============================================================ escaping */

/* The contracts of the three escaping writers are in report.h. */

void report_md_text(StrBuf *pOut, const char *z, int bCell){
  if( z==NULL ){
    strbuf_append(pOut, "\xe2\x80\x94");
    return;
  }
  for(; *z; z++){
    switch( *z ){
      case '|':  strbuf_append(pOut, bCell ? "\\|" : "|"); break;
      case '\\': strbuf_append(pOut, bCell ? "\\\\" : "\\"); break;
      case '<':  strbuf_append(pOut, "&lt;"); break;
      case '&':  strbuf_append(pOut, "&amp;"); break;
      case '\r':
        if( z[1]=='\n' ) z++;
        /* fall through */
      case '\n': strbuf_append(pOut, bCell ? "<br>" : " "); break;
      default:   strbuf_appendc(pOut, *z); break;
    }
  }
}

void report_md_cell(StrBuf *pOut, const char *z){
  strbuf_append(pOut, "| ");
  report_md_text(pOut, z, 1);
  strbuf_appendc(pOut, ' ');
}

void report_md_head(StrBuf *pOut, int nCol, const char *const *azHead, const char *zAlign){
  int c;
  for(c=0; c<nCol; c++) strbuf_printf(pOut, "| %s ", azHead[c]);
  strbuf_append(pOut, "|\n");
  for(c=0; c<nCol; c++) strbuf_append(pOut, zAlign[c]=='r' ? "|---:" : "|---");
  strbuf_append(pOut, "|\n");
}

/* ============================================================ sections */

static void report_md_header(StrBuf *pOut, const Report *p){
  char zEnd[REPORT_TEXT_SIZE], zSpan[REPORT_TEXT_SIZE];
  strbuf_append(pOut, "# tenantsim lab report: ");
  report_md_text(pOut, p->zScenario, 0);
  strbuf_printf(pOut, "\n\nSeed %s; simulated %s to %s (%s", p->zSeed, p->zStart,
                report_format_instant(p, p->tEnd, zEnd, sizeof(zEnd)),
                simtime_format_span(p->tEnd, zSpan, sizeof(zSpan)));
  if( p->zDuration ){
    strbuf_append(pOut, ", scenario duration ");
    report_md_text(pOut, p->zDuration, 0);
  }
  strbuf_printf(pOut, "); tenantsim %s. Times are Day N HH:MM, Day 1 being the start day (UTC).\n\n",
                p->zVersion ? p->zVersion : "(unknown version)");
}

static void report_md_verdict(StrBuf *pOut, const Report *p){
  int i;
  strbuf_append(pOut, "## Verdict\n\n");
  for(i=0; i<p->nVerdict; i++){
    strbuf_append(pOut, "- ");
    report_md_text(pOut, p->azVerdict[i], 0);
    strbuf_append(pOut, "\n");
  }
  strbuf_append(pOut, "\n");
}

static void report_md_timeline(StrBuf *pOut, const Report *p){
  char zDay[REPORT_TEXT_SIZE];
  int i, n = 0;
  strbuf_append(pOut, "## Timeline\n\n");
  for(i=0; i<p->nLine; i++){
    const ReportLine *l = &p->aLine[i];
    const char *zText = l->zText ? l->zText : "";
    if( l->iSeq>0 && l->zJob ){
      /* What followed an action for one job: a nested item. */
      strbuf_append(pOut, "  - ");
      report_md_text(pOut, l->zJob, 0);
      strbuf_append(pOut, ": ");
      report_md_text(pOut, zText, 0);
      strbuf_append(pOut, "\n");
      continue;
    }
    strbuf_printf(pOut, "- **%s** \xe2\x80\x94 ", report_format_day(p, l->t, zDay, sizeof(zDay)));
    if( l->iSeq>0 ){
      report_md_text(pOut, l->zSummary, 0);
      if( l->zNote ){
        strbuf_append(pOut, " \xe2\x80\x94 *");
        report_md_text(pOut, l->zNote, 0);
        strbuf_append(pOut, "*");
      }
      if( zText[0] ){
        strbuf_append(pOut, "; ");
        report_md_text(pOut, zText, 0);
      }
    }else{
      if( l->zJob ){
        strbuf_append(pOut, "job ");
        report_md_text(pOut, l->zJob, 0);
        strbuf_append(pOut, " ");
      }
      report_md_text(pOut, zText, 0);
    }
    strbuf_append(pOut, "\n");
    n++;
  }
  if( n==0 ) strbuf_append(pOut, "Nothing happened: no timeline actions and no events.\n");
  strbuf_append(pOut, "\n");
}


/* The reasons a list of out-of-step groups gives, as one cell. */
static void report_md_whys(StrBuf *pOut, const ReportWhy *a, int n){
  char zN[REPORT_TEXT_SIZE];
  int i;
  strbuf_append(pOut, "| ");
  for(i=0; i<n; i++){
    if( i ) strbuf_append(pOut, "; ");
    report_md_text(pOut, a[i].zReason, 1);
    strbuf_printf(pOut, " %s", report_format_count(a[i].n, zN, sizeof(zN)));
    if( a[i].zJob ){
      strbuf_append(pOut, " (");
      report_md_text(pOut, a[i].zJob, 1);
      strbuf_append(pOut, ")");
    }
  }
  if( n==0 ) strbuf_append(pOut, "-");
  strbuf_append(pOut, " ");
}

static void report_md_targets(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "Target", "In step since", "Out of step", "Why" };
  char z[REPORT_TEXT_SIZE];
  int i;
  strbuf_append(pOut, "## Targets\n\n");
  if( p->nTarget==0 ){
    strbuf_append(pOut, "No job has a target tenant.\n\n");
    return;
  }
  report_md_head(pOut, 4, azHead, "llrl");
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    report_md_cell(pOut, t->zTenant);
    report_md_cell(pOut, report_format_in_step(p, t->nOutOfStep, t->bDrifted, t->tInStep, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(t->nOutOfStep, z, sizeof(z)));
    report_md_whys(pOut, t->aWhy, t->nWhy);
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
}

/* One convergence row for a summary named zName (escaped). */
static void report_md_conv_row(StrBuf *pOut, const char *zName, const ReportConv *c){
  const ReportLatency *l = &c->lat;
  int64_t nPm = report_censored_permille(l);
  char z[REPORT_TEXT_SIZE];
  report_md_cell(pOut, zName);
  report_md_cell(pOut, report_format_count(c->nChanges, z, sizeof(z)));
  report_md_cell(pOut, report_format_count(c->nConverged, z, sizeof(z)));
  report_md_cell(pOut, report_format_count(c->nSuperseded, z, sizeof(z)));
  report_md_cell(pOut, report_format_count(c->nReverted, z, sizeof(z)));
  report_md_cell(pOut, report_format_count(c->nHeld, z, sizeof(z)));
  report_md_cell(pOut, report_format_count(c->nNever, z, sizeof(z)));
  strbuf_printf(pOut, "| %lld.%lld %% ", (long long)(nPm/10), (long long)(nPm%10));
  report_md_cell(pOut, report_format_quantile(l, l->p50, l->bCensor50, z, sizeof(z)));
  report_md_cell(pOut, report_format_quantile(l, l->p95, l->bCensor95, z, sizeof(z)));
  report_md_cell(pOut, report_format_quantile(l, l->max, l->bCensorMax, z, sizeof(z)));
  strbuf_append(pOut, "|\n");
}

static void report_md_metrics(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "Scope", "Changes", "Converged", "Superseded", "Reverted", "Held", "Never converged",
    "Still open", "p50", "p95", "Max"
  };
  char z[REPORT_TEXT_SIZE], zAt[REPORT_TEXT_SIZE];
  int i;
  strbuf_append(pOut, "## Convergence\n\n");
  strbuf_append(pOut, "A change is *converged* when the target first matches it (the latency"
                " samples), *superseded* when a later change replaced it first, *reverted* when"
                " the source went back to what the target held, *held* when the service"
                " deliberately did not apply it, *never converged* otherwise. Percentiles count"
                " the changes still open at the end as longer than the run.\n\n");
  report_md_head(pOut, 11, azHead, "lrrrrrrrlll");
  report_md_conv_row(pOut, "all jobs", &p->conv);
  for(i=0; i<p->nJob; i++) report_md_conv_row(pOut, p->aJob[i].zJob, &p->aJob[i].conv);
  strbuf_printf(pOut, "\n- Drift at the end: %s pair%s out of step\n",
                report_format_count(p->nDriftFinal, z, sizeof(z)), p->nDriftFinal==1 ? "" : "s");
  if( !p->bLastAction ){
    strbuf_append(pOut, "- Drift settled: no timeline actions\n");
  }else if( p->bSettled ){
    strbuf_printf(pOut, "- Drift settled %s after the last action (%s)\n",
                  simtime_format_span(p->nSettle, z, sizeof(z)),
                  report_format_day(p, p->tLastAction, zAt, sizeof(zAt)));
  }else{
    strbuf_printf(pOut, "- Drift never settled after the last action (%s)\n",
                  report_format_day(p, p->tLastAction, zAt, sizeof(zAt)));
  }
  strbuf_append(pOut, "\n");
}

static void report_md_accounts(StrBuf *pOut, const Report *p, const ReportOrphan *a, int n){
  static const char *const azHead[] = {
    "Target", "User principal name", "Display name", "Source", "Source user",
    "Job", "Reason", "Source state", "Since", "Age"
  };
  char z[REPORT_TEXT_SIZE];
  int i;
  if( n==0 ) return;
  report_md_head(pOut, 10, azHead, "llllllllll");
  for(i=0; i<n; i++){
    const ReportOrphan *o = &a[i];
    report_md_cell(pOut, o->zTargetTenant);
    report_md_cell(pOut, o->zUpn ? o->zUpn : o->zObjectId);
    report_md_cell(pOut, o->zDisplayName);
    report_md_cell(pOut, o->zSourceTenant);
    report_md_cell(pOut, o->zSourceUser);
    report_md_cell(pOut, o->zJob);
    report_md_cell(pOut, o->zReason);
    report_md_cell(pOut, o->zSourceState);
    report_md_cell(pOut, o->tSince==0 && o->zJob==NULL ? "before the run"
                                                       : report_format_day(p, o->tSince, z, sizeof(z)));
    report_md_cell(pOut, simtime_format_span(o->nAge, z, sizeof(z)));
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
}

static void report_md_orphans(StrBuf *pOut, const Report *p){
  char z[REPORT_TEXT_SIZE];
  int i;
  strbuf_printf(pOut, "## Orphaned guest accounts\n\n%s orphaned guest account%s",
                report_format_count(p->nOrphan, z, sizeof(z)), p->nOrphan==1 ? "" : "s");
  for(i=0; i<p->nOrphanReason; i++){
    strbuf_append(pOut, i ? ", " : " (");
    report_md_text(pOut, p->aOrphanReason[i].zName, 0);
    strbuf_printf(pOut, " %s", report_format_count(p->aOrphanReason[i].n, z, sizeof(z)));
  }
  strbuf_append(pOut, p->nOrphanReason ? ").\n\n" : ".\n\n");
  report_md_accounts(pOut, p, p->aOrphan, p->nOrphan);
  strbuf_printf(pOut, "### Disabled by sync\n\n%s account%s whose source user is disabled:"
                " CTS disabled the target account, as designed. Not orphans.\n\n",
                report_format_count(p->nDisabled, z, sizeof(z)), p->nDisabled==1 ? "" : "s");
  report_md_accounts(pOut, p, p->aDisabled, p->nDisabled);
  strbuf_printf(pOut, "### Pre-existing guest accounts\n\n%s B2B account%s present before the"
                " run whose home identity is not among the scenario's users (orphaned"
                " already, or guests of another organisation).\n\n",
                report_format_count(p->nPreexisting, z, sizeof(z)), p->nPreexisting==1 ? "" : "s");
  report_md_accounts(pOut, p, p->aPreexisting, p->nPreexisting);
}

/* The scenario's detections (nothing when it declares none). */
static void report_md_detections(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "Detection", "Log", "Outcome", "Time to detect", "Evidence" };
  char z[REPORT_TEXT_SIZE], zOut[REPORT_OUTCOME_SIZE];
  int i, nFired = 0;
  if( p->nDetect==0 ) return;
  for(i=0; i<p->nDetect; i++) nFired += p->aDetect[i].bDetected;
  strbuf_printf(pOut, "## Detections\n\n%d of %d detections fired.\n\n", nFired, p->nDetect);
  report_md_head(pOut, 5, azHead, "lllrl");
  for(i=0; i<p->nDetect; i++){
    const ReportDetect *d = &p->aDetect[i];
    report_md_cell(pOut, d->zId);
    strbuf_append(pOut, "| ");
    report_md_text(pOut, d->zLog, 1);
    if( d->zScope ){
      strbuf_append(pOut, " of ");
      report_md_text(pOut, d->zScope, 1);
    }
    strbuf_appendc(pOut, ' ');
    report_md_cell(pOut, report_detect_outcome(p, d, zOut, sizeof(zOut)));
    report_md_cell(pOut, d->bDetected ? simtime_format_span(d->tDetected - d->tAfter, z, sizeof(z))
                                      : NULL);
    report_md_cell(pOut, d->zEvidence);
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
}

/* The lint findings over the run (nothing for a database without them). */
static void report_md_lint(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = { "Severity", "Rule", "About", "First seen", "Cleared",
                                        "Finding and evidence" };
  char z[REPORT_TEXT_SIZE], zObj[REPORT_TEXT_SIZE*4], zSum[REPORT_TEXT_SIZE*8];
  int i;
  if( !p->bLint ) return;
  strbuf_printf(pOut, "## Security findings\n\n%s.\n\n", report_lint_summary(p, zSum, sizeof(zSum)));
  if( p->nFinding==0 ) return;
  report_md_head(pOut, 6, azHead, "llllll");
  for(i=0; i<p->nFinding; i++){
    const ReportFinding *f = &p->aFinding[i];
    report_md_cell(pOut, f->zSuppressed ? "suppressed" : f->zSeverity);
    strbuf_append(pOut, "| `");
    report_md_text(pOut, f->zRule, 1);
    strbuf_append(pOut, "` ");
    report_md_text(pOut, f->zName, 1);
    strbuf_append(pOut, " ");
    report_md_cell(pOut, report_lint_objects(f, zObj, sizeof(zObj)));
    report_md_cell(pOut, report_format_day(p, f->tFirst, z, sizeof(z)));
    report_md_cell(pOut, report_lint_cleared(p, f, z, sizeof(z)));
    strbuf_append(pOut, "| ");
    report_md_text(pOut, f->zMessage, 1);
    strbuf_append(pOut, " (");
    report_md_text(pOut, f->zSetting, 1);
    strbuf_append(pOut, " = ");
    report_md_text(pOut, f->zValue ? f->zValue : "null", 1);
    if( f->zPath ){
      strbuf_append(pOut, " at ");
      report_md_text(pOut, f->zPath, 1);
    }
    strbuf_append(pOut, ")");
    if( f->zSuppressed ){
      strbuf_append(pOut, "; suppressed: ");
      report_md_text(pOut, f->zSuppressed, 1);
    }
    strbuf_append(pOut, " |\n");
  }
  strbuf_append(pOut, "\n");
}

/* Who trusts whom at the end of the run (trust.h): one row per path. A
** database without policy history has no section; running out of memory
** fails the page. */
static void report_md_trust(StrBuf *pOut, const Report *p, Store *pStore){
  static const char *const azHead[] = { "#", "Path", "Jobs", "Users", "Settings", "Problems" };
  TrustGraph g;
  TsErr err;
  StrBuf cell;
  char zN[32], zP[TRUST_TEXT_SIZE];
  unsigned bit;
  int i, f, rc;
  tserr_clear(&err);
  rc = trust_build_end(pStore, p->anCreatedLive, p->nCreatedLive, &g, &err);
  if( rc ){
    if( rc!=TS_ERR ) pOut->bErr = 1;
    return;
  }
  strbuf_init(&cell);
  strbuf_printf(pOut, "## Trust paths\n\nAt the end of the run: %d path%s (users flow from"
                " the first tenant to the second).\n\n", g.nEdge, g.nEdge==1 ? "" : "s");
  report_md_head(pOut, 6, azHead, "rllrll");
  for(i=0; i<g.nEdge; i++){
    const TrustEdge *e = &g.aEdge[i];
    strbuf_printf(pOut, "| %d ", i+1);
    strbuf_reset(&cell);
    strbuf_printf(&cell, "%s → %s%s", g.aNode[e->iFrom].zKey, g.aNode[e->iTo].zKey,
                  e->bCrossCloud ? " (cross-cloud)" : "");
    report_md_cell(pOut, strbuf_str(&cell));
    strbuf_reset(&cell);
    for(f=0; f<e->nJob; f++){
      strbuf_printf(&cell, "%s%s (%s)", f ? ", " : "", e->aJob[f].zKey, e->aJob[f].zState);
    }
    report_md_cell(pOut, e->nJob ? strbuf_str(&cell) : "no job");
    report_md_cell(pOut, report_format_count(e->nUsers, zN, sizeof(zN)));
    strbuf_reset(&cell);
    for(f=0; f<TF_COUNT; f++){
      if( !e->a[f].v ) continue;
      strbuf_printf(&cell, "%s%s%s", cell.n ? ", " : "", trust_field_label((TrustField)f),
                    e->a[f].eFrom==TRUST_DEFAULT ? " (default)" : "");
    }
    report_md_cell(pOut, cell.n ? strbuf_str(&cell) : "none");
    strbuf_reset(&cell);
    for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
      if( !(e->mProblem & bit) ) continue;
      strbuf_printf(&cell, "%s%s: %s", cell.n ? "\n" : "", trust_problem_label(bit),
                    trust_problem_text(&g, e, bit, zP, sizeof(zP)));
    }
    report_md_cell(pOut, cell.n ? strbuf_str(&cell) : "none");
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
  if( cell.bErr ) pOut->bErr = 1;
  strbuf_free(&cell);
  trust_free(&g);
}

static void report_md_jobs(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "Job", "Source", "Target", "Scope", "Status", "Cycles", "Failed cycles",
    "Create", "Update", "Disable", "Delete", "Skipped", "Failures", "In step since"
  };
  char z[REPORT_TEXT_SIZE];
  int i, k;
  strbuf_printf(pOut, "## Jobs\n\n%d job%s.\n\n", p->nJob, p->nJob==1 ? "" : "s");
  if( p->nJob==0 ) return;
  report_md_head(pOut, 14, azHead, "lllllrrrrrrrrl");
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    report_md_cell(pOut, j->zJob);
    report_md_cell(pOut, j->zSource);
    report_md_cell(pOut, j->zTarget);
    report_md_cell(pOut, j->zScope);
    report_md_cell(pOut, j->zStatus);
    report_md_cell(pOut, report_format_count(j->nCycTotal, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nCycFailed, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nCreate, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nUpdate, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nDisable, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nDelete, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nSkipped, z, sizeof(z)));
    report_md_cell(pOut, report_format_count(j->nFailures, z, sizeof(z)));
    report_md_cell(pOut, report_format_in_step(p, j->conv.nOutOfStep, j->conv.bDrifted,
                                           j->conv.tInStep, z, sizeof(z)));
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
  for(i=0, k=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    char zLife[100];
    if( report_format_job_life(p, j, zLife, sizeof(zLife))[0]==0 ) continue;
    strbuf_append(pOut, "- ");
    report_md_text(pOut, j->zJob, 0);
    strbuf_printf(pOut, ": configuration %s.\n", zLife);
    k++;
  }
  if( k ) strbuf_append(pOut, "\n");
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    if( j->prob.zKind==NULL ) continue;
    strbuf_append(pOut, "- **");
    report_md_text(pOut, j->zJob, 0);
    strbuf_append(pOut, "** ");
    report_md_text(pOut, j->prob.zCause, 0);
    strbuf_append(pOut, ".");
    if( j->prob.zMessage ){
      strbuf_append(pOut, " `");
      report_md_text(pOut, j->prob.zCode, 0);
      strbuf_append(pOut, "`: \xe2\x80\x9c");
      report_md_text(pOut, j->prob.zMessage, 0);
      strbuf_append(pOut, "\xe2\x80\x9d");
    }
    strbuf_append(pOut, " **Fix:** ");
    report_md_text(pOut, j->prob.zFix, 0);
    strbuf_append(pOut, ".\n");
  }
  strbuf_append(pOut, "\n");
}

/* ============================================================ API */

int report_md_write(const Report *p, Store *pStore, FILE *out){
  StrBuf sb;
  int rc;
  strbuf_init(&sb);
  report_md_header(&sb, p);
  report_md_verdict(&sb, p);
  report_md_timeline(&sb, p);
  report_md_targets(&sb, p);
  report_md_metrics(&sb, p);
  report_md_jobs(&sb, p);
  report_md_trust(&sb, p, pStore);
  report_md_orphans(&sb, p);
  report_md_detections(&sb, p);
  report_md_lint(&sb, p);
  rc = strbuf_write(&sb, out);
  strbuf_free(&sb);
  return rc;
}
