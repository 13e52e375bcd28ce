/*
 * admin_accounts.c: borikan-admin's commands for units, people, roles and passwords.
 * Each checks its arguments (accounts.c, the checks the pages use too) and says what is
 * wrong in Thai and English, then runs one
 * prepared statement. The first administrator is made with these, before any page works.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "admin.h"
#include "borikan.h"

static int
refuse(const char *th, const char *en)
{
	fprintf(stderr, "%s / %s\n", th, en);
	return 2;
}

static int
run(struct bk_q *q, const char *done)
{
	enum bk_err e = bk_q_exec(q);
	unsigned long long n = bk_q_affected(q);

	bk_q_done(q);
	if (e == BK_EINVAL)
		return refuse("มีอยู่แล้ว", "already exists");
	if (e != BK_OK)
		return refuse("ฐานข้อมูลขัดข้อง", "database error");
	if (n == 0)
		return refuse("ไม่พบหน่วยงานหรือบุคคลที่อ้างถึง", "the unit or person named does not exist");
	printf("%s\n", done);
	return 0;
}

int
admin_add_unit(int argc, char **argv)
{
	struct bk_q q;

	if (argc < 4 || argc > 5)
		return refuse("ใช้: add-unit รหัส ประเภท ชื่อไทย ชื่ออังกฤษ [รหัสหน่วยงานแม่]",
		    "usage: add-unit CODE KIND NAME_TH NAME_EN [PARENT_CODE]");
	if (!bk_unit_code_ok(argv[0]))
		return refuse("รหัสหน่วยงานใช้ a-z 0-9 . _ - ยาว 2-40 ตัว",
		    "a unit code is 2-40 of a-z 0-9 . _ -");
	if (!bk_one_of(argv[1], bk_unit_kinds))
		return refuse("ประเภทต้องเป็น office group school faculty data-owner other",
		    "the kind must be office, group, school, faculty, data-owner or other");
	if (!bk_person_name_ok(argv[2]) || !bk_person_name_ok(argv[3]))
		return refuse("ชื่อต้องมี 1-200 ตัวอักษร", "a name is 1-200 characters");
	bk_q_init(&q, STMT_UNIT_INSERT);
	bk_q_str(&q, argv[0]);
	bk_q_str(&q, argv[1]);
	bk_q_str(&q, argv[2]);
	bk_q_str(&q, argv[3]);
	bk_q_str(&q, argc == 5 ? argv[4] : NULL);
	return run(&q, "unit added");
}

int
admin_add_person(int argc, char **argv)
{
	struct bk_q q;

	if (argc != 5)
		return refuse("ใช้: add-person ชื่อผู้ใช้ อีเมล รหัสหน่วยงาน ชื่อไทย ชื่ออังกฤษ",
		    "usage: add-person USERNAME EMAIL UNIT_CODE NAME_TH NAME_EN");
	if (!bk_username_ok(argv[0]))
		return refuse("ชื่อผู้ใช้ใช้ a-z 0-9 . _ - ยาว 2-64 ตัว",
		    "a username is 2-64 of a-z 0-9 . _ -");
	if (!bk_email_ok(argv[1]))
		return refuse("อีเมลไม่ถูกต้อง", "the e-mail address is not valid");
	if (!bk_person_name_ok(argv[3]) || !bk_person_name_ok(argv[4]))
		return refuse("ชื่อต้องมี 1-200 ตัวอักษร", "a name is 1-200 characters");
	bk_q_init(&q, STMT_PERSON_INSERT);
	bk_q_str(&q, argv[0]);
	bk_q_str(&q, argv[1]);
	bk_q_str(&q, argv[3]);
	bk_q_str(&q, argv[4]);
	bk_q_str(&q, argv[2]);
	return run(&q, "person added");
}

/* Does the statement (one string parameter) find a row? */
static bool
exists(enum bk_stmt st, const char *key)
{
	struct bk_q q;
	long long id = 0;
	int row;

	bk_q_init(&q, st);
	bk_q_str(&q, key);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row == 1;
}

int
admin_grant(int argc, char **argv)
{
	struct bk_q q;

	if (argc != 3)
		return refuse("ใช้: grant ชื่อผู้ใช้ บทบาท รหัสหน่วยงาน",
		    "usage: grant USERNAME ROLE UNIT_CODE");
	if (!bk_one_of(argv[1], bk_roles))
		return refuse("ไม่รู้จักบทบาทนี้", "no such role");
	if (!exists(STMT_PERSON_ID, argv[0]) || !exists(STMT_UNIT_ID, argv[2]))
		return refuse("ไม่พบหน่วยงานหรือบุคคลที่อ้างถึง",
		    "the unit or person named does not exist");
	bk_q_init(&q, STMT_ROLE_GRANT);
	bk_q_str(&q, argv[1]);
	bk_q_str(&q, argv[0]);
	bk_q_str(&q, argv[2]);
	if (bk_q_exec(&q) != BK_OK) {
		bk_q_done(&q);
		return refuse("ฐานข้อมูลขัดข้อง", "database error");
	}
	printf(bk_q_affected(&q) > 0 ? "role granted\n" : "role already held\n");
	bk_q_done(&q);
	return 0;
}

/* Reads the new password from standard input, so it never shows in a process list. */
int
admin_set_password(int argc, char **argv)
{
	char pass[256], hash[crypto_pwhash_STRBYTES];
	long long id = 0;
	struct bk_q q;
	size_t n;
	int row, rc;

	if (argc != 1)
		return refuse("ใช้: set-password ชื่อผู้ใช้ (รหัสผ่านจาก stdin)",
		    "usage: set-password USERNAME (the password on standard input)");
	if (fgets(pass, sizeof(pass), stdin) == NULL)
		return refuse("ไม่ได้รับรหัสผ่าน", "no password on standard input");
	pass[strcspn(pass, "\r\n")] = '\0';
	n = strlen(pass);
	if (n < 10 || n > 128) {
		sodium_memzero(pass, sizeof(pass));
		return refuse("รหัสผ่านต้องยาว 10-128 ตัวอักษร", "a password is 10-128 characters");
	}
	rc = crypto_pwhash_str(hash, pass, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE);
	sodium_memzero(pass, sizeof(pass));
	if (rc != 0)
		return refuse("หน่วยความจำไม่พอ", "out of memory");
	bk_q_init(&q, STMT_PERSON_ID);
	bk_q_str(&q, argv[0]);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row != 1)
		return refuse("ไม่พบผู้ใช้นี้", "no such person");
	bk_q_init(&q, STMT_PERSON_SET_PASSWORD);
	bk_q_str(&q, hash);
	bk_q_int(&q, id);
	return run(&q, "password set");
}
