/*
** desired.h — the desired target state of each (job, source user) pair,
** drift, and the change records the convergence report is built from.
**
** The desired state is what the job's scope and mapping say its target
** should hold for the source user as the source stands now (world.h:
** Desired). A pair drifts while its target differs from that. Job state
** and policies do not enter the desired state: a paused job or a blocked
** policy shows up as drift that does not close.
**
** Changes. A source change (a timeline action, the initial assignment, a
** change of the job's rules) that makes a pair drift, or changes what a
** drifting pair should become, opens a row in the changes table. Each row
** ends with exactly one outcome:
**   converged  — the target first matched it (a write to the target: an
**                export, or a target admin's edit); converged_at - at is
**                a latency sample;
**   superseded — a later change of the same pair replaced it before the
**                target matched; it converges together with the later one
**                (converged_at) but is not a latency sample of its own;
**   reverted   — the source returned to what the target already held
**                before the service applied it (a restore undoing a
**                delete, a mistaken unassignment reverted): no sample;
**   held       — still open at the end of the run because the service
**                deliberately does not apply it (a paused, disabled,
**                deleted or never-started job, a failing policy check,
**                quarantine, a user a target admin deleted, a
**                staged delete, the documented disabled-then-out-of-scope
**                hold, a target object action switched off, the matched
**                invitation's UPN waiting for an initial cycle);
**   never      — still open at the end for any other reason (a failing
**                export, a cycle that has not reached it yet).
** held and never are set by desired_finish(), which also lists every pair
** out of step at the end with its reason (table out_of_step).
**
** A job whose configuration does not exist (not created yet, or deleted:
** job.h) evaluates nothing: its pairs keep the state they had.
**
** In step. Per job and per target tenant, the instant drift last returned
** to zero is kept (jobs.in_step_at, tenants.in_step_at).
*/
#ifndef TS_DESIRED_H
#define TS_DESIRED_H
#include "job.h"

/* Re-evaluate pair (j, id) after a change at tNow: update the desired
** table, drift counters and changes rows. zCause names the source change
** that triggered it (opening change rows); NULL after a write to the
** target (which can only close them). */
void desired_update(World *w, Job *j, int64_t id, const char *zCause);

/* At the end of the run, before running cycles are abandoned: give every
** open change its outcome (held or never) and reason, write the pairs out
** of step (out_of_step) and each job's and target's final drift and in-step
** instant. */
void desired_finish(World *w);

/* Write every change still waiting in its pair (a pair's only open change
** is written once, when it closes): desired_finish does, and a test that
** reads changes before the end of a run. */
void desired_flush(World *w);

/* Free what desired.c keeps in the World (engine_close). */
void desired_free(World *w);

/* Is pair (j, id) in the job's scope, as last evaluated (desired state
** present or disabled)? */
int desired_in_scope(const Job *j, int64_t id);

/* desired_update for every job whose source tenant holds user id, and
** queue the user for those jobs' next incremental cycle. */
void desired_source_changed(World *w, int64_t id, const char *zCause);

/* After a write to target user idTarget not made by its job (a target
** admin's edit): re-evaluate the pair linked to it, if any. */
void desired_target_changed(World *w, int64_t idTarget);

/* Sample drift at tNow for every target tenant and the total (tenant -1):
** a metrics row for each whose drift changed since its last row (a later
** row at the same instant replaces it), so the value at t is that of the
** last row at or before t. desired_sample_drift_final, at the end of the
** run, writes every one. Total drift returning to zero is marked (metric
** drift_zero) as it happens. */
void desired_sample_drift(World *w);
void desired_sample_drift_final(World *w);

#endif
