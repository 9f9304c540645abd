/*
** pseudonymInt.h — the pseudonymizer's own header, for the pseudonym*.c
** files only (everyone else includes pseudonym.h). It holds the pass's
** context (Pseudo) and the functions its files share:
**
**   pseudonym.c         the API, the pass's steps and the walk over the
**                       document (users to collect, references)
**   pseudonym_users.c   explicit users: registration, identity, rewrite
**   pseudonym_refs.c    one referenced value or key: collect or rewrite
**   pseudonym_unique.c  identifiers that must stay unique
**   pseudonym_names.c   the name lists, persons, employee ids, addresses
**   pseudonym_ctx.c     errors, growth, hash streams, typed member access
**
** Each file calls only the files listed below it (make layers refuses a
** cycle). Every pointer into the document (zTenant, zDomain, zPrefix,
** pUser) points into the working copy pRoot, which the context owns.
*/
#ifndef TS_PSEUDONYMINT_H
#define TS_PSEUDONYMINT_H
#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "hmap.h"
#include "rng.h"
#include "strbuf.h"
#include "tserr.h"

/* Attribute kinds that carry personal data. The first K_SEEN are derived
** from the person; employeeId is derived from its own value. */
enum { K_UPN, K_MAIL, K_NICK, K_DISPLAY, K_GIVEN, K_SURNAME, K_EMPID, K_COUNT };
#define K_SEEN K_EMPID

/* Separator of composite map keys ("tenant<US>key"): keys cannot hold it. */
#define PSEUDO_SEP '\x1f'

typedef struct PseudoPerson {
  char *zId;            /* identity (owned) */
  int iGiven, iSurname; /* indexes into the lists of pseudonym_names.c */
  uint64_t hSuffix;     /* hex suffix source of the local part */
} PseudoPerson;

typedef struct PseudoUser {
  cJSON *pUser;         /* the user object in the working copy */
  const char *zTenant;  /* tenant key (the tree's; tenant keys are kept) */
  const char *zDomain;  /* tenant domain or NULL (kept too) */
  char *zKey;           /* original key (owned copy) */
  int iPerson;          /* index into aPerson, -1 until identified */
} PseudoUser;

typedef struct PseudoPrefix {
  const char *zTenant, *zPrefix;  /* a population's key range (the tree's) */
} PseudoPrefix;

/* What pseudonym_names_format needs of a person. */
typedef struct PseudoName {
  int iGiven, iSurname;
  const char *zLocal;   /* NULL when only names are needed */
} PseudoName;

typedef struct Pseudo {
  uint64_t seed;
  TsErr *pErr;
  int bApply;                 /* 0: collecting (step 1), 1: rewriting (step 4) */
  cJSON *pRoot;               /* the working copy */
  PseudoPerson *aPerson; int nPerson, nPersonAlloc;
  HMap personIdx;             /* identity -> aPerson index */
  char **azLocal;             /* per person: resolved local part */
  PseudoUser *aUser; int nUser, nUserAlloc;
  HMap userIdx;               /* "tenant<US>key" -> aUser index */
  char **azNewKey;            /* per user: resolved key */
  char **azEmp; int nEmp, nEmpAlloc;   /* original employee ids (owned) */
  HMap empIdx;                /* original -> azEmp index */
  char **azNewEmp;            /* per employee id: resolved */
  PseudoPrefix *aPrefix; int nPrefix, nPrefixAlloc;
  HMap aSeen[K_SEEN];         /* original value -> aUser index */
  HMap banned;                /* words of the originals' names, lower case */
} Pseudo;

/* ------------------------------------------------------ pseudonym_ctx.c
** TS_NOMEM with the pass's message (always returns TS_NOMEM). */
int pseudonym_ctx_nomem(Pseudo *p);
/* Make room for element n of *pa (sz-byte elements); TS_NOMEM on failure
** (*pa unchanged then). */
int pseudonym_ctx_grow(Pseudo *p, void **pa, int *pnAlloc, int n, size_t sz);
/* Append the composite map key "zTenant<US>zKey" (errors latch in pOut). */
void pseudonym_ctx_tenant_key(StrBuf *pOut, const char *zTenant, const char *zKey);
/* ASCII lower-casing in place (z may be NULL). */
void pseudonym_ctx_lower(char *z);
/* Seed *r with rng_stream(seed, "zPurpose:zValue") (zValue n bytes);
** TS_NOMEM. */
int pseudonym_ctx_stream(Pseudo *p, Rng *r, const char *zPurpose, const char *zValue, size_t n);
/* Append the top nHex hex digits of h (nHex <= 16). */
void pseudonym_ctx_hex(StrBuf *pOut, uint64_t h, int nHex);
/* The kind (K_*) of attribute zName (may be NULL), or -1 when it is not
** personal data; pseudonym_ctx_kind_name is the inverse. */
int pseudonym_ctx_kind(const char *zName);
const char *pseudonym_ctx_kind_name(int eKind);
/* Set string item pItem to a copy of z (the tree owns it); TS_NOMEM. */
int pseudonym_ctx_set(Pseudo *p, cJSON *pItem, const char *z);
/* Typed members, NULL when absent; TS_ERR naming zPath when of another
** type: a string (or null when bNull), an array; pseudonym_ctx_obj checks
** that pObj itself is an object. */
int pseudonym_ctx_str(Pseudo *p, const cJSON *pObj, const char *zKey, int bNull,
                      const char *zPath, const char **pz);
int pseudonym_ctx_arr(Pseudo *p, const cJSON *pObj, const char *zKey, const char *zPath,
                      cJSON **ppArr);
int pseudonym_ctx_obj(Pseudo *p, const cJSON *pObj, const char *zPath);
/* *piUser = index of the explicit user zKey of tenant zTenant, or -1;
** TS_NOMEM. */
int pseudonym_ctx_user_find(Pseudo *p, const char *zTenant, const char *zKey, int *piUser);
/* The tenant object with key zTenant, or NULL. */
cJSON *pseudonym_ctx_tenant(Pseudo *p, const char *zTenant);
/* Source and target tenant keys of job zJob (NULL when unknown). */
void pseudonym_ctx_job(Pseudo *p, const char *zJob, const char **pzSrc, const char **pzTgt);

/* ---------------------------------------------------- pseudonym_names.c
** Append the identity address z names: a B2B UPN "local_domain#EXT#@..."
** is decoded to "local@domain"; lower-cased. */
void pseudonym_names_addr_identity(const char *z, StrBuf *pOut);
/* Draw the names and suffix of identity zId into *pOut (zId not copied);
** TS_NOMEM. */
int pseudonym_names_draw(Pseudo *p, const char *zId, PseudoPerson *pOut);
/* Ban the words of every collected user's names and addresses (before
** any draw); TS_NOMEM. */
int pseudonym_names_ban(Pseudo *p);
/* The person of identity zId (copied), registered and drawn if new;
** *piPerson = its index. TS_NOMEM. */
int pseudonym_names_person_add(Pseudo *p, const char *zId, int *piPerson);
/* Register original employee id z (copied); TS_NOMEM. */
int pseudonym_names_emp_add(Pseudo *p, const char *z);
/* Append the pseudonym of kind eKind (not K_EMPID) for original z. */
void pseudonym_names_format(int eKind, const char *z, const PseudoName *pName, StrBuf *pOut);
/* What pseudonym_names_format needs of person iPerson. */
void pseudonym_names_of(Pseudo *p, int iPerson, PseudoName *pName);
/* Does original z of kind eKind stay as it is? */
int pseudonym_names_keep(int eKind, const char *z);
/* Append "given.surname." of person pp, lower case. */
void pseudonym_names_base(const PseudoPerson *pp, StrBuf *pOut);
/* Append "<1-199> <Surname> Street" drawn from *r. */
void pseudonym_names_street(Pseudo *p, Rng *r, StrBuf *pOut);

/* ----------------------------------------------------- pseudonym_refs.c
** Collect or rewrite (p->bApply) string item pItem of kind eKind (NULL
** and null are kept; another type is TS_ERR naming zPath). bList 1: a
** "&" clause value, a comma list of values; PSEUDO_LIST_MAIL: a job's
** notification recipients, addresses separated by ";" or "," with blanks
** around them (separators and blanks kept). TS_NOMEM. */
#define PSEUDO_LIST_MAIL 2
int pseudonym_refs_item(Pseudo *p, int eKind, cJSON *pItem, int bList, const char *zPath);
/* A reference to a user key of tenant zTenant (rewritten when applying);
** keys naming no explicit user are kept. TS_ERR, TS_NOMEM. */
int pseudonym_refs_key(Pseudo *p, const char *zTenant, cJSON *pItem, const char *zPath);

/* ---------------------------------------------------- pseudonym_users.c
** Register population pPop's key prefix (if any) for tenant zTenant. */
int pseudonym_users_prefix_add(Pseudo *p, const char *zTenant, cJSON *pPop);
/* Register the users of array pUsers (NULL: none) of tenant zTenant,
** checking the members the pass reads; TS_ERR naming zPath, TS_NOMEM. */
int pseudonym_users_list(Pseudo *p, cJSON *pUsers, const char *zTenant, const char *zPath);
/* Step 2: every user's person, and the seen maps. TS_NOMEM. */
int pseudonym_users_identify(Pseudo *p);
/* Step 4: rewrite user iUser (names, contact details, key, homeUser,
** manager). TS_ERR, TS_NOMEM. */
int pseudonym_users_apply(Pseudo *p, int iUser);
/* Step 4: every tenantId becomes the GUID of the seed and the lower-cased
** original. TS_NOMEM. */
int pseudonym_users_tenant_ids(Pseudo *p);

/* --------------------------------------------------- pseudonym_unique.c
** Step 3: resolve local parts, keys and employee ids into azLocal,
** azNewKey and azNewEmp (allocated here, freed with the context). TS_ERR
** when an original still collides; TS_NOMEM. */
int pseudonym_unique_resolve(Pseudo *p);

#endif
