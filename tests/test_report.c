/*
** test_report.c — the specification of reports/: what the report of a run
** says, computed from the run database alone. Convergence latencies are
** nearest-rank percentiles over converged changes; drift settles at the
** first return to zero after the last action; jobs and totals are counts
** of the logs; a file that is not a finished run is an error. Orphans are
** test_report_orphans.c's, the JSON test_report_json.c's.
**
** Each test builds its own database in /tmp with rfx_open() and plain
** INSERTs (report_fixture.h), so the tests state the rules in terms of
** table rows.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "store.h"
#include "schema.h"
#include "report.h"
#include "report_fixture.h"
#include "suites.h"

/* ================================================================ header */

START_TEST(test_header_comes_from_run_info){
  Rfx f;
  Report *p;
  char *zJson, *zText;
  rfx_open(&f);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(p->zScenario, "unit");
  ck_assert_str_eq(p->zSeed, "42");
  ck_assert_str_eq(p->zVersion, "0.9.0");
  ck_assert_int_eq(p->tEnd, 86400);
  zJson = rfx_write_of(p, 1);
  ck_assert_ptr_nonnull(strstr(zJson, "\"start\": \"2026-03-02T08:00:00Z\""));
  ck_assert_ptr_nonnull(strstr(zJson, "\"end\": \"2026-03-03T08:00:00Z\""));
  ck_assert_ptr_nonnull(strstr(zJson, "\"duration\": \"P1D\""));
  zText = rfx_write_of(p, 0);
  ck_assert_ptr_nonnull(strstr(zText, "seed 42"));
  ck_assert_ptr_nonnull(strstr(zText, "2026-03-03T08:00:00Z"));
  free(zJson);
  free(zText);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ convergence */

START_TEST(test_percentiles_use_nearest_rank){
  Rfx f;
  Report *p;
  int i;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
          "schedule_state,started_at) VALUES(1,'second','Azure2Azure.c.d',0,1,'all',"
          "2400,'Active','Active',0)");
  /* Job 0: latencies 1..20, inserted out of order. p50 is the 10th
  ** smallest (ceil(0.5*20)), p95 the 19th (ceil(0.95*20)), not the max. */
  for(i=0; i<20; i++) rfx_add_change(&f, 0, 1000+i, (i*7)%20 + 1);
  /* Job 1: latencies 5,6,7: p50 is the 2nd, p95 the 3rd (ceil(2.85)). */
  rfx_add_change(&f, 1, 0, 7);
  rfx_add_change(&f, 1, 0, 5);
  rfx_add_change(&f, 1, 0, 6);
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->aJob[0].conv.lat.n, 20);
  ck_assert_int_eq(p->aJob[0].conv.lat.p50, 10);
  ck_assert_int_eq(p->aJob[0].conv.lat.p95, 19);
  ck_assert_int_eq(p->aJob[0].conv.lat.max, 20);
  ck_assert_int_eq(p->aJob[1].conv.lat.p50, 6);
  ck_assert_int_eq(p->aJob[1].conv.lat.p95, 7);
  ck_assert_int_eq(p->aJob[1].conv.lat.max, 7);
  /* The whole run: 23 latencies 1..20 + 5,6,7 -> ranks 12 and 22. */
  ck_assert_int_eq(p->conv.lat.n, 23);
  ck_assert_int_eq(p->conv.lat.p50, 9);     /* 1,2,3,4,5,5,6,6,7,7,8,[9] */
  ck_assert_int_eq(p->conv.lat.p95, 19);
  ck_assert_int_eq(p->conv.lat.max, 20);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_open_change_counts_as_longer_than_the_run_in_the_percentiles){
  Rfx f;
  Report *p;
  cJSON *pDoc;
  rfx_open(&f);
  rfx_add_change(&f, 0, 0, 10);
  rfx_add_change(&f, 0, 100, 30);
  rfx_add_change(&f, 0, 50, -1);     /* open at the end: 86350 s and counting */
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->conv.nChanges, 3);
  ck_assert_int_eq(p->conv.nConverged, 2);
  ck_assert_int_eq(p->conv.nNever, 1);
  ck_assert_int_eq(p->conv.lat.n, 2);
  ck_assert_int_eq(p->conv.lat.nCensored, 1);
  /* Ranks over all 3: p50 is the 2nd (30 s); p95 the 3rd, the open one. */
  ck_assert_int_eq(p->conv.lat.p50, 30);
  ck_assert(!p->conv.lat.bCensor50);
  ck_assert(p->conv.lat.bCensor95);
  ck_assert(p->conv.lat.bCensorMax);
  pDoc = rfx_json_of(p);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "convergence.never_converged"), 1);
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency_seconds.p95")));
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency_seconds.max")));
  ck_assert(cJSON_IsTrue(rfx_at(pDoc, "convergence.censored.p95")));
  ck_assert(cJSON_IsFalse(rfx_at(pDoc, "convergence.censored.p50")));
  ck_assert_str_eq(rfx_str_at(pDoc, "convergence.latency.p50"), "PT30S");
  ck_assert_int_eq((int)(rfx_num_at(pDoc, "convergence.censored_percent")*10+0.5), 333);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* The survival convention: a stuck job never looks fast. */
START_TEST(test_a_stuck_job_has_a_censored_p95_not_its_fastest_changes){
  Rfx f;
  Report *p;
  char *zText;
  int i;
  rfx_open(&f);
  for(i=0; i<3; i++) rfx_add_change(&f, 0, 0, 60);            /* 3 fast ones */
  for(i=0; i<40; i++) rfx_add_change_as(&f, 0, 100, "held", -1); /* 40 stuck */
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->aJob[0].conv.nHeld, 40);
  ck_assert(p->aJob[0].conv.lat.bCensor95);
  ck_assert(p->aJob[0].conv.lat.bCensor50);
  zText = rfx_write_of(p, 0);
  ck_assert_ptr_nonnull(strstr(zText, "p95 > end of run"));
  ck_assert_ptr_null(strstr(zText, "p95 1 m"));
  free(zText);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_reverted_and_superseded_changes_are_counted_but_no_samples){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_change(&f, 0, 0, 100);
  rfx_add_change_as(&f, 0, 10, "superseded", 50);
  rfx_add_change_as(&f, 0, 20, "reverted", 400000);   /* undone long after: no sample */
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->conv.nChanges, 3);
  ck_assert_int_eq(p->conv.nSuperseded, 1);
  ck_assert_int_eq(p->conv.nReverted, 1);
  ck_assert_int_eq(p->conv.lat.n, 1);
  ck_assert_int_eq(p->conv.lat.nCensored, 0);
  ck_assert_int_eq(p->conv.lat.max, 100);
  ck_assert(!p->conv.lat.bCensorMax);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_latency_is_null_when_nothing_converged){
  Rfx f;
  Report *p;
  cJSON *pDoc, *pJob;
  rfx_open(&f);
  rfx_add_change(&f, 0, 0, -1);
  p = rfx_report(f.pStore);
  pDoc = rfx_json_of(p);
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency_seconds.p50")));
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency_seconds.max")));
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.latency.p95")));
  pJob = cJSON_GetArrayItem(rfx_at(pDoc, "convergence.by_job"), 0);
  ck_assert_ptr_nonnull(pJob);
  ck_assert_str_eq(rfx_str_at(pJob, "job"), "src-to-tgt");
  ck_assert_int_eq((int)rfx_num_at(pJob, "changes"), 1);
  ck_assert(cJSON_IsNull(rfx_at(pJob, "latency_seconds.p95")));
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ drift */

START_TEST(test_settle_time_after_last_action){
  Rfx f;
  Report *p;
  cJSON *pDoc;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,100,'assign','a',1),(2,5000,'disable','b',1)");
  rfx_sql(&f, "INSERT INTO metrics VALUES(50,-1,'drift_zero',0),(200,-1,'drift_zero',0),"
          "(6800,-1,'drift_zero',0),(9000,-1,'drift_zero',0)");
  rfx_sql(&f, "INSERT INTO metrics VALUES(5000,-1,'drift',3),(6800,-1,'drift',0),"
          "(6800,1,'drift',0)");
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nZeroAt, 4);
  ck_assert(p->bLastAction);
  ck_assert_int_eq(p->tLastAction, 5000);
  ck_assert(p->bSettled);
  ck_assert_int_eq(p->nSettle, 1800);     /* 6800 - 5000, not 9000 - 5000 */
  pDoc = rfx_json_of(p);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "convergence.drift.settled_after_last_action_seconds"), 1800);
  ck_assert_str_eq(rfx_str_at(pDoc, "convergence.drift.last_action_at"), "2026-03-02T09:23:20Z");
  ck_assert_int_eq(cJSON_GetArraySize(rfx_at(pDoc, "convergence.drift.zero_at")), 4);
  ck_assert_str_eq(cJSON_GetArrayItem(rfx_at(pDoc, "convergence.drift.zero_at"), 0)->valuestring,
                   "2026-03-02T08:00:50Z");
  ck_assert_int_eq((int)rfx_num_at(pDoc, "convergence.drift.final"), 0);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_drift_that_never_returns_to_zero_never_settles){
  Rfx f;
  Report *p;
  cJSON *pDoc;
  char *zText;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,5000,'pause','a',1)");
  rfx_sql(&f, "INSERT INTO metrics VALUES(200,-1,'drift_zero',0)");
  /* The final drift is the latest sample of the sum over targets. */
  rfx_sql(&f, "INSERT INTO metrics VALUES(100,-1,'drift',0),(9000,-1,'drift',2),"
          "(9500,1,'drift',7)");
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nDriftFinal, 2);
  ck_assert(!p->bSettled);
  pDoc = rfx_json_of(p);
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.drift.settled_after_last_action_seconds")));
  zText = rfx_write_of(p, 0);
  ck_assert_ptr_nonnull(strstr(zText, "never settled"));
  free(zText);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_settle_time_is_zero_when_the_last_action_caused_no_drift){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,5000,'rename_group','a',1)");
  rfx_sql(&f, "INSERT INTO metrics VALUES(200,-1,'drift_zero',0),(5000,-1,'drift',0)");
  p = rfx_report(f.pStore);
  ck_assert(p->bSettled);
  ck_assert_int_eq(p->nSettle, 0);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_drift_back_at_zero_at_the_last_action_instant_settles_at_once){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,5000,'assign','a',1)");
  rfx_sql(&f, "INSERT INTO metrics VALUES(5000,-1,'drift_zero',0),(7000,-1,'drift_zero',0),"
          "(6000,-1,'drift',1),(7000,-1,'drift',0)");
  p = rfx_report(f.pStore);
  ck_assert(p->bSettled);
  ck_assert_int_eq(p->nSettle, 0);     /* 5000 - 5000, not 7000 - 5000 */
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_without_timeline_last_action_is_null){
  Rfx f;
  Report *p;
  cJSON *pDoc;
  rfx_open(&f);
  p = rfx_report(f.pStore);
  ck_assert(!p->bLastAction);
  pDoc = rfx_json_of(p);
  ck_assert(cJSON_IsNull(rfx_at(pDoc, "convergence.drift.last_action_at")));
  ck_assert_int_eq(cJSON_GetArraySize(rfx_at(pDoc, "convergence.drift.zero_at")), 0);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ jobs, totals */

/* A job the service paused with its escrows pruned: the problem says so,
** from the audit row of the pruning (read only for such a job). */
START_TEST(test_a_job_paused_with_pruned_escrows_names_when){
  Rfx f;
  Report *p;
  const ReportJob *j;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='Paused', schedule_state='Paused', escrows_pruned=1,"
          " started_at=0 WHERE idx=0");
  rfx_sql(&f, "INSERT INTO audit_log(at,tenant,category,activity,actor,target_name,result)"
          " VALUES(90000,0,'ProvisioningManagement','Process escrow','sync','src-to-tgt','success'),"
          "(95000,0,'ProvisioningManagement','Process escrow','sync','other-job','success')");
  p = rfx_report(f.pStore);
  j = &p->aJob[0];
  ck_assert_ptr_nonnull(j->prob.zKind);
  ck_assert_str_eq(j->prob.zKind, "escrows_pruned");
  ck_assert_int_eq(j->prob.tSince, 90000);
  ck_assert_str_eq(j->prob.zCode, "escrowsPruned");
  report_free(p);
  /* paused by hand, nothing pruned: a pause, from paused_at */
  rfx_sql(&f, "UPDATE jobs SET escrows_pruned=0, paused_at=7000 WHERE idx=0");
  p = rfx_report(f.pStore);
  j = &p->aJob[0];
  ck_assert_str_eq(j->prob.zKind, "paused");
  ck_assert_int_eq(j->prob.tSince, 7000);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_job_counts_cycles_exports_and_error_codes){
  Rfx f;
  Report *p;
  const ReportJob *j;
  cJSON *pDoc, *pErr0;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
          "schedule_state,started_at) VALUES(1,'other','Azure2Azure.c.d',0,1,'all',"
          "2400,'Active','Active',0)");
  rfx_add_cycle(&f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_cycle(&f, 0, "incremental", 2400, 2410, "Failed");
  rfx_add_cycle(&f, 0, "incremental", 4800, 4810, "EntryLevelErrors");
  rfx_add_cycle(&f, 0, "incremental", 86000, -1, NULL);
  rfx_add_cycle(&f, 1, "initial", 0, 100, "Failed");
  rfx_add_log(&f, 0, "create", "success", NULL);
  rfx_add_log(&f, 0, "create", "success", NULL);
  rfx_add_log(&f, 0, "create", "success", NULL);
  rfx_add_log(&f, 0, "update", "success", NULL);
  rfx_add_log(&f, 0, "update", "success", NULL);
  rfx_add_log(&f, 0, "disable", "success", NULL);
  rfx_add_log(&f, 0, "delete", "success", NULL);
  rfx_add_log(&f, 0, "create", "failure", "E_B");
  rfx_add_log(&f, 0, "create", "failure", "E_B");
  rfx_add_log(&f, 0, "update", "failure", "E_A");
  rfx_add_log(&f, 0, "other", "skipped", "E_A");
  rfx_add_log(&f, 0, "other", "skipped", NULL);
  rfx_add_log(&f, 0, "update", "warning", "E_C");
  rfx_add_log(&f, 1, "create", "success", NULL);      /* another job's */
  rfx_add_log(&f, 1, "create", "failure", "E_Z");
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nJob, 2);
  j = &p->aJob[0];
  ck_assert_str_eq(j->zJob, "src-to-tgt");
  ck_assert_str_eq(j->zSource, "src");
  ck_assert_str_eq(j->zTarget, "tgt");
  ck_assert_int_eq(j->nCycInitial, 1);
  ck_assert_int_eq(j->nCycIncremental, 3);
  ck_assert_int_eq(j->nCycFailed, 1);
  ck_assert_int_eq(j->nCycUnfinished, 1);
  ck_assert_int_eq(j->nCycTotal, 4);
  ck_assert_int_eq(j->nCreate, 3);
  ck_assert_int_eq(j->nUpdate, 2);
  ck_assert_int_eq(j->nDisable, 1);
  ck_assert_int_eq(j->nDelete, 1);
  ck_assert_int_eq(j->nSkipped, 2);
  ck_assert_int_eq(j->nFailures, 3);
  /* Skips are not errors: E_A counts its failure only. */
  ck_assert_int_eq(j->nError, 3);
  ck_assert_str_eq(j->aError[0].zName, "E_B");
  ck_assert_int_eq(j->aError[0].n, 2);
  ck_assert_str_eq(j->aError[1].zName, "E_A");   /* 1 each, ties broken by code */
  ck_assert_int_eq(j->aError[1].n, 1);
  ck_assert_str_eq(j->aError[2].zName, "E_C");
  ck_assert_int_eq(p->aJob[1].nCycFailed, 1);
  ck_assert_int_eq(p->aJob[1].nCreate, 1);
  pDoc = rfx_json_of(p);
  pErr0 = cJSON_GetArrayItem(rfx_at(cJSON_GetArrayItem(rfx_at(pDoc, "jobs"), 0), "top_errors"), 0);
  ck_assert_ptr_nonnull(pErr0);
  ck_assert_str_eq(rfx_str_at(pErr0, "code"), "E_B");
  ck_assert_int_eq((int)rfx_num_at(pErr0, "count"), 2);
  ck_assert_int_eq((int)rfx_num_at(cJSON_GetArrayItem(rfx_at(pDoc, "jobs"), 0), "exports.create"), 3);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "totals.provisioning_log_rows"), 15);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_totals_count_declared_source_users_and_live_b2b_users){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_pair(&f, 1, "present", NULL, 0);
  rfx_add_pair(&f, 2, "present", NULL, 0);
  rfx_add_pair(&f, 3, "present", NULL, 0);
  rfx_sql(&f, "UPDATE users SET deleted_at=50 WHERE id IN (3, 102)");
  rfx_sql(&f, "INSERT INTO audit_log(at,tenant,category,activity,actor,result)"
          " VALUES(1,1,'UserManagement','Add user','x','success'),"
          "(2,1,'UserManagement','Add user','x','success')");
  rfx_sql(&f, "INSERT INTO timeline(seq, at, action, summary, objects) VALUES(1,100,'assign','a',1)");
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nSourceUsers, 3);     /* deleted or not, declared users */
  ck_assert_int_eq(p->nTargetB2bLive, 2);   /* 101 and 103 */
  ck_assert_int_eq(p->nAuditLog, 2);
  ck_assert_int_eq(p->nTimeline, 1);
  ck_assert_int_eq(p->nProvLog, 0);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ failures */

START_TEST(test_report_on_non_tenantsim_file_is_an_error){
  char zPath[64];
  FILE *fp;
  Store *pStore = NULL;
  Report dummy;
  Report *p = &dummy;          /* must be reset to NULL on failure */
  sqlite3 *db;
  TsErr err;

  /* Not a database at all. */
  rfx_temp_path(zPath, sizeof(zPath), "tsreport");
  fp = fopen(zPath, "w");
  ck_assert_ptr_nonnull(fp);
  fputs("{\"this is\": \"a scenario, not a run\"}\n", fp);
  fclose(fp);
  tserr_clear(&err);
  ck_assert_int_ne(store_open_readonly(zPath, &pStore, &err), 0);
  ck_assert_int_ne(err.zMsg[0], 0);
  unlink(zPath);

  /* An SQLite file that claims the schema version but has no run tables. */
  rfx_temp_path(zPath, sizeof(zPath), "tsreport");
  ck_assert_int_eq(sqlite3_open(zPath, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE run_info(key TEXT PRIMARY KEY, value TEXT);"
      "INSERT INTO run_info VALUES('schema_version','" SCHEMA_VERSION "'),('scenario','x'),('seed','1'),"
      "('start','2026-03-02T08:00:00Z'),('end_t','10')", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  tserr_clear(&err);
  ck_assert_msg(store_open_readonly(zPath, &pStore, &err)==0, "%s", err.zMsg);
  ck_assert_int_eq(report_build(pStore, &p, &err), TS_IOERR);
  ck_assert_ptr_null(p);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "no such table"));
  store_close(pStore);
  unlink(zPath);
}
END_TEST

START_TEST(test_report_of_an_unfinished_run_is_an_error){
  Rfx f;
  Report *p = NULL;
  TsErr err;
  rfx_temp_path(f.zPath, sizeof(f.zPath), "tsreport");
  tserr_clear(&err);
  ck_assert_int_eq(store_create(f.zPath, &f.pStore, &err), 0);
  /* Only the schema: no scenario, no end. */
  ck_assert_int_eq(report_build(f.pStore, &p, &err), TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "scenario"));
  rfx_sql(&f, "INSERT INTO run_info VALUES('scenario','unit'),('seed','42'),"
          "('start','2026-02-30T08:00:00Z'),('end_t','86400')");
  tserr_clear(&err);
  ck_assert_int_eq(report_build(f.pStore, &p, &err), TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "'start'"));
  rfx_sql(&f, "UPDATE run_info SET value='2026-03-02T08:00:00Z' WHERE key='start'");
  rfx_sql(&f, "UPDATE run_info SET value='soon' WHERE key='end_t'");
  tserr_clear(&err);
  ck_assert_int_eq(report_build(f.pStore, &p, &err), TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "'end_t'"));
  rfx_close(&f);
}
END_TEST

START_TEST(test_failed_allocation_is_reported_not_crashed){
  Rfx f;
  Report *p = NULL;
  TsErr err;
  long n;
  int rc = -1;
  rfx_open(&f);
  rfx_populate(&f, 0);
  for(n=1; n<10000; n++){
    tserr_clear(&err);
    mem_fail_after(n);
    rc = report_build(f.pStore, &p, &err);
    mem_fail_after(0);
    if( rc==0 ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
    ck_assert_ptr_null(p);
  }
  ck_assert_int_eq(rc, 0);
  ck_assert_int_gt(n, 20);       /* the build does allocate: failures were tried */
  for(n=1; n<10000; n++){
    char *z = NULL;
    size_t nz = 0;
    FILE *out = open_memstream(&z, &nz);
    mem_fail_after(n);
    rc = report_json_write(p, out);
    mem_fail_after(0);
    ck_assert(rc==0 || rc==-1);
    fclose(out);
    if( rc==0 ) ck_assert_uint_gt(nz, 100);
    free(z);
    if( rc==0 ) break;
  }
  ck_assert_int_eq(rc, 0);
  ck_assert_int_gt(n, 1);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_write_error_is_reported){
  Rfx f;
  Report *p;
  FILE *out;
  rfx_open(&f);
  rfx_populate(&f, 0);
  p = rfx_report(f.pStore);
  out = fopen("/dev/null", "r");      /* a stream that refuses writes */
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(report_json_write(p, out), -1);
  ck_assert_int_eq(report_text_write(p, out), -1);
  fclose(out);
  report_free(p);
  rfx_close(&f);
}
END_TEST

Suite *report_suite(void){
  Suite *s = suite_create("report");
  TCase *tc = tcase_create("report");
  TCase *tcOom = tcase_create("oom");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_header_comes_from_run_info);
  tcase_add_test(tc, test_percentiles_use_nearest_rank);
  tcase_add_test(tc, test_open_change_counts_as_longer_than_the_run_in_the_percentiles);
  tcase_add_test(tc, test_a_stuck_job_has_a_censored_p95_not_its_fastest_changes);
  tcase_add_test(tc, test_reverted_and_superseded_changes_are_counted_but_no_samples);
  tcase_add_test(tc, test_latency_is_null_when_nothing_converged);
  tcase_add_test(tc, test_settle_time_after_last_action);
  tcase_add_test(tc, test_drift_that_never_returns_to_zero_never_settles);
  tcase_add_test(tc, test_settle_time_is_zero_when_the_last_action_caused_no_drift);
  tcase_add_test(tc, test_drift_back_at_zero_at_the_last_action_instant_settles_at_once);
  tcase_add_test(tc, test_without_timeline_last_action_is_null);
  tcase_add_test(tc, test_job_counts_cycles_exports_and_error_codes);
  tcase_add_test(tc, test_totals_count_declared_source_users_and_live_b2b_users);
  tcase_add_test(tc, test_report_on_non_tenantsim_file_is_an_error);
  tcase_add_test(tc, test_report_of_an_unfinished_run_is_an_error);
  tcase_add_test(tc, test_write_error_is_reported);
  tcase_add_test(tc, test_a_job_paused_with_pruned_escrows_names_when);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcOom, 60);
  tcase_add_test(tcOom, test_failed_allocation_is_reported_not_crashed);
  suite_add_tcase(s, tcOom);
  return s;
}
