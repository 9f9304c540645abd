/*
** report_narrativeInt.h — what the files that write the narrative share
** (report.h: ReportLine): the writer state Narr, the line writer of
** report_narr.c, and the service's events of report_events.c.
** report_narrative.c writes the timeline actions' lines, collects the
** events' and sorts them; the rest of tenantsim sees only
** report_narrative_load() (reportInt.h).
**
** Error contract: the first failure is latched in Narr.rc (TS_NOMEM or
** TS_IOERR, with Narr.pErr filled); after it every helper does nothing and
** report_narrative_load() returns that code. The lines written so far stay
** in the Report, which report_free() releases.
*/
#ifndef TS_REPORT_NARRATIVEINT_H
#define TS_REPORT_NARRATIVEINT_H
#include "reportInt.h"

/* Events of the service sort after the actions of the same instant. */
#define NARR_EVENT 1000000000000LL

typedef struct Narr {
  Report *p;
  const ReportScan *pScan; /* the initial assignment's changes */
  Store *pStore;
  TsErr *pErr;
  int rc;                  /* first failure */
  int nAlloc;
  int64_t nEvent;          /* events so far (their order at one instant) */
  StrBuf sb;               /* text of the line being written */
} Narr;

/* ------------------------------------------------ report_narr.c */

/* Start a line of p->aLine at instant t (action iSeq, 0 for an event;
** iOrder sorts lines of one instant) with copies of the strings (NULL
** stays NULL); its text goes to n->sb until report_narr_end(). Returns its
** index k, or -1 after a failure. */
int report_narr_begin(Narr *n, int64_t t, int64_t iSeq, int64_t iOrder, const char *zKind,
                      const char *zJob, const char *zSummary, const char *zNote);

/* Finish line k: its text is a copy of what was appended since
** report_narr_begin(). Does nothing for k<0. */
void report_narr_end(Narr *n, int k);

/* Record fact zName (a static string: the line keeps the pointer) of kind
** cKind ('n' count, 't' instant, 'd' duration) and value v on line k. */
void report_narr_fact(Narr *n, int k, const char *zName, char cKind, int64_t v);

/* Append z to the line's text. */
void report_narr_text(Narr *n, const char *z);

/* Append a count (with separators) and record it as fact zName. */
void report_narr_count(Narr *n, int k, const char *zName, int64_t v);

/* Append an instant ("Day N HH:MM") and record it as fact zName. */
void report_narr_time(Narr *n, int k, const char *zName, int64_t t);

/* Append a duration ("1 h 29 m") and record it as fact zName. */
void report_narr_span(Narr *n, int k, const char *zName, int64_t v);

/* "s" unless v is 1 (static storage). */
const char *report_narr_s(int64_t v);

/* The Store's cached statement for zSql (reset, never finalize it), or
** NULL with the failure recorded (or after an earlier one). */
sqlite3_stmt *report_narr_stmt(Narr *n, const char *zSql);

/* Step s: 1 for a row; 0 when done or failed (the failure recorded, s
** reset). */
int report_narr_row(Narr *n, sqlite3_stmt *s);

/* Text column i of s's current row (valid until the next step), or NULL. */
const char *report_narr_col(sqlite3_stmt *s, int i);

/* Is z (may be NULL) the string zA? */
int report_narr_is(const char *z, const char *zA);

/* ------------------------------------------------ report_events.c */

/* Write the lines of the service's own events (report_events.c), after
** the timeline actions' lines; they are numbered in n->nEvent. */
void report_events_load(Narr *n);

#endif
