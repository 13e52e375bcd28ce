/*
 * calendar.c: working days. A working day is a Monday to Friday, in Thailand (UTC+7, no
 * daylight saving), that is not a holiday of table `holiday`.
 *
 * Days are counted as bk_day, the number of days since 1970-01-01, so that the arithmetic
 * is integer arithmetic. The holidays of a date range are loaded once per request (or per
 * run of the SLA check) into a struct bk_holidays; every other function here is a pure
 * function over that set, testable without the database.
 *
 * The rules (the Civil and Commercial Code §158: the first day of a period is not counted):
 *  - A request is received on the day it is filed if that is a working day and it is filed
 *    before 16:30, the end of office hours; otherwise it is received on the next working
 *    day (filed on a Saturday, or on a Friday at 17:00: received on Monday).
 *  - "n working days" end on the n-th working day after the day of receipt: the day of
 *    receipt itself is not counted. Filed on Monday 10:00 with 1 working day: due Tuesday.
 *  - A due date is the last working day of the limit: the request is overdue from the
 *    next calendar day on.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "borikan.h"

#define THAI_OFFSET (7 * 3600)
#define CLOSING_SECONDS (16 * 3600 + 30 * 60)	/* 16:30 */
#define MAX_HOLIDAYS 8192
#define MAX_RANGE (366 * 30)

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
bk_day
bk_day_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (bk_day)(era * 146097 + doe - 719468);
}

void
bk_day_to_ymd(bk_day z, int *y, int *m, int *d)
{
	long zz = (long)z + 719468;
	long era = (zz >= 0 ? zz : zz - 146096) / 146097;
	long doe = zz - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 Sunday .. 6 Saturday. */
int
bk_day_weekday(bk_day z)
{
	long w = ((long)z + 4) % 7;	/* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w);
}

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses "YYYY-MM-DD" (a real date, years 1900-9999). BK_EINVAL otherwise. */
enum bk_err
bk_day_parse(const char *s, bk_day *out)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return BK_EINVAL;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return BK_EINVAL;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && leap(y)))
		return BK_EINVAL;
	*out = bk_day_from_ymd(y, m, d);
	return BK_OK;
}

/* Writes "YYYY-MM-DD" into buf (at least 11 bytes). */
void
bk_day_format(bk_day z, char *buf, size_t size)
{
	int y, m, d;

	bk_day_to_ymd(z, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* The date in Thailand at Unix time t. */
bk_day
bk_day_of(time_t t)
{
	long long s = (long long)t + THAI_OFFSET;

	return (bk_day)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

/* ---- the holiday set ------------------------------------------------------------------ */

void
bk_holidays_init(struct bk_holidays *h, bk_day from, bk_day to)
{
	memset(h, 0, sizeof(*h));
	h->from = from;
	h->to = to;
}

void
bk_holidays_free(struct bk_holidays *h)
{
	free(h->days);
	h->days = NULL;
	h->n = h->cap = 0;
}

/* Adds one date (kept sorted, once). Dates outside the set's range are ignored. */
enum bk_err
bk_holidays_add(struct bk_holidays *h, bk_day d)
{
	size_t i;

	if (d < h->from || d > h->to)
		return BK_OK;
	for (i = h->n; i > 0 && h->days[i - 1] >= d; i--)
		if (h->days[i - 1] == d)
			return BK_OK;
	if (h->n == h->cap) {
		size_t cap = h->cap == 0 ? 64 : h->cap * 2;
		bk_day *p;
		if (cap > MAX_HOLIDAYS)
			return BK_ETOOBIG;
		if ((p = realloc(h->days, cap * sizeof(*p))) == NULL)
			return BK_ENOMEM;
		h->days = p;
		h->cap = cap;
	}
	memmove(&h->days[i + 1], &h->days[i], (h->n - i) * sizeof(*h->days));
	h->days[i] = d;
	h->n++;
	return BK_OK;
}

/*
 * Adds the month and day of first in every year of the range from first's year on
 * (29 February only in leap years).
 */
enum bk_err
bk_holidays_add_recurring(struct bk_holidays *h, bk_day first)
{
	int y0, m, d, yfrom, yto, mm, dd;
	enum bk_err e = BK_OK;

	bk_day_to_ymd(first, &y0, &m, &d);
	bk_day_to_ymd(h->from, &yfrom, &mm, &dd);
	bk_day_to_ymd(h->to, &yto, &mm, &dd);
	for (int y = y0 > yfrom ? y0 : yfrom; y <= yto && e == BK_OK; y++)
		if (!(m == 2 && d == 29 && !leap(y)))
			e = bk_holidays_add(h, bk_day_from_ymd(y, m, d));
	return e;
}

bool
bk_holidays_has(const struct bk_holidays *h, bk_day d)
{
	size_t lo = 0, hi = h != NULL ? h->n : 0;	/* no set: no holidays */

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (h->days[mid] == d)
			return true;
		if (h->days[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/*
 * Loads the holidays of [from, to] with one prepared query. On success the caller owns the
 * set and frees it with bk_holidays_free; on failure the set is empty (nothing to free).
 */
enum bk_err
bk_holidays_load(struct bk_holidays *h, bk_day from, bk_day to)
{
	char a[11], b[11], day[11];
	long long recurring = 0;
	struct bk_q q;
	enum bk_err e = BK_OK;
	bk_day d;
	int row;

	bk_holidays_init(h, from, to);
	if (to < from || to - from > MAX_RANGE)
		return BK_EINVAL;
	bk_day_format(from, a, sizeof(a));
	bk_day_format(to, b, sizeof(b));
	bk_q_init(&q, STMT_HOLIDAY_RANGE);
	bk_q_str(&q, a);
	bk_q_str(&q, b);
	bk_q_str(&q, b);
	bk_q_exec(&q);
	bk_q_out_str(&q, day, sizeof(day));
	bk_q_out_int(&q, &recurring);
	while (e == BK_OK && (row = bk_q_fetch(&q)) == 1) {
		if (bk_day_parse(day, &d) != BK_OK)
			continue;
		e = recurring ? bk_holidays_add_recurring(h, d) : bk_holidays_add(h, d);
	}
	if (e == BK_OK && q.err != BK_OK)
		e = q.err;
	bk_q_done(&q);
	if (e != BK_OK)
		bk_holidays_free(h);
	return e;
}

/* ---- working days --------------------------------------------------------------------- */

bool
bk_is_workday(const struct bk_holidays *h, bk_day d)
{
	int w = bk_day_weekday(d);

	return w != 0 && w != 6 && !bk_holidays_has(h, d);
}

/* The date n working days after d (d itself not counted); d when n <= 0. */
bk_day
bk_workdays_add(const struct bk_holidays *h, bk_day d, int n)
{
	while (n > 0) {
		d++;
		if (bk_is_workday(h, d))
			n--;
	}
	return d;
}

/*
 * The working days in (a, b] when a <= b, so that bk_workdays_between(h, a,
 * bk_workdays_add(h, a, n)) == n; minus the working days in (b, a] when b < a.
 */
int
bk_workdays_between(const struct bk_holidays *h, bk_day a, bk_day b)
{
	int n = 0, sign = 1;

	if (b < a) {
		bk_day t = a;
		a = b;
		b = t;
		sign = -1;
	}
	for (bk_day d = a + 1; d <= b; d++)
		if (bk_is_workday(h, d))
			n++;
	return sign * n;
}

/* The day a request filed at t is received: see the rules at the top of this file. */
bk_day
bk_receipt_day(const struct bk_holidays *h, time_t t)
{
	bk_day d = bk_day_of(t);
	long long s = ((long long)t + THAI_OFFSET) - (long long)d * 86400;

	if (bk_is_workday(h, d) && s < CLOSING_SECONDS)
		return d;
	return bk_workdays_add(h, d, 1);
}
