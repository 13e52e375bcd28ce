/*
 * h_attachment.c: files attached to a request, and their download.
 *
 * Whoever may see a request may attach to it (a closed one only takes files from staff)
 * and download its files; anyone else is told the request does not exist. The upload was
 * parsed by the router (multipart.c, after sign-in and before the CSRF check) into a
 * temporary file; here its name and type are checked, the content is moved into the
 * store under its hash, and the row and the `attached` event are written in one
 * transaction. Downloads are served by nginx from an internal location (X-Accel-Redirect)
 * with the headers set here and in nginx/borikan.conf.in.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "borikan.h"

#define MAX_TRIES 3
#define ACCEL_PREFIX "/_files/"	/* nginx's internal location of BORIKAN_FILES */

/* Any role but requester is a staff role (as bk_request_may_view counts them). */
static bool
is_staff(const struct bk_req *r)
{
	for (const char *p = r->sess.roles; *p != '\0'; ) {
		size_t n = strcspn(p, "@ ");
		if (n > 0 && !(n == 9 && strncmp(p, "requester", 9) == 0))
			return true;
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
	}
	return false;
}

static bool
closed(const struct bk_request *rq)
{
	return strcmp(rq->status, "done") == 0 || strcmp(rq->status, "rejected") == 0;
}

static long long
count_of(long long request_id, enum bk_err *e)
{
	struct bk_q q;
	long long n = 0;

	bk_q_init(&q, STMT_ATTACHMENT_COUNT);
	bk_q_int(&q, request_id);
	bk_q_exec(&q);
	bk_q_out_int(&q, &n);
	if (bk_q_fetch(&q) != 1)
		*e = q.err != BK_OK ? q.err : BK_EDB;
	bk_q_done(&q);
	return n;
}

/*
 * <attachments count may-upload="yes"? max><file id name size type at who-th who-en/>*
 * under parent: the files of rq, and whether the reader may add one.
 */
void
bk_attachments_xml(xmlNodePtr parent, const struct bk_request *rq, const struct bk_req *r)
{
	xmlNodePtr list = xmlNewTextChild(parent, NULL, BAD_CAST "attachments", NULL);
	char name[801], type[101], at[20], th[201], en[201], num[24];
	long long id = 0, size = 0, n = 0;
	struct bk_q q;

	if (list == NULL)
		return;
	bk_q_init(&q, STMT_ATTACHMENTS_OF);
	bk_q_int(&q, rq->id);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, name, sizeof(name));
	bk_q_out_int(&q, &size);
	bk_q_out_str(&q, type, sizeof(type));
	bk_q_out_str(&q, at, sizeof(at));
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr f = xmlNewTextChild(list, NULL, BAD_CAST "file", NULL);
		snprintf(num, sizeof(num), "%lld", id);
		xmlNewProp(f, BAD_CAST "id", BAD_CAST num);
		snprintf(num, sizeof(num), "%lld", size);
		xmlNewProp(f, BAD_CAST "size", BAD_CAST num);
		xmlNewProp(f, BAD_CAST "name", BAD_CAST name);
		xmlNewProp(f, BAD_CAST "type", BAD_CAST type);
		xmlNewProp(f, BAD_CAST "at", BAD_CAST at);
		xmlNewProp(f, BAD_CAST "who-th", BAD_CAST th);
		xmlNewProp(f, BAD_CAST "who-en", BAD_CAST en);
		n++;
	}
	bk_q_done(&q);
	snprintf(num, sizeof(num), "%lld", n);
	xmlNewProp(list, BAD_CAST "count", BAD_CAST num);
	snprintf(num, sizeof(num), "%d", BK_ATTACH_MAX_PER_REQUEST);
	xmlNewProp(list, BAD_CAST "max", BAD_CAST num);
	if (bk_request_may_view(rq, r) && (!closed(rq) || is_staff(r)) &&
	    n < BK_ATTACH_MAX_PER_REQUEST)
		xmlNewProp(list, BAD_CAST "may-upload", BAD_CAST "yes");
}

/* The request page again, with status and what went wrong; 404 for one who may not see it. */
static void
refuse(struct bk_req *r, int status, const char *why)
{
	struct bk_request rq;
	const struct bk_process *p;
	enum bk_err e = bk_request_load(r->capture, false, &rq);

	if (e != BK_OK)
		bk_req_error(r, e == BK_ENOTFOUND ? 404 : 503);
	else if (!bk_request_may_view(&rq, r) || (p = bk_catalogue_find(rq.process)) == NULL)
		bk_req_error(r, 404);
	else
		bk_request_page(r, status, p, &rq, why);
	bk_request_free(&rq);
}

/* One try at recording the upload; the caller retries on BK_ERETRY. */
static enum bk_err
attach(struct bk_req *r, struct bk_upload *u, const char *type, struct bk_request *rq,
    int *status, const char **why)
{
	struct bk_q q;
	long long n;
	enum bk_err e = BK_OK;

	*status = 0;
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	/* The request's row stays locked: two uploads cannot both pass the count. */
	if ((e = bk_request_load(r->capture, true, rq)) != BK_OK) {
		*status = e == BK_ENOTFOUND ? 404 : 0;
		goto fail;
	}
	if (!bk_request_may_view(rq, r)) {
		*status = 404;
		e = BK_ENOTFOUND;
		goto fail;
	}
	if (closed(rq) && !is_staff(r)) {
		*status = 403;
		*why = "att.closed";
		e = BK_EINVAL;
		goto fail;
	}
	n = count_of(rq->id, &e);
	if (e != BK_OK)
		goto fail;
	if (n >= BK_ATTACH_MAX_PER_REQUEST) {
		*status = 422;
		*why = "att.max";
		e = BK_EINVAL;
		goto fail;
	}
	/*
	 * The content goes into place before the rows: a failed commit leaves at most a file
	 * no row names, never a row without its file. A retry finds it stored already.
	 */
	if (u->tmppath[0] != '\0') {
		if ((e = bk_attach_store(u->tmppath, u->sha256)) != BK_OK)
			goto fail;
		u->tmppath[0] = '\0';	/* moved or removed: bk_mp_free must not unlink it */
	}
	bk_q_init(&q, STMT_ATTACHMENT_INSERT);
	bk_q_int(&q, rq->id);
	bk_q_bin(&q, u->sha256, sizeof(u->sha256));
	bk_q_int(&q, (long long)u->size);
	bk_q_str(&q, type);
	bk_q_str(&q, u->filename);
	bk_q_int(&q, r->sess.person_id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	bk_q_init(&q, STMT_EVENT_INSERT);
	bk_q_int(&q, rq->id);
	bk_q_int(&q, r->sess.person_id);
	bk_q_str(&q, "attached");
	bk_q_str(&q, NULL);
	bk_q_str(&q, NULL);
	bk_q_str(&q, u->filename);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	return bk_db_commit();
fail:
	bk_db_rollback();
	return e;
}

void
h_attachment_upload(struct bk_req *r)
{
	struct bk_upload *u = r->upload;
	struct bk_request rq;
	const char *type, *why = NULL;
	char where[200];
	int status = 0;
	enum bk_err e = BK_ERETRY;

	if (u == NULL) {
		bk_req_error(r, 500);
		return;
	}
	if (!u->has_file || u->filename[0] == '\0' || !u->file_done) {
		refuse(r, 422, "att.none");
		return;
	}
	if (!bk_attach_name_ok(u->filename)) {
		refuse(r, 422, "att.name");
		return;
	}
	if (u->size == 0) {
		refuse(r, 422, "att.empty-file");
		return;
	}
	if ((type = bk_attach_type(u->head, u->headlen, u->size, u->utf8, u->filename)) == NULL) {
		bk_log(BK_LOG_INFO, "req %s: attachment refused: not an accepted type", r->id);
		refuse(r, 415, "att.type");
		return;
	}
	memset(&rq, 0, sizeof(rq));
	for (int i = 0; i < MAX_TRIES && e == BK_ERETRY; i++) {
		bk_request_free(&rq);
		e = attach(r, u, type, &rq, &status, &why);
	}
	if (e == BK_OK) {
		bk_log(BK_LOG_INFO, "req %s: %zu bytes (%s) attached to %s by person %lld", r->id,
		    u->size, type, rq.number, r->sess.person_id);
		snprintf(where, sizeof(where), "/requests/%s#attachments", rq.number);
		bk_request_free(&rq);
		bk_req_redirect(r, where);
		return;
	}
	bk_request_free(&rq);
	if (why != NULL)
		refuse(r, status, why);
	else
		bk_req_error(r, status != 0 ? status : 503);
}

void
h_attachment_get(struct bk_req *r)
{
	struct bk_request rq;
	char hex[65], type[101], name[801], cd[3072];
	long long size = 0;
	long id;
	struct bk_q q;
	int row;
	enum bk_err e = bk_request_load(r->capture, false, &rq);

	if (e != BK_OK) {
		bk_request_free(&rq);
		bk_req_error(r, e == BK_ENOTFOUND ? 404 : 503);
		return;
	}
	/* Not the reader's request: not found, as on the request page. */
	if (!bk_request_may_view(&rq, r) ||
	    bk_parse_long(r->capture_id, 1, 999999999999999999L, &id) != BK_OK) {
		bk_request_free(&rq);
		bk_req_error(r, 404);
		return;
	}
	bk_q_init(&q, STMT_ATTACHMENT_GET);
	bk_q_int(&q, id);
	bk_q_int(&q, rq.id);
	bk_q_exec(&q);
	bk_q_out_str(&q, hex, sizeof(hex));
	bk_q_out_int(&q, &size);
	bk_q_out_str(&q, type, sizeof(type));
	bk_q_out_str(&q, name, sizeof(name));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	bk_request_free(&rq);
	if (row != 1) {
		bk_req_error(r, row == 0 ? 404 : 503);
		return;
	}
	if (strlen(hex) != 64 || bk_content_disposition(name, cd, sizeof(cd)) != BK_OK) {
		bk_req_error(r, 500);
		return;
	}
	r->status = 200;
	r->ctype = bk_attach_known_type(type);
	r->cache = "private, no-cache";
	bk_req_header(r, "Content-Disposition: %s", cd);
	bk_req_header(r, "X-Content-Type-Options: nosniff");
	bk_req_header(r, "Content-Security-Policy: sandbox; default-src 'none'");
	/* nginx sends the file; these headers and the location's own go with it. */
	bk_req_header(r, "X-Accel-Redirect: " ACCEL_PREFIX "%.2s/%s", hex, hex);
}
