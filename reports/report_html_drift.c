/*
** report_html_drift.c — the HTML page's drift section
** (report_htmlInt.h): one chart per target tenant of the pairs out of step
** over simulated time, as a step line, with the timeline actions as
** numbered dashed lines (numbered as in the narrative), the target's fault
** windows as hatched bands and the instant it came into step for good.
**
** Action numbers never overlap: actions at one place (DRIFT_SAME units)
** share one label ("3–7"), neighbouring labels alternate between two rows,
** and a label that fits in neither joins the one before it; each line
** keeps its own tooltip with the action's summary.
**
** Reads the metrics, timeline and faults tables; coordinates are int64,
** so a database always gives the same bytes.
*/
#include <string.h>
#include "mem.h"
#include "report_htmlInt.h"

static const char zSqlDriftTenants[] =
  "SELECT DISTINCT m.tenant, t.key, t.domain FROM metrics m JOIN tenants t ON t.idx=m.tenant"
  " WHERE m.name='drift' ORDER BY m.tenant";
static const char zSqlDriftMax[] =
  "SELECT coalesce(max(value),0) FROM metrics WHERE name='drift' AND tenant=?1";
static const char zSqlDriftSeries[] =
  "SELECT t, value FROM metrics WHERE name='drift' AND tenant=?1 ORDER BY t";
static const char zSqlTimeline[] =
  "SELECT seq, at, action, summary FROM timeline ORDER BY at, seq";

#define DRIFT_H    168   /* svg height */
#define DRIFT_TOP   32   /* plot top; two rows of action numbers above it */
#define DRIFT_BOT  132   /* x axis */
#define DRIFT_SAME   4   /* actions closer than this share a label outright */

/* ============================================================ action labels */

/* A run of actions [iFirst, iLast] that shares one label. */
typedef struct DriftLabel {
  int iFirst, iLast;
} DriftLabel;

/* The label of actions aSeq[iFirst..iLast] ("4" or "4–9") into z[n]. */
static const char *report_html_drift_label_text(const int64_t *aSeq, const DriftLabel *l,
                                                char *z, size_t n){
  if( l->iFirst==l->iLast ) snprintf(z, n, "%lld", (long long)aSeq[l->iFirst]);
  else snprintf(z, n, "%lld\xe2\x80\x93%lld", (long long)aSeq[l->iFirst], (long long)aSeq[l->iLast]);
  return z;
}

/* The label's centre and its half width; kept inside the plot. */
static int64_t report_html_drift_label_x(const int64_t *aX, const int64_t *aSeq,
                                         const DriftLabel *l, int64_t *pHalf){
  char z[48];
  int64_t xMid = (aX[l->iFirst] + aX[l->iLast])/2;
  int64_t nHalf = report_html_svg_text_w(report_html_drift_label_text(aSeq, l, z, sizeof(z)))/2;
  if( xMid - nHalf < HTML_PAD_L ) xMid = HTML_PAD_L + nHalf;
  if( xMid + nHalf > HTML_W - HTML_PAD_R ) xMid = HTML_W - HTML_PAD_R - nHalf;
  *pHalf = nHalf;
  return xMid;
}

/* Place the labels aL[0..*pnL): each in the first of two rows where it
** clears the one before it by 3 units; a label that fits in neither is
** merged with the label before it and the placement starts again. On
** return aRow[i] is label i's row. */
static void report_html_drift_place(const int64_t *aX, const int64_t *aSeq, DriftLabel *aL,
                                    int *pnL, int *aRow){
  int i, nL = *pnL;
  for(;;){
    int64_t aRight[2] = { -1000, -1000 };
    for(i=0; i<nL; i++){
      int64_t nHalf, x = report_html_drift_label_x(aX, aSeq, &aL[i], &nHalf);
      if( x - nHalf >= aRight[0] + 3 ) aRow[i] = 0;
      else if( x - nHalf >= aRight[1] + 3 ) aRow[i] = 1;
      else break;
      aRight[aRow[i]] = x + nHalf;
    }
    if( i==nL ) break;
    aL[i-1].iLast = aL[i].iLast;
    memmove(&aL[i], &aL[i+1], sizeof(aL[0])*(size_t)(nL-i-1));
    nL--;
  }
  *pnL = nL;
}

/* Vertical marks at each timeline action, with the action and its summary
** as the tooltip, then the numbers above the plot. */
static void report_html_drift_actions(HtmlOut *w, int64_t yTop, int64_t yBot){
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlTimeline);
  int64_t *aX = NULL, *aSeq = NULL;
  DriftLabel *aL = NULL;
  int *aRow = NULL;
  int n = 0, nAlloc = 0, nL = 0, i;
  while( s && report_html_fmt_row(w, s) ){
    int64_t iSeq = sqlite3_column_int64(s, 0), t = sqlite3_column_int64(s, 1);
    int64_t x = report_html_svg_x(w->p, t);
    if( n==nAlloc ){
      int nNew = nAlloc ? 2*nAlloc : 32;
      int64_t *aXNew = mem_realloc(aX, sizeof(int64_t)*(size_t)nNew);
      int64_t *aSeqNew;
      if( aXNew ) aX = aXNew;
      aSeqNew = aXNew ? mem_realloc(aSeq, sizeof(int64_t)*(size_t)nNew) : NULL;
      if( aSeqNew==NULL ){ w->rc = -1; sqlite3_reset(s); goto out_free; }
      aSeq = aSeqNew;
      nAlloc = nNew;
    }
    aX[n] = x;
    aSeq[n] = iSeq;
    n++;
    strbuf_printf(&w->sb, "<g><title>#%lld at ", (long long)iSeq);
    report_html_fmt_day(w, t);
    strbuf_append(&w->sb, ": ");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 2));
    strbuf_append(&w->sb, " \xe2\x80\x94 ");
    report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 3));
    strbuf_printf(&w->sb, "</title><line class=\"action\" x1=\"%lld\" y1=\"%lld\" x2=\"%lld\""
                  " y2=\"%lld\"/></g>\n", (long long)x, (long long)yTop, (long long)x,
                  (long long)yBot);
  }
  if( n==0 ) goto out_free;
  aL = mem_malloc(sizeof(DriftLabel)*(size_t)n);
  aRow = mem_malloc(sizeof(int)*(size_t)n);
  if( aL==NULL || aRow==NULL ){ w->rc = -1; goto out_free; }
  /* Actions within DRIFT_SAME units of the one before are at one place:
  ** one label from the start. */
  for(i=0; i<n; i++){
    if( nL>0 && aX[i] - aX[aL[nL-1].iLast] < DRIFT_SAME ){
      aL[nL-1].iLast = i;
    }else{
      aL[nL].iFirst = aL[nL].iLast = i;
      nL++;
    }
  }
  report_html_drift_place(aX, aSeq, aL, &nL, aRow);
  for(i=0; i<nL; i++){
    char z[48];
    int64_t nHalf, x = report_html_drift_label_x(aX, aSeq, &aL[i], &nHalf);
    strbuf_printf(&w->sb, "<text class=\"action\" x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">%s</text>\n",
                  (long long)x, (long long)(yTop - 6 - 12*aRow[i]),
                  report_html_drift_label_text(aSeq, &aL[i], z, sizeof(z)));
  }
out_free:
  mem_free(aX);
  mem_free(aSeq);
  mem_free(aL);
  mem_free(aRow);
}

/* ============================================================ chart */

/* Where target zKey came into step for good: a labelled line, the label
** just above the axis, where drift is 0 from then on. */
static void report_html_drift_in_step(HtmlOut *w, const char *zKey){
  int i;
  for(i=0; i<w->p->nTarget; i++){
    const ReportTarget *t = &w->p->aTarget[i];
    int64_t x;
    if( strcmp(t->zTenant, zKey)!=0 || t->nOutOfStep || !t->bDrifted ) continue;
    x = report_html_svg_x(w->p, t->tInStep);
    strbuf_append(&w->sb, "<g><title>in step from ");
    report_html_fmt_day(w, t->tInStep);
    strbuf_printf(&w->sb, " to the end</title><line class=\"instep\" x1=\"%lld\" y1=\"%d\""
                  " x2=\"%lld\" y2=\"%d\"/><text class=\"oktext lbl\" x=\"%lld\" y=\"%d\"%s>"
                  "&#10003; in step</text></g>\n", (long long)x, DRIFT_TOP, (long long)x, DRIFT_BOT,
                  (long long)(x > HTML_W-HTML_PAD_R-70 ? x-4 : x+4), DRIFT_BOT-6,
                  x > HTML_W-HTML_PAD_R-70 ? " text-anchor=\"end\"" : "");
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
  strbuf_append(&w->sb, "<h3>Target tenant ");
  report_html_fmt_esc(&w->sb, zKey);
  strbuf_append(&w->sb, "</h3>\n");
  report_html_svg_open(w, "chart drift-chart", DRIFT_H, "Drift over time in", zKey);
  report_html_svg_faults(w, iTenant, DRIFT_TOP, DRIFT_BOT, 3);
  report_html_svg_time_axis(w, DRIFT_TOP, DRIFT_BOT);
  report_html_svg_count_axis(w, DRIFT_TOP, DRIFT_BOT, &nMax, "pairs out of step");
  report_html_drift_actions(w, DRIFT_TOP, DRIFT_BOT);
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
  report_html_drift_in_step(w, zKey);
  report_html_svg_close(w);
}

void report_html_drift_section(HtmlOut *w){
  static const char *const azLegend[] = {
    "drift", "pairs out of step", "action", "a timeline action, numbered as in the narrative",
    "instep", "in step for good from here", NULL,
  };
  sqlite3_stmt *s;
  int n = 0;
  strbuf_append(&w->sb, "<section id=\"drift\">\n<h2>Drift over time</h2>\n"
                "<p class=\"muted\">Pairs whose target differs from the desired state, per target"
                " tenant, over simulated time.</p>\n");
  report_html_palette_legend(&w->sb, azLegend, report_html_svg_has_faults(w, -1),
                             "a fault window, labelled with its kind");
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
