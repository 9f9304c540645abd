/*
** tenant_history.h — a tenant's Microsoft cloud settings over time, as the
** lint rules read them (XTS-S12): the other clouds enabled and the
** target's cross-cloud synchronization. One tenant_history row each time
** one of them changes, the first when the world is built; so that
** `tenantsim lint --at` and the run's findings timeline see the settings
** in force at an instant, and the timeline action that set them.
*/
#ifndef TS_TENANT_HISTORY_H
#define TS_TENANT_HISTORY_H
#include "world.h"

/* Write a tenant_history row for tenant iTenant at w->tNow when its cloud
** settings differ from the last row written (always for the first).
** iAction is the position in the scenario's timeline array of the action
** that changed them, -1 for the declaration. Failures latch in the store. */
void tenant_history_note(World *w, int iTenant, int iAction);

#endif
