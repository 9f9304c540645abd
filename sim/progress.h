/*
** progress.h — the progress line of a run on a terminal, and its ETA.
**
**   [tenantsim] Day 8 19:07 of Day 43 09:00  source users 100000
**     target users 39681  cycles 223/~1394  objects 40060/~100415  drift 0  ETA 9s
**
** (one line). "source users" are the users of the tenants that some job
** reads, "target users" those of the tenants some job writes (a tenant
** that is both counts in both); "cycles" the sync cycles begun, and
** "objects" the users and groups those cycles have evaluated, each over
** its estimated total for the run.
**
** The ETA comes from the work left, not from simulated time: wall seconds
** per unit of work done so far, times the units still to do, where a unit
** is one object evaluated and a cycle costs PROGRESS_CYCLE_COST units of
** its own (a cycle's fixed cost: its rows, its transaction). The work
** left is estimated from what is scheduled or known at that instant:
**   - the objects the running cycles have not reached yet;
**   - each job's cycles still to come: one every interval (the backoff
**     interval in quarantine) from its next cycle, or from its start for
**     a job the scenario starts later, until the end of the run;
**   - the objects of its next cycle: for an initial cycle the users its
**     scope takes from the source (all of them with "sync all"), else the
**     changed users waiting in its queue;
**   - the users that timeline actions still to come hire or select in a
**     job's source tenant, once per such job, and the members of the
**     groups an assign action still to come adds to a job's scope.
** An incremental cycle of the future is counted with no other object
** than these: the estimate is what is known, never an extrapolation.
**
** The wall clock is read only here and only for the line: nothing of it
** reaches the run database or a report.
*/
#ifndef TS_PROGRESS_H
#define TS_PROGRESS_H
#include <stdint.h>
#include <stdio.h>
#include "scenario.h"
#include "simtime.h"
#include "world.h"

/* What one cycle costs beyond its objects, in objects evaluated: an
** incremental cycle that finds nothing to do takes about as long as
** evaluating 50 objects (measured on the shipped scenarios scaled to
** 100,000 users). */
#define PROGRESS_CYCLE_COST 50

/* The work of a run: done so far, and estimated still to do. */
typedef struct ProgressWork {
  int64_t nObjDone, nObjLeft;
  int64_t nCycleDone, nCycleLeft;
} ProgressWork;

/* The seconds still to go when the work done took rElapsed wall seconds,
** or -1 when nothing is done yet (no rate to go by). */
double progress_eta(const ProgressWork *p, double rElapsed);

/* "ETA 42s", "ETA 3m05s", "ETA 2h07m", or "ETA -" for a negative
** rSeconds, into z (n bytes). Returns z. */
char *progress_eta_text(double rSeconds, char *z, size_t n);

/* The counts of a progress line. */
typedef struct ProgressCounts {
  SimTime tStartEpoch, tNow, tEnd;
  int64_t nSourceUsers, nTargetUsers, nDrift;
  ProgressWork work;
} ProgressCounts;

/* The progress line of c (without "\r" or newline), ending with zTail
** (the ETA, or "done in 4.4s"), into z (n bytes). Returns z. */
char *progress_line(const ProgressCounts *c, const char *zTail, char *z, size_t n);

/* As progress_line, but shorter than nColumns characters (a terminal's
** width; 0 or less: no limit), so that "\r" rewrites it in place: when the
** whole line does not fit, the instants, the objects and zTail alone, cut
** at the width if even that does not fit. Returns z. */
char *progress_line_fit(const ProgressCounts *c, const char *zTail, int nColumns,
                        char *z, size_t n);

/* The progress of one run. progress_open may be given a NULL stream: then
** every other call does nothing. */
typedef struct Progress {
  FILE *f;                 /* the terminal, or NULL */
  World *w;
  const Scenario *pScn;
  double rStart;           /* wall seconds when the event loop began */
  double rLast;            /* when a line was last written, -1 never */
  int64_t nObjBegun;       /* objects in the work lists of the cycles begun */
  int64_t nCycles;         /* cycles begun */
  int64_t *aInitial;       /* per job: its next initial cycle's objects, -1
                           ** unknown (owned; NULL when allocation failed) */
  int64_t *aAction;        /* per timeline action: the users it brings, -1
                           ** unknown (owned; NULL when allocation failed) */
} Progress;

/* Start the progress of pScn's run in w; the event loop starts now. */
void progress_open(Progress *p, FILE *f, World *w, const Scenario *pScn);

/* Job j has just begun a cycle (its work list is built). */
void progress_cycle_begun(Progress *p, const Job *j);

/* The work done and left at w's current instant (see above). */
void progress_measure(Progress *p, ProgressWork *pWork);

/* Write the line (at most five a second, unless bFinal: the last one,
** with the total wall time and a newline). */
void progress_show(Progress *p, int bFinal);

/* Free what p owns. */
void progress_close(Progress *p);

#endif
