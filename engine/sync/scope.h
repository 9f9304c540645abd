/*
** scope.h — who a job provisions: eligibility, assignment, scoping filters.
**
** Evaluation order follows the service's scoping step (entra-facts §5,
** §14.3): the user must exist (not deleted), be an internal member of the
** source (no alternativeSecurityIds, userType Member), be assigned to the
** job directly or as a direct member of an assigned group (nested groups do
** not count) unless the job syncs all users, and pass the scoping filters:
** clauses of a filter group are ANDed, filter groups ORed; no filter
** groups means everyone passes. A disabled user is in scope (so that the
** disable flows as an update), but is never created.
**
** Operators (expressions.md §4): string comparisons are case-sensitive and
** ordinal; every binary operator is false on a null or empty value (so NOT
** EQUALS and NOT REGEX MATCH are false there too); IS NULL / IS NOT NULL test
** emptiness. REGEX MATCH searches (unanchored, like .NET's Regex.IsMatch)
** with the expression language's .NET-flavoured PCRE2 patterns
** (expr_regex_*: the same engine Replace uses). Greater_Than and Greater_Than_OR_EQUALS compare 64-bit
** integers; a value that is not an integer makes the clause false. "&" is
** true when the attribute's value occurs in the clause's value and "!&"
** when it does not — the documentation's own words ("the evaluated
** attribute exists in the input string value"); Microsoft never clarified
** them, so this reading is tenantsim's choice.
*/
#ifndef TS_SCOPE_H
#define TS_SCOPE_H
#include <stddef.h>
#include "world.h"

typedef struct Job Job;

/* Scoping filter operators, as the portal names them (scope.c). */
typedef enum ScopeOp {
  OP_EQUALS, OP_NOT_EQUALS, OP_IS_TRUE, OP_IS_FALSE, OP_IS_NULL, OP_IS_NOT_NULL,
  OP_REGEX_MATCH, OP_NOT_REGEX_MATCH, OP_GREATER_THAN, OP_GREATER_THAN_OR_EQUALS,
  OP_INCLUDES, OP_ENDS_WITH, OP_AND, OP_NOT_AND
} ScopeOp;

typedef struct Clause {
  int iAttr;
  ScopeOp eOp;
  char *zValue;            /* NULL for unary operators */
  void *pRegex;            /* compiled pattern (ExprRegex*) for the REGEX
                           ** operators, owned; NULL otherwise */
} Clause;

typedef struct FilterGroup {
  char *zTitle;
  Clause *aClause;
  int nClause;
} FilterGroup;

/* Why a (job, source user) pair is out of scope; see scope.h. */
typedef enum OutReason {
  OUT_NONE = 0, OUT_DELETED, OUT_NOT_INTERNAL_MEMBER, OUT_DISABLED,
  OUT_UNASSIGNED, OUT_FILTERED
} OutReason;


/* Scoping operator by its portal name ("EQUALS", "IS NOT NULL",
** "Greater_Than", "&" ...; exact case), or -1. */
int scope_op_find(const char *zName);
const char *scope_op_name(ScopeOp e);
int scope_op_is_unary(ScopeOp e);
/* The operator names, comma-separated, for messages. */
const char *scope_op_list(void);

/* Is attribute zName forbidden as a scoping attribute (userType, manager,
** appRoleAssignments, date attributes)? Returns the reason or NULL. */
const char *scope_attr_forbidden(const char *zName);

/* Check that clause value zValue is usable with operator e: a pattern that
** compiles for the REGEX operators, an integer for Greater_Than*. 0 when
** fine, else -1 with a reason in zWhy[nWhy], or -2 when memory ran out
** (which says nothing about the value). */
int scope_value_check(ScopeOp e, const char *zValue, char *zWhy, size_t nWhy);

/* Prepare clause c for evaluation (compile its pattern). 0, or -1 when the
** pattern does not compile or memory ran out. scope_clause_clear frees what
** it holds (value and pattern). */
int scope_clause_prepare(Clause *c);
void scope_clause_clear(Clause *c);

/* Evaluate one clause against a value (NULL = attribute not set). */
int scope_clause_eval(const Clause *c, const char *zValue);

/* Is user u assigned to job j (directly or as a direct group member)? */
int scope_is_assigned(World *w, const Job *j, const User *u);

/* Is source group iG assigned to job j? */
int scope_group_is_assigned(const Job *j, int iG);

/* Evaluate scope. Returns 1 when in scope (*peReason = OUT_NONE), else 0
** with *peReason saying why. */
int scope_eval(World *w, const Job *j, const User *u, OutReason *peReason);

/* Text for an OutReason: "deleted", "not_internal_member", "unassigned",
** "filtered", or "" for OUT_NONE. */
const char *scope_reason_name(OutReason e);

#endif
