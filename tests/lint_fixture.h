/*
** lint_fixture.h — what the lint suites share (test_lint.c,
** test_lint_authz.c, test_lint_groupsync.c, test_lint_notify.c,
** test_lint_cloud.c): linting a finished run with each allocation failing
** in turn, the SQLite *fault.test pattern; a story run and linted; the
** findings of one rule.
*/
#ifndef TS_LINT_FIXTURE_H
#define TS_LINT_FIXTURE_H
#include <check.h>
#include <string.h>
#include <unistd.h>
#include "lint.h"
#include "mem.h"
#include "run_fixture.h"
#include "store.h"
#include "run_fixture.h"

/* A job's notification e-mail on, to an address: the base stories' jobs
** have it, so that XTS-S06 (test_lint_notify.c) stays silent in them. */
#define LINT_FX_NOTIFY "'notifications': {'enabled': true, 'recipients': 'ops@contoso.com'}"

/* Run scenario zText into a new database (zPrefix names its file) and lint
** it at t into *r (the caller lint_frees it). With zDb the database is
** kept there for the caller, who unlinks it; without, it is removed. */
static inline void lint_fx_lint(const char *zPrefix, const char *zText, SimTime t, LintResult *r,
                                char *zDb, size_t nDb){
  char zOwn[64];
  Store *pStore = NULL;
  TsErr err;
  if( zDb==NULL ){ zDb = zOwn; nDb = sizeof(zOwn); }
  fixture_run(zPrefix, "lint.json", zText, zDb, nDb);
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(lint_run(pStore, t, NULL, 0, r, &err)==TS_OK, "lint: %s", err.zMsg);
  store_close(pStore);
  if( zDb==zOwn ) unlink(zDb);
}

/* How many findings of rule zId r holds; the first into *pf (pf may be NULL). */
static inline int lint_fx_count(const LintResult *r, const char *zId, LintFinding *pf){
  int i, n = 0;
  for(i=0; i<r->nFinding; i++){
    if( strcmp(r->aFinding[i].pRule->zId, zId)!=0 ) continue;
    if( n++==0 && pf ) *pf = r->aFinding[i];
  }
  return n;
}

/* Lint the run database zDb at its end with allocation n failing, for
** n = 1, 2, ... until lint_run succeeds and xWhole accepts its result
** (xWhole asserts what every successful result must hold, and says
** whether this one is whole: a failed read of run_info may still lose the
** paths, never a finding). Every failure must be out of memory; the test
** fails when no n up to 5000 gives a whole result. */
static inline void lint_fx_every_failed_allocation(const char *zDb, int (*xWhole)(const LintResult*)){
  Store *pStore = NULL;
  TsErr err;
  long n;
  int bDone = 0;
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  for(n=1; !bDone && n<5000; n++){
    LintResult r;
    int rc;
    tserr_clear(&err);
    mem_fail_after(n);
    rc = lint_run(pStore, -1, NULL, 0, &r, &err);
    mem_fail_after(0);
    if( rc==TS_OK ){
      bDone = xWhole(&r);
      lint_free(&r);
    }else{
      ck_assert_int_eq(rc, TS_NOMEM);
    }
  }
  ck_assert_msg(bDone, "lint never completed");
  store_close(pStore);
}

/* Run scenario zStory (text, named zName) and lint it at t (-1: the
** end) into *r (the caller lint_frees it); with zDb, the run's database
** is kept there (the caller unlinks it). */
static inline void lint_fx_story(const char *zName, const char *zStory, SimTime t, LintResult *r,
                                 char *zDb, size_t nDb){
  char zOwn[64];
  Store *pStore = NULL;
  TsErr err;
  if( zDb==NULL ){ zDb = zOwn; nDb = sizeof(zOwn); }
  fixture_run("tslintfx", zName, zStory, zDb, nDb);
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(lint_run(pStore, t, NULL, 0, r, &err)==TS_OK, "lint: %s", err.zMsg);
  store_close(pStore);
  if( zDb==zOwn ) unlink(zDb);
}

/* The findings of rule zId in r: how many, the first into *pf (may be NULL). */
static inline int lint_fx_findings(const LintResult *r, const char *zId, LintFinding *pf){
  int i, n = 0;
  for(i=0; i<r->nFinding; i++){
    if( strcmp(r->aFinding[i].pRule->zId, zId)!=0 ) continue;
    if( n++==0 && pf ) *pf = r->aFinding[i];
  }
  return n;
}

#endif
