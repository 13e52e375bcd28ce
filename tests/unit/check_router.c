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

START_TEST(an_id_segment_takes_digits_after_a_code)
{
	char cap[64] = "", id[20] = "";
	const char *pat = "/requests/{code}/attachments/{id}";

	ck_assert(match_ids(pat, "/requests/ict-repair-2569-00001/attachments/42", cap,
	    sizeof(cap), id, sizeof(id)));
	ck_assert_str_eq(cap, "ict-repair-2569-00001");
	ck_assert_str_eq(id, "42");
	ck_assert(!match_ids(pat, "/requests/x/attachments/", cap, sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids(pat, "/requests/x/attachments/4a", cap, sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids(pat, "/requests/x/attachments/-1", cap, sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids(pat, "/requests/x/attachments/007", cap, sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids(pat, "/requests/x/attachments/1/", cap, sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids(pat, "/requests/x/attachments/1234567890123456789", cap,
	    sizeof(cap), id, sizeof(id)));	/* 19 digits */
	ck_assert(!match_ids(pat, "/requests//attachments/1", cap, sizeof(cap), id, sizeof(id)));
	/* Without somewhere to put it, a pattern with {id} never matches. */
	ck_assert(!match(pat, "/requests/x/attachments/1", cap, sizeof(cap)));
	/* The upload's path is not the request's page, nor a file's. */
	ck_assert(match_ids("/requests/{code}/attachments", "/requests/x/attachments", cap,
	    sizeof(cap), id, sizeof(id)));
	ck_assert(!match_ids("/requests/{code}", "/requests/x/attachments", cap, sizeof(cap),
	    id, sizeof(id)));
}
END_TEST

START_TEST(the_attachment_routes_are_in_the_table)
{
	struct bk_req r;
	bool up = false, get = false;

	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < bk_nroutes; i++) {
		const struct bk_route *rt = &bk_routes[i];
		if (match_ids(rt->pattern, "/requests/a-1/attachments", r.capture, sizeof(r.capture),
		    r.capture_id, sizeof(r.capture_id))) {
			up = rt->methods == BK_POST && (rt->flags & BK_F_CSRF) &&
			    (rt->flags & BK_F_MULTIPART) && rt->fn == h_attachment_upload;
		}
		if (match_ids(rt->pattern, "/requests/a-1/attachments/9", r.capture,
		    sizeof(r.capture), r.capture_id, sizeof(r.capture_id)))
			get = rt->methods == BK_GET && (rt->flags & BK_F_LOGIN) &&
			    rt->fn == h_attachment_get;
	}
	ck_assert(up);
	ck_assert(get);
	ck_assert_str_eq(r.capture_id, "9");
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
	tcase_add_test(tc, an_id_segment_takes_digits_after_a_code);
	tcase_add_test(tc, the_attachment_routes_are_in_the_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
