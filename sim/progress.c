/*
** progress.c — the progress line and its ETA from the work left (see
** progress.h). Reads the world, writes only to the terminal stream; the
** wall clock is read here and nowhere else in a run.
*/
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include "directory.h"
#include "job.h"
#include "mem.h"
#include "progress.h"
#include "quarantine.h"
#include "scope.h"

/* ------------------------------------------------------------ pure parts */

double progress_eta(const ProgressWork *p, double rElapsed){
  double rDone = (double)p->nObjDone + (double)PROGRESS_CYCLE_COST*(double)p->nCycleDone;
  double rLeft = (double)p->nObjLeft + (double)PROGRESS_CYCLE_COST*(double)p->nCycleLeft;
  if( rDone<=0 || rElapsed<0 ) return -1;
  return rElapsed * rLeft / rDone;
}

char *progress_eta_text(double rSeconds, char *z, size_t n){
  long s = (long)(rSeconds + 0.5);
  if( rSeconds<0 ) snprintf(z, n, "ETA -");
  else if( s<60 ) snprintf(z, n, "ETA %lds", s);
  else if( s<3600 ) snprintf(z, n, "ETA %ldm%02lds", s/60, s%60);
  else snprintf(z, n, "ETA %ldh%02ldm", s/3600, (s%3600)/60);
  return z;
}

char *progress_line(const ProgressCounts *c, const char *zTail, char *z, size_t n){
  char zNow[32], zEnd[32];
  const ProgressWork *w = &c->work;
  /* The reports' notation: "Day N HH:MM", Day 1 the start day (UTC). */
  snprintf(z, n, "[tenantsim] %s of %s  source users %lld  target users %lld  cycles %lld/~%lld"
           "  objects %lld/~%lld  drift %lld  %s",
           simtime_format_day(c->tStartEpoch, c->tNow, zNow, sizeof(zNow)),
           simtime_format_day(c->tStartEpoch, c->tEnd, zEnd, sizeof(zEnd)),
           (long long)c->nSourceUsers, (long long)c->nTargetUsers,
           (long long)w->nCycleDone, (long long)(w->nCycleDone + w->nCycleLeft),
           (long long)w->nObjDone, (long long)(w->nObjDone + w->nObjLeft),
           (long long)c->nDrift, zTail);
  return z;
}

char *progress_line_fit(const ProgressCounts *c, const char *zTail, int nColumns,
                        char *z, size_t n){
  char zNow[32], zEnd[32];
  const ProgressWork *w = &c->work;
  progress_line(c, zTail, z, n);
  if( nColumns<=0 || strlen(z)<(size_t)nColumns ) return z;
  snprintf(z, n, "[tenantsim] %s of %s  objects %lld/~%lld  %s",
           simtime_format_day(c->tStartEpoch, c->tNow, zNow, sizeof(zNow)),
           simtime_format_day(c->tStartEpoch, c->tEnd, zEnd, sizeof(zEnd)),
           (long long)w->nObjDone, (long long)(w->nObjDone + w->nObjLeft), zTail);
  if( strlen(z)>=(size_t)nColumns && (size_t)nColumns<=n ) z[nColumns-1] = 0;
  return z;
}

/* The width of the terminal f is, or 0 when it is none or does not say. */
static int terminal_columns(FILE *f){
  struct winsize ws;
  if( ioctl(fileno(f), TIOCGWINSZ, &ws)!=0 ) return 0;
  return ws.ws_col;
}

/* ------------------------------------------------------ measuring a run */

/* Monotonic wall-clock seconds, for the line only. */
static double wall_seconds(void){
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec/1e9;
}

void progress_open(Progress *p, FILE *f, World *w, const Scenario *pScn){
  int i;
  memset(p, 0, sizeof(*p));
  p->f = f;
  p->w = w;
  p->pScn = pScn;
  p->rStart = wall_seconds();
  p->rLast = -1;
  if( f==NULL ) return;
  p->aInitial = mem_malloc(sizeof(int64_t)*(size_t)(w->nJob+1));
  p->aAction = mem_malloc(sizeof(int64_t)*(size_t)(pScn->nAction+1));
  for(i=0; p->aInitial && i<w->nJob; i++) p->aInitial[i] = -1;
  for(i=0; p->aAction && i<pScn->nAction; i++) p->aAction[i] = -1;
}

void progress_close(Progress *p){
  mem_free(p->aInitial);
  mem_free(p->aAction);
  p->aInitial = p->aAction = NULL;
}

void progress_cycle_begun(Progress *p, const Job *j){
  p->nCycles++;
  if( j->run.bRunning ) p->nObjBegun += j->run.nWork;
  if( p->aInitial && j->run.bInitial ) p->aInitial[j - p->w->aJob] = -1;
}

/* The users job j's initial cycle would take from its source: every live
** user with "sync all", else the assigned ones (cycle_build_work's rule,
** less the users it already manages, which an initial cycle has none of
** to speak of). Counted once per job until that cycle begins. */
static int64_t initial_objects(Progress *p, const Job *j){
  World *w = p->w;
  int iJob = (int)(j - w->aJob);
  int64_t i, n = 0;
  if( p->aInitial && p->aInitial[iJob]>=0 ) return p->aInitial[iJob];
  for(i=0; i<w->nUser; i++){
    const User *u = &w->aUser[i];
    if( u->iTenant!=j->iSource || u->tPurged>=0 ) continue;
    if( j->bSyncAll || scope_is_assigned(w, j, u) ) n++;
  }
  if( p->aInitial ) p->aInitial[iJob] = n;
  return n;
}

/* The members, in tenant iTenant, of the groups named in keys. */
static int64_t group_members(const World *w, int iTenant, const ScnKeys *pKeys){
  int64_t i, n = 0;
  int k, g, aG[16], nG = 0;
  for(k=0; k<pKeys->n && nG<16; k++){
    if( (aG[nG] = world_group_find(w, iTenant, pKeys->az[k]))>=0 ) nG++;
  }
  for(i=0; nG && i<w->nUser; i++){
    const User *u = &w->aUser[i];
    if( u->iTenant!=iTenant || u->tPurged>=0 ) continue;
    for(g=0; g<nG && !directory_is_member(u, aG[g]); g++){}
    n += g<nG;
  }
  return n;
}

/* The users timeline action k brings to a job's cycles: those it hires or
** selects, and the members of the groups an assign adds to the job's
** scope. Counted once per action. */
static int64_t action_objects(Progress *p, int k){
  const ScnAction *a = &p->pScn->aAction[k];
  int64_t n;
  if( p->aAction && p->aAction[k]>=0 ) return p->aAction[k];
  n = a->nHire + (a->pHirePop ? a->pHirePop->nCount : 0);
  if( a->sel.bSample ) n += a->sel.nCount;
  if( a->sel.bUsers ) n += a->sel.users.n;
  if( a->eKind==SCN_ASSIGN && a->bGroups && a->iJob>=0 && a->iJob<p->w->nJob ){
    n += group_members(p->w, p->w->aJob[a->iJob].iSource, &a->groups);
  }
  if( p->aAction ) p->aAction[k] = n;
  return n;
}

/* The users the timeline actions still to come bring to job iJob. */
static int64_t actions_left(Progress *p, int iJob){
  const Job *j = &p->w->aJob[iJob];
  int64_t n = 0;
  int k;
  for(k=0; k<p->pScn->nAction; k++){
    const ScnAction *a = &p->pScn->aAction[k];
    if( a->t<=p->w->tNow ) continue;
    if( a->iJob>=0 ? a->iJob==iJob : a->iTenant==j->iSource ) n += action_objects(p, k);
  }
  return n;
}

/* The cycles job j (index iJob) has still to begin before tEnd, and when
** the next is, its first instant into *ptFirst (-1: none). */
static int64_t cycles_left(const Progress *p, const Job *j, int iJob, SimTime *ptFirst){
  const World *w = p->w;
  SimTime tEnd = p->pScn->duration, tFirst = -1;
  SimTime iv = j->eQuarReason!=QR_NONE && j->tBackoff>0 ? j->tBackoff : j->interval;
  *ptFirst = -1;
  if( j->bDeleted || j->bUncreated || iv<=0 ) return 0;
  if( j->run.bRunning ) tFirst = w->tNow + iv;
  else if( j->tNextCycle>=0 ) tFirst = j->tNextCycle>w->tNow ? j->tNextCycle : w->tNow;
  else if( iJob<p->pScn->nJob && p->pScn->aJob[iJob].bStart && p->pScn->aJob[iJob].tStart>w->tNow ){
    tFirst = p->pScn->aJob[iJob].tStart;
  }
  if( tFirst<0 || tFirst>tEnd ) return 0;
  *ptFirst = tFirst;
  return 1 + (tEnd - tFirst)/iv;
}

void progress_measure(Progress *p, ProgressWork *pWork){
  World *w = p->w;
  int64_t nRunLeft = 0;
  int i;
  memset(pWork, 0, sizeof(*pWork));
  for(i=0; i<w->nJob; i++){
    const Job *j = &w->aJob[i];
    SimTime tFirst;
    int64_t nCycles;
    if( j->run.bRunning ) nRunLeft += j->run.nWork - j->run.iWork;
    nCycles = cycles_left(p, j, i, &tFirst);
    if( nCycles==0 ) continue;
    pWork->nCycleLeft += nCycles;
    if( j->bNeedInitial && !j->run.bRunning ) pWork->nObjLeft += initial_objects(p, j);
    else pWork->nObjLeft += j->nDirty;
    pWork->nObjLeft += actions_left(p, i);
  }
  pWork->nObjLeft += nRunLeft;
  pWork->nObjDone = p->nObjBegun - nRunLeft;
  pWork->nCycleDone = p->nCycles;
}

void progress_show(Progress *p, int bFinal){
  World *w = p->w;
  ProgressCounts c;
  char zTail[40], zLine[400];
  double rNow;
  int i, t;
  if( p->f==NULL ) return;
  rNow = wall_seconds();
  if( !bFinal && p->rLast>=0 && rNow - p->rLast < 0.2 ) return;
  p->rLast = rNow;
  memset(&c, 0, sizeof(c));
  c.tStartEpoch = w->tStartEpoch;
  c.tNow = w->tNow;
  c.tEnd = p->pScn->duration;
  c.nDrift = w->nDriftTotal;
  for(t=0; t<w->nTenant; t++){
    int bSource = 0, bTarget = 0;
    for(i=0; i<w->nJob; i++){
      bSource |= w->aJob[i].iSource==t;
      bTarget |= w->aJob[i].iTarget==t;
    }
    if( bSource ) c.nSourceUsers += w->aTenant[t].nObjects;
    if( bTarget ) c.nTargetUsers += w->aTenant[t].nObjects;
  }
  progress_measure(p, &c.work);
  if( bFinal ) snprintf(zTail, sizeof(zTail), "done in %.1fs", rNow - p->rStart);
  else progress_eta_text(progress_eta(&c.work, rNow - p->rStart), zTail, sizeof(zTail));
  /* Shorter than the terminal, and the rest of its row cleared ("\033[K"):
  ** a line that wrapped could not be rewritten by "\r". */
  fprintf(p->f, "\r%s\033[K%s",
          progress_line_fit(&c, zTail, terminal_columns(p->f), zLine, sizeof(zLine)),
          bFinal ? "\n" : "");
  fflush(p->f);
}
