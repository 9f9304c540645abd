/*
** test_trust_html.c — the specification of the trust page
** (reports/trust_svg.c, trust_fmt.c) as a reader sees it: the diagram in
** its own scroll box, shrinking with the window only as far as keeps its
** text at 10 px; the table of paths in the kit's style, sortable and
** filterable, the plain table without script; the kit's script the only
** one. With /usr/bin/chromium the page of the shipped mto-2026 (five
** tenants, 14 paths, 8 with a problem) is laid out at 1280x900 and
** 390x844 (nothing wider than the window outside a scroll box, no text
** under 10 px, SVG text as its scale draws it, no word split in a cell)
** and printed on at most 3 pages; without it only that part is skipped.
*/
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "page_fixture.h"
#include "run_fixture.h"
#include "store.h"
#include "suites.h"
#include "trust.h"

/* The trust page of the shipped mto-2026 at the end of its run, returned
** (free()); its graph's path count and the paths with no job using them
** to *pnEdge and *pnDangling. */
static char *mtoPage(int *pnEdge, int *pnDangling){
  char zDb[64];
  char *zText = tu_slurp("scenarios/mto-2026.json", NULL), *z = NULL;
  Store *pStore = NULL;
  TrustGraph g;
  TsErr err;
  size_t n = 0;
  FILE *f;
  int i;
  fixture_run("tstrusthtml", "scenarios/mto-2026.json", zText, zDb, sizeof(zDb));
  free(zText);
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(trust_build(pStore, -1, &g, &err)==TS_OK, "trust_build: %s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
  *pnEdge = g.nEdge;
  *pnDangling = 0;
  for(i=0; i<g.nEdge; i++) *pnDangling += (g.aEdge[i].mProblem & TRUST_P_DANGLING)!=0;
  f = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(trust_fmt_write(&g, TRUST_HTML, f, &err), TS_OK);
  fclose(f);
  trust_free(&g);
  return z;
}

START_TEST(test_the_diagram_scrolls_and_shrinks_no_further_than_readable_text){
  int nEdge, nDangling;
  char *z = mtoPage(&nEdge, &nDangling);
  const char *zSvg = strstr(z, "<div class=\"scroll\"><svg class=\"trust\" role=\"img\" width=\"");
  double w, wMin;
  ck_assert_int_eq(nEdge, 14);
  ck_assert_ptr_nonnull(zSvg);
  ck_assert_int_eq(sscanf(strstr(zSvg, "width=\""), "width=\"%lf\" style=\"min-width:%lfpx\"", &w, &wMin),
                   2);
  /* 11 px labels drawn at wMin/w of their size stay at 10 px and over. */
  ck_assert_msg(11*wMin/w >= 10 && wMin <= w, "min-width %.0f of %.0f", wMin, w);
  ck_assert_double_eq(wMin, ceil(w*0.92));
  /* In print the diagram fits the page and is not split. */
  ck_assert_ptr_nonnull(strstr(z, "@media print{svg.trust{min-width:0 !important;break-inside:avoid}"));
  free(z);
}
END_TEST

START_TEST(test_the_table_is_the_kit_s_and_so_is_the_only_script){
  int nEdge, nDangling;
  char *z = mtoPage(&nEdge, &nDangling);
  ck_assert_int_eq(tu_count(z, "<div class=\"scroll\"><table"), tu_count(z, "<table"));
  ck_assert_ptr_nonnull(strstr(z, "<table class=\"trust sortable\" data-filter=\"rows\">"));
  ck_assert_ptr_nonnull(strstr(z, "<th class=\"n\">#</th>"));
  ck_assert_int_eq(tu_count(z, "<td class=\"n\">"), nEdge);
  ck_assert_ptr_nonnull(strstr(z, HTML_KIT_CSS));
  pf_assert_only_kit_script(z);
  /* a setting's label with a hyphen stays whole */
  ck_assert_ptr_nonnull(strstr(z, "<span class=\"ts\">inbound <span class=\"nw\">auto-redeem</span>: <b>"));
  free(z);
}
END_TEST

START_TEST(test_the_page_fits_a_phone_and_a_desktop_and_prints_on_three_pages){
  char zDir[256];
  int nEdge, nDangling;
  char *z;
  if( !pf_browser("test_trust_html") ) return;
  pf_dir("trust_html", zDir, sizeof(zDir));
  z = mtoPage(&nEdge, &nDangling);
  pf_assert_layout(zDir, "mto-2026", z);
  ck_assert_int_le(tu_pdf_pages(zDir, "mto-2026.html", z), 3);
  free(z);
}
END_TEST

/* With script: "#" sorts (again: descending), the filter finds the paths
** no job uses. Without: the paths in the page's order, 1 to 14, no button
** and no filter box. */
START_TEST(test_the_paths_sort_and_filter_with_script_and_are_plain_without){
  static const char zProbe[] =
    "<script>(function(){var t=document.querySelector('table.trust'),b=t.querySelectorAll('th button.sort'),o=[];"
    "function col(){return Array.prototype.map.call(t.tBodies[0].rows,"
    "function(r){return r.cells[0].textContent;}).slice(0,3).join(' ');}"
    "b[0].click();o.push(col());b[0].click();o.push(col());"
    "var i=document.querySelector('.tfilter input');i.value='no job uses it';"
    "i.dispatchEvent(new Event('input'));o.push(document.querySelector('.tfilter span').textContent);"
    "document.body.setAttribute('data-probe',o.join('|'));})();</script>";
  char zDir[256], zGot[128], zWant[128];
  int nEdge, nDangling, i;
  char *z, *zPlain, *zDom;
  const char *zAt;
  if( !pf_browser("test_trust_html") ) return;
  pf_dir("trust_html", zDir, sizeof(zDir));
  z = mtoPage(&nEdge, &nDangling);
  ck_assert_int_gt(nDangling, 0);
  pf_probe(zDir, "sort.html", z, zProbe, zGot, sizeof(zGot));
  snprintf(zWant, sizeof(zWant), "1 2 3|14 13 12|%d of %d rows", nDangling, nEdge);
  ck_assert_str_eq(zGot, zWant);
  zPlain = pf_without_script(z);
  zDom = tu_browser_dom(zDir, "plain.html", zPlain, NULL);
  for(i=1, zAt=zDom; i<=nEdge; i++){
    char zRow[48];
    snprintf(zRow, sizeof(zRow), "<tr id=\"trust-path-%d\"", i);
    zAt = strstr(zAt, zRow);
    ck_assert_msg(zAt!=NULL, "path %d missing or out of order", i);
  }
  pf_assert_plain(zDom);
  free(zDom);
  free(zPlain);
  free(z);
}
END_TEST

Suite *trust_html_suite(void){
  Suite *s = suite_create("trust_html");
  TCase *tc = tcase_create("page");
  TCase *tcBrowser = tcase_create("browser");
  tcase_set_timeout(tc, 120);
  tcase_set_timeout(tcBrowser, 240);
  tcase_add_test(tc, test_the_diagram_scrolls_and_shrinks_no_further_than_readable_text);
  tcase_add_test(tc, test_the_table_is_the_kit_s_and_so_is_the_only_script);
  tcase_add_test(tcBrowser, test_the_page_fits_a_phone_and_a_desktop_and_prints_on_three_pages);
  tcase_add_test(tcBrowser, test_the_paths_sort_and_filter_with_script_and_are_plain_without);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcBrowser);
  return s;
}
