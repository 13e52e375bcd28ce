/*
 * req.c: one request: its FastCGI parameters, validated query and language, and the
 * response (status, headers, body) written back in one piece.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "borikan.h"

#define MAX_QUERY 2048
#define MAX_VALUE 512

static const char *
env(struct bk_req *r, const char *name)
{
	return FCGX_GetParam(name, r->fcgx->envp);
}

static bool
lang_ok(const char *s)
{
	return s != NULL && (strcmp(s, "th") == 0 || strcmp(s, "en") == 0);
}

/* The value of cookie name in the Cookie header, copied into out; false if absent. */
static bool
cookie_value(const char *header, const char *name, char *out, size_t outsz)
{
	size_t nlen = strlen(name);
	const char *p = header;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		if (strncmp(p, name, nlen) == 0 && p[nlen] == '=') {
			const char *v = p + nlen + 1;
			size_t vlen = strcspn(v, ";");
			if (vlen >= outsz)
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
 * The language of the first visit: the best of th and en by the q-values of
 * Accept-Language; Thai when neither is asked for.
 */
static const char *
negotiate(const char *al)
{
	double qth = -1, qen = -1;
	const char *p = al;

	while (p != NULL && *p != '\0') {
		char tag[16];
		size_t n;
		double q = 1.0;
		const char *semi, *end;

		while (*p == ' ' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		n = strcspn(p, ";, ");
		if (n >= sizeof(tag))
			n = sizeof(tag) - 1;
		memcpy(tag, p, n);
		tag[n] = '\0';
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi != NULL) {
			const char *qp = strstr(semi, "q=");
			if (qp != NULL && qp < end) {
				char *e;
				q = strtod(qp + 2, &e);
				if (e == qp + 2 || q < 0 || q > 1)
					q = 0;
			}
		}
		if (strncasecmp(tag, "th", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
			qth = q > qth ? q : qth;
		else if (strncasecmp(tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
			qen = q > qen ? q : qen;
		p = *end != '\0' ? end + 1 : end;
	}
	return qen > qth && qen > 0 ? "en" : "th";
}

/*
 * Splits and decodes urlencoded pairs (a query string or a form body) into arr. Every
 * key is kept; the router and handlers read only the keys they know. BK_EINVAL on
 * malformed input or a key given twice, BK_ETOOBIG past the caps.
 */
static enum bk_err
parse_pairs(const char *p, const char *end, struct bk_param *arr, size_t max, size_t *n,
    size_t maxvalue)
{
	while (p < end) {
		size_t len = strcspn(p, "&"), klen;
		const char *eq;
		char key[64], *value;
		enum bk_err e;

		if (len > (size_t)(end - p))
			len = (size_t)(end - p);
		if (len == 0) {
			p++;
			continue;
		}
		if (*n == max)
			return BK_ETOOBIG;
		eq = memchr(p, '=', len);
		klen = eq != NULL ? (size_t)(eq - p) : len;
		if ((e = bk_url_decode(p, klen, key, sizeof(key), NULL)) != BK_OK)
			return e;
		for (size_t i = 0; i < *n; i++)
			if (strcmp(arr[i].key, key) == 0)
				return BK_EINVAL;	/* a key given twice is ambiguous */
		if ((value = malloc(maxvalue)) == NULL)
			return BK_ENOMEM;
		e = bk_url_decode(eq != NULL ? eq + 1 : p + len, eq != NULL ?
		    len - klen - 1 : 0, value, maxvalue, NULL);
		if (e != BK_OK) {
			free(value);
			return e;
		}
		if ((arr[*n].key = strdup(key)) == NULL) {
			free(value);
			return BK_ENOMEM;
		}
		arr[(*n)++].value = value;
		p += len;
		if (p < end && *p == '&')
			p++;
	}
	return BK_OK;
}

static enum bk_err
parse_query(struct bk_req *r)
{
	const char *q = r->query;
	size_t len;

	if (q == NULL || *q == '\0')
		return BK_OK;
	if ((len = strlen(q)) > MAX_QUERY)
		return BK_ETOOBIG;
	return parse_pairs(q, q + len, r->params, BK_MAX_QUERY_KEYS, &r->nparams, MAX_VALUE);
}

/*
 * Reads and parses an application/x-www-form-urlencoded body. Returns 0, or the status
 * to answer: 411 without a length, 413 past BK_MAX_FORM_BODY, 415 for another type,
 * 400 for a malformed body.
 */
int
bk_req_read_form(struct bk_req *r)
{
	const char *type = env(r, "CONTENT_TYPE"), *lenstr = env(r, "CONTENT_LENGTH");
	long len;
	char *body;
	int got;
	enum bk_err e;

	if (type == NULL || strncasecmp(type, "application/x-www-form-urlencoded", 33) != 0 ||
	    (type[33] != '\0' && type[33] != ';'))
		return 415;
	if (lenstr == NULL || *lenstr == '\0')
		return 411;
	if (bk_parse_long(lenstr, 0, 1L << 40, &len) != BK_OK)
		return 400;
	if (len > BK_MAX_FORM_BODY)
		return 413;
	if ((body = malloc((size_t)len + 1)) == NULL)
		return 500;
	got = len > 0 ? FCGX_GetStr(body, (int)len, r->fcgx->in) : 0;
	if (got != (int)len) {
		free(body);
		return 400;
	}
	body[len] = '\0';
	e = parse_pairs(body, body + len, r->form, BK_MAX_FORM_KEYS, &r->nform, (size_t)len + 1);
	free(body);
	if (e == BK_ENOMEM)
		return 500;
	return e == BK_OK ? 0 : (e == BK_ETOOBIG ? 413 : 400);
}

const char *
bk_req_form(const struct bk_req *r, const char *key)
{
	for (size_t i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].key, key) == 0)
			return r->form[i].value;
	return NULL;
}

/* 303 See Other to a path of this site (the caller checked it is local). */
void
bk_req_redirect(struct bk_req *r, const char *location)
{
	r->status = 303;
	r->cache = "no-store";
	bk_req_header(r, "Location: %s", location);
	if (!r->body_static)
		free(r->body);
	r->body = NULL;
	r->bodylen = 0;
	r->ctype = "text/plain; charset=utf-8";
}

/*
 * Reads the request's parameters. Never fails for the client's input: a malformed
 * query leaves r->status at 400 for the router to answer.
 */
enum bk_err
bk_req_parse(struct bk_req *r, FCGX_Request *fcgx)
{
	unsigned char rnd[8];
	const char *uri, *lang;
	char cookie_lang[8];
	size_t n;
	enum bk_err e;

	memset(r, 0, sizeof(*r));
	r->fcgx = fcgx;
	r->route = -1;
	r->status = 200;
	randombytes_buf(rnd, sizeof(rnd));
	bk_hex(rnd, sizeof(rnd), r->id);
	r->method = env(r, "REQUEST_METHOD");
	if (r->method == NULL)
		r->method = "GET";
	r->head = strcmp(r->method, "HEAD") == 0;
	uri = env(r, "DOCUMENT_URI");
	if (uri == NULL)
		uri = env(r, "SCRIPT_NAME");
	if (uri == NULL)
		uri = "/";
	n = strlen(uri);
	if (n >= sizeof(r->path) || !bk_utf8_valid(uri, n)) {
		bk_strlcpy(r->path, "/", sizeof(r->path));
		r->status = 400;
	} else
		memcpy(r->path, uri, n + 1);
	r->query = env(r, "QUERY_STRING");
	r->cookie = env(r, "HTTP_COOKIE");
	r->accept_language = env(r, "HTTP_ACCEPT_LANGUAGE");
	r->if_none_match = env(r, "HTTP_IF_NONE_MATCH");
	r->remote_addr = env(r, "REMOTE_ADDR");
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	r->https = env(r, "HTTPS") != NULL && strcasecmp(env(r, "HTTPS"), "on") == 0;

	e = parse_query(r);
	if (e == BK_ENOMEM)
		return e;
	if (e != BK_OK)
		r->status = 400;

	/* ?lang= wins and is remembered; then the cookie; then Accept-Language. */
	lang = bk_req_param(r, "lang");
	if (lang != NULL) {
		if (lang_ok(lang)) {
			bk_strlcpy(r->lang, lang, sizeof(r->lang));
			r->lang_set = true;
			return BK_OK;
		}
		r->lang_bad = true;	/* 400 where the route accepts lang (router.c) */
	}
	if (r->cookie != NULL && cookie_value(r->cookie, "lang", cookie_lang,
	    sizeof(cookie_lang)) && lang_ok(cookie_lang))
		bk_strlcpy(r->lang, cookie_lang, sizeof(r->lang));
	else
		bk_strlcpy(r->lang, negotiate(r->accept_language), sizeof(r->lang));
	return BK_OK;
}

void
bk_req_free(struct bk_req *r)
{
	for (size_t i = 0; i < r->nparams; i++) {
		free((char *)r->params[i].key);
		free(r->params[i].value);
	}
	r->nparams = 0;
	for (size_t i = 0; i < r->nform; i++) {
		free((char *)r->form[i].key);
		sodium_memzero(r->form[i].value, strlen(r->form[i].value));	/* passwords */
		free(r->form[i].value);
	}
	r->nform = 0;
	if (r->upload != NULL) {
		bk_mp_free(r->upload);
		free(r->upload);
		r->upload = NULL;
	}
	sodium_memzero(&r->sess, sizeof(r->sess));
	if (!r->body_static)
		free(r->body);
	r->body = NULL;
}

const char *
bk_req_param(const struct bk_req *r, const char *key)
{
	for (size_t i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].key, key) == 0)
			return r->params[i].value;
	return NULL;
}

/* Adds a header line to the response; one that does not fit is dropped and logged. */
void
bk_req_header(struct bk_req *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(r->extra + r->extralen, sizeof(r->extra) - r->extralen, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + 2 >= sizeof(r->extra) - r->extralen) {
		r->extra[r->extralen] = '\0';
		bk_log(BK_LOG_ERR, "req %s: response header dropped", r->id);
		return;
	}
	r->extralen += (size_t)n;
	memcpy(r->extra + r->extralen, "\r\n", 3);
	r->extralen += 2;
}

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 303: return "See Other";
	case 401: return "Unauthorized";
	case 411: return "Length Required";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Content Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "Status";
}

/*
 * Writes status, headers and body. A matching If-None-Match turns a 200 with an ETag
 * into a 304 without a body; HEAD gets the headers only.
 */
void
bk_req_send(struct bk_req *r)
{
	FCGX_Stream *o = r->fcgx->out;
	bool send_body = !r->head;

	if (r->streamed)
		return;	/* the handler has written it all */

	if (r->status == 200 && r->etag[0] != '\0' && r->if_none_match != NULL &&
	    strstr(r->if_none_match, r->etag) != NULL) {
		r->status = 304;
		send_body = false;
	}
	FCGX_FPrintF(o, "Status: %d %s\r\n", r->status, reason(r->status));
	if (r->status != 304)
		/* libfcgi's printf knows no %zu. */
		FCGX_FPrintF(o, "Content-Type: %s\r\nContent-Length: %lu\r\n",
		    r->ctype != NULL ? r->ctype : "text/html; charset=utf-8",
		    (unsigned long)r->bodylen);
	FCGX_FPrintF(o, "Cache-Control: %s\r\n", r->cache != NULL ? r->cache : "no-store");
	if (r->etag[0] != '\0')
		FCGX_FPrintF(o, "ETag: %s\r\n", r->etag);
	/* Remember a language only from a request that was answered. */
	if (r->lang_set && r->status < 400)
		FCGX_FPrintF(o, "Set-Cookie: lang=%s; Path=/; Max-Age=31536000; SameSite=Lax\r\n",
		    r->lang);
	FCGX_FPrintF(o, "Content-Language: %s\r\nX-Request-Id: %s\r\n", r->lang, r->id);
	if (r->extralen > 0)
		FCGX_PutStr(r->extra, (int)r->extralen, o);
	FCGX_PutStr("\r\n", 2, o);
	if (send_body && r->bodylen > 0)
		FCGX_PutStr(r->body, (int)r->bodylen, o);
}

/*
 * Writes status and headers now (no Content-Length: the body follows in pieces through
 * bk_req_stream) and marks the response as sent. For a body too large to hold at once.
 */
void
bk_req_stream_head(struct bk_req *r, int status)
{
	FCGX_Stream *o = r->fcgx->out;

	r->status = status;
	r->streamed = true;
	FCGX_FPrintF(o, "Status: %d %s\r\n", status, reason(status));
	FCGX_FPrintF(o, "Content-Type: %s\r\n",
	    r->ctype != NULL ? r->ctype : "text/html; charset=utf-8");
	FCGX_FPrintF(o, "Cache-Control: %s\r\n", r->cache != NULL ? r->cache : "no-store");
	FCGX_FPrintF(o, "Content-Language: %s\r\nX-Request-Id: %s\r\n", r->lang, r->id);
	if (r->extralen > 0)
		FCGX_PutStr(r->extra, (int)r->extralen, o);
	FCGX_PutStr("\r\n", 2, o);
}

/* One piece of a streamed body (nothing for HEAD). BK_EIO when the client is gone. */
enum bk_err
bk_req_stream(struct bk_req *r, const char *data, size_t len)
{
	if (r->head || len == 0)
		return BK_OK;
	if (len > INT32_MAX)
		return BK_ETOOBIG;
	return FCGX_PutStr(data, (int)len, r->fcgx->out) == (int)len ? BK_OK : BK_EIO;
}

/* Renders doc with sheet as the response body; on failure answers 500. */
void
bk_req_page(struct bk_req *r, int status, enum bk_sheet sheet, xmlDocPtr doc)
{
	char *out;
	size_t len;

	if (bk_render(sheet, doc, r->lang, r->path, &out, &len) != BK_OK) {
		if (sheet != SHEET_ERROR) {
			bk_req_error(r, 500);
			return;
		}
		/* The error page itself failed: a plain bilingual line, nothing internal. */
		r->status = 500;
		r->ctype = "text/plain; charset=utf-8";
		r->body = (char *)"ระบบขัดข้อง / Internal error\n";
		r->bodylen = strlen(r->body);
		r->body_static = true;
		return;
	}
	if (!r->body_static)
		free(r->body);
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	r->body = out;
	r->bodylen = len;
	r->body_static = false;
}

/* Answers with the error page for status, in the request's language. */
void
bk_req_error(struct bk_req *r, int status)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	char num[8];

	r->cache = "no-store";
	r->etag[0] = '\0';
	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		goto fail;
	if ((root = xmlNewDocNode(doc, NULL, BAD_CAST "error", NULL)) == NULL)
		goto fail;
	xmlDocSetRootElement(doc, root);
	snprintf(num, sizeof(num), "%d", status);
	xmlNewProp(root, BAD_CAST "status", BAD_CAST num);
	if (status == 405)
		xmlNewProp(root, BAD_CAST "allow", BAD_CAST (r->route_methods == BK_POST ?
		    "POST" : r->route_methods == BK_GET ? "GET, HEAD" : "GET, HEAD, POST"));
	bk_req_page(r, status, SHEET_ERROR, doc);
	r->status = status;
	xmlFreeDoc(doc);
	return;
fail:
	if (doc != NULL)
		xmlFreeDoc(doc);
	r->status = 500;
	r->ctype = "text/plain; charset=utf-8";
	r->body = (char *)"ระบบขัดข้อง / Internal error\n";
	r->bodylen = strlen(r->body);
	r->body_static = true;
}
