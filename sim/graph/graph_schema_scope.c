/*
** graph_schema_scope.c — import of the User mapping's scope into the
** scenario's scopingFilters: filter groups and their clauses, with the
** clauses on unmodelled or forbidden attributes resolved to always true or
** always false (graph_schema.c's head comment).
*/
#include <stdio.h>
#include <string.h>
#include "graph_schema.h"
#include "graph_schemaInt.h"
#include "scope.h"

/* What became of a scoping clause. */
enum { GS_CLAUSE_KEPT, GS_CLAUSE_FALSE, GS_CLAUSE_TRUE, GS_CLAUSE_BAD };

/* The value of a binary clause c at zPath (operator zOp, index iOp):
** targetOperand.values[0], checked for the operator, into *pzVal. Returns
** GS_CLAUSE_KEPT, or GS_CLAUSE_BAD when an error was recorded (or memory
** ran out: s->bNoMem). */
static int gs_clause_value(GsImp *s, const char *zPath, const cJSON *c, const cJSON *pOperand,
                           const char *zOp, int iOp, const char **pzVal){
  const cJSON *a;
  char zSub[TS_JSONPATH_MAX], zVs[TS_JSONPATH_MAX], zV[TS_JSONPATH_MAX];
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "targetOperand");
  if( pOperand==NULL ){
    if( !cJSON_GetObjectItemCaseSensitive(c, "targetOperand")
     || cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "targetOperand")) ){
      jsonloc_error(s->g, s->zFile, zSub, "operator %s needs a value in targetOperand.values", zOp);
    }
    return GS_CLAUSE_BAD;
  }
  a = jsonloc_array(s->g, s->zFile, zSub, pOperand, "values", 1);
  if( a==NULL ) return GS_CLAUSE_BAD;
  jsonloc_path_key(zVs, sizeof(zVs), zSub, "values");
  if( a->child==NULL ){
    jsonloc_error(s->g, s->zFile, zVs, "operator %s needs a value", zOp);
    return GS_CLAUSE_BAD;
  }
  if( a->child->next ){
    jsonloc_warn(s->g, s->zFile, zVs, "more than one value; tenantsim compares with the first only");
  }
  jsonloc_path_idx(zV, sizeof(zV), zVs, 0);
  if( !cJSON_IsString(a->child) ){
    jsonloc_error(s->g, s->zFile, zV, "expected a string, found %s", jsonloc_type_name(a->child));
    return GS_CLAUSE_BAD;
  }
  *pzVal = a->child->valuestring;
  {
    char zBad[300];
    int rc = scope_value_check((ScopeOp)iOp, *pzVal, zBad, sizeof(zBad));
    if( rc==-2 ){
      s->bNoMem = 1;
      return GS_CLAUSE_BAD;
    }
    if( rc ){
      jsonloc_error(s->g, s->zFile, zV, "%s", zBad);
      return GS_CLAUSE_BAD;
    }
  }
  return GS_CLAUSE_KEPT;
}

/* One clause of a filter group into the scenario form (appended to aOut
** when kept). Returns GS_CLAUSE_KEPT, _FALSE (always false: the group is
** dropped), _TRUE (always true: the clause is dropped) or _BAD (an error
** was recorded). */
static int gs_clause(GsImp *s, const char *zPath, const cJSON *c, cJSON *aOut){
  const char *zOp, *zAttr, *zVal = NULL, *zWhy;
  const cJSON *pOperand;
  char zSub[TS_JSONPATH_MAX];
  int iOp;
  cJSON *o;
  if( !cJSON_IsObject(c) ){
    jsonloc_error(s->g, s->zFile, zPath, "expected a filterClause object, found %s", jsonloc_type_name(c));
    return GS_CLAUSE_BAD;
  }
  zOp = jsonloc_string(s->g, s->zFile, zPath, c, "operatorName", 1);
  zAttr = jsonloc_string(s->g, s->zFile, zPath, c, "sourceOperandName", 1);
  pOperand = jsonloc_object(s->g, s->zFile, zPath, c, "targetOperand", 0);
  if( zOp==NULL || zAttr==NULL ) return GS_CLAUSE_BAD;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "operatorName");
  iOp = scope_op_find(zOp);
  if( iOp<0 ){
    jsonloc_error(s->g, s->zFile, zSub, "unknown operatorName \"%s\"; expected one of %s",
               zOp, scope_op_list());
    return GS_CLAUSE_BAD;
  }
  if( !scope_op_is_unary((ScopeOp)iOp)
   && gs_clause_value(s, zPath, c, pOperand, zOp, iOp, &zVal)!=GS_CLAUSE_KEPT ){
    return GS_CLAUSE_BAD;
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "sourceOperandName");
  if( (zWhy = scope_attr_forbidden(zAttr))!=NULL ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s cannot be a scoping attribute (%s); its filter group"
              " is left out, as if it were never true", zAttr, zWhy);
    return GS_CLAUSE_FALSE;
  }
  if( !graph_schema_attr_modelled(zAttr) ){
    if( iOp==OP_IS_NULL ){
      jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: no simulated user has a value, so"
                " this IS NULL clause is always true and is left out", zAttr);
      return GS_CLAUSE_TRUE;
    }
    jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: no simulated user has a value, so"
              " this clause is always false and its filter group is left out", zAttr);
    return GS_CLAUSE_FALSE;
  }
  o = cJSON_CreateObject();
  if( gs_add_str(o, "attribute", zAttr) || gs_add_str(o, "operator", zOp)
   || (zVal && gs_add_str(o, "value", zVal)) ){
    cJSON_Delete(o);
    s->bNoMem = 1;
  }else if( graph_put(aOut, NULL, o) ){
    s->bNoMem = 1;
  }
  return GS_CLAUSE_KEPT;
}

/* Filter group grp at zG, appended to aOut when it can be true: a group
** with an always false or a bad clause is left out (*pnDropped counts the
** false ones), a group whose clauses are all always true makes the whole
** filter true (*pbAlwaysTrue). Returns 1 when memory ran out (s->bNoMem),
** else 0. */
static int gs_scope_group(GsImp *s, const char *zG, const cJSON *grp, cJSON *aOut,
                          int *pnDropped, int *pbAlwaysTrue){
  const char *zName;
  const cJSON *l, *c;
  cJSON *o, *aClauses;
  char zL[TS_JSONPATH_MAX], zC[TS_JSONPATH_MAX];
  int j = 0, mSeen = 0;
  if( !cJSON_IsObject(grp) ){
    jsonloc_error(s->g, s->zFile, zG, "expected a filterGroup object, found %s", jsonloc_type_name(grp));
    return 0;
  }
  zName = jsonloc_string(s->g, s->zFile, zG, grp, "name", 0);
  l = jsonloc_array(s->g, s->zFile, zG, grp, "clauses", 1);
  if( l==NULL ) return 0;
  jsonloc_path_key(zL, sizeof(zL), zG, "clauses");
  if( l->child==NULL ){
    jsonloc_error(s->g, s->zFile, zL, "a filter group needs at least one clause");
    return 0;
  }
  aClauses = cJSON_CreateArray();
  if( aClauses==NULL ){ s->bNoMem = 1; return 1; }
  cJSON_ArrayForEach(c, l){
    jsonloc_path_idx(zC, sizeof(zC), zL, j++);
    mSeen |= 1 << gs_clause(s, zC, c, aClauses);
  }
  if( mSeen & ((1<<GS_CLAUSE_FALSE)|(1<<GS_CLAUSE_BAD)) ){
    cJSON_Delete(aClauses);
    if( mSeen & (1<<GS_CLAUSE_FALSE) ) (*pnDropped)++;
    return 0;
  }
  if( aClauses->child==NULL ){
    cJSON_Delete(aClauses);
    *pbAlwaysTrue = 1;
    jsonloc_warn(s->g, s->zFile, zG, "every clause of this group is always true, so the"
              " group and the whole scoping filter let every user through");
    return 0;
  }
  o = cJSON_CreateObject();
  if( o==NULL || (zName && zName[0] && gs_add_str(o, "title", zName)) ){
    cJSON_Delete(o);
    cJSON_Delete(aClauses);
    s->bNoMem = 1;
    return 1;
  }
  if( graph_put(o, "clauses", aClauses) ){
    cJSON_Delete(o);
    s->bNoMem = 1;
    return 1;
  }
  if( graph_put(aOut, NULL, o) ){ s->bNoMem = 1; return 1; }
  return 0;
}

/* The scope (a filter) of the User mapping into *ppFilters (a new array),
** or NULL when nothing filters. */
void graph_schema_scope_import(GsImp *s, const char *zOMPath, const cJSON *pOM, cJSON **ppFilters){
  const cJSON *pScope = jsonloc_object(s->g, s->zFile, zOMPath, pOM, "scope", 0), *a, *grp;
  char zPath[TS_JSONPATH_MAX], zArr[TS_JSONPATH_MAX], zG[TS_JSONPATH_MAX];
  static const char *const azExp[] = { "inputFilterGroups", "categoryFilterGroups" };
  cJSON *aOut = NULL;
  int i, nDropped = 0, bAlwaysTrue = 0;
  *ppFilters = NULL;
  if( pScope==NULL ) return;
  jsonloc_path_key(zPath, sizeof(zPath), zOMPath, "scope");
  for(i=0; i<2; i++){
    a = jsonloc_array(s->g, s->zFile, zPath, pScope, azExp[i], 0);
    if( a && cJSON_GetArraySize(a)>0 ){
      jsonloc_path_key(zArr, sizeof(zArr), zPath, azExp[i]);
      jsonloc_warn(s->g, s->zFile, zArr, "%s (experimental) is not modelled; only groups scope"
                " users", azExp[i]);
    }
  }
  a = jsonloc_array(s->g, s->zFile, zPath, pScope, "groups", 0);
  if( a==NULL || a->child==NULL ) return;
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "groups");
  aOut = cJSON_CreateArray();
  if( aOut==NULL ){ s->bNoMem = 1; return; }
  i = 0;
  cJSON_ArrayForEach(grp, a){
    jsonloc_path_idx(zG, sizeof(zG), zArr, i++);
    if( gs_scope_group(s, zG, grp, aOut, &nDropped, &bAlwaysTrue) ) break;
  }
  if( bAlwaysTrue || s->bNoMem ){
    cJSON_Delete(aOut);
    return;
  }
  if( aOut->child==NULL && nDropped>0 ){
    jsonloc_warn(s->g, s->zFile, zArr, "every filter group is always false, so the service scopes"
              " no user in; imported as the group \"" GS_NEVER_TITLE "\" (accountEnabled IS"
              " NULL, false for every simulated user)");
    if( graph_put(aOut, NULL, cJSON_Parse("{\"title\":\"" GS_NEVER_TITLE "\",\"clauses\":"
                "[{\"attribute\":\"accountEnabled\",\"operator\":\"IS NULL\"}]}")) ){
      s->bNoMem = 1;
    }
  }
  if( aOut->child==NULL || s->bNoMem ){
    cJSON_Delete(aOut);
    return;
  }
  *ppFilters = aOut;
}

