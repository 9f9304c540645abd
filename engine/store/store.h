/*
** store.h — the SQLite run database under the engine and the reports.
**
** A Store is one sqlite3 connection plus a cache of prepared statements.
** Modules keep their SQL next to their code as static strings and ask
** store_write() for a write statement, store_stmt() for a query: it is
** prepared once (keyed by the string's address) and handed back without
** values. Writes go through the store's own values (store_put_*) so that
** a run can hand them to a background writer thread (store_background).
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

/* The connection, for the caller's own use now (queued writes have run). */
sqlite3 *store_db(Store *pStore);

/* The cached statement for zSql (a string with static storage duration),
** reset and with bindings cleared, to bind and step directly: a query (or
** a write whose result the caller reads at once, such as its rowid). NULL
** if it could not be prepared (the error is latched as with store_run). */
sqlite3_stmt *store_stmt(Store *pStore, const char *zSql);

/* A write statement (INSERT, UPDATE, DELETE; no result rows) of the
** cache, with no values yet; NULL if it could not be prepared (latched).
** Give it values with store_put_* and run it with store_run. The handle
** stays the store's. */
typedef struct StoreStmt StoreStmt;
StoreStmt *store_write(Store *pStore, const char *zSql);

/* The value of parameter i (1-based) of s; s may be NULL (ignored). Text is
** read when the statement runs or is queued: it must stay valid until
** store_run. NULL z is SQL NULL; n<0 reads z to its NUL. */
void store_put_int(StoreStmt *s, int i, int64_t v);
void store_put_double(StoreStmt *s, int i, double r);
void store_put_null(StoreStmt *s, int i);
void store_put_text(StoreStmt *s, int i, const char *z);
void store_put_textn(StoreStmt *s, int i, const char *z, int n);
void store_put_opt_int(StoreStmt *s, int i, int64_t v, int bNull);
/* Its number of parameters. */
int store_param_count(const StoreStmt *s);

/* Run a write statement to completion (or queue it, in the background);
** latch any error. NULL s (a failed store_write) is accepted and ignored.
** Returns 0, or -1 when an error is latched. */
int store_run(Store *pStore, StoreStmt *s);

/* Write in the background (bOn 1): store_run queues each statement with a
** copy of its values, and a writer thread (writer.h) runs them in order
** while the caller goes on; the database is the same as when written in
** line. Anything else that uses the connection (store_stmt, store_db,
** store_exec, a transaction, a new statement) waits for the queue first.
** A queued statement's failure is latched when the store next waits for
** the queue. bOn 0 waits, ends the writer and writes in line again. Without
** a thread (or memory for one), or when TENANTSIM_INLINE_WRITES is set in
** the environment, the store keeps writing in line. */
void store_background(Store *pStore, int bOn);

/* Create the indexes readers use (schema_index_sql); call once, when the
** run has written everything, inside its last transaction. */
void store_finish(Store *pStore);

/* Create the indexes on the logs now (schema_log_indexes), as writes: in
** the background they are built while the caller goes on to write the
** users, and store_finish then creates only the users' index. Call at most
** once, when the logs are complete (a later row is still indexed, at the
** cost of an index update). */
void store_index_logs(Store *pStore);

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

/* Helpers for bindings of a store_stmt statement that may be NULL. */
void store_bind_text(sqlite3_stmt *pStmt, int i, const char *z);
void store_bind_opt_int(sqlite3_stmt *pStmt, int i, int64_t v, int bNull);

/* Read one run_info value into a new string (caller frees with mem_free);
** NULL when absent. */
char *store_info(Store *pStore, const char *zKey);
/* Set a run_info value (insert or replace). */
void store_set_info(Store *pStore, const char *zKey, const char *zValue);

#endif
