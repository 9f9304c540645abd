/*
** engine_fixture.h — the small world the engine suites (scope, policy,
** lifecycle) build afresh in every test.
**
** A Fixture is a World with its own run database in a new temporary file
** (unlinked as soon as it is open), one open transaction, a source tenant
** contoso.com (index FX_SOURCE) and a target tenant fabrikam.com
** (FX_TARGET). fx_open() also opens the three policy gates and adds one
** job from source to target; fx_open_world() stops after the tenants so
** that a policy test can set the gates itself.
** Every test opens and closes its own Fixture: no SQLite connection ever
** crosses Check's fork.
**
** The helpers are static inline so that each suite may use any subset
** without unused-function warnings. Failures inside them are Check
** assertions, reported at the caller's test.
*/
#ifndef TS_ENGINE_FIXTURE_H
#define TS_ENGINE_FIXTURE_H
#include <check.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "admin.h"
#include "engine.h"
#include "cycle.h"
#include "desired.h"
#include "directory.h"
#include "job.h"
#include "policy.h"
#include "scope.h"
#include "world.h"

#define FX_SOURCE 0
#define FX_TARGET 1
#define FX_SOURCE_DOMAIN "contoso.com"
#define FX_TARGET_DOMAIN "fabrikam.com"

typedef struct Fixture {
  World w;
  char zPath[64];          /* the run database, unlinked once opened */
  int iJob;                /* the job of fx_open, -1 before fx_add_job */
} Fixture;

/* Create the world, its database and the two tenants; open a transaction.
** No policy is set and no job exists. */
static inline void fx_open_world(Fixture *f){
  TsErr err;
  int fd;
  memset(f, 0, sizeof(*f));
  f->iJob = -1;
  snprintf(f->zPath, sizeof(f->zPath), "/tmp/tenantsim-engine-XXXXXX");
  fd = mkstemp(f->zPath);
  ck_assert_int_ge(fd, 0);
  close(fd);
  unlink(f->zPath);                 /* store_create wants a new file */
  memset(&err, 0, sizeof(err));
  ck_assert_int_eq(engine_open(&f->w, f->zPath, 42, 0, &err), TS_OK);
  /* The connection keeps the file open (its journal lives in memory), so
  ** the name can go now: a test that fails before fx_close leaves no file. */
  unlink(f->zPath);
  ck_assert_int_eq(store_begin(f->w.pStore), 0);
  ck_assert_int_eq(directory_tenant_add(&f->w, "contoso", NULL, FX_SOURCE_DOMAIN, NULL, LIC_P1), FX_SOURCE);
  ck_assert_int_eq(directory_tenant_add(&f->w, "fabrikam", NULL, FX_TARGET_DOMAIN, NULL, LIC_P1), FX_TARGET);
  f->w.zCause = "test";
}

/* Open the three gates of a contoso -> fabrikam job in partner policies:
** the target allows inbound user sync and inbound auto-redemption from
** the source, the source allows outbound auto-redemption to the target. */
static inline void fx_allow_sync(Fixture *f){
  policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 1);
  policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 1);
  policy_set(&f->w, FX_SOURCE, FX_TARGET, PF_OUTBOUND_AUTO_REDEEM, 1);
}

/* Add the contoso -> fabrikam job (default mapping), not started. */
static inline void fx_add_job(Fixture *f, int bSyncAll){
  TsErr err;
  memset(&err, 0, sizeof(err));
  f->iJob = job_add(&f->w, "contoso-to-fabrikam", FX_SOURCE, FX_TARGET, bSyncAll, &err);
  ck_assert_int_eq(f->iJob, 0);
}

/* The usual start: world, open gates, one job (sync only assigned unless
** bSyncAll), not started yet. */
static inline void fx_open(Fixture *f, int bSyncAll){
  fx_open_world(f);
  fx_allow_sync(f);
  fx_add_job(f, bSyncAll);
}

static inline Job *fx_job(Fixture *f){
  return &f->w.aJob[f->iJob];
}

static inline void fx_close(Fixture *f){
  ck_assert_int_eq(f->w.bNoMem, 0);
  ck_assert_int_eq(store_failed(f->w.pStore), 0);
  engine_close(&f->w);
}

/* Add user zKey to tenant iTenant as initial directory state (no job is
** told): an enabled internal Member zKey@domain of department Sales in
** Oslo, job title Engineer, showInAddressList unset. Tests adjust the
** values with directory_user_set before the job first sees the user. */
static inline int64_t fx_user_in(Fixture *f, int iTenant, const char *zKey){
  const char *az[A_COUNT];
  char zUpn[128];
  int64_t id;
  memset(az, 0, sizeof(az));
  snprintf(zUpn, sizeof(zUpn), "%s@%s", zKey, f->w.aTenant[iTenant].zDomain);
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = zUpn;
  az[A_MAIL] = zUpn;
  az[A_MAIL_NICKNAME] = zKey;
  az[A_DISPLAY_NAME] = zKey;
  az[A_GIVEN_NAME] = zKey;
  az[A_SURNAME] = "Tester";
  az[A_DEPARTMENT] = "Sales";
  az[A_JOB_TITLE] = "Engineer";
  az[A_CITY] = "Oslo";
  az[A_USER_TYPE] = "Member";
  id = directory_user_add(&f->w, iTenant, zKey, az, NULL, NULL, -1);
  ck_assert_int_gt(id, 0);
  return id;
}

static inline int64_t fx_user(Fixture *f, const char *zKey){
  return fx_user_in(f, FX_SOURCE, zKey);
}

/* Assign user id to the job directly. */
static inline void fx_assign(Fixture *f, int64_t id){
  ck_assert_int_eq(job_assign_user(&f->w, fx_job(f), id, 1), 1);
}

/* n source users u1..un assigned to the job, and the job started. */
static inline void fx_assign_users(Fixture *f, int n){
  int i;
  char zKey[32];
  for(i=1; i<=n; i++){
    snprintf(zKey, sizeof(zKey), "u%d", i);
    fx_assign(f, fx_user(f, zKey));
  }
  job_start(&f->w, fx_job(f));
}

/* Open a fixture (sync only assigned) whose job has synced one enabled
** source user zKey, assigned directly, in an initial cycle at 0; returns
** the source user's id. */
static inline int64_t fx_synced_user(Fixture *f, const char *zKey);

/* Run one whole cycle of the job starting at instant t (>= now), the way
** the runner does when no other event is due. Returns 1 if the cycle ran,
** 0 if the policy check failed it. w.tNow is the cycle's end afterwards. */
static inline int fx_cycle(Fixture *f, SimTime t){
  Job *j = fx_job(f);
  SimTime tNext = 0;
  int rc;
  ck_assert_int_ge(t, f->w.tNow);
  f->w.tNow = t;
  ck_assert_int_eq(cycle_begin(&f->w, j), 0);
  if( !j->run.bRunning ) return 0;
  while( (rc = cycle_step(&f->w, j, f->w.tNow, INT64_MAX, &tNext))==0 ) f->w.tNow = tNext;
  ck_assert_int_eq(rc, 1);
  return 1;
}

/* The target user linked to source user id, 0 when none. */
static inline int64_t fx_target(Fixture *f, int64_t id){
  return pair_get(&f->w, fx_job(f), id)->iTarget;
}

static inline int64_t fx_synced_user(Fixture *f, const char *zKey){
  int64_t id;
  fx_open(f, 0);
  id = fx_user(f, zKey);
  fx_assign(f, id);
  job_start(&f->w, fx_job(f));
  ck_assert_int_eq(fx_cycle(f, 0), 1);
  ck_assert_int_gt(fx_target(f, id), 0);
  return id;
}

/* Run a query built with sqlite3_mprintf formatting; it must return a row.
** Returns the first column as an integer. */
static inline int64_t fx_int(Fixture *f, const char *zFmt, ...){
  sqlite3_stmt *s = NULL;
  int64_t v;
  char *zSql;
  va_list ap;
  va_start(ap, zFmt);
  zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  ck_assert_ptr_nonnull(zSql);
  ck_assert_int_eq(directory_users_save(&f->w), 0);   /* users rows as of now */
  desired_flush(&f->w);                              /* and the waiting changes */
  ck_assert_msg(sqlite3_prepare_v2(store_db(f->w.pStore), zSql, -1, &s, NULL)==SQLITE_OK,
                "cannot prepare: %s", zSql);
  ck_assert_msg(sqlite3_step(s)==SQLITE_ROW, "no row: %s", zSql);
  v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_free(zSql);
  return v;
}

/* As fx_int, but copy the first column's text into z[n] ("(null)" for
** SQL NULL) and return z. */
static inline const char *fx_text(Fixture *f, char *z, size_t n, const char *zFmt, ...){
  sqlite3_stmt *s = NULL;
  const unsigned char *zCol;
  char *zSql;
  va_list ap;
  va_start(ap, zFmt);
  zSql = sqlite3_vmprintf(zFmt, ap);
  va_end(ap);
  ck_assert_ptr_nonnull(zSql);
  ck_assert_int_eq(directory_users_save(&f->w), 0);   /* users rows as of now */
  desired_flush(&f->w);                              /* and the waiting changes */
  ck_assert_msg(sqlite3_prepare_v2(store_db(f->w.pStore), zSql, -1, &s, NULL)==SQLITE_OK,
                "cannot prepare: %s", zSql);
  ck_assert_msg(sqlite3_step(s)==SQLITE_ROW, "no row: %s", zSql);
  zCol = sqlite3_column_text(s, 0);
  snprintf(z, n, "%s", zCol ? (const char*)zCol : "(null)");
  sqlite3_finalize(s);
  sqlite3_free(zSql);
  return z;
}

#endif
