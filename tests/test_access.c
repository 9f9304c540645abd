/*
** test_access.c — the specification of engine/model/access.c: which of a
** resource tenant's Conditional Access policies apply to a synced account
** (each include and exclude condition, with its twin that does not match),
** whether their grant controls pass on the home tenant's claims and the
** resource tenant's inbound trust (AND, OR, block, device claims, a
** report-only policy), what stops a sign-in before Conditional Access, the
** MFA registrations and their audit rows, and the sign-in row written in
** Graph's signIn shape.
**
** The story of every test: alice of contoso is synced into fabrikam by the
** fixture's job (an external member, b2bCollaborationMember); fabrikam's
** policies are written straight into ca_policies with authz_add_ca_policy.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include "engine_fixture.h"
#include "access.h"
#include "authz.h"
#include "mem.h"
#include "pair.h"
#include "suites.h"

/* A fixture whose job has synced alice (returned: her home id) into
** fabrikam; bTrustMfa: fabrikam's partner configuration for contoso
** accepts MFA claims. */
static int64_t synced(Fixture *f, int bTrustMfa){
  int64_t id;
  fx_open(f, 0);
  if( bTrustMfa ) policy_set(&f->w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 1);
  id = fx_user(f, "alice");
  fx_assign(f, id);
  job_start(&f->w, fx_job(f));
  ck_assert_int_eq(fx_cycle(f, 0), 1);
  ck_assert_int_gt(fx_target(f, id), 0);
  return id;
}

/* Policy p as fabrikam's ord-th, its state "enabled" unless given. */
static void addPolicy(Fixture *f, int ord, AuthzCaPolicy p){
  if( p.zDisplayName==NULL ) p.zDisplayName = "policy";
  if( p.zState==NULL ) p.zState = "enabled";
  authz_add_ca_policy(&f->w, FX_TARGET, ord, &p);
}

/* Evaluate alice's sign-in into fabrikam with device claims m into *s. */
static void signIn(Fixture *f, int64_t id, unsigned m, AccessSignIn *s){
  ck_assert_int_eq(access_evaluate(&f->w, FX_TARGET, FX_SOURCE, id, m, s), TS_OK);
}

/* The result of the one policy of a sign-in (after freeing it). */
static const char *onlyResult(Fixture *f, int64_t id, char *z, size_t n){
  AccessSignIn s;
  signIn(f, id, 0, &s);
  ck_assert_int_eq(s.nPolicy, 1);
  snprintf(z, n, "%s", s.aPolicy[0].zResult);
  access_sign_in_free(&s);
  return z;
}

/* The account's object id. */
static const char *accountId(Fixture *f, int64_t id){
  return world_user(&f->w, fx_target(f, id))->zObjectId;
}

/* ------------------------------------------------------------ the claim */

START_TEST(test_trusted_mfa_of_a_registered_user_satisfies_the_policy){
  Fixture f;
  int64_t id = synced(&f, 1);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zDisplayName = "MFA for externals",
    .mIncludeGuests = AUTHZ_GUEST_B2B_MEMBER, .zIncludeTenants = "all",
    .zGrantOperator = "OR", .zGrantControls = "mfa" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 0);
  ck_assert_str_eq(s.zResult, "success");
  ck_assert_str_eq(s.zUserType, "member");
  ck_assert_str_eq(s.zCaStatus, "success");
  ck_assert_str_eq(s.zRequirement, "multiFactorAuthentication");
  ck_assert_str_eq(s.zAdditional, "MFA requirement satisfied by claim in the token");
  ck_assert_str_eq(s.aPolicy[0].zResult, "success");
  ck_assert_str_eq(s.aPolicy[0].zWhy, "MFA satisfied by contoso's claim (inbound trust)");
  ck_assert_str_eq(s.aPolicy[0].zControls, "\"Mfa\"");
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_untrusted_mfa_interrupts_the_sign_in){
  Fixture f;
  int64_t id = synced(&f, 0);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .mIncludeGuests = AUTHZ_GUEST_B2B_MEMBER,
    .zGrantOperator = "OR", .zGrantControls = "mfa" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50076);
  ck_assert_str_eq(s.zErrorName, "UserStrongAuthClientAuthNRequired");
  ck_assert_str_eq(s.zResult, "interrupted");
  ck_assert_str_eq(s.zCaStatus, "failure");
  ck_assert_ptr_null(s.zAdditional);
  ck_assert_str_eq(s.aPolicy[0].zResult, "failure");
  ck_assert_ptr_nonnull(strstr(s.aPolicy[0].zWhy, "fabrikam does not accept contoso's MFA claim"));
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_the_default_policy_trust_counts_and_says_so){
  Fixture f;
  int64_t id = synced(&f, 0);
  AccessSignIn s;
  policy_set(&f.w, FX_TARGET, -1, PF_TRUST_MFA, 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "mfa" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 0);
  ck_assert_str_eq(s.aPolicy[0].zWhy, "MFA satisfied by contoso's claim (inbound trust, default policy)");
  access_sign_in_free(&s);
  /* the partner configuration's false overrides the default's true */
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 0);
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50076);
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_a_user_without_a_method_is_interrupted_until_one_is_registered){
  Fixture f;
  int64_t id = synced(&f, 1);
  AccessSignIn s;
  char z[200];
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "mfa" });
  access_set_mfa(&f.w, id, 0, ACCESS_BY_DECLARED, NULL);
  ck_assert_int_eq(access_mfa_registered(&f.w, id), 0);
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50079);
  ck_assert_str_eq(s.zResult, "interrupted");
  ck_assert_str_eq(s.aPolicy[0].zWhy, "MFA not satisfied: the user has no MFA method registered in contoso");
  access_sign_in_free(&s);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE category='UserManagement'"
                              " AND activity LIKE '%%security info'"), 0);
  f.w.tNow = 600;
  access_set_mfa(&f.w, id, 1, ACCESS_BY_USER, "fido2");
  ck_assert_int_eq(access_mfa_registered(&f.w, id), 1);
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 0);
  access_sign_in_free(&s);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT at||' '||tenant||' '||activity||' '||actor||' '"
                           "||target_name||' '||detail FROM audit_log WHERE activity LIKE '%%security info'"),
                   "600 0 User registered security info alice@contoso.com alice@contoso.com method=fido2");
  access_set_mfa(&f.w, id, 1, ACCESS_BY_ADMIN, "phone");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity='Admin registered"
                              " security info' AND actor='admin' AND detail='method=phone'"), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT group_concat(registered||registered_by||"
                           "coalesce(method,'-'), ' ') FROM mfa_registrations"),
                   "0declared- 1userfido2 1adminphone");
  fx_close(&f);
}
END_TEST

START_TEST(test_methods_are_graph_authentication_method_types){
  ck_assert(access_method_known("microsoftAuthenticator"));
  ck_assert(access_method_known("fido2"));
  ck_assert(!access_method_known("email"));      /* not an MFA method */
  ck_assert(!access_method_known("Fido2"));
  ck_assert_str_eq(access_method_names()[0], "microsoftAuthenticator");
}
END_TEST

/* ------------------------------------------------------ user conditions */

START_TEST(test_include_all_and_exclude_the_account_by_object_id){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[64];
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zExcludeUsers = accountId(&f, id),
                                    .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
  id = synced(&f, 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
}
END_TEST

START_TEST(test_include_users_names_the_account_itself_not_another_user){
  Fixture f;
  int64_t id = synced(&f, 1), idOther;
  char z[64];
  idOther = fx_user_in(&f, FX_TARGET, "bob");
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = world_user(&f.w, idOther)->zObjectId,
                                    .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
  id = synced(&f, 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = accountId(&f, id), .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
}
END_TEST

START_TEST(test_guests_or_external_users_covers_every_synced_account){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[64];
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "GuestsOrExternalUsers", .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
  id = synced(&f, 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "None", .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
}
END_TEST

START_TEST(test_include_and_exclude_groups_by_direct_membership){
  Fixture f;
  int64_t id = synced(&f, 1);
  int iG, iOther;
  char z[64];
  iG = directory_group_add(&f.w, FX_TARGET, "partners", "Partners", "Security");
  iOther = directory_group_add(&f.w, FX_TARGET, "staff", "Staff", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iG, fx_target(&f, id)), 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeGroups = f.w.aGroup[iOther].zObjectId,
                                    .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
  id = synced(&f, 1);
  iG = directory_group_add(&f.w, FX_TARGET, "partners", "Partners", "Security");
  ck_assert_int_eq(directory_member_add(&f.w, iG, fx_target(&f, id)), 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeGroups = f.w.aGroup[iG].zObjectId, .zGrantControls = "block" });
  addPolicy(&f, 1, (AuthzCaPolicy){ .zIncludeUsers = "All", .zExcludeGroups = f.w.aGroup[iG].zObjectId,
                                    .zGrantControls = "block" });
  {
    AccessSignIn s;
    signIn(&f, id, 0, &s);
    ck_assert_str_eq(s.aPolicy[0].zResult, "failure");
    ck_assert_str_eq(s.aPolicy[1].zResult, "notApplied");
    ck_assert_str_eq(s.aPolicy[1].zWhy, "excludes the account");
    access_sign_in_free(&s);
  }
  fx_close(&f);
}
END_TEST

START_TEST(test_include_roles_needs_an_active_assignment){
  Fixture f;
  int64_t id = synced(&f, 1);
  const AuthzRole *r = authz_role_find("Global Administrator");
  AuthzAssignment a;
  char z[64];
  memset(&a, 0, sizeof(a));
  a.zTemplateId = r->zTemplateId;
  a.pRole = r;
  a.idPrincipal = fx_target(&f, id);
  a.bEligible = 1;
  authz_assign_role(&f.w, FX_TARGET, &a, 0);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeRoles = r->zTemplateId, .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");   /* eligible: not held */
  a.bEligible = 0;
  authz_assign_role(&f.w, FX_TARGET, &a, 0);
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
}
END_TEST

START_TEST(test_guest_types_tell_external_members_from_guests){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[64];
  /* the guest-keyed control of XTS-T08 misses the external member */
  addPolicy(&f, 0, (AuthzCaPolicy){ .mIncludeGuests = AUTHZ_GUEST_B2B_GUEST, .zIncludeTenants = "all",
                                    .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  /* ... and covers the same account once it is a guest */
  ck_assert_int_eq(directory_user_set(&f.w, fx_target(&f, id), A_USER_TYPE, "Guest"), 0);
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
}
END_TEST

START_TEST(test_external_tenants_enumerated_must_name_the_home_tenant){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[64];
  addPolicy(&f, 0, (AuthzCaPolicy){ .mIncludeGuests = AUTHZ_GUEST_B2B_MEMBER,
    .zIncludeTenants = "11111111-2222-3333-4444-555555555555", .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
  id = synced(&f, 1);
  {
    char zList[100];
    snprintf(zList, sizeof(zList), "11111111-2222-3333-4444-555555555555,%s",
             f.w.aTenant[FX_SOURCE].zTenantId);
    addPolicy(&f, 0, (AuthzCaPolicy){ .mIncludeGuests = AUTHZ_GUEST_B2B_MEMBER,
      .zIncludeTenants = zList, .zGrantControls = "block" });
    ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  }
  fx_close(&f);
}
END_TEST

START_TEST(test_exclude_guests_or_external_users_wins_over_all){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[64];
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .mExcludeGuests = AUTHZ_GUEST_B2B_MEMBER,
                                    .zExcludeTenants = "all", .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "notApplied");
  fx_close(&f);
  id = synced(&f, 1);
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .mExcludeGuests = AUTHZ_GUEST_INTERNAL,
                                    .zGrantControls = "block" });
  ck_assert_str_eq(onlyResult(&f, id, z, sizeof(z)), "failure");
  fx_close(&f);
}
END_TEST

/* ------------------------------------------------------- grant controls */

START_TEST(test_and_needs_every_control_or_needs_one){
  Fixture f;
  int64_t id = synced(&f, 1);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantOperator = "AND",
                                    .zGrantControls = "mfa,compliantDevice" });
  signIn(&f, id, ACCESS_DEVICE_COMPLIANT, &s);       /* the device claim is not trusted */
  ck_assert_int_eq(s.nError, 53000);
  ck_assert_str_eq(s.zResult, "failure");
  ck_assert_str_eq(s.aPolicy[0].zControls, "\"Mfa\",\"RequireCompliantDevice\"");
  ck_assert_ptr_nonnull(strstr(s.aPolicy[0].zWhy, "does not accept contoso's compliant device claim"));
  access_sign_in_free(&s);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_COMPLIANT, 1);
  signIn(&f, id, ACCESS_DEVICE_COMPLIANT, &s);
  ck_assert_int_eq(s.nError, 0);
  ck_assert_str_eq(s.aPolicy[0].zWhy, "MFA satisfied by contoso's claim (inbound trust) and compliant"
                   " device satisfied by contoso's claim (inbound trust)");
  access_sign_in_free(&s);
  signIn(&f, id, 0, &s);                             /* no claim presented */
  ck_assert_int_eq(s.nError, 53000);
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_or_passes_on_a_trusted_device_without_mfa){
  Fixture f;
  int64_t id = synced(&f, 0);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantOperator = "OR",
                                    .zGrantControls = "mfa,domainJoinedDevice" });
  signIn(&f, id, ACCESS_DEVICE_HYBRID, &s);
  ck_assert_int_eq(s.nError, 50076);                 /* MFA is what the user can answer */
  access_sign_in_free(&s);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_HYBRID, 1);
  signIn(&f, id, ACCESS_DEVICE_HYBRID, &s);
  ck_assert_int_eq(s.nError, 0);
  ck_assert_str_eq(s.zRequirement, "singleFactorAuthentication");
  ck_assert_ptr_null(s.zAdditional);
  ck_assert_str_eq(s.aPolicy[0].zWhy, "hybrid joined device satisfied by contoso's claim (inbound trust)");
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_block_wins_and_a_policy_without_controls_passes){
  Fixture f;
  int64_t id = synced(&f, 1);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zDisplayName = "session only", .zIncludeUsers = "All" });
  addPolicy(&f, 1, (AuthzCaPolicy){ .zDisplayName = "mfa", .zIncludeUsers = "All",
                                    .zGrantControls = "domainJoinedDevice" });
  addPolicy(&f, 2, (AuthzCaPolicy){ .zDisplayName = "block", .zIncludeUsers = "All",
                                    .zGrantOperator = "OR", .zGrantControls = "mfa,block" });
  signIn(&f, id, 0, &s);
  ck_assert_str_eq(s.aPolicy[0].zResult, "success");
  ck_assert_str_eq(s.aPolicy[0].zWhy, "no grant control");
  ck_assert_str_eq(s.aPolicy[1].zResult, "failure");
  ck_assert_str_eq(s.aPolicy[2].zResult, "failure");
  ck_assert_int_eq(s.nError, 53003);                 /* the block, not the device */
  ck_assert_str_eq(s.zErrorName, "BlockedByConditionalAccess");
  ck_assert_str_eq(s.zResult, "failure");
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_unmodelled_controls_never_pass){
  Fixture f;
  int64_t id = synced(&f, 1);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "approvedApplication" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 53002);
  ck_assert_str_eq(s.aPolicy[0].zWhy, "approvedApplication not satisfied (not modelled)");
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

START_TEST(test_report_only_and_disabled_policies_decide_nothing){
  Fixture f;
  int64_t id = synced(&f, 0);
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zState = "enabledForReportingButNotEnforced",
                                    .zIncludeUsers = "All", .zGrantControls = "mfa" });
  addPolicy(&f, 1, (AuthzCaPolicy){ .zState = "enabledForReportingButNotEnforced",
                                    .zIncludeUsers = "All", .zGrantControls = "block" });
  addPolicy(&f, 2, (AuthzCaPolicy){ .zState = "enabledForReportingButNotEnforced",
                                    .zIncludeUsers = "None", .zGrantControls = "block" });
  addPolicy(&f, 3, (AuthzCaPolicy){ .zState = "disabled", .zIncludeUsers = "All",
                                    .zGrantControls = "block" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 0);
  ck_assert_str_eq(s.zResult, "success");
  ck_assert_str_eq(s.zCaStatus, "notApplied");
  ck_assert_str_eq(s.aPolicy[0].zResult, "reportOnlyInterrupted");
  ck_assert_str_eq(s.aPolicy[1].zResult, "reportOnlyFailure");
  ck_assert_str_eq(s.aPolicy[2].zResult, "reportOnlyNotApplied");
  ck_assert_str_eq(s.aPolicy[3].zResult, "notEnabled");
  access_sign_in_free(&s);
  /* the twin: the same MFA policy enforced stops the sign-in */
  addPolicy(&f, 4, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "mfa" });
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50076);
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

/* -------------------------------------------- before Conditional Access */

START_TEST(test_accounts_that_cannot_sign_in_stop_before_conditional_access){
  Fixture f;
  int64_t id = synced(&f, 1), idNone;
  AccessSignIn s;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zIncludeUsers = "All", .zGrantControls = "mfa" });
  idNone = fx_user(&f, "nobody");                    /* never synced */
  signIn(&f, idNone, 0, &s);
  ck_assert_int_eq(s.nError, 50020);
  ck_assert_int_eq(s.idAccount, 0);
  ck_assert_int_eq(s.nPolicy, 0);
  ck_assert_str_eq(s.zCaStatus, "notApplied");
  access_sign_in_free(&s);
  ck_assert_int_eq(directory_user_set(&f.w, fx_target(&f, id), A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50057);
  ck_assert_str_eq(s.zPreCa, "its account in the resource tenant is disabled");
  access_sign_in_free(&s);
  ck_assert_int_eq(directory_user_set(&f.w, id, A_ACCOUNT_ENABLED, ATTR_FALSE), 0);
  signIn(&f, id, 0, &s);
  ck_assert_str_eq(s.zPreCa, "the home account is disabled");
  access_sign_in_free(&s);
  directory_user_soft_delete(&f.w, id);
  signIn(&f, id, 0, &s);
  ck_assert_int_eq(s.nError, 50034);
  ck_assert_str_eq(s.zResult, "failure");
  access_sign_in_free(&s);
  fx_close(&f);
}
END_TEST

/* ------------------------------------------------------------ the row */

START_TEST(test_the_sign_in_row_has_graphs_fields){
  Fixture f;
  int64_t id = synced(&f, 1);
  char z[2000], zSum[400];
  cJSON *a, *p;
  addPolicy(&f, 0, (AuthzCaPolicy){ .zDisplayName = "Require \"MFA\" for externals",
    .mIncludeGuests = AUTHZ_GUEST_B2B_MEMBER, .zGrantControls = "mfa" });
  addPolicy(&f, 1, (AuthzCaPolicy){ .zDisplayName = "compliant (report-only)",
    .zState = "enabledForReportingButNotEnforced", .zIncludeUsers = "All",
    .zGrantControls = "compliantDevice" });
  f.w.tNow = 7200;
  ck_assert_int_eq(access_sign_in(&f.w, FX_TARGET, FX_SOURCE, id, ACCESS_DEVICE_HYBRID, zSum, sizeof(zSum)), 1);
  ck_assert_str_eq(zSum, "alice@contoso.com signs in to fabrikam from contoso: success; Require \"MFA\""
                   " for externals: MFA satisfied by contoso's claim (inbound trust)");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM sign_ins WHERE tenant=1 AND at=7200 AND home_tenant=0"
    " AND home_tenant_id='%q' AND resource_tenant_id='%q' AND user_id='%q'"
    " AND user_principal_name='alice@contoso.com' AND user_type='member'"
    " AND cross_tenant_access_type='b2bCollaboration' AND device_compliant=0"
    " AND device_trust_type='Hybrid Azure AD joined' AND conditional_access_status='success'"
    " AND authentication_requirement='multiFactorAuthentication' AND error_code=0"
    " AND failure_reason IS NULL AND result='success'"
    " AND additional_details='MFA requirement satisfied by claim in the token'"
    " AND length(sign_in_id)=36", f.w.aTenant[FX_SOURCE].zTenantId,
    f.w.aTenant[FX_TARGET].zTenantId, accountId(&f, id)), 1);
  fx_text(&f, z, sizeof(z), "SELECT detail FROM sign_ins");
  ck_assert_ptr_nonnull(strstr(z, "; compliant (report-only) (report-only): compliant device not satisfied"));
  fx_text(&f, z, sizeof(z), "SELECT applied_policies FROM sign_ins");
  a = cJSON_Parse(z);
  ck_assert_ptr_nonnull(a);
  ck_assert_int_eq(cJSON_GetArraySize(a), 2);
  p = cJSON_GetArrayItem(a, 0);
  ck_assert_str_eq(cJSON_GetObjectItem(p, "displayName")->valuestring, "Require \"MFA\" for externals");
  ck_assert_str_eq(cJSON_GetObjectItem(p, "result")->valuestring, "success");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(p, "enforcedGrantControls"), 0)->valuestring, "Mfa");
  ck_assert_int_eq(strlen(cJSON_GetObjectItem(p, "id")->valuestring), 36);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(a, 1), "result")->valuestring, "reportOnlyFailure");
  cJSON_Delete(a);
  /* a failure: the error code and its documented reason */
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_TRUST_MFA, 0);
  ck_assert_int_eq(access_sign_in(&f.w, FX_TARGET, FX_SOURCE, id, 0, zSum, sizeof(zSum)), 0);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT error_code||' '||result||' '||failure_reason"
                           " FROM sign_ins WHERE id=2"),
                   "50076 interrupted The user must use multi-factor authentication to access this resource.");
  ck_assert_int_eq(fx_int(&f, "SELECT count(DISTINCT sign_in_id) FROM sign_ins"), 2);
  fx_close(&f);
}
END_TEST

/* Every allocation of a sign-in failing in turn: out of memory is
** reported, and once allocations succeed the row is written once. */
START_TEST(test_a_sign_in_survives_every_failed_allocation){
  long n;
  int bDone = 0;
  for(n=1; n<200 && !bDone; n++){
    Fixture f;
    int64_t id = synced(&f, 1);
    char zSum[400];
    int rc;
    addPolicy(&f, 0, (AuthzCaPolicy){ .zDisplayName = "one", .zIncludeUsers = "All",
                                      .zGrantControls = "mfa" });
    addPolicy(&f, 1, (AuthzCaPolicy){ .zDisplayName = "two", .zIncludeUsers = "All",
                                      .zState = "enabledForReportingButNotEnforced" });
    mem_fail_after(n);
    rc = access_sign_in(&f.w, FX_TARGET, FX_SOURCE, id, 0, zSum, sizeof(zSum));
    mem_fail_after(0);
    if( rc<0 ){
      ck_assert_int_eq(f.w.bNoMem, 1);
      ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM sign_ins"), 0);
      f.w.bNoMem = 0;
      engine_close(&f.w);
      continue;
    }
    ck_assert_int_eq(rc, 1);
    ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM sign_ins"), 1);
    bDone = 1;
    fx_close(&f);
  }
  ck_assert_msg(bDone, "the sign-in never succeeded");
  ck_assert_int_gt(n, 3);
}
END_TEST

Suite *access_suite(void){
  Suite *s = suite_create("access");
  TCase *tcClaim = tcase_create("claims");
  TCase *tcUsers = tcase_create("users");
  TCase *tcGrant = tcase_create("grant");
  TCase *tcRow = tcase_create("row");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tcClaim, test_trusted_mfa_of_a_registered_user_satisfies_the_policy);
  tcase_add_test(tcClaim, test_untrusted_mfa_interrupts_the_sign_in);
  tcase_add_test(tcClaim, test_the_default_policy_trust_counts_and_says_so);
  tcase_add_test(tcClaim, test_a_user_without_a_method_is_interrupted_until_one_is_registered);
  tcase_add_test(tcClaim, test_methods_are_graph_authentication_method_types);
  suite_add_tcase(s, tcClaim);
  tcase_add_test(tcUsers, test_include_all_and_exclude_the_account_by_object_id);
  tcase_add_test(tcUsers, test_include_users_names_the_account_itself_not_another_user);
  tcase_add_test(tcUsers, test_guests_or_external_users_covers_every_synced_account);
  tcase_add_test(tcUsers, test_include_and_exclude_groups_by_direct_membership);
  tcase_add_test(tcUsers, test_include_roles_needs_an_active_assignment);
  tcase_add_test(tcUsers, test_guest_types_tell_external_members_from_guests);
  tcase_add_test(tcUsers, test_external_tenants_enumerated_must_name_the_home_tenant);
  tcase_add_test(tcUsers, test_exclude_guests_or_external_users_wins_over_all);
  suite_add_tcase(s, tcUsers);
  tcase_add_test(tcGrant, test_and_needs_every_control_or_needs_one);
  tcase_add_test(tcGrant, test_or_passes_on_a_trusted_device_without_mfa);
  tcase_add_test(tcGrant, test_block_wins_and_a_policy_without_controls_passes);
  tcase_add_test(tcGrant, test_unmodelled_controls_never_pass);
  tcase_add_test(tcGrant, test_report_only_and_disabled_policies_decide_nothing);
  suite_add_tcase(s, tcGrant);
  tcase_add_test(tcRow, test_accounts_that_cannot_sign_in_stop_before_conditional_access);
  tcase_add_test(tcRow, test_the_sign_in_row_has_graphs_fields);
  suite_add_tcase(s, tcRow);
  tcase_set_timeout(tcOom, 120);
  tcase_add_test(tcOom, test_a_sign_in_survives_every_failed_allocation);
  suite_add_tcase(s, tcOom);
  return s;
}
