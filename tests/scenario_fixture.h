/*
** scenario_fixture.h — the fixture of the scenario suites (test_scenario.c,
** test_scn_model.c): inline scenarios written with ' in place of " so that
** they read like the JSON they stand for (scn() swaps the quotes back),
** and parseOk(), which parses one that must load. The helpers are static
** inline so that each suite may use any subset of them.
*/
#ifndef TS_SCENARIO_FIXTURE_H
#define TS_SCENARIO_FIXTURE_H
#include <check.h>
#include <string.h>
#include "scenario.h"
#include "strbuf.h"
#include "tserr.h"

#define INLINE_FILE "inline.json"

/* A copy of z with every ' turned into ". Returns a static buffer, reused
** by the next call. */
static inline const char *scn(const char *z){
  static char zBuf[16384];
  size_t i, n = strlen(z);
  ck_assert_msg(n<sizeof(zBuf), "inline scenario too long for the test buffer");
  for(i=0; i<=n; i++) zBuf[i] = z[i]=='\'' ? '"' : z[i];
  return zBuf;
}

/* Parse zText, which must load; the caller frees the result. */
static inline Scenario *parseOk(const char *zText){
  Scenario *p = NULL;
  StrBuf errs;
  TsErr err;
  int rc;
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_parse(INLINE_FILE, zText, &p, &errs, &err);
  ck_assert_msg(rc==TS_OK, "scenario should load but was refused (rc %d):\n%s%s",
                rc, strbuf_str(&errs), err.zMsg);
  ck_assert_ptr_nonnull(p);
  strbuf_free(&errs);
  return p;
}

#endif
