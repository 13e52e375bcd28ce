/*
 * session.c: who is signed in, and the CSRF tokens of their forms.
 *
 * The cookie holds 256 random bits; the database holds only their SHA-256, so reading the
 * session table gets nobody in. A session ends after BK_SESSION_IDLE without a request or
 * BK_SESSION_MAX after sign-in, whichever comes first; signing in always makes a new id.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "borikan.h"

#define COOKIE "bk_session"
#define PRE_COOKIE "bk_pre"
#define TOKEN_BYTES 32
#define TOKEN_CHARS 43		/* base64url of 32 bytes, no padding */

/* The value of cookie name in the Cookie header; false if absent or not size - 1 long. */
static bool
cookie_exact(const char *header, const char *name, char *out, size_t size)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			const char *v = p + nlen + 1;
			size_t vlen = strcspn(v, "; ");
			if (vlen != size - 1)
				return false;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return true;
		}
		p = strchr(p, ';');
	}
	return false;
}

/*
 * Reads the session cookie. BK_OK whether or not someone is signed in (r->sess.valid
 * says); BK_EDB when the database cannot say.
 */
enum bk_err
bk_session_load(struct bk_req *r)
{
	struct bk_session *s = &r->sess;
	char token[TOKEN_CHARS + 1];
	struct bk_q q;
	long long idle = 0;
	int row;

	memset(s, 0, sizeof(*s));
	if (r->cookie == NULL || !cookie_exact(r->cookie, COOKIE, token, sizeof(token)))
		return BK_OK;
	crypto_hash_sha256(s->id_hash, (const unsigned char *)token, TOKEN_CHARS);
	sodium_memzero(token, sizeof(token));
	bk_q_init(&q, STMT_SESSION_GET);
	bk_q_bin(&q, s->id_hash, sizeof(s->id_hash));
	bk_q_int(&q, BK_SESSION_IDLE);
	bk_q_exec(&q);
	bk_q_out_int(&q, &s->person_id);
	bk_q_out_str(&q, s->username, sizeof(s->username));
	bk_q_out_str(&q, s->name_th, sizeof(s->name_th));
	bk_q_out_str(&q, s->name_en, sizeof(s->name_en));
	bk_q_out_str(&q, s->csrf, sizeof(s->csrf));
	bk_q_out_int(&q, &idle);
	bk_q_out_str(&q, s->roles, sizeof(s->roles));
	bk_q_out_str(&q, s->unit, sizeof(s->unit));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err == BK_ETOOBIG ? BK_OK : BK_EDB;
	if (row == 0)
		return BK_OK;
	s->valid = true;
	/* Moving last_seen on every request would be a write per page: once a minute will do. */
	if (idle >= 60) {
		bk_q_init(&q, STMT_SESSION_TOUCH);
		bk_q_bin(&q, s->id_hash, sizeof(s->id_hash));
		bk_q_exec(&q);
		bk_q_done(&q);
	}
	return BK_OK;
}

static void
set_cookie(struct bk_req *r, const char *name, const char *value, long max_age,
    const char *path, const char *samesite)
{
	bk_req_header(r, "Set-Cookie: %s=%s; Path=%s; Max-Age=%ld; HttpOnly; SameSite=%s%s",
	    name, value, path, max_age, samesite, r->https ? "; Secure" : "");
}

/* Signs person_id in with a new session id; the old session, if any, is ended. */
enum bk_err
bk_session_create(struct bk_req *r, long long person_id)
{
	unsigned char raw[TOKEN_BYTES], hash[32], csrf_raw[32];
	char token[TOKEN_CHARS + 1], csrf[65];
	struct bk_q q;
	enum bk_err e;

	if (r->sess.valid)
		bk_session_destroy(r);
	randombytes_buf(raw, sizeof(raw));
	randombytes_buf(csrf_raw, sizeof(csrf_raw));
	sodium_bin2base64(token, sizeof(token), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	bk_hex(csrf_raw, sizeof(csrf_raw), csrf);
	crypto_hash_sha256(hash, (const unsigned char *)token, TOKEN_CHARS);
	bk_q_init(&q, STMT_SESSION_INSERT);
	bk_q_bin(&q, hash, sizeof(hash));
	bk_q_int(&q, person_id);
	bk_q_str(&q, csrf);
	bk_q_int(&q, BK_SESSION_MAX);
	bk_q_str(&q, r->remote_addr);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e == BK_OK) {
		set_cookie(r, COOKIE, token, BK_SESSION_MAX, "/", "Lax");
		memcpy(r->sess.id_hash, hash, sizeof(hash));
		bk_strlcpy(r->sess.csrf, csrf, sizeof(r->sess.csrf));
		r->sess.person_id = person_id;
		r->sess.valid = true;
	}
	sodium_memzero(raw, sizeof(raw));
	sodium_memzero(token, sizeof(token));
	return e;
}

void
bk_session_destroy(struct bk_req *r)
{
	struct bk_q q;

	if (r->sess.valid) {
		bk_q_init(&q, STMT_SESSION_DELETE);
		bk_q_bin(&q, r->sess.id_hash, sizeof(r->sess.id_hash));
		bk_q_exec(&q);
		bk_q_done(&q);
	}
	set_cookie(r, COOKIE, "", 0, "/", "Lax");
	r->sess.valid = false;
}

/* Does the signed-in person hold role (in any unit)? */
bool
bk_session_has_role(const struct bk_req *r, const char *role)
{
	size_t n = strlen(role);
	const char *p = r->sess.roles;

	if (!r->sess.valid)
		return false;
	while ((p = strstr(p, role)) != NULL) {
		if ((p == r->sess.roles || p[-1] == ' ') && p[n] == '@')
			return true;
		p += n;
	}
	return false;
}

static bool
same_token(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n > 0 && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

/* The form's csrf field is the session's token (constant-time compare). */
bool
bk_csrf_ok(const struct bk_req *r)
{
	const char *f = bk_req_form(r, "csrf");

	return r->sess.valid && f != NULL && same_token(f, r->sess.csrf);
}

/* Before sign-in there is no session: the form's token must equal its own cookie. */
bool
bk_precsrf_ok(const struct bk_req *r)
{
	const char *f = bk_req_form(r, "csrf");
	char c[65];

	return f != NULL && r->cookie != NULL && cookie_exact(r->cookie, PRE_COOKIE, c, sizeof(c)) &&
	    same_token(f, c);
}

/* A fresh token for a form shown before sign-in, set as a cookie and copied to token. */
void
bk_precsrf_issue(struct bk_req *r, char *token, size_t size)
{
	unsigned char raw[32];
	char hex[65];

	if (r->cookie != NULL && cookie_exact(r->cookie, PRE_COOKIE, hex, sizeof(hex))) {
		bk_strlcpy(token, hex, size);	/* keep the one the browser has: several tabs */
		return;
	}
	randombytes_buf(raw, sizeof(raw));
	bk_hex(raw, sizeof(raw), hex);
	set_cookie(r, PRE_COOKIE, hex, 3600, "/", "Strict");
	bk_strlcpy(token, hex, size);
}
