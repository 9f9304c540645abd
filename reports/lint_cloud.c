/*
** lint_cloud.c — the lint rule about Microsoft cloud settings (lint.h,
** lintInt.h):
**   XTS-S12 cross-cloud-surface: a tenant whose cloud settings enable
**     another Microsoft cloud (Graph's allowedCloudEndpoints) in which it
**     has no partner configuration and no job to or from a tenant there;
**     and a target with cross-cloud synchronization on (the service
**     principal holding User.ReadWrite.CrossCloud) that no job from
**     another cloud uses. Enabling a cloud admits no one by itself (a
**     partner must be added: cross-cloud settings doc), so the surface is
**     latent: low.
** It reads tenant_history (the settings in force), policy_history (the
** partner configurations existing at the instant) and jobs.
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "reportInt.h"
#include "lintInt.h"
#include "trust.h"

/* Each tenant's cloud settings in force at ?1: idx, key, own cloud, the
** clouds enabled, cross-cloud sync, and the actions that set them. */
static const char zSqlSettings[] =
  "SELECT t.idx, t.key, t.cloud, h.cloud_settings, h.cross_cloud_sync,"
  "  h.cloud_settings_action, h.cross_cloud_sync_action"
  "  FROM tenants t JOIN tenant_history h ON h.rowid=(SELECT max(g.rowid) FROM tenant_history g"
  "                                                   WHERE g.tenant=t.idx AND g.at<=?1)"
  " ORDER BY t.idx";

/* Does tenant ?2 have, at ?1, a partner configuration for a tenant of
** cloud ?3 (its last policy_history row not a removal), or a job to or
** from one? */
static const char zSqlUsed[] =
  "SELECT EXISTS(SELECT 1 FROM policy_history h JOIN tenants p ON p.idx=h.partner"
  "   WHERE h.tenant=?2 AND p.cloud=?3 AND h.at<=?1 AND h.removed=0"
  "     AND NOT EXISTS(SELECT 1 FROM policy_history g WHERE g.tenant=h.tenant"
  "                    AND g.partner=h.partner AND g.at<=?1 AND g.seq>h.seq))"
  " OR EXISTS(SELECT 1 FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants x ON x.idx=j.target"
  "   WHERE ((j.source=?2 AND x.cloud=?3) OR (j.target=?2 AND s.cloud=?3)) AND " TRUST_JOB_EXISTS ")";

/* Is there, at ?1, a job into tenant ?2 from a tenant outside its cloud ?3? */
static const char zSqlCrossJob[] =
  "SELECT EXISTS(SELECT 1 FROM jobs j JOIN tenants s ON s.idx=j.source"
  "   WHERE j.target=?2 AND s.cloud<>?3 AND " TRUST_JOB_EXISTS ")";

/* The clouds of the cloudSettings column, and Graph's endpoint for each. */
static const struct { const char *zCloud, *zEndpoint; } aCloud[] = {
  { "commercial", "microsoftonline.com" }, { "usgov", "microsoftonline.us" },
  { "china", "partner.microsoftonline.cn" }
};
#define N_CLOUD ((int)(sizeof(aCloud)/sizeof(aCloud[0])))

/* The answer of query zSql for (tenant iT, cloud zCloud) at the instant:
** 1, 0, or -1 (pErr filled). */
static int ask(Linter *L, const char *zSql, int iT, const char *zCloud){
  sqlite3_stmt *s = report_stmt(L->pStore, zSql, L->pErr);
  int rc, b;
  if( s==NULL ) return -1;
  sqlite3_bind_int64(s, 1, L->r->t);
  sqlite3_bind_int(s, 2, iT);
  store_bind_text(s, 3, zCloud);
  if( (rc = report_step(L->pStore, s, L->pErr))!=SQLITE_ROW ) return -1;
  b = sqlite3_column_int(s, 0);
  sqlite3_reset(s);
  return b;
}

/* The path of tenant zT's setting zMember: the set_tenant iAction, else
** the declaration. */
static void tenant_setting_path(Linter *L, const char *zT, int iAction, const char *zMember,
                                char *z, size_t n){
  if( iAction>=0 ) snprintf(z, n, "$.timeline[%d].%s", iAction, zMember);
  else lint_tenant_path(L, zT, zMember, z, n);
}

/* One tenant's unused clouds (its row of zSqlSettings in s). */
static int tenant_rules(Linter *L, sqlite3_stmt *s){
  int iT = sqlite3_column_int(s, 0), k, b;
  const char *zT = (const char*)sqlite3_column_text(s, 1);
  const char *zOwn = (const char*)sqlite3_column_text(s, 2);
  const char *zList = (const char*)sqlite3_column_text(s, 3);
  int bCross = sqlite3_column_int(s, 4);
  int iCloudAct = sqlite3_column_type(s, 5)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 5);
  int iCrossAct = sqlite3_column_type(s, 6)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 6);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE], zUnused[64] = "", zEnd[96] = "";
  if( zT==NULL || zOwn==NULL ) return TS_OK;
  for(k=0; k<N_CLOUD; k++){
    size_t n = strlen(zUnused), m = strlen(zEnd);
    if( strcmp(aCloud[k].zCloud, zOwn)==0 || !lint_list_has(zList, aCloud[k].zCloud) ) continue;
    if( (b = ask(L, zSqlUsed, iT, aCloud[k].zCloud))<0 ) return TS_IOERR;
    if( b ) continue;
    snprintf(zUnused+n, sizeof(zUnused)-n, "%s%s", n ? "," : "", aCloud[k].zCloud);
    snprintf(zEnd+m, sizeof(zEnd)-m, "%s%s", m ? ", " : "", aCloud[k].zEndpoint);
  }
  if( zUnused[0] ){
    tenant_setting_path(L, zT, iCloudAct, "cloudSettings", zPath, sizeof(zPath));
    snprintf(zMsg, sizeof(zMsg), "%s enables the %s cloud%s in its Microsoft cloud settings"
             " (allowedCloudEndpoints %s) but has no partner configuration and no job there",
             zT, zUnused, strchr(zUnused, ',') ? "s" : "", zEnd);
    lint_add(L, lint_rule_find("XTS-S12"), LINT_LOW, zT, NULL, NULL, "cloudSettings", zUnused,
             zPath, zMsg);
  }
  if( !bCross ) return TS_OK;
  if( (b = ask(L, zSqlCrossJob, iT, zOwn))<0 ) return TS_IOERR;
  if( b ) return TS_OK;
  tenant_setting_path(L, zT, iCrossAct, "crossCloudSync", zPath, sizeof(zPath));
  snprintf(zMsg, sizeof(zMsg), "%s has cross-cloud synchronization on (a service principal with"
           " User.ReadWrite.CrossCloud) but no job from another cloud syncs into it", zT);
  lint_add(L, lint_rule_find("XTS-S12"), LINT_LOW, zT, NULL, NULL, "crossCloudSync", "true",
           zPath, zMsg);
  return TS_OK;
}

int lint_cloud_rules(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlSettings, L->pErr);
  int rc = SQLITE_DONE, e = TS_OK;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( e==TS_OK && (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ) e = tenant_rules(L, s);
  if( e ){
    sqlite3_reset(s);
    return e;
  }
  return rc<0 ? TS_IOERR : TS_OK;
}
