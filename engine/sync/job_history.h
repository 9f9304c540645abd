/*
** job_history.h — a job's configuration over time, as the lint rules read
** it: scope, target object actions, the deletion threshold, whether
** userType is forced to Member on every update, the groups assigned, the
** attributes its filters read, showInAddressList, and the notification
** e-mail (on or off, and to how many addresses). One job_history row each
** time one of them changes, the first when the world is built; so that
** `tenantsim lint --at` and the run's findings timeline see the settings
** in force at an instant, and the timeline action that set them.
*/
#ifndef TS_JOB_HISTORY_H
#define TS_JOB_HISTORY_H
#include "job.h"

/* Write a job_history row for j at w->tNow when its settings differ from
** the last row written (always for the first). iAction is the position in
** the scenario's timeline array of the action that changed them, -1 for
** the declaration. Failures latch in the store. */
void job_history_note(World *w, Job *j, int iAction);

#endif
