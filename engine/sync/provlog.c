/*
** provlog.c — writing provisioning-log rows (provlog.h). The rows hold
** the facts of each step; reports/provjson.c renders them in Graph's
** shapes.
*/
#include <stdlib.h>
#include "tslimits.h"
#include "scope.h"
#include "job.h"
#include "provlog.h"

static const char zSqlProv[] =
  "INSERT INTO provisioning_log_rows(activity_at, job, cycle, change_id, action, status,"
  " error_code, reason, source_user, target_user, source_display, target_display,"
  " duration_ms, change_type, scope_active, scope_assigned, scope_filter, skip_reason,"
  " match_result, export_step, modified_properties, stop_step, property_list, created_values)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,"
  "?23,?24)";

static const char zSqlList[] = "INSERT INTO property_lists(id, names) VALUES(?1,?2)";

/* The property_lists id of the names zNames (a JSON array), its row written
** the first time; 0 when the create is to be stored in full: memory ran
** out, or TENANTSIM_FULL_PROPERTIES is set in the environment (the tests
** compare the provisioning_log view both ways). */
static int64_t provlog_list(World *w, const char *zNames){
  int64_t id, iOld;
  StoreStmt *s;
  int rc;
  if( w->eFullProps==0 ) w->eFullProps = getenv("TENANTSIM_FULL_PROPERTIES") ? 2 : 1;
  if( w->eFullProps==2 ) return 0;
  id = (int64_t)w->propLists.nLive + 1;
  rc = hmap_add(&w->propLists, zNames, id, &iOld);
  if( rc<0 ) return 0;
  if( rc==0 ) return iOld;
  if( (s = store_write(w->pStore, zSqlList))==NULL ){
    hmap_del(&w->propLists, zNames);   /* no row: the next create tries again */
    return 0;
  }
  store_put_int(s, 1, id);
  store_put_text(s, 2, zNames);
  store_run(w->pStore, s);
  return id;
}

static const char *display_of(const World *w, const User *u){
  const char *z;
  if( u==NULL ) return NULL;
  if( (z = world_user_attr(w, u, A_DISPLAY_NAME))!=NULL ) return z;
  if( (z = world_user_attr(w, u, A_USER_PRINCIPAL_NAME))!=NULL ) return z;
  return u->zObjectId;
}

/* Graph's provisioningAction name of e. */
static const char *provlog_action_name(ProvAction e){
  switch( e ){
    case PROV_CREATE:        return "create";
    case PROV_UPDATE:        return "update";
    case PROV_DELETE:        return "delete";
    case PROV_DISABLE:       return "disable";
    case PROV_STAGED_DELETE: return "stagedDelete";
    default:                 return "other";
  }
}

void provlog_write(World *w, Job *j, const ProvEntry *e){
  char zChange[TS_GUID_SIZE];
  StoreStmt *s;
  int bActive = attr_is_true(world_user_attr(w, e->pSource, A_ACCOUNT_ENABLED)) && e->eOut!=OUT_DELETED;
  int64_t iList = e->zCreatedNames ? provlog_list(w, e->zCreatedNames) : 0;
  rng_guid(&w->rngRunIds, zChange);
  s = store_write(w->pStore, zSqlProv);
  if( s==NULL ) return;
  store_put_int(s, 1, w->tNow);
  store_put_int(s, 2, (int)(j - w->aJob));
  store_put_int(s, 3, j->run.iRow);
  store_put_text(s, 4, zChange);
  store_put_text(s, 5, provlog_action_name(e->eAction));
  store_put_text(s, 6, e->zStatus);
  store_put_text(s, 7, e->zErrorCode);
  store_put_text(s, 8, e->zReason);
  store_put_int(s, 9, e->pSource->id);
  store_put_opt_int(s, 10, e->pTarget ? e->pTarget->id : 0, e->pTarget==NULL);
  store_put_text(s, 11, display_of(w, e->pSource));
  store_put_text(s, 12, display_of(w, e->pTarget));
  store_put_int(s, 13, e->msDuration);
  store_put_text(s, 14, e->zImportType);
  store_put_int(s, 15, bActive);
  store_put_int(s, 16, e->bAssigned);
  store_put_int(s, 17, e->eOut!=OUT_FILTERED);
  store_put_text(s, 18, e->bInScope ? NULL : scope_reason_name(e->eOut));
  store_put_text(s, 19, e->zMatch);
  store_put_text(s, 20, e->zExportStep);
  if( iList ){
    store_put_null(s, 21);
  }else{
    store_put_text(s, 21, e->zModified ? e->zModified : "[]");
  }
  store_put_text(s, 22, e->zStopStep);
  store_put_opt_int(s, 23, iList, iList==0);
  store_put_text(s, 24, iList ? e->zCreatedValues : NULL);
  store_run(w->pStore, s);
}
