/*
** scn_lint.c — the scenario's "lint" section: the lint findings a team has
** reviewed and accepts, each with its reason. reports/lint.c reads them
** from the stored scenario and reports the findings they match as
** suppressed, never hides them (as ScubaGear's documented exemptions).
**
**   "lint": {"ignore": [{"rule": "XTS-S05", "reason": "...",
**                        "tenant": K, "partner": K, "job": K, "group": K}],
**            "maxScopeGroupOwners": 2, "stalePartnerDays": 90}
**
** rule and reason are required; tenant, partner, job and group narrow the
** entry to the findings about those objects. maxScopeGroupOwners is
** XTS-S02's limit on a scope group's owners, stalePartnerDays XTS-T12's
** quiet period.
*/
#include <string.h>
#include "lint.h"
#include "tslimits.h"
#include "scenarioInt.h"

static const char *const azLintKeys[] = {
  "ignore", "maxScopeGroupOwners", "stalePartnerDays", NULL
};
static const char *const azIgnoreKeys[] = {
  "rule", "reason", "tenant", "partner", "job", "group", NULL
};

/* The rule ids, NULL-terminated, for suggestions. */
static void rule_ids(const char **az, int nMax){
  int i, n;
  const LintRule *a = lint_rules(&n);
  for(i=0; i<n && i<nMax-1; i++) az[i] = a[i].zId;
  az[i] = NULL;
}

static void val_ignore(Val *v, const char *zPath, const cJSON *p){
  const char *azId[64];
  const char *zRule, *zT, *zP, *zJob;
  char zSub[TS_JSONPATH_MAX];
  if( !scn_val_is_object(v, zPath, p) ) return;
  scn_val_keys(v, zPath, p, azIgnoreKeys);
  zRule = scn_val_str(v, zPath, p, "rule", 1);
  (void)scn_val_str(v, zPath, p, "reason", 1);   /* required, not empty */
  if( zRule && lint_rule_find(zRule)==NULL ){
    const char *zNear;
    rule_ids(azId, 64);
    zNear = scn_val_suggest(zRule, azId);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "rule");
    if( zNear ) scn_val_err(v, zSub, "no lint rule \"%s\" (did you mean \"%s\"?)", zRule, zNear);
    else scn_val_err(v, zSub, "no lint rule \"%s\"", zRule);
  }
  zT = scn_val_str(v, zPath, p, "tenant", 0);
  zP = scn_val_str(v, zPath, p, "partner", 0);
  zJob = scn_val_str(v, zPath, p, "job", 0);
  (void)scn_val_str(v, zPath, p, "group", 0);    /* a group key of the tenant */
  if( zT && scn_val_tenant_index(v, zT)<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "tenant");
    scn_val_err(v, zSub, "no tenant \"%s\"", zT);
  }
  if( zP && scn_val_tenant_index(v, zP)<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "partner");
    scn_val_err(v, zSub, "no tenant \"%s\"", zP);
  }
  if( zJob && scn_jobs_job_find(v, zJob)<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
    scn_val_err(v, zSub, "no job \"%s\"", zJob);
  }
}

void scn_lint_check(Val *v, const cJSON *pRoot){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pRoot, "lint"), *a, *c;
  char zPath[TS_JSONPATH_MAX];
  int i = 0;
  if( p==NULL ) return;
  if( !scn_val_is_object(v, "lint", p) ) return;
  scn_val_keys(v, "lint", p, azLintKeys);
  {
    int64_t n;
    (void)scn_val_int(v, "lint", p, "maxScopeGroupOwners", 0, 0, 10000, &n);
    (void)scn_val_int(v, "lint", p, "stalePartnerDays", 0, 1, 3650, &n);
  }
  a = scn_val_array(v, "lint", p, "ignore", 0);
  if( a ) cJSON_ArrayForEach(c, a){
    scn_val_path_idx(zPath, sizeof(zPath), "lint.ignore", i++);
    val_ignore(v, zPath, c);
  }
}
