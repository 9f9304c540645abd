/*
** tserr.h — the error value every module fills and every caller propagates.
**
** Functions that can fail return an int status (0 = TS_OK) and write a
** human-readable message into a caller-owned TsErr. The message names the
** place (file, JSON path, expression column) and what was expected; only
** the command line prints it. TsErr owns no heap memory.
*/
#ifndef TS_TSERR_H
#define TS_TSERR_H

#define TS_OK     0
#define TS_ERR    1   /* bad input: invalid scenario, unknown reference ... */
#define TS_NOMEM  2   /* an allocation failed */
#define TS_IOERR  3   /* the store or a file could not be read or written */

typedef struct TsErr {
  int rc;             /* last status set, TS_OK when clear */
  char zMsg[1024];    /* NUL-terminated message, "" when clear */
} TsErr;

/* Set the error (printf-style message) and return rc, so that callers can
** write `return tserr_set(pErr, TS_ERR, "...", ...)`. pErr may be NULL. */
int tserr_set(TsErr *pErr, int rc, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;

/* Clear an error value. */
void tserr_clear(TsErr *pErr);

#endif
