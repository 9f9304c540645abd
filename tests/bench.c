/*
** bench.c — `make bench`: how fast tenantsim runs a realistic scenario,
** measured honestly.
**
** Generates the scenario of a topology (bench_shape.c: BENCH_TOPOLOGY
** pair, hub4, hub100 or mesh20; BENCH_USERS users per source tenant, or
** argv[1]), runs it into a fresh database in this process, and prints:
** the topology, users and jobs, the simulated span and when the initial
** sync converged, CPU seconds (getrusage user+sys) and wall seconds of the
** run, rows per table and in all, rows per second, peak RSS, the
** simulated-to-wall ratio, the cost per job and per (user, job); then, in
** the same process, the two SQLite baselines of bench_measure.c with the
** ratios run/baseline in CPU and wall seconds; then, unless BENCH_EXTRAS=0,
** the figures beside the run (diff, report, expressions, import). With
** BENCH_REPEAT=N (2..9) the run and both baselines are timed N times in
** turn and the CPU and wall seconds of every round are printed, with the
** medians of the ratios in each: on a noisy machine one round moves by half.
** BENCH_ONLY=import
** gives the import figure alone, without the run. BENCH_SCENARIO=
** FILE also writes the generated scenario there, for `tenantsim run`.
** Figures only: nothing here passes or fails on time.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "mem.h"
#include "runner.h"
#include "scenario.h"

/* n with thousands separators (no locale). */
static const char *fmt_int(long long n, char *z, size_t nz){
  char zDigits[32];
  int nD, i, o = 0;
  if( n<0 ){ z[o++] = '-'; n = -n; }
  nD = snprintf(zDigits, sizeof(zDigits), "%lld", n);
  for(i=0; i<nD && o+2<(int)nz; i++){
    if( i>0 && (nD-i)%3==0 ) z[o++] = ',';
    z[o++] = zDigits[i];
  }
  z[o] = 0;
  return z;
}

/* The count zArg, else environment variable zName: 0 when neither is
** given, -1 when it is not a number. */
static long long env_count(const char *zName, const char *zArg){
  const char *z = zArg && zArg[0] ? zArg : getenv(zName);
  char *zEnd;
  long long n;
  if( z==NULL || z[0]==0 ) return 0;
  n = strtoll(z, &zEnd, 10);
  return *zEnd || n<0 ? -1 : n;
}

/* Write z to file zPath; 0 or -1. */
static int write_file(const char *zPath, const char *z){
  FILE *f = fopen(zPath, "w");
  int rc;
  if( f==NULL ) return -1;
  rc = fputs(z, f)<0 ? -1 : 0;
  if( fclose(f) ) rc = -1;
  return rc;
}

static int by_rows_desc(const void *pA, const void *pB){
  const BenchTable *a = pA, *b = pB;
  if( a->nRows!=b->nRows ) return a->nRows>b->nRows ? -1 : 1;
  return strcmp(a->zName, b->zName);
}

static void print_shape(const BenchShape *p){
  static const char *const azWhat[] = {
    "1 source tenant -> 1 target",
    "1 source tenant -> 4 targets",
    "a 100-tenant multitenant organization: the hub -> its 99 members, each member -> the hub",
    "20 tenants (a multitenant organization), each -> all 19 others"
  };
  char z1[32], z2[32], z3[32], z4[32], z5[32], z6[32], zD[40];
  printf("tenantsim bench: topology %s (%s)\n", p->zName, azWhat[p->eTopo]);
  printf("  users              %s per source tenant, %d source tenant%s, %d tenants, %d job%s\n",
         fmt_int(p->nUsers, z1, sizeof(z1)), p->nSource, p->nSource==1 ? "" : "s",
         p->nTenant, p->nJob, p->nJob==1 ? "" : "s");
  printf("  initial sync       until %s (the longest initial cycle the cost model allows: %s s),\n"
         "                     then %d days of churn\n",
         simtime_format_duration(p->tChurn, zD, sizeof(zD)),
         fmt_int(p->tInitBound, z2, sizeof(z2)), BENCH_CHURN_DAYS);
  printf("  churn per day      per source tenant: %s hires, %s leavers, %s department moves,\n"
         "                     %s group moves, %s attribute changes; as fractions of the\n"
         "                     population: %s\n",
         fmt_int(p->nHire, z1, sizeof(z1)), fmt_int(p->nLeave, z3, sizeof(z3)),
         fmt_int(p->nMove, z4, sizeof(z4)), fmt_int(p->nRegroup, z5, sizeof(z5)),
         fmt_int(p->nUpdate, z6, sizeof(z6)), bench_shape_fractions());
  printf("  timeline actions   %s\n", fmt_int(p->nAction, z1, sizeof(z1)));
}

static void print_initial(const BenchShape *p, const BenchInitial *pI){
  char zT[40], zD[40], zF[40];
  if( pI->nJob==0 ){
    printf("  initial sync       no initial cycle ran\n");
    return;
  }
  if( pI->nUnfinished ){
    printf("  initial sync       NOT CONVERGED: %d of %d jobs' initial cycles still running at the end\n",
           pI->nUnfinished, pI->nJob);
    return;
  }
  printf("  initial sync       converged at %s (%s from the start", 
         simtime_format_duration(pI->tLast, zT, sizeof(zT)),
         simtime_format_span(pI->tLast, zD, sizeof(zD)));
  if( pI->nJob>1 ){
    printf("; the last of %d jobs' initial cycles, the first ended at %s", pI->nJob,
           simtime_format_span(pI->tFirst, zF, sizeof(zF)));
  }
  printf(")\n");
  if( pI->nNotSucceeded ){
    printf("                     %d initial cycle%s ended in a state other than Succeeded\n",
           pI->nNotSucceeded, pI->nNotSucceeded==1 ? "" : "s");
  }
  if( pI->tLast>p->tChurn ){
    printf("                     WARNING: the churn began before the initial sync converged\n");
  }
}

static void print_rows(BenchRows *pRows){
  int i, nShown = 0;
  char z[32];
  qsort(pRows->a, (size_t)pRows->n, sizeof(BenchTable), by_rows_desc);
  printf("rows per table (non-empty tables, most rows first)\n");
  for(i=0; i<pRows->n; i++){
    if( pRows->a[i].nRows==0 ) continue;
    printf("%s%-22s %11s", nShown%3==0 ? "  " : "   ", pRows->a[i].zName,
           fmt_int(pRows->a[i].nRows, z, sizeof(z)));
    if( ++nShown%3==0 ) printf("\n");
  }
  if( nShown%3 ) printf("\n");
  printf("  %d of %d tables empty\n", pRows->n-nShown, pRows->n);
}

/* A baseline's line: its time and the run's ratio to it. */
static void print_baseline(const char *zName, const char *zWhat, BenchClock t, BenchClock tRun){
  printf("  %-18s %s\n", zName, zWhat);
  printf("  %-18s CPU %.3f s, wall %.3f s; run/%s: %.2f CPU, %.2f wall\n", "", t.rCpu, t.rWall,
         zName, t.rCpu>0 ? tRun.rCpu/t.rCpu : 0.0, t.rWall>0 ? tRun.rWall/t.rWall : 0.0);
}

/* One round: the run and its two baselines, CPU and wall seconds (the run
** has two threads, so its wall is not its CPU). */
typedef struct BenchRound { BenchClock run, narrow, own; } BenchRound;

static int by_double(const void *pA, const void *pB){
  double a = *(const double*)pA, b = *(const double*)pB;
  return a<b ? -1 : a>b;
}

/* The median of a[n] (n>=1; sorts a) into *pMed, the range into *pMin, *pMax. */
static void median_of(double *a, int n, double *pMed, double *pMin, double *pMax){
  qsort(a, (size_t)n, sizeof(double), by_double);
  *pMed = n%2 ? a[n/2] : (a[n/2-1]+a[n/2])/2;
  *pMin = a[0];
  *pMax = a[n-1];
}

/* Parse scenario text zScn (timed into *pParse, its messages into pErrs)
** and run it into a fresh database zDb (timed into *pRun). TS_OK, or the
** code of what failed, with pErrs (parse) or pErr (run) saying why. */
static int bench_run_once(const char *zScn, const char *zDb, BenchClock *pParse,
                          BenchClock *pRun, RunStats *pStats, StrBuf *pErrs, TsErr *pErr){
  Scenario *pScn = NULL;
  RunOptions opt;
  BenchClock t0;
  int rc;
  tserr_clear(pErr);
  bench_measure_now(&t0);
  rc = scenario_parse("bench", zScn, &pScn, pErrs, pErr);
  *pParse = bench_measure_since(&t0);
  if( rc ) return rc;
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "bench";
  unlink(zDb);
  bench_measure_now(&t0);
  rc = runner_run(pScn, &opt, pStats, pErr);
  *pRun = bench_measure_since(&t0);
  scenario_free(pScn);
  return rc;
}

/* Rounds 2..nRound: the scenario zScn run again into zDb, then the
** baselines of nRows rows; aRound[0] is the first round's. Returns the
** rounds measured. */
static int bench_rounds(const char *zScn, const char *zDb, const char *zRaw, int64_t nRows,
                        BenchRound *aRound, int nRound){
  int k;
  for(k=1; k<nRound; k++){
    StrBuf errs;
    TsErr err;
    RunStats stats;
    BenchClock tParse, tRun, tNarrow, tOwn, tIndex;
    int rc;
    strbuf_init(&errs);
    rc = bench_run_once(zScn, zDb, &tParse, &tRun, &stats, &errs, &err);
    strbuf_free(&errs);
    if( rc || bench_measure_narrow(zRaw, nRows, &tNarrow)
     || bench_measure_own_rows(zDb, zRaw, &tOwn, &tIndex) ) break;
    aRound[k].run = tRun;
    aRound[k].narrow = tNarrow;
    aRound[k].own.rCpu = tOwn.rCpu + tIndex.rCpu;
    aRound[k].own.rWall = tOwn.rWall + tIndex.rWall;
  }
  return k;
}

/* The medians (with the range) of one measure of the rounds: the run's
** seconds, run/narrow and run/own rows, in CPU (bWall 0) or wall seconds. */
static void print_round_medians(const BenchRound *aRound, int n, int bWall){
  double aRun[BENCH_MAX_ROUNDS], aNarrow[BENCH_MAX_ROUNDS], aOwn[BENCH_MAX_ROUNDS];
  double m, lo, hi;
  int k;
  for(k=0; k<n; k++){
    double rRun = bWall ? aRound[k].run.rWall : aRound[k].run.rCpu;
    double rNarrow = bWall ? aRound[k].narrow.rWall : aRound[k].narrow.rCpu;
    double rOwn = bWall ? aRound[k].own.rWall : aRound[k].own.rCpu;
    aRun[k] = rRun;
    aNarrow[k] = rNarrow>0 ? rRun/rNarrow : 0;
    aOwn[k] = rOwn>0 ? rRun/rOwn : 0;
  }
  median_of(aRun, n, &m, &lo, &hi);
  printf("  median of %d, %-4s  run %.3f s (%.3f-%.3f)", n, bWall ? "wall" : "CPU", m, lo, hi);
  median_of(aNarrow, n, &m, &lo, &hi);
  printf("; run/narrow %.2f (%.2f-%.2f)", m, lo, hi);
  median_of(aOwn, n, &m, &lo, &hi);
  printf("; run/own rows %.2f (%.2f-%.2f)\n", m, lo, hi);
}

static void print_rounds(const BenchRound *aRound, int n){
  int k;
  printf("rounds (the run, the narrow and the own-rows baseline again, in turn;"
         " CPU / wall seconds)\n");
  for(k=0; k<n; k++){
    const BenchRound *r = &aRound[k];
    printf("  round %d            run %.3f / %.3f, narrow %.3f / %.3f, own rows %.3f / %.3f\n",
           k+1, r->run.rCpu, r->run.rWall, r->narrow.rCpu, r->narrow.rWall,
           r->own.rCpu, r->own.rWall);
  }
  print_round_medians(aRound, n, 0);
  print_round_medians(aRound, n, 1);
}

/* The report figure: tenantsim report of the run database, each format. */
static void print_report_figure(const char *zDb){
  static const char *const azFormat[4] = { "text", "json", "html", "md" };
  int i;
  printf("  report            ");
  for(i=0; i<4; i++){
    double t = bench_extra_report(zDb, azFormat[i]);
    if( t<0 ) printf(" %s failed%s", azFormat[i], i<3 ? "," : "");
    else printf(" %s %.3f s%s", azFormat[i], t, i<3 ? "," : "");
  }
  printf(" (tenantsim report of the run database, to /dev/null)\n");
}

/* The import figure: every user of the shape's source tenants. */
static void print_import(const BenchShape *p){
  long long nImport = p->nUsers*p->nSource;
  double t = bench_extra_import(nImport);
  char z1[32], z2[32];
  if( t<0 ) printf("  import             failed\n");
  else printf("  import             %.3f s for %s Graph users, their group and its members"
              " (%s users/s, validated)\n", t, fmt_int(nImport, z1, sizeof(z1)),
              fmt_int((long long)((double)nImport/t), z2, sizeof(z2)));
}

static void print_extras(const BenchShape *p, const char *zDb){
  long long nPairs;
  double t, r;
  char z1[32], z2[32];
  printf("beside the run (each timed alone, wall seconds; not part of the figures above)\n");
  t = bench_extra_diff(zDb, &nPairs);
  printf("  diff               %.3f s for %s pairs (tenantsim diff of the run database with itself)\n",
         t, fmt_int(nPairs, z1, sizeof(z1)));
  print_report_figure(zDb);
  r = bench_extra_expr(p->nUsers);
  printf("  expressions        %s per second (a six-function mapping, compiled once, %s users)\n",
         fmt_int((long long)r, z1, sizeof(z1)), fmt_int(p->nUsers, z2, sizeof(z2)));
  print_import(p);
}

int main(int argc, char **argv){
  BenchShape shape;
  BenchInitial init;
  BenchRows rows;
  BenchClock tParse, tRun, tNarrow, tOwn, tIndex, tOwnAll;
  const char *zExtras = getenv("BENCH_EXTRAS");
  const char *zSave = getenv("BENCH_SCENARIO");
  const char *zOnly = getenv("BENCH_ONLY");
  long long nRound = env_count("BENCH_REPEAT", NULL);
  BenchRound aRound[BENCH_MAX_ROUNDS];
  char zDb[64], zRaw[64], z1[32], z2[32], zD[40];
  char *zScn;
  StrBuf errs;
  TsErr err;
  RunStats stats;
  double rPeak;
  int rc;

  if( bench_shape_init(&shape, getenv("BENCH_TOPOLOGY"),
                       env_count("BENCH_USERS", argc>1 ? argv[1] : NULL)) ){
    fprintf(stderr, "bench: BENCH_TOPOLOGY must be pair, hub4, hub100 or mesh20,"
            " BENCH_USERS 1..%d users per source tenant\n", BENCH_MAX_USERS);
    return 2;
  }
  if( nRound<0 || nRound>BENCH_MAX_ROUNDS ){
    fprintf(stderr, "bench: BENCH_REPEAT must be 1..%d rounds\n", BENCH_MAX_ROUNDS);
    return 2;
  }
  if( nRound==0 ) nRound = 1;
  memset(aRound, 0, sizeof(aRound));
  if( zOnly && strcmp(zOnly, "import")==0 ){
    /* the import alone: a million users' figure without the million-user run */
    printf("import only (BENCH_ONLY=import: no run, no other figure)\n");
    print_import(&shape);
    return 0;
  }
  zScn = bench_shape_json(&shape);
  if( zScn==NULL ){ fprintf(stderr, "bench: out of memory\n"); return 1; }
  if( zSave && zSave[0] && write_file(zSave, zScn) ){
    fprintf(stderr, "bench: cannot write %s\n", zSave);
    mem_free(zScn);
    return 1;
  }
  snprintf(zDb, sizeof(zDb), "/tmp/tenantsim-bench-%ld.db", (long)getpid());
  snprintf(zRaw, sizeof(zRaw), "/tmp/tenantsim-bench-raw-%ld.db", (long)getpid());
  unlink(zDb);
  print_shape(&shape);
  fflush(stdout);

  strbuf_init(&errs);
  rc = bench_run_once(zScn, zDb, &tParse, &tRun, &stats, &errs, &err);
  rPeak = bench_measure_peak_mib();
  if( rc ){
    if( errs.n ) fprintf(stderr, "bench: %s", strbuf_str(&errs));
    else fprintf(stderr, "bench: %s\n", err.zMsg);
    strbuf_free(&errs);
    unlink(zDb);
    mem_free(zScn);
    return 1;
  }
  strbuf_free(&errs);
  if( bench_measure_rows(zDb, &rows) || bench_measure_initial(zDb, &init) ){
    fprintf(stderr, "bench: cannot read %s\n", zDb);
    unlink(zDb);
    mem_free(zScn);
    return 1;
  }

  printf("run (runner_run in this process, into a fresh database)\n");
  printf("  simulated span     %s (%s simulated seconds)\n",
         simtime_format_duration(shape.tSpan, zD, sizeof(zD)), fmt_int(shape.tSpan, z1, sizeof(z1)));
  print_initial(&shape, &init);
  printf("  events / cycles    %s / %s\n", fmt_int(stats.nEvents, z1, sizeof(z1)),
         fmt_int(init.nCycles, z2, sizeof(z2)));
  printf("  users in world     %s at the end\n", fmt_int(stats.nUsers, z1, sizeof(z1)));
  printf("  scenario parse     CPU %.3f s, wall %.3f s (not in the run's figures)\n",
         tParse.rCpu, tParse.rWall);
  printf("  CPU seconds        %.3f (user+sys)\n", tRun.rCpu);
  printf("  wall seconds       %.3f\n", tRun.rWall);
  printf("  simulated / wall   %s\u00d7 real time\n",
         fmt_int(tRun.rWall>0 ? (long long)((double)shape.tSpan/tRun.rWall) : 0, z1, sizeof(z1)));
  printf("  peak RSS           %.1f MiB\n", rPeak);
  printf("  rows written       %s\n", fmt_int(rows.nTotal, z1, sizeof(z1)));
  printf("  rows per second    %s per wall second, %s per CPU second\n",
         fmt_int(tRun.rWall>0 ? (long long)((double)rows.nTotal/tRun.rWall) : 0, z1, sizeof(z1)),
         fmt_int(tRun.rCpu>0 ? (long long)((double)rows.nTotal/tRun.rCpu) : 0, z2, sizeof(z2)));
  if( shape.nJob>1 ){
    printf("  per job            %.1f ms CPU, %.1f ms wall\n",
           1000.0*tRun.rCpu/shape.nJob, 1000.0*tRun.rWall/shape.nJob);
  }
  printf("  per user and job   %.2f us CPU (CPU seconds / (%s users x %d job%s))\n",
         1e6*tRun.rCpu/((double)shape.nUsers*(double)shape.nJob),
         fmt_int(shape.nUsers, z1, sizeof(z1)), shape.nJob, shape.nJob==1 ? "" : "s");
  print_rows(&rows);
  fflush(stdout);

  printf("baselines (this process, the run database's pragmas, one transaction)\n");
  if( bench_measure_narrow(zRaw, rows.nTotal, &tNarrow) ){
    printf("  narrow             failed\n");
  }else{
    print_baseline("narrow", "as many rows as the run wrote, of 5 narrow columns, one prepared"
                   " statement", tNarrow, tRun);
    aRound[0].narrow = tNarrow;
  }
  if( bench_measure_own_rows(zDb, zRaw, &tOwn, &tIndex) ){
    printf("  own rows           failed\n");
  }else{
    char zWhat[160];
    tOwnAll.rCpu = tOwn.rCpu + tIndex.rCpu;
    tOwnAll.rWall = tOwn.rWall + tIndex.rWall;
    snprintf(zWhat, sizeof(zWhat), "the run's rows into its own schema, then its reader indexes"
             " (CPU %.3f s + %.3f s)", tOwn.rCpu, tIndex.rCpu);
    print_baseline("own rows", zWhat, tOwnAll, tRun);
    aRound[0].own = tOwnAll;
  }
  fflush(stdout);
  aRound[0].run = tRun;
  if( nRound>1 ){
    int nDone = bench_rounds(zScn, zDb, zRaw, rows.nTotal, aRound, (int)nRound);
    print_rounds(aRound, nDone);
    if( nDone<nRound ) printf("  round %d failed: the rounds after it were not run\n", nDone+1);
    fflush(stdout);
  }
  mem_free(zScn);
  if( zExtras==NULL || strcmp(zExtras, "0")!=0 ) print_extras(&shape, zDb);
  unlink(zDb);
  bench_measure_rows_free(&rows);
  return 0;
}
