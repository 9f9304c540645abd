/*
** trust.c — building the trust graph of a run at an instant (trust.h).
**
** Three reads: the tenants, the policies in force at t (policy_history;
** a deleted partner configuration's last row inherits every field), the
** jobs whose configuration exists at t, with their state and the users
** they carry then. The policies
** go into a table of (tenant, partner) cells, the default policy in
** column 0, and every edge's settings are resolved from it as the engine
** resolves them: partner value, else default, else false.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "reportInt.h"
#include "trust.h"

static const char zSqlHasHistory[] =
  "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='policy_history'";
static const char zSqlEnd[] = "SELECT CAST(value AS INTEGER) FROM run_info WHERE key='end_t'";
static const char zSqlInfo[] = "SELECT value FROM run_info WHERE key=?1";
static const char zSqlTenants[] = "SELECT idx, key, cloud FROM tenants ORDER BY idx";

/* The last state of each (tenant, partner) policy at or before ?1, its
** fields in TrustField order (outbound redemption first). */
static const char zSqlPolicies[] =
  "SELECT h.tenant, h.partner, h.outbound_auto_redeem, h.inbound_auto_redeem,"
  "       h.user_sync_inbound, h.group_sync_inbound, h.role_group_sync_inbound, h.trust_mfa,"
  "       h.trust_compliant_device, h.trust_hybrid_joined, h.trust_compliant_network"
  "  FROM policy_history h"
  " WHERE h.at<=?1 AND NOT EXISTS(SELECT 1 FROM policy_history g"
  "   WHERE g.tenant=h.tenant AND g.partner IS h.partner AND g.at<=?1 AND g.seq>h.seq)";


/* Jobs and their state at ?1 (?2: 1 at the end of the run). */
static const char zSqlJobs[] =
  "SELECT j.source, j.target, j.key, j.scope='all',"
  "  CASE WHEN ?2 THEN (CASE WHEN j.disabled_at IS NOT NULL THEN 'Disabled' ELSE j.status_code END)"
  "       WHEN EXISTS(SELECT 1 FROM quarantines q WHERE q.job=j.idx AND q.began<=?1"
  "                   AND (q.ended IS NULL OR q.ended>?1)) THEN 'Quarantine'"
  "       WHEN j.disabled_at IS NOT NULL AND j.disabled_at<=?1 THEN 'Disabled'"
  "       WHEN NOT EXISTS(SELECT 1 FROM cycles c WHERE c.job=j.idx AND c.began<=?1) THEN 'NotRun'"
  "       ELSE 'Active' END, j.idx"
  "  FROM jobs j WHERE " TRUST_JOB_EXISTS " ORDER BY j.source, j.target, j.idx";

/* The users each job carries, each once: the target users it created,
** from their creation, and those it linked without creating them, from
** the link; until they were soft-deleted (NULL: never). (A user a job
** created is linked by it too, never before its creation: the created_at
** row stands for both, so only the links that matched a user are joined.
** No GROUP BY: a run's users are scanned once, unsorted.) */
static const char zSqlCarried[] =
  "SELECT created_by_job, created_at, deleted_at FROM users WHERE created_by_job IS NOT NULL"
  " UNION ALL SELECT l.job, l.linked_at, u.deleted_at FROM links l"
  "  JOIN users u ON u.id=l.target_user WHERE l.how<>'created' AND u.created_by_job IS NOT l.job";
static const char zSqlMaxJob[] = "SELECT coalesce(max(idx), -1) FROM jobs";
/* zSqlCarried's links at one instant ?1: linked by then, not deleted. */
static const char zSqlLinkedAt[] =
  "SELECT l.job, count(*) FROM links l JOIN users u ON u.id=l.target_user"
  " WHERE l.how<>'created' AND u.created_by_job IS NOT l.job AND l.linked_at<=?1"
  "   AND (u.deleted_at IS NULL OR u.deleted_at>?1) GROUP BY l.job";

static const char zSqlJobPairs[] = "SELECT source, target FROM jobs j WHERE " TRUST_JOB_EXISTS;

/* One policy as read: -1 unset, 0, 1 per field; bRow when a row exists. */
typedef struct PolCell {
  signed char a[TF_COUNT];
  int bRow;
} PolCell;

typedef struct Builder {
  TrustGraph *g;
  Store *pStore;
  TsErr *pErr;
  int nTenant;
  PolCell *aCell;          /* nTenant x (nTenant+1): [tenant][partner+1] */
  const TrustCarry *pCarry;
} Builder;

static PolCell *cell(Builder *b, int iTenant, int iPartner){
  return &b->aCell[(size_t)iTenant*(size_t)(b->nTenant+1) + (size_t)(iPartner+1)];
}

static const char *dup_col(Builder *b, sqlite3_stmt *s, int i){
  const char *z = (const char*)sqlite3_column_text(s, i);
  size_t n = z ? strlen(z) : 0;
  char *zCopy = arena_alloc(&b->g->arena, n+1);
  if( zCopy && z ) memcpy(zCopy, z, n);
  return zCopy;
}

static int nomem(Builder *b){
  return tserr_set(b->pErr, TS_NOMEM, "out of memory building the trust graph");
}

/* Resolve field f of iTenant's policy towards iPartner (-1: any external
** tenant, the default policy). iTenant -1 is "every tenant", whose
** settings nobody here knows: unset. */
static TrustSetting resolve(Builder *b, int iTenant, int iPartner, TrustField f){
  TrustSetting r;
  int v = iPartner>=0 && iTenant>=0 ? cell(b, iTenant, iPartner)->a[f] : -1;
  r.v = 0;
  r.eFrom = TRUST_UNSET;
  if( iTenant<0 ) return r;
  if( v>=0 ){
    r.v = v;
    r.eFrom = TRUST_PARTNER;
  }else if( (v = cell(b, iTenant, -1)->a[f])>=0 ){
    r.v = v;
    r.eFrom = TRUST_DEFAULT;
  }
  return r;
}

static int load_tenants(Builder *b){
  TrustGraph *g = b->g;
  sqlite3_stmt *s = report_stmt(b->pStore, zSqlTenants, b->pErr);
  int rc, i, n = 0;
  if( s==NULL ) return TS_IOERR;
  while( (rc = report_step(b->pStore, s, b->pErr))==SQLITE_ROW ) n++;
  if( rc<0 ) return TS_IOERR;
  b->nTenant = n;
  /* Room for "every tenant" too. */
  g->aNode = arena_array(&g->arena, (size_t)n+1, sizeof(TrustNode));
  b->aCell = arena_array(&g->arena, (size_t)n*(size_t)(n+1), sizeof(PolCell));
  if( g->aNode==NULL || (n>0 && b->aCell==NULL) ) return nomem(b);
  for(i=0; i<n*(n+1); i++) memset(b->aCell[i].a, 0xff, sizeof(b->aCell[i].a));
  while( (rc = report_step(b->pStore, s, b->pErr))==SQLITE_ROW ){
    i = sqlite3_column_int(s, 0);
    if( i<0 || i>=n ) return tserr_set(b->pErr, TS_ERR, "tenant index %d out of range", i);
    g->aNode[i].zKey = dup_col(b, s, 1);
    g->aNode[i].zCloud = dup_col(b, s, 2);
    if( g->aNode[i].zKey==NULL || g->aNode[i].zCloud==NULL ) return nomem(b);
  }
  g->nNode = n;
  return rc<0 ? TS_IOERR : TS_OK;
}

static int load_policies(Builder *b){
  sqlite3_stmt *s = report_stmt(b->pStore, zSqlPolicies, b->pErr);
  int rc, f;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, b->g->t);
  while( (rc = report_step(b->pStore, s, b->pErr))==SQLITE_ROW ){
    int iT = sqlite3_column_int(s, 0);
    int iP = sqlite3_column_type(s, 1)==SQLITE_NULL ? -1 : sqlite3_column_int(s, 1);
    PolCell *c;
    if( iT<0 || iT>=b->nTenant || iP<-1 || iP>=b->nTenant ){
      sqlite3_reset(s);
      return tserr_set(b->pErr, TS_ERR, "a policy names a tenant that does not exist");
    }
    c = cell(b, iT, iP);
    c->bRow = 1;
    for(f=0; f<TF_COUNT; f++){
      c->a[f] = sqlite3_column_type(s, 2+f)==SQLITE_NULL ? -1 : (sqlite3_column_int(s, 2+f)!=0);
    }
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* The settings of edge S→T: S's outbound setting, T's inbound ones. */
static void edge_settings(Builder *b, TrustEdge *e, int iS, int iT){
  int f;
  for(f=0; f<TF_COUNT; f++){
    e->a[f] = trust_field_outbound((TrustField)f) ? resolve(b, iS, iT, (TrustField)f)
                                                  : resolve(b, iT, iS, (TrustField)f);
  }
}

/* Does a partner policy of S or T towards the other admit anything? */
static int pair_admits(Builder *b, int iS, int iT){
  const PolCell *in = cell(b, iT, iS), *out = cell(b, iS, iT);
  int f;
  if( out->bRow && out->a[TF_OUTBOUND_REDEEM]==1 ) return 1;
  if( !in->bRow ) return 0;
  for(f=0; f<TF_COUNT; f++){
    if( !trust_field_outbound((TrustField)f) && in->a[f]==1 ) return 1;
  }
  return 0;
}

/* Does T's default policy admit anything inbound (from every tenant)? */
static int default_admits(Builder *b, int iT){
  const PolCell *d = cell(b, iT, -1);
  int f;
  for(f=0; f<TF_COUNT; f++){
    if( !trust_field_outbound((TrustField)f) && d->a[f]==1 ) return 1;
  }
  return 0;
}

/* Is job j quarantined or disabled (TRUST_P_JOB_STOPPED)? */
static int job_stopped(const TrustJob *j){
  return strcmp(j->zState, "Quarantine")==0 || strcmp(j->zState, "Disabled")==0;
}

static void edge_problems(TrustEdge *e){
  int i, bClaims = e->a[TF_TRUST_MFA].v || e->a[TF_TRUST_COMPLIANT].v || e->a[TF_TRUST_HYBRID].v
                || e->a[TF_TRUST_NETWORK].v;
  if( e->nJob>0 && !e->a[TF_USER_SYNC].v ) e->mProblem |= TRUST_P_SYNC_BLOCKED;
  if( e->nJob>0 && !(e->a[TF_OUTBOUND_REDEEM].v && e->a[TF_INBOUND_REDEEM].v) ){
    e->mProblem |= TRUST_P_REDEEM_BLOCKED;
  }
  if( e->nJob==0 && e->a[TF_USER_SYNC].v ) e->mProblem |= TRUST_P_DANGLING;
  if( e->a[TF_USER_SYNC].v && bClaims ) e->mProblem |= TRUST_P_CLAIMS_TRUSTED;
  for(i=0; i<e->nJob; i++){
    if( job_stopped(&e->aJob[i]) ) e->mProblem |= TRUST_P_JOB_STOPPED;
  }
}

/* Count jobs per (source, target) into anJob[S*n+T], so that each edge's
** jobs can be allocated before fill_jobs reads them. */
static int count_jobs(Builder *b, int *anJob){
  sqlite3_stmt *s = report_stmt(b->pStore, zSqlJobPairs, b->pErr);
  int rc, n = b->nTenant;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, b->g->t);
  while( (rc = report_step(b->pStore, s, b->pErr))==SQLITE_ROW ){
    int iS = sqlite3_column_int(s, 0), iT = sqlite3_column_int(s, 1);
    if( iS<0 || iS>=n || iT<0 || iT>=n ){
      sqlite3_reset(s);
      return tserr_set(b->pErr, TS_ERR, "a job names a tenant that does not exist");
    }
    anJob[iS*n+iT]++;
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* Fill the jobs of every edge (edges ordered by (from, to), as the query). */
static int fill_jobs(Builder *b, int *aiEdge){
  TrustGraph *g = b->g;
  sqlite3_stmt *s = report_stmt(b->pStore, zSqlJobs, b->pErr);
  int rc, n = b->nTenant;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_int64(s, 1, g->t);
  sqlite3_bind_int(s, 2, g->bEnd);
  while( (rc = report_step(b->pStore, s, b->pErr))==SQLITE_ROW ){
    TrustEdge *e = &g->aEdge[aiEdge[sqlite3_column_int(s, 0)*n + sqlite3_column_int(s, 1)]];
    TrustJob *j = &e->aJob[e->nJob++];
    j->zKey = dup_col(b, s, 2);
    j->bSyncAll = sqlite3_column_int(s, 3);
    j->zState = dup_col(b, s, 4);
    j->nUsers = trust_carry_count(b->pCarry, sqlite3_column_int(s, 5), g->t);
    e->nUsers += j->nUsers;
    if( j->zKey==NULL || j->zState==NULL ){
      sqlite3_reset(s);
      return nomem(b);
    }
  }
  return rc<0 ? TS_IOERR : TS_OK;
}

/* The edges between tenants, then those of "every tenant". */
static int build_edges(Builder *b){
  TrustGraph *g = b->g;
  int n = b->nTenant, iS, iT, nEdge = 0, iEvery = -1, rc;
  int *anJob = mem_calloc((size_t)n*(size_t)n+1, sizeof(int));
  int *aiEdge = mem_calloc((size_t)n*(size_t)n+1, sizeof(int));
  if( anJob==NULL || aiEdge==NULL ){
    rc = nomem(b);
    goto free_counts;
  }
  rc = count_jobs(b, anJob);
  if( rc ) goto free_counts;
  for(iS=0; iS<n; iS++){
    for(iT=0; iT<n; iT++){
      if( iS!=iT && (anJob[iS*n+iT] || pair_admits(b, iS, iT)) ) nEdge++;
    }
  }
  for(iT=0; iT<n; iT++) nEdge += default_admits(b, iT);
  for(iS=0; iS<n; iS++) nEdge += cell(b, iS, -1)->a[TF_OUTBOUND_REDEEM]==1;
  g->aEdge = arena_array(&g->arena, (size_t)nEdge+1, sizeof(TrustEdge));
  if( g->aEdge==NULL ){
    rc = nomem(b);
    goto free_counts;
  }
  for(iS=0; iS<n; iS++){
    for(iT=0; iT<n; iT++){
      TrustEdge *e;
      if( iS==iT || !(anJob[iS*n+iT] || pair_admits(b, iS, iT)) ) continue;
      e = &g->aEdge[g->nEdge];
      aiEdge[iS*n+iT] = g->nEdge++;
      e->iFrom = iS;
      e->iTo = iT;
      e->bCrossCloud = strcmp(g->aNode[iS].zCloud, g->aNode[iT].zCloud)!=0;
      edge_settings(b, e, iS, iT);
      e->aJob = arena_array(&g->arena, (size_t)anJob[iS*n+iT]+1, sizeof(TrustJob));
      if( e->aJob==NULL ){
        rc = nomem(b);
        goto free_counts;
      }
    }
  }
  rc = fill_jobs(b, aiEdge);
  if( rc ) goto free_counts;
  /* "every tenant": default policies admit any external tenant. */
  for(iT=0; iT<n && iEvery<0; iT++){
    if( default_admits(b, iT) || cell(b, iT, -1)->a[TF_OUTBOUND_REDEEM]==1 ) iEvery = n;
  }
  if( iEvery>=0 ){
    g->aNode[iEvery].zKey = "every tenant";
    g->aNode[iEvery].bEvery = 1;
    g->nNode = n+1;
  }
  for(iS=0; iS<n; iS++){
    if( cell(b, iS, -1)->a[TF_OUTBOUND_REDEEM]!=1 ) continue;
    g->aEdge[g->nEdge].iFrom = iS;
    g->aEdge[g->nEdge].iTo = iEvery;
    edge_settings(b, &g->aEdge[g->nEdge++], iS, -1);
  }
  for(iT=0; iT<n; iT++){
    if( !default_admits(b, iT) ) continue;
    g->aEdge[g->nEdge].iFrom = iEvery;
    g->aEdge[g->nEdge].iTo = iT;
    edge_settings(b, &g->aEdge[g->nEdge++], -1, iT);
  }
  for(iS=0; iS<g->nEdge; iS++) edge_problems(&g->aEdge[iS]);
free_counts:
  mem_free(anJob);
  mem_free(aiEdge);
  return rc;
}

/* The run's start and the scenario's name, from run_info. */
static int load_info(Builder *b){
  TrustGraph *g = b->g;
  sqlite3_stmt *s = report_stmt(b->pStore, zSqlInfo, b->pErr);
  int rc;
  if( s==NULL ) return TS_IOERR;
  sqlite3_bind_text(s, 1, "start", -1, SQLITE_STATIC);
  rc = report_step(b->pStore, s, b->pErr);
  if( rc<0 ) return TS_IOERR;
  if( rc!=SQLITE_ROW || sqlite3_column_type(s, 0)!=SQLITE_TEXT
   || simtime_parse_instant((const char*)sqlite3_column_text(s, 0), &g->tStartEpoch, NULL, 0) ){
    sqlite3_reset(s);
    return tserr_set(b->pErr, TS_ERR, "run_info has no valid 'start'");
  }
  sqlite3_reset(s);
  sqlite3_bind_text(s, 1, "scenario", -1, SQLITE_STATIC);
  rc = report_step(b->pStore, s, b->pErr);
  if( rc<0 ) return TS_IOERR;
  g->zScenario = rc==SQLITE_ROW ? dup_col(b, s, 0) : "";
  sqlite3_reset(s);
  return g->zScenario ? TS_OK : nomem(b);
}

/* ------------------------------------------------ the users jobs carry */

/* Per job, the instants its users began and stopped being carried, each
** list sorted: the count at t is the starts at or before t minus the ends
** at or before t (a user deleted before it was carried is left out). */
struct TrustCarry {
  int nJob;
  int64_t *aStart, *aEnd;  /* concatenated per job */
  int64_t *aiStart, *aiEnd;/* nJob+1 offsets */
  int64_t *anAt;           /* or NULL: each job's count at the one instant
                           ** the carry was read for (trust_build_end) */
};

/* How many of a[0..n) are <= t (a sorted). */
static int64_t upto(const int64_t *a, int64_t n, int64_t t){
  int64_t lo = 0, hi = n;
  while( lo<hi ){
    int64_t mid = lo + (hi-lo)/2;
    if( a[mid]<=t ) lo = mid+1; else hi = mid;
  }
  return lo;
}

int64_t trust_carry_count(const TrustCarry *c, int iJob, SimTime t){
  if( c==NULL || iJob<0 || iJob>=c->nJob ) return 0;
  if( c->anAt ) return c->anAt[iJob];
  return upto(c->aStart + c->aiStart[iJob], c->aiStart[iJob+1] - c->aiStart[iJob], t)
       - upto(c->aEnd + c->aiEnd[iJob], c->aiEnd[iJob+1] - c->aiEnd[iJob], t);
}

void trust_carry_free(TrustCarry *c){
  if( c==NULL ) return;
  mem_free(c->aStart);
  mem_free(c->aEnd);
  mem_free(c->aiStart);
  mem_free(c->aiEnd);
  mem_free(c->anAt);
  mem_free(c);
}

/* A carried user's (job, instant) start or end. */
typedef struct CarryAt { int64_t iJob, t; } CarryAt;

static int cmp_at(const void *a, const void *b){
  const CarryAt *x = a, *y = b;
  if( x->iJob!=y->iJob ) return x->iJob<y->iJob ? -1 : 1;
  return x->t<y->t ? -1 : x->t>y->t;
}

/* Sort a[0..n) by job and instant into aOut and per-job offsets aiOut. */
static void carry_index(CarryAt *a, int64_t n, int nJob, int64_t *aOut, int64_t *aiOut){
  int64_t i;
  int k = 0;
  if( n>0 ) qsort(a, (size_t)n, sizeof(CarryAt), cmp_at);   /* a may be NULL when n is 0 */
  for(i=0; i<n; i++){
    while( k<=a[i].iJob ) aiOut[k++] = i;
    aOut[i] = a[i].t;
  }
  while( k<=nJob ) aiOut[k++] = n;
}

int trust_carry_load(Store *pStore, TrustCarry **ppCarry, TsErr *pErr){
  TrustCarry *c = NULL;
  CarryAt *aS = NULL, *aE = NULL;
  int64_t nMax = -1, *apOut[1], nS = 0, nE = 0, nAllocS = 0, nAllocE = 0;
  sqlite3_stmt *s;
  int rc, e;
  *ppCarry = NULL;
  apOut[0] = &nMax;
  rc = report_row_ints(pStore, zSqlMaxJob, -1, apOut, 1, pErr);
  if( rc ) return rc;
  if( (s = report_stmt(pStore, zSqlCarried, pErr))==NULL ) return TS_IOERR;
  while( (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    int64_t iJob = sqlite3_column_int64(s, 0), tS = sqlite3_column_int64(s, 1);
    int bEnd = sqlite3_column_type(s, 2)!=SQLITE_NULL;
    int64_t tE = sqlite3_column_int64(s, 2);
    if( iJob<0 || iJob>nMax || (bEnd && tE<=tS) ) continue;
    if( mem_grow((void**)&aS, nS, &nAllocS, sizeof(CarryAt))
     || (bEnd && mem_grow((void**)&aE, nE, &nAllocE, sizeof(CarryAt))) ){
      sqlite3_reset(s);
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      goto out;
    }
    aS[nS].iJob = iJob; aS[nS++].t = tS;
    if( bEnd ){ aE[nE].iJob = iJob; aE[nE++].t = tE; }
  }
  if( e<0 ){ rc = TS_IOERR; goto out; }
  c = mem_calloc(1, sizeof(TrustCarry));
  if( c ){
    c->nJob = (int)(nMax+1);
    c->aiStart = mem_malloc(sizeof(int64_t)*(size_t)(c->nJob+1));
    c->aiEnd = mem_malloc(sizeof(int64_t)*(size_t)(c->nJob+1));
    c->aStart = mem_malloc(sizeof(int64_t)*(size_t)(nS+1));
    c->aEnd = mem_malloc(sizeof(int64_t)*(size_t)(nE+1));
  }
  if( c==NULL || !c->aiStart || !c->aiEnd || !c->aStart || !c->aEnd ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    goto out;
  }
  carry_index(aS, nS, c->nJob, c->aStart, c->aiStart);
  carry_index(aE, nE, c->nJob, c->aEnd, c->aiEnd);
  *ppCarry = c;
  c = NULL;
out:
  trust_carry_free(c);
  mem_free(aS);
  mem_free(aE);
  return rc;
}

int trust_build(Store *pStore, SimTime t, TrustGraph *g, TsErr *pErr){
  TrustCarry *pCarry = NULL;
  int rc = trust_carry_load(pStore, &pCarry, pErr);
  if( rc ){
    memset(g, 0, sizeof(*g));
    return rc;
  }
  rc = trust_build_carried(pStore, t, pCarry, g, pErr);
  trust_carry_free(pCarry);
  return rc;
}

int trust_build_end(Store *pStore, const int64_t *anCreated, int64_t nCreated, TrustGraph *g,
                    TsErr *pErr){
  TrustCarry *c;
  int64_t nMax = -1, tEnd = -1, *apOut[1];
  sqlite3_stmt *s;
  int rc, e, i;
  memset(g, 0, sizeof(*g));
  apOut[0] = &nMax;
  rc = report_row_ints(pStore, zSqlMaxJob, -1, apOut, 1, pErr);
  apOut[0] = &tEnd;
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlEnd, -1, apOut, 1, pErr);
  if( rc ) return rc;
  if( (c = mem_calloc(1, sizeof(TrustCarry)))==NULL
   || (c->anAt = mem_calloc((size_t)(nMax+1)+1, sizeof(int64_t)))==NULL ){
    trust_carry_free(c);
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  c->nJob = (int)(nMax+1);
  for(i=0; i<c->nJob && i<nCreated; i++) c->anAt[i] = anCreated[i];
  if( (s = report_stmt(pStore, zSqlLinkedAt, pErr))==NULL ){
    trust_carry_free(c);
    return TS_IOERR;
  }
  sqlite3_bind_int64(s, 1, tEnd);
  while( (e = report_step(pStore, s, pErr))==SQLITE_ROW ){
    int64_t iJob = sqlite3_column_int64(s, 0);
    if( iJob>=0 && iJob<c->nJob ) c->anAt[iJob] += sqlite3_column_int64(s, 1);
  }
  sqlite3_reset(s);
  rc = e<0 ? TS_IOERR : trust_build_carried(pStore, -1, c, g, pErr);
  trust_carry_free(c);
  return rc;
}

int trust_build_carried(Store *pStore, SimTime t, const TrustCarry *pCarry, TrustGraph *g,
                        TsErr *pErr){
  Builder b;
  int64_t nHist = 0, tEnd = -1, *apHist[1], *apEnd[1];
  int rc;
  memset(g, 0, sizeof(*g));
  arena_init(&g->arena);
  memset(&b, 0, sizeof(b));
  b.g = g;
  b.pStore = pStore;
  b.pErr = pErr;
  b.pCarry = pCarry;
  apHist[0] = &nHist;
  apEnd[0] = &tEnd;
  rc = report_row_ints(pStore, zSqlHasHistory, -1, apHist, 1, pErr);
  if( rc==TS_OK ) rc = report_row_ints(pStore, zSqlEnd, -1, apEnd, 1, pErr);
  if( rc ) return rc;
  if( nHist==0 || tEnd<0 ){
    return tserr_set(pErr, TS_ERR, "this database has no policy history (a run of tenantsim"
                     " before 0.1.0's trust paths): run the scenario again");
  }
  rc = load_info(&b);
  if( rc ){
    trust_free(g);
    return rc;
  }
  g->t = (t<0 || t>=tEnd) ? tEnd : t;
  g->bEnd = g->t==tEnd;
  rc = load_tenants(&b);
  if( rc==TS_OK ) rc = load_policies(&b);
  if( rc==TS_OK ) rc = build_edges(&b);
  if( rc ) trust_free(g);
  return rc;
}

int trust_problem_edges(const TrustGraph *g){
  int i, n = 0;
  for(i=0; i<g->nEdge; i++) n += g->aEdge[i].mProblem!=0;
  return n;
}

void trust_free(TrustGraph *g){
  arena_free(&g->arena);
  memset(g, 0, sizeof(*g));
}

/* ------------------------------------------------ the fields and problems in words */

static const struct {
  const char *zLabel, *zPath;
  int bOutbound;
} aField[TF_COUNT] = {
  { "outbound auto-redeem",         "automaticUserConsentSettings.outboundAllowed", 1 },
  { "inbound auto-redeem",          "automaticUserConsentSettings.inboundAllowed", 0 },
  { "user sync",                    "userSyncInbound.isSyncAllowed", 0 },
  { "group sync",                   "groupSyncInbound.isSyncAllowed", 0 },
  { "role-enabled group sync",      "roleEnabledGroupSyncInbound.isSyncAllowed", 0 },
  { "MFA trusted",                  "inboundTrust.isMfaAccepted", 0 },
  { "compliant device trusted",     "inboundTrust.isCompliantDeviceAccepted", 0 },
  { "hybrid-joined device trusted", "inboundTrust.isHybridAzureADJoinedDeviceAccepted", 0 },
  { "compliant network trusted",    "inboundTrust.isCompliantNetworkAccepted", 0 },
};

static const char *const azProblem[TRUST_P_COUNT] = {
  "sync blocked", "redemption blocked", "no job uses it", "claims trusted", "job stopped"
};
static const char *const azProblemId[TRUST_P_COUNT] = {
  "sync_blocked", "redemption_blocked", "dangling", "claims_trusted", "job_stopped"
};

const char *trust_field_label(TrustField f){ return aField[f].zLabel; }
const char *trust_field_path(TrustField f){ return aField[f].zPath; }
int trust_field_outbound(TrustField f){ return aField[f].bOutbound; }

static int problem_index(unsigned bit){
  int i;
  for(i=0; i<TRUST_P_COUNT; i++) if( bit==(1u<<i) ) return i;
  return -1;
}

const char *trust_problem_id(unsigned bit){
  int i = problem_index(bit);
  return i<0 ? "?" : azProblemId[i];
}

const char *trust_problem_label(unsigned bit){
  int i = problem_index(bit);
  return i<0 ? "?" : azProblem[i];
}

/* The claims edge e's target accepts, as "MFA and compliant device". */
static void claims_list(const TrustEdge *e, char *z, size_t n){
  const char *az[4];
  int k = 0;
  if( e->a[TF_TRUST_MFA].v ) az[k++] = "MFA";
  if( e->a[TF_TRUST_COMPLIANT].v ) az[k++] = "compliant-device";
  if( e->a[TF_TRUST_HYBRID].v ) az[k++] = "hybrid-joined-device";
  if( e->a[TF_TRUST_NETWORK].v ) az[k++] = "compliant-network";
  if( k==1 ) snprintf(z, n, "%s", az[0]);
  else if( k==2 ) snprintf(z, n, "%s and %s", az[0], az[1]);
  else if( k==3 ) snprintf(z, n, "%s, %s and %s", az[0], az[1], az[2]);
  else if( k==4 ) snprintf(z, n, "%s, %s, %s and %s", az[0], az[1], az[2], az[3]);
  else snprintf(z, n, "no");
}

char *trust_problem_text(const TrustGraph *g, const TrustEdge *e, unsigned bit,
                         char *z, size_t n){
  const char *zS = g->aNode[e->iFrom].zKey, *zT = g->aNode[e->iTo].zKey;
  char zClaims[64];
  int i;
  switch( bit ){
    case TRUST_P_SYNC_BLOCKED:
      snprintf(z, n, "%s does not allow user sync from %s (userSyncInbound.isSyncAllowed is"
               " false): the jobs cannot provision anyone", zT, zS);
      break;
    case TRUST_P_REDEEM_BLOCKED:
      snprintf(z, n, "automatic redemption is not on at both ends (%s outbound: %s, %s inbound:"
               " %s): the jobs cannot provision anyone", zS,
               e->a[TF_OUTBOUND_REDEEM].v ? "on" : "off", zT,
               e->a[TF_INBOUND_REDEEM].v ? "on" : "off");
      break;
    case TRUST_P_DANGLING:
      if( g->aNode[e->iFrom].bEvery ){
        snprintf(z, n, "%s's default policy allows user sync from every tenant: any tenant"
                 " can push accounts into %s", zT, zT);
      }else{
        snprintf(z, n, "%s allows user sync from %s but no job uses it: whoever administers"
                 " sync in %s can push accounts into %s", zT, zS, zS, zT);
      }
      break;
    case TRUST_P_CLAIMS_TRUSTED:
      claims_list(e, zClaims, sizeof(zClaims));
      snprintf(z, n, "%s accepts %s's %s claims for the accounts %s syncs in: a compromise of"
               " %s satisfies %s's Conditional Access for them", zT, zS, zClaims, zS, zS, zT);
      break;
    case TRUST_P_JOB_STOPPED:
      for(i=0; i<e->nJob && !job_stopped(&e->aJob[i]); i++){}
      snprintf(z, n, "job %s is %s: changes in %s no longer reach %s",
               i<e->nJob ? e->aJob[i].zKey : "?", i<e->nJob ? e->aJob[i].zState : "?", zS, zT);
      break;
    default:
      snprintf(z, n, "unknown problem");
  }
  return z;
}
