/*
** cmd_run.c — `tenantsim run FILE`: replay a scenario into a run database
** and print its report.
**
** The database is written to a temporary file beside the destination and
** renamed into place only when everything succeeded, so a failed run never
** destroys the previous result.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"
#include "cli_args.h"
#include "outfile.h"
#include "runner.h"
#include "tslimits.h"

/* Monotonic wall-clock seconds, for the speed line only: never stored. */
static double run_wall_seconds(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

/* Make directory zDir if it does not exist (one level). */
static int ensure_dir(const char *zDir){
  struct stat st;
  if( stat(zDir, &st)==0 ) return S_ISDIR(st.st_mode) ? 0 : -1;
  return mkdir(zDir, 0777);
}

static const CliOption aRunOpt[] = {
  { "--db",    "PATH", CLI_DB,     "the run database to write (default runs/<scenario-name>.db)" },
  { "--seed",  "N",    CLI_WORD,   "the seed instead of the scenario's" },
  { "--json",  "PATH", CLI_OUTPUT, "write the JSON report to PATH" },
  { "--html",  "PATH", CLI_OUTPUT, "write the HTML report to PATH" },
  { "--quiet", NULL,   CLI_WORD,   "no progress line on a terminal" },
  { NULL, NULL, CLI_WORD, NULL }
};

/* The options of `run`; returns 0, or the usage error's exit status. */
static int run_options(int argc, char **argv, FILE *err, const char **pzFile, const char **pzDb,
                       OutFile *pJson, OutFile *pHtml, RunOptions *pOpt, int *pbQuiet){
  CliArgs a;
  int rc;
  cli_args_start(&a, &cmd_run_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--db") ) *pzDb = a.zArg;
    else if( cli_args_is(&a, "--json") ) pJson->zPath = a.zArg;
    else if( cli_args_is(&a, "--html") ) pHtml->zPath = a.zArg;
    else if( cli_args_is(&a, "--seed") ){
      if( cli_parse_seed(a.zArg, &pOpt->seed) ){
        return cli_usage_error(err, "--seed needs a non-negative integer, not %s", a.zArg);
      }
      pOpt->bSeed = 1;
    }
    else if( cli_args_is(&a, "--quiet") ) *pbQuiet = 1;
    else if( *pzFile==NULL ) *pzFile = a.zArg;
    else return cli_usage_error(err, "run takes one FILE, found another: %s", a.zArg);
  }
  if( rc ) return rc;
  if( *pzFile==NULL ) return cli_usage_error(err, "run needs a scenario FILE");
  return cli_input(err, *pzFile, CLI_SCENARIO);
}

static int run_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zFile = NULL, *zDb = NULL;
  int bQuiet = 0, rc;
  double rWall;
  int64_t tSim;
  RunOptions opt;
  RunStats stats;
  Scenario *pScn = NULL;
  TsErr e;
  char zDbBuf[TS_PATH_MAX], zTmp[TS_PATH_MAX+64];
  OutFile json, html;

  memset(&opt, 0, sizeof(opt));
  memset(&json, 0, sizeof(json));
  memset(&html, 0, sizeof(html));
  rc = run_options(argc, argv, err, &zFile, &zDb, &json, &html, &opt, &bQuiet);
  if( rc ) return rc;
  rc = cli_load_scenario(err, zFile, &pScn);
  if( rc ) return cli_exit_code(rc);

  if( zDb==NULL ){
    if( ensure_dir("runs") ){
      fprintf(err, "tenantsim: cannot create directory runs: %s\n", strerror(errno));
      scenario_free(pScn);
      return 1;
    }
    snprintf(zDbBuf, sizeof(zDbBuf), "runs/%s.db", pScn->zName);
    zDb = zDbBuf;
  }
  tserr_clear(&e);
  if( cli_temp_name(zDb, zTmp, sizeof(zTmp)) ){
    scenario_free(pScn);
    return cli_usage_error(err, "--db path too long: %s", zDb);
  }
  opt.zDbPath = zTmp;
  opt.zVersion = TENANTSIM_VERSION;
  opt.pProgress = (!bQuiet && isatty(2)) ? err : NULL;

  rWall = run_wall_seconds();
  rc = runner_run(pScn, &opt, &stats, &e);
  rWall = run_wall_seconds() - rWall;
  tSim = pScn->duration;
  if( rc==TS_OK ) rc = outfile_open(&json, &e);
  if( rc==TS_OK ) rc = outfile_open(&html, &e);
  if( rc==TS_OK ) rc = cli_write_report(zTmp, out, json.f, html.f, NULL, &e);
  rc = outfile_close(&json, rc, &e);
  rc = outfile_close(&html, rc, &e);
  if( rc==TS_OK && rename(zTmp, zDb) ){
    rc = tserr_set(&e, TS_IOERR, "cannot rename %s to %s: %s", zTmp, zDb, strerror(errno));
  }
  scenario_free(pScn);
  if( rc ){
    unlink(zTmp);
    return cli_fail(err, rc, &e);
  }
  fprintf(out, "\ndatabase: %s\n", zDb);
  if( json.zPath ) fprintf(out, "JSON report: %s\n", json.zPath);
  if( html.zPath ) fprintf(out, "HTML report: %s\n", html.zPath);
  if( opt.pProgress ){
    /* The speed of this run, after the progress line and like it only on
    ** a terminal: wall time differs run to run, so it is never written
    ** into the report or the database. */
    char zSpan[64];
    fprintf(err, "simulated %s in %.2f s of wall time (%.0fx real time, %lld events)\n",
            simtime_format_span(tSim, zSpan, sizeof(zSpan)), rWall,
            rWall>0 ? (double)tSim/rWall : 0.0, (long long)stats.nEvents);
  }
  return 0;
}

const CliCommand cmd_run_entry = {
  "run",
  "run FILE [--db PATH] [--seed N] [--json PATH] [--html PATH] [--quiet]",
  "Replay scenario FILE in simulated time into a SQLite run database\n"
  "(default runs/<scenario-name>.db), print the summary report, and\n"
  "write the JSON and/or HTML report if asked. --seed overrides\n"
  "the scenario's seed. Progress goes to stderr when it is a terminal,\n"
  "then the wall time and the simulated-to-real-time ratio;\n"
  "--quiet silences it.",
  aRunOpt, CLI_SCENARIO, 1,
  run_exec
};
