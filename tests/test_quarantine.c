/*
** test_quarantine.c — the service's failure behaviour: injected faults,
** escrow and retry, quarantine (thresholds, reasons, back-off, disable,
** notifications, ways out), and restart with Graph's resetScope values.
** Accidental-deletion prevention is test_deletion.c's.
*/
#include "escrow.h"
#include "faults.h"
#include "mem.h"
#include "quarantine.h"
#include "engine_fixture.h"
#include "suites.h"

/* Small quarantine thresholds so that tests need only a few users. */
static void qx_small_thresholds(Fixture *f){
  f->w.params.nQuarMinFailures = 3;
  f->w.params.nQuarBase = 8;
  f->w.params.nQuarTotal = 12;
}

START_TEST(test_outage_fails_every_export_and_escrows_it){
  Fixture f;
  fx_open(&f, 0);
  fx_assign_users(&f, 4);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 0, 3600, 1, 1, "InternalServerError"), 0);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='failure'"
                              " AND error_code='InternalServerError' AND action='create'"), 4);
  ck_assert_int_eq(fx_job(&f)->nEscrowOpen, 4);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM escrows"), 4);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM cycles WHERE id=1 AND state='EntryLevelErrors'"
                              " AND count_escrowed=4"), 1);
  /* After the outage the retry succeeds and clears the escrows. */
  ck_assert(fx_cycle(&f, 4000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE action='create'"
                              " AND status='success'"), 4);
  ck_assert_int_eq(fx_job(&f)->nEscrowOpen, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM escrows"), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_transient_faults_fail_about_their_rate_from_the_fault_stream){
  Fixture f;
  int64_t nFail;
  fx_open(&f, 0);
  fx_assign_users(&f, 400);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_TRANSIENT, 0, 86400, 0.25, 1, "TooManyRequests"), 0);
  ck_assert(fx_cycle(&f, 0));
  nFail = fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE error_code='TooManyRequests'");
  ck_assert_int_gt(nFail, 60);
  ck_assert_int_lt(nFail, 140);
  fx_close(&f);
}
END_TEST

START_TEST(test_throttling_stretches_the_cycle){
  Fixture f, g;
  SimTime tPlain, tSlow;
  fx_open(&f, 0);
  fx_assign_users(&f, 50);
  ck_assert(fx_cycle(&f, 0));
  tPlain = f.w.tNow;
  fx_close(&f);
  fx_open(&g, 0);
  fx_assign_users(&g, 50);
  ck_assert_int_eq(faults_add(&g.w, FX_TARGET, FAULT_THROTTLE, 0, 86400, 0, 5.0, NULL), 0);
  ck_assert(fx_cycle(&g, 0));
  tSlow = g.w.tNow;
  fx_close(&g);
  ck_assert_int_gt(tSlow - 60, 4*(tPlain - 60));   /* minus the fixed import overhead */
}
END_TEST

START_TEST(test_target_conditions_fail_creation_with_documented_codes){
  Fixture f;
  int64_t a, b;
  fx_open(&f, 0);
  a = fx_user(&f, "alice");
  b = fx_user(&f, "bob");
  directory_user_set(&f.w, b, A_MAIL, "not-an-address");
  fx_assign(&f, a);
  fx_assign(&f, b);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE"
                              " error_code='InvitationCreationFailureInvalidPropertyValue'"), 1);
  f.w.aTenant[FX_TARGET].bGuestInvitesBlocked = 1;
  admin_update(&f.w, b, A_MAIL, "bob@contoso.com");
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE"
                              " error_code='AzureActiveDirectoryForbidden'"), 1);
  f.w.aTenant[FX_TARGET].bGuestInvitesBlocked = 0;
  f.w.aTenant[FX_TARGET].nObjectQuota = f.w.aTenant[FX_TARGET].nObjects;
  ck_assert(fx_cycle(&f, 4800));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE"
                              " error_code='AzureActiveDirectoryQuotaLimitExceeded'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_backoff_escrow_follows_the_six_twelve_twenty_four_hour_schedule){
  Fixture f;
  Pair *p;
  int64_t id;
  fx_open(&f, 0);
  f.w.params.bEscrowBackoff = 1;
  id = fx_user(&f, "amy");
  fx_assign(&f, id);
  job_start(&f.w, fx_job(&f));
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 0, 10*86400, 1, 1, "Timeout"), 0);
  ck_assert(fx_cycle(&f, 0));
  p = pair_get(&f.w, fx_job(&f), id);
  ck_assert_int_eq(p->tNextRetry, p->tFirstFail + 6*3600);
  /* A cycle before the retry is due does not retry it. */
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(p->nAttempts, 1);
  ck_assert(fx_cycle(&f, 7*3600));
  ck_assert_int_eq(p->nAttempts, 2);
  ck_assert_int_eq(p->tNextRetry, p->tFirstFail + 12*3600);
  ck_assert(fx_cycle(&f, 13*3600));
  ck_assert_int_eq(p->tNextRetry, p->tFirstFail + 24*3600);
  fx_close(&f);
}
END_TEST

START_TEST(test_escrow_older_than_its_lifetime_is_dropped){
  Fixture f;
  fx_open(&f, 0);
  fx_assign_users(&f, 1);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 0, 60*86400, 1, 1, "Timeout"), 0);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(fx_job(&f)->nEscrowOpen, 1);
  ck_assert(fx_cycle(&f, 29*86400));
  ck_assert_int_eq(fx_job(&f)->nEscrowOpen, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM escrows"), 0);
  fx_close(&f);
}
END_TEST

START_TEST(test_no_quarantine_below_the_minimum_failures){
  QuarReason e;
  Fixture f;
  fx_open(&f, 0);
  fx_job(&f)->nEscrowOpen = 4000;
  e = quarantine_evaluate(&f.w, fx_job(&f), 4000, 0, 4000);
  ck_assert_int_eq(e, QR_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_documented_threshold_examples){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  /* 45,000 failed: quarantine. */
  j->nEscrowOpen = 45000;
  ck_assert_int_ne(quarantine_evaluate(&f.w, j, 45000, 0, 45000), QR_NONE);
  /* 30,000 failed + 5,000 succeeded: quarantine (86 % failed). */
  j->nEscrowOpen = 30000;
  ck_assert_int_eq(quarantine_evaluate(&f.w, j, 30000, 0, 35000), QR_ESCROW_PROPORTION);
  /* 20,000 failed + 100,000 succeeded: no quarantine. */
  j->nEscrowOpen = 20000;
  ck_assert_int_eq(quarantine_evaluate(&f.w, j, 20000, 0, 120000), QR_NONE);
  /* 40,001 failures under 40 %: the base threshold. */
  j->nEscrowOpen = 40001;
  ck_assert_int_eq(quarantine_evaluate(&f.w, j, 40001, 0, 200000), QR_BASE_ESCROW);
  /* 40,000 user failures + 21,000 manager failures = 61,000: the total. */
  j->nEscrowOpen = 61000;
  j->nEscrowRefOpen = 21000;
  ck_assert_int_eq(quarantine_evaluate(&f.w, j, 61000, 21000, 400000), QR_TOTAL_ESCROW);
  /* Reference failures are excluded from the 40 % and 40,000 tests. */
  j->nEscrowOpen = 45000;
  j->nEscrowRefOpen = 45000;
  ck_assert_int_eq(quarantine_evaluate(&f.w, j, 45000, 45000, 50000), QR_NONE);
  fx_close(&f);
}
END_TEST

START_TEST(test_escrow_proportion_quarantines_and_recovery_lifts_it){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  qx_small_thresholds(&f);
  fx_assign_users(&f, 5);
  j = fx_job(&f);
  ck_assert_int_eq(job_set_notify(&f.w, j, 1, "ops@contoso.com"), 0);
  ck_assert(fx_cycle(&f, 0));                      /* the initial cycle syncs them */
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 3000, 20000, 1, 1, "InternalServerError"), 0);
  {
    int i;
    for(i=1; i<=5; i++){
      char zKey[16];
      snprintf(zKey, sizeof(zKey), "u%d", i);
      admin_update(&f.w, world_user_find(&f.w, FX_SOURCE, zKey), A_CITY, "Bergen");
    }
  }
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(j->eStatus, JOB_QUARANTINE);
  ck_assert_int_eq(j->eQuarReason, QR_ESCROW_PROPORTION);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM quarantines WHERE reason="
                              "'EncounteredEscrowProportionThreshold' AND ended IS NULL"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity='Quarantine'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT n.at - q.began FROM notifications n, quarantines q"),
                   f.w.params.notificationDelay);
  ck_assert_int_eq(fx_int(&f, "SELECT status_code='Quarantine' FROM jobs"), 1);
  /* The next cycle is backed off: it starts two intervals after this one. */
  ck_assert_int_ge(j->tNextCycle, 3000 + j->interval);
  /* After the outage a cycle without failures lifts the quarantine. */
  ck_assert(fx_cycle(&f, 21000));
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  ck_assert_int_eq(j->eStatus, JOB_ACTIVE);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM quarantines WHERE ended_by='recovered'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_quarantined_cycles_back_off_to_once_a_day_then_the_job_is_disabled){
  Fixture f;
  Job *j;
  SimTime t = 0, aGap[12];
  int i;
  fx_open(&f, 0);
  fx_assign_users(&f, 1);
  j = fx_job(&f);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 0);
  for(i=0; i<12; i++){
    SimTime tPrev = t;
    ck_assert_int_eq(fx_cycle(&f, t), 0);          /* the policy check fails */
    ck_assert_int_eq(j->eQuarReason, QR_QUARANTINE_EXCEPTION);
    t = j->tNextCycle;
    aGap[i] = t - tPrev;
  }
  ck_assert_int_eq(aGap[0], 2400);
  ck_assert_int_eq(aGap[1], 4800);
  ck_assert_int_eq(aGap[2], 9600);
  ck_assert_int_eq(aGap[11], 86400);
  while( j->bScheduled && t>=0 && t<60*86400 ){
    ck_assert_int_eq(fx_cycle(&f, t), 0);
    t = j->tNextCycle;
  }
  ck_assert_int_eq(j->bScheduled, 0);
  ck_assert_int_gt(f.w.tNow, 28*86400);
  ck_assert_int_le(f.w.tNow, 30*86400);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM jobs WHERE schedule_state='Disabled'"
                              " AND status_code='Quarantine'"), 1);
  fx_close(&f);
}
END_TEST

/* "Retries continue for 28 days after the first failure, after which the
** escrow entry is removed and the job is disabled"; "if the provisioning
** job stays in quarantine for more than four weeks, the provisioning job
** is disabled" (entra-facts §3.1, §3.3; S9). An outage that does not end
** must not let the job "recover" when its escrows expire. */
START_TEST(test_escrows_expiring_in_quarantine_disable_the_job){
  Fixture f;
  Job *j;
  SimTime t;
  int i;
  fx_open(&f, 0);
  qx_small_thresholds(&f);
  fx_assign_users(&f, 5);
  j = fx_job(&f);
  ck_assert(fx_cycle(&f, 0));                      /* the initial cycle syncs them */
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 3000, FAULTS_NO_END, 1, 1,
                              "InternalServerError"), 0);
  for(i=1; i<=5; i++){
    char zKey[16];
    snprintf(zKey, sizeof(zKey), "u%d", i);
    admin_update(&f.w, world_user_find(&f.w, FX_SOURCE, zKey), A_CITY, "Bergen");
  }
  ck_assert(fx_cycle(&f, 3000));
  ck_assert_int_eq(j->eStatus, JOB_QUARANTINE);
  t = j->tNextCycle;
  while( j->bScheduled && t>=0 && t<60*86400 ){
    fx_cycle(&f, t);
    t = j->tNextCycle;
  }
  /* disabled when the first escrows reach 28 days, still in quarantine */
  ck_assert_int_eq(j->bScheduled, 0);
  ck_assert_int_ge(f.w.tNow, 3000 + 28*86400);
  ck_assert_int_lt(f.w.tNow, 3000 + 29*86400);
  ck_assert_int_eq(j->nEscrowOpen, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM escrows"), 0);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM jobs WHERE schedule_state='Disabled'"
                              " AND status_code='Quarantine'"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM quarantines WHERE ended IS NULL"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM audit_log WHERE activity="
                              "'Disable/pause provisioning configuration'"
                              " AND instr(detail, 'retried for 28 days')=1"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_policy_quarantine_lifts_when_the_policy_is_fixed){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  fx_assign_users(&f, 2);
  j = fx_job(&f);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 0);
  ck_assert_int_eq(fx_cycle(&f, 0), 0);
  ck_assert_int_eq(j->eQuarReason, QR_QUARANTINE_EXCEPTION);
  ck_assert_int_eq(fx_int(&f, "SELECT quarantine_reason='EncounteredQuarantineException' FROM jobs"), 1);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_INBOUND_AUTO_REDEEM, 1);
  ck_assert_int_eq(fx_cycle(&f, j->tNextCycle), 1);
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_start_clears_quarantine){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  fx_assign_users(&f, 1);
  j = fx_job(&f);
  policy_set(&f.w, FX_TARGET, FX_SOURCE, PF_USER_SYNC_INBOUND, 0);
  ck_assert_int_eq(fx_cycle(&f, 0), 0);
  ck_assert_int_eq(j->eStatus, JOB_QUARANTINE);
  f.w.tNow = 100;
  job_start(&f.w, j);
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  ck_assert_int_eq(j->tNextCycle, 100);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM quarantines WHERE ended_by='start'"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_initial_cycle_over_the_threshold_prunes_escrows_and_pauses){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  qx_small_thresholds(&f);
  fx_assign_users(&f, 5);
  j = fx_job(&f);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 0, 3600, 1, 1, "InternalServerError"), 0);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(j->bEscrowsPruned, 1);
  ck_assert_int_eq(j->eQuarReason, QR_NONE);
  ck_assert_int_eq(j->eStatus, JOB_PAUSED);
  ck_assert_int_eq(j->nEscrowOpen, 0);
  ck_assert_int_eq(fx_int(&f, "SELECT escrows_pruned FROM jobs"), 1);
  fx_close(&f);
}
END_TEST

START_TEST(test_restart_reset_scopes){
  Fixture f;
  Job *j;
  int64_t id;
  fx_open(&f, 0);
  fx_assign_users(&f, 2);
  j = fx_job(&f);
  ck_assert_int_eq(job_reset_flag("Escrows"), RESET_ESCROWS);
  ck_assert_int_eq(job_reset_flag("Full"), RESET_FULL);
  ck_assert_int_eq(job_reset_flag("None"), 0);
  ck_assert_int_eq(job_reset_flag("Everything"), -1);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 0, 100, 1, 1, "Timeout"), 0);
  ck_assert(fx_cycle(&f, 0));
  ck_assert_int_eq(j->nEscrowOpen, 2);
  f.w.tNow = 3000;
  job_restart(&f.w, j, RESET_ESCROWS);
  ck_assert_int_eq(j->nEscrowOpen, 0);
  ck_assert_int_eq(j->bNeedInitial, 0);
  ck_assert(fx_cycle(&f, 3000));              /* nothing changed, nothing escrowed */
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 0);
  job_restart(&f.w, j, RESET_WATERMARK);
  ck_assert_int_eq(j->bNeedInitial, 1);
  ck_assert(fx_cycle(&f, 6000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE how='created'"), 2);
  /* Full breaks the links: the next initial cycle matches them again. */
  f.w.tNow = 9000;
  job_restart(&f.w, j, RESET_FULL);
  id = 1;
  ck_assert_int_eq(fx_target(&f, id), 0);
  ck_assert(fx_cycle(&f, 9000));
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM links WHERE how='matched'"), 2);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM users WHERE creation_type='Invitation'"), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_a_failed_manager_write_is_a_reference_failure){
  Fixture f;
  int64_t amy, boss;
  Job *j;
  fx_open(&f, 0);
  boss = fx_user(&f, "boss");
  amy = fx_user(&f, "amy");
  fx_assign(&f, boss);
  fx_assign(&f, amy);
  directory_user_set(&f.w, amy, A_MANAGER, world_user(&f.w, boss)->zObjectId);
  j = fx_job(&f);
  job_start(&f.w, j);
  ck_assert(fx_cycle(&f, 0));          /* boss is created first: amy gets him */
  ck_assert_ptr_nonnull(world_user_attr(&f.w, world_user(&f.w, fx_target(&f, amy)), A_MANAGER));
  /* The target loses amy's manager; while it fails, only that reference
  ** is to be written: a reference failure. */
  directory_user_set(&f.w, fx_target(&f, amy), A_MANAGER, NULL);
  pair_mark_dirty(&f.w, j, amy);
  ck_assert_int_eq(faults_add(&f.w, FX_TARGET, FAULT_OUTAGE, 2000, 9000, 1, 1, "Timeout"), 0);
  ck_assert(fx_cycle(&f, 2400));
  ck_assert_int_eq(j->nEscrowOpen, 1);
  ck_assert_int_eq(j->nEscrowRefOpen, 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM escrows WHERE reference=1"), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM provisioning_log WHERE status='failure'"
                              " AND reason LIKE '%%reference failure%%'"), 1);
  /* After the outage the retry writes it and clears the escrow. */
  ck_assert(fx_cycle(&f, 10000));
  ck_assert_int_eq(j->nEscrowRefOpen, 0);
  ck_assert_ptr_nonnull(world_user_attr(&f.w, world_user(&f.w, fx_target(&f, amy)), A_MANAGER));
  fx_close(&f);
}
END_TEST

START_TEST(test_recipients_are_counted_across_both_separators){
  ck_assert_int_eq(quarantine_recipient_count(NULL), 0);
  ck_assert_int_eq(quarantine_recipient_count(""), 0);
  ck_assert_int_eq(quarantine_recipient_count(" ; ,"), 0);
  ck_assert_int_eq(quarantine_recipient_count("ops@contoso.com"), 1);
  ck_assert_int_eq(quarantine_recipient_count("ops@contoso.com; sec@contoso.com,x@y.z"), 3);
}
END_TEST

/* The quarantine e-mail of job j as its settings stand, a TooManyDeletes
** trip like any other reason: the number of notification rows after. */
static int64_t qx_mails(Fixture *f, int bEnabled, const char *zTo, QuarReason e){
  Job *j = fx_job(f);
  ck_assert_int_eq(job_set_notify(&f->w, j, bEnabled, zTo), 0);
  quarantine_enter(&f->w, j, e, "why");
  quarantine_leave(&f->w, j, "test");
  return fx_int(f, "SELECT count(*) FROM notifications");
}

START_TEST(test_the_email_goes_only_to_a_job_with_notifications_on_and_an_address){
  Fixture f;
  fx_open(&f, 0);
  f.w.tNow = 100;
  ck_assert_int_eq(qx_mails(&f, 0, NULL, QR_QUARANTINE_EXCEPTION), 0);           /* the default */
  ck_assert_int_eq(qx_mails(&f, 0, "ops@contoso.com", QR_TOO_MANY_DELETES), 0);  /* off */
  ck_assert_int_eq(qx_mails(&f, 1, "", QR_TOO_MANY_DELETES), 0);                 /* no address */
  ck_assert_int_eq(qx_mails(&f, 1, "ops@contoso.com;sec@contoso.com", QR_TOO_MANY_DELETES), 1);
  ck_assert_int_eq(fx_int(&f, "SELECT count(*) FROM notifications WHERE kind='quarantine'"
                              " AND detail LIKE 'TooManyDeletes:%%'"
                              " AND recipients='ops@contoso.com;sec@contoso.com' AND at=%lld",
                          (long long)(100 + f.w.params.notificationDelay)), 1);
  /* Enabled alone (-1 leaves the recipients): still mailed. */
  ck_assert_int_eq(qx_mails(&f, -1, NULL, QR_ESCROW_PROPORTION), 2);
  fx_close(&f);
}
END_TEST

START_TEST(test_set_notify_survives_a_failed_allocation){
  Fixture f;
  Job *j;
  fx_open(&f, 0);
  j = fx_job(&f);
  ck_assert_int_eq(job_set_notify(&f.w, j, 1, "ops@contoso.com"), 0);
  mem_fail_after(1);
  ck_assert_int_eq(job_set_notify(&f.w, j, 0, "other@contoso.com"), -1);
  mem_fail_after(0);
  /* nothing changed, and the world knows it ran out */
  ck_assert(f.w.bNoMem);
  ck_assert_int_eq(j->bNotify, 1);
  ck_assert_str_eq(j->zNotifyTo, "ops@contoso.com");
  f.w.bNoMem = 0;
  fx_close(&f);
}
END_TEST

Suite *quarantine_suite(void){
  Suite *s = suite_create("quarantine");
  TCase *tcFault = tcase_create("faults and escrow");
  TCase *tcQuar = tcase_create("quarantine");
  TCase *tcDel = tcase_create("restart");
  tcase_add_test(tcFault, test_outage_fails_every_export_and_escrows_it);
  tcase_add_test(tcFault, test_transient_faults_fail_about_their_rate_from_the_fault_stream);
  tcase_add_test(tcFault, test_throttling_stretches_the_cycle);
  tcase_add_test(tcFault, test_escrows_expiring_in_quarantine_disable_the_job);
  tcase_add_test(tcFault, test_target_conditions_fail_creation_with_documented_codes);
  tcase_add_test(tcFault, test_backoff_escrow_follows_the_six_twelve_twenty_four_hour_schedule);
  tcase_add_test(tcFault, test_escrow_older_than_its_lifetime_is_dropped);
  suite_add_tcase(s, tcFault);
  tcase_add_test(tcQuar, test_no_quarantine_below_the_minimum_failures);
  tcase_add_test(tcQuar, test_documented_threshold_examples);
  tcase_add_test(tcQuar, test_escrow_proportion_quarantines_and_recovery_lifts_it);
  tcase_add_test(tcQuar, test_quarantined_cycles_back_off_to_once_a_day_then_the_job_is_disabled);
  tcase_add_test(tcQuar, test_policy_quarantine_lifts_when_the_policy_is_fixed);
  tcase_add_test(tcQuar, test_start_clears_quarantine);
  tcase_add_test(tcQuar, test_initial_cycle_over_the_threshold_prunes_escrows_and_pauses);
  tcase_add_test(tcQuar, test_a_failed_manager_write_is_a_reference_failure);
  tcase_add_test(tcQuar, test_recipients_are_counted_across_both_separators);
  tcase_add_test(tcQuar, test_the_email_goes_only_to_a_job_with_notifications_on_and_an_address);
  tcase_add_test(tcQuar, test_set_notify_survives_a_failed_allocation);
  suite_add_tcase(s, tcQuar);
  tcase_add_test(tcDel, test_restart_reset_scopes);
  suite_add_tcase(s, tcDel);
  return s;
}
