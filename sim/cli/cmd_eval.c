/*
** cmd_eval.c — `tenantsim eval`: evaluate one attribute-mapping expression.
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
#include "tslimits.h"
#include "mem.h"
#include "expr.h"
#include "simtime.h"
#include "strbuf.h"
#include "cli.h"
#include "cli_args.h"
#include "jsonfile.h"

typedef struct EvalAttr {
  char *zName;
  char **azVal;
  int nVal;
  int bCli;                /* given by --attr (later --attr add values) */
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
    goto out_free_doc;
  }
  if( !cJSON_IsObject(pDoc) ){
    fprintf(err, "tenantsim eval: %s: expected a JSON object of attribute name to string,"
                 " array of strings or null\n", zFile);
    goto out_free_doc;
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
          goto out_free_doc;
        }
        if( eval_add(c, a->string, v->valuestring) ) goto oom;
      }
    }else{
      fprintf(err, "tenantsim eval: %s: %s: expected a string, an array of strings or null\n",
              zFile, a->string);
      goto out_free_doc;
    }
  }
  rc = 0;
  goto out_free_doc;
oom:
  fprintf(err, "tenantsim eval: out of memory\n");
out_free_doc:
  cJSON_Delete(pDoc);
  strbuf_free(&b);
  return rc;
}

static int usage(FILE *err, const char *zWhy, const char *zArg){
  return cli_command_usage(err, &cmd_eval_entry, zWhy, zArg);
}

/* What the options ask for. */
typedef struct EvalOpts {
  const char *zExpr;
  SimTime tNow;
  uint64_t seed;
} EvalOpts;

static const CliOption aEvalOpt[] = {
  { "--input",    "FILE.json",  CLI_JSON, "attributes: an object of name to string, [strings] or null" },
  { "--attr",     "NAME=VALUE", CLI_WORD, "one attribute value (repeat a name: multi-valued)" },
  { "--now",      "INSTANT",    CLI_WORD, "the instant of Now() (default the current time)" },
  { "--existing", "VALUE",      CLI_WORD, "a value the target already holds (SelectUniqueValue)" },
  { "--seed",     "N",          CLI_WORD, "the seed of Guid() and RandomString() (default 1)" },
  { NULL, NULL, CLI_WORD, NULL }
};

/* --attr NAME=VALUE: the first --attr of a name replaces what the input
** file gave it; later ones add values. Returns 0, 2 or 1 (memory). */
static int eval_attr_option(EvalCtx *c, const char *zArg, FILE *err){
  char zName[256];
  const char *zEq = strchr(zArg, '=');
  EvalAttr *pAttr;
  if( zEq==NULL || zEq==zArg || (size_t)(zEq-zArg)>=sizeof(zName) ){
    return usage(err, "--attr needs NAME=VALUE, not ", zArg);
  }
  memcpy(zName, zArg, (size_t)(zEq-zArg));
  zName[zEq-zArg] = 0;
  pAttr = eval_attr(c, zName, 0);
  if( pAttr==NULL || !pAttr->bCli ) eval_reset(c, zName);
  if( eval_add(c, zName, zEq+1) ) return 1;
  eval_attr(c, zName, 0)->bCli = 1;
  return 0;
}

/* Read the options into o and c: the input file first, so that --attr can
** override it. Returns 0, or the exit status of the failure it printed. */
static int eval_options(int argc, char **argv, EvalOpts *o, EvalCtx *c, FILE *err){
  const char *zInput = NULL;
  CliArgs a;
  int rc;
  cli_args_start(&a, &cmd_eval_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--input") ) zInput = a.zArg;
    else if( a.pOpt ) continue;
    else if( o->zExpr ) return usage(err, "give the expression as one argument (quote it); extra: ", a.zArg);
    else o->zExpr = a.zArg;
  }
  if( rc ) return rc;
  if( o->zExpr==NULL ) return usage(err, "missing EXPRESSION", NULL);
  if( zInput && (cli_input(err, zInput, CLI_JSON) || eval_load(c, zInput, err)) ) return 2;
  cli_args_start(&a, &cmd_eval_entry, argc, argv);
  while( cli_args_next(&a, err)==1 ){
    if( cli_args_is(&a, "--attr") ){
      if( (rc = eval_attr_option(c, a.zArg, err))==1 ) goto oom;
      if( rc ) return rc;
    }else if( cli_args_is(&a, "--existing") ){
      char **azNew = mem_realloc(c->azExisting, sizeof(char*)*(size_t)(c->nExisting+1));
      if( azNew==NULL ) goto oom;
      c->azExisting = azNew;
      if( (c->azExisting[c->nExisting] = mem_strdup(a.zArg))==NULL ) goto oom;
      c->nExisting++;
    }else if( cli_args_is(&a, "--now") ){
      char zWhy[TS_REASON_MAX];
      if( simtime_parse_instant(a.zArg, &o->tNow, zWhy, sizeof(zWhy)) ){
        fprintf(err, "tenantsim eval: --now %s: %s\n", a.zArg, zWhy);
        return 2;
      }
    }else if( cli_args_is(&a, "--seed") ){
      if( cli_parse_seed(a.zArg, &o->seed) ){
        return usage(err, "--seed needs a non-negative integer, not ", a.zArg);
      }
    }
  }
  return 0;
oom:
  fprintf(err, "tenantsim eval: out of memory\n");
  return 1;
}

/* The result as one JSON value into b; what did not flow is null, and
** why is said on err. */
static void eval_result_json(const ExprResult *res, StrBuf *b, FILE *err){
  int i;
  switch( res->eOutcome ){
    case EXPR_VALUE:
      if( res->nValue==1 ){
        strbuf_json_string(b, res->azValue[0]);
      }else{
        strbuf_appendc(b, '[');
        for(i=0; i<res->nValue; i++){
          if( i ) strbuf_append(b, ", ");
          strbuf_json_string(b, res->azValue[i]);
        }
        strbuf_appendc(b, ']');
      }
      break;
    case EXPR_ESCROW:
      fprintf(err, "tenantsim eval: SelectUniqueValue: every candidate value is taken;"
                   " the object would be escrowed\n");
      strbuf_append(b, "null");
      break;
    case EXPR_IGNORE_OBJECT:
      fprintf(err, "tenantsim eval: IgnoreObjectFlow: the object would be skipped\n");
      strbuf_append(b, "null");
      break;
    default:
      strbuf_append(b, "null");
      break;
  }
}

static int eval_exec(int argc, char **argv, FILE *out, FILE *err){
  EvalCtx ctx;
  EvalOpts o;
  Expr *pExpr = NULL;
  ExprEnv env;
  ExprResult res;
  TsErr e;
  Rng rng;
  StrBuf b;
  int rc;

  memset(&ctx, 0, sizeof(ctx));
  memset(&res, 0, sizeof(res));
  memset(&o, 0, sizeof(o));
  o.tNow = (SimTime)time(NULL);
  o.seed = 1;
  strbuf_init(&b);
  rc = eval_options(argc, argv, &o, &ctx, err);
  if( rc ) goto out_free_expr;
  rc = 2;
  tserr_clear(&e);
  if( expr_compile(o.zExpr, &pExpr, &e) ){
    fprintf(err, "tenantsim eval: %s\n  %s\n", e.zMsg, o.zExpr);
    goto out_free_expr;
  }
  rng_stream(&rng, o.seed, "expressions");
  memset(&env, 0, sizeof(env));
  env.xAttr = eval_xattr;
  env.pCtx = &ctx;
  env.tNowEpoch = o.tNow;
  env.pRng = &rng;
  env.xTaken = eval_xtaken;
  if( expr_eval(pExpr, &env, &res, &e) ){
    fprintf(err, "tenantsim eval: %s\n  %s\n", e.zMsg, o.zExpr);
    goto out_free_expr;
  }
  eval_result_json(&res, &b, err);
  if( b.bErr ){
    fprintf(err, "tenantsim eval: out of memory\n");
    rc = 1;
    goto out_free_expr;
  }
  fprintf(out, "%s\n", strbuf_str(&b));
  rc = 0;
out_free_expr:
  expr_result_free(&res);
  expr_free(pExpr);
  evalctx_free(&ctx);
  strbuf_free(&b);
  return rc;
}

const CliCommand cmd_eval_entry = {
  "eval",
  "eval [--input FILE.json] [--attr NAME=VALUE]... [--now INSTANT]\n"
  "                 [--existing VALUE]... [--seed N] EXPRESSION",
  "Evaluate an attribute-mapping expression as the provisioning service\n"
  "would and print one JSON value: a string, an array of strings, or\n"
  "null when the attribute would not flow. --existing lists values the\n"
  "target already holds (for SelectUniqueValue); Now() is --now, or the\n"
  "current time when --now is absent.",
  aEvalOpt, CLI_WORD, 0,
  eval_exec
};
