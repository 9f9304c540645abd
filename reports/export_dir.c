/*
** export_dir.c — one tenant's users or groups in Graph's list shape (see
** export_dir.h). The users query is generated once from the attribute
** catalog (attr.h) into a static buffer, as directory.c does for its
** writes, so the columns read and the properties written cannot drift.
*/
#include <stdio.h>
#include <string.h>
#include "attr.h"
#include "reportInt.h"
#include "export_dir.h"

/* Leading columns of the users query, before the catalog's. */
enum { UC_ID, UC_CREATION, UC_STATE, UC_ORIGIN, UC_ORIGIN_TENANT, UC_ATTR };

static char zSqlUsers[2048];

static const char zSqlGroups[] =
  "SELECT object_id, display_name, group_type, membership_rule, rule_state, origin_id,"
  " origin_tenant_id FROM groups WHERE tenant=?1 AND deleted_at IS NULL ORDER BY idx";
static const char zSqlTenant[] = "SELECT idx FROM tenants WHERE key=?1";
static const char zSqlFirstTarget[] = "SELECT target FROM jobs ORDER BY idx LIMIT 1";
static const char zSqlTenantKeys[] = "SELECT key FROM tenants ORDER BY idx";

static void users_sql_init(void){
  size_t k;
  int i;
  if( zSqlUsers[0] ) return;
  k = (size_t)snprintf(zSqlUsers, sizeof(zSqlUsers), "SELECT object_id, creation_type,"
                       " external_user_state, origin_id, origin_tenant_id");
  for(i=0; i<A_COUNT && k<sizeof(zSqlUsers); i++){
    k += (size_t)snprintf(zSqlUsers+k, sizeof(zSqlUsers)-k, ", %s", attr_info(i)->zColumn);
  }
  if( k<sizeof(zSqlUsers) ){
    snprintf(zSqlUsers+k, sizeof(zSqlUsers)-k, " FROM users WHERE tenant=?1 AND deleted_at"
             " IS NULL AND purged_at IS NULL ORDER BY id");
  }
}

/* Column i of s as text, or NULL. */
static const char *col(sqlite3_stmt *s, int i){
  return (const char*)sqlite3_column_text(s, i);
}

/* originTenantInfo from columns iId and iId+1, when set. 0, or -1 OOM. */
static int put_origin(cJSON *p, sqlite3_stmt *s, int iId){
  cJSON *o;
  if( col(s, iId)==NULL ) return 0;
  if( (o = cJSON_AddObjectToObject(p, "originTenantInfo"))==NULL
   || !cJSON_AddStringToObject(o, "originId", col(s, iId))
   || (col(s, iId+1) && !cJSON_AddStringToObject(o, "originTenantId", col(s, iId+1))) ) return -1;
  return 0;
}

/* Attribute i of the current users row into user object p. 0, or -1 OOM. */
static int put_attr(cJSON *p, sqlite3_stmt *s, int i){
  const AttrInfo *a = attr_info(i);
  int iCol = UC_ATTR + i;
  const char *z = col(s, iCol);
  cJSON *c;
  if( sqlite3_column_type(s, iCol)==SQLITE_NULL ) return 0;
  if( a->eType==ATTR_BOOL ) return cJSON_AddBoolToObject(p, a->zName, sqlite3_column_int(s, iCol))
                                   ? 0 : -1;
  if( a->eType==ATTR_REF ){
    return (c = cJSON_AddObjectToObject(p, a->zName))!=NULL && cJSON_AddStringToObject(c, "id", z)
           ? 0 : -1;
  }
  if( strcmp(a->zName, "physicalDeliveryOfficeName")==0 ){
    return cJSON_AddStringToObject(p, "officeLocation", z) ? 0 : -1;
  }
  if( strcmp(a->zName, "telephoneNumber")==0 ){
    return (c = cJSON_AddArrayToObject(p, "businessPhones"))!=NULL
           && cJSON_AddItemToArray(c, cJSON_CreateString(z)) && c->child ? 0 : -1;
  }
  return cJSON_AddStringToObject(p, a->zName, z) ? 0 : -1;
}

static int user_object(sqlite3_stmt *s, cJSON *pList){
  cJSON *p = cJSON_CreateObject();
  int i;
  if( p==NULL || !cJSON_AddItemToArray(pList, p) ){ cJSON_Delete(p); return -1; }
  if( !cJSON_AddStringToObject(p, "id", col(s, UC_ID)) ) return -1;
  for(i=0; i<A_COUNT; i++) if( put_attr(p, s, i) ) return -1;
  if( col(s, UC_CREATION) && !cJSON_AddStringToObject(p, "creationType", col(s, UC_CREATION)) ) return -1;
  if( col(s, UC_STATE) && !cJSON_AddStringToObject(p, "externalUserState", col(s, UC_STATE)) ) return -1;
  return put_origin(p, s, UC_ORIGIN);
}

/* Graph's flags of a tenantsim group type (the import's mapping reversed). */
static int group_object(sqlite3_stmt *s, cJSON *pList){
  const char *zType = col(s, 2) ? col(s, 2) : "Security";
  int bM365 = strcmp(zType, "Microsoft365")==0;
  int bSecurity = strcmp(zType, "Security")==0 || strcmp(zType, "MailEnabledSecurity")==0;
  cJSON *p = cJSON_CreateObject(), *pTypes;
  if( p==NULL || !cJSON_AddItemToArray(pList, p) ){ cJSON_Delete(p); return -1; }
  if( !cJSON_AddStringToObject(p, "id", col(s, 0))
   || !cJSON_AddStringToObject(p, "displayName", col(s, 1))
   || (pTypes = cJSON_AddArrayToObject(p, "groupTypes"))==NULL
   || (bM365 && !cJSON_AddItemToArray(pTypes, cJSON_CreateString("Unified")))
   || (col(s, 3) && !cJSON_AddItemToArray(pTypes, cJSON_CreateString("DynamicMembership")))
   || !cJSON_AddBoolToObject(p, "mailEnabled", !bSecurity || strcmp(zType, "MailEnabledSecurity")==0)
   || !cJSON_AddBoolToObject(p, "securityEnabled", bSecurity) ) return -1;
  if( col(s, 3) && (!cJSON_AddStringToObject(p, "membershipRule", col(s, 3))
                   || !cJSON_AddStringToObject(p, "membershipRuleProcessingState",
                                               col(s, 4) ? col(s, 4) : "On")) ) return -1;
  return put_origin(p, s, 5);
}

/* The index of tenant zTenant (NULL: the first job's target), or -1 with
** pErr set. */
static int tenant_index(Store *pStore, const char *zTenant, TsErr *pErr){
  sqlite3_stmt *s = report_stmt(pStore, zTenant ? zSqlTenant : zSqlFirstTarget, pErr);
  int iT = -1, rc;
  StrBuf keys;
  if( s==NULL ) return -1;
  if( zTenant ) store_bind_text(s, 1, zTenant);
  if( (rc = report_step(pStore, s, pErr))==SQLITE_ROW ) iT = sqlite3_column_int(s, 0);
  sqlite3_reset(s);
  if( rc<0 || iT>=0 ) return iT;
  strbuf_init(&keys);
  if( (s = report_stmt(pStore, zSqlTenantKeys, pErr))==NULL ) return -1;
  while( report_step(pStore, s, pErr)==SQLITE_ROW ){
    strbuf_printf(&keys, "%s%s", keys.n ? ", " : "", col(s, 0));
  }
  sqlite3_reset(s);
  if( keys.bErr ) tserr_set(pErr, TS_NOMEM, "out of memory");
  else if( zTenant ) tserr_set(pErr, TS_ERR, "no tenant \"%s\" in the run (tenants: %s)", zTenant,
                               strbuf_str(&keys));
  else tserr_set(pErr, TS_ERR, "the run has no job: give --tenant KEY (tenants: %s)",
                 strbuf_str(&keys));
  strbuf_free(&keys);
  return -1;
}

int export_dir(Store *pStore, const char *zTenant, int bGroups, cJSON **ppDoc, TsErr *pErr){
  sqlite3_stmt *s;
  cJSON *pDoc = NULL, *pList;
  int iT, rc, rcStep;
  *ppDoc = NULL;
  users_sql_init();
  if( (iT = tenant_index(pStore, zTenant, pErr))<0 ) return pErr->rc;
  if( (s = report_stmt(pStore, bGroups ? zSqlGroups : zSqlUsers, pErr))==NULL ) return TS_IOERR;
  if( (pDoc = cJSON_CreateObject())==NULL
   || !cJSON_AddStringToObject(pDoc, "@odata.context", bGroups
        ? "https://graph.microsoft.com/beta/$metadata#groups"
        : "https://graph.microsoft.com/beta/$metadata#users")
   || (pList = cJSON_AddArrayToObject(pDoc, "value"))==NULL ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory");
    goto out_reset;
  }
  sqlite3_bind_int(s, 1, iT);
  rc = TS_OK;
  while( (rcStep = report_step(pStore, s, pErr))==SQLITE_ROW ){
    if( (bGroups ? group_object(s, pList) : user_object(s, pList))!=0 ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory");
      break;
    }
  }
  if( rc==TS_OK && rcStep<0 ) rc = TS_IOERR;
out_reset:
  sqlite3_reset(s);
  if( rc ){
    cJSON_Delete(pDoc);
    return rc;
  }
  *ppDoc = pDoc;
  return TS_OK;
}
