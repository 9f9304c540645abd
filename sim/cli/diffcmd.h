/*
** diffcmd.h — `tenantsim diff` and `tenantsim plan`: what a change would do.
*/
#ifndef TS_DIFFCMD_H
#define TS_DIFFCMD_H
#include <stdio.h>

/* `tenantsim diff A.db B.db [--format text|json|html] [--output PATH]`:
** compare the end states of two runs of one population (reports/diff.h).
** Returns the exit status: 0, 1 on an I/O failure, 2 on invalid usage or a
** file that is not a run database. */
int diffcmd_diff(int argc, char **argv, FILE *out, FILE *err);

/* `tenantsim plan SCENARIO (--mapping FILE | --filters FILE) [--job KEY]
** [--format text|json|html] [--output PATH] [--keep DIR]`: run the
** scenario as written and again with the job's mapping (or scoping
** filters) replaced by FILE, and print the diff of the two runs. Same exit
** statuses as diffcmd_diff(). */
int diffcmd_plan(int argc, char **argv, FILE *out, FILE *err);

#endif
