/*
** test_scenario.c — the specification of sim/scenario/: what a scenario
** script may contain, what a valid one loads as, and how every malformed
** one is refused with a message naming the file and the place (a JSON
** path, or LINE:COLUMN for a JSON syntax error).
**
** The malformed scenarios live in tests/fixtures/bad/, one problem each;
** tests/fixtures/bad/EXPECTED lists them with where and what the message
** must say, so adding a fixture means adding a line there. TS_FIXTURES
** names another fixtures folder (the default assumes the tests run from
** the repository root).
**
** Inline scenarios are written with ' in place of " so that they read like
** the JSON they stand for; scn() swaps the quotes back.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "scenario.h"
#include "strbuf.h"
#include "suites.h"
#include "tserr.h"
#include "world.h"
#include "scenario_fixture.h"

/* 2026-01-05T09:00:00Z, the start of every inline scenario. */
#define START_EPOCH 1767603600

/* ------------------------------------------------------------ helpers */

/* Two tenants, a group, two users, three generated users p1..p3 and one
** job: a valid scenario once the start and duration are added. */
#define TENANTS_AND_JOB \
  "'tenants': [" \
  "  {'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'eng'}]," \
  "   'users': [{'key': 'alice', 'groups': ['eng']}, {'key': 'bob'}]," \
  "   'populations': [{'count': 3, 'keyPrefix': 'p'}]}," \
  "  {'key': 'fabrikam', 'domain': 'fabrikam.com'}]," \
  "'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]"

/* A valid scenario "spec" starting 2026-01-05T09:00:00Z and lasting P3D,
** with zMore (more top-level members, or NULL) added. Static buffer. */
static const char *scenarioWith(const char *zMore){
  static char zBuf[16384];
  int n = snprintf(zBuf, sizeof(zBuf),
      "{'name': 'spec', 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D', "
      TENANTS_AND_JOB "%s%s}", zMore ? ", " : "", zMore ? zMore : "");
  ck_assert_msg(n>0 && (size_t)n<sizeof(zBuf), "inline scenario too long for the test buffer");
  return scn(zBuf);
}

/* A valid scenario whose timeline is the JSON array zTimeline. */
static const char *timelineOf(const char *zTimeline){
  static char zBuf[8192];
  snprintf(zBuf, sizeof(zBuf), "'timeline': %s", zTimeline);
  return scenarioWith(zBuf);
}

static int countLines(const char *z){
  int n = 0;
  for(; *z; z++) if( *z=='\n' ) n++;
  return n;
}

/* --------------------------------------------- the fixtures in bad/ */

typedef struct Expected {
  char zFile[128];     /* file name in the bad/ folder */
  char zWhere[256];    /* JSON path, or LINE:COLUMN */
  char zWhat[512];     /* part of the message */
} Expected;

static Expected aExpected[256];

static const char *badDir(void){
  static char zDir[1024];
  const char *zRoot = getenv("TS_FIXTURES");
  snprintf(zDir, sizeof(zDir), "%s/bad", zRoot && zRoot[0] ? zRoot : "tests/fixtures");
  return zDir;
}

/* Read bad/EXPECTED into aExpected: one fixture per line, three fields
** separated by tabs; blank lines and lines starting with # are comments.
** Returns the number of fixtures. */
static int loadExpected(void){
  char zPath[1100], zLine[1024];
  FILE *f;
  int n = 0, iLine = 0;
  snprintf(zPath, sizeof(zPath), "%s/EXPECTED", badDir());
  f = fopen(zPath, "r");
  ck_assert_msg(f!=NULL, "cannot open %s (set TS_FIXTURES or run from the repository root)", zPath);
  while( fgets(zLine, sizeof(zLine), f) ){
    char *zFile, *zWhere, *zWhat, *zTab;
    size_t k = strlen(zLine);
    iLine++;
    ck_assert_msg(k+1<sizeof(zLine) || zLine[k-1]=='\n', "%s:%d: line too long", zPath, iLine);
    while( k>0 && (zLine[k-1]=='\n' || zLine[k-1]=='\r') ) zLine[--k] = 0;
    if( zLine[0]==0 || zLine[0]=='#' ) continue;
    zFile = zLine;
    zTab = strchr(zFile, '\t');
    ck_assert_msg(zTab!=NULL, "%s:%d: expected FILE<TAB>WHERE<TAB>MESSAGE", zPath, iLine);
    *zTab = 0;
    zWhere = zTab+1;
    zTab = strchr(zWhere, '\t');
    ck_assert_msg(zTab!=NULL, "%s:%d: expected FILE<TAB>WHERE<TAB>MESSAGE", zPath, iLine);
    *zTab = 0;
    zWhat = zTab+1;
    ck_assert_msg(strchr(zWhat, '\t')==NULL, "%s:%d: more than three fields", zPath, iLine);
    ck_assert_msg(zFile[0] && zWhere[0] && zWhat[0], "%s:%d: empty field", zPath, iLine);
    ck_assert_msg(n<(int)(sizeof(aExpected)/sizeof(aExpected[0])), "%s: too many fixtures", zPath);
    ck_assert_msg(strlen(zFile)<sizeof(aExpected[n].zFile) && strlen(zWhere)<sizeof(aExpected[n].zWhere)
                  && strlen(zWhat)<sizeof(aExpected[n].zWhat), "%s:%d: field too long", zPath, iLine);
    strcpy(aExpected[n].zFile, zFile);
    strcpy(aExpected[n].zWhere, zWhere);
    strcpy(aExpected[n].zWhat, zWhat);
    n++;
  }
  fclose(f);
  ck_assert_msg(n>0, "%s lists no fixture", zPath);
  return n;
}

/* Is z of the form LINE:COLUMN? */
static int isLineColumn(const char *z){
  int nColon = 0;
  if( !isdigit((unsigned char)z[0]) ) return 0;
  for(; *z; z++){
    if( *z==':' ) nColon++;
    else if( !isdigit((unsigned char)*z) ) return 0;
  }
  return nColon==1 && z[-1]!=':';
}

/* Load fixture e, which must be refused; return its messages in pErrs
** (initialised by the caller) and the fixture's path in zPath[nPath]. */
static void loadFixture(const Expected *e, StrBuf *pErrs, char *zPath, size_t nPath){
  Scenario *p = NULL;
  TsErr err;
  int rc;
  tserr_clear(&err);
  snprintf(zPath, nPath, "%s/%s", badDir(), e->zFile);
  rc = scenario_load(zPath, &p, pErrs, &err);
  ck_assert_msg(rc==TS_ERR, "%s should be refused as invalid (rc %d, expected %d): %s",
                zPath, rc, TS_ERR, err.zMsg);
  ck_assert_msg(p==NULL, "%s: a refused scenario must not be handed out", zPath);
  ck_assert_msg(pErrs->n>0, "%s: refused without a message", zPath);
}

START_TEST(test_every_bad_fixture_is_refused_naming_the_place_and_the_problem){
  int n = loadExpected(), i;
  for(i=0; i<n; i++){
    const Expected *e = &aExpected[i];
    StrBuf errs;
    char zPath[1300], zPrefix[1600];
    strbuf_init(&errs);
    loadFixture(e, &errs, zPath, sizeof(zPath));
    /* FILE:LINE:COLUMN for syntax, "FILE: PATH: " for everything else */
    snprintf(zPrefix, sizeof(zPrefix), "%s%s%s: ", zPath,
             isLineColumn(e->zWhere) ? ":" : ": ", e->zWhere);
    ck_assert_msg(hasMessage(strbuf_str(&errs), zPrefix, e->zWhat),
        "%s: expected a message \"%s...%s\", got:\n%s", e->zFile, zPrefix, e->zWhat,
        strbuf_str(&errs));
    strbuf_free(&errs);
  }
}
END_TEST

START_TEST(test_no_two_bad_fixtures_are_refused_with_the_same_first_message){
  static char azFirst[256][1024];
  int n = loadExpected(), i, j;
  for(i=0; i<n; i++){
    StrBuf errs;
    char zPath[1300];
    const char *zMsg, *zEol;
    size_t k;
    strbuf_init(&errs);
    loadFixture(&aExpected[i], &errs, zPath, sizeof(zPath));
    /* the first line, without the file name (which always differs) */
    zMsg = strbuf_str(&errs);
    ck_assert_msg(strncmp(zMsg, zPath, strlen(zPath))==0,
                  "%s: message does not start with the file name: %s", zPath, zMsg);
    zMsg += strlen(zPath);
    zEol = strchr(zMsg, '\n');
    k = zEol ? (size_t)(zEol - zMsg) : strlen(zMsg);
    if( k>=sizeof(azFirst[i]) ) k = sizeof(azFirst[i])-1;
    memcpy(azFirst[i], zMsg, k);
    azFirst[i][k] = 0;
    strbuf_free(&errs);
  }
  for(i=0; i<n; i++){
    for(j=0; j<i; j++){
      ck_assert_msg(strcmp(azFirst[i], azFirst[j])!=0,
          "%s and %s are refused with the same message \"%s\": one of them tests nothing new",
          aExpected[j].zFile, aExpected[i].zFile, azFirst[i]);
    }
  }
}
END_TEST

START_TEST(test_every_bad_fixture_is_listed_once_in_EXPECTED){
  int n = loadExpected(), i, j, nJson = 0;
  DIR *d;
  struct dirent *pEnt;
  char zUnlisted[256] = "";
  for(i=0; i<n; i++){
    for(j=0; j<i; j++){
      ck_assert_msg(strcmp(aExpected[i].zFile, aExpected[j].zFile)!=0,
                    "%s is listed twice in EXPECTED", aExpected[i].zFile);
    }
  }
  d = opendir(badDir());
  ck_assert_msg(d!=NULL, "cannot open the folder %s", badDir());
  while( (pEnt = readdir(d))!=NULL ){
    size_t k = strlen(pEnt->d_name);
    if( k<5 || strcmp(pEnt->d_name+k-5, ".json")!=0 ) continue;
    nJson++;
    for(i=0; i<n; i++) if( strcmp(aExpected[i].zFile, pEnt->d_name)==0 ) break;
    if( i==n && zUnlisted[0]==0 ) snprintf(zUnlisted, sizeof(zUnlisted), "%s", pEnt->d_name);
  }
  closedir(d);
  ck_assert_msg(zUnlisted[0]==0, "%s/%s is not listed in EXPECTED, so nothing checks it",
                badDir(), zUnlisted);
  /* and every line of EXPECTED names a file that is there */
  ck_assert_int_eq(nJson, n);
}
END_TEST

/* ---------------------------------------------------- valid scenarios */

START_TEST(test_valid_scenario_loads_with_its_seed_start_duration_and_actions){
  Scenario *p = parseOk(scn(
    "{'name': 'minimal', 'seed': 42, 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D',"
    TENANTS_AND_JOB ","
    " 'timeline': ["
    "   {'at': 'PT5H', 'action': 'disable', 'tenant': 'contoso', 'users': ['alice']},"
    "   {'at': 'P1D', 'action': 'unassign', 'job': 'c2f', 'users': ['bob']},"
    "   {'at': 'P2D', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]}]}"));
  ck_assert_str_eq(p->zName, "minimal");
  ck_assert_str_eq(p->zFile, INLINE_FILE);
  ck_assert_uint_eq(p->seed, 42);
  ck_assert_int_eq(p->tStartEpoch, START_EPOCH);
  ck_assert_int_eq(p->duration, 3*SIMTIME_DAY);
  ck_assert_int_eq(p->nAction, 3);
  ck_assert_int_eq(p->aAction[0].t, 5*SIMTIME_HOUR);
  ck_assert_int_eq(p->aAction[1].t, SIMTIME_DAY);
  ck_assert_int_eq(p->aAction[2].t, 2*SIMTIME_DAY);
  scenario_free(p);
}
END_TEST

START_TEST(test_timeline_runs_in_time_order_with_ties_in_file_order){
  static const struct { SimTime t; int iIndex; } aWant[] = {
    { 0, 4 }, { SIMTIME_HOUR, 1 }, { SIMTIME_HOUR, 3 }, { SIMTIME_DAY, 0 }, { SIMTIME_DAY, 2 },
  };
  Scenario *p = parseOk(timelineOf(
    "[{'at': 'P1D',  'action': 'disable', 'tenant': 'contoso', 'users': ['alice']},"
    " {'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'users': ['bob']},"
    " {'at': 'P1D',  'action': 'enable',  'tenant': 'contoso', 'users': ['alice']},"
    " {'at': 'PT1H', 'action': 'enable',  'tenant': 'contoso', 'users': ['bob']},"
    " {'at': 'PT0S', 'action': 'disable', 'tenant': 'contoso', 'users': ['p1']}]"));
  const cJSON *pTimeline = cJSON_GetObjectItemCaseSensitive(p->pRoot, "timeline");
  int i;
  ck_assert_int_eq(p->nAction, 5);
  for(i=0; i<5; i++){
    ck_assert_int_eq(p->aAction[i].t, aWant[i].t);
    ck_assert_int_eq(p->aAction[i].iIndex, aWant[i].iIndex);
    ck_assert_ptr_eq(p->aAction[i].pJson, cJSON_GetArrayItem(pTimeline, aWant[i].iIndex));
  }
  scenario_free(p);
}
END_TEST

START_TEST(test_seed_defaults_to_1){
  Scenario *p = parseOk(scenarioWith(NULL));
  ck_assert_uint_eq(p->seed, 1);
  ck_assert_int_eq(p->nAction, 0);
  scenario_free(p);
}
END_TEST

START_TEST(test_parameters_override_only_the_defaults_they_name){
  SimParams def;
  Scenario *p = parseOk(scenarioWith("'parameters': {'interval': 'PT20M'}"));
  params_default(&def);
  ck_assert_int_eq(p->params.interval, 20*SIMTIME_MINUTE);
  ck_assert_int_ne(def.interval, 20*SIMTIME_MINUTE);
  ck_assert_int_eq(p->params.cycleOverhead, def.cycleOverhead);
  ck_assert_int_eq(p->params.softDeleteRetention, def.softDeleteRetention);
  ck_assert_int_eq(p->params.metricInterval, def.metricInterval);
  ck_assert_double_eq(p->params.rCreateMinMinutes, def.rCreateMinMinutes);
  ck_assert_double_eq(p->params.rCreateMaxMinutes, def.rCreateMaxMinutes);
  ck_assert_double_eq(p->params.rMatchRatio, def.rMatchRatio);
  ck_assert_double_eq(p->params.rSkipRatio, def.rSkipRatio);
  scenario_free(p);

  p = parseOk(scenarioWith(NULL));
  ck_assert_int_eq(p->params.interval, def.interval);
  scenario_free(p);
}
END_TEST

START_TEST(test_offset_and_absolute_instant_name_the_same_moment){
  SimTime tOffset = -1, tInstant = -2;
  char zWhy[160];
  Scenario *p = parseOk(timelineOf(
    "[{'at': 'P1DT2H', 'action': 'disable', 'tenant': 'contoso', 'users': ['alice']},"
    " {'at': '2026-01-06T11:00:00Z', 'action': 'enable', 'tenant': 'contoso', 'users': ['alice']}]"));
  ck_assert_int_eq(p->nAction, 2);
  ck_assert_int_eq(p->aAction[0].t, SIMTIME_DAY + 2*SIMTIME_HOUR);
  ck_assert_int_eq(p->aAction[1].t, p->aAction[0].t);
  ck_assert_int_eq(scenario_when(p, "P1DT2H", &tOffset, zWhy, sizeof(zWhy)), 0);
  ck_assert_int_eq(scenario_when(p, "2026-01-06T11:00:00Z", &tInstant, zWhy, sizeof(zWhy)), 0);
  ck_assert_int_eq(tOffset, tInstant);
  scenario_free(p);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_every_problem_is_reported_not_only_the_first){
  StrBuf errs;
  TsErr err;
  const char *zAll;
  strbuf_init(&errs);
  tserr_clear(&err);
  parseRejected(scenarioWith("'seed': 'seven', 'colour': 'blue'"), &errs, &err);
  zAll = strbuf_str(&errs);
  ck_assert_msg(countLines(zAll)==2, "expected two messages, got:\n%s", zAll);
  ck_assert_msg(hasMessage(zAll, INLINE_FILE ": seed: ", "expected an integer, found a string"), "%s", zAll);
  ck_assert_msg(hasMessage(zAll, INLINE_FILE ": colour: ", "unknown key \"colour\""), "%s", zAll);
  /* the error value carries the first of them */
  ck_assert_int_eq(err.rc, TS_ERR);
  ck_assert_msg(strncmp(zAll, err.zMsg, strlen(err.zMsg))==0 && zAll[strlen(err.zMsg)]=='\n',
                "first message \"%s\" is not the first line of:\n%s", err.zMsg, zAll);
  strbuf_free(&errs);
}
END_TEST

START_TEST(test_unknown_key_close_to_a_known_one_is_suggested){
  expectRejected(scenarioWith("'timelime': []"), "timelime",
                 "unknown key \"timelime\" (did you mean \"timeline\"?)");
  expectRejected(timelineOf("[{'at': 'PT1H', 'action': 'disabel', 'tenant': 'contoso', 'users': ['bob']}]"),
                 "timeline[0].action", "unknown action \"disabel\" (did you mean \"disable\"?)");
}
END_TEST

START_TEST(test_unknown_key_far_from_every_known_one_lists_the_keys_allowed){
  expectRejected(scenarioWith("'colour': 'blue'"), "colour",
                 "unknown key \"colour\"; expected one of: name, description, seed, start, duration,"
                 " parameters, tenants, policies, jobs, faults, timeline");
}
END_TEST

START_TEST(test_hired_user_is_known_to_later_actions_only){
  /* after the hire, and at the same instant but listed after it */
  Scenario *p = parseOk(timelineOf(
    "[{'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]},"
    " {'at': 'PT2H', 'action': 'disable', 'tenant': 'contoso', 'users': ['carol']},"
    " {'at': 'PT3H', 'action': 'add_member', 'tenant': 'contoso', 'group': 'eng', 'users': ['carol']}]"));
  scenario_free(p);
  /* before the hire, although listed after it */
  expectRejected(timelineOf(
    "[{'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]},"
    " {'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'users': ['carol']}]"),
    "timeline[1].users[0]", "no user \"carol\" in tenant contoso (at this point of the scenario)");
  /* at the same instant but listed before it */
  expectRejected(timelineOf(
    "[{'at': 'PT2H', 'action': 'disable', 'tenant': 'contoso', 'users': ['carol']},"
    " {'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]}]"),
    "timeline[0].users[0]", "no user \"carol\" in tenant contoso");
  /* in another tenant */
  expectRejected(timelineOf(
    "[{'at': 'PT2H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]},"
    " {'at': 'PT3H', 'action': 'disable', 'tenant': 'fabrikam', 'users': ['carol']}]"),
    "timeline[1].users[0]", "no user \"carol\" in tenant fabrikam");
}
END_TEST

/* Disable user zKey of contoso at PT1H: valid exactly when the key exists. */
static const char *disableUser(const char *zKey){
  static char zBuf[256];
  snprintf(zBuf, sizeof(zBuf),
           "[{'at': 'PT1H', 'action': 'disable', 'tenant': 'contoso', 'users': ['%s']}]", zKey);
  return timelineOf(zBuf);
}

START_TEST(test_population_of_n_creates_keys_prefix1_to_prefixN){
  static const char *azKnown[] = { "p1", "p2", "p3" };
  static const char *azUnknown[] = { "p4", "p0", "p01", "p", "p1x", "P1", "q1" };
  size_t i;
  for(i=0; i<sizeof(azKnown)/sizeof(azKnown[0]); i++){
    scenario_free(parseOk(disableUser(azKnown[i])));
  }
  for(i=0; i<sizeof(azUnknown)/sizeof(azUnknown[0]); i++){
    char zWhat[64];
    snprintf(zWhat, sizeof(zWhat), "no user \"%s\" in tenant contoso", azUnknown[i]);
    expectRejected(disableUser(azUnknown[i]), "timeline[0].users[0]", zWhat);
  }
}
END_TEST

START_TEST(test_json_syntax_error_names_line_and_column){
  StrBuf errs;
  TsErr err;
  /* the comma missing after "x" is noticed at the quote opening "seed" */
  strbuf_init(&errs);
  tserr_clear(&err);
  parseRejected("{\n  \"name\": \"x\"\n  \"seed\": 7\n}\n", &errs, &err);
  ck_assert_str_eq(strbuf_str(&errs), INLINE_FILE ":3:3: invalid JSON near this position\n");
  ck_assert_str_eq(err.zMsg, INLINE_FILE ":3:3: invalid JSON near this position");
  strbuf_free(&errs);

  /* columns count from 1 after the last newline */
  strbuf_init(&errs);
  parseRejected("{\"name\": \"x\",\n\n    \"seed\": 7 8}", &errs, &err);
  ck_assert_str_eq(strbuf_str(&errs), INLINE_FILE ":3:15: invalid JSON near this position\n");
  strbuf_free(&errs);

  strbuf_init(&errs);
  parseRejected("", &errs, &err);
  ck_assert_str_eq(strbuf_str(&errs), INLINE_FILE ":1:1: invalid JSON (the file is empty)\n");
  strbuf_free(&errs);
}
END_TEST

/* A missing input is the user's to fix, like an invalid one: TS_ERR, so
** that the command line exits 2 (README's exit statuses). */
START_TEST(test_missing_file_is_invalid_input_naming_the_file){
  Scenario *p = NULL;
  StrBuf errs;
  TsErr err;
  char zPath[1100];
  int rc;
  strbuf_init(&errs);
  tserr_clear(&err);
  snprintf(zPath, sizeof(zPath), "%s/no-such-file.json", badDir());
  rc = scenario_load(zPath, &p, &errs, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_msg(strncmp(err.zMsg, zPath, strlen(zPath))==0 && strstr(err.zMsg, "cannot open"),
                "got \"%s\"", err.zMsg);
  strbuf_free(&errs);
}
END_TEST


/* A folder where a file is expected says so, not "read error". */
START_TEST(test_directory_is_invalid_input_naming_the_file){
  Scenario *p = NULL;
  StrBuf errs;
  TsErr err;
  int rc;
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_load(badDir(), &p, &errs, &err);
  ck_assert_int_eq(rc, TS_ERR);
  ck_assert_ptr_null(p);
  ck_assert_msg(strstr(err.zMsg, " is a directory, expected a JSON file")!=NULL, "got \"%s\"",
                err.zMsg);
  strbuf_free(&errs);
}
END_TEST
/* cJSON is hooked to mem.h as the command line does, so failures inside
** the JSON parser are exercised too (and must not be taken for bad JSON). */
START_TEST(test_failed_allocation_is_reported_as_out_of_memory_at_every_point){
  const char *zText = timelineOf(
    "[{'at': 'PT1H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]},"
    " {'at': 'PT2H', 'action': 'hire', 'tenant': 'fabrikam',"
    "  'population': {'count': 5, 'keyPrefix': 'f'}},"
    " {'at': 'PT3H', 'action': 'disable', 'tenant': 'fabrikam', 'users': ['f5']}]");
  long iFail;
  scenario_free(loadFailingEachAllocation(NULL, zText, &iFail));
  ck_assert_int_gt(iFail, 2);
}
END_TEST

START_TEST(test_b2b_user_may_name_a_home_user_of_a_later_tenant){
  Scenario *p = parseOk(scn(
    "{'name': 'order', 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D',"
    " 'tenants': [{'key': 'fabrikam', 'domain': 'fabrikam.com',"
    "              'users': [{'key': 'alice-ext', 'homeUser': 'contoso:alice'}]},"
    "             {'key': 'contoso', 'domain': 'contoso.com', 'users': [{'key': 'alice'}]}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}"));
  ck_assert_str_eq(p->zName, "order");
  scenario_free(p);
}
END_TEST

/* ------------------------------------------------------ action table */

START_TEST(test_every_action_name_resolves_to_its_row){
  static const char *const azName[] = {
    "hire", "terminate", "restore", "disable", "enable", "update", "move", "assign",
    "unassign", "add_member", "remove_member", "set_policy", "start_job", "pause_job",
    "restart_job", "target_update", "set_mapping", "set_filters", "allow_deletes",
    "set_tenant", "target_leave", "provision_on_demand", "add_partner", "remove_partner",
    "create_job", "delete_job", "target_delete", "set_secrets",
    "assign_role", "register_mfa", "sign_in",
    "lifecycle_workflow", "access_review", "target_restore", "mto_join"
  };
  int i, n = (int)(sizeof(azName)/sizeof(azName[0]));
  ck_assert_int_eq(n, SCN_ACTION_COUNT);
  for(i=0; i<n; i++){
    int k = scn_actions_find(azName[i]);
    ck_assert_msg(k==i, "action \"%s\" resolves to %d, not %d", azName[i], k, i);
    ck_assert_str_eq(scn_actions_name(k), azName[i]);
  }
  ck_assert_int_eq(scn_actions_find(azName[SCN_SET_MAPPING]), SCN_SET_MAPPING);
  ck_assert_int_eq(scn_actions_find("hir"), -1);
  ck_assert_int_eq(scn_actions_find("Hire"), -1);
  ck_assert_int_eq(scn_actions_find(""), -1);
  ck_assert_int_eq(scn_actions_find(NULL), -1);
}
END_TEST

START_TEST(test_parsed_action_carries_its_kind){
  Scenario *p = parseOk(timelineOf(
    "[{'at': 'P1D',  'action': 'disable', 'tenant': 'contoso', 'users': ['alice']},"
    " {'at': 'PT1H', 'action': 'unassign', 'job': 'c2f', 'users': ['bob']},"
    " {'at': 'PT2H', 'action': 'start_job', 'job': 'c2f'}]"));
  ck_assert_int_eq(p->nAction, 3);
  ck_assert_int_eq(p->aAction[0].eKind, SCN_UNASSIGN);
  ck_assert_int_eq(p->aAction[1].eKind, SCN_START_JOB);
  ck_assert_int_eq(p->aAction[2].eKind, SCN_DISABLE);
  scenario_free(p);
}
END_TEST

START_TEST(test_unknown_action_far_from_every_name_lists_the_table){
  expectRejected(timelineOf("[{'at': 'PT1H', 'action': 'frobnicate', 'tenant': 'contoso'}]"),
                 "timeline[0].action", "unknown action \"frobnicate\"; expected one of: hire,"
                 " terminate, restore, disable, enable, update, move, assign, unassign,"
                 " add_member, remove_member, set_policy, start_job, pause_job, restart_job,"
                 " target_update, set_mapping, set_filters, allow_deletes, set_tenant,"
                 " target_leave, provision_on_demand, add_partner, remove_partner,"
                 " create_job, delete_job, target_delete, set_secrets");
}
END_TEST

/* ---------------------------------------------------------------- oom */

/* A rich scenario (every section, populations, mappings, filters, faults,
** expectations) loaded with each allocation failing in turn: out of memory
** every time, nothing leaked (the asan build checks), then success. */
START_TEST(test_rich_scenario_load_survives_every_failed_allocation){
  long n;
  Scenario *p = loadFailingEachAllocation("scenarios/ma-onboarding.json", NULL, &n);
  ck_assert_int_gt(p->nAction, 20);
  ck_assert_str_eq(p->zName, "ma-onboarding");
  scenario_free(p);
  ck_assert_int_gt(n, 100);
}
END_TEST

/* ---------------------------------------------------- metric checks */

START_TEST(test_metric_expectation_is_checked_against_the_report){
  static const char zReport[] =
    "{\"orphans\": {\"count\": 3, \"by_reason\": {\"job_paused\": 2}},"
    " \"convergence\": {\"latency_seconds\": {\"p95\": 7200}, \"censored\": {\"p95\": false},"
    "   \"drift\": {\"final\": 0}},"
    " \"jobs\": [{\"job\": \"c2f\", \"status\": \"Paused\"}]}";
  cJSON *pDoc = cJSON_Parse(zReport);
  char zActual[300];
  int bPass = -1;
  ck_assert_ptr_nonnull(pDoc);
  ck_assert_int_eq(scn_expect_metric(pDoc, "orphans.count == 3", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 1);
  ck_assert_str_eq(zActual, "3");
  ck_assert_int_eq(scn_expect_metric(pDoc, "orphans.count < 3", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 0);
  ck_assert_int_eq(scn_expect_metric(pDoc, "orphans.by_reason.deleted == 0", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 1);
  ck_assert_str_eq(zActual, "0");
  ck_assert_int_eq(scn_expect_metric(pDoc, "convergence.p95 <= PT2H", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 1);
  ck_assert_int_eq(scn_expect_metric(pDoc, "drift.final == 0", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 1);
  ck_assert_int_eq(scn_expect_metric(pDoc, "jobs.c2f.status == Paused", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 1);
  ck_assert_str_eq(zActual, "Paused");
  ck_assert_int_eq(scn_expect_metric(pDoc, "nothing.here == 1", zActual, sizeof(zActual), &bPass), 0);
  ck_assert_int_eq(bPass, 0);
  ck_assert_str_eq(zActual, "(no such metric in the report)");
  bPass = -1;
  ck_assert_int_eq(scn_expect_metric(pDoc, "orphans.count", zActual, sizeof(zActual), &bPass), -1);
  ck_assert_int_eq(bPass, -1);
  cJSON_Delete(pDoc);
}
END_TEST

Suite *scenario_suite(void){
  Suite *s = suite_create("scenario");
  TCase *tcFixtures = tcase_create("bad fixtures");
  TCase *tcValid = tcase_create("valid");
  TCase *tcErrors = tcase_create("errors");
  TCase *tcActions = tcase_create("actions");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcFixtures, test_every_bad_fixture_is_refused_naming_the_place_and_the_problem);
  tcase_add_test(tcFixtures, test_no_two_bad_fixtures_are_refused_with_the_same_first_message);
  tcase_add_test(tcFixtures, test_every_bad_fixture_is_listed_once_in_EXPECTED);
  suite_add_tcase(s, tcFixtures);

  tcase_add_test(tcValid, test_valid_scenario_loads_with_its_seed_start_duration_and_actions);
  tcase_add_test(tcValid, test_timeline_runs_in_time_order_with_ties_in_file_order);
  tcase_add_test(tcValid, test_seed_defaults_to_1);
  tcase_add_test(tcValid, test_parameters_override_only_the_defaults_they_name);
  tcase_add_test(tcValid, test_offset_and_absolute_instant_name_the_same_moment);
  tcase_add_test(tcValid, test_hired_user_is_known_to_later_actions_only);
  tcase_add_test(tcValid, test_population_of_n_creates_keys_prefix1_to_prefixN);
  tcase_add_test(tcValid, test_b2b_user_may_name_a_home_user_of_a_later_tenant);
  suite_add_tcase(s, tcValid);

  tcase_add_test(tcErrors, test_every_problem_is_reported_not_only_the_first);
  tcase_add_test(tcErrors, test_unknown_key_close_to_a_known_one_is_suggested);
  tcase_add_test(tcErrors, test_unknown_key_far_from_every_known_one_lists_the_keys_allowed);
  tcase_add_test(tcErrors, test_json_syntax_error_names_line_and_column);
  tcase_add_test(tcErrors, test_missing_file_is_invalid_input_naming_the_file);
  tcase_add_test(tcErrors, test_directory_is_invalid_input_naming_the_file);
  tcase_add_test(tcErrors, test_failed_allocation_is_reported_as_out_of_memory_at_every_point);
  suite_add_tcase(s, tcErrors);

  tcase_add_test(tcActions, test_every_action_name_resolves_to_its_row);
  tcase_add_test(tcActions, test_parsed_action_carries_its_kind);
  tcase_add_test(tcActions, test_unknown_action_far_from_every_name_lists_the_table);
  tcase_add_test(tcActions, test_metric_expectation_is_checked_against_the_report);
  suite_add_tcase(s, tcActions);

  tcase_set_timeout(tcOom, 600);
  tcase_add_test(tcOom, test_rich_scenario_load_survives_every_failed_allocation);
  suite_add_tcase(s, tcOom);
  return s;
}
