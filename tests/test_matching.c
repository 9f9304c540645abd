/*
** test_matching.c — how a job finds the target user for a source user
** beyond alternativeSecurityIds: the invitation manager's look-up by mail
** (a pending invitation is redeemed and keeps its mail-based UPN until an
** initial cycle; two source users with one mail share one target user),
** and users who leave the target being provisioned again.
*/
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
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_DISPLAY_NAME], "alice");
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_USER_PRINCIPAL_NAME],
                   "alice_contoso.com#EXT#@fabrikam.com");
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
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_USER_PRINCIPAL_NAME],
                   "alice.smith_contoso.com#EXT#@fabrikam.com");
  admin_update(&f.w, id, A_CITY, "Bergen");
  ck_assert(fx_cycle(&f, 2400));                    /* incremental: still dropped */
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_CITY], "Bergen");
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_USER_PRINCIPAL_NAME],
                   "alice.smith_contoso.com#EXT#@fabrikam.com");
  ck_assert_int_eq(f.w.nDriftTotal, 1);             /* the UPN still differs */
  f.w.tNow = 5000;
  job_restart(&f.w, fx_job(&f), RESET_PORTAL);
  ck_assert(fx_cycle(&f, 5000));                    /* the initial cycle fixes it */
  ck_assert_str_eq(world_user(&f.w, idGuest)->azAttr[A_USER_PRINCIPAL_NAME],
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

Suite *matching_suite(void){
  Suite *s = suite_create("matching");
  TCase *tc = tcase_create("matching");
  tcase_add_test(tc, test_pending_invitee_is_matched_by_mail_and_redeemed);
  tcase_add_test(tc, test_dropped_upn_stays_until_an_initial_cycle);
  tcase_add_test(tc, test_two_source_users_with_one_mail_share_one_target_user);
  tcase_add_test(tc, test_user_who_leaves_the_target_is_provisioned_again_next_cycle);
  suite_add_tcase(s, tc);
  return s;
}
