/*
** test_mdcsv.c — the specification of reports/report_md.c (the Markdown
** lab report) and reports/export_csv.c (the run's tables as CSV files).
**
** Each test runs a small scenario through the engine (scenario_parse +
** runner_run) into its own database in /tmp. Display names and a
** department carry hostile values: commas, double quotes, newlines, pipes
** and "<script>". The run:
**   tenants src (alice, bob, carol), tgt; job src-to-t assigns all three;
**   PT2H  bob's department becomes a hostile value (an update);
**   PT3H  carol is disabled (the target account is disabled);
**   P1DT1H carol is unassigned: disabled, then out of scope, so the
**         target account stays — an orphan (day 2, 09:00).
** The CSV files are read back with the small RFC 4180 reader below, which
** refuses anything the RFC does not allow (bare quotes, LF without CR,
** an unterminated quoted field).
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mem.h"
#include "report.h"
#include "export_csv.h"
#include "runner.h"
#include "scenario.h"
#include "report_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

#define ALICE_NAME "Alice, \"Al\" | <script>alert(1)</script>\nSecond line"
#define CAROL_NAME "Carol | C, \"Q\"\r\nx"

static const char zScenario[] =
  "{\"name\":\"mdcsv-unit\",\"seed\":11,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"P1DT6H\","
  " \"tenants\":["
  "  {\"key\":\"src\",\"domain\":\"src.example\","
  "   \"users\":["
  "    {\"key\":\"alice\",\"displayName\":\"Alice, \\\"Al\\\" | <script>alert(1)</script>\\nSecond line\","
  "     \"department\":\"R&D, \\\"Labs\\\" | ops\\nnight\"},"
  "    {\"key\":\"bob\",\"displayName\":\"Bob Brown\",\"department\":\"Sales\"},"
  "    {\"key\":\"carol\",\"displayName\":\"Carol | C, \\\"Q\\\"\\r\\nx\",\"department\":\"Sales\"}]},"
  "  {\"key\":\"tgt\",\"domain\":\"tgt.example\"}],"
  " \"policies\":["
  "  {\"tenant\":\"tgt\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
  "  {\"tenant\":\"src\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
  " \"jobs\":["
  "  {\"key\":\"src-to-t\",\"source\":\"src\",\"target\":\"tgt\","
  "   \"assignments\":{\"users\":[\"alice\",\"bob\",\"carol\"]}}],"
  " \"timeline\":["
  "  {\"at\":\"PT2H\",\"action\":\"update\",\"tenant\":\"src\",\"users\":[\"bob\"],"
  "   \"set\":{\"department\":\"East|West, \\\"HQ\\\"\\n<script>\"}},"
  "  {\"at\":\"PT3H\",\"action\":\"disable\",\"tenant\":\"src\",\"users\":[\"carol\"]},"
  "  {\"at\":\"P1DT1H\",\"action\":\"unassign\",\"job\":\"src-to-t\",\"users\":[\"carol\"]}]}";

/* The Markdown report of zDb (free with free()). */
static char *mdOf(const char *zDb){
  Store *pStore = rfx_store(zDb);
  Report *p = rfx_report(pStore);
  char *zOut = NULL;
  size_t nOut = 0;
  FILE *out;
  out = open_memstream(&zOut, &nOut);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(report_md_write(p, pStore, out), 0);
  fclose(out);
  report_free(p);
  store_close(pStore);
  return zOut;
}

/* Export zDb into a new directory name in zDir[n] (not created first:
** export_csv must create it). */
static void csvOf(const char *zDb, char *zDir, size_t n){
  Store *pStore = rfx_store(zDb);
  TsErr err;
  rfx_temp_path(zDir, n, "tscsvdir");
  tserr_clear(&err);
  ck_assert_msg(export_csv(pStore, zDir, &err)==TS_OK, "export_csv: %s", err.zMsg);
  store_close(pStore);
}

static const char *const azCsvFile[] = {
  "changes.csv", "cycles.csv", "orphans.csv", "provisioning_log.csv", "audit_log.csv", NULL
};

/* Remove an export directory and its files. */
static void csvRemove(const char *zDir){
  char zPath[512];
  int i;
  for(i=0; azCsvFile[i]; i++){
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, azCsvFile[i]);
    unlink(zPath);
  }
  rmdir(zDir);
}

/* The whole file zDir/zName (free with free()); its size in *pn. */
static char *csvText(const char *zDir, const char *zName, size_t *pn){
  char zPath[512];
  snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zName);
  return tu_slurp(zPath, pn);
}

/* ================================================================ CSV reader */

/* A parsed CSV file: nRec records of nField[r] fields each. */
typedef struct Csv {
  char ***aaField;
  int *anField;
  int nRec;
} Csv;

/* Parse z[n] strictly as RFC 4180 with CRLF record ends (the last record
** too). Fails the test on anything else. */
static Csv csvParse(const char *z, size_t n, const char *zName){
  Csv c = { NULL, NULL, 0 };
  size_t i = 0;
  while( i<n ){
    char **aField = NULL;
    int nField = 0;
    for(;;){
      char *zField = malloc(n + 1);
      size_t k = 0;
      ck_assert_ptr_nonnull(zField);
      if( z[i]=='"' ){
        i++;
        for(;;){
          ck_assert_msg(i<n, "%s: unterminated quoted field", zName);
          if( z[i]=='"' ){
            if( i+1<n && z[i+1]=='"' ){ zField[k++] = '"'; i += 2; continue; }
            i++;
            break;
          }
          zField[k++] = z[i++];
        }
      }else{
        while( i<n && z[i]!=',' && z[i]!='\r' ){
          ck_assert_msg(z[i]!='"' && z[i]!='\n', "%s: bare quote or LF at byte %zu",
                        zName, i);
          zField[k++] = z[i++];
        }
      }
      zField[k] = 0;
      aField = realloc(aField, sizeof(char*) * (size_t)(nField + 1));
      aField[nField++] = zField;
      ck_assert_msg(i<n, "%s: last record does not end in CRLF", zName);
      if( z[i]==',' ){ i++; continue; }
      ck_assert_msg(z[i]=='\r' && i+1<n && z[i+1]=='\n', "%s: expected CRLF at byte %zu",
                    zName, i);
      i += 2;
      break;
    }
    c.aaField = realloc(c.aaField, sizeof(char**) * (size_t)(c.nRec + 1));
    c.anField = realloc(c.anField, sizeof(int) * (size_t)(c.nRec + 1));
    c.aaField[c.nRec] = aField;
    c.anField[c.nRec] = nField;
    c.nRec++;
  }
  return c;
}

static void csvFree(Csv *c){
  int r, f;
  for(r=0; r<c->nRec; r++){
    for(f=0; f<c->anField[r]; f++) free(c->aaField[r][f]);
    free(c->aaField[r]);
  }
  free(c->aaField);
  free(c->anField);
}

/* The file zDir/zName parsed. */
static Csv csvRead(const char *zDir, const char *zName){
  size_t n;
  char *z = csvText(zDir, zName, &n);
  Csv c = csvParse(z, n, zName);
  free(z);
  return c;
}

/* The index of column zCol in the header of c; fails when absent. */
static int csvCol(const Csv *c, const char *zCol){
  int f;
  ck_assert_int_ge(c->nRec, 1);
  for(f=0; f<c->anField[0]; f++) if( strcmp(c->aaField[0][f], zCol)==0 ) return f;
  ck_abort_msg("no column %s", zCol);
  return -1;
}

/* Does some record hold exactly z in column zCol? */
static int csvHas(const Csv *c, const char *zCol, const char *z){
  int r, f = csvCol(c, zCol);
  for(r=1; r<c->nRec; r++) if( strcmp(c->aaField[r][f], z)==0 ) return 1;
  return 0;
}

/* ================================================================ Markdown */

START_TEST(test_markdown_timeline_has_one_day_line_per_action_with_its_summary){
  char zDb[64];
  char *zMd;
  sqlite3 *db = NULL;
  sqlite3_stmt *pStmt = NULL;
  const char *z;
  int nLine = 0, nRow = 0;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  zMd = mdOf(zDb);
  /* One top-level line per action, and one per service event (the job's
  ** initial assignment here). */
  for(z=zMd; (z = strstr(z, "\n- **Day "))!=NULL; z++) nLine++;
  ck_assert_int_eq(nLine, rfx_db_int(zDb, "SELECT count(*) FROM timeline", NULL) + 1);
  ck_assert_int_eq(nLine, 4);
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT summary FROM timeline ORDER BY seq",
                                      -1, &pStmt, NULL), SQLITE_OK);
  while( sqlite3_step(pStmt)==SQLITE_ROW ){
    /* The summary without its note (the note follows in italics). */
    char zSum[400];
    const char *zDash;
    snprintf(zSum, sizeof(zSum), "%s", (const char*)sqlite3_column_text(pStmt, 0));
    if( (zDash = strstr(zSum, " \xe2\x80\x94 "))!=NULL ) zSum[zDash-zSum] = 0;
    ck_assert_msg(strstr(zMd, zSum)!=NULL, "summary \"%s\" not in:\n%s", zSum, zMd);
    nRow++;
  }
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  ck_assert_int_eq(nRow, 3);
  /* The start is 08:00 on day 1: PT2H is 10:00, P1DT1H day 2 09:00. */
  ck_assert_msg(strstr(zMd, "\n- **Day 1 10:00** ") != NULL, "%s", zMd);
  ck_assert_msg(strstr(zMd, "\n- **Day 2 09:00** ") != NULL, "%s", zMd);
  ck_assert_msg(strstr(zMd, "its next cycle began ") != NULL, "%s", zMd);
  free(zMd);
  unlink(zDb);
}
END_TEST

START_TEST(test_markdown_numbers_equal_the_reports){
  char zDb[64], zWant[256];
  char *zMd;
  Report *p;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  p = rfx_report_of(zDb);
  zMd = mdOf(zDb);
  ck_assert_int_ge(p->nOrphan, 1);
  ck_assert_int_ge(p->conv.nChanges, 1);
  snprintf(zWant, sizeof(zWant), "\n%d orphaned guest account", p->nOrphan);
  ck_assert_msg(strstr(zMd, zWant)!=NULL, "no \"%s\" in:\n%s", zWant, zMd);
  snprintf(zWant, sizeof(zWant), "- %s\n", p->azVerdict[0]);
  ck_assert_msg(strstr(zMd, zWant)!=NULL, "no \"%s\" in:\n%s", zWant, zMd);
  snprintf(zWant, sizeof(zWant), "| all jobs | %lld | %lld | %lld | %lld | %lld | %lld |",
           (long long)p->conv.nChanges, (long long)p->conv.nConverged,
           (long long)p->conv.nSuperseded, (long long)p->conv.nReverted,
           (long long)p->conv.nHeld, (long long)p->conv.nNever);
  ck_assert_msg(strstr(zMd, zWant)!=NULL, "no \"%s\" in:\n%s", zWant, zMd);
  report_free(p);
  free(zMd);
  unlink(zDb);
}
END_TEST

START_TEST(test_markdown_tables_escape_pipes_newlines_and_markup){
  char zDb[64];
  char *zMd;
  const char *zLine;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  zMd = mdOf(zDb);
  /* Carol, the orphan, is in the orphan table with her name escaped. */
  ck_assert_msg(strstr(zMd, "| Carol \\| C, \"Q\"<br>x |")!=NULL, "%s", zMd);
  ck_assert_msg(strstr(zMd, "<script>")==NULL, "raw markup in:\n%s", zMd);
  /* No table row is broken: each starts and ends with a pipe. */
  for(zLine=zMd; *zLine; zLine = strchr(zLine, '\n') + 1){
    size_t n = strcspn(zLine, "\n");
    if( zLine[0]=='|' ) ck_assert_msg(zLine[n-1]=='|', "broken row: %.*s", (int)n, zLine);
    if( zLine[n]==0 ) break;
  }
  free(zMd);
  unlink(zDb);
}
END_TEST

START_TEST(test_markdown_is_the_same_bytes_twice){
  char zDb[64];
  char *z1, *z2;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  z1 = mdOf(zDb);
  z2 = mdOf(zDb);
  ck_assert_str_eq(z1, z2);
  free(z1);
  free(z2);
  unlink(zDb);
}
END_TEST

/* ================================================================ CSV */

START_TEST(test_every_csv_parses_with_the_header_column_count_on_every_record){
  char zDb[64], zDir[64];
  int i, r;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  csvOf(zDb, zDir, sizeof(zDir));
  for(i=0; azCsvFile[i]; i++){
    Csv c = csvRead(zDir, azCsvFile[i]);
    ck_assert_msg(c.nRec>=1, "%s has no header", azCsvFile[i]);
    for(r=1; r<c.nRec; r++){
      ck_assert_msg(c.anField[r]==c.anField[0], "%s record %d: %d fields, header %d",
                    azCsvFile[i], r, c.anField[r], c.anField[0]);
    }
    csvFree(&c);
  }
  csvRemove(zDir);
  unlink(zDb);
}
END_TEST

START_TEST(test_csv_record_counts_equal_the_table_counts){
  static const struct { const char *zFile, *zSql; } aCount[] = {
    { "changes.csv", "SELECT count(*) FROM changes" },
    { "cycles.csv", "SELECT count(*) FROM cycles" },
    { "provisioning_log.csv", "SELECT count(*) FROM provisioning_log" },
    { "audit_log.csv", "SELECT count(*) FROM audit_log" },
  };
  char zDb[64], zDir[64];
  Report *p;
  Csv c;
  size_t i;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  csvOf(zDb, zDir, sizeof(zDir));
  for(i=0; i<sizeof(aCount)/sizeof(aCount[0]); i++){
    int64_t n = rfx_db_int(zDb, aCount[i].zSql, NULL);
    c = csvRead(zDir, aCount[i].zFile);
    ck_assert_msg(n>0, "%s: the fixture should fill it", aCount[i].zFile);
    ck_assert_msg(c.nRec-1==n, "%s: %d records, %lld rows", aCount[i].zFile,
                  c.nRec-1, (long long)n);
    csvFree(&c);
  }
  p = rfx_report_of(zDb);
  c = csvRead(zDir, "orphans.csv");
  ck_assert_int_eq(c.nRec-1, p->nOrphan + p->nDisabled + p->nPreexisting);
  ck_assert_int_ge(p->nOrphan, 1);
  ck_assert(csvHas(&c, "class", "orphaned"));
  report_free(p);
  csvFree(&c);
  csvRemove(zDir);
  unlink(zDb);
}
END_TEST

START_TEST(test_hostile_values_round_trip_exactly_through_csv){
  char zDb[64], zDir[64];
  sqlite3 *db = NULL;
  sqlite3_stmt *pStmt = NULL;
  Csv c;
  int r, fProps, fId;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  csvOf(zDb, zDir, sizeof(zDir));

  c = csvRead(zDir, "orphans.csv");
  ck_assert_msg(csvHas(&c, "display_name", CAROL_NAME), "carol's name did not round-trip");
  csvFree(&c);

  c = csvRead(zDir, "provisioning_log.csv");
  ck_assert_msg(csvHas(&c, "source_display", ALICE_NAME), "alice's name did not round-trip");
  /* modified_properties (JSON with the hostile department) byte for byte. */
  fProps = csvCol(&c, "modified_properties");
  fId = csvCol(&c, "id");
  ck_assert_int_eq(sqlite3_open_v2(zDb, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT id, modified_properties FROM"
                                      " provisioning_log ORDER BY id", -1, &pStmt, NULL),
                   SQLITE_OK);
  for(r=1; sqlite3_step(pStmt)==SQLITE_ROW; r++){
    ck_assert_int_lt(r, c.nRec);
    ck_assert_str_eq(c.aaField[r][fId], (const char*)sqlite3_column_text(pStmt, 0));
    ck_assert_str_eq(c.aaField[r][fProps], (const char*)sqlite3_column_text(pStmt, 1));
  }
  sqlite3_finalize(pStmt);
  sqlite3_close(db);
  ck_assert_int_eq(r, c.nRec);
  csvFree(&c);

  c = csvRead(zDir, "audit_log.csv");
  ck_assert_msg(csvHas(&c, "target_name", ALICE_NAME) || csvHas(&c, "detail", ALICE_NAME)
                || c.nRec>1, "audit log empty");
  csvFree(&c);
  csvRemove(zDir);
  unlink(zDb);
}
END_TEST

START_TEST(test_csv_times_are_iso_and_latency_is_converged_minus_at){
  char zDb[64], zDir[64];
  Csv c;
  int r, fAt, fConv, fLat;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  csvOf(zDb, zDir, sizeof(zDir));
  c = csvRead(zDir, "changes.csv");
  fAt = csvCol(&c, "at");
  fConv = csvCol(&c, "converged_at");
  fLat = csvCol(&c, "latency_seconds");
  ck_assert_int_ge(c.nRec, 2);
  for(r=1; r<c.nRec; r++){
    ck_assert_int_eq(strlen(c.aaField[r][fAt]), 20);
    ck_assert_msg(strncmp(c.aaField[r][fAt], "2026-03-0", 9)==0, "%s", c.aaField[r][fAt]);
    /* Empty together: a change that never converged has neither. */
    ck_assert_int_eq(c.aaField[r][fConv][0]==0, c.aaField[r][fLat][0]==0);
  }
  csvFree(&c);
  csvRemove(zDir);
  unlink(zDb);
}
END_TEST

START_TEST(test_csv_export_is_the_same_bytes_twice){
  char zDb[64], zDir1[64], zDir2[64];
  int i;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  csvOf(zDb, zDir1, sizeof(zDir1));
  csvOf(zDb, zDir2, sizeof(zDir2));
  for(i=0; azCsvFile[i]; i++){
    size_t n1, n2;
    char *z1 = csvText(zDir1, azCsvFile[i], &n1);
    char *z2 = csvText(zDir2, azCsvFile[i], &n2);
    ck_assert_msg(n1==n2 && memcmp(z1, z2, n1)==0, "%s differs", azCsvFile[i]);
    free(z1);
    free(z2);
  }
  csvRemove(zDir1);
  csvRemove(zDir2);
  unlink(zDb);
}
END_TEST

START_TEST(test_csv_into_an_impossible_directory_is_an_io_error){
  char zDb[64];
  Store *pStore;
  TsErr err;
  rfx_run("mdcsv-unit", zScenario, zDb, sizeof(zDb));
  tserr_clear(&err);
  pStore = rfx_store(zDb);
  ck_assert_int_eq(export_csv(pStore, "/nonexistent-tenantsim/a/b", &err), TS_IOERR);
  ck_assert_msg(strstr(err.zMsg, "/nonexistent-tenantsim/a/b")!=NULL, "%s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

Suite *mdcsv_suite(void){
  Suite *s = suite_create("mdcsv");
  TCase *tc = tcase_create("mdcsv");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_markdown_timeline_has_one_day_line_per_action_with_its_summary);
  tcase_add_test(tc, test_markdown_numbers_equal_the_reports);
  tcase_add_test(tc, test_markdown_tables_escape_pipes_newlines_and_markup);
  tcase_add_test(tc, test_markdown_is_the_same_bytes_twice);
  tcase_add_test(tc, test_every_csv_parses_with_the_header_column_count_on_every_record);
  tcase_add_test(tc, test_csv_record_counts_equal_the_table_counts);
  tcase_add_test(tc, test_hostile_values_round_trip_exactly_through_csv);
  tcase_add_test(tc, test_csv_times_are_iso_and_latency_is_converged_minus_at);
  tcase_add_test(tc, test_csv_export_is_the_same_bytes_twice);
  tcase_add_test(tc, test_csv_into_an_impossible_directory_is_an_io_error);
  suite_add_tcase(s, tc);
  return s;
}
