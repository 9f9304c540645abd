/*
** report_scan.h — the per-job sums a report takes from the run's two
** biggest tables, changes and provisioning_log (with the narrative's group
** syncs and stagedDelete counts), each read in ONE pass for
** every job at once (report_scan.c), and the user figures from one pass
** over users (report_scan_users.c).
**
** Asking SQLite for them job by job costs a pass per job and per figure
** (the job's index on provisioning_log makes every row a b-tree seek), and
** the latency percentiles a sort per job; at a million users that was most
** of a report's time. report_build.c makes the scan and frees it; the
** narrative reads the initial assignment's sums from it.
*/
#ifndef TS_REPORT_SCAN_H
#define TS_REPORT_SCAN_H
#include "reportInt.h"

/* The sums of one job (or of the whole run). */
typedef struct ReportScanJob {
  /* changes: every row, then outcome converged, superseded, reverted, held,
  ** never (ReportConv's order). */
  int64_t anOutcome[6];
  /* converged_at - at of the converged changes, ascending once loaded. */
  int64_t *aLat;
  int64_t nLat, nLatAlloc;
  /* provisioning_log: successful create, update, disable, delete; status
  ** skipped; status failure (ReportJob's nCreate..nFailures). */
  int64_t anExport[6];
  /* error codes of rows with status failure or warning and their counts,
  ** by count descending, then code (byte order) once loaded. */
  ReportCount *aError;
  int nError, nErrorAlloc;
  /* The initial assignment's changes (action NULL), for the narrative:
  ** how many, the first one's instant, by outcome (converged, superseded,
  ** reverted, held, never), the last converged_at of the converged ones
  ** (0 when none), and the reasons of the held and never ones with their
  ** counts (a NULL reason is zName NULL), the most frequent first, then
  ** by reason (NULL first) once loaded. */
  int64_t nInitial, tInitialFirst, anInitial[5], tInitialLast;
  ReportCount *aInitialWhy;
  int nInitialWhy, nInitialWhyAlloc;
} ReportScanJob;

/* The groups group sync wrote (status success) in one cycle of one job:
** the first and last activity_at and how many were created, updated,
** deleted. bNoCycle: the rows have no cycle (iCycle meaningless). */
typedef struct ReportGroupSync {
  int64_t iJob, iCycle, tFirst, tLast, nCreate, nUpdate, nDelete;
  int bNoCycle;
} ReportGroupSync;

/* How many stagedDelete rows cycle iCycle wrote. */
typedef struct ReportStaged {
  int64_t iCycle, n;
} ReportStaged;

/* The soft-deleted users of one tenant hard-deleted on one day: the
** first one's purged_at and how many. */
typedef struct ReportPurge {
  int64_t iTenant, iDay, tFirst, n;
} ReportPurge;

struct ReportScan {
  ReportScanJob all;       /* every job together */
  ReportScanJob *aJob;     /* indexed by jobs.idx; owned */
  int64_t nJob;
  /* From the pass over provisioning_log: the group syncs by tFirst, then
  ** job, then cycle (no cycle first); the cycles' stagedDelete counts by
  ** cycle (report_scan_staged finds one). Both owned. */
  ReportGroupSync *aGroupSync;
  int64_t nGroupSync, nGroupSyncAlloc;
  ReportStaged *aStaged;
  int64_t nStaged, nStagedAlloc;
  /* From the one pass over users (report_scan_users): the declared users
  ** (creation_type NULL), in all and per tenant in anTenantOwn, the live B2B users (creation_type Invitation,
  ** neither deleted nor purged), and the hard deletions of soft-deleted
  ** users per tenant and day, by tFirst then tenant; aPurge owned. */
  int64_t nSourceUsers, nB2bLive;
  /* The rows of provisioning_log (counted by its pass) and of audit_log
  ** (counted beside the pass over users). */
  int64_t nLogRows, nAuditRows;
  ReportPurge *aPurge;
  int64_t nPurge, nPurgeAlloc;
  /* The ids, ascending, of the live accepted B2B users the scenario
  ** declared with no home identity (creation_type Invitation, no
  ** created_by_job, no alt_sec_id): the candidates of the report's users
  ** present before the run; owned. */
  int64_t *aPreId;
  int64_t nPreId, nPreIdAlloc;
  /* The ids, ascending, of every user deleted or purged (the orphans'
  ** "source user gone", without a look-up of each link's user); owned. */
  int64_t *aGoneId;
  int64_t nGoneId, nGoneIdAlloc;
  /* The declared users of each tenant, indexed by tenants.idx; owned. */
  int64_t *anTenantOwn;
  int64_t nTenantOwn;
  /* The users each job created that are live at the end of the run
  ** (created_at <= end_t, not deleted by then), indexed by jobs.idx, for
  ** the trust paths at the end (trust_build_end); owned. */
  int64_t *anCreatedLive;
  int64_t nCreatedLive;
};

/* Read changes and provisioning_log once each, and users once, into
** *pScan (which the function initialises); users is read in a second
** thread on a second read-only connection to the same file when one can be
** had, in line after the others otherwise. tStartEpoch as for
** report_scan_users. TS_OK, TS_IOERR, TS_NOMEM, or TS_ERR when a job index
** is not one a run writes; with pErr filled (the first pass's error when
** both fail). Free with report_scan_free in every case. */
int report_scan_all(Store *pStore, ReportScan *pScan, int64_t tStartEpoch, TsErr *pErr);

/* The sums of job iJob, or of the whole run when iJob<0: never NULL (a job
** without rows has zero sums). Owned by pScan. */
const ReportScanJob *report_scan_job(const ReportScan *pScan, int64_t iJob);

/* Read users once into pScan's user figures; tStartEpoch is the run's
** start (the days of the hard deletions are days of the calendar).
** TS_OK, TS_IOERR or TS_NOMEM with pErr filled (report_scan_users.c). */
int report_scan_users(Store *pStore, ReportScan *pScan, int64_t tStartEpoch, TsErr *pErr);

/* How many stagedDelete rows cycle iCycle wrote (0 when none). */
int64_t report_scan_staged(const ReportScan *pScan, int64_t iCycle);

void report_scan_free(ReportScan *pScan);

#endif
