/*
** exprInt.h — private interface between the files of the expression
** module (engine/expr*.c). Nothing outside those files includes it.
**
**   expr.c        public entry points, the evaluator (tree walk, argument
**                 evaluation, per-value mapping, comparisons)   expr_
**   expr_parse.c  lexer, parser and compile-time checks        expr_parse_
**   expr_func.c   the function table, list, Boolean, random and
**                 flow functions                                expr_func_
**   expr_func_arg.c  argument readers and parameter names       expr_func_arg_
**   expr_func_text.c the string functions (Append ... Replace)  expr_func_text_
**   expr_func_date.c the date functions (CDate ... FormatDateTime) expr_func_date_
**   expr_value.c  the value model: conversions and rendering    expr_value_
**   expr_text.c   UTF-8, casing, diacritics, PCase, encodings   expr_text_
**   expr_date.c   calendar, CDate, .NET date formats, DateAdd   expr_date_
**   expr_regex.c  PCRE2 with .NET replacement syntax            expr_regex_ (and
**                 the public expr_regex_*)
**   expr_graph.c  Graph attributeMappingSource trees, both ways graph_ (and
**                 the public expr_graph_*)
**
** The tree. A compiled expression is a tree of ExprNode. A call node holds
** its resolved function definition and its arguments in source order; an
** argument left empty between commas is an EXPRN_OMITTED node (so that
** "omitted" and "empty string" stay distinct, which Replace and Switch
** need). A comparison node has exactly two operands. Every node records the
** 1-based character column where it starts, for messages. Each node owns
** its children and strings.
**
** Values. ExprValue is a tagged union; a value owns its strings. The
** canonical form of a list has at least two strings: a list of one is
** stored as a string and an empty list as null, so functions test for
** EXPRV_MULTI only where more than one value is possible.
**
** Status codes. Internal functions return TS_OK, TS_ERR or TS_NOMEM, or
** one of the EXPR_SIG_* signals below, which unwind the evaluation like
** an exception and become an ExprOutcome in expr_eval.
*/
#ifndef TS_EXPRINT_H
#define TS_EXPRINT_H
#include <stddef.h>
#include <stdint.h>
#include "expr.h"
#include "strbuf.h"
#include "tserr.h"

#define EXPR_SIG_IGNORE_FLOW   100   /* IgnoreFlowIfNullOrEmpty / IgnoreAttributeFlow */
#define EXPR_SIG_IGNORE_OBJECT 101   /* IgnoreObjectFlow */
#define EXPR_SIG_ESCROW        102   /* SelectUniqueValue found every candidate taken */

/* ---------------------------------------------------------------- values */

typedef enum ExprType {
  EXPRV_ABSENT,   /* an omitted argument (nothing between the commas) */
  EXPRV_NULL,     /* an absent attribute, or a function's null result */
  EXPRV_STRING,   /* z */
  EXPRV_MULTI,    /* az[0..n-1], n >= 2 */
  EXPRV_BOOL,     /* i: 0 or 1 */
  EXPRV_NUMBER,   /* i */
  EXPRV_DATE      /* i: 100-ns ticks since 0001-01-01T00:00:00Z (.NET DateTime.Ticks) */
} ExprType;

typedef struct ExprValue {
  ExprType eType;
  char *z;
  char **az;
  int n;
  int64_t i;
} ExprValue;

/* A growing list of owned strings, turned into a value by expr_value_set_list. */
typedef struct ExprList {
  char **az;
  int n, nAlloc;
} ExprList;

/* Size of the buffer expr_value_text may render a non-string scalar into. */
#define EXPRVAL_BUFSZ 64

void expr_value_init(ExprValue *v);                 /* EXPRV_NULL */
void expr_value_clear(ExprValue *v);                /* free and reset to EXPRV_NULL */
void expr_value_move(ExprValue *pTo, ExprValue *pFrom);   /* pTo cleared first; pFrom becomes null */
int  expr_value_copy(ExprValue *pTo, const ExprValue *pFrom);
void expr_value_set_bool(ExprValue *v, int b);
void expr_value_set_number(ExprValue *v, int64_t i);
void expr_value_set_date(ExprValue *v, int64_t iTicks);
/* Take ownership of z (NULL = allocation failed: returns TS_NOMEM, v null). */
int  expr_value_take_string(ExprValue *v, char *z);
int  expr_value_set_string(ExprValue *v, const char *z, size_t n);
/* Take the StrBuf's contents (TS_NOMEM if it failed to grow). */
int  expr_value_take_strbuf(ExprValue *v, StrBuf *pBuf);
/* Text of a scalar: the string itself, or True/False, the decimal number or
** the M/d/yyyy h:mm:ss tt date rendered into zBuf[EXPRVAL_BUFSZ]. NULL for
** null, absent and multi-valued values. */
const char *expr_value_text(const ExprValue *v, char *zBuf);
/* Number of strings the value stands for: 0 null/absent, n multi, else 1. */
int  expr_value_count(const ExprValue *v);
/* String k of the value (0 <= k < expr_value_count), rendered like expr_value_text. */
const char *expr_value_item(const ExprValue *v, int k, char *zBuf);
/* Parse a whole decimal integer: optional surrounding blanks, optional
** sign, digits, no overflow. 0 on success, -1 otherwise. */
int  expr_value_parse_int(const char *z, int64_t *pi);

int  expr_value_list_add(ExprList *pList, const char *z, size_t n);   /* copies */
void expr_value_list_free(ExprList *pList);
/* Move the list into v in canonical form (0 -> null, 1 -> string). */
void expr_value_set_list(ExprValue *v, ExprList *pList);

/* ----------------------------------------------------------------- text */

/* Decode the code point at z (not at the NUL); *pn gets its byte length.
** An invalid byte decodes as U+FFFD of length 1, so every string walks. */
uint32_t expr_text_decode(const char *z, int *pn);
void expr_text_append_cp(StrBuf *p, uint32_t c);
size_t expr_text_len(const char *z);                    /* code points */
size_t expr_text_offset(const char *z, size_t nChar);   /* byte offset of char nChar, clamped */
uint32_t expr_text_upper_cp(uint32_t c);
uint32_t expr_text_lower_cp(uint32_t c);
/* Append z upper- or lower-cased (invariant culture; bTurkish: tr/az rules
** for dotted and dotless i). */
void expr_text_case(StrBuf *p, const char *z, int bUpper, int bTurkish);
/* PCase: zSeps NULL = .NET ToTitleCase word boundaries. */
void expr_text_pcase(StrBuf *p, const char *z, const char *zSeps);
void expr_text_normalize_diacritics(StrBuf *p, const char *z);
/* Characters (code points) in the first iByte bytes of z: the character
** index of byte offset iByte. */
int64_t expr_text_char_index(const char *z, size_t iByte);
void expr_text_base64_utf16(StrBuf *p, const char *z);
void expr_text_utf8_hex(StrBuf *p, const char *z);
/* Character index (0-based) of the first occurrence of zNeedle in zHay at
** or after character iStart, or -1; -2 if an allocation failed. bFold:
** compare case-insensitively (invariant simple case folding). */
int64_t expr_text_find(const char *zHay, const char *zNeedle, int64_t iStart, int bFold);

/* ----------------------------------------------------------------- dates */

#define EXPRDATE_TICKS_PER_SECOND INT64_C(10000000)
#define EXPRDATE_UNIX_EPOCH_TICKS INT64_C(621355968000000000)   /* 1970-01-01 */
#define EXPRDATE_FILETIME_TICKS   INT64_C(504911232000000000)   /* 1601-01-01 */
#define EXPRDATE_MAX_TICKS        INT64_C(3155378975999999999)  /* 9999-12-31 23:59:59.9999999 */

/* DateTimeStyles flags (FormatDateTime's second argument). */
#define EXPRDATE_ALLOW_LEADING_WHITE  0x01
#define EXPRDATE_ALLOW_TRAILING_WHITE 0x02
#define EXPRDATE_ALLOW_INNER_WHITE    0x04
#define EXPRDATE_NO_CURRENT_DATE      0x08
#define EXPRDATE_DEFAULT_STYLES (EXPRDATE_ALLOW_LEADING_WHITE|EXPRDATE_ALLOW_TRAILING_WHITE)

/* Render ticks as M/d/yyyy h:mm:ss tt into zBuf[EXPRVAL_BUFSZ]. */
char *expr_date_render(int64_t iTicks, char *zBuf);
/* CDate's lenient parse; 0 and UTC ticks, or -1. See expr_date.c. */
int expr_date_parse(const char *z, int64_t *piTicks);
/* Parse a comma-separated list of DateTimeStyles names; 0 or -1. */
int expr_date_styles(const char *z, unsigned *pm);
/* .NET DateTime.ParseExact with a custom or standard format, the result
** converted to UTC; date parts the format lacks default from iNowTicks as
** .NET does. 0, or -1 with a reason in zWhy[nWhy]. */
int expr_date_parse_exact(const char *z, const char *zFmt, unsigned mStyles,
                         int64_t iNowTicks, int64_t *piTicks, char *zWhy, size_t nWhy);
/* .NET DateTime.ToString(zFmt, InvariantCulture) of a UTC time; appends
** to p. 0, or -1 for an invalid format. */
int expr_date_format(StrBuf *p, int64_t iTicks, const char *zFmt);
/* DateAdd: 0, -1 unknown interval, -2 result outside years 1..9999. */
int expr_date_add(const char *zInterval, int64_t n, int64_t iTicks, int64_t *piOut);
/* DateDiff (VB semantics): 0, or -1 for an unknown interval. */
int expr_date_diff(const char *zInterval, int64_t iT1, int64_t iT2, int64_t *piOut);

/* ----------------------------------------------------------------- regex */

/* Regex.Replace(zSubject, pattern, zReplacement) with .NET's $-syntax. */
int expr_regex_replace(const ExprRegex *pRe, const char *zSubject, const char *zRepl,
                   StrBuf *pOut, TsErr *pErr);
/* In every match, replace the text captured by group zGroup by zRepl
** (taken literally). */
int expr_regex_replace_group(const ExprRegex *pRe, const char *zSubject, const char *zGroup,
                         const char *zRepl, StrBuf *pOut, TsErr *pErr);
/* Append the capture of group zGroup in the first match ("" if none). */
int expr_regex_group_capture(const ExprRegex *pRe, const char *zSubject, const char *zGroup,
                         StrBuf *pOut, TsErr *pErr);
/* 1 if the pattern has a group named zGroup. */
int expr_regex_has_group(const ExprRegex *pRe, const char *zGroup);

/* ----------------------------------------------------------------- tree */

typedef enum ExprNodeKind {
  EXPRN_CALL, EXPRN_ATTR, EXPRN_STRING, EXPRN_NUMBER, EXPRN_HEX,
  EXPRN_IDENT, EXPRN_COMPARE, EXPRN_OMITTED
} ExprNodeKind;

typedef enum ExprCmp { EXPRCMP_EQ, EXPRCMP_NE, EXPRCMP_LT, EXPRCMP_LE, EXPRCMP_GT, EXPRCMP_GE } ExprCmp;

/* The bare identifiers the language knows (EXPRN_IDENT's iVal). */
typedef enum ExprIdent {
  EXPRID_BINARY_COMPARE, EXPRID_TEXT_COMPARE, EXPRID_IGNORE_ATTRIBUTE, EXPRID_IGNORE_OBJECT
} ExprIdent;

typedef struct ExprFuncDef ExprFuncDef;

typedef struct ExprNode {
  ExprNodeKind eKind;
  int iCol;                   /* 1-based character column of the node's first character */
  int iColEnd;                /* EXPRN_CALL: column of its closing ')' */
  char *z;                    /* STRING value (unescaped), NUMBER digits as written,
                              ** ATTR name, IDENT name; NULL otherwise */
  int64_t iVal;               /* HEX value, IDENT ExprIdent, COMPARE ExprCmp */
  const ExprFuncDef *pFunc;   /* EXPRN_CALL */
  struct ExprNode **apArg;    /* CALL arguments / COMPARE's two operands */
  int nArg;
  ExprRegex *pRegex;          /* Replace with a constant pattern: compiled once */
} ExprNode;

struct Expr {
  ExprNode *pRoot;
  char **azAttr;              /* distinct attribute names, first-appearance order */
  int nAttr, nAttrAlloc;
};

void expr_parse_node_free(ExprNode *p);
/* Parse zText into a tree (pExpr->pRoot) and fill pExpr->azAttr. */
int expr_parse_run(const char *zText, Expr *pExpr, TsErr *pErr);

/* ------------------------------------------------------------ evaluation */

typedef struct ExprCtx {
  const ExprEnv *pEnv;
  TsErr *pErr;
  int bRedact;                /* Redact() was evaluated */
} ExprCtx;

/* Evaluate one node into *pOut (initialised by the callee). */
int expr_node_eval(ExprCtx *p, const ExprNode *pNode, ExprValue *pOut);
/* Set a runtime error "column N: Name: <message>" and return TS_ERR. */
int expr_node_error(ExprCtx *p, const ExprNode *pCall, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/* ------------------------------------------------------------- functions */

#define EXPRF_LAZY       0x01   /* evaluates its own arguments (aArg is NULL) */
#define EXPRF_MAP_SOURCE 0x02   /* a multi-valued first argument maps value by value */
#define EXPRF_TOP_ONLY   0x04   /* only as the whole expression (SelectUniqueValue) */

#define EXPRF_OPT_REST   0x80000000u   /* mOptional: arguments past bit 30 may be omitted */

/* A function reads its evaluated arguments aArg[0..nArg-1] (an omitted one
** is EXPRV_ABSENT; lazy functions get NULL and evaluate pCall's argument
** nodes themselves) and fills *pOut, which arrives initialised to null. */
typedef int (*ExprFuncImpl)(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg,
                            ExprValue *pOut);
typedef int (*ExprFuncCheck)(ExprNode *pCall, TsErr *pErr);

struct ExprFuncDef {
  const char *zName;          /* exact, case-sensitive spelling */
  const char *zParams;        /* parameter list for messages */
  int nMin, nMax;             /* argument count range; nMax -1 = unbounded */
  unsigned mOptional;         /* bit i: argument i may be omitted */
  unsigned mFlags;            /* EXPRF_* */
  ExprFuncCheck xCheck;       /* further compile-time rules, or NULL */
  ExprFuncImpl xImpl;
};

/* The definition named zName, exactly, or NULL. */
const ExprFuncDef *expr_func_find(const char *zName);
/* The definition whose name equals zName ignoring ASCII case, or NULL. */
const ExprFuncDef *expr_func_find_nocase(const char *zName);

/* ------------------------------------------------ function arguments */

/* Size of a buffer for one parameter name. */
#define EXPR_FUNC_ARG_PARAM_SZ 48

/* Name of parameter i of a definition (for messages) into zBuf[nBuf]. */
const char *expr_func_arg_param_name(const ExprFuncDef *pDef, int i, char *zBuf, size_t nBuf);
/* Name of parameter k of pCall's function into zBuf[EXPR_FUNC_ARG_PARAM_SZ]. */
const char *expr_func_arg_param(const ExprNode *pCall, int k, char *zBuf);
/* A short description of a value for messages, in zBuf[nBuf] or static. */
const char *expr_func_arg_describe(const ExprValue *v, char *zBuf, size_t nBuf);
/* The readers below return TS_OK, or TS_ERR with a runtime error naming
** argument k (expr_node_error). */
/* Text of argument k into *pz (NULL when null or absent; may point into
** zBuf[EXPRVAL_BUFSZ] or aArg); a multi-valued argument is an error. */
int expr_func_arg_text(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                       char *zBuf, const char **pz);
/* Argument k as an integer (a number, or a string of one); required. */
int expr_func_arg_int(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k, int64_t *pi);
/* Argument k as ticks: a DateTime, or a string CDate accepts; *pbNull = 1
** for null or absent. */
int expr_func_arg_date(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, int k,
                       int64_t *pi, int *pbNull);
/* Truth of a condition: Booleans, "True"/"False" in any case, integers
** (non-zero is true); null is false. */
int expr_func_arg_truth(ExprCtx *p, const ExprNode *pCall, const ExprValue *v, int *pb);

/* ------------------------------------- the table's functions by family */

#define EXPR_FUNC_IMPL(name) \
  int name(ExprCtx *p, const ExprNode *pCall, const ExprValue *aArg, ExprValue *pOut)

/* expr_func_text.c */
EXPR_FUNC_IMPL(expr_func_text_append);
EXPR_FUNC_IMPL(expr_func_text_base64);
EXPR_FUNC_IMPL(expr_func_text_utf8hex);
EXPR_FUNC_IMPL(expr_func_text_cstr);
EXPR_FUNC_IMPL(expr_func_text_left);
EXPR_FUNC_IMPL(expr_func_text_mid);
EXPR_FUNC_IMPL(expr_func_text_normalize);
EXPR_FUNC_IMPL(expr_func_text_pcase);
EXPR_FUNC_IMPL(expr_func_text_stripspaces);
EXPR_FUNC_IMPL(expr_func_text_tolower);
EXPR_FUNC_IMPL(expr_func_text_toupper);
EXPR_FUNC_IMPL(expr_func_text_word);
EXPR_FUNC_IMPL(expr_func_text_instr);
EXPR_FUNC_IMPL(expr_func_text_replace);
int expr_func_text_check_instr(ExprNode *pCall, TsErr *pErr);
int expr_func_text_check_replace(ExprNode *pCall, TsErr *pErr);

/* expr_func_date.c */
EXPR_FUNC_IMPL(expr_func_date_cdate);
EXPR_FUNC_IMPL(expr_func_date_now);
EXPR_FUNC_IMPL(expr_func_date_dateadd);
EXPR_FUNC_IMPL(expr_func_date_datediff);
EXPR_FUNC_IMPL(expr_func_date_datefromnum);
EXPR_FUNC_IMPL(expr_func_date_numfromdate);
EXPR_FUNC_IMPL(expr_func_date_formatdatetime);
int expr_func_date_check_formatdatetime(ExprNode *pCall, TsErr *pErr);

#endif
