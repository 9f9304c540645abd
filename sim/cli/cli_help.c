/*
** cli_help.c — --help, COMMAND --help and --version (see cli_help.h).
*/
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <cjson/cJSON.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include "cli_args.h"
#include "cli_help.h"
#include "cli_table.h"

static const char zExitStatus[] =
  "exit status: 0 success, 1 run or I/O failure (writing an output, memory),\n"
  "2 invalid input (usage; an invalid scenario; an input file that is missing,\n"
  "a directory, unreadable or not a run database).\n";

/* Write each line of z to f, each after zIndent. */
static void put_lines(FILE *f, const char *zIndent, const char *z){
  while( *z ){
    size_t n = strcspn(z, "\n");
    fprintf(f, "%s%.*s\n", zIndent, (int)n, z);
    z += n + (z[n]=='\n');
  }
}

void cli_help_all(FILE *f){
  int i;
  fputs("tenantsim " TENANTSIM_VERSION " — offline simulator of Microsoft Entra cross-tenant"
        " synchronization\n\nusage:\n", f);
  for(i=0; i<cli_table_count(); i++){
    cli_synopsis_write(f, cli_table_at(i));
    put_lines(f, "      ", cli_table_at(i)->zHelp);
  }
  fputs("  tenantsim --help | --version\n"
        "  tenantsim COMMAND --help | tenantsim help COMMAND\n"
        "\n", f);
  fputs(zExitStatus, f);
  fputs("The scenario format and the report fields are described in README.md;\n"
        "man tenantsim has every command and option.\n", f);
}

void cli_help_command(FILE *f, const CliCommand *c){
  fputs("usage:\n", f);
  cli_synopsis_write(f, c);
  put_lines(f, "      ", c->zHelp);
  cli_args_help(f, c);
  fputc('\n', f);
  fputs(zExitStatus, f);
  fputs("Run 'tenantsim --help' for every command; README.md describes the formats.\n", f);
}

void cli_help_version(FILE *f){
  char zPcre[64];
  if( pcre2_config(PCRE2_CONFIG_VERSION, zPcre)<0 ) snprintf(zPcre, sizeof(zPcre), "unknown");
  fprintf(f, "tenantsim %s\nruns on SQLite %s, cJSON %s, PCRE2 %s\n", TENANTSIM_VERSION,
          sqlite3_libversion(), cJSON_Version(), zPcre);
}
