/*
 * admin.c: borikan-admin, the operator's command.
 *
 *   borikan-admin check-processes DIR   check every .xml file of DIR against DIR/process.rng
 *   borikan-admin load-processes DIR    check, then store them all in one transaction
 *   borikan-admin add-unit CODE KIND NAME_TH NAME_EN [PARENT_CODE]
 *   borikan-admin add-person USERNAME EMAIL UNIT_CODE NAME_TH NAME_EN
 *   borikan-admin grant USERNAME ROLE UNIT_CODE
 *   borikan-admin set-password USERNAME          (the password on standard input)
 *   borikan-admin set-memo-format UNIT_CODE FORMAT   (outgoing memo numbers, one {n})
 *   borikan-admin lms-create-course SITE_ID CODE TERM TITLE FACULTY   queue an lms-course job
 *   borikan-admin sla-check                      record the 75 % warnings and overdue notices
 *                                                and queue their mails (BORIKAN_ROOT: the tree)
 *
 * A definition that fails is refused with "file:line: reason" and nothing is loaded.
 * After loading, send SIGHUP to the master so the workers read the new catalogue.
 */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <sodium.h>

#include "admin.h"
#include "borikan.h"

#define MAX_FILES 256
#define MAX_FILE (1024 * 1024)

struct def {
	char	 path[1024];
	char	*buf;
	size_t	 len;
	xmlDocPtr doc;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct def *)a)->path, ((const struct def *)b)->path);
}

static enum bk_err
read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct bk_buf b;
	char chunk[8192];
	size_t n;
	enum bk_err e = BK_OK;

	if (f == NULL)
		return BK_EIO;
	bk_buf_init(&b, MAX_FILE);
	while (e == BK_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		e = bk_buf_add(&b, chunk, n);
	if (ferror(f))
		e = BK_EIO;
	fclose(f);
	if (e != BK_OK) {
		bk_buf_free(&b);
		return e;
	}
	*out = b.data;
	*len = b.len;
	return BK_OK;
}

/* Reads and checks every definition of dir into defs; prints each refusal. */
static int
check_dir(const char *dir, struct def *defs, size_t *ndefs)
{
	char rng[1024];
	DIR *d;
	struct dirent *de;
	int failed = 0;

	*ndefs = 0;
	snprintf(rng, sizeof(rng), "%s/process.rng", dir);
	if (bk_process_schema_load(rng) != BK_OK) {
		fprintf(stderr, "%s: cannot load the schema\n", rng);
		return 1;
	}
	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "%s: cannot open\n", dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 5 || strcmp(de->d_name + n - 4, ".xml") != 0)
			continue;
		if (*ndefs == MAX_FILES) {
			fprintf(stderr, "%s: more than %d definitions\n", dir, MAX_FILES);
			failed = 1;
			break;
		}
		snprintf(defs[*ndefs].path, sizeof(defs[*ndefs].path), "%s/%s", dir, de->d_name);
		(*ndefs)++;
	}
	closedir(d);
	qsort(defs, *ndefs, sizeof(*defs), by_name);
	for (size_t i = 0; i < *ndefs; i++) {
		struct def *df = &defs[i];
		char err[1024], *base, *code;
		enum bk_err e;

		if ((e = read_file(df->path, &df->buf, &df->len)) != BK_OK) {
			fprintf(stderr, "%s: %s\n", df->path, bk_strerror(e));
			failed = 1;
			continue;
		}
		if (bk_process_parse(df->path, df->buf, df->len, &df->doc, err, sizeof(err)) != BK_OK) {
			fprintf(stderr, "%s\n", err);
			failed = 1;
			continue;
		}
		/* The file is named for its code: one place to look for a process. */
		base = strrchr(df->path, '/');
		base = base != NULL ? base + 1 : df->path;
		code = (char *)xmlGetProp(xmlDocGetRootElement(df->doc), BAD_CAST "code");
		if (code == NULL || strncmp(base, code, strlen(code)) != 0 ||
		    strcmp(base + strlen(code), ".xml") != 0) {
			fprintf(stderr, "%s:%ld: code \"%s\" does not match the file name\n", df->path,
			    xmlGetLineNo(xmlDocGetRootElement(df->doc)), code ? code : "");
			failed = 1;
		}
		xmlFree(code);
	}
	return failed;
}

static char *
text_of(xmlNodePtr root, const char *parent, const char *lang)
{
	for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, BAD_CAST parent) != 0)
			continue;
		for (xmlNodePtr t = c->children; t != NULL; t = t->next)
			if (t->type == XML_ELEMENT_NODE && xmlStrcmp(t->name, BAD_CAST lang) == 0)
				return (char *)xmlNodeGetContent(t);
	}
	return NULL;
}

static void
bind_str(MYSQL_BIND *b, const char *s, unsigned long *len)
{
	*len = s != NULL ? strlen(s) : 0;
	b->buffer_type = MYSQL_TYPE_STRING;
	b->buffer = (void *)(s != NULL ? s : "");
	b->buffer_length = *len;
	b->length = len;
}

static enum bk_err
add_actor(const char *code, const char *step, const char *role)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_STEP_ACTOR_ADD);
	bk_q_str(&q, code);
	bk_q_str(&q, step);
	bk_q_str(&q, role);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/* step_actor: who acts at each step (the actor, and every approver's role). */
static enum bk_err
store_actors(const char *code, xmlNodePtr root)
{
	struct bk_q q;
	enum bk_err e;

	/* A retired process keeps its rows: its open requests still belong in queues. */
	bk_q_init(&q, STMT_STEP_ACTOR_CLEAR);
	bk_q_str(&q, code);
	e = bk_q_exec(&q);
	bk_q_done(&q);

	for (xmlNodePtr steps = root->children; steps != NULL; steps = steps->next) {
		if (steps->type != XML_ELEMENT_NODE || xmlStrcmp(steps->name, BAD_CAST "steps") != 0)
			continue;
		for (xmlNodePtr s = steps->children; s != NULL && e == BK_OK; s = s->next) {
			char *id, *actor;
			if (s->type != XML_ELEMENT_NODE)
				continue;
			id = (char *)xmlGetProp(s, BAD_CAST "id");
			actor = (char *)xmlGetProp(s, BAD_CAST "actor");
			if (id != NULL && actor != NULL)
				e = add_actor(code, id, actor);
			for (xmlNodePtr a = s->children; a != NULL && e == BK_OK; a = a->next) {
				if (a->type != XML_ELEMENT_NODE || xmlStrcmp(a->name, BAD_CAST "approvers") != 0)
					continue;
				for (xmlNodePtr ap = a->children; ap != NULL && e == BK_OK; ap = ap->next) {
					char *role;
					if (ap->type != XML_ELEMENT_NODE)
						continue;
					role = (char *)xmlGetProp(ap, BAD_CAST "role");
					if (role != NULL && id != NULL)
						e = add_actor(code, id, role);
					xmlFree(role);
				}
			}
			xmlFree(id);
			xmlFree(actor);
		}
	}
	return e;
}

static enum bk_err
store(struct def *df)
{
	xmlNodePtr root = xmlDocGetRootElement(df->doc);
	char *code = (char *)xmlGetProp(root, BAD_CAST "code");
	char *group = (char *)xmlGetProp(root, BAD_CAST "group");
	char *order = (char *)xmlGetProp(root, BAD_CAST "order");
	char *version = (char *)xmlGetProp(root, BAD_CAST "version");
	char *pub = (char *)xmlGetProp(root, BAD_CAST "public");
	char *th = text_of(root, "title", "th"), *en = text_of(root, "title", "en");
	unsigned char sha[crypto_hash_sha256_BYTES];
	char shahex[2 * crypto_hash_sha256_BYTES + 1];
	unsigned long lens[9];
	long iorder = 1000, iversion = 1, ipublic;
	MYSQL_BIND in[9];
	MYSQL_STMT *st;
	enum bk_err rc = BK_EDB;

	crypto_hash_sha256(sha, (const unsigned char *)df->buf, df->len);
	bk_hex(sha, sizeof(sha), shahex);
	if (order != NULL)
		bk_parse_long(order, 0, 1000000, &iorder);
	if (version != NULL)
		bk_parse_long(version, 1, 1000000, &iversion);
	ipublic = pub != NULL && (strcmp(pub, "true") == 0 || strcmp(pub, "1") == 0);
	memset(in, 0, sizeof(in));
	bind_str(&in[0], code, &lens[0]);
	bind_str(&in[1], group, &lens[1]);
	in[2].buffer_type = MYSQL_TYPE_LONG;
	in[2].buffer = &(int){ (int)iorder };
	in[3].buffer_type = MYSQL_TYPE_LONG;
	in[3].buffer = &(int){ (int)iversion };
	in[4].buffer_type = MYSQL_TYPE_LONG;
	in[4].buffer = &(int){ (int)ipublic };
	bind_str(&in[5], th, &lens[5]);
	bind_str(&in[6], en, &lens[6]);
	in[7].buffer_type = MYSQL_TYPE_STRING;
	in[7].buffer = df->buf;
	in[7].buffer_length = df->len;
	lens[7] = df->len;
	in[7].length = &lens[7];
	bind_str(&in[8], shahex, &lens[8]);
	if ((st = bk_db_stmt(STMT_PROCESS_UPSERT)) == NULL)
		goto out;
	if (mysql_stmt_bind_param(st, in) != 0 || mysql_stmt_execute(st) != 0) {
		fprintf(stderr, "%s: %s\n", df->path, mysql_stmt_error(st));
		goto out;
	}
	if (store_actors(code, root) != BK_OK)
		goto out;
	rc = BK_OK;
out:
	xmlFree(code);
	xmlFree(group);
	xmlFree(order);
	xmlFree(version);
	xmlFree(pub);
	xmlFree(th);
	xmlFree(en);
	return rc;
}

static int
connect_db(void)
{
	struct bk_db_config c;
	const char *v;

	memset(&c, 0, sizeof(c));
	bk_strlcpy(c.socket, (v = getenv("BORIKAN_DB_SOCKET")) ? v : "", sizeof(c.socket));
	bk_strlcpy(c.name, (v = getenv("BORIKAN_DB_NAME")) ? v : "borikan", sizeof(c.name));
	bk_strlcpy(c.user, (v = getenv("BORIKAN_DB_USER")) ? v : (getenv("USER") ? getenv("USER") : "root"), sizeof(c.user));
	if (bk_db_open(&c) != BK_OK) {
		fprintf(stderr, "ติดต่อฐานข้อมูลไม่ได้ / cannot connect to the database\n");
		return 1;
	}
	return 0;
}

/*
 * sla-check: the time limits of open requests (sla.c). Prints what it recorded; exits 1
 * when a request could not be checked (the others were).
 */
int
admin_sla_check(int argc, char **argv)
{
	int warned = 0, overdue = 0;
	enum bk_err e;

	const char *root = getenv("BORIKAN_ROOT");
	char xslt_dir[600];

	(void)argv;
	if (argc != 0) {
		fprintf(stderr, "usage: borikan-admin sla-check\n");
		return 2;
	}
	/* The notices are mailed: mail.xsl from the tree, the processes from the catalogue. */
	snprintf(xslt_dir, sizeof(xslt_dir), "%s/xslt", root != NULL && *root != '\0' ? root : ".");
	if (bk_render_init(xslt_dir) != BK_OK || bk_catalogue_load() != BK_OK) {
		fprintf(stderr, "อ่านแม่แบบอีเมลหรือรายการกระบวนงานไม่ได้ (ตั้ง BORIKAN_ROOT เป็นโฟลเดอร์ที่มี xslt/)"
		    " / cannot read the mail stylesheet or the catalogue (set BORIKAN_ROOT to the"
		    " folder holding xslt/)\n");
		bk_render_free();
		return 1;
	}
	e = bk_sla_check(time(NULL), &warned, &overdue);
	bk_catalogue_free();
	bk_render_free();
	xsltCleanupGlobals();
	printf("เตือน 75%% %d คำขอ, เกินกำหนด %d คำขอ / warned %d, overdue %d\n", warned,
	    overdue, warned, overdue);
	if (e != BK_OK) {
		fprintf(stderr, "ตรวจบางคำขอไม่ได้ / some requests could not be checked: %s\n",
		    bk_strerror(e));
		return 1;
	}
	return 0;
}

static int
load(struct def *defs, size_t n)
{
	MYSQL_STMT *st;

	if (connect_db() != 0)
		return 1;
	/* All or nothing: a half-loaded catalogue is worse than the old one. */
	if (bk_db_begin() != BK_OK)
		goto fail;
	if ((st = bk_db_stmt(STMT_PROCESS_RETIRE_ALL)) == NULL || mysql_stmt_execute(st) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++)
		if (store(&defs[i]) != BK_OK)
			goto fail;
	if (bk_db_commit() != BK_OK)
		goto fail;
	printf("loaded %zu process definitions\n", n);
	bk_db_close();
	return 0;
fail:
	bk_db_rollback();
	bk_db_close();
	fprintf(stderr, "nothing was loaded\n");
	return 1;
}

int
main(int argc, char **argv)
{
	static struct def defs[MAX_FILES];
	size_t n = 0;
	int rc;

	bk_log_init("borikan-admin", 0);
	if (sodium_init() < 0)
		return 1;
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "add-unit", admin_add_unit },
		{ "add-person", admin_add_person },
		{ "grant", admin_grant },
		{ "set-password", admin_set_password },
		{ "set-memo-format", admin_set_memo_format },
		{ "sla-check", admin_sla_check },
		{ "purge-unconfirmed", admin_purge_unconfirmed },
		{ "lms-create-course", admin_lms_create_course },
	};

	for (size_t i = 0; argc >= 2 && i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(argv[1], cmds[i].name) != 0)
			continue;
		if (connect_db() != 0)
			return 1;
		rc = cmds[i].fn(argc - 2, argv + 2);
		bk_db_close();
		return rc;
	}
	if (argc != 3 || (strcmp(argv[1], "check-processes") != 0 &&
	    strcmp(argv[1], "load-processes") != 0)) {
		fprintf(stderr, "usage: borikan-admin check-processes|load-processes DIR\n"
		    "       borikan-admin add-unit CODE KIND NAME_TH NAME_EN [PARENT_CODE]\n"
		    "       borikan-admin add-person USERNAME EMAIL UNIT_CODE NAME_TH NAME_EN\n"
		    "       borikan-admin grant USERNAME ROLE UNIT_CODE\n"
		    "       borikan-admin set-password USERNAME < password\n"
		    "       borikan-admin set-memo-format UNIT_CODE FORMAT\n"
		    "       borikan-admin sla-check\n"
		    "       borikan-admin purge-unconfirmed [DAYS]\n"
		    "       borikan-admin lms-create-course SITE_ID CODE TERM TITLE FACULTY\n");
		return 2;
	}
	rc = check_dir(argv[2], defs, &n);
	if (rc == 0 && strcmp(argv[1], "load-processes") == 0)
		rc = load(defs, n);
	else if (rc == 0)
		printf("%zu process definitions are valid\n", n);
	else
		fprintf(stderr, "refused: fix the definitions above\n");
	for (size_t i = 0; i < n; i++) {
		free(defs[i].buf);
		if (defs[i].doc != NULL)
			xmlFreeDoc(defs[i].doc);
	}
	bk_process_schema_free();
	xmlCleanupParser();
	return rc;
}
