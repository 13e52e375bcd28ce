/*
 * fiscal.c: dates as a Thai office counts them. Thailand keeps UTC+7 all year; the fiscal
 * year runs from 1 October to 30 September and is named, in the Buddhist era, for the
 * calendar year it ends in: 1 October 2026 opens fiscal year 2570.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "borikan.h"

/* The Buddhist-era fiscal year of instant t, in Thailand time. */
int
bk_fiscal_year(time_t t)
{
	time_t local = t + BK_THAI_UTC_OFFSET;
	struct tm tm;

	gmtime_r(&local, &tm);
	return tm.tm_year + 1900 + (tm.tm_mon >= 9 ? 1 : 0) + 543;
}

/* The Buddhist-era fiscal year of a Common-era "YYYY-MM-DD…" date, or 0 if it is none. */
int
bk_fiscal_year_of(const char *ymd)
{
	int y, m;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 || y < 1)
		return 0;
	return y + (m >= 10 ? 1 : 0) + 543;
}

/* "YYYY-MM-DD" (Common era) of instant t in Thailand, into out (11 bytes). */
void
bk_thai_date(time_t t, char out[11])
{
	time_t local = t + BK_THAI_UTC_OFFSET;
	struct tm tm;

	gmtime_r(&local, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/*
 * The first instant of fiscal_year (Buddhist era) and of the next one, as Thailand-time
 * "YYYY-MM-DD hh:mm:ss" strings (20 bytes each): [start, end).
 */
void
bk_fiscal_bounds(int fiscal_year, char start[20], char end[20])
{
	unsigned ce = fiscal_year > 544 && fiscal_year < 10543 ? (unsigned)(fiscal_year - 543) : 1;

	snprintf(start, 20, "%04u-10-01 00:00:00", (ce - 1) % 10000u);
	snprintf(end, 20, "%04u-10-01 00:00:00", ce % 10000u);
}

/* Days since 1970-01-01 of a "YYYY-MM-DD…" date, or -1 if it is none. */
static long
day_number(const char *ymd)
{
	struct tm tm;
	int y, m, d;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31 || y < 1970)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	return (long)(timegm(&tm) / 86400);
}

/*
 * Was a request filed on `filed` and closed on `closed` ("" while open) within
 * working_days (0: the same day)? 1 yes, 0 no, -1 not known yet (open and not late) or no
 * dates. `today` is the Thai date now, for open requests already past their limit.
 */
int
bk_within_limit(const char *filed, const char *closed, long working_days, const char *today,
    const struct bk_holidays *h)
{
	long f = day_number(filed), c;

	if (f < 0 || working_days < 0)
		return -1;
	if (closed != NULL && closed[0] != '\0') {
		if ((c = day_number(closed)) < 0)
			return -1;
		return bk_workdays_between(h, (bk_day)f, (bk_day)c) <= working_days ? 1 : 0;
	}
	if ((c = day_number(today)) < 0)
		return -1;
	return bk_workdays_between(h, (bk_day)f, (bk_day)c) > working_days ? 0 : -1;
}
