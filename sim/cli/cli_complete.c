/*
** cli_complete.c — what shell completion offers (see cli_complete.h).
** Reads the command table; prints to the stream it is given, nothing else.
*/
#include <string.h>
#include "cli_args.h"
#include "cli_complete.h"
#include "cli_table.h"

/* Print z when it starts with zPrefix. */
static void offer(FILE *out, const char *z, const char *zPrefix){
  if( strncmp(z, zPrefix, strlen(zPrefix))==0 ) fprintf(out, "%s\n", z);
}

/* The directive or the choices for a value or operand of kind eKind;
** zChoices is a CLI_CHOICE option's "a|b|c". */
static void offer_kind(FILE *out, CliKind eKind, const char *zChoices, const char *zCur){
  switch( eKind ){
    case CLI_CHOICE: {
      const char *z = zChoices;
      while( z && *z ){
        char zWord[64];
        size_t n = strcspn(z, "|");
        snprintf(zWord, sizeof(zWord), "%.*s", (int)n, z);
        offer(out, zWord, zCur);
        z += n + (z[n]=='|');
      }
      break;
    }
    case CLI_SCENARIO: case CLI_JSON: fputs(":files json\n", out); break;
    case CLI_DB:                      fputs(":files db\n", out); break;
    case CLI_SCENARIO_DB:             fputs(":files json db\n", out); break;
    case CLI_DIR:                     fputs(":dirs\n", out); break;
    case CLI_OUTPUT:                  fputs(":files\n", out); break;
    default:                          break;
  }
}

int cli_complete(FILE *out, int nWord, char **az){
  const char *zCur = nWord>0 ? az[nWord-1] : "";
  const CliCommand *c;
  const CliOption *o;
  int i, nOperand = 0, bOperands = 0;
  if( nWord<=1 ){
    if( zCur[0]=='-' ){
      offer(out, "--help", zCur);
      offer(out, "--version", zCur);
      return 0;
    }
    for(i=0; i<cli_table_count(); i++) offer(out, cli_table_at(i)->zName, zCur);
    offer(out, "help", zCur);
    offer(out, "version", zCur);
    return 0;
  }
  if( strcmp(az[0], "help")==0 ){
    if( nWord==2 ) for(i=0; i<cli_table_count(); i++) offer(out, cli_table_at(i)->zName, zCur);
    return 0;
  }
  c = cli_table_find(az[0]);
  if( c==NULL ) return 0;
  /* The value of the option before the cursor? */
  o = nWord>=3 && cli_args_option_word(az[nWord-2]) ? cli_args_find(c, az[nWord-2], -1) : NULL;
  if( o && o->zValue ){
    offer_kind(out, o->eKind, o->zValue, zCur);
    return 0;
  }
  /* Count the operands before the cursor (option values are not). */
  for(i=1; i<nWord-1; i++){
    if( bOperands || !cli_args_option_word(az[i]) ){ nOperand++; continue; }
    if( strcmp(az[i], "--")==0 ){ bOperands = 1; continue; }
    o = strchr(az[i], '=') ? NULL : cli_args_find(c, az[i], -1);
    if( o && o->zValue ) i++;
  }
  if( !bOperands && zCur[0]=='-' ){
    for(o=c->aOpt; o && o->zName; o++) offer(out, o->zName, zCur);
    offer(out, "--help", zCur);
    return 0;
  }
  if( c->nOperand<0 || nOperand<c->nOperand ) offer_kind(out, c->eOperand, NULL, zCur);
  return 0;
}
