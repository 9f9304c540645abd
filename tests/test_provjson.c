/*
** test_provjson.c — the specification of reports/provjson.c: a
** provisioning-log row's provisioningSteps and modifiedProperties in
** Graph's shapes, as `tenantsim logs` exports them (logs.c). A created
** user has its matching step and the export EntryExportAdd, and its
** attributes as new values; an update carries the old and new values and
** EntryExportUpdate, a soft deletion EntryExportUpdateSoftDelete; a
** skipped entry has status skipped, the export-type step
** EntrySynchronizationSkip and no modified properties.
**
** Each test runs the small scenario of rfx_run_logs (report_fixture.h)
** through the engine into its own database in /tmp: bob (and alice) are
** created by job src-to-a, carol (filtered out) and dave (disabled) are
** skipped there, and alice is soft-deleted at PT2H; job src-to-b creates
** alice, then updates her department from Sales to Ops.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "logs.h"
#include "provjson.h"
#include "strbuf.h"
#include "report_fixture.h"
#include "suites.h"

/* ================================================================ fixture */

/* The entry of job zJobKey whose source is zSource and whose action is
** zAction, from a Graph value array and the jobs' ids in zDb. */
static const cJSON *entryFor(const char *zDb, const cJSON *pValue, const char *zJobKey,
                             const char *zSource, const char *zAction){
  const cJSON *e;
  char zJobId[128];
  sqlite3 *db = NULL;
  sqlite3_stmt *pStmt = NULL;
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT job_id FROM jobs WHERE key=?1", -1,
                                      &pStmt, NULL), SQLITE_OK);
  sqlite3_bind_text(pStmt, 1, zJobKey, -1, SQLITE_STATIC);
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
  snprintf(zJobId, sizeof(zJobId), "%s", (const char*)sqlite3_column_text(pStmt, 0));
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  cJSON_ArrayForEach(e, pValue){
    if( strcmp(rfx_str(e, "jobId"), zJobId)==0
     && strcmp(rfx_str(rfx_item(e, "sourceIdentity"), "displayName"), zSource)==0
     && strcmp(rfx_str(e, "provisioningAction"), zAction)==0 ){
      return e;
    }
  }
  ck_abort_msg("no %s entry for %s in job %s", zAction, zSource, zJobKey);
  return NULL;
}

/* The step of entry e whose provisioningStepType is zType, or NULL. */
static const cJSON *stepOfType(const cJSON *e, const char *zType){
  const cJSON *s;
  cJSON_ArrayForEach(s, rfx_item(e, "provisioningSteps")){
    if( strcmp(rfx_str(s, "provisioningStepType"), zType)==0 ) return s;
  }
  return NULL;
}

static const cJSON *stepNamed(const cJSON *e, const char *zName){
  const cJSON *s;
  cJSON_ArrayForEach(s, rfx_item(e, "provisioningSteps")){
    if( strcmp(rfx_str(s, "name"), zName)==0 ) return s;
  }
  return NULL;
}

/* The modifiedProperty of e named zName, or NULL. */
static const cJSON *modifiedNamed(const cJSON *e, const char *zName){
  const cJSON *m;
  cJSON_ArrayForEach(m, rfx_item(e, "modifiedProperties")){
    if( strcmp(rfx_str(m, "displayName"), zName)==0 ) return m;
  }
  return NULL;
}

/* ================================================================ steps */

START_TEST(test_created_user_is_a_successful_create_with_matching_and_export_steps){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *s, *m;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  e = entryFor(zDb, rfx_value(pDoc), "src-to-a", "Bob Brown", "create");
  ck_assert_str_eq(rfx_str(rfx_item(e, "provisioningStatusInfo"), "status"), "success");
  ck_assert(cJSON_IsNull(rfx_item(rfx_item(e, "provisioningStatusInfo"), "errorInformation")));
  s = stepOfType(e, "matching");
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(rfx_str(s, "status"), "success");
  s = stepNamed(e, "EntryExportAdd");
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(rfx_str(s, "provisioningStepType"), "export");
  ck_assert_str_eq(rfx_str(s, "status"), "success");
  m = modifiedNamed(e, "displayName");
  ck_assert_ptr_nonnull(m);
  ck_assert(cJSON_IsNull(rfx_item(m, "oldValue")));
  ck_assert_str_eq(rfx_str(m, "newValue"), "Bob Brown");
  ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(rfx_item(e, "targetIdentity"), "id")));
  ck_assert_str_eq(rfx_str(rfx_item(e, "targetIdentity"), "displayName"), "Bob Brown");
  ck_assert_str_eq(rfx_str(rfx_item(rfx_item(e, "sourceIdentity"), "details"), "UserPrincipalName"),
                   "bob@src.example");
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_update_carries_old_and_new_values){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *m;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  e = entryFor(zDb, rfx_value(pDoc), "src-to-b", "Alice Adams", "update");
  ck_assert_ptr_nonnull(stepNamed(e, "EntryExportUpdate"));
  m = modifiedNamed(e, "department");
  ck_assert_ptr_nonnull(m);
  ck_assert_str_eq(rfx_str(m, "oldValue"), "Sales");
  ck_assert_str_eq(rfx_str(m, "newValue"), "Ops");
  e = entryFor(zDb, rfx_value(pDoc), "src-to-a", "Alice Adams", "delete");
  ck_assert_ptr_nonnull(stepNamed(e, "EntryExportUpdateSoftDelete"));
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_skipped_entry_has_status_skipped_and_only_a_skip_step){
  static const char *const azSkipped[] = { "Carol Clark", "Dave Diaz", NULL };
  char zDb[64];
  cJSON *pDoc;
  int i;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  for(i=0; azSkipped[i]; i++){
    const cJSON *e = entryFor(zDb, rfx_value(pDoc), "src-to-a", azSkipped[i], "other");
    const cJSON *st = rfx_item(e, "provisioningStatusInfo");
    ck_assert_str_eq(rfx_str(st, "status"), "skipped");
    ck_assert(cJSON_IsNull(rfx_item(st, "errorInformation")));
    /* As in the service's records, the export-type step of a skipped
    ** entry is EntrySynchronizationSkip, with status skipped. */
    ck_assert_str_eq(rfx_str(stepOfType(e, "export"), "name"), "EntrySynchronizationSkip");
    ck_assert_str_eq(rfx_str(stepOfType(e, "export"), "status"), "skipped");
    ck_assert_int_eq(cJSON_GetArraySize(rfx_item(e, "modifiedProperties")), 0);
    ck_assert_str_eq(rfx_str(rfx_item(e, "targetIdentity"), "id"), "");
    ck_assert_str_eq(rfx_str(rfx_item(e, "targetIdentity"), "displayName"), "");
  }
  ck_assert_str_eq(rfx_str(stepOfType(entryFor(zDb, rfx_value(pDoc), "src-to-a", "Carol Clark",
                                               "other"), "scoping"), "status"), "skipped");
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

/* An on-demand provisioning that stopped before scoping (provjson.c's head
** comment): the one step it failed at, with the row's reason, and no
** scoping, matching or export step. */
START_TEST(test_a_stopped_on_demand_row_has_only_the_step_it_failed_at){
  static const char *const azStop[] = { "import", "connection" };
  static const char *const azName[] = { "EntryImport", "TestConnection" };
  static const char *const azType[] = { "import", "processing" };
  int i;
  for(i=0; i<2; i++){
    ProvFacts f;
    StrBuf b;
    cJSON *pSteps;
    const cJSON *pStep;
    memset(&f, 0, sizeof(f));
    f.zStatus = "failure";
    f.zAction = "other";
    f.zReason = "The User was not found";
    f.zChangeType = "Update";
    f.zSourceDisplay = "amy";
    f.zSourceObjectId = "0000-amy";
    f.zStopStep = azStop[i];
    strbuf_init(&b);
    provjson_steps(&f, &b);
    ck_assert(!b.bErr);
    pSteps = cJSON_Parse(strbuf_str(&b));
    strbuf_free(&b);
    ck_assert_ptr_nonnull(pSteps);
    ck_assert_int_eq(cJSON_GetArraySize(pSteps), 1);
    pStep = cJSON_GetArrayItem(pSteps, 0);
    ck_assert_str_eq(rfx_str(pStep, "name"), azName[i]);
    ck_assert_str_eq(rfx_str(pStep, "provisioningStepType"), azType[i]);
    ck_assert_str_eq(rfx_str(pStep, "status"), "failure");
    ck_assert_str_eq(rfx_str(pStep, "description"), "The User was not found");
    cJSON_Delete(pSteps);
  }
}
END_TEST

Suite *provjson_suite(void){
  Suite *s = suite_create("provjson");
  TCase *tc = tcase_create("provjson");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_created_user_is_a_successful_create_with_matching_and_export_steps);
  tcase_add_test(tc, test_update_carries_old_and_new_values);
  tcase_add_test(tc, test_skipped_entry_has_status_skipped_and_only_a_skip_step);
  tcase_add_test(tc, test_a_stopped_on_demand_row_has_only_the_step_it_failed_at);
  suite_add_tcase(s, tc);
  return s;
}
