/*
** lint_authz.h — the lint rules that read a tenant's authorization
** objects (role_assignments, ca_policies, app_permissions): XTS-T07,
** XTS-T08, XTS-S04, XTS-G01 and XTS-G02 of security-posture.md §4.
**
** The module only finds: it queries the run database and hands back each
** finding; lint.c owns the rules' rows (why, fix, source), records the
** findings (rule selection, lint.ignore) and orders them. So the rules
** depend on the store alone and lint.c on them, never the other way.
**
** Ownership: a LintAuthzResult owns its findings; lint_authz_free.
*/
#ifndef TS_LINT_AUTHZ_H
#define TS_LINT_AUTHZ_H
#include "arena.h"
#include "lint.h"

/* The number of standing (active) holders of the roles that can change
** cross-tenant sync a tenant may have before XTS-G02 fires. */
#define LINT_AUTHZ_STANDING_MAX 4

/* One finding, as lint.c's lint_add takes it. */
typedef struct LintAuthzFinding {
  const char *zRule;        /* "XTS-T07" */
  LintSeverity eSeverity;
  const char *zTenant, *zPartner, *zJob;   /* partner, job: NULL when none */
  const char *zSetting, *zValue, *zPath, *zMessage;
} LintAuthzFinding;

/* The findings, in rule then object order: the array from mem.h, every
** string in the arena; lint_authz_free releases both. */
typedef struct LintAuthzResult {
  LintAuthzFinding *a;
  int n, nAlloc;
  Arena arena;
} LintAuthzResult;

/* The findings of these rules on the run in pStore at instant t into *r
** (emptied first). A run database written before these tables existed has
** none. Returns TS_OK, TS_IOERR or TS_NOMEM (pErr set); *r is to be freed
** in any case. */
int lint_authz_run(Store *pStore, SimTime t, LintAuthzResult *r, TsErr *pErr);
void lint_authz_free(LintAuthzResult *r);

#endif
