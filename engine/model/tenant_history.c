/*
** tenant_history.c — a tenant's cloud settings over time (see
** tenant_history.h). It reads the Tenant and writes table tenant_history.
*/
#include <stdio.h>
#include "tenant_history.h"

static const char zSqlHistory[] =
  "INSERT INTO tenant_history(tenant, at, cloud_settings, cross_cloud_sync,"
  " cloud_settings_action, cross_cloud_sync_action) VALUES(?1,?2,?3,?4,?5,?6)";

/* The clouds of bit set m as the column holds them: "usgov,china". */
static void cloud_list(unsigned m, char *z, size_t n){
  static const struct { unsigned m; const char *zName; } aCloud[] = {
    { CLOUD_COMMERCIAL, "commercial" }, { CLOUD_USGOV, "usgov" }, { CLOUD_CHINA, "china" }
  };
  size_t i, k = 0;
  z[0] = 0;
  for(i=0; i<sizeof(aCloud)/sizeof(aCloud[0]); i++){
    int nOut;
    if( !(m & aCloud[i].m) ) continue;
    nOut = snprintf(z+k, n-k, "%s%s", k ? "," : "", aCloud[i].zName);
    if( nOut<0 || (size_t)nOut>=n-k ) return;
    k += (size_t)nOut;
  }
}

void tenant_history_note(World *w, int iTenant, int iAction){
  Tenant *t = &w->aTenant[iTenant];
  int bCloud = !t->noted.bNoted || t->noted.mCloudSettings!=t->mCloudSettings;
  int bCross = !t->noted.bNoted || t->noted.bCrossCloudSync!=t->bCrossCloudSync;
  char zClouds[32];                /* "commercial,usgov,china" at most */
  StoreStmt *s;
  if( !bCloud && !bCross ) return;
  if( bCloud ) t->noted.iCloudAction = iAction;
  if( bCross ) t->noted.iCrossAction = iAction;
  t->noted.bNoted = 1;
  t->noted.mCloudSettings = t->mCloudSettings;
  t->noted.bCrossCloudSync = t->bCrossCloudSync;
  if( (s = store_write(w->pStore, zSqlHistory))==NULL ) return;
  cloud_list(t->mCloudSettings, zClouds, sizeof(zClouds));
  store_put_int(s, 1, iTenant);
  store_put_int(s, 2, w->tNow);
  store_put_text(s, 3, zClouds);
  store_put_int(s, 4, t->bCrossCloudSync!=0);
  store_put_opt_int(s, 5, t->noted.iCloudAction, t->noted.iCloudAction<0);
  store_put_opt_int(s, 6, t->noted.iCrossAction, t->noted.iCrossAction<0);
  store_run(w->pStore, s);
}
