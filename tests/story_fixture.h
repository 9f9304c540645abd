/*
** story_fixture.h — the fixture of the story suites (test_story_e2e.c,
** test_story_words_e2e.c): each shipped scenario run by the binary into
** its database and its text, JSON, HTML and Markdown reports (Run), SQL
** and JSON look-ups that name the scenario and the field in a failure,
** the reports' number and time notations re-derived, and a tokenizer of
** the sentences people read. The helpers are static inline so that each
** suite may use any subset of them.
*/
#ifndef TS_STORY_FIXTURE_H
#define TS_STORY_FIXTURE_H
#include <check.h>
#include <ctype.h>
#include <math.h>
#include <regex.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "e2e_fixture.h"
#include "test_util.h"

static const char *const azScenario[] = {
  "ma-onboarding", "termination-wave", "mapping-rollout", "quarantine-outage",
  "deletion-threshold", "policy-mistakes", "cross-cloud", "group-sync", "imported-tenant",
  "scope-sabotage", "rogue-partner", "rogue-partner-unseen", "synced-group-privilege",
  "external-member-blind-spot", "source-attribute-privilege",
};
#define N_SCENARIO ((int)(sizeof(azScenario)/sizeof(azScenario[0])))

static char zDir[256];
static inline void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-story"); }
static inline void teardown(void){ e2e_rmdir(zDir); }

/* ============================================================ one run */

/* The outputs of one scenario's run. */
typedef struct Run {
  const char *zName;       /* scenario name, in every failure message */
  sqlite3 *db;             /* the run database, read-only */
  cJSON *pRoot;            /* the JSON report */
  char *zTxt, *zMd, *zHtml;
  long long tStart;        /* run_info start, Unix seconds */
  long long tEnd;          /* run_info end_t, seconds from the start */
} Run;

static inline sqlite3_stmt *qvprep(const Run *r, const char *zFmt, va_list ap){
  sqlite3_stmt *p = NULL;
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  ck_assert_ptr_nonnull(zSql);
  ck_assert_msg(sqlite3_prepare_v2(r->db, zSql, -1, &p, NULL)==SQLITE_OK,
                "%s: bad SQL %s: %s", r->zName, zSql, sqlite3_errmsg(r->db));
  sqlite3_free(zSql);
  return p;
}

/* The statement for zFmt (sqlite3_mprintf notation: %lld, %Q, %s). */
static inline sqlite3_stmt *qprep(const Run *r, const char *zFmt, ...){
  va_list ap;
  sqlite3_stmt *p;
  va_start(ap, zFmt);
  p = qvprep(r, zFmt, ap);
  va_end(ap);
  return p;
}

/* 1 with the value in *pV when the first row's first column is not NULL. */
static inline int qopt(const Run *r, long long *pV, const char *zFmt, ...){
  va_list ap;
  sqlite3_stmt *p;
  int bHave = 0;
  va_start(ap, zFmt);
  p = qvprep(r, zFmt, ap);
  va_end(ap);
  if( sqlite3_step(p)==SQLITE_ROW && sqlite3_column_type(p, 0)!=SQLITE_NULL ){
    *pV = sqlite3_column_int64(p, 0);
    bHave = 1;
  }
  sqlite3_finalize(p);
  return bHave;
}

/* The integer a query returns (it must return one). */
static inline long long qint(const Run *r, const char *zFmt, ...){
  va_list ap;
  sqlite3_stmt *p;
  long long v;
  va_start(ap, zFmt);
  p = qvprep(r, zFmt, ap);
  va_end(ap);
  ck_assert_msg(sqlite3_step(p)==SQLITE_ROW && sqlite3_column_type(p, 0)!=SQLITE_NULL,
                "%s: no value from %s", r->zName, sqlite3_sql(p));
  v = sqlite3_column_int64(p, 0);
  sqlite3_finalize(p);
  return v;
}

static inline char *path_of(const char *zName, const char *zExt, char *z, size_t n){
  snprintf(z, n, "%s/%s.%s", zDir, zName, zExt);
  return z;
}

static inline void run_open(Run *r, const char *zName){
  char zPath[400], *zJson;
  memset(r, 0, sizeof(*r));
  r->zName = zName;
  ck_assert_msg(sh("%s run scenarios/%s.json --db %s/%s.db --json %s/%s.json --html %s/%s.html"
                   " --quiet > %s/%s.txt", bin(), zName, zDir, zName, zDir, zName, zDir, zName,
                   zDir, zName)==0, "%s: tenantsim run failed", zName);
  ck_assert_msg(sh("%s report %s/%s.db --format md > %s/%s.md", bin(), zDir, zName,
                   zDir, zName)==0, "%s: tenantsim report --format md failed", zName);
  ck_assert_int_eq(sqlite3_open_v2(path_of(zName, "db", zPath, sizeof(zPath)), &r->db,
                                   SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  zJson = tu_slurp(path_of(zName, "json", zPath, sizeof(zPath)), NULL);
  r->pRoot = cJSON_Parse(zJson);
  free(zJson);
  ck_assert_msg(r->pRoot!=NULL, "%s: the JSON report does not parse", zName);
  r->zTxt = tu_slurp(path_of(zName, "txt", zPath, sizeof(zPath)), NULL);
  r->zMd = tu_slurp(path_of(zName, "md", zPath, sizeof(zPath)), NULL);
  r->zHtml = tu_slurp(path_of(zName, "html", zPath, sizeof(zPath)), NULL);
  r->tStart = qint(r, "SELECT CAST(strftime('%%s', value) AS INTEGER) FROM run_info WHERE key='start'");
  r->tEnd = qint(r, "SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t'");
}

static inline void run_close(Run *r){
  sqlite3_close(r->db);
  cJSON_Delete(r->pRoot);
  free(r->zTxt);
  free(r->zMd);
  free(r->zHtml);
}

static inline long long job_idx(const Run *r, const char *zKey){
  return qint(r, "SELECT idx FROM jobs WHERE key=%Q", zKey);
}

static inline long long tenant_idx(const Run *r, const char *zKey){
  return qint(r, "SELECT idx FROM tenants WHERE key=%Q", zKey);
}

/* ============================================================ JSON and checks */

static const cJSON *jitem(const Run *r, const cJSON *p, const char *zKey){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  ck_assert_msg(c!=NULL, "%s: the JSON report has no field %s", r->zName, zKey);
  return c;
}

static inline long long jint(const Run *r, const cJSON *p, const char *zKey){
  const cJSON *c = jitem(r, p, zKey);
  ck_assert_msg(cJSON_IsNumber(c), "%s: JSON field %s is not a number", r->zName, zKey);
  return (long long)c->valuedouble;
}

/* A string field, or NULL for JSON null. */
static const char *jstr(const Run *r, const cJSON *p, const char *zKey){
  const cJSON *c = jitem(r, p, zKey);
  if( cJSON_IsNull(c) ) return NULL;
  ck_assert_msg(cJSON_IsString(c), "%s: JSON field %s is not a string", r->zName, zKey);
  return c->valuestring;
}

static inline int streq(const char *a, const char *b){
  return (a==NULL && b==NULL) || (a && b && strcmp(a, b)==0);
}

/* Fail unless got==want; the field is named by zFmt. */
static inline void eq(const Run *r, long long got, long long want, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;
static inline void eq(const Run *r, long long got, long long want, const char *zFmt, ...){
  char zField[400];
  va_list ap;
  if( got==want ) return;
  va_start(ap, zFmt);
  vsnprintf(zField, sizeof(zField), zFmt, ap);
  va_end(ap);
  ck_abort_msg("%s: %s is %lld, but the database says %lld", r->zName, zField, got, want);
}

/* Each row (name, n) of statement p is the number at key name of JSON object
** pObj, and pObj has no other key. */
static inline void expect_counts_by(const Run *r, const cJSON *pObj, const char *zWho, sqlite3_stmt *p){
  int nRow = 0;
  ck_assert_msg(cJSON_IsObject(pObj), "%s: %s is not an object", r->zName, zWho);
  while( sqlite3_step(p)==SQLITE_ROW ){
    const char *zName = (const char*)sqlite3_column_text(p, 0);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zName);
    ck_assert_msg(cJSON_IsNumber(c), "%s: %s has no count for %s", r->zName, zWho, zName);
    eq(r, (long long)c->valuedouble, sqlite3_column_int64(p, 1), "%s.%s", zWho, zName);
    nRow++;
  }
  sqlite3_finalize(p);
  eq(r, cJSON_GetArraySize(pObj), nRow, "the number of keys of %s", zWho);
}

/* ============================================================ notation */

static inline long long floor_div(long long a, long long b){ return a/b - (a%b!=0 && a<0); }

/* Instant t as "Day N HH:MM": Day 1 is the UTC day of the start. */
static inline char *fmt_day(const Run *r, long long t, char *z, size_t n){
  long long tAbs = r->tStart + t, nSec = tAbs - floor_div(tAbs, 86400)*86400;
  snprintf(z, n, "Day %lld %02lld:%02lld",
           floor_div(tAbs, 86400) - floor_div(r->tStart, 86400) + 1, nSec/3600, nSec%3600/60);
  return z;
}

/* Duration v as at most three units from the largest, "2 d 18 h 9 m":
** zero units left out, the rest cut, "0 s" for nothing. */
static inline char *fmt_span(long long v, char *z, size_t n){
  static const long long aSec[] = { 86400, 3600, 60, 1 };
  static const char azUnit[] = "dhms";
  size_t i = 0;
  int k, kFirst = 3, nShown = 0;
  z[0] = 0;
  for(k=0; k<4; k++) if( v>=aSec[k] ){ kFirst = k; break; }
  for(k=kFirst; k<kFirst+3 && k<4; k++){
    long long u = v/aSec[k];
    v %= aSec[k];
    if( u==0 && !(k==3 && nShown==0) ) continue;
    i += (size_t)snprintf(z+i, n-i, "%s%lld %c", nShown++ ? " " : "", u, azUnit[k]);
  }
  return z;
}

/* v with thousands separators: "1,200". */
static inline char *fmt_count(long long v, char *z, size_t n){
  char zDigits[32];
  int nD, i, j = 0;
  snprintf(zDigits, sizeof(zDigits), "%lld", v<0 ? -v : v);
  nD = (int)strlen(zDigits);
  if( v<0 ) z[j++] = '-';
  for(i=0; i<nD && j<(int)n-2; i++){
    if( i>0 && (nD-i)%3==0 ) z[j++] = ',';
    z[j++] = zDigits[i];
  }
  z[j] = 0;
  return z;
}

/* Length of "Day N HH:MM" at z, or 0. */
static inline int day_len(const char *z){
  int i = 4;
  if( strncmp(z, "Day ", 4)!=0 || !isdigit((unsigned char)z[i]) ) return 0;
  while( isdigit((unsigned char)z[i]) ) i++;
  if( z[i]!=' ' || !isdigit((unsigned char)z[i+1]) || !isdigit((unsigned char)z[i+2])
   || z[i+3]!=':' || !isdigit((unsigned char)z[i+4]) || !isdigit((unsigned char)z[i+5]) ) return 0;
  return i+6;
}

/* Length of a clock "HH:MM" at z, or 0. */
static inline int clock_len(const char *z){
  return isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1]) && z[2]==':'
      && isdigit((unsigned char)z[3]) && isdigit((unsigned char)z[4])
      && !isdigit((unsigned char)z[5]) ? 5 : 0;
}

static inline int is_word(int c){ return isalnum(c) || c=='_' || c=='-'; }

/* Length of one "N u" (u: d, h, m or s, ending a word) at z, or 0. */
static inline int unit_len(const char *z){
  int i = 0;
  while( isdigit((unsigned char)z[i]) ) i++;
  if( i==0 || z[i]!=' ' || z[i+1]==0 || strchr("dhms", z[i+1])==NULL ) return 0;
  return is_word((unsigned char)z[i+2]) ? 0 : i+2;
}

/* Length of a duration "2 d 18 h 9 m" at z, or 0. */
static inline int span_len(const char *z){
  int n = unit_len(z), k;
  if( n==0 ) return 0;
  while( z[n]==' ' && (k = unit_len(z+n+1))>0 ) n += 1+k;
  return n;
}

/* Is the number z[0..n) part of an identifier, such as "w1-17" or "p95"? */
static inline int in_identifier(const char *zStart, const char *z, int n){
  const char *p;
  for(p=z; p>zStart && is_word((unsigned char)p[-1]); p--){
    if( isalpha((unsigned char)p[-1]) || p[-1]=='_' ) return 1;
  }
  for(p=z+n; is_word((unsigned char)*p); p++){
    if( isalpha((unsigned char)*p) || *p=='_' ) return 1;
  }
  return 0;
}

/* The time, duration and number tokens of a sentence, pointing into it. */
typedef struct Tok { const char *z; int n; } Tok;
#define MAX_TOK 64
typedef struct Toks {
  Tok aDay[MAX_TOK], aSpan[MAX_TOK], aNum[MAX_TOK];
  int nDay, nSpan, nNum;
} Toks;

static inline void tok_push(Tok *a, int *pN, const char *z, int n){
  ck_assert_msg(*pN<MAX_TOK, "too many tokens in \"%s\"", z);
  a[*pN].z = z;
  a[(*pN)++].n = n;
}

/* Split zText into "Day N HH:MM" instants, durations and numbers; numbers
** inside identifiers are none of them. bVerdict: also drop bare "HH:MM"
** clocks and numbers before " %" (percentages are not counts there). */
static inline void tokenize(const char *zText, int bVerdict, Toks *t){
  char *z = strdup(zText);
  int i, k, n = (int)strlen(zText);
  memset(t, 0, sizeof(*t));
  ck_assert_ptr_nonnull(z);
  for(i=0; i<n; i++){
    if( i>0 && isalnum((unsigned char)z[i-1]) ) continue;
    if( (k = day_len(z+i))>0 ) tok_push(t->aDay, &t->nDay, zText+i, k);
    else if( (k = span_len(z+i))>0 ) tok_push(t->aSpan, &t->nSpan, zText+i, k);
    else if( bVerdict && (k = clock_len(z+i))>0 ){}
    else continue;
    memset(z+i, ' ', (size_t)k);
    i += k-1;
  }
  for(i=0; i<n; i++){
    int nAll;
    if( !isdigit((unsigned char)z[i]) ) continue;
    for(k=0; isdigit((unsigned char)z[i+k]) || z[i+k]==','; k++){}
    while( z[i+k-1]==',' ) k--;
    nAll = k;
    if( z[i+k]=='.' && isdigit((unsigned char)z[i+k+1]) ){
      for(nAll=k+1; isdigit((unsigned char)z[i+nAll]); nAll++){}
    }
    if( !in_identifier(z, z+i, k) && !(bVerdict && strncmp(z+i+nAll, " %", 2)==0) ){
      tok_push(t->aNum, &t->nNum, zText+i, k);
    }
    i += (bVerdict ? nAll : k) - 1;
  }
  free(z);
}

static inline int tok_is(const Tok *p, const char *z){
  return (int)strlen(z)==p->n && memcmp(p->z, z, (size_t)p->n)==0;
}

static inline int toks_have(const Tok *a, int n, const char *z){
  int i;
  for(i=0; i<n; i++) if( tok_is(&a[i], z) ) return 1;
  return 0;
}

/* The value of a number token ("1,200" is 1200). */
static inline long long tok_value(const Tok *p){
  long long v = 0;
  int i;
  for(i=0; i<p->n; i++) if( isdigit((unsigned char)p->z[i]) ) v = v*10 + (p->z[i]-'0');
  return v;
}

/* Where zRe (extended POSIX) first matches z, or NULL. */
static const char *re_find(const char *zRe, const char *z){
  regex_t re;
  regmatch_t m;
  const char *zAt = NULL;
  ck_assert_int_eq(regcomp(&re, zRe, REG_EXTENDED), 0);
  if( regexec(&re, z, 1, &m, 0)==0 ) zAt = z + m.rm_so;
  regfree(&re);
  return zAt;
}

static const char zReIsoInstant[] = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
static const char zReIsoDuration[] = "(^|[^A-Za-z0-9_])P[0-9]*D?T?[0-9]";

/* Fail if z (zWhere of the run) holds an ISO instant (bInstant) or an ISO
** duration. */
static inline void expect_no_iso(const Run *r, const char *z, const char *zWhere, int bInstant){
  const char *zAt = re_find(zReIsoDuration, z);
  ck_assert_msg(zAt==NULL, "%s: ISO duration in %s: \"%.40s\"", r->zName, zWhere, zAt);
  if( bInstant ){
    zAt = re_find(zReIsoInstant, z);
    ck_assert_msg(zAt==NULL, "%s: ISO instant in %s: \"%.40s\"", r->zName, zWhere, zAt);
  }
}

/* The part of z from the line zHead to zEnd (both excluded); free it. */
static inline char *section(const Run *r, const char *z, const char *zHead, const char *zEnd){
  const char *zA = strstr(z, zHead), *zB;
  ck_assert_msg(zA!=NULL, "%s: no section %s", r->zName, zHead);
  zA += strlen(zHead);
  zB = strstr(zA, zEnd);
  return zB ? strndup(zA, (size_t)(zB-zA)) : strdup(zA);
}

/* ============================================================ 1. outcomes */


/* The outcomes of a change (desired.h), as the changes table names them. */
static const char *const azOutcome[] = { "converged", "superseded", "reverted", "held", "never" };

#endif
