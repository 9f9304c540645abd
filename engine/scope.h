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
*/
#ifndef TS_SCOPE_H
#define TS_SCOPE_H
#include "world.h"

/* Scoping operator by its portal name ("EQUALS", "IS NOT NULL" ...), or -1. */
int scope_op_find(const char *zName);
const char *scope_op_name(ScopeOp e);
int scope_op_is_unary(ScopeOp e);

/* Evaluate one clause against a value (NULL = attribute not set). String
** comparison is case-sensitive; every operator but IS NULL / IS NOT NULL is
** false on a null or empty value. */
int scope_clause_eval(const Clause *c, const char *zValue);

/* Is user u assigned to job j (directly or as a direct group member)? */
int scope_is_assigned(World *w, const Job *j, const User *u);

/* Evaluate scope. Returns 1 when in scope (*peReason = OUT_NONE), else 0
** with *peReason saying why. */
int scope_eval(World *w, const Job *j, const User *u, OutReason *peReason);

/* Text for an OutReason: "deleted", "not_internal_member", "unassigned",
** "filtered", or "" for OUT_NONE. */
const char *scope_reason_name(OutReason e);

#endif
