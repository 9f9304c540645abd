/*
** jsonprint.h — a cJSON tree written to a FILE as cJSON_Print writes it.
**
** cJSON_Print builds the whole text in memory (growing it by copying), so
** writing an imported scenario of a million users held the tree, the text
** and a copy of it at once. jsonprint_write streams the same bytes to the
** file through a small buffer: objects one member a line, indented with
** tabs, "key":<TAB>value; arrays on one line, elements separated by ", ";
** strings escaped as cJSON escapes them; numbers printed by cJSON itself.
** tests/test_jsonprint.c holds it to cJSON_Print's output.
*/
#ifndef TS_JSONPRINT_H
#define TS_JSONPRINT_H
#include <stdio.h>
#include <cjson/cJSON.h>
#include "tserr.h"

/* Write p to f exactly as cJSON_Print(p) would return it (without a
** trailing newline). Returns TS_OK; TS_IOERR when writing failed, TS_NOMEM
** when memory ran out, TS_ERR when p holds an item cJSON cannot print
** (cJSON_Print would return NULL): what was written is then incomplete. */
int jsonprint_write(FILE *f, const cJSON *p);

#endif
