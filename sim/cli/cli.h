/*
** cli.h — the command line's command table and what its commands share.
**
** Each command lives in its own sim/cli/cmd_<name>.c as one const
** CliCommand, as tmux's cmd-*.c files each define one cmd_entry;
** cli_table.c lists them, and --help, `help COMMAND`, the suggestion for
** a mistyped option and shell completion are all built from the entries,
** so a command and its options are documented where they are defined.
**
** Commands are the only code that prints and chooses exit statuses: 0
** success, 1 the run or report failed (writing an output, memory), 2
** invalid input (usage, an invalid scenario, a file that is not a run
** database, and an input file that is missing, a directory or unreadable).
*/
#ifndef TS_CLI_H
#define TS_CLI_H
#include <stdint.h>
#include <stdio.h>
#include "scenario.h"
#include "simtime.h"
#include "store.h"
#include "tserr.h"

#define TENANTSIM_VERSION "0.1.0"

/* What an option's value or a command's operand is: what shell completion
** offers for it (tenantsim __complete) and what cli_input expects. */
typedef enum CliKind {
  CLI_WORD = 0,            /* a word (a key, a number, an instant): nothing to offer */
  CLI_CHOICE,              /* one of the option's zValue, "text|json|html|md" */
  CLI_SCENARIO,            /* a scenario file, *.json */
  CLI_JSON,                /* another JSON input (a Graph export, a mapping), *.json */
  CLI_DB,                  /* a run database, *.db */
  CLI_SCENARIO_DB,         /* a scenario file or a run database */
  CLI_DIR,                 /* a directory */
  CLI_OUTPUT               /* a file to write, any name */
} CliKind;

/* One option a command accepts. A command's options are a const array
** ended by an entry whose zName is NULL; the command's parser
** (cli_args.h), its --help, the suggestion for a mistyped option and
** completion all read that array. */
typedef struct CliOption {
  const char *zName;       /* "--format", or a short alias such as "-o" */
  const char *zValue;      /* its value as --help names it ("PATH"; for a
                           ** CLI_CHOICE the choices); NULL: a switch */
  CliKind eKind;           /* what the value is */
  const char *zHelp;       /* one line for --help and the man page */
} CliOption;

typedef struct CliCommand {
  const char *zName;       /* the word after "tenantsim": "run" */
  /* Synopsis lines. A line that starts with a letter is a form of the
  ** command and is printed after "  tenantsim "; a line that starts with
  ** spaces continues the previous form and is printed as it is. */
  const char *zSynopsis;
  const char *zHelp;       /* what it does, lines indented in --help */
  const CliOption *aOpt;   /* its options, ended by a NULL zName */
  CliKind eOperand;        /* what its leading operands are ... */
  int nOperand;            /* ... and how many of them (-1: all) */
  /* Run the command on the arguments after its name; output to out,
  ** messages to err. Returns the exit status. */
  int (*xExec)(int argc, char **argv, FILE *out, FILE *err);
} CliCommand;

/* The commands, one per sim/cli/cmd_<name>.c; main.c's table lists them. */
extern const CliCommand cmd_run_entry;
extern const CliCommand cmd_validate_entry;
extern const CliCommand cmd_report_entry;
extern const CliCommand cmd_logs_entry;
extern const CliCommand cmd_eval_entry;
extern const CliCommand cmd_ondemand_entry;
extern const CliCommand cmd_diff_entry;
extern const CliCommand cmd_diff_plan_entry;
extern const CliCommand cmd_export_entry;
extern const CliCommand cmd_import_entry;
extern const CliCommand cmd_test_entry;
extern const CliCommand cmd_trust_entry;
extern const CliCommand cmd_lint_entry;

/* Write c's synopsis to f as --help shows it: each form after
** "  tenantsim ", continuation lines as they are. */
void cli_synopsis_write(FILE *f, const CliCommand *c);

/* Print "tenantsim <name>: <zWhy><zArg>" and c's synopsis to err; returns 2
** (the exit status of a usage error). zArg may be NULL. */
int cli_command_usage(FILE *err, const CliCommand *c, const char *zWhy, const char *zArg);

/* Print "tenantsim: <message>" and the --help hint to err; returns 2.
** zFmt is a printf format. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int cli_usage_error(FILE *err, const char *zFmt, ...);

/* The exit status of a failed TS_* result: 2 for TS_ERR, else 1. */
int cli_exit_code(int rc);

/* Print "tenantsim: <pErr's message>" to err and return cli_exit_code(rc). */
int cli_fail(FILE *err, int rc, const TsErr *pErr);

/* 0 when zPath is an input file that can be read; else prints why to err
** ("tenantsim: runs is a directory, expected a run database") and returns
** 2, since a missing or unreadable input is invalid input. eKind names
** what was expected (CLI_SCENARIO, CLI_JSON, CLI_DB or CLI_SCENARIO_DB). */
int cli_input(FILE *err, const char *zPath, CliKind eKind);

/* Load and validate scenario zFile into *ppScn (the caller frees it with
** scenario_free), printing every validation message to err. Returns the
** TS_* result of scenario_load. */
int cli_load_scenario(FILE *err, const char *zFile, Scenario **ppScn);

/* The run database of zArg, FILE|DB: zArg itself when it is an SQLite
** database, else the scenario zArg (validated, messages to err) run into
** a new temporary database under $TMPDIR (or /tmp). The path goes into
** zDb (nDb bytes); *pbTemp is 1 when the caller must unlink it. Returns
** TS_OK or the TS_* code of what failed (printed to err). */
int cli_source_db(FILE *err, const char *zArg, char *zDb, size_t nDb, int *pbTemp);
/* The instant of --at VALUE, in seconds from the start of the run in
** pStore: VALUE is an offset from the start (P10DT4H), an instant
** (2026-01-15T09:00:00Z) or "end"; NULL and "end" give -1 (the end).
** Returns TS_OK, or TS_ERR with pErr saying what was expected. */
int cli_source_at(Store *pStore, const char *zAt, SimTime *pT, TsErr *pErr);

/* Build the report of the run database zDb and write it as text to fText,
** JSON to fJson, HTML to fHtml and/or Markdown to fMd (each may be NULL).
** Returns TS_OK or a TS_* code with pErr set. */
int cli_write_report(const char *zDb, FILE *fText, FILE *fJson, FILE *fHtml, FILE *fMd,
                     TsErr *pErr);

/* Parse a --seed value: digits only, fitting 64 bits. Returns 0 or -1. */
int cli_parse_seed(const char *z, uint64_t *pSeed);

/* "$TMPDIR/zTemplate" (/tmp when TMPDIR is unset or empty) into z (n
** bytes): where a command keeps what it removes when done (zTemplate ends
** in XXXXXX for mkstemp or mkdtemp). 0, or -1 when it does not fit. */
int cli_scratch_name(char *z, size_t n, const char *zTemplate);

/* "<zDest>.tmp-<pid>" into zTmp, removing any stale file of that name:
** where a command writes before renaming into place. Returns 0, or -1 when
** the name does not fit nTmp bytes. */
int cli_temp_name(const char *zDest, char *zTmp, size_t nTmp);

#endif
