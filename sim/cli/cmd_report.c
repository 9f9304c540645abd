/*
** cmd_report.c — `tenantsim report DB`: the report of an earlier run, from
** its database alone.
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "cli_args.h"

static const CliOption aReportOpt[] = {
  { "--format", "text|json|html|md", CLI_CHOICE, "what to print (default text)" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int report_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zDb = NULL, *zFormat = "text";
  CliArgs a;
  TsErr e;
  int rc;
  cli_args_start(&a, &cmd_report_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--format") ) zFormat = a.zArg;
    else if( zDb==NULL ) zDb = a.zArg;
    else return cli_usage_error(err, "report takes one DB, found another: %s", a.zArg);
  }
  if( rc ) return rc;
  if( zDb==NULL ) return cli_usage_error(err, "report needs a DB");
  if( strcmp(zFormat, "text")!=0 && strcmp(zFormat, "json")!=0
   && strcmp(zFormat, "html")!=0 && strcmp(zFormat, "md")!=0 ){
    return cli_usage_error(err, "--format must be text, json, html or md, not %s", zFormat);
  }
  if( cli_input(err, zDb, CLI_DB) ) return 2;
  tserr_clear(&e);
  rc = cli_write_report(zDb, strcmp(zFormat, "text")==0 ? out : NULL,
                        strcmp(zFormat, "json")==0 ? out : NULL,
                        strcmp(zFormat, "html")==0 ? out : NULL,
                        strcmp(zFormat, "md")==0 ? out : NULL, &e);
  return rc ? cli_fail(err, rc, &e) : 0;
}

const CliCommand cmd_report_entry = {
  "report",
  "report DB [--format text|json|html|md]",
  "Print the report of an earlier run from its database alone: text,\n"
  "JSON, one self-contained HTML page, or Markdown with a narrative\n"
  "timeline for training labs.",
  aReportOpt, CLI_DB, 1,
  report_exec
};
