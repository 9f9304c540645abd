/*
** queue.h — the discrete-event queue: a binary min-heap of events.
**
** Events are ordered by (time, priority, seq): earlier time first, then
** lower priority number, then the insertion sequence number the queue
** assigns itself. Simultaneous events therefore always pop in the same
** order, which is what makes a run deterministic.
**
** The queue owns its array; the payload (kind, a, b, p) is opaque to it:
** the caller owns whatever p points to.
*/
#ifndef TS_QUEUE_H
#define TS_QUEUE_H
#include <stdint.h>
#include "simtime.h"

typedef struct Event {
  SimTime t;        /* when, seconds from scenario start */
  int prio;         /* tie-break before seq; lower runs first */
  uint64_t seq;     /* insertion number, assigned by queue_push */
  int kind;         /* caller-defined event type */
  int64_t a, b;     /* caller-defined arguments */
  void *p;          /* caller-defined pointer, not owned by the queue */
} Event;

typedef struct Queue {
  Event *aHeap;
  size_t n, nAlloc;
  uint64_t nextSeq;
} Queue;

void queue_init(Queue *q);
void queue_free(Queue *q);
/* Push a copy of *e (its seq field is overwritten). Returns 0, or -1 when
** memory is exhausted (the queue is then unchanged). */
int queue_push(Queue *q, const Event *e);
/* Pop the least event into *e. Returns 0, or -1 when the queue is empty. */
int queue_pop(Queue *q, Event *e);
/* The least event without removing it, or NULL when empty. */
const Event *queue_peek(const Queue *q);
size_t queue_size(const Queue *q);

#endif
