/*
** trust.h — who trusts whom: the cross-tenant trust graph of a run at one
** instant, built from its database.
**
** A node is a tenant; one more node, "every tenant", stands for the
** external tenants a default policy admits. An edge S→T is the direction
** users flow: S's outbound settings towards T, T's inbound settings for S,
** the jobs that sync S into T and the users they carry. An edge exists
** when a job syncs S into T or when a partner policy of S or T towards the
** other admits anything; "every tenant"→T exists when T's default policy
** admits anything inbound.
**
** Each setting is read as the engine reads it (policy.h): the partner
** policy's value when it sets one, else the tenant's default policy, else
** false. Policies at instant t are the last row of policy_history at or
** before t for each (tenant, partner). Jobs exist for the whole run; a
** job's state at t is Quarantine when a quarantine covers t, Disabled once
** it is disabled, NotRun before its first start, else Active (at the end
** of the run: the jobs table's own state). The users a job carries at t
** are the target users it created or matched that exist at t.
**
** Ownership: trust_build fills a TrustGraph whose every part lives in its
** arena; trust_free releases it all.
*/
#ifndef TS_TRUST_H
#define TS_TRUST_H
#include <stdint.h>
#include <stdio.h>
#include "arena.h"
#include "simtime.h"
#include "store.h"
#include "strbuf.h"
#include "tserr.h"

/* The settings of an edge, in the order every format lists them. */
typedef enum TrustField {
  TF_OUTBOUND_REDEEM,   /* S: automaticUserConsentSettings.outboundAllowed */
  TF_INBOUND_REDEEM,    /* T: automaticUserConsentSettings.inboundAllowed */
  TF_USER_SYNC,         /* T: userSyncInbound.isSyncAllowed */
  TF_GROUP_SYNC,        /* T: groupSyncInbound.isSyncAllowed */
  TF_ROLE_GROUP_SYNC,   /* T: roleEnabledGroupSyncInbound.isSyncAllowed (beta) */
  TF_TRUST_MFA,         /* T: inboundTrust.isMfaAccepted */
  TF_TRUST_COMPLIANT,   /* T: inboundTrust.isCompliantDeviceAccepted */
  TF_TRUST_HYBRID,      /* T: inboundTrust.isHybridAzureADJoinedDeviceAccepted */
  TF_TRUST_NETWORK,     /* T: inboundTrust.isCompliantNetworkAccepted (beta) */
  TF_COUNT
} TrustField;

/* Where an effective value came from. */
typedef enum TrustFrom {
  TRUST_UNSET = 0,      /* set nowhere: false */
  TRUST_PARTNER,        /* the partner policy */
  TRUST_DEFAULT         /* the tenant's default policy */
} TrustFrom;

typedef struct TrustSetting {
  int v;                /* 0 or 1 */
  TrustFrom eFrom;
} TrustSetting;

/* Problems of an edge, as bits of TrustEdge.mProblem. */
#define TRUST_P_SYNC_BLOCKED    0x01  /* a job, but T does not allow user sync from S */
#define TRUST_P_REDEEM_BLOCKED  0x02  /* a job, but automatic redemption is not on both sides */
#define TRUST_P_DANGLING        0x04  /* T allows user sync from S and no job uses it */
#define TRUST_P_CLAIMS_TRUSTED  0x08  /* T allows sync from S and trusts S's MFA, device or
                                      ** compliant-network claims */
#define TRUST_P_JOB_STOPPED     0x10  /* a job is quarantined or disabled */
#define TRUST_P_COUNT 5

typedef struct TrustJob {
  const char *zKey;
  const char *zState;   /* Active, Quarantine, Disabled, NotRun, Paused */
  int64_t nUsers;       /* target users it carries at t */
  int bSyncAll;         /* scope "all" */
} TrustJob;

typedef struct TrustNode {
  const char *zKey;     /* the tenant key; "every tenant" for the default node */
  const char *zCloud;   /* commercial, usgov, china; NULL for the default node */
  int bEvery;           /* the "every tenant" node */
} TrustNode;

typedef struct TrustEdge {
  int iFrom, iTo;       /* indexes into TrustGraph.aNode */
  TrustSetting a[TF_COUNT];
  int bCrossCloud;      /* the two tenants are in different clouds */
  int nJob;
  TrustJob *aJob;
  int64_t nUsers;       /* the sum over aJob */
  unsigned mProblem;    /* TRUST_P_* */
} TrustEdge;

typedef struct TrustGraph {
  SimTime t;            /* the instant, seconds from the run's start */
  SimTime tStartEpoch;  /* the run's start */
  int bEnd;             /* t is the end of the run */
  const char *zScenario;  /* run_info 'scenario' ("" when absent) */
  int nNode;
  TrustNode *aNode;     /* the tenants in database order, then "every tenant" if used */
  int nEdge;
  TrustEdge *aEdge;     /* ordered by (from, to) */
  Arena arena;
} TrustGraph;

/* Build the trust graph of the run in pStore at t seconds from its start
** (clamped to the run; t<0 means the end). Returns TS_OK; TS_ERR when the
** database predates policy history or is not a run; TS_IOERR, TS_NOMEM.
** On failure *g holds nothing to free. */
int trust_build(Store *pStore, SimTime t, TrustGraph *g, TsErr *pErr);
void trust_free(TrustGraph *g);

/* The users each job carries over the whole run, read once so that the
** graph can be built at many instants (lint over time): trust_carry_load
** fills *ppCarry (TS_OK, TS_IOERR or TS_NOMEM; free with
** trust_carry_free), trust_build_carried is trust_build with it, and
** trust_carry_count is job iJob's count at t. */
typedef struct TrustCarry TrustCarry;
int trust_carry_load(Store *pStore, TrustCarry **ppCarry, TsErr *pErr);
void trust_carry_free(TrustCarry *pCarry);
int64_t trust_carry_count(const TrustCarry *pCarry, int iJob, SimTime t);
int trust_build_carried(Store *pStore, SimTime t, const TrustCarry *pCarry, TrustGraph *g,
                        TsErr *pErr);

/* trust_build at the end of the run, given the users each job created
** that are live at the end (anCreated[0..nCreated), by jobs.idx, 0 beyond:
** the report's pass over users counts them), so that only links is read
** for the users a job matched rather than created. Returns as trust_build. */
int trust_build_end(Store *pStore, const int64_t *anCreated, int64_t nCreated, TrustGraph *g,
                    TsErr *pErr);

/* The number of edges with at least one problem. */
int trust_problem_edges(const TrustGraph *g);

/* Room for one problem sentence. */
#define TRUST_TEXT_SIZE 512

/* Names and Graph paths of the fields, and the problems in words. */
const char *trust_field_label(TrustField f);   /* "user sync", "MFA trusted" */
const char *trust_field_path(TrustField f);    /* "userSyncInbound.isSyncAllowed" */
int trust_field_outbound(TrustField f);        /* 1: the source's setting */
const char *trust_problem_label(unsigned bit); /* "sync blocked" */
const char *trust_problem_id(unsigned bit);    /* "sync_blocked" (JSON) */

/* One sentence for problem bit of edge e (zBuf[n]); returns zBuf. */
char *trust_problem_text(const TrustGraph *g, const TrustEdge *e, unsigned bit,
                         char *zBuf, size_t n);

/* The formats of `tenantsim trust`. */
typedef enum TrustFormat { TRUST_TEXT, TRUST_JSON, TRUST_DOT, TRUST_HTML } TrustFormat;
int trust_fmt_parse(const char *z, TrustFormat *pe);

/* Write g to out in format e. Returns TS_OK, TS_IOERR or TS_NOMEM. */
int trust_fmt_write(const TrustGraph *g, TrustFormat e, FILE *out, TsErr *pErr);

/* The badges of edge e as the diagram and DOT label it, e.g.
** "user sync · MFA · 2 jobs · 5,117 users". */
void trust_svg_badges(const TrustEdge *e, StrBuf *pSb);

/* Append the whole trust page (trust_svg.c): a self-contained HTML
** document with the answer, the diagram and the table of edges. */
void trust_svg_page(const TrustGraph *g, StrBuf *pSb);

/* Append the trust section for an HTML page: the diagram, then a table of
** the edges with every setting and problem in words. */
void trust_svg_section(const TrustGraph *g, StrBuf *pSb);

/* The diagram's CSS, for a page that embeds trust_svg_append's element. */
/* SQL: job j's configuration exists at ?1 — created by then (or
** declared), not deleted yet. For every reader of a job at an instant. */
#define TRUST_JOB_EXISTS \
  "(j.created_at IS NULL OR j.created_at<=?1) AND (j.deleted_at IS NULL OR j.deleted_at>?1)"

#define TRUST_SVG_STYLE \
  "svg.trust{display:block;width:auto;max-width:100%;height:auto;margin:6px 0 12px}\n" \
  "svg.trust text{font:11px system-ui,sans-serif;fill:#1b1f24}\n" \
  "svg.trust .tnode rect{fill:#ddf4ff;stroke:#0969da;stroke-width:1.5}\n" \
  "svg.trust .tnode text{font-size:12px;font-weight:600}\n" \
  "svg.trust .tnode.every rect{fill:#fff;stroke-dasharray:4 3}\n" \
  "svg.trust .tedge line{stroke:#57606a;stroke-width:1.5}\n" \
  "svg.trust .tedge.nojob line{stroke-dasharray:6 4}\n" \
  "svg.trust .tedge.bad line{stroke:#b00020;stroke-width:2}\n" \
  "svg.trust .thead{fill:#57606a}svg.trust .tedge.bad .thead{fill:#b00020}\n" \
  "svg.trust .tlabel{fill:#fff;fill-opacity:.92;stroke:#d0d7de}\n" \
  "svg.trust .tedge.bad .tlabel{stroke:#b00020}\n" \
  "svg.trust .tnum{font-weight:700}svg.trust .tprob{fill:#b00020;font-weight:600}\n" \
  "table.tmatrix td,table.tmatrix th{padding:2px 4px;text-align:center;font-size:12px}\n" \
  "table.tmatrix th.tcol{vertical-align:bottom}table.tmatrix th.tcol span{writing-mode:" \
  "vertical-rl;transform:rotate(180deg);white-space:nowrap}\n" \
  "table.tmatrix td.bad{background:#ffebe9;color:#b00020}table.tmatrix td.self{background:#eaeef2}\n" \
  "table.tmatrix td.nojob{border-style:dashed}\n" \
  "table.trust .ts{display:block;white-space:nowrap}\n" \
  "@media print{svg.trust{min-width:0 !important;break-inside:avoid}" \
  "table.trust .ts{display:inline;white-space:normal}table.trust .ts+.ts::before{content:\" \\B7  \"}}\n"

/* Append the topology diagram, an inline <svg> element (trust_svg.c), to
** pSb: for the trust page and the run report's HTML. Every name escaped. */
void trust_svg_append(const TrustGraph *g, StrBuf *pSb);

#endif
