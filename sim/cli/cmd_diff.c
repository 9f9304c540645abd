/*
** cmd_diff.c — `tenantsim diff` (compare two runs) and `tenantsim plan`
** (what a proposed mapping or scoping filter would change).
**
** plan builds the proposed scenario by replacing one job's "mapping" (or
** "scopingFilters") in the scenario's JSON — or, when the timeline changes
** them, those of the job's last set_mapping (set_filters) action, so the
** proposal is what the job ends with — and validating the result like
** any scenario, so a bad proposal is rejected with its JSON path before
** anything runs. Both runs use the scenario's seed; the runs go to
** temporary databases (kept in --keep DIR as current.db and proposed.db).
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "diff.h"
#include "cli.h"
#include "cli_args.h"
#include "jsonfile.h"
#include "mem.h"
#include "outfile.h"
#include "runner.h"
#include "scenario.h"
#include "strbuf.h"
#include "tslimits.h"

/* The exit status of a command that ended with rc. */
static int exit_of(int rc){ return rc==TS_OK ? 0 : cli_exit_code(rc); }

/* What the two sides of a diff are, for its heading (diff_describe). */
typedef struct Sides {
  const char *azRole[2], *azFile[2];
  const char *zReplaced, *zProposal, *zJob;   /* B's proposal, for plan */
} Sides;

/* Write the diff of databases zA and zB in zFormat to zOutput (or out);
** pSides says what they are (NULL: the databases themselves). */
static int diff_files(const char *zA, const char *zB, const Sides *pSides, const char *zFormat,
                      const char *zOutput, FILE *out, TsErr *pErr){
  Store *pA = NULL, *pB = NULL;
  Diff *pDiff = NULL;
  OutFile o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.zPath = zOutput;
  rc = store_open_readonly(zA, &pA, pErr);
  if( rc==TS_OK ) rc = store_open_readonly(zB, &pB, pErr);
  if( rc==TS_OK ) rc = diff_build(pA, pB, &pDiff, pErr);
  if( rc==TS_OK && (pSides ? diff_describe(pDiff, 0, pSides->azRole[0], pSides->azFile[0], NULL, NULL, NULL)
                           || diff_describe(pDiff, 1, pSides->azRole[1], pSides->azFile[1],
                                            pSides->zReplaced, pSides->zProposal, pSides->zJob)
                           : diff_describe(pDiff, 0, NULL, zA, NULL, NULL, NULL)
                           || diff_describe(pDiff, 1, NULL, zB, NULL, NULL, NULL)) ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  if( rc==TS_OK ) rc = outfile_open(&o, pErr);
  if( rc==TS_OK ){
    FILE *f = o.f ? o.f : out;
    int w = strcmp(zFormat, "json")==0 ? diff_write_json(pDiff, f)
          : strcmp(zFormat, "html")==0 ? diff_html_write(pDiff, f)
          : diff_write_text(pDiff, f);
    if( w ) rc = tserr_set(pErr, TS_IOERR, "cannot write the diff");
  }
  rc = outfile_close(&o, rc, pErr);
  diff_free(pDiff);
  store_close(pA);
  store_close(pB);
  return rc;
}

static int format_ok(const char *z){
  return strcmp(z, "text")==0 || strcmp(z, "json")==0 || strcmp(z, "html")==0;
}

static const CliOption aDiffOpt[] = {
  { "--format", "text|json|html", CLI_CHOICE, "what to print (default text)" },
  { "--output", "PATH",           CLI_OUTPUT, "write PATH instead of stdout" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int diff_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *azDb[2] = { NULL, NULL }, *zFormat = "text", *zOutput = NULL;
  CliArgs a;
  int nDb = 0, rc;
  TsErr e;
  cli_args_start(&a, &cmd_diff_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--format") ) zFormat = a.zArg;
    else if( cli_args_is(&a, "--output") ) zOutput = a.zArg;
    else if( nDb==2 ) return cli_command_usage(err, &cmd_diff_entry, "unexpected argument ", a.zArg);
    else azDb[nDb++] = a.zArg;
  }
  if( rc ) return rc;
  if( nDb!=2 ) return cli_command_usage(err, &cmd_diff_entry, "needs two run databases", NULL);
  if( !format_ok(zFormat) ){
    fprintf(err, "tenantsim diff: --format must be text, json or html, not %s\n", zFormat);
    return 2;
  }
  if( cli_input(err, azDb[0], CLI_DB) || cli_input(err, azDb[1], CLI_DB) ) return 2;
  tserr_clear(&e);
  rc = diff_files(azDb[0], azDb[1], NULL, zFormat, zOutput, out, &e);
  if( rc ) fprintf(err, "tenantsim diff: %s\n", e.zMsg);
  return exit_of(rc);
}

/* Read and parse the JSON file zFile into *ppJson. Returns 0 or a TS_* code. */
static int read_json(const char *zFile, cJSON **ppJson, TsErr *pErr){
  StrBuf b;
  int rc;
  *ppJson = NULL;
  strbuf_init(&b);
  rc = jsonfile_read(zFile, &b, pErr);
  if( rc==TS_OK ) rc = jsonfile_parse(zFile, strbuf_str(&b), ppJson, pErr);
  strbuf_free(&b);
  return rc;
}

/* Run scenario pScn into database zDb. */
static int plan_run(const Scenario *pScn, const char *zDb, TsErr *pErr){
  RunOptions opt;
  RunStats stats;
  memset(&opt, 0, sizeof(opt));
  opt.zDbPath = zDb;
  opt.zVersion = "plan";
  unlink(zDb);
  return runner_run(pScn, &opt, &stats, pErr);
}

/* The proposed scenario: pScn's JSON with job zJob's zKey (mapping or
** scopingFilters) replaced by pNew (consumed). Validated; messages in
** pErrs name zLabel. */
static int plan_propose(const Scenario *pScn, const char *zJob, const char *zKey,
                        cJSON *pNew, const char *zLabel, Scenario **ppOut,
                        StrBuf *pErrs, TsErr *pErr){
  cJSON *pRoot = cJSON_Duplicate(pScn->pRoot, 1);
  cJSON *pJobs, *c, *pJob = NULL;
  char *zText;
  int rc, nJob = 0;
  if( pRoot==NULL ){ cJSON_Delete(pNew); return tserr_set(pErr, TS_NOMEM, "out of memory"); }
  pJobs = cJSON_GetObjectItemCaseSensitive(pRoot, "jobs");
  cJSON_ArrayForEach(c, pJobs){
    const char *zK = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "key"));
    nJob++;
    if( zJob ? (zK && strcmp(zK, zJob)==0) : nJob==1 ) pJob = c;
  }
  if( zJob==NULL && nJob!=1 ){
    cJSON_Delete(pRoot); cJSON_Delete(pNew);
    return tserr_set(pErr, TS_ERR, "the scenario has %d jobs; name one with --job KEY", nJob);
  }
  if( pJob==NULL ){
    cJSON_Delete(pRoot); cJSON_Delete(pNew);
    return tserr_set(pErr, TS_ERR, "the scenario has no job \"%s\"", zJob);
  }
  /* The proposal becomes the job's final rules: if the timeline changes
  ** them (set_mapping / set_filters), the last such change carries it. */
  {
    const char *zAction = strcmp(zKey, "mapping")==0 ? "set_mapping" : "set_filters";
    const char *zJobKey = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pJob, "key"));
    cJSON *pLast = NULL;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(pRoot, "timeline")){
      const char *zA = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "action"));
      const char *zJ = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "job"));
      if( zA && zJ && zJobKey && strcmp(zA, zAction)==0 && strcmp(zJ, zJobKey)==0 ) pLast = c;
    }
    if( pLast ) pJob = pLast;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, zKey);
  cJSON_AddItemToObject(pJob, zKey, pNew);
  zText = cJSON_PrintUnformatted(pRoot);
  cJSON_Delete(pRoot);
  if( zText==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  rc = scenario_parse(zLabel, zText, ppOut, pErrs, pErr);
  cJSON_free(zText);
  return rc;
}

/* The key of pScn's only job (what plan proposes for without --job), or
** NULL; owned by pScn. */
static const char *plan_only_job(const Scenario *pScn){
  cJSON *pJobs = cJSON_GetObjectItemCaseSensitive(pScn->pRoot, "jobs");
  if( cJSON_GetArraySize(pJobs)!=1 ) return NULL;
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(pJobs, 0), "key"));
}

static const CliOption aPlanOpt[] = {
  { "--mapping", "M.json",         CLI_JSON,   "the proposed attribute mapping (a job's \"mapping\")" },
  { "--filters", "F.json",         CLI_JSON,   "the proposed scoping filters (\"scopingFilters\")" },
  { "--job",     "KEY",            CLI_WORD,   "the job the proposal is for (needed with several)" },
  { "--format",  "text|json|html", CLI_CHOICE, "what to print (default text)" },
  { "--output",  "PATH",           CLI_OUTPUT, "write PATH instead of stdout" },
  { "--keep",    "DIR",            CLI_DIR,    "keep both runs there as current.db and proposed.db" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int plan_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zScn = NULL, *zMapping = NULL, *zFilters = NULL, *zJob = NULL;
  const char *zFormat = "text", *zOutput = NULL, *zKeep = NULL;
  Scenario *pCur = NULL, *pNew = NULL;
  cJSON *pProposal = NULL;
  StrBuf errs;
  CliArgs a;
  TsErr e;
  char zDir[TS_PATH_MAX], zA[TS_PATH_MAX+16], zB[TS_PATH_MAX+16], zLabel[2*TS_PATH_MAX+8];
  int rc;
  cli_args_start(&a, &cmd_diff_plan_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--mapping") ) zMapping = a.zArg;
    else if( cli_args_is(&a, "--filters") ) zFilters = a.zArg;
    else if( cli_args_is(&a, "--job") ) zJob = a.zArg;
    else if( cli_args_is(&a, "--format") ) zFormat = a.zArg;
    else if( cli_args_is(&a, "--output") ) zOutput = a.zArg;
    else if( cli_args_is(&a, "--keep") ) zKeep = a.zArg;
    else if( zScn ) return cli_command_usage(err, &cmd_diff_plan_entry, "unexpected argument ", a.zArg);
    else zScn = a.zArg;
  }
  if( rc ) return rc;
  if( zScn==NULL || (zMapping==NULL)==(zFilters==NULL) ){
    return cli_command_usage(err, &cmd_diff_plan_entry,
                             "needs a SCENARIO and one of --mapping or --filters", NULL);
  }
  if( !format_ok(zFormat) ){
    fprintf(err, "tenantsim plan: --format must be text, json or html, not %s\n", zFormat);
    return 2;
  }
  if( cli_input(err, zScn, CLI_SCENARIO) || cli_input(err, zMapping ? zMapping : zFilters, CLI_JSON) ){
    return 2;
  }
  strbuf_init(&errs);
  tserr_clear(&e);
  rc = scenario_load(zScn, &pCur, &errs, &e);
  if( rc==TS_OK ) rc = read_json(zMapping ? zMapping : zFilters, &pProposal, &e);
  if( rc==TS_OK ){
    snprintf(zLabel, sizeof(zLabel), "%s with %s", zScn, zMapping ? zMapping : zFilters);
    rc = plan_propose(pCur, zJob, zMapping ? "mapping" : "scopingFilters", pProposal, zLabel,
                      &pNew, &errs, &e);
  }
  if( rc ){
    if( errs.n ) fputs(strbuf_str(&errs), err);
    else fprintf(err, "tenantsim plan: %s\n", e.zMsg);
    strbuf_free(&errs);
    scenario_free(pCur);
    return exit_of(rc);
  }
  strbuf_free(&errs);
  if( zKeep ){
    snprintf(zDir, sizeof(zDir), "%s", zKeep);
  }else{
    errno = 0;
    if( cli_scratch_name(zDir, sizeof(zDir), "tenantsim-plan-XXXXXX") || mkdtemp(zDir)==NULL ){
      fprintf(err, "tenantsim plan: cannot create a temporary directory %s: %s\n", zDir,
              strerror(errno ? errno : ENAMETOOLONG));
      scenario_free(pCur); scenario_free(pNew);
      return 1;
    }
  }
  snprintf(zA, sizeof(zA), "%s/current.db", zDir);
  snprintf(zB, sizeof(zB), "%s/proposed.db", zDir);
  rc = plan_run(pCur, zA, &e);
  if( rc==TS_OK ) rc = plan_run(pNew, zB, &e);
  if( rc==TS_OK ){
    Sides sides = { { "current", "proposed" }, { zScn, zScn },
                    zMapping ? "mapping" : "scoping filters", zMapping ? zMapping : zFilters,
                    zJob ? zJob : plan_only_job(pCur) };
    rc = diff_files(zA, zB, &sides, zFormat, zOutput, out, &e);
  }
  if( rc ) fprintf(err, "tenantsim plan: %s\n", e.zMsg);
  if( zKeep==NULL ){
    unlink(zA);
    unlink(zB);
    rmdir(zDir);
  }
  scenario_free(pCur);
  scenario_free(pNew);
  return exit_of(rc);
}

const CliCommand cmd_diff_entry = {
  "diff",
  "diff A.db B.db [--format text|json|html] [--output PATH]",
  "Compare the end states of two runs of one population, per target\n"
  "user: created, deleted, soft-deleted, newly out of (or in) scope,\n"
  "and each attribute whose final value changes (old -> new); and the\n"
  "security findings (tenantsim lint) that stand at the end of one run\n"
  "and not the other.",
  aDiffOpt, CLI_DB, 2,
  diff_exec
};

const CliCommand cmd_diff_plan_entry = {
  "plan",
  "plan FILE (--mapping M.json | --filters F.json) [--job KEY]\n"
  "                 [--format text|json|html] [--output PATH] [--keep DIR]",
  "Run scenario FILE as written and with the job's mapping (or scoping\n"
  "filters) replaced by the proposal, and print their diff, with the\n"
  "security findings the proposal adds or removes.",
  aPlanOpt, CLI_SCENARIO, 1,
  plan_exec
};
