/*
** queue.c — the discrete-event queue (see queue.h).
**
** A binary min-heap stored in one array: the children of aHeap[i] are
** aHeap[2i+1] and aHeap[2i+2], and the invariant is that no child is less
** than its parent under the order (t, prio, seq). Because seq is unique
** and increases with every push, no two events ever compare equal, so the
** pop order is a total order fixed by the pushes alone — the heap's
** internal shuffling can never leak into the run.
**
** The array grows by doubling through mem_realloc; it never shrinks until
** queue_free. Payload pointers (Event.p) are copied, never followed.
*/
#include <stdint.h>
#include "mem.h"
#include "tslimits.h"
#include "queue.h"

#define QUEUE_INITIAL_ALLOC 16

/* Nonzero when event a must run before event b. */
static int queue_less(const Event *a, const Event *b){
  if( a->t!=b->t ) return a->t < b->t;
  if( a->prio!=b->prio ) return a->prio < b->prio;
  return a->seq < b->seq;
}

/* Move the event at index i up until its parent is not greater. */
static void queue_sift_up(Event *aHeap, size_t i){
  Event e = aHeap[i];
  while( i>0 ){
    size_t iParent = (i-1)/2;
    if( !queue_less(&e, &aHeap[iParent]) ) break;
    aHeap[i] = aHeap[iParent];
    i = iParent;
  }
  aHeap[i] = e;
}

/* Move the event at index i down until no child is less than it. */
static void queue_sift_down(Event *aHeap, size_t n, size_t i){
  Event e = aHeap[i];
  for(;;){
    size_t iChild = 2*i + 1;
    if( iChild>=n ) break;
    if( iChild+1<n && queue_less(&aHeap[iChild+1], &aHeap[iChild]) ) iChild++;
    if( !queue_less(&aHeap[iChild], &e) ) break;
    aHeap[i] = aHeap[iChild];
    i = iChild;
  }
  aHeap[i] = e;
}

/* An empty queue that owns no memory yet; seq numbers start at 0. */
void queue_init(Queue *q){
  q->aHeap = NULL;
  q->n = 0;
  q->nAlloc = 0;
  q->nextSeq = 0;
}

/* Release the array and leave q as queue_init left it, so a freed queue
** may be reused or freed again. Events' p pointers are not touched. */
void queue_free(Queue *q){
  mem_free(q->aHeap);
  queue_init(q);
}

/* Grow first, then assign seq: if the allocation fails nothing about q
** has changed, not even nextSeq, so a retry gets the same seq. */
#ifdef TS_DEBUG
/* The heap order: no event precedes its parent. */
static int queue_is_heap(const Queue *q){
  size_t i;
  for(i=1; i<q->n; i++) if( queue_less(&q->aHeap[i], &q->aHeap[(i-1)/2]) ) return 0;
  return 1;
}
#endif

int queue_push(Queue *q, const Event *e){
  if( q->n==q->nAlloc ){
    size_t nNew = q->nAlloc ? q->nAlloc*2 : QUEUE_INITIAL_ALLOC;
    Event *aNew;
    if( nNew<q->nAlloc || nNew>SIZE_MAX/sizeof(Event) ) return -1;
    aNew = mem_realloc(q->aHeap, nNew*sizeof(Event));
    if( aNew==NULL ) return -1;
    q->aHeap = aNew;
    q->nAlloc = nNew;
  }
  q->aHeap[q->n] = *e;
  q->aHeap[q->n].seq = q->nextSeq++;
  q->n++;
  queue_sift_up(q->aHeap, q->n-1);
  ts_assert( queue_is_heap(q) );
  return 0;
}

/* Copy the least event into *e (e may be NULL to discard it) and remove
** it. Returns -1, leaving *e untouched, when the queue is empty. */
int queue_pop(Queue *q, Event *e){
  if( q->n==0 ) return -1;
  if( e ) *e = q->aHeap[0];
  q->n--;
  if( q->n>0 ){
    q->aHeap[0] = q->aHeap[q->n];
    queue_sift_down(q->aHeap, q->n, 0);
  }
  ts_assert( queue_is_heap(q) );
  return 0;
}

/* The returned pointer is into the queue's array: valid only until the
** next queue_push, queue_pop or queue_free. */
const Event *queue_peek(const Queue *q){
  return q->n>0 ? &q->aHeap[0] : NULL;
}

/* Number of events waiting; O(1). */
size_t queue_size(const Queue *q){
  return q->n;
}
