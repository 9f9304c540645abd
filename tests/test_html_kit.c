/*
** test_html_kit.c — the specification of what the HTML pages share
** (reports/html_kit.c): natural order in C, text whose words never split,
** and the sort-and-filter script in headless chromium with script on
** (headers sort, in natural order, both ways; the filter hides what does
** not match and counts) and off (the plain table, in its own order,
** nothing dead left on the page).
** Without /usr/bin/chromium only the browser part is skipped.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "html_kit.h"
#include "test_util.h"
#include "suites.h"

START_TEST(test_natural_order_compares_digit_runs_as_numbers){
  ck_assert_int_lt(html_kit_natural_cmp("emp2", "emp10"), 0);
  ck_assert_int_gt(html_kit_natural_cmp("emp100", "emp10"), 0);
  ck_assert_int_lt(html_kit_natural_cmp("emp1", "emp1a"), 0);
  ck_assert_int_eq(html_kit_natural_cmp("emp007", "emp7"), 0);
  ck_assert_int_lt(html_kit_natural_cmp("a9b", "a10a"), 0);
  ck_assert_int_lt(html_kit_natural_cmp("Zed", "abc"), 0);       /* bytes, not case-folded */
  ck_assert_int_lt(html_kit_natural_cmp(NULL, ""), 0);
  ck_assert_int_eq(html_kit_natural_cmp(NULL, NULL), 0);
  /* A run longer than any integer type still compares by length first. */
  ck_assert_int_lt(html_kit_natural_cmp("u99999999999999999999999", "u100000000000000000000000"), 0);
}
END_TEST

/* html_kit_text escapes like strbuf_xml_text and keeps each word that a
** browser could break inside (after a hyphen, a slash, a dash) on one
** line; spaces, and a hyphen or slash that ends a word, stay as they are. */
START_TEST(test_text_keeps_breakable_words_whole_and_escapes){
  StrBuf sb;
  strbuf_init(&sb);
  html_kit_text(&sb, "job contoso-to-fabrikam never deletes: and/or <b>&'\" x- /");
  ck_assert_str_eq(strbuf_str(&sb), "job <span class=\"nw\">contoso-to-fabrikam</span> never deletes:"
                   " <span class=\"nw\">and/or</span> &lt;b&gt;&amp;&#39;&quot; x- /");
  strbuf_reset(&sb);
  html_kit_text(&sb, "\xe2\x80\x94" "a\xe2\x80\x93" "b\n  two");   /* dashes; a newline stays */
  ck_assert_str_eq(strbuf_str(&sb), "<span class=\"nw\">\xe2\x80\x94" "a\xe2\x80\x93" "b</span>\n  two");
  strbuf_reset(&sb);
  html_kit_text(&sb, NULL);
  html_kit_text(&sb, "");
  ck_assert_str_eq(strbuf_str(&sb), "");
  strbuf_free(&sb);
}
END_TEST

/* The script is one <script> element and holds no markup of its own that
** could close it early. */
START_TEST(test_script_is_one_element){
  StrBuf sb;
  const char *z;
  strbuf_init(&sb);
  html_kit_script(&sb);
  z = strbuf_str(&sb);
  ck_assert_int_eq(tu_count(z, "<script"), 1);
  ck_assert_int_eq(tu_count(z, "</"), 1);
  ck_assert_ptr_nonnull(strstr(z, "</script>\n"));
  strbuf_free(&sb);
}
END_TEST

/* A page with one sortable, filterable table: keys out of natural order
** and counts with thousands separators. */
static char *kitPage(const char *zProbe){
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_append(&sb, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>" HTML_KIT_CSS
                "</style></head><body><div class=\"scroll\"><table class=\"sortable\" data-filter=\"rows\">"
                "<thead><tr><th>User</th><th class=\"n\">Count</th></tr></thead><tbody>"
                "<tr><td>emp10</td><td class=\"n\">1,024</td></tr>"
                "<tr><td>emp2</td><td class=\"n\">99</td></tr>"
                "<tr><td>emp1</td><td class=\"n\" data-sort=\"5\">five</td></tr>"
                "</tbody></table></div>");
  html_kit_script(&sb);
  if( zProbe ) strbuf_append(&sb, zProbe);
  strbuf_append(&sb, "</body></html>\n");
  ck_assert_int_eq(sb.bErr, 0);
  return strbuf_take(&sb);
}

/* The order of the first column as the DOM shows it, "emp1 emp2 emp10". */
static void firstColumn(const char *zDom, char *zOut, size_t nOut){
  const char *z = strstr(zDom, "<tbody>");
  size_t n = 0;
  zOut[0] = 0;
  ck_assert_ptr_nonnull(z);
  while( (z = strstr(z, "<tr"))!=NULL && (z = strstr(z, "<td>"))!=NULL ){
    const char *zEnd;
    z += 4;
    zEnd = strstr(z, "</td>");
    ck_assert_ptr_nonnull(zEnd);
    if( n ) zOut[n++] = ' ';
    ck_assert_int_lt(n + (size_t)(zEnd - z), nOut);
    memcpy(zOut + n, z, (size_t)(zEnd - z));
    n += (size_t)(zEnd - z);
    zOut[n] = 0;
    z = zEnd;
  }
}

static void rmDir(const char *zDir){
  char zCmd[256];
  snprintf(zCmd, sizeof(zCmd), "rm -rf '%s'", zDir);
  ck_assert_int_eq(system(zCmd), 0);
}

START_TEST(test_script_sorts_in_natural_order_both_ways_and_filters){
  /* After load: click User (ascending), record; click again (descending),
  ** record; click Count, record; type "emp1" in the filter, record the
  ** count line. */
  static const char zProbe[] =
    "<script>(function(){var b=document.querySelectorAll('th button.sort'),o=[];"
    "function col(c){return Array.prototype.map.call(document.querySelector('tbody').rows,"
    "function(r){return r.cells[c].textContent;}).join(' ');}"
    "b[0].click();o.push(col(0));b[0].click();o.push(col(0));b[1].click();o.push(col(1));"
    "var i=document.querySelector('.tfilter input');i.value='emp1';"
    "i.dispatchEvent(new Event('input'));o.push(document.querySelector('.tfilter span').textContent);"
    "o.push(document.querySelectorAll('tbody tr[hidden]').length);"
    "document.body.setAttribute('data-probe',o.join('|'));})();</script>";
  char zDir[64], zAttr[256];
  char *zPage, *zDom;
  if( access(TU_BROWSER, X_OK)!=0 ){
    fprintf(stderr, "test_html_kit: %s not found; skipping the browser check\n", TU_BROWSER);
    return;
  }
  snprintf(zDir, sizeof(zDir), "/tmp/tshtmlkit-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(zDir));
  zPage = kitPage(zProbe);
  zDom = tu_browser_dom(zDir, "kit.html", zPage, NULL);
  tu_dom_attr(zDom, "data-probe", zAttr, sizeof(zAttr));
  ck_assert_str_eq(zAttr, "emp1 emp2 emp10|emp10 emp2 emp1|five 99 1,024|2 of 3 rows|1");
  ck_assert_int_eq(tu_count(zDom, "aria-sort=\"ascending\""), 1);
  free(zDom);
  free(zPage);
  rmDir(zDir);
}
END_TEST

/* Without script: the page as a browser with script off builds it (the
** page minus its one <script> element; chromium's --dump-dom itself needs
** script) shows every row in the page's order, no sort button and no
** filter box. */
START_TEST(test_without_script_the_table_is_plain){
  char zDir[64], zOrder[128];
  char *zPage, *zDom, *zStart, *zEnd;
  if( access(TU_BROWSER, X_OK)!=0 ) return;
  snprintf(zDir, sizeof(zDir), "/tmp/tshtmlkit-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(zDir));
  zPage = kitPage(NULL);
  zStart = strstr(zPage, "<script>");
  zEnd = strstr(zPage, "</script>\n");
  ck_assert(zStart!=NULL && zEnd!=NULL);
  memmove(zStart, zEnd + 10, strlen(zEnd + 10) + 1);
  zDom = tu_browser_dom(zDir, "kit.html", zPage, NULL);
  firstColumn(zDom, zOrder, sizeof(zOrder));
  ck_assert_str_eq(zOrder, "emp10 emp2 emp1");
  ck_assert_ptr_null(strstr(zDom, "<button"));
  ck_assert_ptr_null(strstr(zDom, "tfilter\""));
  ck_assert_ptr_null(strstr(zDom, " hidden"));
  free(zDom);
  free(zPage);
  rmDir(zDir);
}
END_TEST

Suite *html_kit_suite(void){
  Suite *s = suite_create("html_kit");
  TCase *tc = tcase_create("natural");
  TCase *tcBrowser = tcase_create("browser");
  tcase_set_timeout(tcBrowser, 150);
  tcase_add_test(tc, test_natural_order_compares_digit_runs_as_numbers);
  tcase_add_test(tc, test_script_is_one_element);
  tcase_add_test(tc, test_text_keeps_breakable_words_whole_and_escapes);
  tcase_add_test(tcBrowser, test_script_sorts_in_natural_order_both_ways_and_filters);
  tcase_add_test(tcBrowser, test_without_script_the_table_is_plain);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcBrowser);
  return s;
}
