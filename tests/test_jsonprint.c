/*
** test_jsonprint.c — the specification of sim/jsonprint.c: what it writes
** is, byte for byte, what cJSON_Print returns.
*/
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "jsonprint.h"
#include "mem.h"
#include "suites.h"
#include "test_util.h"
#include "tserr.h"

/* Does jsonprint_write(p) give cJSON_Print(p)? Fails the test with zWhat
** when not. */
static void same_as_cjson(const cJSON *p, const char *zWhat){
  char *zWant = cJSON_Print(p), *zGot = NULL;
  size_t nGot = 0;
  FILE *f = open_memstream(&zGot, &nGot);
  ck_assert(zWant!=NULL && f!=NULL);
  ck_assert_int_eq(jsonprint_write(f, p), TS_OK);
  ck_assert_int_eq(fclose(f), 0);
  ck_assert_msg(nGot==strlen(zWant) && memcmp(zGot, zWant, nGot)==0,
                "%s: printed differently from cJSON_Print", zWhat);
  free(zGot);
  cJSON_free(zWant);
}

/* Every JSON file under zDir (recursively) that parses; how many. */
static int same_for_files(const char *zDir){
  DIR *d = opendir(zDir);
  struct dirent *e;
  int n = 0;
  ck_assert_msg(d!=NULL, "%s", zDir);
  while( (e = readdir(d))!=NULL ){
    char zPath[1024];
    struct stat st;
    size_t nName = strlen(e->d_name);
    if( e->d_name[0]=='.' ) continue;
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, e->d_name);
    if( stat(zPath, &st) ) continue;
    if( S_ISDIR(st.st_mode) ){
      n += same_for_files(zPath);
    }else if( nName>5 && strcmp(e->d_name+nName-5, ".json")==0 ){
      char *z = tu_slurp(zPath, NULL);
      cJSON *p = z ? cJSON_Parse(z) : NULL;
      if( p ){ same_as_cjson(p, zPath); n++; }
      cJSON_Delete(p);
      free(z);
    }
  }
  closedir(d);
  return n;
}

START_TEST(test_the_shipped_scenarios_and_fixtures_print_as_cjson_prints_them){
  int n = same_for_files("scenarios") + same_for_files("tests/fixtures");
  ck_assert_msg(n>=100, "only %d JSON files compared", n);
}
END_TEST

/* Every byte in strings and keys, empty and nested containers at every
** depth, numbers of each shape and raw items. */
START_TEST(test_every_shape_prints_as_cjson_prints_it){
  static const double aNum[] = { 0, -0.0, 1, -1, 0.5, 1e300, -2.5e-300, 9007199254740993.0,
                                 2147483647.0, 2147483648.0, -2147483649.0, 0.1, 1.0/3, 123456789012.0 };
  cJSON *p = cJSON_CreateObject(), *a, *o;
  char zAll[256], zKey[4];
  int i;
  for(i=1; i<256; i++) zAll[i-1] = (char)i;
  zAll[255] = 0;
  cJSON_AddStringToObject(p, "every byte", zAll);
  for(i=1; i<256; i+=7){
    zKey[0] = (char)i; zKey[1] = 'k'; zKey[2] = (char)(256-i); zKey[3] = 0;
    cJSON_AddStringToObject(p, zKey, "");
  }
  cJSON_AddItemToObject(p, "empty object", cJSON_CreateObject());
  cJSON_AddItemToObject(p, "empty array", cJSON_CreateArray());
  a = cJSON_AddArrayToObject(p, "nested");
  cJSON_AddItemToArray(a, cJSON_CreateArray());
  cJSON_AddItemToArray(a, cJSON_CreateObject());
  o = cJSON_CreateObject();
  cJSON_AddItemToArray(a, o);
  cJSON_AddItemToObject(o, "in", cJSON_CreateArray());
  cJSON_AddItemToArray(cJSON_GetObjectItem(o, "in"), cJSON_CreateObject());
  cJSON_AddItemToArray(cJSON_GetObjectItem(o, "in"), cJSON_CreateNull());
  cJSON_AddItemToArray(a, cJSON_CreateTrue());
  cJSON_AddItemToArray(a, cJSON_CreateFalse());
  cJSON_AddItemToArray(a, cJSON_CreateRaw("{\"raw\":1}"));
  a = cJSON_AddArrayToObject(p, "numbers");
  for(i=0; i<(int)(sizeof(aNum)/sizeof(aNum[0])); i++) cJSON_AddItemToArray(a, cJSON_CreateNumber(aNum[i]));
  same_as_cjson(p, "every shape");
  same_as_cjson(cJSON_GetObjectItem(p, "numbers"), "an array at the top");
  same_as_cjson(cJSON_GetObjectItem(p, "every byte"), "a string at the top");
  cJSON_Delete(p);
}
END_TEST

/* A write error is TS_IOERR. */
START_TEST(test_a_failed_write_is_an_io_error){
  cJSON *p = cJSON_CreateObject();
  FILE *f = fopen("/dev/full", "w");
  int i;
  if( f==NULL ){ cJSON_Delete(p); return; }
  for(i=0; i<20000; i++) cJSON_AddStringToObject(p, "k", "a value long enough to fill buffers");
  ck_assert_int_eq(jsonprint_write(f, p), TS_IOERR);
  fclose(f);
  cJSON_Delete(p);
}
END_TEST

Suite *jsonprint_suite(void){
  Suite *s = suite_create("jsonprint");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_the_shipped_scenarios_and_fixtures_print_as_cjson_prints_them);
  tcase_add_test(tc, test_every_shape_prints_as_cjson_prints_it);
  tcase_add_test(tc, test_a_failed_write_is_an_io_error);
  suite_add_tcase(s, tc);
  return s;
}
