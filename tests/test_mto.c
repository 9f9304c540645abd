/*
** test_mto.c — the multitenant organization: its limit of active tenants
** where each admin surface enforces it, and a tenant joining it with
** mto_join, auto-configured from the templates according to their
** templateApplicationLevel (engine/model/mto.h, admin_mto_join,
** sim/scenario/scn_mto.c). Each test quotes the rule it checks (sources:
** multi-tenant-organization-overview.md, multi-tenant-organization-
** templates.md, Graph's multiTenantOrganization*Template resources;
** cts-2026.md §1 rows 18 and 19).
*/
#include <sqlite3.h>
#include "mem.h"
#include "mto.h"
#include "engine_fixture.h"
#include "scenario_fixture.h"
#include "run_fixture.h"
#include "e2e_fixture.h"
#include "suites.h"

/* ------------------------------------------------------------ stories */

/* Three tenants: contoso (owner) and fabrikam are members, woodgrove is
** pending and joins at PT1H. contoso already has a configuration for
** woodgrove (an existing partner); fabrikam has none (a new partner).
**   contoso's templates: identity sync for new partners only, automatic
**   redemption (both ways) for new and existing partners;
**   woodgrove's: identity sync for both (Graph's default), MFA trust for
**   existing partners only; fabrikam keeps none.
** zExtra is appended to the timeline, zPolicy to the policies. */
static const char *join_story(const char *zExtra, const char *zPolicy){
  static char zBuf[6000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'mto', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT3H',"
    " 'tenants': [{'key': 'contoso', 'domain': 'contoso.com', 'groups': [{'key': 'g'}],"
    "              'populations': [{'count': 2, 'keyPrefix': 'u', 'groups': ['g']}]},"
    "             {'key': 'fabrikam', 'domain': 'fabrikam.com'},"
    "             {'key': 'woodgrove', 'domain': 'woodgrove.com'}],"
    " 'policies': [{'tenant': 'contoso', 'partner': 'fabrikam',"
    "               'automaticUserConsentSettings': {'outboundAllowed': true}},"
    "              {'tenant': 'fabrikam', 'partner': 'contoso',"
    "               'automaticUserConsentSettings': {'inboundAllowed': true},"
    "               'userSyncInbound': {'isSyncAllowed': true}},"
    "              {'tenant': 'fabrikam', 'userSyncInbound': {'isSyncAllowed': false}},"
    "              {'tenant': 'contoso', 'partner': 'woodgrove',"
    "               'automaticUserConsentSettings': {'outboundAllowed': false},"
    "               'inboundTrust': {'isMfaAccepted': false}}%s],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam',"
    "           'assignments': {'groups': ['g']}}],"
    " 'timeline': [{'at': 'PT1H', 'action': 'mto_join', 'tenant': 'woodgrove'}%s],"
    " 'multiTenantOrganization': {'displayName': 'Contoso group',"
    "   'tenants': [{'tenant': 'contoso', 'role': 'owner'}, {'tenant': 'fabrikam'},"
    "               {'tenant': 'woodgrove', 'state': 'pending'}],"
    "   'templates': [{'tenant': 'contoso',"
    "      'identitySync': {'userSyncInbound': {'isSyncAllowed': true},"
    "                       'templateApplicationLevel': 'newPartners'},"
    "      'partnerConfiguration': {'automaticUserConsentSettings': {'inboundAllowed': true,"
    "                                 'outboundAllowed': true},"
    "                               'templateApplicationLevel': 'newPartners,existingPartners'}},"
    "     {'tenant': 'woodgrove',"
    "      'identitySync': {'userSyncInbound': {'isSyncAllowed': true}},"
    "      'partnerConfiguration': {'inboundTrust': {'isMfaAccepted': true},"
    "                               'templateApplicationLevel': 'existingPartners'}}]}}",
    zPolicy ? zPolicy : "", zExtra ? zExtra : "");
  return scn(zBuf);
}

/* A scenario of nActive active tenants t0..t(nActive-1) (t0 the owner)
** and nPending pending ones after them, with one job t0 -> t1; zTimeline
** the timeline entries, zMtoExtra more members of the organization. */
static const char *limit_story(int nActive, int nPending, const char *zTimeline,
                               const char *zMtoExtra){
  static char zBuf[16000];
  StrBuf b;
  int i;
  strbuf_init(&b);
  strbuf_append(&b, "{'name': 'limit', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
                    " 'tenants': [");
  for(i=0; i<nActive+nPending; i++){
    strbuf_printf(&b, "%s{'key': 't%d', 'domain': 't%d.example'}", i ? "," : "", i, i);
  }
  strbuf_printf(&b, "], 'jobs': [{'key': 'j', 'source': 't0', 'target': 't1'}],"
                    " 'timeline': [%s], 'multiTenantOrganization': {%s'tenants': [",
                zTimeline ? zTimeline : "", zMtoExtra ? zMtoExtra : "");
  for(i=0; i<nActive+nPending; i++){
    strbuf_printf(&b, "%s{'tenant': 't%d'%s%s}", i ? "," : "", i, i==0 ? ", 'role': 'owner'" : "",
                  i>=nActive ? ", 'state': 'pending'" : "");
  }
  strbuf_append(&b, "]}}");
  ck_assert(!b.bErr);
  ck_assert_uint_lt(b.n, sizeof(zBuf));
  memcpy(zBuf, b.z, b.n+1);
  strbuf_free(&b);
  return scn(zBuf);
}

/* Run the join story into a database (its path into zDb[n]). */
static void run_join(const char *zExtra, const char *zPolicy, char *zDb, size_t n){
  fixture_run("tsmto", "mto.json", join_story(zExtra, zPolicy), zDb, n);
}

/* The policy column zCol of (tenant iT, partner iP) at the end: 1, 0, -1
** for NULL (inherits), -2 when the configuration does not exist. */
static long long policy_col(const char *zDb, int iT, int iP, const char *zCol){
  char zSql[300];
  snprintf(zSql, sizeof(zSql), "SELECT coalesce((SELECT coalesce(%s, -1) FROM policies"
           " WHERE tenant=%d AND partner=%d), -2)", zCol, iT, iP);
  return q1(zDb, zSql);
}

enum { CONTOSO, FABRIKAM, WOODGROVE };

/* ------------------------------------------------------------- limits */

/* "Maximum number of active tenants, including the owner tenant | 100 |
** ... This limit is applied at the time a pending tenant joins a
** multitenant organization" — so no organization has more active tenants
** than its limit; the declaration says where it stands. */
START_TEST(test_more_active_tenants_than_the_limit_is_refused_at_the_declaration){
  Scenario *p;
  expectRejected(limit_story(101, 0, NULL, NULL), "multiTenantOrganization.tenants",
                 "101 active tenants, more than the organization's limit of 100 active tenants"
                 " including the owner");
  p = parseOk(limit_story(100, 0, NULL, NULL));
  ck_assert_int_eq(p->pMto->nTenantLimit, 100);
  ck_assert_int_eq(p->pMto->nMember, 100);
  scenario_free(p);
}
END_TEST

/* "The owner tenant can add more than 100 pending tenants, but they won't
** be able to join the multitenant organization if the limit is exceeded
** ... In the Microsoft Graph APIs, the default limit of 100 tenants is
** only enforced at the time of joining." */
START_TEST(test_with_graph_pending_tenants_beyond_the_limit_are_allowed_but_cannot_join){
  Scenario *p = parseOk(limit_story(100, 3, NULL, NULL));
  ck_assert_int_eq(p->pMto->nMember, 103);
  ck_assert_int_eq(p->pMto->bM365, 0);
  scenario_free(p);
  expectRejected(limit_story(100, 1, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't100'}", NULL),
                 "timeline[0].tenant", "the organization has 100 active tenants, its limit (the"
                 " owner included): t100 cannot join");
  p = parseOk(limit_story(99, 2, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't99'}", NULL));
  scenario_free(p);
  expectRejected(limit_story(99, 2, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't99'},"
                                    "{'at': 'PT2M', 'action': 'mto_join', 'tenant': 't100'}", NULL),
                 "timeline[1].tenant", "has 100 active tenants");
}
END_TEST

/* "In Microsoft 365 admin center, the default limit is enforced at
** multitenant organization creation time and at time of joining." */
START_TEST(test_with_the_m365_admin_center_the_limit_also_bites_at_creation){
  expectRejected(limit_story(100, 1, NULL, "'createdWith': 'm365AdminCenter', "),
                 "multiTenantOrganization.tenants", "101 tenants, more than the limit of 100: an"
                 " organization created in the Microsoft 365 admin center");
  scenario_free(parseOk(limit_story(100, 0, NULL, "'createdWith': 'm365AdminCenter', ")));
  expectRejected(limit_story(2, 0, NULL, "'createdWith': 'portal', "),
                 "multiTenantOrganization.createdWith", "expected \"graph\"");
}
END_TEST

/* "To increase this limit, submit a support request in the Microsoft
** Entra or Microsoft 365 admin center": tenantLimit raises it, and only
** raises it. */
START_TEST(test_a_raised_limit_lets_more_tenants_join){
  Scenario *p = parseOk(limit_story(100, 1, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't100'}",
                                    "'tenantLimit': 150, "));
  ck_assert_int_eq(p->pMto->nTenantLimit, 150);
  scenario_free(p);
  scenario_free(parseOk(limit_story(101, 0, NULL, "'tenantLimit': 101, ")));
  expectRejected(limit_story(2, 0, NULL, "'tenantLimit': 50, "),
                 "multiTenantOrganization.tenantLimit", "expected at least 100");
}
END_TEST

/* Joining is for a tenant the owner added ("pending tenants need to join
** the multitenant organization to turn their state from pending to
** active"), once. */
START_TEST(test_only_a_pending_tenant_joins_and_only_once){
  expectRejected(limit_story(2, 0, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't1'}", NULL),
                 "timeline[0].tenant", "t1 is an active member of the organization at this point"
                 " already");
  expectRejected(limit_story(2, 1, "{'at': 'PT1M', 'action': 'mto_join', 'tenant': 't2'},"
                                   "{'at': 'PT2M', 'action': 'mto_join', 'tenant': 't2'}", NULL),
                 "timeline[1].tenant", "t2 is an active member");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
                     " 'tenants': [{'key': 'a', 'domain': 'a.example'}, {'key': 'b', 'domain': 'b.example'}],"
                     " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b'}],"
                     " 'timeline': [{'at': 'PT1M', 'action': 'mto_join', 'tenant': 'b'}]}"),
                 "timeline[0].tenant", "the scenario declares no multiTenantOrganization for b to join");
  expectRejected(join_story(", {'at': 'PT2H', 'action': 'mto_join', 'tenant': 'nowhere'}", NULL),
                 "timeline[1].tenant", "no tenant \"nowhere\"");
  expectRejected(scn("{'name': 'x', 'start': '2026-01-05T09:00:00Z', 'duration': 'PT1H',"
                     " 'tenants': [{'key': 'a', 'domain': 'a.example'}, {'key': 'b', 'domain': 'b.example'}],"
                     " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b'}],"
                     " 'multiTenantOrganization': {'tenants': [{'tenant': 'a', 'state': 'removed'}]}}"),
                 "multiTenantOrganization.tenants[0].state", "expected \"active\" or \"pending\"");
}
END_TEST

/* ------------------------------------------------------------ joining */

/* "When your tenant joins a new multitenant organization, or when a
** partner tenant joins your existing multitenant organization,
** cross-tenant access settings to other partner tenants in the enlarged
** multitenant organization, if they don't already exist, are
** automatically generated" and "Cross-tenant access settings in tenant A
** for partner tenant B are amended, according to tenant A policy template
** settings. Vice versa, cross-tenant access settings in tenant B for
** partner tenant A are amended, according to tenant B policy template
** settings" (multitenant organization templates); "new partners refer to
** tenants for which you haven't yet configured cross-tenant access
** settings, while existing partners refer to tenants for which you have
** already configured cross-tenant access settings". */
START_TEST(test_a_joining_tenant_is_configured_from_the_templates_by_application_level){
  char zDb[64];
  run_join(NULL, NULL, zDb, sizeof(zDb));
  /* contoso for woodgrove, an existing partner: its partner template
  ** (new and existing) applies, its identity-sync template (new only)
  ** does not; the MFA setting its templates leave null stays false */
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "inbound_auto_redeem"), 1);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "outbound_auto_redeem"), 1);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "user_sync_inbound"), -1);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "trust_mfa"), 0);
  /* fabrikam, without templates: a generated, unconfigured configuration */
  ck_assert_int_eq(policy_col(zDb, FABRIKAM, WOODGROVE, "user_sync_inbound"), -1);
  ck_assert_int_eq(policy_col(zDb, FABRIKAM, WOODGROVE, "inbound_auto_redeem"), -1);
  /* woodgrove for contoso and fabrikam, both new partners: its identity
  ** sync template (default level: both) applies, its MFA trust (existing
  ** partners only) does not */
  ck_assert_int_eq(policy_col(zDb, WOODGROVE, CONTOSO, "user_sync_inbound"), 1);
  ck_assert_int_eq(policy_col(zDb, WOODGROVE, FABRIKAM, "user_sync_inbound"), 1);
  ck_assert_int_eq(policy_col(zDb, WOODGROVE, CONTOSO, "trust_mfa"), -1);
  ck_assert_int_eq(policy_col(zDb, WOODGROVE, FABRIKAM, "trust_mfa"), -1);
  /* contoso and fabrikam's own pair is untouched */
  ck_assert_int_eq(policy_col(zDb, FABRIKAM, CONTOSO, "trust_mfa"), -1);
  ck_assert_int_eq(q1(zDb, "SELECT joined_at FROM mto_members WHERE tenant=2"), 3600);
  ck_assert_int_eq(q1(zDb, "SELECT joined_at FROM mto_members WHERE tenant=0"), 0);
  unlink(zDb);
}
END_TEST

/* "any template property value of null has no effect on the corresponding
** property value in the targeted cross-tenant access settings, while a
** defined template property value causes the corresponding property value
** in the targeted cross-tenant access settings to be amended": a template
** value replaces whatever the partner had (Graph: templates are "only
** applied to partner configuration properties where the corresponding
** template property has a non-null value"). */
START_TEST(test_a_template_value_overrides_the_partner_setting_and_null_leaves_it){
  char zDb[64];
  /* contoso had declared outbound auto-redemption false for woodgrove,
  ** and MFA trust false, which no template of it gives */
  run_join(NULL, NULL, zDb, sizeof(zDb));
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "outbound_auto_redeem"), 1);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "trust_mfa"), 0);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "trust_compliant_device"), -1);
  ck_assert_int_eq(policy_col(zDb, CONTOSO, WOODGROVE, "trust_hybrid_joined"), -1);
  unlink(zDb);
}
END_TEST

/* The join goes through the administrators' path: its audit rows
** ("Tenant joining MultiTenantOrg tenant", MultiTenantOrgTenant; "Add a
** partner to cross-tenant access setting" for each generated
** configuration; the identity-sync and access-setting updates) and the
** policy history at the join's instant, which lint over time and trust
** read. */
START_TEST(test_a_join_is_audited_and_recorded_in_the_policy_history){
  char zDb[64];
  run_join(NULL, NULL, zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE tenant=2 AND"
                          " category='MultiTenantOrgTenant' AND"
                          " activity='Tenant joining MultiTenantOrg tenant'"), 1);
  /* generated: fabrikam for woodgrove, woodgrove for contoso and fabrikam */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE at=3600 AND"
                          " activity='Add a partner to cross-tenant access setting'"), 3);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE at=3600 AND tenant=2 AND"
                          " activity='Create a partner cross-tenant identity sync setting'"), 2);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE at=3600 AND tenant=0 AND"
                          " activity='Update a partner cross-tenant access setting'"), 2);
  /* three configurations added, four settings written */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM policy_history WHERE at=3600"), 3 + 4);
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM timeline WHERE action='mto_join' AND objects=4"), 1);
  unlink(zDb);
}
END_TEST

/* XTS-T02: "a member of the multitenant organization allows inbound user
** sync from a tenant outside it". Before woodgrove joins, fabrikam's
** inbound sync from it is such a finding; from the join on woodgrove is a
** member and the finding clears (lint over time reads the members at each
** instant, and evaluates at the join). */
START_TEST(test_lint_sees_the_joined_tenant_as_a_member_from_the_join_on){
  char zDb[64];
  run_join(NULL, NULL, zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T02'"), 0);
  unlink(zDb);
  run_join(NULL, ", {'tenant': 'fabrikam', 'partner': 'woodgrove',"
                 "  'userSyncInbound': {'isSyncAllowed': true}}", zDb, sizeof(zDb));
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM lint_findings WHERE rule='XTS-T02' AND"
                          " tenant='fabrikam' AND partner='woodgrove' AND first_seen=0"
                          " AND cleared=3600"), 1);
  /* fabrikam's configuration for woodgrove existed: an existing partner */
  ck_assert_int_eq(q1(zDb, "SELECT count(*) FROM audit_log WHERE at=3600 AND"
                          " activity='Add a partner to cross-tenant access setting'"), 2);
  unlink(zDb);
}
END_TEST

/* The validator sees what the join wrote: the configurations it generated
** exist after it (a second one is Graph's 409), so add_partner is refused
** and remove_partner allowed. */
START_TEST(test_the_validator_knows_the_configurations_a_join_generates){
  Scenario *p;
  expectRejected(join_story(", {'at': 'PT2H', 'action': 'add_partner', 'tenant': 'fabrikam',"
                            " 'partner': 'woodgrove'}", NULL),
                 "timeline[1].partner", "fabrikam already has a partner configuration for woodgrove");
  p = parseOk(join_story(", {'at': 'PT2H', 'action': 'remove_partner', 'tenant': 'woodgrove',"
                         " 'partner': 'contoso'}", NULL));
  ck_assert_int_eq(p->nAction, 2);
  scenario_free(p);
  /* before the join, woodgrove has no configuration for contoso */
  expectRejected(join_story(", {'at': 'PT30M', 'action': 'remove_partner', 'tenant': 'woodgrove',"
                            " 'partner': 'contoso'}", NULL),
                 "timeline[1].partner", "woodgrove has no partner configuration for contoso");
}
END_TEST

/* The model keeps the organization: members with their role and state,
** the settings with their levels and paths (which lint names). */
START_TEST(test_the_organization_comes_out_of_validation_typed){
  Scenario *p = parseOk(join_story(NULL, NULL));
  const ScnMto *m = p->pMto;
  ck_assert_ptr_nonnull(m);
  ck_assert_int_eq(m->nMember, 3);
  ck_assert(m->aMember[0].bOwner && !m->aMember[0].bPending);
  ck_assert(!m->aMember[2].bOwner && m->aMember[2].bPending);
  ck_assert_int_eq(m->nSetting, 5);
  ck_assert_int_eq(m->aSetting[0].eField, PF_USER_SYNC_INBOUND);
  ck_assert_uint_eq(m->aSetting[0].mLevel, MTO_NEW_PARTNERS);
  ck_assert_int_eq(m->aSetting[1].eField, PF_INBOUND_AUTO_REDEEM);
  ck_assert_uint_eq(m->aSetting[1].mLevel, MTO_NEW_PARTNERS|MTO_EXISTING_PARTNERS);
  ck_assert_int_eq(m->aSetting[2].eField, PF_OUTBOUND_AUTO_REDEEM);
  ck_assert_int_eq(m->aSetting[3].iTenant, WOODGROVE);
  ck_assert_uint_eq(m->aSetting[3].mLevel, MTO_NEW_PARTNERS|MTO_EXISTING_PARTNERS);
  ck_assert_int_eq(m->aSetting[4].eField, PF_TRUST_MFA);
  ck_assert_uint_eq(m->aSetting[4].mLevel, MTO_EXISTING_PARTNERS);
  ck_assert_str_eq(m->aSetting[4].zPath, "$.multiTenantOrganization.templates[1]"
                   ".partnerConfiguration.inboundTrust.isMfaAccepted");
  ck_assert_uint_eq(mto_level("none"), 0);
  ck_assert_uint_eq(mto_level(NULL), MTO_NEW_PARTNERS|MTO_EXISTING_PARTNERS);
  scenario_free(p);
}
END_TEST

/* ---------------------------------------------------------- the engine */

/* The engine's join without the scenario: the joiner becomes active, and
** a template of "none" ("Policy templates are effectively disabled")
** writes nothing while the configurations are still generated. */
START_TEST(test_a_template_of_level_none_writes_nothing){
  Fixture f;
  MtoSetting st;
  fx_open_world(&f);
  ck_assert_int_eq(mto_member_add(&f.w, FX_SOURCE, 1, 1), 0);
  ck_assert_int_eq(mto_member_add(&f.w, FX_TARGET, 0, 0), 0);
  ck_assert(mto_is_pending(&f.w, FX_TARGET));
  memset(&st, 0, sizeof(st));
  st.iTenant = FX_SOURCE;
  st.bIdentitySync = 1;
  st.eField = PF_USER_SYNC_INBOUND;
  st.v = 1;
  st.mLevel = mto_level("none");
  ck_assert_int_eq(mto_template_add(&f.w, &st, "none", "$.x"), 0);
  ck_assert_int_eq(admin_mto_join(&f.w, FX_TARGET), 0);
  ck_assert(mto_is_active(&f.w, FX_TARGET));
  ck_assert_ptr_nonnull(policy_find(&f.w, FX_SOURCE, FX_TARGET));
  ck_assert_ptr_nonnull(policy_find(&f.w, FX_TARGET, FX_SOURCE));
  ck_assert_int_eq(policy_effective(&f.w, FX_SOURCE, FX_TARGET, PF_USER_SYNC_INBOUND), 0);
  fx_close(&f);
}
END_TEST

/* mto.c and the join allocate: each allocation failing in turn is
** reported as out of memory, never a crash. */
START_TEST(test_the_organization_survives_each_allocation_failing){
  long n;
  int bDone = 0;
  for(n=1; !bDone && n<200; n++){
    Fixture f;
    MtoSetting st;
    int rc = 0;
    fx_open_world(&f);
    memset(&st, 0, sizeof(st));
    st.iTenant = FX_TARGET;
    st.eField = PF_INBOUND_AUTO_REDEEM;
    st.v = 1;
    st.mLevel = MTO_NEW_PARTNERS;
    mem_fail_after(n);
    if( mto_member_add(&f.w, FX_SOURCE, 1, 1) || mto_member_add(&f.w, FX_TARGET, 0, 0)
     || mto_template_add(&f.w, &st, NULL, "$.y") || admin_mto_join(&f.w, FX_TARGET)<0 ){
      rc = -1;
    }
    mem_fail_after(0);
    if( rc==0 && !f.w.bNoMem ){
      ck_assert_int_eq(policy_effective(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM), 1);
      bDone = 1;
    }else{
      ck_assert_int_eq(f.w.bNoMem, 1);
    }
    engine_close(&f.w);
  }
  ck_assert_msg(bDone, "still failing after %ld allocations", n);
}
END_TEST

/* Validation of the organization and its joins allocates from the arena:
** each allocation failing in turn is out of memory, said so. */
START_TEST(test_validation_of_a_join_survives_each_allocation_failing){
  long n;
  Scenario *p = loadFailingEachAllocation(NULL, join_story(NULL, NULL), &n);
  ck_assert_ptr_nonnull(p->pMto);
  ck_assert_int_gt(n, 1);
  scenario_free(p);
}
END_TEST

Suite *mto_suite(void){
  Suite *s = suite_create("mto");
  TCase *tcLimit = tcase_create("limit");
  TCase *tcJoin = tcase_create("join");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tcLimit, test_more_active_tenants_than_the_limit_is_refused_at_the_declaration);
  tcase_add_test(tcLimit, test_with_graph_pending_tenants_beyond_the_limit_are_allowed_but_cannot_join);
  tcase_add_test(tcLimit, test_with_the_m365_admin_center_the_limit_also_bites_at_creation);
  tcase_add_test(tcLimit, test_a_raised_limit_lets_more_tenants_join);
  tcase_add_test(tcLimit, test_only_a_pending_tenant_joins_and_only_once);
  tcase_add_test(tcJoin, test_a_joining_tenant_is_configured_from_the_templates_by_application_level);
  tcase_add_test(tcJoin, test_a_template_value_overrides_the_partner_setting_and_null_leaves_it);
  tcase_add_test(tcJoin, test_a_join_is_audited_and_recorded_in_the_policy_history);
  tcase_add_test(tcJoin, test_lint_sees_the_joined_tenant_as_a_member_from_the_join_on);
  tcase_add_test(tcJoin, test_the_validator_knows_the_configurations_a_join_generates);
  tcase_add_test(tcJoin, test_the_organization_comes_out_of_validation_typed);
  tcase_add_test(tcJoin, test_a_template_of_level_none_writes_nothing);
  tcase_add_test(tcOom, test_the_organization_survives_each_allocation_failing);
  tcase_add_test(tcOom, test_validation_of_a_join_survives_each_allocation_failing);
  tcase_set_timeout(tcOom, 120);
  suite_add_tcase(s, tcLimit);
  suite_add_tcase(s, tcJoin);
  suite_add_tcase(s, tcOom);
  return s;
}
