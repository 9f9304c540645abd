/*
** cli_table.c — the command table (see cli_table.h).
*/
#include <string.h>
#include "cli_table.h"
#include "suggest.h"

/* The commands in the order --help lists them. */
static const CliCommand *const apCmd[] = {
  &cmd_run_entry, &cmd_validate_entry, &cmd_report_entry, &cmd_export_entry, &cmd_import_entry,
  &cmd_diff_entry, &cmd_diff_plan_entry, &cmd_logs_entry, &cmd_trust_entry, &cmd_lint_entry,
  &cmd_eval_entry, &cmd_test_entry, &cmd_ondemand_entry,
};
#define N_CMD ((int)(sizeof(apCmd)/sizeof(apCmd[0])))

int cli_table_count(void){ return N_CMD; }

const CliCommand *cli_table_at(int i){ return i>=0 && i<N_CMD ? apCmd[i] : NULL; }

const CliCommand *cli_table_find(const char *zName){
  int i;
  for(i=0; i<N_CMD; i++) if( strcmp(zName, apCmd[i]->zName)==0 ) return apCmd[i];
  return NULL;
}

const CliCommand *cli_table_closest(const char *zName){
  const CliCommand *pBest = NULL;
  int i, dBest = 3;
  for(i=0; i<N_CMD; i++){
    int d = suggest_distance(zName, apCmd[i]->zName);
    if( d<dBest ){ dBest = d; pBest = apCmd[i]; }
  }
  return pBest;
}
