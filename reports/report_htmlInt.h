/*
** report_htmlInt.h — what the files of the HTML page share: the writer
** state, the chart geometry, the palette, the small writers of
** report_html_fmt.c and the sections each file draws. report_html.c
** assembles the page; the rest of tenantsim sees only report_html_write()
** in report.h.
**
** Files, by what they draw:
**   report_html.c          the page: style, verdict, figures, target cards,
**                          the run, trust paths, assembly
**   report_html_fmt.c      escaped text, instants, durations, counts, cells
**   report_html_palette.c  the categorical colours, their CSS and patterns
**   report_html_svg.c      what every chart shares: scales, axes, fault bands
**   report_html_drift.c    drift per target, with the timeline actions
**   report_html_cycles.c   the cycle timeline per job
**   report_html_latency.c  the latency histogram
**   report_html_tables.c   accounts left behind, detections, jobs, errors,
**                          the narrative
**   report_html_lint.c     the security findings
**
** Error contract: a section never returns an error. A failed query, or a
** failed copy of a column, sets HtmlOut.rc to -1 and the section writes on
** with what it has; report_html_write() then discards the page. A failed
** append is remembered by the StrBuf itself.
*/
#ifndef TS_REPORT_HTMLINT_H
#define TS_REPORT_HTMLINT_H
#include "strbuf.h"
#include "report.h"

/* Chart geometry, in SVG user units. Chart text is HTML_CHART_FONT units
** (CSS: svg.chart text); a chart is drawn at most HTML_CHART_MAX_PX wide
** and never narrower than HTML_CHART_MIN_PX, inside a box that scrolls
** sideways, so its text stays >= 10 px on any screen:
** HTML_CHART_MIN_PX * HTML_CHART_FONT / HTML_W >= 10. */
#define HTML_W             800
#define HTML_PAD_L          84   /* room for y-axis ticks and row labels */
#define HTML_PAD_R          16
#define HTML_CHART_FONT     11
#define HTML_CHART_MIN_PX  730
#define HTML_CHART_MAX_PX  960

/* A number macro as a string literal, for the CSS. */
#define HTML_STR_(x) #x
#define HTML_STR(x) HTML_STR_(x)

/* Long tables print their first HTML_PRINT_ROWS rows and say how many
** more the screen, the JSON report and the CSV export hold. */
#define HTML_PRINT_ROWS     30

/* Writer state: the page and the first failure met while building it. */
typedef struct HtmlOut {
  StrBuf sb;
  Store *pStore;
  const Report *p;
  int rc;                  /* 0, or -1 once a query failed */
} HtmlOut;

/* ------------------------------------------------ report_html_fmt.c */

/* Append z with the five HTML metacharacters escaped; NULL appends zNull
** (which is the caller's own markup, never data). */
void report_html_fmt_esc_or(StrBuf *pSb, const char *z, const char *zNull);

/* Append z escaped; NULL appends nothing. */
void report_html_fmt_esc(StrBuf *pSb, const char *z);

/* Append prose z escaped, each word that holds a hyphen ("contoso-to-
** fabrikam", "XTS-S02") kept on one line (a span of class nw), so a table
** cell wraps between words and never inside a name. NULL appends nothing. */
void report_html_fmt_prose(StrBuf *pSb, const char *z);

/* Append a duration of v seconds for people ("1 h 29 m"). */
void report_html_fmt_dur(StrBuf *pSb, int64_t v);

/* Append the instant t seconds after the start as plain text
** ("Day 3 08:00"), for SVG tooltips. */
void report_html_fmt_day(HtmlOut *w, int64_t t);

/* Append the instant t as "Day 3 08:00" in a <time> element whose tooltip
** and datetime are the ISO instant. */
void report_html_fmt_instant(HtmlOut *w, int64_t t);

/* Append a count with thousands separators. */
void report_html_fmt_count(HtmlOut *w, int64_t v);

/* Append a table cell holding a long id: one line, ellipsized on screen,
** the whole (escaped) value in its tooltip; printed whole on one line.
** zClass (the caller's markup, or NULL) is
** added to the cell's class. NULL z gives an empty cell. */
void report_html_fmt_id_cell(StrBuf *pSb, const char *z, const char *zClass);

/* Append the opening of a table in its own sideways-scrolling box:
** <div class="scroll"><table class="zClass" zAttrs><thead><tr>, then the
** header cells azHead (a leading '#' marks a number column, class n; a
** leading '~' a column print leaves out, class noprint),
** then </tr></thead><tbody>. zAttrs is the caller's own markup (NULL for
** none), e.g. the sortable class or data-filter. */
void report_html_fmt_table(StrBuf *pSb, const char *zClass, const char *zAttrs,
                           const char *const *azHead, int nHead);

/* Close what report_html_fmt_table opened. */
void report_html_fmt_table_end(StrBuf *pSb);

/* The Store's cached statement for zSql (the Store owns it; reset, never
** finalize it); NULL marks the page failed. */
sqlite3_stmt *report_html_fmt_stmt(HtmlOut *w, const char *zSql);

/* Step pStmt: 1 for a row, 0 when done (pStmt reset); an error marks the
** page failed. */
int report_html_fmt_row(HtmlOut *w, sqlite3_stmt *pStmt);

/* Text column i of pStmt's current row, valid until the next step. */
const char *report_html_fmt_col(sqlite3_stmt *pStmt, int i);

/* ------------------------------------------------ report_html_palette.c */

/* One categorical colour: the class a mark is drawn with, the legends it
** must be told apart in (zGroups, space-separated; every pair of one group
** is checked for colour vision deficiency by tests/test_html_palette.c),
** the colour as drawn (opaque sRGB, "#rrggbb"), how it paints and the
** second cue that carries the same meaning without colour. cPaint: 'f' a
** fill, 's' a line (its labels take the colour too), 'p' a fill with the
** pattern zPattern ("fwd" ///, "back" \\\, "cross" xx; "band" a hatch of
** the colour over a light tint of it, for bands over a chart), 'b' a badge
** background with text in zInk. */
typedef struct HtmlColour {
  const char *zClass;
  const char *zGroups;
  const char *zHex;
  char cPaint;
  const char *zPattern;
  const char *zCue;
  const char *zInk;
} HtmlColour;

extern const HtmlColour report_html_palette[];
extern const int report_html_palette_count;

/* Append the CSS that paints each class of the palette (fills, badge
** backgrounds). */
void report_html_palette_css(StrBuf *pSb);

/* Append the page's one hidden <svg> of pattern definitions, which every
** chart and legend swatch refers to by fragment (url(#p-<class>)). */
void report_html_palette_defs(StrBuf *pSb);

/* Append a legend entry: a swatch drawn with class zClass (so with its
** colour and pattern) and the words zLabel (the page's own markup). */
void report_html_palette_swatch(StrBuf *pSb, const char *zClass, const char *zLabel);

/* Append a chart's legend: a swatch and its words for each pair of az
** (class, label, ..., NULL), then the fault band's with zFault when bFault. */
void report_html_palette_legend(StrBuf *pSb, const char *const *az, int bFault, const char *zFault);

/* ------------------------------------------------ report_html_svg.c */

/* The x coordinate of simulated time t on a chart spanning the run. */
int64_t report_html_svg_x(const Report *p, int64_t t);

/* The width in user units that label z (UTF-8) takes at the chart font,
** generously: a character is taken as 0.65 em (a digit of DejaVu Sans). */
int64_t report_html_svg_text_w(const char *z);

/* Open a chart: its scroll box and <svg class="zClass"> of height h with
** an accessible title (zTitle, escaped, then zKey escaped when not NULL). */
void report_html_svg_open(HtmlOut *w, const char *zClass, int64_t h, const char *zTitle,
                          const char *zKey);

/* Close what report_html_svg_open opened. */
void report_html_svg_close(HtmlOut *w);

/* A time axis along y = yAxis with grid lines up to yTop: ticks at whole
** days or hours of the UTC clock ("Day N", "Day N HH:00", "HH:00") and the
** axis title that names the notation. */
void report_html_svg_time_axis(HtmlOut *w, int64_t yTop, int64_t yAxis);

/* A count axis along x = HTML_PAD_L from yBot (0) up to yTop (*pnMax,
** rounded up to a round number, written back), with two or three round
** ticks, grid lines and the rotated title zTitle (the page's markup). */
void report_html_svg_count_axis(HtmlOut *w, int64_t yTop, int64_t yBot, int64_t *pnMax,
                                const char *zTitle);

/* The fault windows injected into tenant iTenant (table faults), as
** hatched bands from yTop to yBot, each labelled with its kind inside its
** top in the first of nRow (at most 3) rows of 12 units where it clears
** the label before it (else only its tooltip and the legend name it), its
** detail in the tooltip. Returns how many were drawn. */
int report_html_svg_faults(HtmlOut *w, int64_t iTenant, int64_t yTop, int64_t yBot, int nRow);

/* Whether tenant iTenant (any tenant when iTenant < 0) has a fault window
** (a query; 0 on failure). */
int report_html_svg_has_faults(HtmlOut *w, int64_t iTenant);

/* ------------------------------------------------ charts */

/* The drift section: one chart per target tenant with metric samples
** (report_html_drift.c). */
void report_html_drift_section(HtmlOut *w);

/* The cycles section: one cycle timeline per job (report_html_cycles.c). */
void report_html_cycles_section(HtmlOut *w);

/* The latency section: the histogram of converged changes and the open
** ones (report_html_latency.c). */
void report_html_latency_section(HtmlOut *w);

/* ------------------------------------------------ report_html_tables.c */

/* The orphans section: accounts left behind, disabled by sync, pre-existing. */
void report_html_tables_orphans(HtmlOut *w);

/* The job status section, a row per job and one per problem. */
void report_html_tables_jobs(HtmlOut *w);

/* The scenario's detections (nothing when it declares none). */
void report_html_tables_detections(HtmlOut *w);

/* The top error codes with the documented action. */
void report_html_tables_errors(HtmlOut *w);

/* The narrative: timeline actions, what followed per job, service events. */
void report_html_tables_timeline(HtmlOut *w);

/* ------------------------------------------------ report_html_lint.c */

/* The lint findings over the run: the sentence, a timeline of each
** finding from first seen to cleared, and the table. */
void report_html_lint_section(HtmlOut *w);

#endif
