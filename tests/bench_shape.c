/*
** bench_shape.c — the scenario `make bench` runs, for each topology.
**
** Every topology has the same shape, whatever its size:
**   - each source tenant holds BENCH_USERS users in one group, "all",
**     assigned to every job the tenant is the source of;
**   - the initial sync: nothing happens until the first churn day, which
**     is the longest initial cycle the default cost model allows (users x
**     the top of costPerObjectMinutes, plus cycleOverhead) rounded up to
**     whole days, so the initial cycles end before the churn begins at
**     any draw of the rate (bench.c checks it and says so if not);
**   - then BENCH_CHURN_DAYS days of churn in every source tenant, each
**     count a fraction of the tenant's starting population (at least 1):
**       08:00  hire 0.1 % (a population joining "all")
**       09:00  disable 0.1 % (leavers) ... 16:00 delete the same users
**       10:00  update 0.5 % (jobTitle and telephoneNumber)
**       11:00  move 0.2 % (department change, still in scope)
**       12:00  remove_member 0.1 % from "all" (out of scope), and
**              add_member back the users removed two days before.
**     Samples are drawn from the members of "all" by the run's selection
**     stream; the follow-ups name the earlier entry ("usersOf").
** The text depends on nothing but the shape, so the same shape gives the
** same scenario and, with its seed, the same run.
**
** May touch: nothing but its own buffers (the text is built in memory).
*/
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "bench.h"
#include "mem.h"
#include "params.h"
#include "strbuf.h"

#define DAY 86400

/* Daily churn in parts per 10,000 of a tenant's starting population. */
#define PER10K_HIRE     10
#define PER10K_LEAVE    10
#define PER10K_MOVE     20
#define PER10K_REGROUP  10
#define PER10K_UPDATE   50
/* Days after which users taken out of "all" are put back. */
#define REGROUP_DAYS     2

static const char zFractions[] =
  "hires 0.1 %,\n"
  "                     leavers 0.1 % (disabled 09:00, deleted 16:00), department moves 0.2 %,\n"
  "                     group moves 0.1 % (out of the assigned group, back 2 days later),\n"
  "                     attribute changes 0.5 %";

const char *bench_shape_fractions(void){ return zFractions; }

static long long churn_count(long long nUsers, int nPer10k){
  long long n = nUsers*nPer10k/10000;
  return n<1 ? 1 : n;
}

int bench_shape_init(BenchShape *p, const char *zTopo, long long nUsers){
  SimParams prm;
  SimTime tDays;
  memset(p, 0, sizeof(*p));
  if( zTopo==NULL || zTopo[0]==0 || strcmp(zTopo, "pair")==0 ){
    p->eTopo = BENCH_PAIR; p->zName = "pair"; p->nTenant = 2; p->nSource = 1; p->nJob = 1;
  }else if( strcmp(zTopo, "hub4")==0 ){
    p->eTopo = BENCH_HUB4; p->zName = "hub4"; p->nTenant = 5; p->nSource = 1; p->nJob = 4;
  }else if( strcmp(zTopo, "hub100")==0 ){
    p->eTopo = BENCH_HUB100; p->zName = "hub100"; p->nTenant = 100; p->nSource = 100;
    p->nJob = 2*99;
  }else if( strcmp(zTopo, "mesh20")==0 ){
    p->eTopo = BENCH_MESH20; p->zName = "mesh20"; p->nTenant = 20; p->nSource = 20;
    p->nJob = 20*19;
  }else{
    return -1;
  }
  if( nUsers==0 ) nUsers = p->nSource==1 ? BENCH_DEFAULT_USERS : BENCH_DEFAULT_TENANT_USERS;
  if( nUsers<1 || nUsers>BENCH_MAX_USERS ) return -1;
  p->nUsers = nUsers;
  p->nHire = churn_count(nUsers, PER10K_HIRE);
  p->nLeave = churn_count(nUsers, PER10K_LEAVE);
  p->nMove = churn_count(nUsers, PER10K_MOVE);
  p->nRegroup = churn_count(nUsers, PER10K_REGROUP);
  p->nUpdate = churn_count(nUsers, PER10K_UPDATE);
  params_default(&prm);
  p->tInitBound = (SimTime)ceil((double)nUsers*prm.rCreateMaxMinutes*60.0) + prm.cycleOverhead;
  tDays = (p->tInitBound + DAY - 1)/DAY;
  p->tChurn = (tDays<1 ? 1 : tDays)*DAY;
  p->tSpan = p->tChurn + (SimTime)BENCH_CHURN_DAYS*DAY;
  return 0;
}

/* The key of tenant i (0 <= i < nTenant) into z. */
static void tenant_key(const BenchShape *p, int i, char *z, size_t n){
  switch( p->eTopo ){
    case BENCH_PAIR:   snprintf(z, n, "%s", i==0 ? "src" : "tgt"); break;
    case BENCH_HUB4:   if( i==0 ) snprintf(z, n, "src"); else snprintf(z, n, "t%d", i); break;
    case BENCH_HUB100: if( i==0 ) snprintf(z, n, "hub"); else snprintf(z, n, "m%02d", i); break;
    case BENCH_MESH20: snprintf(z, n, "t%02d", i+1); break;
  }
}

/* The source and target tenants of job i (0 <= i < nJob). */
static void job_ends(const BenchShape *p, int i, int *piSrc, int *piTgt){
  switch( p->eTopo ){
    case BENCH_PAIR:
    case BENCH_HUB4:
      *piSrc = 0; *piTgt = i+1;
      break;
    case BENCH_HUB100:
      if( i<p->nTenant-1 ){ *piSrc = 0; *piTgt = i+1; }
      else{ *piSrc = i-(p->nTenant-1)+1; *piTgt = 0; }
      break;
    case BENCH_MESH20: {
      int k = i%(p->nTenant-1);
      *piSrc = i/(p->nTenant-1);
      *piTgt = k<*piSrc ? k : k+1;
      break;
    }
  }
}

/* A population of n users keyed zPrefix1.., members of "all". */
static void population_json(StrBuf *sb, long long n, const char *zPrefix){
  strbuf_printf(sb, "{\"count\":%lld,\"keyPrefix\":\"%s\",\"groups\":[\"all\"],"
    "\"attributes\":{\"department\":{\"Engineering\":5,\"Sales\":3,\"Finance\":2},"
    "\"country\":{\"US\":3,\"DE\":1},\"jobTitle\":{\"Engineer\":4,\"Manager\":1},"
    "\"companyName\":\"Contoso\"}}", n, zPrefix);
}

static void tenants_json(StrBuf *sb, const BenchShape *p){
  int i;
  char zKey[16];
  strbuf_append(sb, "\"tenants\":[");
  for(i=0; i<p->nTenant; i++){
    tenant_key(p, i, zKey, sizeof(zKey));
    strbuf_printf(sb, "%s{\"key\":\"%s\",\"domain\":\"%s.example\"", i ? "," : "", zKey, zKey);
    if( i<p->nSource ){
      strbuf_append(sb, ",\"groups\":[{\"key\":\"all\",\"displayName\":\"All staff\"}],"
                        "\"populations\":[");
      population_json(sb, p->nUsers, "u");
      strbuf_append(sb, "]");
    }
    strbuf_append(sb, "}");
  }
  strbuf_append(sb, "]");
}

/* Each source allows outbound automatic redemption by default; each
** job's target has a partner configuration for its source allowing
** inbound redemption and user sync: the three gates of every job. */
static void policies_jobs_json(StrBuf *sb, const BenchShape *p){
  int i, iS, iT;
  char zS[16], zT[16];
  strbuf_append(sb, ",\"policies\":[");
  for(i=0; i<p->nSource; i++){
    tenant_key(p, i, zS, sizeof(zS));
    strbuf_printf(sb, "%s{\"tenant\":\"%s\",\"automaticUserConsentSettings\":{\"outboundAllowed\":true}}",
                  i ? "," : "", zS);
  }
  for(i=0; i<p->nJob; i++){
    job_ends(p, i, &iS, &iT);
    tenant_key(p, iS, zS, sizeof(zS));
    tenant_key(p, iT, zT, sizeof(zT));
    strbuf_printf(sb, ",{\"tenant\":\"%s\",\"partner\":\"%s\","
      "\"automaticUserConsentSettings\":{\"inboundAllowed\":true},"
      "\"userSyncInbound\":{\"isSyncAllowed\":true}}", zT, zS);
  }
  strbuf_append(sb, "],\"jobs\":[");
  for(i=0; i<p->nJob; i++){
    job_ends(p, i, &iS, &iT);
    tenant_key(p, iS, zS, sizeof(zS));
    tenant_key(p, iT, zT, sizeof(zT));
    strbuf_printf(sb, "%s{\"key\":\"%s-%s\",\"source\":\"%s\",\"target\":\"%s\","
      "\"assignments\":{\"groups\":[\"all\"]}}", i ? "," : "", zS, zT, zS, zT);
  }
  strbuf_append(sb, "]");
}

/* hub100 and mesh20 are multitenant organizations, the first tenant
** their owner. */
static void mto_json(StrBuf *sb, const BenchShape *p){
  int i;
  char zKey[16];
  if( p->nSource<2 ) return;
  strbuf_append(sb, ",\"multiTenantOrganization\":{\"displayName\":\"Bench organization\",\"tenants\":[");
  for(i=0; i<p->nTenant; i++){
    tenant_key(p, i, zKey, sizeof(zKey));
    strbuf_printf(sb, "%s{\"tenant\":\"%s\"%s}", i ? "," : "", zKey, i==0 ? ",\"role\":\"owner\"" : "");
  }
  strbuf_append(sb, "]}");
}

/* The generated timeline as it is written: the entries and the index of
** the next one. */
typedef struct Timeline { StrBuf *sb; int n; } Timeline;

/* Begin entry "at" tDay + iHour hours, of action zAction in tenant zT;
** returns its index. The caller appends the fields and the closing brace. */
static int entry_begin(Timeline *tl, SimTime tDay, int iHour, const char *zAction, const char *zT){
  strbuf_printf(tl->sb, "%s{\"at\":\"P%lldDT%dH\",\"action\":\"%s\",\"tenant\":\"%s\"",
                tl->n ? "," : "", (long long)(tDay/DAY), iHour, zAction, zT);
  return tl->n++;
}

static void sample_json(StrBuf *sb, long long n){
  strbuf_printf(sb, ",\"sample\":{\"count\":%lld,\"group\":\"all\"}}", n);
}

/* One churn day (d from 0) in every source tenant; aRemoved[s*(REGROUP_DAYS+1)
** + d%(REGROUP_DAYS+1)] keeps the index of tenant s's remove_member of day d. */
static void churn_day(Timeline *tl, const BenchShape *p, int d, int *aLeave, int *aRemoved){
  static const char *const azDept[] = { "Operations", "Engineering", "Sales", "Finance", "Support" };
  const int nRing = REGROUP_DAYS+1;
  SimTime tDay = p->tChurn + (SimTime)d*DAY;
  StrBuf *sb = tl->sb;
  char zT[16], zPrefix[16];
  int s;
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    entry_begin(tl, tDay, 8, "hire", zT);
    snprintf(zPrefix, sizeof(zPrefix), "h%02d-", d+1);
    strbuf_append(sb, ",\"population\":");
    population_json(sb, p->nHire, zPrefix);
    strbuf_append(sb, "}");
  }
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    aLeave[s] = entry_begin(tl, tDay, 9, "disable", zT);
    sample_json(sb, p->nLeave);
  }
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    entry_begin(tl, tDay, 10, "update", zT);
    strbuf_printf(sb, ",\"set\":{\"jobTitle\":\"Title %d\",\"telephoneNumber\":\"+1 425 555 %04d\"}",
                  d+1, d+1);
    sample_json(sb, p->nUpdate);
  }
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    entry_begin(tl, tDay, 11, "move", zT);
    strbuf_printf(sb, ",\"department\":\"%s\"", azDept[d%5]);
    sample_json(sb, p->nMove);
  }
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    if( d>=REGROUP_DAYS ){
      entry_begin(tl, tDay, 12, "add_member", zT);
      strbuf_printf(sb, ",\"group\":\"all\",\"usersOf\":%d}",
                    aRemoved[s*nRing + (d-REGROUP_DAYS)%nRing]);
    }
    aRemoved[s*nRing + d%nRing] = entry_begin(tl, tDay, 12, "remove_member", zT);
    strbuf_append(sb, ",\"group\":\"all\"");
    sample_json(sb, p->nRegroup);
  }
  for(s=0; s<p->nSource; s++){
    tenant_key(p, s, zT, sizeof(zT));
    entry_begin(tl, tDay, 16, "terminate", zT);
    strbuf_printf(sb, ",\"usersOf\":%d}", aLeave[s]);
  }
}

char *bench_shape_json(BenchShape *p){
  StrBuf sb;
  Timeline tl;
  int *aLeave = mem_calloc((size_t)p->nSource, sizeof(int));
  int *aRemoved = mem_calloc((size_t)p->nSource*(REGROUP_DAYS+1), sizeof(int));
  char *z = NULL;
  int d;
  if( aLeave==NULL || aRemoved==NULL ) goto out_free;
  strbuf_init(&sb);
  strbuf_printf(&sb, "{\"name\":\"bench-%s\",\"description\":\"make bench: topology %s, %lld users"
    " per source tenant; the initial sync, then %d days of churn (tests/bench_shape.c)\",\"seed\":1,"
    "\"start\":\"2026-01-05T00:00:00Z\",\"duration\":\"P%lldD\",",
    p->zName, p->zName, p->nUsers, BENCH_CHURN_DAYS, (long long)(p->tSpan/DAY));
  tenants_json(&sb, p);
  policies_jobs_json(&sb, p);
  mto_json(&sb, p);
  strbuf_append(&sb, ",\"timeline\":[");
  tl.sb = &sb;
  tl.n = 0;
  for(d=0; d<BENCH_CHURN_DAYS; d++) churn_day(&tl, p, d, aLeave, aRemoved);
  strbuf_append(&sb, "]}");
  p->nAction = tl.n;
  if( sb.bErr ) strbuf_free(&sb);
  else z = strbuf_take(&sb);
out_free:
  mem_free(aLeave);
  mem_free(aRemoved);
  return z;
}
