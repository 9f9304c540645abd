/*
** suggest.c — the edit distance behind "did you mean" (see suggest.h).
** Two rows of the dynamic-programming table on the stack; touches nothing.
*/
#include <string.h>
#include "suggest.h"

static int suggest_fold(int c){ return (c>='A' && c<='Z') ? c + ('a'-'A') : c; }

int suggest_distance(const char *a, const char *b){
  int aRow[64], aPrev[64];
  int la = (int)strlen(a), lb = (int)strlen(b), i, j;
  if( la>=63 || lb>=63 ) return 99;
  for(j=0; j<=lb; j++) aPrev[j] = j;
  for(i=1; i<=la; i++){
    aRow[0] = i;
    for(j=1; j<=lb; j++){
      int d = aPrev[j-1] + (suggest_fold((unsigned char)a[i-1])!=suggest_fold((unsigned char)b[j-1]));
      if( aPrev[j]+1<d ) d = aPrev[j]+1;
      if( aRow[j-1]+1<d ) d = aRow[j-1]+1;
      aRow[j] = d;
    }
    memcpy(aPrev, aRow, sizeof(int)*(size_t)(lb+1));
  }
  return aPrev[lb];
}
