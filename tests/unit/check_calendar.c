/*
 * Unit tests of calendar.c: working days over a holiday set, without the database.
 * The set is the government holidays of 2569 (2026) as seeded by sql/004_calendar.sql:
 * fixed-date ones recurring from 2026, lunar ones and substitution days as single dates.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

#include "borikan.h"

static const char *const recurring_2026[] = {
	"2026-01-01", "2026-04-06", "2026-04-13", "2026-04-14", "2026-04-15", "2026-05-04",
	"2026-06-03", "2026-07-28", "2026-08-12", "2026-10-13", "2026-10-23", "2026-12-05",
	"2026-12-10", "2026-12-31",
};
static const char *const once_2026[] = {
	"2026-01-02", "2026-03-03", "2026-05-13", "2026-05-31", "2026-06-01", "2026-07-29",
	"2026-07-30", "2026-12-07",
};

static bk_day
D(const char *iso)
{
	bk_day d = 0;

	ck_assert_msg(bk_day_parse(iso, &d) == BK_OK, "bad date in the test: %s", iso);
	return d;
}

static const char *
iso(bk_day d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	bk_day_format(d, buf[k], sizeof(buf[k]));
	return buf[k];
}

/* Unix time of a Thailand local date and time. */
static time_t
thai(const char *date, int hh, int mm, int ss)
{
	return (time_t)D(date) * 86400 + hh * 3600 + mm * 60 + ss - 7 * 3600;
}

static struct bk_holidays H;

static void
setup(void)
{
	bk_holidays_init(&H, D("2025-01-01"), D("2028-12-31"));
	for (size_t i = 0; i < sizeof(recurring_2026) / sizeof(recurring_2026[0]); i++)
		ck_assert_int_eq(bk_holidays_add_recurring(&H, D(recurring_2026[i])), BK_OK);
	for (size_t i = 0; i < sizeof(once_2026) / sizeof(once_2026[0]); i++)
		ck_assert_int_eq(bk_holidays_add(&H, D(once_2026[i])), BK_OK);
}

static void
teardown(void)
{
	bk_holidays_free(&H);
}

/* ---- bk_workdays_add ------------------------------------------------------------------ */

static const struct {
	const char *what, *from;
	int n;
	const char *due;
} add_cases[] = {
	{ "n=0 is the day itself", "2026-11-23", 0, "2026-11-23" },
	{ "n=1 on a plain Tuesday", "2026-11-24", 1, "2026-11-25" },
	{ "n=1 from a Friday crosses the weekend", "2026-11-20", 1, "2026-11-23" },
	{ "n=3 from a Thursday crosses the weekend", "2026-11-19", 3, "2026-11-24" },
	{ "holiday on a Friday (Chulalongkorn Day)", "2026-10-22", 1, "2026-10-26" },
	{ "holiday on a Friday (2 January special), from New Year's Day", "2026-01-01", 1, "2026-01-05" },
	{ "holiday on a Monday (Chakri Day)", "2026-04-03", 1, "2026-04-07" },
	{ "Saturday holiday and its Monday substitution", "2026-12-04", 1, "2026-12-08" },
	{ "Songkran: three holidays after a weekend", "2026-04-10", 1, "2026-04-16" },
	{ "Songkran: n=2 from a Thursday", "2026-04-09", 2, "2026-04-16" },
	{ "Songkran: n=10 from a Thursday", "2026-04-09", 10, "2026-04-28" },
	{ "Makha Bucha on a Tuesday", "2026-03-02", 1, "2026-03-04" },
	{ "King's Birthday, Asarnha Bucha, Lent: Tue-Thu", "2026-07-27", 1, "2026-07-31" },
	{ "Visakha Bucha on Sunday, substitution Monday, Queen's Birthday Wednesday",
	  "2026-05-29", 2, "2026-06-04" },
	{ "year end: 31 Dec and 1 Jan, then the weekend", "2026-12-30", 1, "2027-01-04" },
	{ "year end: n=2 from 29 Dec", "2026-12-29", 2, "2027-01-04" },
	{ "recurring holidays recur: Chakri Day 2027 is a Tuesday", "2027-04-05", 1, "2027-04-07" },
	{ "n=10 over a Saturday holiday and its substitution", "2026-11-23", 10, "2026-12-08" },
	{ "n=10 over Constitution Day", "2026-12-01", 10, "2026-12-17" },
	{ "from a Saturday, n=1 is the Monday", "2026-11-21", 1, "2026-11-23" },
	{ "from a Sunday before a Monday holiday", "2026-04-05", 1, "2026-04-07" },
};

START_TEST(workdays_add_table)
{
	bk_day got = bk_workdays_add(&H, D(add_cases[_i].from), add_cases[_i].n);

	ck_assert_msg(got == D(add_cases[_i].due), "%s: %s + %d = %s, expected %s",
	    add_cases[_i].what, add_cases[_i].from, add_cases[_i].n, iso(got), add_cases[_i].due);
}
END_TEST

/* ---- the day of receipt and the due date of a request filed at a time ----------------- */

static const struct {
	const char *what, *date;
	int hh, mm, ss;
	const char *receipt;
	int n;
	const char *due;
} filed_cases[] = {
	{ "Monday morning: received that day", "2026-11-23", 10, 0, 0, "2026-11-23", 1, "2026-11-24" },
	{ "one second before 16:30", "2026-11-23", 16, 29, 59, "2026-11-23", 5, "2026-11-30" },
	{ "at 16:30: the next working day", "2026-11-23", 16, 30, 0, "2026-11-24", 5, "2026-12-01" },
	{ "Friday evening: Monday", "2026-11-20", 17, 0, 0, "2026-11-23", 1, "2026-11-24" },
	{ "filed on a Saturday: Monday", "2026-11-21", 9, 0, 0, "2026-11-23", 1, "2026-11-24" },
	{ "filed on a Saturday, n=5", "2026-11-21", 9, 0, 0, "2026-11-23", 5, "2026-11-30" },
	{ "filed on a Saturday, n=10", "2026-11-21", 9, 0, 0, "2026-11-23", 10, "2026-12-08" },
	{ "filed on a Sunday 23:59", "2026-11-22", 23, 59, 0, "2026-11-23", 2, "2026-11-25" },
	{ "00:30 Thai time is still Sunday in UTC", "2026-11-23", 0, 30, 0, "2026-11-23", 1, "2026-11-24" },
	{ "Thursday evening before a Friday holiday", "2026-10-22", 18, 0, 0, "2026-10-26", 1, "2026-10-27" },
	{ "filed on New Year's Eve", "2026-12-31", 10, 0, 0, "2027-01-04", 2, "2027-01-06" },
	{ "filed during Songkran", "2026-04-14", 9, 0, 0, "2026-04-16", 5, "2026-04-23" },
	{ "filed on a Sunday, Monday a holiday", "2026-12-06", 12, 0, 0, "2026-12-08", 1, "2026-12-09" },
};

START_TEST(receipt_and_due_table)
{
	time_t t = thai(filed_cases[_i].date, filed_cases[_i].hh, filed_cases[_i].mm,
	    filed_cases[_i].ss);
	bk_day r = bk_receipt_day(&H, t);
	bk_day due = bk_workdays_add(&H, r, filed_cases[_i].n);

	ck_assert_msg(r == D(filed_cases[_i].receipt), "%s: received %s, expected %s",
	    filed_cases[_i].what, iso(r), filed_cases[_i].receipt);
	ck_assert_msg(due == D(filed_cases[_i].due), "%s: due %s, expected %s",
	    filed_cases[_i].what, iso(due), filed_cases[_i].due);
}
END_TEST

/* ---- pauses: working days spent paused, and where the due date moves -------------------- */

static const struct {
	const char *what, *paused, *resumed;
	int spent;
	const char *due, *moved;
} pause_cases[] = {
	{ "returned and sent back the same day", "2026-11-24", "2026-11-24", 0, "2026-11-27", "2026-11-27" },
	{ "one working day", "2026-11-24", "2026-11-25", 1, "2026-11-27", "2026-11-30" },
	{ "over a weekend", "2026-11-20", "2026-11-24", 2, "2026-11-25", "2026-11-27" },
	{ "paused on a Saturday, resumed Monday", "2026-11-21", "2026-11-23", 1, "2026-11-25", "2026-11-26" },
	{ "over a Friday holiday and the weekend", "2026-10-22", "2026-10-27", 2, "2026-10-28", "2026-10-30" },
	{ "over a Saturday holiday and its substitution", "2026-12-04", "2026-12-09", 2, "2026-12-09", "2026-12-14" },
	{ "over Songkran", "2026-04-10", "2026-04-17", 2, "2026-04-16", "2026-04-20" },
	{ "the due date moves over the year end", "2026-12-21", "2026-12-24", 3, "2026-12-29", "2027-01-05" },
	{ "three working days, 10-day limit", "2026-11-23", "2026-11-26", 3, "2026-12-08", "2026-12-14" },
};

START_TEST(pause_table)
{
	int spent = bk_workdays_between(&H, D(pause_cases[_i].paused), D(pause_cases[_i].resumed));
	bk_day moved = bk_workdays_add(&H, D(pause_cases[_i].due), spent);

	ck_assert_msg(spent == pause_cases[_i].spent, "%s: %d working days paused, expected %d",
	    pause_cases[_i].what, spent, pause_cases[_i].spent);
	ck_assert_msg(moved == D(pause_cases[_i].moved), "%s: due moved to %s, expected %s",
	    pause_cases[_i].what, iso(moved), pause_cases[_i].moved);
}
END_TEST

START_TEST(between_is_the_inverse_of_add_and_signed)
{
	for (bk_day a = D("2026-01-01"); a <= D("2027-01-10"); a++)
		for (int n = 0; n <= 12; n++) {
			bk_day b = bk_workdays_add(&H, a, n);
			ck_assert_msg(bk_workdays_between(&H, a, b) == n, "%s + %d", iso(a), n);
			ck_assert_msg(bk_workdays_between(&H, b, a) == -n, "%s - %d", iso(b), n);
			if (n > 0)
				ck_assert_msg(bk_is_workday(&H, b), "%s + %d is %s, not a working day",
				    iso(a), n, iso(b));
		}
}
END_TEST

START_TEST(weekends_and_holidays_are_not_working_days)
{
	ck_assert(!bk_is_workday(&H, D("2026-11-21")));		/* Saturday */
	ck_assert(!bk_is_workday(&H, D("2026-11-22")));		/* Sunday */
	ck_assert(bk_is_workday(&H, D("2026-11-23")));
	ck_assert(!bk_is_workday(&H, D("2026-04-14")));		/* Songkran */
	ck_assert(!bk_is_workday(&H, D("2027-04-14")));		/* recurs */
	ck_assert(bk_is_workday(&H, D("2027-03-03")));		/* a lunar date does not */
	ck_assert(bk_is_workday(&H, D("2025-04-14")));		/* recurring from 2026 only */
	ck_assert(bk_is_workday(&H, D("2026-05-01")));		/* Labour Day: not for government */
	ck_assert_int_eq(bk_day_weekday(D("2026-11-22")), 0);
	ck_assert_int_eq(bk_day_weekday(D("1970-01-01")), 4);
	ck_assert_int_eq(bk_day_weekday(D("2000-02-29")), 2);
}
END_TEST

START_TEST(recurring_29_february_only_in_leap_years)
{
	struct bk_holidays h;

	bk_holidays_init(&h, D("2024-01-01"), D("2032-12-31"));
	ck_assert_int_eq(bk_holidays_add_recurring(&h, D("2024-02-29")), BK_OK);
	ck_assert_uint_eq(h.n, 3);	/* 2024, 2028, 2032 */
	ck_assert(bk_holidays_has(&h, D("2028-02-29")));
	ck_assert(!bk_holidays_has(&h, D("2027-03-01")));
	/* Added twice, kept once; outside the range, ignored. */
	ck_assert_int_eq(bk_holidays_add(&h, D("2028-02-29")), BK_OK);
	ck_assert_int_eq(bk_holidays_add(&h, D("2040-01-01")), BK_OK);
	ck_assert_uint_eq(h.n, 3);
	bk_holidays_free(&h);
}
END_TEST

START_TEST(dates_parse_and_format)
{
	static const char *const bad[] = { "2026-02-29", "2026-13-01", "2026-00-10",
		"2026-1-01", "2026-01-32", "26-01-01", "2026/01/01", "2026-01-01x", "", "abcd-ef-gh",
		"1899-12-31" };
	bk_day d;
	int y, m, dd;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(bk_day_parse(bad[i], &d) == BK_EINVAL, "accepted %s", bad[i]);
	ck_assert_int_eq(bk_day_parse(NULL, &d), BK_EINVAL);
	ck_assert_int_eq(bk_day_parse("2024-02-29", &d), BK_OK);
	ck_assert_str_eq(iso(d), "2024-02-29");
	ck_assert_int_eq(D("1970-01-01"), 0);
	for (bk_day z = D("1999-12-25"); z < D("2031-01-10"); z += 17) {
		bk_day_to_ymd(z, &y, &m, &dd);
		ck_assert_int_eq(bk_day_from_ymd(y, m, dd), z);
	}
	/* The Thai date turns at 17:00 UTC. */
	ck_assert_str_eq(iso(bk_day_of(thai("2026-11-22", 23, 59, 59))), "2026-11-22");
	ck_assert_str_eq(iso(bk_day_of(thai("2026-11-23", 0, 0, 0))), "2026-11-23");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("calendar");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, workdays_add_table, 0, sizeof(add_cases) / sizeof(add_cases[0]));
	tcase_add_loop_test(tc, receipt_and_due_table, 0,
	    sizeof(filed_cases) / sizeof(filed_cases[0]));
	tcase_add_loop_test(tc, pause_table, 0, sizeof(pause_cases) / sizeof(pause_cases[0]));
	tcase_add_test(tc, between_is_the_inverse_of_add_and_signed);
	tcase_add_test(tc, weekends_and_holidays_are_not_working_days);
	tcase_add_test(tc, recurring_29_february_only_in_leap_years);
	tcase_add_test(tc, dates_parse_and_format);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
