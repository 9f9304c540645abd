/*
** test_expr_date.c — the specification of the date functions
** (expr_func_date.c, on expr_date.c): CDate, DateAdd, DateDiff,
** DateFromNum, NumFromDate, FormatDateTime and Now against the simulated
** clock.
** Shared fixture and the ev()/EV/CE conventions: expr_fixture.h.
*/
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "expr.h"
#include "mem.h"
#include "rng.h"
#include "suites.h"
#include "expr_fixture.h"

START_TEST(test_cdate_parses_to_utc_and_renders_us_style){
  EV("CDate(\"2020-03-16-07:00\")", "", "3/16/2020 7:00:00 AM");
  EV("CDate(\"2021-06-30+08:00\")", "", "6/29/2021 4:00:00 PM");
  EV("CDate(\"2009-06-15T01:45:30-07:00\")", "", "6/15/2009 8:45:30 AM");
  EV("CDate(\"2021-08-24\")", "", "8/24/2021 12:00:00 AM");
  EV("CDate(\"8/25/2021 5:41:18 PM\")", "", "8/25/2021 5:41:18 PM");
  EV("CDate(\"1/15/1990 12:00:00 AM\")", "", "1/15/1990 12:00:00 AM");
  EV("CDate(\"2021-08-24T12:30:00Z\")", "", "8/24/2021 12:30:00 PM");
  EV("CDate(\"2021-08-24 00:30:00.125\")", "", "8/24/2021 12:30:00 AM");
  EV("CDate(\"0099-01-01\")", "", "1/1/0099 12:00:00 AM");
  EV("CDate([hire])", "", "(null)");
}
END_TEST

START_TEST(test_cdate_rejects_garbage_and_impossible_dates){
  EV("CDate(\"garbage\")", "", "error: column 1: CDate: argument 1 (expression) is not a date/time: \"garbage\"");
  EV("CDate(\"2021-02-29\")", "", "error: column 1: CDate: argument 1 (expression) is not a date/time: \"2021-02-29\"");
  EV("CDate(\"2021-08-24 25:00\")", "",
     "error: column 1: CDate: argument 1 (expression) is not a date/time: \"2021-08-24 25:00\"");
  EV("Join(\",\", CDate(\"13/1/2020\"))", "",
     "error: column 11: CDate: argument 1 (expression) is not a date/time: \"13/1/2020\"");
}
END_TEST

START_TEST(test_dateadd_follows_the_documented_table){
  const char *zHire = "StatusHireDate=2012-03-16-07:00";
  EV("DateAdd(\"d\", 7, CDate([StatusHireDate]))", zHire, "3/23/2012 7:00:00 AM");
  EV("DateAdd(\"d\", -10, CDate([StatusHireDate]))", zHire, "3/6/2012 7:00:00 AM");
  EV("DateAdd(\"ww\", 2, CDate([StatusHireDate]))", zHire, "3/30/2012 7:00:00 AM");
  EV("DateAdd(\"m\", 10, CDate([StatusHireDate]))", zHire, "1/16/2013 7:00:00 AM");
  EV("DateAdd(\"yyyy\", 2, CDate([StatusHireDate]))", zHire, "3/16/2014 7:00:00 AM");
  EV("DateAdd(\"h\", 25, CDate(\"2021-08-24\"))", "", "8/25/2021 1:00:00 AM");
  EV("DateAdd(\"n\", 90, CDate(\"2021-08-24\"))", "", "8/24/2021 1:30:00 AM");
  EV("DateAdd(\"s\", -1, CDate(\"2021-08-24\"))", "", "8/23/2021 11:59:59 PM");
  EV("DateAdd(\"d\", \"10\", Now())", "", "9/4/2021 5:41:18 PM");
  EV("DateAdd(\"d\", 1, [StatusHireDate])", zHire, "3/17/2012 7:00:00 AM");
  EV("DateAdd(\"d\", 1, [missing])", "", "(null)");
}
END_TEST

START_TEST(test_dateadd_months_clamp_the_day){
  EV("DateAdd(\"m\", 1, CDate(\"2021-01-31\"))", "", "2/28/2021 12:00:00 AM");
  EV("DateAdd(\"m\", 1, CDate(\"2024-01-31\"))", "", "2/29/2024 12:00:00 AM");
  EV("DateAdd(\"yyyy\", 1, CDate(\"2020-02-29\"))", "", "2/28/2021 12:00:00 AM");
  EV("DateAdd(\"m\", -13, CDate(\"2021-03-31\"))", "", "2/29/2020 12:00:00 AM");
}
END_TEST

START_TEST(test_dateadd_rejects_unknown_intervals_and_overflow){
  EV("DateAdd(\"q\", 1, Now())", "", "error: column 1: DateAdd: unknown interval \"q\" (expected yyyy, m, d, ww, h, n or s)");
  EV("DateAdd(\"D\", 1, Now())", "", "error: column 1: DateAdd: unknown interval \"D\" (expected yyyy, m, d, ww, h, n or s)");
  EV("DateAdd(\"d\", \"x\", Now())", "", "error: column 1: DateAdd: argument 2 (value) must be an integer, found \"x\"");
  EV("DateAdd(\"yyyy\", 8000, Now())", "", "error: column 1: DateAdd: the result is outside years 1 to 9999");
  EV("DateAdd(\"s\", -9223372036854775807, Now())", "", "error: column 1: DateAdd: the result is outside years 1 to 9999");
}
END_TEST

START_TEST(test_datediff_follows_the_documented_table){
  const char *zHire = "StatusHireDate=2012-03-16-07:00";
  EV("DateDiff(\"d\", Now(), CDate([StatusHireDate]))", zHire, "-3449");
  EV("DateDiff(\"ww\", Now(), CDate([StatusHireDate]))", zHire, "-493");
  EV("DateDiff(\"m\", Now(), CDate([StatusHireDate]))", zHire, "-113");
  EV("DateDiff(\"yyyy\", Now(), CDate([StatusHireDate]))", zHire, "-9");
  EV("DateDiff(\"h\", CDate(\"2021-08-24\"), CDate(\"2021-08-25\"))", "", "24");
  EV("DateDiff(\"n\", CDate(\"2021-08-24\"), CDate(\"2021-08-25\"))", "", "1440");
  EV("DateDiff(\"s\", CDate(\"2021-08-24\"), CDate(\"2021-08-25\"))", "", "86400");
  EV("DateDiff(\"d\", CDate(\"2021-08-18+08:00\"), CDate(\"2021-08-31+08:00\"))", "", "13");
  EV("DateDiff(\"d\", Now(), Now())", "", "0");
  EV("DateDiff(\"d\", Now(), [missing])", "", "(null)");
}
END_TEST

START_TEST(test_datediff_weeks_count_sundays_and_days_truncate){
  /* Sat -> Sun is one calendar week; both move back to their week's start
  ** keeping the time of day, then whole days / 7 (VB.NET), so Sat noon ->
  ** Sun 06:00 is 6.75 days -> 6 -> 0 weeks. */
  EV("DateDiff(\"ww\", CDate(\"2021-08-28\"), CDate(\"2021-08-29\"))", "", "1");
  EV("DateDiff(\"ww\", CDate(\"2021-08-28T12:00:00Z\"), CDate(\"2021-08-29T06:00:00Z\"))", "", "0");
  EV("DateDiff(\"ww\", CDate(\"2021-08-29\"), CDate(\"2021-08-28\"))", "", "-1");
  EV("DateDiff(\"d\", CDate(\"2021-08-28T12:00:00Z\"), CDate(\"2021-08-29T06:00:00Z\"))", "", "0");
  EV("DateDiff(\"yyyy\", CDate(\"2021-12-31\"), CDate(\"2022-01-01\"))", "", "1");
  EV("DateDiff(\"m\", CDate(\"2021-12-31\"), CDate(\"2022-01-01\"))", "", "1");
  EV("IIF(DateDiff(\"d\", CDate(\"2021-08-01\"), Now()) > 5, \"old\", \"new\")", "", "old");
  EV("DateDiff(\"x\", Now(), Now())", "", "error: column 1: DateDiff: unknown interval \"x\" (expected yyyy, m, d, ww, h, n or s)");
}
END_TEST

START_TEST(test_datefromnum_reads_ad_filetime){
  EV("DateFromNum(129699324000000000)", "", "1/1/2012 11:00:00 PM");
  EV("DateFromNum([accountExpires])", "accountExpires=129699324000000000", "1/1/2012 11:00:00 PM");
  EV("DateFromNum(0)", "", "1/1/1601 12:00:00 AM");
  EV("DateFromNum([missing])", "", "(null)");
  EV("DateFromNum(-1)", "", "error: column 1: DateFromNum: -1 is not a date (ticks since 1601 up to year 9999)");
  EV("DateFromNum(9223372036854775807)", "",
     "error: column 1: DateFromNum: 9223372036854775807 is not a date (ticks since 1601 up to year 9999)");
}
END_TEST

START_TEST(test_numfromdate_is_the_inverse_and_rejects_dates_before_1601){
  EV("NumFromDate(\"2012-01-01T23:00:00Z\")", "", "129699324000000000");
  EV("NumFromDate(DateFromNum(129699324000000000))", "", "129699324000000000");
  EV("NumFromDate(Join(\"\", FormatDateTime([ContractEndDate], ,\"yyyy-MM-ddzzz\", \"yyyy-MM-dd\"), "
     "\" 23:59:59-08:00\"))", "ContractEndDate=2021-12-31-08:00", "132854975990000000");
  EV("NumFromDate(\"1601-01-01\")", "", "0");
  EV("NumFromDate(\"1600-12-31\")", "", "error: column 1: NumFromDate: dates before 1601 have no AD number");
  EV("NumFromDate([missing])", "", "(null)");
  EV("NumFromDate(\"soon\")", "", "error: column 1: NumFromDate: argument 1 (value) is not a date/time: \"soon\"");
}
END_TEST

START_TEST(test_formatdatetime_documented_example_in_both_arities){
  const char *zA = "extensionAttribute1=20150123105347.1Z";
  EV("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")", zA, "2015-01-23");
  EV("FormatDateTime([extensionAttribute1], \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")", zA, "2015-01-23");
  EV("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-ddTHH:mm:ss.fffK\")", zA,
     "2015-01-23T10:53:47.100Z");
  EV("FormatDateTime([extensionAttribute1], , \"yyyyMMddHHmmss.fZ\", \"dddd, MMMM d, yyyy h:mm tt\")", zA,
     "Friday, January 23, 2015 10:53 AM");
  EV("FormatDateTime([missing], , \"yyyy\", \"yyyy\")", "", "(null)");
}
END_TEST

START_TEST(test_formatdatetime_renders_datetime_arguments_first){
  EV("FormatDateTime(Now(), , \"M/d/yyyy h:mm:ss tt\", \"yyyy-MM-dd\")", "", "2021-08-25");
  EV("FormatDateTime(DateAdd(\"d\", 1, Now()), , \"yyyy-MM-dd\", \"yyyyMMdd\")", "",
     "error: column 1: FormatDateTime: \"8/26/2021 5:41:18 PM\" does not match the input format \"yyyy-MM-dd\": "
     "character 1 does not match 'yyyy' of the format");
}
END_TEST

START_TEST(test_formatdatetime_converts_offsets_to_utc){
  EV("FormatDateTime(\"2021-08-18-08:00\", , \"yyyy-MM-ddzzz\", \"yyyy-MM-dd\")", "", "2021-08-18");
  EV("FormatDateTime(\"2021-08-18+08:00\", , \"yyyy-MM-ddzzz\", \"yyyy-MM-dd HH:mm zzz\")", "",
     "2021-08-17 16:00 +00:00");
  EV("FormatDateTime(\"2021-08-18T10:00:00+0530\", , \"yyyy-MM-ddTHH:mm:sszzz\", \"HH:mm\")", "", "04:30");
  EV("FormatDateTime(\"2021-08-18T10:00:00Z\", , \"yyyy-MM-ddTHH:mm:ssK\", \"o\")", "",
     "2021-08-18T10:00:00.0000000Z");
}
END_TEST

START_TEST(test_formatdatetime_supports_the_common_specifiers){
  const char *zD = "d=2009-06-05 13:04:09.1234567";
  EV("FormatDateTime([d], , \"yyyy-MM-dd HH:mm:ss.fffffff\", \"M/d/yy H:m:s\")", zD, "6/5/09 13:4:9");
  EV("FormatDateTime([d], , \"yyyy-MM-dd HH:mm:ss.fffffff\", \"MMM ddd dd hh tt t\")", zD, "Jun Fri 05 01 PM P");
  EV("FormatDateTime([d], , \"yyyy-MM-dd HH:mm:ss.fffffff\", \"ff FFFF yyy y gg\")", zD, "12 1234 2009 9 A.D.");
  EV("FormatDateTime([d], , \"yyyy-MM-dd HH:mm:ss.fffffff\", \"'literal' \\\\d \\\"q\\\" %d\")", zD,
     "literal d q 5");
  EV("FormatDateTime(\"2009-06-05 13:04:09\", , \"yyyy-MM-dd HH:mm:ss\", \"ss.FFF|\")", "", "09|");
  EV("FormatDateTime(\"June 5, 2009\", , \"MMMM d, yyyy\", \"s\")", "", "2009-06-05T00:00:00");
  EV("FormatDateTime(\"Fri, 05 Jun 2009\", , \"ddd, dd MMM yyyy\", \"u\")", "", "2009-06-05 00:00:00Z");
  EV("FormatDateTime(\"05/06/09\", , \"dd/MM/yy\", \"D\")", "", "Friday, 05 June 2009");
  EV("FormatDateTime(\"05/06/50\", , \"dd/MM/yy\", \"yyyy\")", "", "1950");
  EV("FormatDateTime(\"1:05 PM\", , \"h:mm tt\", \"yyyy-MM-dd HH:mm\")", "", "2021-08-25 13:05");
  EV("FormatDateTime(\"12:05 AM\", , \"hh:mm tt\", \"HH:mm\")", "", "00:05");
}
END_TEST

START_TEST(test_formatdatetime_rejects_input_that_does_not_match){
  EV("FormatDateTime(\"2015-01\", , \"yyyyMMddHHmmss.fZ\", \"yyyy-MM-dd\")", "",
     "error: column 1: FormatDateTime: \"2015-01\" does not match the input format \"yyyyMMddHHmmss.fZ\": "
     "character 5 does not match 'MM' of the format");
  EV("FormatDateTime(\"2015-02-30\", , \"yyyy-MM-dd\", \"yyyy\")", "",
     "error: column 1: FormatDateTime: \"2015-02-30\" does not match the input format \"yyyy-MM-dd\": "
     "the fields do not form a valid date and time");
  EV("FormatDateTime(\"2015-01-01x\", , \"yyyy-MM-dd\", \"yyyy\")", "",
     "error: column 1: FormatDateTime: \"2015-01-01x\" does not match the input format \"yyyy-MM-dd\": "
     "unexpected text at character 11");
  EV("FormatDateTime(\"Thu, 05 Jun 2009\", , \"ddd, dd MMM yyyy\", \"u\")", "",
     "error: column 1: FormatDateTime: \"Thu, 05 Jun 2009\" does not match the input format \"ddd, dd MMM yyyy\": "
     "the fields do not form a valid date and time");
  EV("FormatDateTime(\"2015\", , \"yyyy\", \"q\")", "", "error: column 1: FormatDateTime: \"q\" is not a valid date/time format");
  EV("FormatDateTime(\"2015\", , \"yyyy\", \"ffffffff\")", "",
     "error: column 1: FormatDateTime: \"ffffffff\" is not a valid date/time format");
}
END_TEST

START_TEST(test_formatdatetime_styles_control_white_space){
  EV("FormatDateTime(\"  2015-01-23 \", , \"yyyy-MM-dd\", \"yyyyMMdd\")", "", "20150123");
  EV("FormatDateTime(\" 2015-01-23\", \"None\", \"yyyy-MM-dd\", \"yyyyMMdd\")", "",
     "error: column 1: FormatDateTime: \" 2015-01-23\" does not match the input format \"yyyy-MM-dd\": "
     "character 1 does not match 'yyyy' of the format");
  EV("FormatDateTime(\"2015-01-23   10\", \"AllowWhiteSpaces\", \"yyyy-MM-dd HH\", \"HH\")", "", "10");
  EV("FormatDateTime(\"2015-01-23\", \"DateTimeStyles.AdjustToUniversal, AllowLeadingWhite\", "
     "\"yyyy-MM-dd\", \"yyyy\")", "", "2015");
  EV("FormatDateTime(\"10:30\", \"NoCurrentDateDefault\", \"HH:mm\", \"yyyy-MM-dd HH:mm\")", "",
     "0001-01-01 10:30");
  EV("FormatDateTime(\"10:30\", , \"HH:mm\", \"yyyy-MM-dd HH:mm\")", "", "2021-08-25 10:30");
  EV("FormatDateTime(\"2015\", \"Bogus\", \"yyyy\", \"yyyy\")", "",
     "error: column 1: FormatDateTime: \"Bogus\" is not a valid combination of DateTimeStyles");
  EV("FormatDateTime(\"2015\", \"RoundtripKind, AssumeUniversal\", \"yyyy\", \"yyyy\")", "",
     "error: column 1: FormatDateTime: \"RoundtripKind, AssumeUniversal\" is not a valid combination of "
     "DateTimeStyles");
}
END_TEST

START_TEST(test_now_is_the_simulated_clock){
  ck_assert_str_eq(ev("Now()", ""), "8/25/2021 5:41:18 PM");
  ck_assert_str_eq(t_run("Now()", "", NULL, NULL, 0), "1/1/1970 12:00:00 AM");
  ck_assert_str_eq(t_run("Now()", "", NULL, NULL, INT64_C(1609459200) + 12*3600), "1/1/2021 12:00:00 PM");
  ck_assert_str_eq(t_run("Now()", "", NULL, NULL, INT64_C(300000000000)),
                   "error: column 1: Now: the simulated clock is outside years 1 to 9999");
}
END_TEST

Suite *expr_date_suite(void){
  Suite *s = suite_create("expr_date");
  TCase *tcDates = tcase_create("dates");

  tcase_add_test(tcDates, test_cdate_parses_to_utc_and_renders_us_style);
  tcase_add_test(tcDates, test_cdate_rejects_garbage_and_impossible_dates);
  tcase_add_test(tcDates, test_dateadd_follows_the_documented_table);
  tcase_add_test(tcDates, test_dateadd_months_clamp_the_day);
  tcase_add_test(tcDates, test_dateadd_rejects_unknown_intervals_and_overflow);
  tcase_add_test(tcDates, test_datediff_follows_the_documented_table);
  tcase_add_test(tcDates, test_datediff_weeks_count_sundays_and_days_truncate);
  tcase_add_test(tcDates, test_datefromnum_reads_ad_filetime);
  tcase_add_test(tcDates, test_numfromdate_is_the_inverse_and_rejects_dates_before_1601);
  tcase_add_test(tcDates, test_formatdatetime_documented_example_in_both_arities);
  tcase_add_test(tcDates, test_formatdatetime_renders_datetime_arguments_first);
  tcase_add_test(tcDates, test_formatdatetime_converts_offsets_to_utc);
  tcase_add_test(tcDates, test_formatdatetime_supports_the_common_specifiers);
  tcase_add_test(tcDates, test_formatdatetime_rejects_input_that_does_not_match);
  tcase_add_test(tcDates, test_formatdatetime_styles_control_white_space);
  tcase_add_test(tcDates, test_now_is_the_simulated_clock);
  suite_add_tcase(s, tcDates);
  return s;
}
