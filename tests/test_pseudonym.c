/*
** test_pseudonym.c — the specification of sim/graph/pseudonym*.c: a
** pseudonymized scenario holds none of the original personal data, stays
** consistent (every reference still resolves, B2B users carry their home
** user's pseudonym, domains and organisational attributes are kept), still
** validates, and is a function of the seed and the originals only.
**
** Inline scenarios are written with ' in place of " (scn() swaps them).
** The people in them have names that are in none of the built-in lists,
** so that "the original is absent" cannot fail by a coincidental draw.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mem_fixture.h"
#include "mem.h"
#include "pseudonym.h"
#include "scenario.h"
#include "strbuf.h"
#include "suites.h"
#include "tserr.h"

/* ------------------------------------------------------------ helpers */

static const char *scn(const char *z){
  static char zBuf[16384];
  size_t i, n = strlen(z);
  ck_assert_msg(n<sizeof(zBuf), "inline scenario too long for the test buffer");
  for(i=0; i<=n; i++) zBuf[i] = z[i]=='\'' ? '"' : z[i];
  return zBuf;
}

#define TID_FABRIKAM "4F1C0A2B-77D3-4E5A-9B1C-0D2E3F405162"
#define TID_CONTOSO  "9d2e4c1a-0b3f-4a6d-8e7c-5f1a2b3c4d5e"

/* Two tenants: fabrikam's people (one with a manager, one with mail null,
** a room account, a generated population), contoso's B2B copy of a
** fabrikam user, a guest from litware and an internal user; one job with
** assignments and filters on department and UPN; a timeline naming users
** in every way; instant expectations. zExtraContoso adds contoso users. */
static const char *labText(const char *zExtraContoso){
  static char zBuf[8192];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'lab', 'start': '2026-01-05T09:00:00Z', 'duration': 'P7D',"
    " 'tenants': ["
    "  {'key': 'fabrikam', 'domain': 'fabrikam.com', 'tenantId': '" TID_FABRIKAM "',"
    "   'groups': [{'key': 'wave1', 'displayName': 'Onboarding wave one'}],"
    "   'users': ["
    "    {'key': 'tquimble', 'userPrincipalName': 'Thaddeus.Quimbleworth@fabrikam.com',"
    "     'mail': 'thaddeus.quimbleworth@fabrikam.com', 'mailNickname': 'thaddeusq',"
    "     'displayName': 'Thaddeus Quimbleworth', 'givenName': 'Thaddeus',"
    "     'surname': 'Quimbleworth', 'employeeId': 'E7731924',"
    "     'department': 'Xylophone Sales', 'jobTitle': 'Buyer', 'manager': 'pmarch',"
    "     'groups': ['wave1']},"
    "    {'key': 'pmarch', 'userPrincipalName': 'Prudence.Marchbanks@fabrikam.com',"
    "     'mail': null, 'displayName': 'Prudence Marchbanks', 'givenName': 'Prudence',"
    "     'surname': 'Marchbanks', 'employeeId': 'E7731925', 'department': 'Xylophone Sales'},"
    "    {'key': 'confroomwexley', 'userPrincipalName': 'ConfRoomWexley@fabrikam.com',"
    "     'mail': 'confroomwexley@fabrikam.com', 'displayName': 'Conf Room Wexley'}],"
    "   'populations': [{'count': 3, 'keyPrefix': 'gen'}]},"
    "  {'key': 'contoso', 'domain': 'contoso.com', 'tenantId': '" TID_CONTOSO "',"
    "   'users': ["
    "    {'key': 'tquimble-ext', 'homeUser': 'fabrikam:tquimble',"
    "     'userPrincipalName': 'Thaddeus.Quimbleworth_fabrikam.com#EXT#@contoso.onmicrosoft.com',"
    "     'mail': 'thaddeus.quimbleworth@fabrikam.com', 'displayName': 'Thaddeus Quimbleworth'},"
    "    {'key': 'hzephyrine', 'userType': 'Guest',"
    "     'userPrincipalName': 'hortensia.zephyrine_litware.com#EXT#@contoso.onmicrosoft.com',"
    "     'mail': 'hortensia.zephyrine@litware.com', 'displayName': 'Hortensia Zephyrine'},"
    "    {'key': 'obellweather', 'userPrincipalName': 'Ottoline.Bellweather@contoso.com',"
    "     'givenName': 'Ottoline', 'surname': 'Bellweather',"
    "     'displayName': 'Ottoline Bellweather', 'employeeId': 'C5550198'}%s]}],"
    " 'jobs': [{'key': 'f2c', 'source': 'fabrikam', 'target': 'contoso',"
    "   'assignments': {'users': ['tquimble', 'pmarch'], 'groups': ['wave1']},"
    "   'scopingFilters': [{'title': 'Sales', 'clauses': ["
    "     {'attribute': 'department', 'operator': 'EQUALS', 'value': 'Xylophone Sales'},"
    "     {'attribute': 'userPrincipalName', 'operator': 'NOT EQUALS',"
    "      'value': 'Prudence.Marchbanks@fabrikam.com'}]}]}],"
    " 'timeline': ["
    "  {'at': 'P1D', 'action': 'update', 'tenant': 'fabrikam', 'users': ['tquimble'],"
    "   'set': {'manager': 'confroomwexley', 'jobTitle': 'Lead buyer'}},"
    "  {'at': 'P2D', 'action': 'disable', 'tenant': 'fabrikam', 'users': ['pmarch', 'gen2']},"
    "  {'at': 'P3D', 'action': 'provision_on_demand', 'job': 'f2c', 'user': 'tquimble'},"
    "  {'at': 'P4D', 'action': 'set_filters', 'job': 'f2c', 'scopingFilters': [{'clauses': ["
    "     {'attribute': 'mailNickname', 'operator': 'EQUALS', 'value': 'thaddeusq'},"
    "     {'attribute': 'displayName', 'operator': 'REGEX MATCH', 'value': '^Conf '}]}]},"
    "  {'at': 'P5D', 'action': 'hire', 'tenant': 'fabrikam', 'users': [{'key': 'wvantassel',"
    "     'givenName': 'Wilhelmina', 'surname': 'Vantassel',"
    "     'displayName': 'Wilhelmina Vantassel', 'manager': 'tquimble'}]},"
    "  {'at': 'P6D', 'action': 'target_leave', 'job': 'f2c', 'users': ['wvantassel']}],"
    " 'expect': ["
    "  {'at': 'P6D', 'job': 'f2c', 'user': 'tquimble', 'state': 'exists'},"
    "  {'at': 'P6D', 'job': 'f2c', 'user': 'pmarch', 'attribute': 'displayName',"
    "   'equals': 'Prudence Marchbanks'},"
    "  'orphans.count == 0']}", zExtraContoso ? zExtraContoso : "");
  return scn(zBuf);
}

/* Every original personal string of labText(). */
static const char *const azOriginal[] = {
  "tquimble", "Thaddeus", "Quimbleworth", "thaddeusq", "E7731924",
  "pmarch", "Prudence", "Marchbanks", "E7731925",
  "confroomwexley", "Wexley", "hzephyrine", "hortensia", "zephyrine",
  "obellweather", "Ottoline", "Bellweather", "C5550198",
  "wvantassel", "Wilhelmina", "Vantassel", TID_FABRIKAM, TID_CONTOSO, NULL
};

/* Pseudonymize zText with seed; it must succeed. The caller deletes it. */
static cJSON *pseudonym_ok(const char *zText, uint64_t seed){
  cJSON *p = cJSON_Parse(zText);
  TsErr err;
  int rc;
  ck_assert_msg(p!=NULL, "test scenario is not JSON");
  tserr_clear(&err);
  rc = pseudonym_scenario(p, seed, &err);
  ck_assert_msg(rc==TS_OK, "pseudonym_scenario failed (rc %d): %s", rc, err.zMsg);
  return p;
}

static char *printed(const cJSON *p){
  char *z = cJSON_PrintUnformatted(p);
  ck_assert_ptr_nonnull(z);
  return z;
}

static cJSON *tenantOf(cJSON *pRoot, const char *zKey){
  cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(pRoot, "tenants")){
    if( strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "key")), zKey)==0 ) return t;
  }
  ck_abort_msg("no tenant %s", zKey);
  return NULL;
}

/* User i of tenant zTenant. */
static cJSON *userOf(cJSON *pRoot, const char *zTenant, int i){
  cJSON *u = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(tenantOf(pRoot, zTenant), "users"), i);
  ck_assert_ptr_nonnull(u);
  return u;
}

/* String member zKey of p (which must be a string). */
static const char *str(const cJSON *p, const char *zKey){
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p, zKey));
  ck_assert_msg(z!=NULL, "member %s is not a string", zKey);
  return z;
}

/* cJSON item at a path of member names and array indexes ("#3"). */
static cJSON *at(cJSON *p, const char *zPath){
  char zBuf[256], *zTok, *zSave = NULL;
  snprintf(zBuf, sizeof(zBuf), "%s", zPath);
  for(zTok=strtok_r(zBuf, ".", &zSave); zTok && p; zTok=strtok_r(NULL, ".", &zSave)){
    p = zTok[0]=='#' ? cJSON_GetArrayItem(p, atoi(zTok+1)) : cJSON_GetObjectItemCaseSensitive(p, zTok);
  }
  ck_assert_msg(p!=NULL, "nothing at %s", zPath);
  return p;
}

static int hasUserKey(cJSON *pRoot, const char *zTenant, const char *zKey){
  cJSON *u;
  cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(tenantOf(pRoot, zTenant), "users")){
    if( strcmp(str(u, "key"), zKey)==0 ) return 1;
  }
  return 0;
}

/* Case-insensitive strstr. */
static int containsNoCase(const char *zHay, const char *zNeedle){
  size_t n = strlen(zNeedle);
  for(; *zHay; zHay++) if( strncasecmp(zHay, zNeedle, n)==0 ) return 1;
  return 0;
}

static int endsWith(const char *z, const char *zTail){
  size_t n = strlen(z), m = strlen(zTail);
  return n>=m && strcmp(z+n-m, zTail)==0;
}

static int isGuid(const char *z){
  int i;
  if( strlen(z)!=36 ) return 0;
  for(i=0; i<36; i++){
    if( i==8 || i==13 || i==18 || i==23 ){ if( z[i]!='-' ) return 0; }
    else if( !isdigit((unsigned char)z[i]) && !(z[i]>='a' && z[i]<='f') ) return 0;
  }
  return 1;
}

/* The local part of an address (static buffer). */
static const char *localOf(const char *zAddr){
  static char zBuf[256];
  snprintf(zBuf, sizeof(zBuf), "%.*s", (int)strcspn(zAddr, "@"), zAddr);
  return zBuf;
}

/* Reverse the children of array a in place. */
static void reverseArray(cJSON *a){
  int n = cJSON_GetArraySize(a), i;
  for(i=n-1; i>=0; i--) cJSON_AddItemToArray(a, cJSON_DetachItemFromArray(a, i));
}

/* ------------------------------------------------------------ tests */

START_TEST(test_same_seed_gives_byte_identical_output){
  cJSON *a = pseudonym_ok(labText(NULL), 7), *b = pseudonym_ok(labText(NULL), 7);
  char *za = printed(a), *zb = printed(b);
  ck_assert_str_eq(za, zb);
  cJSON_free(za); cJSON_free(zb);
  cJSON_Delete(a); cJSON_Delete(b);
}
END_TEST

START_TEST(test_pseudonyms_do_not_depend_on_the_order_of_tenants_or_users){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *pIn = cJSON_Parse(labText(NULL)), *t;
  TsErr err;
  const char *azTenant[] = { "fabrikam", "contoso" };
  int i, k, n;
  reverseArray(cJSON_GetObjectItemCaseSensitive(pIn, "tenants"));
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(pIn, "tenants")){
    reverseArray(cJSON_GetObjectItemCaseSensitive(t, "users"));
  }
  ck_assert_int_eq(pseudonym_scenario(pIn, 7, &err), TS_OK);
  for(k=0; k<2; k++){
    n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tenantOf(a, azTenant[k]), "users"));
    for(i=0; i<n; i++){
      ck_assert_msg(cJSON_Compare(userOf(a, azTenant[k], i), userOf(pIn, azTenant[k], n-1-i), 1),
                    "user %d of %s differs once the users are reordered", i, azTenant[k]);
    }
  }
  ck_assert(cJSON_Compare(at(a, "jobs"), at(pIn, "jobs"), 1));
  ck_assert(cJSON_Compare(at(a, "timeline"), at(pIn, "timeline"), 1));
  ck_assert(cJSON_Compare(at(a, "expect"), at(pIn, "expect"), 1));
  cJSON_Delete(a); cJSON_Delete(pIn);
}
END_TEST

START_TEST(test_different_seeds_give_different_pseudonyms){
  cJSON *a = pseudonym_ok(labText(NULL), 7), *b = pseudonym_ok(labText(NULL), 8);
  int i;
  for(i=0; i<3; i++){
    cJSON *ua = userOf(a, "fabrikam", i), *ub = userOf(b, "fabrikam", i);
    ck_assert_str_ne(str(ua, "key"), str(ub, "key"));
    ck_assert_str_ne(str(ua, "userPrincipalName"), str(ub, "userPrincipalName"));
  }
  ck_assert_str_ne(str(tenantOf(a, "contoso"), "tenantId"), str(tenantOf(b, "contoso"), "tenantId"));
  cJSON_Delete(a); cJSON_Delete(b);
}
END_TEST

START_TEST(test_no_original_personal_string_survives){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  char *z = printed(a);
  int i;
  for(i=0; azOriginal[i]; i++){
    ck_assert_msg(!containsNoCase(z, azOriginal[i]), "\"%s\" is still in the output: %s",
                  azOriginal[i], z);
  }
  cJSON_free(z);
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_a_person_gets_one_consistent_identity){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *u = userOf(a, "fabrikam", 0);
  const char *zKey = str(u, "key");
  char zDisplay[128];
  ck_assert_str_eq(str(u, "mailNickname"), zKey);
  ck_assert_str_eq(localOf(str(u, "userPrincipalName")), zKey);
  ck_assert_str_eq(localOf(str(u, "mail")), zKey);
  snprintf(zDisplay, sizeof(zDisplay), "%s %s", str(u, "givenName"), str(u, "surname"));
  ck_assert_str_eq(str(u, "displayName"), zDisplay);
  /* given.surname.xxxxxx, lower case */
  ck_assert_msg(strncasecmp(zKey, str(u, "givenName"), strlen(str(u, "givenName")))==0, "%s", zKey);
  ck_assert_int_eq(strlen(strrchr(zKey, '.')+1), 6);
  /* employeeId: digits, same length */
  ck_assert_int_eq(strlen(str(u, "employeeId")), strlen("E7731924"));
  ck_assert_int_eq(strspn(str(u, "employeeId"), "0123456789"), strlen("E7731924"));
  ck_assert_str_ne(str(u, "employeeId"), str(userOf(a, "fabrikam", 1), "employeeId"));
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_room_gets_a_drawn_name_and_null_mail_stays_null){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *pRoom = userOf(a, "fabrikam", 2);
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(pRoom, "givenName"));
  ck_assert_ptr_nonnull(strchr(str(pRoom, "displayName"), ' '));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(userOf(a, "fabrikam", 1), "mail")));
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_domains_tenant_keys_and_organisational_attributes_are_kept){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *u = userOf(a, "fabrikam", 0);
  ck_assert(endsWith(str(u, "userPrincipalName"), "@fabrikam.com"));
  ck_assert(endsWith(str(u, "mail"), "@fabrikam.com"));
  ck_assert(endsWith(str(userOf(a, "contoso", 2), "userPrincipalName"), "@contoso.com"));
  ck_assert_str_eq(str(tenantOf(a, "fabrikam"), "domain"), "fabrikam.com");
  ck_assert_str_eq(str(u, "department"), "Xylophone Sales");
  ck_assert_str_eq(str(u, "jobTitle"), "Buyer");
  ck_assert_str_eq(str(at(tenantOf(a, "fabrikam"), "groups.#0"), "displayName"), "Onboarding wave one");
  ck_assert_str_eq(str(at(a, "jobs.#0.scopingFilters.#0.clauses.#0"), "value"), "Xylophone Sales");
  ck_assert_str_eq(str(at(a, "timeline.#0.set"), "jobTitle"), "Lead buyer");
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_tenant_ids_become_other_well_formed_guids){
  cJSON *a = pseudonym_ok(labText(NULL), 7), *b = pseudonym_ok(labText(NULL), 7);
  const char *zF = str(tenantOf(a, "fabrikam"), "tenantId"), *zC = str(tenantOf(a, "contoso"), "tenantId");
  ck_assert_msg(isGuid(zF) && isGuid(zC), "%s %s", zF, zC);
  ck_assert(strcasecmp(zF, TID_FABRIKAM)!=0 && strcasecmp(zC, TID_CONTOSO)!=0);
  ck_assert_str_ne(zF, zC);
  ck_assert_str_eq(zF, str(tenantOf(b, "fabrikam"), "tenantId"));
  cJSON_Delete(a); cJSON_Delete(b);
}
END_TEST

START_TEST(test_b2b_user_carries_its_home_users_pseudonym){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *pHome = userOf(a, "fabrikam", 0), *pB2b = userOf(a, "contoso", 0);
  char zExpect[256];
  snprintf(zExpect, sizeof(zExpect), "fabrikam:%s", str(pHome, "key"));
  ck_assert_str_eq(str(pB2b, "homeUser"), zExpect);
  snprintf(zExpect, sizeof(zExpect), "%s_fabrikam.com#EXT#@contoso.onmicrosoft.com", str(pHome, "key"));
  ck_assert_str_eq(str(pB2b, "userPrincipalName"), zExpect);
  ck_assert_str_eq(str(pB2b, "mail"), str(pHome, "mail"));
  ck_assert_str_eq(str(pB2b, "displayName"), str(pHome, "displayName"));
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_guest_from_outside_keeps_its_ext_form_and_home_domain){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *g = userOf(a, "contoso", 1);
  const char *zUpn = str(g, "userPrincipalName");
  char zExpect[256];
  snprintf(zExpect, sizeof(zExpect), "%s_litware.com#EXT#@contoso.onmicrosoft.com", str(g, "key"));
  ck_assert_str_eq(zUpn, zExpect);
  snprintf(zExpect, sizeof(zExpect), "%s@litware.com", str(g, "key"));
  ck_assert_str_eq(str(g, "mail"), zExpect);
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_every_user_reference_follows_the_new_keys){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  const char *zT = str(userOf(a, "fabrikam", 0), "key");
  const char *zP = str(userOf(a, "fabrikam", 1), "key");
  const char *zRoom = str(userOf(a, "fabrikam", 2), "key");
  const char *zHire = str(at(a, "timeline.#4.users.#0"), "key");
  ck_assert_str_eq(str(userOf(a, "fabrikam", 0), "manager"), zP);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "jobs.#0.assignments.users.#0")), zT);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "jobs.#0.assignments.users.#1")), zP);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "timeline.#0.users.#0")), zT);
  ck_assert_str_eq(str(at(a, "timeline.#0.set"), "manager"), zRoom);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "timeline.#1.users.#0")), zP);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "timeline.#1.users.#1")), "gen2");
  ck_assert_str_eq(str(at(a, "timeline.#2"), "user"), zT);
  ck_assert_str_eq(str(at(a, "timeline.#4.users.#0"), "manager"), zT);
  ck_assert_str_eq(cJSON_GetStringValue(at(a, "timeline.#5.users.#0")), zHire);
  ck_assert_str_eq(str(at(a, "expect.#0"), "user"), zT);
  ck_assert_str_eq(str(at(a, "expect.#1"), "user"), zP);
  ck_assert(hasUserKey(a, "fabrikam", zT) && hasUserKey(a, "fabrikam", zP));
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_filter_and_expect_values_follow_the_user_who_held_them){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  cJSON *pP = userOf(a, "fabrikam", 1), *pT = userOf(a, "fabrikam", 0);
  ck_assert_str_eq(str(at(a, "jobs.#0.scopingFilters.#0.clauses.#1"), "value"),
                   str(pP, "userPrincipalName"));
  ck_assert_str_eq(str(at(a, "timeline.#3.scopingFilters.#0.clauses.#0"), "value"),
                   str(pT, "mailNickname"));
  ck_assert_str_eq(str(at(a, "expect.#1"), "equals"), str(pP, "displayName"));
  /* A pattern is kept (a documented gap). */
  ck_assert_str_eq(str(at(a, "timeline.#3.scopingFilters.#0.clauses.#1"), "value"), "^Conf ");
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_value_no_user_held_is_replaced_by_a_pseudonym_of_its_kind){
  const char *zText = scn(
    "{'tenants': [{'key': 't', 'domain': 't.com', 'users': [{'key': 'u1'}]}],"
    " 'jobs': [{'key': 'j', 'source': 't', 'target': 't', 'scopingFilters': [{'clauses': ["
    "   {'attribute': 'userPrincipalName', 'operator': 'EQUALS', 'value': 'Zenobia.Fairweather@t.com'},"
    "   {'attribute': 'mail', 'operator': 'ENDS_WITH', 'value': '@t.com'},"
    "   {'attribute': 'surname', 'operator': 'EQUALS', 'value': 'Fairweather'},"
    "   {'attribute': 'employeeId', 'operator': '&', 'value': '4471,4472'}]}]}]}");
  cJSON *a = pseudonym_ok(zText, 3);
  const char *zUpn = str(at(a, "jobs.#0.scopingFilters.#0.clauses.#0"), "value");
  const char *zEmp = str(at(a, "jobs.#0.scopingFilters.#0.clauses.#3"), "value");
  ck_assert_msg(!containsNoCase(zUpn, "zenobia") && endsWith(zUpn, "@t.com"), "%s", zUpn);
  ck_assert_str_eq(str(at(a, "jobs.#0.scopingFilters.#0.clauses.#1"), "value"), "@t.com");
  ck_assert_str_ne(str(at(a, "jobs.#0.scopingFilters.#0.clauses.#2"), "value"), "Fairweather");
  ck_assert_msg(strlen(zEmp)==9 && zEmp[4]==',' && strstr(zEmp, "4471")==NULL, "%s", zEmp);
  cJSON_Delete(a);
}
END_TEST

/* A job's notification recipients are mails: each address follows the
** user who has it, or becomes a pseudonym; separators, blanks and
** domains stay. */
START_TEST(test_notification_recipients_are_mails_too){
  const char *zText = scn(
    "{'tenants': [{'key': 't', 'domain': 't.com', 'users': [{'key': 'u1',"
    "   'userPrincipalName': 'Zenobia.Fairweather@t.com', 'mail': 'zenobia.fairweather@t.com'}]}],"
    " 'jobs': [{'key': 'j', 'source': 't', 'target': 't',"
    "   'notifications': {'enabled': true, 'recipients': 'zenobia.fairweather@t.com; Ops.Desk@t.com'}}],"
    " 'timeline': [{'at': 'P1D', 'action': 'set_secrets', 'job': 'j',"
    "   'notifications': {'recipients': 'Ops.Desk@t.com,zenobia.fairweather@t.com'}}]}");
  cJSON *a = pseudonym_ok(zText, 3);
  const char *zMail = str(userOf(a, "t", 0), "mail");
  const char *zJob = str(at(a, "jobs.#0.notifications"), "recipients");
  const char *zAct = str(at(a, "timeline.#0.notifications"), "recipients");
  char zWant[256], zOps[128];
  const char *zSep = strstr(zJob, "; ");
  ck_assert_msg(zSep!=NULL, "%s", zJob);
  snprintf(zOps, sizeof(zOps), "%s", zSep+2);
  ck_assert_msg(!containsNoCase(zJob, "zenobia") && !containsNoCase(zJob, "ops.desk")
                && endsWith(zJob, "@t.com"), "%s", zJob);
  snprintf(zWant, sizeof(zWant), "%s; %s", zMail, zOps);
  ck_assert_str_eq(zJob, zWant);
  snprintf(zWant, sizeof(zWant), "%s,%s", zOps, zMail);
  ck_assert_str_eq(zAct, zWant);
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_two_users_of_one_person_in_a_tenant_get_distinct_keys_whatever_their_order){
  const char *zExtra = ", {'key': 'tquimble-ext2', 'homeUser': 'fabrikam:tquimble'}";
  cJSON *a = pseudonym_ok(labText(zExtra), 7);
  cJSON *pIn = cJSON_Parse(labText(zExtra));
  const char *zHome = str(userOf(a, "fabrikam", 0), "key");
  const char *z1 = str(userOf(a, "contoso", 0), "key"), *z2 = str(userOf(a, "contoso", 3), "key");
  TsErr err;
  ck_assert_str_ne(z1, z2);
  /* "tquimble-ext" sorts first, so it keeps the plain local part. */
  ck_assert_str_eq(z1, zHome);
  /* The other: "given.surname." and letters, no digit. */
  ck_assert_msg(strncmp(z2, zHome, strlen(zHome)-6)==0 && strcspn(z2, "0123456789")==strlen(z2),
                "%s next to %s", z2, zHome);
  reverseArray(at(tenantOf(pIn, "contoso"), "users"));
  ck_assert_int_eq(pseudonym_scenario(pIn, 7, &err), TS_OK);
  ck_assert_str_eq(str(userOf(pIn, "contoso", 3), "key"), z1);
  ck_assert_str_eq(str(userOf(pIn, "contoso", 0), "key"), z2);
  cJSON_Delete(a); cJSON_Delete(pIn);
}
END_TEST

START_TEST(test_key_that_would_fall_in_a_population_range_is_disambiguated){
  cJSON *a = pseudonym_ok(labText(NULL), 7), *b;
  const char *zKey = str(userOf(a, "fabrikam", 1), "key");
  char zPrefix[128], zExtra[256], zText[8192];
  size_t n = strcspn(zKey, "0123456789");
  const char *zFrom, *zTo;
  ck_assert_msg(zKey[n], "no digit in %s", zKey);
  snprintf(zPrefix, sizeof(zPrefix), "%.*s", (int)n, zKey);
  /* Give fabrikam a second population whose range holds pmarch's key. */
  snprintf(zExtra, sizeof(zExtra), "{'count': 3, 'keyPrefix': 'gen'}, {'count': 5, 'keyPrefix': '%s'}", zPrefix);
  snprintf(zText, sizeof(zText), "%s", labText(NULL));
  zFrom = strstr(zText, "{\"count\": 3, \"keyPrefix\": \"gen\"}");
  ck_assert_ptr_nonnull(zFrom);
  zTo = zFrom + strlen("{\"count\": 3, \"keyPrefix\": \"gen\"}");
  {
    char zNew[8192];
    snprintf(zNew, sizeof(zNew), "%.*s%s%s", (int)(zFrom - zText), zText, scn(zExtra), zTo);
    b = pseudonym_ok(zNew, 7);
  }
  ck_assert_str_ne(str(userOf(b, "fabrikam", 1), "key"), zKey);
  ck_assert_int_eq(strncmp(str(userOf(b, "fabrikam", 1), "key"), zKey, strlen(zKey)-6), 0);
  ck_assert_str_eq(localOf(str(userOf(b, "fabrikam", 1), "userPrincipalName")), zKey);
  ck_assert_str_eq(str(userOf(b, "fabrikam", 0), "manager"), str(userOf(b, "fabrikam", 1), "key"));
  cJSON_Delete(a); cJSON_Delete(b);
}
END_TEST

START_TEST(test_pseudonymized_scenario_still_validates){
  cJSON *a = pseudonym_ok(labText(NULL), 7);
  char *z = printed(a);
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  int rc;
  strbuf_init(&errs);
  tserr_clear(&err);
  rc = scenario_parse("pseudo.json", z, &pScn, &errs, &err);
  ck_assert_msg(rc==TS_OK, "rc %d:\n%s%s\n%s", rc, strbuf_str(&errs), err.zMsg, z);
  scenario_free(pScn);
  strbuf_free(&errs);
  cJSON_free(z);
  cJSON_Delete(a);
}
END_TEST

START_TEST(test_original_scenario_validates_too){
  /* Guards the test above: the lab itself must be a valid scenario. */
  Scenario *pScn = NULL;
  StrBuf errs;
  TsErr err;
  strbuf_init(&errs);
  ck_assert_msg(scenario_parse("lab.json", labText(NULL), &pScn, &errs, &err)==TS_OK,
                "%s", strbuf_str(&errs));
  scenario_free(pScn);
  strbuf_free(&errs);
}
END_TEST

/* Malformed zText is refused with TS_ERR and left untouched. */
static void refused(const char *zText, const char *zWhere){
  cJSON *p = cJSON_Parse(scn(zText));
  char *zBefore, *zAfter;
  TsErr err;
  ck_assert_ptr_nonnull(p);
  zBefore = printed(p);
  tserr_clear(&err);
  ck_assert_int_eq(pseudonym_scenario(p, 1, &err), TS_ERR);
  ck_assert_msg(strstr(err.zMsg, zWhere)!=NULL, "message \"%s\" should name %s", err.zMsg, zWhere);
  zAfter = printed(p);
  ck_assert_str_eq(zBefore, zAfter);
  cJSON_free(zBefore); cJSON_free(zAfter);
  cJSON_Delete(p);
}

START_TEST(test_malformed_input_is_refused_and_left_unchanged){
  refused("{'tenants': [{'key': 't', 'domain': 't.com', 'users': {'key': 'a'}}]}", "tenants[0].users");
  refused("{'tenants': [{'key': 't', 'users': [{'key': 'ok', 'displayName': 'Zed Q'}, {'key': 7}]}]}",
          "tenants[0].users[1].key");
  refused("{'tenants': [{'key': 't', 'users': [{'key': 'a', 'surname': ['x']}]}]}",
          "tenants[0].users[0].surname");
  refused("{'tenants': [{'key': 't', 'users': [{'key': 'a'}, {'key': 'a'}]}]}", "used twice");
  refused("{'tenants': 3}", "tenants");
  refused("{'tenants': [{'key': 't', 'users': [{'key': 'a'}]}],"
          " 'jobs': [{'key': 'j', 'source': 't', 'assignments': {'users': [1]}}]}",
          "jobs[0].assignments.users[0]");
  refused("{'timeline': [{'action': 'update', 'tenant': 't', 'set': {'mail': 3}}]}",
          "timeline[0].set.mail");
}
END_TEST

START_TEST(test_failed_allocation_is_out_of_memory_without_a_change_or_a_leak){
  const char *zText = labText(NULL);
  char *zBefore;
  long iFail;
  int rc = TS_NOMEM;
  mfx_cjson_hooks(1);
  {
    cJSON *p = cJSON_Parse(zText);
    zBefore = cJSON_PrintUnformatted(p);
    cJSON_Delete(p);
  }
  for(iFail=1; iFail<100000 && rc!=TS_OK; iFail++){
    cJSON *p = cJSON_Parse(zText);
    char *zAfter;
    TsErr err;
    ck_assert_ptr_nonnull(p);
    tserr_clear(&err);
    mem_fail_after(iFail);
    rc = pseudonym_scenario(p, 7, &err);
    mem_fail_after(0);
    ck_assert_msg(rc==TS_OK || rc==TS_NOMEM, "allocation %ld failing gave rc %d: %s", iFail, rc, err.zMsg);
    zAfter = cJSON_PrintUnformatted(p);
    if( rc==TS_NOMEM ){
      ck_assert_msg(strstr(err.zMsg, "out of memory")!=NULL, "%s", err.zMsg);
      ck_assert_msg(strcmp(zBefore, zAfter)==0, "allocation %ld failing changed the scenario", iFail);
    }
    cJSON_free(zAfter);
    cJSON_Delete(p);
  }
  cJSON_free(zBefore);
  mfx_cjson_hooks(0);
  ck_assert_msg(rc==TS_OK, "still failing after %ld allocations", iFail);
  ck_assert_int_gt(iFail, 10);
}
END_TEST

Suite *pseudonym_suite(void){
  Suite *s = suite_create("pseudonym");
  TCase *tcDet = tcase_create("determinism");
  TCase *tcData = tcase_create("personal data");
  TCase *tcRefs = tcase_create("references");
  TCase *tcErr = tcase_create("errors");
  TCase *tcOom = tcase_create("oom");

  tcase_add_test(tcDet, test_same_seed_gives_byte_identical_output);
  tcase_add_test(tcDet, test_pseudonyms_do_not_depend_on_the_order_of_tenants_or_users);
  tcase_add_test(tcDet, test_different_seeds_give_different_pseudonyms);
  suite_add_tcase(s, tcDet);

  tcase_add_test(tcData, test_no_original_personal_string_survives);
  tcase_add_test(tcData, test_a_person_gets_one_consistent_identity);
  tcase_add_test(tcData, test_room_gets_a_drawn_name_and_null_mail_stays_null);
  tcase_add_test(tcData, test_domains_tenant_keys_and_organisational_attributes_are_kept);
  tcase_add_test(tcData, test_tenant_ids_become_other_well_formed_guids);
  suite_add_tcase(s, tcData);

  tcase_add_test(tcRefs, test_b2b_user_carries_its_home_users_pseudonym);
  tcase_add_test(tcRefs, test_guest_from_outside_keeps_its_ext_form_and_home_domain);
  tcase_add_test(tcRefs, test_every_user_reference_follows_the_new_keys);
  tcase_add_test(tcRefs, test_filter_and_expect_values_follow_the_user_who_held_them);
  tcase_add_test(tcRefs, test_value_no_user_held_is_replaced_by_a_pseudonym_of_its_kind);
  tcase_add_test(tcRefs, test_notification_recipients_are_mails_too);
  tcase_add_test(tcRefs, test_two_users_of_one_person_in_a_tenant_get_distinct_keys_whatever_their_order);
  tcase_add_test(tcRefs, test_key_that_would_fall_in_a_population_range_is_disambiguated);
  tcase_add_test(tcRefs, test_pseudonymized_scenario_still_validates);
  tcase_add_test(tcRefs, test_original_scenario_validates_too);
  suite_add_tcase(s, tcRefs);

  tcase_add_test(tcErr, test_malformed_input_is_refused_and_left_unchanged);
  suite_add_tcase(s, tcErr);
  tcase_add_test(tcOom, test_failed_allocation_is_out_of_memory_without_a_change_or_a_leak);
  suite_add_tcase(s, tcOom);
  return s;
}
