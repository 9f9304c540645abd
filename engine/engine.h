/*
** engine.h — opening and closing a simulated world with its provisioning
** engine: the one place that knows every layer of engine/ (the model and
** the sync engine's jobs and faults) to tear it down in order.
*/
#ifndef TS_ENGINE_H
#define TS_ENGINE_H
#include "world.h"

/* Create a world whose run database is a new file at zDbPath (world.h:
** world_create). Close it with engine_close, even after a failure. */
int engine_open(World *w, const char *zDbPath, uint64_t seed, SimTime tStartEpoch, TsErr *pErr);

/* Free the jobs, faults and target-side processes' state the engine added,
** then the world and its store. */
void engine_close(World *w);

#endif
