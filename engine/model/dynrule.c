/*
** dynrule.c — Entra ID dynamic membership rules (see dynrule.h): a
** tokenizer, a recursive-descent parser that builds a small tree, and a
** walk that evaluates the tree for one user. May touch: the attribute
** catalog (attr.h, for the Boolean reading and for suggesting property
** names the resolver accepts), simtime (instants), suggest (the distance
** behind "did you mean"), PCRE2; nothing else.
**
** The grammar, as "Manage rules for dynamic membership groups"
** (MicrosoftDocs/entra-docs, docs/identity/users/groups-dynamic-
** membership.md) documents it, user rules only:
**
**   rule       := direct | or
**   direct     := "Direct" "Reports" "for" STRING        (a rule by itself)
**   or         := and { OR and }
**   and        := not { AND not }
**   not        := NOT not | primary
**   primary    := "(" or ")" | comparison
**   comparison := "user." NAME CMP value
**   value      := STRING | NUMBER | "true" | "false" | "null" | list
**   list       := "[" item { "," item } "]"         item := STRING | NUMBER
**   CMP        := -eq -ne -startsWith -notStartsWith -endsWith -notEndsWith
**                 -contains -notContains -match -notMatch -in -notIn -ge -le
**   OR AND NOT := -or -and -not
**
** The nesting gives the documented precedence, highest first:
** comparisons, -not, -and, -or (-any/-all, documented below -or, apply
** only to multi-valued properties and are refused). So "-not a -and b" is
** "(-not a) -and b", and "a -or b -and c" is "a -or (b -and c)".
**
** Lexical rules. Operators, true/false/null, "user." and the Direct
** Reports words are matched without regard to ASCII case, and an operator
** may be written without its hyphen ("eq", "and": the docs say operators
** work with or without the prefix, and use a bare "or" themselves).
** STRING is "..." or '...'; inside either a backtick escapes the next
** character (`" is a quote, `` a backtick) and '' is one single quote,
** the two escapes the docs give. NUMBER is a bare run that starts with a
** digit (or '-' and a digit) and holds digits, letters and . : + -, so an
** instant such as 2020-06-10T18:13:20Z needs no quotes; it is kept as
** text. Spaces, tabs and line ends separate tokens. The rule may be at
** most DYNRULE_MAX_LEN characters (UTF-8 characters, counted as such).
** Property names go to the resolver as written: the docs call them case
** sensitive yet write user.mailNickName and user.mailNickname, and
** user.employeehiredate, so the resolver decides.
**
** The tree. Every node and string lives in the rule's arena; each -match
** also holds a compiled PCRE2 pattern and its match data, listed on the
** rule so that dynrule_free can release them (they come from PCRE2's own
** allocator, hooked to mem.h).
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "dynrule.h"
#include "arena.h"
#include "attr.h"
#include "mem.h"
#include "simtime.h"
#include "suggest.h"
#include "tslimits.h"

/* The budget of one -match: PCRE2's match limit (calls of its internal
** matching step) and depth limit (nested backtracking points). A user
** value is short; a pattern that needs more than this on one is
** catastrophic backtracking ("^(a+)+$"), and its comparison is false. */
#define DYN_MATCH_LIMIT 100000
#define DYN_DEPTH_LIMIT 10000

/* ---------------------------------------------------------------- tree */

typedef enum DynKind { DN_CMP, DN_AND, DN_OR, DN_NOT } DynKind;
typedef enum DynCmp {
  CMP_EQ, CMP_STARTS, CMP_ENDS, CMP_CONTAINS, CMP_MATCH, CMP_IN, CMP_GE, CMP_LE
} DynCmp;
typedef enum DynVal { VAL_TEXT, VAL_TRUE, VAL_FALSE, VAL_NULL, VAL_LIST } DynVal;

typedef struct DynRegex DynRegex;
struct DynRegex {
  pcre2_code *pCode;
  pcre2_match_data *pMd;   /* made once, reused by every evaluation */
  DynRegex *pNext;         /* the rule's list of patterns */
};

typedef struct DynNode DynNode;
struct DynNode {
  DynKind eKind;
  DynNode *pLeft, *pRight;   /* DN_AND, DN_OR: both; DN_NOT: pLeft */
  /* DN_CMP */
  DynCmp eCmp;
  int bNeg;                  /* -ne, -notStartsWith ...: the negation of eCmp */
  int iAttr;
  DynVal eVal;
  const char *z;             /* the value's text ("true" for VAL_TRUE); NULL for null */
  const char **az;           /* VAL_LIST: the items */
  int nItem;
  SimTime t;                 /* CMP_GE, CMP_LE: the instant */
  DynRegex *pRe;             /* CMP_MATCH */
};

struct DynRule {
  Arena arena;               /* every node and string */
  DynNode *pRoot;
  int *aAttr;                /* distinct attribute ids, first use first (mem.h) */
  int nAttr, nAttrAlloc;
  DynRegex *pRe;             /* every compiled pattern */
  pcre2_match_context *pMatchCtx;   /* the limits; NULL without a -match */
};

/* ---------------------------------------------------------------- text */

/* Values, operators and keywords compare with ASCII case folding: the
** service ignores case, and ASCII folding is locale-free and
** deterministic. Bytes outside ASCII compare exactly. */
static int fold(int c){ return (c>='A' && c<='Z') ? c + ('a'-'A') : c; }
static int is_alpha(int c){ return (c>='A' && c<='Z') || (c>='a' && c<='z'); }
static int is_digit(int c){ return c>='0' && c<='9'; }
static int is_name(int c){ return is_alpha(c) || is_digit(c) || c=='_'; }

static int fold_eqn(const char *a, const char *b, size_t n){
  size_t i;
  for(i=0; i<n; i++){
    if( fold((unsigned char)a[i])!=fold((unsigned char)b[i]) ) return 0;
  }
  return 1;
}

static int fold_eq(const char *a, const char *b){
  size_t n = strlen(a);
  return n==strlen(b) && fold_eqn(a, b, n);
}

/* Is the token text z[0..n-1] the word zWord (any case)? */
static int word_is(const char *z, int n, const char *zWord){
  return (size_t)n==strlen(zWord) && fold_eqn(z, zWord, (size_t)n);
}

static int fold_find(const char *zHay, const char *zNeedle){
  size_t nH = strlen(zHay), nN = strlen(zNeedle), i;
  if( nN>nH ) return 0;
  for(i=0; i+nN<=nH; i++){
    if( fold_eqn(zHay+i, zNeedle, nN) ) return 1;
  }
  return 0;
}

/* Characters (not bytes) of UTF-8 text z[0..n-1]. */
static int char_count(const char *z, size_t n){
  int k = 0;
  size_t i;
  for(i=0; i<n; i++) k += ((unsigned char)z[i] & 0xC0)!=0x80;
  return k;
}

/* ----------------------------------------------------------- operators */

typedef enum OpKind { OPK_CMP, OPK_AND, OPK_OR, OPK_NOT, OPK_MULTI } OpKind;

typedef struct DynOp {
  const char *zName;         /* without the hyphen */
  OpKind eKind;
  DynCmp eCmp;
  int bNeg;
} DynOp;

static const DynOp aOp[] = {
  { "eq",            OPK_CMP,   CMP_EQ,       0 },
  { "ne",            OPK_CMP,   CMP_EQ,       1 },
  { "startsWith",    OPK_CMP,   CMP_STARTS,   0 },
  { "notStartsWith", OPK_CMP,   CMP_STARTS,   1 },
  { "endsWith",      OPK_CMP,   CMP_ENDS,     0 },
  { "notEndsWith",   OPK_CMP,   CMP_ENDS,     1 },
  { "contains",      OPK_CMP,   CMP_CONTAINS, 0 },
  { "notContains",   OPK_CMP,   CMP_CONTAINS, 1 },
  { "match",         OPK_CMP,   CMP_MATCH,    0 },
  { "notMatch",      OPK_CMP,   CMP_MATCH,    1 },
  { "in",            OPK_CMP,   CMP_IN,       0 },
  { "notIn",         OPK_CMP,   CMP_IN,       1 },
  { "ge",            OPK_CMP,   CMP_GE,       0 },
  { "le",            OPK_CMP,   CMP_LE,       0 },
  { "and",           OPK_AND,   CMP_EQ,       0 },
  { "or",            OPK_OR,    CMP_EQ,       0 },
  { "not",           OPK_NOT,   CMP_EQ,       0 },
  { "any",           OPK_MULTI, CMP_EQ,       0 },
  { "all",           OPK_MULTI, CMP_EQ,       0 },
};
#define N_OP ((int)(sizeof(aOp)/sizeof(aOp[0])))

/* Words people write for an operator that edit distance would not find. */
static const struct { const char *zWord, *zOp; } aOpAlias[] = {
  { "equals", "eq" }, { "equal", "eq" }, { "is", "eq" },
  { "notEquals", "ne" }, { "notEqual", "ne" }, { "isNot", "ne" },
  { "like", "match" }, { "notLike", "notMatch" }, { "matches", "match" },
  { "beginsWith", "startsWith" }, { "notBeginsWith", "notStartsWith" },
  { "includes", "contains" }, { "has", "contains" },
};

/* Symbols from other languages, refused with the operator they mean. */
static const struct { const char *zSym, *zOp; } aSymbol[] = {
  { "==", "eq" }, { "!=", "ne" }, { "<>", "ne" }, { ">=", "ge" }, { "<=", "le" },
  { "&&", "and" }, { "||", "or" }, { "=", "eq" }, { "!", "not" },
};

/* The operator named z[0..n-1] (no hyphen, any case), or NULL. */
static const DynOp *op_find(const char *z, int n){
  int i;
  for(i=0; i<N_OP; i++) if( word_is(z, n, aOp[i].zName) ) return &aOp[i];
  return NULL;
}

/* The operator of a kind in mKinds (bits 1<<OpKind) most like the
** unknown word zWord, or NULL when none is close. */
static const char *op_suggest(const char *zWord, unsigned mKinds){
  const char *zBest = NULL;
  int nBest = 3, i;
  if( mKinds & (1u<<OPK_CMP) ){
    for(i=0; i<(int)(sizeof(aOpAlias)/sizeof(aOpAlias[0])); i++){
      if( fold_eq(zWord, aOpAlias[i].zWord) ) return aOpAlias[i].zOp;
    }
  }
  for(i=0; i<N_OP; i++){
    int d;
    if( (mKinds & (1u<<aOp[i].eKind))==0 ) continue;
    d = suggest_distance(zWord, aOp[i].zName);
    if( d<nBest ){ nBest = d; zBest = aOp[i].zName; }
  }
  return zBest;
}

/* ------------------------------------------------------------ properties */

/* Documented user properties tenantsim refuses by design: the
** multi-valued ones (only -any/-all reach into them) and memberOf. */
static const char *const azMulti[] = { "otherMails", "proxyAddresses", "assignedPlans", NULL };

/* Documented single-valued user properties tenantsim does not model, so
** that the message says "not modelled" rather than "unknown". */
static const char *const azUnmodelled[] = {
  "dirSyncEnabled", "facsimileTelephoneNumber", "mobile", "objectId",
  "onPremisesDistinguishedName", "onPremisesSecurityIdentifier",
  "passwordPolicies", "sipProxyAddress", NULL
};

static int list_has(const char *const *az, const char *z){
  int i;
  for(i=0; az[i]; i++) if( fold_eq(az[i], z) ) return 1;
  return 0;
}

/* The catalog name closest to zProp that xResolve accepts, or NULL: a
** suggestion is only offered when following it would compile. */
static const char *prop_suggest(const char *zProp, DynResolve xResolve, void *pCtx){
  const char *zBest = NULL;
  int nBest = 3, i;
  for(i=0; i<A_COUNT; i++){
    const char *zName = attr_info(i)->zName;
    int d = suggest_distance(zProp, zName);
    if( d<nBest && xResolve(pCtx, zName)>=0 ){ nBest = d; zBest = zName; }
  }
  return zBest;
}

/* --------------------------------------------------------------- tokens */

typedef enum TokType {
  TK_EOF, TK_LP, TK_RP, TK_LB, TK_RB, TK_COMMA, TK_STRING, TK_WORD, TK_OP
} TokType;

typedef struct Tok {
  TokType e;
  const char *z;        /* its first byte in the rule */
  int n;                /* its bytes in the rule */
  char *zText;          /* TK_STRING: the value, escapes resolved (arena) */
} Tok;

typedef struct Parse {
  const char *zRule;
  const char *zNext;    /* the byte after the current token */
  Tok t;                /* the current token */
  DynRule *pRule;
  DynResolve xResolve;
  void *pCtx;
  DynError *pErr;
  pcre2_general_context *pGen;   /* PCRE2 on mem.h, made at the first -match */
} Parse;

static int col_of(const Parse *p, const char *z){
  return 1 + char_count(p->zRule, (size_t)(z - p->zRule));
}

/* Fill the error at z; returns TS_ERR. */
static int perr(Parse *p, const char *z, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
static int perr(Parse *p, const char *z, const char *zFmt, ...){
  va_list ap;
  p->pErr->iCol = col_of(p, z);
  va_start(ap, zFmt);
  vsnprintf(p->pErr->zMsg, sizeof(p->pErr->zMsg), zFmt, ap);
  va_end(ap);
  return TS_ERR;
}

static int nomem(Parse *p){
  p->pErr->iCol = 0;
  snprintf(p->pErr->zMsg, sizeof(p->pErr->zMsg), "out of memory compiling a membership rule");
  return TS_NOMEM;
}

/* How a token reads in a message: at most 40 bytes of it, or "the end of
** the rule". */
static const char *tok_show(const Tok *t, char *zBuf, size_t nBuf){
  if( t->e==TK_EOF ) return "the end of the rule";
  snprintf(zBuf, nBuf, "\"%.*s%s\"", t->n>40 ? 40 : t->n, t->z, t->n>40 ? "..." : "");
  return zBuf;
}

/* Read a quoted string starting at the quote z; the value goes to
** pTok->zText. '' is one single quote and a backtick escapes the next
** character, in either kind of quotes. */
static int lex_string(Parse *p, const char *z, Tok *pTok){
  char q = *z, *zOut;
  const char *zIn = z + 1;
  size_t n = 0;
  zOut = arena_alloc(&p->pRule->arena, strlen(zIn) + 1);
  if( zOut==NULL ) return nomem(p);
  for(;;){
    if( *zIn==0 ){
      return perr(p, z, "unterminated string: the %c at column %d is never closed", q, col_of(p, z));
    }
    if( *zIn=='`' && zIn[1] ){ zOut[n++] = zIn[1]; zIn += 2; continue; }
    if( *zIn=='\'' && zIn[1]=='\'' ){ zOut[n++] = '\''; zIn += 2; continue; }
    if( *zIn==q ){ zIn++; break; }
    zOut[n++] = *zIn++;
  }
  zOut[n] = 0;
  pTok->e = TK_STRING;
  pTok->zText = zOut;
  pTok->n = (int)(zIn - z);
  return TS_OK;
}

/* Move to the next token: p->t. */
static int lex(Parse *p){
  const char *z = p->zNext;
  Tok *pTok = &p->t;
  int rc = TS_OK, i;
  while( *z==' ' || *z=='\t' || *z=='\r' || *z=='\n' ) z++;
  memset(pTok, 0, sizeof(*pTok));
  pTok->z = z;
  pTok->n = 1;
  switch( *z ){
    case 0:   pTok->e = TK_EOF; pTok->n = 0; break;
    case '(': pTok->e = TK_LP; break;
    case ')': pTok->e = TK_RP; break;
    case '[': pTok->e = TK_LB; break;
    case ']': pTok->e = TK_RB; break;
    case ',': pTok->e = TK_COMMA; break;
    case '"': case '\'': rc = lex_string(p, z, pTok); break;
    default: {
      const char *zEnd = z;
      if( *z=='-' && is_alpha((unsigned char)z[1]) ){
        for(zEnd=z+1; is_name((unsigned char)*zEnd); zEnd++){}
        pTok->e = TK_OP;
      }else if( is_digit((unsigned char)*z) || (*z=='-' && is_digit((unsigned char)z[1])) ){
        for(zEnd=z+1; is_name((unsigned char)*zEnd) || *zEnd=='.' || *zEnd==':'
                      || *zEnd=='+' || *zEnd=='-'; zEnd++){}
        pTok->e = TK_WORD;
      }else if( is_name((unsigned char)*z) ){
        for(zEnd=z; is_name((unsigned char)*zEnd) || *zEnd=='.'; zEnd++){}
        pTok->e = TK_WORD;
      }else if( (unsigned char)z[0]==0xE2 && (unsigned char)z[1]==0x80
                && ((unsigned char)z[2]==0x93 || (unsigned char)z[2]==0x94) ){
        return perr(p, z, "a dash (%.3s) before an operator: write a hyphen (-)", z);
      }else{
        for(i=0; i<(int)(sizeof(aSymbol)/sizeof(aSymbol[0])); i++){
          size_t n = strlen(aSymbol[i].zSym);
          if( strncmp(z, aSymbol[i].zSym, n)==0 ){
            return perr(p, z, "unexpected \"%s\" (did you mean -%s?)", aSymbol[i].zSym, aSymbol[i].zOp);
          }
        }
        if( *z=='`' ){
          return perr(p, z, "a backtick escapes a character inside quotes only: write the value in double quotes");
        }
        for(i=1; i<4 && ((unsigned char)z[i] & 0xC0)==0x80; i++){}
        return perr(p, z, "unexpected character '%.*s'", ((unsigned char)*z & 0x80) ? i : 1, z);
      }
      pTok->n = (int)(zEnd - z);
      break;
    }
  }
  if( rc==TS_OK ) p->zNext = pTok->z + pTok->n;
  return rc;
}

/* A bare number or instant (NUMBER in the grammar)? */
static int tok_is_number(const Tok *t){
  return t->e==TK_WORD && (is_digit((unsigned char)t->z[0]) || t->z[0]=='-');
}

/* The operator the token names (-eq, or eq without the hyphen), or NULL;
** *pz, *pn (when pz is not NULL) receive its name without the hyphen. */
static const DynOp *tok_op(const Tok *t, const char **pz, int *pn){
  const char *z = t->z;
  int n = t->n;
  if( t->e==TK_OP ){ z++; n--; }
  else if( t->e!=TK_WORD ) return NULL;
  if( pz ){ *pz = z; *pn = n; }
  return op_find(z, n);
}

/* Report the current token where zExpected should be. A hyphenated word,
** or a bare word close to an operator of a kind in mKinds, is reported as
** an unknown operator with the closest one. */
static int unexpected(Parse *p, const char *zExpected, unsigned mKinds){
  const Tok *t = &p->t;
  char zWord[64], zShow[64];
  const char *zSug = NULL;
  if( t->e==TK_OP || (t->e==TK_WORD && is_alpha((unsigned char)t->z[0])
                      && memchr(t->z, '.', (size_t)t->n)==NULL) ){
    int bOp = t->e==TK_OP;
    snprintf(zWord, sizeof(zWord), "%.*s", t->n - bOp, t->z + bOp);
    zSug = op_suggest(zWord, mKinds);
    if( zSug ) return perr(p, t->z, "unknown operator \"%.*s\" (did you mean -%s?)", t->n, t->z, zSug);
    if( bOp ) return perr(p, t->z, "unknown operator \"%.*s\"; expected %s", t->n, t->z, zExpected);
  }
  return perr(p, t->z, "expected %s, found %s", zExpected, tok_show(t, zShow, sizeof(zShow)));
}

#define M_CMP   (1u<<OPK_CMP)
#define M_LOGIC ((1u<<OPK_AND)|(1u<<OPK_OR))

/* ----------------------------------------------------------------- parse */

static int parse_binary(Parse *p, OpKind eKind, DynNode **ppOut);

static DynNode *node_new(Parse *p, DynKind eKind){
  DynNode *pNode = arena_alloc(&p->pRule->arena, sizeof(*pNode));
  if( pNode ) pNode->eKind = eKind;
  return pNode;
}

static char *arena_strndup(Arena *pA, const char *z, size_t n){
  char *zOut = arena_alloc(pA, n + 1);
  if( zOut ){ memcpy(zOut, z, n); zOut[n] = 0; }
  return zOut;
}

/* Record that the rule reads iAttr (each id once, first use first). */
static int use_attr(Parse *p, int iAttr){
  DynRule *pR = p->pRule;
  int i;
  for(i=0; i<pR->nAttr; i++) if( pR->aAttr[i]==iAttr ) return TS_OK;
  if( mem_grow_int((void**)&pR->aAttr, pR->nAttr, &pR->nAttrAlloc, sizeof(int)) ) return nomem(p);
  pR->aAttr[pR->nAttr++] = iAttr;
  return TS_OK;
}

/* "user.<name>" in the current token: resolve it into *piAttr, refusing
** what tenantsim cannot evaluate, and move past it. */
static int parse_property(Parse *p, int *piAttr){
  const Tok *t = &p->t;
  const char *zDot, *zName;
  char zProp[128];
  char zShow[64];
  int iAttr, rc;
  if( t->e!=TK_WORD || tok_is_number(t) ){
    return perr(p, t->z, "expected a user property such as user.department, found %s",
                tok_show(t, zShow, sizeof(zShow)));
  }
  zDot = memchr(t->z, '.', (size_t)t->n);
  if( zDot && word_is(t->z, (int)(zDot - t->z), "device") ){
    return perr(p, t->z, "device rules are not supported: tenantsim's dynamic groups hold users (user.<property>)");
  }
  if( zDot==NULL || !word_is(t->z, (int)(zDot - t->z), "user") ){
    return perr(p, t->z, "expected a user property (user.<property>), found %s",
                tok_show(t, zShow, sizeof(zShow)));
  }
  zName = zDot + 1;
  if( zName>=t->z + t->n || memchr(zName, '.', (size_t)(t->z + t->n - zName)) ){
    return perr(p, zName, "expected a property name after \"user.\"");
  }
  if( t->z + t->n - zName >= (int)sizeof(zProp) ){
    return perr(p, zName, "unknown user property %.*s...", 40, zName);
  }
  snprintf(zProp, sizeof(zProp), "%.*s", (int)(t->z + t->n - zName), zName);
  if( fold_eq(zProp, "memberOf") ){
    return perr(p, zName, "user.memberOf rules are not supported: tenantsim does not evaluate "
                "group membership inside a rule");
  }
  if( list_has(azMulti, zProp) ){
    return perr(p, zName, "user.%s is multi-valued: tenantsim does not evaluate multi-valued "
                "properties (-any, -all)", zProp);
  }
  iAttr = p->xResolve(p->pCtx, zProp);
  if( iAttr<0 ){
    const char *zSug = prop_suggest(zProp, p->xResolve, p->pCtx);
    if( list_has(azUnmodelled, zProp) ){
      return perr(p, zName, "user.%s is a property Entra documents that tenantsim does not model", zProp);
    }
    if( zSug ) return perr(p, zName, "unknown user property %s (did you mean %s?)", zProp, zSug);
    return perr(p, zName, "unknown user property %s", zProp);
  }
  *piAttr = iAttr;
  rc = use_attr(p, iAttr);
  return rc ? rc : lex(p);
}

/* PCRE2's allocator hooks, on mem.h (so failures are injected too). */
static void *pcre_malloc_hook(PCRE2_SIZE n, void *pData){
  (void)pData;
  return mem_malloc(n);
}

static void pcre_free_hook(void *pBlock, void *pData){
  (void)pData;
  mem_free(pBlock);
}

/* Compile the pattern of a -match into pNode (PCRE2 on mem.h, caseless:
** "Regex and string operations aren't case sensitive"). */
static int parse_regex(Parse *p, const Tok *pVal, DynNode *pNode){
  DynRule *pR = p->pRule;
  pcre2_compile_context *pComp = NULL;
  DynRegex *pRe;
  int iErr = 0, rc = TS_OK;
  PCRE2_SIZE iOff = 0;
  if( p->pGen==NULL ){
    p->pGen = pcre2_general_context_create(pcre_malloc_hook, pcre_free_hook, NULL);
    if( p->pGen==NULL ) return nomem(p);
  }
  if( pR->pMatchCtx==NULL ){
    pR->pMatchCtx = pcre2_match_context_create(p->pGen);
    if( pR->pMatchCtx==NULL ) return nomem(p);
    pcre2_set_match_limit(pR->pMatchCtx, DYN_MATCH_LIMIT);
    pcre2_set_depth_limit(pR->pMatchCtx, DYN_DEPTH_LIMIT);
  }
  pRe = arena_alloc(&pR->arena, sizeof(*pRe));
  pComp = pRe ? pcre2_compile_context_create(p->pGen) : NULL;
  if( pComp==NULL ) return nomem(p);
  pcre2_set_newline(pComp, PCRE2_NEWLINE_LF);
  pRe->pCode = pcre2_compile((PCRE2_SPTR)pNode->z, PCRE2_ZERO_TERMINATED,
                             PCRE2_CASELESS|PCRE2_UTF|PCRE2_UCP|PCRE2_MATCH_INVALID_UTF,
                             &iErr, &iOff, pComp);
  pcre2_compile_context_free(pComp);
  if( pRe->pCode==NULL ){
    PCRE2_UCHAR zMsg[160];
    if( iErr==PCRE2_ERROR_HEAP_FAILED ) return nomem(p);
    pcre2_get_error_message(iErr, zMsg, sizeof(zMsg));
    return perr(p, pVal->z, "bad regular expression: %s at character %d of the pattern",
                (const char*)zMsg, char_count(pNode->z, iOff) + 1);
  }
  pRe->pNext = pR->pRe;
  pR->pRe = pRe;
  pRe->pMd = pcre2_match_data_create(1, p->pGen);
  if( pRe->pMd==NULL ) rc = nomem(p);
  pNode->pRe = pRe;
  return rc;
}

/* "[" item { "," item } "]" into pNode (the current token is the "["). */
static int parse_list(Parse *p, DynNode *pNode){
  const char *zOpen = p->t.z;
  const char *azItem[DYNRULE_MAX_LEN/2];
  char zShow[64];
  int n = 0, rc;
  if( (rc = lex(p))!=TS_OK ) return rc;
  for(;;){
    ts_assert( n<(int)(sizeof(azItem)/sizeof(azItem[0])) );  /* each item takes 2 characters */
    if( p->t.e==TK_STRING ){
      azItem[n++] = p->t.zText;
    }else if( tok_is_number(&p->t) ){
      azItem[n] = arena_strndup(&p->pRule->arena, p->t.z, (size_t)p->t.n);
      if( azItem[n++]==NULL ) return nomem(p);
    }else if( p->t.e==TK_RB && n==0 ){
      return perr(p, zOpen, "an empty list: -in and -notIn need at least one value");
    }else if( p->t.e==TK_EOF ){
      return perr(p, zOpen, "unbalanced brackets: the [ at column %d is never closed", col_of(p, zOpen));
    }else{
      return perr(p, p->t.z, "expected a quoted value in the list, found %s", tok_show(&p->t, zShow, sizeof(zShow)));
    }
    if( (rc = lex(p))!=TS_OK ) return rc;
    if( p->t.e==TK_RB ) break;
    if( p->t.e!=TK_COMMA ){
      if( p->t.e==TK_EOF ) return perr(p, zOpen, "unbalanced brackets: the [ at column %d is never closed", col_of(p, zOpen));
      return perr(p, p->t.z, "expected , or ] in the list, found %s", tok_show(&p->t, zShow, sizeof(zShow)));
    }
    if( (rc = lex(p))!=TS_OK ) return rc;
  }
  pNode->eVal = VAL_LIST;
  pNode->nItem = n;
  pNode->az = arena_array(&p->pRule->arena, (size_t)n, sizeof(char*));
  if( pNode->az==NULL ) return nomem(p);
  memcpy(pNode->az, azItem, sizeof(char*)*(size_t)n);
  return lex(p);
}

/* The value after operator pOp (named zOp in the rule), into pNode, with
** the type checks the docs imply: -in takes a list and only -in does;
** true/false/null compare with -eq/-ne only; -ge/-le take an instant. */
static int parse_value(Parse *p, const DynOp *pOp, const char *zOp, int nOp, DynNode *pNode){
  Tok tVal = p->t;
  char zShow[64];
  int rc = TS_OK, bList = pOp->eCmp==CMP_IN;
  if( tVal.e==TK_LB ){
    if( !bList ) return perr(p, tVal.z, "a list [...] goes with -in or -notIn, not -%.*s", nOp, zOp);
    return parse_list(p, pNode);
  }
  if( bList ){
    return perr(p, tVal.z, "-%.*s takes a list in brackets, such as [\"a\",\"b\"]", nOp, zOp);
  }
  if( tVal.e==TK_STRING ){
    pNode->eVal = VAL_TEXT;
    pNode->z = tVal.zText;
  }else if( tok_is_number(&tVal) ){
    pNode->eVal = VAL_TEXT;
    pNode->z = arena_strndup(&p->pRule->arena, tVal.z, (size_t)tVal.n);
    if( pNode->z==NULL ) return nomem(p);
  }else if( tVal.e==TK_WORD && word_is(tVal.z, tVal.n, "true") ){
    pNode->eVal = VAL_TRUE; pNode->z = "true";
  }else if( tVal.e==TK_WORD && word_is(tVal.z, tVal.n, "false") ){
    pNode->eVal = VAL_FALSE; pNode->z = "false";
  }else if( tVal.e==TK_WORD && word_is(tVal.z, tVal.n, "null") ){
    pNode->eVal = VAL_NULL;
  }else if( tVal.e==TK_WORD && word_is(tVal.z, tVal.n, "system.now") ){
    return perr(p, tVal.z, "system.now is not supported: tenantsim evaluates rules without a clock;"
                " compare with a fixed instant such as 2020-06-10T18:13:20Z");
  }else if( tVal.e==TK_WORD ){
    return perr(p, tVal.z, "a text value goes in double quotes: \"%.*s\"", tVal.n, tVal.z);
  }else{
    return perr(p, tVal.z, "expected a value after -%.*s, found %s", nOp, zOp,
                tok_show(&tVal, zShow, sizeof(zShow)));
  }
  if( pNode->eVal!=VAL_TEXT && pOp->eCmp!=CMP_EQ ){
    return perr(p, tVal.z, "-%.*s compares text; %.*s %s", nOp, zOp, tVal.n, tVal.z,
                pNode->eVal==VAL_NULL ? "is tested with -eq or -ne" : "is a Boolean: use -eq or -ne");
  }
  if( pOp->eCmp==CMP_GE || pOp->eCmp==CMP_LE ){
    char zWhy[80];
    if( simtime_parse_instant(pNode->z, &pNode->t, zWhy, sizeof(zWhy)) ){
      return perr(p, tVal.z, "-%.*s compares instants: \"%s\": %s", nOp, zOp, pNode->z, zWhy);
    }
  }
  if( pOp->eCmp==CMP_MATCH ) rc = parse_regex(p, &tVal, pNode);
  return rc ? rc : lex(p);
}

static int parse_comparison(Parse *p, DynNode **ppOut){
  DynNode *pNode;
  const DynOp *pOp;
  const char *zOp = NULL, *zProp = p->t.z;
  char zShow[96];
  int nOp = 0, nProp = p->t.n, rc;
  pNode = node_new(p, DN_CMP);
  if( pNode==NULL ) return nomem(p);
  if( (rc = parse_property(p, &pNode->iAttr))!=TS_OK ) return rc;
  pOp = tok_op(&p->t, &zOp, &nOp);
  if( pOp==NULL ){
    snprintf(zShow, sizeof(zShow), "a comparison operator such as -eq after %.*s", nProp>40 ? 40 : nProp, zProp);
    return unexpected(p, zShow, M_CMP);
  }
  if( pOp->eKind==OPK_MULTI ){
    return perr(p, p->t.z, "-%s applies to a multi-valued property: tenantsim does not "
                "evaluate multi-valued properties", pOp->zName);
  }
  if( pOp->eKind!=OPK_CMP ){
    if( pOp->eKind==OPK_NOT ){
      return perr(p, p->t.z, "-not is not a comparison: to test for a value write -ne null, "
                  "to negate a comparison put -not before it");
    }
    return perr(p, p->t.z, "expected a comparison operator such as -eq after %.*s, found -%s",
                nProp>40 ? 40 : nProp, zProp, pOp->zName);
  }
  pNode->eCmp = pOp->eCmp;
  pNode->bNeg = pOp->bNeg;
  if( (rc = lex(p))!=TS_OK ) return rc;
  if( p->t.e==TK_EOF ) return perr(p, p->t.z, "expected a value after -%.*s", nOp, zOp);
  if( (rc = parse_value(p, pOp, zOp, nOp, pNode))!=TS_OK ) return rc;
  *ppOut = pNode;
  return TS_OK;
}

static int parse_primary(Parse *p, DynNode **ppOut){
  int rc;
  if( p->t.e==TK_LP ){
    const char *zOpen = p->t.z;
    if( (rc = lex(p))!=TS_OK || (rc = parse_binary(p, OPK_OR, ppOut))!=TS_OK ) return rc;
    if( p->t.e!=TK_RP ){
      if( p->t.e==TK_EOF ){
        return perr(p, zOpen, "unbalanced parentheses: the ( at column %d is never closed", col_of(p, zOpen));
      }
      return unexpected(p, "-and, -or or )", M_LOGIC);
    }
    return lex(p);
  }
  if( p->t.e==TK_EOF ) return perr(p, p->t.z, "expected a comparison such as user.department -eq \"Sales\"");
  if( p->t.e==TK_RP ) return perr(p, p->t.z, "expected a comparison before )");
  if( p->t.e==TK_OP && tok_op(&p->t, NULL, NULL)==NULL ){
    return unexpected(p, "a comparison such as user.department -eq \"Sales\"", 1u<<OPK_NOT);
  }
  return parse_comparison(p, ppOut);
}

static int parse_not(Parse *p, DynNode **ppOut){
  const DynOp *pOp = tok_op(&p->t, NULL, NULL);
  if( pOp && pOp->eKind==OPK_NOT ){
    DynNode *pNode = node_new(p, DN_NOT);
    int rc;
    if( pNode==NULL ) return nomem(p);
    if( (rc = lex(p))!=TS_OK || (rc = parse_not(p, &pNode->pLeft))!=TS_OK ) return rc;
    *ppOut = pNode;
    return TS_OK;
  }
  if( pOp && pOp->eKind!=OPK_CMP ){
    return perr(p, p->t.z, "expected a comparison before -%s", pOp->zName);
  }
  return parse_primary(p, ppOut);
}

/* One level of binary operator: and := not { AND not }, or := and { OR and }. */
static int parse_binary(Parse *p, OpKind eKind, DynNode **ppOut){
  int rc = eKind==OPK_OR ? parse_binary(p, OPK_AND, ppOut) : parse_not(p, ppOut);
  for(;;){
    const DynOp *pOp = tok_op(&p->t, NULL, NULL);
    DynNode *pNode;
    if( rc!=TS_OK || pOp==NULL || pOp->eKind!=eKind ) return rc;
    pNode = node_new(p, eKind==OPK_OR ? DN_OR : DN_AND);
    if( pNode==NULL ) return nomem(p);
    pNode->pLeft = *ppOut;
    if( (rc = lex(p))!=TS_OK ) return rc;
    if( p->t.e==TK_EOF ) return perr(p, p->t.z, "expected a comparison after -%s", pOp->zName);
    rc = eKind==OPK_OR ? parse_binary(p, OPK_AND, &pNode->pRight) : parse_not(p, &pNode->pRight);
    *ppOut = pNode;
  }
}

/* Direct Reports for "<manager id>": the documented rule of a manager's
** direct reports, alone in its rule; it is user.manager -eq "<id>". */
static int parse_direct(Parse *p, DynNode **ppOut){
  static const char *const azWord[] = { "reports", "for" };
  DynNode *pNode;
  const char *zStart = p->t.z;
  int rc, iAttr, i;
  for(i=0; i<2; i++){
    if( (rc = lex(p))!=TS_OK ) return rc;
    if( p->t.e!=TK_WORD || !word_is(p->t.z, p->t.n, azWord[i]) ) break;
  }
  if( i==2 && (rc = lex(p))!=TS_OK ) return rc;
  if( i<2 || p->t.e!=TK_STRING ){
    return perr(p, p->t.z, "expected Direct Reports for \"<object id of the manager>\"");
  }
  iAttr = p->xResolve(p->pCtx, "manager");
  if( iAttr<0 ) return perr(p, zStart, "a Direct Reports rule needs the manager property, which is not available");
  pNode = node_new(p, DN_CMP);
  if( pNode==NULL ) return nomem(p);
  pNode->eCmp = CMP_EQ;
  pNode->eVal = VAL_TEXT;
  pNode->iAttr = iAttr;
  pNode->z = p->t.zText;
  if( (rc = use_attr(p, iAttr))!=TS_OK || (rc = lex(p))!=TS_OK ) return rc;
  if( p->t.e!=TK_EOF ) return perr(p, p->t.z, "a Direct Reports rule cannot be combined with other expressions");
  *ppOut = pNode;
  return TS_OK;
}

static int parse_rule(Parse *p){
  DynNode *pRoot = NULL;
  int rc = lex(p);
  if( rc ) return rc;
  if( p->t.e==TK_EOF ) return perr(p, p->t.z, "the rule is empty");
  if( p->t.e==TK_WORD && word_is(p->t.z, p->t.n, "direct") ){
    rc = parse_direct(p, &pRoot);
  }else if( (rc = parse_binary(p, OPK_OR, &pRoot))==TS_OK && p->t.e!=TK_EOF ){
    if( p->t.e==TK_RP ) return perr(p, p->t.z, "unbalanced parentheses: this ) has no (");
    return unexpected(p, "-and or -or between expressions", M_LOGIC);
  }
  p->pRule->pRoot = pRoot;
  return rc;
}

/* ---------------------------------------------------------------- API */

int dynrule_compile(const char *zRule, DynResolve xResolve, void *pCtx,
                    DynRule **ppRule, DynError *pErr){
  Parse sParse;
  DynError sErr;
  int rc, nChar;
  *ppRule = NULL;
  if( pErr==NULL ) pErr = &sErr;
  memset(pErr, 0, sizeof(*pErr));
  memset(&sParse, 0, sizeof(sParse));
  if( zRule==NULL ) zRule = "";
  sParse.zRule = sParse.zNext = zRule;
  sParse.xResolve = xResolve;
  sParse.pCtx = pCtx;
  sParse.pErr = pErr;
  nChar = char_count(zRule, strlen(zRule));
  if( nChar>DYNRULE_MAX_LEN ){
    pErr->iCol = DYNRULE_MAX_LEN + 1;
    snprintf(pErr->zMsg, sizeof(pErr->zMsg), "the rule is %d characters long; at most %d are allowed",
             nChar, DYNRULE_MAX_LEN);
    return TS_ERR;
  }
  sParse.pRule = mem_calloc(1, sizeof(DynRule));
  if( sParse.pRule==NULL ) return nomem(&sParse);
  arena_init(&sParse.pRule->arena);
  rc = parse_rule(&sParse);
  pcre2_general_context_free(sParse.pGen);
  if( rc!=TS_OK ){
    dynrule_free(sParse.pRule);
    return rc;
  }
  *ppRule = sParse.pRule;
  return TS_OK;
}

void dynrule_free(DynRule *p){
  DynRegex *pRe;
  if( p==NULL ) return;
  for(pRe=p->pRe; pRe; pRe=pRe->pNext){
    pcre2_match_data_free(pRe->pMd);
    pcre2_code_free(pRe->pCode);
  }
  pcre2_match_context_free(p->pMatchCtx);
  mem_free(p->aAttr);
  arena_free(&p->arena);
  mem_free(p);
}

/* ------------------------------------------------------------- evaluate */

/* One -match: 1, 0, or -1 when PCRE2 gave up (match limit, memory). */
static int regex_test(const DynRule *pR, const DynRegex *pRe, const char *z){
  int rc = pcre2_match(pRe->pCode, (PCRE2_SPTR)z, strlen(z), 0, 0, pRe->pMd, pR->pMatchCtx);
  if( rc>=0 ) return 1;
  return rc==PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* A comparison for a user whose attribute reads zVal (NULL: unset). An
** unset value and the empty string are the same: null, and "" as text. */
static int cmp_eval(const DynRule *pR, const DynNode *n, const char *zVal){
  const char *z = zVal ? zVal : "";
  size_t nZ = strlen(z), nV;
  int r = 0, i;
  SimTime t;
  switch( n->eCmp ){
    case CMP_EQ:
      switch( n->eVal ){
        case VAL_NULL:  r = nZ==0; break;
        case VAL_TRUE:  r = attr_is_true(z); break;
        case VAL_FALSE: r = fold_eq(z, "false") || strcmp(z, "0")==0; break;
        default:        r = fold_eq(z, n->z); break;
      }
      break;
    case CMP_STARTS:
      nV = strlen(n->z);
      r = nV<=nZ && fold_eqn(z, n->z, nV);
      break;
    case CMP_ENDS:
      nV = strlen(n->z);
      r = nV<=nZ && fold_eqn(z + nZ - nV, n->z, nV);
      break;
    case CMP_CONTAINS:
      r = fold_find(z, n->z);
      break;
    case CMP_IN:
      for(i=0; i<n->nItem && !r; i++) r = fold_eq(z, n->az[i]);
      break;
    case CMP_MATCH:
      r = regex_test(pR, n->pRe, z);
      if( r<0 ) return 0;   /* undecided: neither -match nor -notMatch holds */
      break;
    case CMP_GE:
    case CMP_LE:
      if( simtime_parse_instant(z, &t, NULL, 0) ) return 0;
      r = n->eCmp==CMP_GE ? t>=n->t : t<=n->t;
      break;
  }
  return r ^ n->bNeg;
}

static int node_eval(const DynRule *pR, const DynNode *n, DynGet xGet, void *pCtx){
  switch( n->eKind ){
    case DN_AND: return node_eval(pR, n->pLeft, xGet, pCtx) && node_eval(pR, n->pRight, xGet, pCtx);
    case DN_OR:  return node_eval(pR, n->pLeft, xGet, pCtx) || node_eval(pR, n->pRight, xGet, pCtx);
    case DN_NOT: return !node_eval(pR, n->pLeft, xGet, pCtx);
    default:     return cmp_eval(pR, n, xGet(pCtx, n->iAttr));
  }
}

int dynrule_match(const DynRule *p, DynGet xGet, void *pCtx){
  return p && p->pRoot ? node_eval(p, p->pRoot, xGet, pCtx) : 0;
}

int dynrule_attrs(const DynRule *p, int *aAttr, int nMax){
  int i;
  if( p==NULL ) return 0;
  for(i=0; i<p->nAttr && i<nMax; i++) aAttr[i] = p->aAttr[i];
  return p->nAttr;
}

/* Does n, read with polarity bPos (0 under an odd number of -not), admit
** users whose iAttr is zValue by equality? */
static int node_tests(const DynNode *n, int iAttr, const char *zValue, int bPos){
  int i;
  switch( n->eKind ){
    case DN_AND:
    case DN_OR:
      return node_tests(n->pLeft, iAttr, zValue, bPos) || node_tests(n->pRight, iAttr, zValue, bPos);
    case DN_NOT:
      return node_tests(n->pLeft, iAttr, zValue, !bPos);
    default:
      /* -eq/-in read positively, or -ne/-notIn under an odd number of -not */
      if( n->iAttr!=iAttr || (n->eCmp!=CMP_EQ && n->eCmp!=CMP_IN) || n->bNeg==bPos ) return 0;
      if( n->eVal==VAL_LIST ){
        for(i=0; i<n->nItem; i++) if( fold_eq(n->az[i], zValue) ) return 1;
        return 0;
      }
      return n->z!=NULL && fold_eq(n->z, zValue);
  }
}

int dynrule_tests_value(const DynRule *p, int iAttr, const char *zValue){
  return p && p->pRoot && zValue ? node_tests(p->pRoot, iAttr, zValue, 1) : 0;
}
