/*
** diffInt.h — what the diff's own files (diff.c, diff_lint.c, diff_html.c)
** share and no other module needs: the kinds' names and a side in words.
*/
#ifndef TS_DIFFINT_H
#define TS_DIFFINT_H
#include "diff.h"
#include "strbuf.h"

/* Kind k (its bit is 1<<k): the JSON name ("soft_deleted") and the words
** ("soft-deleted"). */
const char *diff_kind_name(int k);
const char *diff_kind_text(int k);

/* Side iSide's role: diff_describe's, else "old" or "new". */
const char *diff_side_role(const Diff *p, int iSide);

/* Append what side iSide is beyond its scenario and seed, as diff_describe
** said: "FILE", "FILE with the mapping of job J replaced by M.json"; nothing
** when it said nothing. With bHtml the text is escaped and the file names
** are <code>. */
void diff_side_words(const Diff *p, int iSide, int bHtml, StrBuf *sb);

#endif
