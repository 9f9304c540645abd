/*
** test_story_e2e.c — the numbers a run's reports state are the run
** database's numbers.
**
** For every shipped scenario the binary writes the run database and the
** text, JSON, HTML and Markdown reports (story_fixture.h). Each test takes
** one family of numbers the reports state and re-derives it with its own
** SQL on the database, never from the report's other fields:
**
**   - the outcome counts of the changes, for the run and per job;
**   - the latency percentiles, nearest rank with the open (held, never)
**     changes right-censored;
**   - each target's pairs out of step, whether and since when it is in step;
**   - the guest accounts left behind: orphaned, disabled by sync,
**     pre-existing;
**   - each job's status, problem, failing settings and top error codes.
**
** The words people read (verdict, narrative, notation) are
** test_story_words_e2e.c's. Each test loops over all shipped scenarios; a
** failure names the scenario and the field.
*/
#include "story_fixture.h"
#include "suites.h"

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
  suite_add_tcase(s, tc);
  return s;
}
