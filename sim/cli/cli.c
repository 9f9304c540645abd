/*
** cli.c — what the commands of sim/cli share (cli.h): usage errors, exit
** statuses, checking an input file, loading a scenario with its messages,
** writing a run's report, the --seed parser and the temporary name beside
** a destination.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"

int cli_usage_error(FILE *err, const char *zFmt, ...){
  va_list ap;
  fprintf(err, "tenantsim: ");
  va_start(ap, zFmt);
  vfprintf(err, zFmt, ap);
  va_end(ap);
  fprintf(err, "\nRun 'tenantsim --help' for usage.\n");
  return 2;
}

void cli_synopsis_write(FILE *f, const CliCommand *c){
  const char *z = c->zSynopsis;
  while( *z ){
    size_t n = strcspn(z, "\n");
    fprintf(f, "%s%.*s\n", z[0]==' ' ? "" : "  tenantsim ", (int)n, z);
    z += n + (z[n]=='\n');
  }
}

int cli_command_usage(FILE *err, const CliCommand *c, const char *zWhy, const char *zArg){
  fprintf(err, "tenantsim %s: %s%s\nusage:\n", c->zName, zWhy, zArg ? zArg : "");
  cli_synopsis_write(err, c);
  return 2;
}

int cli_exit_code(int rc){ return rc==TS_ERR ? 2 : 1; }

int cli_fail(FILE *err, int rc, const TsErr *pErr){
  fprintf(err, "tenantsim: %s\n", pErr->zMsg);
  return cli_exit_code(rc);
}

/* What an input of kind eKind is, for "X is a directory, expected ...". */
static const char *input_noun(CliKind eKind){
  switch( eKind ){
    case CLI_SCENARIO:    return "a scenario file";
    case CLI_DB:          return "a run database";
    case CLI_SCENARIO_DB: return "a scenario file or a run database";
    default:              return "a JSON file";
  }
}

int cli_input(FILE *err, const char *zPath, CliKind eKind){
  struct stat st;
  if( stat(zPath, &st) ){
    fprintf(err, "tenantsim: %s: %s (expected %s)\n", zPath, strerror(errno), input_noun(eKind));
    return 2;
  }
  if( S_ISDIR(st.st_mode) ){
    fprintf(err, "tenantsim: %s is a directory, expected %s\n", zPath, input_noun(eKind));
    return 2;
  }
  if( access(zPath, R_OK) ){
    fprintf(err, "tenantsim: %s: %s\n", zPath, strerror(errno));
    return 2;
  }
  return 0;
}

int cli_load_scenario(FILE *err, const char *zFile, Scenario **ppScn){
  StrBuf errs;
  TsErr e;
  int rc;
  strbuf_init(&errs);
  tserr_clear(&e);
  rc = scenario_load(zFile, ppScn, &errs, &e);
  if( rc ){
    if( errs.n ) fputs(strbuf_str(&errs), err);
    else fprintf(err, "%s\n", e.zMsg);
  }else if( (*ppScn)->warnings.n ){
    fputs(strbuf_str(&(*ppScn)->warnings), err);
  }
  strbuf_free(&errs);
  return rc;
}

int cli_write_report(const char *zDb, FILE *fText, FILE *fJson, FILE *fHtml, FILE *fMd,
                     TsErr *pErr){
  Store *pStore = NULL;
  Report *pRep = NULL;
  int rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc ) return rc;
  rc = report_build(pStore, &pRep, pErr);
  if( rc ){
    /* nothing written */
  }else if( fText && report_text_write(pRep, fText) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the text report");
  }else if( fJson && report_json_write(pRep, fJson) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the JSON report");
  }else if( fHtml && report_html_write(pRep, pStore, fHtml) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the HTML report");
  }else if( fMd && report_md_write(pRep, pStore, fMd) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the Markdown report");
  }
  report_free(pRep);
  store_close(pStore);
  return rc;
}

int cli_parse_seed(const char *z, uint64_t *pSeed){
  char *zEnd;
  unsigned long long v;
  if( z[0]<'0' || z[0]>'9' ) return -1;
  errno = 0;
  v = strtoull(z, &zEnd, 10);
  if( errno || *zEnd ) return -1;
  *pSeed = (uint64_t)v;
  return 0;
}

int cli_scratch_name(char *z, size_t n, const char *zTemplate){
  const char *zDir = getenv("TMPDIR");
  int k = snprintf(z, n, "%s/%s", zDir && zDir[0] ? zDir : "/tmp", zTemplate);
  return k<0 || (size_t)k>=n ? -1 : 0;
}

int cli_temp_name(const char *zDest, char *zTmp, size_t nTmp){
  int n = snprintf(zTmp, nTmp, "%s.tmp-%ld", zDest, (long)getpid());
  if( n<0 || (size_t)n>=nTmp ) return -1;
  unlink(zTmp);
  return 0;
}
