/*
** import_exporter.c — the walk of an EntraExporter output folder
** (import_exporter.h): which of its files `tenantsim import --exporter`
** reads, and as what. It reads the directory tree and, to tell the
** cross-tenant synchronization configuration from other service
** principals, their object files; every other document is read later by
** the command, with the importer of its shape (sim/graph/). Messages
** (a path too long, not a folder) go to the FILE* the command passes.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "graph.h"
#include "import_exporter.h"
#include "jsonfile.h"
#include "mem.h"
#include "strbuf.h"
#include "tserr.h"

/* The application template id of "Cross-tenant synchronization"
** (graph-formats.md 2.1): the service principal an EntraExporter folder's
** assignments are read from. */
#define XTS_TEMPLATE_ID "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7"

/* A child collection of an object, read as e: <id>/<zFolder>/<childId>/<childId>.json. */
typedef struct ExpChild {
  const char *zFolder;
  ImportExporterKind e;
} ExpChild;

/* A collection of objects <zPath>/<id>/<id>.json, each read as e, and
** the child collections read below each object. */
typedef struct ExpCollection {
  const char *zPath;
  ImportExporterKind e;
  ExpChild aChild[2];          /* zFolder NULL: no more */
} ExpCollection;

static const ExpCollection aCollection[] = {
  { "Users", IMPORT_EXPORTER_USERS, { { NULL, 0 } } },
  { "Groups", IMPORT_EXPORTER_GROUPS,
    { { "Members", IMPORT_EXPORTER_MEMBERS }, { "Owners", IMPORT_EXPORTER_OWNERS } } },
  { "AdministrativeUnits", IMPORT_EXPORTER_ADMIN_UNITS,
    { { "Members", IMPORT_EXPORTER_ADMIN_UNIT_MEMBERS }, { NULL, 0 } } },
  { "DirectoryRoles", IMPORT_EXPORTER_DIRECTORY_ROLES,
    { { "Members", IMPORT_EXPORTER_DIRECTORY_ROLE_MEMBERS },
      { "ScopedMembers", IMPORT_EXPORTER_DIRECTORY_ROLE_SCOPED_MEMBERS } } },
  { "Identity/Conditional/AccessPolicies", IMPORT_EXPORTER_CA_POLICIES, { { NULL, 0 } } },
  { "RoleManagement/Directory/RoleAssignments", IMPORT_EXPORTER_ROLE_ASSIGNMENTS, { { NULL, 0 } } },
  { "Domains", IMPORT_EXPORTER_DOMAINS, { { NULL, 0 } } },
};

/* Folders whose every .json file (below them, recursively) is read as e. */
static const struct { const char *zPath; ImportExporterKind e; } aFiles[] = {
  { "Policies/CrossTenantAccessPolicy/Default", IMPORT_EXPORTER_DEFAULT_POLICY },
  { "Policies/CrossTenantAccessPolicy/Partners", IMPORT_EXPORTER_PARTNER },
  { "PIM/DirectoryRoles", IMPORT_EXPORTER_PIM_ELIGIBILITY },
};

/* One walk: where found files go, where messages go, and the collection
** (or the child collection of which object) being walked. */
typedef struct Walk {
  ImportExporterAdd xAdd;
  void *pArg;
  FILE *pErr;
  const ExpCollection *pColl;
  ImportExporterKind eChild;
  const char *zOwner;          /* the id of the object whose children are walked */
} Walk;

/* The sorted names of the entries of directory zDir (not "." or ".."),
** or NULL with *pn 0 when it cannot be opened (a missing folder is an
** empty one: an export need not have every type). Caller frees each name
** and the array. */
static int cmp_str(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}
static char **folder_list(const char *zDir, int *pn, int *pbNoMem){
  DIR *pDir = opendir(zDir);
  struct dirent *e;
  char **az = NULL;
  int n = 0, nAlloc = 0;
  *pn = 0;
  if( pDir==NULL ) return NULL;
  while( (e = readdir(pDir))!=NULL ){
    if( strcmp(e->d_name, ".")==0 || strcmp(e->d_name, "..")==0 ) continue;
    if( mem_grow_int((void**)&az, n, &nAlloc, sizeof(char*)) ){ *pbNoMem = 1; break; }
    if( (az[n] = mem_strdup(e->d_name))==NULL ){ *pbNoMem = 1; break; }
    n++;
  }
  closedir(pDir);
  if( n>1 ) qsort(az, (size_t)n, sizeof(char*), cmp_str);
  *pn = n;
  return az;
}

static void folder_list_free(char **az, int n){
  int i;
  for(i=0; i<n; i++) mem_free(az[i]);
  mem_free(az);
}

/* Inside an export folder symbolic links are not followed (EntraExporter
** writes none, and a link loop would repeat the walk without end). */
static int is_dir(const char *z){
  struct stat st;
  return lstat(z, &st)==0 && S_ISDIR(st.st_mode);
}
static int is_file(const char *z){
  struct stat st;
  return lstat(z, &st)==0 && S_ISREG(st.st_mode);
}

/* snprintf into a path buffer; 0, or -1 (and a message) when the path
** does not fit: a cut path would name another file. */
static int path_fmt(Walk *w, char *z, size_t n, const char *zFmt, const char *zA,
                    const char *zB){
  int k = snprintf(z, n, zFmt, zA, zB);
  if( k<0 || (size_t)k>=n ){
    fprintf(w->pErr, "tenantsim: import: path too long: %s/%s\n", zA, zB);
    return -1;
  }
  return 0;
}

/* Visit every object of EntraExporter folder zBase/zType: each object is
** zBase/zType/<id>/<id>.json. xEach is called with the object's folder
** and its id. Missing folders are empty. */
static int exporter_objects(Walk *w, const char *zBase, const char *zType,
                            int (*xEach)(Walk*, const char *zDir, const char *zId)){
  char zDir[2048];
  char **az;
  int n, i, rc = TS_OK, bNoMem = 0;
  if( path_fmt(w, zDir, sizeof(zDir), "%s/%s", zBase, zType) ) return TS_ERR;
  az = folder_list(zDir, &n, &bNoMem);
  for(i=0; rc==TS_OK && i<n; i++){
    char zObj[2300];
    if( path_fmt(w, zObj, sizeof(zObj), "%s/%s", zDir, az[i]) ){ rc = TS_ERR; break; }
    if( is_dir(zObj) ) rc = xEach(w, zObj, az[i]);
  }
  folder_list_free(az, n);
  return bNoMem ? TS_NOMEM : rc;
}

/* zDir/<zId>.json, when it exists, as a document of kind e (of object zOwner). */
static int exp_file(Walk *w, const char *zDir, const char *zId, ImportExporterKind e,
                    const char *zOwner){
  char zFile[2600];
  if( path_fmt(w, zFile, sizeof(zFile), "%s/%s.json", zDir, zId) ) return TS_ERR;
  return is_file(zFile) ? w->xAdd(w->pArg, e, zFile, zOwner) : TS_OK;
}

/* An object of a child collection of w->zOwner. */
static int exp_child(Walk *w, const char *zDir, const char *zId){
  return exp_file(w, zDir, zId, w->eChild, w->zOwner);
}

/* An object of collection w->pColl: its file, then its child collections. */
static int exp_object(Walk *w, const char *zDir, const char *zId){
  const ExpCollection *p = w->pColl;
  int rc = exp_file(w, zDir, zId, p->e, NULL), i;
  for(i=0; rc==TS_OK && i<2 && p->aChild[i].zFolder; i++){
    w->eChild = p->aChild[i].e;
    w->zOwner = zId;
    rc = exporter_objects(w, zDir, p->aChild[i].zFolder, exp_child);
  }
  return rc;
}

static int exp_assignment(Walk *w, const char *zDir, const char *zId){
  return exp_file(w, zDir, zId, IMPORT_EXPORTER_ASSIGNMENTS, NULL);
}

/* A service principal: the app roles assigned to it (its application
** permissions), and, when it is the cross-tenant synchronization
** configuration (by its template id), the users and groups assigned to it. */
static int exp_service_principal(Walk *w, const char *zDir, const char *zId){
  char zFile[2600];
  StrBuf text;
  cJSON *pSp = NULL;
  TsErr err;
  int rc;
  const char *zTemplate;
  w->eChild = IMPORT_EXPORTER_APP_PERMISSIONS;
  w->zOwner = NULL;
  if( (rc = exporter_objects(w, zDir, "AppRoleAssignments", exp_child))!=TS_OK ) return rc;
  if( path_fmt(w, zFile, sizeof(zFile), "%s/%s.json", zDir, zId) ) return TS_ERR;
  if( !is_file(zFile) ) return TS_OK;
  strbuf_init(&text);
  tserr_clear(&err);
  if( jsonfile_read(zFile, &text, &err)==TS_OK && jsonfile_parse(zFile, strbuf_str(&text), &pSp, &err)==TS_OK ){
    zTemplate = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pSp, "applicationTemplateId"));
    if( zTemplate && strcasecmp(zTemplate, XTS_TEMPLATE_ID)==0 ){
      rc = exporter_objects(w, zDir, "AppRoleAssignedTo", exp_assignment);
    }
  }else if( err.rc==TS_NOMEM ){
    rc = TS_NOMEM;
  }
  /* an unreadable service principal that is not ours is no concern of the import */
  cJSON_Delete(pSp);
  strbuf_free(&text);
  return rc;
}

/* Every .json file below zDir (sorted, recursively) as documents of kind e. */
static int exporter_files(Walk *w, const char *zDir, ImportExporterKind e, int nDepth){
  char **az;
  int n, i, rc = TS_OK, bNoMem = 0;
  if( nDepth>8 ) return TS_OK;
  az = folder_list(zDir, &n, &bNoMem);
  for(i=0; rc==TS_OK && i<n; i++){
    char zPath[2300];
    size_t k = strlen(az[i]);
    if( path_fmt(w, zPath, sizeof(zPath), "%s/%s", zDir, az[i]) ){ rc = TS_ERR; break; }
    if( is_dir(zPath) ) rc = exporter_files(w, zPath, e, nDepth+1);
    else if( k>5 && strcmp(az[i]+k-5, ".json")==0 ) rc = w->xAdd(w->pArg, e, zPath, NULL);
  }
  folder_list_free(az, n);
  return bNoMem ? TS_NOMEM : rc;
}

int import_exporter_walk(const char *zDir, ImportExporterAdd xAdd, void *pArg, FILE *err){
  Walk w;
  char zSub[2300];
  int rc = TS_OK;
  size_t i;
  struct stat st;
  memset(&w, 0, sizeof(w));
  w.xAdd = xAdd;
  w.pArg = pArg;
  w.pErr = err;
  /* the folder named on the command line may itself be a link */
  if( stat(zDir, &st)!=0 || !S_ISDIR(st.st_mode) ){
    fprintf(err, "tenantsim: %s: not a folder (--exporter expects an EntraExporter output folder)\n", zDir);
    return TS_ERR;
  }
  for(i=0; rc==TS_OK && i<sizeof(aCollection)/sizeof(aCollection[0]); i++){
    w.pColl = &aCollection[i];
    rc = exporter_objects(&w, zDir, aCollection[i].zPath, exp_object);
  }
  if( rc==TS_OK ) rc = exporter_objects(&w, zDir, "ServicePrincipals", exp_service_principal);
  for(i=0; rc==TS_OK && i<sizeof(aFiles)/sizeof(aFiles[0]); i++){
    if( path_fmt(&w, zSub, sizeof(zSub), "%s/%s", zDir, aFiles[i].zPath) ) return TS_ERR;
    rc = exporter_files(&w, zSub, aFiles[i].e, 0);
  }
  return rc;
}

int import_exporter_pim_clean(cJSON *pDoc){
  static const char *const azAdded[] = { "PrincipalName", "RoleName" };
  cJSON *pPolicy;
  size_t i;
  int bPolicy;
  if( !cJSON_IsObject(pDoc) ) return 0;
  for(i=0; i<sizeof(azAdded)/sizeof(azAdded[0]); i++){
    cJSON_DeleteItemFromObjectCaseSensitive(pDoc, azAdded[i]);
  }
  pPolicy = cJSON_DetachItemFromObjectCaseSensitive(pDoc, "Policy");
  bPolicy = graph_has_content(pPolicy);
  cJSON_Delete(pPolicy);
  return bPolicy;
}
