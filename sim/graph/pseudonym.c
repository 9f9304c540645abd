/*
** pseudonym.c — seeded pseudonyms for a scenario's personal data (see
** pseudonym.h for what is replaced, what is kept and why).
**
** The pass runs on a copy of the document, in four steps, so that nothing
** depends on the order in which the scenario lists things:
**
**   1. collect  every explicit user (tenants' users and hired users) into
**               aUser, indexed by "tenant<US>key"; every population key
**               prefix; and, walking every reference (filters, "where",
**               "set", expect), every original a pseudonym will be needed
**               for. Malformed input is refused here, before anything is
**               rewritten.
**   2. identify each user's person (pseudonym.h) and draw its names; a
**               person is a pure function of (seed, identity, the words
**               of all original names: a drawn name that is an original
**               one is drawn again). The seen
**               maps remember, per attribute kind, which user held each
**               original value (the user with the smallest identity when
**               several did), so that a filter value can follow the user.
**   3. resolve  identifiers that must be unique — local parts (global),
**               keys (per tenant), employee ids (global) — by visiting the
**               originals in sorted order: each takes its first candidate
**               not yet taken, so the smallest original keeps the plain
**               form and the result depends only on the set of originals.
**   4. apply    rewrite users, tenant ids and references, then swap the
**               copy's members into the caller's root.
**
** Every hash is a stream of sim/rng.c: rng_stream(seed, "purpose:value").
** The purpose prefix keeps the draws for a person, a key suffix, an
** employee id and a tenant id independent even for equal text.
**
** Memory: everything the pass allocates is owned by the Pseudo context and
** released by pseudoFree(); strings of the document are read through
** pointers only until they are rewritten (the user's original key is
** copied because resolution outlives the rewrite of "key").
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tslimits.h"
#include "hmap.h"
#include "mem.h"
#include "pseudonym.h"
#include "rng.h"
#include "strbuf.h"

/* ---------------------------------------------------------------------
** Name lists: varied origins, ASCII letters only (a local part is built
** from them, and keys allow letters, digits, '-', '_' and '.').
*/
static const char *const azGiven[] = {
  "Aaliyah", "Abdul", "Abebe", "Adaeze", "Adebayo", "Adriana", "Agnieszka", "Ahmed",
  "Aiko", "Aisha", "Akira", "Alejandro", "Aleksandr", "Alessia", "Ali", "Amara",
  "Amelie", "Amina", "Anaya", "Anders", "Andrei", "Ane", "Aneesh", "Annika",
  "Anton", "Arjun", "Arnav", "Aroha", "Astrid", "Ayesha", "Aziz", "Babajide",
  "Bao", "Beatriz", "Bilal", "Bjorn", "Bogdan", "Camila", "Caoimhe", "Carlos",
  "Catalina", "Chiara", "Chidi", "Chioma", "Cyrus", "Dagny", "Dalia", "Daniela",
  "Dara", "Darius", "Dawit", "Deepa", "Diego", "Dilnoza", "Dmitri", "Eero",
  "Elena", "Elif", "Emeka", "Emil", "Emre", "Esperanza", "Eszter", "Eun",
  "Farah", "Farid", "Fatima", "Felipe", "Femi", "Fernanda", "Finn", "Freya",
  "Gabriel", "Giulia", "Goran", "Grace", "Gustavo", "Hamza", "Hana", "Hannah",
  "Haruto", "Hassan", "Helga", "Hemi", "Hiroshi", "Hugo", "Ibrahim", "Ifeoma",
  "Ilona", "Ilse", "Imani", "Ines", "Ingrid", "Ioana", "Isabela", "Ishaan",
  "Ivan", "Jabari", "Jae", "Jamal", "Jana", "Javier", "Jelena", "Jia",
  "Joao", "Jonas", "Jorge", "Juana", "Jun", "Kai", "Kaito", "Kalani",
  "Kamala", "Karim", "Kasia", "Kavya", "Keanu", "Kenji", "Khalid", "Kiran",
  "Kofi", "Kwame", "Laila", "Lars", "Leila", "Lena", "Liam", "Lin",
  "Lorenzo", "Luana", "Lucia", "Luis", "Magnus", "Mai", "Malik", "Manon",
  "Marek", "Mariam", "Marisol", "Mateo", "Mateus", "Matteo", "Mehmet", "Mei",
  "Mikael", "Milan", "Mina", "Ming", "Miriam", "Mohammed", "Nadia", "Nalani",
  "Naledi", "Naoko", "Nasser", "Neha", "Nia", "Niamh", "Nikhil", "Nikolai",
  "Noor", "Olga", "Oluwaseun", "Omar", "Oona", "Oskar", "Pablo", "Paolo",
  "Pedro", "Petra", "Pooja", "Priya", "Quentin", "Rafael", "Rahul", "Rangi",
  "Rania", "Ravi", "Reza", "Rosa", "Ruth", "Saanvi", "Sakura", "Salma",
  "Samir", "Sanjay", "Santiago", "Sara", "Sebastian", "Selin", "Seo", "Sergei",
  "Shira", "Sigrid", "Sina", "Sofia", "Soren", "Sunita", "Taiwo", "Takeshi",
  "Tamar", "Tariq", "Tavita", "Tendai", "Teodor", "Thabo", "Tomas", "Uma",
  "Umar", "Valentina", "Vanya", "Vikram", "Wei", "Wiremu", "Xiu", "Xochitl",
  "Yara", "Yasmin", "Yerlan", "Yohannes", "Yousef", "Yuki", "Yusuf", "Zainab",
  "Zanele", "Zara", "Zeynep", "Zhiwei", "Zofia", "Zuri"
};
static const char *const azSurname[] = {
  "Abara", "Abe", "Acheampong", "Achterberg", "Adeyemi", "Afolabi", "Aguilar", "Ahmadi",
  "Akhtar", "Alvarez", "Amoah", "Andersen", "Aoki", "Arslan", "Asante", "Aydin",
  "Bakker", "Balogun", "Banerjee", "Baptiste", "Barros", "Bartos", "Bauer", "Becker",
  "Bergstrom", "Bianchi", "Bondarenko", "Bose", "Castillo", "Cerny", "Chaudhry", "Chen",
  "Cho", "Chukwu", "Costa", "Cruz", "Dahl", "Danso", "Das", "Delacroix",
  "Demir", "Diallo", "Dimitrov", "Dlamini", "Dogan", "Duarte", "Dubois", "Eriksen",
  "Esposito", "Eze", "Farouk", "Fernandes", "Ferrari", "Fischer", "Fofana", "Fonseca",
  "Fujita", "Gallo", "Garcia", "Gebremedhin", "Ghosh", "Gonzalez", "Grigoryan", "Gupta",
  "Haddad", "Haile", "Hakimi", "Halvorsen", "Hansen", "Hashemi", "Herrera", "Hoang",
  "Horvath", "Huang", "Hussain", "Ibrahim", "Ito", "Ivanova", "Iyer", "Jablonski",
  "Jansen", "Jimenez", "Johansson", "Jovanovic", "Kamau", "Kang", "Kapoor", "Karlsson",
  "Kato", "Kaur", "Kealoha", "Keller", "Kelly", "Khan", "Kim", "Kiplagat",
  "Kovac", "Kowalski", "Kuznetsov", "Lambert", "Larsen", "Laurent", "Le", "Leclerc",
  "Lee", "Li", "Lindgren", "Lindqvist", "Lopez", "Lungu", "Mahlangu", "Maki",
  "Makoa", "Malik", "Mancini", "Martins", "Mazur", "Mbeki", "Medina", "Mehta",
  "Mendes", "Mensah", "Meyer", "Moana", "Moreau", "Mori", "Mukherjee", "Musa",
  "Mwangi", "Nair", "Nakamura", "Nakashima", "Nascimento", "Ndlovu", "Ngata", "Nguyen",
  "Nielsen", "Nikolaidis", "Novak", "Novotny", "Nowak", "Nwosu", "Obi", "Odhiambo",
  "Ogunleye", "Okafor", "Okeke", "Olsen", "Omondi", "Ortiz", "Osei", "Oyelaran",
  "Ozturk", "Pachauri", "Papadopoulos", "Park", "Patel", "Pereira", "Petrov", "Pham",
  "Pillai", "Popescu", "Quintero", "Quispe", "Rahman", "Ramirez", "Ramos", "Rao",
  "Rasmussen", "Reyes", "Ribeiro", "Rossi", "Sahin", "Saito", "Salazar", "Sandoval",
  "Santos", "Sato", "Schmidt", "Schneider", "Sharma", "Shevchenko", "Silva", "Singh",
  "Sokolov", "Song", "Sorensen", "Suarez", "Suzuki", "Svensson", "Szabo", "Takahashi",
  "Tan", "Tanaka", "Tapsell", "Torres", "Tran", "Tshabalala", "Tuilagi", "Uchenna",
  "Uddin", "Usman", "Varga", "Vargas", "Vasquez", "Verma", "Virtanen", "Vogel",
  "Volkov", "Wagner", "Walker", "Wang", "Watanabe", "Weber", "Whaanga", "Wojcik",
  "Wu", "Xu", "Yadav", "Yamamoto", "Yang", "Yeo", "Yilmaz", "Yoshida",
  "Zaidi", "Zapata", "Zhang", "Zhao", "Zhou", "Zielinski"
};
#define N_GIVEN   ((uint64_t)(sizeof(azGiven)/sizeof(azGiven[0])))
#define N_SURNAME ((uint64_t)(sizeof(azSurname)/sizeof(azSurname[0])))

/* Attribute kinds that carry personal data. The first K_SEEN are derived
** from the person; employeeId is derived from its own value. */
enum { K_UPN, K_MAIL, K_NICK, K_DISPLAY, K_GIVEN, K_SURNAME, K_EMPID, K_COUNT };
#define K_SEEN K_EMPID
static const char *const azKindAttr[K_COUNT] = {
  "userPrincipalName", "mail", "mailNickname", "displayName", "givenName", "surname",
  "employeeId"
};

/* Separator of composite map keys ("tenant<US>key"): keys cannot hold it. */
#define PSEUDO_SEP '\x1f'

/* Longest hex suffix of a local part (16 = all of hSuffix) and how many
** attempts the resolver makes for keys and employee ids. */
#define PSEUDO_LOCAL_HEX  6
#define PSEUDO_MAX_KEY_TRY 9
#define PSEUDO_MAX_EMP_TRY 64

typedef struct PseudoPerson {
  char *zId;            /* identity (owned) */
  int iGiven, iSurname; /* indexes into azGiven, azSurname */
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

/* What pseudoFormat needs of a person. */
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

/* ---------------------------------------------------------------------
** Small helpers.
*/
static int pseudoNoMem(Pseudo *p){
  return tserr_set(p->pErr, TS_NOMEM, "pseudonymize: out of memory");
}

/* Make room for element n of an array of sz-byte elements. */
static int pseudoGrow(Pseudo *p, void **pa, int *pnAlloc, int n, size_t sz){
  return mem_grow_int(pa, n, pnAlloc, sz) ? pseudoNoMem(p) : TS_OK;
}

/* Append the composite map key "zTenant<US>zKey". */
static void pseudoTenantKey(StrBuf *pOut, const char *zTenant, const char *zKey){
  strbuf_append(pOut, zTenant);
  strbuf_appendc(pOut, PSEUDO_SEP);
  strbuf_append(pOut, zKey);
}

/* ASCII lower-casing in place: UTF-8 bytes above 0x7f are left alone. */
static void pseudoLower(char *z){
  for(; z && *z; z++) if( *z>='A' && *z<='Z' ) *z = (char)(*z - 'A' + 'a');
}

/* rng_stream of seed and "zPurpose:zValue" (zValue n bytes). */
static int pseudoStream(Pseudo *p, Rng *r, const char *zPurpose, const char *zValue, size_t n){
  StrBuf b;
  int rc = TS_OK;
  strbuf_init(&b);
  strbuf_append(&b, zPurpose);
  strbuf_appendc(&b, ':');
  strbuf_appendn(&b, zValue, n);
  if( b.bErr ) rc = pseudoNoMem(p);
  else rng_stream(r, p->seed, strbuf_str(&b));
  strbuf_free(&b);
  return rc;
}

/* Append the top nHex hex digits of h (nHex <= 16). */
static void pseudoHex(StrBuf *pOut, uint64_t h, int nHex){
  static const char aHex[] = "0123456789abcdef";
  int i;
  for(i=0; i<nHex; i++) strbuf_appendc(pOut, aHex[(h >> (60 - 4*i)) & 15]);
}

/* Start of "#EXT#" in z (case-insensitive), or NULL. */
static const char *pseudoFindExt(const char *z){
  for(; *z; z++){
    if( z[0]=='#' && (z[1]|0x20)=='e' && (z[2]|0x20)=='x' && (z[3]|0x20)=='t' && z[4]=='#' ){
      return z;
    }
  }
  return NULL;
}

/* The last '_' before zExt in z (it separates a B2B UPN's home local part
** from its home domain), or NULL. */
static const char *pseudoExtUnderscore(const char *z, const char *zExt){
  const char *zU = NULL;
  for(; z<zExt; z++) if( *z=='_' ) zU = z;
  return zU;
}

/* The identity an address names: a B2B UPN "local_domain#EXT#@..." is
** decoded to "local@domain"; lower-cased. Appended to pOut. */
static void pseudoAddrIdentity(const char *z, StrBuf *pOut){
  const char *zExt = pseudoFindExt(z);
  size_t n0 = pOut->n;
  if( zExt ){
    const char *zU = pseudoExtUnderscore(z, zExt);
    if( zU ){
      strbuf_appendn(pOut, z, (size_t)(zU - z));
      strbuf_appendc(pOut, '@');
      strbuf_appendn(pOut, zU+1, (size_t)(zExt - zU - 1));
    }else{
      strbuf_appendn(pOut, z, (size_t)(zExt - z));
    }
  }else{
    strbuf_append(pOut, z);
  }
  if( !pOut->bErr ) pseudoLower(pOut->z + n0);
}

/* Append address z with its local part replaced by zLocal: the domain (or
** a B2B UPN's "_homedomain#EXT#@target" tail) is kept. */
static void pseudoAddress(const char *z, const char *zLocal, StrBuf *pOut){
  const char *zExt = pseudoFindExt(z);
  strbuf_append(pOut, zLocal);
  if( zExt ){
    const char *zU = pseudoExtUnderscore(z, zExt);
    strbuf_append(pOut, zU ? zU : zExt);
  }else if( strchr(z, '@') ){
    strbuf_append(pOut, strchr(z, '@'));
  }
}

/* The kind of attribute zName, or -1 when it is not personal data. */
static int pseudoKind(const char *zName){
  int i;
  for(i=0; zName && i<K_COUNT; i++) if( strcmp(zName, azKindAttr[i])==0 ) return i;
  return -1;
}

/* Set string item pItem to z (cJSON's allocator, so the tree owns it). */
static int pseudoSet(Pseudo *p, cJSON *pItem, const char *z){
  if( cJSON_SetValuestring(pItem, z)==NULL ) return pseudoNoMem(p);
  return TS_OK;
}

/* Member zKey of object pObj when it is a string; TS_ERR naming zPath when
** it is there but neither a string nor (if bNull) null. */
static int pseudoStr(Pseudo *p, const cJSON *pObj, const char *zKey, int bNull,
                     const char *zPath, const char **pz){
  const cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  *pz = NULL;
  if( c==NULL || (bNull && cJSON_IsNull(c)) ) return TS_OK;
  if( !cJSON_IsString(c) ){
    return tserr_set(p->pErr, TS_ERR, "%s.%s: expected a string%s", zPath, zKey,
                     bNull ? " or null" : "");
  }
  *pz = c->valuestring;
  return TS_OK;
}

/* Member zKey of pObj as an array (NULL when absent); TS_ERR otherwise. */
static int pseudoArr(Pseudo *p, const cJSON *pObj, const char *zKey, const char *zPath,
                     cJSON **ppArr){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pObj, zKey);
  *ppArr = NULL;
  if( c==NULL ) return TS_OK;
  if( !cJSON_IsArray(c) ) return tserr_set(p->pErr, TS_ERR, "%s.%s: expected an array", zPath, zKey);
  *ppArr = c;
  return TS_OK;
}

/* Is pObj an object? TS_ERR naming zPath otherwise. */
static int pseudoObj(Pseudo *p, const cJSON *pObj, const char *zPath){
  if( cJSON_IsObject(pObj) ) return TS_OK;
  return tserr_set(p->pErr, TS_ERR, "%s: expected an object", zPath);
}

/* Index of the explicit user zKey of tenant zTenant, or -1. */
static int pseudoUserFind(Pseudo *p, const char *zTenant, const char *zKey, int *piUser){
  StrBuf b;
  int64_t v = -1;
  strbuf_init(&b);
  pseudoTenantKey(&b, zTenant, zKey);
  if( b.bErr ){ strbuf_free(&b); return pseudoNoMem(p); }
  if( !hmap_get(&p->userIdx, strbuf_str(&b), &v) ) v = -1;
  strbuf_free(&b);
  *piUser = (int)v;
  return TS_OK;
}

/* The tenant object with key zTenant, or NULL. */
static cJSON *pseudoTenant(Pseudo *p, const char *zTenant){
  cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(p->pRoot, "tenants")){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "key"));
    if( z && zTenant && strcmp(z, zTenant)==0 ) return t;
  }
  return NULL;
}

/* Source and target tenant keys of job zJob (NULL when unknown). */
static void pseudoJob(Pseudo *p, const char *zJob, const char **pzSrc, const char **pzTgt){
  cJSON *j;
  *pzSrc = *pzTgt = NULL;
  cJSON_ArrayForEach(j, cJSON_GetObjectItemCaseSensitive(p->pRoot, "jobs")){
    const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "key"));
    if( z && zJob && strcmp(z, zJob)==0 ){
      *pzSrc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "source"));
      *pzTgt = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(j, "target"));
      return;
    }
  }
}

/* ---------------------------------------------------------------------
** Persons and employee ids: registration and drawing.
*/
/* Draw the names and suffix of identity zId (a pure function of seed and
** zId). */
static int pseudoBannedName(const Pseudo *p, const char *zName){
  char zLow[64];
  snprintf(zLow, sizeof(zLow), "%s", zName);
  pseudoLower(zLow);
  return hmap_get(&p->banned, zLow, NULL);
}

/* Draw the names and suffix of identity zId (a pure function of seed, zId
** and the set of original name words): a drawn name that is one of the
** scenario's own names is drawn again, so that no original name appears
** in the result even by chance. */
static int pseudoDraw(Pseudo *p, const char *zId, PseudoPerson *pOut){
  Rng r;
  int rc = pseudoStream(p, &r, "person", zId, strlen(zId)), k;
  if( rc ) return rc;
  for(k=0; k<64; k++){
    pOut->iGiven = (int)rng_below(&r, N_GIVEN);
    if( !pseudoBannedName(p, azGiven[pOut->iGiven]) ) break;
  }
  for(k=0; k<64; k++){
    pOut->iSurname = (int)rng_below(&r, N_SURNAME);
    if( !pseudoBannedName(p, azSurname[pOut->iSurname]) ) break;
  }
  pOut->hSuffix = rng_next(&r);
  return TS_OK;
}

/* Remember every word (letters only, 3 or more) of z as banned. */
static int pseudoBanWords(Pseudo *p, const char *z){
  while( z && *z ){
    char zWord[64];
    size_t n = 0;
    while( *z && !((*z>='a' && *z<='z') || (*z>='A' && *z<='Z')) ) z++;
    while( (*z>='a' && *z<='z') || (*z>='A' && *z<='Z') ){
      if( n+1<sizeof(zWord) ) zWord[n++] = *z;
      z++;
    }
    zWord[n] = 0;
    if( n<3 ) continue;
    pseudoLower(zWord);
    if( hmap_put(&p->banned, zWord, 1) ) return pseudoNoMem(p);
  }
  return TS_OK;
}

/* Ban the words of every user's names and addresses (before any draw). */
static int pseudoBanNames(Pseudo *p){
  static const char *const azAttr[] = {
    "givenName", "surname", "displayName", "userPrincipalName", "mail", "mailNickname", NULL
  };
  int i, k, rc = TS_OK;
  for(i=0; i<p->nUser && rc==TS_OK; i++){
    for(k=0; azAttr[k] && rc==TS_OK; k++){
      const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(p->aUser[i].pUser, azAttr[k]));
      const char *zAt = z ? strchr(z, '@') : NULL;
      char zLocal[256];
      if( z==NULL ) continue;
      if( zAt ){                      /* the domain is kept: only the local part */
        snprintf(zLocal, sizeof(zLocal), "%.*s", (int)(zAt-z), z);
        z = zLocal;
      }
      rc = pseudoBanWords(p, z);
    }
  }
  return rc;
}

/* The person of identity zId, registered if new; index in *piPerson. */
static int pseudoPersonAdd(Pseudo *p, const char *zId, int *piPerson){
  int64_t v;
  PseudoPerson *pp;
  void *a = p->aPerson;
  int rc;
  if( hmap_get(&p->personIdx, zId, &v) ){ *piPerson = (int)v; return TS_OK; }
  rc = pseudoGrow(p, &a, &p->nPersonAlloc, p->nPerson, sizeof(PseudoPerson));
  p->aPerson = a;
  if( rc ) return rc;
  pp = &p->aPerson[p->nPerson];
  if( (rc = pseudoDraw(p, zId, pp))!=TS_OK ) return rc;
  if( (pp->zId = mem_strdup(zId))==NULL ) return pseudoNoMem(p);
  if( hmap_put(&p->personIdx, zId, p->nPerson) ){ mem_free(pp->zId); return pseudoNoMem(p); }
  *piPerson = p->nPerson++;
  return TS_OK;
}

/* Register original employee id z. */
static int pseudoEmpAdd(Pseudo *p, const char *z){
  void *a = p->azEmp;
  int rc;
  if( hmap_get(&p->empIdx, z, NULL) ) return TS_OK;
  rc = pseudoGrow(p, &a, &p->nEmpAlloc, p->nEmp, sizeof(char*));
  p->azEmp = a;
  if( rc ) return rc;
  if( (p->azEmp[p->nEmp] = mem_strdup(z))==NULL ) return pseudoNoMem(p);
  if( hmap_put(&p->empIdx, z, p->nEmp) ){ mem_free(p->azEmp[p->nEmp]); return pseudoNoMem(p); }
  p->nEmp++;
  return TS_OK;
}

/* Append the pseudonym of kind eKind for original z, of the person
** pName (all kinds but employeeId). */
static void pseudoFormat(int eKind, const char *z, const PseudoName *pName, StrBuf *pOut){
  switch( eKind ){
    case K_UPN:
    case K_MAIL:    pseudoAddress(z, pName->zLocal, pOut); break;
    case K_NICK:    strbuf_append(pOut, pName->zLocal); break;
    case K_DISPLAY: strbuf_printf(pOut, "%s %s", azGiven[pName->iGiven],
                                  azSurname[pName->iSurname]); break;
    case K_GIVEN:   strbuf_append(pOut, azGiven[pName->iGiven]); break;
    default:        strbuf_append(pOut, azSurname[pName->iSurname]); break;
  }
}

static void pseudoNameOf(Pseudo *p, int iPerson, PseudoName *pName){
  pName->iGiven = p->aPerson[iPerson].iGiven;
  pName->iSurname = p->aPerson[iPerson].iSurname;
  pName->zLocal = p->azLocal ? p->azLocal[iPerson] : NULL;
}

/* Does original z of kind eKind stay as it is? Empty text and a bare
** domain ("@contoso.com", as an ENDS_WITH clause gives it) hold nothing
** personal. */
static int pseudoKeep(int eKind, const char *z){
  return z[0]==0 || ((eKind==K_UPN || eKind==K_MAIL) && z[0]=='@');
}

/* Collecting: register what the pseudonym of (eKind, z) will need.
** Applying: append that pseudonym to pOut. A value some user held follows
** that user's person; any other value is taken as an identity itself. */
static int pseudoValue(Pseudo *p, int eKind, const char *z, StrBuf *pOut){
  StrBuf key;
  PseudoName name;
  int64_t v;
  int rc = TS_OK, iPerson;
  if( pseudoKeep(eKind, z) ){
    if( p->bApply ) strbuf_append(pOut, z);
    return TS_OK;
  }
  if( eKind==K_EMPID ){
    if( !p->bApply ) return pseudoEmpAdd(p, z);
    if( hmap_get(&p->empIdx, z, &v) ) strbuf_append(pOut, p->azNewEmp[v]);
    return TS_OK;
  }
  strbuf_init(&key);
  if( eKind==K_UPN || eKind==K_MAIL ) pseudoAddrIdentity(z, &key);
  else{ strbuf_append(&key, z); if( !key.bErr ) pseudoLower(key.z); }
  if( key.bErr ){ rc = pseudoNoMem(p); goto out; }
  if( hmap_get(&p->aSeen[eKind], eKind<=K_MAIL ? strbuf_str(&key) : z, &v) ){
    if( p->bApply ){
      pseudoNameOf(p, p->aUser[v].iPerson, &name);
      pseudoFormat(eKind, z, &name, pOut);
    }
  }else if( eKind<=K_NICK ){
    /* An identifier: its local part must join the uniqueness resolution,
    ** so it is registered while collecting and only looked up after. */
    if( !p->bApply ){
      rc = pseudoPersonAdd(p, strbuf_str(&key), &iPerson);
    }else if( hmap_get(&p->personIdx, strbuf_str(&key), &v) ){
      pseudoNameOf(p, (int)v, &name);
      pseudoFormat(eKind, z, &name, pOut);
    }else{
      rc = tserr_set(p->pErr, TS_ERR, "pseudonymize: internal error: \"%s\" was not collected", z);
    }
  }else if( p->bApply ){
    PseudoPerson draw;
    rc = pseudoDraw(p, strbuf_str(&key), &draw);
    name.iGiven = draw.iGiven;
    name.iSurname = draw.iSurname;
    name.zLocal = NULL;
    if( rc==TS_OK ) pseudoFormat(eKind, z, &name, pOut);
  }
out:
  strbuf_free(&key);
  return rc;
}

/* pseudoValue on string item pItem (null is kept; anything else is
** refused). bList: a "&" clause value, a comma list of values. */
static int pseudoItem(Pseudo *p, int eKind, cJSON *pItem, int bList, const char *zPath){
  StrBuf out, one;
  const char *z;
  int rc = TS_OK;
  if( pItem==NULL || cJSON_IsNull(pItem) ) return TS_OK;
  if( !cJSON_IsString(pItem) ) return tserr_set(p->pErr, TS_ERR, "%s: expected a string or null", zPath);
  strbuf_init(&out);
  strbuf_init(&one);
  z = pItem->valuestring;
  while( rc==TS_OK ){
    size_t n = bList ? strcspn(z, ",") : strlen(z);
    strbuf_reset(&one);
    strbuf_appendn(&one, z, n);
    if( one.bErr ){ rc = pseudoNoMem(p); break; }
    rc = pseudoValue(p, eKind, strbuf_str(&one), &out);
    if( z[n]==0 ) break;
    strbuf_appendc(&out, ',');
    z += n+1;
  }
  if( rc==TS_OK && p->bApply ){
    if( out.bErr ) rc = pseudoNoMem(p);
    else rc = pseudoSet(p, pItem, strbuf_str(&out));
  }
  strbuf_free(&one);
  strbuf_free(&out);
  return rc;
}

/* A reference to a user key of tenant zTenant. Keys naming no explicit
** user (generated population keys) are kept. */
static int pseudoKeyRef(Pseudo *p, const char *zTenant, cJSON *pItem, const char *zPath){
  int rc, iUser;
  if( pItem==NULL || cJSON_IsNull(pItem) ) return TS_OK;
  if( !cJSON_IsString(pItem) ) return tserr_set(p->pErr, TS_ERR, "%s: expected a user key", zPath);
  if( !p->bApply || zTenant==NULL ) return TS_OK;
  rc = pseudoUserFind(p, zTenant, pItem->valuestring, &iUser);
  if( rc==TS_OK && iUser>=0 ) rc = pseudoSet(p, pItem, p->azNewKey[iUser]);
  return rc;
}

/* ---------------------------------------------------------------------
** Walking the references: filters, attribute objects, key lists. The same
** walk collects (step 1) and rewrites (step 4).
*/
/* Scoping filter groups pFilters (an array, or NULL). */
static int pseudoFilters(Pseudo *p, cJSON *pFilters, const char *zPath){
  cJSON *g, *c, *pClauses;
  char zG[256], zC[320];
  int rc = TS_OK, i = 0, k;
  if( pFilters==NULL ) return TS_OK;
  if( !cJSON_IsArray(pFilters) ) return tserr_set(p->pErr, TS_ERR, "%s: expected an array", zPath);
  cJSON_ArrayForEach(g, pFilters){
    snprintf(zG, sizeof(zG), "%s[%d]", zPath, i++);
    if( (rc = pseudoObj(p, g, zG))!=TS_OK ) return rc;
    if( (rc = pseudoArr(p, g, "clauses", zG, &pClauses))!=TS_OK ) return rc;
    k = 0;
    cJSON_ArrayForEach(c, pClauses){
      const char *zAttr, *zOp;
      snprintf(zC, sizeof(zC), "%s.clauses[%d]", zG, k++);
      if( (rc = pseudoObj(p, c, zC))!=TS_OK ) return rc;
      if( (rc = pseudoStr(p, c, "attribute", 0, zC, &zAttr))!=TS_OK ) return rc;
      if( (rc = pseudoStr(p, c, "operator", 0, zC, &zOp))!=TS_OK ) return rc;
      if( pseudoKind(zAttr)<0 ) continue;
      /* A pattern cannot be rewritten reliably: kept (pseudonym.h). */
      if( zOp && strstr(zOp, "REGEX") ) continue;
      strncat(zC, ".value", sizeof(zC) - strlen(zC) - 1);
      rc = pseudoItem(p, pseudoKind(zAttr), cJSON_GetObjectItemCaseSensitive(c, "value"),
                      zOp && (strcmp(zOp, "&")==0 || strcmp(zOp, "!&")==0), zC);
      if( rc ) return rc;
    }
  }
  return rc;
}

/* An object of attribute -> value ("set", "where"); a "manager" in it is a
** key of zManagerTenant. */
static int pseudoAttrs(Pseudo *p, cJSON *pObj, const char *zManagerTenant, const char *zPath){
  cJSON *c;
  char zSub[320];
  int rc = TS_OK;
  if( pObj==NULL ) return TS_OK;
  if( (rc = pseudoObj(p, pObj, zPath))!=TS_OK ) return rc;
  for(c=pObj->child; c && rc==TS_OK; c=c->next){
    snprintf(zSub, sizeof(zSub), "%s.%s", zPath, c->string);
    if( pseudoKind(c->string)>=0 ) rc = pseudoItem(p, pseudoKind(c->string), c, 0, zSub);
    else if( strcmp(c->string, "manager")==0 ) rc = pseudoKeyRef(p, zManagerTenant, c, zSub);
  }
  return rc;
}

/* A list of user keys of zTenant ("users" of a timeline action); the
** user objects of a hire are users, handled with the tenants' users. */
static int pseudoKeyList(Pseudo *p, const char *zTenant, cJSON *pList, const char *zPath){
  cJSON *c;
  char zSub[320];
  int rc = TS_OK, i = 0;
  cJSON_ArrayForEach(c, pList){
    snprintf(zSub, sizeof(zSub), "%s[%d]", zPath, i++);
    if( cJSON_IsObject(c) ) continue;
    if( (rc = pseudoKeyRef(p, zTenant, c, zSub))!=TS_OK ) break;
  }
  return rc;
}

/* One timeline entry. Its users belong to "tenant", else to the job's
** source; a target_update's "set" edits target users. */
static int pseudoAction(Pseudo *p, cJSON *a, const char *zPath){
  const char *zAction, *zTenant, *zJob, *zSrc, *zTgt;
  cJSON *pList, *pSample;
  char zSub[300];
  int rc;
  if( (rc = pseudoObj(p, a, zPath))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, a, "action", 0, zPath, &zAction))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, a, "tenant", 0, zPath, &zTenant))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, a, "job", 0, zPath, &zJob))!=TS_OK ) return rc;
  pseudoJob(p, zJob, &zSrc, &zTgt);
  if( zTenant==NULL ) zTenant = zSrc;
  if( (rc = pseudoArr(p, a, "users", zPath, &pList))!=TS_OK ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.users", zPath);
  if( (rc = pseudoKeyList(p, zTenant, pList, zSub))!=TS_OK ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.user", zPath);
  rc = pseudoKeyRef(p, zTenant, cJSON_GetObjectItemCaseSensitive(a, "user"), zSub);
  if( rc ) return rc;
  pSample = cJSON_GetObjectItemCaseSensitive(a, "sample");
  if( cJSON_IsObject(pSample) ){
    snprintf(zSub, sizeof(zSub), "%s.sample.where", zPath);
    rc = pseudoAttrs(p, cJSON_GetObjectItemCaseSensitive(pSample, "where"), zTenant, zSub);
    if( rc ) return rc;
  }
  snprintf(zSub, sizeof(zSub), "%s.set", zPath);
  rc = pseudoAttrs(p, cJSON_GetObjectItemCaseSensitive(a, "set"),
                   zAction && strcmp(zAction, "target_update")==0 ? zTgt : zTenant, zSub);
  if( rc ) return rc;
  snprintf(zSub, sizeof(zSub), "%s.scopingFilters", zPath);
  return pseudoFilters(p, cJSON_GetObjectItemCaseSensitive(a, "scopingFilters"), zSub);
}

/* One instant expectation (metric strings name no user). */
static int pseudoExpect(Pseudo *p, cJSON *e, const char *zPath){
  const char *zJob, *zSrc, *zTgt, *zAttr;
  char zSub[300];
  int rc;
  if( !cJSON_IsObject(e) ) return TS_OK;
  if( (rc = pseudoStr(p, e, "job", 0, zPath, &zJob))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, e, "attribute", 0, zPath, &zAttr))!=TS_OK ) return rc;
  pseudoJob(p, zJob, &zSrc, &zTgt);
  snprintf(zSub, sizeof(zSub), "%s.user", zPath);
  if( (rc = pseudoKeyRef(p, zSrc, cJSON_GetObjectItemCaseSensitive(e, "user"), zSub))!=TS_OK ){
    return rc;
  }
  if( pseudoKind(zAttr)<0 ) return TS_OK;
  snprintf(zSub, sizeof(zSub), "%s.equals", zPath);
  return pseudoItem(p, pseudoKind(zAttr), cJSON_GetObjectItemCaseSensitive(e, "equals"), 0, zSub);
}

/* Every reference outside the users themselves. */
static int pseudoRefs(Pseudo *p){
  cJSON *pArr, *c;
  char zPath[64], zSub[128];
  int rc, i;
  if( (rc = pseudoArr(p, p->pRoot, "jobs", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    const char *zSrc;
    cJSON *pAssign, *pUsers = NULL;
    snprintf(zPath, sizeof(zPath), "jobs[%d]", i++);
    if( (rc = pseudoObj(p, c, zPath))!=TS_OK ) return rc;
    if( (rc = pseudoStr(p, c, "source", 0, zPath, &zSrc))!=TS_OK ) return rc;
    pAssign = cJSON_GetObjectItemCaseSensitive(c, "assignments");
    snprintf(zSub, sizeof(zSub), "%s.assignments", zPath);
    if( pAssign && (rc = pseudoObj(p, pAssign, zSub))!=TS_OK ) return rc;
    if( pAssign && (rc = pseudoArr(p, pAssign, "users", zSub, &pUsers))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.assignments.users", zPath);
    if( (rc = pseudoKeyList(p, zSrc, pUsers, zSub))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.scopingFilters", zPath);
    rc = pseudoFilters(p, cJSON_GetObjectItemCaseSensitive(c, "scopingFilters"), zSub);
    if( rc ) return rc;
  }
  if( (rc = pseudoArr(p, p->pRoot, "timeline", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "timeline[%d]", i++);
    if( (rc = pseudoAction(p, c, zPath))!=TS_OK ) return rc;
  }
  if( (rc = pseudoArr(p, p->pRoot, "expect", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "expect[%d]", i++);
    if( (rc = pseudoExpect(p, c, zPath))!=TS_OK ) return rc;
  }
  return TS_OK;
}

/* ---------------------------------------------------------------------
** Step 1: users and population prefixes.
*/
static int pseudoPrefixAdd(Pseudo *p, const char *zTenant, cJSON *pPop){
  const char *z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pPop, "keyPrefix"));
  void *a = p->aPrefix;
  int rc;
  if( z==NULL || zTenant==NULL ) return TS_OK;
  rc = pseudoGrow(p, &a, &p->nPrefixAlloc, p->nPrefix, sizeof(PseudoPrefix));
  p->aPrefix = a;
  if( rc ) return rc;
  p->aPrefix[p->nPrefix].zTenant = zTenant;
  p->aPrefix[p->nPrefix++].zPrefix = z;
  return TS_OK;
}

/* Register explicit user pUser of tenant zTenant, checking the members
** the pass reads or rewrites. */
static int pseudoUserAdd(Pseudo *p, cJSON *pUser, const char *zTenant, const char *zDomain,
                         const char *zPath){
  PseudoUser *u;
  const char *zKey, *z;
  StrBuf b;
  void *a = p->aUser;
  int rc, i;
  if( (rc = pseudoObj(p, pUser, zPath))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, pUser, "key", 0, zPath, &zKey))!=TS_OK ) return rc;
  if( zKey==NULL ) return tserr_set(p->pErr, TS_ERR, "%s.key: missing", zPath);
  for(i=0; i<K_COUNT; i++){
    if( (rc = pseudoStr(p, pUser, azKindAttr[i], 1, zPath, &z))!=TS_OK ) return rc;
  }
  if( (rc = pseudoStr(p, pUser, "homeUser", 0, zPath, &z))!=TS_OK ) return rc;
  if( (rc = pseudoStr(p, pUser, "manager", 1, zPath, &z))!=TS_OK ) return rc;
  rc = pseudoGrow(p, &a, &p->nUserAlloc, p->nUser, sizeof(PseudoUser));
  p->aUser = a;
  if( rc ) return rc;
  strbuf_init(&b);
  pseudoTenantKey(&b, zTenant, zKey);
  if( b.bErr ){ rc = pseudoNoMem(p); goto out; }
  if( hmap_get(&p->userIdx, strbuf_str(&b), NULL) ){
    rc = tserr_set(p->pErr, TS_ERR, "%s.key: user key \"%s\" is used twice in tenant %s",
                   zPath, zKey, zTenant);
    goto out;
  }
  u = &p->aUser[p->nUser];
  memset(u, 0, sizeof(*u));
  u->pUser = pUser;
  u->zTenant = zTenant;
  u->zDomain = zDomain;
  u->iPerson = -1;
  if( (u->zKey = mem_strdup(zKey))==NULL ){ rc = pseudoNoMem(p); goto out; }
  if( hmap_put(&p->userIdx, strbuf_str(&b), p->nUser) ){
    mem_free(u->zKey);
    rc = pseudoNoMem(p);
    goto out;
  }
  p->nUser++;
out:
  strbuf_free(&b);
  return rc;
}

/* The users of array pUsers (NULL: none) of tenant zTenant. */
static int pseudoUserList(Pseudo *p, cJSON *pUsers, const char *zTenant, const char *zPath){
  cJSON *t = pseudoTenant(p, zTenant), *c;
  const char *zDomain = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(t, "domain"));
  char zSub[300];
  int rc = TS_OK, i = 0;
  cJSON_ArrayForEach(c, pUsers){
    snprintf(zSub, sizeof(zSub), "%s[%d]", zPath, i++);
    if( (rc = pseudoUserAdd(p, c, zTenant, zDomain, zSub))!=TS_OK ) break;
  }
  return rc;
}

static int pseudoCollectUsers(Pseudo *p){
  cJSON *pArr, *c, *pList, *q;
  char zPath[64], zSub[96];
  const char *zTenant, *z;
  int rc, i;
  if( (rc = pseudoArr(p, p->pRoot, "tenants", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "tenants[%d]", i++);
    if( (rc = pseudoObj(p, c, zPath))!=TS_OK ) return rc;
    if( (rc = pseudoStr(p, c, "key", 0, zPath, &zTenant))!=TS_OK ) return rc;
    if( zTenant==NULL ) return tserr_set(p->pErr, TS_ERR, "%s.key: missing", zPath);
    if( (rc = pseudoStr(p, c, "tenantId", 1, zPath, &z))!=TS_OK ) return rc;
    if( (rc = pseudoArr(p, c, "users", zPath, &pList))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.users", zPath);
    if( (rc = pseudoUserList(p, pList, zTenant, zSub))!=TS_OK ) return rc;
    if( (rc = pseudoArr(p, c, "populations", zPath, &pList))!=TS_OK ) return rc;
    cJSON_ArrayForEach(q, pList){
      if( (rc = pseudoPrefixAdd(p, zTenant, q))!=TS_OK ) return rc;
    }
  }
  if( (rc = pseudoArr(p, p->pRoot, "timeline", "$", &pArr))!=TS_OK ) return rc;
  i = 0;
  cJSON_ArrayForEach(c, pArr){
    snprintf(zPath, sizeof(zPath), "timeline[%d]", i++);
    z = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "action"));
    zTenant = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "tenant"));
    if( z==NULL || strcmp(z, "hire")!=0 || zTenant==NULL ) continue;
    if( (rc = pseudoArr(p, c, "users", zPath, &pList))!=TS_OK ) return rc;
    snprintf(zSub, sizeof(zSub), "%s.users", zPath);
    if( (rc = pseudoUserList(p, pList, zTenant, zSub))!=TS_OK ) return rc;
    q = cJSON_GetObjectItemCaseSensitive(c, "population");
    if( q && (rc = pseudoPrefixAdd(p, zTenant, q))!=TS_OK ) return rc;
  }
  return TS_OK;
}

/* ---------------------------------------------------------------------
** Step 2: persons and the seen maps.
*/
/* Append user iUser's identity (pseudonym.h); B2B users follow homeUser,
** at most a few hops (a home may itself be a B2B user elsewhere). */
static int pseudoIdentity(Pseudo *p, int iUser, int nHop, StrBuf *pOut){
  cJSON *pUser = p->aUser[iUser].pUser;
  const char *zHome = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "homeUser"));
  const char *zUpn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "userPrincipalName"));
  const char *zMail = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(pUser, "mail"));
  const char *zColon = zHome ? strchr(zHome, ':') : NULL;
  size_t n0 = pOut->n;
  if( zColon && nHop<8 ){
    StrBuf t;
    int rc, iHome = -1;
    strbuf_init(&t);
    strbuf_appendn(&t, zHome, (size_t)(zColon - zHome));
    rc = t.bErr ? pseudoNoMem(p) : pseudoUserFind(p, strbuf_str(&t), zColon+1, &iHome);
    strbuf_free(&t);
    if( rc ) return rc;
    if( iHome>=0 ) return pseudoIdentity(p, iHome, nHop+1, pOut);
  }
  if( zUpn && zUpn[0] ){
    pseudoAddrIdentity(zUpn, pOut);
  }else if( cJSON_GetObjectItemCaseSensitive(pUser, "invitation") && zMail && zMail[0] ){
    pseudoAddrIdentity(zMail, pOut);
  }else{
    strbuf_append(pOut, p->aUser[iUser].zKey);
    if( p->aUser[iUser].zDomain ){
      strbuf_appendc(pOut, '@');
      strbuf_append(pOut, p->aUser[iUser].zDomain);
    }
    if( !pOut->bErr ) pseudoLower(pOut->z + n0);
  }
  return pOut->bErr ? pseudoNoMem(p) : TS_OK;
}

/* Remember that user iUser held value z of kind eKind; of several users,
** the one with the smallest identity wins, whatever their order. */
static int pseudoSeen(Pseudo *p, int eKind, const char *z, int iUser){
  StrBuf key;
  int64_t v;
  int rc = TS_OK;
  if( pseudoKeep(eKind, z) ) return TS_OK;
  strbuf_init(&key);
  if( eKind==K_UPN || eKind==K_MAIL ) pseudoAddrIdentity(z, &key);
  else strbuf_append(&key, z);
  if( key.bErr ){ rc = pseudoNoMem(p); goto out; }
  if( hmap_get(&p->aSeen[eKind], strbuf_str(&key), &v)
   && strcmp(p->aPerson[p->aUser[v].iPerson].zId, p->aPerson[p->aUser[iUser].iPerson].zId)<=0 ){
    goto out;
  }
  if( hmap_put(&p->aSeen[eKind], strbuf_str(&key), iUser) ) rc = pseudoNoMem(p);
out:
  strbuf_free(&key);
  return rc;
}

static int pseudoIdentify(Pseudo *p){
  StrBuf id;
  int rc = TS_OK, i, k;
  strbuf_init(&id);
  for(i=0; i<p->nUser && rc==TS_OK; i++){
    strbuf_reset(&id);
    if( (rc = pseudoIdentity(p, i, 0, &id))!=TS_OK ) break;
    rc = pseudoPersonAdd(p, strbuf_str(&id), &p->aUser[i].iPerson);
  }
  for(i=0; i<p->nUser && rc==TS_OK; i++){
    for(k=0; k<K_COUNT && rc==TS_OK; k++){
      const char *z = cJSON_GetStringValue(
          cJSON_GetObjectItemCaseSensitive(p->aUser[i].pUser, azKindAttr[k]));
      if( z==NULL ) continue;
      rc = k==K_EMPID ? (pseudoKeep(k, z) ? TS_OK : pseudoEmpAdd(p, z)) : pseudoSeen(p, k, z, i);
    }
  }
  strbuf_free(&id);
  return rc;
}

/* ---------------------------------------------------------------------
** Step 3: unique identifiers. pseudoResolve visits the items sorted by
** (scope, original) and gives each its first candidate not yet taken in
** its scope; xCand writes candidate k of item i, or says to skip it or
** that there are no more.
*/
#define CAND_OK   0
#define CAND_SKIP 1
#define CAND_END  2

typedef struct PseudoItem {
  const char *zScope;   /* uniqueness scope, "" for the whole scenario */
  const char *zOrig;    /* the original; with the scope, the sort order */
  int i;                /* the caller's index */
} PseudoItem;

typedef int (*PseudoCand)(Pseudo *p, int i, int k, StrBuf *pOut);

static int pseudoItemCmp(const void *a, const void *b){
  const PseudoItem *x = a, *y = b;
  int c = strcmp(x->zScope, y->zScope);
  return c ? c : strcmp(x->zOrig, y->zOrig);
}

/* Resolve n items into azOut[item.i] (owned by the caller afterwards). */
static int pseudoResolve(Pseudo *p, PseudoItem *a, int n, PseudoCand xCand, char **azOut,
                         const char *zWhat){
  HMap taken;
  StrBuf cand, key;
  int rc = TS_OK, j, k, e;
  hmap_init(&taken);
  strbuf_init(&cand);
  strbuf_init(&key);
  qsort(a, (size_t)n, sizeof(PseudoItem), pseudoItemCmp);
  for(j=0; j<n && rc==TS_OK; j++){
    for(k=0; ; k++){
      strbuf_reset(&cand);
      e = xCand(p, a[j].i, k, &cand);
      if( e==CAND_END ){
        rc = tserr_set(p->pErr, TS_ERR, "pseudonymize: the %s pseudonym of \"%s\" collides with"
                       " another even after disambiguation", zWhat, a[j].zOrig);
        break;
      }
      if( e==CAND_SKIP ) continue;
      strbuf_reset(&key);
      strbuf_append(&key, a[j].zScope);
      strbuf_appendc(&key, PSEUDO_SEP);
      strbuf_append(&key, strbuf_str(&cand));
      if( cand.bErr || key.bErr ){ rc = pseudoNoMem(p); break; }
      if( hmap_get(&taken, strbuf_str(&key), NULL) ) continue;
      if( hmap_put(&taken, strbuf_str(&key), 1)
       || (azOut[a[j].i] = mem_strdup(strbuf_str(&cand)))==NULL ){
        rc = pseudoNoMem(p);
      }
      break;
    }
  }
  strbuf_free(&key);
  strbuf_free(&cand);
  hmap_free(&taken);
  return rc;
}

/* Append "given.surname." of person pp, lower case. */
static void pseudoNameBase(const PseudoPerson *pp, StrBuf *pOut){
  size_t n0 = pOut->n;
  strbuf_printf(pOut, "%s.%s.", azGiven[pp->iGiven], azSurname[pp->iSurname]);
  if( !pOut->bErr ) pseudoLower(pOut->z + n0);
}

/* Local part candidates: "given.surname." and 6, 8, ... 16 hex digits. */
static int pseudoLocalCand(Pseudo *p, int i, int k, StrBuf *pOut){
  const PseudoPerson *pp = &p->aPerson[i];
  if( PSEUDO_LOCAL_HEX + 2*k > 16 ) return CAND_END;
  pseudoNameBase(pp, pOut);
  pseudoHex(pOut, pp->hSuffix, PSEUDO_LOCAL_HEX + 2*k);
  return CAND_OK;
}

/* Key candidates: the person's local part, then "given.surname." and 4,
** 6, ... letters drawn from a hash of the tenant and original key. Those
** hold no digit, so they can never fall in a population's key range (a
** prefix, then a digit), which the local part itself might: appending to
** it could never leave such a range. */
static int pseudoKeyCand(Pseudo *p, int i, int k, StrBuf *pOut){
  const PseudoUser *u = &p->aUser[i];
  const PseudoPerson *pp = &p->aPerson[u->iPerson];
  int j;
  if( k>=PSEUDO_MAX_KEY_TRY ) return CAND_END;
  if( k==0 ){
    strbuf_append(pOut, p->azLocal[u->iPerson]);
  }else{
    StrBuf s;
    Rng r;
    int rc;
    strbuf_init(&s);
    pseudoTenantKey(&s, u->zTenant, u->zKey);
    rc = s.bErr ? TS_NOMEM : pseudoStream(p, &r, "key", strbuf_str(&s), s.n);
    strbuf_free(&s);
    if( rc ){ pOut->bErr = 1; return CAND_OK; }
    pseudoNameBase(pp, pOut);
    for(j=0; j<2*k+2; j++) strbuf_appendc(pOut, (char)('a' + rng_below(&r, 26)));
  }
  if( pOut->bErr ) return CAND_OK;
  for(j=0; j<p->nPrefix; j++){
    size_t n = strlen(p->aPrefix[j].zPrefix);
    if( strcmp(p->aPrefix[j].zTenant, u->zTenant)==0
     && strncmp(pOut->z, p->aPrefix[j].zPrefix, n)==0
     && pOut->z[n]>='0' && pOut->z[n]<='9' ) return CAND_SKIP;
  }
  return CAND_OK;
}

/* Employee id candidates: digits, as many as the original has (one more
** every 8 tries), drawn from a hash of the try number and the original. */
static int pseudoEmpCand(Pseudo *p, int i, int k, StrBuf *pOut){
  const char *z = p->azEmp[i];
  size_t n = strlen(z) + (size_t)(k/8), j;
  char zPurpose[32];
  Rng r;
  if( k>=PSEUDO_MAX_EMP_TRY ) return CAND_END;
  snprintf(zPurpose, sizeof(zPurpose), "employeeId:%d", k);
  if( pseudoStream(p, &r, zPurpose, z, strlen(z)) ){ pOut->bErr = 1; return CAND_OK; }
  for(j=0; j<n; j++) strbuf_appendc(pOut, (char)('0' + rng_below(&r, 10)));
  return CAND_OK;
}

static int pseudoResolveAll(Pseudo *p){
  PseudoItem *a;
  int n = p->nPerson > p->nUser ? p->nPerson : p->nUser, i, rc;
  if( p->nEmp > n ) n = p->nEmp;
  a = mem_malloc((size_t)(n ? n : 1)*sizeof(PseudoItem));
  p->azLocal = mem_calloc((size_t)(p->nPerson ? p->nPerson : 1), sizeof(char*));
  p->azNewKey = mem_calloc((size_t)(p->nUser ? p->nUser : 1), sizeof(char*));
  p->azNewEmp = mem_calloc((size_t)(p->nEmp ? p->nEmp : 1), sizeof(char*));
  if( a==NULL || p->azLocal==NULL || p->azNewKey==NULL || p->azNewEmp==NULL ){
    rc = pseudoNoMem(p);
    goto out;
  }
  for(i=0; i<p->nPerson; i++){ a[i].zScope = ""; a[i].zOrig = p->aPerson[i].zId; a[i].i = i; }
  rc = pseudoResolve(p, a, p->nPerson, pseudoLocalCand, p->azLocal, "local part");
  if( rc ) goto out;
  for(i=0; i<p->nUser; i++){
    a[i].zScope = p->aUser[i].zTenant;
    a[i].zOrig = p->aUser[i].zKey;
    a[i].i = i;
  }
  rc = pseudoResolve(p, a, p->nUser, pseudoKeyCand, p->azNewKey, "key");
  if( rc ) goto out;
  for(i=0; i<p->nEmp; i++){ a[i].zScope = ""; a[i].zOrig = p->azEmp[i]; a[i].i = i; }
  rc = pseudoResolve(p, a, p->nEmp, pseudoEmpCand, p->azNewEmp, "employeeId");
out:
  mem_free(a);
  return rc;
}

/* ---------------------------------------------------------------------
** Step 4: rewriting users and tenant ids.
*/
/* Contact details of a person: telephoneNumber keeps its format with every
** digit drawn anew; streetAddress becomes "<1-199> <Surname> Street". Both
** are functions of the seed and the original value. */
static int pseudoContact(Pseudo *p, cJSON *pUser){
  cJSON *c = cJSON_GetObjectItemCaseSensitive(pUser, "telephoneNumber");
  StrBuf out;
  Rng r;
  int rc = TS_OK, k;
  strbuf_init(&out);
  if( cJSON_IsString(c) && c->valuestring[0] ){
    const char *z;
    if( (rc = pseudoStream(p, &r, "phone", c->valuestring, strlen(c->valuestring)))!=TS_OK ) goto out;
    for(z=c->valuestring; *z; z++){
      strbuf_appendc(&out, *z>='0' && *z<='9' ? (char)('0' + rng_below(&r, 10)) : *z);
    }
    if( (rc = out.bErr ? pseudoNoMem(p) : pseudoSet(p, c, strbuf_str(&out)))!=TS_OK ) goto out;
  }
  c = cJSON_GetObjectItemCaseSensitive(pUser, "streetAddress");
  if( cJSON_IsString(c) && c->valuestring[0] ){
    int iName = 0;
    if( (rc = pseudoStream(p, &r, "street", c->valuestring, strlen(c->valuestring)))!=TS_OK ) goto out;
    for(k=0; k<64; k++){
      iName = (int)rng_below(&r, N_SURNAME);
      if( !pseudoBannedName(p, azSurname[iName]) ) break;
    }
    strbuf_reset(&out);
    strbuf_printf(&out, "%d %s Street", 1 + (int)rng_below(&r, 199), azSurname[iName]);
    rc = out.bErr ? pseudoNoMem(p) : pseudoSet(p, c, strbuf_str(&out));
  }
out:
  strbuf_free(&out);
  return rc;
}

static int pseudoApplyUser(Pseudo *p, int iUser){
  PseudoUser *u = &p->aUser[iUser];
  PseudoName name;
  StrBuf out;
  cJSON *c;
  char zPath[128];
  int rc = TS_OK, k;
  pseudoNameOf(p, u->iPerson, &name);
  strbuf_init(&out);
  for(k=0; k<K_COUNT && rc==TS_OK; k++){
    c = cJSON_GetObjectItemCaseSensitive(u->pUser, azKindAttr[k]);
    if( !cJSON_IsString(c) ) continue;
    strbuf_reset(&out);
    if( pseudoKeep(k, c->valuestring) ) continue;
    if( k==K_EMPID ){
      int64_t v;
      if( !hmap_get(&p->empIdx, c->valuestring, &v) ) continue;
      strbuf_append(&out, p->azNewEmp[v]);
    }else{
      pseudoFormat(k, c->valuestring, &name, &out);
    }
    rc = out.bErr ? pseudoNoMem(p) : pseudoSet(p, c, strbuf_str(&out));
  }
  if( rc==TS_OK ) rc = pseudoContact(p, u->pUser);
  if( rc==TS_OK ){
    rc = pseudoSet(p, cJSON_GetObjectItemCaseSensitive(u->pUser, "key"), p->azNewKey[iUser]);
  }
  c = cJSON_GetObjectItemCaseSensitive(u->pUser, "homeUser");
  if( rc==TS_OK && cJSON_IsString(c) && strchr(c->valuestring, ':') ){
    const char *zColon = strchr(c->valuestring, ':');
    int iHome = -1;
    strbuf_reset(&out);
    strbuf_appendn(&out, c->valuestring, (size_t)(zColon - c->valuestring));
    rc = out.bErr ? pseudoNoMem(p) : pseudoUserFind(p, strbuf_str(&out), zColon+1, &iHome);
    if( rc==TS_OK && iHome>=0 ){
      strbuf_appendc(&out, ':');
      strbuf_append(&out, p->azNewKey[iHome]);
      rc = out.bErr ? pseudoNoMem(p) : pseudoSet(p, c, strbuf_str(&out));
    }
  }
  if( rc==TS_OK ){
    snprintf(zPath, sizeof(zPath), "%s user %s manager", u->zTenant, u->zKey);
    rc = pseudoKeyRef(p, u->zTenant, cJSON_GetObjectItemCaseSensitive(u->pUser, "manager"), zPath);
  }
  strbuf_free(&out);
  return rc;
}

/* tenantId: the GUID of the seed and the lower-cased original. */
static int pseudoTenantIds(Pseudo *p){
  cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(p->pRoot, "tenants")){
    cJSON *c = cJSON_GetObjectItemCaseSensitive(t, "tenantId");
    StrBuf b;
    char zGuid[TS_GUID_SIZE];
    int rc;
    if( !cJSON_IsString(c) ) continue;
    strbuf_init(&b);
    strbuf_append(&b, "tenantId:");
    strbuf_append(&b, c->valuestring);
    if( b.bErr ){ strbuf_free(&b); return pseudoNoMem(p); }
    pseudoLower(b.z);
    rng_guid_of(p->seed, strbuf_str(&b), zGuid);
    strbuf_free(&b);
    if( (rc = pseudoSet(p, c, zGuid))!=TS_OK ) return rc;
  }
  return TS_OK;
}

/* ---------------------------------------------------------------------
** API.
*/
static void pseudoFree(Pseudo *p){
  int i;
  for(i=0; i<p->nPerson; i++){
    mem_free(p->aPerson[i].zId);
    if( p->azLocal ) mem_free(p->azLocal[i]);
  }
  for(i=0; i<p->nUser; i++){
    mem_free(p->aUser[i].zKey);
    if( p->azNewKey ) mem_free(p->azNewKey[i]);
  }
  for(i=0; i<p->nEmp; i++){
    mem_free(p->azEmp[i]);
    if( p->azNewEmp ) mem_free(p->azNewEmp[i]);
  }
  for(i=0; i<K_SEEN; i++) hmap_free(&p->aSeen[i]);
  hmap_free(&p->banned);
  mem_free(p->aPerson);
  mem_free(p->azLocal);
  mem_free(p->aUser);
  mem_free(p->azNewKey);
  mem_free(p->azEmp);
  mem_free(p->azNewEmp);
  mem_free(p->aPrefix);
  hmap_free(&p->personIdx);
  hmap_free(&p->userIdx);
  hmap_free(&p->empIdx);
}

int pseudonym_scenario(cJSON *pScn, uint64_t seed, TsErr *pErr){
  Pseudo p;
  cJSON *pSwap;
  int rc, i;
  if( !cJSON_IsObject(pScn) ) return tserr_set(pErr, TS_ERR, "pseudonymize: the scenario is not an object");
  memset(&p, 0, sizeof(p));
  p.seed = seed;
  p.pErr = pErr;
  hmap_init(&p.personIdx);
  hmap_init(&p.userIdx);
  hmap_init(&p.empIdx);
  hmap_init(&p.banned);
  for(i=0; i<K_SEEN; i++) hmap_init(&p.aSeen[i]);
  p.pRoot = cJSON_Duplicate(pScn, 1);
  if( p.pRoot==NULL ){ rc = pseudoNoMem(&p); goto out; }
  if( (rc = pseudoCollectUsers(&p))!=TS_OK ) goto out;
  if( (rc = pseudoBanNames(&p))!=TS_OK ) goto out;
  if( (rc = pseudoIdentify(&p))!=TS_OK ) goto out;
  if( (rc = pseudoRefs(&p))!=TS_OK ) goto out;
  if( (rc = pseudoResolveAll(&p))!=TS_OK ) goto out;
  p.bApply = 1;
  /* References first: they look users up by their original keys, and
  ** identity and home look-ups read the users' original values. */
  if( (rc = pseudoRefs(&p))!=TS_OK ) goto out;
  for(i=0; i<p.nUser && rc==TS_OK; i++) rc = pseudoApplyUser(&p, i);
  if( rc==TS_OK ) rc = pseudoTenantIds(&p);
  if( rc ) goto out;
  pSwap = pScn->child;
  pScn->child = p.pRoot->child;
  p.pRoot->child = pSwap;
out:
  cJSON_Delete(p.pRoot);
  pseudoFree(&p);
  return rc;
}
