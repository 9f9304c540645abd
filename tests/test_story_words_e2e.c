/*
** test_story_words_e2e.c — the sentences a run's reports say are the run
** database's story.
**
** For every shipped scenario (story_fixture.h), with its own SQL on the
** database:
**
**   - the verdict: the same sentences in every format, naming every target
**     out of step, stating only counts the JSON holds;
**   - the narrative: every number in a line's text is one of its facts, and
**     every fact is what the database says;
**   - one time notation ("Day N HH:MM", "2 d 18 h 9 m") wherever people read.
**
** The numbers the reports state are test_story_e2e.c's.
*/
#include "story_fixture.h"
#include "suites.h"

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
  {
    /* the detections: how many, how many fired, how many did not */
    const cJSON *pDet = jitem(r, r->pRoot, "detections"), *d;
    long long nFired = 0;
    cJSON_ArrayForEach(d, pDet) nFired += cJSON_IsTrue(jitem(r, d, "detected"));
    counts_add(c, cJSON_GetArraySize(pDet));
    counts_add(c, nFired);
    counts_add(c, cJSON_GetArraySize(pDet) - nFired);
  }
  {
    /* the security findings: standing, suppressed, cleared, by severity */
    const cJSON *pSec = jitem(r, r->pRoot, "security");
    counts_add(c, jint(r, pSec, "standing"));
    counts_add(c, jint(r, pSec, "suppressed"));
    counts_add(c, jint(r, pSec, "cleared"));
    counts_add_values(c, jitem(r, pSec, "by_severity"));
  }
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


Suite *story_words_e2e_suite(void){
  Suite *s = suite_create("story_words_e2e");
  TCase *tc = tcase_create("words_against_the_database");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_the_verdict_says_the_same_sentences_everywhere_names_targets_out_of_step_and_states_counts);
  tcase_add_test(tc, test_every_number_in_a_narrative_line_is_one_of_its_facts_and_each_fact_matches_the_database);
  tcase_add_test(tc, test_people_read_day_n_hh_mm_instants_and_unit_durations_never_iso);
  suite_add_tcase(s, tc);
  return s;
}
