/*
** graph_authz.h — Graph's authorization objects of a tenant into the
** scenario tenant's "roleAssignments", "conditionalAccessPolicies" and
** "servicePrincipals" (README, "Authorization objects").
**
** Documents (each a collection page {"value": [...]} or one entity):
**   GET /roleManagement/directory/roleAssignments         unifiedRoleAssignment
**   GET /roleManagement/directory/roleEligibilitySchedules unifiedRoleEligibilitySchedule
**       (or .../roleEligibilityScheduleInstances: unifiedRoleEligibilityScheduleInstance)
**   GET /directoryRoles, /directoryRoles/{id}/members     directoryRole, directoryObject
**   GET /directoryRoles/{id}/scopedMembers               scopedRoleMembership
**   GET /identity/conditionalAccess/policies              conditionalAccessPolicy
**   GET /servicePrincipals/{id}/appRoleAssignments        appRoleAssignment
** Principals and the users, groups and roles of policies are named by
** object id in Graph; they are resolved against the tenant's imported
** users and groups (a GraphDir, after graph_resolve) to their keys,
** built-in roles to their display names. What tenantsim does not model
** (other conditions, session controls, time-bound schedules, app roles of
** other APIs) is a warning with its path; a wrong type or an unknown enum
** value is an error with its path.
**
** Service principals are told apart by their principalId: the
** appRoleAssignments of one principal, from any number of documents, make
** one servicePrincipals[] item.
**
** Ownership: a GraphAuthz owns what it collects until graph_authz_attach
** hands it to the tenant object; graph_authz_free releases the rest.
*/
#ifndef TS_GRAPH_AUTHZ_H
#define TS_GRAPH_AUTHZ_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "graph_users.h"

/* The documents, as the command line names them. */
typedef enum GraphAuthzKind {
  GRAPH_AUTHZ_ROLES,          /* --role-assignments: roleAssignments */
  GRAPH_AUTHZ_ELIGIBILITY,    /* --role-eligibility: roleEligibilitySchedules */
  GRAPH_AUTHZ_CA,             /* --ca-policies: conditionalAccess/policies */
  GRAPH_AUTHZ_APP_PERMS       /* --app-permissions: a service principal's appRoleAssignments */
} GraphAuthzKind;

/* One tenant's objects as they are collected. */
typedef struct GraphAuthz {
  cJSON *pRoles, *pCa, *pSps;   /* owned; NULL until the first item */
  cJSON *pDirRoles;             /* directoryRole id -> the role's scenario name (owned) */
} GraphAuthz;

/* Add the objects of document pDoc (read from zFile, of kind e) of the
** tenant whose directory is d (named zTenant in messages; its users and
** groups resolved) to a. Problems are recorded in g. TS_OK or TS_NOMEM. */
int graph_authz_import(JsonLoc *g, GraphAuthz *a, GraphAuthzKind e, const GraphDir *d,
                       const char *zTenant, const char *zFile, const cJSON *pDoc);

/* Directory roles (GET /directoryRoles: a page or one directoryRole, its
** roleTemplateId naming the role), then the members of role zRoleId (GET
** /directoryRoles/{id}/members: a page or one directoryObject; or the
** role's expanded "members"): each user or group member of the tenant
** whose directory is d becomes an active assignment of the role at the
** whole tenant, the same roleAssignments item --role-assignments gives (an
** equal one is not repeated). Service principals and members not among
** the imported users and groups are warned; so are the members of a role
** not imported. A role's documents come before its members'. TS_OK or
** TS_NOMEM; problems in g. */
int graph_authz_add_directory_roles(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                    const char *zTenant, const char *zFile, const cJSON *pDoc);
int graph_authz_add_directory_role_members(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                           const char *zTenant, const char *zFile,
                                           const char *zRoleId, const cJSON *pDoc);
/* The scoped members of role zRoleId (GET /directoryRoles/{id}/scopedMembers:
** scopedRoleMembership, a page or one): each member (roleMemberInfo.id)
** holds the role actively over one administrative unit, directoryScopeId
** "/administrativeUnits/{administrativeUnitId}". */
int graph_authz_add_directory_role_scoped_members(JsonLoc *g, GraphAuthz *a, const GraphDir *d,
                                                  const char *zTenant, const char *zFile,
                                                  const char *zRoleId, const cJSON *pDoc);

/* Move a's non-empty arrays into scenario tenant object pTenant (a keeps
** nothing of them). TS_OK or TS_NOMEM. */
int graph_authz_attach(GraphAuthz *a, cJSON *pTenant);

void graph_authz_free(GraphAuthz *a);

#endif
