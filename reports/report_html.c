/*
** report_html.c — the Report as one self-contained HTML page (report.h).
**
** The page needs nothing but itself: CSS is inline, every chart is SVG
** drawn by report_html_svg.c, there is no script and no external
** reference, so it opens the same offline, in a mail attachment or on
** paper (@media print). Sections, the answer first: the verdict
** (report_verdict.c); the headline figures; each target in step or not and
** why; the run header (scenario, seed, span, tenants, jobs) — these four
** are drawn here; then the charts of drift, cycles and latency
** (report_html_svg.c); the accounts left behind, job status, top errors
** and the narrative (report_html_tables.c). Instants read "Day N HH:MM"
** (the ISO instant in the tooltip), durations "1 h 29 m".
**
** Figures the Report already holds are taken from it, so the page agrees
** with the text and JSON reports; the series it lacks are read from the
** store with statements kept next to the section that uses them.
**
** Safety: every string that comes from the scenario or the database goes
** through report_html_fmt_esc(), which escapes & < > " and ', so a display
** name such as <script> or "onload= is inert text in both HTML and SVG.
** Nothing else is written raw except the page's own markup and integers.
**
** Determinism: coordinates are computed in int64 arithmetic, lists follow
** the queries' ORDER BY, nothing reads the clock; a database always gives
** the same bytes. The page is built in a StrBuf (report_htmlInt.h: HtmlOut)
** and written in one go.
*/
#include <string.h>
#include "report_htmlInt.h"
#include "trust.h"

/* ============================================================ header */

static const char zHtmlStyle[] =
"<style>\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;"
"margin:0 auto;max-width:1240px;padding:16px 20px;background:#fff}\n"
"h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;"
"padding-bottom:4px}h3{font-size:15px;margin:16px 0 4px}\n"
"table{border-collapse:collapse;margin:6px 0 12px;font-size:13px;max-width:100%}\n"
"th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top;"
"overflow-wrap:break-word}\n"
"th{background:#f3f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
"dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}\n"
"dl.kv dt{font-weight:600}dl.kv dd{margin:0}\n"
".figs{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}\n"
".fig{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px;min-width:120px}\n"
".fig b{display:block;font-size:20px}.fig span{font-size:12px;color:#57606a}\n"
"svg{display:block;width:100%;height:auto;max-width:1200px;margin:4px 0 10px}\n"
"svg text{font:11px system-ui,sans-serif;fill:#1b1f24}\n"
"svg .axis{stroke:#57606a;stroke-width:1}svg .grid{stroke:#eaeef2;stroke-width:1}\n"
"svg .drift{fill:none;stroke:#0969da;stroke-width:2}\n"
"svg .action{stroke:#bf3989;stroke-width:1;stroke-dasharray:4 3}\n"
"svg .initial{fill:#1f883d}svg .incremental{fill:#54aeff}svg .failed{fill:#cf222e}\n"
"svg .quar{fill:#fb8f44;fill-opacity:.35}svg .paused{fill:#8c959f;fill-opacity:.35}\n"
"svg .bar{fill:#8250df}svg .open{fill:#fff;stroke:#cf222e;stroke-width:2;stroke-dasharray:5 3}\n"
"svg .instep{stroke:#1f883d;stroke-width:2}svg .axis-title{fill:#57606a}\n"
".verdict{border-left:4px solid #0969da;background:#f6f8fa;padding:8px 14px;margin:10px 0 16px}\n"
".verdict p{margin:4px 0}.ok{color:#1a7f37}\n"
".legend span{display:inline-block;margin-right:14px;font-size:12px}\n"
".legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px}\n"
".muted{color:#57606a}.bad{color:#cf222e}\n"
"code{font-size:12px;overflow-wrap:anywhere}ol.narrative li{margin:3px 0}ol.narrative ul{margin:2px 0 4px}\n"
".seq{color:#bf3989;font-weight:600}\n"
"@media print{body{max-width:none;padding:0;font-size:11px}\n"
" h2{break-after:avoid}section,svg,tr{break-inside:avoid}\n"
" svg{max-width:100%}th{background:#eee!important}\n"
" *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
TRUST_SVG_STYLE
".scroll{overflow-x:auto}td p{margin:0 0 4px}\n"
".sev-critical{fill:#82071e;background:#82071e}.sev-high{fill:#cf222e;background:#cf222e}\n"
".sev-medium{fill:#bc4c00;background:#bc4c00}.sev-low,.sev-info{fill:#0969da;background:#0969da}\n"
".sev-suppressed{fill:#8c959f;background:#8c959f}\n"
"span.sev{color:#fff;border-radius:3px;padding:0 5px;font-size:12px;white-space:nowrap}\n"
"</style>\n";

static void report_html_figures(HtmlOut *w);
static void report_html_targets(HtmlOut *w);

static const char zSqlTenants[] =
  "SELECT key, domain, cloud, (SELECT count(*) FROM users u WHERE u.tenant=t.idx"
  " AND u.creation_type IS NULL) FROM tenants t ORDER BY idx";

static void report_html_header(HtmlOut *w){
  const Report *p = w->p;
  sqlite3_stmt *s;
  int i;
  strbuf_append(&w->sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>tenantsim report: ");
  report_html_fmt_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</title>\n");
  strbuf_append(&w->sb, zHtmlStyle);
  strbuf_append(&w->sb, "</head>\n<body>\n<h1>tenantsim report: ");
  report_html_fmt_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</h1>\n<section id=\"verdict\" class=\"verdict\">\n");
  for(i=0; i<p->nVerdict; i++){
    strbuf_append(&w->sb, "<p>");
    report_html_fmt_esc(&w->sb, p->azVerdict[i]);
    strbuf_append(&w->sb, "</p>\n");
  }
  strbuf_append(&w->sb, "</section>\n");
  report_html_figures(w);
  report_html_targets(w);
  strbuf_append(&w->sb, "<section id=\"run\">\n<h2>The run</h2>\n<dl class=\"kv\">\n<dt>Scenario</dt><dd>");
  report_html_fmt_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</dd>\n<dt>Seed</dt><dd>");
  report_html_fmt_esc(&w->sb, p->zSeed);
  strbuf_append(&w->sb, "</dd>\n<dt>Start</dt><dd>");
  report_html_fmt_instant(w, 0);
  strbuf_append(&w->sb, " (");
  report_html_fmt_esc(&w->sb, p->zStart);
  strbuf_append(&w->sb, ")</dd>\n<dt>End</dt><dd>");
  report_html_fmt_instant(w, p->tEnd);
  strbuf_append(&w->sb, " (");
  report_html_fmt_dur(&w->sb, p->tEnd);
  strbuf_append(&w->sb, " later)</dd>\n<dt>Scenario duration</dt><dd>");
  report_html_fmt_esc_or(&w->sb, p->zDuration, "(not given)");
  strbuf_append(&w->sb, "</dd>\n<dt>tenantsim</dt><dd>");
  report_html_fmt_esc_or(&w->sb, p->zVersion, "(unknown version)");
  strbuf_append(&w->sb, "</dd>\n</dl>\n");

  strbuf_append(&w->sb, "<h3>Tenants</h3>\n<table><tr><th>Tenant</th><th>Domain</th>"
                "<th>Cloud</th><th title=\"users the scenario declares or hires: the tenant's own"
                " members and guests, not the B2B users jobs create\">Own users</th></tr>\n");
  s = report_html_fmt_stmt(w, zSqlTenants);
  while( s && report_html_fmt_row(w, s) ){
    strbuf_append(&w->sb, "<tr><td>");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 0));
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 1));
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 2));
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    report_html_fmt_count(w, sqlite3_column_int64(s, 3));
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n<h3>Jobs</h3>\n<table><tr><th>Job</th><th>Source</th>"
                "<th>Target</th><th>Scope</th><th>Status</th><th>Job id</th></tr>\n");
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    strbuf_append(&w->sb, "<tr><td>");
    report_html_fmt_esc(&w->sb, j->zJob);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zSource);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zTarget);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zScope);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zStatus);
    strbuf_append(&w->sb, "</td><td><code>");
    report_html_fmt_esc(&w->sb, j->zJobId);
    strbuf_append(&w->sb, "</code></td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n</section>\n");
}

/* One headline figure: the value (an id for tools and tests) and a label. */
static void report_html_fig(HtmlOut *w, const char *zId, int64_t v, const char *zLabel){
  strbuf_printf(&w->sb, "<div class=\"fig\"><b id=\"%s\">", zId);
  report_html_fmt_count(w, v);
  strbuf_printf(&w->sb, "</b><span>%s</span></div>\n", zLabel);
}

/* The headline figures; each carries an id so that tools (and the tests)
** can find it. */
static void report_html_figures(HtmlOut *w){
  const Report *p = w->p;
  const ReportLatency *l = &p->conv.lat;
  char z[REPORT_TEXT_SIZE];
  int i, nIn = 0;
  for(i=0; i<p->nTarget; i++) nIn += p->aTarget[i].nOutOfStep==0;
  strbuf_append(&w->sb, "<div class=\"figs\">\n");
  strbuf_printf(&w->sb, "<div class=\"fig\"><b id=\"targets-in-step\">%d of %d</b>"
                "<span>targets in step at the end</span></div>\n", nIn, p->nTarget);
  report_html_fig(w, "conv-changes", p->conv.nChanges, "source changes");
  report_html_fig(w, "conv-converged", p->conv.nConverged, "converged");
  report_html_fig(w, "conv-held", p->conv.nHeld, "held by the service");
  report_html_fig(w, "conv-never", p->conv.nNever, "never converged");
  report_html_fig(w, "conv-reverted", p->conv.nReverted, "reverted at the source");
  report_html_fig(w, "conv-superseded", p->conv.nSuperseded, "superseded");
  strbuf_append(&w->sb, "<div class=\"fig\"><b>");
  report_html_fmt_esc(&w->sb, report_format_quantile(l, l->p50, l->bCensor50, z, sizeof(z)));
  strbuf_append(&w->sb, " / ");
  report_html_fmt_esc(&w->sb, report_format_quantile(l, l->p95, l->bCensor95, z, sizeof(z)));
  strbuf_append(&w->sb, "</b><span>latency p50 / p95");
  if( l->nCensored ){
    int64_t nPm = report_censored_permille(l);
    strbuf_printf(&w->sb, " (%lld.%lld %% still open)", (long long)(nPm/10), (long long)(nPm%10));
  }
  strbuf_append(&w->sb, "</span></div>\n");
  report_html_fig(w, "drift-final", p->nDriftFinal, "pairs out of step at the end");
  report_html_fig(w, "orphan-count", p->nOrphan, "orphaned guest accounts");
  report_html_fig(w, "disabled-count", p->nDisabled, "disabled by sync (not orphans)");
  report_html_fig(w, "preexisting-count", p->nPreexisting, "pre-existing, home unknown");
  strbuf_append(&w->sb, "</div>\n");
}

/* In step or not, per target, and why. */
static void report_html_targets(HtmlOut *w){
  const Report *p = w->p;
  int i, k;
  strbuf_append(&w->sb, "<section id=\"targets\">\n<h2>Targets</h2>\n<table class=\"targets\">"
                "<tr><th>Target</th><th>In step since</th><th>Out of step at the end</th>"
                "<th>Why</th></tr>\n");
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    strbuf_append(&w->sb, "<tr><td>");
    report_html_fmt_esc(&w->sb, t->zTenant);
    strbuf_append(&w->sb, "</td><td>");
    if( t->nOutOfStep ) strbuf_append(&w->sb, "<span class=\"bad\">&#10007; not in step</span>");
    else if( !t->bDrifted ) strbuf_append(&w->sb, "<span class=\"ok\">&#10003; throughout</span>");
    else{
      strbuf_append(&w->sb, "<span class=\"ok\">&#10003;</span> ");
      report_html_fmt_instant(w, t->tInStep);
    }
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    report_html_fmt_count(w, t->nOutOfStep);
    strbuf_append(&w->sb, "</td><td>");
    for(k=0; k<t->nWhy; k++){
      const char *zText = report_why_text(t->aWhy[k].zReason);
      if( k ) strbuf_append(&w->sb, "<br>");
      report_html_fmt_count(w, t->aWhy[k].n);
      strbuf_append(&w->sb, " <code>");
      report_html_fmt_esc(&w->sb, t->aWhy[k].zReason);
      strbuf_append(&w->sb, "</code>");
      if( zText ){
        strbuf_append(&w->sb, ": ");
        report_html_fmt_esc(&w->sb, zText);
      }
      if( t->aWhy[k].zDetail ){
        strbuf_append(&w->sb, " (");
        report_html_fmt_esc(&w->sb, t->aWhy[k].zDetail);
        strbuf_append(&w->sb, ")");
      }
      strbuf_append(&w->sb, " &#8212; job ");
      report_html_fmt_esc(&w->sb, t->aWhy[k].zJob);
    }
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n</section>\n");
}

/* ============================================================ API */

/* Who trusts whom at the end of the run (trust.h): the diagram and the
** table. A database without policy history has no section. */
static void report_html_trust(HtmlOut *w){
  TrustGraph g;
  TsErr err;
  int rc;
  tserr_clear(&err);
  rc = trust_build(w->pStore, -1, &g, &err);
  if( rc ){
    if( rc!=TS_ERR ) w->rc = -1;
    return;
  }
  strbuf_append(&w->sb, "<section id=\"trust\">\n<h2>Trust paths</h2>\n<p>Who trusts whom at"
                " the end of the run: tenants as boxes, users flowing along the arrows; a dashed"
                " arrow has no job, a problem is red and says what it is.</p>\n");
  trust_svg_section(&g, &w->sb);
  strbuf_append(&w->sb, "</section>\n");
  trust_free(&g);
}

int report_html_write(const Report *p, Store *pStore, FILE *out){
  HtmlOut w;
  int rc = -1;
  memset(&w, 0, sizeof(w));
  strbuf_init(&w.sb);
  w.pStore = pStore;
  w.p = p;
  report_html_header(&w);
  report_html_svg_drift(&w);
  report_html_svg_cycles(&w);
  report_html_svg_latency(&w);
  report_html_tables_orphans(&w);
  report_html_tables_detections(&w);
  report_html_lint_section(&w);
  report_html_tables_jobs(&w);
  report_html_trust(&w);
  report_html_tables_errors(&w);
  report_html_tables_timeline(&w);
  strbuf_append(&w.sb, "<footer class=\"muted\"><p>Generated by tenantsim from the run database"
                " alone; simulated times are from the scenario start.</p></footer>\n"
                "</body>\n</html>\n");
  if( w.rc ) goto out_free;
  rc = strbuf_write(&w.sb, out);
out_free:
  strbuf_free(&w.sb);
  return rc;
}

