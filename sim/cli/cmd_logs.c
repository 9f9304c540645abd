/*
** cmd_logs.c — `tenantsim logs DB`: a run's provisioning log as Microsoft
** Graph or Azure Monitor would show it (reports/logs.c renders it).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "logs.h"
#include "outfile.h"
#include "store.h"

/* Export the provisioning log of the database at zDb to zOutput (out when
** NULL; a file is written beside it and renamed into place only on
** success). */
static int write_logs(const char *zDb, LogsFormat eFormat, const char *zJob,
                      const char *zOutput, FILE *out, TsErr *pErr){
  Store *pStore = NULL;
  OutFile o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.zPath = zOutput;
  rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc==TS_OK ) rc = outfile_open(&o, pErr);
  if( rc==TS_OK ){
    rc = logs_write(pStore, eFormat, zJob, o.f ? o.f : out, pErr);
    if( rc==TS_OK && o.f==NULL && fflush(out) ){
      rc = tserr_set(pErr, TS_IOERR, "cannot write the provisioning log: %s", strerror(errno));
    }
  }
  rc = outfile_close(&o, rc, pErr);
  store_close(pStore);
  return rc;
}

static int logs_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zDb = NULL, *zFormat = "graph", *zJob = NULL, *zOutput = NULL;
  LogsFormat eFormat;
  TsErr e;
  int i, rc;
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--format")==0 && i+1<argc ) zFormat = argv[++i];
    else if( strcmp(argv[i], "--job")==0 && i+1<argc ) zJob = argv[++i];
    else if( strcmp(argv[i], "--output")==0 && i+1<argc ) zOutput = argv[++i];
    else if( argv[i][0]=='-' ) return cli_usage_error(err, "unknown or incomplete option %s", argv[i]);
    else if( zDb==NULL ) zDb = argv[i];
    else return cli_usage_error(err, "logs takes one DB, found another: %s", argv[i]);
  }
  if( zDb==NULL ) return cli_usage_error(err, "logs needs a DB");
  if( logs_format_parse(zFormat, &eFormat) ){
    return cli_usage_error(err, "--format must be graph or monitor, not %s", zFormat);
  }
  if( cli_readable(err, zDb) ) return 2;
  tserr_clear(&e);
  rc = write_logs(zDb, eFormat, zJob, zOutput, out, &e);
  return rc ? cli_fail(err, rc, &e) : 0;
}

const CliCommand cmd_logs_entry = {
  "logs",
  "logs DB [--format graph|monitor] [--job KEY] [--output FILE]",
  "Export the run's provisioning log: as Microsoft Graph's\n"
  "GET /auditLogs/provisioning body (graph, the default) or as Azure\n"
  "Monitor AADProvisioningLogs rows, one JSON object per line (monitor).\n"
  "--job keeps one job's rows; --output writes FILE instead of stdout.",
  logs_exec
};
