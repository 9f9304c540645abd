/*
** attr.c — the user-attribute catalog (see attr.h).
*/
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include "attr.h"

static const AttrInfo aAttr[A_COUNT] = {
  { "accountEnabled",            "account_enabled",      ATTR_BOOL,   1 },
  { "userPrincipalName",         "user_principal_name",  ATTR_STRING, 1 },
  { "mail",                      "mail",                 ATTR_STRING, 1 },
  { "mailNickname",              "mail_nickname",        ATTR_STRING, 1 },
  { "displayName",               "display_name",         ATTR_STRING, 1 },
  { "givenName",                 "given_name",           ATTR_STRING, 1 },
  { "surname",                   "surname",              ATTR_STRING, 1 },
  { "department",                "department",           ATTR_STRING, 1 },
  { "jobTitle",                  "job_title",            ATTR_STRING, 1 },
  { "employeeId",                "employee_id",          ATTR_STRING, 1 },
  { "companyName",               "company_name",         ATTR_STRING, 1 },
  { "streetAddress",             "street_address",       ATTR_STRING, 1 },
  { "city",                      "city",                 ATTR_STRING, 1 },
  { "state",                     "state",                ATTR_STRING, 1 },
  { "postalCode",                "postal_code",          ATTR_STRING, 1 },
  { "country",                   "country",              ATTR_STRING, 1 },
  { "physicalDeliveryOfficeName","office",               ATTR_STRING, 1 },
  { "preferredLanguage",         "preferred_language",   ATTR_STRING, 1 },
  { "telephoneNumber",           "telephone_number",     ATTR_STRING, 1 },
  { "usageLocation",             "usage_location",       ATTR_STRING, 1 },
  { "showInAddressList",         "show_in_address_list", ATTR_BOOL,   1 },
  { "userType",                  "user_type",            ATTR_STRING, 1 },
  { "employeeHireDate",          "employee_hire_date",   ATTR_DATE,   1 },
  { "manager",                   "manager",              ATTR_REF,    1 },
};

const AttrInfo *attr_info(int i){ return &aAttr[i]; }

int attr_find(const char *zName){
  int i;
  for(i=0; i<A_COUNT; i++){
    if( strcmp(aAttr[i].zName, zName)==0 ) return i;
  }
  return -1;
}

int attr_is_true(const char *z){
  return z && (strcasecmp(z, "true")==0 || strcmp(z, "1")==0);
}

int attr_is_extension(const char *zName){
  int i;
  if( strncmp(zName, "extensionAttribute", 18)==0 ){
    /* extensionAttribute1 .. extensionAttribute15, no leading zero */
    const char *z = zName+18;
    if( z[0]<'1' || z[0]>'9' ) return 0;
    if( z[1]==0 ) return 1;
    return z[0]=='1' && z[1]>='0' && z[1]<='5' && z[2]==0;
  }
  if( strncmp(zName, "extension_", 10)!=0 ) return 0;
  zName += 10;
  for(i=0; i<32; i++) if( !isxdigit((unsigned char)zName[i]) ) return 0;
  if( zName[32]!='_' || zName[33]==0 ) return 0;
  for(zName+=33; *zName; zName++){
    if( !isalnum((unsigned char)*zName) && *zName!='_' ) return 0;
  }
  return 1;
}
