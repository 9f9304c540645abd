/*
** targetproc.c — lifecycle workflows, access reviews and Backup and
** Recovery acting on a job's target users (see targetproc.h).
**
** It may touch the target's directory (users, group memberships), the
** audit log, and the job's pairs only as admin.c does for a target admin:
** desired_target_changed after a write the job does not learn of, the
** pair's bTargetDeleted for a deletion it does not undo, and
** pair_mark_dirty + desired_update when the job is told.
**
** World state: w->pTargetProc holds the removals access reviews have
** scheduled (a FIFO: every one is due a fixed TARGETPROC_REVIEW_BLOCK_DAYS
** after its review, and reviews come in time order, so the queue is sorted
** by tDue) and the backups target_restore actions recover from.
*/
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "attr.h"
#include "audit.h"
#include "desired.h"
#include "directory.h"
#include "pair.h"
#include "targetproc.h"

/* An access review's removal waiting for its block to end. */
typedef struct ReviewPending {
  SimTime tDue;
  int64_t idTarget;        /* the blocked target user */
} ReviewPending;

/* One user of a backup: its job's target user then, and what it held. */
typedef struct BackupUser {
  int64_t idTarget;        /* 0: the job linked none */
  int bLive;               /* live then (else soft-deleted) */
  char *azVal[A_COUNT];    /* the recoverable values (owned) */
} BackupUser;

/* The backup one target_restore action recovers from. */
typedef struct Backup {
  int iAction;             /* the action's timeline index */
  int64_t n;
  BackupUser *a;           /* n entries, in the action's order */
} Backup;

struct TargetProc {
  ReviewPending *aPend; int64_t nPend, nPendAlloc, iPendHead;
  Backup *aBackup; int nBackup, nBackupAlloc;
};

static const char *const azResult[TP_RESULT_COUNT] = {
  NULL,
  "no live account in the target",
  "already so",
  "holds a directory role, which the task does not support",
  "not a guest (userType Member), so not in a review of guest users only",
  "not a member of the reviewed group",
  "hard-deleted, which Backup and Recovery cannot recover",
};

const char *targetproc_result_text(TpResult e){
  return e>=0 && e<TP_RESULT_COUNT ? azResult[e] : NULL;
}

/* The world's state, created on first use; NULL when memory ran out. */
static struct TargetProc *tp_state(World *w){
  if( w->pTargetProc==NULL ){
    w->pTargetProc = mem_calloc(1, sizeof(struct TargetProc));
    if( w->pTargetProc==NULL ) w->bNoMem = 1;
  }
  return w->pTargetProc;
}

/* Job j's live target user of source user id, or NULL. */
static User *tp_target(World *w, Job *j, int64_t id){
  Pair *p = id>0 ? pair_get(w, j, id) : NULL;
  User *t = p && p->iTarget ? world_user(w, p->iTarget) : NULL;
  return t && user_is_live(t) ? t : NULL;
}

static void tp_audit_user(World *w, const User *t, const char *zActivity, const char *zActor,
                          const char *zDetail){
  audit_write(w, t->iTenant, "UserManagement", zActivity, zActor, "User", t->zObjectId,
              world_user_attr(w, t, A_USER_PRINCIPAL_NAME), zDetail);
}

/* Does target user t hold a directory role (active or eligible, itself or
** through a group), which the lifecycle workflow tasks do not support? */
static const char zSqlRole[] =
  "SELECT 1 FROM role_assignments WHERE tenant=?1 AND assigned_at<=?3"
  " AND ((principal_type='User' AND principal=?2) OR (principal_type='Group'"
  "  AND principal IN (SELECT group_idx FROM group_members WHERE user_id=?2))) LIMIT 1";

static int tp_holds_role(World *w, const User *t){
  sqlite3_stmt *s = store_stmt(w->pStore, zSqlRole);
  int b;
  if( s==NULL ) return 0;
  sqlite3_bind_int(s, 1, t->iTenant);
  sqlite3_bind_int64(s, 2, t->id);
  sqlite3_bind_int64(s, 3, w->tNow);
  b = sqlite3_step(s)==SQLITE_ROW;
  sqlite3_reset(s);
  return b;
}

/* Disable live target user t (audited as zActor); the job learns nothing. */
static TpResult tp_disable(World *w, User *t, const char *zActor){
  if( !attr_is_true(world_user_attr(w, t, A_ACCOUNT_ENABLED)) ) return TP_UNCHANGED;
  if( directory_user_set(w, t->id, A_ACCOUNT_ENABLED, ATTR_FALSE) ) return TP_UNCHANGED;
  tp_audit_user(w, t, "Disable account", zActor, "accountEnabled");
  desired_target_changed(w, t->id);
  return TP_CHANGED;
}

/* The pair that links target user t, or NULL. */
static Pair *tp_link(World *w, const User *t){
  Pair *p;
  if( t->iLinkJob<0 || t->idLinkSource<=0 ) return NULL;
  p = pair_get(w, &w->aJob[t->iLinkJob], t->idLinkSource);
  return p && p->iTarget==t->id ? p : NULL;
}

/* Soft-delete target user t, audited as zActor with zDetail. bTell: the job
** linked to it is told and evaluates the user in its next cycle (cause
** zCause); else the job does not restore it, as after a target admin's
** deletion (Pair.bTargetDeleted). */
static void tp_delete(World *w, User *t, const char *zActor, const char *zDetail, int bTell,
                      const char *zCause){
  Pair *p = tp_link(w, t);
  directory_user_soft_delete(w, t->id);
  tp_audit_user(w, t, "Delete user", zActor, zDetail);
  if( p==NULL ) return;
  if( bTell ){
    Job *j = &w->aJob[t->iLinkJob];
    pair_mark_dirty(w, j, t->idLinkSource);
    desired_update(w, j, t->idLinkSource, zCause);
  }else{
    p->bTargetDeleted = 1;
    desired_target_changed(w, t->id);
  }
}

/* --------------------------------------------------- lifecycle workflows */

void targetproc_lcw_run(World *w, int iTenant, const char *zWorkflow, int bEnd, int64_t nUsers){
  char zDetail[64];
  snprintf(zDetail, sizeof(zDetail), "%lld user%s processed", (long long)nUsers, nUsers==1 ? "" : "s");
  audit_write(w, iTenant, "WorkflowManagement", bEnd ? "Schedule workflow execution completed"
                                                     : "Schedule workflow execution started",
              TARGETPROC_ACTOR_LCW, "Workflow", NULL, zWorkflow, bEnd ? zDetail : NULL);
}

TpResult targetproc_lcw_user(World *w, Job *j, int64_t id, LcwTask e){
  User *t = tp_target(w, j, id);
  if( t==NULL ) return TP_NO_ACCOUNT;
  if( tp_holds_role(w, t) ) return TP_ROLE_HOLDER;
  if( e==LCW_DISABLE ) return tp_disable(w, t, TARGETPROC_ACTOR_LCW);
  tp_delete(w, t, TARGETPROC_ACTOR_LCW, "Delete user account task", 0, NULL);
  return TP_CHANGED;
}

/* -------------------------------------------------------- access reviews */

void targetproc_review_end(World *w, int iTenant, const char *zReview){
  audit_write(w, iTenant, "Policy", "Access review ended", TARGETPROC_ACTOR_REVIEW,
              "AccessReview", NULL, zReview, NULL);
  audit_write(w, iTenant, "UserManagement", "Auto apply review", TARGETPROC_ACTOR_REVIEW,
              "AccessReview", NULL, zReview, NULL);
}

int targetproc_review_group(World *w, Job *j, const char *zGroup){
  int iG = zGroup ? world_group_find(w, j->iSource, zGroup) : -1;
  GroupPair *g = iG>=0 ? pair_group_get(w, j, iG) : NULL;
  int iTG = g && g->iTarget ? g->iTarget-1 : -1;
  return iTG>=0 && w->aGroup[iTG].tDeleted<0 ? iTG : -1;
}

TpResult targetproc_review_remove_access(World *w, Job *j, int64_t id, int iTG){
  User *t = tp_target(w, j, id);
  const Group *g = &w->aGroup[iTG];
  if( t==NULL ) return TP_NO_ACCOUNT;
  if( !directory_is_member(t, iTG) ) return TP_NOT_MEMBER;
  if( directory_member_remove(w, iTG, t->id)<=0 ) return TP_UNCHANGED;
  audit_write(w, g->iTenant, "GroupManagement", "Remove member from group",
              TARGETPROC_ACTOR_REVIEW, "Group", g->zObjectId, g->zDisplayName,
              world_user_attr(w, t, A_USER_PRINCIPAL_NAME));
  return TP_CHANGED;
}

TpResult targetproc_review_block(World *w, Job *j, int64_t id, int iTG){
  User *t = tp_target(w, j, id);
  struct TargetProc *s;
  ReviewPending *e;
  if( t==NULL ) return TP_NO_ACCOUNT;
  if( iTG>=0 && !directory_is_member(t, iTG) ) return TP_NOT_MEMBER;
  if( world_user_attr(w, t, A_USER_TYPE)==NULL || strcmp(world_user_attr(w, t, A_USER_TYPE), "Guest")!=0 ){
    return TP_NOT_GUEST;
  }
  if( (s = tp_state(w))==NULL ) return TP_UNCHANGED;
  if( mem_grow((void**)&s->aPend, s->nPend, &s->nPendAlloc, sizeof(ReviewPending)) ){
    w->bNoMem = 1;
    return TP_UNCHANGED;
  }
  e = &s->aPend[s->nPend++];
  e->tDue = w->tNow + (SimTime)TARGETPROC_REVIEW_BLOCK_DAYS*SIMTIME_DAY;
  e->idTarget = t->id;
  ts_assert( s->nPend<2 || e[-1].tDue<=e->tDue );
  /* Blocked already (by someone else) is blocked: the removal follows. */
  tp_disable(w, t, TARGETPROC_ACTOR_REVIEW);
  return TP_CHANGED;
}

SimTime targetproc_next_due(const World *w){
  const struct TargetProc *s = w->pTargetProc;
  return s && s->iPendHead<s->nPend ? s->aPend[s->iPendHead].tDue : -1;
}

int64_t targetproc_due(World *w){
  struct TargetProc *s = w->pTargetProc;
  int64_t n = 0;
  while( s && s->iPendHead<s->nPend && s->aPend[s->iPendHead].tDue<=w->tNow ){
    User *t = world_user(w, s->aPend[s->iPendHead++].idTarget);
    /* "If no action is taken on the disabled guest user after 30 days":
    ** one enabled again in the meantime (by an admin, or by its job at a
    ** source change) stays. */
    if( !user_is_live(t) || attr_is_true(world_user_attr(w, t, A_ACCOUNT_ENABLED)) ) continue;
    tp_delete(w, t, TARGETPROC_ACTOR_REVIEW, "denied in an access review: removed from the tenant",
              !w->params.bReviewNotRestored, "access_review");
    n++;
  }
  return n;
}

/* ------------------------------------------------------ backup, recovery */

SimTime targetproc_backup_at(SimTime t){
  return t<0 ? 0 : t - t%SIMTIME_DAY;
}

/* Is catalog attribute i among the properties Backup and Recovery
** recovers for users ("Manager and sponsor changes aren't in scope";
** showInAddressList is not listed)? */
static int tp_recoverable(int i){
  return i!=A_MANAGER && i!=A_SHOW_IN_ADDRESS_LIST;
}

static Backup *tp_backup_find(World *w, int iAction){
  struct TargetProc *s = w->pTargetProc;
  int i;
  for(i=0; s && i<s->nBackup; i++) if( s->aBackup[i].iAction==iAction ) return &s->aBackup[i];
  return NULL;
}

int targetproc_backup_take(World *w, Job *j, int iAction, const int64_t *aId, int64_t n){
  struct TargetProc *s = tp_state(w);
  Backup *b;
  int64_t i;
  int k;
  if( s==NULL ) return -1;
  if( mem_grow_int((void**)&s->aBackup, s->nBackup, &s->nBackupAlloc, sizeof(Backup)) ) goto oom;
  b = &s->aBackup[s->nBackup];
  b->iAction = iAction;
  b->a = mem_calloc((size_t)(n ? n : 1), sizeof(BackupUser));
  if( b->a==NULL ) goto oom;
  b->n = n;
  s->nBackup++;
  for(i=0; i<n; i++){
    Pair *p = aId[i]>0 ? pair_get(w, j, aId[i]) : NULL;
    const User *t = p && p->iTarget ? world_user(w, p->iTarget) : NULL;
    BackupUser *e = &b->a[i];
    if( t==NULL || t->tPurged>=0 ) continue;
    e->idTarget = t->id;
    e->bLive = t->tDeleted<0;
    for(k=0; k<A_COUNT; k++){
      if( !tp_recoverable(k) || world_user_attr(w, t, k)==NULL ) continue;
      if( (e->azVal[k] = mem_strdup(world_user_attr(w, t, k)))==NULL ) goto oom;
    }
  }
  return 0;
oom:
  w->bNoMem = 1;
  return -1;
}

/* Tell the job of target user t about a recovery, as params.bBackupResync
** says: re-evaluate it in the next cycle, or learn nothing (a target-side
** write). A soft deletion it is not told of is one it does not undo. */
static void tp_backup_tell(World *w, User *t, int bDeleted){
  Pair *p = tp_link(w, t);
  if( w->params.bBackupResync && p ){
    Job *j = &w->aJob[t->iLinkJob];
    pair_mark_dirty(w, j, t->idLinkSource);
    desired_update(w, j, t->idLinkSource, "target_restore");
    return;
  }
  if( p && bDeleted ) p->bTargetDeleted = 1;
  desired_target_changed(w, t->id);
}

/* Give live target user t its backup values e; the names of the changed
** properties go to zList (comma-separated). Returns how many changed. */
static int tp_backup_values(World *w, User *t, const BackupUser *e, char *zList, size_t n){
  int k, nChanged = 0;
  size_t m = 0;
  zList[0] = 0;
  for(k=0; k<A_COUNT; k++){
    const char *zNow = world_user_attr(w, t, k), *zThen = e->azVal[k];
    if( !tp_recoverable(k) ) continue;
    if( (zNow==NULL && zThen==NULL) || (zNow && zThen && strcmp(zNow, zThen)==0) ) continue;
    if( directory_user_set(w, t->id, k, zThen) ) return nChanged;
    nChanged++;
    if( m<n ){
      snprintf(zList+m, n-m, "%s%s", m ? "," : "", attr_info(k)->zName);
      m += strlen(zList+m);
    }
  }
  return nChanged;
}

TpResult targetproc_backup_recover(World *w, Job *j, int iAction, int64_t i, int64_t id){
  const Backup *b = tp_backup_find(w, iAction);
  const BackupUser *e = b && i>=0 && i<b->n ? &b->a[i] : NULL;
  Pair *p = id>0 ? pair_get(w, j, id) : NULL;
  User *tNow = p && p->iTarget ? world_user(w, p->iTarget) : NULL;
  User *tThen = e && e->idTarget ? world_user(w, e->idTarget) : NULL;
  TpResult r = TP_UNCHANGED;
  char zList[TS_REASON_MAX];
  /* "Object was added | soft-deletes the object": the job's user now,
  ** created since the backup. */
  if( tNow && tNow!=tThen && user_is_live(tNow) ){
    directory_user_soft_delete(w, tNow->id);
    tp_audit_user(w, tNow, "Delete user", TARGETPROC_ACTOR_BACKUP, "added since the backup");
    tp_backup_tell(w, tNow, 1);
    r = TP_CHANGED;
  }
  if( tThen==NULL ) return tNow ? r : TP_NO_ACCOUNT;
  if( tThen->tPurged>=0 ) return r==TP_CHANGED ? r : TP_HARD_DELETED;
  if( e->bLive ){
    int bRestored = tThen->tDeleted>=0, nValues;
    /* "Object was soft-deleted | restores the object"; "Object was
    ** updated | updates the object to the backup value". */
    if( bRestored ){
      directory_user_restore(w, tThen->id);
      tp_audit_user(w, tThen, "Restore user", TARGETPROC_ACTOR_BACKUP, NULL);
    }
    nValues = tp_backup_values(w, tThen, e, zList, sizeof(zList));
    if( nValues ) tp_audit_user(w, tThen, "Update user", TARGETPROC_ACTOR_BACKUP, zList);
    if( !bRestored && nValues==0 ) return r;
    if( bRestored && p && p->iTarget==tThen->id ) p->bTargetDeleted = 0;
    tp_backup_tell(w, tThen, 0);
    return TP_CHANGED;
  }
  /* "Object was restored | soft-deletes the object". */
  if( !user_is_live(tThen) ) return r;
  directory_user_soft_delete(w, tThen->id);
  tp_audit_user(w, tThen, "Delete user", TARGETPROC_ACTOR_BACKUP, "restored since the backup");
  tp_backup_tell(w, tThen, 1);
  return TP_CHANGED;
}

void targetproc_free(World *w){
  struct TargetProc *s = w->pTargetProc;
  int i, k;
  int64_t n;
  if( s==NULL ) return;
  for(i=0; i<s->nBackup; i++){
    for(n=0; n<s->aBackup[i].n; n++){
      for(k=0; k<A_COUNT; k++) mem_free(s->aBackup[i].a[n].azVal[k]);
    }
    mem_free(s->aBackup[i].a);
  }
  mem_free(s->aBackup);
  mem_free(s->aPend);
  mem_free(s);
  w->pTargetProc = NULL;
}
