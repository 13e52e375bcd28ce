/* admin_public.c: borikan-admin purge-unconfirmed, the visitors' requests never confirmed. */
#include "config.h"

#include <stdio.h>

#include "borikan.h"
#include "admin.h"

#define UNCONFIRMED_DAYS 7

/*
 * Deletes the unconfirmed requests (and their links) filed more than 7 days ago, or DAYS
 * days when given (1-365). Returns the exit status: 0, 1 on a database error, 2 on usage.
 */
int
admin_purge_unconfirmed(int argc, char **argv)
{
	struct bk_q q;
	long days = UNCONFIRMED_DAYS;
	unsigned long long n;
	enum bk_err e;

	if (argc > 1 || (argc == 1 && bk_parse_long(argv[0], 1, 365, &days) != BK_OK)) {
		fprintf(stderr, "usage: borikan-admin purge-unconfirmed [DAYS]\n");
		return 2;
	}
	if ((e = bk_db_begin()) != BK_OK)
		goto fail;
	bk_q_init(&q, STMT_PURGE_UNCONFIRMED);
	bk_q_int(&q, days);
	e = bk_q_exec(&q);
	n = bk_q_affected(&q);
	bk_q_done(&q);
	if (e != BK_OK || (e = bk_db_commit()) != BK_OK)
		goto fail;
	printf("ลบคำขอที่ไม่ได้ยืนยันเกิน %ld วัน %llu คำขอ / purged %llu unconfirmed requests"
	    " older than %ld days\n", days, n, n, days);
	return 0;
fail:
	bk_db_rollback();
	fprintf(stderr, "ลบไม่สำเร็จ / not purged: %s\n", bk_strerror(e));
	return 1;
}
