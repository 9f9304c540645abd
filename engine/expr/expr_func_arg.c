/*
** expr_func_arg.c — how the functions of expr_func*.c read their
** arguments: as text, an integer, a date or a truth value, with the
** messages that name the function's parameter; and the parameter names
** themselves, from a definition's zParams.
**
** It may use the value model (expr_value.c), the text and date helpers
** and expr_node_error; it calls no function of the table.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "exprInt.h"

const char *expr_func_arg_param(const ExprNode *pCall, int k, char *zBuf){
  return expr_func_arg_param_name(pCall->pFunc, k, zBuf, EXPR_FUNC_ARG_PARAM_SZ);
}

/* A short description of a value for messages. */
const char *expr_func_arg_describe(const ExprValue *v, char *zBuf, size_t nBuf){
  char zText[EXPRVAL_BUFSZ];
  switch( v->eType ){
    case EXPRV_ABSENT: return "nothing";
    case EXPRV_NULL:   return "null";
    case EXPRV_MULTI:  snprintf(zBuf, nBuf, "%d values", v->n); return zBuf;
    case EXPRV_STRING: {
      size_t n = expr_text_offset(v->z, 40);
      snprintf(zBuf, nBuf, "\"%.*s%s\"", (int)n, v->z, v->z[n] ? "..." : "");
      return zBuf;
    }
    default:
      snprintf(zBuf, nBuf, "%s", expr_value_text(v, zText));
      return zBuf;
  }
}

/* Text of argument k (NULL when null or absent); one value only. */
int expr_func_arg_text(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                   char *zBuf, const char **pz){
  char zParam[EXPR_FUNC_ARG_PARAM_SZ];
  *pz = NULL;
  if( aArg[k].eType==EXPRV_MULTI ){
    return expr_node_error(p, pCall, "argument %d (%s) has %d values; expected a single value",
                           k+1, expr_func_arg_param(pCall, k, zParam), aArg[k].n);
  }
  *pz = expr_value_text(&aArg[k], zBuf);
  return TS_OK;
}

/* Argument k as an integer (a number, or a string of one); required. */
int expr_func_arg_int(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k, int64_t *pi){
  char zParam[EXPR_FUNC_ARG_PARAM_SZ], zDesc[64];
  const ExprValue *v = &aArg[k];
  *pi = 0;
  if( v->eType==EXPRV_NUMBER ){ *pi = v->i; return TS_OK; }
  if( v->eType==EXPRV_STRING && expr_value_parse_int(v->z, pi)==0 ) return TS_OK;
  return expr_node_error(p, pCall, "argument %d (%s) must be an integer, found %s",
                         k+1, expr_func_arg_param(pCall, k, zParam), expr_func_arg_describe(v, zDesc, sizeof(zDesc)));
}

/* Argument k as a date-time: a DateTime value, or a string CDate accepts.
** *pbNull = 1 for null/absent. */
int expr_func_arg_date(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                   int64_t *pi, int *pbNull){
  char zParam[EXPR_FUNC_ARG_PARAM_SZ], zDesc[64];
  const ExprValue *v = &aArg[k];
  *pi = 0;
  *pbNull = 0;
  if( v->eType==EXPRV_NULL || v->eType==EXPRV_ABSENT ){ *pbNull = 1; return TS_OK; }
  if( v->eType==EXPRV_DATE ){ *pi = v->i; return TS_OK; }
  if( v->eType==EXPRV_STRING && expr_date_parse(v->z, pi)==0 ) return TS_OK;
  return expr_node_error(p, pCall, "argument %d (%s) is not a date/time: %s",
                         k+1, expr_func_arg_param(pCall, k, zParam), expr_func_arg_describe(v, zDesc, sizeof(zDesc)));
}

/* Truth of a condition: Booleans, "True"/"False" in any case, integers
** (non-zero is true); null is false. */
int expr_func_arg_truth(ExprCtx *p, const ExprNode *pCall, const ExprValue *v, int *pb){
  char zDesc[64];
  int64_t i;
  switch( v->eType ){
    case EXPRV_NULL: case EXPRV_ABSENT: *pb = 0; return TS_OK;
    case EXPRV_BOOL: case EXPRV_NUMBER: *pb = v->i!=0; return TS_OK;
    case EXPRV_STRING:
      if( strcasecmp(v->z, "True")==0 ){ *pb = 1; return TS_OK; }
      if( strcasecmp(v->z, "False")==0 ){ *pb = 0; return TS_OK; }
      if( expr_value_parse_int(v->z, &i)==0 ){ *pb = i!=0; return TS_OK; }
      break;
    default: break;
  }
  return expr_node_error(p, pCall, "expected a Boolean or a number, found %s",
                         expr_func_arg_describe(v, zDesc, sizeof(zDesc)));
}

/* The i-th name of zParams ("a, b, ..."); "argument" past a "...". */
const char *expr_func_arg_param_name(const ExprFuncDef *pDef, int i, char *zBuf, size_t nBuf){
  const char *z = pDef->zParams;
  int k = 0;
  while( *z ){
    size_t n = strcspn(z, ",");
    if( k==i ){
      if( n==3 && strncmp(z, "...", 3)==0 ) break;
      snprintf(zBuf, nBuf, "%.*s", (int)n, z);
      return zBuf;
    }
    z += n;
    while( *z==',' || *z==' ' ) z++;
    k++;
  }
  snprintf(zBuf, nBuf, "argument");
  return zBuf;
}
