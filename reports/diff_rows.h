/*
** diff_rows.h — one run's rows of the diff's pair query, read ahead on a
** thread of their own (diff_rows.c).
**
** A diff of a million pairs spends its time stepping two queries and
** comparing what they give. The rows of the second run are stepped and
** copied on a second thread while the main thread steps the first run and
** compares, so the two halves overlap on two cores. The rows come out in
** the query's order, each column's text copied (NULL stays NULL), exactly
** what sqlite3_column_text gave.
**
** The statement is the reader's from diff_rows_start to diff_rows_stop:
** nothing else may use its connection meanwhile. A DiffRows is made by
** diff_rows_start and freed by diff_rows_stop; a row belongs to the
** DiffRows and is valid until the next diff_rows_next.
*/
#ifndef TS_DIFF_ROWS_H
#define TS_DIFF_ROWS_H
#include <sqlite3.h>
#include <stdint.h>

typedef struct DiffRow {
  const char *const *az;   /* column i's text, NULL for SQL NULL */
  int64_t iKey;            /* column iIntCol as an integer (0 when NULL) */
} DiffRow;

typedef struct DiffRows DiffRows;

/* Read the nCol columns of q's rows on a new thread (q is reset, not yet
** stepped); column iIntCol is also kept as an integer. NULL when out of
** memory or no thread can be had: the caller then steps q itself. */
DiffRows *diff_rows_start(sqlite3_stmt *q, int nCol, int iIntCol);

/* The next row, or NULL when there is none: *prc is then SQLITE_DONE at
** the end, SQLITE_NOMEM when the reader ran out of memory, or the error
** sqlite3_step returned. */
const DiffRow *diff_rows_next(DiffRows *p, int *prc);

/* Stop the reader (early, if rows are left), wait for it and free p.
** NULL is a no-op. The statement is left for the caller to reset. */
void diff_rows_stop(DiffRows *p);

#endif
