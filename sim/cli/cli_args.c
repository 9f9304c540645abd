/*
** cli_args.c — a command's arguments read against its declared options
** (see cli_args.h). Touches nothing but err.
*/
#include <string.h>
#include "cli_args.h"
#include "suggest.h"
#include "tslimits.h"

int cli_args_option_word(const char *z){
  if( z[0]!='-' ) return 0;
  if( z[1]=='-' ) return z[2]!=0;
  return (z[1]>='a' && z[1]<='z') || (z[1]>='A' && z[1]<='Z');
}

void cli_args_start(CliArgs *p, const CliCommand *c, int argc, char **argv){
  memset(p, 0, sizeof(*p));
  p->pCmd = c;
  p->argc = argc;
  p->argv = argv;
}

const CliOption *cli_args_find(const CliCommand *c, const char *zName, int n){
  const CliOption *o;
  size_t nName = n<0 ? strlen(zName) : (size_t)n;
  for(o=c->aOpt; o && o->zName; o++){
    if( strlen(o->zName)==nName && strncmp(o->zName, zName, nName)==0 ) return o;
  }
  return NULL;
}

const CliOption *cli_args_closest(const CliCommand *c, const char *zName){
  const CliOption *o, *pBest = NULL;
  int dBest = 3;
  for(o=c->aOpt; o && o->zName; o++){
    int d = suggest_distance(zName, o->zName);
    if( d<dBest ){ dBest = d; pBest = o; }
  }
  return pBest;
}

/* Print "tenantsim CMD: <what>" and the hint to CMD's --help; returns 2. */
static int args_refuse(const CliArgs *p, FILE *err, const char *zWhat, const char *zName,
                       const char *zMore){
  fprintf(err, "tenantsim %s: %s%s%s\nRun 'tenantsim %s --help' for its options.\n",
          p->pCmd->zName, zWhat, zName, zMore, p->pCmd->zName);
  return 2;
}

int cli_args_next(CliArgs *p, FILE *err){
  const char *z, *zEq;
  const CliOption *o;
  p->pOpt = NULL;
  p->zArg = NULL;
  if( p->i>=p->argc ) return 0;
  z = p->argv[p->i++];
  if( !p->bOperands && strcmp(z, "--")==0 ){
    p->bOperands = 1;
    return cli_args_next(p, err);
  }
  if( p->bOperands || !cli_args_option_word(z) ){
    p->zArg = z;
    return 1;
  }
  zEq = z[1]=='-' ? strchr(z, '=') : NULL;
  o = cli_args_find(p->pCmd, z, zEq ? (int)(zEq-z) : -1);
  if( o==NULL ){
    char zName[64];
    const CliOption *pNear;
    snprintf(zName, sizeof(zName), "%.*s", zEq ? (int)(zEq-z) : (int)strlen(z), z);
    pNear = cli_args_closest(p->pCmd, zName);
    if( pNear ){
      fprintf(err, "tenantsim %s: unknown option %s; did you mean %s?\n"
              "Run 'tenantsim %s --help' for its options.\n",
              p->pCmd->zName, zName, pNear->zName, p->pCmd->zName);
      return 2;
    }
    return args_refuse(p, err, "unknown option ", zName, "");
  }
  p->pOpt = o;
  if( o->zValue==NULL ){
    if( zEq ) return args_refuse(p, err, o->zName, " takes no value", "");
    return 1;
  }
  if( zEq ){
    p->zArg = zEq+1;
  }else if( p->i<p->argc && !(p->argv[p->i][0]=='-' && p->argv[p->i][1]=='-'
                              && p->argv[p->i][2]) ){
    p->zArg = p->argv[p->i++];
  }else{
    fprintf(err, "tenantsim %s: missing value for %s (%s)\n"
            "Run 'tenantsim %s --help' for its options.\n",
            p->pCmd->zName, o->zName, o->zValue, p->pCmd->zName);
    return 2;
  }
  return 1;
}

int cli_args_is(const CliArgs *p, const char *zName){
  ts_assert(cli_args_find(p->pCmd, zName, -1)!=NULL);
  return p->pOpt && strcmp(p->pOpt->zName, zName)==0;
}

void cli_args_help(FILE *f, const CliCommand *c){
  const CliOption *o;
  if( c->aOpt==NULL || c->aOpt[0].zName==NULL ) return;
  fputs("\noptions:\n", f);
  for(o=c->aOpt; o->zName; o++){
    char zLeft[128];
    int n = snprintf(zLeft, sizeof(zLeft), "%s%s%s", o->zName, o->zValue ? " " : "",
                     o->zValue ? o->zValue : "");
    if( n<=26 ) fprintf(f, "  %-26s  %s\n", zLeft, o->zHelp);
    else fprintf(f, "  %s\n  %-26s  %s\n", zLeft, "", o->zHelp);
  }
}
