/*
** lint.h — `tenantsim lint`: the risky configurations of cross-tenant
** synchronization, as rules over a run database (security-posture.md §4).
**
** Each rule has an id (XTS-T01 …), a name, a severity, why it matters, its
** source and the fix. A finding names the objects it is about (tenant,
** partner, job), the setting and its value, and the setting's JSON path in
** the scenario. Policy rules read the policies in force at the instant
** (the trust graph, trust.h); job rules read the job's configuration at
** the end of the run (the jobs, job_mappings and log_exports tables).
** A finding that an entry of the scenario's "lint": {"ignore": [...]}
** matches (its rule, and each of tenant, partner and job it gives) stays
** in the result, marked suppressed with the entry's reason.
**
** Ownership: lint_run fills a LintResult whose parts live in its arena;
** lint_free releases them.
*/
#ifndef TS_LINT_H
#define TS_LINT_H
#include <stdio.h>
#include "arena.h"
#include "simtime.h"
#include "store.h"
#include "tserr.h"

/* The stuck-job threshold (XTS-S10): a quarantine this long is a finding. */
#define LINT_STUCK_DAYS 7

typedef enum LintSeverity {
  LINT_INFO = 0, LINT_LOW, LINT_MEDIUM, LINT_HIGH, LINT_CRITICAL
} LintSeverity;

typedef struct LintRule {
  const char *zId;          /* "XTS-T01" */
  const char *zName;        /* "dangling-inbound-sync" */
  LintSeverity eSeverity;   /* the rule's usual severity */
  const char *zWhy;         /* why it matters, one sentence */
  const char *zFix;         /* what to change */
  const char *zSource;      /* a link to the motivating source */
} LintRule;

typedef struct LintFinding {
  const LintRule *pRule;
  LintSeverity eSeverity;   /* may be raised above the rule's (T01 with auto-redeem) */
  const char *zTenant;      /* the tenant whose setting it is */
  const char *zPartner;     /* the partner, NULL when none */
  const char *zJob;         /* the job, NULL when none */
  const char *zGroup;       /* the group (of the tenant), NULL when none */
  const char *zSetting;     /* the setting: "userSyncInbound.isSyncAllowed" */
  const char *zValue;       /* its value, as text */
  const char *zPath;        /* its JSON path in the scenario, NULL when unknown */
  const char *zMessage;     /* the finding in one sentence */
  const char *zSuppressed;  /* the reason of the scenario's lint.ignore entry
                            ** that accepts it, NULL when it stands */
} LintFinding;

typedef struct LintResult {
  SimTime t;                /* the instant of the policies */
  SimTime tStartEpoch;      /* the run's start, for "Day N HH:MM" */
  int bEnd;
  const char *zScenario;
  int nFinding;
  LintFinding *aFinding;    /* ordered by rule, then objects */
  Arena arena;
} LintResult;

/* The rules, in id order; *pn gets their number. */
const LintRule *lint_rules(int *pn);
/* The rule with id zId (exact, case-insensitive), or NULL. */
const LintRule *lint_rule_find(const char *zId);

/* "info" … "critical" and back; parse returns 0 or -1. */
const char *lint_severity_name(LintSeverity e);
int lint_severity_parse(const char *z, LintSeverity *pe);

/* Evaluate the rules azRule[nRule] (every rule when nRule is 0) on the run
** in pStore at t (-1: the end). Returns TS_OK, TS_ERR (not a run database
** tenantsim can read), TS_IOERR or TS_NOMEM; on failure *r holds nothing. */
int lint_run(Store *pStore, SimTime t, const char *const *azRule, int nRule,
             LintResult *r, TsErr *pErr);
void lint_free(LintResult *r);

/* The findings over a finished run (lint_time.c): evaluate every rule at
** the start, after each change of a policy, a job's settings or a
** tenant's cloud settings, at each role assignment, each change of the members of a group holding a role,
** each job's creation, deletion and first cycle, the end
** of each initial cycle, each quarantine's
** start and end and the instant it has lasted LINT_STUCK_DAYS, each
** disable, and the end; write each finding to lint_findings with the
** instant it was first seen and the instant it cleared. Call once, inside
** the run's last transaction. TS_OK, TS_ERR, TS_IOERR or TS_NOMEM. */
int lint_time_record(Store *pStore, TsErr *pErr);

typedef enum LintFormat {
  LINT_TEXT, LINT_JSON, LINT_SARIF, LINT_MD, LINT_HTML, LINT_FORMAT_COUNT
} LintFormat;
int lint_fmt_parse(const char *z, LintFormat *pe);
/* The name --format gives format e ("md"), NULL past the last. */
const char *lint_fmt_name(LintFormat e);

/* Write r to out: md is a Markdown page, html one self-contained HTML
** page (lint_md.c, lint_html.c). zArtifact is the scenario file SARIF results point at
** (NULL: "<scenario>.json") and zText[nText] its text, when the caller has
** it, for each result's line and column (jsonloc_locate). Returns TS_OK,
** TS_IOERR or TS_NOMEM. */
int lint_fmt_write(const LintResult *r, LintFormat e, const char *zArtifact,
                   const char *zText, size_t nText, FILE *out, TsErr *pErr);

/* On the HTML page, a table of more findings than this gets the kit's
** filter box (lint_html.c). */
#define LINT_HTML_FILTER_FROM 10

/* The number of findings at or above severity e that no lint.ignore
** entry suppresses; lint_count_suppressed counts the others. */
int lint_count_at_least(const LintResult *r, LintSeverity e);
int lint_count_suppressed(const LintResult *r);

#endif
