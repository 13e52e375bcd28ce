/* Unit tests of csv.c: RFC 4180 quoting and spreadsheet formulas neutralised. */
#include "config.h"

#include <check.h>
#include <string.h>

#include "borikan.h"

static const struct {
	const char *in, *out;
} cells[] = {
	{ "plain", "plain" },
	{ "", "" },
	{ "a,b", "\"a,b\"" },
	{ "say \"hi\"", "\"say \"\"hi\"\"\"" },
	{ "line\nbreak", "\"line\nbreak\"" },
	{ "line\r\nbreak", "\"line\r\nbreak\"" },
	{ "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"" },
	{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
	{ "+1", "\"'+1\"" },
	{ "-1", "\"'-1\"" },
	{ "@x", "\"'@x\"" },
	{ "\tTAB", "\"'\tTAB\"" },
	{ "\rCR", "\"'\rCR\"" },
	{ "ศธ 0539.1/123", "ศธ 0539.1/123" },
	{ "บริการข้อมูล, ประมวลผล", "\"บริการข้อมูล, ประมวลผล\"" },
	{ "1+1=2", "1+1=2" },		/* only the first character makes a formula */
	{ "a-b", "a-b" },
	{ "'quoted", "'quoted" },
};

START_TEST(cell_is_quoted_and_neutralised)
{
	struct bk_buf b;
	const char *got;

	bk_buf_init(&b, 1024);

	ck_assert_int_eq(bk_csv_cell(&b, cells[_i].in, true), BK_OK);
	got = b.data != NULL ? b.data : "";	/* nothing added: no buffer yet */
	ck_assert_msg(strcmp(got, cells[_i].out) == 0, "cell %d: [%s] gave [%s], want [%s]",
	    _i, cells[_i].in, got, cells[_i].out);
	bk_buf_free(&b);
}
END_TEST

START_TEST(row_has_commas_between_cells_and_ends_in_crlf)
{
	struct bk_buf b;

	bk_buf_init(&b, 1024);
	ck_assert_int_eq(bk_csv_cell(&b, "a", true), BK_OK);
	ck_assert_int_eq(bk_csv_cell(&b, NULL, false), BK_OK);
	ck_assert_int_eq(bk_csv_cell(&b, "-5", false), BK_OK);
	ck_assert_int_eq(bk_csv_row_end(&b), BK_OK);
	ck_assert_str_eq(b.data, "a,,\"'-5\"\r\n");
	bk_buf_free(&b);
}
END_TEST

START_TEST(cell_past_the_cap_is_refused)
{
	struct bk_buf b;

	bk_buf_init(&b, 8);
	ck_assert_int_eq(bk_csv_cell(&b, "12345678", true), BK_OK);
	ck_assert_int_eq(bk_csv_cell(&b, "9", false), BK_ETOOBIG);
	bk_buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("cells");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, cell_is_quoted_and_neutralised, 0,
	    (int)(sizeof(cells) / sizeof(cells[0])));
	tcase_add_test(tc, row_has_commas_between_cells_and_ends_in_crlf);
	tcase_add_test(tc, cell_past_the_cap_is_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
