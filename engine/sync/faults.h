/*
** faults.h — what makes an export into a target tenant fail.
**
** Injected faults (scenario "faults"): an outage window in which every
** export to the target fails, a transient window in which each export
** fails with a given probability (drawn from the seeded "faults" stream)
** and a given code (TooManyRequests, InternalServerError, Timeout), and a
** throttling window that stretches the time each object takes.
**
** Conditions of the target that fail a creation, with the documented
** cross-tenant codes (entra-facts §11.3):
**   AzureActiveDirectoryForbidden — guest invitations at the most
**     restrictive setting;
**   AzureActiveDirectoryQuotaLimitExceeded — the directory object quota
**     is reached;
**   InvitationCreationFailureAmbiguousUser — an internal user of the
**     target holds the same mail (proxy address; the rule is in match.h);
**   InvitationCreationFailureInvalidPropertyValue — the mail to invite is
**     not a valid address, or userType is neither Member nor Guest.
** And a condition of the source: the source user's mail is at no verified
** domain of its tenant ("The external user will not be created
** successfully if the mail is from an unverified domain", Known issues,
** S15; directory.h keeps the domains). Microsoft names no error code for
** it; params.iUnverifiedMailCode chooses one (faults_unverified_code).
** Each of these fails the export: it is escrowed and retried every cycle,
** so a mail or setting put right is taken at the next one.
*/
#ifndef TS_FAULTS_H
#define TS_FAULTS_H
#include <stddef.h>
#include "world.h"

typedef struct Job Job;

/* One injected fault window against a target tenant (faults.h). */
typedef enum FaultKind { FAULT_OUTAGE, FAULT_TRANSIENT, FAULT_THROTTLE } FaultKind;
struct Fault {
  int iTenant;             /* the target tenant it affects */
  FaultKind eKind;
  SimTime tFrom, tUntil;   /* active for tFrom <= t < tUntil */
  double rRate;            /* FAULT_TRANSIENT: probability an export fails */
  double rFactor;          /* FAULT_THROTTLE: cost multiplier */
  char *zCode;             /* error code of failed exports */
};


/* Free the World's fault windows (engine_close calls it). */
void faults_free(World *w);

/* The tUntil of a fault that does not end within the run (until_t NULL). */
#define FAULTS_NO_END INT64_MAX

/* Add a fault window (zCode copied; NULL for throttling). 0, or -1 OOM. */
int faults_add(World *w, int iTenant, FaultKind eKind, SimTime tFrom, SimTime tUntil,
               double rRate, double rFactor, const char *zCode);

/* The error code with which an export to tenant iTenant fails at w->tNow,
** or NULL. A transient window draws once from the faults stream. */
const char *faults_export_error(World *w, int iTenant);

/* How many times longer an object takes at w->tNow (1.0 unthrottled). */
double faults_throttle(const World *w, int iTenant);

/* The error code a creation fails with when the source user's mail is at
** an unverified domain: the word of parameter unverifiedMailError that
** params.iUnverifiedMailCode indexes (a static string). */
const char *faults_unverified_code(const World *w);

/* Why creating a B2B user for source user u with mail zMail and userType
** zUserType in job j's target fails, or NULL; the reason text goes into
** zReason[nReason]. */
const char *faults_create_error(World *w, const Job *j, const User *u, const char *zMail,
                                const char *zUserType, char *zReason, size_t nReason);

#endif
