/*
** scn_actions.c — the timeline actions: one table row per action (its
** name, the keys it accepts and its check), and the checks of each
** action's references in timeline order (scenarioInt.h), including what
** exists at each point: jobs declared "created": false exist from their
** create_job, deleted ones no more after their delete_job, and partner
** configurations come and go with add_partner, set_policy and
** remove_partner.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "access.h"
#include "attr.h"
#include "policy.h"
#include "jsonloc.h"
#include "job.h"
#include "targetproc.h"
#include "scenarioInt.h"


/* Validate a "set" object of attribute -> value (string, Boolean, null). */
static void val_set(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const cJSON *pSet = cJSON_GetObjectItemCaseSensitive(p, "set"), *c;
  char zSub[TS_JSONPATH_MAX];
  scn_val_path_key(zSub, sizeof(zSub), zPath, "set");
  if( pSet==NULL ){ scn_val_err(v, zSub, "missing; expected an object of attribute: value"); return; }
  if( !scn_val_is_object(v, zSub, pSet) ) return;
  scn_val_unique_keys(v, zSub, pSet);
  if( pSet->child==NULL ) scn_val_err(v, zSub, "expected at least one attribute");
  for(c=pSet->child; c; c=c->next){
    if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
      char zA[TS_JSONPATH_MAX];
      scn_val_path_key(zA, sizeof(zA), zSub, c->string);
      scn_val_err(v, zA, "unknown attribute \"%s\"", c->string);
    }
  }
  scn_tenants_user_attrs(v, zSub, pSet, 0, &a->aSet, &a->nSet);
}

static ValTenant *val_tenant_ref(Val *v, const char *zPath, const cJSON *p, const char *zKey){
  const char *z = scn_val_str(v, zPath, p, zKey, 1);
  ValTenant *t = scn_val_tenant(v, z);
  char zSub[TS_JSONPATH_MAX];
  if( z && t==NULL ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
    scn_val_err(v, zSub, "no tenant \"%s\"", z);
  }
  return t;
}


/* Report zJob (the action's "job", NULL when missing or mistyped) if no
** job has that key; returns its index or -1. */
static int job_known(Val *v, const char *zPath, const char *zJob){
  char zSub[TS_JSONPATH_MAX];
  int iJob = scn_jobs_job_find(v, zJob);
  if( zJob && iJob<0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
    scn_val_err(v, zSub, "no job \"%s\"", zJob);
  }
  return iJob;
}

/* The job named by "job" (required), or -1; reports an unknown job. */
static int job_ref(Val *v, const char *zPath, const cJSON *p){
  return job_known(v, zPath, scn_val_str(v, zPath, p, "job", 1));
}

/* The source tenant of job iJob, if both are known. */
static ValTenant *job_source(Val *v, int iJob){
  return iJob>=0 && v->aJobSrc[iJob]>=0 ? &v->aTenant[v->aJobSrc[iJob]] : NULL;
}

/* ---------------------------------------------------------------------
** What exists at the point of the timeline being checked (the actions are
** checked in time order): each job's configuration, and each tenant's
** partner configurations. Both tables are filled on first use, from the
** declarations.
*/
enum { LIFE_EXISTS, LIFE_LATER, LIFE_CREATED, LIFE_DELETED };

/* Per job: its LIFE_* state, then the timeline index of the action that
** set it (-1); NULL when memory ran out. */
static int *job_life(Val *v){
  int i;
  if( v->aJobLife ) return v->aJobLife;
  if( (v->aJobLife = scn_val_alloc(v, (size_t)(2*v->nJob+1), sizeof(int)))==NULL ) return NULL;
  for(i=0; i<v->nJob; i++){
    const ScnJob *pJ = scn_jobs_declared(v, i);
    v->aJobLife[2*i] = pJ && !pJ->bCreated ? LIFE_LATER : LIFE_EXISTS;
    v->aJobLife[2*i+1] = -1;
  }
  return v->aJobLife;
}

/* The flag "t has a configuration for partner tp", or NULL if either is
** unknown (or memory ran out). */
static unsigned char *partner_cfg(Val *v, const ValTenant *t, const ValTenant *tp){
  if( t==NULL || tp==NULL ) return NULL;
  return scn_policy_partner_cfg(v, (int)(t - v->aTenant), (int)(tp - v->aTenant));
}

/* "partner" of action p (required when bRequired): a tenant other than t,
** noted in a; returns it, or NULL. */
static ValTenant *partner_ref(Val *v, const char *zPath, const cJSON *p, const ValTenant *t,
                              int bRequired, ScnAction *a){
  const char *zP = scn_val_str(v, zPath, p, "partner", bRequired);
  ValTenant *tp = scn_val_tenant(v, zP);
  char zSub[TS_JSONPATH_MAX];
  scn_val_path_key(zSub, sizeof(zSub), zPath, "partner");
  a->zPartner = zP;
  a->iPartner = scn_val_tenant_index(v, zP);
  if( zP && tp==NULL ) scn_val_err(v, zSub, "no tenant \"%s\"", zP);
  else if( tp && tp==t ) scn_val_err(v, zSub, "a tenant cannot be its own partner");
  return tp;
}

/* The timeline index of the create_job of job zJob, or -1. */
static int create_index(const Val *v, const char *zJob){
  int i;
  for(i=0; i<v->pScn->nAction; i++){
    const ScnAction *b = &v->pScn->aAction[i];
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b->pJson, "job"));
    if( b->eKind==SCN_CREATE_JOB && z && strcmp(z, zJob)==0 ) return b->iIndex;
  }
  return -1;
}

/* An action naming job a->iJob needs its configuration to exist now. */
static void job_alive(Val *v, const char *zPath, const ScnAction *a){
  char zSub[TS_JSONPATH_MAX];
  int *aLife;
  if( a->iJob<0 || a->eKind==SCN_CREATE_JOB || a->eKind==SCN_SIGN_IN
   || (aLife = job_life(v))==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
  if( aLife[2*a->iJob]==LIFE_LATER ){
    int k = create_index(v, a->zJob);
    if( k>=0 ){
      scn_val_err(v, zSub, "job %s does not exist yet at this point: it is declared with"
                  " \"created\": false and created later, by timeline[%d]", a->zJob, k);
    }else{
      scn_val_err(v, zSub, "job %s does not exist: it is declared with \"created\": false"
                  " and no create_job creates it", a->zJob);
    }
  }else if( aLife[2*a->iJob]==LIFE_DELETED ){
    scn_val_err(v, zSub, "job %s no longer exists at this point: timeline[%d] deleted it",
                a->zJob, aLife[2*a->iJob+1]);
  }
}

void scn_actions_finish(Val *v){
  char zSub[TS_JSONPATH_MAX];
  int i, k, *aLife = job_life(v);
  for(i=0; aLife && i<v->nJob; i++){
    const ScnJob *pJ = scn_jobs_declared(v, i);
    if( aLife[2*i]!=LIFE_LATER || pJ==NULL ) continue;
    k = (int)(pJ - v->pScn->aJob);
    snprintf(zSub, sizeof(zSub), "jobs[%d].created", k);
    scn_val_err(v, zSub, "job %s is declared with \"created\": false, but no create_job"
                " in the timeline creates it", pJ->zKey);
  }
}

/* ---------------------------------------------------------------------
** The checks, one per action (or family of actions sharing their keys).
*/
static void check_hire(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
  const cJSON *pPop = cJSON_GetObjectItemCaseSensitive(p, "population");
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  const cJSON *c;
  int i = 0;
  if( (pUsers==NULL)==(pPop==NULL) ){
    scn_val_err(v, zPath, "a hire needs either \"users\" (a list of user objects) or"
                      " \"population\" (a generated population)");
    return;
  }
  if( t==NULL ) return;
  if( pPop ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "population");
    if( (a->pHirePop = scn_val_alloc(v, 1, sizeof(ScnPopulation)))==NULL ) return;
    scn_tenants_population(v, zSub, pPop, t, a->pHirePop);
    return;
  }
  scn_val_path_key(zSub, sizeof(zSub), zPath, "users");
  if( !cJSON_IsArray(pUsers) ){ scn_val_err(v, zSub, "expected an array of user objects"); return; }
  a->aHire = scn_val_alloc(v, (size_t)cJSON_GetArraySize(pUsers), sizeof(ScnUser));
  if( a->aHire==NULL ) return;
  cJSON_ArrayForEach(c, pUsers){
    scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    scn_tenants_user(v, zE, c, t, 1, &a->aHire[a->nHire++]);
    if( cJSON_IsObject(c) ) scn_tenants_manager_ref(v, zE, c, t);
  }
}

/* terminate, restore, disable, enable: a selection of one tenant's users. */
static void check_selection(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  scn_select_check(v, zPath, p, t, 0, a);
}

static void check_update(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  const cJSON *pSet = cJSON_GetObjectItemCaseSensitive(p, "set");
  char zS[TS_JSONPATH_MAX];
  scn_select_check(v, zPath, p, t, 0, a);
  val_set(v, zPath, p, a);
  scn_val_path_key(zS, sizeof(zS), zPath, "set");
  if( cJSON_IsObject(pSet) ) scn_tenants_manager_ref(v, zS, pSet, t);
}

static void check_move(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  check_selection(v, zPath, p, a);
  a->zDepartment = scn_val_str(v, zPath, p, "department", 1);
}

/* assign, unassign: users (or groups) of the job's source tenant. */
static void check_assign(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(p, "groups");
  ValTenant *t = job_source(v, job_ref(v, zPath, p));
  char zSub[TS_JSONPATH_MAX];
  if( pGroups==NULL ){ scn_select_check(v, zPath, p, t, 0, a); return; }
  scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
  if( cJSON_GetObjectItemCaseSensitive(p, "users") || cJSON_GetObjectItemCaseSensitive(p, "sample") ){
    scn_val_err(v, zPath, "give \"groups\" or users, not both");
  }else if( !cJSON_IsArray(pGroups) || cJSON_GetArraySize(pGroups)==0 ){
    scn_val_err(v, zSub, "expected a non-empty array of group keys");
  }else{
    scn_jobs_group_list(v, zSub, pGroups, t);
    a->bGroups = 1;
    scn_val_key_list(v, pGroups, &a->groups);
  }
}

/* The member groups ("groups") an add_member or remove_member nests in
** group zG of t or takes out of it, checked against the nesting at this
** point of the timeline (bOk: zG is a known, assigned-membership group). */
static void val_member_groups(Val *v, const char *zPath, const cJSON *pGroups, ValTenant *t,
                              const char *zG, int bOk, ScnAction *a){
  const cJSON *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int k = 0;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "groups");
  if( !cJSON_IsArray(pGroups) ){
    scn_val_err(v, zSub, "expected an array of group keys, found %s", jsonloc_type_name(pGroups));
    return;
  }
  if( cJSON_GetArraySize(pGroups)==0 ) scn_val_err(v, zSub, "expected at least one group key");
  a->bGroups = 1;
  scn_val_key_list(v, pGroups, &a->groups);
  cJSON_ArrayForEach(c, pGroups){
    scn_val_path_idx(zE, sizeof(zE), zSub, k++);
    if( !cJSON_IsString(c) ) scn_val_err(v, zE, "expected a group key, found %s", jsonloc_type_name(c));
    else if( t && bOk ) scn_tenants_nest(v, zE, t, zG, c->valuestring, a->eKind==SCN_ADD_MEMBER);
  }
}

/* add_member, remove_member: users (a selector), member groups, or both */
static void check_member(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  const char *zG = scn_val_str(v, zPath, p, "group", 1);
  const cJSON *pGroups = cJSON_GetObjectItemCaseSensitive(p, "groups");
  char zSub[TS_JSONPATH_MAX];
  int bOk = 0;
  if( t && zG && !hmap_get(&t->groups, zG, NULL) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "group");
    scn_val_err(v, zSub, "no group \"%s\" in tenant %s", zG, t->zKey);
  }else if( t && zG && scn_val_group_dynamic(t, zG) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "group");
    scn_val_err(v, zSub, "group %s is dynamic: members cannot be added or removed by hand;"
                " an \"update\" of the attributes its membershipRule reads changes them", zG);
  }else{
    bOk = zG!=NULL;
  }
  a->zGroup = zG;
  if( pGroups ) val_member_groups(v, zPath, pGroups, t, zG, bOk, a);
  scn_select_check(v, zPath, p, t, pGroups!=NULL, a);
}

static void check_set_policy(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const cJSON *pV = cJSON_GetObjectItemCaseSensitive(p, "value");
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  ValTenant *tp = partner_ref(v, zPath, p, t, 0, a);
  const char *zF;
  char zSub[TS_JSONPATH_MAX];
  unsigned char *pCfg = partner_cfg(v, t, tp);
  if( pCfg ) *pCfg = 1;        /* the portal adds a partner it has no configuration for */
  zF = scn_val_str(v, zPath, p, "field", 1);
  a->zField = zF;
  a->eField = (PolicyField)(zF && policy_field_find(zF)>=0 ? policy_field_find(zF) : 0);
  a->iValue = cJSON_IsBool(pV) ? cJSON_IsTrue(pV) : -1;
  if( zF && policy_field_find(zF)<0 ){
    const char *azName[PF_COUNT+1], *zSug;
    char zList[600];
    int i;
    for(i=0; i<PF_COUNT; i++) azName[i] = policy_field_name((PolicyField)i);
    azName[PF_COUNT] = NULL;
    zSug = scn_val_suggest(zF, azName);
    scn_val_join_list(zList, sizeof(zList), azName);
    scn_val_path_key(zSub, sizeof(zSub), zPath, "field");
    if( zSug ) scn_val_err(v, zSub, "unknown policy field \"%s\" (did you mean \"%s\"?)", zF, zSug);
    else scn_val_err(v, zSub, "unknown policy field \"%s\"; expected one of %s", zF, zList);
  }
  scn_val_path_key(zSub, sizeof(zSub), zPath, "value");
  if( !cJSON_IsBool(pV) && !cJSON_IsNull(pV) ){
    scn_val_err(v, zSub, "expected true, false or null, found %s", jsonloc_type_name(pV));
  }else if( zF && policy_field_find(zF)>=0 && t && (a->zPartner==NULL || tp) ){
    scn_policy_set(v, zPath, a->iTenant, a->iPartner, a->eField, a->iValue);
  }
}

/* start_job, pause_job, restart_job, allow_deletes: a job, and for
** restart_job the comma list "resetScope". */
static void check_job(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const char *zJob = scn_val_str(v, zPath, p, "job", 1);
  const char *zScope = scn_val_str(v, zPath, p, "resetScope", 0);
  char zSub[TS_JSONPATH_MAX];
  job_known(v, zPath, zJob);
  a->mReset = zScope ? 0 : RESET_PORTAL;
  while( zScope ){
    char zName[64];
    size_t k = strcspn(zScope, ",");
    snprintf(zName, sizeof(zName), "%.*s", (int)(k<63 ? k : 63), zScope);
    if( job_reset_flag(zName)<0 ){
      scn_val_path_key(zSub, sizeof(zSub), zPath, "resetScope");
      scn_val_err(v, zSub, "unknown resetScope \"%s\"; expected a comma list of None,"
              " ConnectorDataStore, Escrows, Watermark, QuarantineState, Full, ForceDeletes", zName);
      break;
    }
    a->mReset |= (unsigned)job_reset_flag(zName);
    if( zScope[k]==0 ) break;
    zScope += k+1;
  }
}

static void check_on_demand(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const char *zJob = scn_val_str(v, zPath, p, "job", 1);
  const char *zUser = scn_val_str(v, zPath, p, "user", 0);
  const char *zGroup = scn_val_str(v, zPath, p, "group", 0);
  ValTenant *t = job_source(v, job_known(v, zPath, zJob));
  char zSub[TS_JSONPATH_MAX];
  a->zUser = zUser;
  a->zGroup = zGroup;
  if( (zUser==NULL)==(zGroup==NULL) ){
    scn_val_err(v, zPath, "give the \"user\" (a key) or the \"group\" to provision on demand");
  }else if( zUser && t && !scn_val_user_known(t, zUser) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "user");
    scn_val_err(v, zSub, "no user \"%s\" in tenant %s (at this point of the scenario)", zUser, t->zKey);
  }else if( zGroup && t && !hmap_get(&t->groups, zGroup, NULL) ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "group");
    scn_val_err(v, zSub, "no group \"%s\" in tenant %s", zGroup, t->zKey);
  }
}

static void check_set_tenant(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  val_tenant_ref(v, zPath, p, "tenant");
  scn_tenants_settings(v, zPath, p, 0, &a->settings);
  if( !cJSON_GetObjectItemCaseSensitive(p, "guestInviteSetting")
   && !cJSON_GetObjectItemCaseSensitive(p, "objectQuota")
   && !cJSON_GetObjectItemCaseSensitive(p, "cloudSettings")
   && !cJSON_GetObjectItemCaseSensitive(p, "crossCloudSync")
   && !cJSON_GetObjectItemCaseSensitive(p, "allowExternalIdentitiesToLeave") ){
    scn_val_err(v, zPath, "set_tenant needs at least one of guestInviteSetting, objectQuota,"
                      " cloudSettings, crossCloudSync, allowExternalIdentitiesToLeave");
  }
}

static void check_set_mapping(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(p, "mapping");
  char zSub[TS_JSONPATH_MAX];
  job_ref(v, zPath, p);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "mapping");
  if( m==NULL ) scn_val_err(v, zSub, "missing; expected the job's new mapping object");
  else a->pMapping = scn_jobs_mapping(v, zSub, m);
}

static void check_set_filters(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  char zSub[TS_JSONPATH_MAX];
  job_ref(v, zPath, p);
  if( !cJSON_GetObjectItemCaseSensitive(p, "scopingFilters") ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "scopingFilters");
    scn_val_err(v, zSub, "missing; expected the job's new scoping filters ([] removes them)");
  }
  scn_jobs_filters(v, zPath, p, &a->filters);
}

/* target_leave, target_delete: users of the job's source tenant, by key. */
static void check_target_leave(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  ValTenant *t = job_source(v, job_ref(v, zPath, p));
  const cJSON *pUsers = scn_val_array(v, zPath, p, "users", 1);
  char zSub[TS_JSONPATH_MAX];
  if( pUsers ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "users");
    scn_jobs_user_list(v, zSub, pUsers, t);
    a->sel.bUsers = 1;
    scn_val_key_list(v, pUsers, &a->sel.users);
  }
}

static void check_target_update(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  check_target_leave(v, zPath, p, a);
  val_set(v, zPath, p, a);
}

/* The index of word zKey's value among azWord (its first, zKey absent), or
** -1 after reporting it at zPath.zKey. */
static int val_word(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                    const char *const *azWord){
  const char *z = scn_val_str(v, zPath, p, zKey, 0), *zSug;
  char zSub[TS_JSONPATH_MAX], zList[200];
  int i;
  if( z==NULL ) return 0;
  for(i=0; azWord[i]; i++) if( strcmp(azWord[i], z)==0 ) return i;
  scn_val_path_key(zSub, sizeof(zSub), zPath, zKey);
  zSug = scn_val_suggest(z, azWord);
  scn_val_join_list(zList, sizeof(zList), azWord);
  if( zSug ) scn_val_err(v, zSub, "unknown \"%s\" (did you mean \"%s\"?)", z, zSug);
  else scn_val_err(v, zSub, "expected one of: %s; found \"%s\"", zList, z);
  return -1;
}

/* lifecycle_workflow: a workflow of the job's target with a Sign-in
** inactivity trigger runs its "Disable user account" (task "disable") or
** "Delete user account" task ("delete") for synced users. */
static void check_lifecycle_workflow(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  static const char *const azTask[] = { "disable", "delete", NULL };
  check_target_leave(v, zPath, p, a);
  a->iMode = val_word(v, zPath, p, "task", azTask);
  a->zProcess = scn_val_str(v, zPath, p, "workflow", 0);
  if( a->zProcess==NULL ) a->zProcess = "Disable inactive users";
}

/* access_review: a review in the job's target whose results are applied
** on completion to the denied synced users: "removeAccess" ("Remove
** user's membership from the resource", the resource the synced group of
** source group "group") or "disableAndDeleteUser" ("Block user from
** signing-in for 30 days, then remove user from the tenant"). */
static void check_access_review(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  static const char *const azApply[] = { "removeAccess", "disableAndDeleteUser", NULL };
  const ScnJob *pJ;
  ValTenant *t;
  char zSub[TS_JSONPATH_MAX];
  check_target_leave(v, zPath, p, a);
  a->iMode = val_word(v, zPath, p, "apply", azApply);
  a->zProcess = scn_val_str(v, zPath, p, "review", 0);
  if( a->zProcess==NULL ) a->zProcess = "Review of synced users";
  a->zGroup = scn_val_str(v, zPath, p, "group", 0);
  pJ = scn_jobs_declared(v, a->iJob);
  t = job_source(v, a->iJob);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "group");
  if( a->zGroup==NULL && a->iMode==0 && !cJSON_GetObjectItemCaseSensitive(p, "group") ){
    scn_val_err(v, zSub, "missing: \"removeAccess\" (the default \"apply\") removes the denied"
                " users' membership of the reviewed group; give the source group whose synced"
                " group is reviewed");
  }
  if( a->zGroup==NULL || pJ==NULL || t==NULL ) return;
  if( !hmap_get(&t->groups, a->zGroup, NULL) ){
    scn_val_err(v, zSub, "no group \"%s\" in tenant %s (the reviewed group is the one job %s's"
                " group sync created from a source group)", a->zGroup, t->zKey, pJ->zKey);
  }else if( !pJ->bGroupSync ){
    scn_val_err(v, zSub, "job %s does not provision groups (\"groupProvisioning\" is off), so"
                " %s has no group synced from %s to review", pJ->zKey,
                v->aTenant[pJ->iTarget].zKey, a->zGroup);
  }
}

/* target_restore: a Backup and Recovery recovery of synced users from the
** daily backup at or before "backup" (default: the latest), one of the
** last five. */
static void check_target_restore(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const char *z = scn_val_str(v, zPath, p, "backup", 0);
  char zSub[TS_JSONPATH_MAX], zWhy[TS_REASON_MAX], zT[40];
  SimTime t = a->t;
  check_target_leave(v, zPath, p, a);
  a->tBackup = targetproc_backup_at(a->t);
  if( z==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "backup");
  if( scn_val_when(v->pScn, z, &t, zWhy, sizeof(zWhy)) ){
    scn_val_err(v, zSub, "%s", zWhy);
  }else if( t>a->t ){
    scn_val_err(v, zSub, "the backup must be taken before the recovery, at or before the"
                " action's instant");
  }else if( a->t - targetproc_backup_at(t) >= (SimTime)TARGETPROC_BACKUP_DAYS*SIMTIME_DAY ){
    scn_val_err(v, zSub, "Backup and Recovery keeps the daily backups of the last %d days: the"
                " oldest at this point was taken at %s (tenantsim takes one every day at the"
                " scenario's start time)", TARGETPROC_BACKUP_DAYS,
                simtime_format_duration(targetproc_backup_at(a->t -
                  (SimTime)(TARGETPROC_BACKUP_DAYS-1)*SIMTIME_DAY), zT, sizeof(zT)));
  }else{
    a->tBackup = targetproc_backup_at(t);
  }
}

/* add_partner, remove_partner: a configuration that does not exist yet,
** or one that does. */
static void check_partner(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  ValTenant *tp = partner_ref(v, zPath, p, t, 1, a);
  unsigned char *pCfg = partner_cfg(v, t, tp);
  int bAdd = a->eKind==SCN_ADD_PARTNER;
  char zSub[TS_JSONPATH_MAX];
  if( pCfg==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "partner");
  if( bAdd && *pCfg ){
    scn_val_err(v, zSub, "%s already has a partner configuration for %s at this point (Graph"
                " refuses a second one: 409 Request_MultipleObjectsWithSameKeyValue); change"
                " its settings with set_policy", t->zKey, tp->zKey);
  }else if( !bAdd && !*pCfg ){
    scn_val_err(v, zSub, "%s has no partner configuration for %s at this point (declare one"
                " in \"policies\", or add it with add_partner or set_policy first)",
                t->zKey, tp->zKey);
  }
  *pCfg = (unsigned char)bAdd;
  scn_policy_partner(v, a->iTenant, a->iPartner);
}

/* create_job: a job declared "created": false, created once. */
static void check_create_job(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  int iJob = job_ref(v, zPath, p), *aLife = iJob>=0 ? job_life(v) : NULL;
  const ScnJob *pJ = scn_jobs_declared(v, iJob);
  char zSub[TS_JSONPATH_MAX];
  if( aLife==NULL || pJ==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "job");
  if( aLife[2*iJob]==LIFE_EXISTS ){
    scn_val_err(v, zSub, "job %s exists from the start; declare it with \"created\": false"
                " for create_job to create it", pJ->zKey);
    return;
  }
  if( aLife[2*iJob]!=LIFE_LATER ){
    scn_val_err(v, zSub, "job %s was already %s by timeline[%d]", pJ->zKey,
                aLife[2*iJob]==LIFE_CREATED ? "created" : "created and deleted", aLife[2*iJob+1]);
    return;
  }
  aLife[2*iJob] = LIFE_CREATED;
  aLife[2*iJob+1] = a->iIndex;
  a->pCreate = pJ;
  if( pJ->bStart && pJ->bStartGiven && pJ->tStart<a->t ){
    snprintf(zSub, sizeof(zSub), "jobs[%d].start", (int)(pJ - v->pScn->aJob));
    scn_val_err(v, zSub, "job %s would start before timeline[%d] creates it; leave \"start\""
                " out to start it when it is created, or give a later instant", pJ->zKey,
                a->iIndex);
  }
}

static void check_delete_job(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  int iJob = job_ref(v, zPath, p), *aLife = iJob>=0 ? job_life(v) : NULL;
  if( aLife==NULL ) return;
  aLife[2*iJob] = LIFE_DELETED;
  aLife[2*iJob+1] = a->iIndex;
}

/* set_secrets: the job's scope, accidental-deletion threshold and
** notification e-mail. */
static void check_set_secrets(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  const ScnJob *pJ = scn_jobs_declared(v, job_ref(v, zPath, p));
  const cJSON *pThr = cJSON_GetObjectItemCaseSensitive(p, "deleteThreshold");
  const char *zScope = scn_val_str(v, zPath, p, "scope", 0);
  char zSub[TS_JSONPATH_MAX];
  int64_t n;
  a->iScope = -1;
  a->nThreshold = -2;
  a->iSkipOos = -1;
  if( pThr==NULL && cJSON_GetObjectItemCaseSensitive(p, "scope")==NULL
   && cJSON_GetObjectItemCaseSensitive(p, "notifications")==NULL
   && cJSON_GetObjectItemCaseSensitive(p, "skipOutOfScopeDeletions")==NULL ){
    scn_val_err(v, zPath, "set_secrets needs at least one of deleteThreshold (an integer, or"
                " null to turn accidental-deletion prevention off), scope, notifications and"
                " skipOutOfScopeDeletions");
  }
  {
    int b;
    if( scn_val_bool(v, zPath, p, "skipOutOfScopeDeletions", &b) ) a->iSkipOos = b;
  }
  scn_jobs_notify(v, zPath, p, &a->notify);
  if( cJSON_IsNull(pThr) ) a->nThreshold = -1;
  else if( pThr && scn_val_int(v, zPath, p, "deleteThreshold", 0, 0, 1e9, &n) ) a->nThreshold = n;
  if( zScope==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "scope");
  if( strcmp(zScope, "all")!=0 && strcmp(zScope, "assigned")!=0 ){
    scn_val_err(v, zSub, "expected \"assigned\" or \"all\", found \"%s\"", zScope);
    return;
  }
  a->iScope = zScope[0]=='a' && zScope[1]=='l';
  if( a->iScope && pJ && pJ->bGroupSync ){
    scn_val_err(v, zSub, "job %s provisions groups, which needs the scope \"Sync only assigned"
                " users and groups\" (\"assigned\")", pJ->zKey);
  }
}

/* register_mfa: users of a tenant register a method, by themselves or an
** admin ("by"); the method defaults to the Authenticator app. */
static void check_register_mfa(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  static const char *const azBy[] = { "user", "admin", NULL };
  ValTenant *t = val_tenant_ref(v, zPath, p, "tenant");
  const char *zBy = scn_val_str(v, zPath, p, "by", 0);
  char zSub[TS_JSONPATH_MAX], zList[200];
  scn_select_check(v, zPath, p, t, 0, a);
  a->bByAdmin = zBy && strcmp(zBy, "admin")==0;
  if( zBy && !a->bByAdmin && strcmp(zBy, "user")!=0 ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "by");
    if( scn_val_suggest(zBy, azBy) ){
      scn_val_err(v, zSub, "unknown \"%s\" (did you mean \"%s\"?)", zBy, scn_val_suggest(zBy, azBy));
    }else{
      scn_val_err(v, zSub, "expected \"user\" (self-service) or \"admin\", found \"%s\"", zBy);
    }
  }
  a->zMethod = scn_val_str(v, zPath, p, "method", 0);
  if( a->zMethod && !access_method_known(a->zMethod) ){
    const char *zSug = scn_val_suggest(a->zMethod, access_method_names());
    scn_val_path_key(zSub, sizeof(zSub), zPath, "method");
    scn_val_join_list(zList, sizeof(zList), access_method_names());
    if( zSug ) scn_val_err(v, zSub, "unknown method \"%s\" (did you mean \"%s\"?)", a->zMethod, zSug);
    else scn_val_err(v, zSub, "unknown method \"%s\"; expected one of: %s", a->zMethod, zList);
  }
  if( a->zMethod==NULL ) a->zMethod = access_method_names()[0];
}

/* sign_in: a user of the job's source, and the device claims presented.
** The job only names the two tenants (accounts outlive their job). */
static void check_sign_in(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  static const char *const azDevice[] = { "compliant", "hybridJoined", NULL };
  ValTenant *t = job_source(v, job_ref(v, zPath, p));
  const cJSON *pDev = cJSON_GetObjectItemCaseSensitive(p, "device"), *c;
  char zSub[TS_JSONPATH_MAX], zE[TS_JSONPATH_MAX];
  int i = 0;
  a->zUser = scn_val_str(v, zPath, p, "user", 1);
  scn_val_path_key(zSub, sizeof(zSub), zPath, "user");
  if( a->zUser && t && !scn_val_user_known(t, a->zUser) ){
    scn_val_err(v, zSub, "no user \"%s\" in tenant %s (at this point of the scenario)", a->zUser,
                t->zKey);
  }
  if( pDev==NULL ) return;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "device");
  if( !cJSON_IsString(pDev) && !cJSON_IsArray(pDev) ){
    scn_val_err(v, zSub, "expected \"compliant\", \"hybridJoined\" or a list of both, found %s",
                jsonloc_type_name(pDev));
    return;
  }
  for(c = cJSON_IsArray(pDev) ? pDev->child : pDev; c; c = cJSON_IsArray(pDev) ? c->next : NULL){
    const char *z = cJSON_GetStringValue(c);
    if( cJSON_IsArray(pDev) ) scn_val_path_idx(zE, sizeof(zE), zSub, i++);
    else snprintf(zE, sizeof(zE), "%s", zSub);
    if( z && strcmp(z, azDevice[0])==0 ) a->mDevice |= ACCESS_DEVICE_COMPLIANT;
    else if( z && strcmp(z, azDevice[1])==0 ) a->mDevice |= ACCESS_DEVICE_HYBRID;
    else if( z && scn_val_suggest(z, azDevice) ){
      scn_val_err(v, zE, "unknown device claim \"%s\" (did you mean \"%s\"?)", z,
                  scn_val_suggest(z, azDevice));
    }else{
      scn_val_err(v, zE, "expected a device claim: \"compliant\" or \"hybridJoined\"");
    }
  }
}

/* mto_join: a pending tenant joins the multitenant organization. */
static void check_mto_join(Val *v, const char *zPath, const cJSON *p, ScnAction *a){
  if( val_tenant_ref(v, zPath, p, "tenant") ) scn_mto_join(v, zPath, a);
}

/* ---------------------------------------------------------------------
** The table: every timeline action, in the order of ScnActionKind.
*/
#define K_BASE "at", "action", "note"
static const char *const azHire[] = { K_BASE, "tenant", "users", "population", NULL };
static const char *const azSel[] = { K_BASE, "tenant", "users", "sample", "membersOf", "usersOf", NULL };
static const char *const azUpd[] = { K_BASE, "tenant", "users", "sample", "membersOf", "usersOf", "set", NULL };
static const char *const azMove[] = { K_BASE, "tenant", "users", "sample", "membersOf", "usersOf", "department", NULL };
static const char *const azAssign[] = { K_BASE, "job", "users", "groups", "sample", "membersOf", "usersOf", NULL };
static const char *const azMember[] = { K_BASE, "tenant", "group", "users", "sample", "membersOf", "usersOf",
                                        "groups", NULL };
static const char *const azPolicy[] = { K_BASE, "tenant", "partner", "field", "value", NULL };
static const char *const azJob[] = { K_BASE, "job", NULL };
static const char *const azRestart[] = { K_BASE, "job", "resetScope", NULL };
static const char *const azTarget[] = { K_BASE, "job", "users", "set", NULL };
static const char *const azSetMap[] = { K_BASE, "job", "mapping", NULL };
static const char *const azSetFilt[] = { K_BASE, "job", "scopingFilters", NULL };
static const char *const azLeave[] = { K_BASE, "job", "users", NULL };
static const char *const azOnDemand[] = { K_BASE, "job", "user", "group", NULL };
static const char *const azSetTenant[] = { K_BASE, "tenant", "guestInviteSetting",
  "objectQuota", "cloudSettings", "crossCloudSync", "allowExternalIdentitiesToLeave", NULL };
static const char *const azPartner[] = { K_BASE, "tenant", "partner", NULL };
static const char *const azSecrets[] = { K_BASE, "job", "deleteThreshold", "scope",
  "notifications", "skipOutOfScopeDeletions", NULL };
static const char *const azRegMfa[] = { K_BASE, "tenant", "users", "sample", "membersOf", "usersOf", "by", "method", NULL };
static const char *const azSignIn[] = { K_BASE, "job", "user", "device", NULL };
static const char *const azLcw[] = { K_BASE, "job", "users", "task", "workflow", NULL };
static const char *const azReview[] = { K_BASE, "job", "users", "apply", "group", "review", NULL };
static const char *const azRestore[] = { K_BASE, "job", "users", "backup", NULL };
static const char *const azMtoJoin[] = { K_BASE, "tenant", NULL };

typedef struct ActionDef {
  const char *zName;
  const char *const *azKeys;   /* every key the action accepts */
  void (*xCheck)(Val*, const char *zPath, const cJSON *p, ScnAction *a);
} ActionDef;

static const ActionDef aAction[SCN_ACTION_COUNT] = {
  { "hire",                azHire,      check_hire },
  { "terminate",           azSel,       check_selection },
  { "restore",             azSel,       check_selection },
  { "disable",             azSel,       check_selection },
  { "enable",              azSel,       check_selection },
  { "update",              azUpd,       check_update },
  { "move",                azMove,      check_move },
  { "assign",              azAssign,    check_assign },
  { "unassign",            azAssign,    check_assign },
  { "add_member",          azMember,    check_member },
  { "remove_member",       azMember,    check_member },
  { "set_policy",          azPolicy,    check_set_policy },
  { "start_job",           azJob,       check_job },
  { "pause_job",           azJob,       check_job },
  { "restart_job",         azRestart,   check_job },
  { "target_update",       azTarget,    check_target_update },
  { "set_mapping",         azSetMap,    check_set_mapping },
  { "set_filters",         azSetFilt,   check_set_filters },
  { "allow_deletes",       azJob,       check_job },
  { "set_tenant",          azSetTenant, check_set_tenant },
  { "target_leave",        azLeave,     check_target_leave },
  { "provision_on_demand", azOnDemand,  check_on_demand },
  { "add_partner",         azPartner,   check_partner },
  { "remove_partner",      azPartner,   check_partner },
  { "create_job",          azJob,       check_create_job },
  { "delete_job",          azJob,       check_delete_job },
  { "target_delete",       azLeave,     check_target_leave },
  { "set_secrets",         azSecrets,   check_set_secrets },
  { "assign_role",         scn_authz_assign_keys, scn_authz_check_assign },
  { "register_mfa",        azRegMfa,    check_register_mfa },
  { "sign_in",             azSignIn,    check_sign_in },
  { "lifecycle_workflow",  azLcw,       check_lifecycle_workflow },
  { "access_review",       azReview,    check_access_review },
  { "target_restore",      azRestore,   check_target_restore },
  { "mto_join",            azMtoJoin,   check_mto_join },
};

int scn_actions_find(const char *zName){
  int i;
  for(i=0; zName && i<SCN_ACTION_COUNT; i++){
    if( strcmp(aAction[i].zName, zName)==0 ) return i;
  }
  return -1;
}

const char *scn_actions_name(int eKind){
  ts_assert( eKind>=0 && eKind<SCN_ACTION_COUNT );
  return aAction[eKind].zName;
}

void scn_actions_unknown(Val *v, const char *zPath, const char *zAction){
  const char *azName[SCN_ACTION_COUNT+1];
  char zList[800];
  const char *zSug;
  int i;
  for(i=0; i<SCN_ACTION_COUNT; i++) azName[i] = aAction[i].zName;
  azName[i] = NULL;
  zSug = scn_val_suggest(zAction, azName);
  scn_val_join_list(zList, sizeof(zList), azName);
  if( zSug ) scn_val_err(v, zPath, "unknown action \"%s\" (did you mean \"%s\"?)", zAction, zSug);
  else scn_val_err(v, zPath, "unknown action \"%s\"; expected one of: %s", zAction, zList);
}

void scn_actions_check(Val *v, const char *zPath, ScnAction *a){
  const cJSON *p = a->pJson;
  ts_assert( a->eKind>=0 && a->eKind<SCN_ACTION_COUNT );
  scn_val_keys(v, zPath, p, aAction[a->eKind].azKeys);
  /* what every action may name; each check reports its own problems */
  a->zNote = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "note"));
  a->zTenant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "tenant"));
  a->zJob = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "job"));
  a->iTenant = scn_val_tenant_index(v, a->zTenant);
  a->iJob = scn_jobs_job_find(v, a->zJob);
  a->sel.iUsersOf = -1;
  job_alive(v, zPath, a);
  aAction[a->eKind].xCheck(v, zPath, p, a);
}
