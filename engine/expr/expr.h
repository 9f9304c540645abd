/*
** expr.h — the Entra attribute-mapping expression language.
**
** An expression such as
**     Join("@", ToLower([givenName]), "fabrikam.com")
** is compiled once into an Expr (a syntax tree whose function calls have
** been resolved and checked) and evaluated many times, once per user, by
** expr_eval(). The language follows /work/shared/reference/expressions.md
** (“the spec”): function calls, [attribute] references, "string"
** constants with \" and \\ escapes, bare integers, &H hexadecimal
** integers, the comparison operators = <> > >= < <= and the bare enum
** constants vbBinaryCompare / vbTextCompare (InStr) and the flow keywords
** IgnoreAttributeFlow / IgnoreObjectFlow.
**
** Values. Every intermediate value is null, a string, a list of strings
** (multi-valued attribute, Split result), a Boolean, an integer or a UTC
** date-time. A result is rendered to strings: Booleans as True/False,
** integers in decimal, date-times as M/d/yyyy h:mm:ss tt (UTC).
**
** Text is UTF-8. Lengths and positions (Left, Mid, InStr, Word, the
** 10,000-character limit, error columns) count Unicode code points, not
** bytes. (.NET counts UTF-16 code units, so a character outside the Basic
** Multilingual Plane counts 1 here and 2 in the service.)
**
** Determinism. Nothing here reads the wall clock or a global random source:
** Now() is ExprEnv.tNowEpoch and Guid()/RandomString() draw from
** ExprEnv.pRng, so the same seed and clock give the same results.
**
** Ownership. An Expr owns its tree; expr_free releases it. An ExprResult
** owns its strings; expr_result_free releases them. Nothing in this module
** prints; every failure is an int status (engine/tserr.h) and a message in
** the caller's TsErr.
*/
#ifndef TS_EXPR_H
#define TS_EXPR_H
#include <stdint.h>
#include "rng.h"
#include "tserr.h"

/* Longest expression accepted, in characters (code points). */
#define EXPR_MAX_CHARS 10000
/* Deepest nesting of function calls accepted. */
#define EXPR_MAX_DEPTH 100

typedef struct Expr Expr;   /* a compiled expression: parsed once, evaluated many times */

/* Compile zText (at most EXPR_MAX_CHARS characters) into *ppExpr, which the
** caller frees with expr_free. On a syntax error return TS_ERR, leave
** *ppExpr NULL and write "column N: expected ..., found ..." into pErr,
** where N is the 1-based character position (counted from the start of
** the text, newlines included) of the offending character or of the end
** of the text. Function names are case-sensitive (a wrong-case name is an
** error that names the right spelling); unknown functions, argument counts
** outside a function's range, omitted required arguments, an odd Switch,
** a Replace without a valid parameter combination, a Replace whose
** constant pattern is not a valid regular expression, and SelectUniqueValue
** anywhere but at the top level are compile errors too. TS_NOMEM on
** allocation failure. */
int expr_compile(const char *zText, Expr **ppExpr, TsErr *pErr);

/* Release an expression; NULL is a no-op. */
void expr_free(Expr *p);

/* The attribute names the expression reads ([name] references), each once,
** in order of first appearance, for validation against a catalog. The
** strings are owned by the Expr. */
int expr_attr_count(const Expr *p);
const char *expr_attr_name(const Expr *p, int i);

/* 1 if the expression calls the function named zName (exact spelling)
** anywhere, else 0. Lets a caller find SelectUniqueValue (creates only)
** or the non-deterministic Now/Guid/RandomString. */
int expr_uses_function(const Expr *p, const char *zName);

/* What an evaluation may consult. */
typedef struct ExprEnv {
  /* Look up source attribute zName: set *pazVal and *pnVal to its values (n==0:
  ** null/absent; n==1 single; n>1 multi-valued). Return 0; the strings stay
  ** owned by the callee and valid during the evaluation. A non-zero return
  ** aborts the evaluation with TS_ERR. NULL: every attribute is absent. */
  int (*xAttr)(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal);
  void *pCtx;
  int64_t tNowEpoch;       /* Now(): seconds since 1970, UTC (the simulated clock) */
  Rng *pRng;               /* Guid(), RandomString(): draws from this seeded stream */
  /* SelectUniqueValue: does the target already hold zValue (for the mapped
  ** attribute)? Non-zero = taken. NULL = nothing is taken. */
  int (*xTaken)(void *pCtx, const char *zValue);
} ExprEnv;

typedef enum ExprOutcome {
  EXPR_VALUE,          /* azValue/nValue hold the rendered value(s) */
  EXPR_NULL,           /* the expression is null: the attribute is not written */
  EXPR_IGNORE_FLOW,    /* IgnoreFlowIfNullOrEmpty fired or IgnoreAttributeFlow was
                       ** reached: leave the target attribute as it is */
  EXPR_ESCROW,         /* SelectUniqueValue: every candidate is taken */
  EXPR_IGNORE_OBJECT   /* IgnoreObjectFlow was reached: skip the whole object */
} ExprOutcome;

typedef struct ExprResult {
  ExprOutcome eOutcome;
  char **azValue;      /* EXPR_VALUE: nValue >= 1 strings, owned by the result */
  int nValue;          /* 0 unless EXPR_VALUE */
  int bRedact;         /* the value passed through Redact(): logs show "[Redact]" */
} ExprResult;

/* Release the strings of a result and reset it to EXPR_NULL; NULL is a
** no-op, and so is a result that was never filled (zeroed). */
void expr_result_free(ExprResult *p);

/* Evaluate p against pEnv into *pOut (overwritten; free it with
** expr_result_free whatever the status). Runtime errors — argument values
** the service rejects, such as Item past the end, an unparsable CDate or an
** unknown DateAdd interval — return TS_ERR with a message
** "column N: Function: ..." naming the function and the column of its
** name; TS_NOMEM on allocation failure. On error *pOut is EXPR_NULL. */
int expr_eval(const Expr *p, const ExprEnv *pEnv, ExprResult *pOut, TsErr *pErr);

/*
** Regular expressions (.NET flavour, run on PCRE2), for Replace and for the
** scoping operators REGEX MATCH / NOT REGEX MATCH. Matching is an
** unanchored search, case-sensitive, like .NET's Regex.IsMatch with
** RegexOptions.None. See expr_regex.c for the .NET-vs-PCRE2 differences.
*/
typedef struct ExprRegex ExprRegex;

/* Compile zPattern into *pp (free with expr_regex_free). TS_ERR with
** "offset N: <reason>" for a bad pattern; TS_NOMEM on allocation failure. */
int expr_regex_compile(const char *zPattern, ExprRegex **pp, TsErr *pErr);
void expr_regex_free(ExprRegex *p);
/* 1 if zSubject (NULL counts as "") contains a match, 0 if not, -1 on an
** error while matching (message in pErr). */
int expr_regex_search(const ExprRegex *p, const char *zSubject, TsErr *pErr);

/* One-shot helper for scoping filters: 1 match, 0 no match, -1 bad pattern
** or matching failure (message in pErr). Compiles the pattern every call;
** callers evaluating one clause for many users should compile once. The
** scoping rule "false if the value is null or empty" (so NOT REGEX MATCH
** is false on an empty value too) is the caller's: this only matches. */
int expr_regex_match(const char *zPattern, const char *zSubject, TsErr *pErr);

#endif
