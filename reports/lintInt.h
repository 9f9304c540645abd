/*
** lintInt.h — what the files of the lint rules share (lint.c and the
** files that add rules to it): the linter's state, recording a finding
** and the JSON paths of the stored scenario. Not for other modules.
**
** Ownership: strings given to lint_add are copied into the result's arena.
*/
#ifndef TS_LINTINT_H
#define TS_LINTINT_H
#include <cjson/cJSON.h>
#include "lint.h"
#include "trust.h"

typedef struct Linter {
  LintResult *r;
  Store *pStore;
  TsErr *pErr;
  const char *const *azRule;
  int nRule;
  const cJSON *pScn;      /* the stored scenario, NULL when absent */
  int nAlloc;
  int bNoMem;
} Linter;

/* lint_run.c: the scenario the run stored, parsed into *ppScn (NULL when
** the run stored none; the caller cJSON_Deletes it), TS_OK or TS_NOMEM;
** and lint_run with it already parsed (pScn, may be NULL: findings then
** have no paths) and, when pCarry is not NULL, the users the jobs carry
** already read (trust.h). */
int lint_run_scenario(Store *pStore, cJSON **ppScn, TsErr *pErr);
int lint_run_eval(Store *pStore, const cJSON *pScn, const TrustCarry *pCarry, SimTime t,
                  const char *const *azRule, int nRule, LintResult *r, TsErr *pErr);

/* lint.c's rule groups: policies (the trust graph), jobs, log export.
** The int ones return TS_OK or TS_IOERR; out of memory sets bNoMem. */
void lint_trust_rules(Linter *L, const TrustGraph *g);
int lint_job_rules(Linter *L, const TrustGraph *g);
int lint_log_rules(Linter *L);

/* SQL: the job_history row h of job j in force at ?1 (its last at or
** before the instant). */
#define LINT_JOB_SETTINGS_AT \
  "  JOIN job_history h ON h.rowid=(SELECT max(g.rowid) FROM job_history g" \
  "                                  WHERE g.job=j.idx AND g.at<=?1)"

/* The instant of timeline entry p as an offset from the run's start (its
** "at" an offset or an instant), -1 when it has none that parses. */
SimTime lint_entry_at(const Linter *L, const cJSON *p);

/* The integer member zName of the scenario's "lint" section, else iDefault. */
int lint_setting_int(const cJSON *pScn, const char *zName, int iDefault);

/* A copy of z in the result's arena (NULL stays NULL; sets bNoMem). */
const char *lint_dup(Linter *L, const char *z);

/* Record one finding of rule p (strings copied), unless the caller asked
** for other rules; return it (NULL when left out or out of memory), so the
** caller can name a group (lint_dup into zGroup). zPath NULL or "": the
** setting has no JSON path. */
LintFinding *lint_add(Linter *L, const LintRule *p, LintSeverity e, const char *zTenant,
                      const char *zPartner, const char *zJob, const char *zSetting,
                      const char *zValue, const char *zPath, const char *zMessage);

/* The rules of lint_scope.c (XTS-S02), lint_mto.c (XTS-T02, XTS-T11) and
** lint_groupsync.c (XTS-T05, XTS-T06): TS_OK or TS_IOERR (out of memory
** sets bNoMem). */
int lint_scope_rules(Linter *L);
/* lint_dynamic.c: XTS-S08 and the dynamic-group half of XTS-T08. */
int lint_dynamic_rules(Linter *L);
int lint_mto_rules(Linter *L, const TrustGraph *g);
/* lint_partner.c: XTS-T10, XTS-T12, XTS-T13; the quiet period of XTS-T12 (the
** scenario's lint.stalePartnerDays, else LINT_STALE_DAYS). */
int lint_partner_rules(Linter *L, const TrustGraph *g);
int lint_partner_stale_days(const cJSON *pScn);

/* Graph: a deleted policy can be restored "within a 30-day window". */
#define LINT_RESTORE_DAYS 30
/* Microsoft gives no number for an unused partner (the common
** considerations point at the cross-tenant access activity workbook):
** tenantsim's default. */
#define LINT_STALE_DAYS 90
int lint_groupsync_rules(Linter *L, const TrustGraph *g);

/* The path of policy setting zField of (zTenant, zPartner; NULL: the
** default policy): the last set_policy before the instant that set it,
** else the declared policy; "" when neither exists. */
void lint_policy_path(Linter *L, const char *zTenant, const char *zPartner,
                      const char *zField, char *z, size_t n);

/* lint_notify.c: XTS-S06; lint_cloud.c: XTS-S12. TS_OK or TS_IOERR. */
int lint_notify_rules(Linter *L);
int lint_cloud_rules(Linter *L);

/* The path of job zJob's setting zMember ("mapping.targetObjectActions"):
** in timeline entry iAction when that action set it, else in the job's
** declaration; as deep as the entry goes ("" when the scenario declares no
** such job). */
void lint_job_setting_path(Linter *L, const char *zJob, int iAction, const char *zMember,
                           char *z, size_t n);

/* The string member zKey of object p, or NULL. */
const char *lint_jstr(const cJSON *p, const char *zKey);

/* Is zItem an item of the comma-separated list zList (NULL: empty)? */
int lint_list_has(const char *zList, const char *zItem);

/* The JSON path of group zGroup of tenant zTenant's declaration, with
** member zMember when the declaration has it, into z[n]; "" when the
** scenario does not declare it. */
void lint_group_path(Linter *L, const char *zTenant, const char *zGroup, const char *zMember,
                     char *z, size_t n);

/* The path of job zJob's declaration with zSuffix (".scope"), and of
** tenant zTenant's member zMember (the tenant when it has no such member);
** "" when the scenario does not declare them. */
void lint_job_path(Linter *L, const char *zJob, const char *zSuffix, char *z, size_t n);
void lint_tenant_path(Linter *L, const char *zTenant, const char *zMember, char *z, size_t n);

#endif
