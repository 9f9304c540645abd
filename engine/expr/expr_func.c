/*
** expr_func.c — the function table of the 43 functions of the reference
** list (spec §2), and the list, Boolean, random and flow functions with
** Switch's compile-time rule. The string functions are in
** expr_func_text.c, the date functions in expr_func_date.c, the argument
** readers every family uses in expr_func_arg.c.
**
** Each row of aFunc gives a function's exact name, its parameters (for
** messages), its argument-count range, which arguments may be omitted,
** whether it evaluates its own arguments (IIF, Switch, Coalesce,
** IgnoreFlowIfNullOrEmpty, SelectUniqueValue: only the chosen branch runs,
** so IgnoreAttributeFlow in an untaken branch has no effect) and whether a
** multi-valued first argument is mapped value by value (EXPRF_MAP_SOURCE:
** Append, Left, Mid, Word, Replace, ToLower, ToUpper, PCase, StripSpaces,
** NormalizeDiacritics, CStr, ConvertToBase64, ConvertToUTF8Hex — the spec
** documents per-value application only for Trim in the cloud-sync copy;
** applying the string transformations the same way is our choice). Other
** functions reject a multi-valued argument where one value is expected.
**
** Null handling, where the spec says nothing: a function of a null source
** returns null (the attribute is not written), except where the spec or
** VB gives a rule — Left, Mid and Word give "", Append treats null as "",
** Switch matches null as "", Join and Coalesce skip nulls, Count gives 0,
** InStr gives 0 (VB.NET), Not gives True, CBool and an IIF condition give
** False, BitAnd gives null. A null where a count, index, interval,
** pattern or format is required is an error (InStr's start excepted: an
** omitted or null start is 1).
**
** Runtime errors name the function and the column of its name:
**     column 12: Item: index 3 is out of range (the value has 2 entries; the first is 1)
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "exprInt.h"
#include "mem.h"
#include "rng.h"

/* ------------------------------------------------------ multi-valued ones */

static int fn_count(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)p; (void)pCall;
  expr_value_set_number(pOut, expr_value_count(&aArg[0]));
  return TS_OK;
}

/* Item(attribute, index): 1-based; out of range is an error (index 0
** included); a null attribute gives null. */
static int fn_item(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int64_t i;
  int n = expr_value_count(&aArg[0]);
  int rc = expr_func_arg_int(p, pCall, aArg, 1, &i);
  if( rc ) return rc;
  if( n==0 ) return TS_OK;
  if( i<1 || i>n ){
    return expr_node_error(p, pCall, "index %lld is out of range (the value has %d entr%s; the first is 1)",
                           (long long)i, n, n==1 ? "y" : "ies");
  }
  z = expr_value_item(&aArg[0], (int)(i-1), zB);
  return expr_value_set_string(pOut, z, strlen(z));
}

/* Join(separator, source1, ...): every value of every source, skipping
** null and empty ones, separated by separator. */
static int fn_join(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB[EXPRVAL_BUFSZ];
  const char *zSep;
  StrBuf b;
  int rc, k, j, nOut = 0;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &zSep))!=0 ) return rc;
  strbuf_init(&b);
  strbuf_append(&b, "");
  for(k=1; k<pCall->nArg; k++){
    for(j=0; j<expr_value_count(&aArg[k]); j++){
      const char *z = expr_value_item(&aArg[k], j, zB);
      if( z==NULL || z[0]==0 ) continue;
      if( nOut++>0 ) strbuf_append(&b, zSep);
      strbuf_append(&b, z);
    }
  }
  return expr_value_take_strbuf(pOut, &b);
}

/* RemoveDuplicates: first occurrences kept, ordinal comparison. */
static int fn_removedup(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  ExprList list;
  int k, j, rc = TS_OK;
  (void)p; (void)pCall;
  if( aArg[0].eType!=EXPRV_MULTI ) return expr_value_copy(pOut, &aArg[0]);
  memset(&list, 0, sizeof(list));
  for(k=0; k<aArg[0].n; k++){
    for(j=0; j<list.n && strcmp(list.az[j], aArg[0].az[k])!=0; j++){}
    if( j<list.n ) continue;
    rc = expr_value_list_add(&list, aArg[0].az[k], strlen(aArg[0].az[k]));
    if( rc ) break;
  }
  if( rc ) expr_value_list_free(&list);
  else expr_value_set_list(pOut, &list);
  return rc;
}

/* Split(source, delimiter): on every occurrence of the whole delimiter,
** nothing trimmed (the spec's example output drops a space it cannot
** drop; the rule wins); an empty delimiter leaves the string whole. */
static int fn_split(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *z, *zDelim, *zHit;
  ExprList list;
  size_t nDelim;
  int rc;
  memset(&list, 0, sizeof(list));
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) goto free_args;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zDelim))!=0 ) goto free_args;
  if( zDelim==NULL ) zDelim = "";
  nDelim = strlen(zDelim);
  while( nDelim>0 && (zHit = strstr(z, zDelim))!=NULL ){
    if( (rc = expr_value_list_add(&list, z, (size_t)(zHit - z)))!=0 ) goto free_args;
    z = zHit + nDelim;
  }
  if( (rc = expr_value_list_add(&list, z, strlen(z)))!=0 ) goto free_args;
  expr_value_set_list(pOut, &list);
free_args:
  expr_value_list_free(&list);
  return rc;
}

/*
** The app-role functions. tenantsim does not model app-role assignments,
** so the argument's values stand for them: each value is one assigned
** role's name (display name = value). SingleAppRoleAssignment returns one
** role — the first, where the service's choice is unpredictable;
** AppRoleAssignmentsComplex returns every role as the SCIM object the
** service POSTs: {"primary":false,"type":"WindowsAzureActiveDirectoryRole",
** "displayName":<role>,"value":<role>}.
*/
static int fn_approle_single(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z = expr_value_item(&aArg[0], 0, zB);
  (void)p; (void)pCall;
  return z ? expr_value_set_string(pOut, z, strlen(z)) : TS_OK;
}

static int fn_approle_complex(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  ExprList list;
  StrBuf b;
  int k, rc = TS_OK;
  (void)p; (void)pCall;
  memset(&list, 0, sizeof(list));
  strbuf_init(&b);
  for(k=0; k<expr_value_count(&aArg[0]) && rc==TS_OK; k++){
    const char *z = expr_value_item(&aArg[0], k, zB);
    strbuf_reset(&b);
    strbuf_append(&b, "{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"displayName\":");
    strbuf_json_string(&b, z);
    strbuf_append(&b, ",\"value\":");
    strbuf_json_string(&b, z);
    strbuf_append(&b, "}");
    rc = b.bErr ? TS_NOMEM : expr_value_list_add(&list, b.z, b.n);
  }
  strbuf_free(&b);
  if( rc ) expr_value_list_free(&list);
  else expr_value_set_list(pOut, &list);
  return rc;
}

/* ------------------------------------------------------ Boolean functions */

static int fn_cbool(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int b = 0, rc = expr_func_arg_truth(p, pCall, &aArg[0], &b);
  if( rc==TS_OK ) expr_value_set_bool(pOut, b);
  return rc;
}

static int fn_isnull(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)p; (void)pCall;
  expr_value_set_bool(pOut, expr_value_count(&aArg[0])==0);
  return TS_OK;
}

static int fn_is_null_or_empty(const ExprValue *v){
  return expr_value_count(v)==0 || (v->eType==EXPRV_STRING && v->z[0]==0);
}

static int fn_isnullorempty(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)p; (void)pCall;
  expr_value_set_bool(pOut, fn_is_null_or_empty(&aArg[0]));
  return TS_OK;
}

static int fn_ispresent(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)p; (void)pCall;
  expr_value_set_bool(pOut, !fn_is_null_or_empty(&aArg[0]));
  return TS_OK;
}

/* IsString: would CStr give one string? Null and multi-valued: no. */
static int fn_isstring(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)p; (void)pCall;
  expr_value_set_bool(pOut, expr_value_count(&aArg[0])==1);
  return TS_OK;
}

/* Not: "True" (any case) or a true Boolean gives False; anything else —
** "False", null, "x" — gives True, as the spec states. */
static int fn_not(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int rc;
  if( aArg[0].eType==EXPRV_BOOL ){ expr_value_set_bool(pOut, !aArg[0].i); return TS_OK; }
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  expr_value_set_bool(pOut, !(z && strcasecmp(z, "True")==0));
  return TS_OK;
}

/* BitAnd(value1, value2): bitwise AND of two integers; null if either is. */
static int fn_bitand(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t a, b;
  int rc;
  if( expr_value_count(&aArg[0])==0 || expr_value_count(&aArg[1])==0 ) return TS_OK;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 0, &a))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 1, &b))!=0 ) return rc;
  expr_value_set_number(pOut, a & b);
  return TS_OK;
}

/* ------------------------------------------------ non-deterministic ones */

static int fn_need_rng(ExprCtx *p, const ExprNode *pCall){
  if( p->pEnv->pRng ) return TS_OK;
  return expr_node_error(p, pCall, "no random stream in the evaluation environment");
}

static int fn_guid(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zGuid[TS_GUID_SIZE];
  int rc = fn_need_rng(p, pCall);
  (void)aArg;
  if( rc ) return rc;
  rng_guid(p->pEnv->pRng, zGuid);
  return expr_value_set_string(pOut, zGuid, 36);
}

/* The characters RandomString draws from, by class (spec: Windows password
** complexity; the special characters as quoted there). */
static const char *const azRandomClass[4] = {
  "0123456789",
  "~!@#$%^&*_-+=`|\\(){}[]:;\"'<>,.?/",
  "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  "abcdefghijklmnopqrstuvwxyz",
};

/*
** RandomString(Length, MinimumNumbers, MinimumSpecialCharacters,
** MinimumCapital, MinimumLowerCase, CharactersToAvoid): Length in 1..256;
** the four minimums must not add up to more than Length (the spec's
** sentence omits MinimumLowerCase; the real bound includes it). The
** minimums are drawn from their classes, the rest from all four, and the
** whole shuffled, all from ExprEnv.pRng; CharactersToAvoid never appear.
*/
static int fn_randomstring(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ], azPool[5][100], zOut[257];
  const char *zAvoid = NULL;
  int64_t nLen, aMin[4], nSum = 0;
  int nPool[5], k, i, rc;
  if( (rc = fn_need_rng(p, pCall))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 0, &nLen))!=0 ) return rc;
  for(k=0; k<4; k++){
    if( (rc = expr_func_arg_int(p, pCall, aArg, k+1, &aMin[k]))!=0 ) return rc;
    if( aMin[k]<0 || aMin[k]>256 ){
      char zParam[EXPR_FUNC_ARG_PARAM_SZ];
      return expr_node_error(p, pCall, "%s must be between 0 and 256, found %lld",
                             expr_func_arg_param(pCall, k+1, zParam), (long long)aMin[k]);
    }
    nSum += aMin[k];
  }
  if( pCall->nArg>5 && (rc = expr_func_arg_text(p, pCall, aArg, 5, zB, &zAvoid))!=0 ) return rc;
  if( zAvoid==NULL ) zAvoid = "";
  if( nLen<1 || nLen>256 ) return expr_node_error(p, pCall, "Length must be between 1 and 256, found %lld", (long long)nLen);
  if( nSum>nLen ){
    return expr_node_error(p, pCall, "the minimums add up to %lld, more than Length %lld",
                           (long long)nSum, (long long)nLen);
  }
  nPool[4] = 0;
  for(k=0; k<4; k++){
    const char *c;
    nPool[k] = 0;
    for(c=azRandomClass[k]; *c; c++){
      if( strchr(zAvoid, *c) ) continue;
      azPool[k][nPool[k]++] = *c;
      azPool[4][nPool[4]++] = *c;
    }
    if( aMin[k]>0 && nPool[k]==0 ){
      char zParam[EXPR_FUNC_ARG_PARAM_SZ];
      return expr_node_error(p, pCall, "CharactersToAvoid excludes every character %s asks for",
                             expr_func_arg_param(pCall, k+1, zParam));
    }
  }
  if( nPool[4]==0 ) return expr_node_error(p, pCall, "CharactersToAvoid excludes every character");
  for(i=0, k=0; k<4; k++){
    int64_t j;
    for(j=0; j<aMin[k]; j++) zOut[i++] = azPool[k][rng_below(p->pEnv->pRng, (uint64_t)nPool[k])];
  }
  while( i<nLen ) zOut[i++] = azPool[4][rng_below(p->pEnv->pRng, (uint64_t)nPool[4])];
  for(i=(int)nLen-1; i>0; i--){
    int j = (int)rng_below(p->pEnv->pRng, (uint64_t)(i+1));
    char c = zOut[i];
    zOut[i] = zOut[j];
    zOut[j] = c;
  }
  return expr_value_set_string(pOut, zOut, (size_t)nLen);
}

/* Redact: the value flows unchanged; the result is flagged so the
** provisioning log shows "[Redact]" instead. */
static int fn_redact(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  (void)pCall;
  p->bRedact = 1;
  return expr_value_copy(pOut, &aArg[0]);
}

/* ---------------------------------------------------- lazy (flow) functions */

static int fn_coalesce(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int k, rc;
  (void)aArg;
  for(k=0; k<pCall->nArg; k++){
    if( pCall->apArg[k]->eKind==EXPRN_OMITTED ) continue;
    if( (rc = expr_node_eval(p, pCall->apArg[k], pOut))!=0 ) return rc;
    if( expr_value_count(pOut)>0 ) return TS_OK;
    expr_value_clear(pOut);
  }
  return TS_OK;
}

static int fn_ignoreflow(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int rc = expr_node_eval(p, pCall->apArg[0], pOut);
  (void)aArg;
  if( rc ) return rc;
  if( fn_is_null_or_empty(pOut) ){
    expr_value_clear(pOut);
    return EXPR_SIG_IGNORE_FLOW;
  }
  return TS_OK;
}

/* IIF: the condition is evaluated normally (a null attribute compares as
** ""; a null condition is false), then only the chosen branch. */
static int fn_iif(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  ExprValue cond;
  int b = 0, rc;
  (void)aArg;
  rc = expr_node_eval(p, pCall->apArg[0], &cond);
  if( rc==TS_OK ) rc = expr_func_arg_truth(p, pCall, &cond, &b);
  expr_value_clear(&cond);
  if( rc ) return rc;
  return expr_node_eval(p, pCall->apArg[b ? 1 : 2], pOut);
}

/* Text of a Switch operand: null counts as "", a list is an error. */
static int fn_switch_text(ExprCtx *p, const ExprNode *pCall, const ExprValue *v, char *zBuf,
                          const char **pz){
  if( v->eType==EXPRV_MULTI ){
    return expr_node_error(p, pCall, "a multi-valued operand (%d values) cannot be matched", v->n);
  }
  *pz = expr_value_text(v, zBuf);
  if( *pz==NULL ) *pz = "";
  return TS_OK;
}

/* Switch(source, defaultValue, key1, value1, ...): the value of the first
** key equal to source (ordinal, case-sensitive; keys evaluated in order,
** only the chosen value evaluated); else defaultValue, or null when it
** is omitted. */
static int fn_switch(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  ExprValue src, key;
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *zSrc = "", *zKey = "";
  int k, rc;
  (void)aArg;
  expr_value_init(&key);
  rc = expr_node_eval(p, pCall->apArg[0], &src);
  if( rc==TS_OK ) rc = fn_switch_text(p, pCall, &src, zB0, &zSrc);
  for(k=2; rc==TS_OK && k+1<pCall->nArg; k+=2){
    rc = expr_node_eval(p, pCall->apArg[k], &key);
    if( rc==TS_OK ) rc = fn_switch_text(p, pCall, &key, zB1, &zKey);
    if( rc==TS_OK && strcmp(zSrc, zKey)==0 ){
      rc = expr_node_eval(p, pCall->apArg[k+1], pOut);
      goto clear_args;
    }
    expr_value_clear(&key);
  }
  if( rc==TS_OK && pCall->apArg[1]->eKind!=EXPRN_OMITTED ){
    rc = expr_node_eval(p, pCall->apArg[1], pOut);
  }
clear_args:
  expr_value_clear(&src);
  expr_value_clear(&key);
  return rc;
}

/*
** SelectUniqueValue(rule1, rule2, ...): the first rule value the target
** does not hold (ExprEnv.xTaken). Rules giving null or "" are skipped;
** if some candidate existed but all were taken the result is escrowed
** (EXPR_ESCROW); if no rule gave a candidate at all the result is null.
*/
static int fn_selectunique(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  int k, rc, nCandidate = 0;
  (void)aArg;
  for(k=0; k<pCall->nArg; k++){
    const char *z;
    if( (rc = expr_node_eval(p, pCall->apArg[k], pOut))!=0 ) return rc;
    if( pOut->eType==EXPRV_MULTI ){
      return expr_node_error(p, pCall, "rule %d gave %d values; expected one", k+1, pOut->n);
    }
    z = expr_value_text(pOut, zB);
    if( z && z[0] ){
      nCandidate++;
      if( p->pEnv->xTaken==NULL || !p->pEnv->xTaken(p->pEnv->pCtx, z) ) return TS_OK;
    }
    expr_value_clear(pOut);
  }
  return nCandidate ? EXPR_SIG_ESCROW : TS_OK;
}

/* -------------------------------------------------- compile-time checks */

static int fn_check_switch(ExprNode *pCall, TsErr *pErr){
  if( pCall->nArg%2==0 ) return TS_OK;
  return tserr_set(pErr, TS_ERR,
                   "column %d: expected an even number of arguments for Switch(%s), found %d "
                   "(a key without a value)", pCall->iColEnd, pCall->pFunc->zParams, pCall->nArg);
}

/* ----------------------------------------------------------------- table */

#define OPT(k) (1u<<(k))
#define MAP EXPRF_MAP_SOURCE
#define LAZY EXPRF_LAZY

static const ExprFuncDef aFunc[] = {
  { "Append", "source, suffix", 2, 2, 0, MAP, NULL, expr_func_text_append },
  { "AppRoleAssignmentsComplex", "[appRoleAssignments]", 1, 1, 0, 0, NULL, fn_approle_complex },
  { "BitAnd", "value1, value2", 2, 2, 0, 0, NULL, fn_bitand },
  { "CBool", "Expression", 1, 1, 0, 0, NULL, fn_cbool },
  { "CDate", "expression", 1, 1, 0, 0, NULL, expr_func_date_cdate },
  { "Coalesce", "source1, source2, ..., defaultValue", 1, -1, ~OPT(0), LAZY, NULL, fn_coalesce },
  { "ConvertToBase64", "source", 1, 1, 0, MAP, NULL, expr_func_text_base64 },
  { "ConvertToUTF8Hex", "source", 1, 1, 0, MAP, NULL, expr_func_text_utf8hex },
  { "Count", "attribute", 1, 1, 0, 0, NULL, fn_count },
  { "CStr", "value", 1, 1, 0, MAP, NULL, expr_func_text_cstr },
  { "DateAdd", "interval, value, dateTime", 3, 3, 0, 0, NULL, expr_func_date_dateadd },
  { "DateDiff", "interval, date1, date2", 3, 3, 0, 0, NULL, expr_func_date_datediff },
  { "DateFromNum", "value", 1, 1, 0, 0, NULL, expr_func_date_datefromnum },
  { "FormatDateTime", "source, dateTimeStyles, inputFormat, outputFormat", 3, 4, OPT(1), 0,
    expr_func_date_check_formatdatetime, expr_func_date_formatdatetime },
  { "Guid", "", 0, 0, 0, 0, NULL, fn_guid },
  { "IgnoreFlowIfNullOrEmpty", "expression", 1, 1, 0, LAZY, NULL, fn_ignoreflow },
  { "IIF", "condition, valueIfTrue, valueIfFalse", 3, 3, 0, LAZY, NULL, fn_iif },
  { "InStr", "value1, value2, start, compareType", 2, 4, OPT(2)|OPT(3), 0, expr_func_text_check_instr, expr_func_text_instr },
  { "IsNull", "Expression", 1, 1, 0, 0, NULL, fn_isnull },
  { "IsNullOrEmpty", "Expression", 1, 1, 0, 0, NULL, fn_isnullorempty },
  { "IsPresent", "Expression", 1, 1, 0, 0, NULL, fn_ispresent },
  { "IsString", "Expression", 1, 1, 0, 0, NULL, fn_isstring },
  { "Item", "attribute, index", 2, 2, 0, 0, NULL, fn_item },
  { "Join", "separator, source1, source2, ...", 2, -1, 0, 0, NULL, fn_join },
  { "Left", "String, NumChars", 2, 2, 0, MAP, NULL, expr_func_text_left },
  { "Mid", "source, start, length", 3, 3, 0, MAP, NULL, expr_func_text_mid },
  { "NormalizeDiacritics", "source", 1, 1, 0, MAP, NULL, expr_func_text_normalize },
  { "Not", "source", 1, 1, 0, 0, NULL, fn_not },
  { "Now", "", 0, 0, 0, 0, NULL, expr_func_date_now },
  { "NumFromDate", "value", 1, 1, 0, 0, NULL, expr_func_date_numfromdate },
  { "PCase", "source, wordSeparators", 1, 2, OPT(1), MAP, NULL, expr_func_text_pcase },
  { "RandomString", "Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, "
    "MinimumLowerCase, CharactersToAvoid", 5, 6, OPT(5), 0, NULL, fn_randomstring },
  { "Redact", "value", 1, 1, 0, 0, NULL, fn_redact },
  { "RemoveDuplicates", "attribute", 1, 1, 0, 0, NULL, fn_removedup },
  { "Replace", "source, oldValue, regexPattern, regexGroupName, replacementValue, "
    "replacementAttributeName, template", 1, 7, OPT(1)|OPT(2)|OPT(3)|OPT(4)|OPT(5)|OPT(6), MAP,
    expr_func_text_check_replace, expr_func_text_replace },
  { "SelectUniqueValue", "uniqueValueRule1, uniqueValueRule2, ...", 2, -1, 0, LAZY|EXPRF_TOP_ONLY,
    NULL, fn_selectunique },
  { "SingleAppRoleAssignment", "[appRoleAssignments]", 1, 1, 0, 0, NULL, fn_approle_single },
  { "Split", "source, delimiter", 2, 2, 0, 0, NULL, fn_split },
  { "StripSpaces", "source", 1, 1, 0, MAP, NULL, expr_func_text_stripspaces },
  { "Switch", "source, defaultValue, key1, value1, key2, value2, ...", 4, -1, OPT(1), LAZY,
    fn_check_switch, fn_switch },
  { "ToLower", "source, culture", 1, 2, OPT(1), MAP, NULL, expr_func_text_tolower },
  { "ToUpper", "source, culture", 1, 2, OPT(1), MAP, NULL, expr_func_text_toupper },
  { "Word", "String, WordNumber, Delimiters", 3, 3, 0, MAP, NULL, expr_func_text_word },
};

const ExprFuncDef *expr_func_find(const char *zName){
  size_t k;
  for(k=0; k<sizeof(aFunc)/sizeof(aFunc[0]); k++){
    if( strcmp(aFunc[k].zName, zName)==0 ) return &aFunc[k];
  }
  return NULL;
}

const ExprFuncDef *expr_func_find_nocase(const char *zName){
  size_t k;
  for(k=0; k<sizeof(aFunc)/sizeof(aFunc[0]); k++){
    if( strcasecmp(aFunc[k].zName, zName)==0 ) return &aFunc[k];
  }
  return NULL;
}
