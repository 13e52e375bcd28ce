/* Unit tests of fiscal.c: the Thai fiscal year at its boundaries, in Thailand time, and
 * the working-day count of the service log. */
#include "config.h"

#include <check.h>
#include <string.h>
#include <time.h>

#include "borikan.h"

/* The instant of a Thailand-time (UTC+7) date and time. */
static time_t
thai(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	return timegm(&tm) - 7 * 3600;
}

static const struct {
	int y, mo, d, h, mi, s, fy;
} instants[] = {
	{ 2026, 9, 30, 23, 59, 59, 2569 },	/* the last second of FY 2569 */
	{ 2026, 10, 1, 0, 0, 0, 2570 },		/* the first second of FY 2570 */
	{ 2026, 10, 1, 6, 59, 59, 2570 },	/* still 30 Sep in UTC */
	{ 2027, 1, 1, 0, 0, 0, 2570 },
	{ 2027, 9, 30, 23, 59, 59, 2570 },
	{ 2027, 10, 1, 0, 0, 0, 2571 },
	{ 2026, 11, 22, 10, 15, 0, 2570 },
	{ 2026, 4, 13, 12, 0, 0, 2569 },
};

START_TEST(fiscal_year_turns_on_1_october_thai_time)
{
	time_t t = thai(instants[_i].y, instants[_i].mo, instants[_i].d, instants[_i].h,
	    instants[_i].mi, instants[_i].s);

	ck_assert_int_eq(bk_fiscal_year(t), instants[_i].fy);
}
END_TEST

START_TEST(utc_evening_of_30_september_is_already_next_year_in_thailand)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 8;
	tm.tm_mday = 30;
	tm.tm_hour = 17;	/* 17:00 UTC = 00:00 on 1 October in Bangkok */
	t = timegm(&tm);
	ck_assert_int_eq(bk_fiscal_year(t), 2570);
	ck_assert_int_eq(bk_fiscal_year(t - 1), 2569);
}
END_TEST

START_TEST(thai_date_and_bounds)
{
	char d[11], start[20], end[20];

	bk_thai_date(thai(2026, 10, 1, 0, 30, 0), d);
	ck_assert_str_eq(d, "2026-10-01");
	bk_thai_date(thai(2026, 9, 30, 23, 30, 0), d);
	ck_assert_str_eq(d, "2026-09-30");
	bk_fiscal_bounds(2570, start, end);
	ck_assert_str_eq(start, "2026-10-01 00:00:00");
	ck_assert_str_eq(end, "2027-10-01 00:00:00");
	ck_assert_int_eq(bk_fiscal_year_of("2026-09-30"), 2569);
	ck_assert_int_eq(bk_fiscal_year_of("2026-10-01T00:00:00"), 2570);
	ck_assert_int_eq(bk_fiscal_year_of("nonsense"), 0);
}
END_TEST

START_TEST(within_limit_counts_weekdays)
{
	/* Friday 2026-11-20 filed; Monday 23rd is one working day later. */
	ck_assert_int_eq(bk_within_limit("2026-11-20T10:00:00", "2026-11-23T09:00:00", 1, "", NULL), 1);
	ck_assert_int_eq(bk_within_limit("2026-11-20T10:00:00", "2026-11-24T09:00:00", 1, "", NULL), 0);
	/* 10 working days from Monday 2026-11-02: Monday 16th is the 10th. */
	ck_assert_int_eq(bk_within_limit("2026-11-02", "2026-11-16", 10, "", NULL), 1);
	ck_assert_int_eq(bk_within_limit("2026-11-02", "2026-11-17", 10, "", NULL), 0);
	/* Immediate: the same day. */
	ck_assert_int_eq(bk_within_limit("2026-11-02", "2026-11-02", 0, "", NULL), 1);
	/* Open: unknown until late. */
	ck_assert_int_eq(bk_within_limit("2026-11-02", "", 10, "2026-11-05", NULL), -1);
	ck_assert_int_eq(bk_within_limit("2026-11-02", "", 10, "2026-11-20", NULL), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("fiscal");
	TCase *tc = tcase_create("fiscal");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, fiscal_year_turns_on_1_october_thai_time, 0,
	    (int)(sizeof(instants) / sizeof(instants[0])));
	tcase_add_test(tc, utc_evening_of_30_september_is_already_next_year_in_thailand);
	tcase_add_test(tc, thai_date_and_bounds);
	tcase_add_test(tc, within_limit_counts_weekdays);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
