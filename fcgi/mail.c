/*
 * mail.c: a notification as an Internet message, and its delivery by SMTP with libcurl.
 *
 * A mail is rendered and queued in the transaction of the action it tells about
 * (bk_mail_queue, from notify.c); the job runner sends it (bk_mail_send) with curl_mime:
 * a multipart/alternative of a text/plain and a text/html part, UTF-8, quoted-printable,
 * inside the multipart/mixed that libcurl makes for a mail. Headers with Thai in them are
 * RFC 2047 encoded words. The Message-ID is derived from the job's idempotency key, so a
 * mail sent twice (a runner killed after the server accepted it and before the job was
 * marked done) is recognisable as the same message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>

#include "borikan.h"

#define MAIL_MAX_ATTEMPTS 8
#define WORD_MAX_BYTES 45	/* 45 bytes -> 60 base64 chars -> a 72-char encoded word */

/*
 * Fills c from the master's environment: BORIKAN_SMTP_URL (empty: mail stays queued),
 * BORIKAN_MAIL_FROM, BORIKAN_MAIL_FROM_NAME, BORIKAN_BASE_URL, BORIKAN_SMTP_TLS
 * (none, try, control, all; default try for smtp://, all for smtps://) and
 * BORIKAN_SMTP_TIMEOUT (seconds, default 60).
 */
void
bk_mail_config_read(struct bk_mail_config *c)
{
	const char *v;
	long n;
	size_t len;

	memset(c, 0, sizeof(*c));
	if ((v = getenv("BORIKAN_SMTP_URL")) != NULL &&
	    (strncmp(v, "smtp://", 7) == 0 || strncmp(v, "smtps://", 8) == 0))
		bk_strlcpy(c->url, v, sizeof(c->url));
	else if (v != NULL && *v != '\0')
		bk_log(BK_LOG_ERR, "BORIKAN_SMTP_URL is neither smtp:// nor smtps://: mail stays queued");
	v = getenv("BORIKAN_MAIL_FROM");
	bk_strlcpy(c->from, v != NULL && bk_mail_addr_ok(v) ? v : "borikan@localhost",
	    sizeof(c->from));
	v = getenv("BORIKAN_MAIL_FROM_NAME");
	bk_strlcpy(c->from_name, v != NULL && *v != '\0' && bk_utf8_valid(v, strlen(v)) ? v :
	    "ศูนย์บริการ ICT / ICT Service Centre", sizeof(c->from_name));
	v = getenv("BORIKAN_BASE_URL");
	bk_strlcpy(c->base_url, v != NULL ? v : "", sizeof(c->base_url));
	len = strlen(c->base_url);
	while (len > 0 && c->base_url[len - 1] == '/')
		c->base_url[--len] = '\0';
	c->use_ssl = strncmp(c->url, "smtps://", 8) == 0 ? CURLUSESSL_ALL : CURLUSESSL_TRY;
	if ((v = getenv("BORIKAN_SMTP_TLS")) != NULL) {
		if (strcmp(v, "none") == 0)
			c->use_ssl = CURLUSESSL_NONE;
		else if (strcmp(v, "control") == 0)
			c->use_ssl = CURLUSESSL_CONTROL;
		else if (strcmp(v, "all") == 0)
			c->use_ssl = CURLUSESSL_ALL;
	}
	c->timeout = 60;
	if ((v = getenv("BORIKAN_SMTP_TIMEOUT")) != NULL && bk_parse_long(v, 1, 600, &n) == BK_OK)
		c->timeout = n;
}

/* An address we put in a header and an SMTP command: printable ASCII, one @, no <>. */
bool
bk_mail_addr_ok(const char *a)
{
	const char *at = strchr(a, '@');
	size_t n = strlen(a);

	if (n < 3 || n > 254 || at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (; *a != '\0'; a++)
		if (*a <= ' ' || *a >= 127 || strchr("<>()[]\\,;:\"", *a) != NULL)
			return false;
	return true;
}

static bool
plain_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s < ' ' || *s >= 127)
			return false;
	return true;
}

/*
 * Appends utf8 to out as a header value: unchanged when it is printable ASCII, else as
 * RFC 2047 "B" encoded words of at most 75 characters, never splitting a character,
 * folded with CRLF SP. CR, LF and other controls become spaces. BK_EINVAL for invalid
 * UTF-8, BK_ETOOBIG past out's cap.
 */
enum bk_err
bk_mail_encode_word(const char *utf8, struct bk_buf *out)
{
	unsigned char chunk[WORD_MAX_BYTES];
	char b64[sodium_base64_ENCODED_LEN(WORD_MAX_BYTES, sodium_base64_VARIANT_ORIGINAL)];
	const unsigned char *p = (const unsigned char *)utf8;
	size_t len = strlen(utf8);
	enum bk_err e = BK_OK;
	bool first = true;

	if (!bk_utf8_valid(utf8, len))
		return BK_EINVAL;
	if (plain_ascii(utf8))
		return bk_buf_adds(out, utf8);
	while (*p != '\0' && e == BK_OK) {
		size_t n = 0;

		/* Whole characters only: a lead byte and its continuation bytes. */
		while (p[n] != '\0') {
			size_t clen = 1;
			while (p[n + clen] != '\0' && (p[n + clen] & 0xc0) == 0x80)
				clen++;
			if (n + clen > sizeof(chunk))
				break;
			for (size_t i = 0; i < clen; i++)
				chunk[n + i] = p[n + i] < ' ' || p[n + i] == 127 ? ' ' : p[n + i];
			n += clen;
		}
		sodium_bin2base64(b64, sizeof(b64), chunk, n, sodium_base64_VARIANT_ORIGINAL);
		e = bk_buf_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", b64);
		first = false;
		p += n;
	}
	return e;
}

/*
 * The Message-ID of the mail queued under idem_key: "<32 hex digits@domain of from>",
 * the same every time for the same key.
 */
void
bk_mail_message_id(const char *idem_key, const char *from, char *out, size_t size)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[2 * sizeof(h) + 1];
	const char *domain = strchr(from, '@');

	crypto_hash_sha256(h, (const unsigned char *)idem_key, strlen(idem_key));
	bk_hex(h, 16, hex);
	snprintf(out, size, "<%s@%s>", hex, domain != NULL && domain[1] != '\0' ? domain + 1 :
	    "borikan.invalid");
}

static enum bk_err
add_header(struct curl_slist **list, struct bk_buf *b)
{
	struct curl_slist *n;

	if (b->data == NULL)
		return BK_ENOMEM;
	if ((n = curl_slist_append(*list, b->data)) == NULL)
		return BK_ENOMEM;
	*list = n;
	b->len = 0;
	b->data[0] = '\0';
	return BK_OK;
}

/* "Name <addr>" with the name encoded; the name dropped when empty. */
static enum bk_err
mailbox(struct bk_buf *b, const char *field, const char *name, const char *addr)
{
	enum bk_err e = bk_buf_printf(b, "%s: ", field);

	if (e == BK_OK && name[0] != '\0') {
		e = bk_mail_encode_word(name, b);
		if (e == BK_OK)
			e = bk_buf_adds(b, " ");
	}
	if (e == BK_OK)
		e = bk_buf_printf(b, "<%s>", addr);
	return e;
}

/*
 * The headers of m as a list for CURLOPT_HTTPHEADER: Date, From, To, Subject,
 * Message-ID, MIME-Version. On BK_OK *out belongs to the caller (curl_slist_free_all).
 * BK_EINVAL when an address or the Message-ID could break a header.
 */
enum bk_err
bk_mail_headers(const struct bk_mail_config *c, const struct bk_outmail *m, time_t date,
    struct curl_slist **out)
{
	struct curl_slist *list = NULL;
	struct bk_buf b;
	struct tm tm;
	char stamp[64];
	enum bk_err e = BK_EINVAL;

	*out = NULL;
	bk_buf_init(&b, 4096);
	if (!bk_mail_addr_ok(m->to) || !bk_mail_addr_ok(c->from) ||
	    strpbrk(m->message_id, "\r\n ") != NULL || m->message_id[0] != '<')
		goto out;
	gmtime_r(&date, &tm);
	/* RFC 5322 wants English day and month names whatever the locale. */
	snprintf(stamp, sizeof(stamp), "Date: %s, %02d %s %04d %02d:%02d:%02d +0000",
	    (const char *[]){ "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" }[tm.tm_wday],
	    tm.tm_mday, (const char *[]){ "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	    "Aug", "Sep", "Oct", "Nov", "Dec" }[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	if ((e = bk_buf_adds(&b, stamp)) != BK_OK || (e = add_header(&list, &b)) != BK_OK)
		goto out;
	if ((e = mailbox(&b, "From", c->from_name, c->from)) != BK_OK ||
	    (e = add_header(&list, &b)) != BK_OK)
		goto out;
	if ((e = mailbox(&b, "To", m->to_name, m->to)) != BK_OK ||
	    (e = add_header(&list, &b)) != BK_OK)
		goto out;
	if ((e = bk_buf_adds(&b, "Subject: ")) != BK_OK ||
	    (e = bk_mail_encode_word(m->subject, &b)) != BK_OK ||
	    (e = add_header(&list, &b)) != BK_OK)
		goto out;
	if ((e = bk_buf_printf(&b, "Message-ID: %s", m->message_id)) != BK_OK ||
	    (e = add_header(&list, &b)) != BK_OK)
		goto out;
	if ((e = bk_buf_adds(&b, "MIME-Version: 1.0")) != BK_OK ||
	    (e = add_header(&list, &b)) != BK_OK)
		goto out;
	*out = list;
	list = NULL;
out:
	curl_slist_free_all(list);
	bk_buf_free(&b);
	return e;
}

static enum bk_err
add_text_part(curl_mime *alt, const char *data, const char *type)
{
	curl_mimepart *part = curl_mime_addpart(alt);

	if (part == NULL || curl_mime_data(part, data, CURL_ZERO_TERMINATED) != CURLE_OK ||
	    curl_mime_type(part, type) != CURLE_OK ||
	    curl_mime_encoder(part, "quoted-printable") != CURLE_OK)
		return BK_ENOMEM;
	return BK_OK;
}

/*
 * Sends m through the SMTP server of c on the runner's curl handle. BK_OK once the
 * server accepted the message. On failure BK_EIO (BK_EINVAL for a message that cannot be
 * made), *permanent true when the server refused it for good (a 5xx reply), and err a
 * short reason without secrets.
 */
enum bk_err
bk_mail_send(void *handle, const struct bk_mail_config *c, const struct bk_outmail *m,
    bool *permanent, char *err, size_t errsz)
{
	CURL *curl = handle;
	struct curl_slist *headers = NULL, *rcpt = NULL, *inline_hdr = NULL;
	curl_mime *mime = NULL, *alt = NULL;
	curl_mimepart *part;
	char errbuf[CURL_ERROR_SIZE] = "", from[260], to[260];
	enum bk_err e = BK_EINVAL;
	long code = 0;
	CURLcode rc;

	*permanent = false;
	err[0] = '\0';
	curl_easy_reset(curl);
	if (bk_mail_headers(c, m, time(NULL), &headers) != BK_OK) {
		snprintf(err, errsz, "the message cannot be made (address or Message-ID)");
		*permanent = true;
		goto out;
	}
	snprintf(from, sizeof(from), "<%s>", c->from);
	snprintf(to, sizeof(to), "<%s>", m->to);
	e = BK_ENOMEM;
	if ((rcpt = curl_slist_append(NULL, to)) == NULL ||
	    (inline_hdr = curl_slist_append(NULL, "Content-Disposition: inline")) == NULL)
		goto out;
	if ((mime = curl_mime_init(curl)) == NULL || (alt = curl_mime_init(curl)) == NULL)
		goto out;
	if (add_text_part(alt, m->text, "text/plain; charset=UTF-8") != BK_OK ||
	    add_text_part(alt, m->html, "text/html; charset=UTF-8") != BK_OK)
		goto out;
	if ((part = curl_mime_addpart(mime)) == NULL ||
	    curl_mime_subparts(part, alt) != CURLE_OK)
		goto out;
	alt = NULL;	/* now the part's */
	if (curl_mime_type(part, "multipart/alternative") != CURLE_OK ||
	    curl_mime_headers(part, inline_hdr, 1) != CURLE_OK)
		goto out;
	inline_hdr = NULL;

	curl_easy_setopt(curl, CURLOPT_URL, c->url);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)c->use_ssl);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, c->timeout);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, c->timeout < 30 ? c->timeout : 30L);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
	rc = curl_easy_perform(curl);
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		e = BK_OK;
		goto out;
	}
	e = BK_EIO;
	*permanent = code >= 500 && code <= 599;
	snprintf(err, errsz, "smtp %ld: %s", code, errbuf[0] != '\0' ? errbuf :
	    curl_easy_strerror(rc));
out:
	/* The handle keeps pointers to what we free: forget them first. */
	curl_easy_reset(curl);
	curl_mime_free(alt);
	curl_mime_free(mime);
	curl_slist_free_all(inline_hdr);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(headers);
	return e;
}

/*
 * Queues m for m->to in the caller's transaction under idem_key, with its Message-ID
 * (written into m) derived from the key; request names the request it is about. A key
 * queued before is not queued again (BK_OK). BK_EINVAL for an unusable address.
 */
enum bk_err
bk_mail_queue(const struct bk_mail_config *c, const char *idem_key, const char *request,
    struct bk_outmail *m)
{
	json_t *payload = NULL;
	char *json = NULL;
	long long job = 0;
	struct bk_q q;
	enum bk_err e = BK_ENOMEM;

	if (!bk_mail_addr_ok(m->to))
		return BK_EINVAL;
	bk_mail_message_id(idem_key, c->from, m->message_id, sizeof(m->message_id));
	payload = json_pack("{s:s, s:s, s:s}", "to", m->to, "request", request, "message_id",
	    m->message_id);
	if (payload == NULL || (json = json_dumps(payload, JSON_COMPACT)) == NULL)
		goto out;
	if ((e = bk_job_enqueue("mail", idem_key, json, MAIL_MAX_ATTEMPTS, &job)) != BK_OK ||
	    job == 0)
		goto out;
	bk_q_init(&q, STMT_OUTBOX_INSERT);
	bk_q_int(&q, job);
	bk_q_str(&q, m->to);
	bk_q_str(&q, m->to_name);
	bk_q_str(&q, m->subject);
	bk_q_str(&q, m->text);
	bk_q_str(&q, m->html);
	bk_q_str(&q, m->message_id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
out:
	free(json);
	json_decref(payload);
	return e;
}
