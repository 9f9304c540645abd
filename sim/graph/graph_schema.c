/*
** graph_schema.c — synchronizationSchema import and export (graph_schema.h).
**
** The importer reads the one object mapping that matters to tenantsim, the
** User→User mapping, into a scenario "mapping" with "replace": true (the
** schema lists every mapping; nothing is inherited from the default), its
** scope into "scopingFilters", and an enabled Group→Group mapping into
** "groupProvisioning". It never recurses over the input except through a
** source tree limited to EXPR_MAX_DEPTH levels, and keeps every pass over
** a collection linear (targets already mapped sit in a hash map), so huge
** or deeply nested documents cost time in proportion to their size.
**
** Choices where Microsoft documents nothing (each is also a warning text):
**  - A disabled User mapping ("enabled": false) provisions nobody in the
**    service; it is imported with targetObjectActions create, update and
**    delete all false, which is the closest tenantsim can come. Export
**    writes such a job as "enabled": false. A missing "enabled" counts as
**    true.
**  - flowTypes: members are split on commas and trimmed; empty members and
**    "None" add nothing; a missing flowTypes means Add, Update, Delete.
**  - "defaultValue": "" is the portal's empty "Default value if null" box
**    and is dropped (in tenantsim an empty default would write "" on
**    create, which the service does not do for an empty box).
**  - A mapping whose source is null acts, in Graph, as a constant default;
**    tenantsim's nearest entry is type None with the defaultValue, which
**    fills the attribute on creation and whenever it is empty.
**  - When a source's name and its "expression" disagree ([mail] named
**    "givenName"), the expression wins, with a warning. An expression that
**    is exactly one attribute reference or one canonical string constant
**    becomes a Direct or Constant entry, so that export and import agree
**    whatever shape Graph gives such expressions.
**  - Unknown metadata keys are warnings, not errors: the key list is an
**    open set in practice. Rule metadata is not read.
**  - Scoping clauses on an attribute tenantsim does not model are
**    constant (no simulated user has a value there): IS NULL is dropped as
**    always true, anything else drops its group as always false. A clause on
**    an attribute the service does not accept for scoping (userType,
**    manager, dates) drops its group too. A group left with no clause is
**    always true, so the whole filter is: it is imported as no filter.
**  - Group→Group mappings are read for on/off only; tenantsim's group sync
**    creates security groups with the source's displayName and provisioned
**    direct members, so export writes exactly those two attribute mappings
**    and import warns when a schema's group mapping asks for anything else.
**    Group sync follows the job's delete action, and always creates and
**    updates.
**  - The matching entry AltSecIdFromNetId([netId]) is built by hand on
**    export: AltSecIdFromNetId is internal to the service and not part of
**    the expression language tenantsim compiles.
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "attr.h"
#include "expr.h"
#include "expr_graph.h"
#include "hmap.h"
#include "mapping.h"
#include "scope.h"
#include "strbuf.h"
#include "graph_schema.h"

#define GS_PATH 512

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

/* ---------------------------------------------------------------------
** Shared helpers.
*/

static int gs_add_str(cJSON *o, const char *zKey, const char *zVal){
  return graph_put(o, zKey, zVal ? cJSON_CreateString(zVal) : cJSON_CreateNull());
}

/* Replace member zKey of o with v (consumed). 0 or -1. */
static int gs_set(cJSON *o, const char *zKey, cJSON *v){
  cJSON_DeleteItemFromObjectCaseSensitive(o, zKey);
  return graph_put(o, zKey, v);
}

/* ---------------------------------------------------------------------
** Import.
*/

typedef struct GsImp {
  JsonLoc *g;
  const char *zFile;
  int bNoMem;
} GsImp;

/* The flow-type bits of an objectMapping's flowTypes flags string. */
static unsigned gs_flow_types(GsImp *s, const char *zPath, const cJSON *pOM){
  char zSub[GS_PATH];
  const char *z = jsonloc_string(s->g, s->zFile, zPath, pOM, "flowTypes", 0);
  unsigned m = 0;
  if( z==NULL ) return GS_ALL;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowTypes");
  while( *z ){
    const char *zEnd = strchr(z, ',');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    while( n>0 && (*z==' ' || *z=='\t') ){ z++; n--; }
    while( n>0 && (z[n-1]==' ' || z[n-1]=='\t') ) n--;
    if( n==3 && memcmp(z, "Add", 3)==0 ) m |= GS_ADD;
    else if( n==6 && memcmp(z, "Update", 6)==0 ) m |= GS_UPDATE;
    else if( n==6 && memcmp(z, "Delete", 6)==0 ) m |= GS_DELETE;
    else if( n>0 && !(n==4 && memcmp(z, "None", 4)==0) ){
      jsonloc_error(s->g, s->zFile, zSub, "unknown flow type \"%.*s\"; expected Add, Update"
                 " or Delete, separated by commas", n>100 ? 100 : (int)n, z);
    }
    if( zEnd==NULL ) break;
    z = zEnd + 1;
  }
  return m;
}

/* A metadata value without the JSON quotes the service wraps some in. */
static int gs_meta_is(const char *zVal, const char *zWord){
  size_t n = strlen(zWord), nv = strlen(zVal);
  if( nv==n+2 && zVal[0]=='"' && zVal[nv-1]=='"' ) return memcmp(zVal+1, zWord, n)==0;
  return strcmp(zVal, zWord)==0;
}

/* An objectMapping's metadata: warn about what changes behaviour. */
static void gs_om_metadata(GsImp *s, const char *zPath, const cJSON *pOM){
  const cJSON *a = jsonloc_array(s->g, s->zFile, zPath, pOM, "metadata", 0), *c;
  char zArr[GS_PATH], zE[GS_PATH], zV[GS_PATH];
  int i = 0;
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "metadata");
  if( a ) cJSON_ArrayForEach(c, a){
    const char *zKey, *zVal;
    jsonloc_path_idx(zE, sizeof(zE), zArr, i++);
    if( !cJSON_IsObject(c) ){
      jsonloc_error(s->g, s->zFile, zE, "expected a {\"key\", \"value\"} object, found %s",
                 jsonloc_type_name(c));
      continue;
    }
    zKey = jsonloc_string(s->g, s->zFile, zE, c, "key", 1);
    zVal = jsonloc_string(s->g, s->zFile, zE, c, "value", 0);
    if( zKey==NULL ) continue;
    if( zVal==NULL ) zVal = "";
    jsonloc_path_key(zV, sizeof(zV), zE, "value");
    if( strcmp(zKey, "Disposition")==0 ){
      if( gs_meta_is(zVal, "Discard") || gs_meta_is(zVal, "Escrow") ){
        jsonloc_warn(s->g, s->zFile, zV, "Disposition %s is not modelled: tenantsim provisions"
                  " these objects normally", zVal);
      }else if( !gs_meta_is(zVal, "Normal") ){
        jsonloc_error(s->g, s->zFile, zV, "unknown Disposition %s; expected \"Normal\","
                   " \"Discard\" or \"Escrow\"", zVal);
      }
    }else if( strcmp(zKey, "EscrowBehavior")==0 ){
      if( gs_meta_is(zVal, "IgnoreLookupReferenceResolutionFailure") ){
        jsonloc_warn(s->g, s->zFile, zV, "EscrowBehavior IgnoreLookupReferenceResolutionFailure"
                  " is not modelled: an unresolved manager escrows the object as by default");
      }else if( !gs_meta_is(zVal, "Default") ){
        jsonloc_error(s->g, s->zFile, zV, "unknown EscrowBehavior %s; expected \"Default\" or"
                   " \"IgnoreLookupReferenceResolutionFailure\"", zVal);
      }
    }else if( strcmp(zKey, "DisableMonitoringForChanges")==0
           || strcmp(zKey, "ExcludeFromReporting")==0 || strcmp(zKey, "Unsynchronized")==0 ){
      if( attr_is_true(zVal) || gs_meta_is(zVal, "true") || gs_meta_is(zVal, "True") ){
        jsonloc_warn(s->g, s->zFile, zV, "%s true is not modelled", zKey);
      }
    }else if( strcmp(zKey, "OriginalJoiningProperty")==0 ){
      if( zVal[0] ){
        jsonloc_warn(s->g, s->zFile, zV, "OriginalJoiningProperty is not modelled: tenantsim"
                  " matches on alternativeSecurityIds only");
      }
    }else if( strcmp(zKey, "IsCustomerDefined")!=0 ){
      jsonloc_warn(s->g, s->zFile, zE, "unknown objectMapping metadata key \"%s\" ignored", zKey);
    }
  }
}

/* containerFilter / groupFilter of a rule: an object whose list member
** zList must be empty, or null. */
static void gs_rule_filter(GsImp *s, const char *zPath, const cJSON *pRule,
                           const char *zKey, const char *zList){
  const cJSON *f = jsonloc_object(s->g, s->zFile, zPath, pRule, zKey, 0), *a;
  char zSub[GS_PATH];
  if( f==NULL ) return;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, zKey);
  a = jsonloc_array(s->g, s->zFile, zSub, f, zList, 0);
  if( a && cJSON_GetArraySize(a)>0 ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: cross-tenant synchronization"
              " scopes users by assignment and scoping filters only", zKey);
  }
}

/* Is pSrc the engine's matching source AltSecIdFromNetId([netId])? */
static int gs_is_match_source(const cJSON *pSrc){
  const char *zExpr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "expression"));
  const char *zName = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "name"));
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "type"));
  const cJSON *a = cJSON_GetObjectItemCaseSensitive(pSrc, "parameters"), *v;
  if( zExpr ) return strcmp(zExpr, GS_MATCH_EXPR)==0;
  if( zName==NULL || strcmp(zName, "AltSecIdFromNetId")!=0 || zType==NULL
   || strcmp(zType, "Function")!=0 || cJSON_GetArraySize(a)!=1 ) return 0;
  v = cJSON_GetObjectItemCaseSensitive(a->child, "value");
  zName = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "name"));
  zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(v, "type"));
  return zName && strcmp(zName, "netId")==0 && zType && strcmp(zType, "Attribute")==0;
}

/* Is the source tree below p deeper than the expression language allows?
** Bounded recursion: never more than EXPR_MAX_DEPTH+2 frames. */
static int gs_too_deep(const cJSON *p, int iDepth){
  const cJSON *c;
  if( iDepth>EXPR_MAX_DEPTH ) return 1;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(p, "parameters")){
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(c, "value");
    if( cJSON_IsObject(v) && gs_too_deep(v, iDepth+1) ) return 1;
  }
  return 0;
}

/* If zText is exactly one canonical string constant ("..." with only \"
** and \\ escaped), copy its value into b and return 1. */
static int gs_canonical_constant(const char *zText, StrBuf *b){
  size_t n = strlen(zText);
  const char *z;
  if( n<2 || zText[0]!='"' || zText[n-1]!='"' ) return 0;
  for(z=zText+1; z<zText+n-1; z++){
    if( *z=='"' ) return 0;
    if( *z=='\\' ){
      if( z+1>=zText+n-1 || (z[1]!='"' && z[1]!='\\') ) return 0;
      z++;
    }
    strbuf_appendc(b, *z);
  }
  return 1;
}

typedef enum GsKind { GS_NONE, GS_DIRECT, GS_CONSTANT, GS_EXPRESSION } GsKind;

/* What one attributeMapping becomes, while it is being read. */
typedef struct GsEntry {
  const char *zPath;       /* $....attributeMappings[i] */
  const char *zTarget;
  GsKind eKind;
  const char *zSource;     /* GS_DIRECT: the attribute; GS_CONSTANT: the value */
  const char *zExpr;       /* GS_EXPRESSION: the text */
  const char *zDefault;    /* non-empty, or NULL */
  int bAddOnly;            /* flowType ObjectAddOnly */
  double rMatch;           /* matchingPriority */
  char zExprPath[GS_PATH]; /* where zExpr came from, for messages */
  StrBuf text;             /* owns a rendered expression or a constant's value */
} GsEntry;

/* Read flowType, flowBehavior, exportMissingReferences, matchingPriority and
** defaultValue into e. */
static void gs_am_flags(GsImp *s, const cJSON *pAM, GsEntry *e){
  const char *zPath = e->zPath;
  const char *zFlow = jsonloc_string(s->g, s->zFile, zPath, pAM, "flowType", 0);
  const char *zBeh = jsonloc_string(s->g, s->zFile, zPath, pAM, "flowBehavior", 0);
  const cJSON *pMatch = cJSON_GetObjectItemCaseSensitive(pAM, "matchingPriority");
  char zSub[GS_PATH];
  if( zFlow ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowType");
    if( strcmp(zFlow, "ObjectAddOnly")==0 ){
      e->bAddOnly = 1;
    }else if( strcmp(zFlow, "MultiValueAddOnly")==0 || strcmp(zFlow, "ValueAddOnly")==0
           || strcmp(zFlow, "AttributeAddOnly")==0 ){
      jsonloc_warn(s->g, s->zFile, zSub, "flowType %s is not modelled; imported as Always", zFlow);
    }else if( strcmp(zFlow, "Always")!=0 ){
      jsonloc_error(s->g, s->zFile, zSub, "unknown flowType \"%s\"; expected Always, ObjectAddOnly,"
                 " MultiValueAddOnly, ValueAddOnly or AttributeAddOnly", zFlow);
    }
  }
  if( zBeh ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowBehavior");
    if( strcmp(zBeh, "FlowAlways")==0 ){
      jsonloc_warn(s->g, s->zFile, zSub, "flowBehavior FlowAlways is not modelled: tenantsim"
                " flows a value when it changes (FlowWhenChanged)");
    }else if( strcmp(zBeh, "FlowWhenChanged")!=0 ){
      jsonloc_error(s->g, s->zFile, zSub, "unknown flowBehavior \"%s\"; expected FlowWhenChanged"
                 " or FlowAlways", zBeh);
    }
  }
  if( jsonloc_bool(s->g, s->zFile, zPath, pAM, "exportMissingReferences")==1 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "exportMissingReferences");
    jsonloc_warn(s->g, s->zFile, zSub, "exportMissingReferences true is not modelled");
  }
  if( pMatch && !cJSON_IsNull(pMatch) ){
    if( cJSON_IsNumber(pMatch) ){
      e->rMatch = pMatch->valuedouble;
    }else{
      jsonloc_path_key(zSub, sizeof(zSub), zPath, "matchingPriority");
      jsonloc_error(s->g, s->zFile, zSub, "expected a number, found %s", jsonloc_type_name(pMatch));
    }
  }
  e->zDefault = jsonloc_string(s->g, s->zFile, zPath, pAM, "defaultValue", 0);
  if( e->zDefault && e->zDefault[0]==0 ) e->zDefault = NULL;
}


/* Is zExpr the text zWant with nothing but blanks around it? (An
** expression may be written "  [country] ": the same attribute.) */
static int gs_same_but_blanks(const char *zExpr, const char *zWant){
  size_t n = strlen(zWant);
  while( *zExpr==' ' || *zExpr=='\t' ) zExpr++;
  if( strncmp(zExpr, zWant, n)!=0 ) return 0;
  for(zExpr+=n; *zExpr==' ' || *zExpr=='\t'; zExpr++){}
  return *zExpr==0;
}

/* Read the source of an attributeMapping into e (kind, name, expression).
** Returns 0, or -1 when the entry is to be skipped (reported). */
static int gs_am_source(GsImp *s, const cJSON *pSrc, GsEntry *e){
  char zSrcPath[GS_PATH];
  const char *zType, *zName, *zExpr;
  jsonloc_path_key(zSrcPath, sizeof(zSrcPath), e->zPath, "source");
  if( pSrc==NULL ){
    if( e->zDefault==NULL ){
      jsonloc_warn(s->g, s->zFile, zSrcPath, "no source and no defaultValue: nothing flows to %s;"
                " mapping skipped", e->zTarget);
      return -1;
    }
    e->eKind = GS_NONE;
    return 0;
  }
  zType = jsonloc_string(s->g, s->zFile, zSrcPath, pSrc, "type", 0);
  zName = jsonloc_string(s->g, s->zFile, zSrcPath, pSrc, "name", 0);
  zExpr = jsonloc_string(s->g, s->zFile, zSrcPath, pSrc, "expression", 0);
  jsonloc_path_key(e->zExprPath, sizeof(e->zExprPath), zSrcPath, "expression");
  if( zType==NULL ) zType = "Attribute";       /* the documented default */
  if( strcmp(zType, "Attribute")==0 || strcmp(zType, "Constant")==0 ){
    int bConst = zType[0]=='C';
    StrBuf b;
    int bAgree, bExact;
    if( zName==NULL ){
      char zSub[GS_PATH];
      jsonloc_path_key(zSub, sizeof(zSub), zSrcPath, "name");
      jsonloc_error(s->g, s->zFile, zSub, "an %s source needs a string name", zType);
      return -1;
    }
    strbuf_init(&b);
    if( bConst ) expr_graph_quote(&b, zName); else strbuf_printf(&b, "[%s]", zName);
    if( b.bErr ){ strbuf_free(&b); s->bNoMem = 1; return -1; }
    bExact = zExpr==NULL || strcmp(zExpr, strbuf_str(&b))==0;
    bAgree = bExact || gs_same_but_blanks(zExpr, strbuf_str(&b));
    if( !bAgree ){
      jsonloc_warn(s->g, s->zFile, e->zExprPath, "the expression %s disagrees with the %s's name"
                " (%s); the expression is used", zExpr, bConst ? "constant" : "attribute",
                strbuf_str(&b));
    }
    strbuf_free(&b);
    /* Blanks around the reference keep it an expression, as written, so
    ** that an exported Expression entry imports back as one. */
    if( bExact ){
      e->eKind = bConst ? GS_CONSTANT : GS_DIRECT;
      e->zSource = zName;
      return 0;
    }
    e->eKind = GS_EXPRESSION;
    e->zExpr = zExpr;
    return 0;
  }
  if( strcmp(zType, "Function")!=0 ){
    char zSub[GS_PATH];
    jsonloc_path_key(zSub, sizeof(zSub), zSrcPath, "type");
    jsonloc_error(s->g, s->zFile, zSub, "unknown source type \"%s\"; expected Attribute, Constant"
               " or Function", zType);
    return -1;
  }
  e->eKind = GS_EXPRESSION;
  if( zExpr ){
    e->zExpr = zExpr;
    return 0;
  }
  /* No text: render the tree (never deeper than the language allows). */
  snprintf(e->zExprPath, sizeof(e->zExprPath), "%s", zSrcPath);
  if( gs_too_deep(pSrc, 1) ){
    jsonloc_error(s->g, s->zFile, zSrcPath, "function calls nested deeper than %d levels",
               EXPR_MAX_DEPTH);
    return -1;
  }
  {
    TsErr err;
    tserr_clear(&err);
    if( expr_graph_text(pSrc, &e->text, &err) || e->text.bErr ){
      if( err.rc==TS_NOMEM || e->text.bErr ) s->bNoMem = 1;
      else jsonloc_error(s->g, s->zFile, zSrcPath, "%s", err.zMsg);
      return -1;
    }
  }
  e->zExpr = strbuf_str(&e->text);
  return 0;
}

/* Is zName an attribute tenantsim models (catalog or extension)? */
static int gs_modelled(const char *zName){
  return attr_find(zName)>=0 || attr_is_extension(zName);
}

/* Compile e's expression and check what it reads; an expression that is a
** single attribute reference or constant becomes a Direct or Constant
** entry. Returns 0, or -1 when the entry is to be skipped (reported). */
static int gs_am_expression(GsImp *s, GsEntry *e){
  Expr *p = NULL;
  TsErr err;
  int i, rc = 0, bDirect = 0, bConst = 0;
  tserr_clear(&err);
  if( expr_compile(e->zExpr, &p, &err) ){
    if( err.rc==TS_NOMEM ) s->bNoMem = 1;
    else jsonloc_error(s->g, s->zFile, e->zExprPath, "%s", err.zMsg);
    return -1;
  }
  for(i=0; i<expr_attr_count(p); i++){
    if( !gs_modelled(expr_attr_name(p, i)) ){
      jsonloc_warn(s->g, s->zFile, e->zExprPath, "the expression reads [%s], an attribute"
                " tenantsim does not model; mapping to %s skipped", expr_attr_name(p, i),
                e->zTarget);
      rc = -1;
      goto out;
    }
  }
  if( expr_uses_function(p, "SelectUniqueValue") && !e->bAddOnly ){
    jsonloc_warn(s->g, s->zFile, e->zExprPath, "SelectUniqueValue is for object creation only"
              " and needs flowType ObjectAddOnly; mapping to %s skipped", e->zTarget);
    rc = -1;
    goto out;
  }
  if( expr_attr_count(p)==1 ){
    const char *zA = expr_attr_name(p, 0);
    size_t n = strlen(zA);
    bDirect = strlen(e->zExpr)==n+2 && e->zExpr[0]=='[' && e->zExpr[n+1]==']'
              && memcmp(e->zExpr+1, zA, n)==0;
  }else if( expr_attr_count(p)==0 ){
    bConst = 1;
  }
out:
  expr_free(p);
  if( rc ) return rc;
  /* One attribute reference or one constant: a Direct or Constant entry,
  ** named by a copy (e->zExpr may point into e->text). */
  if( bDirect || bConst ){
    StrBuf b;
    strbuf_init(&b);
    if( bDirect ) strbuf_appendn(&b, e->zExpr+1, strlen(e->zExpr)-2);
    else bConst = gs_canonical_constant(e->zExpr, &b);
    if( b.bErr ){
      strbuf_free(&b);
      s->bNoMem = 1;
      return -1;
    }
    if( bDirect || bConst ){
      strbuf_free(&e->text);
      e->text = b;
      e->eKind = bDirect ? GS_DIRECT : GS_CONSTANT;
      e->zSource = strbuf_str(&e->text);
    }else{
      strbuf_free(&b);
    }
  }
  return 0;
}

/* The scenario entry for e: {"target", "type", ..., "flowType"?,
** "defaultValue"?}. NULL when memory ran out. */
static cJSON *gs_entry_json(const GsEntry *e){
  cJSON *o = cJSON_CreateObject();
  int rc;
  if( o==NULL ) return NULL;
  rc = gs_add_str(o, "target", e->zTarget);
  switch( e->eKind ){
    case GS_DIRECT:
      rc = rc || gs_add_str(o, "type", "Direct") || gs_add_str(o, "source", e->zSource);
      break;
    case GS_CONSTANT:
      rc = rc || gs_add_str(o, "type", "Constant") || gs_add_str(o, "value", e->zSource);
      break;
    case GS_EXPRESSION:
      rc = rc || gs_add_str(o, "type", "Expression") || gs_add_str(o, "expression", e->zExpr);
      break;
    case GS_NONE:
      rc = rc || gs_add_str(o, "type", "None");
      break;
  }
  if( e->bAddOnly ) rc = rc || gs_add_str(o, "flowType", "ObjectAddOnly");
  if( e->zDefault ) rc = rc || gs_add_str(o, "defaultValue", e->zDefault);
  if( rc ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* One attributeMapping of the User mapping: appended to aOut, or skipped
** with a warning or an error. pSeen maps targets already imported to
** their attributeMappings index. */
static void gs_attribute_mapping(GsImp *s, const char *zPath, int iAM, const cJSON *pAM,
                                 HMap *pSeen, cJSON *aOut){
  GsEntry e;
  const cJSON *pSrc;
  int nErrBefore = s->g->nErr;
  char zSub[GS_PATH];
  int64_t iFirst;
  memset(&e, 0, sizeof(e));
  strbuf_init(&e.text);
  e.zPath = zPath;
  if( !cJSON_IsObject(pAM) ){
    jsonloc_error(s->g, s->zFile, zPath, "expected an attributeMapping object, found %s",
               jsonloc_type_name(pAM));
    goto out;
  }
  e.zTarget = jsonloc_string(s->g, s->zFile, zPath, pAM, "targetAttributeName", 1);
  pSrc = jsonloc_object(s->g, s->zFile, zPath, pAM, "source", 0);
  gs_am_flags(s, pAM, &e);
  if( s->g->nErr>nErrBefore || e.zTarget==NULL ) goto out;   /* reported */
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "targetAttributeName");

  /* What the engine does itself: matching and soft deletion. */
  if( strcmp(e.zTarget, "alternativeSecurityIds")==0 ){
    if( !(e.rMatch==1 && pSrc && gs_is_match_source(pSrc)) ){
      jsonloc_warn(s->g, s->zFile, zPath, "the matching attribute cannot be changed (the service"
                " rejects extra matching attributes with schemaInvalid); tenantsim matches on"
                " alternativeSecurityIds from AltSecIdFromNetId([netId]) only; mapping skipped");
    }
    goto out;
  }
  if( strcmp(e.zTarget, "IsSoftDeleted")==0 ){
    const char *zName = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "name"));
    const char *zExpr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "expression"));
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "type"));
    if( !(zName && strcmp(zName, "IsSoftDeleted")==0 && (zType==NULL || strcmp(zType, "Attribute")==0)
          && (zExpr==NULL || strcmp(zExpr, "[IsSoftDeleted]")==0)) ){
      jsonloc_warn(s->g, s->zFile, zPath, "IsSoftDeleted is managed by the provisioning engine"
                " (soft deletes follow scope and the delete action); mapping skipped");
    }
    goto out;
  }
  if( e.rMatch>0 ){
    char zM[GS_PATH];
    jsonloc_path_key(zM, sizeof(zM), zPath, "matchingPriority");
    jsonloc_warn(s->g, s->zFile, zM, "the service rejects extra matching attributes with"
              " schemaInvalid; tenantsim matches on alternativeSecurityIds only; %s is"
              " imported as an ordinary mapping", e.zTarget);
  }
  if( gs_am_source(s, pSrc, &e) ) goto out;
  if( strcmp(e.zTarget, "otherMails")==0 || strcmp(e.zTarget, "proxyAddresses")==0 ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s cannot be a target attribute of cross-tenant"
              " synchronization; mapping skipped", e.zTarget);
    goto out;
  }
  if( !gs_modelled(e.zTarget) ){
    jsonloc_warn(s->g, s->zFile, zSub, "target attribute %s is not modelled by tenantsim;"
              " mapping skipped", e.zTarget);
    goto out;
  }
  if( e.eKind==GS_EXPRESSION && gs_am_expression(s, &e) ) goto out;
  if( e.eKind==GS_DIRECT && !gs_modelled(e.zSource) ){
    char zN[GS_PATH];
    jsonloc_path_key(zN, sizeof(zN), zPath, "source");
    jsonloc_warn(s->g, s->zFile, zN, "source attribute %s is not modelled by tenantsim;"
              " mapping to %s skipped", e.zSource, e.zTarget);
    goto out;
  }
  if( hmap_get(pSeen, e.zTarget, &iFirst) ){
    jsonloc_warn(s->g, s->zFile, zSub, "a second mapping for %s (the first is attributeMappings[%d]);"
              " skipped", e.zTarget, (int)iFirst);
    goto out;
  }
  if( hmap_put(pSeen, e.zTarget, iAM) || graph_put(aOut, NULL, gs_entry_json(&e)) ) s->bNoMem = 1;
out:
  strbuf_free(&e.text);
}

/* What became of a scoping clause. */
enum { GS_CLAUSE_KEPT, GS_CLAUSE_FALSE, GS_CLAUSE_TRUE, GS_CLAUSE_BAD };

/* One clause of a filter group into the scenario form (appended to aOut
** when kept). Returns GS_CLAUSE_KEPT, _FALSE (always false: the group is
** dropped), _TRUE (always true: the clause is dropped) or _BAD (an error
** was recorded). */
static int gs_clause(GsImp *s, const char *zPath, const cJSON *c, cJSON *aOut){
  const char *zOp, *zAttr, *zVal = NULL, *zWhy;
  const cJSON *pOperand;
  char zSub[GS_PATH], zVs[GS_PATH], zV[GS_PATH];
  int iOp;
  cJSON *o;
  if( !cJSON_IsObject(c) ){
    jsonloc_error(s->g, s->zFile, zPath, "expected a filterClause object, found %s", jsonloc_type_name(c));
    return GS_CLAUSE_BAD;
  }
  zOp = jsonloc_string(s->g, s->zFile, zPath, c, "operatorName", 1);
  zAttr = jsonloc_string(s->g, s->zFile, zPath, c, "sourceOperandName", 1);
  pOperand = jsonloc_object(s->g, s->zFile, zPath, c, "targetOperand", 0);
  if( zOp==NULL || zAttr==NULL ) return GS_CLAUSE_BAD;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "operatorName");
  iOp = scope_op_find(zOp);
  if( iOp<0 ){
    jsonloc_error(s->g, s->zFile, zSub, "unknown operatorName \"%s\"; expected one of %s",
               zOp, scope_op_list());
    return GS_CLAUSE_BAD;
  }
  if( !scope_op_is_unary((ScopeOp)iOp) ){
    const cJSON *a;
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "targetOperand");
    if( pOperand==NULL ){
      if( !cJSON_GetObjectItemCaseSensitive(c, "targetOperand")
       || cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c, "targetOperand")) ){
        jsonloc_error(s->g, s->zFile, zSub, "operator %s needs a value in targetOperand.values", zOp);
      }
      return GS_CLAUSE_BAD;
    }
    a = jsonloc_array(s->g, s->zFile, zSub, pOperand, "values", 1);
    if( a==NULL ) return GS_CLAUSE_BAD;
    jsonloc_path_key(zVs, sizeof(zVs), zSub, "values");
    if( a->child==NULL ){
      jsonloc_error(s->g, s->zFile, zVs, "operator %s needs a value", zOp);
      return GS_CLAUSE_BAD;
    }
    if( a->child->next ){
      jsonloc_warn(s->g, s->zFile, zVs, "more than one value; tenantsim compares with the first only");
    }
    jsonloc_path_idx(zV, sizeof(zV), zVs, 0);
    if( !cJSON_IsString(a->child) ){
      jsonloc_error(s->g, s->zFile, zV, "expected a string, found %s", jsonloc_type_name(a->child));
      return GS_CLAUSE_BAD;
    }
    zVal = a->child->valuestring;
    {
      char zBad[300];
      int rc = scope_value_check((ScopeOp)iOp, zVal, zBad, sizeof(zBad));
      if( rc==-2 ){
        s->bNoMem = 1;
        return GS_CLAUSE_BAD;
      }
      if( rc ){
        jsonloc_error(s->g, s->zFile, zV, "%s", zBad);
        return GS_CLAUSE_BAD;
      }
    }
  }
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "sourceOperandName");
  if( (zWhy = scope_attr_forbidden(zAttr))!=NULL ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s cannot be a scoping attribute (%s); its filter group"
              " is left out, as if it were never true", zAttr, zWhy);
    return GS_CLAUSE_FALSE;
  }
  if( !gs_modelled(zAttr) ){
    if( iOp==OP_IS_NULL ){
      jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: no simulated user has a value, so"
                " this IS NULL clause is always true and is left out", zAttr);
      return GS_CLAUSE_TRUE;
    }
    jsonloc_warn(s->g, s->zFile, zSub, "%s is not modelled: no simulated user has a value, so"
              " this clause is always false and its filter group is left out", zAttr);
    return GS_CLAUSE_FALSE;
  }
  o = cJSON_CreateObject();
  if( gs_add_str(o, "attribute", zAttr) || gs_add_str(o, "operator", zOp)
   || (zVal && gs_add_str(o, "value", zVal)) ){
    cJSON_Delete(o);
    s->bNoMem = 1;
  }else if( graph_put(aOut, NULL, o) ){
    s->bNoMem = 1;
  }
  return GS_CLAUSE_KEPT;
}

/* The scope (a filter) of the User mapping into *ppFilters (a new array),
** or NULL when nothing filters. */
static void gs_scope(GsImp *s, const char *zOMPath, const cJSON *pOM, cJSON **ppFilters){
  const cJSON *pScope = jsonloc_object(s->g, s->zFile, zOMPath, pOM, "scope", 0), *a, *grp;
  char zPath[GS_PATH], zArr[GS_PATH], zG[GS_PATH];
  static const char *const azExp[] = { "inputFilterGroups", "categoryFilterGroups" };
  cJSON *aOut = NULL;
  int i, nDropped = 0, bAlwaysTrue = 0;
  *ppFilters = NULL;
  if( pScope==NULL ) return;
  jsonloc_path_key(zPath, sizeof(zPath), zOMPath, "scope");
  for(i=0; i<2; i++){
    a = jsonloc_array(s->g, s->zFile, zPath, pScope, azExp[i], 0);
    if( a && cJSON_GetArraySize(a)>0 ){
      jsonloc_path_key(zArr, sizeof(zArr), zPath, azExp[i]);
      jsonloc_warn(s->g, s->zFile, zArr, "%s (experimental) is not modelled; only groups scope"
                " users", azExp[i]);
    }
  }
  a = jsonloc_array(s->g, s->zFile, zPath, pScope, "groups", 0);
  if( a==NULL || a->child==NULL ) return;
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "groups");
  aOut = cJSON_CreateArray();
  if( aOut==NULL ){ s->bNoMem = 1; return; }
  i = 0;
  cJSON_ArrayForEach(grp, a){
    const char *zName;
    const cJSON *l, *c;
    cJSON *o, *aClauses;
    char zL[GS_PATH], zC[GS_PATH];
    int j = 0, mSeen = 0;
    jsonloc_path_idx(zG, sizeof(zG), zArr, i++);
    if( !cJSON_IsObject(grp) ){
      jsonloc_error(s->g, s->zFile, zG, "expected a filterGroup object, found %s", jsonloc_type_name(grp));
      continue;
    }
    zName = jsonloc_string(s->g, s->zFile, zG, grp, "name", 0);
    l = jsonloc_array(s->g, s->zFile, zG, grp, "clauses", 1);
    if( l==NULL ) continue;
    jsonloc_path_key(zL, sizeof(zL), zG, "clauses");
    if( l->child==NULL ){
      jsonloc_error(s->g, s->zFile, zL, "a filter group needs at least one clause");
      continue;
    }
    aClauses = cJSON_CreateArray();
    if( aClauses==NULL ){ s->bNoMem = 1; break; }
    cJSON_ArrayForEach(c, l){
      jsonloc_path_idx(zC, sizeof(zC), zL, j++);
      mSeen |= 1 << gs_clause(s, zC, c, aClauses);
    }
    if( mSeen & ((1<<GS_CLAUSE_FALSE)|(1<<GS_CLAUSE_BAD)) ){
      cJSON_Delete(aClauses);
      if( mSeen & (1<<GS_CLAUSE_FALSE) ) nDropped++;
      continue;
    }
    if( aClauses->child==NULL ){
      cJSON_Delete(aClauses);
      bAlwaysTrue = 1;
      jsonloc_warn(s->g, s->zFile, zG, "every clause of this group is always true, so the"
                " group and the whole scoping filter let every user through");
      continue;
    }
    o = cJSON_CreateObject();
    if( o==NULL || (zName && zName[0] && gs_add_str(o, "title", zName)) ){
      cJSON_Delete(o);
      cJSON_Delete(aClauses);
      s->bNoMem = 1;
      break;
    }
    if( graph_put(o, "clauses", aClauses) ){
      cJSON_Delete(o);
      s->bNoMem = 1;
      break;
    }
    if( graph_put(aOut, NULL, o) ){ s->bNoMem = 1; break; }
  }
  if( bAlwaysTrue || s->bNoMem ){
    cJSON_Delete(aOut);
    return;
  }
  if( aOut->child==NULL && nDropped>0 ){
    jsonloc_warn(s->g, s->zFile, zArr, "every filter group is always false, so the service scopes"
              " no user in; imported as the group \"" GS_NEVER_TITLE "\" (accountEnabled IS"
              " NULL, false for every simulated user)");
    if( graph_put(aOut, NULL, cJSON_Parse("{\"title\":\"" GS_NEVER_TITLE "\",\"clauses\":"
                "[{\"attribute\":\"accountEnabled\",\"operator\":\"IS NULL\"}]}")) ){
      s->bNoMem = 1;
    }
  }
  if( aOut->child==NULL || s->bNoMem ){
    cJSON_Delete(aOut);
    return;
  }
  *ppFilters = aOut;
}

/* The User→User object mapping: its attribute mappings, flow types and
** scope into *ppMapping and *ppFilters (new objects, or NULL). */
static void gs_user_mapping(GsImp *s, const char *zPath, const cJSON *pOM,
                            cJSON **ppMapping, cJSON **ppFilters){
  const cJSON *a, *c;
  cJSON *pMap = NULL, *aOut = NULL;
  char zArr[GS_PATH], zE[GS_PATH];
  HMap seen;
  unsigned m;
  int i = 0;
  *ppMapping = NULL;
  hmap_init(&seen);
  m = gs_flow_types(s, zPath, pOM);
  if( jsonloc_bool(s->g, s->zFile, zPath, pOM, "enabled")==0 ){
    jsonloc_path_key(zE, sizeof(zE), zPath, "enabled");
    jsonloc_warn(s->g, s->zFile, zE, "the User mapping is disabled, so the service provisions no"
              " user with it; imported with targetObjectActions create, update and delete all"
              " false");
    m = 0;
  }
  gs_om_metadata(s, zPath, pOM);
  a = jsonloc_array(s->g, s->zFile, zPath, pOM, "attributeMappings", 0);
  jsonloc_path_key(zArr, sizeof(zArr), zPath, "attributeMappings");
  aOut = cJSON_CreateArray();
  if( aOut==NULL ) goto out_nomem;
  if( a ) cJSON_ArrayForEach(c, a){
    jsonloc_path_idx(zE, sizeof(zE), zArr, i);
    gs_attribute_mapping(s, zE, i, c, &seen, aOut);
    i++;
    if( s->bNoMem ) goto out_nomem;
  }
  pMap = cJSON_CreateObject();
  if( graph_put(pMap, "replace", cJSON_CreateTrue()) ) goto out_nomem;
  if( graph_put(pMap, "attributes", aOut) ){ aOut = NULL; goto out_nomem; }
  aOut = NULL;
  if( m!=GS_ALL ){
    cJSON *o = cJSON_CreateObject();
    if( graph_put(o, "create", cJSON_CreateBool((m & GS_ADD)!=0))
     || graph_put(o, "update", cJSON_CreateBool((m & GS_UPDATE)!=0))
     || graph_put(o, "delete", cJSON_CreateBool((m & GS_DELETE)!=0)) ){
      cJSON_Delete(o);
      goto out_nomem;
    }
    if( graph_put(pMap, "targetObjectActions", o) ) goto out_nomem;
  }
  gs_scope(s, zPath, pOM, ppFilters);
  *ppMapping = pMap;
  hmap_free(&seen);
  return;
out_nomem:
  s->bNoMem = 1;
  cJSON_Delete(aOut);
  cJSON_Delete(pMap);
  hmap_free(&seen);
}

/* Are a Group mapping's attribute mappings what tenantsim's group sync
** does: [displayName] → displayName and [members] → members, nothing else? */
static int gs_group_plain(const cJSON *a){
  const cJSON *c;
  int mSeen = 0;
  cJSON_ArrayForEach(c, a){
    const char *zT = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "targetAttributeName"));
    const cJSON *pSrc = cJSON_GetObjectItemCaseSensitive(c, "source");
    const char *zN = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "name"));
    const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSrc, "type"));
    int bit;
    if( zT==NULL || zN==NULL || strcmp(zT, zN)!=0 || (zType && strcmp(zType, "Attribute")!=0) ) return 0;
    if( strcmp(zT, "displayName")==0 ) bit = 1;
    else if( strcmp(zT, "members")==0 ) bit = 2;
    else return 0;
    if( mSeen & bit ) return 0;
    mSeen |= bit;
  }
  return mSeen==3;
}

/* A Group→Group object mapping: 1 if it is enabled (group provisioning
** on), else 0. What tenantsim does not model is reported. */
static int gs_group_mapping(GsImp *s, const char *zPath, const cJSON *pOM){
  const cJSON *a, *pScope;
  char zSub[GS_PATH];
  unsigned m = gs_flow_types(s, zPath, pOM);
  int bEnabled = jsonloc_bool(s->g, s->zFile, zPath, pOM, "enabled")!=0;
  gs_om_metadata(s, zPath, pOM);
  if( !bEnabled ) return 0;
  if( (m & (GS_ADD|GS_UPDATE))!=(GS_ADD|GS_UPDATE) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "flowTypes");
    jsonloc_warn(s->g, s->zFile, zSub, "tenantsim's group sync always creates and updates groups;"
              " it deletes them when the User mapping's Delete is on");
  }
  a = jsonloc_array(s->g, s->zFile, zPath, pOM, "attributeMappings", 0);
  if( a && !gs_group_plain(a) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "attributeMappings");
    jsonloc_warn(s->g, s->zFile, zSub, "group attribute mappings are not imported: tenantsim's"
              " group sync creates security groups with the source's displayName and its"
              " provisioned direct members");
  }
  pScope = jsonloc_object(s->g, s->zFile, zPath, pOM, "scope", 0);
  if( pScope ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "scope");
    jsonloc_warn(s->g, s->zFile, zSub, "group scoping filters are not modelled: every assigned"
              " group is provisioned");
  }
  return 1;
}

static int gs_is(const char *z, const char *zWord){ return z && strcmp(z, zWord)==0; }

/* First pass: the User→User object mapping to import (the first enabled
** one, else the first), as rule and mapping indexes; -1 when none. */
static void gs_find_user(const cJSON *aRules, int *piRule, int *piOM){
  const cJSON *r, *o;
  int i = 0, bEnabled = 0;
  *piRule = *piOM = -1;
  cJSON_ArrayForEach(r, aRules){
    int j = 0;
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(r, "objectMappings");
    if( !cJSON_IsArray(a) ){ i++; continue; }
    cJSON_ArrayForEach(o, a){
      if( cJSON_IsObject(o)
       && gs_is(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "sourceObjectName")), "User")
       && gs_is(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "targetObjectName")), "User") ){
        int bOn = !cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(o, "enabled"));
        if( *piRule<0 || (bOn && !bEnabled) ){
          *piRule = i; *piOM = j; bEnabled = bOn;
        }
        if( bEnabled ) return;
      }
      j++;
    }
    i++;
  }
}

int graph_schema_import(JsonLoc *g, const char *zFile, const cJSON *pDoc, cJSON *pJob){
  GsImp s;
  const cJSON *aRules, *r;
  cJSON *pMapping = NULL, *pFilters = NULL;
  char zRP[GS_PATH], zOP[GS_PATH], zArr[GS_PATH], zUser[GS_PATH];
  int iRule, iOM, i = 0, bGroups = 0;
  s.g = g;
  s.zFile = zFile;
  s.bNoMem = 0;
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected a synchronizationSchema object, found %s", jsonloc_type_name(pDoc));
    goto out;
  }
  aRules = jsonloc_array(g, zFile, "$", pDoc, "synchronizationRules", 1);
  if( aRules==NULL ) goto out;
  gs_find_user(aRules, &iRule, &iOM);
  if( iRule<0 ){
    jsonloc_error(g, zFile, "$.synchronizationRules", "no objectMapping from User to User in any"
               " rule: tenantsim imports the user mapping of cross-tenant synchronization");
  }
  zUser[0] = 0;
  if( iRule>=0 ){
    jsonloc_path_idx(zRP, sizeof(zRP), "$.synchronizationRules", iRule);
    jsonloc_path_key(zArr, sizeof(zArr), zRP, "objectMappings");
    jsonloc_path_idx(zUser, sizeof(zUser), zArr, iOM);
  }
  cJSON_ArrayForEach(r, aRules){
    const cJSON *a, *o;
    const char *zName;
    int j = 0;
    jsonloc_path_idx(zRP, sizeof(zRP), "$.synchronizationRules", i);
    if( !cJSON_IsObject(r) ){
      jsonloc_error(g, zFile, zRP, "expected a synchronizationRule object, found %s", jsonloc_type_name(r));
      i++;
      continue;
    }
    zName = jsonloc_string(g, zFile, zRP, r, "name", 0);
    gs_rule_filter(&s, zRP, r, "containerFilter", "includedContainers");
    gs_rule_filter(&s, zRP, r, "groupFilter", "includedGroups");
    jsonloc_array(g, zFile, zRP, r, "metadata", 0);
    if( i==iRule && !gs_is(zName, GS_RULE_NAME) ){
      char zSub[GS_PATH];
      jsonloc_path_key(zSub, sizeof(zSub), zRP, "name");
      jsonloc_warn(g, zFile, zSub, "the rule holding the User mapping is named %s, not "
                GS_RULE_NAME " as in cross-tenant synchronization; read all the same",
                zName ? zName : "(nothing)");
    }
    a = jsonloc_array(g, zFile, zRP, r, "objectMappings", 0);
    jsonloc_path_key(zArr, sizeof(zArr), zRP, "objectMappings");
    if( a ) cJSON_ArrayForEach(o, a){
      const char *zSrc, *zTgt, *zOM;
      int bInternal;
      jsonloc_path_idx(zOP, sizeof(zOP), zArr, j++);
      if( !cJSON_IsObject(o) ){
        jsonloc_error(g, zFile, zOP, "expected an objectMapping object, found %s", jsonloc_type_name(o));
        continue;
      }
      zOM = jsonloc_string(g, zFile, zOP, o, "name", 0);
      zSrc = jsonloc_string(g, zFile, zOP, o, "sourceObjectName", 1);
      zTgt = jsonloc_string(g, zFile, zOP, o, "targetObjectName", 1);
      if( zSrc==NULL || zTgt==NULL ) continue;
      bInternal = zOM==NULL || zOM[0]==0;
      if( gs_is(zSrc, "User") && gs_is(zTgt, "User") ){
        if( strcmp(zOP, zUser)!=0 ){
          jsonloc_warn(g, zFile, zOP, "another User to User object mapping; tenantsim imports one,"
                    " the first enabled (%s)", zUser);
          continue;
        }
        if( bInternal ){
          jsonloc_warn(g, zFile, zOP, "the User mapping has no name (the service's internal"
                    " mappings have none); read all the same");
        }
        gs_user_mapping(&s, zOP, o, &pMapping, &pFilters);
      }else if( gs_is(zSrc, "Group") && gs_is(zTgt, "Group") ){
        if( bInternal ){
          jsonloc_warn(g, zFile, zOP, "the Group mapping has no name (the service's internal"
                    " mappings have none); read all the same");
        }
        if( gs_group_mapping(&s, zOP, o) ){
          if( bGroups ){
            jsonloc_warn(g, zFile, zOP, "another enabled Group to Group object mapping; group"
                      " provisioning is on or off for the job");
          }
          bGroups = 1;
        }
      }else{
        jsonloc_warn(g, zFile, zOP, "%sobject mapping from %s to %s is not modelled: tenantsim"
                  " synchronizes users and groups", bInternal ? "internal (unnamed) " : "",
                  zSrc, zTgt);
      }
      if( s.bNoMem ) goto out;
    }
    i++;
  }
  if( pMapping==NULL ) goto out;
  if( gs_set(pJob, "mapping", pMapping) ){ pMapping = NULL; s.bNoMem = 1; goto out; }
  pMapping = NULL;
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, "scopingFilters");
  if( pFilters && graph_put(pJob, "scopingFilters", pFilters) ){ pFilters = NULL; s.bNoMem = 1; goto out; }
  pFilters = NULL;
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, "groupProvisioning");
  if( bGroups && graph_put(pJob, "groupProvisioning", cJSON_CreateTrue()) ) s.bNoMem = 1;
out:
  cJSON_Delete(pMapping);
  cJSON_Delete(pFilters);
  if( s.bNoMem || g->bNoMem ) return TS_NOMEM;
  return jsonloc_failed(g) ? TS_ERR : TS_OK;
}

/* ---------------------------------------------------------------------
** Export.
*/

/* {"expression", "name", "parameters": [], "type"} of an Attribute or
** Constant source. NULL when memory ran out. */
static cJSON *gs_simple_source(const char *zType, const char *zName){
  cJSON *o = cJSON_CreateObject();
  StrBuf b;
  int rc;
  strbuf_init(&b);
  if( zType[0]=='C' ) expr_graph_quote(&b, zName); else strbuf_printf(&b, "[%s]", zName);
  rc = b.bErr || gs_add_str(o, "expression", strbuf_str(&b)) || gs_add_str(o, "name", zName)
    || graph_put(o, "parameters", cJSON_CreateArray()) || gs_add_str(o, "type", zType);
  strbuf_free(&b);
  if( rc ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* The engine's matching source, AltSecIdFromNetId([netId]), as the
** Azure2Azure template has it. */
static cJSON *gs_match_source(void){
  cJSON *o = cJSON_CreateObject(), *a = cJSON_CreateArray(), *p = cJSON_CreateObject();
  if( graph_put(p, "key", cJSON_CreateString("source"))
   || graph_put(p, "value", gs_simple_source("Attribute", "netId")) ){
    cJSON_Delete(p);
    p = NULL;
  }
  if( p==NULL || graph_put(a, NULL, p) ){
    cJSON_Delete(a);
    a = NULL;
  }
  if( a==NULL || gs_add_str(o, "expression", GS_MATCH_EXPR) || gs_add_str(o, "name", "AltSecIdFromNetId") ){
    cJSON_Delete(a);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "parameters", a) || gs_add_str(o, "type", "Function") ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* An attributeMapping with every member, in Graph's order; pSource (a
** source object or JSON null) is consumed. NULL on OOM, or when pSource
** is NULL (its own allocation failed). */
static cJSON *gs_am(const char *zTarget, const char *zDefault, int bAddOnly, int iMatch,
                    cJSON *pSource){
  cJSON *o = pSource ? cJSON_CreateObject() : NULL;
  if( gs_add_str(o, "defaultValue", zDefault)
   || graph_put(o, "exportMissingReferences", cJSON_CreateFalse())
   || gs_add_str(o, "flowBehavior", "FlowWhenChanged")
   || gs_add_str(o, "flowType", bAddOnly ? "ObjectAddOnly" : "Always")
   || graph_put(o, "matchingPriority", cJSON_CreateNumber(iMatch)) ){
    cJSON_Delete(pSource);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "source", pSource) || gs_add_str(o, "targetAttributeName", zTarget) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* One scenario mapping entry (validated) as an attributeMapping, appended
** to aOut. TS_OK, TS_ERR (expression) or TS_NOMEM, message in pErr. */
static int gs_export_entry(const cJSON *c, cJSON *aOut, TsErr *pErr){
  const char *zTarget = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
  const char *zType = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "type"));
  const char *zFlow = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "flowType"));
  const char *zDef = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "defaultValue"));
  cJSON *pSrc;
  if( zTarget==NULL || zType==NULL ) return tserr_set(pErr, TS_ERR, "a mapping entry without target or type");
  if( strcmp(zType, "Direct")==0 || strcmp(zType, "Constant")==0 ){
    int bConst = zType[0]=='C';
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, bConst ? "value" : "source"));
    if( z==NULL ) return tserr_set(pErr, TS_ERR, "mapping to %s: no %s", zTarget, bConst ? "value" : "source");
    pSrc = gs_simple_source(bConst ? "Constant" : "Attribute", z);
    if( pSrc==NULL ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  }else if( strcmp(zType, "Expression")==0 ){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "expression"));
    int rc;
    if( z==NULL ) return tserr_set(pErr, TS_ERR, "mapping to %s: no expression", zTarget);
    rc = expr_graph_source(z, &pSrc, pErr);
    if( rc ){
      if( rc==TS_ERR ){
        char zMsg[sizeof(pErr->zMsg)];
        snprintf(zMsg, sizeof(zMsg), "%s", pErr->zMsg);
        tserr_set(pErr, TS_ERR, "mapping to %s: %s", zTarget, zMsg);
      }
      return rc;
    }
  }else{
    pSrc = cJSON_CreateNull();      /* None: the default value alone */
  }
  if( graph_put(aOut, NULL, gs_am(zTarget, zDef, zFlow && strcmp(zFlow, "ObjectAddOnly")==0, 0, pSrc)) ){
    return tserr_set(pErr, TS_NOMEM, "out of memory");
  }
  return TS_OK;
}

/* The default mapping's entry e in the scenario form (a new object). */
static cJSON *gs_default_entry(const MapEntry *e){
  cJSON *o = cJSON_CreateObject();
  int bConst = e->eType==MAP_CONSTANT;
  if( gs_add_str(o, "target", attr_info(e->iTarget)->zName)
   || gs_add_str(o, "type", bConst ? "Constant" : "Direct")
   || gs_add_str(o, bConst ? "value" : "source", bConst ? e->zConst : attr_info(e->iSource)->zName)
   || (e->eFlow==FLOW_OBJECT_ADD_ONLY && gs_add_str(o, "flowType", "ObjectAddOnly")) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* The job's attribute mappings in the scenario form, merged with the
** default as sim/runner.c build_mapping merges them, into *ppList (a new
** array). TS_OK or TS_NOMEM. */
static int gs_merged_entries(const cJSON *pMapping, cJSON **ppList){
  const cJSON *pAttrs = cJSON_GetObjectItemCaseSensitive(pMapping, "attributes"), *c;
  cJSON *aList = cJSON_CreateArray(), **apSlot = NULL;
  MapEntry *aDef = NULL;
  int nDef = 0, n = 0, i, rc = TS_OK;
  HMap idx;
  hmap_init(&idx);
  *ppList = NULL;
  if( aList==NULL ) return TS_NOMEM;
  if( !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pMapping, "replace"))
   && mapping_default(&aDef, &nDef) ){
    rc = TS_NOMEM;
    goto out;
  }
  apSlot = mem_calloc((size_t)(nDef + cJSON_GetArraySize(pAttrs) + 1), sizeof(cJSON*));
  if( apSlot==NULL ){ rc = TS_NOMEM; goto out; }
  for(i=0; i<nDef; i++){
    apSlot[n++] = gs_default_entry(&aDef[i]);
    if( apSlot[i]==NULL || hmap_put(&idx, attr_info(aDef[i].iTarget)->zName, i) ){
      rc = TS_NOMEM;
      goto out;
    }
  }
  cJSON_ArrayForEach(c, pAttrs){
    const char *zTarget = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "target"));
    cJSON *pCopy = cJSON_Duplicate(c, 1);
    int64_t k;
    if( pCopy==NULL ){ rc = TS_NOMEM; goto out; }
    if( zTarget && hmap_get(&idx, zTarget, &k) ){
      cJSON_Delete(apSlot[k]);
      apSlot[k] = pCopy;
    }else{
      apSlot[n] = pCopy;
      if( zTarget && hmap_put(&idx, zTarget, n) ){ n++; rc = TS_NOMEM; goto out; }
      n++;
    }
  }
  for(i=0; i<n; i++){
    cJSON *p = apSlot[i];
    apSlot[i] = NULL;
    if( graph_put(aList, NULL, p) ){ rc = TS_NOMEM; goto out; }
  }
out:
  if( apSlot ){
    for(i=0; i<n; i++) cJSON_Delete(apSlot[i]);
    mem_free(apSlot);
  }
  if( aDef ) mapping_free(aDef, nDef);
  hmap_free(&idx);
  if( rc ){
    cJSON_Delete(aList);
    return rc;
  }
  *ppList = aList;
  return TS_OK;
}

/* The job's scopingFilters as a Graph filter, or JSON null. */
static cJSON *gs_export_scope(const cJSON *pFilters){
  const cJSON *f, *k;
  cJSON *o, *aGroups;
  if( cJSON_GetArraySize(pFilters)==0 ) return cJSON_CreateNull();
  o = cJSON_CreateObject();
  aGroups = cJSON_CreateArray();
  if( graph_put(o, "groups", aGroups) ) goto out_nomem;
  cJSON_ArrayForEach(f, pFilters){
    cJSON *g = cJSON_CreateObject(), *aC = cJSON_CreateArray();
    const char *zTitle = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "title"));
    if( graph_put(aGroups, NULL, g) ){ cJSON_Delete(aC); goto out_nomem; }
    if( graph_put(g, "clauses", aC) || gs_add_str(g, "name", zTitle ? zTitle : "") ) goto out_nomem;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(f, "clauses")){
      const char *zAttr = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "attribute"));
      const char *zOp = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "operator"));
      const char *zVal = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "value"));
      cJSON *c = cJSON_CreateObject(), *pOperand = NULL;
      if( graph_put(aC, NULL, c) || gs_add_str(c, "operatorName", zOp)
       || gs_add_str(c, "sourceOperandName", zAttr) ) goto out_nomem;
      if( zVal ){
        cJSON *aV = cJSON_CreateArray();
        pOperand = cJSON_CreateObject();
        if( graph_put(pOperand, "values", aV) ){ cJSON_Delete(pOperand); goto out_nomem; }
        if( graph_put(aV, NULL, cJSON_CreateString(zVal)) ){ cJSON_Delete(pOperand); goto out_nomem; }
      }else{
        pOperand = cJSON_CreateNull();
      }
      if( graph_put(c, "targetOperand", pOperand) ) goto out_nomem;
    }
  }
  if( graph_put(o, "inputFilterGroups", cJSON_CreateArray())
   || graph_put(o, "categoryFilterGroups", cJSON_CreateArray()) ) goto out_nomem;
  return o;
out_nomem:
  cJSON_Delete(o);
  return NULL;
}

/* An objectMapping with its members in Graph's order; aAttrs and pScope
** are consumed. NULL on OOM. */
static cJSON *gs_object_mapping(cJSON *aAttrs, int bEnabled, const char *zFlowTypes,
                                const char *zName, cJSON *pScope, const char *zObject){
  cJSON *o = cJSON_CreateObject();
  if( graph_put(o, "attributeMappings", aAttrs) ){
    cJSON_Delete(pScope);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "enabled", cJSON_CreateBool(bEnabled)) || gs_add_str(o, "flowTypes", zFlowTypes)
   || graph_put(o, "metadata", cJSON_CreateArray()) || gs_add_str(o, "name", zName) ){
    cJSON_Delete(pScope);
    cJSON_Delete(o);
    return NULL;
  }
  if( graph_put(o, "scope", pScope) || gs_add_str(o, "sourceObjectName", zObject)
   || gs_add_str(o, "targetObjectName", zObject) ){
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

/* "Add, Update, Delete" with only the members in m. */
static void gs_flow_text(unsigned m, char *z, size_t n){
  snprintf(z, n, "%s%s%s%s%s", (m & GS_ADD) ? "Add" : "",
           (m & GS_ADD) && (m & (GS_UPDATE|GS_DELETE)) ? ", " : "",
           (m & GS_UPDATE) ? "Update" : "",
           (m & GS_UPDATE) && (m & GS_DELETE) ? ", " : "",
           (m & GS_DELETE) ? "Delete" : "");
}

/* The Group mapping tenantsim's group sync amounts to. */
static cJSON *gs_group_object_mapping(unsigned mUser){
  cJSON *a = cJSON_CreateArray();
  if( graph_put(a, NULL, gs_am("displayName", NULL, 0, 0, gs_simple_source("Attribute", "displayName")))
   || graph_put(a, NULL, gs_am("members", NULL, 0, 0, gs_simple_source("Attribute", "members"))) ){
    cJSON_Delete(a);
    return NULL;
  }
  return gs_object_mapping(a, 1, (mUser & GS_DELETE) ? "Add, Update, Delete" : "Add, Update",
                           GS_GROUP_MAP, cJSON_CreateNull(), "Group");
}

int graph_schema_export(const cJSON *pJob, const char *zJobId, cJSON **ppSchema, TsErr *pErr){
  const cJSON *pMapping = cJSON_GetObjectItemCaseSensitive(pJob, "mapping");
  const cJSON *pActs = cJSON_GetObjectItemCaseSensitive(pMapping, "targetObjectActions");
  const cJSON *c;
  cJSON *pSchema = NULL, *aRules = NULL, *pRule = NULL, *aOM = NULL, *aAttrs = NULL;
  cJSON *aEntries = NULL, *pScope, *pUserOM;
  unsigned m = GS_ALL;
  char zFlow[64];
  int rc = TS_OK;
  *ppSchema = NULL;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "create")) ) m &= ~GS_ADD;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "update")) ) m &= ~GS_UPDATE;
  if( cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(pActs, "delete")) ) m &= ~GS_DELETE;
  rc = gs_merged_entries(pMapping, &aEntries);
  if( rc ) goto out;
  aAttrs = cJSON_CreateArray();
  if( graph_put(aAttrs, NULL, gs_am("alternativeSecurityIds", NULL, 0, 1, gs_match_source()))
   || graph_put(aAttrs, NULL, gs_am("IsSoftDeleted", NULL, 0, 0, gs_simple_source("Attribute", "IsSoftDeleted"))) ){
    rc = TS_NOMEM;
    goto out;
  }
  cJSON_ArrayForEach(c, aEntries){
    rc = gs_export_entry(c, aAttrs, pErr);
    if( rc ) goto out;
  }
  /* Each container is created where it is added, so that a failure
  ** leaves nothing outside pSchema. */
  pSchema = cJSON_CreateObject();
  if( gs_add_str(pSchema, "id", zJobId)
   || graph_put(pSchema, "synchronizationRules", aRules = cJSON_CreateArray())
   || graph_put(pSchema, "directories", cJSON_CreateArray())
   || graph_put(aRules, NULL, pRule = cJSON_CreateObject()) ){ rc = TS_NOMEM; goto out; }
  if( graph_put(pRule, "containerFilter", cJSON_CreateNull())
   || graph_put(pRule, "editable", cJSON_CreateTrue())
   || graph_put(pRule, "groupFilter", cJSON_CreateNull())
   || gs_add_str(pRule, "id", GS_RULE_ID)
   || graph_put(pRule, "metadata", cJSON_CreateArray())
   || gs_add_str(pRule, "name", GS_RULE_NAME)
   || graph_put(pRule, "objectMappings", aOM = cJSON_CreateArray())
   || graph_put(pRule, "priority", cJSON_CreateNumber(1))
   || gs_add_str(pRule, "sourceDirectoryName", GS_SOURCE_DIR)
   || gs_add_str(pRule, "targetDirectoryName", GS_TARGET_DIR) ){ rc = TS_NOMEM; goto out; }
  /* No action at all is a disabled mapping (the import's reading of one). */
  gs_flow_text(m ? m : GS_ALL, zFlow, sizeof(zFlow));
  pScope = gs_export_scope(cJSON_GetObjectItemCaseSensitive(pJob, "scopingFilters"));
  if( pScope==NULL ){ rc = TS_NOMEM; goto out; }
  pUserOM = gs_object_mapping(aAttrs, m!=0, zFlow, GS_USER_MAP, pScope, "User");
  aAttrs = NULL;                     /* consumed */
  if( graph_put(aOM, NULL, pUserOM) ){ rc = TS_NOMEM; goto out; }
  if( cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pJob, "groupProvisioning"))
   && graph_put(aOM, NULL, gs_group_object_mapping(m)) ){
    rc = TS_NOMEM;
    goto out;
  }
out:
  cJSON_Delete(aEntries);
  cJSON_Delete(aAttrs);
  if( rc ){
    cJSON_Delete(pSchema);
    if( rc==TS_NOMEM ) tserr_set(pErr, TS_NOMEM, "out of memory");
    return rc;
  }
  *ppSchema = pSchema;
  return TS_OK;
}
