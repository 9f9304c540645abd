/*
** report_html_latency.c — the HTML page's latency section
** (report_htmlInt.h): the histogram of the latency of converged changes,
** from the source change to the target matching it, beside a dashed bar of
** the changes still open at the end (held or never converged, which count
** as longer than the run).
**
** The bins grow by a factor of two or three (30 s, 1 m, 2 m, 5 m, 10 m, ...
** 28 d, then one bin for anything longer), so the scale is logarithmic in
** round durations of the page's notation: one change that took two days
** adds a bar far right instead of squeezing every other change into the
** first bin. The chart shows the bins from the first to the last that
** holds a change; each bar is labelled with its count and its edges with
** their durations.
**
** Reads the report's latencies (from its one pass over changes);
** coordinates are int64, so a database always gives the same bytes.
*/
#include <string.h>
#include "simtime.h"
#include "report_htmlInt.h"

#define HIST_H     202
#define HIST_TOP    24
#define HIST_BOT   150
#define HIST_BAR_MAX 60   /* a bar is at most this wide */

/* The lower edges of the bins, in seconds; the last bin has no upper edge. */
static const int64_t aHistEdge[] = {
  0, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800,
  345600, 604800, 1209600, 2419200,
};
#define HIST_BINS ((int)(sizeof(aHistEdge)/sizeof(aHistEdge[0])))

/* The bin of a latency of v seconds. */
static int report_html_latency_bin(int64_t v){
  int k = HIST_BINS-1;
  while( k>0 && v<aHistEdge[k] ) k--;
  return k;
}

/* Bar k: n changes drawn at x, wBar wide, to the scale of nPeak, with its
** count above it and a tooltip naming its range. */
static void report_html_latency_bar(HtmlOut *w, int k, int64_t n, int64_t x, int64_t wBar,
                                    int64_t nPeak){
  int64_t h = n*(HIST_BOT-HIST_TOP)/nPeak;
  char z[REPORT_TEXT_SIZE];
  if( n>0 && h<2 ) h = 2;
  strbuf_printf(&w->sb, "<g><title>%s change%s with a latency of ", report_format_count(n, z, sizeof(z)),
                n==1 ? "" : "s");
  report_html_fmt_dur(&w->sb, aHistEdge[k]);
  if( k+1<HIST_BINS ){
    strbuf_append(&w->sb, " to ");
    report_html_fmt_dur(&w->sb, aHistEdge[k+1]);
  }else{
    strbuf_append(&w->sb, " or more");
  }
  strbuf_printf(&w->sb, "</title><rect class=\"bar\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                " height=\"%lld\"/>", (long long)(x+2), (long long)(HIST_BOT-h), (long long)(wBar-4),
                (long long)h);
  if( n ){
    strbuf_printf(&w->sb, "<text x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">%s</text>",
                  (long long)(x+wBar/2), (long long)(HIST_BOT-h-4), z);
  }
  strbuf_append(&w->sb, "</g>\n");
}

/* The tick under the left edge of bar k at x (the bin's lower edge). */
static void report_html_latency_edge(HtmlOut *w, int k, int64_t x){
  char z[REPORT_TEXT_SIZE];
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%lld\" y1=\"%d\" x2=\"%lld\" y2=\"%d\"/>"
                "<text class=\"tick\" x=\"%lld\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                (long long)x, HIST_BOT, (long long)x, HIST_BOT+4, (long long)x, HIST_BOT+16,
                k==0 ? "0" : simtime_format_span(aHistEdge[k], z, sizeof(z)));
}

/* The histogram of the converged changes, then the bar of the nOpen still
** open (none when nOpen is 0). */
static void report_html_latency_hist(HtmlOut *w, int64_t nOpen){
  int64_t aBin[HIST_BINS];
  int64_t nPeak = 1, nTotal = 0, wBar, x, wLabel;
  int64_t j;
  int i, kFirst = HIST_BINS, kLast = -1, nBar, nEvery;
  char z[REPORT_TEXT_SIZE];
  memset(aBin, 0, sizeof(aBin));
  for(j=0; j<w->p->nLat; j++){
    int64_t v = w->p->aLat[j];
    int k = report_html_latency_bin(v<0 ? 0 : v);
    aBin[k]++;
    nTotal++;
    if( k<kFirst ) kFirst = k;
    if( k>kLast ) kLast = k;
  }
  if( kLast<0 ) kFirst = kLast = 0;        /* no sample: one empty bin */
  for(i=kFirst; i<=kLast; i++) if( aBin[i]>nPeak ) nPeak = aBin[i];
  if( nOpen>nPeak ) nPeak = nOpen;
  nBar = kLast - kFirst + 1 + (nOpen>0);
  wBar = (HTML_W-HTML_PAD_L-HTML_PAD_R-8)/nBar;
  if( wBar>HIST_BAR_MAX ) wBar = HIST_BAR_MAX;
  /* Label every edge, or every other one when the labels would touch. */
  wLabel = report_html_svg_text_w("12 h") + 4;
  nEvery = wBar>=wLabel ? 1 : 2;
  report_html_svg_open(w, "chart latency-chart", HIST_H, "Histogram of convergence latency", NULL);
  report_html_svg_count_axis(w, HIST_TOP, HIST_BOT, &nPeak, "changes");
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                HTML_PAD_L, HIST_BOT, HTML_W-HTML_PAD_R, HIST_BOT);
  strbuf_printf(&w->sb, "<g class=\"bars\" data-total=\"%lld\">\n", (long long)nTotal);
  x = HTML_PAD_L + 4;
  for(i=kFirst; i<=kLast; i++){
    report_html_latency_bar(w, i, aBin[i], x, wBar, nPeak);
    if( (i-kFirst)%nEvery==0 ) report_html_latency_edge(w, i, x);
    x += wBar;
  }
  if( kLast+1<HIST_BINS && (kLast+1-kFirst)%nEvery==0 ) report_html_latency_edge(w, kLast+1, x);
  strbuf_append(&w->sb, "</g>\n");
  if( nOpen ){
    int64_t h = nOpen*(HIST_BOT-HIST_TOP)/nPeak;
    x += 4;
    strbuf_printf(&w->sb, "<g><title>%s changes still open at the end (held or never"
                  " converged)</title><rect class=\"open\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                  " height=\"%lld\"/><text x=\"%lld\" y=\"%lld\" text-anchor=\"middle\">%s</text>"
                  "<text class=\"tick\" x=\"%lld\" y=\"%d\" text-anchor=\"middle\">open</text></g>\n",
                  report_format_count(nOpen, z, sizeof(z)), (long long)(x+2), (long long)(HIST_BOT-h),
                  (long long)(wBar-4), (long long)h, (long long)(x+wBar/2), (long long)(HIST_BOT-h-4),
                  z, (long long)(x+wBar/2), HIST_BOT+16);
  }
  strbuf_printf(&w->sb, "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"end\">latency"
                " from the source change to the matching target (bins double or triple)</text>\n",
                HTML_W-HTML_PAD_R, HIST_BOT+32);
  strbuf_printf(&w->sb, "<text class=\"axis-title\" x=\"%d\" y=\"%d\" text-anchor=\"end\">the dashed"
                " bar: changes still open at the end of the run</text>\n", HTML_W-HTML_PAD_R, HIST_BOT+46);
  report_html_svg_close(w);
}

void report_html_latency_section(HtmlOut *w){
  const Report *p = w->p;
  const ReportLatency *l = &p->conv.lat;
  int64_t nOpen = l->nCensored;
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&w->sb, "<section id=\"latency\">\n<h2>Convergence latency</h2>\n<p>");
  {
    char a[6][REPORT_TEXT_SIZE];
    strbuf_printf(&w->sb, "<span id=\"hist-converged\">%s</span> changes converged (the latency"
                  " samples); <span id=\"hist-open\">%s</span> %s still open at the end"
                  " (<span id=\"hist-held\">%s</span> held by the service, <span id=\"hist-never\">%s</span>"
                  " never converged) and count as longer than the run; %s reverted at the"
                  " source and %s superseded by a later change, which are no samples.</p>\n",
                  report_format_count(p->conv.nConverged, a[0], sizeof(a[0])),
                  report_format_count(nOpen, a[1], sizeof(a[1])), nOpen==1 ? "was" : "were",
                  report_format_count(p->conv.nHeld, a[2], sizeof(a[2])),
                  report_format_count(p->conv.nNever, a[3], sizeof(a[3])),
                  report_format_count(p->conv.nReverted, a[4], sizeof(a[4])),
                  report_format_count(p->conv.nSuperseded, a[5], sizeof(a[5])));
  }
  if( l->n + nOpen==0 ){
    strbuf_append(&w->sb, "<p>No change to measure.</p>\n</section>\n");
    return;
  }
  report_html_latency_hist(w, nOpen);
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
