/*
** expr.c — the public face of the expression module: compile a text into
** a tree (the parser is expr_parse.c), ask what it uses, evaluate it (the
** walk is expr_node.c) and render the result.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "exprInt.h"
#include "mem.h"

/* ------------------------------------------------------------ compiling */

int expr_compile(const char *zText, Expr **ppExpr, TsErr *pErr){
  Expr *p;
  int rc;
  *ppExpr = NULL;
  if( zText==NULL ) zText = "";
  p = mem_calloc(1, sizeof(*p));
  if( p==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory compiling an expression");
  rc = expr_parse_run(zText, p, pErr);
  if( rc ){
    expr_free(p);
    return rc;
  }
  *ppExpr = p;
  return TS_OK;
}

void expr_free(Expr *p){
  int k;
  if( p==NULL ) return;
  expr_parse_node_free(p->pRoot);
  for(k=0; k<p->nAttr; k++) mem_free(p->azAttr[k]);
  mem_free(p->azAttr);
  mem_free(p);
}

int expr_attr_count(const Expr *p){ return p ? p->nAttr : 0; }

const char *expr_attr_name(const Expr *p, int i){
  return (p && i>=0 && i<p->nAttr) ? p->azAttr[i] : NULL;
}

static int expr_node_uses(const ExprNode *p, const char *zName){
  int k;
  if( p->eKind==EXPRN_CALL && strcmp(p->pFunc->zName, zName)==0 ) return 1;
  for(k=0; k<p->nArg; k++){
    if( expr_node_uses(p->apArg[k], zName) ) return 1;
  }
  return 0;
}

int expr_uses_function(const Expr *p, const char *zName){
  return p && p->pRoot && zName ? expr_node_uses(p->pRoot, zName) : 0;
}

/* ------------------------------------------------------------ evaluating */

void expr_result_free(ExprResult *p){
  int k;
  if( p==NULL ) return;
  for(k=0; k<p->nValue; k++) mem_free(p->azValue[k]);
  mem_free(p->azValue);
  memset(p, 0, sizeof(*p));
  p->eOutcome = EXPR_NULL;
}

/* Render a value into the result's strings. */
static int expr_render(const ExprValue *v, ExprResult *pOut){
  char zBuf[EXPRVAL_BUFSZ];
  int n = expr_value_count(v), k;
  if( n==0 ) return TS_OK;
  pOut->azValue = mem_calloc((size_t)n, sizeof(char*));
  if( pOut->azValue==NULL ) return TS_NOMEM;
  for(k=0; k<n; k++){
    pOut->azValue[k] = mem_strdup(expr_value_item(v, k, zBuf));
    if( pOut->azValue[k]==NULL ) return TS_NOMEM;
    pOut->nValue = k+1;
  }
  pOut->eOutcome = EXPR_VALUE;
  return TS_OK;
}

int expr_eval(const Expr *p, const ExprEnv *pEnv, ExprResult *pOut, TsErr *pErr){
  ExprCtx ctx;
  ExprValue v;
  TsErr errLocal;
  int rc;
  memset(pOut, 0, sizeof(*pOut));
  pOut->eOutcome = EXPR_NULL;
  tserr_clear(&errLocal);
  ctx.pEnv = pEnv;
  ctx.pErr = pErr ? pErr : &errLocal;
  ctx.bRedact = 0;
  rc = expr_node_eval(&ctx, p->pRoot, &v);
  switch( rc ){
    case EXPR_SIG_IGNORE_FLOW:   pOut->eOutcome = EXPR_IGNORE_FLOW; rc = TS_OK; break;
    case EXPR_SIG_IGNORE_OBJECT: pOut->eOutcome = EXPR_IGNORE_OBJECT; rc = TS_OK; break;
    case EXPR_SIG_ESCROW:        pOut->eOutcome = EXPR_ESCROW; rc = TS_OK; break;
    case TS_OK:
      rc = expr_render(&v, pOut);
      if( rc ) tserr_set(ctx.pErr, TS_NOMEM, "out of memory evaluating an expression");
      break;
    default: break;
  }
  pOut->bRedact = ctx.bRedact;
  expr_value_clear(&v);
  if( rc ) expr_result_free(pOut);
  return rc;
}
