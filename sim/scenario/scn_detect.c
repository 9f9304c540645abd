/*
** scn_detect.c — the "detections" section: predicates over the simulated
** audit, provisioning and sign-in logs, as a SIEM would evaluate them on
** what the tenants export (Microsoft's documented hunting queries written
** as data; reports/report_detect.c evaluates them on a run). Each check
** fills a ScnDetect; a field of another log than the detection's is an
** error.
*/
#include <string.h>
#include "tslimits.h"
#include "scenarioInt.h"

static const char *const azDetectKeys[] = {
  "id", "name", "log", "tenant", "job", "category", "activity", "actor", "target", "action",
  "status", "homeTenant", "crossTenantAccessType", "result", "contains", "count", "within",
  "after", NULL
};

/* The logs a detection can read, and which of them has each field. */
enum { LOG_AUDIT = 1, LOG_PROVISIONING = 2, LOG_SIGNIN = 4 };
static const char *const azLog[] = { "audit", "provisioning", "signin", NULL };
static const struct { const char *zKey; unsigned mLogs; } aField[] = {
  { "tenant", LOG_AUDIT|LOG_SIGNIN }, { "category", LOG_AUDIT }, { "activity", LOG_AUDIT },
  { "actor", LOG_AUDIT }, { "target", LOG_AUDIT }, { "job", LOG_PROVISIONING },
  { "action", LOG_PROVISIONING }, { "status", LOG_PROVISIONING }, { "homeTenant", LOG_SIGNIN },
  { "crossTenantAccessType", LOG_SIGNIN }, { "result", LOG_SIGNIN },
};

/* Report each member of p that is a field of other logs than mLog. */
static void val_wrong_log(Val *v, const char *zPath, const cJSON *p, unsigned mLog){
  size_t i;
  for(i=0; i<sizeof(aField)/sizeof(aField[0]); i++){
    char zSub[TS_JSONPATH_MAX], zLogs[64] = "";
    int k, n = 0;
    if( (aField[i].mLogs & mLog) || !cJSON_GetObjectItemCaseSensitive(p, aField[i].zKey) ) continue;
    for(k=0; azLog[k]; k++){
      if( !(aField[i].mLogs & (1u<<k)) ) continue;
      snprintf(zLogs+strlen(zLogs), sizeof(zLogs)-strlen(zLogs), "%s%s", n++ ? " and " : "", azLog[k]);
    }
    scn_val_path_key(zSub, sizeof(zSub), zPath, aField[i].zKey);
    scn_val_err(v, zSub, "\"%s\" is a field of the %s log%s", aField[i].zKey, zLogs, n>1 ? "s" : "");
  }
}

/* Is z one of the NULL-terminated az? */
static int one_of(const char *z, const char *const *az){
  for(; *az; az++) if( strcmp(z, *az)==0 ) return 1;
  return 0;
}

/* Member zKey of p naming a tenant, as its index (-1 when not given). */
static int val_tenant_key(Val *v, const char *zPath, const cJSON *p, const char *zKey){
  const char *zT = scn_val_str(v, zPath, p, zKey, 0);
  char zSub[TS_JSONPATH_MAX];
  int i = scn_val_tenant_index(v, zT);
  if( zT && i<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  return i;
}

/* Member zKey of p, one of az (described by zWhat) when given. */
static const char *val_enum(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                            const char *const *az, const char *zWhat){
  const char *z = scn_val_str(v, zPath, p, zKey, 0);
  char zSub[TS_JSONPATH_MAX];
  if( z && !one_of(z, az) ){
    const char *zSug = scn_val_suggest(z, az);
    scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
    if( zSug ) scn_val_err(v, zSub, "expected %s, found \"%s\" (did you mean \"%s\"?)", zWhat, z, zSug);
    else scn_val_err(v, zSub, "expected %s, found \"%s\"", zWhat, z);
  }
  return z;
}

/* The audit-log fields of detection p. */
static void val_audit(Val *v, const char *zPath, const cJSON *p, ScnDetect *d){
  d->iTenant = val_tenant_key(v, zPath, p, "tenant");
  d->zCategory = scn_val_str(v, zPath, p, "category", 0);
  d->zActivity = scn_val_str(v, zPath, p, "activity", 0);
  d->zActor = scn_val_str(v, zPath, p, "actor", 0);
  d->zTarget = scn_val_str(v, zPath, p, "target", 0);
}

/* The provisioning-log fields of detection p. */
static void val_provisioning(Val *v, const char *zPath, const cJSON *p, ScnDetect *d){
  static const char *const azAction[] = {
    "create", "update", "delete", "disable", "stagedDelete", "other", NULL
  };
  static const char *const azStatus[] = { "success", "failure", "skipped", "warning", NULL };
  const char *zJob = scn_val_str(v, zPath, p, "job", 0);
  char zSub[TS_JSONPATH_MAX];
  if( zJob ){
    d->iJob = scn_jobs_job_find(v, zJob);
    if( d->iJob<0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
      scn_val_err(v, zSub, "no job \"%s\"", zJob);
    }
  }
  d->zAction = val_enum(v, zPath, p, "action", azAction, "a provisioningAction: create, update,"
                        " delete, disable, stagedDelete or other");
  d->zStatus = val_enum(v, zPath, p, "status", azStatus, "a provisioningStatusInfo status:"
                        " success, failure, skipped or warning");
}

/* The sign-in-log fields of detection p: the resource tenant (whose log),
** the home tenant, Graph's signInAccessType and the sign-in's result. */
static void val_signin(Val *v, const char *zPath, const cJSON *p, ScnDetect *d){
  static const char *const azType[] = {
    "none", "b2bCollaboration", "b2bDirectConnect", "microsoftSupport", "serviceProvider",
    "passthrough", NULL
  };
  static const char *const azResult[] = { "success", "failure", "interrupted", NULL };
  d->iTenant = val_tenant_key(v, zPath, p, "tenant");
  d->iHomeTenant = val_tenant_key(v, zPath, p, "homeTenant");
  d->zAccessType = val_enum(v, zPath, p, "crossTenantAccessType", azType, "a signInAccessType:"
                            " none, b2bCollaboration, b2bDirectConnect, microsoftSupport,"
                            " serviceProvider or passthrough");
  d->zResult = val_enum(v, zPath, p, "result", azResult, "a sign-in result: success, failure"
                        " or interrupted");
}

/* One detections[] entry; ids must be unique among the first i entries
** of pAll (the array). */
void scn_detect_check(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll,
                      ScnDetect *d){
  const char *zLog, *zAfter;
  char zSub[TS_JSONPATH_MAX], zWhy[TS_REASON_MAX];
  const cJSON *q;
  int64_t n;
  int k = 0;
  d->iTenant = -1;
  d->iJob = -1;
  d->iHomeTenant = -1;
  d->nCount = 1;
  d->tWithin = -1;
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azDetectKeys);
  d->zId = scn_val_str(v, zPath, p, "id", 1);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "id");
  if( d->zId && !scn_tenants_is_key_text(d->zId) ){
    scn_val_err(v, zSub, "\"%s\": ids use letters, digits, '-', '_' and '.' only", d->zId);
  }
  for(q=pAll->child; d->zId && q && q!=p; q=q->next){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "id"));
    if( z && strcmp(z, d->zId)==0 ){
      scn_val_err(v, zSub, "detection id \"%s\" is used twice", d->zId);
      break;
    }
  }
  d->zName = scn_val_str(v, zPath, p, "name", 0);
  zLog = val_enum(v, zPath, p, "log", azLog, "\"audit\", \"provisioning\" or \"signin\"");
  for(k=0; zLog && azLog[k] && strcmp(zLog, azLog[k])!=0; k++){}
  d->zLog = zLog && azLog[k] ? azLog[k] : azLog[0];
  if( k==1 ) val_provisioning(v, zPath, p, d);
  else if( k==2 ) val_signin(v, zPath, p, d);
  else val_audit(v, zPath, p, d);
  val_wrong_log(v, zPath, p, zLog && azLog[k] ? 1u<<k : LOG_AUDIT);
  d->zContains = scn_val_str(v, zPath, p, "contains", 0);
  if( scn_val_int(v, zPath, p, "count", 0, 1, 1e9, &n) ) d->nCount = n;
  scn_val_duration(v, zPath, p, "within", 0, &d->tWithin);
  zAfter = scn_val_str(v, zPath, p, "after", 0);
  if( zAfter && scn_val_when(v->pScn, zAfter, &d->tAfter, zWhy, sizeof(zWhy)) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "after");
    scn_val_err(v, zSub, "%s", zWhy);
  }
}
