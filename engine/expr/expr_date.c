/*
** expr_date.c — date-times for the expression functions: ticks to and
** from calendar fields (on simtime.c's proleptic Gregorian calendar, the
** one calendar of tenantsim), CDate's parser, .NET custom and standard
** date/time format strings (FormatDateTime), and VB's DateAdd / DateDiff.
**
** A date-time is an int64 count of 100-ns ticks since 0001-01-01T00:00:00
** UTC — .NET's DateTime.Ticks — so that DateFromNum/NumFromDate (Windows
** FILETIME, ticks since 1601) and the "f" fraction specifiers are exact.
** Valid values lie in years 1..9999 as in .NET. Every value is UTC: the
** service runs in UTC and CDate is documented to return UTC, so a parsed
** offset is always applied (2021-06-30+08:00 is 2021-06-29 16:00 UTC) and
** text without an offset is taken as UTC. Output specifiers that show a
** zone therefore show UTC: K gives "Z", zzz "+00:00".
**
** Formats are those of the invariant culture: '/' is "/", ':' is ":",
** month and day names are English, AM/PM designators "AM"/"PM", the
** two-digit-year window ends at 2049. Nothing here reads the clock: the
** "current date" ParseExact fills in for a time-only format is passed in.
*/
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "exprInt.h"
#include "simtime.h"

#define TICKS_PER_MINUTE (EXPRDATE_TICKS_PER_SECOND*60)
#define TICKS_PER_HOUR   (TICKS_PER_MINUTE*60)
#define TICKS_PER_DAY    (TICKS_PER_HOUR*24)
#define DAYS_0001_TO_1970 INT64_C(719162)

static const char *const azMonth[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"
};
static const char *const azDay[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"
};

/* Broken-down UTC time. */
typedef struct DateParts {
  int64_t y;
  int mo, d, h, mi, s;
  int64_t frac;     /* ticks within the second, 0..9999999 */
  int dow;          /* 0 = Sunday */
} DateParts;

/* ------------------------------------------------------------ calendar */

/* The days of month m (1..12) of year y, as an int like the other parts. */
static int date_days_in_month(int64_t y, int m){ return (int)simtime_days_in_month(y, (unsigned)m); }

/* Days since 0001-01-01 of a civil date (simtime's calendar counts from 1970). */
static int64_t date_days(int64_t y, int m, int d){
  return simtime_days_from_civil(y, (unsigned)m, (unsigned)d) + DAYS_0001_TO_1970;
}

static void date_split(int64_t iTicks, DateParts *p){
  int64_t z = iTicks / TICKS_PER_DAY;
  int64_t t = iTicks % TICKS_PER_DAY;
  unsigned m, d;
  p->dow = (int)((z + 1) % 7);          /* 0001-01-01 was a Monday */
  simtime_civil_from_days(z - DAYS_0001_TO_1970, &p->y, &m, &d);
  p->mo = (int)m;
  p->d = (int)d;
  p->h = (int)(t / TICKS_PER_HOUR);
  p->mi = (int)(t / TICKS_PER_MINUTE % 60);
  p->s = (int)(t / EXPRDATE_TICKS_PER_SECOND % 60);
  p->frac = t % EXPRDATE_TICKS_PER_SECOND;
}

/* Ticks of a broken-down time; -1 if a field is out of range. */
static int date_join(const DateParts *p, int64_t *piTicks){
  if( p->y<1 || p->y>9999 || p->mo<1 || p->mo>12 ) return -1;
  if( p->d<1 || p->d>date_days_in_month(p->y, p->mo) ) return -1;
  if( p->h<0 || p->h>23 || p->mi<0 || p->mi>59 || p->s<0 || p->s>59 ) return -1;
  *piTicks = date_days(p->y, p->mo, p->d)*TICKS_PER_DAY + p->h*TICKS_PER_HOUR
           + p->mi*TICKS_PER_MINUTE + p->s*EXPRDATE_TICKS_PER_SECOND + p->frac;
  return 0;
}

/* Apply a UTC offset in minutes (local = UTC + offset) and range-check. */
static int date_to_utc(int64_t iLocal, int nOffsetMin, int64_t *piTicks){
  int64_t t = iLocal - (int64_t)nOffsetMin*TICKS_PER_MINUTE;
  if( t<0 || t>EXPRDATE_MAX_TICKS ) return -1;
  *piTicks = t;
  return 0;
}

char *expr_date_render(int64_t iTicks, char *zBuf){
  DateParts p;
  date_split(iTicks, &p);
  snprintf(zBuf, EXPRVAL_BUFSZ, "%d/%d/%04" PRId64 " %d:%02d:%02d %s",
           p.mo, p.d, p.y, p.h%12 ? p.h%12 : 12, p.mi, p.s, p.h<12 ? "AM" : "PM");
  return zBuf;
}

/* ------------------------------------------------------------- scanning */

static int date_is_space(char c){ return c==' ' || c=='\t' || c=='\r' || c=='\n'; }

/* Read between nMin and nMax digits at *pz into *pn; -1 if fewer. */
static int date_digits(const char **pz, int nMin, int nMax, int64_t *pn){
  const char *z = *pz;
  int64_t n = 0;
  int k = 0;
  while( k<nMax && z[k]>='0' && z[k]<='9' ){
    n = n*10 + (z[k]-'0');
    k++;
  }
  if( k<nMin ) return -1;
  *pz = z + k;
  *pn = n;
  return 0;
}

/* A fraction of a second of 1..7 (more are read, ignored) digits, in ticks. */
static int date_fraction(const char **pz, int64_t *pFrac){
  const char *z = *pz;
  int64_t n = 0, scale = EXPRDATE_TICKS_PER_SECOND;
  if( !(*z>='0' && *z<='9') ) return -1;
  for(; *z>='0' && *z<='9'; z++){
    if( scale>1 ){ scale /= 10; n += (*z-'0')*scale; }
  }
  *pz = z;
  *pFrac = n;
  return 0;
}

/* An offset "+hh:mm", "+hhmm" or "+hh" at *pz, in minutes. */
static int date_offset(const char **pz, int *pnMin){
  const char *z = *pz;
  int64_t h, m = 0;
  int bNeg;
  if( *z!='+' && *z!='-' ) return -1;
  bNeg = *z=='-';
  z++;
  if( date_digits(&z, 1, 2, &h) ) return -1;
  if( *z==':' ){
    z++;
    if( date_digits(&z, 2, 2, &m) ) return -1;
  }else if( *z>='0' && *z<='9' ){
    if( date_digits(&z, 2, 2, &m) ) return -1;
  }
  if( h>14 || m>59 ) return -1;
  *pnMin = (int)((h*60 + m) * (bNeg ? -1 : 1));
  *pz = z;
  return 0;
}

/*
** CDate (and NumFromDate, DateAdd/DateDiff given a string): a lenient
** subset of .NET DateTime.Parse with the invariant culture:
**   date   yyyy-M-d | yyyy/M/d | M/d/yyyy
**   time   ('T' | blanks) H:mm[:ss[.fffffff]] [blanks AM|PM]
**   zone   [blanks] 'Z' | +hh:mm | +hhmm | +hh  (also directly after the date,
**          as in Workday's 2020-03-16-07:00)
** with blanks allowed around the whole. Month names are not accepted. The
** result is UTC (no zone: taken as UTC). 0 on success, -1 otherwise.
*/
int expr_date_parse(const char *z, int64_t *piTicks){
  DateParts p;
  int64_t a, b, c, t;
  int nOff = 0;
  const char *zStart;
  memset(&p, 0, sizeof(p));
  while( date_is_space(*z) ) z++;
  zStart = z;
  if( date_digits(&z, 1, 4, &a) ) return -1;
  if( (*z=='-' || *z=='/') && z-zStart==4 ){
    char cSep = *z++;
    if( date_digits(&z, 1, 2, &b) || *z!=cSep ) return -1;
    z++;
    if( date_digits(&z, 1, 2, &c) ) return -1;
    p.y = a; p.mo = (int)b; p.d = (int)c;
  }else if( *z=='/' && z-zStart<=2 ){
    z++;
    if( date_digits(&z, 1, 2, &b) || *z!='/' ) return -1;
    z++;
    if( date_digits(&z, 4, 4, &c) ) return -1;
    p.mo = (int)a; p.d = (int)b; p.y = c;
  }else{
    return -1;
  }
  if( *z=='T' || (date_is_space(*z) && (z[1]>='0' && z[1]<='9')) ){
    int64_t h, mi, s = 0;
    while( *z=='T' || date_is_space(*z) ) z++;
    if( date_digits(&z, 1, 2, &h) || *z!=':' ) return -1;
    z++;
    if( date_digits(&z, 2, 2, &mi) ) return -1;
    if( *z==':' ){
      z++;
      if( date_digits(&z, 2, 2, &s) ) return -1;
      if( *z=='.' ){
        z++;
        if( date_fraction(&z, &p.frac) ) return -1;
      }
    }
    p.h = (int)h; p.mi = (int)mi; p.s = (int)s;
    {
      const char *zAmPm = z;
      while( date_is_space(*zAmPm) ) zAmPm++;
      if( (zAmPm[0]=='A' || zAmPm[0]=='a' || zAmPm[0]=='P' || zAmPm[0]=='p')
       && (zAmPm[1]=='M' || zAmPm[1]=='m') ){
        if( h<1 || h>12 ) return -1;
        p.h = (int)(h%12) + ((zAmPm[0]=='P' || zAmPm[0]=='p') ? 12 : 0);
        z = zAmPm + 2;
      }
    }
  }
  while( date_is_space(*z) ) z++;
  if( *z=='Z' ){
    z++;
  }else if( *z=='+' || *z=='-' ){
    if( date_offset(&z, &nOff) ) return -1;
  }
  while( date_is_space(*z) ) z++;
  if( *z ) return -1;
  if( date_join(&p, &t) ) return -1;
  return date_to_utc(t, nOff, piTicks);
}

/* --------------------------------------------------------- format tokens */

typedef struct FmtIter {
  const char *z;     /* next unread byte of the format */
  char cQuote;       /* inside a quoted literal: its quote character */
} FmtIter;

typedef struct FmtTok {
  char cSpec;        /* specifier letter, or 0 for a literal */
  int nRep;          /* how many times the letter repeats */
  const char *zLit;  /* literal: its bytes (one character) */
  int nLit;
} FmtTok;

/* Next token: 1 token read, 0 end of format, -1 malformed format. */
static int fmt_next(FmtIter *it, FmtTok *pTok){
  const char *z;
  for(;;){
    z = it->z;
    if( *z==0 ) return it->cQuote ? -1 : 0;
    if( it->cQuote ){
      if( *z==it->cQuote ){ it->cQuote = 0; it->z++; continue; }
      if( *z=='\\' ){ if( z[1]==0 ) return -1; z++; }
      break;
    }
    if( *z=='\'' || *z=='"' ){ it->cQuote = *z; it->z++; continue; }
    if( *z=='%' ){
      if( z[1]==0 || z[1]=='%' ) return -1;
      it->z++;
      continue;
    }
    if( *z=='\\' ){
      if( z[1]==0 ) return -1;
      z++;
      break;
    }
    if( strchr("dfFghHKmMstyz", *z) ){
      int n = 1;
      while( z[n]==*z ) n++;
      pTok->cSpec = *z;
      pTok->nRep = n;
      it->z = z + n;
      return 1;
    }
    break;
  }
  {
    int nByte;
    expr_text_decode(z, &nByte);
    pTok->cSpec = 0;
    pTok->nRep = 0;
    pTok->zLit = z;
    pTok->nLit = nByte;
    it->z = z + nByte;
  }
  return 1;
}

/* A one-character format is a .NET standard format: its invariant-culture
** pattern, or NULL if it names none. Longer formats are custom. */
static const char *fmt_standard(const char *zFmt){
  if( zFmt[0]==0 || zFmt[1]!=0 ) return zFmt;
  switch( zFmt[0] ){
    case 'd': return "MM/dd/yyyy";
    case 'D': return "dddd, dd MMMM yyyy";
    case 'f': return "dddd, dd MMMM yyyy HH:mm";
    case 'F': return "dddd, dd MMMM yyyy HH:mm:ss";
    case 'g': return "MM/dd/yyyy HH:mm";
    case 'G': return "MM/dd/yyyy HH:mm:ss";
    case 'm': case 'M': return "MMMM dd";
    case 'o': case 'O': return "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK";
    case 'r': case 'R': return "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
    case 's': return "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
    case 't': return "HH:mm";
    case 'T': return "HH:mm:ss";
    case 'u': return "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
    case 'U': return "dddd, dd MMMM yyyy HH:mm:ss";
    case 'y': case 'Y': return "yyyy MMMM";
    default:  return NULL;
  }
}

/* ------------------------------------------------------------ formatting */

static void fmt_num(StrBuf *p, int64_t n, int nWidth){
  strbuf_printf(p, "%0*" PRId64, nWidth, n);
}

int expr_date_format(StrBuf *p, int64_t iTicks, const char *zFmt){
  DateParts d;
  FmtIter it;
  FmtTok tok;
  int rc;
  const char *zPattern = fmt_standard(zFmt);
  if( zPattern==NULL || zFmt[0]==0 ) return -1;
  date_split(iTicks, &d);
  it.z = zPattern;
  it.cQuote = 0;
  strbuf_append(p, "");
  while( (rc = fmt_next(&it, &tok))==1 ){
    int n = tok.nRep;
    switch( tok.cSpec ){
      case 0: strbuf_appendn(p, tok.zLit, (size_t)tok.nLit); break;
      case 'd':
        if( n<=2 ) fmt_num(p, d.d, n);
        else if( n==3 ) strbuf_appendn(p, azDay[d.dow], 3);
        else strbuf_append(p, azDay[d.dow]);
        break;
      case 'f': case 'F': {
        int64_t v = d.frac, k;
        if( n>7 ) return -1;
        for(k=n; k<7; k++) v /= 10;
        if( tok.cSpec=='F' ){
          while( n>0 && v%10==0 ){ v /= 10; n--; }
          if( n==0 ){
            if( p->n>0 && p->z[p->n-1]=='.' ) p->z[--p->n] = 0;
            break;
          }
        }
        fmt_num(p, v, n);
        break;
      }
      case 'g': strbuf_append(p, "A.D."); break;
      case 'h': fmt_num(p, d.h%12 ? d.h%12 : 12, n>=2 ? 2 : 1); break;
      case 'H': fmt_num(p, d.h, n>=2 ? 2 : 1); break;
      case 'K': strbuf_append(p, "Z"); break;
      case 'm': fmt_num(p, d.mi, n>=2 ? 2 : 1); break;
      case 's': fmt_num(p, d.s, n>=2 ? 2 : 1); break;
      case 'M':
        if( n<=2 ) fmt_num(p, d.mo, n);
        else if( n==3 ) strbuf_appendn(p, azMonth[d.mo-1], 3);
        else strbuf_append(p, azMonth[d.mo-1]);
        break;
      case 't': strbuf_append(p, n==1 ? (d.h<12 ? "A" : "P") : (d.h<12 ? "AM" : "PM")); break;
      case 'y':
        if( n<=2 ) fmt_num(p, d.y%100, n);
        else fmt_num(p, d.y, n);
        break;
      case 'z': strbuf_append(p, n==1 ? "+0" : n==2 ? "+00" : "+00:00"); break;
      default: return -1;
    }
  }
  return rc<0 ? -1 : 0;
}

/* --------------------------------------------------------------- parsing */

/* Match a name from az[0..n-1] (or its first three letters) ignoring case;
** the index, or -1. */
static int fmt_name(const char **pz, const char *const *az, int n, int bAbbrev){
  int k;
  for(k=0; k<n; k++){
    size_t nName = bAbbrev ? 3 : strlen(az[k]);
    if( strncasecmp(*pz, az[k], nName)==0 ){
      *pz += nName;
      return k;
    }
  }
  return -1;
}

int expr_date_styles(const char *z, unsigned *pm){
  static const struct { const char *zName; unsigned m; } aStyle[] = {
    { "None", 0 },
    { "AllowLeadingWhite", EXPRDATE_ALLOW_LEADING_WHITE },
    { "AllowTrailingWhite", EXPRDATE_ALLOW_TRAILING_WHITE },
    { "AllowInnerWhite", EXPRDATE_ALLOW_INNER_WHITE },
    { "AllowWhiteSpaces", EXPRDATE_ALLOW_LEADING_WHITE|EXPRDATE_ALLOW_TRAILING_WHITE
                          |EXPRDATE_ALLOW_INNER_WHITE },
    { "NoCurrentDateDefault", EXPRDATE_NO_CURRENT_DATE },
    /* The rest decide a DateTime's Kind and local-time conversion; the
    ** simulator's values are always UTC, so they only need to be legal. */
    { "AdjustToUniversal", 0x100 }, { "AssumeLocal", 0x200 },
    { "AssumeUniversal", 0x400 }, { "RoundtripKind", 0x800 },
  };
  unsigned m = 0;
  int nName = 0;
  while( *z ){
    size_t n, k;
    while( date_is_space(*z) || *z==',' || *z=='|' ) z++;
    if( *z==0 ) break;
    if( strncmp(z, "DateTimeStyles.", 15)==0 ) z += 15;
    for(n=0; (z[n]>='A' && z[n]<='Z') || (z[n]>='a' && z[n]<='z'); n++){}
    for(k=0; k<sizeof(aStyle)/sizeof(aStyle[0]); k++){
      if( strlen(aStyle[k].zName)==n && strncmp(aStyle[k].zName, z, n)==0 ) break;
    }
    if( n==0 || k==sizeof(aStyle)/sizeof(aStyle[0]) ) return -1;
    m |= aStyle[k].m;
    nName++;
    z += n;
  }
  /* .NET rejects these combinations with an ArgumentException. */
  if( (m & 0x800) && (m & 0x700) ) return -1;
  if( (m & 0x200) && (m & 0x400) ) return -1;
  *pm = nName ? (m & 0xFF) : EXPRDATE_DEFAULT_STYLES;
  return 0;
}

/* Fields seen while parsing; -1 = not in the text. */
typedef struct ParseState {
  int64_t y;
  int mo, d, h, h12, mi, s, ampm, dow;
  int64_t frac;
  int bOffset, nOffset;
} ParseState;

static int parse_fail(char *zWhy, size_t nWhy, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
static int parse_fail(char *zWhy, size_t nWhy, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  if( zWhy && nWhy ) vsnprintf(zWhy, nWhy, zFmt, ap);
  va_end(ap);
  return -1;
}

/* The f/F specifiers: up to n (at most 7) fraction digits, all n of
** them for 'f'; 0 or -1. */
static int parse_fraction(const FmtTok *pTok, const char **pz, ParseState *ps){
  int64_t scale = EXPRDATE_TICKS_PER_SECOND, v = 0;
  const char *z = *pz;
  int n = pTok->nRep, k;
  if( n>7 ) return -1;
  for(k=0; k<n && z[k]>='0' && z[k]<='9'; k++){
    scale /= 10;
    v += (z[k]-'0')*scale;
  }
  if( pTok->cSpec=='f' && k<n ) return -1;
  ps->frac = v;
  *pz = z + k;
  return 0;
}

/* The t specifier: "A"/"P" (n 1) or "AM"/"PM" (n >= 2), any case; 0 or -1. */
static int parse_ampm(int n, const char **pz, ParseState *ps){
  const char *z = *pz;
  int bPm;
  if( z[0]=='A' || z[0]=='a' ) bPm = 0;
  else if( z[0]=='P' || z[0]=='p' ) bPm = 1;
  else return -1;
  if( n>=2 ){
    if( z[1]!='M' && z[1]!='m' ) return -1;
    z++;
  }
  ps->ampm = bPm;
  *pz = z + 1;
  return 0;
}

/* The z specifiers: ±h (z), ±hh (zz) or ±hh[:]mm (zzz), at most 14:59;
** 0 or -1. */
static int parse_zone(int n, const char **pz, ParseState *ps){
  const char *z = *pz;
  int bNeg;
  int64_t h, m = 0;
  if( *z!='+' && *z!='-' ) return -1;
  bNeg = *z++=='-';
  if( date_digits(&z, n==2 ? 2 : 1, 2, &h) ) return -1;
  if( n>=3 ){
    if( *z==':' ) z++;
    if( date_digits(&z, 2, 2, &m) ) return -1;
  }
  if( h>14 || m>59 ) return -1;
  ps->bOffset = 1;
  ps->nOffset = (int)((h*60 + m) * (bNeg ? -1 : 1));
  *pz = z;
  return 0;
}

/* Read one specifier token from *pz into ps; 0 or -1. */
static int parse_spec(const FmtTok *pTok, const char **pz, ParseState *ps){
  int64_t v;
  int n = pTok->nRep, k;
  switch( pTok->cSpec ){
    case 'd':
      if( n>=3 ){
        if( (k = fmt_name(pz, azDay, 7, n==3))<0 ) return -1;
        ps->dow = k;
        return 0;
      }
      if( date_digits(pz, n, 2, &v) ) return -1;
      ps->d = (int)v;
      return 0;
    case 'M':
      if( n>=3 ){
        if( (k = fmt_name(pz, azMonth, 12, n==3))<0 ) return -1;
        ps->mo = k+1;
        return 0;
      }
      if( date_digits(pz, n, 2, &v) ) return -1;
      ps->mo = (int)v;
      return 0;
    case 'y':
      if( date_digits(pz, n==1 ? 1 : n, n==1 ? 2 : n, &v) ) return -1;
      if( n<=2 ) v += v<=49 ? 2000 : 1900;   /* invariant TwoDigitYearMax 2049 */
      ps->y = v;
      return 0;
    case 'h': case 'H': case 'm': case 's':
      if( date_digits(pz, n>=2 ? 2 : 1, 2, &v) ) return -1;
      if( pTok->cSpec=='h' ) ps->h12 = (int)v;
      else if( pTok->cSpec=='H' ) ps->h = (int)v;
      else if( pTok->cSpec=='m' ) ps->mi = (int)v;
      else ps->s = (int)v;
      return 0;
    case 'f': case 'F': return parse_fraction(pTok, pz, ps);
    case 't': return parse_ampm(n, pz, ps);
    case 'z': return parse_zone(n, pz, ps);
    case 'K':
      if( **pz=='Z' ){ (*pz)++; ps->bOffset = 1; ps->nOffset = 0; return 0; }
      if( **pz=='+' || **pz=='-' ){
        if( date_offset(pz, &ps->nOffset) ) return -1;
        ps->bOffset = 1;
      }
      return 0;
    case 'g':
      if( strncasecmp(*pz, "A.D.", 4)==0 ) *pz += 4;
      else if( strncasecmp(*pz, "AD", 2)==0 ) *pz += 2;
      else return -1;
      return 0;
    default:
      return -1;
  }
}

/* Fill what the text lacked, the way .NET's ParseExact does, and convert
** to UTC ticks. */
static int parse_finish(ParseState *ps, unsigned mStyles, int64_t iNowTicks, int64_t *piTicks){
  DateParts p, now;
  int64_t t;
  memset(&p, 0, sizeof(p));
  date_split(iNowTicks, &now);
  if( ps->y<0 && ps->mo<0 && ps->d<0 ){
    if( mStyles & EXPRDATE_NO_CURRENT_DATE ){ p.y = 1; p.mo = 1; p.d = 1; }
    else { p.y = now.y; p.mo = now.mo; p.d = now.d; }
  }else{
    p.y = ps->y>=0 ? ps->y : now.y;
    p.mo = ps->mo>=0 ? ps->mo : 1;
    p.d = ps->d>=0 ? ps->d : 1;
  }
  p.h = ps->h>=0 ? ps->h : 0;
  if( ps->h12>=0 ){
    if( ps->h12<1 || ps->h12>12 ) return -1;
    p.h = ps->h12;
  }
  if( ps->ampm>=0 ){
    if( p.h>12 ) return -1;
    p.h = p.h%12 + (ps->ampm ? 12 : 0);
  }
  p.mi = ps->mi;
  p.s = ps->s;
  p.frac = ps->frac;
  if( date_join(&p, &t) ) return -1;
  if( ps->dow>=0 ){
    DateParts chk;
    date_split(t, &chk);
    if( chk.dow!=ps->dow ) return -1;
  }
  return date_to_utc(t, ps->bOffset ? ps->nOffset : 0, piTicks);
}

int expr_date_parse_exact(const char *z, const char *zFmt, unsigned mStyles,
                         int64_t iNowTicks, int64_t *piTicks, char *zWhy, size_t nWhy){
  ParseState ps;
  FmtIter it;
  FmtTok tok;
  int rc;
  const char *zStart = z;
  const char *zPattern = fmt_standard(zFmt);
  if( zPattern==NULL || zFmt[0]==0 ){
    return parse_fail(zWhy, nWhy, "\"%s\" is not a valid date/time format", zFmt);
  }
  memset(&ps, 0, sizeof(ps));
  ps.y = -1; ps.mo = ps.d = ps.h = ps.h12 = ps.ampm = ps.dow = -1;
  if( mStyles & EXPRDATE_ALLOW_LEADING_WHITE ) while( date_is_space(*z) ) z++;
  it.z = zPattern;
  it.cQuote = 0;
  while( (rc = fmt_next(&it, &tok))==1 ){
    if( tok.cSpec ){
      if( parse_spec(&tok, &z, &ps) ){
        return parse_fail(zWhy, nWhy, "character %d does not match '%.*s' of the format",
                          (int)expr_text_len(zStart) - (int)expr_text_len(z) + 1,
                          tok.nRep, it.z - tok.nRep);
      }
    }else if( tok.nLit==1 && date_is_space(tok.zLit[0]) ){
      if( !date_is_space(*z) ) goto mismatch;
      z++;
      if( mStyles & EXPRDATE_ALLOW_INNER_WHITE ) while( date_is_space(*z) ) z++;
    }else{
      if( strncmp(z, tok.zLit, (size_t)tok.nLit)!=0 ) goto mismatch;
      z += tok.nLit;
    }
  }
  if( rc<0 ) return parse_fail(zWhy, nWhy, "\"%s\" is not a valid date/time format", zFmt);
  if( mStyles & EXPRDATE_ALLOW_TRAILING_WHITE ) while( date_is_space(*z) ) z++;
  if( *z ){
    return parse_fail(zWhy, nWhy, "unexpected text at character %d",
                      (int)expr_text_len(zStart) - (int)expr_text_len(z) + 1);
  }
  if( parse_finish(&ps, mStyles, iNowTicks, piTicks) ){
    return parse_fail(zWhy, nWhy, "the fields do not form a valid date and time");
  }
  return 0;
mismatch:
  return parse_fail(zWhy, nWhy, "character %d does not match '%.*s' of the format",
                    (int)expr_text_len(zStart) - (int)expr_text_len(z) + 1, tok.nLit, tok.zLit);
}

/* ------------------------------------------------------- DateAdd, DateDiff */

/* .NET AddMonths: the day is clamped to the new month's length. */
static int date_add_months(int64_t iTicks, int64_t nMonths, int64_t *piOut){
  DateParts p;
  int64_t iMonth;
  if( nMonths>120000 || nMonths<-120000 ) return -2;
  date_split(iTicks, &p);
  iMonth = p.y*12 + (p.mo-1) + nMonths;
  p.y = iMonth>=0 ? iMonth/12 : -1;
  p.mo = (int)(iMonth - p.y*12) + 1;
  if( p.y<1 || p.y>9999 ) return -2;
  if( p.d>date_days_in_month(p.y, p.mo) ) p.d = date_days_in_month(p.y, p.mo);
  return date_join(&p, piOut) ? -2 : 0;
}

/* Ticks per unit of a fixed-length interval, or 0. */
static int64_t date_unit(const char *zInterval){
  if( strcmp(zInterval, "d")==0 ) return TICKS_PER_DAY;
  if( strcmp(zInterval, "ww")==0 ) return TICKS_PER_DAY*7;
  if( strcmp(zInterval, "h")==0 ) return TICKS_PER_HOUR;
  if( strcmp(zInterval, "n")==0 ) return TICKS_PER_MINUTE;
  if( strcmp(zInterval, "s")==0 ) return EXPRDATE_TICKS_PER_SECOND;
  return 0;
}

/* Intervals (case-sensitive): yyyy m d ww h n s. */
int expr_date_add(const char *zInterval, int64_t n, int64_t iTicks, int64_t *piOut){
  int64_t iUnit, t;
  if( strcmp(zInterval, "yyyy")==0 ){
    if( n>10000 || n<-10000 ) return -2;
    return date_add_months(iTicks, n*12, piOut);
  }
  if( strcmp(zInterval, "m")==0 ) return date_add_months(iTicks, n, piOut);
  iUnit = date_unit(zInterval);
  if( iUnit==0 ) return -1;
  if( n>EXPRDATE_MAX_TICKS/iUnit || n<-(EXPRDATE_MAX_TICKS/iUnit) ) return -2;
  t = iTicks + n*iUnit;
  if( t<0 || t>EXPRDATE_MAX_TICKS ) return -2;
  *piOut = t;
  return 0;
}

/*
** VB.NET DateAndTime.DateDiff: d/h/n/s count whole elapsed units truncated
** toward zero; ww counts calendar weeks — both dates move back to their
** Sunday (keeping the time of day), then whole days / 7, truncated; m and
** yyyy count calendar months and years, ignoring the rest.
*/
int expr_date_diff(const char *zInterval, int64_t iT1, int64_t iT2, int64_t *piOut){
  DateParts a, b;
  int64_t iUnit;
  date_split(iT1, &a);
  date_split(iT2, &b);
  if( strcmp(zInterval, "yyyy")==0 ){ *piOut = b.y - a.y; return 0; }
  if( strcmp(zInterval, "m")==0 ){ *piOut = (b.y - a.y)*12 + (b.mo - a.mo); return 0; }
  if( strcmp(zInterval, "ww")==0 ){
    int64_t t1 = iT1 - a.dow*TICKS_PER_DAY;
    int64_t t2 = iT2 - b.dow*TICKS_PER_DAY;
    *piOut = ((t2 - t1)/TICKS_PER_DAY)/7;
    return 0;
  }
  iUnit = date_unit(zInterval);
  if( iUnit==0 ) return -1;
  *piOut = (iT2 - iT1)/iUnit;
  return 0;
}
