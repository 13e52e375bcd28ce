/*
 * schedule.c: periodic jobs (the SLA check every BORIKAN_SLA_INTERVAL seconds), queued
 * exactly once per interval however many runners, on however many hosts, look.
 *
 * Time is cut into intervals from the Unix epoch by the database's clock: the interval
 * starting at slot = now - now % interval. Table `schedule` holds, per task, when the next
 * interval begins. Every runner calls bk_schedule_tick about once a second; it claims the
 * task's row only when that time has come (SELECT ... FOR UPDATE SKIP LOCKED: a runner
 * that finds it locked moves on at once), moves next_run_at to the start of the next
 * interval and queues the job with the idempotency key "<task>:<slot, Thai time>" - all
 * in one transaction. So:
 *  - two runners: the second sees the row locked, or, once the first committed, not due;
 *  - the key makes a second enqueue of the same interval a no-op even if two hosts were
 *    configured with different intervals or a row were restored from a backup;
 *  - a runner that dies before COMMIT changed nothing: the next runner queues the job;
 *  - a runner that dies while running the job: the job's lease runs out and another
 *    runner runs it again (the SLA check is safe to run twice: warned_at and overdue_at
 *    make each notice once, in the transaction that queues its mails);
 *  - intervals nobody looked at (every runner stopped) are not made up: one job for the
 *    interval in which a runner looks again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "borikan.h"

#define THAI_OFFSET (7 * 3600)
#define PERIODIC_MAX_ATTEMPTS 3

/* BORIKAN_SLA_INTERVAL: seconds between SLA checks, 1 to 86400, default 300. */
long
bk_sla_interval(void)
{
	const char *v = getenv("BORIKAN_SLA_INTERVAL");
	long n;

	if (v == NULL || *v == '\0' || bk_parse_long(v, 1, 86400, &n) != BK_OK)
		return 300;
	return n;
}

/* The start (Unix time) of the interval of length interval seconds that contains now. */
long long
bk_schedule_slot(long long now, long interval)
{
	long long r;

	if (interval < 1)
		interval = 1;
	r = now % interval;
	if (r < 0)
		r += interval;
	return now - r;
}

/* The idempotency key of task's job for the interval starting at slot: "task:YYYYMMDDhhmmss". */
void
bk_schedule_key(const char *task, long long slot, char *out, size_t size)
{
	time_t t = (time_t)(slot + THAI_OFFSET);
	struct tm tm;
	char stamp[16] = "";

	if (gmtime_r(&t, &tm) != NULL)
		strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	snprintf(out, size, "%s:%s", task, stamp);
}

/*
 * If task is due, queues its job of kind (payload {}) for the current interval and moves
 * the task to the next, in one transaction of its own. *queued tells whether this call
 * queued it. BK_OK also when it was not due or another runner holds it; BK_EDB or
 * BK_ERETRY from the database (nothing changed: the next tick tries again).
 */
enum bk_err
bk_schedule_tick(const char *task, const char *kind, long interval, const char *runner,
    bool *queued)
{
	char key[96];
	long long now = 0, slot, job = 0;
	struct bk_q q;
	enum bk_err e;
	int row;

	*queued = false;
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	bk_q_init(&q, STMT_SCHEDULE_CLAIM);
	bk_q_str(&q, task);
	bk_q_int(&q, interval);
	bk_q_exec(&q);
	bk_q_out_int(&q, &now);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row <= 0) {
		e = row < 0 ? q.err : BK_OK;
		goto fail;
	}
	slot = bk_schedule_slot(now, interval);
	bk_q_init(&q, STMT_SCHEDULE_ADVANCE);
	bk_q_int(&q, slot + interval);
	bk_q_str(&q, runner);
	bk_q_str(&q, task);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		goto fail;
	bk_schedule_key(task, slot, key, sizeof(key));
	if ((e = bk_job_enqueue(kind, key, "{}", PERIODIC_MAX_ATTEMPTS, &job)) != BK_OK)
		goto fail;
	if ((e = bk_db_commit()) != BK_OK)
		goto fail;
	*queued = job != 0;
	return BK_OK;
fail:
	bk_db_rollback();
	return e;
}
