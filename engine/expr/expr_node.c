/*
** expr_node.c — evaluating an expression tree (exprInt.h: expr_node_eval).
**
** Evaluation is a plain recursive walk: a call
** evaluates its arguments left to right (unless the function is lazy and
** does so itself), then runs the function from expr_func.c; an attribute
** asks ExprEnv.xAttr; a comparison compares two operands. Every step
** returns a status: TS_OK, TS_ERR, TS_NOMEM, or one of the EXPR_SIG_*
** signals (IgnoreFlowIfNullOrEmpty, IgnoreAttributeFlow, IgnoreObjectFlow,
** SelectUniqueValue's escrow), which unwind the walk and become the
** result's outcome. Values are owned by whoever holds them: a call owns
** its evaluated arguments and frees them before returning.
**
** Comparisons (= <> < <= > >=): a null operand counts as "" (so [c]=""
** is true for an absent attribute — the spec's "evaluate normally"; the
** service's documented IIF failure on null/empty is not modelled); two
** integers compare numerically ([StatusRehire]=1, DateDiff(...) > 5), two
** date-times by time, anything else as ordinal (case-sensitive) UTF-8
** strings. A multi-valued operand is an error.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "exprInt.h"
#include "mem.h"

/* ------------------------------------------------------------ the walk */

int expr_node_error(ExprCtx *p, const ExprNode *pCall, const char *zFmt, ...){
  char zMsg[sizeof(p->pErr->zMsg)];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  return tserr_set(p->pErr, TS_ERR, "column %d: %s: %s", pCall->iCol,
                   pCall->eKind==EXPRN_CALL ? pCall->pFunc->zName : "comparison", zMsg);
}

/* An attribute's values from the environment, copied into pOut. */
static int expr_eval_attr(ExprCtx *p, const ExprNode *pNode, ExprValue *pOut){
  const char *const *az = NULL;
  ExprList list;
  int n = 0, k, rc = TS_OK;
  if( p->pEnv->xAttr==NULL ) return TS_OK;
  if( p->pEnv->xAttr(p->pEnv->pCtx, pNode->z, &az, &n) ){
    return tserr_set(p->pErr, TS_ERR, "column %d: attribute [%s] could not be read", pNode->iCol, pNode->z);
  }
  memset(&list, 0, sizeof(list));
  for(k=0; k<n && rc==TS_OK; k++){
    if( az[k] ) rc = expr_value_list_add(&list, az[k], strlen(az[k]));
  }
  if( rc ) expr_value_list_free(&list);
  else expr_value_set_list(pOut, &list);
  return rc;
}

static int expr_eval_compare(ExprCtx *p, const ExprNode *pNode, ExprValue *pOut){
  ExprValue a, b;
  char zBufA[EXPRVAL_BUFSZ], zBufB[EXPRVAL_BUFSZ];
  const char *zA, *zB;
  int64_t iA, iB;
  int c = 0, bRes = 0, rc;
  expr_value_init(&b);
  rc = expr_node_eval(p, pNode->apArg[0], &a);
  if( rc==TS_OK ) rc = expr_node_eval(p, pNode->apArg[1], &b);
  if( rc ) goto clear_operands;
  if( a.eType==EXPRV_MULTI || b.eType==EXPRV_MULTI ){
    rc = expr_node_error(p, pNode, "cannot compare a multi-valued operand (%d values)",
                         a.eType==EXPRV_MULTI ? a.n : b.n);
    goto clear_operands;
  }
  zA = expr_value_text(&a, zBufA);
  zB = expr_value_text(&b, zBufB);
  if( zA==NULL ) zA = "";
  if( zB==NULL ) zB = "";
  if( a.eType==EXPRV_DATE && b.eType==EXPRV_DATE ){
    c = a.i<b.i ? -1 : a.i>b.i;
  }else if( expr_value_parse_int(zA, &iA)==0 && expr_value_parse_int(zB, &iB)==0 ){
    c = iA<iB ? -1 : iA>iB;
  }else{
    c = strcmp(zA, zB);
  }
  switch( (ExprCmp)pNode->iVal ){
    case EXPRCMP_EQ: bRes = c==0; break;
    case EXPRCMP_NE: bRes = c!=0; break;
    case EXPRCMP_LT: bRes = c<0; break;
    case EXPRCMP_LE: bRes = c<=0; break;
    case EXPRCMP_GT: bRes = c>0; break;
    case EXPRCMP_GE: bRes = c>=0; break;
  }
  expr_value_set_bool(pOut, bRes);
clear_operands:
  expr_value_clear(&a);
  expr_value_clear(&b);
  return rc;
}

/* Run a function whose first argument is a list once per value, gathering
** the results into one list. */
static int expr_eval_mapped(ExprCtx *p, const ExprNode *pCall, ExprValue *aArg, ExprValue *pOut){
  ExprValue src, one;
  ExprList list;
  char zBuf[EXPRVAL_BUFSZ];
  int k, j, rc = TS_OK;
  expr_value_init(&src);
  expr_value_init(&one);
  expr_value_move(&src, &aArg[0]);
  memset(&list, 0, sizeof(list));
  for(k=0; k<src.n && rc==TS_OK; k++){
    rc = expr_value_set_string(&aArg[0], src.az[k], strlen(src.az[k]));
    if( rc==TS_OK ) rc = pCall->pFunc->xImpl(p, pCall, aArg, &one);
    for(j=0; rc==TS_OK && j<expr_value_count(&one); j++){
      const char *z = expr_value_item(&one, j, zBuf);
      rc = expr_value_list_add(&list, z, strlen(z));
    }
    expr_value_clear(&one);
    expr_value_clear(&aArg[0]);
  }
  if( rc ) expr_value_list_free(&list);
  else expr_value_set_list(pOut, &list);
  expr_value_clear(&src);
  return rc;
}

static int expr_eval_call(ExprCtx *p, const ExprNode *pCall, ExprValue *pOut){
  const ExprFuncDef *pDef = pCall->pFunc;
  ExprValue aStatic[8], *aArg = aStatic;
  int k, nInit = 0, rc = TS_OK;
  if( pDef->mFlags & EXPRF_LAZY ) return pDef->xImpl(p, pCall, NULL, pOut);
  if( pCall->nArg>(int)(sizeof(aStatic)/sizeof(aStatic[0])) ){
    aArg = mem_malloc(sizeof(ExprValue)*(size_t)pCall->nArg);
    if( aArg==NULL ) return tserr_set(p->pErr, TS_NOMEM, "out of memory evaluating an expression");
  }
  for(k=0; k<pCall->nArg && rc==TS_OK; k++){
    rc = expr_node_eval(p, pCall->apArg[k], &aArg[k]);
    nInit++;
  }
  if( rc==TS_OK ){
    if( (pDef->mFlags & EXPRF_MAP_SOURCE) && pCall->nArg>0 && aArg[0].eType==EXPRV_MULTI ){
      rc = expr_eval_mapped(p, pCall, aArg, pOut);
    }else{
      rc = pDef->xImpl(p, pCall, aArg, pOut);
    }
  }
  for(k=0; k<nInit; k++) expr_value_clear(&aArg[k]);
  if( aArg!=aStatic ) mem_free(aArg);
  return rc;
}

int expr_node_eval(ExprCtx *p, const ExprNode *pNode, ExprValue *pOut){
  int rc = TS_OK;
  expr_value_init(pOut);
  switch( pNode->eKind ){
    case EXPRN_STRING:
    case EXPRN_NUMBER:
      rc = expr_value_set_string(pOut, pNode->z, strlen(pNode->z));
      break;
    case EXPRN_HEX:
      expr_value_set_number(pOut, pNode->iVal);
      break;
    case EXPRN_OMITTED:
      pOut->eType = EXPRV_ABSENT;
      break;
    case EXPRN_IDENT:
      if( pNode->iVal==EXPRID_IGNORE_ATTRIBUTE ) rc = EXPR_SIG_IGNORE_FLOW;
      else if( pNode->iVal==EXPRID_IGNORE_OBJECT ) rc = EXPR_SIG_IGNORE_OBJECT;
      else rc = expr_value_set_string(pOut, pNode->z, strlen(pNode->z));
      break;
    case EXPRN_ATTR:
      rc = expr_eval_attr(p, pNode, pOut);
      break;
    case EXPRN_COMPARE:
      rc = expr_eval_compare(p, pNode, pOut);
      break;
    case EXPRN_CALL:
      rc = expr_eval_call(p, pNode, pOut);
      break;
  }
  if( rc==TS_NOMEM && p->pErr->rc!=TS_NOMEM ){
    tserr_set(p->pErr, TS_NOMEM, "out of memory evaluating an expression");
  }
  if( rc ) expr_value_clear(pOut);
  return rc;
}
