/*
** diff_rows.c — the read-ahead thread of a diff's second run (see
** diff_rows.h).
**
** The reader fills batches of DIFF_BATCH rows: each row's columns as
** offsets into the batch's text buffer (-1 for NULL), and the integer
** column. Full batches go to the consumer through a list guarded by one
** mutex, at most DIFF_MAX_BATCHES in flight; the consumer hands each
** batch back when it has read its last row, and the reader refills it.
** The two threads meet once per batch, not once per row.
*/
#include <pthread.h>
#include <string.h>
#include "mem.h"
#include "diff_rows.h"

#define DIFF_BATCH       512
#define DIFF_MAX_BATCHES 8

typedef struct Batch Batch;
struct Batch {
  Batch *pNext;
  int nRow;
  int32_t *aOff;           /* DIFF_BATCH x nCol offsets into z, -1 for NULL */
  int64_t *aKey;           /* DIFF_BATCH integer columns */
  char *z;                 /* the texts, each NUL-terminated */
  size_t nz, nzAlloc;
};

struct DiffRows {
  sqlite3_stmt *q;
  int nCol, iIntCol;
  pthread_t thread;
  pthread_mutex_t mtx;
  pthread_cond_t cnd;      /* either side waits for the other */
  Batch *pHead, *pTail;    /* full batches for the consumer (under mtx) */
  Batch *pFree;            /* batches handed back (under mtx) */
  int nBatch;              /* batches made (under mtx) */
  int bDone;               /* the reader has finished (under mtx) */
  int rcEnd;               /* how: SQLITE_DONE, SQLITE_NOMEM or a step error */
  int bStop;               /* the consumer wants no more rows (under mtx) */
  Batch *pCur;             /* the consumer's batch, and its next row */
  int iRow;
  const char **azRow;      /* the consumer's row: nCol pointers */
  DiffRow row;
};

static void batch_free(Batch *b){
  if( b==NULL ) return;
  mem_free(b->aOff);
  mem_free(b->aKey);
  mem_free(b->z);
  mem_free(b);
}

static Batch *batch_new(int nCol){
  Batch *b = mem_calloc(1, sizeof(Batch));
  if( b==NULL ) return NULL;
  b->aOff = mem_malloc(sizeof(int32_t)*(size_t)DIFF_BATCH*(size_t)nCol);
  b->aKey = mem_malloc(sizeof(int64_t)*DIFF_BATCH);
  b->nzAlloc = 64*1024;
  b->z = mem_malloc(b->nzAlloc);
  if( b->aOff==NULL || b->aKey==NULL || b->z==NULL ){
    batch_free(b);
    return NULL;
  }
  return b;
}

/* Copy the current row of p->q into b; 0, or -1 when out of memory. */
static int batch_add(DiffRows *p, Batch *b){
  int32_t *aOff = &b->aOff[(size_t)b->nRow*(size_t)p->nCol];
  int i;
  for(i=0; i<p->nCol; i++){
    const unsigned char *z = sqlite3_column_text(p->q, i);
    size_t n;
    if( z==NULL ){
      aOff[i] = -1;
      continue;
    }
    n = (size_t)sqlite3_column_bytes(p->q, i);
    if( b->nz + n + 1 > b->nzAlloc ){
      size_t nNew = b->nzAlloc*2;
      char *zNew;
      while( nNew < b->nz + n + 1 ) nNew *= 2;
      if( nNew > INT32_MAX ) return -1;
      zNew = mem_realloc(b->z, nNew);
      if( zNew==NULL ) return -1;
      b->z = zNew;
      b->nzAlloc = nNew;
    }
    memcpy(b->z + b->nz, z, n);
    b->z[b->nz + n] = 0;
    aOff[i] = (int32_t)b->nz;
    b->nz += n + 1;
  }
  b->aKey[b->nRow] = sqlite3_column_int64(p->q, p->iIntCol);
  b->nRow++;
  return 0;
}

/* A batch to fill: one handed back, a new one while fewer than
** DIFF_MAX_BATCHES exist, else wait for one. NULL when the consumer
** stopped or memory ran out (*pbNoMem). */
static Batch *reader_batch(DiffRows *p, int *pbNoMem){
  Batch *b = NULL;
  pthread_mutex_lock(&p->mtx);
  for(;;){
    if( p->bStop ) break;
    if( p->pFree ){
      b = p->pFree;
      p->pFree = b->pNext;
      break;
    }
    if( p->nBatch<DIFF_MAX_BATCHES ){
      p->nBatch++;
      pthread_mutex_unlock(&p->mtx);
      b = batch_new(p->nCol);
      if( b==NULL ) *pbNoMem = 1;
      return b;
    }
    pthread_cond_wait(&p->cnd, &p->mtx);
  }
  pthread_mutex_unlock(&p->mtx);
  return b;
}

static void reader_hand_over(DiffRows *p, Batch *b){
  pthread_mutex_lock(&p->mtx);
  b->pNext = NULL;
  if( p->pTail ) p->pTail->pNext = b; else p->pHead = b;
  p->pTail = b;
  pthread_cond_broadcast(&p->cnd);
  pthread_mutex_unlock(&p->mtx);
}

static void *reader_main(void *pArg){
  DiffRows *p = pArg;
  int rc = SQLITE_ROW, bNoMem = 0;
  while( rc==SQLITE_ROW ){
    Batch *b = reader_batch(p, &bNoMem);
    if( b==NULL ) break;
    b->nRow = 0;
    b->nz = 0;
    while( b->nRow<DIFF_BATCH && (rc = sqlite3_step(p->q))==SQLITE_ROW ){
      if( batch_add(p, b) ){
        bNoMem = 1;
        break;
      }
    }
    reader_hand_over(p, b);
    if( bNoMem ) break;
  }
  pthread_mutex_lock(&p->mtx);
  p->bDone = 1;
  p->rcEnd = bNoMem ? SQLITE_NOMEM : rc==SQLITE_ROW ? SQLITE_DONE : rc;
  pthread_cond_broadcast(&p->cnd);
  pthread_mutex_unlock(&p->mtx);
  return NULL;
}

DiffRows *diff_rows_start(sqlite3_stmt *q, int nCol, int iIntCol){
  DiffRows *p = mem_calloc(1, sizeof(DiffRows));
  if( p==NULL ) return NULL;
  p->q = q;
  p->nCol = nCol;
  p->iIntCol = iIntCol;
  p->azRow = mem_calloc((size_t)nCol, sizeof(char*));
  if( p->azRow==NULL ) goto out_free;
  p->row.az = p->azRow;
  if( pthread_mutex_init(&p->mtx, NULL) ) goto out_free;
  if( pthread_cond_init(&p->cnd, NULL) ) goto out_mtx;
  if( pthread_create(&p->thread, NULL, reader_main, p) ) goto out_cnd;
  return p;
out_cnd:
  pthread_cond_destroy(&p->cnd);
out_mtx:
  pthread_mutex_destroy(&p->mtx);
out_free:
  mem_free(p->azRow);
  mem_free(p);
  return NULL;
}

/* Hand the consumer's finished batch back to the reader. */
static void consumer_hand_back(DiffRows *p){
  Batch *b = p->pCur;
  if( b==NULL ) return;
  p->pCur = NULL;
  pthread_mutex_lock(&p->mtx);
  b->pNext = p->pFree;
  p->pFree = b;
  pthread_cond_broadcast(&p->cnd);
  pthread_mutex_unlock(&p->mtx);
}

const DiffRow *diff_rows_next(DiffRows *p, int *prc){
  const int32_t *aOff;
  int i;
  while( p->pCur==NULL || p->iRow>=p->pCur->nRow ){
    consumer_hand_back(p);
    pthread_mutex_lock(&p->mtx);
    while( p->pHead==NULL && !p->bDone ) pthread_cond_wait(&p->cnd, &p->mtx);
    if( p->pHead ){
      p->pCur = p->pHead;
      p->pHead = p->pCur->pNext;
      if( p->pHead==NULL ) p->pTail = NULL;
      p->iRow = 0;
    }
    pthread_mutex_unlock(&p->mtx);
    if( p->pCur==NULL ){
      *prc = p->rcEnd;           /* bDone: written before, read under mtx */
      return NULL;
    }
  }
  aOff = &p->pCur->aOff[(size_t)p->iRow*(size_t)p->nCol];
  for(i=0; i<p->nCol; i++) p->azRow[i] = aOff[i]<0 ? NULL : p->pCur->z + aOff[i];
  p->row.iKey = p->pCur->aKey[p->iRow];
  p->iRow++;
  *prc = SQLITE_ROW;
  return &p->row;
}

void diff_rows_stop(DiffRows *p){
  Batch *b;
  if( p==NULL ) return;
  pthread_mutex_lock(&p->mtx);
  p->bStop = 1;
  pthread_cond_broadcast(&p->cnd);
  pthread_mutex_unlock(&p->mtx);
  pthread_join(p->thread, NULL);
  batch_free(p->pCur);
  while( (b = p->pHead)!=NULL ){ p->pHead = b->pNext; batch_free(b); }
  while( (b = p->pFree)!=NULL ){ p->pFree = b->pNext; batch_free(b); }
  pthread_cond_destroy(&p->cnd);
  pthread_mutex_destroy(&p->mtx);
  mem_free(p->azRow);
  mem_free(p);
}
