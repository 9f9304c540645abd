/*
** jsonfile.h — read a JSON input file and parse it with located errors.
**
** Scenarios, proposed mappings and eval inputs are all JSON files a user
** wrote; each is read whole, refused if it is not text, and parsed so that
** a syntax error names FILE:LINE:COLUMN.
*/
#ifndef TS_JSONFILE_H
#define TS_JSONFILE_H
#include <cjson/cJSON.h>
#include "strbuf.h"
#include "tserr.h"

/* Read all of zFile into pText (initialised by the caller, who frees it).
** Returns 0, TS_ERR (it cannot be opened or read, is a directory, is
** UTF-16 or contains NUL bytes: an input that is missing or unreadable is
** bad input, like an invalid one) or TS_NOMEM, with pErr naming zFile. */
int jsonfile_read(const char *zFile, StrBuf *pText, TsErr *pErr);

/* Parse zText (read from zFile; a leading UTF-8 byte order mark is
** skipped) into *ppJson (free with cJSON_Delete).
** Returns 0, TS_ERR with "FILE:LINE:COLUMN: invalid JSON ..." in pErr, or
** TS_NOMEM when the parser ran out of memory. */
int jsonfile_parse(const char *zFile, const char *zText, cJSON **ppJson, TsErr *pErr);

#endif
