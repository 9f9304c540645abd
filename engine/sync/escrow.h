/*
** escrow.h — failed exports waiting for their retry (entra-facts §3.1).
**
** A failed add/update/delete is "escrowed" and retried in later cycles.
** With params.bEscrowBackoff the retry follows the documented schedule
** (6 h, 12 h and 24 h after the first failure, then daily); otherwise it is
** retried in the next cycle, as the error-code table says ("retried in 40
** minutes"). Which of the two applies to a healthy job is not documented;
** the choice is a parameter. An escrow older than params.escrowLifetime
** (28 days) is dropped: the object is no longer retried until it changes.
** A successful export clears the object's escrow.
*/
#ifndef TS_ESCROW_H
#define TS_ESCROW_H
#include "world.h"

/* Record a failed export of source user id by job j at w->tNow; bRef when
** it failed on a reference attribute (counted apart for quarantine). */
void escrow_add(World *w, Job *j, int64_t id, const char *zCode, int bRef);
/* Clear id's escrow after a successful export (no-op if none). */
void escrow_clear(World *w, Job *j, int64_t id);
/* Clear every escrow of j (restart with Escrows; escrowsPruned). */
void escrow_clear_all(World *w, Job *j);
/* Append the ids of j's escrows due at w->tNow to aWork (room for
** j->nEscrowOpen more entries), skipping those already in it (bDirty
** marks membership while the list is built), dropping expired ones.
** Returns the new length. */
int64_t escrow_due(World *w, Job *j, int64_t *aWork, int64_t nWork);
/* Drop j's escrows whose first failure is params.escrowLifetime ago or
** more; returns how many. */
int64_t escrow_drop_expired(World *w, Job *j);

#ifdef TS_DEBUG
/* Do j's counters agree with its pairs (nEscrowOpen pairs have bEscrow,
** nEscrowRefOpen of them bRefEscrow)? For ts_assert: O(users). */
int escrow_counts_agree(const Job *j);
#endif

#endif
