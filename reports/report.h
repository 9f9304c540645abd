/*
** report.h — the report of one run, computed from its run database alone.
**
** report_build() reads a Store (engine/schema.c is the contract) and fills
** a Report: the run's header, convergence of source changes, drift and when
** it settled, orphaned guest accounts with the reason each was never
** removed, per-job counters and whole-run totals. report_text_write() and
** report_json_write() print it; neither reads the database again, so
** `tenantsim run` and `tenantsim report DB` print the same thing.
** report_html_write() also draws series (charts) that it reads from the
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
#include "strbuf.h"

/* Latency of converged changes, in seconds, with the changes still open
** at the end of the run (held or never converged) counted as right-
** censored: longer than the run, value unknown (the survival-analysis
** convention). Over the n + nCensored changes, the q-quantile is the
** ceil(q*N)-th smallest latency (nearest rank); when that rank falls among
** the censored ones the quantile is only known to be beyond the end of the
** run (bCensorXX set, the value meaningless). max is censored as soon as
** one change is. All are meaningless when n + nCensored is 0. */
typedef struct ReportLatency {
  int64_t n;               /* latency samples: converged changes */
  int64_t nCensored;       /* held + never converged */
  int64_t p50, p95, max;
  int bCensor50, bCensor95, bCensorMax;
} ReportLatency;

/* How many pairs were out of step at the end for one reason (desired.h:
** out_of_step), and whether the service holds them back on purpose. */
typedef struct ReportWhy {
  char *zReason;           /* job_paused, policy_check_failed, export_failed ... */
  char *zJob;              /* the job (NULL in a job's own list) */
  char *zDetail;           /* most frequent detail (an error code), or NULL */
  int bHeld;
  int64_t n;
} ReportWhy;

/* Convergence of the changes of one job (zJob) or of the whole run
** (zJob NULL); desired.h defines the outcomes. */
typedef struct ReportConv {
  char *zJob;
  int64_t nChanges;        /* rows in changes */
  int64_t nConverged, nSuperseded, nReverted, nHeld, nNever;
  ReportLatency lat;
  /* In step: the pairs out of step at the end, and the instant their drift
  ** last returned to zero (meaningful when nOutOfStep is 0 and bDrifted). */
  int64_t nOutOfStep;
  int bDrifted;            /* was ever out of step */
  int64_t tInStep;
  ReportWhy *aWhy;         /* out of step by reason, largest first */
  int nWhy;
} ReportConv;

/* A (name, count) pair: orphan reasons, provisioning error codes. */
typedef struct ReportCount {
  char *zName;
  int64_t n;
} ReportCount;

/* A live B2B user left in a tenant. Strings may be NULL where the
** database holds NULL (e.g. display_name). Three classes (report.c):
** orphaned, disabled_by_sync (listed, not counted as orphans) and
** preexisting (its home identity unknown before the run began). */
typedef struct ReportOrphan {
  char *zTargetTenant;     /* tenant key of the target user */
  char *zObjectId;         /* target user's object_id */
  char *zUpn;              /* target user's user_principal_name */
  char *zDisplayName;      /* target user's display_name */
  char *zSourceTenant;     /* tenant key of the source user (NULL: unknown) */
  char *zSourceUser;       /* source user's key (NULL: unknown) */
  char *zJob;              /* job key of the link (NULL: none) */
  char *zReason;           /* why it was never removed (report.c lists them) */
  char *zSourceState;      /* deleted | disabled | the desired.reason | unknown */
  int64_t tSince;          /* when the pair stopped being justified */
  int64_t nAge;            /* end_t - tSince, seconds */
} ReportOrphan;

/* A setting that makes a job's checks fail (gate_checks). */
typedef struct ReportSetting {
  char *zTenant;           /* the tenant that must change it */
  char *zPartner;          /* the partner of a cross-tenant setting, or NULL */
  char *zSetting;
} ReportSetting;

/* Why a job is not running normally at the end of the run, with the fix.
** zKind: policy_check_failed, connection_test_failed, quarantined,
** too_many_deletes, paused, escrows_pruned, disabled, not_started; NULL
** when the job has no problem. zCause and zFix are sentences for people,
** the same in every format. */
typedef struct ReportProblem {
  char *zKind;
  int64_t tSince;
  char *zCode;             /* documented error code or quarantine reason */
  char *zMessage;          /* the documented message, or NULL */
  ReportSetting *aSetting;
  int nSetting;
  char *zCause;            /* "failed its policy check from Day 4 08:00 (...)" */
  char *zFix;
} ReportProblem;

/* One sync job: identity, end state, cycle and provisioning-log counters. */
typedef struct ReportJob {
  int64_t iIdx;            /* jobs.idx */
  char *zJob;              /* jobs.key */
  char *zJobId;            /* Azure2Azure.<guid>.<guid> */
  char *zSource, *zTarget; /* tenant keys */
  char *zScope;            /* assigned | all */
  char *zStatus;           /* NotRun, Active, Paused, Quarantine, Disabled or Deleted */
  int64_t tCreated;        /* when the timeline created it (create_job), -1: declared */
  int64_t tDeleted;        /* when it was deleted (delete_job), -1: never */
  char *zGateError;        /* policy-check error, NULL if none */
  int64_t nCycInitial, nCycIncremental, nCycFailed, nCycUnfinished, nCycTotal;
  int64_t nCreate, nUpdate, nDisable, nDelete;   /* successful exports */
  int64_t nSkipped;        /* provisioning_log rows with status skipped */
  int64_t nFailures;       /* ... with status failure */
  ReportCount *aError;     /* most frequent error codes of failed exports,
                           ** count desc then code (skips are not errors) */
  int nError;
  ReportConv conv;         /* convergence of this job's changes */
  ReportProblem prob;
} ReportJob;

/* A target tenant: is it in step with its sources at the end? */
typedef struct ReportTarget {
  char *zTenant;
  int64_t nOutOfStep;      /* pairs of jobs into it out of step at the end */
  int bDrifted;            /* was ever out of step */
  int64_t tInStep;         /* when drift last returned to zero (nOutOfStep 0, bDrifted) */
  ReportWhy *aWhy;         /* out of step by job and reason, largest first */
  int nWhy;
} ReportTarget;

/* One line of the narrative (narrative.c). zText states facts whose
** numbers are aFact, each under a name a test can recompute from the
** database; the timeline's own summary and note are kept apart. */
typedef struct ReportFact {
  const char *zName;       /* static */
  int64_t v;
  char cKind;              /* 'n' a count, 't' an instant, 'd' a duration */
} ReportFact;

typedef struct ReportLine {
  int64_t t;               /* when */
  int64_t iSeq;            /* timeline.seq, 0 for an event of the service */
  char *zKind;             /* the action, or quarantine, fault, escrow ... */
  char *zJob;              /* the job it is about, or NULL */
  char *zSummary;          /* the action's summary without its note; or the event */
  char *zNote;             /* the scenario's note, or NULL */
  char *zText;             /* what followed, in sentences; may be empty */
  ReportFact *aFact;
  int nFact, nFactAlloc;
  int64_t iOrder;          /* order among the lines of one instant */
} ReportLine;

/* One of the scenario's detections evaluated on the run (report_detect.c):
** did the entries it looks for reach its count (within its window) in the
** logs the tenants export, and when. */
typedef struct ReportDetect {
  char *zId, *zName;       /* zName may be NULL */
  char *zLog;              /* audit | provisioning | signin */
  char *zScope;            /* the tenant (audit) or job (provisioning) key, or NULL: all */
  int64_t nCount;          /* entries needed ... */
  int64_t tWithin;         /* ... within this many seconds, -1: any time */
  int64_t tAfter;          /* entries before this instant do not count */
  int64_t nSeen;           /* matching entries in exported logs (at >= tAfter) */
  int64_t nHidden;         /* matching entries in logs no SIEM receives */
  int bDetected;
  int64_t tDetected;       /* when the count was reached (bDetected) */
  char *zEvidence;         /* the entry that completed it, for people (bDetected) */
} ReportDetect;

/* A lint finding of the run (lint_findings, lint.h): from the instant it
** was first seen to the instant it cleared. */
typedef struct ReportFinding {
  char *zRule, *zName;     /* "XTS-S07", "no-delete-action" */
  char *zSeverity;         /* "info" ... "critical" */
  int eSeverity;           /* LintSeverity: 0 info ... 4 critical */
  char *zTenant, *zPartner, *zJob;   /* partner and job may be NULL */
  char *zGroup;            /* a group of the tenant, or NULL */
  char *zSetting, *zValue, *zPath;   /* value and path may be NULL */
  char *zMessage;
  char *zSuppressed;       /* the lint.ignore reason, NULL when it stands */
  int64_t tFirst;          /* first seen */
  int bCleared;
  int64_t tCleared;        /* when it cleared (bCleared) */
} ReportFinding;

typedef struct Report {
  /* Header (run_info). zVersion and zDuration are NULL when absent. */
  char *zVersion, *zScenario, *zSeed, *zStart, *zDuration;
  int64_t tStartEpoch;     /* start as seconds since 1970 */
  int64_t tEnd;            /* run end, seconds from start (end_t) */

  char **azVerdict;        /* the answer first: one to five sentences */
  int nVerdict;

  ReportConv conv;         /* whole run; zJob is NULL */
  ReportTarget *aTarget;   /* the jobs' target tenants, in tenant order */
  int nTarget;

  /* Drift of all targets together (metrics tenant -1). */
  int64_t nDriftFinal;     /* latest 'drift' sample, 0 when none */
  int64_t *aZeroAt;        /* 'drift_zero' instants, ascending */
  int nZeroAt;
  int bLastAction;         /* the timeline has rows */
  int64_t tLastAction;     /* max(timeline.at) when bLastAction */
  int bSettled;            /* nSettle is known (else: never settled) */
  int64_t nSettle;         /* seconds from the last action to zero drift */

  ReportOrphan *aOrphan;   /* orphaned: sorted by target tenant, upn, object_id */
  int nOrphan;
  ReportCount *aOrphanReason;   /* reason -> count, sorted by reason */
  int nOrphanReason;
  ReportOrphan *aDisabled; /* disabled by sync (source_disabled), same order */
  int nDisabled;
  ReportOrphan *aPreexisting;   /* home identity unknown before the run */
  int nPreexisting;

  ReportJob *aJob;         /* in scenario order (jobs.idx) */
  int nJob;

  ReportLine *aLine;       /* the narrative, in time order */
  int nLine;

  ReportDetect *aDetect;   /* the scenario's detections, in its order */
  int nDetect;
  int64_t aSignIn[4];      /* sign_ins rows: all, success, interrupted, failure */

  /* The lint findings over the run (report_lint.c): those standing at the
  ** end first, by severity (critical first), then rule and first seen. */
  ReportFinding *aFinding;
  int nFinding;
  int bLint;               /* the database has the findings table */

  /* Totals. */
  int64_t nSourceUsers;    /* users with creation_type NULL (declared) */
  int64_t nTargetB2bLive;  /* creation_type 'Invitation', not deleted */
  int64_t nProvLog;        /* provisioning_log rows */
  int64_t nAuditLog;       /* audit_log rows */
  int64_t nTimeline;       /* timeline rows */

  /* From the one pass over users: the tenant's own users (creation_type
  ** NULL), indexed by tenants.idx (0 beyond nTenantOwn); owned. */
  int64_t *anTenantOwn;
  int64_t nTenantOwn;
  /* The users each job created that are live at the end, indexed by
  ** jobs.idx (0 beyond nCreatedLive), for the trust paths; owned. */
  int64_t *anCreatedLive;
  int64_t nCreatedLive;
  /* The latencies (converged_at - at) of the run's converged changes,
  ** ascending; INT64_MIN for one without converged_at; owned. */
  int64_t *aLat;
  int64_t nLat;
  /* The error codes of the run's failure and warning rows of
  ** provisioning_log with their counts, the most frequent first, then by
  ** code (byte order); owned. */
  ReportCount *aRunError;
  int nRunError;
} Report;

/* The findings in one sentence, without its full stop ("2 security
** findings stand at the end: 1 high, 1 medium; 1 suppressed; 3 cleared
** during the run") into z. */
char *report_lint_summary(const Report *p, char *z, size_t n);

/* What finding f is about ("job c2f", "contoso, partner evil", "contoso"),
** and when it cleared ("Day 3 10:00", or "stands") into z. */
char *report_lint_objects(const ReportFinding *f, char *z, size_t n);
char *report_lint_cleared(const Report *p, const ReportFinding *f, char *z, size_t n);

/* The counts behind it: standing and not suppressed (of severity e, or
** any when e<0), standing but suppressed, cleared. */
int report_lint_count(const Report *p, int e, int *pnSuppressed, int *pnCleared);

/* How many error codes each ReportJob keeps (the most frequent ones). */
#define REPORT_TOP_ERRORS 10

/* Compute the report of the run database behind pStore. On success store a
** new Report (caller frees with report_free) in *ppReport and return 0.
** On failure return TS_ERR (the database is not a finished tenantsim run:
** a run_info key is missing or malformed), TS_IOERR (a query failed: a
** table is missing, the file is damaged) or TS_NOMEM, with pErr filled and
** *ppReport set to NULL. Only reads; pStore stays owned by the caller. */
int report_build(Store *pStore, Report **ppReport, TsErr *pErr);

/* What detection d did, as every format says it: "fired Day 2 22:02, 2 m
** 19 s after Day 2 22:00", or why it did not fire, into z (at most n
** bytes; REPORT_OUTCOME_SIZE holds any). Returns z. */
#define REPORT_OUTCOME_SIZE 160
char *report_detect_outcome(const Report *p, const ReportDetect *d, char *z, size_t n);

/* Free a Report and everything it owns. NULL is a no-op. */
void report_free(Report *p);

/* Write the human-readable summary (about 20-40 lines) to out. Returns 0,
** or -1 if the text could not be built (out of memory) or written. */
int report_text_write(const Report *p, FILE *out);

/* Write the report as pretty-printed JSON (two-space indent, keys in a
** fixed order, final newline; the shape is documented in report_json.c).
** Returns 0, or -1 on allocation or write failure. */
int report_json_write(const Report *p, FILE *out);

/* Write the report as a Markdown page for training labs: a narrative
** timeline ("Day N HH:MM — summary; picked up by the HH:MM cycle of job;
** all n changes converged by HH:MM"), the metrics, the orphans and the
** jobs as tables (data escaped so that '|', newlines and HTML cannot break
** them). Unlike the other writers it reads the timeline, cycles and
** changes tables of pStore (the database p was built from; still owned by
** the caller). Returns 0, or -1 on a query, allocation or write failure. */
int report_md_write(const Report *p, Store *pStore, FILE *out);

/* Markdown for other pages too (report_md.c; the lint page uses them).
** report_md_text appends z as Markdown text: '<' and '&' as entities (so
** no markup can start; '>' is left as it is, since no line of a page
** starts with data); in a table cell (bCell) '|' and '\' are
** backslash-escaped and line breaks become <br>, elsewhere line breaks
** become spaces. NULL appends "—". report_md_cell appends one table cell
** ("| z ") of data; report_md_head a header row and its separator for
** nCol columns named azHead, zAlign[c] 'r' right-aligning column c. */
void report_md_text(StrBuf *pOut, const char *z, int bCell);
void report_md_cell(StrBuf *pOut, const char *z);
void report_md_head(StrBuf *pOut, int nCol, const char *const *azHead, const char *zAlign);

/* Write the report as one self-contained HTML page: inline CSS, inline
** SVG charts, html_kit's sort-and-filter script as its only script and no
** external reference (the shape is described in report_html.c). The series the Report lacks (drift samples, cycles,
** quarantines, timeline, change latencies, error codes) are read from
** pStore, which must be the database p was built from; pStore stays owned
** by the caller and is only read. Every string from the database is
** HTML-escaped. The same database always gives the same bytes. Returns 0,
** or -1 on allocation, query or write failure (nothing is written then). */
int report_html_write(const Report *p, Store *pStore, FILE *out);

/* Room for any report_format_*() or simtime_format_*() result: an ISO
** instant, a "Day N HH:MM" label, a span ("1 h 29 m") or a count with
** separators, with its NUL. */
#define REPORT_TEXT_SIZE 48

/* Format t (seconds from the run start) as an ISO instant into z[n]
** (n >= 21). Returns z. */
char *report_format_instant(const Report *p, int64_t t, char *z, size_t n);

/* t as "Day N HH:MM" for people (simtime_format_day). Returns z (n >= 32). */
char *report_format_day(const Report *p, int64_t t, char *z, size_t n);

/* An end state's in-step instant for a table cell: "Day 3 08:01", or
** "throughout" (never out of step), or "never" (out of step at the end:
** it never came into step for good). */
char *report_format_in_step(const Report *p, int64_t nOutOfStep, int bDrifted, int64_t tInStep,
                            char *z, size_t n);

/* When job j's configuration came and went, for people: "created Day 1
** 11:05", "deleted Day 2 10:00", both joined by ", ", or "" for a job
** declared from the start and never deleted. Returns z (n >= 80). */
char *report_format_job_life(const Report *p, const ReportJob *j, char *z, size_t n);

/* v with thousands separators ("12,345"). Returns z (n >= 32). */
char *report_format_count(int64_t v, char *z, size_t n);

/* What a reason of out_of_step means, in a few words for people
** ("waiting for the next cycle"); NULL for an unknown reason. */
const char *report_why_text(const char *zReason);

/* The censored share of c's changes, in tenths of a percent (0..1000). */
int64_t report_censored_permille(const ReportLatency *l);

/* A latency quantile for people into z[n]: "1 h 29 m", "> end of run" when
** censored, "-" when there is nothing to measure. Returns z. */
char *report_format_quantile(const ReportLatency *l, int64_t v, int bCensored,
                             char *z, size_t n);

#endif
