/*
 * Unit tests of schedule.c (intervals and their job keys) and queue_scope.c (the unit a
 * step's approver is named for; the (role, unit) pairs of a person's queue).
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "borikan.h"

START_TEST(slots_cut_time_into_intervals_from_the_epoch)
{
	ck_assert_int_eq(bk_schedule_slot(1000, 300), 900);
	ck_assert_int_eq(bk_schedule_slot(1200, 300), 1200);
	ck_assert_int_eq(bk_schedule_slot(1199, 300), 900);
	ck_assert_int_eq(bk_schedule_slot(1763798401, 2), 1763798400);
	ck_assert_int_eq(bk_schedule_slot(-1, 300), -300);
	ck_assert_int_eq(bk_schedule_slot(77, 0), 77);	/* a nonsense interval is one second */
	/* Every moment of an interval gives the same slot, the next interval the next. */
	for (long long t = 600; t < 900; t++)
		ck_assert_int_eq(bk_schedule_slot(t, 300), 600);
}
END_TEST

START_TEST(keys_name_the_interval_in_thai_time)
{
	char key[64];

	/* 2026-11-22 17:00:00 UTC is 2026-11-23 00:00:00 in Thailand. */
	bk_schedule_key("sla-check", 1795366800, key, sizeof(key));
	ck_assert_str_eq(key, "sla-check:20261123000000");
	bk_schedule_key("sla-check", 1795366800 + 302, key, sizeof(key));
	ck_assert_str_eq(key, "sla-check:20261123000502");
	bk_schedule_key("sla-check", 1795366800, key, 12);
	ck_assert_str_eq(key, "sla-check:2");	/* truncated, never overrun */
}
END_TEST

START_TEST(the_interval_comes_from_the_environment_within_bounds)
{
	unsetenv("BORIKAN_SLA_INTERVAL");
	ck_assert_int_eq(bk_sla_interval(), 300);
	setenv("BORIKAN_SLA_INTERVAL", "2", 1);
	ck_assert_int_eq(bk_sla_interval(), 2);
	setenv("BORIKAN_SLA_INTERVAL", "0", 1);
	ck_assert_int_eq(bk_sla_interval(), 300);
	setenv("BORIKAN_SLA_INTERVAL", "86401", 1);
	ck_assert_int_eq(bk_sla_interval(), 300);
	setenv("BORIKAN_SLA_INTERVAL", "5m", 1);
	ck_assert_int_eq(bk_sla_interval(), 300);
	unsetenv("BORIKAN_SLA_INTERVAL");
}
END_TEST

static size_t
pairs(const char *roles, struct bk_role_unit *out, size_t max, char *flat, size_t size)
{
	size_t n = bk_queue_pairs(roles, out, max);

	flat[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			strncat(flat, " ", size - strlen(flat) - 1);
		strncat(flat, out[i].role, size - strlen(flat) - 1);
		strncat(flat, "@", size - strlen(flat) - 1);
		strncat(flat, out[i].unit, size - strlen(flat) - 1);
	}
	return n;
}

START_TEST(queue_pairs_are_roles_anywhere_then_roles_in_their_units)
{
	struct bk_role_unit p[8];
	char flat[512];

	ck_assert_int_eq(pairs("data-owner@registrar", p, 8, flat, sizeof(flat)), 2);
	ck_assert_str_eq(flat, "data-owner@ data-owner@registrar");
	/* requester is nobody's queue; duplicates once; the order: anywhere first. */
	ck_assert_int_eq(pairs("requester@school ict-officer@ict data-owner@finance"
	    " ict-officer@ict data-owner@hr", p, 8, flat, sizeof(flat)), 5);
	ck_assert_str_eq(flat, "ict-officer@ data-owner@ ict-officer@ict data-owner@finance"
	    " data-owner@hr");
	ck_assert_int_eq(pairs("requester@a requester@b", p, 8, flat, sizeof(flat)), 0);
	ck_assert_int_eq(pairs("", p, 8, flat, sizeof(flat)), 0);
	ck_assert_int_eq(pairs("  director@x  ", p, 8, flat, sizeof(flat)), 2);
	ck_assert_str_eq(flat, "director@ director@x");
	/* At most max: the roles held anywhere come first. */
	ck_assert_int_eq(pairs("a@1 b@2 c@3", p, 4, flat, sizeof(flat)), 4);
	ck_assert_str_eq(flat, "a@ b@ c@ a@1");
	/* A token without a unit, and one too long for a pair, are taken apart safely. */
	ck_assert_int_eq(pairs("director records-office@"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", p, 8, flat,
	    sizeof(flat)), 2);
	ck_assert_str_eq(flat, "director@ records-office@");
	ck_assert_int_eq(pairs("requesterx@u", p, 8, flat, sizeof(flat)), 2);
}
END_TEST

static const char def[] =
    "<process><steps>"
    "<step id='owner_approval' kind='approval' actor='data-owner'>"
    "<approvers mode='any'><approver role='director'/>"
    "<approver role='data-owner' field='system'/></approvers></step>"
    "<step id='director_approval' kind='approval' actor='director'>"
    "<approvers mode='any'><approver role='director'/></approvers></step>"
    "<step id='check' kind='task' actor='ict-officer'/>"
    "</steps></process>";

static xmlNodePtr
step(xmlDocPtr doc, const char *id)
{
	xmlNodePtr steps = bk_def_child(xmlDocGetRootElement(doc), "steps");

	for (xmlNodePtr s = steps->children; s != NULL; s = s->next)
		if (s->type == XML_ELEMENT_NODE && bk_def_attr_is(s, "id", id))
			return s;
	return NULL;
}

START_TEST(the_actor_unit_is_the_form_field_an_approver_of_the_actor_role_names)
{
	xmlDocPtr doc = xmlReadMemory(def, sizeof(def) - 1, "def.xml", NULL, XML_PARSE_NONET);
	char unit[41];

	ck_assert_ptr_nonnull(doc);
	bk_step_actor_unit(step(doc, "owner_approval"), "{\"system\":\"registrar\"}", unit,
	    sizeof(unit));
	ck_assert_str_eq(unit, "registrar");
	bk_step_actor_unit(step(doc, "owner_approval"), "{\"system\":\"\"}", unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(step(doc, "owner_approval"), "{\"system\":7}", unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(step(doc, "owner_approval"), "not json", unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(step(doc, "owner_approval"), NULL, unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	/* Too long for the column: no unit rather than another unit's prefix. */
	bk_step_actor_unit(step(doc, "owner_approval"),
	    "{\"system\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}", unit,
	    sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(step(doc, "director_approval"), "{\"system\":\"registrar\"}", unit,
	    sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(step(doc, "check"), "{\"system\":\"registrar\"}", unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	bk_step_actor_unit(NULL, "{}", unit, sizeof(unit));
	ck_assert_str_eq(unit, "");
	xmlFreeDoc(doc);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("schedule");
	TCase *tc = tcase_create("schedule");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, slots_cut_time_into_intervals_from_the_epoch);
	tcase_add_test(tc, keys_name_the_interval_in_thai_time);
	tcase_add_test(tc, the_interval_comes_from_the_environment_within_bounds);
	tcase_add_test(tc, queue_pairs_are_roles_anywhere_then_roles_in_their_units);
	tcase_add_test(tc, the_actor_unit_is_the_form_field_an_approver_of_the_actor_role_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed == 0 ? 0 : 1;
}
