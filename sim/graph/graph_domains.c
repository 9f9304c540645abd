/*
** graph_domains.c — Graph domain resources into verifiedDomains
** (graph_domains.h).
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tslimits.h"
#include "directory.h"
#include "graph_domains.h"

/* The documented properties of a domain (Graph v1.0 and beta) that
** tenantsim reads nothing from. */
static const char *const azSilent[] = {
  "authenticationType", "availabilityStatus", "isAdminManaged", "isDefault", "isInitial",
  "isRoot", "passwordNotificationWindowInDays", "passwordValidityPeriodInDays",
  "supportedServices", "state", "manufacturer", "model", "rootDomain",
  "domainNameReferences", "serviceConfigurationRecords", "verificationDnsRecords",
  "federationConfiguration", NULL
};

typedef struct DomainCtx {
  cJSON *pDomains;
  GraphUnmodelled unm;
} DomainCtx;

static int is_silent(const char *zKey){
  int i;
  if( strchr(zKey, '@') || strcmp(zKey, "id")==0 || strcmp(zKey, "isVerified")==0 ) return 1;
  for(i=0; azSilent[i]; i++) if( strcmp(zKey, azSilent[i])==0 ) return 1;
  return 0;
}

/* Is zName (any case) in the array already? */
static int has_domain(const cJSON *a, const char *zName){
  const cJSON *c;
  cJSON_ArrayForEach(c, a){
    if( cJSON_IsString(c) && strcasecmp(c->valuestring, zName)==0 ) return 1;
  }
  return 0;
}

static int domain_one(JsonLoc *g, const char *zFile, const char *zPath, const cJSON *p, void *pArg){
  DomainCtx *c = pArg;
  const char *zId = jsonloc_string(g, zFile, zPath, p, "id", 1);
  const cJSON *pVer = cJSON_GetObjectItemCaseSensitive(p, "isVerified"), *m;
  char zSub[TS_JSONPATH_MAX], zLow[DIRECTORY_DOMAIN_MAX+1];
  for(m=p->child; m; m=m->next){
    if( is_silent(m->string) || !graph_has_content(m) ) continue;
    jsonloc_path_key(zSub, sizeof(zSub), zPath, m->string);
    if( graph_unmodelled_add(&c->unm, m->string, zSub) ) return TS_NOMEM;
  }
  if( zId==NULL ) return TS_OK;
  if( !directory_domain_is_name(zId) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "id");
    jsonloc_error(g, zFile, zSub, "expected a domain name such as contoso.com, found \"%s\"", zId);
    return TS_OK;
  }
  if( !cJSON_IsBool(pVer) ){
    jsonloc_path_key(zSub, sizeof(zSub), zPath, "isVerified");
    jsonloc_error(g, zFile, zSub, "expected true or false (whether domain %s is verified),"
                  " found %s", zId, pVer ? jsonloc_type_name(pVer) : "nothing");
    return TS_OK;
  }
  if( !cJSON_IsTrue(pVer) || has_domain(c->pDomains, zId) ) return TS_OK;
  directory_domain_lower(zId, zLow);      /* a domain name: it fits */
  return graph_put(c->pDomains, NULL, cJSON_CreateString(zLow)) ? TS_NOMEM : TS_OK;
}

int graph_domains_import(JsonLoc *g, const char *zFile, const cJSON *pDoc, cJSON *pDomains){
  DomainCtx c;
  int rc;
  c.pDomains = pDomains;
  graph_unmodelled_init(&c.unm);
  rc = graph_each(g, zFile, pDoc, &c, domain_one);
  if( rc==TS_OK ) graph_unmodelled_report(g, zFile, &c.unm, "domain");
  graph_unmodelled_free(&c.unm);
  return rc;
}
