/*
 * Unit tests of multipart.c (the upload parser) and of attach.c's checks of a file:
 * table-driven bodies, each fed whole, in 1-byte chunks and in 7-byte chunks.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "borikan.h"

#define B "----WebKitFormBoundaryX3bY"
#define CT "multipart/form-data; boundary=" B
#define CD "Content-Disposition: form-data; "

struct want_field {
	const char *name, *value;
};
struct good_case {
	const char *what, *ctype, *body;
	size_t bodylen;		/* 0: strlen(body) */
	struct want_field fields[4];
	const char *filename;	/* NULL: no file part */
	const char *file;	/* its content */
	size_t filelen;		/* 0: strlen(file) */
};

/* A PDF whose content holds the boundary in ways that are not a delimiter. */
#define TRICKY \
    "%PDF-1.4 --" B "\r\n"		/* no CRLF before it */ \
    "x\n--" B "--\n"			/* LF only */ \
    "\r\n--" "----WebKitFormBoundaryX3b" "Z\r\n"	/* CRLF and a prefix of it */ \
    "\r\r\n--" "----WebKit" "\r\n"	/* CR CR LF and a shorter prefix */ \
    "end\r\n"
static const char pdf_tricky[] = TRICKY;

static const struct good_case good[] = {
	{ "one field, unquoted boundary", CT,
	  "--" B "\r\n" CD "name=\"csrf\"\r\n\r\nabc123\r\n--" B "--\r\n", 0,
	  { { "csrf", "abc123" } }, NULL, NULL, 0 },
	{ "quoted boundary with a space, two fields, other parameters", 
	  "multipart/form-data; charset=utf-8; boundary=\"a b'(c)\"",
	  "--a b'(c)\r\n" CD "name=version\r\n\r\n7\r\n--a b'(c)\r\n" CD "name=\"note\"\r\n"
	  "Content-Type: text/plain; charset=utf-8\r\n\r\nหมายเหตุ\r\nบรรทัดสอง\r\n--a b'(c)--", 0,
	  { { "version", "7" }, { "note", "หมายเหตุ\r\nบรรทัดสอง" } }, NULL, NULL, 0 },
	{ "three parts: csrf, note and a file with a Thai name", CT,
	  "--" B "\r\n" CD "name=\"csrf\"\r\n\r\ntok\r\n"
	  "--" B "\r\n" CD "name=\"note\"\r\n\r\n\r\n"
	  "--" B "\r\n" CD "name=\"file\"; filename=\"ใบแจ้งซ่อม.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
	  "%PDF-1.7 body\r\n\r\n--" B "--\r\n", 0,
	  { { "csrf", "tok" }, { "note", "" } }, "ใบแจ้งซ่อม.pdf", "%PDF-1.7 body\r\n", 0 },
	{ "the boundary inside the file without being a delimiter", CT,
	  "--" B "\r\n" CD "name=\"file\"; filename=\"t.pdf\"\r\n\r\n"
	  TRICKY "\r\n--" B "--", 0,
	  { { NULL, NULL } }, "t.pdf", pdf_tricky, 0 },
	{ "preamble, padding after the delimiter, epilogue", CT,
	  "ignored preamble\r\n--" B " \t\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "--\r\nepilogue\r\n", 0,
	  { { "a", "1" } }, NULL, NULL, 0 },
	{ "a file with NUL bytes and a lone CR", CT,
	  "--" B "\r\n" CD "name=\"f\"; filename=\"p.png\"\r\n\r\n\x89PNG\r\n\x1a\n\0\0\r\x01\r\n--" B "--", 
	  sizeof("--" B "\r\n" CD "name=\"f\"; filename=\"p.png\"\r\n\r\n\x89PNG\r\n\x1a\n\0\0\r\x01\r\n--" B "--") - 1,
	  { { NULL, NULL } }, "p.png", "\x89PNG\r\n\x1a\n\0\0\r\x01", 12 },
	{ "an empty file input (no file chosen)", CT,
	  "--" B "\r\n" CD "name=\"csrf\"\r\n\r\nt\r\n--" B "\r\n" CD "name=\"file\"; filename=\"\"\r\n"
	  "Content-Type: application/octet-stream\r\n\r\n\r\n--" B "--\r\n", 0,
	  { { "csrf", "t" } }, "", "", 0 },
	{ "a filename with ';' and an escaped quote", CT,
	  "--" B "\r\n" CD "name=\"file\"; filename=\"a;name=\\\"x\\\".txt\"\r\n\r\nhi\r\n--" B "--", 0,
	  { { NULL, NULL } }, "a;name=\"x\".txt", "hi", 0 },
};

static char tmpdir[64];

static void
setup(void)
{
	bk_strlcpy(tmpdir, "/tmp/check_multipart.XXXXXX", sizeof(tmpdir));
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	rmdir(tmpdir);
}

static size_t
files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

/* Parses body in chunks of chunk bytes (0: whole). */
static enum bk_mp_err
parse(struct bk_upload *u, const char *ctype, const char *body, size_t len, size_t chunk,
    const char *dir)
{
	enum bk_mp_err e = bk_mp_begin(u, ctype, dir);

	if (chunk == 0)
		chunk = len > 0 ? len : 1;
	for (size_t off = 0; e == BK_MP_OK && off < len; off += chunk)
		e = bk_mp_feed(u, body + off, len - off < chunk ? len - off : chunk);
	return e == BK_MP_OK ? bk_mp_finish(u) : e;
}

static const char *
field(const struct bk_upload *u, const char *name)
{
	for (size_t i = 0; i < u->nfields; i++)
		if (strcmp(u->fields[i].key, name) == 0)
			return u->fields[i].value;
	return NULL;
}

START_TEST(good_bodies_parse_the_same_in_any_chunks)
{
	static const size_t chunks[] = { 0, 1, 7 };
	const struct good_case *c = &good[_i / 3];
	size_t chunk = chunks[_i % 3], len = c->bodylen ? c->bodylen : strlen(c->body);
	struct bk_upload *u = malloc(sizeof(*u));
	size_t nwant = 0;

	ck_assert_ptr_nonnull(u);
	ck_assert_msg(parse(u, c->ctype, c->body, len, chunk, tmpdir) == BK_MP_OK,
	    "%s (chunk %zu): %s", c->what, chunk, bk_mp_reason(u->err));
	for (; nwant < 4 && c->fields[nwant].name != NULL; nwant++) {
		const char *v = field(u, c->fields[nwant].name);
		ck_assert_msg(v != NULL, "%s: field %s missing", c->what, c->fields[nwant].name);
		ck_assert_str_eq(v, c->fields[nwant].value);
	}
	ck_assert_uint_eq(u->nfields, nwant);
	if (c->filename == NULL)
		ck_assert(!u->has_file);
	else {
		size_t flen = c->filelen ? c->filelen : strlen(c->file);
		unsigned char want[32];
		char *got = malloc(flen + 1);
		FILE *f;

		ck_assert(u->has_file);
		ck_assert_str_eq(u->filename, c->filename);
		ck_assert_uint_eq(u->size, flen);
		if (c->filename[0] == '\0') {
			ck_assert_str_eq(u->tmppath, "");	/* nothing written */
		} else {
			crypto_hash_sha256(want, (const unsigned char *)c->file, flen);
			ck_assert_mem_eq(u->sha256, want, 32);
			ck_assert_mem_eq(u->head, c->file, flen < 64 ? flen : 64);
			ck_assert_ptr_nonnull(f = fopen(u->tmppath, "rb"));
			ck_assert_uint_eq(fread(got, 1, flen + 1, f), flen);
			ck_assert_mem_eq(got, c->file, flen);
			fclose(f);
		}
		free(got);
	}
	bk_mp_free(u);
	free(u);
	ck_assert_uint_eq(files_in(tmpdir), 0);	/* bk_mp_free removed the temporary file */
}
END_TEST

struct bad_case {
	const char *what, *ctype, *body;
	enum bk_mp_err want;
	int status;
};

static char many_parts[2048], long_field[9000], long_boundary_ct[128], ok70_ct[128];

static const struct bad_case bad[] = {
	{ "not multipart", "application/x-www-form-urlencoded", "a=b", BK_MP_NOT_MULTIPART, 415 },
	{ "no Content-Type", NULL, "", BK_MP_NOT_MULTIPART, 415 },
	{ "no boundary", "multipart/form-data", "--x\r\n", BK_MP_NO_BOUNDARY, 400 },
	{ "an empty boundary", "multipart/form-data; boundary=", "--\r\n", BK_MP_NO_BOUNDARY, 400 },
	{ "a boundary with '@'", "multipart/form-data; boundary=ab@c", "", BK_MP_BAD_BOUNDARY, 400 },
	{ "a boundary ending in a space", "multipart/form-data; boundary=\"ab \"", "", BK_MP_BAD_BOUNDARY, 400 },
	{ "an unterminated quoted boundary", "multipart/form-data; boundary=\"abc", "", BK_MP_BAD_BOUNDARY, 400 },
	{ "a boundary of 71 characters", long_boundary_ct, "", BK_MP_BOUNDARY_TOO_LONG, 400 },
	{ "a part without a name", CT, "--" B "\r\n" CD "filename=\"x.txt\"\r\n\r\nabc\r\n--" B "--",
	  BK_MP_NO_NAME, 400 },
	{ "a part with an empty name", CT, "--" B "\r\n" CD "name=\"\"\r\n\r\nabc\r\n--" B "--",
	  BK_MP_NO_NAME, 400 },
	{ "a part without Content-Disposition", CT, "--" B "\r\nContent-Type: text/plain\r\n\r\nabc\r\n--" B "--",
	  BK_MP_NO_NAME, 400 },
	{ "too many parts", CT, many_parts, BK_MP_TOO_MANY_PARTS, 400 },
	{ "a field too long", CT, long_field, BK_MP_FIELD_TOO_LONG, 413 },
	{ "truncated in a part's content", CT, "--" B "\r\n" CD "name=\"a\"\r\n\r\nabc\r\n--" B,
	  BK_MP_TRUNCATED, 400 },
	{ "truncated in the headers", CT, "--" B "\r\n" CD "name=\"a\"\r\n", BK_MP_TRUNCATED, 400 },
	{ "an empty body", CT, "", BK_MP_TRUNCATED, 400 },
	{ "bare LF after a header", CT, "--" B "\r\n" CD "name=\"a\"\n\r\n1\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
	{ "junk after a delimiter", CT, "--" B "x\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
	{ "not form-data", CT, "--" B "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
	{ "a name given twice in one header", CT, "--" B "\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\n1\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
	{ "a field given twice", CT, "--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "\r\n" CD
	  "name=\"a\"\r\n\r\n2\r\n--" B "--", BK_MP_DUPLICATE, 400 },
	{ "two files", CT, "--" B "\r\n" CD "name=\"a\"; filename=\"a.txt\"\r\n\r\n1\r\n--" B "\r\n" CD
	  "name=\"b\"; filename=\"b.txt\"\r\n\r\n2\r\n--" B "--", BK_MP_TWO_FILES, 400 },
	{ "a field that is not UTF-8", CT, "--" B "\r\n" CD "name=\"a\"\r\n\r\n\xff\xfe\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
	{ "a header line without a colon", CT, "--" B "\r\nnonsense\r\n\r\n1\r\n--" B "--",
	  BK_MP_MALFORMED, 400 },
};

static void
make_bodies(void)
{
	size_t n = 0;
	char b71[72];

	for (int i = 0; i < 9; i++)
		n += (size_t)snprintf(many_parts + n, sizeof(many_parts) - n,
		    "--" B "\r\n" CD "name=\"f%d\"\r\n\r\nv\r\n", i);
	snprintf(many_parts + n, sizeof(many_parts) - n, "--" B "--\r\n");
	n = (size_t)snprintf(long_field, sizeof(long_field), "--" B "\r\n" CD "name=\"note\"\r\n\r\n");
	memset(long_field + n, 'x', BK_MP_MAX_FIELD + 1);
	n += BK_MP_MAX_FIELD + 1;
	snprintf(long_field + n, sizeof(long_field) - n, "\r\n--" B "--");
	memset(b71, 'b', 71);
	b71[71] = '\0';
	snprintf(long_boundary_ct, sizeof(long_boundary_ct), "multipart/form-data; boundary=%s", b71);
	b71[70] = '\0';
	snprintf(ok70_ct, sizeof(ok70_ct), "multipart/form-data; boundary=%s", b71);
}

START_TEST(each_refusal_has_its_reason_and_status)
{
	static const size_t chunks[] = { 0, 1, 7 };
	const struct bad_case *c = &bad[_i / 3];
	struct bk_upload *u = malloc(sizeof(*u));
	enum bk_mp_err e;

	make_bodies();
	e = parse(u, c->ctype, c->body, strlen(c->body), chunks[_i % 3], tmpdir);
	ck_assert_msg(e == c->want, "%s (chunk %zu): got \"%s\", want \"%s\"", c->what,
	    chunks[_i % 3], bk_mp_reason(e), bk_mp_reason(c->want));
	ck_assert_int_eq(bk_mp_status(e), c->status);
	/* A refusal sticks. */
	ck_assert_int_eq(bk_mp_feed(u, "x", 1), e);
	bk_mp_free(u);
	free(u);
	ck_assert_uint_eq(files_in(tmpdir), 0);
}
END_TEST

START_TEST(a_boundary_of_70_characters_is_accepted)
{
	struct bk_upload u;

	make_bodies();
	ck_assert_int_eq(bk_mp_begin(&u, ok70_ct, NULL), BK_MP_OK);
	bk_mp_free(&u);
}
END_TEST

START_TEST(a_body_past_the_cap_is_413)
{
	struct bk_upload *u = malloc(sizeof(*u));
	const char *head = "--" B "\r\n" CD "name=\"file\"; filename=\"big.pdf\"\r\n\r\n";
	size_t chunk = 1 << 20, fed;
	char *buf = malloc(chunk);
	enum bk_mp_err e;

	memset(buf, 'A', chunk);
	ck_assert_int_eq(bk_mp_begin(u, CT, tmpdir), BK_MP_OK);
	ck_assert_int_eq(bk_mp_feed(u, head, strlen(head)), BK_MP_OK);
	fed = strlen(head);
	for (e = BK_MP_OK; e == BK_MP_OK && fed <= BK_MP_MAX_BODY; fed += chunk)
		e = bk_mp_feed(u, buf, chunk);
	ck_assert_int_eq(e, BK_MP_TOO_BIG);
	ck_assert_int_eq(bk_mp_status(e), 413);
	ck_assert(fed <= BK_MP_MAX_BODY + chunk);
	bk_mp_free(u);
	ck_assert_uint_eq(files_in(tmpdir), 0);
	free(u);
	free(buf);
}
END_TEST

START_TEST(types_are_decided_by_content)
{
	static const struct {
		const char *head;
		size_t len;
		bool utf8;
		const char *name, *want;
	} t[] = {
		{ "%PDF-1.7\n", 9, true, "x.pdf", "application/pdf" },
		{ "%PDF-1.7\n", 9, true, "renamed.txt", "application/pdf" },
		{ "\x89PNG\r\n\x1a\n\0\0", 10, false, "a.png", "image/png" },
		{ "\xff\xd8\xff\xe0", 4, false, "a.jpg", "image/jpeg" },
		{ "GIF89a..", 8, true, "a.gif", "image/gif" },
		{ "RIFF\x10\0\0\0WEBPVP8 ", 16, false, "a.webp", "image/webp" },
		{ "PK\x03\x04\x14\0", 6, false, "รายงาน.DOCX",
		  "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "PK\x03\x04\x14\0", 6, false, "a.xlsx",
		  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "PK\x03\x04\x14\0", 6, false, "a.zip", NULL },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, false, "a.doc", "application/msword" },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, false, "a.msi", NULL },
		{ "สวัสดี\n", 19, true, "a.txt", "text/plain; charset=utf-8" },
		{ "\xff\xfe", 2, false, "a.txt", NULL },
		{ "<!DOCTYPE html><script>", 23, true, "a.pdf", NULL },
		{ "\xef\xbb\xbf  <svg", 9, true, "a.txt", NULL },
		{ "MZ\x90\0", 4, false, "a.pdf", NULL },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *got = bk_attach_type((const unsigned char *)t[i].head, t[i].len,
		    t[i].len, t[i].utf8, t[i].name);
		if (t[i].want == NULL)
			ck_assert_msg(got == NULL, "%zu: %s", i, got);
		else
			ck_assert_msg(got != NULL && strcmp(got, t[i].want) == 0, "%zu: %s", i,
			    got ? got : "NULL");
	}
	ck_assert_ptr_null(bk_attach_type((const unsigned char *)"", 0, 0, true, "a.txt"));
}
END_TEST

START_TEST(file_names_are_checked)
{
	char n200[700] = "", n201[700] = "";

	for (int i = 0; i < 200; i++)
		strcat(n200, "ก");
	strcpy(n201, n200);
	strcat(n201, "a");
	ck_assert(bk_attach_name_ok("ใบแจ้งซ่อม เครื่องพิมพ์.pdf"));
	ck_assert(bk_attach_name_ok(n200));
	ck_assert(!bk_attach_name_ok(n201));
	ck_assert(!bk_attach_name_ok(""));
	ck_assert(!bk_attach_name_ok(".."));
	ck_assert(!bk_attach_name_ok("a/b.pdf"));
	ck_assert(!bk_attach_name_ok("C:\\x\\b.pdf"));
	ck_assert(!bk_attach_name_ok("a\tb.pdf"));
	ck_assert(!bk_attach_name_ok("a\x7f.pdf"));
	ck_assert(!bk_attach_name_ok("a\xc2\x85.pdf"));	/* U+0085, a C1 control */
	ck_assert(!bk_attach_name_ok("a\xff.pdf"));
}
END_TEST

START_TEST(content_disposition_has_an_ascii_fallback_and_utf8)
{
	char out[3072];

	ck_assert_int_eq(bk_content_disposition("ใบ แจ้ง\"x\".pdf", out, sizeof(out)), BK_OK);
	ck_assert_str_eq(out, "attachment; filename=\"__ _____x_.pdf\"; filename*=UTF-8''"
	    "%E0%B9%83%E0%B8%9A%20%E0%B9%81%E0%B8%88%E0%B9%89%E0%B8%87%22x%22.pdf");
	ck_assert_int_eq(bk_content_disposition("a.pdf", out, 10), BK_ETOOBIG);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("multipart");
	TCase *tc = tcase_create("multipart");
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return 1;
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, good_bodies_parse_the_same_in_any_chunks, 0,
	    (int)(3 * sizeof(good) / sizeof(good[0])));
	tcase_add_loop_test(tc, each_refusal_has_its_reason_and_status, 0,
	    (int)(3 * sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, a_boundary_of_70_characters_is_accepted);
	tcase_add_test(tc, a_body_past_the_cap_is_413);
	tcase_add_test(tc, types_are_decided_by_content);
	tcase_add_test(tc, file_names_are_checked);
	tcase_add_test(tc, content_disposition_has_an_ascii_fallback_and_utf8);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
