/*
** audit.c — audit-log rows (audit.h).
*/
#include <string.h>
#include "audit.h"

static const char zSqlAudit[] =
  "INSERT INTO audit_log(at, tenant, category, activity, actor, target_type,"
  " target_id, target_name, result, detail, actor_app_id)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,'success',?9,?10)";

void audit_write(World *w, int iTenant, const char *zCategory,
                 const char *zActivity, const char *zActor,
                 const char *zTargetType, const char *zTargetId,
                 const char *zTargetName, const char *zDetail){
  StoreStmt *p = store_write(w->pStore, zSqlAudit);
  if( p==NULL ) return;
  store_put_int(p, 1, w->tNow);
  store_put_int(p, 2, iTenant);
  store_put_text(p, 3, zCategory);
  store_put_text(p, 4, zActivity);
  store_put_text(p, 5, zActor);
  store_put_text(p, 6, zTargetType);
  store_put_text(p, 7, zTargetId);
  store_put_text(p, 8, zTargetName);
  store_put_text(p, 9, zDetail);
  store_put_text(p, 10, zActor && strcmp(zActor, AUDIT_ACTOR_SYNC)==0 ? AUDIT_SYNC_APP_ID : NULL);
  store_run(w->pStore, p);
}
