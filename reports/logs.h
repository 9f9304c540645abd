/*
** logs.h — a run's provisioning log exported in the shapes real tools read.
**
** logs_write() reads the provisioning_log table of a run database (with the
** jobs, cycles, tenants, users and audit_log rows it refers to) and writes
** it either as the body of Microsoft Graph's GET /auditLogs/provisioning
** (one provisioningObjectSummary per row) or as rows of Azure Monitor's
** AADProvisioningLogs table, one JSON object per line. Rows are streamed:
** memory does not grow with the number of rows. The same database always
** gives the same bytes (nothing depends on the clock, the host or
** addresses). reports/logs.c documents every value that the database does
** not hold and had to be derived or guessed.
*/
#ifndef TS_LOGS_H
#define TS_LOGS_H
#include <stdio.h>
#include "store.h"

typedef enum LogsFormat {
  LOGS_GRAPH = 0,          /* {"@odata.context": ..., "value": [ ... ]} */
  LOGS_MONITOR             /* AADProvisioningLogs rows, JSON Lines */
} LogsFormat;

/* The format named zName ("graph" or "monitor"). Returns 0 and sets *pe,
** or -1 (and leaves *pe alone) for any other name, NULL included. */
int logs_format_parse(const char *zName, LogsFormat *pe);

/* Write the provisioning log of the run in pStore to out in format eFormat,
** ordered by activity time then row id; only the rows of the job whose key
** is zJob when zJob is not NULL. pStore is only read; out is written, not
** closed or flushed beyond what stdio does.
**
** Returns TS_OK; TS_ERR with pErr filled when zJob names no job or the
** database is inconsistent (no run_info 'start', a malformed
** modified_properties value); TS_IOERR when the database cannot be read or
** out cannot be written; TS_NOMEM. On failure part of the output may have
** been written already: write to a temporary file and rename it into place
** only on success. */
int logs_write(Store *pStore, LogsFormat eFormat, const char *zJob, FILE *out,
               TsErr *pErr);

#endif
