/*
** report_text.c — the Report as a short human-readable summary (report.h).
**
** About 20-40 lines: the run (scenario, seed, simulated span), how fast
** source changes converged, when drift settled, the orphaned guest
** accounts (by reason, then the first REPORT_TEXT_ORPHANS of them) and a
** fixed-width table of the jobs. Durations are ISO-8601 as
** simtime_format_duration writes them. The full detail is in the JSON;
** this is what a person reads after a run. Built in a StrBuf and written
** in one go, so a write error is seen once, at the end.
*/
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"

#define REPORT_TEXT_ORPHANS 10   /* orphan rows listed before "... more" */
#define REPORT_TEXT_ERRORS   3   /* error codes shown per job */
#define REPORT_CELL        128   /* bytes per table cell (longer: cut) */
#define REPORT_TEXT_COLS    12   /* the widest table */

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
    strbuf_appendc(pOut, '\n');
  }
}

/* ============================================================ sections */

static void report_text_header(StrBuf *pOut, const Report *p){
  char zEnd[32];
  strbuf_printf(pOut, "tenantsim %s report: scenario \"%s\", seed %s\n",
                p->zVersion ? p->zVersion : "(unknown version)",
                p->zScenario, p->zSeed);
  strbuf_printf(pOut, "Simulated %s to %s", p->zStart,
                report_format_instant(p, p->tEnd, zEnd, sizeof(zEnd)));
  if( p->zDuration ) strbuf_printf(pOut, " (scenario duration %s)", p->zDuration);
  strbuf_append(pOut, "\n\n");
}

static void report_text_convergence(StrBuf *pOut, const Report *p){
  char z50[48], z95[48], zMax[48], zAt[32];
  const ReportConv *c = &p->conv;
  if( c->nChanges==0 ){
    strbuf_append(pOut, "Convergence: no source changes put a target out of step\n");
  }else{
    strbuf_printf(pOut, "Convergence: %lld source changes, %lld converged,"
                  " %lld never converged\n", (long long)c->nChanges,
                  (long long)c->nConverged, (long long)c->nNever);
    if( c->lat.n>0 ){
      strbuf_printf(pOut, "  latency p50 %s, p95 %s, max %s\n",
                    simtime_format_duration(c->lat.p50, z50, sizeof(z50)),
                    simtime_format_duration(c->lat.p95, z95, sizeof(z95)),
                    simtime_format_duration(c->lat.max, zMax, sizeof(zMax)));
    }
  }
  strbuf_printf(pOut, "Drift: %lld pair%s out of step at the end", (long long)p->nDriftFinal,
                p->nDriftFinal==1 ? "" : "s");
  if( !p->bLastAction ){
    strbuf_append(pOut, "; no timeline actions\n");
  }else{
    report_format_instant(p, p->tLastAction, zAt, sizeof(zAt));
    if( p->bSettled ){
      strbuf_printf(pOut, "; settled %s after the last action (%s)\n",
                    simtime_format_duration(p->nSettle, z50, sizeof(z50)), zAt);
    }else{
      strbuf_printf(pOut, "; never settled after the last action (%s)\n", zAt);
    }
  }
  strbuf_append(pOut, "\n");
}

static int report_text_orphans(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "TARGET", "USER", "JOB", "REASON", "SOURCE STATE", "ORPHANED FOR"
  };
  ReportCell *aCell;
  int nShow = p->nOrphan<REPORT_TEXT_ORPHANS ? p->nOrphan : REPORT_TEXT_ORPHANS;
  int i, c;
  strbuf_printf(pOut, "Orphaned guest accounts: %d", p->nOrphan);
  for(i=0; i<p->nOrphanReason; i++){
    strbuf_printf(pOut, "%s%s %lld", i ? ", " : " (", p->aOrphanReason[i].zName,
                  (long long)p->aOrphanReason[i].n);
  }
  strbuf_append(pOut, p->nOrphanReason ? ")\n" : "\n");
  if( nShow==0 ){
    strbuf_append(pOut, "\n");
    return 0;
  }
  aCell = mem_calloc((size_t)(nShow+1)*6, sizeof(ReportCell));
  if( aCell==NULL ) return -1;
  for(c=0; c<6; c++) snprintf(aCell[c], REPORT_CELL, "%s", azHead[c]);
  for(i=0; i<nShow; i++){
    const ReportOrphan *o = &p->aOrphan[i];
    ReportCell *aRow = &aCell[(i+1)*6];
    snprintf(aRow[0], REPORT_CELL, "%s", o->zTargetTenant);
    snprintf(aRow[1], REPORT_CELL, "%s", o->zUpn ? o->zUpn : o->zObjectId);
    snprintf(aRow[2], REPORT_CELL, "%s", o->zJob);
    snprintf(aRow[3], REPORT_CELL, "%s", o->zReason);
    snprintf(aRow[4], REPORT_CELL, "%s", o->zSourceState);
    simtime_format_duration(o->nAge, aRow[5], REPORT_CELL);
  }
  report_text_table(pOut, 6, nShow+1, aCell, "llllll");
  if( p->nOrphan>nShow ){
    strbuf_printf(pOut, "  ... and %d more (all are in the JSON report)\n",
                  p->nOrphan-nShow);
  }
  strbuf_append(pOut, "\n");
  mem_free(aCell);
  return 0;
}

static int report_text_jobs(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "JOB", "SOURCE>TARGET", "STATUS", "CYCLES", "FAILED", "CREATE", "UPDATE",
    "DISABLE", "DELETE", "SKIPPED", "FAILURES", "P95 LATENCY"
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
    ReportCell *aRow = &aCell[(i+1)*NCOL];
    snprintf(aRow[0], REPORT_CELL, "%s", j->zJob);
    snprintf(aRow[1], REPORT_CELL, "%s>%s", j->zSource ? j->zSource : "?",
             j->zTarget ? j->zTarget : "?");
    snprintf(aRow[2], REPORT_CELL, "%s%s", j->zStatus, j->zGateError ? " (gate)" : "");
    snprintf(aRow[3], REPORT_CELL, "%lld", (long long)j->nCycTotal);
    snprintf(aRow[4], REPORT_CELL, "%lld", (long long)j->nCycFailed);
    snprintf(aRow[5], REPORT_CELL, "%lld", (long long)j->nCreate);
    snprintf(aRow[6], REPORT_CELL, "%lld", (long long)j->nUpdate);
    snprintf(aRow[7], REPORT_CELL, "%lld", (long long)j->nDisable);
    snprintf(aRow[8], REPORT_CELL, "%lld", (long long)j->nDelete);
    snprintf(aRow[9], REPORT_CELL, "%lld", (long long)j->nSkipped);
    snprintf(aRow[10], REPORT_CELL, "%lld", (long long)j->nFailures);
    if( j->conv.lat.n>0 ) simtime_format_duration(j->conv.lat.p95, aRow[11], REPORT_CELL);
    else snprintf(aRow[11], REPORT_CELL, "-");
  }
  report_text_table(pOut, NCOL, p->nJob+1, aCell, "lllrrrrrrrrl");
  mem_free(aCell);
  /* Why jobs failed or were held back, where the table cannot say. */
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    if( j->zGateError ) strbuf_printf(pOut, "  %s gate error: %s\n", j->zJob, j->zGateError);
    if( j->nError==0 ) continue;
    strbuf_printf(pOut, "  %s top errors:", j->zJob);
    for(k=0; k<j->nError && k<REPORT_TEXT_ERRORS; k++){
      strbuf_printf(pOut, "%s %s x%lld", k ? "," : "", j->aError[k].zName,
                    (long long)j->aError[k].n);
    }
    strbuf_appendc(pOut, '\n');
  }
  strbuf_append(pOut, "\n");
  return 0;
}

static void report_text_totals(StrBuf *pOut, const Report *p){
  strbuf_printf(pOut, "Totals: %lld source users, %lld live B2B users in targets,"
                " %lld provisioning log rows,\n", (long long)p->nSourceUsers,
                (long long)p->nTargetB2bLive, (long long)p->nProvLog);
  strbuf_printf(pOut, "  %lld audit log rows, %lld timeline actions\n",
                (long long)p->nAuditLog, (long long)p->nTimeline);
}

/* ============================================================ API */

int report_write_text(const Report *p, FILE *out){
  StrBuf sb;
  int rc = -1;
  strbuf_init(&sb);
  report_text_header(&sb, p);
  report_text_convergence(&sb, p);
  if( report_text_orphans(&sb, p) ) goto out_free;
  if( report_text_jobs(&sb, p) ) goto out_free;
  report_text_totals(&sb, p);
  rc = strbuf_write(&sb, out);
out_free:
  strbuf_free(&sb);
  return rc;
}
