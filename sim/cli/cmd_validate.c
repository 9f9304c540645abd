/*
** cmd_validate.c — `tenantsim validate FILE...`: check scenarios without
** running them.
*/
#include <stdio.h>
#include "cli.h"
#include "cli_args.h"

/* Each file is checked and reported on its own; the exit status is the
** worst of them (2 invalid input beats 1 I/O failure beats 0). */
static int validate_exec(int argc, char **argv, FILE *out, FILE *err){
  CliArgs a;
  int rc, rcAll = 0, nFile = 0;
  cli_args_start(&a, &cmd_validate_entry, argc, argv);
  while( (rc = cli_args_next(&a, err))==1 ) nFile++;
  if( rc ) return rc;
  if( nFile==0 ) return cli_usage_error(err, "validate needs at least one FILE");
  cli_args_start(&a, &cmd_validate_entry, argc, argv);
  while( cli_args_next(&a, err)==1 ){
    Scenario *pScn = NULL;
    if( cli_input(err, a.zArg, CLI_SCENARIO) ){
      rcAll = 2;
      continue;
    }
    rc = cli_load_scenario(err, a.zArg, &pScn);
    if( rc ){
      int e = cli_exit_code(rc);
      if( e==2 || rcAll==0 ) rcAll = e;
      continue;
    }
    fprintf(out, "%s: valid scenario \"%s\" (%d timeline actions)\n", a.zArg, pScn->zName,
            pScn->nAction);
    scenario_free(pScn);
  }
  return rcAll;
}

const CliCommand cmd_validate_entry = {
  "validate",
  "validate FILE...",
  "Check scenarios without running them; every problem is printed as\n"
  "FILE: JSON.PATH: what was expected. The exit status is the worst of\n"
  "the files'.",
  NULL, CLI_SCENARIO, -1,
  validate_exec
};
