/*
** ondemand.c — the steps of the latest on-demand provisioning of a run
** (ondemand.h), as the admin center lists them. The step texts are
** provjson.c's, the same ones the provisioning log carries.
*/
#include <cjson/cJSON.h>
#include <string.h>
#include "ondemand.h"
#include "provjson.h"
#include "strbuf.h"

/* The latest on-demand provisioning's provisioning-log row: every outcome
** has one, a failed connection test and an object not found included. */
static const char zLatestSql[] =
  "SELECT p.status, p.action, p.reason,"
  " p.change_type, p.source_display, COALESCE(su.object_id, sg.object_id), su.net_id, tt.key,"
  " p.scope_active, p.scope_assigned, p.scope_filter, j.scope='all', p.skip_reason,"
  " p.match_result, p.export_step, p.error_code, p.object_type, p.stop_step"
  " FROM cycles c JOIN jobs j ON j.idx=c.job JOIN tenants tt ON tt.idx=j.target"
  " JOIN provisioning_log p ON p.cycle=c.id LEFT JOIN users su ON su.id=p.source_user"
  " LEFT JOIN groups sg ON sg.idx=p.source_group"
  " WHERE c.kind='onDemand' ORDER BY c.id DESC LIMIT 1";

static const char *col_text(sqlite3_stmt *q, int i){
  return (const char*)sqlite3_column_text(q, i);
}

/* The facts of the row q is on (columns of zLatestSql), for provjson. */
static void ondemand_facts(sqlite3_stmt *q, ProvFacts *f){
  memset(f, 0, sizeof(*f));
  f->zStatus = col_text(q, 0);
  f->zAction = col_text(q, 1);
  f->zReason = col_text(q, 2);
  f->zChangeType = col_text(q, 3);
  f->zSourceDisplay = col_text(q, 4);
  f->zSourceObjectId = col_text(q, 5);
  f->zSourceNetId = col_text(q, 6);
  f->zTargetTenant = col_text(q, 7);
  f->bActive = sqlite3_column_int(q, 8);
  f->bAssigned = sqlite3_column_int(q, 9);
  f->bFilter = sqlite3_column_int(q, 10);
  f->bSyncAll = sqlite3_column_int(q, 11);
  f->zSkipReason = col_text(q, 12);
  f->zMatch = col_text(q, 13);
  f->zExportStep = col_text(q, 14);
  f->zObjectType = col_text(q, 16);
  f->zStopStep = col_text(q, 17);
}

static const char *member_text(const cJSON *p, const char *zKey){
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, zKey));
}

/* Print the numbered steps of the row q is on. */
static int ondemand_print_steps(sqlite3_stmt *q, FILE *out, TsErr *pErr){
  ProvFacts f;
  StrBuf b;
  cJSON *pSteps, *pStep;
  int i = 1, rc = TS_OK;
  ondemand_facts(q, &f);
  strbuf_init(&b);
  provjson_steps(&f, &b);
  pSteps = b.bErr ? NULL : cJSON_Parse(strbuf_str(&b));
  strbuf_free(&b);
  if( pSteps==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  cJSON_ArrayForEach(pStep, pSteps){
    const cJSON *d, *pDetails = cJSON_GetObjectItemCaseSensitive(pStep, "details");
    fprintf(out, "%d. %s (%s): %s\n   %s\n", i++, member_text(pStep, "name"),
            member_text(pStep, "provisioningStepType"), member_text(pStep, "status"),
            member_text(pStep, "description"));
    if( pDetails ) cJSON_ArrayForEach(d, pDetails){
      fprintf(out, "     %s = %s\n", d->string, cJSON_GetStringValue(d) ? cJSON_GetStringValue(d) : "");
    }
  }
  if( col_text(q, 15) ) fprintf(out, "   error: %s\n", col_text(q, 15));
  cJSON_Delete(pSteps);
  if( ferror(out) ) rc = tserr_set(pErr, TS_IOERR, "cannot write the on-demand steps");
  return rc;
}

int ondemand_steps_write(Store *pStore, FILE *out, TsErr *pErr){
  sqlite3_stmt *q = store_stmt(pStore, zLatestSql);
  int rc = TS_OK;
  if( q==NULL ) return store_error(pStore, pErr);
  if( sqlite3_step(q)==SQLITE_ROW ) rc = ondemand_print_steps(q, out, pErr);
  sqlite3_reset(q);
  return rc;
}
