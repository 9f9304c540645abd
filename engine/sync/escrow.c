/*
** escrow.c — escrowed exports and their retry schedule (see escrow.h).
**
** Each job keeps its escrowed source users in aEscrow, appended on the
** first failure; entries whose pair no longer has bEscrow are skipped and
** compacted away when the list is walked.
*/
#include "mem.h"
#include "desired.h"
#include "escrow.h"

static const char zSqlEscrowSet[] =
  "INSERT OR REPLACE INTO escrows(job, source_user, error_code, first_failed, attempts,"
  " next_retry, reference) VALUES(?1,?2,?3,?4,?5,?6,?7)";
static const char zSqlEscrowDel[] = "DELETE FROM escrows WHERE job=?1 AND source_user=?2";
static const char zSqlEscrowDelAll[] = "DELETE FROM escrows WHERE job=?1";

/* When the retry after the nth failed attempt is due. */
static SimTime escrow_next(const World *w, const Pair *p){
  static const SimTime aHours[] = { 6, 12, 24 };
  if( !w->params.bEscrowBackoff ) return w->tNow;
  if( p->nAttempts<=3 ) return p->tFirstFail + aHours[p->nAttempts-1]*SIMTIME_HOUR;
  return p->tFirstFail + (SimTime)(p->nAttempts-2)*SIMTIME_DAY;
}

void escrow_add(World *w, Job *j, int64_t id, const char *zCode, int bRef){
  Pair *p = pair_get(w, j, id);
  StoreStmt *s;
  if( p==NULL ) return;
  if( !p->bEscrow ){
    if( mem_grow((void**)&j->aEscrow, j->nEscrowList, &j->nEscrowAlloc, sizeof(int64_t)) ){
      w->bNoMem = 1;
      return;
    }
    j->aEscrow[j->nEscrowList++] = id;
    p->bEscrow = 1;
    p->nAttempts = 0;
    p->tFirstFail = w->tNow;
    j->nEscrowOpen++;
  }else if( p->bRefEscrow ){
    j->nEscrowRefOpen--;
  }
  p->bRefEscrow = (uint8_t)(bRef!=0);
  if( bRef ) j->nEscrowRefOpen++;
  p->nAttempts++;
  p->tNextRetry = escrow_next(w, p);
  s = store_write(w->pStore, zSqlEscrowSet);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_int(s, 2, id);
  store_put_text(s, 3, zCode);
  store_put_int(s, 4, p->tFirstFail);
  store_put_int(s, 5, p->nAttempts);
  store_put_int(s, 6, p->tNextRetry);
  store_put_int(s, 7, p->bRefEscrow);
  store_run(w->pStore, s);
}

static void escrow_drop(World *w, Job *j, int64_t id, Pair *p){
  StoreStmt *s = store_write(w->pStore, zSqlEscrowDel);
  p->bEscrow = 0;
  p->nAttempts = 0;
  j->nEscrowOpen--;
  if( p->bRefEscrow ){ p->bRefEscrow = 0; j->nEscrowRefOpen--; }
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_put_int(s, 2, id);
  store_run(w->pStore, s);
}

void escrow_clear(World *w, Job *j, int64_t id){
  Pair *p = pair_get(w, j, id);
  if( p && p->bEscrow ) escrow_drop(w, j, id, p);
}

void escrow_clear_all(World *w, Job *j){
  int64_t i;
  StoreStmt *s;
  for(i=0; i<j->nEscrowList; i++){
    Pair *p = pair_peek(j, j->aEscrow[i]);
    p->bEscrow = 0;
    p->bRefEscrow = 0;
    p->nAttempts = 0;
  }
  j->nEscrowList = 0;
  j->nEscrowOpen = 0;
  j->nEscrowRefOpen = 0;
  s = store_write(w->pStore, zSqlEscrowDelAll);
  if( s==NULL ) return;
  store_put_int(s, 1, (int)(j - w->aJob));
  store_run(w->pStore, s);
}

int64_t escrow_drop_expired(World *w, Job *j){
  int64_t i, n = 0;
  for(i=0; i<j->nEscrowList; i++){
    int64_t id = j->aEscrow[i];
    Pair *p = pair_peek(j, id);
    if( p->bEscrow && w->tNow - p->tFirstFail >= w->params.escrowLifetime ){
      escrow_drop(w, j, id, p);
      n++;
    }
  }
  return n;
}

int64_t escrow_due(World *w, Job *j, int64_t *aWork, int64_t nWork){
  int64_t i, k = 0;
  for(i=0; i<j->nEscrowList; i++){
    int64_t id = j->aEscrow[i];
    Pair *p = pair_peek(j, id);
    if( !p->bEscrow ) continue;                 /* cleared: compact away */
    j->aEscrow[k++] = id;
    if( w->tNow - p->tFirstFail >= w->params.escrowLifetime ){
      escrow_drop(w, j, id, p);
      k--;
      continue;
    }
    if( p->tNextRetry<=w->tNow && !p->bDirty ){
      p->bDirty = 1;
      aWork[nWork++] = id;
    }
  }
  j->nEscrowList = k;
  return nWork;
}

#ifdef TS_DEBUG
int escrow_counts_agree(const Job *j){
  int64_t i, n = 0, nRef = 0;
  int64_t idEnd = pair_end(j);
  for(i=1; i<idEnd; i++){
    const Pair *p = pair_peek(j, i);
    if( p==NULL ) continue;
    n += p->bEscrow;
    nRef += p->bEscrow && p->bRefEscrow;
  }
  return n==j->nEscrowOpen && nRef==j->nEscrowRefOpen;
}
#endif
