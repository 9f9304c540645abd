/*
** lint_dynamic.c — the lint rules about target dynamic groups (lint.h,
** lintInt.h):
**
**   XTS-S08 attribute-drives-target-access  a dynamic group of a job's
**           target reads an attribute the job's mapping writes: whoever
**           sets that attribute in the source decides the group's members
**           in the target (and what the group grants: its roles, the
**           Conditional Access policies that name it)
**   XTS-T08 guest-only-controls (its dynamic-group half) a dynamic group
**           of a job's target admits users by userType Guest, which the
**           external members CTS creates do not have
**
** A group's rule, the attributes it reads and whether it is guest-keyed
** are in the groups table (engine/model/dyngroup.c wrote them from the
** rule); the attributes a job writes at the instant in job_history.
*/
#include <stdio.h>
#include <string.h>
#include "reportInt.h"
#include "lintInt.h"
#include "tslimits.h"
#include "trust.h"

/* The dynamic groups of each job's target, with the job's mapped
** attributes at ?1, and what the group grants: the Conditional Access
** policies that include or exclude it and its directory roles. */
static const char zSqlDynamic[] =
  "SELECT t.key, j.key, s.key, g.key, g.display_name, g.membership_rule, g.rule_attributes,"
  "  h.mapped_attributes, h.mapped_attributes_action, g.rule_guest_keyed,"
  "  NOT EXISTS(SELECT 1 FROM job_mappings m WHERE m.job=j.idx AND m.target_attribute='userType'"
  "             AND m.type='Constant' AND m.source='Guest'),"
  "  (SELECT group_concat(c.display_name || CASE WHEN instr(','||coalesce(c.exclude_groups, '')"
  "          ||',', ','||g.object_id||',')>0 THEN ' (excluded)' ELSE ' (included)' END, '; ')"
  "     FROM ca_policies c WHERE c.tenant=g.tenant AND c.state<>'disabled'"
  "      AND (instr(','||coalesce(c.exclude_groups, '')||',', ','||g.object_id||',')>0"
  "        OR instr(','||coalesce(c.include_groups, '')||',', ','||g.object_id||',')>0)),"
  "  (SELECT group_concat(coalesce(r.role_name, r.role_template_id), ', ') FROM role_assignments r"
  "     WHERE r.tenant=g.tenant AND r.principal_type='Group' AND r.principal=g.idx"
  "       AND r.assigned_at<=?1)"
  "  FROM groups g JOIN tenants t ON t.idx=g.tenant JOIN jobs j ON j.target=g.tenant"
  "  JOIN tenants s ON s.idx=j.source"
  LINT_JOB_SETTINGS_AT
  " WHERE g.membership_rule IS NOT NULL AND (g.deleted_at IS NULL OR g.deleted_at>?1)"
  "   AND " TRUST_JOB_EXISTS " ORDER BY g.idx, j.idx";

/* The attributes of the list zRead that the list zMapped has, into z[n]. */
static void list_common(const char *zRead, const char *zMapped, char *z, size_t n){
  const char *p = zRead;
  size_t k = 0;
  z[0] = 0;
  while( p && *p ){
    const char *e = strchr(p, ',');
    char zOne[128];
    size_t m = e ? (size_t)(e - p) : strlen(p);
    if( m<sizeof(zOne) ){
      memcpy(zOne, p, m);
      zOne[m] = 0;
      if( lint_list_has(zMapped, zOne) && k+m+3<n ){
        k += (size_t)snprintf(z+k, n-k, "%s%s", k ? ", " : "", zOne);
      }
    }
    p = e ? e+1 : NULL;
  }
}

static const char *col(sqlite3_stmt *s, int i){
  return (const char*)sqlite3_column_text(s, i);
}

/* S08 for one (group, job) row of zSqlDynamic. */
static void rule_s08(Linter *L, sqlite3_stmt *s){
  char zCommon[512], zGrants[600], zMsg[2400], zPath[TS_JSONPATH_MAX];
  const char *zCa = col(s, 11), *zRoles = col(s, 12);
  LintFinding *f;
  list_common(col(s, 6), col(s, 7), zCommon, sizeof(zCommon));
  if( zCommon[0]==0 ) return;
  zGrants[0] = 0;
  if( zCa || zRoles ){
    snprintf(zGrants, sizeof(zGrants), "; the group %s%s%s%s%s", zCa ? "is named by Conditional"
             " Access policies " : "", zCa ? zCa : "", zCa && zRoles ? " and " : "",
             zRoles ? "holds the roles " : "", zRoles ? zRoles : "");
  }
  snprintf(zMsg, sizeof(zMsg), "dynamic group %s of %s (rule %s) reads %s, which job %s writes"
           " from %s: whoever sets %s in %s (an HR feed, a User Administrator, an attacker there)"
           " decides who is in the group%s", col(s, 3), col(s, 0), col(s, 5), zCommon, col(s, 1),
           col(s, 2), zCommon, col(s, 2), zGrants);
  lint_group_path(L, col(s, 0), col(s, 3), "membershipRule", zPath, sizeof(zPath));
  f = lint_add(L, lint_rule_find("XTS-S08"), LINT_HIGH, col(s, 0), col(s, 2), col(s, 1),
               "membershipRule", col(s, 5), zPath, zMsg);
  if( f ) f->zGroup = lint_dup(L, col(s, 3));
}

/* T08's dynamic half for one row: a guest-keyed rule while the job makes
** its users members (any userType mapping but the constant Guest, as the
** Conditional Access half reads it; the default writes Member). */
static void rule_t08(Linter *L, sqlite3_stmt *s){
  char zMsg[TRUST_TEXT_SIZE], zPath[TS_JSONPATH_MAX];
  LintFinding *f;
  if( !sqlite3_column_int(s, 9) || !sqlite3_column_int(s, 10) ) return;
  snprintf(zMsg, sizeof(zMsg), "dynamic group %s of %s admits users by userType Guest (rule %s),"
           " but job %s brings users in from %s as external members (userType Member): every"
           " control built on this group misses them", col(s, 3), col(s, 0), col(s, 5),
           col(s, 1), col(s, 2));
  lint_group_path(L, col(s, 0), col(s, 3), "membershipRule", zPath, sizeof(zPath));
  f = lint_add(L, lint_rule_find("XTS-T08"), LINT_HIGH, col(s, 0), col(s, 2), col(s, 1),
               "membershipRule", col(s, 5), zPath, zMsg);
  if( f ) f->zGroup = lint_dup(L, col(s, 3));
}

int lint_dynamic_rules(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlDynamic, L->pErr);
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    rule_s08(L, s);
    rule_t08(L, s);
  }
  sqlite3_reset(s);
  return rc<0 ? TS_IOERR : TS_OK;
}
