/*
** lint_authz.c — the rules over what accounts can do in a tenant
** (lint_authz.h): who holds directory roles, which Conditional Access
** policies reach the users cross-tenant sync brings in, and which
** applications may change cross-tenant sync.
**
**   XTS-T07 synced-member-privileged  a user a job created or linked holds
**           a directory role (active or eligible) in the job's target
**   XTS-T08 guest-only-controls       a Conditional Access policy of a
**           job's target includes guest or external user types but not
**           b2bCollaborationMember, the type of the users CTS creates (the
**           finding counts the external members the job carries then)
**   XTS-S04 privileged-in-scope       a source user holding a directory
**           role is carried by a job
**   XTS-G01 risky-app-perms           a service principal holds
**           Policy.ReadWrite.CrossTenantAccess or Synchronization.ReadWrite.All
**   XTS-G02 standing-cts-admins       more than LINT_AUTHZ_STANDING_MAX users
**           hold a role that can change cross-tenant sync actively
**
** "At the instant": an assignment counts from its assigned_at; a user is
** the job's while it exists and the job created it or has linked it by
** then (trust.c counts the users a job carries the same way); a group's
** assignment is held by those who are its members at the instant
** (group_member_history: a member group sync adds holds the role from the
** instant the cycle adds it). Each finding's path is the one the row was
** stored with: the scenario object or timeline action that made it.
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "reportInt.h"
#include "lint_authz.h"

/* The findings being collected. */
typedef struct Finder {
  Store *pStore;
  SimTime t;
  TsErr *pErr;
  LintAuthzResult *r;
  int bNoMem;
} Finder;

/* A copy of z in the result's arena (NULL stays NULL). */
static const char *dup(Finder *F, const char *z){
  size_t n = z ? strlen(z) : 0;
  char *zCopy = z ? arena_alloc(&F->r->arena, n+1) : NULL;
  if( z && zCopy==NULL ) F->bNoMem = 1;
  if( zCopy ) memcpy(zCopy, z, n);
  return zCopy;
}

/* Record one finding (strings copied). */
static void add(Finder *F, const char *zRule, LintSeverity e, const char *zTenant,
                const char *zPartner, const char *zJob, const char *zSetting,
                const char *zValue, const char *zPath, const char *zMessage){
  LintAuthzResult *r = F->r;
  LintAuthzFinding *f;
  if( mem_grow_int((void**)&r->a, r->n, &r->nAlloc, sizeof(LintAuthzFinding)) ){
    F->bNoMem = 1;
    return;
  }
  f = &r->a[r->n++];
  f->zRule = zRule;
  f->eSeverity = e;
  f->zTenant = dup(F, zTenant);
  f->zPartner = dup(F, zPartner);
  f->zJob = dup(F, zJob);
  f->zSetting = dup(F, zSetting);
  f->zValue = dup(F, zValue);
  f->zPath = dup(F, zPath);
  f->zMessage = dup(F, zMessage);
}

static const char zSqlHasTables[] =
  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='role_assignments'";

/* Who holds each role assignment made by ?1 at ?1: its user, or those
** who are members of its group then. */
#define HOLDERS \
  "WITH holders(rid, uid) AS (" \
  "  SELECT id, principal FROM role_assignments WHERE principal_type='User' AND assigned_at<=?1" \
  "  UNION SELECT r.id, m.user_id FROM role_assignments r JOIN group_member_history m" \
  "    ON m.group_idx=r.principal AND m.added_at<=?1 AND (m.removed_at IS NULL OR m.removed_at>?1)" \
  "   WHERE r.principal_type='Group' AND r.assigned_at<=?1) "

/* Live at ?1. */
#define LIVE(u) u ".created_at<=?1 AND (" u ".deleted_at IS NULL OR " u ".deleted_at>?1)"

/* The columns both role rules read, after the tenant, job and partner. */
#define ROLE_COLS \
  " coalesce(u.user_principal_name, u.object_id), coalesce(r.role_name, r.role_template_id)," \
  " r.assignment, r.privileged IS NOT 0, r.path, g.display_name"

static const char zSqlT07[] =
  HOLDERS
  "SELECT t.key, j.key, s.key," ROLE_COLS
  "  FROM holders h JOIN role_assignments r ON r.id=h.rid JOIN users u ON u.id=h.uid"
  "  JOIN tenants t ON t.idx=r.tenant JOIN jobs j ON j.target=r.tenant"
  "  JOIN tenants s ON s.idx=j.source"
  "  LEFT JOIN groups g ON r.principal_type='Group' AND g.idx=r.principal"
  " WHERE " LIVE("u")
  "   AND (u.created_by_job=j.idx OR EXISTS(SELECT 1 FROM links l WHERE l.job=j.idx"
  "        AND l.target_user=u.id AND l.linked_at<=?1))"
  " ORDER BY r.id, u.id, j.idx";

static const char zSqlS04[] =
  HOLDERS
  "SELECT s.key, j.key, t.key," ROLE_COLS
  "  FROM holders h JOIN role_assignments r ON r.id=h.rid JOIN users u ON u.id=h.uid"
  "  JOIN links l ON l.source_user=u.id AND l.linked_at<=?1"
  "  JOIN jobs j ON j.idx=l.job AND j.source=r.tenant JOIN users tu ON tu.id=l.target_user"
  "  JOIN tenants s ON s.idx=r.tenant JOIN tenants t ON t.idx=j.target"
  "  LEFT JOIN groups g ON r.principal_type='Group' AND g.idx=r.principal"
  " WHERE " LIVE("u") " AND " LIVE("tu")
  " ORDER BY r.id, u.id, j.idx";

/* Policies that are on (or report-only), include guest or external user
** types without b2bCollaborationMember, do not include All users, reach
** the job's source tenant, and the job does not map its users to Guest;
** with the external members (userType Member) the job carries at ?1. */
static const char zSqlT08[] =
  "SELECT t.key, j.key, s.key, c.display_name, c.include_guest_types, c.path,"
  "  (SELECT count(*) FROM users u WHERE u.tenant=c.tenant AND u.user_type='Member' AND " LIVE("u")
  "     AND (u.created_by_job=j.idx OR EXISTS(SELECT 1 FROM links l WHERE l.job=j.idx"
  "          AND l.target_user=u.id AND l.linked_at<=?1)))"
  "  FROM ca_policies c JOIN tenants t ON t.idx=c.tenant JOIN jobs j ON j.target=c.tenant"
  "  JOIN tenants s ON s.idx=j.source"
  " WHERE c.state<>'disabled' AND c.include_guest_types IS NOT NULL AND c.include_guest_types<>'none'"
  "   AND instr(','||c.include_guest_types||',', ',b2bCollaborationMember,')=0"
  "   AND instr(','||coalesce(c.include_users, '')||',', ',All,')=0"
  "   AND (c.include_external_tenants IS NULL OR c.include_external_tenants='all'"
  "        OR instr(','||lower(c.include_external_tenants)||',', ','||lower(s.tenant_id)||',')>0)"
  "   AND NOT EXISTS(SELECT 1 FROM job_mappings m WHERE m.job=j.idx AND m.target_attribute='userType'"
  "        AND m.type='Constant' AND m.source='Guest')"
  " ORDER BY c.tenant, c.ord, j.idx";

/* The application permissions ScubaGear's RiskyAppPermissions.json rates
** High that change cross-tenant access or sync jobs. */
static const char zSqlG01[] =
  "SELECT t.key, p.service_principal, p.app_id, p.permission, p.path"
  "  FROM app_permissions p JOIN tenants t ON t.idx=p.tenant"
  " WHERE p.permission IN ('Policy.ReadWrite.CrossTenantAccess', 'Synchronization.ReadWrite.All')"
  " ORDER BY p.id";

/* The roles that can change cross-tenant sync (entra-facts §10.3):
** Global Administrator, Security Administrator (cross-tenant access
** settings), Hybrid Identity Administrator (configurations), Application
** and Cloud Application Administrator (assignments, deletion). */
#define CTS_ROLES \
  "('62e90394-69f5-4237-9190-012177145e10', '194ae4cb-b126-40b2-bd5b-6091b380977d'," \
  " '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2', '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3'," \
  " '158c047a-c907-4556-b7ef-446551a6b5f7')"

/* Per tenant: the live users holding such a role actively at ?1 (more than
** ?2 of them), and how many per role. */
static const char zSqlG02[] =
  HOLDERS
  ", standing(tenant, role, uid) AS (SELECT r.tenant, coalesce(r.role_name, r.role_template_id), h.uid"
  "   FROM holders h JOIN role_assignments r ON r.id=h.rid JOIN users u ON u.id=h.uid"
  "  WHERE r.assignment='active' AND lower(r.role_template_id) IN " CTS_ROLES " AND " LIVE("u") ")"
  "SELECT t.key, count(DISTINCT x.uid),"
  "  (SELECT group_concat(y.role||' '||y.n, ', ') FROM (SELECT role, count(DISTINCT uid) AS n"
  "     FROM standing WHERE tenant=x.tenant GROUP BY role ORDER BY role) y),"
  "  '$.tenants['||x.tenant||']'||CASE WHEN EXISTS(SELECT 1 FROM role_assignments a"
  "     WHERE a.tenant=x.tenant AND a.path LIKE '$.tenants[%].roleAssignments[%')"
  "     THEN '.roleAssignments' ELSE '' END"
  "  FROM standing x JOIN tenants t ON t.idx=x.tenant"
  " GROUP BY x.tenant HAVING count(DISTINCT x.uid)>?2 ORDER BY x.tenant";

static const char *col(sqlite3_stmt *s, int i){ return (const char*)sqlite3_column_text(s, i); }

/* The role of the current row of a role query (columns 4..8) as "Global
** Administrator (eligible)" and " through group G" into zRole and zVia. */
static void role_text(sqlite3_stmt *s, char *zRole, size_t nRole, char *zVia, size_t nVia){
  const char *zGroup = col(s, 8);
  snprintf(zRole, nRole, "%s%s", col(s, 4) ? col(s, 4) : "?",
           col(s, 5) && strcmp(col(s, 5), "eligible")==0 ? " (eligible)" : "");
  snprintf(zVia, nVia, "%s%s", zGroup ? " through group " : "", zGroup ? zGroup : "");
}

/* T07 (bSource 0) or S04 (bSource 1): one finding per holder, role and job. */
static int role_rule(Finder *F, int bSource){
  sqlite3_stmt *s = report_stmt(F->pStore, bSource ? zSqlS04 : zSqlT07, F->pErr);
  char zMsg[1024], zRole[160], zVia[200];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, F->t);
  while( (rc = report_step(F->pStore, s, F->pErr))==SQLITE_ROW ){
    const char *zTenant = col(s, 0), *zJob = col(s, 1), *zPartner = col(s, 2), *zUser = col(s, 3);
    int bPriv = sqlite3_column_int(s, 6);
    LintSeverity e = bSource ? (bPriv ? LINT_HIGH : LINT_MEDIUM) : (bPriv ? LINT_CRITICAL : LINT_HIGH);
    role_text(s, zRole, sizeof(zRole), zVia, sizeof(zVia));
    if( bSource ){
      snprintf(zMsg, sizeof(zMsg), "%s holds %s in %s%s and job %s carries the account into %s",
               zUser, zRole, zTenant, zVia, zJob, zPartner);
    }else{
      snprintf(zMsg, sizeof(zMsg), "%s, synced from %s by job %s, holds %s in %s%s", zUser,
               zPartner, zJob, zRole, zTenant, zVia);
    }
    add(F, bSource ? "XTS-S04" : "XTS-T07", e, zTenant, zPartner, zJob, "directoryRole", zRole,
        col(s, 7), zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

static int rule_t08(Finder *F){
  sqlite3_stmt *s = report_stmt(F->pStore, zSqlT08, F->pErr);
  char zMsg[1024], zPath[TS_JSONPATH_MAX];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, F->t);
  while( (rc = report_step(F->pStore, s, F->pErr))==SQLITE_ROW ){
    int64_t n = sqlite3_column_int64(s, 6);
    if( n>0 ){
      snprintf(zMsg, sizeof(zMsg), "Conditional Access policy \"%s\" in %s covers %s but not"
               " b2bCollaborationMember: it misses the %lld external member%s (userType Member)"
               " job %s has brought in from %s", col(s, 3), col(s, 0), col(s, 4), (long long)n,
               n==1 ? "" : "s", col(s, 1), col(s, 2));
    }else{
      snprintf(zMsg, sizeof(zMsg), "Conditional Access policy \"%s\" in %s covers %s but not"
               " b2bCollaborationMember: the users job %s brings in from %s are external members"
               " and escape it", col(s, 3), col(s, 0), col(s, 4), col(s, 1), col(s, 2));
    }
    snprintf(zPath, sizeof(zPath), "%s.conditions.users.includeGuestsOrExternalUsers"
             ".guestOrExternalUserTypes", col(s, 5) ? col(s, 5) : "");
    add(F, "XTS-T08", LINT_HIGH, col(s, 0), col(s, 2), col(s, 1),
             "includeGuestsOrExternalUsers.guestOrExternalUserTypes", col(s, 4),
             col(s, 5) ? zPath : NULL, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

static int rule_g01(Finder *F){
  sqlite3_stmt *s = report_stmt(F->pStore, zSqlG01, F->pErr);
  char zMsg[1024];
  int rc;
  if( s==NULL ) return TS_IOERR;
  while( (rc = report_step(F->pStore, s, F->pErr))==SQLITE_ROW ){
    snprintf(zMsg, sizeof(zMsg), "service principal \"%s\"%s%s%s in %s holds the application"
             " permission %s: it can change %s without any signed-in user", col(s, 1),
             col(s, 2) ? " (appId " : "", col(s, 2) ? col(s, 2) : "", col(s, 2) ? ")" : "",
             col(s, 0), col(s, 3), strncmp(col(s, 3), "Policy.", 7)==0
             ? "the cross-tenant access settings (partners, inbound sync, trust)"
             : "every synchronization job (scope, mappings, credentials)");
    add(F, "XTS-G01", LINT_HIGH, col(s, 0), NULL, NULL,
             "applicationPermissions", col(s, 3), col(s, 4), zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

static int rule_g02(Finder *F){
  sqlite3_stmt *s = report_stmt(F->pStore, zSqlG02, F->pErr);
  char zMsg[1024], zN[24];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, F->t);
  sqlite3_bind_int(s, 2, LINT_AUTHZ_STANDING_MAX);
  while( (rc = report_step(F->pStore, s, F->pErr))==SQLITE_ROW ){
    snprintf(zN, sizeof(zN), "%lld", (long long)sqlite3_column_int64(s, 1));
    snprintf(zMsg, sizeof(zMsg), "%s has %s users with standing (active, not PIM-eligible)"
             " assignments of roles that can change cross-tenant sync (%s); more than %d",
             col(s, 0), zN, col(s, 2) ? col(s, 2) : "", LINT_AUTHZ_STANDING_MAX);
    add(F, "XTS-G02", LINT_MEDIUM, col(s, 0), NULL, NULL, "roleAssignments", zN, col(s, 3), zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

int lint_authz_run(Store *pStore, SimTime t, LintAuthzResult *r, TsErr *pErr){
  sqlite3_stmt *s = report_stmt(pStore, zSqlHasTables, pErr);
  Finder F;
  int rc, bTables;
  memset(r, 0, sizeof(*r));
  arena_init(&r->arena);
  if( s==NULL ) return TS_IOERR;
  if( report_step(pStore, s, pErr)<0 ) return TS_IOERR;
  bTables = sqlite3_column_int(s, 0)>0;
  sqlite3_reset(s);
  if( !bTables ) return TS_OK;
  memset(&F, 0, sizeof(F));
  F.pStore = pStore;
  F.t = t;
  F.pErr = pErr;
  F.r = r;
  rc = role_rule(&F, 0);
  if( rc==TS_OK ) rc = role_rule(&F, 1);
  if( rc==TS_OK ) rc = rule_t08(&F);
  if( rc==TS_OK ) rc = rule_g01(&F);
  if( rc==TS_OK ) rc = rule_g02(&F);
  if( rc==TS_OK && F.bNoMem ) rc = tserr_set(pErr, TS_NOMEM, "out of memory linting the run");
  return rc;
}

void lint_authz_free(LintAuthzResult *r){
  mem_free(r->a);
  arena_free(&r->arena);
  memset(r, 0, sizeof(*r));
}
