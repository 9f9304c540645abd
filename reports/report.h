/*
** report.h — the report of one run, computed from its run database alone.
**
** report_build() reads a Store (engine/schema.c is the contract) and fills
** a Report: the run's header, convergence of source changes, drift and when
** it settled, orphaned guest accounts with the reason each was never
** removed, per-job counters and whole-run totals. report_write_text() and
** report_write_json() print it; neither reads the database again, so
** `tenantsim run` and `tenantsim report DB` print the same thing.
** report_write_html() also draws series (charts) that it reads from the
** store, so it needs the database as well as the Report.
**
** The Report is public so that writers and tests can read it; treat it as
** read-only. It owns every string and array it points to; report_free()
** releases them all. Times named t* are seconds from the run start (as in
** the database); ISO forms are made on output with report_format_instant().
** Every list is in a stable order fixed by the queries' ORDER BY, so the
** same database always gives the same Report.
*/
#ifndef TS_REPORT_H
#define TS_REPORT_H
#include <stdint.h>
#include <stdio.h>
#include "store.h"

/* Nearest-rank latency statistics over converged changes, in seconds.
** p = the ceil(q*n)-th smallest latency; all three are meaningless (and
** written as null) when n is 0. */
typedef struct ReportLatency {
  int64_t n;               /* converged changes measured */
  int64_t p50, p95, max;
} ReportLatency;

/* Convergence of the changes of one job (zJob) or of the whole run
** (zJob NULL). */
typedef struct ReportConv {
  char *zJob;
  int64_t nChanges;        /* rows in changes */
  int64_t nConverged;      /* ... with converged_at set */
  int64_t nNever;          /* ... with converged_at NULL */
  ReportLatency lat;
} ReportConv;

/* A (name, count) pair: orphan reasons, provisioning error codes. */
typedef struct ReportCount {
  char *zName;
  int64_t n;
} ReportCount;

/* A live target user linked to a source user that no longer justifies it.
** Strings may be NULL where the database holds NULL (e.g. display_name). */
typedef struct ReportOrphan {
  char *zTargetTenant;     /* tenant key of the target user */
  char *zObjectId;         /* target user's object_id */
  char *zUpn;              /* target user's user_principal_name */
  char *zDisplayName;      /* target user's display_name */
  char *zSourceTenant;     /* tenant key of the source user */
  char *zSourceUser;       /* source user's key */
  char *zJob;              /* job key of the link */
  char *zReason;           /* why it was never removed (report.c lists them) */
  char *zSourceState;      /* deleted | disabled | the desired.reason */
  int64_t tSince;          /* when the pair stopped being justified */
  int64_t nAge;            /* end_t - tSince, seconds */
} ReportOrphan;

/* One sync job: identity, end state, cycle and provisioning-log counters. */
typedef struct ReportJob {
  char *zJob;              /* jobs.key */
  char *zJobId;            /* Azure2Azure.<guid>.<guid> */
  char *zSource, *zTarget; /* tenant keys */
  char *zScope;            /* assigned | all */
  char *zStatus;           /* status_code at the end of the run */
  char *zGateError;        /* policy-check error, NULL if none */
  int64_t nCycInitial, nCycIncremental, nCycFailed, nCycUnfinished, nCycTotal;
  int64_t nCreate, nUpdate, nDisable, nDelete;   /* successful exports */
  int64_t nSkipped;        /* provisioning_log rows with status skipped */
  int64_t nFailures;       /* ... with status failure */
  ReportCount *aError;     /* most frequent error codes, count desc then code */
  int nError;
  ReportConv conv;         /* convergence of this job's changes */
} ReportJob;

typedef struct Report {
  /* Header (run_info). zVersion and zDuration are NULL when absent. */
  char *zVersion, *zScenario, *zSeed, *zStart, *zDuration;
  int64_t tStartEpoch;     /* start as seconds since 1970 */
  int64_t tEnd;            /* run end, seconds from start (end_t) */

  ReportConv conv;         /* whole run; zJob is NULL */

  /* Drift of all targets together (metrics tenant -1). */
  int64_t nDriftFinal;     /* latest 'drift' sample, 0 when none */
  int64_t *aZeroAt;        /* 'drift_zero' instants, ascending */
  int nZeroAt;
  int bLastAction;         /* the timeline has rows */
  int64_t tLastAction;     /* max(timeline.at) when bLastAction */
  int bSettled;            /* nSettle is known (else: never settled) */
  int64_t nSettle;         /* seconds from the last action to zero drift */

  ReportOrphan *aOrphan;   /* sorted by target tenant, upn, object_id */
  int nOrphan;
  ReportCount *aOrphanReason;   /* reason -> count, sorted by reason */
  int nOrphanReason;

  ReportJob *aJob;         /* in scenario order (jobs.idx) */
  int nJob;

  /* Totals. */
  int64_t nSourceUsers;    /* users with creation_type NULL (declared) */
  int64_t nTargetB2bLive;  /* creation_type 'Invitation', not deleted */
  int64_t nProvLog;        /* provisioning_log rows */
  int64_t nAuditLog;       /* audit_log rows */
  int64_t nTimeline;       /* timeline rows */
} Report;

/* How many error codes each ReportJob keeps (the most frequent ones). */
#define REPORT_TOP_ERRORS 10

/* Compute the report of the run database behind pStore. On success store a
** new Report (caller frees with report_free) in *ppReport and return 0.
** On failure return TS_ERR (the database is not a finished tenantsim run:
** a run_info key is missing or malformed), TS_IOERR (a query failed: a
** table is missing, the file is damaged) or TS_NOMEM, with pErr filled and
** *ppReport set to NULL. Only reads; pStore stays owned by the caller. */
int report_build(Store *pStore, Report **ppReport, TsErr *pErr);

/* Free a Report and everything it owns. NULL is a no-op. */
void report_free(Report *p);

/* Write the human-readable summary (about 20-40 lines) to out. Returns 0,
** or -1 if the text could not be built (out of memory) or written. */
int report_write_text(const Report *p, FILE *out);

/* Write the report as pretty-printed JSON (two-space indent, keys in a
** fixed order, final newline; the shape is documented in report_json.c).
** Returns 0, or -1 on allocation or write failure. */
int report_write_json(const Report *p, FILE *out);

/* Write the report as a Markdown page for training labs: a narrative
** timeline ("Day N HH:MM — summary; picked up by the HH:MM cycle of job;
** all n changes converged by HH:MM"), the metrics, the orphans and the
** jobs as tables (data escaped so that '|', newlines and HTML cannot break
** them). Unlike the other writers it reads the timeline, cycles and
** changes tables of pStore (the database p was built from; still owned by
** the caller). Returns 0, or -1 on a query, allocation or write failure. */
int report_write_md(const Report *p, Store *pStore, FILE *out);

/* Write the report as one self-contained HTML page: inline CSS, inline
** SVG charts, no script and no external reference (the shape is described
** in report_html.c). The series the Report lacks (drift samples, cycles,
** quarantines, timeline, change latencies, error codes) are read from
** pStore, which must be the database p was built from; pStore stays owned
** by the caller and is only read. Every string from the database is
** HTML-escaped. The same database always gives the same bytes. Returns 0,
** or -1 on allocation, query or write failure (nothing is written then). */
int report_write_html(const Report *p, Store *pStore, FILE *out);

/* Format t (seconds from the run start) as an ISO instant into z[n]
** (n >= 21). Returns z. */
char *report_format_instant(const Report *p, int64_t t, char *z, size_t n);

#endif
