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
#include "runner.h"

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
  if( cli_readable(err, zArg) ) return TS_ERR;
  if( is_sqlite_file(zArg) ){
    if( (size_t)snprintf(zDb, nDb, "%s", zArg)>=nDb ){
      fprintf(err, "tenantsim: %s: path too long\n", zArg);
      return TS_ERR;
    }
    return TS_OK;
  }
  rc = cli_load_scenario(err, zArg, &pScn);
  if( rc ) return rc;
  if( (size_t)snprintf(zDb, nDb, "%s/tenantsim-run-XXXXXX",
                       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp")>=nDb ){
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
