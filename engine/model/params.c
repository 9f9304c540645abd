/*
** params.c — the model parameters' table and defaults (params.h). README's
** "Model parameters" gives each one's source; tests/test_params.c checks
** that README's table and this one name the same parameters with the same
** defaults.
*/
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "params.h"

#define F(x) offsetof(SimParams, x)

static const ParamInfo aParam[] = {
  { "interval", PK_DURATION, F(interval), 0, 60, 0, 0, NULL, "PT40M",
    "at least PT1M" },
  { "costPerObjectMinutes", PK_RANGE, F(rCreateMinMinutes), F(rCreateMaxMinutes), 0, 60, 0, NULL,
    "[0.01, 0.08]", "[min, max] minutes per created object with 0 < min <= max <= 60" },
  { "matchCostRatio", PK_REAL, F(rMatchRatio), 0, 0, 10, 0, NULL, "0.5", "a number in (0, 10]" },
  { "skipCostRatio", PK_REAL, F(rSkipRatio), 0, 0, 10, 1, NULL, "0.05", "a number in [0, 10]" },
  { "cycleOverhead", PK_DURATION, F(cycleOverhead), 0, 0, 0, 0, NULL, "PT1M", NULL },
  { "softDeleteRetention", PK_DURATION, F(softDeleteRetention), 0, 0, 0, 0, NULL, "P30D", NULL },
  { "metricInterval", PK_DURATION, F(metricInterval), 0, 1, 0, 0, NULL, "PT5M", "at least PT1S" },
  { "escrowRetry", PK_CHOICE, F(bEscrowBackoff), 0, 0, 0, 0, "nextCycle|backoff", "nextCycle",
    "\"nextCycle\" or \"backoff\" (6 h, 12 h, 24 h, then daily)" },
  { "escrowLifetime", PK_DURATION, F(escrowLifetime), 0, 0, 0, 0, NULL, "P28D", NULL },
  { "quarantineMinFailures", PK_INT, F(nQuarMinFailures), 0, 1, 1e9, 0, NULL, "5000", NULL },
  { "quarantineProportion", PK_REAL, F(rQuarProportion), 0, 0, 1, 0, NULL, "0.40",
    "a number in (0, 1]" },
  { "quarantineBaseFailures", PK_INT, F(nQuarBase), 0, 1, 1e9, 0, NULL, "40000", NULL },
  { "quarantineTotalFailures", PK_INT, F(nQuarTotal), 0, 1, 1e9, 0, NULL, "60000", NULL },
  { "quarantineMaxInterval", PK_DURATION, F(quarMaxInterval), 0, 0, 0, 0, NULL, "P1D", NULL },
  { "quarantineDisableAfter", PK_DURATION, F(quarDisableAfter), 0, 0, 0, 0, NULL, "P28D", NULL },
  { "notificationDelay", PK_DURATION, F(notificationDelay), 0, 0, 0, 0, NULL, "PT1H", NULL },
  { "dynamicMembershipDelay", PK_DURATION, F(dynamicMembershipDelay), 0, 0, 0, 0, NULL, "PT10M", NULL },
  { "deleteThresholdBoundary", PK_CHOICE, F(bDeleteThresholdMet), 0, 0, 0, 0, "exceeded|met",
    "exceeded", "\"exceeded\" or \"met\"" },
  { "skipOutOfScopeDeletions", PK_CHOICE, F(bSkipOosHonoured), 0, 0, 0, 0, "ignored|honoured",
    "ignored", "\"ignored\" or \"honoured\"" },
  { "unverifiedMailError", PK_CHOICE, F(iUnverifiedMailCode), 0, 0, 0, 0,
    "InvitationCreationFailureInvalidPropertyValue|InvitationCreationFailure|InvalidDomain",
    "InvitationCreationFailureInvalidPropertyValue",
    "\"InvitationCreationFailureInvalidPropertyValue\", \"InvitationCreationFailure\" or"
    " \"InvalidDomain\"" },
  { "accessReviewRemoval", PK_CHOICE, F(bReviewNotRestored), 0, 0, 0, 0,
    "reprovisioned|notRestored", "reprovisioned", "\"reprovisioned\" or \"notRestored\"" },
  { "backupRecovery", PK_CHOICE, F(bBackupResync), 0, 0, 0, 0, "untilSourceChange|nextCycle",
    "untilSourceChange", "\"untilSourceChange\" or \"nextCycle\"" },
  { "groupSoftDelete", PK_CHOICE, F(bGroupSoftDelete), 0, 0, 0, 0, "off|on", "off",
    "\"off\" (a deleted group is gone at once) or \"on\" (soft-deleted, restorable)" },
};

const ParamInfo *params_table(int *pn){
  *pn = (int)(sizeof(aParam)/sizeof(aParam[0]));
  return aParam;
}

const ParamInfo *params_find(const char *zName){
  size_t i;
  for(i=0; zName && i<sizeof(aParam)/sizeof(aParam[0]); i++){
    if( strcmp(aParam[i].zName, zName)==0 ) return &aParam[i];
  }
  return NULL;
}

int params_choice(const ParamInfo *e, const char *z){
  size_t n = strlen(z);
  int i = 0;
  const char *p = e->zChoices;
  while( p && *p ){
    size_t k = strcspn(p, "|");
    if( k==n && strncmp(p, z, n)==0 ) return i;
    p += k + (p[k]=='|');
    i++;
  }
  return -1;
}

void params_default(SimParams *p){
  size_t i;
  memset(p, 0, sizeof(*p));
  for(i=0; i<sizeof(aParam)/sizeof(aParam[0]); i++){
    const ParamInfo *e = &aParam[i];
    char *pBase = (char*)p;
    SimTime t = 0;
    switch( e->eKind ){
      case PK_DURATION:
        simtime_parse_duration(e->zDefault, &t, NULL, 0);
        memcpy(pBase + e->iField, &t, sizeof(t));
        break;
      case PK_INT: {
        int64_t v = strtoll(e->zDefault, NULL, 10);
        memcpy(pBase + e->iField, &v, sizeof(v));
        break;
      }
      case PK_REAL: {
        double v = strtod(e->zDefault, NULL);
        memcpy(pBase + e->iField, &v, sizeof(v));
        break;
      }
      case PK_RANGE: {
        char *zEnd;
        double lo = strtod(e->zDefault+1, &zEnd), hi = strtod(zEnd+1, NULL);
        memcpy(pBase + e->iField, &lo, sizeof(lo));
        memcpy(pBase + e->iField2, &hi, sizeof(hi));
        break;
      }
      case PK_CHOICE: {
        int v = params_choice(e, e->zDefault);
        memcpy(pBase + e->iField, &v, sizeof(v));
        break;
      }
    }
  }
}
