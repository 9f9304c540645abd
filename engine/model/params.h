/*
** params.h — the model parameters of a run (README, "Model parameters").
**
** Every number the documentation leaves to tenantsim, or gives as a range,
** is a field here with its default and its source; a scenario's
** "parameters" object overrides them.
*/
#ifndef TS_PARAMS_H
#define TS_PARAMS_H
#include <stdint.h>
#include "simtime.h"

/* Tunable model parameters; defaults and sources in README.md. */
typedef struct SimParams {
  SimTime interval;            /* PT40M: cycle start interval [S1, S15] */
  double rCreateMinMinutes;    /* 0.01 min/object lower bound [S10] */
  double rCreateMaxMinutes;    /* 0.08 min/object upper bound [S10] */
  double rMatchRatio;          /* 0.5: creates take ~2x matches [S10b] */
  double rSkipRatio;           /* 0.05: evaluating an out-of-scope object */
  SimTime cycleOverhead;       /* PT1M fixed import cost per cycle (assumed) */
  SimTime softDeleteRetention; /* P30D before a hard delete [S1, S25] */
  SimTime metricInterval;      /* PT5M drift sampling inside cycles */
  int bEscrowBackoff;          /* escrow retries 6h/12h/24h/daily (S9) rather
                               ** than every cycle; unconfirmed which applies */
  SimTime escrowLifetime;      /* P28D: an escrow is dropped after it (S9) */
  int64_t nQuarMinFailures;    /* 5000: no quarantine evaluation below (S9) */
  double rQuarProportion;      /* 0.40: share of a cycle's events failing */
  int64_t nQuarBase;           /* 40000 non-reference failures */
  int64_t nQuarTotal;          /* 60000 failures in all */
  SimTime quarMaxInterval;     /* P1D: backed-off cycle interval cap */
  SimTime quarDisableAfter;    /* P28D: quarantined longer => disabled */
  SimTime notificationDelay;   /* PT1H: quarantine e-mail ("within 24 h") */
  int bDeleteThresholdMet;     /* 1: quarantine when deletions reach the
                               ** threshold; 0 (default): when they exceed it */
} SimParams;

/* Fill p with the defaults. */
void params_default(SimParams *p);

#endif
