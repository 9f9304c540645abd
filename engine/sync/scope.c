/*
** scope.c — eligibility, assignment and scoping-filter evaluation.
*/
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mem.h"
#include "expr.h"
#include "directory.h"
#include "job.h"
#include "scope.h"

static const char *const azOp[] = {
  "EQUALS", "NOT EQUALS", "IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL",
  "REGEX MATCH", "NOT REGEX MATCH", "Greater_Than", "Greater_Than_OR_EQUALS",
  "Includes", "ENDS_WITH", "&", "!&",
};
#define N_OP ((int)(sizeof(azOp)/sizeof(azOp[0])))

int scope_op_find(const char *zName){
  int i;
  for(i=0; i<N_OP; i++){
    if( strcmp(azOp[i], zName)==0 ) return i;
  }
  return -1;
}

const char *scope_op_name(ScopeOp e){ return azOp[e]; }

int scope_op_is_unary(ScopeOp e){
  return e==OP_IS_TRUE || e==OP_IS_FALSE || e==OP_IS_NULL || e==OP_IS_NOT_NULL;
}

const char *scope_op_list(void){
  return "EQUALS, NOT EQUALS, IS TRUE, IS FALSE, IS NULL, IS NOT NULL, REGEX MATCH,"
         " NOT REGEX MATCH, Greater_Than, Greater_Than_OR_EQUALS, Includes, ENDS_WITH,"
         " &, !&";
}

const char *scope_attr_forbidden(const char *zName){
  int i = attr_find(zName);
  if( strcmp(zName, "userType")==0 || strcmp(zName, "manager")==0
   || strcmp(zName, "appRoleAssignments")==0 ){
    return "the provisioning service does not support it as a scoping attribute";
  }
  if( i>=0 && attr_info(i)->eType==ATTR_DATE ){
    return "date attributes cannot be scoping attributes";
  }
  return NULL;
}

/* Parse a whole decimal int64 (optional sign); 0 on success. */
static int scope_int(const char *z, int64_t *pv){
  char *zEnd;
  long long v;
  if( z==NULL || *z==0 || isspace((unsigned char)*z) ) return -1;
  errno = 0;
  v = strtoll(z, &zEnd, 10);
  if( errno || *zEnd ) return -1;
  *pv = (int64_t)v;
  return 0;
}

int scope_value_check(ScopeOp e, const char *zValue, char *zWhy, size_t nWhy){
  int64_t v;
  if( e==OP_REGEX_MATCH || e==OP_NOT_REGEX_MATCH ){
    ExprRegex *p = NULL;
    TsErr err;
    tserr_clear(&err);
    if( expr_regex_compile(zValue, &p, &err) ){
      snprintf(zWhy, nWhy, "the pattern does not compile: %s", err.zMsg);
      return err.rc==TS_NOMEM ? -2 : -1;
    }
    expr_regex_free(p);
  }else if( (e==OP_GREATER_THAN || e==OP_GREATER_THAN_OR_EQUALS) && scope_int(zValue, &v) ){
    snprintf(zWhy, nWhy, "%s compares integers; \"%s\" is not one", azOp[e], zValue);
    return -1;
  }
  return 0;
}

int scope_clause_prepare(Clause *c){
  ExprRegex *p = NULL;
  TsErr err;
  if( c->eOp!=OP_REGEX_MATCH && c->eOp!=OP_NOT_REGEX_MATCH ) return 0;
  if( expr_regex_compile(c->zValue ? c->zValue : "", &p, &err) ) return -1;
  c->pRegex = p;
  return 0;
}

void scope_clause_clear(Clause *c){
  mem_free(c->zValue);
  c->zValue = NULL;
  expr_regex_free((ExprRegex*)c->pRegex);
  c->pRegex = NULL;
}

/* Does the compiled pattern occur in z (searching, not anchored)? A
** matching failure (e.g. the match limit) counts as no match. */
static int scope_regex_search(const Clause *c, const char *z){
  TsErr err;
  return c->pRegex && expr_regex_search((const ExprRegex*)c->pRegex, z, &err)==1;
}

int scope_clause_eval(const Clause *c, const char *zValue){
  int bEmpty = zValue==NULL || zValue[0]==0;
  const char *zArg = c->zValue ? c->zValue : "";
  int64_t a, b;
  size_t nV, nA;
  switch( c->eOp ){
    case OP_IS_NULL:     return bEmpty;
    case OP_IS_NOT_NULL: return !bEmpty;
    default: break;
  }
  if( bEmpty ) return 0;
  switch( c->eOp ){
    case OP_EQUALS:          return strcmp(zValue, zArg)==0;
    case OP_NOT_EQUALS:      return strcmp(zValue, zArg)!=0;
    case OP_IS_TRUE:         return attr_is_true(zValue);
    case OP_IS_FALSE:        return strcasecmp(zValue, "False")==0 || strcmp(zValue, "0")==0;
    case OP_REGEX_MATCH:     return scope_regex_search(c, zValue);
    case OP_NOT_REGEX_MATCH: return !scope_regex_search(c, zValue);
    case OP_GREATER_THAN:
      return scope_int(zValue, &a)==0 && scope_int(zArg, &b)==0 && a>b;
    case OP_GREATER_THAN_OR_EQUALS:
      return scope_int(zValue, &a)==0 && scope_int(zArg, &b)==0 && a>=b;
    case OP_INCLUDES:        return strstr(zValue, zArg)!=NULL;
    case OP_ENDS_WITH:
      nV = strlen(zValue); nA = strlen(zArg);
      return nA<=nV && strcmp(zValue+nV-nA, zArg)==0;
    case OP_AND:             return strstr(zArg, zValue)!=NULL;
    case OP_NOT_AND:         return strstr(zArg, zValue)==NULL;
    default:                 return 0;
  }
}

/* Assigned directly, or a direct member of an assigned group. Never
** through a nested group: "only users that are direct members in the group
** will be in scope for provisioning ... The assignment doesn't cascade to
** nested groups" (Configure cross-tenant synchronization, step 7), and the
** provisioning service "can only read and provision users that are
** immediate members of an explicitly assigned group" (How Application
** Provisioning works, "Nested groups"). User.aGroup holds direct
** memberships only, so directory_is_member is the whole test. */
int scope_is_assigned(World *w, const Job *j, const User *u){
  int i;
  const Pair *p = pair_peek(j, u->id);
  if( p && p->bAssigned ) return 1;
  for(i=0; i<j->nGroupAssign; i++){
    if( directory_is_member(u, j->aGroupAssign[i]) ) return 1;
  }
  (void)w;
  return 0;
}

int scope_group_is_assigned(const Job *j, int iG){
  int i;
  for(i=0; i<j->nGroupAssign; i++) if( j->aGroupAssign[i]==iG ) return 1;
  return 0;
}

static int scope_filters_pass(const World *w, const Job *j, const User *u){
  int i, k;
  if( j->nFilter==0 ) return 1;
  for(i=0; i<j->nFilter; i++){
    const FilterGroup *g = &j->aFilter[i];
    for(k=0; k<g->nClause; k++){
      const Clause *c = &g->aClause[k];
      if( !scope_clause_eval(c, world_user_attr(w, u, c->iAttr)) ) break;
    }
    if( k==g->nClause ) return 1;
  }
  return 0;
}

int scope_eval(World *w, const Job *j, const User *u, OutReason *peReason){
  const char *zType = world_user_attr(w, u, A_USER_TYPE);
  OutReason e = OUT_NONE;
  if( !user_is_live(u) ){
    e = OUT_DELETED;
  }else if( u->zAltSecId || u->bInvited || (zType && strcmp(zType, "Member")!=0) ){
    e = OUT_NOT_INTERNAL_MEMBER;
  }else if( !j->bSyncAll && !scope_is_assigned(w, j, u) ){
    e = OUT_UNASSIGNED;
  }else if( !scope_filters_pass(w, j, u) ){
    e = OUT_FILTERED;
  }
  *peReason = e;
  return e==OUT_NONE;
}

const char *scope_reason_name(OutReason e){
  switch( e ){
    case OUT_DELETED:             return "deleted";
    case OUT_NOT_INTERNAL_MEMBER: return "not_internal_member";
    case OUT_DISABLED:            return "disabled";
    case OUT_UNASSIGNED:          return "unassigned";
    case OUT_FILTERED:            return "filtered";
    default:                      return "";
  }
}
