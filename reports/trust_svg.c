/*
** trust_svg.c — the trust graph drawn: the topology diagram (an inline
** SVG), the table of edges beside it, and the self-contained trust page
** (trust.h).
**
** Layout: the tenants sit on a circle in database order, "every tenant"
** (when a default policy admits anyone) at its centre; an edge is an
** arrow from the source's box to the target's, the two directions of a
** pair drawn side by side. Each edge carries its number and badges; a
** label is placed at the first point along its edge (middle first) where
** its box overlaps no tenant and no earlier label, else only the edge's
** number is drawn and the table below says the rest. Past 40 paths a
** matrix (source rows, target columns) follows the diagram. Problems are red
** *and* written ("! no job uses it"), an edge without a job is dashed and
** says "no job": colour is never the only cue. Every name is escaped.
**
** Size: the diagram is drawn at most one CSS pixel per user unit and
** shrinks with a narrow window only down to TRUST_MIN_SCALE, so its 11 px
** labels never read under 10 px; below that its scroll box scrolls. The
** table is html_kit.h's: its own scroll box, no word split, sortable, and
** filterable past TRUST_FILTER_FROM paths.
*/
#include <math.h>
#include <string.h>
#include "html_kit.h"
#include "mem.h"
#include "report.h"
#include "trust.h"

#define NODE_H      28.0
#define CHAR_W       7.0    /* a 12 px system-ui character, generously */
#define LABEL_CHAR   5.9    /* an 11 px one */
#define LABEL_LINE  14.0
#define PAD         24.0
#define TRUST_PI     3.14159265358979323846
/* The smallest scale the diagram is shown at: its smallest text (11 px)
** stays at 10 px and over. */
#define TRUST_MIN_SCALE 0.92
/* A table with more rows than this gets the kit's filter box. */
#define TRUST_FILTER_FROM 10

typedef struct Box { double x0, y0, x1, y1; } Box;

typedef struct Layout {
  int n;
  double *ax, *ay, *aw;    /* node centres and widths */
  Box *aLabel;             /* labels placed so far */
  int nLabel;
  Box bbox;                /* everything drawn */
} Layout;

void trust_svg_badges(const TrustEdge *e, StrBuf *sb){
  static const char *const azShort[TF_COUNT] = {
    NULL, NULL, "user sync", "group sync", "role-enabled group sync", "MFA", "compliant device",
    "hybrid device", "compliant network"
  };
  char zN[32];
  int f, bFirst = 1;
  for(f=TF_USER_SYNC; f<TF_COUNT; f++){
    if( !e->a[f].v ) continue;
    strbuf_printf(sb, "%s%s", bFirst ? "" : " · ", azShort[f]);
    bFirst = 0;
  }
  if( e->a[TF_OUTBOUND_REDEEM].v && e->a[TF_INBOUND_REDEEM].v ){
    strbuf_printf(sb, "%sauto-redeem", bFirst ? "" : " · ");
    bFirst = 0;
  }
  if( e->bCrossCloud ){
    strbuf_printf(sb, "%scross-cloud", bFirst ? "" : " · ");
    bFirst = 0;
  }
  if( e->nJob==0 ){
    strbuf_printf(sb, "%sno job", bFirst ? "" : " · ");
  }else{
    strbuf_printf(sb, "%s%d job%s · %s user%s", bFirst ? "" : " · ", e->nJob,
                  e->nJob==1 ? "" : "s", report_format_count(e->nUsers, zN, sizeof(zN)),
                  e->nUsers==1 ? "" : "s");
  }
}

/* The problems of e as "! sync blocked, ! claims trusted". */
static void problem_badges(const TrustEdge *e, StrBuf *sb){
  unsigned bit;
  int bFirst = 1;
  for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
    if( !(e->mProblem & bit) ) continue;
    strbuf_printf(sb, "%s! %s", bFirst ? "" : ", ", trust_problem_label(bit));
    bFirst = 0;
  }
}

/* Characters (UTF-8 code points) in z: what a label's width depends on. */
static size_t utf8_len(const char *z){
  size_t n = 0;
  for(; *z; z++) n += ((unsigned char)*z & 0xc0)!=0x80;
  return n;
}

static int boxes_overlap(const Box *a, const Box *b){
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static void bbox_add(Box *b, const Box *a){
  if( a->x0 < b->x0 ) b->x0 = a->x0;
  if( a->y0 < b->y0 ) b->y0 = a->y0;
  if( a->x1 > b->x1 ) b->x1 = a->x1;
  if( a->y1 > b->y1 ) b->y1 = a->y1;
}

static Box node_box(const Layout *L, int i){
  Box b;
  b.x0 = L->ax[i] - L->aw[i]/2;
  b.x1 = L->ax[i] + L->aw[i]/2;
  b.y0 = L->ay[i] - NODE_H/2;
  b.y1 = L->ay[i] + NODE_H/2;
  return b;
}

/* Place the nodes: on a circle big enough for their boxes. */
static int layout_nodes(const TrustGraph *g, Layout *L){
  double wMax = 60, r, a0 = TRUST_PI;
  int i, nRing = 0, k = 0;
  L->n = g->nNode;
  L->ax = mem_calloc((size_t)g->nNode+1, sizeof(double));
  L->ay = mem_calloc((size_t)g->nNode+1, sizeof(double));
  L->aw = mem_calloc((size_t)g->nNode+1, sizeof(double));
  L->aLabel = mem_calloc((size_t)g->nEdge+1, sizeof(Box));
  if( !L->ax || !L->ay || !L->aw || !L->aLabel ) return -1;
  for(i=0; i<g->nNode; i++){
    L->aw[i] = CHAR_W*(double)utf8_len(g->aNode[i].zKey) + 20;
    if( L->aw[i] > wMax ) wMax = L->aw[i];
    nRing += !g->aNode[i].bEvery;
  }
  r = (wMax + 70) * (double)nRing / (2*TRUST_PI);
  if( r < 170 ) r = 170;
  L->bbox.x0 = L->bbox.y0 = 1e9;
  L->bbox.x1 = L->bbox.y1 = -1e9;
  for(i=0; i<g->nNode; i++){
    Box b;
    if( g->aNode[i].bEvery ){
      L->ax[i] = L->ay[i] = 0;
    }else{
      double a = a0 + 2*TRUST_PI*(double)k++/(double)(nRing ? nRing : 1);
      L->ax[i] = r*cos(a);
      L->ay[i] = (nRing==2 ? 0.35 : 1.0)*r*sin(a);
    }
    b = node_box(L, i);
    bbox_add(&L->bbox, &b);
  }
  return 0;
}

/* Shorten the segment (x0,y0)→(x1,y1) to end at the border of the box of
** half-size (hw, hh) around (x1,y1). */
static void clip_end(double x0, double y0, double *px1, double *py1, double hw, double hh){
  double dx = *px1 - x0, dy = *py1 - y0, t = 1.0, tx, ty;
  tx = fabs(dx) > 1e-9 ? hw/fabs(dx) : 1e9;
  ty = fabs(dy) > 1e-9 ? hh/fabs(dy) : 1e9;
  t = tx < ty ? tx : ty;
  if( t > 1 ) t = 1;
  *px1 -= dx*t;
  *py1 -= dy*t;
}

/* Is there an edge to→from as well (drawn side by side)? */
static int has_reverse(const TrustGraph *g, const TrustEdge *e){
  int i;
  for(i=0; i<g->nEdge; i++){
    if( g->aEdge[i].iFrom==e->iTo && g->aEdge[i].iTo==e->iFrom ) return 1;
  }
  return 0;
}

/* Is b clear of every node and every label placed so far? */
static int box_free(const Layout *L, const Box *b){
  int i;
  for(i=0; i<L->n; i++){
    Box nb = node_box(L, i);
    if( boxes_overlap(b, &nb) ) return 0;
  }
  for(i=0; i<L->nLabel; i++){
    if( boxes_overlap(b, &L->aLabel[i]) ) return 0;
  }
  return 1;
}

/* The last resort for a number that fits nowhere along its edge: the
** nearest free spot on rings around (cx, cy), *pb keeping its size. The
** drawing grows as needed, so a spot is always found. */
static void place_far(const Layout *L, double cx, double cy, Box *pb){
  double w = pb->x1 - pb->x0, h = pb->y1 - pb->y0, r;
  int k;
  for(r=h; ; r+=h){
    for(k=0; k<16; k++){
      double a = 2*TRUST_PI*(double)k/16;
      Box b;
      b.x0 = cx + r*cos(a) - w/2; b.x1 = b.x0 + w;
      b.y0 = cy + r*sin(a) - h/2; b.y1 = b.y0 + h;
      if( box_free(L, &b) ){
        *pb = b;
        return;
      }
    }
  }
}

/* A free spot for a label of w×h along (x0,y0)→(x1,y1), left of the
** direction of travel; 0 and *pb set, or -1 (and *pb the middle). */
static int place_label(Layout *L, double x0, double y0, double x1, double y1,
                       double w, double h, Box *pb){
  static const double aF[] = { 0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8 };
  static const double aSide[] = { 1, -1, 2.5, -2.5, 4, -4 };
  double len = hypot(x1-x0, y1-y0), nx, ny;
  int k;
  if( len < 1 ) len = 1;
  nx = -(y1-y0)/len;
  ny = (x1-x0)/len;
  for(k=0; k<(int)(sizeof(aF)/sizeof(aF[0])*sizeof(aSide)/sizeof(aSide[0])); k++){
    double f = aF[k % 7], d = aSide[k / 7]*(h/2+3);
    double cx = x0 + (x1-x0)*f + nx*d, cy = y0 + (y1-y0)*f + ny*d;
    Box b;
    b.x0 = cx - w/2; b.x1 = cx + w/2; b.y0 = cy - h/2; b.y1 = cy + h/2;
    if( k==0 ) *pb = b;
    if( box_free(L, &b) ){
      *pb = b;
      return 0;
    }
  }
  return -1;
}

typedef struct EdgeDraw {
  double x0, y0, x1, y1;
  Box label;
  int bFull;               /* the whole label fits; else only the number */
} EdgeDraw;

static void layout_edge(const TrustGraph *g, Layout *L, int iEdge, const char *zBadges,
                        const char *zProblems, EdgeDraw *d){
  const TrustEdge *e = &g->aEdge[iEdge];
  double x0 = L->ax[e->iFrom], y0 = L->ay[e->iFrom], x1 = L->ax[e->iTo], y1 = L->ay[e->iTo];
  double len = hypot(x1-x0, y1-y0), w, h;
  char zNum[16];
  int nNum = snprintf(zNum, sizeof(zNum), "%d", iEdge+1);
  if( len < 1 ) len = 1;
  if( has_reverse(g, e) ){
    x0 += -(y1-y0)/len*7; y0 += (x1-x0)/len*7;
    x1 += -(y1-y0)/len*7; y1 += (x1-x0)/len*7;
  }
  clip_end(x1, y1, &x0, &y0, L->aw[e->iFrom]/2+2, NODE_H/2+2);
  clip_end(x0, y0, &x1, &y1, L->aw[e->iTo]/2+4, NODE_H/2+4);
  d->x0 = x0; d->y0 = y0; d->x1 = x1; d->y1 = y1;
  w = LABEL_CHAR*(double)((size_t)nNum + 1 + utf8_len(zBadges)) + 10;
  if( LABEL_CHAR*(double)utf8_len(zProblems) + 10 > w ) w = LABEL_CHAR*(double)utf8_len(zProblems) + 10;
  h = LABEL_LINE*(zProblems[0] ? 2 : 1) + 6;
  d->bFull = place_label(L, x0, y0, x1, y1, w, h, &d->label)==0;
  if( !d->bFull
   && place_label(L, x0, y0, x1, y1, LABEL_CHAR*(double)nNum + 12, LABEL_LINE + 6, &d->label) ){
    place_far(L, (x0+x1)/2, (y0+y1)/2, &d->label);
  }
  L->aLabel[L->nLabel++] = d->label;
  bbox_add(&L->bbox, &d->label);
}

static void svg_node(const TrustGraph *g, const Layout *L, int i, StrBuf *sb){
  strbuf_printf(sb, "<g class=\"tnode%s\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                " rx=\"6\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
                g->aNode[i].bEvery ? " every" : "", L->ax[i]-L->aw[i]/2, L->ay[i]-NODE_H/2,
                L->aw[i], NODE_H, L->ax[i], L->ay[i]+4);
  strbuf_xml_text(sb, g->aNode[i].zKey);
  strbuf_append(sb, "</text></g>\n");
}

static void svg_edge(const TrustGraph *g, int iEdge, const EdgeDraw *d, const char *zBadges,
                     const char *zProblems, StrBuf *sb){
  const TrustEdge *e = &g->aEdge[iEdge];
  const char *zClass = e->mProblem ? "tedge bad" : "tedge";
  strbuf_printf(sb, "<g class=\"%s%s\"><title>", zClass, e->nJob ? "" : " nojob");
  strbuf_xml_text(sb, g->aNode[e->iFrom].zKey);
  strbuf_append(sb, " → ");
  strbuf_xml_text(sb, g->aNode[e->iTo].zKey);
  /* The arrowhead is a polygon of its own: the page references nothing,
  ** not even a marker of its own (url(#...)). */
  {
    double len = hypot(d->x1-d->x0, d->y1-d->y0), ux, uy;
    if( len < 1 ) len = 1;
    ux = (d->x1-d->x0)/len;
    uy = (d->y1-d->y0)/len;
    strbuf_printf(sb, "</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
                  "<polygon class=\"thead\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\"/>",
                  d->x0, d->y0, d->x1-ux*8, d->y1-uy*8, d->x1, d->y1,
                  d->x1-ux*10-uy*5, d->y1-uy*10+ux*5, d->x1-ux*10+uy*5, d->y1-uy*10-ux*5);
  }
  strbuf_printf(sb, "<rect class=\"tlabel\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                " rx=\"3\"/><text x=\"%.1f\" y=\"%.1f\">", d->label.x0, d->label.y0,
                d->label.x1-d->label.x0, d->label.y1-d->label.y0, d->label.x0+5,
                d->label.y0+LABEL_LINE);
  strbuf_printf(sb, "<tspan class=\"tnum\">%d</tspan>", iEdge+1);
  if( d->bFull ){
    strbuf_append(sb, " ");
    strbuf_xml_text(sb, zBadges);
    if( zProblems[0] ){
      strbuf_printf(sb, "<tspan class=\"tprob\" x=\"%.1f\" dy=\"%.1f\">", d->label.x0+5, LABEL_LINE);
      strbuf_xml_text(sb, zProblems);
      strbuf_append(sb, "</tspan>");
    }
  }
  strbuf_append(sb, "</text></g>\n");
}

void trust_svg_append(const TrustGraph *g, StrBuf *sb){
  Layout L;
  EdgeDraw *aDraw;
  StrBuf *aBadge;
  int i;
  memset(&L, 0, sizeof(L));
  aDraw = mem_calloc((size_t)g->nEdge+1, sizeof(EdgeDraw));
  aBadge = mem_calloc(2*(size_t)g->nEdge+1, sizeof(StrBuf));
  if( aDraw==NULL || aBadge==NULL || layout_nodes(g, &L) ){
    sb->bErr = 1;
    goto free_layout;
  }
  for(i=0; i<g->nEdge; i++){
    strbuf_init(&aBadge[2*i]);
    strbuf_init(&aBadge[2*i+1]);
    trust_svg_badges(&g->aEdge[i], &aBadge[2*i]);
    problem_badges(&g->aEdge[i], &aBadge[2*i+1]);
    layout_edge(g, &L, i, strbuf_str(&aBadge[2*i]), strbuf_str(&aBadge[2*i+1]), &aDraw[i]);
  }
  /* width: one user unit is at most one CSS pixel, so text keeps its size;
  ** min-width: it shrinks no further than TRUST_MIN_SCALE. */
  strbuf_printf(sb, "<svg class=\"trust\" role=\"img\" width=\"%.0f\" style=\"min-width:%.0fpx\""
                " viewBox=\"%.1f %.1f %.1f %.1f\""
                " aria-label=\"Trust paths: tenants as boxes, sync relationships as arrows\">\n",
                L.bbox.x1-L.bbox.x0+2*PAD, ceil((L.bbox.x1-L.bbox.x0+2*PAD)*TRUST_MIN_SCALE),
                L.bbox.x0-PAD, L.bbox.y0-PAD,
                L.bbox.x1-L.bbox.x0+2*PAD, L.bbox.y1-L.bbox.y0+2*PAD);
  for(i=0; i<g->nEdge; i++){
    svg_edge(g, i, &aDraw[i], strbuf_str(&aBadge[2*i]), strbuf_str(&aBadge[2*i+1]), sb);
  }
  for(i=0; i<g->nNode; i++) svg_node(g, &L, i, sb);
  strbuf_append(sb, "</svg>\n");
  for(i=0; i<2*g->nEdge; i++){
    if( aBadge[i].bErr ) sb->bErr = 1;
  }
free_layout:
  for(i=0; aBadge && i<2*g->nEdge; i++) strbuf_free(&aBadge[i]);
  mem_free(aBadge);
  mem_free(aDraw);
  mem_free(L.ax);
  mem_free(L.ay);
  mem_free(L.aw);
  mem_free(L.aLabel);
}

/* The settings of one side of e, in words, into a table cell. */
static void html_side(const TrustGraph *g, const TrustEdge *e, int bOutbound, StrBuf *sb){
  int f;
  if( g->aNode[bOutbound ? e->iFrom : e->iTo].bEvery ){
    strbuf_append(sb, "<td class=\"muted\">unknown (any tenant)</td>");
    return;
  }
  strbuf_append(sb, "<td>");
  for(f=0; f<TF_COUNT; f++){
    if( trust_field_outbound((TrustField)f)!=bOutbound ) continue;
    strbuf_append(sb, "<span class=\"ts\">");
    html_kit_text(sb, trust_field_label((TrustField)f));
    strbuf_printf(sb, ": <b>%s</b>", e->a[f].v ? "yes" : "no");
    if( e->a[f].eFrom==TRUST_DEFAULT ) strbuf_append(sb, " <span class=\"muted\">(default policy)</span>");
    strbuf_append(sb, "</span>");
  }
  strbuf_append(sb, "</td>");
}

static void html_row(const TrustGraph *g, int iEdge, StrBuf *sb){
  const TrustEdge *e = &g->aEdge[iEdge];
  char zN[32], zP[TRUST_TEXT_SIZE];
  unsigned bit;
  int i;
  strbuf_printf(sb, "<tr id=\"trust-path-%d\"%s><td class=\"n\">%d</td><td>", iEdge+1,
                e->mProblem ? " class=\"badrow\"" : "", iEdge+1);
  html_kit_text(sb, g->aNode[e->iFrom].zKey);
  strbuf_append(sb, " → ");
  html_kit_text(sb, g->aNode[e->iTo].zKey);
  if( e->bCrossCloud ) strbuf_append(sb, "<br><span class=\"muted\">cross-cloud</span>");
  strbuf_append(sb, "</td><td>");
  for(i=0; i<e->nJob; i++){
    strbuf_append(sb, i ? "<br>" : "");
    html_kit_text(sb, e->aJob[i].zKey);
    strbuf_printf(sb, " (%s, %s scope, %s users)", e->aJob[i].zState,
                  e->aJob[i].bSyncAll ? "all" : "assigned",
                  report_format_count(e->aJob[i].nUsers, zN, sizeof(zN)));
  }
  if( e->nJob==0 ) strbuf_append(sb, "<span class=\"muted\">no job</span>");
  strbuf_append(sb, "</td>");
  html_side(g, e, 1, sb);
  html_side(g, e, 0, sb);
  strbuf_append(sb, "<td>");
  for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
    if( !(e->mProblem & bit) ) continue;
    strbuf_printf(sb, "<p class=\"bad\"><b class=\"nw\">! %s</b>: ", trust_problem_label(bit));
    html_kit_text(sb, trust_problem_text(g, e, bit, zP, sizeof(zP)));
    strbuf_append(sb, "</p>");
  }
  if( e->mProblem==0 ) strbuf_append(sb, "none");
  strbuf_append(sb, "</td></tr>\n");
}

/* Past this many paths the arrows are hard to follow: a matrix follows
** the diagram, one row per source, one column per target. */
#define TRUST_MATRIX_FROM 40

/* The matrix: a cell per path with its number (linked to the table's
** row), "job" or "no job", and "!" with the problems in words as its
** tooltip and in the table. */
static void html_matrix(const TrustGraph *g, StrBuf *sb){
  int i, k;
  strbuf_printf(sb, "<p>%d paths: read the matrix row by row (a row is a source, a column"
                " a target; each cell is the path's number in the table below).</p>\n"
                "<div class=\"scroll\"><table class=\"tmatrix\"><thead><tr><th>from ↓ to →</th>",
                g->nEdge);
  for(k=0; k<g->nNode; k++){
    strbuf_append(sb, "<th class=\"tcol\"><span>");
    strbuf_xml_text(sb, g->aNode[k].zKey);
    strbuf_append(sb, "</span></th>");
  }
  strbuf_append(sb, "</tr></thead>\n<tbody>\n");
  for(i=0; i<g->nNode; i++){
    strbuf_append(sb, "<tr><th>");
    strbuf_xml_text(sb, g->aNode[i].zKey);
    strbuf_append(sb, "</th>");
    for(k=0; k<g->nNode; k++){
      const TrustEdge *e = NULL;
      int j;
      /* the edges of "every tenant" follow the others: look at all */
      for(j=0; j<g->nEdge; j++){
        if( g->aEdge[j].iFrom==i && g->aEdge[j].iTo==k ){ e = &g->aEdge[j]; break; }
      }
      if( e==NULL ){
        strbuf_append(sb, i==k ? "<td class=\"self\"></td>" : "<td></td>");
        continue;
      }
      strbuf_printf(sb, "<td class=\"%s%s\"><a href=\"#trust-path-%d\">%d</a>",
                    e->mProblem ? "bad" : "ok", e->nJob ? "" : " nojob", j+1, j+1);
      strbuf_append(sb, e->nJob ? "" : "<br><span class=\"muted\">no job</span>");
      if( e->mProblem ){
        unsigned bit;
        strbuf_append(sb, "<br><b>!");
        for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
          if( e->mProblem & bit ) strbuf_printf(sb, " %s", trust_problem_label(bit));
        }
        strbuf_append(sb, "</b>");
      }
      strbuf_append(sb, "</td>");
    }
    strbuf_append(sb, "</tr>\n");
  }
  strbuf_append(sb, "</tbody></table></div>\n");
}

void trust_svg_section(const TrustGraph *g, StrBuf *sb){
  int i;
  if( g->nEdge==0 ){
    strbuf_append(sb, "<p>No tenant admits another: nothing can be synced.</p>\n");
    return;
  }
  strbuf_append(sb, "<div class=\"scroll\">");
  trust_svg_append(g, sb);
  strbuf_append(sb, "</div>\n");
  if( g->nEdge>TRUST_MATRIX_FROM ) html_matrix(g, sb);
  strbuf_printf(sb, "<div class=\"scroll\"><table class=\"trust sortable\"%s>\n<thead><tr>"
                "<th class=\"n\">#</th><th>Path (users flow →)</th><th>Jobs</th><th>Source (outbound)</th>"
                "<th>Target (inbound)</th><th>Problems</th></tr></thead>\n<tbody>\n",
                g->nEdge > TRUST_FILTER_FROM ? " data-filter=\"rows\"" : "");
  for(i=0; i<g->nEdge; i++) html_row(g, i, sb);
  strbuf_append(sb, "</tbody></table></div>\n");
}

static const char zTrustStyle[] =
"<style>\n"
HTML_KIT_CSS
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;"
"margin:0 auto;max-width:1240px;padding:16px 20px}\n"
"h1{font-size:22px;margin:0 0 8px}\n"
".answer{border-left:4px solid #0969da;background:#f6f8fa;padding:8px 14px;margin:10px 0 16px}\n"
"table{font-size:13px}th,td{border:1px solid #d0d7de;padding:3px 8px;"
"text-align:left;vertical-align:top}th{background:#f3f5f7}\n"
".muted{color:#57606a}.bad{color:#b00020}td p{margin:0 0 4px}\n"
"@media (max-width:600px){body{padding:10px 12px}}\n"
"@media print{body{max-width:none;padding:0;font-size:11px}table{font-size:9.5px;width:100%}"
"th,td{padding:1px 4px}tr{break-inside:avoid}thead{display:table-header-group}"
".answer{padding:4px 8px}}\n"
TRUST_SVG_STYLE
"</style>\n";

void trust_svg_page(const TrustGraph *g, StrBuf *sb){
  char zDay[40], zIso[40];
  int nProb = trust_problem_edges(g);
  strbuf_append(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>tenantsim trust paths: ");
  strbuf_xml_text(sb, g->zScenario);
  strbuf_append(sb, "</title>\n");
  strbuf_append(sb, zTrustStyle);
  strbuf_append(sb, "</head>\n<body>\n<h1>Trust paths: ");
  strbuf_xml_text(sb, g->zScenario);
  strbuf_printf(sb, "</h1>\n<p class=\"answer\">At %s (%s%s): %d trust path%s, ",
                simtime_format_day(g->tStartEpoch, g->t, zDay, sizeof(zDay)),
                simtime_format_instant(g->tStartEpoch + g->t, zIso, sizeof(zIso)),
                g->bEnd ? ", the end of the run" : "", g->nEdge, g->nEdge==1 ? "" : "s");
  if( nProb ) strbuf_printf(sb, "<b class=\"bad\">%d with a problem</b>.</p>\n", nProb);
  else strbuf_append(sb, "no problem.</p>\n");
  trust_svg_section(g, sb);
  html_kit_script(sb);
  strbuf_append(sb, "</body>\n</html>\n");
}
