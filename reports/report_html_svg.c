/*
** report_html_svg.c — the HTML page's SVG charts (report_htmlInt.h):
** drift over time per target tenant with the timeline actions and the
** in-step instant marked; a cycle timeline per job (cycles as bars,
** quarantine and paused spans shaded); the histogram of the latency of
** converged changes beside the changes still open. Time axes are ticked at
** whole days or hours.
**
** The series the Report lacks (metric samples, cycles, quarantines,
** timeline, change latencies) are read from the store with statements kept
** next to the chart that uses them. Coordinates are computed in int64
** arithmetic, so a database always gives the same bytes.
*/
#include <string.h>
#include "mem.h"
#include "simtime.h"
#include "report_htmlInt.h"

#define HTML_HIST_BINS    12   /* latency histogram bars */

/* ============================================================ axes */

/* x coordinate of simulated time t on a chart spanning [0, tEnd]. */
int64_t report_html_svg_x(const Report *p, int64_t t){
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
void report_html_svg_time_axis(HtmlOut *w, int64_t yTop, int64_t yAxis){
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
    int64_t x = report_html_svg_x(p, t);
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
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlTimeline);
  while( s && report_html_fmt_row(w, s) ){
    int64_t x = report_html_svg_x(w->p, sqlite3_column_int64(s, 1));
    strbuf_printf(&w->sb, "<g><title>#%lld at ", (long long)sqlite3_column_int64(s, 0));
    report_html_fmt_day(w, sqlite3_column_int64(s, 1));
    strbuf_append(&w->sb, ": ");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 2));
    strbuf_append(&w->sb, " — ");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 3));
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
  s = report_html_fmt_stmt(w, zSqlDriftMax);
  if( s==NULL ) return;
  sqlite3_bind_int64(s, 1, iTenant);
  if( report_html_fmt_row(w, s) ){ nMax = sqlite3_column_int64(s, 0); sqlite3_reset(s); }
  if( nMax<1 ) nMax = 1;
  strbuf_append(&w->sb, "<h3>Target tenant ");
  report_html_fmt_esc(&w->sb, zKey);
  strbuf_printf(&w->sb, "</h3>\n<svg class=\"chart drift-chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                " xmlns=\"http://www.w3.org/2000/svg\"><title>Drift in ", HTML_W, DRIFT_H);
  report_html_fmt_esc(&w->sb, zKey);
  strbuf_append(&w->sb, " over time</title>\n");
  report_html_svg_time_axis(w, DRIFT_TOP, DRIFT_BOT);
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%lld</text>"
                "<text class=\"tick\" x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
                HTML_PAD_L, DRIFT_TOP, HTML_PAD_L, DRIFT_BOT,
                HTML_PAD_L-6, DRIFT_TOP+4, (long long)nMax, HTML_PAD_L-6, DRIFT_BOT+4);
  report_html_action_marks(w, DRIFT_TOP, DRIFT_BOT);
  /* Drift holds between samples: draw it as a step line. */
  strbuf_append(&w->sb, "<polyline class=\"drift\" points=\"");
  s = report_html_fmt_stmt(w, zSqlDriftSeries);
  if( s ) sqlite3_bind_int64(s, 1, iTenant);
  while( s && report_html_fmt_row(w, s) ){
    int64_t x = report_html_svg_x(w->p, sqlite3_column_int64(s, 0));
    int64_t y = DRIFT_BOT - sqlite3_column_int64(s, 1)*hPlot/nMax;
    if( !bFirst && y!=yPrev ) strbuf_printf(&w->sb, " %lld,%lld", (long long)x, (long long)yPrev);
    strbuf_printf(&w->sb, "%s%lld,%lld", bFirst ? "" : " ", (long long)x, (long long)y);
    bFirst = 0;
    yPrev = y;
  }
  if( !bFirst ){
    strbuf_printf(&w->sb, " %lld,%lld", (long long)report_html_svg_x(w->p, w->p->tEnd),
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
      x = report_html_svg_x(w->p, t->tInStep);
      strbuf_append(&w->sb, "<g><title>in step from ");
      report_html_fmt_day(w, t->tInStep);
      strbuf_printf(&w->sb, " to the end</title><line class=\"instep\" x1=\"%lld\" y1=\"%d\""
                    " x2=\"%lld\" y2=\"%d\"/><text x=\"%lld\" y=\"%d\" fill=\"#1a7f37\">"
                    "&#10003; in step</text></g>\n", (long long)x, DRIFT_TOP, (long long)x, DRIFT_BOT,
                    (long long)(x+4), DRIFT_TOP+12);
    }
  }
  strbuf_append(&w->sb, "</svg>\n");
}

void report_html_svg_drift(HtmlOut *w){
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<section id=\"drift\">\n<h2>Drift over time</h2>\n"
                "<p class=\"muted\">Pairs whose target differs from the desired state, per target"
                " tenant. Dashed lines are timeline actions (numbered as in the narrative"
                " below); a green line marks the instant the target came into step for good.</p>\n");
  s = report_html_fmt_stmt(w, zSqlDriftTenants);
  while( s && report_html_fmt_row(w, s) ){
    char *zKey = mem_strdup(report_html_fmt_col(s, 1));
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
  int64_t x0 = report_html_svg_x(w->p, t0), x1 = report_html_svg_x(w->p, t1);
  if( x1<=x0 ) x1 = x0+1;
  strbuf_printf(&w->sb, "<rect class=\"%s\" x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"%lld\">"
                "<title>%s", zClass, (long long)x0, (long long)y0, (long long)(x1-x0),
                (long long)(y1-y0), zWhat);
  report_html_fmt_esc(&w->sb, zDetail);
  strbuf_append(&w->sb, " (");
  report_html_fmt_day(w, t0);
  strbuf_append(&w->sb, " to ");
  report_html_fmt_day(w, t1);
  strbuf_append(&w->sb, ")</title></rect>\n");
}

static void report_html_cycle_chart(HtmlOut *w, int64_t iJob, const char *zJob){
  sqlite3_stmt *s;
  const int64_t tEnd = w->p->tEnd;
  strbuf_append(&w->sb, "<h3>Job ");
  report_html_fmt_esc(&w->sb, zJob);
  strbuf_printf(&w->sb, "</h3>\n<svg class=\"chart cycle-chart\" viewBox=\"0 0 %d %d\" role=\"img\""
                " xmlns=\"http://www.w3.org/2000/svg\"><title>Cycles of job ", HTML_W, CYC_H);
  report_html_fmt_esc(&w->sb, zJob);
  strbuf_append(&w->sb, "</title>\n");
  report_html_svg_time_axis(w, CYC_TOP, CYC_AXIS);

  s = report_html_fmt_stmt(w, zSqlPaused);
  if( s ){ store_bind_text(s, 1, zJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    report_html_span(w, "paused", sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                     CYC_TOP, CYC_AXIS, "paused", "");
  }
  s = report_html_fmt_stmt(w, zSqlQuarantines);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    report_html_span(w, "quar", sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
                     CYC_TOP, CYC_AXIS, "quarantine: ", report_html_fmt_col(s, 0));
  }
  s = report_html_fmt_stmt(w, zSqlCycles);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    const char *zKind = report_html_fmt_col(s, 1);
    const char *zState = report_html_fmt_col(s, 5);
    const char *zErr = report_html_fmt_col(s, 6);
    int64_t t0 = sqlite3_column_int64(s, 2), t1 = sqlite3_column_int64(s, 3);
    int64_t x0 = report_html_svg_x(w->p, t0), x1 = report_html_svg_x(w->p, t1);
    const char *zClass = (zState && strcmp(zState, "Failed")==0) ? "failed"
                       : (zKind && strcmp(zKind, "initial")==0) ? "initial" : "incremental";
    if( x1<=x0 ) x1 = x0+1;
    strbuf_printf(&w->sb, "<rect class=\"%s\" x=\"%lld\" y=\"%d\" width=\"%lld\" height=\"%d\"><title>",
                  zClass, (long long)x0, CYC_BAR0, (long long)(x1-x0), CYC_BAR1-CYC_BAR0);
    report_html_fmt_esc(&w->sb, zKind);
    strbuf_append(&w->sb, " cycle ");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 0));
    strbuf_append(&w->sb, " ");
    report_html_fmt_day(w, t0);
    strbuf_append(&w->sb, sqlite3_column_int(s, 4) ? " (unfinished)" : " to ");
    if( !sqlite3_column_int(s, 4) ) report_html_fmt_day(w, t1);
    strbuf_append(&w->sb, ": ");
    report_html_fmt_esc_or(&w->sb, zState, "running");
    if( zErr ){
      strbuf_append(&w->sb, " ");
      report_html_fmt_esc(&w->sb, zErr);
    }
    strbuf_printf(&w->sb, ", %lld exported, %lld escrowed</title></rect>\n",
                  (long long)sqlite3_column_int64(s, 7), (long long)sqlite3_column_int64(s, 8));
  }
  strbuf_append(&w->sb, "</svg>\n");
}

void report_html_svg_cycles(HtmlOut *w){
  sqlite3_stmt *s;
  strbuf_append(&w->sb, "<section id=\"cycles\">\n<h2>Cycles</h2>\n<p class=\"legend\">"
                "<span><i style=\"background:#1f883d\"></i>initial cycle</span>"
                "<span><i style=\"background:#54aeff\"></i>incremental cycle</span>"
                "<span><i style=\"background:#cf222e\"></i>failed cycle</span>"
                "<span><i style=\"background:#fb8f44;opacity:.5\"></i>quarantined</span>"
                "<span><i style=\"background:#8c959f;opacity:.5\"></i>paused</span></p>\n");
  s = report_html_fmt_stmt(w, zSqlJobs);
  while( s && report_html_fmt_row(w, s) ){
    char *zJob = mem_strdup(report_html_fmt_col(s, 1));
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

/* Bar i of the histogram (the open bar when bOpen): n changes with a
** latency from i*nWidth to (i+1)*nWidth, drawn to the scale of nPeak. */
static void report_html_hist_bar(HtmlOut *w, int i, int bOpen, int64_t n, int64_t nWidth,
                                 int64_t nPeak){
  const int64_t wBar = (HTML_W-HTML_PAD_L-HTML_PAD_R)/(HTML_HIST_BINS+1);
  int64_t x = HTML_PAD_L + i*wBar;
  int64_t h = n*(HIST_BOT-HIST_TOP)/nPeak;
  char z[REPORT_TEXT_SIZE];
  if( bOpen ){
    strbuf_printf(&w->sb, "<g><title>%lld changes still open at the end (held or never"
                  " converged)</title><rect class=\"open\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                  " height=\"%lld\"/>", (long long)n, (long long)(x+2), (long long)(HIST_BOT-h),
                  (long long)(wBar-4), (long long)h);
  }else{
    strbuf_printf(&w->sb, "<g><title>%lld changes with latency ", (long long)n);
    report_html_fmt_dur(&w->sb, i*nWidth);
    strbuf_append(&w->sb, " to ");
    report_html_fmt_dur(&w->sb, (i+1)*nWidth);
    strbuf_printf(&w->sb, "</title><rect class=\"bar\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                  " height=\"%lld\"/>", (long long)(x+2), (long long)(HIST_BOT-h),
                  (long long)(wBar-4), (long long)h);
  }
  if( n ){
    strbuf_printf(&w->sb, "<text x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">%s</text>",
                  (long long)(x+wBar/2), (long long)(HIST_BOT-h-4),
                  report_format_count(n, z, sizeof(z)));
  }
  strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%lld\" y=\"%d\">", (long long)(x+2), HIST_BOT+14);
  if( bOpen ) strbuf_append(&w->sb, "open at the end");
  else if( i%2==0 ) report_html_fmt_dur(&w->sb, i*nWidth);
  strbuf_append(&w->sb, "</text></g>\n");
}

/* The histogram: converged changes in nBins bins of nWidth seconds, then
** the bar of the nOpen changes still open (none when nOpen is 0). */
static void report_html_hist(HtmlOut *w, int64_t nWidth, int nBins, int64_t nOpen){
  int64_t aBin[HTML_HIST_BINS+1];
  int64_t nPeak = 1, nTotal = 0;
  sqlite3_stmt *s;
  int i;
  memset(aBin, 0, sizeof(aBin));
  s = report_html_fmt_stmt(w, zSqlLatency);
  while( s && report_html_fmt_row(w, s) ){
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
    if( i==nBins && nOpen==0 ) break;
    report_html_hist_bar(w, i, i==nBins, aBin[i], nWidth, nPeak);
  }
  strbuf_printf(&w->sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">latency from the source"
                " change to the matching target (bins of ", (HTML_W)/2, HIST_BOT+34);
  report_html_fmt_dur(&w->sb, nWidth);
  strbuf_append(&w->sb, "; the dashed bar: still open at the end)</text>\n</svg>\n");
}

void report_html_svg_latency(HtmlOut *w){
  const Report *p = w->p;
  const ReportLatency *l = &p->conv.lat;
  int64_t nWidth, nOpen = l->nCensored;
  char z[REPORT_TEXT_SIZE];
  int nBins;
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
  report_html_hist(w, nWidth, nBins, nOpen);
  strbuf_append(&w->sb, "<p>p50 ");
  report_html_fmt_esc(&w->sb, report_format_quantile(l, l->p50, l->bCensor50, z, sizeof(z)));
  strbuf_append(&w->sb, ", p95 ");
  report_html_fmt_esc(&w->sb, report_format_quantile(l, l->p95, l->bCensor95, z, sizeof(z)));
  strbuf_append(&w->sb, ", max ");
  report_html_fmt_esc(&w->sb, report_format_quantile(l, l->max, l->bCensorMax, z, sizeof(z)));
  if( l->nCensored ){
    int64_t nPm = report_censored_permille(l);
    strbuf_printf(&w->sb, " (%lld.%lld %% of the changes were still open at the end: a quantile"
                  " that falls among them is beyond the end of the run)",
                  (long long)(nPm/10), (long long)(nPm%10));
  }
  strbuf_append(&w->sb, ".</p>\n</section>\n");
}
