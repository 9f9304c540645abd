/*
** lint_time.c — the lint findings over a run (lint.h, lint_time_record):
** the rules are evaluated at every instant the configuration or a job's
** status changed, and each finding is recorded from the instant it was
** first seen to the instant it cleared.
**
** A finding is the same finding while its rule, objects and setting are
** (its value and message may change: a threshold raised, more users
** carried); its row then keeps its first-seen instant and takes the last
** value. The users a job carries change with every cycle; they are counted
** again at the next evaluation instant, the end of each initial cycle
** among them.
*/
#include <string.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "fnv.h"
#include "hmap.h"
#include "strbuf.h"
#include "reportInt.h"
#include "lint.h"
#include "lintInt.h"
#include "trust.h"

/* The evaluation instants, ascending: the start, each change of a policy,
** of a job's settings or of a tenant's cloud settings, each tenant joining
** the multitenant organization, each role assignment, each change of the members
** of a group holding a role, each job's creation and deletion, its first
** cycle and the end of each initial cycle, each quarantine's start, end
** and the instant it becomes a stuck job, each disable, and the end of the
** run; and for XTS-T12 and XTS-T13 the instants a job has been quiet
** for lint.stalePartnerDays since its first cycle or its last export, and
** a deleted sync policy's 30 days end. */
static const char zSqlInstants[] =
  "WITH e(t) AS (SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t')"
  " SELECT t FROM ("
  "   SELECT 0 AS t UNION SELECT at FROM policy_history UNION SELECT at FROM job_history"
  "   UNION SELECT at FROM tenant_history UNION SELECT joined_at FROM mto_members"
  "   UNION SELECT min(began) FROM cycles GROUP BY job"
  "   UNION SELECT ended FROM cycles WHERE kind='initial' AND ended IS NOT NULL"
  "   UNION SELECT began FROM quarantines UNION SELECT ended FROM quarantines"
  "   UNION SELECT began + ?1 FROM quarantines WHERE ended IS NULL OR ended > began + ?1"
  "   UNION SELECT disabled_at FROM jobs UNION SELECT created_at FROM jobs"
  "   UNION SELECT deleted_at FROM jobs UNION SELECT assigned_at FROM role_assignments"
  "   UNION SELECT deleted_at FROM deleted_policies UNION SELECT deleted_at+?3 FROM deleted_policies"
  "   UNION SELECT (SELECT max(p.activity_at) FROM provisioning_log p WHERE p.job=j.idx"
  "                  AND p.status='success') + ?2 FROM jobs j"
  "   UNION SELECT min(began)+?2 FROM cycles GROUP BY job"
  "   UNION SELECT at FROM timeline WHERE action IN ('target_update','target_leave',"
  "     'lifecycle_workflow','access_review','target_restore')"
  "   UNION SELECT m.added_at FROM group_member_history m JOIN role_assignments r"
  "     ON r.principal_type='Group' AND r.principal=m.group_idx"
  "   UNION SELECT m.removed_at FROM group_member_history m JOIN role_assignments r"
  "     ON r.principal_type='Group' AND r.principal=m.group_idx"
  "   UNION SELECT t FROM e)"
  " WHERE t IS NOT NULL AND t>=0 AND t<=(SELECT t FROM e) ORDER BY t";

static const char zSqlInsert[] =
  "INSERT INTO lint_findings(rule, severity, tenant, partner, job, setting, value, path,"
  " message, suppressed, first_seen, group_key) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
static const char zSqlUpdate[] =
  "UPDATE lint_findings SET severity=?2, value=?3, path=?4, message=?5, suppressed=?6"
  " WHERE idx=?1";
static const char zSqlCleared[] = "UPDATE lint_findings SET cleared=?2 WHERE idx=?1";

/* A finding standing at the last evaluation. */
typedef struct Open {
  int64_t idx;             /* its lint_findings row */
  uint64_t hContent;       /* hash of what may change */
  int bSeen;               /* seen at the current evaluation */
  int bLive;               /* still standing */
} Open;

typedef struct Timeline {
  Store *pStore;
  TsErr *pErr;
  HMap map;                /* identity -> index in aOpen */
  StrBuf sbId;             /* the identity being looked up */
  Open *aOpen; int64_t nOpen, nAlloc;
} Timeline;

/* h with z (NULL as "\x01") and a unit separator folded in. */
static uint64_t fnv(uint64_t h, const char *z){
  return fnv64_fold(fnv64_str(h, z ? z : "\x01"), 0x1f);
}

static uint64_t content_hash(const LintFinding *f){
  uint64_t h = FNV64_OFFSET;
  h = fnv(h, lint_severity_name(f->eSeverity));
  h = fnv(h, f->zValue);
  h = fnv(h, f->zPath);
  h = fnv(h, f->zMessage);
  return fnv(h, f->zSuppressed);
}

/* "rule\037tenant\037partner\037job\037group\037setting" into sb. */
static void identity(const LintFinding *f, StrBuf *sb){
  strbuf_reset(sb);
  strbuf_printf(sb, "%s\037%s\037%s\037%s\037%s\037%s", f->pRule->zId,
                f->zTenant ? f->zTenant : "", f->zPartner ? f->zPartner : "",
                f->zJob ? f->zJob : "", f->zGroup ? f->zGroup : "",
                f->zSetting ? f->zSetting : "");
}

static void bind_content(StoreStmt *s, int i, const LintFinding *f){
  store_put_text(s, i, lint_severity_name(f->eSeverity));
  store_put_text(s, i+1, f->zValue);
  store_put_text(s, i+2, f->zPath);
  store_put_text(s, i+3, f->zMessage);
  store_put_text(s, i+4, f->zSuppressed);
}

/* The write statement zSql, or NULL with the error in T->pErr. */
static StoreStmt *lint_write(Timeline *T, const char *zSql){
  StoreStmt *s = store_write(T->pStore, zSql);
  if( s==NULL ) store_error(T->pStore, T->pErr);
  return s;
}

/* Record finding f seen at t. */
static int seen(Timeline *T, const LintFinding *f, SimTime t){
  const char *zId;
  int64_t k;
  uint64_t h = content_hash(f);
  StoreStmt *s;
  identity(f, &T->sbId);
  if( T->sbId.bErr ) return tserr_set(T->pErr, TS_NOMEM, "out of memory");
  zId = strbuf_str(&T->sbId);
  if( hmap_get(&T->map, zId, &k) && T->aOpen[k].bLive ){
    Open *o = &T->aOpen[k];
    o->bSeen = 1;
    if( o->hContent==h ) return TS_OK;
    o->hContent = h;
    if( (s = lint_write(T, zSqlUpdate))==NULL ) return TS_IOERR;
    store_put_int(s, 1, o->idx);
    bind_content(s, 2, f);
    store_run(T->pStore, s);
    return store_error(T->pStore, T->pErr);
  }
  if( (s = lint_write(T, zSqlInsert))==NULL ) return TS_IOERR;
  store_put_text(s, 1, f->pRule->zId);
  store_put_text(s, 3, f->zTenant);
  store_put_text(s, 4, f->zPartner);
  store_put_text(s, 5, f->zJob);
  store_put_text(s, 6, f->zSetting ? f->zSetting : "");
  store_put_text(s, 2, lint_severity_name(f->eSeverity));
  store_put_text(s, 7, f->zValue);
  store_put_text(s, 8, f->zPath);
  store_put_text(s, 9, f->zMessage);
  store_put_text(s, 10, f->zSuppressed);
  store_put_int(s, 11, t);
  store_put_text(s, 12, f->zGroup);
  if( store_run(T->pStore, s) ) return store_error(T->pStore, T->pErr);
  if( mem_grow((void**)&T->aOpen, T->nOpen, &T->nAlloc, sizeof(Open))
   || hmap_put(&T->map, zId, T->nOpen) ){
    return tserr_set(T->pErr, TS_NOMEM, "out of memory");
  }
  T->aOpen[T->nOpen].idx = sqlite3_last_insert_rowid(store_db(T->pStore));
  T->aOpen[T->nOpen].hContent = h;
  T->aOpen[T->nOpen].bSeen = 1;
  T->aOpen[T->nOpen].bLive = 1;
  T->nOpen++;
  return TS_OK;
}

/* Close the findings not seen at t; reset the others for the next. */
static int sweep(Timeline *T, SimTime t){
  int64_t k;
  for(k=0; k<T->nOpen; k++){
    Open *o = &T->aOpen[k];
    if( !o->bLive ) continue;
    if( !o->bSeen ){
      StoreStmt *s = lint_write(T, zSqlCleared);
      if( s==NULL ) return TS_IOERR;
      store_put_int(s, 1, o->idx);
      store_put_int(s, 2, t);
      if( store_run(T->pStore, s) ) return store_error(T->pStore, T->pErr);
      o->bLive = 0;
    }
    o->bSeen = 0;
  }
  return TS_OK;
}

/* The evaluation instants into *paT (caller frees). */
static int instants(Store *pStore, int64_t nStale, SimTime **paT, int64_t *pn, TsErr *pErr){
  sqlite3_stmt *s = report_stmt(pStore, zSqlInstants, pErr);
  int64_t nAlloc = 0;
  int e;
  *paT = NULL;
  *pn = 0;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, (int64_t)LINT_STUCK_DAYS*SIMTIME_DAY);
  sqlite3_bind_int64(s, 2, nStale);
  sqlite3_bind_int64(s, 3, (int64_t)LINT_RESTORE_DAYS*SIMTIME_DAY);
  while( (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    if( mem_grow((void**)paT, *pn, &nAlloc, sizeof(SimTime)) ){
      sqlite3_reset(s);
      return tserr_set(pErr, TS_NOMEM, "out of memory");
    }
    (*paT)[(*pn)++] = sqlite3_column_int64(s, 0);
  }
  sqlite3_reset(s);
  return e==SQLITE_DONE ? TS_OK : TS_IOERR;
}

int lint_time_record(Store *pStore, TsErr *pErr){
  Timeline T;
  cJSON *pScn = NULL;
  TrustCarry *pCarry = NULL;
  SimTime *aT = NULL;
  int64_t nT = 0, i;
  int rc, k;
  memset(&T, 0, sizeof(T));
  T.pStore = pStore;
  T.pErr = pErr;
  hmap_init(&T.map);
  strbuf_init(&T.sbId);
  rc = lint_run_scenario(pStore, &pScn, pErr);
  if( rc==TS_OK ) rc = instants(pStore, (int64_t)lint_partner_stale_days(pScn)*SIMTIME_DAY, &aT, &nT, pErr);
  if( rc==TS_OK ) rc = trust_carry_load(pStore, &pCarry, pErr);
  for(i=0; rc==TS_OK && i<nT; i++){
    LintResult r;
    rc = lint_run_eval(pStore, pScn, pCarry, aT[i], NULL, 0, &r, pErr);
    if( rc ) break;
    for(k=0; rc==TS_OK && k<r.nFinding; k++) rc = seen(&T, &r.aFinding[k], aT[i]);
    lint_free(&r);
    if( rc==TS_OK ) rc = sweep(&T, aT[i]);
  }
  cJSON_Delete(pScn);
  trust_carry_free(pCarry);
  mem_free(aT);
  mem_free(T.aOpen);
  hmap_free(&T.map);
  strbuf_free(&T.sbId);
  return rc;
}
