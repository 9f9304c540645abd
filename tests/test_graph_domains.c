/*
** test_graph_domains.c — the specification of sim/graph/graph_domains.c:
** Graph domain resources (GET /domains, or one domain as EntraExporter
** writes it) as a tenant's verifiedDomains. A domain counts when its
** isVerified is true ("true if the domain has completed domain ownership
** verification", Graph's domain resource); the others are not the
** tenant's.
**
** Inline documents are written with ' in place of " (graph_policy_fixture.h).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <string.h>
#include "mem_fixture.h"
#include "graph_domains.h"
#include "graph_policy_fixture.h"
#include "suites.h"

/* Does a message of g contain zNeedle? */
static int has_msg_part(const JsonLoc *g, const char *zNeedle){
  return strstr(strbuf_str((StrBuf*)&g->msgs), zNeedle)!=NULL;
}

/* A page of four: the verified ones, lower case and in document order;
** the unverified one left out; the properties tenantsim reads nothing
** from taken without a word. */
START_TEST(test_verified_domains_of_a_page){
  JsonLoc g;
  cJSON *pDoc = fixture("lab-domains.json"), *a = cJSON_CreateArray();
  jsonloc_init(&g, 1);
  ck_assert_int_eq(graph_domains_import(&g, "d.json", pDoc, a), TS_OK);
  assert_json(a, "['fabrikam.com','fabrikam.onmicrosoft.com','fabrikam.eu']");
  ck_assert_int_eq(g.nErr, 0);
  ck_assert_int_eq(g.nWarn, 0);
  cJSON_Delete(a);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* One domain per document (EntraExporter's Domains/<name>/<name>.json),
** several documents into one array: a domain already there is not added
** again, whatever its case. */
START_TEST(test_single_domains_accumulate_once_each){
  JsonLoc g;
  cJSON *a = cJSON_CreateArray();
  cJSON *p1 = json("{'id': 'contoso.com', 'isVerified': true, 'isDefault': true}");
  cJSON *p2 = json("{'id': 'CONTOSO.com', 'isVerified': true}");
  cJSON *p3 = json("{'id': 'contoso.dev', 'isVerified': false}");
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_domains_import(&g, "1.json", p1, a), TS_OK);
  ck_assert_int_eq(graph_domains_import(&g, "2.json", p2, a), TS_OK);
  ck_assert_int_eq(graph_domains_import(&g, "3.json", p3, a), TS_OK);
  assert_json(a, "['contoso.com']");
  ck_assert_int_eq(g.nErr + g.nWarn, 0);
  cJSON_Delete(a); cJSON_Delete(p1); cJSON_Delete(p2); cJSON_Delete(p3);
  jsonloc_free(&g);
}
END_TEST

/* Each malformed domain is an error at its path; the good one among them
** is still taken, and a property Graph does not document is a warning. */
START_TEST(test_malformed_domains_are_refused_with_their_path){
  JsonLoc g;
  cJSON *pDoc = fixture("bad-domains.json"), *a = cJSON_CreateArray(), *pNot = json("['x.com']");
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_domains_import(&g, "bad.json", pDoc, a), TS_OK);
  ck_assert(has_msg_part(&g, "bad.json: $.value[0].id: error: expected a string, found a number"));
  ck_assert(has_msg_part(&g, "bad.json: $.value[1].id: error: expected a domain name such as"
                        " contoso.com, found \"fabrikam_eu.com\""));
  ck_assert(has_msg_part(&g, "bad.json: $.value[2].isVerified: error: expected true or false (whether"
                        " domain fabrikam.de is verified), found a string"));
  ck_assert(has_msg_part(&g, "bad.json: $.value[3].isVerified: error: expected true or false (whether"
                        " domain fabrikam.fr is verified), found nothing"));
  ck_assert(has_msg_part(&g, "bad.json: $.value[4]: error: expected an object, found a string"));
  ck_assert(has_msg_part(&g, "bad.json: $.value[5].mxRecord: warning: domain property mxRecord is not"
                        " modelled by tenantsim; ignored"));
  ck_assert_int_eq(g.nErr, 5);
  assert_json(a, "['fabrikam.es']");
  ck_assert_int_eq(graph_domains_import(&g, "arr.json", pNot, a), TS_OK);
  ck_assert(has_msg_part(&g, "arr.json: $: error: expected a Graph object or a collection"));
  cJSON_Delete(a); cJSON_Delete(pDoc); cJSON_Delete(pNot);
  jsonloc_free(&g);
}
END_TEST

/* Every allocation failing in turn: TS_NOMEM or a recorded bNoMem. */
START_TEST(test_alloc_failures){
  cJSON *pDoc = fixture("lab-domains.json"), *pBad = fixture("bad-domains.json");
  long n;
  int bDone = 0;
  mfx_cjson_hooks(1);
  for(n=1; n<500 && !bDone; n++){
    JsonLoc g;
    cJSON *a;
    int rc = TS_NOMEM;
    long nBefore = mem_fail_count();
    jsonloc_init(&g, 0);
    mem_fail_after(n);
    a = cJSON_CreateArray();
    if( a ) rc = graph_domains_import(&g, "d.json", pDoc, a);
    if( rc==TS_OK ) rc = graph_domains_import(&g, "bad.json", pBad, a);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      ck_assert(!g.bNoMem);
      ck_assert_int_eq(cJSON_GetArraySize(a), 4);
      bDone = 1;
    }
    cJSON_Delete(a);
    jsonloc_free(&g);
  }
  mfx_cjson_hooks(0);
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
  cJSON_Delete(pDoc);
  cJSON_Delete(pBad);
}
END_TEST

Suite *graph_domains_suite(void){
  Suite *s = suite_create("graph_domains");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_verified_domains_of_a_page);
  tcase_add_test(tc, test_single_domains_accumulate_once_each);
  tcase_add_test(tc, test_malformed_domains_are_refused_with_their_path);
  tcase_add_test(tc, test_alloc_failures);
  suite_add_tcase(s, tc);
  return s;
}
