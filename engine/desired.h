/*
** desired.h — the desired target state of each (job, source user) pair,
** drift, and the change records the convergence report is built from.
**
** The desired state is what the job's scope and mapping say its target
** should hold for the source user as the source stands now (world.h:
** Desired). A pair drifts while its target differs from that. A source
** change that makes a pair drift (or changes what a drifting pair should
** become) opens a row in the changes table; the row is closed
** (converged_at) at the first instant the target matches again.
** Superseded changes of a pair therefore converge together with the
** newest one. Job state and policies do not enter the desired state: a
** paused job or a blocked policy shows up as drift that never closes.
*/
#ifndef TS_DESIRED_H
#define TS_DESIRED_H
#include "world.h"

/* The pair record of job j for user id, growing the job's array to cover
** every user; NULL on allocation failure (w->bMemFail set). */
Pair *desired_pair(World *w, Job *j, int64_t id);

/* Compute the desired state of source user u for job j. */
Desired desired_state(World *w, const Job *j, const User *u, OutReason *peReason);

/* Does the target hold what eDesired says for u? */
int desired_matches(World *w, Job *j, const User *u, Desired eDesired);

/* Re-evaluate pair (j, id) after a change at tNow: update the desired
** table, drift counters and changes rows. zCause names the source change
** that triggered it (opening change rows); NULL after a write to the
** target (which can only close them). */
void desired_update(World *w, Job *j, int64_t id, const char *zCause);

/* desired_update for every job whose source tenant holds user id, and
** queue the user for those jobs' next incremental cycle. */
void desired_source_changed(World *w, int64_t id, const char *zCause);

/* After a write to target user idTarget not made by its job (a target
** admin's edit): re-evaluate the pair linked to it, if any. */
void desired_target_changed(World *w, int64_t idTarget);

#endif
