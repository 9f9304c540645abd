/*
** test_strbuf.c — the specification of engine/base/strbuf.c: a StrBuf
** grows without limit, is always NUL-terminated, escapes JSON and HTML
** exactly, and an allocation failure is sticky: later appends are ignored,
** strbuf_take gives NULL and strbuf_write writes nothing.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "suites.h"

START_TEST(test_an_empty_buffer_reads_as_the_empty_string){
  StrBuf b;
  strbuf_init(&b);
  ck_assert_str_eq(strbuf_str(&b), "");
  ck_assert_uint_eq(b.n, 0);
  strbuf_append(&b, NULL);
  ck_assert_str_eq(strbuf_str(&b), "");
  strbuf_free(&b);
}
END_TEST

START_TEST(test_appends_concatenate_and_stay_nul_terminated){
  StrBuf b;
  strbuf_init(&b);
  strbuf_append(&b, "ab");
  strbuf_appendc(&b, 'c');
  strbuf_appendn(&b, "defXYZ", 3);
  strbuf_printf(&b, "-%d-%s", 42, "x");
  ck_assert_str_eq(strbuf_str(&b), "abcdef-42-x");
  ck_assert_uint_eq(b.n, strlen("abcdef-42-x"));
  strbuf_free(&b);
}
END_TEST

START_TEST(test_a_long_printf_is_not_cut){
  StrBuf b;
  char zBig[5000];
  memset(zBig, 'q', sizeof(zBig)-1);
  zBig[sizeof(zBig)-1] = 0;
  strbuf_init(&b);
  strbuf_append(&b, "<");
  strbuf_printf(&b, "%s>", zBig);
  ck_assert_uint_eq(b.n, sizeof(zBig)+1);
  ck_assert_int_eq(strbuf_str(&b)[b.n-1], '>');
  strbuf_free(&b);
}
END_TEST

START_TEST(test_reset_empties_but_keeps_the_buffer){
  StrBuf b;
  strbuf_init(&b);
  strbuf_append(&b, "hello");
  strbuf_reset(&b);
  ck_assert_str_eq(strbuf_str(&b), "");
  ck_assert_uint_ge(b.nAlloc, 6);
  strbuf_append(&b, "x");
  ck_assert_str_eq(strbuf_str(&b), "x");
  strbuf_free(&b);
}
END_TEST

START_TEST(test_json_string_escapes_quotes_backslashes_and_control_characters){
  StrBuf b;
  strbuf_init(&b);
  strbuf_json_string(&b, "a\"b\\c\nd\re\tf\001g\xc3\xa9");
  ck_assert_str_eq(strbuf_str(&b), "\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\xc3\xa9\"");
  strbuf_reset(&b);
  strbuf_json_string(&b, NULL);
  ck_assert_str_eq(strbuf_str(&b), "\"\"");
  strbuf_free(&b);
}
END_TEST

START_TEST(test_xml_text_escapes_the_five_metacharacters){
  StrBuf b;
  strbuf_init(&b);
  strbuf_xml_text(&b, "<a href=\"x\">Tom & Jerry's</a>");
  ck_assert_str_eq(strbuf_str(&b),
                   "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  strbuf_xml_text(&b, NULL);
  ck_assert_uint_eq(b.n, strlen(strbuf_str(&b)));
  /* n bytes only: a part of a string, its metacharacters escaped */
  strbuf_reset(&b);
  strbuf_xml_textn(&b, "a<b>&c'd", 6);
  strbuf_xml_textn(&b, NULL, 3);
  ck_assert_str_eq(strbuf_str(&b), "a&lt;b&gt;&amp;c");
  strbuf_free(&b);
}
END_TEST

START_TEST(test_take_hands_over_the_buffer_and_leaves_it_empty){
  StrBuf b;
  char *z;
  strbuf_init(&b);
  strbuf_append(&b, "mine");
  z = strbuf_take(&b);
  ck_assert_str_eq(z, "mine");
  ck_assert_str_eq(strbuf_str(&b), "");
  mem_free(z);
  strbuf_free(&b);
}
END_TEST

START_TEST(test_write_puts_the_contents_on_the_stream){
  StrBuf b;
  char *zOut = NULL;
  size_t nOut = 0;
  FILE *f = open_memstream(&zOut, &nOut);
  strbuf_init(&b);
  strbuf_append(&b, "line\n");
  ck_assert_int_eq(strbuf_write(&b, f), 0);
  fclose(f);
  ck_assert_str_eq(zOut, "line\n");
  free(zOut);
  strbuf_free(&b);
}
END_TEST

/* Every allocation failure is latched: the rest of the appends are
** ignored, take gives NULL, write writes nothing and says so. */
START_TEST(test_an_allocation_failure_is_sticky){
  long n;
  for(n=1; ; n++){
    StrBuf b;
    char *zOut = NULL, *z;
    size_t nOut = 0;
    FILE *f;
    int i;
    strbuf_init(&b);
    mem_fail_after(n);
    for(i=0; i<200; i++) strbuf_printf(&b, "%d,", i);
    mem_fail_after(0);
    if( !b.bErr ){
      ck_assert_uint_eq(b.n, strlen(strbuf_str(&b)));
      strbuf_free(&b);
      break;
    }
    strbuf_append(&b, "more");           /* ignored, no crash */
    ck_assert_int_ne(b.bErr, 0);
    f = open_memstream(&zOut, &nOut);
    ck_assert_int_eq(strbuf_write(&b, f), -1);
    fclose(f);
    ck_assert_uint_eq(nOut, 0);
    free(zOut);
    z = strbuf_take(&b);
    ck_assert_ptr_null(z);
    strbuf_free(&b);
  }
  ck_assert_int_gt(n, 1);
}
END_TEST

Suite *strbuf_suite(void){
  Suite *s = suite_create("strbuf");
  TCase *tc = tcase_create("build");
  TCase *tcEsc = tcase_create("escape");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_an_empty_buffer_reads_as_the_empty_string);
  tcase_add_test(tc, test_appends_concatenate_and_stay_nul_terminated);
  tcase_add_test(tc, test_a_long_printf_is_not_cut);
  tcase_add_test(tc, test_reset_empties_but_keeps_the_buffer);
  tcase_add_test(tc, test_take_hands_over_the_buffer_and_leaves_it_empty);
  tcase_add_test(tc, test_write_puts_the_contents_on_the_stream);
  suite_add_tcase(s, tc);
  tcase_add_test(tcEsc, test_json_string_escapes_quotes_backslashes_and_control_characters);
  tcase_add_test(tcEsc, test_xml_text_escapes_the_five_metacharacters);
  suite_add_tcase(s, tcEsc);
  tcase_add_test(tcOom, test_an_allocation_failure_is_sticky);
  suite_add_tcase(s, tcOom);
  return s;
}
