/*
** import_exporter.h — the documents of an EntraExporter output folder
** (microsoft/EntraExporter's Export-Entra), for `tenantsim import
** --exporter`.
**
** EntraExporter writes each object of a collection as <Path>/<id>/<id>.json
** and the objects of a child collection below it, as
** <Path>/<id>/<Child>/<childId>/<childId>.json; a few documents are plain
** files under their folder. The walk finds the files an import reads and
** says, for each, which importer reads it; cmd_import.c reads them. It
** opens one kind of file itself: a service principal's, to tell the
** cross-tenant synchronization configuration from the other applications.
**
** Determinism: the entries of every folder are visited in sorted order;
** symbolic links inside the folder are not followed.
*/
#ifndef TS_IMPORT_EXPORTER_H
#define TS_IMPORT_EXPORTER_H
#include <stdio.h>
#include <cjson/cJSON.h>

/* What a file holds, named by the import option that reads the same shape. */
typedef enum ImportExporterKind {
  IMPORT_EXPORTER_USERS,           /* Users/<id>/<id>.json (--users) */
  IMPORT_EXPORTER_GROUPS,          /* Groups/<id>/<id>.json (--groups) */
  IMPORT_EXPORTER_MEMBERS,         /* Groups/<id>/Members/... (--members) */
  IMPORT_EXPORTER_ASSIGNMENTS,     /* the sync configuration's AppRoleAssignedTo (--assignments) */
  IMPORT_EXPORTER_DEFAULT_POLICY,  /* Policies/CrossTenantAccessPolicy/Default (--default-policy) */
  IMPORT_EXPORTER_PARTNER,         /* Policies/CrossTenantAccessPolicy/Partners (--partner) */
  IMPORT_EXPORTER_OWNERS,          /* Groups/<id>/Owners/... (--owners) */
  IMPORT_EXPORTER_ADMIN_UNITS,     /* AdministrativeUnits/<id>/<id>.json, members apart */
  IMPORT_EXPORTER_ADMIN_UNIT_MEMBERS,      /* AdministrativeUnits/<id>/Members/... */
  IMPORT_EXPORTER_DIRECTORY_ROLES,         /* DirectoryRoles/<id>/<id>.json (a directoryRole) */
  IMPORT_EXPORTER_DIRECTORY_ROLE_MEMBERS,  /* DirectoryRoles/<id>/Members/... */
  IMPORT_EXPORTER_CA_POLICIES,     /* Identity/Conditional/AccessPolicies/... (--ca-policies) */
  IMPORT_EXPORTER_PIM_ELIGIBILITY, /* PIM/DirectoryRoles/<scheduleId>.json (see below) */
  IMPORT_EXPORTER_APP_PERMISSIONS, /* ServicePrincipals/<id>/AppRoleAssignments/... (--app-permissions) */
  IMPORT_EXPORTER_DIRECTORY_ROLE_SCOPED_MEMBERS, /* DirectoryRoles/<id>/ScopedMembers/... */
  IMPORT_EXPORTER_ROLE_ASSIGNMENTS, /* RoleManagement/Directory/RoleAssignments/... (--role-assignments) */
  IMPORT_EXPORTER_DOMAINS          /* Domains/<name>/<name>.json (--domains) */
} ImportExporterKind;

/* Called once per file found, in walk order: its kind, its path, and the
** Graph id of the object it belongs to (the group of a member or an
** owner, the unit or directory role of a member; NULL when it belongs to
** none). The strings are the walk's: copy what is kept.
** Returns TS_OK, or a status that stops the walk (TS_NOMEM). */
typedef int (*ImportExporterAdd)(void *pArg, ImportExporterKind e, const char *zFile,
                                 const char *zOwnerId);

/* Walk EntraExporter folder zDir, calling xAdd(pArg, ...) for each file an
** import reads. A missing sub-folder is an empty one (an export need not
** have every type). Returns TS_OK; TS_ERR when zDir is not a folder or a
** path is too long (printed to err); TS_NOMEM; or xAdd's status. */
int import_exporter_walk(const char *zDir, ImportExporterAdd xAdd, void *pArg, FILE *err);

/* A PIM/DirectoryRoles file is one unifiedRoleEligibilityScheduleInstance
** (GET /roleManagement/directory/roleEligibilityScheduleInstances
** ?$expand=roleDefinition,principal) to which EntraExporter's
** Get-AzurePIMDirectoryRoles adds three members of its own: PrincipalName
** and RoleName (the expanded objects' displayName) and Policy (the role's
** PIM rules: activation, approval, notification). Remove them from pDoc,
** so that the eligibility importer sees Graph's shape. Returns 1 when a
** Policy with content was removed (tenantsim does not model PIM rules: the
** caller says so), else 0. */
int import_exporter_pim_clean(cJSON *pDoc);

#endif
