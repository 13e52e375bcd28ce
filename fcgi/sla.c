/*
 * sla.c: the clock of a request against the time limit of its process, in working days
 * (calendar.c says what a working day is and how a request's day of receipt is found).
 *
 *  - start: due_at = the day of receipt + time-limit/@working-days; an immediate process
 *    (a phone call answered at once) has no clock.
 *  - pause: returned to the requester (status 'returned'): paused_at = now.
 *  - resume: sent again: due_at moves by the working days in (paused day, today], which are
 *    added to paused_days.
 *  - bk_sla_check: open requests past 75 % of their limit get a "warned" event, past their
 *    due date an "overdue" event, each once, each request in its own transaction, with
 *    the notice mails of notify.c queued in it. The job runners run it every
 *    BORIKAN_SLA_INTERVAL seconds (schedule.c); it needs the catalogue and the mail
 *    stylesheet loaded.
 *
 * The clock functions run inside the caller's transaction, on a row the caller locked.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "borikan.h"

#define MAX_TRIES 3
#define MAX_BATCH 1000
/*
 * Requests due within this many working days are looked at for the 75 % warning: a limit
 * of up to 4 x this many days is warned exactly on time (the longest in the catalogue is
 * 240); a longer one is warned when it comes within this horizon.
 */
#define WARN_HORIZON 60
#define MARGIN 40	/* calendar days of holidays loaded beyond a computation's range */

/* The working-day limit of the process, 0 when it has none (immediate). */
static int
limit_of(const struct bk_process *p)
{
	xmlNodePtr tl = bk_def_child(xmlDocGetRootElement(p->doc), "time-limit");
	char buf[16];
	long n;

	if (tl == NULL || bk_def_attr(tl, "working-days", buf, sizeof(buf))[0] == '\0' ||
	    bk_parse_long(buf, 1, 10000, &n) != BK_OK)
		return 0;
	return (int)n;
}

/* Loads the clock columns of request_id. BK_ENOTFOUND when there is no such request. */
enum bk_err
bk_clock_load(long long request_id, struct bk_clock *c)
{
	long long warned = 0, overdue = 0;
	struct bk_q q;
	int row;

	memset(c, 0, sizeof(*c));
	bk_q_init(&q, STMT_CLOCK_GET);
	bk_q_int(&q, request_id);
	bk_q_exec(&q);
	bk_q_out_str(&q, c->due, sizeof(c->due));
	bk_q_out_int(&q, &c->sla_days);
	bk_q_out_int(&q, &c->paused_since);
	bk_q_out_int(&q, &c->paused_days);
	bk_q_out_int(&q, &warned);
	bk_q_out_int(&q, &overdue);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	c->warned = warned != 0;
	c->overdue = overdue != 0;
	return row == 1 ? BK_OK : BK_ENOTFOUND;
}

/* Starts the clock of a new request filed at now. BK_OK, doing nothing, for no limit. */
enum bk_err
bk_clock_start(const struct bk_process *p, const struct bk_request *rq, time_t now)
{
	int n = limit_of(p);
	struct bk_holidays h;
	bk_day today = bk_day_of(now), due;
	char iso[11];
	struct bk_q q;
	enum bk_err e;

	if (n == 0)
		return BK_OK;
	if ((e = bk_holidays_load(&h, today - MARGIN, today + 2 * n + 4 * MARGIN)) != BK_OK)
		return e;
	due = bk_workdays_add(&h, bk_receipt_day(&h, now), n);
	bk_holidays_free(&h);
	bk_day_format(due, iso, sizeof(iso));
	bk_q_init(&q, STMT_CLOCK_START);
	bk_q_int(&q, n);
	bk_q_str(&q, iso);
	bk_q_int(&q, rq->id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/* Stops the clock (returned to the requester). A request without a clock has none to stop. */
enum bk_err
bk_clock_pause(const struct bk_request *rq)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_CLOCK_PAUSE);
	bk_q_int(&q, rq->id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/* Restarts the clock (sent again at now): due_at moves by the working days spent paused. */
enum bk_err
bk_clock_resume(const struct bk_request *rq, time_t now)
{
	struct bk_clock c;
	struct bk_holidays h;
	bk_day due, paused, today = bk_day_of(now);
	char iso[11];
	struct bk_q q;
	enum bk_err e;
	int spent;

	if ((e = bk_clock_load(rq->id, &c)) != BK_OK)
		return e;
	if (c.due[0] == '\0' || c.paused_since == 0)
		return BK_OK;
	if (bk_day_parse(c.due, &due) != BK_OK)
		return BK_EINVAL;
	paused = bk_day_of((time_t)c.paused_since);
	if (paused > today)
		paused = today;
	/* Enough for the pause and for moving the due date by as much again. */
	if ((e = bk_holidays_load(&h, paused - MARGIN,
	    (due > today ? due : today) + 2 * (today - paused) + 4 * MARGIN)) != BK_OK)
		return e;
	spent = bk_workdays_between(&h, paused, today);
	due = bk_workdays_add(&h, due, spent);
	bk_holidays_free(&h);
	bk_day_format(due, iso, sizeof(iso));
	bk_q_init(&q, STMT_CLOCK_RESUME);
	bk_q_str(&q, iso);
	bk_q_int(&q, spent);
	bk_q_int(&q, rq->id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/*
 * Where a due date stands at now: *left the working days left after today (0 on the due
 * date), or, when *overdue, the working days since the due date (0 on the weekend right
 * after it). BK_EINVAL for a malformed date; BK_EDB when the holidays cannot be read.
 */
enum bk_err
bk_clock_left(const char *due_iso, time_t now, int *left, bool *overdue)
{
	struct bk_holidays h;
	bk_day due, today = bk_day_of(now), lo, hi;
	enum bk_err e;

	if (bk_day_parse(due_iso, &due) != BK_OK)
		return BK_EINVAL;
	lo = due < today ? due : today;
	hi = due < today ? today : due;
	if (hi - lo > 3660)
		lo = hi - 3660;	/* the holiday table covers at most ten years back */
	if ((e = bk_holidays_load(&h, lo - 1, hi + 1)) != BK_OK)
		return e;
	*overdue = today > due;
	*left = bk_workdays_between(&h, today, due);
	if (*left < 0)
		*left = -*left;
	bk_holidays_free(&h);
	return BK_OK;
}

/* Records the event action of request id at step; *event is its id. */
static enum bk_err
sla_event(long long id, const char *action, const char *step, long long *event)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_EVENT_INSERT);
	bk_q_int(&q, id);
	bk_q_int(&q, 0);	/* no person: the system */
	bk_q_str(&q, action);
	bk_q_str(&q, step);
	bk_q_str(&q, step);
	bk_q_str(&q, NULL);
	e = bk_q_exec(&q);
	*event = (long long)bk_q_insert_id(&q);
	bk_q_done(&q);
	return e;
}

/*
 * Queues the mails of notice kind (event) about request id, in the caller's transaction
 * (the row is locked): due and days go into the text. A request of a process the
 * catalogue no longer has is logged and gets no mail; a database error is returned.
 */
static enum bk_err
sla_mail(long long id, const char *kind, long long event, const char *due, int days)
{
	char number[64] = "";
	const struct bk_process *p;
	struct bk_request rq;
	struct bk_q q;
	enum bk_err e;
	int row;

	bk_q_init(&q, STMT_SLA_NUMBER);
	bk_q_int(&q, id);
	bk_q_exec(&q);
	bk_q_out_str(&q, number, sizeof(number));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	if (row == 0)
		return BK_ENOTFOUND;
	if ((e = bk_request_load(number, false, &rq)) != BK_OK)
		goto out;
	if ((p = bk_catalogue_find(rq.process)) == NULL) {
		bk_log(BK_LOG_WARN, "sla-check: %s: process %s is not in the catalogue; no %s mail",
		    number, rq.process, kind);
		goto out;
	}
	e = bk_notify_sla(p, &rq, kind, event, due, days);
out:
	bk_request_free(&rq);
	return e;
}

static enum bk_err
mark(enum bk_stmt st, long long id)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, st);
	bk_q_int(&q, id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/*
 * One request, in its own transaction: re-reads it locked (another checker or an action
 * may have come first) and records what is due. *w and *o are set to 1 for what it recorded.
 */
static enum bk_err
check_one(const struct bk_holidays *h, bk_day today, long long id, int *w, int *o)
{
	char status[12] = "", step[48] = "", due_iso[11] = "";
	long long sla = 0, warned = 0, overdue = 0, ev = 0;
	struct bk_q q;
	enum bk_err e;
	bk_day due;
	int row, left;

	*w = *o = 0;
	if ((e = bk_db_begin()) != BK_OK)
		return e;
	bk_q_init(&q, STMT_SLA_LOCK);
	bk_q_int(&q, id);
	bk_q_exec(&q);
	bk_q_out_str(&q, status, sizeof(status));
	bk_q_out_str(&q, step, sizeof(step));
	bk_q_out_str(&q, due_iso, sizeof(due_iso));
	bk_q_out_int(&q, &sla);
	bk_q_out_int(&q, &warned);
	bk_q_out_int(&q, &overdue);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0) {
		e = q.err;
		goto fail;
	}
	if (row == 0 || strcmp(status, "open") != 0 || sla <= 0 ||
	    bk_day_parse(due_iso, &due) != BK_OK) {
		bk_db_rollback();
		return BK_OK;
	}
	left = bk_workdays_between(h, today, due);	/* negative once past due */
	/* Used >= 75 % of the limit: (sla - left) / sla >= 3/4. Past due implies it. */
	/*
	 * Each notice's mails are queued in this same transaction as its event and its mark:
	 * committed together, exactly once. A request both warned and overdue in one run (it
	 * went past due between two checks) gets only the overdue mail.
	 */
	if (!warned && (today > due || 4 * (sla - left) >= 3 * sla)) {
		if ((e = sla_event(id, "warned", step, &ev)) != BK_OK ||
		    (e = mark(STMT_SLA_WARNED, id)) != BK_OK)
			goto fail;
		if (today <= due && (e = sla_mail(id, "warned", ev, due_iso, left)) != BK_OK)
			goto fail;
		*w = 1;
	}
	if (!overdue && today > due) {
		if ((e = sla_event(id, "overdue", step, &ev)) != BK_OK ||
		    (e = mark(STMT_SLA_OVERDUE, id)) != BK_OK ||
		    (e = sla_mail(id, "overdue", ev, due_iso, -left)) != BK_OK)
			goto fail;
		*o = 1;
	}
	if ((e = bk_db_commit()) != BK_OK)
		goto fail;
	return BK_OK;
fail:
	bk_db_rollback();
	*w = *o = 0;
	return e;
}

/*
 * Records the 75 % warnings and the overdue notices due at now. *warned and *overdue are
 * the counts recorded by this run. Callable from borikan-admin sla-check and from a job
 * runner: it only needs an open database connection (db.c). Runs again harmlessly: each
 * event is recorded once per request.
 */
enum bk_err
bk_sla_check(time_t now, int *warned, int *overdue)
{
	static long long ids[MAX_BATCH];
	struct bk_holidays h;
	bk_day today = bk_day_of(now);
	char horizon[11];
	struct bk_q q;
	size_t n = 0;
	long long id = 0;
	enum bk_err e, first = BK_OK;

	*warned = *overdue = 0;
	/* Overdue requests may be old: ten years back; due dates up to the horizon ahead. */
	if ((e = bk_holidays_load(&h, today - 3660, today + 2 * WARN_HORIZON + 4 * MARGIN)) != BK_OK)
		return e;
	bk_day_format(bk_workdays_add(&h, today, WARN_HORIZON), horizon, sizeof(horizon));
	bk_q_init(&q, STMT_SLA_CANDIDATES);
	bk_q_str(&q, horizon);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	while (n < MAX_BATCH && bk_q_fetch(&q) == 1)
		ids[n++] = id;
	bk_q_done(&q);
	if (q.err != BK_OK) {
		bk_holidays_free(&h);
		return q.err;
	}
	for (size_t i = 0; i < n; i++) {
		int w = 0, o = 0;
		e = BK_ERETRY;
		for (int t = 0; t < MAX_TRIES && e == BK_ERETRY; t++)
			e = check_one(&h, today, ids[i], &w, &o);
		if (e != BK_OK) {
			bk_log(BK_LOG_ERR, "sla-check: request %lld: %s", ids[i], bk_strerror(e));
			if (first == BK_OK)
				first = e;
			continue;
		}
		*warned += w;
		*overdue += o;
	}
	bk_holidays_free(&h);
	return first;
}
