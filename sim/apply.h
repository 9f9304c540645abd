/*
** apply.h — carrying out one timeline action of a scenario (its kind's
** apply function, scn_model.h's fields of the action) at the world's
** current instant, and the timeline rows that record what it did.
**
** Randomness: sampled selections draw from the world's "selection" stream,
** in the order of the file.
*/
#ifndef TS_APPLY_H
#define TS_APPLY_H
#include <stdint.h>
#include "world.h"
#include "scenario.h"

/* Apply action pAct at w->tNow: its effect, its timeline row and the
** census of what it did to each job (census.h). Out of memory sets
** w->bNoMem. Returns TS_OK, or TS_ERR when the action cannot be carried
** out at its instant (an assign_role to a synced group its job has not
** created: pErr names the action's path); the caller then abandons the
** run. */
int apply_action(World *w, const ScnAction *pAct, TsErr *pErr);

/* 1 when an action of kind e changes users only (their attributes,
** memberships, sign-ins), never a job's settings: the runner then need
** not note the jobs' settings after it (job_history.h). */
int apply_touches_users_only(ScnActionKind e);

/* Take the Backup and Recovery backup target_restore action pAct will
** recover from: the state of its users' target users now, at
** pAct->tBackup (the runner calls it then, before the actions of that
** instant). Out of memory sets w->bNoMem. */
void apply_backup(World *w, const ScnAction *pAct);

/* Record the carried-out action w->iAction: zAction did zSummary to n
** objects; j is the job it concerns, or NULL; nInScope < 0 when it
** selected no users. */
void apply_timeline_row(World *w, const char *zAction, const char *zSummary, int64_t n,
                        const Job *j, const char *zNote, int64_t nInScope);

#endif
