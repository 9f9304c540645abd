/*
** expr_func_text.c — the string functions of the table (expr_func.c):
** Append, ConvertToBase64, ConvertToUTF8Hex, CStr, Left, Mid,
** NormalizeDiacritics, PCase, StripSpaces, ToLower, ToUpper, Word, InStr
** and Replace, with the compile-time rules of InStr and Replace.
**
** Each expr_func_text_<name> is an ExprFuncImpl (exprInt.h): it reads its
** evaluated arguments through expr_func_arg.c, fills *pOut and returns
** TS_OK, TS_ERR (runtime error set through expr_node_error) or TS_NOMEM.
** Null rules are those of expr_func.c's head comment. It may use
** expr_text.c, expr_regex.c and the value model.
*/
#include <string.h>
#include <strings.h>
#include "exprInt.h"

/* ------------------------------------------------------ string functions */

int expr_func_text_append(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *zSource, *zSuffix;
  StrBuf b;
  int rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &zSource))!=0 ) return rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zSuffix))!=0 ) return rc;
  strbuf_init(&b);
  strbuf_append(&b, zSource ? zSource : "");
  strbuf_append(&b, zSuffix);
  return expr_value_take_strbuf(pOut, &b);
}

/* A function that rewrites its one text argument with xEncode (an
** encoding, or NormalizeDiacritics). */
static int fn_encode(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut,
                     void (*xEncode)(StrBuf*, const char*)){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  StrBuf b;
  int rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  strbuf_init(&b);
  xEncode(&b, z);
  return expr_value_take_strbuf(pOut, &b);
}

int expr_func_text_base64(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_encode(p, pCall, aArg, pOut, expr_text_base64_utf16);
}

int expr_func_text_utf8hex(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_encode(p, pCall, aArg, pOut, expr_text_utf8_hex);
}

int expr_func_text_cstr(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  return expr_value_set_string(pOut, z, strlen(z));
}

/* Left(String, NumChars): 0 gives "", a negative count the whole string,
** null gives "". */
int expr_func_text_left(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int64_t n;
  int rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 1, &n))!=0 ) return rc;
  if( z==NULL ) z = "";
  if( n<0 ) return expr_value_set_string(pOut, z, strlen(z));
  return expr_value_set_string(pOut, z, expr_text_offset(z, (size_t)n));
}

/* Mid(source, start, length): start is 1-based; past the end gives "";
** start < 1 or a negative length is an error (VB raises one too). */
int expr_func_text_mid(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int64_t iStart, nLen;
  size_t iFrom;
  int rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 1, &iStart))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 2, &nLen))!=0 ) return rc;
  if( iStart<1 ) return expr_node_error(p, pCall, "start must be 1 or more, found %lld", (long long)iStart);
  if( nLen<0 ) return expr_node_error(p, pCall, "length must not be negative, found %lld", (long long)nLen);
  if( z==NULL ) z = "";
  iFrom = expr_text_offset(z, (size_t)(iStart-1));
  return expr_value_set_string(pOut, z+iFrom, expr_text_offset(z+iFrom, (size_t)nLen));
}

int expr_func_text_normalize(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_encode(p, pCall, aArg, pOut, expr_text_normalize_diacritics);
}

/* PCase(source, wordSeparators): an omitted or null wordSeparators means
** .NET's own word boundaries; a given one (even "") is used as is. */
int expr_func_text_pcase(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *z, *zSeps = NULL;
  StrBuf b;
  int rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) return rc;
  if( pCall->nArg>1 && (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zSeps))!=0 ) return rc;
  strbuf_init(&b);
  expr_text_pcase(&b, z, zSeps);
  return expr_value_take_strbuf(pOut, &b);
}

int expr_func_text_stripspaces(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  StrBuf b;
  int rc = expr_func_arg_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  strbuf_init(&b);
  strbuf_append(&b, "");
  for(; *z; z++){
    if( *z!=' ' ) strbuf_appendc(&b, *z);
  }
  return expr_value_take_strbuf(pOut, &b);
}

/*
** ToLower/ToUpper(source, culture). The invariant culture unless culture
** names Turkish or Azeri (tr, az, tr-TR, az-Latn-AZ, ...), whose dotted
** and dotless i differ; other cultures case like the invariant one. A
** culture that is not even shaped like an RFC 4646 name is an error (as
** .NET's CultureNotFoundException).
*/
static int fn_case(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut,
                   int bUpper){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *z, *zCulture = NULL;
  int bTurkish = 0, rc;
  StrBuf b;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) return rc;
  if( pCall->nArg>1 && (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zCulture))!=0 ) return rc;
  if( zCulture && zCulture[0] ){
    const char *c = zCulture;
    int nPart = 0;
    while( *c ){
      int n = 0;
      while( (c[n]>='A' && c[n]<='Z') || (c[n]>='a' && c[n]<='z') || (c[n]>='0' && c[n]<='9') ) n++;
      if( n<1 || n>8 || (nPart==0 && n<2) ) break;
      c += n;
      nPart++;
      if( *c=='-' || *c=='_' ){ c++; if( *c==0 ) break; }
      else if( *c ) break;
    }
    if( *c || nPart==0 ){
      return expr_node_error(p, pCall, "\"%s\" is not a culture name (such as en-US)", zCulture);
    }
    bTurkish = (strncasecmp(zCulture, "tr", 2)==0 || strncasecmp(zCulture, "az", 2)==0)
            && (zCulture[2]==0 || zCulture[2]=='-' || zCulture[2]=='_');
  }
  strbuf_init(&b);
  expr_text_case(&b, z, bUpper, bTurkish);
  return expr_value_take_strbuf(pOut, &b);
}

int expr_func_text_tolower(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_case(p, pCall, aArg, pOut, 0);
}

int expr_func_text_toupper(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_case(p, pCall, aArg, pOut, 1);
}

/* 1 if code point c occurs in z. */
static int fn_has_cp(const char *z, uint32_t c){
  int n;
  while( *z ){
    if( expr_text_decode(z, &n)==c ) return 1;
    z += n;
  }
  return 0;
}

/* Word(String, WordNumber, Delimiters): words are maximal runs of
** characters not in Delimiters; WordNumber < 1, a null string or too few
** words give "". */
int expr_func_text_word(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB2[EXPRVAL_BUFSZ];
  const char *z, *zDelims;
  int64_t iWord, iCur = 0;
  int rc, n;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &z))!=0 ) return rc;
  if( (rc = expr_func_arg_int(p, pCall, aArg, 1, &iWord))!=0 ) return rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 2, zB2, &zDelims))!=0 ) return rc;
  if( z==NULL ) z = "";
  if( zDelims==NULL ) zDelims = "";
  while( *z && iWord>=1 ){
    const char *zStart;
    while( *z && fn_has_cp(zDelims, expr_text_decode(z, &n)) ) z += n;
    if( *z==0 ) break;
    zStart = z;
    while( *z && !fn_has_cp(zDelims, expr_text_decode(z, &n)) ) z += n;
    if( ++iCur==iWord ) return expr_value_set_string(pOut, zStart, (size_t)(z - zStart));
  }
  return expr_value_set_string(pOut, "", 0);
}

/* InStr(value1, value2, start, compareType), VB.NET semantics: 1-based
** position or 0; "" searched gives 0, "" sought gives start; start < 1 is
** an error; vbTextCompare ignores case. A null value1 counts as "". */
int expr_func_text_instr(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ], zB3[EXPRVAL_BUFSZ];
  const char *zHay, *zNeedle, *zCompare = NULL;
  int64_t iStart = 1, iHit;
  size_t nHay;
  int rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 0, zB0, &zHay))!=0 ) return rc;
  if( (rc = expr_func_arg_text(p, pCall, aArg, 1, zB1, &zNeedle))!=0 ) return rc;
  if( pCall->nArg>2 && aArg[2].eType!=EXPRV_ABSENT && aArg[2].eType!=EXPRV_NULL ){
    if( (rc = expr_func_arg_int(p, pCall, aArg, 2, &iStart))!=0 ) return rc;
    if( iStart<1 ) return expr_node_error(p, pCall, "start must be 1 or more, found %lld", (long long)iStart);
  }
  if( pCall->nArg>3 && (rc = expr_func_arg_text(p, pCall, aArg, 3, zB3, &zCompare))!=0 ) return rc;
  if( zHay==NULL ) zHay = "";
  if( zNeedle==NULL ) zNeedle = "";
  nHay = expr_text_len(zHay);
  if( nHay==0 || iStart-1>(int64_t)nHay ){ expr_value_set_number(pOut, 0); return TS_OK; }
  if( zNeedle[0]==0 ){ expr_value_set_number(pOut, iStart); return TS_OK; }
  iHit = expr_text_find(zHay, zNeedle, iStart-1, zCompare && strcmp(zCompare, "vbTextCompare")==0);
  if( iHit==-2 ) return TS_NOMEM;
  expr_value_set_number(pOut, iHit+1);
  return TS_OK;
}

/* ---------------------------------------------------------------- Replace */

enum { R_SOURCE, R_OLD, R_REGEX, R_GROUP, R_REPL, R_ATTR, R_TEMPLATE };
#define RBIT(k) (1u<<(k))
#define R_MODE_STRING   (RBIT(R_OLD)|RBIT(R_REPL))
#define R_MODE_TEMPLATE (RBIT(R_OLD)|RBIT(R_TEMPLATE))
#define R_MODE_REGEX    (RBIT(R_REGEX)|RBIT(R_REPL))
#define R_MODE_GROUP    (RBIT(R_REGEX)|RBIT(R_GROUP)|RBIT(R_REPL))
#define R_MODE_ATTR     (RBIT(R_REGEX)|RBIT(R_GROUP)|RBIT(R_ATTR))

/* Which optional Replace arguments are written (an empty "" counts). */
static unsigned fn_replace_mask(const ExprNode *pCall){
  unsigned m = 0;
  int k;
  for(k=1; k<pCall->nArg; k++){
    if( pCall->apArg[k]->eKind!=EXPRN_OMITTED ) m |= RBIT(k);
  }
  return m;
}

/* Every occurrence of zOld in zIn replaced by zNew (ordinal). */
static void fn_replace_all(StrBuf *b, const char *zIn, const char *zOld, const char *zNew){
  size_t nOld = strlen(zOld);
  const char *zHit;
  strbuf_append(b, "");
  while( (zHit = strstr(zIn, zOld))!=NULL ){
    strbuf_appendn(b, zIn, (size_t)(zHit - zIn));
    strbuf_append(b, zNew);
    zIn = zHit + nOld;
  }
  strbuf_append(b, zIn);
}

/*
** Replace, by which arguments are written (spec table; checked at compile
** time): oldValue+replacementValue — every occurrence, ordinal;
** oldValue+template — every oldValue in template becomes source;
** regexPattern+replacementValue — Regex.Replace with $-substitutions;
** +regexGroupName — in each match only the group's text is replaced, by
** replacementValue taken literally; regexPattern+regexGroupName+
** replacementAttributeName — source if it has a value, else the group's
** capture in the first match over that attribute's value ("" if none; null
** if the attribute is null too). An empty oldValue is an error (.NET
** String.Replace throws); a null replacementValue replaces with "".
*/
int expr_func_text_replace(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char azB[7][EXPRVAL_BUFSZ];
  const char *az[7] = { 0, 0, 0, 0, 0, 0, 0 };
  unsigned m = fn_replace_mask(pCall);
  ExprRegex *pOwn = NULL;
  const ExprRegex *pRe = pCall->pRegex;
  StrBuf b;
  int rc = TS_OK, k;
  strbuf_init(&b);
  for(k=0; k<pCall->nArg; k++){
    if( (rc = expr_func_arg_text(p, pCall, aArg, k, azB[k], &az[k]))!=0 ) goto free_all;
  }
  if( m==R_MODE_ATTR ){
    if( az[R_SOURCE] && az[R_SOURCE][0] ){ rc = expr_value_set_string(pOut, az[0], strlen(az[0])); goto free_all; }
    if( az[R_ATTR]==NULL ) goto free_all;
  }else if( az[R_SOURCE]==NULL ){
    goto free_all;
  }
  if( m & RBIT(R_OLD) ){
    if( az[R_OLD]==NULL || az[R_OLD][0]==0 ){
      rc = expr_node_error(p, pCall, "oldValue must not be empty");
      goto free_all;
    }
    if( m==R_MODE_STRING ) fn_replace_all(&b, az[R_SOURCE], az[R_OLD], az[R_REPL] ? az[R_REPL] : "");
    else fn_replace_all(&b, az[R_TEMPLATE] ? az[R_TEMPLATE] : "", az[R_OLD], az[R_SOURCE]);
    rc = expr_value_take_strbuf(pOut, &b);
    goto free_all;
  }
  if( pRe==NULL ){
    TsErr e;
    if( az[R_REGEX]==NULL ){ rc = expr_node_error(p, pCall, "regexPattern is null"); goto free_all; }
    tserr_clear(&e);
    rc = expr_regex_compile(az[R_REGEX], &pOwn, &e);
    if( rc==TS_NOMEM ) goto free_all;
    if( rc ){ rc = expr_node_error(p, pCall, "invalid regular expression: %s", e.zMsg); goto free_all; }
    pRe = pOwn;
  }
  if( (m & RBIT(R_GROUP)) && (az[R_GROUP]==NULL || !expr_regex_has_group(pRe, az[R_GROUP])) ){
    rc = expr_node_error(p, pCall, "the pattern has no group named \"%s\"", az[R_GROUP] ? az[R_GROUP] : "");
    goto free_all;
  }
  if( m==R_MODE_REGEX ){
    rc = expr_regex_replace(pRe, az[R_SOURCE], az[R_REPL] ? az[R_REPL] : "", &b, p->pErr);
  }else if( m==R_MODE_GROUP ){
    rc = expr_regex_replace_group(pRe, az[R_SOURCE], az[R_GROUP], az[R_REPL] ? az[R_REPL] : "", &b, p->pErr);
  }else{
    rc = expr_regex_group_capture(pRe, az[R_ATTR], az[R_GROUP], &b, p->pErr);
  }
  if( rc==TS_ERR ){
    char zMsg[sizeof(p->pErr->zMsg)];
    memcpy(zMsg, p->pErr->zMsg, sizeof(zMsg));
    rc = expr_node_error(p, pCall, "%s", zMsg);
  }
  if( rc==TS_OK ) rc = expr_value_take_strbuf(pOut, &b);
free_all:
  strbuf_free(&b);
  expr_regex_free(pOwn);
  return rc;
}

int expr_func_text_check_instr(ExprNode *pCall, TsErr *pErr){
  const ExprNode *pArg;
  if( pCall->nArg<4 ) return TS_OK;
  pArg = pCall->apArg[3];
  if( pArg->eKind==EXPRN_OMITTED ) return TS_OK;
  if( pArg->eKind==EXPRN_IDENT && (pArg->iVal==EXPRID_BINARY_COMPARE || pArg->iVal==EXPRID_TEXT_COMPARE) ){
    return TS_OK;
  }
  return tserr_set(pErr, TS_ERR, "column %d: expected vbBinaryCompare or vbTextCompare, found %s",
                   pArg->iCol, pArg->eKind==EXPRN_STRING ? "a string" : "another expression");
}

int expr_func_text_check_replace(ExprNode *pCall, TsErr *pErr){
  unsigned m = fn_replace_mask(pCall);
  const ExprNode *pPattern, *pGroup;
  TsErr e;
  int rc;
  if( m!=R_MODE_STRING && m!=R_MODE_TEMPLATE && m!=R_MODE_REGEX && m!=R_MODE_GROUP && m!=R_MODE_ATTR ){
    return tserr_set(pErr, TS_ERR,
                     "column %d: expected Replace with oldValue and replacementValue or template, "
                     "or regexPattern with replacementValue, regexGroupName and replacementValue, "
                     "or regexGroupName and replacementAttributeName, found another combination",
                     pCall->iCol);
  }
  if( !(m & RBIT(R_REGEX)) ) return TS_OK;
  pPattern = pCall->apArg[R_REGEX];
  if( pPattern->eKind!=EXPRN_STRING ) return TS_OK;
  tserr_clear(&e);
  rc = expr_regex_compile(pPattern->z, &pCall->pRegex, &e);
  if( rc==TS_NOMEM ) return tserr_set(pErr, TS_NOMEM, "%s", e.zMsg);
  if( rc ){
    return tserr_set(pErr, TS_ERR, "column %d: expected a valid regular expression, found one with an "
                     "error at %s", pPattern->iCol, e.zMsg);
  }
  pGroup = pCall->apArg[R_GROUP];
  if( (m & RBIT(R_GROUP)) && pGroup->eKind==EXPRN_STRING && !expr_regex_has_group(pCall->pRegex, pGroup->z) ){
    return tserr_set(pErr, TS_ERR, "column %d: expected the name of a group in the pattern, found \"%s\"",
                     pGroup->iCol, pGroup->z);
  }
  return TS_OK;
}