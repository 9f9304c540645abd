/*
** lint_run.c — evaluating the lint rules on a run database (lint.h
** lint_run; lintInt.h lint_run_eval): the trust graph at the instant, each
** group of rules (lint.c, lint_scope.c, lint_mto.c, lint_groupsync.c,
** lint_notify.c, lint_cloud.c) in turn, the
** scenario's lint.ignore entries applied, the findings sorted by rule.
*/
#include <string.h>
#include <strings.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "reportInt.h"
#include "trust.h"
#include "lint.h"
#include "lintInt.h"
#include "lint_authz.h"

/* The rules of lint_authz.c: found there, recorded here. */
static int authz_rules(Linter *L){
  LintAuthzResult ar;
  int i, rc = lint_authz_run(L->pStore, L->r->t, &ar, L->pErr);
  for(i=0; rc==TS_OK && i<ar.n; i++){
    const LintAuthzFinding *f = &ar.a[i];
    lint_add(L, lint_rule_find(f->zRule), f->eSeverity, f->zTenant, f->zPartner, f->zJob,
             f->zSetting, f->zValue, f->zPath, f->zMessage);
  }
  lint_authz_free(&ar);
  return rc;
}

static int same(const char *a, const char *b){
  return (a==NULL && b==NULL) || (a && b && strcmp(a, b)==0);
}

/* Does ignore entry p (validated) accept finding f? */
static int ignore_matches(const cJSON *p, const LintFinding *f){
  const char *z;
  if( (z = lint_jstr(p, "rule"))==NULL || strcasecmp(z, f->pRule->zId)!=0 ) return 0;
  if( (z = lint_jstr(p, "tenant"))!=NULL && !same(z, f->zTenant) ) return 0;
  if( (z = lint_jstr(p, "partner"))!=NULL && !same(z, f->zPartner) ) return 0;
  if( (z = lint_jstr(p, "job"))!=NULL && !same(z, f->zJob) ) return 0;
  if( (z = lint_jstr(p, "group"))!=NULL && !same(z, f->zGroup) ) return 0;
  return 1;
}

/* Mark the findings the scenario's lint.ignore accepts (the first entry
** that matches gives the reason). */
static void apply_ignores(Linter *L){
  const cJSON *pLint = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "lint") : NULL;
  const cJSON *a = pLint ? cJSON_GetObjectItemCaseSensitive(pLint, "ignore") : NULL, *p;
  int i;
  for(i=0; a && i<L->r->nFinding; i++){
    LintFinding *f = &L->r->aFinding[i];
    cJSON_ArrayForEach(p, a){
      if( ignore_matches(p, f) ){
        f->zSuppressed = lint_dup(L, lint_jstr(p, "reason") ? lint_jstr(p, "reason") : "");
        break;
      }
    }
  }
}

/* Findings in rule order (stable: objects keep their order). */
static void sort_findings(LintResult *r){
  int i, k;
  for(i=1; i<r->nFinding; i++){
    LintFinding f = r->aFinding[i];
    for(k=i; k>0 && strcmp(r->aFinding[k-1].pRule->zId, f.pRule->zId)>0; k--){
      r->aFinding[k] = r->aFinding[k-1];
    }
    r->aFinding[k] = f;
  }
}

int lint_run_eval(Store *pStore, const cJSON *pScn, const TrustCarry *pCarry, SimTime t,
              const char *const *azRule, int nRule, LintResult *r, TsErr *pErr){
  Linter L;
  TrustGraph g;
  int rc;
  memset(r, 0, sizeof(*r));
  arena_init(&r->arena);
  memset(&L, 0, sizeof(L));
  L.r = r;
  L.pStore = pStore;
  L.pErr = pErr;
  L.azRule = azRule;
  L.nRule = nRule;
  L.pScn = pScn;
  rc = pCarry ? trust_build_carried(pStore, t, pCarry, &g, pErr) : trust_build(pStore, t, &g, pErr);
  if( rc ) return rc;
  r->t = g.t;
  r->tStartEpoch = g.tStartEpoch;
  r->bEnd = g.bEnd;
  r->zScenario = lint_dup(&L, g.zScenario);
  lint_trust_rules(&L, &g);
  rc = lint_job_rules(&L, &g);
  if( rc==TS_OK ) rc = lint_log_rules(&L);
  if( rc==TS_OK ) rc = lint_scope_rules(&L);
  if( rc==TS_OK ) rc = lint_dynamic_rules(&L);
  if( rc==TS_OK ) rc = lint_mto_rules(&L, &g);
  if( rc==TS_OK ) rc = lint_partner_rules(&L, &g);
  if( rc==TS_OK ) rc = lint_groupsync_rules(&L, &g);
  if( rc==TS_OK ) rc = lint_notify_rules(&L);
  if( rc==TS_OK ) rc = lint_cloud_rules(&L);
  if( rc==TS_OK ) rc = authz_rules(&L);
  trust_free(&g);
  if( rc==TS_OK ) apply_ignores(&L);
  if( rc==TS_OK && L.bNoMem ) rc = tserr_set(pErr, TS_NOMEM, "out of memory linting the run");
  if( rc ){
    lint_free(r);
    return rc;
  }
  sort_findings(r);
  return TS_OK;
}

int lint_run_scenario(Store *pStore, cJSON **ppScn, TsErr *pErr){
  char *zJson = store_info(pStore, "scenario_json");
  *ppScn = NULL;
  if( zJson==NULL ) return TS_OK;
  /* The stored scenario is always valid JSON: failing to parse it is
  ** running out of memory. */
  *ppScn = cJSON_Parse(zJson);
  mem_free(zJson);
  return *ppScn ? TS_OK : tserr_set(pErr, TS_NOMEM, "out of memory reading the stored scenario");
}

int lint_run(Store *pStore, SimTime t, const char *const *azRule, int nRule,
             LintResult *r, TsErr *pErr){
  cJSON *pScn;
  int rc = lint_run_scenario(pStore, &pScn, pErr);
  if( rc ){
    memset(r, 0, sizeof(*r));
    return rc;
  }
  rc = lint_run_eval(pStore, pScn, NULL, t, azRule, nRule, r, pErr);
  cJSON_Delete(pScn);
  return rc;
}

