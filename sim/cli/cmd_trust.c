/*
** cmd_trust.c — `tenantsim trust FILE|DB`: who trusts whom at an instant
** (reports/trust.c builds the graph and writes it).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "cli_args.h"
#include "outfile.h"
#include "trust.h"

/* Build the graph of zDb at zAt and write it to zOutput (out when NULL). */
static int write_trust(const char *zDb, const char *zAt, TrustFormat eFormat,
                       const char *zOutput, FILE *out, TsErr *pErr){
  Store *pStore = NULL;
  TrustGraph g;
  OutFile o;
  SimTime t = -1;
  int rc, bGraph = 0;
  memset(&o, 0, sizeof(o));
  o.zPath = zOutput;
  rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc==TS_OK ) rc = cli_source_at(pStore, zAt, &t, pErr);
  if( rc==TS_OK ) rc = trust_build(pStore, t, &g, pErr);
  if( rc==TS_OK ){
    bGraph = 1;
    rc = outfile_open(&o, pErr);
  }
  if( rc==TS_OK ){
    rc = trust_fmt_write(&g, eFormat, o.f ? o.f : out, pErr);
    if( rc==TS_OK && o.f==NULL && fflush(out) ){
      rc = tserr_set(pErr, TS_IOERR, "cannot write the trust graph: %s", strerror(errno));
    }
  }
  rc = outfile_close(&o, rc, pErr);
  if( bGraph ) trust_free(&g);
  store_close(pStore);
  return rc;
}

static const CliOption aTrustOpt[] = {
  { "--at",     "INSTANT",             CLI_WORD,   "an offset (P10DT4H), an instant or end (the default)" },
  { "--format", "text|json|dot|html",  CLI_CHOICE, "what to print (default text)" },
  { "--output", "FILE",                CLI_OUTPUT, "write FILE instead of stdout" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int trust_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zArg = NULL, *zFormat = "text", *zAt = NULL, *zOutput = NULL;
  char zDb[4096];
  TrustFormat eFormat;
  CliArgs a;
  TsErr e;
  int rc, bTemp = 0;
  cli_args_start(&a, &cmd_trust_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--format") ) zFormat = a.zArg;
    else if( cli_args_is(&a, "--at") ) zAt = a.zArg;
    else if( cli_args_is(&a, "--output") ) zOutput = a.zArg;
    else if( zArg==NULL ) zArg = a.zArg;
    else return cli_usage_error(err, "trust takes one FILE or DB, found another: %s", a.zArg);
  }
  if( rc ) return rc;
  if( zArg==NULL ) return cli_usage_error(err, "trust needs a scenario FILE or a run DB");
  if( trust_fmt_parse(zFormat, &eFormat) ){
    return cli_usage_error(err, "--format must be text, json, dot or html, not %s", zFormat);
  }
  rc = cli_source_db(err, zArg, zDb, sizeof(zDb), &bTemp);
  if( rc ) return cli_exit_code(rc);
  tserr_clear(&e);
  rc = write_trust(zDb, zAt, eFormat, zOutput, out, &e);
  if( bTemp ) unlink(zDb);
  return rc ? cli_fail(err, rc, &e) : 0;
}

const CliCommand cmd_trust_entry = {
  "trust",
  "trust FILE|DB [--at INSTANT] [--format text|json|dot|html] [--output FILE]",
  "Who trusts whom: one path per (source, target) pair that a job or a\n"
  "cross-tenant access policy connects, with its jobs and the users they\n"
  "carry, every inbound and outbound setting and where it comes from\n"
  "(partner or default policy), and its problems in words. A scenario FILE\n"
  "is run first. --at is an offset from the start (P10DT4H), an instant or\n"
  "end (the default); html is a page with the topology diagram, dot is\n"
  "Graphviz.",
  aTrustOpt, CLI_SCENARIO_DB, 1,
  trust_exec
};
