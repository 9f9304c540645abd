/*
** lint_fixture.h — what the lint suites share (test_lint.c,
** test_lint_authz.c, test_lint_groupsync.c): linting a finished run with
** each allocation failing in turn, the SQLite *fault.test pattern.
*/
#ifndef TS_LINT_FIXTURE_H
#define TS_LINT_FIXTURE_H
#include <check.h>
#include "lint.h"
#include "mem.h"
#include "store.h"

/* A job's notification e-mail on, to an address: the base stories' jobs
** have it, so that XTS-S06 (test_lint_notify.c) stays silent in them. */
#define LINT_FX_NOTIFY "'notifications': {'enabled': true, 'recipients': 'ops@contoso.com'}"

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

#endif
