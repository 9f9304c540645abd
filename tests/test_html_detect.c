/*
** test_html_detect.c — the specification of the HTML report's Detections
** section (reports/report_html_tables.c): one row per detection with its
** id and name, the outcome in report_detect_outcome's words, the time to
** detect of a fired one and the evidence; every scenario string in it is
** escaped text. When /usr/bin/chromium exists the page is also loaded
** headless and its DOM checked; without it only that part is skipped.
**
** The scenario is test_report_detect's story: fabrikam lets evil sync users
** in at PT1H (an audited policy change, in fabrikam's audit log), evil's
** job push creates evil's users in fabrikam from PT2H (provisioning entries
** in evil's log). fabrikam exports only its ProvisioningLogs, evil every
** category (logExport not given).
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report.h"
#include "simtime.h"
#include "report_fixture.h"
#include "report_html_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

/* Every character HTML treats specially, and a cell's end tag. */
#define HOSTILE     "<script>alert(1)</script> \\\"q\\\" 'a' & b </td>"
#define HOSTILE_ESC_PROSE "<span class=\"nw\">&lt;script&gt;alert(1)&lt;/script&gt;</span> &quot;q&quot;" \
  " &#39;a&#39; &amp; b <span class=\"nw\">&lt;/td&gt;</span>"
/* The same text as a browser serialises a text node (" and ' stay). */
#define HOSTILE_DOM "&lt;script&gt;alert(1)&lt;/script&gt; \"q\" 'a' &amp; b &lt;/td&gt;"
/* The same in prose, where each word a browser could break inside (at its
** slash) is kept on one line (html_kit_text). */
#define HOSTILE_DOM_PROSE "<span class=\"nw\">&lt;script&gt;alert(1)&lt;/script&gt;</span> \"q\" 'a'" \
  " &amp; b <span class=\"nw\">&lt;/td&gt;</span>"

/* The story with evil's users zUsers (a JSON array) and the detections
** zDetections (a JSON array), as a static buffer reused by the next call. */
static const char *story(const char *zUsers, const char *zDetections){
  static char zBuf[6000];
  snprintf(zBuf, sizeof(zBuf),
    "{\"name\":\"html-detect\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"P1D\","
    " \"tenants\":[{\"key\":\"evil\",\"domain\":\"evil.example\",\"users\":%s},"
    "  {\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\",\"logExport\":[\"ProvisioningLogs\"]}],"
    " \"policies\":[{\"tenant\":\"evil\",\"partner\":\"fabrikam\","
    "   \"automaticUserConsentSettings\":{\"outboundAllowed\":true}},"
    "  {\"tenant\":\"fabrikam\",\"partner\":\"evil\","
    "   \"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
    "   \"userSyncInbound\":{\"isSyncAllowed\":false}}],"
    " \"jobs\":[{\"key\":\"push\",\"source\":\"evil\",\"target\":\"fabrikam\",\"scope\":\"all\","
    "   \"start\":\"PT2H\"}],"
    " \"timeline\":[{\"at\":\"PT1H\",\"action\":\"set_policy\",\"tenant\":\"fabrikam\","
    "   \"partner\":\"evil\",\"field\":\"userSyncInbound.isSyncAllowed\",\"value\":true}],"
    " \"detections\":%s}", zUsers, zDetections);
  return zBuf;
}

static const char zTwoUsers[] =
  "[{\"key\":\"op1\",\"displayName\":\"Op One\"},{\"key\":\"op2\",\"displayName\":\"Op Two\"}]";

/* One detection that fires (evil's creates, in a log evil exports) and one
** that cannot (the policy change, in fabrikam's audit log, not exported). */
static const char zFiredAndHidden[] =
  "[{\"id\":\"creates\",\"name\":\"users pushed into fabrikam\",\"log\":\"provisioning\","
  "  \"job\":\"push\",\"action\":\"create\",\"count\":2,\"after\":\"PT1H\"},"
  " {\"id\":\"sync-on\",\"name\":\"partner identity sync enabled\",\"tenant\":\"fabrikam\","
  "  \"activity\":\"Update a partner cross-tenant identity sync setting\"}]";

/* Run zText; its Report goes to *ppReport and its HTML page is returned
** (free both: report_free, free()). */
static char *pageOf(const char *zText, Report **ppReport){
  char zDb[64];
  Store *pStore;
  char *z = NULL;
  size_t n = 0;
  FILE *out;
  rfx_run("tshtmldet", zText, zDb, sizeof(zDb));
  pStore = rfx_store(zDb);
  *ppReport = rfx_report(pStore);
  out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(report_html_write(*ppReport, pStore, out), 0);
  fclose(out);
  store_close(pStore);
  unlink(zDb);
  return z;
}

/* The Detections section of page z, which must have one (free()). */
static char *sectionOf(const char *z){
  const char *zAt = strstr(z, "<section id=\"detections\">"), *zEnd;
  ck_assert_msg(zAt!=NULL, "the page has no Detections section");
  zEnd = strstr(zAt, "</section>");
  ck_assert_ptr_nonnull(zEnd);
  return strndup(zAt, (size_t)(zEnd - zAt));
}

/* ================================================================ tests */

START_TEST(test_section_shows_each_detection_its_outcome_and_time_to_detect){
  Report *p;
  char *z = pageOf(story(zTwoUsers, zFiredAndHidden), &p);
  char *zSec = sectionOf(z);
  const ReportDetect *d = &p->aDetect[0];          /* the scenario's order */
  char zSpan[REPORT_TEXT_SIZE], zOut[REPORT_OUTCOME_SIZE], zWant[REPORT_OUTCOME_SIZE+64];
  ck_assert_ptr_nonnull(strstr(zSec, "<h2>Detections (<span id=\"detections-fired\">1</span>"
                                     " of 2 fired)</h2>"));
  ck_assert_ptr_nonnull(strstr(zSec, "<tr><td>creates<br><span class=\"muted\">"
                                     "users pushed into fabrikam</span></td>"));
  /* A hyphenated id is kept on one line. */
  ck_assert_ptr_nonnull(strstr(zSec, "<tr><td><span class=\"nw\">sync-on</span><br><span"
                                     " class=\"muted\">partner identity sync enabled</span></td>"));
  ck_assert_int_eq(p->nDetect, 2);
  ck_assert_str_eq(d->zId, "creates");
  /* The creates start at PT2H, an hour or more after "after" (PT1H). */
  ck_assert_int_eq(d->bDetected, 1);
  ck_assert_int_ge(d->tDetected - d->tAfter, 3600);
  snprintf(zWant, sizeof(zWant), "<td class=\"ok\">&#10003; %s</td>",
           report_detect_outcome(p, d, zOut, sizeof(zOut)));
  ck_assert_int_eq(strncmp(zOut, "fired Day 1 ", 12), 0);
  ck_assert_msg(strstr(zSec, zWant)!=NULL, "no outcome %s in:\n%s", zWant, zSec);
  snprintf(zWant, sizeof(zWant), "<td class=\"n\">%s</td>",
           simtime_format_span(d->tDetected - d->tAfter, zSpan, sizeof(zSpan)));
  ck_assert_msg(strstr(zSec, zWant)!=NULL, "no time to detect %s in:\n%s", zWant, zSec);
  ck_assert_ptr_nonnull(strstr(zSec, "by job push"));
  /* fabrikam does not export its audit log: said in words and with a mark. */
  ck_assert_ptr_nonnull(strstr(zSec, "<td class=\"bad\">&#10007; did not fire: 1 matching entry"
                                     " is in logs not exported to a SIEM</td>"
                                     "<td class=\"n\">&#8212;</td>"));
  ck_assert_ptr_nonnull(strstr(zSec, "<td>audit of fabrikam</td>"));
  ck_assert_ptr_nonnull(strstr(zSec, "<td>provisioning of push</td>"));
  free(zSec);
  free(z);
  report_free(p);
}
END_TEST

/* A scenario without detections has no Detections section at all. */
START_TEST(test_no_detections_no_section){
  Report *p;
  char *z = pageOf(story(zTwoUsers, "[]"), &p);
  ck_assert_int_eq(p->nDetect, 0);
  ck_assert_ptr_null(strstr(z, "id=\"detections\""));
  free(z);
  report_free(p);
}
END_TEST

/* Hostile text in a detection's name and in a user's display name (which
** the evidence quotes); ids and keys admit only letters, digits, - _ . */
static const char *hostileStory(void){
  return story("[{\"key\":\"op1\",\"displayName\":\"" HOSTILE "\"}]",
               "[{\"id\":\"x.1\",\"name\":\"" HOSTILE "\",\"log\":\"provisioning\","
               "  \"action\":\"create\"}]");
}

START_TEST(test_hostile_names_come_out_escaped){
  Report *p;
  char *z = pageOf(hostileStory(), &p);
  char *zSec = sectionOf(z);
  ck_assert_int_eq(p->nDetect, 1);
  ck_assert_int_eq(p->aDetect[0].bDetected, 1);
  ck_assert_ptr_null(strstr(z, "<script>alert(1)"));
  rhf_assert_only_kit_script(z);
  /* The name's </td> closed no cell: the log cell follows the whole name. */
  ck_assert_ptr_nonnull(strstr(zSec, "<tr><td>x.1<br><span class=\"muted\">" HOSTILE_ESC_PROSE
                                     "</span></td><td>provisioning</td>"));
  ck_assert_ptr_nonnull(strstr(zSec, "<td>provisioning create (success) of " HOSTILE_ESC_PROSE
                                     " by job push</td></tr>"));
  free(zSec);
  free(z);
  report_free(p);
}
END_TEST

/* Load the hostile page in headless chromium and read back its DOM; a
** script that ran would hold the page open on its alert() until the
** timeout. */
START_TEST(test_browser_reads_hostile_names_as_text){
  char zDir[64], zCmd[1024];
  char *z, *zDomText, *zSec;
  Report *p;
  z = pageOf(hostileStory(), &p);
  report_free(p);
  if( access(TU_BROWSER, X_OK)!=0 ){
    fprintf(stderr, "test_html_detect: %s not found; skipping the browser check\n", TU_BROWSER);
    free(z);
    return;
  }
  snprintf(zDir, sizeof(zDir), "/tmp/tshtmldet-page-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(zDir));
  zDomText = tu_browser_dom(zDir, "report.html", z, NULL);
  free(z);
  zSec = sectionOf(zDomText);
  /* The DOM holds the page's one script, the kit's, and no other. */
  rhf_assert_only_kit_script(zDomText);
  ck_assert_msg(strstr(zSec, "<span class=\"muted\">" HOSTILE_DOM_PROSE "</span>")!=NULL, "%s", zSec);
  ck_assert_ptr_nonnull(strstr(zSec, "of " HOSTILE_DOM_PROSE " by job push</td></tr>"));
  free(zSec);
  free(zDomText);
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  ck_assert_int_eq(system(zCmd), 0);
}
END_TEST

Suite *html_detect_suite(void){
  Suite *s = suite_create("html_detect");
  TCase *tc = tcase_create("detections");
  TCase *tcBrowser = tcase_create("browser");
  tcase_set_timeout(tc, 60);
  tcase_set_timeout(tcBrowser, 120);
  tcase_add_test(tc, test_section_shows_each_detection_its_outcome_and_time_to_detect);
  tcase_add_test(tc, test_no_detections_no_section);
  tcase_add_test(tc, test_hostile_names_come_out_escaped);
  tcase_add_test(tcBrowser, test_browser_reads_hostile_names_as_text);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcBrowser);
  return s;
}
