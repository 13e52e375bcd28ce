/*
 * admin_memo.c: borikan-admin set-memo-format UNIT_CODE FORMAT, the format of a unit's
 * outgoing memo numbers: "ศธ 04xxx/{n}" numbers its memos "ศธ 04xxx/1", "ศธ 04xxx/2", …
 * (memo.c). The register itself (the last number given) is never edited here.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "borikan.h"

/* 0 when the format is set; 2 (with a message in Thai and English) when refused. */
int
admin_set_memo_format(int argc, char **argv)
{
	struct bk_q q;
	enum bk_err e;
	unsigned long long n;

	if (argc != 2) {
		fprintf(stderr, "ใช้: set-memo-format รหัสหน่วยงาน รูปแบบ (เช่น \"ศธ 04xxx/{n}\") / "
		    "usage: set-memo-format UNIT_CODE FORMAT (e.g. \"ศธ 04xxx/{n}\")\n");
		return 2;
	}
	if (!bk_memo_format_ok(argv[1])) {
		fprintf(stderr, "รูปแบบต้องมี {n} หนึ่งครั้งพอดี ยาวไม่เกิน %d ไบต์ ไม่มีอักขระควบคุม / "
		    "the format must hold {n} exactly once, at most %d bytes, no control "
		    "characters\n", BK_MEMO_FORMAT_MAX, BK_MEMO_FORMAT_MAX);
		return 2;
	}
	bk_q_init(&q, STMT_UNIT_SET_MEMO_FORMAT);
	bk_q_str(&q, argv[1]);
	bk_q_str(&q, argv[0]);
	e = bk_q_exec(&q);
	n = bk_q_affected(&q);
	bk_q_done(&q);
	if (e != BK_OK) {
		fprintf(stderr, "ฐานข้อมูลขัดข้อง / database error\n");
		return 2;
	}
	/* affected rows is 0 also when the format was already this one: look the unit up. */
	if (n == 0) {
		long long id = 0;
		int row;

		bk_q_init(&q, STMT_UNIT_ID);
		bk_q_str(&q, argv[0]);
		bk_q_exec(&q);
		bk_q_out_int(&q, &id);
		row = bk_q_fetch(&q);
		bk_q_done(&q);
		if (row != 1) {
			fprintf(stderr, "ไม่พบหน่วยงานนี้ / no such unit\n");
			return 2;
		}
	}
	printf("memo format set\n");
	return 0;
}
