/*
** test_story_e2e.c — the story a run tells is the run database's story.
**
** For every shipped scenario the binary writes the run database and the
** text, JSON, HTML and Markdown reports (`tenantsim run ... --db --json
** --html --quiet`, `tenantsim report DB --format md`). Each test then takes
** one family of statements the reports make and re-derives it with its own
** SQL on the database, never from the report's other fields:
**
**   - the outcome counts of the changes, for the run and per job;
**   - the latency percentiles, nearest rank with the open (held, never)
**     changes right-censored;
**   - each target's pairs out of step, whether and since when it is in step;
**   - the guest accounts left behind: orphaned, disabled by sync,
**     pre-existing;
**   - each job's status, problem, failing settings and top error codes;
**   - the verdict: the same sentences in every format, naming every target
**     out of step, stating only counts the JSON holds;
**   - the narrative: every number in a line's text is one of its facts, and
**     every fact is what the database says;
**   - one time notation ("Day N HH:MM", "2 d 18 h 9 m") wherever people read.
**
** Each test loops over all nine scenarios; a failure names the scenario and
** the field. The binary is $TENANTSIM; scenarios are read from scenarios/
** relative to the repository root.
*/
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
#include "suites.h"

static const char *const azScenario[] = {
  "ma-onboarding", "termination-wave", "mapping-rollout", "quarantine-outage",
  "deletion-threshold", "policy-mistakes", "cross-cloud", "group-sync", "imported-tenant",
};
#define N_SCENARIO ((int)(sizeof(azScenario)/sizeof(azScenario[0])))

static char zDir[256];
static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-story"); }
static void teardown(void){ e2e_rmdir(zDir); }

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

static sqlite3_stmt *qvprep(const Run *r, const char *zFmt, va_list ap){
  sqlite3_stmt *p = NULL;
  char *zSql = sqlite3_vmprintf(zFmt, ap);
  ck_assert_ptr_nonnull(zSql);
  ck_assert_msg(sqlite3_prepare_v2(r->db, zSql, -1, &p, NULL)==SQLITE_OK,
                "%s: bad SQL %s: %s", r->zName, zSql, sqlite3_errmsg(r->db));
  sqlite3_free(zSql);
  return p;
}

/* The statement for zFmt (sqlite3_mprintf notation: %lld, %Q, %s). */
static sqlite3_stmt *qprep(const Run *r, const char *zFmt, ...){
  va_list ap;
  sqlite3_stmt *p;
  va_start(ap, zFmt);
  p = qvprep(r, zFmt, ap);
  va_end(ap);
  return p;
}

/* 1 with the value in *pV when the first row's first column is not NULL. */
static int qopt(const Run *r, long long *pV, const char *zFmt, ...){
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
static long long qint(const Run *r, const char *zFmt, ...){
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

static char *path_of(const char *zName, const char *zExt, char *z, size_t n){
  snprintf(z, n, "%s/%s.%s", zDir, zName, zExt);
  return z;
}

static void run_open(Run *r, const char *zName){
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

static void run_close(Run *r){
  sqlite3_close(r->db);
  cJSON_Delete(r->pRoot);
  free(r->zTxt);
  free(r->zMd);
  free(r->zHtml);
}

static long long job_idx(const Run *r, const char *zKey){
  return qint(r, "SELECT idx FROM jobs WHERE key=%Q", zKey);
}

static long long tenant_idx(const Run *r, const char *zKey){
  return qint(r, "SELECT idx FROM tenants WHERE key=%Q", zKey);
}

/* ============================================================ JSON and checks */

static const cJSON *jitem(const Run *r, const cJSON *p, const char *zKey){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(p, zKey);
  ck_assert_msg(c!=NULL, "%s: the JSON report has no field %s", r->zName, zKey);
  return c;
}

static long long jint(const Run *r, const cJSON *p, const char *zKey){
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

static int streq(const char *a, const char *b){
  return (a==NULL && b==NULL) || (a && b && strcmp(a, b)==0);
}

/* Fail unless got==want; the field is named by zFmt. */
static void eq(const Run *r, long long got, long long want, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 4, 5)))
#endif
  ;
static void eq(const Run *r, long long got, long long want, const char *zFmt, ...){
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
static void expect_counts_by(const Run *r, const cJSON *pObj, const char *zWho, sqlite3_stmt *p){
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

static long long floor_div(long long a, long long b){ return a/b - (a%b!=0 && a<0); }

/* Instant t as "Day N HH:MM": Day 1 is the UTC day of the start. */
static char *fmt_day(const Run *r, long long t, char *z, size_t n){
  long long tAbs = r->tStart + t, nSec = tAbs - floor_div(tAbs, 86400)*86400;
  snprintf(z, n, "Day %lld %02lld:%02lld",
           floor_div(tAbs, 86400) - floor_div(r->tStart, 86400) + 1, nSec/3600, nSec%3600/60);
  return z;
}

/* Duration v as at most three units from the largest, "2 d 18 h 9 m":
** zero units left out, the rest cut, "0 s" for nothing. */
static char *fmt_span(long long v, char *z, size_t n){
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
static char *fmt_count(long long v, char *z, size_t n){
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
static int day_len(const char *z){
  int i = 4;
  if( strncmp(z, "Day ", 4)!=0 || !isdigit((unsigned char)z[i]) ) return 0;
  while( isdigit((unsigned char)z[i]) ) i++;
  if( z[i]!=' ' || !isdigit((unsigned char)z[i+1]) || !isdigit((unsigned char)z[i+2])
   || z[i+3]!=':' || !isdigit((unsigned char)z[i+4]) || !isdigit((unsigned char)z[i+5]) ) return 0;
  return i+6;
}

/* Length of a clock "HH:MM" at z, or 0. */
static int clock_len(const char *z){
  return isdigit((unsigned char)z[0]) && isdigit((unsigned char)z[1]) && z[2]==':'
      && isdigit((unsigned char)z[3]) && isdigit((unsigned char)z[4])
      && !isdigit((unsigned char)z[5]) ? 5 : 0;
}

static int is_word(int c){ return isalnum(c) || c=='_' || c=='-'; }

/* Length of one "N u" (u: d, h, m or s, ending a word) at z, or 0. */
static int unit_len(const char *z){
  int i = 0;
  while( isdigit((unsigned char)z[i]) ) i++;
  if( i==0 || z[i]!=' ' || z[i+1]==0 || strchr("dhms", z[i+1])==NULL ) return 0;
  return is_word((unsigned char)z[i+2]) ? 0 : i+2;
}

/* Length of a duration "2 d 18 h 9 m" at z, or 0. */
static int span_len(const char *z){
  int n = unit_len(z), k;
  if( n==0 ) return 0;
  while( z[n]==' ' && (k = unit_len(z+n+1))>0 ) n += 1+k;
  return n;
}

/* Is the number z[0..n) part of an identifier, such as "w1-17" or "p95"? */
static int in_identifier(const char *zStart, const char *z, int n){
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

static void tok_push(Tok *a, int *pN, const char *z, int n){
  ck_assert_msg(*pN<MAX_TOK, "too many tokens in \"%s\"", z);
  a[*pN].z = z;
  a[(*pN)++].n = n;
}

/* Split zText into "Day N HH:MM" instants, durations and numbers; numbers
** inside identifiers are none of them. bVerdict: also drop bare "HH:MM"
** clocks and numbers before " %" (percentages are not counts there). */
static void tokenize(const char *zText, int bVerdict, Toks *t){
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

static int tok_is(const Tok *p, const char *z){
  return (int)strlen(z)==p->n && memcmp(p->z, z, (size_t)p->n)==0;
}

static int toks_have(const Tok *a, int n, const char *z){
  int i;
  for(i=0; i<n; i++) if( tok_is(&a[i], z) ) return 1;
  return 0;
}

/* The value of a number token ("1,200" is 1200). */
static long long tok_value(const Tok *p){
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
static void expect_no_iso(const Run *r, const char *z, const char *zWhere, int bInstant){
  const char *zAt = re_find(zReIsoDuration, z);
  ck_assert_msg(zAt==NULL, "%s: ISO duration in %s: \"%.40s\"", r->zName, zWhere, zAt);
  if( bInstant ){
    zAt = re_find(zReIsoInstant, z);
    ck_assert_msg(zAt==NULL, "%s: ISO instant in %s: \"%.40s\"", r->zName, zWhere, zAt);
  }
}

/* The part of z from the line zHead to zEnd (both excluded); free it. */
static char *section(const Run *r, const char *z, const char *zHead, const char *zEnd){
  const char *zA = strstr(z, zHead), *zB;
  ck_assert_msg(zA!=NULL, "%s: no section %s", r->zName, zHead);
  zA += strlen(zHead);
  zB = strstr(zA, zEnd);
  return zB ? strndup(zA, (size_t)(zB-zA)) : strdup(zA);
}

/* ============================================================ 1. outcomes */

static const char *const azOutcome[] = { "converged", "superseded", "reverted", "held", "never" };
static const char *const azOutcomeKey[] = {
  "converged", "superseded", "reverted", "held", "never_converged" };

/* The counts of JSON object pObj (named zWho) are those of the changes
** zWhere selects. */
static void expect_outcomes(const Run *r, const cJSON *pObj, const char *zWho, const char *zWhere){
  int i;
  eq(r, jint(r, pObj, "changes"), qint(r, "SELECT count(*) FROM changes WHERE %s", zWhere),
     "%s.changes", zWho);
  for(i=0; i<5; i++){
    eq(r, jint(r, pObj, azOutcomeKey[i]),
       qint(r, "SELECT count(*) FROM changes WHERE %s AND outcome=%Q", zWhere, azOutcome[i]),
       "%s.%s", zWho, azOutcomeKey[i]);
  }
}

START_TEST(test_outcome_counts_are_the_changes_table_by_outcome_for_the_run_and_each_job){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pConv, *pJob;
    long long nOpen;
    run_open(&r, azScenario[s]);
    pConv = jitem(&r, r.pRoot, "convergence");
    expect_outcomes(&r, pConv, "convergence", "1");
    eq(&r, cJSON_GetArraySize(jitem(&r, pConv, "by_job")), qint(&r, "SELECT count(*) FROM jobs"),
       "the number of convergence.by_job entries");
    cJSON_ArrayForEach(pJob, jitem(&r, pConv, "by_job")){
      const char *zJob = jstr(&r, pJob, "job");
      char zWhere[64], zWho[200];
      snprintf(zWhere, sizeof(zWhere), "job=%lld", job_idx(&r, zJob));
      snprintf(zWho, sizeof(zWho), "convergence.by_job[%s]", zJob);
      expect_outcomes(&r, pJob, zWho, zWhere);
    }
    nOpen = qint(&r, "SELECT count(*) FROM changes WHERE outcome IN ('held','never')");
    eq(&r, jint(&r, pConv, "held") + jint(&r, pConv, "never_converged"), nOpen,
       "convergence.held + never_converged");
    eq(&r, qint(&r, "SELECT count(*) FROM changes c WHERE c.outcome IN ('held','never')"
                    " AND EXISTS(SELECT 1 FROM out_of_step o"
                    "            WHERE o.job=c.job AND o.source_user=c.source_user)"), nOpen,
       "the open changes whose pair is in out_of_step");
    eq(&r, qint(&r, "SELECT count(*) FROM changes WHERE outcome IS NULL OR outcome NOT IN"
                    " ('converged','superseded','reverted','held','never')"), 0,
       "the changes without an outcome");
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 2. percentiles */

/* Quantile zQ (nPct %) of JSON object pObj by nearest rank over nAll
** changes, of which the nConv latencies a[] (ascending) are known and the
** rest count as longer than any. */
static void expect_quantile(const Run *r, const cJSON *pObj, const char *zWho, const char *zQ,
                            int nPct, const long long *a, long long nConv, long long nAll){
  const cJSON *pSec = jitem(r, jitem(r, pObj, "latency_seconds"), zQ);
  const cJSON *pCens = jitem(r, jitem(r, pObj, "censored"), zQ);
  long long iRank = (nPct*nAll + 99)/100;
  int bCensored = iRank > nConv;
  ck_assert_msg(cJSON_IsBool(pCens) && cJSON_IsTrue(pCens)==bCensored,
                "%s: %s.censored.%s should be %s (rank %lld of %lld, %lld converged)",
                r->zName, zWho, zQ, bCensored ? "true" : "false", iRank, nAll, nConv);
  if( bCensored || nAll==0 ){
    ck_assert_msg(cJSON_IsNull(pSec), "%s: %s.latency_seconds.%s should be null", r->zName, zWho, zQ);
  }else{
    ck_assert_msg(cJSON_IsNumber(pSec), "%s: %s.latency_seconds.%s is not a number", r->zName, zWho, zQ);
    eq(r, (long long)pSec->valuedouble, a[iRank-1], "%s.latency_seconds.%s (rank %lld of %lld)",
       zWho, zQ, iRank, nAll);
  }
}

static void expect_latency(const Run *r, const cJSON *pObj, const char *zWho, const char *zWhere){
  sqlite3_stmt *p;
  long long *a = NULL, nConv = 0, nOpen, nAll;
  const cJSON *pMax, *pCensMax;
  double rPct, rWant;
  p = qprep(r, "SELECT converged_at-at FROM changes WHERE outcome='converged' AND %s ORDER BY 1", zWhere);
  while( sqlite3_step(p)==SQLITE_ROW ){
    a = realloc(a, (size_t)(nConv+1)*sizeof(*a));
    ck_assert_ptr_nonnull(a);
    a[nConv++] = sqlite3_column_int64(p, 0);
  }
  sqlite3_finalize(p);
  nOpen = qint(r, "SELECT count(*) FROM changes WHERE outcome IN ('held','never') AND %s", zWhere);
  nAll = nConv + nOpen;
  expect_quantile(r, pObj, zWho, "p50", 50, a, nConv, nAll);
  expect_quantile(r, pObj, zWho, "p95", 95, a, nConv, nAll);
  pMax = jitem(r, jitem(r, pObj, "latency_seconds"), "max");
  pCensMax = jitem(r, jitem(r, pObj, "censored"), "max");
  ck_assert_msg(cJSON_IsBool(pCensMax) && cJSON_IsTrue(pCensMax)==(nOpen>0),
                "%s: %s.censored.max should be %s (%lld open)", r->zName, zWho,
                nOpen>0 ? "true" : "false", nOpen);
  if( nOpen>0 || nConv==0 ){
    ck_assert_msg(cJSON_IsNull(pMax), "%s: %s.latency_seconds.max should be null", r->zName, zWho);
  }else{
    ck_assert_msg(cJSON_IsNumber(pMax), "%s: %s.latency_seconds.max is not a number", r->zName, zWho);
    eq(r, (long long)pMax->valuedouble, a[nConv-1], "%s.latency_seconds.max", zWho);
  }
  rPct = jitem(r, pObj, "censored_percent")->valuedouble;
  rWant = nAll ? 100.0*(double)nOpen/(double)nAll : 0.0;
  ck_assert_msg(fabs(rPct - rWant)<=0.05+1e-9 && fabs(rPct*10 - floor(rPct*10+0.5))<1e-6,
                "%s: %s.censored_percent is %g, expected %.3f to one decimal (%lld of %lld open)",
                r->zName, zWho, rPct, rWant, nOpen, nAll);
  free(a);
}

START_TEST(test_latency_percentiles_are_nearest_rank_with_open_changes_right_censored){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pConv, *pJob;
    run_open(&r, azScenario[s]);
    pConv = jitem(&r, r.pRoot, "convergence");
    expect_latency(&r, pConv, "convergence", "1");
    cJSON_ArrayForEach(pJob, jitem(&r, pConv, "by_job")){
      const char *zJob = jstr(&r, pJob, "job");
      char zWhere[64], zWho[200];
      snprintf(zWhere, sizeof(zWhere), "job=%lld", job_idx(&r, zJob));
      snprintf(zWho, sizeof(zWho), "convergence.by_job[%s]", zJob);
      expect_latency(&r, pJob, zWho, zWhere);
    }
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 3. targets */

static void expect_target(const Run *r, const cJSON *t){
  const char *zKey = jstr(r, t, "tenant");
  long long iT = tenant_idx(r, zKey), nOut, tInStep = 0, nDriftFinal = -1, nDrift = -1, tLast;
  const cJSON *pInStep = jitem(r, t, "in_step"), *pSec = jitem(r, t, "in_step_seconds");
  char zWho[160];
  snprintf(zWho, sizeof(zWho), "convergence.targets[%s]", zKey);
  nOut = qint(r, "SELECT count(*) FROM out_of_step o JOIN jobs j ON j.idx=o.job WHERE j.target=%lld", iT);
  eq(r, jint(r, t, "out_of_step"), nOut, "%s.out_of_step", zWho);
  ck_assert_msg(cJSON_IsBool(pInStep) && cJSON_IsTrue(pInStep)==(nOut==0),
                "%s: %s.in_step should be %s (%lld pairs out of step)", r->zName, zWho,
                nOut==0 ? "true" : "false", nOut);
  qopt(r, &nDriftFinal, "SELECT drift_final FROM tenants WHERE idx=%lld", iT);
  if( nOut>0 ){
    ck_assert_msg(cJSON_IsNull(pSec), "%s: %s.in_step_seconds should be null", r->zName, zWho);
  }else if( qopt(r, &tInStep, "SELECT in_step_at FROM tenants WHERE idx=%lld", iT) ){
    eq(r, jint(r, t, "in_step_seconds"), tInStep, "%s.in_step_seconds", zWho);
    /* In step since the last change into the tenant was closed. */
    tLast = qint(r, "SELECT max(x) FROM (SELECT max(c.converged_at) AS x FROM changes c"
                    " JOIN jobs j ON j.idx=c.job WHERE j.target=%lld AND c.outcome='converged'"
                    " UNION ALL SELECT max(c.closed_at) FROM changes c JOIN jobs j ON j.idx=c.job"
                    " WHERE j.target=%lld AND c.outcome='reverted')", iT, iT);
    eq(r, tInStep, tLast, "tenants.in_step_at of %s (vs the last converged_at or reverted"
       " closed_at of its changes)", zKey);
  }else{
    eq(r, nDriftFinal, 0, "tenants.drift_final of %s, which has no in_step_at", zKey);
    eq(r, jint(r, t, "in_step_seconds"), 0, "%s.in_step_seconds (never drifted)", zWho);
  }
  expect_counts_by(r, jitem(r, t, "out_of_step_by_reason"), zWho,
                   qprep(r, "SELECT o.reason, count(*) FROM out_of_step o JOIN jobs j ON j.idx=o.job"
                            " WHERE j.target=%lld GROUP BY o.reason", iT));
  ck_assert_msg(qopt(r, &nDrift, "SELECT value FROM metrics WHERE name='drift' AND tenant=%lld"
                                 " ORDER BY t DESC LIMIT 1", iT),
                "%s: no drift metric for target %s", r->zName, zKey);
  eq(r, nDrift, nOut, "the final drift metric of %s (vs its pairs in out_of_step)", zKey);
}

START_TEST(test_a_target_is_in_step_when_none_of_its_pairs_is_out_of_step_since_its_last_change_closed){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pConv, *t;
    run_open(&r, azScenario[s]);
    pConv = jitem(&r, r.pRoot, "convergence");
    eq(&r, cJSON_GetArraySize(jitem(&r, pConv, "targets")),
       qint(&r, "SELECT count(DISTINCT target) FROM jobs"), "the number of convergence.targets");
    cJSON_ArrayForEach(t, jitem(&r, pConv, "targets")) expect_target(&r, t);
    eq(&r, jint(&r, pConv, "out_of_step"), qint(&r, "SELECT count(*) FROM out_of_step"),
       "convergence.out_of_step");
    expect_counts_by(&r, jitem(&r, pConv, "out_of_step_by_reason"), "convergence.out_of_step_by_reason",
                     qprep(&r, "SELECT reason, count(*) FROM out_of_step GROUP BY reason"));
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 4. orphans */

/* Live, linked target users no link of which is justified (its source user
** live and desired 'present'), classified by their link of the lowest job
** index: disabled by sync, or orphaned with the first reason that applies
** (reports/report.c head comment). Rows (object_id, class, reason). */
static const char zSqlLeftBehind[] =
  "WITH justified(id) AS ("
  "  SELECT l.target_user FROM links l JOIN users s ON s.id=l.source_user"
  "    JOIN desired d ON d.job=l.job AND d.source_user=l.source_user"
  "   WHERE s.deleted_at IS NULL AND s.purged_at IS NULL AND d.state='present'),"
  " left_behind(tu, job) AS ("
  "  SELECT l.target_user, min(l.job) FROM links l JOIN users t ON t.id=l.target_user"
  "   WHERE t.deleted_at IS NULL AND t.purged_at IS NULL"
  "     AND l.target_user NOT IN (SELECT id FROM justified) GROUP BY l.target_user),"
  " pick AS ("
  "  SELECT t.object_id, l.held, d.state, t.account_enabled,"
  "         (s.deleted_at IS NULL AND s.purged_at IS NULL) AS live,"
  "         CASE WHEN s.deleted_at IS NULL AND s.purged_at IS NULL THEN COALESCE(d.since, l.linked_at)"
  "              ELSE COALESCE(s.deleted_at, s.purged_at) END AS since,"
  "         j.status_code, j.started_at, j.gate_error,"
  "         (SELECT max(c.began) FROM cycles c WHERE c.job=j.idx) AS last_began,"
  "         EXISTS(SELECT 1 FROM cycles c WHERE c.job=j.idx AND c.ended IS NULL) AS running"
  "    FROM left_behind lb JOIN links l ON l.job=lb.job AND l.target_user=lb.tu"
  "    JOIN users t ON t.id=lb.tu JOIN users s ON s.id=l.source_user JOIN jobs j ON j.idx=l.job"
  "    LEFT JOIN desired d ON d.job=l.job AND d.source_user=l.source_user),"
  " cls(object_id, class, reason) AS ("
  "  SELECT object_id,"
  "    CASE WHEN held IS NULL AND state='disabled' AND live AND account_enabled=0"
  "         THEN 'disabled_by_sync' ELSE 'orphaned' END,"
  "    CASE WHEN held IS NULL AND state='disabled' AND live AND account_enabled=0 THEN 'source_disabled'"
  "         WHEN held IS NOT NULL AND held<>'' THEN held"
  "         WHEN status_code='Paused' THEN 'job_paused'"
  "         WHEN started_at IS NULL THEN 'job_not_started'"
  "         WHEN gate_error IS NOT NULL THEN 'target_disallowed_sync'"
  "         WHEN last_began IS NULL OR last_began<since OR running THEN 'pending_next_cycle'"
  "         ELSE 'not_deprovisioned' END"
  "    FROM pick)"
  " SELECT object_id, class, reason FROM cls"
  " UNION ALL"
  " SELECT u.object_id, 'preexisting', 'home_identity_unknown' FROM users u"
  "  WHERE u.creation_type='Invitation' AND u.created_by_job IS NULL AND u.alt_sec_id IS NULL"
  "    AND u.external_user_state='Accepted' AND u.deleted_at IS NULL AND u.purged_at IS NULL"
  "    AND u.id NOT IN (SELECT target_user FROM links)";

/* A growable list of strings, compared sorted. */
typedef struct StrList { char **az; int n; } StrList;

static void sl_add(StrList *p, const char *zA, const char *zB){
  size_t n = strlen(zA) + strlen(zB) + 2;
  p->az = realloc(p->az, (size_t)(p->n+1)*sizeof(char*));
  ck_assert_ptr_nonnull(p->az);
  p->az[p->n] = malloc(n);
  ck_assert_ptr_nonnull(p->az[p->n]);
  snprintf(p->az[p->n++], n, "%s %s", zA, zB);
}

static int sl_cmp(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}

static void sl_sort(StrList *p){
  if( p->n>1 ) qsort(p->az, (size_t)p->n, sizeof(char*), sl_cmp);
}

static void sl_free(StrList *p){
  int i;
  for(i=0; i<p->n; i++) free(p->az[i]);
  free(p->az);
  memset(p, 0, sizeof(*p));
}

/* The sorted lists are equal (zWho names them in a failure). */
static void expect_same_list(const Run *r, StrList *pGot, StrList *pWant, const char *zWho){
  int i;
  sl_sort(pGot);
  sl_sort(pWant);
  for(i=0; i<pGot->n && i<pWant->n; i++){
    ck_assert_msg(strcmp(pGot->az[i], pWant->az[i])==0, "%s: %s lists \"%s\" where the database"
                  " has \"%s\"", r->zName, zWho, pGot->az[i], pWant->az[i]);
  }
  eq(r, pGot->n, pWant->n, "the length of %s", zWho);
}

/* One class of accounts: its count, its items as "object_id reason", and
** (orphans only) its counts by reason, against the database. */
static void expect_account_class(const Run *r, const cJSON *pClass, const char *zWho,
                                 const char *zClass, StrList *pAll){
  StrList got = {0, 0}, want = {0, 0};
  const cJSON *pItem;
  sqlite3_stmt *p;
  eq(r, jint(r, pClass, "count"),
     qint(r, "SELECT count(*) FROM (%s) WHERE class=%Q", zSqlLeftBehind, zClass),
     "%s.count", zWho);
  cJSON_ArrayForEach(pItem, jitem(r, pClass, "items")){
    sl_add(&got, jstr(r, pItem, "object_id"), jstr(r, pItem, "reason"));
    sl_add(pAll, jstr(r, pItem, "object_id"), "");
  }
  p = qprep(r, "SELECT object_id, reason FROM (%s) WHERE class=%Q", zSqlLeftBehind, zClass);
  while( sqlite3_step(p)==SQLITE_ROW ){
    sl_add(&want, (const char*)sqlite3_column_text(p, 0), (const char*)sqlite3_column_text(p, 1));
  }
  sqlite3_finalize(p);
  expect_same_list(r, &got, &want, zWho);
  sl_free(&got);
  sl_free(&want);
}

START_TEST(test_accounts_left_behind_are_orphaned_disabled_by_sync_or_preexisting_never_two){
  int s, i;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pOrph;
    StrList all = {0, 0};
    run_open(&r, azScenario[s]);
    pOrph = jitem(&r, r.pRoot, "orphans");
    expect_account_class(&r, pOrph, "orphans", "orphaned", &all);
    expect_account_class(&r, jitem(&r, pOrph, "disabled_by_sync"), "orphans.disabled_by_sync",
                         "disabled_by_sync", &all);
    expect_account_class(&r, jitem(&r, pOrph, "preexisting"), "orphans.preexisting",
                         "preexisting", &all);
    expect_counts_by(&r, jitem(&r, pOrph, "by_reason"), "orphans.by_reason",
                     qprep(&r, "SELECT reason, count(*) FROM (%s) WHERE class='orphaned'"
                               " GROUP BY reason", zSqlLeftBehind));
    sl_sort(&all);
    for(i=1; i<all.n; i++){
      ck_assert_msg(strcmp(all.az[i-1], all.az[i])!=0, "%s: object_id %s is in two classes of"
                    " accounts left behind", r.zName, all.az[i]);
    }
    sl_free(&all);
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 5. jobs */

/* The failing settings of the job are its gate_checks rows, in order. */
static void expect_settings(const Run *r, const cJSON *pSettings, long long iJob, const char *zJob){
  sqlite3_stmt *p = qprep(r, "SELECT t.key, pt.key, g.setting FROM gate_checks g"
                             " JOIN tenants t ON t.idx=g.tenant LEFT JOIN tenants pt ON pt.idx=g.partner"
                             " WHERE g.job=%lld ORDER BY g.ord", iJob);
  int i = 0;
  while( sqlite3_step(p)==SQLITE_ROW ){
    const cJSON *pS = cJSON_GetArrayItem(pSettings, i);
    ck_assert_msg(pS!=NULL, "%s: jobs[%s].problem.settings lacks gate_checks row %d", r->zName, zJob, i);
    ck_assert_msg(streq(jstr(r, pS, "tenant"), (const char*)sqlite3_column_text(p, 0))
                  && streq(jstr(r, pS, "partner"), (const char*)sqlite3_column_text(p, 1))
                  && streq(jstr(r, pS, "setting"), (const char*)sqlite3_column_text(p, 2)),
                  "%s: jobs[%s].problem.settings[%d] is not gate_checks row %d (%s, %s, %s)",
                  r->zName, zJob, i, i, sqlite3_column_text(p, 0), sqlite3_column_text(p, 1),
                  sqlite3_column_text(p, 2));
    i++;
  }
  sqlite3_finalize(p);
  eq(r, cJSON_GetArraySize(pSettings), i, "the length of jobs[%s].problem.settings", zJob);
}

/* top_errors: the most frequent codes of failure and warning rows (at most
** 10, REPORT_TOP_ERRORS), each with its count, by count descending. */
static void expect_top_errors(const Run *r, const cJSON *pTop, long long iJob, const char *zJob){
  const cJSON *e;
  long long nPrev = -1, nCodes;
  const char zRows[] = "FROM provisioning_log WHERE job=%lld AND error_code IS NOT NULL"
                       " AND status IN ('failure','warning')";
  char zSql[300];
  cJSON_ArrayForEach(e, pTop){
    const char *zCode = jstr(r, e, "code");
    long long n = jint(r, e, "count");
    snprintf(zSql, sizeof(zSql), "SELECT count(*) %s AND error_code=%%Q", zRows);
    eq(r, n, qint(r, zSql, iJob, zCode), "jobs[%s].top_errors[%s].count", zJob, zCode);
    ck_assert_msg(nPrev<0 || n<=nPrev, "%s: jobs[%s].top_errors are not by count descending",
                  r->zName, zJob);
    nPrev = n;
  }
  snprintf(zSql, sizeof(zSql), "SELECT count(DISTINCT error_code) %s", zRows);
  nCodes = qint(r, zSql, iJob);
  eq(r, cJSON_GetArraySize(pTop), nCodes<10 ? nCodes : 10, "the length of jobs[%s].top_errors", zJob);
  if( nCodes>10 ){
    snprintf(zSql, sizeof(zSql), "SELECT count(*) AS n %s GROUP BY error_code ORDER BY n DESC"
             " LIMIT 1 OFFSET 10", zRows);
    ck_assert_msg(qint(r, zSql, iJob)<=nPrev, "%s: jobs[%s].top_errors leaves out a more frequent"
                  " code", r->zName, zJob);
  }
}

static void expect_job(const Run *r, const cJSON *pJob){
  const char *zJob = jstr(r, pJob, "job");
  sqlite3_stmt *p = qprep(r, "SELECT idx, status_code, schedule_state, disabled_at IS NOT NULL,"
                             " gate_error FROM jobs WHERE key=%Q", zJob);
  const cJSON *pProblem = jitem(r, pJob, "problem");
  const char *zStatus, *zGate, *zWant;
  long long iJob;
  ck_assert_int_eq(sqlite3_step(p), SQLITE_ROW);
  iJob = sqlite3_column_int64(p, 0);
  zStatus = (const char*)sqlite3_column_text(p, 1);
  zGate = (const char*)sqlite3_column_text(p, 4);
  zWant = strcmp(zStatus, "Quarantine")==0 && streq((const char*)sqlite3_column_text(p, 2), "Disabled")
          && sqlite3_column_int(p, 3) ? "Disabled" : zStatus;
  ck_assert_msg(streq(jstr(r, pJob, "status"), zWant), "%s: jobs[%s].status is %s, expected %s"
                " (status_code %s, schedule_state %s)", r->zName, zJob, jstr(r, pJob, "status"),
                zWant, zStatus, sqlite3_column_text(p, 2));
  ck_assert_msg(streq(jstr(r, pJob, "gate_error"), zGate), "%s: jobs[%s].gate_error is %s,"
                " expected %s", r->zName, zJob, jstr(r, pJob, "gate_error"), zGate ? zGate : "null");
  ck_assert_msg(!cJSON_IsNull(pProblem)==(strcmp(zWant, "Active")!=0 || zGate!=NULL),
                "%s: jobs[%s].problem should be %s (status %s, gate_error %s)", r->zName, zJob,
                cJSON_IsNull(pProblem) ? "set" : "null", zWant, zGate ? zGate : "null");
  if( zGate ){
    ck_assert_msg(streq(jstr(r, pProblem, "code"), zGate), "%s: jobs[%s].problem.code is %s,"
                  " expected gate_error %s", r->zName, zJob, jstr(r, pProblem, "code"), zGate);
    expect_settings(r, jitem(r, pProblem, "settings"), iJob, zJob);
  }
  sqlite3_finalize(p);
  expect_top_errors(r, jitem(r, pJob, "top_errors"), iJob, zJob);
}

START_TEST(test_job_status_problem_failing_settings_and_top_errors_follow_the_jobs_row_and_log){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pJob;
    run_open(&r, azScenario[s]);
    eq(&r, cJSON_GetArraySize(jitem(&r, r.pRoot, "jobs")), qint(&r, "SELECT count(*) FROM jobs"),
       "the number of jobs[]");
    cJSON_ArrayForEach(pJob, jitem(&r, r.pRoot, "jobs")) expect_job(&r, pJob);
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 6. verdict */

/* z escaped: HTML (& < > " ') or, bHtml 0, Markdown (< &). Free it. */
static char *escape(const char *z, int bHtml){
  size_t n = strlen(z)*6 + 1, j = 0;
  char *zOut = malloc(n);
  ck_assert_ptr_nonnull(zOut);
  for(; *z; z++){
    const char *zE = NULL;
    switch( *z ){
      case '&': zE = "&amp;"; break;
      case '<': zE = "&lt;"; break;
      case '>': if( bHtml ) zE = "&gt;"; break;
      case '"': if( bHtml ) zE = "&quot;"; break;
      case '\'': if( bHtml ) zE = "&#39;"; break;
    }
    if( zE ){ memcpy(zOut+j, zE, strlen(zE)); j += strlen(zE); }
    else zOut[j++] = *z;
  }
  zOut[j] = 0;
  return zOut;
}

/* Does z name zWord as a whole word (not inside "contoso-gov")? */
static int has_word(const char *z, const char *zWord){
  size_t n = strlen(zWord);
  const char *p;
  for(p=strstr(z, zWord); p; p=strstr(p+1, zWord)){
    if( (p==z || !is_word((unsigned char)p[-1])) && !is_word((unsigned char)p[n]) ) return 1;
  }
  return 0;
}

/* The counts a verdict may state, all from the JSON report. */
typedef struct Counts { long long a[256]; int n; } Counts;

static void counts_add(Counts *c, long long v){
  ck_assert(c->n < (int)(sizeof(c->a)/sizeof(c->a[0])));
  c->a[c->n++] = v;
}

static void counts_add_values(Counts *c, const cJSON *pObj){
  const cJSON *e;
  cJSON_ArrayForEach(e, pObj) if( cJSON_IsNumber(e) ) counts_add(c, (long long)e->valuedouble);
}

static void verdict_counts(const Run *r, Counts *c){
  static const char *const azConv[] = {
    "changes", "converged", "superseded", "reverted", "held", "never_converged", "out_of_step" };
  const cJSON *pConv = jitem(r, r->pRoot, "convergence"), *pOrph = jitem(r, r->pRoot, "orphans");
  const cJSON *t, *w;
  long long nInStep = 0;
  size_t i;
  memset(c, 0, sizeof(*c));
  for(i=0; i<sizeof(azConv)/sizeof(azConv[0]); i++) counts_add(c, jint(r, pConv, azConv[i]));
  counts_add_values(c, jitem(r, pConv, "out_of_step_by_reason"));
  cJSON_ArrayForEach(t, jitem(r, pConv, "targets")){
    counts_add(c, jint(r, t, "out_of_step"));
    counts_add_values(c, jitem(r, t, "out_of_step_by_reason"));
    cJSON_ArrayForEach(w, jitem(r, t, "why")) counts_add(c, jint(r, w, "count"));
    nInStep += cJSON_IsTrue(jitem(r, t, "in_step"));
  }
  counts_add(c, cJSON_GetArraySize(jitem(r, pConv, "targets")));
  counts_add(c, nInStep);
  counts_add(c, jint(r, pOrph, "count"));
  counts_add_values(c, jitem(r, pOrph, "by_reason"));
  counts_add(c, jint(r, jitem(r, pOrph, "disabled_by_sync"), "count"));
  counts_add(c, jint(r, jitem(r, pOrph, "preexisting"), "count"));
}

/* Every number the sentence states, written "1,200", is a count of the JSON. */
static void expect_verdict_numbers(const Run *r, const char *zSentence, const Counts *c){
  Toks t;
  int i, k;
  tokenize(zSentence, 1, &t);
  for(i=0; i<t.nNum; i++){
    long long v = tok_value(&t.aNum[i]);
    char z[32];
    ck_assert_msg(tok_is(&t.aNum[i], fmt_count(v, z, sizeof(z))), "%s: verdict number \"%.*s\""
                  " is not written %s", r->zName, t.aNum[i].n, t.aNum[i].z, z);
    for(k=0; k<c->n && c->a[k]!=v; k++){}
    ck_assert_msg(k<c->n, "%s: verdict number %s is no count of the JSON report, in \"%s\"",
                  r->zName, z, zSentence);
  }
}

START_TEST(test_the_verdict_says_the_same_sentences_everywhere_names_targets_out_of_step_and_states_counts){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *pVerdict, *v;
    const char *zFirst;
    Counts counts;
    sqlite3_stmt *p;
    run_open(&r, azScenario[s]);
    pVerdict = jitem(&r, r.pRoot, "verdict");
    ck_assert_msg(cJSON_GetArraySize(pVerdict)>=1 && cJSON_GetArraySize(pVerdict)<=5,
                  "%s: the verdict has %d sentences", r.zName, cJSON_GetArraySize(pVerdict));
    verdict_counts(&r, &counts);
    cJSON_ArrayForEach(v, pVerdict){
      char *zHtml, *zMd;
      ck_assert_msg(cJSON_IsString(v), "%s: a verdict sentence is not a string", r.zName);
      zHtml = escape(v->valuestring, 1);
      zMd = escape(v->valuestring, 0);
      ck_assert_msg(strstr(r.zTxt, v->valuestring)!=NULL, "%s: verdict \"%s\" is not in the text"
                    " report", r.zName, v->valuestring);
      ck_assert_msg(strstr(r.zHtml, zHtml)!=NULL, "%s: verdict \"%s\" is not in the HTML",
                    r.zName, zHtml);
      ck_assert_msg(strstr(r.zMd, zMd)!=NULL, "%s: verdict \"%s\" is not in the Markdown",
                    r.zName, zMd);
      free(zHtml);
      free(zMd);
      expect_verdict_numbers(&r, v->valuestring, &counts);
    }
    zFirst = cJSON_GetArrayItem(pVerdict, 0)->valuestring;
    p = qprep(&r, "SELECT t.key FROM tenants t WHERE EXISTS(SELECT 1 FROM out_of_step o"
                  " JOIN jobs j ON j.idx=o.job WHERE j.target=t.idx) ORDER BY t.idx");
    while( sqlite3_step(p)==SQLITE_ROW ){
      const char *zKey = (const char*)sqlite3_column_text(p, 0);
      ck_assert_msg(has_word(zFirst, zKey), "%s: the verdict's first sentence does not name %s,"
                    " which is out of step: \"%s\"", r.zName, zKey, zFirst);
    }
    sqlite3_finalize(p);
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 7. narrative */

/* One line of the narrative, as a test reads it. */
typedef struct Line {
  const Run *r;
  const cJSON *pFacts;
  const char *zKind, *zJob, *zText;
  long long at, seq, iJob;   /* seq 0 when null, iJob -1 when null */
  int bSeq;
  char zWho[200];            /* "narrative[4] (Day 2 08:00 set_policy to-woodgrove)" */
} Line;

static const char *const azInstantFact[] = {
  "next_cycle_at", "passing_cycle_at", "converged_by", "cycle_ended_at", "until" };
static const char *const azDurationFact[] = { "waited", "longest_interval", "quarantined_for" };

/* 't' instant, 'd' duration, 'n' count. */
static char fact_kind(const char *zName){
  size_t i;
  for(i=0; i<sizeof(azInstantFact)/sizeof(azInstantFact[0]); i++){
    if( strcmp(zName, azInstantFact[i])==0 ) return 't';
  }
  for(i=0; i<sizeof(azDurationFact)/sizeof(azDurationFact[0]); i++){
    if( strcmp(zName, azDurationFact[i])==0 ) return 'd';
  }
  return 'n';
}

/* The fact as the text writes it. */
static char *fact_text(const Line *l, const cJSON *f, char *z, size_t n){
  long long v = (long long)f->valuedouble;
  switch( fact_kind(f->string) ){
    case 't': return fmt_day(l->r, v, z, n);
    case 'd': return fmt_span(v, z, n);
    default:  return fmt_count(v, z, n);
  }
}

/* Every time, duration and number of the text is one of the line's facts,
** written the way the reports write it, and every fact is in the text. */
static void expect_text_states_the_facts(const Line *l){
  Toks t;
  const cJSON *f;
  int i;
  char z[64];
  tokenize(l->zText, 0, &t);
  for(i=0; i<t.nDay+t.nSpan+t.nNum; i++){
    const Tok *p = i<t.nDay ? &t.aDay[i] : i<t.nDay+t.nSpan ? &t.aSpan[i-t.nDay]
                 : &t.aNum[i-t.nDay-t.nSpan];
    char cKind = i<t.nDay ? 't' : i<t.nDay+t.nSpan ? 'd' : 'n';
    int bFound = 0;
    cJSON_ArrayForEach(f, l->pFacts){
      if( fact_kind(f->string)==cKind && tok_is(p, fact_text(l, f, z, sizeof(z))) ) bFound = 1;
    }
    ck_assert_msg(bFound, "%s: %s: \"%.*s\" in the text is none of its facts: \"%s\"",
                  l->r->zName, l->zWho, p->n, p->z, l->zText);
  }
  cJSON_ArrayForEach(f, l->pFacts){
    char cKind = fact_kind(f->string);
    fact_text(l, f, z, sizeof(z));
    ck_assert_msg(cKind=='t' ? toks_have(t.aDay, t.nDay, z) : cKind=='d' ? toks_have(t.aSpan, t.nSpan, z)
                  : toks_have(t.aNum, t.nNum, z),
                  "%s: %s: fact %s (%s) is not in the text: \"%s\"", l->r->zName, l->zWho,
                  f->string, z, l->zText);
  }
}

/* A cycle of a job. */
typedef struct Cyc { int bFound, bEnded; long long id, began, ended; } Cyc;

/* The first cycle of the line's job (not on demand) beginning at or after
** tFrom; bPassing: the first that did not fail. */
static Cyc first_cycle(const Line *l, long long tFrom, int bPassing){
  sqlite3_stmt *p = qprep(l->r, "SELECT id, began, ended FROM cycles WHERE job=%lld AND began>=%lld"
                                " AND kind<>'onDemand'%s ORDER BY began, id LIMIT 1", l->iJob, tFrom,
                          bPassing ? " AND state IS NOT 'Failed'" : "");
  Cyc c;
  memset(&c, 0, sizeof(c));
  if( sqlite3_step(p)==SQLITE_ROW ){
    c.bFound = 1;
    c.id = sqlite3_column_int64(p, 0);
    c.began = sqlite3_column_int64(p, 1);
    c.bEnded = sqlite3_column_type(p, 2)!=SQLITE_NULL;
    c.ended = sqlite3_column_int64(p, 2);
  }
  sqlite3_finalize(p);
  return c;
}

static const struct { const char *zFact, *zWhere; } aExport[] = {
  { "created",  "status='success' AND action='create'" },
  { "updated",  "status='success' AND action='update'" },
  { "disabled", "status='success' AND action='disable'" },
  { "deleted",  "status='success' AND action='delete'" },
  { "staged",   "action='stagedDelete'" },
  { "failed",   "status='failure'" },
};

/* The facts of a job's line under a timeline action, or of its initial
** assignment (no seq): the changes the action opened for the job, the
** cycles that followed, what the first passing one exported. */
static int job_fact(const Line *l, const char *zName, long long *pV){
  const Run *r = l->r;
  char zAct[48];
  long long tFrom = l->bSeq ? l->at : 0;
  Cyc next = first_cycle(l, tFrom, 0), pass = first_cycle(l, tFrom, 1);
  size_t i;
  if( l->bSeq ) snprintf(zAct, sizeof(zAct), "action=%lld", l->seq);
  else snprintf(zAct, sizeof(zAct), "action IS NULL");
  if( strcmp(zName, "changes")==0 ){
    *pV = qint(r, "SELECT count(*) FROM changes WHERE job=%lld AND %s", l->iJob, zAct);
    return 1;
  }
  for(i=0; i<5; i++){
    if( strcmp(zName, azOutcome[i])==0 ){
      *pV = qint(r, "SELECT count(*) FROM changes WHERE job=%lld AND %s AND outcome=%Q",
                 l->iJob, zAct, azOutcome[i]);
      return 1;
    }
  }
  if( strcmp(zName, "converged_by")==0 ){
    *pV = qint(r, "SELECT max(converged_at) FROM changes WHERE job=%lld AND %s"
                  " AND outcome='converged'", l->iJob, zAct);
    return 1;
  }
  if( strcmp(zName, "next_cycle_at")==0 || strcmp(zName, "waited")==0 ){
    ck_assert_msg(next.bFound, "%s: %s: fact %s but no cycle began after it", r->zName, l->zWho, zName);
    *pV = zName[0]=='w' ? next.began - l->at : next.began;
    return 1;
  }
  if( strcmp(zName, "passing_cycle_at")==0 || strcmp(zName, "cycle_ended_at")==0
   || strcmp(zName, "waiting_converged")==0 ){
    ck_assert_msg(pass.bFound && (zName[0]=='p' || pass.bEnded), "%s: %s: fact %s but no passing"
                  " cycle (that ended) after it", r->zName, l->zWho, zName);
    if( zName[0]=='p' ) *pV = pass.began;
    else if( zName[0]=='c' ) *pV = pass.ended;
    else *pV = qint(r, "SELECT count(*) FROM changes WHERE job=%lld AND at<%lld AND outcome='converged'"
                       " AND converged_at BETWEEN %lld AND %lld", l->iJob, l->at, pass.began, pass.ended);
    return 1;
  }
  for(i=0; i<sizeof(aExport)/sizeof(aExport[0]); i++){
    if( strcmp(zName, aExport[i].zFact)==0 ){
      ck_assert_msg(pass.bFound, "%s: %s: fact %s but no passing cycle", r->zName, l->zWho, zName);
      *pV = qint(r, "SELECT count(*) FROM provisioning_log WHERE job=%lld AND cycle=%lld"
                    " AND object_type='User' AND %s", l->iJob, pass.id, aExport[i].zWhere);
      return 1;
    }
  }
  if( !l->bSeq ) return 0;
  if( strcmp(zName, "in_scope")==0 ){
    *pV = qint(r, "SELECT in_scope FROM timeline_jobs WHERE seq=%lld AND job=%lld", l->seq, l->iJob);
    return 1;
  }
  if( strcmp(zName, "undone")==0 ){
    *pV = qint(r, "SELECT count(*) FROM changes WHERE job=%lld AND outcome='reverted'"
                  " AND closed_by=%lld AND action IS NOT %lld", l->iJob, l->seq, l->seq);
    return 1;
  }
  if( strcmp(zName, "drift_before")==0 || strcmp(zName, "drift_after")==0 ){
    *pV = qint(r, "SELECT COALESCE((SELECT value FROM metrics WHERE name='drift'"
                  " AND tenant=(SELECT target FROM jobs WHERE idx=%lld) AND t%s%lld"
                  " ORDER BY t DESC LIMIT 1), 0)", l->iJob, zName[6]=='b' ? "<" : "<=", l->at);
    return 1;
  }
  return 0;
}

/* The timeline action's own line: how many selected users some job scoped. */
static int action_fact(const Line *l, const char *zName, long long *pV){
  if( strcmp(zName, "in_scope")==0 ){
    *pV = qint(l->r, "SELECT in_scope FROM timeline WHERE seq=%lld", l->seq);
    return 1;
  }
  if( strcmp(zName, "not_in_scope")==0 ){
    *pV = qint(l->r, "SELECT objects - in_scope FROM timeline WHERE seq=%lld", l->seq);
    return 1;
  }
  return 0;
}

static int quarantine_fact(const Line *l, const char *zName, long long *pV){
  const Run *r = l->r;
  long long iQ = qint(r, "SELECT id FROM quarantines WHERE job=%lld AND began=%lld ORDER BY id LIMIT 1",
                      l->iJob, l->at);
  long long tEnd = qint(r, "SELECT COALESCE(ended, %lld) FROM quarantines WHERE id=%lld", r->tEnd, iQ);
  const char *zIn = "FROM cycles WHERE job=%lld AND kind<>'onDemand' AND began>=%lld AND began<%lld";
  char zSql[400];
  if( strcmp(zName, "cycles")==0 ){
    snprintf(zSql, sizeof(zSql), "SELECT count(*) %s", zIn);
    *pV = qint(r, zSql, l->iJob, l->at, tEnd);
    return 1;
  }
  if( strcmp(zName, "longest_interval")==0 ){
    snprintf(zSql, sizeof(zSql), "SELECT COALESCE(max(began - prev), 0) FROM (SELECT began,"
             " lag(began) OVER (ORDER BY began, id) AS prev %s)", zIn);
    *pV = qint(r, zSql, l->iJob, l->at, tEnd);
    return 1;
  }
  if( strcmp(zName, "failed")==0 || strcmp(zName, "objects")==0 ){
    *pV = qint(r, "SELECT %s FROM cycles WHERE job=%lld AND kind<>'onDemand' AND ended=%lld"
                  " ORDER BY id DESC LIMIT 1", zName[0]=='f' ? "count_escrowed" : "count_imported",
               l->iJob, l->at);
    return 1;
  }
  return 0;
}

static int quarantine_end_fact(const Line *l, const char *zName, long long *pV){
  if( strcmp(zName, "quarantined_for")!=0 ) return 0;
  *pV = qint(l->r, "SELECT ended - began FROM quarantines WHERE job=%lld AND ended=%lld"
                   " ORDER BY id LIMIT 1", l->iJob, l->at);
  return 1;
}

/* The word of zText after zAfter, up to a space or colon, into z. */
static char *word_after(const Line *l, const char *zAfter, char *z, size_t n){
  const char *p = strstr(l->zText, zAfter);
  size_t k = 0;
  ck_assert_msg(p!=NULL, "%s: %s: no \"%s\" in \"%s\"", l->r->zName, l->zWho, zAfter, l->zText);
  for(p+=strlen(zAfter); *p && *p!=' ' && *p!=':' && k<n-1; p++) z[k++] = *p;
  z[k] = 0;
  return z;
}

/* A fault window: the faults row of its tenant and kind starting at the line. */
static int fault_fact(const Line *l, const char *zName, long long *pV){
  const char *zKind = strncmp(l->zText, "throttling", 10)==0 ? "throttle"
                    : strncmp(l->zText, "transient", 9)==0 ? "transient" : "outage";
  const char *zCol = strcmp(zName, "until")==0 ? "until_t"
                   : strcmp(zName, "rate_percent")==0 ? "CAST(round(rate*100) AS INTEGER)"
                   : strcmp(zName, "factor")==0 ? "CAST(round(factor) AS INTEGER)" : NULL;
  char zTenant[64];
  if( zCol==NULL ) return 0;
  *pV = qint(l->r, "SELECT %s FROM faults WHERE from_t=%lld AND kind=%Q AND tenant=%lld"
                   " ORDER BY idx LIMIT 1", zCol, l->at, zKind,
             tenant_idx(l->r, word_after(l, " in ", zTenant, sizeof(zTenant))));
  return 1;
}

static long long fact_value(const Line *l, const char *zName){
  const cJSON *f = cJSON_GetObjectItemCaseSensitive(l->pFacts, zName);
  ck_assert_msg(cJSON_IsNumber(f), "%s: %s has no fact %s", l->r->zName, l->zWho, zName);
  return (long long)f->valuedouble;
}

/* An episode of failing exports (escrow) or held removals (staged_delete):
** the job's cycles from the line to the fact "until" that escrowed or
** staged something. */
static int episode_fact(const Line *l, const char *zName, long long *pV){
  const Run *r = l->r;
  int bStaged = strcmp(l->zKind, "staged_delete")==0;
  long long tUntil = fact_value(l, "until");
  char *zCyc = sqlite3_mprintf("SELECT id FROM cycles WHERE job=%lld AND kind<>'onDemand'"
                               " AND began>=%lld AND COALESCE(ended, began)<=%lld AND %s",
                               l->iJob, l->at, tUntil, bStaged
                               ? "id IN (SELECT cycle FROM provisioning_log WHERE action='stagedDelete')"
                               : "count_escrowed>0");
  const char *zRows = bStaged ? "action='stagedDelete'" : "status='failure'";
  int bKnown = 1;
  ck_assert_ptr_nonnull(zCyc);
  if( strcmp(zName, "cycles")==0 ) *pV = qint(r, "SELECT count(*) FROM (%s)", zCyc);
  else if( strcmp(zName, "until")==0 ){
    *pV = qint(r, "SELECT max(COALESCE(ended, began)) FROM cycles WHERE id IN (%s)", zCyc);
    eq(r, qint(r, "SELECT min(began) FROM cycles WHERE id IN (%s)", zCyc), l->at,
       "the start of the episode of %s", l->zWho);
  }else if( strcmp(zName, "users")==0 ){
    *pV = qint(r, "SELECT count(DISTINCT source_user) FROM provisioning_log WHERE job=%lld AND %s"
                  " AND cycle IN (%s)", l->iJob, zRows, zCyc);
  }else if( !bStaged && strcmp(zName, "failed")==0 ){
    *pV = qint(r, "SELECT sum(count_escrowed) FROM cycles WHERE id IN (%s)", zCyc);
  }else if( bStaged && strcmp(zName, "removals")==0 ){
    *pV = qint(r, "SELECT max(n) FROM (SELECT count(*) AS n FROM provisioning_log WHERE job=%lld"
                  " AND %s AND cycle IN (%s) GROUP BY cycle)", l->iJob, zRows, zCyc);
  }else if( bStaged && strcmp(zName, "threshold")==0 ){
    *pV = qint(r, "SELECT delete_threshold FROM jobs WHERE idx=%lld", l->iJob);
  }else bKnown = 0;
  sqlite3_free(zCyc);
  return bKnown;
}

/* Hard deletions of one tenant (named in the text) on the line's day. */
static int hard_delete_fact(const Line *l, const char *zName, long long *pV){
  char zTenant[64];
  const char *p = strstr(l->zText, " hard-deleted"), *q;
  size_t n;
  if( strcmp(zName, "purged")!=0 ) return 0;
  ck_assert_msg(p!=NULL, "%s: %s names no tenant: \"%s\"", l->r->zName, l->zWho, l->zText);
  for(q=p; q>l->zText && q[-1]!=' '; q--){}
  n = (size_t)(p-q) < sizeof(zTenant) ? (size_t)(p-q) : sizeof(zTenant)-1;
  memcpy(zTenant, q, n);
  zTenant[n] = 0;
  *pV = qint(l->r, "SELECT count(*) FROM users WHERE tenant=%lld AND deleted_at IS NOT NULL"
                   " AND purged_at IS NOT NULL AND (%lld+purged_at)/86400=(%lld+%lld)/86400",
             tenant_idx(l->r, zTenant), l->r->tStart, l->r->tStart, l->at);
  return 1;
}

/* What group sync wrote in the job's cycle whose group rows start at the line. */
static int groups_fact(const Line *l, const char *zName, long long *pV){
  const char *zAction = strcmp(zName, "created")==0 ? "create" : strcmp(zName, "updated")==0 ? "update"
                      : strcmp(zName, "deleted")==0 ? "delete" : NULL;
  long long iCycle;
  if( zAction==NULL ) return 0;
  iCycle = qint(l->r, "SELECT cycle FROM provisioning_log WHERE job=%lld AND object_type='Group'"
                      " AND status='success' GROUP BY cycle HAVING min(activity_at)=%lld"
                      " ORDER BY cycle LIMIT 1", l->iJob, l->at);
  *pV = qint(l->r, "SELECT count(*) FROM provisioning_log WHERE job=%lld AND cycle=%lld"
                   " AND object_type='Group' AND status='success' AND action=%Q",
             l->iJob, iCycle, zAction);
  return 1;
}

/* The value fact zName of line l should have: 1 with it in *pV, 0 for a
** fact this test does not know. */
static int fact_from_sql(const Line *l, const char *zName, long long *pV){
  const char *k = l->zKind;
  if( l->bSeq ) return l->zJob ? job_fact(l, zName, pV) : action_fact(l, zName, pV);
  if( l->zJob==NULL ){
    if( strcmp(k, "fault")==0 ) return fault_fact(l, zName, pV);
    if( strcmp(k, "hard_delete")==0 ) return hard_delete_fact(l, zName, pV);
    return 0;
  }
  if( strcmp(k, "initial")==0 ) return job_fact(l, zName, pV);
  if( strcmp(k, "quarantine")==0 ) return quarantine_fact(l, zName, pV);
  if( strcmp(k, "quarantine_end")==0 ) return quarantine_end_fact(l, zName, pV);
  if( strcmp(k, "escrow")==0 || strcmp(k, "staged_delete")==0 ) return episode_fact(l, zName, pV);
  if( strcmp(k, "groups")==0 ) return groups_fact(l, zName, pV);
  return 0;
}

static void line_read(const Run *r, int i, const cJSON *p, Line *l){
  const cJSON *pSeq = jitem(r, p, "seq");
  memset(l, 0, sizeof(*l));
  l->r = r;
  l->pFacts = jitem(r, p, "facts");
  l->zKind = jstr(r, p, "kind");
  l->zJob = jstr(r, p, "job");
  l->zText = jstr(r, p, "text");
  l->at = jint(r, p, "at_seconds");
  l->bSeq = !cJSON_IsNull(pSeq);
  l->seq = l->bSeq ? (long long)pSeq->valuedouble : 0;
  l->iJob = l->zJob ? job_idx(r, l->zJob) : -1;
  ck_assert_msg(l->zKind && l->zText, "%s: narrative[%d] has no kind or text", r->zName, i);
  snprintf(l->zWho, sizeof(l->zWho), "narrative[%d] (%s %s%s%s)", i, jstr(r, p, "day"), l->zKind,
           l->zJob ? " " : "", l->zJob ? l->zJob : "");
}

START_TEST(test_every_number_in_a_narrative_line_is_one_of_its_facts_and_each_fact_matches_the_database){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *p;
    int i = 0;
    run_open(&r, azScenario[s]);
    cJSON_ArrayForEach(p, jitem(&r, r.pRoot, "narrative")){
      Line l;
      const cJSON *f;
      line_read(&r, i++, p, &l);
      expect_text_states_the_facts(&l);
      cJSON_ArrayForEach(f, l.pFacts){
        long long v = 0;
        ck_assert_msg(cJSON_IsNumber(f), "%s: %s: fact %s is not a number", r.zName, l.zWho, f->string);
        ck_assert_msg(fact_from_sql(&l, f->string, &v), "%s: %s: unknown fact %s in kind %s%s",
                      r.zName, l.zWho, f->string, l.zKind, l.bSeq ? (l.zJob ? " (action, job)"
                      : " (action)") : "");
        eq(&r, (long long)f->valuedouble, v, "%s fact %s", l.zWho, f->string);
      }
    }
    run_close(&r);
  }
}
END_TEST

/* ============================================================ 8. notation */

START_TEST(test_people_read_day_n_hh_mm_instants_and_unit_durations_never_iso){
  int s;
  for(s=0; s<N_SCENARIO; s++){
    Run r;
    const cJSON *p;
    char *zPart, z[64];
    int i = 0;
    run_open(&r, azScenario[s]);
    cJSON_ArrayForEach(p, jitem(&r, r.pRoot, "narrative")){
      char zWhere[64];
      const char *zDay = jstr(&r, p, "day");
      fmt_day(&r, jint(&r, p, "at_seconds"), z, sizeof(z));
      ck_assert_msg(streq(zDay, z), "%s: narrative[%d].day is %s, at_seconds %lld is %s",
                    r.zName, i, zDay, jint(&r, p, "at_seconds"), z);
      snprintf(zWhere, sizeof(zWhere), "narrative[%d].text", i++);
      expect_no_iso(&r, jstr(&r, p, "text"), zWhere, 1);
    }
    zPart = section(&r, r.zMd, "\n## Timeline\n", "\n## ");
    expect_no_iso(&r, zPart, "the Markdown Timeline", 1);
    free(zPart);
    zPart = section(&r, r.zTxt, "\nVerdict\n", "\n\n");
    expect_no_iso(&r, zPart, "the text report's Verdict", 0);
    free(zPart);
    run_close(&r);
  }
}
END_TEST

Suite *story_e2e_suite(void){
  Suite *s = suite_create("story_e2e");
  TCase *tc = tcase_create("reports_against_the_database");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_outcome_counts_are_the_changes_table_by_outcome_for_the_run_and_each_job);
  tcase_add_test(tc, test_latency_percentiles_are_nearest_rank_with_open_changes_right_censored);
  tcase_add_test(tc, test_a_target_is_in_step_when_none_of_its_pairs_is_out_of_step_since_its_last_change_closed);
  tcase_add_test(tc, test_accounts_left_behind_are_orphaned_disabled_by_sync_or_preexisting_never_two);
  tcase_add_test(tc, test_job_status_problem_failing_settings_and_top_errors_follow_the_jobs_row_and_log);
  tcase_add_test(tc, test_the_verdict_says_the_same_sentences_everywhere_names_targets_out_of_step_and_states_counts);
  tcase_add_test(tc, test_every_number_in_a_narrative_line_is_one_of_its_facts_and_each_fact_matches_the_database);
  tcase_add_test(tc, test_people_read_day_n_hh_mm_instants_and_unit_durations_never_iso);
  suite_add_tcase(s, tc);
  return s;
}
