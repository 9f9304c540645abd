/*
** diff_html.c — the diff (and plan) as one self-contained HTML page
** (diff.h): the heading names both sides — the scenario, its seed and
** what the caller said each side is (the run databases, or the scenario
** file and the proposal's file); then the answer in one sentence and a
** card per count; then the security findings that differ; then one row
** per target user that differs, in the Diff's (natural) order.
**
** Each kind is told by colour and by a mark and its word together (a
** badge "⊖ soft-deleted"), and a row's leading edge takes the colour and
** the line style (solid, dashed, dotted) of its weightiest kind, so the
** page reads the same to a deuteranope and on a grey printer. The tables
** use html_kit.h: each in its own scroll box, numbers right-aligned, long
** keys ellipsized with the whole value in a title, no word split; the
** users table is sortable and filterable by the kit's script, and is a
** plain table in the Diff's order without it.
**
** Safety: every string of the Diff goes through strbuf_xml_text or
** html_kit_text (both escape & < > " '), in text and attributes alike.
*/
#include <string.h>
#include "diffInt.h"
#include "html_kit.h"
#include "strbuf.h"

/* A table with more rows than this gets the kit's filter box. */
#define DIFF_FILTER_FROM 10

/* Each kind's mark (a second cue beside colour) and its weight: a row is
** drawn as its weightiest kind, and the users table sorts by weight. */
static const struct KindMark {
  const char *zMark;
  int iWeight;             /* 0 weighs most */
} aMark[DIFF_NKIND] = {
  { "+",            5 },   /* created */
  { "\xc3\x97",     0 },   /* deleted: × */
  { "\xe2\x8a\x96", 1 },   /* soft-deleted: ⊖ */
  { "\xe2\x97\x8c", 4 },   /* newly out of scope: ◌ */
  { "\xe2\x97\x8f", 6 },   /* newly in scope: ● */
  { "\xce\x94",     8 },   /* attributes changed: Δ */
  { "\xe2\x88\x85", 2 },   /* not created: ∅ */
  { "\xe2\x8a\x98", 3 },   /* disabled: ⊘ */
  { "\xe2\x9c\x93", 7 },   /* enabled: ✓ */
};

static const char zStyle[] =
"<style>\n"
HTML_KIT_CSS
"body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;"
"margin:0 auto;max-width:1240px;padding:16px 20px}\n"
"h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:24px 0 6px}\n"
"code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f4f5f7;"
"padding:0 .2em}\n"
".muted{color:#57606a}\n"
".sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(18em,1fr));gap:8px 16px;margin:0 0 10px}\n"
".side{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px}.side code{overflow-wrap:anywhere}\n"
".side b.tag{display:inline-block;min-width:1.4em;text-align:center;border-radius:4px;"
"background:#1b1f24;color:#fff;margin-right:6px}\n"
".answer{border-left:4px solid #0969da;background:#f6f8fa;padding:8px 14px;margin:10px 0}\n"
".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5em,1fr));gap:8px;margin:10px 0 4px}\n"
".card{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;background:#fff}\n"
".card b.n{display:block;font-size:22px;text-align:left}.card span{font-size:13px}\n"
"table{font-size:13px;margin:4px 0 8px}th,td{border:1px solid #d0d7de;padding:3px 8px;"
"text-align:left;vertical-align:top}th{background:#f3f5f7}\n"
"h3{font-size:15px;margin:14px 0 2px}td.changes{min-width:16em}td.changes div{margin:0 0 1px}\n"
".k{display:inline-block;white-space:nowrap;border:1px solid;border-radius:9px;padding:0 7px;"
"margin:0 3px 2px 0;font-size:12px;font-weight:600}\n"
".k .m{display:inline-block;min-width:1em;text-align:center}\n"
".k-created{background:#e3f4ec;color:#00593d;border-color:#00734f}\n"
".k-deleted{background:#fbe3d6;color:#8a3300;border-color:#a63d00;border-width:2px}\n"
".k-soft_deleted{background:#f6e4ef;color:#7d2f5e;border-color:#a1497e;border-style:dashed}\n"
".k-out_of_scope{background:#e1eef8;color:#004c7a;border-color:#0063a0;border-style:dotted}\n"
".k-in_scope{background:#e1eef8;color:#004c7a;border-color:#0063a0}\n"
".k-attributes{background:#eaf4fb;color:#1d5c85;border-color:#3b8fc2}\n"
".k-not_created{background:#fdf0d5;color:#6b4a00;border-color:#9a6a00;border-style:dashed}\n"
".k-disabled{background:#fbf6c9;color:#5c5200;border-color:#7a6d00;border-style:double;border-width:3px}\n"
".k-enabled{background:#eef7e8;color:#3b5f18;border-color:#4c7a1f}\n"
".k-added{background:#fbe3d6;color:#8a3300;border-color:#a63d00}\n"
".k-removed{background:#e3f4ec;color:#00593d;border-color:#00734f;border-style:dashed}\n"
".card[class*=\" k-\"]{border-left-width:6px}\n"
"tr.r-created td:first-child{border-left:5px solid #00734f}\n"
"tr.r-deleted td:first-child{border-left:5px solid #a63d00}\n"
"tr.r-soft_deleted td:first-child{border-left:5px dashed #a1497e}\n"
"tr.r-out_of_scope td:first-child{border-left:5px dotted #0063a0}\n"
"tr.r-in_scope td:first-child{border-left:5px solid #0063a0}\n"
"tr.r-attributes td:first-child{border-left:5px solid #3b8fc2}\n"
"tr.r-not_created td:first-child{border-left:5px dashed #9a6a00}\n"
"tr.r-disabled td:first-child{border-left:5px double #7a6d00}\n"
"tr.r-enabled td:first-child{border-left:5px solid #4c7a1f}\n"
"tr.r-soft_deleted,tr.r-deleted{background:#fdf6f9}\n"
"@media (max-width:600px){body{padding:10px 12px}h1{font-size:20px}td.id{max-width:10em}}\n"
"@media print{body{max-width:none;padding:0;font-size:11px}h1{font-size:16px}h2{font-size:13px;"
"margin:10px 0 4px;break-after:avoid}.answer{padding:4px 8px}"
".cards{grid-template-columns:repeat(6,1fr);gap:4px}.card{padding:2px 6px}.card b.n{font-size:14px}"
".card span{font-size:10px}table{font-size:9px;width:100%}th,td{padding:1px 4px}"
"thead{display:table-header-group}tr{break-inside:avoid}code{font-size:9px;background:none;padding:0}"
"td.changes{min-width:0}.k{font-size:9px;padding:0 4px;margin:0 2px 0 0}"
"td.id{white-space:nowrap;max-width:none}td.changes div{white-space:nowrap}"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
"</style>\n";

/* The weightiest kind of a user (its index), -1 for none. */
static int primary_kind(unsigned mKind){
  int k, kBest = -1;
  for(k=0; k<DIFF_NKIND; k++){
    if( (mKind & (1u<<k)) && (kBest<0 || aMark[k].iWeight < aMark[kBest].iWeight) ) kBest = k;
  }
  return kBest;
}

/* Kind k as a badge: its mark and its word, in its colour. */
static void badge(int k, StrBuf *sb){
  strbuf_printf(sb, "<span class=\"k k-%s\"><span class=\"m\" aria-hidden=\"true\">%s</span> %s</span>",
                diff_kind_name(k), aMark[k].zMark, diff_kind_text(k));
}

/* A key cell: one line, ellipsized past its width, the whole key in its
** title. */
static void id_cell(const char *z, StrBuf *sb){
  strbuf_append(sb, "<td class=\"id\" title=\"");
  strbuf_xml_text(sb, z);
  strbuf_append(sb, "\">");
  strbuf_xml_text(sb, z);
  strbuf_append(sb, "</td>");
}

/* The heading: the page's name and the two sides. */
static void page_head(const Diff *p, StrBuf *sb){
  int bSame = strcmp(p->zScenarioA, p->zScenarioB)==0, bPlan = 0, i;
  for(i=0; i<2; i++) bPlan |= p->aSide[i].zReplaced!=NULL;
  strbuf_append(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  strbuf_printf(sb, "tenantsim %s: ", bPlan ? "plan" : "diff");
  strbuf_xml_text(sb, p->zScenarioA);
  if( !bSame ){ strbuf_append(sb, " \xe2\x86\x92 "); strbuf_xml_text(sb, p->zScenarioB); }
  strbuf_append(sb, "</title>\n");
  strbuf_append(sb, zStyle);
  strbuf_printf(sb, "</head>\n<body>\n<section id=\"diff\">\n<h1>%s: ",
                bPlan ? "What the proposal changes" : "What changes");
  strbuf_xml_text(sb, p->zScenarioA);
  if( !bSame ){ strbuf_append(sb, " \xe2\x86\x92 "); strbuf_xml_text(sb, p->zScenarioB); }
  strbuf_append(sb, "</h1>\n<div class=\"sides\" id=\"sides\">\n");
  for(i=0; i<2; i++){
    strbuf_printf(sb, "<div class=\"side\" id=\"side-%c\"><b class=\"tag\">%c</b><b>", i ? 'b' : 'a',
                  i ? 'B' : 'A');
    strbuf_xml_text(sb, diff_side_role(p, i));
    strbuf_append(sb, "</b>: scenario <b>");
    strbuf_xml_text(sb, i ? p->zScenarioB : p->zScenarioA);
    strbuf_printf(sb, "</b>, seed %llu", (unsigned long long)(i ? p->seedB : p->seedA));
    if( p->aSide[i].zFile || p->aSide[i].zReplaced ){
      strbuf_append(sb, "<br>");
      diff_side_words(p, i, 1, sb);
    }
    strbuf_append(sb, "</div>\n");
  }
  strbuf_append(sb, "</div>\n");
  if( p->seedA!=p->seedB ){
    strbuf_append(sb, "<p class=\"muted\">The seeds differ, so random draws (populations,"
                  " samples, timing) differ too.</p>\n");
  }
}

/* The answer in one sentence, then a card per count that is not zero and
** the kinds that are, in words. */
static void page_counts(const Diff *p, StrBuf *sb){
  int k, n = 0;
  strbuf_printf(sb, "<p class=\"answer\" id=\"answer\"><strong>%lld of %lld pairs differ</strong>",
                (long long)p->nUser, (long long)p->nPairs);
  for(k=0; k<DIFF_NKIND; k++){
    if( p->anKind[k]==0 ) continue;
    strbuf_printf(sb, "%s%lld %s", n++ ? ", " : ": ", (long long)p->anKind[k], diff_kind_text(k));
    if( (1u<<k)==DIFF_ATTRIBUTES ) strbuf_printf(sb, " (%lld values)", (long long)p->nAttrChanges);
  }
  strbuf_printf(sb, "; security findings at the end: %d added, %d removed.</p>\n", p->nAdded,
                p->nFinding - p->nAdded);
  strbuf_printf(sb, "<div class=\"cards\" id=\"counts\">\n"
                "<div class=\"card\" data-count=\"pairs\"><b class=\"n\">%lld</b><span>pairs"
                " compared</span></div>\n"
                "<div class=\"card\" data-count=\"users_differing\"><b class=\"n\">%lld</b><span>users"
                " that differ</span></div>\n", (long long)p->nPairs, (long long)p->nUser);
  for(k=0; k<DIFF_NKIND; k++){
    if( p->anKind[k]==0 ) continue;
    strbuf_printf(sb, "<div class=\"card k-%s\" data-count=\"%s\"><b class=\"n\">%lld</b>"
                  "<span><span class=\"m\" aria-hidden=\"true\">%s</span> %s</span></div>\n",
                  diff_kind_name(k), diff_kind_name(k), (long long)p->anKind[k], aMark[k].zMark,
                  diff_kind_text(k));
  }
  strbuf_printf(sb, "<div class=\"card\" data-count=\"attribute_values\"><b class=\"n\">%lld</b>"
                "<span>attribute values changed</span></div>\n", (long long)p->nAttrChanges);
  if( p->nFinding ){
    strbuf_printf(sb, "<div class=\"card%s\" data-count=\"findings_added\"><b class=\"n\">%d</b>"
                  "<span>findings added</span></div>\n", p->nAdded ? " k-added" : "", p->nAdded);
    strbuf_printf(sb, "<div class=\"card%s\" data-count=\"findings_removed\"><b class=\"n\">%d</b>"
                  "<span>findings removed</span></div>\n", p->nFinding > p->nAdded ? " k-removed" : "",
                  p->nFinding - p->nAdded);
  }
  strbuf_append(sb, "</div>\n");
  for(k=0, n=0; k<DIFF_NKIND; k++){
    if( p->anKind[k] ) continue;
    strbuf_printf(sb, "%s%s", n++ ? ", " : "<p class=\"muted\" id=\"none\">None ", diff_kind_text(k));
  }
  if( n ) strbuf_append(sb, ".</p>\n");
}

/* The security findings one run has at its end and the other not. */
static void page_findings(const Diff *p, StrBuf *sb){
  int i;
  if( p->nFinding==0 ) return;
  strbuf_printf(sb, "<h2>Security findings</h2>\n<p>At the end of the run, B adds %d and removes"
                " %d of the findings of <code>tenantsim lint</code>.</p>\n<div class=\"scroll\">"
                "<table class=\"lint sortable\"%s>\n<thead><tr><th>Change</th><th>Rule</th>"
                "<th>Severity</th><th>About</th><th>Finding</th></tr></thead>\n<tbody>\n",
                p->nAdded, p->nFinding - p->nAdded,
                p->nFinding > DIFF_FILTER_FROM ? " data-filter=\"rows\"" : "");
  for(i=0; i<p->nFinding; i++){
    const DiffFinding *f = &p->aFinding[i];
    strbuf_printf(sb, "<tr><td><span class=\"k k-%s\"><span class=\"m\" aria-hidden=\"true\">%s"
                  "</span> %s</span></td><td class=\"nowrap\"><code>",
                  f->bAdded ? "added" : "removed", f->bAdded ? "+" : "\xe2\x88\x92",
                  f->bAdded ? "added" : "removed");
    strbuf_xml_text(sb, f->zRule);
    strbuf_append(sb, "</code></td><td>");
    strbuf_xml_text(sb, f->zSeverity);
    strbuf_append(sb, "</td><td>");
    html_kit_text(sb, f->zAbout);
    strbuf_append(sb, "</td><td>");
    html_kit_text(sb, f->zMessage);
    strbuf_append(sb, "</td></tr>\n");
  }
  strbuf_append(sb, "</tbody></table></div>\n");
}

static void html_value(StrBuf *sb, const char *z){
  if( z ){ strbuf_append(sb, "<code>"); html_kit_text(sb, z); strbuf_append(sb, "</code>"); }
  else strbuf_append(sb, "<em class=\"muted\">not set</em>");
}

static void user_row(const DiffUser *u, StrBuf *sb){
  int k, w, a, kMain = primary_kind(u->mKind);
  strbuf_printf(sb, "<tr class=\"r-%s\">", kMain>=0 ? diff_kind_name(kMain) : "none");
  id_cell(u->zSourceUser, sb);
  if( u->zUpn ) id_cell(u->zUpn, sb);
  else strbuf_append(sb, "<td class=\"muted\">none</td>");
  strbuf_printf(sb, "<td class=\"kinds\" data-sort=\"%d\">", kMain>=0 ? aMark[kMain].iWeight : 99);
  for(w=0; w<DIFF_NKIND; w++){               /* weightiest first */
    for(k=0; k<DIFF_NKIND; k++) if( aMark[k].iWeight==w && (u->mKind & (1u<<k)) ) badge(k, sb);
  }
  strbuf_append(sb, "</td><td>");
  if( strcmp(u->zStateA, u->zStateB)!=0 ){
    html_kit_text(sb, u->zStateA);
    strbuf_append(sb, " \xe2\x86\x92 ");
    html_kit_text(sb, u->zStateB);
  }else{
    strbuf_append(sb, "<span class=\"muted\">");
    html_kit_text(sb, u->zStateA);
    strbuf_append(sb, "</span>");
  }
  strbuf_printf(sb, "</td><td class=\"changes\" data-sort=\"%d\">", u->nAttr);
  for(a=0; a<u->nAttr; a++){
    strbuf_append(sb, "<div><span class=\"nw\">");
    strbuf_xml_text(sb, u->aAttr[a].zName);
    strbuf_append(sb, "</span>: ");
    html_value(sb, u->aAttr[a].zOld);
    strbuf_append(sb, " \xe2\x86\x92 ");
    html_value(sb, u->aAttr[a].zNew);
    strbuf_append(sb, "</div>");
  }
  if( u->nAttr==0 ) strbuf_append(sb, "<span class=\"muted\">none</span>");
  strbuf_append(sb, "</td></tr>\n");
}

/* One table per job (a job has one target), its users aUser[0..n). */
static void job_table(const DiffUser *aUser, int64_t n, StrBuf *sb){
  int64_t i;
  strbuf_append(sb, "<h3>Job ");
  html_kit_text(sb, aUser[0].zJob);
  strbuf_append(sb, " \xe2\x86\x92 ");
  html_kit_text(sb, aUser[0].zTarget);
  strbuf_printf(sb, " <span class=\"muted\">(%lld user%s)</span></h3>\n", (long long)n,
                n==1 ? "" : "s");
  strbuf_printf(sb, "<div class=\"scroll\"><table class=\"users sortable\"%s>\n<thead><tr>"
                "<th>Source user</th><th>Target user</th><th>What changes</th>"
                "<th>Scope (A \xe2\x86\x92 B)</th><th>Attributes (A \xe2\x86\x92 B)</th></tr>"
                "</thead>\n<tbody>\n", n > DIFF_FILTER_FROM ? " data-filter=\"rows\"" : "");
  for(i=0; i<n; i++) user_row(&aUser[i], sb);
  strbuf_append(sb, "</tbody></table></div>\n");
}

static void page_users(const Diff *p, StrBuf *sb){
  int64_t i, iFirst;
  strbuf_append(sb, "<h2>Target users that differ</h2>\n");
  if( p->nUser==0 ){
    strbuf_append(sb, "<p>No target user differs.</p>\n");
    return;
  }
  for(iFirst=0, i=1; i<=p->nUser; i++){
    if( i==p->nUser || strcmp(p->aUser[i].zJob, p->aUser[iFirst].zJob)!=0 ){
      job_table(&p->aUser[iFirst], i-iFirst, sb);
      iFirst = i;
    }
  }
}

int diff_html_write(const Diff *p, FILE *out){
  StrBuf sb;
  int rc;
  strbuf_init(&sb);
  page_head(p, &sb);
  page_counts(p, &sb);
  page_findings(p, &sb);
  page_users(p, &sb);
  strbuf_append(&sb, "</section>\n");
  html_kit_script(&sb);
  strbuf_append(&sb, "</body>\n</html>\n");
  rc = strbuf_write(&sb, out);
  strbuf_free(&sb);
  return rc;
}
