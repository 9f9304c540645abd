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

#define ACTOR_SYNC "Microsoft.Azure.SyncFabric"

static const char zSqlGroupLink[] =
  "INSERT OR REPLACE INTO group_links(job, source_group, target_group, linked_at)"
  " VALUES(?1,?2,?3,?4)";
static const char zSqlGroupDeleted[] = "UPDATE groups SET deleted_at=?2 WHERE idx=?1";
static const char zSqlGroupCreatedBy[] = "UPDATE groups SET created_by_job=?2 WHERE idx=?1";
static const char zSqlGroupName[] = "UPDATE groups SET display_name=?2 WHERE idx=?1";
static const char zSqlGroupLog[] =
  "INSERT INTO provisioning_log(activity_at, job, cycle, change_id, action, status,"
  " error_code, reason, source_user, target_user, source_display, target_display,"
  " duration_ms, change_type, scope_active, scope_assigned, scope_filter, skip_reason,"
  " match_result, export_step, modified_properties, object_type, source_group, target_group)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,NULL,NULL,?9,?10,?11,?12,1,?13,1,?14,?15,?16,?17,'Group',?18,?19)";

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
  sqlite3_stmt *s = store_stmt(w->pStore, zSql);
  if( s==NULL ) return;
  sqlite3_bind_int(s, 1, iG);
  sqlite3_bind_int64(s, 2, v);
  store_run(w->pStore, s);
}

static void group_audit(World *w, Job *j, const char *zActivity, int iTG, const char *zDetail){
  const Group *t = &w->aGroup[iTG];
  audit_write(w, j->iTarget, "GroupManagement", zActivity, ACTOR_SYNC, "Group",
              t->zObjectId, t->zDisplayName, zDetail);
}

/* Make target group iTG's members the provisioned direct members of iG.
** Appends ["members", "-removed", "+added"] counts to b. Returns the number
** of membership changes. */
static int group_sync_members(World *w, Job *j, int iG, int iTG, StrBuf *b){
  int64_t id;
  int nAdd = 0, nDel = 0, nMissing = 0;
  for(id=1; id<=w->nUser; id++){
    User *u = &w->aUser[id-1];
    if( u->iTenant==j->iSource && directory_is_member(u, iG) ){
      int64_t idT = id<=j->nPair ? j->aPair[id-1].iTarget : 0;
      if( idT && user_is_live(world_user(w, idT)) ){
        if( directory_member_add(w, iTG, idT)>0 ){
          nAdd++;
          group_audit(w, j, "Add member to group", iTG,
                      world_user(w, idT)->azAttr[A_USER_PRINCIPAL_NAME]);
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
          group_audit(w, j, "Remove member from group", iTG, u->azAttr[A_USER_PRINCIPAL_NAME]);
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
  return nAdd + nDel;
}

int64_t groupsync_object(World *w, Job *j, int iG){
  Group *g = &w->aGroup[iG];
  GroupPair *gp = pair_group_get(w, j, iG);
  int iTG = gp && gp->iTarget ? gp->iTarget-1 : -1;
  int bAssigned = scope_group_is_assigned(j, iG);
  const char *zChangeType;
  const char *zAction = "other", *zStatus = "skipped", *zCode = NULL, *zReason = NULL;
  const char *zExport = NULL, *zMatch = NULL, *zFault;
  CostKind eCost = COST_SKIP;
  StrBuf b;
  char zChange[TS_GUID_SIZE], zWhy[300];
  sqlite3_stmt *s;
  if( gp==NULL ) return 0;
  if( iTG>=0 && w->aGroup[iTG].tDeleted>=0 ) iTG = -1;
  zChangeType = !bAssigned ? "Delete" : iTG<0 ? "Add" : "Update";
  strbuf_init(&b);
  strbuf_appendc(&b, '[');
  if( !j->bGroupSync ){
    zCode = "EntityTypeNotSupported";
    zReason = "Group objects are not synchronized: the group mapping (Provision Microsoft"
              " Entra ID Groups) is not enabled";
  }else if( !policy_effective(w, j->iTarget, j->iSource, PF_GROUP_SYNC_INBOUND) ){
    zReason = "The target tenant does not allow group synchronization from this tenant"
              " (groupSyncInbound.isSyncAllowed)";
  }else if( !group_supported(g) ){
    zReason = "This group type cannot be synchronized (only security and Microsoft 365"
              " groups are)";
  }else if( bAssigned ){
    if( (zFault = faults_export_error(w, j->iTarget))!=NULL ){
      zAction = iTG<0 ? "create" : "update";
      zStatus = "failure";
      zCode = zFault;
      snprintf(zWhy, sizeof(zWhy), "The export to %s failed with %s. The operation is escrowed"
               " and will be retried.", w->aTenant[j->iTarget].zKey, zFault);
      zReason = zWhy;
      pair_group_mark_dirty(w, j, iG);
      j->run.nEscrowed++;
      j->stats.nFailure++;
      eCost = COST_WRITE;
    }else if( iTG<0 ){
      iTG = directory_group_add_from(w, j->iTarget, g->zKey, g->zDisplayName, "Security", g->zObjectId);
      if( iTG<0 ){ strbuf_free(&b); return 0; }
      g = &w->aGroup[iG];               /* directory_group_add may move the array */
      w->aGroup[iTG].iCreatedByJob = (int)(j - w->aJob);
      group_set(w, zSqlGroupCreatedBy, iTG, (int)(j - w->aJob));
      gp = pair_group_get(w, j, iG);
      gp->iTarget = iTG+1;
      s = store_stmt(w->pStore, zSqlGroupLink);
      if( s ){
        sqlite3_bind_int(s, 1, (int)(j - w->aJob));
        sqlite3_bind_int(s, 2, iG);
        sqlite3_bind_int(s, 3, iTG);
        sqlite3_bind_int64(s, 4, w->tNow);
        store_run(w->pStore, s);
      }
      strbuf_append(&b, "[\"displayName\",null,");
      strbuf_json_string(&b, g->zDisplayName);
      strbuf_append(&b, "],[\"groupType\",null,\"Security\"]");
      group_audit(w, j, "Add group", iTG, g->zKey);
      group_sync_members(w, j, iG, iTG, &b);
      zAction = "create"; zStatus = "success"; zExport = "EntryExportAdd"; zMatch = "none";
      eCost = COST_CREATE;
    }else{
      int nChanges = 0;
      if( strcmp(w->aGroup[iTG].zDisplayName, g->zDisplayName)!=0 ){
        char *zNew = mem_strdup(g->zDisplayName);
        strbuf_append(&b, "[\"displayName\",");
        strbuf_json_string(&b, w->aGroup[iTG].zDisplayName);
        strbuf_appendc(&b, ',');
        strbuf_json_string(&b, g->zDisplayName);
        strbuf_appendc(&b, ']');
        if( zNew ){
          mem_free(w->aGroup[iTG].zDisplayName);
          w->aGroup[iTG].zDisplayName = zNew;
          s = store_stmt(w->pStore, zSqlGroupName);
          if( s ){ sqlite3_bind_int(s, 1, iTG); store_bind_text(s, 2, zNew); store_run(w->pStore, s); }
        }
        nChanges++;
      }
      nChanges += group_sync_members(w, j, iG, iTG, &b);
      if( nChanges ){
        zAction = "update"; zStatus = "success"; zExport = "EntryExportUpdate";
        group_audit(w, j, "Update group", iTG, g->zKey);
        eCost = COST_WRITE;
      }else{
        zReason = "The Group is already in the desired state; no change needed";
      }
    }
  }else if( iTG>=0 ){
    if( j->run.bStaging ){
      zAction = "stagedDelete";
      deletion_staged_reason(j, "delete", zWhy, sizeof(zWhy));
      zReason = zWhy;
      pair_group_mark_dirty(w, j, iG);
    }else if( !(j->mObjectActions & OBJ_ACT_DELETE) ){
      zReason = "Delete is not an enabled target object action of this job";
    }else{
      int64_t idM;
      w->aGroup[iTG].tDeleted = w->tNow;
      group_set(w, zSqlGroupDeleted, iTG, w->tNow);
      for(idM=1; idM<=w->nUser; idM++){       /* a deleted group has no members */
        if( w->aUser[idM-1].iTenant==j->iTarget ) directory_member_remove(w, iTG, idM);
      }
      group_audit(w, j, "Delete group", iTG, g->zKey);
      strbuf_append(&b, "[\"IsSoftDeleted\",\"False\",\"True\"]");
      zAction = "delete"; zStatus = "success"; zExport = "EntryExportDelete";
      eCost = COST_WRITE;
    }
  }else{
    zReason = "The Group is not assigned and has no group in the target";
  }
  strbuf_appendc(&b, ']');
  if( b.bErr ) w->bNoMem = 1;
  rng_guid(&w->rngRunIds, zChange);
  s = store_stmt(w->pStore, zSqlGroupLog);
  if( s ){
    int64_t ms = (int64_t)((double)costmodel_object_ms(w, j->run.rMinutesPerCreate, eCost)
                           * faults_throttle(w, j->iTarget));
    sqlite3_bind_int64(s, 1, w->tNow);
    sqlite3_bind_int(s, 2, (int)(j - w->aJob));
    sqlite3_bind_int64(s, 3, j->run.iRow);
    store_bind_text(s, 4, zChange);
    store_bind_text(s, 5, zAction);
    store_bind_text(s, 6, zStatus);
    store_bind_text(s, 7, zCode);
    store_bind_text(s, 8, zReason);
    store_bind_text(s, 9, g->zDisplayName);
    store_bind_text(s, 10, iTG>=0 ? w->aGroup[iTG].zDisplayName : NULL);
    sqlite3_bind_int64(s, 11, ms);
    store_bind_text(s, 12, zChangeType);
    sqlite3_bind_int(s, 13, bAssigned);
    store_bind_text(s, 14, bAssigned ? NULL : "unassigned");
    store_bind_text(s, 15, zMatch);
    store_bind_text(s, 16, zExport);
    store_bind_text(s, 17, strbuf_str(&b));
    sqlite3_bind_int(s, 18, iG);
    store_bind_opt_int(s, 19, iTG, iTG<0);
    store_run(w->pStore, s);
    strbuf_free(&b);
    j->run.nImported++;
    if( zExport ) j->run.nExported++; else j->run.nSkipped++;
    if( zExport ){
      if( zAction[0]=='c' ) j->stats.nCreate++;
      else if( zAction[0]=='u' ) j->stats.nUpdate++;
      else j->stats.nDelete++;
    }
    return ms;
  }
  strbuf_free(&b);
  return 0;
}
