/*
 * jobs.c: the durable job queue (table job, sql/005_jobs.sql).
 *
 * Enqueueing runs in the caller's transaction, so an action and its jobs commit together
 * or not at all. A runner claims one due job in a short transaction of its own (SELECT
 * ... FOR UPDATE SKIP LOCKED, then state 'running' with its name and the time), runs it
 * outside any transaction, and records the outcome in a third one; that last update
 * only touches a job the runner still holds, so a runner that lost its lease changes
 * nothing. A job whose runner died is queued again once its lease has run out: every
 * job must therefore be safe to run twice (mail keeps its Message-ID).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "borikan.h"

#define MAX_PAYLOAD (1024 * 1024)

static double
env_seconds(const char *name, double def, double min, double max)
{
	const char *v = getenv(name);
	long n;

	if (v == NULL || *v == '\0' || bk_parse_long(v, (long)min, (long)max, &n) != BK_OK)
		return def;
	return (double)n;
}

/*
 * Fills t from the environment: BORIKAN_JOB_BACKOFF (seconds, default 60),
 * BORIKAN_JOB_BACKOFF_MAX (default 6 hours), BORIKAN_JOB_LEASE (default 300).
 */
void
bk_job_tuning_read(struct bk_job_tuning *t)
{
	t->backoff = env_seconds("BORIKAN_JOB_BACKOFF", 60, 1, 86400);
	t->backoff_max = env_seconds("BORIKAN_JOB_BACKOFF_MAX", 6 * 3600, 1, 7 * 86400);
	t->lease = (long)env_seconds("BORIKAN_JOB_LEASE", 300, 5, 86400);
}

/*
 * The delay in seconds before the next attempt, after `attempts` attempts have failed:
 * backoff * 2^(attempts-1), capped, then "equal jitter" (between half and all of it),
 * so that jobs failing together do not all come back at the same moment. random is any
 * 32-bit random number.
 */
double
bk_job_backoff(const struct bk_job_tuning *t, long long attempts, uint32_t random)
{
	double d;

	if (attempts < 1)
		attempts = 1;
	if (attempts > 40)
		attempts = 40;
	d = t->backoff;
	for (long long i = 1; i < attempts && d < t->backoff_max; i++)
		d *= 2;
	if (d > t->backoff_max)
		d = t->backoff_max;
	return d / 2 + (d / 2) * ((double)random / 4294967295.0);
}

/*
 * Queues a job in the caller's transaction. *id is the new job's id, or 0 when a job
 * with the same idempotency key exists already (nothing is changed then). BK_EDB or
 * BK_ERETRY from the database.
 */
enum bk_err
bk_job_enqueue(const char *kind, const char *idem_key, const char *payload, int max_attempts,
    long long *id)
{
	struct bk_q q;
	enum bk_err e;

	*id = 0;
	bk_q_init(&q, STMT_JOB_INSERT);
	bk_q_str(&q, kind);
	bk_q_str(&q, idem_key);
	bk_q_str(&q, payload);
	bk_q_int(&q, max_attempts);
	if ((e = bk_q_exec(&q)) == BK_OK && bk_q_affected(&q) == 1)
		*id = (long long)bk_q_insert_id(&q);
	bk_q_done(&q);
	return e;
}

/*
 * Claims the oldest due job of one of kinds (comma-separated) for runner. BK_OK with
 * job filled (free it with bk_job_free), BK_ENOTFOUND when nothing is due, BK_EDB or
 * BK_ERETRY otherwise. Runs its own transaction.
 */
enum bk_err
bk_job_claim(const char *kinds, const char *runner, struct bk_job *job)
{
	struct bk_q q;
	enum bk_err e;
	int row;

	memset(job, 0, sizeof(*job));
	if ((job->payload = malloc(MAX_PAYLOAD)) == NULL)
		return BK_ENOMEM;
	if ((e = bk_db_begin()) != BK_OK)
		goto fail;
	bk_q_init(&q, STMT_JOB_CLAIM);
	bk_q_str(&q, kinds);
	bk_q_exec(&q);
	bk_q_out_int(&q, &job->id);
	bk_q_out_str(&q, job->kind, sizeof(job->kind));
	bk_q_out_str(&q, job->payload, MAX_PAYLOAD);
	bk_q_out_int(&q, &job->attempts);
	bk_q_out_int(&q, &job->max_attempts);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0) {
		e = q.err;
		goto fail;
	}
	if (row == 0) {
		e = BK_ENOTFOUND;
		goto fail;
	}
	bk_q_init(&q, STMT_JOB_TAKE);
	bk_q_str(&q, runner);
	bk_q_int(&q, job->id);
	if ((e = bk_q_exec(&q)) == BK_OK && bk_q_affected(&q) != 1)
		e = BK_ERETRY;
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	if ((e = bk_db_commit()) != BK_OK)
		goto fail;
	job->attempts++;
	return BK_OK;
fail:
	bk_db_rollback();
	bk_job_free(job);
	return e;
}

/*
 * Records how a run ended, in one transaction: done (after in_tx, the kind's own
 * bookkeeping, when given), or failed: dead when permanent or out of attempts, else
 * queued again delay seconds from now. BK_ENOTFOUND when the runner no longer holds
 * the job (its lease ran out and another took it).
 */
enum bk_err
bk_job_finish(const struct bk_job *job, const char *runner, enum bk_job_result result,
    double delay, const char *error, enum bk_err (*in_tx)(const struct bk_job *))
{
	struct bk_q q;
	enum bk_err e;

	if ((e = bk_db_begin()) != BK_OK)
		return e;
	if (result == BK_JOB_DONE) {
		if (in_tx != NULL && (e = in_tx(job)) != BK_OK)
			goto fail;
		bk_q_init(&q, STMT_JOB_DONE);
		bk_q_int(&q, job->id);
		bk_q_str(&q, runner);
	} else {
		bk_q_init(&q, STMT_JOB_FAILED);
		bk_q_int(&q, result == BK_JOB_FAIL);
		bk_q_int(&q, (long long)(delay * 1000));
		bk_q_str(&q, error != NULL ? error : "");
		bk_q_int(&q, job->id);
		bk_q_str(&q, runner);
	}
	if ((e = bk_q_exec(&q)) == BK_OK && bk_q_affected(&q) != 1)
		e = BK_ENOTFOUND;
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	return bk_db_commit();
fail:
	bk_db_rollback();
	return e;
}

/* Queues again the jobs whose claim is older than lease seconds; *count of them. */
enum bk_err
bk_job_requeue_stale(long lease, unsigned long long *count)
{
	struct bk_q q;
	enum bk_err e;

	*count = 0;
	bk_q_init(&q, STMT_JOB_REQUEUE_STALE);
	bk_q_int(&q, lease);
	if ((e = bk_q_exec(&q)) == BK_OK)
		*count = bk_q_affected(&q);
	bk_q_done(&q);
	return e;
}

void
bk_job_free(struct bk_job *job)
{
	free(job->payload);
	job->payload = NULL;
}
