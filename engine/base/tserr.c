/*
** tserr.c — filling the caller-owned error value (see tserr.h).
*/
#include <stdarg.h>
#include <stdio.h>
#include "tserr.h"

int tserr_set(TsErr *pErr, int rc, const char *zFmt, ...){
  va_list ap;
  if( pErr==NULL ) return rc;
  pErr->rc = rc;
  va_start(ap, zFmt);
  vsnprintf(pErr->zMsg, sizeof(pErr->zMsg), zFmt, ap);
  va_end(ap);
  return rc;
}

void tserr_clear(TsErr *pErr){
  if( pErr==NULL ) return;
  pErr->rc = TS_OK;
  pErr->zMsg[0] = 0;
}
