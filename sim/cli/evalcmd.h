/*
** evalcmd.h — `tenantsim eval`: the portal's expression builder, offline.
*/
#ifndef TS_EVALCMD_H
#define TS_EVALCMD_H
#include <stdio.h>

/* Run `tenantsim eval` with the arguments after "eval": compile the
** expression, evaluate it against the given attributes, clock, seed and
** existing target values, and print exactly one JSON value on out (a
** string, an array of strings, or null when the attribute would not flow).
** Messages go to err. Returns the exit status: 0, or 2 for invalid usage,
** a parse or evaluation error, or an unreadable input file. */
int evalcmd_run(int argc, char **argv, FILE *out, FILE *err);

#endif
