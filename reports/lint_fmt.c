/*
** lint_fmt.c — lint findings as text, JSON and SARIF 2.1.0 (lint.h), and
** the dispatch to the Markdown and HTML pages (lint_page.h).
**
** SARIF: one run, the tool's driver listing every rule with its help and
** source link; a result per finding with its level (critical and high →
** error, medium → warning, low and info → note), the finding's sentence,
** the scenario file as the artifact, the setting's JSON path as a logical
** location and, when the scenario's text is at hand, its line and column.
*/
#include <errno.h>
#include <string.h>
#include "jsonloc.h"
#include "strbuf.h"
#include "lint.h"
#include "lint_page.h"

/* The names of the formats, in LintFormat order. */
static const char *const azFormat[LINT_FORMAT_COUNT] = { "text", "json", "sarif", "md", "html" };

int lint_fmt_parse(const char *z, LintFormat *pe){
  int i;
  for(i=0; z && i<LINT_FORMAT_COUNT; i++){
    if( strcmp(z, azFormat[i])==0 ){ *pe = (LintFormat)i; return 0; }
  }
  return -1;
}

const char *lint_fmt_name(LintFormat e){
  return (unsigned)e < LINT_FORMAT_COUNT ? azFormat[e] : NULL;
}

static void write_text(const LintResult *r, StrBuf *sb){
  int i;
  int nSup = lint_count_suppressed(r), nOpen = r->nFinding - nSup;
  strbuf_printf(sb, "%d finding%s", nOpen, nOpen==1 ? "" : "s");
  if( nOpen ){
    strbuf_printf(sb, " (%d critical, %d high, %d medium, %d low or info)",
                  lint_count_at_least(r, LINT_CRITICAL),
                  lint_count_at_least(r, LINT_HIGH) - lint_count_at_least(r, LINT_CRITICAL),
                  lint_count_at_least(r, LINT_MEDIUM) - lint_count_at_least(r, LINT_HIGH),
                  nOpen - lint_count_at_least(r, LINT_MEDIUM));
  }
  if( nSup ) strbuf_printf(sb, "; %d suppressed by the scenario's lint.ignore", nSup);
  strbuf_append(sb, ".\n");
  for(i=0; i<r->nFinding; i++){
    const LintFinding *f = &r->aFinding[i];
    strbuf_printf(sb, "\n%s %s [%s] %s\n", f->pRule->zId, f->pRule->zName,
                  lint_severity_name(f->eSeverity), f->zMessage ? f->zMessage : "");
    strbuf_printf(sb, "  evidence: %s = %s%s%s\n", f->zSetting ? f->zSetting : "?",
                  f->zValue ? f->zValue : "?", f->zPath ? " at " : "", f->zPath ? f->zPath : "");
    strbuf_printf(sb, "  why: %s\n  fix: %s\n  source: %s\n", f->pRule->zWhy, f->pRule->zFix,
                  f->pRule->zSource);
    if( f->zSuppressed ) strbuf_printf(sb, "  SUPPRESSED by lint.ignore: %s\n", f->zSuppressed);
  }
}

static void json_opt(StrBuf *sb, const char *zKey, const char *z, int bComma){
  strbuf_printf(sb, "%s\"%s\":", bComma ? "," : "", zKey);
  if( z ) strbuf_json_string(sb, z);
  else strbuf_append(sb, "null");
}

static void write_json(const LintResult *r, StrBuf *sb){
  char zDur[40];
  int i;
  strbuf_printf(sb, "{\"atOffset\":\"%s\",\"endOfRun\":%s,\"findings\":[",
                simtime_format_duration(r->t, zDur, sizeof(zDur)), r->bEnd ? "true" : "false");
  for(i=0; i<r->nFinding; i++){
    const LintFinding *f = &r->aFinding[i];
    strbuf_append(sb, i ? ",{" : "{");
    json_opt(sb, "rule", f->pRule->zId, 0);
    json_opt(sb, "name", f->pRule->zName, 1);
    json_opt(sb, "severity", lint_severity_name(f->eSeverity), 1);
    json_opt(sb, "tenant", f->zTenant, 1);
    json_opt(sb, "partner", f->zPartner, 1);
    json_opt(sb, "job", f->zJob, 1);
    json_opt(sb, "group", f->zGroup, 1);
    json_opt(sb, "setting", f->zSetting, 1);
    json_opt(sb, "value", f->zValue, 1);
    json_opt(sb, "path", f->zPath, 1);
    json_opt(sb, "message", f->zMessage, 1);
    json_opt(sb, "why", f->pRule->zWhy, 1);
    json_opt(sb, "fix", f->pRule->zFix, 1);
    json_opt(sb, "source", f->pRule->zSource, 1);
    json_opt(sb, "suppressed", f->zSuppressed, 1);
    strbuf_append(sb, "}");
  }
  strbuf_append(sb, "]}\n");
}

static const char *sarif_level(LintSeverity e){
  return e>=LINT_HIGH ? "error" : e==LINT_MEDIUM ? "warning" : "note";
}

/* GitHub code scanning ranks security results by this number (0-10). */
static const char *security_severity(LintSeverity e){
  static const char *const az[] = { "1.0", "3.0", "5.5", "8.0", "9.5" };
  return (unsigned)e<5 ? az[e] : "5.0";
}

static void sarif_rules(StrBuf *sb){
  int i, n;
  const LintRule *a = lint_rules(&n);
  for(i=0; i<n; i++){
    strbuf_append(sb, i ? ",{" : "{");
    json_opt(sb, "id", a[i].zId, 0);
    json_opt(sb, "name", a[i].zName, 1);
    strbuf_append(sb, ",\"shortDescription\":{\"text\":");
    strbuf_json_string(sb, a[i].zName);
    strbuf_append(sb, "},\"fullDescription\":{\"text\":");
    strbuf_json_string(sb, a[i].zWhy);
    strbuf_append(sb, "},\"help\":{\"text\":");
    strbuf_json_string(sb, a[i].zFix);
    strbuf_append(sb, "}");
    json_opt(sb, "helpUri", a[i].zSource, 1);
    strbuf_printf(sb, ",\"defaultConfiguration\":{\"level\":\"%s\"},\"properties\":"
                  "{\"security-severity\":\"%s\",\"tags\":[\"security\"]}}",
                  sarif_level(a[i].eSeverity), security_severity(a[i].eSeverity));
  }
}

static int rule_index(const LintRule *p){
  int n;
  const LintRule *a = lint_rules(&n);
  return (int)(p - a);
}

static void write_sarif(const LintResult *r, const char *zArtifact, const char *zText,
                        size_t nText, StrBuf *sb){
  char zUri[512];
  int i;
  if( zArtifact ) snprintf(zUri, sizeof(zUri), "%s", zArtifact);
  else snprintf(zUri, sizeof(zUri), "%s.json", r->zScenario ? r->zScenario : "scenario");
  strbuf_append(sb, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
                "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"tenantsim\","
                "\"informationUri\":\"https://learn.microsoft.com/en-us/entra/identity/"
                "multi-tenant-organizations/cross-tenant-synchronization-overview\",\"rules\":[");
  sarif_rules(sb);
  strbuf_append(sb, "]}},\"results\":[");
  for(i=0; i<r->nFinding; i++){
    const LintFinding *f = &r->aFinding[i];
    int nLine = 0, nCol = 0;
    strbuf_append(sb, i ? ",{" : "{");
    json_opt(sb, "ruleId", f->pRule->zId, 0);
    strbuf_printf(sb, ",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":",
                  rule_index(f->pRule), sarif_level(f->eSeverity));
    strbuf_json_string(sb, f->zMessage ? f->zMessage : f->pRule->zName);
    strbuf_append(sb, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
    strbuf_json_string(sb, zUri);
    strbuf_append(sb, "}");
    if( zText && f->zPath && jsonloc_locate(zText, nText, f->zPath, &nLine, &nCol)>=0 ){
      strbuf_printf(sb, ",\"region\":{\"startLine\":%d,\"startColumn\":%d}", nLine, nCol);
    }
    strbuf_append(sb, "}");
    if( f->zPath ){
      strbuf_append(sb, ",\"logicalLocations\":[{\"fullyQualifiedName\":");
      strbuf_json_string(sb, f->zPath);
      strbuf_append(sb, ",\"kind\":\"member\"}]");
    }
    strbuf_append(sb, "}]");
    if( f->zSuppressed ){
      strbuf_append(sb, ",\"suppressions\":[{\"kind\":\"inSource\",\"justification\":");
      strbuf_json_string(sb, f->zSuppressed);
      strbuf_append(sb, "}]");
    }
    strbuf_append(sb, ",\"properties\":{");
    json_opt(sb, "severity", lint_severity_name(f->eSeverity), 0);
    json_opt(sb, "tenant", f->zTenant, 1);
    json_opt(sb, "partner", f->zPartner, 1);
    json_opt(sb, "job", f->zJob, 1);
    json_opt(sb, "group", f->zGroup, 1);
    json_opt(sb, "setting", f->zSetting, 1);
    json_opt(sb, "value", f->zValue, 1);
    strbuf_append(sb, "}}");
  }
  strbuf_append(sb, "]}]}\n");
}

int lint_fmt_write(const LintResult *r, LintFormat e, const char *zArtifact,
                   const char *zText, size_t nText, FILE *out, TsErr *pErr){
  StrBuf sb;
  LintPage pg;
  int rc = TS_OK, bNoMem = 0;
  strbuf_init(&sb);
  switch( e ){
    case LINT_JSON:  write_json(r, &sb); break;
    case LINT_SARIF: write_sarif(r, zArtifact, zText, nText, &sb); break;
    case LINT_MD:
    case LINT_HTML:
      if( lint_page_init(&pg, r) ){
        bNoMem = 1;
        break;
      }
      if( e==LINT_MD ) lint_md_write(&pg, &sb);
      else lint_html_write(&pg, &sb);
      lint_page_free(&pg);
      break;
    default:         write_text(r, &sb); break;
  }
  if( sb.bErr || bNoMem ) rc = tserr_set(pErr, TS_NOMEM, "out of memory writing the findings");
  else if( strbuf_write(&sb, out) ){
    rc = tserr_set(pErr, TS_IOERR, "cannot write the findings: %s", strerror(errno));
  }
  strbuf_free(&sb);
  return rc;
}
