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
** function's documented parameter names).
*/
#ifndef TS_EXPR_GRAPH_H
#define TS_EXPR_GRAPH_H
#include <cjson/cJSON.h>
#include "strbuf.h"
#include "tserr.h"

/* Compile zExpr and build its attributeMappingSource tree in *ppSource
** (a new cJSON object the caller owns). The top-level "expression" is
** zExpr exactly as given. TS_OK; TS_ERR with the column in pErr when
** zExpr does not compile; TS_NOMEM. */
int expr_graph_source(const char *zExpr, cJSON **ppSource, TsErr *pErr);

/* Render an attributeMappingSource tree (as Graph exports it) to
** expression text in pOut, for sources that carry no "expression".
** TS_OK; TS_ERR with the JSON path below pSource ("parameters[1].value")
** and what was expected in pErr; TS_NOMEM. */
int expr_graph_text(const cJSON *pSource, StrBuf *pOut, TsErr *pErr);

#endif
