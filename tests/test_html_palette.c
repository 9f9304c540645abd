/*
** test_html_palette.c — the specification of the HTML page's colours
** (reports/report_html_palette.c): every pair of categorical colours that
** one legend must tell apart stays distinguishable for a reader with
** deuteranopia or protanopia, and the page paints each class with the
** colour the table gives it.
**
** The model: Machado, Oliveira and Fernandes, "A Physiologically-based
** Model for Simulation of Color Vision Deficiency" (IEEE TVCG 15(6), 2009),
** the matrices for severity 1.0 (dichromacy), applied to linear RGB (the
** sRGB transfer function undone, the result clamped to [0, 1]) — the
** transform Chrome's and Firefox's DevTools use. The distance: CIEDE2000
** (Sharma, Wu and Dalal 2005) between the CIELAB colours (D65 white) of
** the two simulated colours.
**
** The threshold, ΔE00 >= 10: a just-noticeable difference is about 1 to
** 2.3, and two marks on a chart must be told apart at a glance, not side by
** side under scrutiny; 10 is the usual bound for colours "clearly
** different" in categorical palettes. It keeps GitHub's former green and
** red for initial and failed cycles apart (6.5 under deuteranopia) out, as
** issue 14 asked, and the palette's worst pair in use is 11.8.
*/
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report_htmlInt.h"
#include "test_util.h"
#include "suites.h"

#define PALETTE_MIN_DE 10.0

/* ================================================================ colour science */

typedef struct Lab { double L, a, b; } Lab;

enum { VISION_NORMAL, VISION_DEUTAN, VISION_PROTAN, VISION_N };
static const char *const azVision[VISION_N] = { "normal", "deuteranopia", "protanopia" };

/* Machado et al. 2009, Table: severity 1.0. */
static const double aaMachado[VISION_N][3][3] = {
  { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
  { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 },
    { -0.011820, 0.042940, 0.968881 } },
  { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 },
    { -0.003882, -0.048116, 1.051998 } },
};

static double toLinear(double c){
  return c<=0.04045 ? c/12.92 : pow((c+0.055)/1.055, 2.4);
}

static double labF(double t){
  return t > 216.0/24389 ? cbrt(t) : (24389.0/27*t + 16)/116;
}

/* "#rrggbb" as seen with vision v, in CIELAB. */
static Lab labOf(const char *zHex, int v){
  unsigned r, g, b;
  double aLin[3], aSim[3], x, y, z;
  Lab lab;
  int i, j;
  ck_assert_int_eq(sscanf(zHex, "#%02x%02x%02x", &r, &g, &b), 3);
  aLin[0] = toLinear(r/255.0);
  aLin[1] = toLinear(g/255.0);
  aLin[2] = toLinear(b/255.0);
  for(i=0; i<3; i++){
    aSim[i] = 0;
    for(j=0; j<3; j++) aSim[i] += aaMachado[v][i][j]*aLin[j];
    if( aSim[i]<0 ) aSim[i] = 0;
    if( aSim[i]>1 ) aSim[i] = 1;
  }
  x = (0.4124564*aSim[0] + 0.3575761*aSim[1] + 0.1804375*aSim[2])/0.95047;
  y = 0.2126729*aSim[0] + 0.7151522*aSim[1] + 0.0721750*aSim[2];
  z = (0.0193339*aSim[0] + 0.1191920*aSim[1] + 0.9503041*aSim[2])/1.08883;
  lab.L = 116*labF(y) - 16;
  lab.a = 500*(labF(x) - labF(y));
  lab.b = 200*(labF(y) - labF(z));
  return lab;
}

#define PALETTE_PI 3.14159265358979323846

static double rad(double d){ return d*PALETTE_PI/180; }

/* CIEDE2000, kL = kC = kH = 1 (Sharma, Wu and Dalal 2005, equations 1-17). */
static double deltaE2000(Lab p, Lab q){
  double c1 = hypot(p.a, p.b), c2 = hypot(q.a, q.b), cBar = (c1+c2)/2;
  double g = 0.5*(1 - sqrt(pow(cBar, 7)/(pow(cBar, 7) + pow(25, 7))));
  double a1 = (1+g)*p.a, a2 = (1+g)*q.a;
  double c1p = hypot(a1, p.b), c2p = hypot(a2, q.b);
  double h1 = c1p==0 ? 0 : fmod(atan2(p.b, a1)*180/PALETTE_PI + 360, 360);
  double h2 = c2p==0 ? 0 : fmod(atan2(q.b, a2)*180/PALETTE_PI + 360, 360);
  double dL = q.L - p.L, dC = c2p - c1p, dh, dH, lBar, cBarP, hBar, t, dTheta, rC, sL, sC, sH, rT;
  if( c1p*c2p==0 ) dh = 0;
  else if( fabs(h2-h1)<=180 ) dh = h2-h1;
  else if( h2-h1>180 ) dh = h2-h1-360;
  else dh = h2-h1+360;
  dH = 2*sqrt(c1p*c2p)*sin(rad(dh/2));
  lBar = (p.L + q.L)/2;
  cBarP = (c1p + c2p)/2;
  if( c1p*c2p==0 ) hBar = h1+h2;
  else if( fabs(h1-h2)<=180 ) hBar = (h1+h2)/2;
  else if( h1+h2<360 ) hBar = (h1+h2+360)/2;
  else hBar = (h1+h2-360)/2;
  t = 1 - 0.17*cos(rad(hBar-30)) + 0.24*cos(rad(2*hBar)) + 0.32*cos(rad(3*hBar+6))
        - 0.20*cos(rad(4*hBar-63));
  dTheta = 30*exp(-pow((hBar-275)/25, 2));
  rC = 2*sqrt(pow(cBarP, 7)/(pow(cBarP, 7) + pow(25, 7)));
  sL = 1 + 0.015*pow(lBar-50, 2)/sqrt(20 + pow(lBar-50, 2));
  sC = 1 + 0.045*cBarP;
  sH = 1 + 0.015*cBarP*t;
  rT = -sin(rad(2*dTheta))*rC;
  return sqrt(pow(dL/sL, 2) + pow(dC/sC, 2) + pow(dH/sH, 2) + rT*(dC/sC)*(dH/sH));
}

static double deltaE(const char *zHex1, const char *zHex2, int v){
  return deltaE2000(labOf(zHex1, v), labOf(zHex2, v));
}

/* Whether the space-separated list zGroups names zGroup. */
static int inGroup(const char *zGroups, const char *zGroup){
  size_t n = strlen(zGroup);
  const char *z = zGroups;
  while( (z = strstr(z, zGroup))!=NULL ){
    if( (z==zGroups || z[-1]==' ') && (z[n]==0 || z[n]==' ') ) return 1;
    z += n;
  }
  return 0;
}

/* WCAG 2 contrast ratio of two sRGB colours. */
static double contrast(const char *zHex1, const char *zHex2){
  unsigned r, g, b;
  double y1, y2;
  ck_assert_int_eq(sscanf(zHex1, "#%02x%02x%02x", &r, &g, &b), 3);
  y1 = 0.2126*toLinear(r/255.0) + 0.7152*toLinear(g/255.0) + 0.0722*toLinear(b/255.0);
  ck_assert_int_eq(sscanf(zHex2, "#%02x%02x%02x", &r, &g, &b), 3);
  y2 = 0.2126*toLinear(r/255.0) + 0.7152*toLinear(g/255.0) + 0.0722*toLinear(b/255.0);
  return (fmax(y1, y2) + 0.05)/(fmin(y1, y2) + 0.05);
}

/* ================================================================ tests */

/* The distance is CIEDE2000: Sharma et al.'s test pairs 1, 7, 13, 17, 25
** and 34, to four decimals. */
START_TEST(test_delta_e_is_ciede2000){
  static const struct { Lab p, q; double de; } a[] = {
    { { 50, 2.6772, -79.7751 }, { 50, 0, -82.7485 }, 2.0425 },
    { { 50, 0, 0 }, { 50, -1, 2 }, 2.3669 },
    { { 50, 2.5, 0 }, { 50, 0, -2.5 }, 4.3065 },
    { { 50, 2.5, 0 }, { 73, 25, -18 }, 27.1492 },
    { { 60.2574, -34.0099, 36.2677 }, { 60.4626, -34.1751, 39.4387 }, 1.2644 },
    { { 2.0776, 0.0795, -1.1350 }, { 0.9033, -0.0636, -0.5514 }, 0.9082 },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    double de = deltaE2000(a[i].p, a[i].q);
    ck_assert_msg(fabs(de - a[i].de) < 0.0001, "pair %zu: %.4f, want %.4f", i, de, a[i].de);
    ck_assert_double_eq_tol(deltaE2000(a[i].q, a[i].p), de, 1e-9);   /* symmetric */
  }
}
END_TEST

/* The simulation has teeth: the green and red the cycle chart drew before
** (#1f883d initial, #cf222e failed) are plain to normal vision and too
** close under deuteranopia, which is what issue 14 reported. */
START_TEST(test_simulation_merges_the_old_green_and_red_for_a_deuteranope){
  ck_assert_double_gt(deltaE("#1f883d", "#cf222e", VISION_NORMAL), 50);
  ck_assert_double_lt(deltaE("#1f883d", "#cf222e", VISION_DEUTAN), PALETTE_MIN_DE);
  /* White stays white under every matrix (rows sum to 1). */
  ck_assert_double_lt(deltaE("#ffffff", "#ffffff", VISION_PROTAN), 1e-9);
  ck_assert_double_lt(labOf("#ffffff", VISION_DEUTAN).L - 100, 0.01);
}
END_TEST

/* Every pair of colours in one legend keeps ΔE00 >= 10 in normal vision,
** deuteranopia and protanopia. */
START_TEST(test_every_pair_of_a_legend_survives_deuteranopia_and_protanopia){
  static const char *const azGroup[] = { "cycles", "drift", "latency", "severity" };
  size_t g;
  int i, j, v, nPair = 0;
  double worst = 1e9;
  for(g=0; g<sizeof(azGroup)/sizeof(azGroup[0]); g++){
    int nIn = 0;
    for(i=0; i<report_html_palette_count; i++){
      const HtmlColour *c1 = &report_html_palette[i];
      if( !inGroup(c1->zGroups, azGroup[g]) ) continue;
      nIn++;
      for(j=i+1; j<report_html_palette_count; j++){
        const HtmlColour *c2 = &report_html_palette[j];
        if( !inGroup(c2->zGroups, azGroup[g]) ) continue;
        nPair++;
        for(v=0; v<VISION_N; v++){
          double de = deltaE(c1->zHex, c2->zHex, v);
          if( de<worst ) worst = de;
          ck_assert_msg(de >= PALETTE_MIN_DE, "%s: %s %s and %s %s are %.1f apart in %s vision"
                        " (at least %.0f)", azGroup[g], c1->zClass, c1->zHex, c2->zClass,
                        c2->zHex, de, azVision[v], PALETTE_MIN_DE);
        }
      }
    }
    ck_assert_msg(nIn>=2, "legend %s has %d colours", azGroup[g], nIn);
  }
  ck_assert_int_ge(nPair, 15 + 6 + 1 + 10);   /* cycles 6, drift 4, latency 2, severity 5 */
  ck_assert_double_ge(worst, PALETTE_MIN_DE);
}
END_TEST

/* Each colour has a second cue, and a badge's words are legible on it
** (WCAG AA, 4.5:1). */
START_TEST(test_every_colour_has_a_second_cue_and_badges_are_legible){
  int i;
  for(i=0; i<report_html_palette_count; i++){
    const HtmlColour *c = &report_html_palette[i];
    ck_assert_msg(c->zCue && strlen(c->zCue)>5, "%s has no second cue", c->zClass);
    ck_assert_msg(strchr("fspb", c->cPaint)!=NULL, "%s paints as '%c'", c->zClass, c->cPaint);
    ck_assert_msg((c->cPaint=='p')==(c->zPattern!=NULL), "%s: pattern and paint disagree", c->zClass);
    if( c->cPaint=='b' ){
      ck_assert_ptr_nonnull(c->zInk);
      ck_assert_msg(contrast(c->zHex, c->zInk) >= 4.5, "badge %s: %s on %s is %.2f:1", c->zClass,
                    c->zInk, c->zHex, contrast(c->zHex, c->zInk));
    }
  }
}
END_TEST

/* The page paints each class with the table's colour (so the test above
** reads what the page draws), and each pattern is defined once. */
START_TEST(test_the_page_paints_each_class_with_its_colour){
  StrBuf sb;
  int i;
  strbuf_init(&sb);
  report_html_palette_css(&sb);
  report_html_palette_defs(&sb);
  ck_assert_int_eq(sb.bErr, 0);
  for(i=0; i<report_html_palette_count; i++){
    const HtmlColour *c = &report_html_palette[i];
    char zWant[160];
    if( c->cPaint=='p' ){
      snprintf(zWant, sizeof(zWant), "svg .%s{fill:url(#p-%s)}", c->zClass, c->zClass);
      ck_assert_msg(strstr(strbuf_str(&sb), zWant)!=NULL, "no %s", zWant);
      snprintf(zWant, sizeof(zWant), "<pattern id=\"p-%s\" ", c->zClass);
      ck_assert_int_eq(tu_count(strbuf_str(&sb), zWant), 1);
      snprintf(zWant, sizeof(zWant), "fill=\"%s\"", c->zHex);
    }else if( c->cPaint=='s' ){
      snprintf(zWant, sizeof(zWant), "svg .%s{stroke:%s}", c->zClass, c->zHex);
    }else if( c->cPaint=='b' ){
      snprintf(zWant, sizeof(zWant), ".%s{fill:%s;background:%s;", c->zClass, c->zHex, c->zHex);
    }else{
      snprintf(zWant, sizeof(zWant), "svg .%s{fill:%s}", c->zClass, c->zHex);
    }
    ck_assert_msg(strstr(strbuf_str(&sb), zWant)!=NULL, "no %s", zWant);
  }
  strbuf_free(&sb);
}
END_TEST

Suite *html_palette_suite(void){
  Suite *s = suite_create("html_palette");
  TCase *tc = tcase_create("palette");
  tcase_add_test(tc, test_delta_e_is_ciede2000);
  tcase_add_test(tc, test_simulation_merges_the_old_green_and_red_for_a_deuteranope);
  tcase_add_test(tc, test_every_pair_of_a_legend_survives_deuteranopia_and_protanopia);
  tcase_add_test(tc, test_every_colour_has_a_second_cue_and_badges_are_legible);
  tcase_add_test(tc, test_the_page_paints_each_class_with_its_colour);
  suite_add_tcase(s, tc);
  return s;
}
