/*
** faults.c — injected faults, and the conditions of the target (and the
** source user's mail domain) that fail a creation (faults.h).
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "job.h"
#include "match.h"
#include "directory.h"
#include "faults.h"

void faults_free(World *w){
  int i;
  for(i=0; i<w->nFault; i++) mem_free(w->aFault[i].zCode);
  mem_free(w->aFault);
  w->aFault = NULL;
  w->nFault = 0;
}

static const char zSqlFault[] =
  "INSERT INTO faults(idx, tenant, kind, from_t, until_t, rate, factor, error_code)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)";

int faults_add(World *w, int iTenant, FaultKind eKind, SimTime tFrom, SimTime tUntil,
               double rRate, double rFactor, const char *zCode){
  StoreStmt *s;
  Fault *aNew = mem_realloc(w->aFault, sizeof(Fault)*(size_t)(w->nFault+1));
  Fault *f;
  if( aNew==NULL ){ w->bNoMem = 1; return -1; }
  w->aFault = aNew;
  f = &w->aFault[w->nFault];
  memset(f, 0, sizeof(*f));
  f->iTenant = iTenant;
  f->eKind = eKind;
  f->tFrom = tFrom;
  f->tUntil = tUntil;
  f->rRate = rRate;
  f->rFactor = rFactor;
  if( zCode && (f->zCode = mem_strdup(zCode))==NULL ){ w->bNoMem = 1; return -1; }
  s = store_write(w->pStore, zSqlFault);
  if( s ){
    store_put_int(s, 1, w->nFault);
    store_put_int(s, 2, iTenant);
    store_put_text(s, 3, eKind==FAULT_OUTAGE ? "outage" : eKind==FAULT_TRANSIENT ? "transient"
                        : "throttle");
    store_put_int(s, 4, tFrom);
    store_put_opt_int(s, 5, tUntil, tUntil==FAULTS_NO_END);
    if( eKind==FAULT_TRANSIENT ) store_put_double(s, 6, rRate);
    if( eKind==FAULT_THROTTLE ) store_put_double(s, 7, rFactor);
    store_put_text(s, 8, f->zCode);
    store_run(w->pStore, s);
  }
  w->nFault++;
  return 0;
}

static int fault_active(const Fault *f, int iTenant, SimTime t){
  return f->iTenant==iTenant && f->tFrom<=t && t<f->tUntil;
}

const char *faults_export_error(World *w, int iTenant){
  int i;
  for(i=0; i<w->nFault; i++){
    const Fault *f = &w->aFault[i];
    if( !fault_active(f, iTenant, w->tNow) ) continue;
    if( f->eKind==FAULT_OUTAGE ) return f->zCode;
    if( f->eKind==FAULT_TRANSIENT && rng_unit(&w->rngFaults)<f->rRate ) return f->zCode;
  }
  return NULL;
}

double faults_throttle(const World *w, int iTenant){
  double r = 1.0;
  int i;
  for(i=0; i<w->nFault; i++){
    const Fault *f = &w->aFault[i];
    if( f->eKind==FAULT_THROTTLE && fault_active(f, iTenant, w->tNow) ) r *= f->rFactor;
  }
  return r;
}

/* A plausible SMTP address: one '@' with text on both sides, a dot in the
** domain, and no spaces. */
static int mail_is_valid(const char *z){
  const char *zAt;
  if( z==NULL || strchr(z, ' ') ) return 0;
  zAt = strchr(z, '@');
  return zAt && zAt>z && strchr(zAt+1, '@')==NULL && strchr(zAt+1, '.')
      && zAt[1]!='.' && z[strlen(z)-1]!='.';
}

/* The codes of parameter unverifiedMailError, in the order of its choices
** (params.c; tests/test_domains.c checks that the two agree). */
static const char *const azUnverifiedCode[] = {
  "InvitationCreationFailureInvalidPropertyValue", "InvitationCreationFailure", "InvalidDomain"
};

const char *faults_unverified_code(const World *w){
  int i = w->params.iUnverifiedMailCode;
  return azUnverifiedCode[i>=0 && i<(int)(sizeof(azUnverifiedCode)/sizeof(azUnverifiedCode[0]))
                          ? i : 0];
}

/* Is source user u's mail at a domain its tenant has not verified? Its own
** mail, not the mapped one: the known issue speaks of "the mail of the user
** in the source tenant". A user without a mail, or with one that has no
** domain, is not refused here (the documentation is silent). */
static int mail_unverified(const World *w, const User *u, const char **pzDomain){
  const char *zMail = u ? world_user_attr(w, u, A_MAIL) : NULL;
  *pzDomain = directory_domain_of(zMail);
  return *pzDomain && !directory_domain_verified(w, u->iTenant, *pzDomain);
}

const char *faults_create_error(World *w, const Job *j, const User *u, const char *zMail,
                                const char *zUserType, char *zReason, size_t nReason){
  Tenant *t = &w->aTenant[j->iTarget];
  const char *zCode, *zDomain;
  if( t->bGuestInvitesBlocked ){
    snprintf(zReason, nReason, "Guest invitations not allowed for your company. Contact"
             " your company administrator for more details.");
    return "AzureActiveDirectoryForbidden";
  }
  if( t->nObjectQuota>0 && t->nObjects>=t->nObjectQuota ){
    snprintf(zReason, nReason, "The directory object quota of %s (%lld objects) has been"
             " reached.", t->zKey, (long long)t->nObjectQuota);
    return "AzureActiveDirectoryQuotaLimitExceeded";
  }
  if( (zCode = match_ambiguous_user(w, j->iTarget, zMail, zReason, nReason))!=NULL ){
    return zCode;
  }
  if( zMail && !mail_is_valid(zMail) ){
    snprintf(zReason, nReason, "The primary SMTP address '%s' is not valid.", zMail);
    return "InvitationCreationFailureInvalidPropertyValue";
  }
  if( zUserType && strcmp(zUserType, "Member")!=0 && strcmp(zUserType, "Guest")!=0 ){
    snprintf(zReason, nReason, "userType '%s' is neither Guest nor Member.", zUserType);
    return "InvitationCreationFailureInvalidPropertyValue";
  }
  if( mail_unverified(w, u, &zDomain) ){
    snprintf(zReason, nReason, "The mail '%s' of the source user is from the domain %s, which"
             " is not a verified domain of %s: the external user is not created. Verify the"
             " domain in %s or change the user's mail.", world_user_attr(w, u, A_MAIL), zDomain,
             w->aTenant[u->iTenant].zKey, w->aTenant[u->iTenant].zKey);
    return faults_unverified_code(w);
  }
  return NULL;
}
