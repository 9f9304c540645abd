/*
** test_import_exporter.c — the specification of sim/cli/import_exporter.c:
** which files of an EntraExporter folder an import reads, as what, and
** in which order (tests/fixtures/graph/entraexporter-*: trees laid out as
** Export-Entra writes them); what EntraExporter adds to a PIM eligibility.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include "import_exporter.h"
#include "mem.h"
#include "strbuf.h"
#include "suites.h"
#include "tserr.h"

#define FX "tests/fixtures/graph"

static const char *const azKind[] = {
  "users", "groups", "members", "assignments", "default-policy", "partner", "owners",
  "admin-units", "admin-unit-members", "directory-roles", "directory-role-members",
  "ca-policies", "pim-eligibility", "app-permissions", "directory-role-scoped-members",
  "role-assignments", "domains"
};

/* What a walk reported: one line "kind path [owner]" per file, paths
** relative to the folder walked. */
typedef struct Seen {
  StrBuf s;
  size_t nPrefix;          /* the walked folder's length and its "/" */
  int nCall, nFailAt;      /* xAdd fails (TS_NOMEM) at call nFailAt, when not 0 */
} Seen;

static int seen_add(void *pArg, ImportExporterKind e, const char *zFile, const char *zOwnerId){
  Seen *p = pArg;
  if( ++p->nCall==p->nFailAt ) return TS_NOMEM;
  ck_assert_int_lt((int)e, (int)(sizeof(azKind)/sizeof(azKind[0])));
  ck_assert(strlen(zFile)>p->nPrefix);
  strbuf_printf(&p->s, "%s %s%s%s\n", azKind[e], zFile + p->nPrefix, zOwnerId ? " " : "",
                 zOwnerId ? zOwnerId : "");
  return TS_OK;
}

/* zGot equals zWant; else the first line where they part is shown (Check
** cannot show two long strings). */
static void assert_lines(const char *zGot, const char *zWant){
  size_t i = 0, k;
  while( zGot[i] && zGot[i]==zWant[i] ) i++;
  if( zGot[i]==zWant[i] ) return;
  while( i>0 && zGot[i-1]!='\n' ) i--;
  k = strcspn(zGot+i, "\n");
  ck_abort_msg("walk differs at line \"%.*s\", expected \"%.*s\"", (int)(k<300 ? k : 300), zGot+i,
               (int)(strcspn(zWant+i, "\n")<300 ? strcspn(zWant+i, "\n") : 300), zWant+i);
}

/* Walk FX/zName; the lines seen (static buffer). */
static const char *walk(const char *zName, int *pRc){
  static char zOut[8192];
  char zDir[256];
  Seen seen;
  FILE *pErr = tmpfile();
  memset(&seen, 0, sizeof(seen));
  strbuf_init(&seen.s);
  snprintf(zDir, sizeof(zDir), FX "/%s", zName);
  seen.nPrefix = strlen(zDir) + 1;
  *pRc = import_exporter_walk(zDir, seen_add, &seen, pErr);
  ck_assert(seen.s.n<sizeof(zOut));
  snprintf(zOut, sizeof(zOut), "%s", strbuf_str(&seen.s));
  strbuf_free(&seen.s);
  fclose(pErr);
  return zOut;
}

/* The target's folder: groups with members and owners, directory roles
** with members and scoped members, role assignments, Conditional Access
** policies, a
** service principal's application permissions and PIM eligibilities; each
** child named with the object it belongs to. */
START_TEST(test_walk_names_each_file_and_its_object){
  int rc;
  const char *z = walk("entraexporter-contoso", &rc);
  ck_assert_int_eq(rc, TS_OK);
  assert_lines(z,
    "groups Groups/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07.json\n"
    "members Groups/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07/Members/9a1f2e3d-4c5b-4a69-8788-99aabbccdd01/"
      "9a1f2e3d-4c5b-4a69-8788-99aabbccdd01.json c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07\n"
    "members Groups/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07/Members/9a1f2e3d-4c5b-4a69-8788-99aabbccdd04/"
      "9a1f2e3d-4c5b-4a69-8788-99aabbccdd04.json c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07\n"
    "owners Groups/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07/Owners/9a1f2e3d-4c5b-4a69-8788-99aabbccdd04/"
      "9a1f2e3d-4c5b-4a69-8788-99aabbccdd04.json c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07\n"
    "directory-roles DirectoryRoles/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01.json\n"
    "directory-role-members DirectoryRoles/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01/Members/"
      "9a1f2e3d-4c5b-4a69-8788-99aabbccdd04/9a1f2e3d-4c5b-4a69-8788-99aabbccdd04.json"
      " 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c01\n"
    "directory-roles DirectoryRoles/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02.json\n"
    "directory-role-members DirectoryRoles/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02/Members/"
      "5d6e7f80-91a2-4b3c-8d4e-5f60718293a4/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4.json"
      " 8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02\n"
    "directory-role-members DirectoryRoles/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02/Members/"
      "9a1f2e3d-4c5b-4a69-8788-99aabbccdd01/9a1f2e3d-4c5b-4a69-8788-99aabbccdd01.json"
      " 8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02\n"
    "directory-role-members DirectoryRoles/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02/Members/"
      "c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07/c4d5e6f7-8a9b-4c0d-9e1f-2a3b4c5d6e07.json"
      " 8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02\n"
    "directory-role-scoped-members DirectoryRoles/8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02/ScopedMembers/"
      "pRs1dBnbX0W3vq9Uh8X7Ow/pRs1dBnbX0W3vq9Uh8X7Ow.json 8e2d4c6b-3a5f-4e7d-9c1b-2d3e4f5a6b02\n"
    "ca-policies Identity/Conditional/AccessPolicies/3f1b5c9e-2d4a-4b6c-8e0f-1a2b3c4d5e6f/"
      "3f1b5c9e-2d4a-4b6c-8e0f-1a2b3c4d5e6f.json\n"
    "role-assignments RoleManagement/Directory/RoleAssignments/lAPpYvVpN0KRkAEhdxReEDC2YvO7gL9Mm4vZc1rX7hQ-1/"
      "lAPpYvVpN0KRkAEhdxReEDC2YvO7gL9Mm4vZc1rX7hQ-1.json\n"
    "role-assignments RoleManagement/Directory/RoleAssignments/vR6mK2pLq0aZ9xW8yT7uI5oP4nM3lK2jH1gF0dS9aB8-1/"
      "vR6mK2pLq0aZ9xW8yT7uI5oP4nM3lK2jH1gF0dS9aB8-1.json\n"
    "app-permissions ServicePrincipals/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4/AppRoleAssignments/"
      "gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU0/gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU0.json\n"
    "app-permissions ServicePrincipals/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4/AppRoleAssignments/"
      "gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU1/gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU1.json\n"
    "app-permissions ServicePrincipals/5d6e7f80-91a2-4b3c-8d4e-5f60718293a4/AppRoleAssignments/"
      "gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2/gH7kWq1aYUiX2bC3dE4fG5hI6jK7lM8nO9pQ0rS1tU2.json\n"
    "pim-eligibility PIM/DirectoryRoles/b2d6e4a1-7f3c-4d2e-9a1b-0c5d8e7f6a01.json\n"
    "pim-eligibility PIM/DirectoryRoles/b2d6e4a1-7f3c-4d2e-9a1b-0c5d8e7f6a02.json\n");
}
END_TEST

/* Administrative units and their members; the owners of a group whose own
** file is in another folder; only the cross-tenant synchronization
** template's assignments (the other service principal's are not read). */
START_TEST(test_walk_units_owners_and_the_sync_configuration){
  int rc;
  const char *z = walk("entraexporter-fabrikam-authz", &rc);
  ck_assert_int_eq(rc, TS_OK);
  assert_lines(z,
    "owners Groups/6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293/Owners/0b8a4a52-6a1b-4d0e-9b55-1f2d3c4b5a61/"
      "0b8a4a52-6a1b-4d0e-9b55-1f2d3c4b5a61.json 6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293\n"
    "owners Groups/6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293/Owners/1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72/"
      "1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72.json 6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293\n"
    "owners Groups/6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293/Owners/2dac6c74-8c3d-4f20-9d77-3f4e5d6c7b83/"
      "2dac6c74-8c3d-4f20-9d77-3f4e5d6c7b83.json 6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293\n"
    "owners Groups/6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293/Owners/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f/"
      "5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f.json 6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293\n"
    "admin-units AdministrativeUnits/a1b2c3d4-0000-4000-8000-00000000a001/a1b2c3d4-0000-4000-8000-00000000a001.json\n"
    "admin-unit-members AdministrativeUnits/a1b2c3d4-0000-4000-8000-00000000a001/Members/"
      "3ebd7d85-9d4e-4031-8e88-4a5f6e7d8c94/3ebd7d85-9d4e-4031-8e88-4a5f6e7d8c94.json"
      " a1b2c3d4-0000-4000-8000-00000000a001\n"
    "admin-unit-members AdministrativeUnits/a1b2c3d4-0000-4000-8000-00000000a001/Members/"
      "6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293/6a7b8c9d-0e1f-4a2b-9c3d-4e5f60718293.json"
      " a1b2c3d4-0000-4000-8000-00000000a001\n"
    "admin-units AdministrativeUnits/a1b2c3d4-0000-4000-8000-00000000a002/a1b2c3d4-0000-4000-8000-00000000a002.json\n"
    "admin-unit-members AdministrativeUnits/a1b2c3d4-0000-4000-8000-00000000a002/Members/"
      "7b8c9d0e-1f2a-4b3c-8d4e-5f6071829304/7b8c9d0e-1f2a-4b3c-8d4e-5f6071829304.json"
      " a1b2c3d4-0000-4000-8000-00000000a002\n"
    "directory-roles DirectoryRoles/0f3e5a6b-1c2d-4e3f-9a0b-1c2d3e4f5a01/0f3e5a6b-1c2d-4e3f-9a0b-1c2d3e4f5a01.json\n"
    "directory-role-members DirectoryRoles/0f3e5a6b-1c2d-4e3f-9a0b-1c2d3e4f5a01/Members/"
      "1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72/1c9b5b63-7b2c-4e1f-8c66-2e3d4c5b6a72.json"
      " 0f3e5a6b-1c2d-4e3f-9a0b-1c2d3e4f5a01\n");
  z = walk("entraexporter-fabrikam", &rc);
  ck_assert_int_eq(rc, TS_OK);
  ck_assert(strstr(z, "assignments ServicePrincipals/5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f/AppRoleAssignedTo/"
                      "Uk0HKb3oQ0S7yC0nEJ1wAbQ/Uk0HKb3oQ0S7yC0nEJ1wAbQ.json\n")!=NULL);
  ck_assert(strstr(z, "ServicePrincipals/11111111")==NULL);
  ck_assert(strstr(z, "partner Policies/CrossTenantAccessPolicy/Partners/Partners/Partners.json\n")!=NULL);
}
END_TEST

/* Domains/<name>/<name>.json (GraphUri 'domains', Path 'Domains' in
** EntraExporter's Get-EEDefaultSchema): each domain one file, verified
** or not (the importer tells them apart), in sorted order. */
START_TEST(test_walk_reads_the_domains_folder){
  int rc;
  const char *z = walk("entraexporter-fabrikam-domains", &rc);
  ck_assert_int_eq(rc, TS_OK);
  assert_lines(z,
    "domains Domains/fabrikam.com/fabrikam.com.json\n"
    "domains Domains/fabrikam.eu/fabrikam.eu.json\n"
    "domains Domains/legacy.fabrikam.example/legacy.fabrikam.example.json\n");
}
END_TEST

/* Not a folder: TS_ERR and a message; the callback's status ends the walk. */
START_TEST(test_walk_refuses_a_file_and_stops_on_the_callback){
  Seen seen;
  FILE *pErr = tmpfile();
  char zMsg[400];
  size_t n;
  memset(&seen, 0, sizeof(seen));
  strbuf_init(&seen.s);
  ck_assert_int_eq(import_exporter_walk(FX "/lab-users-page1.json", seen_add, &seen, pErr), TS_ERR);
  rewind(pErr);
  n = fread(zMsg, 1, sizeof(zMsg)-1, pErr);
  zMsg[n] = 0;
  ck_assert(strstr(zMsg, "lab-users-page1.json: not a folder")!=NULL);
  ck_assert_int_eq(seen.nCall, 0);
  seen.nFailAt = 3;
  ck_assert_int_eq(import_exporter_walk(FX "/entraexporter-contoso", seen_add, &seen, pErr), TS_NOMEM);
  ck_assert_int_eq(seen.nCall, 3);
  strbuf_free(&seen.s);
  fclose(pErr);
}
END_TEST

/* EntraExporter's own members of a PIM eligibility go; a Policy with
** content is reported. */
START_TEST(test_pim_clean_removes_what_entraexporter_adds){
  cJSON *p = cJSON_Parse("{\"id\": \"i1\", \"principalId\": \"u1\", \"PrincipalName\": \"Megan\","
                         " \"RoleName\": \"Security Administrator\", \"Policy\": {\"Rules\": [1]}}");
  cJSON *q = cJSON_Parse("{\"id\": \"i2\", \"Policy\": null}");
  cJSON *r = cJSON_Parse("[1]");
  char *z;
  ck_assert_int_eq(import_exporter_pim_clean(p), 1);
  z = cJSON_PrintUnformatted(p);
  ck_assert_str_eq(z, "{\"id\":\"i1\",\"principalId\":\"u1\"}");
  cJSON_free(z);
  ck_assert_int_eq(import_exporter_pim_clean(q), 0);
  ck_assert_ptr_null(cJSON_GetObjectItem(q, "Policy"));
  ck_assert_int_eq(import_exporter_pim_clean(r), 0);
  cJSON_Delete(p);
  cJSON_Delete(q);
  cJSON_Delete(r);
}
END_TEST

/* Every allocation of a walk failing in turn: TS_NOMEM, nothing leaked. */
START_TEST(test_walk_alloc_failures){
  long n;
  int bDone = 0;
  for(n=1; n<5000 && !bDone; n++){
    Seen seen;
    FILE *pErr = tmpfile();
    long nBefore = mem_fail_count();
    int rc;
    memset(&seen, 0, sizeof(seen));
    strbuf_init(&seen.s);
    mem_fail_after(n);
    rc = import_exporter_walk(FX "/entraexporter-fabrikam", seen_add, &seen, pErr);
    if( rc==TS_OK ) rc = import_exporter_walk(FX "/entraexporter-fabrikam-authz", seen_add, &seen, pErr);
    mem_fail_after(0);
    if( mem_fail_count()==nBefore ){
      ck_assert_int_eq(rc, TS_OK);
      bDone = 1;
    }else{
      /* the callback's own buffer may be what failed: its lines are then
      ** incomplete, but the walk's status is still TS_OK or TS_NOMEM */
      ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld: rc %d", n, rc);
    }
    strbuf_free(&seen.s);
    fclose(pErr);
  }
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
}
END_TEST

Suite *import_exporter_suite(void){
  Suite *s = suite_create("import_exporter");
  TCase *tc = tcase_create("core");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_walk_names_each_file_and_its_object);
  tcase_add_test(tc, test_walk_units_owners_and_the_sync_configuration);
  tcase_add_test(tc, test_walk_reads_the_domains_folder);
  tcase_add_test(tc, test_walk_refuses_a_file_and_stops_on_the_callback);
  tcase_add_test(tc, test_pim_clean_removes_what_entraexporter_adds);
  suite_add_tcase(s, tc);
  tcase_set_timeout(tcOom, 120);
  tcase_add_test(tcOom, test_walk_alloc_failures);
  suite_add_tcase(s, tcOom);
  return s;
}
