/*
** report_json.c — the Report as JSON (see report.h).
**
** The document is built in a StrBuf by a small writer that knows only
** objects, arrays, strings, Booleans and integers (and one fixed-point
** share), then written in one go. Keys come in the fixed order below, lists
** in the Report's order, integers exactly (int64, never through a double);
** indentation is two spaces, ": " after a key, and the document ends with
** a newline. Nothing depends on the clock or on addresses, so a database
** always gives the same bytes.
**
** Shape. Instants are ISO-8601 UTC ("2026-03-02T08:00:00Z"), durations
** ISO-8601 ("PT40M", "P1DT2H"); "_seconds" fields are integer seconds
** ("at_seconds", "in_step_seconds": from the start). "day" fields repeat an
** instant as people read it ("Day 3 08:00").
**
** {
**   "tenantsim_version": string|null  tenantsim that wrote the database
**   "scenario": string, "seed": number, "start": instant, "end": instant,
**   "duration": duration|null
**   "verdict": [string, ...]          the answer first (report_verdict.c)
**   "convergence": {                  source changes (desired.h defines the outcomes)
**     "changes": n, "converged": n, "superseded": n, "reverted": n,
**     "held": n, "never_converged": n
**     "censored_percent": number      (held + never) / (converged + held + never), 1 decimal
**     "latency_seconds": {"p50": n|null, "p95": n|null, "max": n|null}
**                                     nearest-rank over converged changes with the
**                                     open ones counted as longer than the run; null
**                                     when censored or when there is nothing to rank
**     "latency": {"p50": duration|null, ...}   the same as ISO durations
**     "censored": {"p50": bool, "p95": bool, "max": bool}
**                                     true: the quantile lies beyond the end of the run
**     "out_of_step": n                pairs out of step at the end
**     "out_of_step_by_reason": {reason: n}   (out_of_step table)
**     "by_job": [                     every job, in scenario order: the same counts
**       {"job": key, ...counts..., "censored_percent", "latency_seconds", "censored",
**        "in_step": bool, "in_step_at": instant|null, "in_step_seconds": n|null,
**        "out_of_step": n, "out_of_step_by_reason": {reason: n}}
**     ],
**     "targets": [                    the jobs' target tenants
**       {"tenant": key, "in_step": bool, "in_step_at": instant|null,
**        "in_step_seconds": n|null    (0 when it never drifted)
**        "out_of_step": n, "out_of_step_by_reason": {reason: n},
**        "why": [{"job": key, "reason": reason, "held": bool, "count": n,
**                 "detail": string|null}]}
**     ],
**     "drift": {                      pairs out of step, all targets together
**       "final": n, "zero_at": [instant, ...], "last_action_at": instant|null,
**       "settled_after_last_action_seconds": n|null
**     }
**   },
**   "orphans": {                      live guest accounts nothing justifies
**     "count": n, "by_reason": {reason: n, ...},
**     "items": [account, ...]         sorted by target_tenant, upn, object_id
**     "disabled_by_sync": {"count": n, "items": [account, ...]}
**                                     source disabled, target disabled: by design
**     "preexisting": {"count": n, "items": [account, ...]}
**                                     home identity unknown before the run began
**   },
**   account = {"target_tenant": key, "object_id": string,
**     "user_principal_name": string|null, "display_name": string|null,
**     "source_tenant": key|null, "source_user": key|null, "job": key|null,
**     "reason": held value | job_deleted | source_disabled | job_paused | job_not_started |
**               target_disallowed_sync | pending_next_cycle |
**               not_deprovisioned | home_identity_unknown,
**     "source_state": deleted | disabled | unassigned | filtered |
**                     not_internal_member | in_scope (its job was deleted) | unknown,
**     "orphaned_since": instant, "age_seconds": n}
**   "jobs": [                         in scenario order
**     {"job": key, "job_id": string, "source": key, "target": key,
**      "scope": "assigned"|"all",
**      "status": NotRun | Active | Paused | Quarantine | Disabled | Deleted,
**      "created_at": instant|null (null: declared, existing from the start),
**      "deleted_at": instant|null,
**      "gate_error": string|null,
**      "problem": null | {"kind": string, "since": instant, "since_seconds": n,
**                         "code": string|null, "message": string|null,
**                         "settings": [{"tenant": key, "partner": key|null,
**                                       "setting": string}],
**                         "cause": string, "fix": string},
**      "cycles": {"initial": n, "incremental": n, "failed": n,
**                 "unfinished": n, "total": n},
**      "exports": {"create": n, "update": n, "disable": n, "delete": n},
**      "skipped": n, "failures": n,
**      "top_errors": [{"code": string, "count": n}, ...]}
**                                     codes of failed exports, at most
**                                     REPORT_TOP_ERRORS, count descending
**   ],
**   "narrative": [                    report_narrative.c, in time order
**     {"at": instant, "at_seconds": n, "day": string, "seq": n|null,
**      "kind": string, "job": key|null, "summary": string|null,
**      "note": string|null, "text": string, "facts": {name: n, ...}}
**   ],
**   "detections": [                   report_detect.c, in scenario order
**     {"id": string, "name": string|null, "log": "audit"|"provisioning"|"signin",
**      "scope": key|null, "count": n, "within": duration|null,
**      "after": instant, "detected": bool, "detected_at": instant|null,
**      "time_to_detect_seconds": n|null, "evidence": string|null,
**      "entries_seen": n, "entries_not_exported": n}
**   ],
**   "sign_ins": {"count": n,          the sign-in log (sign_ins), report_detect.c
**     "by_result": {"success": n, "interrupted": n, "failure": n}},
**   "security": {                     report_lint.c (lint over the run)
**     "standing": n, "suppressed": n, "cleared": n,
**     "by_severity": {"critical": n, "high": n, "medium": n, "low": n, "info": n},
**     "by_rule": {RULE: {"name": string, "standing": n, "seen": n,
**                        "first_seen": instant|null, "first_seen_seconds": n|null}},
**     "findings": [{"rule", "name", "severity", "tenant", "partner", "job",
**                   "setting", "value", "path", "message", "suppressed": string|null,
**                   "first_seen": instant, "first_seen_seconds": n,
**                   "cleared": instant|null, "cleared_seconds": n|null}]
**   },                                (null for a database without findings)
**   "totals": {"source_users": n, "target_b2b_users_live": n,
**              "provisioning_log_rows": n, "audit_log_rows": n,
**              "timeline_actions": n}
** }
*/
#include <string.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"
#include "lint.h"

/* ============================================================ writer */

#define REPORT_JSON_DEPTH 8   /* deeper than the document ever nests */

typedef struct ReportJson {
  StrBuf sb;
  int nDepth;                         /* open containers */
  int aCount[REPORT_JSON_DEPTH];      /* values written in each of them */
} ReportJson;

/* Begin a value: the comma after its predecessor, a new line at the
** current depth, and "key": inside an object (zKey NULL inside arrays). */
static void report_json_key(ReportJson *w, const char *zKey){
  int i;
  if( w->nDepth>0 ){
    if( w->aCount[w->nDepth-1]++ ) strbuf_appendc(&w->sb, ',');
    strbuf_appendc(&w->sb, '\n');
    for(i=0; i<w->nDepth; i++) strbuf_append(&w->sb, "  ");
  }
  if( zKey ){
    strbuf_json_string(&w->sb, zKey);
    strbuf_append(&w->sb, ": ");
  }
}

/* Open an object ('{') or array ('['). */
static void report_json_open(ReportJson *w, const char *zKey, char cOpen){
  report_json_key(w, zKey);
  strbuf_appendc(&w->sb, cOpen);
  if( w->nDepth<REPORT_JSON_DEPTH ) w->aCount[w->nDepth] = 0;
  w->nDepth++;
}

/* Close the innermost container with '}' or ']'; empty ones stay "{}". */
static void report_json_close(ReportJson *w, char cClose){
  int i;
  w->nDepth--;
  if( w->nDepth<REPORT_JSON_DEPTH && w->aCount[w->nDepth] ){
    strbuf_appendc(&w->sb, '\n');
    for(i=0; i<w->nDepth; i++) strbuf_append(&w->sb, "  ");
  }
  strbuf_appendc(&w->sb, cClose);
}

/* A string, or null when z is NULL. */
static void report_json_str(ReportJson *w, const char *zKey, const char *z){
  report_json_key(w, zKey);
  if( z ) strbuf_json_string(&w->sb, z);
  else strbuf_append(&w->sb, "null");
}

/* An integer, or null when bNull. */
static void report_json_int(ReportJson *w, const char *zKey, int64_t v, int bNull){
  report_json_key(w, zKey);
  if( bNull ) strbuf_append(&w->sb, "null");
  else strbuf_printf(&w->sb, "%lld", (long long)v);
}

/* true or false. */
static void report_json_bool(ReportJson *w, const char *zKey, int b){
  report_json_key(w, zKey);
  strbuf_append(&w->sb, b ? "true" : "false");
}

/* A number with one decimal from tenths (123 -> 12.3). */
static void report_json_tenths(ReportJson *w, const char *zKey, int64_t v){
  report_json_key(w, zKey);
  strbuf_printf(&w->sb, "%lld.%lld", (long long)(v/10), (long long)(v%10));
}

/* An ISO instant t seconds after the start, or null when bNull. */
static void report_json_instant(ReportJson *w, const Report *p, const char *zKey,
                                int64_t t, int bNull){
  char z[REPORT_TEXT_SIZE];
  report_json_str(w, zKey, bNull ? NULL : report_format_instant(p, t, z, sizeof(z)));
}

/* An ISO duration of v seconds, or null when bNull. */
static void report_json_duration(ReportJson *w, const char *zKey, int64_t v, int bNull){
  char z[REPORT_TEXT_SIZE];
  report_json_str(w, zKey, bNull ? NULL : simtime_format_duration(v, z, sizeof(z)));
}

/* ============================================================ sections */

static void report_json_latency(ReportJson *w, const ReportLatency *l){
  int bNone = l->n + l->nCensored==0;
  report_json_tenths(w, "censored_percent", report_censored_permille(l));
  report_json_open(w, "latency_seconds", '{');
  report_json_int(w, "p50", l->p50, bNone || l->bCensor50);
  report_json_int(w, "p95", l->p95, bNone || l->bCensor95);
  report_json_int(w, "max", l->max, bNone || l->bCensorMax);
  report_json_close(w, '}');
  report_json_open(w, "latency", '{');
  report_json_duration(w, "p50", l->p50, bNone || l->bCensor50);
  report_json_duration(w, "p95", l->p95, bNone || l->bCensor95);
  report_json_duration(w, "max", l->max, bNone || l->bCensorMax);
  report_json_close(w, '}');
  report_json_open(w, "censored", '{');
  report_json_bool(w, "p50", !bNone && l->bCensor50);
  report_json_bool(w, "p95", !bNone && l->bCensor95);
  report_json_bool(w, "max", !bNone && l->bCensorMax);
  report_json_close(w, '}');
}

/* {reason: n} over a list of out-of-step groups (reasons may repeat
** across jobs: they are summed, in the order they first appear sorted). */
static void report_json_why_counts(ReportJson *w, const ReportWhy *a, int n){
  int i, k;
  report_json_open(w, "out_of_step_by_reason", '{');
  for(i=0; i<n; i++){
    int64_t v = 0;
    int bSeen = 0;
    for(k=0; k<i && !bSeen; k++) bSeen = strcmp(a[k].zReason, a[i].zReason)==0;
    if( bSeen ) continue;
    for(k=i; k<n; k++) if( strcmp(a[k].zReason, a[i].zReason)==0 ) v += a[k].n;
    report_json_int(w, a[i].zReason, v, 0);
  }
  report_json_close(w, '}');
}

/* in_step, in_step_at, in_step_seconds for an end state. */
static void report_json_in_step(ReportJson *w, const Report *p, int64_t nOut, int bDrifted,
                                int64_t t){
  report_json_bool(w, "in_step", nOut==0);
  report_json_instant(w, p, "in_step_at", bDrifted ? t : 0, nOut>0);
  report_json_int(w, "in_step_seconds", bDrifted ? t : 0, nOut>0);
  report_json_int(w, "out_of_step", nOut, 0);
}

/* The counts every convergence object has. */
static void report_json_conv_counts(ReportJson *w, const ReportConv *c){
  report_json_int(w, "changes", c->nChanges, 0);
  report_json_int(w, "converged", c->nConverged, 0);
  report_json_int(w, "superseded", c->nSuperseded, 0);
  report_json_int(w, "reverted", c->nReverted, 0);
  report_json_int(w, "held", c->nHeld, 0);
  report_json_int(w, "never_converged", c->nNever, 0);
  report_json_latency(w, &c->lat);
}

static void report_json_convergence(ReportJson *w, const Report *p){
  int i, k;
  report_json_open(w, "convergence", '{');
  report_json_conv_counts(w, &p->conv);
  report_json_int(w, "out_of_step", p->conv.nOutOfStep, 0);
  report_json_why_counts(w, p->conv.aWhy, p->conv.nWhy);
  report_json_open(w, "by_job", '[');
  for(i=0; i<p->nJob; i++){
    const ReportConv *c = &p->aJob[i].conv;
    report_json_open(w, NULL, '{');
    report_json_str(w, "job", p->aJob[i].zJob);
    report_json_conv_counts(w, c);
    report_json_in_step(w, p, c->nOutOfStep, c->bDrifted, c->tInStep);
    report_json_why_counts(w, c->aWhy, c->nWhy);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
  report_json_open(w, "targets", '[');
  for(i=0; i<p->nTarget; i++){
    const ReportTarget *t = &p->aTarget[i];
    report_json_open(w, NULL, '{');
    report_json_str(w, "tenant", t->zTenant);
    report_json_in_step(w, p, t->nOutOfStep, t->bDrifted, t->tInStep);
    report_json_why_counts(w, t->aWhy, t->nWhy);
    report_json_open(w, "why", '[');
    for(k=0; k<t->nWhy; k++){
      report_json_open(w, NULL, '{');
      report_json_str(w, "job", t->aWhy[k].zJob);
      report_json_str(w, "reason", t->aWhy[k].zReason);
      report_json_bool(w, "held", t->aWhy[k].bHeld);
      report_json_int(w, "count", t->aWhy[k].n, 0);
      report_json_str(w, "detail", t->aWhy[k].zDetail);
      report_json_close(w, '}');
    }
    report_json_close(w, ']');
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
  report_json_open(w, "drift", '{');
  report_json_int(w, "final", p->nDriftFinal, 0);
  report_json_open(w, "zero_at", '[');
  for(i=0; i<p->nZeroAt; i++) report_json_instant(w, p, NULL, p->aZeroAt[i], 0);
  report_json_close(w, ']');
  report_json_instant(w, p, "last_action_at", p->tLastAction, !p->bLastAction);
  report_json_int(w, "settled_after_last_action_seconds", p->nSettle, !p->bSettled);
  report_json_close(w, '}');
  report_json_close(w, '}');
}

static void report_json_accounts(ReportJson *w, const Report *p, const ReportOrphan *a, int n){
  int i;
  report_json_open(w, "items", '[');
  for(i=0; i<n; i++){
    const ReportOrphan *o = &a[i];
    report_json_open(w, NULL, '{');
    report_json_str(w, "target_tenant", o->zTargetTenant);
    report_json_str(w, "object_id", o->zObjectId);
    report_json_str(w, "user_principal_name", o->zUpn);
    report_json_str(w, "display_name", o->zDisplayName);
    report_json_str(w, "source_tenant", o->zSourceTenant);
    report_json_str(w, "source_user", o->zSourceUser);
    report_json_str(w, "job", o->zJob);
    report_json_str(w, "reason", o->zReason);
    report_json_str(w, "source_state", o->zSourceState);
    report_json_instant(w, p, "orphaned_since", o->tSince, 0);
    report_json_int(w, "age_seconds", o->nAge, 0);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
}

static void report_json_orphans(ReportJson *w, const Report *p){
  int i;
  report_json_open(w, "orphans", '{');
  report_json_int(w, "count", p->nOrphan, 0);
  report_json_open(w, "by_reason", '{');
  for(i=0; i<p->nOrphanReason; i++){
    report_json_int(w, p->aOrphanReason[i].zName, p->aOrphanReason[i].n, 0);
  }
  report_json_close(w, '}');
  report_json_accounts(w, p, p->aOrphan, p->nOrphan);
  report_json_open(w, "disabled_by_sync", '{');
  report_json_int(w, "count", p->nDisabled, 0);
  report_json_accounts(w, p, p->aDisabled, p->nDisabled);
  report_json_close(w, '}');
  report_json_open(w, "preexisting", '{');
  report_json_int(w, "count", p->nPreexisting, 0);
  report_json_accounts(w, p, p->aPreexisting, p->nPreexisting);
  report_json_close(w, '}');
  report_json_close(w, '}');
}

static void report_json_problem(ReportJson *w, const Report *p, const ReportProblem *r){
  int i;
  if( r->zKind==NULL ){
    report_json_str(w, "problem", NULL);
    return;
  }
  report_json_open(w, "problem", '{');
  report_json_str(w, "kind", r->zKind);
  report_json_instant(w, p, "since", r->tSince, 0);
  report_json_int(w, "since_seconds", r->tSince, 0);
  report_json_str(w, "code", r->zCode);
  report_json_str(w, "message", r->zMessage);
  report_json_open(w, "settings", '[');
  for(i=0; i<r->nSetting; i++){
    report_json_open(w, NULL, '{');
    report_json_str(w, "tenant", r->aSetting[i].zTenant);
    report_json_str(w, "partner", r->aSetting[i].zPartner);
    report_json_str(w, "setting", r->aSetting[i].zSetting);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
  report_json_str(w, "cause", r->zCause);
  report_json_str(w, "fix", r->zFix);
  report_json_close(w, '}');
}

static void report_json_job(ReportJson *w, const Report *p, const ReportJob *j){
  int i;
  report_json_open(w, NULL, '{');
  report_json_str(w, "job", j->zJob);
  report_json_str(w, "job_id", j->zJobId);
  report_json_str(w, "source", j->zSource);
  report_json_str(w, "target", j->zTarget);
  report_json_str(w, "scope", j->zScope);
  report_json_str(w, "status", j->zStatus);
  report_json_instant(w, p, "created_at", j->tCreated, j->tCreated<0);
  report_json_instant(w, p, "deleted_at", j->tDeleted, j->tDeleted<0);
  report_json_str(w, "gate_error", j->zGateError);
  report_json_problem(w, p, &j->prob);
  report_json_open(w, "cycles", '{');
  report_json_int(w, "initial", j->nCycInitial, 0);
  report_json_int(w, "incremental", j->nCycIncremental, 0);
  report_json_int(w, "failed", j->nCycFailed, 0);
  report_json_int(w, "unfinished", j->nCycUnfinished, 0);
  report_json_int(w, "total", j->nCycTotal, 0);
  report_json_close(w, '}');
  report_json_open(w, "exports", '{');
  report_json_int(w, "create", j->nCreate, 0);
  report_json_int(w, "update", j->nUpdate, 0);
  report_json_int(w, "disable", j->nDisable, 0);
  report_json_int(w, "delete", j->nDelete, 0);
  report_json_close(w, '}');
  report_json_int(w, "skipped", j->nSkipped, 0);
  report_json_int(w, "failures", j->nFailures, 0);
  report_json_open(w, "top_errors", '[');
  for(i=0; i<j->nError; i++){
    report_json_open(w, NULL, '{');
    report_json_str(w, "code", j->aError[i].zName);
    report_json_int(w, "count", j->aError[i].n, 0);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
  report_json_close(w, '}');
}

static void report_json_narrative(ReportJson *w, const Report *p){
  char zDay[REPORT_TEXT_SIZE];
  int i, k;
  report_json_open(w, "narrative", '[');
  for(i=0; i<p->nLine; i++){
    const ReportLine *l = &p->aLine[i];
    report_json_open(w, NULL, '{');
    report_json_instant(w, p, "at", l->t, 0);
    report_json_int(w, "at_seconds", l->t, 0);
    report_json_str(w, "day", report_format_day(p, l->t, zDay, sizeof(zDay)));
    report_json_int(w, "seq", l->iSeq, l->iSeq==0);
    report_json_str(w, "kind", l->zKind);
    report_json_str(w, "job", l->zJob);
    report_json_str(w, "summary", l->zSummary);
    report_json_str(w, "note", l->zNote);
    report_json_str(w, "text", l->zText ? l->zText : "");
    report_json_open(w, "facts", '{');
    for(k=0; k<l->nFact; k++) report_json_int(w, l->aFact[k].zName, l->aFact[k].v, 0);
    report_json_close(w, '}');
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
}

/* The scenario's detections: whether and when each fired, and what the
** SIEM could not see. */
static void report_json_detections(ReportJson *w, const Report *p){
  int i;
  report_json_open(w, "detections", '[');
  for(i=0; i<p->nDetect; i++){
    const ReportDetect *d = &p->aDetect[i];
    report_json_open(w, NULL, '{');
    report_json_str(w, "id", d->zId);
    report_json_str(w, "name", d->zName);
    report_json_str(w, "log", d->zLog);
    report_json_str(w, "scope", d->zScope);
    report_json_int(w, "count", d->nCount, 0);
    report_json_duration(w, "within", d->tWithin, d->tWithin<0);
    report_json_instant(w, p, "after", d->tAfter, 0);
    report_json_bool(w, "detected", d->bDetected);
    report_json_instant(w, p, "detected_at", d->tDetected, !d->bDetected);
    report_json_int(w, "time_to_detect_seconds", d->tDetected - d->tAfter, !d->bDetected);
    report_json_str(w, "evidence", d->zEvidence);
    report_json_int(w, "entries_seen", d->nSeen, 0);
    report_json_int(w, "entries_not_exported", d->nHidden, 0);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
}

/* The lint findings over the run: counts (standing = at the end and not
** suppressed), each rule (every rule, so a metric on one that never fired
** reads 0), and the findings. */
static void report_json_security(ReportJson *w, const Report *p){
  int i, k, nRule, nSup, nClr, nStand;
  const LintRule *aRule = lint_rules(&nRule);
  if( !p->bLint ){
    report_json_key(w, "security");
    strbuf_append(&w->sb, "null");
    return;
  }
  nStand = report_lint_count(p, -1, &nSup, &nClr);
  report_json_open(w, "security", '{');
  report_json_int(w, "standing", nStand, 0);
  report_json_int(w, "suppressed", nSup, 0);
  report_json_int(w, "cleared", nClr, 0);
  report_json_open(w, "by_severity", '{');
  for(k=LINT_CRITICAL; k>=LINT_INFO; k--){
    report_json_int(w, lint_severity_name((LintSeverity)k), report_lint_count(p, k, NULL, NULL), 0);
  }
  report_json_close(w, '}');
  report_json_open(w, "by_rule", '{');
  for(k=0; k<nRule; k++){
    int nStanding = 0, nSeen = 0;
    int64_t tFirst = -1;
    for(i=0; i<p->nFinding; i++){
      const ReportFinding *f = &p->aFinding[i];
      if( strcmp(f->zRule, aRule[k].zId)!=0 ) continue;
      nSeen++;
      nStanding += !f->bCleared && f->zSuppressed==NULL;
      if( tFirst<0 || f->tFirst<tFirst ) tFirst = f->tFirst;
    }
    report_json_open(w, aRule[k].zId, '{');
    report_json_str(w, "name", aRule[k].zName);
    report_json_int(w, "standing", nStanding, 0);
    report_json_int(w, "seen", nSeen, 0);
    report_json_instant(w, p, "first_seen", tFirst, tFirst<0);
    report_json_int(w, "first_seen_seconds", tFirst, tFirst<0);
    report_json_close(w, '}');
  }
  report_json_close(w, '}');
  report_json_open(w, "findings", '[');
  for(i=0; i<p->nFinding; i++){
    const ReportFinding *f = &p->aFinding[i];
    report_json_open(w, NULL, '{');
    report_json_str(w, "rule", f->zRule);
    report_json_str(w, "name", f->zName);
    report_json_str(w, "severity", f->zSeverity);
    report_json_str(w, "tenant", f->zTenant);
    report_json_str(w, "partner", f->zPartner);
    report_json_str(w, "job", f->zJob);
    report_json_str(w, "group", f->zGroup);
    report_json_str(w, "setting", f->zSetting);
    report_json_str(w, "value", f->zValue);
    report_json_str(w, "path", f->zPath);
    report_json_str(w, "message", f->zMessage);
    report_json_str(w, "suppressed", f->zSuppressed);
    report_json_instant(w, p, "first_seen", f->tFirst, 0);
    report_json_int(w, "first_seen_seconds", f->tFirst, 0);
    report_json_instant(w, p, "cleared", f->tCleared, !f->bCleared);
    report_json_int(w, "cleared_seconds", f->tCleared, !f->bCleared);
    report_json_close(w, '}');
  }
  report_json_close(w, ']');
  report_json_close(w, '}');
}

static void report_json_document(ReportJson *w, const Report *p){
  int i;
  report_json_open(w, NULL, '{');
  report_json_str(w, "tenantsim_version", p->zVersion);
  report_json_str(w, "scenario", p->zScenario);
  report_json_key(w, "seed");
  strbuf_append(&w->sb, p->zSeed);        /* digits only: report_build checked */
  report_json_str(w, "start", p->zStart);
  report_json_instant(w, p, "end", p->tEnd, 0);
  report_json_str(w, "duration", p->zDuration);
  report_json_open(w, "verdict", '[');
  for(i=0; i<p->nVerdict; i++) report_json_str(w, NULL, p->azVerdict[i]);
  report_json_close(w, ']');
  report_json_convergence(w, p);
  report_json_orphans(w, p);
  report_json_open(w, "jobs", '[');
  for(i=0; i<p->nJob; i++) report_json_job(w, p, &p->aJob[i]);
  report_json_close(w, ']');
  report_json_narrative(w, p);
  report_json_detections(w, p);
  report_json_open(w, "sign_ins", '{');
  report_json_int(w, "count", p->aSignIn[0], 0);
  report_json_open(w, "by_result", '{');
  report_json_int(w, "success", p->aSignIn[1], 0);
  report_json_int(w, "interrupted", p->aSignIn[2], 0);
  report_json_int(w, "failure", p->aSignIn[3], 0);
  report_json_close(w, '}');
  report_json_close(w, '}');
  report_json_security(w, p);
  report_json_open(w, "totals", '{');
  report_json_int(w, "source_users", p->nSourceUsers, 0);
  report_json_int(w, "target_b2b_users_live", p->nTargetB2bLive, 0);
  report_json_int(w, "provisioning_log_rows", p->nProvLog, 0);
  report_json_int(w, "audit_log_rows", p->nAuditLog, 0);
  report_json_int(w, "timeline_actions", p->nTimeline, 0);
  report_json_close(w, '}');
  report_json_close(w, '}');
  strbuf_appendc(&w->sb, '\n');
}

/* ============================================================ API */

int report_json_write(const Report *p, FILE *out){
  ReportJson w;
  int rc = -1;
  memset(&w, 0, sizeof(w));
  strbuf_init(&w.sb);
  report_json_document(&w, p);
  rc = strbuf_write(&w.sb, out);
  strbuf_free(&w.sb);
  return rc;
}
