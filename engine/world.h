/*
** world.h — the simulated world: tenants, users, groups, policies, jobs.
**
** The World is the engine's working set in memory; every change to it is
** written through to the run database (the Store) by the module that makes
** it, inside the transaction the caller opened for the current timeline
** action or cycle. The database therefore always holds the same world as
** memory does at each commit, and the reports read only the database.
**
** Identity: users of all tenants share one id space (1-based, the users
** table's rowid and the index+1 of aUser); tenants, groups and jobs are
** indexed from 0. Time (tNow) is seconds from the scenario start.
**
** Ownership: the World owns every array and string reachable from it;
** world_free releases them. The Store is owned too.
*/
#ifndef TS_WORLD_H
#define TS_WORLD_H
#include <stdint.h>
#include "attr.h"
#include "hmap.h"
#include "rng.h"
#include "simtime.h"
#include "store.h"
#include "strbuf.h"
#include "tserr.h"

/* Licences, as a bit set on the tenant. */
#define LIC_P1          0x01
#define LIC_P2          0x02
#define LIC_GOVERNANCE  0x04
#define LIC_SUITE       0x08

typedef struct Tenant {
  char *zKey;              /* scenario name, e.g. "contoso" */
  char zTenantId[37];      /* directory GUID */
  char *zDomain;           /* e.g. "contoso.com" */
  char *zCloud;            /* commercial | usgov | china */
  unsigned mLicence;       /* LIC_* bits */
  HMap keys;               /* user key -> user id */
  HMap altSec;             /* target side: alt_sec_id -> user id (B2B users) */
  int64_t nDrift;          /* pairs targeting this tenant that drift */
  SimTime tInStep;         /* when nDrift last returned to 0; -1: never drifted */
  int bGuestInvitesBlocked;/* guest invite setting at its most restrictive */
  int64_t nObjectQuota;    /* directory object quota (0: none modelled) */
  int64_t nObjects;        /* users not hard-deleted, against the quota */
  HMap internalMail;       /* mail of internal users -> user id */
  HMap b2bMail;            /* mail of B2B users -> user id (the invitation
                           ** manager's look-up) */
  unsigned mCloudSettings; /* other clouds enabled in Microsoft cloud
                           ** settings (CLOUD_* bits) */
  int bCrossCloudSync;     /* target: cross-cloud synchronization enabled */
} Tenant;

/* Microsoft clouds, as bits for Tenant.mCloudSettings. */
#define CLOUD_COMMERCIAL 0x1
#define CLOUD_USGOV      0x2
#define CLOUD_CHINA      0x4

typedef struct User {
  int64_t id;
  int iTenant;
  char *zKey;              /* scenario key; NULL for users a job created */
  char zObjectId[37];
  char *azAttr[A_COUNT];   /* see attr.h */
  char **azExt;            /* extension attribute values, by extension index
                           ** (world_attr_*); nExt entries, NULL = unset */
  int nExt;
  char *zNetId;            /* home identity of an internal user */
  char *zAltSecId;         /* B2B users: home identity; NULL for internal */
  const char *zCreationType;  /* NULL or "Invitation" (static string) */
  const char *zExternalState; /* B2B: "Accepted" or "PendingAcceptance" */
  SimTime tCreated;
  SimTime tDeleted;        /* soft-deleted at, or -1 */
  SimTime tPurged;         /* hard-deleted at, or -1 */
  int iCreatedByJob;       /* -1 unless a job created it */
  int iLinkJob;            /* target users: the job linked to it, or -1 */
  int64_t idLinkSource;    /* target users: its linked source user, or 0 */
  int *aGroup;             /* groups the user is a direct member of */
  int nGroup, nGroupAlloc;
} User;

typedef struct Group {
  char *zKey;
  int iTenant;
  char zObjectId[37];
  char *zDisplayName;
  char *zType;             /* Security | Microsoft365 | MailEnabledSecurity | Distribution */
  int iCreatedByJob;       /* target groups a job created, else -1 */
  SimTime tDeleted;        /* deleted at, or -1 */
} Group;

/* Per (job, source group) state for group synchronization. */
typedef struct GroupPair {
  int iTarget;             /* linked target group index + 1, 0 when none */
  uint8_t bDirty;          /* queued for the next cycle */
} GroupPair;

/* One tri-state policy field: -1 not configured (inherit), 0 false, 1 true. */
typedef struct Policy {
  int iTenant;
  int iPartner;            /* -1: the tenant's default policy */
  signed char inboundAutoRedeem, outboundAutoRedeem, userSyncInbound;
  signed char trustMfa, trustCompliant, trustHybrid, groupSyncInbound;
} Policy;

/* Scoping filter operators, as the portal names them (scope.c). */
typedef enum ScopeOp {
  OP_EQUALS, OP_NOT_EQUALS, OP_IS_TRUE, OP_IS_FALSE, OP_IS_NULL, OP_IS_NOT_NULL,
  OP_REGEX_MATCH, OP_NOT_REGEX_MATCH, OP_GREATER_THAN, OP_GREATER_THAN_OR_EQUALS,
  OP_INCLUDES, OP_ENDS_WITH, OP_AND, OP_NOT_AND
} ScopeOp;

typedef struct Clause {
  int iAttr;
  ScopeOp eOp;
  char *zValue;            /* NULL for unary operators */
  void *pRegex;            /* compiled pattern (ExprRegex*) for the REGEX
                           ** operators, owned; NULL otherwise */
} Clause;

typedef struct FilterGroup {
  char *zTitle;
  Clause *aClause;
  int nClause;
} FilterGroup;

/* One attribute mapping of a job (mapping.h evaluates it). */
typedef enum MapType { MAP_DIRECT, MAP_CONSTANT, MAP_EXPRESSION, MAP_NONE } MapType;
typedef enum FlowType { FLOW_ALWAYS, FLOW_OBJECT_ADD_ONLY } FlowType;
struct Expr;
typedef struct MapEntry {
  int iTarget;             /* target attribute id (world_attr_find) */
  MapType eType;
  int iSource;             /* MAP_DIRECT: source attribute id */
  char *zConst;            /* MAP_CONSTANT: the value */
  char *zExpr;             /* MAP_EXPRESSION: the text as written */
  struct Expr *pExpr;      /* MAP_EXPRESSION: compiled once, owned */
  char *zDefault;          /* "default value if null": used on create only */
  FlowType eFlow;          /* Always, or ObjectAddOnly (on creation only) */
  int bVolatile;           /* depends on the clock, randomness or the target
                           ** (Now, Guid, RandomString, SelectUniqueValue): it
                           ** has no fixed desired value */
} MapEntry;

/* Target object actions a job may take (Graph objectFlowTypes). */
#define OBJ_ACT_CREATE 0x1
#define OBJ_ACT_UPDATE 0x2
#define OBJ_ACT_DELETE 0x4

/* Why a (job, source user) pair is out of scope; see scope.h. */
typedef enum OutReason {
  OUT_NONE = 0, OUT_DELETED, OUT_NOT_INTERNAL_MEMBER, OUT_DISABLED,
  OUT_UNASSIGNED, OUT_FILTERED
} OutReason;

/* Desired target state of a pair; see desired.h. */
typedef enum Desired {
  DESIRED_ABSENT = 0,      /* no active target user should exist */
  DESIRED_PRESENT,         /* an active target user with the mapped values */
  DESIRED_IF_PRESENT       /* disabled source user: if a target user exists,
                           ** it carries the mapped values (disabled) */
} Desired;

/* Per (job, source user) state. */
typedef struct Pair {
  int64_t iTarget;         /* linked target user id, 0 when none */
  uint64_t hDesired;       /* fingerprint of the last desired state */
  int64_t iFirstOpen;      /* rowid of the pair's first open change */
  int32_t nOpen;           /* open rows in the changes table */
  uint8_t bAssigned;       /* directly assigned to the job */
  uint8_t bDirty;          /* changed since the watermark; in aDirty */
  uint8_t bDrift;          /* target differs from the desired state */
  uint8_t bRow;            /* a desired-table row exists */
  uint8_t eDesired;        /* Desired of the last evaluation (desired table) */
  uint8_t eReason;         /* OutReason of the last evaluation */
  uint8_t bHeld;           /* deprovisioning held back (links.held) */
  uint8_t bExported;       /* ever exported by the job (import in assigned mode) */
  uint8_t bEscrow;         /* a failed export waits for its retry */
  uint8_t bRefEscrow;      /* ... and it failed on a reference (manager) */
  uint8_t bUpnStale;       /* matched by mail: the UPN update was dropped
                           ** and flows again only in an initial cycle */
  int32_t nAttempts;       /* failed attempts of the current escrow */
  SimTime tFirstFail;      /* when the current escrow began */
  SimTime tNextRetry;      /* when it is retried (escrowRetry schedule) */
} Pair;

/* Job status codes (Graph synchronizationStatusCode). */
typedef enum JobStatus {
  JOB_NOT_RUN, JOB_ACTIVE, JOB_PAUSED, JOB_QUARANTINE
} JobStatus;

/* Graph quarantineReason values (entra-facts §3.2). */
typedef enum QuarReason {
  QR_NONE = 0, QR_BASE_ESCROW, QR_TOTAL_ESCROW, QR_ESCROW_PROPORTION,
  QR_QUARANTINE_EXCEPTION, QR_TOO_MANY_DELETES
} QuarReason;

/* One injected fault window against a target tenant (faults.h). */
typedef enum FaultKind { FAULT_OUTAGE, FAULT_TRANSIENT, FAULT_THROTTLE } FaultKind;
typedef struct Fault {
  int iTenant;             /* the target tenant it affects */
  FaultKind eKind;
  SimTime tFrom, tUntil;   /* active for tFrom <= t < tUntil */
  double rRate;            /* FAULT_TRANSIENT: probability an export fails */
  double rFactor;          /* FAULT_THROTTLE: cost multiplier */
  char *zCode;             /* error code of failed exports */
} Fault;

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
  char zCycleId[37];
  SimTime tBegin;
  int64_t *aWork;          /* source user ids to evaluate, in order */
  int64_t nWork, iWork;
  int64_t msCursor;        /* elapsed milliseconds since tBegin */
  double rMinutesPerCreate;/* this cycle's throughput draw */
  int64_t nImported, nExported, nEscrowed, nSkipped;
  int64_t nEscrowedRef;    /* of nEscrowed, reference failures */
  int64_t nRemovals;       /* deletes and disables this cycle (predicted) */
  int bStaging;            /* over the deletion threshold: removals staged */
  int bOnDemand;           /* an on-demand provisioning, not a cycle */
} CycleRun;

typedef struct Job {
  char *zKey;
  char zJobId[96];         /* Azure2Azure.<guid>.<guid> */
  char zServicePrincipal[37];
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
  int bForceDeletes;       /* next cycle ignores the deletion threshold */
  int bDeleteThreshold;    /* accidental-deletion prevention on */
  int64_t nDeleteThreshold;/* its threshold (default 500) */
  Pair *aPair;             /* indexed by user id; nPair entries */
  int64_t nPair;
  int64_t *aDirty; int64_t nDirty, nDirtyAlloc;
  CycleRun run;
  JobStats stats;
} Job;

/* Tunable model parameters; defaults and sources in README.md. */
typedef struct SimParams {
  SimTime interval;            /* PT40M: cycle start interval [S1, S15] */
  double rCreateMinMinutes;    /* 0.01 min/object lower bound [S10] */
  double rCreateMaxMinutes;    /* 0.08 min/object upper bound [S10] */
  double rMatchRatio;          /* 0.5: creates take ~2x matches [S10b] */
  double rSkipRatio;           /* 0.05: evaluating an out-of-scope object */
  SimTime cycleOverhead;       /* PT1M fixed import cost per cycle (assumed) */
  SimTime softDeleteRetention; /* P30D before a hard delete [S1, S25] */
  SimTime metricInterval;      /* PT5M drift sampling inside cycles */
  int bEscrowBackoff;          /* escrow retries 6h/12h/24h/daily (S9) rather
                               ** than every cycle; unconfirmed which applies */
  SimTime escrowLifetime;      /* P28D: an escrow is dropped after it (S9) */
  int64_t nQuarMinFailures;    /* 5000: no quarantine evaluation below (S9) */
  double rQuarProportion;      /* 0.40: share of a cycle's events failing */
  int64_t nQuarBase;           /* 40000 non-reference failures */
  int64_t nQuarTotal;          /* 60000 failures in all */
  SimTime quarMaxInterval;     /* P1D: backed-off cycle interval cap */
  SimTime quarDisableAfter;    /* P28D: quarantined longer => disabled */
  SimTime notificationDelay;   /* PT1H: quarantine e-mail ("within 24 h") */
  int bDeleteThresholdMet;     /* 1: quarantine when deletions reach the
                               ** threshold; 0 (default): when they exceed it */
} SimParams;

/* A soft-deleted user due for hard deletion. Entries are appended in
** deletion order with a fixed retention, so the queue is sorted by tDue. */
typedef struct PurgeEntry {
  int64_t id;
  SimTime tDeleted;        /* the deletion it belongs to (a restore voids it) */
  SimTime tDue;
} PurgeEntry;

typedef struct World {
  Store *pStore;
  SimTime tNow;            /* seconds from scenario start */
  SimTime tStartEpoch;     /* scenario start, seconds since 1970 */
  uint64_t seed;
  SimParams params;
  /* rngIds names the scenario's own objects (tenants, source users and
  ** groups, jobs) in scenario order; rngRunIds names run events (cycles,
  ** changes), whose order depends on the run. Objects a job creates are
  ** named by rng_guid_of() instead, from their target and source. */
  Rng rngRunIds;
  Rng rngIds, rngTiming, rngPopulation, rngSelection, rngFaults, rngExpr;
  Tenant *aTenant; int nTenant, nTenantAlloc;
  User *aUser;  int64_t nUser, nUserAlloc;
  Group *aGroup; int nGroup, nGroupAlloc;
  Policy *aPolicy; int nPolicy, nPolicyAlloc;
  Job *aJob; int nJob, nJobAlloc;
  PurgeEntry *aPurge; int64_t nPurge, nPurgeAlloc, iPurgeHead;
  Fault *aFault; int nFault;
  HMap objectIds;          /* user object_id -> user id (references) */
  int64_t nDriftTotal;
  SimTime tLastMetric;
  char **azExtName;        /* registered directory extension attributes;
                           ** attribute id A_COUNT+k names azExtName[k] */
  int nExtName, nExtNameAlloc;
  HMap extIdx;             /* extension name -> k (a mapping may name many) */
  const char *zCause;      /* the timeline action being applied (static) */
  int64_t iAction;         /* its timeline.seq; 0 outside timeline actions */
  int64_t nAction;         /* timeline rows written so far */
  StrBuf sbModified;       /* scratch for modified properties (cycle.c) */
  int bMemFail;            /* an allocation failed: the run must stop */
} World;

/* Default parameters (see SimParams). */
void world_default_params(SimParams *p);

/* Create a world whose run database is a new file at zDbPath. seed drives
** every random stream. The world owns the store. */
int world_create(World *w, const char *zDbPath, uint64_t seed,
                 SimTime tStartEpoch, TsErr *pErr);
void world_free(World *w);

/* Look-ups; -1 / NULL when absent. */
int world_tenant_find(const World *w, const char *zKey);
int world_group_find(const World *w, int iTenant, const char *zKey);
int world_job_find(const World *w, const char *zKey);
User *world_user(World *w, int64_t id);
int64_t world_user_find(const World *w, int iTenant, const char *zKey);

/* Attribute ids: 0..A_COUNT-1 are the catalog (attr.h), A_COUNT+k the k-th
** registered directory extension attribute. world_attr_find returns the id
** of zName, registering a well-formed extension name when bRegister, or -1.
** world_attr_name is the inverse. */
int world_attr_find(World *w, const char *zName, int bRegister);
const char *world_attr_name(const World *w, int iAttr);
/* The user whose object_id is zObjectId, or NULL. */
User *world_user_by_object_id(World *w, const char *zObjectId);

/* The value of attribute iAttr of u (NULL when unset). */
const char *user_attr(const User *u, int iAttr);

/* Add an audit-log row for tenant iTenant at tNow. */
void world_audit(World *w, int iTenant, const char *zCategory,
                 const char *zActivity, const char *zActor,
                 const char *zTargetType, const char *zTargetId,
                 const char *zTargetName, const char *zDetail);

/* Write a drift sample at tNow for every target tenant and the total
** (tenant -1); a later sample at the same instant replaces it. */
void world_sample_drift(World *w);
/* Record that total drift returned to zero at tNow. */
void world_mark_drift_zero(World *w);

/* Whether a user is active in its directory (neither soft- nor hard-deleted). */
#define user_is_live(u) ((u)->tDeleted<0 && (u)->tPurged<0)

#endif
