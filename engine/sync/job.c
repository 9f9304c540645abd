/*
** job.c — sync job configuration and control (see job.h).
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "audit.h"
#include "attr.h"
#include "desired.h"
#include "mapping.h"
#include "scope.h"
#include "escrow.h"
#include "groupsync.h"
#include "policy.h"
#include "quarantine.h"
#include "job.h"

#define ACTOR_ADMIN "admin@source"

static const char zSqlJob[] =
  "INSERT OR REPLACE INTO jobs(idx, key, job_id, source, target, scope, interval_s,"
  " status_code, schedule_state, gate_error, object_actions, quarantine_reason,"
  " escrows_pruned, delete_threshold, gate_since, gate_message, disabled_at,"
  " started_at, paused_at, drift_final, in_step_at, created_at, deleted_at)"
  " SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
  " o.started_at, o.paused_at, o.drift_final, o.in_step_at, o.created_at, o.deleted_at"
  " FROM (SELECT 1) LEFT JOIN jobs o ON o.idx=?1";
static const char zSqlGateDel[] = "DELETE FROM gate_checks WHERE job=?1";
static const char zSqlGate[] =
  "INSERT INTO gate_checks(job, ord, tenant, partner, setting) VALUES(?1,?2,?3,?4,?5)";
static const char zSqlJobStarted[] = "UPDATE jobs SET started_at=?2 WHERE idx=?1";
static const char zSqlJobPaused[]  = "UPDATE jobs SET paused_at=?2 WHERE idx=?1";
static const char zSqlJobCreated[] = "UPDATE jobs SET created_at=?2 WHERE idx=?1";
static const char zSqlJobDeleted[] = "UPDATE jobs SET deleted_at=?2 WHERE idx=?1";
static const char zSqlMapping[] =
  "INSERT INTO job_mappings(job, ord, target_attribute, type, source, flow_type,"
  " matching_priority) VALUES(?1,?2,?3,?4,?5,?6,NULL)";
static const char zSqlAssign[] =
  "INSERT OR IGNORE INTO job_assignments(job, principal_type, principal) VALUES(?1,?2,?3)";
static const char zSqlUnassign[] =
  "DELETE FROM job_assignments WHERE job=?1 AND principal_type=?2 AND principal=?3";
static void job_delete_rows(World *w, Job *j, const char *zSql);
static const char zSqlMappingDel[] = "DELETE FROM job_mappings WHERE job=?1";
static const char zSqlFilterDel[] = "DELETE FROM job_filters WHERE job=?1";
static const char zSqlFilter[] =
  "INSERT INTO job_filters(job, filter_group, clause, attribute, operator, value)"
  " VALUES(?1,?2,?3,?4,?5,?6)";

/* Graph's status code, as the jobs table holds it. */
static const char *job_status_code(const Job *j){
  switch( j->eStatus ){
    case JOB_ACTIVE: return "Active";
    case JOB_PAUSED: return "Paused";
    case JOB_QUARANTINE: return "Quarantine";
    default:         return "NotRun";
  }
}

const char *job_status_name(const Job *j){
  if( j->bDeleted ) return "Deleted";
  return j->bDisabled ? "Disabled" : job_status_code(j);
}

/* Graph's schedule state, as the jobs table holds it. */
static const char *job_schedule_name(const Job *j){
  if( j->bScheduled ) return "Active";
  return j->eStatus==JOB_PAUSED ? "Paused" : "Disabled";
}

const char *job_actions_text(unsigned m){
  static const char *const az[8] = {
    "", "Create", "Update", "Create,Update", "Delete", "Create,Delete",
    "Update,Delete", "Create,Update,Delete"
  };
  return az[m & 7];
}

void job_save(World *w, Job *j){
  StoreStmt *s = store_write(w->pStore, zSqlJob);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_text(s, 2, j->zKey);
  store_put_text(s, 3, j->zJobId);
  store_put_int(s, 4, j->iSource);
  store_put_int(s, 5, j->iTarget);
  store_put_text(s, 6, j->bSyncAll ? "all" : "assigned");
  store_put_int(s, 7, j->interval);
  store_put_text(s, 8, job_status_code(j));
  store_put_text(s, 9, job_schedule_name(j));
  store_put_text(s, 10, j->zGateError);
  store_put_text(s, 11, job_actions_text(j->mObjectActions));
  store_put_text(s, 12, j->eQuarReason ? quarantine_reason_name(j->eQuarReason) : NULL);
  store_put_int(s, 13, j->bEscrowsPruned);
  store_put_opt_int(s, 14, j->nDeleteThreshold, !j->bDeleteThreshold);
  store_put_opt_int(s, 15, j->tGateSince, j->zGateError==NULL);
  store_put_text(s, 16, j->zGateError ? j->zGateMessage : NULL);
  store_put_opt_int(s, 17, j->tDisabled, !j->bDisabled);
  store_run(w->pStore, s);
}

void job_set_gate(World *w, Job *j, const GateResult *r){
  StoreStmt *s;
  int i, bWas = j->zGateError!=NULL;
  if( r->zCode==NULL ){
    if( !bWas ) return;
    mem_free(j->zGateError);
    j->zGateError = NULL;
    j->zGateMessage = NULL;
    j->tGateSince = -1;
    job_delete_rows(w, j, zSqlGateDel);
    return;
  }
  if( !bWas ) j->tGateSince = w->tNow;
  if( !bWas || strcmp(j->zGateError, r->zCode)!=0 ){
    char *z = mem_strdup(r->zCode);
    if( z==NULL ){ w->bNoMem = 1; return; }
    mem_free(j->zGateError);
    j->zGateError = z;
  }
  j->zGateMessage = r->zMessage;
  /* The failing settings can change between checks (one fixed, another
  ** broken): keep the latest list. */
  job_delete_rows(w, j, zSqlGateDel);
  for(i=0; i<r->nSetting; i++){
    s = store_write(w->pStore, zSqlGate);
    if( s==NULL ) return;
    store_put_int(s, 1, (int)(j - w->aJob));
    store_put_int(s, 2, i);
    store_put_int(s, 3, r->aSetting[i].iTenant);
    store_put_opt_int(s, 4, r->aSetting[i].iPartner, r->aSetting[i].iPartner<0);
    store_put_text(s, 5, r->aSetting[i].zSetting);
    store_run(w->pStore, s);
  }
}

static void job_save_mapping(World *w, Job *j){
  int i;
  for(i=0; i<j->nMap; i++){
    const MapEntry *e = &j->aMap[i];
    StoreStmt *s = store_write(w->pStore, zSqlMapping);
    if( s==NULL ) return;
    store_put_int(s, 1, (int)(j - w->aJob));
    store_put_int(s, 2, i);
    store_put_text(s, 3, world_attr_name(w, e->iTarget));
    store_put_text(s, 4, e->eType==MAP_DIRECT ? "Direct" : e->eType==MAP_CONSTANT ? "Constant"
                        : e->eType==MAP_EXPRESSION ? "Expression" : "None");
    store_put_text(s, 5, e->eType==MAP_DIRECT ? world_attr_name(w, e->iSource)
                        : e->eType==MAP_EXPRESSION ? e->zExpr : e->zConst);
    store_put_text(s, 6, e->eFlow==FLOW_ALWAYS ? "Always" : "ObjectAddOnly");
    store_run(w->pStore, s);
  }
}

int job_add(World *w, const char *zKey, int iSource, int iTarget,
            int bSyncAll, TsErr *pErr){
  Job *j;
  char zA[TS_GUID_SIZE], zB[TS_GUID_SIZE];
  int i;
  for(i=0; i<w->nJob; i++){
    if( w->aJob[i].iSource==iSource && w->aJob[i].iTarget==iTarget ){
      return tserr_set(pErr, TS_ERR, "job %s: a job from %s to %s already exists (%s);"
        " only one configuration per source and target pair", zKey,
        w->aTenant[iSource].zKey, w->aTenant[iTarget].zKey, w->aJob[i].zKey), -1;
    }
  }
  if( mem_grow_int((void**)&w->aJob, w->nJob, &w->nJobAlloc, sizeof(Job)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory"), -1;
  }
  j = &w->aJob[w->nJob];
  memset(j, 0, sizeof(*j));
  j->iSource = iSource;
  j->iTarget = iTarget;
  j->bSyncAll = bSyncAll;
  j->interval = w->params.interval;
  j->eStatus = JOB_NOT_RUN;
  j->tNextCycle = -1;
  j->tInStep = -1;
  j->tGateSince = -1;
  j->tDisabled = -1;
  j->bNeedInitial = 1;
  j->mObjectActions = OBJ_ACT_CREATE|OBJ_ACT_UPDATE|OBJ_ACT_DELETE;
  rng_guid(&w->rngIds, zA);
  rng_guid(&w->rngIds, zB);
  rng_guid(&w->rngIds, j->zServicePrincipal);
  snprintf(j->zJobId, sizeof(j->zJobId), "Azure2Azure.%.32s.%.32s", zA, zB);
  /* Graph writes the two GUIDs without dashes in job ids. */
  {
    char *zDst = j->zJobId;
    const char *zSrc;
    zDst += strlen("Azure2Azure.");
    for(zSrc=zA; *zSrc; zSrc++) if( *zSrc!='-' ) *zDst++ = *zSrc;
    *zDst++ = '.';
    for(zSrc=zB; *zSrc; zSrc++) if( *zSrc!='-' ) *zDst++ = *zSrc;
    *zDst = 0;
  }
  w->nJob++;
  j->zKey = mem_strdup(zKey);
  if( j->zKey==NULL || mapping_default(&j->aMap, &j->nMap) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory"), -1;
  }
  job_save(w, j);
  job_save_mapping(w, j);
  return w->nJob-1;
}

static void job_assignment_row(World *w, Job *j, const char *zType, int64_t id, int bAssign){
  StoreStmt *s = store_write(w->pStore, bAssign ? zSqlAssign : zSqlUnassign);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_text(s, 2, zType);
  store_put_int(s, 3, id);
  store_run(w->pStore, s);
}

/* Re-evaluate u for j after its assignment changed. */
static void job_touch(World *w, Job *j, int64_t id){
  pair_mark_dirty(w, j, id);
  desired_update(w, j, id, w->zCause ? w->zCause : "assignment");
}

int job_assign_user(World *w, Job *j, int64_t id, int bAssign){
  Pair *p = pair_get(w, j, id);
  User *u = world_user(w, id);
  if( p==NULL ) return -1;
  if( p->bAssigned==bAssign ) return 0;
  p->bAssigned = (uint8_t)bAssign;
  job_assignment_row(w, j, "User", id, bAssign);
  audit_write(w, j->iSource, "UserManagement",
              bAssign ? "Add app role assignment grant to user"
                      : "Remove app role assignment from user",
              ACTOR_ADMIN, "User", u->zObjectId, world_user_attr(w, u, A_USER_PRINCIPAL_NAME), j->zKey);
  job_touch(w, j, id);
  return 1;
}

int job_assign_group(World *w, Job *j, int iGroup, int bAssign){
  int i, k;
  int64_t id;
  Group *g = &w->aGroup[iGroup];
  for(i=0; i<j->nGroupAssign; i++) if( j->aGroupAssign[i]==iGroup ) break;
  if( (i<j->nGroupAssign)==(bAssign!=0) ) return 0;
  if( bAssign ){
    if( mem_grow_int((void**)&j->aGroupAssign, j->nGroupAssign, &j->nGroupAssignAlloc, sizeof(int)) ){
      w->bNoMem = 1;
      return -1;
    }
    j->aGroupAssign[j->nGroupAssign++] = iGroup;
  }else{
    j->aGroupAssign[i] = j->aGroupAssign[--j->nGroupAssign];
  }
  job_assignment_row(w, j, "Group", iGroup, bAssign);
  pair_group_mark_dirty(w, j, iGroup);
  audit_write(w, j->iSource, "GroupManagement",
              bAssign ? "Add app role assignment to group"
                      : "Remove app role assignment from group",
              ACTOR_ADMIN, "Group", g->zObjectId, g->zDisplayName, j->zKey);
  for(id=1; id<=w->nUser; id++){
    User *u = &w->aUser[id-1];
    if( u->iTenant!=j->iSource ) continue;
    for(k=0; k<u->nGroup; k++){
      if( u->aGroup[k]==iGroup ){ job_touch(w, j, id); break; }
    }
  }
  return 1;
}

int job_add_filter_group(World *w, Job *j, const char *zTitle,
                         const Clause *aClause, int nClause){
  FilterGroup *g;
  FilterGroup *aNew = mem_realloc(j->aFilter, (size_t)(j->nFilter+1)*sizeof(FilterGroup));
  int i;
  if( aNew==NULL ){ w->bNoMem = 1; return -1; }
  j->aFilter = aNew;
  g = &j->aFilter[j->nFilter++];
  memset(g, 0, sizeof(*g));
  g->zTitle = mem_strdup(zTitle ? zTitle : "");
  g->aClause = mem_calloc((size_t)(nClause ? nClause : 1), sizeof(Clause));
  if( g->zTitle==NULL || g->aClause==NULL ){ w->bNoMem = 1; return -1; }
  for(i=0; i<nClause; i++){
    StoreStmt *s;
    g->aClause[i] = aClause[i];
    g->aClause[i].zValue = NULL;
    g->aClause[i].pRegex = NULL;
    if( aClause[i].zValue ){
      g->aClause[i].zValue = mem_strdup(aClause[i].zValue);
      if( g->aClause[i].zValue==NULL ){ w->bNoMem = 1; return -1; }
    }
    if( scope_clause_prepare(&g->aClause[i]) ){
      scope_clause_clear(&g->aClause[i]);
      w->bNoMem = 1;   /* validated patterns compile: only memory can fail */
      return -1;
    }
    g->nClause++;
    s = store_write(w->pStore, zSqlFilter);
    if( s ){
      store_put_int(s, 1, (int)(j - w->aJob));
      store_put_int(s, 2, j->nFilter-1);
      store_put_int(s, 3, i);
      store_put_text(s, 4, world_attr_name(w, aClause[i].iAttr));
      store_put_text(s, 5, scope_op_name(aClause[i].eOp));
      store_put_text(s, 6, aClause[i].zValue);
      store_run(w->pStore, s);
    }
  }
  return 0;
}

static void job_stamp(World *w, Job *j, const char *zSql){
  StoreStmt *s = store_write(w->pStore, zSql);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_int(s, 2, w->tNow);
  store_run(w->pStore, s);
}

static void job_audit(World *w, Job *j, const char *zActivity){
  audit_write(w, j->iSource, "ProvisioningManagement", zActivity, ACTOR_ADMIN,
              "ServicePrincipal", j->zServicePrincipal, j->zKey, j->zJobId);
}

/* Schedule the next cycle now unless one is running (it reschedules). */
static void job_resume(World *w, Job *j){
  j->bScheduled = 1;
  j->bPauseAfterCycle = 0;
  if( j->eStatus==JOB_PAUSED ) j->eStatus = j->stats.nInitial ? JOB_ACTIVE : JOB_NOT_RUN;
  if( !j->run.bRunning ) j->tNextCycle = w->tNow;
}

void job_start(World *w, Job *j){
  /* Start clears quarantine; starting a running job is otherwise a no-op. */
  if( (j->bScheduled && j->eQuarReason==QR_NONE) || !job_exists(j) ) return;
  quarantine_leave(w, j, "start");
  j->bEscrowsPruned = 0;
  j->bDisabled = 0;
  job_resume(w, j);
  job_stamp(w, j, zSqlJobStarted);
  job_audit(w, j, "Enable/start provisioning configuration");
  job_save(w, j);
}

void job_pause(World *w, Job *j){
  if( !j->bScheduled ) return;
  j->bScheduled = 0;
  j->eStatus = JOB_PAUSED;
  j->tNextCycle = -1;
  j->bPauseAfterCycle = j->run.bRunning;
  job_stamp(w, j, zSqlJobPaused);
  job_audit(w, j, "Disable/pause provisioning configuration");
  job_save(w, j);
}

int job_reset_flag(const char *zName){
  static const struct { const char *z; unsigned m; } a[] = {
    { "None", 0 }, { "ConnectorDataStore", RESET_CONNECTOR_DATA_STORE },
    { "Escrows", RESET_ESCROWS }, { "Watermark", RESET_WATERMARK },
    { "QuarantineState", RESET_QUARANTINE_STATE }, { "Full", RESET_FULL },
    { "ForceDeletes", RESET_FORCE_DELETES },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++) if( strcmp(a[i].z, zName)==0 ) return (int)a[i].m;
  return -1;
}

static const char zSqlLinksDel[] = "DELETE FROM links WHERE job=?1";

/* resetScope Full: forget every link, so the next initial cycle matches
** the target users again by alternativeSecurityIds. */
static void job_break_links(World *w, Job *j){
  int64_t id;
  int64_t idEnd = pair_end(j);
  for(id=1; id<idEnd && id<=w->nUser; id++){
    Pair *p = pair_peek(j, id);
    if( p && p->iTarget ){
      User *t = world_user(w, p->iTarget);
      if( t->iLinkJob==(int)(j - w->aJob) ){ t->iLinkJob = -1; t->idLinkSource = 0; }
      p->iTarget = 0;
      p->bHeld = 0;
      p->bTargetDeleted = 0;
    }
  }
  job_delete_rows(w, j, zSqlLinksDel);
}

void job_restart(World *w, Job *j, unsigned mScope){
  char zDetail[320];          /* the job id and the longest resetScope */
  int64_t id;
  if( mScope & RESET_ESCROWS ) escrow_clear_all(w, j);
  if( mScope & (RESET_WATERMARK|RESET_CONNECTOR_DATA_STORE) ){
    j->bNeedInitial = 1;
    j->tWatermark = 0;
  }
  if( (mScope & RESET_FULL)==RESET_FULL ) job_break_links(w, j);
  if( mScope & RESET_FORCE_DELETES ){     /* "Allow deletes" (deletion.h) */
    j->bForceDeletes = 1;
    if( j->eQuarReason==QR_TOO_MANY_DELETES ) quarantine_leave(w, j, "restart ForceDeletes");
  }
  if( mScope & RESET_QUARANTINE_STATE ) quarantine_leave(w, j, "restart");
  j->bEscrowsPruned = 0;
  j->bDisabled = 0;
  job_resume(w, j);
  job_stamp(w, j, zSqlJobStarted);
  {
    /* Graph's resetScope as the request named it: Full, else the parts */
    static const struct { unsigned m; const char *z; } aPart[] = {
      { RESET_CONNECTOR_DATA_STORE, "ConnectorDataStore" }, { RESET_ESCROWS, "Escrows" },
      { RESET_WATERMARK, "Watermark" }, { RESET_QUARANTINE_STATE, "QuarantineState" },
    };
    char zScope[72];         /* the longest list is 62 characters */
    size_t n = 0, k;
    zScope[0] = 0;
    if( (mScope & RESET_FULL)==RESET_FULL ){
      n = (size_t)snprintf(zScope, sizeof(zScope), "Full");
    }else{
      for(k=0; k<sizeof(aPart)/sizeof(aPart[0]); k++){
        if( mScope & aPart[k].m ) n += (size_t)snprintf(zScope+n, sizeof(zScope)-n, "%s%s",
                                                        n ? "," : "", aPart[k].z);
      }
    }
    if( mScope & RESET_FORCE_DELETES ){
      n += (size_t)snprintf(zScope+n, sizeof(zScope)-n, "%sForceDeletes", n ? "," : "");
    }
    snprintf(zDetail, sizeof(zDetail), "%s resetScope=%s", j->zJobId, n ? zScope : "None");
  }
  audit_write(w, j->iSource, "ProvisioningManagement", "Enable/restart provisioning configuration",
              ACTOR_ADMIN, "ServicePrincipal", j->zServicePrincipal, j->zKey, zDetail);
  job_save(w, j);
  /* Broken links change what the target holds for every pair. */
  if( (mScope & RESET_FULL)==RESET_FULL ){
    for(id=1; id<=w->nUser; id++){
      if( w->aUser[id-1].iTenant==j->iSource ) desired_update(w, j, id, NULL);
    }
  }
}

/* The gallery application every cross-tenant synchronization
** configuration is instantiated from (entra-facts §1). */
#define JOB_CTS_TEMPLATE "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7"

void job_create(World *w, Job *j){
  char zDetail[120];
  if( !j->bUncreated ) return;
  j->bUncreated = 0;
  job_stamp(w, j, zSqlJobCreated);
  snprintf(zDetail, sizeof(zDetail), "applicationTemplateId=%s", JOB_CTS_TEMPLATE);
  audit_write(w, j->iSource, "ApplicationManagement", "Add service principal", ACTOR_ADMIN,
              "ServicePrincipal", j->zServicePrincipal, j->zKey, zDetail);
  job_audit(w, j, "Add provisioning configuration");
  job_save(w, j);
}

void job_delete(World *w, Job *j){
  GateResult none;
  if( !job_exists(j) ) return;
  memset(&none, 0, sizeof(none));
  quarantine_leave(w, j, "configuration deleted");
  escrow_clear_all(w, j);
  job_set_gate(w, j, &none);
  j->bDeleted = 1;
  j->bScheduled = 0;
  j->bPauseAfterCycle = 0;
  j->tNextCycle = -1;
  j->nDirty = 0;
  job_stamp(w, j, zSqlJobDeleted);
  job_audit(w, j, "Delete provisioning configuration");
  job_save(w, j);
}

int job_set_notify(World *w, Job *j, int bEnabled, const char *zRecipients){
  if( zRecipients ){
    char *z = mem_strdup(zRecipients);
    if( z==NULL ){ w->bNoMem = 1; return -1; }
    mem_free(j->zNotifyTo);
    j->zNotifyTo = z;
  }
  if( bEnabled>=0 ) j->bNotify = bEnabled;
  return 0;
}

void job_set_secrets(World *w, Job *j, int iScope, int bThreshold, int bNotify, int iSkipOos){
  char zDetail[TS_REASON_MAX] = "";
  int64_t id;
  if( iScope>=0 ){
    snprintf(zDetail, sizeof(zDetail), "SyncAll=%s", iScope ? "true" : "false");
  }
  if( bThreshold ){
    size_t k = strlen(zDetail);
    if( !j->bDeleteThreshold ){
      snprintf(zDetail+k, sizeof(zDetail)-k, "%sDeleteThresholdEnabled=false", k ? ", " : "");
    }else{
      snprintf(zDetail+k, sizeof(zDetail)-k, "%sDeleteThresholdEnabled=true,"
               " DeleteThresholdValue=%lld", k ? ", " : "", (long long)j->nDeleteThreshold);
    }
  }
  if( bNotify ){
    size_t k = strlen(zDetail);
    snprintf(zDetail+k, sizeof(zDetail)-k, "%sNotificationEnabled=%s, Recipients=%s", k ? ", " : "",
             j->bNotify ? "true" : "false", j->zNotifyTo && j->zNotifyTo[0] ? j->zNotifyTo : "(none)");
  }
  if( iSkipOos>=0 ){
    size_t k = strlen(zDetail);
    j->bSkipOos = iSkipOos;
    snprintf(zDetail+k, sizeof(zDetail)-k, "%sSkipOutOfScopeDeletions=%s", k ? ", " : "",
             iSkipOos ? "true" : "false");
  }
  audit_write(w, j->iSource, "ProvisioningManagement", "Update provisioning setting or credentials",
              ACTOR_ADMIN, "ServicePrincipal", j->zServicePrincipal, j->zKey, zDetail);
  if( iScope<0 || iScope==j->bSyncAll ){
    job_save(w, j);
    return;
  }
  j->bSyncAll = iScope;
  job_save(w, j);
  for(id=1; id<=w->nUser; id++){
    if( w->aUser[id-1].iTenant==j->iSource ) desired_update(w, j, id, w->zCause);
  }
}

static void job_delete_rows(World *w, Job *j, const char *zSql){
  StoreStmt *s = store_write(w->pStore, zSql);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_run(w->pStore, s);
}

void job_config_changed(World *w, Job *j){
  int64_t id;
  audit_write(w, j->iSource, "ProvisioningManagement", "Update attribute mappings or scope",
              ACTOR_ADMIN, "ServicePrincipal", j->zServicePrincipal, j->zKey, j->zJobId);
  j->bNeedInitial = 1;
  if( j->bScheduled && !j->run.bRunning ) j->tNextCycle = w->tNow;
  for(id=1; id<=w->nUser; id++){
    if( w->aUser[id-1].iTenant==j->iSource ) desired_update(w, j, id, w->zCause);
  }
}

void job_set_mapping(World *w, Job *j, MapEntry *aMap, int nMap, unsigned mActions, int bChange){
  mapping_free(j->aMap, j->nMap);
  j->aMap = aMap;
  j->nMap = nMap;
  j->mObjectActions = mActions;
  job_delete_rows(w, j, zSqlMappingDel);
  job_save_mapping(w, j);
  job_save(w, j);
  if( bChange ) job_config_changed(w, j);
}

void job_clear_filters(World *w, Job *j){
  int i, k;
  for(i=0; i<j->nFilter; i++){
    for(k=0; k<j->aFilter[i].nClause; k++) scope_clause_clear(&j->aFilter[i].aClause[k]);
    mem_free(j->aFilter[i].aClause);
    mem_free(j->aFilter[i].zTitle);
  }
  mem_free(j->aFilter);
  j->aFilter = NULL;
  j->nFilter = 0;
  job_delete_rows(w, j, zSqlFilterDel);
}

int job_find(const World *w, const char *zKey){
  int i;
  for(i=0; i<w->nJob; i++){
    if( strcmp(w->aJob[i].zKey, zKey)==0 ) return i;
  }
  return -1;
}

void job_clear(Job *j){
  int i, k;
  mem_free(j->zKey);
  mem_free(j->aGroupAssign);
  for(i=0; i<j->nFilter; i++){
    for(k=0; k<j->aFilter[i].nClause; k++) scope_clause_clear(&j->aFilter[i].aClause[k]);
    mem_free(j->aFilter[i].aClause);
    mem_free(j->aFilter[i].zTitle);
  }
  mem_free(j->aFilter);
  mapping_free(j->aMap, j->nMap);
  mem_free(j->zGateError);
  mem_free(j->zNotifyTo);
  pair_free_all(j);
  mem_free(j->aDirty);
  mem_free(j->aEscrow);
  mem_free(j->aGPair);
  mem_free(j->aGDirty);
  mem_free(j->run.aWork);
}
