/*
** store.c — the SQLite connection and its statement cache (see store.h).
**
** A run database is written once, by one process, into a temporary file
** that the command line renames into place at the end; durability against
** power loss therefore buys nothing, and journal and sync are turned off
** for speed. Atomicity of each cycle or timeline action still comes from
** explicit transactions (rollback works with journal_mode=MEMORY).
*/
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include "mem.h"
#include "schema.h"
#include "writer.h"
#include "store.h"

#define STORE_CACHE 256   /* slots of the statement cache (power of two) */
/* A text this long is not copied into the queue: its statement waits for
** the queue and runs in line (a scenario's JSON in run_info may be the
** size of an imported tenant). */
#define STORE_BIG_TEXT (64*1024)

/* A slot of the statement cache; a write statement's handle. */
struct StoreStmt {
  const char *zKey;        /* address of the SQL text, the cache key */
  sqlite3_stmt *pStmt;
  Store *pStore;
  WriterRec rec;           /* its values, while the store writes in the background */
  int bInline;             /* ... except this one, which holds a large value:
                           ** bound and run in line, after the queue */
};

struct Store {
  sqlite3 *db;
  StoreStmt aSlot[STORE_CACHE];
  Writer *pWriter;         /* the background writer, NULL when writing in line */
  int rcLatched;           /* first write error (SQLite code), 0 if none */
  char zLatched[512];      /* its message */
  int bLogIndexed;         /* store_index_logs ran: the users' index is left */
};

static void store_latch(Store *p, const char *zWhat){
  if( p->rcLatched ) return;
  p->rcLatched = sqlite3_errcode(p->db) ? sqlite3_errcode(p->db) : SQLITE_ERROR;
  snprintf(p->zLatched, sizeof(p->zLatched), "database error in %s: %s",
           zWhat, sqlite3_errmsg(p->db));
}

/* Multi-thread mode: a connection may pass between threads (a run's
** writer thread, store_background) and two connections may work at once in
** two threads (the report's two scans), but no connection is used by two
** threads at once, so its own mutex is left out (SQLITE_CONFIG_MULTITHREAD
** measured no slower than single-thread mode on the 100,000-user bench).
** Memory statistics are pure overhead. The configuration must precede
** SQLite's initialisation; if the process initialised SQLite already it is
** refused, harmlessly. */
static void store_configure_once(void){
  static int bDone = 0;
  if( bDone ) return;
  bDone = 1;
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int store_open_db(const char *zPath, int flags, Store **pp, TsErr *pErr){
  Store *p;
  store_configure_once();
  p = mem_calloc(1, sizeof(Store));
  if( p==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  if( sqlite3_open_v2(zPath, &p->db, flags, NULL)!=SQLITE_OK ){
    tserr_set(pErr, TS_IOERR, "cannot open database %s: %s", zPath,
              p->db ? sqlite3_errmsg(p->db) : "out of memory");
    sqlite3_close(p->db);
    mem_free(p);
    return TS_IOERR;
  }
  *pp = p;
  return TS_OK;
}

/* A run database is a new file renamed into place when complete, so no
** journal on disk and no sync buys anything. Pages stay at SQLite's 4 KiB:
** 16 KiB pages made report 0.93 and the run 0.96 of their wall time at a
** million users, but the run's peak memory grew by half (175 -> 267 MB at
** 100,000 users; 8 KiB: 239 MB), which the 1 GiB budget of a million
** users cannot spare. */
static const char zSqlPragmas[] =
  "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
  "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;";

const char *store_pragma_sql(void){ return zSqlPragmas; }

int store_create(const char *zPath, Store **ppStore, TsErr *pErr){
  Store *p = NULL;
  int rc = store_open_db(zPath, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE, &p, pErr);
  if( rc ) return rc;
  store_exec(p, zSqlPragmas);
  store_exec(p, "BEGIN");
  store_exec(p, schema_sql());
  store_set_info(p, "schema_version", SCHEMA_VERSION);
  store_exec(p, "COMMIT");
  if( store_failed(p) ){
    rc = store_error(p, pErr);
    store_close(p);
    return rc;
  }
  *ppStore = p;
  return TS_OK;
}

int store_open_readonly(const char *zPath, Store **ppStore, TsErr *pErr){
  Store *p = NULL;
  char *zVer;
  int rc = store_open_db(zPath, SQLITE_OPEN_READONLY, &p, pErr);
  if( rc ) return rc;
  zVer = store_info(p, "schema_version");
  if( zVer==NULL || strcmp(zVer, SCHEMA_VERSION)!=0 ){
    rc = tserr_set(pErr, TS_ERR, "%s is not a tenantsim run database%s", zPath,
                   zVer ? " of this version" : "");
    mem_free(zVer);
    store_close(p);
    return rc;
  }
  mem_free(zVer);
  *ppStore = p;
  return TS_OK;
}

void store_close(Store *p){
  int i;
  if( p==NULL ) return;
  store_background(p, 0);
  for(i=0; i<STORE_CACHE; i++){
    sqlite3_finalize(p->aSlot[i].pStmt);
    writer_rec_free(&p->aSlot[i].rec);
  }
  sqlite3_close(p->db);
  mem_free(p);
}

/* Wait for the background writer, if any, to run everything queued, and
** take over its first failure: the connection is then this thread's. */
static void store_sync(Store *p){
  char zErr[512];
  int rc;
  if( p->pWriter==NULL ) return;
  writer_drain(p->pWriter);
  if( !p->rcLatched && (rc = writer_error(p->pWriter, zErr, sizeof(zErr)))!=0 ){
    p->rcLatched = rc;
    snprintf(p->zLatched, sizeof(p->zLatched), "%s", zErr);
  }
}

sqlite3 *store_db(Store *p){
  store_sync(p);
  return p->db;
}

/* The slot of zSql, prepared when new (the writer drained first: only one
** thread may use the connection at a time); NULL latched on failure. */
static StoreStmt *store_slot(Store *p, const char *zSql){
  uintptr_t h = ((uintptr_t)zSql >> 3) * 2654435761u;
  unsigned i = (unsigned)(h & (STORE_CACHE-1));
  unsigned n;
  for(n=0; n<STORE_CACHE; n++, i=(i+1)&(STORE_CACHE-1)){
    StoreStmt *s = &p->aSlot[i];
    if( s->zKey==zSql ) return s;
    if( s->zKey==NULL ){
      store_sync(p);
      if( sqlite3_prepare_v3(p->db, zSql, -1, SQLITE_PREPARE_PERSISTENT,
                             &s->pStmt, NULL)!=SQLITE_OK ){
        store_latch(p, "prepare");
        s->pStmt = NULL;
        return NULL;
      }
      s->zKey = zSql;
      s->pStore = p;
      return s;
    }
  }
  /* The cache is sized well above the number of distinct statements;
  ** running out is a programming error, reported as a database error. */
  if( !p->rcLatched ){
    p->rcLatched = SQLITE_FULL;
    snprintf(p->zLatched, sizeof(p->zLatched), "statement cache full");
  }
  return NULL;
}

/* Reset s's statement and clear its values (the connection must be this
** thread's: no writer, or one that has drained). */
static void store_reset(StoreStmt *s){
  sqlite3_reset(s->pStmt);
  sqlite3_clear_bindings(s->pStmt);
}

/* Bind the values s has queued so far to its statement, now to run in line. */
static void store_replay(StoreStmt *s){
  store_reset(s);
  writer_rec_bind(&s->rec, s->pStmt);
}

sqlite3_stmt *store_stmt(Store *p, const char *zSql){
  StoreStmt *s = store_slot(p, zSql);
  if( s==NULL ) return NULL;
  store_sync(p);
  store_reset(s);
  return s->pStmt;
}

StoreStmt *store_write(Store *p, const char *zSql){
  StoreStmt *s = store_slot(p, zSql);
  if( s==NULL ) return NULL;
  writer_rec_reset(&s->rec);
  s->bInline = 0;
  if( p->pWriter==NULL ) store_reset(s);
  return s;
}

/* Statement s, being built for the queue, is to run in line instead: wait
** for the queue and give the statement the values it has so far. */
static void store_go_inline(StoreStmt *s){
  store_sync(s->pStore);
  store_replay(s);
  s->bInline = 1;
}

/* May s take its next value in line now? It runs in line (without a
** writer, or as store_go_inline made it, once the queue has run). */
static int store_in_line(StoreStmt *s){
  if( s->pStore->pWriter==NULL ) return 1;
  if( !s->bInline ) return 0;
  store_sync(s->pStore);
  return 1;
}

/* Writing in the background failed for want of memory: run what is queued,
** end the writer, and give the statements being built their values so far;
** the store writes in line from now on. */
static void store_inline(Store *p){
  int i;
  store_background(p, 0);
  for(i=0; i<STORE_CACHE; i++){
    StoreStmt *s = &p->aSlot[i];
    if( s->pStmt==NULL || s->rec.n==0 || s->bInline ) continue;
    store_replay(s);
  }
}

void store_background(Store *p, int bOn){
  if( bOn ){
    if( p->pWriter==NULL && getenv("TENANTSIM_INLINE_WRITES")==NULL ){
      p->pWriter = writer_start(p->db);
    }
    return;
  }
  if( p->pWriter==NULL ) return;
  store_sync(p);
  writer_stop(p->pWriter);
  p->pWriter = NULL;
}

/* Values: queued while a writer runs, bound at once otherwise. A value the
** queue has no memory for sends the store back to writing in line. */
void store_put_int(StoreStmt *s, int i, int64_t v){
  if( s==NULL ) return;
  if( !store_in_line(s) ){
    if( writer_rec_int(&s->rec, i, v)==0 ) return;
    store_inline(s->pStore);
  }
  sqlite3_bind_int64(s->pStmt, i, v);
}

void store_put_double(StoreStmt *s, int i, double r){
  if( s==NULL ) return;
  if( !store_in_line(s) ){
    if( writer_rec_double(&s->rec, i, r)==0 ) return;
    store_inline(s->pStore);
  }
  sqlite3_bind_double(s->pStmt, i, r);
}

void store_put_null(StoreStmt *s, int i){
  if( s==NULL ) return;
  if( !store_in_line(s) ){
    if( writer_rec_null(&s->rec, i)==0 ) return;
    store_inline(s->pStore);
  }
  sqlite3_bind_null(s->pStmt, i);
}

void store_put_textn(StoreStmt *s, int i, const char *z, int n){
  if( s==NULL ) return;
  if( !store_in_line(s) ){
    size_t nz = z==NULL ? 0 : n<0 ? strlen(z) : (size_t)n;   /* measured once */
    if( nz>=STORE_BIG_TEXT ){
      store_go_inline(s);
    }else{
      if( writer_rec_text(&s->rec, i, z, (int)nz)==0 ) return;
      store_inline(s->pStore);
    }
  }
  if( z ) sqlite3_bind_text(s->pStmt, i, z, n, SQLITE_STATIC);
  else sqlite3_bind_null(s->pStmt, i);
}

void store_put_text(StoreStmt *s, int i, const char *z){
  store_put_textn(s, i, z, -1);
}

void store_put_opt_int(StoreStmt *s, int i, int64_t v, int bNull){
  if( bNull ) store_put_null(s, i);
  else store_put_int(s, i, v);
}

int store_param_count(const StoreStmt *s){
  return s ? sqlite3_bind_parameter_count(s->pStmt) : 0;
}

int store_run(Store *p, StoreStmt *s){
  int rc;
  if( s==NULL ) return -1;
  if( p->rcLatched ){ writer_rec_reset(&s->rec); return -1; }
  if( s->bInline ){
    store_sync(p);
    s->bInline = 0;
    writer_rec_reset(&s->rec);
    if( p->rcLatched ){ sqlite3_reset(s->pStmt); return -1; }
  }else if( p->pWriter ){
    if( writer_queue(p->pWriter, s->pStmt, &s->rec)==0 ){
      writer_rec_reset(&s->rec);
      return 0;
    }
    /* no memory to queue it: write it, and everything after, in line */
    store_inline(p);
    writer_rec_reset(&s->rec);
  }
  rc = sqlite3_step(s->pStmt);
  if( rc!=SQLITE_DONE && rc!=SQLITE_ROW ){
    store_latch(p, sqlite3_sql(s->pStmt));
    sqlite3_reset(s->pStmt);
    return -1;
  }
  sqlite3_reset(s->pStmt);
  return 0;
}

int store_exec(Store *p, const char *zSql){
  store_sync(p);
  if( p->rcLatched ) return -1;
  if( sqlite3_exec(p->db, zSql, NULL, NULL, NULL)!=SQLITE_OK ){
    store_latch(p, "exec");
    return -1;
  }
  return 0;
}

void store_index_logs(Store *p){
  const char *const *az;
  for(az=schema_log_indexes(); *az; az++) store_run(p, store_write(p, *az));
  p->bLogIndexed = 1;
}

void store_finish(Store *p){
  store_exec(p, p->bLogIndexed ? schema_user_index_sql() : schema_index_sql());
}

int store_begin(Store *p){ return store_exec(p, "BEGIN"); }

int store_commit(Store *p, TsErr *pErr){
  store_sync(p);
  if( p->rcLatched ){
    sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
    return store_error(p, pErr);
  }
  if( store_exec(p, "COMMIT") ){
    sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
    return store_error(p, pErr);
  }
  return TS_OK;
}

void store_rollback(Store *p){
  store_sync(p);
  sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_failed(const Store *p){ return p->rcLatched; }

int store_error(const Store *p, TsErr *pErr){
  if( !p->rcLatched ) return TS_OK;
  return tserr_set(pErr, TS_IOERR, "%s", p->zLatched);
}

void store_bind_text(sqlite3_stmt *pStmt, int i, const char *z){
  if( pStmt==NULL ) return;
  if( z ) sqlite3_bind_text(pStmt, i, z, -1, SQLITE_STATIC);
  else sqlite3_bind_null(pStmt, i);
}

void store_bind_opt_int(sqlite3_stmt *pStmt, int i, int64_t v, int bNull){
  if( pStmt==NULL ) return;
  if( bNull ) sqlite3_bind_null(pStmt, i);
  else sqlite3_bind_int64(pStmt, i, v);
}

static const char zSqlInfoGet[] = "SELECT value FROM run_info WHERE key=?1";
static const char zSqlInfoSet[] =
  "INSERT OR REPLACE INTO run_info(key, value) VALUES(?1, ?2)";

char *store_info(Store *p, const char *zKey){
  sqlite3_stmt *pStmt = store_stmt(p, zSqlInfoGet);
  char *z = NULL;
  if( pStmt==NULL ) return NULL;
  store_bind_text(pStmt, 1, zKey);
  if( sqlite3_step(pStmt)==SQLITE_ROW ){
    z = mem_strdup((const char*)sqlite3_column_text(pStmt, 0));
  }
  sqlite3_reset(pStmt);
  return z;
}

void store_set_info(Store *p, const char *zKey, const char *zValue){
  StoreStmt *s = store_write(p, zSqlInfoSet);
  store_put_text(s, 1, zKey);
  store_put_text(s, 2, zValue);
  store_run(p, s);
}
