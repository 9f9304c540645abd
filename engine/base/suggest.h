/*
** suggest.h — how far apart two names are, for "did you mean ...?".
**
** Every refusal of a misspelt name (a scenario key, an attribute, a rule
** operator) offers the closest known one; they all measure closeness with
** this one distance so that their suggestions agree. No domain knowledge,
** no allocation, no locale: letters are folded to lower case as ASCII.
*/
#ifndef TS_SUGGEST_H
#define TS_SUGGEST_H

/* The Levenshtein distance between a and b (insertions, deletions and
** substitutions of one byte each), ignoring ASCII case; 99 when either
** is 63 bytes or longer, which no name worth suggesting is. */
int suggest_distance(const char *a, const char *b);

#endif
