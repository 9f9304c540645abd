/*
** pair.h — the state of one (job, source user) pair and of one (job,
** source group) pair, and the job's queues of pairs changed since its
** watermark.
**
** A job keeps one Pair per source user id, in pages of PAIR_PAGE pairs by
** user id (apPairPage), a page made when a pair in it is first asked for:
** the users of other tenants, and the target users the jobs create, take
** no memory in a job (a 100-tenant hub has 198 jobs). A pair never asked
** for reads as all zero. Pair pointers stay valid until the job is freed.
** Pair is hot (one per job per user, a million at 1M users), so its fields
** stay in one record although different modules own them: desired.c the
** desired state, drift and open changes (eDesired, eReason, bRow, bDrift,
** hDesired, nOpen, iFirstOpen); cycle.c and match.c the link (iTarget,
** bHeld, bExported, bUpnStale; admin.c and targetproc.c set bTargetDeleted); escrow.c the failed export (bEscrow,
** bRefEscrow, nAttempts, tFirstFail, tNextRetry); job.c the assignment
** (bAssigned); pair.c the dirty queue (bDirty).
**
** Group pairs (GroupPair, aGPair indexed by group index) are few and cold:
** groupsync.c owns the link (iTarget), pair.c the queue (bDirty, aGDirty).
*/
#ifndef TS_PAIR_H
#define TS_PAIR_H
#include "world.h"

/* Desired target state of a pair; see desired.h. */
typedef enum Desired {
  DESIRED_ABSENT = 0,      /* no active target user should exist */
  DESIRED_PRESENT,         /* an active target user with the mapped values */
  DESIRED_IF_PRESENT       /* disabled source user: if a target user exists,
                           ** it carries the mapped values (disabled) */
} Desired;

/* Per (job, source group) state for group synchronization. */
typedef struct GroupPair {
  int iTarget;             /* linked target group index + 1, 0 when none */
  uint8_t bDirty;          /* queued for the next cycle */
} GroupPair;

/* Per (job, source user) state. */
typedef struct Pair {
  int64_t iTarget;         /* linked target user id, 0 when none */
  uint64_t hDesired;       /* fingerprint of the last desired state */
  int64_t iFirstOpen;      /* rowid of the pair's first open change */
  int32_t nOpen;           /* open rows in the changes table */
  uint8_t bAssigned;       /* directly assigned to the job */
  uint8_t bDirty;          /* changed since the watermark; in aDirty */
  uint8_t bDrift;          /* target differs from the desired state */
  uint8_t bRow;            /* a desired-table row exists */
  uint8_t eDesired;        /* Desired of the last evaluation (desired table) */
  uint8_t eReason;         /* OutReason of the last evaluation */
  uint8_t bHeld;           /* deprovisioning held back (links.held) */
  uint8_t bExported;       /* ever exported by the job (import in assigned mode) */
  uint8_t bEscrow;         /* a failed export waits for its retry */
  uint8_t bRefEscrow;      /* ... and it failed on a reference (manager) */
  uint8_t bUpnStale;       /* matched by mail: the UPN update was dropped
                           ** and flows again only in an initial cycle */
  uint8_t bTargetDeleted;  /* the linked user was soft-deleted in the target
                           ** (target_delete, a lifecycle workflow, a
                           ** recovery): the job does not restore it */
  int32_t nAttempts;       /* failed attempts of the current escrow */
  uint32_t iPend;          /* the pair's one open change is not written yet:
                           ** its row id is iFirstOpen, its instant, cause
                           ** and action w->aChangeEvent[iPend-1]; 0 when
                           ** every open change is written (desired.c) */
  SimTime tFirstFail;      /* when the current escrow began */
  SimTime tNextRetry;      /* when it is retried (escrowRetry schedule) */
} Pair;

#define PAIR_PAGE 256

/* The pair record of job j for user id (id>=1), made (zeroed) when it was
** never asked for; NULL on allocation failure (w->bNoMem set). */
Pair *pair_get(World *w, Job *j, int64_t id);

/* The pair of job j for user id if it was ever made, else NULL (a pair
** that reads as all zero). Never allocates. */
Pair *pair_peek(const Job *j, int64_t id);

/* One past the largest user id whose page exists: loops over a job's
** pairs run id = 1 .. pair_end(j)-1 and pair_peek() each. */
int64_t pair_end(const Job *j);

/* Free j's pairs (job_free). */
void pair_free_all(Job *j);

/* Queue user id for the next incremental cycle of j (once). */
void pair_mark_dirty(World *w, Job *j, int64_t id);

/* The group pair of job j for group index iG, growing the job's array to
** cover every group; NULL on allocation failure (w->bNoMem set). The
** pointer is valid until the array grows again. */
GroupPair *pair_group_get(World *w, Job *j, int iG);

/* Queue group iG (a source group) for j's next cycle (once). */
void pair_group_mark_dirty(World *w, Job *j, int iG);

#endif
