/*
** graph_groups.h — Graph groups, their members, owners and administrative
** units, and app role assignments into a GraphDir (graph_users.h), before
** graph_resolve() (graph_resolve.h).
*/
#ifndef TS_GRAPH_GROUPS_H
#define TS_GRAPH_GROUPS_H
#include <cjson/cJSON.h>
#include "graph_users.h"

/* Add the groups of pDoc (a groups list page or one group). */
int graph_groups_add(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc);
/* Record that the members of pDoc (GET /groups/{id}/members: a page or one
** directoryObject) are direct members of group zGroupId: users, and groups
** nested in it (graph_resolve makes an imported one a "memberGroups"
** key of the group; other member types are warned and ignored). */
int graph_groups_add_members(JsonLoc *g, GraphDir *d, const char *zFile,
                          const char *zGroupId, const cJSON *pDoc);
/* graph_groups_add_members for the text of a document instead of its
** tree, as graph_users_stream_users (graph_users.h). */
int graph_groups_stream_members(JsonLoc *g, GraphDir *d, const char *zFile, const char *zGroupId,
                                const char *zText, size_t nText);

/* After graph_resolve: the owners of group zGroupId (GET
** /groups/{id}/owners: a page or one directoryObject; users only), added
** as the group's "owners"; and administrative units (GET
** /directory/administrativeUnits?$expand=members), whose restricted ones
** (isMemberManagementRestricted) mark their member groups
** "restrictedManagementUnit": true. With bMembersApart the units' members
** come in documents of their own (graph_groups_add_admin_unit_members, as
** EntraExporter writes them), so a restricted unit without "members" is
** not warned. TS_OK or TS_NOMEM; problems in g. */
int graph_groups_add_owners(JsonLoc *g, GraphDir *d, const char *zFile,
                           const char *zGroupId, const cJSON *pDoc);
int graph_groups_add_admin_units(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                                int bMembersApart);
/* After the units: the members of unit zUnitId (GET
** /directory/administrativeUnits/{id}/members: a page or one
** directoryObject); the groups among them are marked when the unit is
** restricted. A unit not imported is warned. TS_OK or TS_NOMEM. */
int graph_groups_add_admin_unit_members(JsonLoc *g, GraphDir *d, const char *zFile,
                                       const char *zUnitId, const cJSON *pDoc);

/* App role assignments of the sync configuration's service principal
** (GET /servicePrincipals/{id}/appRoleAssignedTo: a page or one) into the
** job's "assignments" {"users": [...], "groups": [...]} (created on pJob
** when missing). Call after the users and groups are added. */
int graph_groups_add_assignments(JsonLoc *g, GraphDir *d, const char *zFile,
                              const cJSON *pDoc, cJSON *pJob);

#endif
