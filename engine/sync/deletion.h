/*
** deletion.h — accidental-deletion prevention: the rule of the service
** (entra-facts §4; Microsoft: "Enable accidental deletions prevention in
** the Microsoft Entra provisioning service" [S11], and "Configure
** cross-tenant synchronization", step 10 [S2]).
**
** The service's rule. With "Prevent accidental deletion" on, each cycle
** counts the objects it is set to remove from the target: users to be
** deleted (unassigned, out of scope, deleted in the source) and users to
** be disabled ("the same functionality also works for disables"), and
** groups evaluated for deletion too. The count is per cycle, never
** summed over cycles. Over the threshold (the portal's default is 500)
** the cycle removes nothing: the job is quarantined, the held removals
** appear in the provisioning log with action stagedDelete, and an
** administrator allows them ("Allow deletes"; in Graph a restart with
** resetScope ForceDeletes) or fixes the cause and restarts.
**
** tenantsim's own readings, where Microsoft is silent or unclear:
**   - the boundary: Microsoft says both "when the threshold is met" and
**     "if the number of deletions doesn't exceed the threshold"; the
**     parameter deleteThresholdBoundary chooses (params.c; default
**     "exceeded": quarantined only when the count is above the threshold);
**   - the count is taken when the cycle begins, over its whole work list,
**     with the decisions the cycle will then take (deletion_user_removal
**     mirrors cycle.c; deletion_group_removal groupsync.c);
**   - the quarantine reason is Graph's TooManyDeletes (an inference);
**   - a held removal is queued again for the next cycle; the cycle's
**     creates and updates go ahead;
**   - ForceDeletes lifts the check for exactly one cycle: job_restart sets
**     Job.bForceDeletes (and lifts a TooManyDeletes quarantine),
**     deletion_cycle_end clears it;
**   - a job has prevention on only when its scenario gives a
**     deleteThreshold (the 500 default is the portal's, not applied).
** While the job stays quarantined for TooManyDeletes, desired.c reports
** the held pairs as staged_delete.
*/
#ifndef TS_DELETION_H
#define TS_DELETION_H
#include <stddef.h>
#include "world.h"

typedef struct Job Job;

/* What evaluating an object now would do to its target object. */
typedef enum DeletionKind {
  DELETION_NONE = 0,       /* nothing removed */
  DELETION_DELETE,         /* the target object is deleted */
  DELETION_DISABLE         /* the target user is disabled */
} DeletionKind;

/* Turn j's accidental-deletion prevention on with threshold n, or off
** (n<0), and write the job's row. */
void deletion_set_threshold(World *w, Job *j, int64_t n);

/* Would a cycle of j, evaluating source user id now, delete or disable its
** live target user? Reads only; id must have a pair (pair_get). */
DeletionKind deletion_user_removal(World *w, const Job *j, int64_t id);

/* Would a cycle of j, evaluating source group iG now, delete its target
** group? DELETION_NONE also when the pair cannot be allocated (w->bNoMem
** set). */
DeletionKind deletion_group_removal(World *w, Job *j, int iG);

/* Count the removals of j's running cycle over its work list
** (j->run.nRemovals) and decide whether the cycle holds them back
** (j->run.bStaging); nothing when prevention is off or ForceDeletes was
** given. Call once the work list is built, before anything is exported. */
void deletion_cycle_begin(World *w, Job *j);

/* Why a removal (zWhat: "delete", "disable") of j's staging cycle is held,
** written to zBuf[nBuf] (the caller owns it; TS_REASON_MAX suffices). */
void deletion_staged_reason(const Job *j, const char *zWhat, char *zBuf, size_t nBuf);

/* Hold back the removal of source user id: the reason goes to zBuf[nBuf]
** as deletion_staged_reason writes it, and the user is queued again for
** the next cycle. (A held group is queued by groupsync.c.) */
void deletion_stage_user(World *w, Job *j, int64_t id, const char *zWhat,
                         char *zBuf, size_t nBuf);

/* The end of j's cycle: ForceDeletes is spent, and a staging cycle
** quarantines the job for TooManyDeletes (in memory: the caller saves the
** job). Returns 1 when the job was quarantined here, else 0. */
int deletion_cycle_end(World *w, Job *j);

#endif
