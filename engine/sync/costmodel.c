/*
** costmodel.c — per-object cost of a cycle (see costmodel.h).
*/
#include "costmodel.h"

double costmodel_draw_rate(World *w){
  return rng_uniform(&w->rngTiming, w->params.rCreateMinMinutes,
                     w->params.rCreateMaxMinutes);
}

int64_t costmodel_object_ms(const World *w, double r, CostKind eKind){
  double rMin = r;
  if( eKind==COST_WRITE ) rMin *= w->params.rMatchRatio;
  else if( eKind==COST_SKIP ) rMin *= w->params.rSkipRatio;
  return (int64_t)(rMin*60000.0 + 0.5);
}
