/*
** test_html_charts.c — the specification of the HTML page's charts
** (reports/report_html_svg.c, _drift.c, _cycles.c, _latency.c): timeline
** actions too close for their numbers share a label or stagger, and no two
** labels of a row overlap; a row of cycles too dense to draw one by one is
** aggregated per whole hour of the UTC clock while a lone initial cycle
** keeps its own bar; the latency histogram's log-spaced bins keep one slow
** change from flattening the rest, labelled in the page's notation; fault
** windows are hatched, labelled bands on the drift and cycle charts; the
** job's quarantine is a labelled span of its own row.
**
** Each test builds a finished one-day run by hand (report_fixture.h:
** rfx_open: tenants src 0 and tgt 1, job 0 src-to-tgt) with the rows its
** rule is about, and reads the page report_html_write() makes of it.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "report_htmlInt.h"
#include "report_fixture.h"
#include "test_util.h"
#include "suites.h"

/* ================================================================ fixture */

/* The page of f's database (free()). */
static char *pageOf(Rfx *f){
  Report *p = rfx_report(f->pStore);
  char *z = NULL;
  size_t n = 0;
  FILE *out = open_memstream(&z, &n);
  ck_assert_ptr_nonnull(out);
  ck_assert_int_eq(report_html_write(p, f->pStore, out), 0);
  fclose(out);
  report_free(p);
  return z;
}

/* The part of page z from zStart to the next zEnd (free()). */
static char *partOf(const char *z, const char *zStart, const char *zEnd){
  const char *zA = strstr(z, zStart), *zB;
  ck_assert_msg(zA!=NULL, "no %s in the page", zStart);
  zB = strstr(zA, zEnd);
  ck_assert_ptr_nonnull(zB);
  return strndup(zA, (size_t)(zB - zA));
}

/* A label: its text, centre x and baseline y. */
typedef struct Label { char z[32]; long x, y; } Label;

/* The action numbers of page z, in its order. */
static int actionLabels(const char *z, Label *a, int nMax){
  static const char zTag[] = "<text class=\"action\" x=\"";
  int n = 0;
  while( (z = strstr(z, zTag))!=NULL && n<nMax ){
    const char *zText;
    z += strlen(zTag);
    a[n].x = strtol(z, NULL, 10);
    z = strstr(z, "y=\"");
    ck_assert_ptr_nonnull(z);
    a[n].y = strtol(z+3, NULL, 10);
    zText = strchr(z, '>') + 1;
    snprintf(a[n].z, sizeof(a[n].z), "%.*s", (int)strcspn(zText, "<"), zText);
    n++;
  }
  return n;
}

/* No two labels on one baseline overlap, by the width the chart gives them. */
static void assertApart(const Label *a, int n){
  int i, j;
  for(i=0; i<n; i++){
    for(j=i+1; j<n; j++){
      long wi = (long)report_html_svg_text_w(a[i].z), wj = (long)report_html_svg_text_w(a[j].z);
      if( a[i].y!=a[j].y ) continue;
      ck_assert_msg(a[i].x + wi/2 <= a[j].x - wj/2 || a[j].x + wj/2 <= a[i].x - wi/2,
                    "labels %s (x %ld) and %s (x %ld) overlap", a[i].z, a[i].x, a[j].z, a[j].x);
    }
  }
}

/* Drift samples for tgt, so that it has a chart. */
static void addDrift(Rfx *f){
  rfx_sql(f, "INSERT INTO metrics VALUES(0,1,'drift',5),(3600,1,'drift',0),(0,-1,'drift',5),"
             "(3600,-1,'drift',0)");
}

/* ================================================================ tests */

/* Five actions a minute apart share "1–5"; the next two, 30 minutes
** apart, keep their own numbers. */
START_TEST(test_close_actions_share_one_label_and_no_labels_overlap){
  Rfx f;
  Label a[16];
  char *z;
  int n, k;
  rfx_open(&f);
  addDrift(&f);
  for(k=1; k<=5; k++){
    rfx_sql(&f, "INSERT INTO timeline(seq,at,action,summary,objects) VALUES(%d,%d,'terminate',"
                "'user %d left',1)", k, 3600 + 60*k, k);
  }
  rfx_sql(&f, "INSERT INTO timeline(seq,at,action,summary,objects) VALUES(6,43200,'pause_job','p',0),"
              "(7,45000,'start_job','s',0)");
  z = pageOf(&f);
  n = actionLabels(z, a, 16);
  ck_assert_int_eq(n, 3);
  ck_assert_str_eq(a[0].z, "1\xe2\x80\x93" "5");
  ck_assert_str_eq(a[1].z, "6");
  ck_assert_str_eq(a[2].z, "7");
  assertApart(a, n);
  /* Every action keeps its own line and tooltip. */
  {
    char *zChart = partOf(z, "<svg class=\"chart drift-chart\"", "</svg>");
    ck_assert_int_eq(tu_count(zChart, "<line class=\"action\""), 7);
    free(zChart);
  }
  ck_assert_ptr_nonnull(strstr(z, "<title>#3 at Day 1 09:03: terminate \xe2\x80\x94 user 3 left</title>"));
  free(z);
  rfx_close(&f);
}
END_TEST

/* Three actions 12 units apart: too close for one row, far enough for
** two; none merged. */
START_TEST(test_neighbouring_action_numbers_alternate_between_two_rows){
  Rfx f;
  Label a[16];
  char *z;
  int n;
  long tStep = 12L*86400/(HTML_W-HTML_PAD_L-HTML_PAD_R) + 1;
  rfx_open(&f);
  addDrift(&f);
  rfx_sql(&f, "INSERT INTO timeline(seq,at,action,summary,objects) VALUES(1,20000,'a','a',0),"
              "(2,%ld,'b','b',0),(3,%ld,'c','c',0)", 20000 + tStep, 20000 + 2*tStep);
  z = pageOf(&f);
  n = actionLabels(z, a, 16);
  ck_assert_int_eq(n, 3);
  ck_assert_str_eq(a[0].z, "1");
  ck_assert_str_eq(a[1].z, "2");
  ck_assert_str_eq(a[2].z, "3");
  ck_assert_int_ne(a[0].y, a[1].y);          /* 2 above 1 */
  ck_assert_int_eq(a[0].y, a[2].y);          /* 3 back in the first row */
  assertApart(a, n);
  free(z);
  rfx_close(&f);
}
END_TEST

/* 400 incremental cycles in a day are one bar per hour with the count in
** its tooltip; the initial cycle and the three failures keep bars of
** their own rows. */
START_TEST(test_a_dense_row_of_cycles_is_aggregated_and_the_initial_cycle_stays_visible){
  Rfx f;
  char *z, *zChart;
  int k, nBar;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 60, "Succeeded");
  for(k=0; k<400; k++){
    rfx_add_cycle(&f, 0, "incremental", 200 + 200*k, 230 + 200*k, k%150==7 ? "Failed" : "Succeeded");
  }
  z = pageOf(&f);
  zChart = partOf(z, "<svg class=\"chart cycle-chart\"", "</svg>");
  ck_assert_int_eq(tu_count(zChart, "<rect class=\"initial\""), 1);
  ck_assert_int_eq(tu_count(zChart, "<rect class=\"failed\""), 3);
  nBar = tu_count(zChart, "<rect class=\"incremental\"");
  ck_assert_int_ge(nBar, 22);                /* 400 cycles from 00:03 to 22:13 ... */
  ck_assert_int_le(nBar, 25);                /* ... on the hours of one day */
  ck_assert_ptr_nonnull(strstr(zChart, "<title>18 incremental cycles from Day 1 09:00 to Day 1 10:00</title>"));
  /* The rows are named: position and name tell them apart, not colour. */
  ck_assert_ptr_nonnull(strstr(zChart, ">initial</text>"));
  ck_assert_ptr_nonnull(strstr(zChart, ">incremental</text>"));
  ck_assert_ptr_nonnull(strstr(zChart, ">failed</text>"));
  ck_assert_ptr_nonnull(strstr(z, "<p class=\"muted note\">One bar per 1 h of the UTC clock for the"
                                  " 400 incremental cycles"));
  free(zChart);
  free(z);
  rfx_close(&f);
}
END_TEST

/* 50 changes of 90 s, 30 of 20 minutes and one of two days: bins grow by
** twos and threes, so the slow one gets a bar far right and the others
** stay tall; the edges read in the page's notation. */
START_TEST(test_latency_bins_are_log_spaced_so_one_slow_change_does_not_flatten_the_rest){
  Rfx f;
  char *z, *zChart;
  int k;
  rfx_open(&f);
  rfx_sql(&f, "UPDATE run_info SET value='345600' WHERE key='end_t'");
  for(k=0; k<50; k++) rfx_add_change(&f, 0, 100 + k, 90);
  for(k=0; k<30; k++) rfx_add_change(&f, 0, 200 + k, 1200);
  rfx_add_change(&f, 0, 300, 2*86400 + 100);
  z = pageOf(&f);
  zChart = partOf(z, "<svg class=\"chart latency-chart\"", "</svg>");
  ck_assert_ptr_nonnull(strstr(zChart, "<title>50 changes with a latency of 1 m to 2 m</title>"));
  ck_assert_ptr_nonnull(strstr(zChart, "<title>30 changes with a latency of 15 m to 30 m</title>"));
  ck_assert_ptr_nonnull(strstr(zChart, "<title>1 change with a latency of 2 d to 4 d</title>"));
  /* Bars 1 m ... 2 d: the 50 and the 30 keep their heights (the axis
  ** tops at 60), the slow one is still seen. */
  {
    int aH[20], n = 0;
    const char *zAt = zChart;
    while( (zAt = strstr(zAt, "<rect class=\"bar\""))!=NULL && n<20 ){
      zAt = strstr(zAt, "height=\"");
      aH[n++] = atoi(zAt + 8);
    }
    ck_assert_int_eq(n, 13);
    ck_assert_int_eq(aH[0], 50*126/60);
    ck_assert_int_eq(aH[4], 30*126/60);
    ck_assert_int_eq(aH[12], 2);
    ck_assert_int_eq(aH[1] + aH[2] + aH[3] + aH[5] + aH[11], 0);
  }
  ck_assert_ptr_nonnull(strstr(zChart, ">1 m</text>"));
  ck_assert_ptr_nonnull(strstr(zChart, ">12 h</text>"));
  ck_assert_ptr_null(strstr(zChart, "PT"));
  ck_assert_ptr_nonnull(strstr(zChart, ">changes</text>"));          /* the y axis title */
  free(zChart);
  free(z);
  rfx_close(&f);
}
END_TEST

/* Fault windows of the target: hatched bands on its drift chart and on
** its job's cycle chart, each labelled with its kind (overlapping labels
** stacked), detailed in its tooltip, and named in the legend. */
START_TEST(test_fault_windows_are_hatched_labelled_bands){
  Rfx f;
  char *z, *zDrift, *zCycles;
  rfx_open(&f);
  addDrift(&f);
  rfx_sql(&f, "INSERT INTO faults VALUES(0,1,'outage',3600,7200,NULL,NULL,'InternalServerError'),"
              "(1,1,'throttle',3600,7200,NULL,4.0,NULL),(2,1,'transient',40000,NULL,0.1,NULL,"
              "'TooManyRequests')");
  rfx_add_cycle(&f, 0, "initial", 0, 60, "Succeeded");
  z = pageOf(&f);
  zDrift = partOf(z, "<svg class=\"chart drift-chart\"", "</svg>");
  zCycles = partOf(z, "<svg class=\"chart cycle-chart\"", "</svg>");
  ck_assert_int_eq(tu_count(zDrift, "<rect class=\"fault\""), 3);
  ck_assert_int_eq(tu_count(zCycles, "<rect class=\"fault\""), 3);
  ck_assert_ptr_nonnull(strstr(zDrift, ">outage</text>"));
  ck_assert_ptr_nonnull(strstr(zDrift, ">throttled \xc3\x97" "4</text>"));
  ck_assert_ptr_nonnull(strstr(zDrift, ">transient errors 10 %</text>"));
  ck_assert_ptr_nonnull(strstr(zDrift, "<title>fault: outage (InternalServerError) from Day 1 09:00"
                                       " to Day 1 10:00</title>"));
  ck_assert_ptr_nonnull(strstr(zDrift, "to beyond the end of the run</title>"));
  /* The first two overlap: their labels are on different rows. */
  {
    const char *zA = strstr(zDrift, ">outage</text>"), *zB = strstr(zDrift, ">throttled");
    const char *yA = zA, *yB = zB;
    while( strncmp(yA, " y=\"", 4)!=0 ) yA--;
    while( strncmp(yB, " y=\"", 4)!=0 ) yB--;
    ck_assert_int_ne(atoi(yA+4), atoi(yB+4));
  }
  ck_assert_ptr_nonnull(strstr(zCycles, ">faults</text>"));         /* its own row */
  ck_assert_ptr_nonnull(strstr(z, "svg .fault{fill:url(#p-fault)}"));
  ck_assert_ptr_nonnull(strstr(z, "<pattern id=\"p-fault\" "));
  ck_assert_int_eq(tu_count(z, "<rect class=\"fault\" width=\"14\""), 2);   /* the legends */
  free(zDrift);
  free(zCycles);
  free(z);
  rfx_close(&f);
}
END_TEST

/* A run without faults names none in a legend. */
START_TEST(test_no_fault_no_fault_legend){
  Rfx f;
  char *z;
  rfx_open(&f);
  addDrift(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 60, "Succeeded");
  z = pageOf(&f);
  ck_assert_ptr_null(strstr(z, "<rect class=\"fault\""));
  ck_assert_ptr_null(strstr(z, ">faults</text>"));
  free(z);
  rfx_close(&f);
}
END_TEST

/* A quarantine is a hatched span of the job state row, with its word
** and its reason. */
START_TEST(test_a_quarantine_is_a_labelled_span_of_the_job_state_row){
  Rfx f;
  char *z, *zCycles;
  rfx_open(&f);
  rfx_add_cycle(&f, 0, "initial", 0, 60, "Failed");
  rfx_sql(&f, "INSERT INTO quarantines(job,reason,began,ended) VALUES(0,'EncounteredQuarantineException',"
              "1000,40000)");
  z = pageOf(&f);
  zCycles = partOf(z, "<svg class=\"chart cycle-chart\"", "</svg>");
  ck_assert_ptr_nonnull(strstr(zCycles, "<title>quarantined: EncounteredQuarantineException from"
                                        " Day 1 08:16 to Day 1 19:06</title>"));
  ck_assert_ptr_nonnull(strstr(zCycles, ">quarantined</text>"));
  ck_assert_ptr_nonnull(strstr(zCycles, ">job state</text>"));
  ck_assert_ptr_nonnull(strstr(z, "svg .quar{fill:url(#p-quar)}"));
  free(zCycles);
  free(z);
  rfx_close(&f);
}
END_TEST

Suite *html_charts_suite(void){
  Suite *s = suite_create("html_charts");
  TCase *tc = tcase_create("charts");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_close_actions_share_one_label_and_no_labels_overlap);
  tcase_add_test(tc, test_neighbouring_action_numbers_alternate_between_two_rows);
  tcase_add_test(tc, test_a_dense_row_of_cycles_is_aggregated_and_the_initial_cycle_stays_visible);
  tcase_add_test(tc, test_latency_bins_are_log_spaced_so_one_slow_change_does_not_flatten_the_rest);
  tcase_add_test(tc, test_fault_windows_are_hatched_labelled_bands);
  tcase_add_test(tc, test_no_fault_no_fault_legend);
  tcase_add_test(tc, test_a_quarantine_is_a_labelled_span_of_the_job_state_row);
  suite_add_tcase(s, tc);
  return s;
}
