/*
** lint_mto.c — the lint rules about the multitenant organization (lint.h,
** lintInt.h), from the mto_members and mto_templates tables:
**   XTS-T02 cross-org-sync: a member of the organization allows inbound
**     user sync from a tenant outside it (or, by its default policy, from
**     any tenant);
**   XTS-T11 mto-template-autotrust: a template that turns on inbound sync,
**     inbound auto-redemption or claims trust for the tenants that join;
**   XTS-S09 data-exposure (its address-list part): a job that shows its
**     users in the address list of a tenant outside the organization.
** Without a declared organization T02 cannot tell inside from outside and
** finds nothing.
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "reportInt.h"
#include "lintInt.h"
#include "trust.h"

/* The active members at ?1: declared active (joined_at 0) or joined by
** then (mto_join); a pending tenant is not in the organization yet. */
static const char zSqlMembers[] =
  "SELECT tenant FROM mto_members WHERE joined_at IS NOT NULL AND joined_at<=?1";
/* The true settings of templates applied to new partners (outbound
** auto-redemption is about this tenant's users, not trust in others), and
** whether the tenant's templates give both inbound sync and claims trust. */
static const char zSqlTemplates[] =
  "WITH n AS (SELECT * FROM mto_templates WHERE value=1"
  "            AND instr(application_level, 'newPartners')>0)"
  " SELECT t.key, m.template, m.setting, m.application_level, m.path,"
  "  EXISTS(SELECT 1 FROM n x WHERE x.tenant=m.tenant AND x.setting='userSyncInbound.isSyncAllowed')"
  "  AND EXISTS(SELECT 1 FROM n y WHERE y.tenant=m.tenant AND y.setting LIKE 'inboundTrust.%')"
  "  FROM n m JOIN tenants t ON t.idx=m.tenant"
  " WHERE m.setting<>'automaticUserConsentSettings.outboundAllowed'"
  " ORDER BY m.tenant, m.template, m.setting";

/* The jobs existing at ?1 whose mapping shows users in the address list,
** with the action that last set it (NULL: the declaration). */
static const char zSqlGal[] =
  "SELECT j.key, s.key, t.key, j.source, j.target, h.show_in_gal_action"
  "  FROM jobs j JOIN tenants s ON s.idx=j.source JOIN tenants t ON t.idx=j.target"
  LINT_JOB_SETTINGS_AT
  " WHERE h.show_in_gal=1 AND " TRUST_JOB_EXISTS " ORDER BY j.idx";

/* The tenants of the organization at the lint instant into
** abMember[nTenant]; *pn their number (0: no organization declared). */
static int members(Linter *L, char *abMember, int nTenant, int *pn){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlMembers, L->pErr);
  int rc;
  *pn = 0;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    int iT = sqlite3_column_int(s, 0);
    if( iT>=0 && iT<nTenant ){ abMember[iT] = 1; (*pn)++; }
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* The path of job zJob's mapping: the set_mapping that last set it, else
** the declaration's mapping (the job when it keeps the default). */
static void mapping_path(Linter *L, const char *zJob, int iAction, char *z, size_t n){
  const cJSON *a = L->pScn ? cJSON_GetObjectItemCaseSensitive(L->pScn, "jobs") : NULL, *p;
  int i = 0;
  z[0] = 0;
  if( iAction>=0 ){
    snprintf(z, n, "$.timeline[%d].mapping", iAction);
    return;
  }
  cJSON_ArrayForEach(p, a){
    if( lint_jstr(p, "key") && zJob && strcmp(lint_jstr(p, "key"), zJob)==0 ){
      snprintf(z, n, "$.jobs[%d]%s", i, cJSON_GetObjectItemCaseSensitive(p, "mapping") ? ".mapping" : "");
      return;
    }
    i++;
  }
}

/* S09: users shown in the address list of a tenant outside the organization. */
static int gal_exposure(Linter *L, const char *abMember){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlGal, L->pErr);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, L->r->t);
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zJob = (const char*)sqlite3_column_text(s, 0);
    const char *zSrc = (const char*)sqlite3_column_text(s, 1);
    const char *zTgt = (const char*)sqlite3_column_text(s, 2);
    int iSrc = sqlite3_column_int(s, 3), iTgt = sqlite3_column_int(s, 4);
    if( zJob==NULL || !abMember[iSrc] || abMember[iTgt] ) continue;
    mapping_path(L, zJob, sqlite3_column_type(s, 5)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 5),
                 zPath, sizeof(zPath));
    snprintf(zMsg, sizeof(zMsg), "job %s shows %s's users in the address list of %s"
             " (showInAddressList True), a tenant outside the multitenant organization: its"
             " people search and address book list them", zJob, zSrc, zTgt);
    lint_add(L, lint_rule_find("XTS-S09"), LINT_LOW, zSrc, zTgt, zJob,
             "showInAddressList", "True", zPath, zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* Inbound user sync from outside the organization into its members. */
static int cross_org(Linter *L, const TrustGraph *g){
  char *abMember = mem_calloc((size_t)g->nNode+1, 1);
  char zPath[TS_JSONPATH_MAX], zMsg[TRUST_TEXT_SIZE];
  int rc, i, nMember = 0;
  if( abMember==NULL ){ L->bNoMem = 1; return TS_OK; }
  rc = members(L, abMember, g->nNode, &nMember);
  if( rc==TS_OK && nMember ) rc = gal_exposure(L, abMember);
  if( rc ){ mem_free(abMember); return rc; }
  for(i=0; nMember && i<g->nEdge; i++){
    const TrustEdge *e = &g->aEdge[i];
    const TrustNode *pFrom = &g->aNode[e->iFrom], *pTo = &g->aNode[e->iTo];
    const char *zP;
    if( pTo->bEvery || !abMember[e->iTo] || !e->a[TF_USER_SYNC].v ) continue;
    if( !pFrom->bEvery && abMember[e->iFrom] ) continue;
    zP = pFrom->bEvery ? NULL : pFrom->zKey;
    lint_policy_path(L, pTo->zKey, e->a[TF_USER_SYNC].eFrom==TRUST_DEFAULT ? NULL : zP,
                     "userSyncInbound.isSyncAllowed", zPath, sizeof(zPath));
    if( zP ){
      snprintf(zMsg, sizeof(zMsg), "%s, a member of the multitenant organization, allows inbound"
               " user sync from %s, which is not a member", pTo->zKey, zP);
    }else{
      snprintf(zMsg, sizeof(zMsg), "%s, a member of the multitenant organization, allows inbound"
               " user sync from every tenant by its default policy, members or not", pTo->zKey);
    }
    lint_add(L, lint_rule_find("XTS-T02"), LINT_MEDIUM, pTo->zKey, zP, NULL,
             "userSyncInbound.isSyncAllowed", "true", zPath, zMsg);
  }
  mem_free(abMember);
  return TS_OK;
}

/* Templates that trust whoever joins. */
static int autotrust(Linter *L){
  sqlite3_stmt *s = report_stmt(L->pStore, zSqlTemplates, L->pErr);
  char zMsg[TRUST_TEXT_SIZE], zSetting[160];
  int rc;
  if( s==NULL ) return TS_IOERR;
  while( (rc = report_step(L->pStore, s, L->pErr))==SQLITE_ROW ){
    const char *zT = (const char*)sqlite3_column_text(s, 0);
    const char *zTemplate = (const char*)sqlite3_column_text(s, 1);
    const char *zSet = (const char*)sqlite3_column_text(s, 2);
    const char *zLevel = (const char*)sqlite3_column_text(s, 3);
    snprintf(zSetting, sizeof(zSetting), "%s.%s", zTemplate ? zTemplate : "", zSet ? zSet : "");
    snprintf(zMsg, sizeof(zMsg), "%s's %s template sets %s for every tenant that joins the"
             " multitenant organization (templateApplicationLevel %s): a new member is trusted"
             " before anyone reviews it", zT, zTemplate, zSet, zLevel);
    /* high when the templates give both inbound sync and claims trust */
    lint_add(L, lint_rule_find("XTS-T11"), sqlite3_column_int(s, 5) ? LINT_HIGH : LINT_MEDIUM,
             zT, NULL, NULL, zSetting, "true", (const char*)sqlite3_column_text(s, 4), zMsg);
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

int lint_mto_rules(Linter *L, const TrustGraph *g){
  int rc = cross_org(L, g);
  return rc ? rc : autotrust(L);
}
