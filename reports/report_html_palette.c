/*
** report_html_palette.c — the HTML page's categorical colours, in one
** table (report_htmlInt.h: HtmlColour), and what is made from it: the CSS
** that paints each class, the SVG patterns of the hatched marks and the
** legend swatches. Nothing else on the page names these colours, so the
** palette test (tests/test_html_palette.c) checks the colours the page
** really draws.
**
** Why these colours. Each group is one legend: the marks a reader must
** tell apart on one chart. The hues are taken from Okabe and Ito's
** palette for colour-blind readers (bluish green, sky blue, vermillion,
** orange, reddish purple, blue) and GitHub's severity reds and blue; the
** test keeps every pair of a group at CIEDE2000 >= 10 in normal vision and
** under deuteranopia and protanopia (Machado et al. 2009, severity 1).
** Colour is never the only cue: each entry says the second one (a row of
** its own with its name, a hatch, a word), and the legend shows both.
*/
#include <string.h>
#include "report_htmlInt.h"

const HtmlColour report_html_palette[] = {
  /* The cycle timeline: a row per kind, the job's state, fault bands. */
  { "initial",     "cycles",       "#009e73", 'f', NULL,    "its own row, labelled initial", NULL },
  { "incremental", "cycles",       "#56b4e9", 'f', NULL,    "its own row, labelled incremental", NULL },
  { "failed",      "cycles",       "#d55e00", 'p', "cross", "its own row, labelled failed; cross-hatched", NULL },
  { "quar",        "cycles",       "#e69f00", 'p', "fwd",   "the job state row, hatched ///, labelled quarantined", NULL },
  { "paused",      "cycles",       "#bcc3cb", 'p', "back",  "the job state row, hatched \\\\\\, labelled paused", NULL },
  { "fault",       "cycles drift", "#cc79a7", 'p', "band",  "a band hatched in its colour, labelled with the fault's kind", NULL },
  /* The drift chart (and its fault bands, above). */
  { "drift",       "drift",        "#0072b2", 's', NULL,    "the one solid line", NULL },
  { "action",      "drift",        "#8e2f6e", 's', NULL,    "dashed lines numbered as in the narrative", NULL },
  { "instep",      "drift",        "#009e73", 's', NULL,    "a solid vertical line labelled in step", NULL },
  /* The latency histogram. */
  { "bar",         "latency",      "#0072b2", 'f', NULL,    "solid bars over labelled bins", NULL },
  { "open",        "latency",      "#d55e00", 's', NULL,    "a dashed outline labelled open at the end", NULL },
  /* Severity badges and the findings timeline: the word is always there. */
  { "sev-critical", "severity",    "#82071e", 'b', NULL,    "the word critical", "#ffffff" },
  { "sev-high",     "severity",    "#cf222e", 'b', NULL,    "the word high", "#ffffff" },
  { "sev-medium",   "severity",    "#d4a72c", 'b', NULL,    "the word medium", "#1b1f24" },
  { "sev-low",      "severity",    "#0969da", 'b', NULL,    "the word low (or info)", "#ffffff" },
  { "sev-suppressed", "severity",  "#d0d7de", 'b', NULL,    "the word suppressed", "#1b1f24" },
};
const int report_html_palette_count =
  (int)(sizeof(report_html_palette)/sizeof(report_html_palette[0]));

/* The strokes of each pattern on a 6-unit tile: forward (///) and back
** (\\\) diagonals, both (xx), and a band's hatch (\\\ in its colour). */
static const char *report_html_palette_path(const char *zPattern){
  if( strcmp(zPattern, "back")==0 || strcmp(zPattern, "band")==0 ){
    return "M-1,-1 L7,7 M5,-1 L7,1 M-1,5 L1,7";
  }
  if( strcmp(zPattern, "cross")==0 ) return "M-1,7 L7,-1 M-1,-1 L7,7";
  return "M-1,7 L7,-1 M5,7 L7,5 M-1,1 L1,-1";   /* fwd */
}

void report_html_palette_css(StrBuf *pSb){
  int i;
  for(i=0; i<report_html_palette_count; i++){
    const HtmlColour *c = &report_html_palette[i];
    switch( c->cPaint ){
      case 'p':
        strbuf_printf(pSb, "svg .%s{fill:url(#p-%s)}", c->zClass, c->zClass);
        break;
      case 's':
        /* A line, and its labels in the same colour. */
        strbuf_printf(pSb, "svg .%s{stroke:%s}svg text.%s{fill:%s;stroke:none}", c->zClass,
                      c->zHex, c->zClass, c->zHex);
        break;
      case 'b':
        strbuf_printf(pSb, ".%s{fill:%s;background:%s;color:%s}", c->zClass, c->zHex, c->zHex,
                      c->zInk);
        break;
      default:
        strbuf_printf(pSb, "svg .%s{fill:%s}", c->zClass, c->zHex);
    }
    strbuf_append(pSb, "\n");
  }
}

void report_html_palette_defs(StrBuf *pSb){
  int i;
  strbuf_append(pSb, "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\""
                " xmlns=\"http://www.w3.org/2000/svg\"><defs>\n");
  for(i=0; i<report_html_palette_count; i++){
    const HtmlColour *c = &report_html_palette[i];
    int bBand;
    if( c->cPaint!='p' ) continue;
    bBand = strcmp(c->zPattern, "band")==0;
    strbuf_printf(pSb, "<pattern id=\"p-%s\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">",
                  c->zClass);
    /* A band is its colour's hatch over a light tint of it, so the chart
    ** under it stays readable; a mark is its colour with a white hatch. */
    if( bBand ){
      strbuf_printf(pSb, "<rect width=\"6\" height=\"6\" fill=\"%s\" fill-opacity=\".1\"/>"
                    "<path d=\"%s\" stroke=\"%s\" stroke-width=\"1\" stroke-opacity=\".7\"/>", c->zHex,
                    report_html_palette_path(c->zPattern), c->zHex);
    }else{
      strbuf_printf(pSb, "<rect width=\"6\" height=\"6\" fill=\"%s\"/>"
                    "<path d=\"%s\" stroke=\"#ffffff\" stroke-width=\"1.2\" stroke-opacity=\".8\"/>",
                    c->zHex, report_html_palette_path(c->zPattern));
    }
    strbuf_append(pSb, "</pattern>\n");
  }
  strbuf_append(pSb, "</defs></svg>\n");
}

/* A line's swatch is a short line of it; any other a square. */
void report_html_palette_swatch(StrBuf *pSb, const char *zClass, const char *zLabel){
  int i, bLine = 0;
  for(i=0; i<report_html_palette_count; i++){
    if( strcmp(report_html_palette[i].zClass, zClass)==0 ) bLine = report_html_palette[i].cPaint=='s';
  }
  strbuf_append(pSb, "<span><svg class=\"sw\" viewBox=\"0 0 14 14\" aria-hidden=\"true\">");
  if( bLine ) strbuf_printf(pSb, "<line class=\"%s\" x1=\"0\" y1=\"7\" x2=\"14\" y2=\"7\"/>", zClass);
  else strbuf_printf(pSb, "<rect class=\"%s\" width=\"14\" height=\"14\"/>", zClass);
  strbuf_printf(pSb, "</svg>%s</span>", zLabel);
}

void report_html_palette_legend(StrBuf *pSb, const char *const *az, int bFault, const char *zFault){
  strbuf_append(pSb, "<p class=\"legend\">");
  for(; az[0]; az+=2) report_html_palette_swatch(pSb, az[0], az[1]);
  if( bFault ) report_html_palette_swatch(pSb, "fault", zFault);
  strbuf_append(pSb, "</p>\n");
}
