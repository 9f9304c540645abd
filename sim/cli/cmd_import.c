/*
** cmd_import.c — `tenantsim import`: a scenario from Microsoft Graph
** exports. It reads every document named (users, groups, members, app
** role assignments, the sync schema, cross-tenant access policies,
** secrets, domains, an EntraExporter folder), builds one runnable scenario,
** validates it, and writes it to the -o file (renamed into place only
** when complete). Warnings and errors, each with FILE: JSON.PATH, go to
** stderr; a one-line summary to stdout. Exit status: 0; 1 an output or
** memory failure; 2 invalid usage, unreadable or invalid input, or any
** warning under --strict (nothing is written).
**
** The command gathers documents and hands each to the importer for its
** shape: sim/graph/graph_users.c (users, groups, members, assignments),
** graph_schema.c (synchronizationSchema), graph_policy.c (cross-tenant
** access policies), graph_secrets.c (synchronization secrets),
** graph_domains.c (domains: the tenant's verifiedDomains);
** import_exporter.c finds the documents of an EntraExporter folder. It then
** assembles the scenario — two tenants, their policies, one job — runs
** the pseudonymizer when asked, and validates the result with the
** scenario loader before writing a byte, so an import either produces a
** runnable scenario or nothing.
**
** Determinism: documents are read in the order given, and an EntraExporter
** folder's files in sorted path order, so the same inputs always give the
** same scenario.
*/
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cli.h"
#include "cli_args.h"
#include "graph.h"
#include "graph_authz.h"
#include "graph_domains.h"
#include "graph_mto.h"
#include "graph_policy.h"
#include "graph_schema.h"
#include "graph_secrets.h"
#include "graph_stream.h"
#include "graph_users.h"
#include "graph_groups.h"
#include "graph_resolve.h"
#include "import_exporter.h"
#include "jsonfile.h"
#include "jsonprint.h"
#include "mem.h"
#include "outfile.h"
#include "pseudonym.h"
#include "scenario.h"
#include "simtime.h"

/* A document named on the command line, with what it is for. */
typedef enum DocKind {
  DOC_USERS, DOC_GROUPS, DOC_MEMBERS, DOC_ASSIGNMENTS, DOC_SCHEMA,
  DOC_PARTNER, DOC_DEFAULT_POLICY, DOC_SECRETS,
  DOC_MTO_TENANTS, DOC_MTO_SYNC, DOC_MTO_PARTNER,   /* the multitenant organization */
  DOC_OWNERS, DOC_ADMIN_UNITS,                       /* what protects a group */
  DOC_EXP_ADMIN_UNITS, DOC_ADMIN_UNIT_MEMBERS,       /* EntraExporter's: members apart */
  DOC_DIR_ROLES, DOC_DIR_ROLE_MEMBERS, DOC_DIR_ROLE_SCOPED,  /* EntraExporter's DirectoryRoles */
  DOC_EXP_PIM,            /* EntraExporter's PIM/DirectoryRoles: eligibility instances */
  DOC_DOMAINS,            /* GET /domains: the tenant's verified domains */
  DOC_AUTHZ,              /* + GraphAuthzKind: role assignments ... */
  DOC_AUTHZ_LAST = DOC_AUTHZ + GRAPH_AUTHZ_APP_PERMS   /* ... app permissions */
} DocKind;

typedef struct Doc {
  DocKind e;
  int bTarget;             /* belongs to the target tenant */
  char *zFile;             /* owned */
  char *zOwnerId;          /* the group of members or owners, the unit or directory
                           ** role of members (owned; else NULL) */
} Doc;

typedef struct Import {
  Doc *aDoc;
  int nDoc, nAlloc;
  const char *zSourceId, *zTargetId;
  const char *zSourceDomain, *zTargetDomain;
  const char *zOut, *zName, *zStart, *zDuration;
  uint64_t seed;
  int bStrict, bPseudo;
} Import;

static int import_add(Import *p, DocKind e, int bTarget, const char *zFile, const char *zOwner){
  Doc *d;
  if( mem_grow_int((void**)&p->aDoc, p->nDoc, &p->nAlloc, sizeof(Doc)) ) return TS_NOMEM;
  d = &p->aDoc[p->nDoc];
  d->e = e;
  d->bTarget = bTarget;
  d->zFile = mem_strdup(zFile);
  d->zOwnerId = zOwner ? mem_strdup(zOwner) : NULL;
  if( d->zFile==NULL || (zOwner && d->zOwnerId==NULL) ){
    mem_free(d->zFile);
    mem_free(d->zOwnerId);
    return TS_NOMEM;
  }
  p->nDoc++;
  return TS_OK;
}

static void import_clear(Import *p){
  int i;
  for(i=0; i<p->nDoc; i++){ mem_free(p->aDoc[i].zFile); mem_free(p->aDoc[i].zOwnerId); }
  mem_free(p->aDoc);
  memset(p, 0, sizeof(*p));
}

/* "source=FILE" / "target=FILE" / "FILE": the tenant and the file. */
static const char *side_of(const char *zArg, int bDefaultTarget, int *pbTarget){
  *pbTarget = bDefaultTarget;
  if( strncmp(zArg, "source=", 7)==0 ){ *pbTarget = 0; return zArg+7; }
  if( strncmp(zArg, "target=", 7)==0 ){ *pbTarget = 1; return zArg+7; }
  return zArg;
}

/* ------------------------------------------------- EntraExporter folders */

/* The tenant whose EntraExporter folder is walked, and the importer each
** kind of its files goes to. */
typedef struct ExporterSide {
  Import *p;
  int bTarget;
} ExporterSide;

static int exporter_add(void *pArg, ImportExporterKind e, const char *zFile, const char *zOwnerId){
  static const DocKind aKind[] = {
    [IMPORT_EXPORTER_USERS] = DOC_USERS,
    [IMPORT_EXPORTER_GROUPS] = DOC_GROUPS,
    [IMPORT_EXPORTER_MEMBERS] = DOC_MEMBERS,
    [IMPORT_EXPORTER_ASSIGNMENTS] = DOC_ASSIGNMENTS,
    [IMPORT_EXPORTER_DEFAULT_POLICY] = DOC_DEFAULT_POLICY,
    [IMPORT_EXPORTER_PARTNER] = DOC_PARTNER,
    [IMPORT_EXPORTER_OWNERS] = DOC_OWNERS,
    [IMPORT_EXPORTER_ADMIN_UNITS] = DOC_EXP_ADMIN_UNITS,
    [IMPORT_EXPORTER_ADMIN_UNIT_MEMBERS] = DOC_ADMIN_UNIT_MEMBERS,
    [IMPORT_EXPORTER_DIRECTORY_ROLES] = DOC_DIR_ROLES,
    [IMPORT_EXPORTER_DIRECTORY_ROLE_MEMBERS] = DOC_DIR_ROLE_MEMBERS,
    [IMPORT_EXPORTER_CA_POLICIES] = DOC_AUTHZ + GRAPH_AUTHZ_CA,
    [IMPORT_EXPORTER_PIM_ELIGIBILITY] = DOC_EXP_PIM,
    [IMPORT_EXPORTER_APP_PERMISSIONS] = DOC_AUTHZ + GRAPH_AUTHZ_APP_PERMS,
    [IMPORT_EXPORTER_DIRECTORY_ROLE_SCOPED_MEMBERS] = DOC_DIR_ROLE_SCOPED,
    [IMPORT_EXPORTER_ROLE_ASSIGNMENTS] = DOC_AUTHZ + GRAPH_AUTHZ_ROLES,
    [IMPORT_EXPORTER_DOMAINS] = DOC_DOMAINS,
  };
  ExporterSide *s = pArg;
  return import_add(s->p, aKind[e], s->bTarget, zFile, zOwnerId);
}

/* The documents of EntraExporter folder zDir, of the target when bTarget. */
static int import_exporter(Import *p, const char *zDir, int bTarget, FILE *err){
  ExporterSide s;
  s.p = p;
  s.bTarget = bTarget;
  return import_exporter_walk(zDir, exporter_add, &s, err);
}

/* ------------------------------------------------------------ assembly */

/* A tenant key from a domain: its first label, key-safe. */
static void key_from_domain(const char *zDomain, char *zKey, size_t nKey){
  size_t i;
  for(i=0; zDomain[i] && zDomain[i]!='.' && i+1<nKey && i<40; i++){
    char c = zDomain[i];
    zKey[i] = (char)((c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9') || c=='-' ? c : '_');
  }
  zKey[i] = 0;
  if( i==0 ) snprintf(zKey, nKey, "tenant");
}

/* The scenario's tenant object. Takes the arrays; *ppDomains (verified
** domains, left out when empty) too, setting it NULL. NULL on OOM. */
static cJSON *tenant_object(const char *zKey, const char *zDomain, const char *zTenantId,
                            cJSON **ppDomains, cJSON *pUsers, cJSON *pGroups){
  cJSON *t = cJSON_CreateObject();
  cJSON *pDomains = *ppDomains;
  *ppDomains = NULL;
  if( t==NULL
   || !cJSON_AddStringToObject(t, "key", zKey)
   || !cJSON_AddStringToObject(t, "domain", zDomain)
   || !cJSON_AddStringToObject(t, "tenantId", zTenantId) ){
    cJSON_Delete(t); cJSON_Delete(pDomains); cJSON_Delete(pUsers); cJSON_Delete(pGroups);
    return NULL;
  }
  if( cJSON_GetArraySize(pDomains)==0 ){
    cJSON_Delete(pDomains);
  }else if( graph_put(t, "verifiedDomains", pDomains) ){
    cJSON_Delete(t); cJSON_Delete(pUsers); cJSON_Delete(pGroups);
    return NULL;
  }
  if( cJSON_GetArraySize(pGroups)==0 ){
    cJSON_Delete(pGroups);
  }else if( graph_put(t, "groups", pGroups) ){
    cJSON_Delete(t); cJSON_Delete(pUsers);
    return NULL;
  }
  if( graph_put(t, "users", pUsers) ){
    cJSON_Delete(t);
    return NULL;
  }
  return t;
}

/* Record the failure in pErr of reading or parsing a document in g. */
static void doc_failed(JsonLoc *g, const TsErr *pErr){
  if( pErr->rc==TS_NOMEM ) g->bNoMem = 1;
  else jsonloc_fail(g, pErr->zMsg);
}

/* Read one document's text into pText (initialised); 0, or nonzero with
** the failure recorded in g. */
static int doc_read(JsonLoc *g, const char *zFile, StrBuf *pText){
  TsErr err;
  tserr_clear(&err);
  if( jsonfile_read(zFile, pText, &err)==TS_OK ) return 0;
  doc_failed(g, &err);
  return 1;
}

/* Parse the text of document zFile; NULL with the failure recorded in g. */
static cJSON *doc_parse(JsonLoc *g, const char *zFile, const StrBuf *pText){
  TsErr err;
  cJSON *p = NULL;
  tserr_clear(&err);
  if( jsonfile_parse(zFile, strbuf_str(pText), &p, &err) ) doc_failed(g, &err);
  return p;
}

/* Users and members pages are read item by item (graph_stream.h): the
** largest documents, and the only ones that grow with the tenant. Returns
** GRAPH_STREAM_NO when document d must be parsed whole instead. */
static int doc_stream(JsonLoc *g, const Doc *d, GraphDir *pDir, const StrBuf *pText){
  if( d->e==DOC_USERS ){
    return graph_users_stream_users(g, pDir, d->zFile, strbuf_str(pText), pText->n);
  }
  if( d->e==DOC_MEMBERS ){
    return graph_groups_stream_members(g, pDir, d->zFile, d->zOwnerId, strbuf_str(pText), pText->n);
  }
  return GRAPH_STREAM_NO;
}

/* Feed every document of kind e (and side bTarget, -1 any) to the importer. */
typedef struct Ctx {
  Import *p;
  JsonLoc *g;
  GraphDir src, tgt;
  cJSON *pJob, *pPolicies;
  GraphTenantRef aT[2];
  char zSrcKey[48], zTgtKey[48];
  GraphAuthz aAuthz[2];    /* the source's and the target's */
  cJSON *pMto;             /* multiTenantOrganization, NULL until a document */
  cJSON *apDomains[2];     /* the source's and the target's verified domains */
  int nPimPolicy;          /* PIM/DirectoryRoles files with EntraExporter's Policy ... */
  const char *zPimPolicy;  /* ... and the first of them */
} Ctx;

static int import_docs(Ctx *c, int e){
  int i, rc = TS_OK;
  for(i=0; rc==TS_OK && i<c->p->nDoc; i++){
    const Doc *d = &c->p->aDoc[i];
    cJSON *pDoc;
    GraphDir *pDir;
    GraphAuthz *pAuthz;
    const char *zTenant;
    StrBuf text;
    if( (int)d->e!=e ) continue;
    pDir = d->bTarget ? &c->tgt : &c->src;
    strbuf_init(&text);
    if( doc_read(c->g, d->zFile, &text) ){ strbuf_free(&text); continue; }
    if( (rc = doc_stream(c->g, d, pDir, &text))!=GRAPH_STREAM_NO ){
      strbuf_free(&text);
      if( rc==TS_ERR ) rc = TS_OK;
      continue;
    }
    rc = TS_OK;
    pDoc = doc_parse(c->g, d->zFile, &text);
    strbuf_free(&text);
    if( pDoc==NULL ) continue;
    zTenant = d->bTarget ? c->zTgtKey : c->zSrcKey;
    pAuthz = &c->aAuthz[d->bTarget];
    if( e==DOC_EXP_PIM && import_exporter_pim_clean(pDoc) && c->nPimPolicy++==0 ){
      c->zPimPolicy = d->zFile;
    }
    if( e>=DOC_AUTHZ || e==DOC_EXP_PIM ){
      GraphAuthzKind k = e==DOC_EXP_PIM ? GRAPH_AUTHZ_ELIGIBILITY : (GraphAuthzKind)(e-DOC_AUTHZ);
      rc = graph_authz_import(c->g, pAuthz, k, pDir, zTenant, d->zFile, pDoc);
    }else switch( e ){
      case DOC_USERS:       rc = graph_users_add_users(c->g, pDir, d->zFile, pDoc); break;
      case DOC_GROUPS:      rc = graph_groups_add(c->g, pDir, d->zFile, pDoc); break;
      case DOC_MEMBERS:     rc = graph_groups_add_members(c->g, pDir, d->zFile, d->zOwnerId, pDoc); break;
      case DOC_ASSIGNMENTS:
        if( d->bTarget ){
          jsonloc_warn(c->g, d->zFile, "$", "app role assignments belong to the source tenant's"
                    " configuration; these (of the target) are ignored");
        }else{
          rc = graph_groups_add_assignments(c->g, &c->src, d->zFile, pDoc, c->pJob);
        }
        break;
      case DOC_SCHEMA:      rc = graph_schema_import(c->g, d->zFile, pDoc, c->pJob); break;
      case DOC_SECRETS:     rc = graph_secrets_import(c->g, d->zFile, pDoc, c->aT[1].zTenantId, c->pJob); break;
      case DOC_PARTNER:     rc = graph_policy_import_partners(c->g, d->zFile, pDoc, c->aT, 2, c->pPolicies); break;
      case DOC_DEFAULT_POLICY:
        rc = graph_policy_import_default(c->g, d->zFile, pDoc, d->bTarget ? c->zTgtKey : c->zSrcKey,
                                         c->pPolicies);
        break;
      case DOC_OWNERS:      rc = graph_groups_add_owners(c->g, pDir, d->zFile, d->zOwnerId, pDoc); break;
      case DOC_ADMIN_UNITS: case DOC_EXP_ADMIN_UNITS:
        rc = graph_groups_add_admin_units(c->g, pDir, d->zFile, pDoc, e==DOC_EXP_ADMIN_UNITS);
        break;
      case DOC_ADMIN_UNIT_MEMBERS:
        rc = graph_groups_add_admin_unit_members(c->g, pDir, d->zFile, d->zOwnerId, pDoc);
        break;
      case DOC_DIR_ROLES:
        rc = graph_authz_add_directory_roles(c->g, pAuthz, pDir, zTenant, d->zFile, pDoc);
        break;
      case DOC_DIR_ROLE_MEMBERS:
        rc = graph_authz_add_directory_role_members(c->g, pAuthz, pDir, zTenant, d->zFile,
                                                    d->zOwnerId, pDoc);
        break;
      case DOC_DIR_ROLE_SCOPED:
        rc = graph_authz_add_directory_role_scoped_members(c->g, pAuthz, pDir, zTenant, d->zFile,
                                                           d->zOwnerId, pDoc);
        break;
      case DOC_DOMAINS:     rc = graph_domains_import(c->g, d->zFile, pDoc, c->apDomains[d->bTarget]); break;
      case DOC_MTO_TENANTS: rc = graph_mto_import_tenants(c->g, d->zFile, pDoc, c->aT, 2, &c->pMto); break;
      case DOC_MTO_SYNC: case DOC_MTO_PARTNER:
        rc = graph_mto_import_template(c->g, d->zFile, pDoc, e==DOC_MTO_SYNC,
                                       d->bTarget ? c->zTgtKey : c->zSrcKey, &c->pMto);
        break;
      default: break;
    }
    cJSON_Delete(pDoc);
    /* importers report bad input in g and return TS_ERR; keep going so
    ** that one run lists every problem */
    if( rc==TS_ERR ) rc = TS_OK;
  }
  return rc;
}

static int has_docs(const Import *p, DocKind e){
  int i;
  for(i=0; i<p->nDoc; i++) if( p->aDoc[i].e==e ) return 1;
  return 0;
}

/* Settle the tenants' domains and keys (c->zSrcKey, c->zTgtKey). */
static void import_tenants(Ctx *c, const char **pzSrcDom, const char **pzTgtDom,
                           char *zSrcFallback, char *zTgtFallback, size_t n){
  const char *zS = c->p->zSourceDomain ? c->p->zSourceDomain : graph_users_domain(&c->src);
  const char *zT = c->p->zTargetDomain ? c->p->zTargetDomain : graph_users_domain(&c->tgt);
  if( zS==NULL ){
    snprintf(zSrcFallback, n, "source-%.8s.example", c->p->zSourceId);
    jsonloc_warn(c->g, NULL, NULL, "no source user gives the source tenant's domain; using %s"
              " (give --source-domain)", zSrcFallback);
    zS = zSrcFallback;
  }
  if( zT==NULL ){
    snprintf(zTgtFallback, n, "target-%.8s.example", c->p->zTargetId);
    jsonloc_warn(c->g, NULL, NULL, "no target user gives the target tenant's domain; using %s"
              " (give --target-domain)", zTgtFallback);
    zT = zTgtFallback;
  }
  key_from_domain(zS, c->zSrcKey, sizeof(c->zSrcKey));
  key_from_domain(zT, c->zTgtKey, sizeof(c->zTgtKey));
  if( strcmp(c->zSrcKey, c->zTgtKey)==0 ){
    strcat(c->zSrcKey, "-source");
    strcat(c->zTgtKey, "-target");
  }
  *pzSrcDom = zS;
  *pzTgtDom = zT;
}

/* Warnings about what the documents left out, so that a scenario that
** cannot sync says why before anyone runs it. */
static void import_gaps(Ctx *c){
  const char *zScope = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c->pJob, "scope"));
  if( (zScope==NULL || strcmp(zScope, "assigned")==0)
   && cJSON_GetObjectItemCaseSensitive(c->pJob, "assignments")==NULL ){
    jsonloc_warn(c->g, NULL, NULL, "no app role assignments were given (--assignments, or"
              " ServicePrincipals/*/AppRoleAssignedTo in an EntraExporter folder) and the job syncs"
              " only assigned users and groups: it will provision no one");
  }
  if( cJSON_GetArraySize(c->pPolicies)==0 ){
    jsonloc_warn(c->g, NULL, NULL, "no cross-tenant access policies were given (--partner,"
              " --identity-sync): the job's policy check fails, as in Entra until the target"
              " allows inbound sync and both tenants allow automatic redemption");
  }
  if( !has_docs(c->p, DOC_SCHEMA) && c->src.nUser==0 ){
    jsonloc_warn(c->g, NULL, NULL, "neither users nor a schema were given: the scenario"
              " exercises nothing of the tenant");
  }
}

/* Build the whole scenario into *ppScn. TS_OK, TS_ERR (recorded in g),
** TS_NOMEM. */
static int import_build(Ctx *c, cJSON **ppScn){
  Import *p = c->p;
  cJSON *pScn = NULL, *pTenants, *pJobs, *pUsers = NULL, *pGroups = NULL, *t;
  const char *zSrcDom, *zTgtDom;
  char zFb1[64], zFb2[64], zJobKey[100];
  int rc, i;
  *ppScn = NULL;
  if( (c->pJob = cJSON_CreateObject())==NULL || (c->pPolicies = cJSON_CreateArray())==NULL
   || (c->apDomains[0] = cJSON_CreateArray())==NULL
   || (c->apDomains[1] = cJSON_CreateArray())==NULL ){
    return TS_NOMEM;
  }
  if( (rc = import_docs(c, DOC_USERS))!=TS_OK
   || (rc = import_docs(c, DOC_GROUPS))!=TS_OK
   || (rc = import_docs(c, DOC_MEMBERS))!=TS_OK ) return rc;
  import_tenants(c, &zSrcDom, &zTgtDom, zFb1, zFb2, sizeof(zFb1));
  if( (rc = graph_resolve(c->g, &c->src, NULL, c->zSrcKey))!=TS_OK
   || (rc = graph_resolve(c->g, &c->tgt, &c->src, c->zSrcKey))!=TS_OK ) return rc;
  if( (rc = import_docs(c, DOC_OWNERS))!=TS_OK
   || (rc = import_docs(c, DOC_ADMIN_UNITS))!=TS_OK
   || (rc = import_docs(c, DOC_EXP_ADMIN_UNITS))!=TS_OK
   || (rc = import_docs(c, DOC_ADMIN_UNIT_MEMBERS))!=TS_OK ) return rc;
  c->aT[0].zKey = c->zSrcKey; c->aT[0].zTenantId = p->zSourceId;
  c->aT[1].zKey = c->zTgtKey; c->aT[1].zTenantId = p->zTargetId;
  snprintf(zJobKey, sizeof(zJobKey), "%s-to-%s", c->zSrcKey, c->zTgtKey);
  if( !cJSON_AddStringToObject(c->pJob, "key", zJobKey)
   || !cJSON_AddStringToObject(c->pJob, "source", c->zSrcKey)
   || !cJSON_AddStringToObject(c->pJob, "target", c->zTgtKey) ) return TS_NOMEM;
  if( (rc = import_docs(c, DOC_ASSIGNMENTS))!=TS_OK
   || (rc = import_docs(c, DOC_SCHEMA))!=TS_OK
   || (rc = import_docs(c, DOC_SECRETS))!=TS_OK
   || (rc = import_docs(c, DOC_PARTNER))!=TS_OK
   || (rc = import_docs(c, DOC_DEFAULT_POLICY))!=TS_OK
   || (rc = import_docs(c, DOC_DOMAINS))!=TS_OK
   || (rc = import_docs(c, DOC_MTO_TENANTS))!=TS_OK
   || (rc = import_docs(c, DOC_MTO_SYNC))!=TS_OK
   || (rc = import_docs(c, DOC_MTO_PARTNER))!=TS_OK ) return rc;
  for(i=GRAPH_AUTHZ_ROLES; i<=GRAPH_AUTHZ_APP_PERMS; i++){
    if( (rc = import_docs(c, DOC_AUTHZ+i))!=TS_OK ) return rc;
  }
  if( (rc = import_docs(c, DOC_DIR_ROLES))!=TS_OK
   || (rc = import_docs(c, DOC_DIR_ROLE_MEMBERS))!=TS_OK
   || (rc = import_docs(c, DOC_DIR_ROLE_SCOPED))!=TS_OK
   || (rc = import_docs(c, DOC_EXP_PIM))!=TS_OK ) return rc;
  if( c->nPimPolicy ){
    jsonloc_warn(c->g, c->zPimPolicy, "$.Policy", "the role's PIM settings (activation, approval,"
                 " notification rules), which EntraExporter adds to each eligibility, are not"
                 " modelled by tenantsim; ignored (%d eligibilit%s, first shown)", c->nPimPolicy,
                 c->nPimPolicy==1 ? "y" : "ies");
  }
  import_gaps(c);
  if( cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c->pJob, "groupProvisioning")) ){
    /* group provisioning needs Governance (or Suite) in the source: the
    ** export cannot say which the tenant has, so assume it */
    jsonloc_warn(c->g, NULL, NULL, "group provisioning is on: the source tenant is given"
              " licences P1 and Governance, which group provisioning requires");
  }

  if( (pScn = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  *ppScn = pScn;
  if( !cJSON_AddStringToObject(pScn, "name", p->zName)
   || !cJSON_AddStringToObject(pScn, "description", "Imported from Microsoft Graph exports by"
                               " tenantsim import.")
   || !cJSON_AddNumberToObject(pScn, "seed", (double)p->seed)
   || !cJSON_AddStringToObject(pScn, "start", p->zStart)
   || !cJSON_AddStringToObject(pScn, "duration", p->zDuration)
   || (pTenants = cJSON_AddArrayToObject(pScn, "tenants"))==NULL ) return TS_NOMEM;
  if( graph_users_take(&c->src, &pUsers, &pGroups) ) return TS_NOMEM;
  if( (t = tenant_object(c->zSrcKey, zSrcDom, p->zSourceId, &c->apDomains[0], pUsers, pGroups))==NULL ) return TS_NOMEM;
  cJSON_AddItemToArray(pTenants, t);
  if( graph_authz_attach(&c->aAuthz[0], t) ) return TS_NOMEM;
  if( cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(c->pJob, "groupProvisioning")) ){
    cJSON *pLic = cJSON_CreateArray();
    if( graph_put(t, "licences", pLic)
     || graph_put(pLic, NULL, cJSON_CreateString("P1"))
     || graph_put(pLic, NULL, cJSON_CreateString("Governance")) ) return TS_NOMEM;
  }
  if( graph_users_take(&c->tgt, &pUsers, &pGroups) ) return TS_NOMEM;
  if( (t = tenant_object(c->zTgtKey, zTgtDom, p->zTargetId, &c->apDomains[1], pUsers, pGroups))==NULL ) return TS_NOMEM;
  cJSON_AddItemToArray(pTenants, t);
  if( graph_authz_attach(&c->aAuthz[1], t) ) return TS_NOMEM;
  if( cJSON_GetArraySize(c->pPolicies)>0 ){
    cJSON *pPolicies = c->pPolicies;
    c->pPolicies = NULL;                /* consumed by jsonloc_put */
    if( graph_put(pScn, "policies", pPolicies) ) return TS_NOMEM;
  }
  if( (pJobs = cJSON_AddArrayToObject(pScn, "jobs"))==NULL ) return TS_NOMEM;
  if( c->pMto ){
    if( cJSON_GetObjectItemCaseSensitive(c->pMto, "tenants")==NULL ){
      jsonloc_warn(c->g, NULL, NULL, "templates of a multitenant organization without its tenants"
                   " (--mto-tenants): they are kept, but lint cannot tell members from others");
      if( !cJSON_AddArrayToObject(c->pMto, "tenants") ) return TS_NOMEM;
    }
    if( graph_put(pScn, "multiTenantOrganization", c->pMto) ){ c->pMto = NULL; return TS_NOMEM; }
    c->pMto = NULL;
  }
  cJSON_AddItemToArray(pJobs, c->pJob);
  c->pJob = NULL;
  return jsonloc_failed(c->g) ? TS_ERR : TS_OK;
}

/* --members or --owners (zOpt) GROUPID=FILE. TS_OK, TS_NOMEM, or TS_ERR
** after printing the usage problem. */
static int members_option(Import *p, const char *zOpt, DocKind e, const char *v, FILE *err){
  const char *zEq = strchr(v, '=');
  char zGroup[256];
  if( zEq==NULL || zEq==v || zEq[1]==0 ){
    fprintf(err, "tenantsim: import: %s expects GROUPID=FILE, found %s\n", zOpt, v);
    return TS_ERR;
  }
  if( zEq-v>=(long)sizeof(zGroup) ){
    fprintf(err, "tenantsim: import: %s: group id longer than %d characters\n", zOpt,
            (int)sizeof(zGroup)-1);
    return TS_ERR;
  }
  snprintf(zGroup, sizeof(zGroup), "%.*s", (int)(zEq-v), v);
  if( cli_input(err, zEq+1, CLI_JSON) ) return TS_ERR;
  return import_add(p, e, 0, zEq+1, zGroup);
}

/* What every import needs, after the options: 0, or 2 after printing
** what is missing. */
static int import_required(const Import *p, FILE *err){
  if( p->zSourceId==NULL || p->zTargetId==NULL || p->zOut==NULL ){
    fprintf(err, "tenantsim: import needs --source-tenant ID, --target-tenant ID and -o SCENARIO.json\n");
    return 2;
  }
  if( strcasecmp(p->zSourceId, p->zTargetId)==0 ){
    fprintf(err, "tenantsim: import: the source and target tenants are the same (%s);"
            " cross-tenant synchronization needs two\n", p->zSourceId);
    return 2;
  }
  if( p->nDoc==0 ){
    fprintf(err, "tenantsim: import: no documents given (see tenantsim --help)\n");
    return 2;
  }
  return 0;
}

static const CliOption aImportOpt[] = {
  { "--users",          "[target=]FILE", CLI_JSON, "GET /users: the source's users (target=: the target's)" },
  { "--groups",         "FILE",          CLI_JSON, "GET /groups" },
  { "--members",        "GROUPID=FILE",  CLI_JSON, "GET /groups/{id}/members" },
  { "--owners",         "GROUPID=FILE",  CLI_JSON, "GET /groups/{id}/owners" },
  { "--admin-units",    "[target=]FILE", CLI_JSON, "GET /directory/administrativeUnits" },
  { "--assignments",    "FILE",          CLI_JSON, "the sync app's appRoleAssignedTo" },
  { "--schema",         "FILE",          CLI_JSON, "the job's synchronizationSchema" },
  { "--secrets",        "FILE",          CLI_JSON, "the job's synchronization secrets" },
  { "--partner",        "FILE",          CLI_JSON, "a cross-tenant access partner configuration" },
  { "--identity-sync",  "FILE",          CLI_JSON, "a partner's identitySynchronization" },
  { "--default-policy", "[source=]FILE", CLI_JSON, "the cross-tenant access default (the target's)" },
  { "--domains",        "[target=]FILE", CLI_JSON, "GET /domains: the verified domains" },
  { "--role-assignments", "[source=]FILE", CLI_JSON, "directory-role assignments (the target's)" },
  { "--role-eligibility", "[source=]FILE", CLI_JSON, "PIM role eligibility schedules" },
  { "--ca-policies",    "[source=]FILE", CLI_JSON, "Conditional Access policies" },
  { "--app-permissions", "[source=]FILE", CLI_JSON, "service principals' app role assignments" },
  { "--mto-tenants",    "FILE",          CLI_JSON, "the multitenant organization's tenants" },
  { "--mto-identity-sync-template", "[source=]FILE", CLI_JSON, "its identity-sync template" },
  { "--mto-partner-template", "[source=]FILE", CLI_JSON, "its partner-configuration template" },
  { "--exporter",       "[target=]DIR",  CLI_DIR,  "an EntraExporter folder" },
  { "--source-tenant",  "ID",            CLI_WORD, "the source tenant's id (required)" },
  { "--target-tenant",  "ID",            CLI_WORD, "the target tenant's id (required)" },
  { "--output",         "SCENARIO.json", CLI_OUTPUT, "the scenario to write (required)" },
  { "-o",               "SCENARIO.json", CLI_OUTPUT, "the same as --output" },
  { "--strict",         NULL,            CLI_WORD, "warnings are errors: nothing written" },
  { "--pseudonymize",   NULL,            CLI_WORD, "replace names, mails, ids with stable pseudonyms" },
  { "--seed",           "N",             CLI_WORD, "the scenario's seed and the pseudonyms' (default 1)" },
  { "--name",           "NAME",          CLI_WORD, "the scenario's name (default from --output)" },
  { "--start",          "INSTANT",       CLI_WORD, "the scenario's start (default 2026-01-05T09:00:00Z)" },
  { "--duration",       "DURATION",      CLI_WORD, "the scenario's duration (default P1D)" },
  { "--source-domain",  "D",             CLI_WORD, "the source tenant's domain, when no user gives it" },
  { "--target-domain",  "D",             CLI_WORD, "the target tenant's domain, when no user gives it" },
  { NULL, NULL, CLI_WORD, NULL }
};

/* The document kind of the options that each name one file, and its
** side: -1 none (the file as given), else the default of a "source=" or
** "target=" prefix (1: the target's). */
static const struct { const char *zOpt; DocKind e; int iSide; } aDocOpt[] = {
  { "--users", DOC_USERS, 0 }, { "--groups", DOC_GROUPS, 0 },
  { "--admin-units", DOC_ADMIN_UNITS, 0 }, { "--assignments", DOC_ASSIGNMENTS, -1 },
  { "--schema", DOC_SCHEMA, -1 }, { "--partner", DOC_PARTNER, -1 },
  { "--identity-sync", DOC_PARTNER, -1 }, { "--default-policy", DOC_DEFAULT_POLICY, 1 },
  { "--domains", DOC_DOMAINS, 0 }, { "--secrets", DOC_SECRETS, -1 },
  { "--mto-tenants", DOC_MTO_TENANTS, -1 }, { "--mto-identity-sync-template", DOC_MTO_SYNC, 1 },
  { "--mto-partner-template", DOC_MTO_PARTNER, 1 },
  { "--role-assignments", DOC_AUTHZ + GRAPH_AUTHZ_ROLES, 1 },
  { "--role-eligibility", DOC_AUTHZ + GRAPH_AUTHZ_ELIGIBILITY, 1 },
  { "--ca-policies", DOC_AUTHZ + GRAPH_AUTHZ_CA, 1 },
  { "--app-permissions", DOC_AUTHZ + GRAPH_AUTHZ_APP_PERMS, 1 },
};

/* Options; 0, or 2 after printing the usage problem. */
static int import_options(Import *p, int argc, char **argv, FILE *err){
  CliArgs a;
  int i, bTarget, rcArg;
  cli_args_start(&a, &cmd_import_entry, argc, argv);
  while( (rcArg = cli_args_next(&a, err))==1 ){
    const char *v = a.zArg;
    int rc = TS_OK;
    if( a.pOpt==NULL ){
      fprintf(err, "tenantsim: import: unexpected argument %s (import takes options only)\n", v);
      return 2;
    }
    for(i=0; i<(int)(sizeof(aDocOpt)/sizeof(aDocOpt[0])); i++){
      if( cli_args_is(&a, aDocOpt[i].zOpt) ) break;
    }
    if( i<(int)(sizeof(aDocOpt)/sizeof(aDocOpt[0])) ){
      const char *zFile = v;
      bTarget = 0;
      if( aDocOpt[i].iSide>=0 ) zFile = side_of(v, aDocOpt[i].iSide, &bTarget);
      if( cli_input(err, zFile, CLI_JSON) ) return 2;
      rc = import_add(p, aDocOpt[i].e, bTarget, zFile, NULL);
    }else if( cli_args_is(&a, "--strict") ){ p->bStrict = 1;
    }else if( cli_args_is(&a, "--pseudonymize") ){ p->bPseudo = 1;
    }else if( cli_args_is(&a, "--members") || cli_args_is(&a, "--owners") ){
      if( (rc = members_option(p, a.pOpt->zName, cli_args_is(&a, "--members") ? DOC_MEMBERS : DOC_OWNERS,
                               v, err))==TS_ERR ) return 2;
    }else if( cli_args_is(&a, "--exporter") ){
      const char *zDir = side_of(v, 0, &bTarget);
      rc = import_exporter(p, zDir, bTarget, err);
      if( rc==TS_ERR ) return 2;
    }else if( cli_args_is(&a, "--source-tenant") ){ p->zSourceId = v;
    }else if( cli_args_is(&a, "--target-tenant") ){ p->zTargetId = v;
    }else if( cli_args_is(&a, "--source-domain") ){ p->zSourceDomain = v;
    }else if( cli_args_is(&a, "--target-domain") ){ p->zTargetDomain = v;
    }else if( cli_args_is(&a, "-o") || cli_args_is(&a, "--output") ){ p->zOut = v;
    }else if( cli_args_is(&a, "--name") ){ p->zName = v;
    }else if( cli_args_is(&a, "--start") ){ p->zStart = v;
    }else if( cli_args_is(&a, "--duration") ){ p->zDuration = v;
    }else if( cli_args_is(&a, "--seed") ){
      if( cli_parse_seed(v, &p->seed) ){
        fprintf(err, "tenantsim: import: --seed expects a non-negative integer, found %s\n", v);
        return 2;
      }
    }
    if( rc==TS_NOMEM ){ fprintf(err, "tenantsim: out of memory\n"); return 1; }
  }
  if( rcArg ) return rcArg;
  return import_required(p, err);
}

/* The default scenario name: the output file's base name without .json,
** made key-safe, in zName. */
static void name_from_output(const char *zOut, char *zName, size_t n){
  const char *zBase = strrchr(zOut, '/');
  size_t i, k = 0;
  zBase = zBase ? zBase+1 : zOut;
  for(i=0; zBase[i] && k+1<n; i++){
    char c = zBase[i];
    if( strcmp(zBase+i, ".json")==0 ) break;
    zName[k++] = (char)((c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
                        || c=='-' || c=='_' || c=='.' ? c : '_');
  }
  zName[k] = 0;
  if( k==0 ) snprintf(zName, n, "imported");
}

/* Write pScn as cJSON_Print prints it, and a newline, to zOut, renamed
** into place only when complete; streamed, so that the text of a large
** scenario is never held whole. TS_OK, or TS_IOERR/TS_NOMEM with pErr set. */
static int import_write(const char *zOut, const cJSON *pScn, TsErr *pErr){
  OutFile o;
  int rc;
  memset(&o, 0, sizeof(o));
  o.zPath = zOut;
  rc = outfile_open(&o, pErr);
  if( rc==TS_OK ){
    rc = jsonprint_write(o.f, pScn);
    if( rc==TS_OK && fputc('\n', o.f)==EOF ) rc = TS_IOERR;
    if( rc==TS_NOMEM ) tserr_set(pErr, rc, "out of memory");
    else if( rc ) rc = tserr_set(pErr, TS_IOERR, "%s: write failed", zOut);
  }
  return outfile_close(&o, rc, pErr);
}

/* The one-line summary of a written import, and its B2B users. */
static void import_summary(FILE *out, const Import *imp, const cJSON *pScn, const JsonLoc *g){
  const cJSON *pT = cJSON_GetObjectItemCaseSensitive(pScn, "tenants"), *u;
  int nHome = 0, nPending = 0, nNoHome = 0;
  cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(pT, 1), "users")){
    const char *zInv = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "invitation"));
    if( cJSON_GetObjectItemCaseSensitive(u, "homeUser") ) nHome++;
    else if( zInv && strcmp(zInv, "pending")==0 ) nPending++;
    else if( zInv ) nNoHome++;
  }
  fprintf(out, "wrote %s: %d source users, %d target users, %d policies, 1 job; %d warning%s%s\n",
          imp->zOut,
          cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(pT, 0), "users")),
          cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(pT, 1), "users")),
          cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pScn, "policies")),
          g->nWarn, g->nWarn==1 ? "" : "s", imp->bPseudo ? "; pseudonymized" : "");
  {
    int nRole = 0, nCa = 0, nSp = 0, k;
    for(k=0; k<2; k++){
      const cJSON *t = cJSON_GetArrayItem(pT, k);
      nRole += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "roleAssignments"));
      nCa += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "conditionalAccessPolicies"));
      nSp += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(t, "servicePrincipals"));
    }
    if( nRole+nCa+nSp>0 ){
      fprintf(out, "  authorization objects: %d role assignment%s, %d Conditional Access polic%s,"
              " %d service principal%s with application permissions\n", nRole, nRole==1 ? "" : "s",
              nCa, nCa==1 ? "y" : "ies", nSp, nSp==1 ? "" : "s");
    }
  }
  {
    const cJSON *pMto = cJSON_GetObjectItemCaseSensitive(pScn, "multiTenantOrganization");
    if( pMto ){
      int nTen = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pMto, "tenants"));
      int nTpl = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pMto, "templates"));
      fprintf(out, "  multitenant organization: %d of the imported tenants member%s, templates of"
              " %d tenant%s\n", nTen, nTen==1 ? " a" : "s", nTpl, nTpl==1 ? "" : "s");
    }
  }
  if( nHome+nPending+nNoHome>0 ){
    fprintf(out, "  B2B users in the target: %d with their home identity among the source users,"
            " %d pending invitation%s, %d without a known home identity (orphaned guest accounts"
            " already, or guests of other organisations)\n", nHome, nPending, nPending==1 ? "" : "s",
            nNoHome);
  }
}

static int import_exec(int argc, char **argv, FILE *out, FILE *err){
  Import imp;
  JsonLoc g;
  Ctx c;
  cJSON *pScn = NULL;
  char zName[128];
  StrBuf errs;
  TsErr e;
  int rc, status = 0;

  memset(&imp, 0, sizeof(imp));
  imp.seed = 1;
  imp.zStart = "2026-01-05T09:00:00Z";
  imp.zDuration = "P1D";
  memset(&c, 0, sizeof(c));
  graph_users_init(&c.src);
  graph_users_init(&c.tgt);
  strbuf_init(&errs);
  tserr_clear(&e);
  if( (status = import_options(&imp, argc, argv, err))!=0 ){
    jsonloc_init(&g, 0);
    goto free_all;
  }
  if( imp.zName==NULL ){
    name_from_output(imp.zOut, zName, sizeof(zName));
    imp.zName = zName;
  }
  jsonloc_init(&g, imp.bStrict);
  c.p = &imp;
  c.g = &g;
  rc = import_build(&c, &pScn);
  if( rc==TS_OK && imp.bPseudo ) rc = pseudonym_scenario(pScn, imp.seed, &e);
  fputs(strbuf_str(&g.msgs), err);
  if( rc==TS_NOMEM || g.bNoMem ){
    fprintf(err, "tenantsim: out of memory\n");
    status = 1;
    goto free_all;
  }
  if( rc!=TS_OK || jsonloc_failed(&g) ){
    if( e.zMsg[0] ) fprintf(err, "tenantsim: %s\n", e.zMsg);
    fprintf(err, "tenantsim: import failed: %d error%s%s; nothing written\n",
            g.nErr + (g.bStrict ? g.nWarn : 0), g.nErr + (g.bStrict ? g.nWarn : 0)==1 ? "" : "s",
            g.bStrict && g.nWarn ? " (warnings count as errors with --strict)" : "");
    status = 2;
    goto free_all;
  }
  /* The scenario must load as any other would: an importer bug or an
  ** unrepresentable input must not produce a file that fails later. The
  ** tree is checked as its printed text would be (printing and parsing
  ** again gives the same tree), without parsing it twice. */
  rc = scenario_check_json(imp.zOut, pScn, &errs, &e);
  if( rc!=TS_OK ){
    fprintf(err, "%s", errs.n ? strbuf_str(&errs) : "");
    fprintf(err, "tenantsim: the imported scenario does not validate (%s); nothing written\n", e.zMsg);
    status = rc==TS_NOMEM ? 1 : 2;
    goto free_all;
  }
  rc = import_write(imp.zOut, pScn, &e);
  if( rc ){
    fprintf(err, "tenantsim: %s\n", e.zMsg);
    status = 1;
    goto free_all;
  }
  import_summary(out, &imp, pScn, &g);
free_all:
  cJSON_Delete(pScn);
  cJSON_Delete(c.pJob);
  cJSON_Delete(c.pPolicies);
  cJSON_Delete(c.apDomains[0]);
  cJSON_Delete(c.apDomains[1]);
  graph_users_free(&c.src);
  graph_users_free(&c.tgt);
  graph_authz_free(&c.aAuthz[0]);
  graph_authz_free(&c.aAuthz[1]);
  cJSON_Delete(c.pMto);
  strbuf_free(&errs);
  jsonloc_free(&g);
  import_clear(&imp);
  return status;
}

const CliCommand cmd_import_entry = {
  "import",
  "import [--users [target=]FILE]... [--groups FILE]...\n"
  "                   [--members GROUPID=FILE]... [--owners GROUPID=FILE]...\n"
  "                   [--admin-units [target=]FILE]... [--assignments FILE]...\n"
  "                   [--schema FILE] [--secrets FILE] [--partner FILE]...\n"
  "                   [--domains [target=]FILE]...\n"
  "                   [--identity-sync FILE]... [--default-policy [source=]FILE]\n"
  "                   [--role-assignments [source=]FILE]...\n"
  "                   [--role-eligibility [source=]FILE]...\n"
  "                   [--ca-policies [source=]FILE]...\n"
  "                   [--app-permissions [source=]FILE]...\n"
  "                   [--mto-tenants FILE] [--mto-identity-sync-template [source=]FILE]\n"
  "                   [--mto-partner-template [source=]FILE]\n"
  "                   [--exporter [target=]DIR]... --source-tenant ID\n"
  "                   --target-tenant ID (-o | --output) SCENARIO.json [--strict]\n"
  "                   [--pseudonymize] [--seed N] [--name NAME] [--start INSTANT]\n"
  "                   [--duration DURATION] [--source-domain D] [--target-domain D]",
  "Build a runnable scenario from a real tenant's Graph exports (users,\n"
  "groups with their members, owners and restricted administrative\n"
  "units, the sync configuration's app role assignments,\n"
  "its synchronizationSchema and secrets, cross-tenant access policies,\n"
  "the verified domains (the source's unless target=),\n"
  "directory-role assignments and PIM eligibilities, Conditional Access\n"
  "policies and service principals' app role assignments (the target's\n"
  "unless source=), the multitenant organization's tenants and templates,\n"
  "or an EntraExporter folder). What tenantsim cannot\n"
  "model is a warning with FILE: JSON.PATH (--strict: an error, nothing\n"
  "written).\n"
  "--pseudonymize replaces names, UPNs, mails, employee ids, user keys\n"
  "and tenant ids with stable pseudonyms derived from --seed.",
  aImportOpt, CLI_WORD, 0,
  import_exec
};
