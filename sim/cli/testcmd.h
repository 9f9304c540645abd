/*
** testcmd.h — `tenantsim test`: scenarios as CI assertions.
*/
#ifndef TS_TESTCMD_H
#define TS_TESTCMD_H
#include <stdio.h>

/* Run `tenantsim test` with the arguments after "test": run every scenario
** FILE into a temporary database, check its "expect" list (metric
** expectations against the report, instant expectations recorded by the
** run) and print one PASS/FAIL line per expectation on out, or TAP with
** --tap; --junit PATH also writes a JUnit XML file. Messages go to err.
** Returns the exit status: 0 all passed, 1 an expectation failed or a run
** failed, 2 invalid usage or an invalid scenario. */
int testcmd_run(int argc, char **argv, FILE *out, FILE *err);

#endif
