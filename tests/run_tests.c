/*
** run_tests.c — runs every Check suite in one runner.
**
** TS_SUITE=name runs only the suite of that name (e.g. TS_SUITE=queue).
** Exit status 0 only when every test passed.
*/
#include <stdlib.h>
#include <string.h>
#include "suites.h"

static const struct { const char *zName; Suite *(*xSuite)(void); } aSuite[] = {
  { "simtime", simtime_suite },
  { "queue",   queue_suite },
  { "rng",     rng_suite },
  { "scope", scope_suite },
  { "policy", policy_suite },
  { "lifecycle", lifecycle_suite },
  { "desired", desired_suite },
  { "scenario", scenario_suite },
  { "provlog", provlog_suite },
  { "mapping", mapping_suite },
  { "evalcmd", evalcmd_suite },
  { "quarantine", quarantine_suite },
  { "matching", matching_suite },
  { "groupsync", groupsync_suite },
  { "ondemand", ondemand_suite },
  { "e2e",     e2e_suite },
  { "report", report_suite },
  { "expr", expr_suite },
  { "expr_graph", expr_graph_suite },
  { "logs", logs_suite },
  { "html", html_suite },
  { "mdcsv", mdcsv_suite },
  { "diff", diff_suite },
  { "graph_users", graph_users_suite },
  { "graph_schema", graph_schema_suite },
  { "pseudonym", pseudonym_suite },
  { "graph_policy", graph_policy_suite },
  { "import_e2e", import_e2e_suite },
  { "story_e2e", story_e2e_suite },
  { "importcmd", importcmd_suite },
};

int main(void){
  const char *zOnly = getenv("TS_SUITE");
  SRunner *sr = NULL;
  size_t i;
  int nFailed;
  for(i=0; i<sizeof(aSuite)/sizeof(aSuite[0]); i++){
    Suite *s;
    if( zOnly && strcmp(zOnly, aSuite[i].zName)!=0 ) continue;
    s = aSuite[i].xSuite();
    if( sr==NULL ) sr = srunner_create(s); else srunner_add_suite(sr, s);
  }
  if( sr==NULL ) return 2;
  srunner_run_all(sr, CK_NORMAL);
  nFailed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return nFailed==0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
