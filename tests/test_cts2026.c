/*
** test_cts2026.c — what 2026 changed in cross-tenant sync (issue 13,
** cts-2026.md §1 rows 1, 2, 6, 7): group sync as a generally available
** feature with each documented requirement checked where the service
** shows it; originId / originTenantId on the users and groups it manages,
** in the Graph-shaped exports (reports/export_dir.c) and read back by the
** importer; the 21Vianet same-cloud pair allowed with the documentation
** conflict named. The multitenant organization is test_mto.c, the group
** soft delete test_groupsync.c. Each test quotes its rule.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "export_dir.h"
#include "graph_users.h"
#include "graph_groups.h"
#include "graph_resolve.h"
#include "jsonloc.h"
#include "mem.h"
#include "store.h"
#include "scenario_fixture.h"
#include "run_fixture.h"
#include "e2e_fixture.h"
#include "suites.h"

/* contoso -> fabrikam with group g of two members assigned; zContoso and
** zJob are appended to contoso's and the job's objects, zFabPolicy to
** fabrikam's policy for contoso, zTimeline is the timeline. */
static const char *gs_story(const char *zContoso, const char *zJob, const char *zFabPolicy,
                            const char *zTimeline){
  static char zBuf[5000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'gs', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT3H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'g'}],"
    "              'users': [{'key': 'ann', 'groups': ['g']}, {'key': 'bob', 'groups': ['g']}]%s},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com', 'users': [{'key': 'own'}]}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}%s}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}%s}],"
    " 'timeline': [%s]}",
    zContoso ? zContoso : "", zFabPolicy ? zFabPolicy : "", zJob ? zJob : "",
    zTimeline ? zTimeline : "");
  return scn(zBuf);
}

#define GOVERNANCE ", 'licences': ['P1', 'Governance']"
#define GROUPS ", 'groupProvisioning': true"
#define GROUP_SYNC_IN ", 'groupSyncInbound': {'isSyncAllowed': true}"

/* ------------------------------------------------- group sync is GA */

/* "Microsoft Entra ID P1 or P2 license for cross-tenant user sync.
** Microsoft Entra ID Governance or Microsoft Entra Suite licenses for
** cross-tenant group sync" (configure, prerequisites); "Cross-tenant
** synchronization for groups (same cloud) | Microsoft Entra ID Governance
** or Microsoft Entra Suite licenses" (overview, license requirements). */
START_TEST(test_group_sync_needs_governance_or_suite_in_the_source){
  expectRejected(gs_story(NULL, GROUPS, NULL, NULL), "jobs[0].groupProvisioning",
                 "group synchronization needs Microsoft Entra ID Governance or Microsoft Entra"
                 " Suite licences in the source tenant contoso");
  expectRejected(gs_story(", 'licences': ['P1', 'P2']", GROUPS, NULL, NULL),
                 "jobs[0].groupProvisioning", "group synchronization needs");
  scenario_free(parseOk(gs_story(GOVERNANCE, GROUPS, NULL, NULL)));
  scenario_free(parseOk(gs_story(", 'licences': ['Suite']", GROUPS, NULL, NULL)));
  /* users alone need P1 only */
  scenario_free(parseOk(gs_story(NULL, NULL, NULL, NULL)));
}
END_TEST

/* "If you want to synchronize groups, you must select Sync only assigned
** users and groups" (configure, step 7); "The Sync all users option isn't
** supported when group synchronization is enabled" (overview). */
START_TEST(test_group_sync_needs_the_assigned_scope){
  expectRejected(gs_story(GOVERNANCE, GROUPS ", 'scope': 'all'", NULL, NULL),
                 "jobs[0].groupProvisioning", "group synchronization needs the scope \"Sync only"
                 " assigned users and groups\"");
  expectRejected(gs_story(GOVERNANCE, GROUPS, NULL,
                          "{'at': 'PT1H', 'action': 'set_secrets', 'job': 'c2f', 'scope': 'all'}"),
                 "timeline[0].scope", "job c2f provisions groups, which needs the scope");
}
END_TEST

/* "Synchronizing groups across cloud environments such as Azure
** commercial, Azure Government, and Azure in China isn't supported"
** (overview, restrictions for synchronizing groups). */
START_TEST(test_group_sync_is_refused_across_clouds){
  const char *z = scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance']},"
    "             {'key': 'gov', 'domain': 'gov.example', 'cloud': 'usgov'}],"
    " 'jobs': [{'key': 'j', 'source': 'contoso', 'target': 'gov', 'crossCloud': true,"
    "           'groupProvisioning': true}]}");
  expectRejected(z, "jobs[0].groupProvisioning", "groups are not synchronized across clouds");
}
END_TEST

/* The target's "Allow group synchronization into this tenant" checkbox
** (groupSyncInbound.isSyncAllowed): off, the groups are skipped; and
** "false stops any current group synchronization from the source tenant
** to the target tenant. This property has no impact on existing groups
** that were synchronized" (Graph crossTenantGroupSyncInbound). */
START_TEST(test_the_target_checkbox_starts_and_stops_group_sync_and_keeps_synced_groups){
  char zDb[64];
  fixture_run("tsgs", "gs.json", gs_story(GOVERNANCE, GROUPS, NULL, NULL), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE tenant=1"), 0);
  ck_assert_int_ge(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                          " AND status='skipped' AND reason LIKE 'The target tenant does not allow"
                          " group synchronization%'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND creation_type='Invitation'"),
                   2);
  unlink(zDb);
  fixture_run("tsgs", "gs.json", gs_story(GOVERNANCE, GROUPS, GROUP_SYNC_IN,
      "{'at': 'PT50M', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
      " 'field': 'groupSyncInbound.isSyncAllowed', 'value': false},"
      "{'at': 'PT55M', 'action': 'remove_member', 'tenant': 'contoso', 'group': 'g',"
      " 'users': ['bob']}"), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE tenant=1 AND created_by_job=0"
                          " AND deleted_at IS NULL"), 1);
  /* bob left the source group after the stop: the synced group keeps him */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM group_members m JOIN groups g ON g.idx=m.group_idx"
                          " WHERE g.tenant=1"), 2);
  unlink(zDb);
}
END_TEST

/* The source's "Provision Microsoft Entra ID Groups" mapping: "By default,
** this toggle is set to No", and "Group is skipped from synchronization
** because EntityTypeNotSupported … group synchronization is not enabled in
** the source tenant" (configure, troubleshooting). */
START_TEST(test_the_group_mapping_is_off_by_default_and_groups_are_entity_type_not_supported){
  char zDb[64];
  Scenario *p = parseOk(gs_story(GOVERNANCE, NULL, GROUP_SYNC_IN, NULL));
  ck_assert_int_eq(p->aJob[0].bGroupSync, 0);
  scenario_free(p);
  fixture_run("tsgs", "gs.json", gs_story(GOVERNANCE, NULL, GROUP_SYNC_IN, NULL), zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM provisioning_log WHERE object_type='Group'"
                          " AND status='skipped' AND error_code='EntityTypeNotSupported'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM groups WHERE tenant=1"), 0);
  unlink(zDb);
}
END_TEST

/* ----------------------------------------------- 21Vianet, cross-cloud */

/* Entra what's new, February 2026: "Microsoft Entra Provisioning Service
** available in Microsoft Azure operated by 21Vianet … Cross-tenant sync
** between China tenants"; the overview (ms.date 04/27/2026): "Cross-tenant
** synchronization isn't supported within the Microsoft Azure operated by
** 21Vianet cloud" (cts-2026.md §1 row 7: a conflict). The pair is allowed,
** the conflict named in a warning. */
START_TEST(test_china_to_china_is_allowed_with_a_warning_naming_the_conflict){
  Scenario *p = parseOk(scn("{'name': 'cn', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
    " 'tenants': [{'key': 'a', 'domain': 'a.cn', 'cloud': 'china'},"
    "             {'key': 'b', 'domain': 'b.cn', 'cloud': 'china'}],"
    " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b'}]}"));
  const char *z = strbuf_str(&p->warnings);
  ck_assert_msg(strncmp(z, "inline.json: jobs[0].target: warning: synchronization between two"
                        " tenants of Microsoft Azure operated by 21Vianet", 110)==0, "%s", z);
  ck_assert_msg(strstr(z, "the documentation conflicts")!=NULL, "%s", z);
  scenario_free(p);
  p = parseOk(gs_story(NULL, NULL, NULL, NULL));
  ck_assert_uint_eq(p->warnings.n, 0);
  scenario_free(p);
}
END_TEST

/* The cross-cloud pairs, GA since September 2025 ("General Availability -
** Cross-tenant synchronization (cross-cloud)"): commercial to usgov, usgov
** to commercial, commercial to china — and no other. */
START_TEST(test_only_the_documented_cross_cloud_pairs_are_allowed){
  static const struct { const char *zS, *zT; int bOk; } a[] = {
    { "commercial", "usgov", 1 }, { "usgov", "commercial", 1 }, { "commercial", "china", 1 },
    { "china", "commercial", 0 }, { "usgov", "china", 0 }, { "china", "usgov", 0 },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    char zBuf[1200];
    snprintf(zBuf, sizeof(zBuf), "{'name': 'cc', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
      " 'tenants': [{'key': 'a', 'domain': 'a.example', 'cloud': '%s', 'licences': ['P1', 'Governance']},"
      "             {'key': 'b', 'domain': 'b.example', 'cloud': '%s'}],"
      " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b', 'crossCloud': true}]}", a[i].zS, a[i].zT);
    if( a[i].bOk ) scenario_free(parseOk(scn(zBuf)));
    else expectRejected(scn(zBuf), "jobs[0].target", "is not supported (cross-cloud pairs:");
  }
}
END_TEST

/* `tenantsim validate` prints the warning on stderr and still exits 0. */
START_TEST(test_validate_prints_the_warning_and_succeeds){
  char zFile[] = "/tmp/tscn-XXXXXX", zErr[2000], *azArg[1];
  FILE *fOut = fopen("/dev/null", "w"), *fErr = tmpfile(), *f;
  int fd = mkstemp(zFile), rc;
  size_t k;
  ck_assert(fd>=0 && fOut && fErr);
  f = fdopen(fd, "w");
  fputs(scn("{'name': 'cn', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
            " 'tenants': [{'key': 'a', 'domain': 'a.cn', 'cloud': 'china'},"
            "             {'key': 'b', 'domain': 'b.cn', 'cloud': 'china'}],"
            " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b'}]}"), f);
  fclose(f);
  azArg[0] = zFile;
  rc = cmd_validate_entry.xExec(1, azArg, fOut, fErr);
  rewind(fErr);
  k = fread(zErr, 1, sizeof(zErr)-1, fErr);
  zErr[k] = 0;
  fclose(fOut);
  fclose(fErr);
  unlink(zFile);
  ck_assert_int_eq(rc, 0);
  ck_assert_msg(strstr(zErr, ": jobs[0].target: warning: ")!=NULL, "%s", zErr);
}
END_TEST

/* ------------------------------------------- origin in the exports */

/* Graph beta's user originTenantInfo (crossTenantResource): originId "ID
** of the original object in the source Microsoft Entra tenant the object
** was synchronized from", originTenantId "ID of the source Microsoft Entra
** tenant"; "This information is only populated for objects that are
** synchronized using cross-tenant synchronization" (cts-2026.md §1 row 2). */
static const cJSON *by_id(const cJSON *pDoc, const char *zId){
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(pDoc, "value")){
    if( strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "id")), zId)==0 ) return c;
  }
  return NULL;
}

static const char *origin_of(const cJSON *p, const char *zMember){
  return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
           cJSON_GetObjectItemCaseSensitive(p, "originTenantInfo"), zMember));
}

static void run_synced_groups(char *zDb, size_t n){
  fixture_run("tsgs", "gs.json", gs_story(GOVERNANCE, GROUPS, GROUP_SYNC_IN, NULL), zDb, n);
}

START_TEST(test_exported_target_users_and_groups_carry_their_origin){
  char zDb[64], zId[64], zSrc[64], zTenant[64], zSql[300];
  Store *pStore = NULL;
  cJSON *pUsers = NULL, *pGroups = NULL, *pSrcGroups = NULL;
  const cJSON *p;
  TsErr err;
  run_synced_groups(zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_int_eq(export_dir(pStore, "fabrikam", 0, &pUsers, &err), TS_OK);
  ck_assert_int_eq(export_dir(pStore, NULL, 1, &pGroups, &err), TS_OK);  /* the job's target */
  ck_assert_int_eq(export_dir(pStore, "contoso", 1, &pSrcGroups, &err), TS_OK);
  qtext(zDb, "SELECT tenant_id FROM tenants WHERE key='contoso'", zTenant, sizeof(zTenant));
  /* ann's B2B user in fabrikam */
  qtext(zDb, "SELECT t.object_id FROM users t JOIN links l ON l.target_user=t.id"
             " JOIN users s ON s.id=l.source_user WHERE s.key='ann'", zId, sizeof(zId));
  qtext(zDb, "SELECT object_id FROM users WHERE key='ann'", zSrc, sizeof(zSrc));
  ck_assert_ptr_nonnull(p = by_id(pUsers, zId));
  ck_assert_str_eq(origin_of(p, "originId"), zSrc);
  ck_assert_str_eq(origin_of(p, "originTenantId"), zTenant);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, "creationType")),
                   "Invitation");
  ck_assert(cJSON_IsBool(cJSON_GetObjectItemCaseSensitive(p, "showInAddressList")));
  /* fabrikam's own user: none */
  qtext(zDb, "SELECT object_id FROM users WHERE key='own'", zId, sizeof(zId));
  ck_assert_ptr_nonnull(p = by_id(pUsers, zId));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(p, "originTenantInfo"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(pUsers, "value")), 3);
  /* the synced group, and the source group it comes from */
  qtext(zDb, "SELECT object_id FROM groups WHERE tenant=1", zId, sizeof(zId));
  qtext(zDb, "SELECT object_id FROM groups WHERE tenant=0", zSrc, sizeof(zSrc));
  ck_assert_ptr_nonnull(p = by_id(pGroups, zId));
  ck_assert_str_eq(origin_of(p, "originId"), zSrc);
  ck_assert_str_eq(origin_of(p, "originTenantId"), zTenant);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "securityEnabled")));
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(p, "mailEnabled")));
  ck_assert_ptr_nonnull(p = by_id(pSrcGroups, zSrc));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(p, "originTenantInfo"));
  snprintf(zSql, sizeof(zSql), "SELECT count(*) FROM users WHERE origin_tenant_id='%s'", zTenant);
  ck_assert_int_eq(q1(zDb, zSql), 2);
  cJSON_Delete(pSrcGroups);
  ck_assert_int_eq(export_dir(pStore, "nowhere", 0, &pSrcGroups, &err), TS_ERR);
  ck_assert_ptr_null(pSrcGroups);
  ck_assert_msg(strstr(err.zMsg, "no tenant \"nowhere\" in the run (tenants: contoso, fabrikam)"),
                "%s", err.zMsg);
  cJSON_Delete(pUsers);
  cJSON_Delete(pGroups);
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* What `export --users` / `--groups` writes `import --users` / `--groups`
** reads back without a warning: originTenantInfo is the run's, not the
** scenario's. */
START_TEST(test_the_importer_reads_exported_users_and_groups_without_warnings){
  char zDb[64];
  Store *pStore = NULL;
  cJSON *pUsers = NULL, *pGroups = NULL;
  TsErr err;
  JsonLoc g;
  GraphDir d;
  run_synced_groups(zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  ck_assert_int_eq(export_dir(pStore, "fabrikam", 0, &pUsers, &err), TS_OK);
  ck_assert_int_eq(export_dir(pStore, "fabrikam", 1, &pGroups, &err), TS_OK);
  store_close(pStore);
  jsonloc_init(&g, 1);
  graph_users_init(&d);
  ck_assert_int_eq(graph_users_add_users(&g, &d, "users.json", pUsers), TS_OK);
  ck_assert_int_eq(graph_groups_add(&g, &d, "groups.json", pGroups), TS_OK);
  ck_assert_msg(g.nWarn==0 && g.nErr==0, "%s", strbuf_str(&g.msgs));
  ck_assert_int_eq(d.nUser, 3);
  ck_assert_int_eq(d.nGroup, 1);
  graph_users_free(&d);
  jsonloc_free(&g);
  cJSON_Delete(pUsers);
  cJSON_Delete(pGroups);
  unlink(zDb);
}
END_TEST

/* The export allocates: each allocation failing in turn is TS_NOMEM with
** nothing handed out. */
START_TEST(test_the_directory_export_survives_each_allocation_failing){
  char zDb[64];
  Store *pStore = NULL;
  TsErr err;
  long n;
  int k, rc = TS_NOMEM;
  run_synced_groups(zDb, sizeof(zDb));
  tserr_clear(&err);
  ck_assert_int_eq(store_open_readonly(zDb, &pStore, &err), TS_OK);
  for(k=0; k<2; k++){
    rc = TS_NOMEM;
    for(n=1; n<10000 && rc==TS_NOMEM; n++){
      cJSON *pDoc = (cJSON*)1;
      mem_fail_after(n);
      rc = export_dir(pStore, "fabrikam", k, &pDoc, &err);
      mem_fail_after(0);
      ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
      ck_assert((rc==TS_OK)==(pDoc!=NULL));
      cJSON_Delete(pDoc);
    }
    ck_assert_int_eq(rc, TS_OK);
  }
  store_close(pStore);
  unlink(zDb);
}
END_TEST

/* `export --policies` applies an mto_join as the run did: the settings the
** templates wrote are in the exported partners. */
START_TEST(test_the_policy_export_applies_a_join){
  char zDb[64], zOut[] = "/tmp/tsexp-XXXXXX", *azArg[6];
  FILE *fOut = fopen("/dev/null", "w"), *fErr = tmpfile();
  int fd = mkstemp(zOut);
  char *z;
  cJSON *pDoc;
  const cJSON *pPartner;
  ck_assert(fd>=0 && fOut && fErr);
  close(fd);
  fixture_run("tsgs", "mto.json", scn("{'name': 'mto', 'start': '2026-01-05T09:00:00Z',"
    " 'duration': 'PT2H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com'}, {'key': 'woodgrove', 'domain': 'w.example'}],"
    " 'jobs': [{'key': 'j', 'source': 'contoso', 'target': 'woodgrove'}],"
    " 'timeline': [{'at': 'PT1H', 'action': 'mto_join', 'tenant': 'woodgrove'}],"
    " 'multiTenantOrganization': {'tenants': [{'tenant': 'contoso', 'role': 'owner'},"
    "   {'tenant': 'woodgrove', 'state': 'pending'}],"
    "   'templates': [{'tenant': 'woodgrove', 'identitySync': {'userSyncInbound': {'isSyncAllowed': true}}}]}}"),
    zDb, sizeof(zDb));
  azArg[0] = zDb; azArg[1] = "--policies"; azArg[2] = "--tenant"; azArg[3] = "woodgrove";
  azArg[4] = "--output"; azArg[5] = zOut;
  ck_assert_int_eq(cmd_export_entry.xExec(6, azArg, fOut, fErr), 0);
  z = tu_slurp(zOut, NULL);
  pDoc = cJSON_Parse(z);
  ck_assert_ptr_nonnull(pDoc);
  pPartner = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pDoc, "partners"), 0);
  ck_assert_msg(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(pPartner, "identitySynchronization"), "userSyncInbound"),
      "isSyncAllowed")), "%s", z);
  cJSON_Delete(pDoc);
  free(z);
  fclose(fOut);
  fclose(fErr);
  unlink(zOut);
  unlink(zDb);
}
END_TEST

Suite *cts2026_suite(void){
  Suite *s = suite_create("cts2026");
  TCase *tcGroups = tcase_create("group sync");
  TCase *tcClouds = tcase_create("clouds");
  TCase *tcOrigin = tcase_create("origin");
  tcase_add_test(tcGroups, test_group_sync_needs_governance_or_suite_in_the_source);
  tcase_add_test(tcGroups, test_group_sync_needs_the_assigned_scope);
  tcase_add_test(tcGroups, test_group_sync_is_refused_across_clouds);
  tcase_add_test(tcGroups, test_the_target_checkbox_starts_and_stops_group_sync_and_keeps_synced_groups);
  tcase_add_test(tcGroups, test_the_group_mapping_is_off_by_default_and_groups_are_entity_type_not_supported);
  tcase_add_test(tcClouds, test_china_to_china_is_allowed_with_a_warning_naming_the_conflict);
  tcase_add_test(tcClouds, test_only_the_documented_cross_cloud_pairs_are_allowed);
  tcase_add_test(tcClouds, test_validate_prints_the_warning_and_succeeds);
  tcase_add_test(tcOrigin, test_exported_target_users_and_groups_carry_their_origin);
  tcase_add_test(tcOrigin, test_the_importer_reads_exported_users_and_groups_without_warnings);
  tcase_add_test(tcOrigin, test_the_directory_export_survives_each_allocation_failing);
  tcase_add_test(tcOrigin, test_the_policy_export_applies_a_join);
  tcase_set_timeout(tcOrigin, 120);
  suite_add_tcase(s, tcGroups);
  suite_add_tcase(s, tcClouds);
  suite_add_tcase(s, tcOrigin);
  return s;
}
