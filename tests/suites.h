/*
** suites.h — every Check suite of tenantsim, one per module.
** tests/run_tests.c runs them all; add a new suite here and there.
*/
#ifndef TS_SUITES_H
#define TS_SUITES_H
#include <check.h>

Suite *simtime_suite(void);
Suite *queue_suite(void);
Suite *rng_suite(void);
Suite *scope_suite(void);
Suite *policy_suite(void);
Suite *lifecycle_suite(void);
Suite *desired_suite(void);
Suite *scenario_suite(void);
Suite *e2e_suite(void);
Suite *provlog_suite(void);
Suite *mapping_suite(void);
Suite *evalcmd_suite(void);
Suite *quarantine_suite(void);
Suite *matching_suite(void);
Suite *groupsync_suite(void);
Suite *ondemand_suite(void);
Suite *report_suite(void);
Suite *expr_suite(void);
Suite *expr_graph_suite(void);
Suite *logs_suite(void);
Suite *html_suite(void);
Suite *mdcsv_suite(void);
Suite *diff_suite(void);
Suite *graph_users_suite(void);
Suite *graph_schema_suite(void);
Suite *pseudonym_suite(void);
Suite *graph_policy_suite(void);
Suite *import_e2e_suite(void);
Suite *story_e2e_suite(void);
Suite *importcmd_suite(void);

#endif
