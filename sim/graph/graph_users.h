/*
** graph_users.h — Graph users, groups, group members and app role
** assignments into a scenario tenant's "users" and "groups" and a job's
** "assignments".
**
** A GraphDir collects one tenant's directory objects from any number of
** documents (list pages {"value": [...]} or single objects, in any order:
** a members page may come before the users it names), keyed by Graph
** object id. graph_users_resolve() then resolves what needed everything
** (memberships, managers, B2B users' home identities) and
** graph_users_take() hands over the scenario arrays.
**
** Users keep the properties the simulator models, under the scenario's
** names (officeLocation → physicalDeliveryOfficeName, businessPhones[0] →
** telephoneNumber, onPremisesExtensionAttributes.extensionAttributeN →
** extensionAttributeN, extension_<appId>_<name> as is). A user's key is
** the local part of its userPrincipalName made key-safe, numbered on a
** clash. Any other non-empty property is reported once per property and
** document (jsonloc_warn with the first path and the count).
**
** B2B users (userType Guest with creationType Invitation or an #EXT# UPN)
** in the target: a redeemed one whose home UPN (decoded from the #EXT#
** form, or its mail) is a source user becomes {"homeUser": "src:key"};
** a PendingAcceptance one becomes {"invitation": "pending"}; one whose
** home is not among the source users (an orphaned guest account already,
** or a guest of another organisation) becomes {"invitation": "accepted"},
** with a warning. graph_users_resolve must run before graph_users_take: it
** removes the importer's own marks from the users.
**
** Ownership: the GraphDir owns everything it holds until graph_users_take
** hands the arrays to the caller; graph_users_free releases the rest.
*/
#ifndef TS_GRAPH_USERS_H
#define TS_GRAPH_USERS_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "arena.h"
#include "hmap.h"

typedef struct GraphMember GraphMember;   /* a pending membership (graph_users.c) */

/* One imported user: its scenario object, where it came from and what is
** resolved later. zManager is owned; the other strings live in the
** GraphDir's arena. */
typedef struct GraphUserRec {
  cJSON *pUser;           /* the scenario user (an item of pUsers) */
  const char *zId;        /* Graph object id */
  char *zManager;         /* the manager's Graph id, or NULL */
  const char *zFile, *zPath;  /* its document and JSON path, for messages */
  int bMarked;            /* pUser still carries the importer's "@b2b" mark (a B2B
                          ** user whose home identity graph_users_resolve settles) */
} GraphUserRec;

typedef struct GraphDir {
  cJSON *pUsers;          /* scenario users, owned */
  cJSON *pGroups;         /* scenario groups, owned */
  GraphUserRec *aRec;     /* the users, in the order of pUsers */
  int nUser, nUserAlloc;
  cJSON **apGroup;        /* the items of pGroups by index */
  int nGroup, nGroupAlloc;
  HMap userById;          /* Graph id -> index */
  HMap groupById;         /* Graph id -> index */
  HMap userKeys, groupKeys;   /* keys in use */
  char zDomain[256];      /* graph_users_domain result */
  GraphMember *aMember;
  int nMember, nMemberAlloc;
  HMap unitById;          /* administrative unit id -> 1 restricted, 0 not */
  Arena strings;          /* the records' and members' strings: millions of small
                          ** ones, freed together by graph_users_free */
  const char *zLastFile, *zLastGroup;  /* the last document name and group id
                          ** copied there (each is copied once while it repeats) */
} GraphDir;

void graph_users_init(GraphDir *d);
void graph_users_free(GraphDir *d);

/* Add the users of pDoc (a users list page or one user) read from zFile.
** Returns TS_OK, or TS_NOMEM; problems are recorded in g. */
int graph_users_add_users(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc);
/* graph_users_add_users and graph_users_add_members for the text of a
** document (zText, nText bytes, NUL-terminated) instead of its tree: a
** collection page is read one object at a time (graph_stream.h), with the
** same result and messages. GRAPH_STREAM_NO, with d and g as they were,
** when the caller must parse the document and call the other instead. */
int graph_users_stream_users(JsonLoc *g, GraphDir *d, const char *zFile, const char *zText,
                             size_t nText);
int graph_users_stream_members(JsonLoc *g, GraphDir *d, const char *zFile, const char *zGroupId,
                               const char *zText, size_t nText);
/* Add the groups of pDoc (a groups list page or one group). */
int graph_users_add_groups(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc);
/* Record that the members of pDoc (GET /groups/{id}/members: a page or one
** directoryObject) are direct members of group zGroupId: users, and groups
** nested in it (graph_users_resolve makes an imported one a "memberGroups"
** key of the group; other member types are warned and ignored). */
int graph_users_add_members(JsonLoc *g, GraphDir *d, const char *zFile,
                          const char *zGroupId, const cJSON *pDoc);

/* After graph_users_resolve: the owners of group zGroupId (GET
** /groups/{id}/owners: a page or one directoryObject; users only), added
** as the group's "owners"; and administrative units (GET
** /directory/administrativeUnits?$expand=members), whose restricted ones
** (isMemberManagementRestricted) mark their member groups
** "restrictedManagementUnit": true. With bMembersApart the units' members
** come in documents of their own (graph_users_add_admin_unit_members, as
** EntraExporter writes them), so a restricted unit without "members" is
** not warned. TS_OK or TS_NOMEM; problems in g. */
int graph_users_add_owners(JsonLoc *g, GraphDir *d, const char *zFile,
                           const char *zGroupId, const cJSON *pDoc);
int graph_users_add_admin_units(JsonLoc *g, GraphDir *d, const char *zFile, const cJSON *pDoc,
                                int bMembersApart);
/* After the units: the members of unit zUnitId (GET
** /directory/administrativeUnits/{id}/members: a page or one
** directoryObject); the groups among them are marked when the unit is
** restricted. A unit not imported is warned. TS_OK or TS_NOMEM. */
int graph_users_add_admin_unit_members(JsonLoc *g, GraphDir *d, const char *zFile,
                                       const char *zUnitId, const cJSON *pDoc);

/* App role assignments of the sync configuration's service principal
** (GET /servicePrincipals/{id}/appRoleAssignedTo: a page or one) into the
** job's "assignments" {"users": [...], "groups": [...]} (created on pJob
** when missing). Call after the users and groups are added. */
int graph_users_add_assignments(JsonLoc *g, GraphDir *d, const char *zFile,
                              const cJSON *pDoc, cJSON *pJob);

/* Resolve memberships and managers. A member group becomes a key of its
** group's "memberGroups" when both groups are imported (warned and left
** out when the member group is not, is the group itself or would close a
** cycle; ignored in a dynamic group, whose rule decides). pHome (the source tenant's GraphDir,
** already resolved, or NULL when d is the source) and zHomeKey name where
** B2B users' home identities live. */
int graph_users_resolve(JsonLoc *g, GraphDir *d, const GraphDir *pHome,
                      const char *zHomeKey);

/* The most common domain of the internal users' UPNs (of the B2B users'
** #EXT#@ domain when there are no internal users), or NULL. Call before
** graph_users_resolve. Points into d. */
const char *graph_users_domain(GraphDir *d);

/* Hand the users and groups arrays to the caller (empty arrays when none
** were added); d keeps nothing of them. TS_OK or TS_NOMEM. */
int graph_users_take(GraphDir *d, cJSON **ppUsers, cJSON **ppGroups);

#endif
