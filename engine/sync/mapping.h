/*
** mapping.h — attribute mappings: the CTS default and their evaluation.
**
** The default is the Azure2Azure template's user mapping (entra-facts
** §6.2): direct flows of the profile attributes, showInAddressList the
** constant True, userType the constant Member applied only on object
** creation. The matching attribute (alternativeSecurityIds) and
** IsSoftDeleted are handled by the engine itself and are not entries here.
**
** Evaluating an entry (expressions.md §1.6-1.7, entra-facts §6.2):
**   Direct      the source attribute; a null value does not flow
**   Constant    the constant
**   Expression  the compiled expression (expr.h); a multi-valued result
**               writes its first value (target attributes are single-valued)
**   None        nothing flows, except that the default value fills an empty
**               target attribute
** A "default value if null" is used only when the object is created. Any
** value written to userPrincipalName is rewritten to the B2B form
** alias_domain#EXT#@targetdomain, as the invitation manager does.
*/
#ifndef TS_MAPPING_H
#define TS_MAPPING_H
#include <stddef.h>
#include "world.h"

typedef struct Job Job;

/* One attribute mapping of a job (mapping.h evaluates it). */
typedef enum MapType { MAP_DIRECT, MAP_CONSTANT, MAP_EXPRESSION, MAP_NONE } MapType;
typedef enum FlowType { FLOW_ALWAYS, FLOW_OBJECT_ADD_ONLY } FlowType;
struct Expr;
typedef struct MapEntry {
  int iTarget;             /* target attribute id (world_attr_find) */
  MapType eType;
  int iSource;             /* MAP_DIRECT: source attribute id */
  char *zConst;            /* MAP_CONSTANT: the value */
  char *zExpr;             /* MAP_EXPRESSION: the text as written */
  struct Expr *pExpr;      /* MAP_EXPRESSION: compiled once, owned */
  char *zDefault;          /* "default value if null": used on create only */
  FlowType eFlow;          /* Always, or ObjectAddOnly (on creation only) */
  int bVolatile;           /* depends on the clock, randomness or the target
                           ** (Now, Guid, RandomString, SelectUniqueValue): it
                           ** has no fixed desired value */
} MapEntry;

/* Target object actions a job may take (Graph objectFlowTypes). */
#define OBJ_ACT_CREATE 0x1
#define OBJ_ACT_UPDATE 0x2
#define OBJ_ACT_DELETE 0x4


/* Fill *paMap and *pnMap with a new copy of the default mapping (caller
** owns: free with mapping_free). 0, or -1 on OOM. */
int mapping_default(MapEntry **paMap, int *pnMap);

/* Free an array of entries and everything they own; mapping_free_entry
** frees what one entry owns and zeroes it. */
void mapping_free(MapEntry *aMap, int nMap);
void mapping_free_entry(MapEntry *e);

typedef enum MapOutcome {
  MV_VALUE,        /* z holds the value to write */
  MV_NULL,         /* null: nothing is written (null values never flow) */
  MV_IGNORE,       /* the flow is ignored (IgnoreFlowIfNullOrEmpty, None) */
  MV_ESCROW,       /* SelectUniqueValue found every candidate taken */
  MV_SKIP_OBJECT,  /* IgnoreObjectFlow: the whole object is skipped */
  MV_ERROR         /* the expression failed; zErr says why */
} MapOutcome;

typedef struct MapValue {
  MapOutcome e;
  const char *z;           /* MV_VALUE: into the user, the entry or zOwned */
  char *zOwned;            /* owned copy, freed by mapping_value_clear */
  int bRedact;             /* passed through Redact(): logs show [Redact] */
  char zBuf[512];          /* the rewritten UPN */
  char zErr[300];
} MapValue;

/* Evaluate entry e of job j for source user u. bCreate: the target object
** is being created (defaults apply). pTarget: the linked target user or
** NULL (None mappings fill only an empty target attribute). Always leaves
** *pv valid for mapping_value_clear. */
void mapping_eval(World *w, const Job *j, const MapEntry *e, const User *u,
                  const User *pTarget, int bCreate, MapValue *pv);
void mapping_value_clear(MapValue *pv);

#endif
