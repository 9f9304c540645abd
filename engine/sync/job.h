/*
** job.h — sync jobs: configuration, assignments and job control.
**
** Job control follows Graph's synchronizationJob: start (resumes a paused
** job; the first cycle after a start of a never-run job, a restart, or a
** change of scope configuration is an initial cycle), pause (the running
** cycle finishes, no new cycle starts), restart (a new initial cycle; the
** watermark is cleared, source-target links are kept). A configuration
** may also be created and deleted during the run (job_create,
** job_delete); while it does not exist it does nothing. The job only keeps
** state; cycle.c runs the cycles and sim/ schedules them from tNextCycle.
*/
#ifndef TS_JOB_H
#define TS_JOB_H
#include "tslimits.h"
#include "world.h"
#include "deletion.h"
#include "mapping.h"
#include "pair.h"
#include "quarantine.h"
#include "scope.h"

/* The size of the one-line summary of an on-demand provisioning. */
#define JOB_OUTCOME_MAX 300

/* Job status codes (Graph synchronizationStatusCode). */
typedef enum JobStatus {
  JOB_NOT_RUN, JOB_ACTIVE, JOB_PAUSED, JOB_QUARANTINE
} JobStatus;

/* Counters per job, summed over its cycles. */
typedef struct JobStats {
  int64_t nInitial, nIncremental, nFailedCycles;
  int64_t nCreate, nUpdate, nDelete, nDisable, nOther, nSkipped, nFailure;
} JobStats;

/* The cycle a job is running, if any. */
typedef struct CycleRun {
  int bRunning;
  int bInitial;
  int64_t iRow;            /* cycles.id */
  char zCycleId[TS_GUID_SIZE];
  SimTime tBegin;
  int64_t *aWork;          /* source user ids to evaluate, in order */
  int64_t nWork, iWork;
  int64_t msCursor;        /* elapsed milliseconds since tBegin */
  double rMinutesPerCreate;/* this cycle's throughput draw */
  int64_t nImported, nExported, nEscrowed, nSkipped;
  int64_t nOutOfScope;     /* changed users outside an assigned job's scope,
                           ** evaluated and skipped at import (no log row) */
  int64_t nEscrowedRef;    /* of nEscrowed, reference failures */
  int64_t nRemovals;       /* deletes and disables this cycle (predicted) */
  int bStaging;            /* over the deletion threshold: removals staged */
  int bOnDemand;           /* an on-demand provisioning, not a cycle */
} CycleRun;

/* The settings of a job the lint rules read (job_history.h): what was
** last written to job_history, compared after each timeline action, and
** for each the timeline action that last changed it (-1: declared). */
typedef struct JobConfig {
  int bNoted;              /* a row has been written */
  int bSyncAll;
  unsigned mObjectActions;
  int bDeleteThreshold;
  int64_t nDeleteThreshold;
  int bUserTypeAlways;     /* userType mapped to the constant Member, flow Always */
  uint64_t hGroups;        /* hash of the assigned groups, in index order */
  int bShowInGal;          /* showInAddressList mapped to the constant True */
  uint64_t hFilterAttrs;   /* hash of the attributes the scoping filters read */
  uint64_t hMapped;        /* hash of the target attributes the mapping writes */
  int bNotify;             /* the notification e-mail is on */
  int nRecipients;         /* ... to this many addresses */
  int aiAction[9];         /* per setting, in the order above (bNotify and
                           ** nRecipients share one) */
} JobConfig;

struct Job {
  char *zKey;
  char zJobId[96];         /* Azure2Azure.<guid>.<guid> */
  char zServicePrincipal[TS_GUID_SIZE];
  int iSource, iTarget;
  int bSyncAll;
  int bGroupSync;          /* "Provision Microsoft Entra ID Groups" enabled */
  GroupPair *aGPair; int nGPair;       /* indexed by group index */
  int *aGDirty; int nGDirty, nGDirtyAlloc;
  int bCrossCloud;         /* "Setup cross-tenant synchronization across
                           ** Microsoft clouds" ticked on the configuration */
  SimTime interval;
  int *aGroupAssign;  int nGroupAssign, nGroupAssignAlloc;
  FilterGroup *aFilter; int nFilter;
  MapEntry *aMap;       int nMap;
  unsigned mObjectActions; /* OBJ_ACT_* bits enabled (default all three) */
  JobStatus eStatus;
  int bScheduled;          /* schedule state Active (started, not paused) */
  int bNeedInitial;        /* next cycle is an initial cycle */
  int bPauseAfterCycle;    /* paused while a cycle was running */
  SimTime tNextCycle;      /* -1: no cycle due */
  SimTime tWatermark;
  char *zGateError;        /* last policy-check error code, NULL if passing */
  const char *zGateMessage;/* its documented message (static) */
  SimTime tGateSince;      /* first failing check of the current failures */
  int bUncreated;          /* declared "created": false and not created yet
                           ** (job_create): the configuration does not exist */
  int bDeleted;            /* deleted (job_delete): it exists no more */
  int bDisabled;           /* disabled by the service after too long in
                           ** quarantine (until started or restarted) */
  SimTime tDisabled;       /* when (valid while bDisabled) */
  int64_t nDrift;          /* this job's pairs that drift */
  SimTime tInStep;         /* when nDrift last returned to 0; -1: never drifted */
  /* Escrows and quarantine (cycle.c, quarantine.c). */
  int64_t *aEscrow; int64_t nEscrowList, nEscrowAlloc;  /* ids, lazily pruned */
  int64_t nEscrowOpen;     /* pairs with bEscrow set */
  int64_t nEscrowRefOpen;  /* ... of which reference failures */
  QuarReason eQuarReason;  /* QR_NONE unless in quarantine */
  SimTime tQuarSeriesBegan, tQuarCurrentBegan;
  int64_t nQuarSeries;     /* re-evaluations that kept it in quarantine */
  SimTime tBackoff;        /* current interval while quarantined */
  int bEscrowsPruned;      /* an initial cycle pruned its escrows */
  /* Accidental-deletion prevention (deletion.h). */
  int bForceDeletes;       /* next cycle ignores the deletion threshold */
  int bDeleteThreshold;    /* prevention on */
  int64_t nDeleteThreshold;/* its threshold (the scenario's deleteThreshold) */
  int bSkipOos;            /* the secret SkipOutOfScopeDeletions is true: CTS
                           ** ignores it unless params.bSkipOosHonoured */
  /* The notification e-mail (SyncNotificationSettings Enabled, Recipients):
  ** the service mails a quarantine only when it is on with an address. */
  int bNotify;
  char *zNotifyTo;         /* the Recipients as given, NULL: none */
  Pair **apPairPage;       /* pair.h: PAIR_PAGE pairs a page, by user id;
                           ** a page exists once a pair in it was asked for */
  int64_t nPairPage;
  int64_t *aDirty; int64_t nDirty, nDirtyAlloc;
  CycleRun run;
  JobStats stats;
  JobConfig cfgNoted;      /* job_history.c */
  char zOnDemandOutcome[JOB_OUTCOME_MAX];  /* cycle_on_demand's summary */
};


/* Add a job from iSource to iTarget with the default mapping. Returns its
** index, or -1 with pErr set (out of memory, or a job for the same pair
** already exists: only one configuration per source->target pair). */
/* "Create,Update,Delete" or the enabled subset of OBJ_ACT_* bits m
** (static storage). */
const char *job_actions_text(unsigned m);

int job_add(World *w, const char *zKey, int iSource, int iTarget,
            int bSyncAll, TsErr *pErr);

/* Assign or unassign a user (directly) or a group. Return 1 when the
** assignment changed, 0 when it already was so, -1 on allocation failure.
** Every affected user is queued and re-evaluated (cause zCause). */
int job_assign_user(World *w, Job *j, int64_t id, int bAssign);
int job_assign_group(World *w, Job *j, int iGroup, int bAssign);

/* Append a scoping filter group (clauses are copied). 0 or -1 (OOM). */
int job_add_filter_group(World *w, Job *j, const char *zTitle,
                         const Clause *aClause, int nClause);

/* Replace the job's attribute mappings (the job takes ownership of aMap,
** even on failure) and target object actions (OBJ_ACT_* bits), or its
** scoping filter groups (removed first; then add the new ones with
** job_add_filter_group and call job_config_changed). When bChange (a
** change to a configured job, not its creation) the change is audited
** ("Update attribute mappings or scope"), the next cycle is an initial
** cycle, as saving mappings or filters does in the service, and every
** source user's desired state is re-evaluated with cause w->zCause. */
void job_set_mapping(World *w, Job *j, MapEntry *aMap, int nMap, unsigned mActions, int bChange);
void job_clear_filters(World *w, Job *j);
void job_config_changed(World *w, Job *j);

/* Graph's synchronizationJobRestartCriteria resetScope flags (their SDK
** values). RESET_FULL also breaks the links between source and target
** users; the portal's "Restart provisioning" is RESET_PORTAL. */
#define RESET_CONNECTOR_DATA_STORE 0x01
#define RESET_ESCROWS              0x02
#define RESET_WATERMARK            0x04
#define RESET_QUARANTINE_STATE     0x08
#define RESET_FULL                 0x0f
#define RESET_FORCE_DELETES        0x20
#define RESET_PORTAL (RESET_ESCROWS|RESET_WATERMARK|RESET_QUARANTINE_STATE)

/* The resetScope flag named zName ("Escrows", "ForceDeletes", ...; "None"
** is 0), or -1 for an unknown name. */
int job_reset_flag(const char *zName);

/* start: resumes a paused job and clears quarantine. pause: the running
** cycle finishes, no new cycle starts. restart: applies the resetScope
** flags (see above) and resumes; ForceDeletes lets the next cycle carry
** out the deletions the accidental-deletion threshold held back
** (deletion.h). */
void job_start(World *w, Job *j);
void job_pause(World *w, Job *j);
void job_restart(World *w, Job *j, unsigned mScope);

/* Does job j's configuration exist now (not declared for later creation,
** not deleted)? A job that does not exist scopes no one, runs no cycles
** and cannot be started. */
#define job_exists(j) (!(j)->bUncreated && !(j)->bDeleted)

/* Create the configuration of a job declared for later creation: the
** source instantiates the cross-tenant synchronization template
** (ApplicationManagement "Add service principal") and adds the
** provisioning configuration ("Add provisioning configuration"), at
** w->tNow (jobs.created_at). The caller then assigns and starts it. */
void job_create(World *w, Job *j);

/* Delete the job's configuration at w->tNow (jobs.deleted_at; audited
** "Delete provisioning configuration"): no more cycles (the caller ends a
** running one first: cycle_abandon), its escrows and quarantine go with
** it; the users it provisioned stay in the target, and its pairs keep the
** state they had (desired.c reports them as job_deleted). */
void job_delete(World *w, Job *j);

/* Set job j's notification e-mail (SyncNotificationSettings): bEnabled
** -1 leaves Enabled as it is, zRecipients NULL leaves the Recipients
** ("" none; copied). In memory only: job_set_secrets audits the change.
** Returns 0, or -1 out of memory (w->bNoMem set, the settings unchanged). */
int job_set_notify(World *w, Job *j, int bEnabled, const char *zRecipients);

/* Save the configuration's settings (its synchronization secrets),
** audited as "Update provisioning setting or credentials": the scope
** (SyncAll; iScope -1 leaves it, 0 assigned, 1 all) and, when bThreshold,
** the accidental-deletion threshold the caller has just set
** (deletion_set_threshold), and when bNotify the notification e-mail it
** has just set (job_set_notify), as the job now holds them; iSkipOos
** (-1 unchanged) sets SkipOutOfScopeDeletions. A scope change
** re-evaluates every source user's desired state (cause w->zCause) but
** queues no one: the cycles reach the users it changes at the next
** initial cycle or at their own next change. */
void job_set_secrets(World *w, Job *j, int iScope, int bThreshold, int bNotify, int iSkipOos);

/* The index of the job whose key is zKey, or -1. */
int job_find(const World *w, const char *zKey);

/* Free everything job j owns (not j itself): engine_close calls it. */
void job_clear(Job *j);

/* Write the job's row (status, schedule) to the store. */
void job_save(World *w, Job *j);

/* Record the outcome of j's connection test and policy check at tNow
** (policy.h): the error code and message, since when the checks have
** been failing, and the failing settings (table gate_checks). */
struct GateResult;
void job_set_gate(World *w, Job *j, const struct GateResult *pRes);

/* The status people see: Graph's synchronizationStatusCode (NotRun,
** Active, Paused, Quarantine), except Disabled for a job the service
** disabled (Graph keeps Quarantine then, with the schedule disabled) and
** Deleted for a deleted one (Graph has no such job any more). */
const char *job_status_name(const Job *j);

#endif
