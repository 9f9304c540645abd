/*
** cmd_test.c — `tenantsim test FILE... [--tap] [--junit PATH]`: run
** scenarios and check their expectations, for CI. Exit 0 when all pass, 1
** when one fails or a run fails, 2 for invalid usage or an invalid scenario.
**
** Metric expectations ("orphans.count == 0") are checked against the JSON
** report of the finished run (scn_expect_metric, scenario.h); instant
** expectations (a job's status, a target object's state or attribute at an
** instant) were checked by the run itself and recorded in its expectations table. Each scenario runs
** into a temporary database that is removed afterwards.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "cli_args.h"
#include "mem.h"
#include "report.h"
#include "runner.h"
#include "scenario.h"
#include "strbuf.h"

/* One checked expectation. */
typedef struct TestResult {
  char *zFile;
  char *zName;
  char *zActual;
  int bPass;
} TestResult;

typedef struct TestRun {
  TestResult *a;
  int n, nAlloc;
  int bNoMem;
} TestRun;

static void test_add(TestRun *t, const char *zFile, const char *zName, const char *zActual, int bPass){
  TestResult *r;
  if( mem_grow_int((void**)&t->a, t->n, &t->nAlloc, sizeof(TestResult)) ){
    t->bNoMem = 1;
    return;
  }
  r = &t->a[t->n++];
  r->zFile = mem_strdup(zFile);
  r->zName = mem_strdup(zName);
  r->zActual = mem_strdup(zActual ? zActual : "null");
  r->bPass = bPass;
  if( !r->zFile || !r->zName || !r->zActual ) t->bNoMem = 1;
}

static void test_free(TestRun *t){
  int i;
  for(i=0; i<t->n; i++){
    mem_free(t->a[i].zFile); mem_free(t->a[i].zName); mem_free(t->a[i].zActual);
  }
  mem_free(t->a);
}

/* The report of database zDb as parsed JSON (caller frees), or NULL. */
static cJSON *report_json_of(const char *zDb, TsErr *pErr){
  Store *pStore = NULL;
  Report *pRep = NULL;
  char *zBuf = NULL;
  size_t nBuf = 0;
  FILE *f;
  cJSON *pDoc = NULL;
  if( store_open_readonly(zDb, &pStore, pErr) ) return NULL;
  if( report_build(pStore, &pRep, pErr)==0 && (f = open_memstream(&zBuf, &nBuf))!=NULL ){
    if( report_json_write(pRep, f)==0 ){
      fclose(f);
      pDoc = cJSON_Parse(zBuf);
    }else{
      fclose(f);
    }
    free(zBuf);                     /* open_memstream's buffer is libc's */
  }
  report_free(pRep);
  store_close(pStore);
  return pDoc;
}

/* Run one scenario file and record its expectations. Returns 0, TS_ERR for
** an invalid scenario, or another TS_* code. */
static int test_one(const char *zFile, TestRun *t, FILE *err){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr e;
  RunOptions opt;
  RunStats stats;
  char zDb[64];
  cJSON *pDoc = NULL;
  Store *pStore = NULL;
  int fd, rc, i;
  strbuf_init(&errs);
  tserr_clear(&e);
  rc = scenario_load(zFile, &pScn, &errs, &e);
  if( rc ){
    fputs(errs.n ? strbuf_str(&errs) : e.zMsg, err);
    if( !errs.n ) fputc('\n', err);
    strbuf_free(&errs);
    return rc;
  }
  strbuf_free(&errs);
  errno = 0;
  fd = cli_scratch_name(zDb, sizeof(zDb), "tenantsim-test-XXXXXX") ? -1 : mkstemp(zDb);
  if( fd<0 ){
    fprintf(err, "tenantsim test: cannot create a temporary database %s: %s\n", zDb,
            strerror(errno ? errno : ENAMETOOLONG));
    scenario_free(pScn);
    return TS_IOERR;
  }
  close(fd);
  unlink(zDb);
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "test";
  rc = runner_run(pScn, &opt, &stats, &e);
  if( rc==TS_OK ) pDoc = report_json_of(zDb, &e);
  if( rc==TS_OK && pDoc==NULL ) rc = e.rc ? e.rc : TS_IOERR;
  if( rc ){
    fprintf(err, "tenantsim test: %s: %s\n", zFile, e.zMsg);
    goto remove_db;
  }
  for(i=0; i<pScn->nExpect; i++){
    const char *zMetric = pScn->aExpect[i].zMetric;
    char zActual[300];
    int bPass;
    if( zMetric==NULL ) continue;
    if( scn_expect_metric(pDoc, zMetric, zActual, sizeof(zActual), &bPass) ) continue;
    test_add(t, zFile, zMetric, zActual, bPass);
  }
  if( store_open_readonly(zDb, &pStore, &e)==0 ){
    sqlite3_stmt *q = store_stmt(pStore, "SELECT description, actual, passed FROM expectations"
                                         " ORDER BY idx");
    while( q && sqlite3_step(q)==SQLITE_ROW ){
      test_add(t, zFile, (const char*)sqlite3_column_text(q, 0),
               (const char*)sqlite3_column_text(q, 1), sqlite3_column_int(q, 2));
    }
    if( q ) sqlite3_reset(q);
    store_close(pStore);
  }
remove_db:
  cJSON_Delete(pDoc);
  unlink(zDb);
  scenario_free(pScn);
  return rc;
}

/* Write the results as JUnit XML to zPath (one testsuite per scenario).
** Returns 0 or -1. */
static int write_junit(const TestRun *t, const char *zPath){
  StrBuf b;
  FILE *f;
  int i, nFail = 0, rc;
  strbuf_init(&b);
  for(i=0; i<t->n; i++) nFail += !t->a[i].bPass;
  strbuf_append(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  strbuf_printf(&b, "<testsuites name=\"tenantsim\" tests=\"%d\" failures=\"%d\">\n", t->n, nFail);
  for(i=0; i<t->n; i++){
    if( i==0 || strcmp(t->a[i].zFile, t->a[i-1].zFile)!=0 ){
      int k, n = 0, nF = 0;
      for(k=i; k<t->n && strcmp(t->a[k].zFile, t->a[i].zFile)==0; k++){ n++; nF += !t->a[k].bPass; }
      if( i ) strbuf_append(&b, "  </testsuite>\n");
      strbuf_append(&b, "  <testsuite name=\"");
      strbuf_xml_text(&b, t->a[i].zFile);
      strbuf_printf(&b, "\" tests=\"%d\" failures=\"%d\">\n", n, nF);
    }
    strbuf_append(&b, "    <testcase classname=\"");
    strbuf_xml_text(&b, t->a[i].zFile);
    strbuf_append(&b, "\" name=\"");
    strbuf_xml_text(&b, t->a[i].zName);
    if( t->a[i].bPass ){
      strbuf_append(&b, "\"/>\n");
    }else{
      strbuf_append(&b, "\">\n      <failure message=\"actual: ");
      strbuf_xml_text(&b, t->a[i].zActual);
      strbuf_append(&b, "\"/>\n    </testcase>\n");
    }
  }
  if( t->n ) strbuf_append(&b, "  </testsuite>\n");
  strbuf_append(&b, "</testsuites>\n");
  f = b.bErr ? NULL : fopen(zPath, "w");
  rc = f==NULL || strbuf_write(&b, f) ? -1 : 0;
  if( f && fclose(f) ) rc = -1;
  strbuf_free(&b);
  return rc;
}

static const CliOption aTestOpt[] = {
  { "--tap",   NULL,   CLI_WORD,   "print TAP version 13 instead of PASS/FAIL lines" },
  { "--junit", "PATH", CLI_OUTPUT, "also write JUnit XML to PATH" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int test_exec(int argc, char **argv, FILE *out, FILE *err){
  TestRun t;
  CliArgs a;
  const char *zJunit = NULL;
  int bTap = 0, i, rc, nFiles = 0, rcWorst = 0, nFail = 0;
  memset(&t, 0, sizeof(t));
  cli_args_start(&a, &cmd_test_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--junit") ) zJunit = a.zArg;
    else if( cli_args_is(&a, "--tap") ) bTap = 1;
    else nFiles++;
  }
  if( rc ) return rc;
  if( nFiles==0 ){
    return cli_command_usage(err, &cmd_test_entry, "no scenario FILE given", NULL);
  }
  cli_args_start(&a, &cmd_test_entry, argc, argv);
  while( cli_args_next(&a, err)==1 ){
    if( a.pOpt ) continue;
    rc = cli_input(err, a.zArg, CLI_SCENARIO) ? TS_ERR : test_one(a.zArg, &t, err);
    if( rc==TS_ERR ) rcWorst = 2;
    else if( rc && rcWorst==0 ) rcWorst = 1;
  }
  if( t.bNoMem ){ fprintf(err, "tenantsim test: out of memory\n"); test_free(&t); return 1; }
  if( bTap ) fprintf(out, "TAP version 13\n1..%d\n", t.n);
  for(i=0; i<t.n; i++){
    TestResult *r = &t.a[i];
    nFail += !r->bPass;
    if( bTap ){
      fprintf(out, "%s %d - %s: %s\n", r->bPass ? "ok" : "not ok", i+1, r->zFile, r->zName);
      if( !r->bPass ) fprintf(out, "  ---\n  actual: \"%s\"\n  ...\n", r->zActual);
    }else if( r->bPass ){
      fprintf(out, "PASS %s: %s\n", r->zFile, r->zName);
    }else{
      fprintf(out, "FAIL %s: %s (actual: %s)\n", r->zFile, r->zName, r->zActual);
    }
  }
  if( !bTap ) fprintf(out, "%d passed, %d failed\n", t.n-nFail, nFail);
  if( zJunit && write_junit(&t, zJunit) ){
    fprintf(err, "tenantsim test: cannot write %s\n", zJunit);
    if( rcWorst==0 ) rcWorst = 1;
  }
  test_free(&t);
  if( rcWorst ) return rcWorst;
  return nFail ? 1 : 0;
}

const CliCommand cmd_test_entry = {
  "test",
  "test FILE... [--tap] [--junit PATH]",
  "Run each scenario into a temporary database and check its \"expect\"\n"
  "list; print PASS/FAIL per expectation (or TAP with --tap) and write\n"
  "JUnit XML to PATH with --junit. Exit 0 when all pass, 1 when any\n"
  "fails, 2 for an invalid scenario.",
  aTestOpt, CLI_SCENARIO, -1,
  test_exec
};
