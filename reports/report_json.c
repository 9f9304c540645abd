/*
** report_json.c — the Report as JSON (see report.h).
**
** The document is built in a StrBuf by a small writer that knows only
** objects, arrays, strings and integers, then written in one go. Keys come
** in the fixed order below, lists in the Report's order, integers exactly
** (int64, never through a double); indentation is two spaces, ": " after a
** key, and the document ends with a newline. Nothing depends on the clock
** or on addresses, so a database always gives the same bytes.
**
** Shape. Instants are ISO-8601 UTC ("2026-03-02T08:00:00Z"), durations
** ISO-8601 ("PT40M", "P1DT2H"); "_seconds" fields are integer seconds.
**
** {
**   "tenantsim_version": string|null  tenantsim that wrote the database
**   "scenario": string                scenario name
**   "seed": number                    the run's seed (decimal, exact)
**   "start": instant                  simulated t=0
**   "end": instant                    when the run ended (start + end_t)
**   "duration": duration|null         the scenario's duration, as given
**   "convergence": {                  source changes until the target matched
**     "changes": n                    changes recorded
**     "converged": n                  ... whose target matched again
**     "never_converged": n            ... still out of step at the end
**     "latency_seconds": {"p50": n|null, "p95": n|null, "max": n|null}
**                                     nearest-rank percentiles of
**                                     converged_at - at over converged
**                                     changes; null when there are none
**     "latency": {"p50": duration|null, "p95": ..., "max": ...}  the same
**     "by_job": [                     every job, in scenario order
**       {"job": key, "changes": n, "converged": n, "never_converged": n,
**        "latency_seconds": {"p50": n|null, "p95": n|null, "max": n|null}}
**     ],
**     "drift": {                      pairs out of step, all targets together
**       "final": n                    latest sample (0 if never sampled)
**       "zero_at": [instant, ...]     each time drift returned to zero
**       "last_action_at": instant|null  the last timeline action
**       "settled_after_last_action_seconds": n|null
**                                     from the last action to the first
**                                     zero drift at or after it; 0 if drift
**                                     ended at zero without returning there
**                                     afterwards; null if never settled
**     }
**   },
**   "orphans": {                      live guest accounts nothing justifies
**     "count": n
**     "by_reason": {reason: n, ...}   keys sorted; only reasons that occur
**     "items": [                      sorted by target_tenant, upn, object_id
**       {"target_tenant": key, "object_id": string,
**        "user_principal_name": string|null, "display_name": string|null,
**        "source_tenant": key, "source_user": key|null, "job": key,
**        "reason": held value | source_disabled | job_paused |
**                  job_not_started | target_disallowed_sync |
**                  pending_next_cycle | not_deprovisioned,
**        "source_state": deleted | disabled | unassigned | filtered |
**                        not_internal_member | ... (desired.reason),
**        "orphaned_since": instant, "age_seconds": n}
**     ]
**   },
**   "jobs": [                         in scenario order
**     {"job": key, "job_id": string, "source": key, "target": key,
**      "scope": "assigned"|"all", "status": status code,
**      "gate_error": string|null,
**      "cycles": {"initial": n, "incremental": n, "failed": n,
**                 "unfinished": n, "total": n},
**      "exports": {"create": n, "update": n, "disable": n, "delete": n},
**                                     successful provisioning-log rows
**      "skipped": n, "failures": n,   provisioning-log rows by status
**      "top_errors": [{"code": string, "count": n}, ...]}
**                                     up to REPORT_TOP_ERRORS codes,
**                                     count descending, then code
**   ],
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

/* An ISO instant t seconds after the start, or null when bNull. */
static void report_json_instant(ReportJson *w, const Report *p, const char *zKey,
                                int64_t t, int bNull){
  char z[32];
  report_json_str(w, zKey, bNull ? NULL : report_format_instant(p, t, z, sizeof(z)));
}

/* An ISO duration of v seconds, or null when bNull. */
static void report_json_duration(ReportJson *w, const char *zKey, int64_t v, int bNull){
  char z[48];
  report_json_str(w, zKey, bNull ? NULL : simtime_format_duration(v, z, sizeof(z)));
}

/* ============================================================ sections */

static void report_json_latency(ReportJson *w, const ReportLatency *l, int bIso){
  int bNull = l->n==0;
  if( bIso ){
    report_json_open(w, "latency", '{');
    report_json_duration(w, "p50", l->p50, bNull);
    report_json_duration(w, "p95", l->p95, bNull);
    report_json_duration(w, "max", l->max, bNull);
  }else{
    report_json_open(w, "latency_seconds", '{');
    report_json_int(w, "p50", l->p50, bNull);
    report_json_int(w, "p95", l->p95, bNull);
    report_json_int(w, "max", l->max, bNull);
  }
  report_json_close(w, '}');
}

/* The counts every convergence object has. */
static void report_json_conv_counts(ReportJson *w, const ReportConv *c){
  report_json_int(w, "changes", c->nChanges, 0);
  report_json_int(w, "converged", c->nConverged, 0);
  report_json_int(w, "never_converged", c->nNever, 0);
  report_json_latency(w, &c->lat, 0);
}

static void report_json_convergence(ReportJson *w, const Report *p){
  int i;
  report_json_open(w, "convergence", '{');
  report_json_conv_counts(w, &p->conv);
  report_json_latency(w, &p->conv.lat, 1);
  report_json_open(w, "by_job", '[');
  for(i=0; i<p->nJob; i++){
    report_json_open(w, NULL, '{');
    report_json_str(w, "job", p->aJob[i].zJob);
    report_json_conv_counts(w, &p->aJob[i].conv);
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

static void report_json_orphans(ReportJson *w, const Report *p){
  int i;
  report_json_open(w, "orphans", '{');
  report_json_int(w, "count", p->nOrphan, 0);
  report_json_open(w, "by_reason", '{');
  for(i=0; i<p->nOrphanReason; i++){
    report_json_int(w, p->aOrphanReason[i].zName, p->aOrphanReason[i].n, 0);
  }
  report_json_close(w, '}');
  report_json_open(w, "items", '[');
  for(i=0; i<p->nOrphan; i++){
    const ReportOrphan *o = &p->aOrphan[i];
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
  report_json_close(w, '}');
}

static void report_json_job(ReportJson *w, const ReportJob *j){
  int i;
  report_json_open(w, NULL, '{');
  report_json_str(w, "job", j->zJob);
  report_json_str(w, "job_id", j->zJobId);
  report_json_str(w, "source", j->zSource);
  report_json_str(w, "target", j->zTarget);
  report_json_str(w, "scope", j->zScope);
  report_json_str(w, "status", j->zStatus);
  report_json_str(w, "gate_error", j->zGateError);
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
  report_json_convergence(w, p);
  report_json_orphans(w, p);
  report_json_open(w, "jobs", '[');
  for(i=0; i<p->nJob; i++) report_json_job(w, &p->aJob[i]);
  report_json_close(w, ']');
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

int report_write_json(const Report *p, FILE *out){
  ReportJson w;
  int rc = -1;
  memset(&w, 0, sizeof(w));
  strbuf_init(&w.sb);
  report_json_document(&w, p);
  rc = strbuf_write(&w.sb, out);
  strbuf_free(&w.sb);
  return rc;
}
