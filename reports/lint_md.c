/*
** lint_md.c — the lint findings as a Markdown page (lint_page.h), for a
** pull request, a wiki or a ticket: the title with the scenario and the
** instant; the answer (findings per severity, how many suppressed); one
** table of the findings that stand, critical first, then by rule; the
** suppressed ones in a table of their own with the reason their
** lint.ignore entry gives; then, per rule that fired, why it matters, the
** fix and the source.
**
** Safety: every string of the result goes through report_md_text
** (report.h), so in a table cell '|', '\', line breaks and the HTML
** specials can neither break the table nor start markup: a lint.ignore
** reason is free text. Built in the caller's StrBuf, which remembers a
** failed append.
*/
#include <string.h>
#include "report.h"
#include "lint_page.h"

static const char *const azHead[] = {
  "Severity", "Rule", "Objects", "Setting = value", "JSON path", "Finding", "Reason"
};

/* The objects of f, one cell: "tenant contoso, partner fabrikam, job c2f". */
static void objects_cell(const LintFinding *f, StrBuf *sb){
  const char *zLabel, *zKey;
  int i;
  strbuf_append(sb, "| ");
  for(i=0; (zKey = lint_page_object(f, i, &zLabel))!=NULL; i++){
    strbuf_printf(sb, "%s%s ", i ? ", " : "", zLabel);
    report_md_text(sb, zKey, 1);
  }
  if( i==0 ) report_md_text(sb, NULL, 1);
  strbuf_appendc(sb, ' ');
}

/* One row of a findings table; the reason column when bReason. */
static void finding_row(const LintFinding *f, int bReason, StrBuf *sb){
  const char *zSev = lint_severity_name(f->eSeverity);
  if( f->eSeverity>=LINT_HIGH ) strbuf_printf(sb, "| **%s** ", zSev);
  else strbuf_printf(sb, "| %s ", zSev);
  strbuf_append(sb, "| ");
  report_md_text(sb, f->pRule->zId, 1);
  strbuf_appendc(sb, ' ');
  report_md_text(sb, f->pRule->zName, 1);
  strbuf_appendc(sb, ' ');
  objects_cell(f, sb);
  strbuf_append(sb, "| ");
  report_md_text(sb, f->zSetting, 1);
  strbuf_append(sb, " = ");
  report_md_text(sb, f->zValue, 1);
  strbuf_appendc(sb, ' ');
  report_md_cell(sb, f->zPath);
  report_md_cell(sb, f->zMessage);
  if( bReason ) report_md_cell(sb, f->zSuppressed);
  strbuf_append(sb, "|\n");
}

/* The table of findings aiFinding[iFirst..iFirst+n). */
static void findings_table(const LintPage *pg, int iFirst, int n, int bReason, StrBuf *sb){
  int k;
  report_md_head(sb, bReason ? 7 : 6, azHead, "lllllll");
  for(k=iFirst; k<iFirst+n; k++){
    finding_row(&pg->r->aFinding[pg->aiFinding[k]], bReason, sb);
  }
  strbuf_appendc(sb, '\n');
}

/* A link, as an autolink when it can be one, else as escaped text. */
static void md_link(const char *zUrl, StrBuf *sb){
  if( zUrl && zUrl[0] && strpbrk(zUrl, " \t\r\n<>")==NULL ){
    strbuf_printf(sb, "<%s>", zUrl);
  }else{
    report_md_text(sb, zUrl, 0);
  }
}

static void rules_section(const LintPage *pg, StrBuf *sb){
  int i, nOpen, nSup;
  strbuf_append(sb, "## The rules that fired\n\n");
  for(i=0; i<pg->nRule; i++){
    const LintRule *p = pg->apRule[i];
    lint_page_rule_counts(pg, p, &nOpen, &nSup);
    strbuf_append(sb, "### ");
    report_md_text(sb, p->zId, 0);
    strbuf_appendc(sb, ' ');
    report_md_text(sb, p->zName, 0);
    strbuf_printf(sb, "\n\nUsually %s; here %d finding%s", lint_severity_name(p->eSeverity),
                  nOpen, nOpen==1 ? "" : "s");
    if( nSup ) strbuf_printf(sb, " and %d suppressed", nSup);
    strbuf_append(sb, ".\n\n- **Why it matters:** ");
    report_md_text(sb, p->zWhy, 0);
    strbuf_append(sb, "\n- **Fix:** ");
    report_md_text(sb, p->zFix, 0);
    strbuf_append(sb, "\n- **Source:** ");
    md_link(p->zSource, sb);
    strbuf_append(sb, "\n\n");
  }
}

void lint_md_write(const LintPage *pg, StrBuf *sb){
  char zAt[64];
  strbuf_append(sb, "# Lint: ");
  report_md_text(sb, pg->r->zScenario ? pg->r->zScenario : "(unnamed scenario)", 0);
  strbuf_printf(sb, " at %s\n\n", lint_page_at(pg->r, zAt, sizeof(zAt)));
  lint_page_counts(pg, "**", "**", sb);
  strbuf_append(sb, "\n\n## Findings\n\n");
  if( pg->nOpen ) findings_table(pg, 0, pg->nOpen, 0, sb);
  else strbuf_append(sb, "None stands at this instant.\n\n");
  if( pg->nSup ){
    strbuf_printf(sb, "## Suppressed by lint.ignore (%d)\n\n", pg->nSup);
    strbuf_append(sb, "Accepted by the scenario's lint.ignore, with the reason its entry gives;"
                  " they do not count for --fail-on.\n\n");
    findings_table(pg, pg->nOpen, pg->nSup, 1, sb);
  }
  if( pg->nRule ) rules_section(pg, sb);
}
