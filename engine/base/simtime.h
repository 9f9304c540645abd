/*
** simtime.h — simulated time: ISO-8601 instants and durations.
**
** Simulated time is an int64 count of seconds. Absolute instants are
** seconds since 1970-01-01T00:00:00Z (UTC, proleptic Gregorian, no leap
** seconds); times inside a run are offsets from the scenario start.
**
** Instants are accepted in the form YYYY-MM-DDTHH:MM:SSZ (also with a
** fractional second of zeros ".000", or an explicit "+00:00" offset; other
** offsets are converted to UTC). Durations are the ISO-8601 form
** P[nW][nD][T[nH][nM][nS]] with non-negative integers (years and months are
** rejected because their length in seconds is ambiguous). Both parsers
** reject trailing text, impossible dates (2026-02-30), out-of-range fields
** and empty components ("P", "PT").
*/
#ifndef TS_SIMTIME_H
#define TS_SIMTIME_H
#include <stdint.h>
#include <stddef.h>

typedef int64_t SimTime;   /* seconds */

#define SIMTIME_MINUTE 60
#define SIMTIME_HOUR   3600
#define SIMTIME_DAY    86400

/* Parse an instant. On success store seconds since the epoch in *pT and
** return 0; on failure return -1 and, if zWhy is not NULL, write a short
** reason ("day 30 does not exist in 2026-02") into zWhy[nWhy]. */
int simtime_parse_instant(const char *z, SimTime *pT, char *zWhy, size_t nWhy);

/* Parse a duration; same contract as simtime_parse_instant. */
int simtime_parse_duration(const char *z, SimTime *pT, char *zWhy, size_t nWhy);

/* Format t (seconds since epoch) as YYYY-MM-DDTHH:MM:SSZ into z[n]
** (n >= 21). Returns z. */
char *simtime_format_instant(SimTime t, char *z, size_t n);

/* Format a non-negative duration in canonical form: days as nD, then the
** time part, e.g. 0 -> "PT0S", 90061 -> "P1DT1H1M1S", 86400 -> "P1D".
** Negative durations are written with a leading '-'. Returns z. (n >= 32) */
char *simtime_format_duration(SimTime t, char *z, size_t n);

/* Times for people (reports, the progress line), one notation everywhere.
**
** simtime_format_day: the instant tStartEpoch+t as "Day N HH:MM", where Day 1
** is the UTC calendar day of the start instant tStartEpoch (so a run that
** starts at 09:00 reaches "Day 2 00:00" fifteen hours in). Seconds are
** cut, not rounded. Returns z (n >= 32).
**
** simtime_format_span: a duration as at most three units, largest first,
** cut (not rounded) below the smallest one shown: "45 s", "36 m 40 s",
** "1 h 29 m", "2 d 18 h 9 m"; zero units inside are left out ("1 d 5 m"),
** 0 is "0 s", negatives get a leading '-'. Returns z (n >= 32). */
char *simtime_format_day(SimTime tStartEpoch, SimTime t, char *z, size_t n);
char *simtime_format_span(SimTime t, char *z, size_t n);

/* The day number of simtime_format_day for offset t. */
int64_t simtime_day_number(SimTime tStartEpoch, SimTime t);

/* The Gregorian calendar, proleptic: 1 when y is a leap year; the days of
** month m (1..12) of year y. */
int simtime_is_leap(int64_t y);
unsigned simtime_days_in_month(int64_t y, unsigned m);

/* The proleptic Gregorian calendar, the one calendar of tenantsim (the
** expression language's dates use it too). Days count from 1970-01-01
** (day 0) and may be negative; y is the astronomical year (0 = 1 BC).
** simtime_days_from_civil: days since the epoch of a civil date; m must be
** 1..12 and d 1..31 (not validated: a day past the month's end counts on
** into the next month). simtime_civil_from_days: its inverse, the date of
** day z (*pM 1..12, *pD 1..31). Both are pure and valid while the day
** count fits comfortably in int64. */
int64_t simtime_days_from_civil(int64_t y, unsigned m, unsigned d);
void simtime_civil_from_days(int64_t z, int64_t *pY, unsigned *pM, unsigned *pD);

#endif
