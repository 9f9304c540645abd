/*
** run_tests.c — runs every Check suite of suites.def in one runner.
**
** CK_RUN_SUITE=name (Check's own variable) runs only the suite of that
** name, e.g. CK_RUN_SUITE=queue; CK_RUN_CASE narrows it to one test case.
** Exit status 0 only when every test passed.
*/
#include <stdlib.h>
#include "suites.h"

static Suite *(*const axSuite[])(void) = {
#define SUITE(n) n##_suite,
#include "suites.def"
#undef SUITE
};

int main(void){
  SRunner *sr = srunner_create(NULL);
  size_t i;
  int nFailed;
  if( sr==NULL ) return EXIT_FAILURE;
  for(i=0; i<sizeof(axSuite)/sizeof(axSuite[0]); i++) srunner_add_suite(sr, axSuite[i]());
  srunner_run_all(sr, CK_NORMAL);
  nFailed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return nFailed==0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
