/*
** main.c — the tenantsim command line: find the command argv[1] names in
** the command table (cli_table.h) and run it. The built-in words are
** here: --help and `help [COMMAND]`, --version, and the hidden
** `__complete` that the shell completion scripts call (cli_complete.h).
*/
#include <stdio.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "cli.h"
#include "cli_complete.h"
#include "cli_help.h"
#include "cli_table.h"
#include "mem.h"

/* Does the command line after the command ask for its help? */
static int wants_help(int argc, char **argv){
  int i;
  for(i=2; i<argc; i++){
    if( strcmp(argv[i], "--")==0 ) break;
    if( strcmp(argv[i], "--help")==0 || (i==2 && strcmp(argv[i], "-h")==0) ) return 1;
  }
  return 0;
}

/* "unknown command X", with the closest command when one is near. */
static int unknown_command(const char *zName){
  const CliCommand *pNear = cli_table_closest(zName);
  if( zName[0]=='-' ){
    return cli_usage_error(stderr, "unknown option %s (before the command: --help, --version)", zName);
  }
  if( pNear ) return cli_usage_error(stderr, "unknown command %s; did you mean %s?", zName, pNear->zName);
  return cli_usage_error(stderr, "unknown command %s", zName);
}

/* cJSON allocates through the same wrapper as everything else. */
static void *cjson_malloc(size_t n){ return mem_malloc(n); }

int main(int argc, char **argv){
  cJSON_Hooks hooks;
  const CliCommand *c;
  hooks.malloc_fn = cjson_malloc;
  hooks.free_fn = mem_free;
  cJSON_InitHooks(&hooks);
  if( argc<2 ){
    cli_help_all(stderr);
    return 2;
  }
  if( strcmp(argv[1], "--help")==0 || strcmp(argv[1], "-h")==0 || strcmp(argv[1], "help")==0 ){
    if( argc<3 || strcmp(argv[1], "help")!=0 ){
      cli_help_all(stdout);
      return 0;
    }
    if( (c = cli_table_find(argv[2]))==NULL ) return unknown_command(argv[2]);
    cli_help_command(stdout, c);
    return 0;
  }
  if( strcmp(argv[1], "--version")==0 || strcmp(argv[1], "-V")==0 || strcmp(argv[1], "version")==0 ){
    cli_help_version(stdout);
    return 0;
  }
  if( strcmp(argv[1], "__complete")==0 ) return cli_complete(stdout, argc-2, argv+2);
  if( (c = cli_table_find(argv[1]))==NULL ) return unknown_command(argv[1]);
  if( wants_help(argc, argv) ){
    cli_help_command(stdout, c);
    return 0;
  }
  return c->xExec(argc-2, argv+2, stdout, stderr);
}
