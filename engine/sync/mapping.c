/*
** mapping.c — the default CTS mapping and mapping evaluation (mapping.h).
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "directory.h"
#include "expr.h"
#include "job.h"
#include "mapping.h"

/* The Azure2Azure default user mapping, in the portal's order. */
static const struct { int iTarget; MapType eType; int iSource; const char *zConst; FlowType eFlow; }
aDefault[] = {
  { A_ACCOUNT_ENABLED,      MAP_DIRECT,   A_ACCOUNT_ENABLED,      0, FLOW_ALWAYS },
  { A_STREET_ADDRESS,       MAP_DIRECT,   A_STREET_ADDRESS,       0, FLOW_ALWAYS },
  { A_CITY,                 MAP_DIRECT,   A_CITY,                 0, FLOW_ALWAYS },
  { A_STATE,                MAP_DIRECT,   A_STATE,                0, FLOW_ALWAYS },
  { A_POSTAL_CODE,          MAP_DIRECT,   A_POSTAL_CODE,          0, FLOW_ALWAYS },
  { A_COUNTRY,              MAP_DIRECT,   A_COUNTRY,              0, FLOW_ALWAYS },
  { A_DEPARTMENT,           MAP_DIRECT,   A_DEPARTMENT,           0, FLOW_ALWAYS },
  { A_EMPLOYEE_ID,          MAP_DIRECT,   A_EMPLOYEE_ID,          0, FLOW_ALWAYS },
  { A_DISPLAY_NAME,         MAP_DIRECT,   A_DISPLAY_NAME,         0, FLOW_ALWAYS },
  { A_GIVEN_NAME,           MAP_DIRECT,   A_GIVEN_NAME,           0, FLOW_ALWAYS },
  { A_JOB_TITLE,            MAP_DIRECT,   A_JOB_TITLE,            0, FLOW_ALWAYS },
  { A_MAIL_NICKNAME,        MAP_DIRECT,   A_MAIL_NICKNAME,        0, FLOW_ALWAYS },
  { A_OFFICE,               MAP_DIRECT,   A_OFFICE,               0, FLOW_ALWAYS },
  { A_PREFERRED_LANGUAGE,   MAP_DIRECT,   A_PREFERRED_LANGUAGE,   0, FLOW_ALWAYS },
  { A_SURNAME,              MAP_DIRECT,   A_SURNAME,              0, FLOW_ALWAYS },
  { A_TELEPHONE_NUMBER,     MAP_DIRECT,   A_TELEPHONE_NUMBER,     0, FLOW_ALWAYS },
  { A_USER_PRINCIPAL_NAME,  MAP_DIRECT,   A_USER_PRINCIPAL_NAME,  0, FLOW_ALWAYS },
  { A_SHOW_IN_ADDRESS_LIST, MAP_CONSTANT, -1, ATTR_TRUE, FLOW_ALWAYS },
  { A_MAIL,                 MAP_DIRECT,   A_MAIL,                 0, FLOW_ALWAYS },
  { A_USER_TYPE,            MAP_CONSTANT, -1, "Member",  FLOW_OBJECT_ADD_ONLY },
  { A_MANAGER,              MAP_DIRECT,   A_MANAGER,              0, FLOW_ALWAYS },
};

void mapping_free_entry(MapEntry *e){
  mem_free(e->zConst);
  mem_free(e->zExpr);
  mem_free(e->zDefault);
  expr_free(e->pExpr);
  memset(e, 0, sizeof(*e));
}

void mapping_free(MapEntry *aMap, int nMap){
  int i;
  for(i=0; i<nMap; i++) mapping_free_entry(&aMap[i]);
  mem_free(aMap);
}

int mapping_default(MapEntry **paMap, int *pnMap){
  int n = (int)(sizeof(aDefault)/sizeof(aDefault[0]));
  int i;
  MapEntry *a = mem_calloc((size_t)n, sizeof(MapEntry));
  if( a==NULL ) return -1;
  for(i=0; i<n; i++){
    a[i].iTarget = aDefault[i].iTarget;
    a[i].eType = aDefault[i].eType;
    a[i].iSource = aDefault[i].iSource;
    a[i].eFlow = aDefault[i].eFlow;
    a[i].bVolatile = aDefault[i].iTarget==A_MANAGER;   /* depends on the target */
    if( aDefault[i].zConst ){
      a[i].zConst = mem_strdup(aDefault[i].zConst);
      if( a[i].zConst==NULL ){
        mapping_free(a, n);
        return -1;
      }
    }
  }
  *paMap = a;
  *pnMap = n;
  return 0;
}

/* Expression context: the source user's attributes, the target's values. */
typedef struct MapCtx {
  World *w;
  const Job *j;
  const User *u;
  int iTarget;
  const char *zVal;        /* the one value handed to the expression */
} MapCtx;

static int map_attr(void *pCtx, const char *zName, const char *const **pazVal, int *pnVal){
  MapCtx *c = pCtx;
  int i = world_attr_find(c->w, zName, 0);
  c->zVal = i>=0 ? world_user_attr(c->w, c->u, i) : NULL;
  *pazVal = &c->zVal;
  *pnVal = c->zVal ? 1 : 0;
  return 0;
}

/* SelectUniqueValue: does a live user of the target tenant already hold
** zValue in the mapped attribute? A scan: SelectUniqueValue runs only when
** an object is created. */
static int map_taken(void *pCtx, const char *zValue){
  MapCtx *c = pCtx;
  char zUpn[512];
  int64_t i;
  if( c->iTarget==A_USER_PRINCIPAL_NAME ){
    directory_external_upn(zValue, c->w->aTenant[c->j->iTarget].zDomain, zUpn, sizeof(zUpn));
    zValue = zUpn;
  }
  for(i=0; i<c->w->nUser; i++){
    const User *t = &c->w->aUser[i];
    const char *z;
    if( t->iTenant!=c->j->iTarget || !user_is_live(t) ) continue;
    z = world_user_attr(c->w, t, c->iTarget);
    if( z && strcmp(z, zValue)==0 ) return 1;
  }
  return 0;
}

static void map_set(MapValue *pv, const char *z){
  pv->e = MV_VALUE;
  pv->z = z;
}

/* A manager flows as the target user linked to the source manager: both
** must be in scope. An unprovisioned manager leaves the attribute alone
** (the user is provisioned without one), and manager is never synced
** across clouds. */
static void mapping_resolve_manager(World *w, const Job *j, MapValue *pv){
  const User *m = world_user_by_object_id(w, pv->z);
  const User *t = NULL;
  const Pair *pm = m ? pair_peek(j, m->id) : NULL;
  if( strcmp(w->aTenant[j->iSource].zCloud, w->aTenant[j->iTarget].zCloud)!=0 ){
    pv->e = MV_IGNORE;
    pv->z = NULL;
    return;
  }
  if( pm && pm->iTarget ){
    t = world_user(w, pm->iTarget);
  }
  if( t==NULL || !user_is_live(t) ){
    pv->e = MV_IGNORE;
    pv->z = NULL;
    return;
  }
  pv->z = t->zObjectId;
}

void mapping_eval(World *w, const Job *j, const MapEntry *e, const User *u,
                  const User *pTarget, int bCreate, MapValue *pv){
  const char *zTarget;
  pv->e = MV_NULL;
  pv->z = NULL;
  pv->zOwned = NULL;
  pv->bRedact = 0;
  pv->zErr[0] = 0;
  switch( e->eType ){
    case MAP_CONSTANT:
      map_set(pv, e->zConst);
      break;
    case MAP_DIRECT:
      if( world_user_attr(w, u, e->iSource) ) map_set(pv, world_user_attr(w, u, e->iSource));
      break;
    case MAP_NONE:
      zTarget = pTarget ? world_user_attr(w, pTarget, e->iTarget) : NULL;
      pv->e = MV_IGNORE;
      if( e->zDefault && (bCreate || zTarget==NULL || zTarget[0]==0) ) map_set(pv, e->zDefault);
      return;
    case MAP_EXPRESSION: {
      MapCtx ctx;
      ExprEnv env;
      ExprResult res;
      TsErr err;
      memset(&ctx, 0, sizeof(ctx));
      memset(&env, 0, sizeof(env));
      memset(&res, 0, sizeof(res));
      ctx.w = w; ctx.j = j; ctx.u = u; ctx.iTarget = e->iTarget;
      env.xAttr = map_attr;
      env.pCtx = &ctx;
      env.tNowEpoch = w->tStartEpoch + w->tNow;
      env.pRng = &w->rngExpr;
      env.xTaken = map_taken;
      tserr_clear(&err);
      if( expr_eval(e->pExpr, &env, &res, &err) ){
        if( err.rc==TS_NOMEM ) w->bNoMem = 1;
        pv->e = MV_ERROR;
        snprintf(pv->zErr, sizeof(pv->zErr), "%.299s", err.zMsg);
      }else switch( res.eOutcome ){
        case EXPR_VALUE:
          pv->zOwned = mem_strdup(res.azValue[0]);
          if( pv->zOwned==NULL ){ w->bNoMem = 1; pv->e = MV_ERROR; break; }
          map_set(pv, pv->zOwned);
          pv->bRedact = res.bRedact;
          break;
        case EXPR_IGNORE_FLOW:   pv->e = MV_IGNORE; break;
        case EXPR_ESCROW:        pv->e = MV_ESCROW; break;
        case EXPR_IGNORE_OBJECT: pv->e = MV_SKIP_OBJECT; break;
        default:                 break;
      }
      expr_result_free(&res);
      break;
    }
  }
  if( pv->e==MV_VALUE && e->iTarget==A_MANAGER ) mapping_resolve_manager(w, j, pv);
  if( pv->e==MV_NULL && bCreate && e->zDefault ) map_set(pv, e->zDefault);
  if( pv->e==MV_VALUE && e->iTarget==A_USER_PRINCIPAL_NAME ){
    directory_external_upn(pv->z, w->aTenant[j->iTarget].zDomain, pv->zBuf, sizeof(pv->zBuf));
    pv->z = pv->zBuf;
  }
}

void mapping_value_clear(MapValue *pv){
  mem_free(pv->zOwned);
  pv->zOwned = NULL;
  pv->z = NULL;
}
