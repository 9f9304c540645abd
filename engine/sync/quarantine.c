/*
** quarantine.c — quarantine rules, back-off and notifications (see
** quarantine.h).
*/
#include <stdio.h>
#include <string.h>
#include "job.h"
#include "audit.h"
#include "escrow.h"
#include "quarantine.h"

static const char zSqlQuarBegin[] =
  "INSERT INTO quarantines(job, reason, began, detail) VALUES(?1,?2,?3,?4)";
static const char zSqlQuarEnd[] =
  "UPDATE quarantines SET ended=?2, ended_by=?3, series_count=?4"
  " WHERE job=?1 AND ended IS NULL";
static const char zSqlQuarSeries[] =
  "UPDATE quarantines SET series_count=?2 WHERE job=?1 AND ended IS NULL";
static const char zSqlNotify[] =
  "INSERT INTO notifications(at, job, kind, detail, recipients) VALUES(?1,?2,?3,?4,?5)";

const char *quarantine_reason_name(QuarReason e){
  switch( e ){
    case QR_BASE_ESCROW:          return "EncounteredBaseEscrowThreshold";
    case QR_TOTAL_ESCROW:         return "EncounteredTotalEscrowThreshold";
    case QR_ESCROW_PROPORTION:    return "EncounteredEscrowProportionThreshold";
    case QR_QUARANTINE_EXCEPTION: return "EncounteredQuarantineException";
    case QR_TOO_MANY_DELETES:     return "TooManyDeletes";
    default:                      return "Unknown";
  }
}

QuarReason quarantine_evaluate(const World *w, const Job *j, int64_t nFailed,
                               int64_t nFailedRef, int64_t nEvents){
  const SimParams *p = &w->params;
  int64_t nOpen = j->nEscrowOpen;
  int64_t nNonRef = j->nEscrowOpen - j->nEscrowRefOpen;
  if( nOpen<p->nQuarMinFailures ) return QR_NONE;
  if( nEvents>0 && (double)(nFailed-nFailedRef) > p->rQuarProportion*(double)nEvents ){
    return QR_ESCROW_PROPORTION;
  }
  if( nNonRef>p->nQuarBase ) return QR_BASE_ESCROW;
  if( nOpen>=p->nQuarTotal ) return QR_TOTAL_ESCROW;
  return QR_NONE;
}

int quarantine_recipient_count(const char *zList){
  int n = 0;
  const char *z = zList;
  while( z && *z ){
    size_t k = strcspn(z, ";,"), i;
    for(i=0; i<k && (z[i]==' ' || z[i]=='\t'); i++){}
    n += i<k;
    z += k + (z[k]!=0);
  }
  return n;
}

/* The e-mail to the job's recipients, when its notifications are on. */
static void quarantine_notify(World *w, Job *j, const char *zKind, const char *zDetail){
  StoreStmt *s;
  if( !j->bNotify || quarantine_recipient_count(j->zNotifyTo)==0 ) return;
  if( (s = store_write(w->pStore, zSqlNotify))==NULL ) return;
  store_put_int(s, 1, w->tNow + w->params.notificationDelay);
  store_put_int(s, 2, (int)(j - w->aJob));
  store_put_text(s, 3, zKind);
  store_put_text(s, 4, zDetail);
  store_put_text(s, 5, j->zNotifyTo);
  store_run(w->pStore, s);
}

void quarantine_enter(World *w, Job *j, QuarReason e, const char *zDetail){
  StoreStmt *s;
  char zMsg[300];
  int iJob = (int)(j - w->aJob);
  if( j->eQuarReason==e ){
    j->nQuarSeries++;
    s = store_write(w->pStore, zSqlQuarSeries);
    if( s ){
      store_put_int(s, 1, iJob);
      store_put_int(s, 2, j->nQuarSeries);
      store_run(w->pStore, s);
    }
    return;
  }
  if( j->eQuarReason!=QR_NONE ){
    /* The reason changed: close the old period, keep the series. */
    s = store_write(w->pStore, zSqlQuarEnd);
    if( s ){
      store_put_int(s, 1, iJob);
      store_put_int(s, 2, w->tNow);
      store_put_text(s, 3, "reason changed");
      store_put_int(s, 4, j->nQuarSeries);
      store_run(w->pStore, s);
    }
  }else{
    j->tQuarSeriesBegan = w->tNow;
    j->tBackoff = j->interval;
  }
  j->eQuarReason = e;
  j->tQuarCurrentBegan = w->tNow;
  j->nQuarSeries = 0;
  j->eStatus = JOB_QUARANTINE;
  s = store_write(w->pStore, zSqlQuarBegin);
  if( s ){
    store_put_int(s, 1, iJob);
    store_put_text(s, 2, quarantine_reason_name(e));
    store_put_int(s, 3, w->tNow);
    store_put_text(s, 4, zDetail);
    store_run(w->pStore, s);
  }
  snprintf(zMsg, sizeof(zMsg), "%s: %s", quarantine_reason_name(e), zDetail ? zDetail : "");
  audit_write(w, j->iSource, "ProvisioningManagement", "Quarantine",
              "Azure AD Provisioning Service", "ServicePrincipal", j->zServicePrincipal,
              j->zKey, zMsg);
  quarantine_notify(w, j, "quarantine", zMsg);
}

void quarantine_leave(World *w, Job *j, const char *zBy){
  StoreStmt *s;
  if( j->eQuarReason==QR_NONE ) return;
  s = store_write(w->pStore, zSqlQuarEnd);
  if( s ){
    store_put_int(s, 1, (int)(j - w->aJob));
    store_put_int(s, 2, w->tNow);
    store_put_text(s, 3, zBy);
    store_put_int(s, 4, j->nQuarSeries);
    store_run(w->pStore, s);
  }
  j->eQuarReason = QR_NONE;
  j->nQuarSeries = 0;
  j->tBackoff = 0;
  if( j->eStatus==JOB_QUARANTINE ){
    j->eStatus = j->stats.nInitial+j->stats.nIncremental ? JOB_ACTIVE : JOB_NOT_RUN;
  }
}

/* The service disables j after too long in quarantine: no more cycles
** until a start or restart; the status shows Disabled. zWhy goes to the
** audit row. */
static void quarantine_disable_why(World *w, Job *j, const char *zWhy){
  j->bScheduled = 0;
  j->bDisabled = 1;
  j->tDisabled = w->tNow;
  j->tNextCycle = -1;
  audit_write(w, j->iSource, "ProvisioningManagement",
              "Disable/pause provisioning configuration", "Azure AD Provisioning Service",
              "ServicePrincipal", j->zServicePrincipal, j->zKey, zWhy);
}

static void quarantine_disable(World *w, Job *j){
  quarantine_disable_why(w, j, "in quarantine for more than four weeks: the job is disabled");
}

int quarantine_expire_escrows(World *w, Job *j){
  if( j->eQuarReason==QR_NONE || escrow_drop_expired(w, j)==0 ) return 0;
  quarantine_disable_why(w, j, "retried for 28 days after the first failure: the escrow"
                         " entries are removed and the job is disabled");
  return 1;
}

SimTime quarantine_next_cycle(World *w, Job *j, SimTime tBegin){
  SimTime t;
  if( j->eQuarReason==QR_NONE ){
    t = tBegin + j->interval;
  }else{
    if( w->tNow - j->tQuarSeriesBegan > w->params.quarDisableAfter ){
      quarantine_disable(w, j);
      return -1;
    }
    t = tBegin + j->tBackoff;
    j->tBackoff *= 2;
    if( j->tBackoff>w->params.quarMaxInterval ) j->tBackoff = w->params.quarMaxInterval;
  }
  return t<w->tNow ? w->tNow : t;
}
