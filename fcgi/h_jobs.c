/*
 * h_jobs.c: the staff page of dead jobs (/admin/jobs, administrators), and queueing one
 * of them again (POST, CSRF): attempts start from zero, the job runs at once.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "borikan.h"

void
h_jobs(struct bk_req *r)
{
	xmlNodePtr root;
	xmlDocPtr doc = bk_page_new("jobs", &root);
	char kind[41], key[191], error[256], updated[20], buf[24];
	long long id, attempts, max;
	const char *done = bk_req_param(r, "done");
	long n;
	struct bk_q q;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	if (done != NULL && bk_parse_long(done, 1, 1L << 62, &n) == BK_OK) {
		snprintf(buf, sizeof(buf), "%ld", n);
		xmlNewProp(root, BAD_CAST "done", BAD_CAST buf);
	}
	bk_q_init(&q, STMT_JOBS_DEAD);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, kind, sizeof(kind));
	bk_q_out_str(&q, key, sizeof(key));
	bk_q_out_int(&q, &attempts);
	bk_q_out_int(&q, &max);
	bk_q_out_str(&q, error, sizeof(error));
	bk_q_out_str(&q, updated, sizeof(updated));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr j = xmlNewTextChild(root, NULL, BAD_CAST "job", BAD_CAST error);
		snprintf(buf, sizeof(buf), "%lld", id);
		xmlNewProp(j, BAD_CAST "id", BAD_CAST buf);
		xmlNewProp(j, BAD_CAST "kind", BAD_CAST kind);
		xmlNewProp(j, BAD_CAST "key", BAD_CAST key);
		snprintf(buf, sizeof(buf), "%lld", attempts);
		xmlNewProp(j, BAD_CAST "attempts", BAD_CAST buf);
		snprintf(buf, sizeof(buf), "%lld", max);
		xmlNewProp(j, BAD_CAST "max", BAD_CAST buf);
		xmlNewProp(j, BAD_CAST "updated", BAD_CAST updated);
	}
	bk_q_done(&q);
	if (q.err != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	r->cache = "no-store";
	bk_req_page(r, 200, SHEET_JOBS, doc);
	xmlFreeDoc(doc);
}

void
h_job_retry(struct bk_req *r)
{
	char where[64];
	long id;
	struct bk_q q;
	enum bk_err e;
	unsigned long long n = 0;

	if (bk_parse_long(bk_req_form(r, "job"), 1, 1L << 62, &id) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	bk_q_init(&q, STMT_JOB_RETRY_DEAD);
	bk_q_int(&q, id);
	if ((e = bk_q_exec(&q)) == BK_OK)
		n = bk_q_affected(&q);
	bk_q_done(&q);
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	if (n != 1) {
		bk_req_error(r, 404);	/* no such dead job: gone, or queued already */
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: job %ld queued again by person %lld", r->id, id,
	    r->sess.person_id);
	snprintf(where, sizeof(where), "/admin/jobs?done=%ld", id);
	bk_req_redirect(r, where);
}
