/*
** test_logs.c — the specification of reports/logs.c: `tenantsim logs`
** exports every provisioning-log row of a run as a Graph
** provisioningObjectSummary (in the body of GET /auditLogs/provisioning) or
** as an Azure Monitor AADProvisioningLogs row (JSON Lines), with the key
** names, nesting and enum spellings of the documented examples, ids that
** are unique and stable, and the same bytes for the same database.
**
** Each test runs a small scenario through the engine (scenario_parse +
** runner_run) into its own database in /tmp:
**   tenants src (alice, bob, carol, dave; dave disabled), tga, tgb;
**   job src-to-a: scope all, scoping filter department EQUALS Sales —
**     alice and bob are created, carol is filtered out (skipped), dave is
**     disabled (skipped); at PT2H alice moves to Ops and is soft-deleted;
**   job src-to-b: alice assigned — created, then updated (Sales -> Ops).
** The examples of /work/shared/reference are read from $TS_REFERENCE
** (default ../shared/reference, beside the repository).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "logs.h"
#include "runner.h"
#include "scenario.h"
#include "simtime.h"
#include "report_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

static const char zScenario[] =
  "{\"name\":\"logs-unit\",\"seed\":7,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"PT6H\","
  " \"tenants\":["
  "  {\"key\":\"src\",\"domain\":\"src.example\",\"groups\":[{\"key\":\"team\"}],"
  "   \"users\":["
  "    {\"key\":\"alice\",\"displayName\":\"Alice Adams\",\"department\":\"Sales\",\"groups\":[\"team\"]},"
  "    {\"key\":\"bob\",\"displayName\":\"Bob Brown\",\"department\":\"Sales\",\"groups\":[\"team\"]},"
  "    {\"key\":\"carol\",\"displayName\":\"Carol Clark\",\"department\":\"Finance\",\"groups\":[\"team\"]},"
  "    {\"key\":\"dave\",\"displayName\":\"Dave Diaz\",\"department\":\"Sales\","
  "     \"accountEnabled\":false,\"groups\":[\"team\"]}]},"
  "  {\"key\":\"tga\",\"domain\":\"tga.example\"},"
  "  {\"key\":\"tgb\",\"domain\":\"tgb.example\"}],"
  " \"policies\":["
  "  {\"tenant\":\"tga\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
  "  {\"tenant\":\"tgb\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
  "  {\"tenant\":\"src\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
  " \"jobs\":["
  "  {\"key\":\"src-to-a\",\"source\":\"src\",\"target\":\"tga\",\"scope\":\"all\","
  "   \"scopingFilters\":[{\"title\":\"Sales only\",\"clauses\":[{\"attribute\":\"department\","
  "    \"operator\":\"EQUALS\",\"value\":\"Sales\"}]}]},"
  "  {\"key\":\"src-to-b\",\"source\":\"src\",\"target\":\"tgb\",\"assignments\":{\"users\":[\"alice\"]}}],"
  " \"timeline\":["
  "  {\"at\":\"PT2H\",\"action\":\"update\",\"tenant\":\"src\",\"users\":[\"alice\"],"
  "   \"set\":{\"department\":\"Ops\"}}]}";

/* Export the database at zDb; returns the bytes (free with free()) and
** stores logs_write's status in *pRc and the message in pErr. */
static char *exportRc(const char *zDb, LogsFormat eFormat, const char *zJob,
                      int *pRc, TsErr *pErr){
  Store *pStore = NULL;
  char *zOut = NULL;
  size_t nOut = 0;
  FILE *out;
  tserr_clear(pErr);
  ck_assert_msg(store_open_readonly(zDb, &pStore, pErr)==TS_OK, "%s", pErr->zMsg);
  out = open_memstream(&zOut, &nOut);
  ck_assert_ptr_nonnull(out);
  *pRc = logs_write(pStore, eFormat, zJob, out, pErr);
  fclose(out);
  store_close(pStore);
  return zOut;
}

/* Export that must succeed. */
static char *exportOf(const char *zDb, LogsFormat eFormat, const char *zJob){
  TsErr err;
  int rc;
  char *z = exportRc(zDb, eFormat, zJob, &rc, &err);
  ck_assert_msg(rc==TS_OK, "logs_write: %s", err.zMsg);
  return z;
}

/* The Graph document of zDb (zJob: one job or NULL), parsed. */
static cJSON *graphOf(const char *zDb, const char *zJob){
  char *z = exportOf(zDb, LOGS_GRAPH, zJob);
  cJSON *p = cJSON_Parse(z);
  ck_assert_msg(p!=NULL, "not JSON: %.300s", z);
  free(z);
  return p;
}

/* The "value" array of a Graph document. */
static cJSON *valueOf(cJSON *pDoc){
  cJSON *v = cJSON_GetObjectItemCaseSensitive(pDoc, "value");
  ck_assert_msg(cJSON_IsArray(v), "no \"value\" array");
  return v;
}

static cJSON *item(const cJSON *pObj, const char *zKey){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  ck_assert_msg(c!=NULL, "no key \"%s\"", zKey);
  return c;
}

static const char *str(const cJSON *pObj, const char *zKey){
  cJSON *c = item(pObj, zKey);
  ck_assert_msg(cJSON_IsString(c), "\"%s\" is not a string", zKey);
  return c->valuestring;
}

static int inList(const char *z, const char *const *az){
  for(; *az; az++) if( strcmp(z, *az)==0 ) return 1;
  return 0;
}

static int matches(const char *zPattern, const char *z){
  regex_t re;
  int rc;
  ck_assert_int_eq(regcomp(&re, zPattern, REG_EXTENDED|REG_NOSUB), 0);
  rc = regexec(&re, z, 0, NULL, 0);
  regfree(&re);
  return rc==0;
}

#define GUID_RE "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"

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
    if( strcmp(str(e, "jobId"), zJobId)==0
     && strcmp(str(item(e, "sourceIdentity"), "displayName"), zSource)==0
     && strcmp(str(e, "provisioningAction"), zAction)==0 ){
      return e;
    }
  }
  ck_abort_msg("no %s entry for %s in job %s", zAction, zSource, zJobKey);
  return NULL;
}

/* The step of entry e whose provisioningStepType is zType, or NULL. */
static const cJSON *stepOfType(const cJSON *e, const char *zType){
  const cJSON *s;
  cJSON_ArrayForEach(s, item(e, "provisioningSteps")){
    if( strcmp(str(s, "provisioningStepType"), zType)==0 ) return s;
  }
  return NULL;
}

static const cJSON *stepNamed(const cJSON *e, const char *zName){
  const cJSON *s;
  cJSON_ArrayForEach(s, item(e, "provisioningSteps")){
    if( strcmp(str(s, "name"), zName)==0 ) return s;
  }
  return NULL;
}

/* The modifiedProperty of e named zName, or NULL. */
static const cJSON *modifiedNamed(const cJSON *e, const char *zName){
  const cJSON *m;
  cJSON_ArrayForEach(m, item(e, "modifiedProperties")){
    if( strcmp(str(m, "displayName"), zName)==0 ) return m;
  }
  return NULL;
}

/* Make the first 'create' row of the log a failure with error zCode. */
static void injectFailure(const char *zDb, const char *zCode){
  char zSql[512];
  snprintf(zSql, sizeof(zSql),
           "UPDATE provisioning_log SET status='failure', error_code='%s',"
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  ck_assert_str_eq(str(pDoc, "@odata.context"),
                   "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning");
  ck_assert_int_eq(cJSON_GetArraySize(valueOf(pDoc)),
                   rfx_db_int(zDb, "SELECT count(*) FROM provisioning_log", NULL));
  ck_assert_int_ge(cJSON_GetArraySize(valueOf(pDoc)), 7);
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    const cJSON *o, *s, *m, *pErrInfo;
    for(i=0; azString[i]; i++) (void)str(e, azString[i]);
    for(i=0; azObject[i]; i++){
      ck_assert_msg(cJSON_IsObject(item(e, azObject[i])), "%s is not an object", azObject[i]);
    }
    ck_assert(inList(str(e, "provisioningAction"), azAction));
    ck_assert(cJSON_IsNumber(item(e, "durationInMilliseconds")));
    ck_assert_int_ge(item(e, "durationInMilliseconds")->valuedouble, 0);

    o = item(e, "servicePrincipal");
    ck_assert(matches(GUID_RE, str(o, "id")));
    (void)str(o, "displayName");
    o = item(e, "initiatedBy");
    ck_assert_str_eq(str(o, "id"), "");
    ck_assert_str_eq(str(o, "displayName"), "Azure AD Provisioning Service");
    ck_assert_str_eq(str(o, "initiatorType"), "system");
    o = item(e, "sourceSystem");
    ck_assert(matches(GUID_RE, str(o, "id")));
    ck_assert_str_eq(str(o, "displayName"), "Azure Active Directory");
    ck_assert(cJSON_IsObject(item(o, "details")));
    o = item(e, "targetSystem");
    ck_assert(matches(GUID_RE, str(o, "id")));
    ck_assert_str_eq(str(o, "displayName"), "Azure Active Directory (target tenant)");
    ck_assert(matches(GUID_RE, str(item(o, "details"), "ApplicationId")));
    ck_assert_str_eq(str(item(o, "details"), "ServicePrincipalId"),
                     str(item(e, "servicePrincipal"), "id"));
    ck_assert_str_eq(str(item(o, "details"), "ServicePrincipalDisplayName"),
                     str(item(e, "servicePrincipal"), "displayName"));
    o = item(e, "sourceIdentity");
    ck_assert(matches(GUID_RE, str(o, "id")));
    ck_assert_str_ne(str(o, "displayName"), "");
    ck_assert_str_eq(str(o, "identityType"), "User");
    ck_assert_str_eq(str(item(o, "details"), "id"), str(o, "id"));
    ck_assert_str_eq(str(item(o, "details"), "odatatype"), "User");
    o = item(e, "targetIdentity");
    (void)str(o, "id");
    (void)str(o, "displayName");
    ck_assert_str_eq(str(o, "identityType"), "User");
    ck_assert(cJSON_IsObject(item(o, "details")));

    o = item(e, "provisioningStatusInfo");
    ck_assert(inList(str(o, "status"), azStatus));
    pErrInfo = item(o, "errorInformation");
    ck_assert(cJSON_IsNull(pErrInfo) || cJSON_IsObject(pErrInfo));

    ck_assert(cJSON_IsArray(item(e, "provisioningSteps")));
    ck_assert_int_ge(cJSON_GetArraySize(item(e, "provisioningSteps")), 3);
    cJSON_ArrayForEach(s, item(e, "provisioningSteps")){
      (void)str(s, "name");
      ck_assert(inList(str(s, "provisioningStepType"), azStepType));
      ck_assert(inList(str(s, "status"), azStatus));
      (void)str(s, "description");
      ck_assert(cJSON_IsObject(item(s, "details")));
    }
    ck_assert(cJSON_IsArray(item(e, "modifiedProperties")));
    cJSON_ArrayForEach(m, item(e, "modifiedProperties")){
      (void)str(m, "displayName");
      ck_assert(cJSON_IsString(item(m, "oldValue")) || cJSON_IsNull(item(m, "oldValue")));
      ck_assert(cJSON_IsString(item(m, "newValue")) || cJSON_IsNull(item(m, "newValue")));
    }
  }
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_created_user_is_a_successful_create_with_matching_and_export_steps){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *s, *m;
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  e = entryFor(zDb, valueOf(pDoc), "src-to-a", "Bob Brown", "create");
  ck_assert_str_eq(str(item(e, "provisioningStatusInfo"), "status"), "success");
  ck_assert(cJSON_IsNull(item(item(e, "provisioningStatusInfo"), "errorInformation")));
  s = stepOfType(e, "matching");
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(str(s, "status"), "success");
  s = stepNamed(e, "EntryExportAdd");
  ck_assert_ptr_nonnull(s);
  ck_assert_str_eq(str(s, "provisioningStepType"), "export");
  ck_assert_str_eq(str(s, "status"), "success");
  m = modifiedNamed(e, "displayName");
  ck_assert_ptr_nonnull(m);
  ck_assert(cJSON_IsNull(item(m, "oldValue")));
  ck_assert_str_eq(str(m, "newValue"), "Bob Brown");
  ck_assert(matches(GUID_RE, str(item(e, "targetIdentity"), "id")));
  ck_assert_str_eq(str(item(e, "targetIdentity"), "displayName"), "Bob Brown");
  ck_assert_str_eq(str(item(item(e, "sourceIdentity"), "details"), "UserPrincipalName"),
                   "bob@src.example");
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_update_carries_old_and_new_values){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *m;
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  e = entryFor(zDb, valueOf(pDoc), "src-to-b", "Alice Adams", "update");
  ck_assert_ptr_nonnull(stepNamed(e, "EntryExportUpdate"));
  m = modifiedNamed(e, "department");
  ck_assert_ptr_nonnull(m);
  ck_assert_str_eq(str(m, "oldValue"), "Sales");
  ck_assert_str_eq(str(m, "newValue"), "Ops");
  e = entryFor(zDb, valueOf(pDoc), "src-to-a", "Alice Adams", "delete");
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  for(i=0; azSkipped[i]; i++){
    const cJSON *e = entryFor(zDb, valueOf(pDoc), "src-to-a", azSkipped[i], "other");
    const cJSON *st = item(e, "provisioningStatusInfo");
    ck_assert_str_eq(str(st, "status"), "skipped");
    ck_assert(cJSON_IsNull(item(st, "errorInformation")));
    /* As in the service's records, the export-type step of a skipped
    ** entry is EntrySynchronizationSkip, with status skipped. */
    ck_assert_str_eq(str(stepOfType(e, "export"), "name"), "EntrySynchronizationSkip");
    ck_assert_str_eq(str(stepOfType(e, "export"), "status"), "skipped");
    ck_assert_int_eq(cJSON_GetArraySize(item(e, "modifiedProperties")), 0);
    ck_assert_str_eq(str(item(e, "targetIdentity"), "id"), "");
    ck_assert_str_eq(str(item(e, "targetIdentity"), "displayName"), "");
  }
  ck_assert_str_eq(str(stepOfType(entryFor(zDb, valueOf(pDoc), "src-to-a", "Carol Clark",
                                           "other"), "scoping"), "status"), "skipped");
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_failure_carries_error_information_with_its_category){
  char zDb[64];
  cJSON *pDoc;
  const cJSON *e, *pInfo;
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  injectFailure(zDb, "InvitationCreationFailureAmbiguousUser");
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    if( strcmp(str(item(e, "provisioningStatusInfo"), "status"), "failure")==0 ) break;
  }
  ck_assert_ptr_nonnull(e);
  pInfo = item(item(e, "provisioningStatusInfo"), "errorInformation");
  ck_assert(cJSON_IsObject(pInfo));
  ck_assert_str_eq(str(pInfo, "errorCode"), "InvitationCreationFailureAmbiguousUser");
  ck_assert_str_eq(str(pInfo, "errorCategory"), "nonServiceFailure");
  ck_assert_str_eq(str(pInfo, "reason"), "The invitation failed");
  ck_assert(cJSON_IsNull(item(pInfo, "additionalDetails")));
  ck_assert(cJSON_IsString(item(pInfo, "recommendedAction")));
  cJSON_Delete(pDoc);

  injectFailure(zDb, "Timeout");
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    if( strcmp(str(item(e, "provisioningStatusInfo"), "status"), "failure")==0 ) break;
  }
  ck_assert_ptr_nonnull(e);
  pInfo = item(item(e, "provisioningStatusInfo"), "errorInformation");
  ck_assert_str_eq(str(pInfo, "errorCategory"), "failure");
  ck_assert(cJSON_IsNull(item(pInfo, "recommendedAction")));
  cJSON_Delete(pDoc);
  unlink(zDb);
}
END_TEST

START_TEST(test_ids_are_unique_guids_and_stable_across_exports){
  char zDb[64];
  cJSON *pA, *pB;
  const cJSON *e, *f;
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pA = graphOf(zDb, NULL);
  pB = graphOf(zDb, NULL);
  ck_assert_int_eq(cJSON_GetArraySize(valueOf(pA)), cJSON_GetArraySize(valueOf(pB)));
  f = valueOf(pB)->child;
  cJSON_ArrayForEach(e, valueOf(pA)){
    const cJSON *g;
    ck_assert(matches(GUID_RE, str(e, "id")));
    ck_assert_str_eq(str(e, "id"), str(f, "id"));
    ck_assert_str_ne(str(e, "id"), str(e, "changeId"));
    for(g=e->next; g; g=g->next) ck_assert_str_ne(str(e, "id"), str(g, "id"));
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    const char *zChange = str(e, "changeId");
    ck_assert(matches("^Azure2Azure\\.[0-9a-f]{32}\\.[0-9a-f]{32}$", str(e, "jobId")));
    ck_assert(matches(GUID_RE, str(e, "cycleId")));
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
      sqlite3_bind_text(pStmt, 2, str(e, "cycleId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 3, str(e, "jobId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 4, str(e, "tenantId"), -1, SQLITE_STATIC);
      sqlite3_bind_text(pStmt, 5, str(e, "provisioningAction"), -1, SQLITE_STATIC);
      sqlite3_bind_int64(pStmt, 6, (sqlite3_int64)item(e, "durationInMilliseconds")->valuedouble);
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    const char *z = str(e, "activityDateTime");
    ck_assert_msg(simtime_parse_instant(z, &t, NULL, 0)==0, "not an instant: %s", z);
    ck_assert_int_eq(z[strlen(z)-1], 'Z');
    ck_assert_int_eq(t - tStart, rfx_db_int(zDb, "SELECT activity_at FROM provisioning_log"
                                             " WHERE change_id=?1", str(e, "changeId")));
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  /* Make the row order differ from the time order. */
  rfx_db_exec(zDb, "UPDATE provisioning_log SET activity_at=activity_at+100000"
              " WHERE id=(SELECT min(id) FROM provisioning_log)");
  pDoc = graphOf(zDb, NULL);
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT change_id FROM provisioning_log"
                                      " ORDER BY activity_at, id", -1, &pStmt, NULL), SQLITE_OK);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    ck_assert_int_eq(sqlite3_step(pStmt), SQLITE_ROW);
    ck_assert_str_eq(str(e, "changeId"), (const char*)sqlite3_column_text(pStmt, 0));
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, "src-to-b");
  ck_assert_int_eq(cJSON_GetArraySize(valueOf(pDoc)),
                   rfx_db_int(zDb, "SELECT count(*) FROM provisioning_log p JOIN jobs j"
                               " ON j.idx=p.job WHERE j.key=?1", "src-to-b"));
  ck_assert_int_ge(cJSON_GetArraySize(valueOf(pDoc)), 2);
  snprintf(zJobId, sizeof(zJobId), "%s", str(valueOf(pDoc)->child, "jobId"));
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    ck_assert_str_eq(str(e, "jobId"), zJobId);
    ck_assert_str_eq(str(item(e, "servicePrincipal"), "displayName"), "src-to-b");
  }
  cJSON_Delete(pDoc);
  zOut = exportRc(zDb, LOGS_GRAPH, "no-such-job", &rc, &err);
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  pDoc = graphOf(zDb, NULL);
  cJSON_ArrayForEach(e, valueOf(pDoc)){
    const cJSON *sp = item(e, "servicePrincipal");
    ck_assert_int_ge(rfx_db_int(zDb, "SELECT count(*) FROM audit_log WHERE"
                                 " target_type='ServicePrincipal' AND target_id=?1",
                            str(sp, "id")), 1);
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  injectFailure(zDb, "AzureActiveDirectoryForbidden");
  pDoc = graphOf(zDb, NULL);
  for(i=0; azExample[i]; i++){
    cJSON *pEx = referenceExample(azExample[i]);
    const cJSON *x;
    if( pEx==NULL ) continue;
    assertHasKeysOf(pDoc, pEx, azExample[i]);   /* @odata.context, value */
    cJSON_ArrayForEach(x, valueOf(pEx)){
      const cJSON *pWantErr = item(item(x, "provisioningStatusInfo"), "errorInformation");
      cJSON_ArrayForEach(e, valueOf(pDoc)){
        const cJSON *pHaveErr = item(item(e, "provisioningStatusInfo"), "errorInformation");
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  injectFailure(zDb, "AzureActiveDirectoryQuotaLimitExceeded");
  pDoc = graphOf(zDb, NULL);
  g = valueOf(pDoc)->child;
  zOut = exportOf(zDb, LOGS_MONITOR, NULL);
  for(zLine=zOut; *zLine; zLine=zNext){
    cJSON *r;
    zNext = strchr(zLine, '\n');
    ck_assert_msg(zNext!=NULL, "the last line has no newline");
    *zNext++ = 0;
    r = cJSON_Parse(zLine);
    ck_assert_msg(cJSON_IsObject(r), "line %d is not a JSON object: %.200s", nLine+1, zLine);
    for(i=0; azText[i]; i++) (void)str(r, azText[i]);
    for(i=0; azJsonText[i]; i++){
      cJSON *v = cJSON_Parse(str(r, azJsonText[i]));
      ck_assert_msg(cJSON_IsObject(v) || cJSON_IsArray(v), "%s holds no JSON", azJsonText[i]);
      cJSON_Delete(v);
    }
    ck_assert(cJSON_IsNumber(item(r, "DurationMs")));
    ck_assert_str_eq(str(r, "Category"), "ProvisioningLogs");
    ck_assert_str_eq(str(r, "Type"), "AADProvisioningLogs");
    ck_assert_str_eq(str(r, "SourceSystem"), "Azure");
    ck_assert(inList(str(r, "ResultType"), azResult));
    ck_assert(inList(str(r, "Action"), azAction));
    ck_assert(matches(GUID_RE, str(r, "TenantId")));
    ck_assert_ptr_nonnull(g);
    ck_assert_str_eq(str(r, "Id"), str(g, "id"));
    ck_assert_str_eq(str(r, "TimeGenerated"), str(g, "activityDateTime"));
    ck_assert_str_eq(str(r, "AADTenantId"), str(g, "tenantId"));
    ck_assert_str_eq(str(r, "ProvisioningAction"), str(g, "provisioningAction"));
    ck_assert_int_eq(item(r, "DurationMs")->valuedouble,
                     item(g, "durationInMilliseconds")->valuedouble);
    if( strcmp(str(r, "ResultType"), "Failure")==0 ){
      ck_assert_str_eq(str(r, "ResultSignature"), "AzureActiveDirectoryQuotaLimitExceeded");
      ck_assert_str_eq(str(r, "ResultDescription"), "The invitation failed");
      nFailure++;
    }else{
      ck_assert_str_eq(str(r, "ResultSignature"), "");
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  for(e=LOGS_GRAPH; e<=LOGS_MONITOR; e++){
    char *zA = exportOf(zDb, e, NULL);
    char *zB = exportOf(zDb, e, NULL);
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
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
  rfx_db_exec(zDb, "UPDATE provisioning_log SET modified_properties='{\"not\":1}'"
              " WHERE id=(SELECT max(id) FROM provisioning_log)");
  zOut = exportRc(zDb, LOGS_MONITOR, NULL, &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "modified_properties"));
  free(zOut);
  rfx_db_exec(zDb, "DELETE FROM run_info WHERE key='start'");
  zOut = exportRc(zDb, LOGS_GRAPH, NULL, &rc, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_nonnull(strstr(err.zMsg, "start"));
  free(zOut);
  unlink(zDb);
}
END_TEST

START_TEST(test_allocation_failures_are_reported_not_crashed_on){
  char zDb[64];
  LogsFormat e;
  rfx_run("logs-unit", zScenario, zDb, sizeof(zDb));
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
  tcase_add_test(tc, test_created_user_is_a_successful_create_with_matching_and_export_steps);
  tcase_add_test(tc, test_update_carries_old_and_new_values);
  tcase_add_test(tc, test_skipped_entry_has_status_skipped_and_only_a_skip_step);
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
