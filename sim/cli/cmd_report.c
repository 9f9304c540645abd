/*
** cmd_report.c — `tenantsim report DB`: the report of an earlier run, from
** its database alone.
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"

static int report_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zDb = NULL, *zFormat = "text";
  TsErr e;
  int i, rc;
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--format")==0 && i+1<argc ) zFormat = argv[++i];
    else if( argv[i][0]=='-' ) return cli_usage_error(err, "unknown option %s", argv[i]);
    else if( zDb==NULL ) zDb = argv[i];
    else return cli_usage_error(err, "report takes one DB, found another: %s", argv[i]);
  }
  if( zDb==NULL ) return cli_usage_error(err, "report needs a DB");
  if( strcmp(zFormat, "text")!=0 && strcmp(zFormat, "json")!=0
   && strcmp(zFormat, "html")!=0 && strcmp(zFormat, "md")!=0 ){
    return cli_usage_error(err, "--format must be text, json, html or md, not %s", zFormat);
  }
  if( cli_readable(err, zDb) ) return 2;
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
  report_exec
};
