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
** The parts: scenario.c (load, top level, parameters, timeline order),
** scn_tenants.c, scn_jobs.c, scn_actions.c (the table of timeline
** actions), scn_expect.c; scenarioInt.h is their shared validator state.
** Each part also builds its section into a World or checks it (see the
** "Building" and expectation functions below).
**
** Ownership: a loaded Scenario owns the parsed JSON (pRoot) and its
** timeline array; every const pointer into it (zName, ScnAction.pJson)
** lives as long as the Scenario. scenario_free() frees everything. The
** runner and the building functions read the validated tree without
** re-checking it.
*/
#ifndef TS_SCENARIO_H
#define TS_SCENARIO_H
#include <stdint.h>
#include <cjson/cJSON.h>
#include "simtime.h"
#include "strbuf.h"
#include "world.h"

/* The timeline actions (scn_actions.c holds one row for each: name, keys,
** check). */
typedef enum ScnActionKind {
  SCN_HIRE, SCN_TERMINATE, SCN_RESTORE, SCN_DISABLE, SCN_ENABLE, SCN_UPDATE,
  SCN_MOVE, SCN_ASSIGN, SCN_UNASSIGN, SCN_ADD_MEMBER, SCN_REMOVE_MEMBER,
  SCN_SET_POLICY, SCN_START_JOB, SCN_PAUSE_JOB, SCN_RESTART_JOB,
  SCN_TARGET_UPDATE, SCN_SET_MAPPING, SCN_SET_FILTERS, SCN_ALLOW_DELETES,
  SCN_SET_TENANT, SCN_TARGET_LEAVE, SCN_PROVISION_ON_DEMAND,
  SCN_ACTION_COUNT
} ScnActionKind;

/* One timeline entry, resolved to its instant. */
typedef struct ScnAction {
  SimTime t;               /* seconds from the scenario start */
  int iIndex;              /* position in the timeline array */
  ScnActionKind eKind;     /* what it does */
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


/* The action named zName, or -1 if there is none. */
int scn_actions_find(const char *zName);
/* The name of action eKind (0 <= eKind < SCN_ACTION_COUNT); static text. */
const char *scn_actions_name(int eKind);

/* ---------------------------------------------------------------------
** Building a World from a loaded scenario's JSON (read without checks: it
** was validated). Out of memory sets w->bNoMem or returns nonzero as said.
*/
/* A JSON attribute value as attribute text in *pz: strings as they are,
** Booleans as True/False, null as NULL (static or owned by c). */
void scn_tenants_attr_value(const cJSON *c, const char **pz);
/* A user object p of tenant iTenant (bHire: by the timeline, audited as an
** admin action). Returns the user's id, 0 if not created, -1 on OOM. */
int64_t scn_tenants_build_user(World *w, int iTenant, const cJSON *p, int bHire);
/* A population object p; returns the users created, or -1 on OOM. */
int64_t scn_tenants_build_population(World *w, int iTenant, const cJSON *p, int bHire);
/* The cloud, guest and quota settings in p (a tenants[] entry or a
** set_tenant action) applied to tenant iT; absent fields stay. */
void scn_tenants_apply_settings(World *w, int iT, const cJSON *p);
/* Every tenant of the "tenants" array with its groups, users, populations
** and managers. Returns nonzero on OOM. */
int scn_tenants_build(World *w, const cJSON *pTenants);

/* A JSON Boolean as 1/0, null or absent as -1. */
int scn_jobs_tri(const cJSON *c);
/* One policies[] entry. */
void scn_jobs_build_policy(World *w, const cJSON *p);
/* A mapping object as a new array *paMap of *pnMap entries (caller owns,
** mem_free) and the object actions *pmActs. Returns 0, or -1 with pErr. */
struct MapEntry;
int scn_jobs_build_mapping(World *w, const cJSON *pMapping, struct MapEntry **paMap, int *pnMap,
                           unsigned *pmActs, TsErr *pErr);
/* The "scopingFilters" of p added to job j. Returns nonzero on OOM. */
int scn_jobs_build_filters(World *w, Job *j, const cJSON *pFilters);
/* The "faults" array. Returns nonzero on OOM. */
int scn_jobs_build_faults(World *w, const Scenario *pScn, const cJSON *pFaults);

/* Check metric expectation zExpect ("PATH OP VALUE", e.g. "orphans.count
** == 0") against pReport, the JSON report of the run: the value found (as
** text, into zActual) and *pbPass. Returns 0, or -1 if zExpect is not a
** metric expectation (nothing is set then). */
int scn_expect_metric(const cJSON *pReport, const char *zExpect, char *zActual, size_t nActual,
                      int *pbPass);

/* Parse "at" of a timeline entry or a job's "start": an ISO instant or an
** offset duration from the start. Returns 0 and the offset in *pT. */
int scenario_when(const Scenario *p, const char *z, SimTime *pT,
                  char *zWhy, size_t nWhy);

#endif
