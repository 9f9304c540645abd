/*
** provlog.h — the provisioning log (Graph provisioningObjectSummary).
**
** One row per object a cycle evaluated: the action, its status, the error
** code if any, and the facts of the steps the service reports (import,
** scoping, matching, export). The rows store facts, not rendered text;
** provlog_steps_json() and provlog_modified_json() turn a row into Graph's
** provisioningStep and modifiedProperty arrays, so the database stays
** small and queryable while exports keep the real shapes.
*/
#ifndef TS_PROVLOG_H
#define TS_PROVLOG_H
#include "strbuf.h"
#include "world.h"

/* One row to write. */
typedef struct ProvEntry {
  const char *zAction;     /* create | update | delete | disable | other */
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
  int64_t msDuration;
  int bAttempted;          /* an export was attempted (and failed) */
} ProvEntry;

/* Write one row for job j's running cycle at w->tNow. */
void provlog_write(World *w, Job *j, const ProvEntry *e);

/* The facts of one logged row, as read back from the provisioning_log
** table (strings may be NULL where the column is NULL). */
typedef struct ProvFacts {
  const char *zStatus, *zReason, *zAction;
  const char *zChangeType, *zSourceDisplay, *zSourceObjectId, *zSourceNetId;
  const char *zTargetTenant;   /* the target tenant's name, for descriptions */
  int bActive, bAssigned, bFilter, bSyncAll;
  const char *zSkipReason, *zMatch, *zExportStep;
  const char *zObjectType;     /* "User" (NULL) or "Group" */
} ProvFacts;

/* Append the Graph provisioningSteps JSON array for a row to b. */
void provlog_steps_json(const ProvFacts *f, StrBuf *b);

/* Append Graph's modifiedProperties array ([{displayName, oldValue,
** newValue}, ...]) for a stored [name, old, new] triple array zCompact.
** Returns 0, or -1 if zCompact is not such an array. */
int provlog_modified_json(const char *zCompact, StrBuf *b);

#endif
