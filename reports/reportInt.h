/*
** reportInt.h — what the files that build a Report share (report.c's
** helpers, used by report_build.c, report_problem.c, report_verdict.c and
** the narrative's files, which share more in report_narrativeInt.h); the
** writers and the rest of tenantsim see only report.h.
**
** The helpers wrap the Store's statement cache with the error contract of
** report_build(): a failed query fills pErr with TS_IOERR, a failed
** allocation with TS_NOMEM, and the caller returns that code.
*/
#ifndef TS_REPORTINT_H
#define TS_REPORTINT_H
#include "mem.h"
#include "strbuf.h"
#include "report.h"

/* The cached statement for zSql, or NULL with pErr filled (TS_IOERR). */
sqlite3_stmt *report_stmt(Store *pStore, const char *zSql, TsErr *pErr);

/* Step pStmt. Returns SQLITE_ROW or SQLITE_DONE, or -1 with pErr filled
** (TS_IOERR) and the statement reset. */
int report_step(Store *pStore, sqlite3_stmt *pStmt, TsErr *pErr);

/* Copy z into *pz (NULL stays NULL). TS_OK, or TS_NOMEM with pErr filled. */
int report_dup(const char *z, char **pz, TsErr *pErr);

/* Copy text column i of the current row into *pz; see report_dup. */
int report_col(sqlite3_stmt *pStmt, int i, char **pz, TsErr *pErr);

/* Run the one-row query zSql (binding iBind to ?1 unless iBind<0) and copy
** its first nCol integer columns into *apOut[i]. No row leaves them as they
** were. TS_OK, or TS_IOERR with pErr filled. */
int report_row_ints(Store *pStore, const char *zSql, int64_t iBind,
                    int64_t **apOut, int nCol, TsErr *pErr);

/* Take the text of sb into *pz (sb is left empty). TS_OK, or TS_NOMEM when
** sb ran out of memory while it was built. */
int report_take(StrBuf *sb, char **pz, TsErr *pErr);

/* Fill the temporary table report_cand(job, source_user) with the links
** the orphans query starts from: of an existing job, and not justified
** (desired state not 'present', job deleted, or the source user among the
** ascending ids aGone[nGone]) (report_orphan_cand.c). */
int report_orphan_cand_load(Store *pStore, const int64_t *aGone, int64_t nGone, TsErr *pErr);

/* Fill every job's prob (report_problem.c). */
int report_problem_load(Store *pStore, Report *p, TsErr *pErr);

/* The per-job sums of changes and provisioning_log (report_scan.h). */
typedef struct ReportScan ReportScan;

/* Build p->aLine, the narrative (report_narrative.c, report_events.c);
** pScan gives the initial assignment's changes. */
int report_narrative_load(Store *pStore, Report *p, const ReportScan *pScan, TsErr *pErr);

/* Evaluate the scenario's detections into p->aDetect (report_detect.c). */
int report_detect_load(Store *pStore, Report *p, TsErr *pErr);

/* Load the run's lint findings into p->aFinding (report_lint.c). */
int report_lint_load(Store *pStore, Report *p, TsErr *pErr);

/* Build p->azVerdict from the rest of the Report (report_verdict.c). */
int report_verdict_load(Report *p, TsErr *pErr);

/* Free a ReportLine's strings and facts (not the line itself). */
void report_line_clear(ReportLine *l);

/* Free the strings of an account left behind (not o itself). */
void report_orphan_clear(ReportOrphan *o);

/* The job of p whose key is zJob, or NULL. */
const ReportJob *report_job(const Report *p, const char *zJob);

#endif
