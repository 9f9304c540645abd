/*
** mapping.h — attribute mappings: the CTS default and their evaluation.
**
** The default is the Azure2Azure template's user mapping (entra-facts
** §6.2): direct flows of the profile attributes, showInAddressList the
** constant True, userType the constant Member applied only on object
** creation. The matching attribute (alternativeSecurityIds) and
** IsSoftDeleted are handled by the engine itself and are not entries here.
*/
#ifndef TS_MAPPING_H
#define TS_MAPPING_H
#include <stddef.h>
#include "world.h"

/* Fill *paMap and *pnMap with a new copy of the default mapping (caller owns;
** free entries' zConst and the array with mem_free). 0, or -1 on OOM. */
int mapping_default(MapEntry **paMap, int *pnMap);

/* The value entry e gives the target for source user u of job j, or NULL
** when nothing flows (a null source value is never provisioned; None
** mappings never flow). The returned pointer is either into u, into e, or
** zBuf[nBuf] (the target UPN is rewritten to the B2B "#EXT#" form). */
const char *mapping_value(const World *w, const Job *j, const MapEntry *e,
                          const User *u, char *zBuf, size_t nBuf);

#endif
