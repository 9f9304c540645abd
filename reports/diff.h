/*
** diff.h — what differs between the end states of two runs.
**
** diff_build() compares two run databases of the same population (the
** current mapping and a proposed one, two scoping filters, two seeds) pair
** by pair: every (job, source user) either run ever had in scope, matched
** by job key and source user key, which are stable across runs. For each
** pair it reports the target user's fate — created, deleted, soft-deleted,
** newly out of scope or newly in scope — and every target attribute whose
** final value differs (old is run A, new is run B). Unchanged pairs are
** left out, so a run compared with itself gives an empty Diff.
**
** The Diff owns every string and array it points to; diff_free() releases
** them. Users are in natural order of job key, then source user key
** (html_kit_natural_cmp: emp1, emp2, emp10; keys equal in it, such as
** emp7 and emp007, in byte order), their attributes as the catalog lists
** them, so equal inputs give byte-identical output.
**
** What each side is — the run database given to `diff`, or for `plan` the
** scenario and the proposal — is the caller's to say (diff_describe); the
** writers name it in their heading beside the scenario name and seed the
** run database holds.
*/
#ifndef TS_DIFF_H
#define TS_DIFF_H
#include <stdint.h>
#include <stdio.h>
#include "store.h"
#include "strbuf.h"
#include "tserr.h"

/* The fate of one target user (DiffUser.mKind is a set of these). */
#define DIFF_CREATED       0x01   /* no live target user in A, one in B */
#define DIFF_DELETED       0x02   /* live in A, hard-deleted in B */
#define DIFF_SOFT_DELETED  0x04   /* live in A, soft-deleted in B */
#define DIFF_OUT_OF_SCOPE  0x08   /* in scope at the end of A, out of scope in B */
#define DIFF_IN_SCOPE      0x10   /* out of scope at the end of A, in scope in B */
#define DIFF_ATTRIBUTES    0x20   /* live in both; attribute values differ */
#define DIFF_NOT_CREATED   0x40   /* live in A, never created in B */
#define DIFF_DISABLED      0x80   /* live in both; accountEnabled True in A, False in B */
#define DIFF_ENABLED      0x100   /* live in both; accountEnabled False in A, True in B */
#define DIFF_NKIND 9

typedef struct DiffAttr {
  char *zName;             /* Graph name (or extension_<appId>_<name>) */
  char *zOld, *zNew;       /* NULL = not set */
} DiffAttr;

typedef struct DiffUser {
  char *zJob, *zSourceUser, *zTarget;  /* job key, source user key, target tenant key */
  char *zObjectId;         /* target object id (B's, else A's); NULL if none */
  char *zUpn;              /* target userPrincipalName (B's, else A's) */
  char *zStateA, *zStateB; /* "present", "disabled", "absent (reason)" or "never in scope" */
  unsigned mKind;
  DiffAttr *aAttr;
  int nAttr;
} DiffUser;

/* A security finding (lint_findings) standing at the end of one run and
** not the other, by rule and objects (diff_lint.c). */
typedef struct DiffFinding {
  char *zRule, *zSeverity;
  char *zAbout;            /* "job c2f", "contoso, partner evil", "contoso" */
  char *zMessage;
  int bAdded;              /* stands in B only; else in A only (removed) */
} DiffFinding;

/* What one side of the comparison is (diff_describe); any field may be
** NULL. */
typedef struct DiffSide {
  char *zRole;             /* "old", "new" (the default), "current", "proposed" */
  char *zFile;             /* the run database or scenario file, as given */
  char *zReplaced;         /* what the proposal replaces: "mapping", "scoping filters" */
  char *zProposalFile;     /* the file the proposal comes from */
  char *zJob;              /* the job whose rules it replaces (NULL: the only job) */
} DiffSide;

typedef struct Diff {
  char *zScenarioA, *zScenarioB;
  uint64_t seedA, seedB;
  int64_t nPairs;          /* pairs compared */
  int64_t anKind[DIFF_NKIND];  /* users of each kind, in bit order */
  int64_t nAttrChanges;    /* attribute values that differ, in all */
  DiffUser *aUser;
  int64_t nUser, nUserAlloc;
  DiffFinding *aFinding;   /* by rule, then objects; added and removed */
  int nFinding, nAdded;
  DiffSide aSide[2];       /* A, B */
} Diff;

/* Compare the run databases pA (old) and pB (new), both open and owned by
** the caller. On success *ppDiff is a new Diff. Returns 0, or a TS_* code
** with pErr set (a query failed, or memory ran out). */
int diff_build(Store *pA, Store *pB, Diff **ppDiff, TsErr *pErr);
void diff_free(Diff *p);

/* Say what side iSide (0 for A, 1 for B) of p is: copies of the strings
** (each may be NULL; zRole NULL keeps "old" or "new"). TS_OK or TS_NOMEM. */
int diff_describe(Diff *p, int iSide, const char *zRole, const char *zFile,
                  const char *zReplaced, const char *zProposalFile, const char *zJob);

/* Fill p->aFinding from the lint_findings of pA and pB (diff_lint.c):
** the findings standing at the end of one run and not suppressed, that do
** not stand in the other. TS_OK, TS_IOERR or TS_NOMEM. */
int diff_lint_build(Store *pA, Store *pB, Diff *p, TsErr *pErr);
void diff_lint_free(Diff *p);
/* The findings part of the text and JSON writers (nothing in text when
** none differ); the page's is diff_html.c's. */
void diff_lint_text(const Diff *p, FILE *out);
void diff_lint_json(const Diff *p, StrBuf *b);

/* Writers. Each returns 0, or -1 on a write or allocation failure. */
int diff_write_text(const Diff *p, FILE *out);
int diff_write_json(const Diff *p, FILE *out);
/* A self-contained HTML page (diff_html.c): inline CSS and the tables'
** sort-and-filter script (html_kit.h), every value escaped. */
int diff_html_write(const Diff *p, FILE *out);

#endif
