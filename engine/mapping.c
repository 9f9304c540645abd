/*
** mapping.c — the default CTS mapping and mapping evaluation (mapping.h).
*/
#include <string.h>
#include "mem.h"
#include "directory.h"
#include "mapping.h"

/* The Azure2Azure default user mapping, in the portal's order. */
static const struct { int iTarget; MapType eType; int iSource; const char *zConst; FlowType eFlow; }
aDefault[] = {
  { A_ACCOUNT_ENABLED,      MAP_DIRECT,   A_ACCOUNT_ENABLED,      0, FLOW_ALWAYS },
  { A_STREET_ADDRESS,       MAP_DIRECT,   A_STREET_ADDRESS,       0, FLOW_ALWAYS },
  { A_CITY,                 MAP_DIRECT,   A_CITY,                 0, FLOW_ALWAYS },
  { A_STATE,                MAP_DIRECT,   A_STATE,                0, FLOW_ALWAYS },
  { A_POSTAL_CODE,          MAP_DIRECT,   A_POSTAL_CODE,          0, FLOW_ALWAYS },
  { A_COUNTRY,              MAP_DIRECT,   A_COUNTRY,              0, FLOW_ALWAYS },
  { A_DEPARTMENT,           MAP_DIRECT,   A_DEPARTMENT,           0, FLOW_ALWAYS },
  { A_EMPLOYEE_ID,          MAP_DIRECT,   A_EMPLOYEE_ID,          0, FLOW_ALWAYS },
  { A_DISPLAY_NAME,         MAP_DIRECT,   A_DISPLAY_NAME,         0, FLOW_ALWAYS },
  { A_GIVEN_NAME,           MAP_DIRECT,   A_GIVEN_NAME,           0, FLOW_ALWAYS },
  { A_JOB_TITLE,            MAP_DIRECT,   A_JOB_TITLE,            0, FLOW_ALWAYS },
  { A_MAIL_NICKNAME,        MAP_DIRECT,   A_MAIL_NICKNAME,        0, FLOW_ALWAYS },
  { A_OFFICE,               MAP_DIRECT,   A_OFFICE,               0, FLOW_ALWAYS },
  { A_PREFERRED_LANGUAGE,   MAP_DIRECT,   A_PREFERRED_LANGUAGE,   0, FLOW_ALWAYS },
  { A_SURNAME,              MAP_DIRECT,   A_SURNAME,              0, FLOW_ALWAYS },
  { A_TELEPHONE_NUMBER,     MAP_DIRECT,   A_TELEPHONE_NUMBER,     0, FLOW_ALWAYS },
  { A_USER_PRINCIPAL_NAME,  MAP_DIRECT,   A_USER_PRINCIPAL_NAME,  0, FLOW_ALWAYS },
  { A_SHOW_IN_ADDRESS_LIST, MAP_CONSTANT, -1, ATTR_TRUE, FLOW_ALWAYS },
  { A_MAIL,                 MAP_DIRECT,   A_MAIL,                 0, FLOW_ALWAYS },
  { A_USER_TYPE,            MAP_CONSTANT, -1, "Member",  FLOW_OBJECT_ADD_ONLY },
};

int mapping_default(MapEntry **paMap, int *pnMap){
  int n = (int)(sizeof(aDefault)/sizeof(aDefault[0]));
  int i;
  MapEntry *a = mem_calloc((size_t)n, sizeof(MapEntry));
  if( a==NULL ) return -1;
  for(i=0; i<n; i++){
    a[i].iTarget = aDefault[i].iTarget;
    a[i].eType = aDefault[i].eType;
    a[i].iSource = aDefault[i].iSource;
    a[i].eFlow = aDefault[i].eFlow;
    if( aDefault[i].zConst ){
      a[i].zConst = mem_strdup(aDefault[i].zConst);
      if( a[i].zConst==NULL ){
        while( i-- > 0 ) mem_free(a[i].zConst);
        mem_free(a);
        return -1;
      }
    }
  }
  *paMap = a;
  *pnMap = n;
  return 0;
}

const char *mapping_value(const World *w, const Job *j, const MapEntry *e,
                          const User *u, char *zBuf, size_t nBuf){
  const char *z;
  switch( e->eType ){
    case MAP_CONSTANT: return e->zConst;
    case MAP_NONE:     return NULL;
    default:           break;
  }
  z = u->azAttr[e->iSource];
  if( z==NULL ) return NULL;
  if( e->iTarget==A_USER_PRINCIPAL_NAME ){
    dir_external_upn(z, w->aTenant[j->iTarget].zDomain, zBuf, nBuf);
    return zBuf;
  }
  return z;
}
