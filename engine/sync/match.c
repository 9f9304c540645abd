/*
** match.c — finding and linking the target user of a source user (the
** rule is in match.h). It reads the target tenant's look-up maps (altSec,
** b2bMail, internalMail), and writes only the pair's link, the target
** user's back-link, its origin, a redemption and the links table.
*/
#include <stdio.h>
#include "directory.h"
#include "pair.h"
#include "job.h"
#include "match.h"

static const char zSqlLink[] =
  "INSERT OR REPLACE INTO links(job, source_user, target_user, alt_sec_id, how,"
  " linked_at, held) VALUES(?1,?2,?3,?4,?5,?6,NULL)";

void match_link(World *w, Job *j, Pair *p, const User *u, User *t, const char *zHow){
  StoreStmt *s = store_write(w->pStore, zSqlLink);
  p->iTarget = t->id;
  p->bHeld = 0;
  p->bTargetDeleted = 0;
  t->iLinkJob = (int)(j - w->aJob);
  t->idLinkSource = u->id;
  /* A target user the job created or matched is a user synchronized by
  ** cross-tenant sync: Graph beta originTenantInfo (crossTenantResource)
  ** names "the original user in the source Microsoft Entra tenant the
  ** user was synchronized from" and "the source Microsoft Entra tenant". */
  ts_assert( u->iTenant==j->iSource );
  directory_user_set_origin(w, t->id, u);
  if( s==NULL ) return;
  store_put_int(s, 1, t->iLinkJob);
  store_put_int(s, 2, u->id);
  store_put_int(s, 3, t->id);
  store_put_text(s, 4, t->zAltSecId);
  store_put_text(s, 5, zHow);
  store_put_int(s, 6, w->tNow);
  store_run(w->pStore, s);
}

User *match_find(World *w, Job *j, Pair *p, const User *u, const char **pzMatch){
  User *t = p->iTarget ? world_user(w, p->iTarget) : NULL;
  int64_t v;
  if( t && t->tPurged<0 ) return t;
  if( u->zNetId && idmap_get(&w->aTenant[j->iTarget].altSec, u->zNetId, &v) ){
    User *tM = world_user(w, v);
    /* Matching reads the target's users: a soft-deleted one is among its
    ** deleted items, not found (only a link still held restores it). */
    if( user_is_live(tM) ){
      match_link(w, j, p, u, tM, "matched");
      *pzMatch = "matched";
      return tM;
    }
  }else{
    *pzMatch = "none";
  }
  return NULL;
}

int64_t match_by_mail(World *w, const Job *j, const User *u){
  const char *zMail = world_user_attr(w, u, A_MAIL);
  int64_t v;
  const User *t;
  if( zMail==NULL || !idmap_get(&w->aTenant[j->iTarget].b2bMail, zMail, &v) ) return 0;
  t = world_user(w, v);
  return user_is_live(t) ? v : 0;
}

int match_take_by_mail(World *w, Job *j, Pair *p, const User *u, int64_t idT){
  int bPending = world_user(w, idT)->zAltSecId==NULL;
  if( bPending ) directory_user_redeem(w, idT, u->zNetId);
  match_link(w, j, p, u, world_user(w, idT), "matched by mail");
  p->bUpnStale = 1;
  return bPending;
}

const char *match_ambiguous_user(World *w, int iTarget, const char *zMail,
                                 char *zReason, size_t nReason){
  const Tenant *t = &w->aTenant[iTarget];
  int64_t v;
  if( zMail==NULL || !idmap_get(&t->internalMail, zMail, &v) ) return NULL;
  snprintf(zReason, nReason, "The invited user's address %s matches the proxy address of"
           " an internal user of %s.", zMail, t->zKey);
  return "InvitationCreationFailureAmbiguousUser";
}
