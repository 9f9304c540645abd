/*
** test_simtime.c — the specification of sim/simtime.c: which ISO-8601
** instants and durations a scenario may contain, what they mean in
** seconds, why the others are refused, and how times are printed back.
*/
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "simtime.h"
#include "suites.h"

/* Parse z as an instant, which must succeed, and return its seconds. */
static SimTime instantOf(const char *z){
  SimTime t = -12345;
  char zWhy[128] = "";
  int rc = simtime_parse_instant(z, &t, zWhy, sizeof(zWhy));
  ck_assert_msg(rc==0, "\"%s\" should parse but was refused: %s", z, zWhy);
  return t;
}

/* Parse z as an instant, which must fail with a reason containing
** zReason, and leave the result untouched. */
static void expectInstantRejected(const char *z, const char *zReason){
  SimTime t = -12345;
  char zWhy[128] = "";
  int rc = simtime_parse_instant(z, &t, zWhy, sizeof(zWhy));
  ck_assert_msg(rc==-1, "\"%s\" should be refused", z);
  ck_assert_msg(strstr(zWhy, zReason)!=NULL,
      "\"%s\": reason \"%s\" should contain \"%s\"", z, zWhy, zReason);
  ck_assert_msg(t==-12345, "\"%s\": result written on failure", z);
}

static SimTime durationOf(const char *z){
  SimTime t = -12345;
  char zWhy[128] = "";
  int rc = simtime_parse_duration(z, &t, zWhy, sizeof(zWhy));
  ck_assert_msg(rc==0, "\"%s\" should parse but was refused: %s", z, zWhy);
  return t;
}

static void expectDurationRejected(const char *z, const char *zReason){
  SimTime t = -12345;
  char zWhy[128] = "";
  int rc = simtime_parse_duration(z, &t, zWhy, sizeof(zWhy));
  ck_assert_msg(rc==-1, "\"%s\" should be refused", z);
  ck_assert_msg(strstr(zWhy, zReason)!=NULL,
      "\"%s\": reason \"%s\" should contain \"%s\"", z, zWhy, zReason);
  ck_assert_msg(t==-12345, "\"%s\": result written on failure", z);
}

/* ---------------------------------------------------------------- instants */

START_TEST(test_epoch_is_second_zero){
  char z[32];
  ck_assert_int_eq(instantOf("1970-01-01T00:00:00Z"), 0);
  ck_assert_str_eq(simtime_format_instant(0, z, sizeof(z)),
                   "1970-01-01T00:00:00Z");
}
END_TEST

START_TEST(test_known_instants_have_known_seconds){
  ck_assert_int_eq(instantOf("2000-01-01T00:00:00Z"), 946684800);
  ck_assert_int_eq(instantOf("2024-02-29T00:00:00Z"), 1709164800);
  ck_assert_int_eq(instantOf("2026-03-15T09:30:15Z"), 1773567015);
  ck_assert_int_eq(instantOf("1969-12-31T23:59:59Z"), -1);
  ck_assert_int_eq(instantOf("2038-01-19T03:14:08Z"), INT64_C(2147483648));
}
END_TEST

START_TEST(test_instants_round_trip_through_format){
  static const char *azInstant[] = {
    "1970-01-01T00:00:00Z",
    "2024-02-29T12:34:56Z",     /* leap day */
    "2000-02-29T23:59:59Z",     /* leap day of a year divisible by 400 */
    "2100-03-01T00:00:00Z",
    "1969-12-31T23:59:59Z",     /* one second before the epoch */
    "1900-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-12-31T23:59:59Z",
  };
  size_t i;
  for(i=0; i<sizeof(azInstant)/sizeof(azInstant[0]); i++){
    char z[32];
    SimTime t = instantOf(azInstant[i]);
    simtime_format_instant(t, z, sizeof(z));
    ck_assert_str_eq(z, azInstant[i]);
  }
}
END_TEST

START_TEST(test_instants_before_the_epoch_format_on_the_right_day){
  char z[32];
  ck_assert_str_eq(simtime_format_instant(-1, z, sizeof(z)),
                   "1969-12-31T23:59:59Z");
  ck_assert_str_eq(simtime_format_instant(-SIMTIME_DAY, z, sizeof(z)),
                   "1969-12-31T00:00:00Z");
  ck_assert_str_eq(simtime_format_instant(-SIMTIME_DAY-1, z, sizeof(z)),
                   "1969-12-30T23:59:59Z");
}
END_TEST

START_TEST(test_format_instant_fits_in_21_bytes){
  char z[21];
  memset(z, 'x', sizeof(z));
  simtime_format_instant(instantOf("2026-07-04T18:05:09Z"), z, sizeof(z));
  ck_assert_str_eq(z, "2026-07-04T18:05:09Z");
}
END_TEST

START_TEST(test_consecutive_calendar_days_are_one_day_apart){
  /* Walk 1600-01-01 .. 2400-12-31 with an independent calendar and check
  ** both directions of the conversion on every day. */
  static const unsigned aDim[12] = {31,28,31,30,31,30,31,31,30,31,30,31};
  int64_t y, expect = simtime_days_from_civil(1600, 1, 1);
  for(y=1600; y<=2400; y++){
    int bLeap = (y%4==0 && y%100!=0) || y%400==0;
    unsigned m, d;
    for(m=1; m<=12; m++){
      unsigned nDay = aDim[m-1] + (m==2 && bLeap);
      for(d=1; d<=nDay; d++){
        char z[32], zExpect[32];
        ck_assert_int_eq(simtime_days_from_civil(y, m, d), expect);
        simtime_format_instant(expect*SIMTIME_DAY, z, sizeof(z));
        snprintf(zExpect, sizeof(zExpect), "%04d-%02u-%02uT00:00:00Z",
                 (int)y, m, d);
        ck_assert_str_eq(z, zExpect);
        expect++;
      }
    }
  }
}
END_TEST

START_TEST(test_days_from_civil_known_values){
  ck_assert_int_eq(simtime_days_from_civil(1970, 1, 1), 0);
  ck_assert_int_eq(simtime_days_from_civil(1969, 12, 31), -1);
  ck_assert_int_eq(simtime_days_from_civil(2000, 3, 1), 11017);
  ck_assert_int_eq(simtime_days_from_civil(2024, 2, 29), 19782);
  ck_assert_int_eq(simtime_days_from_civil(0, 3, 1), -719468);
}
END_TEST

/* civil_from_days inverts days_from_civil on every day of 0001..9999
** (the range of the expression language's dates) and a few far ones. */
START_TEST(test_civil_from_days_inverts_days_from_civil){
  int64_t z, y;
  unsigned m, d;
  int64_t zFirst = simtime_days_from_civil(1, 1, 1);
  int64_t zLast = simtime_days_from_civil(9999, 12, 31);
  int nBad = 0;
  ck_assert_int_eq(zFirst, -719162);
  for(z=zFirst; z<=zLast; z++){   /* count, not assert: Check's asserts are slow */
    simtime_civil_from_days(z, &y, &m, &d);
    if( m<1 || m>12 || d<1 || d>31 || simtime_days_from_civil(y, m, d)!=z ) nBad++;
  }
  ck_assert_int_eq(nBad, 0);
  simtime_civil_from_days(0, &y, &m, &d);
  ck_assert(y==1970 && m==1 && d==1);
  simtime_civil_from_days(-1, &y, &m, &d);
  ck_assert(y==1969 && m==12 && d==31);
  simtime_civil_from_days(19782, &y, &m, &d);
  ck_assert(y==2024 && m==2 && d==29);
  simtime_civil_from_days(-719468, &y, &m, &d);
  ck_assert(y==0 && m==3 && d==1);
}
END_TEST

START_TEST(test_zero_fraction_of_a_second_is_accepted){
  SimTime t = instantOf("2026-01-01T08:00:00Z");
  ck_assert_int_eq(instantOf("2026-01-01T08:00:00.0Z"), t);
  ck_assert_int_eq(instantOf("2026-01-01T08:00:00.000Z"), t);
  ck_assert_int_eq(instantOf("2026-01-01T08:00:00.000000+00:00"), t);
}
END_TEST

START_TEST(test_nonzero_fraction_of_a_second_is_rejected){
  expectInstantRejected("2026-01-01T08:00:00.5Z", "fractional seconds must be zero");
  expectInstantRejected("2026-01-01T08:00:00.001Z", "fractional seconds must be zero");
  expectInstantRejected("2026-01-01T08:00:00.Z", "expected digits after '.'");
}
END_TEST

START_TEST(test_plus_zero_offset_means_utc){
  ck_assert_int_eq(instantOf("2026-05-01T12:00:00+00:00"),
                   instantOf("2026-05-01T12:00:00Z"));
  ck_assert_int_eq(instantOf("2026-05-01T12:00:00-00:00"),
                   instantOf("2026-05-01T12:00:00Z"));
}
END_TEST

START_TEST(test_offsets_are_converted_to_utc){
  ck_assert_int_eq(instantOf("2026-03-15T10:30:00+02:00"),
                   instantOf("2026-03-15T08:30:00Z"));
  /* west of Greenwich, crossing midnight into the next UTC day */
  ck_assert_int_eq(instantOf("2026-03-14T20:00:00-05:30"),
                   instantOf("2026-03-15T01:30:00Z"));
  /* east of Greenwich, crossing back into a leap day */
  ck_assert_int_eq(instantOf("2024-03-01T00:30:00+01:00"),
                   instantOf("2024-02-29T23:30:00Z"));
  ck_assert_int_eq(instantOf("2026-01-01T00:00:00+05:45"),
                   instantOf("2025-12-31T18:15:00Z"));
}
END_TEST

START_TEST(test_day_that_does_not_exist_is_rejected_naming_the_month){
  expectInstantRejected("2026-02-30T00:00:00Z", "day 30 does not exist in 2026-02");
  expectInstantRejected("2026-04-31T00:00:00Z", "day 31 does not exist in 2026-04");
  expectInstantRejected("2026-01-32T00:00:00Z", "day 32 does not exist in 2026-01");
  expectInstantRejected("2026-01-00T00:00:00Z", "day 00 does not exist in 2026-01");
}
END_TEST

START_TEST(test_month_outside_1_to_12_is_rejected){
  expectInstantRejected("2026-13-01T00:00:00Z", "month 13 does not exist");
  expectInstantRejected("2026-00-10T00:00:00Z", "month 00 does not exist");
}
END_TEST

START_TEST(test_february_29_exists_only_in_gregorian_leap_years){
  ck_assert_int_eq(instantOf("2024-03-01T00:00:00Z")
                   - instantOf("2024-02-29T00:00:00Z"), SIMTIME_DAY);
  instantOf("2000-02-29T00:00:00Z");
  expectInstantRejected("2100-02-29T00:00:00Z", "day 29 does not exist in 2100-02");
  expectInstantRejected("1900-02-29T00:00:00Z", "day 29 does not exist in 1900-02");
  expectInstantRejected("2026-02-29T00:00:00Z", "day 29 does not exist in 2026-02");
}
END_TEST

START_TEST(test_time_fields_out_of_range_are_rejected){
  expectInstantRejected("2026-01-01T24:00:00Z", "hour 24 is out of range");
  expectInstantRejected("2026-01-01T23:60:00Z", "minute 60 is out of range");
  expectInstantRejected("2026-12-31T23:59:60Z", "second 60 is out of range");
}
END_TEST

START_TEST(test_date_and_time_must_be_joined_by_T){
  expectInstantRejected("2026-01-01 00:00:00Z", "expected 'T' after the date");
  expectInstantRejected("2026-01-01", "expected 'T' after the date");
}
END_TEST

START_TEST(test_instant_without_time_zone_is_rejected){
  expectInstantRejected("2026-01-01T00:00:00", "missing time zone");
  expectInstantRejected("2026-01-01T00:00:00 UTC", "expected 'Z' or an offset");
}
END_TEST

START_TEST(test_trailing_text_after_an_instant_is_rejected){
  expectInstantRejected("2026-01-01T00:00:00Z ", "unexpected text");
  expectInstantRejected("2026-01-01T00:00:00Zjunk", "unexpected text \"junk\"");
  expectInstantRejected("2026-01-01T00:00:00+01:00:00", "unexpected text");
}
END_TEST

START_TEST(test_malformed_fields_are_rejected_by_name){
  expectInstantRejected("", "4-digit year");
  expectInstantRejected("26-01-01T00:00:00Z", "4-digit year");
  expectInstantRejected("2026/01/01T00:00:00Z", "expected '-' after the year");
  expectInstantRejected("2026-1-01T00:00:00Z", "2-digit month");
  expectInstantRejected("2026-01-1T00:00:00Z", "2-digit day");
  expectInstantRejected("2026-01-01T0:00:00Z", "2-digit hour");
  expectInstantRejected("2026-01-01T00-00:00Z", "expected ':' after the hour");
  expectInstantRejected("2026-01-01T00:00Z", "expected ':' after the minute");
  expectInstantRejected("2026-01-01T00:00:00+0200", "expected ':' in the offset");
  expectInstantRejected("2026-01-01T00:00:00+24:00", "offset hour 24 is out of range");
  expectInstantRejected("2026-01-01T00:00:00+01:60", "offset minute 60 is out of range");
  expectInstantRejected("2026-01-01t00:00:00z", "expected 'T' after the date");
}
END_TEST

START_TEST(test_reason_is_optional_and_truncated_to_its_buffer){
  SimTime t = 7;
  char zWhy[8];
  ck_assert_int_eq(simtime_parse_instant("2026-02-30T00:00:00Z", &t, NULL, 0), -1);
  ck_assert_int_eq(simtime_parse_duration("P1Y", &t, NULL, 0), -1);
  ck_assert_int_eq(t, 7);
  memset(zWhy, 'x', sizeof(zWhy));
  ck_assert_int_eq(simtime_parse_instant("2026-02-30T00:00:00Z", &t,
                                         zWhy, sizeof(zWhy)), -1);
  ck_assert_str_eq(zWhy, "day 30 ");
}
END_TEST

/* --------------------------------------------------------------- durations */

START_TEST(test_durations_parse_to_seconds){
  ck_assert_int_eq(durationOf("PT40M"), 40*SIMTIME_MINUTE);
  ck_assert_int_eq(durationOf("P14D"), 14*SIMTIME_DAY);
  ck_assert_int_eq(durationOf("P1W"), 7*SIMTIME_DAY);
  ck_assert_int_eq(durationOf("P1DT2H3M4S"),
                   SIMTIME_DAY + 2*SIMTIME_HOUR + 3*SIMTIME_MINUTE + 4);
  ck_assert_int_eq(durationOf("P2W3D"), 17*SIMTIME_DAY);
  ck_assert_int_eq(durationOf("PT0S"), 0);
  ck_assert_int_eq(durationOf("P0D"), 0);
  ck_assert_int_eq(durationOf("PT1H30S"), SIMTIME_HOUR + 30);
}
END_TEST

START_TEST(test_M_after_T_is_minutes_not_months){
  ck_assert_int_eq(durationOf("PT1M"), 60);
}
END_TEST

START_TEST(test_unnormalised_fields_are_accepted_and_added){
  ck_assert_int_eq(durationOf("PT90M"), 90*SIMTIME_MINUTE);
  ck_assert_int_eq(durationOf("PT36H"), 36*SIMTIME_HOUR);
  ck_assert_int_eq(durationOf("PT86400S"), SIMTIME_DAY);
  ck_assert_int_eq(durationOf("P007D"), 7*SIMTIME_DAY);
}
END_TEST

START_TEST(test_years_and_months_are_rejected_because_their_length_varies){
  const char *zReason = "years and months are not allowed in durations "
                        "(their length varies); use weeks or days";
  expectDurationRejected("P1Y", zReason);
  expectDurationRejected("P1M", zReason);
  expectDurationRejected("P1Y2M3D", zReason);
  expectDurationRejected("P1MT2H", zReason);
}
END_TEST

START_TEST(test_empty_durations_are_rejected){
  expectDurationRejected("P", "empty duration \"P\"");
  expectDurationRejected("PT", "'T' must be followed by hours, minutes or seconds");
  expectDurationRejected("P1DT", "'T' must be followed by hours, minutes or seconds");
}
END_TEST

START_TEST(test_negative_durations_are_rejected){
  expectDurationRejected("P-1D", "signs are not allowed");
  expectDurationRejected("PT+5M", "signs are not allowed");
  expectDurationRejected("-P1D", "negative durations are not allowed");
}
END_TEST

START_TEST(test_duration_must_start_with_P){
  expectDurationRejected("", "starts with 'P'");
  expectDurationRejected("40M", "starts with 'P'");
  expectDurationRejected("pt40m", "starts with 'P'");
  expectDurationRejected(" PT40M", "starts with 'P'");
}
END_TEST

START_TEST(test_trailing_text_after_a_duration_is_rejected){
  expectDurationRejected("PT40M later", "unexpected text \" later\"");
  expectDurationRejected("P1D ", "unexpected text");
  expectDurationRejected("PT5", "number 5 has no unit");
  expectDurationRejected("PT5m", "unknown unit 'm'");
  expectDurationRejected("P1X", "unknown unit 'X'");
  expectDurationRejected("PD", "expected a number before 'D'");
}
END_TEST

START_TEST(test_units_must_be_in_order_and_not_repeated){
  expectDurationRejected("PT1S1M", "'M' is repeated or out of order");
  expectDurationRejected("P1D1W", "'W' is repeated or out of order");
  expectDurationRejected("P1D2D", "'D' is repeated or out of order");
  expectDurationRejected("PT1H2H", "'H' is repeated or out of order");
  expectDurationRejected("P1H", "'H' must come after 'T'");
  expectDurationRejected("P30S", "'S' must come after 'T'");
  expectDurationRejected("PT1D", "'D' must come before 'T'");
  expectDurationRejected("PT1HT2M", "'T' appears twice");
}
END_TEST

START_TEST(test_fractional_durations_are_rejected){
  expectDurationRejected("PT1.5H", "fractions are not allowed");
  expectDurationRejected("P0,5D", "fractions are not allowed");
}
END_TEST

START_TEST(test_huge_durations_are_rejected_not_wrapped){
  ck_assert_int_eq(durationOf("PT9223372036854775807S"), INT64_MAX);
  expectDurationRejected("P99999999999999999999D", "too large");
  expectDurationRejected("PT9223372036854775808S", "too large");
  expectDurationRejected("P9223372036854775807D", "too large");
  expectDurationRejected("P106751991167301D", "too large");
  expectDurationRejected("P1DT9223372036854775807S", "too large");
}
END_TEST

START_TEST(test_durations_format_canonically){
  char z[32];
  ck_assert_str_eq(simtime_format_duration(0, z, sizeof(z)), "PT0S");
  ck_assert_str_eq(simtime_format_duration(86400, z, sizeof(z)), "P1D");
  ck_assert_str_eq(simtime_format_duration(90061, z, sizeof(z)), "P1DT1H1M1S");
  ck_assert_str_eq(simtime_format_duration(2400, z, sizeof(z)), "PT40M");
  ck_assert_str_eq(simtime_format_duration(59, z, sizeof(z)), "PT59S");
  ck_assert_str_eq(simtime_format_duration(3600, z, sizeof(z)), "PT1H");
  ck_assert_str_eq(simtime_format_duration(86401, z, sizeof(z)), "P1DT1S");
  ck_assert_str_eq(simtime_format_duration(3660, z, sizeof(z)), "PT1H1M");
  /* weeks are written as days */
  ck_assert_str_eq(simtime_format_duration(14*SIMTIME_DAY, z, sizeof(z)), "P14D");
}
END_TEST

START_TEST(test_negative_durations_format_with_a_leading_minus){
  char z[32];
  ck_assert_str_eq(simtime_format_duration(-2400, z, sizeof(z)), "-PT40M");
  ck_assert_str_eq(simtime_format_duration(-86400, z, sizeof(z)), "-P1D");
  ck_assert_str_eq(simtime_format_duration(INT64_MIN, z, sizeof(z)),
                   "-P106751991167300DT15H30M8S");
  ck_assert_str_eq(simtime_format_duration(INT64_MAX, z, sizeof(z)),
                   "P106751991167300DT15H30M7S");
}
END_TEST

START_TEST(test_formatted_durations_parse_back_to_the_same_seconds){
  static const SimTime aT[] = {
    0, 1, 59, 60, 61, 3599, 3600, 86399, 86400, 90061, 604800,
    1209600 + 7, INT64_C(31536000000), INT64_MAX,
  };
  size_t i;
  for(i=0; i<sizeof(aT)/sizeof(aT[0]); i++){
    char z[32];
    simtime_format_duration(aT[i], z, sizeof(z));
    ck_assert_int_eq(durationOf(z), aT[i]);
  }
}
END_TEST

/* ---------------------------------------------------------------------
** Times for people: "Day N HH:MM" and "1 h 29 m".
*/

START_TEST(test_day_one_is_the_calendar_day_of_the_start){
  char z[32];
  SimTime t0 = instantOf("2026-01-05T09:00:00Z");
  ck_assert_str_eq(simtime_format_day(t0, 0, z, sizeof(z)), "Day 1 09:00");
  /* Fifteen hours in is already the next calendar day. */
  ck_assert_str_eq(simtime_format_day(t0, 15*SIMTIME_HOUR, z, sizeof(z)), "Day 2 00:00");
  ck_assert_str_eq(simtime_format_day(t0, 15*SIMTIME_HOUR-1, z, sizeof(z)), "Day 1 23:59");
  /* Seconds are cut, not rounded. */
  ck_assert_str_eq(simtime_format_day(t0, 59, z, sizeof(z)), "Day 1 09:00");
  ck_assert_str_eq(simtime_format_day(t0, 41*SIMTIME_DAY+10*SIMTIME_HOUR, z, sizeof(z)),
                   "Day 42 19:00");
  ck_assert_int_eq(simtime_day_number(t0, 42*SIMTIME_DAY), 43);
}
END_TEST

START_TEST(test_a_start_at_midnight_keeps_whole_days){
  char z[32];
  SimTime t0 = instantOf("2026-03-02T00:00:00Z");
  ck_assert_str_eq(simtime_format_day(t0, SIMTIME_DAY, z, sizeof(z)), "Day 2 00:00");
  ck_assert_str_eq(simtime_format_day(t0, SIMTIME_DAY-60, z, sizeof(z)), "Day 1 23:59");
}
END_TEST

START_TEST(test_spans_show_at_most_three_units_largest_first){
  char z[32];
  ck_assert_str_eq(simtime_format_span(0, z, sizeof(z)), "0 s");
  ck_assert_str_eq(simtime_format_span(45, z, sizeof(z)), "45 s");
  ck_assert_str_eq(simtime_format_span(36*60+40, z, sizeof(z)), "36 m 40 s");
  ck_assert_str_eq(simtime_format_span(SIMTIME_HOUR+29*60+59, z, sizeof(z)), "1 h 29 m 59 s");
  /* Three units from the largest: the seconds of a day-long span are cut. */
  ck_assert_str_eq(simtime_format_span(2*SIMTIME_DAY+18*SIMTIME_HOUR+9*60+9, z, sizeof(z)),
                   "2 d 18 h 9 m");
  /* Zero units inside are left out. */
  ck_assert_str_eq(simtime_format_span(SIMTIME_DAY+5*60, z, sizeof(z)), "1 d 5 m");
  ck_assert_str_eq(simtime_format_span(SIMTIME_DAY, z, sizeof(z)), "1 d");
  ck_assert_str_eq(simtime_format_span(2*SIMTIME_HOUR, z, sizeof(z)), "2 h");
  ck_assert_str_eq(simtime_format_span(-90, z, sizeof(z)), "-1 m 30 s");
}
END_TEST

Suite *simtime_suite(void){
  Suite *s = suite_create("simtime");
  TCase *tcInstant = tcase_create("instant");
  TCase *tcDuration = tcase_create("duration");

  tcase_add_test(tcInstant, test_epoch_is_second_zero);
  tcase_add_test(tcInstant, test_known_instants_have_known_seconds);
  tcase_add_test(tcInstant, test_instants_round_trip_through_format);
  tcase_add_test(tcInstant, test_instants_before_the_epoch_format_on_the_right_day);
  tcase_add_test(tcInstant, test_format_instant_fits_in_21_bytes);
  tcase_add_test(tcInstant, test_consecutive_calendar_days_are_one_day_apart);
  tcase_add_test(tcInstant, test_days_from_civil_known_values);
  tcase_add_test(tcInstant, test_civil_from_days_inverts_days_from_civil);
  tcase_add_test(tcInstant, test_zero_fraction_of_a_second_is_accepted);
  tcase_add_test(tcInstant, test_nonzero_fraction_of_a_second_is_rejected);
  tcase_add_test(tcInstant, test_plus_zero_offset_means_utc);
  tcase_add_test(tcInstant, test_offsets_are_converted_to_utc);
  tcase_add_test(tcInstant, test_day_that_does_not_exist_is_rejected_naming_the_month);
  tcase_add_test(tcInstant, test_month_outside_1_to_12_is_rejected);
  tcase_add_test(tcInstant, test_february_29_exists_only_in_gregorian_leap_years);
  tcase_add_test(tcInstant, test_time_fields_out_of_range_are_rejected);
  tcase_add_test(tcInstant, test_date_and_time_must_be_joined_by_T);
  tcase_add_test(tcInstant, test_instant_without_time_zone_is_rejected);
  tcase_add_test(tcInstant, test_trailing_text_after_an_instant_is_rejected);
  tcase_add_test(tcInstant, test_malformed_fields_are_rejected_by_name);
  tcase_add_test(tcInstant, test_reason_is_optional_and_truncated_to_its_buffer);
  suite_add_tcase(s, tcInstant);

  tcase_add_test(tcDuration, test_durations_parse_to_seconds);
  tcase_add_test(tcDuration, test_M_after_T_is_minutes_not_months);
  tcase_add_test(tcDuration, test_unnormalised_fields_are_accepted_and_added);
  tcase_add_test(tcDuration, test_years_and_months_are_rejected_because_their_length_varies);
  tcase_add_test(tcDuration, test_empty_durations_are_rejected);
  tcase_add_test(tcDuration, test_negative_durations_are_rejected);
  tcase_add_test(tcDuration, test_duration_must_start_with_P);
  tcase_add_test(tcDuration, test_trailing_text_after_a_duration_is_rejected);
  tcase_add_test(tcDuration, test_units_must_be_in_order_and_not_repeated);
  tcase_add_test(tcDuration, test_fractional_durations_are_rejected);
  tcase_add_test(tcDuration, test_huge_durations_are_rejected_not_wrapped);
  tcase_add_test(tcDuration, test_durations_format_canonically);
  tcase_add_test(tcDuration, test_negative_durations_format_with_a_leading_minus);
  tcase_add_test(tcDuration, test_formatted_durations_parse_back_to_the_same_seconds);
  suite_add_tcase(s, tcDuration);
  {
    TCase *tcPeople = tcase_create("people");
    tcase_add_test(tcPeople, test_day_one_is_the_calendar_day_of_the_start);
    tcase_add_test(tcPeople, test_a_start_at_midnight_keeps_whole_days);
    tcase_add_test(tcPeople, test_spans_show_at_most_three_units_largest_first);
    suite_add_tcase(s, tcPeople);
  }
  return s;
}
