/*
** jsonloc_locate.c — from a JSON path to the line and column of its value
** in the document's text (jsonloc.h), so that a report can point into the
** file a finding came from.
**
** cJSON keeps no positions, so this file reads the text itself, with a
** scanner that builds nothing: each routine below starts at a byte offset
** of a JsonScan and moves it past what it read, or returns -1 on a syntax
** error. Every read is bounded by n; the text need not end in a NUL.
**
** jsonloc_locate() makes two passes. The first checks that the whole text
** is one JSON value (so that -1 means "invalid" wherever the error is, not
** only when it lies before the path's value); the second walks the path
** from the top, skipping the members and elements before the one each
** step names. Both are linear in n. Nesting is followed by recursion,
** two frames a level, bounded by JSONLOC_MAX_DEPTH; a deeper document is
** refused rather than allowed to exhaust the C stack.
**
** The grammar is RFC 8259's: control characters inside strings, leading
** zeros, trailing commas and bare words are errors. The bytes of a string
** are not checked to be well-formed UTF-8.
*/
#include <limits.h>
#include <string.h>
#include "jsonloc.h"

/* A position in the text z[n]. */
typedef struct JsonScan {
  const unsigned char *z;
  size_t n;
  size_t i;             /* offset of the next byte to read; never past n */
} JsonScan;

/* One step of a path: a member's name (zKey, nKey, not NUL-terminated) or,
** when zKey is NULL, an array index. */
typedef struct JsonStep {
  const char *zKey;
  size_t nKey;
  int iIdx;
} JsonStep;

/*
** Path steps.
*/

/* Could c stand in a ".key" step? The characters jsonloc_path_key writes
** after a dot; any other name is written in brackets. */
static int jsonloc_is_plain(char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
      || c=='_' || c=='@';
}

/* Read the step at *pz into *pStep and move *pz past it. Returns 1 for a
** step, 0 at the end of the path, -1 when *pz is not a step. A bracketed
** name is taken as jsonloc_path_key writes it, unescaped: it ends at the
** first "] that ends the path or is followed by another step. */
static int jsonloc_step(const char **pz, JsonStep *pStep){
  const char *z = *pz;
  const char *zEnd;
  int iIdx = 0;
  if( z[0]==0 ) return 0;
  if( z[0]=='.' ){
    for(zEnd=z+1; jsonloc_is_plain(*zEnd); zEnd++){}
    if( zEnd==z+1 || (*zEnd && *zEnd!='.' && *zEnd!='[') ) return -1;
    pStep->zKey = z+1;
    pStep->nKey = (size_t)(zEnd-(z+1));
    *pz = zEnd;
    return 1;
  }
  if( z[0]!='[' ) return -1;
  if( z[1]=='"' ){
    for(zEnd=z+2; (zEnd = strstr(zEnd, "\"]"))!=NULL; zEnd++){
      if( zEnd[2]==0 || zEnd[2]=='.' || zEnd[2]=='[' ) break;
    }
    if( zEnd==NULL ) return -1;
    pStep->zKey = z+2;
    pStep->nKey = (size_t)(zEnd-(z+2));
    *pz = zEnd+2;
    return 1;
  }
  for(zEnd=z+1; *zEnd>='0' && *zEnd<='9'; zEnd++){
    if( iIdx>(INT_MAX-(*zEnd-'0'))/10 ) return -1;
    iIdx = iIdx*10 + (*zEnd-'0');
  }
  if( zEnd==z+1 || *zEnd!=']' ) return -1;
  pStep->zKey = NULL;
  pStep->nKey = 0;
  pStep->iIdx = iIdx;
  *pz = zEnd+1;
  return 1;
}

/*
** The scanner.
*/

static void jsonloc_scan_ws(JsonScan *s){
  while( s->i<s->n && (s->z[s->i]==' ' || s->z[s->i]=='\t'
                       || s->z[s->i]=='\n' || s->z[s->i]=='\r') ){
    s->i++;
  }
}

/* Is the next byte c? (False at the end of the text.) */
static int jsonloc_scan_at(const JsonScan *s, unsigned char c){
  return s->i<s->n && s->z[s->i]==c;
}

/* The four hex digits of a \u escape, into *pCp. */
static int jsonloc_scan_hex4(JsonScan *s, unsigned *pCp){
  unsigned cp = 0;
  int k;
  if( s->n-s->i<4 ) return -1;
  for(k=0; k<4; k++){
    unsigned char c = s->z[s->i+k];
    if( c>='0' && c<='9' ) cp = cp*16 + (c-'0');
    else if( c>='a' && c<='f' ) cp = cp*16 + (c-'a'+10);
    else if( c>='A' && c<='F' ) cp = cp*16 + (c-'A'+10);
    else return -1;
  }
  s->i += 4;
  *pCp = cp;
  return 0;
}

/* The escape after a backslash (s->i just past it), decoded as cJSON
** decodes it, into a[] (UTF-8 for a \u escape, a surrogate pair joined).
** Returns the number of bytes, 0 for a lone surrogate (valid JSON that
** cJSON refuses, so a name no path can hold), -1 for a bad escape. */
static int jsonloc_scan_escape(JsonScan *s, unsigned char a[4]){
  unsigned cp, lo;
  size_t iSave;
  if( s->i>=s->n ) return -1;
  switch( s->z[s->i++] ){
    case '"':  a[0] = '"';  return 1;
    case '\\': a[0] = '\\'; return 1;
    case '/':  a[0] = '/';  return 1;
    case 'b':  a[0] = '\b'; return 1;
    case 'f':  a[0] = '\f'; return 1;
    case 'n':  a[0] = '\n'; return 1;
    case 'r':  a[0] = '\r'; return 1;
    case 't':  a[0] = '\t'; return 1;
    case 'u':  break;
    default:   return -1;
  }
  if( jsonloc_scan_hex4(s, &cp) ) return -1;
  if( cp>=0xDC00 && cp<=0xDFFF ) return 0;
  if( cp>=0xD800 && cp<=0xDBFF ){
    /* Only a low surrogate escape completes it; anything else is read
    ** again as what it is. */
    iSave = s->i;
    if( s->n-s->i<2 || s->z[s->i]!='\\' || s->z[s->i+1]!='u' ) return 0;
    s->i += 2;
    if( jsonloc_scan_hex4(s, &lo) ) return -1;
    if( lo<0xDC00 || lo>0xDFFF ){
      s->i = iSave;
      return 0;
    }
    cp = 0x10000 + ((cp-0xD800)<<10) + (lo-0xDC00);
  }
  if( cp<0x80 ){
    a[0] = (unsigned char)cp;
    return 1;
  }
  if( cp<0x800 ){
    a[0] = (unsigned char)(0xC0 | (cp>>6));
    a[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if( cp<0x10000 ){
    a[0] = (unsigned char)(0xE0 | (cp>>12));
    a[1] = (unsigned char)(0x80 | ((cp>>6) & 0x3F));
    a[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  a[0] = (unsigned char)(0xF0 | (cp>>18));
  a[1] = (unsigned char)(0x80 | ((cp>>12) & 0x3F));
  a[2] = (unsigned char)(0x80 | ((cp>>6) & 0x3F));
  a[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* The string at s->i (its opening quote). When pMatch is not NULL, *pMatch
** says whether the string, decoded, is zKey[nKey]. */
static int jsonloc_scan_string(JsonScan *s, const char *zKey, size_t nKey, int *pMatch){
  unsigned char a[4];
  size_t j = 0;                 /* bytes of zKey compared so far */
  int bMatch = 1;
  int nA;
  if( !jsonloc_scan_at(s, '"') ) return -1;
  s->i++;
  for(;;){
    if( s->i>=s->n ) return -1;
    a[0] = s->z[s->i++];
    if( a[0]=='"' ) break;
    if( a[0]<0x20 ) return -1;
    nA = 1;
    if( a[0]=='\\' && (nA = jsonloc_scan_escape(s, a))<0 ) return -1;
    if( nA==0 ) bMatch = 0;
    if( pMatch && bMatch ){
      if( nKey-j<(size_t)nA || memcmp(zKey+j, a, (size_t)nA)!=0 ) bMatch = 0;
      j += (size_t)nA;
    }
  }
  if( pMatch ) *pMatch = bMatch && j==nKey;
  return 0;
}

/* Decimal digits at s->i: how many were read. */
static size_t jsonloc_scan_digits(JsonScan *s){
  size_t iStart = s->i;
  while( s->i<s->n && s->z[s->i]>='0' && s->z[s->i]<='9' ) s->i++;
  return s->i-iStart;
}

static int jsonloc_scan_number(JsonScan *s){
  if( jsonloc_scan_at(s, '-') ) s->i++;
  if( jsonloc_scan_at(s, '0') ){
    s->i++;
  }else if( jsonloc_scan_digits(s)==0 ){
    return -1;
  }
  if( jsonloc_scan_at(s, '.') ){
    s->i++;
    if( jsonloc_scan_digits(s)==0 ) return -1;
  }
  if( jsonloc_scan_at(s, 'e') || jsonloc_scan_at(s, 'E') ){
    s->i++;
    if( jsonloc_scan_at(s, '+') || jsonloc_scan_at(s, '-') ) s->i++;
    if( jsonloc_scan_digits(s)==0 ) return -1;
  }
  return 0;
}

/* true, false or null. */
static int jsonloc_scan_word(JsonScan *s, const char *zWord){
  size_t nWord = strlen(zWord);
  if( s->n-s->i<nWord || memcmp(s->z+s->i, zWord, nWord)!=0 ) return -1;
  s->i += nWord;
  return 0;
}

/* Move to the next element of the array or object (bObj) whose opening
** bracket is at s->i (bFirst) or whose previous element ends at s->i.
** Returns 1 with s->i at the element's value — for an object, after its
** key, which is compared with zKey[nKey] into *pMatch as jsonloc_scan_string
** does — 0 past the closing bracket, -1 on a syntax error. */
static int jsonloc_scan_next(JsonScan *s, int bFirst, int bObj,
                        const char *zKey, size_t nKey, int *pMatch){
  unsigned char cClose = bObj ? '}' : ']';
  if( bFirst ) s->i++;
  jsonloc_scan_ws(s);
  if( jsonloc_scan_at(s, cClose) ){
    s->i++;
    return 0;
  }
  if( !bFirst ){
    if( !jsonloc_scan_at(s, ',') ) return -1;
    s->i++;
    jsonloc_scan_ws(s);
  }
  if( bObj ){
    if( jsonloc_scan_string(s, zKey, nKey, pMatch) ) return -1;
    jsonloc_scan_ws(s);
    if( !jsonloc_scan_at(s, ':') ) return -1;
    s->i++;
    jsonloc_scan_ws(s);
  }
  return 1;
}

static int jsonloc_scan_value(JsonScan *s, int nDepth);

/* The array or object at s->i, nDepth containers deep. */
static int jsonloc_scan_container(JsonScan *s, int nDepth){
  int bObj = s->z[s->i]=='{';
  int rc;
  if( nDepth>=JSONLOC_MAX_DEPTH ) return -1;
  rc = jsonloc_scan_next(s, 1, bObj, NULL, 0, NULL);
  while( rc==1 ){
    if( jsonloc_scan_value(s, nDepth+1) ) return -1;
    rc = jsonloc_scan_next(s, 0, bObj, NULL, 0, NULL);
  }
  return rc;
}

/* Skip the value at s->i (no whitespace before it), nDepth containers
** deep. */
static int jsonloc_scan_value(JsonScan *s, int nDepth){
  if( s->i>=s->n ) return -1;
  switch( s->z[s->i] ){
    case '{': case '[': return jsonloc_scan_container(s, nDepth);
    case '"':           return jsonloc_scan_string(s, NULL, 0, NULL);
    case 't':           return jsonloc_scan_word(s, "true");
    case 'f':           return jsonloc_scan_word(s, "false");
    case 'n':           return jsonloc_scan_word(s, "null");
    default:            return jsonloc_scan_number(s);
  }
}

/* From the value at s->i, nDepth containers deep, to its child that
** pStep names: 0 with s->i at the child's value, 1 when there is no such
** child (s->i is then somewhere inside the value), -1 on a syntax error. */
static int jsonloc_descend(JsonScan *s, const JsonStep *pStep, int nDepth){
  int bObj = pStep->zKey!=NULL;
  int bMatch = 0;
  int iElem = 0;
  int rc;
  if( !jsonloc_scan_at(s, bObj ? '{' : '[') ) return 1;
  rc = jsonloc_scan_next(s, 1, bObj, pStep->zKey, pStep->nKey, &bMatch);
  while( rc==1 ){
    if( bObj ? bMatch : iElem==pStep->iIdx ) return 0;
    if( jsonloc_scan_value(s, nDepth+1) ) return -1;
    iElem++;
    rc = jsonloc_scan_next(s, 0, bObj, pStep->zKey, pStep->nKey, &bMatch);
  }
  return rc==0 ? 1 : -1;
}

/* The line and column of offset iPos in text that begins at z[iBegin]. */
static void jsonloc_line_col(const unsigned char *z, size_t iBegin, size_t iPos,
                             int *pLine, int *pCol){
  int nLine = 1, nCol = 1;
  size_t k;
  for(k=iBegin; k<iPos; k++){
    if( z[k]=='\r' && k+1<iPos && z[k+1]=='\n' ) continue;
    if( z[k]=='\n' || z[k]=='\r' ){
      if( nLine<INT_MAX ) nLine++;
      nCol = 1;
    }else if( nCol<INT_MAX ){
      nCol++;
    }
  }
  *pLine = nLine;
  *pCol = nCol;
}

int jsonloc_locate(const char *z, size_t n, const char *zPath, int *pLine, int *pCol){
  JsonScan s;
  JsonStep step;
  const char *zStep;
  size_t iBegin, iVal;
  int nDepth = 0;
  int rc;
  if( z==NULL || zPath==NULL ) return -1;
  if( zPath[0]=='$' ) zPath++;
  else if( zPath[0]!=0 ) return -1;
  zStep = zPath;
  while( (rc = jsonloc_step(&zStep, &step))==1 ){}
  if( rc<0 ) return -1;

  s.z = (const unsigned char*)z;
  s.n = n;
  s.i = 0;
  if( n>=3 && s.z[0]==0xEF && s.z[1]==0xBB && s.z[2]==0xBF ) s.i = 3;
  iBegin = s.i;
  jsonloc_scan_ws(&s);
  iVal = s.i;
  if( jsonloc_scan_value(&s, 0) ) return -1;
  jsonloc_scan_ws(&s);
  if( s.i!=n ) return -1;

  s.i = iVal;
  while( (rc = jsonloc_step(&zPath, &step))==1 ){
    if( (rc = jsonloc_descend(&s, &step, nDepth))!=0 ) break;
    iVal = s.i;
    nDepth++;
  }
  if( rc<0 ) return -1;
  jsonloc_line_col(s.z, iBegin, iVal, pLine, pCol);
  return rc;
}
