/*
 * lms_course.c: the job kind "lms-course", the first half of the new-course path
 * (issue 4, INTEGRATIONS.md A.1, E.1-E.3): find or create the Moodle category of a
 * faculty's term, then find or create the course in it.
 *
 * Payload: {"site_id", "request_id" (or null), "course_code", "term", "title", "faculty"}.
 *
 * The keys, derived from the payload alone so that every attempt and every re-run
 * computes the same ones (bk_lms_course_keys):
 *   course_code  1-20 of [A-Za-z0-9], upper-cased          e.g. MA101
 *   term         YYYY-S: Buddhist-era year 2500-2999, S = 1, 2 or 3 (summer)   2569-1
 *   faculty      1-20 of [A-Za-z0-9], upper-cased          e.g. SCI
 *   category     idnumber "BK-CAT-{FACULTY}-{TERM}", name "{FACULTY} {S}/{YYYY}", top level
 *   course       idnumber "BK-{CODE}-{TERM}", shortname "{CODE}-{TERM}", fullname = title
 *   startdate    00:00 Asia/Bangkok of 16 May (S=1), 1 November (S=2) of YYYY-543, or
 *                1 April of YYYY-542 (S=3); always sent (Moodle's default is 1970)
 *
 * Each object: the ledger (lms_ledger) first; else a look-up by idnumber (never with an
 * empty value); else create, and when the create says the key is taken, look up again
 * and adopt. A create whose answer was lost (timeout, 5xx) is retried by the queue's
 * back-off, and the retry's look-up adopts what the first attempt made. The ledger rows
 * are written in the transaction that marks the job done (bk_lms_course_done).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "borikan.h"
#include "lms.h"

#define CALL_MS 10000	/* well below the job lease */

/* A function's parameters as key/value pairs (both borrowed). */
struct kv {
	int	 n;
	const char *k[12];
	const char *v[12];
};

static enum bk_err
add_kv(struct bk_buf *body, void *arg)
{
	const struct kv *p = arg;
	enum bk_err e;

	for (int i = 0; i < p->n; i++)
		if ((e = bk_form_add(body, p->k[i], p->v[i])) != BK_OK)
			return e;
	return BK_OK;
}

static bool
code_ok(const char *in, char *out, size_t size)
{
	size_t n = strlen(in);

	if (n == 0 || n > 20 || n >= size)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

/*
 * Derives the Moodle keys of a course (the rule above) into *k. BK_OK, or BK_EINVAL when
 * a value breaks the rule (with why, in Thai and English, in k->why).
 */
enum bk_err
bk_lms_course_keys(const char *code, const char *term, const char *faculty,
    const char *title, struct bk_lms_course_keys *k)
{
	char c[21], f[21];
	int year, sem;
	struct tm tm;
	size_t tl;

	memset(k, 0, sizeof(*k));
	if (!code_ok(code, c, sizeof(c))) {
		bk_strlcpy(k->why, "รหัสวิชาต้องเป็นตัวอักษรอังกฤษหรือตัวเลข 1-20 ตัว / the course code "
		    "must be 1-20 letters or digits", sizeof(k->why));
		return BK_EINVAL;
	}
	if (!code_ok(faculty, f, sizeof(f))) {
		bk_strlcpy(k->why, "รหัสคณะต้องเป็นตัวอักษรอังกฤษหรือตัวเลข 1-20 ตัว / the faculty code "
		    "must be 1-20 letters or digits", sizeof(k->why));
		return BK_EINVAL;
	}
	if (strlen(term) != 6 || sscanf(term, "%4d-%1d", &year, &sem) != 2 || year < 2500 ||
	    year > 2999 || sem < 1 || sem > 3 || term[4] != '-') {
		bk_strlcpy(k->why, "ภาคเรียนต้องเป็น ปปปป-ภ เช่น 2569-1 / the term must be YYYY-S "
		    "(Buddhist era), e.g. 2569-1", sizeof(k->why));
		return BK_EINVAL;
	}
	tl = strlen(title);
	if (tl == 0 || tl >= sizeof(k->fullname) || !bk_utf8_valid(title, tl) ||
	    strchr(title, '<') != NULL || title[0] == ' ' || title[tl - 1] == ' ') {
		bk_strlcpy(k->why, "ชื่อวิชาต้องไม่ว่าง ไม่เกิน 254 ไบต์ ไม่มี < / the title must be "
		    "non-empty, at most 254 bytes, without <", sizeof(k->why));
		return BK_EINVAL;
	}
	snprintf(k->cat_idnumber, sizeof(k->cat_idnumber), "BK-CAT-%s-%s", f, term);
	snprintf(k->cat_name, sizeof(k->cat_name), "%s %d/%d", f, sem, year);
	snprintf(k->idnumber, sizeof(k->idnumber), "BK-%s-%s", c, term);
	snprintf(k->shortname, sizeof(k->shortname), "%s-%s", c, term);
	bk_strlcpy(k->fullname, title, sizeof(k->fullname));
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 543 - 1900 + (sem == 3);
	tm.tm_mon = sem == 1 ? 4 : sem == 2 ? 10 : 3;
	tm.tm_mday = sem == 1 ? 16 : 1;
	k->startdate = (long long)timegm(&tm) - 7 * 3600;
	return BK_OK;
}

/* ---- the ledger ---------------------------------------------------------------------- */

static enum bk_err
ledger_get(long long site, const char *kind, const char *idnumber, long long *id)
{
	struct bk_q q;
	int row;

	*id = 0;
	bk_q_init(&q, STMT_LMS_LEDGER_GET);
	bk_q_int(&q, site);
	bk_q_str(&q, kind);
	bk_q_str(&q, idnumber);
	bk_q_exec(&q);
	bk_q_out_int(&q, id);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	return row == 1 ? BK_OK : BK_ENOTFOUND;
}

/* What the run found, for bk_lms_course_done: rows the ledger lacks. */
static struct {
	int	 n;
	long long site, request;
	struct {
		const char *kind;
		long long id;
		bool	 created;
		char	 idnumber[101];
	} row[2];
} found;

static void
remember(const char *kind, long long id, bool created, const char *idnumber)
{
	if (found.n >= 2)
		return;
	found.row[found.n].kind = kind;
	found.row[found.n].id = id;
	found.row[found.n].created = created;
	bk_strlcpy(found.row[found.n].idnumber, idnumber, sizeof(found.row[0].idnumber));
	found.n++;
}

/*
 * In the transaction that marks an "lms-course" job done: the ledger rows of what its run
 * created or adopted. BK_OK or the database's error.
 */
enum bk_err
bk_lms_course_done(const struct bk_job *job)
{
	enum bk_err e = BK_OK;

	for (int i = 0; i < found.n && e == BK_OK; i++) {
		struct bk_q q;

		bk_q_init(&q, STMT_LMS_LEDGER_PUT);
		bk_q_int(&q, found.site);
		bk_q_str(&q, found.row[i].kind);
		bk_q_int(&q, found.row[i].id);
		bk_q_str(&q, found.row[i].idnumber);
		if (found.request > 0)
			bk_q_int(&q, found.request);
		else
			bk_q_str(&q, NULL);
		bk_q_str(&q, found.row[i].created ? "created" : "adopted");
		bk_q_int(&q, job->id);
		e = bk_q_exec(&q);
		bk_q_done(&q);
	}
	return e;
}

/* ---- Moodle --------------------------------------------------------------------------- */

/* What a failed call means for the job; err gets "function: code". */
static enum bk_job_result
failed(const char *function, const struct bk_http_result *res, char *err, size_t errsz)
{
	enum bk_http_class c = bk_http_class(res->err, res->status);

	snprintf(err, errsz, "%s: %s", function, res->code[0] != '\0' ? res->code :
	    bk_http_errname(res->err));
	if (c == BK_HTTP_TRANSIENT)
		return BK_JOB_RETRY;
	if (res->err == BK_HTTP_REMOTE && strcmp(res->code, "sitemaintenance") == 0)
		return BK_JOB_RETRY;
	return BK_JOB_FAIL;
}

static long long
id_of(json_t *o)
{
	json_t *id = json_object_get(o, "id");

	return json_is_integer(id) ? (long long)json_integer_value(id) : 0;
}

/* Does o carry idnumber (or no idnumber field at all: the look-up was by it)? */
static bool
matches(json_t *o, const char *idnumber)
{
	json_t *v = json_object_get(o, "idnumber");

	return v == NULL || (json_is_string(v) && strcmp(json_string_value(v), idnumber) == 0);
}

/* Looks the category up by idnumber: *id, 0 when none. */
static enum bk_job_result
category_lookup(const struct bk_lms_site *s, const char *idnumber, long long *id, char *err,
    size_t errsz)
{
	struct kv p = { 2, { "criteria[0][key]", "criteria[0][value]" }, { "idnumber", idnumber } };
	struct bk_http_result res;
	json_t *j = NULL, *o;
	size_t i;

	*id = 0;
	if (bk_moodle_call(s, "core_course_get_categories", add_kv, &p, CALL_MS, &j, &res) !=
	    BK_HTTP_OK)
		return failed("core_course_get_categories", &res, err, errsz);
	json_array_foreach(j, i, o)
		if (matches(o, idnumber) && (*id = id_of(o)) > 0)
			break;
	json_decref(j);
	return BK_JOB_DONE;
}

static enum bk_job_result
course_lookup(const struct bk_lms_site *s, const char *field, const char *value,
    const char *idnumber, long long *id, char *err, size_t errsz)
{
	struct kv p = { 2, { "field", "value" }, { field, value } };
	struct bk_http_result res;
	json_t *j = NULL, *o;
	size_t i;

	*id = 0;
	if (value[0] == '\0') {	/* an empty value matches every such course */
		snprintf(err, errsz, "empty %s", field);
		return BK_JOB_FAIL;
	}
	if (bk_moodle_call(s, "core_course_get_courses_by_field", add_kv, &p, CALL_MS, &j,
	    &res) != BK_HTTP_OK)
		return failed("core_course_get_courses_by_field", &res, err, errsz);
	json_array_foreach(json_object_get(j, "courses"), i, o)
		if (matches(o, idnumber) && (*id = id_of(o)) > 0)
			break;
	json_decref(j);
	return BK_JOB_DONE;
}

/* The id of the first object of a create's answer, 0 when none. */
static long long
created_id(json_t *j)
{
	return json_is_array(j) ? id_of(json_array_get(j, 0)) : 0;
}

static enum bk_job_result
category(const struct bk_lms_site *s, const struct bk_lms_course_keys *k, long long *id,
    char *err, size_t errsz)
{
	struct kv p = { 3, { "categories[0][name]", "categories[0][parent]",
	    "categories[0][idnumber]" }, { k->cat_name, "0", k->cat_idnumber } };
	const char *fn = "core_course_create_categories";
	struct bk_http_result res;
	enum bk_job_result r;
	json_t *j = NULL;
	enum bk_err e;

	if ((e = ledger_get(found.site, "category", k->cat_idnumber, id)) == BK_OK)
		return BK_JOB_DONE;
	if (e != BK_ENOTFOUND) {
		snprintf(err, errsz, "ledger: %s", bk_strerror(e));
		return BK_JOB_RETRY;
	}
	if ((r = category_lookup(s, k->cat_idnumber, id, err, errsz)) != BK_JOB_DONE)
		return r;
	if (*id > 0) {
		remember("category", *id, false, k->cat_idnumber);
		return BK_JOB_DONE;
	}
	if (bk_moodle_call(s, fn, add_kv, &p, CALL_MS, &j, &res) == BK_HTTP_OK) {
		*id = created_id(j);
		json_decref(j);
		if (*id <= 0) {
			snprintf(err, errsz, "%s: no id in the answer", fn);
			return BK_JOB_RETRY;
		}
		remember("category", *id, true, k->cat_idnumber);
		return BK_JOB_DONE;
	}
	if (res.err != BK_HTTP_REMOTE || strcmp(res.code, "categoryidnumbertaken") != 0)
		return failed(fn, &res, err, errsz);
	/* Made meanwhile by another hand: adopt it. */
	if ((r = category_lookup(s, k->cat_idnumber, id, err, errsz)) != BK_JOB_DONE)
		return r;
	if (*id <= 0)
		return failed(fn, &res, err, errsz);
	remember("category", *id, false, k->cat_idnumber);
	return BK_JOB_DONE;
}

static enum bk_job_result
course(const struct bk_lms_site *s, const struct bk_lms_course_keys *k, long long catid,
    char *err, size_t errsz)
{
	char cat[24], start[24];
	struct kv p = { 5, { "courses[0][fullname]", "courses[0][shortname]",
	    "courses[0][categoryid]", "courses[0][idnumber]", "courses[0][startdate]" },
	    { k->fullname, k->shortname, cat, k->idnumber, start } };
	const char *fn = "core_course_create_courses";
	struct bk_http_result res;
	enum bk_job_result r;
	json_t *j = NULL;
	long long id;
	enum bk_err e;

	snprintf(cat, sizeof(cat), "%lld", catid);
	snprintf(start, sizeof(start), "%lld", k->startdate);
	if ((e = ledger_get(found.site, "course", k->idnumber, &id)) == BK_OK)
		return BK_JOB_DONE;
	if (e != BK_ENOTFOUND) {
		snprintf(err, errsz, "ledger: %s", bk_strerror(e));
		return BK_JOB_RETRY;
	}
	if ((r = course_lookup(s, "idnumber", k->idnumber, k->idnumber, &id, err, errsz)) !=
	    BK_JOB_DONE)
		return r;
	if (id > 0) {
		remember("course", id, false, k->idnumber);
		return BK_JOB_DONE;
	}
	if (bk_moodle_call(s, fn, add_kv, &p, CALL_MS, &j, &res) == BK_HTTP_OK) {
		id = created_id(j);
		json_decref(j);
		if (id <= 0) {
			snprintf(err, errsz, "%s: no id in the answer", fn);
			return BK_JOB_RETRY;
		}
		remember("course", id, true, k->idnumber);
		return BK_JOB_DONE;
	}
	if (res.err != BK_HTTP_REMOTE || (strcmp(res.code, "shortnametaken") != 0 &&
	    strcmp(res.code, "courseidnumbertaken") != 0))
		return failed(fn, &res, err, errsz);
	/* Taken: adopt the course only if it carries our idnumber. */
	if ((r = course_lookup(s, "idnumber", k->idnumber, k->idnumber, &id, err, errsz)) !=
	    BK_JOB_DONE)
		return r;
	if (id <= 0 && strcmp(res.code, "shortnametaken") == 0 && (r = course_lookup(s,
	    "shortname", k->shortname, k->idnumber, &id, err, errsz)) != BK_JOB_DONE)
		return r;
	if (id <= 0)	/* someone else's course holds the key: a person must decide */
		return failed(fn, &res, err, errsz);
	remember("course", id, false, k->idnumber);
	return BK_JOB_DONE;
}

static const char *
str_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : "";
}

/*
 * Runs an "lms-course" job: BK_JOB_DONE when the category and the course exist (what to
 * record is kept for bk_lms_course_done), BK_JOB_RETRY on a transient failure,
 * BK_JOB_FAIL on a permanent one; err says which call and its errorcode.
 */
enum bk_job_result
bk_lms_course_run(const struct bk_job *job, char *err, size_t errsz)
{
	struct bk_lms_course_keys k;
	struct bk_lms_site *site = NULL;
	enum bk_job_result r = BK_JOB_FAIL;
	json_error_t jerr;
	json_t *p, *v;
	long long catid = 0;
	enum bk_err e;

	memset(&found, 0, sizeof(found));
	if ((p = json_loads(job->payload, 0, &jerr)) == NULL || !json_is_object(p)) {
		snprintf(err, errsz, "payload is not a JSON object");
		goto out;
	}
	v = json_object_get(p, "site_id");
	found.site = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	v = json_object_get(p, "request_id");
	found.request = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
	if (bk_lms_course_keys(str_of(p, "course_code"), str_of(p, "term"), str_of(p, "faculty"),
	    str_of(p, "title"), &k) != BK_OK) {
		snprintf(err, errsz, "payload: %s", k.why);
		goto out;
	}
	if ((site = malloc(sizeof(*site))) == NULL) {
		r = BK_JOB_RETRY;
		goto out;
	}
	if ((e = bk_lms_site_load(found.site, site)) != BK_OK) {
		snprintf(err, errsz, "site %lld: %s", found.site, bk_strerror(e));
		r = e == BK_EDB || e == BK_ERETRY ? BK_JOB_RETRY : BK_JOB_FAIL;
		goto out;
	}
	if ((r = category(site, &k, &catid, err, errsz)) != BK_JOB_DONE)
		goto out;
	r = course(site, &k, catid, err, errsz);
out:
	if (site != NULL) {
		bk_lms_site_wipe(site);
		free(site);
	}
	json_decref(p);
	if (r != BK_JOB_DONE)
		found.n = 0;
	return r;
}
