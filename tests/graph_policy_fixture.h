/*
** graph_policy_fixture.h — the fixture of the policy and secrets suites
** (test_graph_policy.c, test_graph_policy_export.c, test_graph_secrets.c,
** and test_graph_authz.c and test_graph_domains.c for its documents and
** JSON helpers):
** the two tenants of the Graph examples (Fabrikam the source, Contoso the
** target), fixture documents, inline JSON written with ' for ", JSON
** compared with an expected text, and the located messages of an import.
** The helpers are static inline so that each suite may use any subset.
*/
#ifndef TS_GRAPH_POLICY_FIXTURE_H
#define TS_GRAPH_POLICY_FIXTURE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "jsonloc.h"
#include "graph_policy.h"
#include "graph_secrets.h"
#include "jsonfile.h"
#include "mem.h"

#define FABRIKAM_ID "9c5d131d-b1c3-4fc4-9e3f-c6557947d551"
#define CONTOSO_ID  "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"

static const GraphTenantRef aTenants[2] = {
  { "fabrikam", FABRIKAM_ID },
  { "contoso", CONTOSO_ID },
};

/* --------------------------------------------------------- helpers */

static inline cJSON *fixture(const char *zName){
  char zPath[1024];
  const char *zRoot = getenv("TS_FIXTURES");
  StrBuf text;
  TsErr err;
  cJSON *p = NULL;
  snprintf(zPath, sizeof(zPath), "%s/graph/%s", zRoot && zRoot[0] ? zRoot : "tests/fixtures", zName);
  strbuf_init(&text);
  tserr_clear(&err);
  ck_assert_msg(jsonfile_read(zPath, &text, &err)==TS_OK, "%s", err.zMsg);
  ck_assert_msg(jsonfile_parse(zPath, strbuf_str(&text), &p, &err)==TS_OK, "%s", err.zMsg);
  strbuf_free(&text);
  return p;
}

/* JSON written with ' for " so that expected values read easily. */
static inline cJSON *json(const char *zText){
  char *z = mem_strdup(zText), *q;
  cJSON *p;
  for(q=z; *q; q++) if( *q=='\'' ) *q = '"';
  p = cJSON_Parse(z);
  ck_assert_msg(p!=NULL, "bad test JSON: %s", z);
  mem_free(z);
  return p;
}

static inline void assert_json(const cJSON *p, const char *zExpected){
  char *zGot = cJSON_PrintUnformatted(p);
  char *zWant = mem_strdup(zExpected), *q;
  for(q=zWant; *q; q++) if( *q=='\'' ) *q = '"';
  ck_assert_str_eq(zGot, zWant);
  cJSON_free(zGot);
  mem_free(zWant);
}

static inline void assert_same_json(const cJSON *pA, const cJSON *pB){
  char *zA = cJSON_PrintUnformatted(pA), *zB = cJSON_PrintUnformatted(pB);
  ck_assert_str_eq(zA, zB);
  cJSON_free(zA);
  cJSON_free(zB);
}

/* Is zLine one whole line of the import's messages? */
static inline int has_line(const JsonLoc *g, const char *zLine){
  const char *z = strbuf_str(&g->msgs);
  size_t n = strlen(zLine);
  while( *z ){
    const char *zEnd = strchr(z, '\n');
    size_t nLine = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if( nLine==n && memcmp(z, zLine, n)==0 ) return 1;
    z += nLine + (zEnd ? 1 : 0);
  }
  return 0;
}

#define ck_assert_line(g, zLine) \
  ck_assert_msg(has_line((g), (zLine)), "no line \"%s\" in:\n%s", (zLine), strbuf_str(&(g)->msgs))

/* Import one fixture's partners into an empty array. */
static inline cJSON *import_partners_file(JsonLoc *g, const char *zName, int rcWant){
  cJSON *pDoc = fixture(zName), *pPol = cJSON_CreateArray();
  int rc = graph_policy_import_partners(g, zName, pDoc, aTenants, 2, pPol);
  ck_assert_msg(rc==rcWant, "rc %d, want %d:\n%s", rc, rcWant, strbuf_str(&g->msgs));
  cJSON_Delete(pDoc);
  return pPol;
}


#endif
