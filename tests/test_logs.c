/*
** test_logs.c — the specification of reports/logs.c: `tenantsim logs`
** exports every provisioning-log row of a run as a Graph
** provisioningObjectSummary (in the body of GET /auditLogs/provisioning) or
** as an Azure Monitor AADProvisioningLogs row (JSON Lines), with the key
** names, nesting and enum spellings of the documented examples, ids that
** are unique and stable, and the same bytes for the same database. The
** steps and modifiedProperties of an entry (reports/provjson.c) have their
** own suite, test_provjson.c.
**
** Each test runs the small scenario of rfx_run_logs (report_fixture.h)
** through the engine into its own database in /tmp: two jobs from src,
** src-to-a (a scoping filter: two users created, two skipped, one
** soft-deleted at PT2H) and src-to-b (one user created, then updated).
** The examples of /work/shared/reference are read from $TS_REFERENCE
** (default ../shared/reference, beside the repository).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "logs.h"
#include "simtime.h"
#include "report_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

static int inList(const char *z, const char *const *az){
  for(; *az; az++) if( strcmp(z, *az)==0 ) return 1;
  return 0;
}

/* Make the first 'create' row of the log a failure with error zCode. */
static void injectFailure(const char *zDb, const char *zCode){
  char zSql[512];
  snprintf(zSql, sizeof(zSql),
           "UPDATE provisioning_log_rows SET status='failure', error_code='%s',"
           " reason='The invitation failed', export_step=NULL"
           " WHERE id=(SELECT min(id) FROM provisioning_log WHERE action='create')", zCode);
  rfx_db_exec(zDb, zSql);
}

/* The reference example zName, parsed, or NULL (with a note) when the
** reference directory is not there. */
static cJSON *referenceExample(const char *zName){
  const char *zDir = getenv("TS_REFERENCE");
  char zPath[1024];
  char *z;
  cJSON *p;
  if( zDir==NULL || zDir[0]==0 ) zDir = "../shared/reference";
  snprintf(zPath, sizeof(zPath), "%s/graph-examples/%s", zDir, zName);
  if( access(zPath, R_OK)!=0 ){
    printf("note: %s is absent; the comparison with it is skipped\n", zPath);
    return NULL;
  }
  z = tu_slurp(zPath, NULL);
  p = cJSON_Parse(z);
  free(z);
  ck_assert_msg(p!=NULL, "%s is not JSON", zPath);
  return p;
}

/* Every key of pWant exists in pHave; for keys whose values are objects in
** both (other than free-form "details"), the same one level down. */
static void assertHasKeysOf(const cJSON *pHave, const cJSON *pWant, const char *zWhere){
  const cJSON *k;
  cJSON_ArrayForEach(k, pWant){
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(pHave, k->string);
    ck_assert_msg(h!=NULL, "%s: the example's key \"%s\" is missing", zWhere, k->string);
    if( cJSON_IsObject(k) && cJSON_IsObject(h) && strcmp(k->string, "details")!=0 ){
      assertHasKeysOf(h, k, k->string);
    }
  }
}

/* ================================================================ graph */

START_TEST(test_graph_document_has_one_entry_per_provisioning_log_row){
  char zDb[64];
  cJSON *pDoc;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  ck_assert_str_eq(rfx_str(pDoc, "@odata.context"),
                   "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning");
  ck_assert_int_eq(cJSON_GetArraySize(rfx_value(pDoc)),
                   rfx_db_int(zDb, "SELECT count(*) FROM provisioning_log", NULL));
  ck_assert_int_ge(cJSON_GetArraySize(rfx_value(pDoc)), 7);
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_every_entry_has_every_graph_key_with_its_type_and_enum){
  static const char *const azAction[] = {
    "create", "update", "delete", "disable", "other", "stagedDelete", NULL };
  static const char *const azStatus[] = { "success", "warning", "failure", "skipped", NULL };
  static const char *const azStepType[] = {
    "import", "scoping", "matching", "processing", "referenceResolution", "export", NULL };
  static const char *const azString[] = {
    "id", "activityDateTime", "tenantId", "jobId", "cycleId", "changeId", NULL };
  static const char *const azObject[] = {
    "servicePrincipal", "sourceSystem", "targetSystem", "initiatedBy", "sourceIdentity",
    "targetIdentity", "provisioningStatusInfo", NULL };
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  int i;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    const cJSON *o, *s, *m, *pErrInfo;
    for(i=0; azString[i]; i++) (void)rfx_str(e, azString[i]);
    for(i=0; azObject[i]; i++){
      ck_assert_msg(cJSON_IsObject(rfx_item(e, azObject[i])), "%s is not an object", azObject[i]);
    }
    ck_assert(inList(rfx_str(e, "provisioningAction"), azAction));
    ck_assert(cJSON_IsNumber(rfx_item(e, "durationInMilliseconds")));
    ck_assert_int_ge(rfx_item(e, "durationInMilliseconds")->valuedouble, 0);

    o = rfx_item(e, "servicePrincipal");
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(o, "id")));
    (void)rfx_str(o, "displayName");
    o = rfx_item(e, "initiatedBy");
    ck_assert_str_eq(rfx_str(o, "id"), "");
    ck_assert_str_eq(rfx_str(o, "displayName"), "Azure AD Provisioning Service");
    ck_assert_str_eq(rfx_str(o, "initiatorType"), "system");
    o = rfx_item(e, "sourceSystem");
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(o, "id")));
    ck_assert_str_eq(rfx_str(o, "displayName"), "Azure Active Directory");
    ck_assert(cJSON_IsObject(rfx_item(o, "details")));
    o = rfx_item(e, "targetSystem");
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(o, "id")));
    ck_assert_str_eq(rfx_str(o, "displayName"), "Azure Active Directory (target tenant)");
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(rfx_item(o, "details"), "ApplicationId")));
    ck_assert_str_eq(rfx_str(rfx_item(o, "details"), "ServicePrincipalId"),
                     rfx_str(rfx_item(e, "servicePrincipal"), "id"));
    ck_assert_str_eq(rfx_str(rfx_item(o, "details"), "ServicePrincipalDisplayName"),
                     rfx_str(rfx_item(e, "servicePrincipal"), "displayName"));
    o = rfx_item(e, "sourceIdentity");
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(o, "id")));
    ck_assert_str_ne(rfx_str(o, "displayName"), "");
    ck_assert_str_eq(rfx_str(o, "identityType"), "User");
    ck_assert_str_eq(rfx_str(rfx_item(o, "details"), "id"), rfx_str(o, "id"));
    ck_assert_str_eq(rfx_str(rfx_item(o, "details"), "odatatype"), "User");
    o = rfx_item(e, "targetIdentity");
    (void)rfx_str(o, "id");
    (void)rfx_str(o, "displayName");
    ck_assert_str_eq(rfx_str(o, "identityType"), "User");
    ck_assert(cJSON_IsObject(rfx_item(o, "details")));

    o = rfx_item(e, "provisioningStatusInfo");
    ck_assert(inList(rfx_str(o, "status"), azStatus));
    pErrInfo = rfx_item(o, "errorInformation");
    ck_assert(cJSON_IsNull(pErrInfo) || cJSON_IsObject(pErrInfo));

    ck_assert(cJSON_IsArray(rfx_item(e, "provisioningSteps")));
    ck_assert_int_ge(cJSON_GetArraySize(rfx_item(e, "provisioningSteps")), 3);
    cJSON_ArrayForEach(s, rfx_item(e, "provisioningSteps")){
      (void)rfx_str(s, "name");
      ck_assert(inList(rfx_str(s, "provisioningStepType"), azStepType));
      ck_assert(inList(rfx_str(s, "status"), azStatus));
      (void)rfx_str(s, "description");
      ck_assert(cJSON_IsObject(rfx_item(s, "details")));
    }
    ck_assert(cJSON_IsArray(rfx_item(e, "modifiedProperties")));
    cJSON_ArrayForEach(m, rfx_item(e, "modifiedProperties")){
      (void)rfx_str(m, "displayName");
      ck_assert(cJSON_IsString(rfx_item(m, "oldValue")) || cJSON_IsNull(rfx_item(m, "oldValue")));
      ck_assert(cJSON_IsString(rfx_item(m, "newValue")) || cJSON_IsNull(rfx_item(m, "newValue")));
    }
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_failure_carries_error_information_with_its_category){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *pInfo;
  rfx_run_logs(zDb, sizeof(zDb));
  injectFailure(zDb, "InvitationCreationFailureAmbiguousUser");
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    if( strcmp(rfx_str(rfx_item(e, "provisioningStatusInfo"), "status"), "failure")==0 ) break;
  }
  ck_assert_ptr_nonnull(e);
  pInfo = rfx_item(rfx_item(e, "provisioningStatusInfo"), "errorInformation");
  ck_assert(cJSON_IsObject(pInfo));
  ck_assert_str_eq(rfx_str(pInfo, "errorCode"), "InvitationCreationFailureAmbiguousUser");
  ck_assert_str_eq(rfx_str(pInfo, "errorCategory"), "nonServiceFailure");
  ck_assert_str_eq(rfx_str(pInfo, "reason"), "The invitation failed");
  ck_assert(cJSON_IsNull(rfx_item(pInfo, "additionalDetails")));
  ck_assert(cJSON_IsString(rfx_item(pInfo, "recommendedAction")));
  cJSON_Delete(pDoc);

  injectFailure(zDb, "Timeout");
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    if( strcmp(rfx_str(rfx_item(e, "provisioningStatusInfo"), "status"), "failure")==0 ) break;
  }
  ck_assert_ptr_nonnull(e);
  pInfo = rfx_item(rfx_item(e, "provisioningStatusInfo"), "errorInformation");
  ck_assert_str_eq(rfx_str(pInfo, "errorCategory"), "failure");
  ck_assert(cJSON_IsNull(rfx_item(pInfo, "recommendedAction")));
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_ids_are_unique_guids_and_stable_across_exports){
  char zDb[64];
  cJSON *pA, *pB;
  const cJSON *e, *f;
  rfx_run_logs(zDb, sizeof(zDb));
  pA = rfx_logs_graph(zDb, NULL);
  pB = rfx_logs_graph(zDb, NULL);
  ck_assert_int_eq(cJSON_GetArraySize(rfx_value(pA)), cJSON_GetArraySize(rfx_value(pB)));
  f = rfx_value(pB)->child;
  cJSON_ArrayForEach(e, rfx_value(pA)){
    const cJSON *g;
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(e, "id")));
    ck_assert_str_eq(rfx_str(e, "id"), rfx_str(f, "id"));
    ck_assert_str_ne(rfx_str(e, "id"), rfx_str(e, "changeId"));
    for(g=e->next; g; g=g->next) ck_assert_str_ne(rfx_str(e, "id"), rfx_str(g, "id"));
    f = f->next;
  }
  cJSON_Delete(pA);
  cJSON_Delete(pB);
  unlink(zDb);
}
END_TEST

START_TEST(test_job_cycle_and_tenant_ids_come_from_the_run){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    const char *zChange = rfx_str(e, "changeId");
    ck_assert(rfx_matches("^Azure2Azure\\.[0-9a-f]{32}\\.[0-9a-f]{32}$", rfx_str(e, "jobId")));
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(e, "cycleId")));
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *pStmt = NULL;
      ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
      ck_assert_int_eq(sqlite3_prepare_v2(db,
        "SELECT count(*) FROM provisioning_log p JOIN cycles c ON c.id=p.cycle"
        " JOIN jobs j ON j.idx=p.job JOIN tenants t ON t.idx=j.target"
        " WHERE p.change_id=?1 AND c.cycle_id=?2 AND j.job_id=?3 AND t.tenant_id=?4"
        " AND p.action=?5 AND p.duration_ms=?6", -1, &pStmt, NULL), SQLITE_OK);
      sqlite3_bind_text(pStmt, 1, zChange, -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 2, rfx_str(e, "cycleId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 3, rfx_str(e, "jobId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 4, rfx_str(e, "tenantId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 5, rfx_str(e, "provisioningAction"), -1, SQLITE_STATIC);
      sqlite3_bind_int64(pStmt, 6,
                         (sqlite3_int64)rfx_item(e, "durationInMilliseconds")->valuedouble);
      ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
      ck_assert_int_eq(sqlite3_column_int(pStmt, 0), 1);
      sqlite3_finalize(pStmt);
      sqlite3_close(db);
    }
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_activity_date_time_is_the_start_plus_activity_at_in_utc){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  SimTime tStart, t;
  ck_assert_int_eq(simtime_parse_instant("2026-03-02T08:00:00Z", &tStart, NULL, 0), 0);
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    const char *z = rfx_str(e, "activityDateTime");
    ck_assert_msg(simtime_parse_instant(z, &t, NULL, 0)==0, "not an instant: %s", z);
    ck_assert_int_eq(z[strlen(z)-1], 'Z');
    ck_assert_int_eq(t - tStart, rfx_db_int(zDb, "SELECT activity_at FROM provisioning_log"
                                             " WHERE change_id=?1", rfx_str(e, "changeId")));
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_entries_are_ordered_by_activity_time_then_row_id){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  sqlite3 *db = NULL;
  sqlite3_stmt *pStmt = NULL;
  rfx_run_logs(zDb, sizeof(zDb));
  /* Make the row order differ from the time order. */
  rfx_db_exec(zDb, "UPDATE provisioning_log_rows SET activity_at=activity_at+100000"
              " WHERE id=(SELECT min(id) FROM provisioning_log)");
  pDoc = rfx_logs_graph(zDb, NULL);
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT change_id FROM provisioning_log"
                                      " ORDER BY activity_at, id", -1, &pStmt, NULL), SQLITE_OK);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
    ck_assert_str_eq(rfx_str(e, "changeId"), (const char*)sqlite3_column_text(pStmt, 0));
  }
  ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_DONE);
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_job_option_keeps_only_that_jobs_rows){
  char zDb[64], *zOut;
  cJSON *pDoc;
  const cJSON *e;
  TsErr err;
  int rc;
  char zJobId[128];
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, "src-to-b");
  ck_assert_int_eq(cJSON_GetArraySize(rfx_value(pDoc)),
                   rfx_db_int(zDb, "SELECT count(*) FROM provisioning_log p JOIN jobs j"
                               " ON j.idx=p.job WHERE j.key=?1", "src-to-b"));
  ck_assert_int_ge(cJSON_GetArraySize(rfx_value(pDoc)), 2);
  snprintf(zJobId, sizeof(zJobId), "%s", rfx_str(rfx_value(pDoc)->child, "jobId"));
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    ck_assert_str_eq(rfx_str(e, "jobId"), zJobId);
    ck_assert_str_eq(rfx_str(rfx_item(e, "servicePrincipal"), "displayName"), "src-to-b");
  }
  cJSON_Delete(pDoc);
  zOut = rfx_logs_export_rc(zDb, LOGS_GRAPH, "no-such-job", &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "no-such-job"));
  free(zOut);
  unlink(zDb);
}
END_TEST

START_TEST(test_service_principal_is_the_one_the_audit_log_names){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  rfx_run_logs(zDb, sizeof(zDb));
  pDoc = rfx_logs_graph(zDb, NULL);
  cJSON_ArrayForEach(e, rfx_value(pDoc)){
    const cJSON *sp = rfx_item(e, "servicePrincipal");
    ck_assert_int_ge(rfx_db_int(zDb, "SELECT count(*) FROM audit_log WHERE"
                                 " target_type='ServicePrincipal' AND target_id=?1",
                            rfx_str(sp, "id")), 1);
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_entries_have_every_key_of_the_documented_examples){
  static const char *const azExample[] = {
    "provisioning-list-failure-example.json", "xts-provisioning-list-truncated.json", NULL };
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e;
  int i;
  rfx_run_logs(zDb, sizeof(zDb));
  injectFailure(zDb, "AzureActiveDirectoryForbidden");
  pDoc = rfx_logs_graph(zDb, NULL);
  for(i=0; azExample[i]; i++){
    cJSON *pEx = referenceExample(azExample[i]);
    const cJSON *x;
    if( pEx==NULL ) continue;
    assertHasKeysOf(pDoc, pEx, azExample[i]);   /* @odata.context, value */
    cJSON_ArrayForEach(x, rfx_value(pEx)){
      const cJSON *pWantErr = rfx_item(rfx_item(x, "provisioningStatusInfo"), "errorInformation");
      cJSON_ArrayForEach(e, rfx_value(pDoc)){
        const cJSON *pHaveErr = rfx_item(rfx_item(e, "provisioningStatusInfo"), "errorInformation");
        assertHasKeysOf(e, x, azExample[i]);
        if( cJSON_IsObject(pWantErr) && cJSON_IsObject(pHaveErr) ){
          assertHasKeysOf(pHaveErr, pWantErr, "errorInformation");
        }
      }
    }
    cJSON_Delete(pEx);
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

/* ================================================================ monitor */

START_TEST(test_monitor_lines_are_json_rows_of_aadprovisioninglogs){
  static const char *const azText[] = {
    "AADTenantId", "Action", "Category", "ChangeId", "CorrelationId", "CycleId", "Id",
    "JobId", "OperationName", "OperationVersion", "ProvisioningAction", "ResultDescription",
    "ResultSignature", "ResultType", "SourceSystem", "TenantId", "TimeGenerated", "Type", NULL };
  static const char *const azJsonText[] = {
    "InitiatedBy", "ModifiedProperties", "ProvisioningStatusInfo", "ProvisioningSteps",
    "ServicePrincipal", "SourceIdentity", "TargetIdentity", "TargetSystem", NULL };
  static const char *const azResult[] = { "Success", "Failure", "Skipped", "Warning", NULL };
  static const char *const azAction[] = {
    "Create", "Update", "Delete", "Disable", "Other", "StagedDelete", NULL };
  char zDb[64], *zOut, *zLine, *zNext;
  cJSON *pDoc;
  const cJSON *g;
  int nLine = 0, nFailure = 0, i;
  rfx_run_logs(zDb, sizeof(zDb));
  injectFailure(zDb, "AzureActiveDirectoryQuotaLimitExceeded");
  pDoc = rfx_logs_graph(zDb, NULL);
  g = rfx_value(pDoc)->child;
  zOut = rfx_logs_export(zDb, LOGS_MONITOR, NULL);
  for(zLine=zOut; *zLine; zLine=zNext){
    cJSON *r;
    zNext = strchr(zLine, '\n');
    ck_assert_msg(zNext!=NULL, "the last line has no newline");
    *zNext++ = 0;
    r = cJSON_Parse(zLine);
    ck_assert_msg(cJSON_IsObject(r), "line %d is not a JSON object: %.200s", nLine+1, zLine);
    for(i=0; azText[i]; i++) (void)rfx_str(r, azText[i]);
    for(i=0; azJsonText[i]; i++){
      cJSON *v = cJSON_Parse(rfx_str(r, azJsonText[i]));
      ck_assert_msg(cJSON_IsObject(v) || cJSON_IsArray(v), "%s holds no JSON", azJsonText[i]);
      cJSON_Delete(v);
    }
    ck_assert(cJSON_IsNumber(rfx_item(r, "DurationMs")));
    ck_assert_str_eq(rfx_str(r, "Category"), "ProvisioningLogs");
    ck_assert_str_eq(rfx_str(r, "Type"), "AADProvisioningLogs");
    ck_assert_str_eq(rfx_str(r, "SourceSystem"), "Azure");
    ck_assert(inList(rfx_str(r, "ResultType"), azResult));
    ck_assert(inList(rfx_str(r, "Action"), azAction));
    ck_assert(rfx_matches(RFX_GUID_RE, rfx_str(r, "TenantId")));
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(rfx_str(r, "Id"), rfx_str(g, "id"));
    ck_assert_str_eq(rfx_str(r, "TimeGenerated"), rfx_str(g, "activityDateTime"));
    ck_assert_str_eq(rfx_str(r, "AADTenantId"), rfx_str(g, "tenantId"));
    ck_assert_str_eq(rfx_str(r, "ProvisioningAction"), rfx_str(g, "provisioningAction"));
    ck_assert_int_eq(rfx_item(r, "DurationMs")->valuedouble,
                     rfx_item(g, "durationInMilliseconds")->valuedouble);
    if( strcmp(rfx_str(r, "ResultType"), "Failure")==0 ){
      ck_assert_str_eq(rfx_str(r, "ResultSignature"), "AzureActiveDirectoryQuotaLimitExceeded");
      ck_assert_str_eq(rfx_str(r, "ResultDescription"), "The invitation failed");
      nFailure++;
    }else{
      ck_assert_str_eq(rfx_str(r, "ResultSignature"), "");
    }
    cJSON_Delete(r);
    g = g->next;
    nLine++;
  }
  ck_assert_int_eq(nLine, rfx_db_int(zDb, "SELECT count(*) FROM provisioning_log", NULL));
  ck_assert_int_eq(nFailure, 1);
  free(zOut);
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

/* ================================================================ both */

START_TEST(test_same_database_gives_identical_bytes){
  char zDb[64];
  LogsFormat e;
  rfx_run_logs(zDb, sizeof(zDb));
  for(e=LOGS_GRAPH; e<=LOGS_MONITOR; e++){
    char *zA = rfx_logs_export(zDb, e, NULL);
    char *zB = rfx_logs_export(zDb, e, NULL);
    ck_assert_int_gt((long)strlen(zA), 100);
    ck_assert_str_eq(zA, zB);
    free(zA);
    free(zB);
  }
  unlink(zDb);
}
END_TEST

START_TEST(test_format_names_are_graph_and_monitor){
  LogsFormat e = LOGS_MONITOR;
  ck_assert_int_eq(logs_format_parse("graph", &e), 0);
  ck_assert_int_eq(e, LOGS_GRAPH);
  ck_assert_int_eq(logs_format_parse("monitor", &e), 0);
  ck_assert_int_eq(e, LOGS_MONITOR);
  ck_assert_int_eq(logs_format_parse("csv", &e), -1);
  ck_assert_int_eq(logs_format_parse("Graph", &e), -1);
  ck_assert_int_eq(logs_format_parse(NULL, &e), -1);
  ck_assert_int_eq(e, LOGS_MONITOR);
}
END_TEST

START_TEST(test_inconsistent_database_is_invalid_input){
  char zDb[64], *zOut;
  TsErr err;
  int rc;
  rfx_run_logs(zDb, sizeof(zDb));
  rfx_db_exec(zDb, "UPDATE provisioning_log_rows SET modified_properties='{\"not\":1}',"
              " property_list=NULL, created_values=NULL"
              " WHERE id=(SELECT max(id) FROM provisioning_log)");
  zOut = rfx_logs_export_rc(zDb, LOGS_MONITOR, NULL, &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "modified_properties"));
  free(zOut);
  /* A create stored compactly with one value too many for its names. */
  rfx_db_exec(zDb, "UPDATE provisioning_log_rows SET modified_properties=NULL, property_list=1,"
              " created_values=json_insert(created_values, '$[#]', 'x')"
              " WHERE id=(SELECT min(id) FROM provisioning_log_rows WHERE created_values IS NOT NULL)");
  rfx_db_exec(zDb, "UPDATE provisioning_log_rows SET modified_properties='[]',"
              " property_list=NULL, created_values=NULL WHERE id=(SELECT max(id) FROM provisioning_log)");
  zOut = rfx_logs_export_rc(zDb, LOGS_MONITOR, NULL, &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "created_values"));
  free(zOut);
  rfx_db_exec(zDb, "DELETE FROM run_info WHERE key='start'");
  zOut = rfx_logs_export_rc(zDb, LOGS_GRAPH, NULL, &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "start"));
  free(zOut);
  unlink(zDb);
}
END_TEST

START_TEST(test_allocation_failures_are_reported_not_crashed_on){
  char zDb[64];
  LogsFormat e;
  rfx_run_logs(zDb, sizeof(zDb));
  for(e=LOGS_GRAPH; e<=LOGS_MONITOR; e++){
    long n;
    int bDone = 0;
    for(n=1; n<500 && !bDone; n++){
      Store *pStore = NULL;
      TsErr err;
      char *zOut = NULL;
      size_t nOut = 0;
      FILE *out = open_memstream(&zOut, &nOut);
      long nFailedBefore = mem_fail_count();
      int rc;
      ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
      mem_fail_after(n);
      rc = logs_write(pStore, e, NULL, out, &err);
      mem_fail_after(0);
      store_close(pStore);
      fclose(out);
      free(zOut);
      if( rc!=TS_OK ) ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
      if( mem_fail_count()==nFailedBefore ){
        ck_assert_int_eq(rc, TS_OK);
        bDone = 1;
      }
    }
    ck_assert_int_eq(bDone, 1);
  }
  unlink(zDb);
}
END_TEST

Suite *logs_suite(void){
  Suite *s = suite_create("logs");
  TCase *tc = tcase_create("graph");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_graph_document_has_one_entry_per_provisioning_log_row);
  tcase_add_test(tc, test_every_entry_has_every_graph_key_with_its_type_and_enum);
  tcase_add_test(tc, test_failure_carries_error_information_with_its_category);
  tcase_add_test(tc, test_ids_are_unique_guids_and_stable_across_exports);
  tcase_add_test(tc, test_job_cycle_and_tenant_ids_come_from_the_run);
  tcase_add_test(tc, test_activity_date_time_is_the_start_plus_activity_at_in_utc);
  tcase_add_test(tc, test_entries_are_ordered_by_activity_time_then_row_id);
  tcase_add_test(tc, test_job_option_keeps_only_that_jobs_rows);
  tcase_add_test(tc, test_service_principal_is_the_one_the_audit_log_names);
  tcase_add_test(tc, test_entries_have_every_key_of_the_documented_examples);
  suite_add_tcase(s, tc);
  tc = tcase_create("monitor");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_monitor_lines_are_json_rows_of_aadprovisioninglogs);
  suite_add_tcase(s, tc);
  tc = tcase_create("both");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_same_database_gives_identical_bytes);
  tcase_add_test(tc, test_format_names_are_graph_and_monitor);
  tcase_add_test(tc, test_inconsistent_database_is_invalid_input);
  tcase_add_test(tc, test_allocation_failures_are_reported_not_crashed_on);
  suite_add_tcase(s, tc);
  return s;
}
