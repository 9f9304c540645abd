/*
** authz.c — the vocabularies of a tenant's authorization objects and the
** rows that record them (authz.h).
**
** Sources: the built-in roles, their template ids and the PRIVILEGED label
** are the table "All roles" of Microsoft's permissions reference
** (learn.microsoft.com/entra/identity/role-based-access-control/
** permissions-reference, 2026-01); the guest and external user types and
** the built-in grant controls are Graph v1.0's
** conditionalAccessGuestOrExternalUserTypes and conditionalAccessGrantControls
** (unknownFutureValue left out); the app role ids of the Microsoft Graph
** application permissions are those a tenant's appRoleAssignments name,
** as CISA ScubaGear's RiskyAppPermissions.json lists them. Only roles and
** permissions that matter to who can change or reach a tenant are listed;
** any other role is still accepted by its template id.
**
** The audit activities of a role assignment are RoleManagement's in
** Microsoft's audit activity reference: "Add member to role", "Add scoped
** member to role" (a directoryScopeId other than "/"), and for PIM
** eligibility "Add eligible member to role in PIM requested (permanent)"
** followed by "... completed (permanent)" (that one request gives these two
** rows is tenantsim's reading: README, "Where tenantsim had to choose").
*/
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "audit.h"
#include "authz.h"

#define ACTOR_ADMIN "admin"

static const AuthzRole aRole[] = {
  { "Application Administrator",                  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", 1 },
  { "Application Developer",                      "cf1c38e5-3621-4004-a7cb-879624dced7c", 1 },
  { "Attribute Assignment Administrator",         "58a13ea3-c632-46ae-9ee0-9c0d43cd7f3d", 0 },
  { "Attribute Definition Administrator",         "8424c6f0-a189-499e-bbd0-26c1753c96d4", 0 },
  { "Authentication Administrator",               "c4e39bd9-1100-46d3-8c65-fb160da0071f", 1 },
  { "Authentication Extensibility Administrator", "25a516ed-2fa0-40ea-a2d0-12923a21473a", 1 },
  { "Authentication Policy Administrator",        "0526716b-113d-4c15-b2c8-68e3c22b9f80", 0 },
  { "Billing Administrator",                      "b0f54661-2d74-4c50-afa3-1ec803f12efe", 0 },
  { "Cloud Application Administrator",            "158c047a-c907-4556-b7ef-446551a6b5f7", 1 },
  { "Cloud Device Administrator",                 "7698a772-787b-4ac8-901f-60d6b08affd2", 1 },
  { "Compliance Administrator",                   "17315797-102d-40b4-93e0-432062caca18", 0 },
  { "Conditional Access Administrator",           "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", 1 },
  { "Directory Readers",                          "88d8e3e3-8f55-4a1e-953a-9b9898b8876b", 0 },
  { "Directory Synchronization Accounts",         "d29b2b05-8046-44ba-8758-1e26182fcf32", 0 },
  { "Directory Writers",                          "9360feb5-f418-4baa-8175-e2a00bac4301", 1 },
  { "Domain Name Administrator",                  "8329153b-31d0-4727-b945-745eb3bc5f31", 1 },
  { "Exchange Administrator",                     "29232cdf-9323-42fd-ade2-1d097af3e4de", 0 },
  { "External Identity Provider Administrator",   "be2f45a1-457d-42af-a067-6ec1fa63bc45", 1 },
  { "Global Administrator",                       "62e90394-69f5-4237-9190-012177145e10", 1 },
  { "Global Reader",                              "f2ef992c-3afb-46b9-b7cf-a126ee74c451", 1 },
  { "Groups Administrator",                       "fdd7a751-b60b-444a-984c-02652fe8fa1c", 0 },
  { "Guest Inviter",                              "95e79109-95c0-4d8e-aee3-d01accf2d47b", 0 },
  { "Helpdesk Administrator",                     "729827e3-9c14-49f7-bb1b-9608f156bbb8", 1 },
  { "Hybrid Identity Administrator",              "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2", 1 },
  { "Identity Governance Administrator",          "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e", 0 },
  { "Intune Administrator",                       "3a2c62db-5318-420d-8d74-23affee5d9d5", 1 },
  { "License Administrator",                      "4d6ac14f-3453-41d0-bef9-a3e0c569773a", 0 },
  { "Lifecycle Workflows Administrator",          "59d46f88-662b-457b-bceb-5c3809e5908f", 1 },
  { "Password Administrator",                     "966707d0-3269-4727-9be2-8c3a10f19b9d", 1 },
  { "Privileged Authentication Administrator",    "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", 1 },
  { "Privileged Role Administrator",              "e8611ab8-c189-46e8-94e1-60213ab1f814", 1 },
  { "Reports Reader",                             "4a5d8f65-41da-4de4-8968-e035b65339cf", 0 },
  { "Security Administrator",                     "194ae4cb-b126-40b2-bd5b-6091b380977d", 1 },
  { "Security Operator",                          "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f", 1 },
  { "Security Reader",                            "5d6b6bb7-de71-4623-b4af-96380a352509", 1 },
  { "SharePoint Administrator",                   "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", 0 },
  { "Teams Administrator",                        "69091246-20e8-4a56-aa4d-066075b2a7a8", 0 },
  { "User Administrator",                         "fe930be7-5e62-47db-91af-98c3a49a38b1", 1 },
};
#define N_ROLE ((int)(sizeof(aRole)/sizeof(aRole[0])))

const AuthzRole *authz_role_find(const char *z){
  int i;
  for(i=0; z && i<N_ROLE; i++){
    if( strcasecmp(aRole[i].zName, z)==0 || strcasecmp(aRole[i].zTemplateId, z)==0 ) return &aRole[i];
  }
  return NULL;
}

const AuthzRole *authz_roles(int *pn){
  *pn = N_ROLE;
  return aRole;
}

int authz_is_guid(const char *z){
  int i;
  if( z==NULL || strlen(z)!=36 ) return 0;
  for(i=0; i<36; i++){
    if( i==8 || i==13 || i==18 || i==23 ){ if( z[i]!='-' ) return 0; }
    else if( !isxdigit((unsigned char)z[i]) ) return 0;
  }
  return 1;
}

/* ------------------------------------------------ Conditional Access */

static const char *const azGuestType[] = {
  "none", "internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember",
  "b2bDirectConnectUser", "otherExternalUser", "serviceProvider", NULL
};

unsigned authz_guest_type_bit(const char *z){
  unsigned i;
  for(i=0; z && azGuestType[i]; i++) if( strcmp(azGuestType[i], z)==0 ) return 1u<<i;
  return 0;
}

const char *const *authz_guest_type_names(void){ return azGuestType; }

char *authz_guest_types_format(unsigned m, char *z, size_t n){
  size_t k = 0;
  unsigned i;
  if( n ) z[0] = 0;
  for(i=0; azGuestType[i]; i++){
    if( (m & (1u<<i)) && k<n ){
      k += (size_t)snprintf(z+k, n-k, "%s%s", k ? "," : "", azGuestType[i]);
    }
  }
  return z;
}

static const char *const azControl[] = {
  "block", "mfa", "compliantDevice", "domainJoinedDevice", "approvedApplication",
  "compliantApplication", "passwordChange", NULL
};

const char *const *authz_control_names(void){ return azControl; }

int authz_control_known(const char *z){
  int i;
  for(i=0; z && azControl[i]; i++) if( strcmp(azControl[i], z)==0 ) return 1;
  return 0;
}

/* ------------------------------------------------------- permissions */

static const AuthzPermission aPerm[] = {
  { "AppRoleAssignment.ReadWrite.All",       "06b708a9-e830-4db3-a914-8e69da51d44f" },
  { "Application.ReadWrite.All",             "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9" },
  { "Application.ReadWrite.OwnedBy",         "18a4783c-866b-4cc7-a460-3d5e5662c884" },
  { "AuditLog.Read.All",                     "b0afded3-3588-46d8-8b3d-9842eff778da" },
  { "Directory.Read.All",                    "7ab1d382-f21e-4acd-a863-ba3e13f7da61" },
  { "Directory.ReadWrite.All",               "19dbc75e-c2e2-444c-a770-ec69d8559fc7" },
  { "Group.Read.All",                        "5b567255-7703-4780-807c-7be8301ae99b" },
  { "Group.ReadWrite.All",                   "62a82d76-70ea-41e2-9197-370581804d09" },
  { "GroupMember.Read.All",                  "98830695-27a2-44f7-8c18-0c3ebc9698f6" },
  { "GroupMember.ReadWrite.All",             "dbaae8cf-10b5-4b86-a4a1-f871c94c6695" },
  { "MultiTenantOrganization.ReadWrite.All", "920def01-ca61-4d2d-b3df-105b46046a70" },
  { "Policy.Read.All",                       "246dd0d5-5bd0-4def-940b-0421030a5b68" },
  { "Policy.ReadWrite.ConditionalAccess",    "01c0a623-fc9b-48e9-b794-0756f8e8f067" },
  { "Policy.ReadWrite.CrossTenantAccess",    "338163d7-f101-4c92-94ba-ca46fe52447c" },
  { "RoleManagement.ReadWrite.Directory",    "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8" },
  { "Synchronization.Read.All",              "5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce" },
  { "Synchronization.ReadWrite.All",         "9b50c33d-700f-43b1-b2eb-87e89b703581" },
  { "User.Read.All",                         "df021288-bdef-4463-88db-98f22de89214" },
  { "User.ReadWrite.All",                    "741f803b-c850-494e-b5df-cde7c675a1ca" },
};
#define N_PERM ((int)(sizeof(aPerm)/sizeof(aPerm[0])))

const AuthzPermission *authz_permission_find(const char *z){
  int i;
  for(i=0; z && i<N_PERM; i++){
    if( strcmp(aPerm[i].zValue, z)==0 || strcasecmp(aPerm[i].zId, z)==0 ) return &aPerm[i];
  }
  return NULL;
}

const char *const *authz_permission_names(void){
  static const char *az[N_PERM+1];
  int i;
  for(i=0; i<N_PERM; i++) az[i] = aPerm[i].zValue;
  az[N_PERM] = NULL;
  return az;
}

/* ------------------------------------------------------------ writers */

static const char zSqlRole[] =
  "INSERT INTO role_assignments(tenant, role_template_id, role_name, privileged, principal_type,"
  " principal, assignment, directory_scope_id, assigned_at, path)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)";

/* The audit rows of an assignment an admin makes: the principal as the
** target, the role in the detail (Role.DisplayName and Role.TemplateId are
** the modified properties Entra's entry carries). */
static void audit_assignment(World *w, int iTenant, const AuthzAssignment *a){
  const char *zType = a->bGroup ? "Group" : "User";
  const char *zId, *zName;
  char zDetail[300];
  int bScoped = a->zScope && strcmp(a->zScope, "/")!=0;
  if( a->bGroup ){
    zId = w->aGroup[a->idPrincipal].zObjectId;
    zName = w->aGroup[a->idPrincipal].zDisplayName;
  }else{
    User *u = world_user(w, a->idPrincipal);
    zId = u->zObjectId;
    zName = world_user_attr(w, u, A_USER_PRINCIPAL_NAME);
  }
  snprintf(zDetail, sizeof(zDetail), "Role.DisplayName=%s, Role.TemplateId=%s%s%s",
           a->pRole ? a->pRole->zName : a->zTemplateId, a->zTemplateId,
           bScoped ? ", directoryScopeId=" : "", bScoped ? a->zScope : "");
  if( !a->bEligible ){
    audit_write(w, iTenant, "RoleManagement", bScoped ? "Add scoped member to role" : "Add member to role",
                ACTOR_ADMIN, zType, zId, zName, zDetail);
    return;
  }
  audit_write(w, iTenant, "RoleManagement", "Add eligible member to role in PIM requested (permanent)",
              ACTOR_ADMIN, zType, zId, zName, zDetail);
  audit_write(w, iTenant, "RoleManagement", "Add eligible member to role in PIM completed (permanent)",
              ACTOR_ADMIN, zType, zId, zName, zDetail);
}

void authz_assign_role(World *w, int iTenant, const AuthzAssignment *a, int bAudit){
  StoreStmt *s = store_write(w->pStore, zSqlRole);
  if( s==NULL ) return;
  store_put_int(s, 1, iTenant);
  store_put_text(s, 2, a->zTemplateId);
  store_put_text(s, 3, a->pRole ? a->pRole->zName : NULL);
  store_put_opt_int(s, 4, a->pRole ? a->pRole->bPrivileged : 0, a->pRole==NULL);
  store_put_text(s, 5, a->bGroup ? "Group" : "User");
  store_put_int(s, 6, a->idPrincipal);
  store_put_text(s, 7, a->bEligible ? "eligible" : "active");
  store_put_text(s, 8, a->zScope ? a->zScope : "/");
  store_put_int(s, 9, w->tNow);
  store_put_text(s, 10, a->zPath);
  store_run(w->pStore, s);
  if( bAudit ) audit_assignment(w, iTenant, a);
}

static const char zSqlCa[] =
  "INSERT INTO ca_policies(tenant, ord, display_name, state, include_users, exclude_users,"
  " include_groups, exclude_groups, include_roles, exclude_roles, include_guest_types,"
  " include_external_tenants, exclude_guest_types, exclude_external_tenants, grant_operator,"
  " grant_controls, path) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)";

void authz_add_ca_policy(World *w, int iTenant, int iOrd, const AuthzCaPolicy *p){
  StoreStmt *s = store_write(w->pStore, zSqlCa);
  char zIn[200], zEx[200];
  if( s==NULL ) return;
  store_put_int(s, 1, iTenant);
  store_put_int(s, 2, iOrd);
  store_put_text(s, 3, p->zDisplayName);
  store_put_text(s, 4, p->zState);
  store_put_text(s, 5, p->zIncludeUsers);
  store_put_text(s, 6, p->zExcludeUsers);
  store_put_text(s, 7, p->zIncludeGroups);
  store_put_text(s, 8, p->zExcludeGroups);
  store_put_text(s, 9, p->zIncludeRoles);
  store_put_text(s, 10, p->zExcludeRoles);
  store_put_text(s, 11, p->mIncludeGuests ? authz_guest_types_format(p->mIncludeGuests, zIn, sizeof(zIn)) : NULL);
  store_put_text(s, 12, p->zIncludeTenants);
  store_put_text(s, 13, p->mExcludeGuests ? authz_guest_types_format(p->mExcludeGuests, zEx, sizeof(zEx)) : NULL);
  store_put_text(s, 14, p->zExcludeTenants);
  store_put_text(s, 15, p->zGrantOperator);
  store_put_text(s, 16, p->zGrantControls);
  store_put_text(s, 17, p->zPath);
  store_run(w->pStore, s);
}

static const char zSqlPerm[] =
  "INSERT INTO app_permissions(tenant, service_principal, app_id, permission, app_role_id, path)"
  " VALUES(?1,?2,?3,?4,?5,?6)";

void authz_add_app_permission(World *w, int iTenant, const char *zName, const char *zAppId,
                              const char *zValue, const char *zId, const char *zPath){
  StoreStmt *s = store_write(w->pStore, zSqlPerm);
  if( s==NULL ) return;
  store_put_int(s, 1, iTenant);
  store_put_text(s, 2, zName);
  store_put_text(s, 3, zAppId);
  store_put_text(s, 4, zValue);
  store_put_text(s, 5, zId);
  store_put_text(s, 6, zPath);
  store_run(w->pStore, s);
}
