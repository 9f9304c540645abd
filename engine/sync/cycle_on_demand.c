/*
** cycle_on_demand.c — on-demand provisioning (see cycle_on_demand.h).
*/
#include <stdio.h>
#include <string.h>
#include "costmodel.h"
#include "groupsync.h"
#include "job.h"
#include "policy.h"
#include "provlog.h"
#include "cycleInt.h"
#include "cycle_on_demand.h"

static const char zSqlOnDemand[] =
  "INSERT INTO cycles(job, cycle_id, kind, began, ended, count_imported, count_exported,"
  " count_escrowed, count_skipped, state, error_code, error_message, id)"
  " VALUES(?1,?2,'onDemand',?3,?3,?4,0,0,0,?5,?6,?7,?8)";

/* Begin an on-demand provisioning in j->run (the caller keeps the running
** cycle) and write its 'onDemand' cycles row: Succeeded until its end
** writes the counts, or Failed with zCode and zMsg. */
static void cycle_on_demand_begin(World *w, Job *j, const char *zCode, const char *zMsg){
  StoreStmt *s;
  memset(&j->run, 0, sizeof(j->run));
  j->run.bOnDemand = 1;
  rng_guid(&w->rngRunIds, j->run.zCycleId);
  j->run.rMinutesPerCreate = costmodel_draw_rate(w);
  s = store_write(w->pStore, zSqlOnDemand);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_text(s, 2, j->run.zCycleId);
  store_put_int(s, 3, w->tNow);
  store_put_int(s, 4, zCode ? 0 : 1);
  store_put_text(s, 5, zCode ? "Failed" : "Succeeded");
  store_put_text(s, 6, zCode);
  store_put_text(s, 7, zMsg);
  store_put_int(s, 8, j->run.iRow = ++w->nCycleRow);
  store_run(w->pStore, s);
}

/* The provisioning-log row of an on-demand provisioning of u that stopped
** at zStep ("connection" or "import") and failed with zCode: zMsg. */
static void cycle_on_demand_stopped(World *w, Job *j, const User *u, const char *zStep,
                                    const char *zCode, const char *zMsg){
  ProvEntry e;
  memset(&e, 0, sizeof(e));
  e.eAction = PROV_OTHER;
  e.zStatus = "failure";
  e.zErrorCode = zCode;
  e.zReason = zMsg;
  e.zImportType = user_is_live(u) ? "Update" : "Delete";
  e.bInScope = 1;
  e.pSource = u;
  e.zStopStep = zStep;
  provlog_write(w, j, &e);
}

int cycle_on_demand(World *w, Job *j, int64_t id, const char **pzOutcome){
  char *zOutcome = j->zOnDemandOutcome;
  CycleRun saved = j->run;
  const char *zCode = NULL, *zMsg = NULL, *zStep = NULL;
  GateResult gate;
  User *u = world_user(w, id);
  int rc = 0;
  /* The user is searched for first: "On-demand provisioning supports
  ** disabling users that have been unassigned from the application.
  ** However, it doesn't support disabling or deleting users that have been
  ** disabled or deleted from Microsoft Entra ID. Those users don't appear
  ** when you search for a user." (S14, known limitations) */
  if( !user_is_live(u) || !attr_is_true(world_user_attr(w, u, A_ACCOUNT_ENABLED)) ){
    int bDeleted = !user_is_live(u);
    zCode = "UserNotFound";
    zStep = "import";
    zMsg = bDeleted ? "The User was not found: it is deleted in the source, and on-demand"
                      " provisioning cannot delete users deleted in the source (they do not"
                      " appear when you search for a user)"
                    : "The User was not found: it is disabled in the source, and on-demand"
                      " provisioning cannot disable users disabled in the source (they do not"
                      " appear when you search for a user)";
    snprintf(zOutcome, sizeof(j->zOnDemandOutcome), "user not found: %s in the source",
             bDeleted ? "deleted" : "disabled");
  }else if( policy_gate_check(w, j->iSource, j->iTarget, j->bCrossCloud, &gate) ){
    zCode = gate.zCode;
    zMsg = gate.zMessage;
    zStep = "connection";
    snprintf(zOutcome, sizeof(j->zOnDemandOutcome), "Test connection failed: %s", zCode);
  }
  cycle_on_demand_begin(w, j, zCode, zMsg);
  if( zCode ){
    cycle_on_demand_stopped(w, j, u, zStep, zCode, zMsg);
  }else{
    Pair *p = pair_get(w, j, id);
    if( p==NULL ){ rc = -1; goto restore_run; }
    cycle_object(w, j, id);
    snprintf(zOutcome, sizeof(j->zOnDemandOutcome), "%s: %s%s%s",
             j->run.nExported ? "exported" : j->run.nEscrowed ? "failed" : "skipped",
             world_user_attr(w, world_user(w, id), A_USER_PRINCIPAL_NAME) ? world_user_attr(w, world_user(w, id), A_USER_PRINCIPAL_NAME) : "",
             p->iTarget ? " -> " : "",
             p->iTarget ? world_user_attr(w, world_user(w, p->iTarget), A_USER_PRINCIPAL_NAME) : "");
    cycle_record_end(w, j, 1);
  }
  if( w->bNoMem ) rc = -1;
restore_run:
  j->run = saved;
  *pzOutcome = zOutcome;
  return rc;
}

int cycle_on_demand_group(World *w, Job *j, int iGroup, const char **pzOutcome){
  CycleRun saved = j->run;
  const char *zMsg = "Groups cannot be provisioned on demand by cross-tenant synchronization";
  cycle_on_demand_begin(w, j, "EntityTypeNotSupported", zMsg);
  groupsync_on_demand_refused(w, j, iGroup, zMsg);
  snprintf(j->zOnDemandOutcome, sizeof(j->zOnDemandOutcome), "EntityTypeNotSupported"
           " (groups cannot be provisioned on demand)");
  j->run = saved;
  *pzOutcome = j->zOnDemandOutcome;
  return w->bNoMem ? -1 : 0;
}

