/*
** cycleInt.h — private interface between the files of the cycle module:
** cycle.c (a sync cycle, object by object) and cycle_on_demand.c (one
** object at once, outside the schedule). Nothing else includes it.
*/
#ifndef TS_CYCLEINT_H
#define TS_CYCLEINT_H
#include "world.h"

/* Evaluate and export source user id in j's current run (j->run): scope,
** match, action, its provisioning-log row and counters. Returns its cost in
** milliseconds (0 when memory ran out: w->bNoMem is set then). */
int64_t cycle_object(World *w, Job *j, int64_t id);

/* Write j->run's counts and state to its cycles row; bEnded 0 leaves the
** row unfinished (ended NULL). */
void cycle_record_end(World *w, Job *j, int bEnded);

#endif
