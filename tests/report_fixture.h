/*
** report_fixture.h — the run databases the suites of reports/ read
** (test_report, test_html, test_mdcsv, test_diff, test_logs), in one
** style, rfx_*. Two kinds:
**   - a hand-made database: rfx_open() creates one in /tmp with
**     store_create() and the rows of a finished one-day run, rfx_add_*()
**     insert the rows a test states its rule in (pairs, cycles, changes,
**     provisioning log entries), rfx_close() removes it;
**   - a run database: rfx_run() runs a scenario given as text through the
**     engine into a new file in /tmp (run_fixture.h).
** and what the tests take of either: one-value queries (rfx_db_int), SQL
** on the file (rfx_db_exec), a read-only Store (rfx_store) and its Report
** (rfx_report, rfx_report_of), the Report as JSON or text (rfx_json_of,
** rfx_write_of) with members by dotted path (rfx_at, rfx_num_at,
** rfx_str_at), its one orphan (rfx_only_orphan), and a run with something
** in every section (rfx_populate); and the logs of a run (rfx_run_logs,
** rfx_logs_export, rfx_logs_graph) with JSON look-ups by whole key
** (rfx_item, rfx_str, rfx_value) and regular-expression matches
** (rfx_matches); and the Diff of two runs (rfx_diff) as one of its
** writers writes it (rfx_diff_written).
**
** Each test builds its own fixture: an SQLite connection is never shared
** across Check's fork. Every helper fails the test (ck_assert) instead of
** returning an error. The functions are static inline so that each suite
** takes only those it uses (the Makefile compiles tests/test_*.c only).
*/
#ifndef TS_REPORT_FIXTURE_H
#define TS_REPORT_FIXTURE_H
#include <check.h>
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "store.h"
#include "schema.h"
#include "diff.h"
#include "report.h"
#include "logs.h"
#include "run_fixture.h"

/* A hand-made database: its file and the read-write Store on it. */
typedef struct Rfx {
  char zPath[64];
  Store *pStore;
} Rfx;

/* Run SQL (a printf format) on f's database; it must succeed. */
static inline void rfx_sql(Rfx *f, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 2, 3)))
#endif
  ;
static inline void rfx_sql(Rfx *f, const char *zFmt, ...){
  char zSql[4096];
  char *zErr = NULL;
  va_list ap;
  int rc;
  va_start(ap, zFmt);
  vsnprintf(zSql, sizeof(zSql), zFmt, ap);
  va_end(ap);
  rc = sqlite3_exec(store_db(f->pStore), zSql, NULL, NULL, &zErr);
  ck_assert_msg(rc==SQLITE_OK, "%s: %s", zSql, zErr ? zErr : "?");
  sqlite3_free(zErr);
}

/* A new path /tmp/<zPrefix>-XXXXXX in zPath[n] that does not exist yet
** (for a database or a directory the code under test must create). */
static inline void rfx_temp_path(char *zPath, size_t n, const char *zPrefix){
  int fd;
  snprintf(zPath, n, "/tmp/%s-XXXXXX", zPrefix);
  fd = mkstemp(zPath);
  ck_assert_int_ge(fd, 0);
  close(fd);
  unlink(zPath);
}

/* A finished run of one day: scenario "unit", seed 42, started
** 2026-03-02T08:00:00Z; tenants src (0) and tgt (1); job 0 "src-to-tgt"
** (Active, started at 0) and no rows in any log. Close with rfx_close. */
static inline void rfx_open(Rfx *f){
  TsErr err;
  tserr_clear(&err);
  rfx_temp_path(f->zPath, sizeof(f->zPath), "tsreport");
  ck_assert_msg(store_create(f->zPath, &f->pStore, &err)==0, "%s", err.zMsg);
  rfx_sql(f, "INSERT INTO run_info VALUES('scenario','unit'),('seed','42'),"
             "('start','2026-03-02T08:00:00Z'),('duration','P1D'),('end_t','86400'),"
             "('version','0.9.0')");
  rfx_sql(f, "INSERT INTO tenants(idx,key,tenant_id,domain,cloud,licences) VALUES(0,'src',"
             "'00000000-0000-0000-0000-00000000000a','src.example','commercial','P1'),"
             "(1,'tgt','00000000-0000-0000-0000-00000000000b','tgt.example','commercial','P1')");
  rfx_sql(f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
             "schedule_state,gate_error,started_at) VALUES(0,'src-to-tgt','Azure2Azure.a.b',"
             "0,1,'assigned',2400,'Active','Active',NULL,0)");
}

/* Close f's Store and remove its file. */
static inline void rfx_close(Rfx *f){
  store_close(f->pStore);
  f->pStore = NULL;
  unlink(f->zPath);
}

/* Add source user n (key "u<n>") of tenant iSrc and its B2B target user
** 100+n in tenant iTgt ("obj-<n>", "u<n>_src#EXT#@tgt"), linked by job
** iJob, with desired state zState/zReason since tSince. For state
** "disabled" the target user is disabled too (the disable was synced). */
static inline void rfx_add_pair_in(Rfx *f, int iJob, int iSrc, int iTgt, int n,
                                   const char *zState, const char *zReason, int tSince){
  rfx_sql(f, "INSERT INTO users(id,tenant,key,object_id,account_enabled,user_principal_name,"
             "display_name,user_type,created_at) VALUES(%d,%d,'u%d','src-%d',1,"
             "'u%d@src.example','User %d','Member',0)", n, iSrc, n, n, n, n);
  rfx_sql(f, "INSERT INTO users(id,tenant,key,object_id,alt_sec_id,creation_type,account_enabled,"
             "user_principal_name,display_name,user_type,created_at,created_by_job)"
             " VALUES(%d,%d,NULL,'obj-%03d','alt-%d','Invitation',%d,"
             "'u%03d_src.example#EXT#@tgt.example','User %d','Member',10,%d)",
          100+n, iTgt, n, n, strcmp(zState, "disabled")!=0, n, n, iJob);
  rfx_sql(f, "INSERT INTO links VALUES(%d,%d,%d,'alt-%d','created',10,NULL)",
          iJob, n, 100+n, n);
  if( zReason ){
    rfx_sql(f, "INSERT INTO desired VALUES(%d,%d,'%s','%s',%d)", iJob, n, zState, zReason, tSince);
  }else{
    rfx_sql(f, "INSERT INTO desired VALUES(%d,%d,'%s',NULL,%d)", iJob, n, zState, tSince);
  }
}

/* rfx_add_pair_in for job 0 from src (0) to tgt (1). */
static inline void rfx_add_pair(Rfx *f, int n, const char *zState, const char *zReason,
                                int tSince){
  rfx_add_pair_in(f, 0, 0, 1, n, zState, zReason, tSince);
}

/* A cycle of job iJob; tEnded<0 means still running (ended NULL); zState
** may be NULL. */
static inline void rfx_add_cycle(Rfx *f, int iJob, const char *zKind, int tBegan, int tEnded,
                                 const char *zState){
  char zEnded[32], zSt[64];
  if( tEnded<0 ) snprintf(zEnded, sizeof(zEnded), "NULL");
  else snprintf(zEnded, sizeof(zEnded), "%d", tEnded);
  if( zState ) snprintf(zSt, sizeof(zSt), "'%s'", zState);
  else snprintf(zSt, sizeof(zSt), "NULL");
  rfx_sql(f, "INSERT INTO cycles(job,cycle_id,kind,began,ended,state)"
             " VALUES(%d,'c-%d','%s',%d,%s,%s)", iJob, tBegan, zKind, tBegan, zEnded, zSt);
}

/* A change of job iJob at tAt, converged after nLatency seconds (<0: never
** converged, open at the end). */
static inline void rfx_add_change(Rfx *f, int iJob, int tAt, int nLatency){
  if( nLatency<0 ){
    rfx_sql(f, "INSERT INTO changes(at,job,source_user,cause,outcome,reason)"
               " VALUES(%d,%d,1,'edit','never','pending_next_cycle')", tAt, iJob);
  }else{
    rfx_sql(f, "INSERT INTO changes(at,job,source_user,cause,outcome,converged_at,closed_at)"
               " VALUES(%d,%d,1,'edit','converged',%d,%d)", tAt, iJob, tAt+nLatency,
            tAt+nLatency);
  }
}

/* A change of job iJob at tAt with outcome zOutcome (superseded, reverted,
** held), closed after nAfter seconds (<0: open at the end). */
static inline void rfx_add_change_as(Rfx *f, int iJob, int tAt, const char *zOutcome,
                                     int nAfter){
  if( nAfter<0 ){
    rfx_sql(f, "INSERT INTO changes(at,job,source_user,cause,outcome,reason)"
               " VALUES(%d,%d,1,'edit','%s','job_paused')", tAt, iJob, zOutcome);
  }else{
    rfx_sql(f, "INSERT INTO changes(at,job,source_user,cause,outcome,closed_at)"
               " VALUES(%d,%d,1,'edit','%s',%d)", tAt, iJob, zOutcome, tAt+nAfter);
  }
}

/* A provisioning log row of job iJob (error code zCode may be NULL). */
static inline void rfx_add_log(Rfx *f, int iJob, const char *zAction, const char *zStatus,
                               const char *zCode){
  char zC[64];
  if( zCode ) snprintf(zC, sizeof(zC), "'%s'", zCode);
  else snprintf(zC, sizeof(zC), "NULL");
  rfx_sql(f, "INSERT INTO provisioning_log_rows(activity_at,job,cycle,change_id,action,status,"
             "error_code,duration_ms,change_type,scope_active,scope_assigned,scope_filter,"
             "modified_properties) VALUES(100,%d,1,'x','%s','%s',%s,5,'Add',1,1,1,'[]')",
          iJob, zAction, zStatus, zC);
}

/* Validate scenario zText (zName names it in messages) and run it into a
** new database /tmp/<zName>-XXXXXX whose path goes to zDb[n]; the test
** fails on an invalid scenario or a failed run. The caller unlinks zDb. */
static inline void rfx_run(const char *zName, const char *zText, char *zDb, size_t n){
  fixture_run(zName, zName, zText, zDb, n);
}

/* A read-only Store on the database at zDb (close with store_close). */
static inline Store *rfx_store(const char *zDb){
  Store *pStore = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_msg(store_open_readonly(zDb, &pStore, &err)==TS_OK, "%s: %s", zDb, err.zMsg);
  return pStore;
}

/* The Diff of run databases zA (old) and zB (new), which must build (free
** with diff_free). */
static inline Diff *rfx_diff(const char *zA, const char *zB){
  Store *pA = rfx_store(zA), *pB = rfx_store(zB);
  Diff *p = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_msg(diff_build(pA, pB, &p, &err)==TS_OK, "%s", err.zMsg);
  store_close(pA);
  store_close(pB);
  return p;
}

/* Diff p as writer xWrite (diff_write_text, diff_write_json,
** diff_html_write) writes it, which must succeed (free()). */
static inline char *rfx_diff_written(const Diff *p, int (*xWrite)(const Diff*, FILE*)){
  FILE *f = tmpfile();
  char *z;
  long n;
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(xWrite(p, f), 0);
  n = ftell(f);
  ck_assert_int_ge(n, 0);
  rewind(f);
  z = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(z);
  ck_assert_int_eq(fread(z, 1, (size_t)n, f), (size_t)n);
  z[n] = 0;
  fclose(f);
  return z;
}

/* The Report of pStore, which must build (free with report_free). */
static inline Report *rfx_report(Store *pStore){
  Report *p = NULL;
  TsErr err;
  tserr_clear(&err);
  ck_assert_msg(report_build(pStore, &p, &err)==TS_OK, "report_build: %s", err.zMsg);
  ck_assert_ptr_nonnull(p);
  return p;
}

/* The Report of the database at zDb (free with report_free). */
static inline Report *rfx_report_of(const char *zDb){
  Store *pStore = rfx_store(zDb);
  Report *p = rfx_report(pStore);
  store_close(pStore);
  return p;
}

/* The first column of the one-row query zSql on the database at zDb (with
** ?1 bound to zBind when not NULL), as an integer. */
static inline int64_t rfx_db_int(const char *zDb, const char *zSql, const char *zBind){
  sqlite3 *db = NULL;
  sqlite3_stmt *pStmt = NULL;
  int64_t v;
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_msg(sqlite3_prepare_v2(db, zSql, -1, &pStmt, NULL)==SQLITE_OK, "bad SQL: %s", zSql);
  if( zBind ) sqlite3_bind_text(pStmt, 1, zBind, -1, SQLITE_TRANSIENT);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  v = sqlite3_column_int64(pStmt, 0);
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  return v;
}

/* Run SQL that must succeed on the database at zDb (read-write). */
static inline void rfx_db_exec(const char *zDb, const char *zSql){
  sqlite3 *db = NULL;
  char *zErr = NULL;
  int rc;
  ck_assert_int_eq(sqlite3_open(zDb, &db), SQLITE_OK);
  rc = sqlite3_exec(db, zSql, NULL, NULL, &zErr);
  ck_assert_msg(rc==SQLITE_OK, "%s: %s", zSql, zErr ? zErr : "?");
  sqlite3_free(zErr);
  sqlite3_close(db);
}

/* ---- what the tests read of a Report: its JSON or text, JSON members by
** dotted path, its one orphan */

/* The JSON (bJson) or text of p, as a malloc'ed string (free()). */
static inline char *rfx_write_of(const Report *p, int bJson){
  char *z = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(bJson ? report_json_write(p, out) : report_text_write(p, out), 0);
  fclose(out);
  return z;
}

static inline cJSON *rfx_json_of(const Report *p){
  char *z = rfx_write_of(p, 1);
  cJSON *pDoc = cJSON_Parse(z);
  ck_assert_msg(pDoc!=NULL, "report JSON does not parse:\n%s", z);
  free(z);
  return pDoc;
}

/* The object member at a dotted path ("convergence.drift.final"). */
static inline cJSON *rfx_at(cJSON *pObj, const char *zPath){
  char zKey[128];
  const char *z = zPath;
  while( pObj && *z ){
    size_t n = strcspn(z, ".");
    snprintf(zKey, sizeof(zKey), "%.*s", (int)n, z);
    pObj = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
    z += n + (z[n]=='.');
  }
  ck_assert_msg(pObj!=NULL, "JSON has no %s", zPath);
  return pObj;
}

static inline double rfx_num_at(cJSON *pObj, const char *zPath){
  cJSON *v = rfx_at(pObj, zPath);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", zPath);
  return v->valuedouble;
}

static inline const char *rfx_str_at(cJSON *pObj, const char *zPath){
  cJSON *v = rfx_at(pObj, zPath);
  ck_assert_msg(cJSON_IsString(v), "%s is not a string", zPath);
  return v->valuestring;
}

/* The one orphan of a report that must have exactly one. */
static inline const ReportOrphan *rfx_only_orphan(const Report *p){
  ck_assert_int_eq(p->nOrphan, 1);
  return &p->aOrphan[0];
}


/* A run with something in every section. When bOther, the same rows are
** inserted in another order and with other user ids, which must not show. */
static inline void rfx_populate(Rfx *f, int bOther){
  int i;
  rfx_sql(f, "INSERT INTO tenants(idx,key,tenant_id,domain,cloud,licences) VALUES(2,'alpha','00000000-0000-0000-0000-00000000000c',"
         "'alpha.example','commercial','P1')");
  rfx_sql(f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
         "schedule_state,started_at,gate_error) VALUES(1,'src-to-alpha','Azure2Azure.a.c',"
         "0,2,'all',2400,'Quarantine','Active',0,'TargetTenantDisallowsSync')");
  for(i=0; i<6; i++){
    int k = bOther ? 5-i : i;
    int n = bOther ? 40-k : 1+k;       /* a different id for the same user */
    char zSql[512];
    rfx_add_pair_in(f, k%2, 0, 1+(k%2), n, k==0 ? "present" : "absent", k==0 ? NULL : "unassigned",
              300*k);
    /* The visible names do not depend on the id. */
    snprintf(zSql, sizeof(zSql), "UPDATE users SET key='user%d', object_id='oid-%d',"
             " user_principal_name='guest%d#EXT#@t', display_name='Guest %d' WHERE id=%d",
             k, k, k, k, 100+n);
    rfx_sql(f, "%s", zSql);
    rfx_sql(f, "UPDATE users SET key='user%d' WHERE id=%d", k, n);
  }
  for(i=0; i<8; i++){
    int k = bOther ? 7-i : i;
    rfx_add_change(f, k%2, 100*k, k==3 ? -1 : 10*k+5);
  }
  rfx_add_cycle(f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_cycle(f, 1, "initial", 0, 1, "Failed");
  rfx_add_log(f, 0, "create", "success", NULL);
  rfx_add_log(f, 1, "create", "failure", "AzureActiveDirectoryForbidden");
  rfx_sql(f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,100,'assign','a \"quoted\"',3)");
  rfx_sql(f, "INSERT INTO metrics VALUES(900,-1,'drift_zero',0),(900,-1,'drift',0)");
}

/* ---- the logs of a run (test_logs.c, test_provjson.c) */
/* The member zKey of pObj, taken whole (a key may hold a dot:
** "@odata.context"). */
static inline cJSON *rfx_item(const cJSON *pObj, const char *zKey){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  ck_assert_msg(c!=NULL, "no key \"%s\"", zKey);
  return c;
}

/* The string member zKey of pObj. */
static inline const char *rfx_str(const cJSON *pObj, const char *zKey){
  cJSON *c = rfx_item(pObj, zKey);
  ck_assert_msg(cJSON_IsString(c), "\"%s\" is not a string", zKey);
  return c->valuestring;
}

/* The "value" array of a Graph document. */
static inline cJSON *rfx_value(cJSON *pDoc){
  cJSON *v = cJSON_GetObjectItemCaseSensitive(pDoc, "value");
  ck_assert_msg(cJSON_IsArray(v), "no \"value\" array");
  return v;
}

/* Whether z matches the POSIX extended regular expression zPattern. */
static inline int rfx_matches(const char *zPattern, const char *z){
  regex_t re;
  int rc;
  ck_assert_int_eq(regcomp(&re, zPattern, REG_EXTENDED|REG_NOSUB), 0);
  rc = regexec(&re, z, 0, NULL, 0);
  regfree(&re);
  return rc==0;
}

/* A GUID as Graph writes one, for rfx_matches. */
#define RFX_GUID_RE "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

/* ================================================================ the provisioning log */

/* Run the scenario of the provisioning-log suites (test_logs,
** test_provjson) into a new database whose path goes to zDb[n] (the
** caller unlinks it):
**   tenants src (alice, bob, carol, dave; dave disabled), tga, tgb;
**   job src-to-a: scope all, scoping filter department EQUALS Sales —
**     alice and bob are created, carol is filtered out (skipped), dave is
**     disabled (skipped); at PT2H alice moves to Ops and is soft-deleted;
**   job src-to-b: alice assigned — created, then updated (Sales -> Ops). */
static inline void rfx_run_logs(char *zDb, size_t n){
  static const char zScenario[] =
    "{\"name\":\"logs-unit\",\"seed\":7,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"PT6H\","
    " \"tenants\":["
    "  {\"key\":\"src\",\"domain\":\"src.example\",\"groups\":[{\"key\":\"team\"}],"
    "   \"users\":["
    "    {\"key\":\"alice\",\"displayName\":\"Alice Adams\",\"department\":\"Sales\",\"groups\":[\"team\"]},"
    "    {\"key\":\"bob\",\"displayName\":\"Bob Brown\",\"department\":\"Sales\",\"groups\":[\"team\"]},"
    "    {\"key\":\"carol\",\"displayName\":\"Carol Clark\",\"department\":\"Finance\",\"groups\":[\"team\"]},"
    "    {\"key\":\"dave\",\"displayName\":\"Dave Diaz\",\"department\":\"Sales\","
    "     \"accountEnabled\":false,\"groups\":[\"team\"]}]},"
    "  {\"key\":\"tga\",\"domain\":\"tga.example\"},"
    "  {\"key\":\"tgb\",\"domain\":\"tgb.example\"}],"
    " \"policies\":["
    "  {\"tenant\":\"tga\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
    "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
    "  {\"tenant\":\"tgb\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
    "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
    "  {\"tenant\":\"src\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
    " \"jobs\":["
    "  {\"key\":\"src-to-a\",\"source\":\"src\",\"target\":\"tga\",\"scope\":\"all\","
    "   \"scopingFilters\":[{\"title\":\"Sales only\",\"clauses\":[{\"attribute\":\"department\","
    "    \"operator\":\"EQUALS\",\"value\":\"Sales\"}]}]},"
    "  {\"key\":\"src-to-b\",\"source\":\"src\",\"target\":\"tgb\",\"assignments\":{\"users\":[\"alice\"]}}],"
    " \"timeline\":["
    "  {\"at\":\"PT2H\",\"action\":\"update\",\"tenant\":\"src\",\"users\":[\"alice\"],"
    "   \"set\":{\"department\":\"Ops\"}}]}";
  rfx_run("logs-unit", zScenario, zDb, n);
}

/* Export the database at zDb; returns the bytes (free with free()) and
** stores logs_write's status in *pRc and the message in pErr. */
static inline char *rfx_logs_export_rc(const char *zDb, LogsFormat eFormat, const char *zJob,
                                       int *pRc, TsErr *pErr){
  Store *pStore = NULL;
  char *zOut = NULL;
  size_t nOut = 0;
  FILE *out;
  tserr_clear(pErr);
  ck_assert_msg(store_open_readonly(zDb, &pStore, pErr)==TS_OK, "%s", pErr->zMsg);
  out = open_memstream(&zOut, &nOut);
  ck_assert_ptr_nonnull(out);
  *pRc = logs_write(pStore, eFormat, zJob, out, pErr);
  fclose(out);
  store_close(pStore);
  return zOut;
}

/* Export that must succeed. */
static inline char *rfx_logs_export(const char *zDb, LogsFormat eFormat, const char *zJob){
  TsErr err;
  int rc;
  char *z = rfx_logs_export_rc(zDb, eFormat, zJob, &rc, &err);
  ck_assert_msg(rc==TS_OK, "logs_write: %s", err.zMsg);
  return z;
}

/* The Graph document of zDb (zJob: one job or NULL), parsed. */
static inline cJSON *rfx_logs_graph(const char *zDb, const char *zJob){
  char *z = rfx_logs_export(zDb, LOGS_GRAPH, zJob);
  cJSON *p = cJSON_Parse(z);
  ck_assert_msg(p!=NULL, "not JSON: %.300s", z);
  free(z);
  return p;
}

#endif
