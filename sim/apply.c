/*
** apply.c — the timeline actions carried out (see apply.h): one apply
** function per action kind, indexed by ScnActionKind as the rows of
** scn_actions.c are, each reading its fields of the typed action and
** leaving the summary of its timeline row.
*/
#include <stdio.h>
#include <string.h>
#include "access.h"
#include "attr.h"
#include "job.h"
#include "pair.h"
#include "mem.h"
#include "audit.h"
#include "admin.h"
#include "cycle.h"
#include "cycle_on_demand.h"
#include "desired.h"
#include "directory.h"
#include "census.h"
#include "targetproc.h"
#include "mto.h"
#include "apply.h"

/* One timeline action being carried out. */
typedef struct Act {
  World *w;
  const ScnAction *p;      /* the timeline entry (validated) */
  ScnActionKind eKind;
  const char *zAction;     /* its name */
  const char *zTenant;     /* "tenant", or NULL */
  const char *zJob;        /* "job", or NULL */
  int iTenant;             /* the tenant's index, or -1 */
  Job *j;                  /* the job, or NULL */
  int64_t *aId;            /* users selected (mem_malloc), or NULL */
  int64_t nSel;            /* how many */
  int64_t n;               /* objects the action changed */
  char zSummary[400];
  Census census;
  TsErr *pErr;             /* an action that cannot be carried out: rc, and why */
  int rc;
} Act;

/* Does user u pass an action's filter eFilter: 0 live, 1 live and
** enabled, 2 live and disabled, 3 soft-deleted and not purged? B2B users
** (the tenant's guests and external members) are never selected. */
static int select_keeps(const World *w, const User *u, int iTenant, int eFilter){
  int bEnabled;
  if( u->iTenant!=iTenant || u->bInvited ) return 0;   /* the cheap test first */
  if( eFilter==3 ){ if( u->tDeleted<0 || u->tPurged>=0 ) return 0; }
  else if( !user_is_live(u) ) return 0;
  if( eFilter==0 ) return 1;
  bEnabled = attr_is_true(world_user_attr(w, u, A_ACCOUNT_ENABLED));
  if( eFilter==1 && !bEnabled ) return 0;
  if( eFilter==2 && bEnabled ) return 0;
  return 1;
}

static const char zSqlUsersOf[] =
  "SELECT user_id FROM timeline_users WHERE action=?1 ORDER BY user_id";

/* The users timeline entry iIndex selected, into a[] (room for every user);
** returns how many pass eFilter now. */
static int64_t select_users_of(World *w, int iIndex, int iTenant, int eFilter, int64_t *a){
  sqlite3_stmt *s = store_stmt(w->pStore, zSqlUsersOf);
  int64_t n = 0;
  if( s==NULL ) return 0;
  sqlite3_bind_int(s, 1, iIndex);
  while( sqlite3_step(s)==SQLITE_ROW ){
    int64_t id = sqlite3_column_int64(s, 0);
    if( id>0 && id<=w->nUser && select_keeps(w, &w->aUser[id-1], iTenant, eFilter) ) a[n++] = id;
  }
  sqlite3_reset(s);
  return n;
}

/* Collect the users action a selects ("users" keys, a "sample", every
** member of a group, or the users of an earlier entry) into a->aId (freed
** by apply_action) and a->nSel; returns their number. eFilter as for
** select_keeps (explicit "users" are taken as named). */
static int64_t select_users(Act *a, int iTenant, int eFilter){
  World *w = a->w;
  const ScnSelect *pSel = &a->p->sel;
  int64_t *arr, n = 0, id, nWant, i;
  a->aId = NULL;
  a->nSel = 0;
  if( pSel->bUsers ){
    arr = mem_malloc(sizeof(int64_t)*(size_t)(pSel->users.n+1));
    if( arr==NULL ){ w->bNoMem = 1; return 0; }
    for(i=0; i<pSel->users.n; i++){
      id = world_user_find(w, iTenant, pSel->users.az[i]);
      if( id>0 ) arr[n++] = id;
    }
    a->aId = arr;
    return a->nSel = n;
  }
  if( !pSel->bSample && !pSel->zMembersOf && pSel->iUsersOf<0 ) return 0;
  arr = mem_malloc(sizeof(int64_t)*(size_t)(w->nUser+1));
  if( arr==NULL ){ w->bNoMem = 1; return 0; }
  if( pSel->iUsersOf>=0 ){
    n = select_users_of(w, pSel->iUsersOf, iTenant, eFilter, arr);
  }else{
    const char *zGroup = pSel->zMembersOf ? pSel->zMembersOf : pSel->zGroup;
    int iG = zGroup ? world_group_find(w, iTenant, zGroup) : -1;
    const Tenant *t = iTenant>=0 ? &w->aTenant[iTenant] : NULL;
    for(i=0; t && i<t->nOwnUser; i++){
      User *u;
      int k;
      id = t->aOwnUser[i];
      u = &w->aUser[id-1];
      if( !select_keeps(w, u, iTenant, eFilter) ) continue;
      if( iG>=0 && !directory_is_member(u, iG) ) continue;
      for(k=0; k<pSel->nWhere; k++){
        int iA = world_attr_find(w, pSel->aWhere[k].zName, 1);
        const char *zV = iA>=0 ? world_user_attr(w, u, iA) : NULL;
        if( zV==NULL || strcmp(zV, pSel->aWhere[k].zValue)!=0 ) break;
      }
      if( k<pSel->nWhere ) continue;
      arr[n++] = id;
    }
  }
  if( pSel->bSample ){
    /* Partial Fisher-Yates: the first nWant entries become the sample. */
    nWant = pSel->nCount;
    if( nWant>n ) nWant = n;
    for(i=0; i<nWant; i++){
      int64_t k = i + (int64_t)rng_below(&w->rngSelection, (uint64_t)(n-i));
      int64_t x = arr[i]; arr[i] = arr[k]; arr[k] = x;
    }
    n = nWant;
    /* Apply in id order, whatever order the sample was drawn in. */
    for(i=1; i<n; i++){
      int64_t x = arr[i], k = i-1;
      while( k>=0 && arr[k]>x ){ arr[k+1] = arr[k]; k--; }
      arr[k+1] = x;
    }
  }
  a->aId = arr;
  return a->nSel = n;
}

static const char zSqlSelected[] =
  "INSERT INTO timeline_users(action, user_id) VALUES(?1, ?2)";

/* Keep the users action a selected (or hired), for a later "usersOf". */
static void select_record(Act *a, const int64_t *aId, int64_t n){
  int64_t i;
  for(i=0; i<n; i++){
    StoreStmt *s = store_write(a->w->pStore, zSqlSelected);
    if( s==NULL ) return;
    store_put_int(s, 1, a->p->iIndex);
    store_put_int(s, 2, aId[i]);
    store_run(a->w->pStore, s);
  }
}

static const char zSqlTimeline[] =
  "INSERT INTO timeline(seq, at, action, summary, objects, job, note, in_scope)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)";

void apply_timeline_row(World *w, const char *zAction, const char *zSummary, int64_t n,
                        const Job *j, const char *zNote, int64_t nInScope){
  StoreStmt *s = store_write(w->pStore, zSqlTimeline);
  if( s==NULL ) return;
  store_put_int(s, 1, w->iAction);
  store_put_int(s, 2, w->tNow);
  store_put_text(s, 3, zAction);
  store_put_text(s, 4, zSummary);
  store_put_int(s, 5, n);
  store_put_opt_int(s, 6, j ? (int64_t)(j - w->aJob) : 0, j==NULL);
  store_put_text(s, 7, zNote);
  store_put_opt_int(s, 8, nInScope, nInScope<0);
  store_run(w->pStore, s);
}

/* "1 user" / "2 users": n and the noun, singular or plural (zPlural). */
static const char *plural(int64_t n, const char *zOne, const char *zMany){
  return n==1 ? zOne : zMany;
}

/* Apply the "set" of action p to user id (as source admin, or target
** admin). */
static void apply_set(World *w, const ScnAction *p, int64_t id, int bTarget){
  int i;
  for(i=0; i<p->nSet; i++){
    const char *z = p->aSet[i].zValue;
    int iAttr = world_attr_find(w, p->aSet[i].zName, 1);
    if( iAttr<0 ) return;
    if( iAttr==A_MANAGER && z ){
      /* A manager is given by user key; the attribute holds its object id. */
      User *u = world_user(w, id);
      int64_t idM = world_user_find(w, u->iTenant, z);
      z = idM>0 ? world_user(w, idM)->zObjectId : NULL;
    }
    if( bTarget ) admin_target_update(w, id, iAttr, z);
    else admin_update(w, id, iAttr, z);
  }
}

/* One timeline action being applied: what every action's apply reads
** (the entry, its tenant and job) and what it leaves for the timeline row
** (n objects changed, the summary, users selected in aId, owned). */

static void apply_hire(Act *a){
  int64_t iFirst = a->w->nUser+1;
  int i;
  if( a->p->pHirePop==NULL ){
    for(i=0; i<a->p->nHire; i++){ if( scn_build_user(a->w, a->iTenant, &a->p->aHire[i], 1)>0 ) a->n++; }
  }else{
    a->n = scn_build_population(a->w, a->iTenant, a->p->pHirePop, 1);
  }
  census_new_users(&a->census, a->w, iFirst);
  for(; iFirst<=a->w->nUser; iFirst++){
    if( a->w->aUser[iFirst-1].iTenant==a->iTenant ) select_record(a, &iFirst, 1);
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s hired in %s", (long long)a->n,
           plural(a->n, "user", "users"), a->zTenant);
}

/* terminate, restore, disable, enable, update, move: an admin edit of
** each selected user of the tenant. */
static void apply_user_edit(Act *a){
  World *w = a->w;
  int eFilter = a->eKind==SCN_DISABLE ? 1 : a->eKind==SCN_ENABLE ? 2 : a->eKind==SCN_RESTORE ? 3 : 0;
  int64_t i;
  a->n = select_users(a, a->iTenant, eFilter);
  census_before(&a->census, w, a->aId, a->n);
  for(i=0; i<a->n; i++){
    int64_t id = a->aId[i];
    switch( a->eKind ){
      case SCN_TERMINATE: admin_delete(w, id); break;
      case SCN_RESTORE:   admin_restore(w, id); break;
      case SCN_DISABLE:   admin_update(w, id, A_ACCOUNT_ENABLED, ATTR_FALSE); break;
      case SCN_ENABLE:    admin_update(w, id, A_ACCOUNT_ENABLED, ATTR_TRUE); break;
      case SCN_MOVE:      admin_update(w, id, A_DEPARTMENT, a->p->zDepartment); break;
      default:            apply_set(w, a->p, id, 0); break;
    }
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "%s: %lld %s in %s", a->zAction, (long long)a->n,
           plural(a->n, "user", "users"), a->zTenant);
}

/* assign, unassign: users or groups of the job's source tenant. */
static void apply_assign(Act *a){
  World *w = a->w;
  Job *j = a->j;
  int bAssign = a->eKind==SCN_ASSIGN;
  const ScnKeys *pGroups = &a->p->groups;
  int64_t i, k;
  if( a->p->bGroups ){
    census_group_members(&a->census, w, j, pGroups);
    for(i=0; i<pGroups->n; i++){
      if( job_assign_group(w, j, world_group_find(w, j->iSource, pGroups->az[i]), bAssign)>0 ) a->n++;
    }
    snprintf(a->zSummary, sizeof(a->zSummary), "%s %lld %s %s job %s", a->zAction, (long long)a->n,
             plural(a->n, "group", "groups"), bAssign ? "to" : "from", a->zJob);
    return;
  }
  k = select_users(a, j->iSource, 0);
  census_before(&a->census, w, a->aId, k);
  for(i=0; i<k; i++) if( job_assign_user(w, j, a->aId[i], bAssign)>0 ) a->n++;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s %lld %s %s job %s", a->zAction, (long long)a->n,
           plural(a->n, "user", "users"), bAssign ? "to" : "from", a->zJob);
}

/* add_member, remove_member: the selected users, and the member groups
** ("groups") nested in the group or taken out of it */
static void apply_member(Act *a){
  World *w = a->w;
  int bAdd = a->eKind==SCN_ADD_MEMBER;
  const char *zG = a->p->zGroup;
  int iG = world_group_find(w, a->iTenant, zG);
  int64_t i, k = select_users(a, a->iTenant, 0), nGroups = 0;
  char zGroups[64];
  census_before(&a->census, w, a->aId, k);
  for(i=0; i<k; i++) if( admin_member(w, iG, a->aId[i], bAdd)>0 ) a->n++;
  for(i=0; i<a->p->groups.n; i++){
    int iM = world_group_find(w, a->iTenant, a->p->groups.az[i]);
    if( admin_group_member(w, iG, iM, bAdd)>0 ) nGroups++;
  }
  zGroups[0] = 0;
  if( a->p->bGroups ){
    snprintf(zGroups, sizeof(zGroups), " and %lld %s", (long long)nGroups,
             plural(nGroups, "group", "groups"));
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "%s: %lld %s%s %s group %s in %s",
           a->zAction, (long long)a->n, plural(a->n, "user", "users"), zGroups,
           bAdd ? "added to" : "removed from", zG, a->zTenant);
  a->n += nGroups;
}

static void apply_set_policy(Act *a){
  World *w = a->w;
  const char *zP = a->p->zPartner;
  const char *zF = a->p->zField;
  int v = a->p->iValue;
  int iP = a->p->iPartner;
  census_mark_gates(&a->census, w, 1, a->iTenant, iP, (int)a->p->eField);
  census_gates(&a->census, w, 0);
  admin_policy(w, a->iTenant, iP, a->p->eField, v);
  census_gates(&a->census, w, 1);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s sets %s towards %s to %s", a->zTenant, zF,
           zP ? zP : "all (default)", v<0 ? "null" : v ? "true" : "false");
}

static void apply_start_job(Act *a){
  job_start(a->w, a->j); a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s started", a->zJob);
}

static void apply_pause_job(Act *a){
  job_pause(a->w, a->j); a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s paused", a->zJob);
}

static void apply_set_tenant(Act *a){
  World *w = a->w;
  census_mark_gates(&a->census, w, 0, a->iTenant, -1, -1);
  census_gates(&a->census, w, 0);
  scn_build_settings(w, a->iTenant, &a->p->settings);
  census_gates(&a->census, w, 1);
  audit_write(w, a->iTenant, "CrossTenantAccessSettings", "Update the company default"
              " cross-tenant access setting", "admin", "Tenant", w->aTenant[a->iTenant].zTenantId,
              a->zTenant, "cloud, guest invitation or quota settings");
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "tenant settings of %s changed", a->zTenant);
}

static void apply_allow_deletes(Act *a){
  job_restart(a->w, a->j, RESET_FORCE_DELETES);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "deletes allowed for job %s (restart with ForceDeletes)",
           a->zJob);
}

static void apply_restart_job(Act *a){
  job_restart(a->w, a->j, a->p->mReset);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s restarted", a->zJob);
}

static void apply_set_mapping(Act *a){
  World *w = a->w;
  Job *j = a->j;
  MapEntry *aMap;
  int nMap;
  unsigned mActs;
  TsErr err;
  tserr_clear(&err);
  census_job_users(&a->census, w, j);
  if( scn_build_mapping(w, a->p->pMapping, &aMap, &nMap, &mActs, &err) ){
    w->bNoMem = 1;     /* the mapping was validated: only memory can fail */
  }else{
    job_set_mapping(w, j, aMap, nMap, mActs, 1);
  }
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "attribute mappings of job %s saved (%d %s);"
           " the next cycle is an initial cycle", a->zJob, j->nMap,
           plural(j->nMap, "entry", "entries"));
}

static void apply_set_filters(Act *a){
  World *w = a->w;
  Job *j = a->j;
  census_job_users(&a->census, w, j);
  job_clear_filters(w, j);
  if( scn_build_filters(w, j, &a->p->filters) ) w->bNoMem = 1;
  job_config_changed(w, j);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "scoping filters of job %s saved (%d %s);"
           " the next cycle is an initial cycle", a->zJob, j->nFilter,
           plural(j->nFilter, "group", "groups"));
}

static void apply_on_demand(Act *a){
  World *w = a->w;
  const char *zUser = a->p->zUser;
  const char *zOutcome = "";
  if( zUser==NULL ){
    int iG = world_group_find(w, a->j->iSource, a->p->zGroup);
    if( iG>=0 && cycle_on_demand_group(w, a->j, iG, &zOutcome) ) w->bNoMem = 1;
    snprintf(a->zSummary, sizeof(a->zSummary), "on-demand provisioning of group %s by %s: %s",
             a->p->zGroup, a->zJob, zOutcome);
    return;
  }
  if( cycle_on_demand(w, a->j, world_user_find(w, a->j->iSource, zUser), &zOutcome) ) w->bNoMem = 1;
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "on-demand provisioning of %s by %s: %s",
           zUser, a->zJob, zOutcome);
}

/* add_partner, remove_partner: a tenant's configuration for a partner. */
static void apply_partner(Act *a){
  World *w = a->w;
  int bAdd = a->eKind==SCN_ADD_PARTNER;
  census_mark_gates(&a->census, w, 1, a->iTenant, a->p->iPartner, -1);
  census_gates(&a->census, w, 0);
  a->n = bAdd ? admin_partner_add(w, a->iTenant, a->p->iPartner)>0
              : admin_partner_remove(w, a->iTenant, a->p->iPartner);
  census_gates(&a->census, w, 1);
  snprintf(a->zSummary, sizeof(a->zSummary), bAdd ? "%s adds a partner configuration for %s"
           " (every setting inherits the default)" : "%s deletes its partner configuration for"
           " %s (the default policy applies to it now)", a->zTenant, a->p->zPartner);
}

/* create_job: the configuration is created, assigned as declared, and
** started as declared (now, when its start has come). */
static void apply_create_job(Act *a){
  World *w = a->w;
  const ScnJob *pJ = a->p->pCreate;
  census_job_users(&a->census, w, a->j);
  job_create(w, a->j);
  scn_build_assignments(w, a->j, pJ, a->zAction);
  if( pJ->bStart && pJ->tStart<=w->tNow ) job_start(w, a->j);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s creates job %s (configuration to %s)%s",
           w->aTenant[a->j->iSource].zKey, a->zJob, w->aTenant[a->j->iTarget].zKey,
           !pJ->bStart ? "; not started" : pJ->tStart<=w->tNow ? " and starts it" : "");
}

/* delete_job: the configuration goes, its running cycle stops; the users
** it provisioned stay. */
static void apply_delete_job(Act *a){
  census_job_users(&a->census, a->w, a->j);
  cycle_abandon(a->w, a->j);
  job_delete(a->w, a->j);
  a->n = 1;
  snprintf(a->zSummary, sizeof(a->zSummary), "job %s deleted; the users it provisioned in %s"
           " stay", a->zJob, a->w->aTenant[a->j->iTarget].zKey);
}

static void apply_set_secrets(Act *a){
  const ScnAction *p = a->p;
  Job *j = a->j;
  int bNotify = p->notify.bEnabled>=0 || p->notify.zRecipients;
  char zScope[32] = "", zThr[64] = "", zNotify[64] = "";
  if( p->iScope>=0 ) census_job_users(&a->census, a->w, j);
  if( p->nThreshold>=-1 ) deletion_set_threshold(a->w, j, p->nThreshold);
  if( bNotify && job_set_notify(a->w, j, p->notify.bEnabled, p->notify.zRecipients) ) return;
  job_set_secrets(a->w, j, p->iScope, p->nThreshold>=-1, bNotify, p->iSkipOos);
  a->n = 1;
  if( p->iScope>=0 ) snprintf(zScope, sizeof(zScope), "scope %s", p->iScope ? "all" : "assigned");
  if( p->nThreshold>=0 ){
    snprintf(zThr, sizeof(zThr), "deletion threshold %lld", (long long)p->nThreshold);
  }else if( p->nThreshold==-1 ){
    snprintf(zThr, sizeof(zThr), "accidental-deletion prevention off");
  }
  if( bNotify ){
    int n = quarantine_recipient_count(j->zNotifyTo);
    if( !j->bNotify ) snprintf(zNotify, sizeof(zNotify), "notification e-mail off");
    else snprintf(zNotify, sizeof(zNotify), "notification e-mail on, %d address%s", n, n==1 ? "" : "es");
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "settings of job %s saved: %s%s%s%s%s%s%s", a->zJob,
           zScope, zScope[0] && zThr[0] ? ", " : "", zThr,
           (zScope[0] || zThr[0]) && zNotify[0] ? ", " : "", zNotify,
           (zScope[0] || zThr[0] || zNotify[0]) && p->iSkipOos>=0 ? ", " : "",
           p->iSkipOos<0 ? "" : p->iSkipOos ? "SkipOutOfScopeDeletions on" : "SkipOutOfScopeDeletions off");
}

/* The job's source users named by "users" (target_leave and the target
** processes: keys, not a selection) into a->aId; returns how many exist.
** A key not found keeps its place as 0 when bKeep (target_restore reads
** the backup entry of each place). */
static int64_t target_users(Act *a, int bKeep){
  const ScnKeys *pUsers = &a->p->sel.users;
  int64_t i, k = 0;
  a->aId = mem_malloc(sizeof(int64_t)*(size_t)(pUsers->n+1));
  if( a->aId==NULL ){ a->w->bNoMem = 1; return 0; }
  for(i=0; i<pUsers->n; i++){
    int64_t id = world_user_find(a->w, a->j->iSource, pUsers->az[i]);
    if( id>0 || bKeep ) a->aId[k++] = id>0 ? id : 0;
  }
  a->nSel = k;
  census_before(&a->census, a->w, a->aId, k);
  return k;
}

/* Append to z[n] the users of each TpResult but TP_CHANGED counted in
** anSkip: "; 1 user left alone (holds ...)". */
static void skipped_text(char *z, size_t n, const int64_t *anSkip){
  int e;
  for(e=1; e<TP_RESULT_COUNT; e++){
    size_t k = strlen(z);
    if( anSkip[e]==0 ) continue;
    snprintf(z+k, n-k, "; %lld %s left alone (%s)", (long long)anSkip[e],
             plural(anSkip[e], "user", "users"), targetproc_result_text((TpResult)e));
  }
}

/* target_leave, target_update, target_delete: the target side of users
** given by their source key. */
static void apply_target(Act *a){
  World *w = a->w;
  Job *j = a->j;
  int bLeave = a->eKind==SCN_TARGET_LEAVE, bDelete = a->eKind==SCN_TARGET_DELETE;
  int64_t i, k = target_users(a, 0);
  if( bLeave && w->aTenant[j->iTarget].bLeaveBlocked ){
    /* The target's external collaboration settings keep them in (S2). */
    snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s synced by %s could not leave %s: it does"
             " not allow external users to leave (allowExternalIdentitiesToLeave false)",
             (long long)k, plural(k, "user", "users"), a->zJob, w->aTenant[j->iTarget].zKey);
    return;
  }
  for(i=0; i<k; i++){
    Pair *pr = pair_get(w, j, a->aId[i]);
    if( pr==NULL || !pr->iTarget ) continue;
    if( bLeave ){
      if( admin_target_leave(w, pr->iTarget) ) a->n++;
    }else if( bDelete ){
      if( admin_target_delete(w, pr->iTarget) ) a->n++;
    }else{
      apply_set(w, a->p, pr->iTarget, 1);
      a->n++;
    }
  }
  if( bLeave ){
    snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s synced by %s %s %s", (long long)a->n,
             plural(a->n, "user", "users"), a->zJob, plural(a->n, "leaves", "leave"),
             w->aTenant[j->iTarget].zKey);
  }else if( bDelete ){
    snprintf(a->zSummary, sizeof(a->zSummary), "target admin of %s deletes %lld %s synced by %s",
             w->aTenant[j->iTarget].zKey, (long long)a->n, plural(a->n, "user", "users"), a->zJob);
  }else{
    snprintf(a->zSummary, sizeof(a->zSummary), "target admin of %s edits %lld %s synced by %s",
             w->aTenant[j->iTarget].zKey, (long long)a->n, plural(a->n, "user", "users"), a->zJob);
  }
}

/* lifecycle_workflow: a scheduled run of the workflow's task on the users. */
static void apply_lifecycle_workflow(Act *a){
  World *w = a->w;
  const char *zTarget = w->aTenant[a->j->iTarget].zKey;
  int64_t anSkip[TP_RESULT_COUNT], i, n = target_users(a, 0);
  memset(anSkip, 0, sizeof(anSkip));
  targetproc_lcw_run(w, a->j->iTarget, a->p->zProcess, 0, 0);
  for(i=0; i<n; i++){
    TpResult r = targetproc_lcw_user(w, a->j, a->aId[i], (LcwTask)a->p->iMode);
    if( r==TP_CHANGED ) a->n++;
    else anSkip[r]++;
  }
  targetproc_lcw_run(w, a->j->iTarget, a->p->zProcess, 1, a->n);
  snprintf(a->zSummary, sizeof(a->zSummary), "lifecycle workflow \"%s\" of %s %s %lld %s synced"
           " by %s", a->p->zProcess, zTarget, a->p->iMode==LCW_DELETE ? "deletes" : "disables",
           (long long)a->n, plural(a->n, "inactive user", "inactive users"), a->zJob);
  skipped_text(a->zSummary, sizeof(a->zSummary), anSkip);
}

/* access_review: the review ends and its results are applied to the
** denied users. */
static void apply_access_review(Act *a){
  World *w = a->w;
  const char *zTarget = w->aTenant[a->j->iTarget].zKey;
  int64_t anSkip[TP_RESULT_COUNT], i, n = target_users(a, 0);
  int iTG = a->p->zGroup ? targetproc_review_group(w, a->j, a->p->zGroup) : -1;
  memset(anSkip, 0, sizeof(anSkip));
  if( a->p->zGroup && iTG<0 ){
    snprintf(a->zSummary, sizeof(a->zSummary), "access review \"%s\" of %s reviews nothing: job"
             " %s has no group in %s synced from %s", a->p->zProcess, zTarget, a->zJob, zTarget,
             a->p->zGroup);
    return;
  }
  targetproc_review_end(w, a->j->iTarget, a->p->zProcess);
  for(i=0; i<n; i++){
    TpResult r = a->p->iMode==0 ? targetproc_review_remove_access(w, a->j, a->aId[i], iTG)
                                : targetproc_review_block(w, a->j, a->aId[i], iTG);
    if( r==TP_CHANGED ) a->n++;
    else anSkip[r]++;
  }
  if( a->p->iMode==0 ){
    snprintf(a->zSummary, sizeof(a->zSummary), "access review \"%s\" of %s removes %lld denied"
             " %s synced by %s from its group synced from %s", a->p->zProcess, zTarget,
             (long long)a->n, plural(a->n, "user", "users"), a->zJob, a->p->zGroup);
  }else{
    snprintf(a->zSummary, sizeof(a->zSummary), "access review \"%s\" of %s blocks %lld denied"
             " %s synced by %s from signing in, to remove them from the tenant in %d days",
             a->p->zProcess, zTarget, (long long)a->n, plural(a->n, "guest", "guests"), a->zJob,
             TARGETPROC_REVIEW_BLOCK_DAYS);
  }
  skipped_text(a->zSummary, sizeof(a->zSummary), anSkip);
}

/* The backup a target_restore action pAct recovers from, taken at its
** instant (the runner calls this at pAct->tBackup). */
void apply_backup(World *w, const ScnAction *pAct){
  Act a;
  memset(&a, 0, sizeof(a));
  a.w = w;
  a.p = pAct;
  a.j = &w->aJob[pAct->iJob];
  census_init(&a.census, w);
  target_users(&a, 1);
  if( a.aId ) targetproc_backup_take(w, a.j, pAct->iIndex, a.aId, a.nSel);
  census_free(&a.census);
  mem_free(a.aId);
}

/* target_restore: recover the users from the action's backup. */
static void apply_target_restore(Act *a){
  World *w = a->w;
  int64_t anSkip[TP_RESULT_COUNT], i, n = target_users(a, 1);
  char zAt[40];
  memset(anSkip, 0, sizeof(anSkip));
  for(i=0; i<n; i++){
    TpResult r = targetproc_backup_recover(w, a->j, a->p->iIndex, i, a->aId[i]);
    if( r==TP_CHANGED ) a->n++;
    else anSkip[r]++;
  }
  snprintf(a->zSummary, sizeof(a->zSummary), "Backup and Recovery in %s recovers %lld %s synced"
           " by %s to the backup of %s", w->aTenant[a->j->iTarget].zKey, (long long)a->n,
           plural(a->n, "user", "users"), a->zJob,
           simtime_format_day(w->tStartEpoch, a->p->tBackup, zAt, sizeof(zAt)));
  skipped_text(a->zSummary, sizeof(a->zSummary), anSkip);
}

static void apply_assign_role(Act *a){
  a->rc = scn_authz_apply(a->w, a->p, &a->n, a->zSummary, sizeof(a->zSummary), a->pErr);
}

/* register_mfa: each selected live user has a method from now on. */
static void apply_register_mfa(Act *a){
  int64_t i;
  a->n = select_users(a, a->iTenant, 0);
  census_before(&a->census, a->w, a->aId, a->n);
  for(i=0; i<a->n; i++){
    access_set_mfa(a->w, a->aId[i], 1, a->p->bByAdmin ? ACCESS_BY_ADMIN : ACCESS_BY_USER, a->p->zMethod);
  }
  if( a->p->bByAdmin ){
    snprintf(a->zSummary, sizeof(a->zSummary), "an admin of %s registers %s for MFA for %lld %s",
             a->zTenant, a->p->zMethod, (long long)a->n, plural(a->n, "user", "users"));
  }else{
    snprintf(a->zSummary, sizeof(a->zSummary), "%lld %s of %s %s %s for MFA", (long long)a->n,
             plural(a->n, "user", "users"), a->zTenant, plural(a->n, "registers", "register"),
             a->p->zMethod);
  }
}

/* sign_in: the user's account in the job's target signs in there. The job
** only names the two tenants, so the timeline row does not concern it. */
static void apply_sign_in(Act *a){
  World *w = a->w;
  const Job *j = a->j;
  int64_t id = world_user_find(w, j->iSource, a->p->zUser);
  a->j = NULL;
  if( id<=0 ){
    snprintf(a->zSummary, sizeof(a->zSummary), "%s: no such user in %s", a->p->zUser,
             w->aTenant[j->iSource].zKey);
    return;
  }
  a->n = access_sign_in(w, j->iTarget, j->iSource, id, a->p->mDevice, a->zSummary,
                        sizeof(a->zSummary))>=0;
}

/* mto_join: the tenant joins the organization and the templates of every
** active tenant write their settings for it, and its own for them
** (admin_mto_join); the checks of the jobs between them are re-read. */
static void apply_mto_join(Act *a){
  World *w = a->w;
  int k, n;
  for(k=0; k<w->nTenant; k++){
    if( k==a->iTenant || !mto_is_active(w, k) ) continue;
    census_mark_gates(&a->census, w, 1, k, a->iTenant, -1);
    census_mark_gates(&a->census, w, 1, a->iTenant, k, -1);
  }
  census_gates(&a->census, w, 0);
  n = admin_mto_join(w, a->iTenant);
  census_gates(&a->census, w, 1);
  if( n<0 ){ w->bNoMem = 1; return; }
  a->n = n;
  snprintf(a->zSummary, sizeof(a->zSummary), "%s joins the multitenant organization; the"
           " templates write %d partner settings", a->zTenant, n);
}

/* How each action kind (scenario.h) is applied; the names, keys and checks
** are the rows of scn_actions.c. */
static void (*const aApply[SCN_ACTION_COUNT])(Act*) = {
  [SCN_HIRE] = apply_hire,
  [SCN_TERMINATE] = apply_user_edit, [SCN_RESTORE] = apply_user_edit,
  [SCN_DISABLE] = apply_user_edit,   [SCN_ENABLE] = apply_user_edit,
  [SCN_UPDATE] = apply_user_edit,    [SCN_MOVE] = apply_user_edit,
  [SCN_ASSIGN] = apply_assign,       [SCN_UNASSIGN] = apply_assign,
  [SCN_ADD_MEMBER] = apply_member,   [SCN_REMOVE_MEMBER] = apply_member,
  [SCN_SET_POLICY] = apply_set_policy,
  [SCN_START_JOB] = apply_start_job, [SCN_PAUSE_JOB] = apply_pause_job,
  [SCN_RESTART_JOB] = apply_restart_job,
  [SCN_TARGET_UPDATE] = apply_target, [SCN_TARGET_LEAVE] = apply_target,
  [SCN_SET_MAPPING] = apply_set_mapping, [SCN_SET_FILTERS] = apply_set_filters,
  [SCN_ALLOW_DELETES] = apply_allow_deletes,
  [SCN_SET_TENANT] = apply_set_tenant,
  [SCN_PROVISION_ON_DEMAND] = apply_on_demand,
  [SCN_ADD_PARTNER] = apply_partner, [SCN_REMOVE_PARTNER] = apply_partner,
  [SCN_CREATE_JOB] = apply_create_job, [SCN_DELETE_JOB] = apply_delete_job,
  [SCN_TARGET_DELETE] = apply_target, [SCN_SET_SECRETS] = apply_set_secrets,
  [SCN_ASSIGN_ROLE] = apply_assign_role,
  [SCN_REGISTER_MFA] = apply_register_mfa, [SCN_SIGN_IN] = apply_sign_in,
  [SCN_LIFECYCLE_WORKFLOW] = apply_lifecycle_workflow, [SCN_ACCESS_REVIEW] = apply_access_review,
  [SCN_TARGET_RESTORE] = apply_target_restore,
  [SCN_MTO_JOIN] = apply_mto_join,
};

int apply_touches_users_only(ScnActionKind e){
  switch( e ){
    case SCN_HIRE: case SCN_TERMINATE: case SCN_RESTORE: case SCN_DISABLE:
    case SCN_ENABLE: case SCN_UPDATE: case SCN_MOVE: case SCN_ADD_MEMBER:
    case SCN_REMOVE_MEMBER: case SCN_REGISTER_MFA: case SCN_SIGN_IN:
      return 1;
    default:
      return 0;
  }
}

int apply_action(World *w, const ScnAction *pAct, TsErr *pErr){
  const char *zNote = pAct->zNote;
  Act a;
  memset(&a, 0, sizeof(a));
  a.w = w;
  a.p = pAct;
  a.pErr = pErr;
  a.eKind = pAct->eKind;
  a.zAction = scn_actions_name(pAct->eKind);
  a.zTenant = pAct->zTenant;
  a.zJob = pAct->zJob;
  a.iTenant = pAct->iTenant;
  a.j = pAct->iJob>=0 ? &w->aJob[pAct->iJob] : NULL;

  w->zCause = a.zAction;
  w->iAction = ++w->nAction;
  census_init(&a.census, w);
  aApply[a.eKind](&a);
  if( a.rc ) goto out_free;
  if( a.aId ) select_record(&a, a.aId, a.nSel);
  if( zNote ){
    size_t k = strlen(a.zSummary);
    snprintf(a.zSummary+k, sizeof(a.zSummary)-k, " — %s", zNote);
  }
  census_after(&a.census, w);
  apply_timeline_row(w, a.zAction, a.zSummary, a.n, a.j, zNote, a.census.nAny);
  census_write(&a.census, w, a.j);
out_free:
  census_free(&a.census);
  mem_free(a.aId);
  w->zCause = NULL;
  w->iAction = 0;
  if( a.rc==TS_OK ) desired_sample_drift(w);
  return a.rc;
}
