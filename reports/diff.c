/*
** diff.c — compare the end states of two runs (see diff.h).
**
** Both databases are read with one query each, ordered by (job key, source
** user key), and merged like two sorted files: a pair only one run has is
** compared with "never in scope, no target user". Only differing pairs
** are kept in memory, so comparing two 100,000-user runs that agree costs
** two sequential scans; the second run's rows are read ahead on a second
** thread (diff_rows.c) so the two scans overlap on two cores. The merge
** needs byte order (SQLite's); the users kept are then sorted into natural
** order for the writers. The text and JSON writers are here, the page is
** diff_html.c's.
*/
#include <stdlib.h>
#include <string.h>
#include "attr.h"
#include "diffInt.h"
#include "diff_rows.h"
#include "html_kit.h"
#include "mem.h"
#include "strbuf.h"
#include "tslimits.h"

static const char *const azKind[DIFF_NKIND] = {
  "created", "deleted", "soft_deleted", "out_of_scope", "in_scope", "attributes", "not_created",
  "disabled", "enabled"
};
static const char *const azKindText[DIFF_NKIND] = {
  "created", "deleted", "soft-deleted", "newly out of scope", "newly in scope",
  "attributes changed", "not created", "disabled", "enabled"
};

const char *diff_kind_name(int k){ return k>=0 && k<DIFF_NKIND ? azKind[k] : "?"; }
const char *diff_kind_text(int k){ return k>=0 && k<DIFF_NKIND ? azKindText[k] : "?"; }

/* Columns of the pair query; the attributes follow from COL_ATTR on. */
enum { COL_JOB, COL_SRC, COL_TARGET, COL_STATE, COL_REASON, COL_TID, COL_OID,
       COL_DELETED, COL_PURGED, COL_ATTR };

/* The pair query, built once from the attribute catalog. It walks the jobs
** by key (their UNIQUE index) and, for each, its source tenant's users by
** key (users_tenant), probing desired by its primary key: the rows come in
** the ORDER BY's order with no sort, so a million pairs stream instead of
** passing through a temporary b-tree of a million wide rows. Every desired
** row is reached: a job's pairs are users of its source tenant (desired.c),
** and source users have keys (target users, whose key is NULL, are
** skipped by the index range). The CROSS JOINs fix that loop order. */
static char zSqlPairs[2048];
static const char zSqlExt[] =
  "SELECT name, value FROM user_extensions WHERE user_id=?1 ORDER BY name";
static const char zSqlHasExt[] = "SELECT EXISTS(SELECT 1 FROM user_extensions)";
static const char zSqlInfo[] =
  "SELECT (SELECT value FROM run_info WHERE key='scenario'),"
  " (SELECT value FROM run_info WHERE key='seed')";

/* 0, or -1 when memory ran out (the query is then built next time). */
static int diff_sql_init(void){
  StrBuf b;
  int i;
  if( zSqlPairs[0] ) return 0;
  strbuf_init(&b);
  strbuf_append(&b, "SELECT j.key, su.key, tt.key, d.state, d.reason, tu.id, tu.object_id,"
                    " tu.deleted_at, tu.purged_at");
  for(i=0; i<A_COUNT; i++) strbuf_printf(&b, ", tu.%s", attr_info(i)->zColumn);
  strbuf_append(&b, " FROM jobs j CROSS JOIN users su ON su.tenant=j.source AND su.key IS NOT NULL"
                    " CROSS JOIN desired d ON d.job=j.idx AND d.source_user=su.id"
                    " JOIN tenants tt ON tt.idx=j.target"
                    " LEFT JOIN links l ON l.job=d.job AND l.source_user=d.source_user"
                    " LEFT JOIN users tu ON tu.id=l.target_user"
                    " ORDER BY j.key, su.key");
  ts_assert( b.n < sizeof(zSqlPairs) );   /* the catalog is fixed: it fits */
  if( b.bErr ){
    strbuf_free(&b);
    return -1;
  }
  if( b.n < sizeof(zSqlPairs) ) memcpy(zSqlPairs, strbuf_str(&b), b.n+1);
  strbuf_free(&b);
  return 0;
}

/* What one run says about one pair. */
typedef struct Side {
  sqlite3_stmt *q;         /* positioned on the pair's row, or NULL */
  const DiffRow *pRow;     /* or the pair's row as read ahead, or NULL */
  Store *pStore;
  int bExt;                /* the run has extension attributes at all */
  int bLive, bSoft, bInScope, bEver;
  int64_t idTarget;
} Side;

static const char *side_col(const Side *s, int iCol);

/* Side s is the row q is on, or pRow, or (both NULL) no row. */
static void side_read(Side *s, sqlite3_stmt *q, const DiffRow *pRow, Store *pStore, int bExt){
  const char *zState;
  s->q = q;
  s->pRow = pRow;
  s->pStore = pStore;
  s->bExt = bExt;
  s->bLive = s->bSoft = s->bInScope = s->bEver = 0;
  s->idTarget = 0;
  if( q==NULL && pRow==NULL ) return;
  zState = side_col(s, COL_STATE);
  s->bInScope = zState && strcmp(zState, "absent")!=0;
  s->bEver = side_col(s, COL_TID)!=NULL;
  if( s->bEver && side_col(s, COL_PURGED)==NULL ){
    s->idTarget = q ? sqlite3_column_int64(q, COL_TID) : pRow->iKey;
    if( side_col(s, COL_DELETED)==NULL ) s->bLive = 1;
    else s->bSoft = 1;
  }
}

/* The pair state as words: "present", "disabled", "absent (filtered)". */
static char *side_state(const Side *s){
  const char *zState, *zReason;
  StrBuf b;
  if( s->q==NULL && s->pRow==NULL ) return mem_strdup("never in scope");
  zState = side_col(s, COL_STATE);
  zReason = side_col(s, COL_REASON);
  strbuf_init(&b);
  strbuf_append(&b, zState ? zState : "?");
  if( zReason && zReason[0] ) strbuf_printf(&b, " (%s)", zReason);
  return strbuf_take(&b);
}

static const char *side_col(const Side *s, int iCol){
  if( s->q ) return (const char*)sqlite3_column_text(s->q, iCol);
  return s->pRow ? s->pRow->az[iCol] : NULL;
}

/* Attribute i of a live side as Graph renders it (Booleans True/False). */
static const char *side_attr(const Side *s, int i){
  const char *z = side_col(s, COL_ATTR+i);
  if( z && attr_info(i)->eType==ATTR_BOOL ) return attr_is_true(z) ? ATTR_TRUE : ATTR_FALSE;
  return z;
}

static int str_differs(const char *a, const char *b){
  if( a==NULL || b==NULL ) return a!=b;
  return strcmp(a, b)!=0;
}

static int user_add_attr(DiffUser *u, const char *zName, const char *zOld, const char *zNew){
  DiffAttr *aNew = mem_realloc(u->aAttr, sizeof(DiffAttr)*(size_t)(u->nAttr+1));
  DiffAttr *a;
  if( aNew==NULL ) return -1;
  u->aAttr = aNew;
  a = &u->aAttr[u->nAttr++];
  a->zName = mem_strdup(zName);
  a->zOld = zOld ? mem_strdup(zOld) : NULL;
  a->zNew = zNew ? mem_strdup(zNew) : NULL;
  if( a->zName==NULL || (zOld && a->zOld==NULL) || (zNew && a->zNew==NULL) ) return -1;
  return 0;
}

/* 1 when the run of pStore has extension attributes, 0 when it has none
** (its users' lists are then empty and need no query), -1 on error. */
static int diff_has_ext(Store *pStore){
  sqlite3_stmt *q = store_stmt(pStore, zSqlHasExt);
  int r = -1;
  if( q==NULL ) return -1;
  if( sqlite3_step(q)==SQLITE_ROW ) r = sqlite3_column_int(q, 0)!=0;
  sqlite3_reset(q);
  return r;
}

/* Append the differing extension attributes of the two live target users.
** Both lists come sorted by name and are merged; a run without extension
** attributes contributes an empty list without a query. */
static int diff_extensions(const Side *a, const Side *b, DiffUser *u){
  sqlite3_stmt *qa, *qb;
  int ra, rb, rc = 0;
  if( !a->bExt && !b->bExt ) return 0;
  qa = a->bExt ? store_stmt(a->pStore, zSqlExt) : NULL;
  qb = b->bExt ? store_stmt(b->pStore, zSqlExt) : NULL;
  if( (a->bExt && qa==NULL) || (b->bExt && qb==NULL) ){
    if( qa ) sqlite3_reset(qa);
    return -1;
  }
  if( qa ) sqlite3_bind_int64(qa, 1, a->idTarget);
  if( qb ) sqlite3_bind_int64(qb, 1, b->idTarget);
  ra = qa ? sqlite3_step(qa) : SQLITE_DONE;
  rb = qb ? sqlite3_step(qb) : SQLITE_DONE;
  while( rc==0 && (ra==SQLITE_ROW || rb==SQLITE_ROW) ){
    const char *zNa = ra==SQLITE_ROW ? (const char*)sqlite3_column_text(qa, 0) : NULL;
    const char *zNb = rb==SQLITE_ROW ? (const char*)sqlite3_column_text(qb, 0) : NULL;
    int c = zNa==NULL ? 1 : zNb==NULL ? -1 : strcmp(zNa, zNb);
    const char *zVa = c<=0 ? (const char*)sqlite3_column_text(qa, 1) : NULL;
    const char *zVb = c>=0 ? (const char*)sqlite3_column_text(qb, 1) : NULL;
    if( str_differs(zVa, zVb) ) rc = user_add_attr(u, c<=0 ? zNa : zNb, zVa, zVb);
    if( c<=0 ) ra = sqlite3_step(qa);
    if( c>=0 ) rb = sqlite3_step(qb);
  }
  if( ra!=SQLITE_DONE && ra!=SQLITE_ROW ) rc = -1;
  if( rb!=SQLITE_DONE && rb!=SQLITE_ROW ) rc = -1;
  if( qa ) sqlite3_reset(qa);
  if( qb ) sqlite3_reset(qb);
  return rc;
}

static void user_clear(DiffUser *u){
  int i;
  mem_free(u->zJob); mem_free(u->zSourceUser); mem_free(u->zTarget);
  mem_free(u->zObjectId); mem_free(u->zUpn);
  mem_free(u->zStateA); mem_free(u->zStateB);
  for(i=0; i<u->nAttr; i++){
    mem_free(u->aAttr[i].zName); mem_free(u->aAttr[i].zOld); mem_free(u->aAttr[i].zNew);
  }
  mem_free(u->aAttr);
}

/* Compare one pair; keep it in p if anything differs. Returns 0 or -1. */
static int diff_pair(Diff *p, const Side *a, const Side *b){
  DiffUser u;
  const Side *pKey = a->q || a->pRow ? a : b;
  const Side *pObj = b->bLive || b->bSoft ? b : a;
  int i, rc = 0;
  memset(&u, 0, sizeof(u));
  if( a->bLive && !b->bLive ){
    u.mKind |= b->bSoft ? DIFF_SOFT_DELETED : b->bEver ? DIFF_DELETED : DIFF_NOT_CREATED;
  }
  if( !a->bLive && b->bLive ) u.mKind |= DIFF_CREATED;
  if( a->bInScope && !b->bInScope ) u.mKind |= DIFF_OUT_OF_SCOPE;
  if( !a->bInScope && b->bInScope ) u.mKind |= DIFF_IN_SCOPE;
  if( a->bLive && b->bLive ){
    for(i=0; i<A_COUNT && rc==0; i++){
      const char *zA = side_attr(a, i), *zB = side_attr(b, i);
      if( str_differs(zA, zB) ) rc = user_add_attr(&u, attr_info(i)->zName, zA, zB);
    }
    if( rc==0 ) rc = diff_extensions(a, b, &u);
    if( u.nAttr ) u.mKind |= DIFF_ATTRIBUTES;
    if( str_differs(side_attr(a, A_ACCOUNT_ENABLED), side_attr(b, A_ACCOUNT_ENABLED)) ){
      u.mKind |= attr_is_true(side_attr(b, A_ACCOUNT_ENABLED)) ? DIFF_ENABLED : DIFF_DISABLED;
    }
  }
  p->nPairs++;
  if( rc || u.mKind==0 ){
    user_clear(&u);
    return rc;
  }
  u.zJob = mem_strdup(side_col(pKey, COL_JOB));
  u.zSourceUser = mem_strdup(side_col(pKey, COL_SRC));
  u.zTarget = mem_strdup(side_col(pKey, COL_TARGET));
  if( pObj->bLive || pObj->bSoft ){
    u.zObjectId = mem_strdup(side_col(pObj, COL_OID));
    if( side_col(pObj, COL_ATTR+A_USER_PRINCIPAL_NAME) ){
      u.zUpn = mem_strdup(side_col(pObj, COL_ATTR+A_USER_PRINCIPAL_NAME));
    }
  }
  u.zStateA = side_state(a);
  u.zStateB = side_state(b);
  if( !u.zJob || !u.zSourceUser || !u.zTarget || !u.zStateA || !u.zStateB ){
    user_clear(&u);
    return -1;
  }
  if( mem_grow((void**)&p->aUser, p->nUser, &p->nUserAlloc, sizeof(DiffUser)) ){
    user_clear(&u);
    return -1;
  }
  for(i=0; i<DIFF_NKIND; i++) if( u.mKind & (1u<<i) ) p->anKind[i]++;
  p->nAttrChanges += u.nAttr;
  p->aUser[p->nUser++] = u;
  return 0;
}

/* Natural order of (job, source user); byte order breaks a tie, so the
** order is total and qsort's result does not depend on its algorithm. */
static int user_cmp(const void *pa, const void *pb){
  const DiffUser *a = pa, *b = pb;
  int c = html_kit_natural_cmp(a->zJob, b->zJob);
  if( c==0 ) c = html_kit_natural_cmp(a->zSourceUser, b->zSourceUser);
  if( c==0 ) c = strcmp(a->zJob, b->zJob);
  if( c==0 ) c = strcmp(a->zSourceUser, b->zSourceUser);
  return c;
}

/* The scenario name and seed of a run: TS_OK, TS_ERR (no run_info) or
** TS_NOMEM. */
static int diff_info(Store *pStore, char **pzName, uint64_t *pSeed){
  sqlite3_stmt *q = store_stmt(pStore, zSqlInfo);
  int rc = TS_ERR;
  if( q==NULL ) return TS_ERR;
  if( sqlite3_step(q)==SQLITE_ROW ){
    const char *z = (const char*)sqlite3_column_text(q, 0);
    *pzName = mem_strdup(z ? z : "?");
    *pSeed = (uint64_t)strtoull(sqlite3_column_text(q, 1) ?
                                (const char*)sqlite3_column_text(q, 1) : "0", NULL, 10);
    rc = *pzName ? TS_OK : TS_NOMEM;
  }
  sqlite3_reset(q);
  return rc;
}

/* Run B's pair rows: read ahead on a thread (pRows), else stepped here (q). */
typedef struct RowsB {
  sqlite3_stmt *q;
  DiffRows *pRows;
  const DiffRow *pRow;     /* the current row read ahead (pRows only) */
} RowsB;

/* Step to B's next row: SQLITE_ROW, or how the rows ended. */
static int rowsb_next(RowsB *r){
  int rc;
  if( r->pRows==NULL ) return sqlite3_step(r->q);
  r->pRow = diff_rows_next(r->pRows, &rc);
  return rc;
}

static const char *rowsb_col(const RowsB *r, int iCol){
  if( r->pRows ) return r->pRow->az[iCol];
  return (const char*)sqlite3_column_text(r->q, iCol);
}

int diff_build(Store *pA, Store *pB, Diff **ppDiff, TsErr *pErr){
  Diff *p;
  sqlite3_stmt *qa, *qb, *qOwn = NULL;
  RowsB rowsB;
  int ra, rb, bExtA, bExtB, rc = 0;
  *ppDiff = NULL;
  if( diff_sql_init() ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  p = mem_calloc(1, sizeof(Diff));
  if( p==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  rc = diff_info(pA, &p->zScenarioA, &p->seedA);
  if( rc==TS_OK ) rc = diff_info(pB, &p->zScenarioB, &p->seedB);
  if( rc ){
    diff_free(p);
    return rc==TS_NOMEM ? tserr_set(pErr, TS_NOMEM, "out of memory")
                        : tserr_set(pErr, TS_ERR, "not a tenantsim run database (no run_info)");
  }
  bExtA = diff_has_ext(pA);
  bExtB = diff_has_ext(pB);
  qa = bExtA<0 || bExtB<0 ? NULL : store_stmt(pA, zSqlPairs);
  /* a run compared with itself through one Store needs a second statement
  ** (the cache holds one per text) */
  if( qa && pA==pB ){
    if( sqlite3_prepare_v2(store_db(pB), zSqlPairs, -1, &qOwn, NULL)!=SQLITE_OK ) qOwn = NULL;
    qb = qOwn;
  }else{
    qb = qa ? store_stmt(pB, zSqlPairs) : NULL;
  }
  if( qa==NULL || qb==NULL ){
    if( qa ) sqlite3_reset(qa);
    if( qb && !qOwn ) sqlite3_reset(qb);
    diff_free(p);
    return tserr_set(pErr, TS_ERR, "cannot read the pairs of a run database: %s",
                     sqlite3_errmsg(store_db(qa ? pB : pA)));
  }
  /* B's rows are read ahead on a second thread, unless B has extension
  ** attributes (diff_extensions queries B's connection per pair) or B's
  ** connection is A's */
  rowsB.q = qb;
  rowsB.pRows = bExtB || pA==pB ? NULL : diff_rows_start(qb, COL_ATTR + A_COUNT, COL_TID);
  rowsB.pRow = NULL;
  ra = sqlite3_step(qa);
  rb = rowsb_next(&rowsB);
  while( rc==0 && (ra==SQLITE_ROW || rb==SQLITE_ROW) ){
    Side a, b;
    int c;
    if( ra!=SQLITE_ROW ) c = 1;
    else if( rb!=SQLITE_ROW ) c = -1;
    else{
      c = strcmp((const char*)sqlite3_column_text(qa, COL_JOB), rowsb_col(&rowsB, COL_JOB));
      if( c==0 ){
        c = strcmp((const char*)sqlite3_column_text(qa, COL_SRC), rowsb_col(&rowsB, COL_SRC));
      }
    }
    side_read(&a, c<=0 ? qa : NULL, NULL, pA, bExtA);
    side_read(&b, c>=0 && !rowsB.pRows ? qb : NULL, c>=0 ? rowsB.pRow : NULL, pB, bExtB);
    rc = diff_pair(p, &a, &b);
    if( c<=0 ) ra = sqlite3_step(qa);
    if( c>=0 ) rb = rowsb_next(&rowsB);
  }
  diff_rows_stop(rowsB.pRows);
  if( rc==0 && (rb==SQLITE_NOMEM || ra==SQLITE_NOMEM) ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
  }else if( rc==0 && ((ra!=SQLITE_DONE && ra!=SQLITE_ROW) || (rb!=SQLITE_DONE && rb!=SQLITE_ROW)) ){
    rc = tserr_set(pErr, TS_IOERR, "reading a run database failed");
  }else if( rc ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory, or a run database could not be read");
  }
  sqlite3_reset(qa);
  if( qOwn ) sqlite3_finalize(qOwn);
  else sqlite3_reset(qb);
  if( rc==0 && p->nUser>1 ) qsort(p->aUser, (size_t)p->nUser, sizeof(DiffUser), user_cmp);
  if( rc==0 ) rc = diff_lint_build(pA, pB, p, pErr);
  if( rc ){
    diff_free(p);
    return rc;
  }
  *ppDiff = p;
  return 0;
}

static void side_clear(DiffSide *s){
  mem_free(s->zRole);
  mem_free(s->zFile);
  mem_free(s->zReplaced);
  mem_free(s->zProposalFile);
  mem_free(s->zJob);
  memset(s, 0, sizeof(*s));
}

void diff_free(Diff *p){
  int64_t i;
  if( p==NULL ) return;
  for(i=0; i<p->nUser; i++) user_clear(&p->aUser[i]);
  mem_free(p->aUser);
  diff_lint_free(p);
  side_clear(&p->aSide[0]);
  side_clear(&p->aSide[1]);
  mem_free(p->zScenarioA);
  mem_free(p->zScenarioB);
  mem_free(p);
}

/* A copy of z into *pz (NULL stays NULL): 0, or -1 when memory ran out. */
static int copy_opt(char **pz, const char *z){
  *pz = z ? mem_strdup(z) : NULL;
  return z && *pz==NULL ? -1 : 0;
}

int diff_describe(Diff *p, int iSide, const char *zRole, const char *zFile,
                  const char *zReplaced, const char *zProposalFile, const char *zJob){
  DiffSide *s = &p->aSide[iSide ? 1 : 0];
  side_clear(s);
  if( copy_opt(&s->zRole, zRole) || copy_opt(&s->zFile, zFile)
   || copy_opt(&s->zReplaced, zReplaced) || copy_opt(&s->zProposalFile, zProposalFile)
   || copy_opt(&s->zJob, zJob) ){
    side_clear(s);
    return TS_NOMEM;
  }
  return TS_OK;
}

const char *diff_side_role(const Diff *p, int iSide){
  const char *z = p->aSide[iSide ? 1 : 0].zRole;
  return z ? z : iSide ? "new" : "old";
}

/* z as text, or escaped in <code> for a page. */
static void side_file(const char *z, int bHtml, StrBuf *sb){
  if( !bHtml ){
    strbuf_append(sb, z);
    return;
  }
  strbuf_append(sb, "<code>");
  strbuf_xml_text(sb, z);
  strbuf_append(sb, "</code>");
}

void diff_side_words(const Diff *p, int iSide, int bHtml, StrBuf *sb){
  const DiffSide *s = &p->aSide[iSide ? 1 : 0];
  if( s->zFile ) side_file(s->zFile, bHtml, sb);
  if( s->zReplaced==NULL ) return;
  strbuf_append(sb, s->zFile ? " with the " : "the ");
  if( bHtml ) strbuf_xml_text(sb, s->zReplaced); else strbuf_append(sb, s->zReplaced);
  if( s->zJob ){
    strbuf_append(sb, " of job ");
    if( bHtml ) strbuf_xml_text(sb, s->zJob); else strbuf_append(sb, s->zJob);
  }
  if( s->zProposalFile ){
    strbuf_append(sb, " replaced by ");
    side_file(s->zProposalFile, bHtml, sb);
  }else{
    strbuf_append(sb, " replaced");
  }
}

/* ---------------------------------------------------------------------
** Writers.
*/

/* Is p a plan (a side says what a proposal replaces)? */
static int diff_is_plan(const Diff *p){
  return p->aSide[0].zReplaced!=NULL || p->aSide[1].zReplaced!=NULL;
}

/* "  A (old): mapping-rollout, seed 77 — a.db\n". */
static void text_side(const Diff *p, int iSide, StrBuf *sb){
  strbuf_printf(sb, "  %c (%s): %s, seed %llu", iSide ? 'B' : 'A', diff_side_role(p, iSide),
                iSide ? p->zScenarioB : p->zScenarioA,
                (unsigned long long)(iSide ? p->seedB : p->seedA));
  if( p->aSide[iSide].zFile || p->aSide[iSide].zReplaced ){
    strbuf_append(sb, " \xe2\x80\x94 ");
    diff_side_words(p, iSide, 0, sb);
  }
  strbuf_append(sb, "\n");
}

static void text_value(FILE *out, const char *z){
  if( z ) fprintf(out, "\"%s\"", z); else fputs("(not set)", out);
}

int diff_write_text(const Diff *p, FILE *out){
  StrBuf sb;
  int64_t i;
  int k, bFirst = 1, rc;
  strbuf_init(&sb);
  text_side(p, 0, &sb);
  text_side(p, 1, &sb);
  fprintf(out, "tenantsim %s\n", diff_is_plan(p) ? "plan" : "diff");
  rc = strbuf_write(&sb, out);
  strbuf_free(&sb);
  if( rc ) return -1;
  if( p->seedA!=p->seedB ){
    fprintf(out, "  note: the seeds differ, so random draws (populations, samples, timing)"
                 " differ too\n");
  }
  fprintf(out, "\n%lld pairs compared, %lld users differ", (long long)p->nPairs, (long long)p->nUser);
  for(k=0; k<DIFF_NKIND; k++){
    if( p->anKind[k]==0 ) continue;
    fprintf(out, "%s%s %lld", bFirst ? ": " : ", ", azKindText[k], (long long)p->anKind[k]);
    if( (1u<<k)==DIFF_ATTRIBUTES ) fprintf(out, " (%lld values)", (long long)p->nAttrChanges);
    bFirst = 0;
  }
  fputs("\n", out);
  diff_lint_text(p, out);
  for(i=0; i<p->nUser; i++){
    const DiffUser *u = &p->aUser[i];
    int a;
    fprintf(out, "\n%s %s -> %s", u->zJob, u->zSourceUser, u->zTarget);
    if( u->zUpn ) fprintf(out, " (%s)", u->zUpn);
    fputs(":", out);
    for(k=0, bFirst=1; k<DIFF_NKIND; k++){
      if( u->mKind & (1u<<k) ){ fprintf(out, "%s%s", bFirst ? " " : ", ", azKindText[k]); bFirst = 0; }
    }
    fputs("\n", out);
    if( strcmp(u->zStateA, u->zStateB)!=0 ){
      fprintf(out, "  scope: %s -> %s\n", u->zStateA, u->zStateB);
    }
    for(a=0; a<u->nAttr; a++){
      fprintf(out, "  %s: ", u->aAttr[a].zName);
      text_value(out, u->aAttr[a].zOld);
      fputs(" -> ", out);
      text_value(out, u->aAttr[a].zNew);
      fputs("\n", out);
    }
  }
  return ferror(out) ? -1 : 0;
}

static void json_opt(StrBuf *b, const char *z){
  if( z ) strbuf_json_string(b, z); else strbuf_append(b, "null");
}

/* {"scenario": .., "seed": .., "role": .., "file": ..} and, for a side
** with a proposal, "replaces", "proposal_file" and "job". */
static void json_side(const Diff *p, int iSide, StrBuf *b){
  const DiffSide *s = &p->aSide[iSide];
  strbuf_append(b, "{\"scenario\": ");
  strbuf_json_string(b, iSide ? p->zScenarioB : p->zScenarioA);
  strbuf_printf(b, ", \"seed\": %llu, \"role\": ", (unsigned long long)(iSide ? p->seedB : p->seedA));
  strbuf_json_string(b, diff_side_role(p, iSide));
  strbuf_append(b, ", \"file\": ");
  json_opt(b, s->zFile);
  if( s->zReplaced ){
    strbuf_append(b, ", \"replaces\": ");
    strbuf_json_string(b, s->zReplaced);
    strbuf_append(b, ", \"proposal_file\": ");
    json_opt(b, s->zProposalFile);
    strbuf_append(b, ", \"job\": ");
    json_opt(b, s->zJob);
  }
  strbuf_append(b, "}");
}

int diff_write_json(const Diff *p, FILE *out){
  StrBuf b;
  int64_t i;
  int k, a, rc;
  strbuf_init(&b);
  strbuf_append(&b, "{\n  \"a\": ");
  json_side(p, 0, &b);
  strbuf_append(&b, ",\n  \"b\": ");
  json_side(p, 1, &b);
  strbuf_printf(&b, ",\n  \"pairs\": %lld,\n  \"users_differing\": %lld,\n"
                "  \"counts\": {", (long long)p->nPairs, (long long)p->nUser);
  for(k=0; k<DIFF_NKIND; k++){
    strbuf_printf(&b, "%s\"%s\": %lld", k ? ", " : "", azKind[k], (long long)p->anKind[k]);
  }
  strbuf_printf(&b, ", \"attribute_values\": %lld},\n", (long long)p->nAttrChanges);
  diff_lint_json(p, &b);
  strbuf_append(&b, "  \"users\": [");
  for(i=0; i<p->nUser; i++){
    const DiffUser *u = &p->aUser[i];
    strbuf_append(&b, i ? ",\n    {\"job\": " : "\n    {\"job\": ");
    strbuf_json_string(&b, u->zJob);
    strbuf_append(&b, ", \"source_user\": ");
    strbuf_json_string(&b, u->zSourceUser);
    strbuf_append(&b, ", \"target_tenant\": ");
    strbuf_json_string(&b, u->zTarget);
    strbuf_append(&b, ", \"object_id\": ");
    json_opt(&b, u->zObjectId);
    strbuf_append(&b, ", \"user_principal_name\": ");
    json_opt(&b, u->zUpn);
    strbuf_append(&b, ", \"scope_a\": ");
    strbuf_json_string(&b, u->zStateA);
    strbuf_append(&b, ", \"scope_b\": ");
    strbuf_json_string(&b, u->zStateB);
    strbuf_append(&b, ", \"kinds\": [");
    for(k=0, a=0; k<DIFF_NKIND; k++){
      if( u->mKind & (1u<<k) ) strbuf_printf(&b, "%s\"%s\"", a++ ? ", " : "", azKind[k]);
    }
    strbuf_append(&b, "], \"attributes\": [");
    for(a=0; a<u->nAttr; a++){
      strbuf_append(&b, a ? ", {\"name\": " : "{\"name\": ");
      strbuf_json_string(&b, u->aAttr[a].zName);
      strbuf_append(&b, ", \"old\": ");
      json_opt(&b, u->aAttr[a].zOld);
      strbuf_append(&b, ", \"new\": ");
      json_opt(&b, u->aAttr[a].zNew);
      strbuf_append(&b, "}");
    }
    strbuf_append(&b, "]}");
    if( b.n > 65536 ){
      if( b.bErr || fwrite(strbuf_str(&b), 1, b.n, out)!=b.n ){ strbuf_free(&b); return -1; }
      strbuf_reset(&b);
    }
  }
  strbuf_append(&b, p->nUser ? "\n  ]\n}\n" : "]\n}\n");
  rc = b.bErr || fwrite(strbuf_str(&b), 1, b.n, out)!=b.n ? -1 : 0;
  strbuf_free(&b);
  return rc || ferror(out) ? -1 : 0;
}
