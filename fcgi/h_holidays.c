/*
 * h_holidays.c: the holiday calendar, for administrators. GET /admin/holidays?year=2569
 * lists the holidays of a Buddhist-era year (the recurring ones on their date in that
 * year); POST adds one (date, Thai and English name, recurring) or deletes one, and
 * answers 303 back to the list. Time limits read the table on every computation, so a
 * change applies to the next request filed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "borikan.h"

#define BE 543
#define MIN_YEAR 2000		/* CE: the years a holiday may be entered for */
#define MAX_YEAR 2199
#define MAX_NAME_CHARS 200

static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void
propi(xmlNodePtr n, const char *name, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

/* The Buddhist-era year of ?year=, or this year in Thailand; 0 when malformed. */
static int
year_param(const struct bk_req *r)
{
	const char *v = bk_req_param(r, "year");
	int y, m, d;
	long be;

	if (v == NULL) {
		bk_day_to_ymd(bk_day_of(time(NULL)), &y, &m, &d);
		return y + BE;
	}
	if (bk_parse_long(v, MIN_YEAR + BE, MAX_YEAR + BE, &be) != BK_OK)
		return 0;
	return (int)be;
}

/* <holiday id date name-th name-en recurring? since weekday/>* of year be (CE be - 543). */
static enum bk_err
add_list(xmlNodePtr root, int be)
{
	char first[11], last[11], day[11], th[801], en[801], date[11];
	long long id = 0, recurring = 0;
	int y = be - BE, yy, m, d;
	struct bk_q q;

	bk_day_format(bk_day_from_ymd(y, 1, 1), first, sizeof(first));
	bk_day_format(bk_day_from_ymd(y, 12, 31), last, sizeof(last));
	bk_q_init(&q, STMT_HOLIDAY_YEAR);
	bk_q_str(&q, first);
	bk_q_str(&q, last);
	bk_q_str(&q, last);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, day, sizeof(day));
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	bk_q_out_int(&q, &recurring);
	while (bk_q_fetch(&q) == 1) {
		bk_day z;
		xmlNodePtr h;

		if (bk_day_parse(day, &z) != BK_OK)
			continue;
		bk_day_to_ymd(z, &yy, &m, &d);
		if (recurring) {
			/* 29 February recurs in leap years only. */
			if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
				continue;
			z = bk_day_from_ymd(y, m, d);
		}
		bk_day_format(z, date, sizeof(date));
		h = xmlNewTextChild(root, NULL, BAD_CAST "holiday", NULL);
		propi(h, "id", id);
		prop(h, "date", date);
		prop(h, "name-th", th);
		prop(h, "name-en", en);
		propi(h, "weekday", bk_day_weekday(z));
		if (recurring) {
			prop(h, "recurring", "yes");
			prop(h, "since", day);
		}
	}
	bk_q_done(&q);
	return q.err;
}

struct errs {
	size_t	 n;
	struct { const char *field, *key; } e[8];
};

static void
err(struct errs *es, const char *field, const char *key)
{
	if (es->n < sizeof(es->e) / sizeof(es->e[0])) {
		es->e[es->n].field = field;
		es->e[es->n].key = key;
		es->n++;
	}
}

static void
page(struct bk_req *r, int status, int be, const struct errs *es)
{
	xmlNodePtr root, f;
	xmlDocPtr doc = bk_page_new("holidays", &root);
	const char *done = bk_req_param(r, "done");

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	propi(root, "year", be);
	if (be > MIN_YEAR + BE)
		propi(root, "prev", be - 1);
	if (be < MAX_YEAR + BE)
		propi(root, "next", be + 1);
	if (done != NULL && (strcmp(done, "added") == 0 || strcmp(done, "deleted") == 0))
		prop(root, "done", done);
	if (add_list(root, be) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	if (es != NULL) {
		/* What was typed, to be corrected. */
		f = xmlNewTextChild(root, NULL, BAD_CAST "form", NULL);
		prop(f, "date", bk_req_form(r, "date") ? bk_req_form(r, "date") : "");
		prop(f, "name-th", bk_req_form(r, "name_th") ? bk_req_form(r, "name_th") : "");
		prop(f, "name-en", bk_req_form(r, "name_en") ? bk_req_form(r, "name_en") : "");
		if (bk_req_form(r, "recurring") != NULL)
			prop(f, "recurring", "yes");
		for (size_t i = 0; i < es->n; i++) {
			xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
			prop(e, "field", es->e[i].field);
			prop(e, "key", es->e[i].key);
		}
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_HOLIDAYS, doc);
	xmlFreeDoc(doc);
}

void
h_holidays(struct bk_req *r)
{
	int be = year_param(r);

	if (be == 0) {
		bk_req_error(r, 400);
		return;
	}
	page(r, 200, be, NULL);
}

static void
back(struct bk_req *r, int be, const char *done)
{
	char where[80];

	snprintf(where, sizeof(where), "/admin/holidays?year=%d&done=%s", be, done);
	bk_req_redirect(r, where);
}

static bool
name_ok(struct errs *es, const char *v, const char *field, const char *required)
{
	if (v == NULL || v[strspn(v, " \t\r\n")] == '\0') {
		err(es, field, required);
		return false;
	}
	if (chars(v) > MAX_NAME_CHARS) {
		err(es, field, "hol.name-long");
		return false;
	}
	return true;
}

static void
add(struct bk_req *r)
{
	const char *date = bk_req_form(r, "date"), *th = bk_req_form(r, "name_th");
	const char *en = bk_req_form(r, "name_en"), *rec = bk_req_form(r, "recurring");
	struct errs es = { 0 };
	struct bk_holidays h;
	int be = year_param(r), y = 0, m, d;
	bk_day day = 0;
	struct bk_q q;
	enum bk_err e;

	if (bk_day_parse(date, &day) != BK_OK)
		err(&es, "date", "hol.date-bad");
	else {
		bk_day_to_ymd(day, &y, &m, &d);
		if (y < MIN_YEAR || y > MAX_YEAR)
			err(&es, "date", "hol.date-range");
		else
			be = y + BE;
	}
	name_ok(&es, th, "name_th", "hol.name-th-required");
	name_ok(&es, en, "name_en", "hol.name-en-required");
	if (rec != NULL && strcmp(rec, "yes") != 0)
		err(&es, "recurring", "hol.recurring-bad");
	if (es.n == 0) {
		/* Already a holiday, as a date of its own or as a recurring one. */
		if ((e = bk_holidays_load(&h, day, day)) != BK_OK) {
			bk_req_error(r, 503);
			return;
		}
		if (bk_holidays_has(&h, day))
			err(&es, "date", "hol.exists");
		bk_holidays_free(&h);
	}
	if (es.n > 0) {
		page(r, 422, be != 0 ? be : year_param(r), &es);
		return;
	}
	bk_q_init(&q, STMT_HOLIDAY_INSERT);
	bk_q_str(&q, date);
	bk_q_str(&q, th);
	bk_q_str(&q, en);
	bk_q_int(&q, rec != NULL);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e == BK_EINVAL) {	/* the same date, added meanwhile */
		err(&es, "date", "hol.exists");
		page(r, 422, be, &es);
		return;
	}
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: holiday %s added by person %lld", r->id, date,
	    r->sess.person_id);
	back(r, be, "added");
}

static void
delete(struct bk_req *r)
{
	long id, be;
	struct bk_q q;
	enum bk_err e;
	unsigned long long n;

	if (bk_parse_long(bk_req_form(r, "id"), 1, 2147483647L, &id) != BK_OK ||
	    bk_parse_long(bk_req_form(r, "year"), MIN_YEAR + BE, MAX_YEAR + BE, &be) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	bk_q_init(&q, STMT_HOLIDAY_DELETE);
	bk_q_int(&q, id);
	e = bk_q_exec(&q);
	n = bk_q_affected(&q);
	bk_q_done(&q);
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	if (n == 0) {
		bk_req_error(r, 404);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: holiday %ld deleted by person %lld", r->id, id,
	    r->sess.person_id);
	back(r, (int)be, "deleted");
}

void
h_holidays_post(struct bk_req *r)
{
	const char *action = bk_req_form(r, "action");

	if (action != NULL && strcmp(action, "add") == 0)
		add(r);
	else if (action != NULL && strcmp(action, "delete") == 0)
		delete(r);
	else
		bk_req_error(r, 400);
}
