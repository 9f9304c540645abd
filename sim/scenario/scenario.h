/*
** scenario.h — loading and validating scenario scripts (JSON).
**
** scenario_load() parses the file with cJSON and validates all of it
** before anything runs: types, unknown keys (typos are errors), instants
** and durations, ranges, and every reference (tenants, users, groups,
** jobs) in timeline order, so that a user is only referred to after the
** population or hire that creates them. Each problem is reported as
** "FILE: JSON.PATH: what was expected" (or FILE:LINE:COLUMN for JSON
** syntax errors). The format is documented in README.md.
**
** A loaded Scenario keeps the parsed JSON; the runner (runner.h) reads the
** validated tree directly.
*/
#ifndef TS_SCENARIO_H
#define TS_SCENARIO_H
#include <stdint.h>
#include <cjson/cJSON.h>
#include "simtime.h"
#include "strbuf.h"
#include "world.h"

/* One timeline entry, resolved to its instant. */
typedef struct ScnAction {
  SimTime t;               /* seconds from the scenario start */
  int iIndex;              /* position in the timeline array */
  const cJSON *pJson;      /* the action object (owned by pRoot) */
} ScnAction;

typedef struct Scenario {
  char *zFile;             /* path as given */
  cJSON *pRoot;            /* the parsed document */
  const char *zName;       /* "name" (owned by pRoot) */
  uint64_t seed;           /* "seed", default 1 */
  SimTime tStartEpoch;     /* "start", seconds since 1970 */
  SimTime duration;        /* "duration", seconds */
  SimParams params;        /* defaults overridden by "parameters" */
  ScnAction *aAction;      /* timeline sorted by (t, iIndex) */
  int nAction;
} Scenario;

/* Maximum users a scenario may create in all (populations and hires). */
#define SCENARIO_MAX_USERS 2000000

/* Load and validate zFile. On success *ppScn is a new Scenario (free with
** scenario_free) and 0 is returned. On failure returns TS_ERR (invalid
** input: every message, one per line, is appended to pErrs, at most 50),
** TS_IOERR (unreadable file) or TS_NOMEM, with the first message in pErr. */
int scenario_load(const char *zFile, Scenario **ppScn, StrBuf *pErrs, TsErr *pErr);

/* Validate a scenario given as text (zFile names it in messages). */
int scenario_parse(const char *zFile, const char *zText, Scenario **ppScn,
                   StrBuf *pErrs, TsErr *pErr);

void scenario_free(Scenario *p);

/* Timeline action names. */
#define SCN_ACTIONS "hire, terminate, restore, disable, enable, update, move, " \
  "assign, unassign, add_member, remove_member, set_policy, start_job, " \
  "pause_job, restart_job, target_update, set_mapping, set_filters"

/* Parse "at" of a timeline entry or a job's "start": an ISO instant or an
** offset duration from the start. Returns 0 and the offset in *pT. */
int scenario_when(const Scenario *p, const char *z, SimTime *pT,
                  char *zWhy, size_t nWhy);

#endif
