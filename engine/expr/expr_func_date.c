/*
** expr_func_date.c — the date functions of the table (expr_func.c):
** CDate, Now, DateAdd, DateDiff, DateFromNum, NumFromDate and
** FormatDateTime, with FormatDateTime's compile-time rule.
**
** Each expr_func_date_<name> is an ExprFuncImpl (exprInt.h), with the
** return codes of expr_func_text.c. The calendar and the .NET formats are
** expr_date.c's; Now reads the environment's simulated clock.
*/
#include <string.h>
#include "tslimits.h"
#include "exprInt.h"

/* ------------------------------------------------------- date functions */

int expr_func_date_cdate(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int bNull, rc = expr_func_arg_date(p, pCall, aArg, 0, &t, &bNull);
  if( rc==TS_OK && !bNull ) expr_value_set_date(pOut, t);
  return rc;
}

static int fn_now_ticks(ExprCtx *p, const ExprNode *pCall, int64_t *pi){
  int64_t t = p->pEnv->tNowEpoch;
  *pi = 0;
  if( t < -EXPRDATE_UNIX_EPOCH_TICKS/EXPRDATE_TICKS_PER_SECOND
   || t > (EXPRDATE_MAX_TICKS-EXPRDATE_UNIX_EPOCH_TICKS)/EXPRDATE_TICKS_PER_SECOND ){
    return expr_node_error(p, pCall, "the simulated clock is outside years 1 to 9999");
  }
  *pi = EXPRDATE_UNIX_EPOCH_TICKS + t*EXPRDATE_TICKS_PER_SECOND;
  return TS_OK;
}

int expr_func_date_now(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int rc = fn_now_ticks(p, pCall, &t);
  (void)aArg;
  if( rc==TS_OK ) expr_value_set_date(pOut, t);
  return rc;
}

int expr_func_date_dateadd(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *zInterval;
  int64_t n, t, tOut;
  int bNull, rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &zInterval))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 1, &n))!=0 ) return rc;
  if( (rc = expr_func_arg_date(p, pCall, aArg, 2, &t, &bNull))!=0 || bNull ) return rc;
  rc = expr_date_add(zInterval ? zInterval : "", n, t, &tOut);
  if( rc==-1 ){
    return expr_node_error(p, pCall, "unknown interval \"%s\" (expected yyyy, m, d, ww, h, n or s)",
                           zInterval ? zInterval : "");
  }
  if( rc==-2 ) return expr_node_error(p, pCall, "the result is outside years 1 to 9999");
  expr_value_set_date(pOut, tOut);
  return TS_OK;
}

int expr_func_date_datediff(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *zInterval;
  int64_t t1, t2, n;
  int bNull1, bNull2, rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &zInterval))!=0 ) return rc;
  if( (rc = expr_func_arg_date(p, pCall, aArg, 1, &t1, &bNull1))!=0 ) return rc;
  if( (rc = expr_func_arg_date(p, pCall, aArg, 2, &t2, &bNull2))!=0 ) return rc;
  if( expr_date_diff(zInterval ? zInterval : "", t1, t2, &n) ){
    return expr_node_error(p, pCall, "unknown interval \"%s\" (expected yyyy, m, d, ww, h, n or s)",
                           zInterval ? zInterval : "");
  }
  if( !bNull1 && !bNull2 ) expr_value_set_number(pOut, n);
  return TS_OK;
}

/* DateFromNum: an AD/FILETIME integer (100-ns ticks since 1601-01-01 UTC). */
int expr_func_date_datefromnum(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t n;
  int rc;
  if( expr_value_count(&aArg[0])==0 ) return TS_OK;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 0, &n))!=0 ) return rc;
  if( n<0 || n>EXPRDATE_MAX_TICKS-EXPRDATE_FILETIME_TICKS ){
    return expr_node_error(p, pCall, "%lld is not a date (ticks since 1601 up to year 9999)", (long long)n);
  }
  expr_value_set_date(pOut, n + EXPRDATE_FILETIME_TICKS);
  return TS_OK;
}

/* NumFromDate: the inverse; dates before 1601 are an error. */
int expr_func_date_numfromdate(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int bNull, rc = expr_func_arg_date(p, pCall, aArg, 0, &t, &bNull);
  if( rc || bNull ) return rc;
  if( t<EXPRDATE_FILETIME_TICKS ) return expr_node_error(p, pCall, "dates before 1601 have no AD number");
  expr_value_set_number(pOut, t - EXPRDATE_FILETIME_TICKS);
  return TS_OK;
}

/*
** FormatDateTime(source, [dateTimeStyles,] inputFormat, outputFormat): the
** 4-argument form of REF and the 3-argument form of Graph/cloud sync. The
** source is taken as text — a DateTime argument (Now(), DateAdd) is first
** rendered M/d/yyyy h:mm:ss tt — parsed exactly with inputFormat, turned
** into UTC, and written with outputFormat. Empty or omitted styles mean
** the documented default (RoundtripKind, AllowLeadingWhite,
** AllowTrailingWhite).
*/
int expr_func_date_formatdatetime(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ], zB2[EXPRVAL_BUFSZ], zB3[EXPRVAL_BUFSZ];
  char zWhy[TS_REASON_MAX];
  const char *zSource, *zStyles = NULL, *zIn, *zOutFmt;
  int iIn = pCall->nArg==4 ? 2 : 1;
  unsigned mStyles = EXPRDATE_DEFAULT_STYLES;
  int64_t tNow, t;
  StrBuf b;
  int rc;
  strbuf_init(&b);
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &zSource))!=0 || zSource==NULL ) goto free_buf;
  if( pCall->nArg==4 && (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zStyles))!=0 ) goto free_buf;
  if( (rc = expr_func_arg_text(p, pCall, aArg, iIn, zB2, &zIn))!=0 ) goto free_buf;
  if( (rc = expr_func_arg_text(p, pCall, aArg, iIn+1, zB3, &zOutFmt))!=0 ) goto free_buf;
  if( zIn==NULL || zOutFmt==NULL ){
    rc = expr_node_error(p, pCall, "a date/time format is null");
  }else if( zStyles && zStyles[0] && expr_date_styles(zStyles, &mStyles) ){
    rc = expr_node_error(p, pCall, "\"%s\" is not a valid combination of DateTimeStyles", zStyles);
  }else if( (rc = fn_now_ticks(p, pCall, &tNow))!=0 ){
    /* error set */
  }else if( expr_date_parse_exact(zSource, zIn, mStyles, tNow, &t, zWhy, sizeof(zWhy)) ){
    rc = expr_node_error(p, pCall, "\"%s\" does not match the input format \"%s\": %s", zSource, zIn, zWhy);
  }else if( expr_date_format(&b, t, zOutFmt) ){
    rc = expr_node_error(p, pCall, "\"%s\" is not a valid date/time format", zOutFmt);
  }else{
    rc = expr_value_take_strbuf(pOut, &b);
  }
free_buf:
  strbuf_free(&b);
  return rc;
}

int expr_func_date_check_formatdatetime(ExprNode *pCall, TsErr *pErr){
  const ExprNode *pArg = pCall->apArg[1];
  if( pCall->nArg!=3 || pArg->eKind!=EXPRN_OMITTED ) return TS_OK;
  return tserr_set(pErr, TS_ERR,
                   "column %d: expected a value for argument 2 (inputFormat) of FormatDateTime, found '%c'",
                   pArg->iCol, (char)pArg->iVal);
}