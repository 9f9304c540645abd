/*
** lint_page.c — what the two pages of lint findings share (lint_page.h):
** the order they show findings in, the counts in one sentence, the
** instant and a finding's objects in words.
*/
#include <string.h>
#include "mem.h"
#include "lint_page.h"

/* The contracts are in lint_page.h. */

int lint_page_init(LintPage *pg, const LintResult *r){
  size_t n = (size_t)r->nFinding + 1;
  int i, k, e;
  memset(pg, 0, sizeof(*pg));
  pg->r = r;
  pg->aiFinding = mem_malloc(n*sizeof(int));
  pg->apRule = mem_malloc(n*sizeof(const LintRule*));
  if( pg->aiFinding==NULL || pg->apRule==NULL ){
    lint_page_free(pg);
    return -1;
  }
  for(e=LINT_CRITICAL; e>=LINT_INFO; e--){
    for(i=0; i<r->nFinding; i++){
      if( r->aFinding[i].zSuppressed==NULL && (int)r->aFinding[i].eSeverity==e ){
        pg->aiFinding[pg->nOpen++] = i;
      }
    }
  }
  for(i=0; i<r->nFinding; i++){
    LintSeverity eSev = r->aFinding[i].eSeverity;
    if( r->aFinding[i].zSuppressed ) pg->aiFinding[pg->nOpen + pg->nSup++] = i;
    else if( (unsigned)eSev <= LINT_CRITICAL ) pg->anSeverity[eSev]++;
  }
  for(k=0; k<pg->nOpen+pg->nSup; k++){
    const LintRule *p = r->aFinding[pg->aiFinding[k]].pRule;
    for(i=0; i<pg->nRule && pg->apRule[i]!=p; i++){}
    if( i==pg->nRule ) pg->apRule[pg->nRule++] = p;
  }
  return 0;
}

void lint_page_free(LintPage *pg){
  mem_free(pg->aiFinding);
  mem_free((void*)pg->apRule);
  memset(pg, 0, sizeof(*pg));
}

void lint_page_counts(const LintPage *pg, const char *zEm, const char *zEmEnd, StrBuf *sb){
  if( pg->nOpen==0 ){
    strbuf_printf(sb, "%sNo finding%s", zEm, zEmEnd);
  }else{
    strbuf_printf(sb, "%s%d finding%s%s: %d critical, %d high, %d medium, %d low, %d info",
                  zEm, pg->nOpen, pg->nOpen==1 ? "" : "s", zEmEnd,
                  pg->anSeverity[LINT_CRITICAL], pg->anSeverity[LINT_HIGH],
                  pg->anSeverity[LINT_MEDIUM], pg->anSeverity[LINT_LOW], pg->anSeverity[LINT_INFO]);
  }
  if( pg->nSup ) strbuf_printf(sb, "; %d suppressed by the scenario's lint.ignore.", pg->nSup);
  else strbuf_append(sb, "; none suppressed.");
}

void lint_page_rule_counts(const LintPage *pg, const LintRule *p, int *pnOpen, int *pnSup){
  int k;
  *pnOpen = *pnSup = 0;
  for(k=0; k<pg->nOpen+pg->nSup; k++){
    if( pg->r->aFinding[pg->aiFinding[k]].pRule!=p ) continue;
    if( k<pg->nOpen ) (*pnOpen)++;
    else (*pnSup)++;
  }
}

char *lint_page_at(const LintResult *r, char *z, size_t n){
  char zDay[40], zIso[40];
  snprintf(z, n, "%s (%s)%s", simtime_format_day(r->tStartEpoch, r->t, zDay, sizeof(zDay)),
           simtime_format_instant(r->tStartEpoch + r->t, zIso, sizeof(zIso)),
           r->bEnd ? ", the end of the run" : "");
  return z;
}

const char *lint_page_object(const LintFinding *f, int i, const char **pzLabel){
  static const char *const azLabel[] = { "tenant", "partner", "job", "group" };
  const char *az[4];
  int k;
  az[0] = f->zTenant;
  az[1] = f->zPartner;
  az[2] = f->zJob;
  az[3] = f->zGroup;
  for(k=0; k<4; k++){
    if( az[k] && i--==0 ){
      *pzLabel = azLabel[k];
      return az[k];
    }
  }
  return NULL;
}
