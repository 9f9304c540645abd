/*
** test_cmd_import.c — sim/cli/cmd_import.c in-process: every allocation failure
** of a whole import ends in "out of memory" (exit 1) with nothing written
** and nothing leaked, and the exit statuses of usage mistakes. The
** end-to-end behaviour (documents, warnings, round trips) is in
** test_import_e2e.c.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "mem_fixture.h"
#include "cli.h"
#include "mem.h"
#include "suites.h"

#define FX "tests/fixtures/graph"

static int exists(const char *z){
  struct stat st;
  return stat(z, &st)==0;
}

/* Run `tenantsim import` (cmd_import_entry) on the NULL-terminated argument list; stderr text in
** zErr (truncated). */
static int run_import(const char *const *azArg, char *zErr, size_t nErr){
  char *azCopy[80];
  int n = 0, rc;
  FILE *pOut = fopen("/dev/null", "w");
  FILE *pErr = tmpfile();
  size_t k;
  ck_assert(pOut && pErr);
  while( azArg[n] ){
    ck_assert_int_lt(n, (int)(sizeof(azCopy)/sizeof(azCopy[0])));
    azCopy[n] = (char*)azArg[n];
    n++;
  }
  rc = cmd_import_entry.xExec(n, azCopy, pOut, pErr);
  rewind(pErr);
  k = fread(zErr, 1, nErr-1, pErr);
  zErr[k] = 0;
  fclose(pOut);
  fclose(pErr);
  return rc;
}

START_TEST(test_usage_errors){
  static const struct { const char *az[10]; const char *zMsg; } a[] = {
    { { "--users", FX "/lab-users-page1.json", NULL }, "import needs --source-tenant ID" },
    { { "--source-tenant", "a", "--target-tenant", "b", "-o", "/tmp/x.json", NULL }, "no documents given" },
    { { "--members", "nogroup", NULL }, "--members expects GROUPID=FILE" },
    { { "--seed", "-3", NULL }, "--seed expects a non-negative integer" },
    { { "--bogus", "x", NULL }, "unknown option --bogus" },
    { { "--users", NULL }, "missing value for --users ([target=]FILE)" },
    { { "--user", "x.json", NULL }, "unknown option --user; did you mean --users?" },
    { { "--users", FX, NULL }, " is a directory, expected a JSON file" },
    { { "stray", NULL }, "unexpected argument stray" },
    { { "--exporter", FX "/lab-users-page1.json", NULL }, "not a folder" },
    { { "--users", FX "/lab-users-page1.json", "--source-tenant", "9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
        "--target-tenant", "9C5D131D-B1C3-4FC4-9E3F-C6557947D551", "-o", "/tmp/x.json" },
      "the source and target tenants are the same" },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    char zErr[2000];
    ck_assert_int_eq(run_import(a[i].az, zErr, sizeof(zErr)), 2);
    ck_assert_msg(strstr(zErr, a[i].zMsg)!=NULL, "case %d: %s", (int)i, zErr);
  }
}
END_TEST

/* What only the EntraExporter folders bring is in the scenario written to
** zOut: the target's Conditional Access policy (beside the two of
** --ca-policies), the group holding User Administrator (a member of
** DirectoryRoles), the eligibility EntraExporter's PIM file names; and
** the verified domains of both tenants (Domains folder, --domains). */
static void check_exporter_objects(const char *zOut){
  FILE *f = fopen(zOut, "r");
  static char zText[200000];
  size_t n;
  cJSON *p, *t, *it;
  int nGroupRole = 0, nCa;
  ck_assert(f!=NULL);
  n = fread(zText, 1, sizeof(zText)-1, f);
  fclose(f);
  zText[n] = 0;
  p = cJSON_Parse(zText);
  ck_assert_ptr_nonnull(p);
  t = cJSON_GetArrayItem(cJSON_GetObjectItem(p, "tenants"), 1);
  nCa = cJSON_GetArraySize(cJSON_GetObjectItem(t, "conditionalAccessPolicies"));
  cJSON_ArrayForEach(it, cJSON_GetObjectItem(t, "roleAssignments")){
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItem(it, "principalType"));
    const char *zRole = cJSON_GetStringValue(cJSON_GetObjectItem(it, "role"));
    if( zType && strcmp(zType, "Group")==0 && zRole && strcmp(zRole, "User Administrator")==0 ) nGroupRole++;
  }
  ck_assert_int_eq(nCa, 3);
  ck_assert_int_eq(nGroupRole, 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(t, "verifiedDomains")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetArrayItem(
                     cJSON_GetObjectItem(p, "tenants"), 0), "verifiedDomains")), 3);
  cJSON_Delete(p);
}

/* Every allocation of a whole import (users, groups, members, assignments,
** schema, secrets, partner, authorization objects, the multitenant
** organization, EntraExporter folders with owners, administrative units,
** directory roles, Conditional Access policies, PIM eligibilities and
** domains, domains pages, pseudonymization, validation) failing in turn. */
START_TEST(test_every_allocation_failure){
  char zOut[64];
  const char *az[] = {
    "--users", FX "/lab-users-page1.json", "--users", "target=" FX "/lab-target-users.json",
    "--groups", FX "/lab-groups.json", "--members",
    "6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293=" FX "/lab-members-wave1.json",
    "--assignments", FX "/lab-assignments.json", "--schema", FX "/lab-schema.json",
    "--secrets", FX "/lab-secrets.json", "--partner", FX "/lab-target-partners.json",
    "--role-assignments", FX "/lab-target-role-assignments.json", "--ca-policies",
    FX "/lab-target-ca-policies.json", "--app-permissions", FX "/lab-target-app-permissions.json",
    "--role-eligibility", FX "/lab-target-role-eligibility.json",
    "--owners", "6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293=" FX "/lab-group-owners-wave1.json",
    "--admin-units", FX "/lab-admin-units.json",
    "--mto-tenants", FX "/lab-mto-tenants.json",
    "--mto-identity-sync-template", FX "/lab-target-mto-identity-sync-template.json",
    "--mto-partner-template", FX "/lab-target-mto-partner-template.json",
    "--exporter", FX "/entraexporter-fabrikam", "--exporter", FX "/entraexporter-fabrikam-authz",
    "--exporter", FX "/entraexporter-fabrikam-domains", "--domains", FX "/lab-domains.json",
    "--domains", "target=" FX "/lab-target-domains.json",
    "--exporter", "target=" FX "/entraexporter-contoso",
    "--source-tenant", "9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
    "--target-tenant", "3d0f5dba-6c3b-4b1e-9a43-1b2b0b6c1f77", "--pseudonymize",
    "-o", zOut, NULL
  };
  long n;
  int bDone = 0;
  snprintf(zOut, sizeof(zOut), "/tmp/tenantsim-cmd-import-%ld.json", (long)getpid());
  mfx_cjson_hooks(1);
  for(n=1; n<200000 && !bDone; n++){
    char zErr[8000];
    long nBefore = mem_fail_count();
    int rc;
    unlink(zOut);
    mem_fail_after(n);
    rc = run_import(az, zErr, sizeof(zErr));
    mem_fail_after(0);
    if( mem_fail_count()==nBefore ){
      ck_assert_msg(rc==0, "no failure injected, exit %d: %s", rc, zErr);
      ck_assert(exists(zOut));
      check_exporter_objects(zOut);
      bDone = 1;
    }else{
      ck_assert_msg(rc==1, "allocation %ld failing: exit %d: %s", n, rc, zErr);
      ck_assert_msg(strstr(zErr, "out of memory")!=NULL, "allocation %ld: %s", n, zErr);
      ck_assert_msg(!exists(zOut), "allocation %ld failing left %s", n, zOut);
    }
  }
  mfx_cjson_hooks(0);
  unlink(zOut);
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
}
END_TEST

Suite *cmd_import_suite(void){
  Suite *s = suite_create("cmd_import");
  TCase *tc = tcase_create("core");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_usage_errors);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcOom, 600);
  tcase_add_test(tcOom, test_every_allocation_failure);
  suite_add_tcase(s, tcOom);
  return s;
}
