/*
** test_html.c — the specification of reports/report_html.c: the HTML
** report is one self-contained page whose scenario strings are all
** escaped, whose figures are the Report's, whose bytes depend only on the
** database, and which has SVG charts of drift and cycles. When
** /usr/bin/chromium exists the page is also rendered headless (screenshot
** and DOM dump); without it that test only checks the page was written.
**
** Each test runs a small scenario through the engine (scenario_parse +
** runner_run) into its own database in /tmp:
**   tenants src (alice, bob, carol — carol and bob carry hostile display
**   names and departments, the group too) and tgt; job src-to-tgt assigns
**   group team: all three are created; at PT2H alice is terminated (a
**   delete), at PT3H the job is paused, at PT3H30M bob is terminated — with
**   the job paused he stays an orphan (job_paused) until the end (PT6H).
**   The job has no deletion threshold (lint finding XTS-S05), accepted by a
**   lint.ignore entry whose reason is hostile too.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mem.h"
#include "report.h"
#include "runner.h"
#include "scenario.h"
#include "report_fixture.h"
#include "report_html_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

#define HOSTILE_SCRIPT "<script>alert(1)</script>"
#define HOSTILE_ATTR   "\"onload=\"x"
#define HOSTILE_SVG    "</svg><img src=x onerror=alert(1)>"

static const char zScenario[] =
  "{\"name\":\"html-unit\",\"seed\":11,\"start\":\"2026-03-02T08:00:00Z\",\"duration\":\"PT6H\","
  " \"tenants\":["
  "  {\"key\":\"src\",\"domain\":\"src.example\","
  "   \"groups\":[{\"key\":\"team\",\"displayName\":\"</svg><img src=x onerror=alert(1)>\"}],"
  "   \"users\":["
  "    {\"key\":\"alice\",\"displayName\":\"Alice Adams\",\"department\":\"Sales\",\"groups\":[\"team\"]},"
  "    {\"key\":\"bob\",\"displayName\":\"<script>alert(1)</script>\","
  "     \"department\":\"</svg><img src=x onerror=alert(1)>\",\"groups\":[\"team\"]},"
  "    {\"key\":\"carol\",\"displayName\":\"\\\"onload=\\\"x\",\"department\":\"\\\"onload=\\\"x\","
  "     \"groups\":[\"team\"]}]},"
  "  {\"key\":\"tgt\",\"domain\":\"tgt.example\"}],"
  " \"policies\":["
  "  {\"tenant\":\"tgt\",\"partner\":\"src\",\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
  "  {\"tenant\":\"src\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
  " \"jobs\":["
  "  {\"key\":\"src-to-tgt\",\"source\":\"src\",\"target\":\"tgt\",\"assignments\":{\"groups\":[\"team\"]}}],"
  " \"timeline\":["
  "  {\"at\":\"PT2H\",\"action\":\"terminate\",\"tenant\":\"src\",\"users\":[\"alice\"]},"
  "  {\"at\":\"PT3H\",\"action\":\"pause_job\",\"job\":\"src-to-tgt\"},"
  "  {\"at\":\"PT3H30M\",\"action\":\"terminate\",\"tenant\":\"src\",\"users\":[\"bob\"]}],"
  " \"lint\":{\"ignore\":[{\"rule\":\"XTS-S05\",\"reason\":\"</svg><img src=x onerror=alert(1)>\"}]}}";

/* The HTML page of the database at zDb (free with free()); its Report goes
** to *ppReport when not NULL (free with report_free). */
static char *htmlOf(const char *zDb, Report **ppReport){
  Store *pStore = rfx_store(zDb);
  Report *p = rfx_report(pStore);
  char *zOut = NULL;
  size_t nOut = 0;
  FILE *out;
  int rc;
  out = open_memstream(&zOut, &nOut);
  ck_assert_ptr_nonnull(out);
  rc = report_html_write(p, pStore, out);
  fclose(out);
  store_close(pStore);
  ck_assert_int_eq(rc, 0);
  if( ppReport ) *ppReport = p;
  else report_free(p);
  return zOut;
}

/* The integer that follows zMarker (e.g. id="orphan-count">) in z; the
** page writes counts with thousands separators. */
static long long numberAfter(const char *z, const char *zMarker){
  const char *zAt = strstr(z, zMarker);
  long long v = 0;
  ck_assert_msg(zAt!=NULL, "no %s in the page", zMarker);
  for(zAt += strlen(zMarker); (*zAt>='0' && *zAt<='9') || *zAt==','; zAt++){
    if( *zAt!=',' ) v = v*10 + (*zAt-'0');
  }
  return v;
}

/* z with & < > " ' escaped as the page escapes data (free with free()). */
static char *escaped(const char *z){
  char *zOut = malloc(strlen(z)*6+1), *o = zOut;
  ck_assert_ptr_nonnull(zOut);
  for(; *z; z++){
    switch( *z ){
      case '&':  strcpy(o, "&amp;"); o += 5; break;
      case '<':  strcpy(o, "&lt;"); o += 4; break;
      case '>':  strcpy(o, "&gt;"); o += 4; break;
      case '"':  strcpy(o, "&quot;"); o += 6; break;
      case '\'': strcpy(o, "&#39;"); o += 5; break;
      default:   *o++ = *z;
    }
  }
  *o = 0;
  return zOut;
}

/* Write z to zDir/report.html; its path goes to zPath[n]. */
static void writeHtml(const char *z, const char *zDir, char *zPath, size_t n){
  FILE *f;
  snprintf(zPath, n, "%s/report.html", zDir);
  f = fopen(zPath, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(fwrite(z, 1, strlen(z), f), strlen(z));
  ck_assert_int_eq(fclose(f), 0);
}

/* ================================================================ tests */

START_TEST(test_hostile_scenario_strings_come_out_escaped){
  char zDb[64];
  char *z;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, NULL);
  ck_assert_ptr_null(strstr(z, HOSTILE_SCRIPT));
  ck_assert_ptr_null(strstr(z, HOSTILE_ATTR));
  ck_assert_ptr_null(strstr(z, HOSTILE_SVG));
  ck_assert_ptr_null(strstr(z, "<img"));
  ck_assert_ptr_null(strstr(z, "<script>alert"));
  rhf_assert_only_kit_script(z);           /* the one script is the page's own */
  ck_assert_ptr_nonnull(strstr(z, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  /* Every <svg> the page opens is one of its own charts, and closed once. */
  ck_assert_int_eq(tu_count(z, "<svg "), tu_count(z, "</svg>"));
  free(z);
  unlink(zDb);
}
END_TEST

START_TEST(test_figures_are_the_reports){
  char zDb[64];
  char *z;
  Report *p = NULL;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, &p);
  ck_assert_int_ge(p->nOrphan, 1);                 /* bob, left by the paused job */
  ck_assert_int_ge(p->conv.nChanges, 2);
  ck_assert_int_eq(numberAfter(z, "id=\"orphan-count\">"), p->nOrphan);
  ck_assert_int_eq(numberAfter(z, "id=\"orphans-total\">"), p->nOrphan);
  ck_assert_int_eq(numberAfter(z, "id=\"conv-changes\">"), p->conv.nChanges);
  ck_assert_int_eq(numberAfter(z, "id=\"conv-converged\">"), p->conv.nConverged);
  ck_assert_int_eq(numberAfter(z, "id=\"conv-never\">"), p->conv.nNever);
  ck_assert_int_eq(numberAfter(z, "id=\"hist-converged\">"), p->conv.nConverged);
  ck_assert_int_eq(numberAfter(z, "id=\"drift-final\">"), p->nDriftFinal);
  if( p->conv.nConverged ){
    ck_assert_int_eq(numberAfter(z, "data-total=\""), p->conv.nConverged);
  }
  /* One orphan-table row per orphan, in a sortable, filterable table of
  ** its own scroll box. */
  {
    const char *zTab = strstr(z, "<div class=\"scroll\"><table class=\"orphans sortable ptrunc\""
                              " data-filter=\"rows\"><thead>");
    const char *zEnd;
    char *zCopy;
    ck_assert_ptr_nonnull(zTab);
    zTab = strstr(zTab, "<tbody>");
    zEnd = strstr(zTab, "</tbody>");
    zCopy = strndup(zTab, (size_t)(zEnd-zTab));
    ck_assert_int_eq(tu_count(zCopy, "<tr>"), p->nOrphan);
    free(zCopy);
  }
  ck_assert_ptr_nonnull(strstr(z, "job_paused"));
  ck_assert_int_eq(numberAfter(z, "id=\"conv-held\">"), p->conv.nHeld);
  ck_assert_int_eq(numberAfter(z, "id=\"hist-held\">"), p->conv.nHeld);
  ck_assert_int_eq(numberAfter(z, "id=\"conv-reverted\">"), p->conv.nReverted);
  ck_assert_int_eq(numberAfter(z, "id=\"disabled-count\">"), p->nDisabled);
  ck_assert_int_eq(numberAfter(z, "id=\"preexisting-count\">"), p->nPreexisting);
  report_free(p);
  free(z);
  unlink(zDb);
}
END_TEST

/* The answer first: the verdict opens the page, sentence for sentence the
** Report's, before any figure or chart. */
START_TEST(test_page_opens_with_the_verdict_and_the_targets){
  char zDb[64];
  char *z;
  const char *zVerdict, *zFigs, *zTargets;
  Report *p = NULL;
  int i;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, &p);
  zVerdict = strstr(z, "<section id=\"verdict\"");
  zFigs = strstr(z, "<div class=\"figs\">");
  zTargets = strstr(z, "<section id=\"targets\">");
  ck_assert_ptr_nonnull(zVerdict);
  ck_assert_ptr_nonnull(zFigs);
  ck_assert_ptr_nonnull(zTargets);
  ck_assert(zVerdict < zFigs && zFigs < zTargets && zTargets < strstr(z, "<svg class=\"chart"));
  ck_assert_int_ge(p->nVerdict, 1);
  for(i=0; i<p->nVerdict; i++){
    char *zEsc = escaped(p->azVerdict[i]);
    ck_assert_msg(strstr(zVerdict, zEsc)!=NULL && strstr(zVerdict, zEsc)<zFigs,
                  "verdict sentence %d not in the verdict section: %s", i, zEsc);
    free(zEsc);
  }
  /* The paused job leaves tgt out of step: said in words and with a mark,
  ** not by colour alone. */
  ck_assert_ptr_nonnull(strstr(zTargets, "&#10007; not in step"));
  ck_assert_ptr_nonnull(strstr(zTargets, "job_paused"));
  report_free(p);
  free(z);
  unlink(zDb);
}
END_TEST

/* One notation for people: Day N HH:MM with the ISO instant in a tooltip,
** axes ticked on the clock, durations such as "1 h 29 m". */
START_TEST(test_times_read_as_days_and_hours){
  char zDb[64];
  char *z;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, NULL);
  /* The run starts 08:00 on day 1 and lasts PT6H: hourly ticks. */
  ck_assert_ptr_nonnull(strstr(z, "<time datetime=\"2026-03-02T08:00:00Z\" title=\"2026-03-02T08:00:00Z\">Day 1 08:00</time>"));
  ck_assert_ptr_nonnull(strstr(z, ">Day 1 08:00</text>"));   /* the first tick names its day */
  ck_assert_ptr_nonnull(strstr(z, ">09:00</text>"));
  ck_assert_ptr_nonnull(strstr(z, ">14:00</text>"));
  ck_assert_ptr_nonnull(strstr(z, "simulated time (Day 1 = the start day, UTC)"));
  /* No ISO duration in the narrative or the tables' times. */
  ck_assert_ptr_null(strstr(strstr(z, "<section id=\"timeline\">"), ">PT"));
  ck_assert_ptr_null(strstr(z, "<td class=\"n\">PT"));
  free(z);
  unlink(zDb);
}
END_TEST

/* The latency histogram shows the changes still open beside the samples. */
START_TEST(test_latency_chart_shows_the_open_changes){
  char zDb[64];
  char *z;
  Report *p = NULL;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, &p);
  ck_assert_int_ge(p->conv.lat.nCensored, 1);             /* bob's delete, held */
  ck_assert_int_eq(tu_count(z, "<rect class=\"open\""), 1);
  ck_assert_ptr_nonnull(strstr(z, "open at the end"));
  ck_assert_int_eq(numberAfter(z, "id=\"hist-open\">"), p->conv.lat.nCensored);
  report_free(p);
  free(z);
  unlink(zDb);
}
END_TEST

START_TEST(test_same_database_gives_same_bytes){
  char zDb[64];
  char *z1, *z2;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z1 = htmlOf(zDb, NULL);
  z2 = htmlOf(zDb, NULL);
  ck_assert_str_eq(z1, z2);
  free(z1);
  free(z2);
  unlink(zDb);
}
END_TEST

START_TEST(test_page_has_drift_and_cycle_charts_and_no_external_reference){
  char zDb[64];
  char *z;
  Report *p = NULL;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, &p);
  ck_assert_int_eq(strncmp(z, "<!DOCTYPE html>", 15), 0);
  ck_assert_int_eq(tu_count(z, "<svg class=\"chart drift-chart\""), 1);   /* one target */
  ck_assert_int_eq(tu_count(z, "<svg class=\"chart cycle-chart\""), p->nJob);
  ck_assert_int_eq(tu_count(z, "<svg class=\"chart latency-chart\""), 1);
  ck_assert_int_ge(tu_count(z, "class=\"action\""), 3);       /* the timeline marks */
  ck_assert_int_ge(tu_count(z, "<rect class=\"initial\""), 1);
  ck_assert_int_ge(tu_count(z, "<rect class=\"paused\""), 1);
  ck_assert_ptr_nonnull(strstr(z, "@media print"));
  ck_assert_ptr_null(strstr(z, "<link"));
  /* The only url() is a pattern of the page's own (fill:url(#p-quar)). */
  ck_assert_int_gt(tu_count(z, "url(#p-"), 0);
  ck_assert_int_eq(tu_count(z, "url("), tu_count(z, "url(#p-"));
  ck_assert_ptr_null(strstr(z, "https:"));
  report_free(p);
  free(z);
  unlink(zDb);
}
END_TEST

/* Tables never break words: the page's own style adds no
** overflow-wrap:anywhere, and in print it overrides the one the shared
** kit gives long ids, printing them whole on one line. */
START_TEST(test_no_style_lets_a_table_cell_break_a_word){
  char zDb[64];
  char *z;
  const char *zKit, *zOverride;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  z = htmlOf(zDb, NULL);
  zKit = strstr(z, HTML_KIT_CSS);
  ck_assert_ptr_nonnull(zKit);
  ck_assert_int_eq(tu_count(z, "overflow-wrap:anywhere"), tu_count(HTML_KIT_CSS, "overflow-wrap:anywhere"));
  ck_assert_int_eq(tu_count(z, "word-break:break-all"), 0);
  zOverride = strstr(z, " td.id{max-width:none;white-space:nowrap;overflow:visible;overflow-wrap:normal}");
  ck_assert_ptr_nonnull(zOverride);
  ck_assert(zOverride > zKit + strlen(HTML_KIT_CSS));        /* later, so it wins */
  ck_assert_ptr_nonnull(strstr(z, "<td class=\"n\">"));
  free(z);
  unlink(zDb);
}
END_TEST

START_TEST(test_error_codes_carry_recommended_actions){
  char zDb[64];
  char *z;
  sqlite3 *db = NULL;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  ck_assert_int_eq(sqlite3_open(zDb, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "UPDATE provisioning_log_rows SET status='failure',"
                   " error_code='AzureActiveDirectoryQuotaLimitExceeded'"
                   " WHERE id=(SELECT min(id) FROM provisioning_log)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  z = htmlOf(zDb, NULL);
  ck_assert_ptr_nonnull(strstr(z, "<code>AzureActiveDirectoryQuotaLimitExceeded</code>"));
  ck_assert_ptr_nonnull(strstr(z, "verified domain"));
  free(z);
  unlink(zDb);
}
END_TEST

/* Render the page headless; without a browser, only check it was written. */
START_TEST(test_page_renders_in_a_headless_browser){
  static const char zBrowser[] = TU_BROWSER;
  static const char zFlags[] = TU_BROWSER_FLAGS;
  char zDb[64], zDir[64], zHtml[96], zPng[96], zDom[96], zProfile[96], zCmd[1024];
  char zProbe[96], zLog[96];
  char *z, *zDomText = NULL;
  struct stat st;
  FILE *f;
  int rc;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  snprintf(zDir, sizeof(zDir), "/tmp/tshtml-page-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(zDir));
  z = htmlOf(zDb, NULL);
  writeHtml(z, zDir, zHtml, sizeof(zHtml));
  {
    /* A probe copy: a test-only script records whether the page is wider
    ** than the 1280 px window. */
    char *zCopy = tu_width_probe(z);
    snprintf(zProbe, sizeof(zProbe), "%s/probe.html", zDir);
    f = fopen(zProbe, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(zCopy, f)>=0, 1);
    ck_assert_int_eq(fclose(f), 0);
    free(zCopy);
  }
  free(z);
  ck_assert_int_eq(stat(zHtml, &st), 0);
  ck_assert_int_gt(st.st_size, 0);
  if( access(zBrowser, X_OK)!=0 ){
    fprintf(stderr, "test_html: %s not found; skipping the browser rendering check\n", zBrowser);
    goto out_cleanup;
  }
  snprintf(zProfile, sizeof(zProfile), "%s/profile", zDir);
  snprintf(zPng, sizeof(zPng), "%s/shot.png", zDir);
  snprintf(zDom, sizeof(zDom), "%s/dom.html", zDir);
  snprintf(zCmd, sizeof(zCmd), "%s %s --user-data-dir=%s --window-size=1280,2000"
           " --screenshot=%s file://%s >/dev/null 2>&1", zBrowser, zFlags, zProfile, zPng, zHtml);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --screenshot failed (%d)", rc);
  ck_assert_msg(stat(zPng, &st)==0, "no screenshot at %s", zPng);
  ck_assert_msg(st.st_size>20*1024, "screenshot of %lld bytes: blank page?", (long long)st.st_size);
  snprintf(zCmd, sizeof(zCmd), "%s %s --user-data-dir=%s --dump-dom file://%s >%s 2>/dev/null",
           zBrowser, zFlags, zProfile, zHtml, zDom);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --dump-dom failed (%d)", rc);
  zDomText = tu_slurp(zDom, NULL);
  ck_assert_ptr_nonnull(strstr(zDomText, "tenantsim report: html-unit"));
  ck_assert_ptr_nonnull(strstr(zDomText, "<svg"));
  ck_assert_ptr_null(strstr(zDomText, "<img"));        /* the hostile names stayed text */
  /* the security findings: the timeline and the table, the hostile
  ** suppression reason as text */
  ck_assert_ptr_nonnull(strstr(zDomText, "<section id=\"security\">"));
  ck_assert_ptr_nonnull(strstr(zDomText, "class=\"chart lint-timeline\""));
  ck_assert_ptr_nonnull(strstr(zDomText, "Suppressed by lint.ignore: <span class=\"nw\">&lt;/svg&gt;&lt;img"));
  free(zDomText);
  /* The page must fit 1280 px and log nothing to the console (its one
  ** script logs nothing, so any console line is an error such as a
  ** blocked load or a script error). */
  snprintf(zLog, sizeof(zLog), "%s/console.log", zDir);
  snprintf(zCmd, sizeof(zCmd), "%s %s --user-data-dir=%s --window-size=1280,2000 --enable-logging=stderr"
           " --v=0 --dump-dom file://%s >%s 2>%s", zBrowser, zFlags, zProfile, zProbe, zDom, zLog);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --dump-dom of the probe failed (%d)", rc);
  zDomText = tu_slurp(zDom, NULL);
  ck_assert_msg(strstr(zDomText, "data-probe=\"fits ")!=NULL, "page overflows 1280 px: %s",
                strstr(zDomText, "data-probe") ? strstr(zDomText, "data-probe") : "(no probe result)");
  free(zDomText);
  snprintf(zCmd, sizeof(zCmd), "grep -q 'CONSOLE' %s", zLog);
  ck_assert_msg(system(zCmd)!=0, "the page logged console messages (see %s)", zLog);
out_cleanup:
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  ck_assert_int_eq(system(zCmd), 0);
  unlink(zDb);
}
END_TEST

/* ================================================================ oom */

/* Building the Report (its narrative included) and writing the page of a
** run under each failed allocation: the build fails with TS_NOMEM and no
** Report, the writer with -1 and not a byte written, and once enough
** allocations succeed the page is the one written without failures. */
START_TEST(test_failed_allocations_give_an_error_or_the_same_page){
  char zDb[64];
  Store *pStore;
  Report *p = NULL;
  TsErr err;
  char *zWant;
  long n;
  int rc = -1;
  rfx_run("html-unit", zScenario, zDb, sizeof(zDb));
  zWant = htmlOf(zDb, NULL);
  pStore = rfx_store(zDb);
  for(n=1; n<100000; n++){
    tserr_clear(&err);
    mem_fail_after(n);
    rc = report_build(pStore, &p, &err);
    mem_fail_after(0);
    if( rc==TS_OK ) break;
    ck_assert_msg(rc==TS_NOMEM, "allocation %ld: rc %d (%s)", n, rc, err.zMsg);
    ck_assert_ptr_null(p);
  }
  ck_assert_int_eq(rc, TS_OK);
  ck_assert_int_gt(n, 20);                /* the build allocates: failures were tried */
  ck_assert_int_gt(p->nLine, 3);          /* and the narrative was among them */
  for(n=1; n<100000; n++){
    char *z = NULL;
    size_t nz = 0;
    FILE *out = open_memstream(&z, &nz);
    ck_assert_ptr_nonnull(out);
    mem_fail_after(n);
    rc = report_html_write(p, pStore, out);
    mem_fail_after(0);
    fclose(out);
    if( rc==0 ) ck_assert_str_eq(z, zWant);
    else{
      ck_assert_int_eq(rc, -1);
      ck_assert_uint_eq(nz, 0);
    }
    free(z);
    if( rc==0 ) break;
  }
  ck_assert_int_eq(rc, 0);
  ck_assert_int_gt(n, 3);                 /* the page allocates: failures were tried */
  report_free(p);
  store_close(pStore);
  free(zWant);
  unlink(zDb);
}
END_TEST

Suite *html_suite(void){
  Suite *s = suite_create("html");
  TCase *tc = tcase_create("html");
  TCase *tcBrowser = tcase_create("browser");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_hostile_scenario_strings_come_out_escaped);
  tcase_add_test(tc, test_figures_are_the_reports);
  tcase_add_test(tc, test_page_opens_with_the_verdict_and_the_targets);
  tcase_add_test(tc, test_times_read_as_days_and_hours);
  tcase_add_test(tc, test_latency_chart_shows_the_open_changes);
  tcase_add_test(tc, test_same_database_gives_same_bytes);
  tcase_add_test(tc, test_page_has_drift_and_cycle_charts_and_no_external_reference);
  tcase_add_test(tc, test_error_codes_carry_recommended_actions);
  tcase_add_test(tc, test_no_style_lets_a_table_cell_break_a_word);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcBrowser, 120);
  tcase_add_test(tcBrowser, test_page_renders_in_a_headless_browser);
  suite_add_tcase(s, tcBrowser);
  tcase_set_timeout(tcOom, 120);
  tcase_add_test(tcOom, test_failed_allocations_give_an_error_or_the_same_page);
  suite_add_tcase(s, tcOom);
  return s;
}
