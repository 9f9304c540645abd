/*
** policy.c — cross-tenant access policies and the policy gates (policy.h).
**
** The gate messages are those of the newer service (entra-facts §9.3):
** AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure with one detail
** for the source side and one for the target side.
*/
#include <stdio.h>
#include <string.h>
#include "mem.h"
#include "policy.h"

static const char *const azField[PF_COUNT] = {
  "automaticUserConsentSettings.inboundAllowed",
  "automaticUserConsentSettings.outboundAllowed",
  "userSyncInbound.isSyncAllowed",
  "inboundTrust.isMfaAccepted",
  "inboundTrust.isCompliantDeviceAccepted",
  "inboundTrust.isHybridAzureADJoinedDeviceAccepted",
  "groupSyncInbound.isSyncAllowed",
  "roleEnabledGroupSyncInbound.isSyncAllowed",
  "inboundTrust.isCompliantNetworkAccepted",
};

int policy_field_is_sync(PolicyField f){
  return f==PF_USER_SYNC_INBOUND || f==PF_GROUP_SYNC_INBOUND || f==PF_ROLE_GROUP_SYNC_INBOUND;
}

int policy_field_find(const char *zPath){
  int i;
  for(i=0; i<PF_COUNT; i++) if( strcmp(azField[i], zPath)==0 ) return i;
  return -1;
}

const char *policy_field_name(PolicyField f){ return azField[f]; }

static signed char *policy_slot(Policy *p, PolicyField f){
  switch( f ){
    case PF_INBOUND_AUTO_REDEEM:  return &p->inboundAutoRedeem;
    case PF_OUTBOUND_AUTO_REDEEM: return &p->outboundAutoRedeem;
    case PF_USER_SYNC_INBOUND:    return &p->userSyncInbound;
    case PF_TRUST_MFA:            return &p->trustMfa;
    case PF_TRUST_COMPLIANT:      return &p->trustCompliant;
    case PF_GROUP_SYNC_INBOUND:   return &p->groupSyncInbound;
    case PF_ROLE_GROUP_SYNC_INBOUND: return &p->roleGroupSyncInbound;
    case PF_TRUST_COMPLIANT_NETWORK: return &p->trustCompliantNetwork;
    default:                      return &p->trustHybrid;
  }
}

Policy *policy_find(World *w, int iTenant, int iPartner){
  int i;
  for(i=0; i<w->nPolicy; i++){
    Policy *p = &w->aPolicy[i];
    if( p->iTenant==iTenant && p->iPartner==iPartner ) return p;
  }
  return NULL;
}

Policy *policy_get(World *w, int iTenant, int iPartner){
  Policy *p = policy_find(w, iTenant, iPartner);
  if( p ) return p;
  if( mem_grow_int((void**)&w->aPolicy, w->nPolicy, &w->nPolicyAlloc, sizeof(Policy)) ){
    w->bNoMem = 1;
    return NULL;
  }
  p = &w->aPolicy[w->nPolicy++];
  memset(p, -1, sizeof(*p));
  p->iTenant = iTenant;
  p->iPartner = iPartner;
  p->bSyncSetting = 0;
  p->zExtCloudAppId[0] = 0;
  return p;
}

/* The field columns in PolicyField order. */
#define POLICY_COLS " inbound_auto_redeem, outbound_auto_redeem, user_sync_inbound, trust_mfa," \
  " trust_compliant_device, trust_hybrid_joined, group_sync_inbound, role_group_sync_inbound," \
  " trust_compliant_network"
static const char zSqlPolicy[] =
  "INSERT OR REPLACE INTO policies(tenant, partner," POLICY_COLS ", ext_cloud_app_id)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)";
static const char zSqlPolicyHistory[] =
  "INSERT INTO policy_history(at, tenant, partner," POLICY_COLS ", removed)"
  " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)";
static const char zSqlPolicyDelDefault[] =
  "DELETE FROM policies WHERE tenant=?1 AND partner IS NULL";
static const char zSqlPolicyDelPartner[] =
  "DELETE FROM policies WHERE tenant=?1 AND partner=?2";

/* Bind policy p as (tenant, partner, the PF_COUNT fields) from parameter
** iFirst of s; NULL for the default's partner and for inherited fields. */
static void policy_bind_row(StoreStmt *s, int iFirst, Policy *p){
  int i;
  store_put_int(s, iFirst, p->iTenant);
  store_put_opt_int(s, iFirst+1, p->iPartner, p->iPartner<0);
  for(i=0; i<PF_COUNT; i++){
    int x = *policy_slot(p, (PolicyField)i);
    store_put_opt_int(s, iFirst+2+i, x, x<0);
  }
}

/* Write policy p's row (replacing the old one) and, at this instant, its
** history row (trust paths and lint at any instant read it). */
static void policy_save(World *w, Policy *p){
  StoreStmt *s;
  if( p->iPartner<0 ){
    /* UNIQUE does not hold for NULL partners: replace by hand. */
    s = store_write(w->pStore, zSqlPolicyDelDefault);
    if( s ){ store_put_int(s, 1, p->iTenant); store_run(w->pStore, s); }
  }
  s = store_write(w->pStore, zSqlPolicy);
  if( s==NULL ) return;
  policy_bind_row(s, 1, p);
  store_put_text(s, 12, p->zExtCloudAppId[0] ? p->zExtCloudAppId : NULL);
  store_run(w->pStore, s);
  s = store_write(w->pStore, zSqlPolicyHistory);
  if( s==NULL ) return;
  store_put_int(s, 1, w->tNow);
  policy_bind_row(s, 2, p);
  store_put_int(s, 13, 0);
  store_run(w->pStore, s);
}

void policy_set_ext_cloud_app(World *w, int iTenant, int iPartner, const char *zId){
  Policy *p = policy_get(w, iTenant, iPartner);
  if( p==NULL ) return;
  snprintf(p->zExtCloudAppId, sizeof(p->zExtCloudAppId), "%s", zId ? zId : "");
  if( zId ) p->bSyncSetting = 1;
  policy_save(w, p);
}

void policy_set(World *w, int iTenant, int iPartner, PolicyField f, int v){
  Policy *p = policy_get(w, iTenant, iPartner);
  if( p==NULL ) return;
  *policy_slot(p, f) = (signed char)v;
  if( policy_field_is_sync(f) ) p->bSyncSetting = 1;
  policy_save(w, p);
}

Policy *policy_add(World *w, int iTenant, int iPartner){
  Policy *p = policy_get(w, iTenant, iPartner);
  if( p ) policy_save(w, p);
  return p;
}

int policy_remove(World *w, int iTenant, int iPartner){
  Policy *p = policy_find(w, iTenant, iPartner), gone;
  StoreStmt *s;
  int bSync;
  if( p==NULL || iPartner<0 ) return -1;
  bSync = p->bSyncSetting;
  /* Keep the others in their order: nothing else moves. */
  memmove(p, p+1, sizeof(Policy)*(size_t)(w->nPolicy - (p - w->aPolicy) - 1));
  w->nPolicy--;
  s = store_write(w->pStore, zSqlPolicyDelPartner);
  if( s ){
    store_put_int(s, 1, iTenant);
    store_put_int(s, 2, iPartner);
    store_run(w->pStore, s);
  }
  /* The history's row for the gone configuration inherits every field:
  ** at any later instant the partner reads the default, as the engine. */
  memset(&gone, -1, sizeof(gone));
  gone.iTenant = iTenant;
  gone.iPartner = iPartner;
  s = store_write(w->pStore, zSqlPolicyHistory);
  if( s==NULL ) return bSync;
  store_put_int(s, 1, w->tNow);
  policy_bind_row(s, 2, &gone);
  store_put_int(s, 13, 1);
  store_run(w->pStore, s);
  return bSync;
}

int policy_effective(World *w, int iTenant, int iPartner, PolicyField f){
  Policy *p = policy_find(w, iTenant, iPartner);
  if( p && *policy_slot(p, f)>=0 ) return *policy_slot(p, f);
  p = policy_find(w, iTenant, -1);
  if( p && *policy_slot(p, f)>=0 ) return *policy_slot(p, f);
  return 0;
}

unsigned policy_cloud_bit(const char *zCloud){
  if( zCloud==NULL || strcmp(zCloud, "commercial")==0 ) return CLOUD_COMMERCIAL;
  if( strcmp(zCloud, "usgov")==0 ) return CLOUD_USGOV;
  if( strcmp(zCloud, "china")==0 ) return CLOUD_CHINA;
  return 0;
}

int policy_cloud_pair_ok(const char *zSource, const char *zTarget){
  unsigned s = policy_cloud_bit(zSource), t = policy_cloud_bit(zTarget);
  /* Same cloud, 21Vianet included: Entra's what's new of February 2026
  ** ("Cross-tenant sync between China tenants"); the overview still says
  ** not, and the scenario validator warns about the conflict. */
  if( s==t ) return 1;
  return (s==CLOUD_COMMERCIAL && t==CLOUD_USGOV) || (s==CLOUD_USGOV && t==CLOUD_COMMERCIAL)
      || (s==CLOUD_COMMERCIAL && t==CLOUD_CHINA);
}

static void policy_gate_add(GateResult *r, int iTenant, int iPartner, const char *zSetting){
  if( r->nSetting<(int)(sizeof(r->aSetting)/sizeof(r->aSetting[0])) ){
    GateSetting *g = &r->aSetting[r->nSetting++];
    g->iTenant = iTenant;
    g->iPartner = iPartner;
    g->zSetting = zSetting;
  }
}

/* Record the first failing check's documented error. */
static void policy_gate_fail(GateResult *r, const char *zCode, const char *zMessage){
  if( r->zCode ) return;
  r->zCode = zCode;
  r->zMessage = zMessage;
}

/* The cross-cloud part of the connection test. */
static void policy_cross_cloud_check(World *w, int iSource, int iTarget, int bCrossCloud,
                                     GateResult *r){
  const Tenant *s = &w->aTenant[iSource], *t = &w->aTenant[iTarget];
  unsigned mS = policy_cloud_bit(s->zCloud), mT = policy_cloud_bit(t->zCloud);
  if( mS==mT ) return;
  if( !bCrossCloud || !(s->mCloudSettings & mT) ){
    if( !bCrossCloud ) policy_gate_add(r, iSource, -1, "crossCloud");
    if( !(s->mCloudSettings & mT) ) policy_gate_add(r, iSource, -1, "cloudSettings");
    policy_gate_fail(r, "ExternalTenantNotFound",
      "This tenant was not found by the authentication authority of the current"
      " cloud. Select the option to set up cross-tenant synchronization across Microsoft"
      " clouds and enable the other cloud in Microsoft cloud settings.");
  }
  if( !t->bCrossCloudSync || !(t->mCloudSettings & mS) ){
    if( !(t->mCloudSettings & mS) ) policy_gate_add(r, iTarget, -1, "cloudSettings");
    if( !t->bCrossCloudSync ) policy_gate_add(r, iTarget, -1, "crossCloudSync");
    policy_gate_fail(r, "AzureActiveDirectoryTokenExpired",
      "The identity of the calling application could not be established.");
  }
}

int policy_gate_check(World *w, int iSource, int iTarget, int bCrossCloud, GateResult *r){
  static const char zCode[] = "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";
  memset(r, 0, sizeof(*r));
  policy_cross_cloud_check(w, iSource, iTarget, bCrossCloud, r);
  if( !policy_effective(w, iTarget, iSource, PF_USER_SYNC_INBOUND)
   || !policy_effective(w, iTarget, iSource, PF_INBOUND_AUTO_REDEEM) ){
    if( !policy_effective(w, iTarget, iSource, PF_USER_SYNC_INBOUND) ){
      policy_gate_add(r, iTarget, iSource, policy_field_name(PF_USER_SYNC_INBOUND));
    }
    if( !policy_effective(w, iTarget, iSource, PF_INBOUND_AUTO_REDEEM) ){
      policy_gate_add(r, iTarget, iSource, policy_field_name(PF_INBOUND_AUTO_REDEEM));
    }
    policy_gate_fail(r, zCode,
      "The target tenant has not enabled inbound synchronization with this"
      " tenant. Please request the target tenant admin to enable the inbound"
      " synchronization on their cross-tenant access policy.");
  }
  if( !policy_effective(w, iSource, iTarget, PF_OUTBOUND_AUTO_REDEEM) ){
    policy_gate_add(r, iSource, iTarget, policy_field_name(PF_OUTBOUND_AUTO_REDEEM));
    policy_gate_fail(r, zCode,
      "The source tenant has not enabled automatic user consent with the"
      " target tenant. Please enable the outbound cross-tenant access policy for"
      " automatic user consent in the source tenant.");
  }
  return r->zCode!=NULL;
}

int policy_field_concerns(World *w, int iSource, int iTarget, int bGroupSync,
                          int iTenant, int iPartner, PolicyField f){
  Policy *p;
  int iOther;
  switch( f ){
    case PF_USER_SYNC_INBOUND:
    case PF_INBOUND_AUTO_REDEEM:
      if( iTarget!=iTenant ) return 0;
      iOther = iSource;
      break;
    case PF_GROUP_SYNC_INBOUND:
      if( iTarget!=iTenant || !bGroupSync ) return 0;
      iOther = iSource;
      break;
    case PF_OUTBOUND_AUTO_REDEEM:
      if( iSource!=iTenant ) return 0;
      iOther = iTarget;
      break;
    default:
      return 0;           /* inbound trust does not enter synchronization */
  }
  if( iPartner>=0 ) return iPartner==iOther;
  /* A default setting matters where the partner policy does not set it. */
  p = policy_find(w, iTenant, iOther);
  return p==NULL || *policy_slot(p, f)<0;
}
