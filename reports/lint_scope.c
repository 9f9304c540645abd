/*
** lint_scope.c — the lint rules about who can change a job's scope
** (lint.h, lintInt.h): XTS-S02, a group assigned to a job that anyone
** with a common directory role, or too many owners, can add members to;
** XTS-S03, a scoping filter keyed on a user attribute, which whoever can
** write that attribute (an administrator, the HR feed) then controls.
** The groups assigned at the instant come from job_history (a job that
** syncs all users is XTS-S01's: its assignments do not scope it); a
** group's protection (restricted management unit, owners) from the groups
** table; a dynamic scope group's rule is XTS-S03's, one finding per
** attribute it reads, as for a filter. Self-service groups are not modelled.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reportInt.h"
#include "lintInt.h"
#include "tslimits.h"
#include "trust.h"

/* More owners than this on a scope group is a finding unless the scenario's
** "lint" sets "maxScopeGroupOwners" (Microsoft gives no number). */
#define LINT_SCOPE_OWNERS_MAX 2

static const char zSqlAssigned[] =
  "SELECT j.key, s.key, t.key, h.assigned_groups, h.assigned_groups_action"
  "  FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants t ON t.idx=j.target"
  LINT_JOB_SETTINGS_AT
  " WHERE h.scope<>'all' AND " TRUST_JOB_EXISTS " ORDER BY j.idx";
static const char zSqlGroup[] =
  "SELECT key, display_name, owners, restricted_mu, membership_rule, rule_attributes"
  "  FROM groups WHERE idx=?1";


/* S03 for a dynamic scope group: one finding per attribute its rule reads
** (s: the zSqlGroup row). */
static void scope_rule_attributes(Linter *L, sqlite3_stmt *s, const char *zJob, const char *zSrc,
                                  const char *zTgt){
  const char *zKey = (const char*)sqlite3_column_text(s, 0);
  const char *zRule = (const char*)sqlite3_column_text(s, 4);
  const char *z = (const char*)sqlite3_column_text(s, 5);
  char zPath[TS_JSONPATH_MAX], zMsg[1200], zAttr[128], zSetting[160];
  LintFinding *f;
  if( zRule==NULL || z==NULL ) return;
  lint_group_path(L, zSrc, zKey, "membershipRule", zPath, sizeof(zPath));
  while( *z ){
    size_t n = strcspn(z, ",");
    snprintf(zAttr, sizeof(zAttr), "%.*s", (int)(n<sizeof(zAttr)-1 ? n : sizeof(zAttr)-1), z);
    z += n + (z[n]==',');
    if( strcmp(zAttr, "objectId")==0 ) continue;     /* no one sets it */
    snprintf(zSetting, sizeof(zSetting), "membershipRule.%s", zAttr);
    snprintf(zMsg, sizeof(zMsg), "group %s, assigned to job %s, is dynamic (rule %s): whoever"
             " can set %s on a user of %s (a User Administrator, the HR feed that writes it)"
             " decides who is pushed into %s, and taking it away deprovisions them", zKey, zJob,
             zRule, zAttr, zSrc, zTgt);
    f = lint_add(L, lint_rule_find("XTS-S03"), LINT_MEDIUM, zSrc, zTgt, zJob, zSetting, zAttr,
                 zPath, zMsg);
    if( f ) f->zGroup = lint_dup(L, zKey);
  }
}

/* The findings about group iGroup, assigned to job zJob (zSrc -> zTgt). */
static int scope_group(Linter *L, int64_t iGroup, const char *zJob, const char *zSrc,
                       const char *zTgt, int nMax){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlGroup, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, iGroup);
  rc = report_step(L->pStore, s, L->pErr);
  if( rc==SQLITE_ROW ){
    const char *zKey = (const char*)sqlite3_column_text(s, 0);
    const char *zName = (const char*)sqlite3_column_text(s, 1);
    const char *zOwners = (const char*)sqlite3_column_text(s, 2);
    int nOwners = 0;
    LintFinding *f;
    const char *c;
    for(c=zOwners; c && *c; c++) nOwners += *c==',';
    if( zOwners && zOwners[0] ) nOwners++;
    if( !sqlite3_column_int(s, 3) ){
      lint_group_path(L, zSrc, zKey, "restrictedManagementUnit", zPath, sizeof(zPath));
      snprintf(zMsg, sizeof(zMsg), "group %s (%s), assigned to job %s, is in no restricted"
               " management unit: a Groups Administrator, a User Administrator or an owner"
               " can add anyone to it, and the next cycle pushes them into %s",
               zKey, zName ? zName : zKey, zJob, zTgt);
      f = lint_add(L, lint_rule_find("XTS-S02"), LINT_HIGH, zSrc, zTgt, zJob,
                   "restrictedManagementUnit", "false", zPath, zMsg);
      if( f ) f->zGroup = lint_dup(L, zKey);
    }
    if( nOwners>nMax ){
      lint_group_path(L, zSrc, zKey, "owners", zPath, sizeof(zPath));
      snprintf(zMsg, sizeof(zMsg), "group %s, assigned to job %s, has %d owners (more than %d):"
               " each can add members that the job pushes into %s", zKey, zJob, nOwners, nMax, zTgt);
      f = lint_add(L, lint_rule_find("XTS-S02"), LINT_HIGH, zSrc, zTgt, zJob, "owners",
                   zOwners, zPath, zMsg);
      if( f ) f->zGroup = lint_dup(L, zKey);
    }
    scope_rule_attributes(L, s, zJob, zSrc, zTgt);
  }
  sqlite3_reset(s);
  return rc<0 ? TS_IOERR : TS_OK;
}

/* The jobs existing at ?1 whose scoping filters read attributes. */
static const char zSqlFiltered[] =
  "SELECT j.key, s.key, t.key, h.filter_attributes, h.filter_attributes_action"
  "  FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants t ON t.idx=j.target"
  LINT_JOB_SETTINGS_AT
  " WHERE h.filter_attributes<>'' AND " TRUST_JOB_EXISTS " ORDER BY j.idx";

/* S03: one finding per attribute a job's scoping filters read. */
static int scope_attributes(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlFiltered, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE], zAttr[128], zSetting[160];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zJob = (const char*)sqlite3_column_text(s, 0);
    const char *zSrc = (const char*)sqlite3_column_text(s, 1);
    const char *zTgt = (const char*)sqlite3_column_text(s, 2);
    const char *z = (const char*)sqlite3_column_text(s, 3);
    int iAction = sqlite3_column_type(s, 4)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 4);
    if( zJob==NULL || z==NULL ) continue;
    if( iAction>=0 ) snprintf(zPath, sizeof(zPath), "$.timeline[%d].scopingFilters", iAction);
    else lint_job_path(L, zJob, ".scopingFilters", zPath, sizeof(zPath));
    while( *z ){
      size_t n = strcspn(z, ",");
      snprintf(zAttr, sizeof(zAttr), "%.*s", (int)(n<sizeof(zAttr)-1 ? n : sizeof(zAttr)-1), z);
      snprintf(zSetting, sizeof(zSetting), "scopingFilters.%s", zAttr);
      snprintf(zMsg, sizeof(zMsg), "job %s's scope depends on %s: whoever can set %s on a user of"
               " %s (a User Administrator, the HR feed that writes it) decides who is pushed into"
               " %s, and taking it away deprovisions them", zJob, zAttr, zAttr, zSrc, zTgt);
      lint_add(L, lint_rule_find("XTS-S03"), LINT_MEDIUM, zSrc, zTgt, zJob, zSetting, zAttr,
               zPath, zMsg);
      z += n + (z[n]==',');
    }
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

int lint_scope_rules(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlAssigned, L->pErr);
  int rc, nMax = lint_setting_int(L->pScn, "maxScopeGroupOwners", LINT_SCOPE_OWNERS_MAX);
  /* copies: scope_group runs other statements */
  typedef struct Row { char *zJob, *zSrc, *zTgt, *zGroups; } Row;
  Row *aRow = NULL;
  int64_t nRow = 0, nAlloc = 0, i;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    Row *r;
    if( mem_grow((void**)&aRow, nRow, &nAlloc, sizeof(Row)) ){ L->bNoMem = 1; break; }
    r = &aRow[nRow++];
    memset(r, 0, sizeof(*r));
    if( report_col(s, 0, &r->zJob, L->pErr) || report_col(s, 1, &r->zSrc, L->pErr)
     || report_col(s, 2, &r->zTgt, L->pErr) || report_col(s, 3, &r->zGroups, L->pErr) ){
      L->bNoMem = 1;
      break;
    }
  }
  sqlite3_reset(s);
  rc = rc<0 ? TS_IOERR : TS_OK;
  for(i=0; rc==TS_OK && !L->bNoMem && i<nRow; i++){
    const char *z = aRow[i].zGroups;
    while( rc==TS_OK && z && *z ){
      char *zEnd;
      int64_t iGroup = strtoll(z, &zEnd, 10);
      if( zEnd==z ) break;
      rc = scope_group(L, iGroup, aRow[i].zJob, aRow[i].zSrc, aRow[i].zTgt, nMax);
      z = *zEnd==',' ? zEnd+1 : zEnd;
    }
  }
  for(i=0; i<nRow; i++){
    mem_free(aRow[i].zJob); mem_free(aRow[i].zSrc); mem_free(aRow[i].zTgt); mem_free(aRow[i].zGroups);
  }
  mem_free(aRow);
  return rc==TS_OK ? scope_attributes(L) : rc;
}
