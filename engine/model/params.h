/*
** params.h — the model parameters of a run: the one table of them.
**
** Every number the documentation leaves to tenantsim, or gives as a range,
** is a SimParams field; params_table() lists each once — its scenario key,
** kind, field, allowed range, default as README writes it — and is what
** the scenario validator loops over and what the test of README's "Model
** parameters" table compares that table with. A scenario's "parameters"
** object overrides the defaults.
**
** The bracketed marks name the Microsoft articles of entra-facts §0, the
** fact sheet the rule headers cite: S1 "What is cross-tenant
** synchronization?", S9 "Application provisioning in quarantine status",
** S10 "Check the status of user provisioning" (S10b: its 2023 version,
** with the timing table), S15 "Known issues for provisioning in Microsoft
** Entra ID", S25 "Microsoft Entra service limits and restrictions".
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
  int bEscrowBackoff;          /* escrow retries 6h/12h/24h/daily [S9] rather
                               ** than every cycle; unconfirmed which applies */
  SimTime escrowLifetime;      /* P28D: an escrow is dropped after it [S9] */
  int64_t nQuarMinFailures;    /* 5000: no quarantine evaluation below [S9] */
  double rQuarProportion;      /* 0.40: share of a cycle's events failing */
  int64_t nQuarBase;           /* 40000 non-reference failures */
  int64_t nQuarTotal;          /* 60000 failures in all */
  SimTime quarMaxInterval;     /* P1D: backed-off cycle interval cap */
  SimTime quarDisableAfter;    /* P28D: quarantined longer => disabled */
  SimTime notificationDelay;   /* PT1H: quarantine e-mail ("within 24 h") */
  SimTime dynamicMembershipDelay; /* PT10M: a changed user's dynamic group
                               ** memberships evaluated (tenantsim's assumption) */
  int bSkipOosHonoured;        /* 1: SkipOutOfScopeDeletions keeps users that
                               ** go out of scope; 0 (default): CTS ignores it */
  int bDeleteThresholdMet;     /* 1: quarantine when deletions reach the
                               ** threshold; 0 (default): when they exceed it */
  int iUnverifiedMailCode;     /* the error code of a creation failing for a
                               ** mail at an unverified domain, the index of
                               ** its word in the choices [S15 gives none;
                               ** faults_unverified_code] */
  int bReviewNotRestored;      /* 1: a user an access review removed from the
                               ** target is not restored, as a target admin's
                               ** deletion [S2]; 0 (default): reprovisioned
                               ** while in scope (CTS governance article) */
  int bBackupResync;           /* 1: the job re-evaluates users a Backup and
                               ** Recovery recovery changed at its next cycle;
                               ** 0 (default): a target-side write it learns
                               ** nothing of; unconfirmed which applies */
  int bGroupSoftDelete;        /* 1: a target group group sync deletes is
                               ** soft-deleted, restorable for
                               ** softDeleteRetention (preview, Nov 2025);
                               ** 0 (default): hard-deleted at once */
} SimParams;

/* How a parameter is written in a scenario. */
typedef enum ParamKind {
  PK_DURATION,     /* an ISO duration, at least rMin seconds */
  PK_INT,          /* an integer in [rMin, rMax] */
  PK_REAL,         /* a number in (rMin, rMax] ([rMin, rMax] when bMinIncluded) */
  PK_RANGE,        /* [lo, hi] with rMin < lo <= hi <= rMax: two double fields */
  PK_CHOICE        /* one of the words of zChoices, "a|b": the int field takes its index */
} ParamKind;

typedef struct ParamInfo {
  const char *zName;       /* the scenario key, e.g. "interval" */
  ParamKind eKind;
  size_t iField;           /* offsetof(SimParams, ...) */
  size_t iField2;          /* PK_RANGE: the upper bound's field */
  double rMin, rMax;
  int bMinIncluded;        /* PK_REAL: rMin itself is allowed */
  const char *zChoices;    /* PK_CHOICE: "nextCycle|backoff" */
  const char *zDefault;    /* as README writes it: "PT40M", "[0.01, 0.08]", "0.40" */
  const char *zExpect;     /* what an invalid value's message says is expected */
} ParamInfo;

/* The table, in README's order; *pn gets its length. */
const ParamInfo *params_table(int *pn);

/* The parameter named zName, or NULL. */
const ParamInfo *params_find(const char *zName);

/* The index of word z among e's zChoices, or -1. */
int params_choice(const ParamInfo *e, const char *z);

/* Fill p with the defaults (each entry's zDefault). */
void params_default(SimParams *p);

#endif
