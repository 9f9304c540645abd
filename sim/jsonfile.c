/*
** jsonfile.c — JSON input files (see jsonfile.h).
*/
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "jsonfile.h"
#include "mem.h"

int jsonfile_read(const char *zFile, StrBuf *pText, TsErr *pErr){
  FILE *f = fopen(zFile, "rb");
  char aBuf[65536];
  struct stat st;
  size_t n;
  int bReadErr, eReadErr;
  if( f==NULL ) return tserr_set(pErr, TS_ERR, "%s: cannot open: %s", zFile, strerror(errno));
  if( fstat(fileno(f), &st)==0 && S_ISDIR(st.st_mode) ){
    fclose(f);
    return tserr_set(pErr, TS_ERR, "%s is a directory, expected a JSON file", zFile);
  }
  while( (n = fread(aBuf, 1, sizeof(aBuf), f))>0 ) strbuf_appendn(pText, aBuf, n);
  bReadErr = ferror(f);
  eReadErr = errno;
  fclose(f);
  if( bReadErr ) return tserr_set(pErr, TS_ERR, "%s: cannot read: %s", zFile, strerror(eReadErr));
  if( pText->bErr ) return tserr_set(pErr, TS_NOMEM, "out of memory");
  if( pText->n>=2
   && (((unsigned char)pText->z[0]==0xFF && (unsigned char)pText->z[1]==0xFE)
    || ((unsigned char)pText->z[0]==0xFE && (unsigned char)pText->z[1]==0xFF)) ){
    return tserr_set(pErr, TS_ERR, "%s: UTF-16 text (as Windows PowerShell 5.1's Out-File"
                     " writes it); save it as UTF-8", zFile);
  }
  if( memchr(strbuf_str(pText), 0, pText->n) ){
    return tserr_set(pErr, TS_ERR, "%s: not a text file (contains NUL bytes)", zFile);
  }
  return TS_OK;
}

/* Line and column (1-based) of byte offset n in zText. */
static void text_position(const char *zText, size_t n, int *pLine, int *pCol){
  size_t i;
  int line = 1, col = 1;
  for(i=0; i<n && zText[i]; i++){
    if( zText[i]=='\n' ){ line++; col = 1; } else col++;
  }
  *pLine = line;
  *pCol = col;
}

int jsonfile_parse(const char *zFile, const char *zText, cJSON **ppJson, TsErr *pErr){
  long nFailBefore = mem_fail_count();
  const char *zEnd = NULL, *zAt;
  int line, col;
  /* A UTF-8 byte order mark (PowerShell writes one) is not JSON; skip it. */
  if( (unsigned char)zText[0]==0xEF && (unsigned char)zText[1]==0xBB
   && (unsigned char)zText[2]==0xBF ) zText += 3;
  *ppJson = cJSON_ParseWithOpts(zText, &zEnd, 1);
  if( *ppJson ) return TS_OK;
  if( mem_fail_count()!=nFailBefore ){
    return tserr_set(pErr, TS_NOMEM, "out of memory while parsing %s", zFile);
  }
  zAt = cJSON_GetErrorPtr();
  if( zAt==NULL || zAt<zText ) zAt = zText;
  text_position(zText, (size_t)(zAt - zText), &line, &col);
  return tserr_set(pErr, TS_ERR, "%s:%d:%d: invalid JSON%s", zFile, line, col,
                   zText[0]==0 ? " (the file is empty)" : " near this position");
}
