/*
** test_cli_args.c — the command line's declared options (sim/cli/
** cli_args.c), the command table they live in (cli_table.c) and the
** completion built from it (cli_complete.c), in process: how an option
** and its value are read, what a refusal says, that every command's
** synopsis and its declared options agree, and what TAB offers.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli_args.h"
#include "cli_complete.h"
#include "cli_table.h"
#include "suites.h"

static const CliOption aOpt[] = {
  { "--format", "text|json", CLI_CHOICE, "the format" },
  { "--db",     "PATH",      CLI_DB,     "the database" },
  { "--quiet",  NULL,        CLI_WORD,   "quiet" },
  { "-o",       "FILE",      CLI_OUTPUT, "the output" },
  { NULL, NULL, CLI_WORD, NULL }
};
static const CliCommand cmdT = { "demo", "demo FILE [--format text|json]", "a demo", aOpt,
                                  CLI_SCENARIO, 1, NULL };

/* Read the NULL-terminated arguments az with cmdT; each argument read is
** appended to zOut as "name=value " (an operand as "=value "); the
** messages go to zErr. Returns the last cli_args_next result. */
static int parse(char **az, char *zOut, size_t nOut, char *zErr, size_t nErr){
  CliArgs a;
  char *zBuf = NULL;
  size_t nBuf = 0;
  FILE *err = open_memstream(&zBuf, &nBuf);
  int n = 0, rc;
  ck_assert_ptr_nonnull(err);
  while( az[n] ) n++;
  zOut[0] = 0;
  cli_args_start(&a, &cmdT, n, az);
  while( (rc = cli_args_next(&a, err))==1 ){
    size_t k = strlen(zOut);
    snprintf(zOut+k, nOut-k, "%s=%s ", a.pOpt ? a.pOpt->zName : "", a.zArg ? a.zArg : "(none)");
  }
  fclose(err);
  snprintf(zErr, nErr, "%s", zBuf ? zBuf : "");
  free(zBuf);
  return rc;
}

START_TEST(test_options_values_switches_and_operands_are_read_in_order){
  char *az[] = { "x.json", "--format", "json", "--db=r.db", "--quiet", "-o", "out", "-1", "-", NULL };
  char zOut[400], zErr[400];
  ck_assert_int_eq(parse(az, zOut, sizeof(zOut), zErr, sizeof(zErr)), 0);
  ck_assert_str_eq(zOut, "=x.json --format=json --db=r.db --quiet=(none) -o=out =-1 =- ");
  ck_assert_str_eq(zErr, "");
}
END_TEST

START_TEST(test_double_dash_ends_the_options){
  char *az[] = { "--", "--format", "-o", NULL };
  char zOut[400], zErr[400];
  ck_assert_int_eq(parse(az, zOut, sizeof(zOut), zErr, sizeof(zErr)), 0);
  ck_assert_str_eq(zOut, "=--format =-o ");
}
END_TEST

START_TEST(test_a_mistyped_option_gets_the_closest_declared_one){
  char *az[] = { "x.json", "--fromat", "json", NULL };
  char *azFar[] = { "--frobnicate", NULL };
  char *azEq[] = { "--qiet=1", NULL };
  char zOut[400], zErr[400];
  ck_assert_int_eq(parse(az, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert_str_eq(zErr, "tenantsim demo: unknown option --fromat; did you mean --format?\n"
                         "Run 'tenantsim demo --help' for its options.\n");
  ck_assert_int_eq(parse(azFar, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert_str_eq(zErr, "tenantsim demo: unknown option --frobnicate\n"
                         "Run 'tenantsim demo --help' for its options.\n");
  /* --name=value: the suggestion is for the name */
  ck_assert_int_eq(parse(azEq, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert(strstr(zErr, "unknown option --qiet; did you mean --quiet?")!=NULL);
}
END_TEST

START_TEST(test_a_missing_value_names_what_the_option_accepts){
  char *azEnd[] = { "x.json", "--format", NULL };
  char *azOpt[] = { "--db", "--quiet", NULL };
  char zOut[400], zErr[400];
  ck_assert_int_eq(parse(azEnd, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert_str_eq(zErr, "tenantsim demo: missing value for --format (text|json)\n"
                         "Run 'tenantsim demo --help' for its options.\n");
  /* the next word is an option, not the value */
  ck_assert_int_eq(parse(azOpt, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert(strstr(zErr, "missing value for --db (PATH)")!=NULL);
}
END_TEST

START_TEST(test_a_switch_takes_no_value){
  char *az[] = { "--quiet=yes", NULL };
  char zOut[400], zErr[400];
  ck_assert_int_eq(parse(az, zOut, sizeof(zOut), zErr, sizeof(zErr)), 2);
  ck_assert(strstr(zErr, "tenantsim demo: --quiet takes no value")!=NULL);
}
END_TEST

START_TEST(test_help_lists_every_option_with_its_value){
  char *zBuf = NULL;
  size_t nBuf = 0;
  FILE *f = open_memstream(&zBuf, &nBuf);
  cli_args_help(f, &cmdT);
  fclose(f);
  ck_assert(strstr(zBuf, "\noptions:\n  --format text|json ")!=NULL);
  ck_assert(strstr(zBuf, "  --quiet ")!=NULL);
  ck_assert(strstr(zBuf, "  -o FILE ")!=NULL);
  free(zBuf);
}
END_TEST

/* Does the synopsis of c name option zName as a word of its own? */
static int synopsis_names(const CliCommand *c, const char *zName){
  const char *z = c->zSynopsis;
  size_t n = strlen(zName);
  while( (z = strstr(z, zName))!=NULL ){
    char cAfter = z[n];
    if( (z==c->zSynopsis || strchr(" [(|", z[-1])) && strchr(" ]).|\n", cAfter ? cAfter : ' ') ){
      return 1;
    }
    z += n;
  }
  return 0;
}

/* The synopsis --help prints and the options the parser accepts are one
** list: every long option is in the synopsis, every "--word" of the
** synopsis is declared, each option says what it does, a choice lists its
** choices, and no name is declared twice. */
START_TEST(test_every_command_synopsis_and_declared_options_agree){
  int i;
  ck_assert_int_ge(cli_table_count(), 13);
  for(i=0; i<cli_table_count(); i++){
    const CliCommand *c = cli_table_at(i);
    const CliOption *o, *o2;
    const char *z;
    ck_assert_ptr_nonnull(c->xExec);
    ck_assert_ptr_eq(cli_table_find(c->zName), c);
    for(o=c->aOpt; o && o->zName; o++){
      ck_assert_msg(o->zHelp && o->zHelp[0], "%s %s: no help", c->zName, o->zName);
      ck_assert_msg(o->eKind!=CLI_CHOICE || (o->zValue && strchr(o->zValue, '|')),
                    "%s %s: a choice without choices", c->zName, o->zName);
      if( o->zName[1]=='-' ){
        ck_assert_msg(synopsis_names(c, o->zName), "%s: the synopsis lacks %s", c->zName, o->zName);
      }
      for(o2=o+1; o2->zName; o2++) ck_assert_msg(strcmp(o->zName, o2->zName)!=0, "%s %s twice",
                                                 c->zName, o->zName);
    }
    for(z=strstr(c->zSynopsis, "--"); z; z=strstr(z+2, "--")){
      char zName[64];
      size_t n = strspn(z, "-abcdefghijklmnopqrstuvwxyz");
      snprintf(zName, sizeof(zName), "%.*s", (int)n, z);
      ck_assert_msg(cli_args_find(c, zName, -1)!=NULL, "%s: the synopsis names %s, not declared",
                    c->zName, zName);
      z += n-2;
    }
  }
}
END_TEST

START_TEST(test_the_closest_command_is_at_most_two_edits_away){
  ck_assert_str_eq(cli_table_closest("rn")->zName, "run");
  ck_assert_str_eq(cli_table_closest("valdate")->zName, "validate");
  ck_assert_ptr_null(cli_table_closest("frobnicate"));
  ck_assert_ptr_null(cli_table_find("__complete"));     /* hidden, not a command */
}
END_TEST

/* What TAB offers for the words az (the last one being completed). */
static char *complete(char **az){
  char *zBuf = NULL;
  size_t nBuf = 0;
  FILE *f = open_memstream(&zBuf, &nBuf);
  int n = 0;
  while( az[n] ) n++;
  ck_assert_int_eq(cli_complete(f, n, az), 0);
  fclose(f);
  return zBuf;
}

START_TEST(test_completion_offers_commands_options_choices_and_files){
  static const struct { char *az[6]; const char *zWant; } a[] = {
    { { "r", NULL }, "run\nreport\n" },
    { { "help", "va", NULL }, "validate\n" },
    { { "run", "x.json", "--q", NULL }, "--quiet\n" },
    { { "run", "", NULL }, ":files json\n" },
    { { "run", "x.json", "", NULL }, "" },                    /* run takes one FILE */
    { { "run", "x.json", "--db", "", NULL }, ":files db\n" },
    { { "report", "x.db", "--format", "", NULL }, "text\njson\nhtml\nmd\n" },
    { { "lint", "", NULL }, ":files json db\n" },
    { { "lint", "x.db", "--fail-on", "h", NULL }, "high\n" },
    { { "diff", "a.db", "", NULL }, ":files db\n" },
    { { "export", "x.db", "--csv", "", NULL }, ":dirs\n" },
    { { "export", "x.db", "--output", "", NULL }, ":files\n" },
    { { "import", "--users", "", NULL }, ":files json\n" },
    { { "eval", "--seed", "", NULL }, "" },
    { { "nosuch", "", NULL }, "" },
  };
  size_t i;
  for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
    char *z = complete((char**)a[i].az);
    ck_assert_msg(strcmp(z, a[i].zWant)==0, "case %d: got \"%s\"", (int)i, z);
    free(z);
  }
}
END_TEST

/* Completion reads the same table as the parser: every declared option
** of every command is offered after "--". */
START_TEST(test_completion_offers_every_declared_option){
  int i;
  for(i=0; i<cli_table_count(); i++){
    const CliCommand *c = cli_table_at(i);
    const CliOption *o;
    char *az[3];
    char *z;
    az[0] = (char*)c->zName;
    az[1] = "-";
    az[2] = NULL;
    z = complete(az);
    for(o=c->aOpt; o && o->zName; o++){
      char zLine[80];
      snprintf(zLine, sizeof(zLine), "%s\n", o->zName);
      ck_assert_msg(strstr(z, zLine)!=NULL, "%s: %s not offered", c->zName, o->zName);
    }
    ck_assert(strstr(z, "--help\n")!=NULL);
    free(z);
  }
}
END_TEST

Suite *cli_args_suite(void){
  Suite *s = suite_create("cli_args");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, test_options_values_switches_and_operands_are_read_in_order);
  tcase_add_test(tc, test_double_dash_ends_the_options);
  tcase_add_test(tc, test_a_mistyped_option_gets_the_closest_declared_one);
  tcase_add_test(tc, test_a_missing_value_names_what_the_option_accepts);
  tcase_add_test(tc, test_a_switch_takes_no_value);
  tcase_add_test(tc, test_help_lists_every_option_with_its_value);
  tcase_add_test(tc, test_every_command_synopsis_and_declared_options_agree);
  tcase_add_test(tc, test_the_closest_command_is_at_most_two_edits_away);
  tcase_add_test(tc, test_completion_offers_commands_options_choices_and_files);
  tcase_add_test(tc, test_completion_offers_every_declared_option);
  suite_add_tcase(s, tc);
  return s;
}
