/*
** test_graph_secrets.c — a synchronization job's secrets to and from the
** scenario (sim/graph/graph_secrets.c): scope and the accidental-deletion
** threshold and the notification e-mail read, unmodelled settings warned, errors with their paths,
** nesting limits, the export and its round trip.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <cjson/cJSON.h>
#include "graph_policy_fixture.h"
#include "suites.h"


/* ------------------------------------------------------------ secrets */

static cJSON *import_secrets(JsonLoc *g, const cJSON *pDoc, const char *zTid, int rcWant){
  cJSON *pJob = json("{'key':'f2c','source':'fabrikam','target':'contoso'}");
  int rc = graph_secrets_import(g, "s.json", pDoc, zTid, pJob);
  ck_assert_msg(rc==rcWant, "rc %d, want %d:\n%s", rc, rcWant, strbuf_str(&g->msgs));
  return pJob;
}

START_TEST(test_secrets_put_body_gives_assigned_scope_without_threshold){
  JsonLoc g;
  cJSON *pDoc = fixture("xts-secrets-put-body.json"), *pJob;
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, CONTOSO_ID, TS_OK);
  assert_json(pJob, "{'key':'f2c','source':'fabrikam','target':'contoso','scope':'assigned'}");
  ck_assert_int_eq(g.nWarn, 1);
  ck_assert_line(&g, "s.json: $.value[1].value: warning: CompanyId \"{targetTenantId}\" is not the"
                 " target tenant's id " CONTOSO_ID "; the target tenant's is used");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_secrets_with_delete_threshold_and_unused_secrets){
  JsonLoc g;
  cJSON *pDoc = fixture("secrets-get-with-delete-threshold.json"), *pJob;
  const char *zMsgs;
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, CONTOSO_ID, TS_OK);
  /* Enabled with an empty Recipients: the e-mail is on, to no one. */
  assert_json(pJob, "{'key':'f2c','source':'fabrikam','target':'contoso','deleteThreshold':500,"
              "'notifications':{'enabled':true}}");
  ck_assert_int_eq(g.nWarn, 3);
  ck_assert_line(&g, "s.json: $.value[0].key: warning: secret Domain is not used by cross-tenant"
                 " synchronization; ignored (its value is not shown)");
  ck_assert_line(&g, "s.json: $.value[2].key: warning: secret UserName is not used by cross-tenant"
                 " synchronization; ignored (its value is not shown)");
  ck_assert_line(&g, "s.json: $.value[3].key: warning: secret Password is not used by cross-tenant"
                 " synchronization; ignored (its value is not shown)");
  zMsgs = strbuf_str(&g.msgs);
  ck_assert_ptr_null(strstr(zMsgs, "ADToAADSyncServiceAccount"));
  ck_assert_ptr_null(strstr(zMsgs, "contoso.com"));
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_secrets_settings_that_are_not_modelled_warn){
  JsonLoc g;
  cJSON *pDoc = json("{'value':[{'key':'SyncAll','value':'True'},"
    "{'key':'SkipOutOfScopeDeletions','value':'True'},"
    "{'key':'SyncNotificationSettings','value':'{\\'Enabled\\':true,\\'Recipients\\':\\'ops@contoso.com\\',"
    "\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':25,"
    "\\'HumanResourcesLookaheadQueryEnabled\\':true,\\'Digest\\':1}'},"
    "{'key':'CompanyId','value':'" CONTOSO_ID "'},{'key':'AuthenticationType','value':'OAuth2'},"
    "{'key':'MysterySecret','value':'hunter2'},{'key':'SyncAll','value':'FALSE'}]}");
  cJSON *pJob;
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, CONTOSO_ID, TS_OK);
  assert_json(pJob, "{'key':'f2c','source':'fabrikam','target':'contoso','scope':'assigned',"
              "'skipOutOfScopeDeletions':true,'deleteThreshold':25,"
              "'notifications':{'enabled':true,'recipients':'ops@contoso.com'}}");
  ck_assert_int_eq(g.nWarn, 6);
  ck_assert_line(&g, "s.json: $.value[1].value: warning: SkipOutOfScopeDeletions is kept on the job,"
                 " but cross-tenant synchronization does not honour it (users going out of scope are"
                 " soft-deleted; turn the Delete target object action off instead)");
  ck_assert_line(&g, "s.json: $.value[2].value: warning: SyncNotificationSettings:"
                 " \"HumanResourcesLookaheadQueryEnabled\" is not modelled; ignored");
  ck_assert_line(&g, "s.json: $.value[2].value: warning: SyncNotificationSettings: \"Digest\" is not"
                 " modelled; ignored");
  ck_assert_line(&g, "s.json: $.value[4].value: warning: AuthenticationType \"OAuth2\" is not"
                 " cross-tenant synchronization's \"SyncPolicy\"; ignored");
  ck_assert_line(&g, "s.json: $.value[5].key: warning: unknown secret \"MysterySecret\"; ignored (its"
                 " value is not shown)");
  ck_assert_line(&g, "s.json: $.value[6].value: warning: SyncAll is given again; this later value is used");
  ck_assert_ptr_null(strstr(strbuf_str(&g.msgs), "hunter2"));
  ck_assert_ptr_null(strstr(strbuf_str(&g.msgs), "ops@"));   /* no address in a message */
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

START_TEST(test_secrets_disabled_threshold_removes_it_and_sync_all_sets_scope){
  JsonLoc g;
  cJSON *pDoc = json("{'value':[{'key':'SyncAll','value':'true'},{'key':'SyncNotificationSettings',"
                     "'value':'{\\'DeleteThresholdEnabled\\':false,\\'DeleteThresholdValue\\':0}'}]}");
  cJSON *pJob = json("{'key':'f2c','scope':'assigned','deleteThreshold':10,"
                     "'notifications':{'enabled':true,'recipients':'ops@contoso.com'}}");
  jsonloc_init(&g, 0);
  ck_assert_int_eq(graph_secrets_import(&g, "s.json", pDoc, NULL, pJob), TS_OK);
  /* the settings are one object: no Enabled, no Recipients is the e-mail off */
  assert_json(pJob, "{'key':'f2c','scope':'all'}");
  ck_assert_int_eq(g.nWarn + g.nErr, 0);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* Import {"value":[zEntries]}; expect one error, the line zLine. */
static void expect_secrets_error(const char *zDoc, const char *zLine){
  JsonLoc g;
  cJSON *pDoc = json(zDoc), *pJob;
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, NULL, TS_ERR);
  ck_assert_msg(g.nErr==1, "%d errors:\n%s", g.nErr, strbuf_str(&g.msgs));
  ck_assert_line(&g, zLine);
  assert_json(pJob, "{'key':'f2c','source':'fabrikam','target':'contoso'}");
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}

#define NOTIFY(z) "{'value':[{'key':'SyncNotificationSettings','value':'" z "'}]}"

START_TEST(test_secrets_errors_name_the_path){
  expect_secrets_error("[]", "s.json: $: error: expected the secrets object ({\"value\": [...]}),"
                       " found an array");
  expect_secrets_error("{'@odata.context':'x'}", "s.json: $.value: error: expected an array, found nothing");
  expect_secrets_error("{'value':{'key':'SyncAll'}}", "s.json: $.value: error: expected an array,"
                       " found an object");
  expect_secrets_error("{'value':[3]}", "s.json: $.value[0]: error: expected a {\"key\": ..., \"value\":"
                       " ...} object, found a number");
  expect_secrets_error("{'value':[{'key':'SyncAll'}]}", "s.json: $.value[0].value: error: expected a"
                       " string, found nothing");
  expect_secrets_error("{'value':[{'key':'SyncAll','value':true}]}", "s.json: $.value[0].value: error:"
                       " expected a string, found a Boolean");
  expect_secrets_error("{'value':[{'key':7,'value':'x'}]}", "s.json: $.value[0].key: error: expected a"
                       " string, found a number");
  expect_secrets_error("{'value':[{'key':'SyncAll','value':'yes'}]}", "s.json: $.value[0].value: error:"
                       " SyncAll must be \"true\" or \"false\", found \"yes\"");
  expect_secrets_error("{'value':[{'key':'SkipOutOfScopeDeletions','value':'1'}]}", "s.json:"
                       " $.value[0].value: error: SkipOutOfScopeDeletions must be \"true\" or \"false\","
                       " found \"1\"");
  expect_secrets_error(NOTIFY("{\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':-5}"),
                       "s.json: $.value[0].value: error: SyncNotificationSettings: \"DeleteThresholdValue\""
                       " must be an integer from 0 to 1000000000, found -5");
  expect_secrets_error(NOTIFY("{\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':2.5}"),
                       "s.json: $.value[0].value: error: SyncNotificationSettings: \"DeleteThresholdValue\""
                       " must be an integer from 0 to 1000000000, found 2.5");
  expect_secrets_error(NOTIFY("{\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':\\'500\\'}"),
                       "s.json: $.value[0].value: error: SyncNotificationSettings: DeleteThresholdEnabled"
                       " is true, so \"DeleteThresholdValue\" must be a positive integer, found a string");
  expect_secrets_error(NOTIFY("{\\'DeleteThresholdEnabled\\':true}"),
                       "s.json: $.value[0].value: error: SyncNotificationSettings: DeleteThresholdEnabled"
                       " is true, so \"DeleteThresholdValue\" must be a positive integer, found nothing");
  expect_secrets_error(NOTIFY("{\\'DeleteThresholdEnabled\\':\\'true\\'}"),
                       "s.json: $.value[0].value: error: SyncNotificationSettings: \"DeleteThresholdEnabled\""
                       " must be true or false, found a string");
  expect_secrets_error(NOTIFY("{\\'Enabled\\':false,"), "s.json: $.value[0].value: error:"
                       " SyncNotificationSettings is not valid JSON (at character 18 of the string)");
  expect_secrets_error(NOTIFY("[1]"), "s.json: $.value[0].value: error: SyncNotificationSettings must"
                       " hold a JSON object, found an array");
  expect_secrets_error(NOTIFY("{\\'Enabled\\':\\'yes\\'}"), "s.json: $.value[0].value: error:"
                       " SyncNotificationSettings: \"Enabled\" must be true or false, found a string");
  expect_secrets_error(NOTIFY("{\\'Recipients\\':7}"), "s.json: $.value[0].value: error:"
                       " SyncNotificationSettings: \"Recipients\" must be a string, found a number");
}
END_TEST

START_TEST(test_secrets_threshold_zero_is_kept_with_a_warning){
  JsonLoc g;
  cJSON *pDoc = json(NOTIFY("{\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':0}")), *pJob;
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, NULL, TS_OK);
  assert_json(pJob, "{'key':'f2c','source':'fabrikam','target':'contoso','deleteThreshold':0}");
  ck_assert_int_eq(g.nWarn, 1);
  cJSON_Delete(pJob);
  cJSON_Delete(pDoc);
  jsonloc_free(&g);
}
END_TEST

/* A settings string nested deeper than cJSON parses is bad JSON; one that
** parses is an unknown member. Neither may crash. */
START_TEST(test_secrets_deeply_nested_settings){
  JsonLoc g;
  StrBuf s;
  cJSON *pDoc, *pEntry, *pJob;
  int i;
  strbuf_init(&s);
  for(i=0; i<5000; i++) strbuf_append(&s, "[");
  pDoc = json("{'value':[{'key':'SyncNotificationSettings','value':''}]}");
  pEntry = cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "value"), 0);
  cJSON_ReplaceItemInObject(pEntry, "value", cJSON_CreateString(strbuf_str(&s)));
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, NULL, TS_ERR);
  ck_assert_int_eq(g.nErr, 1);
  ck_assert_ptr_nonnull(strstr(strbuf_str(&g.msgs), "SyncNotificationSettings is not valid JSON (at character"));
  cJSON_Delete(pJob);
  jsonloc_free(&g);
  strbuf_reset(&s);
  strbuf_append(&s, "{\"Deep\":");
  for(i=0; i<500; i++) strbuf_append(&s, "[");
  for(i=0; i<500; i++) strbuf_append(&s, "]");
  strbuf_append(&s, "}");
  cJSON_ReplaceItemInObject(pEntry, "value", cJSON_CreateString(strbuf_str(&s)));
  jsonloc_init(&g, 0);
  pJob = import_secrets(&g, pDoc, NULL, TS_OK);
  ck_assert_line(&g, "s.json: $.value[0].value: warning: SyncNotificationSettings: \"Deep\" is not"
                 " modelled; ignored");
  cJSON_Delete(pJob);
  jsonloc_free(&g);
  cJSON_Delete(pDoc);
  strbuf_free(&s);
}
END_TEST

START_TEST(test_secrets_export_and_round_trip){
  static const char *const azJob[] = {
    "{'key':'j','scope':'all','deleteThreshold':500}",
    "{'key':'j','scope':'assigned'}",
    "{'key':'j','scope':'assigned','deleteThreshold':0}",
    "{'key':'j','scope':'assigned','notifications':{'enabled':true,'recipients':'ops@contoso.com;sec@contoso.com'}}",
    "{'key':'j','scope':'assigned','notifications':{'enabled':false,'recipients':'ops@contoso.com'}}",
    "{'key':'j','scope':'assigned','notifications':{'enabled':true}}",
  };
  size_t k;
  cJSON *pDoc = NULL;
  TsErr err;
  cJSON *pJob = json(azJob[0]);
  tserr_clear(&err);
  ck_assert_int_eq(graph_secrets_export(pJob, CONTOSO_ID, &pDoc, &err), TS_OK);
  assert_json(pDoc, "{'value':[{'key':'AuthenticationType','value':'SyncPolicy'},"
    "{'key':'CompanyId','value':'" CONTOSO_ID "'},{'key':'SyncNotificationSettings','value':"
    "'{\\'Enabled\\':false,\\'DeleteThresholdEnabled\\':true,\\'DeleteThresholdValue\\':500}'},"
    "{'key':'SyncAll','value':'true'}]}");
  cJSON_Delete(pDoc);
  cJSON_Delete(pJob);
  pJob = json(azJob[3]);
  ck_assert_int_eq(graph_secrets_export(pJob, CONTOSO_ID, &pDoc, &err), TS_OK);
  assert_json(cJSON_GetArrayItem(cJSON_GetObjectItem(pDoc, "value"), 2),
    "{'key':'SyncNotificationSettings','value':'{\\'Enabled\\':true,"
    "\\'Recipients\\':\\'ops@contoso.com;sec@contoso.com\\',\\'DeleteThresholdEnabled\\':false}'}");
  cJSON_Delete(pDoc);
  cJSON_Delete(pJob);
  for(k=0; k<sizeof(azJob)/sizeof(azJob[0]); k++){
    JsonLoc g;
    cJSON *pBack = json("{'key':'j'}");
    pJob = json(azJob[k]);
    jsonloc_init(&g, 0);
    ck_assert_int_eq(graph_secrets_export(pJob, CONTOSO_ID, &pDoc, &err), TS_OK);
    ck_assert_int_eq(graph_secrets_import(&g, "e.json", pDoc, CONTOSO_ID, pBack), TS_OK);
    assert_same_json(pJob, pBack);
    cJSON_Delete(pDoc);
    cJSON_Delete(pJob);
    cJSON_Delete(pBack);
    jsonloc_free(&g);
  }
  /* And import → export → import from the documented body. */
  {
    JsonLoc g;
    cJSON *pSrc = fixture("secrets-get-with-delete-threshold.json");
    cJSON *pJ1 = json("{'key':'j','scope':'all'}"), *pJ2 = json("{'key':'j'}");
    jsonloc_init(&g, 0);
    ck_assert_int_eq(graph_secrets_import(&g, "s.json", pSrc, CONTOSO_ID, pJ1), TS_OK);
    ck_assert_int_eq(graph_secrets_export(pJ1, CONTOSO_ID, &pDoc, &err), TS_OK);
    ck_assert_int_eq(graph_secrets_import(&g, "e.json", pDoc, CONTOSO_ID, pJ2), TS_OK);
    assert_json(pJ1, "{'key':'j','scope':'all','deleteThreshold':500,'notifications':{'enabled':true}}");
    assert_same_json(pJ1, pJ2);
    cJSON_Delete(pDoc);
    cJSON_Delete(pSrc);
    cJSON_Delete(pJ1);
    cJSON_Delete(pJ2);
    jsonloc_free(&g);
  }
}
END_TEST

/* Import and export of the notification e-mail with each allocation
** failing in turn: out of memory and nothing leaked (the
** asan build checks); then both succeed. */
START_TEST(test_secrets_notifications_survive_every_failed_allocation){
  cJSON *pDoc = json(NOTIFY("{\\'Enabled\\':true,\\'Recipients\\':\\'ops@contoso.com\\'}"));
  long n;
  int bDone = 0;
  for(n=1; !bDone && n<500; n++){
    JsonLoc g;
    TsErr err;
    cJSON *pJob = json("{'key':'j'}"), *pOut = NULL;
    long nBefore = mem_fail_count();
    int rc;
    jsonloc_init(&g, 0);
    mem_fail_after(n);
    rc = graph_secrets_import(&g, "s.json", pDoc, NULL, pJob);
    if( rc==TS_OK ) rc = graph_secrets_export(pJob, CONTOSO_ID, &pOut, &err);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      assert_json(pJob, "{'key':'j','notifications':{'enabled':true,'recipients':'ops@contoso.com'}}");
      ck_assert_ptr_nonnull(pOut);
      bDone = 1;
    }
    cJSON_Delete(pOut);
    cJSON_Delete(pJob);
    jsonloc_free(&g);
  }
  ck_assert_msg(bDone, "never completed");
  cJSON_Delete(pDoc);
}
END_TEST

START_TEST(test_secrets_export_refuses_invalid_jobs){
  cJSON *pDoc = (cJSON *)1, *pJob = json("{'scope':'everyone'}");
  TsErr err;
  ck_assert_int_eq(graph_secrets_export(pJob, CONTOSO_ID, &pDoc, &err), TS_ERR);
  ck_assert_ptr_null(pDoc);
  ck_assert_str_eq(err.zMsg, "scope: expected \"assigned\" or \"all\", found \"everyone\"");
  cJSON_Delete(pJob);
  pJob = json("{'deleteThreshold':-1}");
  ck_assert_int_eq(graph_secrets_export(pJob, CONTOSO_ID, &pDoc, &err), TS_ERR);
  ck_assert_str_eq(err.zMsg, "deleteThreshold: expected an integer from 0 to 1000000000");
  cJSON_Delete(pJob);
}
END_TEST

Suite *graph_secrets_suite(void){
  Suite *s = suite_create("graph_secrets");
  TCase *tcSec = tcase_create("secrets");
  tcase_add_test(tcSec, test_secrets_put_body_gives_assigned_scope_without_threshold);
  tcase_add_test(tcSec, test_secrets_with_delete_threshold_and_unused_secrets);
  tcase_add_test(tcSec, test_secrets_settings_that_are_not_modelled_warn);
  tcase_add_test(tcSec, test_secrets_disabled_threshold_removes_it_and_sync_all_sets_scope);
  tcase_add_test(tcSec, test_secrets_errors_name_the_path);
  tcase_add_test(tcSec, test_secrets_threshold_zero_is_kept_with_a_warning);
  tcase_add_test(tcSec, test_secrets_deeply_nested_settings);
  tcase_add_test(tcSec, test_secrets_export_and_round_trip);
  tcase_add_test(tcSec, test_secrets_export_refuses_invalid_jobs);
  tcase_add_test(tcSec, test_secrets_notifications_survive_every_failed_allocation);
  suite_add_tcase(s, tcSec);
  return s;
}
