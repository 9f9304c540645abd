/*
** main.c — the tenantsim command line.
**
** This is the only place that prints errors and decides exit statuses:
** 0 success, 1 the run or report failed (I/O, memory), 2 invalid input
** (usage, an invalid scenario, a file that is not a run database).
**
** A run writes its database to a temporary file beside the destination
** and renames it into place only when everything succeeded, so a failed
** run never destroys the previous result.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mem.h"
#include "report.h"
#include "logs.h"
#include "evalcmd.h"
#include "testcmd.h"
#include "outfile.h"
#include "diffcmd.h"
#include "exportcmd.h"
#include "importcmd.h"
#include "provjson.h"
#include "runner.h"
#include "scenario.h"

#define TENANTSIM_VERSION "0.1.0"

static const char zUsage[] =
"tenantsim " TENANTSIM_VERSION " — offline simulator of Microsoft Entra cross-tenant synchronization\n"
"\n"
"usage:\n"
"  tenantsim run FILE [--db PATH] [--seed N] [--json PATH] [--html PATH] [--quiet]\n"
"      Replay scenario FILE in simulated time into a SQLite run database\n"
"      (default runs/<scenario-name>.db), print the summary report, and\n"
"      write the JSON and/or HTML report if asked. --seed overrides\n"
"      the scenario's seed. Progress goes to stderr when it is a terminal;\n"
"      --quiet silences it.\n"
"  tenantsim validate FILE\n"
"      Check a scenario without running it; every problem is printed as\n"
"      FILE: JSON.PATH: what was expected.\n"
"  tenantsim report DB [--format text|json|html|md]\n"
"      Print the report of an earlier run from its database alone: text,\n"
"      JSON, one self-contained HTML page, or Markdown with a narrative\n"
"      timeline for training labs.\n"
"  tenantsim export DB --csv DIR\n"
"      Write changes, cycles, orphans, provisioning_log and audit_log as\n"
"      CSV files (header row, RFC 4180 quoting) into DIR.\n"
"  tenantsim export DB (--schema | --secrets) [--job KEY] [--output FILE]\n"
"  tenantsim export DB --policies [--tenant KEY] [--output FILE]\n"
"      Write the configuration as the run ends in Microsoft Graph's shapes,\n"
"      ready to PUT: the job's synchronizationSchema (mapping and scoping\n"
"      filters), its synchronization secrets, or a tenant's cross-tenant\n"
"      access policy with its default and partners (identitySynchronization\n"
"      expanded). tenantsim import reads each back.\n"
"  tenantsim import [--users [target=]FILE]... [--groups FILE]...\n"
"                   [--members GROUPID=FILE]... [--assignments FILE]...\n"
"                   [--schema FILE] [--secrets FILE] [--partner FILE]...\n"
"                   [--identity-sync FILE]... [--default-policy [source=]FILE]\n"
"                   [--exporter [target=]DIR]... --source-tenant ID\n"
"                   --target-tenant ID -o SCENARIO.json [--strict]\n"
"                   [--pseudonymize] [--seed N] [--name NAME] [--start INSTANT]\n"
"                   [--duration DURATION] [--source-domain D] [--target-domain D]\n"
"      Build a runnable scenario from a real tenant's Graph exports (users,\n"
"      groups and members, the sync configuration's app role assignments,\n"
"      its synchronizationSchema and secrets, cross-tenant access policies,\n"
"      or an EntraExporter folder). What tenantsim cannot model is a warning\n"
"      with FILE: JSON.PATH (--strict: an error, nothing written).\n"
"      --pseudonymize replaces names, UPNs, mails, employee ids, user keys\n"
"      and tenant ids with stable pseudonyms derived from --seed.\n"
"  tenantsim diff A.db B.db [--format text|json|html] [--output PATH]\n"
"      Compare the end states of two runs of one population, per target\n"
"      user: created, deleted, soft-deleted, newly out of (or in) scope,\n"
"      and each attribute whose final value changes (old -> new).\n"
"  tenantsim plan FILE (--mapping M.json | --filters F.json) [--job KEY]\n"
"                 [--format text|json|html] [--output PATH] [--keep DIR]\n"
"      Run scenario FILE as written and with the job's mapping (or scoping\n"
"      filters) replaced by the proposal, and print their diff.\n"
"  tenantsim logs DB [--format graph|monitor] [--job KEY] [--output FILE]\n"
"      Export the run's provisioning log: as Microsoft Graph's\n"
"      GET /auditLogs/provisioning body (graph, the default) or as Azure\n"
"      Monitor AADProvisioningLogs rows, one JSON object per line (monitor).\n"
"      --job keeps one job's rows; --output writes FILE instead of stdout.\n"
"  tenantsim eval [--input FILE.json] [--attr NAME=VALUE]... [--now INSTANT]\n"
"                 [--existing VALUE]... [--seed N] EXPRESSION\n"
"      Evaluate an attribute-mapping expression as the provisioning service\n"
"      would and print one JSON value: a string, an array of strings, or\n"
"      null when the attribute would not flow. --existing lists values the\n"
"      target already holds (for SelectUniqueValue); Now() is --now, or the\n"
"      current time when --now is absent.\n"
"  tenantsim test FILE... [--tap] [--junit PATH]\n"
"      Run each scenario into a temporary database and check its \"expect\"\n"
"      list; print PASS/FAIL per expectation (or TAP with --tap) and write\n"
"      JUnit XML to PATH with --junit. Exit 0 when all pass, 1 when any\n"
"      fails, 2 for an invalid scenario.\n"
"  tenantsim provision-on-demand DB JOB USER\n"
"      Provision one user on demand at the end of an earlier run: the run's\n"
"      scenario is replayed from DB, USER (a source user key) is provisioned\n"
"      by JOB at once, the documented steps are printed, and DB is replaced\n"
"      by the result.\n"
"  tenantsim --help | --version\n"
"\n"
"exit status: 0 success, 1 run or I/O failure, 2 invalid input.\n"
"The scenario format and the report fields are described in README.md.\n";

static int usage_error(const char *zFmt, const char *zArg){
  fprintf(stderr, "tenantsim: ");
  fprintf(stderr, zFmt, zArg);
  fprintf(stderr, "\nRun 'tenantsim --help' for usage.\n");
  return 2;
}

static int exit_code(int rc){ return rc==TS_ERR ? 2 : 1; }

/* Load a scenario, printing every validation message. */
static int load_scenario(const char *zFile, Scenario **ppScn){
  StrBuf errs;
  TsErr err;
  int rc;
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_load(zFile, ppScn, &errs, &err);
  if( rc ){
    if( errs.n ) fputs(strbuf_str(&errs), stderr);
    else fprintf(stderr, "%s\n", err.zMsg);
  }
  strbuf_free(&errs);
  return rc;
}

static int cmd_validate(int argc, char **argv){
  Scenario *pScn = NULL;
  int rc;
  if( argc!=1 ) return usage_error("validate takes exactly one FILE%s", "");
  rc = load_scenario(argv[0], &pScn);
  if( rc ) return exit_code(rc);
  printf("%s: valid scenario \"%s\" (%d timeline actions)\n", argv[0], pScn->zName, pScn->nAction);
  scenario_free(pScn);
  return 0;
}

/* Build the report of the database at zDb and write it as text to fText,
** JSON to fJson, HTML to fHtml and/or Markdown to fMd (any may be NULL). */
static int write_report(const char *zDb, FILE *fText, FILE *fJson, FILE *fHtml, FILE *fMd,
                        TsErr *pErr){
  Store *pStore = NULL;
  Report *pRep = NULL;
  int rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc ) return rc;
  rc = report_build(pStore, &pRep, pErr);
  if( rc ) goto out;
  if( fText && report_text_write(pRep, fText) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the text report");
    goto out;
  }
  if( fJson && report_json_write(pRep, fJson) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the JSON report");
    goto out;
  }
  if( fHtml && report_html_write(pRep, pStore, fHtml) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the HTML report");
    goto out;
  }
  if( fMd && report_md_write(pRep, pStore, fMd) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the Markdown report");
  }
out:
  report_free(pRep);
  store_close(pStore);
  return rc;
}

static int cmd_report(int argc, char **argv){
  const char *zDb = NULL, *zFormat = "text";
  TsErr err;
  int i, rc;
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--format")==0 && i+1<argc ) zFormat = argv[++i];
    else if( argv[i][0]=='-' ) return usage_error("unknown option %s", argv[i]);
    else if( zDb==NULL ) zDb = argv[i];
    else return usage_error("report takes one DB, found another: %s", argv[i]);
  }
  if( zDb==NULL ) return usage_error("report needs a DB%s", "");
  if( strcmp(zFormat, "text")!=0 && strcmp(zFormat, "json")!=0
   && strcmp(zFormat, "html")!=0 && strcmp(zFormat, "md")!=0 ){
    return usage_error("--format must be text, json, html or md, not %s", zFormat);
  }
  if( access(zDb, R_OK)!=0 ){
    fprintf(stderr, "tenantsim: %s: %s\n", zDb, strerror(errno));
    return 2;
  }
  tserr_clear(&err);
  rc = write_report(zDb, zFormat[0]=='t' ? stdout : NULL, zFormat[0]=='j' ? stdout : NULL,
                    zFormat[0]=='h' ? stdout : NULL, zFormat[0]=='m' ? stdout : NULL, &err);
  if( rc ){
    fprintf(stderr, "tenantsim: %s\n", err.zMsg);
    return exit_code(rc);
  }
  return 0;
}

/* Export the provisioning log of the database at zDb to zOutput (stdout
** when NULL; a file is written beside it and renamed into place only on
** success). */
static int write_logs(const char *zDb, LogsFormat eFormat, const char *zJob,
                      const char *zOutput, TsErr *pErr){
  Store *pStore = NULL;
  OutFile o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.zPath = zOutput;
  rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc==TS_OK ) rc = outfile_open(&o, pErr);
  if( rc==TS_OK ){
    rc = logs_write(pStore, eFormat, zJob, o.f ? o.f : stdout, pErr);
    if( rc==TS_OK && o.f==NULL && fflush(stdout) ){
      rc = tserr_set(pErr, TS_IOERR, "cannot write the provisioning log: %s", strerror(errno));
    }
  }
  rc = outfile_close(&o, rc, pErr);
  store_close(pStore);
  return rc;
}


static int cmd_logs(int argc, char **argv){
  const char *zDb = NULL, *zFormat = "graph", *zJob = NULL, *zOutput = NULL;
  LogsFormat eFormat;
  TsErr err;
  int i, rc;
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--format")==0 && i+1<argc ) zFormat = argv[++i];
    else if( strcmp(argv[i], "--job")==0 && i+1<argc ) zJob = argv[++i];
    else if( strcmp(argv[i], "--output")==0 && i+1<argc ) zOutput = argv[++i];
    else if( argv[i][0]=='-' ) return usage_error("unknown or incomplete option %s", argv[i]);
    else if( zDb==NULL ) zDb = argv[i];
    else return usage_error("logs takes one DB, found another: %s", argv[i]);
  }
  if( zDb==NULL ) return usage_error("logs needs a DB%s", "");
  if( logs_format_parse(zFormat, &eFormat) ){
    return usage_error("--format must be graph or monitor, not %s", zFormat);
  }
  if( access(zDb, R_OK)!=0 ){
    fprintf(stderr, "tenantsim: %s: %s\n", zDb, strerror(errno));
    return 2;
  }
  tserr_clear(&err);
  rc = write_logs(zDb, eFormat, zJob, zOutput, &err);
  if( rc ){
    fprintf(stderr, "tenantsim: %s\n", err.zMsg);
    return exit_code(rc);
  }
  return 0;
}

/* Make directory zDir if it does not exist (one level). */
static int ensure_dir(const char *zDir){
  struct stat st;
  if( stat(zDir, &st)==0 ) return S_ISDIR(st.st_mode) ? 0 : -1;
  return mkdir(zDir, 0777);
}

static int parse_seed(const char *z, uint64_t *pSeed){
  char *zEnd;
  unsigned long long v;
  if( z[0]<'0' || z[0]>'9' ) return -1;
  errno = 0;
  v = strtoull(z, &zEnd, 10);
  if( errno || *zEnd ) return -1;
  *pSeed = (uint64_t)v;
  return 0;
}

static int cmd_run(int argc, char **argv){
  const char *zFile = NULL, *zDb = NULL;
  int bQuiet = 0, i, rc;
  RunOptions opt;
  RunStats stats;
  Scenario *pScn = NULL;
  TsErr err;
  char zDbBuf[1024], zTmp[1100];
  OutFile json, html;

  memset(&opt, 0, sizeof(opt));
  memset(&json, 0, sizeof(json));
  memset(&html, 0, sizeof(html));
  for(i=0; i<argc; i++){
    if( strcmp(argv[i], "--db")==0 && i+1<argc ) zDb = argv[++i];
    else if( strcmp(argv[i], "--json")==0 && i+1<argc ) json.zPath = argv[++i];
    else if( strcmp(argv[i], "--html")==0 && i+1<argc ) html.zPath = argv[++i];
    else if( strcmp(argv[i], "--seed")==0 && i+1<argc ){
      if( parse_seed(argv[++i], &opt.seed) ) return usage_error("--seed needs a non-negative integer, not %s", argv[i]);
      opt.bSeed = 1;
    }
    else if( strcmp(argv[i], "--quiet")==0 ) bQuiet = 1;
    else if( argv[i][0]=='-' ) return usage_error("unknown or incomplete option %s", argv[i]);
    else if( zFile==NULL ) zFile = argv[i];
    else return usage_error("run takes one FILE, found another: %s", argv[i]);
  }
  if( zFile==NULL ) return usage_error("run needs a scenario FILE%s", "");
  rc = load_scenario(zFile, &pScn);
  if( rc ) return exit_code(rc);

  if( zDb==NULL ){
    if( ensure_dir("runs") ){
      fprintf(stderr, "tenantsim: cannot create directory runs: %s\n", strerror(errno));
      scenario_free(pScn);
      return 1;
    }
    snprintf(zDbBuf, sizeof(zDbBuf), "runs/%s.db", pScn->zName);
    zDb = zDbBuf;
  }
  snprintf(zTmp, sizeof(zTmp), "%s.tmp-%ld", zDb, (long)getpid());
  unlink(zTmp);
  opt.zDbPath = zTmp;
  opt.zVersion = TENANTSIM_VERSION;
  opt.pProgress = (!bQuiet && isatty(2)) ? stderr : NULL;
  tserr_clear(&err);

  rc = runner_run(pScn, &opt, &stats, &err);
  if( rc==TS_OK ) rc = outfile_open(&json, &err);
  if( rc==TS_OK ) rc = outfile_open(&html, &err);
  if( rc==TS_OK ) rc = write_report(zTmp, stdout, json.f, html.f, NULL, &err);
  rc = outfile_close(&json, rc, &err);
  rc = outfile_close(&html, rc, &err);
  if( rc==TS_OK && rename(zTmp, zDb) ){
    rc = tserr_set(&err, TS_IOERR, "cannot rename %s to %s: %s", zTmp, zDb, strerror(errno));
  }
  if( rc ){
    unlink(zTmp);
    fprintf(stderr, "tenantsim: %s\n", err.zMsg);
    scenario_free(pScn);
    return exit_code(rc);
  }
  printf("\ndatabase: %s\n", zDb);
  if( json.zPath ) printf("JSON report: %s\n", json.zPath);
  if( html.zPath ) printf("HTML report: %s\n", html.zPath);
  scenario_free(pScn);
  return 0;
}

/* Print the steps of the latest on-demand provisioning in database zDb:
** the documented import, scope, match and action steps with their details,
** or the failed connection test. */
static int print_on_demand_steps(const char *zDb, FILE *out, TsErr *pErr){
  static const char zSql[] =
    "SELECT c.state, c.error_code, c.error_message, p.status, p.action, p.reason,"
    " p.change_type, p.source_display, su.object_id, su.net_id, tt.key, p.scope_active,"
    " p.scope_assigned, p.scope_filter, j.scope='all', p.skip_reason, p.match_result,"
    " p.export_step, p.error_code"
    " FROM cycles c JOIN jobs j ON j.idx=c.job JOIN tenants tt ON tt.idx=j.target"
    " LEFT JOIN provisioning_log p ON p.cycle=c.id LEFT JOIN users su ON su.id=p.source_user"
    " WHERE c.kind='onDemand' ORDER BY c.id DESC LIMIT 1";
  Store *pStore = NULL;
  sqlite3_stmt *q;
  int rc = store_open_readonly(zDb, &pStore, pErr);
  if( rc ) return rc;
  q = store_stmt(pStore, zSql);
  if( q && sqlite3_step(q)==SQLITE_ROW ){
    const char *zState = (const char*)sqlite3_column_text(q, 0);
    if( sqlite3_column_type(q, 3)==SQLITE_NULL ){
      fprintf(out, "1. Test connection: failure — %s\n   %s\n",
              zState && sqlite3_column_text(q, 1) ? (const char*)sqlite3_column_text(q, 1) : "",
              sqlite3_column_text(q, 2) ? (const char*)sqlite3_column_text(q, 2) : "");
    }else{
      ProvFacts f;
      StrBuf b;
      cJSON *pSteps, *pStep;
      int i = 1;
      memset(&f, 0, sizeof(f));
      f.zStatus = (const char*)sqlite3_column_text(q, 3);
      f.zAction = (const char*)sqlite3_column_text(q, 4);
      f.zReason = (const char*)sqlite3_column_text(q, 5);
      f.zChangeType = (const char*)sqlite3_column_text(q, 6);
      f.zSourceDisplay = (const char*)sqlite3_column_text(q, 7);
      f.zSourceObjectId = (const char*)sqlite3_column_text(q, 8);
      f.zSourceNetId = (const char*)sqlite3_column_text(q, 9);
      f.zTargetTenant = (const char*)sqlite3_column_text(q, 10);
      f.bActive = sqlite3_column_int(q, 11);
      f.bAssigned = sqlite3_column_int(q, 12);
      f.bFilter = sqlite3_column_int(q, 13);
      f.bSyncAll = sqlite3_column_int(q, 14);
      f.zSkipReason = (const char*)sqlite3_column_text(q, 15);
      f.zMatch = (const char*)sqlite3_column_text(q, 16);
      f.zExportStep = (const char*)sqlite3_column_text(q, 17);
      strbuf_init(&b);
      provjson_steps(&f, &b);
      pSteps = cJSON_Parse(strbuf_str(&b));
      cJSON_ArrayForEach(pStep, pSteps){
        const cJSON *d, *pDetails = cJSON_GetObjectItemCaseSensitive(pStep, "details");
        fprintf(out, "%d. %s (%s): %s\n   %s\n", i++,
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pStep, "name")),
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pStep, "provisioningStepType")),
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pStep, "status")),
                cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pStep, "description")));
        if( pDetails ) cJSON_ArrayForEach(d, pDetails){
          fprintf(out, "     %s = %s\n", d->string, cJSON_GetStringValue(d) ? cJSON_GetStringValue(d) : "");
        }
      }
      if( sqlite3_column_text(q, 18) ){
        fprintf(out, "   error: %s\n", (const char*)sqlite3_column_text(q, 18));
      }
      cJSON_Delete(pSteps);
      strbuf_free(&b);
    }
  }
  if( q ) sqlite3_reset(q);
  store_close(pStore);
  return TS_OK;
}

/* tenantsim provision-on-demand DB JOB USER: replay the run's scenario to
** its end, provision USER on demand with JOB, print the steps, and replace
** DB with the result. */
static int cmd_on_demand(int argc, char **argv){
  Store *pStore = NULL;
  char *zJson = NULL, *zSeed = NULL;
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  RunOptions opt;
  RunStats stats;
  char zTmp[1100];
  int rc;
  if( argc!=3 ) return usage_error("provision-on-demand takes DB JOB USER%s", "");
  if( access(argv[0], R_OK)!=0 ){
    fprintf(stderr, "tenantsim: %s: %s\n", argv[0], strerror(errno));
    return 2;
  }
  tserr_clear(&err);
  strbuf_init(&errs);
  rc = store_open_readonly(argv[0], &pStore, &err);
  if( rc==TS_OK ){
    zJson = store_info(pStore, "scenario_json");
    zSeed = store_info(pStore, "seed");
    store_close(pStore);
    if( zJson==NULL || zSeed==NULL ){
      rc = tserr_set(&err, TS_ERR, "%s was written by an older tenantsim and cannot be"
                     " replayed; run its scenario again", argv[0]);
    }
  }
  if( rc==TS_OK ) rc = scenario_parse(argv[0], zJson, &pScn, &errs, &err);
  if( rc==TS_OK ){
    memset(&opt, 0, sizeof(opt));
    snprintf(zTmp, sizeof(zTmp), "%s.tmp-%ld", argv[0], (long)getpid());
    unlink(zTmp);
    opt.zDbPath = zTmp;
    opt.seed = strtoull(zSeed, NULL, 10);
    opt.bSeed = 1;
    opt.zVersion = TENANTSIM_VERSION;
    opt.zOnDemandJob = argv[1];
    opt.zOnDemandUser = argv[2];
    rc = runner_run(pScn, &opt, &stats, &err);
    if( rc==TS_OK ){
      printf("On-demand provisioning of %s by %s at the end of the run: %s\n",
             argv[2], argv[1], stats.zOnDemand);
      rc = print_on_demand_steps(zTmp, stdout, &err);
    }
    if( rc==TS_OK && rename(zTmp, argv[0]) ){
      rc = tserr_set(&err, TS_IOERR, "cannot rename %s to %s: %s", zTmp, argv[0], strerror(errno));
    }
    if( rc ) unlink(zTmp);
    else printf("database updated: %s\n", argv[0]);
  }
  if( rc ) fprintf(stderr, "tenantsim: %s\n", err.zMsg);
  scenario_free(pScn);
  mem_free(zJson);
  mem_free(zSeed);
  strbuf_free(&errs);
  return rc ? exit_code(rc) : 0;
}

/* cJSON allocates through the same wrapper as everything else. */
static void *cjson_malloc(size_t n){ return mem_malloc(n); }

int main(int argc, char **argv){
  cJSON_Hooks hooks;
  hooks.malloc_fn = cjson_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(&hooks);
  if( argc<2 ){
    fputs(zUsage, stderr);
    return 2;
  }
  if( strcmp(argv[1], "--help")==0 || strcmp(argv[1], "-h")==0 || strcmp(argv[1], "help")==0 ){
    fputs(zUsage, stdout);
    return 0;
  }
  if( strcmp(argv[1], "--version")==0 ){
    printf("tenantsim %s\n", TENANTSIM_VERSION);
    return 0;
  }
  if( strcmp(argv[1], "run")==0 ) return cmd_run(argc-2, argv+2);
  if( strcmp(argv[1], "validate")==0 ) return cmd_validate(argc-2, argv+2);
  if( strcmp(argv[1], "report")==0 ) return cmd_report(argc-2, argv+2);
  if( strcmp(argv[1], "logs")==0 ) return cmd_logs(argc-2, argv+2);
  if( strcmp(argv[1], "eval")==0 ) return evalcmd_run(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "export")==0 ) return exportcmd_run(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "import")==0 ) return importcmd_run(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "diff")==0 ) return diffcmd_diff(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "plan")==0 ) return diffcmd_plan(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "test")==0 ) return testcmd_run(argc-2, argv+2, stdout, stderr);
  if( strcmp(argv[1], "provision-on-demand")==0 ) return cmd_on_demand(argc-2, argv+2);
  return usage_error("unknown command %s", argv[1]);
}
