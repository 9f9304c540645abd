/*
** test_params.c — the model parameters are defined once (engine/model/
** params.c): README's "Model parameters" table names the same parameters,
** in the same order, with the same defaults; every row of the table is a
** scenario key that is validated by its kind and sets its own field and
** no other.
**
** README.md is read from the repository root (where `make check` runs the
** suites); TS_README names another copy.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "params.h"
#include "scenario.h"
#include "strbuf.h"
#include "suites.h"
#include "test_util.h"
#include "tserr.h"

/* ------------------------------------------------------------ helpers */

/* README.md's text; the caller frees it with free(). */
static char *readme_text(void){
  const char *zFile = getenv("TS_README") ? getenv("TS_README") : "README.md";
  ck_assert_msg(access(zFile, R_OK)==0, "cannot open %s (run from the repository root or set"
                " TS_README)", zFile);
  return tu_slurp(zFile, NULL);
}

typedef struct Row { char zName[64]; char zDefault[64]; } Row;

/* The `name` | `default` cells of the table under "### Model parameters",
** in order, into a[] (at most nMax); returns the number of rows. */
static int readme_rows(const char *zReadme, Row *a, int nMax){
  const char *z = strstr(zReadme, "\n### Model parameters\n");
  int n = 0;
  ck_assert_msg(z!=NULL, "README.md has no \"### Model parameters\" section");
  z = strstr(z, "\n|");
  ck_assert_msg(z!=NULL, "README.md's Model parameters section has no table");
  for(z++; *z=='|'; z = strchr(z, '\n') ? strchr(z, '\n')+1 : z+strlen(z)){
    const char *zA, *zB, *zC, *zD;
    if( strncmp(z, "| `", 3)!=0 ) continue;     /* the header and the |---| line */
    zA = z+3;
    zB = strchr(zA, '`');
    zC = zB ? strstr(zB, "| `") : NULL;
    zD = zC ? strchr(zC+3, '`') : NULL;
    ck_assert_msg(zD!=NULL, "README.md: a Model parameters row is not | `name` | `default` | ...");
    ck_assert_int_lt(n, nMax);
    ck_assert_int_lt((int)(zB-zA), (int)sizeof(a[n].zName));
    ck_assert_int_lt((int)(zD-zC-3), (int)sizeof(a[n].zDefault));
    memcpy(a[n].zName, zA, (size_t)(zB-zA));
    a[n].zName[zB-zA] = 0;
    memcpy(a[n].zDefault, zC+3, (size_t)(zD-zC-3));
    a[n].zDefault[zD-zC-3] = 0;
    n++;
  }
  return n;
}

/* A valid scenario whose "parameters" object is zParams (JSON). */
static void scenario_with(char *zBuf, size_t nBuf, const char *zParams){
  int n = snprintf(zBuf, nBuf,
      "{\"name\": \"params\", \"start\": \"2026-01-05T09:00:00Z\", \"duration\": \"P1D\","
      " \"parameters\": %s,"
      " \"tenants\": [{\"key\": \"a\", \"domain\": \"a.com\"}, {\"key\": \"b\", \"domain\": \"b.com\"}],"
      " \"jobs\": [{\"key\": \"j\", \"source\": \"a\", \"target\": \"b\"}]}", zParams);
  ck_assert(n>0 && (size_t)n<nBuf);
}

/* A JSON value of e's kind that is valid and differs from the default. */
static void valid_value(const ParamInfo *e, char *z, size_t n){
  switch( e->eKind ){
    case PK_DURATION: snprintf(z, n, "\"P3DT7M\""); break;
    case PK_INT:      snprintf(z, n, "%.0f", e->rMin + 7); break;
    case PK_REAL:     snprintf(z, n, "%g", e->rMax); break;
    case PK_RANGE:    snprintf(z, n, "[%g, %g]", e->rMax/4, e->rMax/2); break;
    case PK_CHOICE: {
      const char *zBar = strchr(e->zChoices, '|');
      ck_assert_ptr_nonnull(zBar);
      /* the second word: a list may have more than two */
      snprintf(z, n, "\"%.*s\"", (int)strcspn(zBar+1, "|"), zBar+1);
      break;
    }
  }
}

/* A JSON value of e's kind that must be refused. */
static const char *invalid_value(const ParamInfo *e){
  switch( e->eKind ){
    case PK_DURATION: return "\"forty minutes\"";
    case PK_INT:      return "0.5";
    case PK_REAL:     return "\"high\"";
    case PK_RANGE:    return "[2, 1]";
    case PK_CHOICE:   return "\"sometimes\"";
  }
  return "null";
}

/* ------------------------------------------------------------- tests */

START_TEST(test_readme_table_lists_every_parameter_with_its_default_in_order){
  char *zReadme = readme_text();
  Row aRow[64];
  int nRow = readme_rows(zReadme, aRow, 64), n, i;
  const ParamInfo *a = params_table(&n);
  for(i=0; i<nRow && i<n; i++){
    ck_assert_msg(strcmp(aRow[i].zName, a[i].zName)==0,
        "README's Model parameters row %d is `%s`, the code's table has `%s`",
        i+1, aRow[i].zName, a[i].zName);
    ck_assert_msg(strcmp(aRow[i].zDefault, a[i].zDefault)==0,
        "README says `%s` defaults to `%s`, the code to `%s`",
        a[i].zName, aRow[i].zDefault, a[i].zDefault);
  }
  ck_assert_msg(nRow==n, "README's Model parameters table has %d rows, the code's %d (first"
      " extra: `%s`)", nRow, n, nRow>n ? aRow[n].zName : a[nRow].zName);
  free(zReadme);
}
END_TEST

START_TEST(test_defaults_are_the_documented_numbers){
  SimParams p;
  params_default(&p);
  ck_assert_int_eq(p.interval, 40*60);
  ck_assert_double_eq(p.rCreateMinMinutes, 0.01);
  ck_assert_double_eq(p.rCreateMaxMinutes, 0.08);
  ck_assert_double_eq(p.rMatchRatio, 0.5);
  ck_assert_double_eq(p.rSkipRatio, 0.05);
  ck_assert_int_eq(p.cycleOverhead, 60);
  ck_assert_int_eq(p.softDeleteRetention, 30*86400);
  ck_assert_int_eq(p.metricInterval, 5*60);
  ck_assert_int_eq(p.bEscrowBackoff, 0);
  ck_assert_int_eq(p.escrowLifetime, 28*86400);
  ck_assert_int_eq(p.nQuarMinFailures, 5000);
  ck_assert_double_eq(p.rQuarProportion, 0.40);
  ck_assert_int_eq(p.nQuarBase, 40000);
  ck_assert_int_eq(p.nQuarTotal, 60000);
  ck_assert_int_eq(p.quarMaxInterval, 86400);
  ck_assert_int_eq(p.quarDisableAfter, 28*86400);
  ck_assert_int_eq(p.notificationDelay, 3600);
  ck_assert_int_eq(p.bDeleteThresholdMet, 0);
}
END_TEST

START_TEST(test_names_are_unique_and_found_by_name){
  int n, i, k;
  const ParamInfo *a = params_table(&n);
  ck_assert_int_gt(n, 0);
  for(i=0; i<n; i++){
    ck_assert_ptr_eq(params_find(a[i].zName), &a[i]);
    for(k=0; k<i; k++) ck_assert_str_ne(a[k].zName, a[i].zName);
  }
  ck_assert_ptr_null(params_find("Interval"));
  ck_assert_ptr_null(params_find(NULL));
}
END_TEST

START_TEST(test_choices_are_words_of_the_list){
  const ParamInfo *e = params_find("escrowRetry");
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(params_choice(e, "nextCycle"), 0);
  ck_assert_int_eq(params_choice(e, "backoff"), 1);
  ck_assert_int_eq(params_choice(e, "back"), -1);
  ck_assert_int_eq(params_choice(e, "backoffs"), -1);
  ck_assert_int_eq(params_choice(e, ""), -1);
}
END_TEST

/* Each row, set to a valid value, changes its own field(s) and no other. */
START_TEST(test_each_parameter_sets_only_its_own_field){
  int n, i;
  const ParamInfo *a = params_table(&n);
  SimParams def;
  params_default(&def);
  for(i=0; i<n; i++){
    char zVal[64], zParams[160], zScn[1024];
    Scenario *s = NULL;
    StrBuf errs;
    TsErr err;
    const unsigned char *pA, *pB;
    size_t k, nDiff = 0;
    valid_value(&a[i], zVal, sizeof(zVal));
    snprintf(zParams, sizeof(zParams), "{\"%s\": %s}", a[i].zName, zVal);
    scenario_with(zScn, sizeof(zScn), zParams);
    strbuf_init(&errs);
    tserr_clear(&err);
    ck_assert_msg(scenario_parse("p.json", zScn, &s, &errs, &err)==TS_OK,
                  "%s = %s refused: %s", a[i].zName, zVal, strbuf_str(&errs));
    pA = (const unsigned char*)&def;
    pB = (const unsigned char*)&s->params;
    for(k=0; k<sizeof(SimParams); k++){
      size_t w = a[i].eKind==PK_CHOICE ? sizeof(int) : 8;
      int bOwn = (k>=a[i].iField && k<a[i].iField+w)
              || (a[i].eKind==PK_RANGE && k>=a[i].iField2 && k<a[i].iField2+w);
      if( pA[k]!=pB[k] ){
        ck_assert_msg(bOwn, "%s = %s changed byte %zu of SimParams, outside its field",
                      a[i].zName, zVal, k);
        nDiff++;
      }
    }
    ck_assert_msg(nDiff>0, "%s = %s did not change its field", a[i].zName, zVal);
    scenario_free(s);
    strbuf_free(&errs);
  }
}
END_TEST

/* Each row refuses a value of the wrong shape, naming the parameter. */
START_TEST(test_each_parameter_refuses_a_bad_value_by_name){
  int n, i;
  const ParamInfo *a = params_table(&n);
  for(i=0; i<n; i++){
    char zParams[160], zScn[1024], zWhere[96];
    Scenario *s = NULL;
    StrBuf errs;
    TsErr err;
    snprintf(zParams, sizeof(zParams), "{\"%s\": %s}", a[i].zName, invalid_value(&a[i]));
    scenario_with(zScn, sizeof(zScn), zParams);
    strbuf_init(&errs);
    tserr_clear(&err);
    ck_assert_msg(scenario_parse("p.json", zScn, &s, &errs, &err)==TS_ERR,
                  "%s = %s accepted", a[i].zName, invalid_value(&a[i]));
    ck_assert_ptr_null(s);
    snprintf(zWhere, sizeof(zWhere), "p.json: parameters.%s: ", a[i].zName);
    ck_assert_msg(strstr(strbuf_str(&errs), zWhere)!=NULL,
                  "no \"%s...\" message for %s: %s", zWhere, invalid_value(&a[i]),
                  strbuf_str(&errs));
    strbuf_free(&errs);
  }
}
END_TEST

START_TEST(test_an_unknown_parameter_suggests_the_close_one){
  char zScn[1024];
  Scenario *s = NULL;
  StrBuf errs;
  TsErr err;
  scenario_with(zScn, sizeof(zScn), "{\"quarantineMinFailure\": 10}");
  strbuf_init(&errs);
  tserr_clear(&err);
  ck_assert_int_eq(scenario_parse("p.json", zScn, &s, &errs, &err), TS_ERR);
  ck_assert_ptr_nonnull(strstr(strbuf_str(&errs),
      "parameters.quarantineMinFailure: unknown key \"quarantineMinFailure\""
      " (did you mean \"quarantineMinFailures\"?)"));
  strbuf_free(&errs);
}
END_TEST

Suite *params_suite(void){
  Suite *s = suite_create("params");
  TCase *tc = tcase_create("table");
  tcase_add_test(tc, test_readme_table_lists_every_parameter_with_its_default_in_order);
  tcase_add_test(tc, test_defaults_are_the_documented_numbers);
  tcase_add_test(tc, test_names_are_unique_and_found_by_name);
  tcase_add_test(tc, test_choices_are_words_of_the_list);
  suite_add_tcase(s, tc);
  tc = tcase_create("scenario");
  tcase_add_test(tc, test_each_parameter_sets_only_its_own_field);
  tcase_add_test(tc, test_each_parameter_refuses_a_bad_value_by_name);
  tcase_add_test(tc, test_an_unknown_parameter_suggests_the_close_one);
  suite_add_tcase(s, tc);
  return s;
}
