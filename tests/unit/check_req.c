/* Unit tests of req.c's statics: language negotiation and cookies. */
#include "../../fcgi/req.c"

#include <check.h>

START_TEST(accept_language_picks_the_best_of_thai_and_english)
{
	ck_assert_str_eq(negotiate(NULL), "th");
	ck_assert_str_eq(negotiate(""), "th");
	ck_assert_str_eq(negotiate("en-US,en;q=0.9"), "en");
	ck_assert_str_eq(negotiate("th-TH,th;q=0.9,en;q=0.8"), "th");
	ck_assert_str_eq(negotiate("en;q=0.5, th;q=0.8"), "th");
	ck_assert_str_eq(negotiate("fr-FR, de;q=0.9"), "th");
	ck_assert_str_eq(negotiate("fr, en;q=0.3"), "en");
	ck_assert_str_eq(negotiate("en;q=0"), "th");
	ck_assert_str_eq(negotiate("ent, th;q=0.1"), "th");
}
END_TEST

START_TEST(cookie_value_finds_the_named_cookie_only)
{
	char v[8];

	ck_assert(cookie_value("lang=en", "lang", v, sizeof(v)));
	ck_assert_str_eq(v, "en");
	ck_assert(cookie_value("a=1; lang=th; b=2", "lang", v, sizeof(v)));
	ck_assert_str_eq(v, "th");
	ck_assert(!cookie_value("xlang=en", "lang", v, sizeof(v)));
	ck_assert(!cookie_value("lang=waytoolongvalue", "lang", v, sizeof(v)));
	ck_assert(!cookie_value("", "lang", v, sizeof(v)));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("req");
	TCase *tc = tcase_create("req");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, accept_language_picks_the_best_of_thai_and_english);
	tcase_add_test(tc, cookie_value_finds_the_named_cookie_only);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
