/*
** ondemand.h — the report of an on-demand provisioning: the steps the
** Entra admin center shows after "Provision on demand" (import, scope,
** match, action), read back from a run database.
*/
#ifndef TS_ONDEMAND_H
#define TS_ONDEMAND_H
#include <stdio.h>
#include "store.h"
#include "tserr.h"

/* Print the steps of the latest on-demand provisioning in pStore to out:
** each documented step with its status, description and details, read
** from its provisioning-log row (a provisioning that stopped early, at the
** connection test or because the object was not found, has the one step
** it failed at). Prints nothing when the run holds no on-demand cycle. Returns TS_OK, TS_NOMEM,
** or TS_IOERR when out cannot be written. */
int ondemand_steps_write(Store *pStore, FILE *out, TsErr *pErr);

#endif
