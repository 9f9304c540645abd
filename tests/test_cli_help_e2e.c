/*
** test_cli_help_e2e.c — the command line as a Debian tool, end to end:
** every command's help (COMMAND --help and help COMMAND), one exit-status
** rule for every command (a table of missing and folder inputs, mistyped
** commands and options, missing values), --version, the man page
** (man --warnings, and every command and option of the table in it), and
** make install / uninstall with the bash and zsh completion it installs.
**
** The binary is $TENANTSIM; the command table is read in process
** (cli_table.h), so a command or an option added there is checked here
** without touching this file. Runs from the repository root.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include "cli_table.h"
#include "e2e_fixture.h"
#include "suites.h"

#define MAN_PAGE "sim/cli/tenantsim.1"

static char zDir[256];

static void setup(void){ e2e_mkdir(zDir, sizeof(zDir), "tenantsim-help"); }

/* The text of file zName in directory zIn, for a failure's message (a
** static copy, cut at 2000 bytes; "" when unreadable). */
static const char *file_text(const char *zIn, const char *zName){
  static char zText[2000];
  char zPath[400];
  char *z;
  snprintf(zPath, sizeof(zPath), "%s/%s", zIn, zName);
  z = tu_slurp(zPath, NULL);
  snprintf(zText, sizeof(zText), "%s", z ? z : "");
  free(z);
  return zText;
}
static void teardown(void){ e2e_rmdir(zDir); }

START_TEST(test_every_command_help_exits_0_names_its_options_and_equals_help_command){
  int i;
  for(i=0; i<cli_table_count(); i++){
    const CliCommand *c = cli_table_at(i);
    const CliOption *o;
    ck_assert_msg(sh("%s %s --help > %s/a.txt 2>&1", bin(), c->zName, zDir)==0, "%s --help", c->zName);
    ck_assert_msg(sh("%s help %s > %s/b.txt 2>&1", bin(), c->zName, zDir)==0, "help %s", c->zName);
    ck_assert_msg(sh("cmp -s %s/a.txt %s/b.txt", zDir, zDir)==0, "help %s differs from --help", c->zName);
    ck_assert_msg(sh("grep -q '^  tenantsim %s' %s/a.txt", c->zName, zDir)==0, "%s: no synopsis",
                  c->zName);
    for(o=c->aOpt; o && o->zName; o++){
      ck_assert_msg(sh("grep -q -e '^  %s ' -e '^  %s$' %s/a.txt", o->zName, o->zName, zDir)==0,
                    "%s --help does not list %s", c->zName, o->zName);
    }
  }
  ck_assert_int_eq(sh("%s help nosuch > /dev/null 2>&1", bin()), 2);
  ck_assert_int_eq(sh("%s help valdate 2>&1 | grep -q 'did you mean validate?'", bin()), 0);
  ck_assert_int_eq(sh("%s help | grep -q '^  tenantsim provision-on-demand'", bin()), 0);
}
END_TEST

/* One exit-status rule for every command: a missing or folder input, a
** mistyped option and a missing value are invalid input (2), each with
** its message. zArgs has %s for the test's directory where a folder or a
** file inside it is wanted. */
typedef struct ExitCase {
  const char *zArgs;
  int rc;
  const char *zMsg;
} ExitCase;

static const ExitCase aExit[] = {
  /* a missing input file */
  { "run %s/none.json", 2, "none.json: No such file or directory (expected a scenario file)" },
  { "validate %s/none.json", 2, "none.json: No such file or directory (expected a scenario file)" },
  { "report %s/none.db", 2, "none.db: No such file or directory (expected a run database)" },
  { "logs %s/none.db", 2, "none.db: No such file or directory (expected a run database)" },
  { "diff %s/none.db %s/none.db", 2, "none.db: No such file or directory (expected a run database)" },
  { "plan %s/none.json --mapping m.json", 2, "none.json: No such file or directory" },
  { "lint %s/none.json", 2, "none.json: No such file or directory (expected a scenario file or a run database)" },
  { "trust %s/none.db", 2, "none.db: No such file or directory (expected a scenario file or a run database)" },
  { "test %s/none.json", 2, "none.json: No such file or directory (expected a scenario file)" },
  { "import --users %s/none.json --source-tenant a --target-tenant b -o o.json", 2,
    "none.json: No such file or directory (expected a JSON file)" },
  { "export %s/none.db --schema", 2, "none.db: No such file or directory (expected a run database)" },
  { "eval --input %s/none.json 'x'", 2, "none.json: No such file or directory (expected a JSON file)" },
  { "provision-on-demand %s/none.db job user", 2, "none.db: No such file or directory" },
  /* a folder where a file is expected */
  { "run %s", 2, " is a directory, expected a scenario file" },
  { "validate %s", 2, " is a directory, expected a scenario file" },
  { "report %s", 2, " is a directory, expected a run database" },
  { "logs %s", 2, " is a directory, expected a run database" },
  { "diff %s %s", 2, " is a directory, expected a run database" },
  { "plan %s --filters f.json", 2, " is a directory, expected a scenario file" },
  { "plan scenarios/group-sync.json --mapping %s", 2, " is a directory, expected a JSON file" },
  { "lint %s", 2, " is a directory, expected a scenario file or a run database" },
  { "trust %s", 2, " is a directory, expected a scenario file or a run database" },
  { "test %s", 2, " is a directory, expected a scenario file" },
  { "import --users %s --source-tenant a --target-tenant b -o o.json", 2,
    " is a directory, expected a JSON file" },
  { "export %s --csv out", 2, " is a directory, expected a run database" },
  { "eval --input %s 'x'", 2, " is a directory, expected a JSON file" },
  { "provision-on-demand %s job user", 2, " is a directory, expected a run database" },
  /* a mistyped option: the closest declared one, before any file is read */
  { "run x.json --jsn out.json", 2, "tenantsim run: unknown option --jsn; did you mean --json?" },
  { "validate --qiet x.json", 2, "tenantsim validate: unknown option --qiet" },
  { "report x.db --fromat json", 2, "unknown option --fromat; did you mean --format?" },
  { "logs x.db --jbo k", 2, "unknown option --jbo; did you mean --job?" },
  { "diff a.db b.db --outptu o", 2, "unknown option --outptu; did you mean --output?" },
  { "plan x.json --mappng m.json", 2, "unknown option --mappng; did you mean --mapping?" },
  { "lint x.json --fail-onn high", 2, "unknown option --fail-onn; did you mean --fail-on?" },
  { "trust x.json --att end", 2, "unknown option --att; did you mean --at?" },
  { "test x.json --tapp", 2, "unknown option --tapp; did you mean --tap?" },
  { "import --userz u.json", 2, "unknown option --userz; did you mean --users?" },
  { "export x.db --schemaa", 2, "unknown option --schemaa; did you mean --schema?" },
  { "eval --atr a=b 'x'", 2, "unknown option --atr; did you mean --attr?" },
  { "provision-on-demand --quiet x.db j u", 2, "tenantsim provision-on-demand: unknown option --quiet" },
  /* a missing value names the accepted values where there is a fixed set */
  { "report x.db --format", 2, "missing value for --format (text|json|html|md)" },
  { "lint x.json --fail-on", 2, "missing value for --fail-on (info|low|medium|high|critical)" },
  { "run x.json --db", 2, "missing value for --db (PATH)" },
  { "trust x.json --format --at end", 2, "missing value for --format (text|json|dot|html)" },
  /* a mistyped command */
  { "rn x.json", 2, "unknown command rn; did you mean run?" },
  { "reprot x.db", 2, "unknown command reprot; did you mean report?" },
  { "frobnicate", 2, "unknown command frobnicate\n" },
  { "--jsn", 2, "unknown option --jsn (before the command: --help, --version)" },
  /* an output that cannot be written is a run failure, not input */
  { "run scenarios/group-sync.json --db %s/g.db --quiet --json %s/no/such/dir/r.json", 1,
    "cannot write " },
};

/* zArgs with each %s replaced by the test's directory, into z. */
static void expand(const char *zArgs, char *z, size_t n){
  size_t k = 0;
  while( *zArgs && k+1<n ){
    if( zArgs[0]=='%' && zArgs[1]=='s' ){
      k += (size_t)snprintf(z+k, n-k, "%s", zDir);
      zArgs += 2;
    }else{
      z[k++] = *zArgs++;
    }
  }
  z[k<n ? k : n-1] = 0;
}

START_TEST(test_every_command_exits_2_for_invalid_input_with_its_message){
  size_t i;
  int k;
  for(i=0; i<sizeof(aExit)/sizeof(aExit[0]); i++){
    char zArgs[600], zErr[400];
    char *zText;
    int rc;
    expand(aExit[i].zArgs, zArgs, sizeof(zArgs));
    rc = sh("cd . && %s %s > %s/out.txt 2> %s/err.txt", bin(), zArgs, zDir, zDir);
    snprintf(zErr, sizeof(zErr), "%s/err.txt", zDir);
    zText = tu_slurp(zErr, NULL);
    ck_assert_msg(rc==aExit[i].rc, "tenantsim %s: exit %d, expected %d (%s)", zArgs, rc, aExit[i].rc,
                  zText);
    ck_assert_msg(strstr(zText, aExit[i].zMsg)!=NULL, "tenantsim %s: \"%s\" not in \"%s\"", zArgs,
                  aExit[i].zMsg, zText);
    free(zText);
  }
  /* every command of the table has its missing-input, folder and
  ** mistyped-option cases above */
  for(k=0; k<cli_table_count(); k++){
    const char *zName = cli_table_at(k)->zName;
    int n = 0;
    for(i=0; i<sizeof(aExit)/sizeof(aExit[0]); i++){
      size_t nName = strlen(zName);
      n += strncmp(aExit[i].zArgs, zName, nName)==0 && aExit[i].zArgs[nName]==' ';
    }
    ck_assert_msg(n>=3, "%s has %d exit-status cases, not 3", zName, n);
  }
}
END_TEST

START_TEST(test_version_names_the_libraries_it_runs_on){
  char zOut[300];
  char *z;
  ck_assert_int_eq(sh("%s --version > %s/v.txt", bin(), zDir), 0);
  snprintf(zOut, sizeof(zOut), "%s/v.txt", zDir);
  z = tu_slurp(zOut, NULL);
  {
    static const char zHead[] = "tenantsim " TENANTSIM_VERSION "\nruns on SQLite ";
    ck_assert_msg(strncmp(z, zHead, sizeof(zHead)-1)==0, "%s", z);
  }
  ck_assert_msg(strstr(z, sqlite3_libversion())!=NULL, "%s", z);
  ck_assert(strstr(z, ", cJSON 1.")!=NULL);
  ck_assert(strstr(z, ", PCRE2 10.")!=NULL);
  free(z);
  ck_assert_int_eq(sh("%s -V | cmp -s - %s/v.txt", bin(), zDir), 0);
  ck_assert_int_eq(sh("%s version | cmp -s - %s/v.txt", bin(), zDir), 0);
}
END_TEST

START_TEST(test_man_page_has_no_warnings){
  ck_assert_msg(sh("command -v man > /dev/null")==0, "man is not installed (make deps installs man-db)");
  ck_assert_int_eq(sh("man --warnings -l " MAN_PAGE " > /dev/null 2> %s/w.txt", zDir), 0);
  ck_assert_msg(sh("test -s %s/w.txt", zDir)!=0, "man --warnings: %s", file_text(zDir, "w.txt"));
  /* and it renders: a name and every section */
  ck_assert_int_eq(sh("MANWIDTH=80 man -l " MAN_PAGE " 2>/dev/null | grep -q '^EXIT STATUS'"), 0);
}
END_TEST

/* z with every '-' written as roff's "\-", into zOut. */
static void roff_name(const char *z, char *zOut, size_t n){
  size_t k = 0;
  for(; *z && k+2<n; z++){
    if( *z=='-' ) zOut[k++] = '\\';
    zOut[k++] = *z;
  }
  zOut[k] = 0;
}

/* Every command has its ".SS command" subsection, and every option the
** table declares is in it; the page's version is the binary's. */
START_TEST(test_man_page_documents_every_command_and_option_of_the_table){
  char *zPage = tu_slurp(MAN_PAGE, NULL);
  int i;
  ck_assert_ptr_nonnull(zPage);
  ck_assert_msg(strstr(zPage, "\"tenantsim " TENANTSIM_VERSION "\"")!=NULL,
                ".TH does not give version " TENANTSIM_VERSION);
  for(i=0; i<cli_table_count(); i++){
    const CliCommand *c = cli_table_at(i);
    const CliOption *o;
    char zHead[200], zName[128], *zSec, *zEnd, cSave;
    roff_name(c->zName, zName, sizeof(zName));
    snprintf(zHead, sizeof(zHead), "\n.SS %s\n", zName);
    zSec = strstr(zPage, zHead);
    ck_assert_msg(zSec!=NULL, "the man page has no subsection for %s", c->zName);
    zSec += strlen(zHead);
    zEnd = strstr(zSec, "\n.S");
    if( zEnd==NULL ) zEnd = zSec + strlen(zSec);
    cSave = *zEnd;
    *zEnd = 0;
    for(o=c->aOpt; o && o->zName; o++){
      char zOpt[128];
      roff_name(o->zName, zOpt, sizeof(zOpt));
      ck_assert_msg(strstr(zSec, zOpt)!=NULL, "man page, %s: no %s", c->zName, o->zName);
    }
    *zEnd = cSave;
    snprintf(zHead, sizeof(zHead), ".B tenantsim %s\n", zName);
    ck_assert_msg(strstr(zPage, zHead)!=NULL, "the SYNOPSIS lacks %s", c->zName);
  }
  free(zPage);
}
END_TEST

/* make install into a DESTDIR puts the four files in the Debian layout
** (installing the binary under test: BIN= builds nothing), the bash
** completion it installs completes commands, options and file names, and
** make uninstall removes them. The make is run with the environment of a
** make of its own (no inherited jobserver). */
START_TEST(test_make_install_puts_four_files_whose_completion_works_and_uninstall_removes_them){
  static const char *const azFile[] = {
    "bin/tenantsim", "share/man/man1/tenantsim.1", "share/bash-completion/completions/tenantsim",
    "share/zsh/vendor-completions/_tenantsim"
  };
  char zBin[400];
  size_t i;
#define MAKE_ENV "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES make -s --no-print-directory"
  ck_assert_int_eq(sh(MAKE_ENV " install DESTDIR=%s/dest PREFIX=/usr/local BIN=%s > %s/make.txt 2>&1",
                      zDir, bin(), zDir), 0);
  for(i=0; i<sizeof(azFile)/sizeof(azFile[0]); i++){
    ck_assert_msg(sh("test -f %s/dest/usr/local/%s", zDir, azFile[i])==0, "not installed: %s", azFile[i]);
  }
  ck_assert_int_eq(sh("test -x %s/dest/usr/local/bin/tenantsim", zDir), 0);
  ck_assert_int_eq(sh("%s/dest/usr/local/bin/tenantsim --version | grep -q '^tenantsim '", zDir), 0);
  /* bash: the installed script, sourced, with the installed binary on PATH */
  snprintf(zBin, sizeof(zBin), "%s/dest/usr/local/bin", zDir);
  ck_assert_int_eq(sh("printf '{}' > %s/s.json && : > %s/r.db && : > %s/notes.txt", zDir, zDir, zDir), 0);
  {
    static const struct { const char *zWords; int iCur; const char *zWant; int bWant; } a[] = {
      { "tenantsim r", 1, "run", 1 },
      { "tenantsim r", 1, "report", 1 },
      { "tenantsim r", 1, "validate", 0 },
      { "tenantsim run x.json --j", 3, "--json", 1 },
      { "tenantsim report x.db --format \"\"", 4, "md", 1 },
      { "tenantsim run DIR/", 2, "DIR/s.json", 1 },
      { "tenantsim run DIR/", 2, "DIR/notes.txt", 0 },
      { "tenantsim report DIR/", 2, "DIR/r.db", 1 },
      { "tenantsim report DIR/", 2, "DIR/s.json", 0 },
      { "tenantsim lint DIR/", 2, "DIR/r.db", 1 },
    };
    for(i=0; i<sizeof(a)/sizeof(a[0]); i++){
      char zWords[300];
      const char *z;
      size_t k = 0;
      for(z=a[i].zWords; *z && k+sizeof(zDir)<sizeof(zWords); z++){
        if( strncmp(z, "DIR", 3)==0 ){ k += (size_t)snprintf(zWords+k, sizeof(zWords)-k, "%s", zDir); z += 2; }
        else zWords[k++] = *z;
      }
      zWords[k] = 0;
      ck_assert_msg(sh("PATH=%s:$PATH bash --norc --noprofile -c '"
                       "source %s/dest/usr/local/share/bash-completion/completions/tenantsim"
                       " && complete -p tenantsim > /dev/null"
                       " && COMP_WORDS=(%s) && COMP_CWORD=%d && _tenantsim"
                       " && printf \"%%s\\n\" \"${COMPREPLY[@]}\"' > %s/comp.txt 2>&1",
                       zBin, zDir, zWords, a[i].iCur, zDir)==0, "%s", zWords);
      k = 0;
      for(z=a[i].zWant; *z && k+sizeof(zDir)<sizeof(zWords); z++){
        if( strncmp(z, "DIR", 3)==0 ){ k += (size_t)snprintf(zWords+k, sizeof(zWords)-k, "%s", zDir); z += 2; }
        else zWords[k++] = *z;
      }
      zWords[k] = 0;
      ck_assert_msg(sh("grep -qx -- '%s' %s/comp.txt", zWords, zDir)==(a[i].bWant ? 0 : 1),
                    "%s<TAB>: %s %s offered (%s)", a[i].zWords, a[i].zWant,
                    a[i].bWant ? "not" : "", file_text(zDir, "comp.txt"));
    }
  }
  /* zsh, where it is installed: the script with compadd and _files stubbed */
  if( sh("command -v zsh > /dev/null")==0 ){
    ck_assert_int_eq(sh("zsh -n %s/dest/usr/local/share/zsh/vendor-completions/_tenantsim", zDir), 0);
    ck_assert_int_eq(sh("PATH=%s:$PATH zsh -fc 'compadd(){ [[ $1 == -a ]] && print -l -- \"${(@P)2}\"; };"
                        " _files(){ print -- \"_files $*\"; }; words=(tenantsim r); CURRENT=2;"
                        " source %s/dest/usr/local/share/zsh/vendor-completions/_tenantsim;"
                        " words=(tenantsim lint \"\"); CURRENT=3;"
                        " source %s/dest/usr/local/share/zsh/vendor-completions/_tenantsim' > %s/z.txt",
                        zBin, zDir, zDir, zDir), 0);
    ck_assert_msg(sh("grep -qx run %s/z.txt && grep -qx report %s/z.txt"
                     " && grep -qxF '_files -g (*.json|*.db)' %s/z.txt", zDir, zDir, zDir)==0,
                  "zsh: %s", file_text(zDir, "z.txt"));
  }
  ck_assert_int_eq(sh(MAKE_ENV " uninstall DESTDIR=%s/dest PREFIX=/usr/local > %s/make.txt 2>&1",
                      zDir, zDir), 0);
  ck_assert_int_eq(sh("test -z \"$(find %s/dest -type f)\"", zDir), 0);
#undef MAKE_ENV
}
END_TEST

Suite *cli_help_e2e_suite(void){
  Suite *s = suite_create("cli_help_e2e");
  TCase *tc = tcase_create("binary");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, test_every_command_help_exits_0_names_its_options_and_equals_help_command);
  tcase_add_test(tc, test_every_command_exits_2_for_invalid_input_with_its_message);
  tcase_add_test(tc, test_version_names_the_libraries_it_runs_on);
  tcase_add_test(tc, test_man_page_has_no_warnings);
  tcase_add_test(tc, test_man_page_documents_every_command_and_option_of_the_table);
  tcase_add_test(tc, test_make_install_puts_four_files_whose_completion_works_and_uninstall_removes_them);
  suite_add_tcase(s, tc);
  return s;
}
