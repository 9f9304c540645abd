/*
** store.h — the SQLite run database under the engine and the reports.
**
** A Store is one sqlite3 connection plus a cache of prepared statements.
** Modules keep their SQL next to their code as static strings and ask
** store_stmt() for the statement: it is prepared once (keyed by the
** string's address) and handed back reset, with bindings cleared.
**
** Write errors are sticky: store_run() records the first failure and every
** later store_run() is a no-op, so a module can issue a run of writes and
** the caller checks store_failed() once, at its transaction boundary.
*/
#ifndef TS_STORE_H
#define TS_STORE_H
#include <sqlite3.h>
#include <stdint.h>
#include "tserr.h"

typedef struct Store Store;

/* The pragmas store_create sets on a run database (static text), for a
** program that must write one the same way (the bench's baselines). */
const char *store_pragma_sql(void);

/* Create a new run database at zPath (which must not exist) with the
** schema applied. The Store owns the connection; free with store_close. */
int store_create(const char *zPath, Store **ppStore, TsErr *pErr);
/* Open an existing run database read-only (for reports). */
int store_open_readonly(const char *zPath, Store **ppStore, TsErr *pErr);
void store_close(Store *pStore);

sqlite3 *store_db(Store *pStore);

/* The cached statement for zSql (a string with static storage duration),
** reset and with bindings cleared; NULL if it could not be prepared (the
** error is latched as with store_run). */
sqlite3_stmt *store_stmt(Store *pStore, const char *zSql);

/* Step a write statement to completion and reset it; latch any error.
** NULL pStmt (a failed store_stmt) is accepted and ignored. Returns 0 or -1. */
int store_run(Store *pStore, sqlite3_stmt *pStmt);

/* Create the indexes readers use (schema_index_sql); call once, when the
** run has written everything, inside its last transaction. */
void store_finish(Store *pStore);

/* Execute SQL text with no result rows (schema, pragmas); latch errors. */
int store_exec(Store *pStore, const char *zSql);

/* Transactions: BEGIN / COMMIT / ROLLBACK. store_commit returns the latched
** error (rolling back instead) if any write of the transaction failed. */
int store_begin(Store *pStore);
int store_commit(Store *pStore, TsErr *pErr);
void store_rollback(Store *pStore);

/* The latched error: 0 when every write succeeded. store_error copies the
** message into pErr (as TS_IOERR) and returns TS_IOERR, or TS_OK. */
int store_failed(const Store *pStore);
int store_error(const Store *pStore, TsErr *pErr);

/* Helpers for bindings that may be NULL. */
void store_bind_text(sqlite3_stmt *pStmt, int i, const char *z);
void store_bind_opt_int(sqlite3_stmt *pStmt, int i, int64_t v, int bNull);

/* Read one run_info value into a new string (caller frees with mem_free);
** NULL when absent. */
char *store_info(Store *pStore, const char *zKey);
/* Set a run_info value (insert or replace). */
void store_set_info(Store *pStore, const char *zKey, const char *zValue);

#endif
