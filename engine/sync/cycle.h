/*
** cycle.h — running one sync cycle of a job: the provisioning engine.
**
** A cycle begins with the policy-gate check (a failed check ends the cycle
** at once as Failed with AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure
** and provisions nothing); then it imports its work list — every assigned
** (or, with sync-all, every) source user and every linked user for an
** initial cycle, the users changed since the watermark for an incremental
** one — and evaluates each object in turn: scope, match (match.h) on
** alternativeSecurityIds, then create / update / disable / soft-delete /
** restore / skip (a linked user a target admin deleted is not restored:
** its export fails with InvalidAnchor, cycle.c's head comment lists every
** case). Each object is exported at its own simulated instant:
** the cost model (costmodel.h) spaces them out from the cycle start.
** With "sync only assigned", a changed user outside the scope (never
** assigned, never provisioned) is not an object of the cycle, but the
** service still reads the change and skips it (S10): an incremental
** cycle charges one skip per such user at import, before its first
** export, writes no provisioning-log row for it and counts it in
** cycles.count_out_of_scope. With sync-all such users are objects,
** skipped with a row each.
**
** The caller (sim/) drives a running cycle with cycle_step, which stops
** before any instant at which another event is due, so that a timeline
** action in the middle of a long initial cycle takes effect between the
** right two objects. One object provisioned at once, outside the schedule,
** is cycle_on_demand.h's.
*/
#ifndef TS_CYCLE_H
#define TS_CYCLE_H
#include "world.h"

/* Begin a cycle of j at w->tNow. Returns 0; j->run.bRunning tells whether
** the cycle is running (a failed policy check ends it immediately and
** sets j->tNextCycle for the next attempt). */
int cycle_begin(World *w, Job *j);

/* Advance j's running cycle. Objects due at or before tEvent (the instant
** of the event being handled) are always processed; later ones only while
** before tLimit (the next queued event's instant). Returns 1 when the cycle
** finished (j->tNextCycle then holds the next cycle's start, or -1), 0 when
** it must resume at *ptNext, -1 when an allocation failed. */
int cycle_step(World *w, Job *j, SimTime tEvent, SimTime tLimit, SimTime *ptNext);

/* Close the record of a cycle still running when the run ends, or when its
** job's configuration is deleted (its ended column stays NULL, its counts
** are written); a later cycle_step of it does nothing. */
void cycle_abandon(World *w, Job *j);

#endif
