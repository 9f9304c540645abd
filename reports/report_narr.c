/*
** report_narr.c — writing one line of the narrative (report.h: ReportLine)
** for the files that build it (report_narrativeInt.h): the line's text,
** and each number it states recorded as a fact by the same call that
** prints it; and the statement helpers that latch the first failure in
** Narr.rc, so the writers read on without checking each call.
**
** Error contract: after the first failure (TS_NOMEM or TS_IOERR, with
** Narr.pErr filled) every helper does nothing, and report_narr_begin()
** returns -1, which the others accept as "no line".
*/
#include <string.h>
#include "simtime.h"
#include "report_narrativeInt.h"

/* The contracts are in report_narrativeInt.h. */

int report_narr_begin(Narr *n, int64_t t, int64_t iSeq, int64_t iOrder, const char *zKind,
                      const char *zJob, const char *zSummary, const char *zNote){
  Report *p = n->p;
  ReportLine *l;
  if( n->rc ) return -1;
  if( mem_grow_int((void**)&p->aLine, p->nLine, &n->nAlloc, sizeof(ReportLine)) ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return -1;
  }
  l = &p->aLine[p->nLine++];
  memset(l, 0, sizeof(*l));
  l->t = t;
  l->iSeq = iSeq;
  l->iOrder = iOrder;
  strbuf_reset(&n->sb);
  if( (n->rc = report_dup(zKind, &l->zKind, n->pErr))==TS_OK
   && (n->rc = report_dup(zJob, &l->zJob, n->pErr))==TS_OK
   && (n->rc = report_dup(zSummary, &l->zSummary, n->pErr))==TS_OK ){
    n->rc = report_dup(zNote, &l->zNote, n->pErr);
  }
  return n->rc ? -1 : p->nLine-1;
}

void report_narr_end(Narr *n, int k){
  if( k<0 || n->rc ) return;
  if( n->sb.bErr ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return;
  }
  n->rc = report_dup(strbuf_str(&n->sb), &n->p->aLine[k].zText, n->pErr);
  strbuf_reset(&n->sb);
}

void report_narr_fact(Narr *n, int k, const char *zName, char cKind, int64_t v){
  ReportLine *l;
  if( k<0 || n->rc ) return;
  l = &n->p->aLine[k];
  if( mem_grow_int((void**)&l->aFact, l->nFact, &l->nFactAlloc, sizeof(ReportFact)) ){
    n->rc = tserr_set(n->pErr, TS_NOMEM, "out of memory");
    return;
  }
  l->aFact[l->nFact].zName = zName;
  l->aFact[l->nFact].v = v;
  l->aFact[l->nFact].cKind = cKind;
  l->nFact++;
}

void report_narr_text(Narr *n, const char *z){ strbuf_append(&n->sb, z); }

void report_narr_count(Narr *n, int k, const char *zName, int64_t v){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&n->sb, report_format_count(v, z, sizeof(z)));
  report_narr_fact(n, k, zName, 'n', v);
}

void report_narr_time(Narr *n, int k, const char *zName, int64_t t){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&n->sb, report_format_day(n->p, t, z, sizeof(z)));
  report_narr_fact(n, k, zName, 't', t);
}

void report_narr_span(Narr *n, int k, const char *zName, int64_t v){
  char z[REPORT_TEXT_SIZE];
  strbuf_append(&n->sb, simtime_format_span(v, z, sizeof(z)));
  report_narr_fact(n, k, zName, 'd', v);
}

const char *report_narr_s(int64_t v){ return v==1 ? "" : "s"; }

sqlite3_stmt *report_narr_stmt(Narr *n, const char *zSql){
  sqlite3_stmt *s;
  if( n->rc ) return NULL;
  s = report_stmt(n->pStore, zSql, n->pErr);
  if( s==NULL ) n->rc = TS_IOERR;
  return s;
}

int report_narr_row(Narr *n, sqlite3_stmt *s){
  int e = report_step(n->pStore, s, n->pErr);
  if( e==SQLITE_ROW ) return 1;
  if( e<0 ) n->rc = TS_IOERR;
  sqlite3_reset(s);
  return 0;
}

const char *report_narr_col(sqlite3_stmt *s, int i){
  return (const char*)sqlite3_column_text(s, i);
}

int report_narr_is(const char *z, const char *zA){ return z && strcmp(z, zA)==0; }
