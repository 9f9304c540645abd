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

/* The cycle and, when it got that far, its provisioning-log row. */
static const char zLatestSql[] =
  "SELECT c.state, c.error_code, c.error_message, p.status, p.action, p.reason,"
  " p.change_type, p.source_display, su.object_id, su.net_id, tt.key, p.scope_active,"
  " p.scope_assigned, p.scope_filter, j.scope='all', p.skip_reason, p.match_result,"
  " p.export_step, p.error_code"
  " FROM cycles c JOIN jobs j ON j.idx=c.job JOIN tenants tt ON tt.idx=j.target"
  " LEFT JOIN provisioning_log p ON p.cycle=c.id LEFT JOIN users su ON su.id=p.source_user"
  " WHERE c.kind='onDemand' ORDER BY c.id DESC LIMIT 1";

static const char *col_text(sqlite3_stmt *q, int i){
  return (const char*)sqlite3_column_text(q, i);
}

/* The facts of the row q is on (columns of zLatestSql), for provjson. */
static void ondemand_facts(sqlite3_stmt *q, ProvFacts *f){
  memset(f, 0, sizeof(*f));
  f->zStatus = col_text(q, 3);
  f->zAction = col_text(q, 4);
  f->zReason = col_text(q, 5);
  f->zChangeType = col_text(q, 6);
  f->zSourceDisplay = col_text(q, 7);
  f->zSourceObjectId = col_text(q, 8);
  f->zSourceNetId = col_text(q, 9);
  f->zTargetTenant = col_text(q, 10);
  f->bActive = sqlite3_column_int(q, 11);
  f->bAssigned = sqlite3_column_int(q, 12);
  f->bFilter = sqlite3_column_int(q, 13);
  f->bSyncAll = sqlite3_column_int(q, 14);
  f->zSkipReason = col_text(q, 15);
  f->zMatch = col_text(q, 16);
  f->zExportStep = col_text(q, 17);
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
  if( col_text(q, 18) ) fprintf(out, "   error: %s\n", col_text(q, 18));
  cJSON_Delete(pSteps);
  if( ferror(out) ) rc = tserr_set(pErr, TS_IOERR, "cannot write the on-demand steps");
  return rc;
}

int ondemand_steps_write(Store *pStore, FILE *out, TsErr *pErr){
  sqlite3_stmt *q = store_stmt(pStore, zLatestSql);
  int rc = TS_OK;
  if( q==NULL ) return store_error(pStore, pErr);
  if( sqlite3_step(q)==SQLITE_ROW ){
    if( sqlite3_column_type(q, 3)==SQLITE_NULL ){
      fprintf(out, "1. Test connection: failure — %s\n   %s\n",
              col_text(q, 0) && col_text(q, 1) ? col_text(q, 1) : "",
              col_text(q, 2) ? col_text(q, 2) : "");
      if( ferror(out) ) rc = tserr_set(pErr, TS_IOERR, "cannot write the on-demand steps");
    }else{
      rc = ondemand_print_steps(q, out, pErr);
    }
  }
  sqlite3_reset(q);
  return rc;
}
