/*
** report_html.c — the Report as one self-contained HTML page (report.h).
**
** The page needs nothing but itself: CSS is inline, every chart is SVG
** drawn by tenantsim, the one script is the shared sort-and-filter script
** of html_kit.c (without it every table is a plain table), and there is no
** external reference, so it opens the same offline, in a mail attachment
** or on paper (@media print). Sections, the answer first: the verdict
** (report_verdict.c); the headline figures as cards; a card per target,
** in step or not and why; the run (scenario, seed, span, tenants, jobs) —
** these are drawn here; then the charts of drift, cycles and latency
** (report_html_drift.c, _cycles.c, _latency.c on report_html_svg.c); the
** accounts left behind, detections, security findings, job status, trust
** paths, top errors and the narrative (report_html_tables.c, _lint.c).
** Instants read "Day N HH:MM" (the ISO instant in the tooltip), durations
** "1 h 29 m".
**
** Layout: from 390 px up. Cards sit in a grid that stacks; every table
** and chart is in its own box that scrolls sideways, so nothing widens the
** page; chart text is never under 10 px (report_htmlInt.h); table cells
** never break a word (numbers, names and ids do not wrap). Printed, tables
** continue across pages, charts and cards do not split, and long tables
** print their first HTML_PRINT_ROWS rows and say where the rest are.
**
** Figures the Report already holds are taken from it, so the page agrees
** with the text and JSON reports; the series it lacks are read from the
** store with statements kept next to the section that uses them.
**
** Safety: every string that comes from the scenario or the database goes
** through report_html_fmt_esc() (or _prose(), which escapes too), which
** escapes & < > " and ', so a display name such as <script> or "onload= is
** inert text in both HTML and SVG. Nothing else is written raw except the
** page's own markup and integers.
**
** Determinism: coordinates are computed in int64 arithmetic, lists follow
** the queries' ORDER BY, nothing reads the clock; a database always gives
** the same bytes. The page is built in a StrBuf (report_htmlInt.h: HtmlOut)
** and written in one go.
*/
#include <string.h>
#include "html_kit.h"
#include "report_htmlInt.h"
#include "trust.h"

/* ============================================================ header */

/* The page's style, before and after the shared table style (html_kit.h)
** and the palette (report_html_palette.c). Screen first: a page that
** works from 390 px up (cards in a grid that stacks, each table and chart
** in its own sideways-scrolling box); then print: dense margins, tables
** that continue across pages with their header repeated, cards and charts
** never split, long tables cut to their first HTML_PRINT_ROWS rows. */
static const char zHtmlStyle[] =
"<style>\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;"
"margin:0 auto;max-width:1240px;padding:16px 20px;background:#fff;overflow-wrap:break-word}\n"
"h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;"
"padding-bottom:4px}h3{font-size:15px;margin:16px 0 4px}\n"
"table{margin:6px 0 12px;font-size:13px}\n"
"th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}\n"
"th{background:#f3f5f7}td p{margin:0 0 4px}\n"
HTML_KIT_CSS
".nw{white-space:nowrap}\n"
"dl.kv{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:2px 16px;margin:8px 0}\n"
"dl.kv dt{font-weight:600}dl.kv dd{margin:0}\n"
".figs{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:10px 0}\n"
".fig{border:1px solid #d0d7de;border-radius:6px;padding:6px 12px}.fig.wide{grid-column:span 2}\n"
".fig b{display:block;font-size:20px}.fig span{font-size:12px;color:#57606a}\n"
".tcards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:10px;margin:8px 0}\n"
".tcard{border:1px solid #d0d7de;border-left-width:6px;border-radius:6px;padding:6px 12px}\n"
".tcard-ok{border-left-color:#1a7f37}.tcard-bad{border-left-color:#cf222e}\n"
".tcard h3{margin:0 0 2px}.tcard p{margin:2px 0}.tcard ul{margin:4px 0 2px;padding-left:18px}\n"
".chart-box{margin:4px 0 10px}\n"
"svg.chart{display:block;width:100%;height:auto;max-width:" HTML_STR(HTML_CHART_MAX_PX) "px;"
"min-width:" HTML_STR(HTML_CHART_MIN_PX) "px}\n"
"svg.defs{position:absolute;width:0;height:0;overflow:hidden}\n"
"svg.sw{display:inline-block;width:14px;height:14px;vertical-align:-2px;margin-right:4px}\n"
"svg.sw line{stroke-width:3}svg.sw rect{stroke:#57606a;stroke-width:.5}\n"
"svg text{font:" HTML_STR(HTML_CHART_FONT) "px system-ui,sans-serif;fill:#1b1f24}\n"
"svg .axis{stroke:#57606a;stroke-width:1}svg .grid{stroke:#eaeef2;stroke-width:1}\n"
"svg .axis-title{fill:#57606a}svg text.oktext{fill:#1a7f37}\n"
"svg text.lbl{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
"svg .drift{fill:none;stroke-width:2}svg line.action{stroke-width:1;stroke-dasharray:4 3}\n"
"svg line.instep{stroke-width:2}svg rect.open{fill:#fff;stroke-width:2;stroke-dasharray:5 3}\n"
".verdict{border-left:4px solid #0969da;background:#f6f8fa;padding:8px 14px;margin:10px 0 16px}\n"
".verdict p{margin:4px 0}.ok{color:#1a7f37}\n"
".legend span{display:inline-block;margin-right:14px;font-size:12px}\n"
".muted{color:#57606a}.bad{color:#cf222e}.note{font-size:12px;margin:0 0 8px}\n"
"code{font-size:12px}ol.narrative li{margin:3px 0}ol.narrative ul{margin:2px 0 4px}\n"
".seq{color:#8e2f6e;font-weight:600}\n"
"span.sev{border-radius:3px;padding:0 5px;font-size:12px;white-space:nowrap}\n"
".ponly{display:none}\n"
TRUST_SVG_STYLE
"#trust svg.trust{max-width:none}\n"
"@page{margin:8mm}\n"
"@media print{body{max-width:none;padding:0;font-size:10px;line-height:1.3}\n"
" h1{font-size:16px}h2{font-size:13px;margin:10px 0 4px;break-after:avoid}"
"h3{font-size:11.5px;margin:6px 0 2px;break-after:avoid}\n"
" table{font-size:9px;margin:3px 0 6px}th,td{padding:1px 4px}td p{margin:0}code,span.sev,.legend span{font-size:8.5px}\n"
" thead{display:table-header-group}tr,svg,.fig,.tcard,.chart-box,.legend,dl.kv{break-inside:avoid}\n"
" .figs{grid-template-columns:repeat(7,1fr);gap:4px;margin:4px 0}.fig.wide{grid-column:span 2}.fig{padding:2px 6px}"
".fig b{font-size:14px}.fig span{font-size:9px}\n"
" .tcards{grid-template-columns:repeat(2,1fr);gap:6px}.tcard{padding:2px 8px}\n"
" .verdict{padding:4px 10px;margin:4px 0 8px}.chart-box{margin:2px 0 4px}\n"
" svg.chart{min-width:0;max-width:100%}#trust svg.trust{max-width:100%;max-height:45mm;width:auto}\n"
" #trust table.trust td{white-space:nowrap}#trust table.trust td:last-child{white-space:normal}\n"
" dl.kv{grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr)}\n"
" ol.narrative{font-size:9px}ol.narrative li{margin:1px 0}ol.narrative ul{margin:0 0 2px}p{margin:3px 0}\n"
" td.id{max-width:none;white-space:nowrap;overflow:visible;overflow-wrap:normal}\n"
" .noprint{display:none}.ponly{display:block}\n"
" table.ptrunc tbody tr:nth-child(" HTML_STR(HTML_PRINT_ROWS) ") ~ tr{display:none}\n"
" th{background:#eee!important}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
;

static void report_html_figures(HtmlOut *w);
static void report_html_targets(HtmlOut *w);
static void report_html_run(HtmlOut *w);

static void report_html_header(HtmlOut *w){
  const Report *p = w->p;
  int i;
  strbuf_append(&w->sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>tenantsim report: ");
  report_html_fmt_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</title>\n");
  strbuf_append(&w->sb, zHtmlStyle);
  report_html_palette_css(&w->sb);
  strbuf_append(&w->sb, "</style>\n</head>\n<body>\n");
  report_html_palette_defs(&w->sb);
  strbuf_append(&w->sb, "<h1>tenantsim report: ");
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
  report_html_run(w);
}

/* ============================================================ the run */

static const char zSqlTenants[] =
  "SELECT key, domain, cloud, idx FROM tenants ORDER BY idx";

/* The run: scenario, seed, span, version; its tenants and jobs. */
static void report_html_run(HtmlOut *w){
  static const char *const azTenantHead[] = {
    "Tenant", "Domain", "Cloud", "#<span title=\"users the scenario declares or hires: the"
    " tenant's own members and guests, not the B2B users jobs create\">Own users</span>",
  };
  static const char *const azJobHead[] = {
    "Job", "Source", "Target", "Scope", "Status", "Job id",
  };
  const Report *p = w->p;
  sqlite3_stmt *s;
  int i;
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
  strbuf_append(&w->sb, "</dd>\n</dl>\n<h3>Tenants</h3>\n");
  report_html_fmt_table(&w->sb, "tenants", NULL, azTenantHead, 4);
  s = report_html_fmt_stmt(w, zSqlTenants);
  while( s && report_html_fmt_row(w, s) ){
    strbuf_append(&w->sb, "<tr><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 0));
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 1));
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 2));
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    {
      int64_t iTenant = sqlite3_column_int64(s, 3);
      report_html_fmt_count(w, iTenant>=0 && iTenant<p->nTenantOwn ? p->anTenantOwn[iTenant] : 0);
    }
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  report_html_fmt_table_end(&w->sb);
  strbuf_append(&w->sb, "<h3>Jobs</h3>\n");
  report_html_fmt_table(&w->sb, "run-jobs", NULL, azJobHead, 6);
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    strbuf_append(&w->sb, "<tr><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, j->zJob);
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, j->zSource);
    strbuf_append(&w->sb, "</td><td class=\"nowrap\">");
    report_html_fmt_esc(&w->sb, j->zTarget);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zScope);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_esc(&w->sb, j->zStatus);
    strbuf_append(&w->sb, "</td>");
    report_html_fmt_id_cell(&w->sb, j->zJobId, NULL);
    strbuf_append(&w->sb, "</tr>\n");
  }
  report_html_fmt_table_end(&w->sb);
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ figures */

/* One headline figure: the value (an id for tools and tests) and a label. */
static void report_html_fig(HtmlOut *w, const char *zId, int64_t v, const char *zLabel){
  strbuf_printf(&w->sb, "<div class=\"fig\"><b id=\"%s\">", zId);
  report_html_fmt_count(w, v);
  strbuf_printf(&w->sb, "</b><span>%s</span></div>\n", zLabel);
}

/* The headline figures, as cards that fill the width and stack on a
** narrow screen; each value carries an id so that tools (and the tests)
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
  strbuf_append(&w->sb, "<div class=\"fig wide\"><b>");
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

/* ============================================================ targets */

/* A card per target: in step or not (a mark and words as well as the
** card's colour), since when, and why, reason by reason. */
static void report_html_targets(HtmlOut *w){
  const Report *p = w->p;
  int i, k;
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&w->sb, "<section id=\"targets\">\n<h2>Targets</h2>\n<div class=\"tcards\">\n");
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    strbuf_printf(&w->sb, "<div class=\"tcard tcard-%s\"><h3>", t->nOutOfStep ? "bad" : "ok");
    report_html_fmt_esc(&w->sb, t->zTenant);
    strbuf_append(&w->sb, "</h3><p>");
    if( t->nOutOfStep ){
      strbuf_printf(&w->sb, "<span class=\"bad\">&#10007; not in step</span>: <b>%s</b> pair%s"
                    " out of step at the end", report_format_count(t->nOutOfStep, z, sizeof(z)),
                    t->nOutOfStep==1 ? "" : "s");
    }else if( !t->bDrifted ){
      strbuf_append(&w->sb, "<span class=\"ok\">&#10003; in step throughout</span>");
    }else{
      strbuf_append(&w->sb, "<span class=\"ok\">&#10003; in step</span> since ");
      report_html_fmt_instant(w, t->tInStep);
    }
    strbuf_append(&w->sb, "</p>");
    if( t->nWhy ) strbuf_append(&w->sb, "<ul>");
    for(k=0; k<t->nWhy; k++){
      const char *zText = report_why_text(t->aWhy[k].zReason);
      strbuf_append(&w->sb, "<li>");
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
      strbuf_append(&w->sb, " &#8212; job <span class=\"nw\">");
      report_html_fmt_esc(&w->sb, t->aWhy[k].zJob);
      strbuf_append(&w->sb, "</span></li>");
    }
    if( t->nWhy ) strbuf_append(&w->sb, "</ul>");
    strbuf_append(&w->sb, "</div>\n");
  }
  strbuf_append(&w->sb, "</div>\n</section>\n");
}

/* ============================================================ API */

/* Who trusts whom at the end of the run (trust.h): the diagram and the
** table, in a box that scrolls sideways so the diagram keeps its size. A
** database without policy history has no section. */
static void report_html_trust(HtmlOut *w){
  TrustGraph g;
  TsErr err;
  int rc;
  tserr_clear(&err);
  rc = trust_build_end(w->pStore, w->p->anCreatedLive, w->p->nCreatedLive, &g, &err);
  if( rc ){
    if( rc!=TS_ERR ) w->rc = -1;
    return;
  }
  strbuf_append(&w->sb, "<section id=\"trust\">\n<h2>Trust paths</h2>\n<p>Who trusts whom at"
                " the end of the run: tenants as boxes, users flowing along the arrows; a dashed"
                " arrow has no job, a problem is red and says what it is.</p>\n<div class=\"scroll\">\n");
  trust_svg_section(&g, &w->sb);
  strbuf_append(&w->sb, "</div>\n</section>\n");
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
  report_html_drift_section(&w);
  report_html_cycles_section(&w);
  report_html_latency_section(&w);
  report_html_tables_orphans(&w);
  report_html_tables_detections(&w);
  report_html_lint_section(&w);
  report_html_tables_jobs(&w);
  report_html_trust(&w);
  report_html_tables_errors(&w);
  report_html_tables_timeline(&w);
  strbuf_append(&w.sb, "<footer class=\"muted\"><p>Generated by tenantsim from the run database"
                " alone; simulated times are from the scenario start.</p></footer>\n");
  html_kit_script(&w.sb);
  strbuf_append(&w.sb, "</body>\n</html>\n");
  if( w.rc ) goto out_free;
  rc = strbuf_write(&w.sb, out);
out_free:
  strbuf_free(&w.sb);
  return rc;
}
