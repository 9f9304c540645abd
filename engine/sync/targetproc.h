/*
** targetproc.h — processes of a target tenant that act on the users a job
** provisioned there, without the job: a lifecycle workflow's task on
** inactive users, an access review's decisions applied to denied users,
** and a Microsoft Entra Backup and Recovery recovery of users.
**
** Each function writes the directory change and its audit rows at
** w->tNow and tells the job what the documentation says it learns, which
** is what makes the next cycle undo the process, or not:
**   - a disabled or edited target user is left as it is until its source
**     user next changes (CTS does not read the target, entra-facts §6.4);
**   - a user deleted in the target is not restored (entra-facts §7 [S2]),
**     but one an access review removed is reprovisioned while in scope
**     (the CTS governance article) unless params.bReviewNotRestored;
**   - what a recovery leads to is unconfirmed: params.bBackupResync picks
**     it (README, "Where tenantsim had to choose").
** A user is named by its source user id and the job; the job's link
** (pair) leads to the target user.
**
** Ownership: the pending removals of access reviews and the backups taken
** for target_restore actions belong to the world (w->pTargetProc), freed by
** targetproc_free (engine_close). Out of memory sets w->bNoMem.
*/
#ifndef TS_TARGETPROC_H
#define TS_TARGETPROC_H
#include "job.h"

/* The audit log's actors of the three processes. Entra writes "Lifecycle
** Workflows" and access reviews under their own service; which
** initiatedBy name their directory writes carry is unconfirmed (README). */
#define TARGETPROC_ACTOR_LCW    "Lifecycle Workflows"
#define TARGETPROC_ACTOR_REVIEW "Access Reviews"
#define TARGETPROC_ACTOR_BACKUP "Microsoft Entra Backup and Recovery"

/* Days an access review's "Block user from signing-in for 30 days, then
** remove user from the tenant" keeps a denied guest blocked. */
#define TARGETPROC_REVIEW_BLOCK_DAYS 30
/* Backups are taken once a day and kept five days. */
#define TARGETPROC_BACKUP_DAYS 5

/* What a process did to one user. */
typedef enum TpResult {
  TP_CHANGED = 0,          /* changed as asked */
  TP_NO_ACCOUNT,           /* the job links no live target user to it */
  TP_UNCHANGED,            /* already so */
  TP_ROLE_HOLDER,          /* holds a directory role: the task refuses it */
  TP_NOT_GUEST,            /* userType is not Guest: not in a guests-only review */
  TP_NOT_MEMBER,           /* not a member of the reviewed group */
  TP_HARD_DELETED,         /* hard-deleted since the backup: not recoverable */
  TP_RESULT_COUNT
} TpResult;

/* Why a user was left alone, for a timeline summary ("holds a directory
** role, which the task does not support"); static text, NULL for
** TP_CHANGED. */
const char *targetproc_result_text(TpResult e);

/* ---------------------------------------------------------------------
** Lifecycle workflows ("Manage inactive users using Lifecycle Workflows":
** a Sign-in inactivity trigger with the Disable user account or Delete
** user account task).
*/
typedef enum LcwTask { LCW_DISABLE = 0, LCW_DELETE } LcwTask;

/* The audit rows of a scheduled run of workflow zWorkflow in tenant
** iTenant: "Schedule workflow execution started" (bEnd 0) and "...
** completed" with the users processed (bEnd 1). */
void targetproc_lcw_run(World *w, int iTenant, const char *zWorkflow, int bEnd, int64_t nUsers);

/* Run task e for job j's target user of source user id: disable it, or
** delete it (soft delete; the job does not restore it, as a target
** admin's deletion). Users with a directory role (directly or through a
** group) are refused, as the tasks document. */
TpResult targetproc_lcw_user(World *w, Job *j, int64_t id, LcwTask e);

/* ---------------------------------------------------------------------
** Access reviews, their results applied at the end of the review.
*/

/* The audit rows of review zReview of tenant iTenant ending with its
** results applied automatically. */
void targetproc_review_end(World *w, int iTenant, const char *zReview);

/* The target group job j's group sync created from source group zGroup
** (a key of the job's source), or -1 when there is none (not created yet,
** or deleted). */
int targetproc_review_group(World *w, Job *j, const char *zGroup);

/* "Remove user's membership from the resource": job j's target user of
** source user id leaves target group iTG. Group sync puts it back when it
** next evaluates the group (a change of the source group's members). */
TpResult targetproc_review_remove_access(World *w, Job *j, int64_t id, int iTG);

/* "Block user from signing-in for 30 days, then remove user from the
** tenant": only guests (userType Guest) are in a guests-only review, and
** only members of the reviewed group iTG (-1: the review is not of a
** group); the target user is disabled now and deleted
** TARGETPROC_REVIEW_BLOCK_DAYS later if still disabled then
** (targetproc_due). */
TpResult targetproc_review_block(World *w, Job *j, int64_t id, int iTG);

/* The instant of the next pending removal, or -1. */
SimTime targetproc_next_due(const World *w);
/* Carry out the removals due at or before w->tNow; returns how many users
** were deleted. */
int64_t targetproc_due(World *w);

/* ---------------------------------------------------------------------
** Backup and Recovery. Backups are taken every day at the instants
** k*SIMTIME_DAY from the scenario start (tenantsim's choice: Microsoft
** does not say at what time of day); the runner takes the backup a
** target_restore needs at its instant (targetproc_backup_take) and the
** action recovers from it.
*/

/* The instant of the latest backup taken at or before t. */
SimTime targetproc_backup_at(SimTime t);

/* Keep the state of job j's target users of the n source users aId
** (0 entries: no such user yet) for restore action iAction. Returns 0, or
** -1 when memory ran out. */
int targetproc_backup_take(World *w, Job *j, int iAction, const int64_t *aId, int64_t n);

/* Recover the i-th user of restore action iAction (source user id, 0 when
** there is none) from its backup, by the documented recovery model: an
** updated object gets its backup values back (the recoverable properties:
** every catalog attribute but manager and showInAddressList), a
** soft-deleted one is restored, an added or restored one soft-deleted; a
** hard-deleted one cannot be recovered. */
TpResult targetproc_backup_recover(World *w, Job *j, int iAction, int64_t i, int64_t id);

/* Free the world's pending removals and backups. */
void targetproc_free(World *w);

#endif
