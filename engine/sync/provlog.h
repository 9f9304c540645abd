/*
** provlog.h — the provisioning log (Graph provisioningObjectSummary).
**
** One row per object a cycle evaluated, and per on-demand provisioning
** whatever its outcome (cycle.h): the action, its status, the error
** code if any, and the facts of the steps the service reports (import,
** scoping, matching, export). The rows store facts, not rendered text;
** reports/provjson.h turns a row into Graph's provisioningStep and
** modifiedProperty arrays, so the database stays small and queryable while
** exports keep the real shapes.
*/
#ifndef TS_PROVLOG_H
#define TS_PROVLOG_H
#include "scope.h"

/* What the service did with the object (Graph provisioningAction); the
** log's action column holds the name provlog_write binds. */
typedef enum ProvAction {
  PROV_OTHER = 0,          /* "other": nothing exported, or skipped */
  PROV_CREATE,             /* "create" */
  PROV_UPDATE,             /* "update" (a restore included) */
  PROV_DELETE,             /* "delete" (a soft delete) */
  PROV_DISABLE,            /* "disable": accountEnabled true -> false */
  PROV_STAGED_DELETE       /* "stagedDelete": held by the deletion threshold */
} ProvAction;

/* One row to write. */
typedef struct ProvEntry {
  ProvAction eAction;
  const char *zStatus;     /* success | failure | skipped | warning */
  const char *zErrorCode;  /* NULL unless failed */
  const char *zReason;     /* statusInfo reason text, NULL when none */
  const char *zImportType; /* change type seen at import: Add | Update | Delete */
  int bInScope;
  OutReason eOut;          /* why out of scope */
  int bAssigned;
  const char *zMatch;      /* "none", "matched", or NULL: no matching step */
  const char *zExportStep; /* e.g. EntryExportAdd; NULL when nothing exported */
  const User *pSource;
  const User *pTarget;     /* NULL when no target object */
  const char *zModified;   /* JSON array of [name, old, new], or NULL */
  const char *zCreatedNames;  /* a create whose zModified holds only its */
  const char *zCreatedValues; /* properties: their names and new values, as
                           ** JSON arrays (stored so, see schema.c); else NULL */
  int64_t msDuration;
  int bAttempted;          /* an export was attempted (and failed) */
  const char *zStopStep;   /* on demand: "connection" or "import" when it
                           ** stopped before scoping (the scope and match
                           ** facts are then not read); NULL otherwise */
} ProvEntry;

/* Write one row for job j's running cycle at w->tNow. */
void provlog_write(World *w, Job *j, const ProvEntry *e);

#endif
