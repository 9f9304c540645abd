/*
** lint_partner.c — the lint rules about partner configurations over time
** (lint.h, lintInt.h):
**   XTS-T12 stale-partner: a partner allowed to sync users in, whose jobs
**     have exported nothing for lint.stalePartnerDays (default 90) though
**     they have run that long: a relationship nobody uses any more, still
**     open;
**   XTS-T13 restorable-sync-policy: a partner's identity-sync policy that
**     remove_partner deleted is restorable for 30 days (Graph's
**     policyDeletableItem): the removal is not final yet;
**   XTS-T10 target-fights-sync: the target's admins edited synced users
**     (target_update) or made them leave (target_leave), a lifecycle
**     workflow disabled or deleted them (lifecycle_workflow, the rule's
**     "LCW half"), an access review removed denied ones (access_review,
**     its "review half"), or a Backup and Recovery recovery rolled them
**     back (target_restore): the job undoes an edit or a block at the
**     user's next source change, provisions a user who left or was
**     removed by a review again, and cannot reach one deleted in the
**     target. The timeline's entries are the evidence (tenantsim models no
**     workflow or review objects).
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "reportInt.h"
#include "lintInt.h"
#include "trust.h"


/* For job ?2 if it runs from ?3 to ?4 and exists at ?1: the first cycle's
** start and the last successful export at or before ?1 (NULL: none). Each
** is one probe of an index (jobs' key, cycles_job, provisioning_log_job):
** this runs for every job of every edge at every lint instant, and an
** aggregate over a join read every job, cycle and log row each time. */
static const char zSqlActivity[] =
  "SELECT (SELECT min(c.began) FROM cycles c WHERE c.job=j.idx AND c.began<=?1),"
  "       (SELECT p.activity_at FROM provisioning_log p"
  "         WHERE p.job=j.idx AND p.status='success' AND p.activity_at<=?1"
  "           AND p.action IN ('create','update','delete','disable')"
  "         ORDER BY p.activity_at DESC LIMIT 1)"
  "  FROM jobs j"
  " WHERE j.key=?2 AND j.source=?3 AND j.target=?4"
  "   AND " TRUST_JOB_EXISTS;

static const char zSqlDeleted[] =
  "SELECT t.key, p.key, d.deleted_at, d.user_sync_inbound FROM deleted_policies d"
  "  JOIN tenants t ON t.idx=d.tenant JOIN tenants p ON p.idx=d.partner"
  " WHERE d.deleted_at<=?1 AND d.deleted_at+?2>?1"
  "   AND NOT EXISTS(SELECT 1 FROM audit_log a WHERE a.tenant=d.tenant"
  "        AND a.category='CrossTenantIdentitySyncSettings' AND a.activity LIKE 'Create %'"
  "        AND a.target_id=p.tenant_id AND a.at>d.deleted_at AND a.at<=?1)"
  " ORDER BY d.tenant, d.partner, d.deleted_at";

int lint_partner_stale_days(const cJSON *pScn){
  return lint_setting_int(pScn, "stalePartnerDays", LINT_STALE_DAYS);
}

/* T12: edges with inbound user sync whose jobs all went quiet. */
static int stale(Linter *L, const TrustGraph *g){
  int64_t nQuiet = (int64_t)lint_partner_stale_days(L->pScn)*SIMTIME_DAY;
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE], zVal[64];
  int i;
  for(i=0; i<g->nEdge; i++){
    const TrustEdge *e = &g->aEdge[i];
    const TrustNode *pFrom = &g->aNode[e->iFrom], *pTo = &g->aNode[e->iTo];
    int rc, k, nJob = 0, nStale = 0;
    int64_t tLast = -1;
    if( pFrom->bEvery || pTo->bEvery || !e->a[TF_USER_SYNC].v || e->nJob==0 ) continue;
    for(k=0; k<e->nJob; k++){
      sqlite3_stmt *s = report_stmt(L->pStore, zSqlActivity, L->pErr);
      if( s==NULL ) return TS_IOERR;
      sqlite3_bind_int64(s, 1, L->r->t);
      store_bind_text(s, 2, e->aJob[k].zKey);
      sqlite3_bind_int(s, 3, e->iFrom);
      sqlite3_bind_int(s, 4, e->iTo);
      while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
        int64_t tFirst = sqlite3_column_type(s, 0)==SQLITE_NULL ? -1 : sqlite3_column_int64(s, 0);
        int64_t tExport = sqlite3_column_type(s, 1)==SQLITE_NULL ? -1 : sqlite3_column_int64(s, 1);
        int64_t tSince = tExport>=0 ? tExport : tFirst;
        nJob++;
        if( tExport>tLast ) tLast = tExport;
        if( tFirst>=0 && L->r->t - tFirst >= nQuiet && L->r->t - tSince >= nQuiet ) nStale++;
      }
      if( rc<0 ) return TS_IOERR;
    }
    if( nJob==0 || nStale<nJob ) continue;
    lint_policy_path(L, pTo->zKey, e->a[TF_USER_SYNC].eFrom==TRUST_DEFAULT ? NULL : pFrom->zKey,
                     "userSyncInbound.isSyncAllowed", zPath, sizeof(zPath));
    snprintf(zVal, sizeof(zVal), "true");
    if( tLast>=0 ){
      snprintf(zMsg, sizeof(zMsg), "%s still allows user sync from %s, whose jobs have exported"
               " nothing for %lld days: a relationship nobody uses, still open", pTo->zKey,
               pFrom->zKey, (long long)((L->r->t - tLast)/SIMTIME_DAY));
    }else{
      snprintf(zMsg, sizeof(zMsg), "%s still allows user sync from %s, whose jobs have never"
               " exported anything in %d days: a relationship nobody uses, still open",
               pTo->zKey, pFrom->zKey, lint_partner_stale_days(L->pScn));
    }
    lint_add(L, lint_rule_find("XTS-T12"), LINT_LOW, pTo->zKey, pFrom->zKey, NULL,
             "userSyncInbound.isSyncAllowed", zVal, zPath, zMsg);
  }
  return TS_OK;
}

/* The timeline's remove_partner of (zTenant, zPartner) at tAt, for the path. */
static void removal_path(Linter *L, const char *zTenant, const char *zPartner, int64_t tAt,
                         char *z, size_t n){
  const cJSON *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "timeline") : NULL, *p;
  int i = 0;
  z[0] = 0;
  cJSON_ArrayForEach(p, a){
    const char *zA = lint_jstr(p, "action");
    if( zA && strcmp(zA, "remove_partner")==0 && lint_jstr(p, "tenant")
     && strcmp(lint_jstr(p, "tenant"), zTenant)==0 && lint_jstr(p, "partner")
     && strcmp(lint_jstr(p, "partner"), zPartner)==0 && lint_entry_at(L, p)==tAt ){
      snprintf(z, n, "$.timeline[%d]", i);
      return;
    }
    i++;
  }
}

/* T13: deleted identity-sync policies still restorable at the instant. */
static int restorable(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlDeleted, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  sqlite3_bind_int64(s, 2, (int64_t)LINT_RESTORE_DAYS*SIMTIME_DAY);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zT = (const char*)sqlite3_column_text(s, 0);
    const char *zP = (const char*)sqlite3_column_text(s, 1);
    int64_t tDel = sqlite3_column_int64(s, 2);
    int bSync = sqlite3_column_int(s, 3);
    int64_t nLeft = (tDel + (int64_t)LINT_RESTORE_DAYS*SIMTIME_DAY - L->r->t + SIMTIME_DAY - 1)/SIMTIME_DAY;
    if( zT==NULL || zP==NULL ) continue;
    removal_path(L, zT, zP, tDel, zPath, sizeof(zPath));
    snprintf(zMsg, sizeof(zMsg), "%s's identity sync policy for %s was deleted but can be restored"
             " for %lld more day%s%s", zT, zP, (long long)nLeft, nLeft==1 ? "" : "s",
             bSync ? ", and it allowed user sync: a restore opens the door again" : "");
    lint_add(L, lint_rule_find("XTS-T13"), bSync ? LINT_LOW : LINT_INFO, zT, zP, NULL,
             "deletedItems.crossTenantSyncPolicyPartners", bSync ? "isSyncAllowed true" : "present",
             zPath, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* Target edits and departures of a job's users up to ?1, per job. */
static const char zSqlFights[] =
  "SELECT j.key, s.key, t.key, x.action, count(*), sum(x.objects), max(x.at)"
  "  FROM timeline x JOIN jobs j ON j.idx=x.job JOIN tenants s ON s.idx=j.source"
  "  JOIN tenants t ON t.idx=j.target"
  " WHERE x.action IN ('target_update','target_leave','lifecycle_workflow','access_review',"
  "   'target_restore') AND x.at<=?1 AND x.objects>0"
  "   AND (j.deleted_at IS NULL OR j.deleted_at>?1)"
  " GROUP BY j.idx, x.action ORDER BY j.idx, x.action";

/* The path of the last timeline entry zAction of job zJob at or before
** t (its "at" an offset or an instant of the run). */
static void action_path(Linter *L, const char *zAction, const char *zJob, SimTime t,
                        char *z, size_t n){
  const cJSON *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "timeline") : NULL, *p;
  int i = 0;
  z[0] = 0;
  cJSON_ArrayForEach(p, a){
    const char *zA = lint_jstr(p, "action"), *zJ = lint_jstr(p, "job");
    if( zA && zJ && strcmp(zA, zAction)==0 && strcmp(zJ, zJob)==0 ){
      SimTime tAt = lint_entry_at(L, p);
      if( tAt>=0 && tAt<=t ) snprintf(z, n, "$.timeline[%d]", i);
    }
    i++;
  }
}

/* T10's message for nUsers users of job zJob (zSrc to zTgt) that action
** zAct changed, into z[n]; returns the severity. */
static LintSeverity fight_message(const char *zAct, const char *zJob, const char *zSrc,
                                  const char *zTgt, int64_t nUsers, char *z, size_t n){
  long long nU = (long long)nUsers;
  if( strcmp(zAct, "target_leave")==0 ){
    snprintf(z, n, "%lld of job %s's users left %s: the job provisions them again while they"
             " are in scope in %s, so the departure does not last", nU, zJob, zTgt, zSrc);
    return LINT_LOW;
  }
  if( strcmp(zAct, "lifecycle_workflow")==0 ){
    snprintf(z, n, "a lifecycle workflow in %s disabled or deleted %lld of job %s's users as"
             " inactive: the job enables a disabled user again at its next change in %s, and a"
             " deleted one fails to sync until restored by hand (the target fights the sync)",
             zTgt, nU, zJob, zSrc);
    return LINT_MEDIUM;
  }
  if( strcmp(zAct, "access_review")==0 ){
    snprintf(z, n, "an access review in %s applied its denials to %lld of job %s's users"
             " automatically: group sync adds a removed member back when it next evaluates the"
             " group, and cross-tenant sync reprovisions users removed from the tenant while"
             " they are in scope in %s (Microsoft does not recommend removing denied synced"
             " users automatically: review them in %s)", zTgt, nU, zJob, zSrc, zSrc);
    return LINT_MEDIUM;
  }
  if( strcmp(zAct, "target_restore")==0 ){
    snprintf(z, n, "a Backup and Recovery recovery in %s rolled %lld of job %s's users back to a"
             " backup: values that differ from %s's now are written back at the user's next"
             " change there, and a user the recovery deleted (created since the backup) is not"
             " restored by the job", zTgt, nU, zJob, zSrc);
    return LINT_LOW;
  }
  snprintf(z, n, "%s's admins edited %lld of job %s's users: the job overwrites the edit at the"
           " user's next change in %s (the target fights the sync)", zTgt, nU, zJob, zSrc);
  return LINT_MEDIUM;
}

static int fights(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlFights, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE], zVal[32];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zJob = (const char*)sqlite3_column_text(s, 0);
    const char *zSrc = (const char*)sqlite3_column_text(s, 1);
    const char *zTgt = (const char*)sqlite3_column_text(s, 2);
    const char *zAct = (const char*)sqlite3_column_text(s, 3);
    int64_t nUsers = sqlite3_column_int64(s, 5);
    LintSeverity e;
    if( zJob==NULL || zAct==NULL ) continue;
    action_path(L, zAct, zJob, L->r->t, zPath, sizeof(zPath));
    snprintf(zVal, sizeof(zVal), "%lld", (long long)nUsers);
    e = fight_message(zAct, zJob, zSrc, zTgt, nUsers, zMsg, sizeof(zMsg));
    lint_add(L, lint_rule_find("XTS-T10"), e, zTgt, zSrc, zJob, zAct, zVal, zPath, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

int lint_partner_rules(Linter *L, const TrustGraph *g){
  int rc = stale(L, g);
  if( rc==TS_OK ) rc = restorable(L);
  return rc ? rc : fights(L);
}
