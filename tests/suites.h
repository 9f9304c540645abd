/*
** suites.h — declares every Check suite listed in suites.def.
*/
#ifndef TS_SUITES_H
#define TS_SUITES_H
#include <check.h>

#define SUITE(n) Suite *n##_suite(void);
#include "suites.def"
#undef SUITE

#endif
