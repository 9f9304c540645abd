/*
** bench.h — what the files of `make bench` share (tests/bench*.c; not a
** Check suite, so none is named test_*).
**
**   bench.c          main: reads BENCH_USERS and BENCH_TOPOLOGY, runs the
**                    generated scenario, prints every figure
**   bench_shape.c    the topologies and the scenario each one generates
**   bench_measure.c  clocks, rows per table, the initial sync's end, and
**                    the two SQLite baselines timed in the same process
**   bench_extra.c    figures outside the run: diff, report, expressions, import
**
** Nothing here passes or fails on time: the bench prints figures only.
** The bench may include every layer (tests/ sees everything).
*/
#ifndef TS_BENCH_H
#define TS_BENCH_H
#include <stdint.h>
#include "simtime.h"

/* ---------------------------------------------------------------------
** bench_shape.c: the scenario of one run.
*/

typedef enum BenchTopology {
  BENCH_PAIR,      /* one source -> one target: 1 job */
  BENCH_HUB4,      /* one source -> four targets: 4 jobs */
  BENCH_HUB100,    /* a 100-tenant multitenant organization: the hub syncs
                   ** to its 99 members and each member to the hub: 198 jobs */
  BENCH_MESH20     /* 20 tenants, each syncing to all 19 others: 380 jobs */
} BenchTopology;

/* Days of churn after the initial sync. */
#define BENCH_CHURN_DAYS 14

/* BENCH_USERS by default: for pair and hub4; per tenant for hub100 and
** mesh20, the 2,000 per tenant of issue 15's goal (15 s and 29 s of CPU
** on the 2-core machine; 500 per tenant while pairs existed for every
** user of the world, when hub100 at 2,000 needed 13.6 GiB). */
#define BENCH_DEFAULT_USERS        100000
#define BENCH_DEFAULT_TENANT_USERS 2000

/* The largest BENCH_USERS: a population holds at most 1,000,000 users. */
#define BENCH_MAX_USERS 1000000
/* BENCH_REPEAT: at most this many rounds of the run and its baselines. */
#define BENCH_MAX_ROUNDS 9

/* One run's shape. bench_shape_init fills every field but nAction, which
** bench_shape_json sets. Counts per day are per source tenant. */
typedef struct BenchShape {
  BenchTopology eTopo;
  const char *zName;       /* "pair", "hub4", "hub100", "mesh20" (static) */
  int nTenant;             /* tenants in all */
  int nSource;             /* tenants with users (the first nSource) */
  long long nUsers;        /* users per source tenant at the start */
  int nJob;                /* sync jobs */
  long long nHire;         /* per churn day: users hired into the assigned group */
  long long nLeave;        /* disabled at 09:00, deleted (soft) at 16:00 */
  long long nMove;         /* department changes (still in scope) */
  long long nRegroup;      /* taken out of the assigned group (out of scope),
                           ** put back two days later */
  long long nUpdate;       /* attribute changes (jobTitle, telephoneNumber) */
  SimTime tInitBound;      /* the longest initial cycle the cost model allows:
                           ** nUsers x the top of costPerObjectMinutes plus
                           ** cycleOverhead (seconds) */
  SimTime tChurn;          /* first churn day: tInitBound rounded up to days */
  SimTime tSpan;           /* simulated span: tChurn + BENCH_CHURN_DAYS days */
  int nAction;             /* timeline entries generated */
} BenchShape;

/* Fill p for topology zTopo (NULL or "" is pair) and nUsers users per
** source tenant (0: the topology's default, BENCH_DEFAULT_USERS for pair
** and hub4, BENCH_DEFAULT_TENANT_USERS for hub100 and mesh20). Returns 0,
** or -1 for an unknown topology
** or a count outside 1..BENCH_MAX_USERS. */
int bench_shape_init(BenchShape *p, const char *zTopo, long long nUsers);

/* The scenario JSON of shape p (deterministic: the same text for the same
** shape); sets p->nAction. The caller frees it with mem_free; NULL when
** out of memory. */
char *bench_shape_json(BenchShape *p);

/* The daily churn as fractions of the population, for the printout:
** static text, its lines after the first indented to column 21. */
const char *bench_shape_fractions(void);

/* ---------------------------------------------------------------------
** bench_measure.c: clocks and database figures.
*/

/* Wall seconds (monotonic clock) and CPU seconds (getrusage user+sys). */
typedef struct BenchClock { double rWall, rCpu; } BenchClock;

void bench_measure_now(BenchClock *p);
/* The time since *p0. */
BenchClock bench_measure_since(const BenchClock *p0);
/* The process's peak resident set so far, MiB. */
double bench_measure_peak_mib(void);

typedef struct BenchTable { char zName[64]; long long nRows; } BenchTable;
typedef struct BenchRows {
  BenchTable *a; int n;    /* every table of the database, by name */
  long long nTotal;        /* the sum */
} BenchRows;

/* Count the rows of every table of zDb into p (free with
** bench_measure_rows_free). Returns 0, or -1 (p empty). */
int bench_measure_rows(const char *zDb, BenchRows *p);
void bench_measure_rows_free(BenchRows *p);

/* The first initial cycle of every job of a run. */
typedef struct BenchInitial {
  int nJob;                /* jobs with an initial cycle */
  int nUnfinished;         /* of them, still running at the end */
  int nNotSucceeded;       /* finished in another state than Succeeded */
  SimTime tFirst, tLast;   /* the earliest and latest end (seconds) */
  long long nCycles;       /* cycles of every kind */
} BenchInitial;

int bench_measure_initial(const char *zDb, BenchInitial *p);

/* The narrow baseline: nRows rows of 5 columns (INTEGER PRIMARY KEY, two
** integers, two short texts) into a fresh database zDb with the run's
** pragmas, one prepared statement, one transaction. Fills *pT; returns 0
** or -1. zDb is removed afterwards. */
int bench_measure_narrow(const char *zDb, long long nRows, BenchClock *pT);

/* The own-rows baseline: every row of every table of zSrc into a new
** database zDst with the same schema, one prepared INSERT per table, one
** transaction (*pInsert: the time of a read-only pass over the same rows
** subtracted), then the reader indexes a run creates at its end
** (*pIndex). The floor for any program writing exactly these rows.
** Returns 0 or -1; zDst is removed afterwards. */
int bench_measure_own_rows(const char *zSrc, const char *zDst,
                           BenchClock *pInsert, BenchClock *pIndex);

/* ---------------------------------------------------------------------
** bench_extra.c: figures beside the run (none of them is part of it).
*/

/* Seconds to diff zDb against itself (every pair compared); the pair
** count goes to *pnPairs (-1 on failure). */
double bench_extra_diff(const char *zDb, long long *pnPairs);
/* Seconds of `tenantsim report` of zDb in format zFormat (text, json,
** html or md), written to /dev/null; -1 on failure. */
double bench_extra_report(const char *zDb, const char *zFormat);
/* Evaluations per second of a six-function mapping expression compiled
** once, over nUsers synthetic users; -1 on failure. */
double bench_extra_expr(long long nUsers);
/* Seconds of `tenantsim import` of a Graph users page of nUsers users
** with their group, its members and its assignment; -1 on failure. */
double bench_extra_import(long long nUsers);

#endif
