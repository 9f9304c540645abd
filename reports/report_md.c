/*
** report_md.c — the Report as a Markdown page for training labs (report.h).
**
** Sections: the run; a narrative timeline (one list item per timeline
** action, in plain words); the metrics; the orphaned guest accounts and
** the jobs as Markdown tables.
**
** The timeline is the one part the Report does not hold: it is read from
** the timeline, cycles and changes tables of the Store. For each action it
** says when it happened ("Day N HH:MM", day 1 being the start day, UTC),
** what it did (timeline.summary), the first cycle that began at or after it
** — among the jobs the action opened changes for, or of any job when it
** opened none — and when the changes it caused (changes.at equal to the
** action's instant) converged. Two actions at the same instant share
** their changes: the database does not tell them apart.
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

/* ============================================================ escaping */

/* Append z as Markdown text: HTML specials as entities; in a table cell
** (bCell) '|' and '\' are backslash-escaped and line breaks become <br>,
** elsewhere line breaks become spaces. NULL appends "—". */
static void report_md_text(StrBuf *pOut, const char *z, int bCell){
  if( z==NULL ){
    strbuf_append(pOut, "\xe2\x80\x94");
    return;
  }
  for(; *z; z++){
    switch( *z ){
      case '|':  strbuf_append(pOut, bCell ? "\\|" : "|"); break;
      case '\\': strbuf_append(pOut, bCell ? "\\\\" : "\\"); break;
      case '<':  strbuf_append(pOut, "&lt;"); break;
      case '>':  strbuf_append(pOut, "&gt;"); break;
      case '&':  strbuf_append(pOut, "&amp;"); break;
      case '\r':
        if( z[1]=='\n' ) z++;
        /* fall through */
      case '\n': strbuf_append(pOut, bCell ? "<br>" : " "); break;
      default:   strbuf_appendc(pOut, *z); break;
    }
  }
}

/* Append one table cell ("| z ") of data. */
static void report_md_cell(StrBuf *pOut, const char *z){
  strbuf_append(pOut, "| ");
  report_md_text(pOut, z, 1);
  strbuf_appendc(pOut, ' ');
}

/* Append one numeric table cell. */
static void report_md_num(StrBuf *pOut, int64_t v){
  strbuf_printf(pOut, "| %lld ", (long long)v);
}

/* Append a header row and its separator for nCol columns named azHead;
** zAlign[c] 'r' right-aligns column c. */
static void report_md_head(StrBuf *pOut, int nCol, const char *const *azHead,
                           const char *zAlign){
  int c;
  for(c=0; c<nCol; c++) strbuf_printf(pOut, "| %s ", azHead[c]);
  strbuf_append(pOut, "|\n");
  for(c=0; c<nCol; c++) strbuf_append(pOut, zAlign[c]=='r' ? "|---:" : "|---");
  strbuf_append(pOut, "|\n");
}

/* ============================================================ time */

/* The day number of t seconds from the start: 1 for the UTC calendar day
** of the start instant. */
static int64_t report_md_daynum(const Report *p, int64_t t){
  int64_t tAbs = p->tStartEpoch + t;
  int64_t iDay0 = p->tStartEpoch / SIMTIME_DAY - (p->tStartEpoch % SIMTIME_DAY < 0);
  int64_t iDay = tAbs / SIMTIME_DAY - (tAbs % SIMTIME_DAY < 0);
  return iDay - iDay0 + 1;
}

/* "HH:MM" (UTC) of t seconds from the start into z[n]; with bDay the
** day in front: "Day N HH:MM". Returns z. */
static char *report_md_clock(const Report *p, int64_t t, int bDay, char *z, size_t n){
  int64_t tAbs = p->tStartEpoch + t;
  int64_t nSec = tAbs % SIMTIME_DAY;
  if( nSec<0 ) nSec += SIMTIME_DAY;
  if( bDay ){
    snprintf(z, n, "Day %lld %02d:%02d", (long long)report_md_daynum(p, t),
             (int)(nSec / SIMTIME_HOUR), (int)(nSec % SIMTIME_HOUR / SIMTIME_MINUTE));
  }else{
    snprintf(z, n, "%02d:%02d", (int)(nSec / SIMTIME_HOUR),
             (int)(nSec % SIMTIME_HOUR / SIMTIME_MINUTE));
  }
  return z;
}

/* "Day N HH:MM" for t seconds from the start. */
static char *report_md_day(const Report *p, int64_t t, char *z, size_t n){
  return report_md_clock(p, t, 1, z, n);
}

/* The clock time of t alone ("13:10") when t falls on the same day as
** tRef, else the full "Day N HH:MM". */
static char *report_md_when(const Report *p, int64_t tRef, int64_t t, char *z, size_t n){
  return report_md_clock(p, t, report_md_daynum(p, tRef)!=report_md_daynum(p, t), z, n);
}

/* ============================================================ timeline */

static const char zSqlMdTimeline[] =
  "SELECT at, summary FROM timeline ORDER BY at, seq";
/* The first cycle beginning at or after ?1, among the jobs with changes
** at ?1 (any job when there are none). */
static const char zSqlMdCycle[] =
  "SELECT c.began, j.key FROM cycles c JOIN jobs j ON j.idx=c.job"
  " WHERE c.began>=?1 AND (c.job IN (SELECT job FROM changes WHERE at=?1)"
  "   OR NOT EXISTS(SELECT 1 FROM changes WHERE at=?1))"
  " ORDER BY c.began, c.id LIMIT 1";
static const char zSqlMdChanges[] =
  "SELECT count(*), count(converged_at), max(converged_at)"
  " FROM changes WHERE at=?1";

/* Append what followed the action at t: the cycle that picked it up and
** the convergence of its changes. Returns 0, or -1 on a query error. */
static int report_md_followup(StrBuf *pOut, const Report *p, Store *pStore, int64_t t){
  sqlite3_stmt *pStmt;
  char zWhen[48];
  int64_t nChange, nConv;
  int rc;

  pStmt = store_stmt(pStore, zSqlMdCycle);
  if( pStmt==NULL ) return -1;
  sqlite3_bind_int64(pStmt, 1, t);
  rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW ){
    strbuf_printf(pOut, "; picked up by the %s cycle of ",
                  report_md_when(p, t, sqlite3_column_int64(pStmt, 0), zWhen, sizeof(zWhen)));
    report_md_text(pOut, (const char*)sqlite3_column_text(pStmt, 1), 0);
  }else if( rc==SQLITE_DONE ){
    strbuf_append(pOut, "; no cycle ran after it");
  }
  sqlite3_reset(pStmt);
  if( rc!=SQLITE_ROW && rc!=SQLITE_DONE ) return -1;

  pStmt = store_stmt(pStore, zSqlMdChanges);
  if( pStmt==NULL ) return -1;
  sqlite3_bind_int64(pStmt, 1, t);
  rc = sqlite3_step(pStmt);
  if( rc!=SQLITE_ROW ){
    sqlite3_reset(pStmt);
    return -1;
  }
  nChange = sqlite3_column_int64(pStmt, 0);
  nConv = sqlite3_column_int64(pStmt, 1);
  if( nChange==0 ){
    strbuf_append(pOut, "; no target out of step");
  }else if( nConv==nChange ){
    if( nChange==1 ) strbuf_append(pOut, "; its change converged by ");
    else strbuf_printf(pOut, "; all %lld changes converged by ", (long long)nChange);
    strbuf_append(pOut, report_md_when(p, t, sqlite3_column_int64(pStmt, 2), zWhen, sizeof(zWhen)));
  }else{
    if( nConv>0 ){
      strbuf_printf(pOut, "; %lld of %lld changes converged by %s", (long long)nConv,
                    (long long)nChange,
                    report_md_when(p, t, sqlite3_column_int64(pStmt, 2), zWhen, sizeof(zWhen)));
    }
    strbuf_printf(pOut, "; not converged by the end (%lld change%s)",
                  (long long)(nChange-nConv), nChange-nConv==1 ? "" : "s");
  }
  sqlite3_reset(pStmt);
  return 0;
}

static int report_md_timeline(StrBuf *pOut, const Report *p, Store *pStore){
  sqlite3_stmt *pStmt;
  char zDay[48];
  int rc, n = 0;
  strbuf_append(pOut, "## Timeline\n\n");
  /* The follow-up queries use other statements, so the outer one can stay
  ** open while they run. */
  pStmt = store_stmt(pStore, zSqlMdTimeline);
  if( pStmt==NULL ) return -1;
  while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){
    int64_t t = sqlite3_column_int64(pStmt, 0);
    strbuf_printf(pOut, "- %s \xe2\x80\x94 ", report_md_day(p, t, zDay, sizeof(zDay)));
    report_md_text(pOut, (const char*)sqlite3_column_text(pStmt, 1), 0);
    if( report_md_followup(pOut, p, pStore, t) ){
      rc = SQLITE_ERROR;
      break;
    }
    strbuf_append(pOut, "\n");
    n++;
  }
  sqlite3_reset(pStmt);
  if( rc!=SQLITE_DONE ) return -1;
  if( n==0 ) strbuf_append(pOut, "No timeline actions.\n");
  strbuf_append(pOut, "\n");
  return 0;
}

/* ============================================================ sections */

static void report_md_header(StrBuf *pOut, const Report *p){
  char zEnd[32];
  strbuf_append(pOut, "# tenantsim lab report: ");
  report_md_text(pOut, p->zScenario, 0);
  strbuf_printf(pOut, "\n\nSeed %s; simulated %s to %s", p->zSeed, p->zStart,
                report_format_instant(p, p->tEnd, zEnd, sizeof(zEnd)));
  if( p->zDuration ){
    strbuf_append(pOut, " (scenario duration ");
    report_md_text(pOut, p->zDuration, 0);
    strbuf_append(pOut, ")");
  }
  strbuf_printf(pOut, "; tenantsim %s.\n\n", p->zVersion ? p->zVersion : "(unknown version)");
}

/* One metrics row for a convergence summary named zName (escaped). */
static void report_md_conv_row(StrBuf *pOut, const char *zName, const ReportConv *c){
  char z[48];
  report_md_cell(pOut, zName);
  report_md_num(pOut, c->nChanges);
  report_md_num(pOut, c->nConverged);
  report_md_num(pOut, c->nNever);
  report_md_cell(pOut, c->lat.n ? simtime_format_duration(c->lat.p50, z, sizeof(z)) : "-");
  report_md_cell(pOut, c->lat.n ? simtime_format_duration(c->lat.p95, z, sizeof(z)) : "-");
  report_md_cell(pOut, c->lat.n ? simtime_format_duration(c->lat.max, z, sizeof(z)) : "-");
  strbuf_append(pOut, "|\n");
}

static void report_md_metrics(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "Scope", "Changes", "Converged", "Never converged", "p50", "p95", "Max"
  };
  char z[48], zAt[48];
  int i;
  strbuf_append(pOut, "## Metrics\n\n");
  strbuf_printf(pOut, "- Source changes: %lld; converged: %lld; never converged: %lld\n",
                (long long)p->conv.nChanges, (long long)p->conv.nConverged,
                (long long)p->conv.nNever);
  if( p->conv.lat.n>0 ){
    strbuf_printf(pOut, "- Latency: p50 %s", simtime_format_duration(p->conv.lat.p50, z, sizeof(z)));
    strbuf_printf(pOut, ", p95 %s", simtime_format_duration(p->conv.lat.p95, z, sizeof(z)));
    strbuf_printf(pOut, ", max %s\n", simtime_format_duration(p->conv.lat.max, z, sizeof(z)));
  }else{
    strbuf_append(pOut, "- Latency: no converged changes\n");
  }
  strbuf_printf(pOut, "- Drift at the end: %lld pair%s out of step\n",
                (long long)p->nDriftFinal, p->nDriftFinal==1 ? "" : "s");
  if( !p->bLastAction ){
    strbuf_append(pOut, "- Drift settled: no timeline actions\n");
  }else if( p->bSettled ){
    strbuf_printf(pOut, "- Drift settled %s after the last action (%s)\n",
                  simtime_format_duration(p->nSettle, z, sizeof(z)),
                  report_md_day(p, p->tLastAction, zAt, sizeof(zAt)));
  }else{
    strbuf_printf(pOut, "- Drift never settled after the last action (%s)\n",
                  report_md_day(p, p->tLastAction, zAt, sizeof(zAt)));
  }
  strbuf_append(pOut, "\n");
  report_md_head(pOut, 7, azHead, "lrrrlll");
  report_md_conv_row(pOut, "all jobs", &p->conv);
  for(i=0; i<p->nJob; i++) report_md_conv_row(pOut, p->aJob[i].zJob, &p->aJob[i].conv);
  strbuf_append(pOut, "\n");
}

static void report_md_orphans(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "Target", "User principal name", "Display name", "Source", "Source user",
    "Job", "Reason", "Source state", "Orphaned since", "Age"
  };
  char z[48];
  int i;
  strbuf_printf(pOut, "## Orphaned guest accounts\n\n%d orphaned guest account%s",
                p->nOrphan, p->nOrphan==1 ? "" : "s");
  for(i=0; i<p->nOrphanReason; i++){
    strbuf_append(pOut, i ? ", " : " (");
    report_md_text(pOut, p->aOrphanReason[i].zName, 0);
    strbuf_printf(pOut, " %lld", (long long)p->aOrphanReason[i].n);
  }
  strbuf_append(pOut, p->nOrphanReason ? ").\n\n" : ".\n\n");
  if( p->nOrphan==0 ) return;
  report_md_head(pOut, 10, azHead, "llllllllll");
  for(i=0; i<p->nOrphan; i++){
    const ReportOrphan *o = &p->aOrphan[i];
    report_md_cell(pOut, o->zTargetTenant);
    report_md_cell(pOut, o->zUpn ? o->zUpn : o->zObjectId);
    report_md_cell(pOut, o->zDisplayName);
    report_md_cell(pOut, o->zSourceTenant);
    report_md_cell(pOut, o->zSourceUser);
    report_md_cell(pOut, o->zJob);
    report_md_cell(pOut, o->zReason);
    report_md_cell(pOut, o->zSourceState);
    report_md_cell(pOut, report_md_day(p, o->tSince, z, sizeof(z)));
    report_md_cell(pOut, simtime_format_duration(o->nAge, z, sizeof(z)));
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
}

static void report_md_jobs(StrBuf *pOut, const Report *p){
  static const char *const azHead[] = {
    "Job", "Source", "Target", "Scope", "Status", "Cycles", "Failed cycles",
    "Create", "Update", "Disable", "Delete", "Skipped", "Failures", "Gate error"
  };
  int i;
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
    report_md_num(pOut, j->nCycTotal);
    report_md_num(pOut, j->nCycFailed);
    report_md_num(pOut, j->nCreate);
    report_md_num(pOut, j->nUpdate);
    report_md_num(pOut, j->nDisable);
    report_md_num(pOut, j->nDelete);
    report_md_num(pOut, j->nSkipped);
    report_md_num(pOut, j->nFailures);
    report_md_cell(pOut, j->zGateError ? j->zGateError : "-");
    strbuf_append(pOut, "|\n");
  }
  strbuf_append(pOut, "\n");
}

/* ============================================================ API */

int report_write_md(const Report *p, Store *pStore, FILE *out){
  StrBuf sb;
  int rc = -1;
  strbuf_init(&sb);
  report_md_header(&sb, p);
  if( report_md_timeline(&sb, p, pStore) ) goto out_free;
  report_md_metrics(&sb, p);
  report_md_orphans(&sb, p);
  report_md_jobs(&sb, p);
  rc = strbuf_write(&sb, out);
out_free:
  strbuf_free(&sb);
  return rc;
}
