/*
** groupsync.c — cross-tenant group synchronization (see groupsync.h).
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "audit.h"
#include "costmodel.h"
#include "deletion.h"
#include "directory.h"
#include "faults.h"
#include "job.h"
#include "policy.h"
#include "scope.h"
#include "strbuf.h"
#include "groupsync.h"

#define ACTOR_SYNC AUDIT_ACTOR_SYNC

static const char zSqlGroupLink[] =
  "INSERT OR REPLACE INTO group_links(job, source_group, target_group, linked_at)"
  " VALUES(?1,?2,?3,?4)";
static const char zSqlGroupCreatedBy[] = "UPDATE groups SET created_by_job=?2 WHERE idx=?1";
static const char zSqlGroupName[] = "UPDATE groups SET display_name=?2 WHERE idx=?1";
static const char zSqlGroupLog[] =
  "INSERT INTO provisioning_log_rows(activity_at, job, cycle, change_id, action, status,"
  " error_code, reason, source_user, target_user, source_display, target_display,"
  " duration_ms, change_type, scope_active, scope_assigned, scope_filter, skip_reason,"
  " match_result, export_step, modified_properties, object_type, source_group, target_group,"
  " stop_step)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,NULL,NULL,?9,?10,?11,?12,1,?13,1,?14,?15,?16,?17,'Group',?18,?19,"
  "?20)";

void groupsync_member_changed(World *w, Job *j, const User *u){
  int k;
  for(k=0; k<u->nGroup; k++){
    if( scope_group_is_assigned(j, u->aGroup[k]) ) pair_group_mark_dirty(w, j, u->aGroup[k]);
  }
}

int64_t groupsync_work(World *w, Job *j, int bInitial, int64_t *aWork, int64_t nWork){
  int i;
  if( bInitial ){
    for(i=0; i<w->nGroup; i++){
      GroupPair *g;
      if( w->aGroup[i].iTenant!=j->iSource ) continue;
      g = pair_group_get(w, j, i);
      if( g && (scope_group_is_assigned(j, i) || g->iTarget) ) aWork[nWork++] = -(int64_t)(i+1);
    }
  }else{
    for(i=0; i<j->nGDirty; i++) aWork[nWork++] = -(int64_t)(j->aGDirty[i]+1);
  }
  for(i=0; i<j->nGDirty; i++) j->aGPair[j->aGDirty[i]].bDirty = 0;
  j->nGDirty = 0;
  return nWork;
}

static int group_supported(const Group *g){
  return strcmp(g->zType, "Security")==0 || strcmp(g->zType, "Microsoft365")==0;
}

static void group_set(World *w, const char *zSql, int iG, int64_t v){
  StoreStmt *s = store_write(w->pStore, zSql);
  if( s==NULL ) return;
  store_put_int(s, 1, iG);
  store_put_int(s, 2, v);
  store_run(w->pStore, s);
}

static void group_audit(World *w, Job *j, const char *zActivity, int iTG, const char *zDetail){
  const Group *t = &w->aGroup[iTG];
  audit_write(w, j->iTarget, "GroupManagement", zActivity, ACTOR_SYNC, "Group",
              t->zObjectId, t->zDisplayName, zDetail);
}

/* Make target group iTG's members the provisioned direct members of iG.
** Appends ["members", "-removed", "+added"] counts to b. Returns the number
** of membership changes.
**
** Nested groups: "Nested groups aren't supported" among the restrictions
** for synchronizing groups (cross-tenant synchronization overview, FAQ),
** and "Provisioning nested groups beyond the first level is not supported"
** (known issues). So a member group of iG is not made a member of iTG,
** whether or not it is synced itself, and its members do not come with it
** (they are not members of iG). The documentation does not say how the
** log shows it; tenantsim counts the left-out member groups as
** ["memberGroupsNotProvisioned", null, "n"] (README, "Where tenantsim had
** to choose"). */
static int group_sync_members(World *w, Job *j, int iG, int iTG, StrBuf *b){
  int64_t id;
  int nAdd = 0, nDel = 0, nMissing = 0;
  for(id=1; id<=w->nUser; id++){
    User *u = &w->aUser[id-1];
    if( u->iTenant==j->iSource && directory_is_member(u, iG) ){
      const Pair *p = pair_peek(j, id);
      int64_t idT = p ? p->iTarget : 0;
      if( idT && user_is_live(world_user(w, idT)) ){
        if( directory_member_add(w, iTG, idT)>0 ){
          nAdd++;
          group_audit(w, j, "Add member to group", iTG,
                      world_user_attr(w, world_user(w, idT), A_USER_PRINCIPAL_NAME));
        }
      }else{
        nMissing++;
      }
    }else if( u->iTenant==j->iTarget && directory_is_member(u, iTG) ){
      /* A member whose source user left the group (or is gone) is removed. */
      const User *s = u->idLinkSource ? world_user(w, u->idLinkSource) : NULL;
      if( s==NULL || !directory_is_member(s, iG) || !user_is_live(u) ){
        if( directory_member_remove(w, iTG, id)>0 ){
          nDel++;
          group_audit(w, j, "Remove member from group", iTG, world_user_attr(w, u, A_USER_PRINCIPAL_NAME));
        }
      }
    }
  }
  if( nAdd || nDel ){
    strbuf_printf(b, "%s[\"members\",\"-%d\",\"+%d\"]", b->n>1 ? "," : "", nDel, nAdd);
  }
  if( nMissing ){
    strbuf_printf(b, "%s[\"membersNotProvisioned\",null,\"%d\"]", b->n>1 ? "," : "", nMissing);
  }
  if( w->aGroup[iG].nMemberGroup ){
    strbuf_printf(b, "%s[\"memberGroupsNotProvisioned\",null,\"%d\"]", b->n>1 ? "," : "",
                  w->aGroup[iG].nMemberGroup);
  }
  return nAdd + nDel;
}

/* The evaluation of one source group in a cycle, shared by
** groupsync_object and the functions it hands each case to. */
typedef struct GroupObj {
  int iG;                  /* the source group */
  int iTG;                 /* its live target group, or -1 */
  int iSoft;               /* its soft-deleted target group, restorable, or -1 */
  int bAssigned;           /* assigned to the job */
  const char *zChangeType; /* Add | Update | Delete */
  const char *zAction, *zStatus, *zCode, *zReason, *zExport, *zMatch;
  const char *zStopStep;   /* on demand: where it stopped (provlog.h) */
  CostKind eCost;
  StrBuf b;                /* modified properties */
  char zWhy[TS_REASON_MAX];          /* reason text built for this group */
} GroupObj;

/* The target group of an assigned group is created, with its members.
** A group created again after its predecessor was hard-deleted is a new
** object: its id is derived from the predecessor's, not from the source
** group's (which named the first). Returns -1 when the group could not be
** added (out of memory), else 0. */
static int group_create(World *w, Job *j, GroupObj *o){
  Group *g;
  GroupPair *gp = pair_group_get(w, j, o->iG);
  StoreStmt *s;
  char zFrom[TS_GUID_SIZE];
  int iTG;
  snprintf(zFrom, sizeof(zFrom), "%s", gp->iTarget ? w->aGroup[gp->iTarget-1].zObjectId
                                                   : w->aGroup[o->iG].zObjectId);
  iTG = directory_group_add_from(w, j->iTarget, w->aGroup[o->iG].zKey,
                                 w->aGroup[o->iG].zDisplayName, "Security", zFrom);
  if( iTG<0 ) return -1;
  o->iTG = iTG;
  g = &w->aGroup[o->iG];               /* directory_group_add may move the array */
  gp = pair_group_get(w, j, o->iG);
  w->aGroup[iTG].iCreatedByJob = (int)(j - w->aJob);
  group_set(w, zSqlGroupCreatedBy, iTG, (int)(j - w->aJob));
  /* Graph beta originTenantInfo: "ID of the original object in the source
  ** Microsoft Entra tenant the object was synchronized from" and "ID of the
  ** source Microsoft Entra tenant" (crossTenantResource). */
  directory_group_set_origin(w, iTG, g->zObjectId, w->aTenant[j->iSource].zTenantId);
  gp->iTarget = iTG+1;
  s = store_write(w->pStore, zSqlGroupLink);
  if( s ){
    store_put_int(s, 1, (int)(j - w->aJob));
    store_put_int(s, 2, o->iG);
    store_put_int(s, 3, iTG);
    store_put_int(s, 4, w->tNow);
    store_run(w->pStore, s);
  }
  strbuf_append(&o->b, "[\"displayName\",null,");
  strbuf_json_string(&o->b, g->zDisplayName);
  strbuf_append(&o->b, "],[\"groupType\",null,\"Security\"]");
  group_audit(w, j, "Add group", iTG, g->zKey);
  group_sync_members(w, j, o->iG, iTG, &o->b);
  o->zAction = "create"; o->zStatus = "success"; o->zExport = "EntryExportAdd"; o->zMatch = "none";
  o->eCost = COST_CREATE;
  return 0;
}

/* The target group of an assigned group follows its name and members. */
static void group_update(World *w, Job *j, GroupObj *o){
  const Group *g = &w->aGroup[o->iG];
  Group *tg = &w->aGroup[o->iTG];
  int nChanges = 0;
  StoreStmt *s;
  if( strcmp(tg->zDisplayName, g->zDisplayName)!=0 ){
    char *zNew = mem_strdup(g->zDisplayName);
    strbuf_append(&o->b, o->b.n>1 ? ",[\"displayName\"," : "[\"displayName\",");
    strbuf_json_string(&o->b, tg->zDisplayName);
    strbuf_appendc(&o->b, ',');
    strbuf_json_string(&o->b, g->zDisplayName);
    strbuf_appendc(&o->b, ']');
    if( zNew ){
      mem_free(tg->zDisplayName);
      tg->zDisplayName = zNew;
      s = store_write(w->pStore, zSqlGroupName);
      if( s ){ store_put_int(s, 1, o->iTG); store_put_text(s, 2, zNew); store_run(w->pStore, s); }
    }
    nChanges++;
  }
  nChanges += group_sync_members(w, j, o->iG, o->iTG, &o->b);
  if( nChanges ){
    o->zAction = "update"; o->zStatus = "success"; o->zExport = "EntryExportUpdate";
    group_audit(w, j, "Update group", o->iTG, g->zKey);
    o->eCost = COST_WRITE;
  }else{
    o->zReason = "The Group is already in the desired state; no change needed";
  }
}

/* The soft-deleted target group of a group assigned again is restored
** and brought up to date (groupSoftDelete on). Microsoft documents the
** restore of a soft-deleted security group by an administrator ("recover
** deleted groups within a 30-day retention period"), not what cross-tenant
** sync does; tenantsim restores it as the service restores a user who is
** in scope again within 30 days of the soft delete (README, "Where
** tenantsim had to choose"). The log row is an update, as a user's. */
static void group_restore(World *w, Job *j, GroupObj *o){
  o->iTG = o->iSoft;
  directory_group_restore(w, o->iTG);
  group_audit(w, j, "Restore group", o->iTG, w->aGroup[o->iG].zKey);
  strbuf_append(&o->b, "[\"IsSoftDeleted\",\"True\",\"False\"]");
  group_update(w, j, o);
  o->zAction = "update"; o->zStatus = "success"; o->zExport = "EntryExportUpdate";
  o->zReason = NULL;
  o->eCost = COST_WRITE;
}

/* An assigned group: an injected fault fails it (queued again), else its
** target group is created, restored or updated. Returns -1 out of memory,
** else 0. */
static int group_export_assigned(World *w, Job *j, GroupObj *o){
  const char *zFault = faults_export_error(w, j->iTarget);
  if( zFault!=NULL ){
    o->zAction = o->iTG<0 && o->iSoft<0 ? "create" : "update";
    o->zStatus = "failure";
    o->zCode = zFault;
    snprintf(o->zWhy, sizeof(o->zWhy), "The export to %s failed with %s. The operation is"
             " escrowed and will be retried.", w->aTenant[j->iTarget].zKey, zFault);
    o->zReason = o->zWhy;
    pair_group_mark_dirty(w, j, o->iG);
    j->run.nEscrowed++;
    j->stats.nFailure++;
    o->eCost = COST_WRITE;
  }else if( o->iSoft>=0 ){
    group_restore(w, j, o);
  }else if( o->iTG<0 ){
    return group_create(w, j, o);
  }else{
    group_update(w, j, o);
  }
  return 0;
}

/* A group no longer assigned whose target group is live: deleted, unless
** the deletion threshold holds it back (deletion.h) or deletes are off.
** With groupSoftDelete on it is soft-deleted ("When a cloud security group
** is deleted, it is not immediately removed from the directory; instead,
** it enters a soft-deleted state", what's new, November 2025, preview) and
** restorable for softDeleteRetention; off, it is gone at once. Either way
** its memberships end: a deleted group gives its members nothing (the
** restore writes the job's current members back). */
static void group_deprovision(World *w, Job *j, GroupObj *o){
  int64_t idM;
  if( j->run.bStaging ){
    o->zAction = "stagedDelete";
    deletion_staged_reason(j, "delete", o->zWhy, sizeof(o->zWhy));
    o->zReason = o->zWhy;
    pair_group_mark_dirty(w, j, o->iG);
  }else if( !(j->mObjectActions & OBJ_ACT_DELETE) ){
    o->zReason = "Delete is not an enabled target object action of this job";
  }else{
    directory_group_delete(w, o->iTG, w->params.bGroupSoftDelete);
    for(idM=1; idM<=w->nUser; idM++){       /* a deleted group has no members */
      if( w->aUser[idM-1].iTenant==j->iTarget ) directory_member_remove(w, o->iTG, idM);
    }
    group_audit(w, j, "Delete group", o->iTG, w->aGroup[o->iG].zKey);
    strbuf_append(&o->b, "[\"IsSoftDeleted\",\"False\",\"True\"]");
    o->zAction = "delete"; o->zStatus = "success"; o->zExport = "EntryExportDelete";
    o->eCost = COST_WRITE;
  }
}

/* Write the group's provisioning-log row and count it. Returns its cost in
** milliseconds (0 when the row could not be prepared). */
static int64_t group_log(World *w, Job *j, GroupObj *o){
  const Group *g = &w->aGroup[o->iG];
  char zChange[TS_GUID_SIZE];
  StoreStmt *s;
  int64_t ms;
  rng_guid(&w->rngRunIds, zChange);
  s = store_write(w->pStore, zSqlGroupLog);
  if( s==NULL ) return 0;
  ms = (int64_t)((double)costmodel_object_ms(w, j->run.rMinutesPerCreate, o->eCost)
                 * faults_throttle(w, j->iTarget));
  store_put_int(s, 1, w->tNow);
  store_put_int(s, 2, (int)(j - w->aJob));
  store_put_int(s, 3, j->run.iRow);
  store_put_text(s, 4, zChange);
  store_put_text(s, 5, o->zAction);
  store_put_text(s, 6, o->zStatus);
  store_put_text(s, 7, o->zCode);
  store_put_text(s, 8, o->zReason);
  store_put_text(s, 9, g->zDisplayName);
  store_put_text(s, 10, o->iTG>=0 ? w->aGroup[o->iTG].zDisplayName : NULL);
  store_put_int(s, 11, ms);
  store_put_text(s, 12, o->zChangeType);
  store_put_int(s, 13, o->bAssigned);
  store_put_text(s, 14, o->bAssigned ? NULL : "unassigned");
  store_put_text(s, 15, o->zMatch);
  store_put_text(s, 16, o->zExport);
  store_put_text(s, 17, strbuf_str(&o->b));
  store_put_int(s, 18, o->iG);
  store_put_opt_int(s, 19, o->iTG, o->iTG<0);
  store_put_text(s, 20, o->zStopStep);
  store_run(w->pStore, s);
  j->run.nImported++;
  if( o->zExport ) j->run.nExported++; else j->run.nSkipped++;
  if( o->zExport ){
    if( o->zAction[0]=='c' ) j->stats.nCreate++;
    else if( o->zAction[0]=='u' ) j->stats.nUpdate++;
    else j->stats.nDelete++;
  }
  return ms;
}

/* Start the evaluation of source group iG by j in *o: skipped until
** decided, its modified-properties array opened. Returns -1 when the group
** pair could not be had (w->bNoMem set), else 0. */
static int group_obj_begin(World *w, Job *j, int iG, GroupObj *o){
  GroupPair *gp = pair_group_get(w, j, iG);
  if( gp==NULL ) return -1;
  memset(o, 0, sizeof(*o));
  o->iG = iG;
  o->iTG = gp->iTarget ? gp->iTarget-1 : -1;
  o->bAssigned = scope_group_is_assigned(j, iG);
  o->zAction = "other";
  o->zStatus = "skipped";
  o->eCost = COST_SKIP;
  o->iSoft = -1;
  if( o->iTG>=0 && w->aGroup[o->iTG].tDeleted>=0 ){
    if( w->aGroup[o->iTG].tPurged<0 ) o->iSoft = o->iTG;
    o->iTG = -1;
  }
  o->zChangeType = !o->bAssigned ? "Delete" : o->iTG<0 && o->iSoft<0 ? "Add" : "Update";
  strbuf_init(&o->b);
  strbuf_appendc(&o->b, '[');
  return 0;
}

void groupsync_on_demand_refused(World *w, Job *j, int iG, const char *zReason){
  GroupObj o;
  if( group_obj_begin(w, j, iG, &o) ) return;
  o.zStatus = "failure";
  o.zCode = "EntityTypeNotSupported";
  o.zReason = zReason;
  o.zStopStep = "import";
  strbuf_appendc(&o.b, ']');
  if( o.b.bErr ) w->bNoMem = 1;
  group_log(w, j, &o);
  strbuf_free(&o.b);
}

int64_t groupsync_object(World *w, Job *j, int iG){
  GroupObj o;
  int64_t ms = 0;
  if( group_obj_begin(w, j, iG, &o) ) return 0;
  if( !j->bGroupSync ){
    o.zCode = "EntityTypeNotSupported";
    o.zReason = "Group objects are not synchronized: the group mapping (Provision Microsoft"
                " Entra ID Groups) is not enabled";
  }else if( !policy_effective(w, j->iTarget, j->iSource, PF_GROUP_SYNC_INBOUND) ){
    o.zReason = "The target tenant does not allow group synchronization from this tenant"
                " (groupSyncInbound.isSyncAllowed)";
  }else if( !group_supported(&w->aGroup[iG]) ){
    o.zReason = "This group type cannot be synchronized (only security and Microsoft 365"
                " groups are)";
  }else if( o.bAssigned ){
    if( group_export_assigned(w, j, &o) ) goto out_free_buf;
  }else if( o.iTG>=0 ){
    group_deprovision(w, j, &o);
  }else{
    o.zReason = "The Group is not assigned and has no group in the target";
  }
  strbuf_appendc(&o.b, ']');
  if( o.b.bErr ) w->bNoMem = 1;
  ms = group_log(w, j, &o);
out_free_buf:
  strbuf_free(&o.b);
  return ms;
}
