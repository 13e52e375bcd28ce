/*
 * multipart.c: a multipart/form-data body (RFC 7578), parsed as it streams in.
 *
 * The body is fed in chunks of any size. Small text fields are kept in memory, each
 * under a cap; the one file part is written to a temporary file beside the attachment
 * store while its SHA-256 is computed, so a file is never held in memory whole. Every
 * refusal has its own reason (enum bk_mp_err) and an HTTP status (bk_mp_status).
 *
 * The delimiter is CRLF "--" boundary. A boundary holds no CR (RFC 2046 bchars, checked
 * in bk_mp_begin), so CR appears in the delimiter only at its start: on a mismatch the
 * bytes matched so far are content and the search starts again at the current byte.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "borikan.h"

enum {
	S_PREAMBLE,	/* before the first delimiter */
	S_AFTER_DELIM,	/* "--" (the end) or padding and CRLF (a part) */
	S_DASH,		/* one '-' of the closing "--" seen */
	S_PAD,		/* transport padding after a delimiter */
	S_PAD_CR,	/* CR after the delimiter or its padding */
	S_HEADER,	/* a header line of a part */
	S_HEADER_CR,	/* CR at the end of a header line */
	S_BODY,		/* the content of a part */
	S_EPILOGUE,	/* after the closing delimiter: ignored */
	S_FAILED,
};

static const char *const reasons[] = {
	[BK_MP_OK] = "ok",
	[BK_MP_NOT_MULTIPART] = "not multipart/form-data",
	[BK_MP_NO_BOUNDARY] = "no boundary",
	[BK_MP_BAD_BOUNDARY] = "a boundary with characters RFC 2046 does not allow",
	[BK_MP_BOUNDARY_TOO_LONG] = "a boundary longer than 70 characters",
	[BK_MP_NO_NAME] = "a part without a name",
	[BK_MP_TOO_MANY_PARTS] = "too many parts",
	[BK_MP_FIELD_TOO_LONG] = "a field longer than its cap",
	[BK_MP_HEADER_TOO_LONG] = "a part header longer than its cap",
	[BK_MP_TOO_BIG] = "a body past the cap",
	[BK_MP_TRUNCATED] = "a truncated body",
	[BK_MP_MALFORMED] = "a malformed body",
	[BK_MP_TWO_FILES] = "more than one file",
	[BK_MP_DUPLICATE] = "a field given twice",
	[BK_MP_NO_LENGTH] = "no Content-Length",
	[BK_MP_IO] = "a temporary file could not be written",
	[BK_MP_NOMEM] = "out of memory",
};

const char *
bk_mp_reason(enum bk_mp_err e)
{
	return (unsigned)e < sizeof(reasons) / sizeof(reasons[0]) && reasons[e] != NULL ?
	    reasons[e] : "?";
}

/* The HTTP status that answers a refusal. */
int
bk_mp_status(enum bk_mp_err e)
{
	switch (e) {
	case BK_MP_OK:
		return 200;
	case BK_MP_NOT_MULTIPART:
		return 415;
	case BK_MP_TOO_BIG:
	case BK_MP_FIELD_TOO_LONG:
		return 413;
	case BK_MP_NO_LENGTH:
		return 411;
	case BK_MP_IO:
	case BK_MP_NOMEM:
		return 500;
	default:
		return 400;
	}
}

/* RFC 2046 bchars (a space only inside: checked by the caller). */
static bool
bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/* The streaming UTF-8 check of the file's content (the "plain text" type needs it). */
static void
utf8_step(struct bk_upload *u, unsigned char c)
{
	if (!u->utf8)
		return;
	if (u->u8need == 0) {
		u->u8lo = 0x80;
		u->u8hi = 0xbf;
		if (c == 0)
			u->utf8 = false;
		else if (c < 0x80)
			return;
		else if (c >= 0xc2 && c <= 0xdf)
			u->u8need = 1;
		else if (c == 0xe0) {
			u->u8need = 2;
			u->u8lo = 0xa0;
		} else if ((c >= 0xe1 && c <= 0xec) || c == 0xee || c == 0xef)
			u->u8need = 2;
		else if (c == 0xed) {
			u->u8need = 2;
			u->u8hi = 0x9f;	/* no surrogates */
		} else if (c == 0xf0) {
			u->u8need = 3;
			u->u8lo = 0x90;
		} else if (c >= 0xf1 && c <= 0xf3)
			u->u8need = 3;
		else if (c == 0xf4) {
			u->u8need = 3;
			u->u8hi = 0x8f;
		} else
			u->utf8 = false;
		return;
	}
	if (c < u->u8lo || c > u->u8hi) {
		u->utf8 = false;
		return;
	}
	u->u8need--;
	u->u8lo = 0x80;
	u->u8hi = 0xbf;
}

/*
 * Starts a parse of a body of content_type. tmpdir is where the file part goes (NULL:
 * its content is hashed and checked, then dropped: the fuzz target). The upload must be
 * released with bk_mp_free whatever happens.
 */
enum bk_mp_err
bk_mp_begin(struct bk_upload *u, const char *content_type, const char *tmpdir)
{
	const char *p, *b;
	size_t n = 0;

	memset(u, 0, sizeof(*u));
	u->fd = -1;
	u->state = S_FAILED;
	u->max_body = BK_MP_MAX_BODY;
	u->tmpdir = tmpdir;
	if (content_type == NULL || strncasecmp(content_type, "multipart/form-data", 19) != 0 ||
	    (content_type[19] != ';' && content_type[19] != ' ' && content_type[19] != '\0'))
		return u->err = BK_MP_NOT_MULTIPART;
	/* The boundary parameter: quoted or not, among others. */
	for (p = content_type + 19; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) == 0)
			break;
	}
	if (p == NULL)
		return u->err = BK_MP_NO_BOUNDARY;
	b = p + 9;
	if (*b == '"') {
		b++;
		while (b[n] != '"' && b[n] != '\0')
			n++;
		if (b[n] != '"')
			return u->err = BK_MP_BAD_BOUNDARY;
	} else
		n = strcspn(b, "; \t");
	if (n == 0)
		return u->err = BK_MP_NO_BOUNDARY;
	if (n > BK_MP_MAX_BOUNDARY)
		return u->err = BK_MP_BOUNDARY_TOO_LONG;
	for (size_t i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return u->err = BK_MP_BAD_BOUNDARY;
	if (b[n - 1] == ' ')
		return u->err = BK_MP_BAD_BOUNDARY;
	memcpy(u->delim, "\r\n--", 4);
	memcpy(u->delim + 4, b, n);
	u->dlen = n + 4;
	u->delim[u->dlen] = '\0';
	/* The first delimiter may open the body: match it as if a CRLF came before. */
	u->state = S_PREAMBLE;
	u->m = 2;
	crypto_hash_sha256_init(&u->hash);
	return BK_MP_OK;
}

static enum bk_mp_err
fail(struct bk_upload *u, enum bk_mp_err e)
{
	u->state = S_FAILED;
	u->err = e;
	return e;
}

static enum bk_mp_err
file_flush(struct bk_upload *u)
{
	size_t off = 0;

	if (u->olen == 0)
		return BK_MP_OK;
	crypto_hash_sha256_update(&u->hash, u->obuf, u->olen);
	while (u->fd >= 0 && off < u->olen) {
		ssize_t w = write(u->fd, u->obuf + off, u->olen - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			bk_log(BK_LOG_ERR, "write %s: %s", u->tmppath, strerror(errno));
			return BK_MP_IO;
		}
		off += (size_t)w;
	}
	u->olen = 0;
	return BK_MP_OK;
}

/* Content bytes of the current part. */
static enum bk_mp_err
content(struct bk_upload *u, const unsigned char *p, size_t n)
{
	enum bk_mp_err e;

	if (u->part_kind == 'f') {
		if (u->size + n > BK_MP_MAX_FILE)
			return BK_MP_TOO_BIG;
		for (size_t i = 0; i < n; i++) {
			if (u->size + i < sizeof(u->head))
				u->head[u->size + i] = p[i];
			utf8_step(u, p[i]);
			u->obuf[u->olen++] = p[i];
			if (u->olen == sizeof(u->obuf) && (e = file_flush(u)) != BK_MP_OK)
				return e;
		}
		u->size += n;
		u->headlen = u->size < sizeof(u->head) ? u->size : sizeof(u->head);
		return BK_MP_OK;
	}
	if (u->part_kind == 'v') {
		struct bk_param *f = &u->fields[u->nfields - 1];
		if (u->vlen + n > BK_MP_MAX_FIELD)
			return BK_MP_FIELD_TOO_LONG;
		memcpy(f->value + u->vlen, p, n);
		u->vlen += n;
		f->value[u->vlen] = '\0';
	}
	/* 'x': an empty file input's part: its content (none, from a browser) is dropped. */
	return BK_MP_OK;
}

/*
 * The parameters of a Content-Disposition after its type, in one pass (a quoted value may
 * hold ';'): name and filename are copied out unquoted, any other is skipped.
 */
static enum bk_mp_err
disposition(const char *p, char *name, size_t namesz, bool *has_name, char *fname,
    size_t fnamesz, bool *has_file)
{
	*has_name = *has_file = false;
	for (;;) {
		const char *key;
		size_t klen, o = 0, outsz = 0;
		char *out = NULL;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return BK_MP_OK;
		if (*p++ != ';')
			return BK_MP_MALFORMED;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return BK_MP_OK;
		key = p;
		while (*p != '=' && *p != ';' && *p != '\0' && *p != ' ' && *p != '"')
			p++;
		klen = (size_t)(p - key);
		if (*p != '=' || klen == 0)
			return BK_MP_MALFORMED;
		p++;
		if (klen == 4 && strncasecmp(key, "name", 4) == 0) {
			if (*has_name)
				return BK_MP_MALFORMED;
			*has_name = true;
			out = name;
			outsz = namesz;
		} else if (klen == 8 && strncasecmp(key, "filename", 8) == 0) {
			if (*has_file)
				return BK_MP_MALFORMED;
			*has_file = true;
			out = fname;
			outsz = fnamesz;
		}
		if (*p == '"') {
			for (p++; *p != '"'; p++) {
				if (*p == '\0')
					return BK_MP_MALFORMED;
				if (*p == '\\' && p[1] != '\0')
					p++;
				if (out != NULL && o + 1 >= outsz)
					return BK_MP_HEADER_TOO_LONG;
				if (out != NULL)
					out[o++] = *p;
			}
			p++;
		} else {
			for (; *p != ';' && *p != '\0' && *p != ' ' && *p != '\t'; p++) {
				if (out != NULL && o + 1 >= outsz)
					return BK_MP_HEADER_TOO_LONG;
				if (out != NULL)
					out[o++] = *p;
			}
		}
		if (out != NULL)
			out[o] = '\0';
	}
}

/* One header line of a part (without its CRLF). Only Content-Disposition matters. */
static enum bk_mp_err
header_line(struct bk_upload *u)
{
	char *line = u->hbuf, *colon = strchr(line, ':'), *v;
	char name[BK_MP_MAX_NAME + 1], fname[BK_MP_MAX_FILENAME + 1];
	bool has_name, has_file;
	enum bk_mp_err e;

	if (colon == NULL || colon == line)
		return BK_MP_MALFORMED;
	*colon = '\0';
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	if (strcasecmp(line, "Content-Disposition") != 0)
		return BK_MP_OK;
	if (u->part_seen_disposition)
		return BK_MP_MALFORMED;
	u->part_seen_disposition = true;
	if (strncasecmp(v, "form-data", 9) != 0 || (v[9] != ';' && v[9] != '\0' &&
	    v[9] != ' '))
		return BK_MP_MALFORMED;
	if ((e = disposition(v + 9, name, sizeof(name), &has_name, fname, sizeof(fname),
	    &has_file)) != BK_MP_OK)
		return e;
	if (!has_name || name[0] == '\0')
		return BK_MP_NO_NAME;
	bk_strlcpy(u->part_name, name, sizeof(u->part_name));
	if (has_file) {
		if (u->has_file)
			return BK_MP_TWO_FILES;
		u->has_file = true;
		bk_strlcpy(u->file_field, name, sizeof(u->file_field));
		bk_strlcpy(u->filename, fname, sizeof(u->filename));
		u->part_kind = fname[0] != '\0' ? 'f' : 'x';
	} else
		u->part_kind = 'v';
	return BK_MP_OK;
}

/* The blank line after a part's headers: the part's content starts. */
static enum bk_mp_err
part_start(struct bk_upload *u)
{
	struct bk_param *f;

	if (!u->part_seen_disposition || u->part_name[0] == '\0')
		return BK_MP_NO_NAME;
	if (u->part_kind == 'f') {
		u->utf8 = true;
		if (u->tmpdir != NULL) {
			int n = snprintf(u->tmppath, sizeof(u->tmppath), "%s/upload-XXXXXX",
			    u->tmpdir);
			if (n < 0 || (size_t)n >= sizeof(u->tmppath))
				return BK_MP_IO;
			if ((u->fd = mkostemp(u->tmppath, O_CLOEXEC)) < 0) {
				bk_log(BK_LOG_ERR, "mkstemp %s: %s", u->tmppath, strerror(errno));
				u->tmppath[0] = '\0';
				return BK_MP_IO;
			}
		}
		return BK_MP_OK;
	}
	if (u->part_kind != 'v')
		return BK_MP_OK;
	for (size_t i = 0; i < u->nfields; i++)
		if (strcmp(u->fields[i].key, u->part_name) == 0)
			return BK_MP_DUPLICATE;
	if (u->nfields == BK_MP_MAX_PARTS)
		return BK_MP_TOO_MANY_PARTS;
	f = &u->fields[u->nfields];
	if ((f->key = strdup(u->part_name)) == NULL)
		return BK_MP_NOMEM;
	if ((f->value = malloc(BK_MP_MAX_FIELD + 1)) == NULL) {
		free((char *)f->key);
		f->key = NULL;
		return BK_MP_NOMEM;
	}
	f->value[0] = '\0';
	u->nfields++;
	u->vlen = 0;
	return BK_MP_OK;
}

/* The delimiter after a part's content: the part is complete. */
static enum bk_mp_err
part_end(struct bk_upload *u)
{
	enum bk_mp_err e;

	if (u->part_kind == 'f') {
		if ((e = file_flush(u)) != BK_MP_OK)
			return e;
		if (u->u8need != 0)
			u->utf8 = false;
		crypto_hash_sha256_final(&u->hash, u->sha256);
		u->file_done = true;
	} else if (u->part_kind == 'v') {
		/* A text field is UTF-8 without NUL, like every other input. */
		if (!bk_utf8_valid(u->fields[u->nfields - 1].value, u->vlen))
			return BK_MP_MALFORMED;
	}
	u->part_kind = 0;
	return BK_MP_OK;
}

/* A new part's headers begin. */
static enum bk_mp_err
part_new(struct bk_upload *u)
{
	if (++u->nparts > BK_MP_MAX_PARTS)
		return BK_MP_TOO_MANY_PARTS;
	u->part_name[0] = '\0';
	u->part_seen_disposition = false;
	u->part_kind = 0;
	u->hlen = 0;
	u->htotal = 0;
	return BK_MP_OK;
}

/*
 * Feeds n more bytes of the body. BK_MP_OK while all is well (the parse may not be
 * complete yet); after a refusal, every later call returns the same refusal.
 */
enum bk_mp_err
bk_mp_feed(struct bk_upload *u, const void *data, size_t n)
{
	const unsigned char *p = data, *end = p + n;
	enum bk_mp_err e;

	if (u->state == S_FAILED)
		return u->err != BK_MP_OK ? u->err : BK_MP_MALFORMED;
	if (n > u->max_body - u->total)
		return fail(u, BK_MP_TOO_BIG);
	u->total += n;
	while (p < end) {
		unsigned char c = *p;

		switch (u->state) {
		case S_PREAMBLE:
		case S_BODY:
			if (c == (unsigned char)u->delim[u->m]) {
				p++;
				if (++u->m < u->dlen)
					break;
				u->m = 0;
				if (u->state == S_BODY && (e = part_end(u)) != BK_MP_OK)
					return fail(u, e);
				u->state = S_AFTER_DELIM;
				break;
			}
			if (u->m > 0) {
				/* What looked like a delimiter was content; c is looked at again. */
				if (u->state == S_BODY &&
				    (e = content(u, (const unsigned char *)u->delim, u->m)) != BK_MP_OK)
					return fail(u, e);
				u->m = 0;
				break;
			}
			/* The longest run of plain content at once: up to the next CR. */
			{
				const unsigned char *cr = memchr(p, '\r', (size_t)(end - p));
				size_t run = cr != NULL ? (size_t)(cr - p) : (size_t)(end - p);
				if (run == 0)
					run = 1;	/* a CR that does not start the delimiter */
				if (u->state == S_BODY && (e = content(u, p, run)) != BK_MP_OK)
					return fail(u, e);
				p += run;
			}
			break;
		case S_AFTER_DELIM:
			p++;
			if (c == '-')
				u->state = S_DASH;
			else if (c == ' ' || c == '\t')
				u->state = S_PAD;
			else if (c == '\r')
				u->state = S_PAD_CR;
			else
				return fail(u, BK_MP_MALFORMED);
			break;
		case S_DASH:
			p++;
			if (c != '-')
				return fail(u, BK_MP_MALFORMED);
			u->state = S_EPILOGUE;
			u->complete = true;
			break;
		case S_PAD:
			p++;
			if (c == '\r')
				u->state = S_PAD_CR;
			else if (c != ' ' && c != '\t')
				return fail(u, BK_MP_MALFORMED);
			break;
		case S_PAD_CR:
			p++;
			if (c != '\n')
				return fail(u, BK_MP_MALFORMED);
			if ((e = part_new(u)) != BK_MP_OK)
				return fail(u, e);
			u->state = S_HEADER;
			break;
		case S_HEADER:
			p++;
			if (c == '\r') {
				u->state = S_HEADER_CR;
				break;
			}
			if (c == '\n' || c == '\0')
				return fail(u, BK_MP_MALFORMED);
			if (u->hlen + 1 >= sizeof(u->hbuf) || ++u->htotal > BK_MP_MAX_HEADERS)
				return fail(u, BK_MP_HEADER_TOO_LONG);
			u->hbuf[u->hlen++] = (char)c;
			break;
		case S_HEADER_CR:
			p++;
			if (c != '\n')
				return fail(u, BK_MP_MALFORMED);
			u->hbuf[u->hlen] = '\0';
			if (u->hlen == 0) {
				if ((e = part_start(u)) != BK_MP_OK)
					return fail(u, e);
				u->state = S_BODY;
				u->m = 0;
				break;
			}
			if (!bk_utf8_valid(u->hbuf, u->hlen))
				return fail(u, BK_MP_MALFORMED);
			if ((e = header_line(u)) != BK_MP_OK)
				return fail(u, e);
			u->hlen = 0;
			u->state = S_HEADER;
			break;
		case S_EPILOGUE:
			p = end;
			break;
		default:
			return fail(u, BK_MP_MALFORMED);
		}
	}
	return BK_MP_OK;
}

/* The body has ended: BK_MP_OK only if the closing delimiter came. */
enum bk_mp_err
bk_mp_finish(struct bk_upload *u)
{
	if (u->state == S_FAILED)
		return u->err != BK_MP_OK ? u->err : BK_MP_MALFORMED;
	if (!u->complete)
		return fail(u, BK_MP_TRUNCATED);
	if (u->fd >= 0) {
		if (fsync(u->fd) != 0 || close(u->fd) != 0) {
			u->fd = -1;
			return fail(u, BK_MP_IO);
		}
		u->fd = -1;
	}
	return BK_MP_OK;
}

/* Releases what the upload holds: fields, the descriptor, and the temporary file if any. */
void
bk_mp_free(struct bk_upload *u)
{
	for (size_t i = 0; i < u->nfields; i++) {
		free((char *)u->fields[i].key);
		if (u->fields[i].value != NULL)
			sodium_memzero(u->fields[i].value, strlen(u->fields[i].value));
		free(u->fields[i].value);
	}
	u->nfields = 0;
	if (u->fd >= 0)
		close(u->fd);
	u->fd = -1;
	if (u->tmppath[0] != '\0')
		unlink(u->tmppath);
	u->tmppath[0] = '\0';
}

/*
 * Reads the request's multipart body from FastCGI in chunks of 64 KiB into a new upload
 * (r->upload, freed by bk_req_free) and copies its text fields into r->form, so the
 * router's CSRF check and the handler read them as any form. Returns 0, or the status
 * to answer: 411, 413, 415, 400, 500.
 */
int
bk_req_read_multipart(struct bk_req *r, const char *tmpdir)
{
	const char *type = FCGX_GetParam("CONTENT_TYPE", r->fcgx->envp);
	const char *lenstr = FCGX_GetParam("CONTENT_LENGTH", r->fcgx->envp);
	struct bk_upload *u;
	char *buf = NULL;
	long len, left;
	enum bk_mp_err e;

	if ((u = malloc(sizeof(*u))) == NULL)
		return 500;
	r->upload = u;
	if ((e = bk_mp_begin(u, type, tmpdir)) != BK_MP_OK)
		goto out;
	if (lenstr == NULL || *lenstr == '\0') {
		e = BK_MP_NO_LENGTH;
		goto out;
	}
	if (bk_parse_long(lenstr, 0, 1L << 40, &len) != BK_OK) {
		e = BK_MP_MALFORMED;
		goto out;
	}
	/* Refused before reading: the cap is nginx's client_max_body_size (10m). */
	if ((size_t)len > u->max_body) {
		e = BK_MP_TOO_BIG;
		goto out;
	}
	if ((buf = malloc(BK_MP_CHUNK)) == NULL) {
		e = BK_MP_NOMEM;
		goto out;
	}
	for (left = len; left > 0; ) {
		int want = left > BK_MP_CHUNK ? BK_MP_CHUNK : (int)left;
		int got = FCGX_GetStr(buf, want, r->fcgx->in);

		if (got <= 0)
			break;
		left -= got;
		if ((e = bk_mp_feed(u, buf, (size_t)got)) != BK_MP_OK)
			goto out;
	}
	e = bk_mp_finish(u);
	if (e == BK_MP_OK && left > 0)
		e = BK_MP_TRUNCATED;
	if (e != BK_MP_OK)
		goto out;
	/* The text fields move to the request's form; the upload keeps the file. */
	for (size_t i = 0; i < u->nfields && r->nform < BK_MAX_FORM_KEYS; i++) {
		r->form[r->nform++] = u->fields[i];
		u->fields[i].key = NULL;
		u->fields[i].value = NULL;
	}
	u->nfields = 0;
out:
	free(buf);
	if (e != BK_MP_OK) {
		bk_log(BK_LOG_WARN, "req %s: multipart body refused: %s", r->id, bk_mp_reason(e));
		return bk_mp_status(e);
	}
	return 0;
}
