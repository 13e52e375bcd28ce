/*
 * admin_lms.c: borikan-admin lms-create-course SITE_ID CODE TERM TITLE FACULTY queues an
 * "lms-course" job (lms_course.c) for the Moodle site SITE_ID: find or create the
 * faculty's category of the term and the course in it. Every call queues a new job; the
 * job itself is idempotent (its ledger and look-ups), so a second one writes nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "admin.h"
#include "borikan.h"
#include "lms.h"

/* 0 and the job id on standard output when queued; 2 with a message when refused. */
int
admin_lms_create_course(int argc, char **argv)
{
	struct bk_lms_course_keys k;
	char idem[190], *payload = NULL, *end = NULL;
	long long site, id = 0;
	json_t *p = NULL;
	enum bk_err e;
	int rc = 2;

	if (argc != 5) {
		fprintf(stderr, "ใช้: lms-create-course รหัสไซต์ รหัสวิชา ภาคเรียน ชื่อวิชา คณะ / "
		    "usage: lms-create-course SITE_ID CODE TERM TITLE FACULTY\n");
		return 2;
	}
	site = strtoll(argv[0], &end, 10);
	if (end == argv[0] || *end != '\0' || site <= 0) {
		fprintf(stderr, "รหัสไซต์ต้องเป็นตัวเลข / SITE_ID must be a number\n");
		return 2;
	}
	if (bk_lms_course_keys(argv[1], argv[2], argv[4], argv[3], &k) != BK_OK) {
		fprintf(stderr, "%s\n", k.why);
		return 2;
	}
	p = json_pack("{s:I, s:n, s:s, s:s, s:s, s:s}", "site_id", (json_int_t)site,
	    "request_id", "course_code", argv[1], "term", argv[2], "title", argv[3],
	    "faculty", argv[4]);
	if (p == NULL || (payload = json_dumps(p, JSON_COMPACT)) == NULL)
		goto out;
	snprintf(idem, sizeof(idem), "lms-course:%lld:%s:admin:%08x%08x", site, k.idnumber,
	    randombytes_random(), randombytes_random());
	if ((e = bk_db_begin()) != BK_OK ||
	    (e = bk_job_enqueue("lms-course", idem, payload, 8, &id)) != BK_OK ||
	    (e = bk_db_commit()) != BK_OK) {
		bk_db_rollback();
		fprintf(stderr, "ฐานข้อมูลขัดข้อง / database error: %s\n", bk_strerror(e));
		goto out;
	}
	printf("%lld\n", id);
	rc = 0;
out:
	free(payload);
	json_decref(p);
	return rc;
}
