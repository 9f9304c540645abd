/*
** job_history.c — a job's lint-relevant configuration over time (see
** job_history.h).
*/
#include <string.h>
#include <strings.h>
#include "attr.h"
#include "fnv.h"
#include "strbuf.h"
#include "job_history.h"

static const char zSqlHistory[] =
  "INSERT INTO job_history(job, at, scope, object_actions, delete_threshold,"
  " usertype_always, assigned_groups, show_in_gal, filter_attributes, mapped_attributes,"
  " scope_action, object_actions_action, delete_threshold_action, usertype_action,"
  " assigned_groups_action, show_in_gal_action, filter_attributes_action,"
  " mapped_attributes_action, notify_enabled, notify_recipients, notify_action)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)";

/* The assigned groups' indexes, ascending and comma-separated, into sb;
** returns their hash. */
static uint64_t assigned_groups(const Job *j, StrBuf *sb){
  uint64_t h = FNV64_OFFSET;
  int iPrev = -1, n, k;
  for(n=0; n<j->nGroupAssign; n++){
    int iNext = -1;
    for(k=0; k<j->nGroupAssign; k++){
      int g = j->aGroupAssign[k];
      if( g>iPrev && (iNext<0 || g<iNext) ) iNext = g;
    }
    if( iNext<0 ) break;
    strbuf_printf(sb, "%s%d", n ? "," : "", iNext);
    h = fnv64_fold(h, (uint64_t)(iNext+1));
    iPrev = iNext;
  }
  return h;
}

/* The attributes the job's scoping filters read, each once in first-use
** order and comma-separated, into sb; returns their hash. */
static uint64_t filter_attributes(World *w, const Job *j, StrBuf *sb){
  uint64_t h = FNV64_OFFSET;
  int g, k, n = 0;
  for(g=0; g<j->nFilter; g++){
    for(k=0; k<j->aFilter[g].nClause; k++){
      int iAttr = j->aFilter[g].aClause[k].iAttr, g2, k2, bSeen = 0;
      const char *z;
      for(g2=0; g2<=g && !bSeen; g2++){
        for(k2=0; k2<(g2<g ? j->aFilter[g2].nClause : k); k2++){
          if( j->aFilter[g2].aClause[k2].iAttr==iAttr ){ bSeen = 1; break; }
        }
      }
      if( bSeen ) continue;
      z = world_attr_name(w, iAttr);
      strbuf_printf(sb, "%s%s", n++ ? "," : "", z ? z : "?");
      h = fnv64_fold(fnv64_str(h, z), ',');
    }
  }
  return h;
}

/* The target attributes the job's mapping writes, in mapping order and
** comma-separated, into sb; returns their hash. */
static uint64_t mapped_attributes(World *w, const Job *j, StrBuf *sb){
  uint64_t h = FNV64_OFFSET;
  int i, n = 0;
  for(i=0; i<j->nMap; i++){
    const char *z;
    if( j->aMap[i].eType==MAP_NONE ) continue;
    z = world_attr_name(w, j->aMap[i].iTarget);
    strbuf_printf(sb, "%s%s", n++ ? "," : "", z ? z : "?");
    h = fnv64_fold(fnv64_str(h, z), ',');
  }
  return h;
}

/* Is attribute zAttr mapped to the constant zValue (any case), with flow
** Always when bAlways? */
static int maps_constant(World *w, const Job *j, const char *zAttr, const char *zValue,
                         int bAlways){
  int i, iAttr = world_attr_find(w, zAttr, 0);
  for(i=0; iAttr>=0 && i<j->nMap; i++){
    const MapEntry *e = &j->aMap[i];
    if( e->iTarget==iAttr && e->eType==MAP_CONSTANT && (!bAlways || e->eFlow==FLOW_ALWAYS)
     && e->zConst && strcasecmp(e->zConst, zValue)==0 ) return 1;
  }
  return 0;
}

void job_history_note(World *w, Job *j, int iAction){
  JobConfig *c = &j->cfgNoted;
  int bUserType = maps_constant(w, j, "userType", "Member", 1), bNew = !c->bNoted, bChanged = bNew, i;
  int bGal = maps_constant(w, j, "showInAddressList", "True", 0);
  int64_t nThreshold = j->bDeleteThreshold ? j->nDeleteThreshold : 0;
  int nRecipients = quarantine_recipient_count(j->zNotifyTo);
  int aDiff[9];
  StrBuf sb, sbFilter, sbMapped;
  uint64_t hGroups, hFilter, hMapped;
  StoreStmt *s;
  strbuf_init(&sb);
  strbuf_init(&sbFilter);
  strbuf_init(&sbMapped);
  hGroups = assigned_groups(j, &sb);
  hFilter = filter_attributes(w, j, &sbFilter);
  hMapped = mapped_attributes(w, j, &sbMapped);
  aDiff[0] = c->bSyncAll!=j->bSyncAll;
  aDiff[1] = c->mObjectActions!=j->mObjectActions;
  aDiff[2] = c->bDeleteThreshold!=j->bDeleteThreshold || c->nDeleteThreshold!=nThreshold;
  aDiff[3] = c->bUserTypeAlways!=bUserType;
  aDiff[4] = c->hGroups!=hGroups;
  aDiff[5] = c->bShowInGal!=bGal;
  aDiff[6] = c->hFilterAttrs!=hFilter;
  aDiff[7] = c->hMapped!=hMapped;
  aDiff[8] = c->bNotify!=j->bNotify || c->nRecipients!=nRecipients;
  for(i=0; i<9; i++){
    if( bNew ) c->aiAction[i] = iAction;
    else if( aDiff[i] ){ c->aiAction[i] = iAction; bChanged = 1; }
  }
  if( !bChanged || sb.bErr || sbFilter.bErr || sbMapped.bErr ){
    if( sb.bErr || sbFilter.bErr || sbMapped.bErr ) w->bNoMem = 1;
    goto out;
  }
  c->bNoted = 1;
  c->hGroups = hGroups;
  c->bShowInGal = bGal;
  c->hFilterAttrs = hFilter;
  c->hMapped = hMapped;
  c->bSyncAll = j->bSyncAll;
  c->mObjectActions = j->mObjectActions;
  c->bDeleteThreshold = j->bDeleteThreshold;
  c->nDeleteThreshold = nThreshold;
  c->bUserTypeAlways = bUserType;
  c->bNotify = j->bNotify;
  c->nRecipients = nRecipients;
  s = store_write(w->pStore, zSqlHistory);
  if( s==NULL ) goto out;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_int(s, 2, w->tNow);
  store_put_text(s, 3, c->bSyncAll ? "all" : "assigned");
  store_put_text(s, 4, job_actions_text(c->mObjectActions));
  store_put_opt_int(s, 5, nThreshold, !c->bDeleteThreshold);
  store_put_int(s, 6, bUserType);
  store_put_text(s, 7, strbuf_str(&sb));
  store_put_int(s, 8, bGal);
  store_put_text(s, 9, strbuf_str(&sbFilter));
  store_put_text(s, 10, strbuf_str(&sbMapped));
  for(i=0; i<8; i++) store_put_opt_int(s, 11+i, c->aiAction[i], c->aiAction[i]<0);
  store_put_int(s, 19, c->bNotify!=0);
  store_put_int(s, 20, nRecipients);
  store_put_opt_int(s, 21, c->aiAction[8], c->aiAction[8]<0);
  store_run(w->pStore, s);
out:
  strbuf_free(&sb);
  strbuf_free(&sbFilter);
  strbuf_free(&sbMapped);
}
