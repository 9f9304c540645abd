/*
** expr_parse.c — the lexer and recursive-descent parser of the expression
** language, and the compile-time checks on every function call.
**
** Grammar (spec §1.3):
**   expression = ws operand ws [ cmp-op ws operand ws ]
**   operand    = call | attribute | string | number | hexnumber | identifier
**   call       = name ws "(" ws [ arg { ws "," ws arg } ] ws ")"
**   arg        = [ expression ]        nothing between commas: omitted
**   attribute  = "[" { any character but "]" } "]"
**   string     = '"' { character | \" | \\ | \ other } '"'
**   number     = [ "-" ] digit { digit }
**   hexnumber  = "&H" hexdigit { hexdigit }
**   identifier = letter { letter | digit | "_" }
**   cmp-op     = "=" | "<>" | ">=" | "<=" | ">" | "<"
**   ws         = { " " | TAB | CR | LF }
** "F()" has no arguments; "F(,)" has two omitted ones. One comparison per
** expression (no chaining, no parentheses). Inside a string \" and \\ are
** escapes; a backslash before any other character is kept as written, so
** the regex "\+" reaches PCRE2 as \+ (spec §1.4). "&" concatenation is
** not part of the provisioning language and is a syntax error.
**
** Errors read "column N: expected X, found Y": N is the 1-based character
** (code point) position from the start of the text — newlines count as
** one character, columns do not restart on a new line — of the offending
** character, or one past the end for "found end of expression".
**
** The parser owns the nodes it builds until expr_parse_run hands the root
** to the Expr; on an error everything built so far is freed.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "exprInt.h"
#include "mem.h"

typedef struct Parser {
  const char *z;        /* the whole text */
  size_t i;             /* byte offset of the next character */
  size_t iCacheOff;     /* a byte offset whose column is known ... */
  int iCacheCol;        /* ... and that column */
  int nDepth;           /* function calls open around the current position */
  Expr *pExpr;
  TsErr *pErr;
} Parser;

static int parse_expression(Parser *P, ExprNode **ppNode);

/* ------------------------------------------------------------ helpers */

/* 1-based column of byte offset iOff. Columns are asked for mostly in
** increasing order, so counting resumes from the last answer. */
static int parse_col(Parser *P, size_t iOff){
  int nByte;
  if( iOff<P->iCacheOff ){ P->iCacheOff = 0; P->iCacheCol = 1; }
  while( P->iCacheOff<iOff && P->z[P->iCacheOff] ){
    expr_text_decode(P->z + P->iCacheOff, &nByte);
    P->iCacheOff += (size_t)nByte;
    P->iCacheCol++;
  }
  return P->iCacheCol;
}

/* Describe the character at byte offset iOff for "found ...". */
static const char *parse_found(const Parser *P, size_t iOff, char *zBuf, size_t nBuf){
  const char *z = P->z + iOff;
  int nByte;
  uint32_t c;
  if( *z==0 ) return "end of expression";
  c = expr_text_decode(z, &nByte);
  if( c=='\n' ) return "a line break";
  if( c=='\r' ) return "a carriage return";
  if( c=='\t' ) return "a tab";
  if( c<0x20 || c==0x7F || c==0xFFFD ) snprintf(zBuf, nBuf, "character U+%04X", (unsigned)c);
  else snprintf(zBuf, nBuf, "'%.*s'", nByte, z);
  return zBuf;
}

/* Error at byte offset iOff: "column N: expected <zExpected>, found <char>". */
static int parse_expected(Parser *P, size_t iOff, const char *zExpected){
  char zBuf[32];
  return tserr_set(P->pErr, TS_ERR, "column %d: expected %s, found %s",
                   parse_col(P, iOff), zExpected, parse_found(P, iOff, zBuf, sizeof(zBuf)));
}

static void parse_ws(Parser *P){
  for(;;){
    char c = P->z[P->i];
    if( c!=' ' && c!='\t' && c!='\r' && c!='\n' ) break;
    P->i++;
  }
}

static int parse_is_letter(char c){ return (c>='A' && c<='Z') || (c>='a' && c<='z'); }
static int parse_is_digit(char c){ return c>='0' && c<='9'; }

static int parse_hex_value(char c){
  if( c>='0' && c<='9' ) return c - '0';
  if( c>='A' && c<='F' ) return c - 'A' + 10;
  if( c>='a' && c<='f' ) return c - 'a' + 10;
  return -1;
}

static ExprNode *parse_node(Parser *P, ExprNodeKind eKind, size_t iOff){
  ExprNode *p = mem_calloc(1, sizeof(*p));
  if( p==NULL ){
    tserr_set(P->pErr, TS_NOMEM, "out of memory compiling an expression");
    return NULL;
  }
  p->eKind = eKind;
  p->iCol = parse_col(P, iOff);
  return p;
}

static int parse_nomem(Parser *P){
  return tserr_set(P->pErr, TS_NOMEM, "out of memory compiling an expression");
}

void expr_parse_node_free(ExprNode *p){
  int k;
  if( p==NULL ) return;
  for(k=0; k<p->nArg; k++) expr_parse_node_free(p->apArg[k]);
  mem_free(p->apArg);
  mem_free(p->z);
  expr_regex_free(p->pRegex);
  mem_free(p);
}

/* Record an attribute name once. */
static int parse_add_attr(Parser *P, const char *zName){
  Expr *e = P->pExpr;
  int k;
  for(k=0; k<e->nAttr; k++){
    if( strcmp(e->azAttr[k], zName)==0 ) return TS_OK;
  }
  if( mem_grow_int((void**)&e->azAttr, e->nAttr, &e->nAttrAlloc, sizeof(char*)) ){
    return parse_nomem(P);
  }
  e->azAttr[e->nAttr] = mem_strdup(zName);
  if( e->azAttr[e->nAttr]==NULL ) return parse_nomem(P);
  e->nAttr++;
  return TS_OK;
}

/* ------------------------------------------------------------ operands */

static int parse_attribute(Parser *P, ExprNode **ppNode){
  size_t iStart = P->i, iName = P->i + 1, iEnd = iName;
  ExprNode *p;
  while( P->z[iEnd] && P->z[iEnd]!=']' ) iEnd++;
  if( P->z[iEnd]==0 ){
    char zExp[96];
    snprintf(zExp, sizeof(zExp), "']' to close the attribute name that starts at column %d",
             parse_col(P, iStart));
    return parse_expected(P, iEnd, zExp);
  }
  if( iEnd==iName ) return parse_expected(P, iEnd, "an attribute name");
  p = parse_node(P, EXPRN_ATTR, iStart);
  if( p==NULL ) return TS_NOMEM;
  *ppNode = p;
  p->z = mem_strndup(P->z + iName, iEnd - iName);
  if( p->z==NULL ) return parse_nomem(P);
  P->i = iEnd + 1;
  return parse_add_attr(P, p->z);
}

static int parse_string(Parser *P, ExprNode **ppNode){
  size_t iStart = P->i;
  StrBuf b;
  ExprNode *p;
  int rc = TS_OK;
  strbuf_init(&b);
  strbuf_append(&b, "");
  P->i++;
  for(;;){
    char c = P->z[P->i];
    if( c==0 ){
      char zExp[96];
      snprintf(zExp, sizeof(zExp), "'\"' to close the string that starts at column %d",
               parse_col(P, iStart));
      rc = parse_expected(P, P->i, zExp);
      goto free_buf;
    }
    if( c=='"' ){ P->i++; break; }
    if( c=='\\' && (P->z[P->i+1]=='"' || P->z[P->i+1]=='\\') ){
      strbuf_appendc(&b, P->z[P->i+1]);
      P->i += 2;
      continue;
    }
    strbuf_appendc(&b, c);
    P->i++;
  }
  if( b.bErr ){ rc = parse_nomem(P); goto free_buf; }
  p = parse_node(P, EXPRN_STRING, iStart);
  if( p==NULL ){ rc = TS_NOMEM; goto free_buf; }
  *ppNode = p;
  p->z = strbuf_take(&b);
free_buf:
  strbuf_free(&b);
  return rc;
}

static int parse_number(Parser *P, ExprNode **ppNode){
  size_t iStart = P->i, iEnd = P->i;
  ExprNode *p;
  if( P->z[iEnd]=='-' ){
    iEnd++;
    if( !parse_is_digit(P->z[iEnd]) ) return parse_expected(P, iEnd, "a digit after '-'");
  }
  while( parse_is_digit(P->z[iEnd]) ) iEnd++;
  p = parse_node(P, EXPRN_NUMBER, iStart);
  if( p==NULL ) return TS_NOMEM;
  *ppNode = p;
  p->z = mem_strndup(P->z + iStart, iEnd - iStart);
  if( p->z==NULL ) return parse_nomem(P);
  P->i = iEnd;
  return TS_OK;
}

static int parse_hex(Parser *P, ExprNode **ppNode){
  size_t iStart = P->i, iEnd = P->i + 2;
  uint64_t u = 0;
  ExprNode *p;
  if( P->z[iStart+1]!='H' ){
    return parse_expected(P, iStart+1, "'H' after '&' (a hexadecimal number is written &HFF)");
  }
  if( parse_hex_value(P->z[iEnd])<0 ) return parse_expected(P, iEnd, "a hexadecimal digit after '&H'");
  for(; parse_hex_value(P->z[iEnd])>=0; iEnd++){
    if( u > (uint64_t)INT64_MAX>>4 ){
      return tserr_set(P->pErr, TS_ERR,
                       "column %d: expected a hexadecimal number no larger than &H7FFFFFFFFFFFFFFF, "
                       "found a larger one", parse_col(P, iStart));
    }
    u = (u<<4) | (uint64_t)parse_hex_value(P->z[iEnd]);
  }
  p = parse_node(P, EXPRN_HEX, iStart);
  if( p==NULL ) return TS_NOMEM;
  *ppNode = p;
  p->iVal = (int64_t)u;
  P->i = iEnd;
  return TS_OK;
}

static const struct { const char *zName; ExprIdent e; } aIdent[] = {
  { "vbBinaryCompare", EXPRID_BINARY_COMPARE },
  { "vbTextCompare", EXPRID_TEXT_COMPARE },
  { "IgnoreAttributeFlow", EXPRID_IGNORE_ATTRIBUTE },
  { "IgnoreObjectFlow", EXPRID_IGNORE_OBJECT },
};

/* How many arguments a function takes, in words, for count messages. */
static void parse_count_text(const ExprFuncDef *pDef, char *zBuf, size_t nBuf){
  if( pDef->nMax==pDef->nMin ){
    snprintf(zBuf, nBuf, "%d argument%s", pDef->nMin, pDef->nMin==1 ? "" : "s");
  }else if( pDef->nMax<0 ){
    snprintf(zBuf, nBuf, "at least %d arguments", pDef->nMin);
  }else if( pDef->nMax==pDef->nMin+1 ){
    snprintf(zBuf, nBuf, "%d or %d arguments", pDef->nMin, pDef->nMax);
  }else{
    snprintf(zBuf, nBuf, "%d to %d arguments", pDef->nMin, pDef->nMax);
  }
}

static int parse_is_compare_const(const ExprNode *p){
  return p->eKind==EXPRN_IDENT
      && (p->iVal==EXPRID_BINARY_COMPARE || p->iVal==EXPRID_TEXT_COMPARE);
}

static int parse_is_top_only(const ExprNode *p){
  return p->eKind==EXPRN_CALL && (p->pFunc->mFlags & EXPRF_TOP_ONLY);
}

/* vbBinaryCompare / vbTextCompare anywhere but InStr's compareType. */
static int parse_misplaced_const(Parser *P, const ExprNode *p){
  return tserr_set(P->pErr, TS_ERR,
                   "column %d: expected a value, found the compare constant %s "
                   "(only InStr's compareType takes it)", p->iCol, p->z);
}

/* Compile-time rules every call obeys: the argument count, required
** arguments present, constants in their place, SelectUniqueValue not
** nested; then the function's own rules. */
static int parse_check_call(Parser *P, ExprNode *pCall){
  const ExprFuncDef *pDef = pCall->pFunc;
  char zCount[48], zParam[48];
  int k;
  if( pCall->nArg<pDef->nMin || (pDef->nMax>=0 && pCall->nArg>pDef->nMax) ){
    int iCol = pCall->nArg<pDef->nMin ? pCall->iColEnd : pCall->apArg[pDef->nMax]->iCol;
    parse_count_text(pDef, zCount, sizeof(zCount));
    return tserr_set(P->pErr, TS_ERR, "column %d: expected %s for %s(%s), found %d",
                     iCol, zCount, pDef->zName, pDef->zParams, pCall->nArg);
  }
  for(k=0; k<pCall->nArg; k++){
    const ExprNode *pArg = pCall->apArg[k];
    int bOptional = k<31 ? (pDef->mOptional>>k) & 1 : (pDef->mOptional & EXPRF_OPT_REST)!=0;
    if( pArg->eKind==EXPRN_OMITTED && !bOptional ){
      return tserr_set(P->pErr, TS_ERR, "column %d: expected a value for argument %d (%s) of %s, found '%c'",
                       pArg->iCol, k+1, expr_func_arg_param_name(pDef, k, zParam, sizeof(zParam)),
                       pDef->zName, (char)pArg->iVal);
    }
    if( parse_is_compare_const(pArg) && !(strcmp(pDef->zName, "InStr")==0 && k==3) ){
      return parse_misplaced_const(P, pArg);
    }
    if( parse_is_top_only(pArg) ){
      return tserr_set(P->pErr, TS_ERR,
                       "column %d: expected %s only as the whole expression, found it nested in %s",
                       pArg->iCol, pArg->pFunc->zName, pDef->zName);
    }
  }
  return pDef->xCheck ? pDef->xCheck(pCall, P->pErr) : TS_OK;
}

/* Append an argument node to a call, taking ownership. */
static int parse_add_arg(Parser *P, ExprNode *pCall, ExprNode *pArg){
  ExprNode **apNew = mem_realloc(pCall->apArg, (size_t)(pCall->nArg+1)*sizeof(ExprNode*));
  if( apNew==NULL ){
    expr_parse_node_free(pArg);
    return parse_nomem(P);
  }
  pCall->apArg = apNew;
  pCall->apArg[pCall->nArg++] = pArg;
  return TS_OK;
}

/* Parse the arguments of pCall from just after its '(' through its ')'. */
static int parse_args(Parser *P, ExprNode *pCall){
  int rc = TS_OK;
  parse_ws(P);
  if( P->z[P->i]==')' ) goto finish;
  for(;;){
    ExprNode *pArg = NULL;
    parse_ws(P);
    if( P->z[P->i]==',' || P->z[P->i]==')' ){
      pArg = parse_node(P, EXPRN_OMITTED, P->i);
      if( pArg==NULL ){ rc = TS_NOMEM; goto finish; }
      pArg->iVal = P->z[P->i];
    }else{
      rc = parse_expression(P, &pArg);
      if( rc ) goto finish;
    }
    rc = parse_add_arg(P, pCall, pArg);
    if( rc ) goto finish;
    parse_ws(P);
    if( P->z[P->i]==',' ){ P->i++; continue; }
    if( P->z[P->i]==')' ) break;
    rc = parse_expected(P, P->i, P->z[P->i]=='&'
                        ? "',' or ')' (there is no & operator: use Join or Append)" : "',' or ')'");
    goto finish;
  }
finish:
  return rc;
}

/* A call whose name (nName bytes at iName) is followed by '(' at P->i. The
** node goes to *ppNode as soon as it exists, so that the caller frees it
** on any error. */
static int parse_call(Parser *P, size_t iName, size_t nName, ExprNode **ppNode){
  char zName[64];
  const ExprFuncDef *pDef = NULL, *pNear = NULL;
  ExprNode *pCall;
  int rc = TS_OK;
  snprintf(zName, sizeof(zName), "%.*s", (int)nName, P->z + iName);
  if( nName<sizeof(zName) ){
    pDef = expr_func_find(zName);
    pNear = expr_func_find_nocase(zName);
  }
  if( pDef==NULL && pNear ){
    rc = tserr_set(P->pErr, TS_ERR,
                   "column %d: expected a known function (names are case-sensitive: %s), found '%s'",
                   parse_col(P, iName), pNear->zName, zName);
  }else if( pDef==NULL ){
    rc = tserr_set(P->pErr, TS_ERR, "column %d: expected a known function, found unknown function '%.*s'",
                   parse_col(P, iName), (int)nName, P->z + iName);
  }else if( P->nDepth>=EXPR_MAX_DEPTH ){
    rc = tserr_set(P->pErr, TS_ERR, "column %d: expected at most %d nested function calls, found more",
                   parse_col(P, iName), EXPR_MAX_DEPTH);
  }else if( (pCall = parse_node(P, EXPRN_CALL, iName))==NULL ){
    rc = TS_NOMEM;
  }else{
    *ppNode = pCall;
    pCall->pFunc = pDef;
    P->i++;
    P->nDepth++;
    rc = parse_args(P, pCall);
    if( rc==TS_OK ){
      pCall->iColEnd = parse_col(P, P->i);
      P->i++;
      P->nDepth--;
      rc = parse_check_call(P, pCall);
    }
  }
  return rc;
}

/* A name: a call if '(' follows, else one of the known identifiers. */
static int parse_name(Parser *P, ExprNode **ppNode){
  size_t iName = P->i, nName, iAfter;
  char zName[64];
  unsigned k;
  while( parse_is_letter(P->z[P->i]) || parse_is_digit(P->z[P->i]) || P->z[P->i]=='_' ) P->i++;
  nName = P->i - iName;
  iAfter = P->i;
  parse_ws(P);
  if( P->z[P->i]=='(' ) return parse_call(P, iName, nName, ppNode);
  P->i = iAfter;
  snprintf(zName, sizeof(zName), "%.*s", (int)nName, P->z + iName);
  for(k=0; k<sizeof(aIdent)/sizeof(aIdent[0]); k++){
    if( strlen(aIdent[k].zName)==nName && strncmp(aIdent[k].zName, P->z+iName, nName)==0 ){
      ExprNode *p = parse_node(P, EXPRN_IDENT, iName);
      if( p==NULL ) return TS_NOMEM;
      *ppNode = p;
      p->iVal = aIdent[k].e;
      p->z = mem_strdup(aIdent[k].zName);
      return p->z ? TS_OK : parse_nomem(P);
    }
  }
  if( nName<sizeof(zName) && expr_func_find(zName) ){
    char zExp[96];
    size_t iAt = P->i;
    while( P->z[iAt]==' ' || P->z[iAt]=='\t' || P->z[iAt]=='\r' || P->z[iAt]=='\n' ) iAt++;
    snprintf(zExp, sizeof(zExp), "'(' after the function name %s", zName);
    return parse_expected(P, iAt, zExp);
  }
  for(k=0; k<sizeof(aIdent)/sizeof(aIdent[0]) && nName<sizeof(zName); k++){
    if( strcasecmp(aIdent[k].zName, zName)==0 ){
      return tserr_set(P->pErr, TS_ERR,
                       "column %d: expected a known constant (names are case-sensitive: %s), found '%s'",
                       parse_col(P, iName), aIdent[k].zName, zName);
    }
  }
  return tserr_set(P->pErr, TS_ERR,
                   "column %d: expected a function call, attribute, string or number, found unknown name '%.*s'",
                   parse_col(P, iName), (int)nName, P->z + iName);
}

static int parse_operand(Parser *P, ExprNode **ppNode){
  char c = P->z[P->i];
  if( c=='[' ) return parse_attribute(P, ppNode);
  if( c=='"' ) return parse_string(P, ppNode);
  if( c=='-' || parse_is_digit(c) ) return parse_number(P, ppNode);
  if( c=='&' ) return parse_hex(P, ppNode);
  if( parse_is_letter(c) ) return parse_name(P, ppNode);
  return parse_expected(P, P->i, "a function call, attribute, string or number");
}

/* The comparison operator at P->i (consumed), or -1. */
static int parse_cmp_op(Parser *P){
  const char *z = P->z + P->i;
  if( z[0]=='=' ){ P->i += 1; return EXPRCMP_EQ; }
  if( z[0]=='<' && z[1]=='>' ){ P->i += 2; return EXPRCMP_NE; }
  if( z[0]=='<' && z[1]=='=' ){ P->i += 2; return EXPRCMP_LE; }
  if( z[0]=='>' && z[1]=='=' ){ P->i += 2; return EXPRCMP_GE; }
  if( z[0]=='<' ){ P->i += 1; return EXPRCMP_LT; }
  if( z[0]=='>' ){ P->i += 1; return EXPRCMP_GT; }
  return -1;
}

/* A comparison's operands may not be compare constants or SelectUniqueValue. */
static int parse_check_operands(Parser *P, const ExprNode *pCmp){
  int k, rc = TS_OK;
  for(k=0; k<2 && rc==TS_OK; k++){
    const ExprNode *pOp = pCmp->apArg[k];
    if( parse_is_compare_const(pOp) ){
      rc = parse_misplaced_const(P, pOp);
    }else if( parse_is_top_only(pOp) ){
      rc = tserr_set(P->pErr, TS_ERR,
                     "column %d: expected %s only as the whole expression, found it in a comparison",
                     pOp->iCol, pOp->pFunc->zName);
    }
  }
  return rc;
}

/* An operand, or two joined by a comparison operator. On success *ppNode
** owns the tree; on error everything is freed and *ppNode is NULL. */
static int parse_expression(Parser *P, ExprNode **ppNode){
  ExprNode *pLeft = NULL, *pRight = NULL, *pCmp = NULL;
  int rc, eOp;
  parse_ws(P);
  rc = parse_operand(P, &pLeft);
  if( rc ) goto free_operands;
  parse_ws(P);
  eOp = parse_cmp_op(P);
  if( eOp<0 ) goto free_operands;
  parse_ws(P);
  rc = parse_operand(P, &pRight);
  if( rc ) goto free_operands;
  parse_ws(P);
  pCmp = parse_node(P, EXPRN_COMPARE, P->i);
  if( pCmp ) pCmp->apArg = mem_calloc(2, sizeof(ExprNode*));
  if( pCmp==NULL || pCmp->apArg==NULL ){ rc = parse_nomem(P); goto free_operands; }
  pCmp->iCol = pLeft->iCol;
  pCmp->iVal = eOp;
  pCmp->apArg[0] = pLeft;
  pCmp->apArg[1] = pRight;
  pCmp->nArg = 2;
  pLeft = pCmp;
  pRight = pCmp = NULL;
  rc = parse_check_operands(P, pLeft);
free_operands:
  expr_parse_node_free(pCmp);
  expr_parse_node_free(pRight);
  if( rc ){
    expr_parse_node_free(pLeft);
    pLeft = NULL;
  }
  *ppNode = pLeft;
  return rc;
}

/* --------------------------------------------------------------- entry */

int expr_parse_run(const char *zText, Expr *pExpr, TsErr *pErr){
  Parser P;
  ExprNode *pRoot = NULL;
  int rc;
  size_t nChar = 0, i = 0;
  int nByte;
  memset(&P, 0, sizeof(P));
  P.z = zText;
  P.iCacheCol = 1;
  P.pExpr = pExpr;
  P.pErr = pErr;
  while( zText[i] ){
    if( ++nChar>EXPR_MAX_CHARS ){
      return tserr_set(pErr, TS_ERR, "column %d: expected at most %d characters, found more",
                       EXPR_MAX_CHARS+1, EXPR_MAX_CHARS);
    }
    expr_text_decode(zText+i, &nByte);
    i += (size_t)nByte;
  }
  rc = parse_expression(&P, &pRoot);
  if( rc==TS_OK ){
    parse_ws(&P);
    if( zText[P.i] ){
      rc = parse_expected(&P, P.i, zText[P.i]=='&' ? "end of expression (there is no & operator: use Join)"
                                                   : "end of expression");
    }else if( parse_is_compare_const(pRoot) ){
      rc = parse_misplaced_const(&P, pRoot);
    }
  }
  if( rc ){
    expr_parse_node_free(pRoot);
    return rc;
  }
  pExpr->pRoot = pRoot;
  return TS_OK;
}
