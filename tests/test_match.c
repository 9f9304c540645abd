/*
** test_match.c — how a job finds the target user for a source user
** (match.h): its link, alternativeSecurityIds, the invitation manager's
** look-up by mail (a pending invitation is redeemed and keeps its
** mail-based UPN until an initial cycle; two source users with one mail
** share one target user), the ambiguous internal user, and users who
** leave the target being provisioned again.
*/
#include "match.h"
#include "mem.h"
#include "engine_fixture.h"
#include "suites.h"

/* A B2B guest of the target invited by hand for zMail, never redeemed. */
static int64_t pending_invitee(Fixture *f, const char *zKey, const char *zMail){
  const char *az[A_COUNT];
  char zUpn[200];
  int64_t id;
  memset(az, 0, sizeof(az));
  directory_external_upn(zMail, FX_TARGET_DOMAIN, zUpn, sizeof(zUpn));
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_MAIL] = zMail;
  az[A_USER_PRINCIPAL_NAME] = zUpn;
  az[A_DISPLAY_NAME] = "Invited guest";
  az[A_USER_TYPE] = "Guest";
  id = directory_user_add(&f->w, FX_TARGET, zKey, az, NULL, "Invitation", -1);
  ck_assert_int_gt(id, 0);
  directory_user_pending(&f->w, id);
  return id;
}

START_TEST(test_pending_invitee_is_matched_by_mail_and_redeemed){
  Fixture f;
  char z[200];
  int64_t id, idGuest;
  fx_open(&f, 0);
  idGuest = pending_invitee(&f, "guest", "alice@contoso.com");
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_target(&f, id), idGuest);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 1);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT how FROM links"), "matched by mail");
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT external_user_state FROM users WHERE id=%lld",
                           (long long)idGuest), "Accepted");
  ck_assert_str_eq(world_user(&f.w, idGuest)->zAltSecId, world_user(&f.w, id)->zNetId);
  /* Other attributes flowed, but the UPN update of this first add was dropped. */
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_DISPLAY_NAME), "alice");
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_USER_PRINCIPAL_NAME),
                   "alice_contoso.com#EXT#@fabrikam.com");
  fx_close(&f);
}
END_TEST

/* Graph beta originTenantInfo (crossTenantResource): originId "ID of the
** original user in the source Microsoft Entra tenant the user was
** synchronized from", originTenantId "ID of the source Microsoft Entra
** tenant", populated "for target users of cross-tenant synchronization"
** (cts-2026.md §1 row 2): on the user a job creates and on the one it
** matches; a guest nobody synchronizes has none. */
START_TEST(test_created_and_matched_target_users_carry_their_origin){
  Fixture f;
  char z[64];
  int64_t idA, idB, idGuest, idOther;
  fx_open(&f, 0);
  idGuest = pending_invitee(&f, "guest", "bob@contoso.com");
  idOther = pending_invitee(&f, "other", "carol@elsewhere.example");
  idA = fx_user(&f, "alice");
  idB = fx_user(&f, "bob");
  fx_assign(&f, idA);
  fx_assign(&f, idB);
  job_start(&f.w, fx_job(&f));
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_target(&f, idB), idGuest);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT origin_id FROM users WHERE id=%lld",
                           (long long)fx_target(&f, idA)), world_user(&f.w, idA)->zObjectId);
  ck_assert_str_eq(fx_text(&f, z, sizeof(z), "SELECT origin_id FROM users WHERE id=%lld",
                           (long long)idGuest), world_user(&f.w, idB)->zObjectId);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE origin_tenant_id='%q'",
                          f.w.aTenant[FX_SOURCE].zTenantId), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT origin_id IS NULL AND origin_tenant_id IS NULL FROM users"
                              " WHERE id=%lld", (long long)idOther), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE tenant=%d AND origin_id IS NOT NULL",
                          FX_SOURCE), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_dropped_upn_stays_until_an_initial_cycle){
  Fixture f;
  int64_t id, idGuest;
  fx_open(&f, 0);
  idGuest = pending_invitee(&f, "guest", "alice.smith@contoso.com");
  id = fx_user(&f, "alice");
  directory_user_set(&f.w, id, A_MAIL, "alice.smith@contoso.com");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert(fx_cycle(&f, 0));
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_USER_PRINCIPAL_NAME),
                   "alice.smith_contoso.com#EXT#@fabrikam.com");
  admin_update(&f.w, id, A_CITY, "Bergen");
  ck_assert(fx_cycle(&f, 2400));                    /* incremental: still dropped */
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_CITY), "Bergen");
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_USER_PRINCIPAL_NAME),
                   "alice.smith_contoso.com#EXT#@fabrikam.com");
  ck_assert_int_eq(f.w.nDriftTotal, 1);             /* the UPN still differs */
  f.w.tNow = 5000;
  job_restart(&f.w, fx_job(&f), RESET_PORTAL);
  ck_assert(fx_cycle(&f, 5000));                    /* the initial cycle fixes it */
  ck_assert_str_eq(world_user_attr(&f.w, world_user(&f.w, idGuest), A_USER_PRINCIPAL_NAME),
                   "alice_contoso.com#EXT#@fabrikam.com");
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_two_source_users_with_one_mail_share_one_target_user){
  Fixture f;
  int64_t a, b;
  fx_open(&f, 0);
  a = fx_user(&f, "alice");
  b = fx_user(&f, "alice2");
  directory_user_set(&f.w, b, A_MAIL, "alice@contoso.com");
  fx_assign(&f, a);
  fx_assign(&f, b);
  job_start(&f.w, fx_job(&f));
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_gt(fx_target(&f, a), 0);
  ck_assert_int_eq(fx_target(&f, a), fx_target(&f, b));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE target_user=%lld",
                          (long long)fx_target(&f, a)), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_user_who_leaves_the_target_is_provisioned_again_next_cycle){
  Fixture f;
  int64_t id, idFirst;
  fx_open(&f, 0);
  id = fx_user(&f, "alice");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert(fx_cycle(&f, 0));
  idFirst = fx_target(&f, id);
  f.w.tNow = 1000;
  ck_assert_int_eq(admin_target_leave(&f.w, idFirst), 1);
  ck_assert_int_ge(world_user(&f.w, idFirst)->tPurged, 0);
  ck_assert_int_eq(f.w.nDriftTotal, 1);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_gt(fx_target(&f, id), idFirst);
  ck_assert(user_is_live(world_user(&f.w, fx_target(&f, id))));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='create'"), 2);
  ck_assert_int_eq(f.w.nDriftTotal, 0);
  fx_close(&f);
}
END_TEST

/* A redeemed B2B user of the target whose home identity is source user
** idSource's netId. */
static int64_t b2b_of(Fixture *f, const char *zKey, int64_t idSource){
  const char *az[A_COUNT];
  char zNet[128], zUpn[200];
  int64_t id;
  snprintf(zNet, sizeof(zNet), "%s", world_user(&f->w, idSource)->zNetId);
  memset(az, 0, sizeof(az));
  snprintf(zUpn, sizeof(zUpn), "%s_contoso.com#EXT#@%s", zKey, FX_TARGET_DOMAIN);
  az[A_ACCOUNT_ENABLED] = ATTR_TRUE;
  az[A_USER_PRINCIPAL_NAME] = zUpn;
  az[A_USER_TYPE] = "Member";
  id = directory_user_add(&f->w, FX_TARGET, zKey, az, zNet, "Invitation", -1);
  ck_assert_int_gt(id, 0);
  return id;
}

START_TEST(test_find_keeps_a_usable_link_without_a_matching_step){
  Fixture f;
  const char *zMatch = "untouched";
  int64_t id, idT;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  idT = b2b_of(&f, "alice", id);
  match_link(&f.w, j, pair_get(&f.w, j, id), world_user(&f.w, id), world_user(&f.w, idT), "created");
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE source_user=%lld AND"
                              " target_user=%lld AND how='created'", (long long)id, (long long)idT), 1);
  ck_assert_int_eq(world_user(&f.w, idT)->idLinkSource, id);
  ck_assert_ptr_eq(match_find(&f.w, j, pair_get(&f.w, j, id), world_user(&f.w, id), &zMatch),
                   world_user(&f.w, idT));
  ck_assert_str_eq(zMatch, "untouched");
  fx_close(&f);
}
END_TEST

START_TEST(test_find_matches_a_b2b_user_by_alternative_security_id){
  Fixture f;
  const char *zMatch = NULL;
  int64_t id, idB, idOther;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  idOther = fx_user(&f, "bob");
  idB = b2b_of(&f, "alice", id);
  ck_assert_ptr_eq(match_find(&f.w, j, pair_get(&f.w, j, id), world_user(&f.w, id), &zMatch),
                   world_user(&f.w, idB));
  ck_assert_str_eq(zMatch, "matched");
  ck_assert_int_eq(fx_target(&f, id), idB);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE how='matched'"), 1);
  /* Nobody holds bob's netId: the look-up says none. */
  ck_assert_ptr_null(match_find(&f.w, j, pair_get(&f.w, j, idOther), world_user(&f.w, idOther),
                                &zMatch));
  ck_assert_str_eq(zMatch, "none");
  fx_close(&f);
}
END_TEST

START_TEST(test_find_never_returns_a_hard_deleted_user){
  Fixture f;
  const char *zMatch = NULL;
  int64_t id, idB;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  idB = b2b_of(&f, "alice", id);
  ck_assert_ptr_nonnull(match_find(&f.w, j, pair_get(&f.w, j, id), world_user(&f.w, id), &zMatch));
  directory_user_soft_delete(&f.w, idB);
  directory_user_purge(&f.w, idB);
  zMatch = NULL;
  ck_assert_ptr_null(match_find(&f.w, j, pair_get(&f.w, j, id), world_user(&f.w, id), &zMatch));
  fx_close(&f);
}
END_TEST

START_TEST(test_mail_lookup_finds_live_b2b_users_only){
  Fixture f;
  int64_t id, idGuest, idNoMail;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  id = fx_user(&f, "alice");
  idNoMail = fx_user(&f, "bob");
  directory_user_set(&f.w, idNoMail, A_MAIL, NULL);
  ck_assert_int_eq(match_by_mail(&f.w, j, world_user(&f.w, id)), 0);
  idGuest = pending_invitee(&f, "guest", "alice@contoso.com");
  ck_assert_int_eq(match_by_mail(&f.w, j, world_user(&f.w, id)), idGuest);
  ck_assert_int_eq(match_by_mail(&f.w, j, world_user(&f.w, idNoMail)), 0);
  directory_user_soft_delete(&f.w, idGuest);
  ck_assert_int_eq(match_by_mail(&f.w, j, world_user(&f.w, id)), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_take_by_mail_redeems_a_pending_invitation_once){
  Fixture f;
  int64_t a, b, idGuest;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  a = fx_user(&f, "alice");
  b = fx_user(&f, "alice2");
  idGuest = pending_invitee(&f, "guest", "alice@contoso.com");
  ck_assert_int_eq(match_take_by_mail(&f.w, j, pair_get(&f.w, j, a), world_user(&f.w, a), idGuest), 1);
  ck_assert_str_eq(world_user(&f.w, idGuest)->zAltSecId, world_user(&f.w, a)->zNetId);
  ck_assert_int_eq(pair_get(&f.w, j, a)->bUpnStale, 1);
  ck_assert_int_eq(fx_target(&f, a), idGuest);
  /* A second source user with the same mail shares the redeemed user. */
  ck_assert_int_eq(match_take_by_mail(&f.w, j, pair_get(&f.w, j, b), world_user(&f.w, b), idGuest), 0);
  ck_assert_int_eq(fx_target(&f, b), idGuest);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE how='matched by mail'"), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_an_internal_user_holding_the_mail_is_ambiguous){
  Fixture f;
  char z[TS_REASON_MAX];
  fx_open(&f, 0);
  fx_user_in(&f, FX_TARGET, "carol");
  pending_invitee(&f, "guest", "guest@contoso.com");
  ck_assert_str_eq(match_ambiguous_user(&f.w, FX_TARGET, "carol@fabrikam.com", z, sizeof(z)),
                   "InvitationCreationFailureAmbiguousUser");
  ck_assert_str_eq(z, "The invited user's address carol@fabrikam.com matches the proxy address"
                      " of an internal user of fabrikam.");
  ck_assert_ptr_null(match_ambiguous_user(&f.w, FX_TARGET, "guest@contoso.com", z, sizeof(z)));
  ck_assert_ptr_null(match_ambiguous_user(&f.w, FX_TARGET, NULL, z, sizeof(z)));
  ck_assert_ptr_null(match_ambiguous_user(&f.w, FX_SOURCE, "carol@fabrikam.com", z, sizeof(z)));
  fx_close(&f);
}
END_TEST

START_TEST(test_redemption_survives_running_out_of_memory){
  long n;
  int bDone = 0;
  for(n=1; n<100 && !bDone; n++){
    Fixture f;
    int64_t a, idGuest;
    Job *j;
    fx_open(&f, 0);
    j = fx_job(&f);
    a = fx_user(&f, "alice");
    idGuest = pending_invitee(&f, "guest", "alice@contoso.com");
    ck_assert_ptr_nonnull(pair_get(&f.w, j, a));
    mem_fail_after(n);
    match_take_by_mail(&f.w, j, pair_get(&f.w, j, a), world_user(&f.w, a), idGuest);
    mem_fail_after(0);
    /* The link is made whether or not the redemption could allocate. */
    ck_assert_int_eq(fx_target(&f, a), idGuest);
    if( f.w.bNoMem ){
      f.w.bNoMem = 0;
      engine_close(&f.w);
      continue;
    }
    ck_assert_str_eq(world_user(&f.w, idGuest)->zAltSecId, world_user(&f.w, a)->zNetId);
    bDone = 1;
    fx_close(&f);
  }
  ck_assert_msg(bDone, "redemption never succeeded");
}
END_TEST

Suite *match_suite(void){
  Suite *s = suite_create("match");
  TCase *tc = tcase_create("matching");
  TCase *tcUnit = tcase_create("functions");
  TCase *tcOom = tcase_create("oom");
  tcase_add_test(tc, test_pending_invitee_is_matched_by_mail_and_redeemed);
  tcase_add_test(tc, test_dropped_upn_stays_until_an_initial_cycle);
  tcase_add_test(tc, test_created_and_matched_target_users_carry_their_origin);
  tcase_add_test(tc, test_two_source_users_with_one_mail_share_one_target_user);
  tcase_add_test(tc, test_user_who_leaves_the_target_is_provisioned_again_next_cycle);
  suite_add_tcase(s, tc);
  tcase_add_test(tcUnit, test_find_keeps_a_usable_link_without_a_matching_step);
  tcase_add_test(tcUnit, test_find_matches_a_b2b_user_by_alternative_security_id);
  tcase_add_test(tcUnit, test_find_never_returns_a_hard_deleted_user);
  tcase_add_test(tcUnit, test_mail_lookup_finds_live_b2b_users_only);
  tcase_add_test(tcUnit, test_take_by_mail_redeems_a_pending_invitation_once);
  tcase_add_test(tcUnit, test_an_internal_user_holding_the_mail_is_ambiguous);
  suite_add_tcase(s, tcUnit);
  tcase_add_test(tcOom, test_redemption_survives_running_out_of_memory);
  suite_add_tcase(s, tcOom);
  return s;
}
