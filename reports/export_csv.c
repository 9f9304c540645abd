/*
** export_csv.c — a finished run's tables as CSV files (export_csv.h).
**
** Four files are straight queries: changes.csv, cycles.csv,
** provisioning_log.csv and audit_log.csv. Each query names its columns
** with the header the file gets, turns job and tenant indexes into keys
** and times (seconds from the start) into ISO-8601 instants with SQLite's
** strftime on start + t, the same form simtime_format_instant writes, so
** one generic writer copies any result set to a file. changes.csv has a
** latency only for converged changes (the samples: desired.h). orphans.csv
** is not a table: it comes from report_build's Report, with the fields of
** the JSON report's account items and their class (orphaned,
** disabled_by_sync, preexisting).
**
** Format (RFC 4180): a header row; fields separated by commas; a field
** that holds a comma, a double quote, CR or LF is enclosed in double
** quotes with its quotes doubled; every record, the last included, ends
** in CRLF. NULL is an empty field. Each query has an ORDER BY on a unique
** key, so the bytes depend on the database alone.
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "mem.h"
#include "strbuf.h"
#include "simtime.h"
#include "report.h"
#include "export_csv.h"
#include "provjson.h"

/* ISO instant of the column expression X (seconds from the start, ?1 the
** start as seconds since 1970); NULL stays NULL. */
#define EXPORT_ISO(X) "strftime('%Y-%m-%dT%H:%M:%SZ', ?1 + " X ", 'unixepoch')"

static const char zSqlChanges[] =
  "SELECT c.id AS change_id, j.key AS job, u.key AS source_user, c.cause AS cause,"
  " c.action AS timeline_seq, " EXPORT_ISO("c.at") " AS at, c.outcome AS outcome,"
  " " EXPORT_ISO("c.converged_at") " AS converged_at,"
  " " EXPORT_ISO("c.closed_at") " AS closed_at, c.reason AS reason,"
  " CASE WHEN c.outcome='converged' THEN c.converged_at - c.at END AS latency_seconds"
  " FROM changes c JOIN jobs j ON j.idx=c.job LEFT JOIN users u ON u.id=c.source_user"
  " ORDER BY c.id";

static const char zSqlCycles[] =
  "SELECT j.key AS job, c.cycle_id AS cycle_id, c.kind AS kind,"
  " " EXPORT_ISO("c.began") " AS began,"
  " " EXPORT_ISO("c.ended") " AS ended,"
  " c.count_imported AS count_imported, c.count_exported AS count_exported,"
  " c.count_escrowed AS count_escrowed, c.count_skipped AS count_skipped,"
  " c.state AS state, c.error_code AS error_code"
  " FROM cycles c JOIN jobs j ON j.idx=c.job ORDER BY c.id";

static const char zSqlProvLog[] =
  "SELECT p.id AS id, " EXPORT_ISO("p.activity_at") " AS activity_at,"
  " j.key AS job, c.cycle_id AS cycle, p.change_id AS change_id, p.action AS action,"
  " p.status AS status, p.error_code AS error_code, p.reason AS reason,"
  " su.key AS source_user, su.object_id AS source_object_id,"
  " tu.object_id AS target_object_id, tu.user_principal_name AS target_user_principal_name,"
  " p.source_display AS source_display, p.target_display AS target_display,"
  " p.duration_ms AS duration_ms, p.change_type AS change_type,"
  " p.scope_active AS scope_active, p.scope_assigned AS scope_assigned,"
  " p.scope_filter AS scope_filter, p.skip_reason AS skip_reason,"
  " p.match_result AS match_result, p.export_step AS export_step,"
  " p.modified_properties AS modified_properties, p.object_type AS object_type,"
  " sg.key AS source_group, sg.object_id AS source_group_object_id,"
  " tg.object_id AS target_group_object_id,"
  " pl.names AS created_names, p.created_values AS created_values"
  " FROM provisioning_log_rows p JOIN jobs j ON j.idx=p.job"
  " LEFT JOIN property_lists pl ON pl.id=p.property_list"
  " LEFT JOIN cycles c ON c.id=p.cycle"
  " LEFT JOIN users su ON su.id=p.source_user LEFT JOIN users tu ON tu.id=p.target_user"
  " LEFT JOIN groups sg ON sg.idx=p.source_group LEFT JOIN groups tg ON tg.idx=p.target_group"
  " ORDER BY p.id";

static const char zSqlAudit[] =
  "SELECT a.id AS id, " EXPORT_ISO("a.at") " AS at, t.key AS tenant,"
  " a.category AS category, a.activity AS activity, a.actor AS actor,"
  " a.target_type AS target_type, a.target_id AS target_id,"
  " a.target_name AS target_name, a.result AS result, a.detail AS detail,"
  " a.actor_app_id AS actor_app_id"
  " FROM audit_log a LEFT JOIN tenants t ON t.idx=a.tenant ORDER BY a.id";

/* ============================================================ writer */

/* Append one field to a record (a comma first unless it is the first),
** quoted when it must be. NULL is an empty field. */
static void export_csv_field(StrBuf *pRec, int iCol, const char *z){
  if( iCol>0 ) strbuf_appendc(pRec, ',');
  if( z==NULL ) return;
  if( strpbrk(z, ",\"\r\n")==NULL ){
    strbuf_append(pRec, z);
    return;
  }
  strbuf_appendc(pRec, '"');
  for(; *z; z++){
    if( *z=='"' ) strbuf_appendc(pRec, '"');
    strbuf_appendc(pRec, *z);
  }
  strbuf_appendc(pRec, '"');
}

/* End the record in pRec, write it to out and empty pRec. 0 or -1. */
static int export_csv_record(StrBuf *pRec, FILE *out){
  int rc = 0;
  strbuf_append(pRec, "\r\n");
  if( pRec->bErr || fwrite(strbuf_str(pRec), 1, pRec->n, out)!=pRec->n ) rc = -1;
  strbuf_reset(pRec);
  return rc;
}

/* An open output file zDir/zName and a record buffer. */
typedef struct ExportFile {
  FILE *out;
  StrBuf rec;
  char zPath[4096];
} ExportFile;

/* Create zDir/zName for writing. TS_OK or TS_IOERR with pErr filled. */
static int export_csv_open(ExportFile *f, const char *zDir, const char *zName,
                           TsErr *pErr){
  strbuf_init(&f->rec);
  if( (size_t)snprintf(f->zPath, sizeof(f->zPath), "%s/%s", zDir, zName)>=sizeof(f->zPath) ){
    f->out = NULL;
    return tserr_set(pErr, TS_IOERR, "%s/%s: path too long", zDir, zName);
  }
  f->out = fopen(f->zPath, "wb");
  if( f->out==NULL ){
    return tserr_set(pErr, TS_IOERR, "%s: cannot create: %s", f->zPath, strerror(errno));
  }
  return TS_OK;
}

/* Close the file; rc is the status so far. Returns rc, or TS_IOERR (with
** pErr filled) when the close or an earlier write failed and rc was TS_OK. */
static int export_csv_close(ExportFile *f, int rc, TsErr *pErr){
  if( f->out ){
    int bBad = ferror(f->out);
    if( fclose(f->out)!=0 ) bBad = 1;
    if( rc==TS_OK && bBad ){
      rc = tserr_set(pErr, TS_IOERR, "%s: write failed", f->zPath);
    }
  }
  strbuf_free(&f->rec);
  return rc;
}

/* Write the result of zSql (a static string; ?1 bound to tStart) to
** zDir/zName: the column names as header, then every row. A query whose
** last two columns are created_names and created_values reads
** provisioning_log_rows: those two are not written, and make the
** modified_properties of a create stored compactly (provjson.h), as the
** provisioning_log view would, at a fraction of the view's cost. */
static int export_csv_query(Store *pStore, const char *zDir, const char *zName,
                            const char *zSql, int64_t tStart, TsErr *pErr){
  ExportFile f;
  sqlite3_stmt *pStmt;
  StrBuf props;
  ProvNames names;
  int rc, e, i, nCol, iProps = -1;

  strbuf_init(&props);
  memset(&names, 0, sizeof(names));
  rc = export_csv_open(&f, zDir, zName, pErr);
  if( rc ) goto out_close;
  pStmt = store_stmt(pStore, zSql);
  if( pStmt==NULL ){
    rc = tserr_set(pErr, TS_IOERR, "%s: cannot read the run database: %s",
                   f.zPath, sqlite3_errmsg(store_db(pStore)));
    goto out_close;
  }
  sqlite3_bind_int64(pStmt, 1, tStart);
  nCol = sqlite3_column_count(pStmt);
  if( nCol>2 && strcmp(sqlite3_column_name(pStmt, nCol-1), "created_values")==0 ){
    nCol -= 2;
    for(i=0; i<nCol; i++){
      if( strcmp(sqlite3_column_name(pStmt, i), "modified_properties")==0 ) iProps = i;
    }
  }
  for(i=0; i<nCol; i++) export_csv_field(&f.rec, i, sqlite3_column_name(pStmt, i));
  if( export_csv_record(&f.rec, f.out) ) goto out_write;
  while( (e = sqlite3_step(pStmt))==SQLITE_ROW ){
    for(i=0; i<nCol; i++){
      const char *z = (const char*)sqlite3_column_text(pStmt, i);
      if( i==iProps && z==NULL ){
        strbuf_reset(&props);
        if( provjson_created_triples(&names, (const char*)sqlite3_column_text(pStmt, nCol),
                                     (const char*)sqlite3_column_text(pStmt, nCol+1), &props) ){
          rc = props.bErr ? tserr_set(pErr, TS_NOMEM, "%s: out of memory", f.zPath)
                          : tserr_set(pErr, TS_ERR, "%s: a provisioning_log row's"
                                      " created_values and property_lists names are not"
                                      " two arrays of one length", f.zPath);
          goto out_reset;
        }
        z = strbuf_str(&props);
      }
      export_csv_field(&f.rec, i, z);
    }
    if( export_csv_record(&f.rec, f.out) ) goto out_write;
  }
  if( e!=SQLITE_DONE ){
    rc = tserr_set(pErr, TS_IOERR, "%s: cannot read the run database: %s",
                   f.zPath, sqlite3_errmsg(store_db(pStore)));
  }
  goto out_reset;
out_write:
  rc = tserr_set(pErr, f.rec.bErr ? TS_NOMEM : TS_IOERR, "%s: %s", f.zPath,
                 f.rec.bErr ? "out of memory" : "write failed");
out_reset:
  sqlite3_reset(pStmt);
out_close:
  strbuf_free(&props);
  provjson_names_free(&names);
  return export_csv_close(&f, rc, pErr);
}

/* Append the accounts a[0..n) of class zClass to orphans.csv. */
static int export_csv_accounts(ExportFile *f, const Report *p, const char *zClass,
                               const ReportOrphan *a, int n){
  char zSince[REPORT_TEXT_SIZE], zAge[24];
  int i;
  for(i=0; i<n; i++){
    const ReportOrphan *o = &a[i];
    snprintf(zAge, sizeof(zAge), "%lld", (long long)o->nAge);
    export_csv_field(&f->rec, 0, zClass);
    export_csv_field(&f->rec, 1, o->zTargetTenant);
    export_csv_field(&f->rec, 2, o->zObjectId);
    export_csv_field(&f->rec, 3, o->zUpn);
    export_csv_field(&f->rec, 4, o->zDisplayName);
    export_csv_field(&f->rec, 5, o->zSourceTenant);
    export_csv_field(&f->rec, 6, o->zSourceUser);
    export_csv_field(&f->rec, 7, o->zJob);
    export_csv_field(&f->rec, 8, o->zReason);
    export_csv_field(&f->rec, 9, o->zSourceState);
    export_csv_field(&f->rec, 10, report_format_instant(p, o->tSince, zSince, sizeof(zSince)));
    export_csv_field(&f->rec, 11, zAge);
    if( export_csv_record(&f->rec, f->out) ) return -1;
  }
  return 0;
}

/* Write orphans.csv from the Report: every guest account left behind, the
** orphaned ones first, with its class. */
static int export_csv_orphans(const Report *p, const char *zDir, TsErr *pErr){
  static const char *const azHead[] = {
    "class", "target_tenant", "object_id", "user_principal_name", "display_name",
    "source_tenant", "source_user", "job", "reason", "source_state",
    "orphaned_since", "age_seconds"
  };
  ExportFile f;
  int rc, c;

  rc = export_csv_open(&f, zDir, "orphans.csv", pErr);
  if( rc ) goto out_close;
  for(c=0; c<12; c++) export_csv_field(&f.rec, c, azHead[c]);
  if( export_csv_record(&f.rec, f.out) ) goto out_write;
  if( export_csv_accounts(&f, p, "orphaned", p->aOrphan, p->nOrphan)
   || export_csv_accounts(&f, p, "disabled_by_sync", p->aDisabled, p->nDisabled)
   || export_csv_accounts(&f, p, "preexisting", p->aPreexisting, p->nPreexisting) ){
    goto out_write;
  }
  goto out_close;
out_write:
  rc = tserr_set(pErr, f.rec.bErr ? TS_NOMEM : TS_IOERR, "%s: %s", f.zPath,
                 f.rec.bErr ? "out of memory" : "write failed");
out_close:
  return export_csv_close(&f, rc, pErr);
}

/* ============================================================ API */

int export_csv(Store *pStore, const char *zDir, TsErr *pErr){
  Report *pReport = NULL;
  int rc;

  if( mkdir(zDir, 0777)!=0 && errno!=EEXIST ){
    return tserr_set(pErr, TS_IOERR, "%s: cannot create the directory: %s",
                     zDir, strerror(errno));
  }
  /* The Report gives the orphans and, having checked run_info, the start. */
  rc = report_build(pStore, &pReport, pErr);
  if( rc ) goto out_free;
  rc = export_csv_query(pStore, zDir, "changes.csv", zSqlChanges, pReport->tStartEpoch, pErr);
  if( rc ) goto out_free;
  rc = export_csv_query(pStore, zDir, "cycles.csv", zSqlCycles, pReport->tStartEpoch, pErr);
  if( rc ) goto out_free;
  rc = export_csv_orphans(pReport, zDir, pErr);
  if( rc ) goto out_free;
  rc = export_csv_query(pStore, zDir, "provisioning_log.csv", zSqlProvLog,
                        pReport->tStartEpoch, pErr);
  if( rc ) goto out_free;
  rc = export_csv_query(pStore, zDir, "audit_log.csv", zSqlAudit, pReport->tStartEpoch, pErr);
out_free:
  report_free(pReport);
  return rc;
}
