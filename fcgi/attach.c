/*
 * attach.c: the attachment store and what a file must be to enter it.
 *
 * Files live outside nginx's root in BORIKAN_FILES as <first two hex>/<sha256 hex>: the
 * same content is stored once, and a name can never be chosen by a client. Directories
 * are 02750 (setgid: files inherit nginx's group, which serves them through an internal
 * location on X-Accel-Redirect), files 0640. Uploads are written under <files>/tmp on
 * the same file system, so moving one into place is a rename.
 *
 * The type is decided by the content (magic bytes), never by what the client said.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "borikan.h"

static char files_dir[512];
static char tmp_dir[600];

/* Remembers the store's directory; BK_EIO if it or its tmp/ cannot be used. */
enum bk_err
bk_attach_init(const char *dir)
{
	struct stat st;

	if (bk_strlcpy(files_dir, dir, sizeof(files_dir)) >= sizeof(files_dir))
		return BK_ETOOBIG;
	snprintf(tmp_dir, sizeof(tmp_dir), "%s/tmp", files_dir);
	if (stat(tmp_dir, &st) != 0 || !S_ISDIR(st.st_mode) || access(tmp_dir, W_OK) != 0) {
		bk_log(BK_LOG_ERR, "attachment store %s: not a writable directory", tmp_dir);
		return BK_EIO;
	}
	return BK_OK;
}

const char *
bk_attach_dir(void)
{
	return files_dir;
}

const char *
bk_attach_tmpdir(void)
{
	return tmp_dir;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

/*
 * The Content-Type of a file by its first bytes (head), its size and whether it is all
 * valid UTF-8, or NULL when the type is not one Borikan accepts. ZIP and OLE2 containers
 * are Office documents only under an Office name.
 */
const char *
bk_attach_type(const unsigned char *h, size_t n, size_t size, bool utf8, const char *filename)
{
	if (size == 0)
		return NULL;
	if (n >= 5 && memcmp(h, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 3 && memcmp(h, "\xff\xd8\xff", 3) == 0)
		return "image/jpeg";
	if (n >= 6 && (memcmp(h, "GIF87a", 6) == 0 || memcmp(h, "GIF89a", 6) == 0))
		return "image/gif";
	if (n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0)
		return "image/webp";
	if (n >= 4 && memcmp(h, "PK\x03\x04", 4) == 0) {
		if (ends_with(filename, ".docx"))
			return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
		if (ends_with(filename, ".xlsx"))
			return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		if (ends_with(filename, ".pptx"))
			return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
		return NULL;
	}
	if (n >= 8 && memcmp(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		if (ends_with(filename, ".doc"))
			return "application/msword";
		if (ends_with(filename, ".xls"))
			return "application/vnd.ms-excel";
		return NULL;
	}
	/*
	 * Plain text: valid UTF-8 without NUL, and not markup a browser would run if it ever
	 * ignored nosniff and the sandbox (an HTML file under another name).
	 */
	if (utf8) {
		size_t i = 0;
		if (n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0)
			i = 3;
		while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' || h[i] == '\n'))
			i++;
		if (i < n && h[i] == '<')
			return NULL;
		return "text/plain; charset=utf-8";
	}
	return NULL;
}

static const char *const known_types[] = {
	"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.presentationml.presentation",
	"application/msword", "application/vnd.ms-excel", "text/plain; charset=utf-8",
};

/* The constant string of a type bk_attach_type gives, or application/octet-stream. */
const char *
bk_attach_known_type(const char *type)
{
	for (size_t i = 0; i < sizeof(known_types) / sizeof(known_types[0]); i++)
		if (strcmp(type, known_types[i]) == 0)
			return known_types[i];
	return "application/octet-stream";
}

/*
 * Is filename one we keep? Valid UTF-8, 1-200 characters, no path separator, no control
 * character (C0, DEL, C1), not "." or "..".
 */
bool
bk_attach_name_ok(const char *s)
{
	size_t n = strlen(s), chars = 0;
	const unsigned char *p = (const unsigned char *)s;

	if (n == 0 || !bk_utf8_valid(s, n) || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f || p[i] == '/' || p[i] == '\\')
			return false;
		/* C1 controls U+0080-U+009F are C2 80 - C2 9F. */
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return false;
		if ((p[i] & 0xc0) != 0x80)
			chars++;
	}
	return chars <= BK_ATTACH_MAX_NAME_CHARS;
}

/*
 * Moves the uploaded file at tmppath into the store under its hash. When the content is
 * already stored, the upload is removed instead. BK_EIO on a failed system call (logged).
 */
enum bk_err
bk_attach_store(const char *tmppath, const unsigned char sha256[32])
{
	char hex[65], dir[600], path[700];
	struct stat st;

	bk_hex(sha256, 32, hex);
	snprintf(dir, sizeof(dir), "%s/%.2s", files_dir, hex);
	if (snprintf(path, sizeof(path), "%s/%s", dir, hex) >= (int)sizeof(path))
		return BK_ETOOBIG;
	if (mkdir(dir, 02750) != 0 && errno != EEXIST) {
		bk_log(BK_LOG_ERR, "mkdir %s: %s", dir, strerror(errno));
		return BK_EIO;
	}
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		unlink(tmppath);
		return BK_OK;
	}
	if (chmod(tmppath, 0640) != 0 || rename(tmppath, path) != 0) {
		bk_log(BK_LOG_ERR, "storing %s as %s: %s", tmppath, path, strerror(errno));
		return BK_EIO;
	}
	return BK_OK;
}

static bool
attr_char(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    strchr("!#$&+-.^_`|~", c) != NULL;
}

/*
 * The value of a Content-Disposition header for filename (checked by bk_attach_name_ok):
 * attachment; filename="<ASCII, '_' for anything else>"; filename*=UTF-8''<percent-encoded>
 * (RFC 6266, RFC 8187). BK_ETOOBIG if it does not fit in out.
 */
enum bk_err
bk_content_disposition(const char *filename, char *out, size_t size)
{
	static const char hexd[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)filename;
	struct bk_buf b;
	enum bk_err e;

	bk_buf_init(&b, size > 0 ? size - 1 : 0);
	e = bk_buf_adds(&b, "attachment; filename=\"");
	for (; *p != '\0' && e == BK_OK; p++) {
		if ((*p & 0xc0) == 0x80)
			continue;	/* one '_' per character, not per byte */
		e = bk_buf_add(&b, *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' &&
		    *p != '%' ? (const char *)p : "_", 1);
	}
	if (e == BK_OK)
		e = bk_buf_adds(&b, "\"; filename*=UTF-8''");
	for (p = (const unsigned char *)filename; *p != '\0' && e == BK_OK; p++) {
		if (attr_char(*p))
			e = bk_buf_add(&b, p, 1);
		else {
			char enc[3] = { '%', hexd[*p >> 4], hexd[*p & 15] };
			e = bk_buf_add(&b, enc, 3);
		}
	}
	if (e == BK_OK)
		bk_strlcpy(out, b.data, size);
	bk_buf_free(&b);
	return e;
}
