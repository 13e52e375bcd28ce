/*
 * metrics.c: request counters and histograms in one anonymous shared mapping, made by
 * the master before it forks, so every worker adds to the same numbers and /metrics in
 * any worker reports the whole pool. Updates are relaxed atomic adds: no locks.
 */
#include "config.h"

#include <sys/mman.h>

#include <stdio.h>
#include <string.h>

#include "borikan.h"

#define MAX_ROUTES 64
#define MAX_JOB_KINDS 16
#define NBUCKETS 12
static const double bounds[NBUCKETS - 1] = {
	0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0
};
/* Jobs talk to other servers (SMTP, the LMS): seconds rather than milliseconds. */
static const double job_bounds[NBUCKETS - 1] = {
	0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0
};
static const int statuses[] = {
	200, 301, 302, 303, 304, 400, 401, 403, 404, 405, 413, 415, 422, 429, 500, 503
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]) + 1)	/* + "other" */

struct histogram {
	uint64_t bucket[NBUCKETS];
	uint64_t sum_ns;
	uint64_t count;
};

struct shm {
	uint64_t requests[MAX_ROUTES + 1][NSTATUS];
	struct histogram duration[MAX_ROUTES + 1];
	struct histogram render;
	uint64_t worker_restarts;
	uint64_t runner_restarts;
	struct histogram job[MAX_JOB_KINDS + 1];	/* by kind; the last: any other */
};

static struct shm *shm;

enum bk_err
bk_metrics_create(void)
{
	void *p;

	/* A row per route: a table that outgrew them is a start-up error, not a wild write. */
	if (bk_nroutes >= MAX_ROUTES)
		return BK_ETOOBIG;
	p = mmap(NULL, sizeof(struct shm), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return BK_EIO;
	memset(p, 0, sizeof(struct shm));
	shm = p;
	return BK_OK;
}

static void
add(uint64_t *p, uint64_t v)
{
	__atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

static void
observe(struct histogram *h, const double *b, double seconds)
{
	size_t i;

	for (i = 0; i < NBUCKETS - 1; i++)
		if (seconds <= b[i])
			break;
	add(&h->bucket[i], 1);
	add(&h->sum_ns, (uint64_t)(seconds * 1e9));
	add(&h->count, 1);
}

void
bk_metrics_request(int route, int status, double seconds)
{
	size_t s;

	if (shm == NULL)
		return;
	/* Past the table (or unmatched): the last row, "unmatched". */
	if (route < 0 || route >= MAX_ROUTES || (size_t)route >= bk_nroutes)
		route = MAX_ROUTES;
	for (s = 0; s < NSTATUS - 1; s++)
		if (statuses[s] == status)
			break;
	add(&shm->requests[route][s], 1);
	observe(&shm->duration[route], bounds, seconds);
}

void
bk_metrics_render(double seconds)
{
	if (shm != NULL)
		observe(&shm->render, bounds, seconds);
}

void
bk_metrics_worker_restart(void)
{
	if (shm != NULL)
		add(&shm->worker_restarts, 1);
}

void
bk_metrics_runner_restart(void)
{
	if (shm != NULL)
		add(&shm->runner_restarts, 1);
}

/* One job run of the kind at index kind of the runner's table (-1: a kind it lacks). */
void
bk_metrics_job(int kind, double seconds)
{
	if (shm == NULL)
		return;
	if (kind < 0 || kind >= MAX_JOB_KINDS)
		kind = MAX_JOB_KINDS;
	observe(&shm->job[kind], job_bounds, seconds);
}

static uint64_t
get(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static enum bk_err
write_histogram(struct bk_buf *b, const char *name, const char *labels,
    const struct histogram *h, const double *le)
{
	uint64_t cum = 0;
	enum bk_err e = BK_OK;
	const char *sep = labels[0] != '\0' ? "," : "";

	for (size_t i = 0; i < NBUCKETS && e == BK_OK; i++) {
		cum += get(&h->bucket[i]);
		if (i < NBUCKETS - 1)
			e = bk_buf_printf(b, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, labels,
			    sep, le[i], (unsigned long long)cum);
		else
			e = bk_buf_printf(b, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name,
			    labels, sep, (unsigned long long)cum);
	}
	if (e == BK_OK && labels[0] != '\0')
		e = bk_buf_printf(b, "%s_sum{%s} %.9f\n%s_count{%s} %llu\n", name, labels,
		    (double)get(&h->sum_ns) / 1e9, name, labels,
		    (unsigned long long)get(&h->count));
	else if (e == BK_OK)
		e = bk_buf_printf(b, "%s_sum %.9f\n%s_count %llu\n", name,
		    (double)get(&h->sum_ns) / 1e9, name, (unsigned long long)get(&h->count));
	return e;
}

/* Appends the Prometheus text exposition (format 0.0.4) to b. */
enum bk_err
bk_metrics_write(struct bk_buf *b)
{
	enum bk_err e;
	char labels[96];

	if (shm == NULL)
		return BK_EINVAL;
	e = bk_buf_adds(b, "# HELP borikan_requests_total Requests answered, by route and status.\n"
	    "# TYPE borikan_requests_total counter\n");
	for (size_t r = 0; r <= MAX_ROUTES && e == BK_OK; r++) {
		const char *name;
		if (r < MAX_ROUTES && r >= bk_nroutes)
			continue;
		name = r < bk_nroutes ? bk_routes[r].name : "unmatched";
		for (size_t s = 0; s < NSTATUS && e == BK_OK; s++) {
			uint64_t v = get(&shm->requests[r][s]);
			if (v == 0)
				continue;
			if (s < NSTATUS - 1)
				e = bk_buf_printf(b, "borikan_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
				    name, statuses[s], (unsigned long long)v);
			else
				e = bk_buf_printf(b, "borikan_requests_total{route=\"%s\",status=\"other\"} %llu\n",
				    name, (unsigned long long)v);
		}
	}
	if (e == BK_OK)
		e = bk_buf_adds(b, "# HELP borikan_request_duration_seconds Time from request to response, by route.\n"
		    "# TYPE borikan_request_duration_seconds histogram\n");
	for (size_t r = 0; r <= MAX_ROUTES && e == BK_OK; r++) {
		if ((r < MAX_ROUTES && r >= bk_nroutes) || get(&shm->duration[r].count) == 0)
			continue;
		snprintf(labels, sizeof(labels), "route=\"%s\"",
		    r < bk_nroutes && r < MAX_ROUTES ? bk_routes[r].name : "unmatched");
		e = write_histogram(b, "borikan_request_duration_seconds", labels, &shm->duration[r],
		    bounds);
	}
	if (e == BK_OK)
		e = bk_buf_adds(b, "# HELP borikan_render_seconds Time spent in XSLT transforms.\n"
		    "# TYPE borikan_render_seconds histogram\n");
	if (e == BK_OK)
		e = write_histogram(b, "borikan_render_seconds", "", &shm->render, bounds);
	if (e == BK_OK)
		e = bk_buf_printf(b, "# HELP borikan_worker_restarts_total Workers the master replaced after they died.\n"
		    "# TYPE borikan_worker_restarts_total counter\n"
		    "borikan_worker_restarts_total %llu\n",
		    (unsigned long long)get(&shm->worker_restarts));
	if (e == BK_OK)
		e = bk_buf_printf(b, "# HELP borikan_runner_restarts_total Job runners the master replaced after they died.\n"
		    "# TYPE borikan_runner_restarts_total counter\n"
		    "borikan_runner_restarts_total %llu\n",
		    (unsigned long long)get(&shm->runner_restarts));
	if (e == BK_OK)
		e = bk_buf_adds(b, "# HELP borikan_job_duration_seconds Time a job runner spent on a job, by kind.\n"
		    "# TYPE borikan_job_duration_seconds histogram\n");
	for (size_t k = 0; k <= MAX_JOB_KINDS && e == BK_OK; k++) {
		const char *name = k < MAX_JOB_KINDS ? bk_job_kind_name(k) : "other";
		if (name == NULL || (k == MAX_JOB_KINDS && get(&shm->job[k].count) == 0))
			continue;
		snprintf(labels, sizeof(labels), "kind=\"%s\"", name);
		e = write_histogram(b, "borikan_job_duration_seconds", labels, &shm->job[k],
		    job_bounds);
	}
	return e;
}
