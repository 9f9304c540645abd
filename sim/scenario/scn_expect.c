/*
** scn_expect.c — validation of the "expect" section: state, attribute
** and metric expectations checked after (or during) a run.
*/
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
  "at", "job", "status", "user", "state", "attribute", "equals", NULL
};

/* Is z a comparison operator of a metric expectation? */
static int expect_op_ok(const char *z, size_t n){
  static const char *const az[] = { "==", "!=", "<=", ">=", "<", ">", NULL };
  int i;
  for(i=0; az[i]; i++) if( strlen(az[i])==n && strncmp(az[i], z, n)==0 ) return 1;
  return 0;
}

/* One expectation: "path op value" or an instant object. */
void scn_expect_check(Val *v, const char *zPath, const cJSON *p){
  char zSub[TS_JSONPATH_MAX], zWhy[200];
  if( cJSON_IsString(p) ){
    const char *z = p->valuestring, *zOp, *zVal;
    size_t nOp;
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
           && strncmp(z, "jobs.", 5)!=0 ){
      scn_val_err(v, zPath, "unknown metric in \"%s\"; metrics start with convergence., drift.,"
              " orphans., totals. or jobs.", z);
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
    SimTime t;
    int iJob = scn_jobs_job_find(v, zJob);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "at");
    if( zAt && scn_val_when(v->pScn, zAt, &t, zWhy, sizeof(zWhy)) ) scn_val_err(v, zSub, "%s", zWhy);
    if( zJob && iJob<0 ){ scn_val_path_key(zSub, sizeof(zSub), zPath, "job"); scn_val_err(v, zSub, "no job \"%s\"", zJob); }
    if( (zStatus==NULL)==(zUser==NULL) ){
      scn_val_err(v, zPath, "expect either a job \"status\" or a \"user\" (source key) with"
                        " \"state\" or \"attribute\"/\"equals\"");
    }else if( zStatus && strcmp(zStatus, "NotRun")!=0 && strcmp(zStatus, "Active")!=0
           && strcmp(zStatus, "Paused")!=0 && strcmp(zStatus, "Quarantine")!=0
           && strcmp(zStatus, "Disabled")!=0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "status");
      scn_val_err(v, zSub, "expected NotRun, Active, Paused, Quarantine or Disabled, found \"%s\"", zStatus);
    }else if( zUser ){
      if( iJob>=0 && v->aJobSrc[iJob]>=0 && !scn_val_user_known(&v->aTenant[v->aJobSrc[iJob]], zUser) ){
        scn_val_path_key(zSub, sizeof(zSub), zPath, "user");
        scn_val_err(v, zSub, "no user \"%s\" in the job's source tenant", zUser);
      }
      if( (zState==NULL)==(zAttr==NULL) ){
        scn_val_err(v, zPath, "give \"state\" (exists, absent, softDeleted) or \"attribute\" and \"equals\"");
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
