/*
 * h_account.c: sign in, sign out, one's own account and its password.
 *
 * A failed sign-in says the same thing, and takes about the same time, whether the
 * account exists or not. Failures are counted per account and per address; past the
 * limit the form answers 429 until the window has passed.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "borikan.h"

#define THROTTLE_WINDOW 900		/* seconds */
#define THROTTLE_ACCOUNT 5		/* failures per window */
#define THROTTLE_ADDRESS 20
#define PASSWORD_MIN 10
#define PASSWORD_MAX 128

/* A path of this site to return to after sign-in: no scheme, no host, no tricks. */
static bool
local_path_ok(const char *p)
{
	size_t n;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	n = strlen(p);
	if (n > 200)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == '\\' || p[i] == 0x7f)
			return false;
	return strncmp(p, "/login", 6) != 0 && strncmp(p, "/logout", 7) != 0;
}

/* A new page document with root element name; NULL when out of memory. */
xmlDocPtr
bk_page_new(const char *name, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc == NULL)
		return NULL;
	if ((*root = xmlNewDocNode(doc, NULL, BAD_CAST name, NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, *root);
	return doc;
}

/* The signed-in person, for the page header and its sign-out form. */
void
bk_page_session(struct bk_req *r, xmlNodePtr root)
{
	xmlNodePtr s;

	if (!r->sess.valid)
		return;
	s = xmlNewTextChild(root, NULL, BAD_CAST "session", NULL);
	xmlNewProp(s, BAD_CAST "username", BAD_CAST r->sess.username);
	xmlNewProp(s, BAD_CAST "name-th", BAD_CAST r->sess.name_th);
	xmlNewProp(s, BAD_CAST "name-en", BAD_CAST r->sess.name_en);
	xmlNewProp(s, BAD_CAST "csrf", BAD_CAST r->sess.csrf);
	/* The menu offers the service log to staff and the admin pages to administrators;
	 * the routes check again on the server. */
	for (const char *role = "ict-officer ict-head director records-office administrator";
	    *role != '\0'; role += strcspn(role, " "), role += strspn(role, " ")) {
		char one[24];
		size_t n = strcspn(role, " ");
		if (n >= sizeof(one))
			continue;
		memcpy(one, role, n);
		one[n] = '\0';
		if (bk_session_has_role(r, one)) {
			xmlNewProp(s, BAD_CAST "staff", BAD_CAST "yes");
			break;
		}
	}
	if (bk_session_has_role(r, "administrator"))
		xmlNewProp(s, BAD_CAST "admin", BAD_CAST "yes");
}

static void
login_page(struct bk_req *r, int status, const char *error, const char *username,
    const char *next, long wait_minutes)
{
	char token[65], minutes[24];
	xmlNodePtr root;
	xmlDocPtr doc = bk_page_new("login", &root);

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_precsrf_issue(r, token, sizeof(token));
	xmlNewProp(root, BAD_CAST "csrf", BAD_CAST token);
	if (local_path_ok(next))
		xmlNewProp(root, BAD_CAST "next", BAD_CAST next);
	if (username != NULL)
		xmlNewProp(root, BAD_CAST "username", BAD_CAST username);
	if (error != NULL)
		xmlNewProp(root, BAD_CAST "error", BAD_CAST error);
	if (wait_minutes > 0) {
		snprintf(minutes, sizeof(minutes), "%ld", wait_minutes);
		xmlNewProp(root, BAD_CAST "wait", BAD_CAST minutes);
		bk_req_header(r, "Retry-After: %ld", wait_minutes * 60);
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_LOGIN, doc);
	xmlFreeDoc(doc);
}

void
h_login_form(struct bk_req *r)
{
	const char *next = bk_req_param(r, "next");

	if (r->sess.valid) {
		bk_req_redirect(r, local_path_ok(next) ? next : "/account");
		return;
	}
	login_page(r, 200, NULL, NULL, next, 0);
}

/* Seconds until subject may try again, 0 if it may now, -1 if the database failed. */
static long
throttled(const char *kind, const char *subject, long limit)
{
	struct bk_q q;
	long long failures = 0, left = 0;
	int row;

	bk_q_init(&q, STMT_THROTTLE_GET);
	bk_q_int(&q, THROTTLE_WINDOW);
	bk_q_str(&q, kind);
	bk_q_str(&q, subject);
	bk_q_int(&q, THROTTLE_WINDOW);
	bk_q_exec(&q);
	bk_q_out_int(&q, &failures);
	bk_q_out_int(&q, &left);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return -1;
	return row == 1 && failures >= limit ? (long)(left > 0 ? left : 1) : 0;
}

static void
throttle_note(const char *kind, const char *subject, bool failed)
{
	struct bk_q q;

	bk_q_init(&q, failed ? STMT_THROTTLE_FAIL : STMT_THROTTLE_CLEAR);
	bk_q_str(&q, kind);
	bk_q_str(&q, subject);
	if (failed)
		bk_q_int(&q, THROTTLE_WINDOW);
	bk_q_exec(&q);
	bk_q_done(&q);
}

/* A hash to verify against when the account does not exist: the same work either way. */
static const char *
dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];

	if (hash[0] == '\0' && crypto_pwhash_str(hash, "not a password", 14,
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		hash[0] = '\0';
	return hash;
}

static enum bk_err
set_password(long long person_id, const char *password)
{
	char hash[crypto_pwhash_STRBYTES];
	struct bk_q q;
	enum bk_err e;

	if (crypto_pwhash_str(hash, password, strlen(password),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return BK_ENOMEM;
	bk_q_init(&q, STMT_PERSON_SET_PASSWORD);
	bk_q_str(&q, hash);
	bk_q_int(&q, person_id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

void
h_login(struct bk_req *r)
{
	const char *user = bk_req_form(r, "username"), *pass = bk_req_form(r, "password");
	const char *next = bk_req_form(r, "next");
	char hash[crypto_pwhash_STRBYTES] = "", account[80];
	long long id = 0, active = 0;
	long wait_a, wait_b;
	struct bk_q q;
	bool ok;
	int row;

	if (user == NULL || pass == NULL || user[0] == '\0' || pass[0] == '\0' ||
	    strlen(user) > 64 || strlen(pass) > 1024) {
		login_page(r, 422, "login.missing", user != NULL && strlen(user) <= 64 ? user : NULL,
		    next, 0);
		return;
	}
	snprintf(account, sizeof(account), "%s", user);
	for (char *p = account; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	wait_a = throttled("account", account, THROTTLE_ACCOUNT);
	wait_b = throttled("address", r->remote_addr, THROTTLE_ADDRESS);
	if (wait_a < 0 || wait_b < 0) {
		bk_req_error(r, 503);
		return;
	}
	if (wait_a > 0 || wait_b > 0) {
		long wait = wait_a > wait_b ? wait_a : wait_b;
		bk_log(BK_LOG_WARN, "req %s: sign-in throttled for an account from %s", r->id,
		    r->remote_addr);
		login_page(r, 429, "login.throttled", user, next, (wait + 59) / 60);
		return;
	}

	bk_q_init(&q, STMT_PERSON_LOGIN);
	bk_q_str(&q, user);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, hash, sizeof(hash));
	bk_q_out_int(&q, &active);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0 && q.err != BK_ETOOBIG) {
		bk_req_error(r, 503);
		return;
	}
	if (row == 1 && hash[0] != '\0')
		ok = crypto_pwhash_str_verify(hash, pass, strlen(pass)) == 0 && active == 1;
	else {
		/* Unknown account: do the same work, then refuse whatever it says. */
		if (crypto_pwhash_str_verify(dummy_hash(), pass, strlen(pass)) == 0)
			bk_log(BK_LOG_DEBUG, "req %s: the dummy password matched", r->id);
		ok = false;
	}
	if (!ok) {
		throttle_note("account", account, true);
		throttle_note("address", r->remote_addr, true);
		bk_log(BK_LOG_WARN, "req %s: sign-in failed from %s", r->id, r->remote_addr);
		login_page(r, 401, "login.failed", user, next, 0);
		return;
	}
	throttle_note("account", account, false);
	if (crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		(void)set_password(id, pass);
	if (bk_session_create(r, id) != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: person %lld signed in from %s", r->id, id, r->remote_addr);
	bk_req_redirect(r, local_path_ok(next) ? next : "/account");
}

void
h_logout(struct bk_req *r)
{
	bk_session_destroy(r);
	bk_req_redirect(r, "/");
}

static void
account_page(struct bk_req *r, int status, const char *field, const char *error)
{
	xmlNodePtr root, p;
	xmlDocPtr doc = bk_page_new("account", &root);
	const char *done = bk_req_param(r, "done");
	char roles[sizeof(r->sess.roles)], *save = NULL;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	if (done != NULL && strcmp(done, "password") == 0 && error == NULL)
		xmlNewProp(root, BAD_CAST "done", BAD_CAST "password");
	p = xmlNewTextChild(root, NULL, BAD_CAST "person", NULL);
	xmlNewProp(p, BAD_CAST "username", BAD_CAST r->sess.username);
	xmlNewProp(p, BAD_CAST "name-th", BAD_CAST r->sess.name_th);
	xmlNewProp(p, BAD_CAST "name-en", BAD_CAST r->sess.name_en);
	xmlNewProp(p, BAD_CAST "unit", BAD_CAST r->sess.unit);
	bk_strlcpy(roles, r->sess.roles, sizeof(roles));
	for (char *tok = strtok_r(roles, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
		char *at = strchr(tok, '@');
		xmlNodePtr role;
		if (at == NULL)
			continue;
		*at = '\0';
		role = xmlNewTextChild(root, NULL, BAD_CAST "role", NULL);
		xmlNewProp(role, BAD_CAST "name", BAD_CAST tok);
		xmlNewProp(role, BAD_CAST "unit", BAD_CAST (at + 1));
	}
	if (error != NULL) {
		xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
		xmlNewProp(e, BAD_CAST "field", BAD_CAST field);
		xmlNewProp(e, BAD_CAST "key", BAD_CAST error);
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_ACCOUNT, doc);
	xmlFreeDoc(doc);
}

void
h_account(struct bk_req *r)
{
	account_page(r, 200, NULL, NULL);
}

void
h_password(struct bk_req *r)
{
	const char *cur = bk_req_form(r, "current"), *new = bk_req_form(r, "new");
	const char *confirm = bk_req_form(r, "confirm");
	char hash[crypto_pwhash_STRBYTES] = "";
	long long id = 0, active = 0;
	struct bk_q q;
	size_t n;
	int row;

	if (cur == NULL || new == NULL || confirm == NULL) {
		account_page(r, 422, "current", "password.missing");
		return;
	}
	bk_q_init(&q, STMT_PERSON_LOGIN);
	bk_q_str(&q, r->sess.username);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, hash, sizeof(hash));
	bk_q_out_int(&q, &active);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row != 1) {
		bk_req_error(r, 503);
		return;
	}
	if (hash[0] == '\0' || crypto_pwhash_str_verify(hash, cur, strlen(cur)) != 0) {
		account_page(r, 422, "current", "password.current-wrong");
		return;
	}
	n = strlen(new);
	if (n < PASSWORD_MIN || n > PASSWORD_MAX) {
		account_page(r, 422, "new", "password.length");
		return;
	}
	if (strcmp(new, r->sess.username) == 0 || strcmp(new, cur) == 0) {
		account_page(r, 422, "new", "password.weak");
		return;
	}
	if (strcmp(new, confirm) != 0) {
		account_page(r, 422, "confirm", "password.mismatch");
		return;
	}
	if (set_password(id, new) != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	/* Everyone else signed in as this person is signed out; this browser gets a new id. */
	bk_q_init(&q, STMT_SESSION_DELETE_OTHERS);
	bk_q_int(&q, id);
	bk_q_bin(&q, r->sess.id_hash, sizeof(r->sess.id_hash));
	bk_q_exec(&q);
	bk_q_done(&q);
	if (bk_session_create(r, id) != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: person %lld changed their password", r->id, id);
	bk_req_redirect(r, "/account?done=password");
}
