/*
** test_cli_e2e.c — end-to-end tests of the command line: every command
** the binary has (run, report, validate, logs, eval, provision-on-demand,
** test with TAP and JUnit, plan and diff), its exit statuses and usage
** errors, determinism by seed, the formats agreeing with each other, and
** the progress line.
**
** The binary is $TENANTSIM; scenarios are read from scenarios/ relative to
** the repository root. Each test works in its own temporary directory.
*/
#include <check.h>
#include <ctype.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "e2e_fixture.h"
#include "test_util.h"
#include "suites.h"

static char zDir[256];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-e2e"); }
static void teardown(void){ e2e_rmdir(zDir); }
#define run_scenario(zScn, zName, zExtra) e2e_run_scenario(zDir, zScn, zName, zExtra)

START_TEST(test_logs_command_exports_graph_and_monitor_shapes){
  ck_assert_int_eq(run_scenario("scenarios/policy-mistakes.json", "pm", NULL), 0);
  ck_assert_int_eq(sh("%s logs %s/pm.db --format graph --output %s/g.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"provisioningObjectSummary\\|@odata.context' %s/g.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'EntrySynchronizationAdd' %s/g.json", zDir), 0);
  ck_assert_int_eq(sh("%s logs %s/pm.db --format monitor --job to-litware > %s/m.jsonl", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("test $(wc -l < %s/m.jsonl) -gt 100", zDir), 0);
  ck_assert_int_eq(sh("%s logs %s/pm.db --format csv > /dev/null 2>&1", bin(), zDir), 2);
  ck_assert_int_eq(sh("%s logs %s/pm.db --job nosuchjob > /dev/null 2>&1", bin(), zDir), 2);
}
END_TEST

START_TEST(test_trust_command_reads_a_scenario_or_a_database_at_any_instant){
  ck_assert_int_eq(run_scenario("scenarios/policy-mistakes.json", "pm", NULL), 0);
  /* The database at its end: to-fabrikam is blocked and quarantined. */
  ck_assert_int_eq(sh("%s trust %s/pm.db > %s/t.txt", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '^contoso → fabrikam' %s/t.txt", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'PROBLEM sync blocked: fabrikam does not allow user sync from contoso'"
                      " %s/t.txt", zDir), 0);
  /* At the start the policy had not been broken yet. */
  ck_assert_int_eq(sh("%s trust %s/pm.db --at PT1H --format json --output %s/t.json", bin(), zDir,
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"atOffset\":\"PT1H\"' %s/t.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'sync_blocked' %s/t.json", zDir), 1);
  /* A scenario FILE is run first; dot and html are written. */
  ck_assert_int_eq(sh("%s trust scenarios/ma-onboarding.json --format dot | grep -q"
                      " '\"fabrikam\" -> \"contoso\"'", bin()), 0);
  ck_assert_int_eq(sh("%s trust %s/pm.db --format html | grep -q '<svg class=\"trust\"'", bin(),
                      zDir), 0);
  ck_assert_int_eq(sh("%s trust %s/pm.db --format svg > /dev/null 2>&1", bin(), zDir), 2);
  ck_assert_int_eq(sh("%s trust %s/pm.db --at yesterday > /dev/null 2>&1", bin(), zDir), 2);
  ck_assert_int_eq(sh("%s trust %s/none.db > /dev/null 2>&1", bin(), zDir), 2);
}
END_TEST

/* test, plan and a command given a scenario keep their scratch databases
** under $TMPDIR (/tmp when unset): a TMPDIR that does not exist is named in
** the error, and one that does receives nothing once they are done. */
START_TEST(test_scratch_databases_go_under_tmpdir){
  const char *zProp = "tests/fixtures/plan/mapping-rollout-mapping.json";
  ck_assert_int_eq(sh("TMPDIR=%s/none %s test scenarios/group-sync.json > %s/t.out 2>&1", zDir,
                      bin(), zDir), 1);
  ck_assert_int_eq(sh("grep -q 'cannot create a temporary database %s/none/tenantsim-test-'"
                      " %s/t.out", zDir, zDir), 0);
  ck_assert_int_eq(sh("TMPDIR=%s/none %s plan scenarios/mapping-rollout.json --mapping %s"
                      " > %s/p.out 2>&1", zDir, bin(), zProp, zDir), 1);
  ck_assert_int_eq(sh("grep -q 'cannot create a temporary directory %s/none/tenantsim-plan-'"
                      " %s/p.out", zDir, zDir), 0);
  ck_assert_int_eq(sh("TMPDIR=%s/none %s trust scenarios/group-sync.json > %s/r.out 2>&1", zDir,
                      bin(), zDir), 1);
  ck_assert_int_eq(sh("grep -q '%s/none/tenantsim-run-' %s/r.out", zDir, zDir), 0);
  ck_assert_int_eq(sh("mkdir -p %s/scratch && TMPDIR=%s/scratch %s test scenarios/group-sync.json"
                      " > /dev/null && TMPDIR=%s/scratch %s plan scenarios/mapping-rollout.json"
                      " --mapping %s > /dev/null", zDir, zDir, bin(), zDir, bin(), zProp), 0);
  ck_assert_int_eq(sh("test -z \"$(ls -A %s/scratch)\"", zDir), 0);
}
END_TEST

START_TEST(test_lint_command_exit_codes_rules_and_sarif){
  /* ma-onboarding: contoso trusts fabrikam's MFA (T04, high), the job
  ** has no deletion guard (S05, medium) nor notification e-mail (S06, low),
  ** and a contoso admin edits a synced user (T10, medium). */
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json > %s/l.txt", bin(), zDir), 0);
  ck_assert_int_eq(sh("grep -q '^XTS-T04 sync-plus-mfa-trust \\[high\\]' %s/l.txt", zDir), 0);
  ck_assert_int_eq(sh("grep -q '^XTS-S05 deletion-guard-off \\[medium\\]' %s/l.txt", zDir), 0);
  ck_assert_int_eq(sh("grep -q '^XTS-S06 no-quarantine-email \\[low\\]' %s/l.txt", zDir), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --fail-on high > /dev/null 2>&1", bin()), 1);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --fail-on critical > /dev/null 2>&1",
                      bin()), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --rule XTS-S05 --fail-on high"
                      " > /dev/null 2>&1", bin()), 0);
  /* SARIF points at the line of the setting in the scenario file. */
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format sarif --output %s/l.sarif",
                      bin(), zDir), 0);
  {
    char zPath[400];
    cJSON *pDoc, *pRes;
    int nLine;
    snprintf(zPath, sizeof(zPath), "%s/l.sarif", zDir);
    pDoc = read_json(zPath);
    ck_assert_ptr_nonnull(pDoc);
    pRes = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "runs"), 0), "results");
    ck_assert_int_eq(cJSON_GetArraySize(pRes), 4);
    pRes = cJSON_GetArrayItem(pRes, 2);
    ck_assert_str_eq(cJSON_GetObjectItem(pRes, "ruleId")->valuestring, "XTS-T04");
    nLine = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
              cJSON_GetObjectItem(pRes, "locations"), 0), "physicalLocation"), "region"),
              "startLine")->valueint;
    ck_assert_int_eq(sh("sed -n %dp scenarios/ma-onboarding.json | grep -q isMfaAccepted", nLine), 0);
    cJSON_Delete(pDoc);
  }
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --rule XTS-X01 > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --fail-on severe > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format pdf > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format markdown 2>&1 >/dev/null"
                      " | grep -q 'not markdown (did you mean md?)'", bin()), 0);
}
END_TEST

/* The two pages: Markdown on stdout, HTML into --output; --fail-on still
** decides the exit status once the page is written. */
START_TEST(test_lint_command_writes_markdown_and_html_pages){
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format md > %s/l.md", bin(), zDir), 0);
  ck_assert_int_eq(sh("head -1 %s/l.md | grep -q '^# Lint: ma-onboarding at '", zDir), 0);
  ck_assert_int_eq(sh("grep -q '^\\*\\*4 findings\\*\\*: 0 critical, 1 high, 2 medium, 1 low' %s/l.md",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q '^| \\*\\*high\\*\\* | XTS-T04 sync-plus-mfa-trust | ' %s/l.md",
                      zDir), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format md --fail-on high"
                      " > %s/l2.md 2>/dev/null", bin(), zDir), 1);
  ck_assert_int_eq(sh("cmp -s %s/l.md %s/l2.md", zDir, zDir), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format html --output %s/l.html"
                      " > %s/l.out", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("test -s %s/l.html && ! test -s %s/l.out", zDir, zDir), 0);
  ck_assert_int_eq(sh("head -1 %s/l.html | grep -q '^<!DOCTYPE html>'", zDir), 0);
  ck_assert_int_eq(sh("test $(grep -o '<tr class=\"finding\">' %s/l.html | wc -l) -eq 4", zDir), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format html --output %s/l2.html"
                      " --fail-on medium 2>/dev/null", bin(), zDir), 1);
  ck_assert_int_eq(sh("cmp -s %s/l.html %s/l2.html", zDir, zDir), 0);
  ck_assert_int_eq(sh("%s lint scenarios/ma-onboarding.json --format html --output %s/no/such/l.html"
                      " > /dev/null 2>&1", bin(), zDir), 1);
}
END_TEST

START_TEST(test_provision_on_demand_command_replays_the_run_and_provisions_one_user){
  char zDb[300];
  FILE *f;
  snprintf(zDb, sizeof(zDb), "%s/od.json", zDir);
  f = fopen(zDb, "w");
  ck_assert_ptr_nonnull(f);
  fputs("{\"name\":\"od\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P1D\","
        "\"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"users\":[{\"key\":\"alice\"},"
        "{\"key\":\"bob\"}]},{\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"}],"
        "\"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
        "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"contoso\","
        "\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
        "\"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\","
        "\"assignments\":{\"users\":[\"alice\",\"bob\"]},\"start\":false}]}", f);
  fclose(f);
  ck_assert_int_eq(sh("%s run %s/od.json --db %s/od.db --quiet > /dev/null", bin(), zDir, zDir), 0);
  snprintf(zDb, sizeof(zDb), "%s/od.db", zDir);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 0);
  ck_assert_int_eq(sh("%s provision-on-demand %s c2f bob > %s/od.out", bin(), zDb, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'EntrySynchronizationScoping (scoping): success' %s/od.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'EntryExportAdd (export): success' %s/od.out", zDir), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 1);
  /* A second one keeps the first (the run is replayed with it). */
  ck_assert_int_eq(sh("%s provision-on-demand %s c2f alice > /dev/null", bin(), zDb), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  ck_assert_int_eq(sh("%s provision-on-demand %s c2f nobody > /dev/null 2>&1", bin(), zDb), 2);
  ck_assert_int_eq(sh("%s provision-on-demand %s nojob bob > /dev/null 2>&1", bin(), zDb), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
}
END_TEST

START_TEST(test_eval_command_prints_one_json_value){
  ck_assert_int_eq(sh("%s eval --attr givenName=Amy 'ToUpper([givenName])' > %s/e.out", bin(), zDir), 0);
  ck_assert_int_eq(sh("grep -qx '\"AMY\"' %s/e.out", zDir), 0);
  ck_assert_int_eq(sh("%s eval 'ToUpper(' 2> %s/e.err > /dev/null", bin(), zDir), 2);
  ck_assert_int_eq(sh("grep -q 'column' %s/e.err", zDir), 0);
}
END_TEST

START_TEST(test_same_seed_gives_identical_report_and_tables){
  char zA[300], zB[300], zOut[300];
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "a", NULL), 0);
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "b", NULL), 0);
  ck_assert_int_eq(sh("cmp -s %s/a.json %s/b.json", zDir, zDir), 0);
  snprintf(zA, sizeof(zA), "%s/a.db", zDir);
  snprintf(zOut, sizeof(zOut), "%s/a.txt", zDir);
  dump_db(zA, zOut);
  snprintf(zB, sizeof(zB), "%s/b.db", zDir);
  snprintf(zOut, sizeof(zOut), "%s/b.txt", zDir);
  dump_db(zB, zOut);
  ck_assert_int_eq(sh("test $(wc -l < %s/a.txt) -gt 10000", zDir), 0);
  ck_assert_int_eq(sh("cmp -s %s/a.txt %s/b.txt", zDir, zDir), 0);
}
END_TEST

/* The background writer (engine/store/writer.c) runs the same statements
** in the same order as writing in line: every shipped scenario's database
** is the same file, byte for byte, either way. */
START_TEST(test_the_background_writer_writes_the_same_database_as_in_line){
  ck_assert_int_eq(sh("for f in scenarios/*.json; do"
                      " n=$(basename $f .json);"
                      " %s run $f --db %s/$n-bg.db --quiet >/dev/null 2>&1 || exit 1;"
                      " TENANTSIM_INLINE_WRITES=1 %s run $f --db %s/$n-in.db --quiet"
                      " >/dev/null 2>&1 || exit 2;"
                      " cmp -s %s/$n-bg.db %s/$n-in.db || { echo \"$n differs\"; exit 3; };"
                      " done", bin(), zDir, bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("test $(ls %s/*-bg.db | wc -l) -ge 20", zDir), 0);
}
END_TEST

/* A create's properties are stored as a name list and values
** (TENANTSIM_FULL_PROPERTIES=1 stores them in full): for every shipped
** scenario the provisioning_log view, and every other table, reads the
** same either way. */
START_TEST(test_creates_stored_compactly_read_the_same_as_in_full){
  char zA[512], zB[512], zOutA[512], zOutB[512];
  static const char zWhere[] = "type IN ('table','view')"
                               " AND name NOT IN ('provisioning_log_rows','property_lists')";
  FILE *pList;
  char zName[100];
  int n = 0;
  ck_assert_int_eq(sh("for f in scenarios/*.json; do"
                      " n=$(basename $f .json);"
                      " %s run $f --db %s/$n-c.db --quiet >/dev/null 2>&1 || exit 1;"
                      " TENANTSIM_FULL_PROPERTIES=1 %s run $f --db %s/$n-f.db --quiet"
                      " >/dev/null 2>&1 || exit 2;"
                      " echo $n; done > %s/names", bin(), zDir, bin(), zDir, zDir), 0);
  snprintf(zA, sizeof(zA), "%s/names", zDir);
  pList = fopen(zA, "r");
  ck_assert_ptr_nonnull(pList);
  while( fscanf(pList, "%99s", zName)==1 ){
    snprintf(zA, sizeof(zA), "%s/%s-c.db", zDir, zName);
    snprintf(zB, sizeof(zB), "%s/%s-f.db", zDir, zName);
    snprintf(zOutA, sizeof(zOutA), "%s/%s-c.txt", zDir, zName);
    snprintf(zOutB, sizeof(zOutB), "%s/%s-f.txt", zDir, zName);
    dump_db_where(zA, zOutA, zWhere);
    dump_db_where(zB, zOutB, zWhere);
    ck_assert_msg(sh("cmp -s %s %s", zOutA, zOutB)==0, "%s reads differently", zName);
    n++;
  }
  fclose(pList);
  ck_assert_int_ge(n, 20);
  /* Both ways were taken: compact rows in one, none in the other. */
  snprintf(zA, sizeof(zA), "%s/termination-wave-c.db", zDir);
  snprintf(zB, sizeof(zB), "%s/termination-wave-f.db", zDir);
  ck_assert_int_gt(q1(zA, "SELECT count(*) FROM provisioning_log_rows"
                          " WHERE created_values IS NOT NULL"), 100);
  ck_assert_int_eq(q1(zB, "SELECT count(*) FROM provisioning_log_rows"
                          " WHERE created_values IS NOT NULL"), 0);
}
END_TEST

START_TEST(test_different_seed_changes_results){
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "a", NULL), 0);
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "c", "--seed 99"), 0);
  ck_assert_int_ne(sh("cmp -s %s/a.json %s/c.json", zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"seed\": 99' %s/c.json", zDir), 0);
}
END_TEST

START_TEST(test_report_command_reproduces_the_run_report){
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "tw", NULL), 0);
  ck_assert_int_eq(sh("%s report %s/tw.db --format json > %s/again.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("cmp -s %s/tw.json %s/again.json", zDir, zDir), 0);
  ck_assert_int_eq(sh("%s report %s/tw.db > %s/again.txt", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'seed 424242' %s/again.txt", zDir), 0);
}
END_TEST

START_TEST(test_invalid_scenario_exits_2_and_keeps_previous_database){
  char zDb[300];
  FILE *f;
  ck_assert_int_eq(run_scenario("scenarios/termination-wave.json", "keep", NULL), 0);
  snprintf(zDb, sizeof(zDb), "%s/keep.db", zDir);
  ck_assert_int_eq(sh("cp %s %s/before.db", zDb, zDir), 0);
  snprintf(zDb, sizeof(zDb), "%s/bad.json", zDir);
  f = fopen(zDb, "w");
  ck_assert_ptr_nonnull(f);
  fputs("{\"name\":\"keep\",\"start\":\"2026-02-30T00:00:00Z\",\"duration\":\"P1D\"}", f);
  fclose(f);
  ck_assert_int_eq(sh("%s run %s --db %s/keep.db --quiet > %s/bad.out 2>&1",
                      bin(), zDb, zDir, zDir), 2);
  ck_assert_int_eq(sh("grep -q 'bad.json: start: .*day 30' %s/bad.out", zDir), 0);
  ck_assert_int_eq(sh("cmp -s %s/keep.db %s/before.db", zDir, zDir), 0);
  ck_assert_int_eq(sh("ls %s | grep -q tmp-", zDir), 1);
}
END_TEST

START_TEST(test_validate_accepts_shipped_scenarios_and_rejects_bad_ones){
  ck_assert_int_eq(sh("%s validate scenarios/ma-onboarding.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/termination-wave.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/mapping-rollout.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/quarantine-outage.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/deletion-threshold.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/policy-mistakes.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/cross-cloud.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/group-sync.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate scenarios/rogue-partner.json > /dev/null", bin()), 0);
  ck_assert_int_eq(sh("%s validate %s/missing.json 2> /dev/null", bin(), zDir), 2);
  ck_assert_int_eq(sh("echo '{' > %s/x.json && %s validate %s/x.json 2> %s/x.out", zDir, bin(), zDir, zDir), 2);
  ck_assert_int_eq(sh("grep -q 'x.json:2:1: invalid JSON' %s/x.out", zDir), 0);
}
END_TEST

START_TEST(test_command_line_usage_errors_exit_2){
  ck_assert_int_eq(sh("%s > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s frobnicate > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s run > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s run scenarios/ma-onboarding.json --seed -3 > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s report %s/nothing.db > /dev/null 2>&1", bin(), zDir), 2);
  ck_assert_int_eq(sh("echo hello > %s/notdb.db && %s report %s/notdb.db > /dev/null 2>&1",
                      zDir, bin(), zDir), 2);
  ck_assert_int_eq(sh("%s --help | grep -q 'tenantsim run FILE'", bin()), 0);
  {
    /* Every command is documented in --help. */
    static const char *const azCmd[] = { "validate FILE", "report DB", "export DB --csv", "diff A.db",
      "plan FILE", "logs DB", "trust FILE|DB", "lint FILE|DB", "eval ", "test FILE", "provision-on-demand DB", NULL };
    int i;
    for(i=0; azCmd[i]; i++){
      ck_assert_msg(sh("%s --help | grep -q '^  tenantsim %s'", bin(), azCmd[i])==0,
                    "--help does not describe 'tenantsim %s'", azCmd[i]);
    }
  }
  ck_assert_int_eq(sh("%s --version | grep -q '^tenantsim [0-9]'", bin()), 0);
}
END_TEST

/* Does z start a well-formed XML entity or character reference (&lt;,
** &gt;, &amp;, &quot;, &apos; or &#DIGITS;)? */
static int xml_entity_ok(const char *z){
  size_t k;
  if( strncmp(z, "&lt;", 4)==0 || strncmp(z, "&gt;", 4)==0 || strncmp(z, "&amp;", 5)==0
   || strncmp(z, "&quot;", 6)==0 || strncmp(z, "&apos;", 6)==0 ) return 1;
  if( z[1]!='#' ) return 0;
  for(k=2; isdigit((unsigned char)z[k]); k++){}
  return k>2 && z[k]==';';
}

/* Is z[0..n) (NUL-terminated) well-formed XML? A small checker for the
** subset a JUnit file uses: a declaration, elements with quoted
** attributes, text, the five predefined entities and decimal character
** references; every element closed in order, one root. Returns the number
** of elements, or -1 with the offset in *pAt. */
static int xml_check(const char *z, size_t n, long *pAt){
  char azStack[32][64];
  int nStack = 0, nElem = 0, bRoot = 0;
  size_t i = 0;
  *pAt = 0;
  if( strncmp(z, "<?xml ", 6)==0 ){
    const char *zEnd = strstr(z, "?>");
    if( zEnd==NULL ) return -1;
    i = (size_t)(zEnd - z) + 2;
  }
  while( i<n ){
    *pAt = (long)i;
    if( z[i]=='<' ){
      int bClose = z[i+1]=='/';
      size_t k = i + 1 + bClose, nName = 0;
      char zName[64];
      while( k<n && (isalnum((unsigned char)z[k]) || z[k]=='_' || z[k]=='-' || z[k]==':') ){
        if( nName<63 ) zName[nName++] = z[k];
        k++;
      }
      zName[nName] = 0;
      if( nName==0 ) return -1;
      if( bClose ){
        if( nStack==0 || strcmp(azStack[nStack-1], zName)!=0 || z[k]!='>' ) return -1;
        nStack--;
        i = k + 1;
        continue;
      }
      if( nStack==0 && bRoot ) return -1;      /* a second root */
      for(;;){                                  /* attributes */
        while( z[k]==' ' || z[k]=='\n' ) k++;
        if( z[k]=='>' || (z[k]=='/' && z[k+1]=='>') ) break;
        if( !isalpha((unsigned char)z[k]) ) return -1;
        while( isalnum((unsigned char)z[k]) || z[k]=='_' || z[k]=='-' ) k++;
        if( z[k]!='=' || z[k+1]!='"' ) return -1;
        for(k+=2; z[k] && z[k]!='"'; k++){
          if( z[k]=='<' ) return -1;
          if( z[k]=='&' && !xml_entity_ok(z+k) ) return -1;
        }
        if( z[k]!='"' ) return -1;
        k++;
      }
      nElem++;
      bRoot = 1;
      if( z[k]=='/' ){ i = k + 2; continue; }
      if( nStack==32 ) return -1;
      memcpy(azStack[nStack++], zName, nName+1);
      i = k + 1;
    }else{
      if( nStack==0 && !isspace((unsigned char)z[i]) ) return -1;   /* text outside the root */
      if( z[i]=='&' && !xml_entity_ok(z+i) ) return -1;
      i++;
    }
  }
  return nStack==0 && bRoot ? nElem : -1;
}

/* xml_check() of the file at zPath; -1 when there is none. */
static int xml_elements(const char *zPath, long *pAt){
  char *z;
  size_t n;
  int nElem;
  *pAt = 0;
  if( access(zPath, R_OK)!=0 ) return -1;
  z = tu_slurp(zPath, &n);
  nElem = xml_check(z, n, pAt);
  free(z);
  return nElem;
}

START_TEST(test_test_command_checks_expectations_and_writes_tap_and_junit){
  char zPath[300];
  FILE *f;
  snprintf(zPath, sizeof(zPath), "%s/t.json", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs("{\"name\":\"t\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P1D\","
        "\"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"users\":[{\"key\":\"alice\","
        "\"department\":\"Sales\"},{\"key\":\"bob\"}]},{\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"}],"
        "\"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
        "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"contoso\","
        "\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
        "\"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\","
        "\"assignments\":{\"users\":[\"alice\"]}}],"
        "\"timeline\":[{\"at\":\"PT6H\",\"action\":\"pause_job\",\"job\":\"c2f\"}],"
        "\"expect\":[\"orphans.count == 0\",\"jobs.c2f.exports.create == 1\",\"drift.final > 0\","
        "\"orphans.by_reason.job_paused == 0\",\"convergence.p95 <= PT1H\",\"convergence.p99 < PT1H\","
        "{\"at\":\"PT5H\",\"job\":\"c2f\",\"status\":\"Active\"},"
        "{\"at\":\"PT7H\",\"job\":\"c2f\",\"status\":\"Paused\"},"
        "{\"at\":\"PT5H\",\"job\":\"c2f\",\"user\":\"alice\",\"state\":\"exists\"},"
        "{\"at\":\"PT5H\",\"job\":\"c2f\",\"user\":\"alice\",\"attribute\":\"department\",\"equals\":\"Sales\"},"
        "{\"at\":\"PT5H\",\"job\":\"c2f\",\"user\":\"bob\",\"state\":\"exists\"}]}", f);
  fclose(f);
  /* Two expectations fail: the paused job leaves no drift (drift.final is
  ** 0), convergence.p99 is not a report metric, and bob is not assigned. */
  ck_assert_int_eq(sh("%s test %s/t.json > %s/t.out", bin(), zDir, zDir), 1);
  ck_assert_int_eq(sh("grep -qx '8 passed, 3 failed' %s/t.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q '^FAIL .*drift.final > 0 (actual: 0)' %s/t.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q '^FAIL .*convergence.p99 < PT1H (actual: (no such metric' %s/t.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q \"^FAIL .*bob's user in fabrikam exists at PT5H (actual: absent)\" %s/t.out",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q \"^PASS .*alice's user in fabrikam has department = Sales at PT5H\" %s/t.out",
                      zDir), 0);
  ck_assert_int_eq(sh("%s test %s/t.json --tap --junit %s/t.xml > %s/t.tap", bin(), zDir, zDir, zDir), 1);
  ck_assert_int_eq(sh("sed -n 2p %s/t.tap | grep -qx '1..11'", zDir), 0);
  ck_assert_int_eq(sh("test $(grep -c '^not ok' %s/t.tap) -eq 3", zDir), 0);
  ck_assert_int_eq(sh("grep -q '<testsuites name=\"tenantsim\" tests=\"11\" failures=\"3\">' %s/t.xml", zDir), 0);
  ck_assert_int_eq(sh("test $(grep -c '<failure ' %s/t.xml) -eq 3", zDir), 0);
  {
    /* Well-formed: testsuites + testsuite + 11 testcases + 3 failures. */
    char zXml[300];
    long iAt;
    snprintf(zXml, sizeof(zXml), "%s/t.xml", zDir);
    ck_assert_int_eq(xml_elements(zXml, &iAt), 16);
    /* The checker rejects what is not well-formed. */
    ck_assert_int_eq(sh("printf '<a><b></a></b>' > %s/bad.xml", zDir), 0);
    snprintf(zXml, sizeof(zXml), "%s/bad.xml", zDir);
    ck_assert_int_eq(xml_elements(zXml, &iAt), -1);
    ck_assert_int_eq(sh("printf '<a x=\"1 < 2\"/>' > %s/bad.xml", zDir), 0);
    ck_assert_int_eq(xml_elements(zXml, &iAt), -1);
    ck_assert_int_eq(sh("printf '<a>R&D</a>' > %s/bad.xml", zDir), 0);
    ck_assert_int_eq(xml_elements(zXml, &iAt), -1);
  }
  /* An invalid scenario is exit 2, a missing option value a usage error. */
  ck_assert_int_eq(sh("%s test tests/fixtures/bad/expect-bad-status.json > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s test > /dev/null 2>&1", bin()), 2);
}
END_TEST

START_TEST(test_shipped_scenarios_meet_their_expectations){
  ck_assert_int_eq(sh("%s test scenarios/*.json > %s/s.out", bin(), zDir), 0);
  /* every expectation of every shipped scenario, and there are many */
  ck_assert_int_eq(sh("grep -Eq '^([3-9][0-9]|[1-9][0-9][0-9]) passed, 0 failed$' %s/s.out", zDir), 0);
}
END_TEST

/* A small population whose companyName comes from a Switch on country. */
static void write_plan_scenario(void){
  char zPath[300];
  FILE *f;
  snprintf(zPath, sizeof(zPath), "%s/p.json", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs("{\"name\":\"p\",\"seed\":5,\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P1D\","
        "\"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"users\":["
        "{\"key\":\"ann\",\"country\":\"US\",\"department\":\"Sales\"},"
        "{\"key\":\"ben\",\"country\":\"GB\",\"department\":\"Sales\"},"
        "{\"key\":\"cat\",\"country\":\"GB\",\"department\":\"Legal\"},"
        "{\"key\":\"dan\",\"country\":\"DE\",\"department\":\"Sales\"}]},"
        "{\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"}],"
        "\"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
        "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"contoso\","
        "\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
        "\"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\",\"scope\":\"all\","
        "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
        "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso Ltd\\\")\"}]}}]}", f);
  fclose(f);
  snprintf(zPath, sizeof(zPath), "%s/m.json", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs("{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
        "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso UK <Ltd>\\\")\"}]}", f);
  fclose(f);
  snprintf(zPath, sizeof(zPath), "%s/f.json", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  fputs("[{\"clauses\":[{\"attribute\":\"department\",\"operator\":\"NOT EQUALS\",\"value\":\"Legal\"}]}]", f);
  fclose(f);
}

START_TEST(test_plan_and_diff_show_exactly_the_changed_users_and_attributes){
  write_plan_scenario();
  /* The proposal renames the GB company: exactly ben and cat change. */
  ck_assert_int_eq(sh("%s plan %s/p.json --mapping %s/m.json --format json --keep %s > %s/plan.json",
                      bin(), zDir, zDir, zDir, zDir), 0);
  {
    char zPath[300];
    cJSON *pDoc, *pUsers, *u;
    int i = 0;
    snprintf(zPath, sizeof(zPath), "%s/plan.json", zDir);
    pDoc = read_json(zPath);
    ck_assert_ptr_nonnull(pDoc);
    ck_assert_int_eq(cJSON_GetObjectItem(pDoc, "pairs")->valueint, 4);
    ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "counts"), "attributes")->valueint, 2);
    ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "counts"), "created")->valueint, 0);
    pUsers = cJSON_GetObjectItem(pDoc, "users");
    ck_assert_int_eq(cJSON_GetArraySize(pUsers), 2);
    cJSON_ArrayForEach(u, pUsers){
      cJSON *a = cJSON_GetArrayItem(cJSON_GetObjectItem(u, "attributes"), 0);
      ck_assert_str_eq(cJSON_GetObjectItem(u, "source_user")->valuestring, i==0 ? "ben" : "cat");
      ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(u, "attributes")), 1);
      ck_assert_str_eq(cJSON_GetObjectItem(a, "name")->valuestring, "companyName");
      ck_assert_str_eq(cJSON_GetObjectItem(a, "old")->valuestring, "Contoso Ltd");
      ck_assert_str_eq(cJSON_GetObjectItem(a, "new")->valuestring, "Contoso UK <Ltd>");
      i++;
    }
    cJSON_Delete(pDoc);
  }
  /* --keep left both runs: diff them directly, and a run against itself. */
  ck_assert_int_eq(sh("%s diff %s/current.db %s/proposed.db > %s/d.txt", bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '^4 pairs compared, 2 users differ: attributes changed 2 (2 values)$' %s/d.txt",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q 'companyName: \"Contoso Ltd\" -> \"Contoso UK <Ltd>\"' %s/d.txt", zDir), 0);
  ck_assert_int_eq(sh("%s diff %s/current.db %s/proposed.db --format html --output %s/d.html",
                      bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'Contoso UK &lt;Ltd&gt;' %s/d.html", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'UK <Ltd>' %s/d.html", zDir), 1);
  ck_assert_int_eq(sh("%s diff %s/current.db %s/current.db --format json > %s/self.json",
                      bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"users_differing\": 0' %s/self.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"users\": \\[\\]' %s/self.json", zDir), 0);
  /* Scoping filters: the Legal user is never in scope, never created. */
  ck_assert_int_eq(sh("%s plan %s/p.json --filters %s/f.json > %s/f.txt", bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '^4 pairs compared, 1 users differ: newly out of scope 1, not created 1$' %s/f.txt",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q '^c2f cat -> fabrikam' %s/f.txt", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'scope: present -> never in scope' %s/f.txt", zDir), 0);
  /* When the timeline changes the mapping, the proposal replaces that last
  ** change: with the initial mapping replaced instead, nothing would differ. */
  ck_assert_int_eq(sh("sed 's/\"jobs\"/\"timeline\":[{\"at\":\"PT6H\",\"action\":\"set_mapping\","
                      "\"job\":\"c2f\",\"mapping\":{\"attributes\":[{\"target\":\"companyName\","
                      "\"type\":\"Constant\",\"value\":\"Contoso\"}]}}],\"jobs\"/' %s/p.json > %s/p2.json",
                      zDir, zDir), 0);
  ck_assert_int_eq(sh("%s validate %s/p2.json > /dev/null", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s plan %s/p2.json --mapping %s/m.json > %s/p2.txt", bin(), zDir, zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q '^4 pairs compared, 2 users differ: attributes changed 2 (2 values)$' %s/p2.txt",
                      zDir), 0);
  ck_assert_int_eq(sh("grep -q 'companyName: \"Contoso\" -> \"Contoso UK <Ltd>\"' %s/p2.txt", zDir), 0);
  /* Bad input. */
  ck_assert_int_eq(sh("echo '{\"attributes\":[{\"target\":\"nosuch\",\"type\":\"Direct\",\"source\":\"mail\"}]}'"
                      " > %s/bad.json && %s plan %s/p.json --mapping %s/bad.json 2> %s/bad.err",
                      zDir, bin(), zDir, zDir, zDir), 2);
  ck_assert_int_eq(sh("grep -q 'with .*bad.json: jobs\\[0\\].mapping.attributes\\[0\\]' %s/bad.err", zDir), 0);
  ck_assert_int_eq(sh("%s plan %s/p.json --mapping %s/m.json --job nojob 2> /dev/null", bin(), zDir, zDir), 2);
  ck_assert_int_eq(sh("%s diff %s/current.db 2> /dev/null", bin(), zDir), 2);
  ck_assert_int_eq(sh("%s diff %s/current.db %s/m.json 2> /dev/null", bin(), zDir, zDir), 2);
}
END_TEST

/* The whole file at zPath (free with free()). */

/* The integer after zMarker in z (thousands separators allowed), or -1 if
** zMarker is absent. */
static long long number_after(const char *z, const char *zMarker){
  const char *zAt = strstr(z, zMarker);
  long long v = 0;
  if( zAt==NULL ) return -1;
  for(zAt += strlen(zMarker); isdigit((unsigned char)*zAt) || *zAt==','; zAt++){
    if( *zAt!=',' ) v = v*10 + (*zAt - '0');
  }
  return v;
}

/* v with thousands separators, as the reports write counts. */
static const char *with_commas(long long v, char *z, size_t n){
  char zDigits[32];
  int nDigit, i, k = 0;
  snprintf(zDigits, sizeof(zDigits), "%lld", v);
  nDigit = (int)strlen(zDigits);
  for(i=0; i<nDigit && k+2<(int)n; i++){
    if( i>0 && (nDigit-i)%3==0 ) z[k++] = ',';
    z[k++] = zDigits[i];
  }
  z[k] = 0;
  return z;
}

/* Records (lines) of a CSV file without the header. */
static long long csv_records(const char *zPath){
  char *z = tu_slurp(zPath, NULL), *c;
  long long n = -1;
  for(c=z; *c; c++) if( *c=='\n' ) n++;
  free(z);
  return n;
}

START_TEST(test_every_shipped_scenario_reports_the_same_numbers_in_every_format){
  static const char *const azScn[] = {
    "ma-onboarding", "termination-wave", "mapping-rollout", "quarantine-outage",
    "deletion-threshold", "policy-mistakes", "cross-cloud", "group-sync", "imported-tenant",
    "scope-sabotage", "lateral-movement", "lateral-movement-blind", "rogue-partner",
    "rogue-partner-unseen", "compromised-source-mfa", "compromised-source-mfa-unseen",
    "compromised-source-mfa-defended", "synced-group-privilege", "synced-group-privilege-blind",
    "source-attribute-privilege", "source-attribute-privilege-blind",
    "external-member-blind-spot", "mto-2026", "target-fights-sync", NULL
  };
  int i;
  for(i=0; azScn[i]; i++){
    char zPath[400];
    char *zJson, *zHtml, *zMd;
    cJSON *pDoc;
    long long nOrphans, nDisabled, nPre, nChanges, nNever, nDrift;
    ck_assert_int_eq(sh("%s run scenarios/%s.json --db %s/s.db --json %s/s.json --html %s/s.html"
                        " --quiet > /dev/null", bin(), azScn[i], zDir, zDir, zDir), 0);
    ck_assert_int_eq(sh("%s report %s/s.db --format md > %s/s.md", bin(), zDir, zDir), 0);
    ck_assert_int_eq(sh("rm -rf %s/csv && %s export %s/s.db --csv %s/csv > /dev/null", zDir, bin(), zDir, zDir), 0);
    snprintf(zPath, sizeof(zPath), "%s/s.json", zDir);
    zJson = tu_slurp(zPath, NULL);
    pDoc = cJSON_Parse(zJson);
    ck_assert_ptr_nonnull(pDoc);
    nOrphans = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "orphans"), "count")->valuedouble;
    nDisabled = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "orphans"),
                                               "disabled_by_sync"), "count")->valuedouble;
    nPre = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "orphans"),
                                          "preexisting"), "count")->valuedouble;
    nChanges = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "convergence"), "changes")->valuedouble;
    nNever = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "convergence"),
                                            "never_converged")->valuedouble;
    nDrift = (long long)cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "convergence"),
                                            "drift"), "final")->valuedouble;
    cJSON_Delete(pDoc);
    free(zJson);
    snprintf(zPath, sizeof(zPath), "%s/s.html", zDir);
    zHtml = tu_slurp(zPath, NULL);
    ck_assert_msg(number_after(zHtml, "id=\"orphan-count\">")==nOrphans, "%s: HTML orphans", azScn[i]);
    ck_assert_msg(number_after(zHtml, "id=\"conv-changes\">")==nChanges, "%s: HTML changes", azScn[i]);
    ck_assert_msg(number_after(zHtml, "id=\"conv-never\">")==nNever, "%s: HTML never converged", azScn[i]);
    ck_assert_msg(number_after(zHtml, "id=\"drift-final\">")==nDrift, "%s: HTML drift", azScn[i]);
    free(zHtml);
    if( access(TU_BROWSER, X_OK)==0 ){
      /* Rendered at 1280 px, the page must not be wider than the window. */
      ck_assert_int_eq(sh("sed 's#</body>#<script>document.body.setAttribute(\"data-probe\","
                          " document.documentElement.scrollWidth > window.innerWidth ? \"overflow\" :"
                          " \"fits\");</script></body>#' %s/s.html > %s/probe.html", zDir, zDir), 0);
      ck_assert_int_eq(sh("timeout 120 " TU_BROWSER " " TU_BROWSER_FLAGS " --user-data-dir=%s/profile"
                          " --window-size=1280,2000 --dump-dom file://%s/probe.html 2> /dev/null"
                          " > %s/probe.dom", zDir, zDir, zDir), 0);
      ck_assert_msg(sh("grep -q 'data-probe=\"fits\"' %s/probe.dom", zDir)==0,
                    "%s: the HTML report is wider than 1280 px", azScn[i]);
    }
    snprintf(zPath, sizeof(zPath), "%s/s.md", zDir);
    zMd = tu_slurp(zPath, NULL);
    ck_assert_msg(number_after(zMd, "| all jobs | ")==nChanges, "%s: Markdown changes", azScn[i]);
    {
      char zWant[96], zN[32];
      snprintf(zWant, sizeof(zWant), " | %s | ", with_commas(nNever, zN, sizeof(zN)));
      ck_assert_msg(strstr(strstr(zMd, "| all jobs | "), zWant)!=NULL, "%s: Markdown never converged",
                    azScn[i]);
    }
    ck_assert_msg(number_after(zMd, "- Drift at the end: ")==nDrift, "%s: Markdown drift", azScn[i]);
    free(zMd);
    snprintf(zPath, sizeof(zPath), "%s/csv/orphans.csv", zDir);
    ck_assert_msg(csv_records(zPath)==nOrphans+nDisabled+nPre, "%s: CSV orphans", azScn[i]);
    ck_assert_msg(sh("test $(grep -c '^orphaned,' %s/csv/orphans.csv) -eq %lld", zDir, nOrphans)==0,
                  "%s: CSV orphaned class", azScn[i]);
    snprintf(zPath, sizeof(zPath), "%s/csv/changes.csv", zDir);
    ck_assert_msg(csv_records(zPath)==nChanges, "%s: CSV changes", azScn[i]);
  }
}
END_TEST

START_TEST(test_html_md_and_csv_outputs_agree_with_the_json_report){
  ck_assert_int_eq(sh("%s run scenarios/termination-wave.json --db %s/tw.db --json %s/tw.json"
                      " --html %s/tw.html --quiet > /dev/null", bin(), zDir, zDir, zDir), 0);
  /* 324 orphaned, 100 disabled by sync (listed apart, not orphans). */
  ck_assert_int_eq(sh("grep -q '\"count\": 324' %s/tw.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q '\"count\": 100' %s/tw.json", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'id=\"orphan-count\"[^>]*>324<' %s/tw.html", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'id=\"disabled-count\"[^>]*>100<' %s/tw.html", zDir), 0);
  ck_assert_int_eq(sh("%s report %s/tw.db --format html > %s/again.html", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("cmp -s %s/tw.html %s/again.html", zDir, zDir), 0);
  ck_assert_int_eq(sh("%s report %s/tw.db --format md > %s/tw.md", bin(), zDir, zDir), 0);
  /* 7 actions, 2 initial assignments and 2 days of hard deletions. */
  ck_assert_int_eq(sh("test $(grep -c '^- \\*\\*Day ' %s/tw.md) -eq 11", zDir), 0);
  ck_assert_int_eq(sh("grep -q '324 orphaned guest accounts' %s/tw.md", zDir), 0);
  ck_assert_int_eq(sh("%s export %s/tw.db --csv %s/csv > /dev/null", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("test $(($(wc -l < %s/csv/orphans.csv) - 1)) -eq 424", zDir), 0);
  ck_assert_int_eq(sh("test $(grep -c '^disabled_by_sync,' %s/csv/orphans.csv) -eq 100", zDir), 0);
  ck_assert_int_eq(sh("head -1 %s/csv/changes.csv | grep -q latency", zDir), 0);
  ck_assert_int_eq(sh("%s export %s/tw.db > /dev/null 2>&1", bin(), zDir), 2);
  ck_assert_int_eq(sh("%s report %s/tw.db --format pdf > /dev/null 2>&1", bin(), zDir), 2);
}
END_TEST

START_TEST(test_progress_line_only_on_a_terminal_and_not_with_quiet){
  /* Not a terminal: nothing on stderr. */
  ck_assert_int_eq(sh("%s run scenarios/group-sync.json --db %s/g.db > /dev/null 2> %s/g.err", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("test -s %s/g.err", zDir), 1);
  if( sh("command -v script > /dev/null")!=0 ) return;    /* util-linux script(1) gives a pty */
  /* A wide terminal, whatever the caller's: the whole line. */
  ck_assert_int_eq(sh("script -qec 'stty cols 250; %s run scenarios/group-sync.json --db %s/g2.db"
                      " > /dev/null' /dev/null > %s/tty.out", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'objects \\([0-9]*\\)/~\\1  drift [0-9]*  done in' %s/tty.out", zDir), 0);
  /* Then the speed of the run: the simulated span, wall time and ratio. */
  ck_assert_int_eq(sh("grep -q '^simulated 5 d in [0-9.]* s of wall time ([0-9]*x real time, [0-9]* events)'"
                      " %s/tty.out", zDir), 0);
  /* The reports' time notation; the counts named for what they count. */
  ck_assert_int_eq(sh("grep -q 'tenantsim\\] Day 6 08:00 of Day 6 08:00  source users [0-9]*  target users'"
                      " %s/tty.out", zDir), 0);
  /* Nothing is extrapolated from simulated time: the ETA is in seconds
  ** for this sub-second run, never minutes or hours. */
  ck_assert_int_eq(sh("tr '\\r' '\\n' < %s/tty.out | grep -q 'ETA [0-9]*[mh]'", zDir), 1);
  /* An 80-column terminal: every progress line is narrower, so "\r"
  ** rewrites it in place, and still ends with the time taken. */
  ck_assert_int_eq(sh("script -qec 'stty cols 80; %s run scenarios/group-sync.json --db %s/g4.db"
                      " > /dev/null' /dev/null > %s/narrow.out", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("tr '\\r' '\\n' < %s/narrow.out | sed 's/\\x1b\\[K.*//' | grep '^\\[tenantsim\\]'"
                      " | awk 'length >= 80 { n++ } END { exit n>0 }'", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'objects [0-9]*/~[0-9]*  done in' %s/narrow.out", zDir), 0);
  ck_assert_int_eq(sh("script -qec '%s run scenarios/group-sync.json --db %s/g3.db --quiet > /dev/null'"
                      " /dev/null > %s/quiet.out", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("grep -q 'tenantsim\\]' %s/quiet.out", zDir), 1);
}
END_TEST

/* Per-command help, the version aliases, a suggestion for a misspelt
** command, and validate over several files (issue 14's terminal list). */
START_TEST(test_command_help_version_and_suggestions){
  ck_assert_int_eq(sh("%s validate --help > %s/h.out 2>&1", bin(), zDir), 0);
  ck_assert_int_eq(sh("grep -q '^  tenantsim validate FILE...' %s/h.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'tenantsim run' %s/h.out", zDir), 1);      /* that command only */
  ck_assert_int_eq(sh("%s run scenarios/group-sync.json --help > %s/h2.out 2>&1", bin(), zDir), 0);
  ck_assert_int_eq(sh("grep -q '^  tenantsim run ' %s/h2.out", zDir), 0);
  ck_assert_int_eq(sh("%s -V | grep -q '^tenantsim [0-9]'", bin()), 0);
  ck_assert_int_eq(sh("%s version | grep -q '^tenantsim [0-9]'", bin()), 0);
  ck_assert_int_eq(sh("%s rn x.json > /dev/null 2> %s/e.out", bin(), zDir), 2);
  ck_assert_int_eq(sh("grep -q 'unknown command rn; did you mean run?' %s/e.out", zDir), 0);
  ck_assert_int_eq(sh("%s frobnicate 2> %s/e2.out", bin(), zDir), 2);
  ck_assert_int_eq(sh("grep -q 'did you mean' %s/e2.out", zDir), 1);
  /* several files: each reported, the worst status */
  ck_assert_int_eq(sh("printf '{\"name\": 1}' > %s/bad.json", zDir), 0);
  ck_assert_int_eq(sh("%s validate scenarios/group-sync.json %s/bad.json > %s/v.out 2>&1", bin(),
                      zDir, zDir), 2);
  ck_assert_int_eq(sh("grep -q 'group-sync.json: valid scenario' %s/v.out", zDir), 0);
  ck_assert_int_eq(sh("grep -q 'bad.json: ' %s/v.out", zDir), 0);
}
END_TEST

Suite *cli_e2e_suite(void){
  Suite *s = suite_create("cli_e2e");
  TCase *tc = tcase_create("binary");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_logs_command_exports_graph_and_monitor_shapes);
  tcase_add_test(tc, test_scratch_databases_go_under_tmpdir);
  tcase_add_test(tc, test_provision_on_demand_command_replays_the_run_and_provisions_one_user);
  tcase_add_test(tc, test_eval_command_prints_one_json_value);
  tcase_add_test(tc, test_command_help_version_and_suggestions);
  tcase_add_test(tc, test_same_seed_gives_identical_report_and_tables);
  tcase_add_test(tc, test_the_background_writer_writes_the_same_database_as_in_line);
  tcase_add_test(tc, test_creates_stored_compactly_read_the_same_as_in_full);
  tcase_add_test(tc, test_different_seed_changes_results);
  tcase_add_test(tc, test_report_command_reproduces_the_run_report);
  tcase_add_test(tc, test_invalid_scenario_exits_2_and_keeps_previous_database);
  tcase_add_test(tc, test_validate_accepts_shipped_scenarios_and_rejects_bad_ones);
  tcase_add_test(tc, test_command_line_usage_errors_exit_2);
  tcase_add_test(tc, test_test_command_checks_expectations_and_writes_tap_and_junit);
  tcase_add_test(tc, test_shipped_scenarios_meet_their_expectations);
  tcase_add_test(tc, test_plan_and_diff_show_exactly_the_changed_users_and_attributes);
  tcase_add_test(tc, test_every_shipped_scenario_reports_the_same_numbers_in_every_format);
  tcase_add_test(tc, test_html_md_and_csv_outputs_agree_with_the_json_report);
  tcase_add_test(tc, test_progress_line_only_on_a_terminal_and_not_with_quiet);
  tcase_add_test(tc, test_trust_command_reads_a_scenario_or_a_database_at_any_instant);
  tcase_add_test(tc, test_lint_command_exit_codes_rules_and_sarif);
  tcase_add_test(tc, test_lint_command_writes_markdown_and_html_pages);
  suite_add_tcase(s, tc);
  return s;
}
