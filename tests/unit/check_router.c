/* Unit tests of router.c's pattern matching. */
#include "../../fcgi/router.c"

#include <check.h>

START_TEST(literal_patterns_match_exactly)
{
	char cap[64] = "";

	ck_assert(match("/processes", "/processes", cap, sizeof(cap)));
	ck_assert(!match("/processes", "/processes/", cap, sizeof(cap)));
	ck_assert(!match("/processes", "/processesx", cap, sizeof(cap)));
}
END_TEST

START_TEST(code_segment_is_captured_and_constrained)
{
	char cap[64] = "";

	ck_assert(match("/processes/{code}", "/processes/ict-repair", cap, sizeof(cap)));
	ck_assert_str_eq(cap, "ict-repair");
	ck_assert(!match("/processes/{code}", "/processes/ict-repair.xml", cap, sizeof(cap)));
	ck_assert(match("/processes/{code}.xml", "/processes/ict-repair.xml", cap, sizeof(cap)));
	ck_assert_str_eq(cap, "ict-repair");
	ck_assert(!match("/processes/{code}", "/processes/", cap, sizeof(cap)));
	ck_assert(!match("/processes/{code}", "/processes/ICT", cap, sizeof(cap)));
	ck_assert(!match("/processes/{code}", "/processes/a/b", cap, sizeof(cap)));
	ck_assert(!match("/processes/{code}", "/processes/..%2f", cap, sizeof(cap)));
}
END_TEST

START_TEST(code_longer_than_the_capture_is_refused)
{
	char cap[8];

	ck_assert(!match("/processes/{code}", "/processes/abcdefghijk", cap, sizeof(cap)));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("router");
	TCase *tc = tcase_create("router");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, literal_patterns_match_exactly);
	tcase_add_test(tc, code_segment_is_captured_and_constrained);
	tcase_add_test(tc, code_longer_than_the_capture_is_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
