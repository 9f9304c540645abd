/*
** cmd_validate.c — `tenantsim validate FILE...`: check scenarios without
** running them.
*/
#include <stdio.h>
#include "cli.h"

/* Each file is checked and reported on its own; the exit status is the
** worst of them (2 invalid input beats 1 I/O failure beats 0). */
static int validate_exec(int argc, char **argv, FILE *out, FILE *err){
  int i, rcAll = 0;
  if( argc<1 ) return cli_usage_error(err, "validate needs at least one FILE");
  for(i=0; i<argc; i++){
    Scenario *pScn = NULL;
    int rc = cli_load_scenario(err, argv[i], &pScn);
    if( rc ){
      int e = cli_exit_code(rc);
      if( e==2 || rcAll==0 ) rcAll = e;
      continue;
    }
    fprintf(out, "%s: valid scenario \"%s\" (%d timeline actions)\n", argv[i], pScn->zName,
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
  validate_exec
};
