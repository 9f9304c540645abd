/*
** outfile.h — an output file written beside its destination and renamed
** into place only when complete, so a failed command never leaves a
** half-written report or destroys the previous one.
*/
#ifndef TS_OUTFILE_H
#define TS_OUTFILE_H
#include <stdio.h>
#include "tserr.h"

typedef struct OutFile {
  const char *zPath;       /* destination; NULL means "not asked for" */
  char zTmp[1100];         /* zPath.tmp-<pid> while being written */
  FILE *f;                 /* open while being written, else NULL */
} OutFile;

/* Start writing o->zPath (nothing to do when it is NULL). Returns 0 or
** TS_IOERR with pErr set. */
int outfile_open(OutFile *o, TsErr *pErr);
/* Finish o: when rc is TS_OK, close it and rename it into place; else (or
** if that fails) remove the temporary file. Returns the resulting status. */
int outfile_close(OutFile *o, int rc, TsErr *pErr);

#endif
