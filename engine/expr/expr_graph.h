/*
** expr_graph.h — expressions in Microsoft Graph's attributeMappingSource
** shape, both ways (part of the expression module, engine/expr_graph.c).
**
** A synchronizationSchema carries each mapping's source as a tree:
**   {"expression": "Mid([userPrincipalName], 1, 8)", "name": "Mid",
**    "type": "Function", "parameters": [{"key": "source", "value": {...}},
**    {"key": "start", "value": {...}}, {"key": "length", "value": {...}}]}
** with "type" Attribute ([name]), Constant (name is the unquoted value,
** expression the quoted one) or Function (parameters keyed by the
** function's parameter names). expr_graph.c's head comment lists how each
** kind of expression node is represented and where the keys come from.
*/
#ifndef TS_EXPR_GRAPH_H
#define TS_EXPR_GRAPH_H
#include <cjson/cJSON.h>
#include "strbuf.h"
#include "tserr.h"

/* Compile zExpr and build its attributeMappingSource tree in *ppSource
** (a new cJSON object the caller frees with cJSON_Delete; NULL on error).
** The top-level "expression" is zExpr exactly as given, nested ones the
** canonical text of their subtree. TS_OK; TS_ERR with the compiler's
** "column N: ..." message in pErr when zExpr does not compile; TS_NOMEM. */
int expr_graph_source(const char *zExpr, cJSON **ppSource, TsErr *pErr);

/* Append to pOut the expression text an attributeMappingSource tree (as
** Graph exports it) stands for, in canonical form; every "expression"
** property is ignored. The text is not compiled here: pass it to
** expr_compile. TS_OK; TS_ERR with the JSON path below pSource
** ("parameters[1].value.type: expected ...") in pErr, also for a tree
** nested too deeply; TS_NOMEM. On error pOut may hold part of the text. */
int expr_graph_text(const cJSON *pSource, StrBuf *pOut, TsErr *pErr);

/* Append z as an expression string constant: in double quotes, with "
** and \ escaped by a backslash (the language's only escapes). */
void expr_graph_quote(StrBuf *p, const char *z);

#endif
