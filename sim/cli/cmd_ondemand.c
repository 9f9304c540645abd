/*
** cmd_ondemand.c — `tenantsim provision-on-demand DB JOB USER`: replay the
** run's scenario (stored in DB) to its end, provision USER with JOB at
** once, print the steps, and replace DB with the result.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cli_args.h"
#include "mem.h"
#include "ondemand.h"
#include "runner.h"
#include "store.h"
#include "strbuf.h"
#include "tslimits.h"

/* The scenario text and seed a run database was made from (the caller
** frees both with mem_free). */
static int ondemand_source(const char *zDb, char **pzJson, char **pzSeed, TsErr *pErr){
  Store *pStore = NULL;
  int rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc ) return rc;
  *pzJson = store_info(pStore, "scenario_json");
  *pzSeed = store_info(pStore, "seed");
  store_close(pStore);
  if( *pzJson==NULL || *pzSeed==NULL ){
    return tserr_set(pErr, TS_ERR, "%s was written by an older tenantsim and cannot be"
                     " replayed; run its scenario again", zDb);
  }
  return TS_OK;
}

/* Print the steps of the on-demand provisioning in the database zDb. */
static int ondemand_print(const char *zDb, FILE *out, TsErr *pErr){
  Store *pStore = NULL;
  int rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc ) return rc;
  rc = ondemand_steps_write(pStore, out, pErr);
  store_close(pStore);
  return rc;
}

/* Replay pScn into zTmp with the on-demand request of argv (DB JOB USER)
** at its end, and print what happened. */
static int ondemand_replay(Scenario *pScn, const char *zSeed, char **argv, const char *zTmp,
                           FILE *out, TsErr *pErr){
  RunOptions opt;
  RunStats stats;
  int rc;
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zTmp;
  opt.seed = strtoull(zSeed, NULL, 10);
  opt.bSeed = 1;
  opt.zVersion = TENANTSIM_VERSION;
  opt.zOnDemandJob = argv[1];
  opt.zOnDemandUser = argv[2];
  rc = runner_run(pScn, &opt, &stats, pErr);
  if( rc ) return rc;
  fprintf(out, "On-demand provisioning of %s by %s at the end of the run: %s\n",
          argv[2], argv[1], stats.zOnDemand);
  return ondemand_print(zTmp, out, pErr);
}

static int ondemand_exec(int argc, char **argv, FILE *out, FILE *err){
  char *zJson = NULL, *zSeed = NULL;
  Scenario *pScn = NULL;
  StrBuf errs;
  CliArgs a;
  TsErr e;
  char zTmp[TS_PATH_MAX+64];
  char *az[3];                            /* DB JOB USER */
  int rc, n = 0;
  cli_args_start(&a, &cmd_ondemand_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( n<3 ) az[n] = (char*)a.zArg;
    n++;
  }
  if( rc ) return rc;
  if( n!=3 ) return cli_usage_error(err, "provision-on-demand takes DB JOB USER");
  argv = az;
  if( cli_input(err, argv[0], CLI_DB) ) return 2;
  if( cli_temp_name(argv[0], zTmp, sizeof(zTmp)) ){
    return cli_usage_error(err, "DB path too long: %s", argv[0]);
  }
  tserr_clear(&e);
  strbuf_init(&errs);
  rc = ondemand_source(argv[0], &zJson, &zSeed, &e);
  if( rc==TS_OK ) rc = scenario_parse(argv[0], zJson, &pScn, &errs, &e);
  if( rc==TS_OK ){
    rc = ondemand_replay(pScn, zSeed, argv, zTmp, out, &e);
    if( rc==TS_OK && rename(zTmp, argv[0]) ){
      rc = tserr_set(&e, TS_IOERR, "cannot rename %s to %s: %s", zTmp, argv[0], strerror(errno));
    }
    if( rc ) unlink(zTmp);
    else fprintf(out, "database updated: %s\n", argv[0]);
  }
  scenario_free(pScn);
  mem_free(zJson);
  mem_free(zSeed);
  strbuf_free(&errs);
  return rc ? cli_fail(err, rc, &e) : 0;
}

const CliCommand cmd_ondemand_entry = {
  "provision-on-demand",
  "provision-on-demand DB JOB USER",
  "Provision one user on demand at the end of an earlier run: the run's\n"
  "scenario is replayed from DB, USER (a source user key) is provisioned\n"
  "by JOB at once, the documented steps are printed, and DB is replaced\n"
  "by the result.",
  NULL, CLI_DB, 1,
  ondemand_exec
};
