/*
** provjson.h — a provisioning-log row rendered in Microsoft Graph's shapes:
** the provisioningSteps and modifiedProperties arrays of a
** provisioningObjectSummary (the rows store only their facts: provlog.h).
** Used by the log exports (logs.c) and the on-demand report (ondemand.c).
*/
#ifndef TS_PROVJSON_H
#define TS_PROVJSON_H
#include "strbuf.h"

/* The facts of one logged row, as read back from the provisioning_log
** table (strings may be NULL where the column is NULL). */
typedef struct ProvFacts {
  const char *zStatus, *zReason, *zAction;
  const char *zChangeType, *zSourceDisplay, *zSourceObjectId, *zSourceNetId;
  const char *zTargetTenant;   /* the target tenant's name, for descriptions */
  int bActive, bAssigned, bFilter, bSyncAll;
  const char *zSkipReason, *zMatch, *zExportStep;
  const char *zObjectType;     /* "User" (NULL) or "Group" */
  const char *zStopStep;       /* "connection" | "import": an on-demand
                               ** provisioning stopped there; NULL: ran */
} ProvFacts;

/* Append the Graph provisioningSteps JSON array for a row to b. */
void provjson_steps(const ProvFacts *f, StrBuf *b);

/* Append Graph's modifiedProperties array ([{displayName, oldValue,
** newValue}, ...]) for a stored [name, old, new] triple array zCompact.
** Returns 0, or -1 if zCompact is not such an array. */
int provjson_modified(const char *zCompact, StrBuf *b);

/* The names list of the last compact create rendered, parsed once for the
** rows that share it (a job's creates mostly do). Zero-initialise it; the
** caller owns it and frees it with provjson_names_free. */
typedef struct ProvNames {
  char *zText;             /* the list as stored, or NULL */
  struct cJSON *pArr;      /* its parse */
} ProvNames;
void provjson_names_free(ProvNames *p);

/* The same for a create stored compactly (provisioning_log_rows): the
** property names zNames and new values zValues, JSON arrays of one length
** (old values are null). pCache (or NULL) keeps zNames parsed for the next
** row. Returns 0, or -1 if they are not such arrays or memory ran out. */
int provjson_created(ProvNames *pCache, const char *zNames, const char *zValues, StrBuf *b);

/* Append the [name, null, value] triples of such a create: the text the
** provisioning_log view gives as its modified_properties. As
** provjson_created. */
int provjson_created_triples(ProvNames *pCache, const char *zNames, const char *zValues,
                             StrBuf *b);

#endif
