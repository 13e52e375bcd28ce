/* Unit tests of mail.c: RFC 2047 encoded words, addresses, Message-IDs, the headers. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "borikan.h"

/* Decodes the "=?UTF-8?B?...?=" words of a header value back to UTF-8 (test helper). */
static void
decode_words(const char *in, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	while ((in = strstr(in, "=?UTF-8?B?")) != NULL) {
		const char *start = in + 10, *end = strstr(start, "?=");
		unsigned char bin[256];
		size_t binlen = 0;

		ck_assert_ptr_nonnull(end);
		ck_assert_int_eq(sodium_base642bin(bin, sizeof(bin), start, (size_t)(end - start),
		    NULL, &binlen, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		ck_assert_uint_lt(n + binlen, size);
		memcpy(out + n, bin, binlen);
		n += binlen;
		out[n] = '\0';
		in = end + 2;
	}
}

START_TEST(ascii_subject_stays_as_it_is)
{
	struct bk_buf b;

	bk_buf_init(&b, 1024);
	ck_assert_int_eq(bk_mail_encode_word("New task: ict-repair-2569-00001", &b), BK_OK);
	ck_assert_str_eq(b.data, "New task: ict-repair-2569-00001");
	bk_buf_free(&b);
}
END_TEST

START_TEST(thai_subject_is_encoded_words_that_decode_back)
{
	const char *subject = "งานใหม่รอดำเนินการ ict-repair-2569-00001 / New task "
	    "การซ่อมบำรุงเครื่องคอมพิวเตอร์และอุปกรณ์ต่อพ่วง";
	char decoded[1024];
	struct bk_buf b;

	bk_buf_init(&b, 4096);
	ck_assert_int_eq(bk_mail_encode_word(subject, &b), BK_OK);
	ck_assert(strncmp(b.data, "=?UTF-8?B?", 10) == 0);
	/* Only ASCII goes on the wire; each word at most 75 characters; folded lines. */
	for (const char *p = b.data; *p != '\0'; p++)
		ck_assert((unsigned char)*p < 128);
	for (const char *line = b.data; line != NULL; ) {
		const char *next = strstr(line, "\r\n ");
		size_t len = next != NULL ? (size_t)(next - line) : strlen(line);
		ck_assert_uint_le(len, 75);
		line = next != NULL ? next + 3 : NULL;
	}
	ck_assert(strstr(b.data, "\r\n =?UTF-8?B?") != NULL);
	decode_words(b.data, decoded, sizeof(decoded));
	ck_assert_str_eq(decoded, subject);
	bk_buf_free(&b);
}
END_TEST

START_TEST(words_never_split_a_thai_character)
{
	/* 16 Thai letters of 3 bytes: 48 bytes, so the first word must stop at 45. */
	const char *s = "กขคงจฉชซญฎฏฐฑฒณด";
	struct bk_buf b;
	char first[128];
	unsigned char bin[64];
	size_t binlen = 0;
	const char *end;

	bk_buf_init(&b, 1024);
	ck_assert_int_eq(bk_mail_encode_word(s, &b), BK_OK);
	end = strstr(b.data + 10, "?=");
	ck_assert_ptr_nonnull(end);
	memcpy(first, b.data + 10, (size_t)(end - b.data - 10));
	first[end - b.data - 10] = '\0';
	ck_assert_int_eq(sodium_base642bin(bin, sizeof(bin), first, strlen(first), NULL, &binlen,
	    NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	ck_assert_uint_eq(binlen % 3, 0);
	ck_assert(bk_utf8_valid((const char *)bin, binlen));
	bk_buf_free(&b);
}
END_TEST

START_TEST(header_injection_and_bad_utf8_are_refused_or_defused)
{
	struct bk_buf b;
	char decoded[256];

	bk_buf_init(&b, 1024);
	ck_assert_int_eq(bk_mail_encode_word("\xe0\xb8", &b), BK_EINVAL);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(bk_mail_encode_word("ซ่อม\r\nBcc: x@evil.example", &b), BK_OK);
	ck_assert(strstr(b.data, "Bcc:") == NULL);
	decode_words(b.data, decoded, sizeof(decoded));
	ck_assert_str_eq(decoded, "ซ่อม  Bcc: x@evil.example");
	bk_buf_free(&b);
	ck_assert(bk_mail_addr_ok("rq.teacher@example.org"));
	ck_assert(!bk_mail_addr_ok("a@b.org\r\nRCPT TO:<x@y>"));
	ck_assert(!bk_mail_addr_ok("<a@b.org>"));
	ck_assert(!bk_mail_addr_ok("a@b@c"));
	ck_assert(!bk_mail_addr_ok("no-at-sign"));
}
END_TEST

START_TEST(message_id_is_fixed_by_the_key)
{
	char a[191], b[191], c[191];

	bk_mail_message_id("mail:ict-repair-2569-00001:7:a@example.org", "borikan@office.example", a, sizeof(a));
	bk_mail_message_id("mail:ict-repair-2569-00001:7:a@example.org", "borikan@office.example", b, sizeof(b));
	bk_mail_message_id("mail:ict-repair-2569-00001:8:a@example.org", "borikan@office.example", c, sizeof(c));
	ck_assert_str_eq(a, b);
	ck_assert_str_ne(a, c);
	ck_assert_uint_eq(strlen(a), 1 + 32 + 1 + strlen("office.example") + 1);
	ck_assert(a[0] == '<' && strstr(a, "@office.example>") != NULL);
}
END_TEST

static const char *
find(const struct curl_slist *l, const char *prefix)
{
	for (; l != NULL; l = l->next)
		if (strncmp(l->data, prefix, strlen(prefix)) == 0)
			return l->data;
	return NULL;
}

START_TEST(headers_of_a_message)
{
	struct bk_mail_config c;
	struct bk_outmail m;
	struct curl_slist *h = NULL;
	char decoded[512];
	const char *v;

	memset(&c, 0, sizeof(c));
	memset(&m, 0, sizeof(m));
	strcpy(c.from, "borikan@office.example");
	strcpy(c.from_name, "ศูนย์บริการ ICT");
	strcpy(m.to, "officer@example.org");
	strcpy(m.to_name, "สมชาย ใจดี");
	strcpy(m.subject, "งานใหม่รอดำเนินการ ict-repair-2569-00001 / New task");
	strcpy(m.message_id, "<0123456789abcdef0123456789abcdef@office.example>");
	/* 2026-01-01 00:00:00 UTC, a Thursday */
	ck_assert_int_eq(bk_mail_headers(&c, &m, 1767225600, &h), BK_OK);
	ck_assert_str_eq(find(h, "Date:"), "Date: Thu, 01 Jan 2026 00:00:00 +0000");
	v = find(h, "From:");
	ck_assert_ptr_nonnull(v);
	ck_assert(strstr(v, " <borikan@office.example>") != NULL);
	decode_words(v, decoded, sizeof(decoded));
	ck_assert_str_eq(decoded, "ศูนย์บริการ ICT");
	v = find(h, "To:");
	ck_assert_ptr_nonnull(v);
	ck_assert(strstr(v, "<officer@example.org>") != NULL);
	decode_words(v, decoded, sizeof(decoded));
	ck_assert_str_eq(decoded, "สมชาย ใจดี");
	v = find(h, "Subject: =?UTF-8?B?");
	ck_assert_ptr_nonnull(v);
	decode_words(v, decoded, sizeof(decoded));
	ck_assert_str_eq(decoded, m.subject);
	ck_assert_str_eq(find(h, "Message-ID:"),
	    "Message-ID: <0123456789abcdef0123456789abcdef@office.example>");
	ck_assert_str_eq(find(h, "MIME-Version:"), "MIME-Version: 1.0");
	curl_slist_free_all(h);

	/* An address that could inject a header or a command makes no headers at all. */
	strcpy(m.to, "x@example.org\r\nBcc: y@example.org");
	h = NULL;
	ck_assert_int_eq(bk_mail_headers(&c, &m, 0, &h), BK_EINVAL);
	ck_assert_ptr_null(h);
}
END_TEST

START_TEST(back_off_doubles_with_jitter_and_is_capped)
{
	struct bk_job_tuning t = { .backoff = 60, .backoff_max = 3600, .lease = 300 };

	ck_assert(bk_job_backoff(&t, 1, 0) >= 30 && bk_job_backoff(&t, 1, 0) <= 60);
	ck_assert(bk_job_backoff(&t, 1, UINT32_MAX) <= 60.0001);
	ck_assert(bk_job_backoff(&t, 3, 0) >= 120 && bk_job_backoff(&t, 3, UINT32_MAX) <= 240.0001);
	ck_assert(bk_job_backoff(&t, 30, UINT32_MAX) <= 3600.0001);
	ck_assert(bk_job_backoff(&t, 30, 0) >= 1800);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("mail");

	tcase_add_test(tc, ascii_subject_stays_as_it_is);
	tcase_add_test(tc, thai_subject_is_encoded_words_that_decode_back);
	tcase_add_test(tc, words_never_split_a_thai_character);
	tcase_add_test(tc, header_injection_and_bad_utf8_are_refused_or_defused);
	tcase_add_test(tc, message_id_is_fixed_by_the_key);
	tcase_add_test(tc, headers_of_a_message);
	tcase_add_test(tc, back_off_doubles_with_jitter_and_is_capped);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	if (sodium_init() < 0)
		return 1;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
