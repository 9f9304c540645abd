/*
** quarantine.h — when the provisioning service quarantines a job, and what
** quarantine does (entra-facts §3.2-3.4, §4).
**
** A job is quarantined at once when its credentials or policy check fail
** (EncounteredQuarantineException) or when a cycle would remove more
** objects than the accidental-deletion threshold allows (TooManyDeletes,
** deletion.h).
** Otherwise the escrow thresholds are evaluated at the end of each cycle,
** and only from nQuarMinFailures (5,000) outstanding failures on: more
** than rQuarProportion (40 %) of the cycle's objects failing
** (EncounteredEscrowProportionThreshold), more than nQuarBase (40,000)
** non-reference failures (EncounteredBaseEscrowThreshold), or at least
** nQuarTotal (60,000) failures in all (EncounteredTotalEscrowThreshold).
** Microsoft does not explain the Base/Total reasons; mapping them to the
** 40,000 and 60,000 tests is tenantsim's reading.
**
** While quarantined, the cycle interval doubles after each cycle up to
** quarMaxInterval (once a day); after quarDisableAfter (four weeks) the job
** is disabled. A notification e-mail is recorded notificationDelay after
** quarantine begins and again when the reason changes — a TooManyDeletes
** trip of accidental-deletion prevention included — but only when the
** job's notification e-mail is on and has an address (entra-facts §3.4,
** §4: "Notification Email must be set"). A job leaves
** quarantine when a cycle ends without failures, when the policy check
** passes again (for a policy failure), or on start or restart.
**
** These functions change the Job in memory only: the caller writes the
** job's row (job_save) when it is done with the cycle or the action.
*/
#ifndef TS_QUARANTINE_H
#define TS_QUARANTINE_H
#include "world.h"

typedef struct Job Job;

/* Graph quarantineReason values (entra-facts §3.2). */
typedef enum QuarReason {
  QR_NONE = 0, QR_BASE_ESCROW, QR_TOTAL_ESCROW, QR_ESCROW_PROPORTION,
  QR_QUARANTINE_EXCEPTION, QR_TOO_MANY_DELETES
} QuarReason;


/* The number of addresses in zList, a notification Recipients string:
** addresses separated by ";" or "," (Microsoft documents no separator;
** tenantsim reads both), blanks around them ignored; 0 for NULL. */
int quarantine_recipient_count(const char *zList);

/* Graph's name of a reason ("EncounteredQuarantineException" ...). */
const char *quarantine_reason_name(QuarReason e);

/* The escrow-threshold reason for job j at the end of a cycle in which
** nFailed of nEvents objects failed, nFailedRef of them on a reference
** (excluded from the proportion and base tests, counted in the total), or
** QR_NONE. Outstanding failures are j->nEscrowOpen, of which
** j->nEscrowRefOpen are reference failures. */
QuarReason quarantine_evaluate(const World *w, const Job *j, int64_t nFailed,
                               int64_t nFailedRef, int64_t nEvents);

/* Quarantine j for reason e at w->tNow (or record a re-evaluation when it
** already is, for the same reason). zDetail goes to the audit log. */
void quarantine_enter(World *w, Job *j, QuarReason e, const char *zDetail);

/* Lift j's quarantine at w->tNow; zBy says why (start, restart, recovered). */
void quarantine_leave(World *w, Job *j, const char *zBy);

/* At the start of a cycle of quarantined job j: escrows retried for
** params.escrowLifetime (28 days) since their first failure are removed
** "and the job is disabled" (entra-facts §3.1, the quarantine article).
** Returns 1 when it disabled j (the cycle must not run), else 0. A job out
** of quarantine drops expired escrows without being disabled (escrow_due). */
int quarantine_expire_escrows(World *w, Job *j);

/* The start of j's next cycle after one that began at tBegin, with the
** back-off of a quarantined job; disables a job quarantined too long
** (then returns -1). */
SimTime quarantine_next_cycle(World *w, Job *j, SimTime tBegin);

#endif
