/*
** bench_extra.c — the figures `make bench` gives beside the run, each timed
** on its own (none is part of the run's figures): `tenantsim diff` of the
** run database against itself, `tenantsim report` of it in each format
** (to /dev/null), the expression evaluator's rate on one
** mapping expression, and `tenantsim import` of a generated Graph users
** page.
**
** May touch: the run database (read only) and its own files under /tmp,
** removed before it returns.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"
#include "mem.h"
#include "rng.h"
#include "expr.h"
#include "diff.h"
#include "store.h"
#include "cli.h"

static double wall_now(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

/* Attributes of one synthetic user, for the expression benchmark. */
typedef struct BenchUser { const char *az[5]; } BenchUser;
static const char *const azBenchName[5] = { "givenName", "surname", "department", "country", "jobTitle" };

static int bench_attr(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal){
  const BenchUser *u = pCtx;
  int i;
  for(i=0; i<5; i++){
    if( strcmp(azBenchName[i], zName)==0 ){ *pazVal = &u->az[i]; *pnVal = 1; return 0; }
  }
  *pnVal = 0;
  return 0;
}

/* Evaluate a six-function mapping expression, compiled once, for nUsers
** users; return evaluations per second (or -1 when it fails). */
double bench_extra_expr(long long nUsers){
  static const char *const azGiven[] = { "zoë", "ÅSA", "jean-luc", "Mary", "o'neil" };
  static const char *const azSur[] = { "Ångström", "Núñez", "Smith", "Øster", "Lee" };
  static const char *const azDept[] = { "Engineering", "Sales", "Finance", "Marketing" };
  static const char *const azCountry[] = { "US", "DE", "GB", "JP", "FR" };
  static const char *const azTitle[] = { "Senior Engineer", "Account Manager", "Analyst" };
  const char *zExpr =
    "Join(\" \", PCase(NormalizeDiacritics([givenName])), ToUpper([surname]),"
    " Switch([country], \"Intl\", \"US\", \"USA\", \"DE\", \"Germany\", \"GB\", \"UK\"),"
    " Replace([department], , \"(ing|es)$\", , \"\", , ), Left([jobTitle], 6))";
  Expr *p = NULL;
  TsErr err;
  ExprEnv env;
  Rng rng;
  BenchUser u;
  long long i;
  double t0;
  if( expr_compile(zExpr, &p, &err) ){
    fprintf(stderr, "bench: %s\n", err.zMsg);
    return -1;
  }
  rng_stream(&rng, 1, "expressions");
  memset(&env, 0, sizeof(env));
  env.xAttr = bench_attr;
  env.pCtx = &u;
  env.pRng = &rng;
  t0 = wall_now();
  for(i=0; i<nUsers; i++){
    ExprResult r;
    u.az[0] = azGiven[i%5]; u.az[1] = azSur[(i/5)%5]; u.az[2] = azDept[i%4];
    u.az[3] = azCountry[(i/3)%5]; u.az[4] = azTitle[i%3];
    if( expr_eval(p, &env, &r, &err) ){
      fprintf(stderr, "bench: %s\n", err.zMsg);
      expr_result_free(&r);
      expr_free(p);
      return -1;
    }
    expr_result_free(&r);
  }
  t0 = wall_now() - t0;
  expr_free(p);
  return t0>0 ? (double)nUsers/t0 : 0;
}

/* Seconds to diff database zDb against itself (every pair compared, none
** kept); the pair count goes to *pnPairs. */
double bench_extra_diff(const char *zDb, long long *pnPairs){
  Store *pA = NULL, *pB = NULL;
  Diff *p = NULL;
  TsErr err;
  double t0 = wall_now(), t;
  tserr_clear(&err);
  *pnPairs = -1;
  if( store_open_readonly(zDb, &pA, &err)==0 && store_open_readonly(zDb, &pB, &err)==0
   && diff_build(pA, pB, &p, &err)==0 ){
    *pnPairs = p->nPairs;
  }else{
    fprintf(stderr, "bench: diff: %s\n", err.zMsg);
  }
  t = wall_now() - t0;
  diff_free(p);
  store_close(pA);
  store_close(pB);
  return t;
}

double bench_extra_report(const char *zDb, const char *zFormat){
  FILE *pNull = fopen("/dev/null", "w");
  TsErr err;
  double t0 = wall_now(), t;
  int rc;
  if( pNull==NULL ) return -1;
  tserr_clear(&err);
  rc = cli_write_report(zDb, strcmp(zFormat, "text")==0 ? pNull : NULL,
                        strcmp(zFormat, "json")==0 ? pNull : NULL,
                        strcmp(zFormat, "html")==0 ? pNull : NULL,
                        strcmp(zFormat, "md")==0 ? pNull : NULL, &err);
  t = wall_now() - t0;
  fclose(pNull);
  if( rc ) fprintf(stderr, "bench: report: %s\n", err.zMsg);
  return rc ? -1 : t;
}

/* Write the Graph pages of the import figure: azPath[0] the users page of
** nUsers users (the properties a sync-relevant $select returns), [1] their
** group, [2] its members, [3] its assignment. Returns 0 or -1. */
static int write_graph_pages(char azPath[4][80], long long nUsers){
  FILE *f;
  long long i;
  int rc = 0;
  if( (f = fopen(azPath[0], "w"))==NULL ) return -1;
  fputs("{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\",\"value\":[", f);
  for(i=0; i<nUsers; i++){
    fprintf(f, "%s{\"id\":\"00000000-0000-4000-8000-%012lld\",\"accountEnabled\":true,\"userType\":\"Member\","
            "\"userPrincipalName\":\"user%lld@src.example\",\"mail\":\"user%lld@src.example\","
            "\"displayName\":\"User %lld\",\"givenName\":\"User\",\"surname\":\"N%lld\","
            "\"department\":\"%s\",\"jobTitle\":\"Engineer\",\"employeeId\":\"E%lld\","
            "\"companyName\":\"Src\",\"usageLocation\":\"US\",\"officeLocation\":null,"
            "\"businessPhones\":[],\"onPremisesExtensionAttributes\":{\"extensionAttribute1\":\"CC-%lld\"}}",
            i ? "," : "", i, i, i, i, i, i%3==0 ? "Sales" : "Engineering", i, i%100);
  }
  fputs("]}", f);
  if( fclose(f) ) rc = -1;
  if( (f = fopen(azPath[1], "w"))==NULL ) return -1;
  fputs("{\"id\":\"g-all\",\"displayName\":\"All\",\"securityEnabled\":true,\"mailEnabled\":false}", f);
  if( fclose(f) ) rc = -1;
  if( (f = fopen(azPath[2], "w"))==NULL ) return -1;
  fputs("{\"value\":[", f);
  for(i=0; i<nUsers; i++){
    fprintf(f, "%s{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"00000000-0000-4000-8000-%012lld\"}",
            i ? "," : "", i);
  }
  fputs("]}", f);
  if( fclose(f) ) rc = -1;
  if( (f = fopen(azPath[3], "w"))==NULL ) return -1;
  fputs("{\"value\":[{\"principalId\":\"g-all\",\"principalType\":\"Group\"}]}", f);
  if( fclose(f) ) rc = -1;
  return rc;
}

double bench_extra_import(long long nUsers){
  static const char *const azName[5] = { "users", "groups", "members", "assign", "import" };
  char azPath[5][80], zMemArg[120];
  char *azArg[20];
  int nArg = 0, i, rc = -1;
  double t = -1;
  FILE *pNull = fopen("/dev/null", "w");
  for(i=0; i<5; i++){
    snprintf(azPath[i], sizeof(azPath[i]), "/tmp/tenantsim-bench-%s-%ld.json", azName[i], (long)getpid());
  }
  if( pNull==NULL || write_graph_pages(azPath, nUsers) ) goto out_unlink;
  snprintf(zMemArg, sizeof(zMemArg), "g-all=%s", azPath[2]);
  azArg[nArg++] = "--users"; azArg[nArg++] = azPath[0];
  azArg[nArg++] = "--groups"; azArg[nArg++] = azPath[1];
  azArg[nArg++] = "--members"; azArg[nArg++] = zMemArg;
  azArg[nArg++] = "--assignments"; azArg[nArg++] = azPath[3];
  azArg[nArg++] = "--source-tenant"; azArg[nArg++] = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
  azArg[nArg++] = "--target-tenant"; azArg[nArg++] = "3d0f5dba-6c3b-4b1e-9a43-1b2b0b6c1f77";
  azArg[nArg++] = "--target-domain"; azArg[nArg++] = "tgt.example";
  azArg[nArg++] = "-o"; azArg[nArg++] = azPath[4];
  t = wall_now();
  rc = cmd_import_entry.xExec(nArg, azArg, pNull, pNull);
  t = wall_now() - t;
out_unlink:
  if( pNull ) fclose(pNull);
  for(i=0; i<5; i++) unlink(azPath[i]);
  return rc==0 ? t : -1;
}
