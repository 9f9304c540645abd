/*
** pseudonym_refs.c — one value or user key that a reference holds
** (filter clauses, "set", "where", expect "equals", key references): while
** collecting (step 1) it registers what the pseudonym will need, while
** applying (step 4) it rewrites the item. pseudonym.c walks the document
** to find the references.
**
** It touches the items it is given, and the context's persons and
** employee ids (registration while collecting).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pseudonymInt.h"

/* Collecting: register what the pseudonym of (eKind, z) will need.
** Applying: append that pseudonym to pOut. A value some user held follows
** that user's person; any other value is taken as an identity itself. */
static int value(Pseudo *p, int eKind, const char *z, StrBuf *pOut){
  StrBuf key;
  PseudoName name;
  int64_t v;
  int rc = TS_OK, iPerson;
  if( pseudonym_names_keep(eKind, z) ){
    if( p->bApply ) strbuf_append(pOut, z);
    return TS_OK;
  }
  if( eKind==K_EMPID ){
    if( !p->bApply ) return pseudonym_names_emp_add(p, z);
    if( hmap_get(&p->empIdx, z, &v) ) strbuf_append(pOut, p->azNewEmp[v]);
    return TS_OK;
  }
  strbuf_init(&key);
  if( eKind==K_UPN || eKind==K_MAIL ) pseudonym_names_addr_identity(z, &key);
  else{ strbuf_append(&key, z); if( !key.bErr ) pseudonym_ctx_lower(key.z); }
  if( key.bErr ){ rc = pseudonym_ctx_nomem(p); goto free_key; }
  if( hmap_get(&p->aSeen[eKind], eKind<=K_MAIL ? strbuf_str(&key) : z, &v) ){
    if( p->bApply ){
      pseudonym_names_of(p, p->aUser[v].iPerson, &name);
      pseudonym_names_format(eKind, z, &name, pOut);
    }
  }else if( eKind<=K_NICK ){
    /* An identifier: its local part must join the uniqueness resolution,
    ** so it is registered while collecting and only looked up after. */
    if( !p->bApply ){
      rc = pseudonym_names_person_add(p, strbuf_str(&key), &iPerson);
    }else if( hmap_get(&p->personIdx, strbuf_str(&key), &v) ){
      pseudonym_names_of(p, (int)v, &name);
      pseudonym_names_format(eKind, z, &name, pOut);
    }else{
      rc = tserr_set(p->pErr, TS_ERR, "pseudonymize: internal error: \"%s\" was not collected", z);
    }
  }else if( p->bApply ){
    PseudoPerson draw;
    rc = pseudonym_names_draw(p, strbuf_str(&key), &draw);
    name.iGiven = draw.iGiven;
    name.iSurname = draw.iSurname;
    name.zLocal = NULL;
    if( rc==TS_OK ) pseudonym_names_format(eKind, z, &name, pOut);
  }
free_key:
  strbuf_free(&key);
  return rc;
}

/* value() on string item pItem (null is kept; anything else is
** refused). bList: 1 a "&" clause value, a comma list of values;
** PSEUDO_LIST_MAIL a recipients list (pseudonymInt.h). */
int pseudonym_refs_item(Pseudo *p, int eKind, cJSON *pItem, int bList, const char *zPath){
  StrBuf out, one;
  const char *z;
  int rc = TS_OK;
  if( pItem==NULL || cJSON_IsNull(pItem) ) return TS_OK;
  if( !cJSON_IsString(pItem) ) return tserr_set(p->pErr, TS_ERR, "%s: expected a string or null", zPath);
  strbuf_init(&out);
  strbuf_init(&one);
  z = pItem->valuestring;
  while( rc==TS_OK ){
    size_t n = bList ? strcspn(z, bList==PSEUDO_LIST_MAIL ? ",;" : ",") : strlen(z), i = 0, k = n;
    if( bList==PSEUDO_LIST_MAIL ){
      while( i<k && (z[i]==' ' || z[i]=='\t') ) i++;
      while( k>i && (z[k-1]==' ' || z[k-1]=='\t') ) k--;
    }
    strbuf_reset(&one);
    strbuf_appendn(&one, z+i, k-i);
    strbuf_appendn(&out, z, i);
    if( one.bErr ){ rc = pseudonym_ctx_nomem(p); break; }
    if( k>i ) rc = value(p, eKind, strbuf_str(&one), &out);
    strbuf_appendn(&out, z+k, n-k);
    if( z[n]==0 ) break;
    strbuf_appendc(&out, z[n]);
    z += n+1;
  }
  if( rc==TS_OK && p->bApply ){
    if( out.bErr ) rc = pseudonym_ctx_nomem(p);
    else rc = pseudonym_ctx_set(p, pItem, strbuf_str(&out));
  }
  strbuf_free(&one);
  strbuf_free(&out);
  return rc;
}

/* A reference to a user key of tenant zTenant. Keys naming no explicit
** user (generated population keys) are kept. */
int pseudonym_refs_key(Pseudo *p, const char *zTenant, cJSON *pItem, const char *zPath){
  int rc, iUser;
  if( pItem==NULL || cJSON_IsNull(pItem) ) return TS_OK;
  if( !cJSON_IsString(pItem) ) return tserr_set(p->pErr, TS_ERR, "%s: expected a user key", zPath);
  if( !p->bApply || zTenant==NULL ) return TS_OK;
  rc = pseudonym_ctx_user_find(p, zTenant, pItem->valuestring, &iUser);
  if( rc==TS_OK && iUser>=0 ) rc = pseudonym_ctx_set(p, pItem, p->azNewKey[iUser]);
  return rc;
}
