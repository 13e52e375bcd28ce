/*
 * roster_oneroster.c: the registrar's OneRoster 1.1 REST service (INTEGRATIONS.md B).
 *
 * OAuth 2 client credentials: POST the token URL with Basic auth of the url-encoded
 * id:secret and grant_type=client_credentials&scope=..., then GETs with the bearer
 * token. The token is kept in the process until expires_in less a margin, keyed by a
 * hash of the credentials (a changed secret never reuses an old token), and fetched
 * again once when the service answers 401. Errors come as statusInfoSet objects; a 200
 * whose codeMajor is failure is an error too (B.5).
 */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "borikan.h"
#include "lms.h"

#define TOKEN_MAX 4096
#define TOKEN_MARGIN 60.0	/* seconds before expires_in that we fetch a new token */
#define MAX_PAGES 1000
#define PAGE_SIZE "100"

static struct {
	unsigned char key[32];	/* BLAKE2b of the credentials the token was given for */
	char	 token[TOKEN_MAX + 1];
	double	 expires;
	bool	 valid;
} cache;

/* Drops the cached token (and wipes it). */
void
bk_roster_forget_token(void)
{
	sodium_memzero(&cache, sizeof(cache));
}

static void
cred_key(const struct bk_lms_site *s, unsigned char key[32])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, NULL, 0, 32);
	crypto_generichash_update(&st, (const unsigned char *)s->roster_token_url,
	    strlen(s->roster_token_url) + 1);
	crypto_generichash_update(&st, (const unsigned char *)s->roster_client_id,
	    strlen(s->roster_client_id) + 1);
	crypto_generichash_update(&st, (const unsigned char *)s->roster_secret,
	    strlen(s->roster_secret) + 1);
	crypto_generichash_update(&st, (const unsigned char *)s->roster_scope,
	    strlen(s->roster_scope) + 1);
	crypto_generichash_final(&st, key, 32);
}

/*
 * The Authorization value of a token request: "Basic " + base64(urlenc(id) ":"
 * urlenc(secret)) (RFC 6749 2.3.1). BK_OK, BK_ETOOBIG, BK_ENOMEM. The caller wipes out.
 */
enum bk_err
bk_roster_basic(const char *id, const char *secret, char *out, size_t size)
{
	char *eid = NULL, *esec = NULL;
	struct bk_buf b;
	enum bk_err e = BK_ENOMEM;

	bk_buf_init(&b, 4 * BK_SECRET_MAX);
	if ((eid = curl_easy_escape(NULL, id, 0)) == NULL ||
	    (esec = curl_easy_escape(NULL, secret, 0)) == NULL)
		goto out;
	if ((e = bk_buf_adds(&b, eid)) != BK_OK || (e = bk_buf_add(&b, ":", 1)) != BK_OK ||
	    (e = bk_buf_adds(&b, esec)) != BK_OK)
		goto out;
	if (size < 7 || sodium_base64_ENCODED_LEN(b.len, sodium_base64_VARIANT_ORIGINAL) >
	    size - 6) {
		e = BK_ETOOBIG;
		goto out;
	}
	memcpy(out, "Basic ", 6);
	sodium_bin2base64(out + 6, size - 6, (const unsigned char *)b.data, b.len,
	    sodium_base64_VARIANT_ORIGINAL);
	e = BK_OK;
out:
	curl_free(eid);
	if (esec != NULL) {
		sodium_memzero(esec, strlen(esec));
		curl_free(esec);
	}
	bk_buf_wipe(&b);
	return e;
}

/* Copies the codeMinor of a statusInfoSet (its first entry) into res->code, if any. */
static void
status_info(json_t *j, struct bk_http_result *res, bool *failure)
{
	json_t *set = json_object_get(j, "statusInfoSet"), *first, *minor, *fields, *f, *v;
	const char *major;
	size_t i;

	*failure = false;
	if (json_is_object(set))	/* some servers send one object, not a list */
		first = set;
	else if (json_is_array(set) && json_array_size(set) > 0)
		first = json_array_get(set, 0);
	else
		return;
	major = json_string_value(json_object_get(first, "imsx_codeMajor"));
	*failure = major != NULL && strcmp(major, "failure") == 0;
	minor = json_object_get(first, "imsx_CodeMinor");
	fields = json_object_get(minor, "imsx_codeMinorField");
	json_array_foreach(fields, i, f) {
		v = json_object_get(f, "imsx_codeMinorFieldValue");
		if (json_is_string(v)) {
			const char *s = json_string_value(v);
			size_t o = 0;
			for (; *s != '\0' && o + 1 < sizeof(res->code); s++)
				if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
				    (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-')
					res->code[o++] = *s;
			res->code[o] = '\0';
			return;
		}
	}
}

/*
 * Fetches a token for site into the cache. BK_HTTP_OK; a transport failure; a refusal
 * of the token endpoint (4xx, with its OAuth "error" in res->code); BK_HTTP_NOT_JSON.
 */
static enum bk_http_err
fetch_token(const struct bk_lms_site *s, long total_ms, struct bk_http_result *res)
{
	struct bk_http_response resp = { 0 };
	struct bk_http_call call = { 0 };
	char auth[4 * BK_SECRET_MAX];
	struct bk_buf body;
	json_t *j = NULL, *tok, *exp;
	CURLU *u = NULL;
	enum bk_err e;

	memset(res, 0, sizeof(*res));
	bk_roster_forget_token();
	bk_buf_init(&body, 4096);
	if ((res->err = bk_url_base(s->roster_token_url, bk_http_loopback_allowed(), &u)) !=
	    BK_HTTP_OK)
		goto out;
	if ((e = bk_roster_basic(s->roster_client_id, s->roster_secret, auth, sizeof(auth))) !=
	    BK_OK || (e = bk_form_add(&body, "grant_type", "client_credentials")) != BK_OK ||
	    (s->roster_scope[0] != '\0' &&
	    (e = bk_form_add(&body, "scope", s->roster_scope)) != BK_OK)) {
		res->err = e == BK_ETOOBIG ? BK_HTTP_TOO_BIG : BK_HTTP_NOMEM;
		goto out;
	}
	call.method = "POST";
	call.url = u;
	call.ctype = "application/x-www-form-urlencoded";
	call.body = body.data;
	call.bodylen = body.len;
	call.authorization = auth;
	call.max_body = 64 * 1024;
	call.total_ms = total_ms;
	if (bk_http_perform(&call, &resp, res) != BK_HTTP_OK) {
		/* RFC 6749 5.2: {"error":"invalid_client"}: say which. */
		if (res->err == BK_HTTP_STATUS_4XX && resp.body.len > 0 &&
		    (j = json_loadb(resp.body.data, resp.body.len, 0, NULL)) != NULL &&
		    json_is_string(json_object_get(j, "error"))) {
			const char *c = json_string_value(json_object_get(j, "error"));
			size_t o = 0;
			for (; *c != '\0' && o + 1 < sizeof(res->code); c++)
				if ((*c >= 'a' && *c <= 'z') || *c == '_')
					res->code[o++] = *c;
			res->code[o] = '\0';
		}
		goto out;
	}
	if (resp.body.len == 0 ||
	    (j = json_loadb(resp.body.data, resp.body.len, 0, NULL)) == NULL) {
		res->err = BK_HTTP_NOT_JSON;
		goto out;
	}
	tok = json_object_get(j, "access_token");
	exp = json_object_get(j, "expires_in");
	if (!json_is_string(tok) || json_string_length(tok) == 0 ||
	    json_string_length(tok) > TOKEN_MAX) {
		res->err = BK_HTTP_NOT_JSON;
		goto out;
	}
	for (const char *c = json_string_value(tok); *c != '\0'; c++)
		if ((unsigned char)*c < 0x21 || (unsigned char)*c > 0x7e) {
			res->err = BK_HTTP_NOT_JSON;	/* not a token we could put in a header */
			goto out;
		}
	bk_strlcpy(cache.token, json_string_value(tok), sizeof(cache.token));
	/* Without expires_in (it is only RECOMMENDED): an hour, refreshed on a 401 anyway. */
	cache.expires = bk_now() + (json_is_integer(exp) && json_integer_value(exp) > 0 ?
	    (double)json_integer_value(exp) : 3600.0) - TOKEN_MARGIN;
	cred_key(s, cache.key);
	cache.valid = true;
out:
	if (j != NULL) {
		json_t *t = json_object_get(j, "access_token");
		if (json_is_string(t))
			sodium_memzero((void *)json_string_value(t), json_string_length(t));
		json_decref(j);
	}
	sodium_memzero(auth, sizeof(auth));
	bk_buf_wipe(&body);
	bk_http_response_free(&resp);
	bk_url_free(u);
	return res->err;
}

static bool
cached_for(const struct bk_lms_site *s)
{
	unsigned char key[32];

	if (!cache.valid || bk_now() >= cache.expires)
		return false;
	cred_key(s, key);
	return sodium_memcmp(key, cache.key, sizeof(key)) == 0;
}

/*
 * GET {roster_base_url}/ims/oneroster/v1p1/{path}?{query}: path is ours (fixed text;
 * ids go through bk_url_segment in callers that need them), query a NULL-terminated
 * list of key, value pairs whose values are URL-encoded here. On BK_HTTP_OK *out is the
 * reply object (caller: json_decref) and *resp its headers (X-Total-Count, Link; the
 * caller frees it with bk_http_response_free). A 401 fetches a new token and tries once
 * more. An error reply (4xx/5xx, or 200 with codeMajor failure, which is
 * BK_HTTP_REMOTE) puts its codeMinor in res->code.
 */
enum bk_http_err
bk_roster_get(const struct bk_lms_site *s, const char *path, const char *const *query,
    long total_ms, json_t **out, struct bk_http_response *resp, struct bk_http_result *res)
{
	struct bk_http_call call = { 0 };
	char auth[TOKEN_MAX + 16];
	CURLU *u = NULL;
	json_t *j = NULL;
	bool failure;

	*out = NULL;
	memset(resp, 0, sizeof(*resp));
	memset(res, 0, sizeof(*res));
	if ((res->err = bk_url_base(s->roster_base_url, bk_http_loopback_allowed(), &u)) !=
	    BK_HTTP_OK || (res->err = bk_url_path(u, BK_ROSTER_PREFIX)) != BK_HTTP_OK ||
	    (res->err = bk_url_path(u, path)) != BK_HTTP_OK)
		goto out;
	for (size_t i = 0; query != NULL && query[i] != NULL; i += 2)
		if ((res->err = bk_url_query(u, query[i], query[i + 1] != NULL ?
		    query[i + 1] : "")) != BK_HTTP_OK)
			goto out;
	for (int attempt = 0; attempt < 2; attempt++) {
		if (!cached_for(s) && fetch_token(s, total_ms, res) != BK_HTTP_OK) {
			res->auth = true;
			goto out;
		}
		snprintf(auth, sizeof(auth), "Bearer %s", cache.token);
		call.method = "GET";
		call.url = u;
		call.authorization = auth;
		call.total_ms = total_ms;
		bk_http_response_free(resp);
		bk_http_perform(&call, resp, res);
		sodium_memzero(auth, sizeof(auth));
		if (res->err == BK_HTTP_STATUS_4XX && res->status == 401 && attempt == 0) {
			bk_roster_forget_token();	/* expired or revoked: one new token */
			continue;
		}
		break;
	}
	if (resp->body.len > 0)
		j = json_loadb(resp->body.data, resp->body.len, 0, NULL);
	if (res->err != BK_HTTP_OK) {
		if (j != NULL)
			status_info(j, res, &failure);
		goto out;
	}
	if (!json_is_object(j)) {
		res->err = BK_HTTP_NOT_JSON;
		goto out;
	}
	status_info(j, res, &failure);
	if (failure) {
		res->err = BK_HTTP_REMOTE;
		goto out;
	}
	res->code[0] = '\0';
	*out = j;
	j = NULL;
out:
	json_decref(j);
	bk_url_free(u);
	return res->err;
}

/* The number of entries of a collection's envelope (first of names that is a list). */
static long
count_of(json_t *j, const char *const *names, bool only_terms)
{
	for (; *names != NULL; names++) {
		json_t *a = json_object_get(j, *names), *e;
		size_t i;
		long n = 0;

		if (!json_is_array(a))
			continue;
		if (!only_terms)
			return (long)json_array_size(a);
		json_array_foreach(a, i, e) {
			const char *t = json_string_value(json_object_get(e, "type"));
			if (t != NULL && strcmp(t, "term") == 0)
				n++;
		}
		return n;
	}
	return -1;
}

/*
 * The number of terms the roster knows: GET academicSessions?filter=type='term', paged
 * (limit, offset) until offset reaches X-Total-Count, a Link without next, or an empty
 * page (never "fewer than asked": servers cap pages, B.4). A server that refuses the
 * filter (invalid_filter_field, E.3) is read whole and the terms counted here.
 */
enum bk_http_err
bk_roster_terms(const struct bk_lms_site *s, long total_ms, long *count,
    struct bk_http_result *res)
{
	static const char *const envelope[] = { "academicSessions", "terms", NULL };
	bool filtered = true;
	long offset = 0, total = 0;

	*count = 0;
	for (int page = 0; page < MAX_PAGES; page++) {
		struct bk_http_response resp;
		char off[24];
		const char *q[7];
		json_t *j = NULL;
		long n, items;
		int k = 0;

		snprintf(off, sizeof(off), "%ld", offset);
		if (filtered) {
			q[k++] = "filter";
			q[k++] = "type='term'";
		}
		q[k++] = "limit";
		q[k++] = PAGE_SIZE;
		q[k++] = "offset";
		q[k++] = off;
		q[k] = NULL;
		if (bk_roster_get(s, "academicSessions", q, total_ms, &j, &resp, res) !=
		    BK_HTTP_OK) {
			bk_http_response_free(&resp);
			if (filtered && offset == 0 && strcmp(res->code, "invalid_filter_field") == 0) {
				filtered = false;
				continue;
			}
			return res->err;
		}
		items = count_of(j, envelope, false);
		n = count_of(j, envelope, !filtered);
		json_decref(j);
		if (items < 0) {
			bk_http_response_free(&resp);
			res->err = BK_HTTP_NOT_JSON;
			return res->err;
		}
		total += n;
		offset += items;
		if (items == 0 || (resp.total_count >= 0 && offset >= resp.total_count) ||
		    (resp.has_link && !resp.link_next)) {
			bk_http_response_free(&resp);
			*count = total;
			return BK_HTTP_OK;
		}
		bk_http_response_free(&resp);
	}
	*count = total;
	return BK_HTTP_OK;
}
