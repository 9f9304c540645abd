/*
** test_util.h — small helpers any suite may use that know nothing of
** tenantsim: reading a whole file, counting a string's occurrences, and
** for the suites of HTML pages the DOM headless chromium builds of a page
** and a copy of a page that reports whether it is wider than its window.
** Static inline, because the Makefile compiles only tests/test_*.c and
** run_tests.c; each suite takes what it uses.
*/
#ifndef TS_TEST_UTIL_H
#define TS_TEST_UTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of file zPath (read as bytes) as a NUL-terminated string,
** malloc'ed: the caller owns it and frees it with free(). Its length
** without the terminator goes to *pn when pn is not NULL; a file with NUL
** bytes is returned whole, so *pn may exceed strlen(). A file that cannot
** be opened or read fails the test; a caller for whom the file is
** optional checks access(zPath, R_OK) first. */
static inline char *tu_slurp(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  ck_assert_msg(f!=NULL, "cannot open %s", zPath);
  ck_assert_msg(fseek(f, 0, SEEK_END)==0, "cannot seek in %s", zPath);
  n = ftell(f);
  ck_assert_msg(n>=0, "cannot size %s", zPath);
  rewind(f);
  z = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(z);
  ck_assert_msg(fread(z, 1, (size_t)n, f)==(size_t)n, "short read of %s", zPath);
  z[n] = 0;
  fclose(f);
  if( pn ) *pn = (size_t)n;
  return z;
}

/* How many times zNeedle occurs in z (not overlapping). */
static inline int tu_count(const char *z, const char *zNeedle){
  int n = 0;
  size_t nNeedle = strlen(zNeedle);
  while( (z = strstr(z, zNeedle))!=NULL ){ n++; z += nNeedle; }
  return n;
}

/* The browser the HTML suites load their pages in; a suite checks
** access(TU_BROWSER, X_OK) and skips its browser test without it. */
#define TU_BROWSER "/usr/bin/chromium"

/* Write page zPage to zDir/zName, load it in headless chromium (its
** profile in zDir/profile; a window of zSize "W,H", NULL for the default)
** and return the DOM chromium serialises once it has loaded (--dump-dom),
** malloc'ed (free()). The test fails when chromium fails or takes over 60
** s: a page whose script called alert() would hang until then. */
static inline char *tu_browser_dom(const char *zDir, const char *zName, const char *zPage,
                                   const char *zSize){
  char zHtml[512], zDom[600], zCmd[2048];
  FILE *f;
  int rc;
  snprintf(zHtml, sizeof(zHtml), "%s/%s", zDir, zName);
  snprintf(zDom, sizeof(zDom), "%s.dom", zHtml);
  f = fopen(zHtml, "w");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(fputs(zPage, f)>=0, 1);
  ck_assert_int_eq(fclose(f), 0);
  snprintf(zCmd, sizeof(zCmd), "timeout 60 %s --headless --no-sandbox --disable-gpu"
           " --no-first-run --disable-background-networking --disable-component-update"
           " --disable-sync --user-data-dir=%s/profile%s%s --dump-dom file://%s >%s 2>/dev/null",
           TU_BROWSER, zDir, zSize ? " --window-size=" : "", zSize ? zSize : "", zHtml, zDom);
  rc = system(zCmd);
  ck_assert_msg(rc==0, "chromium --dump-dom failed or timed out (%d)", rc);
  return tu_slurp(zDom, NULL);
}

/* A copy of page zPage (malloc'ed, free()) with a test-only script before
** its </body> that sets the body's data-probe to "fits N" or "overflow N",
** N the document's width in px, as the window it is loaded in shows it:
** whether the page itself, not a box inside it, scrolls sideways. */
static inline char *tu_width_probe(const char *zPage){
  static const char zScript[] =
    "<script>document.body.setAttribute('data-probe', (document.documentElement.scrollWidth"
    " > window.innerWidth ? 'overflow ' : 'fits ') + document.documentElement.scrollWidth);"
    "</script>";
  const char *zEnd = strstr(zPage, "</body>");
  size_t nHead;
  char *z;
  ck_assert_ptr_nonnull(zEnd);
  nHead = (size_t)(zEnd - zPage);
  z = malloc(strlen(zPage) + sizeof(zScript));
  ck_assert_ptr_nonnull(z);
  memcpy(z, zPage, nHead);
  memcpy(z + nHead, zScript, sizeof(zScript) - 1);
  strcpy(z + nHead + sizeof(zScript) - 1, zEnd);
  return z;
}

#endif
