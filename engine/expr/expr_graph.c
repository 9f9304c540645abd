/*
** expr_graph.c — expressions as Microsoft Graph attributeMappingSource
** trees, both ways: expr_graph_source builds the tree of a compiled
** expression, expr_graph_text writes the expression a tree stands for.
**
** Node kinds. The parser produces seven kinds of node; Graph's type enum
** has three (Attribute, Constant, Function), so four kinds need a choice:
**   [attr]        Attribute, name = the attribute name
**   "text"        Constant, name = the unescaped value, expression = the
**                 quoted form (\" and \\ escaped, as the language writes it)
**   1000, -10     Constant with the digits as name and "\"1000\"" as
**                 expression, as Graph writes Mid's start and length. A
**                 number literal evaluates as the string of its digits,
**                 so nothing is lost.
**   &HF7          Constant named "&HF7" (hex digits upper-cased), expression
**                 &HF7 unquoted. A hex literal is an integer, not a string
**                 (two integers compare numerically), so expr_graph_text
**                 reads a Constant named &H<hex digits> back as a hex number.
**                 Graph's form for hex literals is not documented; this is
**                 ours, and a string constant spelled like a hex literal
**                 ("&HFF") does not survive the trip through a tree.
**   F(a, b)       Function, parameters keyed as below
**   a = b         Function named by the operator (= <> < <= > >=) with
**                 parameters "left" and "right". Graph documents no form
**                 for comparisons (IIF's condition); this one is ours.
**   vbTextCompare, IgnoreAttributeFlow (bare identifiers)
**                 Function with no parameters, expression the bare name;
**                 expr_graph_text writes such a Function without "()".
** An omitted argument (nothing between two commas) gets no parameter at
** all: Graph's own parseExpression example turns
** Replace([preferredLanguage], "-", , , "_", , ) into the three parameters
** source, Find and Replacement. The keys say where each argument goes,
** so expr_graph_text puts the empty arguments back.
**
** Parameter keys. The service keys parameters by the names of its
** function schema (GET .../schema/functions, attributeMappingFunctionSchema;
** microsoft-graph-docs-contrib synchronizationschema-functions.md), not
** always by the names of the expression reference: the documented
** parseExpression response and the Salesforce objectMapping example key
** Replace's oldValue and replacementValue as "Find" and "Replacement"
** (/work/shared/reference/graph-examples/objectmapping-template-example-
** salesforce.json). So the function schema decides wherever it lists the
** function: Append, FormatDateTime, Join, Mid, Not, Replace,
** SingleAppRoleAssignment, Split, StripSpaces, Switch. A parameter the
** schema marks allowMultipleOccurrences repeats its one name: every source
** of Join is "source", every key and value of Switch is "switchValue". No
** exported schema with Join or Switch was found to confirm this on the
** wire. The other functions use the reference's parameter names (spec §2,
** with its spelling and case: CBool's "Expression", Left's "String"); its
** numbered repeats are numbered: SelectUniqueValue's uniqueValueRule1,
** uniqueValueRule2, ... and Coalesce's source1, source2, ... (its last
** argument is not called defaultValue: the syntax cannot tell the two
** apart). AppRoleAssignmentsComplex takes "source" like the schema's
** AppRoleAssignments and SingleAppRoleAssignment. FormatDateTime's
** dateTimeStyles, which the schema leaves out, keeps the reference's name.
** AltSecIdFromNetId (the cross-tenant default mapping) is not a function
** the parser knows, so there is no row for it; expr_graph_text still
** writes it, in parameter order.
**
** Canonical text. Every "expression" below the top is the subtree written
** canonically: calls as Name(a, b), comparisons as a = b, every constant
** quoted (1 is written "1", see above), hex as &HF7, trailing omitted
** arguments dropped, and FormatDateTime with an omitted dateTimeStyles in
** its 3-argument form (both forms give the same tree). expr_graph_text
** writes exactly this form, so text(source(E)) compiles to the tree of E.
**
** Reading trees (expr_graph_text) is for input from files: every property
** is checked, errors name the JSON path below the source given, and the
** nesting depth is bounded so that a hostile file cannot exhaust the stack.
** "type" may be absent (Graph's default is Attribute) and so may
** "parameters" (an empty list); "expression" is ignored. Parameters whose
** keys are not those of the function's row (or of a function the parser
** does not know) are written in array order.
**
** This file reads the parser's tree (exprInt.h) and builds cJSON; it
** borrows jsonloc_type_name (jsonloc.h) to describe values in messages.
*/
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "expr_graph.h"
#include "exprInt.h"
#include "jsonloc.h"
#include "mem.h"

/* A compiled expression nests at most EXPR_MAX_DEPTH calls, and any call's
** argument may be a comparison of calls, so its tree has at most
** 2*EXPR_MAX_DEPTH+2 levels (the leaf included). */
#define GRAPH_MAX_DEPTH (2*EXPR_MAX_DEPTH + 2)
/* Highest argument position a numbered key (source9999) may name. */
#define GRAPH_MAX_SLOT  EXPR_MAX_CHARS
#define GRAPH_MAX_KEYS  7

/* ------------------------------------------------------------ the table */

/* The parameter keys of one function, in argument order. */
typedef struct GraphFunc {
  const char *zName;
  const char *azKey[GRAPH_MAX_KEYS];   /* NULL-terminated when shorter */
  int iRepeat;      /* key index repeated for every later argument, or -1 */
  int bNumbered;    /* the repeated key is numbered: source1, source2, ... */
  int iShort;       /* argument a call with one argument fewer leaves out
                    ** (FormatDateTime's dateTimeStyles), or -1 */
} GraphFunc;

static const GraphFunc aGraphFunc[] = {
  { "Append", { "source", "suffix" }, -1, 0, -1 },
  { "AppRoleAssignmentsComplex", { "source" }, -1, 0, -1 },
  { "BitAnd", { "value1", "value2" }, -1, 0, -1 },
  { "CBool", { "Expression" }, -1, 0, -1 },
  { "CDate", { "expression" }, -1, 0, -1 },
  { "Coalesce", { "source" }, 0, 1, -1 },
  { "ConvertToBase64", { "source" }, -1, 0, -1 },
  { "ConvertToUTF8Hex", { "source" }, -1, 0, -1 },
  { "Count", { "attribute" }, -1, 0, -1 },
  { "CStr", { "value" }, -1, 0, -1 },
  { "DateAdd", { "interval", "value", "dateTime" }, -1, 0, -1 },
  { "DateDiff", { "interval", "date1", "date2" }, -1, 0, -1 },
  { "DateFromNum", { "value" }, -1, 0, -1 },
  { "FormatDateTime", { "source", "dateTimeStyles", "inputFormat", "outputFormat" }, -1, 0, 1 },
  { "Guid", { NULL }, -1, 0, -1 },
  { "IgnoreFlowIfNullOrEmpty", { "expression" }, -1, 0, -1 },
  { "IIF", { "condition", "valueIfTrue", "valueIfFalse" }, -1, 0, -1 },
  { "InStr", { "value1", "value2", "start", "compareType" }, -1, 0, -1 },
  { "IsNull", { "Expression" }, -1, 0, -1 },
  { "IsNullOrEmpty", { "Expression" }, -1, 0, -1 },
  { "IsPresent", { "Expression" }, -1, 0, -1 },
  { "IsString", { "Expression" }, -1, 0, -1 },
  { "Item", { "attribute", "index" }, -1, 0, -1 },
  { "Join", { "separator", "source" }, 1, 0, -1 },
  { "Left", { "String", "NumChars" }, -1, 0, -1 },
  { "Mid", { "source", "start", "length" }, -1, 0, -1 },
  { "NormalizeDiacritics", { "source" }, -1, 0, -1 },
  { "Not", { "source" }, -1, 0, -1 },
  { "Now", { NULL }, -1, 0, -1 },
  { "NumFromDate", { "value" }, -1, 0, -1 },
  { "PCase", { "source", "wordSeparators" }, -1, 0, -1 },
  { "RandomString", { "Length", "MinimumNumbers", "MinimumSpecialCharacters", "MinimumCapital",
                      "MinimumLowerCase", "CharactersToAvoid" }, -1, 0, -1 },
  { "Redact", { "value" }, -1, 0, -1 },
  { "RemoveDuplicates", { "attribute" }, -1, 0, -1 },
  { "Replace", { "source", "Find", "RegularExpression", "RegularExpressionGroupName", "Replacement",
                 "ReplacementPropertyName", "Template" }, -1, 0, -1 },
  { "SelectUniqueValue", { "uniqueValueRule" }, 0, 1, -1 },
  { "SingleAppRoleAssignment", { "source" }, -1, 0, -1 },
  { "Split", { "source", "delimiter" }, -1, 0, -1 },
  { "StripSpaces", { "source" }, -1, 0, -1 },
  { "Switch", { "source", "defaultValue", "switchValue" }, 2, 0, -1 },
  { "ToLower", { "source", "culture" }, -1, 0, -1 },
  { "ToUpper", { "source", "culture" }, -1, 0, -1 },
  { "Word", { "String", "WordNumber", "Delimiters" }, -1, 0, -1 },
};

/* Operators in ExprCmp order. */
static const char *const azGraphCmp[] = { "=", "<>", "<", "<=", ">", ">=" };

/* The bare identifiers of the language (ExprIdent), written without "()". */
static const char *const azGraphIdent[] = {
  "vbBinaryCompare", "vbTextCompare", "IgnoreAttributeFlow", "IgnoreObjectFlow"
};

static const GraphFunc *graph_func(const char *zName){
  size_t k;
  for(k=0; k<sizeof(aGraphFunc)/sizeof(aGraphFunc[0]); k++){
    if( strcmp(aGraphFunc[k].zName, zName)==0 ) return &aGraphFunc[k];
  }
  return NULL;
}

static int graph_nkey(const GraphFunc *pRow){
  int n = 0;
  while( n<GRAPH_MAX_KEYS && pRow->azKey[n] ) n++;
  return n;
}

/* Key of argument position iSlot into zBuf[nBuf]; NULL past the last key
** of a function without repeats. */
static const char *graph_slot_key(const GraphFunc *pRow, int iSlot, char *zBuf, size_t nBuf){
  int nKey = graph_nkey(pRow);
  if( pRow->iRepeat<0 ) return iSlot<nKey ? pRow->azKey[iSlot] : NULL;
  if( iSlot<pRow->iRepeat ) return pRow->azKey[iSlot];
  if( !pRow->bNumbered ) return pRow->azKey[pRow->iRepeat];
  snprintf(zBuf, nBuf, "%s%d", pRow->azKey[pRow->iRepeat], iSlot - pRow->iRepeat + 1);
  return zBuf;
}

/* Argument position of key zKey for a parameter that follows one at
** position iPrev (-1 for the first); -1 if zKey is not a key of pRow. */
static int graph_key_slot(const GraphFunc *pRow, const char *zKey, int iPrev){
  int nFixed = pRow->iRepeat>=0 ? pRow->iRepeat : graph_nkey(pRow);
  const char *zBase, *z;
  size_t nBase;
  int k, iNum = 0;
  for(k=0; k<nFixed; k++){
    if( strcmp(pRow->azKey[k], zKey)==0 ) return k;
  }
  if( pRow->iRepeat<0 ) return -1;
  zBase = pRow->azKey[pRow->iRepeat];
  if( !pRow->bNumbered ){
    if( strcmp(zBase, zKey)!=0 ) return -1;
    return iPrev+1>pRow->iRepeat ? iPrev+1 : pRow->iRepeat;
  }
  nBase = strlen(zBase);
  if( strncmp(zBase, zKey, nBase)!=0 || zKey[nBase]<'1' || zKey[nBase]>'9' ) return -1;
  for(z=zKey+nBase; *z>='0' && *z<='9'; z++){
    iNum = iNum*10 + (*z - '0');
    if( iNum>GRAPH_MAX_SLOT ) return -1;
  }
  return *z ? -1 : pRow->iRepeat + iNum - 1;
}

/* ------------------------------------------------------ canonical text */

/* The arguments of a call as the canonical form writes them: without the
** omitted argument iSkip (FormatDateTime's styles) and without trailing
** omitted ones. */
typedef struct GraphArgs {
  const ExprNode *pCall;
  const GraphFunc *pRow;
  int iSkip;        /* argument left out, or -1 */
  int n;            /* arguments written */
} GraphArgs;

/* Written argument i (NULL when omitted). */
static const ExprNode *graph_arg(const GraphArgs *a, int i){
  const ExprNode *p = a->pCall->apArg[a->iSkip>=0 && i>=a->iSkip ? i+1 : i];
  return p->eKind==EXPRN_OMITTED ? NULL : p;
}

static void graph_args(const ExprNode *pCall, const GraphFunc *pRow, GraphArgs *a){
  int nKey = graph_nkey(pRow);
  a->pCall = pCall;
  a->pRow = pRow;
  a->iSkip = -1;
  a->n = pCall->nArg;
  if( pRow->iShort>=0 && pCall->nArg==nKey && pCall->apArg[pRow->iShort]->eKind==EXPRN_OMITTED ){
    a->iSkip = pRow->iShort;
    a->n--;
  }
  while( a->n>0 && graph_arg(a, a->n-1)==NULL ) a->n--;
}

/* Argument position (for its key) of written argument i: a short
** FormatDateTime call has no dateTimeStyles, so its later arguments sit
** one position further on. */
static int graph_arg_slot(const GraphArgs *a, int i){
  int nKey = graph_nkey(a->pRow);
  if( a->pRow->iShort>=0 && a->n<nKey && i>=a->pRow->iShort ) return i + (nKey - a->n);
  return i;
}

/* Append z as a string constant of the language. */
void expr_graph_quote(StrBuf *p, const char *z){
  strbuf_appendc(p, '"');
  for(; *z; z++){
    if( *z=='"' || *z=='\\' ) strbuf_appendc(p, '\\');
    strbuf_appendc(p, *z);
  }
  strbuf_appendc(p, '"');
}

static void graph_hex(StrBuf *p, int64_t i){
  strbuf_printf(p, "&H%" PRIX64, (uint64_t)i);
}

/* Append the canonical text of a node. Returns TS_ERR only for a call to
** a function missing from aGraphFunc (message in pErr). */
static int graph_render(StrBuf *p, const ExprNode *pNode, TsErr *pErr){
  int rc = TS_OK, k;
  switch( pNode->eKind ){
    case EXPRN_ATTR:
      strbuf_printf(p, "[%s]", pNode->z);
      break;
    case EXPRN_STRING:
    case EXPRN_NUMBER:
      expr_graph_quote(p, pNode->z);
      break;
    case EXPRN_HEX:
      graph_hex(p, pNode->iVal);
      break;
    case EXPRN_IDENT:
      strbuf_append(p, pNode->z);
      break;
    case EXPRN_OMITTED:
      break;
    case EXPRN_COMPARE:
      rc = graph_render(p, pNode->apArg[0], pErr);
      strbuf_printf(p, " %s ", azGraphCmp[pNode->iVal]);
      if( rc==TS_OK ) rc = graph_render(p, pNode->apArg[1], pErr);
      break;
    case EXPRN_CALL: {
      const GraphFunc *pRow = graph_func(pNode->pFunc->zName);
      GraphArgs a;
      if( pRow==NULL ){
        return tserr_set(pErr, TS_ERR, "column %d: %s has no Graph parameter names",
                         pNode->iCol, pNode->pFunc->zName);
      }
      graph_args(pNode, pRow, &a);
      strbuf_printf(p, "%s(", pNode->pFunc->zName);
      for(k=0; k<a.n && rc==TS_OK; k++){
        const ExprNode *pArg = graph_arg(&a, k);
        if( k>0 ) strbuf_append(p, ", ");
        if( pArg ) rc = graph_render(p, pArg, pErr);
      }
      strbuf_appendc(p, ')');
      break;
    }
  }
  return rc;
}

/* ------------------------------------------------- building the tree */

static int graph_nomem(TsErr *pErr){
  return tserr_set(pErr, TS_NOMEM, "out of memory building an attributeMappingSource");
}

/* A new source {"expression", "name", "parameters": [], "type"} in Graph's
** property order; *ppParams gets its parameters array. NULL when an
** allocation failed. */
static cJSON *graph_new_source(const char *zExpr, const char *zName, const char *zType,
                               cJSON **ppParams){
  cJSON *p = cJSON_CreateObject();
  cJSON *pParams = NULL;
  if( p==NULL
   || cJSON_AddStringToObject(p, "expression", zExpr)==NULL
   || cJSON_AddStringToObject(p, "name", zName)==NULL
   || (pParams = cJSON_AddArrayToObject(p, "parameters"))==NULL
   || cJSON_AddStringToObject(p, "type", zType)==NULL ){
    cJSON_Delete(p);
    return NULL;
  }
  *ppParams = pParams;
  return p;
}

static int graph_build(const ExprNode *pNode, const char *zExpr, cJSON **ppOut, TsErr *pErr);

/* Append {"key": zKey, "value": <source of pArg>} to pParams. */
static int graph_add_param(cJSON *pParams, const char *zKey, const ExprNode *pArg, TsErr *pErr){
  cJSON *pValue = NULL, *pPair = NULL;
  int rc = graph_build(pArg, NULL, &pValue, pErr);
  if( rc ) goto free_json;
  pPair = cJSON_CreateObject();
  if( pPair==NULL || cJSON_AddStringToObject(pPair, "key", zKey)==NULL
   || !cJSON_AddItemToObject(pPair, "value", pValue) ){
    rc = graph_nomem(pErr);
    goto free_json;
  }
  pValue = NULL;
  cJSON_AddItemToArray(pParams, pPair);
  pPair = NULL;
free_json:
  cJSON_Delete(pValue);
  cJSON_Delete(pPair);
  return rc;
}

/* The parameters of a call, keyed by its row. */
static int graph_call_params(const ExprNode *pCall, cJSON *pParams, TsErr *pErr){
  const GraphFunc *pRow = graph_func(pCall->pFunc->zName);
  GraphArgs a;
  char zKey[64];
  int k, rc = TS_OK;
  graph_args(pCall, pRow, &a);
  for(k=0; k<a.n && rc==TS_OK; k++){
    const ExprNode *pArg = graph_arg(&a, k);
    const char *z;
    if( pArg==NULL ) continue;
    z = graph_slot_key(pRow, graph_arg_slot(&a, k), zKey, sizeof(zKey));
    if( z==NULL ){
      return tserr_set(pErr, TS_ERR, "column %d: %s has no Graph name for argument %d",
                       pArg->iCol, pRow->zName, k+1);
    }
    rc = graph_add_param(pParams, z, pArg, pErr);
  }
  return rc;
}

/* Build the source of pNode into *ppOut. zExpr is its "expression", or
** NULL for the canonical text. */
static int graph_build(const ExprNode *pNode, const char *zExpr, cJSON **ppOut, TsErr *pErr){
  StrBuf text, name;
  cJSON *pSrc = NULL, *pParams = NULL;
  const char *zName = pNode->z, *zType = "Function";
  int rc = TS_OK;
  strbuf_init(&text);
  strbuf_init(&name);
  *ppOut = NULL;
  if( zExpr==NULL ){
    rc = graph_render(&text, pNode, pErr);
    if( rc ) goto free_all;
    zExpr = strbuf_str(&text);
  }
  switch( pNode->eKind ){
    case EXPRN_ATTR:    zType = "Attribute"; break;
    case EXPRN_STRING:
    case EXPRN_NUMBER:  zType = "Constant"; break;
    case EXPRN_HEX:     zType = "Constant"; graph_hex(&name, pNode->iVal); zName = strbuf_str(&name); break;
    case EXPRN_COMPARE: zName = azGraphCmp[pNode->iVal]; break;
    case EXPRN_CALL:    zName = pNode->pFunc->zName; break;
    default:            break;
  }
  if( text.bErr || name.bErr ){ rc = graph_nomem(pErr); goto free_all; }
  pSrc = graph_new_source(zExpr, zName, zType, &pParams);
  if( pSrc==NULL ){ rc = graph_nomem(pErr); goto free_all; }
  if( pNode->eKind==EXPRN_COMPARE ){
    rc = graph_add_param(pParams, "left", pNode->apArg[0], pErr);
    if( rc==TS_OK ) rc = graph_add_param(pParams, "right", pNode->apArg[1], pErr);
  }else if( pNode->eKind==EXPRN_CALL ){
    rc = graph_call_params(pNode, pParams, pErr);
  }
  if( rc ) goto free_all;
  *ppOut = pSrc;
  pSrc = NULL;
free_all:
  cJSON_Delete(pSrc);
  strbuf_free(&text);
  strbuf_free(&name);
  return rc;
}

int expr_graph_source(const char *zExpr, cJSON **ppSource, TsErr *pErr){
  Expr *pExpr = NULL;
  int rc;
  *ppSource = NULL;
  rc = expr_compile(zExpr, &pExpr, pErr);
  if( rc==TS_OK ) rc = graph_build(pExpr->pRoot, zExpr ? zExpr : "", ppSource, pErr);
  expr_free(pExpr);
  return rc;
}

/* ------------------------------------------------- reading a tree */

typedef struct GraphText {
  StrBuf *pOut;
  TsErr *pErr;
  char zPath[256];      /* JSON path of the current source below the root */
  size_t nPath;
} GraphText;

/* Append ".zChild" (or "zChild" at the root) to the path; returns the old
** length for graph_path_pop. A path too long for the buffer is cut. */
static size_t graph_path_push(GraphText *T, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 2, 3)))
#endif
  ;
static size_t graph_path_push(GraphText *T, const char *zFmt, ...){
  size_t nOld = T->nPath, nRoom = sizeof(T->zPath) - T->nPath;
  va_list ap;
  int n;
  if( T->nPath>0 && nRoom>1 ){
    T->zPath[T->nPath++] = '.';
    T->zPath[T->nPath] = 0;
    nRoom--;
  }
  va_start(ap, zFmt);
  n = vsnprintf(T->zPath + T->nPath, nRoom, zFmt, ap);
  va_end(ap);
  T->nPath += n<0 ? 0 : ((size_t)n<nRoom ? (size_t)n : nRoom-1);
  return nOld;
}

static void graph_path_pop(GraphText *T, size_t nOld){
  T->nPath = nOld;
  T->zPath[nOld] = 0;
}

/* "PATH: message" (or just the message at the root); returns TS_ERR. */
static int graph_text_error(GraphText *T, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 2, 3)))
#endif
  ;
static int graph_text_error(GraphText *T, const char *zFmt, ...){
  char zMsg[sizeof(T->pErr->zMsg)];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof(zMsg), zFmt, ap);
  va_end(ap);
  return tserr_set(T->pErr, TS_ERR, "%s%s%s", T->zPath, T->nPath ? ": " : "", zMsg);
}

/* What a JSON value is, for "found ...": a string is quoted (into zBuf[nBuf]). */
static const char *graph_found(const cJSON *p, char *zBuf, size_t nBuf){
  if( !cJSON_IsString(p) ) return jsonloc_type_name(p);
  snprintf(zBuf, nBuf, "\"%.40s%s\"", p->valuestring, strlen(p->valuestring)>40 ? "..." : "");
  return zBuf;
}

/* Check that property zKey of pObj is a string; *pz gets it. */
static int graph_text_string(GraphText *T, const cJSON *pObj, const char *zKey, const char **pz){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  char zBuf[64];
  size_t nOld;
  int rc;
  *pz = NULL;
  if( cJSON_IsString(p) ){
    *pz = p->valuestring;
    return TS_OK;
  }
  nOld = graph_path_push(T, "%s", zKey);
  rc = graph_text_error(T, "expected a string, found %s", graph_found(p, zBuf, sizeof(zBuf)));
  graph_path_pop(T, nOld);
  return rc;
}

static int graph_is_name(const char *z){
  if( !((*z>='A' && *z<='Z') || (*z>='a' && *z<='z')) ) return 0;
  for(z++; *z; z++){
    if( !((*z>='A' && *z<='Z') || (*z>='a' && *z<='z') || (*z>='0' && *z<='9') || *z=='_') ) return 0;
  }
  return 1;
}

static int graph_is_hex(const char *z){
  if( z[0]!='&' || z[1]!='H' || z[2]==0 ) return 0;
  for(z+=2; *z; z++){
    if( !((*z>='0' && *z<='9') || (*z>='A' && *z<='F') || (*z>='a' && *z<='f')) ) return 0;
  }
  return 1;
}

static int graph_in(const char *z, const char *const *az, size_t n){
  size_t k;
  for(k=0; k<n; k++){
    if( strcmp(az[k], z)==0 ) return 1;
  }
  return 0;
}

static int graph_text_node(GraphText *T, const cJSON *pSrc, int iDepth);

/* Check parameter i ({"key": string, "value": ...}); *pzKey gets its key. */
static int graph_text_pair(GraphText *T, const cJSON *pPair, int i, const char **pzKey){
  char zBuf[64];
  size_t nOld = graph_path_push(T, "parameters[%d]", i);
  int rc = TS_OK;
  if( !cJSON_IsObject(pPair) ){
    rc = graph_text_error(T, "expected a {\"key\", \"value\"} object, found %s",
                          graph_found(pPair, zBuf, sizeof(zBuf)));
  }else if( (rc = graph_text_string(T, pPair, "key", pzKey))==TS_OK
         && cJSON_GetObjectItemCaseSensitive(pPair, "value")==NULL ){
    graph_path_push(T, "value");
    rc = graph_text_error(T, "expected an attributeMappingSource object, found nothing");
  }
  graph_path_pop(T, nOld);
  return rc;
}

/* Render the value of parameter i. */
static int graph_text_value(GraphText *T, const cJSON *pPair, int i, int iDepth){
  size_t nOld = graph_path_push(T, "parameters[%d].value", i);
  int rc = graph_text_node(T, cJSON_GetObjectItemCaseSensitive(pPair, "value"), iDepth+1);
  graph_path_pop(T, nOld);
  return rc;
}

/* Argument positions of a call's parameters from their keys: the first
** pass of graph_text_call. 1 when every key belongs to pRow in increasing
** positions; *piDrop is the position to leave out (FormatDateTime without
** dateTimeStyles) or -1. */
static int graph_text_keyed(const GraphFunc *pRow, const cJSON *pParams, int *piDrop){
  const cJSON *pPair;
  int iPrev = -1, bShort = 0;
  *piDrop = -1;
  if( pRow==NULL ) return 0;
  cJSON_ArrayForEach(pPair, pParams){
    const cJSON *pKey = cJSON_GetObjectItemCaseSensitive(pPair, "key");
    int iSlot = graph_key_slot(pRow, pKey->valuestring, iPrev);
    if( iSlot<=iPrev ) return 0;
    if( iSlot==pRow->iShort ) bShort = 1;
    iPrev = iSlot;
  }
  if( pRow->iShort>=0 && !bShort && iPrev>pRow->iShort ) *piDrop = pRow->iShort;
  return 1;
}

/* Name(arguments): each parameter at the position its key names, empty
** arguments between; in array order when the keys are not the row's. */
static int graph_text_call(GraphText *T, const char *zName, const cJSON *pParams, int iDepth){
  const GraphFunc *pRow = graph_func(zName);
  const cJSON *pPair;
  int iDrop, i = 0, iPrev = -1, iPos = -1, rc = TS_OK;
  int bKeyed = graph_text_keyed(pRow, pParams, &iDrop);
  strbuf_printf(T->pOut, "%s(", zName);
  cJSON_ArrayForEach(pPair, pParams){
    int iSlot = i;
    if( bKeyed ){
      iPrev = graph_key_slot(pRow, cJSON_GetObjectItemCaseSensitive(pPair, "key")->valuestring, iPrev);
      iSlot = iDrop>=0 && iPrev>iDrop ? iPrev-1 : iPrev;
    }
    while( iPos<iSlot ){
      if( ++iPos>0 ) strbuf_append(T->pOut, ", ");
    }
    rc = graph_text_value(T, pPair, i++, iDepth);
    if( rc ) break;
  }
  strbuf_appendc(T->pOut, ')');
  return rc;
}

/* Check and render one source. */
static int graph_text_node(GraphText *T, const cJSON *pSrc, int iDepth){
  const cJSON *pType, *pParams, *pPair;
  const char *zType = "Attribute", *zName, *zKey;
  char zBuf[64];
  int rc, i = 0, nParam;
  if( iDepth>GRAPH_MAX_DEPTH ){
    return graph_text_error(T, "nested too deeply (more than %d levels of parameters)", GRAPH_MAX_DEPTH);
  }
  if( !cJSON_IsObject(pSrc) ){
    return graph_text_error(T, "expected an attributeMappingSource object, found %s",
                            graph_found(pSrc, zBuf, sizeof(zBuf)));
  }
  pType = cJSON_GetObjectItemCaseSensitive(pSrc, "type");
  if( pType && !cJSON_IsNull(pType) && (rc = graph_text_string(T, pSrc, "type", &zType))!=0 ) return rc;
  if( strcmp(zType, "Attribute")!=0 && strcmp(zType, "Constant")!=0 && strcmp(zType, "Function")!=0 ){
    size_t nOld = graph_path_push(T, "type");
    rc = graph_text_error(T, "expected \"Attribute\", \"Constant\" or \"Function\", found %s",
                          graph_found(pType, zBuf, sizeof(zBuf)));
    graph_path_pop(T, nOld);
    return rc;
  }
  if( (rc = graph_text_string(T, pSrc, "name", &zName))!=0 ) return rc;
  pParams = cJSON_GetObjectItemCaseSensitive(pSrc, "parameters");
  if( pParams && !cJSON_IsNull(pParams) && !cJSON_IsArray(pParams) ){
    size_t nOld = graph_path_push(T, "parameters");
    rc = graph_text_error(T, "expected an array, found %s", graph_found(pParams, zBuf, sizeof(zBuf)));
    graph_path_pop(T, nOld);
    return rc;
  }
  nParam = cJSON_GetArraySize(pParams);
  cJSON_ArrayForEach(pPair, pParams){
    if( (rc = graph_text_pair(T, pPair, i++, &zKey))!=0 ) return rc;
  }
  if( zType[0]!='F' && nParam>0 ){
    size_t nOld = graph_path_push(T, "parameters");
    rc = graph_text_error(T, "expected no parameters for %s %s, found %d",
                          zType[0]=='A' ? "an" : "a", zType, nParam);
    graph_path_pop(T, nOld);
    return rc;
  }
  if( zType[0]=='C' ){
    if( graph_is_hex(zName) ) strbuf_append(T->pOut, zName);
    else expr_graph_quote(T->pOut, zName);
  }else if( zType[0]=='A' ){
    if( zName[0]==0 || strchr(zName, ']') ){
      size_t nOld = graph_path_push(T, "name");
      rc = graph_text_error(T, "expected an attribute name without ']', found %s",
                            graph_found(cJSON_GetObjectItemCaseSensitive(pSrc, "name"), zBuf, sizeof(zBuf)));
      graph_path_pop(T, nOld);
      return rc;
    }
    strbuf_printf(T->pOut, "[%s]", zName);
  }else if( graph_in(zName, azGraphCmp, sizeof(azGraphCmp)/sizeof(azGraphCmp[0])) ){
    if( nParam!=2 ){
      size_t nOld = graph_path_push(T, "parameters");
      rc = graph_text_error(T, "expected 2 operands for the comparison %s, found %d", zName, nParam);
      graph_path_pop(T, nOld);
      return rc;
    }
    rc = graph_text_value(T, cJSON_GetArrayItem(pParams, 0), 0, iDepth);
    strbuf_printf(T->pOut, " %s ", zName);
    if( rc==TS_OK ) rc = graph_text_value(T, cJSON_GetArrayItem(pParams, 1), 1, iDepth);
  }else if( !graph_is_name(zName) ){
    size_t nOld = graph_path_push(T, "name");
    rc = graph_text_error(T, "expected a function name, found %s",
                          graph_found(cJSON_GetObjectItemCaseSensitive(pSrc, "name"), zBuf, sizeof(zBuf)));
    graph_path_pop(T, nOld);
  }else if( nParam==0 && graph_in(zName, azGraphIdent, sizeof(azGraphIdent)/sizeof(azGraphIdent[0])) ){
    strbuf_append(T->pOut, zName);
  }else{
    rc = graph_text_call(T, zName, pParams, iDepth);
  }
  return rc;
}

int expr_graph_text(const cJSON *pSource, StrBuf *pOut, TsErr *pErr){
  GraphText T;
  int rc;
  memset(&T, 0, sizeof(T));
  T.pOut = pOut;
  T.pErr = pErr;
  rc = graph_text_node(&T, pSource, 1);
  if( rc==TS_OK && pOut->bErr ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory writing an expression");
  }
  return rc;
}
