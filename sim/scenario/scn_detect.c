/*
** scn_detect.c — the "detections" section: predicates over the simulated
** audit and provisioning logs, as a SIEM would evaluate them on what the
** tenants export (Microsoft's documented hunting queries written as data;
** reports/detect.c evaluates them on a run). Each check fills a ScnDetect.
*/
#include <string.h>
#include "tslimits.h"
#include "scenarioInt.h"

static const char *const azDetectKeys[] = {
  "id", "name", "log", "tenant", "job", "category", "activity", "actor", "target", "action",
  "status", "contains", "count", "within", "after", NULL
};

/* Report zKey of p when present: it belongs to the other log. */
static void val_wrong_log(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                          const char *zLog){
  char zSub[TS_JSONPATH_MAX];
  if( cJSON_GetObjectItemCaseSensitive(p, zKey)==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  scn_val_err(v, zSub, "\"%s\" is a field of the %s log", zKey, zLog);
}

/* Is z one of the NULL-terminated az? */
static int one_of(const char *z, const char *const *az){
  for(; *az; az++) if( strcmp(z, *az)==0 ) return 1;
  return 0;
}

/* The audit-log fields of detection p. */
static void val_audit(Val *v, const char *zPath, const cJSON *p, ScnDetect *d){
  const char *zT = scn_val_str(v, zPath, p, "tenant", 0);
  char zSub[TS_JSONPATH_MAX];
  d->iTenant = scn_val_tenant_index(v, zT);
  if( zT && d->iTenant<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  d->zCategory = scn_val_str(v, zPath, p, "category", 0);
  d->zActivity = scn_val_str(v, zPath, p, "activity", 0);
  d->zActor = scn_val_str(v, zPath, p, "actor", 0);
  d->zTarget = scn_val_str(v, zPath, p, "target", 0);
  val_wrong_log(v, zPath, p, "job", "provisioning");
  val_wrong_log(v, zPath, p, "action", "provisioning");
  val_wrong_log(v, zPath, p, "status", "provisioning");
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
  d->zAction = scn_val_str(v, zPath, p, "action", 0);
  if( d->zAction && !one_of(d->zAction, azAction) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "action");
    scn_val_err(v, zSub, "expected a provisioningAction: create, update, delete, disable,"
                " stagedDelete or other, found \"%s\"", d->zAction);
  }
  d->zStatus = scn_val_str(v, zPath, p, "status", 0);
  if( d->zStatus && !one_of(d->zStatus, azStatus) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "status");
    scn_val_err(v, zSub, "expected a provisioningStatusInfo status: success, failure, skipped"
                " or warning, found \"%s\"", d->zStatus);
  }
  val_wrong_log(v, zPath, p, "tenant", "audit");
  val_wrong_log(v, zPath, p, "category", "audit");
  val_wrong_log(v, zPath, p, "activity", "audit");
  val_wrong_log(v, zPath, p, "actor", "audit");
  val_wrong_log(v, zPath, p, "target", "audit");
}

/* One detections[] entry; ids must be unique among the first i entries
** of pAll (the array). */
void scn_detect_check(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll,
                      ScnDetect *d){
  const char *zLog, *zAfter;
  char zSub[TS_JSONPATH_MAX], zWhy[TS_REASON_MAX];
  const cJSON *q;
  int64_t n;
  d->iTenant = -1;
  d->iJob = -1;
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
  zLog = scn_val_str(v, zPath, p, "log", 0);
  if( zLog && strcmp(zLog, "audit")!=0 && strcmp(zLog, "provisioning")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "log");
    scn_val_err(v, zSub, "expected \"audit\" or \"provisioning\", found \"%s\"", zLog);
  }
  d->bProvisioning = zLog && strcmp(zLog, "provisioning")==0;
  if( d->bProvisioning ) val_provisioning(v, zPath, p, d);
  else val_audit(v, zPath, p, d);
  d->zContains = scn_val_str(v, zPath, p, "contains", 0);
  if( scn_val_int(v, zPath, p, "count", 0, 1, 1e9, &n) ) d->nCount = n;
  scn_val_duration(v, zPath, p, "within", 0, &d->tWithin);
  zAfter = scn_val_str(v, zPath, p, "after", 0);
  if( zAfter && scn_val_when(v->pScn, zAfter, &d->tAfter, zWhy, sizeof(zWhy)) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "after");
    scn_val_err(v, zSub, "%s", zWhy);
  }
}
