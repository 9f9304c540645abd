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
** scn_build.c builds a World from the model (see "Building" below).
**
** Validation is the parse: a valid scenario comes out as the typed model
** of scn_model.h (tenants, policies, jobs, faults, the timeline and the
** expectations), which is all that the runner and the building functions
** (scn_build.c) read.
**
** Ownership: a loaded Scenario owns the parsed JSON (pRoot) and an arena
** holding every array of the model; every const pointer into either
** (strings, ScnAction.pJson) lives as long as the Scenario.
** scenario_free() frees everything.
*/
#ifndef TS_SCENARIO_H
#define TS_SCENARIO_H
#include <stdint.h>
#include <cjson/cJSON.h>
#include "simtime.h"
#include "strbuf.h"
#include "world.h"
#include "arena.h"
#include "scn_model.h"

/* The timeline actions (scn_actions.c holds one row for each: name, keys,
** check). */
typedef enum ScnActionKind {
  SCN_HIRE, SCN_TERMINATE, SCN_RESTORE, SCN_DISABLE, SCN_ENABLE, SCN_UPDATE,
  SCN_MOVE, SCN_ASSIGN, SCN_UNASSIGN, SCN_ADD_MEMBER, SCN_REMOVE_MEMBER,
  SCN_SET_POLICY, SCN_START_JOB, SCN_PAUSE_JOB, SCN_RESTART_JOB,
  SCN_TARGET_UPDATE, SCN_SET_MAPPING, SCN_SET_FILTERS, SCN_ALLOW_DELETES,
  SCN_SET_TENANT, SCN_TARGET_LEAVE, SCN_PROVISION_ON_DEMAND,
  SCN_ADD_PARTNER, SCN_REMOVE_PARTNER, SCN_CREATE_JOB, SCN_DELETE_JOB,
  SCN_TARGET_DELETE, SCN_SET_SECRETS,
  SCN_ASSIGN_ROLE, SCN_REGISTER_MFA, SCN_SIGN_IN,
  SCN_LIFECYCLE_WORKFLOW, SCN_ACCESS_REVIEW, SCN_TARGET_RESTORE, SCN_MTO_JOIN,
  SCN_ACTION_COUNT
} ScnActionKind;

/* One timeline entry, resolved to its instant, with what its action
** needs (scn_actions.c says which fields each kind fills). */
typedef struct ScnAction {
  SimTime t;               /* seconds from the scenario start */
  int iIndex;              /* position in the timeline array */
  ScnActionKind eKind;     /* what it does */
  const cJSON *pJson;      /* the entry as written, for the commands that
                           ** rewrite the document (export, plan); the
                           ** runner reads the fields below */
  const char *zNote;       /* "note", or NULL */
  const char *zTenant;     /* "tenant" and its index, or NULL and -1 */
  int iTenant;
  const char *zJob;        /* "job" and its index, or NULL and -1 */
  int iJob;
  ScnSelect sel;           /* the users selected ("users" or "sample") */
  ScnUser *aHire; int nHire;      /* hire: the users, or ... */
  ScnPopulation *pHirePop;        /* ... the population */
  ScnAttr *aSet; int nSet;        /* update, target_update: "set" */
  const char *zDepartment;        /* move */
  int bGroups; ScnKeys groups;    /* assign, unassign: "groups"; add/remove_member:
                                  ** the member groups ("groups") */
  const char *zGroup;             /* add/remove_member; on demand */
  const char *zUser;              /* provision_on_demand */
  const char *zPartner;           /* set_policy, add/remove_partner: partner
                                  ** (NULL: default), */
  int iPartner;                   /* its index or -1, */
  const char *zField;             /* the field, */
  PolicyField eField;
  int iValue;                     /* and 1, 0 or -1 (null) */
  unsigned mReset;                /* restart_job: RESET_* of resetScope */
  ScnMapping *pMapping;           /* set_mapping */
  ScnFilters filters;             /* set_filters */
  ScnSettings settings;           /* set_tenant */
  const ScnJob *pCreate;          /* create_job: the job's declaration */
  int iScope;                     /* set_secrets: -1 unchanged, 0 assigned, 1 all; */
  int64_t nThreshold;             /* deleteThreshold, -1 off, -2 unchanged */
  int iSkipOos;                   /* skipOutOfScopeDeletions, -1 unchanged */
  ScnNotify notify;               /* and notifications */
  ScnRoleAssign *pRole;           /* assign_role: the role, kind and scope */
  const char *zMethod;            /* register_mfa: the method, */
  int bByAdmin;                   /* registered by an admin (else the user) */
  unsigned mDevice;               /* sign_in: ACCESS_DEVICE_* claims (zUser: who) */
  const char *zProcess;           /* lifecycle_workflow: "workflow", access_review:
                                  ** "review" (display names; defaults filled in) */
  int iMode;                      /* lifecycle_workflow: LcwTask (0 disable, 1
                                  ** delete); access_review: 0 removeAccess, 1
                                  ** disableAndDeleteUser ("apply"); zGroup: the
                                  ** source group whose synced group is reviewed */
  SimTime tBackup;                /* target_restore: the daily backup recovered
                                  ** from ("backup", default the latest) */
} ScnAction;

/* One expect[] entry: a metric expectation, checked against the report
** of the finished run, or an instant expectation about a job's status or
** a user's target object, checked by the runner at its instant. */
typedef struct ScnExpect {
  const char *zMetric;     /* "PATH OP VALUE", or NULL: an instant one */
  SimTime t;               /* "at" */
  const char *zAt;
  const char *zJob; int iJob;
  const char *zStatus;     /* the job's status, or NULL: a user's */
  const char *zUser;       /* the source user's key */
  const char *zState;      /* exists / softDeleted / absent, or NULL: */
  const char *zAttr;       /* the attribute and the value it equals */
  const char *zEquals;     /* (NULL: null), or NULL: */
  const char *zMemberOf;   /* the source group whose synced target group
                           ** the user's target object is a member of */
} ScnExpect;

typedef struct Scenario {
  char *zFile;             /* path as given */
  cJSON *pRoot;            /* the parsed document */
  Arena arena;             /* every array of the model */
  const char *zName;       /* "name" (owned by pRoot) */
  const char *zDescription;  /* "description", or NULL */
  uint64_t seed;           /* "seed", default 1 */
  SimTime tStartEpoch;     /* "start", seconds since 1970 */
  SimTime duration;        /* "duration", seconds */
  SimParams params;        /* defaults overridden by "parameters" */
  ScnTenant *aTenant; int nTenant;
  ScnPolicy *aPolicy; int nPolicy;
  ScnJob *aJob; int nJob;
  ScnFault *aFault; int nFault;
  ScnAction *aAction;      /* timeline sorted by (t, iIndex) */
  int nAction;
  ScnExpect *aExpect; int nExpect;
  ScnDetect *aDetect; int nDetect;
  ScnMto *pMto;            /* "multiTenantOrganization", or NULL */
  StrBuf warnings;         /* what is valid but worth saying, one line each:
                           ** "FILE: PATH: warning: ..." (a documentation
                           ** conflict tenantsim resolved one way) */
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

/* Validate the scenario document pRoot exactly as scenario_parse validates
** its text (the same messages, the same result), without keeping the
** Scenario: for a writer that checks what it is about to print. pRoot is
** only read and stays the caller's. */
int scenario_check_json(const char *zFile, const cJSON *pRoot, StrBuf *pErrs, TsErr *pErr);

void scenario_free(Scenario *p);

/* The scenario as compact JSON, as it is kept in a run database (with a
** provision_on_demand of zOnDemandUser by zOnDemandJob at its end when
** zOnDemandJob is not NULL). The caller frees it with mem_free (cJSON
** allocates through mem.h); NULL when out of memory. */
char *scenario_json(const Scenario *p, const char *zOnDemandJob, const char *zOnDemandUser);


/* The action named zName, or -1 if there is none. */
int scn_actions_find(const char *zName);
/* The name of action eKind (0 <= eKind < SCN_ACTION_COUNT); static text. */
const char *scn_actions_name(int eKind);

/* ---------------------------------------------------------------------
** Building a World from the model (scn_build.c). Out of memory sets
** w->bNoMem or returns nonzero as said.
*/
/* User u of tenant iTenant (bHire: by the timeline, audited as an admin
** action). Returns the user's id, 0 if not created, -1 on OOM. */
int64_t scn_build_user(World *w, int iTenant, const ScnUser *u, int bHire);
/* Population p; returns the users created, or -1 on OOM. */
int64_t scn_build_population(World *w, int iTenant, const ScnPopulation *p, int bHire);
/* The settings s applied to tenant iT; what s does not give stays. */
void scn_build_settings(World *w, int iT, const ScnSettings *s);
/* The world at t=0: every tenant with its groups, users, populations and
** managers, the policies, the fault windows and the jobs with their
** mappings, filters and initial assignments (the jobs are not started).
** Returns 0, or a TS_* code with pErr. */
int scn_build_world(World *w, const Scenario *pScn, TsErr *pErr);
/* Mapping m as a new array *paMap of *pnMap entries (caller owns,
** mapping_free) and the object actions *pmActs. Returns 0, or a TS_*
** code with pErr. */
struct MapEntry;
int scn_build_mapping(World *w, const ScnMapping *m, struct MapEntry **paMap, int *pnMap,
                      unsigned *pmActs, TsErr *pErr);
/* The filter groups f added to job j. Returns nonzero on OOM. */
int scn_build_filters(World *w, Job *j, const ScnFilters *f);
/* The assignments of job declaration p made to job j, with cause zCause
** (its scope of "all" puts every user of the source in); w->zCause is
** left set to zCause. Out of memory sets w->bNoMem. */
void scn_build_assignments(World *w, Job *j, const ScnJob *p, const char *zCause);

/* The tenants' role assignments, Conditional Access policies and service
** principals' permissions into the run database (scn_authz.c); nonzero on
** OOM. An assign_role action at w->tNow: *pn gets the users or groups given
** the role, zSummary[n] its timeline summary; TS_OK, or TS_ERR when a
** group it names has no target group yet (its job has not created it, or
** it was deleted: pErr says so at the action's path, "timeline[3].groups[0]"). */
int scn_authz_build(World *w, const Scenario *pScn);
int scn_authz_apply(World *w, const ScnAction *a, int64_t *pn, char *zSummary, size_t n,
                    TsErr *pErr);

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
