/*
** cmd_logs.c — `tenantsim logs DB`: a run's provisioning log as Microsoft
** Graph or Azure Monitor would show it (reports/logs.c renders it).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cli_args.h"
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

static const CliOption aLogsOpt[] = {
  { "--format", "graph|monitor", CLI_CHOICE, "Graph's response body (default) or Azure Monitor rows" },
  { "--job",    "KEY",           CLI_WORD,   "only this job's rows" },
  { "--output", "FILE",          CLI_OUTPUT, "write FILE instead of stdout" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int logs_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zDb = NULL, *zFormat = "graph", *zJob = NULL, *zOutput = NULL;
  LogsFormat eFormat;
  CliArgs a;
  TsErr e;
  int rc;
  cli_args_start(&a, &cmd_logs_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--format") ) zFormat = a.zArg;
    else if( cli_args_is(&a, "--job") ) zJob = a.zArg;
    else if( cli_args_is(&a, "--output") ) zOutput = a.zArg;
    else if( zDb==NULL ) zDb = a.zArg;
    else return cli_usage_error(err, "logs takes one DB, found another: %s", a.zArg);
  }
  if( rc ) return rc;
  if( zDb==NULL ) return cli_usage_error(err, "logs needs a DB");
  if( logs_format_parse(zFormat, &eFormat) ){
    return cli_usage_error(err, "--format must be graph or monitor, not %s", zFormat);
  }
  if( cli_input(err, zDb, CLI_DB) ) return 2;
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
  aLogsOpt, CLI_DB, 1,
  logs_exec
};
