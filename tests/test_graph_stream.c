/*
** test_graph_stream.c — the specification of sim/graph/graph_stream.c: a
** users or members page read one item at a time gives exactly what the
** whole document gives, and a document it cannot read exactly leaves
** nothing behind.
**
** Inline documents are written with ' in place of " (see dq()).
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "mem_fixture.h"
#include "jsonloc.h"
#include "graph_stream.h"
#include "graph_users.h"
#include "graph_groups.h"
#include "graph_resolve.h"
#include "mem.h"
#include "suites.h"
#include "tserr.h"

/* z with ' turned into " (a static buffer). */
static const char *dq(const char *z){
  static char zBuf[8192];
  size_t i, n = strlen(z);
  ck_assert(n<sizeof(zBuf));
  for(i=0; i<=n; i++) zBuf[i] = z[i]=='\'' ? '"' : z[i];
  return zBuf;
}

/* The users of d as compact JSON (owned by the caller). */
static char *users_json(GraphDir *d){
  cJSON *pUsers, *pGroups;
  char *z;
  ck_assert_int_eq(graph_users_take(d, &pUsers, &pGroups), TS_OK);
  z = cJSON_PrintUnformatted(pUsers);
  cJSON_Delete(pUsers);
  cJSON_Delete(pGroups);
  return z;
}

/* Import the text zFirst (parsed whole) and then zDoc, streamed when
** bStream (falling back to the whole document as cmd_import does); the
** users as JSON into *pzUsers and the messages into *pzMsgs (both owned
** by the caller). Returns what the stream call returned (TS_OK when not
** streamed). */
static int import_two(const char *zFirst, const char *zDoc, int bStream,
                      char **pzUsers, char **pzMsgs){
  JsonLoc g;
  GraphDir d;
  cJSON *pFirst = cJSON_Parse(dq(zFirst));
  char *zText = mem_strdup(dq(zDoc));
  int rc = TS_OK;
  ck_assert(pFirst!=NULL && zText!=NULL);
  jsonloc_init(&g, 0);
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "a.json", pFirst), TS_OK);
  if( bStream ) rc = graph_users_stream_users(&g, &d, "b.json", zText, strlen(zText));
  if( !bStream || rc==GRAPH_STREAM_NO ){
    cJSON *pDoc = cJSON_Parse(zText);
    if( pDoc==NULL ) jsonloc_fail(&g, "b.json: invalid JSON");
    else ck_assert_int_eq(graph_users_add_users(&g, &d, "b.json", pDoc), TS_OK);
    cJSON_Delete(pDoc);
  }
  ck_assert_int_eq(graph_resolve(&g, &d, NULL, "src"), TS_OK);
  {
    cJSON *pUsers, *pGroups;
    ck_assert_int_eq(graph_users_take(&d, &pUsers, &pGroups), TS_OK);
    *pzUsers = cJSON_PrintUnformatted(pUsers);
    cJSON_Delete(pUsers);
    cJSON_Delete(pGroups);
  }
  *pzMsgs = mem_strdup(strbuf_str(&g.msgs));
  ck_assert(*pzUsers!=NULL && *pzMsgs!=NULL);
  graph_users_free(&d);
  jsonloc_free(&g);
  cJSON_Delete(pFirst);
  mem_free(zText);
  return rc;
}

static const char *const zFirstPage =
  "{'value': [{'id': 'a1', 'userPrincipalName': 'ann@src.example', 'otherMails': ['x']}]}";

/* Each of the n documents azDoc, after zFirstPage, streams with status
** rcStream and gives the users and messages it gives parsed whole. */
static void same_either_way(const char *const *azDoc, int n, int rcStream){
  int i;
  for(i=0; i<n; i++){
    char *zU1, *zM1, *zU2, *zM2;
    ck_assert_int_eq(import_two(zFirstPage, azDoc[i], 1, &zU1, &zM1), rcStream);
    import_two(zFirstPage, azDoc[i], 0, &zU2, &zM2);
    ck_assert_str_eq(zU1, zU2);
    ck_assert_str_eq(zM1, zM2);
    ck_assert_msg(strstr(zU1, "ann")!=NULL, "document %d: %s", i, zU1);
    mem_free(zU1); mem_free(zM1); mem_free(zU2); mem_free(zM2);
  }
}

/* Streamed or whole, the same users (keys numbered across pages) and the
** same messages, in the same order. */
START_TEST(test_a_streamed_page_gives_what_the_whole_page_gives){
  static const char *const azDoc[] = {
    "{'@odata.context': 'c', 'value': [{'id': 'b1', 'userPrincipalName': 'ann@src.example',"
    " 'accountEnabled': 'yes', 'mobilePhone': '1', 'businessPhones': ['1', '2']},"
    " {'id': 'a1', 'userPrincipalName': 'ann@src.example', 'mail': 'other@x'}, 7,"
    " {'id': 'b2', 'userPrincipalName': 'bo@src.example', 'manager': {'id': 'b1'},"
    " 'onPremisesExtensionAttributes': {'extensionAttribute2': 'v', 'foo': 1}}],"
    " '@odata.nextLink': 'n'}",
    "{'a': [1, {'b': null}], 'value': [{'id': 'c1', 'userPrincipalName': 'cy@src.example'}],"
    " 'value': [{'id': 'c2'}]}",
    "{'value': []}",
    "  {\t'value' :\n[ {'id': 'd1', 'userPrincipalName': 'd\\u00fc@src.example'} , 1e5 ] }\n",
  };
  same_either_way(azDoc, (int)(sizeof(azDoc)/sizeof(azDoc[0])), TS_OK);
}
END_TEST

/* A document the walk cannot read exactly as cJSON reads it whole is
** refused, and the users and messages of its items read before the
** refusal are forgotten: the result is the whole document's. */
START_TEST(test_a_document_not_streamed_leaves_nothing_behind){
  static const char *const azDoc[] = {
    "{'value': [{'id': 'b1', 'userPrincipalName': 'bo@src.example', 'mobilePhone': '1'}],"
    " '@odata.nextLink': nul}",                                  /* invalid after the items */
    "{'value': [{'id': 'b1', 'userPrincipalName': 'ann@src.example'}, {'id': }]}",
    "{'value': [{'id': 'b1', 'userPrincipalName': 'ann@src.example'},]}",
    "{'value': [{'id': 'b1', 'userPrincipalName': 'ann@src.example'}]} x",
    "{'value': [\xEF\xBB\xBF{'id': 'b1', 'userPrincipalName': 'ann@src.example'}]}",
    "{'id': 'b1', 'userPrincipalName': 'ann@src.example'}",      /* one user, not a page */
    "{'value': {'id': 'b1'}}",
    "[{'id': 'b1'}]",
    "{}",
    "",
  };
  same_either_way(azDoc, (int)(sizeof(azDoc)/sizeof(azDoc[0])), GRAPH_STREAM_NO);
}
END_TEST

/* An item nested close to cJSON's depth limit is left to the whole
** document, whose parse counts the levels above the items too. */
START_TEST(test_an_item_nested_near_the_limit_is_not_streamed){
  static char zDoc[4200];
  char *zU, *zM;
  int n = 0, i;
  n += snprintf(zDoc+n, sizeof(zDoc)-n, "{'value': [{'id': 'b1', 'x': ");
  for(i=0; i<998; i++) zDoc[n++] = '[';
  for(i=0; i<998; i++) zDoc[n++] = ']';
  snprintf(zDoc+n, sizeof(zDoc)-n, "}]}");
  ck_assert_int_eq(import_two(zFirstPage, zDoc, 1, &zU, &zM), GRAPH_STREAM_NO);
  ck_assert_msg(strstr(zM, "invalid JSON")!=NULL, "%s", zM);
  mem_free(zU); mem_free(zM);
}
END_TEST

/* A members page streamed records the same memberships; a refused one
** records none of its own. */
START_TEST(test_members_streamed_and_refused){
  static const char *const zUsers = "{'value': [{'id': 'u1', 'userPrincipalName': 'u1@s.example'},"
    " {'id': 'u2', 'userPrincipalName': 'u2@s.example'}]}";
  static const char *const zGroups = "{'value': [{'id': 'g', 'displayName': 'G'}]}";
  static const char *const azDoc[] = {
    "{'value': [{'@odata.type': '#microsoft.graph.user', 'id': 'u1'},"
    " {'@odata.type': '#microsoft.graph.device', 'id': 'd'}, {'id': 'u9'}, {'id': 'u2'}]}",
    "{'value': [{'id': 'u1'}, {'id': 'u2'},]}",
  };
  int i, b;
  for(i=0; i<2; i++){
    char *az[2][2];
    for(b=0; b<2; b++){
      JsonLoc g;
      GraphDir d;
      cJSON *pU = cJSON_Parse(dq(zUsers)), *pG = cJSON_Parse(dq(zGroups));
      char *zText = mem_strdup(dq(azDoc[i]));
      int rc = GRAPH_STREAM_NO;
      jsonloc_init(&g, 0);
      graph_users_init(&d);
      ck_assert_int_eq(graph_users_add_users(&g, &d, "u.json", pU), TS_OK);
      ck_assert_int_eq(graph_groups_add(&g, &d, "g.json", pG), TS_OK);
      if( b ) rc = graph_groups_stream_members(&g, &d, "m.json", "g", zText, strlen(zText));
      ck_assert_int_eq(rc, b && i==0 ? TS_OK : GRAPH_STREAM_NO);
      if( rc==GRAPH_STREAM_NO ){
        cJSON *pDoc = cJSON_Parse(zText);
        if( pDoc ) ck_assert_int_eq(graph_groups_add_members(&g, &d, "m.json", "g", pDoc), TS_OK);
        cJSON_Delete(pDoc);
      }
      ck_assert_int_eq(graph_resolve(&g, &d, NULL, "s"), TS_OK);
      az[b][0] = users_json(&d);
      az[b][1] = mem_strdup(strbuf_str(&g.msgs));
      graph_users_free(&d);
      jsonloc_free(&g);
      cJSON_Delete(pU); cJSON_Delete(pG);
      mem_free(zText);
    }
    ck_assert_str_eq(az[0][0], az[1][0]);
    ck_assert_str_eq(az[0][1], az[1][1]);
    if( i==0 ) ck_assert_msg(strstr(az[1][0], "\"groups\"")!=NULL, "%s", az[1][0]);
    for(b=0; b<2; b++){ mem_free(az[b][0]); mem_free(az[b][1]); }
  }
}
END_TEST

/* Out of memory at any allocation of a streamed page is TS_NOMEM, never
** a crash or a half-read page reported as read. */
START_TEST(test_stream_alloc_failures){
  const char *zDoc = dq("{'value': [{'id': 'b1', 'userPrincipalName': 'bo@src.example',"
                        " 'mobilePhone': '1'}, {'id': 'b2'}], 'x': [1, 2]}");
  char *zText = mem_strdup(zDoc);
  long n;
  int bDone = 0;
  mfx_cjson_hooks(1);
  for(n=1; n<500 && !bDone; n++){
    JsonLoc g;
    GraphDir d;
    long nBefore = mem_fail_count();
    int rc;
    jsonloc_init(&g, 0);
    graph_users_init(&d);
    mem_fail_after(n);
    rc = graph_users_stream_users(&g, &d, "b.json", zText, strlen(zText));
    mem_fail_after(0);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      ck_assert_int_eq(d.nUser, 2);
      bDone = 1;
    }else{
      ck_assert_msg(rc==TS_NOMEM || g.bNoMem, "allocation %ld: rc %d", n, rc);
    }
    graph_users_free(&d);
    jsonloc_free(&g);
  }
  mfx_cjson_hooks(0);
  mem_free(zText);
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
}
END_TEST

Suite *graph_stream_suite(void){
  Suite *s = suite_create("graph_stream");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_a_streamed_page_gives_what_the_whole_page_gives);
  tcase_add_test(tc, test_a_document_not_streamed_leaves_nothing_behind);
  tcase_add_test(tc, test_an_item_nested_near_the_limit_is_not_streamed);
  tcase_add_test(tc, test_members_streamed_and_refused);
  tcase_add_test(tc, test_stream_alloc_failures);
  suite_add_tcase(s, tc);
  return s;
}
