/*
** outfile.c — output files renamed into place when complete (see outfile.h).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "outfile.h"

int outfile_open(OutFile *o, TsErr *pErr){
  o->f = NULL;
  if( o->zPath==NULL ) return TS_OK;
  snprintf(o->zTmp, sizeof(o->zTmp), "%s.tmp-%ld", o->zPath, (long)getpid());
  o->f = fopen(o->zTmp, "w");
  if( o->f==NULL ) return tserr_set(pErr, TS_IOERR, "cannot write %s: %s", o->zPath, strerror(errno));
  return TS_OK;
}

int outfile_close(OutFile *o, int rc, TsErr *pErr){
  if( o->f==NULL ) return rc;
  if( fclose(o->f) && rc==TS_OK ) rc = tserr_set(pErr, TS_IOERR, "cannot write %s", o->zPath);
  o->f = NULL;
  if( rc==TS_OK && rename(o->zTmp, o->zPath) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot rename %s to %s: %s", o->zTmp, o->zPath, strerror(errno));
  }
  if( rc ) unlink(o->zTmp);
  return rc;
}
