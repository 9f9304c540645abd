/*
** expr_fixture.h — the fixture of the test_expr_*.c suites: a fake source
** object written "name=value;multi=v1|v2;empty=" (an attribute not named
** is absent), an evaluation environment on it, and ev(expr, attrs), which
** compiles, evaluates, frees everything and returns one string to compare:
**   the value itself            one value
**   [v1|v2]                     several values
**   (null) (ignore flow) (escrow) (ignore object)   the other outcomes
**   compile: <message>          expr_compile failed
**   error: <message>            expr_eval failed
** The simulated clock is 2021-08-25T17:41:18Z (8/25/2021 5:41:18 PM, a
** Wednesday), the "Now()" of the spec's DateDiff table. The helpers are
** static inline so that each suite may use any subset of them.
*/
#ifndef TS_EXPR_FIXTURE_H
#define TS_EXPR_FIXTURE_H
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "rng.h"

#define NOW_EPOCH INT64_C(1629913278)

#define T_MAX_ATTR 16
#define T_MAX_VAL  8

typedef struct TObj {
  char azName[T_MAX_ATTR][64];
  char aaVal[T_MAX_ATTR][T_MAX_VAL][300];
  const char *apVal[T_MAX_ATTR][T_MAX_VAL];
  int anVal[T_MAX_ATTR];
  int nAttr;
  const char *const *azTaken;   /* NULL-terminated values the target holds */
  int nTakenCalls;
} TObj;

static TObj gObj;
static char zRes[16384];

/* Fill o from "name=v1|v2;name2=v". */
static inline void t_parse(TObj *o, const char *zSpec){
  memset(o, 0, sizeof(*o));
  while( zSpec && *zSpec ){
    size_t nItem = strcspn(zSpec, ";");
    const char *zEq = memchr(zSpec, '=', nItem);
    int i = o->nAttr++;
    const char *zV;
    ck_assert_ptr_nonnull(zEq);
    ck_assert_int_lt(i, T_MAX_ATTR);
    snprintf(o->azName[i], sizeof(o->azName[i]), "%.*s", (int)(zEq - zSpec), zSpec);
    zV = zEq + 1;
    for(;;){
      size_t nV = strcspn(zV, "|;");
      int k = o->anVal[i]++;
      ck_assert_int_lt(k, T_MAX_VAL);
      snprintf(o->aaVal[i][k], sizeof(o->aaVal[i][k]), "%.*s", (int)nV, zV);
      o->apVal[i][k] = o->aaVal[i][k];
      zV += nV;
      if( *zV!='|' ) break;
      zV++;
    }
    zSpec += nItem;
    if( *zSpec==';' ) zSpec++;
  }
}

static inline int t_attr(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal){
  TObj *o = (TObj*)pCtx;
  int i;
  *pazVal = NULL;
  *pnVal = 0;
  for(i=0; i<o->nAttr; i++){
    if( strcmp(o->azName[i], zName)==0 ){
      *pazVal = o->apVal[i];
      *pnVal = o->anVal[i];
    }
  }
  return 0;
}

static inline int t_taken(void *pCtx, const char *zValue){
  TObj *o = (TObj*)pCtx;
  int i;
  o->nTakenCalls++;
  for(i=0; o->azTaken && o->azTaken[i]; i++){
    if( strcmp(o->azTaken[i], zValue)==0 ) return 1;
  }
  return 0;
}

static inline void t_env(ExprEnv *pEnv, TObj *o, Rng *pRng, int64_t tNow){
  memset(pEnv, 0, sizeof(*pEnv));
  pEnv->xAttr = t_attr;
  pEnv->pCtx = o;
  pEnv->tNowEpoch = tNow;
  pEnv->pRng = pRng;
  pEnv->xTaken = t_taken;
}

/* Describe a result in zRes (see the head comment). */
static inline const char *t_describe(const ExprResult *r){
  int k;
  const char *zOutcome = NULL;
  switch( r->eOutcome ){
    case EXPR_NULL:          zOutcome = "(null)"; break;
    case EXPR_IGNORE_FLOW:   zOutcome = "(ignore flow)"; break;
    case EXPR_ESCROW:        zOutcome = "(escrow)"; break;
    case EXPR_IGNORE_OBJECT: zOutcome = "(ignore object)"; break;
    case EXPR_VALUE: break;
  }
  if( zOutcome ){
    ck_assert_int_eq(r->nValue, 0);
    snprintf(zRes, sizeof(zRes), "%s", zOutcome);
    return zRes;
  }
  ck_assert_int_ge(r->nValue, 1);
  if( r->nValue==1 ){
    snprintf(zRes, sizeof(zRes), "%s", r->azValue[0]);
    return zRes;
  }
  snprintf(zRes, sizeof(zRes), "[");
  for(k=0; k<r->nValue; k++){
    size_t n = strlen(zRes);
    snprintf(zRes+n, sizeof(zRes)-n, "%s%s", k ? "|" : "", r->azValue[k]);
  }
  strncat(zRes, "]", sizeof(zRes)-strlen(zRes)-1);
  return zRes;
}

static inline const char *t_run(const char *zExpr, const char *zAttrs, const char *const *azTaken,
                         Rng *pRng, int64_t tNow){
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  ExprResult r;
  int rc;
  tserr_clear(&err);
  t_parse(&gObj, zAttrs);
  gObj.azTaken = azTaken;
  rc = expr_compile(zExpr, &p, &err);
  if( rc ){
    ck_assert_ptr_null(p);
    snprintf(zRes, sizeof(zRes), "compile: %s", err.zMsg);
    return zRes;
  }
  t_env(&env, &gObj, pRng, tNow);
  rc = expr_eval(p, &env, &r, &err);
  if( rc ){
    ck_assert_int_eq(r.eOutcome, EXPR_NULL);
    ck_assert_int_eq(r.nValue, 0);
    snprintf(zRes, sizeof(zRes), "error: %s", err.zMsg);
  }else{
    t_describe(&r);
  }
  expr_result_free(&r);
  expr_free(p);
  return zRes;
}

static inline const char *ev(const char *zExpr, const char *zAttrs){
  return t_run(zExpr, zAttrs, NULL, NULL, NOW_EPOCH);
}

#define EV(zExpr, zAttrs, zWant) ck_assert_str_eq(ev(zExpr, zAttrs), zWant)
#define CE(zExpr, zWant) ck_assert_str_eq(ev(zExpr, ""), "compile: " zWant)

#endif
