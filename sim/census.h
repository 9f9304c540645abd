/*
** census.h — what one timeline action did to each job: which of the users
** it selected were in a job's scope before or after it, and how the
** checks of the jobs that read a changed policy or tenant setting came
** out before and after (the timeline_jobs rows of the run database).
**
** Use: census_init, then census_before (or one of the census_*_users
** helpers) and census_gates(…, 0) before the action; census_after and
** census_gates(…, 1) after it; census_write, census_free.
**
** Ownership: a Census owns its arrays (census_free frees them). Out of
** memory sets w->bNoMem and leaves the census empty.
*/
#ifndef TS_CENSUS_H
#define TS_CENSUS_H
#include <stdint.h>
#include "world.h"
#include "scn_model.h"

typedef struct ActionJob {
  int64_t nInScope;        /* -1: the action selected no users */
  const char *zGateBefore, *zGateAfter;   /* static; NULL: passing */
  int bGate;               /* the action's setting bears on this job */
  int bConcerned;          /* write a timeline_jobs row */
} ActionJob;

typedef struct Census {
  int64_t *aId;            /* the users (owned) */
  int64_t nId;
  uint8_t *aIn;            /* nId*nJob: 1 in scope before, 2 after */
  ActionJob *aJob;         /* nJob */
  int64_t nAny;            /* users in some job's scope; -1: no users */
} Census;

void census_init(Census *c, World *w);
void census_free(Census *c);
/* Take the users aId[0..n) (copied) and note, per job, which of them are
** in its scope now (before the action). */
void census_before(Census *c, World *w, const int64_t *aId, int64_t n);
/* census_before over every source user of job j (a change to the job's
** own rules); over users iFirst..w->nUser (created by the action, in no
** scope before it); over the direct members of the groups named in
** pGroups in j's source tenant (an assignment of groups concerns them). */
void census_job_users(Census *c, World *w, const Job *j);
void census_new_users(Census *c, World *w, int64_t iFirst);
void census_group_members(Census *c, World *w, const Job *j, const ScnKeys *pGroups);
/* Mark the jobs a setting bears on: a policy field iField of iTenant
** towards iPartner (bPolicy; iField -1: any field, a whole partner
** configuration), or any setting of tenant iTenant. Jobs whose
** configuration does not exist are not marked. */
void census_mark_gates(Census *c, World *w, int bPolicy, int iTenant, int iPartner, int iField);
/* The checks of the marked jobs, before (bAfter 0) or after the action. */
void census_gates(Census *c, World *w, int bAfter);
/* After the action: count, per job and for all jobs together, the users
** in scope before or after it. */
void census_after(Census *c, World *w);
/* The timeline_jobs rows of action w->iAction (j: the job it names, or
** NULL). */
void census_write(Census *c, World *w, const Job *j);

#endif
