/*
** run_fixture.h — run a scenario given as text into a fresh database, for
** the suites that test what is computed from a finished run (reports,
** logs, exports, diffs).
*/
#ifndef TS_RUN_FIXTURE_H
#define TS_RUN_FIXTURE_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "runner.h"
#include "scenario.h"
#include "strbuf.h"

/* Validate scenario zText (zName names it in messages) and run it into a
** new database /tmp/<zPrefix>-XXXXXX whose path goes to zDb[n]; the test
** fails on an invalid scenario or a failed run. The caller unlinks zDb. */
static inline void fixture_run(const char *zPrefix, const char *zName, const char *zText,
                               char *zDb, size_t n){
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  RunOptions opt;
  RunStats stats;
  int fd, rc;
  snprintf(zDb, n, "/tmp/%s-XXXXXX", zPrefix);
  fd = mkstemp(zDb);
  ck_assert_int_ge(fd, 0);
  close(fd);
  unlink(zDb);
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_parse(zName, zText, &pScn, &errs, &err);
  ck_assert_msg(rc==TS_OK, "scenario: %s%s", strbuf_str(&errs), err.zMsg);
  strbuf_free(&errs);
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "test";
  rc = runner_run(pScn, &opt, &stats, &err);
  scenario_free(pScn);
  ck_assert_msg(rc==TS_OK, "run: %s", err.zMsg);
}

/* Run pScn into a new database /tmp/<zPrefix>-XXXXXX (its path to zDb[n])
** with allocation k failing, for k = 1, 2, ... until the run succeeds: every
** failure must be out of memory. Returns the k that no longer failed; the
** successful run's database stays at zDb for the caller, who unlinks it. */
static inline long fixture_run_failing_each_allocation(const Scenario *pScn, const char *zPrefix,
                                                       char *zDb, size_t n){
  RunOptions opt;
  RunStats stats;
  TsErr err;
  long k;
  int rc = -1, fd;
  snprintf(zDb, n, "/tmp/%s-XXXXXX", zPrefix);
  fd = mkstemp(zDb);
  ck_assert_int_ge(fd, 0);
  close(fd);
  for(k=1; k<200000; k++){
    unlink(zDb);
    memset(&opt, 0, sizeof(opt));
    opt.zDbPath = zDb;
    opt.zVersion = "test";
    tserr_clear(&err);
    mem_fail_after(k);
    rc = runner_run(pScn, &opt, &stats, &err);
    mem_fail_after(0);
    if( rc==TS_OK ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld of the run: rc %d (%s)", k, rc, err.zMsg);
  }
  ck_assert_int_eq(rc, TS_OK);
  return k;
}

#endif
