/*
** writer.c — the background writer thread (see writer.h).
**
** The queue is a list of chunks, each holding records laid end to end:
** the statement, the length of its values, the values (a WriterRec's
** bytes). The queuing thread fills one chunk at a time and hands it over
** when it is full or when it drains; the writer takes whole chunks, so the
** two threads meet once per chunk, not once per row. Chunks the writer has
** finished go to a free list the queuing thread takes from.
*/
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include "mem.h"
#include "writer.h"

#define WRITER_CHUNK      (256*1024)   /* bytes of a standard chunk */
#define WRITER_MAX_CHUNKS 16           /* chunks queued before queuing waits */

/* ------------------------------------------------------------ records */

/* Value kinds of a record: a byte, the parameter (int32), the value. */
enum { REC_INT = 1, REC_DOUBLE, REC_NULL, REC_TEXT };

static int rec_reserve(WriterRec *r, size_t n){
  unsigned char *a;
  size_t nNew;
  if( r->n + n <= r->nAlloc ) return 0;
  nNew = r->nAlloc ? r->nAlloc*2 : 256;
  while( nNew < r->n + n ) nNew *= 2;
  a = mem_realloc(r->a, nNew);
  if( a==NULL ) return -1;
  r->a = a;
  r->nAlloc = nNew;
  return 0;
}

void writer_rec_reset(WriterRec *r){
  r->n = 0;
  r->mSet = 0;
  r->bWide = 0;
}

#define REC_HEAD (1 + sizeof(int32_t))   /* a value's kind and parameter */

static void rec_head(WriterRec *r, int eKind, int i){
  int32_t k = i;
  if( i>=1 && i<=64 ) r->mSet |= (uint64_t)1 << (i-1); else r->bWide = 1;
  r->a[r->n++] = (unsigned char)eKind;
  memcpy(r->a + r->n, &k, sizeof(k));
  r->n += sizeof(k);
}

/* Append a value of kind eKind for parameter i: the nv bytes at pv. */
static int rec_value(WriterRec *r, int eKind, int i, const void *pv, size_t nv){
  if( rec_reserve(r, REC_HEAD + nv) ) return -1;
  rec_head(r, eKind, i);
  if( nv ) memcpy(r->a + r->n, pv, nv);
  r->n += nv;
  return 0;
}

int writer_rec_int(WriterRec *r, int i, int64_t v){
  return rec_value(r, REC_INT, i, &v, sizeof(v));
}

int writer_rec_double(WriterRec *r, int i, double v){
  return rec_value(r, REC_DOUBLE, i, &v, sizeof(v));
}

int writer_rec_null(WriterRec *r, int i){
  return rec_value(r, REC_NULL, i, NULL, 0);
}

int writer_rec_text(WriterRec *r, int i, const char *z, int n){
  int32_t nz;
  if( z==NULL ) return writer_rec_null(r, i);
  nz = n<0 ? (int32_t)strlen(z) : n;
  if( rec_reserve(r, REC_HEAD + sizeof(nz) + (size_t)nz) ) return -1;
  rec_head(r, REC_TEXT, i);
  memcpy(r->a + r->n, &nz, sizeof(nz));
  r->n += sizeof(nz);
  memcpy(r->a + r->n, z, (size_t)nz);
  r->n += (size_t)nz;
  return 0;
}

/* Bind the n bytes of values at a to s; the text stays in a, which must
** outlive the step. */
static void rec_bind(const unsigned char *a, size_t n, sqlite3_stmt *s){
  size_t k = 0;
  while( k<n ){
    int eKind = a[k];
    int32_t i, nz;
    int64_t v;
    double r;
    memcpy(&i, a + k + 1, sizeof(i));
    k += 1 + sizeof(i);
    switch( eKind ){
      case REC_INT:
        memcpy(&v, a + k, sizeof(v));
        k += sizeof(v);
        sqlite3_bind_int64(s, i, v);
        break;
      case REC_DOUBLE:
        memcpy(&r, a + k, sizeof(r));
        k += sizeof(r);
        sqlite3_bind_double(s, i, r);
        break;
      case REC_TEXT:
        memcpy(&nz, a + k, sizeof(nz));
        k += sizeof(nz);
        sqlite3_bind_text(s, i, (const char*)a + k, nz, SQLITE_STATIC);
        k += (size_t)nz;
        break;
      default:
        sqlite3_bind_null(s, i);
        break;
    }
  }
}

void writer_rec_bind(const WriterRec *r, sqlite3_stmt *s){
  rec_bind(r->a, r->n, s);
}

void writer_rec_free(WriterRec *r){
  mem_free(r->a);
  memset(r, 0, sizeof(*r));
}

/* ------------------------------------------------------------- queue */

typedef struct Chunk Chunk;
struct Chunk {
  Chunk *pNext;
  size_t n, nAlloc;        /* bytes used, bytes of a[] */
  unsigned char a[];
};

struct Writer {
  sqlite3 *db;
  pthread_t thread;
  pthread_mutex_t mtx;
  pthread_cond_t cndWork;  /* the writer waits for a chunk (or the stop) */
  pthread_cond_t cndDone;  /* the queuing thread waits for room or an idle writer */
  Chunk *pHead, *pTail;    /* chunks waiting for the writer (under mtx) */
  int nQueued;             /* chunks waiting or being written (under mtx) */
  Chunk *pFree;            /* chunks written, for reuse (under mtx) */
  int bStop;               /* the thread is to end (under mtx) */
  int rc;                  /* first failure (under mtx) */
  char zErr[512];          /* its message (under mtx) */
  Chunk *pFill;            /* the chunk being filled: the queuing thread's */
};

/* One record of a chunk: the statement, the length of its values, and
** whether they give every parameter a value (so the statement's earlier
** values need not be cleared first). */
typedef struct RecHead {
  sqlite3_stmt *pStmt;
  size_t n;
  int bAll;
} RecHead;

#define REC_ALIGN(n) (((n) + 7) & ~(size_t)7)

/* Run the records of c; 0, or the SQLite code of the first failure (its
** message in pW->zErr, written under the lock). */
static int writer_run_chunk(Writer *pW, const Chunk *c){
  size_t k = 0;
  while( k<c->n ){
    RecHead h;
    int rc;
    memcpy(&h, c->a + k, sizeof(h));
    k += sizeof(h);
    if( !h.bAll ) sqlite3_clear_bindings(h.pStmt);
    rec_bind(c->a + k, h.n, h.pStmt);
    k += REC_ALIGN(h.n);
    rc = sqlite3_step(h.pStmt);
    if( rc!=SQLITE_DONE && rc!=SQLITE_ROW ){
      int rcErr = sqlite3_errcode(pW->db) ? sqlite3_errcode(pW->db) : SQLITE_ERROR;
      pthread_mutex_lock(&pW->mtx);
      pW->rc = rcErr;
      snprintf(pW->zErr, sizeof(pW->zErr), "database error in %s: %s",
               sqlite3_sql(h.pStmt), sqlite3_errmsg(pW->db));
      pthread_mutex_unlock(&pW->mtx);
      sqlite3_reset(h.pStmt);
      sqlite3_clear_bindings(h.pStmt);
      return rcErr;
    }
    sqlite3_reset(h.pStmt);
  }
  return 0;
}

static void *writer_main(void *pArg){
  Writer *pW = pArg;
  int bFailed = 0;
  pthread_mutex_lock(&pW->mtx);
  for(;;){
    Chunk *c;
    while( pW->pHead==NULL && !pW->bStop ) pthread_cond_wait(&pW->cndWork, &pW->mtx);
    if( pW->pHead==NULL ) break;
    c = pW->pHead;
    pW->pHead = c->pNext;
    if( pW->pHead==NULL ) pW->pTail = NULL;
    pthread_mutex_unlock(&pW->mtx);
    if( !bFailed ) bFailed = writer_run_chunk(pW, c)!=0;
    pthread_mutex_lock(&pW->mtx);
    c->n = 0;
    c->pNext = pW->pFree;
    pW->pFree = c;
    pW->nQueued--;
    pthread_cond_signal(&pW->cndDone);
  }
  pthread_mutex_unlock(&pW->mtx);
  return NULL;
}

Writer *writer_start(sqlite3 *db){
  Writer *pW = mem_calloc(1, sizeof(Writer));
  if( pW==NULL ) return NULL;
  pW->db = db;
  if( pthread_mutex_init(&pW->mtx, NULL) ) goto out_free;
  if( pthread_cond_init(&pW->cndWork, NULL) ) goto out_mtx;
  if( pthread_cond_init(&pW->cndDone, NULL) ) goto out_work;
  if( pthread_create(&pW->thread, NULL, writer_main, pW) ) goto out_done;
  return pW;
out_done:
  pthread_cond_destroy(&pW->cndDone);
out_work:
  pthread_cond_destroy(&pW->cndWork);
out_mtx:
  pthread_mutex_destroy(&pW->mtx);
out_free:
  mem_free(pW);
  return NULL;
}

/* Hand the filled chunk to the writer, waiting while it is
** WRITER_MAX_CHUNKS behind. */
static void writer_submit(Writer *pW){
  Chunk *c = pW->pFill;
  pW->pFill = NULL;
  if( c==NULL ) return;
  pthread_mutex_lock(&pW->mtx);
  if( c->n==0 ){
    c->pNext = pW->pFree;
    pW->pFree = c;
    pthread_mutex_unlock(&pW->mtx);
    return;
  }
  while( pW->nQueued>=WRITER_MAX_CHUNKS ) pthread_cond_wait(&pW->cndDone, &pW->mtx);
  c->pNext = NULL;
  if( pW->pTail ) pW->pTail->pNext = c; else pW->pHead = c;
  pW->pTail = c;
  pW->nQueued++;
  pthread_cond_signal(&pW->cndWork);
  pthread_mutex_unlock(&pW->mtx);
}

/* A chunk with room for n bytes: a written one when it fits, else a new
** one (a record larger than a chunk gets a chunk of its own size). */
static Chunk *writer_chunk(Writer *pW, size_t n){
  Chunk *c, *pBig = NULL;
  pthread_mutex_lock(&pW->mtx);
  c = pW->pFree;
  if( c ){
    pW->pFree = c->pNext;
    if( c->nAlloc<n || c->nAlloc>WRITER_CHUNK ){ pBig = c; c = NULL; }
  }
  pthread_mutex_unlock(&pW->mtx);
  mem_free(pBig);
  if( c==NULL ){
    size_t nAlloc = n>WRITER_CHUNK ? n : WRITER_CHUNK;
    c = mem_malloc(sizeof(Chunk) + nAlloc);
    if( c==NULL ) return NULL;
    c->nAlloc = nAlloc;
  }
  c->n = 0;
  c->pNext = NULL;
  return c;
}

int writer_queue(Writer *pW, sqlite3_stmt *pStmt, const WriterRec *pRec){
  size_t nNeed = sizeof(RecHead) + REC_ALIGN(pRec->n);
  RecHead h;
  if( pW->pFill==NULL || pW->pFill->n + nNeed > pW->pFill->nAlloc ){
    Chunk *c = writer_chunk(pW, nNeed);
    if( c==NULL ) return -1;
    writer_submit(pW);
    pW->pFill = c;
  }
  h.pStmt = pStmt;
  h.n = pRec->n;
  {
    int nParam = sqlite3_bind_parameter_count(pStmt);
    h.bAll = !pRec->bWide && nParam<=64
          && pRec->mSet==(nParam==64 ? ~(uint64_t)0 : ((uint64_t)1 << nParam) - 1);
  }
  memcpy(pW->pFill->a + pW->pFill->n, &h, sizeof(h));
  if( pRec->n ) memcpy(pW->pFill->a + pW->pFill->n + sizeof(h), pRec->a, pRec->n);
  pW->pFill->n += nNeed;
  /* a record of its own oversized chunk goes at once, so the chunk is not
  ** kept for small records */
  if( pW->pFill->nAlloc>WRITER_CHUNK ) writer_submit(pW);
  return 0;
}

void writer_drain(Writer *pW){
  writer_submit(pW);
  pthread_mutex_lock(&pW->mtx);
  while( pW->nQueued>0 ) pthread_cond_wait(&pW->cndDone, &pW->mtx);
  pthread_mutex_unlock(&pW->mtx);
}

int writer_error(Writer *pW, char *z, size_t n){
  int rc;
  pthread_mutex_lock(&pW->mtx);
  rc = pW->rc;
  if( rc && n ) snprintf(z, n, "%s", pW->zErr);
  pthread_mutex_unlock(&pW->mtx);
  return rc;
}

void writer_stop(Writer *pW){
  Chunk *c;
  if( pW==NULL ) return;
  writer_drain(pW);
  pthread_mutex_lock(&pW->mtx);
  pW->bStop = 1;
  pthread_cond_signal(&pW->cndWork);
  pthread_mutex_unlock(&pW->mtx);
  pthread_join(pW->thread, NULL);
  while( (c = pW->pFree)!=NULL ){
    pW->pFree = c->pNext;
    mem_free(c);
  }
  pthread_cond_destroy(&pW->cndDone);
  pthread_cond_destroy(&pW->cndWork);
  pthread_mutex_destroy(&pW->mtx);
  mem_free(pW);
}
