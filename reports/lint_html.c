/*
** lint_html.c — the lint findings as one self-contained HTML page
** (lint_page.h), with the content and order of the Markdown page
** (lint_md.c): the title with the scenario and the instant; the answer;
** one table of the findings that stand, critical first, then by rule; the
** suppressed ones with their reason; per rule that fired, why it matters,
** the fix and the source.
**
** Self-contained: inline CSS and the tables' sort-and-filter script of
** html_kit.h, no image, no font, no url(); the only links are each rule's
** source (an http(s) address, else plain text) and the page's own anchors.
** Severity is a badge that says its word *and* has its colour; in print
** the colour is kept and a border marks it too. Each table sits in its
** own horizontally scrolling box, so a phone (390 px) scrolls the table,
** not the page; headers never wrap and no word splits (html_kit_text).
** The tables sort by any column (severity by rank, critical first) and,
** past LINT_HTML_FILTER_FROM rows, filter; without script they are the plain
** tables in page order.
**
** Safety: every string of the result goes through strbuf_xml_text, which
** escapes & < > " and ', in text and in attributes alike: a lint.ignore
** reason such as "</td><script>" is inert text.
*/
#include <string.h>
#include "html_kit.h"
#include "lint_page.h"

static const char zStyle[] =
"<style>\n"
HTML_KIT_CSS
"body{font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1b1f24;"
"margin:0 auto;max-width:1240px;padding:16px 20px}\n"
"h1{font-size:22px;margin:0 0 8px;overflow-wrap:anywhere}"
"h1 .at{font-weight:400;font-size:16px;color:#57606a}\n"
"h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:18px 0 2px}\n"
".answer{border-left:4px solid #0969da;background:#f6f8fa;padding:8px 14px;margin:10px 0 16px}\n"
"table{font-size:13px}th,td{border:1px solid #d0d7de;padding:4px 8px;"
"text-align:left;vertical-align:top}\n"
"th{background:#f3f5f7}\n"
"td.msg{min-width:18em}td.nowrap,.k{white-space:nowrap}\n"
"code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}p code{white-space:nowrap}\n"
".muted{color:#57606a}\n"
".sev{display:inline-block;padding:0 7px;border:1px solid;border-radius:9px;font-size:12px;"
"font-weight:600;white-space:nowrap}\n"
".s-critical{background:#82071e;color:#fff;border-color:#82071e}\n"
".s-high{background:#ffebe9;color:#a40e26;border-color:#a40e26}\n"
".s-medium{background:#fff8c5;color:#6f4400;border-color:#9a6700}\n"
".s-low{background:#ddf4ff;color:#0550ae;border-color:#0969da}\n"
".s-info{background:#f6f8fa;color:#57606a;border-color:#8c959f}\n"
"dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0 8px}"
"dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\n"
"@media (max-width:600px){body{padding:10px 12px}dl{grid-template-columns:1fr}dd{margin:0 0 6px}}\n"
"@media print{body{max-width:none;padding:0;font-size:12px}.scroll{overflow:visible}"
"table{font-size:11px}th,td{padding:2px 5px}td.msg{min-width:14em}td.nowrap{white-space:normal}"
"tr,.rule{break-inside:avoid}thead{display:table-header-group}"
"h2,h3{break-after:avoid}.sev{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
"a{color:inherit}}\n"
"</style>\n";

static const char *const azHead[] = {
  "Severity", "Rule", "Objects", "Setting = value", "JSON path", "Finding", "Reason"
};

/* Severity e as a badge: its word, in its colour. */
static void badge(LintSeverity e, StrBuf *sb){
  const char *z = lint_severity_name(e);
  strbuf_printf(sb, "<span class=\"sev s-%s\">%s</span>", z, z);
}

/* z (a setting or a JSON path) escaped, in <code>, with a line-break
** opportunity after each '.', so a narrow column wraps it between its
** members rather than mid-name. */
static void code_dotted(const char *z, StrBuf *sb){
  char zSeg[128];
  strbuf_append(sb, "<code>");
  while( z && *z ){
    size_t n = strcspn(z, ".");
    if( z[n]=='.' ) n++;
    if( n>=sizeof(zSeg) ) n = sizeof(zSeg)-1;
    memcpy(zSeg, z, n);
    zSeg[n] = 0;
    strbuf_xml_text(sb, zSeg);
    z += n;
    if( z[-1]=='.' && *z && n>2 ) strbuf_append(sb, "<wbr>");   /* not after "$." */
  }
  strbuf_append(sb, "</code>");
}

static void finding_row(const LintFinding *f, int bReason, StrBuf *sb){
  const char *zLabel, *zKey;
  int i;
  /* data-sort: ascending puts critical first, as the page does */
  strbuf_printf(sb, "<tr class=\"%s\"><td data-sort=\"%d\">", bReason ? "suppressed" : "finding",
                (int)LINT_CRITICAL - (int)f->eSeverity);
  badge(f->eSeverity, sb);
  strbuf_append(sb, "</td><td class=\"nowrap\"><a href=\"#rule-");
  strbuf_xml_text(sb, f->pRule->zId);
  strbuf_append(sb, "\">");
  strbuf_xml_text(sb, f->pRule->zId);
  strbuf_append(sb, "</a><br><span class=\"muted k\">");
  strbuf_xml_text(sb, f->pRule->zName);
  strbuf_append(sb, "</span></td><td class=\"nowrap\">");
  for(i=0; (zKey = lint_page_object(f, i, &zLabel))!=NULL; i++){
    strbuf_printf(sb, "%s%s <b class=\"k\">", i ? "<br>" : "", zLabel);
    strbuf_xml_text(sb, zKey);
    strbuf_append(sb, "</b>");
  }
  if( i==0 ) strbuf_append(sb, "<span class=\"muted\">none</span>");
  strbuf_append(sb, "</td><td>");
  code_dotted(f->zSetting ? f->zSetting : "?", sb);
  strbuf_append(sb, " = <code>");
  html_kit_text(sb, f->zValue ? f->zValue : "?");
  strbuf_append(sb, "</code></td><td>");
  if( f->zPath ){
    code_dotted(f->zPath, sb);
  }else{
    strbuf_append(sb, "<span class=\"muted\">none</span>");
  }
  strbuf_append(sb, "</td><td class=\"msg\">");
  html_kit_text(sb, f->zMessage);
  if( bReason ){
    strbuf_append(sb, "</td><td class=\"msg\">");
    html_kit_text(sb, f->zSuppressed);
  }
  strbuf_append(sb, "</td></tr>\n");
}

/* The table of findings aiFinding[iFirst..iFirst+n), in its scroll box. */
static void findings_table(const LintPage *pg, int iFirst, int n, int bReason, StrBuf *sb){
  int k;
  strbuf_printf(sb, "<div class=\"scroll\"><table class=\"%s sortable\"%s>\n<thead><tr>",
                bReason ? "suppressed" : "findings", n > LINT_HTML_FILTER_FROM ? " data-filter=\"rows\"" : "");
  for(k=0; k<(bReason ? 7 : 6); k++) strbuf_printf(sb, "<th>%s</th>", azHead[k]);
  strbuf_append(sb, "</tr></thead>\n<tbody>\n");
  for(k=iFirst; k<iFirst+n; k++){
    finding_row(&pg->r->aFinding[pg->aiFinding[k]], bReason, sb);
  }
  strbuf_append(sb, "</tbody></table></div>\n");
}

/* A rule's source: a link when it is an http(s) address, else text. */
static void source_link(const char *zUrl, StrBuf *sb){
  if( zUrl && (strncmp(zUrl, "https://", 8)==0 || strncmp(zUrl, "http://", 7)==0) ){
    strbuf_append(sb, "<a href=\"");
    strbuf_xml_text(sb, zUrl);
    strbuf_append(sb, "\">");
    strbuf_xml_text(sb, zUrl);
    strbuf_append(sb, "</a>");
  }else{
    strbuf_xml_text(sb, zUrl);
  }
}

static void rules_section(const LintPage *pg, StrBuf *sb){
  int i, nOpen, nSup;
  strbuf_append(sb, "<section id=\"rules\">\n<h2>The rules that fired</h2>\n");
  for(i=0; i<pg->nRule; i++){
    const LintRule *p = pg->apRule[i];
    lint_page_rule_counts(pg, p, &nOpen, &nSup);
    strbuf_append(sb, "<div class=\"rule\" id=\"rule-");
    strbuf_xml_text(sb, p->zId);
    strbuf_append(sb, "\"><h3>");
    strbuf_xml_text(sb, p->zId);
    strbuf_appendc(sb, ' ');
    strbuf_xml_text(sb, p->zName);
    strbuf_append(sb, "</h3>\n<p class=\"muted\">Usually ");
    badge(p->eSeverity, sb);
    strbuf_printf(sb, "; here %d finding%s", nOpen, nOpen==1 ? "" : "s");
    if( nSup ) strbuf_printf(sb, " and %d suppressed", nSup);
    strbuf_append(sb, ".</p>\n<dl><dt>Why it matters</dt><dd>");
    strbuf_xml_text(sb, p->zWhy);
    strbuf_append(sb, "</dd><dt>Fix</dt><dd>");
    strbuf_xml_text(sb, p->zFix);
    strbuf_append(sb, "</dd><dt>Source</dt><dd>");
    source_link(p->zSource, sb);
    strbuf_append(sb, "</dd></dl></div>\n");
  }
  strbuf_append(sb, "</section>\n");
}

void lint_html_write(const LintPage *pg, StrBuf *sb){
  const char *zName = pg->r->zScenario ? pg->r->zScenario : "(unnamed scenario)";
  char zAt[64];
  lint_page_at(pg->r, zAt, sizeof(zAt));
  strbuf_append(sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                "<title>tenantsim lint: ");
  strbuf_xml_text(sb, zName);
  strbuf_append(sb, "</title>\n");
  strbuf_append(sb, zStyle);
  strbuf_append(sb, "</head>\n<body>\n<h1>Lint: ");
  strbuf_xml_text(sb, zName);
  strbuf_append(sb, " <span class=\"at\">at ");
  strbuf_xml_text(sb, zAt);
  strbuf_append(sb, "</span></h1>\n<p class=\"answer\" id=\"answer\">");
  lint_page_counts(pg, "<strong>", "</strong>", sb);
  strbuf_append(sb, "</p>\n<section id=\"findings\">\n<h2>Findings</h2>\n");
  if( pg->nOpen ) findings_table(pg, 0, pg->nOpen, 0, sb);
  else strbuf_append(sb, "<p>None stands at this instant.</p>\n");
  strbuf_append(sb, "</section>\n");
  if( pg->nSup ){
    strbuf_printf(sb, "<section id=\"suppressed\">\n<h2>Suppressed by lint.ignore (%d)</h2>\n"
                  "<p>Accepted by the scenario's lint.ignore, with the reason its entry gives;"
                  " they do not count for <code>--fail-on</code>.</p>\n", pg->nSup);
    findings_table(pg, pg->nOpen, pg->nSup, 1, sb);
    strbuf_append(sb, "</section>\n");
  }
  if( pg->nRule ) rules_section(pg, sb);
  html_kit_script(sb);
  strbuf_append(sb, "</body>\n</html>\n");
}
