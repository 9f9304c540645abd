/*
** report_html_fmt.c — the small writers every part of the HTML page uses
** (report_htmlInt.h): escaped text (prose whose hyphenated names never
** break), instants, durations and counts in the page's notation, id cells
** and tables in their scroll boxes, and the statement helpers that mark the
** page failed (HtmlOut.rc) instead of returning an error each.
**
** Safety: every string that comes from the scenario or the database goes
** through report_html_fmt_esc(), which escapes & < > " and ', so a display
** name such as <script> or "onload= is inert text in both HTML and SVG.
*/
#include <string.h>
#include "simtime.h"
#include "html_kit.h"
#include "report_htmlInt.h"

/* The contracts are in report_htmlInt.h. */

void report_html_fmt_esc_or(StrBuf *pSb, const char *z, const char *zNull){
  if( z==NULL ) strbuf_append(pSb, zNull);
  else strbuf_xml_text(pSb, z);
}

void report_html_fmt_esc(StrBuf *pSb, const char *z){
  report_html_fmt_esc_or(pSb, z, "");
}

void report_html_fmt_prose(StrBuf *pSb, const char *z){
  html_kit_text(pSb, z);
}

void report_html_fmt_id_cell(StrBuf *pSb, const char *z, const char *zClass){
  strbuf_printf(pSb, "<td class=\"id%s%s\" title=\"", zClass ? " " : "", zClass ? zClass : "");
  report_html_fmt_esc(pSb, z);
  strbuf_append(pSb, "\">");
  report_html_fmt_esc(pSb, z);
  strbuf_append(pSb, "</td>");
}

void report_html_fmt_table(StrBuf *pSb, const char *zClass, const char *zAttrs,
                           const char *const *azHead, int nHead){
  int i;
  strbuf_printf(pSb, "<div class=\"scroll\"><table class=\"%s\"%s%s><thead><tr>", zClass,
                zAttrs ? " " : "", zAttrs ? zAttrs : "");
  for(i=0; i<nHead; i++){
    const char *z = azHead[i];
    if( z[0]=='#' ) strbuf_printf(pSb, "<th class=\"n\">%s</th>", z+1);
    else if( z[0]=='~' ) strbuf_printf(pSb, "<th class=\"noprint\">%s</th>", z+1);
    else strbuf_printf(pSb, "<th>%s</th>", z);
  }
  strbuf_append(pSb, "</tr></thead>\n<tbody>\n");
}

void report_html_fmt_table_end(StrBuf *pSb){
  strbuf_append(pSb, "</tbody></table></div>\n");
}

void report_html_fmt_dur(StrBuf *pSb, int64_t v){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(pSb, simtime_format_span(v, z, sizeof(z)));
}

void report_html_fmt_day(HtmlOut *w, int64_t t){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&w->sb, report_format_day(w->p, t, z, sizeof(z)));
}

void report_html_fmt_instant(HtmlOut *w, int64_t t){
  char zIso[REPORT_TEXT_SIZE], zDay[REPORT_TEXT_SIZE];
  report_format_instant(w->p, t, zIso, sizeof(zIso));
  strbuf_printf(&w->sb, "<time datetime=\"%s\" title=\"%s\">%s</time>", zIso, zIso,
                report_format_day(w->p, t, zDay, sizeof(zDay)));
}

void report_html_fmt_count(HtmlOut *w, int64_t v){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&w->sb, report_format_count(v, z, sizeof(z)));
}

sqlite3_stmt *report_html_fmt_stmt(HtmlOut *w, const char *zSql){
  sqlite3_stmt *pStmt = store_stmt(w->pStore, zSql);
  if( pStmt==NULL ) w->rc = -1;
  return pStmt;
}

int report_html_fmt_row(HtmlOut *w, sqlite3_stmt *pStmt){
  int rc = sqlite3_step(pStmt);
  if( rc==SQLITE_ROW ) return 1;
  if( rc!=SQLITE_DONE ) w->rc = -1;
  sqlite3_reset(pStmt);
  return 0;
}

const char *report_html_fmt_col(sqlite3_stmt *pStmt, int i){
  return (const char*)sqlite3_column_text(pStmt, i);
}

