/*
 * lms_site.c: the connection settings of an LMS site, as the connectors use them: the
 * row of lms_site with its sealed secrets opened. The secrets live in the struct only
 * while a call needs them; bk_lms_site_wipe overwrites them.
 */
#include "config.h"

#include <string.h>

#include "borikan.h"
#include "lms.h"

/*
 * Loads site id into *s with the token and the client secret in the clear. BK_OK;
 * BK_ENOTFOUND; BK_EDB; BK_EINVAL when a secret does not open (another server's key).
 * The caller wipes *s with bk_lms_site_wipe, on every path.
 */
enum bk_err
bk_lms_site_load(long long id, struct bk_lms_site *s)
{
	char token[BK_SECRET_SEALED_MAX + 1], secret[BK_SECRET_SEALED_MAX + 1];
	enum bk_err e;
	struct bk_q q;
	int got;

	memset(s, 0, sizeof(*s));
	s->id = id;
	bk_q_init(&q, STMT_LMS_SITE_GET);
	bk_q_int(&q, id);
	bk_q_exec(&q);
	bk_q_out_str(&q, s->name, sizeof(s->name));
	bk_q_out_str(&q, s->moodle_url, sizeof(s->moodle_url));
	bk_q_out_str(&q, token, sizeof(token));
	bk_q_out_str(&q, s->roster_base_url, sizeof(s->roster_base_url));
	bk_q_out_str(&q, s->roster_token_url, sizeof(s->roster_token_url));
	bk_q_out_str(&q, s->roster_client_id, sizeof(s->roster_client_id));
	bk_q_out_str(&q, secret, sizeof(secret));
	bk_q_out_str(&q, s->roster_scope, sizeof(s->roster_scope));
	got = bk_q_fetch(&q);
	bk_q_done(&q);
	if (got < 0)
		return q.err != BK_OK ? q.err : BK_EDB;
	if (got == 0)
		return BK_ENOTFOUND;
	e = bk_secret_open(token, s->moodle_token, sizeof(s->moodle_token));
	if (e == BK_OK)
		e = bk_secret_open(secret, s->roster_secret, sizeof(s->roster_secret));
	if (e != BK_OK)
		bk_lms_site_wipe(s);
	return e;
}

/* Overwrites the secrets of *s. */
void
bk_lms_site_wipe(struct bk_lms_site *s)
{
	sodium_memzero(s->moodle_token, sizeof(s->moodle_token));
	sodium_memzero(s->roster_secret, sizeof(s->roster_secret));
}
