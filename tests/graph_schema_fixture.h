/*
** graph_schema_fixture.h — the fixture of the synchronizationSchema suites
** (test_graph_schema*.c): fixture documents of tests/fixtures/graph/,
** inline JSON written with ' for ", an import with its located messages,
** and what the tests read of the scenario job it gives (members, attribute
** entries, validation by the scenario parser). The helpers are static
** inline so that each suite may use any subset of them.
*/
#ifndef TS_GRAPH_SCHEMA_FIXTURE_H
#define TS_GRAPH_SCHEMA_FIXTURE_H
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "mem.h"
#include "strbuf.h"
#include "jsonloc.h"
#include "graph_schema.h"
#include "jsonfile.h"
#include "scenario.h"

#define FIX "tests/fixtures/graph/"
#define OM "$.synchronizationRules[0].objectMappings[0]"
#define AM(i) OM ".attributeMappings[" #i "]"

/* ------------------------------------------------------------ helpers */

/* z with every ' turned into " (a new string the caller frees). */
static inline char *q(const char *z){
  char *zOut = mem_strdup(z), *p;
  ck_assert_ptr_nonnull(zOut);
  for(p=zOut; *p; p++) if( *p=='\'' ) *p = '"';
  return zOut;
}

static inline cJSON *t_parse(const char *zJson){
  char *z = q(zJson);
  cJSON *p = cJSON_Parse(z);
  ck_assert_msg(p!=NULL, "test JSON does not parse: %s", z);
  mem_free(z);
  return p;
}

static inline cJSON *t_load(const char *zFile){
  StrBuf text;
  cJSON *p = NULL;
  TsErr err;
  strbuf_init(&text);
  ck_assert_int_eq(jsonfile_read(zFile, &text, &err), TS_OK);
  ck_assert_int_eq(jsonfile_parse(zFile, strbuf_str(&text), &p, &err), TS_OK);
  strbuf_free(&text);
  return p;
}

/* A schema with one rule and one User mapping whose attributeMappings are
** zAMs (a JSON array, ' for ") and whose further members are zExtra
** (",\"scope\": ..." or ""). */
static inline cJSON *t_schema(const char *zAMs, const char *zExtra){
  StrBuf b;
  cJSON *p;
  strbuf_init(&b);
  strbuf_printf(&b, "{'synchronizationRules': [{'name': 'USER_INBOUND_USER', 'objectMappings': [{"
                "'name': 'Provision Azure Active Directory Users', 'enabled': true,"
                " 'sourceObjectName': 'User', 'targetObjectName': 'User',"
                " 'attributeMappings': %s%s}]}]}", zAMs, zExtra);
  p = t_parse(strbuf_str(&b));
  strbuf_free(&b);
  return p;
}

/* The first object mapping of the first rule of pDoc. */
static inline cJSON *t_user_om(cJSON *pDoc){
  return cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(
    cJSON_GetObjectItemCaseSensitive(pDoc, "synchronizationRules"), 0), "objectMappings"), 0);
}

/* Import pDoc into a fresh job object (returned) with g initialised. */
static inline cJSON *t_import(const cJSON *pDoc, JsonLoc *g, int *pRc){
  cJSON *pJob = cJSON_CreateObject();
  jsonloc_init(g, 0);
  *pRc = graph_schema_import(g, "s.json", pDoc, pJob);
  return pJob;
}

static const char *t_msgs(const JsonLoc *g){ return strbuf_str(&g->msgs); }

/* Is there a message line containing "PATH: KIND: TEXT..."? */
static inline void t_expect(const JsonLoc *g, const char *zPath, const char *zKind, const char *zText){
  char zWant[1024];
  snprintf(zWant, sizeof(zWant), "s.json: %s: %s: %s", zPath, zKind, zText);
  ck_assert_msg(strstr(t_msgs(g), zWant)!=NULL, "expected\n  %s\nin\n%s", zWant, t_msgs(g));
}

static inline char *t_print(const cJSON *pJob, const char *zKey){
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(pJob, zKey);
  char *z = p ? cJSON_PrintUnformatted(p) : mem_strdup("(absent)");
  ck_assert_ptr_nonnull(z);
  return z;
}

/* Member zKey of pJob printed equals zWant (' for "). */
static inline void t_member_is(const cJSON *pJob, const char *zKey, const char *zWant){
  char *z = t_print(pJob, zKey), *w = q(zWant);
  ck_assert_msg(strcmp(z, w)==0, "%s:\n  got  %s\n  want %s", zKey, z, w);
  mem_free(z);
  mem_free(w);
}

/* Does the scenario validator accept the imported job (mapping and
** scopingFilters) as it stands? */
static inline void t_validates(const cJSON *pJob){
  cJSON *pScn = t_parse("{'name': 'imported', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
                        " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com'},"
                        "             {'key': 'fabrikam', 'domain': 'fabrikam.com'}],"
                        " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam'}]}");
  cJSON *pJ = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pScn, "jobs"), 0);
  const char *azKeys[] = { "mapping", "scopingFilters" };
  Scenario *p = NULL;
  StrBuf errs;
  TsErr err;
  char *z;
  int i, rc;
  for(i=0; i<2; i++){
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(pJob, azKeys[i]);
    if( c ) cJSON_AddItemToObject(pJ, azKeys[i], cJSON_Duplicate(c, 1));
  }
  z = cJSON_PrintUnformatted(pScn);
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_parse("imported.json", z, &p, &errs, &err);
  ck_assert_msg(rc==TS_OK, "the scenario validator refuses the import:\n%s%s", strbuf_str(&errs), err.zMsg);
  scenario_free(p);
  strbuf_free(&errs);
  cJSON_free(z);
  cJSON_Delete(pScn);
}

static const cJSON *t_attr(const cJSON *pJob, int i){
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(pJob, "mapping"),
                                                     "attributes");
  return cJSON_GetArrayItem(a, i);
}

static inline int t_nattr(const cJSON *pJob){
  return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
    cJSON_GetObjectItemCaseSensitive(pJob, "mapping"), "attributes"));
}

static inline void t_attr_is(const cJSON *pJob, int i, const char *zWant){
  char *z = cJSON_PrintUnformatted(t_attr(pJob, i)), *w = q(zWant);
  ck_assert_msg(z && strcmp(z, w)==0, "attributes[%d]:\n  got  %s\n  want %s", i, z, w);
  cJSON_free(z);
  mem_free(w);
}

/* Import the one attributeMapping zAM; returns the job. */
static inline cJSON *t_one(const char *zAM, JsonLoc *g, int *pRc){
  StrBuf b;
  cJSON *pDoc, *pJob;
  strbuf_init(&b);
  strbuf_printf(&b, "[%s]", zAM);
  pDoc = t_schema(strbuf_str(&b), "");
  pJob = t_import(pDoc, g, pRc);
  cJSON_Delete(pDoc);
  strbuf_free(&b);
  return pJob;
}

/* ------------------------------------------------------------ fixtures */


#endif
