/*
 * http_client.c: libcurl as a careful client of the LMS and the registrar's roster
 * (STYLE.md 9, curl's libcurl-security.md).
 *
 * One easy handle per process, made on first use and reused (its connection cache
 * with it), reset before every call. https only; plain http only to a loopback address
 * and only when BORIKAN_ALLOW_HTTP_LOOPBACK=1 (the test stubs). Redirects are never
 * followed: a 3xx is an error that names the Location's host. TLS verification on,
 * no proxy from the environment, connect/total/low-speed limits, and the body counted
 * against a cap in the write callback. URLs are built with curl_url() from a base the
 * administrator configured plus fixed paths, escaped segments and escaped query values;
 * form bodies with curl_easy_escape. Nothing here logs a URL's query, a header or a body.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "borikan.h"
#include "lms.h"

#define DEFAULT_CONNECT_MS 5000L
#define DEFAULT_TOTAL_MS 30000L
#define LOW_SPEED_SECONDS 10L

static CURL *handle;
static bool global_done;

/* True when BORIKAN_ALLOW_HTTP_LOOPBACK is "1" (./dev test sets it for the stubs). */
bool
bk_http_loopback_allowed(void)
{
	const char *v = getenv("BORIKAN_ALLOW_HTTP_LOOPBACK");

	return v != NULL && strcmp(v, "1") == 0;
}

/*
 * Is host (as curl_url gives it: "127.0.0.1", "[::1]") a loopback address literal?
 * Names are not: "localhost" could resolve anywhere a resolver says.
 */
bool
bk_http_host_is_loopback(const char *host)
{
	unsigned char a6[16];
	struct in_addr a4;
	char buf[64];
	size_t n;

	if (host == NULL)
		return false;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	n = strlen(host);
	if (n < 3 || n >= sizeof(buf) || host[0] != '[' || host[n - 1] != ']')
		return false;
	memcpy(buf, host + 1, n - 2);
	buf[n - 2] = '\0';
	if (inet_pton(AF_INET6, buf, a6) != 1)
		return false;
	return memcmp(a6, in6addr_loopback.s6_addr, 16) == 0;
}

/*
 * Parses an administrator's base URL ("https://lms.example.ac.th/moodle") into *out
 * (free with bk_url_free). Refused (BK_HTTP_URL, *out NULL): anything but https, or http
 * to a loopback address when allow_http_loopback; user names or passwords in the URL; a
 * query or fragment; control characters or spaces; more than BK_HTTP_MAX_URL bytes.
 */
enum bk_http_err
bk_url_base(const char *base, bool allow_http_loopback, CURLU **out)
{
	char *scheme = NULL, *host = NULL, *part = NULL;
	enum bk_http_err e = BK_HTTP_URL;
	CURLU *u = NULL;
	bool http;

	*out = NULL;
	if (base == NULL || strlen(base) > BK_HTTP_MAX_URL)
		return BK_HTTP_URL;
	for (const unsigned char *p = (const unsigned char *)base; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return BK_HTTP_URL;
	if (strncasecmp(base, "https://", 8) == 0)
		http = false;
	else if (strncasecmp(base, "http://", 7) == 0)
		http = true;
	else
		return BK_HTTP_URL;
	/* "https:///x" is taken by some parsers as host x: refused, a host comes first. */
	if (base[http ? 7 : 8] == '/' || base[http ? 7 : 8] == '\0')
		return BK_HTTP_URL;
	if ((u = curl_url()) == NULL)
		return BK_HTTP_NOMEM;
	if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    strcmp(scheme, http ? "http" : "https") != 0)
		goto out;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || host[0] == '\0')
		goto out;
	if (http && !(allow_http_loopback && bk_http_host_is_loopback(host)))
		goto out;
	if (curl_url_get(u, CURLUPART_USER, &part, 0) == CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_PASSWORD, &part, 0) == CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_QUERY, &part, 0) == CURLUE_OK)
		goto out;
	if (curl_url_get(u, CURLUPART_FRAGMENT, &part, 0) == CURLUE_OK)
		goto out;
	*out = u;
	u = NULL;
	e = BK_HTTP_OK;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(part);
	if (u != NULL)
		curl_url_cleanup(u);
	return e;
}

void
bk_url_free(CURLU *u)
{
	if (u != NULL)
		curl_url_cleanup(u);
}

/* The whole URL as text (caller frees with curl_free), or NULL. */
char *
bk_url_string(CURLU *u)
{
	char *s = NULL;

	if (curl_url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		return NULL;
	return s;
}

/* Sets u's path to its path joined to tail with exactly one '/' between them. */
static enum bk_http_err
join(CURLU *u, const char *tail, size_t taillen)
{
	char *cur = NULL, *next = NULL;
	size_t n;
	enum bk_http_err e = BK_HTTP_NOMEM;

	if (curl_url_get(u, CURLUPART_PATH, &cur, 0) != CURLUE_OK)
		return BK_HTTP_URL;
	n = strlen(cur);
	while (n > 0 && cur[n - 1] == '/')
		n--;
	if (n + taillen + 2 > BK_HTTP_MAX_URL) {
		e = BK_HTTP_URL;
		goto out;
	}
	if ((next = malloc(n + taillen + 2)) == NULL)
		goto out;
	memcpy(next, cur, n);
	next[n] = '/';
	memcpy(next + n + 1, tail, taillen);
	next[n + 1 + taillen] = '\0';
	e = curl_url_set(u, CURLUPART_PATH, next, 0) == CURLUE_OK ? BK_HTTP_OK : BK_HTTP_URL;
out:
	curl_free(cur);
	free(next);
	return e;
}

/*
 * Appends a fixed path of ours ("webservice/rest/server.php") to the base's path, with
 * one '/' between them whatever slashes either has. The path must be plain: [A-Za-z0-9
 * ._~/-] only, no "." or ".." segment (BK_HTTP_URL otherwise). Outside values go
 * through bk_url_segment.
 */
enum bk_http_err
bk_url_path(CURLU *u, const char *path)
{
	const char *p = path;
	size_t n;

	while (*p == '/')
		p++;
	n = strlen(p);
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (n == 0)
		return BK_HTTP_OK;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!(isalnum(c) || c == '.' || c == '_' || c == '~' || c == '-' || c == '/'))
			return BK_HTTP_URL;
		if (c == '.' && (i == 0 || p[i - 1] == '/') &&
		    (i + 1 == n || p[i + 1] == '/' || (p[i + 1] == '.' &&
		    (i + 2 == n || p[i + 2] == '/'))))
			return BK_HTTP_URL;
	}
	return join(u, p, n);
}

/*
 * Appends one path segment made of outside text (an id from the roster), escaped with
 * curl_easy_escape: a '/' or '?' in it stays inside the segment. "", "." and ".." are
 * refused (BK_HTTP_URL).
 */
enum bk_http_err
bk_url_segment(CURLU *u, const char *raw)
{
	enum bk_http_err e;
	char *esc;

	if (raw == NULL || raw[0] == '\0' || strcmp(raw, ".") == 0 || strcmp(raw, "..") == 0 ||
	    strlen(raw) > BK_HTTP_MAX_URL)
		return BK_HTTP_URL;
	if ((esc = curl_easy_escape(NULL, raw, 0)) == NULL)
		return BK_HTTP_NOMEM;
	e = join(u, esc, strlen(esc));
	curl_free(esc);
	return e;
}

/*
 * Appends key=value to the query, the value URL-encoded by curl (CURLU_URLENCODE: every
 * '&', '=', '#', space... of it is escaped). key is ours: [A-Za-z0-9_.[]-] only.
 */
enum bk_http_err
bk_url_query(CURLU *u, const char *key, const char *value)
{
	struct bk_buf b;
	enum bk_http_err e = BK_HTTP_URL;

	if (key == NULL || key[0] == '\0' || value == NULL)
		return BK_HTTP_URL;
	for (const char *k = key; *k != '\0'; k++)
		if (!(isalnum((unsigned char)*k) || strchr("_.[]-", *k) != NULL))
			return BK_HTTP_URL;
	bk_buf_init(&b, BK_HTTP_MAX_URL);
	if (bk_buf_adds(&b, key) != BK_OK || bk_buf_add(&b, "=", 1) != BK_OK ||
	    bk_buf_adds(&b, value) != BK_OK)
		goto out;
	if (curl_url_set(u, CURLUPART_QUERY, b.data, CURLU_APPENDQUERY | CURLU_URLENCODE) ==
	    CURLUE_OK)
		e = BK_HTTP_OK;
out:
	bk_buf_free(&b);
	return e;
}

/* Overwrites a buffer's bytes (it may have held a token) and frees it. */
void
bk_buf_wipe(struct bk_buf *b)
{
	if (b->data != NULL)
		sodium_memzero(b->data, b->size);
	bk_buf_free(b);
}

/*
 * Appends "key=value" to an application/x-www-form-urlencoded body, both escaped with
 * curl_easy_escape ('&' between pairs). BK_ETOOBIG past the buffer's cap.
 */
enum bk_err
bk_form_add(struct bk_buf *b, const char *key, const char *value)
{
	char *k = NULL, *v = NULL;
	enum bk_err e = BK_ENOMEM;

	if (key == NULL || value == NULL)
		return BK_EINVAL;
	if ((k = curl_easy_escape(NULL, key, 0)) == NULL ||
	    (v = curl_easy_escape(NULL, value, 0)) == NULL)
		goto out;
	if ((b->len > 0 && (e = bk_buf_add(b, "&", 1)) != BK_OK) ||
	    (e = bk_buf_adds(b, k)) != BK_OK || (e = bk_buf_add(b, "=", 1)) != BK_OK ||
	    (e = bk_buf_adds(b, v)) != BK_OK)
		goto out;
	e = BK_OK;
out:
	curl_free(k);
	if (v != NULL) {
		sodium_memzero(v, strlen(v));	/* a value may be a token */
		curl_free(v);
	}
	return e;
}

/* The failure a libcurl code means; too_big: the write callback refused for the cap. */
enum bk_http_err
bk_http_from_curl(int code, bool too_big)
{
	switch ((CURLcode)code) {
	case CURLE_OK:
		return BK_HTTP_OK;
	case CURLE_WRITE_ERROR:
		return too_big ? BK_HTTP_TOO_BIG : BK_HTTP_OTHER;
	case CURLE_FILESIZE_EXCEEDED:
		return BK_HTTP_TOO_BIG;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
		return BK_HTTP_URL;
	case CURLE_COULDNT_RESOLVE_HOST:
		return BK_HTTP_DNS;
	case CURLE_COULDNT_CONNECT:
		return BK_HTTP_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return BK_HTTP_TIMEOUT;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_USE_SSL_FAILED:
		return BK_HTTP_TLS;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return BK_HTTP_RESET;
	case CURLE_OUT_OF_MEMORY:
		return BK_HTTP_NOMEM;
	default:
		return BK_HTTP_OTHER;
	}
}

/* The failure an HTTP status means: 2xx OK, 3xx a redirect, then its class. */
enum bk_http_err
bk_http_from_status(long status)
{
	if (status >= 200 && status < 300)
		return BK_HTTP_OK;
	if (status >= 300 && status < 400)
		return BK_HTTP_REDIRECT;
	if (status >= 400 && status < 500)
		return BK_HTTP_STATUS_4XX;
	if (status >= 500 && status < 600)
		return BK_HTTP_STATUS_5XX;
	return BK_HTTP_OTHER;
}

/*
 * What to do about a transport failure (INTEGRATIONS.md E.3). BK_HTTP_REMOTE (a service's
 * own error code) is the protocol module's to classify; here it is PERMANENT.
 */
enum bk_http_class
bk_http_class(enum bk_http_err e, long status)
{
	switch (e) {
	case BK_HTTP_OK:
		return BK_HTTP_DONE;
	case BK_HTTP_DNS:
	case BK_HTTP_CONNECT:
	case BK_HTTP_TIMEOUT:
	case BK_HTTP_RESET:
	case BK_HTTP_NOT_JSON:	/* a proxy's HTML page, PHP output before the JSON */
	case BK_HTTP_STATUS_5XX:
	case BK_HTTP_NOMEM:
		return BK_HTTP_TRANSIENT;
	case BK_HTTP_STATUS_4XX:
		if (status == 408 || status == 429)
			return BK_HTTP_TRANSIENT;
		if (status == 401 || status == 403)
			return BK_HTTP_CONFIG;	/* e.g. Moodle's REST protocol disabled */
		return BK_HTTP_PERMANENT;
	case BK_HTTP_URL:
	case BK_HTTP_TLS:
	case BK_HTTP_REDIRECT:
		return BK_HTTP_CONFIG;
	case BK_HTTP_TOO_BIG:
	case BK_HTTP_REMOTE:
	case BK_HTTP_OTHER:
	default:
		return BK_HTTP_PERMANENT;
	}
}

/* A stable short name of a failure: the suffix of its message key ("lms.err.<name>"). */
const char *
bk_http_errname(enum bk_http_err e)
{
	switch (e) {
	case BK_HTTP_OK: return "ok";
	case BK_HTTP_URL: return "url";
	case BK_HTTP_DNS: return "dns";
	case BK_HTTP_CONNECT: return "connect";
	case BK_HTTP_TIMEOUT: return "timeout";
	case BK_HTTP_TLS: return "tls";
	case BK_HTTP_RESET: return "reset";
	case BK_HTTP_TOO_BIG: return "too-big";
	case BK_HTTP_REDIRECT: return "redirect";
	case BK_HTTP_STATUS_4XX: return "http-4xx";
	case BK_HTTP_STATUS_5XX: return "http-5xx";
	case BK_HTTP_NOT_JSON: return "not-json";
	case BK_HTTP_REMOTE: return "remote";
	case BK_HTTP_NOMEM: return "nomem";
	case BK_HTTP_OTHER: default: return "other";
	}
}

struct sink {
	struct bk_http_response *resp;
	bool	 too_big;
};

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct sink *s = arg;
	size_t n = size * nmemb;

	enum bk_err e = bk_buf_add(&s->resp->body, data, n);

	if (e != BK_OK) {
		s->too_big = e == BK_ETOOBIG;
		return 0;	/* CURLE_WRITE_ERROR: the transfer stops here */
	}
	return n;
}

/* Does the header line name (case-insensitive, then ':') start line? Its value, else NULL. */
static const char *
header_value(const char *line, size_t len, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	const char *v;

	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	v = line + n + 1;
	len -= n + 1;
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' || v[len - 1] == ' '))
		len--;
	*vlen = len;
	return v;
}

static long long
header_number(const char *v, size_t len)
{
	char buf[24];
	long n;

	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	if (bk_parse_long(buf, 0, 2000000000L, &n) != BK_OK)
		return -1;
	return n;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct bk_http_response *r = arg;
	size_t n = size * nmemb, vlen;
	const char *v;

	/* A new response (after a 100 Continue) starts with its status line. */
	if (n > 5 && strncmp(data, "HTTP/", 5) == 0) {
		r->total_count = -1;
		r->has_link = r->link_next = false;
		r->retry_after = 0;
	} else if ((v = header_value(data, n, "X-Total-Count", &vlen)) != NULL)
		r->total_count = header_number(v, vlen);
	else if ((v = header_value(data, n, "Retry-After", &vlen)) != NULL) {
		long long s = header_number(v, vlen);
		r->retry_after = s >= 0 && s <= 86400 ? (long)s : 60;
	} else if ((v = header_value(data, n, "Link", &vlen)) != NULL) {
		r->has_link = true;
		if (memmem(v, vlen, "rel=\"next\"", 10) != NULL || memmem(v, vlen, "rel=next", 8))
			r->link_next = true;
	}
	return n;
}

static enum bk_http_err
handle_get(void)
{
	if (handle != NULL)
		return BK_HTTP_OK;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return BK_HTTP_NOMEM;
		global_done = true;
	}
	if ((handle = curl_easy_init()) == NULL)
		return BK_HTTP_NOMEM;
	return BK_HTTP_OK;
}

/* Frees the process's handle (at exit). */
void
bk_http_cleanup(void)
{
	if (handle != NULL)
		curl_easy_cleanup(handle);
	handle = NULL;
	if (global_done)
		curl_global_cleanup();
	global_done = false;
}

/* The host of a redirect's Location, as far as it parses, into res->host. */
static void
location_host(struct bk_http_result *res)
{
	char *loc = NULL, *host = NULL;
	CURLU *u;

	res->host[0] = '\0';
	if (curl_easy_getinfo(handle, CURLINFO_REDIRECT_URL, &loc) != CURLE_OK || loc == NULL)
		return;
	if ((u = curl_url()) == NULL)
		return;
	if (curl_url_set(u, CURLUPART_URL, loc, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		bk_strlcpy(res->host, host, sizeof(res->host));
	curl_free(host);
	curl_url_cleanup(u);
}

/*
 * Performs one call on the process's handle. *resp gets the status, the headers we read
 * and the body (capped; the caller frees it with bk_http_response_free, also on
 * failure). Returns res->err: BK_HTTP_OK for a 2xx, else the failure (a 3xx is
 * BK_HTTP_REDIRECT with res->host set; a 4xx/5xx keeps its body for the caller to read
 * the service's error object).
 */
enum bk_http_err
bk_http_perform(const struct bk_http_call *c, struct bk_http_response *resp,
    struct bk_http_result *res)
{
	struct curl_slist *headers = NULL, *h;
	struct sink sink = { resp, false };
	char *scheme = NULL, *auth = NULL;
	size_t max = c->max_body != 0 ? c->max_body : BK_HTTP_MAX_BODY;
	CURLcode cc;
	long status = 0;

	memset(res, 0, sizeof(*res));
	memset(resp, 0, sizeof(*resp));
	bk_buf_init(&resp->body, max);
	resp->total_count = -1;
	if ((res->err = handle_get()) != BK_HTTP_OK)
		return res->err;
	curl_easy_reset(handle);
	if (c->url == NULL || curl_url_get(c->url, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		res->err = BK_HTTP_URL;
		goto out;
	}
	curl_easy_setopt(handle, CURLOPT_CURLU, c->url);
	/* The URL was checked by bk_url_base: http only to loopback, when allowed. */
	curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, strcmp(scheme, "http") == 0 ?
	    "http" : "https");
	curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	/* No protocol at all for redirects ("" is refused by CURLOPT_REDIR_PROTOCOLS_STR). */
	curl_easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS, 0L);
#pragma GCC diagnostic pop
	curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(handle, CURLOPT_PROXY, "");	/* never a proxy from the environment */
	curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 1L);
	curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
	    c->connect_ms > 0 ? c->connect_ms : DEFAULT_CONNECT_MS);
	curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, c->total_ms > 0 ? c->total_ms :
	    DEFAULT_TOTAL_MS);
	curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, LOW_SPEED_SECONDS);
	curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
	curl_easy_setopt(handle, CURLOPT_USERAGENT, "Borikan/" PACKAGE_VERSION);
	curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(handle, CURLOPT_HEADERDATA, resp);
	if ((headers = curl_slist_append(headers, "Accept: application/json")) == NULL) {
		res->err = BK_HTTP_NOMEM;
		goto out;
	}
	if (c->authorization != NULL) {
		size_t n = strlen(c->authorization) + 16;
		if ((auth = malloc(n)) == NULL) {
			res->err = BK_HTTP_NOMEM;
			goto out;
		}
		snprintf(auth, n, "Authorization: %s", c->authorization);
		h = curl_slist_append(headers, auth);
		sodium_memzero(auth, n);
		if (h == NULL) {
			res->err = BK_HTTP_NOMEM;
			goto out;
		}
		headers = h;
	}
	if (c->method != NULL && strcmp(c->method, "POST") == 0) {
		char ct[128];
		snprintf(ct, sizeof(ct), "Content-Type: %s", c->ctype != NULL ? c->ctype :
		    "application/x-www-form-urlencoded");
		if ((h = curl_slist_append(headers, ct)) == NULL) {
			res->err = BK_HTTP_NOMEM;
			goto out;
		}
		headers = h;
		/* The body is borrowed (not copied): it outlives the transfer. */
		curl_easy_setopt(handle, CURLOPT_POSTFIELDS, c->body != NULL ? c->body : "");
		curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)c->bodylen);
	} else
		curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);

	cc = curl_easy_perform(handle);
	curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
	res->status = resp->status = status;
	res->retry_after = resp->retry_after;
	if (cc != CURLE_OK) {
		res->err = bk_http_from_curl((int)cc, sink.too_big);
		goto out;
	}
	if ((res->err = bk_http_from_status(status)) == BK_HTTP_REDIRECT)
		location_host(res);
out:
	/* The headers' copies of a token are wiped before they are freed. */
	for (h = headers; h != NULL; h = h->next)
		if (h->data != NULL)
			sodium_memzero(h->data, strlen(h->data));
	curl_slist_free_all(headers);
	free(auth);
	curl_free(scheme);
	/* Nothing of ours may stay on the handle between calls (the body, the headers). */
	curl_easy_reset(handle);
	return res->err;
}

void
bk_http_response_free(struct bk_http_response *r)
{
	bk_buf_wipe(&r->body);
}
