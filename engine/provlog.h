/*
** provlog.h — writing provisioning-log rows (Graph provisioningObjectSummary).
**
** One row per object a cycle evaluated: the action, its status, the error
** code if any, and the steps the service reports (import, scoping,
** matching, export) as a JSON array in Graph's provisioningStep shape.
*/
#ifndef TS_PROVLOG_H
#define TS_PROVLOG_H
#include "world.h"

typedef struct ProvEntry {
  const char *zAction;     /* create | update | delete | disable | other */
  const char *zStatus;     /* success | failure | skipped | warning */
  const char *zErrorCode;  /* NULL unless failed or skipped for a coded reason */
  const char *zReason;     /* statusInfo reason text, NULL when none */
  const char *zImportType; /* change type seen at import: Add | Update | Delete */
  int bInScope;
  OutReason eOut;          /* why out of scope */
  int bAssigned;
  const char *zMatch;      /* matching step description, NULL: step absent */
  const char *zExportStep; /* e.g. EntryExportAdd; NULL when nothing exported */
  const User *pSource;
  const User *pTarget;     /* NULL when no target object */
  const char *zModified;   /* JSON array of modifiedProperty, or NULL */
  int64_t msDuration;
} ProvEntry;

/* Write one row for job j's running cycle at w->tNow. */
void provlog_write(World *w, Job *j, const ProvEntry *e);

#endif
