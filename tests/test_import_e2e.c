/*
** test_import_e2e.c — end-to-end tests of `tenantsim import` and the Graph
** forms of `tenantsim export`: the binary reads real-shaped Graph exports
** (tests/fixtures/graph/: copies of ../shared/reference/graph-examples and
** the "lab-" set, a small Fabrikam → Contoso tenant pair written for these
** tests, also as an EntraExporter folder), the scenario it writes is run,
** and the results are asserted in the run database and the files.
*/
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <cjson/cJSON.h>
#include "e2e_fixture.h"
#include "test_util.h"
#include "suites.h"

#define FX "tests/fixtures/graph"
#define SRC_ID "9c5d131d-b1c3-4fc4-9e3f-c6557947d551"
#define TGT_ID "3d0f5dba-6c3b-4b1e-9a43-1b2b0b6c1f77"
#define TENANTS "--source-tenant " SRC_ID " --target-tenant " TGT_ID

/* The lab's documents: the source tenant as an EntraExporter folder, the
** target's users, the schema, the secrets and the target's partner policy. */
#define LAB_DOCS "--exporter " FX "/entraexporter-fabrikam --users target=" FX "/lab-target-users.json" \
  " --schema " FX "/lab-schema.json --secrets " FX "/lab-secrets.json" \
  " --partner " FX "/lab-target-partners.json"

static char zDir[256];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-import"); }
static void teardown(void){ e2e_rmdir(zDir); }

static int exists(const char *zPath){
  struct stat st;
  return stat(zPath, &st)==0;
}

/* Does the n bytes at z contain zNeedle, ignoring ASCII case? */
static int contains_nocase(const char *z, size_t n, const char *zNeedle){
  size_t k = strlen(zNeedle), i;
  for(i=0; i+k<=n; i++){
    if( strncasecmp(z+i, zNeedle, k)==0 ) return 1;
  }
  return 0;
}

/* Run `tenantsim import ARGS -o DIR/zOut 2>DIR/zOut.err`; exit status. */
static int import(const char *zOut, const char *zArgs){
  return sh("%s import %s -o %s/%s >%s/%s.out 2>%s/%s.err", bin(), zArgs, zDir, zOut,
            zDir, zOut, zDir, zOut);
}


/* Does DIR/zFile contain zNeedle? (No report when it does not.) */
static int file_has_quiet(const char *zFile, const char *zNeedle){
  char zPath[1024];
  char *z;
  int b;
  snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zFile);
  z = tu_slurp(zPath, NULL);
  b = strstr(z, zNeedle)!=NULL;
  free(z);
  return b;
}

/* Does DIR/zFile contain zNeedle? When not, the file is shown. */
static int file_has(const char *zFile, const char *zNeedle){
  int b = file_has_quiet(zFile, zNeedle);
  if( !b ){
    char zPath[1024];
    char *z;
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zFile);
    z = tu_slurp(zPath, NULL);
    fprintf(stderr, "%s lacks \"%s\":\n%s\n", zFile, zNeedle, z);
    free(z);
  }
  return b;
}

/* DIR/zFile parsed (the caller deletes it). */
static cJSON *read_json_file(const char *zFile){
  char zPath[400];
  char *z;
  cJSON *p;
  snprintf(zPath, sizeof(zPath), "%s/%s", zDir, zFile);
  z = tu_slurp(zPath, NULL);
  p = cJSON_Parse(z);
  free(z);
  ck_assert_msg(p!=NULL, "%s is not JSON", zFile);
  return p;
}

/* p printed compactly equals zExpected, written with ' for ". */
static void assert_json(const cJSON *p, const char *zExpected){
  char *zGot = cJSON_PrintUnformatted(p);
  char *zWant = strdup(zExpected), *q;
  ck_assert(zGot && zWant);
  for(q=zWant; *q; q++) if( *q=='\'' ) *q = '"';
  ck_assert_str_eq(zGot, zWant);
  free(zGot);
  free(zWant);
}

/* ------------------------------------------------------------- tests */

/* The lab imports, runs, and syncs exactly the in-scope users with the
** imported mapping; the imported B2B user is matched, not duplicated. */
START_TEST(test_lab_imports_and_runs){
  char zDb[300], zT[200];
  ck_assert_int_eq(import("lab.json", LAB_DOCS " " TENANTS " --name lab --duration P2D"), 0);
  ck_assert(file_has("lab.json.out", "wrote "));
  ck_assert(file_has("lab.json.out", "5 source users, 4 target users, 2 policies, 1 job; 5 warnings"));
  ck_assert(file_has("lab.json.out", "B2B users in the target: 1 with their home identity among the source"
                                     " users, 1 pending invitation, 1 without a known home identity"));
  ck_assert(file_has("lab.json.err", "$.otherMails: warning: user property otherMails is not modelled"));
  ck_assert(file_has("lab.json.err", "lab-target-users.json: $.value[2]: warning: B2B user oliver"));
  ck_assert_int_eq(sh("%s validate %s/lab.json >/dev/null", bin(), zDir), 0);
  snprintf(zDb, sizeof(zDb), "%s/lab.db", zDir);
  ck_assert_int_eq(sh("%s run %s/lab.json --db %s --quiet >/dev/null", bin(), zDir, zDb), 0);
  /* Tomasz (Engineering, wave 1) created with the imported displayName expression */
  ck_assert_str_eq(qtext(zDb, "SELECT display_name FROM users WHERE user_principal_name"
                              " LIKE 'tomasz.nowak_fabrikam.com#EXT#@%'", zT, sizeof(zT)),
                   "Tomasz Nowak (Fabrikam)");
  /* onPremisesExtensionAttributes flow as extensionAttribute1 */
  ck_assert_str_eq(qtext(zDb, "SELECT e.value FROM user_extensions e JOIN users u ON u.id=e.user_id"
                              " WHERE u.user_principal_name LIKE 'tomasz.nowak_fabrikam.com#EXT#@%'"
                              " AND e.name='extensionAttribute1'", zT, sizeof(zT)), "CC-2200");
  /* Ines was already a B2B user of Contoso: matched and updated, not created again */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND lower(mail)='ines.moreau@fabrikam.com'"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT display_name FROM users WHERE tenant=1 AND key='ines.moreau_fabrikam.com_EXT_'",
                         zT, sizeof(zT)), "Ines Moreau (Fabrikam)");
  /* Amara is disabled, Li Wei is out of the imported scope (Marketing,
  ** no cost centre): neither is created */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND user_principal_name LIKE 'amara%'"), 0);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND lower(mail)='li.wei@fabrikam.com'"), 1);
  /* the imported deletion threshold and scope */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM jobs WHERE scope='assigned'"), 1);
}
END_TEST

/* The SYNTHETIC default schema (the reconstructed Azure2Azure default
** mapping) drives a run: what it maps flows, what it leaves out does not. */
START_TEST(test_synthetic_default_schema_runs){
  char zDb[300], zT[200];
  ck_assert_int_eq(import("syn.json", "--exporter " FX "/entraexporter-fabrikam --users target=" FX
                          "/lab-target-users.json --schema " FX "/SYNTHETIC-xts-default-schema-reconstructed.json"
                          " --secrets " FX "/lab-secrets.json --partner " FX "/lab-target-partners.json "
                          TENANTS " --duration P1D"), 0);
  ck_assert(!file_has_quiet("syn.json.err", "SYNTHETIC"));
  snprintf(zDb, sizeof(zDb), "%s/syn.db", zDir);
  ck_assert_int_eq(sh("%s run %s/syn.json --db %s --quiet >/dev/null", bin(), zDir, zDb), 0);
  /* no scoping filter in the default: wave 1's enabled members and the
  ** directly assigned Li Wei (whose pending invitation is redeemed) */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND created_by_job IS NOT NULL"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND lower(mail)='li.wei@fabrikam.com'"
                           " AND external_user_state='Accepted'"), 1);
  ck_assert_str_eq(qtext(zDb, "SELECT display_name||'|'||user_type||'|'||department||'|'||show_in_address_list"
                              " FROM users WHERE user_principal_name LIKE 'tomasz.nowak_fabrikam.com#EXT#@%'",
                         zT, sizeof(zT)), "Tomasz Nowak|Member|Engineering|1");
  /* jobTitle and surname are not among the reconstructed rows: they do not flow */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE user_principal_name LIKE 'tomasz.nowak_fabrikam.com#EXT#@%'"
                           " AND job_title IS NULL AND surname IS NULL"), 1);
}
END_TEST

/* The shipped scenarios/imported-tenant.json is what the importer makes
** of the fixtures today (its story and expectations added by hand). */
START_TEST(test_shipped_imported_scenario_is_reproducible){
  char zPath[400];
  cJSON *pNew, *pShipped;
  char *z;
  ck_assert_int_eq(import("it.json", "--exporter " FX "/entraexporter-fabrikam --users target=" FX
                          "/lab-target-users.json --schema " FX "/SYNTHETIC-xts-default-schema-reconstructed.json"
                          " --secrets " FX "/lab-secrets.json --partner " FX "/lab-target-partners.json "
                          TENANTS " --pseudonymize --seed 2026 --name imported-tenant"), 0);
  pNew = read_json_file("it.json");
  z = tu_slurp("scenarios/imported-tenant.json", NULL);
  pShipped = cJSON_Parse(z);
  free(z);
  ck_assert_ptr_nonnull(pShipped);
  cJSON_DeleteItemFromObject(pNew, "description");
  cJSON_DeleteItemFromObject(pShipped, "description");
  cJSON_DeleteItemFromObject(pShipped, "expect");
  snprintf(zPath, sizeof(zPath), "%s", "scenarios/imported-tenant.json");
  ck_assert_msg(cJSON_Compare(pNew, pShipped, 1), "%s no longer matches what import makes of the"
                " fixtures: regenerate it (see the test) and keep its description and expect", zPath);
  cJSON_Delete(pNew);
  cJSON_Delete(pShipped);
}
END_TEST

/* Every configuration-carrying Graph example imports with the result
** stated here (exit status and one message it must print). */
START_TEST(test_every_reference_example_imports){
  static const struct { const char *zArgs; int rc; const char *zMsg; } a[] = {
    { "--users " FX "/users-list-response.json", 0, "$.value[1].mobilePhone: warning: user property mobilePhone is not modelled" },
    { "--users target=" FX "/users-list-guest-count.json", 0, "imported as a redeemed invitation without a home identity" },
    { "--schema " FX "/SYNTHETIC-xts-default-schema-reconstructed.json", 0, "0 source users, 0 target users, 0 policies, 1 job" },
    { "--schema " FX "/xts-schema-header-partial.json", 2, "xts-schema-header-partial.json: $.synchronizationRules" },
    { "--schema " FX "/objectmapping-template-example-salesforce.json", 2, "objectmapping-template-example-salesforce.json: $" },
    { "--schema " FX "/objectdefinition-user-sample-abridged.json", 2, "objectdefinition-user-sample-abridged.json: $" },
    { "--partner " FX "/xtap-partner-get.json", 0, "xtap-partner-get.json: $.b2bDirectConnectInbound: warning" },
    { "--partner " FX "/xtap-partners-expand-identitysync.json", 0, "1 policies" },
    { "--identity-sync " FX "/xtap-identitysync-get.json", 0, "1 policies" },
    { "--default-policy " FX "/xtap-default-get.json", 0, "1 policies" },
    { "--partner " FX "/xtap-partner-deleteditem-beta.json", 0, "xtap-partner-deleteditem-beta.json: $" },
    { "--partner " FX "/xtap-partner-create-response.json", 0, "xtap-partner-create-response.json: $.tenantId: warning" },
    { "--identity-sync " FX "/xtap-identitysync-put-body-beta-groups.json", 2, "$.tenantId: error" },
    { "--secrets " FX "/xts-secrets-put-body.json", 0, "xts-secrets-put-body.json: $.value[1].value: warning: CompanyId" },
    { "--secrets " FX "/secrets-get-with-delete-threshold.json", 0, "secrets-get-with-delete-threshold.json: $.value[3]" },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    char zArgs[600], zOut[64], zBoth[400];
    int rc;
    snprintf(zArgs, sizeof(zArgs), "%s " TENANTS " --target-domain target.example", a[i].zArgs);
    snprintf(zOut, sizeof(zOut), "ex%d.json", (int)i);
    rc = import(zOut, zArgs);
    ck_assert_msg(rc==a[i].rc, "%s: exit %d, expected %d", a[i].zArgs, rc, a[i].rc);
    snprintf(zBoth, sizeof(zBoth), "%s.%s", zOut, strstr(a[i].zMsg, "policies") ? "out" : "err");
    ck_assert_msg(file_has(zBoth, a[i].zMsg), "%s", a[i].zArgs);
    snprintf(zBoth, sizeof(zBoth), "%s/%s", zDir, zOut);
    ck_assert_msg(exists(zBoth)==(a[i].rc==0), "%s: output file %s", a[i].zArgs, a[i].rc ? "written" : "missing");
  }
  /* the synthetic default schema imports without a word about itself */
  ck_assert(!file_has_quiet("ex2.json.err", "SYNTHETIC"));
  ck_assert(file_has("ex2.json", "\"target\":\t\"userType\""));
  /* the secrets with a threshold become the job's deleteThreshold */
  ck_assert(file_has("ex14.json", "\"deleteThreshold\":\t500"));
}
END_TEST

/* A schema carrying its directory definitions (the documented
** objectDefinition sample and a directory extension's attributeDefinition)
** imports cleanly, and the extension attribute maps. */
START_TEST(test_schema_with_directory_definitions){
  char zPath[300], zArgs[600];
  cJSON *pSchema, *pObj, *pExt, *pDir, *pOM, *pAM;
  char *z;
  snprintf(zPath, sizeof(zPath), FX "/SYNTHETIC-xts-default-schema-reconstructed.json");
  z = tu_slurp(zPath, NULL);
  pSchema = cJSON_Parse(z);
  free(z);
  z = tu_slurp(FX "/objectdefinition-user-sample-abridged.json", NULL);
  pObj = cJSON_Parse(z);
  free(z);
  z = tu_slurp(FX "/schema-directory-extension-attributedefinition.json", NULL);
  pExt = cJSON_Parse(z);
  free(z);
  ck_assert(pSchema && pObj && pExt);
  cJSON_AddItemToArray(cJSON_GetObjectItem(pObj, "attributes"), pExt);
  pDir = cJSON_CreateObject();
  cJSON_AddStringToObject(pDir, "id", "d1");
  cJSON_AddStringToObject(pDir, "name", "Microsoft Entra ID");
  cJSON_AddItemToObject(pDir, "objects", cJSON_CreateArray());
  cJSON_AddItemToArray(cJSON_GetObjectItem(pDir, "objects"), pObj);
  cJSON_AddItemToArray(cJSON_GetObjectItem(pSchema, "directories"), pDir);
  pOM = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(
          cJSON_GetObjectItem(pSchema, "synchronizationRules"), 0), "objectMappings"), 0);
  pAM = cJSON_Parse("{\"defaultValue\":null,\"exportMissingReferences\":false,\"flowBehavior\":\"FlowWhenChanged\","
    "\"flowType\":\"Always\",\"matchingPriority\":0,\"source\":{\"expression\":\"[extension_d7a076d91c104133b712ad6caf3819c9_SkillSet]\","
    "\"name\":\"extension_d7a076d91c104133b712ad6caf3819c9_SkillSet\",\"parameters\":[],\"type\":\"Attribute\"},"
    "\"targetAttributeName\":\"extension_d7a076d91c104133b712ad6caf3819c9_SkillSet\"}");
  cJSON_AddItemToArray(cJSON_GetObjectItem(pOM, "attributeMappings"), pAM);
  snprintf(zPath, sizeof(zPath), "%s/schema-dirs.json", zDir);
  z = cJSON_Print(pSchema);
  {
    FILE *f = fopen(zPath, "w");
    ck_assert(f!=NULL);
    fputs(z, f);
    fclose(f);
  }
  free(z);
  cJSON_Delete(pSchema);
  snprintf(zArgs, sizeof(zArgs), "--schema %s " TENANTS, zPath);
  ck_assert_int_eq(import("dirs.json", zArgs), 0);
  /* only the import-wide warnings (domains, assignments, policies) */
  ck_assert(file_has("dirs.json.out", "; 4 warnings"));
  ck_assert(!file_has_quiet("dirs.json.err", "schema-dirs.json"));
  ck_assert(file_has("dirs.json", "\"target\":\t\"extension_d7a076d91c104133b712ad6caf3819c9_SkillSet\""));
}
END_TEST

/* Graph shapes: the member names and enum values graph-formats.md lists. */
static void check_schema_shape(const cJSON *p){
  static const char *const azAM[] = { "defaultValue", "exportMissingReferences", "flowBehavior",
    "flowType", "matchingPriority", "source", "targetAttributeName", NULL };
  static const char *const azFlow = "|Always|ObjectAddOnly|MultiValueAddOnly|ValueAddOnly|AttributeAddOnly|";
  static const char *const azOp = "|EQUALS|NOT EQUALS|IS TRUE|IS FALSE|IS NULL|IS NOT NULL|REGEX MATCH|"
    "NOT REGEX MATCH|Greater_Than|Greater_Than_OR_EQUALS|Includes|ENDS_WITH|&|!&|";
  const cJSON *r = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "synchronizationRules"), 0), *om, *am, *g, *c;
  char zBar[80];
  int k;
  ck_assert(cJSON_IsString(cJSON_GetObjectItem(p, "id")));
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(p, "directories")));
  ck_assert_str_eq(cJSON_GetObjectItem(r, "name")->valuestring, "USER_INBOUND_USER");
  ck_assert_str_eq(cJSON_GetObjectItem(r, "targetDirectoryName")->valuestring, "Azure Active Directory (target tenant)");
  ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(r, "priority")));
  cJSON_ArrayForEach(om, cJSON_GetObjectItem(r, "objectMappings")){
    ck_assert(cJSON_IsBool(cJSON_GetObjectItem(om, "enabled")));
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(om, "flowTypes")));
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(om, "sourceObjectName")));
    cJSON_ArrayForEach(am, cJSON_GetObjectItem(om, "attributeMappings")){
      const cJSON *s = cJSON_GetObjectItem(am, "source");
      for(k=0; azAM[k]; k++) ck_assert_msg(cJSON_GetObjectItem(am, azAM[k])!=NULL, "attributeMapping lacks %s", azAM[k]);
      snprintf(zBar, sizeof(zBar), "|%s|", cJSON_GetObjectItem(am, "flowType")->valuestring);
      ck_assert_msg(strstr(azFlow, zBar)!=NULL, "flowType %s", zBar);
      ck_assert_str_eq(cJSON_GetObjectItem(am, "flowBehavior")->valuestring, "FlowWhenChanged");
      if( !cJSON_IsNull(s) ){
        const char *zType = cJSON_GetObjectItem(s, "type")->valuestring;
        ck_assert(strcmp(zType, "Attribute")==0 || strcmp(zType, "Constant")==0 || strcmp(zType, "Function")==0);
        ck_assert(cJSON_IsString(cJSON_GetObjectItem(s, "expression")));
        ck_assert(cJSON_IsString(cJSON_GetObjectItem(s, "name")));
        ck_assert(cJSON_IsArray(cJSON_GetObjectItem(s, "parameters")));
      }
    }
    g = cJSON_GetObjectItem(om, "scope");
    if( cJSON_IsNull(g) ) continue;
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(g, "inputFilterGroups")));
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(g, "categoryFilterGroups")));
    cJSON_ArrayForEach(g, cJSON_GetObjectItem(g, "groups")){
      cJSON_ArrayForEach(c, cJSON_GetObjectItem(g, "clauses")){
        snprintf(zBar, sizeof(zBar), "|%s|", cJSON_GetObjectItem(c, "operatorName")->valuestring);
        ck_assert_msg(strstr(azOp, zBar)!=NULL, "operatorName %s", zBar);
        ck_assert(cJSON_IsString(cJSON_GetObjectItem(c, "sourceOperandName")));
        ck_assert(cJSON_GetObjectItem(c, "targetOperand")!=NULL);
      }
    }
  }
}


/* import → run → export → import gives the same scenario, byte for byte;
** the exports have Graph's shapes. */
START_TEST(test_round_trip_through_export){
  char *zA, *zB, zPath[1600];
  cJSON *p, *e;
  ck_assert_int_eq(import("a.json", LAB_DOCS " " TENANTS " --name rt"), 0);
  ck_assert_int_eq(sh("%s run %s/a.json --db %s/a.db --quiet >/dev/null", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s export %s/a.db --schema --output %s/schema.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s export %s/a.db --secrets >%s/secrets.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s export %s/a.db --policies --tenant contoso --output %s/contoso.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s export %s/a.db --policies --tenant fabrikam --output %s/fabrikam.json", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s export %s/a.db --policies 2>/dev/null", bin(), zDir), 2);   /* which tenant? */

  p = read_json_file("schema.json");
  check_schema_shape(p);
  ck_assert(strncmp(cJSON_GetObjectItem(p, "id")->valuestring, "Azure2Azure.", 12)==0);
  cJSON_Delete(p);
  p = read_json_file("secrets.json");
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(p, "value")){
    ck_assert(cJSON_IsString(cJSON_GetObjectItem(e, "key")) && cJSON_IsString(cJSON_GetObjectItem(e, "value")));
  }
  ck_assert(file_has("secrets.json", "\"value\":\t\"" TGT_ID "\""));
  ck_assert(file_has("secrets.json", "DeleteThresholdValue\\\":500"));
  cJSON_Delete(p);
  p = read_json_file("contoso.json");
  e = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "partners"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(e, "tenantId")->valuestring, SRC_ID);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "automaticUserConsentSettings"), "inboundAllowed")));
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(e, "identitySynchronization"),
                                                                 "userSyncInbound"), "isSyncAllowed")));
  cJSON_Delete(p);

  snprintf(zPath, sizeof(zPath), "--exporter " FX "/entraexporter-fabrikam --users target=" FX "/lab-target-users.json"
           " --schema %s/schema.json --secrets %s/secrets.json --partner %s/contoso.json --partner %s/fabrikam.json"
           " " TENANTS " --name rt", zDir, zDir, zDir, zDir);
  ck_assert_int_eq(import("b.json", zPath), 0);
  snprintf(zPath, sizeof(zPath), "%s/a.json", zDir);
  zA = tu_slurp(zPath, NULL);
  snprintf(zPath, sizeof(zPath), "%s/b.json", zDir);
  zB = tu_slurp(zPath, NULL);
  ck_assert_msg(strcmp(zA, zB)==0, "round trip changed the scenario:\n%s\n----\n%s", zA, zB);
  free(zA);
  free(zB);
}
END_TEST

/* The configuration a shipped scenario ends with exports, and imports back. */
START_TEST(test_shipped_scenario_exports_import_back){
  char zArgs[600];
  ck_assert_int_eq(sh("%s run scenarios/mapping-rollout.json --db %s/m.db --quiet >/dev/null", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s export %s/m.db --schema --output %s/m-schema.json", bin(), zDir, zDir), 0);
  ck_assert(file_has("m-schema.json", "\"operatorName\":\t\"REGEX MATCH\""));
  snprintf(zArgs, sizeof(zArgs), "--schema %s/m-schema.json " TENANTS " --target-domain fabrikam.com", zDir);
  ck_assert_int_eq(import("m.json", zArgs), 0);
  /* either is right: only a file with neither is shown */
  ck_assert(file_has_quiet("m.json", "SelectUniqueValue") || file_has("m.json", "Switch("));
  ck_assert_int_eq(sh("%s run scenarios/cross-cloud.json --db %s/cc.db --quiet >/dev/null", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s export %s/cc.db --schema --job to-gov >/dev/null 2>%s/cc.err",
                      bin(), zDir, zDir), 0);
  ck_assert(file_has("cc.err", "the job's cross-cloud setting (\"crossCloud\": true) is not part of"));
  ck_assert_int_eq(sh("%s run scenarios/policy-mistakes.json --db %s/p.db --quiet >/dev/null", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s export %s/p.db --policies --tenant contoso --output %s/p-contoso.json", bin(), zDir, zDir), 0);
  ck_assert(file_has("p-contoso.json", "\"partners\":"));
}
END_TEST

/* --pseudonymize: deterministic, and no original name, UPN, mail or
** employee id survives in the scenario or the run database. */
START_TEST(test_pseudonymize_leaves_no_original){
  static const char *const azOriginal[] = {
    "Ines Moreau", "Ines.Moreau", "Moreau", "Tomasz", "Nowak", "Amara", "Okafor", "Oliver", "Hughes", "Megan", "Bowen",
    "Li Wei", "li.wei", "Sam Partner", "sam_partner", "sam@partner.example",
    "ines.moreau@fabrikam.com", "tomasz.nowak@fabrikam.com", "amara.okafor@fabrikam.com",
    "megan.bowen@contoso.com", "F-10231", "F-10232", "F-10233", "F-10234", SRC_ID, TGT_ID,
    "+33 1 55 00 10 01", "+48 22 100 20 02", NULL
  };
  char zPath[300];
  char *z1, *z2, *zDbBytes;
  size_t n1, nDb;
  int i;
  ck_assert_int_eq(import("p1.json", LAB_DOCS " " TENANTS " --name p --pseudonymize --seed 7"), 0);
  ck_assert_int_eq(import("p2.json", LAB_DOCS " " TENANTS " --name p --pseudonymize --seed 7"), 0);
  ck_assert_int_eq(import("p3.json", LAB_DOCS " " TENANTS " --name p --pseudonymize --seed 8"), 0);
  ck_assert(file_has("p1.json.out", "; pseudonymized"));
  snprintf(zPath, sizeof(zPath), "%s/p1.json", zDir);
  z1 = tu_slurp(zPath, &n1);
  snprintf(zPath, sizeof(zPath), "%s/p2.json", zDir);
  z2 = tu_slurp(zPath, NULL);
  ck_assert_msg(strcmp(z1, z2)==0, "same seed, different pseudonyms");
  free(z2);
  snprintf(zPath, sizeof(zPath), "%s/p3.json", zDir);
  z2 = tu_slurp(zPath, NULL);
  ck_assert_msg(strcmp(z1, z2)!=0, "another seed, same pseudonyms");
  free(z2);
  ck_assert_int_eq(sh("%s run %s/p1.json --db %s/p.db --quiet >/dev/null", bin(), zDir, zDir), 0);
  snprintf(zPath, sizeof(zPath), "%s/p.db", zDir);
  zDbBytes = tu_slurp(zPath, &nDb);
  for(i=0; azOriginal[i]; i++){
    ck_assert_msg(!contains_nocase(z1, n1, azOriginal[i]), "scenario keeps \"%s\"", azOriginal[i]);
    ck_assert_msg(!contains_nocase(zDbBytes, nDb, azOriginal[i]), "run database keeps \"%s\"", azOriginal[i]);
  }
  /* the run still syncs as the original does: Tomasz's pseudonym is created */
  ck_assert_int_eq(q1(zPath, "SELECT count(*) FROM users WHERE tenant=1 AND created_by_job IS NOT NULL"), 1);
  free(z1);
  free(zDbBytes);
}
END_TEST

/* Malformed and hostile input: a located message, exit 2, no file. */
START_TEST(test_bad_input_is_refused_with_a_place){
  char zPath[300], zArgs[600];
  FILE *f;
  int i;
  /* JSON syntax error */
  snprintf(zPath, sizeof(zPath), "%s/broken.json", zDir);
  f = fopen(zPath, "w");
  fputs("{\"value\": [\n  {\"id\": \"a\",}\n]}\n", f);
  fclose(f);
  snprintf(zArgs, sizeof(zArgs), "--users %s " TENANTS, zPath);
  ck_assert_int_eq(import("o1.json", zArgs), 2);
  ck_assert(file_has("o1.json.err", "broken.json:2:15: invalid JSON"));
  ck_assert(file_has("o1.json.err", "nothing written"));
  snprintf(zPath, sizeof(zPath), "%s/o1.json", zDir);
  ck_assert(!exists(zPath));
  /* 100,000 levels of nesting */
  snprintf(zPath, sizeof(zPath), "%s/deep.json", zDir);
  f = fopen(zPath, "w");
  fputs("{\"value\": ", f);
  for(i=0; i<100000; i++) fputc('[', f);
  fclose(f);
  snprintf(zArgs, sizeof(zArgs), "--schema %s " TENANTS, zPath);
  ck_assert_int_eq(import("o2.json", zArgs), 2);
  ck_assert(file_has("o2.json.err", "deep.json:1:"));
  /* UTF-16 (Windows PowerShell 5.1's Out-File) */
  snprintf(zPath, sizeof(zPath), "%s/utf16.json", zDir);
  f = fopen(zPath, "wb");
  fwrite("\xFF\xFE{\0}\0", 1, 6, f);
  fclose(f);
  snprintf(zArgs, sizeof(zArgs), "--users %s " TENANTS, zPath);
  ck_assert_int_eq(import("o3.json", zArgs), 2);
  ck_assert(file_has("o3.json.err", "utf16.json: UTF-16 text"));
  /* wrong types */
  snprintf(zPath, sizeof(zPath), "%s/types.json", zDir);
  f = fopen(zPath, "w");
  fputs("{\"value\": [{\"id\": \"a\", \"accountEnabled\": \"yes\", \"userPrincipalName\": 5}]}", f);
  fclose(f);
  snprintf(zArgs, sizeof(zArgs), "--users %s " TENANTS, zPath);
  ck_assert_int_eq(import("o4.json", zArgs), 2);
  ck_assert(file_has("o4.json.err", "types.json: $.value[0].userPrincipalName: error: expected a string, found a number"));
  ck_assert(file_has("o4.json.err", "types.json: $.value[0].accountEnabled: error: expected true, false or null"));
  /* an impossible tenant id: the scenario loader's message, nothing written */
  ck_assert_int_eq(import("o5.json", "--users " FX "/users-list-response.json --source-tenant nope"
                          " --target-tenant " TGT_ID), 2);
  ck_assert(file_has("o5.json.err", "tenants[0].tenantId"));
  ck_assert(file_has("o5.json.err", "does not validate"));
  /* --strict: the lab's warnings become errors, nothing written */
  ck_assert_int_eq(import("o6.json", LAB_DOCS " " TENANTS " --strict"), 2);
  ck_assert(file_has("o6.json.err", "error (--strict): user property otherMails"));
  ck_assert(file_has("o6.json.err", "warnings count as errors with --strict"));
  snprintf(zPath, sizeof(zPath), "%s/o6.json", zDir);
  ck_assert(!exists(zPath));
  /* an EntraExporter folder with symbolic link loops: links are not followed */
  ck_assert_int_eq(sh("cp -r " FX "/entraexporter-fabrikam %s/ee && cd %s/ee/Policies/CrossTenantAccessPolicy/Partners"
                      " && for i in 1 2 3 4 5 6 7; do ln -s . s$i; done && ln -s ../../../Users Users2", zDir, zDir), 0);
  snprintf(zArgs, sizeof(zArgs), "--exporter %s/ee " TENANTS, zDir);
  ck_assert_int_eq(import("o10.json", zArgs), 0);
  ck_assert(file_has("o10.json.out", "5 source users, 0 target users, 1 policies"));
  /* usage */
  ck_assert_int_eq(import("o7.json", "--users " FX "/users-list-response.json"), 2);
  ck_assert(file_has("o7.json.err", "import needs --source-tenant ID, --target-tenant ID"));
  ck_assert_int_eq(import("o8.json", "--members nogroup " TENANTS), 2);
  ck_assert(file_has("o8.json.err", "--members expects GROUPID=FILE"));
  ck_assert_int_eq(import("o9.json", "--users " FX "/no-such-file.json " TENANTS), 2);
  ck_assert(file_has("o9.json.err", "no-such-file.json: No such file or directory (expected a JSON file)"));
}
END_TEST

/* The target's (and the source's) authorization objects: role
** assignments and eligibilities, Conditional Access policies and an
** application's permissions import, run, and lint finds what they mean. */
#define AUTHZ_DOCS " --role-assignments " FX "/lab-target-role-assignments.json" \
  " --role-eligibility " FX "/lab-target-role-eligibility.json" \
  " --ca-policies " FX "/lab-target-ca-policies.json" \
  " --app-permissions " FX "/lab-target-app-permissions.json" \
  " --role-assignments source=" FX "/lab-role-assignments.json"

START_TEST(test_authorization_objects_import_and_lint){
  char zDb[300], zArgs[1500], zPath[300];
  cJSON *pScn, *t;
  snprintf(zArgs, sizeof(zArgs), LAB_DOCS AUTHZ_DOCS " " TENANTS " --name lab --duration P2D");
  ck_assert_int_eq(import("authz.json", zArgs), 0);
  ck_assert(file_has("authz.json.out", "authorization objects: 5 role assignments, 2 Conditional Access"
                                       " policies, 1 service principal with application permissions"));
  ck_assert(file_has("authz.json.err", "lab-target-role-assignments.json: $.value[2].principalId: warning:"
                                       " principal c0ffee00-1111-4222-8333-444455556666 is not among"));
  ck_assert(file_has("authz.json.err", "lab-target-role-eligibility.json: $.value[1].scheduleInfo.expiration.type:"
                                       " warning: a time-bound eligibility (afterDateTime) is imported as permanent"));
  ck_assert(file_has("authz.json.err", "lab-target-ca-policies.json: $.value[1].conditions.clientAppTypes:"
                                       " warning: policy property conditions.clientAppTypes is not modelled"));
  ck_assert(file_has("authz.json.err", "lab-target-app-permissions.json: $.value[2].appRoleId: warning: app role"
                                       " dc890d15-9560-4a4c-9b7f-a736ec74ec40 of Office 365 Exchange Online"));
  pScn = read_json_file("authz.json");
  t = cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 1);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "roleAssignments"), 1),
                                       "principal")->valuestring, "ines.moreau_fabrikam.com_EXT_");
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(t, "servicePrincipals"), 0),
                                       "displayName")->valuestring, "Contoso provisioning automation");
  cJSON_Delete(pScn);
  snprintf(zDb, sizeof(zDb), "%s/authz.db", zDir);
  ck_assert_int_eq(sh("%s run %s/authz.json --db %s --quiet >/dev/null", bin(), zDir, zDb), 0);
  ck_assert_int_eq(sh("%s lint %s --format json > %s/lint.json", bin(), zDb, zDir), 0);
  /* the matched B2B user holds User Administrator; the guest policy misses
  ** members; the automation can change sync jobs; Tomasz, a Global
  ** Administrator of fabrikam, is synced */
  ck_assert(file_has("lint.json", "\"XTS-T07\""));
  ck_assert(file_has("lint.json", "$.tenants[1].roleAssignments[1]"));
  ck_assert(file_has("lint.json", "\"XTS-T08\""));
  ck_assert(file_has("lint.json", "$.tenants[1].conditionalAccessPolicies[0].conditions.users"
                                  ".includeGuestsOrExternalUsers.guestOrExternalUserTypes"));
  ck_assert(file_has("lint.json", "\"XTS-G01\""));
  ck_assert(file_has("lint.json", "\"XTS-S04\""));
  /* pseudonymized, the references still resolve and the findings stand */
  snprintf(zArgs, sizeof(zArgs), LAB_DOCS AUTHZ_DOCS " " TENANTS " --name lab --pseudonymize --seed 3");
  ck_assert_int_eq(import("authzp.json", zArgs), 0);
  ck_assert(!file_has_quiet("authzp.json", "ines.moreau"));
  ck_assert(!file_has_quiet("authzp.json", "megan.bowen"));
  ck_assert_int_eq(sh("%s run %s/authzp.json --db %s/authzp.db --quiet >/dev/null", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s lint %s/authzp.db --rule XTS-T07 --fail-on critical >/dev/null 2>&1", bin(), zDir), 1);
  /* malformed documents: every problem with its place, exit 2, no file */
  snprintf(zArgs, sizeof(zArgs), "--users target=" FX "/lab-target-users.json --role-assignments "
           FX "/bad-role-assignments.json --ca-policies " FX "/bad-ca-policies.json --app-permissions "
           FX "/bad-app-permissions.json " TENANTS);
  ck_assert_int_eq(import("bad.json", zArgs), 2);
  ck_assert(file_has("bad.json.err", "bad-role-assignments.json: $.value[1].roleDefinitionId: error: expected a"
                                     " role definition id (a GUID)"));
  ck_assert(file_has("bad.json.err", "bad-ca-policies.json: $.value[0].state: error:"));
  ck_assert(file_has("bad.json.err", "bad-app-permissions.json: $.value: error:"));
  ck_assert(file_has("bad.json.err", "nothing written"));
  snprintf(zPath, sizeof(zPath), "%s/bad.json", zDir);
  ck_assert(!exists(zPath));
}
END_TEST

/* The multitenant organization: its members among the imported tenants,
** the target's two templates; run and lint finds the automatic trust;
** malformed documents are refused with their place. */
#define MTO_DOCS " --mto-tenants " FX "/lab-mto-tenants.json" \
  " --mto-identity-sync-template " FX "/lab-target-mto-identity-sync-template.json" \
  " --mto-partner-template " FX "/lab-target-mto-partner-template.json"

START_TEST(test_multitenant_organization_imports_and_lint_reads_it){
  char zArgs[1500];
  cJSON *pScn, *pMto, *pTpl;
  snprintf(zArgs, sizeof(zArgs), LAB_DOCS MTO_DOCS " " TENANTS " --name lab --duration P1D");
  ck_assert_int_eq(import("mto.json", zArgs), 0);
  ck_assert(file_has("mto.json.out", "multitenant organization: 2 of the imported tenants members,"
                                     " templates of 1 tenant"));
  ck_assert(file_has("mto.json.err", "lab-mto-tenants.json: $.value[2]: warning: tenant"
                                     " 5e7a9c10-2b4d-4f6e-8a1c-3d5f7b9e1c24 (Tailspin Toys) is a member"));
  ck_assert(file_has("mto.json.err", "lab-mto-tenants.json: $.value[3]: warning: tenant"
                                     " 7b2c4e6a-8d0f-4a1c-9e3b-5d7f9a1c3e50 has left the organization"));
  ck_assert(file_has("mto.json.err", "lab-target-mto-partner-template.json: $.b2bCollaborationInbound:"
                                     " warning: template property b2bCollaborationInbound is not modelled"));
  pScn = read_json_file("mto.json");
  pMto = cJSON_GetObjectItem(pScn, "multiTenantOrganization");
  ck_assert_ptr_nonnull(pMto);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(pMto, "tenants")), 2);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pMto, "tenants"), 0),
                                       "role")->valuestring, "owner");
  pTpl = cJSON_GetArrayItem(cJSON_GetObjectItem(pMto, "templates"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(pTpl, "partnerConfiguration"),
                                       "templateApplicationLevel")->valuestring, "newPartners");
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(pTpl,
            "partnerConfiguration"), "inboundTrust"), "isMfaAccepted")));
  cJSON_Delete(pScn);
  ck_assert_int_eq(sh("%s run %s/mto.json --db %s/mto.db --quiet >/dev/null", bin(), zDir, zDir), 0);
  ck_assert_int_eq(sh("%s lint %s/mto.db --rule XTS-T11 --format json > %s/mto-lint.json",
                      bin(), zDir, zDir), 0);
  ck_assert(file_has("mto-lint.json", "$.multiTenantOrganization.templates[0].identitySync"
                                      ".userSyncInbound.isSyncAllowed"));
  ck_assert(file_has("mto-lint.json", "\"severity\":\"high\""));
  /* malformed: each problem with its place, exit 2 */
  snprintf(zArgs, sizeof(zArgs), "--users target=" FX "/lab-target-users.json --mto-tenants "
           FX "/bad-mto-tenants.json --mto-partner-template " FX "/bad-mto-partner-template.json "
           TENANTS);
  ck_assert_int_eq(import("badmto.json", zArgs), 2);
  ck_assert(file_has("badmto.json.err", "bad-mto-tenants.json: $.value[0].role: error: expected"
                                        " \"owner\" or \"member\", found \"boss\""));
  ck_assert(file_has("badmto.json.err", "bad-mto-tenants.json: $.value[1].tenantId: error:"));
  ck_assert(file_has("badmto.json.err", "bad-mto-partner-template.json: $.templateApplicationLevel:"
                                        " error: unknown level \"newPartner\""));
  ck_assert(file_has("badmto.json.err", "bad-mto-partner-template.json: $.inboundTrust.isMfaAccepted:"
                                        " error:"));
  ck_assert(file_has("badmto.json.err", "bad-mto-partner-template.json: $.automaticUserConsentSettings:"
                                        " error:"));
  ck_assert_int_eq(sh("test -e %s/badmto.json", zDir), 1);
}
END_TEST

/* What protects a scope group: its owners and a restricted administrative
** unit, imported; lint then names the owners, not the missing unit. */
START_TEST(test_group_owners_and_restricted_units_import_and_lint_reads_them){
  char zArgs[1500];
  cJSON *pScn, *pGroup;
  int k;
  for(k=0; k<2; k++){
    snprintf(zArgs, sizeof(zArgs), LAB_DOCS " --owners 6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293="
             FX "/lab-group-owners-wave1.json --admin-units " FX "/lab-admin-units.json " TENANTS
             " --name lab --duration P1D%s", k ? " --pseudonymize --seed 5" : "");
    ck_assert_int_eq(import("own.json", zArgs), 0);
    ck_assert(file_has("own.json.err", "lab-group-owners-wave1.json: $.value[3]: warning: an owner of"
                                       " type #microsoft.graph.servicePrincipal is not modelled"));
    pScn = read_json_file("own.json");
    pGroup = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pScn,
             "tenants"), 0), "groups"), 0);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(pGroup, "owners")), 3);
    ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(pGroup, "restrictedManagementUnit")));
    /* the unrestricted unit marks nothing */
    ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
      cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 0), "groups"), 1), "restrictedManagementUnit"));
    cJSON_Delete(pScn);
    ck_assert_int_eq(sh("%s run %s/own.json --db %s/own%d.db --quiet >/dev/null", bin(), zDir, zDir, k), 0);
    ck_assert_int_eq(sh("%s lint %s/own%d.db --rule XTS-S02 --format json > %s/own-lint.json",
                        bin(), zDir, k, zDir), 0);
    ck_assert(file_has("own-lint.json", "\"setting\":\"owners\""));
    ck_assert(!file_has_quiet("own-lint.json", "\"setting\":\"restrictedManagementUnit\""));
  }
}
END_TEST

/* One EntraExporter folder per tenant holding every kind an import reads
** beyond users, groups and policies (the source's group owners,
** administrative units and directory roles copied into its folder; the
** target's directory roles with user, group and scoped members, role
** assignments, PIM eligibilities,
** Conditional Access policies and an application's permissions): the scenario has them as the options
** would give them, lint finds what they mean, and a malformed object in
** any of these folders is refused with its file and JSON path. */
START_TEST(test_exporter_folders_bring_authorization_objects){
  char zArgs[2000], zPath[400];
  cJSON *pScn, *pSrc, *pTgt, *pGroup, *pRoles;
  ck_assert_int_eq(sh("cp -r " FX "/entraexporter-fabrikam %s/fab && cp -r " FX "/entraexporter-fabrikam-authz/."
                      " %s/fab/", zDir, zDir), 0);
  snprintf(zArgs, sizeof(zArgs), "--exporter %s/fab --exporter target=" FX "/entraexporter-contoso"
           " --users target=" FX "/lab-target-users.json --schema " FX "/lab-schema.json --secrets "
           FX "/lab-secrets.json --partner " FX "/lab-target-partners.json " TENANTS
           " --name lab --duration P1D", zDir);
  ck_assert_int_eq(import("ee.json", zArgs), 0);
  ck_assert(file_has("ee.json.out", "authorization objects: 8 role assignments, 1 Conditional Access policy,"
                                    " 1 service principal with application permissions"));
  ck_assert(file_has("ee.json.err", "AppRoleAssignments/gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2/"
                                    "gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2.json: $.appRoleId: warning: app role"
                                    " dc890d15-9560-4a4c-9b7f-a736ec74ec40 of Office 365 Exchange Online"));
  ck_assert(file_has("ee.json.err", "Owners/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f.json:"
                                    " $: warning: an owner of type #microsoft.graph.servicePrincipal"));
  ck_assert(file_has("ee.json.err", "Members/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4.json:"
                                    " $: warning: a member of type #microsoft.graph.servicePrincipal holds directory"
                                    " role User Administrator"));
  ck_assert(file_has("ee.json.err", "PIM/DirectoryRoles/b2d6e4a1-7f3c-4d2e-9a1b-0c5d8e7f6a02.json: $.endDateTime:"
                                    " warning: a time-bound eligibility (until 2026-07-02T08:00:00Z) is imported"
                                    " as permanent"));
  ck_assert(file_has("ee.json.err", "PIM/DirectoryRoles/b2d6e4a1-7f3c-4d2e-9a1b-0c5d8e7f6a01.json: $.Policy: warning:"
                                    " the role's PIM settings"));
  pScn = read_json_file("ee.json");
  pSrc = cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 0);
  pTgt = cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 1);
  pGroup = cJSON_GetArrayItem(cJSON_GetObjectItem(pSrc, "groups"), 0);
  ck_assert_str_eq(cJSON_GetObjectItem(pGroup, "key")->valuestring, "cts-wave1");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(pGroup, "owners")), 3);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(pGroup, "restrictedManagementUnit")));
  /* the Paris office unit is not restricted: Marketing is not marked */
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pSrc, "groups"), 1),
                                         "restrictedManagementUnit"));
  assert_json(cJSON_GetObjectItem(pSrc, "roleAssignments"), "[{'role':'Global Administrator',"
    "'principal':'tomasz.nowak','principalType':'User','assignment':'active'}]");
  pRoles = cJSON_GetObjectItem(pTgt, "roleAssignments");
  /* Megan's Global Administrator is in RoleManagement and DirectoryRoles: once */
  assert_json(pRoles, "[{'role':'Global Administrator','principal':'megan.bowen','principalType':'User',"
    "'assignment':'active'},{'role':'3c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d','principal':"
    "'ines.moreau_fabrikam.com_EXT_','principalType':'User','assignment':'active'},{'role':'User Administrator','principal':'ines.moreau_fabrikam.com_EXT_',"
    "'principalType':'User','assignment':'active'},{'role':'User Administrator','principal':"
    "'tier0-operators','principalType':'Group','assignment':'active'},{'role':'User Administrator',"
    "'principal':'megan.bowen','principalType':'User','assignment':'active','directoryScopeId':"
    "'/administrativeUnits/b2c3d4e5-0000-4000-8000-00000000b001'},{'role':'Security Administrator',"
    "'principal':'megan.bowen','principalType':'User','assignment':'eligible'},{'role':'Global Reader',"
    "'principal':'oliver.hughes_fabrikam.com_EXT_','principalType':'User','assignment':'eligible'}]");
  assert_json(cJSON_GetObjectItem(pTgt, "conditionalAccessPolicies"), "[{'displayName':'Require MFA for"
    " guests and external users','state':'enabled','conditions':{'users':{'excludeUsers':['megan.bowen'],"
    "'includeGuestsOrExternalUsers':{'guestOrExternalUserTypes':'internalGuest,b2bCollaborationGuest',"
    "'externalTenants':{'membershipKind':'all'}}}},'grantControls':{'operator':'OR','builtInControls':['mfa']}}]");
  assert_json(cJSON_GetObjectItem(pTgt, "servicePrincipals"), "[{'displayName':'Contoso provisioning"
    " automation','applicationPermissions':['Policy.ReadWrite.CrossTenantAccess',"
    "'Synchronization.ReadWrite.All']}]");
  cJSON_Delete(pScn);
  /* lint on the imported scenario: the synced Ines holds a custom role and
  ** User Administrator (directly, and through the Tier 0 group), the guest-only policy misses
  ** the members CTS creates, the scope group has three owners but is in a
  ** restricted unit, Tomasz, a Global Administrator, is synced, and the
  ** automation may change cross-tenant access */
  ck_assert_int_eq(sh("%s lint %s/ee.json --format json > %s/ee-lint.json", bin(), zDir, zDir), 0);
  ck_assert(file_has("ee-lint.json", "$.tenants[1].roleAssignments[1]"));
  ck_assert(file_has("ee-lint.json", "$.tenants[1].roleAssignments[2]"));
  ck_assert(file_has("ee-lint.json", "$.tenants[1].roleAssignments[3]"));
  ck_assert(file_has("ee-lint.json", "holds User Administrator in contoso through group Tier 0 operators"));
  ck_assert(file_has("ee-lint.json", "$.tenants[1].conditionalAccessPolicies[0].conditions.users"
                                     ".includeGuestsOrExternalUsers.guestOrExternalUserTypes"));
  ck_assert(file_has("ee-lint.json", "\"setting\":\"owners\""));
  ck_assert(!file_has_quiet("ee-lint.json", "\"setting\":\"restrictedManagementUnit\""));
  ck_assert(file_has("ee-lint.json", "$.tenants[0].roleAssignments[0]"));
  ck_assert(file_has("ee-lint.json", "\"rule\":\"XTS-G01\""));
  ck_assert_int_eq(sh("%s lint %s/ee.json --rule XTS-T07 --fail-on critical >/dev/null 2>&1", bin(), zDir), 1);
  ck_assert_int_eq(sh("%s lint %s/ee.json --rule XTS-T08 --fail-on high >/dev/null 2>&1", bin(), zDir), 1);
  /* malformed objects in these folders: each with its file and path, exit 2, no file */
  snprintf(zArgs, sizeof(zArgs), "--exporter target=" FX "/entraexporter-bad --users target=" FX
           "/lab-target-users.json " TENANTS);
  ck_assert_int_eq(import("eebad.json", zArgs), 2);
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/Groups/d1e2f3a4-0000-4000-8000-0000000000b1/Owners/o1/o1.json:"
                                       " $.id: error: expected a string, found a number"));
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/AdministrativeUnits/au1/au1.json:"
                                       " $.isMemberManagementRestricted: error:"));
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/DirectoryRoles/r1/r1.json: $.roleTemplateId: error:"
                                       " expected a role definition id (a GUID), found \"Global Administrator\""));
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/DirectoryRoles/r2/Members/m1/m1.json: $.id: error:"));
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/PIM/DirectoryRoles/s1.json: $.roleDefinitionId: error:"
                                       " expected a string, found a number"));
  ck_assert(file_has("eebad.json.err", "entraexporter-bad/Identity/Conditional/AccessPolicies/p1/p1.json: $.state:"
                                       " error:"));
  ck_assert(file_has("eebad.json.err", "import failed: 6 errors; nothing written"));
  snprintf(zPath, sizeof(zPath), "%s/eebad.json", zDir);
  ck_assert(!exists(zPath));
}
END_TEST

/* Verified domains from Graph: EntraExporter's Domains folder (the
** source's) and --domains target=FILE (a GET /domains page) give each
** tenant its verifiedDomains, the unverified ones left out; the run then
** refuses the one source user whose mail /domains lists as unverified
** ("The external user will not be created successfully if the mail is
** from an unverified domain", Known issues, S15), and creates the others.
** A malformed /domains is refused with its file and JSON path. */
START_TEST(test_domains_import_and_the_run_refuses_an_unverified_mail){
  char zArgs[2000], zDb[300], zT[200];
  cJSON *pScn;
  ck_assert_int_eq(sh("cp -r " FX "/entraexporter-fabrikam %s/fd && cp -r " FX
                      "/entraexporter-fabrikam-domains/. %s/fd/ && sed -i"
                      " 's/\"mail\": \"tomasz.nowak@fabrikam.com\"/\"mail\": \"tomasz.nowak@legacy.fabrikam.example\"/'"
                      " %s/fd/Users/1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72/1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72.json",
                      zDir, zDir, zDir), 0);
  snprintf(zArgs, sizeof(zArgs), "--exporter %s/fd --users target=" FX "/lab-target-users.json"
           " --schema " FX "/lab-schema.json --secrets " FX "/lab-secrets.json --partner " FX
           "/lab-target-partners.json --domains target=" FX "/lab-target-domains.json " TENANTS
           " --name dom --duration P1D", zDir);
  ck_assert_int_eq(import("dom.json", zArgs), 0);
  ck_assert(!file_has_quiet("dom.json.err", "domain"));
  pScn = read_json_file("dom.json");
  assert_json(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 0),
                                  "verifiedDomains"), "['fabrikam.com','fabrikam.eu']");
  assert_json(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(pScn, "tenants"), 1),
                                  "verifiedDomains"), "['contoso.com','contoso.onmicrosoft.com']");
  cJSON_Delete(pScn);
  snprintf(zDb, sizeof(zDb), "%s/dom.db", zDir);
  ck_assert_int_eq(sh("%s run %s/dom.json --db %s --quiet >/dev/null", bin(), zDir, zDb), 0);
  ck_assert_str_eq(qtext(zDb, "SELECT error_code FROM provisioning_log p JOIN users u ON"
                              " u.id=p.source_user WHERE u.key='tomasz.nowak' AND p.action='create'"
                              " AND p.status='failure'", zT, sizeof(zT)),
                   "InvitationCreationFailureInvalidPropertyValue");
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND"
                           " user_principal_name LIKE 'tomasz.nowak%'"), 0);
  /* Li Wei, at fabrikam.com, is created as in the lab */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM users WHERE tenant=1 AND lower(mail)='li.wei@fabrikam.com'"), 1);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM tenant_domains WHERE tenant=0 AND domain='fabrikam.eu'"
                           " AND source='scenario'"), 1);
  /* malformed domains: each with its file and path, exit 2, no file */
  ck_assert_int_eq(import("dombad.json", LAB_DOCS " --domains " FX "/bad-domains.json " TENANTS), 2);
  ck_assert(file_has("dombad.json.err", "bad-domains.json: $.value[1].id: error: expected a domain"
                                        " name such as contoso.com, found \"fabrikam_eu.com\""));
  ck_assert(file_has("dombad.json.err", "bad-domains.json: $.value[3].isVerified: error:"));
  ck_assert(file_has("dombad.json.err", "import failed: 5 errors; nothing written"));
  snprintf(zArgs, sizeof(zArgs), "%s/dombad.json", zDir);
  ck_assert(!exists(zArgs));
}
END_TEST

Suite *import_e2e_suite(void){
  Suite *s = suite_create("import_e2e");
  TCase *tc = tcase_create("import");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, test_lab_imports_and_runs);
  tcase_add_test(tc, test_synthetic_default_schema_runs);
  tcase_add_test(tc, test_shipped_imported_scenario_is_reproducible);
  tcase_add_test(tc, test_every_reference_example_imports);
  tcase_add_test(tc, test_schema_with_directory_definitions);
  tcase_add_test(tc, test_round_trip_through_export);
  tcase_add_test(tc, test_shipped_scenario_exports_import_back);
  tcase_add_test(tc, test_pseudonymize_leaves_no_original);
  tcase_add_test(tc, test_bad_input_is_refused_with_a_place);
  tcase_add_test(tc, test_authorization_objects_import_and_lint);
  tcase_add_test(tc, test_multitenant_organization_imports_and_lint_reads_it);
  tcase_add_test(tc, test_group_owners_and_restricted_units_import_and_lint_reads_them);
  tcase_add_test(tc, test_exporter_folders_bring_authorization_objects);
  tcase_add_test(tc, test_domains_import_and_the_run_refuses_an_unverified_mail);
  suite_add_tcase(s, tc);
  return s;
}
