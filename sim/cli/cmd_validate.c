/*
** cmd_validate.c — `tenantsim validate FILE`: check a scenario without
** running it.
*/
#include <stdio.h>
#include "cli.h"

static int validate_exec(int argc, char **argv, FILE *out, FILE *err){
  Scenario *pScn = NULL;
  int rc;
  if( argc!=1 ) return cli_usage_error(err, "validate takes exactly one FILE");
  rc = cli_load_scenario(err, argv[0], &pScn);
  if( rc ) return cli_exit_code(rc);
  fprintf(out, "%s: valid scenario \"%s\" (%d timeline actions)\n", argv[0], pScn->zName,
          pScn->nAction);
  scenario_free(pScn);
  return 0;
}

const CliCommand cmd_validate_entry = {
  "validate",
  "validate FILE",
  "Check a scenario without running it; every problem is printed as\n"
  "FILE: JSON.PATH: what was expected.",
  validate_exec
};
