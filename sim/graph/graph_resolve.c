/*
** graph_resolve.c — what a GraphDir resolves once every document is read
** (graph_resolve.h): B2B users' home identities, memberships (nested
** groups without cycles) and managers.
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "tslimits.h"
#include "mem.h"
#include "tserr.h"
#include "digraph.h"
#include "graph_usersInt.h"
#include "graph_resolve.h"

/* ----------------------------------------------------------- resolve */

/* A lower-case copy of all of z (caller frees), NULL when out of memory. */
static char *lower_dup(const char *z){
  char *zLow = mem_strdup(z), *p;
  if( zLow ) for(p=zLow; *p; p++) *p = (char)tolower((unsigned char)*p);
  return zLow;
}

/* Look up z, lower-cased in full, in pMap: 1 found (*pi set), 0 not
** found, -1 out of memory. */
static int lower_get(const HMap *pMap, const char *z, int64_t *pi){
  char *zLow = lower_dup(z);
  int b;
  if( zLow==NULL ) return -1;
  b = hmap_get(pMap, zLow, pi);
  mem_free(zLow);
  return b;
}

/* The home UPN of a B2B UPN "alias_domain#EXT#@tenant": "alias@domain"
** (caller frees); NULL when zUpn is not of that form. *pbNoMem is set
** when memory ran out. */
static char *b2b_home_upn(const char *zUpn, int *pbNoMem){
  const char *zExt = zUpn ? strstr(zUpn, "#EXT#") : NULL;
  const char *zUnder = NULL, *p;
  char *zHome;
  if( zExt==NULL ) return NULL;
  for(p=zUpn; p<zExt; p++) if( *p=='_' ) zUnder = p;
  if( zUnder==NULL || zUnder==zUpn || zUnder+1==zExt ) return NULL;
  if( (zHome = mem_strndup(zUpn, (size_t)(zExt-zUpn)))==NULL ){ *pbNoMem = 1; return NULL; }
  zHome[zUnder-zUpn] = '@';
  return zHome;
}

/* Map the lower-cased UPNs and mails of d's internal users to indexes. */
static int home_index(const GraphDir *d, HMap *pMap){
  int i;
  for(i=0; i<d->nUser; i++){
    static const char *const azKey[] = { "userPrincipalName", "mail" };
    int k;
    if( d->aRec[i].bMarked ) continue;
    for(k=0; k<2; k++){
      const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(d->aRec[i].pUser, azKey[k]));
      char *zLow;
      int rc = TS_OK;
      if( z==NULL ) continue;
      if( (zLow = lower_dup(z))==NULL ) return TS_NOMEM;
      if( !hmap_get(pMap, zLow, NULL) && hmap_put(pMap, zLow, i) ) rc = TS_NOMEM;
      mem_free(zLow);
      if( rc ) return rc;
    }
  }
  return TS_OK;
}

/* Settle user u's B2B marker: a home identity, a pending invitation, or
** a guest without a home identity. */
static int resolve_b2b(JsonLoc *g, cJSON *u, GraphUserRec *r, const GraphDir *pHome,
                       const HMap *pHomeMap, const char *zHomeKey){
  cJSON *pMark = cJSON_DetachItemFromObjectCaseSensitive(u, "@b2b");
  const char *zUpn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "userPrincipalName"));
  const char *zMail = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "mail"));
  char *zHomeUpn;
  char zRef[600];
  int64_t i = -1;
  int rc = TS_OK, bNoMem = 0, b;
  r->bMarked = 0;
  if( pMark==NULL ) return TS_OK;
  if( pHome==NULL ) goto free_mark;                 /* guests of the source are not synced */
  if( strcmp(pMark->valuestring, "PendingAcceptance")==0 ){
    cJSON_DeleteItemFromObjectCaseSensitive(u, "userType");
    if( cJSON_AddStringToObject(u, "invitation", "pending")==NULL ) rc = TS_NOMEM;
    goto free_mark;
  }
  if( (zHomeUpn = b2b_home_upn(zUpn, &bNoMem))!=NULL ){
    b = lower_get(pHomeMap, zHomeUpn, &i);
    mem_free(zHomeUpn);
    if( b<0 ){ rc = TS_NOMEM; goto free_mark; }
    if( b==0 ) i = -1;
  }
  if( bNoMem ){ rc = TS_NOMEM; goto free_mark; }
  if( i<0 && zMail ){
    if( (b = lower_get(pHomeMap, zMail, &i))<0 ){ rc = TS_NOMEM; goto free_mark; }
    if( b==0 ) i = -1;
  }
  if( i<0 ){
    /* Possibly an orphaned guest account already (its source identity
    ** gone), or a guest from another organisation: either way no job of
    ** the scenario can match it by its home identity. */
    jsonloc_warn(g, r->zFile, r->zPath, "B2B user %s: its home identity is not among the %s"
              " users (an orphaned guest account already, or a guest of another"
              " organisation); imported as a redeemed invitation without a home identity",
              graph_users_item_key(u), zHomeKey);
    if( cJSON_AddStringToObject(u, "invitation", "accepted")==NULL ) rc = TS_NOMEM;
    goto free_mark;
  }
  snprintf(zRef, sizeof(zRef), "%s:%s", zHomeKey, graph_users_item_key(pHome->aRec[i].pUser));
  if( cJSON_AddStringToObject(u, "homeUser", zRef)==NULL ) rc = TS_NOMEM;
free_mark:
  cJSON_Delete(pMark);
  return rc;
}

/* Nest member group m in group iG (both imported) as iG's "memberGroups",
** unless it is iG itself or would close a cycle through the groups nested
** so far (pNest), which a scenario refuses: warned and left out. */
static int resolve_member_group(JsonLoc *g, GraphDir *d, const GraphMember *m, int iG,
                                Digraph *pNest){
  int64_t iM;
  int rc;
  if( !hmap_get(&d->groupById, m->zMemberId, &iM) ){
    jsonloc_warn(g, m->zFile, m->zPath, "member group %s of group %s is not among the imported"
                 " groups; ignored", m->zMemberId, graph_users_item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( (int)iM==iG ){
    jsonloc_warn(g, m->zFile, m->zPath, "group %s is listed as a member of itself; ignored",
                 graph_users_item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( (rc = digraph_reaches(pNest, (int)iM, iG))<0 ) return TS_NOMEM;
  if( rc ){
    jsonloc_warn(g, m->zFile, m->zPath, "group %s already contains group %s through its member"
                 " groups; nesting it there too would make a cycle, which a scenario cannot"
                 " hold: ignored", graph_users_item_key(d->apGroup[iM]), graph_users_item_key(d->apGroup[iG]));
    return TS_OK;
  }
  if( digraph_add(pNest, iG, (int)iM)<0 ) return TS_NOMEM;
  return graph_groups_add_unique(d->apGroup[iG], "memberGroups", graph_users_item_key(d->apGroup[iM]));
}

int graph_resolve(JsonLoc *g, GraphDir *d, const GraphDir *pHome,
                      const char *zHomeKey){
  HMap home;
  Digraph nest;
  int i, rc = TS_OK;
  hmap_init(&home);
  digraph_init(&nest);
  /* the home identities are looked up only for B2B users */
  for(i=0; i<d->nUser && !d->aRec[i].bMarked; i++){}
  if( pHome && i<d->nUser && (rc = home_index(pHome, &home))!=TS_OK ) goto free_home;
  for(i=0; i<d->nMember; i++){
    const GraphMember *m = &d->aMember[i];
    int64_t iG, iU;
    if( !hmap_get(&d->groupById, m->zGroupId, &iG) ){
      jsonloc_warn(g, m->zFile, m->zPath, "group %s is not among the imported groups; its members"
                " are ignored", m->zGroupId);
      continue;
    }
    if( m->bGroup ){
      /* a dynamic group has no member groups: its rule decides its members */
      if( !cJSON_GetObjectItemCaseSensitive(d->apGroup[iG], "membershipRule")
       && (rc = resolve_member_group(g, d, m, (int)iG, &nest))!=TS_OK ) goto free_home;
      continue;
    }
    if( !hmap_get(&d->userById, m->zMemberId, &iU) ){
      jsonloc_warn(g, m->zFile, m->zPath, "member %s of group %s is not among the imported users;"
                " ignored", m->zMemberId, graph_users_item_key(d->apGroup[iG]));
      continue;
    }
    if( cJSON_GetObjectItemCaseSensitive(d->apGroup[iG], "membershipRule") ){
      continue;       /* a dynamic group: its rule decides, as the run will */
    }
    if( (rc = graph_groups_add_unique(d->aRec[iU].pUser, "groups", graph_users_item_key(d->apGroup[iG])))!=TS_OK ) goto free_home;
  }
  for(i=0; i<d->nUser; i++){
    int64_t iM;
    GraphUserRec *r = &d->aRec[i];
    if( r->zManager ){
      if( !hmap_get(&d->userById, r->zManager, &iM) ){
        jsonloc_warn(g, r->zFile, r->zPath, "manager %s is not among the imported users;"
                  " the manager reference is ignored", r->zManager);
      }else if( graph_users_put_static(r->pUser, "manager", cJSON_CreateString(graph_users_item_key(d->aRec[iM].pUser))) ){
        rc = TS_NOMEM; goto free_home;
      }
    }
    if( r->bMarked && (rc = resolve_b2b(g, r->pUser, r, pHome, &home, zHomeKey))!=TS_OK ) goto free_home;
  }
free_home:
  hmap_free(&home);
  digraph_free(&nest);
  return rc;
}
