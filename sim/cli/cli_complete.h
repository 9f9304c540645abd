/*
** cli_complete.h — shell completion from the command table: the hidden
** command `tenantsim __complete WORD... CURRENT` that the bash and zsh
** scripts in sim/cli/completion/ call at each TAB.
**
** The words are the command line after "tenantsim", up to and including
** the word being completed (CURRENT, "" for a new word). The answer is
** one line per candidate that starts with CURRENT — a command, an option,
** a choice of an option's value — or one directive line for the shell to
** complete file names itself:
**   :files json      files named *.json (and directories to descend)
**   :files db        *.db; ":files json db" either
**   :files           any file (an output)
**   :dirs            directories only
** Nothing at all means nothing to offer (a key, a number, an instant).
** Since the answer comes from the table, the scripts never list a command
** or an option themselves and cannot drift from the binary.
*/
#ifndef TS_CLI_COMPLETE_H
#define TS_CLI_COMPLETE_H
#include <stdio.h>

/* Write the candidates for the nWord words az (the last being the one
** completed) to out. Returns 0. */
int cli_complete(FILE *out, int nWord, char **az);

#endif
