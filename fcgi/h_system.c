/*
 * h_system.c: what the operator's tools read: /healthz and /metrics.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "borikan.h"

/* 200 only when the database answers a query now; a load balancer acts on this. */
void
h_healthz(struct bk_req *r)
{
	bool ok = bk_db_ping() == BK_OK;

	r->status = ok ? 200 : 503;
	r->ctype = "text/plain; charset=utf-8";
	r->cache = "no-store";
	r->body = (char *)(ok ? "ok\n" : "database unavailable\n");
	r->bodylen = strlen(r->body);
	r->body_static = true;
}

void
h_metrics(struct bk_req *r)
{
	struct bk_buf b;

	bk_buf_init(&b, 1024 * 1024);
	if (bk_metrics_write(&b) != BK_OK) {
		bk_buf_free(&b);
		bk_req_error(r, 500);
		return;
	}
	r->status = 200;
	r->ctype = "text/plain; version=0.0.4; charset=utf-8";
	r->cache = "no-store";
	r->body = b.data;
	r->bodylen = b.len;
	r->body_static = false;
}
