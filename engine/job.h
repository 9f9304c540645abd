/*
** job.h — sync jobs: configuration, assignments and job control.
**
** Job control follows Graph's synchronizationJob: start (resumes a paused
** job; the first cycle after a start of a never-run job, a restart, or a
** change of scope configuration is an initial cycle), pause (the running
** cycle finishes, no new cycle starts), restart (a new initial cycle; the
** watermark is cleared, source-target links are kept). The job only keeps
** state; cycle.c runs the cycles and sim/ schedules them from tNextCycle.
*/
#ifndef TS_JOB_H
#define TS_JOB_H
#include "world.h"

/* Add a job from iSource to iTarget with the default mapping. Returns its
** index, or -1 with pErr set (out of memory, or a job for the same pair
** already exists: only one configuration per source->target pair). */
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

/* Queue user id for the next incremental cycle of j. */
void job_mark_dirty(World *w, Job *j, int64_t id);

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
** out the deletions the accidental-deletion threshold held back. */
void job_start(World *w, Job *j);
void job_pause(World *w, Job *j);
void job_restart(World *w, Job *j, unsigned mScope);

/* Turn accidental-deletion prevention on (threshold n) or off (n<0). */
void job_set_delete_threshold(World *w, Job *j, int64_t n);

/* Write the job's row (status, schedule) to the store. */
void job_save(World *w, Job *j);

/* Record the outcome of j's connection test and policy check at tNow
** (policy.h): the error code and message, since when the checks have
** been failing, and the failing settings (table gate_checks). */
struct GateResult;
void job_set_gate(World *w, Job *j, const struct GateResult *pRes);

/* The service disables j after too long in quarantine (quarantine.h):
** no more cycles until a start or restart; the status shows Disabled. */
void job_disable(World *w, Job *j, const char *zWhy);

/* The status people see: Graph's synchronizationStatusCode (NotRun,
** Active, Paused, Quarantine), except Disabled for a job the service
** disabled (Graph keeps Quarantine then, with the schedule disabled). */
const char *job_status_name(const Job *j);
/* Graph's status code and schedule state, as the jobs table holds them. */
const char *job_status_code(const Job *j);
const char *job_schedule_name(const Job *j);

#endif
