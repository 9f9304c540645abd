/*
** cmd_export.c — `tenantsim export DB`: a run database's results as CSV,
** and its configuration back in Microsoft Graph's shapes:
**   DB --csv DIR                           the run's tables as CSV files
**   DB --schema  [--job KEY] [--output F]  the job's synchronizationSchema
**   DB --secrets [--job KEY] [--output F]  the job's synchronization secrets
**   DB --policies [--tenant KEY] [--output F]  a tenant's cross-tenant
**                                          access policy (default, partners)
**   DB (--users | --groups) [--tenant KEY] [--output F]  a tenant's users or
**                                          groups as the run ends (GET /users,
**                                          GET /groups, beta: originTenantInfo)
** The Graph shapes describe the configuration as the run ends: the
** timeline's last set_mapping / set_filters, every set_secrets and every
** set_policy, add_partner, remove_partner and mto_join applied. The users
** and groups come from the run's own tables (export_dir.h).
** Exit status: 0; 1 I/O or memory; 2 invalid usage or input.
**
** The Graph exports read the scenario the run database keeps
** ("scenario_json") and the identifiers the run gave its tenants and jobs
** (tables tenants and jobs), so that what is written names the same
** tenant and job ids as the run's logs.
*/
#include <string.h>
#include "cli.h"
#include "cli_args.h"
#include "export_csv.h"
#include "export_dir.h"
#include "graph.h"
#include "graph_policy.h"
#include "graph_schema.h"
#include "graph_secrets.h"
#include "mem.h"
#include "outfile.h"
#include "scenario.h"
#include "store.h"

typedef enum ExportKind {
  EXP_NONE, EXP_CSV, EXP_SCHEMA, EXP_SECRETS, EXP_POLICIES, EXP_USERS, EXP_GROUPS
} ExportKind;

/* Tenant keys and ids of the run, from its tenants table; the strings
** are owned (tenant_ids_free). */
typedef struct TenantIds {
  GraphTenantRef *a;
  int n, nAlloc;
} TenantIds;

static void tenant_ids_free(TenantIds *t){
  int i;
  for(i=0; i<t->n; i++){
    mem_free((char*)t->a[i].zKey);
    mem_free((char*)t->a[i].zTenantId);
  }
  mem_free(t->a);
  memset(t, 0, sizeof(*t));
}

static int tenant_ids_load(Store *pStore, TenantIds *t, TsErr *pErr){
  sqlite3_stmt *s = store_stmt(pStore, "SELECT key, tenant_id FROM tenants ORDER BY idx");
  int rc = TS_OK;
  if( s==NULL ) return store_error(pStore, pErr);
  while( sqlite3_step(s)==SQLITE_ROW ){
    GraphTenantRef *r;
    if( mem_grow_int((void**)&t->a, t->n, &t->nAlloc, sizeof(GraphTenantRef)) ){ rc = TS_NOMEM; break; }
    r = &t->a[t->n];
    r->zKey = mem_strdup((const char*)sqlite3_column_text(s, 0));
    r->zTenantId = mem_strdup((const char*)sqlite3_column_text(s, 1));
    if( r->zKey==NULL || r->zTenantId==NULL ){
      mem_free((char*)r->zKey); mem_free((char*)r->zTenantId);
      rc = TS_NOMEM; break;
    }
    t->n++;
  }
  sqlite3_reset(s);
  if( rc ) return tserr_set(pErr, rc, "out of memory");
  return TS_OK;
}

static const char *tenant_id_of(const TenantIds *t, const char *zKey){
  int i;
  for(i=0; i<t->n; i++) if( strcmp(t->a[i].zKey, zKey)==0 ) return t->a[i].zTenantId;
  return NULL;
}

/* The run's job id of job zKey (owned by the caller), or NULL. */
static char *job_id_of(Store *pStore, const char *zKey){
  sqlite3_stmt *s = store_stmt(pStore, "SELECT job_id FROM jobs WHERE key=?1");
  char *z = NULL;
  if( s==NULL ) return NULL;
  store_bind_text(s, 1, zKey);
  if( sqlite3_step(s)==SQLITE_ROW ) z = mem_strdup((const char*)sqlite3_column_text(s, 0));
  sqlite3_reset(s);
  return z;
}

/* A set_secrets action a applied to job object pJob: its deleteThreshold
** (null: prevention off), scope, skipOutOfScopeDeletions and each member
** of its notifications.
** TS_NOMEM or TS_OK. */
static int secrets_apply(cJSON *pJob, const cJSON *a){
  static const char *const azKey[] = { "deleteThreshold", "scope", "skipOutOfScopeDeletions" };
  const cJSON *pN = cJSON_GetObjectItemCaseSensitive(a, "notifications"), *c;
  cJSON *pTo;
  size_t i;
  for(i=0; i<sizeof(azKey)/sizeof(azKey[0]); i++){
    c = cJSON_GetObjectItemCaseSensitive(a, azKey[i]);
    if( c==NULL ) continue;
    cJSON_DeleteItemFromObjectCaseSensitive(pJob, azKey[i]);
    if( !cJSON_IsNull(c) && graph_put(pJob, azKey[i], cJSON_Duplicate(c, 1)) ) return TS_NOMEM;
  }
  if( pN==NULL ) return TS_OK;
  pTo = cJSON_GetObjectItemCaseSensitive(pJob, "notifications");
  if( pTo==NULL && graph_put(pJob, "notifications", pTo = cJSON_CreateObject()) ) return TS_NOMEM;
  cJSON_ArrayForEach(c, pN){
    cJSON_DeleteItemFromObjectCaseSensitive(pTo, c->string);
    if( graph_put(pTo, c->string, cJSON_Duplicate(c, 1)) ) return TS_NOMEM;
  }
  return TS_OK;
}

/* The job object named zKey in the scenario (or its only job), a deep
** copy (caller owns) with the timeline's last set_mapping / set_filters
** and every set_secrets for it applied. NULL with pErr set. */
static cJSON *job_as_run_ends(const Scenario *pScn, const char *zKey, TsErr *pErr){
  const cJSON *pJobs = cJSON_GetObjectItemCaseSensitive(pScn->pRoot, "jobs"), *j, *pFound = NULL;
  cJSON *pCopy;
  int i, n = cJSON_GetArraySize(pJobs);
  cJSON_ArrayForEach(j, pJobs){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "key"));
    if( zKey ? strcmp(z, zKey)==0 : n==1 ) pFound = j;
  }
  if( pFound==NULL ){
    StrBuf keys;
    strbuf_init(&keys);
    cJSON_ArrayForEach(j, pJobs){
      strbuf_printf(&keys, "%s%s", keys.n ? ", " : "",
                    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "key")));
    }
    tserr_set(pErr, TS_ERR, zKey ? "no job \"%s\" in the run (jobs: %s)" : "%s--job KEY is"
              " needed: the run has several jobs (%s)", zKey ? zKey : "", strbuf_str(&keys));
    strbuf_free(&keys);
    return NULL;
  }
  zKey = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pFound, "key"));
  if( (pCopy = cJSON_Duplicate(pFound, 1))==NULL ){ tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL; }
  for(i=0; i<pScn->nAction; i++){
    const cJSON *a = pScn->aAction[i].pJson;
    const char *zAct = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "action"));
    const char *zJob = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "job"));
    const char *zMember;
    cJSON *pNew;
    if( zAct==NULL || zJob==NULL || strcmp(zJob, zKey)!=0 ) continue;
    if( strcmp(zAct, "set_secrets")==0 ){
      if( secrets_apply(pCopy, a) ){
        cJSON_Delete(pCopy); tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL;
      }
      continue;
    }
    if( strcmp(zAct, "set_mapping")==0 ) zMember = "mapping";
    else if( strcmp(zAct, "set_filters")==0 ) zMember = "scopingFilters";
    else continue;
    pNew = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(a, zMember), 1);
    if( pNew==NULL ){ cJSON_Delete(pCopy); tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL; }
    cJSON_DeleteItemFromObjectCaseSensitive(pCopy, zMember);
    if( graph_put(pCopy, zMember, pNew) ){
      cJSON_Delete(pCopy); tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL;
    }
  }
  return pCopy;
}

/* Set field zField ("a.b") of policy entry p to pValue (null: remove). */
static int policy_set_field(cJSON *p, const char *zField, const cJSON *pValue){
  const char *zDot = strchr(zField, '.');
  char zHead[64];
  cJSON *pObj;
  if( zDot==NULL ){
    cJSON_DeleteItemFromObjectCaseSensitive(p, zField);
    if( cJSON_IsNull(pValue) ) return TS_OK;
    return graph_put(p, zField, cJSON_Duplicate(pValue, 1)) ? TS_NOMEM : TS_OK;
  }
  snprintf(zHead, sizeof(zHead), "%.*s", (int)(zDot-zField), zField);
  pObj = cJSON_GetObjectItemCaseSensitive(p, zHead);
  if( pObj==NULL && (pObj = cJSON_AddObjectToObject(p, zHead))==NULL ) return TS_NOMEM;
  if( policy_set_field(pObj, zDot+1, pValue) ) return TS_NOMEM;
  if( pObj->child==NULL ) cJSON_DeleteItemFromObjectCaseSensitive(p, zHead);
  return TS_OK;
}

/* The policy entry of (zT, zP) in pPolicies, or NULL. */
static cJSON *policy_entry(cJSON *pPolicies, const char *zT, const char *zP){
  cJSON *e, *pEntry = NULL;
  cJSON_ArrayForEach(e, pPolicies){
    const char *zET = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "tenant"));
    const char *zEP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "partner"));
    if( zET && strcmp(zET, zT)==0 && (zP ? zEP && strcmp(zEP, zP)==0 : zEP==NULL) ) pEntry = e;
  }
  return pEntry;
}

/* One direction of an mto_join in pPolicies, as admin_mto_join makes it:
** the entry of (iT, iP) is added when missing (a new partner) and the
** template settings of iT for that kind of partner are set. TS_NOMEM or
** TS_OK. */
static int mto_join_pair(cJSON *pPolicies, const Scenario *pScn, int iT, int iP){
  const ScnMto *m = pScn->pMto;
  const char *zT = pScn->aTenant[iT].zKey, *zP = pScn->aTenant[iP].zKey;
  cJSON *pEntry = policy_entry(pPolicies, zT, zP), *pV;
  unsigned mKind = pEntry ? MTO_EXISTING_PARTNERS : MTO_NEW_PARTNERS;
  int i;
  if( pEntry==NULL && ((pEntry = cJSON_CreateObject())==NULL
       || !cJSON_AddItemToArray(pPolicies, pEntry)
       || !cJSON_AddStringToObject(pEntry, "tenant", zT)
       || !cJSON_AddStringToObject(pEntry, "partner", zP)) ) return TS_NOMEM;
  for(i=0; i<m->nSetting; i++){
    const ScnMtoSetting *e = &m->aSetting[i];
    int rc;
    if( e->iTenant!=iT || !(e->mLevel & mKind) ) continue;
    if( (pV = cJSON_CreateBool(e->v))==NULL ) return TS_NOMEM;
    rc = policy_set_field(pEntry, policy_field_name(e->eField), pV);
    cJSON_Delete(pV);
    if( rc ) return TS_NOMEM;
  }
  return TS_OK;
}

/* An mto_join of iTenant: with every tenant active at that point
** (aActive, updated), both directions. TS_NOMEM or TS_OK. */
static int mto_join_apply(cJSON *pPolicies, const Scenario *pScn, int iTenant,
                          unsigned char *aActive){
  int k;
  aActive[iTenant] = 1;
  for(k=0; k<pScn->nTenant; k++){
    if( k==iTenant || !aActive[k] ) continue;
    if( mto_join_pair(pPolicies, pScn, k, iTenant) || mto_join_pair(pPolicies, pScn, iTenant, k) ){
      return TS_NOMEM;
    }
  }
  return TS_OK;
}

/* The scenario's policies with every set_policy, add_partner,
** remove_partner and mto_join applied (caller owns). */
static cJSON *policies_as_run_ends(const Scenario *pScn, TsErr *pErr){
  const cJSON *pPol = cJSON_GetObjectItemCaseSensitive(pScn->pRoot, "policies");
  cJSON *pCopy = pPol ? cJSON_Duplicate(pPol, 1) : cJSON_CreateArray();
  unsigned char *aActive = mem_calloc((size_t)pScn->nTenant+1, 1);
  int i;
  if( pCopy==NULL || aActive==NULL ){
    cJSON_Delete(pCopy); mem_free(aActive);
    tserr_set(pErr, TS_NOMEM, "out of memory");
    return NULL;
  }
  for(i=0; pScn->pMto && i<pScn->pMto->nMember; i++){
    if( !pScn->pMto->aMember[i].bPending ) aActive[pScn->pMto->aMember[i].iTenant] = 1;
  }
  for(i=0; i<pScn->nAction; i++){
    const cJSON *a = pScn->aAction[i].pJson, *pV;
    const char *zAct = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "action"));
    const char *zT, *zP, *zF;
    cJSON *pEntry = NULL;
    int bRemove;
    if( pScn->aAction[i].eKind==SCN_MTO_JOIN ){
      if( mto_join_apply(pCopy, pScn, pScn->aAction[i].iTenant, aActive) ){
        cJSON_Delete(pCopy); mem_free(aActive);
        tserr_set(pErr, TS_NOMEM, "out of memory");
        return NULL;
      }
      continue;
    }
    if( zAct==NULL || (strcmp(zAct, "set_policy")!=0 && strcmp(zAct, "add_partner")!=0
                       && strcmp(zAct, "remove_partner")!=0) ) continue;
    bRemove = strcmp(zAct, "remove_partner")==0;
    zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "tenant"));
    zP = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "partner"));
    zF = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "field"));
    pV = cJSON_GetObjectItemCaseSensitive(a, "value");
    pEntry = policy_entry(pCopy, zT, zP);
    if( bRemove ){
      if( pEntry ) cJSON_Delete(cJSON_DetachItemViaPointer(pCopy, pEntry));
      continue;
    }
    if( pEntry==NULL ){
      if( (pEntry = cJSON_CreateObject())==NULL
       || !cJSON_AddItemToArray(pCopy, pEntry)
       || !cJSON_AddStringToObject(pEntry, "tenant", zT)
       || (zP && !cJSON_AddStringToObject(pEntry, "partner", zP)) ){
        cJSON_Delete(pCopy); mem_free(aActive); tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL;
      }
    }
    if( zF && policy_set_field(pEntry, zF, pV) ){
      cJSON_Delete(pCopy); mem_free(aActive); tserr_set(pErr, TS_NOMEM, "out of memory"); return NULL;
    }
  }
  mem_free(aActive);
  return pCopy;
}

/* The owner of the policies to export: zTenant, or the one tenant that
** has policies. */
static const char *policy_owner(const cJSON *pPolicies, const char *zTenant, TsErr *pErr){
  const cJSON *e;
  const char *zOne = NULL;
  int bMany = 0;
  if( zTenant ) return zTenant;
  cJSON_ArrayForEach(e, pPolicies){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "tenant"));
    if( zOne && strcmp(zOne, z)!=0 ) bMany = 1;
    if( zOne==NULL ) zOne = z;
  }
  if( zOne==NULL ){ tserr_set(pErr, TS_ERR, "the run has no cross-tenant access policies to export"); return NULL; }
  if( bMany ){ tserr_set(pErr, TS_ERR, "several tenants have policies: give --tenant KEY"); return NULL; }
  return zOne;
}

/* Build the Graph document of kind e from the run in pStore; notes about
** what the shape cannot carry go to err. */
static int export_graph(Store *pStore, ExportKind e, const char *zJob, const char *zTenant,
                        cJSON **ppDoc, FILE *err, TsErr *pErr){
  char *zJson = store_info(pStore, "scenario_json");
  Scenario *pScn = NULL;
  StrBuf errs;
  TenantIds ids;
  cJSON *pJob = NULL, *pPol = NULL;
  char *zJobId = NULL;
  int rc;
  memset(&ids, 0, sizeof(ids));
  strbuf_init(&errs);
  if( zJson==NULL ){ rc = tserr_set(pErr, TS_ERR, "the database keeps no scenario"); goto free_all; }
  if( (rc = scenario_parse("the run's scenario", zJson, &pScn, &errs, pErr))!=TS_OK ) goto free_all;
  if( (rc = tenant_ids_load(pStore, &ids, pErr))!=TS_OK ) goto free_all;
  if( e==EXP_POLICIES ){
    const char *zOwner;
    if( (pPol = policies_as_run_ends(pScn, pErr))==NULL ){ rc = pErr->rc; goto free_all; }
    if( (zOwner = policy_owner(pPol, zTenant, pErr))==NULL ){ rc = TS_ERR; goto free_all; }
    if( tenant_id_of(&ids, zOwner)==NULL ){ rc = tserr_set(pErr, TS_ERR, "no tenant \"%s\" in the run", zOwner); goto free_all; }
    rc = graph_policy_export(pPol, zOwner, ids.a, ids.n, ppDoc, pErr);
    goto free_all;
  }
  if( (pJob = job_as_run_ends(pScn, zJob, pErr))==NULL ){ rc = pErr->rc; goto free_all; }
  if( e==EXP_SCHEMA ){
    zJobId = job_id_of(pStore, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pJob, "key")));
    if( zJobId==NULL ){ rc = tserr_set(pErr, TS_ERR, "the run's jobs table has no such job"); goto free_all; }
    rc = graph_schema_export(pJob, zJobId, ppDoc, pErr);
    if( rc==TS_OK && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pJob, "crossCloud")) ){
      /* not part of a schema: say so rather than lose it unseen */
      fprintf(err, "tenantsim: note: the job's cross-cloud setting (\"crossCloud\": true)"
              " is not part of a synchronizationSchema; set it on the configuration\n");
    }
  }else{
    const char *zTarget = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pJob, "target"));
    rc = graph_secrets_export(pJob, tenant_id_of(&ids, zTarget), ppDoc, pErr);
  }
free_all:
  mem_free(zJobId);
  cJSON_Delete(pJob);
  cJSON_Delete(pPol);
  tenant_ids_free(&ids);
  scenario_free(pScn);
  strbuf_free(&errs);
  mem_free(zJson);
  return rc;
}

static const CliOption aExportOpt[] = {
  { "--csv",      "DIR",  CLI_DIR,    "the run's tables as CSV files into DIR" },
  { "--schema",   NULL,   CLI_WORD,   "the job's synchronizationSchema" },
  { "--secrets",  NULL,   CLI_WORD,   "the job's synchronization secrets" },
  { "--policies", NULL,   CLI_WORD,   "a tenant's cross-tenant access policy" },
  { "--users",    NULL,   CLI_WORD,   "a tenant's users as the run ends" },
  { "--groups",   NULL,   CLI_WORD,   "a tenant's groups as the run ends" },
  { "--job",      "KEY",  CLI_WORD,   "the job (default: the only one)" },
  { "--tenant",   "KEY",  CLI_WORD,   "the tenant (default: the one with policies, or the first target)" },
  { "--output",   "FILE", CLI_OUTPUT, "write FILE instead of stdout" },
  { "-o",         "FILE", CLI_OUTPUT, "the same as --output" },
  { NULL, NULL, CLI_WORD, NULL }
};

static int export_exec(int argc, char **argv, FILE *out, FILE *err){
  const char *zDb = NULL, *zDir = NULL, *zJob = NULL, *zTenant = NULL, *zOut = NULL;
  ExportKind e = EXP_NONE;
  Store *pStore = NULL;
  cJSON *pDoc = NULL;
  char *zText = NULL;
  CliArgs a;
  TsErr er;
  int rc, nKind = 0, status = 0;
  cli_args_start(&a, &cmd_export_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ){
    if( cli_args_is(&a, "--csv") ){ zDir = a.zArg; e = EXP_CSV; nKind++; }
    else if( cli_args_is(&a, "--schema") ){ e = EXP_SCHEMA; nKind++; }
    else if( cli_args_is(&a, "--secrets") ){ e = EXP_SECRETS; nKind++; }
    else if( cli_args_is(&a, "--policies") ){ e = EXP_POLICIES; nKind++; }
    else if( cli_args_is(&a, "--users") ){ e = EXP_USERS; nKind++; }
    else if( cli_args_is(&a, "--groups") ){ e = EXP_GROUPS; nKind++; }
    else if( cli_args_is(&a, "--job") ) zJob = a.zArg;
    else if( cli_args_is(&a, "--tenant") ) zTenant = a.zArg;
    else if( cli_args_is(&a, "--output") || cli_args_is(&a, "-o") ) zOut = a.zArg;
    else if( zDb==NULL ) zDb = a.zArg;
    else { fprintf(err, "tenantsim: export takes one DB, found another: %s\n", a.zArg); return 2; }
  }
  if( rc ) return rc;
  if( zDb==NULL || nKind!=1 ){
    fprintf(err, "tenantsim: export needs a DB and one of --csv DIR, --schema, --secrets,"
            " --policies, --users, --groups (see tenantsim export --help)\n");
    return 2;
  }
  if( cli_input(err, zDb, CLI_DB) ) return 2;
  tserr_clear(&er);
  rc = store_open_readonly(zDb, &pStore, &er);
  if( rc==TS_OK && e==EXP_CSV ){
    rc = export_csv(pStore, zDir, &er);
    if( rc==TS_OK ){
      fprintf(out, "wrote changes.csv, cycles.csv, orphans.csv, provisioning_log.csv and"
              " audit_log.csv in %s\n", zDir);
    }
  }else if( rc==TS_OK ){
    if( e==EXP_USERS || e==EXP_GROUPS ) rc = export_dir(pStore, zTenant, e==EXP_GROUPS, &pDoc, &er);
    else rc = export_graph(pStore, e, zJob, zTenant, &pDoc, err, &er);
    if( rc==TS_OK && (zText = cJSON_Print(pDoc))==NULL ) rc = tserr_set(&er, TS_NOMEM, "out of memory");
    if( rc==TS_OK && zOut ){
      OutFile o;
      memset(&o, 0, sizeof(o));
      o.zPath = zOut;
      rc = outfile_open(&o, &er);
      if( rc==TS_OK && (fputs(zText, o.f)<0 || fputc('\n', o.f)==EOF) ){
        rc = tserr_set(&er, TS_IOERR, "%s: write failed", zOut);
      }
      rc = outfile_close(&o, rc, &er);
    }else if( rc==TS_OK ){
      fputs(zText, out);
      fputc('\n', out);
    }
  }
  if( rc ) status = cli_fail(err, rc, &er);
  cJSON_free(zText);
  cJSON_Delete(pDoc);
  store_close(pStore);
  return status;
}

const CliCommand cmd_export_entry = {
  "export",
  "export DB --csv DIR\n"
  "export DB (--schema | --secrets) [--job KEY] [--output FILE]\n"
  "export DB --policies [--tenant KEY] [--output FILE]\n"
  "export DB (--users | --groups) [--tenant KEY] [--output FILE]",
  "--csv writes changes, cycles, orphans, provisioning_log and audit_log\n"
  "as CSV files (header row, RFC 4180 quoting) into DIR. The others write\n"
  "the configuration as the run ends in Microsoft Graph's shapes, ready to\n"
  "PUT: the job's synchronizationSchema (mapping and scoping filters), its\n"
  "synchronization secrets, or a tenant's cross-tenant access policy with\n"
  "its default and partners (identitySynchronization expanded). --users\n"
  "and --groups write a tenant's (default: the first job's target) users or\n"
  "groups as the run ends, as Graph beta lists them, with originTenantInfo\n"
  "on the objects cross-tenant sync manages. tenantsim import reads each back.",
  aExportOpt, CLI_DB, 1,
  export_exec
};
