/*
** simtime.c — simulated time: parsing and printing ISO-8601 instants and
** durations (see simtime.h).
**
** Instants become int64 seconds since 1970-01-01T00:00:00Z on the
** proleptic Gregorian calendar, with no leap seconds. The calendar
** arithmetic is Howard Hinnant's days_from_civil / civil_from_days
** (http://howardhinnant.github.io/date_algorithms.html): it works on
** 400-year eras, so it needs no tables, no loops and no libc time
** functions, whose behaviour depends on the host's time zone and time_t.
**
** The parsers are strict on purpose: a scenario file that says
** "2026-02-30" or "P1M" is a mistake worth reporting, not guessing at.
** Each rejection writes a short reason that names the offending field, so
** the caller only has to add where the text came from (file, JSON path).
**
** This module allocates nothing and touches nothing but its arguments.
*/
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include "simtime.h"

#define SIMTIME_WEEK (7*SIMTIME_DAY)

/* Write a printf-style reason into zWhy[nWhy] when the caller wants one,
** and return -1 so that failures can be written `return simtime_why(...)`. */
static int simtime_why(char *zWhy, size_t nWhy, const char *zFmt, ...)
#ifdef __GNUC__
  __attribute__((format(printf, 3, 4)))
#endif
  ;
static int simtime_why(char *zWhy, size_t nWhy, const char *zFmt, ...){
  va_list ap;
  if( zWhy!=NULL && nWhy>0 ){
    va_start(ap, zFmt);
    vsnprintf(zWhy, nWhy, zFmt, ap);
    va_end(ap);
  }
  return -1;
}

/* Read exactly nDigit decimal digits at z into *pV. Returns 0, or -1 if
** any of them is not a digit (the terminating NUL included). */
static int simtime_digits(const char *z, int nDigit, unsigned *pV){
  unsigned v = 0;
  int i;
  for(i=0; i<nDigit; i++){
    if( !isdigit((unsigned char)z[i]) ) return -1;
    v = v*10 + (unsigned)(z[i]-'0');
  }
  *pV = v;
  return 0;
}

int simtime_is_leap(int64_t y){
  return (y%4==0 && y%100!=0) || y%400==0;
}

unsigned simtime_days_in_month(int64_t y, unsigned m){
  static const unsigned aDays[12] = {31,28,31,30,31,30,31,31,30,31,30,31};
  if( m==2 && simtime_is_leap(y) ) return 29;
  return aDays[m-1];
}

/* Hinnant's days_from_civil. Valid for any date whose day count fits
** comfortably in int64 (|y| up to about 10^13); m must be 1..12 and d
** 1..31 — the function does not validate, simtime_parse_instant does. */
int64_t simtime_days_from_civil(int64_t y, unsigned m, unsigned d){
  int64_t era;
  unsigned yoe, doy, doe;
  y -= m<=2;
  era = (y>=0 ? y : y-399) / 400;
  yoe = (unsigned)(y - era*400);                       /* [0, 399] */
  doy = (153*(m>2 ? m-3 : m+9) + 2)/5 + d - 1;         /* [0, 365] */
  doe = yoe*365 + yoe/4 - yoe/100 + doy;               /* [0, 146096] */
  return era*146097 + (int64_t)doe - 719468;
}

/* Hinnant's civil_from_days, the inverse of simtime_days_from_civil. */
void simtime_civil_from_days(int64_t z, int64_t *pY, unsigned *pM, unsigned *pD){
  int64_t era, y;
  unsigned doe, yoe, doy, mp, m;
  z += 719468;
  era = (z>=0 ? z : z-146096) / 146097;
  doe = (unsigned)(z - era*146097);                              /* [0, 146096] */
  yoe = (doe - doe/1460 + doe/36524 - doe/146096) / 365;         /* [0, 399] */
  y = (int64_t)yoe + era*400;
  doy = doe - (365*yoe + yoe/4 - yoe/100);                       /* [0, 365] */
  mp = (5*doy + 2)/153;                                          /* [0, 11] */
  *pD = doy - (153*mp + 2)/5 + 1;                                /* [1, 31] */
  m = mp<10 ? mp+3 : mp-9;                                       /* [1, 12] */
  *pM = m;
  *pY = y + (m<=2);
}

/* Read the date part YYYY-MM-DD of an instant at *pp, checking each field
** as soon as it is read; advance *pp past it. 0 or -1 (reason in zWhy). */
static int simtime_parse_date(const char **pp, unsigned *pY, unsigned *pMo, unsigned *pD,
                              char *zWhy, size_t nWhy){
  const char *p = *pp;
  unsigned y, mo, d;
  if( simtime_digits(p, 4, &y) ){
    return simtime_why(zWhy, nWhy,
        "expected a 4-digit year at the start (YYYY-MM-DDTHH:MM:SSZ)");
  }
  p += 4;
  if( *p!='-' ) return simtime_why(zWhy, nWhy, "expected '-' after the year");
  p++;
  if( simtime_digits(p, 2, &mo) ){
    return simtime_why(zWhy, nWhy, "expected a 2-digit month after the year");
  }
  if( mo<1 || mo>12 ){
    return simtime_why(zWhy, nWhy, "month %02u does not exist (01-12)", mo);
  }
  p += 2;
  if( *p!='-' ) return simtime_why(zWhy, nWhy, "expected '-' after the month");
  p++;
  if( simtime_digits(p, 2, &d) ){
    return simtime_why(zWhy, nWhy, "expected a 2-digit day after the month");
  }
  if( d<1 || d>simtime_days_in_month(y, mo) ){
    return simtime_why(zWhy, nWhy, "day %02u does not exist in %04u-%02u",
                       d, y, mo);
  }
  *pp = p + 2;
  *pY = y; *pMo = mo; *pD = d;
  return 0;
}

/* Read the time of day HH:MM:SS[.000…] at *pp (after the 'T') into
** *pSec, seconds since midnight; advance *pp. 0 or -1. */
static int simtime_parse_clock(const char **pp, SimTime *pSec, char *zWhy, size_t nWhy){
  const char *p = *pp;
  unsigned h, mi, s;
  if( simtime_digits(p, 2, &h) ){
    return simtime_why(zWhy, nWhy, "expected a 2-digit hour after 'T'");
  }
  if( h>23 ){
    return simtime_why(zWhy, nWhy, "hour %02u is out of range (00-23)", h);
  }
  p += 2;
  if( *p!=':' ) return simtime_why(zWhy, nWhy, "expected ':' after the hour");
  p++;
  if( simtime_digits(p, 2, &mi) ){
    return simtime_why(zWhy, nWhy, "expected a 2-digit minute after the hour");
  }
  if( mi>59 ){
    return simtime_why(zWhy, nWhy, "minute %02u is out of range (00-59)", mi);
  }
  p += 2;
  if( *p!=':' ) return simtime_why(zWhy, nWhy, "expected ':' after the minute");
  p++;
  if( simtime_digits(p, 2, &s) ){
    return simtime_why(zWhy, nWhy, "expected a 2-digit second after the minute");
  }
  if( s>59 ){
    return simtime_why(zWhy, nWhy,
        "second %02u is out of range (00-59; no leap seconds)", s);
  }
  p += 2;
  if( *p=='.' ){
    p++;
    if( !isdigit((unsigned char)*p) ){
      return simtime_why(zWhy, nWhy, "expected digits after '.'");
    }
    for(; isdigit((unsigned char)*p); p++){
      if( *p!='0' ){
        return simtime_why(zWhy, nWhy,
            "fractional seconds must be zero; simulated time is whole seconds");
      }
    }
  }
  *pp = p;
  *pSec = (SimTime)h*SIMTIME_HOUR + (SimTime)mi*SIMTIME_MINUTE + s;
  return 0;
}

/* Read the zone at *pp, 'Z' or ±HH:MM, into *pOffset (seconds east of
** UTC); advance *pp. 0 or -1. */
static int simtime_parse_zone(const char **pp, SimTime *pOffset, char *zWhy, size_t nWhy){
  const char *p = *pp;
  unsigned oh = 0, om = 0;
  int64_t sign = 0;
  if( *p=='Z' ){
    p++;
  }else if( *p=='+' || *p=='-' ){
    sign = *p=='+' ? 1 : -1;
    p++;
    if( simtime_digits(p, 2, &oh) ){
      return simtime_why(zWhy, nWhy, "expected a 2-digit offset hour (+HH:MM)");
    }
    if( oh>23 ){
      return simtime_why(zWhy, nWhy,
          "offset hour %02u is out of range (00-23)", oh);
    }
    p += 2;
    if( *p!=':' ){
      return simtime_why(zWhy, nWhy, "expected ':' in the offset (+HH:MM)");
    }
    p++;
    if( simtime_digits(p, 2, &om) ){
      return simtime_why(zWhy, nWhy, "expected a 2-digit offset minute (+HH:MM)");
    }
    if( om>59 ){
      return simtime_why(zWhy, nWhy,
          "offset minute %02u is out of range (00-59)", om);
    }
    p += 2;
  }else if( *p=='\0' ){
    return simtime_why(zWhy, nWhy,
        "missing time zone: end with 'Z' or an offset like +02:00");
  }else{
    return simtime_why(zWhy, nWhy,
        "expected 'Z' or an offset like +02:00 after the time");
  }
  *pp = p;
  *pOffset = sign*((SimTime)oh*SIMTIME_HOUR + (SimTime)om*SIMTIME_MINUTE);
  return 0;
}

/* Parse YYYY-MM-DDTHH:MM:SS[.000…](Z|±HH:MM). Each field is range-checked
** as soon as it is read, so "2026-13-01" is blamed on its month even when
** nothing follows it. */
int simtime_parse_instant(const char *z, SimTime *pT, char *zWhy, size_t nWhy){
  const char *p = z;
  unsigned y = 0, mo = 0, d = 0;
  SimTime tClock = 0, tOffset = 0;

  if( z==NULL ) return simtime_why(zWhy, nWhy, "no instant given");
  if( simtime_parse_date(&p, &y, &mo, &d, zWhy, nWhy) ) return -1;
  if( *p!='T' ) return simtime_why(zWhy, nWhy, "expected 'T' after the date");
  p++;
  if( simtime_parse_clock(&p, &tClock, zWhy, nWhy) ) return -1;
  if( simtime_parse_zone(&p, &tOffset, zWhy, nWhy) ) return -1;
  if( *p!='\0' ){
    return simtime_why(zWhy, nWhy,
        "unexpected text \"%.16s\" after the instant", p);
  }
  /* Local time = UTC + offset, so UTC = local - offset. */
  if( pT ) *pT = simtime_days_from_civil(y, mo, d)*SIMTIME_DAY + tClock - tOffset;
  return 0;
}

/* Read the number of a duration's unit at *pp into *pV, up to the unit
** letter (which must follow); advance *pp to that letter. 0 or -1. */
static int simtime_duration_number(const char **pp, SimTime *pV, char *zWhy, size_t nWhy){
  const char *p = *pp;
  SimTime v = 0;
  if( *p=='-' || *p=='+' ){
    return simtime_why(zWhy, nWhy,
        "signs are not allowed inside a duration; "
        "negative numbers cannot be used");
  }
  if( !isdigit((unsigned char)*p) ){
    if( isupper((unsigned char)*p) ){
      return simtime_why(zWhy, nWhy, "expected a number before '%c'", *p);
    }
    return simtime_why(zWhy, nWhy,
        "unexpected text \"%.16s\" in the duration", p);
  }
  for(; isdigit((unsigned char)*p); p++){
    int dig = *p - '0';
    if( v > (INT64_MAX - dig)/10 ){
      return simtime_why(zWhy, nWhy,
          "number is too large for a duration in seconds");
    }
    v = v*10 + dig;
  }
  if( *p=='.' || *p==',' ){
    return simtime_why(zWhy, nWhy,
        "fractions are not allowed in durations; use a smaller unit");
  }
  if( *p=='\0' ){
    return simtime_why(zWhy, nWhy,
        "number %" PRId64 " has no unit; follow it with W, D, H, M or S", v);
  }
  *pp = p;
  *pV = v;
  return 0;
}

/* The rank (W=1 D=2 H=3 M=4 S=5) and length in seconds of unit letter c,
** before the 'T' (bTime 0) or after it. 0 or -1. */
static int simtime_duration_unit(char c, int bTime, int *piRank, SimTime *pMult,
                                 char *zWhy, size_t nWhy){
  if( !bTime ){
    switch( c ){
      case 'W': *piRank = 1; *pMult = SIMTIME_WEEK; return 0;
      case 'D': *piRank = 2; *pMult = SIMTIME_DAY;  return 0;
      case 'Y':
      case 'M':
        return simtime_why(zWhy, nWhy,
            "years and months are not allowed in durations "
            "(their length varies); use weeks or days");
      case 'H':
      case 'S':
        return simtime_why(zWhy, nWhy,
            "'%c' must come after 'T' (e.g. PT2H, PT30S)", c);
      default:
        return simtime_why(zWhy, nWhy,
            "unknown unit '%c' (use W or D, then T and H, M or S)", c);
    }
  }
  switch( c ){
    case 'H': *piRank = 3; *pMult = SIMTIME_HOUR;   return 0;
    case 'M': *piRank = 4; *pMult = SIMTIME_MINUTE; return 0;
    case 'S': *piRank = 5; *pMult = 1;              return 0;
    case 'W':
    case 'D':
      return simtime_why(zWhy, nWhy,
          "'%c' must come before 'T' (e.g. P1DT2H)", c);
    default:
      return simtime_why(zWhy, nWhy,
          "unknown unit '%c' after 'T' (use H, M or S)", c);
  }
}

/* Parse P[nW][nD][T[nH][nM][nS]]. Units must appear in that order, at most
** once each, and a 'T' must be followed by at least one time unit. Every
** multiplication and addition is checked, so a huge number is an error
** rather than a silently wrapped total. */
int simtime_parse_duration(const char *z, SimTime *pT, char *zWhy, size_t nWhy){
  const char *p = z;
  SimTime total = 0;
  int bTime = 0;      /* a 'T' has been seen */
  int nTimeUnit = 0;  /* units seen after the 'T' */
  int nUnit = 0;      /* units seen in all */
  int iLastRank = 0;  /* rank of the last unit: W=1 D=2 H=3 M=4 S=5 */

  if( z==NULL ) return simtime_why(zWhy, nWhy, "no duration given");
  if( *p=='-' ){
    return simtime_why(zWhy, nWhy, "negative durations are not allowed");
  }
  if( *p!='P' ){
    return simtime_why(zWhy, nWhy,
        "a duration starts with 'P' (e.g. PT40M, P14D)");
  }
  p++;
  if( *p=='\0' ){
    return simtime_why(zWhy, nWhy,
        "empty duration \"P\"; write e.g. PT0S, PT40M or P1D");
  }

  while( *p ){
    SimTime v = 0, mult = 1;
    int iRank = 0;
    char c;

    if( *p=='T' ){
      if( bTime ) return simtime_why(zWhy, nWhy, "'T' appears twice");
      bTime = 1;
      p++;
      continue;
    }
    if( simtime_duration_number(&p, &v, zWhy, nWhy) ) return -1;
    c = *p;
    if( simtime_duration_unit(c, bTime, &iRank, &mult, zWhy, nWhy) ) return -1;
    if( bTime ) nTimeUnit++;
    if( iRank<=iLastRank ){
      return simtime_why(zWhy, nWhy,
          "'%c' is repeated or out of order (order is W, D, T, H, M, S)", c);
    }
    iLastRank = iRank;
    if( v > INT64_MAX/mult || v*mult > INT64_MAX - total ){
      return simtime_why(zWhy, nWhy, "duration is too large for 64-bit seconds");
    }
    total += v*mult;
    nUnit++;
    p++;
  }

  if( bTime && nTimeUnit==0 ){
    return simtime_why(zWhy, nWhy,
        "'T' must be followed by hours, minutes or seconds (e.g. PT40M)");
  }
  if( nUnit==0 ){
    return simtime_why(zWhy, nWhy, "empty duration; write e.g. PT0S or P1D");
  }
  if( pT ) *pT = total;
  return 0;
}

/* Floor division keeps instants before 1970 on the right calendar day
** (-1 s is 1969-12-31T23:59:59Z, not 1970-01-01T00:00:-1). Years outside
** 0000-9999 are printed with more digits or a sign, and so may not fit
** in 21 bytes; snprintf truncates them safely. */
char *simtime_format_instant(SimTime t, char *z, size_t n){
  int64_t days = t / SIMTIME_DAY;
  int64_t secs = t % SIMTIME_DAY;
  int64_t y;
  unsigned m, d;
  if( secs<0 ){
    secs += SIMTIME_DAY;
    days--;
  }
  simtime_civil_from_days(days, &y, &m, &d);
  if( n>0 ){
    snprintf(z, n, "%04" PRId64 "-%02u-%02uT%02u:%02u:%02uZ", y, m, d,
             (unsigned)(secs/SIMTIME_HOUR),
             (unsigned)(secs%SIMTIME_HOUR/SIMTIME_MINUTE),
             (unsigned)(secs%SIMTIME_MINUTE));
  }
  return z;
}

/* Canonical form: no weeks, days only when non-zero, the 'T' part only
** when non-zero, and "PT0S" for zero. The magnitude is taken as uint64 so
** that INT64_MIN prints instead of overflowing on negation. */
char *simtime_format_duration(SimTime t, char *z, size_t n){
  char zBuf[48];
  size_t i = 0;
  uint64_t u = t<0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
  uint64_t days = u / SIMTIME_DAY;
  unsigned rem = (unsigned)(u % SIMTIME_DAY);
  unsigned h = rem/SIMTIME_HOUR;
  unsigned m = rem%SIMTIME_HOUR/SIMTIME_MINUTE;
  unsigned s = rem%SIMTIME_MINUTE;

  if( t<0 ) zBuf[i++] = '-';
  zBuf[i++] = 'P';
  if( days>0 ){
    i += (size_t)snprintf(zBuf+i, sizeof(zBuf)-i, "%" PRIu64 "D", days);
  }
  if( rem>0 || days==0 ){
    zBuf[i++] = 'T';
    if( h>0 ) i += (size_t)snprintf(zBuf+i, sizeof(zBuf)-i, "%uH", h);
    if( m>0 ) i += (size_t)snprintf(zBuf+i, sizeof(zBuf)-i, "%uM", m);
    if( s>0 || rem==0 ){
      i += (size_t)snprintf(zBuf+i, sizeof(zBuf)-i, "%uS", s);
    }
  }
  zBuf[i] = '\0';
  if( n>0 ) snprintf(z, n, "%s", zBuf);
  return z;
}

/* Floor division by a positive divisor. */
static int64_t simtime_floor_div(int64_t a, int64_t b){
  return a/b - (a%b!=0 && a<0);
}

int64_t simtime_day_number(SimTime tStartEpoch, SimTime t){
  return simtime_floor_div(tStartEpoch + t, SIMTIME_DAY)
       - simtime_floor_div(tStartEpoch, SIMTIME_DAY) + 1;
}

char *simtime_format_day(SimTime tStartEpoch, SimTime t, char *z, size_t n){
  int64_t tAbs = tStartEpoch + t;
  int64_t nSec = tAbs - simtime_floor_div(tAbs, SIMTIME_DAY)*SIMTIME_DAY;
  snprintf(z, n, "Day %lld %02d:%02d", (long long)simtime_day_number(tStartEpoch, t),
           (int)(nSec / SIMTIME_HOUR), (int)(nSec % SIMTIME_HOUR / SIMTIME_MINUTE));
  return z;
}

char *simtime_format_span(SimTime t, char *z, size_t n){
  static const struct { int64_t nSec; const char *zUnit; } aUnit[] = {
    { SIMTIME_DAY, "d" }, { SIMTIME_HOUR, "h" }, { SIMTIME_MINUTE, "m" }, { 1, "s" },
  };
  char zBuf[64];
  size_t i = 0;
  uint64_t u = t<0 ? (uint64_t)0 - (uint64_t)t : (uint64_t)t;
  int k, kFirst = 3, nShown = 0;
  if( t<0 ) zBuf[i++] = '-';
  for(k=0; k<4; k++) if( u>=(uint64_t)aUnit[k].nSec ){ kFirst = k; break; }
  for(k=kFirst; k<4 && k<kFirst+3; k++){
    uint64_t v = u / (uint64_t)aUnit[k].nSec;
    u %= (uint64_t)aUnit[k].nSec;
    if( v==0 && !(k==3 && nShown==0) ) continue;
    i += (size_t)snprintf(zBuf+i, sizeof(zBuf)-i, "%s%" PRIu64 " %s", nShown ? " " : "",
                          v, aUnit[k].zUnit);
    nShown++;
  }
  zBuf[i] = 0;
  if( n>0 ) snprintf(z, n, "%s", zBuf);
  return z;
}
