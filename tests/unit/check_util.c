/* Unit tests of util.c: capped buffers, UTF-8, URL decoding, numbers. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "borikan.h"

START_TEST(buf_refuses_past_its_cap)
{
	struct bk_buf b;

	bk_buf_init(&b, 8);
	ck_assert_int_eq(bk_buf_adds(&b, "12345678"), BK_OK);
	ck_assert_int_eq(bk_buf_adds(&b, "9"), BK_ETOOBIG);
	ck_assert_uint_eq(b.len, 8);
	ck_assert_str_eq(b.data, "12345678");
	bk_buf_free(&b);
}
END_TEST

START_TEST(buf_printf_grows_and_terminates)
{
	struct bk_buf b;

	bk_buf_init(&b, 4096);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(bk_buf_printf(&b, "%d,", i), BK_OK);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(strncmp(b.data, "0,1,2,", 6) == 0);
	ck_assert(strstr(b.data, "99,") != NULL);
	bk_buf_free(&b);
}
END_TEST

START_TEST(utf8_accepts_thai_and_rejects_malformed)
{
	const char *thai = "การซ่อมบำรุง";

	ck_assert(bk_utf8_valid(thai, strlen(thai)));
	ck_assert(bk_utf8_valid("plain", 5));
	ck_assert(!bk_utf8_valid("\xc0\xaf", 2));		/* overlong '/' */
	ck_assert(!bk_utf8_valid("\xed\xa0\x80", 3));		/* surrogate */
	ck_assert(!bk_utf8_valid("\xe0\xb8", 2));		/* truncated */
	ck_assert(!bk_utf8_valid("a\0b", 3));			/* NUL */
	ck_assert(!bk_utf8_valid("\xf5\x80\x80\x80", 4));	/* past U+10FFFF */
}
END_TEST

START_TEST(url_decode_handles_escapes_and_refuses_bad_ones)
{
	char out[64];
	size_t n;

	ck_assert_int_eq(bk_url_decode("a+b%20c", 7, out, sizeof(out), &n), BK_OK);
	ck_assert_str_eq(out, "a b c");
	ck_assert_int_eq(bk_url_decode("%E0%B8%81", 9, out, sizeof(out), &n), BK_OK);
	ck_assert_str_eq(out, "ก");
	ck_assert_int_eq(bk_url_decode("%4", 2, out, sizeof(out), NULL), BK_EINVAL);
	ck_assert_int_eq(bk_url_decode("%zz", 3, out, sizeof(out), NULL), BK_EINVAL);
	ck_assert_int_eq(bk_url_decode("a%00b", 5, out, sizeof(out), NULL), BK_EINVAL);
	ck_assert_int_eq(bk_url_decode("%ff", 3, out, sizeof(out), NULL), BK_EINVAL);
	ck_assert_int_eq(bk_url_decode("abcdef", 6, out, 4, NULL), BK_ETOOBIG);
}
END_TEST

START_TEST(parse_long_checks_range_and_garbage)
{
	long v;

	ck_assert_int_eq(bk_parse_long("42", 0, 100, &v), BK_OK);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(bk_parse_long("101", 0, 100, &v), BK_EINVAL);
	ck_assert_int_eq(bk_parse_long("12a", 0, 100, &v), BK_EINVAL);
	ck_assert_int_eq(bk_parse_long("", 0, 100, &v), BK_EINVAL);
	ck_assert_int_eq(bk_parse_long("99999999999999999999", 0, 100, &v), BK_EINVAL);
}
END_TEST

START_TEST(strlcpy_truncates_and_terminates)
{
	char small[4];

	ck_assert_uint_eq(bk_strlcpy(small, "abcdef", sizeof(small)), 6);
	ck_assert_str_eq(small, "abc");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, buf_refuses_past_its_cap);
	tcase_add_test(tc, buf_printf_grows_and_terminates);
	tcase_add_test(tc, utf8_accepts_thai_and_rejects_malformed);
	tcase_add_test(tc, url_decode_handles_escapes_and_refuses_bad_ones);
	tcase_add_test(tc, parse_long_checks_range_and_garbage);
	tcase_add_test(tc, strlcpy_truncates_and_terminates);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
