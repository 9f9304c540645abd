/*
** importcmd.h — `tenantsim import`: a scenario from Microsoft Graph exports.
*/
#ifndef TS_IMPORTCMD_H
#define TS_IMPORTCMD_H
#include <stdio.h>

/* Run `tenantsim import` with the arguments after "import": read every
** document named (users, groups, members, app role assignments, the sync
** schema, cross-tenant access policies, secrets, an EntraExporter folder),
** build one runnable scenario, validate it, and write it to the -o file
** (renamed into place only when complete). Warnings and errors, each with
** FILE: JSON.PATH, go to err; a one-line summary to out. Returns the exit
** status: 0; 1 an output or memory failure; 2 invalid usage, unreadable or
** invalid input, or any warning under --strict (nothing is written). */
int importcmd_run(int argc, char **argv, FILE *out, FILE *err);

#endif
