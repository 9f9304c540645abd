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

/* The scenario the run stored, parsed into *ppScn (NULL when the run
** stored none; the caller cJSON_Deletes it). TS_OK or TS_NOMEM. */
int lint_scenario(Store *pStore, cJSON **ppScn, TsErr *pErr);

/* lint_run with the stored scenario already parsed (pScn, may be NULL:
** findings then have no paths) and, when pCarry is not NULL, the users the
** jobs carry already read (trust.h). */
int lint_eval(Store *pStore, const cJSON *pScn, const TrustCarry *pCarry, SimTime t,
              const char *const *azRule, int nRule, LintResult *r, TsErr *pErr);

/* A copy of z in the result's arena (NULL stays NULL; sets bNoMem). */
const char *lint_dup(Linter *L, const char *z);

/* Record one finding of rule p (strings copied), unless the caller asked
** for other rules. zPath NULL or "": the setting has no JSON path. */
void lint_add(Linter *L, const LintRule *p, LintSeverity e, const char *zTenant,
              const char *zPartner, const char *zJob, const char *zSetting,
              const char *zValue, const char *zPath, const char *zMessage);

/* The string member zKey of object p, or NULL. */
const char *lint_jstr(const cJSON *p, const char *zKey);

/* The path of job zJob's declaration with zSuffix (".scope"), and of
** tenant zTenant's member zMember (the tenant when it has no such member);
** "" when the scenario does not declare them. */
void lint_job_path(Linter *L, const char *zJob, const char *zSuffix, char *z, size_t n);
void lint_tenant_path(Linter *L, const char *zTenant, const char *zMember, char *z, size_t n);

#endif
