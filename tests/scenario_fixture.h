/*
** scenario_fixture.h — the fixture of the scenario suites (test_scenario.c,
** test_scn_model.c): inline scenarios written with ' in place of " so that
** they read like the JSON they stand for (scn() swaps the quotes back),
** parseOk(), which parses one that must load, expectRejected(), which
** asserts one is refused with a message at a place, and
** loadFailingEachAllocation(), the out-of-memory loop of a load. The helpers are static
** inline so that each suite may use any subset of them.
*/
#ifndef TS_SCENARIO_FIXTURE_H
#define TS_SCENARIO_FIXTURE_H
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mem_fixture.h"
#include "mem.h"
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

/* Parse zText, which must be refused as invalid input; its messages, one
** per line, are appended to pErrs (initialised by the caller). */
static inline void parseRejected(const char *zText, StrBuf *pErrs, TsErr *pErr){
  Scenario *p = NULL;
  int rc = scenario_parse(INLINE_FILE, zText, &p, pErrs, pErr);
  ck_assert_msg(rc==TS_ERR, "scenario should be refused as invalid, got rc %d", rc);
  ck_assert_msg(p==NULL, "a refused scenario must not be handed out");
}

/* Does one line of zAll begin with zPrefix and contain zWhat after it? */
static inline int hasMessage(const char *zAll, const char *zPrefix, const char *zWhat){
  size_t nPrefix = strlen(zPrefix);
  while( *zAll ){
    const char *zEol = strchr(zAll, '\n');
    size_t n = zEol ? (size_t)(zEol - zAll) : strlen(zAll);
    char zLine[2048];
    if( n>=sizeof(zLine) ) n = sizeof(zLine)-1;
    memcpy(zLine, zAll, n);
    zLine[n] = 0;
    if( strncmp(zLine, zPrefix, nPrefix)==0 && strstr(zLine+nPrefix, zWhat) ) return 1;
    if( zEol==NULL ) break;
    zAll = zEol+1;
  }
  return 0;
}

/* Assert that zText is refused with a message "inline.json: zWhere: ..."
** containing zWhat. */
static inline void expectRejected(const char *zText, const char *zWhere, const char *zWhat){
  StrBuf errs;
  TsErr err;
  char zPrefix[300];
  strbuf_init(&errs);
  tserr_clear(&err);
  parseRejected(zText, &errs, &err);
  snprintf(zPrefix, sizeof(zPrefix), "%s: %s: ", INLINE_FILE, zWhere);
  ck_assert_msg(hasMessage(strbuf_str(&errs), zPrefix, zWhat),
      "expected a message \"%s...%s\", got:\n%s", zPrefix, zWhat, strbuf_str(&errs));
  strbuf_free(&errs);
}

/* Load scenario file zFile (or, zFile NULL, parse zText) with each
** allocation failing in turn (mem.h; cJSON allocates through it here)
** until it loads: every failure must be out of memory, say so, and hand
** out nothing. Returns the scenario (the caller frees it) and the number of
** the allocation that no longer failed in *pn. */
static inline Scenario *loadFailingEachAllocation(const char *zFile, const char *zText, long *pn){
  Scenario *p = NULL;
  long n;
  int rc = TS_NOMEM;
  mfx_cjson_hooks(1);
  for(n=1; n<1000000 && rc!=TS_OK; n++){
    StrBuf errs;
    TsErr err;
    strbuf_init(&errs);
    tserr_clear(&err);
    p = NULL;
    mem_fail_after(n);
    rc = zFile ? scenario_load(zFile, &p, &errs, &err)
               : scenario_parse(INLINE_FILE, zText, &p, &errs, &err);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld failing gave rc %d: %s%s", n, rc,
                  strbuf_str(&errs), err.zMsg);
    ck_assert_msg((rc==TS_OK)==(p!=NULL), "allocation %ld: rc %d with scenario %p", n, rc, (void*)p);
    if( rc==TS_NOMEM ) ck_assert_msg(strstr(err.zMsg, "out of memory")!=NULL, "%s", err.zMsg);
    strbuf_free(&errs);
    if( rc!=TS_OK ) scenario_free(p);
  }
  mfx_cjson_hooks(0);
  ck_assert_msg(rc==TS_OK, "still failing after %ld allocations", n);
  *pn = n;
  return p;
}

#endif
