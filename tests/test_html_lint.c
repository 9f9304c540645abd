/*
** test_html_lint.c — the specification of the lint HTML page
** (reports/lint_html.c): the answer first, one row per finding that
** stands with its severity as a word badge, the suppressed ones with their
** reason, each rule that fired; no reference outside the page and no
** script but the kit's; every string escaped text. When /usr/bin/chromium
** exists the page is also loaded headless and its DOM checked, laid out at
** 1280x900 and 390x844 (nothing wider than the window outside a scroll
** box, no text under 10 px, no word split in a cell) and printed, as is
** the page of the shipped synced-group-privilege (46 findings: sorting
** and filtering with script, the plain table without); without it only
** that part is skipped.
**
** The scenario: contoso syncs its three assigned users into fabrikam with
** scope "all" (XTS-S01, high, accepted in lint.ignore with a hostile
** reason) and no deletion guard (XTS-S05, medium); fabrikam also lets
** third sync in, with inbound auto-redemption, and no job uses it
** (XTS-T01, critical).
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lint.h"
#include "page_fixture.h"
#include "run_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

/* Every character HTML treats specially, a cell's end tag and a line
** break (JSON-escaped, for the scenario's text). */
#define HOSTILE     "<script>alert(1)</script> \\\"q\\\" 'a' & b </td>\\nline two"
/* Escaped, the words with a slash kept on one line (html_kit_text). */
#define HOSTILE_ESC "<span class=\"nw\">&lt;script&gt;alert(1)&lt;/script&gt;</span> &quot;q&quot;" \
                    " &#39;a&#39; &amp; b <span class=\"nw\">&lt;/td&gt;</span>\nline two"
/* The same text as a browser serialises a text node (" and ' stay). */
#define HOSTILE_DOM "<span class=\"nw\">&lt;script&gt;alert(1)&lt;/script&gt;</span> \"q\" 'a'" \
                    " &amp; b <span class=\"nw\">&lt;/td&gt;</span>\nline two"

static const char zStory[] =
  "{\"name\":\"html-lint\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"PT2H\","
  " \"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"groups\":[{\"key\":\"g\",\"restrictedManagementUnit\":true}],"
  "   \"populations\":[{\"count\":3,\"keyPrefix\":\"u\",\"groups\":[\"g\"]}]},"
  "  {\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"},"
  "  {\"key\":\"third\",\"domain\":\"third.example\"}],"
  " \"policies\":[{\"tenant\":\"contoso\",\"partner\":\"fabrikam\","
  "   \"automaticUserConsentSettings\":{\"outboundAllowed\":true}},"
  "  {\"tenant\":\"fabrikam\",\"partner\":\"contoso\","
  "   \"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}},"
  "  {\"tenant\":\"fabrikam\",\"partner\":\"third\","
  "   \"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
  "   \"userSyncInbound\":{\"isSyncAllowed\":true}}],"
  " \"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\",\"scope\":\"all\","
  "   \"assignments\":{\"groups\":[\"g\"]},"
  "   \"notifications\":{\"enabled\":true,\"recipients\":\"ops@contoso.com\"}}],"
  " \"timeline\":[],"
  " \"lint\":{\"ignore\":[{\"rule\":\"XTS-S01\",\"reason\":\"" HOSTILE "\"}]}}";

/* Scenario zText (named zName) run and linted at its end into *r
** (lint_free it) and written as the HTML page, returned (free()). */
static char *pageOfScenario(const char *zName, const char *zText, LintResult *r){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  char *z = NULL;
  size_t n = 0;
  FILE *out;
  fixture_run("tshtmllint", zName, zText, zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(lint_run(pStore, -1, NULL, 0, r, &err)==TS_OK, "lint: %s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
  out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(lint_fmt_write(r, LINT_HTML, NULL, NULL, 0, out, &err), TS_OK);
  fclose(out);
  return z;
}

/* The story's page. */
static char *pageOf(LintResult *r){
  return pageOfScenario("html-lint.json", zStory, r);
}

/* The page of the shipped synced-group-privilege. */
static char *shippedPage(LintResult *r){
  char *zText = tu_slurp("scenarios/synced-group-privilege.json", NULL);
  char *z = pageOfScenario("scenarios/synced-group-privilege.json", zText, r);
  free(zText);
  return z;
}

/* ================================================================ tests */

START_TEST(test_page_answers_first_then_a_row_per_finding){
  LintResult r;
  char *z = pageOf(&r);
  const char *zCrit, *zMed, *zSup;
  ck_assert_int_eq(r.nFinding, 3);
  ck_assert_ptr_nonnull(strstr(z, "<title>tenantsim lint: html-lint</title>"));
  ck_assert_ptr_nonnull(strstr(z, "<h1>Lint: html-lint <span class=\"at\">at Day 1 11:00 (2026-01-05T11:00:00Z), the end of the"
                                  " run</span></h1>\n<p class=\"answer\" id=\"answer\"><strong>2"
                                  " findings</strong>: 1 critical, 0 high, 1 medium, 0 low, 0 info;"
                                  " 1 suppressed by the scenario's lint.ignore.</p>"));
  /* A row per finding that stands, as many as --fail-on info counts. */
  ck_assert_int_eq(tu_count(z, "<tr class=\"finding\">"), lint_count_at_least(&r, LINT_INFO));
  ck_assert_int_eq(tu_count(z, "<tr class=\"finding\">"), 2);
  ck_assert_int_eq(tu_count(z, "<tr class=\"suppressed\">"), lint_count_suppressed(&r));
  /* Severity as a word in its badge; critical first, the suppressed after. */
  /* (data-sort: the rank the severity column sorts by, critical first) */
  zCrit = strstr(z, "<tr class=\"finding\"><td data-sort=\"0\"><span class=\"sev s-critical\">critical"
                    "</span></td>");
  zMed = strstr(z, "<tr class=\"finding\"><td data-sort=\"2\"><span class=\"sev s-medium\">medium</span></td>");
  zSup = strstr(z, "<tr class=\"suppressed\"><td data-sort=\"1\"><span class=\"sev s-high\">high</span></td>");
  ck_assert_ptr_nonnull(zCrit);
  ck_assert_ptr_nonnull(zMed);
  ck_assert_ptr_nonnull(zSup);
  ck_assert_msg(zCrit < zMed && zMed < zSup, "rows out of order");
  ck_assert_ptr_nonnull(strstr(zCrit, "<a href=\"#rule-XTS-T01\">XTS-T01</a>"));
  ck_assert_ptr_nonnull(strstr(zCrit, "tenant <b class=\"k\">fabrikam</b><br>partner"
                                      " <b class=\"k\">third</b>"));
  ck_assert_ptr_nonnull(strstr(zCrit, "<code>$.policies[2].<wbr>userSyncInbound.<wbr>"
                                      "isSyncAllowed</code>"));
  /* Each rule that fired, once, with its fix and source, in page order. */
  ck_assert_int_eq(tu_count(z, "<div class=\"rule\" id=\"rule-"), 3);
  ck_assert_msg(strstr(z, "id=\"rule-XTS-T01\"") < strstr(z, "id=\"rule-XTS-S05\"")
                && strstr(z, "id=\"rule-XTS-S05\"") < strstr(z, "id=\"rule-XTS-S01\""),
                "rules out of order");
  ck_assert_ptr_nonnull(strstr(z, "<dt>Fix</dt><dd>turn accidental-deletion prevention on"));
  ck_assert_ptr_nonnull(strstr(z, "<dt>Source</dt><dd><a href=\"https://learn.microsoft.com/"));
  free(z);
  lint_free(&r);
}
END_TEST

START_TEST(test_page_is_self_contained){
  static const char *const azExternal[] = {
    "src=", "<link", "url(", "@import", "<img", "<iframe", "<object", "<embed",
    "srcset", "http-equiv", NULL
  };
  LintResult r;
  char *z = pageOf(&r);
  const char *zHref;
  int i;
  for(i=0; azExternal[i]; i++){
    ck_assert_msg(strstr(z, azExternal[i])==NULL, "the page has %s", azExternal[i]);
  }
  pf_assert_only_kit_script(z);
  /* Links go to the page's own anchors or to a rule's source, nothing loads. */
  for(zHref=strstr(z, "href=\""); zHref; zHref=strstr(zHref+6, "href=\"")){
    ck_assert_msg(zHref[6]=='#' || strncmp(zHref+6, "https://learn.microsoft.com/", 28)==0,
                  "a link elsewhere: %.80s", zHref);
  }
  ck_assert_ptr_nonnull(strstr(z, "<meta name=\"viewport\" content=\"width=device-width,"
                                  " initial-scale=1\">"));
  ck_assert_ptr_nonnull(strstr(z, "@media print{"));
  /* Each table scrolls in its own box. */
  ck_assert_int_eq(tu_count(z, "<div class=\"scroll\"><table"), tu_count(z, "<table"));
  ck_assert_int_eq(tu_count(z, "<table"), 2);
  ck_assert_ptr_nonnull(strstr(z, "<table class=\"findings sortable\">"));
  free(z);
  lint_free(&r);
}
END_TEST

START_TEST(test_hostile_reason_comes_out_escaped){
  LintResult r;
  char *z = pageOf(&r);
  pf_assert_only_kit_script(z);
  /* The reason's </td> closed no cell: the row ends after the whole of it. */
  ck_assert_msg(strstr(z, "<td class=\"msg\">" HOSTILE_ESC "</td></tr>\n")!=NULL, "%s", z);
  free(z);
  lint_free(&r);
}
END_TEST

/* What no scenario can hold (keys and names are letters, digits, - _ .),
** in a result made by hand: every string of a finding and the name. */
START_TEST(test_every_string_of_a_finding_is_escaped){
  static const char zEvil[] = "<i>\"x\"&'y'</td>";
  static const char zEsc[] = "&lt;i&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/td&gt;";
  static const char zNw[] = "<span class=\"nw\">&lt;i&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/td&gt;</span>";
  LintResult r;
  LintFinding f;
  TsErr err;
  char *z = NULL, zWant[512];
  size_t n = 0;
  FILE *out;
  memset(&r, 0, sizeof(r));
  memset(&f, 0, sizeof(f));
  r.zScenario = zEvil;
  f.pRule = lint_rule_find("XTS-G03");
  f.eSeverity = LINT_INFO;
  f.zTenant = f.zPartner = f.zJob = f.zSetting = f.zValue = f.zPath = f.zMessage = zEvil;
  r.nFinding = 1;
  r.aFinding = &f;
  out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  tserr_clear(&err);
  ck_assert_int_eq(lint_fmt_write(&r, LINT_HTML, NULL, NULL, 0, out, &err), TS_OK);
  fclose(out);
  ck_assert_ptr_null(strstr(z, "<i>"));
  ck_assert_ptr_null(strstr(z, "</td>\""));
  snprintf(zWant, sizeof(zWant), "<title>tenantsim lint: %s</title>", zEsc);
  ck_assert_ptr_nonnull(strstr(z, zWant));
  snprintf(zWant, sizeof(zWant), "job <b class=\"k\">%s</b></td><td><code>%s</code> ="
           " <code>%s</code></td><td><code>%s</code></td><td class=\"msg\">%s</td></tr>",
           zEsc, zEsc, zNw, zEsc, zNw);
  ck_assert_msg(strstr(z, zWant)!=NULL, "no %s in:\n%s", zWant, z);
  ck_assert_ptr_nonnull(strstr(z, "<span class=\"sev s-info\">info</span>"));
  free(z);
}
END_TEST

/* Load the page in headless chromium and read back its DOM: the hostile
** text stayed text (a script of its own would hold the page open on its
** alert() until the timeout). Then the layout at both windows, and print. */
START_TEST(test_browser_renders_the_page_with_hostile_text_as_text){
  char zDir[256];
  char *z, *zDomText;
  LintResult r;
  int nOpen;
  z = pageOf(&r);
  nOpen = lint_count_at_least(&r, LINT_INFO);
  lint_free(&r);
  if( !pf_browser("test_html_lint") ){
    free(z);
    return;
  }
  pf_dir("html_lint", zDir, sizeof(zDir));
  zDomText = tu_browser_dom(zDir, "lint.html", z, NULL);
  /* It rendered: the heading and the answer are in the DOM. */
  ck_assert_ptr_nonnull(strstr(zDomText, "<h1>Lint: html-lint "));
  ck_assert_ptr_nonnull(strstr(zDomText, "<strong>2 findings</strong>"));
  /* As many finding rows as the result has findings standing, and no
  ** element the page did not write. */
  ck_assert_int_eq(tu_count(zDomText, "<tr class=\"finding\">"), nOpen);
  ck_assert_int_eq(tu_count(zDomText, "<tr class=\"suppressed\">"), 1);
  ck_assert_int_eq(tu_count(zDomText, "<script"), 1);
  ck_assert_msg(strstr(zDomText, "<td class=\"msg\">" HOSTILE_DOM "</td></tr>")!=NULL, "%s",
                zDomText);
  ck_assert_ptr_nonnull(strstr(zDomText, ">critical</span>"));
  ck_assert_ptr_nonnull(strstr(zDomText, ">medium</span>"));
  ck_assert_ptr_nonnull(strstr(zDomText, ">high</span>"));
  free(zDomText);
  pf_assert_layout(zDir, "lint", z);
  ck_assert_int_le(tu_pdf_pages(zDir, "lint.html", z), 2);
  free(z);
}
END_TEST

/* The longest shipped lint page: laid out at both windows, printed on at
** most 4 pages; its findings sort by severity both ways and filter by
** rule with script, and are the plain table in page order without. */
START_TEST(test_a_shipped_page_sorts_filters_fits_and_prints){
  static const char zProbe[] =
    "<script>(function(){var t=document.querySelector('table.findings'),b=t.querySelectorAll('th button.sort'),o=[];"
    "function first(){return t.tBodies[0].rows[0].cells[0].textContent;}"
    "b[0].click();o.push(first());b[0].click();o.push(first());"
    "var i=document.querySelector('.tfilter input');i.value='XTS-T07';"
    "i.dispatchEvent(new Event('input'));o.push(document.querySelector('.tfilter span').textContent);"
    "document.body.setAttribute('data-probe',o.join('|'));})();</script>";
  char zDir[256], zGot[128], zWant[128];
  char *z, *zPlain, *zDom;
  const char *zLast;
  LintResult r;
  int i, nT07 = 0, nOpen;
  z = shippedPage(&r);
  nOpen = lint_count_at_least(&r, LINT_INFO);
  for(i=0; i<r.nFinding; i++){
    nT07 += r.aFinding[i].zSuppressed==NULL && strcmp(r.aFinding[i].pRule->zId, "XTS-T07")==0;
  }
  lint_free(&r);
  ck_assert_int_gt(nOpen, LINT_HTML_FILTER_FROM);
  ck_assert_ptr_nonnull(strstr(z, "<table class=\"findings sortable\" data-filter=\"rows\">"));
  if( !pf_browser("test_html_lint") ){
    free(z);
    return;
  }
  pf_dir("html_lint", zDir, sizeof(zDir));
  pf_assert_layout(zDir, "synced-group-privilege", z);
  ck_assert_int_le(tu_pdf_pages(zDir, "synced-group-privilege.html", z), 4);
  pf_probe(zDir, "sort.html", z, zProbe, zGot, sizeof(zGot));
  snprintf(zWant, sizeof(zWant), "critical|low|%d of %d rows", nT07, nOpen);
  ck_assert_str_eq(zGot, zWant);
  /* Without script: the rows as the page wrote them, critical first and
  ** the least severe last; no button, no filter box. */
  zPlain = pf_without_script(z);
  zDom = tu_browser_dom(zDir, "plain.html", zPlain, NULL);
  ck_assert_ptr_nonnull(strstr(zDom, "<tbody>\n<tr class=\"finding\"><td data-sort=\"0\">"));
  zLast = strstr(zDom, "<td data-sort=\"3\">");
  ck_assert_msg(zLast!=NULL && strstr(zLast, "<td data-sort=\"0\">")==NULL, "a critical after a low");
  pf_assert_plain(zDom);
  free(zDom);
  free(zPlain);
  free(z);
}
END_TEST

Suite *html_lint_suite(void){
  Suite *s = suite_create("html_lint");
  TCase *tc = tcase_create("page");
  TCase *tcBrowser = tcase_create("browser");
  tcase_set_timeout(tc, 60);
  tcase_set_timeout(tcBrowser, 240);
  tcase_add_test(tc, test_page_answers_first_then_a_row_per_finding);
  tcase_add_test(tc, test_page_is_self_contained);
  tcase_add_test(tc, test_hostile_reason_comes_out_escaped);
  tcase_add_test(tc, test_every_string_of_a_finding_is_escaped);
  tcase_add_test(tcBrowser, test_browser_renders_the_page_with_hostile_text_as_text);
  tcase_add_test(tcBrowser, test_a_shipped_page_sorts_filters_fits_and_prints);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcBrowser);
  return s;
}
