/*
** report_html_tables.c — the HTML page's tables and lists
** (report_htmlInt.h): the guest accounts left behind in their three
** classes; job status with each problem's cause and fix; the most frequent
** error codes of failed exports with the action the documentation
** recommends; the narrative (report_narrative.c) as a numbered list.
** Every table is in its own sideways-scrolling box (report_html_fmt_table);
** numbers are right-aligned and never wrap, names never break inside.
**
** Figures the Report holds are taken from it (the objects' error codes
** too); escrows, quarantine history and the cycles' error codes are read
** from the store with statements kept next to the section that uses them,
** and listed in the queries' ORDER BY or sorted here by the same rule.
*/
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "report_htmlInt.h"

#define HTML_ORPHAN_ROWS 500   /* orphan rows listed before "... more" */
#define HTML_TIMELINE_ROWS 500 /* timeline rows listed */

/* ============================================================ orphans */

/* A table of accounts left behind (class zClass), the first
** HTML_ORPHAN_ROWS of them, sortable and filterable with the page's
** script; printed, the first HTML_PRINT_ROWS. Times sort by their seconds
** ("before the run" first), ids are ellipsized with the whole value in the
** tooltip. */
static void report_html_accounts(HtmlOut *w, const char *zClass, const ReportOrphan *a, int nAll){
  static const char *const azHead[] = {
    "User", "User principal name", "Target", "Job", "Reason", "Source state", "Since", "#Age",
    "~Object id",
  };
  int i, n = nAll<HTML_ORPHAN_ROWS ? nAll : HTML_ORPHAN_ROWS;
  char zTab[80];
  if( nAll==0 ) return;
  snprintf(zTab, sizeof(zTab), "%s sortable ptrunc", zClass);
  report_html_fmt_table(&w->sb, zTab, "data-filter=\"rows\"", azHead, 9);
  for(i=0; i<n; i++){
    const ReportOrphan *o = &a[i];
    int bBefore = o->zJob==NULL && o->tSince==0;
    strbuf_append(&w->sb, "<tr><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, o->zDisplayName);
    strbuf_append(&w->sb, "</td>");
    report_html_fmt_id_cell(&w->sb, o->zUpn, NULL);
    strbuf_append(&w->sb, "<td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, o->zTargetTenant);
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc_or(&w->sb, o->zJob, "&#8212;");
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, o->zReason);
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, o->zSourceState);
    strbuf_printf(&w->sb, "</td><td class=\"nowrap\" data-sort=\"%lld\">",
                  (long long)(bBefore ? -1 : o->tSince));
    if( bBefore ) strbuf_append(&w->sb, "before the run");
    else report_html_fmt_instant(w, o->tSince);
    strbuf_printf(&w->sb, "</td><td class=\"n\" data-sort=\"%lld\">", (long long)o->nAge);
    report_html_fmt_dur(&w->sb, o->nAge);
    strbuf_append(&w->sb, "</td>");
    report_html_fmt_id_cell(&w->sb, o->zObjectId, "noprint");
    strbuf_append(&w->sb, "</tr>\n");
  }
  report_html_fmt_table_end(&w->sb);
  if( n<nAll ){
    strbuf_printf(&w->sb, "<p class=\"muted\">... %d more (see the JSON report or"
                  " <code>tenantsim export DB --csv DIR</code>: orphans.csv).</p>\n", nAll-n);
  }
  if( n>HTML_PRINT_ROWS ){
    strbuf_printf(&w->sb, "<p class=\"ponly muted\">Printed: the first %d of these %d accounts;"
                  " the page on screen lists %d, and the JSON report and <code>tenantsim export"
                  " DB --csv DIR</code> (orphans.csv) every one.</p>\n", HTML_PRINT_ROWS, nAll, n);
  }
}

void report_html_tables_orphans(HtmlOut *w){
  const Report *p = w->p;
  int i;
  strbuf_printf(&w->sb, "<section id=\"orphans\">\n<h2>Orphaned guest accounts"
                " (<span id=\"orphans-total\">%d</span>)</h2>\n", p->nOrphan);
  if( p->nOrphan==0 ){
    strbuf_append(&w->sb, "<p>None: every live B2B user a job linked is justified by its"
                  " source.</p>\n");
  }else{
    static const char *const azHead[] = { "Reason", "#Accounts" };
    report_html_fmt_table(&w->sb, "by-reason", NULL, azHead, 2);
    for(i=0; i<p->nOrphanReason; i++){
      strbuf_append(&w->sb, "<tr><td class=\"nowrap\">");
      report_html_fmt_esc(&w->sb, p->aOrphanReason[i].zName);
      strbuf_append(&w->sb, "</td><td class=\"n\">");
      report_html_fmt_count(w, p->aOrphanReason[i].n);
      strbuf_append(&w->sb, "</td></tr>\n");
    }
    report_html_fmt_table_end(&w->sb);
    report_html_accounts(w, "orphans", p->aOrphan, p->nOrphan);
  }
  strbuf_printf(&w->sb, "<h3>Disabled by sync (<span id=\"disabled-total\">%d</span>)</h3>\n"
                "<p class=\"muted\">The source user is disabled and CTS disabled the target"
                " account, as designed: listed, not counted as orphans.</p>\n", p->nDisabled);
  report_html_accounts(w, "disabled-by-sync", p->aDisabled, p->nDisabled);
  strbuf_printf(&w->sb, "<h3>Pre-existing guest accounts (<span id=\"preexisting-total\">%d</span>)"
                "</h3>\n<p class=\"muted\">B2B users present before the run whose home identity"
                " is not among the scenario's users: orphaned already, or guests of another"
                " organisation.</p>\n", p->nPreexisting);
  report_html_accounts(w, "preexisting", p->aPreexisting, p->nPreexisting);
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ detections */

/* The scenario's detections: fired (when, how long after its "after", on
** which entry) or not, and why; the outcome in words as well as colour. */
void report_html_tables_detections(HtmlOut *w){
  const Report *p = w->p;
  static const char *const azHead[] = {
    "Detection", "Log", "Outcome", "#Time to detect", "Evidence",
  };
  char zOut[REPORT_OUTCOME_SIZE];
  int i, nFired = 0;
  if( p->nDetect==0 ) return;
  for(i=0; i<p->nDetect; i++) nFired += p->aDetect[i].bDetected;
  strbuf_printf(&w->sb, "<section id=\"detections\">\n<h2>Detections (<span id=\"detections-fired\">"
                "%d</span> of %d fired)</h2>\n", nFired, p->nDetect);
  report_html_fmt_table(&w->sb, "detections", NULL, azHead, 5);
  for(i=0; i<p->nDetect; i++){
    const ReportDetect *d = &p->aDetect[i];
    strbuf_append(&w->sb, "<tr><td>");
    report_html_fmt_prose(&w->sb, d->zId);
    if( d->zName ){
      strbuf_append(&w->sb, "<br><span class=\"muted\">");
      report_html_fmt_prose(&w->sb, d->zName);
      strbuf_append(&w->sb, "</span>");
    }
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, d->zLog);
    if( d->zScope ){
      strbuf_append(&w->sb, " of ");
      report_html_fmt_prose(&w->sb, d->zScope);
    }
    strbuf_printf(&w->sb, "</td><td class=\"%s\">%s ", d->bDetected ? "ok" : "bad",
                  d->bDetected ? "&#10003;" : "&#10007;");
    report_html_fmt_prose(&w->sb, report_detect_outcome(p, d, zOut, sizeof(zOut)));
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    if( d->bDetected ) report_html_fmt_dur(&w->sb, d->tDetected - d->tAfter);
    else strbuf_append(&w->sb, "&#8212;");
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_prose(&w->sb, d->zEvidence);
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  report_html_fmt_table_end(&w->sb);
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ jobs */

static const char zSqlJobExtra[] =
  "SELECT (SELECT count(*) FROM escrows e WHERE e.job=j.idx), escrows_pruned"
  " FROM jobs j WHERE key=?1";
static const char zSqlJobQuar[] =
  "SELECT q.reason, q.began, q.ended, q.series_count, q.ended_by FROM quarantines q"
  " JOIN jobs j ON j.idx=q.job WHERE j.key=?1 ORDER BY q.began, q.id";

/* The quarantine history cell of job zJob: each quarantine's reason, span
** and what ended it, or "never". */
static void report_html_job_quarantines(HtmlOut *w, const char *zJob){
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<td>");
  s = report_html_fmt_stmt(w, zSqlJobQuar);
  if( s ) store_bind_text(s, 1, zJob);
  while( s && report_html_fmt_row(w, s) ){
    if( n++ ) strbuf_append(&w->sb, "<br>");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 0));
    strbuf_append(&w->sb, " ");
    report_html_fmt_instant(w, sqlite3_column_int64(s, 1));
    strbuf_append(&w->sb, " &#8211; ");
    if( sqlite3_column_type(s, 2)==SQLITE_NULL ){
      strbuf_append(&w->sb, "(still quarantined)");
    }else{
      report_html_fmt_instant(w, sqlite3_column_int64(s, 2));
      if( report_html_fmt_col(s, 4) ){
        strbuf_append(&w->sb, " by ");
        report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 4));
      }
    }
  }
  if( n==0 ) strbuf_append(&w->sb, "<span class=\"muted\">never</span>");
  strbuf_append(&w->sb, "</td></tr>\n");
}

/* The row under job j that states its problem, its cause and its fix. */
static void report_html_job_problem(HtmlOut *w, const ReportJob *j){
  strbuf_append(&w->sb, "<tr class=\"problem\"><td></td><td colspan=\"7\"><span class=\"bad\">"
                "&#9888; ");
  report_html_fmt_prose(&w->sb, j->zJob);
  strbuf_append(&w->sb, " ");
  report_html_fmt_prose(&w->sb, j->prob.zCause);
  strbuf_append(&w->sb, ".</span>");
  if( j->prob.zMessage ){
    strbuf_append(&w->sb, " <code>");
    report_html_fmt_esc(&w->sb, j->prob.zCode);
    strbuf_append(&w->sb, "</code>: &#8220;");
    report_html_fmt_prose(&w->sb, j->prob.zMessage);
    strbuf_append(&w->sb, "&#8221;");
  }
  strbuf_append(&w->sb, " <b>Fix:</b> ");
  report_html_fmt_prose(&w->sb, j->prob.zFix);
  strbuf_append(&w->sb, ".</td></tr>\n");
}

/* The status row of job j, then its problem row when it has one. */
static void report_html_job_row(HtmlOut *w, const ReportJob *j){
  sqlite3_stmt *s;
  char zLife[100];
  strbuf_append(&w->sb, "<tr><td class=\"nowrap\">");
  report_html_fmt_esc(&w->sb, j->zJob);
  strbuf_append(&w->sb, "</td><td>");
  report_html_fmt_esc(&w->sb, j->zStatus);
  if( report_format_job_life(w->p, j, zLife, sizeof(zLife))[0] ){
    strbuf_append(&w->sb, "<br><span class=\"muted\">configuration ");
    report_html_fmt_esc(&w->sb, zLife);
    strbuf_append(&w->sb, "</span>");
  }
  if( j->zGateError ){
    strbuf_append(&w->sb, "<br><span class=\"bad\">");
    report_html_fmt_prose(&w->sb, j->zGateError);
    strbuf_append(&w->sb, "</span>");
  }
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_fmt_count(w, j->nCycTotal);
  strbuf_append(&w->sb, "<br><span class=\"muted\">");
  report_html_fmt_count(w, j->nCycInitial);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nCycIncremental);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nCycFailed);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nCycUnfinished);
  strbuf_append(&w->sb, "</span></td><td class=\"n\">");
  report_html_fmt_count(w, j->nCreate);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nUpdate);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nDisable);
  strbuf_append(&w->sb, " / ");
  report_html_fmt_count(w, j->nDelete);
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_fmt_count(w, j->nSkipped);
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_fmt_count(w, j->nFailures);
  strbuf_append(&w->sb, "</td>");
  s = report_html_fmt_stmt(w, zSqlJobExtra);
  if( s ) store_bind_text(s, 1, j->zJob);
  if( s && report_html_fmt_row(w, s) ){
    strbuf_printf(&w->sb, "<td class=\"n\">%lld open, %lld pruned</td>",
                  (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1));
    sqlite3_reset(s);
  }else{
    strbuf_append(&w->sb, "<td></td>");
  }
  report_html_job_quarantines(w, j->zJob);
  if( j->prob.zKind ) report_html_job_problem(w, j);
}

void report_html_tables_jobs(HtmlOut *w){
  static const char *const azHead[] = {
    "Job", "Status", "#Cycles<br><span class=\"muted\">initial / incremental /<br>failed /"
    " unfinished</span>", "#Exports<br><span class=\"muted\">create / update /<br>disable /"
    " delete</span>", "#Skipped", "#Failures", "#Escrows", "Quarantine history",
  };
  int i;
  strbuf_append(&w->sb, "<section id=\"jobs\">\n<h2>Job status</h2>\n");
  report_html_fmt_table(&w->sb, "jobs", NULL, azHead, 8);
  for(i=0; i<w->p->nJob; i++) report_html_job_row(w, &w->p->aJob[i]);
  report_html_fmt_table_end(&w->sb);
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ errors */

/* What the documentation recommends for the error codes the simulator
** produces (entra-facts.md §11.3 and the cross-cloud notes). */
static const struct { const char *zCode; const char *zAction; } aHtmlAdvice[] = {
  { "TooManyRequests", "Throttled by the target: transient; the export is escrowed and"
    " retried on later cycles. No action unless it persists." },
  { "InternalServerError", "Transient service error: retried automatically. Restart the"
    " job if it persists." },
  { "Timeout", "Transient: retried automatically on later cycles." },
  { "AzureActiveDirectoryForbidden", "The target's external collaboration (guest invite)"
    " settings block invitations: change the guest invite settings." },
  { "AzureActiveDirectoryQuotaLimitExceeded", "The target directory's object quota is"
    " exhausted (50,000 by default, 300,000 with a verified domain): add a verified domain"
    " or ask Support for more." },
  { "InvitationCreationFailureAmbiguousUser", "A proxy address matches an internal user of"
    " the target: delete that internal user or remove the source user from scope." },
  { "InvitationCreationFailureInvalidPropertyValue", "Invalid primary SMTP address (or one"
    " at a domain the source has not verified), userType not Guest/Member, or mail equal to"
    " a group's: fix the source mail or the mapping." },
  { "InvalidDomain", "The user's mail is at a domain its tenant has not verified: verify the"
    " domain there or change the mail." },
  { "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure", "Enable outbound automatic user"
    " consent in the source and inbound user synchronization (and consent) in the target." },
  { "EntityTypeNotSupported", "A group was met where groups are not synchronized (or"
    " provisioned on demand): skipped; no action." },
  { "ExternalTenantNotFound", "Cross-cloud: tick the cross-cloud option on the"
    " configuration." },
  { "AzureActiveDirectoryTokenExpired", "Cross-cloud: the target has not enabled the"
    " cross-cloud synchronization setting." },
  { "ExpressionEvaluationFailed", "An attribute-mapping expression could not be evaluated:"
    " fix the expression (or the source value it reads)." },
  { "SelectUniqueValueExhausted", "Every SelectUniqueValue candidate is taken in the target:"
    " add candidates to the expression; the entry stays escrowed." },
  { "UserNotFound", "The user was deleted in the source: restore it, or provision another"
    " user on demand." },
};

static const char *report_html_advice(const char *zCode){
  size_t i;
  for(i=0; zCode && i<sizeof(aHtmlAdvice)/sizeof(aHtmlAdvice[0]); i++){
    if( strcmp(zCode, aHtmlAdvice[i].zCode)==0 ) return aHtmlAdvice[i].zAction;
  }
  return NULL;
}

/* The error codes of the cycles; those of the log's objects are the
** report's (from its one pass over provisioning_log). */
static const char zSqlCycleErrors[] =
  "SELECT error_code, count(*) FROM cycles WHERE error_code IS NOT NULL GROUP BY error_code";
#define HTML_TOP_ERRORS 15

typedef struct HtmlError {
  const char *zCode;       /* the report's, or zOwn */
  char *zOwn;              /* a cycle's code that no object has; owned */
  int64_t nObj, nCyc;
} HtmlError;

/* By objects and cycles together, most first, then code (byte order). */
static int report_html_cmp_error(const void *pa, const void *pb){
  const HtmlError *a = pa, *b = pb;
  if( a->nObj+a->nCyc!=b->nObj+b->nCyc ) return a->nObj+a->nCyc > b->nObj+b->nCyc ? -1 : 1;
  return strcmp(a->zCode, b->zCode);
}

/* The codes of objects and cycles in one array (*pn entries, to free with
** report_html_errors_free), sorted; NULL with w->rc set when the query or
** memory failed. */
static HtmlError *report_html_errors_load(HtmlOut *w, int *pn){
  const Report *p = w->p;
  sqlite3_stmt *s;
  HtmlError *a = mem_calloc((size_t)p->nRunError + 1, sizeof(HtmlError));
  int n = 0, nAlloc = p->nRunError + 1, i;
  *pn = 0;
  if( a==NULL ){ w->rc = -1; return NULL; }
  for(i=0; i<p->nRunError; i++){
    a[n].zCode = p->aRunError[i].zName;
    a[n++].nObj = p->aRunError[i].n;
  }
  s = report_html_fmt_stmt(w, zSqlCycleErrors);
  while( s && report_html_fmt_row(w, s) ){
    const char *zCode = report_html_fmt_col(s, 0);
    for(i=0; i<n && strcmp(a[i].zCode, zCode)!=0; i++){}
    if( i==n ){
      if( mem_grow_int((void**)&a, n, &nAlloc, sizeof(HtmlError)) ) break;
      memset(&a[n], 0, sizeof(HtmlError));
      a[n].zCode = a[n].zOwn = mem_strdup(zCode);
      if( a[n].zOwn==NULL ) break;
      n++;
    }
    a[i].nCyc += sqlite3_column_int64(s, 1);
  }
  if( s && sqlite3_stmt_busy(s) ){          /* left early: out of memory */
    sqlite3_reset(s);
    w->rc = -1;
  }
  if( n>1 ) qsort(a, (size_t)n, sizeof(HtmlError), report_html_cmp_error);
  *pn = n;
  return a;
}

static void report_html_errors_free(HtmlError *a, int n){
  int i;
  for(i=0; i<n; i++) mem_free(a[i].zOwn);
  mem_free(a);
}

void report_html_tables_errors(HtmlOut *w){
  static const char *const azHead[] = { "Error code", "#Objects", "#Cycles", "Recommended action" };
  int n = 0, nError = 0;
  HtmlError *aError = report_html_errors_load(w, &nError);
  strbuf_append(&w->sb, "<section id=\"errors\">\n<h2>Top errors</h2>\n");
  while( n<nError && n<HTML_TOP_ERRORS ){
    const char *zCode = aError[n].zCode;
    const char *zAdvice = report_html_advice(zCode);
    if( n++==0 ) report_html_fmt_table(&w->sb, "errors", NULL, azHead, 4);
    strbuf_append(&w->sb, "<tr><td class=\"nowrap\"><code>");
    report_html_fmt_esc(&w->sb, zCode);
    strbuf_printf(&w->sb, "</code></td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>",
                  (long long)aError[n-1].nObj, (long long)aError[n-1].nCyc);
    if( zAdvice ) report_html_fmt_prose(&w->sb, zAdvice);
    else strbuf_append(&w->sb, "Not a documented cross-tenant sync code: see the provisioning"
                       " log entries.");
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  if( n ) report_html_fmt_table_end(&w->sb);
  else strbuf_append(&w->sb, "<p>No provisioning or cycle errors.</p>\n");
  strbuf_append(&w->sb, "</section>\n");
  report_html_errors_free(aError, nError);
}

/* ============================================================ timeline */

/* The narrative: each timeline action (numbered as on the charts) with
** what followed for each job, and the service's events, in time order. */
void report_html_tables_timeline(HtmlOut *w){
  const Report *p = w->p;
  int i, n = 0, bOpen = 0;
  strbuf_printf(&w->sb, "<section id=\"timeline\">\n<h2>What happened (%lld timeline actions)</h2>\n",
                (long long)p->nTimeline);
  for(i=0; i<p->nLine && n<HTML_TIMELINE_ROWS; i++){
    const ReportLine *l = &p->aLine[i];
    const char *zText = l->zText ? l->zText : "";
    if( n==0 ) strbuf_append(&w->sb, "<ol class=\"narrative\">\n");
    if( l->iSeq>0 && l->zJob ){
      /* What followed an action for one job. */
      if( !bOpen ){ strbuf_append(&w->sb, "<ul>\n"); bOpen = 1; }
      strbuf_append(&w->sb, "<li><b>");
      report_html_fmt_esc(&w->sb, l->zJob);
      strbuf_append(&w->sb, "</b>: ");
      report_html_fmt_esc(&w->sb, zText);
      strbuf_append(&w->sb, "</li>\n");
      continue;
    }
    if( bOpen ){ strbuf_append(&w->sb, "</ul>\n"); bOpen = 0; }
    if( n>0 ) strbuf_append(&w->sb, "</li>\n");
    n++;
    strbuf_append(&w->sb, "<li>");
    report_html_fmt_instant(w, l->t);
    strbuf_append(&w->sb, " &#8212; ");
    if( l->iSeq>0 ){
      strbuf_printf(&w->sb, "<span class=\"seq\">#%lld</span> ", (long long)l->iSeq);
      report_html_fmt_esc(&w->sb, l->zSummary);
      if( l->zNote ){
        strbuf_append(&w->sb, " &#8212; <i>");
        report_html_fmt_esc(&w->sb, l->zNote);
        strbuf_append(&w->sb, "</i>");
      }
      if( zText[0] ){
        strbuf_append(&w->sb, "; ");
        report_html_fmt_esc(&w->sb, zText);
      }
    }else{
      strbuf_append(&w->sb, "<span class=\"muted\">service:</span> ");
      if( l->zJob ){
        strbuf_append(&w->sb, "job ");
        report_html_fmt_esc(&w->sb, l->zJob);
        strbuf_append(&w->sb, " ");
      }
      report_html_fmt_esc(&w->sb, zText);
    }
    strbuf_append(&w->sb, "\n");
  }
  if( bOpen ) strbuf_append(&w->sb, "</ul>\n");
  if( n ) strbuf_append(&w->sb, "</li>\n</ol>\n");
  else strbuf_append(&w->sb, "<p>Nothing happened: no timeline actions and no events.</p>\n");
  if( i<p->nLine ){
    strbuf_printf(&w->sb, "<p class=\"muted\">... %d more lines (see the Markdown or JSON"
                  " report).</p>\n", p->nLine-i);
  }
  strbuf_append(&w->sb, "</section>\n");
}

