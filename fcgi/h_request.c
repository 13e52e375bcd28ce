/*
 * h_request.c: asking for a service, a request's page and its actions, and the queues.
 *
 * A request is created in one transaction with its number (process, Buddhist-era year,
 * sequence: no gap, no duplicate), its first moves and its trail. The form carries a
 * random submission id, so a double click or a resent form finds the first request.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "borikan.h"

#define MAX_TRIES 3
#define MAX_NOTE_CHARS 2000
#define QUEUE_PAGE 25		/* requests per page of a queue */
#define QUEUE_PAGES 400		/* the deepest page: 10,000 requests in */
#define QUEUE_PAIRS 8		/* (role, unit) pairs a queue reads: STMT_QUEUE_ROLES's slots */

/* Characters, not bytes: a Thai letter is three bytes. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static xmlNodePtr
add_text(xmlNodePtr parent, const char *name, const char *text)
{
	return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

static void
add_prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void
add_propi(xmlNodePtr n, const char *name, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

/* A copy of the process definition under parent, for labels, fields and steps. */
static bool
add_definition(xmlNodePtr parent, const struct bk_process *p)
{
	xmlNodePtr copy = xmlDocCopyNode(xmlDocGetRootElement(p->doc), parent->doc, 1);

	if (copy == NULL || xmlAddChild(parent, copy) == NULL) {
		xmlFreeNode(copy);
		return false;
	}
	return true;
}

/* <values><v name="…">text</v>…</values> from a JSON object (arrays: one v per item). */
static void
add_values(xmlNodePtr parent, json_t *obj)
{
	xmlNodePtr vs = xmlNewTextChild(parent, NULL, BAD_CAST "values", NULL);
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		if (json_is_string(v))
			add_prop(add_text(vs, "v", json_string_value(v)), "name", key);
		else if (json_is_array(v)) {
			size_t i;
			json_t *item;
			json_array_foreach(v, i, item)
				if (json_is_string(item))
					add_prop(add_text(vs, "v", json_string_value(item)), "name", key);
		}
	}
}

/* The Buddhist-era year now, in Thailand (UTC+7, no daylight saving). */
static int
be_year(void)
{
	time_t t = time(NULL) + 7 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	return tm.tm_year + 1900 + 543;
}

/* A process a signed-in person may start: service requests for anyone, the others for staff. */
static const struct bk_process *
startable(struct bk_req *r)
{
	const struct bk_process *p = bk_catalogue_find(r->capture);

	if (p == NULL) {
		bk_req_error(r, 404);
		return NULL;
	}
	if (strcmp(p->group, "service") != 0 && !bk_session_has_role(r, "ict-head") &&
	    !bk_session_has_role(r, "ict-officer") && !bk_session_has_role(r, "director")) {
		bk_req_error(r, 403);
		return NULL;
	}
	if (bk_def_form_of(p, "") == NULL && bk_def_first_step(p) == NULL) {
		bk_req_error(r, 404);
		return NULL;
	}
	return p;
}

/* The form a requester fills in to start p (the form of its first step), or NULL. */
xmlNodePtr
bk_request_form_of(const struct bk_process *p)
{
	char first[48];

	bk_def_attr(bk_def_first_step(p), "id", first, sizeof(first));
	return bk_def_form_of(p, first);
}

/*
 * The request form of p as the response, with what was typed (values, or NULL) and its
 * errors. submission is the form's id (NULL: a new one). For a visitor who is not signed
 * in, requester (or NULL) holds the name, e-mail and phone typed, and the form carries
 * the pre-sign-in CSRF token.
 */
void
bk_request_form_page(struct bk_req *r, int status, const struct bk_process *p,
    json_t *values, const struct bk_field_error *errs, size_t nerr, const char *submission,
    const char *const requester[3])
{
	xmlNodePtr root;
	xmlDocPtr doc = bk_page_new("request-form", &root);
	char fresh[33], token[65];

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	if (!r->sess.valid) {
		xmlNodePtr v = xmlNewTextChild(root, NULL, BAD_CAST "visitor", NULL);
		bk_precsrf_issue(r, token, sizeof(token));
		add_prop(v, "csrf", token);
		if (requester != NULL) {
			add_prop(v, "name", requester[0] != NULL ? requester[0] : "");
			add_prop(v, "email", requester[1] != NULL ? requester[1] : "");
			add_prop(v, "phone", requester[2] != NULL ? requester[2] : "");
		}
	}
	if (submission == NULL) {
		unsigned char raw[16];
		randombytes_buf(raw, sizeof(raw));
		bk_hex(raw, sizeof(raw), fresh);
		submission = fresh;
	}
	add_prop(root, "submission", submission);
	if (!add_definition(root, p)) {
		xmlFreeDoc(doc);
		bk_req_error(r, 500);
		return;
	}
	if (values != NULL)
		add_values(root, values);
	for (size_t i = 0; i < nerr; i++) {
		xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
		add_prop(e, "field", errs[i].field);
		add_prop(e, "key", errs[i].key);
		add_prop(e, "arg", errs[i].arg);
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_REQUEST_FORM, doc);
	xmlFreeDoc(doc);
}

/*
 * A visitor who is not signed in: the public form of a public process (h_public.c), else
 * sign in first. NULL when the request was answered.
 */
static const struct bk_process *
visitor(struct bk_req *r, bool post)
{
	const struct bk_process *p = bk_catalogue_find(r->capture);
	char next[600];

	if (p != NULL && bk_def_is_public(p) && strcmp(p->group, "service") == 0 &&
	    bk_def_first_step(p) != NULL) {
		if (post)
			h_public_submit(r, p);
		else
			h_public_form(r, p);
		return NULL;
	}
	if (post) {
		bk_req_error(r, 403);
		return NULL;
	}
	snprintf(next, sizeof(next), "/login?next=%s", r->path);
	bk_req_redirect(r, next);
	return NULL;
}

void
h_request_form(struct bk_req *r)
{
	const struct bk_process *p = r->sess.valid ? startable(r) : visitor(r, false);

	if (p != NULL)
		bk_request_form_page(r, 200, p, NULL, NULL, 0, NULL, NULL);
}

static bool
hex32(const char *s)
{
	if (s == NULL || strlen(s) != 32)
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* The number of the request made by submission, if any. */
static bool
find_submission(const char *submission, char *number, size_t size)
{
	struct bk_q q;
	int row;

	bk_q_init(&q, STMT_REQUEST_BY_SUBMISSION);
	bk_q_str(&q, submission);
	bk_q_exec(&q);
	bk_q_out_str(&q, number, size);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row == 1 && number[0] != '\0';	/* "": a visitor's, not yet confirmed */
}

/*
 * A tracking code for a receipt (10 characters of an alphabet without look-alikes) into
 * code, and its SHA-256 into hash: only the hash is kept.
 */
void
bk_tracking_code(char *code, size_t size, unsigned char hash[32])
{
	static const char alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	code[0] = '\0';
	for (size_t i = 0; i + 1 < size && i < 10; i++) {
		code[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		code[i + 1] = '\0';
	}
	crypto_hash_sha256(hash, (const unsigned char *)code, strlen(code));
}

/*
 * The next number of process p this Buddhist-era year, "<code>-<year>-<seq>", into
 * number. Runs in the caller's transaction: the counter row stays locked until COMMIT, so
 * numbers are given one at a time, and a rollback gives the number back. BK_OK, BK_EINVAL
 * (a number that cannot be written), or a database error.
 */
enum bk_err
bk_request_next_number(const struct bk_process *p, char *number, size_t size)
{
	long long seq = 0;
	int year = be_year();
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_COUNTER_NEXT);
	bk_q_str(&q, p->code);
	bk_q_int(&q, year);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		return e;
	bk_q_init(&q, STMT_COUNTER_GET);
	bk_q_str(&q, p->code);
	bk_q_int(&q, year);
	bk_q_exec(&q);
	bk_q_out_int(&q, &seq);
	if (bk_q_fetch(&q) != 1)
		e = q.err != BK_OK ? q.err : BK_EDB;
	bk_q_done(&q);
	if (e != BK_OK)
		return e;
	if (seq < 1 || seq > 9999999 || year < 2500 || year > 9999 ||
	    (size_t)snprintf(number, size, "%.40s-%04d-%05d", p->code, year, (int)seq) >= size)
		return BK_EINVAL;
	return BK_OK;
}

/* One try at creating the request; the caller retries on BK_ERETRY. */
static enum bk_err
create(struct bk_req *r, const struct bk_process *p, const char *form_json,
    const char *submission, struct bk_request *rq, char *secret, size_t secretsz)
{
	unsigned char hash[32];
	char name[201] = "", email[255] = "", number[64];
	struct bk_q q;
	enum bk_err e;

	/* The tracking code, printed on the receipt; only its hash is kept. */
	bk_tracking_code(secret, secretsz, hash);

	if ((e = bk_db_begin()) != BK_OK)
		return e;
	bk_q_init(&q, STMT_PERSON_CONTACT);
	bk_q_int(&q, r->sess.person_id);
	bk_q_exec(&q);
	bk_q_out_str(&q, name, sizeof(name));
	bk_q_out_str(&q, email, sizeof(email));
	if (bk_q_fetch(&q) != 1)
		e = q.err != BK_OK ? q.err : BK_EDB;
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	if ((e = bk_request_next_number(p, number, sizeof(number))) != BK_OK)
		goto fail;

	memset(rq, 0, sizeof(*rq));
	bk_strlcpy(rq->number, number, sizeof(rq->number));
	bk_strlcpy(rq->process, p->code, sizeof(rq->process));
	rq->requester_id = r->sess.person_id;
	bk_strlcpy(rq->requester_name, name, sizeof(rq->requester_name));
	bk_strlcpy(rq->requester_email, email, sizeof(rq->requester_email));
	bk_q_init(&q, STMT_REQUEST_INSERT);
	bk_q_str(&q, rq->number);
	bk_q_str(&q, p->code);
	bk_q_int(&q, bk_def_version(p));
	bk_q_int(&q, r->sess.person_id);
	bk_q_str(&q, name);
	bk_q_str(&q, email);
	bk_def_attr(bk_def_first_step(p), "id", rq->step, sizeof(rq->step));
	bk_q_str(&q, rq->step);
	bk_q_str(&q, form_json);
	bk_q_bin(&q, hash, sizeof(hash));
	bk_q_str(&q, submission);
	e = bk_q_exec(&q);
	rq->id = (long long)bk_q_insert_id(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	rq->form = (char *)form_json;	/* borrowed for the engine's decisions */
	e = bk_engine_start(p, rq, r->sess.person_id);
	rq->form = NULL;
	if (e != BK_OK)
		goto fail;
	if ((e = bk_db_commit()) != BK_OK)
		goto fail;
	return BK_OK;
fail:
	bk_db_rollback();
	return e;
}

void
h_request_submit(struct bk_req *r)
{
	const struct bk_process *p = r->sess.valid ? startable(r) : visitor(r, true);
	const char *submission = bk_req_form(r, "submission");
	struct bk_field_error errs[BK_MAX_FIELD_ERRORS];
	struct bk_request rq;
	json_t *values = NULL;
	char *json = NULL, secret[16], where[200], number[64];
	enum bk_err e = BK_ERETRY;
	size_t nerr;

	if (p == NULL)
		return;
	if (!hex32(submission)) {
		bk_req_error(r, 400);
		return;
	}
	if (find_submission(submission, number, sizeof(number))) {
		snprintf(where, sizeof(where), "/requests/%s", number);
		bk_req_redirect(r, where);
		return;
	}
	nerr = bk_form_validate(bk_request_form_of(p), r, &values, errs, BK_MAX_FIELD_ERRORS);
	if (nerr == (size_t)-1) {
		bk_req_error(r, 500);
		return;
	}
	if (nerr > 0) {
		bk_request_form_page(r, 422, p, values, errs, nerr, submission, NULL);
		json_decref(values);
		return;
	}
	json = json_dumps(values, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(values);
	if (json == NULL) {
		bk_req_error(r, 500);
		return;
	}
	for (int i = 0; i < MAX_TRIES && e == BK_ERETRY; i++)
		e = create(r, p, json, submission, &rq, secret, sizeof(secret));
	free(json);
	if (e == BK_EINVAL && find_submission(submission, number, sizeof(number))) {
		/* The same form sent twice at once: the other one made it. */
		snprintf(where, sizeof(where), "/requests/%s", number);
		bk_req_redirect(r, where);
		return;
	}
	if (e != BK_OK) {
		bk_log(BK_LOG_ERR, "req %s: request not created: %s", r->id, bk_strerror(e));
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: request %s created by person %lld", r->id, rq.number,
	    r->sess.person_id);
	snprintf(where, sizeof(where), "/requests/%s?code=%s", rq.number, secret);
	sodium_memzero(secret, sizeof(secret));
	bk_req_redirect(r, where);
}

static void
add_events(xmlNodePtr root, long long request_id)
{
	xmlNodePtr evs = xmlNewTextChild(root, NULL, BAD_CAST "events", NULL);
	char at[20], action[24], from[48], to[48], note[4096], th[201], en[201];
	char ath[201], aen[201], bth[201], ben[201];
	struct bk_q q;

	bk_q_init(&q, STMT_EVENTS_OF);
	bk_q_int(&q, request_id);
	bk_q_exec(&q);
	bk_q_out_str(&q, at, sizeof(at));
	bk_q_out_str(&q, action, sizeof(action));
	bk_q_out_str(&q, from, sizeof(from));
	bk_q_out_str(&q, to, sizeof(to));
	bk_q_out_str(&q, note, sizeof(note));
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	bk_q_out_str(&q, ath, sizeof(ath));
	bk_q_out_str(&q, aen, sizeof(aen));
	bk_q_out_str(&q, bth, sizeof(bth));
	bk_q_out_str(&q, ben, sizeof(ben));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr e = add_text(evs, "event", note);
		add_prop(e, "at", at);
		add_prop(e, "action", action);
		add_prop(e, "from", from);
		add_prop(e, "to", to);
		add_prop(e, "who-th", th);
		add_prop(e, "who-en", en);
		if (ath[0] != '\0') {
			add_prop(e, "assignee-th", ath);
			add_prop(e, "assignee-en", aen);
		}
		if (bth[0] != '\0') {
			add_prop(e, "for-th", bth);
			add_prop(e, "for-en", ben);
		}
	}
	bk_q_done(&q);
}

/*
 * The time limit: <clock due="YYYY-MM-DD" sla-days="n" paused-days="n" paused="yes"?
 * left="n" | overdue="n"/> (working days); nothing for a request without a clock.
 */
static void
add_clock(xmlNodePtr root, const struct bk_request *rq)
{
	struct bk_clock c;
	xmlNodePtr n;
	bool late = false;
	int left = 0;

	if (bk_clock_load(rq->id, &c) != BK_OK || c.due[0] == '\0')
		return;
	n = xmlNewTextChild(root, NULL, BAD_CAST "clock", NULL);
	add_prop(n, "due", c.due);
	add_propi(n, "sla-days", c.sla_days);
	add_propi(n, "paused-days", c.paused_days);
	if (strcmp(rq->status, "returned") == 0 && c.paused_since != 0)
		add_prop(n, "paused", "yes");
	if (strcmp(rq->status, "open") != 0 || bk_clock_left(c.due, time(NULL), &left, &late) != BK_OK)
		return;
	add_propi(n, late ? "overdue" : "left", left);
}

/* Thai and English names of person id ("" when none). */
static void
person_names(long long id, char *th, size_t thsz, char *en, size_t ensz)
{
	struct bk_q q;

	th[0] = en[0] = '\0';
	bk_q_init(&q, STMT_PERSON_NAMES);
	bk_q_int(&q, id);
	bk_q_exec(&q);
	bk_q_out_str(&q, th, thsz);
	bk_q_out_str(&q, en, ensz);
	if (bk_q_fetch(&q) != 1)
		th[0] = en[0] = '\0';
	bk_q_done(&q);
}

/* <person id name-th name-en/> under parent. */
static xmlNodePtr
add_person(xmlNodePtr parent, const char *name, long long id)
{
	char th[201], en[201];
	xmlNodePtr n = xmlNewTextChild(parent, NULL, BAD_CAST name, NULL);

	person_names(id, th, sizeof(th), en, sizeof(en));
	add_propi(n, "id", id);
	add_prop(n, "name-th", th);
	add_prop(n, "name-en", en);
	return n;
}

/* <assign any="yes"?><person id name-th name-en/>*</assign>: whom the reader may assign
 * the request to (the holders of the step's actor role; only themselves unless ict-head). */
static void
add_assign(xmlNodePtr allowed, const struct bk_allowed *al, const struct bk_req *r,
    xmlNodePtr step)
{
	char actor[32], th[201], en[201];
	long long id = 0;
	xmlNodePtr as = xmlNewTextChild(allowed, NULL, BAD_CAST "assign", NULL);
	struct bk_q q;

	if (al->assign_any)
		add_prop(as, "any", "yes");
	bk_def_attr(step, "actor", actor, sizeof(actor));
	bk_q_init(&q, STMT_ROLE_HOLDERS);
	bk_q_str(&q, actor);
	bk_q_str(&q, "");
	bk_q_str(&q, "");
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr n;
		if (!al->assign_any && id != r->sess.person_id)
			continue;
		n = xmlNewTextChild(as, NULL, BAD_CAST "person", NULL);
		add_propi(n, "id", id);
		add_prop(n, "name-th", th);
		add_prop(n, "name-en", en);
	}
	bk_q_done(&q);
}

/* <committee><member id name-th name-en approved="yes"? by-th? by-en?/>*</committee> at a
 * step every approver must approve. */
static void
add_committee(xmlNodePtr root, const struct bk_request *rq, xmlNodePtr step)
{
	long long members[200], who = 0, by = 0, votes[200][2];
	int n = bk_engine_committee(rq, step, members, 200), nv = 0;
	xmlNodePtr c;
	struct bk_q q;

	if (n < 0)
		return;
	bk_q_init(&q, STMT_VOTES_OF);
	bk_q_int(&q, rq->id);
	bk_q_str(&q, rq->step);
	bk_q_exec(&q);
	bk_q_out_int(&q, &who);
	bk_q_out_int(&q, &by);
	while (nv < 200 && bk_q_fetch(&q) == 1) {
		votes[nv][0] = who;
		votes[nv++][1] = by;
	}
	bk_q_done(&q);
	c = xmlNewTextChild(root, NULL, BAD_CAST "committee", NULL);
	for (int i = 0; i < n; i++) {
		xmlNodePtr m = add_person(c, "member", members[i]);
		for (int v = 0; v < nv; v++) {
			if (votes[v][0] != members[i])
				continue;
			add_prop(m, "approved", "yes");
			if (votes[v][1] != members[i]) {
				char th[201], en[201];
				person_names(votes[v][1], th, sizeof(th), en, sizeof(en));
				add_prop(m, "by-th", th);
				add_prop(m, "by-en", en);
			}
		}
	}
}

/*
 * Renders request rq of process p as the response, with status and an error message key
 * (or NULL). The caller checked that the person may see it.
 */
void
bk_request_page(struct bk_req *r, int status, const struct bk_process *p,
    const struct bk_request *rq, const char *error)
{
	xmlNodePtr root, a;
	xmlDocPtr doc = bk_page_new("request", &root);
	struct bk_allowed al;
	const char *code = bk_req_param(r, "code");
	json_t *values;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	add_prop(root, "number", rq->number);
	add_prop(root, "status", rq->status);
	add_prop(root, "step", rq->step);
	add_propi(root, "version", rq->version);
	add_propi(root, "satisfaction", rq->satisfaction);
	add_prop(root, "created", rq->created);
	add_prop(root, "updated", rq->updated);
	add_prop(root, "requester", rq->requester_name);
	if (rq->requester_id == r->sess.person_id)
		add_prop(root, "mine", "yes");
	/* The tracking code is shown once, on the receipt the redirect after filing leads to. */
	if (code != NULL && strlen(code) == 10 && rq->requester_id == r->sess.person_id)
		add_prop(root, "code", code);
	if (error != NULL)
		add_prop(root, "error", error);
	if (!add_definition(root, p)) {
		xmlFreeDoc(doc);
		bk_req_error(r, 500);
		return;
	}
	if ((values = json_loads(rq->form, 0, NULL)) != NULL) {
		add_values(root, values);
		json_decref(values);
	}
	add_events(root, rq->id);
	bk_memo_xml(root, rq->id);
	bk_survey_xml(root, p, rq);
	add_clock(root, rq);
	bk_attachments_xml(root, rq, r);
	if (rq->assignee_id != 0) {
		char th[201], en[201];
		person_names(rq->assignee_id, th, sizeof(th), en, sizeof(en));
		add_prop(root, "assignee-th", th);
		add_prop(root, "assignee-en", en);
		if (rq->assignee_id == r->sess.person_id)
			add_prop(root, "assigned-to-me", "yes");
	}
	if (strcmp(rq->status, "open") == 0 && bk_engine_is_committee(bk_def_step(p, rq->step)))
		add_committee(root, rq, bk_def_step(p, rq->step));
	bk_engine_allowed(p, rq, r, &al);
	a = xmlNewTextChild(root, NULL, BAD_CAST "allowed", NULL);
	if (al.assign)
		add_assign(a, &al, r, bk_def_step(p, rq->step));
	if (al.on_behalf != 0)
		add_person(a, "on-behalf", al.on_behalf);
	if (al.voted) add_prop(a, "voted", "yes");
	if (al.complete) add_prop(a, "complete", "yes");
	if (al.approve) add_prop(a, "approve", "yes");
	if (al.reject) add_prop(a, "reject", "yes");
	if (al.ret) add_prop(a, "return", "yes");
	if (al.resubmit) add_prop(a, "resubmit", "yes");
	if (al.rate) add_prop(a, "rate", "yes");
	if (al.comment) add_prop(a, "comment", "yes");
	for (int i = 0; i < al.nbranch; i++)
		add_prop(xmlNewTextChild(a, NULL, BAD_CAST "branch", NULL), "to", al.branch[i]);
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_REQUEST, doc);
	xmlFreeDoc(doc);
}

void
h_request_view(struct bk_req *r)
{
	struct bk_request rq;
	const struct bk_process *p;
	enum bk_err e = bk_request_load(r->capture, false, &rq);

	if (e != BK_OK) {
		bk_request_free(&rq);
		bk_req_error(r, e == BK_ENOTFOUND ? 404 : 503);
		return;
	}
	/* Someone else's request is not found, rather than forbidden: numbers are guessable. */
	if (!bk_request_may_view(&rq, r) || (p = bk_catalogue_find(rq.process)) == NULL) {
		bk_request_free(&rq);
		bk_req_error(r, 404);
		return;
	}
	bk_request_page(r, 200, p, &rq, NULL);
	bk_request_free(&rq);
}

/* One try at an action; the caller retries on BK_ERETRY. */
static enum bk_err
act(struct bk_req *r, struct bk_request *rq, const struct bk_process **pp, long version,
    int *status)
{
	const char *action = bk_req_form(r, "action"), *arg = bk_req_form(r, "arg");
	const char *note = bk_req_form(r, "note");
	enum bk_err e;

	*status = 0;
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	if ((e = bk_request_load(r->capture, true, rq)) != BK_OK) {
		*status = e == BK_ENOTFOUND ? 404 : 0;
		goto fail;
	}
	if (!bk_request_may_view(rq, r) || (*pp = bk_catalogue_find(rq->process)) == NULL) {
		*status = 404;
		e = BK_ENOTFOUND;
		goto fail;
	}
	/* The page was made for another state: someone acted meanwhile. */
	if (version != rq->version) {
		*status = 409;
		e = BK_EINVAL;
		goto fail;
	}
	if (note != NULL && utf8_chars(note) > MAX_NOTE_CHARS) {
		*status = 422;
		e = BK_ETOOBIG;
		goto fail;
	}
	e = bk_engine_act(*pp, rq, r, action != NULL ? action : "", arg, note);
	if (e == BK_EINVAL)
		*status = 403;
	else if (e == BK_ETOOBIG)
		*status = 422;
	if (e != BK_OK)
		goto fail;
	return bk_db_commit();
fail:
	bk_db_rollback();
	return e;
}

void
h_request_act(struct bk_req *r)
{
	struct bk_request rq;
	const struct bk_process *p = NULL;
	char where[200];
	long version;
	int status = 0;
	enum bk_err e = BK_ERETRY;

	memset(&rq, 0, sizeof(rq));
	if (bk_parse_long(bk_req_form(r, "version"), 1, 1L << 40, &version) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	for (int i = 0; i < MAX_TRIES && e == BK_ERETRY; i++) {
		bk_request_free(&rq);
		e = act(r, &rq, &p, version, &status);
	}
	if (e == BK_OK) {
		bk_log(BK_LOG_INFO, "req %s: %s on %s by person %lld", r->id,
		    bk_req_form(r, "action"), rq.number, r->sess.person_id);
		snprintf(where, sizeof(where), "/requests/%s", rq.number);
		bk_request_free(&rq);
		bk_req_redirect(r, where);
		return;
	}
	if (status == 422 || status == 409) {
		/* Show the page again, as it is now, with what went wrong. */
		struct bk_request now;
		if (p != NULL && bk_request_load(r->capture, false, &now) == BK_OK)
			bk_request_page(r, status, p, &now, status == 409 ? "act.stale" :
			    rq.error[0] != '\0' ? rq.error : "act.note");
		else
			bk_req_error(r, status);
		bk_request_free(&now);
	} else
		bk_req_error(r, status != 0 ? status : 503);
	bk_request_free(&rq);
}

/*
 * The names a list needs of process code: its title and each step's label, not the whole
 * definition (a queue page names a few processes; the transform reads only these).
 */
static void
add_names(xmlNodePtr root, const char *code)
{
	const struct bk_process *p = bk_catalogue_find(code);
	xmlNodePtr def, proc, steps, title;

	for (xmlNodePtr c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST "process") == 0 &&
		    bk_def_attr_is(c, "code", code))
			return;
	if (p == NULL)
		return;
	def = xmlDocGetRootElement(p->doc);
	proc = xmlNewTextChild(root, NULL, BAD_CAST "process", NULL);
	add_prop(proc, "code", code);
	if ((title = bk_def_child(def, "title")) != NULL)
		xmlAddChild(proc, xmlDocCopyNode(title, root->doc, 1));
	steps = xmlNewTextChild(proc, NULL, BAD_CAST "steps", NULL);
	for (xmlNodePtr s = bk_def_child(def, "steps")->children; s != NULL; s = s->next) {
		xmlNodePtr st, label;
		char id[48], actor[24];
		if (s->type != XML_ELEMENT_NODE)
			continue;
		st = xmlNewTextChild(steps, NULL, BAD_CAST "step", NULL);
		add_prop(st, "id", bk_def_attr(s, "id", id, sizeof(id)));
		add_prop(st, "actor", bk_def_attr(s, "actor", actor, sizeof(actor)));
		if ((label = bk_def_child(s, "label")) != NULL)
			xmlAddChild(st, xmlDocCopyNode(label, root->doc, 1));
	}
}

/*
 * <overdue><item number process step requester due overdue="n"/>*</overdue>: open requests
 * past due at the steps the person acts at as staff, the most overdue first.
 */
static enum bk_err
add_overdue(xmlNodePtr root, const struct bk_req *r)
{
	long long person = r->sess.person_id;
	xmlNodePtr list = xmlNewTextChild(root, NULL, BAD_CAST "overdue", NULL);
	char number[64], process[48], step[48], who[201], due[11], today[11];
	struct bk_holidays h;
	bk_day now = bk_day_of(time(NULL)), d;
	struct bk_q q;
	bool staff = false, any = false;
	enum bk_err e;

	/* Staff: any role but requester. A requester has no overdue list: no query. */
	for (const char *p = r->sess.roles; *p != '\0'; p += strcspn(p, " "), p += strspn(p, " "))
		if (strncmp(p, "requester@", 10) != 0 && strcspn(p, "@ ") > 0) {
			add_prop(list, "staff", "yes");
			staff = true;
			break;
		}
	if (!staff)
		return BK_OK;
	bk_day_format(now, today, sizeof(today));
	bk_q_init(&q, STMT_QUEUE_OVERDUE);
	bk_q_int(&q, person);
	bk_q_str(&q, today);
	bk_q_int(&q, person);
	bk_q_exec(&q);
	bk_q_out_str(&q, number, sizeof(number));
	bk_q_out_str(&q, process, sizeof(process));
	bk_q_out_str(&q, step, sizeof(step));
	bk_q_out_str(&q, who, sizeof(who));
	bk_q_out_str(&q, due, sizeof(due));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr t = xmlNewTextChild(list, NULL, BAD_CAST "item", NULL);
		add_prop(t, "number", number);
		add_prop(t, "process", process);
		add_prop(t, "step", step);
		add_prop(t, "requester", who);
		add_prop(t, "due", due);
		any = true;
	}
	bk_q_done(&q);
	if (q.err != BK_OK && q.err != BK_ETOOBIG)
		return q.err;
	/* How late, in working days: the holidays are read only when something is late. */
	if (!any)
		return BK_OK;
	if ((e = bk_holidays_load(&h, now - 400, now + 1)) != BK_OK)
		return e;
	for (xmlNodePtr t = list->children; t != NULL; t = t->next)
		if (t->type == XML_ELEMENT_NODE &&
		    bk_day_parse(bk_def_attr(t, "due", due, sizeof(due)), &d) == BK_OK)
			add_propi(t, "overdue", bk_workdays_between(&h, d, now));
	bk_holidays_free(&h);
	return BK_OK;
}

/*
 * Appends an <item> to list for each row of the executed q: number, process, step, then
 * the fifth column under the name fifth (requester or status), updated, and due when
 * with_due. Past max rows, marks the list more="yes" instead. Ends q; returns its error
 * (a value too long for its buffer is skipped, not an error).
 */
static enum bk_err
list_items(xmlNodePtr list, struct bk_q *q, const char *fifth, bool with_due, long max)
{
	char number[64], process[48], step[48], five[201], updated[20], due[11] = "";

	bk_q_out_str(q, number, sizeof(number));
	bk_q_out_str(q, process, sizeof(process));
	bk_q_out_str(q, step, sizeof(step));
	bk_q_out_str(q, five, sizeof(five));
	bk_q_out_str(q, updated, sizeof(updated));
	if (with_due)
		bk_q_out_str(q, due, sizeof(due));
	for (long n = 0; bk_q_fetch(q) == 1; n++) {
		xmlNodePtr t;
		if (n == max) {
			add_prop(list, "more", "yes");
			continue;
		}
		t = xmlNewTextChild(list, NULL, BAD_CAST "item", NULL);
		add_prop(t, "number", number);
		add_prop(t, "process", process);
		add_prop(t, "step", step);
		add_prop(t, fifth, five);
		add_prop(t, "updated", updated);
		if (due[0] != '\0')
			add_prop(t, "due", due);
	}
	bk_q_done(q);
	return q->err == BK_ETOOBIG ? BK_OK : q->err;
}

/*
 * <assigned><item number process step requester updated due?/>*</assigned>: the open
 * requests assigned to the person, oldest change first (index request_assignee).
 */
static enum bk_err
add_assigned(xmlNodePtr root, const struct bk_req *r)
{
	xmlNodePtr list = xmlNewTextChild(root, NULL, BAD_CAST "assigned", NULL);
	struct bk_q q;

	bk_q_init(&q, STMT_QUEUE_ASSIGNED);
	bk_q_int(&q, r->sess.person_id);
	bk_q_exec(&q);
	return list_items(list, &q, "requester", true, 100);
}

void
h_queue(struct bk_req *r)
{
	xmlNodePtr root, list;
	xmlDocPtr doc = bk_page_new("queue", &root);
	struct bk_role_unit pairs[QUEUE_PAIRS];
	size_t npairs;
	long page = 1;
	struct bk_q q;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	if (add_assigned(root, r) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	list = xmlNewTextChild(root, NULL, BAD_CAST "tasks", NULL);
	npairs = bk_queue_pairs(r->sess.roles, pairs, QUEUE_PAIRS);
	if (bk_req_param(r, "page") != NULL &&
	    bk_parse_long(bk_req_param(r, "page"), 1, QUEUE_PAGES, &page) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 400);
		return;
	}
	add_propi(root, "page", page);
	if (npairs > 0) {
		/* One row more than a page tells whether there is a next page. */
		bk_q_init(&q, STMT_QUEUE_ROLES);
		for (size_t i = 0; i < QUEUE_PAIRS; i++) {
			bk_q_str(&q, i < npairs ? pairs[i].role : "");
			bk_q_str(&q, i < npairs ? pairs[i].unit : "");
			bk_q_int(&q, page * QUEUE_PAGE + 1);
		}
		bk_q_int(&q, QUEUE_PAGE + 1);
		bk_q_int(&q, (page - 1) * QUEUE_PAGE);
		bk_q_exec(&q);
		if (list_items(list, &q, "requester", true, QUEUE_PAGE) != BK_OK) {
			xmlFreeDoc(doc);
			bk_req_error(r, 503);
			return;
		}
	}
	if (add_overdue(root, r) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	list = xmlNewTextChild(root, NULL, BAD_CAST "mine", NULL);
	bk_q_init(&q, STMT_REQUESTS_OF);
	bk_q_int(&q, r->sess.person_id);
	bk_q_exec(&q);
	(void)list_items(list, &q, "status", false, 25);	/* one's own: best effort */
	/* Titles and step labels of the processes the lists name. */
	for (xmlNodePtr l = root->children; l != NULL; l = l->next)
		for (xmlNodePtr it = l->children; it != NULL; it = it->next) {
			char code[48];
			if (it->type == XML_ELEMENT_NODE && xmlStrcmp(it->name, BAD_CAST "item") == 0)
				add_names(root, bk_def_attr(it, "process", code, sizeof(code)));
		}
	r->cache = "no-store";
	bk_req_page(r, 200, SHEET_QUEUE, doc);
	xmlFreeDoc(doc);
}
