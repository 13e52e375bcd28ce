/*
 * util.c: capped buffers, UTF-8 and URL decoding, numbers.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "borikan.h"

void
bk_buf_init(struct bk_buf *b, size_t cap)
{
	memset(b, 0, sizeof(*b));
	b->cap = cap;
}

void
bk_buf_free(struct bk_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}

static enum bk_err
buf_reserve(struct bk_buf *b, size_t more)
{
	size_t need, nsize;
	char *p;

	if (more > b->cap || b->len > b->cap - more)
		return BK_ETOOBIG;
	need = b->len + more + 1;
	if (need <= b->size)
		return BK_OK;
	nsize = b->size ? b->size : 256;
	while (nsize < need)
		nsize *= 2;
	if ((p = realloc(b->data, nsize)) == NULL)
		return BK_ENOMEM;
	b->data = p;
	b->size = nsize;
	return BK_OK;
}

enum bk_err
bk_buf_add(struct bk_buf *b, const void *p, size_t n)
{
	enum bk_err e;

	if ((e = buf_reserve(b, n)) != BK_OK)
		return e;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return BK_OK;
}

enum bk_err
bk_buf_adds(struct bk_buf *b, const char *s)
{
	return bk_buf_add(b, s, strlen(s));
}

enum bk_err
bk_buf_printf(struct bk_buf *b, const char *fmt, ...)
{
	va_list ap;
	enum bk_err e;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return BK_EINVAL;
	if ((e = buf_reserve(b, (size_t)n)) != BK_OK)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return BK_OK;
}

/* Strict UTF-8: no overlongs, no surrogates, nothing past U+10FFFF, no NUL. */
bool
bk_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		unsigned c = *p;
		size_t n;
		uint32_t cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			p++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1; cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2; cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3; cp = c & 0x07;
		} else
			return false;
		if ((size_t)(end - p) <= n)
			return false;
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		p += n + 1;
	}
	return true;
}

size_t
bk_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = strlen(src);

	if (size > 0) {
		size_t c = n < size - 1 ? n : size - 1;
		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes application/x-www-form-urlencoded text into out (NUL-terminated).
 * BK_EINVAL on a bad escape, a NUL or invalid UTF-8; BK_ETOOBIG if out is too small.
 */
enum bk_err
bk_url_decode(const char *in, size_t inlen, char *out, size_t outsz, size_t *outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < inlen; i++) {
		int c = (unsigned char)in[i];

		if (c == '+')
			c = ' ';
		else if (c == '%') {
			int h, l;
			if (i + 2 >= inlen)
				return BK_EINVAL;
			h = hexval((unsigned char)in[i + 1]);
			l = hexval((unsigned char)in[i + 2]);
			if (h < 0 || l < 0)
				return BK_EINVAL;
			c = h * 16 + l;
			i += 2;
		}
		if (c == 0)
			return BK_EINVAL;
		if (o + 1 >= outsz)
			return BK_ETOOBIG;
		out[o++] = (char)c;
	}
	if (outsz == 0)
		return BK_ETOOBIG;
	out[o] = '\0';
	if (!bk_utf8_valid(out, o))
		return BK_EINVAL;
	if (outlen != NULL)
		*outlen = o;
	return BK_OK;
}

void
bk_hex(const unsigned char *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

double
bk_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses a whole decimal number in [min, max]; never atoi. */
enum bk_err
bk_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return BK_EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return BK_EINVAL;
	*out = v;
	return BK_OK;
}

/*
 * Fills key (len bytes) from the key file at path, or makes the file (len random bytes,
 * mode 0600) when it does not exist. BK_OK, or BK_EIO when it can be neither read nor
 * made, or holds another number of bytes. One mechanism for every key Borikan keeps.
 */
enum bk_err
bk_key_file(const char *path, unsigned char *key, size_t len)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 && errno == ENOENT) {
		randombytes_buf(key, len);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
			goto fail;
		n = write(fd, key, len);
		if (close(fd) != 0 || n != (ssize_t)len) {
			unlink(path);
			goto fail;
		}
		return BK_OK;
	}
	if (fd < 0)
		goto fail;
	n = read(fd, key, len);
	close(fd);
	if (n == (ssize_t)len)
		return BK_OK;
fail:
	sodium_memzero(key, len);
	return BK_EIO;
}
