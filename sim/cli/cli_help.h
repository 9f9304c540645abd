/*
** cli_help.h — the help and version texts, built from the command table
** (cli_table.h): `tenantsim --help`, `tenantsim COMMAND --help` (the same
** as `tenantsim help COMMAND`) and `tenantsim --version`.
*/
#ifndef TS_CLI_HELP_H
#define TS_CLI_HELP_H
#include <stdio.h>
#include "cli.h"

/* Every command's synopsis and description, then the general forms and
** the exit statuses. */
void cli_help_all(FILE *f);

/* Command c's synopsis, description and options. */
void cli_help_command(FILE *f, const CliCommand *c);

/* "tenantsim VERSION" and, on a second line, the versions of the SQLite,
** cJSON and PCRE2 libraries it is running on (asked of the libraries
** themselves, not the headers it was built with). */
void cli_help_version(FILE *f);

#endif
