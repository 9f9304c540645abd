/*
** graph_secrets.c — synchronization secrets from and to Microsoft Graph
** (graph_secrets.h).
**
** Import reads the list once, keeps what it learns in a SecretsRead and
** changes the job only at the end, so a job is never left with half of a
** document's settings. SyncNotificationSettings is parsed with cJSON; an
** allocation failure there is told from broken JSON by mem_fail_count().
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "graph_secrets.h"
#include "mem.h"

/* The scenario's range for a job's deleteThreshold (sim/scenario/scenario.c). */
#define SECRETS_MAX_THRESHOLD 1e9

/* The synchronizationSecret values Graph documents that cross-tenant
** synchronization does not use (it uses AuthenticationType, CompanyId,
** SyncNotificationSettings, SyncAll, SkipOutOfScopeDeletions). */
static const char *const azOtherSecrets[] = {
  "None", "UserName", "Password", "SecretToken", "AppKey", "BaseAddress", "ClientIdentifier",
  "ClientSecret", "SingleSignOnType", "Sandbox", "Url", "Domain", "ConsumerKey",
  "ConsumerSecret", "TokenKey", "TokenExpiration", "Oauth2AccessToken",
  "Oauth2AccessTokenCreationTime", "Oauth2RefreshToken", "InstanceName", "Oauth2ClientId",
  "Oauth2ClientSecret", "UpdateKeyOnSoftDelete", "SynchronizationSchedule", "SystemOfRecord",
  "SandboxName", "EnforceDomain", "Oauth2AuthorizationCode", "Oauth2RedirectUri",
  "ApplicationTemplateIdentifier", "Oauth2TokenExchangeUri", "Oauth2AuthorizationUri", "Server",
  "PerformInboundEntitlementGrants", "HardDeletesEnabled", "SyncAgentCompatibilityKey",
  "SyncAgentADContainer", "ValidateDomain", "TestReferences", "ConnectionString", NULL
};

/* The secrets that are read, in the order of their bit in SecretsRead.mSeen. */
static const char *const azUsed[] = {
  "AuthenticationType", "CompanyId", "SyncNotificationSettings", "SyncAll",
  "SkipOutOfScopeDeletions", NULL
};
enum { SK_AUTH, SK_COMPANY, SK_NOTIFY, SK_SYNCALL, SK_SKIPOOS };

typedef struct SecretsRead {
  JsonLoc *g;
  const char *zFile;
  int mSeen;            /* bit per azUsed entry given so far */
  int iScope;           /* -1 not given, 0 assigned, 1 all */
  int iSkipOos;         /* SkipOutOfScopeDeletions: -1 not given, else 0/1 */
  long long nThreshold; /* -2 not given, -1 off, else the threshold */
  int bNotifyGiven;     /* SyncNotificationSettings was read */
  int bNotify;          /* Enabled true */
  char *zRecipients;    /* Recipients (owned), NULL: none */
  int bNoMem;
} SecretsRead;

static int list_index(const char *z, const char *const *az){
  int i;
  for(i=0; az[i]; i++) if( strcmp(z, az[i])==0 ) return i;
  return -1;
}

/* "true"/"false" in any case: 1/0; anything else -1. */
static int bool_string(const char *z){
  if( strcasecmp(z, "true")==0 ) return 1;
  if( strcasecmp(z, "false")==0 ) return 0;
  return -1;
}

/* A Boolean member of the notification settings: 1, 0, or -1 when absent
** or null (mistyped: an error too). */
static int notify_bool(SecretsRead *r, const char *zPath, const cJSON *pSet, const char *zKey){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pSet, zKey);
  if( c==NULL || cJSON_IsNull(c) ) return -1;
  if( !cJSON_IsBool(c) ){
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings: \"%s\" must be true or false,"
               " found %s", zKey, jsonloc_type_name(c));
    return -1;
  }
  return cJSON_IsTrue(c);
}

/* The threshold of DeleteThresholdValue, or -1 with an error. */
static long long notify_threshold(SecretsRead *r, const char *zPath, const cJSON *pSet){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pSet, "DeleteThresholdValue");
  double x;
  if( !cJSON_IsNumber(c) ){
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings: DeleteThresholdEnabled is true,"
               " so \"DeleteThresholdValue\" must be a positive integer, found %s",
               jsonloc_type_name(c));
    return -1;
  }
  x = c->valuedouble;
  /* Range first: casting a double outside long long is undefined behaviour. */
  if( !(x>=0 && x<=SECRETS_MAX_THRESHOLD) || x!=(double)(long long)x ){
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings: \"DeleteThresholdValue\" must be"
               " an integer from 0 to %.0f, found %g", SECRETS_MAX_THRESHOLD, x);
    return -1;
  }
  if( x==0 ){
    jsonloc_warn(r->g, r->zFile, zPath, "SyncNotificationSettings: a \"DeleteThresholdValue\" of 0"
              " holds back every deletion; Entra's portal asks for a positive number");
  }
  return (long long)x;
}

/* SyncNotificationSettings: a JSON object inside the string zValue. */
static void read_notify(SecretsRead *r, const char *zPath, const char *zValue){
  static const char *const azKnown[] = {
    "Enabled", "Recipients", "DeleteThresholdEnabled", "DeleteThresholdValue",
    "HumanResourcesLookaheadQueryEnabled", NULL
  };
  long nFail0 = mem_fail_count();
  const char *zEnd = NULL;
  cJSON *pSet = cJSON_ParseWithOpts(zValue, &zEnd, 1);
  const cJSON *c;
  const char *zRecipients;
  int bEnabled, bThreshold;
  if( pSet==NULL ){
    if( mem_fail_count()!=nFail0 ){
      r->bNoMem = 1;
      return;
    }
    if( zEnd==NULL || zEnd<zValue ) zEnd = zValue;
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings is not valid JSON (at character"
               " %ld of the string)", (long)(zEnd - zValue) + 1);
    return;
  }
  if( !cJSON_IsObject(pSet) ){
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings must hold a JSON object, found %s",
               jsonloc_type_name(pSet));
    goto out_free;
  }
  cJSON_ArrayForEach(c, pSet){
    if( list_index(c->string, azKnown)<0 ){
      jsonloc_warn(r->g, r->zFile, zPath, "SyncNotificationSettings: \"%s\" is not modelled; ignored",
                c->string);
    }
  }
  bEnabled = notify_bool(r, zPath, pSet, "Enabled");
  c = cJSON_GetObjectItemCaseSensitive(pSet, "Recipients");
  zRecipients = cJSON_GetStringValue(c);
  if( c && !cJSON_IsNull(c) && zRecipients==NULL ){
    jsonloc_error(r->g, r->zFile, zPath, "SyncNotificationSettings: \"Recipients\" must be a string,"
               " found %s", jsonloc_type_name(c));
  }
  /* The settings are one object: Enabled left out is off, Recipients
  ** left out is no address (as DeleteThresholdEnabled left out is off). */
  r->bNotifyGiven = 1;
  r->bNotify = bEnabled==1;
  mem_free(r->zRecipients);
  r->zRecipients = NULL;
  if( zRecipients && zRecipients[0] && (r->zRecipients = mem_strdup(zRecipients))==NULL ){
    r->bNoMem = 1;
  }
  if( notify_bool(r, zPath, pSet, "HumanResourcesLookaheadQueryEnabled")==1 ){
    jsonloc_warn(r->g, r->zFile, zPath, "SyncNotificationSettings: \"HumanResourcesLookaheadQueryEnabled\""
              " is not modelled; ignored");
  }
  bThreshold = notify_bool(r, zPath, pSet, "DeleteThresholdEnabled");
  if( bThreshold==1 ){
    long long n = notify_threshold(r, zPath, pSet);
    if( n>=0 ) r->nThreshold = n;
  }else{
    r->nThreshold = -1;    /* off, as in a new configuration */
  }
out_free:
  cJSON_Delete(pSet);
}

/* One {"key", "value"} entry at zPath. */
static void read_secret(SecretsRead *r, const char *zPath, const cJSON *pEntry,
                        const char *zTargetTenantId){
  const char *zKey, *zValue;
  char zSub[TS_JSONPATH_MAX];
  const cJSON *c;
  int iUsed, b;
  if( !cJSON_IsObject(pEntry) ){
    jsonloc_error(r->g, r->zFile, zPath, "expected a {\"key\": ..., \"value\": ...} object, found %s",
               jsonloc_type_name(pEntry));
    return;
  }
  zKey = jsonloc_string(r->g, r->zFile, zPath, pEntry, "key", 1);
  zValue = jsonloc_string(r->g, r->zFile, zPath, pEntry, "value", 1);
  cJSON_ArrayForEach(c, pEntry){
    if( strcmp(c->string, "key")!=0 && strcmp(c->string, "value")!=0 && strncmp(c->string, "@odata.", 7)!=0 ){
      jsonloc_path_key(zSub, sizeof(zSub), zPath, c->string);
      jsonloc_warn(r->g, r->zFile, zSub, "unknown member \"%s\"; ignored", c->string);
    }
  }
  if( zKey==NULL || zValue==NULL ) return;
  jsonloc_path_key(zSub, sizeof(zSub), zPath, "value");
  iUsed = list_index(zKey, azUsed);
  if( iUsed<0 ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "key");
    if( list_index(zKey, azOtherSecrets)>=0 ){
      jsonloc_warn(r->g, r->zFile, zSub, "secret %s is not used by cross-tenant synchronization;"
                " ignored (its value is not shown)", zKey);
    }else{
      jsonloc_warn(r->g, r->zFile, zSub, "unknown secret \"%s\"; ignored (its value is not shown)", zKey);
    }
    return;
  }
  if( r->mSeen & (1<<iUsed) ){
    jsonloc_warn(r->g, r->zFile, zSub, "%s is given again; this later value is used", zKey);
  }
  r->mSeen |= 1<<iUsed;
  switch( iUsed ){
    case SK_AUTH:
      if( strcmp(zValue, "SyncPolicy")!=0 ){
        jsonloc_warn(r->g, r->zFile, zSub, "AuthenticationType \"%s\" is not cross-tenant"
                  " synchronization's \"SyncPolicy\"; ignored", zValue);
      }
      break;
    case SK_COMPANY:
      if( zTargetTenantId && strcasecmp(zValue, zTargetTenantId)!=0 ){
        jsonloc_warn(r->g, r->zFile, zSub, "CompanyId \"%s\" is not the target tenant's id %s;"
                  " the target tenant's is used", zValue, zTargetTenantId);
      }
      break;
    case SK_NOTIFY:
      read_notify(r, zSub, zValue);
      break;
    case SK_SYNCALL:
    case SK_SKIPOOS:
      b = bool_string(zValue);
      if( b<0 ){
        jsonloc_error(r->g, r->zFile, zSub, "%s must be \"true\" or \"false\", found \"%s\"", zKey, zValue);
      }else if( iUsed==SK_SYNCALL ){
        r->iScope = b;
      }else{
        r->iSkipOos = b;
        if( b ){
          jsonloc_warn(r->g, r->zFile, zSub, "SkipOutOfScopeDeletions is kept on the job, but"
                       " cross-tenant synchronization does not honour it (users going out of scope"
                       " are soft-deleted; turn the Delete target object action off instead)");
        }
      }
      break;
  }
}

/* Set pJob's zKey to the string zStr, or (zStr NULL) the number rNum, in
** place when the member is there with that type. TS_OK or TS_NOMEM. */
static int job_set(cJSON *pJob, const char *zKey, const char *zStr, double rNum){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pJob, zKey);
  if( zStr && cJSON_IsString(c) ) return cJSON_SetValuestring(c, zStr) ? TS_OK : TS_NOMEM;
  if( !zStr && cJSON_IsNumber(c) ){
    cJSON_SetNumberValue(c, rNum);
    return TS_OK;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, zKey);
  c = zStr ? cJSON_CreateString(zStr) : cJSON_CreateNumber(rNum);
  return graph_put(pJob, zKey, c) ? TS_NOMEM : TS_OK;
}

/* pJob's "notifications": {"enabled": b, "recipients": z} (recipients
** left out when NULL); removed when off with no address, the default.
** TS_OK or TS_NOMEM. */
static int job_set_notify(cJSON *pJob, int bEnabled, const char *zRecipients){
  cJSON *pN;
  cJSON_DeleteItemFromObjectCaseSensitive(pJob, "notifications");
  if( !bEnabled && zRecipients==NULL ) return TS_OK;
  if( (pN = cJSON_CreateObject())==NULL ) return TS_NOMEM;
  if( !cJSON_AddBoolToObject(pN, "enabled", bEnabled)
   || (zRecipients && !cJSON_AddStringToObject(pN, "recipients", zRecipients)) ){
    cJSON_Delete(pN);
    return TS_NOMEM;
  }
  return graph_put(pJob, "notifications", pN) ? TS_NOMEM : TS_OK;
}

int graph_secrets_import(JsonLoc *g, const char *zFile, const cJSON *pDoc,
                         const char *zTargetTenantId, cJSON *pJob){
  SecretsRead r;
  const cJSON *pList, *c;
  char zPath[TS_JSONPATH_MAX];
  int nErr0 = g->nErr, i = 0;
  memset(&r, 0, sizeof(r));
  r.g = g;
  r.zFile = zFile;
  r.iScope = -1;
  r.iSkipOos = -1;
  r.nThreshold = -2;
  if( !cJSON_IsObject(pJob) ){
    jsonloc_error(g, zFile, "$", "no job object to set the secrets on");
    goto finish;
  }
  if( !cJSON_IsObject(pDoc) ){
    jsonloc_error(g, zFile, "$", "expected the secrets object ({\"value\": [...]}), found %s",
               jsonloc_type_name(pDoc));
    goto finish;
  }
  pList = jsonloc_array(g, zFile, "$", pDoc, "value", 1);
  cJSON_ArrayForEach(c, pDoc){
    if( strcmp(c->string, "value")!=0 && strncmp(c->string, "@odata.", 7)!=0 ){
      jsonloc_path_key(zPath, sizeof(zPath), "$", c->string);
      jsonloc_warn(g, zFile, zPath, "unknown member \"%s\"; ignored", c->string);
    }
  }
  cJSON_ArrayForEach(c, pList){
    jsonloc_path_idx(zPath, sizeof(zPath), "$.value", i++);
    read_secret(&r, zPath, c, zTargetTenantId);
    if( r.bNoMem ) goto finish;
  }
  if( r.iScope>=0 && job_set(pJob, "scope", r.iScope ? "all" : "assigned", 0) ) r.bNoMem = 1;
  if( r.iSkipOos>=0 ){
    cJSON_DeleteItemFromObjectCaseSensitive(pJob, "skipOutOfScopeDeletions");
    if( r.iSkipOos && graph_put(pJob, "skipOutOfScopeDeletions", cJSON_CreateTrue()) ) r.bNoMem = 1;
  }
  if( r.nThreshold>=0 && !r.bNoMem ){
    if( job_set(pJob, "deleteThreshold", NULL, (double)r.nThreshold) ) r.bNoMem = 1;
  }else if( r.nThreshold==-1 ){
    cJSON_DeleteItemFromObjectCaseSensitive(pJob, "deleteThreshold");
  }
  if( r.bNotifyGiven && !r.bNoMem && job_set_notify(pJob, r.bNotify, r.zRecipients) ) r.bNoMem = 1;
finish:
  mem_free(r.zRecipients);
  if( r.bNoMem || g->bNoMem ){
    g->bNoMem = 1;
    return TS_NOMEM;
  }
  return g->nErr>nErr0 ? TS_ERR : TS_OK;
}

/* Append {"key": zKey, "value": zValue} to pList; 0, or 1 on no memory. */
static int secret_add(cJSON *pList, const char *zKey, const char *zValue){
  cJSON *e = cJSON_CreateObject();
  if( e==NULL ) return 1;
  if( !cJSON_AddStringToObject(e, "key", zKey) || !cJSON_AddStringToObject(e, "value", zValue)
   || !cJSON_AddItemToArray(pList, e) ){
    cJSON_Delete(e);
    return 1;
  }
  return 0;
}

/* The SyncNotificationSettings string of job pJob (validated members),
** into *pzOut (cJSON_free it). TS_OK, TS_ERR or TS_NOMEM. */
static int notify_settings(const cJSON *pJob, char **pzOut, TsErr *pErr){
  const cJSON *pThr = cJSON_GetObjectItemCaseSensitive(pJob, "deleteThreshold");
  const cJSON *pN = cJSON_GetObjectItemCaseSensitive(pJob, "notifications");
  const char *zTo = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pN, "recipients"));
  cJSON *pSet;
  int bFail;
  *pzOut = NULL;
  if( pThr && (!cJSON_IsNumber(pThr) || !(pThr->valuedouble>=0 && pThr->valuedouble<=SECRETS_MAX_THRESHOLD)
               || pThr->valuedouble!=(double)(long long)pThr->valuedouble) ){
    return tserr_set(pErr, TS_ERR, "deleteThreshold: expected an integer from 0 to %.0f",
                     SECRETS_MAX_THRESHOLD);
  }
  if( (pSet = cJSON_CreateObject())==NULL ) goto oom;
  bFail = !cJSON_AddBoolToObject(pSet, "Enabled", cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pN, "enabled")))
       || (zTo && zTo[0] && !cJSON_AddStringToObject(pSet, "Recipients", zTo))
       || !cJSON_AddBoolToObject(pSet, "DeleteThresholdEnabled", pThr!=NULL)
       || (pThr && !cJSON_AddNumberToObject(pSet, "DeleteThresholdValue", pThr->valuedouble));
  if( !bFail ) *pzOut = cJSON_PrintUnformatted(pSet);
  cJSON_Delete(pSet);
  if( *pzOut ) return TS_OK;
oom:
  return tserr_set(pErr, TS_NOMEM, "out of memory while writing synchronization secrets");
}

int graph_secrets_export(const cJSON *pJob, const char *zTargetTenantId, cJSON **ppDoc, TsErr *pErr){
  const char *zScope = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pJob, "scope"));
  cJSON *pDoc = NULL, *pList;
  char *zNotify = NULL;
  int rc;
  *ppDoc = NULL;
  if( zScope==NULL ) zScope = "assigned";
  if( strcmp(zScope, "all")!=0 && strcmp(zScope, "assigned")!=0 ){
    return tserr_set(pErr, TS_ERR, "scope: expected \"assigned\" or \"all\", found \"%s\"", zScope);
  }
  if( (rc = notify_settings(pJob, &zNotify, pErr))!=TS_OK ) return rc;
  pDoc = cJSON_CreateObject();
  pList = pDoc ? cJSON_AddArrayToObject(pDoc, "value") : NULL;
  if( pList==NULL
   || secret_add(pList, "AuthenticationType", "SyncPolicy")
   || secret_add(pList, "CompanyId", zTargetTenantId)
   || secret_add(pList, "SyncNotificationSettings", zNotify)
   || secret_add(pList, "SyncAll", strcmp(zScope, "all")==0 ? "true" : "false")
   || (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(pJob, "skipOutOfScopeDeletions"))
       && secret_add(pList, "SkipOutOfScopeDeletions", "True")) ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory while writing synchronization secrets");
    cJSON_Delete(pDoc);
    cJSON_free(zNotify);
    return rc;
  }
  cJSON_free(zNotify);
  *ppDoc = pDoc;
  return TS_OK;
}
