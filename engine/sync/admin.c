/*
** admin.c — administrator actions on tenants (see admin.h).
*/
#include <stdio.h>
#include <string.h>
#include "desired.h"
#include "audit.h"
#include "directory.h"
#include "job.h"
#include "groupsync.h"
#include "mto.h"
#include "admin.h"

#define ACTOR_ADMIN "admin"

static void admin_audit_user(World *w, const char *zCategory, const char *zActivity,
                             int64_t id, const char *zDetail){
  User *u = world_user(w, id);
  audit_write(w, u->iTenant, zCategory, zActivity, ACTOR_ADMIN, "User",
              u->zObjectId, world_user_attr(w, u, A_USER_PRINCIPAL_NAME), zDetail);
}

int64_t admin_hire(World *w, int iTenant, const char *zKey, const char *const *azAttr){
  int64_t id = directory_user_add(w, iTenant, zKey, azAttr, NULL, NULL, -1);
  if( id<0 ) return -1;
  admin_audit_user(w, "UserManagement", "Add user", id, NULL);
  desired_source_changed(w, id, w->zCause ? w->zCause : "hire");
  return id;
}

int admin_update(World *w, int64_t id, int iAttr, const char *zValue){
  User *u = world_user(w, id);
  const char *zOld = world_user_attr(w, u, iAttr);
  if( (zOld==NULL && zValue==NULL) || (zOld && zValue && strcmp(zOld, zValue)==0) ) return 0;
  if( directory_user_set(w, id, iAttr, zValue) ) return -1;
  admin_audit_user(w, "UserManagement",
                   iAttr==A_ACCOUNT_ENABLED ? (attr_is_true(zValue) ? "Enable account"
                                                                    : "Disable account")
                                            : "Update user",
                   id, world_attr_name(w, iAttr));
  desired_source_changed(w, id, w->zCause ? w->zCause : "update");
  return 0;
}

int admin_delete(World *w, int64_t id){
  if( !user_is_live(world_user(w, id)) ) return 0;
  directory_user_soft_delete(w, id);
  admin_audit_user(w, "UserManagement", "Delete user", id, NULL);
  desired_source_changed(w, id, w->zCause ? w->zCause : "terminate");
  return 1;
}

int admin_restore(World *w, int64_t id){
  User *u = world_user(w, id);
  if( u->tDeleted<0 || u->tPurged>=0 ) return 0;
  directory_user_restore(w, id);
  admin_audit_user(w, "UserManagement", "Restore user", id, NULL);
  desired_source_changed(w, id, w->zCause ? w->zCause : "restore");
  return 1;
}

/* Group iGroup's members changed: every group-sync job that has it
** assigned evaluates it again in its next cycle. */
static void admin_group_changed(World *w, int iGroup){
  int i, k;
  for(i=0; i<w->nJob; i++){
    Job *j = &w->aJob[i];
    if( j->iSource!=w->aGroup[iGroup].iTenant || !j->bGroupSync || !job_exists(j) ) continue;
    for(k=0; k<j->nGroupAssign; k++) if( j->aGroupAssign[k]==iGroup ) pair_group_mark_dirty(w, j, iGroup);
  }
}

int admin_member(World *w, int iGroup, int64_t id, int bAdd){
  return admin_member_by(w, iGroup, id, bAdd, ACTOR_ADMIN,
                         w->zCause ? w->zCause : (bAdd ? "add_member" : "remove_member"));
}

int admin_member_by(World *w, int iGroup, int64_t id, int bAdd, const char *zActor,
                    const char *zCause){
  Group *g = &w->aGroup[iGroup];
  User *u;
  int rc = bAdd ? directory_member_add(w, iGroup, id) : directory_member_remove(w, iGroup, id);
  if( rc<=0 ) return rc;
  u = world_user(w, id);
  audit_write(w, g->iTenant, "GroupManagement",
              bAdd ? "Add member to group" : "Remove member from group", zActor,
              "Group", g->zObjectId, g->zDisplayName, world_user_attr(w, u, A_USER_PRINCIPAL_NAME));
  desired_source_changed(w, id, zCause);
  admin_group_changed(w, iGroup);
  return 1;
}

int admin_group_member(World *w, int iGroup, int iMember, int bAdd){
  Group *g = &w->aGroup[iGroup];
  int rc = bAdd ? directory_group_member_add(w, iGroup, iMember)
                : directory_group_member_remove(w, iGroup, iMember);
  if( rc<=0 ) return rc;
  audit_write(w, g->iTenant, "GroupManagement",
              bAdd ? "Add member to group" : "Remove member from group", ACTOR_ADMIN,
              "Group", g->zObjectId, g->zDisplayName, w->aGroup[iMember].zDisplayName);
  /* No user enters or leaves a scope: an assignment of g brings in its
  ** direct (user) members only. A group-sync job still reads the changed
  ** group in its next cycle, and logs the member group it cannot nest. */
  admin_group_changed(w, iGroup);
  return 1;
}

/* The audit row of a change to iTenant's configuration for iPartner (-1:
** its default policy). */
static void admin_audit_policy(World *w, int iTenant, int iPartner, const char *zCategory,
                               const char *zActivity, const char *zDetail){
  audit_write(w, iTenant, zCategory, zActivity, ACTOR_ADMIN, "Policy",
              iPartner<0 ? "default" : w->aTenant[iPartner].zTenantId,
              iPartner<0 ? "default" : w->aTenant[iPartner].zKey, zDetail);
}

int admin_partner_add(World *w, int iTenant, int iPartner){
  char zDetail[80];
  if( policy_find(w, iTenant, iPartner) ) return 0;
  if( policy_add(w, iTenant, iPartner)==NULL ) return -1;
  snprintf(zDetail, sizeof(zDetail), "tenantId=%s", w->aTenant[iPartner].zTenantId);
  admin_audit_policy(w, iTenant, iPartner, "CrossTenantAccessSettings",
                     "Add a partner to cross-tenant access setting", zDetail);
  return 1;
}

static const char zSqlDeletedSync[] =
  "INSERT INTO deleted_policies(tenant, partner, deleted_at, user_sync_inbound)"
  " VALUES(?1,?2,?3,?4)";

int admin_partner_remove(World *w, int iTenant, int iPartner){
  char zDetail[80];
  int bAllowed = iPartner>=0 ? policy_effective(w, iTenant, iPartner, PF_USER_SYNC_INBOUND) : 0;
  int bSync = policy_remove(w, iTenant, iPartner);
  if( bSync<0 ) return 0;
  snprintf(zDetail, sizeof(zDetail), "tenantId=%s", w->aTenant[iPartner].zTenantId);
  /* Graph: a configuration's user synchronization policy must be deleted
  ** before the configuration itself. The deleted sync policy stays
  ** restorable for 30 days (policyDeletableItem). */
  if( bSync ){
    StoreStmt *s = store_write(w->pStore, zSqlDeletedSync);
    admin_audit_policy(w, iTenant, iPartner, "CrossTenantIdentitySyncSettings",
                       "Delete a partner cross-tenant identity sync setting", zDetail);
    if( s ){
      store_put_int(s, 1, iTenant);
      store_put_int(s, 2, iPartner);
      store_put_int(s, 3, w->tNow);
      store_put_int(s, 4, bAllowed==1);
      store_run(w->pStore, s);
    }
  }
  admin_audit_policy(w, iTenant, iPartner, "CrossTenantAccessSettings",
                     "Delete partner specific cross-tenant access setting", zDetail);
  return 1;
}

void admin_policy(World *w, int iTenant, int iPartner, PolicyField f, int v){
  const char *zCategory, *zActivity;
  char zDetail[160];
  Policy *p;
  int bSyncField = policy_field_is_sync(f);
  /* The portal adds a partner that has no configuration before saving a
  ** setting for it. */
  if( iPartner>=0 && admin_partner_add(w, iTenant, iPartner)<0 ) return;
  p = iPartner>=0 ? policy_find(w, iTenant, iPartner) : NULL;
  if( bSyncField && p && !p->bSyncSetting ){
    zCategory = "CrossTenantIdentitySyncSettings";
    zActivity = "Create a partner cross-tenant identity sync setting";
  }else if( f==PF_USER_SYNC_INBOUND || (bSyncField && iPartner>=0) ){
    zCategory = "CrossTenantIdentitySyncSettings";
    zActivity = "Update a partner cross-tenant identity sync setting";
  }else if( iPartner<0 ){
    zCategory = "CrossTenantAccessSettings";
    zActivity = "Update the company default cross-tenant access setting";
  }else{
    zCategory = "CrossTenantAccessSettings";
    zActivity = "Update a partner cross-tenant access setting";
  }
  policy_set(w, iTenant, iPartner, f, v);
  snprintf(zDetail, sizeof(zDetail), "%s=%s", policy_field_name(f),
           v<0 ? "null" : v ? "true" : "false");
  admin_audit_policy(w, iTenant, iPartner, zCategory, zActivity, zDetail);
}

int admin_target_update(World *w, int64_t id, int iAttr, const char *zValue){
  if( directory_user_set(w, id, iAttr, zValue) ) return -1;
  admin_audit_user(w, "UserManagement", "Update user", id, world_attr_name(w, iAttr));
  desired_target_changed(w, id);
  return 0;
}

int admin_target_delete(World *w, int64_t id){
  User *t = world_user(w, id);
  if( !user_is_live(t) ) return 0;
  directory_user_soft_delete(w, id);
  admin_audit_user(w, "UserManagement", "Delete user", id, NULL);
  if( t->iLinkJob>=0 && t->idLinkSource>0 ){
    Pair *p = pair_get(w, &w->aJob[t->iLinkJob], t->idLinkSource);
    if( p && p->iTarget==id ) p->bTargetDeleted = 1;
  }
  desired_target_changed(w, id);
  return 1;
}

int admin_target_leave(World *w, int64_t id){
  User *t = world_user(w, id);
  if( t->tPurged>=0 ) return 0;
  directory_user_purge(w, id);
  admin_audit_user(w, "UserManagement", "Delete user", id, "the user left the organization");
  if( t->iLinkJob>=0 && t->idLinkSource>0 ){
    pair_mark_dirty(w, &w->aJob[t->iLinkJob], t->idLinkSource);
    desired_update(w, &w->aJob[t->iLinkJob], t->idLinkSource, w->zCause);
  }
  return 1;
}

/* One direction of a join: iTenant's settings for partner iPartner are
** generated when missing (a new partner) and amended by the settings of
** iTenant's templates whose level names that kind of partner. Returns the
** settings written, or -1 out of memory. */
static int admin_mto_partner(World *w, int iTenant, int iPartner){
  const MtoSetting *a;
  int i, nSet, n = 0;
  unsigned mKind = policy_find(w, iTenant, iPartner) ? MTO_EXISTING_PARTNERS : MTO_NEW_PARTNERS;
  if( mKind==MTO_NEW_PARTNERS && admin_partner_add(w, iTenant, iPartner)<0 ) return -1;
  a = mto_settings(w, &nSet);
  for(i=0; i<nSet; i++){
    if( a[i].iTenant!=iTenant || !(a[i].mLevel & mKind) ) continue;
    admin_policy(w, iTenant, iPartner, a[i].eField, a[i].v);
    n++;
  }
  return n;
}

int admin_mto_join(World *w, int iTenant){
  int k, n = 0, r;
  mto_activate(w, iTenant);
  audit_write(w, iTenant, "MultiTenantOrgTenant", "Tenant joining MultiTenantOrg tenant",
              ACTOR_ADMIN, "Tenant", w->aTenant[iTenant].zTenantId, w->aTenant[iTenant].zKey,
              NULL);
  for(k=0; k<w->nTenant; k++){
    if( k==iTenant || !mto_is_active(w, k) ) continue;
    if( (r = admin_mto_partner(w, k, iTenant))<0 ) return -1;
    n += r;
    if( (r = admin_mto_partner(w, iTenant, k))<0 ) return -1;
    n += r;
  }
  return n;
}
