/*
 * h_public.c: what a visitor without an account may do. File a request of a public
 * process, confirm it by the link mailed to the address given, track it by number and
 * tracking code, and answer the satisfaction survey by its link.
 *
 * A visitor's request is kept 'unconfirmed', without a number, outside every queue, until
 * the confirmation link is followed: then it is numbered and started exactly as a
 * signed-in person's request (h_request.c, engine.c), so spam never uses up a number.
 * Filing and tracking are counted per address (login_throttle): past the limit, 429.
 * Every state change runs in one transaction, retried on a deadlock.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "borikan.h"

#define MAX_TRIES 3
#define FILE_WINDOW 3600	/* seconds */
#define FILE_LIMIT 10		/* public filings per address per window */
#define TRACK_WINDOW 3600
#define TRACK_LIMIT 20		/* failed look-ups per address per window */
#define REQUESTER_NAME_MIN 2
#define REQUESTER_NAME_MAX 200		/* characters */
#define PHONE_MIN 9		/* digits: a Thai landline has 9, a mobile 10 */
#define PHONE_MAX 15
#define COMMENT_MAX 1000	/* characters */

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The site's address for links in mails and QR codes (BORIKAN_BASE_URL, no final /). */
static const char *
base_url(void)
{
	static struct bk_mail_config c;
	static bool read;

	if (!read) {
		bk_mail_config_read(&c);
		read = true;
	}
	return c.base_url;
}

static void
add_prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

/* Seconds until the address may go on (0: now; -1: the database failed). */
static long
throttled(const char *kind, const char *addr, long window, long limit)
{
	long long count = 0, left = 0;
	struct bk_q q;
	int row;

	bk_q_init(&q, STMT_THROTTLE_GET);
	bk_q_int(&q, window);
	bk_q_str(&q, kind);
	bk_q_str(&q, addr);
	bk_q_int(&q, window);
	bk_q_exec(&q);
	bk_q_out_int(&q, &count);
	bk_q_out_int(&q, &left);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return -1;
	return row == 1 && count >= limit ? (long)(left > 0 ? left : 1) : 0;
}

static enum bk_err
throttle_count(const char *kind, const char *addr, long window)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_THROTTLE_FAIL);
	bk_q_str(&q, kind);
	bk_q_str(&q, addr);
	bk_q_int(&q, window);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/*
 * A page of public.xsl: <public kind="…"> with the process title when p is given. The
 * caller adds what the kind needs through fill, then it is rendered with status.
 */
static xmlDocPtr
public_doc(struct bk_req *r, const char *kind, const struct bk_process *p, xmlNodePtr *root)
{
	xmlDocPtr doc = bk_page_new("public", root);
	xmlNodePtr title;

	if (doc == NULL)
		return NULL;
	bk_page_session(r, *root);
	add_prop(*root, "kind", kind);
	if (p != NULL && (title = bk_def_child(xmlDocGetRootElement(p->doc), "title")) != NULL) {
		xmlNodePtr t = xmlNewTextChild(*root, NULL, BAD_CAST "process", NULL);
		add_prop(t, "code", p->code);
		xmlAddChild(t, xmlDocCopyNode(title, doc, 1));
	}
	return doc;
}

static void
public_send(struct bk_req *r, int status, xmlDocPtr doc)
{
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_PUBLIC, doc);
	xmlFreeDoc(doc);
}

/* A short page of kind with the process p (or NULL) and request number (or NULL). */
static void
public_page(struct bk_req *r, int status, const char *kind, const struct bk_process *p,
    const char *number)
{
	xmlNodePtr root;
	xmlDocPtr doc = public_doc(r, kind, p, &root);

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	if (number != NULL && number[0] != '\0')
		add_prop(root, "number", number);
	public_send(r, status, doc);
}

static void
too_many(struct bk_req *r, long wait)
{
	xmlNodePtr root;
	xmlDocPtr doc = public_doc(r, "throttled", NULL, &root);
	char minutes[24];

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	snprintf(minutes, sizeof(minutes), "%ld", (wait + 59) / 60);
	add_prop(root, "wait", minutes);
	bk_req_header(r, "Retry-After: %ld", wait);
	public_send(r, 429, doc);
}

void
h_public_form(struct bk_req *r, const struct bk_process *p)
{
	bk_request_form_page(r, 200, p, NULL, NULL, 0, NULL, NULL);
}

static void
field_error(struct bk_field_error *errs, size_t *n, const char *field, const char *key,
    const char *arg)
{
	if (*n >= BK_MAX_FIELD_ERRORS)
		return;
	bk_strlcpy(errs[*n].field, field, sizeof(errs[*n].field));
	bk_strlcpy(errs[*n].key, key, sizeof(errs[*n].key));
	bk_strlcpy(errs[*n].arg, arg, sizeof(errs[*n].arg));
	(*n)++;
}

/*
 * The requester's name, e-mail and phone, checked; the phone is kept as its digits (and
 * a leading +). Appends one error per bad field.
 */
static void
check_requester(const char *name, const char *email, const char *phone, char *digits,
    size_t dsize, struct bk_field_error *errs, size_t *n)
{
	size_t nd = 0, chars;

	if (name == NULL || name[strspn(name, " ")] == '\0')
		field_error(errs, n, "requester_name", "field.required", "");
	else if ((chars = utf8_chars(name)) < REQUESTER_NAME_MIN)
		field_error(errs, n, "requester_name", "field.too-short", "2");
	else if (chars > REQUESTER_NAME_MAX)
		field_error(errs, n, "requester_name", "field.too-long", "200");
	if (email == NULL || email[0] == '\0')
		field_error(errs, n, "requester_email", "field.required", "");
	else if (!bk_mail_addr_ok(email) || strchr(strchr(email, '@'), '.') == NULL)
		field_error(errs, n, "requester_email", "field.email", "");
	digits[0] = '\0';
	if (phone == NULL || phone[0] == '\0') {
		field_error(errs, n, "requester_phone", "field.required", "");
		return;
	}
	for (const char *c = phone; *c != '\0'; c++) {
		if (*c == ' ' || *c == '-')
			continue;
		if (!((*c >= '0' && *c <= '9') || (*c == '+' && nd == 0)) || nd + 1 >= dsize) {
			nd = 0;
			break;
		}
		digits[nd++] = *c;
	}
	digits[nd] = '\0';
	if (nd - (digits[0] == '+') < PHONE_MIN || nd - (digits[0] == '+') > PHONE_MAX) {
		digits[0] = '\0';
		field_error(errs, n, "requester_phone", "field.tel", "");
	}
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

/* Was submission filed already (confirmed or not)? -1 when the database failed. */
static int
submitted(const char *submission)
{
	char number[64];
	struct bk_q q;
	int row;

	bk_q_init(&q, STMT_REQUEST_BY_SUBMISSION);
	bk_q_str(&q, submission);
	bk_q_exec(&q);
	bk_q_out_str(&q, number, sizeof(number));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row;
}

/* One try at keeping a visitor's request and mailing its confirmation link. */
static enum bk_err
file_unconfirmed(struct bk_req *r, const struct bk_process *p, const char *json,
    const char *submission, const char *name, const char *email, const char *phone)
{
	unsigned char hash[32];
	char token[BK_TOKEN_CHARS + 1], link[400];
	struct bk_request rq;
	struct bk_q q;
	enum bk_err e;

	/* Not a tracking code: nobody can know it. The real one is made at confirmation. */
	randombytes_buf(hash, sizeof(hash));
	memset(&rq, 0, sizeof(rq));
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	bk_q_init(&q, STMT_REQUEST_INSERT_PUBLIC);
	bk_q_str(&q, p->code);
	bk_q_int(&q, bk_def_version(p));
	bk_q_str(&q, name);
	bk_q_str(&q, email);
	bk_q_str(&q, phone);
	bk_def_attr(bk_def_first_step(p), "id", rq.step, sizeof(rq.step));
	bk_q_str(&q, rq.step);
	bk_q_str(&q, json);
	bk_q_bin(&q, hash, sizeof(hash));
	bk_q_str(&q, submission);
	e = bk_q_exec(&q);
	rq.id = (long long)bk_q_insert_id(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	bk_strlcpy(rq.process, p->code, sizeof(rq.process));
	bk_strlcpy(rq.requester_name, name, sizeof(rq.requester_name));
	bk_strlcpy(rq.requester_email, email, sizeof(rq.requester_email));
	bk_strlcpy(rq.status, "unconfirmed", sizeof(rq.status));
	if ((e = bk_token_new(rq.id, "confirm", BK_CONFIRM_TTL, token)) != BK_OK)
		goto fail;
	snprintf(link, sizeof(link), "%s/confirm/%s", base_url(), token);
	sodium_memzero(token, sizeof(token));
	e = bk_notify_public(p, &rq, "confirm", link, NULL);
	sodium_memzero(link, sizeof(link));
	if (e != BK_OK)
		goto fail;
	if ((e = throttle_count("file", r->remote_addr, FILE_WINDOW)) != BK_OK)
		goto fail;
	return bk_db_commit();
fail:
	bk_db_rollback();
	return e;
}

/*
 * POST /processes/{code}/request by a visitor (the router checked the pre-sign-in CSRF
 * token): the request form and the requester's contact, checked; a request kept
 * unconfirmed; a confirmation link mailed. Answers 200 (look in your mail), 422 (the form
 * again, with its errors), 429 (too many from this address) or 400.
 */
void
h_public_submit(struct bk_req *r, const struct bk_process *p)
{
	const char *submission = bk_req_form(r, "submission");
	const char *name = bk_req_form(r, "requester_name");
	const char *email = bk_req_form(r, "requester_email");
	const char *phone = bk_req_form(r, "requester_phone");
	const char *typed[3] = { name, email, phone };
	struct bk_field_error errs[BK_MAX_FIELD_ERRORS];
	json_t *values = NULL;
	char *json = NULL, digits[PHONE_MAX + 2];
	enum bk_err e = BK_ERETRY;
	size_t nerr;
	long wait;
	int seen;

	if (!hex32(submission)) {
		bk_req_error(r, 400);
		return;
	}
	/* The same form sent again (a double click) is the same request: same answer. */
	if ((seen = submitted(submission)) != 0) {
		if (seen < 0)
			bk_req_error(r, 503);
		else
			public_page(r, 200, "filed", p, NULL);
		return;
	}
	if ((wait = throttled("file", r->remote_addr, FILE_WINDOW, FILE_LIMIT)) != 0) {
		if (wait < 0) {
			bk_req_error(r, 503);
			return;
		}
		bk_log(BK_LOG_WARN, "req %s: public filing throttled for %s", r->id,
		    r->remote_addr);
		too_many(r, wait);
		return;
	}
	nerr = bk_form_validate(bk_request_form_of(p), r, &values, errs, BK_MAX_FIELD_ERRORS);
	if (nerr == (size_t)-1) {
		bk_req_error(r, 500);
		return;
	}
	check_requester(name, email, phone, digits, sizeof(digits), errs, &nerr);
	if (nerr > 0) {
		/* What the visitor typed comes back in the form like every field's value. */
		if (values == NULL)
			values = json_object();
		for (size_t i = 0; i < 3 && values != NULL; i++)
			if (typed[i] != NULL)
				json_object_set_new(values, i == 0 ? "requester_name" : i == 1 ?
				    "requester_email" : "requester_phone", json_string(typed[i]));
		bk_request_form_page(r, 422, p, values, errs, nerr, submission, typed);
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
		e = file_unconfirmed(r, p, json, submission, name, email, digits);
	free(json);
	if (e == BK_EINVAL && submitted(submission) == 1) {
		public_page(r, 200, "filed", p, NULL);	/* sent twice at once */
		return;
	}
	if (e != BK_OK) {
		bk_log(BK_LOG_ERR, "req %s: public request not kept: %s", r->id, bk_strerror(e));
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: unconfirmed %s request from %s", r->id, p->code,
	    r->remote_addr);
	public_page(r, 200, "filed", p, NULL);
}

/* What a confirmation came to. */
enum confirm_result { C_OPENED, C_USED, C_EXPIRED, C_INVALID };

/* One try at confirming: numbers and starts the request, mails the receipt. */
static enum bk_err
confirm(const unsigned char hash[32], enum confirm_result *res, struct bk_token *t,
    const struct bk_process **pp, char *code, size_t codesz)
{
	unsigned char secret[32];
	char link[400];
	struct bk_request rq;
	struct bk_q q;
	enum bk_err e;

	memset(&rq, 0, sizeof(rq));
	*res = C_INVALID;
	*pp = NULL;
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	if ((e = bk_token_find(hash, true, t)) != BK_OK)
		goto fail;
	if (strcmp(t->purpose, "confirm") != 0) {
		e = BK_ENOTFOUND;
		goto fail;
	}
	if (t->used || strcmp(t->status, "unconfirmed") != 0) {
		*res = C_USED;
		e = BK_OK;
		goto fail;	/* nothing to change */
	}
	if (t->expired) {
		*res = C_EXPIRED;
		e = BK_OK;
		goto fail;
	}
	if ((*pp = bk_catalogue_find(t->process)) == NULL) {
		e = BK_ENOTFOUND;
		goto fail;
	}
	/* The row of the request, locked: one confirmation at a time. */
	bk_request_free(&rq);
	if ((rq.form = malloc(256 * 1024)) == NULL) {
		e = BK_ENOMEM;
		goto fail;
	}
	bk_q_init(&q, STMT_REQUEST_LOCK_ID);
	bk_q_int(&q, t->request_id);
	bk_q_exec(&q);
	bk_q_out_int(&q, &rq.id);
	bk_q_out_str(&q, rq.number, sizeof(rq.number));
	bk_q_out_str(&q, rq.process, sizeof(rq.process));
	bk_q_out_int(&q, &rq.requester_id);
	bk_q_out_str(&q, rq.requester_name, sizeof(rq.requester_name));
	bk_q_out_str(&q, rq.requester_email, sizeof(rq.requester_email));
	bk_q_out_str(&q, rq.status, sizeof(rq.status));
	bk_q_out_str(&q, rq.step, sizeof(rq.step));
	bk_q_out_int(&q, &rq.assignee_id);
	bk_q_out_str(&q, rq.form, 256 * 1024);
	bk_q_out_int(&q, &rq.version);
	bk_q_out_int(&q, &rq.satisfaction);
	bk_q_out_str(&q, rq.created, sizeof(rq.created));
	bk_q_out_str(&q, rq.updated, sizeof(rq.updated));
	if (bk_q_fetch(&q) != 1)
		e = q.err != BK_OK ? q.err : BK_ENOTFOUND;
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	if ((e = bk_request_next_number(*pp, rq.number, sizeof(rq.number))) != BK_OK)
		goto fail;
	bk_tracking_code(code, codesz, secret);
	bk_q_init(&q, STMT_REQUEST_CONFIRM);
	bk_q_str(&q, rq.number);
	bk_q_bin(&q, secret, sizeof(secret));
	bk_q_int(&q, rq.id);
	e = bk_q_exec(&q);
	if (e == BK_OK && bk_q_affected(&q) != 1)
		e = BK_EINVAL;
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	bk_strlcpy(t->number, rq.number, sizeof(t->number));
	if ((e = bk_token_use(t->id)) != BK_OK)
		goto fail;
	/* From here on as a signed-in person's request: the engine, its mails, its clock. */
	if ((e = bk_engine_start(*pp, &rq, 0)) != BK_OK)
		goto fail;
	snprintf(link, sizeof(link), "%s/track", base_url());
	if ((e = bk_notify_public(*pp, &rq, "receipt", link, code)) != BK_OK)
		goto fail;
	if ((e = bk_db_commit()) != BK_OK)
		goto fail;
	*res = C_OPENED;
	bk_request_free(&rq);
	return BK_OK;
fail:
	bk_db_rollback();
	bk_request_free(&rq);
	return e;
}

/*
 * GET /confirm/{token}: the visitor's request is numbered and opened at its first step;
 * the receipt shows the number and the tracking code (and is mailed). A used link says
 * so with the number, an expired one says so (410); an unknown one is 404.
 */
void
h_confirm(struct bk_req *r)
{
	unsigned char hash[32];
	const struct bk_process *p = NULL;
	enum confirm_result res = C_INVALID;
	struct bk_token t;
	char code[16] = "";
	enum bk_err e = BK_ERETRY;
	xmlNodePtr root;
	xmlDocPtr doc;

	if (!bk_token_hash(r->capture, hash)) {
		public_page(r, 404, "link-invalid", NULL, NULL);
		return;
	}
	for (int i = 0; i < MAX_TRIES && e == BK_ERETRY; i++)
		e = confirm(hash, &res, &t, &p, code, sizeof(code));
	if (e == BK_ENOTFOUND) {
		public_page(r, 404, "link-invalid", NULL, NULL);
		return;
	}
	if (e != BK_OK) {
		bk_log(BK_LOG_ERR, "req %s: confirmation failed: %s", r->id, bk_strerror(e));
		bk_req_error(r, 503);
		return;
	}
	p = bk_catalogue_find(t.process);
	if (res == C_USED) {
		public_page(r, 200, "confirm-used", p, t.number);
		return;
	}
	if (res == C_EXPIRED) {
		public_page(r, 410, "confirm-expired", p, NULL);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: request %s confirmed", r->id, t.number);
	if ((doc = public_doc(r, "receipt", p, &root)) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	add_prop(root, "number", t.number);
	add_prop(root, "code", code);
	sodium_memzero(code, sizeof(code));
	public_send(r, 200, doc);
}

/* The step's bilingual label under parent, as <step id><label><th/><en/></label></step>. */
static void
add_step(xmlNodePtr parent, const struct bk_process *p, const char *id)
{
	xmlNodePtr s = xmlNewTextChild(parent, NULL, BAD_CAST "step", NULL), def, label;

	add_prop(s, "id", id);
	if ((def = bk_def_step(p, id)) != NULL && (label = bk_def_child(def, "label")) != NULL)
		xmlAddChild(s, xmlDocCopyNode(label, parent->doc, 1));
}

/*
 * GET /track: the form. POST /track (number, code; pre-sign-in CSRF): the process title,
 * status, current step and when it last changed, nothing else. A wrong number and a wrong
 * code give the same answer; failures are counted per address (429 past the limit).
 */
void
h_track(struct bk_req *r)
{
	const char *number = bk_req_form(r, "number"), *typed = bk_req_form(r, "code");
	char code[33] = "", *c = code, process[48] = "", status[16] = "", step[48] = "", updated[20] = "", stored[33];
	unsigned char hash[32];
	const struct bk_process *p = NULL;
	xmlNodePtr root;
	xmlDocPtr doc;
	struct bk_q q;
	char token[65];
	bool found = false;
	int row = 0;
	long wait;

	if (strcmp(r->method, "POST") != 0) {
		if ((doc = public_doc(r, "track", NULL, &root)) == NULL) {
			bk_req_error(r, 500);
			return;
		}
		bk_precsrf_issue(r, token, sizeof(token));
		add_prop(root, "csrf", token);
		public_send(r, 200, doc);
		return;
	}
	if ((wait = throttled("track", r->remote_addr, TRACK_WINDOW, TRACK_LIMIT)) != 0) {
		if (wait < 0)
			bk_req_error(r, 503);
		else
			too_many(r, wait);
		return;
	}
	/* The code as printed: capitals; spaces typed around or inside it do not count. */
	for (const char *s = typed != NULL ? typed : ""; *s != '\0' && c < code + 32; s++)
		if (*s != ' ')
			*c++ = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
	*c = '\0';
	if (number != NULL && code[0] != '\0' && strlen(number) < 64) {
		/* Compare the hashes whatever was found: the same work for every answer. */
		crypto_hash_sha256(hash, (const unsigned char *)code, strlen(code));
		memset(stored, 0, sizeof(stored));
		bk_q_init(&q, STMT_TRACK);
		bk_q_str(&q, number);
		bk_q_exec(&q);
		bk_q_out_str(&q, process, sizeof(process));
		bk_q_out_str(&q, status, sizeof(status));
		bk_q_out_str(&q, step, sizeof(step));
		bk_q_out_str(&q, updated, sizeof(updated));
		bk_q_out_str(&q, stored, sizeof(stored));
		row = bk_q_fetch(&q);
		if (row == 1 && q.outlen[4] != 32)
			row = 0;
		bk_q_done(&q);
		if (row < 0) {
			bk_req_error(r, 503);
			return;
		}
		found = sodium_memcmp(hash, stored, 32) == 0 && row == 1;
		sodium_memzero(hash, sizeof(hash));
	}
	if (found && (p = bk_catalogue_find(process)) == NULL)
		found = false;
	if (!found) {
		throttle_count("track", r->remote_addr, TRACK_WINDOW);
		if ((doc = public_doc(r, "track", NULL, &root)) == NULL) {
			bk_req_error(r, 500);
			return;
		}
		bk_precsrf_issue(r, token, sizeof(token));
		add_prop(root, "csrf", token);
		add_prop(root, "not-found", "yes");
		public_send(r, 404, doc);
		return;
	}
	if ((doc = public_doc(r, "tracked", p, &root)) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	add_prop(root, "number", number);
	add_prop(root, "status", status);
	add_prop(root, "updated", updated);
	add_step(root, p, step);
	public_send(r, 200, doc);
}

/*
 * The survey of rq as <survey link="…"> with its QR code (<svg>) under parent, while rq
 * waits at a survey step and its link is open; nothing otherwise.
 */
void
bk_survey_xml(xmlNodePtr parent, const struct bk_process *p, const struct bk_request *rq)
{
	char token[BK_TOKEN_CHARS + 1], link[400];
	xmlNodePtr s;

	if (!bk_engine_at_survey(p, rq) || bk_token_survey(rq->id, token) != BK_OK)
		return;
	snprintf(link, sizeof(link), "%s/survey/%s", base_url(), token);
	sodium_memzero(token, sizeof(token));
	s = xmlNewTextChild(parent, NULL, BAD_CAST "survey", NULL);
	add_prop(s, "link", link);
	if (bk_qr_svg(s, link, "QR") == NULL)
		bk_log(BK_LOG_WARN, "survey of %s: no QR code", rq->number);
	sodium_memzero(link, sizeof(link));
}

/* The survey token of the path, looked up (not locked); a page answered when false. */
static bool
survey_token(struct bk_req *r, unsigned char hash[32], struct bk_token *t,
    const struct bk_process **p)
{
	enum bk_err e;

	if (!bk_token_hash(r->capture, hash) ||
	    (e = bk_token_find(hash, false, t)) == BK_ENOTFOUND ||
	    (e == BK_OK && strcmp(t->purpose, "survey") != 0)) {
		public_page(r, 404, "link-invalid", NULL, NULL);
		return false;
	}
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return false;
	}
	*p = bk_catalogue_find(t->process);
	if (t->used) {
		public_page(r, 200, "survey-used", *p, t->number);
		return false;
	}
	if (t->expired) {
		public_page(r, 410, "survey-expired", *p, t->number);
		return false;
	}
	if (*p == NULL || strcmp(t->status, "open") != 0 ||
	    !bk_def_attr_is(bk_def_step(*p, t->step), "kind", "survey")) {
		public_page(r, 200, "survey-closed", *p, t->number);	/* rated on the page */
		return false;
	}
	return true;
}

static void
survey_form(struct bk_req *r, int status, const struct bk_process *p, const struct bk_token *t,
    const char *error, const char *score, const char *comment)
{
	xmlNodePtr root;
	xmlDocPtr doc = public_doc(r, "survey", p, &root);
	char token[65];

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_precsrf_issue(r, token, sizeof(token));
	add_prop(root, "csrf", token);
	add_prop(root, "number", t->number);
	add_prop(root, "action", r->path);
	if (error != NULL)
		add_prop(root, "error", error);
	if (score != NULL)
		add_prop(root, "score", score);
	if (comment != NULL)
		xmlNewTextChild(root, NULL, BAD_CAST "comment", BAD_CAST comment);
	public_send(r, status, doc);
}

/* GET /survey/{token}: the score (1-5) and a comment; no sign-in: the link is the key. */
void
h_survey(struct bk_req *r)
{
	unsigned char hash[32];
	const struct bk_process *p = NULL;
	struct bk_token t;

	if (survey_token(r, hash, &t, &p))
		survey_form(r, 200, p, &t, NULL, NULL, NULL);
}

/* One try at storing the answer and moving the request past its survey step. */
static enum bk_err
answer(const unsigned char hash[32], long score, const char *comment, struct bk_token *t)
{
	const struct bk_process *p;
	struct bk_request rq;
	struct bk_q q;
	enum bk_err e;

	memset(&rq, 0, sizeof(rq));
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	if ((e = bk_token_find(hash, true, t)) != BK_OK)
		goto fail;
	if (t->used || t->expired || strcmp(t->purpose, "survey") != 0 ||
	    (p = bk_catalogue_find(t->process)) == NULL) {
		e = BK_EINVAL;
		goto fail;
	}
	if ((e = bk_request_load(t->number, true, &rq)) != BK_OK)
		goto fail;
	if ((e = bk_engine_rate(p, &rq, score, comment)) != BK_OK)
		goto fail;
	bk_q_init(&q, STMT_REQUEST_SURVEY_COMMENT);
	bk_q_str(&q, comment != NULL ? comment : "");
	bk_q_int(&q, rq.id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	if ((e = bk_token_use(t->id)) != BK_OK)
		goto fail;
	e = bk_db_commit();
	bk_request_free(&rq);
	return e;
fail:
	bk_db_rollback();
	bk_request_free(&rq);
	return e;
}

/*
 * POST /survey/{token} (score, comment; pre-sign-in CSRF): stores the answer on the
 * request and moves it past its survey step, once. 422 for a score outside 1-5 or a
 * comment over 1,000 characters.
 */
void
h_survey_post(struct bk_req *r)
{
	const char *score = bk_req_form(r, "score"), *comment = bk_req_form(r, "comment");
	unsigned char hash[32];
	const struct bk_process *p = NULL;
	struct bk_token t;
	enum bk_err e = BK_ERETRY;
	long n;

	if (!survey_token(r, hash, &t, &p))
		return;
	if (score == NULL || bk_parse_long(score, 1, 5, &n) != BK_OK) {
		survey_form(r, 422, p, &t, "survey.err-score", score, comment);
		return;
	}
	if (comment != NULL && utf8_chars(comment) > COMMENT_MAX) {
		survey_form(r, 422, p, &t, "survey.err-comment", score, comment);
		return;
	}
	for (int i = 0; i < MAX_TRIES && e == BK_ERETRY; i++)
		e = answer(hash, n, comment, &t);
	if (e == BK_EINVAL) {
		public_page(r, 200, "survey-closed", p, t.number);	/* answered meanwhile */
		return;
	}
	if (e != BK_OK) {
		bk_log(BK_LOG_ERR, "req %s: survey answer not kept: %s", r->id, bk_strerror(e));
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: survey of %s answered", r->id, t.number);
	public_page(r, 200, "survey-done", p, t.number);
}
