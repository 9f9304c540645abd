/*
** writer.h — a second thread that steps a connection's write statements
** in the order they were queued, so the engine's work and SQLite's overlap.
**
** A run spends about as long in SQLite as in the engine. The store queues
** each write statement with a copy of its values (a WriterRec) and goes on;
** the writer thread binds and steps them, one after the other, exactly as
** the engine would have: the database is byte-identical to a run that
** writes in line. Only the writer touches the connection while it runs;
** anything else that needs the connection (a query, a new statement, a
** commit) first calls writer_drain, which returns when every queued
** statement has run and the thread waits.
**
** Ownership: a Writer is made by writer_start and freed by writer_stop.
** Its queue is chunks of copied values, allocated by the thread that queues
** (the writer thread allocates nothing but what SQLite allocates itself),
** bounded to WRITER_MAX_CHUNKS in flight: writer_queue waits when the
** writer is that far behind. A WriterRec is owned by whoever holds it and
** freed with writer_rec_free.
*/
#ifndef TS_WRITER_H
#define TS_WRITER_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* One statement's values, in the order they were given. */
typedef struct WriterRec {
  unsigned char *a;
  size_t n, nAlloc;
  uint64_t mSet;           /* parameters 1..64 given a value (bit i-1) */
  int bWide;               /* a parameter above 64 was given one */
} WriterRec;

/* Empty pRec for the next statement (its memory is kept). */
void writer_rec_reset(WriterRec *pRec);

/* Add a value for parameter i (1-based); 0, or -1 when out of memory (the
** record is unchanged). z with n<0 is NUL-terminated; NULL z is SQL NULL. */
int writer_rec_int(WriterRec *pRec, int i, int64_t v);
int writer_rec_double(WriterRec *pRec, int i, double r);
int writer_rec_null(WriterRec *pRec, int i);
int writer_rec_text(WriterRec *pRec, int i, const char *z, int n);
/* Bind every value of pRec to pStmt (the text is bound SQLITE_TRANSIENT). */
void writer_rec_bind(const WriterRec *pRec, sqlite3_stmt *pStmt);
void writer_rec_free(WriterRec *pRec);

typedef struct Writer Writer;

/* Start a writer thread for db. NULL when out of memory or when no thread
** can be made: the caller then writes in line. */
Writer *writer_start(sqlite3 *db);

/* Queue pStmt with the values of pRec (copied; pRec may be reused at
** once). 0, or -1 when out of memory: nothing was queued. */
int writer_queue(Writer *pW, sqlite3_stmt *pStmt, const WriterRec *pRec);

/* Return when every queued statement has run; the connection is then the
** caller's until the next writer_queue. */
void writer_drain(Writer *pW);

/* The first failure of a queued statement: its SQLite code (0: none), and
** its message in z[n]. The writer runs nothing after a failure. */
int writer_error(Writer *pW, char *z, size_t n);

/* Drain, end the thread and free pW (NULL is a no-op). */
void writer_stop(Writer *pW);

#endif
