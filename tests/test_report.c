/*
** test_report.c — the specification of reports/: what the report of a run
** says, computed from the run database alone. Convergence latencies are
** nearest-rank percentiles over converged changes; drift settles at the
** first return to zero after the last action; a live target user linked
** to a source that no longer justifies it is an orphan, with the first
** reason that explains why it is still there; jobs and totals are counts
** of the logs; the JSON is the same bytes for the same database.
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

/* ================================================================ fixture */

/* The JSON (bJson) or text of p, as a malloc'ed string (free()). */
static char *writeOf(const Report *p, int bJson){
  char *z = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(bJson ? report_json_write(p, out) : report_text_write(p, out), 0);
  fclose(out);
  return z;
}

static cJSON *jsonOf(const Report *p){
  char *z = writeOf(p, 1);
  cJSON *pDoc = cJSON_Parse(z);
  ck_assert_msg(pDoc!=NULL, "report JSON does not parse:\n%s", z);
  free(z);
  return pDoc;
}

/* The object member at a dotted path ("convergence.drift.final"). */
static cJSON *at(cJSON *pObj, const char *zPath){
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

static double numAt(cJSON *pObj, const char *zPath){
  cJSON *v = at(pObj, zPath);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", zPath);
  return v->valuedouble;
}

static const char *strAt(cJSON *pObj, const char *zPath){
  cJSON *v = at(pObj, zPath);
  ck_assert_msg(cJSON_IsString(v), "%s is not a string", zPath);
  return v->valuestring;
}

/* The one orphan of a report that must have exactly one. */
static const ReportOrphan *onlyOrphan(const Report *p){
  ck_assert_int_eq(p->nOrphan, 1);
  return &p->aOrphan[0];
}

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
  zJson = writeOf(p, 1);
  ck_assert_ptr_nonnull(strstr(zJson, "\"start\": \"2026-03-02T08:00:00Z\""));
  ck_assert_ptr_nonnull(strstr(zJson, "\"end\": \"2026-03-03T08:00:00Z\""));
  ck_assert_ptr_nonnull(strstr(zJson, "\"duration\": \"P1D\""));
  zText = writeOf(p, 0);
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
  pDoc = jsonOf(p);
  ck_assert_int_eq((int)numAt(pDoc, "convergence.never_converged"), 1);
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency_seconds.p95")));
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency_seconds.max")));
  ck_assert(cJSON_IsTrue(at(pDoc, "convergence.censored.p95")));
  ck_assert(cJSON_IsFalse(at(pDoc, "convergence.censored.p50")));
  ck_assert_str_eq(strAt(pDoc, "convergence.latency.p50"), "PT30S");
  ck_assert_int_eq((int)(numAt(pDoc, "convergence.censored_percent")*10+0.5), 333);
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
  zText = writeOf(p, 0);
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
  pDoc = jsonOf(p);
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency_seconds.p50")));
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency_seconds.max")));
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency.p95")));
  pJob = cJSON_GetArrayItem(at(pDoc, "convergence.by_job"), 0);
  ck_assert_ptr_nonnull(pJob);
  ck_assert_str_eq(strAt(pJob, "job"), "src-to-tgt");
  ck_assert_int_eq((int)numAt(pJob, "changes"), 1);
  ck_assert(cJSON_IsNull(at(pJob, "latency_seconds.p95")));
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
  pDoc = jsonOf(p);
  ck_assert_int_eq((int)numAt(pDoc, "convergence.drift.settled_after_last_action_seconds"), 1800);
  ck_assert_str_eq(strAt(pDoc, "convergence.drift.last_action_at"), "2026-03-02T09:23:20Z");
  ck_assert_int_eq(cJSON_GetArraySize(at(pDoc, "convergence.drift.zero_at")), 4);
  ck_assert_str_eq(cJSON_GetArrayItem(at(pDoc, "convergence.drift.zero_at"), 0)->valuestring,
                   "2026-03-02T08:00:50Z");
  ck_assert_int_eq((int)numAt(pDoc, "convergence.drift.final"), 0);
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
  pDoc = jsonOf(p);
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.drift.settled_after_last_action_seconds")));
  zText = writeOf(p, 0);
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
  pDoc = jsonOf(p);
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.drift.last_action_at")));
  ck_assert_int_eq(cJSON_GetArraySize(at(pDoc, "convergence.drift.zero_at")), 0);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ orphans */

START_TEST(test_justified_user_is_not_an_orphan){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_pair(&f, 1, "present", NULL, 0);          /* live source, in scope */
  rfx_add_pair(&f, 2, "absent", "unassigned", 500); /* the control: an orphan */
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zObjectId, "obj-002");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_target_with_one_justified_link_is_not_an_orphan){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
          "schedule_state,started_at) VALUES(1,'other','Azure2Azure.c.d',0,1,'all',"
          "2400,'Active','Active',0)");
  rfx_add_pair(&f, 1, "absent", "filtered", 500);
  /* Job 1 links the same target user, and there it is still wanted. */
  rfx_sql(&f, "INSERT INTO links VALUES(1,1,101,'alt-1','matched',20,NULL)");
  rfx_sql(&f, "INSERT INTO desired VALUES(1,1,'present',NULL,20)");
  rfx_add_pair(&f, 2, "absent", "filtered", 500);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zObjectId, "obj-002");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_target_with_two_stale_links_is_one_orphan){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
          "schedule_state,started_at) VALUES(1,'other','Azure2Azure.c.d',0,1,'all',"
          "2400,'Paused','Paused',0)");
  rfx_add_pair(&f, 1, "absent", "filtered", 500);
  rfx_sql(&f, "INSERT INTO links VALUES(1,1,101,'alt-1','matched',20,NULL)");
  rfx_sql(&f, "INSERT INTO desired VALUES(1,1,'absent','filtered',600)");
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zJob, "src-to-tgt");   /* the lowest job index */
  ck_assert_int_eq(p->nOrphanReason, 1);
  ck_assert_int_eq(p->aOrphanReason[0].n, 1);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_soft_deleted_target_is_not_an_orphan){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_pair(&f, 1, "absent", "unassigned", 500);
  rfx_sql(&f, "UPDATE users SET deleted_at=3000 WHERE id=101");
  rfx_add_pair(&f, 2, "absent", "unassigned", 500);
  rfx_sql(&f, "UPDATE users SET deleted_at=3000, purged_at=4000 WHERE id=102");
  rfx_add_pair(&f, 4, "absent", "unassigned", 500);
  rfx_sql(&f, "UPDATE users SET purged_at=4000 WHERE id=104");   /* hard-deleted at once */
  rfx_add_pair(&f, 3, "absent", "unassigned", 500);  /* still live: the orphan */
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zObjectId, "obj-003");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_of_paused_job_has_reason_job_paused){
  Rfx f;
  Report *p;
  const ReportOrphan *o;
  cJSON *pDoc, *pItem;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='Paused', schedule_state='Paused', paused_at=800");
  rfx_add_cycle(&f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_pair(&f, 1, "absent", "unassigned", 1000);
  p = rfx_report(f.pStore);
  o = onlyOrphan(p);
  ck_assert_str_eq(o->zReason, "job_paused");
  ck_assert_str_eq(o->zSourceState, "unassigned");
  ck_assert_int_eq(o->tSince, 1000);
  ck_assert_int_eq(o->nAge, 86400-1000);
  pDoc = jsonOf(p);
  pItem = cJSON_GetArrayItem(at(pDoc, "orphans.items"), 0);
  ck_assert_ptr_nonnull(pItem);
  ck_assert_str_eq(strAt(pItem, "reason"), "job_paused");
  ck_assert_str_eq(strAt(pItem, "orphaned_since"), "2026-03-02T08:16:40Z");
  ck_assert_str_eq(strAt(pItem, "target_tenant"), "tgt");
  ck_assert_str_eq(strAt(pItem, "source_tenant"), "src");
  ck_assert_str_eq(strAt(pItem, "source_user"), "u1");
  ck_assert_str_eq(strAt(pItem, "job"), "src-to-tgt");
  ck_assert_str_eq(strAt(pItem, "user_principal_name"), "u001_src.example#EXT#@tgt.example");
  ck_assert_str_eq(strAt(pItem, "display_name"), "User 1");
  ck_assert_int_eq((int)numAt(pDoc, "orphans.by_reason.job_paused"), 1);
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_held_disabled_user_is_orphan_with_reason_disabled_then_out_of_scope){
  Rfx f;
  Report *p;
  const ReportOrphan *o;
  rfx_open(&f);
  /* The hold explains the orphan even though the job is paused too. */
  rfx_sql(&f, "UPDATE jobs SET status_code='Paused'");
  rfx_add_pair(&f, 1, "absent", "unassigned", 1000);
  rfx_sql(&f, "UPDATE links SET held='disabled_then_out_of_scope' WHERE source_user=1");
  p = rfx_report(f.pStore);
  o = onlyOrphan(p);
  ck_assert_str_eq(o->zReason, "disabled_then_out_of_scope");
  ck_assert_str_eq(o->zSourceState, "unassigned");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_disabled_source_whose_disable_never_reached_the_target_names_the_job){
  Rfx f;
  Report *p;
  const ReportOrphan *o;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='Paused'");
  rfx_add_pair(&f, 1, "disabled", NULL, 2000);
  rfx_sql(&f, "UPDATE users SET account_enabled=1 WHERE id=101");
  p = rfx_report(f.pStore);
  o = onlyOrphan(p);
  ck_assert_str_eq(o->zSourceState, "disabled");
  ck_assert_str_eq(o->zReason, "job_paused");
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* CTS only blocks sign-in: a disabled target account is the design. */
START_TEST(test_disabled_source_user_is_disabled_by_sync_not_an_orphan){
  Rfx f;
  Report *p;
  const ReportOrphan *o;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='Paused'");
  rfx_add_pair(&f, 1, "disabled", NULL, 2000);
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nOrphan, 0);
  ck_assert_int_eq(p->nDisabled, 1);
  o = &p->aDisabled[0];
  ck_assert_str_eq(o->zSourceState, "disabled");
  ck_assert_str_eq(o->zReason, "source_disabled");
  ck_assert_int_eq(o->tSince, 2000);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_deleted_source_user_orphan_dates_from_the_deletion){
  Rfx f;
  Report *p;
  const ReportOrphan *o;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_cycle(&f, 0, "incremental", 2400, 2460, "Succeeded");
  /* desired still says present, but a deleted source justifies nothing. */
  rfx_add_pair(&f, 1, "present", NULL, 0);
  rfx_sql(&f, "UPDATE users SET deleted_at=3000 WHERE id=1");
  p = rfx_report(f.pStore);
  o = onlyOrphan(p);
  ck_assert_str_eq(o->zSourceState, "deleted");
  ck_assert_int_eq(o->tSince, 3000);
  ck_assert_int_eq(o->nAge, 86400-3000);
  ck_assert_str_eq(o->zReason, "pending_next_cycle");   /* last cycle began at 2400 */
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_of_unstarted_job_has_reason_job_not_started){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='NotRun', started_at=NULL");
  rfx_add_pair(&f, 1, "absent", "filtered", 700);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zReason, "job_not_started");
  ck_assert_str_eq(onlyOrphan(p)->zSourceState, "filtered");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_of_job_failing_its_policy_check_has_reason_target_disallowed_sync){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE jobs SET status_code='Quarantine', gate_error='TargetTenantDisallowsSync'");
  rfx_add_cycle(&f, 0, "incremental", 9000, 9001, "Failed");
  rfx_add_pair(&f, 1, "absent", "unassigned", 700);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zReason, "target_disallowed_sync");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_without_a_cycle_since_is_pending_next_cycle){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_cycle(&f, 0, "incremental", 4800, 4830, "Succeeded");
  rfx_add_pair(&f, 1, "absent", "unassigned", 5000);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zReason, "pending_next_cycle");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_while_a_cycle_is_running_is_pending_next_cycle){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "incremental", 7200, 7260, "Succeeded");
  rfx_add_cycle(&f, 0, "incremental", 86000, -1, NULL);
  rfx_add_pair(&f, 1, "absent", "unassigned", 5000);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zReason, "pending_next_cycle");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphan_after_a_later_cycle_is_not_deprovisioned){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 100, "Succeeded");
  rfx_add_cycle(&f, 0, "incremental", 7200, 7260, "Succeeded");
  rfx_add_pair(&f, 1, "absent", "unassigned", 5000);
  p = rfx_report(f.pStore);
  ck_assert_str_eq(onlyOrphan(p)->zReason, "not_deprovisioned");
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_orphans_are_sorted_by_target_tenant_then_upn_and_counted_by_reason){
  Rfx f;
  Report *p;
  cJSON *pDoc, *pBy;
  rfx_open(&f);
  rfx_sql(&f, "INSERT INTO tenants(idx,key,tenant_id,domain,cloud,licences) VALUES(2,'alpha','00000000-0000-0000-0000-00000000000c',"
          "'alpha.example','commercial','P1')");
  rfx_sql(&f, "INSERT INTO jobs(idx,key,job_id,source,target,scope,interval_s,status_code,"
          "schedule_state,started_at) VALUES(1,'src-to-alpha','Azure2Azure.a.c',0,2,"
          "'assigned',2400,'Paused','Paused',0)");
  rfx_add_pair(&f, 3, "absent", "unassigned", 500);          /* tgt, no cycle yet: pending */
  rfx_add_pair(&f, 1, "disabled", NULL, 500);                /* tgt, disabled by sync */
  rfx_add_pair_in(&f, 1, 0, 2, 9, "absent", "filtered", 500); /* alpha, job_paused */
  rfx_add_pair(&f, 4, "absent", "unassigned", 500);          /* tgt, pending */
  rfx_add_pair(&f, 2, "present", NULL, 0);                   /* justified */
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nOrphan, 3);
  ck_assert_str_eq(p->aOrphan[0].zTargetTenant, "alpha");
  ck_assert_str_eq(p->aOrphan[1].zObjectId, "obj-003");
  ck_assert_str_eq(p->aOrphan[2].zObjectId, "obj-004");
  ck_assert_int_eq(p->nOrphanReason, 2);
  ck_assert_str_eq(p->aOrphanReason[0].zName, "job_paused");
  ck_assert_int_eq(p->aOrphanReason[0].n, 1);
  ck_assert_str_eq(p->aOrphanReason[1].zName, "pending_next_cycle");
  ck_assert_int_eq(p->aOrphanReason[1].n, 2);
  ck_assert_int_eq(p->nDisabled, 1);                    /* listed apart */
  ck_assert_str_eq(p->aDisabled[0].zObjectId, "obj-001");
  pDoc = jsonOf(p);
  ck_assert_int_eq((int)numAt(pDoc, "orphans.count"), 3);
  ck_assert_int_eq((int)numAt(pDoc, "orphans.disabled_by_sync.count"), 1);
  pBy = at(pDoc, "orphans.by_reason");
  ck_assert_int_eq(cJSON_GetArraySize(pBy), 2);
  ck_assert_str_eq(pBy->child->string, "job_paused");
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pBy, "source_disabled"));
  cJSON_Delete(pDoc);
  report_free(p);
  rfx_close(&f);
}
END_TEST

START_TEST(test_text_lists_the_first_ten_orphans_then_how_many_more){
  Rfx f;
  Report *p;
  char *zText, *z;
  int i, nLine = 0;
  rfx_open(&f);
  for(i=1; i<=12; i++) rfx_add_pair(&f, i, "absent", "unassigned", 100*i);
  p = rfx_report(f.pStore);
  zText = writeOf(p, 0);
  ck_assert_ptr_nonnull(strstr(zText, "Orphaned guest accounts: 12 (pending_next_cycle 12)"));
  ck_assert_ptr_nonnull(strstr(zText, "u010_src.example#EXT#@tgt.example"));
  ck_assert_ptr_null(strstr(zText, "u011_src.example#EXT#@tgt.example"));
  ck_assert_ptr_nonnull(strstr(zText, "and 2 more"));
  for(z=zText; *z; z++) nLine += *z=='\n';
  ck_assert_int_le(nLine, 40);
  free(zText);
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* ================================================================ jobs, totals */

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
  pDoc = jsonOf(p);
  pErr0 = cJSON_GetArrayItem(at(cJSON_GetArrayItem(at(pDoc, "jobs"), 0), "top_errors"), 0);
  ck_assert_ptr_nonnull(pErr0);
  ck_assert_str_eq(strAt(pErr0, "code"), "E_B");
  ck_assert_int_eq((int)numAt(pErr0, "count"), 2);
  ck_assert_int_eq((int)numAt(cJSON_GetArrayItem(at(pDoc, "jobs"), 0), "exports.create"), 3);
  ck_assert_int_eq((int)numAt(pDoc, "totals.provisioning_log_rows"), 15);
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

/* ================================================================ JSON */

/* A run with something in every section. When bOther, the same rows are
** inserted in another order and with other user ids, which must not show. */
static void populate(Rfx *f, int bOther){
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

START_TEST(test_json_is_identical_for_the_same_database){
  Rfx f;
  Report *p1, *p2;
  char *z1, *z2, *zText1, *zText2;
  TsErr err;
  rfx_open(&f);
  populate(&f, 0);
  p1 = rfx_report(f.pStore);
  z1 = writeOf(p1, 1);
  zText1 = writeOf(p1, 0);
  /* Read again through a fresh read-only connection, as `tenantsim report`. */
  store_close(f.pStore);
  tserr_clear(&err);
  ck_assert_msg(store_open_readonly(f.zPath, &f.pStore, &err)==0, "%s", err.zMsg);
  p2 = rfx_report(f.pStore);
  z2 = writeOf(p2, 1);
  zText2 = writeOf(p2, 0);
  ck_assert_str_eq(z1, z2);
  ck_assert_str_eq(zText1, zText2);
  ck_assert_ptr_nonnull(strstr(z1, "\"count\": 5"));   /* orphans: it is not empty */
  free(z1); free(z2); free(zText1); free(zText2);
  report_free(p1);
  report_free(p2);
  rfx_close(&f);
}
END_TEST

START_TEST(test_json_does_not_depend_on_row_order_or_ids){
  Rfx f1, f2;
  Report *p1, *p2;
  char *z1, *z2;
  rfx_open(&f1);
  rfx_open(&f2);
  populate(&f1, 0);
  populate(&f2, 1);
  p1 = rfx_report(f1.pStore);
  p2 = rfx_report(f2.pStore);
  z1 = writeOf(p1, 1);
  z2 = writeOf(p2, 1);
  ck_assert_str_eq(z1, z2);
  free(z1);
  free(z2);
  report_free(p1);
  report_free(p2);
  rfx_close(&f1);
  rfx_close(&f2);
}
END_TEST

START_TEST(test_json_parses_and_has_required_fields){
  static const char *const azTop[] = {
    "tenantsim_version", "scenario", "seed", "start", "end", "duration", "verdict",
    "convergence", "orphans", "jobs", "narrative", "detections", "totals"
  };
  static const char *const azItem[] = {
    "target_tenant", "object_id", "user_principal_name", "display_name",
    "source_tenant", "source_user", "job", "reason", "source_state",
    "orphaned_since", "age_seconds"
  };
  Rfx f;
  Report *p;
  cJSON *pDoc, *pKey, *pJob, *pItem;
  char *z;
  size_t i;
  rfx_open(&f);
  populate(&f, 0);
  p = rfx_report(f.pStore);
  z = writeOf(p, 1);
  ck_assert_int_eq(z[strlen(z)-1], '\n');
  ck_assert_int_eq(strncmp(z, "{\n  \"tenantsim_version\": \"0.9.0\",\n", 34), 0);
  free(z);
  pDoc = jsonOf(p);
  /* Keys in the documented order. */
  for(i=0, pKey=pDoc->child; i<sizeof(azTop)/sizeof(azTop[0]); i++, pKey=pKey->next){
    ck_assert_ptr_nonnull(pKey);
    ck_assert_str_eq(pKey->string, azTop[i]);
  }
  ck_assert_ptr_null(pKey);
  ck_assert_int_eq((int)numAt(pDoc, "seed"), 42);
  ck_assert_str_eq(strAt(pDoc, "scenario"), "unit");
  ck_assert_int_eq((int)numAt(pDoc, "convergence.changes"), 8);
  ck_assert_int_eq((int)numAt(pDoc, "convergence.never_converged"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(at(pDoc, "convergence.by_job")), 2);
  /* 7 converged, 1 open: p50 is known, p95 (rank 8 of 8) is censored. */
  ck_assert(cJSON_IsNumber(at(pDoc, "convergence.latency_seconds.p50")));
  ck_assert(cJSON_IsString(at(pDoc, "convergence.latency.p50")));
  ck_assert(cJSON_IsNull(at(pDoc, "convergence.latency_seconds.p95")));
  ck_assert(cJSON_IsTrue(at(pDoc, "convergence.censored.p95")));
  ck_assert(cJSON_IsArray(at(pDoc, "verdict")));
  ck_assert(cJSON_IsArray(at(pDoc, "narrative")));
  ck_assert(cJSON_IsArray(at(pDoc, "convergence.drift.zero_at")));
  ck_assert_int_eq((int)numAt(pDoc, "orphans.count"), 5);
  ck_assert_int_eq(cJSON_GetArraySize(at(pDoc, "orphans.items")), 5);
  pItem = cJSON_GetArrayItem(at(pDoc, "orphans.items"), 0);
  for(i=0, pKey=pItem->child; i<sizeof(azItem)/sizeof(azItem[0]); i++, pKey=pKey->next){
    ck_assert_ptr_nonnull(pKey);
    ck_assert_str_eq(pKey->string, azItem[i]);
  }
  pJob = cJSON_GetArrayItem(at(pDoc, "jobs"), 1);
  ck_assert_str_eq(strAt(pJob, "job"), "src-to-alpha");
  ck_assert_str_eq(strAt(pJob, "gate_error"), "TargetTenantDisallowsSync");
  ck_assert_str_eq(strAt(pJob, "target"), "alpha");
  ck_assert_int_eq((int)numAt(pJob, "cycles.failed"), 1);
  ck_assert_int_eq((int)numAt(pJob, "failures"), 1);
  ck_assert(cJSON_IsNull(at(cJSON_GetArrayItem(at(pDoc, "jobs"), 0), "gate_error")));
  ck_assert_int_eq((int)numAt(pDoc, "totals.source_users"), 6);
  ck_assert_int_eq((int)numAt(pDoc, "totals.target_b2b_users_live"), 6);
  ck_assert_int_eq((int)numAt(pDoc, "totals.timeline_actions"), 1);
  cJSON_Delete(pDoc);
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
  populate(&f, 0);
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
  populate(&f, 0);
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
  tcase_add_test(tc, test_justified_user_is_not_an_orphan);
  tcase_add_test(tc, test_target_with_one_justified_link_is_not_an_orphan);
  tcase_add_test(tc, test_target_with_two_stale_links_is_one_orphan);
  tcase_add_test(tc, test_soft_deleted_target_is_not_an_orphan);
  tcase_add_test(tc, test_orphan_of_paused_job_has_reason_job_paused);
  tcase_add_test(tc, test_held_disabled_user_is_orphan_with_reason_disabled_then_out_of_scope);
  tcase_add_test(tc, test_disabled_source_user_is_disabled_by_sync_not_an_orphan);
  tcase_add_test(tc, test_disabled_source_whose_disable_never_reached_the_target_names_the_job);
  tcase_add_test(tc, test_deleted_source_user_orphan_dates_from_the_deletion);
  tcase_add_test(tc, test_orphan_of_unstarted_job_has_reason_job_not_started);
  tcase_add_test(tc, test_orphan_of_job_failing_its_policy_check_has_reason_target_disallowed_sync);
  tcase_add_test(tc, test_orphan_without_a_cycle_since_is_pending_next_cycle);
  tcase_add_test(tc, test_orphan_while_a_cycle_is_running_is_pending_next_cycle);
  tcase_add_test(tc, test_orphan_after_a_later_cycle_is_not_deprovisioned);
  tcase_add_test(tc, test_orphans_are_sorted_by_target_tenant_then_upn_and_counted_by_reason);
  tcase_add_test(tc, test_text_lists_the_first_ten_orphans_then_how_many_more);
  tcase_add_test(tc, test_job_counts_cycles_exports_and_error_codes);
  tcase_add_test(tc, test_totals_count_declared_source_users_and_live_b2b_users);
  tcase_add_test(tc, test_json_is_identical_for_the_same_database);
  tcase_add_test(tc, test_json_does_not_depend_on_row_order_or_ids);
  tcase_add_test(tc, test_json_parses_and_has_required_fields);
  tcase_add_test(tc, test_report_on_non_tenantsim_file_is_an_error);
  tcase_add_test(tc, test_report_of_an_unfinished_run_is_an_error);
  tcase_add_test(tc, test_write_error_is_reported);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcOom, 60);
  tcase_add_test(tcOom, test_failed_allocation_is_reported_not_crashed);
  suite_add_tcase(s, tcOom);
  return s;
}
