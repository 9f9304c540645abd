/*
** cmd_lint.c — `tenantsim lint FILE|DB`: the risky settings of a run's
** cross-tenant synchronization (reports/lint.c has the rules).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "cli.h"
#include "cli_args.h"
#include "jsonfile.h"
#include "lint.h"
#include "outfile.h"

#define LINT_MAX_RULES 64

typedef struct LintArgs {
  const char *zArg, *zAt, *zOutput;
  LintFormat eFormat;
  int bFailOn;
  LintSeverity eFailOn;
  const char *azRule[LINT_MAX_RULES];
  int nRule;
} LintArgs;

/* Lint zDb and write the findings; *pnFail gets the findings at or above
** --fail-on. zText is the scenario's text when the argument was a FILE. */
static int write_lint(const LintArgs *a, const char *zDb, const StrBuf *pText, FILE *out,
                      int *pnFail, TsErr *pErr){
  Store *pStore = NULL;
  LintResult r;
  OutFile o;
  SimTime t = -1;
  int rc, bResult = 0;
  memset(&o, 0, sizeof(o));
  o.zPath = a->zOutput;
  rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc==TS_OK ) rc = cli_source_at(pStore, a->zAt, &t, pErr);
  if( rc==TS_OK ) rc = lint_run(pStore, t, a->azRule, a->nRule, &r, pErr);
  if( rc==TS_OK ){
    bResult = 1;
    *pnFail = a->bFailOn ? lint_count_at_least(&r, a->eFailOn) : 0;
    rc = outfile_open(&o, pErr);
  }
  if( rc==TS_OK ){
    rc = lint_fmt_write(&r, a->eFormat, pText ? a->zArg : NULL, pText ? strbuf_str(pText) : NULL,
                        pText ? pText->n : 0, o.f ? o.f : out, pErr);
    if( rc==TS_OK && o.f==NULL && fflush(out) ){
      rc = tserr_set(pErr, TS_IOERR, "cannot write the findings: %s", strerror(errno));
    }
  }
  rc = outfile_close(&o, rc, pErr);
  if( bResult ) lint_free(&r);
  store_close(pStore);
  return rc;
}

/* The format zFormat (not one) was probably meant to be: the one it
** equals but for case, starts or is the start of, or whose usual long
** name it is ("markdown", "htm"); NULL when none is close. */
static const char *format_suggest(const char *zFormat){
  static const char *const azAlias[][2] = {
    { "markdown", "md" }, { "htm", "html" }, { "txt", "text" }, { "sarif2", "sarif" }
  };
  size_t n = strlen(zFormat);
  int i;
  for(i=0; i<(int)(sizeof(azAlias)/sizeof(azAlias[0])); i++){
    if( strcasecmp(zFormat, azAlias[i][0])==0 ) return azAlias[i][1];
  }
  for(i=0; n>=2 && i<LINT_FORMAT_COUNT; i++){
    const char *z = lint_fmt_name((LintFormat)i);
    size_t nName = strlen(z);
    if( strncasecmp(zFormat, z, n<nName ? n : nName)==0 ) return z;
  }
  return NULL;
}

static const CliOption aLintOpt[] = {
  { "--at",      "INSTANT",                 CLI_WORD,   "an offset (P10DT4H), an instant or end (the default)" },
  { "--format",  "text|json|sarif|html|md", CLI_CHOICE, "what to print (default text)" },
  { "--rule",    "ID",                      CLI_WORD,   "only this rule (repeatable): XTS-T04" },
  { "--fail-on", "info|low|medium|high|critical", CLI_CHOICE,
                                            "exit 1 when a finding reaches this severity" },
  { "--output",  "FILE",                    CLI_OUTPUT, "write FILE instead of stdout" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int parse_args(int argc, char **argv, LintArgs *a, FILE *err){
  const char *zFormat = "text";
  CliArgs g;
  int rc;
  memset(a, 0, sizeof(*a));
  cli_args_start(&g, &cmd_lint_entry, argc, argv);
  while( (rc = cli_args_next(&g, err))==1 ){
    if( cli_args_is(&g, "--format") ) zFormat = g.zArg;
    else if( cli_args_is(&g, "--at") ) a->zAt = g.zArg;
    else if( cli_args_is(&g, "--output") ) a->zOutput = g.zArg;
    else if( cli_args_is(&g, "--fail-on") ){
      if( lint_severity_parse(g.zArg, &a->eFailOn) ){
        return cli_usage_error(err, "--fail-on must be info, low, medium, high or critical, not %s",
                               g.zArg);
      }
      a->bFailOn = 1;
    }else if( cli_args_is(&g, "--rule") ){
      if( lint_rule_find(g.zArg)==NULL ){
        return cli_usage_error(err, "--rule %s: no such rule (XTS-T01, XTS-S05 ...;"
                               " README.md lists them)", g.zArg);
      }
      if( a->nRule==LINT_MAX_RULES ) return cli_usage_error(err, "too many --rule options");
      a->azRule[a->nRule++] = g.zArg;
    }
    else if( a->zArg==NULL ) a->zArg = g.zArg;
    else return cli_usage_error(err, "lint takes one FILE or DB, found another: %s", g.zArg);
  }
  if( rc ) return rc;
  if( a->zArg==NULL ) return cli_usage_error(err, "lint needs a scenario FILE or a run DB");
  if( lint_fmt_parse(zFormat, &a->eFormat) ){
    const char *zNear = format_suggest(zFormat);
    if( zNear ){
      return cli_usage_error(err, "--format must be text, json, sarif, md or html, not %s"
                             " (did you mean %s?)", zFormat, zNear);
    }
    return cli_usage_error(err, "--format must be text, json, sarif, md or html, not %s", zFormat);
  }
  return 0;
}

static int lint_exec(int argc, char **argv, FILE *out, FILE *err){
  LintArgs a;
  StrBuf text;
  char zDb[4096];
  TsErr e;
  int rc, bTemp = 0, nFail = 0;
  if( parse_args(argc, argv, &a, err) ) return 2;
  rc = cli_source_db(err, a.zArg, zDb, sizeof(zDb), &bTemp);
  if( rc ) return cli_exit_code(rc);
  strbuf_init(&text);
  tserr_clear(&e);
  /* A scenario FILE: SARIF results point at their line in it. */
  if( bTemp ) rc = jsonfile_read(a.zArg, &text, &e);
  if( rc==TS_OK ) rc = write_lint(&a, zDb, bTemp ? &text : NULL, out, &nFail, &e);
  strbuf_free(&text);
  if( bTemp ) unlink(zDb);
  if( rc ) return cli_fail(err, rc, &e);
  if( nFail ){
    fprintf(err, "tenantsim: %d finding%s at or above %s\n", nFail, nFail==1 ? "" : "s",
            lint_severity_name(a.eFailOn));
    return 1;
  }
  return 0;
}

const CliCommand cmd_lint_entry = {
  "lint",
  "lint FILE|DB [--at INSTANT] [--format text|json|sarif|html|md]\n"
  "                 [--rule ID]... [--fail-on SEVERITY] [--output FILE]",
  "Check the run's cross-tenant sync configuration for risk at an\n"
  "instant, with the rules of security-posture.md (README lists them):\n"
  "who may push accounts in and what they are trusted with (XTS-T..),\n"
  "what a job pushes and who can change its scope (XTS-S..), who can\n"
  "change sync and whether anyone would notice (XTS-G..). Each finding\n"
  "names its objects, the setting, its value and JSON path, why it\n"
  "matters and the fix; every run also keeps its findings over time for\n"
  "its reports. sarif is SARIF 2.1.0 for code scanning; md and\n"
  "html are pages to read (the counts first, then the findings, critical\n"
  "first, the suppressed ones with their reason, each rule's fix). Exit 1\n"
  "when a finding reaches --fail-on (info, low, medium, high, critical).",
  aLintOpt, CLI_SCENARIO_DB, 1,
  lint_exec
};
