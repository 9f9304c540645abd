/*
** cycle.c — one sync cycle of a job, object by object (see cycle.h).
**
** Lifecycle rules (entra-facts §7, §14.5):
**   in scope, no target           -> create (never for a disabled user)
**   in scope, target soft-deleted -> restore, then update (within the
**                                    30-day retention; after it the target
**                                    is gone and a new user is created);
**                                    but a user a target admin deleted is
**                                    not restored: InvalidAnchor, escrowed
**   in scope, target live         -> update the Always-flowing values that
**                                    differ (null source values never flow);
**                                    accountEnabled True->False is a disable
**   out of scope, target live     -> soft delete, except a user who was
**                                    disabled (and whose target was
**                                    disabled) before going out of scope by
**                                    unassignment or filter: left as is
**   otherwise                     -> skipped
** CTS writes in the target are audited with the actor
** Microsoft.Azure.SyncFabric. Finding the target user is match.c's rule,
** holding removals back over the accidental-deletion threshold
** deletion.c's; cycle.c calls both.
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "tslimits.h"
#include "audit.h"
#include "strbuf.h"
#include "costmodel.h"
#include "deletion.h"
#include "desired.h"
#include "directory.h"
#include "escrow.h"
#include "faults.h"
#include "groupsync.h"
#include "quarantine.h"
#include "job.h"
#include "mapping.h"
#include "match.h"
#include "policy.h"
#include "provlog.h"
#include "scope.h"
#include "cycle.h"
#include "cycleInt.h"

#define ACTOR_SYNC AUDIT_ACTOR_SYNC

static const char zSqlCycleBegin[] =
  "INSERT INTO cycles(job, cycle_id, kind, began, id) VALUES(?1,?2,?3,?4,?5)";
static const char zSqlCycleEnd[] =
  "UPDATE cycles SET ended=?2, count_imported=?3, count_exported=?4,"
  " count_escrowed=?5, count_skipped=?6, state=?7, count_out_of_scope=?8 WHERE id=?1";
static const char zSqlCycleFailed[] =
  "INSERT INTO cycles(job, cycle_id, kind, began, ended, state, error_code,"
  " error_message, id) VALUES(?1,?2,?3,?4,?4,'Failed',?5,?6,?7)";
static const char zSqlLinkHeld[] =
  "UPDATE links SET held=?3 WHERE job=?1 AND source_user=?2";

/* Does the job import user u at all? With "sync only assigned" the
** service reads only assigned users (and the users it already manages):
** a changed user outside that scope is evaluated and skipped at import
** (cycle_build_work counts it), not processed as an object. */
static int cycle_imports(World *w, Job *j, const User *u, const Pair *p){
  if( u->iTenant!=j->iSource ) return 0;
  return j->bSyncAll || p->iTarget || scope_is_assigned(w, j, u);
}

static int cycle_build_work(World *w, Job *j){
  CycleRun *r = &j->run;
  int64_t i, n = 0;
  int64_t nCap = (j->run.bInitial ? w->nUser : j->nDirty + j->nEscrowOpen) + w->nGroup;
  r->aWork = mem_malloc((size_t)(nCap ? nCap : 1)*sizeof(int64_t));
  if( r->aWork==NULL ) return -1;
  if( r->bInitial ){
    for(i=1; i<=w->nUser; i++){
      /* Only the source tenant's users have (or get) a pair here. */
      int bSource = w->aUser[i-1].iTenant==j->iSource;
      Pair *p = bSource ? pair_get(w, j, i) : pair_peek(j, i);
      if( p==NULL ){
        if( bSource ) return -1;      /* pair_get ran out of memory */
        continue;
      }
      p->bDirty = 0;
      if( cycle_imports(w, j, &w->aUser[i-1], p) ) r->aWork[n++] = i;
    }
  }else{
    for(i=0; i<j->nDirty; i++){
      int64_t id = j->aDirty[i];
      Pair *p = pair_peek(j, id);     /* queued by pair_mark_dirty: it exists */
      if( cycle_imports(w, j, &w->aUser[id-1], p) ){
        r->aWork[n++] = id;
      }else{
        p->bDirty = 0;
        r->nOutOfScope++;
      }
    }
    /* Escrows due for their retry join the changed users. */
    n = escrow_due(w, j, r->aWork, n);
    for(i=0; i<n; i++) pair_peek(j, r->aWork[i])->bDirty = 0;
  }
  j->nDirty = 0;
  /* Groups come after the users, so that new members exist already. */
  n = groupsync_work(w, j, r->bInitial, r->aWork, n);
  r->nWork = n;
  r->iWork = 0;
  return 0;
}

int cycle_begin(World *w, Job *j){
  CycleRun *r = &j->run;
  GateResult gate;
  StoreStmt *s;
  int iJob = (int)(j - w->aJob);
  memset(r, 0, sizeof(*r));
  r->bInitial = j->bNeedInitial;
  rng_guid(&w->rngRunIds, r->zCycleId);
  if( policy_gate_check(w, j->iSource, j->iTarget, j->bCrossCloud, &gate) ){
    s = store_write(w->pStore, zSqlCycleFailed);
    if( s ){
      store_put_int(s, 1, iJob);
      store_put_text(s, 2, r->zCycleId);
      store_put_text(s, 3, r->bInitial ? "initial" : "incremental");
      store_put_int(s, 4, w->tNow);
      store_put_text(s, 5, gate.zCode);
      store_put_text(s, 6, gate.zMessage);
      store_put_int(s, 7, ++w->nCycleRow);
      store_run(w->pStore, s);
    }
    job_set_gate(w, j, &gate);
    j->stats.nFailedCycles++;
    /* A credential or policy-check failure quarantines the job at once. */
    quarantine_enter(w, j, QR_QUARANTINE_EXCEPTION, gate.zMessage);
    j->tNextCycle = j->bScheduled ? quarantine_next_cycle(w, j, w->tNow) : -1;
    job_save(w, j);
    return 0;
  }
  job_set_gate(w, j, &gate);
  if( j->eQuarReason==QR_QUARANTINE_EXCEPTION ) quarantine_leave(w, j, "policy check passed");
  if( quarantine_expire_escrows(w, j) ){
    job_save(w, j);
    return 0;
  }
  if( cycle_build_work(w, j) ){ w->bNoMem = 1; return -1; }
  deletion_cycle_begin(w, j);
  r->rMinutesPerCreate = costmodel_draw_rate(w);
  /* "Changes to users or groups that aren't in scope ... can impact
  ** performance as the service will need to evaluate the change and skip
  ** it" (S10): each costs a skip, at import, before the first export. It
  ** reads only the source, so the target's throttling does not slow it. */
  r->msCursor = r->nOutOfScope * costmodel_object_ms(w, r->rMinutesPerCreate, COST_SKIP);
  r->tBegin = w->tNow;
  r->bRunning = 1;
  j->bNeedInitial = 0;
  j->tWatermark = w->tNow;
  j->tNextCycle = -1;
  s = store_write(w->pStore, zSqlCycleBegin);
  if( s ){
    store_put_int(s, 1, iJob);
    store_put_text(s, 2, r->zCycleId);
    store_put_text(s, 3, r->bInitial ? "initial" : "incremental");
    store_put_int(s, 4, w->tNow);
    store_put_int(s, 5, r->iRow = ++w->nCycleRow);
    store_run(w->pStore, s);
  }
  job_save(w, j);
  return 0;
}

static void cycle_set_held(World *w, Job *j, Pair *p, int64_t id, const char *zHeld){
  StoreStmt *s;
  p->bHeld = zHeld!=NULL;
  s = store_write(w->pStore, zSqlLinkHeld);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_int(s, 2, id);
  store_put_text(s, 3, zHeld);
  store_run(w->pStore, s);
}

/* Append one [name, old, new] triple to the modified-properties array. */
static void modified_prop(StrBuf *b, const char *zName, const char *zOld, const char *zNew){
  strbuf_append(b, b->n>1 ? ",[" : "[");
  strbuf_json_string(b, zName);
  strbuf_appendc(b, ',');
  if( zOld ) strbuf_json_string(b, zOld); else strbuf_append(b, "null");
  strbuf_appendc(b, ',');
  if( zNew ) strbuf_json_string(b, zNew); else strbuf_append(b, "null");
  strbuf_appendc(b, ']');
}

/* A create's property: its triple in b (modified_prop), and its name and
** value apart in World's sbCreatedNames and sbCreatedValues, the form
** provlog.c stores a create's properties in. */
static void created_prop(World *w, StrBuf *b, const char *zName, const char *zValue){
  StrBuf *pN = &w->sbCreatedNames, *pV = &w->sbCreatedValues;
  modified_prop(b, zName, NULL, zValue);
  if( pN->n>1 ){ strbuf_appendc(pN, ','); strbuf_appendc(pV, ','); }
  strbuf_json_string(pN, zName);
  if( zValue ) strbuf_json_string(pV, zValue); else strbuf_append(pV, "null");
}

/* Why an object could not be exported, when it could not. */
typedef struct CycleFail {
  const char *zCode;       /* error code, NULL when the object is skipped */
  int bReference;          /* it failed on a reference attribute (manager) */
  char zReason[TS_REASON_MAX];
} CycleFail;

/* What becomes of an object that cannot be exported as evaluated. */
#define CYCLE_FAILED  (-1)     /* failed: escrowed, retried in a later cycle */
#define CYCLE_SKIPPED (-2)     /* skipped (IgnoreObjectFlow) */

/* Outcome of evaluating one entry that is not a value: fill *pf and say
** what to do (CYCLE_FAILED, CYCLE_SKIPPED, or 0: nothing flows). */
static int cycle_outcome(const MapValue *v, const Job *j, const MapEntry *e,
                         World *w, CycleFail *pf){
  switch( v->e ){
    case MV_ERROR:
      pf->zCode = "ExpressionEvaluationFailed";
      snprintf(pf->zReason, sizeof(pf->zReason), "The mapping of %s could not be evaluated:"
               " %s", world_attr_name(w, e->iTarget), v->zErr);
      return CYCLE_FAILED;
    case MV_ESCROW:
      pf->zCode = "SelectUniqueValueExhausted";
      snprintf(pf->zReason, sizeof(pf->zReason), "SelectUniqueValue found every candidate"
               " value of %s already in use in the target; the entry is escrowed",
               world_attr_name(w, e->iTarget));
      return CYCLE_FAILED;
    case MV_SKIP_OBJECT:
      pf->zCode = NULL;
      snprintf(pf->zReason, sizeof(pf->zReason), "IgnoreObjectFlow in the mapping of %s:"
               " the object is skipped", world_attr_name(w, e->iTarget));
      return CYCLE_SKIPPED;
    default:
      (void)j;
      return 0;
  }
}

/* Write every Always-flowing value of u that target idT lacks; describe
** them in b, leaving out userPrincipalName when bDropUpn. Returns the
** number of attributes changed (*pbDisable when accountEnabled went from
** true to false), CYCLE_FAILED or CYCLE_SKIPPED (*pf says why). */
static int cycle_update_values(World *w, Job *j, const User *u, int64_t idT,
                               StrBuf *b, int *pbDisable, CycleFail *pf, int bDropUpn){
  int i, n = 0, rc;
  *pbDisable = 0;
  for(i=0; i<j->nMap; i++){
    const MapEntry *e = &j->aMap[i];
    const char *zOld;
    MapValue v;
    if( e->eFlow!=FLOW_ALWAYS ) continue;
    if( e->iTarget==A_USER_PRINCIPAL_NAME && bDropUpn ) continue;
    mapping_eval(w, j, e, u, world_user(w, idT), 0, &v);
    if( v.e!=MV_VALUE ){
      rc = cycle_outcome(&v, j, e, w, pf);
      mapping_value_clear(&v);
      if( rc ) return rc;
      continue;
    }
    zOld = world_user_attr(w, world_user(w, idT), e->iTarget);
    if( zOld==NULL || strcmp(zOld, v.z)!=0 ){
      if( e->iTarget==A_ACCOUNT_ENABLED && !attr_is_true(v.z) ) *pbDisable = 1;
      modified_prop(b, world_attr_name(w, e->iTarget), v.bRedact ? "[Redact]" : zOld,
                    v.bRedact ? "[Redact]" : v.z);
      rc = directory_user_set(w, idT, e->iTarget, v.z);
      n++;
    }else{
      rc = 0;
    }
    mapping_value_clear(&v);
    if( rc ) return n;
  }
  return n;
}

/* How creating a target user went. */
typedef enum CreateOutcome {
  CREATE_OK,               /* created: *pidT is its id */
  CREATE_NOMEM,            /* out of memory (w->bNoMem set) */
  CREATE_FAILED,           /* the object fails: escrowed (*pf says why) */
  CREATE_SKIPPED           /* the object is skipped (*pf says why) */
} CreateOutcome;

/* Create u's B2B user in the target; its id goes to *pidT (0 unless
** CREATE_OK). */
static CreateOutcome cycle_create(World *w, Job *j, const User *u, StrBuf *b, CycleFail *pf,
                                  int64_t *pidT){
  const char *az[A_COUNT];
  MapValue *av = mem_malloc(sizeof(MapValue)*(size_t)(j->nMap ? j->nMap : 1));
  int64_t idT = -1;
  int i, n = 0, rc = 0;
  *pidT = 0;
  if( av==NULL ){ w->bNoMem = 1; return CREATE_NOMEM; }
  memset(az, 0, sizeof(az));
  strbuf_reset(&w->sbCreatedNames);
  strbuf_reset(&w->sbCreatedValues);
  strbuf_appendc(&w->sbCreatedNames, '[');
  strbuf_appendc(&w->sbCreatedValues, '[');
  for(i=0; i<j->nMap; i++, n++){
    const MapEntry *e = &j->aMap[i];
    mapping_eval(w, j, e, u, NULL, 1, &av[i]);
    if( av[i].e!=MV_VALUE ){
      rc = cycle_outcome(&av[i], j, e, w, pf);
      if( rc ){ n++; goto out_clear_values; }
      continue;
    }
    if( e->iTarget<A_COUNT ) az[e->iTarget] = av[i].z;
    created_prop(w, b, world_attr_name(w, e->iTarget), av[i].bRedact ? "[Redact]" : av[i].z);
  }
  if( (pf->zCode = faults_create_error(w, j, u, az[A_MAIL], az[A_USER_TYPE], pf->zReason,
                                       sizeof(pf->zReason)))!=NULL ){
    rc = CYCLE_FAILED;
    goto out_clear_values;
  }
  idT = directory_user_add_synced(w, j->iTarget, az, (int)(j - w->aJob), u);
  for(i=0; idT>0 && i<j->nMap; i++){
    if( j->aMap[i].iTarget>=A_COUNT && av[i].e==MV_VALUE ){
      directory_user_set(w, idT, j->aMap[i].iTarget, av[i].z);
    }
  }
out_clear_values:
  for(i=0; i<n; i++) mapping_value_clear(&av[i]);
  mem_free(av);
  if( rc ) return rc==CYCLE_FAILED ? CREATE_FAILED : CREATE_SKIPPED;
  if( idT<0 ) return CREATE_NOMEM;
  *pidT = idT;
  return CREATE_OK;
}

/* Record that object id could not be exported (rc CYCLE_FAILED: escrowed
** and retried in the next cycle) or was skipped (CYCLE_SKIPPED), as *pf
** says. */
static void cycle_failed(World *w, Job *j, int64_t id, ProvEntry *pe, int rc,
                         const CycleFail *pf, ProvAction eAction){
  pe->zReason = pf->zReason;
  pe->zExportStep = NULL;
  if( rc==CYCLE_SKIPPED ){
    pe->eAction = PROV_OTHER;
    pe->zStatus = "skipped";
    return;
  }
  pe->eAction = eAction;
  pe->zStatus = "failure";
  pe->zErrorCode = pf->zCode;
  pe->bAttempted = 1;
  j->run.nEscrowed++;
  if( pf->bReference ) j->run.nEscrowedRef++;
  j->stats.nFailure++;
  escrow_add(w, j, id, pf->zCode, pf->bReference);
}

/* The cycle is over the accidental-deletion threshold: hold this removal
** (logged as stagedDelete) until deletes are allowed; the reason text
** goes to pf's buffer. */
static void cycle_staged(World *w, Job *j, int64_t id, ProvEntry *pe, CycleFail *pf,
                         const char *zWhat){
  deletion_stage_user(w, j, id, zWhat, pf->zReason, sizeof(pf->zReason));
  pe->eAction = PROV_STAGED_DELETE;
  pe->zStatus = "skipped";
  pe->zReason = pf->zReason;
}

/* Does the target user idT lack the manager reference the mapping gives? */
static int cycle_manager_pending(World *w, Job *j, const User *u, int64_t idT){
  int i;
  for(i=0; i<j->nMap; i++){
    const MapEntry *e = &j->aMap[i];
    MapValue v;
    int bDiff;
    if( e->iTarget!=A_MANAGER || e->eFlow!=FLOW_ALWAYS ) continue;
    mapping_eval(w, j, e, u, world_user(w, idT), 0, &v);
    bDiff = v.e==MV_VALUE && (world_user_attr(w, world_user(w, idT), A_MANAGER)==NULL
                              || strcmp(world_user_attr(w, world_user(w, idT), A_MANAGER), v.z)!=0);
    mapping_value_clear(&v);
    return bDiff;
  }
  return 0;
}

/* Does an export to j's target fail now because of an injected fault? */
static int cycle_fault(World *w, Job *j, CycleFail *pf){
  const char *zCode = faults_export_error(w, j->iTarget);
  if( zCode==NULL ) return 0;
  pf->zCode = zCode;
  snprintf(pf->zReason, sizeof(pf->zReason), "The export to %s failed with %s. The operation"
           " is escrowed and will be retried.", w->aTenant[j->iTarget].zKey, zCode);
  return 1;
}

static void cycle_audit_target(World *w, Job *j, const char *zActivity, int64_t idT){
  User *t = world_user(w, idT);
  audit_write(w, j->iTarget, "UserManagement", zActivity, ACTOR_SYNC, "User",
              t->zObjectId, world_user_attr(w, t, A_USER_PRINCIPAL_NAME), j->zKey);
}

/* The audit row of an update in the target, naming the modified
** properties (the entry's modifiedProperties) after the job: their names
** are the first string of each [name, old, new] of b, which
** modified_prop wrote (a quote inside a value is escaped, so ,[" and [["
** only ever start an entry). */
static void cycle_audit_update(World *w, Job *j, int64_t idT, const StrBuf *b){
  User *t = world_user(w, idT);
  char zDetail[600];
  const char *z = strbuf_str((StrBuf*)b);
  size_t k = (size_t)snprintf(zDetail, sizeof(zDetail), "%s; modified properties:", j->zKey);
  int n = 0;
  for(; z && *z && k+4<sizeof(zDetail); z++){
    if( (z[0]==',' || z[0]=='[') && z[1]=='[' && z[2]=='"' ){
      const char *e = strchr(z+3, '"');
      if( e==NULL ) break;
      k += (size_t)snprintf(zDetail+k, sizeof(zDetail)-k, "%s %.*s", n++ ? "," : "",
                            (int)(e - (z+3)), z+3);
      z = e;
    }
  }
  if( k>=sizeof(zDetail) ) zDetail[sizeof(zDetail)-1] = 0;
  audit_write(w, j->iTarget, "UserManagement", "Update user", ACTOR_SYNC, "User",
              t->zObjectId, world_user_attr(w, t, A_USER_PRINCIPAL_NAME), n ? zDetail : j->zKey);
}

/* The evaluation of one source user in a cycle, shared by cycle_object
** and the functions it hands each case to. */
typedef struct CycleObj {
  int64_t id;              /* the source user's id */
  User *u;                 /* the source user (re-fetched after a create) */
  Pair *p;                 /* its pair */
  User *t;                 /* its target user, or NULL */
  int64_t idT;             /* t's id, 0 when none */
  OutReason eOut;          /* why it is out of scope */
  int bIn;                 /* in scope */
  int bEnabled;            /* accountEnabled in the source */
  CostKind eCost;          /* what the export cost */
  ProvEntry e;             /* the provisioning-log row being built */
  CycleFail fail;          /* why it failed; also the reason buffer */
  StrBuf *b;               /* modified properties (w->sbModified) */
  size_t nCreateEnd;       /* b->n after a create that wrote b's first
                           ** properties; 0 when none did */
} CycleObj;

/* In scope with a live target user: update the values that differ (or
** hold a disable over the deletion threshold). */
static void cycle_update_live(World *w, Job *j, CycleObj *o){
  CycleRun *r = &j->run;
  Pair *p = o->p;
  int bDisable = 0, rc;
  if( p->bHeld ) cycle_set_held(w, j, p, o->id, NULL);
  if( !(j->mObjectActions & OBJ_ACT_UPDATE) ){
    o->e.zReason = "Update is not an enabled target object action of this job";
  }else if( r->bStaging && deletion_user_removal(w, j, o->id)==DELETION_DISABLE ){
    cycle_staged(w, j, o->id, &o->e, &o->fail, "disable");
  }else if( p->bDrift && cycle_fault(w, j, &o->fail) ){
    cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_UPDATE);
  }else if( !p->bDrift && cycle_manager_pending(w, j, o->u, o->idT) && cycle_fault(w, j, &o->fail) ){
    /* Only the manager reference was to be written: a reference failure. */
    o->fail.bReference = 1;
    snprintf(o->fail.zReason, sizeof(o->fail.zReason), "The manager of the User could not be"
             " set in %s (%s): a reference failure, retried later",
             w->aTenant[j->iTarget].zKey, o->fail.zCode);
    cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_UPDATE);
  }else if( (rc = cycle_update_values(w, j, o->u, o->idT, o->b, &bDisable, &o->fail,
                                      p->bUpnStale && !r->bInitial))>0 ){
    if( r->bInitial ) p->bUpnStale = 0;
    o->e.eAction = bDisable ? PROV_DISABLE : PROV_UPDATE;
    o->e.zStatus = "success";
    o->e.zExportStep = "EntryExportUpdate";
    cycle_audit_update(w, j, o->idT, o->b);
    o->eCost = COST_WRITE;
  }else if( rc<0 ){
    cycle_failed(w, j, o->id, &o->e, rc, &o->fail, PROV_UPDATE);
  }else{
    if( r->bInitial ) p->bUpnStale = 0;
    o->e.zReason = "The User is already in the desired state; no change needed";
  }
}

/* In scope with a soft-deleted target user: restore it, then update it. */
static void cycle_restore(World *w, Job *j, CycleObj *o){
  int bDisable = 0, rc;
  if( !(j->mObjectActions & OBJ_ACT_UPDATE) ){
    o->e.zReason = "Update is not an enabled target object action of this job; the"
                   " soft-deleted User is not restored";
  }else if( cycle_fault(w, j, &o->fail) ){
    cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_UPDATE);
  }else{
    directory_user_restore(w, o->idT);
    modified_prop(o->b, "IsSoftDeleted", "True", "False");
    rc = cycle_update_values(w, j, o->u, o->idT, o->b, &bDisable, &o->fail,
                             o->p->bUpnStale && !j->run.bInitial);
    o->e.eAction = PROV_UPDATE;
    o->e.zStatus = "success";
    o->e.zExportStep = "EntryExportUpdate";
    cycle_audit_target(w, j, "Restore user", o->idT);
    o->eCost = COST_WRITE;
    if( rc<0 ) cycle_failed(w, j, o->id, &o->e, rc, &o->fail, PROV_UPDATE);
  }
}

/* Create and link the target user of o, logged with status zStatus and
** reason zReason (NULL: none). Returns -1 when memory ran out (nothing is
** to be logged then), else 0. */
static int cycle_export_create(World *w, Job *j, CycleObj *o, const char *zStatus,
                               const char *zReason){
  size_t nBefore = o->b->n;
  CreateOutcome eC = cycle_create(w, j, o->u, o->b, &o->fail, &o->idT);
  if( eC==CREATE_NOMEM ) return -1;
  if( eC==CREATE_OK && nBefore==1 && w->sbCreatedNames.n>1 ) o->nCreateEnd = o->b->n;
  o->u = world_user(w, o->id);   /* directory_user_add may move the user array */
  o->e.pSource = o->u;
  if( eC!=CREATE_OK ){
    cycle_failed(w, j, o->id, &o->e, eC==CREATE_FAILED ? CYCLE_FAILED : CYCLE_SKIPPED,
                 &o->fail, PROV_CREATE);
    return 0;
  }
  match_link(w, j, o->p, o->u, world_user(w, o->idT), "created");
  o->e.eAction = PROV_CREATE;
  o->e.zStatus = zStatus;
  if( zReason ) o->e.zReason = zReason;
  o->e.zExportStep = "EntryExportAdd";
  cycle_audit_target(w, j, "Add user", o->idT);
  o->eCost = COST_CREATE;
  return 0;
}

/* In scope without a target user: the invitation manager's match by mail,
** or a new B2B user. Returns -1 when memory ran out, else 0. */
static int cycle_export_new(World *w, Job *j, CycleObj *o){
  int bDisable = 0;
  if( !o->bEnabled ){
    o->e.zReason = "The User is disabled in the source system and is not provisioned"
                   " until it is active (Active in the source system = False)";
  }else if( !(j->mObjectActions & OBJ_ACT_CREATE) ){
    o->e.zReason = "Create is not an enabled target object action of this job";
  }else if( cycle_fault(w, j, &o->fail) ){
    cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_CREATE);
  }else if( (o->idT = match_by_mail(w, j, o->u))>0 ){
    /* The invitation manager found a B2B user with the same mail (match.h). */
    int bPending = match_take_by_mail(w, j, o->p, o->u, o->idT);
    cycle_update_values(w, j, world_user(w, o->id), o->idT, o->b, &bDisable, &o->fail, 1);
    o->e.zMatch = "matched";
    o->e.eAction = PROV_CREATE;
    o->e.zStatus = "success";
    o->e.zExportStep = "EntryExportAdd";
    cycle_audit_target(w, j, bPending ? "Redeem external user invite" : "Update user", o->idT);
    o->eCost = COST_WRITE;
  }else{
    return cycle_export_create(w, j, o, "success", NULL);
  }
  return 0;
}

/* In scope, linked to a user a target admin deleted: CTS does not restore
** it ("Recently deleted user in the target tenant is not restored", S2
** troubleshooting), and writing to the linked user fails the way the
** provisioning logs document for a user that no longer exists
** (InvalidAnchor, S20): escrowed, retried, until the link goes (restart
** with resetScope Full) or the user is restored by hand. */
static void cycle_target_gone(World *w, Job *j, CycleObj *o){
  o->fail.zCode = "InvalidAnchor";
  snprintf(o->fail.zReason, sizeof(o->fail.zReason), "The User this user was linked to in"
           " %s was deleted there by an administrator and is not restored by"
           " synchronization; restore it by hand, or restart the job with resetScope Full"
           " to match the user again", w->aTenant[j->iTarget].zKey);
  cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_UPDATE);
}

/* A source user in scope: match, then update, restore or create its
** target user. Returns -1 when memory ran out, else 0. */
static int cycle_export_in_scope(World *w, Job *j, CycleObj *o){
  o->t = match_find(w, j, o->p, o->u, &o->e.zMatch);
  o->idT = o->t ? o->t->id : 0;
  if( o->t && user_is_live(o->t) ){
    cycle_update_live(w, j, o);
  }else if( o->t && j->run.bOnDemand ){
    /* Restoring a soft-deleted target user on demand is unsupported: a
    ** second, duplicate user is created and linked instead. */
    return cycle_export_create(w, j, o, "warning", "On-demand provisioning cannot restore a"
                               " soft-deleted user: a duplicate user was created; restore"
                               " the original by hand");
  }else if( o->t && o->p->bTargetDeleted ){
    cycle_target_gone(w, j, o);
  }else if( o->t ){
    cycle_restore(w, j, o);
  }else{
    return cycle_export_new(w, j, o);
  }
  return 0;
}

/* A source user out of scope whose target user is live: soft-delete it,
** unless it was disabled first, deletes are off, or the deletion
** threshold holds the delete back. */
static void cycle_deprovision(World *w, Job *j, CycleObj *o){
  Pair *p = o->p;
  if( o->eOut!=OUT_DELETED && !o->bEnabled && !attr_is_true(world_user_attr(w, o->t, A_ACCOUNT_ENABLED)) ){
    if( !p->bHeld ) cycle_set_held(w, j, p, o->id, "disabled_then_out_of_scope");
    o->e.zReason = "The User was disabled before it went out of scope; a disabled"
                   " User is not deprovisioned further";
  }else if( j->bSkipOos && w->params.bSkipOosHonoured && o->eOut!=OUT_DELETED ){
    /* S13's setting, which S7 says cross-tenant sync does not honour: only
    ** with the model parameter skipOutOfScopeDeletions "honoured". */
    if( !p->bHeld ) cycle_set_held(w, j, p, o->id, "skip_out_of_scope_deletions");
    o->e.zReason = "SkipOutOfScopeDeletions is set: a User that goes out of scope is left in"
                   " the target";
  }else if( !(j->mObjectActions & OBJ_ACT_DELETE) ){
    if( !p->bHeld ) cycle_set_held(w, j, p, o->id, "delete_action_disabled");
    o->e.zReason = "Delete is not an enabled target object action of this job; the"
                   " User is left in the target";
  }else if( j->run.bStaging ){
    cycle_staged(w, j, o->id, &o->e, &o->fail, "delete");
  }else if( cycle_fault(w, j, &o->fail) ){
    cycle_failed(w, j, o->id, &o->e, CYCLE_FAILED, &o->fail, PROV_DELETE);
  }else{
    directory_user_soft_delete(w, o->idT);
    modified_prop(o->b, "IsSoftDeleted", "False", "True");
    o->e.eAction = PROV_DELETE;
    o->e.zStatus = "success";
    o->e.zExportStep = "EntryExportUpdateSoftDelete";
    cycle_audit_target(w, j, "Delete user", o->idT);
    o->eCost = COST_WRITE;
  }
}

/* Start the evaluation of source user id: scope, and the import facts. */
static void cycle_object_begin(World *w, Job *j, int64_t id, CycleObj *o){
  memset(o, 0, sizeof(*o));
  o->id = id;
  o->u = world_user(w, id);
  o->p = pair_peek(j, id);       /* in the work list: it exists */
  o->t = o->p->iTarget ? world_user(w, o->p->iTarget) : NULL;
  o->idT = o->t ? o->t->id : 0;
  o->bIn = scope_eval(w, j, o->u, &o->eOut);
  o->bEnabled = attr_is_true(world_user_attr(w, o->u, A_ACCOUNT_ENABLED));
  o->eCost = COST_SKIP;
  o->b = &w->sbModified;
  strbuf_reset(o->b);
  strbuf_appendc(o->b, '[');
  o->e.pSource = o->u;
  o->e.bInScope = o->bIn;
  o->e.eOut = o->eOut;
  o->e.bAssigned = scope_is_assigned(w, j, o->u);
  o->e.zImportType = !user_is_live(o->u) ? "Delete" : (o->t ? "Update" : "Add");
  o->e.eAction = PROV_OTHER;
  o->e.zStatus = "skipped";
}

/* Finish the evaluation: the log row, the escrow, the desired state and
** the counters. Returns the object's cost in milliseconds. */
static int64_t cycle_object_end(World *w, Job *j, CycleObj *o){
  CycleRun *r = &j->run;
  ProvEntry *e = &o->e;
  strbuf_appendc(o->b, ']');
  if( o->b->bErr ) w->bNoMem = 1;
  e->pTarget = o->idT>0 ? world_user(w, o->idT) : NULL;
  e->zModified = strbuf_str(o->b);
  if( e->eAction==PROV_CREATE && o->nCreateEnd>0 && o->b->n==o->nCreateEnd+1 ){
    /* Nothing but the create's properties: provlog.c stores them as
    ** names and values. */
    strbuf_appendc(&w->sbCreatedNames, ']');
    strbuf_appendc(&w->sbCreatedValues, ']');
    if( w->sbCreatedNames.bErr || w->sbCreatedValues.bErr ) w->bNoMem = 1;
    e->zCreatedNames = strbuf_str(&w->sbCreatedNames);
    e->zCreatedValues = strbuf_str(&w->sbCreatedValues);
  }
  if( e->bAttempted && o->eCost==COST_SKIP ) o->eCost = COST_WRITE;   /* a failed call takes time */
  e->msDuration = (int64_t)((double)costmodel_object_ms(w, r->rMinutesPerCreate, o->eCost)
                            * faults_throttle(w, j->iTarget));
  if( o->p->bEscrow && strcmp(e->zStatus, "failure")!=0 && e->eAction!=PROV_STAGED_DELETE ){
    escrow_clear(w, j, o->id);
  }
  provlog_write(w, j, e);
  desired_update(w, j, o->id, NULL);
  if( j->bGroupSync && e->zExportStep && e->eAction!=PROV_UPDATE ){
    groupsync_member_changed(w, j, world_user(w, o->id));   /* memberships to resolve */
  }
  r->nImported++;
  if( e->zExportStep ){
    r->nExported++;
    switch( e->eAction ){
      case PROV_CREATE:  j->stats.nCreate++; break;
      case PROV_UPDATE:  j->stats.nUpdate++; break;
      case PROV_DELETE:  j->stats.nDelete++; break;
      case PROV_DISABLE: j->stats.nDisable++; break;
      default: break;
    }
  }else if( strcmp(e->zStatus, "failure")!=0 ){
    r->nSkipped++;
    j->stats.nSkipped++;
  }
  return e->msDuration;
}

int64_t cycle_object(World *w, Job *j, int64_t id){
  CycleObj o;
  cycle_object_begin(w, j, id, &o);
  if( o.bIn ){
    if( cycle_export_in_scope(w, j, &o) ) return 0;
  }else if( o.t && user_is_live(o.t) ){
    cycle_deprovision(w, j, &o);
  }else{
    o.e.zReason = "The User is out of scope and has no live User in the target";
  }
  return cycle_object_end(w, j, &o);
}

void cycle_record_end(World *w, Job *j, int bEnded){
  CycleRun *r = &j->run;
  StoreStmt *s = store_write(w->pStore, zSqlCycleEnd);
  if( s==NULL ) return;
  store_put_int(s, 1, r->iRow);
  store_put_opt_int(s, 2, w->tNow, !bEnded);
  store_put_int(s, 3, r->nImported);
  store_put_int(s, 4, r->nExported);
  store_put_int(s, 5, r->nEscrowed);
  store_put_int(s, 6, r->nSkipped);
  store_put_text(s, 7, bEnded ? (r->nEscrowed ? "EntryLevelErrors" : "Succeeded") : NULL);
  store_put_int(s, 8, r->nOutOfScope);
  store_run(w->pStore, s);
}

/* The escrow thresholds at the end of j's cycle (quarantine.h). An
** initial cycle that reaches one prunes its escrows and pauses the job
** instead (escrowsPruned); a clean cycle lifts an escrow quarantine. */
static void cycle_escrow_check(World *w, Job *j){
  CycleRun *r = &j->run;
  QuarReason eQ;
  char zDetail[TS_REASON_MAX];
  if( (eQ = quarantine_evaluate(w, j, r->nEscrowed, r->nEscrowedRef, r->nImported))!=QR_NONE ){
    snprintf(zDetail, sizeof(zDetail), "%lld of %lld objects failed in this cycle; %lld"
             " escrows outstanding", (long long)r->nEscrowed, (long long)r->nImported,
             (long long)j->nEscrowOpen);
    if( r->bInitial && j->eQuarReason==QR_NONE ){
      escrow_clear_all(w, j);
      j->bEscrowsPruned = 1;
      j->bScheduled = 0;
      j->eStatus = JOB_PAUSED;
      audit_write(w, j->iSource, "ProvisioningManagement", "Process escrow",
                  "Azure AD Provisioning Service", "ServicePrincipal", j->zServicePrincipal,
                  j->zKey, "escrowsPruned: the initial cycle reached the quarantine threshold;"
                  " escrows were pruned and the job paused until errors are cleaned up");
    }else{
      quarantine_enter(w, j, eQ, zDetail);
    }
  }else if( j->eQuarReason!=QR_NONE && j->eQuarReason!=QR_TOO_MANY_DELETES
         && j->eQuarReason!=QR_QUARANTINE_EXCEPTION && r->nEscrowed==0 ){
    quarantine_leave(w, j, "recovered");
  }
}

/* The end of a cycle: the deletion threshold (deletion.h), then the
** escrow thresholds (quarantine.h); the next cycle is scheduled. */
static void cycle_finish(World *w, Job *j){
  CycleRun *r = &j->run;
  cycle_record_end(w, j, 1);
  ts_assert( escrow_counts_agree(j) );
  if( r->bInitial ) j->stats.nInitial++; else j->stats.nIncremental++;
  if( j->eStatus==JOB_NOT_RUN && j->bScheduled ) j->eStatus = JOB_ACTIVE;
  if( !deletion_cycle_end(w, j) ) cycle_escrow_check(w, j);
  j->tNextCycle = j->bScheduled ? quarantine_next_cycle(w, j, r->tBegin) : -1;
  j->bPauseAfterCycle = 0;
  r->bRunning = 0;
  mem_free(r->aWork);
  r->aWork = NULL;
  desired_sample_drift(w);
  job_save(w, j);
}

int cycle_step(World *w, Job *j, SimTime tEvent, SimTime tLimit, SimTime *ptNext){
  CycleRun *r = &j->run;
  int64_t msBase = (int64_t)w->params.cycleOverhead*1000;
  SimTime t;
  if( !r->bRunning ) return 1;           /* ended early: its job was deleted */
  while( r->iWork<r->nWork ){
    t = r->tBegin + (msBase + r->msCursor)/1000;
    if( t>tEvent && t>=tLimit ){ *ptNext = t; return 0; }
    w->tNow = t;
    int64_t id = r->aWork[r->iWork++];
    r->msCursor += id<0 ? groupsync_object(w, j, (int)(-id-1)) : cycle_object(w, j, id);
    if( w->bNoMem ) return -1;
    if( w->tNow - w->tLastMetric >= w->params.metricInterval ) desired_sample_drift(w);
  }
  t = r->tBegin + (msBase + r->msCursor + 999)/1000;
  if( t>tEvent && t>=tLimit ){ *ptNext = t; return 0; }
  w->tNow = t;
  cycle_finish(w, j);
  return 1;
}

void cycle_abandon(World *w, Job *j){
  if( !j->run.bRunning ) return;
  cycle_record_end(w, j, 0);
  j->run.bRunning = 0;
  mem_free(j->run.aWork);
  j->run.aWork = NULL;
  j->run.nWork = j->run.iWork = 0;
}
