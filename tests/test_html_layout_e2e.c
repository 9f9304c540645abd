/*
** test_html_layout_e2e.c — the run report's HTML page (reports/
** report_html*.c) as people see it, for every shipped scenario
** (the .json files of scenarios/, found when the suite is built): run with the binary
** under test ($TENANTSIM), its page loaded in headless chromium
**   - at 1280x900 and at 390x844 (a phone) with tu_layout_probe: no
**     element wider than the window outside a box that scrolls sideways, no
**     text under 10 px, no word broken across lines in a table cell
**     ("wide 0 small 0 broken 0");
**   - printed to PDF (tu_pdf_pages): at most HTML_PAGES_WEEK pages for a run
**     of up to a week, HTML_PAGES_LONG for a longer one;
** and on mapping-rollout, whose 20 orphans the page lists in byte order
** (emp101 ... emp2 ...), the orphans table with its script (sort buttons on
** every header, natural order both ways, a filter that counts) and without
** it (the plain table in the page's order, no button, no filter box).
**
** Artefacts — each page, its probe copy, the two screenshots, the two
** DOMs and the PDF (about 1 MB a scenario; the browser profiles are
** removed) — stay in /tmp/tenantsim-html-layout-<build>/<scenario>/
** (build: the folder of $TENANTSIM, so the plain and the sanitizer runs
** keep theirs apart), replaced on the next run; nothing goes into git.
** Without /usr/bin/chromium only the browser checks are skipped.
**
** Time: the three browser loads of a scenario run side by side (the PDF
** in the foreground, the two windows in the background), about 3 s a
** scenario.
*/
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "html_kit.h"
#include "strbuf.h"
#include "e2e_fixture.h"
#include "report_html_fixture.h"
#include "test_util.h"
#include "suites.h"

#define HTML_PAGES_WEEK   4   /* printed pages of a run of up to 7 days */
#define HTML_PAGES_LONG   8   /* ... of a longer run */
#define LAYOUT_WANT "wide 0 small 0 broken 0"

/* ================================================================ fixture */

#define MAX_SCN 64
static char aazScn[MAX_SCN][64];   /* shipped scenario names, sorted */
static int nScn;

static int cmpName(const void *a, const void *b){
  return strcmp((const char*)a, (const char*)b);
}

/* The shipped scenarios, read once when the suite is built. */
static void findScenarios(void){
  DIR *d = opendir("scenarios");
  struct dirent *e;
  nScn = 0;
  if( d==NULL ) return;
  while( (e = readdir(d))!=NULL && nScn<MAX_SCN ){
    size_t n = strlen(e->d_name);
    if( n>5 && n<sizeof(aazScn[0])+5 && strcmp(e->d_name+n-5, ".json")==0 ){
      memcpy(aazScn[nScn], e->d_name, n-5);
      aazScn[nScn][n-5] = 0;
      nScn++;
    }
  }
  closedir(d);
  qsort(aazScn, (size_t)nScn, sizeof(aazScn[0]), cmpName);
}

/* The artefact folder of scenario zScn, emptied: /tmp/tenantsim-html-
** layout-<build>/<zScn>, build the name of $TENANTSIM's folder. */
static void artefactDir(const char *zScn, char *zDir, size_t n){
  const char *zBin = bin(), *zSlash = strrchr(zBin, '/');
  char zBuild[32] = "plain";
  if( zSlash && zSlash>zBin ){
    const char *zStart = zSlash - 1;
    while( zStart>zBin && zStart[-1]!='/' ) zStart--;
    if( zSlash - zStart < (long)sizeof(zBuild) && zSlash[-1]!='.' ){
      memcpy(zBuild, zStart, (size_t)(zSlash - zStart));
      zBuild[zSlash - zStart] = 0;
    }
  }
  snprintf(zDir, n, "/tmp/tenantsim-html-layout-%s/%s", zBuild, zScn);
  ck_assert_int_eq(sh("rm -rf '%s' && mkdir -p '%s'", zDir, zDir), 0);
}

/* Run shipped scenario zScn into zDir (zDir/run.db, zDir/report.html) and
** return its page (free()). */
static char *runShipped(const char *zDir, const char *zScn){
  char zHtml[300];
  ck_assert_msg(sh("%s run scenarios/%s.json --db %s/run.db --html %s/report.html --quiet"
                   " > %s/run.out 2>&1", bin(), zScn, zDir, zDir, zDir)==0,
                "%s did not run (see %s/run.out)", zScn, zDir);
  snprintf(zHtml, sizeof(zHtml), "%s/report.html", zDir);
  return tu_slurp(zHtml, NULL);
}

/* Start loading zDir/zPage in a window of zSize ("W,H") in the background:
** its DOM to zDir/<W>.dom, a screenshot to zDir/<W>.png, chromium's exit
** status to zDir/<W>.rc once it is done. */
static void startWindow(const char *zDir, const char *zPage, const char *zSize){
  char zW[16];
  snprintf(zW, sizeof(zW), "%.*s", (int)strcspn(zSize, ","), zSize);
  ck_assert_int_eq(sh("(timeout 90 %s " TU_BROWSER_FLAGS
                      " --user-data-dir=%s/profile-%s --window-size=%s --screenshot=%s/%s.png"
                      " --dump-dom file://%s/%s > %s/%s.dom 2>/dev/null; echo $? > %s/%s.rc.tmp;"
                      " mv %s/%s.rc.tmp %s/%s.rc) > /dev/null 2>&1 &",
                      TU_BROWSER, zDir, zW, zSize, zDir, zW, zDir, zPage, zDir, zW, zDir, zW,
                      zDir, zW, zDir, zW), 0);
}

/* Wait (at most 100 s) for the window of width zW started by startWindow
** and return its DOM (free()); chromium must have succeeded. */
static char *waitWindow(const char *zDir, const char *zW){
  char zRc[300], zDom[300];
  int i;
  char *z;
  snprintf(zRc, sizeof(zRc), "%s/%s.rc", zDir, zW);
  for(i=0; i<1000 && access(zRc, R_OK)!=0; i++){
    struct timespec ts = { 0, 100*1000*1000 };
    nanosleep(&ts, NULL);
  }
  ck_assert_msg(access(zRc, R_OK)==0, "chromium at %s px did not finish", zW);
  z = tu_slurp(zRc, NULL);
  ck_assert_msg(atoi(z)==0, "chromium at %s px failed (%d)", zW, atoi(z));
  free(z);
  snprintf(zDom, sizeof(zDom), "%s/%s.dom", zDir, zW);
  return tu_slurp(zDom, NULL);
}

/* The layout probe's verdict in zDom: LAYOUT_WANT, else a failure that
** names the first offenders. */
static void assertFits(const char *zScn, const char *zDom, const char *zW){
  char zProbe[128], zDetail[400];
  tu_dom_attr(zDom, "data-probe", zProbe, sizeof(zProbe));
  tu_dom_attr(zDom, "data-detail", zDetail, sizeof(zDetail));
  ck_assert_msg(strcmp(zProbe, LAYOUT_WANT)==0, "%s at %s px: \"%s\" (%s)", zScn, zW, zProbe, zDetail);
}

/* ================================================================ tests */

START_TEST(test_the_shipped_scenarios_are_found){
  ck_assert_int_ge(nScn, 20);
  ck_assert_int_lt(nScn, MAX_SCN);
}
END_TEST

/* Scenario _i's page fits 1280 px and 390 px and prints on few pages. */
START_TEST(test_each_shipped_report_fits_a_phone_and_a_desktop_and_prints_on_few_pages){
  const char *zScn = aazScn[_i];
  char zDir[300], zDb[320];
  char *zPage, *zProbe, *zDom, *zDom390;
  long long tEnd;
  int nPage, nMax;
  artefactDir(zScn, zDir, sizeof(zDir));
  zPage = runShipped(zDir, zScn);
  ck_assert_int_eq(strncmp(zPage, "<!DOCTYPE html>", 15), 0);
  rhf_assert_only_kit_script(zPage);
  if( access(TU_BROWSER, X_OK)!=0 ){
    fprintf(stderr, "test_html_layout_e2e: %s not found; skipping the browser checks\n", TU_BROWSER);
    free(zPage);
    return;
  }
  zProbe = tu_layout_probe(zPage);
  {
    char zPath[340];
    FILE *f;
    snprintf(zPath, sizeof(zPath), "%s/probe.html", zDir);
    f = fopen(zPath, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(zProbe, f)>=0, 1);
    ck_assert_int_eq(fclose(f), 0);
  }
  startWindow(zDir, "probe.html", "1280,900");
  startWindow(zDir, "probe.html", "390,844");
  nPage = tu_pdf_pages(zDir, "print.html", zPage);
  zDom = waitWindow(zDir, "1280");
  zDom390 = waitWindow(zDir, "390");
  ck_assert_int_eq(sh("rm -rf %s/profile*", zDir), 0);      /* browser state, no artefact */
  assertFits(zScn, zDom, "1280");
  assertFits(zScn, zDom390, "390");
  free(zDom);
  free(zDom390);
  snprintf(zDb, sizeof(zDb), "%s/run.db", zDir);
  tEnd = q1(zDb, "SELECT value FROM run_info WHERE key='end_t'");
  ck_assert_int_gt(tEnd, 0);
  nMax = tEnd <= 7*86400 ? HTML_PAGES_WEEK : HTML_PAGES_LONG;
  ck_assert_msg(nPage>=1 && nPage<=nMax, "%s prints on %d pages (at most %d; see %s/print.html.pdf)",
                zScn, nPage, nMax, zDir);
  free(zProbe);
  free(zPage);
}
END_TEST

/* The user principal names of the orphans table of page z, in its order,
** as the tooltips hold them (the whole value), into azUpn (at most nMax);
** returns how many. */
static int orphanUpns(const char *z, char azUpn[][64], int nMax){
  const char *zAt = strstr(z, "<table class=\"orphans "), *zEnd;
  int n = 0;
  ck_assert_ptr_nonnull(zAt);
  zEnd = strstr(zAt, "</table>");
  ck_assert_ptr_nonnull(zEnd);
  while( (zAt = strstr(zAt, "<td class=\"id\" title=\""))!=NULL && zAt<zEnd && n<nMax ){
    const char *zQ;
    zAt += strlen("<td class=\"id\" title=\"");
    zQ = strchr(zAt, '"');
    ck_assert_ptr_nonnull(zQ);
    ck_assert_int_lt(zQ - zAt, 64);
    snprintf(azUpn[n++], 64, "%.*s", (int)(zQ - zAt), zAt);
  }
  return n;
}

static int cmpNatural(const void *a, const void *b){
  return html_kit_natural_cmp((const char*)a, (const char*)b);
}

/* With its script the orphans table sorts by any header in natural order,
** both ways, and filters; without it the table is the plain table. */
START_TEST(test_orphans_table_sorts_and_filters_with_script_and_is_plain_without){
  /* Click "User principal name" (ascending), record the first and last
  ** UPN; click again (descending), record the first; type the last UPN in
  ** the filter, record the count line and the rows left; the buttons. */
  static const char zClick[] =
    "<script>(function(){var t=document.querySelector('table.orphans'),o=[];"
    "function upn(i){return t.tBodies[0].rows[i].cells[1].getAttribute('title');}"
    "var b=t.tHead.rows[0].cells[1].querySelector('button.sort'),n=t.tBodies[0].rows.length;"
    "o.push(t.tHead.querySelectorAll('button.sort').length);"
    "b.click();o.push(upn(0));o.push(upn(n-1));b.click();o.push(upn(0));"
    "var last=upn(0),box=t.parentNode.previousElementSibling,i=box.querySelector('input');"
    "i.value=last;i.dispatchEvent(new Event('input'));"
    "o.push(box.querySelector('span').textContent);"
    "o.push(Array.prototype.filter.call(t.tBodies[0].rows,function(r){return !r.hidden;}).length);"
    "document.body.setAttribute('data-probe',o.join('|'));})();</script>";
  char zDir[300], zGot[400];
  StrBuf want;
  char azUpn[64][64], azSorted[64][64];
  char *zPage, *zPlain, *zDom, *zWith;
  int n;
  artefactDir("sort-mapping-rollout", zDir, sizeof(zDir));
  zPage = runShipped(zDir, "mapping-rollout");
  n = orphanUpns(zPage, azUpn, 64);
  ck_assert_int_eq(n, 20);
  memcpy(azSorted, azUpn, sizeof(azUpn));
  qsort(azSorted, (size_t)n, sizeof(azSorted[0]), cmpNatural);
  /* The page lists them in byte order: natural order differs (emp2). */
  ck_assert_str_ne(azSorted[0], azUpn[0]);
  if( access(TU_BROWSER, X_OK)!=0 ){
    free(zPage);
    return;
  }
  zWith = tu_inject(zPage, zClick);
  zDom = tu_browser_dom(zDir, "with-script.html", zWith, NULL);
  tu_dom_attr(zDom, "data-probe", zGot, sizeof(zGot));
  strbuf_init(&want);
  strbuf_printf(&want, "9|%s|%s|%s|1 of 20 rows|1", azSorted[0], azSorted[n-1], azSorted[n-1]);
  ck_assert_str_eq(zGot, strbuf_str(&want));
  strbuf_free(&want);
  ck_assert_int_ge(tu_count(zDom, "aria-sort=\"descending\""), 1);
  free(zDom);
  free(zWith);
  /* Script off: the page minus its script, as a browser without it. */
  zPlain = rhf_without_script(zPage);
  zDom = tu_browser_dom(zDir, "without-script.html", zPlain, NULL);
  ck_assert_ptr_null(strstr(zDom, "<button"));
  ck_assert_ptr_null(strstr(zDom, "class=\"tfilter\""));
  ck_assert_ptr_null(strstr(zDom, " hidden"));
  {
    char azDom[64][64];
    int i;
    ck_assert_int_eq(orphanUpns(zDom, azDom, 64), n);
    for(i=0; i<n; i++) ck_assert_str_eq(azDom[i], azUpn[i]);    /* the page's order */
  }
  free(zDom);
  free(zPlain);
  free(zPage);
  ck_assert_int_eq(sh("rm -rf %s/profile*", zDir), 0);
}
END_TEST

Suite *html_layout_e2e_suite(void){
  Suite *s = suite_create("html_layout_e2e");
  TCase *tc = tcase_create("layout");
  TCase *tcSort = tcase_create("sort");
  findScenarios();
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_the_shipped_scenarios_are_found);
  tcase_add_loop_test(tc, test_each_shipped_report_fits_a_phone_and_a_desktop_and_prints_on_few_pages,
                      0, nScn);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcSort, 300);
  tcase_add_test(tcSort, test_orphans_table_sorts_and_filters_with_script_and_is_plain_without);
  suite_add_tcase(s, tcSort);
  return s;
}
