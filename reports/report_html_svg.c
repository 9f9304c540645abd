/*
** report_html_svg.c — what every chart of the HTML page shares
** (report_htmlInt.h): the x scale of simulated time, the chart's box, the
** time axis ticked at whole days or hours, a count axis at round numbers
** with its title, and the fault windows of a tenant drawn as labelled,
** hatched bands.
**
** A chart is an <svg> HTML_W units wide inside a box that scrolls sideways
** (class scroll): the CSS draws it between HTML_CHART_MIN_PX and
** HTML_CHART_MAX_PX wide, so its HTML_CHART_FONT-unit text is never under
** 10 px, and a phone scrolls the chart instead of shrinking it. Text that
** could collide is placed by estimating its width (report_html_svg_text_w).
**
** Coordinates are computed in int64 arithmetic, so a database always
** gives the same bytes.
*/
#include <string.h>
#include "simtime.h"
#include "report_htmlInt.h"

/* ============================================================ scale */

int64_t report_html_svg_x(const Report *p, int64_t t){
  int64_t tEnd = p->tEnd>0 ? p->tEnd : 1;
  if( t<0 ) t = 0;
  if( t>tEnd ) t = tEnd;
  return HTML_PAD_L + t*(HTML_W-HTML_PAD_L-HTML_PAD_R)/tEnd;
}

int64_t report_html_svg_text_w(const char *z){
  int64_t nChar = 0;
  for(; *z; z++) nChar += ((unsigned char)*z & 0xc0)!=0x80;   /* UTF-8 characters */
  return nChar*HTML_CHART_FONT*65/100 + 4;
}

void report_html_svg_open(HtmlOut *w, const char *zClass, int64_t h, const char *zTitle,
                          const char *zKey){
  strbuf_printf(&w->sb, "<div class=\"scroll chart-box\"><svg class=\"%s\" viewBox=\"0 0 %d %lld\""
                " role=\"img\" xmlns=\"http://www.w3.org/2000/svg\"><title>", zClass, HTML_W,
                (long long)h);
  report_html_fmt_esc(&w->sb, zTitle);
  if( zKey ){
    strbuf_append(&w->sb, " ");
    report_html_fmt_esc(&w->sb, zKey);
  }
  strbuf_append(&w->sb, "</title>\n");
}

void report_html_svg_close(HtmlOut *w){
  strbuf_append(&w->sb, "</svg></div>\n");
}

/* ============================================================ axes */

/* Ticks at whole days (labelled "Day N") or whole hours of the UTC clock
** ("Day N HH:00" at a day's first tick, "HH:00" after), the step the
** smallest of 1, 2, 3, 6, 12 hours or 1, 2, 7, 14, 28 days that gives at
** most eight ticks (a label is at most 11 characters, so eight fit). */
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

/* The round step (1, 2 or 5 times a power of ten) that divides [0, nMax]
** into at most four intervals. */
static int64_t report_html_svg_round_step(int64_t nMax){
  int64_t nPow = 1;
  for(;;){
    if( nMax <= 4*nPow ) return nPow;
    if( nMax <= 8*nPow ) return 2*nPow;
    if( nMax <= 20*nPow ) return 5*nPow;
    nPow *= 10;
  }
}

void report_html_svg_count_axis(HtmlOut *w, int64_t yTop, int64_t yBot, int64_t *pnMax,
                                const char *zTitle){
  int64_t nMax = *pnMax<1 ? 1 : *pnMax, nStep, v;
  char z[REPORT_TEXT_SIZE];
  nStep = report_html_svg_round_step(nMax);
  nMax = (nMax + nStep - 1)/nStep*nStep;
  *pnMax = nMax;
  strbuf_printf(&w->sb, "<line class=\"axis\" x1=\"%d\" y1=\"%lld\" x2=\"%d\" y2=\"%lld\"/>\n",
                HTML_PAD_L, (long long)yTop, HTML_PAD_L, (long long)yBot);
  for(v=0; v<=nMax; v+=nStep){
    int64_t y = yBot - v*(yBot-yTop)/nMax;
    if( v ){
      strbuf_printf(&w->sb, "<line class=\"grid\" x1=\"%d\" y1=\"%lld\" x2=\"%d\" y2=\"%lld\"/>",
                    HTML_PAD_L, (long long)y, HTML_W-HTML_PAD_R, (long long)y);
    }
    strbuf_printf(&w->sb, "<text class=\"tick\" x=\"%d\" y=\"%lld\" text-anchor=\"end\">%s</text>\n",
                  HTML_PAD_L-6, (long long)(y+4), report_format_count(v, z, sizeof(z)));
  }
  strbuf_printf(&w->sb, "<text class=\"axis-title\" transform=\"translate(14,%lld) rotate(-90)\""
                " text-anchor=\"middle\">%s</text>\n", (long long)((yTop+yBot)/2), zTitle);
}

/* ============================================================ faults */

static const char zSqlFaults[] =
  "SELECT kind, from_t, coalesce(until_t, ?2), until_t IS NULL, rate, factor, error_code"
  " FROM faults WHERE tenant=?1 ORDER BY from_t, idx";
static const char zSqlHasFaults[] =
  "SELECT count(*) FROM faults WHERE ?1<0 OR tenant=?1";

int report_html_svg_has_faults(HtmlOut *w, int64_t iTenant){
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlHasFaults);
  int n = 0;
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, iTenant);
  if( report_html_fmt_row(w, s) ){
    n = sqlite3_column_int(s, 0);
    sqlite3_reset(s);
  }
  return n>0;
}

/* The label of a fault: its kind in words and its strength ("outage",
** "throttled x4", "transient errors 10 %"), into z[n]. Rates and factors
** are REAL in the store; they are shown in tenths without printf's
** floating point. */
static const char *report_html_svg_fault_label(sqlite3_stmt *s, char *z, size_t n){
  const char *zKind = report_html_fmt_col(s, 0);
  if( zKind && strcmp(zKind, "throttle")==0 ){
    int64_t k = (int64_t)(sqlite3_column_double(s, 5)*10 + 0.5);
    if( k%10 ) snprintf(z, n, "throttled \xc3\x97%lld.%lld", (long long)(k/10), (long long)(k%10));
    else snprintf(z, n, "throttled \xc3\x97%lld", (long long)(k/10));
  }else if( zKind && strcmp(zKind, "transient")==0 ){
    int64_t k = (int64_t)(sqlite3_column_double(s, 4)*1000 + 0.5);
    if( k%10 ) snprintf(z, n, "transient errors %lld.%lld %%", (long long)(k/10), (long long)(k%10));
    else snprintf(z, n, "transient errors %lld %%", (long long)(k/10));
  }else{
    snprintf(z, n, "outage");
  }
  return z;
}

#define FAULT_ROWS 3   /* label rows at most */

int report_html_svg_faults(HtmlOut *w, int64_t iTenant, int64_t yTop, int64_t yBot, int nRow){
  sqlite3_stmt *s = report_html_fmt_stmt(w, zSqlFaults);
  int64_t aRight[FAULT_ROWS];
  int i, n = 0;
  if( nRow>FAULT_ROWS ) nRow = FAULT_ROWS;
  for(i=0; i<FAULT_ROWS; i++) aRight[i] = -1;
  if( s==NULL ) return 0;
  sqlite3_bind_int64(s, 1, iTenant);
  sqlite3_bind_int64(s, 2, w->p->tEnd);
  while( report_html_fmt_row(w, s) ){
    char zLabel[64];
    int64_t t0 = sqlite3_column_int64(s, 1), t1 = sqlite3_column_int64(s, 2);
    int64_t x0 = report_html_svg_x(w->p, t0), x1 = report_html_svg_x(w->p, t1), xText, wText;
    report_html_svg_fault_label(s, zLabel, sizeof(zLabel));
    if( x1<x0+2 ) x1 = x0+2;
    strbuf_printf(&w->sb, "<g><title>fault: %s", zLabel);
    if( report_html_fmt_col(s, 6) ){
      strbuf_append(&w->sb, " (");
      report_html_fmt_esc(&w->sb, report_html_fmt_col(s, 6));
      strbuf_append(&w->sb, ")");
    }
    strbuf_append(&w->sb, " from ");
    report_html_fmt_day(w, t0);
    if( sqlite3_column_int(s, 3) ) strbuf_append(&w->sb, " to beyond the end of the run");
    else{
      strbuf_append(&w->sb, " to ");
      report_html_fmt_day(w, t1);
    }
    strbuf_printf(&w->sb, "</title><rect class=\"fault\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                  " height=\"%lld\"/>", (long long)x0, (long long)yTop, (long long)(x1-x0),
                  (long long)(yBot-yTop));
    /* The label in the first row where it does not run into the one
    ** before; kept inside the plot. */
    wText = report_html_svg_text_w(zLabel);
    xText = x0 + 3;
    if( xText + wText > HTML_W - HTML_PAD_R ) xText = HTML_W - HTML_PAD_R - wText;
    for(i=0; i<nRow && aRight[i]>=xText; i++){}
    if( i<nRow ){
      strbuf_printf(&w->sb, "<text class=\"lbl\" x=\"%lld\" y=\"%lld\">%s</text>", (long long)xText,
                    (long long)(yTop + 11 + 12*i), zLabel);
      aRight[i] = xText + wText;
    }
    strbuf_append(&w->sb, "</g>\n");
    n++;
  }
  return n;
}
