/*
** graph_policyInt.h — what graph_policy.c shares with graph_policy_export.c
** only (everyone else includes graph_policy.h): the modelled settings and
** the sticky-failure JSON builders. Export calls graph_policy.c, never
** the other way.
*/
#ifndef TS_GRAPH_POLICYINT_H
#define TS_GRAPH_POLICYINT_H
#include <cjson/cJSON.h>

/* The settings tenantsim models, in the scenario's member order. */
enum { PV_IN, PV_OUT, PV_USER, PV_GROUP, PV_ROLE_GROUP, PV_MFA, PV_COMPLIANT, PV_HYBRID,
       PV_NETWORK, PV_N };

/* The Graph field name of setting i ("inboundAllowed"). */
const char *graph_policy_pv_field(int i);

/* Read the settings of a scenario policy entry into a[PV_N] (-1 when
** absent). */
void graph_policy_pv_read(const cJSON *pEntry, signed char *a);

/* Add pItem (consumed) to pObj under zKey (NULL: append to an array) and
** return it. A failure is sticky in *pbNoMem: once set, every call frees
** pItem and returns NULL, so builders read straight through and test the
** flag once. */
cJSON *graph_policy_jput(cJSON *pObj, const char *zKey, cJSON *pItem, int *pbNoMem);

/* JSON true/false for 0/1, null for -1 (inherit); NULL when memory ran
** out. */
cJSON *graph_policy_jtri(int v);

#endif
