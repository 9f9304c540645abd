/*
** test_report_orphans.c — the specification of the report's accounts left
** behind (reports/report_build.c): a live target user linked to a source
** that no longer justifies it is an orphan, with the first reason that
** explains why it is still there; a disabled source makes it disabled by
** sync instead; orphans are sorted and counted by reason, and the text
** lists the first ten. Each test states its rule as table rows
** (report_fixture.h).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "report.h"
#include "report_fixture.h"
#include "suites.h"

/* ================================================================ orphans */

START_TEST(test_justified_user_is_not_an_orphan){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_pair(&f, 1, "present", NULL, 0);          /* live source, in scope */
  rfx_add_pair(&f, 2, "absent", "unassigned", 500); /* the control: an orphan */
  p = rfx_report(f.pStore);
  ck_assert_str_eq(rfx_only_orphan(p)->zObjectId, "obj-002");
  report_free(p);
  rfx_close(&f);
}
END_TEST

/* The candidates come from one merge of links and desired in key order
** (report_orphan_cand.c): a link with no desired row is not justified, a
** desired row with no link and a link of a job that does not exist are
** skipped, and the walk stays in step around them. */
START_TEST(test_link_without_desired_row_is_an_orphan_and_unknown_job_is_skipped){
  Rfx f;
  Report *p;
  rfx_open(&f);
  rfx_add_pair(&f, 1, "present", NULL, 0);
  rfx_add_pair(&f, 2, "present", NULL, 0);
  rfx_sql(&f, "DELETE FROM desired WHERE job=0 AND source_user=2");
  rfx_sql(&f, "INSERT INTO desired VALUES(0,3,'absent','unassigned',5)");   /* no link */
  rfx_add_pair(&f, 4, "present", NULL, 0);
  rfx_add_pair_in(&f, 7, 0, 1, 5, "absent", "unassigned", 500);   /* job 7: none */
  p = rfx_report(f.pStore);
  ck_assert_str_eq(rfx_only_orphan(p)->zObjectId, "obj-002");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zObjectId, "obj-002");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zJob, "src-to-tgt");   /* the lowest job index */
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
  ck_assert_str_eq(rfx_only_orphan(p)->zObjectId, "obj-003");
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
  o = rfx_only_orphan(p);
  ck_assert_str_eq(o->zReason, "job_paused");
  ck_assert_str_eq(o->zSourceState, "unassigned");
  ck_assert_int_eq(o->tSince, 1000);
  ck_assert_int_eq(o->nAge, 86400-1000);
  pDoc = rfx_json_of(p);
  pItem = cJSON_GetArrayItem(rfx_at(pDoc, "orphans.items"), 0);
  ck_assert_ptr_nonnull(pItem);
  ck_assert_str_eq(rfx_str_at(pItem, "reason"), "job_paused");
  ck_assert_str_eq(rfx_str_at(pItem, "orphaned_since"), "2026-03-02T08:16:40Z");
  ck_assert_str_eq(rfx_str_at(pItem, "target_tenant"), "tgt");
  ck_assert_str_eq(rfx_str_at(pItem, "source_tenant"), "src");
  ck_assert_str_eq(rfx_str_at(pItem, "source_user"), "u1");
  ck_assert_str_eq(rfx_str_at(pItem, "job"), "src-to-tgt");
  ck_assert_str_eq(rfx_str_at(pItem, "user_principal_name"), "u001_src.example#EXT#@tgt.example");
  ck_assert_str_eq(rfx_str_at(pItem, "display_name"), "User 1");
  ck_assert_int_eq((int)rfx_num_at(pDoc, "orphans.by_reason.job_paused"), 1);
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
  o = rfx_only_orphan(p);
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
  o = rfx_only_orphan(p);
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
  o = rfx_only_orphan(p);
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
  ck_assert_str_eq(rfx_only_orphan(p)->zReason, "job_not_started");
  ck_assert_str_eq(rfx_only_orphan(p)->zSourceState, "filtered");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zReason, "target_disallowed_sync");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zReason, "pending_next_cycle");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zReason, "pending_next_cycle");
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
  ck_assert_str_eq(rfx_only_orphan(p)->zReason, "not_deprovisioned");
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
  pDoc = rfx_json_of(p);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "orphans.count"), 3);
  ck_assert_int_eq((int)rfx_num_at(pDoc, "orphans.disabled_by_sync.count"), 1);
  pBy = rfx_at(pDoc, "orphans.by_reason");
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
  zText = rfx_write_of(p, 0);
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

/* ================================================ present before the run */

/* Declared B2B users whose home is outside the scenario, live and never
** linked, are listed by tenant, upn (none first), object id and id; a
** linked one, a deleted one and a pending one are not. */
START_TEST(test_users_present_before_the_run_are_live_unlinked_and_sorted_by_upn){
  static const char *const azRow[] = {
    "(201,1,'pre-b','b@else.example','Accepted',NULL,NULL)",
    "(202,1,'pre-a','a@else.example','Accepted',NULL,NULL)",
    "(203,1,'pre-n',NULL,'Accepted',NULL,NULL)",            /* no upn: first */
    "(204,1,'pre-l','c@else.example','Accepted',NULL,NULL)", /* linked below */
    "(205,1,'pre-d','d@else.example','Accepted',3000,NULL)", /* soft-deleted */
    "(206,1,'pre-p','e@else.example','PendingAcceptance',NULL,NULL)",
    "(207,1,'pre-a2','a@else.example','Accepted',NULL,NULL)", /* same upn: object id */
  };
  static const char *const azWant[] = { "pre-n", "pre-a", "pre-a2", "pre-b" };
  Rfx f;
  Report *p;
  size_t i;
  rfx_open(&f);
  for(i=0; i<sizeof(azRow)/sizeof(azRow[0]); i++){
    char zSql[512];
    snprintf(zSql, sizeof(zSql), "INSERT INTO users(id,tenant,object_id,user_principal_name,"
             "external_user_state,deleted_at,purged_at,creation_type,created_at)"
             " SELECT *, 'Invitation', 0 FROM (VALUES%s)", azRow[i]);
    rfx_sql(&f, zSql);
  }
  rfx_add_pair(&f, 1, "present", NULL, 0);
  rfx_sql(&f, "UPDATE links SET target_user=204");
  p = rfx_report(f.pStore);
  ck_assert_int_eq(p->nPreexisting, 4);
  for(i=0; i<4; i++){
    ck_assert_str_eq(p->aPreexisting[i].zObjectId, azWant[i]);
    ck_assert_str_eq(p->aPreexisting[i].zReason, "home_identity_unknown");
  }
  report_free(p);
  rfx_close(&f);
}
END_TEST

Suite *report_orphans_suite(void){
  Suite *s = suite_create("report_orphans");
  TCase *tc = tcase_create("report");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, test_justified_user_is_not_an_orphan);
  tcase_add_test(tc, test_link_without_desired_row_is_an_orphan_and_unknown_job_is_skipped);
  tcase_add_test(tc, test_target_with_one_justified_link_is_not_an_orphan);
  tcase_add_test(tc, test_target_with_two_stale_links_is_one_orphan);
  tcase_add_test(tc, test_soft_deleted_target_is_not_an_orphan);
  tcase_add_test(tc, test_orphan_of_paused_job_has_reason_job_paused);
  tcase_add_test(tc, test_held_disabled_user_is_orphan_with_reason_disabled_then_out_of_scope);
  tcase_add_test(tc, test_disabled_source_whose_disable_never_reached_the_target_names_the_job);
  tcase_add_test(tc, test_disabled_source_user_is_disabled_by_sync_not_an_orphan);
  tcase_add_test(tc, test_deleted_source_user_orphan_dates_from_the_deletion);
  tcase_add_test(tc, test_orphan_of_unstarted_job_has_reason_job_not_started);
  tcase_add_test(tc, test_orphan_of_job_failing_its_policy_check_has_reason_target_disallowed_sync);
  tcase_add_test(tc, test_orphan_without_a_cycle_since_is_pending_next_cycle);
  tcase_add_test(tc, test_orphan_while_a_cycle_is_running_is_pending_next_cycle);
  tcase_add_test(tc, test_orphan_after_a_later_cycle_is_not_deprovisioned);
  tcase_add_test(tc, test_orphans_are_sorted_by_target_tenant_then_upn_and_counted_by_reason);
  tcase_add_test(tc, test_text_lists_the_first_ten_orphans_then_how_many_more);
  tcase_add_test(tc, test_users_present_before_the_run_are_live_unlinked_and_sorted_by_upn);
  suite_add_tcase(s, tc);
  return s;
}
