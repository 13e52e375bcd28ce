/*
 * h_lms.c: the connection settings of the LMS sites, for administrators.
 *
 * GET /admin/lms lists the sites, each with its form and the result of its last test;
 * POST /admin/lms (action=save) adds or changes one; POST /admin/lms/test (id) tests
 * one: Moodle's core_webservice_get_site_info (the site, its release, the functions the
 * provisioning needs that the token's service lacks) and the roster's terms, each call
 * bounded by a few seconds: an administrator's explicit action, not provisioning (which
 * runs in the job runners). Secrets never come back in a page: the form says whether one
 * is set, and an empty field keeps it. Nothing of a secret is logged.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "borikan.h"
#include "lms.h"

#define NAME_MAX_CHARS 100
#define CLIENT_MAX_CHARS 200
#define TOKEN_MIN 16
#define TOKEN_MAX 128
#define SECRET_MAX 256
#define TEST_CALL_MS 4000L	/* each call of a test: the page answers within seconds */
#define RESULT_MAX 8192

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

struct errs {
	size_t	 n;
	struct { const char *field, *key; } e[12];
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

/* <test at><moodle|roster ok .../></test> from a stored result. */
static void
add_test(xmlNodePtr site, const char *at, const char *result)
{
	json_t *j, *m, *ro, *miss, *v;
	xmlNodePtr t, n;
	const char *k;
	size_t i;

	if (at[0] == '\0' || result[0] == '\0' || (j = json_loads(result, 0, NULL)) == NULL)
		return;
	t = xmlNewTextChild(site, NULL, BAD_CAST "test", NULL);
	prop(t, "at", at);
	m = json_object_get(j, "moodle");
	ro = json_object_get(j, "roster");
	for (int side = 0; side < 2; side++) {
		json_t *o = side == 0 ? m : ro;
		if (!json_is_object(o))
			continue;
		n = xmlNewTextChild(t, NULL, BAD_CAST (side == 0 ? "moodle" : "roster"), NULL);
		prop(n, "ok", json_is_true(json_object_get(o, "ok")) ? "yes" : "no");
		json_object_foreach(o, k, v) {
			char num[24];
			if (json_is_string(v))
				prop(n, k, json_string_value(v));
			else if (json_is_integer(v)) {
				snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
				prop(n, k, num);
			}
		}
		miss = json_object_get(o, "missing");
		json_array_foreach(miss, i, v)
			if (json_is_string(v))
				prop(xmlNewTextChild(n, NULL, BAD_CAST "missing", NULL), "name",
				    json_string_value(v));
	}
	json_decref(j);
}

/* <site .../>* of every site, without secrets. */
static enum bk_err
add_sites(xmlNodePtr root)
{
	char name[401], murl[501], rbase[501], rtok[501], client[801], scope[501], at[20];
	char *result = NULL;
	long long id = 0, tset = 0, sset = 0;
	struct bk_q q;
	enum bk_err e;

	if ((result = malloc(RESULT_MAX + 1)) == NULL)
		return BK_ENOMEM;
	bk_q_init(&q, STMT_LMS_SITES);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, name, sizeof(name));
	bk_q_out_str(&q, murl, sizeof(murl));
	bk_q_out_str(&q, rbase, sizeof(rbase));
	bk_q_out_str(&q, rtok, sizeof(rtok));
	bk_q_out_str(&q, client, sizeof(client));
	bk_q_out_str(&q, scope, sizeof(scope));
	bk_q_out_int(&q, &tset);
	bk_q_out_int(&q, &sset);
	bk_q_out_str(&q, at, sizeof(at));
	bk_q_out_str(&q, result, RESULT_MAX + 1);
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr s = xmlNewTextChild(root, NULL, BAD_CAST "site", NULL);
		char ids[24];

		snprintf(ids, sizeof(ids), "%lld", id);
		prop(s, "id", ids);
		prop(s, "name", name);
		prop(s, "moodle-url", murl);
		prop(s, "roster-base-url", rbase);
		prop(s, "roster-token-url", rtok);
		prop(s, "roster-client-id", client);
		prop(s, "roster-scope", scope);
		prop(s, "token-set", tset ? "yes" : "no");
		prop(s, "secret-set", sset ? "yes" : "no");
		add_test(s, at, result);
	}
	bk_q_done(&q);
	e = q.err;
	free(result);
	return e;
}

static const char *const form_fields[] = { "id", "name", "moodle_url", "roster_base_url",
	"roster_token_url", "roster_client_id", "roster_scope", NULL };

static void
page(struct bk_req *r, int status, const struct errs *es)
{
	const char *done = bk_req_param(r, "done");
	xmlNodePtr root, f;
	xmlDocPtr doc = bk_page_new("lms", &root);

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	prop(root, "default-scope", BK_LMS_DEFAULT_SCOPE);
	if (bk_http_loopback_allowed())
		prop(root, "http-loopback", "yes");
	if (done != NULL && (strcmp(done, "saved") == 0 || strcmp(done, "added") == 0 ||
	    strcmp(done, "tested") == 0))
		prop(root, "done", done);
	if (add_sites(root) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	if (es != NULL) {
		/* What was typed, to be corrected: never the secrets. */
		f = xmlNewTextChild(root, NULL, BAD_CAST "form", NULL);
		for (size_t i = 0; form_fields[i] != NULL; i++) {
			const char *v = bk_req_form(r, form_fields[i]);
			char attr[32];
			size_t k;

			bk_strlcpy(attr, form_fields[i], sizeof(attr));
			for (k = 0; attr[k] != '\0'; k++)
				if (attr[k] == '_')
					attr[k] = '-';
			prop(f, attr, v != NULL ? v : "");
		}
		for (size_t i = 0; i < es->n; i++) {
			xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
			prop(e, "field", es->e[i].field);
			prop(e, "key", es->e[i].key);
		}
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_LMS, doc);
	xmlFreeDoc(doc);
}

void
h_lms(struct bk_req *r)
{
	page(r, 200, NULL);
}

static bool
blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

static bool
has_control(const char *v)
{
	for (; *v != '\0'; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return true;
	return false;
}

/* Printable ASCII without spaces, min to max bytes. */
static bool
ascii_word(const char *v, size_t min, size_t max)
{
	size_t n = strlen(v);

	if (n < min || n > max)
		return false;
	for (; *v != '\0'; v++)
		if ((unsigned char)*v <= 0x20 || (unsigned char)*v >= 0x7f)
			return false;
	return true;
}

static void
check_url(struct errs *es, const char *field, const char *v)
{
	struct Curl_URL *u = NULL;

	if (blank(v)) {
		err(es, field, "lms.e.url-required");
		return;
	}
	if (strlen(v) > BK_LMS_URL_MAX) {
		err(es, field, "lms.e.url-long");
		return;
	}
	if (bk_url_base(v, bk_http_loopback_allowed(), &u) != BK_HTTP_OK) {
		err(es, field, strncmp(v, "https://", 8) != 0 ? "lms.e.url-https" : "lms.e.url-bad");
		return;
	}
	bk_url_free(u);
}

static void
save(struct bk_req *r)
{
	const char *ids = bk_req_form(r, "id"), *name = bk_req_form(r, "name");
	const char *murl = bk_req_form(r, "moodle_url"), *tok = bk_req_form(r, "moodle_token");
	const char *rbase = bk_req_form(r, "roster_base_url");
	const char *rtok = bk_req_form(r, "roster_token_url");
	const char *client = bk_req_form(r, "roster_client_id");
	const char *secret = bk_req_form(r, "roster_secret");
	const char *scope = bk_req_form(r, "roster_scope");
	char tok_sealed[BK_SECRET_SEALED_MAX + 1], sec_sealed[BK_SECRET_SEALED_MAX + 1];
	bool new_tok = !blank(tok), new_sec = secret != NULL && secret[0] != '\0';
	struct errs es = { 0 };
	long id = 0;
	struct bk_q q;
	enum bk_err e;
	unsigned long long n;

	if (ids != NULL && ids[0] != '\0' && bk_parse_long(ids, 1, 2147483647L, &id) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	if (blank(name))
		err(&es, "name", "lms.e.name-required");
	else if (bk_utf8_chars(name) > NAME_MAX_CHARS || has_control(name))
		err(&es, "name", "lms.e.name-long");
	check_url(&es, "moodle_url", murl);
	if (new_tok && !ascii_word(tok, TOKEN_MIN, TOKEN_MAX))
		err(&es, "moodle_token", "lms.e.token-bad");
	else if (!new_tok && id == 0)
		err(&es, "moodle_token", "lms.e.token-required");
	check_url(&es, "roster_base_url", rbase);
	check_url(&es, "roster_token_url", rtok);
	if (blank(client))
		err(&es, "roster_client_id", "lms.e.client-required");
	else if (bk_utf8_chars(client) > CLIENT_MAX_CHARS || has_control(client))
		err(&es, "roster_client_id", "lms.e.client-long");
	if (new_sec && (strlen(secret) > SECRET_MAX || has_control(secret)))
		err(&es, "roster_secret", "lms.e.secret-bad");
	else if (!new_sec && id == 0)
		err(&es, "roster_secret", "lms.e.secret-required");
	if (scope == NULL || blank(scope))
		scope = BK_LMS_DEFAULT_SCOPE;
	else if (strlen(scope) > BK_LMS_URL_MAX || has_control(scope))
		err(&es, "roster_scope", "lms.e.scope-bad");
	if (es.n > 0) {
		page(r, 422, &es);
		return;
	}
	if ((new_tok && bk_secret_seal(tok, tok_sealed, sizeof(tok_sealed)) != BK_OK) ||
	    (new_sec && bk_secret_seal(secret, sec_sealed, sizeof(sec_sealed)) != BK_OK)) {
		bk_log(BK_LOG_ERR, "req %s: cannot seal an LMS secret (no secret key?)", r->id);
		bk_req_error(r, 500);
		return;
	}
	bk_q_init(&q, id == 0 ? STMT_LMS_SITE_INSERT : STMT_LMS_SITE_UPDATE);
	bk_q_str(&q, name);
	bk_q_str(&q, murl);
	bk_q_str(&q, new_tok ? tok_sealed : NULL);
	bk_q_str(&q, rbase);
	bk_q_str(&q, rtok);
	bk_q_str(&q, client);
	bk_q_str(&q, new_sec ? sec_sealed : NULL);
	bk_q_str(&q, scope);
	if (id != 0)
		bk_q_int(&q, id);
	e = bk_q_exec(&q);
	n = bk_q_affected(&q);
	if (id == 0 && e == BK_OK)
		id = (long)bk_q_insert_id(&q);
	bk_q_done(&q);
	if (e == BK_EINVAL) {	/* the name is another site's */
		err(&es, "name", "lms.e.name-taken");
		page(r, 422, &es);
		return;
	}
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	if (n == 0 && ids != NULL && ids[0] != '\0') {
		/* Either no such site, or nothing changed: MariaDB counts changed rows. */
		struct bk_lms_site s;
		enum bk_err le = bk_lms_site_load(id, &s);
		bk_lms_site_wipe(&s);
		if (le == BK_ENOTFOUND) {
			bk_req_error(r, 404);
			return;
		}
	}
	bk_log(BK_LOG_INFO, "req %s: lms site %ld saved by person %lld (token %s, secret %s)",
	    r->id, id, r->sess.person_id, new_tok ? "replaced" : "kept",
	    new_sec ? "replaced" : "kept");
	bk_req_redirect(r, ids != NULL && ids[0] != '\0' ? "/admin/lms?done=saved" :
	    "/admin/lms?done=added");
}

void
h_lms_post(struct bk_req *r)
{
	const char *action = bk_req_form(r, "action");

	if (action != NULL && strcmp(action, "save") == 0)
		save(r);
	else
		bk_req_error(r, 400);
}

/* {"ok":false,"error":<key>,"detail":<text>} of a failed call. */
static json_t *
failure(const struct bk_http_result *res, bool moodle)
{
	const char *key = bk_http_errname(res->err);
	char detail[300] = "";

	if (res->err == BK_HTTP_REMOTE) {
		if (moodle && (strcmp(res->code, "invalidtoken") == 0 ||
		    strcmp(res->code, "accessexception") == 0 ||
		    strcmp(res->code, "sitemaintenance") == 0))
			key = res->code;
		bk_strlcpy(detail, res->code, sizeof(detail));
	} else if (res->err == BK_HTTP_REDIRECT)
		bk_strlcpy(detail, res->host[0] != '\0' ? res->host : "?", sizeof(detail));
	else if (res->err == BK_HTTP_STATUS_4XX || res->err == BK_HTTP_STATUS_5XX) {
		snprintf(detail, sizeof(detail), "%ld%s%s", res->status,
		    res->code[0] != '\0' ? " " : "", res->code);
		if (!moodle && res->auth && res->err == BK_HTTP_STATUS_4XX)
			key = "roster-client";
		else if (!moodle && res->status == 401)
			key = "roster-401";
	}
	return json_pack("{s:b, s:s, s:s}", "ok", 0, "error", key, "detail", detail);
}

static json_t *
test_moodle(const struct bk_lms_site *s, struct bk_http_result *res)
{
	struct bk_moodle_info info;
	json_t *o, *miss;

	if (bk_moodle_site_info(s, TEST_CALL_MS, &info, res) != BK_HTTP_OK)
		return failure(res, true);
	if ((miss = json_array()) == NULL)
		return NULL;
	for (int i = 0; i < info.nmissing; i++)
		json_array_append_new(miss, json_string(info.missing[i]));
	o = json_pack("{s:b, s:s, s:s, s:s, s:o}", "ok", 1, "sitename", info.sitename,
	    "release", info.release, "username", info.username, "missing", miss);
	return o;
}

static json_t *
test_roster(const struct bk_lms_site *s, struct bk_http_result *res)
{
	long terms = 0;

	/* A fresh token: the test is also of the client id and secret. */
	bk_roster_forget_token();
	if (bk_roster_terms(s, TEST_CALL_MS, &terms, res) != BK_HTTP_OK)
		return failure(res, false);
	return json_pack("{s:b, s:I}", "ok", 1, "terms", (json_int_t)terms);
}

void
h_lms_test(struct bk_req *r)
{
	struct bk_http_result mres, rres;
	struct bk_lms_site s;
	json_t *result = NULL, *m, *ro;
	char *text = NULL;
	long id;
	struct bk_q q;
	enum bk_err e;

	if (bk_parse_long(bk_req_form(r, "id"), 1, 2147483647L, &id) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	if ((e = bk_lms_site_load(id, &s)) != BK_OK) {
		bk_lms_site_wipe(&s);
		if (e == BK_EINVAL)
			bk_log(BK_LOG_ERR, "req %s: lms site %ld: a secret does not open with this"
			    " server's key", r->id, id);
		bk_req_error(r, e == BK_ENOTFOUND ? 404 : e == BK_EINVAL ? 500 : 503);
		return;
	}
	m = test_moodle(&s, &mres);
	ro = test_roster(&s, &rres);
	bk_lms_site_wipe(&s);
	result = json_pack("{s:o*, s:o*}", "moodle", m, "roster", ro);
	if (result == NULL || (text = json_dumps(result, JSON_COMPACT)) == NULL ||
	    strlen(text) > RESULT_MAX) {
		json_decref(result);
		free(text);
		bk_req_error(r, 500);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: lms site %ld tested by person %lld: moodle %s%s%s,"
	    " roster %s%s%s", r->id, id, r->sess.person_id, bk_http_errname(mres.err),
	    mres.code[0] != '\0' ? " " : "", mres.code, bk_http_errname(rres.err),
	    rres.code[0] != '\0' ? " " : "", rres.code);
	json_decref(result);
	bk_q_init(&q, STMT_LMS_SITE_TESTED);
	bk_q_str(&q, text);
	bk_q_int(&q, id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	free(text);
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	bk_req_redirect(r, "/admin/lms?done=tested");
}
