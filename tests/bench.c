/*
** bench.c — `make bench`: the onboarding benchmark.
**
** Generates a scenario in which one source tenant of N users (default
** 100,000; BENCH_USERS or argv[1] to change) is assigned to a job in one
** group and onboarded into a target by an initial cycle, runs it into a
** fresh database, and prints: users, wall seconds, rows written, peak
** memory, and — in the same process — the time raw SQLite needs to insert
** the same number of rows with one prepared statement in one transaction
** under the same pragmas, and the ratio of the two. The narrow rows of
** that baseline are much smaller than the run's (a user row has 33
** columns), so it also times re-inserting the run's own rows into its own
** schema the same way: the floor for any program writing this data.
** Figures only: nothing here passes or fails on time.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include "mem.h"
#include "runner.h"
#include "scenario.h"
#include "schema.h"
#include "expr.h"
#include "diff.h"
#include "cli.h"

static double now_seconds(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

static const char *const azTables[] = {
  "run_info", "tenants", "users", "groups", "group_members", "policies", "jobs",
  "job_assignments", "job_filters", "job_mappings", "links", "desired", "cycles",
  "provisioning_log", "audit_log", "changes", "timeline", "metrics", NULL
};

static long long count_rows(const char *zDb){
  sqlite3 *db;
  long long n = 0;
  int i;
  if( sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL)!=SQLITE_OK ) return -1;
  for(i=0; azTables[i]; i++){
    char zSql[128];
    sqlite3_stmt *p;
    snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM %s", azTables[i]);
    if( sqlite3_prepare_v2(db, zSql, -1, &p, NULL)==SQLITE_OK && sqlite3_step(p)==SQLITE_ROW ){
      n += sqlite3_column_int64(p, 0);
    }
    sqlite3_finalize(p);
  }
  sqlite3_close(db);
  return n;
}

/* Insert nRows rows of a users-like width into a fresh database. */
static double raw_insert(const char *zDb, long long nRows){
  sqlite3 *db;
  sqlite3_stmt *p;
  double t0;
  long long i;
  char zText[64];
  unlink(zDb);
  if( sqlite3_open(zDb, &db)!=SQLITE_OK ) return -1;
  sqlite3_exec(db, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
               "CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT, d INTEGER)",
               NULL, NULL, NULL);
  t0 = now_seconds();
  sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2(db, "INSERT INTO t(a, b, c, d) VALUES(?1, ?2, ?3, ?4)", -1, &p, NULL);
  for(i=0; i<nRows; i++){
    snprintf(zText, sizeof(zText), "user%lld@contoso.com", i);
    sqlite3_bind_int64(p, 1, i);
    sqlite3_bind_text(p, 2, zText, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, "d3b07384-d9a0-4c9b-8f3e-1c2d3e4f5a6b", -1, SQLITE_STATIC);
    sqlite3_bind_int64(p, 4, i*7);
    sqlite3_step(p);
    sqlite3_reset(p);
  }
  sqlite3_finalize(p);
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  t0 = now_seconds() - t0;
  sqlite3_close(db);
  unlink(zDb);
  return t0;
}

/* Copy every row of every table of zSrc, one prepared INSERT per table, in
** one transaction, into a new database with the same schema; return the
** seconds spent writing (a read-only pass over the same rows is timed
** separately and subtracted). This is the floor for any program that
** writes exactly the rows the run wrote. */
static double same_rows_insert(const char *zSrc, const char *zDst){
  sqlite3 *pS, *pD;
  double tAll, tRead;
  int pass, i;
  unlink(zDst);
  if( sqlite3_open_v2(zSrc, &pS, SQLITE_OPEN_READONLY, NULL)!=SQLITE_OK ) return -1;
  if( sqlite3_open(zDst, &pD)!=SQLITE_OK ) return -1;
  sqlite3_exec(pD, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;"
               "PRAGMA cache_size=-65536;", NULL, NULL, NULL);
  sqlite3_exec(pD, schema_sql(), NULL, NULL, NULL);
  tAll = tRead = 0;
  for(pass=0; pass<2; pass++){
    double t0 = now_seconds();
    if( pass==1 ) sqlite3_exec(pD, "BEGIN", NULL, NULL, NULL);
    for(i=0; azTables[i]; i++){
      char zSql[4096];
      sqlite3_stmt *pSel, *pIns = NULL;
      int n, k, off;
      snprintf(zSql, sizeof(zSql), "SELECT * FROM %s", azTables[i]);
      if( sqlite3_prepare_v2(pS, zSql, -1, &pSel, NULL)!=SQLITE_OK ) continue;
      n = sqlite3_column_count(pSel);
      if( pass==1 ){
        off = snprintf(zSql, sizeof(zSql), "INSERT OR REPLACE INTO %s VALUES(", azTables[i]);
        for(k=0; k<n; k++) off += snprintf(zSql+off, sizeof(zSql)-(size_t)off, "%s?", k ? "," : "");
        snprintf(zSql+off, sizeof(zSql)-(size_t)off, ")");
        sqlite3_prepare_v2(pD, zSql, -1, &pIns, NULL);
      }
      while( sqlite3_step(pSel)==SQLITE_ROW ){
        if( pIns==NULL ){
          for(k=0; k<n; k++) (void)sqlite3_column_value(pSel, k);
          continue;
        }
        for(k=0; k<n; k++) sqlite3_bind_value(pIns, k+1, sqlite3_column_value(pSel, k));
        sqlite3_step(pIns);
        sqlite3_reset(pIns);
      }
      sqlite3_finalize(pSel);
      sqlite3_finalize(pIns);
    }
    if( pass==1 ) sqlite3_exec(pD, "COMMIT", NULL, NULL, NULL);
    if( pass==0 ) tRead = now_seconds()-t0; else tAll = now_seconds()-t0;
  }
  sqlite3_close(pS);
  sqlite3_close(pD);
  unlink(zDst);
  return tAll - tRead;
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
static double expr_rate(long long nUsers){
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
  t0 = now_seconds();
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
  t0 = now_seconds() - t0;
  expr_free(p);
  return t0>0 ? (double)nUsers/t0 : 0;
}

/* Seconds to diff database zDb against itself (every pair compared, none
** kept); the pair count goes to *pnPairs. */
static double diff_self(const char *zDb, long long *pnPairs){
  Store *pA = NULL, *pB = NULL;
  Diff *p = NULL;
  TsErr err;
  double t0 = now_seconds(), t;
  tserr_clear(&err);
  *pnPairs = -1;
  if( store_open_readonly(zDb, &pA, &err)==0 && store_open_readonly(zDb, &pB, &err)==0
   && diff_build(pA, pB, &p, &err)==0 ){
    *pnPairs = p->nPairs;
  }else{
    fprintf(stderr, "bench: diff: %s\n", err.zMsg);
  }
  t = now_seconds() - t0;
  diff_free(p);
  store_close(pA);
  store_close(pB);
  return t;
}

/* Time `tenantsim import` of a Graph users page of nUsers users (the
** properties a sync-relevant $select returns), one group with all of them
** as members and its assignment: the seconds, or -1 on failure. */
static double import_time(long long nUsers){
  char zUsers[80], zGroups[80], zMembers[80], zAssign[80], zOut[80], zMemArg[120];
  FILE *f;
  long long i;
  double t;
  int rc;
  char *azArg[20];
  int nArg = 0;
  FILE *pNull = fopen("/dev/null", "w");
  snprintf(zUsers, sizeof(zUsers), "/tmp/tenantsim-bench-users-%ld.json", (long)getpid());
  snprintf(zGroups, sizeof(zGroups), "/tmp/tenantsim-bench-groups-%ld.json", (long)getpid());
  snprintf(zMembers, sizeof(zMembers), "/tmp/tenantsim-bench-members-%ld.json", (long)getpid());
  snprintf(zAssign, sizeof(zAssign), "/tmp/tenantsim-bench-assign-%ld.json", (long)getpid());
  snprintf(zOut, sizeof(zOut), "/tmp/tenantsim-bench-import-%ld.json", (long)getpid());
  if( (f = fopen(zUsers, "w"))==NULL || pNull==NULL ) return -1;
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
  fclose(f);
  if( (f = fopen(zMembers, "w"))==NULL ) return -1;
  fputs("{\"value\":[", f);
  for(i=0; i<nUsers; i++){
    fprintf(f, "%s{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"00000000-0000-4000-8000-%012lld\"}",
            i ? "," : "", i);
  }
  fputs("]}", f);
  fclose(f);
  if( (f = fopen(zGroups, "w"))==NULL ) return -1;
  fputs("{\"id\":\"g-all\",\"displayName\":\"All\",\"securityEnabled\":true,\"mailEnabled\":false}", f);
  fclose(f);
  if( (f = fopen(zAssign, "w"))==NULL ) return -1;
  fputs("{\"value\":[{\"principalId\":\"g-all\",\"principalType\":\"Group\"}]}", f);
  fclose(f);
  snprintf(zMemArg, sizeof(zMemArg), "g-all=%s", zMembers);
  azArg[nArg++] = "--users"; azArg[nArg++] = zUsers;
  azArg[nArg++] = "--groups"; azArg[nArg++] = zGroups;
  azArg[nArg++] = "--members"; azArg[nArg++] = zMemArg;
  azArg[nArg++] = "--assignments"; azArg[nArg++] = zAssign;
  azArg[nArg++] = "--source-tenant"; azArg[nArg++] = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
  azArg[nArg++] = "--target-tenant"; azArg[nArg++] = "3d0f5dba-6c3b-4b1e-9a43-1b2b0b6c1f77";
  azArg[nArg++] = "--target-domain"; azArg[nArg++] = "tgt.example";
  azArg[nArg++] = "-o"; azArg[nArg++] = zOut;
  t = now_seconds();
  rc = cmd_import_entry.xExec(nArg, azArg, pNull, pNull);
  t = now_seconds() - t;
  fclose(pNull);
  unlink(zUsers); unlink(zGroups); unlink(zMembers); unlink(zAssign); unlink(zOut);
  return rc==0 ? t : -1;
}

int main(int argc, char **argv){
  long long nUsers = 100000;
  const char *zEnv = getenv("BENCH_USERS");
  char zScn[4096], zDb[64], zRaw[64];
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  RunOptions opt;
  RunStats stats;
  struct rusage ru;
  double tRun, tRaw, tSame, tDiff;
  long long nRows, nPairs;
  int rc;

  if( argc>1 && argv[1][0] ) nUsers = atoll(argv[1]);
  else if( zEnv && zEnv[0] ) nUsers = atoll(zEnv);
  if( nUsers<1 || nUsers>SCENARIO_MAX_USERS ){
    fprintf(stderr, "bench: user count must be 1..%d\n", SCENARIO_MAX_USERS);
    return 2;
  }
  snprintf(zScn, sizeof(zScn),
    "{\"name\":\"bench\",\"seed\":1,\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P7D\","
    "\"tenants\":[{\"key\":\"src\",\"domain\":\"src.example\",\"groups\":[{\"key\":\"all\"}],"
    "\"populations\":[{\"count\":%lld,\"keyPrefix\":\"u\",\"groups\":[\"all\"],"
    "\"attributes\":{\"department\":{\"Engineering\":5,\"Sales\":3,\"Finance\":2},"
    "\"country\":{\"US\":3,\"DE\":1},\"jobTitle\":{\"Engineer\":4,\"Manager\":1}}}]},"
    "{\"key\":\"tgt\",\"domain\":\"tgt.example\"}],"
    "\"policies\":[{\"tenant\":\"tgt\",\"partner\":\"src\",\"automaticUserConsentSettings\":"
    "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},"
    "{\"tenant\":\"src\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
    "\"jobs\":[{\"key\":\"onboard\",\"source\":\"src\",\"target\":\"tgt\","
    "\"assignments\":{\"groups\":[\"all\"]}}]}", nUsers);
  snprintf(zDb, sizeof(zDb), "/tmp/tenantsim-bench-%ld.db", (long)getpid());
  snprintf(zRaw, sizeof(zRaw), "/tmp/tenantsim-bench-raw-%ld.db", (long)getpid());
  unlink(zDb);

  strbuf_init(&errs);
  tserr_clear(&err);
  if( scenario_parse("bench", zScn, &pScn, &errs, &err) ){
    fprintf(stderr, "bench: %s", strbuf_str(&errs));
    strbuf_free(&errs);
    return 1;
  }
  strbuf_free(&errs);
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "bench";
  tRun = now_seconds();
  rc = runner_run(pScn, &opt, &stats, &err);
  tRun = now_seconds() - tRun;
  scenario_free(pScn);
  if( rc ){
    fprintf(stderr, "bench: %s\n", err.zMsg);
    unlink(zDb);
    return 1;
  }
  getrusage(RUSAGE_SELF, &ru);
  nRows = count_rows(zDb);
  tSame = same_rows_insert(zDb, zRaw);
  tDiff = diff_self(zDb, &nPairs);
  unlink(zDb);
  tRaw = raw_insert(zRaw, nRows);

  printf("tenantsim bench: onboarding of %lld users (one initial cycle, P7D simulated)\n", nUsers);
  printf("  users in world       %lld\n", (long long)stats.nUsers);
  printf("  events / cycles      %lld / %lld\n", (long long)stats.nEvents, (long long)stats.nCycles);
  printf("  wall seconds         %.3f\n", tRun);
  printf("  rows written         %lld\n", nRows);
  printf("  peak memory          %.1f MiB\n", (double)ru.ru_maxrss/1024.0);
  printf("  raw SQLite inserts   %.3f s for %lld rows (one prepared statement, one transaction)\n", tRaw, nRows);
  printf("  ratio run/raw        %.2f (target <= 2.5)\n", tRaw>0 ? tRun/tRaw : 0.0);
  printf("  same rows, raw       %.3f s to insert the run's own rows into its schema\n", tSame);
  printf("  ratio run/same rows  %.2f\n", tSame>0 ? tRun/tSame : 0.0);
  printf("  users per second     %.0f\n", (double)nUsers/tRun);
  printf("  diff of the run      %.3f s for %lld pairs (tenantsim diff DB DB)\n", tDiff, nPairs);
  printf("  expressions/second   %.0f (six-function mapping, compiled once, %lld users)\n",
         expr_rate(nUsers), nUsers);
  {
    double tImport = import_time(nUsers);
    if( tImport<0 ) printf("  import               failed\n");
    else printf("  import               %.3f s for %lld Graph users, their group and its members"
                " (%.0f users/s, validated)\n", tImport, nUsers, (double)nUsers/tImport);
  }
  return 0;
}
