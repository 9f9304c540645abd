/*
** runner.h — replaying a validated scenario into a run database.
**
** runner_run builds the world (tenants, groups, users and generated
** populations, policies, jobs and their assignments) at t=0, then runs the
** discrete-event loop until the scenario's duration: timeline actions
** (priority 0), job starts (1), sync-cycle steps (2) and hard deletions at
** the end of soft-delete retention (3), ordered by (time, priority,
** insertion sequence). Each event's writes are one SQLite transaction.
*/
#ifndef TS_RUNNER_H
#define TS_RUNNER_H
#include <stdio.h>
#include <stdint.h>
#include "scenario.h"

typedef struct RunOptions {
  const char *zDbPath;     /* the database file to create (must not exist) */
  uint64_t seed;           /* used when bSeed, else the scenario's seed */
  int bSeed;
  FILE *pProgress;         /* progress lines go here when not NULL */
  const char *zVersion;    /* written to run_info */
  const char *zOnDemandJob;   /* with zOnDemandUser: provision this user on
                              ** demand when the run has reached its end */
  const char *zOnDemandUser;
} RunOptions;

typedef struct RunStats {
  uint64_t seed;           /* the seed actually used */
  int64_t nEvents;         /* events handled */
  int64_t nUsers;          /* users in the world at the end */
  int64_t nCycles;         /* cycles begun */
  char zOnDemand[300];     /* the on-demand outcome, when one was asked for */
} RunStats;

/* Run scenario p into a new database. The scenario's canonical JSON is kept
** in run_info ('scenario_json') so that the run can be replayed. Returns
** 0, or a TS_* code with pErr set (TS_ERR when the on-demand job or user
** does not exist, or a timeline action cannot be carried out at its
** instant: "FILE: timeline[3].groups[0]: ..."); on failure the database file may be partly written and
** the caller deletes it. */
int runner_run(const Scenario *p, const RunOptions *pOpt, RunStats *pStats, TsErr *pErr);

#endif
