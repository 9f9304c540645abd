/*
** test_trust.c — the specification of reports/trust*.c: the trust graph
** of a run at an instant. Settings resolve partner → default → false, as
** the engine reads them; policies at t are those in force at t; an edge
** carries its jobs and the users they hold at t; problems are named; the
** diagram's labels never overlap one another or a tenant.
**
** The story (as test_report_detect's): evil and fabrikam have partner
** policies for automatic redemption; fabrikam allows evil's user sync at
** PT1H; evil's job pushes its two users from PT2H.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "report.h"
#include "test_util.h"
#include "run_fixture.h"
#include "scenario_fixture.h"
#include "store.h"
#include "suites.h"
#include "trust.h"

static const char *story(const char *zExtraPolicies){
  static char zBuf[4000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'trust', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'evil', 'domain': 'evil.example',"
    "              'populations': [{'count': 2, 'keyPrefix': 'op'}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'},"
    "             {'key': 'contoso', 'domain': 'contoso.com'}],"
    " 'policies': [{'tenant': 'evil', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'evil',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true}}%s],"
    " 'jobs': [{'key': 'push', 'source': 'evil', 'target': 'fabrikam', 'scope': 'all',"
    "           'start': 'PT2H'}],"
    " 'timeline': [{'at': 'PT1H', 'action': 'set_policy', 'tenant': 'fabrikam',"
    "               'partner': 'evil', 'field': 'userSyncInbound.isSyncAllowed', 'value': true}]}",
    zExtraPolicies);
  return scn(zBuf);
}

/* Run zText into zDb[n] and build its graph at t (free with trust_free). */
static void graphOf(const char *zText, SimTime t, char *zDb, size_t n, TrustGraph *g){
  Store *pStore = NULL;
  TsErr err;
  fixture_run("tstrust", "trust.json", zText, zDb, n);
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_msg(trust_build(pStore, t, g, &err)==TS_OK, "trust_build: %s", err.zMsg);
  store_close(pStore);
}

static const TrustEdge *edge(const TrustGraph *g, const char *zFrom, const char *zTo){
  int i;
  for(i=0; i<g->nEdge; i++){
    if( strcmp(g->aNode[g->aEdge[i].iFrom].zKey, zFrom)==0
     && strcmp(g->aNode[g->aEdge[i].iTo].zKey, zTo)==0 ) return &g->aEdge[i];
  }
  return NULL;
}

START_TEST(test_policies_at_an_instant_are_those_in_force_then){
  char zDb[64];
  TrustGraph g;
  const TrustEdge *e;
  graphOf(story(""), 30*60, zDb, sizeof(zDb), &g);
  ck_assert_int_eq(g.t, 30*60);
  ck_assert_int_eq(g.bEnd, 0);
  ck_assert_int_eq(g.nEdge, 1);
  e = edge(&g, "evil", "fabrikam");
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(e->a[TF_USER_SYNC].v, 0);
  ck_assert_int_eq(e->a[TF_USER_SYNC].eFrom, TRUST_UNSET);
  ck_assert_int_eq(e->a[TF_OUTBOUND_REDEEM].v, 1);
  ck_assert_int_eq(e->a[TF_OUTBOUND_REDEEM].eFrom, TRUST_PARTNER);
  ck_assert_int_eq(e->a[TF_INBOUND_REDEEM].v, 1);
  ck_assert_uint_eq(e->mProblem, TRUST_P_SYNC_BLOCKED);
  ck_assert_int_eq(e->nJob, 1);
  ck_assert_str_eq(e->aJob[0].zState, "NotRun");
  ck_assert_int_eq(e->nUsers, 0);
  trust_free(&g);
  unlink(zDb);
}
END_TEST

START_TEST(test_at_the_end_the_edge_carries_the_jobs_users){
  char zDb[64];
  TrustGraph g;
  const TrustEdge *e;
  graphOf(story(""), -1, zDb, sizeof(zDb), &g);
  ck_assert_int_eq(g.bEnd, 1);
  ck_assert_int_eq(g.t, 86400);
  e = edge(&g, "evil", "fabrikam");
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(e->a[TF_USER_SYNC].v, 1);
  ck_assert_int_eq(e->a[TF_USER_SYNC].eFrom, TRUST_PARTNER);
  ck_assert_uint_eq(e->mProblem, 0);
  ck_assert_str_eq(e->aJob[0].zKey, "push");
  ck_assert_str_eq(e->aJob[0].zState, "Active");
  ck_assert_int_eq(e->aJob[0].bSyncAll, 1);
  ck_assert_int_eq(e->nUsers, 2);
  ck_assert_ptr_null(edge(&g, "fabrikam", "evil"));
  trust_free(&g);
  unlink(zDb);
}
END_TEST

START_TEST(test_a_default_policy_admits_every_tenant){
  char zDb[64];
  TrustGraph g;
  const TrustEdge *e;
  graphOf(story(", {'tenant': 'contoso', 'userSyncInbound': {'isSyncAllowed': true}}"),
          -1, zDb, sizeof(zDb), &g);
  ck_assert_int_eq(g.nNode, 4);
  ck_assert_int_eq(g.aNode[3].bEvery, 1);
  e = edge(&g, "every tenant", "contoso");
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(e->a[TF_USER_SYNC].eFrom, TRUST_DEFAULT);
  ck_assert_uint_eq(e->mProblem, TRUST_P_DANGLING);
  ck_assert_int_eq(e->nJob, 0);
  /* No partner policy between contoso and the others: no edge of their own. */
  ck_assert_ptr_null(edge(&g, "evil", "contoso"));
  trust_free(&g);
  unlink(zDb);
}
END_TEST

START_TEST(test_sync_and_trusted_claims_without_a_job_are_two_problems){
  char zDb[64], zText[TRUST_TEXT_SIZE];
  TrustGraph g;
  const TrustEdge *e;
  graphOf(story(", {'tenant': 'contoso', 'partner': 'fabrikam',"
                "   'userSyncInbound': {'isSyncAllowed': true},"
                "   'inboundTrust': {'isMfaAccepted': true}}"), -1, zDb, sizeof(zDb), &g);
  e = edge(&g, "fabrikam", "contoso");
  ck_assert_ptr_nonnull(e);
  ck_assert_uint_eq(e->mProblem, TRUST_P_DANGLING | TRUST_P_CLAIMS_TRUSTED);
  ck_assert_int_eq(e->a[TF_TRUST_MFA].eFrom, TRUST_PARTNER);
  trust_problem_text(&g, e, TRUST_P_CLAIMS_TRUSTED, zText, sizeof(zText));
  ck_assert_msg(strstr(zText, "contoso accepts fabrikam's MFA claims")!=NULL, "%s", zText);
  trust_problem_text(&g, e, TRUST_P_DANGLING, zText, sizeof(zText));
  ck_assert_msg(strstr(zText, "no job uses it")!=NULL, "%s", zText);
  trust_free(&g);
  unlink(zDb);
}
END_TEST

/* g written in format e, as a new string (free with mem_free). */
static char *written(const TrustGraph *g, TrustFormat e){
  char *z = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&z, &n);
  TsErr err;
  ck_assert_ptr_nonnull(f);
  tserr_clear(&err);
  ck_assert_int_eq(trust_fmt_write(g, e, f, &err), TS_OK);
  fclose(f);
  return z;
}

START_TEST(test_beta_settings_are_edge_settings_and_a_compliant_network_is_a_claim){
  char zDb[64], zText[TRUST_TEXT_SIZE], *z;
  TrustGraph g;
  const TrustEdge *e;
  graphOf(story(", {'tenant': 'contoso', 'partner': 'fabrikam',"
                "   'userSyncInbound': {'isSyncAllowed': true},"
                "   'groupSyncInbound': {'isSyncAllowed': true},"
                "   'roleEnabledGroupSyncInbound': {'isSyncAllowed': true}},"
                "  {'tenant': 'contoso', 'inboundTrust': {'isCompliantNetworkAccepted': true}}"),
          -1, zDb, sizeof(zDb), &g);
  e = edge(&g, "fabrikam", "contoso");
  ck_assert_ptr_nonnull(e);
  ck_assert_int_eq(e->a[TF_ROLE_GROUP_SYNC].v, 1);
  ck_assert_int_eq(e->a[TF_ROLE_GROUP_SYNC].eFrom, TRUST_PARTNER);
  ck_assert_int_eq(e->a[TF_TRUST_NETWORK].v, 1);
  ck_assert_int_eq(e->a[TF_TRUST_NETWORK].eFrom, TRUST_DEFAULT);
  ck_assert_uint_eq(e->mProblem, TRUST_P_DANGLING | TRUST_P_CLAIMS_TRUSTED);
  trust_problem_text(&g, e, TRUST_P_CLAIMS_TRUSTED, zText, sizeof(zText));
  ck_assert_msg(strstr(zText, "contoso accepts fabrikam's compliant-network claims")!=NULL, "%s", zText);
  ck_assert_str_eq(trust_field_path(TF_ROLE_GROUP_SYNC), "roleEnabledGroupSyncInbound.isSyncAllowed");
  ck_assert_str_eq(trust_field_path(TF_TRUST_NETWORK), "inboundTrust.isCompliantNetworkAccepted");
  z = written(&g, TRUST_TEXT);
  ck_assert_msg(strstr(z, "role-enabled group sync yes (partner policy)")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "compliant network trusted yes (default policy)")!=NULL, "%s", z);
  free(z);
  trust_free(&g);
  unlink(zDb);
}
END_TEST

START_TEST(test_every_format_states_the_edges_and_problems){
  char zDb[64], *z;
  TrustGraph g;
  cJSON *pDoc, *pEdge;
  graphOf(story(""), 30*60, zDb, sizeof(zDb), &g);
  z = written(&g, TRUST_TEXT);
  ck_assert_msg(strstr(z, "evil → fabrikam")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "PROBLEM sync blocked: fabrikam does not allow user sync from evil")
                !=NULL, "%s", z);
  free(z);
  z = written(&g, TRUST_JSON);
  pDoc = cJSON_Parse(z);
  ck_assert_ptr_nonnull(pDoc);
  ck_assert_str_eq(cJSON_GetObjectItem(pDoc, "atOffset")->valuestring, "PT30M");
  pEdge = cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "edges"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(pEdge, "from")->valuestring, "evil");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pEdge, "problems"),
                   0), "id")->valuestring, "sync_blocked");
  cJSON_Delete(pDoc);
  free(z);
  z = written(&g, TRUST_DOT);
  ck_assert_msg(strstr(z, "\"evil\" -> \"fabrikam\" [label=")!=NULL, "%s", z);
  ck_assert_msg(strstr(z, "! sync blocked")!=NULL, "%s", z);
  free(z);
  z = written(&g, TRUST_HTML);
  ck_assert_msg(strstr(z, "<svg class=\"trust\"")!=NULL, "no diagram");
  ck_assert_msg(strstr(z, "1 with a problem")!=NULL, "no answer first");
  ck_assert_msg(strstr(z, "<tspan class=\"tprob\"")!=NULL, "the problem is not written on the diagram");
  free(z);
  trust_free(&g);
  unlink(zDb);
}
END_TEST

/* Every label box of the diagram in z: x, y, width, height. */
static int label_boxes(const char *z, double (*a)[4], int nMax){
  int n = 0;
  while( (z = strstr(z, "<rect class=\"tlabel\""))!=NULL && n<nMax ){
    ck_assert_int_eq(sscanf(z, "<rect class=\"tlabel\" x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\"",
                            &a[n][0], &a[n][1], &a[n][2], &a[n][3]), 4);
    n++;
    z++;
  }
  return n;
}

/* A hub of nTenant tenants (tenant 0 the hub) or a full mesh, run for an
** hour; its diagram's labels must not overlap. */
static void check_no_overlap(int nTenant, int bMesh){
  static double a[1000][4];
  StrBuf sb;
  char zDb[64];
  TrustGraph g;
  int i, k, n, nEdge = 0;
  strbuf_init(&sb);
  strbuf_append(&sb, "{\"name\":\"topo\",\"start\":\"2026-01-05T09:00:00Z\",\"duration\":\"PT1H\","
                "\"tenants\":[");
  for(i=0; i<nTenant; i++){
    strbuf_printf(&sb, "%s{\"key\":\"tenant-%02d\",\"domain\":\"t%d.example\",\"users\":[{\"key\":\"u\"}]}",
                  i ? "," : "", i, i);
  }
  strbuf_append(&sb, "],\"policies\":[");
  for(i=0; i<nTenant; i++){
    strbuf_printf(&sb, "%s{\"tenant\":\"tenant-%02d\",\"automaticUserConsentSettings\":"
                  "{\"inboundAllowed\":true,\"outboundAllowed\":true},"
                  "\"userSyncInbound\":{\"isSyncAllowed\":true}}", i ? "," : "", i);
  }
  strbuf_append(&sb, "],\"jobs\":[");
  for(i=0; i<nTenant; i++){
    for(k=0; k<nTenant; k++){
      if( i==k || (!bMesh && i!=0 && k!=0) ) continue;
      strbuf_printf(&sb, "%s{\"key\":\"j%d-%d\",\"source\":\"tenant-%02d\",\"target\":"
                    "\"tenant-%02d\",\"scope\":\"all\"}", nEdge++ ? "," : "", i, k, i, k);
    }
  }
  strbuf_append(&sb, "]}");
  graphOf(strbuf_str(&sb), -1, zDb, sizeof(zDb), &g);
  strbuf_reset(&sb);
  trust_svg_append(&g, &sb);
  ck_assert(!sb.bErr);
  n = label_boxes(strbuf_str(&sb), a, 1000);
  ck_assert_int_eq(n, g.nEdge);
  for(i=0; i<n; i++){
    for(k=i+1; k<n; k++){
      int bOver = a[i][0] < a[k][0]+a[k][2] && a[k][0] < a[i][0]+a[i][2]
               && a[i][1] < a[k][1]+a[k][3] && a[k][1] < a[i][1]+a[i][3];
      ck_assert_msg(!bOver, "labels %d and %d overlap (%d tenants)", i+1, k+1, nTenant);
    }
  }
  /* Past 40 paths a matrix follows the diagram: a linked cell per path,
  ** an empty one on the diagonal. */
  strbuf_reset(&sb);
  trust_svg_section(&g, &sb);
  ck_assert(!sb.bErr);
  {
    const char *z = strbuf_str(&sb);
    int nLink = 0, nSelf = 0;
    for(i=0; (z = strstr(z, "<a href=\"#trust-path-"))!=NULL; z++) nLink++;
    for(z=strbuf_str(&sb); (z = strstr(z, "class=\"self\""))!=NULL; z++) nSelf++;
    if( g.nEdge>40 ){
      ck_assert_ptr_nonnull(strstr(strbuf_str(&sb), "<table class=\"tmatrix\">"));
      ck_assert_int_eq(nLink, g.nEdge);
      ck_assert_int_eq(nSelf, g.nNode);
      ck_assert_ptr_nonnull(strstr(strbuf_str(&sb), "<tr id=\"trust-path-380\">"));
    }else{
      ck_assert_ptr_null(strstr(strbuf_str(&sb), "tmatrix"));
    }
  }
  trust_free(&g);
  strbuf_free(&sb);
  unlink(zDb);
}

START_TEST(test_a_four_tenant_hub_has_no_overlapping_labels){
  check_no_overlap(4, 0);
}
END_TEST

START_TEST(test_a_twenty_tenant_mesh_has_no_overlapping_labels){
  check_no_overlap(20, 1);
}
END_TEST

START_TEST(test_a_database_without_policy_history_is_refused){
  char zDb[64];
  TrustGraph g;
  Store *pStore = NULL;
  TsErr err;
  fixture_run("tstrust", "trust.json", story(""), zDb, sizeof(zDb));
  {
    sqlite3 *db = NULL;
    ck_assert_int_eq(sqlite3_open(zDb, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE policy_history", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
  }
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_int_eq(trust_build(pStore, -1, &g, &err), TS_ERR);
  ck_assert_msg(strstr(err.zMsg, "no policy history")!=NULL, "%s", err.zMsg);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* The end of the run from the report's counts (trust_build_end) is the
** graph trust_build draws from the whole carry: shipped runs with users a
** job matched rather than created (imported-tenant) and users deleted
** before the end (termination-wave); and it survives failed allocations. */
START_TEST(test_the_end_from_the_reports_counts_is_the_end_from_the_carry){
  static const char *const azScn[] = { "scenarios/imported-tenant.json",
                                       "scenarios/termination-wave.json" };
  size_t k;
  for(k=0; k<sizeof(azScn)/sizeof(azScn[0]); k++){
    char zDb[64], *zText = tu_slurp(azScn[k], NULL);
    Store *pStore = NULL;
    Report *p = NULL;
    TrustGraph g1, g2;
    TsErr err;
    int i, j, bDone = 0;
    int64_t nUsers = 0;
    long n;
    ck_assert_ptr_nonnull(zText);
    fixture_run("tstrustend", azScn[k], zText, zDb, sizeof(zDb));
    free(zText);
    tserr_clear(&err);
    ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
    ck_assert_int_eq(report_build(pStore, &p, &err), TS_OK);
    ck_assert_int_eq(trust_build(pStore, -1, &g1, &err), TS_OK);
    ck_assert_int_eq(trust_build_end(pStore, p->anCreatedLive, p->nCreatedLive, &g2, &err), TS_OK);
    ck_assert_int_eq(g1.nEdge, g2.nEdge);
    ck_assert_int_eq(g2.bEnd, 1);
    for(i=0; i<g1.nEdge; i++){
      ck_assert_int_eq(g1.aEdge[i].nUsers, g2.aEdge[i].nUsers);
      ck_assert_int_eq(g1.aEdge[i].nJob, g2.aEdge[i].nJob);
      for(j=0; j<g1.aEdge[i].nJob; j++){
        ck_assert_int_eq(g1.aEdge[i].aJob[j].nUsers, g2.aEdge[i].aJob[j].nUsers);
      }
      nUsers += g1.aEdge[i].nUsers;
    }
    ck_assert_int_gt(nUsers, 0);
    trust_free(&g1);
    trust_free(&g2);
    for(n=1; !bDone && n<5000; n++){
      int rc;
      tserr_clear(&err);
      mem_fail_after(n);
      rc = trust_build_end(pStore, p->anCreatedLive, p->nCreatedLive, &g2, &err);
      mem_fail_after(0);
      if( rc==TS_OK ){
        bDone = 1;
        trust_free(&g2);
      }else{
        ck_assert_int_eq(rc, TS_NOMEM);
      }
    }
    ck_assert(bDone);
    report_free(p);
    store_close(pStore);
    unlink(zDb);
  }
}
END_TEST

START_TEST(test_trust_build_survives_every_failed_allocation){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  long n;
  int bDone = 0;
  fixture_run("tstrust", "trust.json", story(", {'tenant': 'contoso', 'inboundTrust':"
              " {'isMfaAccepted': true}}"), zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  for(n=1; !bDone && n<5000; n++){
    TrustGraph g;
    int rc;
    tserr_clear(&err);
    mem_fail_after(n);
    rc = trust_build(pStore, -1, &g, &err);
    mem_fail_after(0);
    if( rc==TS_OK ){
      bDone = 1;
      ck_assert_int_eq(g.nNode, 4);
      trust_free(&g);
    }else{
      ck_assert_int_eq(rc, TS_NOMEM);
    }
  }
  ck_assert_msg(bDone, "the graph never built");
  store_close(pStore);
  unlink(zDb);
}
END_TEST

Suite *trust_suite(void){
  Suite *s = suite_create("trust");
  TCase *tc = tcase_create("graph");
  TCase *tcDraw = tcase_create("diagram");
  tcase_set_timeout(tc, 60);
  tcase_set_timeout(tcDraw, 120);
  tcase_add_test(tc, test_policies_at_an_instant_are_those_in_force_then);
  tcase_add_test(tc, test_at_the_end_the_edge_carries_the_jobs_users);
  tcase_add_test(tc, test_a_default_policy_admits_every_tenant);
  tcase_add_test(tc, test_sync_and_trusted_claims_without_a_job_are_two_problems);
  tcase_add_test(tc, test_beta_settings_are_edge_settings_and_a_compliant_network_is_a_claim);
  tcase_add_test(tc, test_every_format_states_the_edges_and_problems);
  tcase_add_test(tc, test_a_database_without_policy_history_is_refused);
  tcase_add_test(tc, test_trust_build_survives_every_failed_allocation);
  tcase_add_test(tc, test_the_end_from_the_reports_counts_is_the_end_from_the_carry);
  tcase_add_test(tcDraw, test_a_four_tenant_hub_has_no_overlapping_labels);
  tcase_add_test(tcDraw, test_a_twenty_tenant_mesh_has_no_overlapping_labels);
  suite_add_tcase(s, tc);
  suite_add_tcase(s, tcDraw);
  return s;
}
