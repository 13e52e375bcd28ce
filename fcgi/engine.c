/*
 * engine.c: one engine for every process. A request sits at a step of its definition;
 * the person whose role the step names acts (completes, chooses a branch, approves or
 * rejects, returns it for missing details, rates), and the engine moves it to the next
 * step, running through automatic and notification steps and decisions that a form field
 * settles, until a person must act again or the request ends.
 *
 * Every function here runs inside the caller's transaction, on a request row the caller
 * locked, so a request is always at exactly one step and its trail is complete.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "borikan.h"

#define MAX_FORM_JSON (256 * 1024)
#define MAX_AUTO_MOVES 64


/* Loads request number (locking its row when lock is set). BK_ENOTFOUND if none. */
enum bk_err
bk_request_load(const char *number, bool lock, struct bk_request *rq)
{
	struct bk_q q;
	int row;

	memset(rq, 0, sizeof(*rq));
	if ((rq->form = malloc(MAX_FORM_JSON)) == NULL)
		return BK_ENOMEM;
	bk_q_init(&q, lock ? STMT_REQUEST_LOCK : STMT_REQUEST_GET);
	bk_q_str(&q, number);
	bk_q_exec(&q);
	bk_q_out_int(&q, &rq->id);
	bk_q_out_str(&q, rq->number, sizeof(rq->number));
	bk_q_out_str(&q, rq->process, sizeof(rq->process));
	bk_q_out_int(&q, &rq->requester_id);
	bk_q_out_str(&q, rq->requester_name, sizeof(rq->requester_name));
	bk_q_out_str(&q, rq->requester_email, sizeof(rq->requester_email));
	bk_q_out_str(&q, rq->status, sizeof(rq->status));
	bk_q_out_str(&q, rq->step, sizeof(rq->step));
	bk_q_out_int(&q, &rq->assignee_id);
	bk_q_out_str(&q, rq->form, MAX_FORM_JSON);
	bk_q_out_int(&q, &rq->version);
	bk_q_out_int(&q, &rq->satisfaction);
	bk_q_out_str(&q, rq->created, sizeof(rq->created));
	bk_q_out_str(&q, rq->updated, sizeof(rq->updated));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	return row == 1 ? BK_OK : BK_ENOTFOUND;
}

void
bk_request_free(struct bk_request *rq)
{
	free(rq->form);
	rq->form = NULL;
}

/* The form value of field name as a string ("" when absent or not a string). */
static void
form_value(const struct bk_request *rq, const char *name, char *out, size_t size)
{
	json_t *obj = json_loads(rq->form, 0, NULL), *v;

	out[0] = '\0';
	if (obj != NULL && (v = json_object_get(obj, name)) != NULL && json_is_string(v))
		bk_strlcpy(out, json_string_value(v), size);
	json_decref(obj);
}

/* Does the person hold role in unit (any unit when unit is NULL)? */
static bool
holds(const struct bk_req *r, const char *role, const char *unit)
{
	char want[120];

	if (unit == NULL)
		return bk_session_has_role(r, role);
	snprintf(want, sizeof(want), "%s@%s", role, unit);
	for (const char *p = r->sess.roles; (p = strstr(p, want)) != NULL; p++)
		if ((p == r->sess.roles || p[-1] == ' ') &&
		    (p[strlen(want)] == ' ' || p[strlen(want)] == '\0'))
			return true;
	return false;
}

/* Does active person id hold role (in unit, when not empty)? From the database: for
 * people other than the signed-in one (the absent approver, an assignee). */
static bool
person_holds(long long id, const char *role, const char *unit)
{
	struct bk_q q;
	long long n = 0;

	bk_q_init(&q, STMT_PERSON_HOLDS);
	bk_q_int(&q, id);
	bk_q_str(&q, role);
	bk_q_str(&q, unit);
	bk_q_str(&q, unit);
	bk_q_exec(&q);
	bk_q_out_int(&q, &n);
	if (bk_q_fetch(&q) != 1)
		n = 0;
	bk_q_done(&q);
	return n > 0;
}

/* The people the signed-in person stands in for today (Thailand), at most max. */
static int
absent_for(const struct bk_req *r, long long *ids, int max)
{
	char today[11];
	long long id = 0;
	struct bk_q q;
	int n = 0;

	bk_thai_date(time(NULL), today);
	bk_q_init(&q, STMT_SUBSTITUTE_FOR);
	bk_q_int(&q, r->sess.person_id);
	bk_q_str(&q, today);
	bk_q_str(&q, today);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	while (n < max && bk_q_fetch(&q) == 1)
		ids[n++] = id;
	bk_q_done(&q);
	return n;
}

/* A committee step: every approver must approve. */
bool
bk_engine_is_committee(xmlNodePtr step)
{
	xmlNodePtr approvers = step != NULL ? bk_def_child(step, "approvers") : NULL;

	return approvers != NULL && bk_def_attr_is(approvers, "mode", "all");
}

/* A step whose work one person can be given: a task or a decision a person makes. */
bool
bk_engine_assignable(xmlNodePtr step)
{
	char kind[16], actor[32];

	if (step == NULL)
		return false;
	bk_def_attr(step, "kind", kind, sizeof(kind));
	bk_def_attr(step, "actor", actor, sizeof(actor));
	return (strcmp(kind, "task") == 0 || strcmp(kind, "decision") == 0) &&
	    strcmp(actor, "system") != 0 && strcmp(actor, "requester") != 0;
}

/*
 * The committee of a step with <approvers mode="all">: every active holder of each
 * approver's role (in the unit its field names, when it names one). Writes at most max
 * ids, each once; returns how many, or -1 when the database failed.
 */
int
bk_engine_committee(const struct bk_request *rq, xmlNodePtr step, long long *ids, int max)
{
	char role[32], field[48], unit[64], th[201], en[201];
	xmlNodePtr approvers = bk_def_child(step, "approvers");
	long long id = 0;
	int n = 0;

	for (xmlNodePtr a = approvers != NULL ? approvers->children : NULL; a != NULL; a = a->next) {
		struct bk_q q;

		if (a->type != XML_ELEMENT_NODE)
			continue;
		bk_def_attr(a, "role", role, sizeof(role));
		unit[0] = '\0';
		if (bk_def_attr(a, "field", field, sizeof(field))[0] != '\0') {
			form_value(rq, field, unit, sizeof(unit));
			if (unit[0] == '\0')
				continue;
		}
		bk_q_init(&q, STMT_ROLE_HOLDERS);
		bk_q_str(&q, role);
		bk_q_str(&q, unit);
		bk_q_str(&q, unit);
		bk_q_exec(&q);
		bk_q_out_int(&q, &id);
		bk_q_out_str(&q, th, sizeof(th));
		bk_q_out_str(&q, en, sizeof(en));
		while (bk_q_fetch(&q) == 1) {
			bool seen = false;
			for (int i = 0; i < n; i++)
				seen = seen || ids[i] == id;
			if (!seen && n < max)
				ids[n++] = id;
		}
		bk_q_done(&q);
		if (q.err != BK_OK)
			return -1;
	}
	return n;
}

/* Has person's approval been counted at the request's current step? */
static bool
voted(const struct bk_request *rq, long long person)
{
	long long who = 0, by = 0;
	bool found = false;
	struct bk_q q;

	bk_q_init(&q, STMT_VOTES_OF);
	bk_q_int(&q, rq->id);
	bk_q_str(&q, rq->step);
	bk_q_exec(&q);
	bk_q_out_int(&q, &who);
	bk_q_out_int(&q, &by);
	while (bk_q_fetch(&q) == 1)
		found = found || who == person;
	bk_q_done(&q);
	return found;
}

/* May the person approve at step as approver elem (a role, or the role in a field's unit):
 * themselves (*as = 0), or a person they stand in for today (*as = that person). */
static bool
approver_match(const struct bk_request *rq, const struct bk_req *r, xmlNodePtr a,
    const long long *absent, int nabsent, bool committee, long long *as, bool *all_voted)
{
	char role[32], field[48], unit[64] = "";

	bk_def_attr(a, "role", role, sizeof(role));
	if (bk_def_attr(a, "field", field, sizeof(field))[0] != '\0') {
		form_value(rq, field, unit, sizeof(unit));
		if (unit[0] == '\0')
			return false;
	}
	if (holds(r, role, unit[0] != '\0' ? unit : NULL)) {
		if (!committee || !voted(rq, r->sess.person_id)) {
			*as = 0;
			return true;
		}
		*all_voted = true;
	}
	for (int i = 0; i < nabsent; i++) {
		if (!person_holds(absent[i], role, unit))
			continue;
		if (committee && voted(rq, absent[i])) {
			*all_voted = true;
			continue;
		}
		*as = absent[i];
		return true;
	}
	return false;
}

/*
 * May the signed-in person act at step? The requester's steps are the requester's own;
 * an approval names its approvers (a role, or the role in the unit a form field names),
 * and a substitute may act for an absent approver within the dates of the substitution
 * (*on_behalf is then that approver); at a committee step (mode="all") a person whose
 * approval is counted already may not act again (*done). Any other step belongs to whoever
 * holds its actor role, and once the request is assigned, to the assignee (or the ict-head)
 * among them.
 */
static bool
may_act(const struct bk_request *rq, const struct bk_req *r, xmlNodePtr step,
    long long *on_behalf, bool *done)
{
	char actor[32];
	long long absent[20];
	int nabsent = -1;
	bool committee;
	xmlNodePtr approvers;

	*on_behalf = 0;
	*done = false;
	if (!r->sess.valid || step == NULL)
		return false;
	bk_def_attr(step, "actor", actor, sizeof(actor));
	if (strcmp(actor, "system") == 0)
		return false;
	if (strcmp(actor, "requester") == 0)
		return rq->requester_id != 0 && rq->requester_id == r->sess.person_id;
	approvers = bk_def_child(step, "approvers");
	if (approvers == NULL) {
		if (!holds(r, actor, NULL))
			return false;
		return rq->assignee_id == 0 || rq->assignee_id == r->sess.person_id ||
		    holds(r, "ict-head", NULL);
	}
	committee = bk_engine_is_committee(step);
	for (xmlNodePtr a = approvers->children; a != NULL; a = a->next) {
		if (a->type != XML_ELEMENT_NODE)
			continue;
		if (nabsent < 0)
			nabsent = absent_for(r, absent, 20);
		if (approver_match(rq, r, a, absent, nabsent, committee, on_behalf, done))
			return true;
	}
	return false;
}

/* Staff see every request; a requester sees their own. */
bool
bk_request_may_view(const struct bk_request *rq, const struct bk_req *r)
{
	if (!r->sess.valid)
		return false;
	if (rq->requester_id == r->sess.person_id)
		return true;
	/* Any role but requester is a staff role. */
	for (const char *p = r->sess.roles; *p != '\0'; ) {
		size_t n = strcspn(p, "@");
		if (!(n == 9 && strncmp(p, "requester", 9) == 0) && n > 0)
			return true;
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
	}
	return false;
}

/* What the person may do now, for the page to show and for bk_engine_act to enforce. */
void
bk_engine_allowed(const struct bk_process *p, const struct bk_request *rq,
    const struct bk_req *r, struct bk_allowed *a)
{
	xmlNodePtr step = bk_def_step(p, rq->step);
	char kind[16], outcome[16];

	memset(a, 0, sizeof(*a));
	a->comment = bk_request_may_view(rq, r);
	if (strcmp(rq->status, "returned") == 0) {
		a->resubmit = rq->requester_id == r->sess.person_id && r->sess.valid;
		return;
	}
	if (strcmp(rq->status, "open") != 0)
		return;
	/* Assigning: the ict-head to anyone eligible; a holder of the actor role, to take an
	 * unassigned request themselves. */
	if (r->sess.valid && bk_engine_assignable(step)) {
		char actor[32];
		bk_def_attr(step, "actor", actor, sizeof(actor));
		if (holds(r, "ict-head", NULL))
			a->assign = a->assign_any = true;
		else if (holds(r, actor, NULL) && rq->assignee_id == 0)
			a->assign = true;
	}
	if (!may_act(rq, r, step, &a->on_behalf, &a->voted))
		return;
	bk_def_attr(step, "kind", kind, sizeof(kind));
	a->ret = bk_def_attr_is(step, "may-return", "true") && rq->requester_id != 0;
	if (strcmp(kind, "task") == 0)
		a->complete = true;
	else if (strcmp(kind, "survey") == 0)
		a->rate = true;
	for (xmlNodePtr b = step->children; b != NULL; b = b->next) {
		if (b->type != XML_ELEMENT_NODE || xmlStrcmp(b->name, BAD_CAST "branch") != 0)
			continue;
		bk_def_attr(b, "outcome", outcome, sizeof(outcome));
		if (strcmp(kind, "approval") == 0) {
			if (strcmp(outcome, "approved") == 0)
				a->approve = true;
			else if (strcmp(outcome, "rejected") == 0)
				a->reject = true;
		} else if (strcmp(kind, "decision") == 0 && a->nbranch < BK_MAX_BRANCHES)
			bk_def_attr(b, "to", a->branch[a->nbranch++], sizeof(a->branch[0]));
	}
	/* Any other kind (start, automatic, notification, end) is nobody's to act on. */
}

/* Records one action in the trail; *id (when not NULL) is the new event's id. */
static enum bk_err
event_full(const struct bk_request *rq, long long person, const char *action, const char *from,
    const char *to, const char *note, long long assignee, long long on_behalf, long long *id)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_EVENT_INSERT_FULL);
	bk_q_int(&q, rq->id);
	bk_q_int(&q, person);
	bk_q_str(&q, action);
	bk_q_str(&q, from);
	bk_q_str(&q, to);
	bk_q_str(&q, note != NULL && note[0] != '\0' ? note : NULL);
	bk_q_int(&q, assignee);
	bk_q_int(&q, on_behalf);
	e = bk_q_exec(&q);
	if (id != NULL)
		*id = (long long)bk_q_insert_id(&q);
	bk_q_done(&q);
	return e;
}

static enum bk_err
event_id(const struct bk_request *rq, long long person, const char *action, const char *from,
    const char *to, const char *note, long long *id)
{
	return event_full(rq, person, action, from, to, note, 0, 0, id);
}

static enum bk_err
event(const struct bk_request *rq, long long person, const char *action, const char *from,
    const char *to, const char *note)
{
	return event_id(rq, person, action, from, to, note, NULL);
}

/* The target of the step's next, or of the branch whose outcome (or field) matches. */
static bool
target(const struct bk_request *rq, xmlNodePtr step, const char *outcome, char *to, size_t size)
{
	char o[16], field[48], want[64], have[256];
	xmlNodePtr next = bk_def_child(step, "next");

	if (next != NULL && outcome == NULL) {
		bk_def_attr(next, "to", to, size);
		return true;
	}
	for (xmlNodePtr b = step->children; b != NULL; b = b->next) {
		if (b->type != XML_ELEMENT_NODE || xmlStrcmp(b->name, BAD_CAST "branch") != 0)
			continue;
		if (outcome != NULL && strcmp(bk_def_attr(b, "outcome", o, sizeof(o)), outcome) == 0) {
			bk_def_attr(b, "to", to, size);
			return true;
		}
		if (outcome == NULL && bk_def_attr(b, "field", field, sizeof(field))[0] != '\0') {
			form_value(rq, field, have, sizeof(have));
			if (strcmp(bk_def_attr(b, "equals", want, sizeof(want)), have) == 0) {
				bk_def_attr(b, "to", to, size);
				return true;
			}
		}
	}
	return false;
}

/*
 * Moves the request to step to and onwards through the steps no person acts at.
 * Records one event per move, and queues the mails each arrival calls for (notify.c).
 * Ends the request at an end step.
 */
static enum bk_err
move_for(const struct bk_process *p, struct bk_request *rq, const char *to, long long person,
    const char *action, const char *note, long long on_behalf)
{
	char next[48], kind[16], result[16], prev_actor[32];
	long long ev = 0;
	struct bk_q q;
	enum bk_err e;
	int moves = 0;

	if (bk_def_step(p, to) == NULL)
		return BK_EINVAL;
	bk_def_attr(bk_def_step(p, rq->step), "actor", prev_actor, sizeof(prev_actor));
	if ((e = event_full(rq, person, action, rq->step, to, note, 0, on_behalf, &ev)) != BK_OK)
		return e;
	/* A new step: nobody is assigned to it yet, and a committee starts counting afresh. */
	rq->assignee_id = 0;
	bk_q_init(&q, STMT_VOTES_CLEAR);
	bk_q_int(&q, rq->id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK)
		return e;
	bk_strlcpy(rq->step, to, sizeof(rq->step));
	for (;;) {
		xmlNodePtr step = bk_def_step(p, rq->step);

		if (step == NULL || ++moves > MAX_AUTO_MOVES)
			return BK_EINVAL;
		bk_def_attr(step, "kind", kind, sizeof(kind));
		if (strcmp(kind, "end") == 0) {
			bk_def_attr(step, "result", result, sizeof(result));
			bk_strlcpy(rq->status, strcmp(result, "rejected") == 0 ? "rejected" : "done",
			    sizeof(rq->status));
			return bk_notify_step(p, rq, step, prev_actor, ev, note);
		}
		if ((e = bk_notify_step(p, rq, step, prev_actor, ev, note)) != BK_OK)
			return e;
		if (strcmp(kind, "automatic") == 0 || strcmp(kind, "notification") == 0) {
			/* The work itself goes through the job queue (issues 3 and 4). */
			if (!target(rq, step, NULL, next, sizeof(next)))
				return BK_EINVAL;
			action = strcmp(kind, "automatic") == 0 ? "automatic" : "notified";
		} else if (strcmp(kind, "decision") == 0 && bk_def_child(step, "next") == NULL &&
		    target(rq, step, NULL, next, sizeof(next))) {
			action = "routed";	/* a form field decides */
		} else
			return BK_OK;
		if (strcmp(kind, "decision") != 0)
			bk_def_attr(step, "actor", prev_actor, sizeof(prev_actor));
		if ((e = event_id(rq, 0, action, rq->step, next, NULL, &ev)) != BK_OK)
			return e;
		bk_strlcpy(rq->step, next, sizeof(rq->step));
	}
}

static enum bk_err
move(const struct bk_process *p, struct bk_request *rq, const char *to, long long person,
    const char *action, const char *note)
{
	return move_for(p, rq, to, person, action, note, 0);
}

static enum bk_err
save(const struct bk_process *p, const struct bk_request *rq)
{
	struct bk_q q;
	enum bk_err e;

	char actor[24] = "", unit[41] = "";

	/* Who the request waits for (down to the unit, queue_scope.c): nobody once it ended. */
	if (strcmp(rq->status, "open") == 0) {
		xmlNodePtr step = bk_def_step(p, rq->step);
		bk_def_attr(step, "actor", actor, sizeof(actor));
		bk_step_actor_unit(step, rq->form, unit, sizeof(unit));
	} else if (strcmp(rq->status, "returned") == 0)
		bk_strlcpy(actor, "requester", sizeof(actor));
	bk_q_init(&q, STMT_REQUEST_UPDATE);
	bk_q_str(&q, rq->status);
	bk_q_str(&q, rq->step);
	bk_q_str(&q, actor);
	bk_q_str(&q, unit);
	bk_q_int(&q, rq->assignee_id);
	bk_q_int(&q, rq->satisfaction);
	bk_q_str(&q, rq->status);
	bk_q_int(&q, rq->id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;
}

/* A new request: from its start step onwards. The caller inserted the row. */
enum bk_err
bk_engine_start(const struct bk_process *p, struct bk_request *rq, long long person)
{
	xmlNodePtr first = bk_def_first_step(p);
	char to[48];
	enum bk_err e;

	if (first == NULL || !target(rq, first, NULL, to, sizeof(to)))
		return BK_EINVAL;
	bk_def_attr(first, "id", rq->step, sizeof(rq->step));
	bk_strlcpy(rq->status, "open", sizeof(rq->status));
	if ((e = move(p, rq, to, person, "submitted", NULL)) != BK_OK)
		return e;
	/* The time limit counts from the day of receipt (sla.c); a request done at once has none. */
	if (strcmp(rq->status, "open") == 0 && (e = bk_clock_start(p, rq, time(NULL))) != BK_OK)
		return e;
	return save(p, rq);
}

/*
 * One approval at a committee step: counted for the person (or the absent approver they
 * stand in for), recorded as an `approved` event that stays at the step. *last is true when
 * it completes the committee: then nothing is recorded here, the move records the approval.
 * A second approval of the same person is BK_EINVAL (403).
 */
static enum bk_err
committee_vote(struct bk_request *rq, xmlNodePtr step, long long me, long long on_behalf,
    const char *note, bool *last)
{
	long long members[200], counted = on_behalf != 0 ? on_behalf : me, who = 0, by = 0, ev = 0;
	bool seen[200] = { false }, mine = false;
	int n = bk_engine_committee(rq, step, members, 200);
	struct bk_q q;
	enum bk_err e;

	if (n < 0)
		return BK_EDB;
	bk_q_init(&q, STMT_VOTES_OF);
	bk_q_int(&q, rq->id);
	bk_q_str(&q, rq->step);
	bk_q_exec(&q);
	bk_q_out_int(&q, &who);
	bk_q_out_int(&q, &by);
	while (bk_q_fetch(&q) == 1) {
		mine = mine || who == counted;
		for (int i = 0; i < n; i++)
			seen[i] = seen[i] || members[i] == who;
	}
	bk_q_done(&q);
	if (q.err != BK_OK)
		return q.err;
	if (mine)
		return BK_EINVAL;
	*last = true;
	for (int i = 0; i < n; i++)
		if (!seen[i] && members[i] != counted)
			*last = false;
	if (*last)
		return BK_OK;
	if ((e = event_full(rq, me, "approved", rq->step, NULL, note, 0, on_behalf, &ev)) != BK_OK)
		return e;
	bk_q_init(&q, STMT_VOTE_INSERT);
	bk_q_int(&q, rq->id);
	bk_q_str(&q, rq->step);
	bk_q_int(&q, counted);
	bk_q_int(&q, me);
	bk_q_int(&q, ev);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	return e;	/* a duplicate (two tabs at once) is BK_EINVAL: 403 */
}

/*
 * The memo of a step with memo="incoming" (the number the records office types, from the
 * action form's memo_number) or memo="outgoing" (the next number of the acting person's
 * unit), recorded as the step completes, with its event in the trail. A number that is
 * missing, malformed or already registered is BK_ETOOBIG with rq->error set (a 422).
 */
static enum bk_err
record_memo(struct bk_request *rq, const struct bk_req *r, xmlNodePtr step)
{
	char kind[16], number[512];
	const char *in;
	size_t n;
	enum bk_err e;

	if (bk_def_attr(step, "memo", kind, sizeof(kind))[0] == '\0')
		return BK_OK;
	if (strcmp(kind, "incoming") == 0) {
		/* Spaces around the number are not part of it. */
		in = bk_req_form(r, "memo_number");
		in = in != NULL ? in + strspn(in, " ") : "";
		for (n = strlen(in); n > 0 && in[n - 1] == ' '; n--)
			;
		if (n >= sizeof(number)) {
			bk_strlcpy(rq->error, "memo.invalid", sizeof(rq->error));
			return BK_ETOOBIG;
		}
		memcpy(number, in, n);
		number[n] = '\0';
		if (!bk_memo_number_ok(number)) {
			bk_strlcpy(rq->error, "memo.invalid", sizeof(rq->error));
			return BK_ETOOBIG;
		}
		if ((e = bk_memo_incoming(rq, r->sess.person_id, number)) == BK_EINVAL) {
			bk_strlcpy(rq->error, "memo.duplicate", sizeof(rq->error));
			return BK_ETOOBIG;
		}
		if (e != BK_OK)
			return e;
		return event(rq, r->sess.person_id, "memo-in", rq->step, NULL, number);
	}
	if (strcmp(kind, "outgoing") == 0) {
		if ((e = bk_memo_outgoing(rq, r->sess.person_id, number, sizeof(number))) != BK_OK)
			return e;
		return event(rq, r->sess.person_id, "memo-out", rq->step, NULL, number);
	}
	return BK_OK;
}

/* The requester's score moves the request past its survey step, then saves it. */
static enum bk_err
rate(const struct bk_process *p, struct bk_request *rq, long long person, long score,
    const char *note)
{
	char to[48];
	enum bk_err e;

	rq->satisfaction = score;
	if (!target(rq, bk_def_step(p, rq->step), NULL, to, sizeof(to)))
		return BK_EINVAL;
	if ((e = move(p, rq, to, person, "rated", note)) != BK_OK)
		return e;
	return save(p, rq);
}

/* Is rq open at a survey step its requester answers? */
bool
bk_engine_at_survey(const struct bk_process *p, const struct bk_request *rq)
{
	xmlNodePtr step = bk_def_step(p, rq->step);

	return step != NULL && strcmp(rq->status, "open") == 0 &&
	    bk_def_attr_is(step, "kind", "survey") && bk_def_attr_is(step, "actor", "requester");
}

/*
 * The requester's answer through a survey link (no session: the link is the key, and the
 * caller checked it): score 1-5 and an optional comment, as the rate action of the
 * request page with the requester as the actor. BK_EINVAL when rq is not at its survey
 * step (answered meanwhile), BK_ETOOBIG for a score out of range; else as move().
 */
enum bk_err
bk_engine_rate(const struct bk_process *p, struct bk_request *rq, long score,
    const char *comment)
{
	if (!bk_engine_at_survey(p, rq))
		return BK_EINVAL;
	if (score < 1 || score > 5)
		return BK_ETOOBIG;
	return rate(p, rq, rq->requester_id, score, comment);
}

/*
 * Performs action for the signed-in person. BK_EINVAL (the page answers 403) when the
 * person may not do it now, whatever the page they came from showed.
 */
enum bk_err
bk_engine_act(const struct bk_process *p, struct bk_request *rq, const struct bk_req *r,
    const char *action, const char *arg, const char *note)
{
	struct bk_allowed a;
	xmlNodePtr step = bk_def_step(p, rq->step);
	long long me = r->sess.person_id;
	char to[48];
	long score;
	enum bk_err e;

	bk_engine_allowed(p, rq, r, &a);
	if (strcmp(action, "comment") == 0 && a.comment) {
		if (note == NULL || note[0] == '\0')
			return BK_ETOOBIG;	/* the page answers 422: a comment needs text */
		return event(rq, me, "comment", NULL, NULL, note);
	}
	if (strcmp(action, "complete") == 0 && a.complete) {
		if (!target(rq, step, NULL, to, sizeof(to)))
			return BK_EINVAL;
		if ((e = record_memo(rq, r, step)) != BK_OK)
			return e;
		e = move(p, rq, to, me, "completed", note);
	} else if (strcmp(action, "approve") == 0 && a.approve) {
		bool last = true;
		if (!target(rq, step, "approved", to, sizeof(to)))
			return BK_EINVAL;
		if (bk_engine_is_committee(step) &&
		    (e = committee_vote(rq, step, me, a.on_behalf, note, &last)) != BK_OK)
			return e;
		if (!last)
			return save(p, rq);	/* counted; the others are awaited */
		if ((e = record_memo(rq, r, step)) != BK_OK)
			return e;
		e = move_for(p, rq, to, me, "approved", note, a.on_behalf);
	} else if (strcmp(action, "reject") == 0 && a.reject) {
		if (note == NULL || note[0] == '\0')
			return BK_ETOOBIG;	/* a rejection gives its reason */
		if (!target(rq, step, "rejected", to, sizeof(to)))
			return BK_EINVAL;
		if ((e = record_memo(rq, r, step)) != BK_OK)
			return e;
		e = move_for(p, rq, to, me, "rejected", note, a.on_behalf);
	} else if (strcmp(action, "assign") == 0 && a.assign) {
		long id;
		char actor[32];
		if (arg == NULL || bk_parse_long(arg, 1, 2147483647L, &id) != BK_OK)
			return BK_EINVAL;
		bk_def_attr(step, "actor", actor, sizeof(actor));
		/* Only the ict-head gives work to others; a holder of the role takes it. */
		if ((!a.assign_any && id != me) || !person_holds(id, actor, ""))
			return BK_EINVAL;
		rq->assignee_id = id;
		e = event_full(rq, me, "assigned", rq->step, NULL, note, id, 0, NULL);
	} else if (strcmp(action, "branch") == 0 && arg != NULL) {
		bool ok = false;
		for (int i = 0; i < a.nbranch; i++)
			if (strcmp(a.branch[i], arg) == 0)
				ok = true;
		if (!ok)
			return BK_EINVAL;
		if ((e = record_memo(rq, r, step)) != BK_OK)
			return e;
		e = move(p, rq, arg, me, "decided", note);
	} else if (strcmp(action, "return") == 0 && a.ret) {
		if (note == NULL || note[0] == '\0')
			return BK_ETOOBIG;	/* say what is missing */
		long long ev = 0;
		bk_strlcpy(rq->status, "returned", sizeof(rq->status));
		e = event_id(rq, me, "returned", rq->step, rq->step, note, &ev);
		if (e == BK_OK)
			e = bk_notify_requester(p, rq, "returned", ev, note);
		if (e == BK_OK)
			e = bk_clock_pause(rq);	/* waiting for the requester: the clock stops */
	} else if (strcmp(action, "resubmit") == 0 && a.resubmit) {
		long long ev = 0;
		bk_strlcpy(rq->status, "open", sizeof(rq->status));
		e = event_id(rq, me, "resubmitted", rq->step, rq->step, note, &ev);
		/* Back at the step it was returned from: its people have work again. */
		if (e == BK_OK)
			e = bk_notify_step(p, rq, step, NULL, ev, NULL);
		if (e == BK_OK)
			e = bk_clock_resume(rq, time(NULL));
	} else if (strcmp(action, "rate") == 0 && a.rate) {
		if (arg == NULL || bk_parse_long(arg, 1, 5, &score) != BK_OK)
			return BK_ETOOBIG;
		return rate(p, rq, me, score, note);
	} else
		return BK_EINVAL;
	if (e != BK_OK)
		return e;
	return save(p, rq);
}
