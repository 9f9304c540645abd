/*
** attr.h — the catalog of user attributes tenantsim models.
**
** Attributes carry their Microsoft Graph names (camelCase, matched
** case-sensitively, as in mappings and scoping filters) and the users-table
** column that stores them. Dates are ISO-8601 instants as Graph writes them;
** a reference (manager) holds the object id of the user it points to. Values live in memory as NUL-terminated strings;
** Booleans are "True"/"False" as the provisioning service renders them;
** NULL means the attribute is not set.
*/
#ifndef TS_ATTR_H
#define TS_ATTR_H

enum {
  A_ACCOUNT_ENABLED, A_USER_PRINCIPAL_NAME, A_MAIL, A_MAIL_NICKNAME,
  A_DISPLAY_NAME, A_GIVEN_NAME, A_SURNAME, A_DEPARTMENT, A_JOB_TITLE,
  A_EMPLOYEE_ID, A_COMPANY_NAME, A_STREET_ADDRESS, A_CITY, A_STATE,
  A_POSTAL_CODE, A_COUNTRY, A_OFFICE, A_PREFERRED_LANGUAGE,
  A_TELEPHONE_NUMBER, A_USAGE_LOCATION, A_SHOW_IN_ADDRESS_LIST, A_USER_TYPE,
  A_EMPLOYEE_HIRE_DATE, A_MANAGER,
  A_COUNT
};

typedef enum AttrType { ATTR_STRING, ATTR_BOOL, ATTR_DATE, ATTR_REF } AttrType;

typedef struct AttrInfo {
  const char *zName;     /* Graph name, e.g. "jobTitle" */
  const char *zColumn;   /* users-table column, e.g. "job_title" */
  AttrType eType;
  int bScenario;         /* may a scenario set it on a source user? */
} AttrInfo;

/* Catalog entry i (0 <= i < A_COUNT). */
const AttrInfo *attr_info(int i);
/* Index of the attribute named zName (exact case), or -1. */
int attr_find(const char *zName);
/* Is zName an extension attribute: a directory extension,
** extension_<appId: 32 hex digits>_<name: letters, digits, '_'>, or one of
** the on-premises extension attributes extensionAttribute1..15 (Graph's
** onPremisesExtensionAttributes, flat in sync schemas)? Both are single-
** valued strings the engine stores by name. */
int attr_is_extension(const char *zName);

/* Canonical Boolean text. */
#define ATTR_TRUE  "True"
#define ATTR_FALSE "False"
/* 1 if z is the Boolean true value ("True", any case, or "1"). */
int attr_is_true(const char *z);

#endif
