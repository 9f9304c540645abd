/*
** lint_page.h — the two pages of lint findings, Markdown (lint_md.c) and
** HTML (lint_html.c), and what they share (lint_page.c): the order they
** show findings in, the counts in one sentence, the instant and a
** finding's objects in words. For lint_fmt.c, which dispatches to them;
** the rest of tenantsim calls lint_fmt_write (lint.h).
**
** A LintPage lists the indices of r's findings in page order: first the
** open ones by severity (critical first), then rule id, then objects (r's
** own order: lint_run sorts by rule, objects in the order it met them);
** then the suppressed ones, in r's order. apRule lists each rule that
** fired once, in the order of its first finding on the page, so the rules
** section follows the table.
**
** Ownership: a LintPage borrows r (which must outlive it) and owns its two
** arrays; lint_page_free releases them.
*/
#ifndef TS_LINT_PAGE_H
#define TS_LINT_PAGE_H
#include "strbuf.h"
#include "lint.h"

typedef struct LintPage {
  const LintResult *r;
  int *aiFinding;           /* nOpen open findings, then nSup suppressed */
  int nOpen, nSup;
  const LintRule **apRule;  /* the rules that fired, in page order */
  int nRule;
  int anSeverity[LINT_CRITICAL+1];   /* open findings per severity */
} LintPage;

/* Fill pg for r. Returns 0, or -1 when memory ran out (pg then holds
** nothing to free). */
int lint_page_init(LintPage *pg, const LintResult *r);
void lint_page_free(LintPage *pg);

/* Append the answer as one sentence: "3 findings: 0 critical, 0 high,
** 3 medium, 0 low, 0 info; 1 suppressed by the scenario's lint.ignore."
** ("No finding", "none suppressed"), with "3 findings" between zEm and
** zEmEnd (the caller's markup; the sentence itself holds no data). */
void lint_page_counts(const LintPage *pg, const char *zEm, const char *zEmEnd, StrBuf *sb);

/* The open and suppressed findings of rule p. */
void lint_page_rule_counts(const LintPage *pg, const LintRule *p, int *pnOpen, int *pnSup);

/* The instant of r in words into z[n]: "Day 6 09:00 (2026-01-10T09:00:00Z),
** the end of the run", the reports' notation with the ISO instant. Returns z. */
char *lint_page_at(const LintResult *r, char *z, size_t n);

/* The objects of f ("tenant contoso", "partner fabrikam", "job c2f"):
** the label of the i-th one that f names into *pzLabel, its key returned;
** NULL past the last. */
const char *lint_page_object(const LintFinding *f, int i, const char **pzLabel);

/* The two pages, appended to sb (lint_md.c, lint_html.c). Every string of
** the result is escaped for its page. */
void lint_md_write(const LintPage *pg, StrBuf *sb);
void lint_html_write(const LintPage *pg, StrBuf *sb);

#endif
