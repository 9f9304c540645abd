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
** engine_close (engine/engine.h) releases what the provisioning engine
** added (jobs, faults), world_free the rest. The Store is owned too.
*/
#ifndef TS_WORLD_H
#define TS_WORLD_H
#include <stdint.h>
#include "tslimits.h"
#include "attr.h"
#include "hmap.h"
#include "idmap.h"
#include "rng.h"
#include "simtime.h"
#include "store.h"
#include "strbuf.h"
#include "strpool.h"
#include "tserr.h"
#include "params.h"

/* Licences, as a bit set on the tenant. */
#define LIC_P1          0x01
#define LIC_P2          0x02
#define LIC_GOVERNANCE  0x04
#define LIC_SUITE       0x08

/* The last metrics row of a drift series (desired.c): its value v at
** instant t (-1: no row yet, or none at the instant of the last sample
** since one was removed), and the value of the row before it. */
typedef struct DriftSeries {
  int64_t v, vBefore;
  SimTime t;
} DriftSeries;

typedef struct Tenant {
  char *zKey;              /* scenario name, e.g. "contoso" */
  char zTenantId[TS_GUID_SIZE];      /* directory GUID */
  char *zDomain;           /* e.g. "contoso.com" */
  char *zCloud;            /* commercial | usgov | china */
  unsigned mLicence;       /* LIC_* bits */
  IdMap keys;              /* user key -> user id */
  int64_t *aOwnUser;       /* ids of the tenant's own users (not B2B), in
                           ** creation order: what timeline actions select */
  int64_t nOwnUser, nOwnUserAlloc;
  int bJobTarget;          /* some job targets it (desired_sample_drift) */
  IdMap altSec;            /* target side: alt_sec_id -> user id (B2B users) */
  int64_t nDrift;          /* pairs targeting this tenant that drift */
  DriftSeries driftRow;    /* its drift series' last metrics row */
  SimTime tInStep;         /* when nDrift last returned to 0; -1: never drifted */
  int bGuestInvitesBlocked;/* guest invite setting at its most restrictive */
  int64_t nObjectQuota;    /* directory object quota (0: none modelled) */
  int64_t nObjects;        /* users not hard-deleted, against the quota */
  IdMap internalMail;      /* mail of internal users -> user id */
  IdMap b2bMail;           /* mail of B2B users -> user id (the invitation
                           ** manager's look-up) */
  HMap verifiedDomains;    /* verified domains, lower case -> DomainSource
                           ** (directory.h) */
  unsigned mCloudSettings; /* other clouds enabled in Microsoft cloud
                           ** settings (CLOUD_* bits) */
  int bCrossCloudSync;     /* target: cross-cloud synchronization enabled */
  int bLeaveBlocked;       /* external users may not leave the organization
                           ** (allowExternalIdentitiesToLeave false) */
  int nDynamic;            /* dynamic groups in the tenant (dyngroup.h) */
  uint64_t mDynAttr;       /* attributes their rules read: bit i for
                           ** attribute i < 63, bit 63 for any other */
  struct {                 /* what tenant_history.c last wrote, and for each
                           ** setting the timeline action that set it (-1:
                           ** declared) */
    int bNoted; unsigned mCloudSettings; int bCrossCloudSync;
    int iCloudAction, iCrossAction;
  } noted;
} Tenant;

/* Microsoft clouds, as bits for Tenant.mCloudSettings. */
#define CLOUD_COMMERCIAL 0x1
#define CLOUD_USGOV      0x2
#define CLOUD_CHINA      0x4

/* A user's strings (key, object id, attribute values, identities) are
** strings of World.strings: never freed one by one, and a value replaced
** stays in the pool until the world is freed. */
typedef struct User {
  int64_t id;
  int iTenant;
  int nExt;                /* entries of azExt */
  const char *zKey;        /* scenario key; NULL for users a job created */
  const char *zObjectId;   /* GUID text */
  StrRef aAttr[A_COUNT];   /* values (attr.h) as refs into World.strings:
                           ** read them with world_user_attr() */
  const char **azExt;      /* extension attribute values, by extension index
                           ** (world_attr_*); nExt entries, NULL = unset;
                           ** the array is owned by the user */
  const char *zNetId;      /* home identity of an internal user */
  const char *zAltSecId;   /* B2B users: home identity; NULL for internal */
  SimTime tCreated;
  SimTime tDeleted;        /* soft-deleted at, or -1 */
  SimTime tPurged;         /* hard-deleted at, or -1 */
  int iCreatedByJob;       /* -1 unless a job created it */
  int iLinkJob;            /* target users: the job linked to it, or -1 */
  int64_t idLinkSource;    /* target users: its linked source user, or 0 */
  int *aGroup;             /* groups the user is a direct member of */
  int nGroup, nGroupAlloc;
  uint32_t idOrigin;       /* synced users: the source user its row names as
                           ** origin (directory_user_set_origin), or 0 */
  uint8_t bInvited;        /* creationType "Invitation" (else none) */
  uint8_t eExternal;       /* externalUserState: USER_EXT_* */
} User;

/* User.eExternal: a B2B user's externalUserState. */
#define USER_EXT_NONE      0
#define USER_EXT_ACCEPTED  1
#define USER_EXT_PENDING   2

/* Graph's creationType and externalUserState of u (static; NULL: none). */
static inline const char *world_user_creation_type(const User *u){
  return u->bInvited ? "Invitation" : NULL;
}
static inline const char *world_user_external_state(const User *u){
  return u->eExternal==USER_EXT_ACCEPTED ? "Accepted"
       : u->eExternal==USER_EXT_PENDING ? "PendingAcceptance" : NULL;
}

typedef struct Group {
  char *zKey;
  int iTenant;
  char zObjectId[TS_GUID_SIZE];
  char *zDisplayName;
  char *zType;             /* Security | Microsoft365 | MailEnabledSecurity | Distribution */
  int iCreatedByJob;       /* target groups a job created, else -1 */
  SimTime tDeleted;        /* deleted at, or -1 (a restore sets it back) */
  SimTime tPurged;         /* hard-deleted at, or -1: until then a deleted
                           ** group is soft-deleted and can be restored */
  struct DynRule *pRule;   /* dynamic group: its compiled membershipRule
                           ** (dyngroup.h), else NULL */
  int bRulePaused;         /* membershipRuleProcessingState "Paused" */
  int *aMemberGroup;       /* groups that are direct members of this one
                           ** (nested groups), in the order added. Their
                           ** members are not members of this group:
                           ** User.aGroup is direct membership only. Never a
                           ** cycle (directory_group_member_add). */
  int nMemberGroup, nMemberGroupAlloc;
} Group;

/* Types the World points to, owned by the modules that keep their
** invariants: engine/model/policy.h, params.h, directory.h and mto.h, and the
** provisioning engine's engine/sync/job.h, faults.h and targetproc.h. */
typedef struct Policy Policy;
typedef struct PurgeEntry PurgeEntry;
typedef struct Job Job;
typedef struct Fault Fault;
typedef struct DynPending DynPending;
struct TargetProc;
typedef struct Mto Mto;

/* What opened a change of the changes table: its instant, cause (static
** text) and timeline action (<= 0: none). desired.c keeps one per event
** that opens changes, so a change can wait in its pair until it closes and
** be written once, whole. */
typedef struct ChangeEvent {
  SimTime at;
  const char *zCause;
  int64_t iAction;
} ChangeEvent;

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
  DynPending *aDyn; int64_t nDyn, nDynAlloc, iDynHead; /* users whose dynamic
                           ** group memberships are due (dyngroup.h) */
  struct TargetProc *pTargetProc; /* target-side processes' pending removals
                           ** and backups (targetproc.h), or NULL */
  Mto *pMto;               /* the multitenant organization (mto.h), or NULL */
  IdMap objectIds;         /* user object_id -> user id (references) */
  int64_t nDriftTotal;
  DriftSeries driftRowTotal;  /* the total's last metrics row */
  SimTime tLastMetric;
  int nJobTargetNoted;     /* jobs whose target has bJobTarget set */
  char **azExtName;        /* registered directory extension attributes;
                           ** attribute id A_COUNT+k names azExtName[k] */
  int nExtName, nExtNameAlloc;
  HMap extIdx;             /* extension name -> k (a mapping may name many) */
  const char *zCause;      /* the timeline action being applied (static) */
  int64_t iAction;         /* its timeline.seq; 0 outside timeline actions */
  int64_t nAction;         /* timeline rows written so far */
  ChangeEvent *aChangeEvent;  /* what opened the changes not yet written (desired.c) */
  int64_t nChangeEvent, nChangeEventAlloc;
  int64_t nCycleRow;       /* rows written to cycles, and to changes: each */
  int64_t nChangeRow;      /* INSERT names its id, the next, so no writer
                           ** has to ask the database for a rowid */
  StrBuf sbModified;       /* scratch for modified properties (cycle.c) */
  StrBuf sbCreatedNames;   /* scratch: a create's property names and */
  StrBuf sbCreatedValues;  /* values, JSON arrays (cycle.c, provlog.c) */
  HMap propLists;          /* property_lists rows written: names -> id (provlog.c) */
  int eFullProps;          /* provlog.c: 0 not decided, 1 creates compact, 2 in full */
  StrPool strings;         /* users' strings (User); freed by world_free */
  int bNoMem;            /* an allocation failed: the run must stop */
} World;

/* Create a world whose run database is a new file at zDbPath. seed drives
** every random stream. The world owns the store. */
int world_create(World *w, const char *zDbPath, uint64_t seed,
                 SimTime tStartEpoch, TsErr *pErr);
void world_free(World *w);

/* Look-ups; -1 / NULL when absent. */
int world_tenant_find(const World *w, const char *zKey);
int world_group_find(const World *w, int iTenant, const char *zKey);
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

/* IdMapKey callbacks (pCtx: the World): the fields Tenant.keys, altSec,
** internalMail, b2bMail and World.objectIds index users by. */
const char *world_user_object_id(const void *pCtx, int64_t id);
const char *world_user_key(const void *pCtx, int64_t id);
const char *world_user_mail(const void *pCtx, int64_t id);
const char *world_user_alt_sec_id(const void *pCtx, int64_t id);

/* The value of attribute iAttr (catalog or extension) of u, NULL when
** unset; valid until the world is freed. */
static inline const char *world_user_attr(const World *w, const User *u, int iAttr){
  if( iAttr<A_COUNT ) return strpool_str(&w->strings, u->aAttr[iAttr]);
  iAttr -= A_COUNT;
  return iAttr<u->nExt ? u->azExt[iAttr] : NULL;
}

/* Whether a user is active in its directory (neither soft- nor hard-deleted). */
#define user_is_live(u) ((u)->tDeleted<0 && (u)->tPurged<0)

#endif
