/*
** scn_build.c — a World built from the typed scenario model (see
** scenario.h, "Building"): tenants with their settings, groups (and the
** groups nested in them), users,
** populations and managers, policies, fault windows and jobs with their
** mappings, scoping filters and assignments. Timeline hires and the
** set_mapping, set_filters and set_tenant actions use the same functions.
**
** Reads only the model (scn_model.h), never the JSON. Populations draw
** names, the disabled share and weighted values from the "population"
** stream, in the order of the file.
*/
#include <stdio.h>
#include <string.h>
#include "access.h"
#include "attr.h"
#include "deletion.h"
#include "faults.h"
#include "job.h"
#include "mapping.h"
#include "policy.h"
#include "mem.h"
#include "admin.h"
#include "desired.h"
#include "directory.h"
#include "dyngroup.h"
#include "dynmember.h"
#include "expr.h"
#include "store.h"
#include "strbuf.h"
#include "scenario.h"
#include "scenarioInt.h"

/* Names for generated people: a fixed list keeps runs reproducible. */
static const char *const azGiven[] = {
  "Ada", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hiro", "Ines", "Jonas",
  "Kara", "Luis", "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tara",
  "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe", "Aiko", "Bruno", "Carmen", "Dara",
};
static const char *const azSurname[] = {
  "Okafor", "Smith", "Garcia", "Nguyen", "Kowalski", "Haddad", "Ito", "Murphy",
  "Rossi", "Schmidt", "Novak", "Silva", "Khan", "Larsen", "Moreau", "Petrov",
  "Tanaka", "Walsh", "Yilmaz", "Zhang", "Adeyemi", "Berg", "Costa", "Dubois",
};
#define N_GIVEN   (sizeof(azGiven)/sizeof(azGiven[0]))
#define N_SURNAME (sizeof(azSurname)/sizeof(azSurname[0]))

/* ---------------------------------------------------------------------
** Building users.
*/


/* ---------------------------------------------------------------------
** Users and populations.
*/
/* Is catalog attribute iAttr among the attributes u gives? */
static int user_gives(const ScnUser *u, int iAttr){
  int i;
  for(i=0; i<u->nAttr; i++) if( u->aAttr[i].iAttr==iAttr ) return 1;
  return 0;
}

static void add_to_groups(World *w, int iTenant, const ScnKeys *pGroups, int64_t id, int bAdmin){
  int i;
  for(i=0; i<pGroups->n; i++){
    int iG = world_group_find(w, iTenant, pGroups->az[i]);
    if( bAdmin ) admin_member(w, iG, id, 1);
    else directory_member_add(w, iG, id);
  }
}

/* Set the directory extension attributes of u on user id (after the user
** exists: they live beside the catalog attributes). */
static void set_extensions(World *w, const ScnUser *u, int64_t id, int bAdmin){
  int i;
  for(i=0; i<u->nAttr; i++){
    const ScnAttr *e = &u->aAttr[i];
    int iAttr;
    if( !attr_is_extension(e->zName) ) continue;
    iAttr = world_attr_find(w, e->zName, 1);
    if( iAttr<0 ) return;
    if( bAdmin ) admin_update(w, id, iAttr, e->zValue);
    else directory_user_set(w, id, iAttr, e->zValue);
  }
}

/* Set user id's manager as u gives it, as an administrator (bAdmin) or
** as initial state. */
static void set_manager(World *w, int iTenant, const ScnUser *u, int64_t id, int bAdmin){
  const char *zObj = NULL;
  if( !u->bManager ) return;
  if( u->zManager ){
    int64_t idM = world_user_find(w, iTenant, u->zManager);
    if( idM>0 ) zObj = world_user(w, idM)->zObjectId;
  }
  if( bAdmin ) admin_update(w, id, A_MANAGER, zObj);
  else directory_user_set(w, id, A_MANAGER, zObj);
}

/* Create user u in tenant iTenant: a guest invited by hand, a B2B user of
** a home user (created in the second pass), a hire through the admin
** layer (bHire), or initial state. */
int64_t scn_build_user(World *w, int iTenant, const ScnUser *u, int bHire){
  const char *az[A_COUNT];
  char zUpn[300];
  int64_t id;
  int i;
  memset(az, 0, sizeof(az));
  for(i=0; i<u->nAttr; i++){
    const ScnAttr *e = &u->aAttr[i];
    if( e->iAttr>=0 && e->iAttr!=A_MANAGER ) az[e->iAttr] = e->zValue;
  }
  if( !user_gives(u, A_USER_PRINCIPAL_NAME) ){
    snprintf(zUpn, sizeof(zUpn), "%s@%s", u->zKey, w->aTenant[iTenant].zDomain);
    az[A_USER_PRINCIPAL_NAME] = zUpn;
  }
  if( !user_gives(u, A_MAIL) ) az[A_MAIL] = az[A_USER_PRINCIPAL_NAME];
  if( !user_gives(u, A_DISPLAY_NAME) ) az[A_DISPLAY_NAME] = u->zKey;
  if( !user_gives(u, A_MAIL_NICKNAME) ) az[A_MAIL_NICKNAME] = u->zKey;
  if( !user_gives(u, A_ACCOUNT_ENABLED) ) az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  if( !user_gives(u, A_USER_TYPE) ) az[A_USER_TYPE] = u->iHomeTenant>=0 ? "Guest" : "Member";
  if( u->eInvitation!=SCN_INV_NONE ){
    /* A guest invited by hand: no home identity known to any tenant of the
    ** scenario, and the B2B UPN is built from the mail. "pending": never
    ** redeemed; "accepted": redeemed (an identity tenantsim does not model,
    ** e.g. a guest whose home user is not among the imported ones). */
    char zExt[300];
    if( !user_gives(u, A_USER_PRINCIPAL_NAME) && az[A_MAIL] ){
      directory_external_upn(az[A_MAIL], w->aTenant[iTenant].zDomain, zExt, sizeof(zExt));
      az[A_USER_PRINCIPAL_NAME] = zExt;
    }
    if( !user_gives(u, A_USER_TYPE) ) az[A_USER_TYPE] = "Guest";
    id = directory_user_add(w, iTenant, u->zKey, az, NULL, "Invitation", -1);
    if( id>0 && u->eInvitation==SCN_INV_PENDING ) directory_user_pending(w, id);
  }else if( u->iHomeTenant>=0 ){
    const char *zAlt = world_user(w, world_user_find(w, u->iHomeTenant, u->zHomeUser))->zNetId;
    id = directory_user_add(w, iTenant, u->zKey, az, zAlt, "Invitation", -1);
  }else if( bHire ){
    id = admin_hire(w, iTenant, u->zKey, az);
  }else{
    id = directory_user_add(w, iTenant, u->zKey, az, NULL, NULL, -1);
  }
  if( id<0 ) return -1;
  if( id>0 && u->bMfaGiven ) access_set_mfa(w, id, u->bMfa, ACCESS_BY_DECLARED, NULL);
  set_extensions(w, u, id, bHire);
  if( bHire ) set_manager(w, iTenant, u, id, 1);
  add_to_groups(w, iTenant, &u->groups, id, bHire);
  return id;
}

/* The value of template attribute e for one generated user: a weighted
** choice among its values, or its one value. */
static const char *template_value(Rng *pRng, const ScnAttr *e){
  double total = 0, x;
  int i;
  if( e->nChoice==0 ) return e->zValue;
  for(i=0; i<e->nChoice; i++) total += e->aChoice[i].rWeight;
  x = rng_unit(pRng) * total;
  for(i=0; i<e->nChoice; i++){
    if( x < e->aChoice[i].rWeight ) return e->aChoice[i].zValue;
    x -= e->aChoice[i].rWeight;
  }
  return e->aChoice[0].zValue;   /* rounding at the top end */
}

int64_t scn_build_population(World *w, int iTenant, const ScnPopulation *p, int bHire){
  const char *zDomain = w->aTenant[iTenant].zDomain;
  int64_t i;
  for(i=1; i<=p->nCount; i++){
    const char *az[A_COUNT];
    char zKey[160], zUpn[300], zName[80], zEmp[24];
    const char *zGiven = azGiven[rng_below(&w->rngPopulation, N_GIVEN)];
    const char *zSurname = azSurname[rng_below(&w->rngPopulation, N_SURNAME)];
    int bDisabled = rng_unit(&w->rngPopulation) < p->rDisabled;
    int64_t id;
    int k;
    memset(az, 0, sizeof(az));
    snprintf(zKey, sizeof(zKey), "%s%lld", p->zKeyPrefix, (long long)i);
    snprintf(zUpn, sizeof(zUpn), "%s@%s", zKey, zDomain);
    snprintf(zName, sizeof(zName), "%s %s", zGiven, zSurname);
    snprintf(zEmp, sizeof(zEmp), "E%07lld", (long long)(w->nUser+1));
    az[A_ACCOUNT_ENABLED] = bDisabled ? ATTR_FALSE : ATTR_TRUE;
    az[A_USER_PRINCIPAL_NAME] = zUpn;
    az[A_MAIL] = zUpn;
    az[A_MAIL_NICKNAME] = zKey;
    az[A_DISPLAY_NAME] = zName;
    az[A_GIVEN_NAME] = zGiven;
    az[A_SURNAME] = zSurname;
    az[A_EMPLOYEE_ID] = zEmp;
    az[A_USER_TYPE] = "Member";
    for(k=0; k<p->nAttr; k++){
      const ScnAttr *e = &p->aAttr[k];
      if( e->iAttr<0 ) continue;            /* an extension: set below */
      az[e->iAttr] = template_value(&w->rngPopulation, e);
    }
    id = bHire ? admin_hire(w, iTenant, zKey, az)
               : directory_user_add(w, iTenant, zKey, az, NULL, NULL, -1);
    if( id<0 ) return -1;
    for(k=0; k<p->nAttr; k++){
      const ScnAttr *e = &p->aAttr[k];
      const char *z;
      int iAttr;
      if( !attr_is_extension(e->zName) ) continue;
      iAttr = world_attr_find(w, e->zName, 1);
      if( iAttr<0 ) return -1;
      z = template_value(&w->rngPopulation, e);
      if( bHire ) admin_update(w, id, iAttr, z); else directory_user_set(w, id, iAttr, z);
    }
    add_to_groups(w, iTenant, &p->groups, id, bHire);
  }
  return p->nCount;
}

/* ---------------------------------------------------------------------
** Tenants, policies and faults at t=0.
*/
void scn_build_settings(World *w, int iT, const ScnSettings *s){
  Tenant *t = &w->aTenant[iT];
  if( s->bCloudSettings ) t->mCloudSettings = s->mCloudSettings;
  if( s->bCrossCloudSync>=0 ) t->bCrossCloudSync = s->bCrossCloudSync;
  if( s->eGuestInvites>=0 ) t->bGuestInvitesBlocked = s->eGuestInvites;
  if( s->nObjectQuota>=0 ) t->nObjectQuota = s->nObjectQuota;
  if( s->bAllowLeave>=0 ) t->bLeaveBlocked = !s->bAllowLeave;
}

/* The tenants with their settings, groups, users (internal users and
** populations, then B2B users, whose home identity must already exist)
** and managers. Returns nonzero when out of memory. */
static const char zSqlGroupProtection[] =
  "UPDATE groups SET owners=?2, restricted_mu=?3 WHERE idx=?1";

/* What protects group iGroup from having members added: its owners and
** whether a restricted management unit holds it (lint XTS-S02). */
static void build_group_protection(World *w, int iGroup, const ScnGroup *g){
  StrBuf sb;
  StoreStmt *s;
  int i;
  if( iGroup<0 || (g->owners.n==0 && !g->bRestricted) ) return;
  strbuf_init(&sb);
  for(i=0; i<g->owners.n; i++){
    if( i ) strbuf_appendc(&sb, ',');
    strbuf_append(&sb, g->owners.az[i]);
  }
  if( sb.bErr ){
    w->bNoMem = 1;
  }else if( (s = store_write(w->pStore, zSqlGroupProtection))!=NULL ){
    store_put_int(s, 1, iGroup);
    store_put_text(s, 2, g->owners.n ? strbuf_str(&sb) : NULL);
    store_put_int(s, 3, g->bRestricted);
    store_run(w->pStore, s);
  }
  strbuf_free(&sb);
}

static int build_tenants(World *w, const Scenario *pScn){
  int i, k;
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    int iT = directory_tenant_add(w, t->zKey, t->zTenantId, t->zDomain, t->zCloud, t->mLicences);
    if( iT<0 ) return 1;
    scn_build_settings(w, iT, &t->settings);
    for(k=0; k<t->domains.n; k++){
      if( directory_domain_add(w, iT, t->domains.az[k], DOMAIN_DECLARED)<0 ) return 1;
    }
  }
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nGroup; k++){
      int iGroup = directory_group_add(w, i, t->aGroup[k].zKey, t->aGroup[k].zDisplayName,
                                       t->aGroup[k].zType);
      build_group_protection(w, iGroup, &t->aGroup[k]);
      if( iGroup>=0 && t->aGroup[k].zRule ){
        DynError e;
        if( dyngroup_set_rule(w, iGroup, t->aGroup[k].zRule, t->aGroup[k].bRulePaused, &e) ){
          return 1;    /* the validator compiled it: only memory can fail */
        }
      }
    }
  }
  /* Nested groups, once every group they may name exists; declared, so no
  ** administrator's audit row (as declared user memberships). */
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nGroup; k++){
      const ScnKeys *pM = &t->aGroup[k].memberGroups;
      int iGroup = pM->n ? world_group_find(w, i, t->aGroup[k].zKey) : -1, m;
      for(m=0; m<pM->n; m++){
        if( directory_group_member_add(w, iGroup, world_group_find(w, i, pM->az[m]))<0 ) return 1;
      }
    }
  }
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nUser; k++){
      if( t->aUser[k].iHomeTenant<0 && scn_build_user(w, i, &t->aUser[k], 0)<0 ) return 1;
    }
    for(k=0; k<t->nPop; k++){
      if( scn_build_population(w, i, &t->aPop[k], 0)<0 ) return 1;
    }
  }
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nUser; k++){
      if( t->aUser[k].iHomeTenant>=0 && scn_build_user(w, i, &t->aUser[k], 0)<0 ) return 1;
    }
  }
  /* Managers, once every user they may name exists. */
  for(i=0; i<pScn->nTenant; i++){
    const ScnTenant *t = &pScn->aTenant[i];
    for(k=0; k<t->nUser; k++){
      set_manager(w, i, &t->aUser[k], world_user_find(w, i, t->aUser[k].zKey), 0);
    }
  }
  return 0;
}

static void build_policy(World *w, const ScnPolicy *p){
  int i;
  policy_get(w, p->iTenant, p->iPartner);
  for(i=0; i<p->nField; i++){
    policy_set(w, p->iTenant, p->iPartner, p->aField[i].eField, p->aField[i].v);
  }
  if( p->zExtCloudAppId ) policy_set_ext_cloud_app(w, p->iTenant, p->iPartner, p->zExtCloudAppId);
}

/* The injected fault windows. Returns nonzero when out of memory. */
static int build_faults(World *w, const Scenario *pScn){
  int i;
  for(i=0; i<pScn->nFault; i++){
    const ScnFault *f = &pScn->aFault[i];
    if( faults_add(w, f->iTenant, f->eKind, f->tFrom, f->tUntil, f->rRate, f->rFactor,
                   f->zErrorCode) ) return 1;
  }
  return 0;
}

/* ---------------------------------------------------------------------
** Jobs: mappings, filters, assignments.
*/
/* Model entry m as mapping entry *e (whose old contents are freed by the
** caller). Returns 0 or a TS_* code with pErr. */
static int build_map_entry(World *w, const ScnMapEntry *m, int iTarget, MapEntry *e, TsErr *pErr){
  int k;
  e->iTarget = iTarget;
  e->eFlow = m->eFlow;
  e->eType = m->eType;
  if( m->zDefault && (e->zDefault = mem_strdup(m->zDefault))==NULL ) goto oom;
  switch( m->eType ){
    case MAP_DIRECT:
      e->iSource = world_attr_find(w, m->zSource, 1);
      if( e->iSource<0 ) goto oom;
      break;
    case MAP_CONSTANT:
      if( (e->zConst = mem_strdup(m->zConst))==NULL ) goto oom;
      break;
    case MAP_EXPRESSION: {
      int rc;
      if( (e->zExpr = mem_strdup(m->zExpr))==NULL ) goto oom;
      rc = expr_compile(m->zExpr, &e->pExpr, pErr);
      if( rc ) return rc;
      for(k=0; k<expr_attr_count(e->pExpr); k++){
        if( world_attr_find(w, expr_attr_name(e->pExpr, k), 1)<0 ) goto oom;
      }
      e->bVolatile = expr_uses_function(e->pExpr, "Now") || expr_uses_function(e->pExpr, "Guid")
                  || expr_uses_function(e->pExpr, "RandomString")
                  || expr_uses_function(e->pExpr, "SelectUniqueValue");
      break;
    }
    case MAP_NONE:
      break;
  }
  return TS_OK;
oom:
  return tserr_set(pErr, TS_NOMEM, "out of memory");
}

/* The CTS default with m's entries replacing or extending it (or only the
** entries, when m replaces the default). */
int scn_build_mapping(World *w, const ScnMapping *m, MapEntry **paMap, int *pnMap,
                      unsigned *pmActions, TsErr *pErr){
  MapEntry *a = NULL;
  int *aSlot = NULL, nSlot = 0;
  int n = 0, i, k, rc = TS_OK;
  *pmActions = m->mActions;
  if( !m->bReplace && mapping_default(&a, &n) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  /* the default's targets are catalog attributes: index them first */
  if( (aSlot = mem_malloc(sizeof(int)*(size_t)A_COUNT))==NULL ){
    mapping_free(a, n);
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  nSlot = A_COUNT;
  for(i=0; i<nSlot; i++) aSlot[i] = -1;
  for(i=0; i<n; i++) aSlot[a[i].iTarget] = i;
  for(k=0; k<m->nEntry; k++){
    int iTarget = world_attr_find(w, m->aEntry[k].zTarget, 1);
    if( iTarget<0 ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
    /* the entry for this target so far: aSlot maps attribute ids to
    ** entries, so a mapping of any size is merged in linear time */
    if( iTarget>=nSlot ){
      int nNew = iTarget+64, j;
      int *aNew = mem_realloc(aSlot, sizeof(int)*(size_t)nNew);
      if( aNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
      for(j=nSlot; j<nNew; j++) aNew[j] = -1;
      aSlot = aNew;
      nSlot = nNew;
    }
    i = aSlot[iTarget]>=0 ? aSlot[iTarget] : n;
    if( i==n ){
      MapEntry *aNew = mem_realloc(a, sizeof(MapEntry)*(size_t)(n+1));
      if( aNew==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory"); break; }
      a = aNew;
      memset(&a[n], 0, sizeof(MapEntry));
      n++;
      aSlot[iTarget] = i;
    }else{
      mapping_free_entry(&a[i]);
    }
    rc = build_map_entry(w, &m->aEntry[k], iTarget, &a[i], pErr);
    if( rc ) break;
  }
  mem_free(aSlot);
  if( rc ){
    mapping_free(a, n);
    return rc;
  }
  *paMap = a;
  *pnMap = n;
  return TS_OK;
}

int scn_build_filters(World *w, Job *j, const ScnFilters *f){
  int i, k;
  for(i=0; i<f->n; i++){
    const ScnFilter *g = &f->a[i];
    /* every clause counts: a group cut short would scope more users in */
    Clause *aClause = mem_calloc((size_t)(g->nClause>0 ? g->nClause : 1), sizeof(Clause));
    int rc;
    if( aClause==NULL ){ w->bNoMem = 1; return -1; }
    for(k=0; k<g->nClause; k++){
      aClause[k].iAttr = world_attr_find(w, g->aClause[k].zAttr, 1);
      aClause[k].pRegex = NULL;
      aClause[k].eOp = g->aClause[k].eOp;
      aClause[k].zValue = (char*)g->aClause[k].zValue;   /* copied by job_add_filter_group */
      if( aClause[k].iAttr<0 ){ mem_free(aClause); return -1; }
    }
    rc = job_add_filter_group(w, j, g->zTitle, aClause, g->nClause);
    mem_free(aClause);
    if( rc ) return -1;
  }
  return 0;
}

void scn_build_assignments(World *w, Job *j, const ScnJob *p, const char *zCause){
  int i;
  w->zCause = zCause;
  for(i=0; i<p->assignUsers.n; i++){
    job_assign_user(w, j, world_user_find(w, p->iSource, p->assignUsers.az[i]), 1);
  }
  for(i=0; i<p->assignGroups.n; i++){
    job_assign_group(w, j, world_group_find(w, p->iSource, p->assignGroups.az[i]), 1);
  }
  if( j->bSyncAll ){
    int64_t id;
    for(id=1; id<=w->nUser; id++){
      if( w->aUser[id-1].iTenant==p->iSource ) desired_update(w, j, id, w->zCause);
    }
  }
}

/* Job p with its filters, threshold, notification e-mail, mapping and initial assignments (a
** scope of "all" puts every user of the source in); a job declared
** "created": false gets its assignments when the timeline creates it.
** Returns 0, or -1 with pErr set or w->bNoMem. */
static int build_job(World *w, const ScnJob *p, TsErr *pErr){
  int iJob = job_add(w, p->zKey, p->iSource, p->iTarget, p->bSyncAll, pErr);
  Job *j;
  if( iJob<0 ) return -1;
  j = &w->aJob[iJob];
  j->bCrossCloud = p->bCrossCloud;
  j->bGroupSync = p->bGroupSync;
  if( scn_build_filters(w, j, &p->filters) ) return -1;
  if( p->nDeleteThreshold>=0 ) deletion_set_threshold(w, j, p->nDeleteThreshold);
  j->bSkipOos = p->bSkipOos;
  if( job_set_notify(w, j, p->notify.bEnabled, p->notify.zRecipients) ) return -1;
  if( p->pMapping ){
    MapEntry *aMap;
    int nMap;
    unsigned mActs;
    if( scn_build_mapping(w, p->pMapping, &aMap, &nMap, &mActs, pErr) ) return -1;
    job_set_mapping(w, j, aMap, nMap, mActs, 0);
  }
  j->bUncreated = !p->bCreated;
  if( p->bCreated ) scn_build_assignments(w, j, p, "initial assignment");
  w->zCause = NULL;
  return 0;
}

/* ---------------------------------------------------------------------
** What a SIEM sees: the exported log categories and the detections.
*/
static const char zSqlLogExport[] = "INSERT INTO log_exports(tenant, log) VALUES(?1,?2)";
static const char zSqlDetect[] =
  "INSERT INTO detections(idx, id, name, log, tenant, job, category, activity, actor, target,"
  " action, status, contains, count, within_s, after_t, home_tenant, access_type, result)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)";

static void build_siem(World *w, const Scenario *pScn){
  static const struct { unsigned m; const char *zName; } aLog[] = {
    { SCN_LOG_AUDIT, "AuditLogs" }, { SCN_LOG_SIGNIN, "SignInLogs" },
    { SCN_LOG_PROVISIONING, "ProvisioningLogs" }, { SCN_LOG_GRAPH, "MicrosoftGraphActivityLogs" },
  };
  StoreStmt *s;
  size_t k;
  int i;
  for(i=0; i<pScn->nTenant; i++){
    for(k=0; k<sizeof(aLog)/sizeof(aLog[0]); k++){
      if( !(pScn->aTenant[i].mLogExport & aLog[k].m) ) continue;
      if( (s = store_write(w->pStore, zSqlLogExport))==NULL ) return;
      store_put_int(s, 1, i);
      store_put_text(s, 2, aLog[k].zName);
      store_run(w->pStore, s);
    }
  }
  for(i=0; i<pScn->nDetect; i++){
    const ScnDetect *d = &pScn->aDetect[i];
    if( (s = store_write(w->pStore, zSqlDetect))==NULL ) return;
    store_put_int(s, 1, i);
    store_put_text(s, 2, d->zId);
    store_put_text(s, 3, d->zName);
    store_put_text(s, 4, d->zLog);
    store_put_opt_int(s, 5, d->iTenant, d->iTenant<0);
    store_put_opt_int(s, 6, d->iJob, d->iJob<0);
    store_put_text(s, 7, d->zCategory);
    store_put_text(s, 8, d->zActivity);
    store_put_text(s, 9, d->zActor);
    store_put_text(s, 10, d->zTarget);
    store_put_text(s, 11, d->zAction);
    store_put_text(s, 12, d->zStatus);
    store_put_text(s, 13, d->zContains);
    store_put_int(s, 14, d->nCount);
    store_put_opt_int(s, 15, d->tWithin, d->tWithin<0);
    store_put_int(s, 16, d->tAfter);
    store_put_opt_int(s, 17, d->iHomeTenant, d->iHomeTenant<0);
    store_put_text(s, 18, d->zAccessType);
    store_put_text(s, 19, d->zResult);
    store_run(w->pStore, s);
  }
}

int scn_build_world(World *w, const Scenario *pScn, TsErr *pErr){
  int i;
  if( build_tenants(w, pScn) || dynmember_initial(w) ) goto oom;
  build_siem(w, pScn);
  scn_mto_build(w, pScn);
  for(i=0; i<pScn->nPolicy; i++) build_policy(w, &pScn->aPolicy[i]);
  if( build_faults(w, pScn) || scn_authz_build(w, pScn) ) goto oom;
  for(i=0; i<pScn->nJob; i++){
    if( build_job(w, &pScn->aJob[i], pErr) ) return pErr && pErr->rc ? pErr->rc : TS_NOMEM;
  }
  if( w->bNoMem ) goto oom;
  return TS_OK;
oom:
  return tserr_set(pErr, TS_NOMEM, "out of memory while building the world");
}
