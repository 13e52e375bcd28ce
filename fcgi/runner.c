/*
 * runner.c: a job-runner process, started by the master beside the request workers.
 *
 * It claims one due job at a time (jobs.c), runs it with the handler of its kind, and
 * records the outcome; when nothing is due it sleeps a second. SIGTERM is blocked, so it
 * never interrupts a job: it is taken in the idle wait (at once) or after the job ends.
 * Every job is logged in one line: id, kind, attempt, outcome, duration.
 *
 * Kinds are rows of a table (kind, whether the runner can run it now, the handler, the
 * bookkeeping done in the transaction that marks it done); the LMS jobs of issue 4 are
 * further rows. A kind that cannot run here (mail without BORIKAN_SMTP_URL) is never
 * claimed: its jobs stay queued, and the runner says so once.
 *
 * Between jobs, about once a second, the runner offers to queue the periodic jobs
 * (schedule.c): the SLA check every BORIKAN_SLA_INTERVAL seconds, queued once per interval
 * by whichever runner looks first, and run like any other job.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <mysql.h>
#include <sodium.h>

#include "borikan.h"
#include "lms.h"

#define STALE_CHECK_SECONDS 5
#define TICK_SECONDS 1

static struct bk_mail_config mail_cfg;
static CURL *curl;

/* ---- mail ------------------------------------------------------------------------------ */

static bool
mail_ready(void)
{
	return mail_cfg.url[0] != '\0';
}

/* Reads the outbox row of job into m (m->text and m->html malloc'd). */
static enum bk_err
outbox_of(long long job, struct bk_outmail *m)
{
	const size_t cap = 4 * 1024 * 1024;
	struct bk_q q;
	int row;

	memset(m, 0, sizeof(*m));
	if ((m->text = malloc(cap)) == NULL || (m->html = malloc(cap)) == NULL)
		return BK_ENOMEM;
	bk_q_init(&q, STMT_OUTBOX_OF_JOB);
	bk_q_int(&q, job);
	bk_q_exec(&q);
	bk_q_out_int(&q, &m->id);
	bk_q_out_str(&q, m->to, sizeof(m->to));
	bk_q_out_str(&q, m->to_name, sizeof(m->to_name));
	bk_q_out_str(&q, m->subject, sizeof(m->subject));
	bk_q_out_str(&q, m->text, cap);
	bk_q_out_str(&q, m->html, cap);
	bk_q_out_str(&q, m->message_id, sizeof(m->message_id));
	bk_q_out_str(&q, m->sent_at, sizeof(m->sent_at));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	return row == 1 ? BK_OK : BK_ENOTFOUND;
}

static void
outmail_free(struct bk_outmail *m)
{
	free(m->text);
	free(m->html);
	m->text = m->html = NULL;
}

static long long mail_sent_outbox;

/* In the transaction that marks the job done: the outbox row is sent. */
static enum bk_err
mail_done(const struct bk_job *job)
{
	struct bk_q q;
	enum bk_err e;

	(void)job;
	if (mail_sent_outbox == 0)
		return BK_OK;
	bk_q_init(&q, STMT_OUTBOX_SENT);
	bk_q_int(&q, mail_sent_outbox);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

static enum bk_job_result
mail_run(const struct bk_job *job, char *err, size_t errsz)
{
	struct bk_outmail m;
	enum bk_job_result res = BK_JOB_RETRY;
	bool permanent = false;
	enum bk_err e;

	mail_sent_outbox = 0;
	if ((e = outbox_of(job->id, &m)) != BK_OK) {
		snprintf(err, errsz, "outbox row: %s", bk_strerror(e));
		res = e == BK_ENOTFOUND ? BK_JOB_FAIL : BK_JOB_RETRY;
		goto out;
	}
	mail_sent_outbox = m.id;
	if (m.sent_at[0] != '\0') {
		res = BK_JOB_DONE;	/* sent before: never twice */
		goto out;
	}
	if (bk_mail_send(curl, &mail_cfg, &m, &permanent, err, errsz) == BK_OK)
		res = BK_JOB_DONE;
	else
		res = permanent ? BK_JOB_FAIL : BK_JOB_RETRY;
out:
	outmail_free(&m);
	return res;
}

/* ---- the SLA check (sla.c), queued by the schedule ------------------------------------ */

static bool
always_ready(void)
{
	return true;
}

static enum bk_job_result
sla_run(const struct bk_job *job, char *err, size_t errsz)
{
	int warned = 0, overdue = 0;
	enum bk_err e;

	(void)job;
	e = bk_sla_check(time(NULL), &warned, &overdue);
	if (warned > 0 || overdue > 0)
		bk_log(BK_LOG_INFO, "sla-check: warned %d, overdue %d", warned, overdue);
	if (e == BK_OK)
		return BK_JOB_DONE;
	/* What was recorded stays recorded: the next attempt does the rest. */
	snprintf(err, errsz, "sla-check: %s", bk_strerror(e));
	return BK_JOB_RETRY;
}

/* ---- the table of kinds --------------------------------------------------------------------- */

struct kind {
	const char *name;
	bool	(*ready)(void);
	enum bk_job_result (*run)(const struct bk_job *, char *err, size_t errsz);
	enum bk_err (*done)(const struct bk_job *);
	const char *why_not;	/* logged once when not ready */
};

static const struct kind kinds[] = {
	{ "mail", mail_ready, mail_run, mail_done,
	    "BORIKAN_SMTP_URL is not set: mail jobs stay queued until it is" },
	{ "sla", always_ready, sla_run, NULL, "" },
	{ "lms-course", always_ready, bk_lms_course_run, bk_lms_course_done, "" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

/* The name of the i-th kind of the table (the rows of the job metrics); NULL past the end. */
const char *
bk_job_kind_name(size_t i)
{
	return i < NKINDS ? kinds[i].name : NULL;
}

static const struct kind *
kind_of(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

/* ---- the loop --------------------------------------------------------------------------------- */

static bool
term_pending(const sigset_t *term, double wait)
{
	struct timespec ts;

	ts.tv_sec = (time_t)wait;
	ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
	return sigtimedwait(term, NULL, &ts) == SIGTERM;
}

static void
run_one(struct bk_job *job, const char *me, const struct bk_job_tuning *t)
{
	const struct kind *k = kind_of(job->kind);
	enum bk_job_result res;
	char err[256] = "";
	double t0 = bk_now(), delay = 0;
	enum bk_err e;

	if (k == NULL) {
		snprintf(err, sizeof(err), "no handler for kind %s", job->kind);
		res = BK_JOB_FAIL;
	} else
		res = k->run(job, err, sizeof(err));
	bk_metrics_job(k != NULL ? (int)(k - kinds) : -1, bk_now() - t0);
	if (res == BK_JOB_RETRY)
		delay = bk_job_backoff(t, job->attempts, randombytes_random());
	e = bk_job_finish(job, me, res, delay, err, k != NULL ? k->done : NULL);
	bk_log(res == BK_JOB_DONE ? BK_LOG_INFO : BK_LOG_WARN,
	    "job %lld kind=%s attempt=%lld/%lld result=%s%s%s ms=%.1f%s%s", job->id, job->kind,
	    job->attempts, job->max_attempts,
	    res == BK_JOB_DONE ? "done" : res == BK_JOB_FAIL ||
	    job->attempts >= job->max_attempts ? "dead" : "retry",
	    err[0] != '\0' ? " error=" : "", err, (bk_now() - t0) * 1000,
	    e == BK_OK ? "" : " record=", e == BK_OK ? "" : bk_strerror(e));
	if (res == BK_JOB_RETRY && e == BK_OK && job->attempts < job->max_attempts)
		bk_log(BK_LOG_INFO, "job %lld: next attempt in %.1f s", job->id, delay);
}

/*
 * Runs jobs until SIGTERM. Returns the process exit status: 0 after a graceful stop,
 * 1 when start-up failed (the master retries with a delay).
 */
int
bk_runner_run(const struct bk_config *cfg)
{
	struct bk_job_tuning tuning;
	struct sigaction sa;
	sigset_t term;
	char me[64], host[32] = "", ready[256] = "", xslt_dir[600];
	bool told[NKINDS] = { false };
	double last_stale = 0, last_db_error = 0, last_tick = 0;
	long sla_interval = bk_sla_interval();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, NULL);

	bk_mail_config_read(&mail_cfg);
	bk_job_tuning_read(&tuning);
	if (mail_cfg.timeout + 5 > tuning.lease)
		bk_log(BK_LOG_WARN, "BORIKAN_JOB_LEASE %ld s is not well above the SMTP timeout"
		    " %ld s: a slow mail may be sent twice", tuning.lease, mail_cfg.timeout);
	gethostname(host, sizeof(host) - 1);
	snprintf(me, sizeof(me), "%.31s:%d", host, (int)getpid());
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || (curl = curl_easy_init()) == NULL)
		return 1;
	/* The SLA check renders its notices (mail.xsl) about the processes of the catalogue. */
	bk_log_route_xml_errors();
	snprintf(xslt_dir, sizeof(xslt_dir), "%s/xslt", cfg->root);
	if (bk_render_init(xslt_dir) != BK_OK) {
		curl_easy_cleanup(curl);
		return 1;
	}
	if (bk_db_open(&cfg->db) != BK_OK || bk_catalogue_load() != BK_OK) {
		bk_log(BK_LOG_ERR, "runner: cannot reach the database; exiting");
		curl_easy_cleanup(curl);
		bk_render_free();
		return 1;
	}
	for (size_t i = 0; i < NKINDS; i++) {
		if (!kinds[i].ready()) {
			if (!told[i])
				bk_log(BK_LOG_WARN, "%s", kinds[i].why_not);
			told[i] = true;
			continue;
		}
		if (ready[0] != '\0')
			bk_strlcpy(ready + strlen(ready), ",", sizeof(ready) - strlen(ready));
		bk_strlcpy(ready + strlen(ready), kinds[i].name, sizeof(ready) - strlen(ready));
	}
	bk_log(BK_LOG_INFO, "runner ready as %s: kinds [%s], lease %ld s, SLA check every %ld s",
	    me, ready, tuning.lease, sla_interval);

	for (;;) {
		struct bk_job job;
		enum bk_err e;

		if (bk_now() - last_stale >= STALE_CHECK_SECONDS) {
			unsigned long long n = 0;
			if (bk_job_requeue_stale(tuning.lease, &n) == BK_OK && n > 0)
				bk_log(BK_LOG_WARN, "requeued %llu jobs whose runner stopped", n);
			last_stale = bk_now();
		}
		if (bk_now() - last_tick >= TICK_SECONDS) {
			bool queued = false;
			if (bk_schedule_tick("sla-check", "sla", sla_interval, me, &queued) == BK_OK &&
			    queued)
				bk_log(BK_LOG_DEBUG, "queued the SLA check of this interval");
			last_tick = bk_now();
		}
		e = ready[0] != '\0' ? bk_job_claim(ready, me, &job) : BK_ENOTFOUND;
		if (e == BK_OK) {
			run_one(&job, me, &tuning);
			bk_job_free(&job);
			if (term_pending(&term, 0))
				break;
			continue;
		}
		if (e != BK_ENOTFOUND && e != BK_ERETRY && bk_now() - last_db_error > 60) {
			bk_log(BK_LOG_ERR, "runner: cannot claim jobs: %s", bk_strerror(e));
			last_db_error = bk_now();
		}
		if (term_pending(&term, 1.0))
			break;
	}
	bk_log(BK_LOG_INFO, "runner %s stopping", me);
	bk_http_cleanup();	/* the LMS jobs' handle (http_client.c) */
	curl_easy_cleanup(curl);
	curl_global_cleanup();
	bk_catalogue_free();
	bk_render_free();
	bk_db_close();
	xsltCleanupGlobals();
	xmlCleanupParser();
	mysql_library_end();
	return 0;
}
