/*
** lint_groupsync.c — the lint rules about the groups cross-tenant sync
** brings into a target (lint.h, lintInt.h; security-posture.md §4.1):
**
**   XTS-T05 group-sync-into-privilege  a group a job's group sync created
**           in the target holds a directory role (active or eligible) at
**           the instant: whoever can add members to the source group
**           decides who holds the role, and the next cycle carries it out
**   XTS-T06 role-enabled-group-sync    the target allows the beta
**           role-enabled group sync (roleEnabledGroupSyncInbound) from a
**           partner, or by default from every tenant
**
** T05 reads role_assignments and groups: a group whose created_by_job is
** the job, not deleted at the instant, holding an assignment made by then;
** the finding names the group (zGroup), the job and its source, with the
** path of the assign_role (or declaration) that made the assignment. It
** is critical for a role Microsoft labels privileged, high otherwise, as
** XTS-T07 is for a synced user. T06 reads the trust graph: one finding per
** policy that sets the field true (a partner's own, or the default's for
** "every tenant"), critical whatever the engine does with it — it syncs no
** role-assignable group, and the field's meaning is not documented.
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "reportInt.h"
#include "lintInt.h"
#include "trust.h"

static const char zSqlT05[] =
  "SELECT t.key, j.key, s.key, g.key, g.display_name, coalesce(r.role_name, r.role_template_id),"
  "  r.assignment, r.privileged IS NOT 0, r.path"
  "  FROM role_assignments r JOIN groups g ON r.principal_type='Group' AND g.idx=r.principal"
  "  JOIN jobs j ON j.idx=g.created_by_job JOIN tenants t ON t.idx=g.tenant"
  "  JOIN tenants s ON s.idx=j.source"
  " WHERE r.assigned_at<=?1 AND (g.deleted_at IS NULL OR g.deleted_at>?1)"
  " ORDER BY r.id";

static const char *col(sqlite3_stmt *s, int i){ return (const char*)sqlite3_column_text(s, i); }

/* T05: one finding per role assignment of a synced group. */
static int rule_t05(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlT05, L->pErr);
  char zMsg[TRUST_TEXT_SIZE], zRole[160];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zTenant = col(s, 0), *zJob = col(s, 1), *zSrc = col(s, 2), *zGroup = col(s, 3);
    LintFinding *f;
    snprintf(zRole, sizeof(zRole), "%s%s", col(s, 5) ? col(s, 5) : "?",
             col(s, 6) && strcmp(col(s, 6), "eligible")==0 ? " (eligible)" : "");
    snprintf(zMsg, sizeof(zMsg), "group %s (%s), which job %s created in %s from %s's group of"
             " that name, holds %s: whoever can add members to the group in %s decides who"
             " holds the role in %s, and the next cycle carries it out", zGroup,
             col(s, 4) ? col(s, 4) : zGroup, zJob, zTenant, zSrc, zRole, zSrc, zTenant);
    f = lint_add(L, lint_rule_find("XTS-T05"), sqlite3_column_int(s, 7) ? LINT_CRITICAL : LINT_HIGH,
                 zTenant, zSrc, zJob, "directoryRole", zRole, col(s, 8), zMsg);
    if( f ) f->zGroup = lint_dup(L, zGroup);
  }
  sqlite3_reset(s);
  return rc<0 ? TS_IOERR : TS_OK;
}

/* T06: the policies that allow role-enabled group sync. */
static void rule_t06(Linter *L, const TrustGraph *g){
  static const char zField[] = "roleEnabledGroupSyncInbound.isSyncAllowed";
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int i;
  for(i=0; i<g->nEdge; i++){
    const TrustEdge *e = &g->aEdge[i];
    const TrustSetting *v = &e->a[TF_ROLE_GROUP_SYNC];
    const char *zT = g->aNode[e->iTo].zKey;
    int bEvery = g->aNode[e->iFrom].bEvery;
    const char *zP = bEvery ? NULL : g->aNode[e->iFrom].zKey;
    /* a partner that inherits it is the default policy's finding */
    if( g->aNode[e->iTo].bEvery || !v->v || (!bEvery && v->eFrom!=TRUST_PARTNER) ) continue;
    lint_policy_path(L, zT, zP, zField, zPath, sizeof(zPath));
    if( bEvery ){
      snprintf(zMsg, sizeof(zMsg), "%s's default policy allows role-enabled group sync"
               " (%s, Graph beta) from every tenant that syncs into it: groups another tenant"
               " controls may arrive able to hold %s's directory roles", zT, zField, zT);
    }else{
      snprintf(zMsg, sizeof(zMsg), "%s allows role-enabled group sync from %s (%s, Graph beta):"
               " groups %s controls may arrive able to hold %s's directory roles", zT, zP, zField,
               zP, zT);
    }
    lint_add(L, lint_rule_find("XTS-T06"), LINT_CRITICAL, zT, zP, NULL, zField, "true", zPath, zMsg);
  }
}

int lint_groupsync_rules(Linter *L, const TrustGraph *g){
  rule_t06(L, g);
  return rule_t05(L);
}
