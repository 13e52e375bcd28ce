/*
 * memo.c: the memo registers of the records office (งานสารบรรณ).
 *
 * Incoming memos keep the number written on them; a unit registers a number once per
 * fiscal year (the unique key says so, under any concurrency). Outgoing memos take the
 * next number of the acting person's unit for the fiscal year: the counter row is
 * incremented inside the caller's transaction and stays locked until it ends, so numbers
 * are handed out one at a time, never twice and without gaps, as request numbers are.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "borikan.h"

/* Characters, not bytes: a Thai letter is three bytes. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static bool
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* Is format a unit's memo number format: valid UTF-8, no control characters, at most
 * BK_MEMO_FORMAT_MAX bytes, and exactly one "{n}"? */
bool
bk_memo_format_ok(const char *format)
{
	const char *at;
	size_t n;

	if (format == NULL || (n = strlen(format)) == 0 || n > BK_MEMO_FORMAT_MAX ||
	    !bk_utf8_valid(format, n) || has_control(format))
		return false;
	if ((at = strstr(format, "{n}")) == NULL)
		return false;
	return strstr(at + 3, "{n}") == NULL;
}

/*
 * The memo number seq in format ("ศธ 04xxx/{n}" → "ศธ 04xxx/123") into out. A unit
 * without a format ("") numbers "{n}/{fiscal year}". BK_ETOOBIG if out is too small,
 * BK_EINVAL if format is not a valid one.
 */
enum bk_err
bk_memo_format_apply(const char *format, long long seq, int fiscal_year, char *out,
    size_t size)
{
	const char *at;
	int n;

	if (format == NULL || format[0] == '\0')
		n = snprintf(out, size, "%lld/%d", seq, fiscal_year);
	else {
		if (!bk_memo_format_ok(format))
			return BK_EINVAL;
		at = strstr(format, "{n}");
		n = snprintf(out, size, "%.*s%lld%s", (int)(at - format), format, seq, at + 3);
	}
	return n < 0 || (size_t)n >= size ? BK_ETOOBIG : BK_OK;
}

/* Is number an incoming memo number: 1-60 characters, none of them control characters,
 * not only spaces? (The request parser has already checked the UTF-8.) */
bool
bk_memo_number_ok(const char *number)
{
	size_t n;

	if (number == NULL || has_control(number) || number[strspn(number, " ")] == '\0')
		return false;
	n = chars(number);
	return n >= 1 && n <= BK_MEMO_NUMBER_MAX_CHARS;
}

static enum bk_err
insert(const struct bk_request *rq, long long person, const char *direction, int fy,
    long long seq, const char *number)
{
	char today[11];
	struct bk_q q;
	enum bk_err e;

	bk_thai_date(time(NULL), today);
	bk_q_init(&q, STMT_MEMO_INSERT);
	bk_q_int(&q, rq->id);
	bk_q_str(&q, direction);
	bk_q_int(&q, fy);
	bk_q_int(&q, seq);
	bk_q_str(&q, number);
	bk_q_str(&q, today);
	bk_q_int(&q, person);
	e = bk_q_exec(&q);
	if (e == BK_OK && bk_q_affected(&q) != 1)
		e = BK_ENOTFOUND;	/* no such person */
	bk_q_done(&q);
	return e;
}

/*
 * Registers incoming memo number for the request, in the register of person's unit for
 * this fiscal year. BK_EINVAL when that register already holds the number (the caller
 * answers 422); BK_ERETRY, BK_EDB as the database says. Runs in the caller's transaction.
 */
enum bk_err
bk_memo_incoming(const struct bk_request *rq, long long person, const char *number)
{
	return insert(rq, person, "incoming", bk_fiscal_year(time(NULL)), 0, number);
}

/*
 * Reserves the next outgoing number of person's unit for this fiscal year and records it
 * on the request; the number as shown goes to number. Runs in the caller's transaction:
 * the counter row stays locked until it commits or rolls back.
 */
enum bk_err
bk_memo_outgoing(const struct bk_request *rq, long long person, char *number, size_t size)
{
	char format[4 * BK_MEMO_FORMAT_MAX + 1];
	int fy = bk_fiscal_year(time(NULL));
	long long seq = 0, unit = 0;
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_MEMO_COUNTER_NEXT);
	bk_q_int(&q, fy);
	bk_q_int(&q, person);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		return e;
	bk_q_init(&q, STMT_MEMO_COUNTER_GET);
	bk_q_int(&q, fy);
	bk_q_int(&q, person);
	bk_q_exec(&q);
	bk_q_out_int(&q, &seq);
	bk_q_out_int(&q, &unit);
	bk_q_out_str(&q, format, sizeof(format));
	if (bk_q_fetch(&q) != 1)
		e = q.err != BK_OK ? q.err : BK_ENOTFOUND;
	bk_q_done(&q);
	if (e != BK_OK)
		return e;
	/* A format stored before it was checked, or too long a result, stops here. */
	if (seq < 1 || (e = bk_memo_format_apply(format, seq, fy, number, size)) != BK_OK) {
		bk_log(BK_LOG_ERR, "memo: unit %lld: format %s cannot number %lld", unit,
		    format, seq);
		return BK_EDB;
	}
	e = insert(rq, person, "outgoing", fy, seq, number);
	/* A number already taken means the register was written to by hand: say so. */
	if (e == BK_EINVAL) {
		bk_log(BK_LOG_ERR, "memo: unit %lld: outgoing %s already registered", unit, number);
		e = BK_EDB;
	}
	return e;
}

/* <memos><memo direction number date fiscal-year unit-th unit-en/>*</memos> of the
 * request under parent, oldest first. On a database error the list is left short. */
void
bk_memo_xml(xmlNodePtr parent, long long request_id)
{
	xmlNodePtr list = xmlNewTextChild(parent, NULL, BAD_CAST "memos", NULL);
	char dir[12], number[4 * 120 + 1], date[11], th[801], en[801];
	long long fy = 0;
	struct bk_q q;

	bk_q_init(&q, STMT_MEMOS_OF);
	bk_q_int(&q, request_id);
	bk_q_exec(&q);
	bk_q_out_str(&q, dir, sizeof(dir));
	bk_q_out_str(&q, number, sizeof(number));
	bk_q_out_str(&q, date, sizeof(date));
	bk_q_out_int(&q, &fy);
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr m = xmlNewTextChild(list, NULL, BAD_CAST "memo", NULL);
		char fys[16];

		snprintf(fys, sizeof(fys), "%lld", fy);
		xmlNewProp(m, BAD_CAST "direction", BAD_CAST dir);
		xmlNewProp(m, BAD_CAST "number", BAD_CAST number);
		xmlNewProp(m, BAD_CAST "date", BAD_CAST date);
		xmlNewProp(m, BAD_CAST "fiscal-year", BAD_CAST fys);
		xmlNewProp(m, BAD_CAST "unit-th", BAD_CAST th);
		xmlNewProp(m, BAD_CAST "unit-en", BAD_CAST en);
	}
	bk_q_done(&q);
}
