/*
** scenarioInt.h — the validator's state and the helpers that the parts of
** the scenario parser share (scenario.c, scn_val.c, scn_tenants.c,
** scn_jobs.c, scn_actions.c, scn_expect.c, scn_authz.c). Not for use outside
** sim/scenario/.
**
** A Val lives for one scenario_parse() call: it records every problem
** (up to VAL_MAX_ERRORS) as "FILE: PATH: message" in pErrs, the first in
** pErr, and carries the symbol tables (tenants with their user and group
** keys, jobs) that references are checked against. Paths are the
** validator's own JSON paths ("tenants[0].users[2]", no "$"), built by
** scn_val_path_key / scn_val_path_idx. The Val owns its tables (freed
** by scenario.c); every const cJSON pointer it holds is owned by the
** Scenario's pRoot. Each check also fills the model part it was given
** (scn_model.h), from the Scenario's arena.
*/
#ifndef TS_SCENARIO_INT_H
#define TS_SCENARIO_INT_H
#include "scenario.h"
#include "digraph.h"
#include "hmap.h"

#define VAL_MAX_ERRORS 50
#define VAL_MAX_POPULATION 1000000

/* Keys of one tenant, as the validator knows them at a point in time. */
typedef struct KeyRange { char *zPrefix; int64_t n; } KeyRange;
typedef struct ValTenant {
  const char *zKey;
  const char *zDomain;
  const cJSON *pNode;      /* its tenants[] object */
  const ScnTenant *pModel; /* ... as parsed (cloud, licences, id) */
  HMap users;              /* explicit user keys -> 1 (B2B: 2) */
  HMap groups;             /* group keys -> SCN_GROUP_VALUE(index, dynamic):
                           ** index in "groups", dynamic for a group with
                           ** a membershipRule */
  Digraph nest;            /* nested groups at the point of the timeline
                           ** being checked: an edge from a group's index
                           ** to each member group's (never a cycle) */
  KeyRange *aRange; int nRange;
} ValTenant;

#define SCN_GROUP_VALUE(i, bDynamic) ((int64_t)(i)*2 + ((bDynamic) ? 1 : 0))

/* Is zKey a dynamic group of t (one with a membershipRule)? Its index in
** the tenant's "groups", or -1 when there is no such group. */
int scn_val_group_dynamic(const ValTenant *t, const char *zKey);
int scn_val_group_index(const ValTenant *t, const char *zKey);

typedef struct Val {
  Scenario *pScn;
  StrBuf *pErrs;
  int nErr;
  TsErr *pErr;
  ValTenant *aTenant; int nTenant;
  const char **azJob; int *aJobSrc; int *aJobTgt; int nJob;
  int64_t nUsers;          /* users created so far (limit check) */
  int *aJobLife;           /* scn_actions.c, from the arena on first use: per job, */
  unsigned char *aPartnerCfg;  /* and (scn_policy.c) per (tenant, partner), what
                           ** exists at the point of the timeline being checked */
  signed char *aPolicyNow; /* scn_policy.c: the policies at that point */
  unsigned char *aMtoActive;  /* scn_mto.c: per tenant, active in the
                           ** organization at that point */
  int nMtoActive;          /* how many */
  int bNoMem;
  int bCheckOnly;          /* scenario_check_json: the model is thrown away, so
                           ** explicit users' attributes are checked, not collected */
} Val;

/* ---------------------------------------------------------------------
** Each function below records its problems with scn_val_err and returns
** nothing useful on invalid input; allocation failures set v->bNoMem.
*/
/* scn_val.c */
/* Record one problem at zPath (the first also in v->pErr). */
void scn_val_err(Val *v, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
/* Record a warning at zPath in the Scenario's warnings (not an error). */
void scn_val_warn(Val *v, const char *zPath, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
/* Paths: zParent + ".key" / "[i]" into z, truncated to n. */
void scn_val_path_key(char *z, size_t n, const char *zParent, const char *zKey);
void scn_val_path_idx(char *z, size_t n, const char *zParent, int i);
/* The closest of azCand (NULL-terminated) to z, or NULL if none is close;
** the ", "-joined list of az into z. */
const char *scn_val_suggest(const char *z, const char *const *azCand);
void scn_val_join_list(char *z, size_t n, const char *const *az);
/* Report keys of object p not in azAllowed (suggesting one) and duplicates. */
void scn_val_keys(Val *v, const char *zPath, const cJSON *p, const char *const *azAllowed);
/* cJSON_GetObjectItemCaseSensitive(p, zKey), comparing first bytes before
** whole keys (a scenario of a million users looks up a dozen keys each). */
const cJSON *scn_val_member(const cJSON *p, const char *zKey);
void scn_val_unique_keys(Val *v, const char *zPath, const cJSON *p);
/* Typed members of object p: each reports a wrong type (and a missing
** member when bRequired) and returns NULL / 0 then; the int, Boolean and
** duration look-ups return 1 and set *pv when the member is valid. */
int scn_val_is_object(Val *v, const char *zPath, const cJSON *p);
const char *scn_val_str(Val *v, const char *zPath, const cJSON *p,
                           const char *zKey, int bRequired);
int scn_val_int(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                   int bRequired, double lo, double hi, int64_t *pv);
int scn_val_bool(Val *v, const char *zPath, const cJSON *p, const char *zKey, int *pb);
const cJSON *scn_val_array(Val *v, const char *zPath, const cJSON *p,
                              const char *zKey, int bRequired);
int scn_val_duration(Val *v, const char *zPath, const cJSON *p, const char *zKey,
                        int bRequired, SimTime *pT);
/* The tenant symbol table: the tenant of key zKey (or NULL), whether
** user key z exists at this point, whether zPrefix would make keys that
** collide with existing ones, and adding n generated keys zPrefix1..n
** (returns nonzero on allocation failure). */
ValTenant *scn_val_tenant(Val *v, const char *zKey);
/* The index of tenant zKey (its place in "tenants", the world's order), or
** -1 if there is none (zKey NULL included). */
int scn_val_tenant_index(Val *v, const char *zKey);
int scn_val_user_known(const ValTenant *t, const char *z);
int scn_val_range_collides(const ValTenant *t, const char *zPrefix);
int scn_val_add_range(Val *v, ValTenant *t, const char *zPrefix, int64_t n);
/* Filling the model: n zeroed elements of sz bytes from the Scenario's
** arena (NULL and v->bNoMem when memory ran out); the string members of
** array a as a key list (the other members are reported by their check). */
void *scn_val_alloc(Val *v, size_t n, size_t sz);
void scn_val_key_list(Val *v, const cJSON *a, ScnKeys *pOut);

/* scn_tenants.c */
/* Is z a key: letters, digits, '-', '_' and '.' only? */
int scn_tenants_is_key_text(const char *z);
/* Attribute values of a user object, population template or "set" p,
** into *paAttr and *pnAttr (every member naming an attribute, in document
** order); a manager reference; a user of tenant t (bHire: hired by the
** timeline) into *pU; a population into *pP; the settings of p into *pS. */
void scn_tenants_user_attrs(Val *v, const char *zPath, const cJSON *p, int bPopulation,
                            ScnAttr **paAttr, int *pnAttr);
void scn_tenants_manager_ref(Val *v, const char *zPath, const cJSON *p, ValTenant *t);
void scn_tenants_user(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bHire,
                      ScnUser *pU);
void scn_tenants_population(Val *v, const char *zPath, const cJSON *p, ValTenant *t,
                            ScnPopulation *pP);
void scn_tenants_settings(Val *v, const char *zPath, const cJSON *p, int64_t nQuotaMin,
                          ScnSettings *pS);
/* A tenants[] entry into *pT: its header (first pass over all tenants),
** then its users, groups and populations (bB2B: the pass for guest users). */
void scn_tenants_header(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT);
void scn_tenants_users(Val *v, const char *zPath, const cJSON *p, int bB2B, ScnTenant *pT);
/* Nest group zMember (a key of t) in group zGroup (bAdd) or take it out,
** in t->nest, refusing at zPath a member group that is not a group of t,
** is zGroup itself or already contains zGroup (a cycle). zGroup is known
** and not dynamic (the caller checked). */
void scn_tenants_nest(Val *v, const char *zPath, ValTenant *t, const char *zGroup,
                      const char *zMember, int bAdd);

/* scn_jobs.c */
/* One policies[] entry into *pP (pAll: the whole array, for duplicates). */
void scn_jobs_policy(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll,
                     ScnPolicy *pP);
/* Is zName a catalog attribute or an extension attribute? */
int scn_jobs_attr_known(const char *zName);
/* A job's "mapping" object, as a new model mapping (NULL when invalid);
** user or group key lists of tenant t; the "scopingFilters" member of p
** into *pF. */
ScnMapping *scn_jobs_mapping(Val *v, const char *zPath, const cJSON *p);
void scn_jobs_user_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t);
void scn_jobs_group_list(Val *v, const char *zPath, const cJSON *a, ValTenant *t);
void scn_jobs_filters(Val *v, const char *zPath, const cJSON *p, ScnFilters *pF);
/* The "notifications" member of p (a job or a set_secrets) into *pN:
** {"enabled": Boolean, "recipients": "a@b.com;c@d.com"} ("" none). */
void scn_jobs_notify(Val *v, const char *zPath, const cJSON *p, ScnNotify *pN);
/* One jobs[] entry into *pJ, added to the job symbol table; the index of
** job zKey or -1; one faults[] entry into *pF. */
void scn_jobs_check(Val *v, const char *zPath, const cJSON *p, ScnJob *pJ);
int scn_jobs_job_find(Val *v, const char *zKey);
/* The declaration of job iJob (an index of v->azJob), or NULL. */
const ScnJob *scn_jobs_declared(Val *v, int iJob);
void scn_jobs_fault(Val *v, const char *zPath, const cJSON *p, ScnFault *pF);

/* scn_actions.c */
/* Check timeline entry a->pJson (path zPath) as action a->eKind: its keys,
** then its references against the symbol tables as they stand at its
** instant; fills the rest of *a. */
void scn_actions_check(Val *v, const char *zPath, ScnAction *a);
/* Report zAction, which is no action's name, with the closest name or the
** list of all. */
void scn_actions_unknown(Val *v, const char *zPath, const char *zAction);
/* After the whole timeline: report the jobs declared "created": false that
** no create_job creates. */
void scn_actions_finish(Val *v);

/* scn_expect.c */
/* One expect[] entry into *pE. */
void scn_expect_check(Val *v, const char *zPath, const cJSON *p, ScnExpect *pE);

/* scn_detect.c */
/* One detections[] entry into *d (pAll: the array, for duplicate ids). */
void scn_detect_check(Val *v, const char *zPath, const cJSON *p, const cJSON *pAll,
                      ScnDetect *d);

/* scn_authz.c */
/* The roleAssignments, conditionalAccessPolicies and servicePrincipals of
** tenants[] entry p into *pT (after every pass over the tenants' users);
** the keys and the check of an assign_role action. */
void scn_authz_tenant(Val *v, const char *zPath, const cJSON *p, ScnTenant *pT);
extern const char *const scn_authz_assign_keys[];
void scn_authz_check_assign(Val *v, const char *zPath, const cJSON *p, ScnAction *a);

/* scn_policy.c: the policies at the point of the timeline being checked.
** scn_policy_declared starts from the declared policies (after "policies",
** reporting a role-enabled group sync without group sync); set_policy,
** add_partner and remove_partner change them as they are checked
** (scn_policy_set reports at zPath's "value" the change that leaves that
** combination; scn_policy_partner: a configuration added or deleted, every
** field inherits); scn_policy_now is a field's effective value then (the
** partner's, else the default's, else 0; iPartner -1: the default). */
void scn_policy_declared(Val *v);
void scn_policy_set(Val *v, const char *zPath, int iTenant, int iPartner, PolicyField f, int iValue);
void scn_policy_partner(Val *v, int iTenant, int iPartner);
int scn_policy_now(Val *v, int iTenant, int iPartner, PolicyField f);
/* Does iTenant have a partner configuration for iPartner at this point of
** the timeline (declared, or added since)? The flag itself, which the
** checks of add_partner, set_policy, remove_partner and mto_join set and
** clear; NULL when either index is not a tenant or they are the same. */
unsigned char *scn_policy_partner_cfg(Val *v, int iTenant, int iPartner);

/* scn_lint.c */
/* The "lint" section of pRoot (its ignore entries), when present. */
void scn_lint_check(Val *v, const cJSON *pRoot);

/* scn_mto.c */
/* The "multiTenantOrganization" section of pRoot, when present, into
** v->pScn->pMto (checked before the timeline, which may join it; the
** active-tenant limit at its declaration); and the organization built
** into the world (mto.h). */
void scn_mto_check(Val *v, const cJSON *pRoot);
void scn_mto_build(World *w, const Scenario *pScn);
/* An mto_join of tenant a->iTenant at this point of the timeline: it must
** be pending and the organization must have room for one more active
** tenant (the limit "is only enforced at the time of joining" in Graph);
** then the partner configurations and policies its templates and the
** other active tenants' templates write (admin_mto_join) are noted, so
** that the actions after it see them. */
void scn_mto_join(Val *v, const char *zPath, ScnAction *a);

/* scenario_when() (scenario.h), here so that every part may use it. */
int scn_val_when(const Scenario *p, const char *z, SimTime *pT, char *zWhy, size_t nWhy);


/* scn_select.c: the users action a selects ("users", "sample",
** "membersOf" or "usersOf", of tenant t), into a->sel; one of them is
** required unless bOptional. */
void scn_select_check(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bOptional,
                      ScnAction *a);

#endif
