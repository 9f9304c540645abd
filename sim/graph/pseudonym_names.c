/*
** pseudonym_names.c — what a person becomes: the built-in name lists,
** the drawing of a person's names (never an original name word), the
** registry of persons and of original employee ids, and the formatting of
** a pseudonym of each kind, addresses included (pseudonym.h says what is
** replaced; pseudonymInt.h lists the files).
**
** It touches the context's persons, employee ids and banned words.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "pseudonymInt.h"

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

/* ---------------------------------------------------------------------
** Addresses.
*/
/* Start of "#EXT#" in z (case-insensitive), or NULL. */
static const char *find_ext(const char *z){
  for(; *z; z++){
    if( z[0]=='#' && (z[1]|0x20)=='e' && (z[2]|0x20)=='x' && (z[3]|0x20)=='t' && z[4]=='#' ){
      return z;
    }
  }
  return NULL;
}

/* The last '_' before zExt in z (it separates a B2B UPN's home local part
** from its home domain), or NULL. */
static const char *ext_underscore(const char *z, const char *zExt){
  const char *zU = NULL;
  for(; z<zExt; z++) if( *z=='_' ) zU = z;
  return zU;
}

/* The identity an address names: a B2B UPN "local_domain#EXT#@..." is
** decoded to "local@domain"; lower-cased. Appended to pOut. */
void pseudonym_names_addr_identity(const char *z, StrBuf *pOut){
  const char *zExt = find_ext(z);
  size_t n0 = pOut->n;
  if( zExt ){
    const char *zU = ext_underscore(z, zExt);
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
  if( !pOut->bErr ) pseudonym_ctx_lower(pOut->z + n0);
}

/* Append address z with its local part replaced by zLocal: the domain (or
** a B2B UPN's "_homedomain#EXT#@target" tail) is kept. */
static void address(const char *z, const char *zLocal, StrBuf *pOut){
  const char *zExt = find_ext(z);
  strbuf_append(pOut, zLocal);
  if( zExt ){
    const char *zU = ext_underscore(z, zExt);
    strbuf_append(pOut, zU ? zU : zExt);
  }else if( strchr(z, '@') ){
    strbuf_append(pOut, strchr(z, '@'));
  }
}

/* ---------------------------------------------------------------------
** Persons and employee ids: registration and drawing.
*/
/* Is zName, lower-cased, a word of some original name? */
static int banned_name(const Pseudo *p, const char *zName){
  char zLow[64];
  snprintf(zLow, sizeof(zLow), "%s", zName);
  pseudonym_ctx_lower(zLow);
  return hmap_get(&p->banned, zLow, NULL);
}

/* Draw the names and suffix of identity zId (a pure function of seed, zId
** and the set of original name words): a drawn name that is one of the
** scenario's own names is drawn again, so that no original name appears
** in the result even by chance. */
int pseudonym_names_draw(Pseudo *p, const char *zId, PseudoPerson *pOut){
  Rng r;
  int rc = pseudonym_ctx_stream(p, &r, "person", zId, strlen(zId)), k;
  if( rc ) return rc;
  for(k=0; k<64; k++){
    pOut->iGiven = (int)rng_below(&r, N_GIVEN);
    if( !banned_name(p, azGiven[pOut->iGiven]) ) break;
  }
  for(k=0; k<64; k++){
    pOut->iSurname = (int)rng_below(&r, N_SURNAME);
    if( !banned_name(p, azSurname[pOut->iSurname]) ) break;
  }
  pOut->hSuffix = rng_next(&r);
  return TS_OK;
}

/* Remember every word (letters only, 3 or more) of z as banned. */
static int ban_words(Pseudo *p, const char *z){
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
    pseudonym_ctx_lower(zWord);
    if( hmap_put(&p->banned, zWord, 1) ) return pseudonym_ctx_nomem(p);
  }
  return TS_OK;
}

/* Ban the words of every user's names and addresses (before any draw). */
int pseudonym_names_ban(Pseudo *p){
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
      rc = ban_words(p, z);
    }
  }
  return rc;
}

/* The person of identity zId, registered if new; index in *piPerson. */
int pseudonym_names_person_add(Pseudo *p, const char *zId, int *piPerson){
  int64_t v;
  PseudoPerson *pp;
  void *a = p->aPerson;
  int rc;
  if( hmap_get(&p->personIdx, zId, &v) ){ *piPerson = (int)v; return TS_OK; }
  rc = pseudonym_ctx_grow(p, &a, &p->nPersonAlloc, p->nPerson, sizeof(PseudoPerson));
  p->aPerson = a;
  if( rc ) return rc;
  pp = &p->aPerson[p->nPerson];
  if( (rc = pseudonym_names_draw(p, zId, pp))!=TS_OK ) return rc;
  if( (pp->zId = mem_strdup(zId))==NULL ) return pseudonym_ctx_nomem(p);
  if( hmap_put(&p->personIdx, zId, p->nPerson) ){ mem_free(pp->zId); return pseudonym_ctx_nomem(p); }
  *piPerson = p->nPerson++;
  return TS_OK;
}

/* Register original employee id z. */
int pseudonym_names_emp_add(Pseudo *p, const char *z){
  void *a = p->azEmp;
  int rc;
  if( hmap_get(&p->empIdx, z, NULL) ) return TS_OK;
  rc = pseudonym_ctx_grow(p, &a, &p->nEmpAlloc, p->nEmp, sizeof(char*));
  p->azEmp = a;
  if( rc ) return rc;
  if( (p->azEmp[p->nEmp] = mem_strdup(z))==NULL ) return pseudonym_ctx_nomem(p);
  if( hmap_put(&p->empIdx, z, p->nEmp) ){ mem_free(p->azEmp[p->nEmp]); return pseudonym_ctx_nomem(p); }
  p->nEmp++;
  return TS_OK;
}

/* Append the pseudonym of kind eKind for original z, of the person
** pName (all kinds but employeeId). */
void pseudonym_names_format(int eKind, const char *z, const PseudoName *pName, StrBuf *pOut){
  switch( eKind ){
    case K_UPN:
    case K_MAIL:    address(z, pName->zLocal, pOut); break;
    case K_NICK:    strbuf_append(pOut, pName->zLocal); break;
    case K_DISPLAY: strbuf_printf(pOut, "%s %s", azGiven[pName->iGiven],
                                  azSurname[pName->iSurname]); break;
    case K_GIVEN:   strbuf_append(pOut, azGiven[pName->iGiven]); break;
    default:        strbuf_append(pOut, azSurname[pName->iSurname]); break;
  }
}

void pseudonym_names_of(Pseudo *p, int iPerson, PseudoName *pName){
  pName->iGiven = p->aPerson[iPerson].iGiven;
  pName->iSurname = p->aPerson[iPerson].iSurname;
  pName->zLocal = p->azLocal ? p->azLocal[iPerson] : NULL;
}

/* Does original z of kind eKind stay as it is? Empty text and a bare
** domain ("@contoso.com", as an ENDS_WITH clause gives it) hold nothing
** personal. */
int pseudonym_names_keep(int eKind, const char *z){
  return z[0]==0 || ((eKind==K_UPN || eKind==K_MAIL) && z[0]=='@');
}


/* Append "given.surname." of person pp, lower case. */
void pseudonym_names_base(const PseudoPerson *pp, StrBuf *pOut){
  size_t n0 = pOut->n;
  strbuf_printf(pOut, "%s.%s.", azGiven[pp->iGiven], azSurname[pp->iSurname]);
  if( !pOut->bErr ) pseudonym_ctx_lower(pOut->z + n0);
}

/* Draw a surname that is no original name word, then a house number. */
void pseudonym_names_street(Pseudo *p, Rng *r, StrBuf *pOut){
  int iName = 0, k;
  for(k=0; k<64; k++){
    iName = (int)rng_below(r, N_SURNAME);
    if( !banned_name(p, azSurname[iName]) ) break;
  }
  strbuf_printf(pOut, "%d %s Street", 1 + (int)rng_below(r, 199), azSurname[iName]);
}
