/*
** test_diff.c — reports/diff.c: comparing the end states of two runs, and
** escaping of hostile strings in the diff's JSON and page and in the JSON
** report.
**
** Each test runs a small scenario twice (scenario_parse + runner_run) into
** databases in /tmp, with the mapping or the scoping filter changed, and
** compares them with diff_build(). Source users:
**   ann (US, Sales), ben (GB, Sales), cat (GB, Legal), dan (DE, Sales), and
**   eve, whose display name is hostile: quotes, a backslash, a tab, a
**   newline, </script> and a control character.
** The mapping sets companyName from a Switch on country; the variants
** rename the GB company, filter out Legal, or upper-case displayName.
*/
#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "diff.h"
#include "report.h"
#include "runner.h"
#include "scenario.h"
#include "page_fixture.h"
#include "report_fixture.h"
#include "suites.h"

#define HOSTILE "Eve \"</script>\" \\ <b>\t\n\001"

static const char zHead[] =
  "{\"name\":\"diff-unit\",\"seed\":9,\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P1D\","
  "\"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"users\":["
  "{\"key\":\"ann\",\"country\":\"US\",\"department\":\"Sales\"},"
  "{\"key\":\"ben\",\"country\":\"GB\",\"department\":\"Sales\"},"
  "{\"key\":\"cat\",\"country\":\"GB\",\"department\":\"Legal\"},"
  "{\"key\":\"dan\",\"country\":\"DE\",\"department\":\"Sales\"},"
  "{\"key\":\"eve\",\"country\":\"US\",\"department\":\"Sales\","
  "\"displayName\":\"Eve \\\"</script>\\\" \\\\ <b>\\t\\n\\u0001\"}]},"
  "{\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"}],"
  "\"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\",\"automaticUserConsentSettings\":"
  "{\"inboundAllowed\":true},\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"contoso\","
  "\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
  "\"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\",\"scope\":\"all\",";

static const char zMapCurrent[] =
  "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
  "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso Ltd\\\")\"}]}";
static const char zMapGbRenamed[] =
  "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
  "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso UK\\\")\"}]}";
static const char zMapUpper[] =
  "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
  "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso Ltd\\\")\"},"
  "{\"target\":\"displayName\",\"type\":\"Expression\",\"expression\":\"ToUpper([displayName])\"}]}";
static const char zNoLegal[] =
  ",\"scopingFilters\":[{\"clauses\":[{\"attribute\":\"department\",\"operator\":\"NOT EQUALS\","
  "\"value\":\"Legal\"}]}]";

/* Run the scenario with job fields zJob (and zTail, e.g. a timeline) into
** a new database whose path goes to zDb[n]. */
static void run_into(char *zDb, size_t n, const char *zJob, const char *zTail){
  StrBuf text;
  strbuf_init(&text);
  strbuf_append(&text, zHead);
  strbuf_append(&text, zJob);
  strbuf_append(&text, "}]");
  strbuf_append(&text, zTail);
  strbuf_append(&text, "}");
  rfx_run("diff-unit", strbuf_str(&text), zDb, n);
  strbuf_free(&text);
}

/* The object id of the target user job c2f made from source user zKey. */
static char *target_id(const char *zDb, const char *zKey){
  sqlite3 *db;
  sqlite3_stmt *q;
  char *z = NULL;
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT tu.object_id FROM links l JOIN users su ON"
                   " su.id=l.source_user JOIN users tu ON tu.id=l.target_user WHERE su.key=?1",
                   -1, &q, NULL), SQLITE_OK);
  sqlite3_bind_text(q, 1, zKey, -1, SQLITE_STATIC);
  if( sqlite3_step(q)==SQLITE_ROW ) z = strdup((const char*)sqlite3_column_text(q, 0));
  sqlite3_finalize(q);
  sqlite3_close(db);
  ck_assert_ptr_nonnull(z);
  return z;
}

START_TEST(test_a_run_against_itself_is_empty){
  char zA[64], zB[64];
  Diff *p;
  char *z;
  run_into(zA, sizeof(zA), zMapCurrent, "");
  run_into(zB, sizeof(zB), zMapCurrent, "");
  p = rfx_diff(zA, zA);
  ck_assert_int_eq(p->nPairs, 5);
  ck_assert_int_eq(p->nUser, 0);
  ck_assert_int_eq(p->nAttrChanges, 0);
  diff_free(p);
  /* Two runs of the same scenario: same ids, same values — also empty. */
  p = rfx_diff(zA, zB);
  ck_assert_int_eq(p->nUser, 0);
  z = rfx_diff_written(p, diff_write_text);
  ck_assert_ptr_nonnull(strstr(z, "5 pairs compared, 0 users differ\n"));
  free(z);
  diff_free(p);
  unlink(zA);
  unlink(zB);
}
END_TEST

START_TEST(test_a_mapping_change_alters_exactly_the_known_users_and_attributes){
  char zA[64], zB[64];
  Diff *p;
  int i;
  run_into(zA, sizeof(zA), zMapCurrent, "");
  run_into(zB, sizeof(zB), zMapGbRenamed, "");
  p = rfx_diff(zA, zB);
  ck_assert_int_eq(p->nPairs, 5);
  ck_assert_int_eq(p->nUser, 2);
  ck_assert_int_eq(p->nAttrChanges, 2);
  ck_assert_int_eq(p->anKind[5], 2);              /* attributes */
  for(i=0; i<DIFF_NKIND; i++) if( i!=5 ) ck_assert_int_eq(p->anKind[i], 0);
  ck_assert_str_eq(p->aUser[0].zSourceUser, "ben");
  ck_assert_str_eq(p->aUser[1].zSourceUser, "cat");
  for(i=0; i<2; i++){
    ck_assert_uint_eq(p->aUser[i].mKind, DIFF_ATTRIBUTES);
    ck_assert_int_eq(p->aUser[i].nAttr, 1);
    ck_assert_str_eq(p->aUser[i].aAttr[0].zName, "companyName");
    ck_assert_str_eq(p->aUser[i].aAttr[0].zOld, "Contoso Ltd");
    ck_assert_str_eq(p->aUser[i].aAttr[0].zNew, "Contoso UK");
    ck_assert_str_eq(p->aUser[i].zTarget, "fabrikam");
    ck_assert_ptr_nonnull(p->aUser[i].zObjectId);
  }
  diff_free(p);
  /* The other way round: old and new swap. */
  p = rfx_diff(zB, zA);
  ck_assert_int_eq(p->nUser, 2);
  ck_assert_str_eq(p->aUser[0].aAttr[0].zOld, "Contoso UK");
  ck_assert_str_eq(p->aUser[0].aAttr[0].zNew, "Contoso Ltd");
  diff_free(p);
  unlink(zA);
  unlink(zB);
}
END_TEST

START_TEST(test_a_scoping_filter_puts_one_user_out_of_scope){
  char zA[64], zB[64], zC[64];
  Diff *p;
  char zJob[1024];
  run_into(zA, sizeof(zA), zMapCurrent, "");
  snprintf(zJob, sizeof(zJob), "%s%s", zMapCurrent, zNoLegal);
  run_into(zB, sizeof(zB), zJob, "");
  p = rfx_diff(zA, zB);
  ck_assert_int_eq(p->nUser, 1);
  ck_assert_str_eq(p->aUser[0].zSourceUser, "cat");
  ck_assert_uint_eq(p->aUser[0].mKind, DIFF_OUT_OF_SCOPE | DIFF_NOT_CREATED);
  ck_assert_str_eq(p->aUser[0].zStateA, "present");
  ck_assert_str_eq(p->aUser[0].zStateB, "never in scope");
  diff_free(p);
  {
    /* cat was not created in B, yet dan (created after cat) keeps his id:
    ** created objects are named by target and source, not by run order. */
    char *zIdA = target_id(zA, "dan"), *zIdB = target_id(zB, "dan");
    ck_assert_str_eq(zIdA, zIdB);
    free(zIdA);
    free(zIdB);
  }
  /* Reversed: cat is newly in scope and created. */
  p = rfx_diff(zB, zA);
  ck_assert_int_eq(p->nUser, 1);
  ck_assert_uint_eq(p->aUser[0].mKind, DIFF_IN_SCOPE | DIFF_CREATED);
  diff_free(p);
  /* The filter added mid-run: cat was created, then leaves scope and is
  ** soft-deleted (the job deletes out-of-scope users). */
  run_into(zC, sizeof(zC), zMapCurrent,
           ",\"timeline\":[{\"at\":\"PT6H\",\"action\":\"set_filters\",\"job\":\"c2f\","
           "\"scopingFilters\":[{\"clauses\":[{\"attribute\":\"department\",\"operator\":\"NOT EQUALS\","
           "\"value\":\"Legal\"}]}]}]");
  p = rfx_diff(zA, zC);
  ck_assert_int_eq(p->nUser, 1);
  ck_assert_uint_eq(p->aUser[0].mKind, DIFF_OUT_OF_SCOPE | DIFF_SOFT_DELETED);
  ck_assert_str_eq(p->aUser[0].zStateB, "absent (filtered)");
  diff_free(p);
  unlink(zA);
  unlink(zB);
  unlink(zC);
}
END_TEST

START_TEST(test_hostile_values_round_trip_through_the_json_outputs){
  char zA[64], zB[64];
  Diff *p;
  char *z;
  cJSON *pDoc, *pUser, *pAttr;
  Report *pRep = NULL;
  FILE *f;
  size_t n = 0;
  run_into(zA, sizeof(zA), zMapCurrent, "");
  run_into(zB, sizeof(zB), zMapUpper, "");
  p = rfx_diff(zA, zB);
  ck_assert_int_eq(p->nUser, 5);                  /* every displayName changes */
  z = rfx_diff_written(p, diff_write_json);
  pDoc = cJSON_Parse(z);
  ck_assert_msg(pDoc!=NULL, "diff JSON does not parse: %s", z);
  pUser = cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "users"), 4);
  ck_assert_str_eq(cJSON_GetObjectItem(pUser, "source_user")->valuestring, "eve");
  pAttr = cJSON_GetArrayItem(cJSON_GetObjectItem(pUser, "attributes"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(pAttr, "name")->valuestring, "displayName");
  ck_assert_str_eq(cJSON_GetObjectItem(pAttr, "old")->valuestring, HOSTILE);
  ck_assert_str_eq(cJSON_GetObjectItem(pAttr, "new")->valuestring, "EVE \"</SCRIPT>\" \\ <B>\t\n\001");
  ck_assert_ptr_nonnull(strstr(z, "\\\"</script>\\\" \\\\ <b>\\t\\n\\u0001"));  /* JSON escapes */
  cJSON_Delete(pDoc);
  free(z);
  /* The HTML diff escapes it: no <b> of its own before the tab, and the
  ** one script is the kit's. */
  z = rfx_diff_written(p, diff_html_write);
  ck_assert_ptr_null(strstr(z, "<b>\t"));
  pf_assert_only_kit_script(z);
  ck_assert_ptr_nonnull(strstr(z, "Eve <span class=\"nw\">&quot;&lt;/script&gt;&quot;</span>"
                                  " \\ &lt;b&gt;"));
  free(z);
  diff_free(p);
  /* The JSON report: pause the job and delete eve, who stays an orphan
  ** whose display name must come back exactly. */
  unlink(zB);
  run_into(zB, sizeof(zB), zMapCurrent,
           ",\"timeline\":[{\"at\":\"PT3H\",\"action\":\"pause_job\",\"job\":\"c2f\"},"
           "{\"at\":\"PT4H\",\"action\":\"terminate\",\"tenant\":\"contoso\",\"users\":[\"eve\"]}]");
  pRep = rfx_report_of(zB);
  z = NULL;
  f = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(report_json_write(pRep, f), 0);
  fclose(f);
  report_free(pRep);
  pDoc = cJSON_Parse(z);
  ck_assert_msg(pDoc!=NULL, "report JSON does not parse");
  pUser = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "orphans"), "items"), 0);
  ck_assert_ptr_nonnull(pUser);
  ck_assert_str_eq(cJSON_GetObjectItem(pUser, "display_name")->valuestring, HOSTILE);
  cJSON_Delete(pDoc);
  free(z);
  unlink(zA);
  unlink(zB);
}
END_TEST

Suite *diff_suite(void){
  Suite *s = suite_create("diff");
  TCase *tc = tcase_create("diff");
  tcase_add_test(tc, test_a_run_against_itself_is_empty);
  tcase_add_test(tc, test_a_mapping_change_alters_exactly_the_known_users_and_attributes);
  tcase_add_test(tc, test_a_scoping_filter_puts_one_user_out_of_scope);
  tcase_add_test(tc, test_hostile_values_round_trip_through_the_json_outputs);
  suite_add_tcase(s, tc);
  return s;
}
