/*
** expr_value.c — the value model of the expression language (spec §1.6, §8).
**
** An ExprValue is a tagged union (exprInt.h): absent (an omitted argument),
** null, string, list of strings, Boolean, integer or date-time. It owns
** its strings. Lists are kept canonical — two or more strings; one string
** is stored as a string and none as null — so that "multi-valued" always
** means "more than one value".
**
** Rendering to text is where the types meet the outside world: Booleans
** are True/False (the VB spelling the service writes), integers decimal,
** date-times M/d/yyyy h:mm:ss tt in UTC (expr_date.c). Numbers written in
** an expression are strings (the Graph parse tree makes a bare 1 a string
** constant), so "10" and 10 behave alike wherever an integer is expected.
*/
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "exprInt.h"
#include "mem.h"

void expr_value_init(ExprValue *v){
  memset(v, 0, sizeof(*v));
  v->eType = EXPRV_NULL;
}

void expr_value_clear(ExprValue *v){
  int k;
  mem_free(v->z);
  for(k=0; k<v->n; k++) mem_free(v->az[k]);
  mem_free(v->az);
  expr_value_init(v);
}

void expr_value_move(ExprValue *pTo, ExprValue *pFrom){
  if( pTo==pFrom ) return;
  expr_value_clear(pTo);
  *pTo = *pFrom;
  expr_value_init(pFrom);
}

/* Deep copy; pTo is cleared first and left null on TS_NOMEM. */
int expr_value_copy(ExprValue *pTo, const ExprValue *pFrom){
  int rc = TS_OK;
  int k;
  expr_value_clear(pTo);
  pTo->eType = pFrom->eType;
  pTo->i = pFrom->i;
  if( pFrom->z ){
    pTo->z = mem_strdup(pFrom->z);
    if( pTo->z==NULL ){ rc = TS_NOMEM; goto clear_on_error; }
  }
  if( pFrom->n>0 ){
    pTo->az = mem_calloc((size_t)pFrom->n, sizeof(char*));
    if( pTo->az==NULL ){ rc = TS_NOMEM; goto clear_on_error; }
    for(k=0; k<pFrom->n; k++){
      pTo->az[k] = mem_strdup(pFrom->az[k]);
      if( pTo->az[k]==NULL ){ rc = TS_NOMEM; goto clear_on_error; }
      pTo->n = k+1;
    }
  }
clear_on_error:
  if( rc ) expr_value_clear(pTo);
  return rc;
}

void expr_value_set_bool(ExprValue *v, int b){
  expr_value_clear(v);
  v->eType = EXPRV_BOOL;
  v->i = b ? 1 : 0;
}

void expr_value_set_number(ExprValue *v, int64_t i){
  expr_value_clear(v);
  v->eType = EXPRV_NUMBER;
  v->i = i;
}

void expr_value_set_date(ExprValue *v, int64_t iTicks){
  expr_value_clear(v);
  v->eType = EXPRV_DATE;
  v->i = iTicks;
}

int expr_value_take_string(ExprValue *v, char *z){
  expr_value_clear(v);
  if( z==NULL ) return TS_NOMEM;
  v->eType = EXPRV_STRING;
  v->z = z;
  return TS_OK;
}

int expr_value_set_string(ExprValue *v, const char *z, size_t n){
  return expr_value_take_string(v, mem_strndup(z, n));
}

int expr_value_take_strbuf(ExprValue *v, StrBuf *pBuf){
  char *z;
  if( pBuf->bErr ){
    strbuf_free(pBuf);
    expr_value_clear(v);
    return TS_NOMEM;
  }
  z = pBuf->z ? strbuf_take(pBuf) : mem_strdup("");
  return expr_value_take_string(v, z);
}

const char *expr_value_text(const ExprValue *v, char *zBuf){
  switch( v->eType ){
    case EXPRV_STRING: return v->z;
    case EXPRV_BOOL:   return v->i ? "True" : "False";
    case EXPRV_NUMBER:
      snprintf(zBuf, EXPRVAL_BUFSZ, "%" PRId64, v->i);
      return zBuf;
    case EXPRV_DATE:   return expr_date_render(v->i, zBuf);
    default:           return NULL;
  }
}

int expr_value_count(const ExprValue *v){
  switch( v->eType ){
    case EXPRV_ABSENT:
    case EXPRV_NULL:  return 0;
    case EXPRV_MULTI: return v->n;
    default:          return 1;
  }
}

const char *expr_value_item(const ExprValue *v, int k, char *zBuf){
  if( v->eType==EXPRV_MULTI ) return (k>=0 && k<v->n) ? v->az[k] : NULL;
  return k==0 ? expr_value_text(v, zBuf) : NULL;
}

int expr_value_parse_int(const char *z, int64_t *pi){
  uint64_t u = 0;
  int bNeg = 0, nDigit = 0;
  if( z==NULL ) return -1;
  while( *z==' ' || *z=='\t' ) z++;
  if( *z=='-' || *z=='+' ){ bNeg = *z=='-'; z++; }
  while( *z>='0' && *z<='9' ){
    unsigned d = (unsigned)(*z - '0');
    if( u > (UINT64_C(9223372036854775808) - d)/10 ) return -1;
    u = u*10 + d;
    nDigit++;
    z++;
  }
  while( *z==' ' || *z=='\t' ) z++;
  if( nDigit==0 || *z ) return -1;
  if( !bNeg && u > (uint64_t)INT64_MAX ) return -1;
  *pi = bNeg ? (int64_t)(0 - u) : (int64_t)u;
  return 0;
}

int expr_value_list_add(ExprList *pList, const char *z, size_t n){
  char *zCopy;
  if( mem_grow_int((void**)&pList->az, pList->n, &pList->nAlloc, sizeof(char*)) ) return TS_NOMEM;
  zCopy = mem_strndup(z, n);
  if( zCopy==NULL ) return TS_NOMEM;
  pList->az[pList->n++] = zCopy;
  return TS_OK;
}

void expr_value_list_free(ExprList *pList){
  int k;
  for(k=0; k<pList->n; k++) mem_free(pList->az[k]);
  mem_free(pList->az);
  memset(pList, 0, sizeof(*pList));
}

void expr_value_set_list(ExprValue *v, ExprList *pList){
  expr_value_clear(v);
  if( pList->n==1 ){
    v->eType = EXPRV_STRING;
    v->z = pList->az[0];
    mem_free(pList->az);
  }else if( pList->n>1 ){
    v->eType = EXPRV_MULTI;
    v->az = pList->az;
    v->n = pList->n;
  }else{
    mem_free(pList->az);
  }
  memset(pList, 0, sizeof(*pList));
}
