/*
** params.c — the defaults of the model parameters (params.h; README's
** "Model parameters" gives each one's source).
*/
#include "params.h"

void params_default(SimParams *p){
  p->interval = 40*SIMTIME_MINUTE;
  p->rCreateMinMinutes = 0.01;
  p->rCreateMaxMinutes = 0.08;
  p->rMatchRatio = 0.5;
  p->rSkipRatio = 0.05;
  p->cycleOverhead = SIMTIME_MINUTE;
  p->softDeleteRetention = 30*SIMTIME_DAY;
  p->metricInterval = 5*SIMTIME_MINUTE;
  p->bEscrowBackoff = 0;
  p->escrowLifetime = 28*SIMTIME_DAY;
  p->nQuarMinFailures = 5000;
  p->rQuarProportion = 0.40;
  p->nQuarBase = 40000;
  p->nQuarTotal = 60000;
  p->quarMaxInterval = SIMTIME_DAY;
  p->quarDisableAfter = 28*SIMTIME_DAY;
  p->notificationDelay = SIMTIME_HOUR;
  p->bDeleteThresholdMet = 0;
}
