/*
** evalcmd.c — `tenantsim eval` (see evalcmd.h).
**
**   tenantsim eval [--input FILE.json] [--attr NAME=VALUE]... [--now INSTANT]
**                  [--existing VALUE]... [--seed N] EXPRESSION
**
** FILE.json is an object of attribute name -> string, array of strings
** (a multi-valued attribute) or null. --attr sets one attribute (given
** again for the same name, it adds a value: multi-valued); it wins over
** the file. --existing lists values the target already holds, for
** SelectUniqueValue. Now() is --now, or the machine's clock when --now is
** absent (the portal evaluates Now() at the current time; give --now for
** a reproducible answer). Guid() and RandomString() draw from the
** "expressions" stream of --seed (default 1), as in a run.
**
** Output: one JSON value and a newline. A multi-valued result prints as an
** array; null means the attribute would not flow (a null result,
** IgnoreFlowIfNullOrEmpty, an escrowed SelectUniqueValue or
** IgnoreObjectFlow — the last two also say so on err).
*/
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "expr.h"
#include "simtime.h"
#include "strbuf.h"
#include "evalcmd.h"
#include "jsonfile.h"

typedef struct EvalAttr {
  char *zName;
  char **azVal;
  int nVal;
} EvalAttr;

typedef struct EvalCtx {
  EvalAttr *aAttr;
  int nAttr;
  char **azExisting;
  int nExisting;
} EvalCtx;

static void evalctx_free(EvalCtx *c){
  int i, k;
  for(i=0; i<c->nAttr; i++){
    for(k=0; k<c->aAttr[i].nVal; k++) mem_free(c->aAttr[i].azVal[k]);
    mem_free(c->aAttr[i].azVal);
    mem_free(c->aAttr[i].zName);
  }
  mem_free(c->aAttr);
  for(i=0; i<c->nExisting; i++) mem_free(c->azExisting[i]);
  mem_free(c->azExisting);
}

static EvalAttr *eval_attr(EvalCtx *c, const char *zName, int bCreate){
  EvalAttr *aNew;
  int i;
  for(i=0; i<c->nAttr; i++) if( strcmp(c->aAttr[i].zName, zName)==0 ) return &c->aAttr[i];
  if( !bCreate ) return NULL;
  aNew = mem_realloc(c->aAttr, sizeof(EvalAttr)*(size_t)(c->nAttr+1));
  if( aNew==NULL ) return NULL;
  c->aAttr = aNew;
  memset(&c->aAttr[c->nAttr], 0, sizeof(EvalAttr));
  c->aAttr[c->nAttr].zName = mem_strdup(zName);
  if( c->aAttr[c->nAttr].zName==NULL ) return NULL;
  return &c->aAttr[c->nAttr++];
}

/* Append value z (NULL: make the attribute null) to attribute zName. */
static int eval_add(EvalCtx *c, const char *zName, const char *z){
  EvalAttr *a = eval_attr(c, zName, 1);
  char **azNew;
  if( a==NULL ) return -1;
  if( z==NULL ) return 0;
  azNew = mem_realloc(a->azVal, sizeof(char*)*(size_t)(a->nVal+1));
  if( azNew==NULL ) return -1;
  a->azVal = azNew;
  a->azVal[a->nVal] = mem_strdup(z);
  if( a->azVal[a->nVal]==NULL ) return -1;
  a->nVal++;
  return 0;
}

/* Replace attribute zName by nothing (so that --attr wins over the file). */
static void eval_reset(EvalCtx *c, const char *zName){
  EvalAttr *a = eval_attr(c, zName, 0);
  int k;
  if( a==NULL ) return;
  for(k=0; k<a->nVal; k++) mem_free(a->azVal[k]);
  a->nVal = 0;
}

static int eval_xattr(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal){
  EvalAttr *a = eval_attr(pCtx, zName, 0);
  *pazVal = a ? (const char *const*)a->azVal : NULL;
  *pnVal = a ? a->nVal : 0;
  return 0;
}

static int eval_xtaken(void *pCtx, const char *zValue){
  EvalCtx *c = pCtx;
  int i;
  for(i=0; i<c->nExisting; i++) if( strcmp(c->azExisting[i], zValue)==0 ) return 1;
  return 0;
}

/* Load --input: an object of name -> string | [string] | null. */
static int eval_load(EvalCtx *c, const char *zFile, FILE *err){
  StrBuf b;
  TsErr e;
  cJSON *pDoc = NULL;
  const cJSON *a, *v;
  int rc = 2;
  strbuf_init(&b);
  tserr_clear(&e);
  if( jsonfile_read(zFile, &b, &e) || jsonfile_parse(zFile, strbuf_str(&b), &pDoc, &e) ){
    fprintf(err, "tenantsim eval: %s\n", e.zMsg);
    goto out;
  }
  if( !cJSON_IsObject(pDoc) ){
    fprintf(err, "tenantsim eval: %s: expected a JSON object of attribute name to string,"
                 " array of strings or null\n", zFile);
    goto out;
  }
  for(a=pDoc->child; a; a=a->next){
    if( cJSON_IsString(a) ){
      if( eval_add(c, a->string, a->valuestring) ) goto oom;
    }else if( cJSON_IsNull(a) ){
      if( eval_add(c, a->string, NULL) ) goto oom;
    }else if( cJSON_IsArray(a) ){
      if( eval_add(c, a->string, NULL) ) goto oom;
      cJSON_ArrayForEach(v, a){
        if( !cJSON_IsString(v) ){
          fprintf(err, "tenantsim eval: %s: %s: expected an array of strings\n", zFile, a->string);
          goto out;
        }
        if( eval_add(c, a->string, v->valuestring) ) goto oom;
      }
    }else{
      fprintf(err, "tenantsim eval: %s: %s: expected a string, an array of strings or null\n",
              zFile, a->string);
      goto out;
    }
  }
  rc = 0;
  goto out;
oom:
  fprintf(err, "tenantsim eval: out of memory\n");
out:
  cJSON_Delete(pDoc);
  strbuf_free(&b);
  return rc;
}

static int usage(FILE *err, const char *zWhy, const char *zArg){
  fprintf(err, "tenantsim eval: %s%s\nusage: tenantsim eval [--input FILE.json]"
          " [--attr NAME=VALUE]... [--now INSTANT] [--existing VALUE]... [--seed N] EXPRESSION\n",
          zWhy, zArg ? zArg : "");
  return 2;
}

int evalcmd_run(int argc, char **argv, FILE *out, FILE *err){
  EvalCtx ctx;
  const char *zExpr = NULL, *zInput = NULL;
  SimTime tNow = (SimTime)time(NULL);
  uint64_t seed = 1;
  Expr *pExpr = NULL;
  ExprEnv env;
  ExprResult res;
  TsErr e;
  Rng rng;
  StrBuf b;
  int i, rc = 2;

  memset(&ctx, 0, sizeof(ctx));
  memset(&res, 0, sizeof(res));
  strbuf_init(&b);
  /* Pass 1: the input file first, so that --attr can override it. */
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--input")==0 && i+1<argc ) zInput = argv[++i];
    else if( (strcmp(argv[i], "--attr")==0 || strcmp(argv[i], "--now")==0
           || strcmp(argv[i], "--existing")==0 || strcmp(argv[i], "--seed")==0) && i+1<argc ) i++;
    else if( argv[i][0]=='-' && argv[i][1]=='-' ){ rc = usage(err, "unknown or incomplete option ", argv[i]); goto out; }
    else if( zExpr ){ rc = usage(err, "give the expression as one argument (quote it); extra: ", argv[i]); goto out; }
    else zExpr = argv[i];
  }
  if( zExpr==NULL ){ rc = usage(err, "missing EXPRESSION", NULL); goto out; }
  if( zInput && eval_load(&ctx, zInput, err) ) goto out;
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--attr")==0 ){
      char zName[256];
      const char *zEq = strchr(argv[i+1], '=');
      if( zEq==NULL || zEq==argv[i+1] || (size_t)(zEq-argv[i+1])>=sizeof(zName) ){
        rc = usage(err, "--attr needs NAME=VALUE, not ", argv[i+1]);
        goto out;
      }
      memcpy(zName, argv[i+1], (size_t)(zEq-argv[i+1]));
      zName[zEq-argv[i+1]] = 0;
      /* The first --attr of a name replaces what the file gave it. */
      {
        int k, bSeen = 0;
        for(k=0; k<i; k++){
          if( strcmp(argv[k], "--attr")==0 && strncmp(argv[k+1], zName, strlen(zName))==0
           && argv[k+1][strlen(zName)]=='=' ) bSeen = 1;
        }
        if( !bSeen ) eval_reset(&ctx, zName);
      }
      if( eval_add(&ctx, zName, zEq+1) ) goto oom;
      i++;
    }else if( strcmp(argv[i], "--existing")==0 ){
      char **azNew = mem_realloc(ctx.azExisting, sizeof(char*)*(size_t)(ctx.nExisting+1));
      if( azNew==NULL ) goto oom;
      ctx.azExisting = azNew;
      if( (ctx.azExisting[ctx.nExisting] = mem_strdup(argv[++i]))==NULL ) goto oom;
      ctx.nExisting++;
    }else if( strcmp(argv[i], "--now")==0 ){
      char zWhy[160];
      if( simtime_parse_instant(argv[++i], &tNow, zWhy, sizeof(zWhy)) ){
        fprintf(err, "tenantsim eval: --now %s: %s\n", argv[i], zWhy);
        goto out;
      }
    }else if( strcmp(argv[i], "--seed")==0 ){
      char *zEnd;
      errno = 0;
      seed = strtoull(argv[++i], &zEnd, 10);
      if( errno || *zEnd || argv[i][0]<'0' || argv[i][0]>'9' ){
        rc = usage(err, "--seed needs a non-negative integer, not ", argv[i]);
        goto out;
      }
    }else if( strcmp(argv[i], "--input")==0 ){
      i++;
    }
  }

  tserr_clear(&e);
  if( expr_compile(zExpr, &pExpr, &e) ){
    fprintf(err, "tenantsim eval: %s\n  %s\n", e.zMsg, zExpr);
    goto out;
  }
  rng_stream(&rng, seed, "expressions");
  memset(&env, 0, sizeof(env));
  env.xAttr = eval_xattr;
  env.pCtx = &ctx;
  env.tNowEpoch = tNow;
  env.pRng = &rng;
  env.xTaken = eval_xtaken;
  if( expr_eval(pExpr, &env, &res, &e) ){
    fprintf(err, "tenantsim eval: %s\n  %s\n", e.zMsg, zExpr);
    goto out;
  }
  switch( res.eOutcome ){
    case EXPR_VALUE:
      if( res.nValue==1 ){
        strbuf_json_string(&b, res.azValue[0]);
      }else{
        strbuf_appendc(&b, '[');
        for(i=0; i<res.nValue; i++){
          if( i ) strbuf_append(&b, ", ");
          strbuf_json_string(&b, res.azValue[i]);
        }
        strbuf_appendc(&b, ']');
      }
      break;
    case EXPR_ESCROW:
      fprintf(err, "tenantsim eval: SelectUniqueValue: every candidate value is taken;"
                   " the object would be escrowed\n");
      strbuf_append(&b, "null");
      break;
    case EXPR_IGNORE_OBJECT:
      fprintf(err, "tenantsim eval: IgnoreObjectFlow: the object would be skipped\n");
      strbuf_append(&b, "null");
      break;
    default:
      strbuf_append(&b, "null");
      break;
  }
  if( b.bErr ) goto oom;
  fprintf(out, "%s\n", strbuf_str(&b));
  rc = 0;
  goto out;
oom:
  fprintf(err, "tenantsim eval: out of memory\n");
  rc = 1;
out:
  expr_result_free(&res);
  expr_free(pExpr);
  evalctx_free(&ctx);
  strbuf_free(&b);
  return rc;
}
