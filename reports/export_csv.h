/*
** export_csv.h — a finished run's tables as CSV files, for spreadsheets.
**
** export_csv() writes changes.csv, cycles.csv, orphans.csv,
** provisioning_log.csv and audit_log.csv into one directory. Every file
** has a header row, RFC 4180 quoting and CRLF line ends; rows come in a
** fixed order, so the same database always gives the same bytes.
*/
#ifndef TS_EXPORT_CSV_H
#define TS_EXPORT_CSV_H
#include "store.h"
#include "tserr.h"

/* Export the run database behind pStore (read only; owned by the caller)
** into the directory zDir, created (one level, mode 0777 less the umask)
** when missing; existing files of the same names are replaced. Instants
** are ISO-8601 UTC, NULL values empty fields. Returns TS_OK; TS_ERR when
** the database is not a finished run (see report_build); TS_IOERR when a
** query fails or the directory or a file cannot be made or written; or
** TS_NOMEM; pErr then names the file. Files already written stay. */
int export_csv(Store *pStore, const char *zDir, TsErr *pErr);

#endif
