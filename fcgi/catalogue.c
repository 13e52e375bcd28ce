/*
 * catalogue.c: the process definitions this worker serves, read from the database once
 * when the worker starts. A new catalogue reaches the workers by SIGHUP to the master
 * (`borikan-admin load-processes` and then a reload), so a page never costs a query.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <libxml/parser.h>

#include "borikan.h"

#define MAX_PROCESSES 256
#define MAX_DEFINITION (1024 * 1024)

static struct bk_process procs[MAX_PROCESSES];
static size_t nprocs;
static char newest[11];

void
bk_catalogue_free(void)
{
	for (size_t i = 0; i < nprocs; i++) {
		free(procs[i].xml);
		xmlFreeDoc(procs[i].doc);
	}
	memset(procs, 0, sizeof(procs));
	nprocs = 0;
	newest[0] = '\0';
}

/*
 * Loads every current definition. BK_EDB if the database cannot be read, BK_EXML if a
 * stored definition does not parse (the loader checked it, so that is a bug: logged).
 */
enum bk_err
bk_catalogue_load(void)
{
	MYSQL_STMT *st;
	MYSQL_BIND out[4];
	char code[48], group[16], updated[11];
	unsigned long lens[4];
	my_bool nulls[4];
	enum bk_err rc = BK_EDB;
	int r;

	bk_catalogue_free();
	if ((st = bk_db_stmt(STMT_PROCESS_ALL)) == NULL)
		return BK_EDB;
	memset(out, 0, sizeof(out));
	out[0].buffer_type = MYSQL_TYPE_STRING;
	out[0].buffer = code;
	out[0].buffer_length = sizeof(code);
	out[1].buffer_type = MYSQL_TYPE_STRING;
	out[1].buffer = group;
	out[1].buffer_length = sizeof(group);
	out[2].buffer_type = MYSQL_TYPE_STRING;
	out[2].buffer = updated;
	out[2].buffer_length = sizeof(updated);
	out[3].buffer_type = MYSQL_TYPE_STRING;	/* length only: fetched per row below */
	for (int i = 0; i < 4; i++) {
		out[i].length = &lens[i];
		out[i].is_null = &nulls[i];
	}
	if (mysql_stmt_execute(st) != 0 || mysql_stmt_bind_result(st, out) != 0) {
		bk_log(BK_LOG_ERR, "catalogue: %s", mysql_stmt_error(st));
		return BK_EDB;
	}
	while ((r = mysql_stmt_fetch(st)) == 0 || r == MYSQL_DATA_TRUNCATED) {
		struct bk_process *p;
		MYSQL_BIND col;

		if (nprocs == MAX_PROCESSES) {
			bk_log(BK_LOG_ERR, "catalogue: more than %d processes", MAX_PROCESSES);
			rc = BK_ETOOBIG;
			goto out;
		}
		if (lens[3] > MAX_DEFINITION || lens[0] >= sizeof(code) ||
		    lens[1] >= sizeof(group) || lens[2] >= sizeof(updated)) {
			bk_log(BK_LOG_ERR, "catalogue: a stored row is larger than its cap");
			rc = BK_ETOOBIG;
			goto out;
		}
		p = &procs[nprocs];
		memcpy(p->code, code, lens[0]);
		p->code[lens[0]] = '\0';
		memcpy(p->group, group, lens[1]);
		p->group[lens[1]] = '\0';
		memcpy(p->updated, updated, lens[2]);
		p->updated[lens[2]] = '\0';
		if ((p->xml = malloc(lens[3] + 1)) == NULL) {
			rc = BK_ENOMEM;
			goto out;
		}
		memset(&col, 0, sizeof(col));
		col.buffer_type = MYSQL_TYPE_STRING;
		col.buffer = p->xml;
		col.buffer_length = lens[3] + 1;
		if (lens[3] > 0 && mysql_stmt_fetch_column(st, &col, 3, 0) != 0) {
			bk_log(BK_LOG_ERR, "catalogue: %s: %s", p->code, mysql_stmt_error(st));
			free(p->xml);
			p->xml = NULL;
			goto out;
		}
		p->xml[lens[3]] = '\0';
		p->xml_len = lens[3];
		p->doc = xmlReadMemory(p->xml, (int)p->xml_len, p->code, "UTF-8",
		    XML_PARSE_NONET | XML_PARSE_NOBLANKS);
		if (p->doc == NULL) {
			bk_log(BK_LOG_ERR, "catalogue: stored definition %s does not parse", p->code);
			free(p->xml);
			p->xml = NULL;
			rc = BK_EXML;
			goto out;
		}
		if (strcmp(p->updated, newest) > 0)
			memcpy(newest, p->updated, sizeof(newest));
		nprocs++;
	}
	if (r != MYSQL_NO_DATA) {
		bk_log(BK_LOG_ERR, "catalogue: fetch: %s", mysql_stmt_error(st));
		goto out;
	}
	rc = BK_OK;
out:
	mysql_stmt_free_result(st);
	if (rc != BK_OK)
		bk_catalogue_free();
	return rc;
}

size_t
bk_catalogue_count(void)
{
	return nprocs;
}

const struct bk_process *
bk_catalogue_at(size_t i)
{
	return i < nprocs ? &procs[i] : NULL;
}

const struct bk_process *
bk_catalogue_find(const char *code)
{
	for (size_t i = 0; i < nprocs; i++)
		if (strcmp(procs[i].code, code) == 0)
			return &procs[i];
	return NULL;
}

/* The date of the newest definition, YYYY-MM-DD, or "" when the catalogue is empty. */
const char *
bk_catalogue_updated(void)
{
	return newest;
}
