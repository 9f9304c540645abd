/*
** report_html_lint.c — the HTML page's "Security findings" section
** (report_htmlInt.h): the lint findings over the run as one sentence, a
** timeline with a bar per finding from the instant it was first seen to
** the instant it cleared (or the end), and the table with each finding's
** evidence, sortable and filterable with the page's script (html_kit.h).
** A severity is a colour and always its word too; info shares low's
** colour (the palette, report_html_palette.c).
*/
#include <string.h>
#include "simtime.h"
#include "report_htmlInt.h"

#define LINT_ROW       22   /* timeline row height: a line of text over its bar */
#define LINT_TOP        8
#define LINT_MAX_ROWS  40   /* bars drawn; the table has every finding */

static const char *sev_class(const ReportFinding *f){
  static const char *const az[] = { "sev-low", "sev-low", "sev-medium", "sev-high", "sev-critical" };
  if( f->zSuppressed ) return "sev-suppressed";
  return f->eSeverity>=0 && f->eSeverity<5 ? az[f->eSeverity] : "sev-low";
}

static void timeline(HtmlOut *w){
  const Report *p = w->p;
  int i, nRow = p->nFinding < LINT_MAX_ROWS ? p->nFinding : LINT_MAX_ROWS;
  int64_t yAxis = LINT_TOP + (int64_t)nRow*LINT_ROW + 4;
  char z[REPORT_TEXT_SIZE], zObj[REPORT_TEXT_SIZE*4];
  report_html_svg_open(w, "chart lint-timeline", yAxis+34, "Security findings over the run", NULL);
  report_html_svg_time_axis(w, LINT_TOP, yAxis);
  for(i=0; i<nRow; i++){
    const ReportFinding *f = &p->aFinding[i];
    int64_t y = LINT_TOP + (int64_t)i*LINT_ROW;
    int64_t x0 = report_html_svg_x(p, f->tFirst);
    int64_t x1 = report_html_svg_x(p, f->bCleared ? f->tCleared : p->tEnd);
    if( x1<=x0 ) x1 = x0+2;
    strbuf_printf(&w->sb, "<g><title>");
    report_html_fmt_esc(&w->sb, f->zRule);
    strbuf_append(&w->sb, " ");
    report_html_fmt_esc(&w->sb, f->zSeverity);
    strbuf_append(&w->sb, ": ");
    report_html_fmt_esc(&w->sb, f->zMessage);
    strbuf_printf(&w->sb, "</title><text x=\"%d\" y=\"%lld\">", HTML_PAD_L, (long long)(y+11));
    report_html_fmt_esc(&w->sb, f->zRule);
    strbuf_append(&w->sb, " ");
    report_html_fmt_esc(&w->sb, f->zSuppressed ? "suppressed" : f->zSeverity);
    strbuf_append(&w->sb, " · ");
    report_html_fmt_esc(&w->sb, report_lint_objects(f, zObj, sizeof(zObj)));
    strbuf_append(&w->sb, " · ");
    report_html_fmt_day(w, f->tFirst);
    strbuf_append(&w->sb, " → ");
    report_html_fmt_esc(&w->sb, report_lint_cleared(p, f, z, sizeof(z)));
    strbuf_printf(&w->sb, "</text><rect class=\"%s\" x=\"%lld\" y=\"%lld\" width=\"%lld\""
                  " height=\"6\"/></g>\n", sev_class(f), (long long)x0, (long long)(y+14),
                  (long long)(x1-x0));
  }
  report_html_svg_close(w);
  if( p->nFinding>nRow ){
    strbuf_printf(&w->sb, "<p class=\"muted\">The timeline shows the first %d findings; the table"
                  " has all %d.</p>\n", nRow, p->nFinding);
  }
}

/* The sort key of finding f's severity: the most severe first, the
** suppressed last. */
static int sev_rank(const ReportFinding *f){
  if( f->zSuppressed ) return 9;
  return f->eSeverity>=0 && f->eSeverity<5 ? 4 - f->eSeverity : 4;
}

static void table(HtmlOut *w){
  static const char *const azHead[] = {
    "Severity", "Rule", "About", "First seen", "Cleared", "Finding and evidence",
  };
  const Report *p = w->p;
  char z[REPORT_TEXT_SIZE], zObj[REPORT_TEXT_SIZE*4];
  int i;
  report_html_fmt_table(&w->sb, "lint sortable ptrunc", "data-filter=\"rows\"", azHead, 6);
  for(i=0; i<p->nFinding; i++){
    const ReportFinding *f = &p->aFinding[i];
    strbuf_printf(&w->sb, "<tr><td data-sort=\"%d\"><span class=\"sev %s\">", sev_rank(f),
                  sev_class(f));
    report_html_fmt_esc(&w->sb, f->zSeverity);
    strbuf_append(&w->sb, "</span></td><td class=\"nowrap\"><code>");
    report_html_fmt_esc(&w->sb, f->zRule);
    strbuf_append(&w->sb, "</code> ");
    report_html_fmt_esc(&w->sb, f->zName);
    strbuf_append(&w->sb, "</td><td>");
    report_html_fmt_prose(&w->sb, report_lint_objects(f, zObj, sizeof(zObj)));
    strbuf_printf(&w->sb, "</td><td class=\"nowrap\" data-sort=\"%lld\">", (long long)f->tFirst);
    report_html_fmt_day(w, f->tFirst);
    strbuf_printf(&w->sb, "</td><td class=\"nowrap\" data-sort=\"%lld\">",
                  (long long)(f->bCleared ? f->tCleared : p->tEnd+1));
    report_html_fmt_esc(&w->sb, report_lint_cleared(p, f, z, sizeof(z)));
    strbuf_append(&w->sb, "</td><td><p>");
    report_html_fmt_prose(&w->sb, f->zMessage);
    strbuf_append(&w->sb, "</p><p class=\"muted\"><code>");
    report_html_fmt_esc(&w->sb, f->zSetting);
    strbuf_append(&w->sb, " = ");
    report_html_fmt_esc_or(&w->sb, f->zValue, "null");
    strbuf_append(&w->sb, "</code>");
    if( f->zPath ){
      strbuf_append(&w->sb, " at <code>");
      report_html_fmt_esc(&w->sb, f->zPath);
      strbuf_append(&w->sb, "</code>");
    }
    strbuf_append(&w->sb, "</p>");
    if( f->zSuppressed ){
      strbuf_append(&w->sb, "<p>Suppressed by lint.ignore: ");
      report_html_fmt_prose(&w->sb, f->zSuppressed);
      strbuf_append(&w->sb, "</p>");
    }
    strbuf_append(&w->sb, "</td></tr>\n");
  }
  report_html_fmt_table_end(&w->sb);
  if( p->nFinding>HTML_PRINT_ROWS ){
    strbuf_printf(&w->sb, "<p class=\"ponly muted\">Printed: the first %d of %d findings; the"
                  " page on screen and the JSON report (security) have them all.</p>\n",
                  HTML_PRINT_ROWS, p->nFinding);
  }
}

void report_html_lint_section(HtmlOut *w){
  static const char *const azLegend[] = {
    "sev-critical", "critical", "sev-high", "high", "sev-medium", "medium", "sev-low", "low or info",
    "sev-suppressed", "suppressed", NULL,
  };
  const Report *p = w->p;
  char zSum[REPORT_TEXT_SIZE*8];
  if( !p->bLint ) return;
  strbuf_append(&w->sb, "<section id=\"security\">\n<h2>Security findings</h2>\n<p id=\"lint-summary\">");
  report_html_fmt_esc(&w->sb, report_lint_summary(p, zSum, sizeof(zSum)));
  strbuf_append(&w->sb, ". The rules of <code>tenantsim lint</code>, evaluated at the start, after"
                " every configuration or job status change and at the end.</p>\n");
  if( p->nFinding==0 ){
    strbuf_append(&w->sb, "</section>\n");
    return;
  }
  report_html_palette_legend(&w->sb, azLegend, 0, NULL);
  timeline(w);
  table(w);
  strbuf_append(&w->sb, "</section>\n");
}
