/*
** test_util.h — small helpers any suite may use that know nothing of
** tenantsim: reading a whole file. Static inline, because the Makefile
** compiles only tests/test_*.c and run_tests.c; each suite takes what it
** uses.
*/
#ifndef TS_TEST_UTIL_H
#define TS_TEST_UTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* The whole of file zPath (read as bytes) as a NUL-terminated string,
** malloc'ed: the caller owns it and frees it with free(). Its length
** without the terminator goes to *pn when pn is not NULL; a file with NUL
** bytes is returned whole, so *pn may exceed strlen(). A file that cannot
** be opened or read fails the test; a caller for whom the file is
** optional checks access(zPath, R_OK) first. */
static inline char *tu_slurp(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  ck_assert_msg(f!=NULL, "cannot open %s", zPath);
  ck_assert_msg(fseek(f, 0, SEEK_END)==0, "cannot seek in %s", zPath);
  n = ftell(f);
  ck_assert_msg(n>=0, "cannot size %s", zPath);
  rewind(f);
  z = malloc((size_t)n + 1);
  ck_assert_ptr_nonnull(z);
  ck_assert_msg(fread(z, 1, (size_t)n, f)==(size_t)n, "short read of %s", zPath);
  z[n] = 0;
  fclose(f);
  if( pn ) *pn = (size_t)n;
  return z;
}

#endif
