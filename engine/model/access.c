/*
** access.c — MFA registrations and the evaluation of a synced account's
** sign-in into its resource tenant (access.h states the rules).
**
** Sources: the error codes and their descriptions are Microsoft's AADSTS
** reference ("Microsoft Entra authentication and authorization error
** codes"); the results are Graph's appliedConditionalAccessPolicyResult
** and signIn's conditionalAccessStatus; the audit activities are the
** Authentication Methods rows of the audit activity reference. Exported
** sign-in logs write enforcedGrantControls "Mfa" and "Block"; the names of
** the other controls here, and "MFA requirement satisfied by claim in the
** token" as the additionalDetails of a sign-in whose MFA came from the
** home tenant, are tenantsim's reading (README, "The sign-in log").
**
** The policies are read from the run database (ca_policies, as
** engine/model/authz.c wrote them), so a policy is evaluated as stored:
** users and groups by object id, roles by template id, tenants by id.
*/
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "mem.h"
#include "rng.h"
#include "audit.h"
#include "authz.h"
#include "policy.h"
#include "access.h"

/* ------------------------------------------------------ MFA methods */

static const char *const azMethod[] = {
  "microsoftAuthenticator", "phone", "fido2", "softwareOath", "windowsHelloForBusiness",
  "temporaryAccessPass", NULL
};

const char *const *access_method_names(void){ return azMethod; }

int access_method_known(const char *z){
  int i;
  for(i=0; z && azMethod[i]; i++) if( strcmp(azMethod[i], z)==0 ) return 1;
  return 0;
}

static const char zSqlMfaSet[] =
  "INSERT INTO mfa_registrations(at, user_id, registered, method, registered_by)"
  " VALUES(?1,?2,?3,?4,?5)";
static const char zSqlMfaGet[] =
  "SELECT registered FROM mfa_registrations WHERE user_id=?1 ORDER BY id DESC LIMIT 1";

void access_set_mfa(World *w, int64_t idUser, int bRegistered, AccessBy eBy, const char *zMethod){
  static const char *const azBy[] = { "declared", "user", "admin" };
  User *u = world_user(w, idUser);
  StoreStmt *s = store_write(w->pStore, zSqlMfaSet);
  const char *zUpn = world_user_attr(w, u, A_USER_PRINCIPAL_NAME);
  char zDetail[100];
  if( s ){
    store_put_int(s, 1, w->tNow);
    store_put_int(s, 2, idUser);
    store_put_int(s, 3, bRegistered!=0);
    store_put_text(s, 4, zMethod);
    store_put_text(s, 5, azBy[eBy]);
    store_run(w->pStore, s);
  }
  if( eBy==ACCESS_BY_DECLARED ) return;
  snprintf(zDetail, sizeof(zDetail), "method=%s", zMethod ? zMethod : "unspecified");
  audit_write(w, u->iTenant, "UserManagement", eBy==ACCESS_BY_USER ? "User registered security info"
              : "Admin registered security info", eBy==ACCESS_BY_USER && zUpn ? zUpn : "admin",
              "User", u->zObjectId, zUpn, zDetail);
}

int access_mfa_registered(World *w, int64_t idUser){
  sqlite3_stmt *s = store_stmt(w->pStore, zSqlMfaGet);
  int b = 1;
  if( s==NULL ) return 1;
  sqlite3_bind_int64(s, 1, idUser);
  if( sqlite3_step(s)==SQLITE_ROW ) b = sqlite3_column_int(s, 0);
  sqlite3_reset(s);
  return b;
}

/* ------------------------------------------------------------ errors */

typedef struct AccessError { int n; const char *zName, *zReason; } AccessError;

static const AccessError aErr[] = {
  { 50020, "UserUnauthorized", "User account from the identity provider does not exist in the"
    " tenant and cannot access the application." },
  { 50034, "UserAccountNotFound", "To sign into this application, the account must be added to"
    " the directory." },
  { 50057, "UserDisabled", "The user account is disabled." },
  { 50076, "UserStrongAuthClientAuthNRequired", "The user must use multi-factor authentication"
    " to access this resource." },
  { 50079, "UserStrongAuthEnrollmentRequired", "The user is required to use multi-factor"
    " authentication." },
  { 53000, "DeviceNotCompliant", "Conditional Access policy requires a compliant device, and the"
    " device is not compliant." },
  { 53001, "DeviceNotDomainJoined", "Conditional Access policy requires a domain joined device,"
    " and the device is not domain joined." },
  { 53002, "ApplicationUsedIsNotAnApprovedApp", "The app used is not an approved app for"
    " Conditional Access." },
  { 53003, "BlockedByConditionalAccess", "Access has been blocked by Conditional Access"
    " policies. The access policy does not allow token issuance." },
};

static const AccessError *error_of(int n){
  size_t i;
  for(i=0; i<sizeof(aErr)/sizeof(aErr[0]); i++) if( aErr[i].n==n ) return &aErr[i];
  return NULL;
}

/* Which failure wins when several policies fail: a block, then what the
** user cannot answer (a device or app control), then the MFA interrupt. */
static int error_rank(int n){
  if( n==53003 ) return 3;
  if( n>=53000 && n<=53002 ) return 2;
  return n ? 1 : 0;
}

static int is_interrupt(int n){ return n==50076 || n==50079; }

/* ----------------------------------------------------- user conditions */

/* The account signing in, as the user conditions see it. */
typedef struct Subject {
  World *w;
  int iResource;
  const User *pAccount;
  unsigned mType;          /* its AUTHZ_GUEST_* type */
  const char *zHomeTenantId;
} Subject;

/* Is z one of the comma-separated items of zList (any case)? */
static int list_has(const char *zList, const char *z){
  size_t n = strlen(z);
  while( zList && *zList ){
    size_t k = strcspn(zList, ",");
    if( k==n && strncasecmp(zList, z, n)==0 ) return 1;
    zList += k;
    if( *zList ) zList++;
  }
  return 0;
}

/* The next item of *pz into z[n] ("" at the end); *pz moves past it. */
static const char *next_item(const char **pz, char *z, size_t n){
  size_t k = strcspn(*pz, ",");
  snprintf(z, n, "%.*s", (int)(k<n ? k : n-1), *pz);
  *pz += k;
  if( **pz ) (*pz)++;
  return z;
}

static int groups_has(const Subject *x, const char *zList){
  int i;
  for(i=0; zList && i<x->pAccount->nGroup; i++){
    const Group *g = &x->w->aGroup[x->pAccount->aGroup[i]];
    if( g->tDeleted<0 && list_has(zList, g->zObjectId) ) return 1;
  }
  return 0;
}

/* The template ids of the roles the account holds actively now, itself or
** through a group it is a member of. */
static const char zSqlRoles[] =
  "SELECT group_concat(role_template_id) FROM role_assignments WHERE tenant=?1"
  " AND assignment='active' AND assigned_at<=?3 AND ((principal_type='User' AND principal=?2)"
  " OR (principal_type='Group' AND principal IN (SELECT group_idx FROM group_members"
  " WHERE user_id=?2)))";

static int roles_has(const Subject *x, const char *zList){
  sqlite3_stmt *s;
  const char *zHeld;
  char z[64];
  int b = 0;
  if( zList==NULL || (s = store_stmt(x->w->pStore, zSqlRoles))==NULL ) return 0;
  sqlite3_bind_int(s, 1, x->iResource);
  sqlite3_bind_int64(s, 2, x->pAccount->id);
  sqlite3_bind_int64(s, 3, x->w->tNow);
  if( sqlite3_step(s)==SQLITE_ROW && (zHeld = (const char*)sqlite3_column_text(s, 0))!=NULL ){
    while( !b && *zList ) b = list_has(zHeld, next_item(&zList, z, sizeof(z)));
  }
  sqlite3_reset(s);
  return b;
}

/* includeGuestsOrExternalUsers (or exclude...): zTypes the flags, zTenants
** "all", tenant ids, or NULL (not given: every tenant). */
static int guests_has(const Subject *x, const char *zTypes, const char *zTenants){
  unsigned m = 0;
  char z[64];
  while( zTypes && *zTypes ) m |= authz_guest_type_bit(next_item(&zTypes, z, sizeof(z)));
  if( (m & x->mType)==0 ) return 0;
  return zTenants==NULL || strcmp(zTenants, "all")==0 || list_has(zTenants, x->zHomeTenantId);
}

/* One side (include or exclude) of a policy's user conditions: columns
** iCol (users), +2 (groups), +4 (roles) and iGuest, iGuest+1 (guest types,
** tenants) of row s. Every account here is a B2B user, so the legacy
** GuestsOrExternalUsers value covers it. */
static int side_has(const Subject *x, sqlite3_stmt *s, int iCol, int iGuest){
  const char *zUsers = (const char*)sqlite3_column_text(s, iCol);
  return list_has(zUsers, "All") || list_has(zUsers, "GuestsOrExternalUsers")
      || list_has(zUsers, x->pAccount->zObjectId)
      || groups_has(x, (const char*)sqlite3_column_text(s, iCol+2))
      || roles_has(x, (const char*)sqlite3_column_text(s, iCol+4))
      || guests_has(x, (const char*)sqlite3_column_text(s, iGuest),
                    (const char*)sqlite3_column_text(s, iGuest+1));
}

/* ------------------------------------------------------ grant controls */

/* The claims the home tenant sends and what the resource tenant's inbound
** trust (its partner configuration for the home tenant, else its default
** policy) accepts of them. */
typedef struct Claims {
  int abTrust[3];          /* MFA, compliant device, hybrid joined accepted */
  int abDefault[3];        /* ... as the default policy says (not the partner's) */
  int bRegistered;         /* the home user has an MFA method */
  unsigned mDevice;
  const char *zHome, *zResource;   /* tenant keys */
} Claims;

static const PolicyField aTrustField[3] = { PF_TRUST_MFA, PF_TRUST_COMPLIANT, PF_TRUST_HYBRID };

static void claims_init(World *w, int iResource, int iHome, int64_t idHome, unsigned mDevice,
                        Claims *c){
  const Policy *p = policy_find(w, iResource, iHome);
  int k;
  for(k=0; k<3; k++){
    int v = !p ? -1 : k==0 ? p->trustMfa : k==1 ? p->trustCompliant : p->trustHybrid;
    c->abTrust[k] = policy_effective(w, iResource, iHome, aTrustField[k]);
    c->abDefault[k] = v<0;
  }
  c->bRegistered = access_mfa_registered(w, idHome);
  c->mDevice = mDevice;
  c->zHome = w->aTenant[iHome].zKey;
  c->zResource = w->aTenant[iResource].zKey;
}

/* The built-in controls: scenario name, the enforcedGrantControls name. */
static const struct { const char *zName, *zLog; } aControl[] = {
  { "block", "Block" }, { "mfa", "Mfa" }, { "compliantDevice", "RequireCompliantDevice" },
  { "domainJoinedDevice", "RequireDomainJoinedDevice" },
  { "approvedApplication", "RequireApprovedApp" },
  { "compliantApplication", "RequireCompliantApp" }, { "passwordChange", "PasswordChange" },
};
#define N_CONTROL ((int)(sizeof(aControl)/sizeof(aControl[0])))

/* A device control k (1 compliant, 2 hybrid joined) with claim bit m. */
static int device_control(const Claims *c, int k, unsigned m, int *pnErr, char *z, size_t n){
  const char *zWhat = k==1 ? "compliant device" : "hybrid joined device";
  const char *zDef = c->abDefault[k] ? ", default policy" : "";
  *pnErr = k==1 ? 53000 : 53001;
  if( !(c->mDevice & m) ){
    snprintf(z, n, "%s not satisfied: the sign-in presents no %s claim", zWhat, zWhat);
    return 0;
  }
  if( !c->abTrust[k] ){
    snprintf(z, n, "%s not satisfied: %s does not accept %s's %s claim (inbound trust%s)", zWhat,
             c->zResource, c->zHome, zWhat, zDef);
    return 0;
  }
  snprintf(z, n, "%s satisfied by %s's claim (inbound trust%s)", zWhat, c->zHome, zDef);
  return 1;
}

/* Does control iCtl pass? Its failure's error into *pnErr, words into z. */
static int control_passes(const Claims *c, int iCtl, int *pnErr, char *z, size_t n){
  const char *zDef = c->abDefault[0] ? ", default policy" : "";
  switch( iCtl ){
    case 0:
      *pnErr = 53003;
      snprintf(z, n, "access blocked");
      return 0;
    case 1:
      if( !c->abTrust[0] ){
        *pnErr = 50076;
        snprintf(z, n, "MFA not satisfied: %s does not accept %s's MFA claim (inbound trust%s),"
                 " and MFA in %s is not modelled", c->zResource, c->zHome, zDef, c->zResource);
        return 0;
      }
      if( !c->bRegistered ){
        *pnErr = 50079;
        snprintf(z, n, "MFA not satisfied: the user has no MFA method registered in %s", c->zHome);
        return 0;
      }
      snprintf(z, n, "MFA satisfied by %s's claim (inbound trust%s)", c->zHome, zDef);
      return 1;
    case 2: return device_control(c, 1, ACCESS_DEVICE_COMPLIANT, pnErr, z, n);
    case 3: return device_control(c, 2, ACCESS_DEVICE_HYBRID, pnErr, z, n);
    default:
      *pnErr = iCtl==6 ? 53003 : 53002;
      snprintf(z, n, "%s not satisfied (not modelled)", aControl[iCtl].zName);
      return 0;
  }
}

/* Append zText to the text z[n], after zSep unless z is empty; cut at n. */
static void text_add(char *z, size_t n, const char *zSep, const char *zText){
  size_t k = strlen(z), m;
  if( k ){
    m = strlen(zSep);
    if( m>n-1-k ) m = n-1-k;
    memcpy(z+k, zSep, m);
    k += m;
  }
  m = strlen(zText);
  if( m>n-1-k ) m = n-1-k;
  memcpy(z+k, zText, m);
  z[k+m] = 0;
}

/* Append z to the words of p, after zSep unless they are empty. */
static void why_add(AccessPolicy *p, const char *zSep, const char *z){
  text_add(p->zWhy, sizeof(p->zWhy), zSep, z);
}

/* The grant controls zControls (operator zOp) of an applying policy p. */
static void policy_grant(const Claims *c, const char *zOp, const char *zControls, AccessPolicy *p){
  int bAnd = zOp && strcmp(zOp, "AND")==0;
  int nCtl = 0, nPass = 0, bBlock = 0, bMfa = 0, bOtherPass = 0, nErrMfa = 0, nErrOther = 0;
  char zOk[TS_REASON_MAX] = "", zBad[TS_REASON_MAX] = "", z[TS_REASON_MAX], zName[64];
  while( zControls && *zControls ){
    int i, nErr = 0, bPass;
    next_item(&zControls, zName, sizeof(zName));
    for(i=0; i<N_CONTROL && strcmp(aControl[i].zName, zName)!=0; i++){}
    if( i==N_CONTROL ) continue;
    nCtl++;
    bPass = control_passes(c, i, &nErr, z, sizeof(z));
    bBlock |= i==0;
    bMfa |= i==1;
    if( bPass ){
      nPass++;
      bOtherPass |= i!=1;
      text_add(zOk, sizeof(zOk), " and ", z);
    }else{
      if( i==1 ) nErrMfa = nErr;
      else if( nErrOther==0 ) nErrOther = nErr;
      text_add(zBad, sizeof(zBad), "; ", z);
    }
  }
  if( nCtl==0 ){
    p->bSatisfied = 1;
    why_add(p, "", "no grant control");
    return;
  }
  p->bSatisfied = !bBlock && (bAnd ? nPass==nCtl : nPass>0);
  p->bNeedsMfa = bMfa && !bBlock && (bAnd || !bOtherPass);
  if( p->bSatisfied ){ why_add(p, "", zOk); return; }
  why_add(p, "", zBad);
  if( bBlock ) p->nError = 53003;
  else if( bAnd ) p->nError = nErrOther ? nErrOther : nErrMfa;
  else p->nError = bMfa ? nErrMfa : nErrOther;
}

/* The enforcedGrantControls of zControls as JSON array items into p. */
static void policy_controls(const char *zControls, AccessPolicy *p){
  char zName[64];
  size_t k = 0;
  while( zControls && *zControls ){
    int i;
    next_item(&zControls, zName, sizeof(zName));
    for(i=0; i<N_CONTROL && strcmp(aControl[i].zName, zName)!=0; i++){}
    if( i<N_CONTROL && k<sizeof(p->zControls) ){
      k += (size_t)snprintf(p->zControls+k, sizeof(p->zControls)-k, "%s\"%s\"", k ? "," : "",
                            aControl[i].zLog);
    }
  }
}

/* --------------------------------------------------------- evaluation */

static const char zSqlCa[] =
  "SELECT ord, display_name, state, include_users, exclude_users, include_groups, exclude_groups,"
  " include_roles, exclude_roles, include_guest_types, include_external_tenants,"
  " exclude_guest_types, exclude_external_tenants, grant_operator, grant_controls"
  " FROM ca_policies WHERE tenant=?1 ORDER BY ord";

/* Policy row s as it bears on subject x with claims c, into p. */
static void policy_eval(const Subject *x, const Claims *c, sqlite3_stmt *s, AccessPolicy *p){
  const char *zState = (const char*)sqlite3_column_text(s, 2);
  char zName[200];
  snprintf(zName, sizeof(zName), "caPolicy:%s:%d", x->w->aTenant[x->iResource].zTenantId,
           sqlite3_column_int(s, 0));
  rng_guid_of(x->w->seed, zName, p->zId);
  policy_controls((const char*)sqlite3_column_text(s, 14), p);
  p->bEnforced = zState && strcmp(zState, "enabled")==0;
  p->bReportOnly = zState && strcmp(zState, "enabledForReportingButNotEnforced")==0;
  if( !p->bEnforced && !p->bReportOnly ){
    p->zResult = "notEnabled";
    why_add(p, "", "disabled");
    return;
  }
  if( !side_has(x, s, 3, 9) ){
    why_add(p, "", "does not include the account");
  }else if( side_has(x, s, 4, 11) ){
    why_add(p, "", "excludes the account");
  }else{
    p->bApplies = 1;
    policy_grant(c, (const char*)sqlite3_column_text(s, 13), (const char*)sqlite3_column_text(s, 14), p);
  }
  if( !p->bApplies ) p->zResult = p->bReportOnly ? "reportOnlyNotApplied" : "notApplied";
  else if( p->bSatisfied ) p->zResult = p->bReportOnly ? "reportOnlySuccess" : "success";
  else if( !p->bReportOnly ) p->zResult = "failure";
  else p->zResult = is_interrupt(p->nError) ? "reportOnlyInterrupted" : "reportOnlyFailure";
}

/* Fail s before Conditional Access with error n, for reason zWhy. */
static void fail_early(AccessSignIn *s, int n, const char *zWhy){
  s->nError = n;
  s->zPreCa = zWhy;
}

/* The home user's live account in tenant iResource (its B2B user, found
** by the home identity it carries), or 0. */
static int64_t account_of(World *w, int iResource, const User *h){
  int64_t v = 0;
  if( h->zNetId==NULL || !idmap_get(&w->aTenant[iResource].altSec, h->zNetId, &v) ) return 0;
  return v>0 && user_is_live(world_user(w, v)) ? v : 0;
}

/* Read the resource tenant's policies into s; 0, or TS_NOMEM. */
static int evaluate_policies(World *w, const Subject *x, const Claims *c, AccessSignIn *s){
  sqlite3_stmt *q = store_stmt(w->pStore, zSqlCa);
  int rc = TS_OK;
  if( q==NULL ) return TS_OK;
  sqlite3_bind_int(q, 1, s->iResource);
  while( sqlite3_step(q)==SQLITE_ROW ){
    AccessPolicy *p;
    if( mem_grow_int((void**)&s->aPolicy, s->nPolicy, &s->nPolicyAlloc, sizeof(AccessPolicy)) ){
      rc = TS_NOMEM;
      break;
    }
    p = &s->aPolicy[s->nPolicy++];
    memset(p, 0, sizeof(*p));
    if( (p->zDisplayName = mem_strdup((const char*)sqlite3_column_text(q, 1)))==NULL ){
      rc = TS_NOMEM;
      break;
    }
    policy_eval(x, c, q, p);
  }
  sqlite3_reset(q);
  return rc;
}

/* The outcome of s from its policies. */
static void conclude(AccessSignIn *s){
  int i, bApplied = 0, bFailed = 0, bMfa = 0, bMfaByClaim = 0, iBest = -1;
  for(i=0; i<s->nPolicy; i++){
    const AccessPolicy *p = &s->aPolicy[i];
    if( !p->bEnforced || !p->bApplies ) continue;
    bApplied = 1;
    bMfa |= p->bNeedsMfa;
    bMfaByClaim |= p->bNeedsMfa && p->bSatisfied;
    if( p->bSatisfied ) continue;
    bFailed = 1;
    if( iBest<0 || error_rank(p->nError)>error_rank(s->aPolicy[iBest].nError) ) iBest = i;
  }
  s->zCaStatus = !bApplied ? "notApplied" : bFailed ? "failure" : "success";
  s->zRequirement = bMfa ? "multiFactorAuthentication" : "singleFactorAuthentication";
  if( iBest>=0 ) s->nError = s->aPolicy[iBest].nError;
  if( s->nError==0 && bMfaByClaim ) s->zAdditional = "MFA requirement satisfied by claim in the token";
}

int access_evaluate(World *w, int iResource, int iHome, int64_t idHome, unsigned mDevice,
                    AccessSignIn *s){
  const User *h = world_user(w, idHome);
  Subject x;
  Claims c;
  int rc = TS_OK;
  memset(s, 0, sizeof(*s));
  s->iResource = iResource;
  s->iHome = iHome;
  s->idHome = idHome;
  s->mDevice = mDevice;
  s->zCaStatus = "notApplied";
  s->zRequirement = "singleFactorAuthentication";
  if( !user_is_live(h) ){
    fail_early(s, 50034, "the home account does not exist");
  }else if( !attr_is_true(world_user_attr(w, h, A_ACCOUNT_ENABLED)) ){
    fail_early(s, 50057, "the home account is disabled");
  }else if( (s->idAccount = account_of(w, iResource, h))==0 ){
    fail_early(s, 50020, "it has no account in the resource tenant");
  }else{
    const User *a = world_user(w, s->idAccount);
    int bMember = world_user_attr(w, a, A_USER_TYPE) && strcmp(world_user_attr(w, a, A_USER_TYPE), "Member")==0;
    s->zUserType = bMember ? "member" : "guest";
    if( !attr_is_true(world_user_attr(w, a, A_ACCOUNT_ENABLED)) ){
      fail_early(s, 50057, "its account in the resource tenant is disabled");
    }else{
      memset(&x, 0, sizeof(x));
      x.w = w;
      x.iResource = iResource;
      x.pAccount = a;
      x.mType = bMember ? AUTHZ_GUEST_B2B_MEMBER : AUTHZ_GUEST_B2B_GUEST;
      x.zHomeTenantId = w->aTenant[iHome].zTenantId;
      claims_init(w, iResource, iHome, idHome, mDevice, &c);
      rc = evaluate_policies(w, &x, &c, s);
      conclude(s);
    }
  }
  if( rc ){
    w->bNoMem = 1;
    return rc;
  }
  if( s->nError ){
    const AccessError *e = error_of(s->nError);
    s->zErrorName = e ? e->zName : NULL;
    s->zFailureReason = e ? e->zReason : NULL;
  }
  s->zResult = s->nError==0 ? "success" : is_interrupt(s->nError) ? "interrupted" : "failure";
  return TS_OK;
}

void access_sign_in_free(AccessSignIn *s){
  int i;
  for(i=0; i<s->nPolicy; i++) mem_free(s->aPolicy[i].zDisplayName);
  mem_free(s->aPolicy);
  s->aPolicy = NULL;
  s->nPolicy = s->nPolicyAlloc = 0;
}

void access_describe(World *w, const AccessSignIn *s, int bReportOnly, StrBuf *pOut){
  int i, nApplied = 0;
  strbuf_append(pOut, s->zResult);
  if( s->nError ) strbuf_printf(pOut, " (%d %s)", s->nError, s->zErrorName ? s->zErrorName : "");
  if( s->zPreCa ){
    strbuf_printf(pOut, ": %s", s->zPreCa);
    return;
  }
  for(i=0; i<s->nPolicy; i++){
    const AccessPolicy *p = &s->aPolicy[i];
    if( !p->bApplies || (p->bReportOnly && !bReportOnly) ) continue;
    strbuf_printf(pOut, "; %s%s: %s", p->zDisplayName, p->bReportOnly ? " (report-only)" : "", p->zWhy);
    nApplied += p->bEnforced;
  }
  if( nApplied==0 ) strbuf_printf(pOut, "; no enforced Conditional Access policy of %s applies",
                                  w->aTenant[s->iResource].zKey);
}

/* ------------------------------------------------------------- the row */

static const char zSqlSignIn[] =
  "INSERT INTO sign_ins(tenant, sign_in_id, at, home_tenant, home_tenant_id, resource_tenant_id,"
  " home_user, account, user_id, user_principal_name, user_display_name, user_type,"
  " cross_tenant_access_type, device_compliant, device_trust_type, conditional_access_status,"
  " applied_policies, authentication_requirement, error_code, failure_reason,"
  " additional_details, result, detail)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,'b2bCollaboration',?13,?14,?15,?16,?17,?18,"
  "?19,?20,?21,?22)";

/* The appliedConditionalAccessPolicies of s as a JSON array, into *b. */
static void policies_json(const AccessSignIn *s, StrBuf *b){
  int i;
  strbuf_appendc(b, '[');
  for(i=0; i<s->nPolicy; i++){
    const AccessPolicy *p = &s->aPolicy[i];
    strbuf_printf(b, "%s{\"id\":\"%s\",\"displayName\":", i ? "," : "", p->zId);
    strbuf_json_string(b, p->zDisplayName);
    strbuf_printf(b, ",\"enforcedGrantControls\":[%s],\"enforcedSessionControls\":[],"
                  "\"result\":\"%s\"}", p->zControls, p->zResult);
  }
  strbuf_appendc(b, ']');
}

static const char zSqlNextSignIn[] = "SELECT coalesce(max(id), 0)+1 FROM sign_ins";

/* The row of s. Its id is named by its place in the log, not drawn from a
** stream, so a sign-in does not move the ids of the events after it. */
static void write_row(World *w, const AccessSignIn *s, const char *zPolicies, const char *zDetail){
  sqlite3_stmt *q = store_stmt(w->pStore, zSqlNextSignIn);
  StoreStmt *r;
  const User *h = world_user(w, s->idHome);
  const User *a = s->idAccount ? world_user(w, s->idAccount) : NULL;
  char zId[TS_GUID_SIZE], zName[200];
  int64_t iRow = 1;
  if( q && sqlite3_step(q)==SQLITE_ROW ) iRow = sqlite3_column_int64(q, 0);
  if( q ) sqlite3_reset(q);
  if( (r = store_write(w->pStore, zSqlSignIn))==NULL ) return;
  snprintf(zName, sizeof(zName), "signIn:%s:%lld", w->aTenant[s->iResource].zTenantId,
           (long long)iRow);
  rng_guid_of(w->seed, zName, zId);
  store_put_int(r, 1, s->iResource);
  store_put_text(r, 2, zId);
  store_put_int(r, 3, w->tNow);
  store_put_int(r, 4, s->iHome);
  store_put_text(r, 5, w->aTenant[s->iHome].zTenantId);
  store_put_text(r, 6, w->aTenant[s->iResource].zTenantId);
  store_put_int(r, 7, s->idHome);
  store_put_opt_int(r, 8, s->idAccount, a==NULL);
  store_put_text(r, 9, a ? a->zObjectId : NULL);
  store_put_text(r, 10, world_user_attr(w, h, A_USER_PRINCIPAL_NAME));
  store_put_text(r, 11, a ? world_user_attr(w, a, A_DISPLAY_NAME) : world_user_attr(w, h, A_DISPLAY_NAME));
  store_put_text(r, 12, s->zUserType);
  store_put_int(r, 13, (s->mDevice & ACCESS_DEVICE_COMPLIANT)!=0);
  store_put_text(r, 14, (s->mDevice & ACCESS_DEVICE_HYBRID) ? "Hybrid Azure AD joined" : NULL);
  store_put_text(r, 15, s->zCaStatus);
  store_put_text(r, 16, zPolicies);
  store_put_text(r, 17, s->zRequirement);
  store_put_int(r, 18, s->nError);
  store_put_text(r, 19, s->zFailureReason);
  store_put_text(r, 20, s->zAdditional);
  store_put_text(r, 21, s->zResult);
  store_put_text(r, 22, zDetail);
  store_run(w->pStore, r);
}

int access_sign_in(World *w, int iResource, int iHome, int64_t idHome, unsigned mDevice,
                   char *zSummary, size_t n){
  AccessSignIn s;
  StrBuf json, words, brief;
  int rc;
  strbuf_init(&json);
  strbuf_init(&words);
  strbuf_init(&brief);
  rc = access_evaluate(w, iResource, iHome, idHome, mDevice, &s);
  if( rc==TS_OK ){
    policies_json(&s, &json);
    access_describe(w, &s, 1, &words);
    access_describe(w, &s, 0, &brief);
    if( json.bErr || words.bErr || brief.bErr ) rc = TS_NOMEM;
  }
  if( rc==TS_OK ){
    const User *h = world_user(w, idHome);
    write_row(w, &s, strbuf_str(&json), strbuf_str(&words));
    snprintf(zSummary, n, "%s signs in to %s from %s: %s", world_user_attr(w, h, A_USER_PRINCIPAL_NAME),
             w->aTenant[iResource].zKey, w->aTenant[iHome].zKey, strbuf_str(&brief));
  }else{
    w->bNoMem = 1;
    snprintf(zSummary, n, "sign-in not evaluated: out of memory");
  }
  rc = rc ? -1 : s.nError==0;
  access_sign_in_free(&s);
  strbuf_free(&json);
  strbuf_free(&words);
  strbuf_free(&brief);
  return rc;
}
