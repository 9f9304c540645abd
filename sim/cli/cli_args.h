/*
** cli_args.h — reading a command's arguments against the options it
** declares (CliCommand.aOpt, cli.h).
**
** A command walks its arguments with cli_args_next, which hands back each
** option with its value, or each operand, and refuses what the command
** did not declare, so that every command reports a mistyped option, a
** missing value and a stray switch value in the same words:
**
**   tenantsim run: unknown option --jsn; did you mean --json?
**   tenantsim report: missing value for --format (text|json|html|md)
**
** The syntax: "--name VALUE" or "--name=VALUE" for an option with a value,
** "--name" for a switch; "-o"-style short aliases are declared like any
** option; "--" ends the options (what follows is an operand, however it
** starts); a lone "-" and words such as "-1" are operands. A value may
** not start with "--": "--format --output x" is a missing value, not the
** format "--output".
**
** Nothing is allocated; CliArgs points into the table and into argv.
*/
#ifndef TS_CLI_ARGS_H
#define TS_CLI_ARGS_H
#include <stdio.h>
#include "cli.h"

typedef struct CliArgs {
  const CliCommand *pCmd;
  int argc;
  char **argv;
  int i;                   /* the next argument to read */
  int bOperands;           /* after "--": only operands */
  const CliOption *pOpt;   /* the option just read, NULL for an operand */
  const char *zArg;        /* its value (NULL for a switch), or the operand */
} CliArgs;

/* Start reading argv[0..argc-1], the arguments after c's name. */
void cli_args_start(CliArgs *p, const CliCommand *c, int argc, char **argv);

/* Read the next argument into p->pOpt and p->zArg. Returns 1 when one was
** read, 0 at the end, and 2 (the exit status of a usage error) after
** printing to err why an argument is refused: an option c does not
** declare (with the closest declared one), a missing value (with the
** choices of a CLI_CHOICE option), or a value given to a switch. */
int cli_args_next(CliArgs *p, FILE *err);

/* Is the option just read zName? (zName must be one c declares: the test
** builds check it, so a misspelt name in a command cannot go unseen.) */
int cli_args_is(const CliArgs *p, const char *zName);

/* The option of c named zName (the part of "--name=value" before '='
** when n is its length; n<0: all of zName), or NULL. */
const CliOption *cli_args_find(const CliCommand *c, const char *zName, int n);

/* The declared option of c closest to zName (at most two edits away,
** suggest.h), or NULL. */
const CliOption *cli_args_closest(const CliCommand *c, const char *zName);

/* Is z an option word ("--x", "-o", "--"), rather than an operand ("-",
** "-1", "file")? */
int cli_args_option_word(const char *z);

/* Write c's options to f as --help lists them, one a line: name, value,
** what it does. */
void cli_args_help(FILE *f, const CliCommand *c);

#endif
