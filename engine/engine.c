/*
** engine.c — open and close a world (engine.h).
*/
#include "mem.h"
#include "desired.h"
#include "faults.h"
#include "job.h"
#include "targetproc.h"
#include "engine.h"

int engine_open(World *w, const char *zDbPath, uint64_t seed, SimTime tStartEpoch, TsErr *pErr){
  return world_create(w, zDbPath, seed, tStartEpoch, pErr);
}

void engine_close(World *w){
  int i;
  for(i=0; i<w->nJob; i++) job_clear(&w->aJob[i]);
  mem_free(w->aJob);
  w->aJob = NULL;
  w->nJob = 0;
  faults_free(w);
  desired_free(w);
  targetproc_free(w);
  world_free(w);
}
