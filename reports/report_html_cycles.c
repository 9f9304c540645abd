/*
** report_html_cycles.c — the HTML page's cycles section
** (report_htmlInt.h): a timeline per job with one row per kind of mark, so
** that position and the row's name tell them apart as well as colour:
**   faults       the target's fault windows, hatched bands over the chart
**                (only when the target has any), labelled with their kind;
**   job state    quarantine (hatched ///) and paused (hatched \\\) spans;
**   initial      initial cycles;
**   incremental  incremental (and on-demand) cycles;
**   failed       failed cycles of either kind (cross-hatched).
** A row with more cycles than the plot has room for (HTML_CYC_DENSE) is
** aggregated: one bar per whole hour, hours or days of the UTC clock
** (the smallest step that leaves a bar CYC_BUCKET_W units), its tooltip
** the count; a note under the chart says so. An initial cycle among 1,438
** incremental ones therefore stays visible in its own row.
**
** Reads the cycles, quarantines, timeline and faults tables; coordinates
** are int64, so a database always gives the same bytes.
*/
#include <string.h>
#include "mem.h"
#include "simtime.h"
#include "report_htmlInt.h"

static const char zSqlJobs[] =
  "SELECT idx, key, target FROM jobs ORDER BY idx";
static const char zSqlCounts[] =
  "SELECT count(*), coalesce(sum(kind='initial'),0), coalesce(sum(state='Failed'),0)"
  " FROM cycles WHERE job=?1";
static const char zSqlCycles[] =
  "SELECT cycle_id, kind, began, coalesce(ended, ?2), ended IS NULL, state, error_code,"
  " count_exported, count_escrowed FROM cycles WHERE job=?1 ORDER BY began, id";
static const char zSqlQuarantines[] =
  "SELECT reason, began, coalesce(ended, ?2), ended IS NULL FROM quarantines WHERE job=?1"
  " ORDER BY began, id";
/* Paused spans: a pause_job action until the job's next start or restart. */
static const char zSqlPaused[] =
  "SELECT p.at, coalesce((SELECT min(s.at) FROM timeline s WHERE s.at>=p.at AND s.seq>p.seq"
  "   AND s.job=p.job AND s.action IN ('start_job','restart_job','allow_deletes')), ?2)"
  " FROM timeline p JOIN jobs j ON j.idx=p.job WHERE p.action='pause_job' AND j.key=?1"
  " ORDER BY p.seq";

#define CYC_LANE        13   /* a row's height */
#define CYC_GAP          3
#define CYC_FAULT_LANE  26   /* two rows of fault labels */
#define CYC_BUCKET_W     4   /* an aggregated bar is at least this wide */
#define CYC_MAX_BUCKETS 256
/* A row is aggregated when it has more cycles than this: one per 4 units. */
#define HTML_CYC_DENSE ((HTML_W-HTML_PAD_L-HTML_PAD_R)/CYC_BUCKET_W)

enum { LANE_INITIAL, LANE_INCREMENTAL, LANE_FAILED, LANE_N };

static const char *const azLaneName[LANE_N] = { "initial", "incremental", "failed" };

/* One cycle chart: where its rows are and how each cycle row is drawn. */
typedef struct CycChart {
  int64_t yFault, yState, aY[LANE_N], yAxis;
  int bFault;
  int64_t nBucket;                 /* seconds per aggregated bar */
  int64_t tFirstBucket;            /* start of bar 0, seconds from the run start */
  int aDense[LANE_N];
  int64_t aN[LANE_N];              /* cycles per row */
  int64_t aaBucket[LANE_N][CYC_MAX_BUCKETS];
} CycChart;

/* The bar width for aggregated rows: the smallest whole step of the UTC
** clock (1, 2, 3, 6, 12 hours, 1, 2, 7, 14, 28 days) whose bars are at least
** CYC_BUCKET_W units wide, so a run has at most HTML_CYC_DENSE of them. */
static int64_t report_html_cycles_bucket(const Report *p){
  static const int64_t aStep[] = {
    SIMTIME_HOUR, 2*SIMTIME_HOUR, 3*SIMTIME_HOUR, 6*SIMTIME_HOUR, 12*SIMTIME_HOUR,
    SIMTIME_DAY, 2*SIMTIME_DAY, 7*SIMTIME_DAY, 14*SIMTIME_DAY, 28*SIMTIME_DAY,
  };
  int64_t tEnd = p->tEnd>0 ? p->tEnd : 1;
  size_t i;
  for(i=0; i<sizeof(aStep)/sizeof(aStep[0]); i++){
    if( aStep[i]*(HTML_W-HTML_PAD_L-HTML_PAD_R) >= CYC_BUCKET_W*tEnd ) return aStep[i];
  }
  return (tEnd/HTML_CYC_DENSE + SIMTIME_DAY)/SIMTIME_DAY*SIMTIME_DAY;
}

/* A rect from t0 to t1 in the row at y, at least 2 units wide, of class
** zClass; its tooltip follows (the caller closes it with </title></rect>). */
static void report_html_cycles_rect(HtmlOut *w, const char *zClass, int64_t t0, int64_t t1,
                                    int64_t y){
  int64_t x0 = report_html_svg_x(w->p, t0), x1 = report_html_svg_x(w->p, t1);
  if( x1<x0+2 ) x1 = x0+2;
  strbuf_printf(&w->sb, "<rect class=\"%s\" x=\"%lld\" y=\"%lld\" width=\"%lld\" height=\"%d\"><title>",
                zClass, (long long)x0, (long long)y, (long long)(x1-x0), CYC_LANE);
}

/* A span of the job state row (quarantine or paused): the rect, its
** tooltip, and its word inside it when it fits. */
static void report_html_cycles_span(HtmlOut *w, const CycChart *c, const char *zClass,
                                    const char *zWord, int64_t t0, int64_t t1, int bOpen,
                                    const char *zDetail){
  int64_t x0 = report_html_svg_x(w->p, t0), x1 = report_html_svg_x(w->p, t1);
  strbuf_append(&w->sb, "<g>");
  report_html_cycles_rect(w, zClass, t0, t1, c->yState);
  strbuf_append(&w->sb, zWord);
  if( zDetail ){
    strbuf_append(&w->sb, ": ");
    report_html_fmt_esc(&w->sb, zDetail);
  }
  strbuf_append(&w->sb, " from ");
  report_html_fmt_day(w, t0);
  strbuf_append(&w->sb, bOpen ? " to the end of the run" : " to ");
  if( !bOpen ) report_html_fmt_day(w, t1);
  strbuf_append(&w->sb, "</title></rect>");
  if( x1 - x0 >= report_html_svg_text_w(zWord) + 4 ){
    strbuf_printf(&w->sb, "<text class=\"lbl\" x=\"%lld\" y=\"%lld\">%s</text>", (long long)(x0+3),
                  (long long)(c->yState+11), zWord);
  }
  strbuf_append(&w->sb, "</g>\n");
}

/* The job state row of job zJob: paused, then quarantined spans. */
static void report_html_cycles_state(HtmlOut *w, const CycChart *c, int64_t iJob,
                                     const char *zJob){
  const int64_t tEnd = w->p->tEnd;
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlPaused);
  if( s ){ store_bind_text(s, 1, zJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    int64_t t1 = sqlite3_column_int64(s, 1);
    report_html_cycles_span(w, c, "paused", "paused", sqlite3_column_int64(s, 0), t1, t1>=tEnd,
                            NULL);
  }
  s = report_html_fmt_stmt(w, zSqlQuarantines);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    report_html_cycles_span(w, c, "quar", "quarantined", sqlite3_column_int64(s, 1),
                            sqlite3_column_int64(s, 2), sqlite3_column_int(s, 3),
                            report_html_fmt_col(s, 0));
  }
}

/* One cycle of the current row of s, in row iLane: a bar of its own with
** its tooltip, or a count in its aggregated bar. */
static void report_html_cycles_one(HtmlOut *w, CycChart *c, int iLane, sqlite3_stmt *s){
  int64_t t0 = sqlite3_column_int64(s, 2), t1 = sqlite3_column_int64(s, 3);
  const char *zErr = report_html_fmt_col(s, 6);
  if( c->aDense[iLane] ){
    int64_t k = (t0 - c->tFirstBucket)/c->nBucket;
    if( k>=0 && k<CYC_MAX_BUCKETS ) c->aaBucket[iLane][k]++;
    return;
  }
  report_html_cycles_rect(w, azLaneName[iLane], t0, t1, c->aY[iLane]);
  report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 1));
  strbuf_append(&w->sb, " cycle ");
  report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 0));
  strbuf_append(&w->sb, " ");
  report_html_fmt_day(w, t0);
  strbuf_append(&w->sb, sqlite3_column_int(s, 4) ? " (unfinished)" : " to ");
  if( !sqlite3_column_int(s, 4) ) report_html_fmt_day(w, t1);
  strbuf_append(&w->sb, ": ");
  report_html_fmt_esc_or(&w->sb, report_html_fmt_col(s, 5), "running");
  if( zErr ){
    strbuf_append(&w->sb, " ");
    report_html_fmt_esc(&w->sb, zErr);
  }
  strbuf_printf(&w->sb, ", %lld exported, %lld escrowed</title></rect>\n",
                (long long)sqlite3_column_int64(s, 7), (long long)sqlite3_column_int64(s, 8));
}

/* The aggregated bars of row iLane: one per step that holds cycles. */
static void report_html_cycles_buckets(HtmlOut *w, const CycChart *c, int iLane){
  int64_t k;
  char z[REPORT_TEXT_SIZE];
  for(k=0; k<CYC_MAX_BUCKETS; k++){
    int64_t n = c->aaBucket[iLane][k];
    int64_t t0 = c->tFirstBucket + k*c->nBucket, t1 = t0 + c->nBucket;
    if( n==0 ) continue;
    if( t0<0 ) t0 = 0;
    if( t1>w->p->tEnd ) t1 = w->p->tEnd;
    report_html_cycles_rect(w, azLaneName[iLane], t0, t1, c->aY[iLane]);
    strbuf_printf(&w->sb, "%s %s cycle%s from ", report_format_count(n, z, sizeof(z)),
                  azLaneName[iLane], n==1 ? "" : "s");
    report_html_fmt_day(w, t0);
    strbuf_append(&w->sb, " to ");
    report_html_fmt_day(w, t1);
    strbuf_append(&w->sb, "</title></rect>\n");
  }
}

/* Where each row goes, and which rows are aggregated. */
static void report_html_cycles_layout(HtmlOut *w, CycChart *c, int64_t iJob){
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlCounts);
  int64_t y = 8, tAbs = w->p->tStartEpoch;
  int i;
  if( s ){
    sqlite3_bind_int64(s, 1, iJob);
    if( report_html_fmt_row(w, s) ){
      c->aN[LANE_INITIAL] = sqlite3_column_int64(s, 1);
      c->aN[LANE_INCREMENTAL] = sqlite3_column_int64(s, 0) - c->aN[LANE_INITIAL];
      c->aN[LANE_FAILED] = sqlite3_column_int64(s, 2);
      sqlite3_reset(s);
    }
  }
  c->nBucket = report_html_cycles_bucket(w->p);
  c->tFirstBucket = tAbs/c->nBucket*c->nBucket - tAbs;
  for(i=0; i<LANE_N; i++) c->aDense[i] = c->aN[i] > HTML_CYC_DENSE;
  c->yFault = y;
  if( c->bFault ) y += CYC_FAULT_LANE + CYC_GAP;
  c->yState = y;
  y += CYC_LANE + CYC_GAP;
  for(i=0; i<LANE_N; i++){
    c->aY[i] = y;
    y += CYC_LANE + CYC_GAP;
  }
  c->yAxis = y + 2;
}

/* The names of the rows, right-aligned left of the plot. */
static void report_html_cycles_row_names(HtmlOut *w, const CycChart *c){
  int i;
  if( c->bFault ){
    strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%d\" y=\"%lld\" text-anchor=\"end\">faults</text>\n",
                  HTML_PAD_L-6, (long long)(c->yFault+11));
  }
  strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%d\" y=\"%lld\" text-anchor=\"end\">job state</text>\n",
                HTML_PAD_L-6, (long long)(c->yState+11));
  for(i=0; i<LANE_N; i++){
    strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%d\" y=\"%lld\" text-anchor=\"end\">%s</text>\n",
                  HTML_PAD_L-6, (long long)(c->aY[i]+11), azLaneName[i]);
  }
}

/* The note under a chart with aggregated rows: which, and per what. */
static void report_html_cycles_note(HtmlOut *w, const CycChart *c){
  char z[REPORT_TEXT_SIZE];
  int i, n = 0;
  for(i=0; i<LANE_N; i++){
    if( !c->aDense[i] ) continue;
    strbuf_append(&w->sb, n++ ? "; " : "<p class=\"muted note\">One bar per ");
    if( n==1 ) strbuf_printf(&w->sb, "%s of the UTC clock for ", simtime_format_span(c->nBucket, z, sizeof(z)));
    strbuf_printf(&w->sb, "the %s %s cycles", report_format_count(c->aN[i], z, sizeof(z)),
                  azLaneName[i]);
  }
  if( n ) strbuf_append(&w->sb, " (each bar's tooltip counts them).</p>\n");
}

static void report_html_cycles_chart(HtmlOut *w, int64_t iJob, const char *zJob, int64_t iTarget){
  CycChart *c = mem_malloc(sizeof(CycChart));
  sqlite3_stmt *s;
  int i;
  if( c==NULL ){ w->rc = -1; return; }
  memset(c, 0, sizeof(*c));
  c->bFault = report_html_svg_has_faults(w, iTarget);
  report_html_cycles_layout(w, c, iJob);
  strbuf_append(&w->sb, "<h3>Job ");
  report_html_fmt_esc(&w->sb, zJob);
  strbuf_append(&w->sb, "</h3>\n");
  report_html_svg_open(w, "chart cycle-chart", c->yAxis + 34, "Cycles of job", zJob);
  if( c->bFault ) report_html_svg_faults(w, iTarget, c->yFault, c->yAxis, 2);
  report_html_svg_time_axis(w, c->yFault, c->yAxis);
  report_html_cycles_row_names(w, c);
  report_html_cycles_state(w, c, iJob, zJob);
  s = report_html_fmt_stmt(w, zSqlCycles);
  if( s ){ sqlite3_bind_int64(s, 1, iJob); sqlite3_bind_int64(s, 2, w->p->tEnd); }
  while( s && report_html_fmt_row(w, s) ){
    const char *zKind = report_html_fmt_col(s, 1);
    const char *zState = report_html_fmt_col(s, 5);
    report_html_cycles_one(w, c, zKind && strcmp(zKind, "initial")==0 ? LANE_INITIAL
                                  : LANE_INCREMENTAL, s);
    if( zState && strcmp(zState, "Failed")==0 ) report_html_cycles_one(w, c, LANE_FAILED, s);
  }
  for(i=0; i<LANE_N; i++) if( c->aDense[i] ) report_html_cycles_buckets(w, c, i);
  report_html_svg_close(w);
  report_html_cycles_note(w, c);
  mem_free(c);
}

void report_html_cycles_section(HtmlOut *w){
  static const char *const azLegend[] = {
    "initial", "initial cycle", "incremental", "incremental cycle", "failed", "failed cycle",
    "quar", "quarantined", "paused", "paused", NULL,
  };
  sqlite3_stmt *s;
  strbuf_append(&w->sb, "<section id=\"cycles\">\n<h2>Cycles</h2>\n<p class=\"muted\">Each job's"
                " cycles over simulated time, a row for each kind, so an initial cycle or a"
                " failure shows at any number of cycles.</p>\n");
  report_html_palette_legend(&w->sb, azLegend, report_html_svg_has_faults(w, -1),
                             "fault window (its kind written on it)");
  s = report_html_fmt_stmt(w, zSqlJobs);
  while( s && report_html_fmt_row(w, s) ){
    char *zJob = mem_strdup(report_html_fmt_col(s, 1));
    int64_t iJob = sqlite3_column_int64(s, 0), iTarget = sqlite3_column_int64(s, 2);
    if( zJob==NULL ){ w->rc = -1; sqlite3_reset(s); break; }
    report_html_cycles_chart(w, iJob, zJob, iTarget);
    mem_free(zJob);
  }
  strbuf_append(&w->sb, "</section>\n");
}
