/*
** scn_select.c — how a timeline action selects users (scenarioInt.h):
** "users" (keys), "sample" (count, group, where), "membersOf" (a whole
** group at the instant) or "usersOf" (the users an earlier entry selected
** or hired), checked in timeline order. sim/apply.c resolves them at run
** time.
*/
#include <string.h>
#include "tslimits.h"
#include "attr.h"
#include "jsonloc.h"
#include "scenarioInt.h"

static const char *const azSampleKeys[] = { "count", "group", "where", NULL };

/* "usersOf": N, timeline entry N, which must run before action a, select
** users (a hire, or any selector) and be about the same tenant t. */
static void val_users_of(Val *v, const char *zPath, const cJSON *pN, const ValTenant *t,
                         ScnAction *a){
  const Scenario *s = v->pScn;
  int i, iT = t ? (int)(t - v->aTenant) : -1;
  if( !cJSON_IsNumber(pN) || pN->valuedouble!=(double)(int)pN->valuedouble || pN->valueint<0 ){
    scn_val_err(v, zPath, "expected the position of an earlier timeline entry (an integer"
                " from 0), found %s", jsonloc_type_name(pN));
    return;
  }
  for(i=0; i<s->nAction && &s->aAction[i]!=a; i++){
    const ScnAction *b = &s->aAction[i];
    int iB;
    if( b->iIndex!=pN->valueint ) continue;
    iB = b->iTenant>=0 ? b->iTenant : b->iJob>=0 ? v->aJobSrc[b->iJob] : -1;
    if( b->eKind!=SCN_HIRE && !b->sel.bUsers && !b->sel.bSample && !b->sel.zMembersOf
     && b->sel.iUsersOf<0 ){
      scn_val_err(v, zPath, "timeline[%d] (%s) selects no users", b->iIndex,
                  cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b->pJson, "action")));
    }else if( iT>=0 && iB!=iT ){
      scn_val_err(v, zPath, "timeline[%d] selects users of %s, not of %s", b->iIndex,
                  iB>=0 ? v->aTenant[iB].zKey : "another tenant", t->zKey);
    }else{
      a->sel.iUsersOf = b->iIndex;
    }
    return;
  }
  scn_val_err(v, zPath, "timeline[%d] does not run before this action (entries run in"
              " time order, then file order)", pN->valueint);
}

void scn_select_check(Val *v, const char *zPath, const cJSON *p, ValTenant *t, int bOptional,
                      ScnAction *a){
  ScnSelect *pSel = &a->sel;
  const cJSON *pUsers = cJSON_GetObjectItemCaseSensitive(p, "users");
  const cJSON *pSample = cJSON_GetObjectItemCaseSensitive(p, "sample");
  const cJSON *pMembers = cJSON_GetObjectItemCaseSensitive(p, "membersOf");
  const cJSON *pOf = cJSON_GetObjectItemCaseSensitive(p, "usersOf");
  char zSub[TS_JSONPATH_MAX];
  int64_t n;
  pSel->iUsersOf = -1;
  if( (pUsers!=NULL) + (pSample!=NULL) + (pMembers!=NULL) + (pOf!=NULL) > 1 ){
    scn_val_err(v, zPath, "give one of \"users\", \"sample\", \"membersOf\" and \"usersOf\"");
    return;
  }
  if( !pUsers && !pSample && !pMembers && !pOf ){
    if( !bOptional ) scn_val_err(v, zPath, "missing \"users\" (a list of user keys), \"sample\","
                                 " \"membersOf\" (a group) or \"usersOf\" (an earlier entry)");
    return;
  }
  if( pMembers ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "membersOf");
    pSel->zMembersOf = scn_val_str(v, zPath, p, "membersOf", 1);
    if( pSel->zMembersOf && t && !hmap_get(&t->groups, pSel->zMembersOf, NULL) ){
      scn_val_err(v, zSub, "no group \"%s\" in tenant %s", pSel->zMembersOf, t->zKey);
    }
    return;
  }
  if( pOf ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "usersOf");
    val_users_of(v, zSub, pOf, t, a);
    return;
  }
  if( pUsers ){
    scn_val_path_key(zSub, sizeof(zSub), zPath, "users");
    if( !cJSON_IsArray(pUsers) ) scn_val_err(v, zSub, "expected an array of user keys, found %s", jsonloc_type_name(pUsers));
    else if( cJSON_GetArraySize(pUsers)==0 ) scn_val_err(v, zSub, "expected at least one user key");
    else scn_jobs_user_list(v, zSub, pUsers, t);
    pSel->bUsers = 1;
    if( cJSON_IsArray(pUsers) ) scn_val_key_list(v, pUsers, &pSel->users);
    return;
  }
  scn_val_path_key(zSub, sizeof(zSub), zPath, "sample");
  if( !scn_val_is_object(v, zSub, pSample) ) return;
  scn_val_keys(v, zSub, pSample, azSampleKeys);
  pSel->bSample = 1;
  if( scn_val_int(v, zSub, pSample, "count", 1, 1, VAL_MAX_POPULATION, &n) ) pSel->nCount = n;
  {
    const char *zG = scn_val_str(v, zSub, pSample, "group", 0);
    pSel->zGroup = zG;
    const cJSON *pWhere = cJSON_GetObjectItemCaseSensitive(pSample, "where"), *c;
    char zE[TS_JSONPATH_MAX];
    if( zG && t && !hmap_get(&t->groups, zG, NULL) ){
      scn_val_path_key(zE, sizeof(zE), zSub, "group");
      scn_val_err(v, zE, "no group \"%s\" in tenant %s", zG, t->zKey);
    }
    if( pWhere ){
      scn_val_path_key(zE, sizeof(zE), zSub, "where");
      if( scn_val_is_object(v, zE, pWhere) ) scn_val_unique_keys(v, zE, pWhere);
      if( cJSON_IsObject(pWhere)
       && (pSel->aWhere = scn_val_alloc(v, (size_t)cJSON_GetArraySize(pWhere), sizeof(ScnAttr)))==NULL ){
        return;
      }
      if( cJSON_IsObject(pWhere) ) for(c=pWhere->child; c; c=c->next){
        ScnAttr *e = &pSel->aWhere[pSel->nWhere++];
        e->zName = c->string;
        e->iAttr = attr_find(c->string);
        e->zValue = cJSON_GetStringValue(c);
        char zW[TS_JSONPATH_MAX];
        scn_val_path_key(zW, sizeof(zW), zE, c->string);
        if( attr_find(c->string)<0 && !attr_is_extension(c->string) ){
          scn_val_err(v, zW, "unknown attribute \"%s\"", c->string);
        }
        else if( !cJSON_IsString(c) ) scn_val_err(v, zW, "expected a string, found %s", jsonloc_type_name(c));
      }
    }
  }
}
