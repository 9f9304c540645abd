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

#endif
