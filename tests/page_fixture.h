/*
** page_fixture.h — what the suites of tenantsim's HTML pages (diff and
** plan, lint, trust) share beyond test_util.h: the one script a page may
** hold (html_kit's), the page with it taken out (what a browser with
** script off shows; chromium's --dump-dom itself needs script, so the
** tests strip it), the layout probe at the two windows of issue 14 with a
** screenshot of each, and where those artefacts go.
**
** Artefacts (screenshots, the probe copies, PDFs) are kept, not in git,
** in build/test/pages/<suite>/ under the directory the tests run from
** (the repository root), overwritten by the next run; the browser's
** profile goes there too.
*/
#ifndef TS_PAGE_FIXTURE_H
#define TS_PAGE_FIXTURE_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "html_kit.h"
#include "mem.h"
#include "strbuf.h"
#include "test_util.h"

/* 1 when the browser is there; else 0, saying so for suite zSuite. */
static inline int pf_browser(const char *zSuite){
  if( access(TU_BROWSER, X_OK)==0 ) return 1;
  fprintf(stderr, "%s: %s not found; skipping the browser check\n", zSuite, TU_BROWSER);
  return 0;
}

/* The artefact directory of suite zSuite, an absolute path (chromium loads
** file:// URLs), made if need be, into zDir[n]. */
static inline void pf_dir(const char *zSuite, char *zDir, size_t n){
  char zCwd[400], zCmd[600];
  ck_assert_ptr_nonnull(getcwd(zCwd, sizeof(zCwd)));
  ck_assert_msg(snprintf(zDir, n, "%s/build/test/pages/%s", zCwd, zSuite) < (int)n,
                "the path to %s's artefacts is too long", zSuite);
  snprintf(zCmd, sizeof(zCmd), "mkdir -p '%s'", zDir);
  ck_assert_int_eq(system(zCmd), 0);
}

/* The kit's script element (mem_free it). */
static inline char *pf_kit_script(void){
  StrBuf sb;
  char *z;
  strbuf_init(&sb);
  html_kit_script(&sb);
  z = strbuf_take(&sb);
  ck_assert_ptr_nonnull(z);
  return z;
}

/* Page zPage holds one script, the kit's, and it comes just before the
** end of the body. */
static inline void pf_assert_only_kit_script(const char *zPage){
  char *zKit = pf_kit_script();
  const char *zAt = strstr(zPage, zKit);
  ck_assert_int_eq(tu_count(zPage, "<script"), 1);
  ck_assert_msg(zAt!=NULL, "the page's script is not the kit's");
  ck_assert_msg(strncmp(zAt + strlen(zKit), "</body>", 7)==0, "the kit's script is not last");
  mem_free(zKit);
}

/* A copy of page zPage (free()) without the kit's script: the page a
** browser with script off shows. */
static inline char *pf_without_script(const char *zPage){
  char *zKit = pf_kit_script();
  const char *zAt = strstr(zPage, zKit);
  size_t nKit = strlen(zKit);
  char *z;
  ck_assert_ptr_nonnull(zAt);
  z = malloc(strlen(zPage) - nKit + 1);
  ck_assert_ptr_nonnull(z);
  memcpy(z, zPage, (size_t)(zAt - zPage));
  strcpy(z + (zAt - zPage), zAt + nKit);
  mem_free(zKit);
  ck_assert_ptr_null(strstr(z, "<script"));
  return z;
}

/* DOM zDom, of a page loaded without script, has none of what the kit's
** script adds: no sort button, no filter box, no hidden row. */
static inline void pf_assert_plain(const char *zDom){
  ck_assert_ptr_null(strstr(zDom, "<button"));
  ck_assert_ptr_null(strstr(zDom, "class=\"tfilter\""));
  ck_assert_ptr_null(strstr(zDom, "<tr hidden"));
}

/* Load page zPage with the layout probe at 1280x900 and at 390x844 and
** assert "wide 0 small 0 broken 0" at both (test_util.h's tu_layout_probe
** says what each counts); a screenshot of each window is kept beside it
** as zDir/zName-1280.png and -390.png. */
static inline void pf_assert_layout(const char *zDir, const char *zName, const char *zPage){
  static const char *const azSize[] = { "1280,900", "390,844" };
  char zFile[300], zCmd[2048], zProbe[128], zDetail[512];
  int i, rc;
  for(i=0; i<2; i++){
    char *zCopy = tu_layout_probe(zPage), *zDom;
    snprintf(zFile, sizeof(zFile), "%s-probe.html", zName);
    zDom = tu_browser_dom(zDir, zFile, zCopy, azSize[i]);
    tu_dom_attr(zDom, "data-probe", zProbe, sizeof(zProbe));
    tu_dom_attr(zDom, "data-detail", zDetail, sizeof(zDetail));
    ck_assert_msg(strcmp(zProbe, "wide 0 small 0 broken 0")==0, "%s at %s: \"%s\" (%s)", zName,
                  azSize[i], zProbe, zDetail);
    free(zDom);
    free(zCopy);
    snprintf(zCmd, sizeof(zCmd), "timeout 60 %s " TU_BROWSER_FLAGS
             " --user-data-dir=%s/profile --window-size=%s --screenshot=%s/%s-%.*s.png"
             " file://%s/%s-probe.html >/dev/null 2>&1", TU_BROWSER, zDir, azSize[i], zDir, zName,
             (int)strcspn(azSize[i], ","), azSize[i], zDir, zName);
    rc = system(zCmd);
    ck_assert_msg(rc==0, "chromium --screenshot failed (%d)", rc);
  }
}

/* The value of data-probe that probe script zProbe (run before </body>,
** after the page's own script) left on page zPage, into zOut[n]. */
static inline const char *pf_probe(const char *zDir, const char *zName, const char *zPage,
                                   const char *zProbe, char *zOut, size_t n){
  char *zCopy = tu_inject(zPage, zProbe), *zDom;
  zDom = tu_browser_dom(zDir, zName, zCopy, NULL);
  tu_dom_attr(zDom, "data-probe", zOut, n);
  free(zDom);
  free(zCopy);
  return zOut;
}

#endif
