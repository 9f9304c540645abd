/*
** main.c — the tenantsim command line: the command table and --help built
** from it (cli.h). Each command is one CliCommand in its own cmd_*.c file;
** main finds the one named by argv[1] and runs it.
*/
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "mem.h"
#include "suggest.h"

/* The commands in the order --help lists them. */
static const CliCommand *const apCmd[] = {
  &cmd_run_entry, &cmd_validate_entry, &cmd_report_entry, &cmd_export_entry, &cmd_import_entry,
  &cmd_diff_entry, &cmd_diff_plan_entry, &cmd_logs_entry, &cmd_trust_entry, &cmd_lint_entry, &cmd_eval_entry, &cmd_test_entry, &cmd_ondemand_entry,
};
#define N_CMD ((int)(sizeof(apCmd)/sizeof(apCmd[0])))

/* Write each line of z to f, each after zIndent. */
static void put_lines(FILE *f, const char *zIndent, const char *z){
  while( *z ){
    size_t n = strcspn(z, "\n");
    fprintf(f, "%s%.*s\n", zIndent, (int)n, z);
    z += n + (z[n]=='\n');
  }
}

/* --help: every command's synopsis and description, from the table. */
static void usage(FILE *f){
  int i;
  fputs("tenantsim " TENANTSIM_VERSION " — offline simulator of Microsoft Entra cross-tenant"
        " synchronization\n\nusage:\n", f);
  for(i=0; i<N_CMD; i++){
    cli_synopsis_write(f, apCmd[i]);
    put_lines(f, "      ", apCmd[i]->zHelp);
  }
  fputs("  tenantsim --help | --version\n"
        "  tenantsim COMMAND --help\n"
        "\n"
        "exit status: 0 success, 1 run or I/O failure, 2 invalid input.\n"
        "The scenario format and the report fields are described in README.md.\n", f);
}

/* CMD --help: that command's synopsis and description. */
static void command_usage(FILE *f, const CliCommand *c){
  fputs("usage:\n", f);
  cli_synopsis_write(f, c);
  put_lines(f, "      ", c->zHelp);
  fputs("\nexit status: 0 success, 1 run or I/O failure, 2 invalid input.\n"
        "Run 'tenantsim --help' for every command; README.md describes the formats.\n", f);
}

/* Does the command line after the command ask for its help? */
static int wants_help(int argc, char **argv){
  int i;
  for(i=2; i<argc; i++){
    if( strcmp(argv[i], "--help")==0 || (i==2 && strcmp(argv[i], "-h")==0) ) return 1;
  }
  return 0;
}

/* The command whose name is closest to z (at most two edits away), or NULL. */
static const char *closest_command(const char *z){
  const char *zBest = NULL;
  int i, dBest = 3;
  for(i=0; i<N_CMD; i++){
    int d = suggest_distance(z, apCmd[i]->zName);
    if( d<dBest ){ dBest = d; zBest = apCmd[i]->zName; }
  }
  return zBest;
}

/* cJSON allocates through the same wrapper as everything else. */
static void *cjson_malloc(size_t n){ return mem_malloc(n); }

int main(int argc, char **argv){
  cJSON_Hooks hooks;
  int i;
  hooks.malloc_fn = cjson_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(&hooks);
  if( argc<2 ){
    usage(stderr);
    return 2;
  }
  if( strcmp(argv[1], "--help")==0 || strcmp(argv[1], "-h")==0 || strcmp(argv[1], "help")==0 ){
    usage(stdout);
    return 0;
  }
  if( strcmp(argv[1], "--version")==0 || strcmp(argv[1], "-V")==0 || strcmp(argv[1], "version")==0 ){
    printf("tenantsim %s\n", TENANTSIM_VERSION);
    return 0;
  }
  for(i=0; i<N_CMD; i++){
    if( strcmp(argv[1], apCmd[i]->zName)!=0 ) continue;
    if( wants_help(argc, argv) ){
      command_usage(stdout, apCmd[i]);
      return 0;
    }
    return apCmd[i]->xExec(argc-2, argv+2, stdout, stderr);
  }
  if( closest_command(argv[1]) ){
    return cli_usage_error(stderr, "unknown command %s (did you mean %s?)", argv[1],
                           closest_command(argv[1]));
  }
  return cli_usage_error(stderr, "unknown command %s", argv[1]);
}
