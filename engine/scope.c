/*
** scope.c — eligibility, assignment and scoping-filter evaluation.
*/
#include <string.h>
#include "directory.h"
#include "scope.h"

static const char *const azOp[] = {
  "EQUALS", "NOT EQUALS", "IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL",
};

int scope_op_find(const char *zName){
  int i;
  for(i=0; i<(int)(sizeof(azOp)/sizeof(azOp[0])); i++){
    if( strcmp(azOp[i], zName)==0 ) return i;
  }
  return -1;
}

const char *scope_op_name(ScopeOp e){ return azOp[e]; }

int scope_op_is_unary(ScopeOp e){ return e!=OP_EQUALS && e!=OP_NOT_EQUALS; }

int scope_clause_eval(const Clause *c, const char *zValue){
  int bEmpty = zValue==NULL || zValue[0]==0;
  switch( c->eOp ){
    case OP_IS_NULL:     return bEmpty;
    case OP_IS_NOT_NULL: return !bEmpty;
    default: break;
  }
  if( bEmpty ) return 0;
  switch( c->eOp ){
    case OP_EQUALS:     return strcmp(zValue, c->zValue)==0;
    case OP_NOT_EQUALS: return strcmp(zValue, c->zValue)!=0;
    case OP_IS_TRUE:    return attr_is_true(zValue);
    case OP_IS_FALSE:   return !attr_is_true(zValue);
    default:            return 0;
  }
}

int scope_is_assigned(World *w, const Job *j, const User *u){
  int i;
  if( u->id<=j->nPair && j->aPair[u->id-1].bAssigned ) return 1;
  for(i=0; i<j->nGroupAssign; i++){
    if( dir_is_member(u, j->aGroupAssign[i]) ) return 1;
  }
  (void)w;
  return 0;
}

static int scope_filters_pass(const Job *j, const User *u){
  int i, k;
  if( j->nFilter==0 ) return 1;
  for(i=0; i<j->nFilter; i++){
    const FilterGroup *g = &j->aFilter[i];
    for(k=0; k<g->nClause; k++){
      const Clause *c = &g->aClause[k];
      if( !scope_clause_eval(c, u->azAttr[c->iAttr]) ) break;
    }
    if( k==g->nClause ) return 1;
  }
  return 0;
}

int scope_eval(World *w, const Job *j, const User *u, OutReason *peReason){
  const char *zType = u->azAttr[A_USER_TYPE];
  OutReason e = OUT_NONE;
  if( !user_is_live(u) ){
    e = OUT_DELETED;
  }else if( u->zAltSecId || u->zCreationType || (zType && strcmp(zType, "Member")!=0) ){
    e = OUT_NOT_INTERNAL_MEMBER;
  }else if( !j->bSyncAll && !scope_is_assigned(w, j, u) ){
    e = OUT_UNASSIGNED;
  }else if( !scope_filters_pass(j, u) ){
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
