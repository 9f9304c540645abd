/*
** graph_users.h — Graph users, groups, group members and app role
** assignments into a scenario tenant's "users" and "groups" and a job's
** "assignments".
**
** A GraphDir collects one tenant's directory objects from any number of
** documents (list pages {"value": [...]} or single objects, in any order:
** a members page may come before the users it names), keyed by Graph
** object id: users here, groups and their members, owners, units and
** assignments in graph_groups.h. graph_resolve() (graph_resolve.h) then
** resolves what needed everything (memberships, managers, B2B users' home
** identities) and graph_users_take() hands over the scenario arrays.
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
** with a warning. graph_resolve must run before graph_users_take: it
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

typedef struct GraphMember GraphMember;   /* a pending membership (graph_usersInt.h) */

/* One imported user: its scenario object, where it came from and what is
** resolved later. zManager is owned; the other strings live in the
** GraphDir's arena. */
typedef struct GraphUserRec {
  cJSON *pUser;           /* the scenario user (an item of pUsers) */
  const char *zId;        /* Graph object id */
  char *zManager;         /* the manager's Graph id, or NULL */
  const char *zFile, *zPath;  /* its document and JSON path, for messages */
  int bMarked;            /* pUser still carries the importer's "@b2b" mark (a B2B
                          ** user whose home identity graph_resolve settles) */
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
/* graph_users_add_users for the text of a document (zText, nText bytes,
** NUL-terminated) instead of its tree: a collection page is read one
** object at a time (graph_stream.h), with the same result and messages.
** GRAPH_STREAM_NO, with d and g as they were, when the caller must parse
** the document and call graph_users_add_users instead. */
int graph_users_stream_users(JsonLoc *g, GraphDir *d, const char *zFile, const char *zText,
                             size_t nText);

/* The most common domain of the internal users' UPNs (of the B2B users'
** #EXT#@ domain when there are no internal users), or NULL. Call before
** graph_resolve. Points into d. */
const char *graph_users_domain(GraphDir *d);

/* Hand the users and groups arrays to the caller (empty arrays when none
** were added); d keeps nothing of them. TS_OK or TS_NOMEM. */
int graph_users_take(GraphDir *d, cJSON **ppUsers, cJSON **ppGroups);

#endif
