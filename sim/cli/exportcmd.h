/*
** exportcmd.h — `tenantsim export`: a run database's results as CSV, and
** its configuration back in Microsoft Graph's shapes.
*/
#ifndef TS_EXPORTCMD_H
#define TS_EXPORTCMD_H
#include <stdio.h>

/* Run `tenantsim export` with the arguments after "export":
**   DB --csv DIR                           the run's tables as CSV files
**   DB --schema  [--job KEY] [--output F]  the job's synchronizationSchema
**   DB --secrets [--job KEY] [--output F]  the job's synchronization secrets
**   DB --policies [--tenant KEY] [--output F]  a tenant's cross-tenant
**                                          access policy (default, partners)
** The Graph shapes describe the configuration as the run ends: the
** timeline's last set_mapping / set_filters and every set_policy applied.
** Returns the exit status: 0; 1 I/O or memory; 2 invalid usage or input. */
int exportcmd_run(int argc, char **argv, FILE *out, FILE *err);

#endif
