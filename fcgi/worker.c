/*
 * worker.c: one worker process: its own database connection, stylesheets and
 * catalogue, and the accept loop.
 *
 * SIGTERM is blocked except while the worker waits in ppoll() for a connection, so a
 * stop never interrupts a request: the request in flight finishes, then the worker exits.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <libxml/parser.h>
#include <libxslt/xsltutils.h>
#include <mysql.h>

#include "borikan.h"
#include "lms.h"

static volatile sig_atomic_t stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

static void
handle(FCGX_Request *fr)
{
	struct bk_req r;
	double t0 = bk_now(), dt;

	if (bk_req_parse(&r, fr) != BK_OK)
		bk_req_error(&r, 500);
	else
		bk_route(&r);
	bk_req_send(&r);
	dt = bk_now() - t0;
	bk_metrics_request(r.route, r.status, dt);
	bk_log(BK_LOG_INFO, "req %s %s %s route=%s status=%d ms=%.2f", r.id, r.method,
	    r.path, r.route >= 0 ? bk_routes[r.route].name : "-", r.status, dt * 1000);
	bk_req_free(&r);
}

/*
 * Runs the accept loop until SIGTERM. Returns the process exit status: 0 after a
 * graceful stop, 1 when start-up failed (the master retries with a delay).
 */
int
bk_worker_run(const struct bk_config *cfg, int listen_fd)
{
	FCGX_Request fr;
	struct sigaction sa;
	sigset_t block, waitmask;
	char xslt_dir[600];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGTERM);

	bk_log_route_xml_errors();
	snprintf(xslt_dir, sizeof(xslt_dir), "%s/xslt", cfg->root);
	if (bk_render_init(xslt_dir) != BK_OK)
		return 1;
	if (bk_attach_init(cfg->files) != BK_OK)
		return 1;
	if (bk_db_open(&cfg->db) != BK_OK || bk_catalogue_load() != BK_OK) {
		bk_log(BK_LOG_ERR, "worker: cannot read the catalogue; exiting");
		return 1;
	}
	bk_log(BK_LOG_INFO, "worker ready: %zu processes", bk_catalogue_count());
	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, listen_fd, 0) != 0)
		return 1;

	while (!stopping) {
		struct pollfd pfd = { .fd = listen_fd, .events = POLLIN };

		if (ppoll(&pfd, 1, NULL, &waitmask) < 0) {
			if (errno == EINTR)
				continue;
			bk_log(BK_LOG_ERR, "ppoll: %s", strerror(errno));
			break;
		}
		/* The socket is non-blocking: another worker may have taken it (EAGAIN). */
		if (FCGX_Accept_r(&fr) < 0)
			continue;
		handle(&fr);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	bk_page_cache_clear();
	bk_http_cleanup();
	bk_catalogue_free();
	bk_db_close();
	bk_render_free();
	xsltCleanupGlobals();
	xmlCleanupParser();
	mysql_library_end();
	return 0;
}
