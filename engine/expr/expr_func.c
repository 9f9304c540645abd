/*
** expr_func.c — the function table and the 43 functions of the reference
** list (spec §2), with the compile-time rules some of them add.
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

#define FN_PARAM_SZ 48

/* ------------------------------------------------------------- helpers */

static const char *fn_param(const ExprNode *pCall, int k, char *zBuf){
  return expr_func_param_name(pCall->pFunc, k, zBuf, FN_PARAM_SZ);
}

/* A short description of a value for messages. */
static const char *fn_describe(const ExprValue *v, char *zBuf, size_t nBuf){
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
static int fn_text(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                   char *zBuf, const char **pz){
  char zParam[FN_PARAM_SZ];
  *pz = NULL;
  if( aArg[k].eType==EXPRV_MULTI ){
    return expr_node_error(p, pCall, "argument %d (%s) has %d values; expected a single value",
                           k+1, fn_param(pCall, k, zParam), aArg[k].n);
  }
  *pz = expr_value_text(&aArg[k], zBuf);
  return TS_OK;
}

/* Argument k as an integer (a number, or a string of one); required. */
static int fn_int(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k, int64_t *pi){
  char zParam[FN_PARAM_SZ], zDesc[64];
  const ExprValue *v = &aArg[k];
  *pi = 0;
  if( v->eType==EXPRV_NUMBER ){ *pi = v->i; return TS_OK; }
  if( v->eType==EXPRV_STRING && expr_value_parse_int(v->z, pi)==0 ) return TS_OK;
  return expr_node_error(p, pCall, "argument %d (%s) must be an integer, found %s",
                         k+1, fn_param(pCall, k, zParam), fn_describe(v, zDesc, sizeof(zDesc)));
}

/* Argument k as a date-time: a DateTime value, or a string CDate accepts.
** *pbNull = 1 for null/absent. */
static int fn_date(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                   int64_t *pi, int *pbNull){
  char zParam[FN_PARAM_SZ], zDesc[64];
  const ExprValue *v = &aArg[k];
  *pi = 0;
  *pbNull = 0;
  if( v->eType==EXPRV_NULL || v->eType==EXPRV_ABSENT ){ *pbNull = 1; return TS_OK; }
  if( v->eType==EXPRV_DATE ){ *pi = v->i; return TS_OK; }
  if( v->eType==EXPRV_STRING && expr_date_parse(v->z, pi)==0 ) return TS_OK;
  return expr_node_error(p, pCall, "argument %d (%s) is not a date/time: %s",
                         k+1, fn_param(pCall, k, zParam), fn_describe(v, zDesc, sizeof(zDesc)));
}

/* Truth of a condition: Booleans, "True"/"False" in any case, integers
** (non-zero is true); null is false. */
static int fn_truth(ExprCtx *p, const ExprNode *pCall, const ExprValue *v, int *pb){
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
                         fn_describe(v, zDesc, sizeof(zDesc)));
}

static int fn_nomem(void){ return TS_NOMEM; }

/* ------------------------------------------------------ string functions */

static int fn_append(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *zSource, *zSuffix;
  StrBuf b;
  int rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &zSource))!=0 ) return rc;
  if( (rc = fn_text(p, pCall, aArg, 1, zB1, &zSuffix))!=0 ) return rc;
  strbuf_init(&b);
  strbuf_append(&b, zSource ? zSource : "");
  strbuf_append(&b, zSuffix);
  return expr_value_take_strbuf(pOut, &b);
}

/* A function that encodes its one text argument with xEncode. */
static int fn_encode(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut,
                     void (*xEncode)(StrBuf*, const char*)){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  StrBuf b;
  int rc = fn_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  strbuf_init(&b);
  xEncode(&b, z);
  return expr_value_take_strbuf(pOut, &b);
}

static int fn_base64(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_encode(p, pCall, aArg, pOut, expr_text_base64_utf16);
}

static int fn_utf8hex(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_encode(p, pCall, aArg, pOut, expr_text_utf8_hex);
}

static int fn_cstr(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int rc = fn_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  return expr_value_set_string(pOut, z, strlen(z));
}

/* Left(String, NumChars): 0 gives "", a negative count the whole string,
** null gives "". */
static int fn_left(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int64_t n;
  int rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 1, &n))!=0 ) return rc;
  if( z==NULL ) z = "";
  if( n<0 ) return expr_value_set_string(pOut, z, strlen(z));
  return expr_value_set_string(pOut, z, expr_text_offset(z, (size_t)n));
}

/* Mid(source, start, length): start is 1-based; past the end gives "";
** start < 1 or a negative length is an error (VB raises one too). */
static int fn_mid(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  int64_t iStart, nLen;
  size_t iFrom;
  int rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 1, &iStart))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 2, &nLen))!=0 ) return rc;
  if( iStart<1 ) return expr_node_error(p, pCall, "start must be 1 or more, found %lld", (long long)iStart);
  if( nLen<0 ) return expr_node_error(p, pCall, "length must not be negative, found %lld", (long long)nLen);
  if( z==NULL ) z = "";
  iFrom = expr_text_offset(z, (size_t)(iStart-1));
  return expr_value_set_string(pOut, z+iFrom, expr_text_offset(z+iFrom, (size_t)nLen));
}

static int fn_normalize(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  StrBuf b;
  int rc = fn_text(p, pCall, aArg, 0, zB, &z);
  if( rc || z==NULL ) return rc;
  strbuf_init(&b);
  expr_text_normalize_diacritics(&b, z);
  return expr_value_take_strbuf(pOut, &b);
}

/* PCase(source, wordSeparators): an omitted or null wordSeparators means
** .NET's own word boundaries; a given one (even "") is used as is. */
static int fn_pcase(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ];
  const char *z, *zSeps = NULL;
  StrBuf b;
  int rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) return rc;
  if( pCall->nArg>1 && (rc = fn_text(p, pCall, aArg, 1, zB1, &zSeps))!=0 ) return rc;
  strbuf_init(&b);
  expr_text_pcase(&b, z, zSeps);
  return expr_value_take_strbuf(pOut, &b);
}

static int fn_stripspaces(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *z;
  StrBuf b;
  int rc = fn_text(p, pCall, aArg, 0, zB, &z);
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
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) return rc;
  if( pCall->nArg>1 && (rc = fn_text(p, pCall, aArg, 1, zB1, &zCulture))!=0 ) return rc;
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

static int fn_tolower(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  return fn_case(p, pCall, aArg, pOut, 0);
}

static int fn_toupper(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
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
static int fn_word(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB2[EXPRVAL_BUFSZ];
  const char *z, *zDelims;
  int64_t iWord, iCur = 0;
  int rc, n;
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &z))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 1, &iWord))!=0 ) return rc;
  if( (rc = fn_text(p, pCall, aArg, 2, zB2, &zDelims))!=0 ) return rc;
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
static int fn_instr(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ], zB3[EXPRVAL_BUFSZ];
  const char *zHay, *zNeedle, *zCompare = NULL;
  int64_t iStart = 1, iHit;
  size_t nHay;
  int rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &zHay))!=0 ) return rc;
  if( (rc = fn_text(p, pCall, aArg, 1, zB1, &zNeedle))!=0 ) return rc;
  if( pCall->nArg>2 && aArg[2].eType!=EXPRV_ABSENT && aArg[2].eType!=EXPRV_NULL ){
    if( (rc = fn_int(p, pCall, aArg, 2, &iStart))!=0 ) return rc;
    if( iStart<1 ) return expr_node_error(p, pCall, "start must be 1 or more, found %lld", (long long)iStart);
  }
  if( pCall->nArg>3 && (rc = fn_text(p, pCall, aArg, 3, zB3, &zCompare))!=0 ) return rc;
  if( zHay==NULL ) zHay = "";
  if( zNeedle==NULL ) zNeedle = "";
  nHay = expr_text_len(zHay);
  if( nHay==0 || iStart-1>(int64_t)nHay ){ expr_value_set_number(pOut, 0); return TS_OK; }
  if( zNeedle[0]==0 ){ expr_value_set_number(pOut, iStart); return TS_OK; }
  iHit = expr_text_find(zHay, zNeedle, iStart-1, zCompare && strcmp(zCompare, "vbTextCompare")==0);
  if( iHit==-2 ) return fn_nomem();
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
static int fn_replace(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char azB[7][EXPRVAL_BUFSZ];
  const char *az[7] = { 0, 0, 0, 0, 0, 0, 0 };
  unsigned m = fn_replace_mask(pCall);
  ExprRegex *pOwn = NULL;
  const ExprRegex *pRe = pCall->pRegex;
  StrBuf b;
  int rc = TS_OK, k;
  strbuf_init(&b);
  for(k=0; k<pCall->nArg; k++){
    if( (rc = fn_text(p, pCall, aArg, k, azB[k], &az[k]))!=0 ) goto out;
  }
  if( m==R_MODE_ATTR ){
    if( az[R_SOURCE] && az[R_SOURCE][0] ){ rc = expr_value_set_string(pOut, az[0], strlen(az[0])); goto out; }
    if( az[R_ATTR]==NULL ) goto out;
  }else if( az[R_SOURCE]==NULL ){
    goto out;
  }
  if( m & RBIT(R_OLD) ){
    if( az[R_OLD]==NULL || az[R_OLD][0]==0 ){
      rc = expr_node_error(p, pCall, "oldValue must not be empty");
      goto out;
    }
    if( m==R_MODE_STRING ) fn_replace_all(&b, az[R_SOURCE], az[R_OLD], az[R_REPL] ? az[R_REPL] : "");
    else fn_replace_all(&b, az[R_TEMPLATE] ? az[R_TEMPLATE] : "", az[R_OLD], az[R_SOURCE]);
    rc = expr_value_take_strbuf(pOut, &b);
    goto out;
  }
  if( pRe==NULL ){
    TsErr e;
    if( az[R_REGEX]==NULL ){ rc = expr_node_error(p, pCall, "regexPattern is null"); goto out; }
    tserr_clear(&e);
    rc = expr_regex_compile(az[R_REGEX], &pOwn, &e);
    if( rc==TS_NOMEM ) goto out;
    if( rc ){ rc = expr_node_error(p, pCall, "invalid regular expression: %s", e.zMsg); goto out; }
    pRe = pOwn;
  }
  if( (m & RBIT(R_GROUP)) && (az[R_GROUP]==NULL || !expr_regex_has_group(pRe, az[R_GROUP])) ){
    rc = expr_node_error(p, pCall, "the pattern has no group named \"%s\"", az[R_GROUP] ? az[R_GROUP] : "");
    goto out;
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
out:
  strbuf_free(&b);
  expr_regex_free(pOwn);
  return rc;
}

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
  int rc = fn_int(p, pCall, aArg, 1, &i);
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
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &zSep))!=0 ) return rc;
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
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &z))!=0 || z==NULL ) goto out;
  if( (rc = fn_text(p, pCall, aArg, 1, zB1, &zDelim))!=0 ) goto out;
  if( zDelim==NULL ) zDelim = "";
  nDelim = strlen(zDelim);
  while( nDelim>0 && (zHit = strstr(z, zDelim))!=NULL ){
    if( (rc = expr_value_list_add(&list, z, (size_t)(zHit - z)))!=0 ) goto out;
    z = zHit + nDelim;
  }
  if( (rc = expr_value_list_add(&list, z, strlen(z)))!=0 ) goto out;
  expr_value_set_list(pOut, &list);
out:
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
  int b = 0, rc = fn_truth(p, pCall, &aArg[0], &b);
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
  if( (rc = fn_text(p, pCall, aArg, 0, zB, &z))!=0 ) return rc;
  expr_value_set_bool(pOut, !(z && strcasecmp(z, "True")==0));
  return TS_OK;
}

/* BitAnd(value1, value2): bitwise AND of two integers; null if either is. */
static int fn_bitand(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t a, b;
  int rc;
  if( expr_value_count(&aArg[0])==0 || expr_value_count(&aArg[1])==0 ) return TS_OK;
  if( (rc = fn_int(p, pCall, aArg, 0, &a))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 1, &b))!=0 ) return rc;
  expr_value_set_number(pOut, a & b);
  return TS_OK;
}

/* ------------------------------------------------------- date functions */

static int fn_cdate(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int bNull, rc = fn_date(p, pCall, aArg, 0, &t, &bNull);
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

static int fn_now(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int rc = fn_now_ticks(p, pCall, &t);
  (void)aArg;
  if( rc==TS_OK ) expr_value_set_date(pOut, t);
  return rc;
}

static int fn_dateadd(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *zInterval;
  int64_t n, t, tOut;
  int bNull, rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB, &zInterval))!=0 ) return rc;
  if( (rc = fn_int(p, pCall, aArg, 1, &n))!=0 ) return rc;
  if( (rc = fn_date(p, pCall, aArg, 2, &t, &bNull))!=0 || bNull ) return rc;
  rc = expr_date_add(zInterval ? zInterval : "", n, t, &tOut);
  if( rc==-1 ){
    return expr_node_error(p, pCall, "unknown interval \"%s\" (expected yyyy, m, d, ww, h, n or s)",
                           zInterval ? zInterval : "");
  }
  if( rc==-2 ) return expr_node_error(p, pCall, "the result is outside years 1 to 9999");
  expr_value_set_date(pOut, tOut);
  return TS_OK;
}

static int fn_datediff(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB[EXPRVAL_BUFSZ];
  const char *zInterval;
  int64_t t1, t2, n;
  int bNull1, bNull2, rc;
  if( (rc = fn_text(p, pCall, aArg, 0, zB, &zInterval))!=0 ) return rc;
  if( (rc = fn_date(p, pCall, aArg, 1, &t1, &bNull1))!=0 ) return rc;
  if( (rc = fn_date(p, pCall, aArg, 2, &t2, &bNull2))!=0 ) return rc;
  if( expr_date_diff(zInterval ? zInterval : "", t1, t2, &n) ){
    return expr_node_error(p, pCall, "unknown interval \"%s\" (expected yyyy, m, d, ww, h, n or s)",
                           zInterval ? zInterval : "");
  }
  if( !bNull1 && !bNull2 ) expr_value_set_number(pOut, n);
  return TS_OK;
}

/* DateFromNum: an AD/FILETIME integer (100-ns ticks since 1601-01-01 UTC). */
static int fn_datefromnum(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t n;
  int rc;
  if( expr_value_count(&aArg[0])==0 ) return TS_OK;
  if( (rc = fn_int(p, pCall, aArg, 0, &n))!=0 ) return rc;
  if( n<0 || n>EXPRDATE_MAX_TICKS-EXPRDATE_FILETIME_TICKS ){
    return expr_node_error(p, pCall, "%lld is not a date (ticks since 1601 up to year 9999)", (long long)n);
  }
  expr_value_set_date(pOut, n + EXPRDATE_FILETIME_TICKS);
  return TS_OK;
}

/* NumFromDate: the inverse; dates before 1601 are an error. */
static int fn_numfromdate(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  int64_t t;
  int bNull, rc = fn_date(p, pCall, aArg, 0, &t, &bNull);
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
static int fn_formatdatetime(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut){
  char zB0[EXPRVAL_BUFSZ], zB1[EXPRVAL_BUFSZ], zB2[EXPRVAL_BUFSZ], zB3[EXPRVAL_BUFSZ];
  char zWhy[128];
  const char *zSource, *zStyles = NULL, *zIn, *zOutFmt;
  int iIn = pCall->nArg==4 ? 2 : 1;
  unsigned mStyles = EXPRDATE_DEFAULT_STYLES;
  int64_t tNow, t;
  StrBuf b;
  int rc;
  strbuf_init(&b);
  if( (rc = fn_text(p, pCall, aArg, 0, zB0, &zSource))!=0 || zSource==NULL ) goto out;
  if( pCall->nArg==4 && (rc = fn_text(p, pCall, aArg, 1, zB1, &zStyles))!=0 ) goto out;
  if( (rc = fn_text(p, pCall, aArg, iIn, zB2, &zIn))!=0 ) goto out;
  if( (rc = fn_text(p, pCall, aArg, iIn+1, zB3, &zOutFmt))!=0 ) goto out;
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
out:
  strbuf_free(&b);
  return rc;
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
  if( (rc = fn_int(p, pCall, aArg, 0, &nLen))!=0 ) return rc;
  for(k=0; k<4; k++){
    if( (rc = fn_int(p, pCall, aArg, k+1, &aMin[k]))!=0 ) return rc;
    if( aMin[k]<0 || aMin[k]>256 ){
      char zParam[FN_PARAM_SZ];
      return expr_node_error(p, pCall, "%s must be between 0 and 256, found %lld",
                             fn_param(pCall, k+1, zParam), (long long)aMin[k]);
    }
    nSum += aMin[k];
  }
  if( pCall->nArg>5 && (rc = fn_text(p, pCall, aArg, 5, zB, &zAvoid))!=0 ) return rc;
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
      char zParam[FN_PARAM_SZ];
      return expr_node_error(p, pCall, "CharactersToAvoid excludes every character %s asks for",
                             fn_param(pCall, k+1, zParam));
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
  if( rc==TS_OK ) rc = fn_truth(p, pCall, &cond, &b);
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
      goto out;
    }
    expr_value_clear(&key);
  }
  if( rc==TS_OK && pCall->apArg[1]->eKind!=EXPRN_OMITTED ){
    rc = expr_node_eval(p, pCall->apArg[1], pOut);
  }
out:
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

static int fn_check_formatdatetime(ExprNode *pCall, TsErr *pErr){
  const ExprNode *pArg = pCall->apArg[1];
  if( pCall->nArg!=3 || pArg->eKind!=EXPRN_OMITTED ) return TS_OK;
  return tserr_set(pErr, TS_ERR,
                   "column %d: expected a value for argument 2 (inputFormat) of FormatDateTime, found '%c'",
                   pArg->iCol, (char)pArg->iVal);
}

static int fn_check_instr(ExprNode *pCall, TsErr *pErr){
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

static int fn_check_replace(ExprNode *pCall, TsErr *pErr){
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

/* ----------------------------------------------------------------- table */

#define OPT(k) (1u<<(k))
#define MAP EXPRF_MAP_SOURCE
#define LAZY EXPRF_LAZY

static const ExprFuncDef aFunc[] = {
  { "Append", "source, suffix", 2, 2, 0, MAP, NULL, fn_append },
  { "AppRoleAssignmentsComplex", "[appRoleAssignments]", 1, 1, 0, 0, NULL, fn_approle_complex },
  { "BitAnd", "value1, value2", 2, 2, 0, 0, NULL, fn_bitand },
  { "CBool", "Expression", 1, 1, 0, 0, NULL, fn_cbool },
  { "CDate", "expression", 1, 1, 0, 0, NULL, fn_cdate },
  { "Coalesce", "source1, source2, ..., defaultValue", 1, -1, ~OPT(0), LAZY, NULL, fn_coalesce },
  { "ConvertToBase64", "source", 1, 1, 0, MAP, NULL, fn_base64 },
  { "ConvertToUTF8Hex", "source", 1, 1, 0, MAP, NULL, fn_utf8hex },
  { "Count", "attribute", 1, 1, 0, 0, NULL, fn_count },
  { "CStr", "value", 1, 1, 0, MAP, NULL, fn_cstr },
  { "DateAdd", "interval, value, dateTime", 3, 3, 0, 0, NULL, fn_dateadd },
  { "DateDiff", "interval, date1, date2", 3, 3, 0, 0, NULL, fn_datediff },
  { "DateFromNum", "value", 1, 1, 0, 0, NULL, fn_datefromnum },
  { "FormatDateTime", "source, dateTimeStyles, inputFormat, outputFormat", 3, 4, OPT(1), 0,
    fn_check_formatdatetime, fn_formatdatetime },
  { "Guid", "", 0, 0, 0, 0, NULL, fn_guid },
  { "IgnoreFlowIfNullOrEmpty", "expression", 1, 1, 0, LAZY, NULL, fn_ignoreflow },
  { "IIF", "condition, valueIfTrue, valueIfFalse", 3, 3, 0, LAZY, NULL, fn_iif },
  { "InStr", "value1, value2, start, compareType", 2, 4, OPT(2)|OPT(3), 0, fn_check_instr, fn_instr },
  { "IsNull", "Expression", 1, 1, 0, 0, NULL, fn_isnull },
  { "IsNullOrEmpty", "Expression", 1, 1, 0, 0, NULL, fn_isnullorempty },
  { "IsPresent", "Expression", 1, 1, 0, 0, NULL, fn_ispresent },
  { "IsString", "Expression", 1, 1, 0, 0, NULL, fn_isstring },
  { "Item", "attribute, index", 2, 2, 0, 0, NULL, fn_item },
  { "Join", "separator, source1, source2, ...", 2, -1, 0, 0, NULL, fn_join },
  { "Left", "String, NumChars", 2, 2, 0, MAP, NULL, fn_left },
  { "Mid", "source, start, length", 3, 3, 0, MAP, NULL, fn_mid },
  { "NormalizeDiacritics", "source", 1, 1, 0, MAP, NULL, fn_normalize },
  { "Not", "source", 1, 1, 0, 0, NULL, fn_not },
  { "Now", "", 0, 0, 0, 0, NULL, fn_now },
  { "NumFromDate", "value", 1, 1, 0, 0, NULL, fn_numfromdate },
  { "PCase", "source, wordSeparators", 1, 2, OPT(1), MAP, NULL, fn_pcase },
  { "RandomString", "Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, "
    "MinimumLowerCase, CharactersToAvoid", 5, 6, OPT(5), 0, NULL, fn_randomstring },
  { "Redact", "value", 1, 1, 0, 0, NULL, fn_redact },
  { "RemoveDuplicates", "attribute", 1, 1, 0, 0, NULL, fn_removedup },
  { "Replace", "source, oldValue, regexPattern, regexGroupName, replacementValue, "
    "replacementAttributeName, template", 1, 7, OPT(1)|OPT(2)|OPT(3)|OPT(4)|OPT(5)|OPT(6), MAP,
    fn_check_replace, fn_replace },
  { "SelectUniqueValue", "uniqueValueRule1, uniqueValueRule2, ...", 2, -1, 0, LAZY|EXPRF_TOP_ONLY,
    NULL, fn_selectunique },
  { "SingleAppRoleAssignment", "[appRoleAssignments]", 1, 1, 0, 0, NULL, fn_approle_single },
  { "Split", "source, delimiter", 2, 2, 0, 0, NULL, fn_split },
  { "StripSpaces", "source", 1, 1, 0, MAP, NULL, fn_stripspaces },
  { "Switch", "source, defaultValue, key1, value1, key2, value2, ...", 4, -1, OPT(1), LAZY,
    fn_check_switch, fn_switch },
  { "ToLower", "source, culture", 1, 2, OPT(1), MAP, NULL, fn_tolower },
  { "ToUpper", "source, culture", 1, 2, OPT(1), MAP, NULL, fn_toupper },
  { "Word", "String, WordNumber, Delimiters", 3, 3, 0, MAP, NULL, fn_word },
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

/* The i-th name of zParams ("a, b, ..."); "argument" past a "...". */
const char *expr_func_param_name(const ExprFuncDef *pDef, int i, char *zBuf, size_t nBuf){
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
