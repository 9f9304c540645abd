/*
** costmodel.h — how long the provisioning service spends on one object.
**
** Microsoft publishes initial-cycle durations of 0.01 to 0.08 minutes per
** object in scope ("Sync only assigned", N = users + groups + members), and
** that jobs that create every user take about twice as long as jobs that
** only match (entra-facts §2.4). tenantsim draws one throughput per cycle,
** r ~ U(rCreateMinMinutes, rCreateMaxMinutes) minutes per created object,
** from the timing stream; an update, match, disable, delete or restore
** costs r*rMatchRatio, an object evaluated and skipped r*rSkipRatio —
** and so does each change to a user outside a "sync only assigned" job's
** scope that an incremental cycle reads and skips (cycle.h).
*/
#ifndef TS_COSTMODEL_H
#define TS_COSTMODEL_H
#include <stdint.h>
#include "world.h"

typedef enum CostKind { COST_CREATE, COST_WRITE, COST_SKIP } CostKind;

/* Draw the per-cycle throughput (minutes per created object). */
double costmodel_draw_rate(World *w);
/* Milliseconds an object of the given kind takes at rate r. */
int64_t costmodel_object_ms(const World *w, double r, CostKind eKind);

#endif
