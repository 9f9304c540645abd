/*
** diff_lint.c — the security findings two runs differ in (diff.h): a
** finding is the same in both runs when its rule, tenant, partner, job
** and setting are; a proposal "adds" the findings standing at the end of
** run B only and "removes" those standing at the end of run A only.
** Suppressed findings are accepted risks and are left out. The text and
** JSON parts are here; the page's table is diff_html.c's.
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "diff.h"

static const char zSqlStanding[] =
  "SELECT rule, severity, coalesce(tenant,''), coalesce(partner,''), coalesce(job,''),"
  "       setting, message, coalesce(group_key,'') FROM lint_findings"
  " WHERE cleared IS NULL AND suppressed IS NULL ORDER BY rule, 3, 4, 5, 8, setting";

#define NCOL 8

typedef struct Row { char *az[NCOL]; } Row;

static void rows_free(Row *a, int n){
  int i, k;
  for(i=0; i<n; i++) for(k=0; k<NCOL; k++) mem_free(a[i].az[k]);
  mem_free(a);
}

static int rows_read(Store *pStore, Row **paRow, int *pn, TsErr *pErr){
  sqlite3_stmt *s = store_stmt(pStore, zSqlStanding);
  int64_t nAlloc = 0, n = 0;
  int e, k;
  *paRow = NULL;
  *pn = 0;
  if( s==NULL ){
    return tserr_set(pErr, TS_IOERR, "cannot read the security findings of a run database: %s",
                     sqlite3_errmsg(store_db(pStore)));
  }
  while( (e = sqlite3_step(s))==SQLITE_ROW ){
    Row *r;
    if( mem_grow((void**)paRow, n, &nAlloc, sizeof(Row)) ) goto oom;
    r = &(*paRow)[n++];
    memset(r, 0, sizeof(*r));
    *pn = (int)n;
    for(k=0; k<NCOL; k++){
      const char *z = (const char*)sqlite3_column_text(s, k);
      if( (r->az[k] = mem_strdup(z ? z : ""))==NULL ) goto oom;
    }
  }
  sqlite3_reset(s);
  if( e!=SQLITE_DONE ) return tserr_set(pErr, TS_IOERR, "reading the security findings failed");
  return TS_OK;
oom:
  sqlite3_reset(s);
  return tserr_set(pErr, TS_NOMEM, "out of memory");
}

/* Rows ordered by identity (rule, tenant, partner, job, group, setting). */
static int row_cmp(const Row *a, const Row *b){
  static const int aiKey[] = { 0, 2, 3, 4, 7, 5 };
  int i, c;
  for(i=0; i<6; i++){
    if( (c = strcmp(a->az[aiKey[i]], b->az[aiKey[i]]))!=0 ) return c;
  }
  return 0;
}

static int add(Diff *p, const Row *r, int bAdded){
  DiffFinding *f;
  char zAbout[512];
  void *pNew = mem_realloc(p->aFinding, sizeof(DiffFinding)*(size_t)(p->nFinding+1));
  if( pNew==NULL ) return -1;
  p->aFinding = pNew;
  f = &p->aFinding[p->nFinding++];
  memset(f, 0, sizeof(*f));
  if( r->az[4][0] && r->az[7][0] ) snprintf(zAbout, sizeof(zAbout), "group %s of job %s", r->az[7], r->az[4]);
  else if( r->az[4][0] ) snprintf(zAbout, sizeof(zAbout), "job %s", r->az[4]);
  else if( r->az[3][0] ) snprintf(zAbout, sizeof(zAbout), "%s, partner %s", r->az[2], r->az[3]);
  else snprintf(zAbout, sizeof(zAbout), "%s", r->az[2]);
  f->bAdded = bAdded;
  p->nAdded += bAdded;
  f->zRule = mem_strdup(r->az[0]);
  f->zSeverity = mem_strdup(r->az[1]);
  f->zAbout = mem_strdup(zAbout);
  f->zMessage = mem_strdup(r->az[6]);
  return f->zRule && f->zSeverity && f->zAbout && f->zMessage ? 0 : -1;
}

int diff_lint_build(Store *pA, Store *pB, Diff *p, TsErr *pErr){
  Row *aA = NULL, *aB = NULL;
  int nA = 0, nB = 0, i = 0, k = 0, rc;
  rc = rows_read(pA, &aA, &nA, pErr);
  if( rc==TS_OK ) rc = rows_read(pB, &aB, &nB, pErr);
  /* Both lists are in identity order (the query's ORDER BY, and byte
  ** order: SQLite's default collation): merge them. */
  while( rc==TS_OK && (i<nA || k<nB) ){
    int c = i>=nA ? 1 : k>=nB ? -1 : row_cmp(&aA[i], &aB[k]);
    if( c<0 && add(p, &aA[i], 0) ) rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    if( c>0 && add(p, &aB[k], 1) ) rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    if( c<=0 ) i++;
    if( c>=0 ) k++;
  }
  rows_free(aA, nA);
  rows_free(aB, nB);
  return rc;
}

void diff_lint_free(Diff *p){
  int i;
  for(i=0; i<p->nFinding; i++){
    mem_free(p->aFinding[i].zRule);
    mem_free(p->aFinding[i].zSeverity);
    mem_free(p->aFinding[i].zAbout);
    mem_free(p->aFinding[i].zMessage);
  }
  mem_free(p->aFinding);
  p->aFinding = NULL;
  p->nFinding = 0;
}

void diff_lint_text(const Diff *p, FILE *out){
  int i;
  if( p->nFinding==0 ) return;
  fprintf(out, "\nsecurity findings at the end: %d added, %d removed\n", p->nAdded,
          p->nFinding - p->nAdded);
  for(i=0; i<p->nFinding; i++){
    const DiffFinding *f = &p->aFinding[i];
    fprintf(out, "  %s %s [%s] %s: %s\n", f->bAdded ? "added  " : "removed", f->zRule,
            f->zSeverity, f->zAbout, f->zMessage);
  }
}

void diff_lint_json(const Diff *p, StrBuf *b){
  int i;
  strbuf_printf(b, "  \"security\": {\"added\": %d, \"removed\": %d, \"findings\": [",
                p->nAdded, p->nFinding - p->nAdded);
  for(i=0; i<p->nFinding; i++){
    const DiffFinding *f = &p->aFinding[i];
    strbuf_append(b, i ? ",\n    {\"change\": " : "\n    {\"change\": ");
    strbuf_append(b, f->bAdded ? "\"added\"" : "\"removed\"");
    strbuf_append(b, ", \"rule\": ");
    strbuf_json_string(b, f->zRule);
    strbuf_append(b, ", \"severity\": ");
    strbuf_json_string(b, f->zSeverity);
    strbuf_append(b, ", \"about\": ");
    strbuf_json_string(b, f->zAbout);
    strbuf_append(b, ", \"message\": ");
    strbuf_json_string(b, f->zMessage);
    strbuf_append(b, "}");
  }
  strbuf_append(b, p->nFinding ? "\n  ]},\n" : "]},\n");
}
