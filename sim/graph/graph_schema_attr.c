/*
** graph_schema_attr.c — import of one attributeMapping of the User mapping
** into a scenario mapping entry: its flags, its source (attribute,
** constant, expression, the matching AltSecIdFromNetId), and the checks
** that keep the scenario validator from failing later (graph_schema.c's
** head comment lists the choices).
*/
#include <stdio.h>
#include <string.h>
#include "attr.h"
#include "expr.h"
#include "expr_graph.h"
#include "graph_schema.h"
#include "graph_schemaInt.h"
#include "mapping.h"
#include "mem.h"
#include "strbuf.h"

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
  char zExprPath[TS_JSONPATH_MAX]; /* where zExpr came from, for messages */
  StrBuf text;             /* owns a rendered expression or a constant's value */
} GsEntry;

/* Read flowType, flowBehavior, exportMissingReferences, matchingPriority and
** defaultValue into e. */
static void gs_am_flags(GsImp *s, const cJSON *pAM, GsEntry *e){
  const char *zPath = e->zPath;
  const char *zFlow = jsonloc_string(s->g, s->zFile, zPath, pAM, "flowType", 0);
  const char *zBeh = jsonloc_string(s->g, s->zFile, zPath, pAM, "flowBehavior", 0);
  const cJSON *pMatch = cJSON_GetObjectItemCaseSensitive(pAM, "matchingPriority");
  char zSub[TS_JSONPATH_MAX];
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
  char zSrcPath[TS_JSONPATH_MAX];
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
      char zSub[TS_JSONPATH_MAX];
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
    char zSub[TS_JSONPATH_MAX];
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
int graph_schema_attr_modelled(const char *zName){
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
    if( !graph_schema_attr_modelled(expr_attr_name(p, i)) ){
      jsonloc_warn(s->g, s->zFile, e->zExprPath, "the expression reads [%s], an attribute"
                " tenantsim does not model; mapping to %s skipped", expr_attr_name(p, i),
                e->zTarget);
      rc = -1;
      goto free_expr;
    }
  }
  if( expr_uses_function(p, "SelectUniqueValue") && !e->bAddOnly ){
    jsonloc_warn(s->g, s->zFile, e->zExprPath, "SelectUniqueValue is for object creation only"
              " and needs flowType ObjectAddOnly; mapping to %s skipped", e->zTarget);
    rc = -1;
    goto free_expr;
  }
  if( expr_attr_count(p)==1 ){
    const char *zA = expr_attr_name(p, 0);
    size_t n = strlen(zA);
    bDirect = strlen(e->zExpr)==n+2 && e->zExpr[0]=='[' && e->zExpr[n+1]==']'
              && memcmp(e->zExpr+1, zA, n)==0;
  }else if( expr_attr_count(p)==0 ){
    bConst = 1;
  }
free_expr:
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
void graph_schema_attr_mapping(GsImp *s, const char *zPath, int iAM, const cJSON *pAM,
                               HMap *pSeen, cJSON *aOut){
  GsEntry e;
  const cJSON *pSrc;
  int nErrBefore = s->g->nErr;
  char zSub[TS_JSONPATH_MAX];
  int64_t iFirst;
  memset(&e, 0, sizeof(e));
  strbuf_init(&e.text);
  e.zPath = zPath;
  if( !cJSON_IsObject(pAM) ){
    jsonloc_error(s->g, s->zFile, zPath, "expected an attributeMapping object, found %s",
               jsonloc_type_name(pAM));
    goto free_text;
  }
  e.zTarget = jsonloc_string(s->g, s->zFile, zPath, pAM, "targetAttributeName", 1);
  pSrc = jsonloc_object(s->g, s->zFile, zPath, pAM, "source", 0);
  gs_am_flags(s, pAM, &e);
  if( s->g->nErr>nErrBefore || e.zTarget==NULL ) goto free_text;   /* reported */
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "targetAttributeName");

  /* What the engine does itself: matching and soft deletion. */
  if( strcmp(e.zTarget, "alternativeSecurityIds")==0 ){
    if( !(e.rMatch==1 && pSrc && gs_is_match_source(pSrc)) ){
      jsonloc_warn(s->g, s->zFile, zPath, "the matching attribute cannot be changed (the service"
                " rejects extra matching attributes with schemaInvalid); tenantsim matches on"
                " alternativeSecurityIds from AltSecIdFromNetId([netId]) only; mapping skipped");
    }
    goto free_text;
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
    goto free_text;
  }
  if( e.rMatch>0 ){
    char zM[TS_JSONPATH_MAX];
    jsonloc_path_key(zM, sizeof(zM), zPath, "matchingPriority");
    jsonloc_warn(s->g, s->zFile, zM, "the service rejects extra matching attributes with"
              " schemaInvalid; tenantsim matches on alternativeSecurityIds only; %s is"
              " imported as an ordinary mapping", e.zTarget);
  }
  if( gs_am_source(s, pSrc, &e) ) goto free_text;
  if( strcmp(e.zTarget, "otherMails")==0 || strcmp(e.zTarget, "proxyAddresses")==0 ){
    jsonloc_warn(s->g, s->zFile, zSub, "%s cannot be a target attribute of cross-tenant"
              " synchronization; mapping skipped", e.zTarget);
    goto free_text;
  }
  if( !graph_schema_attr_modelled(e.zTarget) ){
    jsonloc_warn(s->g, s->zFile, zSub, "target attribute %s is not modelled by tenantsim;"
              " mapping skipped", e.zTarget);
    goto free_text;
  }
  if( e.eKind==GS_EXPRESSION && gs_am_expression(s, &e) ) goto free_text;
  if( e.eKind==GS_DIRECT && !graph_schema_attr_modelled(e.zSource) ){
    char zN[TS_JSONPATH_MAX];
    jsonloc_path_key(zN, sizeof(zN), zPath, "source");
    jsonloc_warn(s->g, s->zFile, zN, "source attribute %s is not modelled by tenantsim;"
              " mapping to %s skipped", e.zSource, e.zTarget);
    goto free_text;
  }
  if( hmap_get(pSeen, e.zTarget, &iFirst) ){
    jsonloc_warn(s->g, s->zFile, zSub, "a second mapping for %s (the first is attributeMappings[%d]);"
              " skipped", e.zTarget, (int)iFirst);
    goto free_text;
  }
  if( hmap_put(pSeen, e.zTarget, iAM) || graph_put(aOut, NULL, gs_entry_json(&e)) ) s->bNoMem = 1;
free_text:
  strbuf_free(&e.text);
}
