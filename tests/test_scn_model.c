/*
** test_scn_model.c — the specification of the typed scenario model
** (sim/scenario/scn_model.h): what each part of a valid scenario parses
** into, so that the runner reads only these structs. Tenants with their
** settings, licences, groups, users and populations; policies; jobs with
** mappings, filters and assignments; faults; every field a timeline action
** carries; expectations.
*/
#include <check.h>
#include <string.h>
#include "attr.h"
#include "faults.h"
#include "job.h"
#include "mapping.h"
#include "mem.h"
#include "scenario.h"
#include "scenario_fixture.h"
#include "suites.h"

/* The tenants and job of every scenario below, with zMore added. */
static const char *modelWith(const char *zMore){
  static char zBuf[12000];
  snprintf(zBuf, sizeof(zBuf),
    "{'name': 'model', 'start': '2026-01-05T09:00:00Z', 'duration': 'P3D',"
    " 'tenants': ["
    "  {'key': 'contoso', 'domain': 'contoso.com', 'licences': ['P1', 'Governance'],"
    "   'guestInviteSetting': 'mostRestrictive', 'objectQuota': 5000,"
    "   'cloudSettings': ['usgov'],"
    "   'groups': [{'key': 'eng', 'displayName': 'Engineering', 'type': 'Microsoft365'}],"
    "   'users': [{'key': 'alice', 'department': 'Sales', 'accountEnabled': false,"
    "              'extensionAttribute3': 'x', 'manager': 'bob', 'groups': ['eng']},"
    "             {'key': 'bob'}],"
    "   'populations': [{'count': 4, 'keyPrefix': 'p', 'disabledFraction': 0.25,"
    "                    'attributes': {'jobTitle': {'Dev': 3, 'Ops': 1}, 'city': 'Oslo'}}]},"
    "  {'key': 'fabrikam', 'domain': 'fabrikam.com',"
    "   'users': [{'key': 'g1', 'homeUser': 'contoso:bob'},"
    "             {'key': 'g2', 'mail': 'g2@x.example', 'invitation': 'pending'}]}],"
    " 'jobs': [{'key': 'c2f', 'source': 'contoso', 'target': 'fabrikam', 'scope': 'assigned',"
    "           'start': false, 'deleteThreshold': 7, 'crossCloud': false,"
    "           'groupProvisioning': true,"
    "           'assignments': {'users': ['alice'], 'groups': ['eng']},"
    "           'mapping': {'replace': true, 'targetObjectActions': {'delete': false},"
    "             'attributes': ["
    "               {'target': 'displayName', 'type': 'Expression',"
    "                'expression': 'Join(\\\" \\\", [givenName], [surname])'},"
    "               {'target': 'companyName', 'type': 'Constant', 'value': 'Contoso',"
    "                'flowType': 'ObjectAddOnly', 'defaultValue': 'none'}]},"
    "           'scopingFilters': [{'title': 'sales', 'clauses': ["
    "             {'attribute': 'department', 'operator': 'EQUALS', 'value': 'Sales'},"
    "             {'attribute': 'jobTitle', 'operator': 'IS NOT NULL'}]}]}]"
    "%s%s}", zMore ? ", " : "", zMore ? zMore : "");
  return scn(zBuf);
}

START_TEST(test_tenant_carries_its_settings_licences_and_groups){
  Scenario *p = parseOk(modelWith(NULL));
  const ScnTenant *t = &p->aTenant[0];
  ck_assert_int_eq(p->nTenant, 2);
  ck_assert_str_eq(t->zKey, "contoso");
  ck_assert_str_eq(t->zDomain, "contoso.com");
  ck_assert_ptr_null(t->zCloud);
  ck_assert_uint_eq(t->mLicences, LIC_P1|LIC_GOVERNANCE);
  ck_assert_int_eq(t->settings.eGuestInvites, 1);
  ck_assert_int_eq(t->settings.nObjectQuota, 5000);
  ck_assert_int_eq(t->settings.bCloudSettings, 1);
  ck_assert_uint_eq(t->settings.mCloudSettings, (unsigned)policy_cloud_bit("usgov"));
  ck_assert_int_eq(t->settings.bCrossCloudSync, -1);
  ck_assert_int_eq(t->nGroup, 1);
  ck_assert_str_eq(t->aGroup[0].zDisplayName, "Engineering");
  ck_assert_str_eq(t->aGroup[0].zType, "Microsoft365");
  /* licences not given: P1 assumed; settings not given: not applied */
  ck_assert_uint_eq(p->aTenant[1].mLicences, LIC_P1);
  ck_assert_int_eq(p->aTenant[1].settings.eGuestInvites, -1);
  ck_assert_int_eq(p->aTenant[1].settings.nObjectQuota, -1);
  ck_assert_int_eq(p->aTenant[1].settings.bCloudSettings, 0);
  scenario_free(p);
}
END_TEST

START_TEST(test_user_carries_its_attributes_in_order_and_its_references){
  Scenario *p = parseOk(modelWith(NULL));
  const ScnUser *u = &p->aTenant[0].aUser[0];
  const ScnUser *g1 = &p->aTenant[1].aUser[0], *g2 = &p->aTenant[1].aUser[1];
  ck_assert_int_eq(p->aTenant[0].nUser, 2);
  ck_assert_str_eq(u->zKey, "alice");
  /* department, accountEnabled, extensionAttribute3, manager: attributes;
  ** key and groups are not */
  ck_assert_int_eq(u->nAttr, 4);
  ck_assert_str_eq(u->aAttr[0].zName, "department");
  ck_assert_int_eq(u->aAttr[0].iAttr, A_DEPARTMENT);
  ck_assert_str_eq(u->aAttr[0].zValue, "Sales");
  ck_assert_str_eq(u->aAttr[1].zValue, ATTR_FALSE);
  ck_assert_str_eq(u->aAttr[2].zName, "extensionAttribute3");
  ck_assert_int_eq(u->bManager, 1);
  ck_assert_str_eq(u->zManager, "bob");
  ck_assert_int_eq(u->groups.n, 1);
  ck_assert_str_eq(u->groups.az[0], "eng");
  ck_assert_int_eq(u->iHomeTenant, -1);
  ck_assert_int_eq(p->aTenant[0].aUser[1].bManager, 0);
  /* a B2B user names its home tenant by index and the home user by key */
  ck_assert_int_eq(g1->iHomeTenant, 0);
  ck_assert_str_eq(g1->zHomeUser, "bob");
  ck_assert_int_eq(g2->eInvitation, SCN_INV_PENDING);
  ck_assert_int_eq(g1->eInvitation, SCN_INV_NONE);
  scenario_free(p);
}
END_TEST

START_TEST(test_population_carries_its_template_and_weighted_choices){
  Scenario *p = parseOk(modelWith(NULL));
  const ScnPopulation *q = &p->aTenant[0].aPop[0];
  ck_assert_int_eq(p->aTenant[0].nPop, 1);
  ck_assert_int_eq(q->nCount, 4);
  ck_assert_str_eq(q->zKeyPrefix, "p");
  ck_assert(q->rDisabled==0.25);
  ck_assert_int_eq(q->nAttr, 2);
  ck_assert_str_eq(q->aAttr[0].zName, "jobTitle");
  ck_assert_int_eq(q->aAttr[0].nChoice, 2);
  ck_assert_str_eq(q->aAttr[0].aChoice[0].zValue, "Dev");
  ck_assert(q->aAttr[0].aChoice[0].rWeight==3);
  ck_assert_str_eq(q->aAttr[0].aChoice[1].zValue, "Ops");
  ck_assert_int_eq(q->aAttr[1].nChoice, 0);
  ck_assert_str_eq(q->aAttr[1].zValue, "Oslo");
  scenario_free(p);
}
END_TEST

START_TEST(test_policy_carries_the_fields_it_gives_and_a_bare_one_a_row){
  Scenario *p = parseOk(modelWith(
      "'policies': [{'tenant': 'fabrikam', 'partner': 'contoso',"
      "  'inboundTrust': {'isMfaAccepted': true, 'isCompliantDeviceAccepted': null},"
      "  'automaticUserConsentSettings': {'inboundAllowed': false}},"
      " {'tenant': 'contoso'}]"));
  const ScnPolicy *a = &p->aPolicy[0], *b = &p->aPolicy[1];
  ck_assert_int_eq(p->nPolicy, 2);
  ck_assert_int_eq(a->iTenant, 1);
  ck_assert_int_eq(a->iPartner, 0);
  ck_assert_int_eq(a->nField, 3);
  /* consent first, then trust: the order the fields are applied in */
  ck_assert_int_eq(a->aField[0].eField, PF_INBOUND_AUTO_REDEEM);
  ck_assert_int_eq(a->aField[0].v, 0);
  ck_assert_int_eq(a->aField[1].eField, PF_TRUST_MFA);
  ck_assert_int_eq(a->aField[1].v, 1);
  ck_assert_int_eq(a->aField[2].eField, PF_TRUST_COMPLIANT);
  ck_assert_int_eq(a->aField[2].v, -1);
  ck_assert_int_eq(b->iPartner, -1);
  ck_assert_int_eq(b->nField, 1);
  ck_assert_int_eq(b->aField[0].v, -1);
  scenario_free(p);
}
END_TEST

START_TEST(test_job_carries_its_scope_mapping_filters_and_assignments){
  Scenario *p = parseOk(modelWith(NULL));
  const ScnJob *j = &p->aJob[0];
  const ScnMapping *m = j->pMapping;
  ck_assert_int_eq(p->nJob, 1);
  ck_assert_str_eq(j->zKey, "c2f");
  ck_assert_int_eq(j->iSource, 0);
  ck_assert_int_eq(j->iTarget, 1);
  ck_assert_int_eq(j->bSyncAll, 0);
  ck_assert_int_eq(j->bStart, 0);
  ck_assert_int_eq(j->nDeleteThreshold, 7);
  ck_assert_int_eq(j->bGroupSync, 1);
  ck_assert_int_eq(j->bCrossCloud, 0);
  ck_assert_int_eq(j->assignUsers.n, 1);
  ck_assert_str_eq(j->assignGroups.az[0], "eng");
  ck_assert_ptr_nonnull(m);
  ck_assert_int_eq(m->bReplace, 1);
  ck_assert_uint_eq(m->mActions, OBJ_ACT_CREATE|OBJ_ACT_UPDATE);
  ck_assert_int_eq(m->nEntry, 2);
  ck_assert_int_eq(m->aEntry[0].eType, MAP_EXPRESSION);
  ck_assert_str_eq(m->aEntry[0].zExpr, "Join(\" \", [givenName], [surname])");
  ck_assert_int_eq(m->aEntry[0].eFlow, FLOW_ALWAYS);
  ck_assert_int_eq(m->aEntry[1].eType, MAP_CONSTANT);
  ck_assert_str_eq(m->aEntry[1].zConst, "Contoso");
  ck_assert_int_eq(m->aEntry[1].eFlow, FLOW_OBJECT_ADD_ONLY);
  ck_assert_str_eq(m->aEntry[1].zDefault, "none");
  ck_assert_int_eq(j->filters.n, 1);
  ck_assert_str_eq(j->filters.a[0].zTitle, "sales");
  ck_assert_int_eq(j->filters.a[0].nClause, 2);
  ck_assert_int_eq(j->filters.a[0].aClause[0].eOp, scope_op_find("EQUALS"));
  ck_assert_str_eq(j->filters.a[0].aClause[0].zValue, "Sales");
  ck_assert_ptr_null(j->filters.a[0].aClause[1].zValue);
  scenario_free(p);
}
END_TEST

START_TEST(test_job_start_offset_scope_all_and_the_default_mapping){
  Scenario *p = parseOk(scn(
    "{'name': 'd', 'start': '2026-01-05T09:00:00Z', 'duration': 'P1D',"
    " 'tenants': [{'key': 'a', 'domain': 'a.com'}, {'key': 'b', 'domain': 'b.com'}],"
    " 'jobs': [{'key': 'j', 'source': 'a', 'target': 'b', 'start': 'PT2H', 'scope': 'all'}]}"));
  ck_assert_int_eq(p->aJob[0].bStart, 1);
  ck_assert_int_eq(p->aJob[0].tStart, 2*3600);
  ck_assert_int_eq(p->aJob[0].bSyncAll, 1);
  ck_assert_int_eq(p->aJob[0].bGroupSync, 0);
  ck_assert_int_eq(p->aJob[0].nDeleteThreshold, -1);
  ck_assert_ptr_null(p->aJob[0].pMapping);
  ck_assert_int_eq(p->aJob[0].filters.n, 0);
  scenario_free(p);
}
END_TEST

START_TEST(test_fault_carries_its_window_kind_and_defaults){
  Scenario *p = parseOk(modelWith(
      "'faults': [{'tenant': 'fabrikam', 'kind': 'transient', 'from': 'PT1H', 'until': 'PT3H',"
      "  'rate': 0.5},"
      " {'tenant': 'contoso', 'kind': 'throttle', 'from': 'PT1H', 'until': 'PT2H', 'factor': 4},"
      " {'tenant': 'contoso', 'kind': 'outage', 'from': 'PT5H', 'until': 'PT6H',"
      "  'errorCode': 'Timeout'}]"));
  ck_assert_int_eq(p->nFault, 3);
  ck_assert_int_eq(p->aFault[0].iTenant, 1);
  ck_assert_int_eq(p->aFault[0].eKind, FAULT_TRANSIENT);
  ck_assert_int_eq(p->aFault[0].tFrom, 3600);
  ck_assert_int_eq(p->aFault[0].tUntil, 3*3600);
  ck_assert(p->aFault[0].rRate==0.5);
  ck_assert_str_eq(p->aFault[0].zErrorCode, "InternalServerError");
  ck_assert_int_eq(p->aFault[1].eKind, FAULT_THROTTLE);
  ck_assert(p->aFault[1].rFactor==4);
  ck_assert_ptr_null(p->aFault[1].zErrorCode);
  ck_assert_int_eq(p->aFault[2].eKind, FAULT_OUTAGE);
  ck_assert_str_eq(p->aFault[2].zErrorCode, "Timeout");
  ck_assert(p->aFault[2].rRate==1.0);
  scenario_free(p);
}
END_TEST

/* An outage that does not end: without "until" the window outlasts the
** run (issue 13: "faults whose window runs past the scenario end"). */
START_TEST(test_fault_without_until_outlasts_the_run){
  Scenario *p = parseOk(modelWith(
      "'faults': [{'tenant': 'fabrikam', 'kind': 'outage', 'from': 'PT5H'}]"));
  ck_assert_int_eq(p->nFault, 1);
  ck_assert_int_eq(p->aFault[0].tFrom, 5*3600);
  ck_assert(p->aFault[0].tUntil==FAULTS_NO_END);
  scenario_free(p);
  /* an "until" before "from" is still refused */
  expectRejected(modelWith("'faults': [{'tenant': 'fabrikam', 'kind': 'outage', 'from': 'PT5H',"
                           " 'until': 'PT4H'}]"), "faults[0].until", "expected an end after \"from\"");
}
END_TEST

/* The action of kind e in p (there is one). */
static const ScnAction *actionOf(const Scenario *p, ScnActionKind e){
  int i;
  for(i=0; i<p->nAction; i++) if( p->aAction[i].eKind==e ) return &p->aAction[i];
  ck_abort_msg("no action %s", scn_actions_name(e));
  return NULL;
}

START_TEST(test_actions_carry_their_fields){
  Scenario *p = parseOk(modelWith(
      "'timeline': ["
      " {'at': 'PT1H', 'action': 'update', 'tenant': 'contoso', 'users': ['alice'],"
      "  'set': {'jobTitle': 'Lead', 'telephoneNumber': null}, 'note': 'promotion'},"
      " {'at': 'PT2H', 'action': 'disable', 'tenant': 'contoso',"
      "  'sample': {'count': 2, 'group': 'eng', 'where': {'department': 'Sales'}}},"
      " {'at': 'PT3H', 'action': 'set_policy', 'tenant': 'fabrikam', 'partner': 'contoso',"
      "  'field': 'userSyncInbound.isSyncAllowed', 'value': false},"
      " {'at': 'PT4H', 'action': 'restart_job', 'job': 'c2f', 'resetScope': 'Escrows,Watermark'},"
      " {'at': 'PT5H', 'action': 'pause_job', 'job': 'c2f'},"
      " {'at': 'PT6H', 'action': 'assign', 'job': 'c2f', 'groups': ['eng']},"
      " {'at': 'PT7H', 'action': 'hire', 'tenant': 'contoso', 'users': [{'key': 'carol'}]},"
      " {'at': 'PT8H', 'action': 'set_tenant', 'tenant': 'fabrikam', 'crossCloudSync': true},"
      " {'at': 'PT9H', 'action': 'move', 'tenant': 'contoso', 'users': ['carol'],"
      "  'department': 'Ops'}]"));
  const ScnAction *a;
  ck_assert_int_eq(p->nAction, 9);
  a = actionOf(p, SCN_UPDATE);
  ck_assert_str_eq(a->zNote, "promotion");
  ck_assert_int_eq(a->iTenant, 0);
  ck_assert_int_eq(a->iJob, -1);
  ck_assert_int_eq(a->sel.bUsers, 1);
  ck_assert_str_eq(a->sel.users.az[0], "alice");
  ck_assert_int_eq(a->nSet, 2);
  ck_assert_str_eq(a->aSet[0].zValue, "Lead");
  ck_assert_ptr_null(a->aSet[1].zValue);
  a = actionOf(p, SCN_DISABLE);
  ck_assert_int_eq(a->sel.bSample, 1);
  ck_assert_int_eq(a->sel.nCount, 2);
  ck_assert_str_eq(a->sel.zGroup, "eng");
  ck_assert_int_eq(a->sel.nWhere, 1);
  ck_assert_str_eq(a->sel.aWhere[0].zValue, "Sales");
  a = actionOf(p, SCN_SET_POLICY);
  ck_assert_int_eq(a->iTenant, 1);
  ck_assert_int_eq(a->iPartner, 0);
  ck_assert_int_eq(a->eField, PF_USER_SYNC_INBOUND);
  ck_assert_int_eq(a->iValue, 0);
  ck_assert_uint_eq(actionOf(p, SCN_RESTART_JOB)->mReset, RESET_ESCROWS|RESET_WATERMARK);
  ck_assert_int_eq(actionOf(p, SCN_PAUSE_JOB)->iJob, 0);
  ck_assert_ptr_null(actionOf(p, SCN_PAUSE_JOB)->zNote);
  a = actionOf(p, SCN_ASSIGN);
  ck_assert_int_eq(a->bGroups, 1);
  ck_assert_str_eq(a->groups.az[0], "eng");
  a = actionOf(p, SCN_HIRE);
  ck_assert_int_eq(a->nHire, 1);
  ck_assert_str_eq(a->aHire[0].zKey, "carol");
  ck_assert_ptr_null(a->pHirePop);
  a = actionOf(p, SCN_SET_TENANT);
  ck_assert_int_eq(a->settings.bCrossCloudSync, 1);
  ck_assert_int_eq(a->settings.eGuestInvites, -1);
  ck_assert_str_eq(actionOf(p, SCN_MOVE)->zDepartment, "Ops");
  scenario_free(p);
}
END_TEST

START_TEST(test_restart_without_reset_scope_is_the_portal_restart){
  Scenario *p = parseOk(modelWith("'timeline': [{'at': 'PT1H', 'action': 'restart_job', 'job': 'c2f'}]"));
  ck_assert_uint_eq(p->aAction[0].mReset, RESET_PORTAL);
  scenario_free(p);
}
END_TEST

START_TEST(test_expectations_are_metric_or_instant){
  Scenario *p = parseOk(modelWith(
      "'expect': ['orphans.count == 0',"
      " {'at': 'P1D', 'job': 'c2f', 'status': 'Paused'},"
      " {'at': 'PT2H', 'job': 'c2f', 'user': 'alice', 'attribute': 'jobTitle', 'equals': null}]"));
  ck_assert_int_eq(p->nExpect, 3);
  ck_assert_str_eq(p->aExpect[0].zMetric, "orphans.count == 0");
  ck_assert_ptr_null(p->aExpect[1].zMetric);
  ck_assert_int_eq(p->aExpect[1].t, 86400);
  ck_assert_str_eq(p->aExpect[1].zStatus, "Paused");
  ck_assert_int_eq(p->aExpect[1].iJob, 0);
  ck_assert_str_eq(p->aExpect[2].zAttr, "jobTitle");
  ck_assert_ptr_null(p->aExpect[2].zEquals);
  ck_assert_str_eq(p->aExpect[2].zAt, "PT2H");
  scenario_free(p);
}
END_TEST

START_TEST(test_scenario_json_appends_an_on_demand_action){
  Scenario *p = parseOk(modelWith(NULL));
  char *z = scenario_json(p, "c2f", "alice");
  char *zPlain = scenario_json(p, NULL, NULL);
  ck_assert_ptr_nonnull(z);
  ck_assert_ptr_nonnull(zPlain);
  ck_assert_ptr_null(strstr(zPlain, "provision_on_demand"));
  ck_assert_ptr_nonnull(strstr(z, "{\"at\":\"P3D\",\"action\":\"provision_on_demand\","
                                  "\"job\":\"c2f\",\"user\":\"alice\"}"));
  mem_free(z);
  mem_free(zPlain);
  scenario_free(p);
}
END_TEST

Suite *scn_model_suite(void){
  Suite *s = suite_create("scn_model");
  TCase *tcWorld = tcase_create("world");
  TCase *tcTimeline = tcase_create("timeline");
  tcase_add_test(tcWorld, test_tenant_carries_its_settings_licences_and_groups);
  tcase_add_test(tcWorld, test_user_carries_its_attributes_in_order_and_its_references);
  tcase_add_test(tcWorld, test_population_carries_its_template_and_weighted_choices);
  tcase_add_test(tcWorld, test_policy_carries_the_fields_it_gives_and_a_bare_one_a_row);
  tcase_add_test(tcWorld, test_job_carries_its_scope_mapping_filters_and_assignments);
  tcase_add_test(tcWorld, test_job_start_offset_scope_all_and_the_default_mapping);
  tcase_add_test(tcWorld, test_fault_carries_its_window_kind_and_defaults);
  tcase_add_test(tcWorld, test_fault_without_until_outlasts_the_run);
  tcase_add_test(tcTimeline, test_actions_carry_their_fields);
  tcase_add_test(tcTimeline, test_restart_without_reset_scope_is_the_portal_restart);
  tcase_add_test(tcTimeline, test_expectations_are_metric_or_instant);
  tcase_add_test(tcTimeline, test_scenario_json_appends_an_on_demand_action);
  suite_add_tcase(s, tcWorld);
  suite_add_tcase(s, tcTimeline);
  return s;
}
