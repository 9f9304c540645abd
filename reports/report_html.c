/*
** report_html.c — the Report as one self-contained HTML page (report.h).
**
** The page needs nothing but itself: CSS is inline, every chart is SVG
** drawn here, there is no script and no external reference, so it opens
** the same offline, in a mail attachment or on paper (@media print).
** Sections, the answer first: the verdict (report_verdict.c); the
** headline figures; each target in step or not and why; the run header
** (scenario, seed, span, tenants, jobs); drift over time per target tenant
** with the timeline actions and the in-step instant marked; a cycle
** timeline per job (cycles as bars, quarantine and paused spans shaded);
** the histogram of the latency of converged changes beside the changes
** still open; the guest accounts left behind in their three classes; job
** status with each problem's cause and fix; the most frequent error codes
** of failed exports with the action the documentation recommends; the
** narrative (report_narrative.c). Instants read "Day N HH:MM" (the ISO
** instant in the tooltip), durations "1 h 29 m"; chart axes are ticked at
** whole days or hours.
**
** Figures the Report already holds are taken from it, so the page agrees
** with the text and JSON reports; the series it lacks (metric samples,
** cycles, quarantines, timeline, change latencies, tenants, escrows,
** error codes across jobs) are read from the store with statements kept
** next to the section that uses them.
**
** Safety: every string that comes from the scenario or the database goes
** through report_html_esc(), which escapes & < > " and ', so a display name
** such as <script> or "onload= is inert text in both HTML and SVG.
** Nothing else is written raw except this file's own markup and integers.
**
** Determinism: coordinates are computed in int64 arithmetic, lists follow
** the queries' ORDER BY, nothing reads the clock; a database always gives
** the same bytes. The page is built in a StrBuf and written in one go.
*/
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"

#define HTML_W          1200   /* chart width in SVG user units */
#define HTML_PAD_L        56   /* room for y-axis labels */
#define HTML_PAD_R        16
#define HTML_ORPHAN_ROWS 500   /* orphan rows listed before "... more" */
#define HTML_HIST_BINS    12   /* latency histogram bars */
#define HTML_TIMELINE_ROWS 500 /* timeline rows listed */

/* Writer state: the page and the first failure met while building it. */
typedef struct HtmlOut {
  StrBuf sb;
  Store *pStore;
  const Report *p;
  int rc;                  /* 0, or -1 once a query failed */
} HtmlOut;

/* ============================================================ helpers */

/* Append z with the five HTML metacharacters escaped; NULL appends zNull
** (which is this file's own text, never data). */
static void report_html_esc_or(StrBuf *pSb, const char *z, const char *zNull){
  if( z==NULL ) strbuf_append(pSb, zNull);
  else strbuf_xml_text(pSb, z);
}

static void report_html_esc(StrBuf *pSb, const char *z){
  report_html_esc_or(pSb, z, "");
}

/* A duration of v seconds for people ("1 h 29 m"). */
static void report_html_dur(StrBuf *pSb, int64_t v){
  char z[48];
  strbuf_append(pSb, simtime_format_span(v, z, sizeof(z)));
}

/* The instant t seconds after the start as plain text ("Day 3 08:00"),
** for SVG tooltips. */
static void report_html_day(HtmlOut *w, int64_t t){
  char z[32];
  strbuf_append(&w->sb, report_format_day(w->p, t, z, sizeof(z)));
}

/* The instant t as "Day 3 08:00" in a <time> element whose tooltip and
** datetime are the ISO instant. */
static void report_html_instant(HtmlOut *w, int64_t t){
  char zIso[32], zDay[32];
  report_format_instant(w->p, t, zIso, sizeof(zIso));
  strbuf_printf(&w->sb, "<time datetime=\"%s\" title=\"%s\">%s</time>", zIso, zIso,
                report_format_day(w->p, t, zDay, sizeof(zDay)));
}

/* A count with thousands separators. */
static void report_html_count(HtmlOut *w, int64_t v){
  char z[32];
  strbuf_append(&w->sb, report_format_count(v, z, sizeof(z)));
}

/* The cached statement for zSql (static storage); NULL marks the page failed. */
static sqlite3_stmt *report_html_stmt(HtmlOut *w, const char *zSql){
  sqlite3_stmt *pStmt = store_stmt(w->pStore, zSql);
  if( pStmt==NULL ) w->rc = -1;
  return pStmt;
}

/* Step pStmt: 1 for a row, 0 when done; an error marks the page failed. */
static int report_html_row(HtmlOut *w, sqlite3_stmt *pStmt){
  int rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW ) return 1;
  if( rc!=SQLITE_DONE ) w->rc = -1;
  sqlite3_reset(pStmt);
  return 0;
}

static const char *report_html_col(sqlite3_stmt *pStmt, int i){
  return (const char*)sqlite3_column_text(pStmt, i);
}

/* x coordinate of simulated time t on a chart spanning [0, tEnd]. */
static int64_t report_html_x(const Report *p, int64_t t){
  int64_t tEnd = p->tEnd>0 ? p->tEnd : 1;
  if( t<0 ) t = 0;
  if( t>tEnd ) t = tEnd;
  return HTML_PAD_L + t*(HTML_W-HTML_PAD_L-HTML_PAD_R)/tEnd;
}

/* Time-axis ticks along y = yAxis, with light grid lines from yTop down
** to it: at whole days (labelled "Day N") or whole hours of the UTC clock
** ("Day N HH:00" at a day's first tick, "HH:00" after), the step the
** smallest of 1, 2, 3, 6, 12 hours or 1, 2, 7, 14, 28 days that gives at
** most eight ticks; the axis title names the notation. */
static void report_html_time_axis(HtmlOut *w, int64_t yTop, int64_t yAxis){
  static const int64_t aStep[] = {
    SIMTIME_HOUR, 2*SIMTIME_HOUR, 3*SIMTIME_HOUR, 6*SIMTIME_HOUR, 12*SIMTIME_HOUR,
    SIMTIME_DAY, 2*SIMTIME_DAY, 7*SIMTIME_DAY, 14*SIMTIME_DAY, 28*SIMTIME_DAY,
  };
  const Report *p = w->p;
  int64_t tEnd = p->tEnd>0 ? p->tEnd : 1, nStep = aStep[9], tAbs, t, iDayPrev = -1;
  size_t i;
  for(i=0; i<sizeof(aStep)/sizeof(aStep[0]); i++){
    if( tEnd/aStep[i] <= 8 ){ nStep = aStep[i]; break; }
  }
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%lld\" x2=\"%d\" y2=\"%lld\"/>\n",
                HTML_PAD_L, (long long)yAxis, HTML_W-HTML_PAD_R, (long long)yAxis);
  /* The first whole step at or after the start, on the UTC clock (days
  ** from the start day's midnight). */
  tAbs = p->tStartEpoch;
  if( nStep<SIMTIME_DAY ){
    t = (tAbs + nStep - 1)/nStep*nStep - tAbs;
  }else{
    t = (tAbs + SIMTIME_DAY - 1)/SIMTIME_DAY*SIMTIME_DAY - tAbs;
  }
  for(; t<=tEnd; t+=nStep){
    int64_t x = report_html_x(p, t);
    int64_t iDay = simtime_day_number(p->tStartEpoch, t);
    int64_t nSec = (tAbs + t) % SIMTIME_DAY;
    strbuf_printf(&w->sb, "<line class=\"grid\" x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\"/>"
                  "<text class=\"tick\" x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">",
                  (long long)x, (long long)yTop, (long long)x, (long long)yAxis,
                  (long long)x, (long long)(yAxis+14));
    if( nStep>=SIMTIME_DAY || nSec==0 ){
      strbuf_printf(&w->sb, nSec==0 ? "Day %lld" : "Day %lld %02d:00", (long long)iDay,
                    (int)(nSec/SIMTIME_HOUR));
    }else if( iDay!=iDayPrev ){
      strbuf_printf(&w->sb, "Day %lld %02d:00", (long long)iDay, (int)(nSec/SIMTIME_HOUR));
    }else{
      strbuf_printf(&w->sb, "%02d:00", (int)(nSec/SIMTIME_HOUR));
    }
    iDayPrev = iDay;
    strbuf_append(&w->sb, "</text>\n");
  }
  strbuf_printf(&w->sb, "<text class=\"axis-title\" x=\"%d\" y=\"%lld\" text-anchor=\"end\">"
                "simulated time (Day 1 = the start day, UTC)</text>\n", HTML_W-HTML_PAD_R,
                (long long)(yAxis+28));
}

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
  report_html_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</title>\n");
  strbuf_append(&w->sb, zHtmlStyle);
  strbuf_append(&w->sb, "</head>\n<body>\n<h1>tenantsim report: ");
  report_html_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</h1>\n<section id=\"verdict\" class=\"verdict\">\n");
  for(i=0; i<p->nVerdict; i++){
    strbuf_append(&w->sb, "<p>");
    report_html_esc(&w->sb, p->azVerdict[i]);
    strbuf_append(&w->sb, "</p>\n");
  }
  strbuf_append(&w->sb, "</section>\n");
  report_html_figures(w);
  report_html_targets(w);
  strbuf_append(&w->sb, "<section id=\"run\">\n<h2>The run</h2>\n<dl class=\"kv\">\n<dt>Scenario</dt><dd>");
  report_html_esc(&w->sb, p->zScenario);
  strbuf_append(&w->sb, "</dd>\n<dt>Seed</dt><dd>");
  report_html_esc(&w->sb, p->zSeed);
  strbuf_append(&w->sb, "</dd>\n<dt>Start</dt><dd>");
  report_html_instant(w, 0);
  strbuf_append(&w->sb, " (");
  report_html_esc(&w->sb, p->zStart);
  strbuf_append(&w->sb, ")</dd>\n<dt>End</dt><dd>");
  report_html_instant(w, p->tEnd);
  strbuf_append(&w->sb, " (");
  report_html_dur(&w->sb, p->tEnd);
  strbuf_append(&w->sb, " later)</dd>\n<dt>Scenario duration</dt><dd>");
  report_html_esc_or(&w->sb, p->zDuration, "(not given)");
  strbuf_append(&w->sb, "</dd>\n<dt>tenantsim</dt><dd>");
  report_html_esc_or(&w->sb, p->zVersion, "(unknown version)");
  strbuf_append(&w->sb, "</dd>\n</dl>\n");

  strbuf_append(&w->sb, "<h3>Tenants</h3>\n<table><tr><th>Tenant</th><th>Domain</th>"
                "<th>Cloud</th><th title=\"users the scenario declares or hires: the tenant's own"
                " members and guests, not the B2B users jobs create\">Own users</th></tr>\n");
  s = report_html_stmt(w, zSqlTenants);
  while( s && report_html_row(w, s) ){
    strbuf_append(&w->sb, "<tr><td>");
    report_html_esc(&w->sb, report_html_col(s, 0));
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, report_html_col(s, 1));
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, report_html_col(s, 2));
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    report_html_count(w, sqlite3_column_int64(s, 3));
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n<h3>Jobs</h3>\n<table><tr><th>Job</th><th>Source</th>"
                "<th>Target</th><th>Scope</th><th>Status</th><th>Job id</th></tr>\n");
  for(i=0; i<p->nJob; i++){
    const ReportJob *j = &p->aJob[i];
    strbuf_append(&w->sb, "<tr><td>");
    report_html_esc(&w->sb, j->zJob);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, j->zSource);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, j->zTarget);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, j->zScope);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, j->zStatus);
    strbuf_append(&w->sb, "</td><td><code>");
    report_html_esc(&w->sb, j->zJobId);
    strbuf_append(&w->sb, "</code></td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n</section>\n");
}

/* One headline figure: the value (an id for tools and tests) and a label. */
static void report_html_fig(HtmlOut *w, const char *zId, int64_t v, const char *zLabel){
  strbuf_printf(&w->sb, "<div class=\"fig\"><b id=\"%s\">", zId);
  report_html_count(w, v);
  strbuf_printf(&w->sb, "</b><span>%s</span></div>\n", zLabel);
}

/* The headline figures; each carries an id so that tools (and the tests)
** can find it. */
static void report_html_figures(HtmlOut *w){
  const Report *p = w->p;
  const ReportLatency *l = &p->conv.lat;
  char z[32];
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
  report_html_esc(&w->sb, report_format_quantile(l, l->p50, l->bCensor50, z, sizeof(z)));
  strbuf_append(&w->sb, " / ");
  report_html_esc(&w->sb, report_format_quantile(l, l->p95, l->bCensor95, z, sizeof(z)));
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
    report_html_esc(&w->sb, t->zTenant);
    strbuf_append(&w->sb, "</td><td>");
    if( t->nOutOfStep ) strbuf_append(&w->sb, "<span class=\"bad\">&#10007; not in step</span>");
    else if( !t->bDrifted ) strbuf_append(&w->sb, "<span class=\"ok\">&#10003; throughout</span>");
    else{
      strbuf_append(&w->sb, "<span class=\"ok\">&#10003;</span> ");
      report_html_instant(w, t->tInStep);
    }
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    report_html_count(w, t->nOutOfStep);
    strbuf_append(&w->sb, "</td><td>");
    for(k=0; k<t->nWhy; k++){
      const char *zText = report_why_text(t->aWhy[k].zReason);
      if( k ) strbuf_append(&w->sb, "<br>");
      report_html_count(w, t->aWhy[k].n);
      strbuf_append(&w->sb, " <code>");
      report_html_esc(&w->sb, t->aWhy[k].zReason);
      strbuf_append(&w->sb, "</code>");
      if( zText ){
        strbuf_append(&w->sb, ": ");
        report_html_esc(&w->sb, zText);
      }
      if( t->aWhy[k].zDetail ){
        strbuf_append(&w->sb, " (");
        report_html_esc(&w->sb, t->aWhy[k].zDetail);
        strbuf_append(&w->sb, ")");
      }
      strbuf_append(&w->sb, " &#8212; job ");
      report_html_esc(&w->sb, t->aWhy[k].zJob);
    }
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n</section>\n");
}

/* ============================================================ drift */

static const char zSqlDriftTenants[] =
  "SELECT DISTINCT m.tenant, t.key, t.domain FROM metrics m JOIN tenants t ON t.idx=m.tenant"
  " WHERE m.name='drift' ORDER BY m.tenant";
static const char zSqlDriftMax[] =
  "SELECT coalesce(max(value),0) FROM metrics WHERE name='drift' AND tenant=?1";
static const char zSqlDriftSeries[] =
  "SELECT t, value FROM metrics WHERE name='drift' AND tenant=?1 ORDER BY t";
static const char zSqlTimeline[] =
  "SELECT seq, at, action, summary, objects FROM timeline ORDER BY seq";

#define DRIFT_H    212   /* svg height */
#define DRIFT_TOP   18   /* plot top */
#define DRIFT_BOT  176   /* x axis */

/* Vertical marks at each timeline action, numbered as in the timeline
** table, with the summary as the tooltip. */
static void report_html_action_marks(HtmlOut *w, int64_t yTop, int64_t yBot){
  sqlite3_stmt *s = report_html_stmt(w, zSqlTimeline);
  while( s && report_html_row(w, s) ){
    int64_t x = report_html_x(w->p, sqlite3_column_int64(s, 1));
    strbuf_printf(&w->sb, "<g><title>#%lld at ", (long long)sqlite3_column_int64(s, 0));
    report_html_day(w, sqlite3_column_int64(s, 1));
    strbuf_append(&w->sb, ": ");
    report_html_esc(&w->sb, report_html_col(s, 2));
    strbuf_append(&w->sb, " — ");
    report_html_esc(&w->sb, report_html_col(s, 3));
    strbuf_printf(&w->sb, "</title><line class=\"action\" x1=\"%lld\" y1=\"%lld\" x2=\"%lld\" y2=\"%lld\"/>"
                  "<text x=\"%lld\" y=\"%lld\" text-anchor=\"middle\" fill=\"#bf3989\">%lld</text></g>\n",
                  (long long)x, (long long)yTop, (long long)x, (long long)yBot,
                  (long long)x, (long long)(yTop-4), (long long)sqlite3_column_int64(s, 0));
  }
}

static void report_html_drift_chart(HtmlOut *w, int64_t iTenant, const char *zKey){
  sqlite3_stmt *s;
  int64_t nMax = 0, yPrev = -1;
  int bFirst = 1;
  const int64_t hPlot = DRIFT_BOT-DRIFT_TOP;
  s = report_html_stmt(w, zSqlDriftMax);
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, iTenant);
  if( report_html_row(w, s) ){ nMax = sqlite3_column_int64(s, 0); sqlite3_reset(s); }
  if( nMax<1 ) nMax = 1;
  strbuf_append(&w->sb, "<h3>Target tenant ");
  report_html_esc(&w->sb, zKey);
  strbuf_printf(&w->sb, "</h3>\n<svg class=\"chart drift-chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                " xmlns=\"http://www.w3.org/2000/svg\"><title>Drift in ", HTML_W, DRIFT_H);
  report_html_esc(&w->sb, zKey);
  strbuf_append(&w->sb, " over time</title>\n");
  report_html_time_axis(w, DRIFT_TOP, DRIFT_BOT);
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
                HTML_PAD_L, DRIFT_TOP, HTML_PAD_L, DRIFT_BOT,
                HTML_PAD_L-6, DRIFT_TOP+4, (long long)nMax, HTML_PAD_L-6, DRIFT_BOT+4);
  report_html_action_marks(w, DRIFT_TOP, DRIFT_BOT);
  /* Drift holds between samples: draw it as a step line. */
  strbuf_append(&w->sb, "<polyline class=\"drift\" points=\"");
  s = report_html_stmt(w, zSqlDriftSeries);
  if( s ) sqlite3_bind_int64(s, 1, iTenant);
  while( s && report_html_row(w, s) ){
    int64_t x = report_html_x(w->p, sqlite3_column_int64(s, 0));
    int64_t y = DRIFT_BOT - sqlite3_column_int64(s, 1)*hPlot/nMax;
    if( !bFirst && y!=yPrev ) strbuf_printf(&w->sb, " %lld,%lld", (long long)x, (long long)yPrev);
    strbuf_printf(&w->sb, "%s%lld,%lld", bFirst ? "" : " ", (long long)x, (long long)y);
    bFirst = 0;
    yPrev = y;
  }
  if( !bFirst ){
    strbuf_printf(&w->sb, " %lld,%lld", (long long)report_html_x(w->p, w->p->tEnd),
                  (long long)yPrev);
  }
  strbuf_append(&w->sb, "\"/>\n");
  /* Where the target came into step for good (a labelled green line). */
  {
    int i;
    for(i=0; i<w->p->nTarget; i++){
      const ReportTarget *t = &w->p->aTarget[i];
      int64_t x;
      if( strcmp(t->zTenant, zKey)!=0 || t->nOutOfStep || !t->bDrifted ) continue;
      x = report_html_x(w->p, t->tInStep);
      strbuf_append(&w->sb, "<g><title>in step from ");
      report_html_day(w, t->tInStep);
      strbuf_printf(&w->sb, " to the end</title><line class=\"instep\" x1=\"%lld\" y1=\"%d\""
                    " x2=\"%lld\" y2=\"%d\"/><text x=\"%lld\" y=\"%d\" fill=\"#1a7f37\">"
                    "&#10003; in step</text></g>\n", (long long)x, DRIFT_TOP, (long long)x, DRIFT_BOT,
                    (long long)(x+4), DRIFT_TOP+12);
    }
  }
  strbuf_append(&w->sb, "</svg>\n");
}

static void report_html_drift(HtmlOut *w){
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<section id=\"drift\">\n<h2>Drift over time</h2>\n"
                "<p class=\"muted\">Pairs whose target differs from the desired state, per target"
                " tenant. Dashed lines are timeline actions (numbered as in the narrative"
                " below); a green line marks the instant the target came into step for good.</p>\n");
  s = report_html_stmt(w, zSqlDriftTenants);
  while( s && report_html_row(w, s) ){
    char *zKey = mem_strdup(report_html_col(s, 1));
    int64_t iTenant = sqlite3_column_int64(s, 0);
    if( zKey==NULL ){ w->rc = -1; sqlite3_reset(s); break; }
    /* The chart steps other statements; this one stays on its row. */
    report_html_drift_chart(w, iTenant, zKey);
    mem_free(zKey);
    n++;
  }
  if( n==0 ) strbuf_append(&w->sb, "<p>No drift samples were recorded.</p>\n");
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ cycles */

static const char zSqlJobs[] =
  "SELECT idx, key FROM jobs ORDER BY idx";
static const char zSqlCycles[] =
  "SELECT cycle_id, kind, began, coalesce(ended, ?2), ended IS NULL, state, error_code,"
  " count_exported, count_escrowed FROM cycles WHERE job=?1 ORDER BY began, id";
static const char zSqlQuarantines[] =
  "SELECT reason, began, coalesce(ended, ?2), ended IS NULL, series_count, ended_by"
  " FROM quarantines WHERE job=?1 ORDER BY began, id";
/* Paused spans: a pause_job action until the job's next start or restart. */
static const char zSqlPaused[] =
  "SELECT p.at, coalesce((SELECT min(s.at) FROM timeline s WHERE s.at>=p.at AND s.seq>p.seq"
  "   AND s.job=p.job AND s.action IN ('start_job','restart_job','allow_deletes')), ?2)"
  " FROM timeline p JOIN jobs j ON j.idx=p.job WHERE p.action='pause_job' AND j.key=?1"
  " ORDER BY p.seq";

#define CYC_H    100
#define CYC_TOP   10
#define CYC_BAR0  26   /* bars */
#define CYC_BAR1  56
#define CYC_AXIS  66

/* A shaded span [t0, t1] with a tooltip: class zClass, zWhat then the
** escaped zDetail. */
static void report_html_span(HtmlOut *w, const char *zClass, int64_t t0, int64_t t1,
                             int64_t y0, int64_t y1, const char *zWhat, const char *zDetail){
  int64_t x0 = report_html_x(w->p, t0), x1 = report_html_x(w->p, t1);
  if( x1<=x0 ) x1 = x0+1;
  strbuf_printf(&w->sb, "<rect class=\"%s\" x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"%lld\">"
                "<title>%s", zClass, (long long)x0, (long long)y0, (long long)(x1-x0),
                (long long)(y1-y0), zWhat);
  report_html_esc(&w->sb, zDetail);
  strbuf_append(&w->sb, " (");
  report_html_day(w, t0);
  strbuf_append(&w->sb, " to ");
  report_html_day(w, t1);
  strbuf_append(&w->sb, ")</title></rect>\n");
}

static void report_html_cycle_chart(HtmlOut *w, int64_t iJob, const char *zJob){
  sqlite3_stmt *s;
  const int64_t tEnd = w->p->tEnd;
  strbuf_append(&w->sb, "<h3>Job ");
  report_html_esc(&w->sb, zJob);
  strbuf_printf(&w->sb, "</h3>\n<svg class=\"chart cycle-chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                " xmlns=\"http://www.w3.org/2000/svg\"><title>Cycles of job ", HTML_W, CYC_H);
  report_html_esc(&w->sb, zJob);
  strbuf_append(&w->sb, "</title>\n");
  report_html_time_axis(w, CYC_TOP, CYC_AXIS);

  s = report_html_stmt(w, zSqlPaused);
  if( s ){ store_bind_text(s, 1, zJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_row(w, s) ){
    report_html_span(w, "paused", sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                     CYC_TOP, CYC_AXIS, "paused", "");
  }
  s = report_html_stmt(w, zSqlQuarantines);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_row(w, s) ){
    report_html_span(w, "quar", sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
                     CYC_TOP, CYC_AXIS, "quarantine: ", report_html_col(s, 0));
  }
  s = report_html_stmt(w, zSqlCycles);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_row(w, s) ){
    const char *zKind = report_html_col(s, 1);
    const char *zState = report_html_col(s, 5);
    const char *zErr = report_html_col(s, 6);
    int64_t t0 = sqlite3_column_int64(s, 2), t1 = sqlite3_column_int64(s, 3);
    int64_t x0 = report_html_x(w->p, t0), x1 = report_html_x(w->p, t1);
    const char *zClass = (zState && strcmp(zState, "Failed")==0) ? "failed"
                       : (zKind && strcmp(zKind, "initial")==0) ? "initial" : "incremental";
    if( x1<=x0 ) x1 = x0+1;
    strbuf_printf(&w->sb, "<rect class=\"%s\" x=\"%lld\" y=\"%d\" width=\"%lld\" height=\"%d\"><title>",
                  zClass, (long long)x0, CYC_BAR0, (long long)(x1-x0), CYC_BAR1-CYC_BAR0);
    report_html_esc(&w->sb, zKind);
    strbuf_append(&w->sb, " cycle ");
    report_html_esc(&w->sb, report_html_col(s, 0));
    strbuf_append(&w->sb, " ");
    report_html_day(w, t0);
    strbuf_append(&w->sb, sqlite3_column_int(s, 4) ? " (unfinished)" : " to ");
    if( !sqlite3_column_int(s, 4) ) report_html_day(w, t1);
    strbuf_append(&w->sb, ": ");
    report_html_esc_or(&w->sb, zState, "running");
    if( zErr ){
      strbuf_append(&w->sb, " ");
      report_html_esc(&w->sb, zErr);
    }
    strbuf_printf(&w->sb, ", %lld exported, %lld escrowed</title></rect>\n",
                  (long long)sqlite3_column_int64(s, 7), (long long)sqlite3_column_int64(s, 8));
  }
  strbuf_append(&w->sb, "</svg>\n");
}

static void report_html_cycles(HtmlOut *w){
  sqlite3_stmt *s;
  strbuf_append(&w->sb, "<section id=\"cycles\">\n<h2>Cycles</h2>\n<p class=\"legend\">"
                "<span><i style=\"background:#1f883d\"></i>initial cycle</span>"
                "<span><i style=\"background:#54aeff\"></i>incremental cycle</span>"
                "<span><i style=\"background:#cf222e\"></i>failed cycle</span>"
                "<span><i style=\"background:#fb8f44;opacity:.5\"></i>quarantined</span>"
                "<span><i style=\"background:#8c959f;opacity:.5\"></i>paused</span></p>\n");
  s = report_html_stmt(w, zSqlJobs);
  while( s && report_html_row(w, s) ){
    char *zJob = mem_strdup(report_html_col(s, 1));
    int64_t iJob = sqlite3_column_int64(s, 0);
    if( zJob==NULL ){ w->rc = -1; sqlite3_reset(s); break; }
    report_html_cycle_chart(w, iJob, zJob);
    mem_free(zJob);
  }
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ latency */

static const char zSqlLatency[] =
  "SELECT converged_at-at FROM changes WHERE outcome='converged' ORDER BY 1";

#define HIST_H    210
#define HIST_TOP   20
#define HIST_BOT  170

/* The smallest round bin width (1 s ... 28 d) that fits [0, nMax] into
** nBins bins. */
static int64_t report_html_bin_width(int64_t nMax, int nBins){
  static const int64_t a[] = {
    1, 5, 10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200,
    86400, 172800, 604800, 1209600, 2419200,
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++) if( (nMax+a[i])/a[i] <= nBins ) return a[i];
  return (nMax + nBins)/nBins + 1;
}

static void report_html_latency(HtmlOut *w){
  const Report *p = w->p;
  const ReportLatency *l = &p->conv.lat;
  int64_t aBin[HTML_HIST_BINS+1];
  int64_t nWidth, nPeak = 1, nTotal = 0, nOpen = l->nCensored;
  const int64_t wBar = (HTML_W-HTML_PAD_L-HTML_PAD_R)/(HTML_HIST_BINS+1);
  sqlite3_stmt *s;
  char z[32];
  int i, nBins;
  strbuf_append(&w->sb, "<section id=\"latency\">\n<h2>Convergence latency</h2>\n<p>");
  strbuf_printf(&w->sb, "<span id=\"hist-converged\">%lld</span> changes converged (the latency"
                " samples); <span id=\"hist-open\">%lld</span> were still open at the end"
                " (<span id=\"hist-held\">%lld</span> held by the service, <span id=\"hist-never\">%lld</span>"
                " never converged) and count as longer than the run; %lld were reverted at the"
                " source and %lld superseded by a later change, which are no samples.</p>\n",
                (long long)p->conv.nConverged, (long long)nOpen, (long long)p->conv.nHeld,
                (long long)p->conv.nNever, (long long)p->conv.nReverted,
                (long long)p->conv.nSuperseded);
  if( l->n + nOpen==0 ){
    strbuf_append(&w->sb, "<p>No change to measure.</p>\n</section>\n");
    return;
  }
  nWidth = report_html_bin_width(l->n ? l->max : 0, HTML_HIST_BINS);
  nBins = (int)((l->n ? l->max : 0)/nWidth) + 1;
  if( nBins>HTML_HIST_BINS ) nBins = HTML_HIST_BINS;
  memset(aBin, 0, sizeof(aBin));
  s = report_html_stmt(w, zSqlLatency);
  while( s && report_html_row(w, s) ){
    int64_t v = sqlite3_column_int64(s, 0), k;
    if( v<0 ) v = 0;
    k = v/nWidth;
    if( k>=nBins ) k = nBins-1;
    aBin[k]++;
    nTotal++;
  }
  aBin[nBins] = nOpen;
  for(i=0; i<=nBins; i++) if( aBin[i]>nPeak ) nPeak = aBin[i];
  strbuf_printf(&w->sb, "<svg class=\"chart latency-chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                " xmlns=\"http://www.w3.org/2000/svg\" data-total=\"%lld\"><title>Histogram of"
                " convergence latency</title>\n", HTML_W, HIST_H, (long long)nTotal);
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
                HTML_PAD_L, HIST_BOT, HTML_W-HTML_PAD_R, HIST_BOT, HTML_PAD_L, HIST_TOP,
                HTML_PAD_L, HIST_BOT, HTML_PAD_L-6, HIST_TOP+4, (long long)nPeak,
                HTML_PAD_L-6, HIST_BOT+4);
  for(i=0; i<=nBins; i++){
    int bOpen = i==nBins;
    int64_t x = HTML_PAD_L + i*wBar;
    int64_t h = aBin[i]*(HIST_BOT-HIST_TOP)/nPeak;
    if( bOpen && nOpen==0 ) break;
    if( bOpen ){
      strbuf_printf(&w->sb, "<g><title>%lld changes still open at the end (held or never"
                    " converged)</title><rect class=\"open\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                    " height=\"%lld\"/>", (long long)nOpen, (long long)(x+2), (long long)(HIST_BOT-h),
                    (long long)(wBar-4), (long long)h);
    }else{
      strbuf_printf(&w->sb, "<g><title>%lld changes with latency ", (long long)aBin[i]);
      report_html_dur(&w->sb, i*nWidth);
      strbuf_append(&w->sb, " to ");
      report_html_dur(&w->sb, (i+1)*nWidth);
      strbuf_printf(&w->sb, "</title><rect class=\"bar\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                    " height=\"%lld\"/>", (long long)(x+2), (long long)(HIST_BOT-h),
                    (long long)(wBar-4), (long long)h);
    }
    if( aBin[i] ){
      strbuf_printf(&w->sb, "<text x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">%s</text>",
                    (long long)(x+wBar/2), (long long)(HIST_BOT-h-4),
                    report_format_count(aBin[i], z, sizeof(z)));
    }
    strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%lld\" y=\"%d\">", (long long)(x+2), HIST_BOT+14);
    if( bOpen ) strbuf_append(&w->sb, "open at the end");
    else if( i%2==0 ) report_html_dur(&w->sb, i*nWidth);
    strbuf_append(&w->sb, "</text></g>\n");
  }
  strbuf_printf(&w->sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">latency from the source"
                " change to the matching target (bins of ", (HTML_W)/2, HIST_BOT+34);
  report_html_dur(&w->sb, nWidth);
  strbuf_append(&w->sb, "; the dashed bar: still open at the end)</text>\n</svg>\n<p>p50 ");
  report_html_esc(&w->sb, report_format_quantile(l, l->p50, l->bCensor50, z, sizeof(z)));
  strbuf_append(&w->sb, ", p95 ");
  report_html_esc(&w->sb, report_format_quantile(l, l->p95, l->bCensor95, z, sizeof(z)));
  strbuf_append(&w->sb, ", max ");
  report_html_esc(&w->sb, report_format_quantile(l, l->max, l->bCensorMax, z, sizeof(z)));
  if( l->nCensored ){
    int64_t nPm = report_censored_permille(l);
    strbuf_printf(&w->sb, " (%lld.%lld %% of the changes were still open at the end: a quantile"
                  " that falls among them is beyond the end of the run)",
                  (long long)(nPm/10), (long long)(nPm%10));
  }
  strbuf_append(&w->sb, ".</p>\n</section>\n");
}

/* ============================================================ orphans */

/* A table of accounts left behind (class zClass), the first
** HTML_ORPHAN_ROWS of them. */
static void report_html_accounts(HtmlOut *w, const char *zClass, const ReportOrphan *a, int nAll){
  int i, n = nAll<HTML_ORPHAN_ROWS ? nAll : HTML_ORPHAN_ROWS;
  if( nAll==0 ) return;
  strbuf_printf(&w->sb, "<table class=\"%s\"><tr><th>User</th>"
                "<th>User principal name</th><th>Target</th><th>Job</th><th>Reason</th>"
                "<th>Source state</th><th>Since</th><th>Age</th></tr>\n", zClass);
  for(i=0; i<n; i++){
    const ReportOrphan *o = &a[i];
    strbuf_append(&w->sb, "<tr><td>");
    report_html_esc(&w->sb, o->zDisplayName);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, o->zUpn);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, o->zTargetTenant);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc_or(&w->sb, o->zJob, "&#8212;");
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, o->zReason);
    strbuf_append(&w->sb, "</td><td>");
    report_html_esc(&w->sb, o->zSourceState);
    strbuf_append(&w->sb, "</td><td>");
    if( o->zJob==NULL && o->tSince==0 ) strbuf_append(&w->sb, "before the run");
    else report_html_instant(w, o->tSince);
    strbuf_append(&w->sb, "</td><td class=\"n\">");
    report_html_dur(&w->sb, o->nAge);
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  strbuf_append(&w->sb, "</table>\n");
  if( n<nAll ){
    strbuf_printf(&w->sb, "<p class=\"muted\">... %d more (see the JSON report).</p>\n", nAll-n);
  }
}

static void report_html_orphans(HtmlOut *w){
  const Report *p = w->p;
  int i;
  strbuf_printf(&w->sb, "<section id=\"orphans\">\n<h2>Orphaned guest accounts"
                " (<span id=\"orphans-total\">%d</span>)</h2>\n", p->nOrphan);
  if( p->nOrphan==0 ){
    strbuf_append(&w->sb, "<p>None: every live B2B user a job linked is justified by its"
                  " source.</p>\n");
  }else{
    strbuf_append(&w->sb, "<table class=\"by-reason\"><tr><th>Reason</th><th>Accounts</th></tr>\n");
    for(i=0; i<p->nOrphanReason; i++){
      strbuf_append(&w->sb, "<tr><td>");
      report_html_esc(&w->sb, p->aOrphanReason[i].zName);
      strbuf_append(&w->sb, "</td><td class=\"n\">");
      report_html_count(w, p->aOrphanReason[i].n);
      strbuf_append(&w->sb, "</td></tr>\n");
    }
    strbuf_append(&w->sb, "</table>\n");
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

/* ============================================================ jobs */

static const char zSqlJobExtra[] =
  "SELECT (SELECT count(*) FROM escrows e WHERE e.job=j.idx), escrows_pruned"
  " FROM jobs j WHERE key=?1";
static const char zSqlJobQuar[] =
  "SELECT q.reason, q.began, q.ended, q.series_count, q.ended_by FROM quarantines q"
  " JOIN jobs j ON j.idx=q.job WHERE j.key=?1 ORDER BY q.began, q.id";

static void report_html_job_row(HtmlOut *w, const ReportJob *j){
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<tr><td>");
  report_html_esc(&w->sb, j->zJob);
  strbuf_append(&w->sb, "</td><td>");
  report_html_esc(&w->sb, j->zStatus);
  if( j->zGateError ){
    strbuf_append(&w->sb, "<br><span class=\"bad\">");
    report_html_esc(&w->sb, j->zGateError);
    strbuf_append(&w->sb, "</span>");
  }
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_count(w, j->nCycTotal);
  strbuf_append(&w->sb, "<br><span class=\"muted\">");
  report_html_count(w, j->nCycInitial);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nCycIncremental);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nCycFailed);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nCycUnfinished);
  strbuf_append(&w->sb, "</span></td><td class=\"n\">");
  report_html_count(w, j->nCreate);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nUpdate);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nDisable);
  strbuf_append(&w->sb, " / ");
  report_html_count(w, j->nDelete);
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_count(w, j->nSkipped);
  strbuf_append(&w->sb, "</td><td class=\"n\">");
  report_html_count(w, j->nFailures);
  strbuf_append(&w->sb, "</td>");
  s = report_html_stmt(w, zSqlJobExtra);
  if( s ) store_bind_text(s, 1, j->zJob);
  if( s && report_html_row(w, s) ){
    strbuf_printf(&w->sb, "<td class=\"n\">%lld open, %lld pruned</td>",
                  (long long)sqlite3_column_int64(s, 0), (long long)sqlite3_column_int64(s, 1));
    sqlite3_reset(s);
  }else{
    strbuf_append(&w->sb, "<td></td>");
  }
  strbuf_append(&w->sb, "<td>");
  s = report_html_stmt(w, zSqlJobQuar);
  if( s ) store_bind_text(s, 1, j->zJob);
  while( s && report_html_row(w, s) ){
    if( n++ ) strbuf_append(&w->sb, "<br>");
    report_html_esc(&w->sb, report_html_col(s, 0));
    strbuf_append(&w->sb, " ");
    report_html_instant(w, sqlite3_column_int64(s, 1));
    strbuf_append(&w->sb, " &#8211; ");
    if( sqlite3_column_type(s, 2)==SQLITE_NULL ){
      strbuf_append(&w->sb, "(still quarantined)");
    }else{
      report_html_instant(w, sqlite3_column_int64(s, 2));
      if( report_html_col(s, 4) ){
        strbuf_append(&w->sb, " by ");
        report_html_esc(&w->sb, report_html_col(s, 4));
      }
    }
  }
  if( n==0 ) strbuf_append(&w->sb, "<span class=\"muted\">never</span>");
  strbuf_append(&w->sb, "</td></tr>\n");
  if( j->prob.zKind ){
    strbuf_append(&w->sb, "<tr class=\"problem\"><td></td><td colspan=\"7\"><span class=\"bad\">"
                  "&#9888; ");
    report_html_esc(&w->sb, j->zJob);
    strbuf_append(&w->sb, " ");
    report_html_esc(&w->sb, j->prob.zCause);
    strbuf_append(&w->sb, ".</span>");
    if( j->prob.zMessage ){
      strbuf_append(&w->sb, " <code>");
      report_html_esc(&w->sb, j->prob.zCode);
      strbuf_append(&w->sb, "</code>: &#8220;");
      report_html_esc(&w->sb, j->prob.zMessage);
      strbuf_append(&w->sb, "&#8221;");
    }
    strbuf_append(&w->sb, " <b>Fix:</b> ");
    report_html_esc(&w->sb, j->prob.zFix);
    strbuf_append(&w->sb, ".</td></tr>\n");
  }
}

static void report_html_jobs(HtmlOut *w){
  int i;
  strbuf_append(&w->sb, "<section id=\"jobs\">\n<h2>Job status</h2>\n<table class=\"jobs\"><tr>"
                "<th>Job</th><th>Status</th><th>Cycles<br><span class=\"muted\">initial /"
                " incremental / failed / unfinished</span></th><th>Exports<br><span class=\"muted\">"
                "create / update / disable / delete</span></th><th>Skipped</th><th>Failures</th>"
                "<th>Escrows</th><th>Quarantine history</th></tr>\n");
  for(i=0; i<w->p->nJob; i++) report_html_job_row(w, &w->p->aJob[i]);
  strbuf_append(&w->sb, "</table>\n</section>\n");
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
  { "InvitationCreationFailureInvalidPropertyValue", "Invalid primary SMTP address, userType"
    " not Guest/Member, or mail equal to a group's: fix the source mail or the mapping." },
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

static const char zSqlErrors[] =
  "SELECT code, sum(nObj), sum(nCyc) FROM ("
  "  SELECT error_code code, 1 nObj, 0 nCyc FROM provisioning_log WHERE error_code IS NOT NULL"
  "    AND status IN ('failure','warning')"
  "  UNION ALL SELECT error_code, 0, 1 FROM cycles WHERE error_code IS NOT NULL)"
  " GROUP BY code ORDER BY sum(nObj)+sum(nCyc) DESC, code LIMIT 15";   /* the top ones */

static void report_html_errors(HtmlOut *w){
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<section id=\"errors\">\n<h2>Top errors</h2>\n");
  s = report_html_stmt(w, zSqlErrors);
  while( s && report_html_row(w, s) ){
    const char *zCode = report_html_col(s, 0);
    const char *zAdvice = report_html_advice(zCode);
    if( n++==0 ){
      strbuf_append(&w->sb, "<table class=\"errors\"><tr><th>Error code</th><th>Objects</th>"
                    "<th>Cycles</th><th>Recommended action</th></tr>\n");
    }
    strbuf_append(&w->sb, "<tr><td><code>");
    report_html_esc(&w->sb, zCode);
    strbuf_printf(&w->sb, "</code></td><td class=\"n\">%lld</td><td class=\"n\">%lld</td><td>",
                  (long long)sqlite3_column_int64(s, 1), (long long)sqlite3_column_int64(s, 2));
    report_html_esc_or(&w->sb, zAdvice, "Not a documented cross-tenant sync code: see the"
                       " provisioning log entries.");
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  if( n ) strbuf_append(&w->sb, "</table>\n");
  else strbuf_append(&w->sb, "<p>No provisioning or cycle errors.</p>\n");
  strbuf_append(&w->sb, "</section>\n");
}

/* ============================================================ timeline */

/* The narrative: each timeline action (numbered as on the charts) with
** what followed for each job, and the service's events, in time order. */
static void report_html_timeline(HtmlOut *w){
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
      report_html_esc(&w->sb, l->zJob);
      strbuf_append(&w->sb, "</b>: ");
      report_html_esc(&w->sb, zText);
      strbuf_append(&w->sb, "</li>\n");
      continue;
    }
    if( bOpen ){ strbuf_append(&w->sb, "</ul>\n"); bOpen = 0; }
    if( n>0 ) strbuf_append(&w->sb, "</li>\n");
    n++;
    strbuf_append(&w->sb, "<li>");
    report_html_instant(w, l->t);
    strbuf_append(&w->sb, " &#8212; ");
    if( l->iSeq>0 ){
      strbuf_printf(&w->sb, "<span class=\"seq\">#%lld</span> ", (long long)l->iSeq);
      report_html_esc(&w->sb, l->zSummary);
      if( l->zNote ){
        strbuf_append(&w->sb, " &#8212; <i>");
        report_html_esc(&w->sb, l->zNote);
        strbuf_append(&w->sb, "</i>");
      }
      if( zText[0] ){
        strbuf_append(&w->sb, "; ");
        report_html_esc(&w->sb, zText);
      }
    }else{
      strbuf_append(&w->sb, "<span class=\"muted\">service:</span> ");
      if( l->zJob ){
        strbuf_append(&w->sb, "job ");
        report_html_esc(&w->sb, l->zJob);
        strbuf_append(&w->sb, " ");
      }
      report_html_esc(&w->sb, zText);
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

/* ============================================================ API */

int report_html_write(const Report *p, Store *pStore, FILE *out){
  HtmlOut w;
  int rc = -1;
  memset(&w, 0, sizeof(w));
  strbuf_init(&w.sb);
  w.pStore = pStore;
  w.p = p;
  report_html_header(&w);
  report_html_drift(&w);
  report_html_cycles(&w);
  report_html_latency(&w);
  report_html_orphans(&w);
  report_html_jobs(&w);
  report_html_errors(&w);
  report_html_timeline(&w);
  strbuf_append(&w.sb, "<footer class=\"muted\"><p>Generated by tenantsim from the run database"
                " alone; simulated times are from the scenario start.</p></footer>\n"
                "</body>\n</html>\n");
  if( w.rc ) goto out_free;
  rc = strbuf_write(&w.sb, out);
out_free:
  strbuf_free(&w.sb);
  return rc;
}
