/*
** report_htmlInt.h — what the files of the HTML page share: the writer
** state, the chart geometry, the small writers of report_html_fmt.c and
** the sections each file draws. report_html.c assembles the page; the rest
** of tenantsim sees only report_html_write() in report.h.
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

#define HTML_W          1200   /* chart width in SVG user units */
#define HTML_PAD_L        56   /* room for y-axis labels */
#define HTML_PAD_R        16

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

/* The Store's cached statement for zSql (the Store owns it; reset, never
** finalize it); NULL marks the page failed. */
sqlite3_stmt *report_html_fmt_stmt(HtmlOut *w, const char *zSql);

/* Step pStmt: 1 for a row, 0 when done (pStmt reset); an error marks the
** page failed. */
int report_html_fmt_row(HtmlOut *w, sqlite3_stmt *pStmt);

/* Text column i of pStmt's current row, valid until the next step. */
const char *report_html_fmt_col(sqlite3_stmt *pStmt, int i);

/* ------------------------------------------------ report_html_svg.c */

/* The drift section: one chart per target tenant with metric samples. */
void report_html_svg_drift(HtmlOut *w);

/* The x coordinate of simulated time t on a chart spanning the run, and a
** time axis along y = yAxis with grid lines up to yTop (whole days or
** hours, "Day N HH:00", with its title). */
int64_t report_html_svg_x(const Report *p, int64_t t);
void report_html_svg_time_axis(HtmlOut *w, int64_t yTop, int64_t yAxis);

/* The cycles section: one cycle timeline per job. */
void report_html_svg_cycles(HtmlOut *w);

/* The latency section: the histogram of converged changes and the open ones. */
void report_html_svg_latency(HtmlOut *w);

/* ------------------------------------------------ report_html_tables.c */

/* The orphans section: accounts left behind, disabled by sync, pre-existing. */
void report_html_tables_orphans(HtmlOut *w);

/* The job status section, a row per job and one per problem. */
void report_html_tables_jobs(HtmlOut *w);
/* The scenario's detections (nothing when it declares none). */
void report_html_tables_detections(HtmlOut *w);

/* The lint findings over the run: the sentence, a timeline of each
** finding from first seen to cleared, and the table (report_html_lint.c). */
void report_html_lint_section(HtmlOut *w);

/* The top error codes with the documented action. */
void report_html_tables_errors(HtmlOut *w);

/* The narrative: timeline actions, what followed per job, service events. */
void report_html_tables_timeline(HtmlOut *w);

#endif
