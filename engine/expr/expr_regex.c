/*
** expr_regex.c — .NET-flavoured regular expressions on PCRE2, for Replace
** and for the scoping operators REGEX MATCH / NOT REGEX MATCH.
**
** An ExprRegex owns one compiled pcre2_code. PCRE2 allocates through
** mem_malloc/mem_free (a general context is handed to every compile, and
** match data and match-time heap frames inherit the pattern's allocator),
** so fault injection and leak checks cover it too.
**
** The service runs .NET's System.Text.RegularExpressions with
** RegexOptions.None: case-sensitive, culture-invariant, not anchored
** (Regex.IsMatch searches), '.' matches anything but "\n", '^'/'$' at the
** ends of the text ('$' also before a final "\n"). PCRE2 is compiled to
** match that, and the differences are handled as follows:
**   * Unicode classes: .NET's \d \w \s \b are Unicode-aware; PCRE2 gets
**     PCRE2_UTF|PCRE2_UCP for the same. Invalid UTF-8 in a subject is
**     tolerated (PCRE2_MATCH_INVALID_UTF) rather than an error.
**   * Newline: fixed to LF (PCRE2_NEWLINE_LF), as in .NET, whatever PCRE2's
**     build default.
**   * Named groups: (?<name>...) and (?'name'...) are the same in both.
**     .NET lets a name repeat (one group); PCRE2 needs PCRE2_DUPNAMES and
**     numbers them separately — a reference uses the first that matched.
**     .NET's numeric names (?<3>...) and balancing groups (?<a-b>...),
**     character-class subtraction [a-z-[aeiou]] and unbounded lookbehind
**     are not PCRE2 syntax: they fail to compile (a pattern error) or, for
**     class subtraction, mean something else.
**   * Replacement strings use .NET's syntax, which is not PCRE2's, so the
**     substitution is done here rather than by pcre2_substitute: $n and
**     ${n} (the longest digit prefix naming an existing group, else a
**     literal "$"), ${name}, $$, $&, $` (before the match), $' (after),
**     $+ (last group), $_ (whole input); anything else after '$' is
**     literal. An unmatched group substitutes "".
**   * Empty matches: after an empty match .NET resumes one character
**     later, and after a non-empty one it may match empty right at its
**     end ("aaa" with a* and "-" gives "--", "abc" with x* gives "-a-b-c-").
**     That is what the loop below does (Perl and pcre2_substitute instead
**     retry a non-empty match at the same place).
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>
#include "exprInt.h"
#include "mem.h"

struct ExprRegex {
  pcre2_code *pCode;
};

static void *re_malloc(PCRE2_SIZE n, void *pData){
  (void)pData;
  return mem_malloc(n);
}

static void re_free(void *p, void *pData){
  (void)pData;
  mem_free(p);
}

int expr_regex_compile(const char *zPattern, ExprRegex **pp, TsErr *pErr){
  pcre2_general_context *pGen = NULL;
  pcre2_compile_context *pComp = NULL;
  pcre2_code *pCode = NULL;
  ExprRegex *p = NULL;
  int rc = TS_OK, iErr = 0;
  PCRE2_SIZE iOff = 0;
  *pp = NULL;
  pGen = pcre2_general_context_create(re_malloc, re_free, NULL);
  if( pGen ) pComp = pcre2_compile_context_create(pGen);
  if( pComp==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory compiling a regular expression"); goto free_pcre; }
  pcre2_set_newline(pComp, PCRE2_NEWLINE_LF);
  pCode = pcre2_compile((PCRE2_SPTR)zPattern, PCRE2_ZERO_TERMINATED,
                        PCRE2_UTF|PCRE2_UCP|PCRE2_DUPNAMES|PCRE2_MATCH_INVALID_UTF,
                        &iErr, &iOff, pComp);
  if( pCode==NULL ){
    PCRE2_UCHAR zMsg[256];
    if( iErr==PCRE2_ERROR_HEAP_FAILED ){
      rc = tserr_set(pErr, TS_NOMEM, "out of memory compiling a regular expression");
      goto free_pcre;
    }
    pcre2_get_error_message(iErr, zMsg, sizeof(zMsg));
    rc = tserr_set(pErr, TS_ERR, "character %d: %s", (int)expr_text_char_index(zPattern, iOff) + 1, (const char*)zMsg);
    goto free_pcre;
  }
  p = mem_malloc(sizeof(*p));
  if( p==NULL ){ rc = tserr_set(pErr, TS_NOMEM, "out of memory compiling a regular expression"); goto free_pcre; }
  p->pCode = pCode;
  pCode = NULL;
  *pp = p;
free_pcre:
  pcre2_code_free(pCode);
  pcre2_compile_context_free(pComp);
  pcre2_general_context_free(pGen);
  return rc;
}

void expr_regex_free(ExprRegex *p){
  if( p==NULL ) return;
  pcre2_code_free(p->pCode);
  mem_free(p);
}

/* Run one match from byte iStart. 1 match, 0 none, else a TS_ status. */
static int re_exec(const ExprRegex *p, const char *z, size_t n, size_t iStart,
                   pcre2_match_data *pMd, TsErr *pErr){
  int rc = pcre2_match(p->pCode, (PCRE2_SPTR)z, n, iStart, 0, pMd, NULL);
  if( rc>=0 ) return 1;
  if( rc==PCRE2_ERROR_NOMATCH ) return 0;
  if( rc==PCRE2_ERROR_NOMEMORY ) return tserr_set(pErr, TS_NOMEM, "out of memory matching a regular expression");
  {
    PCRE2_UCHAR zMsg[256];
    pcre2_get_error_message(rc, zMsg, sizeof(zMsg));
    return tserr_set(pErr, TS_ERR, "regular expression match failed: %s", (const char*)zMsg);
  }
}

static pcre2_match_data *re_match_data(const ExprRegex *p, TsErr *pErr){
  pcre2_match_data *pMd = pcre2_match_data_create_from_pattern(p->pCode, NULL);
  if( pMd==NULL ) tserr_set(pErr, TS_NOMEM, "out of memory matching a regular expression");
  return pMd;
}

int expr_regex_search(const ExprRegex *p, const char *zSubject, TsErr *pErr){
  pcre2_match_data *pMd;
  int rc;
  if( zSubject==NULL ) zSubject = "";
  pMd = re_match_data(p, pErr);
  if( pMd==NULL ) return -1;
  rc = re_exec(p, zSubject, strlen(zSubject), 0, pMd, pErr);
  pcre2_match_data_free(pMd);
  if( rc==1 || rc==0 ) return rc;
  return -1;
}

int expr_regex_match(const char *zPattern, const char *zSubject, TsErr *pErr){
  ExprRegex *p = NULL;
  int r;
  if( expr_regex_compile(zPattern, &p, pErr) ) return -1;
  r = expr_regex_search(p, zSubject, pErr);
  expr_regex_free(p);
  return r;
}

int expr_regex_has_group(const ExprRegex *pRe, const char *zGroup){
  int rc = pcre2_substring_number_from_name(pRe->pCode, (PCRE2_SPTR)zGroup);
  return rc>=0 || rc==PCRE2_ERROR_NOUNIQUESUBSTRING;
}

/* Span of group iGroup in the last match: 1 set, 0 unset or no such group. */
static int re_number_span(const ExprRegex *pRe, pcre2_match_data *pMd, uint32_t iGroup,
                          size_t *piStart, size_t *piEnd){
  PCRE2_SIZE *a = pcre2_get_ovector_pointer(pMd);
  uint32_t nCap = 0;
  pcre2_pattern_info(pRe->pCode, PCRE2_INFO_CAPTURECOUNT, &nCap);
  if( iGroup>nCap || iGroup>=pcre2_get_ovector_count(pMd) ) return 0;
  if( a[2*iGroup]==PCRE2_UNSET ) return 0;
  *piStart = a[2*iGroup];
  *piEnd = a[2*iGroup+1];
  return 1;
}

/* Span of the group named zName: 1 set, 0 unset, -1 no such name. With
** duplicate names the first group that took part in the match counts. */
static int re_name_span(const ExprRegex *pRe, pcre2_match_data *pMd, const char *zName,
                        size_t nName, size_t *piStart, size_t *piEnd){
  PCRE2_SPTR pFirst, pLast;
  uint32_t nEntry = 0;
  int rc;
  char zBuf[256];
  if( nName>=sizeof(zBuf) ) return -1;
  memcpy(zBuf, zName, nName);
  zBuf[nName] = 0;
  rc = pcre2_substring_nametable_scan(pRe->pCode, (PCRE2_SPTR)zBuf, &pFirst, &pLast);
  if( rc<0 ) return -1;
  pcre2_pattern_info(pRe->pCode, PCRE2_INFO_NAMEENTRYSIZE, &nEntry);
  for(; pFirst<=pLast; pFirst += nEntry){
    uint32_t iGroup = ((uint32_t)pFirst[0]<<8) | pFirst[1];
    if( re_number_span(pRe, pMd, iGroup, piStart, piEnd) ) return 1;
  }
  return 0;
}

/* Expand a .NET replacement for the current match into pOut. */
static void re_expand(const ExprRegex *pRe, pcre2_match_data *pMd, const char *zSubj,
                      size_t nSubj, const char *zRepl, StrBuf *pOut){
  PCRE2_SIZE *a = pcre2_get_ovector_pointer(pMd);
  uint32_t nCap = 0;
  const char *z = zRepl;
  pcre2_pattern_info(pRe->pCode, PCRE2_INFO_CAPTURECOUNT, &nCap);
  while( *z ){
    const char *zDollar = strchr(z, '$');
    size_t iS = 0, iE = 0;
    int bRef = 0;
    if( zDollar==NULL ){ strbuf_append(pOut, z); break; }
    strbuf_appendn(pOut, z, (size_t)(zDollar - z));
    z = zDollar + 1;
    if( *z=='$' ){ strbuf_appendc(pOut, '$'); z++; continue; }
    if( *z=='&' ){ strbuf_appendn(pOut, zSubj+a[0], a[1]-a[0]); z++; continue; }
    if( *z=='`' ){ strbuf_appendn(pOut, zSubj, a[0]); z++; continue; }
    if( *z=='\'' ){ strbuf_appendn(pOut, zSubj+a[1], nSubj-a[1]); z++; continue; }
    if( *z=='_' ){ strbuf_appendn(pOut, zSubj, nSubj); z++; continue; }
    if( *z=='+' ){
      if( nCap>0 && re_number_span(pRe, pMd, nCap, &iS, &iE) ) strbuf_appendn(pOut, zSubj+iS, iE-iS);
      else if( nCap==0 ) strbuf_appendn(pOut, zSubj+a[0], a[1]-a[0]);
      z++;
      continue;
    }
    if( *z>='0' && *z<='9' ){
      /* The longest digit prefix that names an existing group. */
      uint32_t iNum = 0;
      int k, nBest = 0;
      uint32_t iBest = 0;
      for(k=0; z[k]>='0' && z[k]<='9' && k<9; k++){
        iNum = iNum*10 + (uint32_t)(z[k]-'0');
        if( iNum<=nCap ){ nBest = k+1; iBest = iNum; }
      }
      if( nBest>0 ){
        if( re_number_span(pRe, pMd, iBest, &iS, &iE) ) strbuf_appendn(pOut, zSubj+iS, iE-iS);
        z += nBest;
        continue;
      }
    }else if( *z=='{' ){
      const char *zClose = strchr(z, '}');
      if( zClose && zClose>z+1 ){
        size_t nName = (size_t)(zClose - z - 1), k;
        uint64_t iNum = 0;
        for(k=0; k<nName && z[1+k]>='0' && z[1+k]<='9' && iNum<=nCap; k++){
          iNum = iNum*10 + (uint64_t)(z[1+k]-'0');
        }
        if( k==nName && iNum<=nCap ){
          bRef = 1;
          if( re_number_span(pRe, pMd, (uint32_t)iNum, &iS, &iE) ) strbuf_appendn(pOut, zSubj+iS, iE-iS);
        }else if( z[1]>='0' && z[1]<='9' ){
          /* a number naming no group: literal */
        }else{
          int r = re_name_span(pRe, pMd, z+1, nName, &iS, &iE);
          if( r>=0 ) bRef = 1;
          if( r==1 ) strbuf_appendn(pOut, zSubj+iS, iE-iS);
        }
        if( bRef ){ z = zClose + 1; continue; }
      }
    }
    strbuf_appendc(pOut, '$');
  }
}

/*
** Walk every match of pRe in zSubj (.NET's order, see the head comment),
** calling back for each; text between matches is copied to pOut.
*/
typedef void (*ReOnMatch)(const ExprRegex *pRe, pcre2_match_data *pMd, const char *zSubj,
                          size_t nSubj, const void *pArg, StrBuf *pOut, size_t *piCopied);

static int re_each_match(const ExprRegex *pRe, const char *zSubj, ReOnMatch xOn,
                         const void *pArg, StrBuf *pOut, TsErr *pErr){
  size_t n = strlen(zSubj), iStart = 0, iCopied = 0;
  pcre2_match_data *pMd = re_match_data(pRe, pErr);
  int rc = TS_OK;
  if( pMd==NULL ) return TS_NOMEM;
  strbuf_append(pOut, "");
  while( iStart<=n ){
    PCRE2_SIZE *a;
    int r = re_exec(pRe, zSubj, n, iStart, pMd, pErr);
    if( r==0 ) break;
    if( r!=1 ){ rc = r; goto free_match; }
    a = pcre2_get_ovector_pointer(pMd);
    xOn(pRe, pMd, zSubj, n, pArg, pOut, &iCopied);
    if( a[1]==a[0] ){
      int nChar = 1;
      if( a[1]>=n ) break;
      expr_text_decode(zSubj+a[1], &nChar);
      iStart = a[1] + (size_t)nChar;
    }else{
      iStart = a[1];
    }
  }
  strbuf_appendn(pOut, zSubj+iCopied, n-iCopied);
free_match:
  pcre2_match_data_free(pMd);
  return rc;
}

static void re_on_replace(const ExprRegex *pRe, pcre2_match_data *pMd, const char *zSubj,
                          size_t nSubj, const void *pArg, StrBuf *pOut, size_t *piCopied){
  PCRE2_SIZE *a = pcre2_get_ovector_pointer(pMd);
  strbuf_appendn(pOut, zSubj+*piCopied, a[0]-*piCopied);
  re_expand(pRe, pMd, zSubj, nSubj, (const char*)pArg, pOut);
  *piCopied = a[1];
}

int expr_regex_replace(const ExprRegex *pRe, const char *zSubject, const char *zRepl,
                   StrBuf *pOut, TsErr *pErr){
  return re_each_match(pRe, zSubject, re_on_replace, zRepl, pOut, pErr);
}

typedef struct ReGroupArg { const char *zGroup; const char *zRepl; } ReGroupArg;

static void re_on_group(const ExprRegex *pRe, pcre2_match_data *pMd, const char *zSubj,
                        size_t nSubj, const void *pArg, StrBuf *pOut, size_t *piCopied){
  const ReGroupArg *g = (const ReGroupArg*)pArg;
  size_t iS, iE;
  (void)nSubj;
  if( re_name_span(pRe, pMd, g->zGroup, strlen(g->zGroup), &iS, &iE)==1 && iS>=*piCopied ){
    strbuf_appendn(pOut, zSubj+*piCopied, iS-*piCopied);
    strbuf_append(pOut, g->zRepl);
    *piCopied = iE;
  }
}

int expr_regex_replace_group(const ExprRegex *pRe, const char *zSubject, const char *zGroup,
                         const char *zRepl, StrBuf *pOut, TsErr *pErr){
  ReGroupArg g;
  g.zGroup = zGroup;
  g.zRepl = zRepl;
  return re_each_match(pRe, zSubject, re_on_group, &g, pOut, pErr);
}

int expr_regex_group_capture(const ExprRegex *pRe, const char *zSubject, const char *zGroup,
                         StrBuf *pOut, TsErr *pErr){
  pcre2_match_data *pMd = re_match_data(pRe, pErr);
  size_t iS, iE;
  int r;
  if( pMd==NULL ) return TS_NOMEM;
  strbuf_append(pOut, "");
  r = re_exec(pRe, zSubject, strlen(zSubject), 0, pMd, pErr);
  if( r==1 ){
    if( re_name_span(pRe, pMd, zGroup, strlen(zGroup), &iS, &iE)==1 ){
      strbuf_appendn(pOut, zSubject+iS, iE-iS);
    }
    r = TS_OK;
  }
  pcre2_match_data_free(pMd);
  return r;
}
