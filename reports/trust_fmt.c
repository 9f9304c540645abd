/*
** trust_fmt.c — the trust graph in words: the fields' names, the problems
** as sentences, and `tenantsim trust` as text, JSON, Graphviz DOT or an
** HTML page (trust.h). Every format gives the instant first, then one
** entry per edge: its jobs and users, its settings and where each came
** from, its problems.
*/
#include <errno.h>
#include <string.h>
#include "report.h"
#include "trust.h"

int trust_fmt_parse(const char *z, TrustFormat *pe){
  static const char *const az[] = { "text", "json", "dot", "html" };
  int i;
  for(i=0; z && i<4; i++){
    if( strcmp(z, az[i])==0 ){ *pe = (TrustFormat)i; return 0; }
  }
  return -1;
}

static const char *from_name(TrustFrom e){
  return e==TRUST_PARTNER ? "partner" : e==TRUST_DEFAULT ? "default" : "unset";
}

static int count_tenants(const TrustGraph *g){
  int i, n = 0;
  for(i=0; i<g->nNode; i++) n += !g->aNode[i].bEvery;
  return n;
}

/* "Day 43 09:00 (2026-02-16T09:00:00Z, the end of the run)". */
static void append_when(const TrustGraph *g, StrBuf *sb){
  char zDay[40], zIso[40];
  strbuf_printf(sb, "%s (%s%s)", simtime_format_day(g->tStartEpoch, g->t, zDay, sizeof(zDay)),
                simtime_format_instant(g->tStartEpoch + g->t, zIso, sizeof(zIso)),
                g->bEnd ? ", the end of the run" : "");
}

/* The one-line answer: tenants, paths, problems. */
static void append_summary(const TrustGraph *g, StrBuf *sb){
  int nProb = trust_problem_edges(g), nT = count_tenants(g);
  strbuf_printf(sb, "%d tenant%s, %d trust path%s, ", nT, nT==1 ? "" : "s",
                g->nEdge, g->nEdge==1 ? "" : "s");
  if( nProb ) strbuf_printf(sb, "%d with a problem", nProb);
  else strbuf_append(sb, "no problem");
}

/* ------------------------------------------------------------- text */

static void text_side(const TrustGraph *g, const TrustEdge *e, int bOutbound, StrBuf *sb){
  int f, bFirst = 1;
  const TrustNode *nd = &g->aNode[bOutbound ? e->iFrom : e->iTo];
  strbuf_printf(sb, "  %s%s: ", nd->zKey, bOutbound ? " (outbound)" : " (inbound)");
  for(f=0; f<TF_COUNT; f++){
    const TrustSetting *s = &e->a[f];
    if( trust_field_outbound((TrustField)f)!=bOutbound ) continue;
    strbuf_printf(sb, "%s%s %s", bFirst ? "" : ", ", trust_field_label((TrustField)f), s->v ? "yes" : "no");
    if( s->eFrom!=TRUST_UNSET ) strbuf_printf(sb, " (%s policy)", from_name(s->eFrom));
    bFirst = 0;
  }
  strbuf_append(sb, "\n");
}

static void text_edge(const TrustGraph *g, const TrustEdge *e, StrBuf *sb){
  char zN[32], zP[TRUST_TEXT_SIZE];
  unsigned bit;
  int i;
  strbuf_printf(sb, "\n%s → %s%s — %d job%s, %s user%s carried\n", g->aNode[e->iFrom].zKey,
                g->aNode[e->iTo].zKey, e->bCrossCloud ? " (cross-cloud)" : "", e->nJob,
                e->nJob==1 ? "" : "s", report_format_count(e->nUsers, zN, sizeof(zN)),
                e->nUsers==1 ? "" : "s");
  for(i=0; i<e->nJob; i++){
    strbuf_printf(sb, "  job %s: %s, %s scope, %s user%s\n", e->aJob[i].zKey, e->aJob[i].zState,
                  e->aJob[i].bSyncAll ? "all" : "assigned",
                  report_format_count(e->aJob[i].nUsers, zN, sizeof(zN)),
                  e->aJob[i].nUsers==1 ? "" : "s");
  }
  if( !g->aNode[e->iFrom].bEvery ) text_side(g, e, 1, sb);
  if( !g->aNode[e->iTo].bEvery ) text_side(g, e, 0, sb);
  for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
    if( e->mProblem & bit ){
      strbuf_printf(sb, "  PROBLEM %s: %s\n", trust_problem_label(bit),
                    trust_problem_text(g, e, bit, zP, sizeof(zP)));
    }
  }
}

static void write_text(const TrustGraph *g, StrBuf *sb){
  int i;
  strbuf_append(sb, "Trust paths at ");
  append_when(g, sb);
  strbuf_append(sb, ": ");
  append_summary(g, sb);
  strbuf_append(sb, ".\n");
  for(i=0; i<g->nEdge; i++) text_edge(g, &g->aEdge[i], sb);
  if( g->nEdge==0 ) strbuf_append(sb, "\nNo tenant admits another: nothing can be synced.\n");
}

/* ------------------------------------------------------------- JSON */

static void json_edge(const TrustGraph *g, const TrustEdge *e, StrBuf *sb){
  char zP[TRUST_TEXT_SIZE];
  unsigned bit;
  int i, f, bFirst = 1;
  strbuf_append(sb, "{\"from\":");
  strbuf_json_string(sb, g->aNode[e->iFrom].zKey);
  strbuf_append(sb, ",\"to\":");
  strbuf_json_string(sb, g->aNode[e->iTo].zKey);
  strbuf_printf(sb, ",\"fromEveryTenant\":%s,\"toEveryTenant\":%s,\"crossCloud\":%s,"
                "\"users\":%lld,\"settings\":{", g->aNode[e->iFrom].bEvery ? "true" : "false",
                g->aNode[e->iTo].bEvery ? "true" : "false", e->bCrossCloud ? "true" : "false",
                (long long)e->nUsers);
  for(f=0; f<TF_COUNT; f++){
    strbuf_printf(sb, "%s\"%s%s\":{\"value\":%s,\"from\":\"%s\"}", f ? "," : "",
                  trust_field_outbound((TrustField)f) ? "outbound." : "inbound.", trust_field_path((TrustField)f),
                  e->a[f].v ? "true" : "false", from_name(e->a[f].eFrom));
  }
  strbuf_append(sb, "},\"jobs\":[");
  for(i=0; i<e->nJob; i++){
    strbuf_append(sb, i ? ",{\"key\":" : "{\"key\":");
    strbuf_json_string(sb, e->aJob[i].zKey);
    strbuf_printf(sb, ",\"state\":\"%s\",\"scope\":\"%s\",\"users\":%lld}", e->aJob[i].zState,
                  e->aJob[i].bSyncAll ? "all" : "assigned", (long long)e->aJob[i].nUsers);
  }
  strbuf_append(sb, "],\"problems\":[");
  for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
    if( !(e->mProblem & bit) ) continue;
    strbuf_printf(sb, "%s{\"id\":\"%s\",\"text\":", bFirst ? "" : ",", trust_problem_id(bit));
    strbuf_json_string(sb, trust_problem_text(g, e, bit, zP, sizeof(zP)));
    strbuf_append(sb, "}");
    bFirst = 0;
  }
  strbuf_append(sb, "]}");
}

static void write_json(const TrustGraph *g, StrBuf *sb){
  char zIso[40], zDur[40];
  int i;
  strbuf_printf(sb, "{\"at\":\"%s\",\"atOffset\":\"%s\",\"endOfRun\":%s,\"tenants\":[",
                simtime_format_instant(g->tStartEpoch + g->t, zIso, sizeof(zIso)),
                simtime_format_duration(g->t, zDur, sizeof(zDur)), g->bEnd ? "true" : "false");
  for(i=0; i<g->nNode; i++){
    strbuf_append(sb, i ? ",{\"key\":" : "{\"key\":");
    strbuf_json_string(sb, g->aNode[i].zKey);
    strbuf_append(sb, ",\"cloud\":");
    if( g->aNode[i].zCloud ) strbuf_json_string(sb, g->aNode[i].zCloud);
    else strbuf_append(sb, "null");
    strbuf_printf(sb, ",\"everyTenant\":%s}", g->aNode[i].bEvery ? "true" : "false");
  }
  strbuf_append(sb, "],\"edges\":[");
  for(i=0; i<g->nEdge; i++){
    if( i ) strbuf_appendc(sb, ',');
    json_edge(g, &g->aEdge[i], sb);
  }
  strbuf_append(sb, "]}\n");
}

/* -------------------------------------------------------------- DOT */

/* A DOT string: quotes and backslashes escaped, newlines as \n. */
static void dot_string(StrBuf *sb, const char *z){
  strbuf_appendc(sb, '"');
  for(; *z; z++){
    if( *z=='"' || *z=='\\' ) strbuf_appendc(sb, '\\');
    if( *z=='\n' ){ strbuf_append(sb, "\\n"); continue; }
    strbuf_appendc(sb, *z);
  }
  strbuf_appendc(sb, '"');
}

static void write_dot(const TrustGraph *g, StrBuf *sb){
  StrBuf lab;
  unsigned bit;
  int i;
  strbuf_init(&lab);
  strbuf_append(sb, "digraph trust {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n");
  for(i=0; i<g->nNode; i++){
    strbuf_append(sb, "  ");
    dot_string(sb, g->aNode[i].zKey);
    strbuf_append(sb, g->aNode[i].bEvery ? " [style=dashed];\n" : ";\n");
  }
  for(i=0; i<g->nEdge; i++){
    const TrustEdge *e = &g->aEdge[i];
    strbuf_reset(&lab);
    trust_svg_badges(e, &lab);
    for(bit=1; bit<(1u<<TRUST_P_COUNT); bit<<=1){
      if( e->mProblem & bit ) strbuf_printf(&lab, "\n! %s", trust_problem_label(bit));
    }
    strbuf_append(sb, "  ");
    dot_string(sb, g->aNode[e->iFrom].zKey);
    strbuf_append(sb, " -> ");
    dot_string(sb, g->aNode[e->iTo].zKey);
    strbuf_append(sb, " [label=");
    dot_string(sb, strbuf_str(&lab));
    if( e->nJob==0 ) strbuf_append(sb, ", style=dashed");
    if( e->mProblem ) strbuf_append(sb, ", color=\"#b00020\", fontcolor=\"#b00020\"");
    strbuf_append(sb, "];\n");
  }
  strbuf_append(sb, "}\n");
  if( lab.bErr ) sb->bErr = 1;
  strbuf_free(&lab);
}

int trust_fmt_write(const TrustGraph *g, TrustFormat e, FILE *out, TsErr *pErr){
  StrBuf sb;
  int rc = TS_OK;
  strbuf_init(&sb);
  switch( e ){
    case TRUST_JSON: write_json(g, &sb); break;
    case TRUST_DOT:  write_dot(g, &sb); break;
    case TRUST_HTML: trust_svg_page(g, &sb); break;
    default:         write_text(g, &sb); break;
  }
  if( sb.bErr ){
    rc = tserr_set(pErr, TS_NOMEM, "out of memory writing the trust graph");
  }else if( strbuf_write(&sb, out) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the trust graph: %s", strerror(errno));
  }
  strbuf_free(&sb);
  return rc;
}
