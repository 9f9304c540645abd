/*
** graph_resolve.h — resolving a GraphDir (graph_users.h) once every
** document is read.
*/
#ifndef TS_GRAPH_RESOLVE_H
#define TS_GRAPH_RESOLVE_H
#include "graph_users.h"

/* Resolve memberships and managers. A member group becomes a key of its
** group's "memberGroups" when both groups are imported (warned and left
** out when the member group is not, is the group itself or would close a
** cycle; ignored in a dynamic group, whose rule decides). pHome (the source tenant's GraphDir,
** already resolved, or NULL when d is the source) and zHomeKey name where
** B2B users' home identities live. */
int graph_resolve(JsonLoc *g, GraphDir *d, const GraphDir *pHome,
                      const char *zHomeKey);

#endif
