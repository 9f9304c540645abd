/*
** cli_source.c — the run database a command reads when it is given
** FILE|DB (trust, lint): the database itself, or the scenario run into a
** temporary one (see cli.h, cli_source_db).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "mem.h"
#include "runner.h"
#include "simtime.h"
#include "tslimits.h"

/* Is zPath an SQLite database (its 16-byte header)? */
static int is_sqlite_file(const char *zPath){
  static const char zMagic[16] = "SQLite format 3";   /* and its NUL */
  char aHead[16];
  FILE *f = fopen(zPath, "rb");
  size_t n;
  if( f==NULL ) return 0;
  n = fread(aHead, 1, sizeof(aHead), f);
  fclose(f);
  return n==sizeof(aHead) && memcmp(aHead, zMagic, sizeof(aHead))==0;
}

int cli_source_db(FILE *err, const char *zArg, char *zDb, size_t nDb, int *pbTemp){
  Scenario *pScn = NULL;
  RunOptions opt;
  RunStats stats;
  TsErr e;
  int fd, rc;
  *pbTemp = 0;
  if( cli_input(err, zArg, CLI_SCENARIO_DB) ) return TS_ERR;
  if( is_sqlite_file(zArg) ){
    if( (size_t)snprintf(zDb, nDb, "%s", zArg)>=nDb ){
      fprintf(err, "tenantsim: %s: path too long\n", zArg);
      return TS_ERR;
    }
    return TS_OK;
  }
  rc = cli_load_scenario(err, zArg, &pScn);
  if( rc ) return rc;
  if( cli_scratch_name(zDb, nDb, "tenantsim-run-XXXXXX") ){
    scenario_free(pScn);
    fprintf(err, "tenantsim: the temporary directory's path is too long\n");
    return TS_IOERR;
  }
  fd = mkstemp(zDb);
  if( fd<0 ){
    scenario_free(pScn);
    fprintf(err, "tenantsim: %s: %s\n", zDb, strerror(errno));
    return TS_IOERR;
  }
  close(fd);
  unlink(zDb);                   /* runner_run creates the database itself */
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = TENANTSIM_VERSION;
  tserr_clear(&e);
  rc = runner_run(pScn, &opt, &stats, &e);
  scenario_free(pScn);
  if( rc ){
    unlink(zDb);
    fprintf(err, "tenantsim: %s: %s\n", zArg, e.zMsg);
    return rc;
  }
  *pbTemp = 1;
  return TS_OK;
}

int cli_source_at(Store *pStore, const char *zAt, SimTime *pT, TsErr *pErr){
  char zWhy[TS_REASON_MAX];
  SimTime tStart = 0, t;
  char *zStart;
  *pT = -1;
  if( zAt==NULL || strcmp(zAt, "end")==0 ) return TS_OK;
  if( zAt[0]=='P' || zAt[0]=='-' ){
    if( simtime_parse_duration(zAt, &t, zWhy, sizeof(zWhy)) ){
      return tserr_set(pErr, TS_ERR, "--at %s: %s", zAt, zWhy);
    }
    if( t<0 ) return tserr_set(pErr, TS_ERR, "--at %s: before the start of the run", zAt);
    *pT = t;
    return TS_OK;
  }
  if( simtime_parse_instant(zAt, &t, zWhy, sizeof(zWhy)) ){
    return tserr_set(pErr, TS_ERR, "--at %s: expected an offset from the start (P10DT4H), an"
                     " instant (2026-01-15T09:00:00Z) or \"end\": %s", zAt, zWhy);
  }
  zStart = store_info(pStore, "start");
  if( zStart==NULL || simtime_parse_instant(zStart, &tStart, NULL, 0) ){
    mem_free(zStart);
    return tserr_set(pErr, TS_ERR, "this database has no valid run_info 'start'");
  }
  mem_free(zStart);
  if( t<tStart ) return tserr_set(pErr, TS_ERR, "--at %s: before the start of the run (%s)", zAt,
                                  simtime_format_instant(tStart, zWhy, sizeof(zWhy)));
  *pT = t - tStart;
  return TS_OK;
}
