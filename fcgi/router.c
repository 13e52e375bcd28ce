/*
 * router.c: the table of routes, and the dispatch from method and path to a handler.
 * A pattern is literal text with at most one {code} segment of [a-z0-9-], 1-63 bytes,
 * and at most one {id} segment of digits.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "borikan.h"

static const char *const keys_lang[] = { "lang", NULL };
static const char *const keys_none[] = { NULL };
static const char *const keys_next[] = { "lang", "next", NULL };
static const char *const keys_account[] = { "lang", "done", NULL };
static const char *const keys_request[] = { "lang", "code", NULL };
static const char *const keys_page[] = { "lang", "page", NULL };
static const char *const keys_log[] = { "lang", "year", "process", "status", "page", NULL };
static const char *const keys_jobs[] = { "lang", "done", NULL };
static const char *const keys_holidays[] = { "lang", "year", "done", NULL };
static const char *const keys_units[] = { "lang", "done", "edit", NULL };
static const char *const keys_people[] = { "lang", "q", "page", "done", NULL };
static const char *const keys_lms[] = { "lang", "done", NULL };

#define S BK_F_SESSION
#define L (BK_F_SESSION | BK_F_LOGIN)
#define LC (BK_F_SESSION | BK_F_LOGIN | BK_F_CSRF)

const struct bk_route bk_routes[] = {
	{ "home",	BK_GET,  "/",			keys_lang, h_home, 0, NULL },
	{ "catalogue",	BK_GET,  "/processes",		keys_lang, h_catalogue, 0, NULL },
	{ "definition",	BK_GET,  "/processes/{code}.xml", keys_none, h_definition, 0, NULL },
	{ "manual",	BK_GET,  "/processes/{code}",	keys_lang, h_manual, 0, NULL },
	{ "healthz",	BK_GET,  "/healthz",		keys_none, h_healthz, 0, NULL },
	{ "metrics",	BK_GET,  "/metrics",		keys_none, h_metrics, 0, NULL },
	{ "login-form",	BK_GET,  "/login",		keys_next, h_login_form, S, NULL },
	{ "login",	BK_POST, "/login",		keys_none, h_login, S | BK_F_PRECSRF, NULL },
	{ "logout",	BK_POST, "/logout",		keys_none, h_logout, LC, NULL },
	{ "account",	BK_GET,  "/account",		keys_account, h_account, L, NULL },
	{ "password",	BK_POST, "/account/password",	keys_none, h_password, LC, NULL },
	/* Open to visitors for a public process (h_request.c sends the others to sign in). */
	{ "request-form", BK_GET, "/processes/{code}/request", keys_lang, h_request_form, S, NULL },
	{ "request-submit", BK_POST, "/processes/{code}/request", keys_none, h_request_submit,
	    S | BK_F_ANYCSRF, NULL },
	{ "request",	BK_GET,  "/requests/{code}",	keys_request, h_request_view, L, NULL },
	{ "request-act", BK_POST, "/requests/{code}",	keys_none, h_request_act, LC, NULL },
	{ "queue",	BK_GET,  "/queue",		keys_page, h_queue, L, NULL },
	/* Staff of several roles: h_log.c checks them. */
	{ "log",	BK_GET,  "/log",		keys_log, h_log, L, NULL },
	{ "log-csv",	BK_GET,  "/log.csv",		keys_log, h_log_csv, L, NULL },
	{ "jobs",	BK_GET,  "/admin/jobs",		keys_jobs, h_jobs, L, "administrator" },
	{ "job-retry",	BK_POST, "/admin/jobs",		keys_none, h_job_retry, LC, "administrator" },
	{ "holidays",	BK_GET,  "/admin/holidays",	keys_holidays, h_holidays, L, "administrator" },
	{ "holidays-post", BK_POST, "/admin/holidays",	keys_none, h_holidays_post, LC, "administrator" },
	{ "admin",	BK_GET,  "/admin",		keys_lang, h_admin_index, L, "administrator" },
	{ "admin-units", BK_GET, "/admin/units",	keys_units, h_admin_units, L, "administrator" },
	{ "admin-units-post", BK_POST, "/admin/units",	keys_none, h_admin_units_post, LC, "administrator" },
	{ "admin-people", BK_GET, "/admin/people",	keys_people, h_admin_people, L, "administrator" },
	{ "admin-people-post", BK_POST, "/admin/people", keys_none, h_admin_people_post, LC,
	    "administrator" },
	{ "admin-lms",	BK_GET,  "/admin/lms",		keys_lms, h_lms, L, "administrator" },
	{ "admin-lms-post", BK_POST, "/admin/lms",	keys_none, h_lms_post, LC, "administrator" },
	{ "admin-lms-test", BK_POST, "/admin/lms/test",	keys_none, h_lms_test, LC, "administrator" },
	{ "attachment-upload", BK_POST, "/requests/{code}/attachments", keys_none,
	    h_attachment_upload, LC | BK_F_MULTIPART, NULL },
	{ "attachment",	BK_GET,  "/requests/{code}/attachments/{id}", keys_none,
	    h_attachment_get, L, NULL },
	/* Public links: the token in the path is the key (h_public.c). */
	{ "confirm",	BK_GET,  "/confirm/{code}",	keys_lang, h_confirm, 0, NULL },
	{ "track-form",	BK_GET,  "/track",		keys_lang, h_track, 0, NULL },
	{ "track",	BK_POST, "/track",		keys_none, h_track, BK_F_PRECSRF, NULL },
	{ "survey-form", BK_GET, "/survey/{code}",	keys_lang, h_survey, 0, NULL },
	{ "survey",	BK_POST, "/survey/{code}",	keys_none, h_survey_post, BK_F_PRECSRF, NULL },
};
const size_t bk_nroutes = sizeof(bk_routes) / sizeof(bk_routes[0]);

static bool
code_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/*
 * Does path match pattern? Literal text must be equal; {code} takes [a-z0-9-]{1,capsz-1}
 * into capture, {id} takes 1-18 digits without a leading zero into id (a pattern with {id}
 * never matches when id is NULL). Both are greedy: neither may be followed in a pattern
 * by a character it takes.
 */
static bool
match_ids(const char *pattern, const char *path, char *capture, size_t capsz, char *id,
    size_t idsz)
{
	while (*pattern != '\0') {
		size_t n = 0;

		if (strncmp(pattern, "{code}", 6) == 0) {
			while (code_char(path[n]))
				n++;
			if (n == 0 || n >= capsz)
				return false;
			memcpy(capture, path, n);
			capture[n] = '\0';
			pattern += 6;
		} else if (strncmp(pattern, "{id}", 4) == 0) {
			while (path[n] >= '0' && path[n] <= '9')
				n++;
			if (id == NULL || n == 0 || n > 18 || n >= idsz || path[0] == '0')
				return false;
			memcpy(id, path, n);
			id[n] = '\0';
			pattern += 4;
		} else {
			if (*pattern != *path)
				return false;
			pattern++;
			n = 1;
		}
		path += n;
	}
	return *path == '\0';
}

/* Does path match pattern (with at most a {code})? The {code} is copied into capture. */
static inline bool
match(const char *pattern, const char *path, char *capture, size_t capsz)
{
	return match_ids(pattern, path, capture, capsz, NULL, 0);
}

static bool
accepts(const struct bk_route *rt, const char *key)
{
	for (const char *const *k = rt->keys; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/* The checks a route's flags ask for, in order; false when the request was answered. */
static bool
guard(struct bk_req *r, const struct bk_route *rt, unsigned method)
{
	int st;

	if (method == BK_POST && !(rt->flags & BK_F_MULTIPART) &&
	    (st = bk_req_read_form(r)) != 0) {
		bk_req_error(r, st);
		return false;
	}
	if ((rt->flags & BK_F_SESSION) && bk_session_load(r) != BK_OK) {
		bk_req_error(r, 503);
		return false;
	}
	if ((rt->flags & BK_F_LOGIN) && !r->sess.valid) {
		char next[600];
		if (method == BK_POST) {
			bk_req_error(r, 403);
			return false;
		}
		snprintf(next, sizeof(next), "/login?next=%s", r->path);
		bk_req_redirect(r, next);
		return false;
	}
	/* An upload is read only for a signed-in person: nobody else gets a temporary file. */
	if (method == BK_POST && (rt->flags & BK_F_MULTIPART) &&
	    (st = bk_req_read_multipart(r, bk_attach_tmpdir())) != 0) {
		bk_req_error(r, st);
		return false;
	}
	if (method == BK_POST && (rt->flags & BK_F_CSRF) && !bk_csrf_ok(r)) {
		bk_log(BK_LOG_WARN, "req %s: CSRF token missing or wrong", r->id);
		bk_req_error(r, 403);
		return false;
	}
	/* Open to visitors and to signed-in people alike: each proves it with its own token. */
	if (method == BK_POST && (rt->flags & BK_F_ANYCSRF) &&
	    !(r->sess.valid ? bk_csrf_ok(r) : bk_precsrf_ok(r))) {
		bk_log(BK_LOG_WARN, "req %s: CSRF token missing or wrong (%s)", r->id,
		    r->sess.valid ? "session" : "before sign-in");
		bk_req_error(r, 403);
		return false;
	}
	if (method == BK_POST && (rt->flags & BK_F_PRECSRF) && !bk_precsrf_ok(r)) {
		bk_log(BK_LOG_WARN, "req %s: CSRF token missing or wrong (before sign-in)", r->id);
		bk_req_error(r, 403);
		return false;
	}
	if (rt->role != NULL && !bk_session_has_role(r, rt->role) &&
	    !bk_session_has_role(r, "administrator")) {
		bk_req_error(r, 403);
		return false;
	}
	return true;
}

/*
 * Finds the route and runs its handler, or answers 400, 404 or 405 itself. A query key
 * the route does not accept was parsed but is never read: it is dropped.
 */
void
bk_route(struct bk_req *r)
{
	unsigned method, allowed = 0;

	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
		method = BK_GET;
	else if (strcmp(r->method, "POST") == 0)
		method = BK_POST;
	else
		method = 0;

	for (size_t i = 0; i < bk_nroutes; i++) {
		const struct bk_route *rt = &bk_routes[i];

		if (!match_ids(rt->pattern, r->path, r->capture, sizeof(r->capture),
		    r->capture_id, sizeof(r->capture_id)))
			continue;
		if ((rt->methods & method) == 0) {
			allowed |= rt->methods;
			continue;
		}
		r->route = (int)i;
		if (r->lang_bad && accepts(rt, "lang"))
			r->status = 400;
		if (r->status == 400) {
			bk_req_error(r, 400);
			return;
		}
		if (guard(r, rt, method))
			rt->fn(r);
		return;
	}
	if (allowed != 0) {
		bk_req_header(r, "Allow: %s%s%s", allowed & BK_GET ? "GET, HEAD" : "",
		    (allowed & BK_GET) && (allowed & BK_POST) ? ", " : "",
		    allowed & BK_POST ? "POST" : "");
		r->route_methods = allowed;
		bk_req_error(r, 405);
		return;
	}
	bk_req_error(r, r->status == 400 ? 400 : 404);
}
