/*
** graph_schemaInt.h — graph_schema's own header, for its files only
** (everyone else includes graph_schema.h):
**
**   graph_schema.c         import: rules, object mappings, metadata
**   graph_schema_attr.c    import: one attributeMapping into a mapping entry
**   graph_schema_scope.c   import: an object mapping's scope into scopingFilters
**   graph_schema_export.c  export: a scenario job into a synchronizationSchema
**
** graph_schema.c calls the attr and scope files, scope calls attr; export
** stands alone. The names and choices are documented at the head of
** graph_schema.c.
*/
#ifndef TS_GRAPH_SCHEMAINT_H
#define TS_GRAPH_SCHEMAINT_H
#include <cjson/cJSON.h>
#include "graph.h"
#include "hmap.h"
#include "tslimits.h"

#define GS_RULE_NAME   "USER_INBOUND_USER"
#define GS_RULE_ID     "df8df8d1-9e6e-40d3-b8df-09bbb402db7e"
#define GS_USER_MAP    "Provision Azure Active Directory Users"
#define GS_GROUP_MAP   "Provision Azure Active Directory Groups"
#define GS_SOURCE_DIR  "Azure Active Directory"
#define GS_TARGET_DIR  "Azure Active Directory (target tenant)"
#define GS_MATCH_EXPR  "AltSecIdFromNetId([netId])"
#define GS_NEVER_TITLE "never true (unmodelled attributes)"

/* Target object action bits, as in targetObjectActions. */
#define GS_ADD    0x1
#define GS_UPDATE 0x2
#define GS_DELETE 0x4
#define GS_ALL    (GS_ADD|GS_UPDATE|GS_DELETE)

/* Add string member zKey = zVal (null when zVal is NULL) to o. 0 or -1. */
static inline int gs_add_str(cJSON *o, const char *zKey, const char *zVal){
  return graph_put(o, zKey, zVal ? cJSON_CreateString(zVal) : cJSON_CreateNull());
}

/* Replace member zKey of o with v (consumed). 0 or -1. */
static inline int gs_set(cJSON *o, const char *zKey, cJSON *v){
  cJSON_DeleteItemFromObjectCaseSensitive(o, zKey);
  return graph_put(o, zKey, v);
}

/* An import in progress: messages go to g, naming zFile; bNoMem latches
** an allocation failure. */
typedef struct GsImp {
  JsonLoc *g;
  const char *zFile;
  int bNoMem;
} GsImp;

/* One attributeMapping (at zPath, index iAM) of the User mapping: appended
** to aOut, or skipped with a warning or an error. pSeen maps targets
** already imported to their attributeMappings index. */
void graph_schema_attr_mapping(GsImp *s, const char *zPath, int iAM, const cJSON *pAM,
                               HMap *pSeen, cJSON *aOut);
/* Is zName an attribute tenantsim models (attr.h's catalog)? */
int graph_schema_attr_modelled(const char *zName);

/* The scope (a filter) of the User mapping pOM at zOMPath into *ppFilters
** (a new array the caller owns), or NULL when nothing filters. */
void graph_schema_scope_import(GsImp *s, const char *zOMPath, const cJSON *pOM, cJSON **ppFilters);

#endif
