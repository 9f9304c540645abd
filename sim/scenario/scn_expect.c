/*
** scn_expect.c — the "expect" section: validation of state, attribute
** and metric expectations, and the check of a metric expectation against
** the JSON report of a finished run (instant expectations are checked by
** the runner at their instant).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "jsonloc.h"
#include "attr.h"
#include "policy.h"
#include "expr.h"
#include "job.h"
#include "scope.h"
#include "scenarioInt.h"

static const char *const azExpectKeys[] = {
  "at", "job", "status", "user", "state", "attribute", "equals", "memberOf", NULL
};

/* Is z a comparison operator of a metric expectation? */
static int expect_op_ok(const char *z, size_t n){
  static const char *const az[] = { "==", "!=", "<=", ">=", "<", ">", NULL };
  int i;
  for(i=0; az[i]; i++) if( strlen(az[i])==n && strncmp(az[i], z, n)==0 ) return 1;
  return 0;
}

/* One expectation: "path op value" or an instant object. */
void scn_expect_check(Val *v, const char *zPath, const cJSON *p, ScnExpect *pE){
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  if( cJSON_IsString(p) ){
    const char *z = p->valuestring, *zOp, *zVal;
    size_t nOp;
    pE->zMetric = z;
    zOp = strchr(z, ' ');
    if( zOp==NULL ){ scn_val_err(v, zPath, "expected \"metric op value\", e.g. \"orphans.count == 0\""); return; }
    while( *zOp==' ' ) zOp++;
    nOp = strcspn(zOp, " ");
    zVal = zOp + nOp;
    while( *zVal==' ' ) zVal++;
    if( !expect_op_ok(zOp, nOp) ){
      scn_val_err(v, zPath, "unknown comparison in \"%s\"; expected ==, !=, <, <=, > or >=", z);
    }else if( *zVal==0 ){
      scn_val_err(v, zPath, "\"%s\" has no value to compare with", z);
    }else if( strncmp(z, "convergence.", 12)!=0 && strncmp(z, "drift.", 6)!=0
           && strncmp(z, "orphans.", 8)!=0 && strncmp(z, "totals.", 7)!=0
           && strncmp(z, "jobs.", 5)!=0 && strncmp(z, "detections.", 11)!=0
           && strncmp(z, "security.", 9)!=0 && strncmp(z, "sign_ins.", 9)!=0 ){
      scn_val_err(v, zPath, "unknown metric in \"%s\"; metrics start with convergence., drift.,"
              " orphans., totals., jobs., detections., security. or sign_ins.", z);
    }
    return;
  }
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azExpectKeys);
  {
    const char *zAt = scn_val_str(v, zPath, p, "at", 1);
    const char *zJob = scn_val_str(v, zPath, p, "job", 1);
    const char *zStatus = scn_val_str(v, zPath, p, "status", 0);
    const char *zUser = scn_val_str(v, zPath, p, "user", 0);
    const char *zState = scn_val_str(v, zPath, p, "state", 0);
    const char *zAttr = scn_val_str(v, zPath, p, "attribute", 0);
    const char *zGroup = scn_val_str(v, zPath, p, "memberOf", 0);
    SimTime t = 0;
    int iJob = scn_jobs_job_find(v, zJob);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "at");
    if( zAt && scn_val_when(v->pScn, zAt, &t, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
    pE->t = t;
    pE->zAt = zAt;
    pE->zJob = zJob;
    pE->iJob = iJob;
    pE->zStatus = zStatus;
    pE->zUser = zUser;
    pE->zState = zState;
    pE->zAttr = zAttr;
    pE->zMemberOf = zGroup;
    pE->zEquals = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "equals"));
    if( zJob && iJob<0 ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "job"); scn_val_err(v, zSub, "no job \"%s\"", zJob); }
    if( (zStatus==NULL)==(zUser==NULL) ){
      scn_val_err(v, zPath, "expect either a job \"status\" or a \"user\" (source key) with"
                        " \"state\" or \"attribute\"/\"equals\"");
    }else if( zStatus && strcmp(zStatus, "NotRun")!=0 && strcmp(zStatus, "Active")!=0
           && strcmp(zStatus, "Paused")!=0 && strcmp(zStatus, "Quarantine")!=0
           && strcmp(zStatus, "Disabled")!=0 && strcmp(zStatus, "Deleted")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "status");
      scn_val_err(v, zSub, "expected NotRun, Active, Paused, Quarantine, Disabled or Deleted, found"
                  " \"%s\"", zStatus);
    }else if( zUser ){
      if( iJob>=0 && v->aJobSrc[iJob]>=0 && !scn_val_user_known(&v->aTenant[v->aJobSrc[iJob]], zUser) ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, "user");
        scn_val_err(v, zSub, "no user \"%s\" in the job's source tenant", zUser);
      }
      if( (zState!=NULL) + (zAttr!=NULL) + (zGroup!=NULL) != 1 ){
        scn_val_err(v, zPath, "give \"state\" (exists, absent, softDeleted), \"attribute\" and"
                    " \"equals\", or \"memberOf\" (a source group the job syncs)");
      }else if( zGroup ){
        const ScnJob *pJ = scn_jobs_declared(v, iJob);
        scn_val_path_key(zSub, sizeof(zSub), zPath, "memberOf");
        if( iJob>=0 && v->aJobSrc[iJob]>=0 && !hmap_get(&v->aTenant[v->aJobSrc[iJob]].groups, zGroup, NULL) ){
          scn_val_err(v, zSub, "no group \"%s\" in the job's source tenant", zGroup);
        }else if( pJ && !pJ->bGroupSync ){
          scn_val_err(v, zSub, "job %s does not provision groups (\"groupProvisioning\" is off)", pJ->zKey);
        }
      }else if( zState && strcmp(zState, "exists")!=0 && strcmp(zState, "absent")!=0
             && strcmp(zState, "softDeleted")!=0 ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, "state");
        scn_val_err(v, zSub, "expected exists, absent or softDeleted, found \"%s\"", zState);
      }else if( zAttr && !scn_jobs_attr_known(zAttr) ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, "attribute");
        scn_val_err(v, zSub, "unknown attribute \"%s\"", zAttr);
      }else if( zAttr && !cJSON_IsString(cJSON_GetObjectItemCaseSensitive(p, "equals"))
             && !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(p, "equals")) ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, "equals");
        scn_val_err(v, zSub, "expected the attribute's value (a string) or null");
      }
    }
  }
}

/* ---------------------------------------------------------------------
** Metric expectations, checked against the JSON report of a run.
*/
/* The "job", "tenant" or "id" (a detection) key of a list element, or "". */
static const char *metric_elem_key(const cJSON *c){
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "job"));
  if( z==NULL ) z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
  if( z==NULL ) z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "id"));
  return z ? z : "";
}

/* The report node a metric path names ("convergence.p95", "drift.final",
** "orphans.by_reason.job_paused", "jobs.<key>.status",
** "convergence.targets.<tenant>.in_step_seconds" ...); NULL if none. A list
** element is chosen by its job or tenant key. *pbUnbounded is set when the
** value is known only to be beyond the end of the run: a censored latency
** quantile, or the in-step instant of a target or job that never came
** into step. */
static const cJSON *metric_node(const cJSON *pDoc, const char *zPath, int *pbUnbounded){
  char zBuf[256], *zPart, *zSave = NULL;
  const cJSON *p = pDoc;
  int bFirst = 1;
  *pbUnbounded = 0;
  snprintf(zBuf, sizeof(zBuf), "%s", zPath);
  for(zPart=strtok_r(zBuf, ".", &zSave); zPart && p; zPart=strtok_r(NULL, ".", &zSave)){
    if( bFirst && strcmp(zPart, "drift")==0 ){
      p = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p, "convergence"), "drift");
    }else if( cJSON_IsArray(p) ){
      const cJSON *c;
      const cJSON *pFound = NULL;
      cJSON_ArrayForEach(c, p){
        if( strcmp(metric_elem_key(c), zPart)==0 ) pFound = c;
      }
      p = pFound;
    }else if( (strcmp(zPart, "p50")==0 || strcmp(zPart, "p95")==0 || strcmp(zPart, "max")==0)
           && cJSON_GetObjectItemCaseSensitive(p, "latency_seconds") ){
      *pbUnbounded = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
                       cJSON_GetObjectItemCaseSensitive(p, "censored"), zPart));
      p = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(p, "latency_seconds"), zPart);
    }else if( strcmp(zPart, "in_step_seconds")==0 ){
      *pbUnbounded = cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "in_step"));
      p = cJSON_GetObjectItemCaseSensitive(p, zPart);
    }else{
      p = cJSON_GetObjectItemCaseSensitive(p, zPart);
    }
    bFirst = 0;
  }
  return p;
}

/* Compare actual a with the expectation's value text zVal under zOp. An
** unbounded actual (beyond the end of the run) is null to == and != null,
** and greater than every number. */
static int metric_compare(const cJSON *a, const char *zOp, const char *zVal, int bReasonCount,
                          int bUnbounded){
  double x, y;
  SimTime t;
  char zWhy[TS_REASON_MAX];
  int bNum;
  if( a==NULL && bReasonCount ){
    static cJSON zero;
    zero.type = cJSON_Number;
    zero.valuedouble = 0;
    a = &zero;                      /* a reason that never occurred counts 0 */
  }
  if( strcmp(zVal, "null")==0 ){
    int bNull = a==NULL || cJSON_IsNull(a);
    return strcmp(zOp, "==")==0 ? bNull : strcmp(zOp, "!=")==0 ? !bNull : 0;
  }
  if( bUnbounded ){
    return strcmp(zOp, "!=")==0 || strcmp(zOp, ">")==0 || strcmp(zOp, ">=")==0;
  }
  if( a==NULL || cJSON_IsNull(a) ) return strcmp(zOp, "!=")==0;
  if( cJSON_IsBool(a) ){
    int bEq = strcmp(zVal, cJSON_IsTrue(a) ? "true" : "false")==0;
    return strcmp(zOp, "==")==0 ? bEq : strcmp(zOp, "!=")==0 ? !bEq : 0;
  }
  if( cJSON_IsString(a) ){
    size_t n = strlen(zVal);
    int bEq;
    if( n>=2 && zVal[0]=='"' && zVal[n-1]=='"' ){
      bEq = strlen(a->valuestring)==n-2 && strncmp(a->valuestring, zVal+1, n-2)==0;
    }else{
      bEq = strcmp(a->valuestring, zVal)==0;
    }
    return strcmp(zOp, "==")==0 ? bEq : strcmp(zOp, "!=")==0 ? !bEq : 0;
  }
  x = a->valuedouble;
  if( zVal[0]=='P' && simtime_parse_duration(zVal, &t, zWhy, sizeof(zWhy))==0 ){
    y = (double)t;
    bNum = 1;
  }else{
    char *zEnd;
    y = strtod(zVal, &zEnd);
    bNum = *zEnd==0;
  }
  if( !bNum ) return 0;
  if( strcmp(zOp, "==")==0 ) return x==y;
  if( strcmp(zOp, "!=")==0 ) return x!=y;
  if( strcmp(zOp, "<=")==0 ) return x<=y;
  if( strcmp(zOp, ">=")==0 ) return x>=y;
  if( strcmp(zOp, "<")==0 ) return x<y;
  return x>y;
}

int scn_expect_metric(const cJSON *pReport, const char *zExpect, char *zActual, size_t nActual,
                      int *pbPass){
  char zPath[256], zOp[4], zVal[256];
  const cJSON *a;
  int bUnbounded = 0;
  if( sscanf(zExpect, "%255s %3s %255[^\n]", zPath, zOp, zVal)!=3 ) return -1;
  a = metric_node(pReport, zPath, &bUnbounded);
  if( a==NULL ) snprintf(zActual, nActual, "%s",
      strstr(zPath, "by_reason.")!=NULL ? "0" : "(no such metric in the report)");
  else if( bUnbounded ) snprintf(zActual, nActual, "%s",
      strstr(zPath, "in_step") ? "never (not in step at the end)" : "> end of run (censored)");
  else if( cJSON_IsNull(a) ) snprintf(zActual, nActual, "null");
  else if( cJSON_IsBool(a) ) snprintf(zActual, nActual, "%s", cJSON_IsTrue(a) ? "true" : "false");
  else if( cJSON_IsString(a) ) snprintf(zActual, nActual, "%s", a->valuestring);
  else snprintf(zActual, nActual, "%.0f", a->valuedouble);
  *pbPass = metric_compare(a, zOp, zVal, strstr(zPath, "by_reason.")!=NULL, bUnbounded);
  return 0;
}
