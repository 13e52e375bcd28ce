/*
 * Unit tests of process_check.c: a good definition passes; each kind of mistake is
 * refused with the file and the line of the mistake.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "borikan.h"

static char *repair;
static size_t repair_len;

static void
load_repair(void)
{
	FILE *f = fopen(PROCESS_DIR "/ict-repair.xml", "rb");
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	repair = malloc((size_t)n + 1);
	ck_assert_uint_eq(fread(repair, 1, (size_t)n, f), (size_t)n);
	repair[n] = '\0';
	repair_len = (size_t)n;
	fclose(f);
	ck_assert_int_eq(bk_process_schema_load(PROCESS_DIR "/process.rng"), BK_OK);
}

/* repair with the first occurrence of from replaced by to; caller frees. */
static char *
mutate(const char *from, const char *to)
{
	const char *at = strstr(repair, from);
	char *out;

	ck_assert_ptr_nonnull(at);
	out = malloc(repair_len + strlen(to) + 1);
	memcpy(out, repair, (size_t)(at - repair));
	strcpy(out + (at - repair), to);
	strcat(out, at + strlen(from));
	return out;
}

/* The line number of the first occurrence of s in text. */
static long
line_of(const char *text, const char *s)
{
	const char *at = strstr(text, s);
	long line = 1;

	for (const char *p = text; p < at; p++)
		if (*p == '\n')
			line++;
	return line;
}

static void
expect_refusal(const char *from, const char *to, const char *marker, const char *words)
{
	char *text = mutate(from, to), err[1024], want[64];
	xmlDocPtr doc = NULL;

	ck_assert_int_ne(bk_process_parse("t.xml", text, strlen(text), &doc, err, sizeof(err)), BK_OK);
	ck_assert_ptr_null(doc);
	snprintf(want, sizeof(want), "t.xml:%ld:", line_of(text, marker));
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "got \"%s\", want prefix \"%s\"", err, want);
	ck_assert_msg(strstr(err, words) != NULL, "got \"%s\", want \"%s\"", err, words);
	free(text);
}

START_TEST(repair_definition_is_accepted)
{
	char err[1024];
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(bk_process_parse("ict-repair.xml", repair, repair_len, &doc, err,
	    sizeof(err)), BK_OK);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(schema_violation_names_file_and_line)
{
	expect_refusal("kind=\"task\" actor=\"procurement\"", "kind=\"chore\" actor=\"procurement\"",
	    "kind=\"chore\"", "");
}
END_TEST

START_TEST(unknown_role_is_refused)
{
	expect_refusal("actor=\"procurement\"", "actor=\"janitor\"", "actor=\"janitor\"", "");
}
END_TEST

START_TEST(branch_to_missing_step_is_refused)
{
	expect_refusal("<next to=\"verify\"/>", "<next to=\"nowhere\"/>", "nowhere", "not a step");
}
END_TEST

START_TEST(duplicate_step_id_is_refused)
{
	expect_refusal("<step id=\"handover\"", "<step id=\"repair\"", "<step id=\"repair\" kind=\"task\" actor=\"ict-officer\">\n      <label><th>ส่งมอบงาน",
	    "used twice");
}
END_TEST

START_TEST(unreachable_step_is_refused)
{
	expect_refusal("<branch to=\"vendor\">", "<branch to=\"repair\">", "<step id=\"vendor\"",
	    "cannot be reached");
}
END_TEST

START_TEST(decision_with_one_branch_is_refused)
{
	expect_refusal("<branch to=\"repair\" outcome=\"no\"><label><th>ยังไม่ได้</th><en>Still faulty</en></label></branch>",
	    "", "<step id=\"verify\"", "two branches");
}
END_TEST

START_TEST(dtd_is_refused)
{
	/* The DOCTYPE is refused as a whole, at the top of the file. */
	expect_refusal("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE process [<!ENTITY x \"y\">]>",
	    "<?xml", "DOCTYPE");
}
END_TEST

START_TEST(not_well_formed_names_the_line)
{
	expect_refusal("<label><th>ส่งมอบงาน</th>", "<label><th>ส่งมอบงาน</tx>", "</tx>", "");
}
END_TEST

START_TEST(branch_on_unknown_field_is_refused)
{
	expect_refusal("<branch to=\"handover\" outcome=\"yes\">",
	    "<branch to=\"handover\" field=\"colour\" equals=\"red\">", "field=\"colour\"", "no form has");
}
END_TEST

START_TEST(branch_on_a_value_that_is_not_an_option_is_refused)
{
	expect_refusal("<branch to=\"handover\" outcome=\"yes\">",
	    "<branch to=\"handover\" field=\"equipment\" equals=\"toaster\">", "toaster", "not one of its options");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("process");
	TCase *tc = tcase_create("process");
	SRunner *sr;
	int failed;

	tcase_add_unchecked_fixture(tc, load_repair, NULL);
	tcase_add_test(tc, repair_definition_is_accepted);
	tcase_add_test(tc, schema_violation_names_file_and_line);
	tcase_add_test(tc, unknown_role_is_refused);
	tcase_add_test(tc, branch_to_missing_step_is_refused);
	tcase_add_test(tc, duplicate_step_id_is_refused);
	tcase_add_test(tc, unreachable_step_is_refused);
	tcase_add_test(tc, decision_with_one_branch_is_refused);
	tcase_add_test(tc, dtd_is_refused);
	tcase_add_test(tc, not_well_formed_names_the_line);
	tcase_add_test(tc, branch_on_unknown_field_is_refused);
	tcase_add_test(tc, branch_on_a_value_that_is_not_an_option_is_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	free(repair);
	bk_process_schema_free();
	xmlCleanupParser();
	return failed == 0 ? 0 : 1;
}
