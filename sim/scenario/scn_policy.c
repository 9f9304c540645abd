/*
** scn_policy.c — the cross-tenant access policies as they stand at each
** point of the timeline being checked (scenarioInt.h): the declared
** policies first, then every set_policy, add_partner and remove_partner
** in the order the actions run, so that a check can read a setting's
** effective value at its action's instant.
**
** It also holds the one rule between settings that the service enforces:
** Graph rejects roleEnabledGroupSyncInbound (beta) unless group sync is
** allowed for the partner (Microsoft365DSC's AADCrossTenantIdentitySyncPolicyPartner
** notes; cts-2026.md §1 row 3). tenantsim refuses a policy whose
** roleEnabledGroupSyncInbound.isSyncAllowed is true while its
** groupSyncInbound.isSyncAllowed is not (its own, or for a partner
** inherited from the default policy), whichever of the two changes last.
**
** The table: per tenant, per partner (column 0 the default policy), the
** PF_COUNT tri-states (-1 inherit, 0, 1), from the Scenario's arena.
*/
#include <string.h>
#include "tslimits.h"
#include "policy.h"
#include "scenarioInt.h"

/* The fields of (iTenant, iPartner: -1 the default), or NULL when either
** is unknown or there is no table. */
static signed char *cell(Val *v, int iTenant, int iPartner){
  int n = v->nTenant;
  if( v->aPolicyNow==NULL || iTenant<0 || iTenant>=n || iPartner<-1 || iPartner>=n ) return NULL;
  return &v->aPolicyNow[((size_t)iTenant*(size_t)(n+1) + (size_t)(iPartner+1))*PF_COUNT];
}

int scn_policy_now(Val *v, int iTenant, int iPartner, PolicyField f){
  const signed char *a = cell(v, iTenant, iPartner), *d = cell(v, iTenant, -1);
  if( a && a[f]>=0 ) return a[f];
  return d && d[f]>0;
}

/* Does (iTenant, iPartner) allow role-enabled group sync without group
** sync? */
static int role_sync_alone(Val *v, int iTenant, int iPartner){
  const signed char *a = cell(v, iTenant, iPartner);
  return a && a[PF_ROLE_GROUP_SYNC_INBOUND]==1
      && !scn_policy_now(v, iTenant, iPartner, PF_GROUP_SYNC_INBOUND);
}

static const char zRejected[] = "Graph rejects roleEnabledGroupSyncInbound unless group sync"
  " is allowed for the partner";

void scn_policy_declared(Val *v){
  const Scenario *s = v->pScn;
  size_t n = (size_t)v->nTenant;
  char zPath[TS_JSONPATH_MAX];
  int i, k;
  if( (v->aPolicyNow = scn_val_alloc(v, n*(n+1)*PF_COUNT + 1, 1))==NULL ) return;
  memset(v->aPolicyNow, -1, n*(n+1)*PF_COUNT);
  for(i=0; i<s->nPolicy; i++){
    const ScnPolicy *p = &s->aPolicy[i];
    signed char *a = cell(v, p->iTenant, p->iPartner);
    for(k=0; a && k<p->nField; k++) a[p->aField[k].eField] = (signed char)p->aField[k].v;
  }
  for(i=0; i<s->nPolicy; i++){
    const ScnPolicy *p = &s->aPolicy[i];
    if( !role_sync_alone(v, p->iTenant, p->iPartner) ) continue;
    snprintf(zPath, sizeof(zPath), "policies[%d].roleEnabledGroupSyncInbound.isSyncAllowed", i);
    scn_val_err(v, zPath, "%s: give this policy \"groupSyncInbound\": {\"isSyncAllowed\": true}"
                " too, or leave role-enabled group sync off", zRejected);
  }
}

void scn_policy_set(Val *v, const char *zPath, int iTenant, int iPartner, PolicyField f, int iValue){
  signed char *a = cell(v, iTenant, iPartner);
  char zSub[TS_JSONPATH_MAX];
  int k;
  if( a==NULL ) return;
  a[f] = (signed char)iValue;
  scn_val_path_key(zSub, sizeof(zSub), zPath, "value");
  for(k=-1; k<v->nTenant; k++){
    if( k!=iTenant && role_sync_alone(v, iTenant, k) ) break;
  }
  if( k==v->nTenant ) return;
  if( f==PF_ROLE_GROUP_SYNC_INBOUND ){
    scn_val_err(v, zSub, "%s: set groupSyncInbound.isSyncAllowed to true first", zRejected);
  }else{
    scn_val_err(v, zSub, "%s: %s allows role-enabled group sync %s%s, which needs group sync;"
                " set roleEnabledGroupSyncInbound.isSyncAllowed to false first", zRejected,
                v->aTenant[iTenant].zKey, k<0 ? "by default" : "for ", k<0 ? "" : v->aTenant[k].zKey);
  }
}

void scn_policy_partner(Val *v, int iTenant, int iPartner){
  signed char *a = cell(v, iTenant, iPartner);
  if( a && iPartner>=0 ) memset(a, -1, PF_COUNT);
}

unsigned char *scn_policy_partner_cfg(Val *v, int iTenant, int iPartner){
  int i, n = v->nTenant;
  if( iTenant<0 || iPartner<0 || iTenant>=n || iPartner>=n || iTenant==iPartner ) return NULL;
  if( v->aPartnerCfg==NULL ){
    if( (v->aPartnerCfg = scn_val_alloc(v, (size_t)(n*n+1), 1))==NULL ) return NULL;
    for(i=0; i<v->pScn->nPolicy; i++){
      const ScnPolicy *q = &v->pScn->aPolicy[i];
      if( q->iTenant>=0 && q->iPartner>=0 && q->iTenant<n && q->iPartner<n ){
        v->aPartnerCfg[q->iTenant*n + q->iPartner] = 1;
      }
    }
  }
  return &v->aPartnerCfg[iTenant*n + iPartner];
}
