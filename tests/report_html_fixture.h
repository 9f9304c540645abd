/*
** report_html_fixture.h — what the suites of the run report's HTML page
** (test_html, test_html_detect, test_html_layout_e2e) share about the
** page's one script: the page holds exactly one <script> element, and it
** is the sort-and-filter script of html_kit.c; and the page as a browser
** with script off builds it (the page minus that element: chromium's
** --dump-dom itself needs script). Static inline, rhf_*.
*/
#ifndef TS_REPORT_HTML_FIXTURE_H
#define TS_REPORT_HTML_FIXTURE_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "html_kit.h"
#include "mem.h"
#include "strbuf.h"
#include "test_util.h"

/* Page (or DOM) z holds one <script> element, html_kit_script()'s, byte
** for byte up to its </script>. */
static inline void rhf_assert_only_kit_script(const char *z){
  StrBuf sb;
  char *zKit;
  strbuf_init(&sb);
  html_kit_script(&sb);
  zKit = strbuf_take(&sb);
  ck_assert_ptr_nonnull(zKit);
  zKit[strlen(zKit)-1] = 0;                 /* the newline after </script> */
  ck_assert_int_eq(tu_count(z, "<script"), 1);
  ck_assert_msg(strstr(z, zKit)!=NULL, "the page's one script is not html_kit's");
  mem_free(zKit);
}

/* A copy of page z (malloc'ed, free()) without its one <script> element. */
static inline char *rhf_without_script(const char *z){
  const char *zStart = strstr(z, "<script>"), *zEnd;
  char *zCopy;
  size_t nHead;
  ck_assert_ptr_nonnull(zStart);
  zEnd = strstr(zStart, "</script>");
  ck_assert_ptr_nonnull(zEnd);
  zEnd += strlen("</script>");
  nHead = (size_t)(zStart - z);
  zCopy = malloc(strlen(z) + 1);
  ck_assert_ptr_nonnull(zCopy);
  memcpy(zCopy, z, nHead);
  strcpy(zCopy + nHead, zEnd);
  ck_assert_int_eq(tu_count(zCopy, "<script"), 0);
  return zCopy;
}

#endif
