/*
** cli_table.h — the table of tenantsim's commands (cli.h's CliCommand
** entries, in the order --help lists them), and finding one by name.
**
** main.c dispatches through it; --help, `help COMMAND`, the suggestion
** for a mistyped command and shell completion read it, and the tests walk
** it to check that the man page and the synopses name every option.
** The entries are static; nothing is allocated.
*/
#ifndef TS_CLI_TABLE_H
#define TS_CLI_TABLE_H
#include "cli.h"

/* How many commands there are, and the i-th (0 <= i < cli_table_count()). */
int cli_table_count(void);
const CliCommand *cli_table_at(int i);

/* The command named zName, or NULL. */
const CliCommand *cli_table_find(const char *zName);

/* The command whose name is closest to zName (at most two edits away,
** suggest.h), or NULL. */
const CliCommand *cli_table_closest(const char *zName);

#endif
