/*
** logs.c — the provisioning log in Graph's and Azure Monitor's shapes
** (see logs.h).
**
** One query walks provisioning_log in (activity_at, id) order, joined to
** cycles (for cycleId) and users (object ids, netId, UPN); the per-job
** facts (jobId, target tenant, service principal) are read once, before the
** walk, into a small array. Each row is rendered into a reused StrBuf and
** written at once, so memory does not grow with the number of rows. The
** provisioningSteps and modifiedProperties arrays are provjson.c's
** renderings of the row's stored facts. Only this file reads the tables
** for the export; it writes nothing to the database.
**
** Graph: GET /auditLogs/provisioning. Key names, nesting and enum spellings
** follow graph-examples/xts-provisioning-list-truncated.json (the CTS
** create) and provisioning-list-failure-example.json. Where each value
** comes from (* = the schema has no column for it: derived):
**   id                 * a GUID hashed from the row's change_id (which the
**                        run drew from its seed): unique, and the same in
**                        every export of a database; never from the clock
**                        or from row order.
**   activityDateTime     run_info 'start' + activity_at, whole seconds, 'Z'.
**   tenantId             the TARGET tenant's tenant_id, as in the CTS sample
**                        (graph-formats §5.1).
**   jobId, cycleId, changeId, provisioningAction, durationInMilliseconds
**                        jobs.job_id, cycles.cycle_id and the row, as stored.
**   servicePrincipal   * the jobs table has no service-principal column. The
**                        id is the GUID the engine wrote into the audit log
**                        for the job (the first audit_log row of the source
**                        tenant with target_type 'ServicePrincipal' and
**                        target_name = the job key), so both logs agree;
**                        failing that, job_id's first GUID with its dashes
**                        put back. displayName is the job key (the name of
**                        the configuration in the portal).
**   sourceSystem       * id hashed from job_id; "Azure Active Directory".
**   targetSystem       * id hashed from job_id; "Azure Active Directory
**                        (target tenant)"; details ApplicationId (hashed
**                        from the service principal id), ServicePrincipalId,
**                        ServicePrincipalDisplayName.
**   initiatedBy          the provisioning service, as on the wire.
**   sourceIdentity       the source user's object_id and the row's
**                        source_display; details as in the CTS sample (id,
**                        odatatype, DisplayName, UserPrincipalName — the
**                        UPN as it stands at the end of the run: the
**                        schema keeps no UPN per row).
**   targetIdentity       the target user's object_id and the row's
**                        target_display, or "" for both when the row has no
**                        target object (as the failure example shows).
**   provisioningStatusInfo  status; errorInformation null when the row has
**                        no error code and is a success or a skip, else
**                        {errorCode, reason, additionalDetails (null: the
**                        run records none), errorCategory, recommendedAction}
**                        — see logs_error_category, logs_recommended_action.
**
** Azure Monitor: the AADProvisioningLogs table (Azure Monitor table
** reference). Every column is a string except DurationMs (long) and
** TimeGenerated (datetime); the Graph objects and arrays are stored in
** their columns as compact JSON text, which is how the documented sample
** queries read them (parse SourceIdentity with * "\"identityType\":\"" ...).
** One object per line, columns in the reference's (alphabetical) order;
** '?' marks a guess:
**   AADTenantId          the tenant that owns the log (Graph tenantId).
**   Action             ? provisioningAction capitalised (Create, Update,
**                        Delete, Disable, StagedDelete, Other): not in the
**                        table reference, but the reference's own sample
**                        queries filter on it (Action == "Create") and
**                        entra-facts §11.1 lists it.
**   Category             "ProvisioningLogs".
**   ChangeId, CycleId, DurationMs, Id, JobId   as in Graph.
**   CorrelationId      ? the changeId (no source says what the service puts
**                        here; the change is what ties a record together).
**   InitiatedBy, ModifiedProperties, ProvisioningStatusInfo,
**   ProvisioningSteps, ServicePrincipal, SourceIdentity, TargetIdentity,
**   TargetSystem         the Graph values, as JSON text.
**   OperationName      ? "Provisioning activity" and OperationVersion ? "1.0",
**                        by analogy with SigninLogs ("Sign-in activity").
**   ProvisioningAction   Graph's value (lower case).
**   ResultDescription    the row's reason; "" when none.
**   ResultSignature      the error code; "" when none (? empty, as Log
**                        Analytics shows an absent string, not "None").
**   ResultType           the status capitalised: Success, Failure, Skipped,
**                        Warning (the reference's wording and queries).
**   SourceSystem         "Azure": the table's standard agent column. Graph's
**                        sourceSystem object has no column of its own.
**   TenantId           * the Log Analytics workspace id: hashed from the
**                        owning tenant's id (one workspace per tenant).
**   TimeGenerated        activityDateTime.
**   Type                 "AADProvisioningLogs".
** _BilledSize and _IsBillable are computed by Log Analytics; left out.
**
** Derived GUIDs are rng_guid() of the rng stream named
** "tenantsim-logs/<what>/<input>" under seed 0: a hash, not a draw, so they
** never disturb the run's random streams and never change between exports.
*/
#include <errno.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "provjson.h"
#include "rng.h"
#include "simtime.h"
#include "logs.h"

#define LOGS_ODATA_CONTEXT "https://graph.microsoft.com/v1.0/$metadata#auditLogs/provisioning"

/* What one job contributes to each of its rows. */
typedef struct LogsJob {
  int64_t idx;               /* jobs.idx */
  int64_t iSource;           /* jobs.source (tenant idx) */
  char *zKey;                /* jobs.key: also the service principal's name */
  char *zJobId;              /* Azure2Azure.<guid>.<guid> */
  char *zTargetTenantId;     /* tenants.tenant_id of the target */
  char *zTargetKey;          /* tenants.key of the target, for step texts */
  int bSyncAll;              /* scope 'all' */
  char zSp[TS_GUID_SIZE];              /* service principal id */
  char zApp[TS_GUID_SIZE];             /* its application id (derived) */
  char zSourceSystem[TS_GUID_SIZE];    /* sourceSystem.id (derived) */
  char zTargetSystem[TS_GUID_SIZE];    /* targetSystem.id (derived) */
  char zWorkspace[TS_GUID_SIZE];       /* Log Analytics workspace id (derived) */
} LogsJob;

/* One provisioning_log row, as read; strings belong to the statement and
** are valid until it is stepped again. */
typedef struct LogsRow {
  const char *zObjectType;   /* User | Group (column storage) */
  int64_t id, tAt, msDuration;
  const LogsJob *pJob;
  const char *zCycleId, *zChangeId, *zAction, *zStatus, *zCode, *zReason;
  const char *zSourceDisplay, *zTargetDisplay, *zModified;
  const char *zNames, *zValues;  /* a create stored compactly, zModified NULL */
  const char *zSourceObject, *zSourceUpn, *zTargetObject;
  ProvFacts facts;           /* what provjson_steps renders */
  char zId[TS_GUID_SIZE];              /* the entry's id (derived) */
  char zTime[32];            /* activityDateTime */
} LogsRow;

/* The state of one export. */
typedef struct LogsCtx {
  Store *pStore;
  FILE *out;
  LogsFormat eFormat;
  SimTime tStart;            /* run_info 'start', seconds since the epoch */
  LogsJob *aJob;             /* every job, ordered by idx */
  int nJob;
  StrBuf row;                /* the entry being written */
  StrBuf part;               /* one nested value, for the JSON-text columns */
  ProvNames names;           /* the compact creates' names, parsed once */
  TsErr *pErr;
} LogsCtx;

/* A writer of one nested JSON value of a row. TS_OK, or a TS_* code with
** p->pErr filled (only the modified-properties writer can fail). */
typedef int (*LogsPart)(LogsCtx *p, const LogsRow *r, StrBuf *b);

/* ============================================================ SQL */

static const char zSqlJobs[] =
  "SELECT j.idx, j.key, j.job_id, j.scope, t.tenant_id, t.key, j.source"
  " FROM jobs j JOIN tenants t ON t.idx=j.target ORDER BY j.idx";

static const char zSqlJobSp[] =
  "SELECT target_id FROM audit_log WHERE target_type='ServicePrincipal'"
  " AND target_name=?1 AND tenant=?2 AND target_id IS NOT NULL ORDER BY id LIMIT 1";

/* The columns of a provisioning-log walk, in the order of LOGS_ROW_SELECT. */
enum {
  LC_ID, LC_AT, LC_JOB, LC_CYCLE_ID, LC_CHANGE_ID, LC_ACTION, LC_STATUS, LC_CODE,
  LC_REASON, LC_SOURCE_DISPLAY, LC_TARGET_DISPLAY, LC_DURATION, LC_CHANGE_TYPE,
  LC_ACTIVE, LC_ASSIGNED, LC_FILTER, LC_SKIP, LC_MATCH, LC_EXPORT, LC_MODIFIED,
  LC_SOURCE_OBJECT, LC_SOURCE_NETID, LC_SOURCE_UPN, LC_TARGET_OBJECT, LC_OBJECT_TYPE,
  LC_STOP_STEP, LC_NAMES, LC_VALUES
};

#define LOGS_ROW_SELECT \
  "SELECT p.id, p.activity_at, p.job, c.cycle_id, p.change_id, p.action, p.status," \
  " p.error_code, p.reason, p.source_display, p.target_display, p.duration_ms," \
  " p.change_type, p.scope_active, p.scope_assigned, p.scope_filter, p.skip_reason," \
  " p.match_result, p.export_step, p.modified_properties," \
  " COALESCE(su.object_id, sg.object_id), su.net_id, su.user_principal_name," \
  " COALESCE(tu.object_id, tg.object_id), p.object_type, p.stop_step, pl.names," \
  " p.created_values" \
  " FROM provisioning_log_rows p LEFT JOIN cycles c ON c.id=p.cycle" \
  " LEFT JOIN property_lists pl ON pl.id=p.property_list" \
  " LEFT JOIN users su ON su.id=p.source_user LEFT JOIN users tu ON tu.id=p.target_user" \
  " LEFT JOIN groups sg ON sg.idx=p.source_group LEFT JOIN groups tg ON tg.idx=p.target_group"

/* Every job: a sort of the whole log (SQLite's sorter spills to disk, so
** memory stays bounded). One job: provisioning_log_job's order, no sort. */
static const char zSqlRowsAll[] = LOGS_ROW_SELECT " ORDER BY p.activity_at, p.id";
static const char zSqlRowsJob[] = LOGS_ROW_SELECT " WHERE p.job=?1 ORDER BY p.activity_at, p.id";

/* ============================================================ helpers */

/* The cached statement for zSql, or NULL with p->pErr filled (TS_IOERR). */
static sqlite3_stmt *logs_stmt(LogsCtx *p, const char *zSql){
  sqlite3_stmt *pStmt = store_stmt(p->pStore, zSql);
  if( pStmt==NULL ){
    tserr_set(p->pErr, TS_IOERR, "cannot read the run database: %s",
              sqlite3_errmsg(store_db(p->pStore)));
  }
  return pStmt;
}

/* TS_IOERR with the connection's message, for a failed sqlite3_step. */
static int logs_read_error(LogsCtx *p){
  return tserr_set(p->pErr, TS_IOERR, "cannot read the run database: %s",
                   sqlite3_errmsg(store_db(p->pStore)));
}

/* Text column i of the current row, NULL when NULL. */
static const char *logs_col(sqlite3_stmt *pStmt, int i){
  return (const char*)sqlite3_column_text(pStmt, i);
}

/* A copy of z in *pz ("" for NULL). TS_OK or TS_NOMEM. */
static int logs_dup(LogsCtx *p, const char *z, char **pz){
  *pz = mem_strdup(z ? z : "");
  return *pz ? TS_OK : tserr_set(p->pErr, TS_NOMEM, "out of memory");
}

/* Write into z[TS_GUID_SIZE] the GUID derived from zInput for purpose zWhat (see the
** head comment): the same inputs always give the same GUID. */
static void logs_derive_guid(const char *zWhat, const char *zInput, char z[TS_GUID_SIZE]){
  char zName[512];
  Rng r;
  snprintf(zName, sizeof(zName), "tenantsim-logs/%s/%s", zWhat, zInput ? zInput : "");
  rng_stream(&r, 0, zName);
  rng_guid(&r, z);
}

static int logs_is_hex(char c){
  return (c>='0' && c<='9') || (c>='a' && c<='f') || (c>='A' && c<='F');
}

/* Is z a GUID in its 8-4-4-4-12 text form? */
static int logs_is_guid(const char *z){
  int i;
  if( z==NULL || strlen(z)!=36 ) return 0;
  for(i=0; i<36; i++){
    if( i==8 || i==13 || i==18 || i==23 ){
      if( z[i]!='-' ) return 0;
    }else if( !logs_is_hex(z[i]) ){
      return 0;
    }
  }
  return 1;
}

/* Put the dashes back into the first GUID of a job id
** (Azure2Azure.<32 hex>.<32 hex>). 0, or -1 if zJobId has no such part. */
static int logs_job_guid(const char *zJobId, char z[TS_GUID_SIZE]){
  const char *zHex = zJobId ? strchr(zJobId, '.') : NULL;
  int i, j;
  if( zHex==NULL ) return -1;
  zHex++;
  for(i=0; i<32; i++) if( !logs_is_hex(zHex[i]) ) return -1;
  if( zHex[32]!='.' ) return -1;
  for(i=0, j=0; i<32; i++){
    if( i==8 || i==12 || i==16 || i==20 ) z[j++] = '-';
    z[j++] = zHex[i];
  }
  z[j] = 0;
  return 0;
}

/* z with its first letter in upper case, into zOut[nOut] (ASCII only:
** the enums are ASCII). */
static const char *logs_capitalise(const char *z, char *zOut, size_t nOut){
  snprintf(zOut, nOut, "%s", z ? z : "");
  if( zOut[0]>='a' && zOut[0]<='z' ) zOut[0] = (char)(zOut[0] - 'a' + 'A');
  return zOut;
}

/* ============================================================ JSON */

/* Append "zKey": to b, after a comma unless b is at the start of an object. */
static void logs_key(StrBuf *b, const char *zKey){
  if( b->n && b->z[b->n-1]!='{' ) strbuf_appendc(b, ',');
  strbuf_json_string(b, zKey);
  strbuf_appendc(b, ':');
}

/* "zKey": "zVal" ("" when zVal is NULL). */
static void logs_str(StrBuf *b, const char *zKey, const char *zVal){
  logs_key(b, zKey);
  strbuf_json_string(b, zVal ? zVal : "");
}

/* "zKey": "zVal", or null when zVal is NULL. */
static void logs_opt(StrBuf *b, const char *zKey, const char *zVal){
  logs_key(b, zKey);
  if( zVal ) strbuf_json_string(b, zVal); else strbuf_append(b, "null");
}

static void logs_int(StrBuf *b, const char *zKey, int64_t v){
  logs_key(b, zKey);
  strbuf_printf(b, "%lld", (long long)v);
}

/* ============================================================ errors */

/* Graph's errorCategory for an error code. "failure" is a fault of the
** service itself (internal errors, timeouts, throttling, and the plain
** InvitationCreationFailure whose documented remedy is to contact
** support); every other code — policy, quota, invitation-data, conflict
** and mapping errors, which the customer fixes — is "nonServiceFailure",
** as the documented failure example (a conflict in the target) is. A
** failure with no code is counted as the service's. */
static const char *logs_error_category(const char *zCode){
  static const char *const azService[] = {
    "InternalError", "InternalServerError", "InvitationCreationFailure",
    "NotImplemented", "ServiceUnavailable", "Timeout", "TooManyRequests", NULL
  };
  int i;
  if( zCode==NULL ) return "failure";
  for(i=0; azService[i]; i++) if( strcmp(zCode, azService[i])==0 ) return "failure";
  return "nonServiceFailure";
}

/* recommendedAction for the codes whose remedy is documented (entra-facts
** §11.3, in our words) and for the simulator's own mapping codes; NULL
** (written as null) for the others. */
static const char *logs_recommended_action(const char *zCode){
  static const struct { const char *zCode, *zAction; } aRemedy[] = {
    { "AzureActiveDirectoryCannotUpdateObjectsMasteredOnPremises",
      "The target user is mastered on-premises; update it there, cross-tenant"
      " synchronization cannot." },
    { "AzureActiveDirectoryCannotUpdateObjectsOriginatedInExternalService",
      "Update the attribute in Exchange Online in the target tenant (for example with"
      " Set-MailUser)." },
    { "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
      "Allow inbound user synchronization and automatic redemption in the target"
      " tenant's cross-tenant access settings, and outbound automatic redemption in"
      " the source tenant's." },
    { "AzureActiveDirectoryForbidden",
      "Change the target tenant's external collaboration settings so that guest"
      " invitations are allowed." },
    { "AzureActiveDirectoryQuotaLimitExceeded",
      "Free directory objects in the target tenant or ask Microsoft Support to raise"
      " its directory quota." },
    { "AzureDirectoryB2BManagementPolicyCheckFailure",
      "Enable automatic redemption in both the source's outbound and the target's"
      " inbound cross-tenant access settings." },
    { "ExpressionEvaluationFailed",
      "Correct the attribute-mapping expression of the job." },
    { "InvitationCreationFailure", "Contact Microsoft Support." },
    { "InvitationCreationFailureAmbiguousUser",
      "Delete the internal target user whose proxy address matches, or remove the"
      " user from the scope of provisioning." },
    { "InvalidDomain",
      "Change the user's mail to a domain its tenant has verified, or verify the"
      " domain there." },
    { "InvitationCreationFailureInvalidPropertyValue",
      "Correct the user's primary SMTP address (a valid address at a domain the source"
      " tenant has verified) or the userType mapping (Guest or Member)." },
    { "InvitationCreationFailureUserAccountDisabled",
      "Enable the user's account in the target tenant and provision the user again." },
    { "SelectUniqueValueExhausted",
      "Add candidate values to the SelectUniqueValue expression, or free one of"
      " them in the target tenant." },
  };
  size_t i;
  if( zCode==NULL ) return NULL;
  for(i=0; i<sizeof(aRemedy)/sizeof(aRemedy[0]); i++){
    if( strcmp(zCode, aRemedy[i].zCode)==0 ) return aRemedy[i].zAction;
  }
  return NULL;
}

/* ============================================================ parts */

static int logs_service_principal(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->pJob->zSp);
  logs_str(b, "displayName", r->pJob->zKey);
  strbuf_appendc(b, '}');
  return TS_OK;
}

static int logs_initiated_by(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p; (void)r;
  strbuf_append(b, "{\"id\":\"\",\"displayName\":\"Azure AD Provisioning Service\","
                   "\"initiatorType\":\"system\"}");
  return TS_OK;
}

static int logs_source_system(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->pJob->zSourceSystem);
  logs_str(b, "displayName", "Azure Active Directory");
  strbuf_append(b, ",\"details\":{}}");
  return TS_OK;
}

static int logs_target_system(LogsCtx *p, const LogsRow *r, StrBuf *b){
  const LogsJob *j = r->pJob;
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "id", j->zTargetSystem);
  logs_str(b, "displayName", "Azure Active Directory (target tenant)");
  logs_key(b, "details");
  strbuf_appendc(b, '{');
  logs_str(b, "ApplicationId", j->zApp);
  logs_str(b, "ServicePrincipalId", j->zSp);
  logs_str(b, "ServicePrincipalDisplayName", j->zKey);
  strbuf_append(b, "}}");
  return TS_OK;
}

static int logs_source_identity(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->zSourceObject);
  logs_str(b, "displayName", r->zSourceDisplay);
  logs_str(b, "identityType", r->zObjectType);
  logs_key(b, "details");
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->zSourceObject);
  logs_str(b, "odatatype", r->zObjectType);
  logs_str(b, "DisplayName", r->zSourceDisplay);
  logs_str(b, "UserPrincipalName", r->zSourceUpn);
  strbuf_append(b, "}}");
  return TS_OK;
}

static int logs_target_identity(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->zTargetObject);
  logs_str(b, "displayName", r->zTargetObject ? r->zTargetDisplay : NULL);
  logs_str(b, "identityType", r->zObjectType);
  strbuf_append(b, ",\"details\":{}}");
  return TS_OK;
}

static int logs_status_info(LogsCtx *p, const LogsRow *r, StrBuf *b){
  const char *zStatus = r->zStatus ? r->zStatus : "";
  (void)p;
  strbuf_appendc(b, '{');
  logs_str(b, "status", zStatus);
  logs_key(b, "errorInformation");
  if( r->zCode==NULL && (strcmp(zStatus, "success")==0 || strcmp(zStatus, "skipped")==0) ){
    strbuf_append(b, "null");
  }else{
    strbuf_appendc(b, '{');
    logs_opt(b, "errorCode", r->zCode);
    logs_opt(b, "reason", r->zReason);
    logs_opt(b, "additionalDetails", NULL);
    logs_str(b, "errorCategory", logs_error_category(r->zCode));
    logs_opt(b, "recommendedAction", logs_recommended_action(r->zCode));
    strbuf_appendc(b, '}');
  }
  strbuf_appendc(b, '}');
  return TS_OK;
}

static int logs_steps(LogsCtx *p, const LogsRow *r, StrBuf *b){
  (void)p;
  provjson_steps(&r->facts, b);
  return TS_OK;
}

/* provjson_modified reports memory exhaustion and a malformed value
** alike; the allocator's failure count tells them apart. */
static int logs_modified(LogsCtx *p, const LogsRow *r, StrBuf *b){
  long nFailBefore = mem_fail_count();
  if( r->zModified==NULL && r->zValues!=NULL ){
    if( provjson_created(&p->names, r->zNames, r->zValues, b)==0 ) return TS_OK;
    if( mem_fail_count()!=nFailBefore ) return tserr_set(p->pErr, TS_NOMEM, "out of memory");
    return tserr_set(p->pErr, TS_ERR, "provisioning_log row %lld: created_values and its"
                     " property_lists names are not two arrays of one length", (long long)r->id);
  }
  if( provjson_modified(r->zModified, b)==0 ) return TS_OK;
  if( mem_fail_count()!=nFailBefore ) return tserr_set(p->pErr, TS_NOMEM, "out of memory");
  return tserr_set(p->pErr, TS_ERR, "provisioning_log row %lld: modified_properties is not"
                   " an array of [name, old, new] triples", (long long)r->id);
}

/* Append "zKey": and the value xPart writes: as JSON for Graph, as a JSON
** string holding that JSON for the monitor's text columns.
**
** A buffer that has failed to grow must not reach provjson's renderers: they
** look at the byte before the end, and after a reset with no room to append
** there is none. Both buffers have storage before the first row, so a
** buffer without bErr always takes the renderer's first byte. */
static int logs_part(LogsCtx *p, const char *zKey, LogsPart xPart, const LogsRow *r){
  int rc;
  if( p->row.bErr || p->part.bErr ) return tserr_set(p->pErr, TS_NOMEM, "out of memory");
  logs_key(&p->row, zKey);
  if( p->eFormat==LOGS_GRAPH ) return xPart(p, r, &p->row);
  strbuf_reset(&p->part);
  rc = xPart(p, r, &p->part);
  strbuf_json_string(&p->row, strbuf_str(&p->part));
  return rc;
}

/* ============================================================ entries */

/* One provisioningObjectSummary, keys in the CTS sample's order. */
static int logs_graph_entry(LogsCtx *p, const LogsRow *r){
  StrBuf *b = &p->row;
  int rc = TS_OK;
  strbuf_appendc(b, '{');
  logs_str(b, "id", r->zId);
  logs_str(b, "activityDateTime", r->zTime);
  logs_str(b, "tenantId", r->pJob->zTargetTenantId);
  logs_str(b, "jobId", r->pJob->zJobId);
  logs_str(b, "cycleId", r->zCycleId);
  logs_str(b, "changeId", r->zChangeId);
  logs_str(b, "provisioningAction", r->zAction);
  logs_int(b, "durationInMilliseconds", r->msDuration);
  if( rc==TS_OK ) rc = logs_part(p, "servicePrincipal", logs_service_principal, r);
  if( rc==TS_OK ) rc = logs_part(p, "sourceSystem", logs_source_system, r);
  if( rc==TS_OK ) rc = logs_part(p, "targetSystem", logs_target_system, r);
  if( rc==TS_OK ) rc = logs_part(p, "initiatedBy", logs_initiated_by, r);
  if( rc==TS_OK ) rc = logs_part(p, "sourceIdentity", logs_source_identity, r);
  if( rc==TS_OK ) rc = logs_part(p, "targetIdentity", logs_target_identity, r);
  if( rc==TS_OK ) rc = logs_part(p, "provisioningStatusInfo", logs_status_info, r);
  if( rc==TS_OK ) rc = logs_part(p, "provisioningSteps", logs_steps, r);
  if( rc==TS_OK ) rc = logs_part(p, "modifiedProperties", logs_modified, r);
  strbuf_appendc(b, '}');
  return rc;
}

/* One AADProvisioningLogs row, columns in alphabetical order. */
static int logs_monitor_entry(LogsCtx *p, const LogsRow *r){
  StrBuf *b = &p->row;
  char zAction[32], zResult[32];
  int rc = TS_OK;
  strbuf_appendc(b, '{');
  logs_str(b, "AADTenantId", r->pJob->zTargetTenantId);
  logs_str(b, "Action", logs_capitalise(r->zAction, zAction, sizeof(zAction)));
  logs_str(b, "Category", "ProvisioningLogs");
  logs_str(b, "ChangeId", r->zChangeId);
  logs_str(b, "CorrelationId", r->zChangeId);
  logs_str(b, "CycleId", r->zCycleId);
  logs_int(b, "DurationMs", r->msDuration);
  logs_str(b, "Id", r->zId);
  if( rc==TS_OK ) rc = logs_part(p, "InitiatedBy", logs_initiated_by, r);
  logs_str(b, "JobId", r->pJob->zJobId);
  if( rc==TS_OK ) rc = logs_part(p, "ModifiedProperties", logs_modified, r);
  logs_str(b, "OperationName", "Provisioning activity");
  logs_str(b, "OperationVersion", "1.0");
  logs_str(b, "ProvisioningAction", r->zAction);
  if( rc==TS_OK ) rc = logs_part(p, "ProvisioningStatusInfo", logs_status_info, r);
  if( rc==TS_OK ) rc = logs_part(p, "ProvisioningSteps", logs_steps, r);
  logs_str(b, "ResultDescription", r->zReason);
  logs_str(b, "ResultSignature", r->zCode);
  logs_str(b, "ResultType", logs_capitalise(r->zStatus, zResult, sizeof(zResult)));
  if( rc==TS_OK ) rc = logs_part(p, "ServicePrincipal", logs_service_principal, r);
  if( rc==TS_OK ) rc = logs_part(p, "SourceIdentity", logs_source_identity, r);
  logs_str(b, "SourceSystem", "Azure");
  if( rc==TS_OK ) rc = logs_part(p, "TargetIdentity", logs_target_identity, r);
  if( rc==TS_OK ) rc = logs_part(p, "TargetSystem", logs_target_system, r);
  logs_str(b, "TenantId", r->pJob->zWorkspace);
  logs_str(b, "TimeGenerated", r->zTime);
  logs_str(b, "Type", "AADProvisioningLogs");
  strbuf_append(b, "}\n");
  return rc;
}

/* ============================================================ loading */

/* run_info 'start' into p->tStart. store_info answers NULL both when the
** key is absent and when out of memory; the failure count tells which. */
static int logs_load_start(LogsCtx *p){
  char zWhy[TS_REASON_MAX];
  long nFailBefore = mem_fail_count();
  char *zStart = store_info(p->pStore, "start");
  int rc = TS_OK;
  zWhy[0] = 0;
  if( zStart==NULL && mem_fail_count()!=nFailBefore ){
    rc = tserr_set(p->pErr, TS_NOMEM, "out of memory");
  }else if( zStart==NULL ){
    rc = tserr_set(p->pErr, TS_ERR, "the run database has no run_info 'start'"
                   " (not a finished tenantsim run)");
  }else if( simtime_parse_instant(zStart, &p->tStart, zWhy, sizeof(zWhy)) ){
    rc = tserr_set(p->pErr, TS_ERR, "run_info 'start' is not an ISO instant (%s): \"%s\"",
                   zWhy, zStart);
  }
  mem_free(zStart);
  return rc;
}

/* Fill j's service principal id (see the head comment) and the ids
** derived from it and from the job id. */
static int logs_job_ids(LogsCtx *p, LogsJob *j){
  sqlite3_stmt *pStmt = logs_stmt(p, zSqlJobSp);
  const char *zSp = NULL;
  int e;
  if( pStmt==NULL ) return TS_IOERR;
  store_bind_text(pStmt, 1, j->zKey);
  sqlite3_bind_int64(pStmt, 2, j->iSource);
  e = sqlite3_step(pStmt);
  if( e==SQLITE_ROW ) zSp = logs_col(pStmt, 0);
  else if( e!=SQLITE_DONE ){
    sqlite3_reset(pStmt);
    return logs_read_error(p);
  }
  if( logs_is_guid(zSp) ) memcpy(j->zSp, zSp, 37);
  else if( logs_job_guid(j->zJobId, j->zSp) ) logs_derive_guid("servicePrincipal", j->zKey, j->zSp);
  sqlite3_reset(pStmt);
  logs_derive_guid("applicationId", j->zSp, j->zApp);
  logs_derive_guid("sourceSystem", j->zJobId, j->zSourceSystem);
  logs_derive_guid("targetSystem", j->zJobId, j->zTargetSystem);
  logs_derive_guid("workspace", j->zTargetTenantId, j->zWorkspace);
  return TS_OK;
}

/* Read every job into p->aJob (ordered by idx), then their ids. */
static int logs_load_jobs(LogsCtx *p){
  sqlite3_stmt *pStmt = logs_stmt(p, zSqlJobs);
  int nAlloc = 0, e, i, rc = TS_OK;
  if( pStmt==NULL ) return TS_IOERR;
  while( rc==TS_OK && (e = sqlite3_step(pStmt))==SQLITE_ROW ){
    LogsJob *j;
    const char *zScope = logs_col(pStmt, 3);
    if( mem_grow_int((void**)&p->aJob, p->nJob, &nAlloc, sizeof(LogsJob)) ){
      rc = tserr_set(p->pErr, TS_NOMEM, "out of memory");
      break;
    }
    j = &p->aJob[p->nJob++];
    memset(j, 0, sizeof(*j));
    j->idx = sqlite3_column_int64(pStmt, 0);
    j->iSource = sqlite3_column_int64(pStmt, 6);
    j->bSyncAll = zScope && strcmp(zScope, "all")==0;
    rc = logs_dup(p, logs_col(pStmt, 1), &j->zKey);
    if( rc==TS_OK ) rc = logs_dup(p, logs_col(pStmt, 2), &j->zJobId);
    if( rc==TS_OK ) rc = logs_dup(p, logs_col(pStmt, 4), &j->zTargetTenantId);
    if( rc==TS_OK ) rc = logs_dup(p, logs_col(pStmt, 5), &j->zTargetKey);
  }
  if( rc==TS_OK && e!=SQLITE_DONE ) rc = logs_read_error(p);
  sqlite3_reset(pStmt);
  for(i=0; rc==TS_OK && i<p->nJob; i++) rc = logs_job_ids(p, &p->aJob[i]);
  return rc;
}

static void logs_free_jobs(LogsCtx *p){
  int i;
  for(i=0; i<p->nJob; i++){
    mem_free(p->aJob[i].zKey);
    mem_free(p->aJob[i].zJobId);
    mem_free(p->aJob[i].zTargetTenantId);
    mem_free(p->aJob[i].zTargetKey);
  }
  mem_free(p->aJob);
  p->aJob = NULL;
  p->nJob = 0;
}

/* The job whose idx is iJob (p->aJob is ordered by idx), or NULL. */
static const LogsJob *logs_job_by_idx(const LogsCtx *p, int64_t iJob){
  int lo = 0, hi = p->nJob-1;
  while( lo<=hi ){
    int mid = lo + (hi-lo)/2;
    if( p->aJob[mid].idx==iJob ) return &p->aJob[mid];
    if( p->aJob[mid].idx<iJob ) lo = mid+1; else hi = mid-1;
  }
  return NULL;
}

/* ============================================================ the walk */

/* Decode the current row of pStmt into *r. TS_OK, or TS_ERR when it names
** a job the jobs table lacks. */
static int logs_row_read(LogsCtx *p, sqlite3_stmt *pStmt, LogsRow *r){
  int64_t iJob = sqlite3_column_int64(pStmt, LC_JOB);
  memset(r, 0, sizeof(*r));
  r->id = sqlite3_column_int64(pStmt, LC_ID);
  r->pJob = logs_job_by_idx(p, iJob);
  if( r->pJob==NULL ){
    return tserr_set(p->pErr, TS_ERR, "provisioning_log row %lld names job %lld, which"
                     " the jobs table does not hold", (long long)r->id, (long long)iJob);
  }
  r->tAt = sqlite3_column_int64(pStmt, LC_AT);
  r->msDuration = sqlite3_column_int64(pStmt, LC_DURATION);
  r->zCycleId = logs_col(pStmt, LC_CYCLE_ID);
  r->zChangeId = logs_col(pStmt, LC_CHANGE_ID);
  r->zAction = logs_col(pStmt, LC_ACTION);
  r->zStatus = logs_col(pStmt, LC_STATUS);
  r->zCode = logs_col(pStmt, LC_CODE);
  r->zReason = logs_col(pStmt, LC_REASON);
  r->zSourceDisplay = logs_col(pStmt, LC_SOURCE_DISPLAY);
  r->zTargetDisplay = logs_col(pStmt, LC_TARGET_DISPLAY);
  r->zModified = logs_col(pStmt, LC_MODIFIED);
  r->zNames = logs_col(pStmt, LC_NAMES);
  r->zValues = logs_col(pStmt, LC_VALUES);
  r->zSourceObject = logs_col(pStmt, LC_SOURCE_OBJECT);
  r->zSourceUpn = logs_col(pStmt, LC_SOURCE_UPN);
  r->zTargetObject = logs_col(pStmt, LC_TARGET_OBJECT);
  r->zObjectType = logs_col(pStmt, LC_OBJECT_TYPE);
  if( r->zObjectType==NULL ) r->zObjectType = "User";
  r->facts.zObjectType = r->zObjectType;

  r->facts.zStatus = r->zStatus;
  r->facts.zReason = r->zReason;
  r->facts.zAction = r->zAction;
  r->facts.zChangeType = logs_col(pStmt, LC_CHANGE_TYPE);
  r->facts.zSourceDisplay = r->zSourceDisplay;
  r->facts.zSourceObjectId = r->zSourceObject;
  r->facts.zSourceNetId = logs_col(pStmt, LC_SOURCE_NETID);
  r->facts.zTargetTenant = r->pJob->zTargetKey;
  r->facts.bActive = sqlite3_column_int(pStmt, LC_ACTIVE);
  r->facts.bAssigned = sqlite3_column_int(pStmt, LC_ASSIGNED);
  r->facts.bFilter = sqlite3_column_int(pStmt, LC_FILTER);
  r->facts.bSyncAll = r->pJob->bSyncAll;
  r->facts.zSkipReason = logs_col(pStmt, LC_SKIP);
  r->facts.zMatch = logs_col(pStmt, LC_MATCH);
  r->facts.zExportStep = logs_col(pStmt, LC_EXPORT);
  r->facts.zStopStep = logs_col(pStmt, LC_STOP_STEP);

  logs_derive_guid("id", r->zChangeId, r->zId);
  simtime_format_instant(p->tStart + r->tAt, r->zTime, sizeof(r->zTime));
  return TS_OK;
}

/* Write p->row to the output. TS_OK, TS_NOMEM (the row could not be
** built) or TS_IOERR. */
static int logs_flush(LogsCtx *p){
  if( p->row.bErr || p->part.bErr ) return tserr_set(p->pErr, TS_NOMEM, "out of memory");
  if( p->row.n && fwrite(p->row.z, 1, p->row.n, p->out)!=p->row.n ){
    return tserr_set(p->pErr, TS_IOERR, "cannot write the provisioning log: %s",
                     strerror(errno));
  }
  strbuf_reset(&p->row);
  return TS_OK;
}

/* Write every row (of job pOnly when not NULL), with the Graph document's
** head and tail around them. */
static int logs_walk(LogsCtx *p, const LogsJob *pOnly){
  sqlite3_stmt *pStmt = logs_stmt(p, pOnly ? zSqlRowsJob : zSqlRowsAll);
  int64_t nRow = 0;
  int e = SQLITE_DONE, rc = TS_OK;
  LogsRow r;
  if( pStmt==NULL ) return TS_IOERR;
  if( pOnly ) sqlite3_bind_int64(pStmt, 1, pOnly->idx);
  if( p->eFormat==LOGS_GRAPH ){
    strbuf_append(&p->row, "{\"@odata.context\":\"" LOGS_ODATA_CONTEXT "\",\"value\":[");
    rc = logs_flush(p);
  }
  while( rc==TS_OK && (e = sqlite3_step(pStmt))==SQLITE_ROW ){
    rc = logs_row_read(p, pStmt, &r);
    if( rc ) break;
    if( p->eFormat==LOGS_GRAPH ){
      strbuf_append(&p->row, nRow ? ",\n" : "\n");
      rc = logs_graph_entry(p, &r);
    }else{
      rc = logs_monitor_entry(p, &r);
    }
    if( rc==TS_OK ) rc = logs_flush(p);
    nRow++;
  }
  if( rc==TS_OK && e!=SQLITE_DONE ) rc = logs_read_error(p);
  sqlite3_reset(pStmt);
  if( rc==TS_OK && p->eFormat==LOGS_GRAPH ){
    strbuf_append(&p->row, nRow ? "\n]}\n" : "]}\n");
    rc = logs_flush(p);
  }
  return rc;
}

/* ============================================================ API */

int logs_format_parse(const char *zName, LogsFormat *pe){
  if( zName==NULL ) return -1;
  if( strcmp(zName, "graph")==0 ){ *pe = LOGS_GRAPH; return 0; }
  if( strcmp(zName, "monitor")==0 ){ *pe = LOGS_MONITOR; return 0; }
  return -1;
}

int logs_write(Store *pStore, LogsFormat eFormat, const char *zJob, FILE *out,
               TsErr *pErr){
  LogsCtx c;
  const LogsJob *pOnly = NULL;
  int i, rc;
  memset(&c, 0, sizeof(c));
  c.pStore = pStore;
  c.out = out;
  c.eFormat = eFormat;
  c.pErr = pErr;
  strbuf_init(&c.row);
  strbuf_init(&c.part);
  /* Give both buffers storage up front: provjson's renderers look at the
  ** last byte written, which an empty, unallocated buffer does not have. */
  strbuf_append(&c.row, "{");
  strbuf_append(&c.part, "{");
  if( c.row.bErr || c.part.bErr ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    goto out_free;
  }
  strbuf_reset(&c.row);
  strbuf_reset(&c.part);

  rc = logs_load_start(&c);
  if( rc==TS_OK ) rc = logs_load_jobs(&c);
  if( rc ) goto out_free;
  if( zJob ){
    for(i=0; i<c.nJob && strcmp(c.aJob[i].zKey, zJob)!=0; i++){}
    if( i==c.nJob ){
      rc = tserr_set(pErr, TS_ERR, "the run database has no job \"%s\"", zJob);
      goto out_free;
    }
    pOnly = &c.aJob[i];
  }
  rc = logs_walk(&c, pOnly);
out_free:
  logs_free_jobs(&c);
  provjson_names_free(&c.names);
  strbuf_free(&c.row);
  strbuf_free(&c.part);
  return rc;
}
