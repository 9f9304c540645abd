/*
** html_kit.h — what every HTML page tenantsim writes shares: the table
** style (words never broken, numbers right-aligned, long ids ellipsized,
** a scroll box on narrow screens) and the few lines of inline script that
** make long tables sortable and filterable.
**
** The pages are one self-contained file each (report_html.c, diff.c,
** lint_html.c, trust_svg.c); they append HTML_KIT_CSS inside their
** <style> and html_kit_script() before </body>. Without script the
** tables are plain tables: the sort buttons and the filter box are made by
** the script, so nothing dead is left on the page.
**
** Markup the script reads:
**   <table class="sortable">   headers become sort buttons; a click sorts
**                              the tbody rows, again reverses. Cells sort
**                              by data-sort when present, else by their
**                              text in natural order ("emp2" < "emp10";
**                              "1,024" is a number).
**   <table data-filter="rows"> a search box above the table hides the rows
**                              that do not contain what is typed and says
**                              "N of M rows".
**   <th class="n">, <td class="n">   a number: right-aligned, never wrapped.
**   <td class="id" title="FULL">     a long id: one line, ellipsized, the
**                                    whole value in the tooltip.
**   <div class="scroll">             a box that scrolls sideways, so a wide
**                                    table never widens the page.
**   <span class="nw">                a word kept on one line: browsers
**                                    break after a hyphen or a slash, so
**                                    html_kit_text wraps such words in it.
*/
#ifndef TS_HTML_KIT_H
#define TS_HTML_KIT_H
#include "strbuf.h"

/* The table style, a C string constant to concatenate into a <style>. In
** print the sort buttons are display:contents, because Chromium paints no
** button in a table header it repeats at the top of the next page. */
#define HTML_KIT_CSS \
".scroll{overflow-x:auto;max-width:100%}\n" \
"table{border-collapse:collapse}\n" \
"th{white-space:nowrap;word-break:keep-all;hyphens:none}\n" \
"th,td{overflow-wrap:normal;word-break:normal}\n" \
".n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n" \
"td.id{max-width:16em;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}\n" \
"td.nowrap,.nw{white-space:nowrap}\n" \
"th button.sort{font:inherit;color:inherit;background:none;border:0;padding:0;" \
"cursor:pointer;text-align:inherit;white-space:nowrap}\n" \
"th[aria-sort=ascending] button.sort::after{content:\" \\25B2\"}\n" \
"th[aria-sort=descending] button.sort::after{content:\" \\25BC\"}\n" \
".tfilter{margin:6px 0 2px;font-size:13px}.tfilter input{font:inherit;padding:2px 6px;" \
"width:16em;max-width:60vw}\n" \
"@media print{.tfilter{display:none}th button.sort::after{content:none}" \
"th button.sort{display:contents}" \
".scroll{overflow:visible}td.id{max-width:none;white-space:normal;overflow-wrap:anywhere}}\n"

/* Append the sort-and-filter script, as a <script> element, to pSb. It
** reads only the page's own markup; typed filter text is compared, never
** inserted as markup. */
void html_kit_script(StrBuf *pSb);

/* Append z to pSb escaped as strbuf_xml_text escapes it (z==NULL appends
** nothing), each word (a run between spaces) that holds a place where a
** browser may break a line inside it — a hyphen, a slash, a dash, ? ! |
** before its last character — wrapped in <span class="nw">, so prose
** wraps at its spaces and "contoso-to-fabrikam" never splits. */
void html_kit_text(StrBuf *pSb, const char *z);

/* Natural-order comparison of a and b (NULL sorts first): runs of digits
** compare as numbers, the rest byte by byte. Returns <0, 0 or >0. */
int html_kit_natural_cmp(const char *a, const char *b);

#endif
