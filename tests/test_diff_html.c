/*
** test_diff_html.c — the specification of the diff and plan page
** (reports/diff_html.c) and of the order every diff writer lists users in
** (reports/diff.c): natural key order; both sides named in the heading;
** the counts on top, equal to the Diff's; each kind marked by colour and
** by a mark and its word; every table in its own scroll box; the kit's
** script the only one, sorting and filtering with it, the plain table in
** the Diff's order without it. With /usr/bin/chromium the pages are laid
** out at 1280x900 and 390x844 (nothing wider than the window outside a
** scroll box, no text under 10 px, no word split in a cell) and printed
** (page counts bounded); without it only that part is skipped.
**
** The fixture: contoso syncs emp1..emp20 into fabrikam (odd ones in the
** US, even ones in GB; emp2 and emp7 in Legal). The new run renames the
** GB company (the even users' companyName changes), disables emp3 in the
** source at PT2H and filters Legal out at PT6H (emp2 and emp7 leave scope
** and are soft-deleted). The plan page is `tenantsim plan` of the shipped
** mapping-rollout with tests/fixtures/plan/mapping-rollout-mapping.json.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "diffInt.h"
#include "html_kit.h"
#include "mem.h"
#include "e2e_fixture.h"
#include "page_fixture.h"
#include "report_fixture.h"
#include "suites.h"

#define NUSER 20
#define PROPOSAL "tests/fixtures/plan/mapping-rollout-mapping.json"

static const char zMapOld[] =
  "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
  "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso Ltd\\\")\"}]}";
static const char zMapNew[] =
  "\"mapping\":{\"attributes\":[{\"target\":\"companyName\",\"type\":\"Expression\",\"expression\":"
  "\"Switch([country], \\\"Contoso\\\", \\\"GB\\\", \\\"Contoso UK\\\")\"}]}";
static const char zTimelineNew[] =
  ",\"timeline\":[{\"at\":\"PT2H\",\"action\":\"disable\",\"tenant\":\"contoso\",\"users\":[\"emp3\"]},"
  "{\"at\":\"PT6H\",\"action\":\"set_filters\",\"job\":\"c2f\",\"scopingFilters\":[{\"clauses\":"
  "[{\"attribute\":\"department\",\"operator\":\"NOT EQUALS\",\"value\":\"Legal\"}]}]}]";

/* Run the fixture (the new run when bNew) into zDb[n]. */
static void runFixture(int bNew, char *zDb, size_t n){
  StrBuf sb;
  int i;
  strbuf_init(&sb);
  strbuf_append(&sb, "{\"name\":\"diff-page\",\"seed\":9,\"start\":\"2026-01-05T09:00:00Z\","
                "\"duration\":\"P1D\",\"tenants\":[{\"key\":\"contoso\",\"domain\":\"contoso.com\",\"users\":[");
  /* listed out of order: the run's order must not matter */
  for(i=NUSER; i>=1; i--){
    strbuf_printf(&sb, "%s{\"key\":\"emp%d\",\"country\":\"%s\",\"department\":\"%s\"}",
                  i==NUSER ? "" : ",", i, i%2 ? "US" : "GB", i==2 || i==7 ? "Legal" : "Sales");
  }
  strbuf_printf(&sb, "]},{\"key\":\"fabrikam\",\"domain\":\"fabrikam.com\"}],"
                "\"policies\":[{\"tenant\":\"fabrikam\",\"partner\":\"contoso\","
                "\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
                "\"userSyncInbound\":{\"isSyncAllowed\":true}},{\"tenant\":\"contoso\","
                "\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}],"
                "\"jobs\":[{\"key\":\"c2f\",\"source\":\"contoso\",\"target\":\"fabrikam\","
                "\"scope\":\"all\",%s}]%s}", bNew ? zMapNew : zMapOld, bNew ? zTimelineNew : "");
  ck_assert_int_eq(sb.bErr, 0);
  rfx_run("tsdiffhtml", strbuf_str(&sb), zDb, n);
  strbuf_free(&sb);
}

/* The Diff of the fixture's two runs, its sides named as `plan` names
** them, with a hostile proposal file name. */
static Diff *fixtureDiff(void){
  char zA[64], zB[64];
  Diff *p;
  runFixture(0, zA, sizeof(zA));
  runFixture(1, zB, sizeof(zB));
  p = rfx_diff(zA, zB);
  unlink(zA);
  unlink(zB);
  ck_assert_int_eq(diff_describe(p, 0, "current", "scn/diff page.json", NULL, NULL, NULL), TS_OK);
  ck_assert_int_eq(diff_describe(p, 1, "proposed", "scn/diff page.json", "mapping",
                                 "props/<m&1>.json", "c2f"), TS_OK);
  return p;
}

/* The source user keys of the page's user rows, in page order, "emp2 emp3
** ..." (each row's first cell is the key, in a td.id). */
static void pageKeys(const char *zPage, char *zOut, size_t nOut){
  const char *z = strstr(zPage, "<table class=\"users");
  size_t n = 0;
  zOut[0] = 0;
  ck_assert_ptr_nonnull(z);
  while( (z = strstr(z, "<tr class=\"r-"))!=NULL ){
    size_t nKey;
    z = strstr(z, "<td class=\"id\" title=\"");
    ck_assert_ptr_nonnull(z);
    z = strstr(z, "\">") + 2;
    nKey = strcspn(z, "<");
    ck_assert_int_lt(n + nKey + 1, nOut);
    if( n ) zOut[n++] = ' ';
    memcpy(zOut + n, z, nKey);
    n += nKey;
    zOut[n] = 0;
  }
}

/* "emp2 emp3 emp4 emp6 emp7 emp8 emp10 emp12 ... emp20": the users that
** differ, in natural order. */
static void expectedKeys(char *z, size_t n){
  int i;
  size_t k = 0;
  z[0] = 0;
  for(i=1; i<=NUSER; i++){
    if( i%2==0 || i==3 || i==7 ) k += (size_t)snprintf(z + k, n - k, "%semp%d", k ? " " : "", i);
  }
}

/* ================================================================ order */

START_TEST(test_users_come_in_natural_key_order_in_every_format){
  Diff *p = fixtureDiff();
  char zWant[256], zGot[256];
  char *z;
  int64_t i;
  /* ten GB users, emp3 disabled, emp7 filtered out (emp2 is both) */
  ck_assert_int_eq(p->nUser, 12);
  for(i=1; i<p->nUser; i++){
    ck_assert_msg(html_kit_natural_cmp(p->aUser[i-1].zSourceUser, p->aUser[i].zSourceUser)<0,
                  "%s before %s", p->aUser[i-1].zSourceUser, p->aUser[i].zSourceUser);
  }
  expectedKeys(zWant, sizeof(zWant));
  z = rfx_diff_written(p, diff_html_write);
  pageKeys(z, zGot, sizeof(zGot));
  ck_assert_str_eq(zGot, zWant);
  free(z);
  z = rfx_diff_written(p, diff_write_text);
  ck_assert_ptr_nonnull(strstr(z, "\nc2f emp2 -> fabrikam"));
  ck_assert_msg(strstr(z, "\nc2f emp8 -> ") < strstr(z, "\nc2f emp10 -> "), "text: emp10 before emp8");
  free(z);
  z = rfx_diff_written(p, diff_write_json);
  ck_assert_msg(strstr(z, "\"source_user\": \"emp8\"") < strstr(z, "\"source_user\": \"emp10\""),
                "JSON: emp10 before emp8");
  free(z);
  diff_free(p);
}
END_TEST

/* ================================================================ page */

START_TEST(test_the_page_names_both_sides_then_counts_equal_to_the_diff){
  static const char zSideA[] = "<div class=\"side\" id=\"side-a\"><b class=\"tag\">A</b><b>current</b>:"
    " scenario <b>diff-page</b>, seed 9<br><code>scn/diff page.json</code></div>";
  static const char zSideB[] = "<div class=\"side\" id=\"side-b\"><b class=\"tag\">B</b><b>proposed</b>:"
    " scenario <b>diff-page</b>, seed 9<br><code>scn/diff page.json</code> with the mapping of job"
    " c2f replaced by <code>props/&lt;m&amp;1&gt;.json</code></div>";
  StrBuf none;
  Diff *p = fixtureDiff();
  char *z = rfx_diff_written(p, diff_html_write), zWant[256];
  const char *zA = strstr(z, "<div class=\"side\" id=\"side-a\">");
  const char *zB = strstr(z, "<div class=\"side\" id=\"side-b\">");
  const char *zCounts = strstr(z, "<div class=\"cards\" id=\"counts\">");
  int k;
  ck_assert_ptr_nonnull(zA);
  ck_assert_ptr_nonnull(zB);
  ck_assert_ptr_nonnull(zCounts);
  ck_assert_ptr_nonnull(strstr(z, "<title>tenantsim plan: diff-page</title>"));
  ck_assert_msg(strncmp(zA, zSideA, strlen(zSideA))==0, "%.200s", zA);
  ck_assert_msg(strncmp(zB, zSideB, strlen(zSideB))==0, "%.300s", zB);
  /* the counts come before any table */
  ck_assert_msg(zCounts < strstr(z, "<table"), "a table before the counts");
  snprintf(zWant, sizeof(zWant), "<p class=\"answer\" id=\"answer\"><strong>%lld of %lld pairs differ"
           "</strong>", (long long)p->nUser, (long long)p->nPairs);
  ck_assert_ptr_nonnull(strstr(z, zWant));
  snprintf(zWant, sizeof(zWant), "data-count=\"pairs\"><b class=\"n\">%lld</b>", (long long)p->nPairs);
  ck_assert_ptr_nonnull(strstr(zCounts, zWant));
  snprintf(zWant, sizeof(zWant), "data-count=\"users_differing\"><b class=\"n\">%lld</b>",
           (long long)p->nUser);
  ck_assert_ptr_nonnull(strstr(zCounts, zWant));
  snprintf(zWant, sizeof(zWant), "data-count=\"attribute_values\"><b class=\"n\">%lld</b>",
           (long long)p->nAttrChanges);
  ck_assert_ptr_nonnull(strstr(zCounts, zWant));
  /* a card for each kind the diff found, with the Diff's count; the
  ** others named in one line */
  ck_assert_int_eq(p->anKind[2], 2);              /* soft-deleted: emp2, emp7 */
  ck_assert_int_eq(p->anKind[3], 2);              /* newly out of scope */
  ck_assert_int_eq(p->anKind[7], 1);              /* disabled: emp3 */
  strbuf_init(&none);
  for(k=0; k<DIFF_NKIND; k++){
    snprintf(zWant, sizeof(zWant), "data-count=\"%s\"><b class=\"n\">%lld</b>", diff_kind_name(k),
             (long long)p->anKind[k]);
    if( p->anKind[k] ){
      ck_assert_msg(strstr(zCounts, zWant)!=NULL, "no card %s", zWant);
    }else{
      ck_assert_ptr_null(strstr(zCounts, zWant));
      strbuf_printf(&none, "%s%s", none.n ? ", " : "<p class=\"muted\" id=\"none\">None ",
                    diff_kind_text(k));
    }
  }
  strbuf_append(&none, ".</p>");
  ck_assert_msg(strstr(z, strbuf_str(&none))!=NULL, "no %s", strbuf_str(&none));
  strbuf_free(&none);
  free(z);
  /* The text names the sides too. */
  z = rfx_diff_written(p, diff_write_text);
  ck_assert_ptr_nonnull(strstr(z, "tenantsim plan\n  A (current): diff-page, seed 9 — scn/diff page.json\n"
                                  "  B (proposed): diff-page, seed 9 — scn/diff page.json with the mapping"
                                  " of job c2f replaced by props/<m&1>.json\n"));
  free(z);
  diff_free(p);
}
END_TEST

START_TEST(test_each_kind_is_marked_by_colour_and_by_its_mark_and_word){
  Diff *p = fixtureDiff();
  char *z = rfx_diff_written(p, diff_html_write);
  const char *zRow;
  /* emp2 and emp7: soft-deleted (weightier) and newly out of scope */
  zRow = strstr(z, "<tr class=\"r-soft_deleted\"><td class=\"id\" title=\"emp2\">emp2</td>");
  ck_assert_ptr_nonnull(zRow);
  ck_assert_ptr_nonnull(strstr(z, "<tr class=\"r-soft_deleted\"><td class=\"id\" title=\"emp7\">emp7</td>"));
  ck_assert_ptr_nonnull(strstr(zRow, "<span class=\"k k-soft_deleted\"><span class=\"m\" aria-hidden=\"true\">"
                                     "\xe2\x8a\x96</span> soft-deleted</span><span class=\"k k-out_of_scope\">"
                                     "<span class=\"m\" aria-hidden=\"true\">\xe2\x97\x8c</span> newly out of"
                                     " scope</span>"));
  ck_assert_ptr_nonnull(strstr(zRow, "present \xe2\x86\x92 absent (filtered)"));
  /* emp3: disabled, and its accountEnabled changes */
  zRow = strstr(z, "<tr class=\"r-disabled\"><td class=\"id\" title=\"emp3\">emp3</td>");
  ck_assert_ptr_nonnull(zRow);
  ck_assert_ptr_nonnull(strstr(zRow, "\xe2\x8a\x98</span> disabled</span>"));
  ck_assert_ptr_nonnull(strstr(zRow, "<span class=\"nw\">accountEnabled</span>: <code>True</code>"
                                     " \xe2\x86\x92 <code>False</code>"));
  /* emp4: an attribute change */
  zRow = strstr(z, "<tr class=\"r-attributes\"><td class=\"id\" title=\"emp4\">emp4</td>");
  ck_assert_ptr_nonnull(zRow);
  ck_assert_ptr_nonnull(strstr(zRow, "\xce\x94</span> attributes changed</span>"));
  /* Besides its colour, each row kind has a line style of its own at the
  ** row's edge: solid, dashed, dotted, double. */
  ck_assert_ptr_nonnull(strstr(z, "tr.r-soft_deleted td:first-child{border-left:5px dashed"));
  ck_assert_ptr_nonnull(strstr(z, "tr.r-out_of_scope td:first-child{border-left:5px dotted"));
  ck_assert_ptr_nonnull(strstr(z, "tr.r-disabled td:first-child{border-left:5px double"));
  ck_assert_ptr_nonnull(strstr(z, "tr.r-attributes td:first-child{border-left:5px solid"));
  free(z);
  diff_free(p);
}
END_TEST

START_TEST(test_every_table_scrolls_in_its_box_and_the_only_script_is_the_kit_s){
  Diff *p = fixtureDiff();
  char *z = rfx_diff_written(p, diff_html_write);
  ck_assert_int_ge(tu_count(z, "<table"), 1);
  ck_assert_int_eq(tu_count(z, "<div class=\"scroll\"><table"), tu_count(z, "<table"));
  ck_assert_ptr_nonnull(strstr(z, "<table class=\"users sortable\" data-filter=\"rows\">"));
  ck_assert_ptr_nonnull(strstr(z, HTML_KIT_CSS));
  pf_assert_only_kit_script(z);
  /* nothing hostile got through: the proposal's file name is text */
  ck_assert_ptr_null(strstr(z, "<m&1>"));
  free(z);
  diff_free(p);
}
END_TEST

/* Describing a side and writing the page fail cleanly when memory runs
** out: TS_NOMEM, -1, nothing leaked (ASan), then success. */
START_TEST(test_describe_and_page_survive_every_failed_allocation){
  Diff *p = fixtureDiff();
  long n;
  int rc = -1;
  for(n=1; n<100 && rc; n++){
    mem_fail_after(n);
    rc = diff_describe(p, 1, "proposed", "a.json", "mapping", "m.json", "c2f");
    mem_fail_after(0);
    ck_assert(rc==TS_OK || rc==TS_NOMEM);
  }
  ck_assert_int_eq(rc, TS_OK);
  for(n=1, rc=-1; n<100000 && rc; n++){
    char *z = NULL;
    size_t nz = 0;
    FILE *f = open_memstream(&z, &nz);
    ck_assert_ptr_nonnull(f);
    mem_fail_after(n);
    rc = diff_html_write(p, f);
    mem_fail_after(0);
    fclose(f);
    if( rc ) ck_assert_int_eq(rc, -1);
    else ck_assert_ptr_nonnull(strstr(z, "</html>\n"));
    free(z);
  }
  ck_assert_int_eq(rc, 0);
  diff_free(p);
}
END_TEST

/* ================================================================ browser */

START_TEST(test_the_diff_page_fits_a_phone_and_a_desktop_and_prints_on_one_page){
  char zDir[256];
  Diff *p;
  char *z;
  if( !pf_browser("test_diff_html") ) return;
  pf_dir("diff_html", zDir, sizeof(zDir));
  p = fixtureDiff();
  z = rfx_diff_written(p, diff_html_write);
  pf_assert_layout(zDir, "diff", z);
  ck_assert_int_le(tu_pdf_pages(zDir, "diff.html", z), 1);
  free(z);
  diff_free(p);
}
END_TEST

START_TEST(test_the_users_table_sorts_and_filters_with_script_and_is_plain_without){
  /* Click "Source user" (ascending), again (descending), then "What
  ** changes" (weightiest first; equal weights keep the order they had,
  ** here descending: emp7 before emp2); type "soft" in the filter. */
  static const char zProbe[] =
    "<script>(function(){var t=document.querySelector('table.users'),b=t.querySelectorAll('th button.sort'),o=[];"
    "function col(c){return Array.prototype.map.call(t.tBodies[0].rows,"
    "function(r){return r.cells[c].textContent;}).slice(0,4).join(' ');}"
    "b[0].click();o.push(col(0));b[0].click();o.push(col(0));b[2].click();o.push(col(0));"
    "var i=document.querySelector('.tfilter input');i.value='soft';"
    "i.dispatchEvent(new Event('input'));o.push(document.querySelector('.tfilter span').textContent);"
    "document.body.setAttribute('data-probe',o.join('|'));})();</script>";
  char zDir[256], zGot[256], zWant[256];
  Diff *p;
  char *z, *zPlain, *zDom;
  if( !pf_browser("test_diff_html") ) return;
  pf_dir("diff_html", zDir, sizeof(zDir));
  p = fixtureDiff();
  z = rfx_diff_written(p, diff_html_write);
  pf_probe(zDir, "sort.html", z, zProbe, zGot, sizeof(zGot));
  ck_assert_str_eq(zGot, "emp2 emp3 emp4 emp6|emp20 emp18 emp16 emp14|emp7 emp2 emp3 emp20|2 of 12 rows");
  /* Without script: the rows in the Diff's order, no button, no filter. */
  zPlain = pf_without_script(z);
  zDom = tu_browser_dom(zDir, "plain.html", zPlain, NULL);
  pageKeys(zDom, zGot, sizeof(zGot));
  expectedKeys(zWant, sizeof(zWant));
  ck_assert_str_eq(zGot, zWant);
  pf_assert_plain(zDom);
  free(zDom);
  free(zPlain);
  free(z);
  diff_free(p);
}
END_TEST

/* The plan page of a shipped scenario, by the command line: both sides
** named with their files, the counts of its JSON, natural order; laid out
** at both windows and printed on at most 12 pages (459 users). */
START_TEST(test_the_plan_page_of_mapping_rollout_names_the_proposal){
  char zDir[256], zPath[600], zWant[256];
  char *z;
  cJSON *pDoc, *pCounts, *c;
  pf_dir("diff_html", zDir, sizeof(zDir));
  ck_assert_int_eq(sh("%s plan scenarios/mapping-rollout.json --mapping " PROPOSAL
                      " --format html --output %s/plan.html", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s plan scenarios/mapping-rollout.json --mapping " PROPOSAL
                      " --format json --output %s/plan.json", bin(), zDir), 0);
  snprintf(zPath, sizeof(zPath), "%s/plan.json", zDir);
  pDoc = read_json(zPath);
  ck_assert_ptr_nonnull(pDoc);
  snprintf(zPath, sizeof(zPath), "%s/plan.html", zDir);
  z = tu_slurp(zPath, NULL);
  ck_assert_ptr_nonnull(strstr(z, "<b>current</b>: scenario <b>mapping-rollout</b>, seed 77<br>"
                                  "<code>scenarios/mapping-rollout.json</code></div>"));
  ck_assert_ptr_nonnull(strstr(z, "<b>proposed</b>: scenario <b>mapping-rollout</b>, seed 77<br>"
                                  "<code>scenarios/mapping-rollout.json</code> with the mapping of job"
                                  " contoso-to-fabrikam replaced by <code>" PROPOSAL "</code></div>"));
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pDoc, "b"), "proposal_file")->valuestring,
                   PROPOSAL);
  pCounts = cJSON_GetObjectItem(pDoc, "counts");
  cJSON_ArrayForEach(c, pCounts){
    snprintf(zWant, sizeof(zWant), "data-count=\"%s\"><b class=\"n\">%d</b>", c->string, c->valueint);
    ck_assert_msg(c->valueint==0 || strstr(z, zWant)!=NULL, "no card %s", zWant);
  }
  ck_assert_int_eq(cJSON_GetObjectItem(pCounts, "soft_deleted")->valueint, 20);
  ck_assert_msg(strstr(z, "title=\"emp9\"") < strstr(z, "title=\"emp10\""), "emp10 before emp9");
  ck_assert_msg(strstr(z, "title=\"emp99\"") < strstr(z, "title=\"emp100\""), "emp100 before emp99");
  cJSON_Delete(pDoc);
  if( pf_browser("test_diff_html") ){
    pf_assert_layout(zDir, "plan", z);
    ck_assert_int_le(tu_pdf_pages(zDir, "plan.html", z), 12);
  }
  free(z);
}
END_TEST

Suite *diff_html_suite(void){
  Suite *s = suite_create("diff_html");
  TCase *tc = tcase_create("page");
  TCase *tcBrowser = tcase_create("browser");
  tcase_set_timeout(tc, 120);
  tcase_set_timeout(tcBrowser, 300);
  tcase_add_test(tc, test_users_come_in_natural_key_order_in_every_format);
  tcase_add_test(tc, test_the_page_names_both_sides_then_counts_equal_to_the_diff);
  tcase_add_test(tc, test_each_kind_is_marked_by_colour_and_by_its_mark_and_word);
  tcase_add_test(tc, test_every_table_scrolls_in_its_box_and_the_only_script_is_the_kit_s);
  tcase_add_test(tc, test_describe_and_page_survive_every_failed_allocation);
  tcase_add_test(tcBrowser, test_the_diff_page_fits_a_phone_and_a_desktop_and_prints_on_one_page);
  tcase_add_test(tcBrowser, test_the_users_table_sorts_and_filters_with_script_and_is_plain_without);
  tcase_add_test(tcBrowser, test_the_plan_page_of_mapping_rollout_names_the_proposal);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcBrowser);
  return s;
}
